"""Drive a real JupyterLab in headless Chromium: run a notebook's cells and look at the page.

Shared by ``tests/test_jupyterlab_e2e.py`` and ``scripts/screenshot.py``. Everything runs
on a private copy: the notebooks and seeds are copied into a temporary folder that is the
server's root (JupyterLab saves and checkpoints there, never into ``notebooks/``), and the
Jupyter config, data, runtime, settings, workspaces and IPython folders are temporary too,
so nothing of the user's leaks in. The venv's own lab extensions (plotly, ipywidgets) still
load: they live under ``sys.prefix``, which no environment variable here hides.

Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright from PyPI; Playwright's
own browser download is never used.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("ZONE_CHROMIUM", "/usr/bin/chromium"))
# Flags that keep Chromium off the (closed) network and away from any user profile;
# a fresh --user-data-dir is added per launch.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# The lab extensions the notebooks need; their absence means a chart or widget can't render.
REQUIRED_EXTENSIONS = ("jupyterlab-plotly", "@jupyter-widgets/jupyterlab-manager")
# JupyterLab user settings for the private session: no autosave (belt and braces, the
# notebook is a copy anyway), no news or update checks (no network, no toasts), and the
# preferred kernel starts without asking (a notebook without kernelspec metadata would
# otherwise open a "Select Kernel" dialog).
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


class LabError(RuntimeError):
    """JupyterLab or the browser did not do what was asked in time."""


def missing_tools() -> list[str]:
    """What the browser side needs and this machine lacks (empty when all is there)."""
    missing = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium ({CHROMIUM}; Debian package 'chromium')")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package 'playwright' (pip install playwright; no browser download)")
    return missing


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stage(dest: Path, root: Path = ROOT) -> Path:
    """Copy ``notebooks/`` and ``seeds/`` into ``dest`` (the lab's root folder) and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("notebooks", "seeds"):
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


def isolated_env(home: Path) -> dict[str, str]:
    """This process's environment with every Jupyter/IPython user folder moved under ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    dirs = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
        "MPLCONFIGDIR": home / "matplotlib",
    }
    for key, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        env[key] = str(path)
    env["JUPYTER_PLATFORM_DIRS"] = "1"  # silence the platformdirs migration warning
    env["PYTHONUNBUFFERED"] = "1"
    for name, settings in LAB_SETTINGS.items():
        target = dirs["JUPYTERLAB_SETTINGS_DIR"] / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(settings), encoding="utf-8")
    return env


def jupyter_command(*args: str) -> list[str]:
    """The venv's ``jupyter`` (the one beside this Python) with ``args``."""
    exe = Path(sys.executable).parent / "jupyter"
    return [str(exe) if exe.exists() else shutil.which("jupyter") or "jupyter", *args]


def labextensions(env: dict[str, str]) -> str:
    """Output of ``jupyter labextension list`` as the lab will see it (same environment)."""
    done = subprocess.run(
        jupyter_command("labextension", "list"),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout + done.stderr


@dataclass
class LabServer:
    """A running ``jupyter lab`` on 127.0.0.1."""

    root_dir: Path
    port: int
    token: str
    proc: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str] = field(repr=False)

    @property
    def base(self) -> str:
        """Base URL of the server."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """A URL under the server with the token attached."""
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> Any:
        """Call the REST API and return the decoded JSON (or None for an empty answer)."""
        req = urllib.request.Request(
            f"{self.base}/api/{path.lstrip('/')}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - localhost only
            body = resp.read()
        return json.loads(body) if body else None

    def log_tail(self, chars: int = 4000) -> str:
        """The end of the server's log, for failure messages."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


@contextmanager
def lab_server(root_dir: Path, home: Path, *, start_timeout: float = 90) -> Iterator[LabServer]:
    """Start ``jupyter lab`` on a free port with a random token; always stop it afterwards.

    Args:
        root_dir: The server's root folder (a staged copy, see :func:`stage`).
        home: A scratch folder for the private Jupyter folders and the server log.
        start_timeout: Seconds to wait for the server to answer.
    """
    env = isolated_env(home)
    port, token = free_port(), secrets.token_hex(24)
    log = home / "jupyter-lab.log"
    cmd = jupyter_command(
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.terminals_enabled=False",
        "--ServerApp.allow_root=True",  # CI and containers run as root
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups from the lab
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    )
    # news_url must be None (a command-line value would be the string "None").
    (Path(env["JUPYTER_CONFIG_DIR"]) / "jupyter_lab_config.json").write_text(
        json.dumps({"LabApp": {"news_url": None}}), encoding="utf-8"
    )
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=root_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as a whole
        )
    server = LabServer(root_dir=root_dir, port=port, token=token, proc=proc, log=log, env=env)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if proc.poll() is not None:
                raise LabError(f"jupyter lab exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                server.api("status", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                raise LabError(
                    f"jupyter lab did not answer within {start_timeout:.0f} s:\n{server.log_tail()}"
                )
            time.sleep(0.25)
        yield server
    finally:
        stop(server)


