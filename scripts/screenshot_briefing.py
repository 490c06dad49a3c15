#!/usr/bin/env python3
"""Render briefings with ``zone render`` and save the screenshots of the README and docs.

    .venv/bin/python scripts/screenshot_briefing.py             # docs/briefing.png and docs/screenshots/
    .venv/bin/python scripts/screenshot_briefing.py --year 2022 --out x.png --no-set

Every page is opened offline (``file://``, network switched off) in Debian's headless
``chromium`` through Playwright, as tests/test_render_browser.py does.

- ``docs/briefing.png``: the year briefing framed on the heatmap with its section
  dropdown open;
- ``docs/screenshots/<briefing>-<width>.png``: the first screen of the overview, the
  year 2021, the unit 自治区医保局 and the platform 5 briefings on a desk (1400 × 900)
  and on a phone (390 × 844), each kept small (a reduced palette is not needed: one
  screen of text is 100–250 KB).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import lab_driver

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zone_lib.render import suite  # noqa: E402
from zone_lib.render.pages import render  # noqa: E402

_DRAWN = "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))"
SCREENS = {"1400": (1400, 900), "390": (390, 844)}
"""Desk and phone viewports (CSS pixels), as the browser tests use."""
MAX_BYTES = 400_000


def briefings() -> dict[str, object]:
    """Name of each screenshot set -> the briefing it shows."""
    return {
        "overview": suite.overview(),
        "year-2021": suite.year(2021),
        "unit-医保局": suite.unit("自治区医保局"),
        "platform-5": suite.platform(5),
    }


def heatmap_shot(page, page_file: Path, out: Path) -> None:
    """The year briefing framed on its heatmap, section dropdown open."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page_file.as_uri())
    page.wait_for_function(_DRAWN)
    figure = page.locator(".plotly-graph-div").last
    figure.scroll_into_view_if_needed()
    page.evaluate("(y) => window.scrollBy(0, y)", -120)
    figure.locator(".updatemenu-header-group").first.click()
    page.wait_for_timeout(500)
    page.screenshot(path=str(out))


def first_screen(page, page_file: Path, out: Path, width: int, height: int) -> int:
    """The first screen of a briefing at one viewport; returns the file's size in bytes."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page_file.as_uri())
    page.wait_for_function(_DRAWN)
    page.wait_for_timeout(300)
    page.screenshot(path=str(out))
    return out.stat().st_size


def main(argv: list[str] | None = None) -> int:
    """Render, open offline, save the heatmap shot and the first screens."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--year", default="2021", help="the year briefing of the heatmap shot (default 2021)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "briefing.png"), help="PNG file of the heatmap shot")
    ap.add_argument("--dir", default=str(ROOT / "docs" / "screenshots"), help="folder of the first screens")
    ap.add_argument("--no-set", action="store_true", help="only the heatmap shot")
    args = ap.parse_args(argv)
    missing = lab_driver.missing_tools()
    if missing:
        sys.exit("needs " + " and ".join(missing))
    chosen = {} if args.no_set else briefings()
    heat = suite.year(args.year)
    with tempfile.TemporaryDirectory(prefix="zone-shot-") as tmp:
        report = render(suite.deduplicate([heat, *chosen.values()]), tmp, progress=False)
        if report.failed:
            sys.exit(report.summary())
        files = {r.stem: Path(tmp) / r.file for r in report.results}
        with lab_driver.chromium_page(1400, 900) as page:
            page.context.set_offline(True)
            heatmap_shot(page, files[heat.stem], Path(args.out))
            print(args.out)
            folder = Path(args.dir)
            folder.mkdir(parents=True, exist_ok=True)
            for name, b in chosen.items():
                for label, (w, h) in SCREENS.items():
                    out = folder / f"{name}-{label}.png"
                    size = first_screen(page, files[b.stem], out, w, h)
                    print(f"{out} {size // 1000} KB")
                    if size > MAX_BYTES:
                        print(f"  larger than {MAX_BYTES // 1000} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
