"""``zone render``: the notebooks as an offline HTML briefing site.

For each :class:`~zone_lib.render.suite.Briefing` the renderer

1. drops the cells tagged ``live`` (ipywidgets need a kernel) and executes the
   notebook with papermill — by default through the in-process engine of
   :mod:`zone_lib.render.engine`, in worker processes that imported everything once;
2. exports the outputs and markdown a reader needs (:mod:`zone_lib.render.body`; cells
   tagged ``notebook-only`` stay in the notebook), with a header block of headline
   figures (:mod:`zone_lib.views.headline`) and a CSV file beside each table and chart;
3. checks the result: every figure drawn by the briefing renderer is in the page, no
   figure fell back to plain text, no file loads anything from a network;
4. wraps it in a page that loads the one shared ``assets/plotly-*.min.js`` and
   ``assets/briefing.css`` and writes it atomically (temporary file, then rename).

A briefing that fails (bad parameter, error in a cell, time limit) is marked failed
in ``index.html`` and in the exit status, its executed notebook is kept under
``failed/``, and the others go on. A rerun skips a briefing whose notebook,
parameters, library (version and source) and seeds are unchanged, unless ``force``.
Everything written is deterministic: no timestamps, random ids or absolute paths.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import hashlib
import json
import multiprocessing
import os
import queue
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from zone_lib._version import __version__
from zone_lib.errors import RenderError, ZoneError
from zone_lib.files import atomic_write
from zone_lib.ingest.seeds import seeds_dir, set_default_seeds
from zone_lib.render.body import Body, _markdown, export
from zone_lib.render.sources import write_sources
from zone_lib.render.suite import KINDS, Briefing, notebooks_dir
from zone_lib.safe_names import inside, safe_stem
from zone_lib.views.common import use_renderer
from zone_lib.views.headline import headline

STATE_FILE = ".zone-render.json"
ASSETS = "assets"
FAILED = "failed"
DATA_DIR = "data"
LIVE_TAG = "live"
MAX_BRIEFING_BYTES = 400_000

_DATA = Path(__file__).resolve().parent.parent / "data"
_RESOURCE_ATTR = re.compile(
    r"""<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)
_CSS_IMPORT = re.compile(
    r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.IGNORECASE
)
_FIGURE_ID = re.compile(r'<div\b[^>]*\bid="(zone-fig-\d+)"')


@dataclass
class Result:
    """What happened to one briefing.

    Attributes:
        stem: File-name stem of the briefing.
        kind: Briefing kind.
        title: Bilingual title.
        parameters: Parameters as text.
        status: ``ok`` or ``failed``.
        file: The HTML file name (``ok``) or "".
        error: One-line reason when failed.
        notebook_file: Path of the kept executed notebook, relative to the output folder.
        key: Hash of everything the briefing depends on.
        sha256: Hash of the HTML written.
        size: Bytes of the HTML written.
        figures: Number of plotly figures in the page.
        seconds: Wall time spent on it.
        skipped: True when an unchanged briefing was not rendered again.
    """

    stem: str
    kind: str
    title: str
    parameters: str
    status: str = "ok"
    file: str = ""
    error: str = ""
    notebook_file: str = ""
    key: str = ""
    sha256: str = ""
    size: int = 0
    figures: int = 0
    seconds: float = 0.0
    skipped: bool = False


@dataclass
class Options:
    """Settings of a render run (picklable, sent to the workers)."""

    out: str
    notebooks: str
    seeds: str | None = None
    engine: str = "inprocess"
    cell_timeout: float | None = 120.0
    notebook_timeout: float | None = 600.0
    keep_notebooks: bool = False