def stop(server: LabServer, timeout: float = 15) -> None:
    """Shut the server and its kernels down: politely, then its process group by force."""
    proc = server.proc
    if proc.poll() is None:
        try:
            server.api("shutdown", method="POST", timeout=5)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            continue
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=5)


@contextmanager
def chromium_page(width: int = 1400, height: int = 900) -> Iterator[Any]:
    """A Playwright page in headless Debian Chromium with a fresh profile; closed afterwards."""
    from playwright.sync_api import sync_playwright

    profile = Path(tempfile.mkdtemp(prefix="zone-chromium-"))
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                str(profile),
                executable_path=str(CHROMIUM),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": width, "height": height},
                device_scale_factor=1,
            )
            try:
                context.set_default_timeout(30_000)
                page = context.pages[0] if context.pages else context.new_page()
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# Reads the open notebook's model (not the DOM): cell types, execution counts, outputs
# (errors with their names), and the kernel's status. `path` is relative to the root.
_STATE_JS = """
(path) => {
  const app = window.jupyterapp;
  if (!app) return {exposed: false};
  let panel = null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.model) { panel = w; break; }
  }
  if (!panel) return {exposed: true, open: false};
  const model = panel.content.model;
  const cells = [];
  for (let i = 0; i < model.cells.length; i++) {
    const c = model.cells.get(i);
    const outputs = [];
    if (c.type === 'code') {
      for (let j = 0; j < c.outputs.length; j++) {
        const o = c.outputs.get(j).toJSON();
        const out = {type: o.output_type};
        if (o.output_type === 'error') { out.ename = o.ename; out.evalue = o.evalue; }
        if (o.output_type === 'stream') { out.name = o.name; out.text = String(o.text).slice(0, 4000); }
        if (o.data) { out.mimes = Object.keys(o.data); }
        outputs.push(out);
      }
    }
    cells.push({type: c.type, count: c.type === 'code' ? c.executionCount : null, outputs});
  }
  const session = panel.sessionContext;
  const kernel = session.session && session.session.kernel;
  return {
    exposed: true, open: true,
    kernel: kernel ? kernel.status : null,
    display: session.kernelDisplayStatus,
    busy: panel.content.widgets.some(w => w.model.type === 'code' && w.promptNode
                                     && w.promptNode.textContent.includes('*')),
    cells,
  };
}
"""


@dataclass
class RunResult:
    """What running a notebook produced, read from JupyterLab's notebook model."""

    path: str
    cells: list[dict[str, Any]]
    seconds: float

    @property
    def code_cells(self) -> list[dict[str, Any]]:
        """The code cells only."""
        return [c for c in self.cells if c["type"] == "code"]

    @property
    def errors(self) -> list[str]:
        """``ename: evalue`` of every error output, and stderr streams that hold a traceback."""
        found = []
        for i, cell in enumerate(self.cells):
            for out in cell["outputs"]:
                if out["type"] == "error":
                    found.append(f"cell {i}: {out['ename']}: {out['evalue']}")
                elif out["type"] == "stream" and out.get("name") == "stderr" and "Traceback" in out["text"]:
                    found.append(f"cell {i}: traceback on stderr:\n{out['text']}")
        return found


def _accept_dialog(page: Any) -> None:
    """Accept a modal dialog if one is up (e.g. "Select Kernel" when metadata names none)."""
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    if accept.count() and accept.first.is_visible():
        accept.first.click()


