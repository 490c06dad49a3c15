#!/usr/bin/env python3
"""Run notebooks/overview.ipynb in JupyterLab (headless Chromium) and save the README screenshot.

    .venv/bin/python scripts/screenshot.py               # writes docs/jupyterlab.png
    .venv/bin/python scripts/screenshot.py --out x.png --notebook notebooks/overview.ipynb

Needs Debian's ``chromium`` (/usr/bin/chromium) and the ``playwright`` package (the test
extra); Chinese text needs a CJK font (Debian ``fonts-noto-cjk``). The notebook runs on a
temporary copy of notebooks/ and seeds/, so the committed notebooks stay output-free.
The machinery is scripts/lab_driver.py, shared with tests/test_jupyterlab_e2e.py.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lab_driver

# Scroll the notebook to show the first widget together with the Plotly chart closest above
# it (the first chart if none is above): from the chart's cell down to the widget's bottom
# edge, or at least to the bottom of the widget's first row (its controls) when the widget is
# tall; when even that does not fit, the top of the chart's cell is left out.
# Returns what it did, for the log.
_FRAME_JS = """
(path) => {
  let panel = null;
  for (const w of window.jupyterapp.shell.widgets('main')) {
    if (w.context && w.context.path === path) { panel = w; break; }
  }
  const root = panel.node;
  const scroller = root.querySelector('.jp-WindowedPanel-outer') || panel.content.node;
  const view = scroller.getBoundingClientRect();
  const top = (el) => el.getBoundingClientRect().top - view.top + scroller.scrollTop;
  const bottom = (el) => el.getBoundingClientRect().bottom - view.top + scroller.scrollTop;
  const plots = [...root.querySelectorAll('.jp-OutputArea-output.jp-RenderedPlotly')];
  const widget = root.querySelector('.jp-OutputArea-output .jupyter-widgets');
  if (!plots.length) return 'no plot';
  let plot = plots[0];
  if (widget) {
    const above = plots.filter(p => top(p) < top(widget));
    if (above.length) plot = above[above.length - 1];
  }
  const cell = plot.closest('.jp-Cell');
  let target = top(cell) - 8;
  if (widget) {
    // the whole widget cell if it fits, else at least the widget's first row (its controls)
    const first = widget.firstElementChild || widget;
    const whole = bottom(widget.closest('.jp-Cell')) + 8;
    const end = whole - target <= view.height ? whole : bottom(first) + 12;
    if (end - target > view.height) target = end - view.height;
  }
  scroller.scrollTop = Math.max(0, target);
  return `scrolled to ${Math.round(scroller.scrollTop)} of ${scroller.scrollHeight}; chart cell ` +
    `${Math.round(top(cell))}-${Math.round(bottom(cell))}, widget ` +
    (widget ? `${Math.round(top(widget))}-${Math.round(bottom(widget))}` : 'none');
}
"""


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return True  # cannot tell; don't nag
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    return bool(out.strip())


def main(argv: list[str] | None = None) -> int:
    """Run the notebook, frame the chart and the widget, write the PNG."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default="notebooks/overview.ipynb", help="path under the repo root")
    parser.add_argument(
        "--source", default=str(lab_driver.ROOT), help="folder holding notebooks/ and seeds/ (the repo)"
    )
    parser.add_argument("--out", default=str(lab_driver.ROOT / "docs" / "jupyterlab.png"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--timeout", type=float, default=120, help="seconds for opening and for running")
    args = parser.parse_args(argv)

    missing = lab_driver.missing_tools()
    if missing:
        print("screenshot.py needs " + " and ".join(missing), file=sys.stderr)
        return 2
    if not _has_cjk_font():
        print(
            "warning: no Chinese font found (apt-get install fonts-noto-cjk); text will be boxes",
            file=sys.stderr,
        )

    out = Path(args.out).resolve()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="zone-lab-") as tmp:
        root = lab_driver.stage(Path(tmp) / "root", Path(args.source))
        with lab_driver.lab_server(root, Path(tmp) / "home") as server:
            with lab_driver.chromium_page(args.width, args.height) as page:
                lab_driver.open_notebook(page, server, args.notebook, timeout=args.timeout)
                result = lab_driver.run_all(page, server, args.notebook, timeout=args.timeout)
                if result.errors:
                    print("the notebook failed:\n" + "\n".join(result.errors), file=sys.stderr)
                    return 1
                facts = lab_driver.wait_rendered(page, args.notebook)
                if not facts["plots"] or not facts["widgets"]:
                    print(f"no chart or no widget rendered: {facts}", file=sys.stderr)
                    return 1
                print(page.evaluate(_FRAME_JS, args.notebook))
                page.mouse.move(args.width - 5, args.height // 2)  # no hover effects on the chart
                time.sleep(1.5)  # let Plotly finish drawing after the scroll
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB) in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
