"""A papermill engine that runs notebooks in this process, in a reused IPython shell.

The usual route (``papermill`` then ``jupyter nbconvert``) starts an interpreter and a
kernel for every briefing and imports pandas, plotly and zone_lib again each time:
most of its 6–7 s per briefing. ``zone render`` instead registers this engine with
papermill (``engine_name="zone-inprocess"``) in a worker process that has imported
everything once, and runs briefing after briefing there.

Isolation: every notebook starts with a fresh user namespace (``shell.reset``), a
fresh execution count and figure numbering, and the environment variables it was
given; the library's caches hold pure functions of the seed files. A test renders
briefing B alone and after A and compares the bytes.

Outputs are recorded as a kernel would send them (``stream``, ``display_data``,
``execute_result``, ``error``), so the executed notebook is an ordinary ``.ipynb``.

Time limits: each cell runs under a ``SIGALRM`` timer (the smaller of the cell limit
and what is left of the notebook limit); a cell that overruns is interrupted with
:class:`CellTimeout`, recorded as the cell's error, and the notebook stops there.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from typing import Any

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from jupyter_client.manager import AsyncKernelManager
from papermill.engines import Engine, papermill_engines

from zone_lib.errors import CellTimeout
from zone_lib.views import figure_html
from zone_lib.views.common import RENDERER_ENV

ENGINE_NAME = "zone-inprocess"


class _Recorder:
    """Where the shell's outputs go while a cell runs."""

    def __init__(self) -> None:
        self.outputs: list[dict[str, Any]] | None = None

    def add(self, output: dict[str, Any]) -> None:
        if self.outputs is not None:
            self.outputs.append(nbformat.from_dict(output))

    def stream(self, name: str, text: str) -> None:
        if self.outputs is None or not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last.get("output_type") == "stream" and last.get("name") == name:
            last["text"] += text
        else:
            self.add({"output_type": "stream", "name": name, "text": text})


_RECORDER = _Recorder()


class _Stream:
    """A text stream (stdout/stderr) that records into the current cell's outputs."""

    encoding = "utf-8"

    def __init__(self, name: str) -> None:
        self.name = name

    def write(self, text: str) -> int:
        _RECORDER.stream(self.name, text)
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _DisplayPublisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):  # noqa: D102
        _RECORDER.add({"output_type": "display_data", "data": dict(data), "metadata": dict(metadata or {})})

    def clear_output(self, wait=False):  # noqa: D102
        if _RECORDER.outputs is not None:
            _RECORDER.outputs.clear()


class _DisplayHook(DisplayHook):
    """Record the value of a cell's last expression as an ``execute_result``."""

    def start_displayhook(self):  # noqa: D102
        self._data: dict[str, Any] = {}
        self._metadata: dict[str, Any] = {}

    def write_output_prompt(self):  # noqa: D102
        pass

    def write_format_data(self, format_dict, md_dict=None):  # noqa: D102
        self._data = dict(format_dict)
        self._metadata = dict(md_dict or {})

    def flush(self):
        """Forget the cached outputs (``_``, ``_1`` …, ``Out``) as IPython does.

        IPython's own version also runs a full ``gc.collect()``: 0.15 s per briefing with
        pandas and plotly loaded, for nothing the next briefing can see.
        """
        for n in range(1, self.prompt_count + 1):
            self.shell.user_ns_hidden.pop(f"_{n}", None)
            self.shell.user_ns.pop(f"_{n}", None)
        oh = self.shell.user_ns.get("_oh")
        if oh is not None:
            oh.clear()
        self._, self.__, self.___ = "", "", ""
        self.shell.user_ns.update({"_": "", "__": "", "___": ""})

    def finish_displayhook(self):  # noqa: D102
        if self._data:
            _RECORDER.add(
                {
                    "output_type": "execute_result",
                    "execution_count": self.shell.execution_count,
                    "data": self._data,
                    "metadata": self._metadata,
                }
            )


class _Shell(InteractiveShell):
    """An IPython shell that records outputs instead of printing them."""

    displayhook_class = _DisplayHook
    display_pub_class = _DisplayPublisher

    def _showtraceback(self, etype, evalue, stb):
        _RECORDER.add(
            {
                "output_type": "error",
                "ename": getattr(etype, "__name__", str(etype)),
                "evalue": str(evalue),
                "traceback": list(stb),
            }
        )

    def init_io(self):  # keep sys.stdout/stderr as they are; cells are redirected one by one
        pass


