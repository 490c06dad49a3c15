"""The HTML briefings in a real browser, offline: Debian's headless Chromium via Playwright.

The pages are rendered by ``zone render`` into a temporary folder and opened as
``file://`` URLs with the network switched off and every http(s) request refused.
Checked on each page: no console error, no page error, no dialog (a seed carrying
``<script>`` and ``onerror=`` payloads must render as text), every plotly ``div`` has
drawn its SVG; on a briefing with a dropdown, choosing an entry changes what the
chart shows; and Chinese text renders with real glyphs (a CJK font is installed:
``fonts-noto-cjk``, which .ci/run installs with ``chromium``).

The reader's side (issue 12, “Done when”), at 1400 × 900 and at 390 × 844, for the
overview, a year, a unit, a platform and the check page: every table holds as many rows
as the view's DataFrame computed here (counted through DataTables' API across all pages)
and the whole text of every cell; the header block's figures equal those computed here
from the same tables; nothing is wider than the viewport outside a table's scroller;
print emulation leaves no control visible and every row drawn; a ``source_line`` link
opens the seed text at that line, highlighted.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from pathlib import Path

import pytest

from zone_lib.render import suite as suite
from zone_lib.render.pages import render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
lab_driver = importlib.import_module("lab_driver")

pytestmark = pytest.mark.slow

PAYLOAD = '<script>alert("xss")</script>"><img src=x onerror=alert(2)>'

_ALL_DRAWN = """() => {
  const divs = [...document.querySelectorAll('.plotly-graph-div')];
  return divs.length > 0 && divs.every(d => d.querySelector('svg.main-svg') && d._fullLayout);
}"""

_FIGURE_STATE = """(id) => {
  const gd = document.getElementById(id);
  return JSON.stringify({layout: gd.layout, visible: gd.data.map(t => t.visible === undefined ? true : t.visible),
                         z: gd.data.map(t => t.z ? t.z.length : null), y: gd.data.map(t => t.y ? t.y.length : null)});
}"""

# Draw two different ideographs and a private-use code point (no font has a glyph for it:
# it shows as the fallback box) in the page's own font; return their pixel hashes.
_GLYPHS = """() => {
  const font = getComputedStyle(document.body).fontFamily;
  const draw = (ch) => {
    const c = document.createElement('canvas'); c.width = 64; c.height = 64;
    const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 64, 64);
    g.fillStyle = '#000'; g.font = `48px ${font}`; g.textBaseline = 'top'; g.fillText(ch, 4, 4);
    const d = g.getImageData(0, 0, 64, 64).data; let h = 0, ink = 0;
    for (let i = 0; i < d.length; i += 4) { h = (h * 31 + d[i]) >>> 0; if (d[i] < 128) ink++; }
    return {hash: h, ink: ink};
  };
  return {yi: draw('医'), liao: draw('疗'), box: draw('\\ue000')};
}"""


def _under_ci() -> bool:
    """True under CI or ``python3 dev.py test``: a missing browser fails instead of skipping."""
    flags = (os.environ.get(k, "").strip().lower() for k in ("CI", "ZONE_BROWSER_REQUIRED"))
    return any(f not in ("", "0", "false", "no") for f in flags)


@pytest.fixture(scope="module")
def browser():
    missing = lab_driver.missing_tools()
    if missing:
        reason = "briefing browser test needs " + " and ".join(missing)
        if _under_ci():
            pytest.fail(f"{reason}; CI is set, so this is a failure (.ci/run installs Chromium)")
        pytest.skip(
            f"{reason}; install with `sudo apt-get install chromium fonts-noto-cjk` (python3 dev.py test does it as root)"
        )
    with lab_driver.chromium_page() as page:
        page.context.set_offline(True)
        requests: list[str] = []

        def refuse(route):
            requests.append(route.request.url)
            route.abort()

        page.context.route("http://*/**", refuse)
        page.context.route("https://*/**", refuse)
        yield page.context, requests


def _poisoned_seeds(tmp: Path) -> Path:
    """A copy of the seeds whose first annual-table cell carries HTML/JS payloads."""
    import zone_lib

    seeds = tmp / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    cell = zone_lib.matrix().sort_values(["task_no", "year"]).iloc[0]
    doc = zone_lib.documents().set_index("doc_id").loc[cell.doc_id]
    path = seeds / doc.seed_file
    lines = path.read_text(encoding="utf-8").split("\n")
    head = cell.text[:6]
    line = lines[int(cell.source_line) - 1]
    assert head in line
    lines[int(cell.source_line) - 1] = line.replace(head, head + PAYLOAD, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return seeds


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser-site")
    chosen = [
        suite.overview(),
        suite.year(2021),
        suite.unit("自治区医保局"),
        suite.platform(5),
        suite.check(),
        suite.unit('"><img src=x onerror=alert(4)>'),
    ]  # fails; its name must be shown as text
    render(chosen, out, jobs=2, progress=False)
    poisoned = tmp_path_factory.mktemp("poisoned")
    seeds = _poisoned_seeds(poisoned)
    report = render([suite.year(2019)], poisoned / "out", jobs=1, seeds=seeds, progress=False)
    assert report.failed == [], report.summary()
    return out, poisoned / "out"


def _open(context, path: Path):
    """A fresh page (its own listeners) showing ``path``; returns the page and what went wrong."""
    page = context.new_page()
    problems: dict[str, list[str]] = {"console": [], "pageerror": [], "dialog": []}
    page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems["pageerror"].append(str(e)))

    def dialog(d):
        problems["dialog"].append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.parametrize(
    "name", ["overview.html", "year-2021.html", "unit-自治区医保局.html", "platform-5.html"]
)
def test_briefing_draws_every_chart_offline_without_errors(browser, site, name):
    context, requests = browser
    out, _ = site
    page, problems = _open(context, out / name)
    page.wait_for_function(_ALL_DRAWN, timeout=30_000)
    n = page.evaluate("() => document.querySelectorAll('.plotly-graph-div').length")
    assert n >= 1
    assert page.evaluate("() => document.querySelectorAll('.plotly-graph-div svg.main-svg').length") >= n
    assert problems == {"console": [], "pageerror": [], "dialog": []}
    assert requests == []


def test_a_dropdown_changes_what_the_chart_shows(browser, site):
    context, _ = browser
    out, _ = site
    page, _ = _open(context, out / "year-2021.html")
    page.wait_for_function(_ALL_DRAWN, timeout=30_000)
    ids = page.evaluate(
        "() => [...document.querySelectorAll('.plotly-graph-div')]"
        ".filter(d => d.querySelector('.updatemenu-header-group')).map(d => d.id)"
    )
    assert ids, "no chart with a dropdown"
    fig = ids[0]
    before = page.evaluate(_FIGURE_STATE, fig)
    page.locator(f"#{fig} .updatemenu-header-group").first.click()
    buttons = page.locator(f"#{fig} .updatemenu-dropdown-button")
    assert buttons.count() >= 2
    buttons.nth(1).click()
    page.wait_for_function(f"(b) => ({_FIGURE_STATE})('{fig}') !== b", arg=before, timeout=10_000)
    assert page.evaluate(_FIGURE_STATE, fig) != before


def test_chinese_text_renders_with_real_glyphs(browser, site):
    context, _ = browser
    out, _ = site
    page, _ = _open(context, out / "overview.html")
    assert "总览" in page.inner_text("h1")
    g = page.evaluate(_GLYPHS)
    assert g["yi"]["ink"] > 50 and g["liao"]["ink"] > 50
    assert g["yi"]["hash"] != g["liao"]["hash"], "two ideographs draw the same: no CJK font (fonts-noto-cjk)"
    assert g["yi"]["hash"] != g["box"]["hash"]


def test_index_links_every_briefing_and_escapes_names(browser, site):
    context, requests = browser
    out, _ = site
    page, problems = _open(context, out / "index.html")
    links = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    for name in ["overview.html", "year-2021.html", "unit-自治区医保局.html", "platform-5.html"]:
        assert name in links
    assert page.locator("img").count() == 0  # the unit name with <img onerror> is text
    assert '"><img src=x onerror=alert(4)>' in page.inner_text("body")
    assert problems["dialog"] == [] and problems["pageerror"] == []
    bad = [p.name for p in out.glob("unit-*")]
    assert all("/" not in n and "<" not in n and ">" not in n and '"' not in n for n in bad)


def test_document_text_with_markup_is_shown_as_text(browser, site):
    context, requests = browser
    _, poisoned = site
    page, problems = _open(context, poisoned / "year-2019.html")
    page.wait_for_function(_ALL_DRAWN, timeout=30_000)
    assert problems["dialog"] == [], "a script or onerror handler from the seed text ran"
    assert problems["pageerror"] == []
    assert page.locator("main img").count() == 0
    assert 'alert("xss")' in page.inner_text("main")  # shown in the table, as text
    html = (poisoned / "year-2019.html").read_text(encoding="utf-8")
    assert PAYLOAD not in html
    assert requests == []


# --------------------------------------------------------------------------- the reader's side (issue 12)

VIEWPORTS = {"desk": (1400, 900), "phone": (390, 844)}
UNIT = "自治区医保局"  # the largest unit briefing (105 rows in its task table)
READER_PAGES = ["overview.html", "year-2021.html", f"unit-{UNIT}.html", "platform-5.html", "check.html"]


def _page_tables(name: str) -> list:
    """The DataFrames each reader page shows, in page order, computed here from the library.

    Keep in step with the ``views.show(...)`` cells of the notebooks.
    """
    import zone_lib
    from zone_lib import views

    if name == "overview.html":
        return [views.overview(), views.targets(), zone_lib.discrepancies(), views.discrepancy_kinds()]
    if name == "year-2021.html":
        return [views.year_view(2021), views.year_by_section(2021), views.year_by_unit(2021)]
    if name.startswith("unit-"):
        return [
            views.unit_by_year(UNIT),
            views.unit_view(UNIT),
            views.unit_partners(UNIT),
            views.unit_share(),
            views.unit_in_documents(UNIT),
        ]
    if name == "platform-5.html":
        disc = views.platform_discrepancies(5)
        return [views.platform_view(5), views.platform_units(5), disc, views.discrepancy_kinds(disc)]
    findings = zone_lib.quality_findings()
    return [views.check_summary(findings), views.check_view(findings)]


def _page_figures(name: str) -> dict[str, int]:
    """The header block's figures, computed here from the tables (not from views.headline)."""
    import zone_lib
    from zone_lib import views
    from zone_lib.views import params

    if name == "overview.html":
        ov = views.overview()
        return {
            "tasks": int(ov.n_tasks.sum()),
            "sections": len(ov),
            "cells": int(ov.n_cells.sum()),
            "units": len(params.valid_units()),
            "discrepancies": int(ov.n_discrepancies.sum()),
            "targets": len(views.targets()),
        }
    if name == "year-2021.html":
        v, by_unit = views.year_view(2021), views.year_by_unit(2021)
        return {
            "tasks": len(v),
            "new": int((v.status == "new").sum()),
            "changed": int((v.status == "changed").sum()),
            "continued": int((v.status == "continued").sum()),
            "lead_units": int((by_unit.lead > 0).sum()),
            "discrepancies": int((zone_lib.discrepancies().year == 2021).sum()),
        }
    if name.startswith("unit-"):
        v = views.unit_view(UNIT)
        roles = v.drop_duplicates("task_no").role
        by_year = views.unit_by_year(UNIT)
        assert int(by_year.total.sum()) == len(v)
        return {
            "tasks": v.task_no.nunique(),
            "lead": int((roles == "lead").sum()),
            "coop": int((roles == "coop").sum()),
            "cells": len(v),
            "partners": len(views.unit_partners(UNIT)),
        }
    if name == "platform-5.html":
        v, units = views.platform_view(5), views.platform_units(5)
        years = [c for c in v.columns if str(c).isdigit()]
        return {
            "tasks": len(v),
            "cells": int(sum((v[y] != "").sum() for y in years)),
            "all_years": int((v.n_years == len(years)).sum()),
            "units": len(units),
            "lead_units": int((units.lead > 0).sum()),
            "discrepancies": len(views.platform_discrepancies(5)),
        }
    c = views.check_view(zone_lib.quality_findings())
    return {
        "findings": len(c),
        "errors": int((c.severity == "error").sum()),
        "warnings": int((c.severity == "warning").sum()),
        "info": int((c.severity == "info").sum()),
        "documents": int(c.doc_id.nunique()),
    }


