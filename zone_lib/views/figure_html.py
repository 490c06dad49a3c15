r"""Plotly figures as small, deterministic, offline HTML for the briefings.

Plotly's own ``to_html`` writes every non-ASCII character as ``\\uXXXX`` (a Chinese
hover text grows sixfold), gives each figure a random ``uuid`` id and, unless told
otherwise, inlines or fetches plotly.js. The briefing renderer here instead

- writes the figure JSON as UTF-8 (about half the size for these documents), with
  ``<``, ``>``, ``&`` and the JavaScript line separators escaped, so that no text
  from a document can close the ``<script>`` element or inject markup;
- numbers the figures of a briefing ``zone-fig-1``, ``zone-fig-2`` … in display order
  (:func:`reset_figure_ids` starts a briefing), so two runs write the same bytes;
- hands the chart's data along as CSV (``text/csv``), written beside the page;
- never includes plotly.js: the briefing page loads the one shared copy written by
  :mod:`zone_lib.render.pages` into the output folder.

The notebooks select the renderer with :func:`zone_lib.views.setup_plotly`: in
JupyterLab ``plotly_mimetype+notebook``; under ``zone render`` (environment variable
``ZONE_PLOTLY_RENDERER=zone_briefing``) this one.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer
from plotly.utils import PlotlyJSONEncoder

from zone_lib.views.figure_data import figure_csv

RENDERER_NAME = "zone_briefing"
"""The name under which :class:`BriefingRenderer` is registered with plotly."""

FIGURE_CLASS = "plotly-graph-div"
ID_PREFIX = "zone-fig-"
CONFIG = {"responsive": True, "displaylogo": False}

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_TABLE = str.maketrans(_SCRIPT_ESCAPES)

_next_id = 0


def reset_figure_ids() -> None:
    """Start numbering figures from ``zone-fig-1`` again (called at the start of a briefing)."""
    global _next_id
    _next_id = 0


def figures_drawn() -> int:
    """How many figures the briefing renderer has written since the last reset."""
    return _next_id


def script_json(value: Any) -> str:
    r"""Serialise ``value`` as compact UTF-8 JSON that is safe inside a ``<script>`` element.

    Args:
        value: A JSON-serialisable value (numpy arrays and plotly objects allowed).

    Returns:
        JSON text with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped as ``\\uXXXX``.
    """
    text = json.dumps(value, cls=PlotlyJSONEncoder, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.translate(_SCRIPT_TABLE)


def figure_html(fig_dict: dict[str, Any], div_id: str) -> str:
    """The HTML of one figure: a sized ``div`` and the ``Plotly.newPlot`` call that draws it.

    Args:
        fig_dict: The figure as a dict (``fig.to_plotly_json()`` or what plotly passes
            to a renderer).
        div_id: The id of the figure's ``div`` (ASCII letters, digits and ``-``).

    Returns:
        An HTML fragment; it expects ``Plotly`` to be loaded by the page.
    """
    layout = dict(fig_dict.get("layout") or {})
    height = layout.get("height") or 450
    data = fig_dict.get("data") or []
    frames = fig_dict.get("frames") or []
    args = ",".join([json.dumps(div_id), script_json(data), script_json(layout), script_json(CONFIG)])
    call = f"Plotly.newPlot({args})"
    if frames:
        call += f".then(function(){{Plotly.addFrames({json.dumps(div_id)},{script_json(frames)});}})"
    return (
        f'<div class="zone-figure"><div id="{div_id}" class="{FIGURE_CLASS}" '
        f'style="height:{int(height)}px;width:100%"></div>\n'
        f"<script>{call};</script></div>\n"
    )


class BriefingRenderer(MimetypeRenderer):
    """A plotly renderer that returns :func:`figure_html` as the ``text/html`` of a figure."""

    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, str]:
        """Render one figure (plotly calls this when a figure is displayed).

        Args:
            fig_dict: The figure as plotly passes it.

        Returns:
            ``{"text/html": …}`` with the next figure id of the briefing, and the chart's
            data as ``text/csv`` (:mod:`zone_lib.views.figure_data`), which the page
            offers as a CSV file beside it.
        """
        global _next_id
        _next_id += 1
        bundle = {"text/html": figure_html(fig_dict, f"{ID_PREFIX}{_next_id}")}
        data = figure_csv(fig_dict)
        if data:
            bundle["text/csv"] = data
        return bundle


def register() -> None:
    """Register :class:`BriefingRenderer` with plotly as ``zone_briefing`` (idempotent)."""
    if RENDERER_NAME not in pio.renderers:
        pio.renderers[RENDERER_NAME] = BriefingRenderer()