# --------------------------------------------------------------------------- hashing


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def library_signature() -> str:
    """Hash of zone_lib's version, source files and data files (changes when the library does)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".csv", ".txt", ".j2", ".css"}:
            if "__pycache__" in path.parts or "_seeds" in path.parts or "_notebooks" in path.parts:
                continue
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def seeds_signature(seeds: str | os.PathLike[str] | None = None) -> str:
    """Hash of the names and bytes of every file in the seeds folder (16 hex digits)."""
    folder = seeds_dir(seeds)
    h = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        h.update(path.name.encode())
        h.update(_sha(path.read_bytes()).encode())
    return h.hexdigest()[:16]


def briefing_key(b: Briefing, notebook_bytes: bytes, library: str, seeds: str, engine: str) -> str:
    """Hash of everything a briefing's HTML depends on."""
    payload = json.dumps(
        {
            "notebook": _sha(notebook_bytes),
            "parameters": b.parameters,
            "library": library,
            "seeds": seeds,
            "engine": engine,
            "stem": b.stem,
            "title": b.title,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return _sha(payload.encode())


# --------------------------------------------------------------------------- writing


@functools.cache
def _jinja():
    import jinja2  # heavy: rendering only

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_DATA / "templates")),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def plotly_js_name() -> str:
    """File name of the shared plotly.js in ``assets/`` (versioned)."""
    from plotly.offline import get_plotlyjs_version  # heavy: rendering only

    return f"plotly-{safe_stem(get_plotlyjs_version())}.min.js"


TABLES_JS = "zone-tables.js"
TABLES_CSS = "zone-tables.css"
_DT_EXPORT = re.compile(r"export\s*\{([^}]*)\}")
_TABLES_INIT = """
(function () {
  var DT = window.ZoneTables && window.ZoneTables.DataTable;
  if (!DT) { return; }
  var all = [];
  document.querySelectorAll("table.zone-dt").forEach(function (t) {
    var n = parseInt(t.getAttribute("data-page-length") || "-1", 10);
    all.push(new DT(t, {
      paging: n > 0, pageLength: n > 0 ? n : 25, order: [], autoWidth: false,
      lengthMenu: [[10, 25, 50, -1], [10, 25, 50, "全部 All"]],
      language: {search: "搜索 Search:", lengthMenu: "每页 _MENU_ rows", zeroRecords: "无匹配 no match",
        info: "_START_–_END_ / _TOTAL_", infoEmpty: "0 / 0", infoFiltered: "(共 of _MAX_)",
        emptyTable: "无 none"}
    }));
  });
  function printAll() { all.forEach(function (d) { d.search("").page.len(-1).draw(); }); }
  window.addEventListener("beforeprint", printAll);
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    if (mq.addEventListener) {
      mq.addEventListener("change", function (e) { if (e.matches) { printAll(); } });
    }
  }
  window.zoneTables = all;
})();
"""


@functools.cache
def tables_assets() -> tuple[bytes, bytes]:
    """DataTables (as shipped by itables, offline) as one classic script and its stylesheet.

    itables ships DataTables as an ES module; Chromium does not load module scripts from
    ``file://`` pages, so the bundle is wrapped in a function that puts its exports on
    ``window.ZoneTables``, followed by the code that makes every ``table.zone-dt``
    searchable, sortable and paged (and shows every row when printing).
    """
    folder = resources.files("itables") / "html"
    js = (folder / "dt_bundle.js").read_text(encoding="utf-8")
    matches = list(_DT_EXPORT.finditer(js))
    if len(matches) != 1:
        raise RenderError("itables' dt_bundle.js has changed shape (expected one export statement)")
    names = []
    for part in matches[0].group(1).split(","):
        local, _, exported = part.strip().partition(" as ")
        names.append(f"{json.dumps((exported or local).strip())}:{local.strip()}")
    exports = "window.ZoneTables={" + ",".join(names) + "};"
    exports += "window.ZoneTables.DataTable=window.ZoneTables.default;"
    m = matches[0]
    wrapped = "(function(){\n" + js[: m.start()] + exports + js[m.end() :] + "\n})();\n" + _TABLES_INIT
    css = (folder / "dt_bundle.css").read_bytes()
    return wrapped.encode("utf-8"), css