# Every reader table of the page, in order: its rows as DataTables holds them (all pages,
# in the table's own order) or, for a short table, as the DOM holds them; each row as the
# text of its cells.
_TABLES = """() => {
  const dts = new Map((window.zoneTables || []).map(d => [d.table().node(), d]));
  const text = (tr) => [...tr.cells].map(td => td.textContent);
  return [...document.querySelectorAll('main table.zone-table')].map(t => {
    const dt = dts.get(t);
    if (dt) {
      return {datatable: true, count: dt.rows().count(), shown: dt.rows({page: 'current'}).count(),
              rows: dt.rows({order: 'index'}).nodes().toArray().map(text)};
    }
    const trs = [...t.tBodies[0].rows].filter(tr => !tr.classList.contains('zone-none'));
    return {datatable: false, count: trs.length, none: !!t.querySelector('tr.zone-none'), rows: trs.map(text)};
  });
}"""

# Elements sticking out of the viewport that no scroller (overflow other than visible) clips;
# wholly to the left of it is plotly's hidden text-measuring SVG, not a reader's element.
_OVERFLOW = """() => {
  const w = document.documentElement.clientWidth, bad = [];
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o !== 'visible' && a.getBoundingClientRect().right <= w + 1) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= 0 || (r.right <= w + 1 && r.left >= -1)) continue;
    if (!clipped(el)) bad.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth, bad: bad.slice(0, 10)};
}"""

