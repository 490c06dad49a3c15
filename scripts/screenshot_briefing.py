#!/usr/bin/env python3
"""Render the year briefing with ``zone render`` and save the README screenshot of it.

    .venv/bin/python scripts/screenshot_briefing.py             # writes docs/briefing.png
    .venv/bin/python scripts/screenshot_briefing.py --year 2022 --out x.png

The page is opened offline (``file://``, network switched off) in Debian's headless
``chromium`` through Playwright, as tests/test_render_browser.py does, and the shot is
framed on the heatmap with its section dropdown open.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import lab_driver

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zone_lib import briefing_suite as suite  # noqa: E402
from zone_lib.render.pages import render  # noqa: E402

_DRAWN = "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))"


def main(argv: list[str] | None = None) -> int:
    """Render, open offline, frame the heatmap with its dropdown open, save the PNG."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--year", default="2021", help="the year briefing to show (default 2021)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "briefing.png"), help="PNG file to write")
    args = ap.parse_args(argv)
    missing = lab_driver.missing_tools()
    if missing:
        sys.exit("needs " + " and ".join(missing))
    with tempfile.TemporaryDirectory(prefix="zone-shot-") as tmp:
        report = render([suite.year(args.year)], tmp, progress=False)
        if report.failed:
            sys.exit(report.summary())
        page_file = Path(tmp) / report.results[0].file
        with lab_driver.chromium_page(1280, 900) as page:
            page.context.set_offline(True)
            page.goto(page_file.as_uri())
            page.wait_for_function(_DRAWN)
            figure = page.locator(".plotly-graph-div").last
            figure.scroll_into_view_if_needed()
            page.evaluate("(y) => window.scrollBy(0, y)", -120)
            figure.locator(".updatemenu-header-group").first.click()
            page.wait_for_timeout(500)
            page.screenshot(path=args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