def write_assets(out: Path) -> list[Path]:
    """Write the shared plotly.js, DataTables and stylesheet into ``out/assets`` (only when they differ)."""
    from plotly.offline import get_plotlyjs  # heavy: rendering only

    written = []
    folder = out / ASSETS
    js, css = tables_assets()
    for name, data in (
        (plotly_js_name(), get_plotlyjs().encode("utf-8")),
        ("briefing.css", (_DATA / "briefing.css").read_bytes()),
        (TABLES_JS, js),
        (TABLES_CSS, css),
    ):
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            atomic_write(path, data)
        written.append(path)
    return written


# --------------------------------------------------------------------------- one briefing (worker side)


def _prepare(nb_path: Path):
    import nbformat  # heavy: rendering only

    nb = nbformat.read(str(nb_path), as_version=4)
    nb.cells = [c for c in nb.cells if LIVE_TAG not in c.get("metadata", {}).get("tags", [])]
    return nb


def _error_of(nb, b: Briefing) -> str:
    """One line naming the failing cell of an executed notebook and its error."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                value = str(out.get("evalue", "")).splitlines()[0] if out.get("evalue") else ""
                what = f"{b.notebook} ({b.parameter_text() or 'no parameters'})"
                run = cell.get("execution_count")
                at = f"cell {index} (In [{run}])" if run else f"cell {index}"
                return f"{out.get('ename')} in {at} of {what}: {value}"
    return f"{b.notebook} ({b.parameter_text() or 'no parameters'}) failed"


def verify_page(body: str, figures_expected: int, where: str) -> int:
    """Check an exported briefing body; return its number of figures.

    Raises:
        RenderError: If a figure is missing or fell back to text, or a network resource is referenced.
    """
    ids = _FIGURE_ID.findall(body)
    if len(ids) != figures_expected or len(set(ids)) != len(ids):
        raise RenderError(
            f"{where}: {figures_expected} figure(s) drawn but {len(ids)} in the page; "
            f"a figure was lost in the HTML export (is the plotly renderer set by views.setup_plotly()?)"
        )
    if "application/vnd.plotly.v1+json" in body or re.search(
        r"&lt;?Figure\(|^Figure\(\{", body, re.MULTILINE
    ):
        raise RenderError(f"{where}: a plotly figure was written as text instead of HTML")
    if _RESOURCE_ATTR.search(body) or _CSS_IMPORT.search(body):
        raise RenderError(f"{where}: the page references a network resource; briefings must work offline")
    return len(ids)


def _lost_figure(data: dict[str, Any]) -> bool:
    """Whether an output holds a plotly figure in a form the HTML page cannot show."""
    html = data.get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    if "plotly-graph-div" in html:
        return False
    as_json = data.get("application/json")
    text = data.get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else text
    return (
        "application/vnd.plotly.v1+json" in data
        or (isinstance(as_json, dict) and {"data", "layout"} <= set(as_json))
        or text.startswith("Figure({")
    )


def check_figures(nb, where: str) -> None:
    """Fail when a cell's plotly figure would be missing from the HTML briefing.

    Raises:
        RenderError: Naming the cell, when a figure came out as JSON or text only (the
            renderer was not ``zone_briefing``: see :func:`zone_lib.views.setup_plotly`).
    """
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if _lost_figure(out.get("data", {})):
                raise RenderError(
                    f"{where}: the plotly figure of cell {index} was not rendered as HTML (renderer "
                    f"{cell.get('source', '')[:40]!r}…); call views.setup_plotly() and do not change "
                    "plotly.io.renderers.default in a briefing notebook"
                )


def _count_figures(nb) -> int:
    n = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = out.get("data", {}).get("text/html", "")
            if isinstance(text, list):
                text = "".join(text)
            n += len(_FIGURE_ID.findall(text))
    return n


def page(b: Briefing, body, seeds_sig: str, header: str = "") -> bytes:
    """The full HTML page of a briefing around its exported body.

    Args:
        b: The briefing.
        body: The :class:`zone_lib.render.body.Body` (or plain HTML text).
        seeds_sig: Short hash of the seeds, shown in the footer.
        header: The header block's HTML (:func:`zone_lib.views.headline`).
    """
    if not isinstance(body, Body):
        body = Body(str(body))
    template = _jinja().get_template("briefing.html.j2")
    siblings = [(k, t) for k, (_, _, t) in KINDS.items()]
    text = template.render(
        title=b.title,
        kind=b.kind,
        header=header,
        body=body.html,
        toc=body.toc,
        siblings=siblings,
        parameters=b.parameter_text(),
        notebook=b.notebook,
        version=__version__,
        seeds_signature=seeds_sig,
        css=f"{ASSETS}/briefing.css",
        tables_css=f"{ASSETS}/{TABLES_CSS}",
        tables_js=f"{ASSETS}/{TABLES_JS}",
        plotly_js=f"{ASSETS}/{plotly_js_name()}",
        has_tables="zone-dt" in body.html,
    )
    return text.encode("utf-8")


def header_html(b: Briefing) -> str:
    """The header block of a briefing (title in words, headline figures, sentences)."""
    value = next(iter(b.parameters.values()), None)
    return headline(b.kind, value).to_html()


def _execute(nb, b: Briefing, opts: Options, scratch: Path):
    import papermill as pm  # heavy: rendering only

    from zone_lib.render.engine import (  # heavy: papermill and IPython
        ENGINE_NAME,
        BriefingKernelManager,
        register,
    )

    parameters = dict(b.parameters)
    if opts.seeds and opts.engine != "inprocess":
        parameters["seeds"] = opts.seeds  # a kernel is another process: the notebook's ``seeds`` parameter
    common = dict(
        parameters=parameters,
        progress_bar=False,
        kernel_name="python3",
        request_save_on_cell_execute=False,
        cwd=None,
    )
    if opts.engine == "inprocess":
        register()
        return pm.execute_notebook(
            nb,
            str(scratch),
            engine_name=ENGINE_NAME,
            cell_timeout=opts.cell_timeout,
            notebook_timeout=opts.notebook_timeout,
            **common,
        )
    return pm.execute_notebook(
        nb,
        str(scratch),
        execution_timeout=opts.cell_timeout,
        shutdown_kernel="immediate",
        kernel_manager_class=BriefingKernelManager,  # the kernel's env names the briefing renderer
        **common,
    )


def _stable_ids(nb):
    """Give papermill's injected cells fixed ids (papermill draws random ones)."""
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        for tag in ("injected-parameters", "papermill-error-cell-tag"):
            if tag in tags:
                cell["id"] = f"{tag}-{i}"
    return nb