# Controls a reader cannot use on paper, visible with print emulation.
_CONTROLS = """() => {
  const sel = 'button, input, select, textarea, .dt-search, .dt-length, .dt-paging, .dt-info, .dt-column-order, '
    + '.modebar, .updatemenu-container, .zone-pager, .zone-csv, .zone-toc, nav';
  return [...document.querySelectorAll(sel)].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  }).map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`).slice(0, 10);
}"""

_FIGURES = """() => Object.fromEntries([...document.querySelectorAll('.zone-header .zone-fig')].map(
  f => [f.dataset.key, f.querySelector('.zone-fig-value').textContent.trim()]))"""


def _squash(text: str) -> str:
    return "".join(str(text).split())


def _shown_texts(df, table) -> list[list[str]]:
    """Per row, the full text of every string cell a reader sees (as the DataFrame holds it)."""
    from zone_lib.views.tables import ReaderTable

    cols = [
        col
        for col, kind, _, _ in ReaderTable(df).columns()
        if kind in {"text", "long", "task", "unit", "units", "pair", "doc"}
    ]
    reader = ReaderTable(df).df
    rows = []
    for rec in reader.to_dict("records"):
        cells = []
        for col in cols:
            v = rec.get(col)
            if isinstance(v, list | tuple):
                v = "；".join(map(str, v))
            if isinstance(v, str) and v.strip():
                cells.append(v)
        rows.append(cells)
    return rows


