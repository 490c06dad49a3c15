"""``zone render``: offline HTML briefings, failure isolation, atomic writes, reproducibility.

The briefings are rendered for real (papermill, the in-process engine, nbconvert);
one module-scoped render of a small suite serves the structural checks, and the
reproducibility, isolation, failure and interruption cases render their own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from zone_lib.cli import main
from zone_lib.render import pages as rendering
from zone_lib.render import suite as suite
from zone_lib.render.pages import render

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NETWORK_REF = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|cdn\.|unpkg|jsdelivr|require\.js""", re.I
)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != rendering.STATE_FILE
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    briefings = [
        suite.overview(),
        suite.year(2021),
        suite.unit("医保局"),  # an alias: the file uses the canonical name
        suite.platform("互联网医疗平台"),
        suite.year(2030),  # invalid: fails, the others go on
        suite.unit("不存在的局"),  # invalid
    ]
    report = render(briefings, out, jobs=2, progress=False)
    return out, report


def test_bad_parameters_fail_alone_and_say_why(site):
    out, report = site
    status = {r.stem: r.status for r in report.results}
    assert status == {
        "overview": "ok",
        "year-2021": "ok",
        "unit-自治区医保局": "ok",
        "platform-5": "ok",
        "year-2030": "failed",
        "unit-不存在的局": "failed",
    }
    bad = {r.stem: r for r in report.failed}
    assert "ParameterError" in bad["year-2030"].error
    assert (
        "invalid year 2030." in bad["year-2030"].error and "2019; 2020; 2021; 2022" in bad["year-2030"].error
    )
    assert "year.ipynb (year=2030)" in bad["year-2030"].error
    assert "invalid unit '不存在的局'" in bad["unit-不存在的局"].error
    # the executed notebook is kept for diagnosis, with the error in it and no timestamps
    kept = nbformat.read(out / bad["year-2030"].notebook_file, as_version=4)
    errors = [o for c in kept.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ParameterError"]
    assert "start_time" not in json.dumps(kept.metadata)
    # no page for a failed briefing
    assert not (out / "year-2030.html").exists()


def test_index_lists_every_briefing_with_title_parameters_and_status(site):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="year-2021.html">2021年 Year 2021</a>' in index
    assert '<a href="unit-自治区医保局.html">' in index and "unit=自治区医保局" in index
    assert '<a href="platform-5.html">(五) 建设互联网医疗平台 Internet medical-service platform</a>' in index
    assert "6 briefings: 4 rendered, 2 failed" in index
    assert "✗ 失败 failed: ParameterError" in index
    assert '<a href="failed/year-2030.ipynb">executed notebook</a>' in index


def test_briefings_are_offline_small_and_share_one_plotly_js(site):
    out, _ = site
    js = list((out / "assets").glob("plotly-*.min.js"))
    assert len(js) == 1 and js[0].stat().st_size > 3_000_000
    pages = sorted(out.glob("*.html"))
    assert [p.name for p in pages] == [
        "index.html",
        "overview.html",
        "platform-5.html",
        "unit-自治区医保局.html",
        "year-2021.html",
    ]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not NETWORK_REF.search(text), page.name
        assert len(page.read_bytes()) < 400_000, page.name
        if page.name != "index.html":
            assert text.count(f'<script src="assets/{js[0].name}"></script>') == 1
            assert "Plotly.newPlot" in text and "plotly.js v" not in text  # plotly.js itself is not inlined
            assert "widget-view" not in text and "ipywidgets" not in text  # live cells left out
            assert "Traceback" not in text
    assert not NETWORK_REF.search((out / "assets" / "briefing.css").read_text())


def test_every_figure_of_a_briefing_is_in_its_page(site):
    out, report = site
    figures = {r.stem: r.figures for r in report.results if r.status == "ok"}
    # overview: heatmap, section bars, timeline, unit network, targets; year: bars + heatmap;
    # unit: its Gantt view + the network
    assert figures == {"overview": 5, "year-2021": 2, "unit-自治区医保局": 2, "platform-5": 1}
    text = (out / "overview.html").read_text(encoding="utf-8")
    assert re.findall(r'id="(zone-fig-\d+)"', text) == [f"zone-fig-{i}" for i in range(1, 6)]


def test_document_text_is_escaped_in_figures():
    from zone_lib.views.figure_html import figure_html

    fig = {"data": [{"type": "bar", "x": ["</script><script>alert(1)</script>"], "y": [1]}], "layout": {}}
    html = figure_html(fig, "zone-fig-1")
    assert "</script><script>" not in html and "\\u003c/script\\u003e" in html


def test_rerun_skips_unchanged_and_force_rewrites_identical_bytes(site, tmp_path):
    out = tmp_path / "again"
    chosen = [suite.year(2021), suite.platform(5)]
    first = render(chosen, out, jobs=1, progress=False)
    before = _files(out)
    second = render(chosen, out, jobs=1, progress=False)
    assert [r.skipped for r in second.results] == [True, True]
    assert _files(out) == before
    third = render(chosen, out, jobs=2, force=True, progress=False)
    assert [r.skipped for r in third.results] == [False, False]
    assert _files(out) == before
    assert [r.sha256 for r in first.results] == [r.sha256 for r in third.results]
    # the same briefings in the module's site (another folder, other neighbours) are the same bytes
    site_out, _ = site
    for name in ("year-2021.html", "platform-5.html"):
        assert (out / name).read_bytes() == (site_out / name).read_bytes()


def test_briefing_after_others_in_the_same_process_equals_it_alone(tmp_path):
    """Isolation of the shared in-process shell: B after A is byte-identical to B alone."""
    alone, after = tmp_path / "alone", tmp_path / "after"
    render([suite.unit("自治区卫生健康委")], alone, jobs=1, progress=False)
    render(
        [suite.overview(), suite.year(2019), suite.unit("自治区卫生健康委")], after, jobs=1, progress=False
    )
    name = "unit-自治区卫生健康委.html"
    assert (alone / name).read_bytes() == (after / name).read_bytes()


def _notebooks_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, folder, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return folder


def _add_cell(path: Path, source: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(source, id="added"))
    nbformat.write(nb, path)


def test_a_failing_notebook_is_isolated_and_kept(tmp_path):
    notebooks = _notebooks_copy(tmp_path)
    _add_cell(notebooks / "platform.ipynb", "raise RuntimeError('broken on purpose')")
    out = tmp_path / "out"
    (out).mkdir()
    (out / "platform-3.html").write_text("an old page", encoding="utf-8")
    report = render([suite.platform(3), suite.year(2022)], out, jobs=2, notebooks=notebooks, progress=False)
    status = {r.stem: (r.status, r.error) for r in report.results}
    assert status["year-2022"] == ("ok", "")
    assert status["platform-3"][0] == "failed"
    assert (
        "RuntimeError in cell" in status["platform-3"][1]
        and "platform.ipynb (platform=3)" in status["platform-3"][1]
    )
    assert "broken on purpose" in status["platform-3"][1]
    assert (out / "failed" / "platform-3.ipynb").is_file()
    assert not (out / "platform-3.html").exists()  # no stale page is left to be mistaken for this run's


def test_a_lost_figure_fails_the_briefing(tmp_path):
    notebooks = _notebooks_copy(tmp_path)
    _add_cell(
        notebooks / "platform.ipynb",
        "import plotly.io as pio\npio.renderers.default = 'json'\nviews.fig_timeline(section=platform)",
    )
    report = render([suite.platform(4)], tmp_path / "out", jobs=1, notebooks=notebooks, progress=False)
    (r,) = report.results
    assert r.status == "failed"
    assert "not rendered as HTML" in r.error and "platform.ipynb (platform=4)" in r.error


def test_cell_timeout_names_notebook_parameters_and_cell(tmp_path):
    notebooks = _notebooks_copy(tmp_path)
    _add_cell(notebooks / "year.ipynb", "import time\nwhile True:\n    time.sleep(0.05)")
    t0 = time.perf_counter()
    report = render(
        [suite.year(2020)], tmp_path / "out", jobs=1, notebooks=notebooks, cell_timeout=2, progress=False
    )
    assert time.perf_counter() - t0 < 60
    (r,) = report.results
    assert r.status == "failed"
    assert "CellTimeout" in r.error and "year.ipynb" in r.error and "year=2020" in r.error
    assert re.search(r"cell \d+ .*cell time limit of 2 s", r.error)


def test_notebook_timeout(tmp_path):
    notebooks = _notebooks_copy(tmp_path)
    _add_cell(notebooks / "year.ipynb", "import time\ntime.sleep(30)")
    report = render(
        [suite.year(2019)],
        tmp_path / "out",
        jobs=1,
        notebooks=notebooks,
        cell_timeout=60,
        notebook_timeout=3,
        progress=False,
    )
    (r,) = report.results
    assert r.status == "failed" and "notebook time limit of 3 s" in r.error


def test_a_briefing_stuck_past_its_time_limit_is_killed_and_the_others_finish(tmp_path, monkeypatch):
    """A cell that ignores the worker's alarm (as code stuck in C would) is stopped by the parent."""
    notebooks = _notebooks_copy(tmp_path)
    _add_cell(
        notebooks / "platform.ipynb",
        "import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\ntime.sleep(600)",
    )
    monkeypatch.setattr(rendering, "KILL_GRACE", 2.0)
    t0 = time.perf_counter()
    report = render(
        [suite.platform(2), suite.year(2019), suite.year(2020)],
        tmp_path / "out",
        jobs=2,
        notebooks=notebooks,
        notebook_timeout=6,
        progress=False,
    )
    assert time.perf_counter() - t0 < 120
    status = {r.stem: r for r in report.results}
    assert status["year-2019"].status == status["year-2020"].status == "ok"
    assert status["platform-2"].status == "failed"
    assert "platform.ipynb (platform=2) ran past the notebook time limit of 6 s" in status["platform-2"].error
    assert "worker was killed" in status["platform-2"].error


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_bytes(b"old complete page")

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(rendering.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        rendering.atomic_write(target, b"new page " * 1000)
    assert target.read_bytes() == b"old complete page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_interrupted_run_leaves_no_half_written_briefing(tmp_path):
    """Interrupt a real ``zone render --all`` with SIGINT, then check and finish the run."""
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "zone_lib.cli",
        "render",
        "--all",
        "--out",
        str(out),
        "--no-progress",
        "-j",
        "2",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(list(out.glob("*.html"))) < 3:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert not [p.name for p in out.rglob("*.tmp")]
    for page in out.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page.name
    # the next run completes, reusing what the interrupted one finished
    assert main(["render", "--all", "--out", str(out), "--no-progress"]) == 0
    state = json.loads((out / rendering.STATE_FILE).read_text(encoding="utf-8"))
    assert all(e["status"] == "ok" for e in state["briefings"].values())


def test_cli_exit_status_and_help(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    helptext = capsys.readouterr().out
    assert "--jobs" in helptext and "--force" in helptext and "index.html" in helptext
    assert main(["render", "--out", str(tmp_path)]) == 2
    assert main(["render", "--year", "2030", "--out", str(tmp_path), "--no-progress"]) == 1
    assert "FAILED year-2030" in capsys.readouterr().out


def test_in_process_engine_gives_the_same_bytes_as_a_jupyter_kernel(site, tmp_path):
    """The fast engine is faithful: papermill's own engine with a real kernel writes the same pages."""
    site_out, _ = site
    out = tmp_path / "kernel"
    report = render([suite.year(2021), suite.overview()], out, jobs=2, engine="kernel", progress=False)
    assert report.failed == []
    for name in ("year-2021.html", "overview.html"):
        assert (out / name).read_bytes() == (site_out / name).read_bytes(), name