def render_one(b: Briefing, opts: Options, key: str, seeds_sig: str) -> Result:
    """Execute, export, check and write one briefing; never raises for a briefing's own failure.

    Args:
        b: The briefing.
        opts: Settings of the run.
        key: The briefing's dependency hash (stored in the state file).
        seeds_sig: Short hash of the seeds, shown in the page footer.

    Returns:
        The :class:`Result`; a failed briefing has ``status == "failed"`` and ``error``.
    """
    from papermill.exceptions import PapermillExecutionError  # heavy: rendering only

    from zone_lib.views import figure_html  # heavy: views import plotly; loaded in the workers

    started = time.perf_counter()
    out = Path(opts.out)
    res = Result(b.stem, b.kind, b.title, b.parameter_text(), key=key)
    where = f"{b.notebook} ({b.parameter_text() or 'no parameters'})"
    scratch_dir = Path(tempfile.mkdtemp(prefix="zone-render-"))
    scratch = scratch_dir / "executed.ipynb"
    nb = None
    renderer_before = use_renderer(figure_html.RENDERER_NAME)  # this process; a kernel: its own env
    seeds_before = set_default_seeds(opts.seeds) if opts.seeds else None
    try:
        nb = _prepare(Path(opts.notebooks) / b.notebook)
        figure_html.reset_figure_ids()
        nb = _stable_ids(_execute(nb, b, opts, scratch))
        check_figures(nb, where)
        exported = export(nb, b.stem, DATA_DIR)
        res.figures = verify_page(exported.html, _count_figures(nb), where)
        data = page(b, exported, seeds_sig)
        if len(data) > MAX_BRIEFING_BYTES:
            raise RenderError(
                f"{where}: the briefing is {len(data):,} bytes, over the {MAX_BRIEFING_BYTES:,} budget"
            )
        for name, csv_text in exported.csvs:
            atomic_write(inside(out / DATA_DIR, name), ("\ufeff" + csv_text).encode("utf-8"))
        atomic_write(inside(out, b.file), data)
        res.file, res.sha256, res.size = b.file, _sha(data), len(data)
        inside(out / FAILED, f"{b.stem}.ipynb").unlink(missing_ok=True)  # an earlier failure is over
        if opts.keep_notebooks and scratch.is_file():
            res.notebook_file = _keep(scratch, out, "notebooks", b)
    except PapermillExecutionError as exc:
        import nbformat  # heavy: rendering only

        res.status = "failed"
        executed = nbformat.read(str(scratch), as_version=4) if scratch.is_file() else None
        res.error = _error_of(executed, b) if executed is not None else f"{exc.ename}: {exc.evalue}"
        res.notebook_file = _keep(scratch, out, FAILED, b) if scratch.is_file() else ""
    except Exception as exc:  # noqa: BLE001 - one briefing's failure must not stop the others
        res.status = "failed"
        first = str(exc).splitlines()[0] if str(exc) else ""
        res.error = first if isinstance(exc, RenderError) else f"{type(exc).__name__} in {where}: {first}"
        if scratch.is_file():
            res.notebook_file = _keep(scratch, out, FAILED, b)
        elif nb is not None:
            import nbformat  # heavy: rendering only

            scratch.write_text(nbformat.writes(nb), encoding="utf-8")
            res.notebook_file = _keep(scratch, out, FAILED, b)
        if not isinstance(exc, ZoneError):
            res.error += " — " + traceback.format_exception_only(type(exc), exc)[-1].strip()[:200]
    finally:
        use_renderer(renderer_before)
        if opts.seeds:
            set_default_seeds(seeds_before)
        for p in scratch_dir.iterdir():
            p.unlink()
        scratch_dir.rmdir()
    if res.status == "failed":
        inside(out, b.file).unlink(missing_ok=True)  # never leave a stale page for a failed briefing
    res.seconds = time.perf_counter() - started
    return res