def _open_at(context, path: Path, viewport: str):
    page, problems = _open(context, path) if viewport == "desk" else (None, None)
    if page is None:
        page = context.new_page()
        w, h = VIEWPORTS[viewport]
        page.set_viewport_size({"width": w, "height": h})
        problems = {"console": [], "pageerror": [], "dialog": []}
        page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems["pageerror"].append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
    else:
        page.set_viewport_size({"width": VIEWPORTS[viewport][0], "height": VIEWPORTS[viewport][1]})
    page.wait_for_function(_ALL_DRAWN, timeout=30_000)
    return page, problems


@pytest.fixture(scope="module")
def expected_tables():
    return {name: _page_tables(name) for name in READER_PAGES}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", READER_PAGES)
def test_reader_page_every_row_full_text_figures_layout_print(browser, site, expected_tables, name, viewport):
    context, requests = browser
    out, _ = site
    page, problems = _open_at(context, out / name, viewport)
    frames = expected_tables[name]
    tables = page.evaluate(_TABLES)

    # every row of every table, counted through DataTables across its pages, and no cell shortened
    assert len(tables) == len(frames), (
        f"{name}: {len(tables)} tables in the page, {len(frames)} expected (a notebook changed? see _page_tables)"
    )
    for i, (got, df) in enumerate(zip(tables, frames)):
        where = f"{name} table {i + 1}"
        assert got["count"] == len(df), (
            f"{where}: {got['count']} rows in the page, {len(df)} in the DataFrame"
        )
        if len(df) == 0:
            assert got["none"], f"{where}: an empty table says nothing"
        if got["datatable"] and len(df) > 25:
            assert got["shown"] < got["count"], f"{where}: a long table is paged"
        for r, (cells, want) in enumerate(zip(got["rows"], _shown_texts(df, got))):
            row_text = _squash("".join(cells))
            for value in want:
                assert _squash(value) in row_text, f"{where} row {r + 1}: {value!r} is not shown whole"
            for cell in cells:
                if cell.rstrip().endswith(("…", "...")):
                    assert any(v.rstrip().endswith(cell.rstrip()[-3:]) for v in want), (
                        f"{where} row {r + 1}: {cell!r} is cut"
                    )

    # the header block's figures are those of the tables
    figures = {k: int(v) for k, v in page.evaluate(_FIGURES).items()}
    assert figures == _page_figures(name)

    # nothing wider than the viewport outside a table's scroller
    layout = page.evaluate(_OVERFLOW)
    assert layout["scrollWidth"] <= layout["innerWidth"], f"{name} at {viewport}: the page scrolls sideways"
    assert layout["bad"] == [], f"{name} at {viewport}: elements outside the viewport: {layout['bad']}"

    # paper: no control visible, every row of every table drawn
    page.emulate_media(media="print")
    try:
        page.wait_for_timeout(200)
        controls = page.evaluate(_CONTROLS)
        assert controls == [], f"{name}: controls visible in print: {controls}"
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('main table.zone-table')].map("
            "t => [...t.tBodies[0].rows].filter(r => !r.classList.contains('zone-none')).length)"
        )
        assert drawn == [len(df) for df in frames], f"{name}: rows missing on paper"
    finally:
        page.emulate_media(media="screen")

    assert problems["console"] == [] and problems["pageerror"] == [], problems
    assert requests == []
    page.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", ["year-2021.html", "check.html"])