def open_notebook(page: Any, server: LabServer, path: str, timeout: float = 120) -> None:
    """Open ``path`` (relative to the root) in JupyterLab and wait until its kernel is idle."""
    page.goto(server.url(f"lab/tree/{path}"), timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = page.evaluate(_STATE_JS, path) or {}
        if state.get("open") and state.get("kernel") == "idle" and state.get("display") == "idle":
            return
        _accept_dialog(page)
        time.sleep(0.25)
    raise LabError(
        f"{path} did not open with an idle kernel within {timeout:.0f} s "
        f"(window.jupyterapp exposed {state.get('exposed')!r}, notebook open {state.get('open')!r}, "
        f"kernel {state.get('kernel')!r}):\n{server.log_tail()}"
    )


# Activate the notebook's tab and start Run → Run All Cells (the menu's command) without
# awaiting it: the command's promise lasts as long as the run, and run_all bounds the wait.
_RUN_ALL_JS = """
(path) => {
  const app = window.jupyterapp;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path) { app.shell.activateById(w.id); break; }
  }
  app.commands.execute('notebook:run-all-cells');
  return true;
}
"""


def run_all(page: Any, server: LabServer, path: str, timeout: float = 120) -> RunResult:
    """Run → Run All Cells on the open notebook; wait until every code cell ran or one failed.

    Waits (at most ``timeout`` seconds) until every code cell has an execution count, no
    prompt shows ``[*]`` and the kernel is idle, twice in a row; or until an error output
    appears and the kernel is idle (Run All stops at a failing cell).
    """
    start = time.monotonic()
    page.evaluate(_RUN_ALL_JS, path)
    deadline = start + timeout
    settled = 0
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        time.sleep(0.25)
        state = page.evaluate(_STATE_JS, path) or {}
        if not state.get("open"):
            raise LabError(f"{path} is no longer open in JupyterLab")
        result = RunResult(path, state["cells"], time.monotonic() - start)
        idle = state["kernel"] == "idle" and not state["busy"]
        done = all(c["count"] is not None for c in result.code_cells)
        settled = settled + 1 if idle and (done or result.errors) else 0
        if settled >= 2:
            return result
    counts = [c["count"] for c in state.get("cells", []) if c["type"] == "code"]
    raise LabError(
        f"running {path} did not finish within {timeout:.0f} s "
        f"(kernel {state.get('kernel')!r}, execution counts {counts}):\n{server.log_tail()}"
    )


# DOM facts about the rendered outputs of the notebook panel that shows `path`.
_RENDERED_JS = """
(path) => {
  let panel = null;
  for (const w of window.jupyterapp.shell.widgets('main')) {
    if (w.context && w.context.path === path) { panel = w; break; }
  }
  if (!panel) return null;
  const root = panel.node;
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  const plots = [...root.querySelectorAll('.jp-OutputArea-output.jp-RenderedPlotly')]
    .filter(el => el.querySelector('.plot-container .main-svg'));
  const widgets = [...root.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')]
    .filter(el => el.parentElement.closest('.jupyter-widgets') === null);  // outermost only
  const texts = [...root.querySelectorAll('.jp-OutputArea-output')].map(el => el.textContent);
  return {
    plots: plots.map(box),
    widgets: widgets.map(el => [...el.classList].filter(c => c.startsWith('widget-'))),
    widgetErrors: texts.filter(t => /Error displaying widget|Loading widget\\.\\.\\./.test(t))
      .map(t => t.slice(0, 300)),
    errorOutputs: [...root.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(el => el.textContent).filter(t => t.includes('Traceback')).map(t => t.slice(0, 2000)),
  };
}
"""


def rendered(page: Any, path: str) -> dict[str, Any]:
    """Plotly charts (sizes), top-level widgets (their ``widget-*`` classes), widget and error texts."""
    return page.evaluate(_RENDERED_JS, path)


def wait_rendered(
    page: Any, path: str, need_plot: bool = True, need_widget: bool = True, timeout: float = 30
) -> dict[str, Any]:
    """Wait (bounded) until a Plotly chart and a widget have rendered; return :func:`rendered`."""
    deadline = time.monotonic() + timeout
    facts = rendered(page, path)
    while time.monotonic() < deadline:
        if (
            (facts["plots"] or not need_plot)
            and (facts["widgets"] or not need_widget)
            and not any("Loading widget" in t for t in facts["widgetErrors"])
        ):
            break
        time.sleep(0.25)
        facts = rendered(page, path)
    return facts