def _keep(scratch: Path, out: Path, folder: str, b: Briefing) -> str:
    """Keep an executed notebook (timestamps removed) under ``out/folder``; return its relative path."""
    import nbformat  # heavy: rendering only

    nb = _stable_ids(nbformat.read(str(scratch), as_version=4))
    pm_meta = nb.metadata.get("papermill", {})
    for k in ("start_time", "end_time", "duration", "input_path", "output_path"):
        pm_meta.pop(k, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    name = f"{b.stem}.ipynb"
    atomic_write(inside(out / folder, name), (nbformat.writes(nb) + "\n").encode("utf-8"))
    return f"{folder}/{name}"


# --------------------------------------------------------------------------- workers

_EVENTS: Any = None


def _init_worker(events: Any, seeds: str | None) -> None:
    global _EVENTS
    _EVENTS = events
    if seeds:
        set_default_seeds(seeds)  # the worker gets its folder as an argument, not through the environment
    warm_up()


#: Optional imports of dependencies that a render worker never uses. JupyterLab installs
#: ``rfc3987-syntax``, which ``jsonschema`` (imported by nbformat, hence papermill) loads for
#: its IRI format checker, building a grammar at import: about 0.9 s per worker. Notebook
#: schemas have no IRI field, so the worker marks the module absent (jsonschema then
#: leaves that one format unchecked) unless something imported it already.
SKIPPED_IMPORTS = ("rfc3987_syntax",)


def warm_up() -> None:
    """Import what every briefing needs (papermill, IPython, zone_lib views, markdown)."""
    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    import papermill  # noqa: F401  # heavy: rendering only

    from zone_lib import views  # noqa: F401  # heavy: preloaded in each worker: views import plotly
    from zone_lib.render import engine as inprocess  # noqa: F401  # heavy: papermill and IPython

    inprocess.shell()
    _markdown()


def _worker(b: Briefing, opts: Options, key: str, seeds_sig: str) -> Result:
    if _EVENTS is not None:
        try:
            _EVENTS.put_nowait(("start", b.stem))
        except Exception:  # noqa: BLE001 - progress only
            pass
    return render_one(b, opts, key, seeds_sig)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# --------------------------------------------------------------------------- index and state


def _load_state(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
        return (
            data if isinstance(data, dict) and isinstance(data.get("briefings"), dict) else {"briefings": {}}
        )
    except (OSError, ValueError):
        return {"briefings": {}}


def _unchanged(entry: dict[str, Any] | None, key: str, out: Path) -> bool:
    if not entry or entry.get("status") != "ok" or entry.get("key") != key:
        return False
    path = out / entry.get("file", "")
    return path.is_file() and _sha(path.read_bytes()) == entry.get("sha256")


def write_index(out: Path, results: list[Result], seeds_sig: str) -> Path:
    """Write ``out/index.html`` listing every briefing with its title, parameters and status."""
    groups = []
    for kind, (_, _, group_title) in KINDS.items():
        members = [asdict(r) for r in results if r.kind == kind]
        if not members:
            continue
        if groups and groups[-1]["title"] == group_title:  # kinds sharing a title share a group
            groups[-1]["briefings"] += members
        else:
            groups.append({"title": group_title, "briefings": members})
    failed = sum(r.status != "ok" for r in results)
    text = (
        _jinja()
        .get_template("index.html.j2")
        .render(
            groups=groups,
            total=len(results),
            ok=len(results) - failed,
            failed=failed,
            version=__version__,
            seeds_signature=seeds_sig,
            css=f"{ASSETS}/briefing.css",
        )
    )
    path = out / "index.html"
    atomic_write(path, text.encode("utf-8"))
    return path


# --------------------------------------------------------------------------- the run


@dataclass
class RenderReport:
    """The outcome of :func:`render`: one :class:`Result` per briefing, in index order."""

    results: list[Result]
    out: Path
    seconds: float

    @property
    def failed(self) -> list[Result]:
        """The briefings that failed."""
        return [r for r in self.results if r.status != "ok"]

    def summary(self) -> str:
        """A few lines for the terminal."""
        done = [r for r in self.results if r.status == "ok" and not r.skipped]
        skipped = [r for r in self.results if r.skipped]
        lines = [
            f"{len(self.results)} briefings in {self.out}/index.html: {len(done)} rendered, "
            f"{len(skipped)} unchanged (skipped), {len(self.failed)} failed; {self.seconds:.1f} s"
        ]
        lines += [
            f"  FAILED {r.stem}: {r.error}" + (f" [kept {r.notebook_file}]" if r.notebook_file else "")
            for r in self.failed
        ]
        return "\n".join(lines)


def render(
    briefings: Iterable[Briefing],
    out: str | os.PathLike[str] = "outputs",
    *,
    jobs: int | None = None,
    force: bool = False,
    seeds: str | os.PathLike[str] | None = None,
    notebooks: str | os.PathLike[str] | None = None,
    engine: str = "inprocess",
    cell_timeout: float | None = 120.0,
    notebook_timeout: float | None = 600.0,
    keep_notebooks: bool = False,
    progress: bool | None = None,
    on_result: Callable[[Result], None] | None = None,
    in_process: bool = False,
) -> RenderReport:
    """Render briefings into an offline HTML site (``out/index.html`` + one page each).

    Args:
        briefings: What to render (see :mod:`zone_lib.render.suite`).
        out: Output folder.
        jobs: Worker processes (default: the machine's cores, at most one per briefing).
        force: Render even briefings whose inputs are unchanged.
        seeds: Seeds folder (default ``$ZONE_SEEDS`` or the packaged seeds).
        notebooks: Notebooks folder (default: the packaged notebooks).
        engine: ``inprocess`` (fast, the default) or ``kernel`` (a Jupyter kernel per
            briefing, as papermill normally does).
        cell_timeout: Seconds a cell may run (None: no limit).
        notebook_timeout: Seconds a briefing may run (None: no limit; in-process engine only).
        keep_notebooks: Keep every executed notebook under ``out/notebooks`` (failed ones are
            always kept under ``out/failed``).
        progress: Show a progress bar (default: when stderr is a terminal).
        on_result: Called with each :class:`Result` as it completes.
        in_process: Render in this process instead of worker processes (no hard kill of a
            briefing stuck past its time limit; for debugging and embedding).

    Returns:
        A :class:`RenderReport`.

    Raises:
        ZoneError: If the output folder, seeds or notebooks cannot be used (a briefing's
            own failure is reported in its result instead).
    """
    if engine not in {"inprocess", "kernel"}:
        raise ZoneError(f"unknown engine {engine!r}; choose 'inprocess' or 'kernel'")
    started = time.perf_counter()
    out_dir = Path(out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds_folder = None if seeds is None else str(seeds_dir(seeds))
    nb_dir = notebooks_dir(notebooks)
    todo = []
    for b in briefings:
        if not (nb_dir / b.notebook).is_file():
            raise ZoneError(f"briefing {b.stem}: notebook {nb_dir / b.notebook} not found")
        todo.append(b)
    opts = Options(
        str(out_dir),
        str(nb_dir),
        seeds_folder,
        engine,
        cell_timeout,
        notebook_timeout,
        keep_notebooks,
    )
    seeds_sig = seeds_signature(seeds)
    library = library_signature()
    state = _load_state(out_dir)
    write_assets(out_dir)
    write_sources(out_dir, seeds)

    results: dict[str, Result] = {}
    pending: list[tuple[Briefing, str]] = []
    for b in todo:
        key = briefing_key(b, (nb_dir / b.notebook).read_bytes(), library, seeds_sig, engine)
        entry = state["briefings"].get(b.stem)
        if not force and _unchanged(entry, key, out_dir):
            results[b.stem] = Result(**{**entry, "skipped": True, "seconds": 0.0})
        else:
            pending.append((b, key))

    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show and pending:
        from tqdm.auto import tqdm  # heavy: optional progress bar

        bar = tqdm(total=len(pending), unit="briefing", desc="zone render", file=sys.stderr)

    def done(r: Result) -> None:
        results[r.stem] = r
        if bar is not None:
            bar.update(1)
        if on_result is not None:
            on_result(r)

    n_jobs = max(1, min(jobs or os.cpu_count() or 1, len(pending) or 1))
    try:
        if in_process:
            for b, key in pending:
                if bar is not None:
                    bar.set_postfix_str(b.stem)
                done(render_one(b, opts, key, seeds_sig))
        elif pending:
            _run_pool(pending, opts, seeds_sig, n_jobs, done, bar)
    finally:
        if bar is not None:
            bar.close()
        # also on an interrupt: record what finished, so that the next run skips it
        ordered = _write_state(out_dir, todo, results, state, seeds_sig)
    return RenderReport(ordered, out_dir, time.perf_counter() - started)


def _write_state(
    out_dir: Path, todo: list[Briefing], results: dict[str, Result], state: dict, seeds_sig: str
):
    """Write the state file and index.html; return this run's results in index order."""
    ordered = [results[b.stem] for b in todo if b.stem in results]
    # keep the rendered briefings not in this run, so a partial run does not forget them; a
    # failure is only listed while it is asked for (a later success or run without it clears it)
    merged = {
        stem: entry
        for stem, entry in state["briefings"].items()
        if entry.get("status") == "ok" and (out_dir / entry.get("file", "")).is_file()
    }
    for stem, entry in state["briefings"].items():
        if stem not in merged and stem not in results:
            notebook = entry.get("notebook_file") or ""
            if notebook.startswith(f"{FAILED}/"):
                (out_dir / notebook).unlink(missing_ok=True)
    for r in ordered:
        entry = asdict(r)
        for k in ("seconds", "skipped"):
            entry.pop(k)
        merged[r.stem] = entry
    listed = [Result(**{**e, "seconds": 0.0, "skipped": False}) for e in merged.values()]
    order = {b.stem: i for i, b in enumerate(todo)}
    listed.sort(
        key=lambda r: (list(KINDS).index(r.kind) if r.kind in KINDS else 99, order.get(r.stem, 10**6), r.stem)
    )
    write_index(out_dir, listed, seeds_sig)
    atomic_write(
        out_dir / STATE_FILE,
        (
            json.dumps(
                {"briefings": {r.stem: merged[r.stem] for r in listed}},
                ensure_ascii=False,
                indent=1,
                sort_keys=True,
            )
            + "\n"
        ).encode("utf-8"),
    )
    return ordered


KILL_GRACE = 30.0
"""Seconds past the notebook time limit after which the parent stops a worker by force
(a cell stuck in C code does not see the worker's own ``SIGALRM``)."""


def _failed(b: Briefing, key: str, error: str) -> Result:
    return Result(b.stem, b.kind, b.title, b.parameter_text(), status="failed", key=key, error=error)


def _terminate(pool: cf.ProcessPoolExecutor) -> None:
    for proc in list(getattr(pool, "_processes", {}).values()):  # no public API for this
        proc.terminate()


def _run_pool(pending, opts, seeds_sig, n_jobs, done, bar) -> None:
    """Render ``pending`` in ``n_jobs`` warm worker processes, reporting each result to ``done``.

    Each worker announces the briefing it starts. A briefing that runs past the notebook
    time limit plus :data:`KILL_GRACE` has its worker killed; a worker that dies (crash,
    killed) breaks the pool. Either way the briefings that were in progress are marked
    failed, and those not started yet go on in a fresh pool. On an interrupt the workers
    are stopped at once (pages are written atomically, so none is left half-written).
    """
    ctx = _context()
    events = ctx.Queue()
    left = list(pending)
    hard_limit = None if opts.notebook_timeout is None else opts.notebook_timeout + KILL_GRACE
    while left:
        running: dict[str, float] = {}
        killed: set[str] = set()
        pool = cf.ProcessPoolExecutor(
            min(n_jobs, len(left)), mp_context=ctx, initializer=_init_worker, initargs=(events, opts.seeds)
        )
        try:
            futures = {pool.submit(_worker, b, opts, key, seeds_sig): (b, key) for b, key in left}
            remaining = set(futures)
            while remaining:
                finished, remaining = cf.wait(remaining, timeout=0.2, return_when=cf.FIRST_COMPLETED)
                _drain(events, running)
                for f in finished:
                    b, _ = futures[f]
                    result = f.result()  # BrokenProcessPool when a worker died
                    running.pop(b.stem, None)
                    left = [x for x in left if x[0].stem != b.stem]
                    done(result)
                if hard_limit is not None and not killed:
                    now = time.monotonic()
                    killed = {stem for stem, t in running.items() if now - t > hard_limit}
                    if killed:
                        _terminate(pool)
                if bar is not None and running:
                    bar.set_postfix_str(", ".join(sorted(running)))
            pool.shutdown()
        except cf.process.BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            _drain(events, running)
            in_flight = [(b, key) for b, key in left if b.stem in running]
            if not in_flight:  # died before announcing anything: do not loop for ever
                in_flight = left[:1]
            for b, key in in_flight:
                what = f"{b.notebook} ({b.parameter_text() or 'no parameters'})"
                if b.stem in killed:
                    error = (
                        f"{what} ran past the notebook time limit of {opts.notebook_timeout:g} s "
                        f"(+{KILL_GRACE:g} s grace) without stopping, so its worker was killed"
                    )
                else:
                    error = f"the worker process rendering {what} died (crash or killed)"
                done(_failed(b, key, error))
            stems = {b.stem for b, _ in in_flight}
            left = [x for x in left if x[0].stem not in stems]
        except BaseException:
            # an interrupt: stop the workers now rather than letting them finish the queue
            pool.shutdown(wait=False, cancel_futures=True)
            _terminate(pool)
            raise


def _drain(events, running: dict[str, float]) -> None:
    while True:
        try:
            kind, stem = events.get_nowait()
        except (queue.Empty, OSError, ValueError):
            return
        if kind == "start":
            running[stem] = time.monotonic()