def test_a_source_line_opens_the_seed_text_at_that_line(browser, site, name, viewport):
    from zone_lib.ingest.corpus import load_corpus

    context, requests = browser
    out, _ = site
    page, problems = _open_at(context, out / name, viewport)
    link = page.locator("main table.zone-table a.zone-line").first
    href = link.get_attribute("href")
    seed_name, _, anchor = href.partition("#")
    assert seed_name.startswith("source/") and anchor.startswith("L"), href
    n = int(anchor[1:])
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(f"**/{seed_name.split('/', 1)[1]}#{anchor}")
    page.wait_for_load_state("load")
    line = page.locator(f"#{anchor}")
    seed = next(f for f in load_corpus().files if seed_name.endswith(Path(f.name).stem + ".html"))
    assert _squash(line.locator("span").inner_text()) == _squash(seed.lines[n - 1])
    state = page.evaluate(f"""() => {{
      const el = document.getElementById('{anchor}'), r = el.getBoundingClientRect();
      return {{target: el.matches(':target'), bg: getComputedStyle(el).backgroundColor,
               top: r.top, bottom: r.bottom, h: innerHeight, sw: document.documentElement.scrollWidth, w: innerWidth}};
    }}""")
    assert state["target"], "the cited line is not the :target"
    assert state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)"), (
        "the cited line is not highlighted"
    )
    assert 0 <= state["top"] and state["bottom"] <= state["h"], f"the cited line is not on screen: {state}"
    assert state["sw"] <= state["w"], "the seed text page scrolls sideways"
    assert problems["pageerror"] == []
    assert requests == []
    page.close()