_SHELL: _Shell | None = None


def shell() -> _Shell:
    """The process's recording shell (created on first use)."""
    global _SHELL
    if _SHELL is None:
        _SHELL = _Shell.instance(colors="nocolor")
        _SHELL.history_manager.enabled = False
    return _SHELL


@contextlib.contextmanager
def _alarm(seconds: float | None, message: str):
    """Raise :class:`CellTimeout` in this thread after ``seconds`` (main thread only)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _fire(signum, frame):
        raise CellTimeout(message)

    previous = signal.signal(signal.SIGALRM, _fire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _describe(nb_man) -> str:
    meta = nb_man.nb.metadata.get("papermill", {})
    name = meta.get("input_path") or "notebook"
    parameters = meta.get("parameters") or {}
    shown = ", ".join(f"{k}={v!r}" for k, v in parameters.items())
    return f"{name}({shown})" if shown else str(name)


class InProcessEngine(Engine):
    """The papermill engine of ``zone render``: cells run in this process's IPython shell."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        cell_timeout: float | None = None,
        notebook_timeout: float | None = None,
        **kwargs,
    ):
        """Run every code cell of ``nb_man.nb`` in order, stopping at the first error.

        Args:
            nb_man: papermill's execution manager of the notebook.
            kernel_name: Ignored (the shell is Python); kept for papermill.
            cell_timeout: Seconds a cell may run, or None for no limit.
            notebook_timeout: Seconds the whole notebook may run, or None.
            **kwargs: Other papermill engine arguments (ignored).
        """
        sh = shell()
        sh.reset(new_session=True)
        sh.execution_count = 1
        figure_html.reset_figure_ids()
        what = _describe(nb_man)
        started = time.monotonic()
        saved = sys.stdout, sys.stderr
        for index, cell in enumerate(nb_man.nb.cells):
            if cell.cell_type != "code":
                continue
            nb_man.cell_start(cell, index)
            cell.outputs = []
            limit = cell_timeout
            if notebook_timeout is not None:
                left = notebook_timeout - (time.monotonic() - started)
                limit = left if limit is None else min(limit, left)
            which = "notebook" if limit is not None and limit != cell_timeout else "cell"
            seconds = cell_timeout if which == "cell" else notebook_timeout
            message = (
                f"{what}: cell {index} (execution {sh.execution_count}) exceeded the {which} time limit "
                f"of {seconds:g} s; raise --{which}-timeout or look at that cell"
                if seconds is not None
                else ""
            )
            cell.execution_count = sh.execution_count
            _RECORDER.outputs = cell.outputs
            sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
            try:
                if limit is not None and limit <= 0:
                    raise CellTimeout(message)
                with _alarm(limit, message):
                    result = sh.run_cell(cell.source, store_history=True)
            except CellTimeout as exc:  # raised between cells or outside the shell's own handler
                _RECORDER.add(
                    {"output_type": "error", "ename": "CellTimeout", "evalue": str(exc), "traceback": []}
                )
                result = None
            finally:
                sys.stdout, sys.stderr = saved
                _RECORDER.outputs = None
            failed = result is None or not result.success
            if failed:
                nb_man.cell_exception(cell, cell_index=index)
            nb_man.cell_complete(cell, cell_index=index)
            if failed:
                break


def register() -> None:
    """Register :class:`InProcessEngine` with papermill as ``zone-inprocess`` (idempotent)."""
    papermill_engines.register(ENGINE_NAME, InProcessEngine)


class BriefingKernelManager(AsyncKernelManager):
    """A Jupyter kernel manager whose kernels draw figures with the briefing renderer.

    ``--engine kernel`` runs each notebook in a real kernel, another process: the renderer
    choice goes into that kernel's own environment (``ZONE_PLOTLY_RENDERER``), which
    :func:`zone_lib.views.setup_plotly` reads; the environment of ``zone render`` itself is
    left alone.
    """

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        env = dict(kw.pop("env", None) or os.environ)
        env[RENDERER_ENV] = figure_html.RENDERER_NAME
        return await super()._async_pre_start_kernel(env=env, **kw)
