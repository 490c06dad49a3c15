"""The HTML briefings in a real browser, offline: Debian's headless Chromium via Playwright.

The pages are rendered by ``zone render`` into a temporary folder and opened as
``file://`` URLs with the network switched off and every http(s) request refused.
Checked on each page: no console error, no page error, no dialog (a seed carrying
``<script>`` and ``onerror=`` payloads must render as text), every plotly ``div`` has
drawn its SVG; on a briefing with a dropdown, choosing an entry changes what the
chart shows; and Chinese text renders with real glyphs (a CJK font is installed:
``fonts-noto-cjk``, which .ci/run installs with ``chromium``).
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
        pytest.skip(f"{reason}; install with `sudo apt-get install chromium fonts-noto-cjk` (python3 dev.py test does it as root)")
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
    chosen = [suite.overview(), suite.year(2021), suite.unit("自治区医保局"), suite.platform(5),
              suite.unit('"><img src=x onerror=alert(4)>')]  # fails; its name must be shown as text
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


@pytest.mark.parametrize("name", ["overview.html", "year-2021.html", "unit-自治区医保局.html", "platform-5.html"])
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
