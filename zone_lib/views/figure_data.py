"""The data behind a chart, as a table a reader can take away (CSV beside the page).

Each trace of a plotly figure becomes rows of one long table: ``chart, trace, type, x, y,
z, base, text`` (``base``: where a bar starts, for the Gantt-style timelines). A heatmap
gives one row per cell (its ``x`` and ``y`` labels and value), a bar or scatter trace one
row per point. Traces a reader cannot hover (``hoverinfo: skip``: connecting lines,
decorations) are left out. Arrays may be lists, tuples, numpy arrays or plotly's
typed-array encoding (``{"dtype": …, "bdata": …}``), so the function works on whatever
plotly hands a renderer.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from typing import Any

import numpy as np

COLUMNS = ["chart", "trace", "type", "x", "y", "z", "base", "text"]
_TAGS = re.compile(r"<[^>]+>")


def _array(value: Any) -> list | None:
    """A trace attribute as a Python list (None when it is not an array)."""
    if value is None or isinstance(value, str | int | float | bool):
        return None
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            dims = [int(s) for s in str(shape).split(",")] if isinstance(shape, str) else list(shape)
            data = data.reshape(dims)
        return data.tolist()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [v.tolist() if isinstance(v, np.ndarray) else v for v in value]
    return None


def _plain(value: Any) -> Any:
    """A cell value: markup (``<br>``, ``<b>``) dropped from text, floats with integral value as ints."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(_TAGS.sub(" ", value).split())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _title(layout: dict[str, Any]) -> str:
    title = layout.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return _plain(title or "")


def figure_rows(fig_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """The data of every trace of a figure, one row per point or heatmap cell.

    Args:
        fig_dict: The figure as a dict (what plotly passes to a renderer, or
            ``fig.to_plotly_json()``).

    Returns:
        Rows with the keys of :data:`COLUMNS`.
    """
    chart = _title(dict(fig_dict.get("layout") or {}))
    rows: list[dict[str, Any]] = []
    for k, trace in enumerate(fig_dict.get("data") or [], start=1):
        name = _plain(trace.get("name")) or f"trace {k}"
        kind = trace.get("type") or "scatter"
        if trace.get("hoverinfo") == "skip":
            continue
        x, y, z = _array(trace.get("x")), _array(trace.get("y")), _array(trace.get("z"))
        bases = _array(trace.get("base"))
        text = _array(trace.get("text"))
        base = {"chart": chart, "trace": name, "type": kind}
        if z is not None and z and isinstance(z[0], list):
            for i, zrow in enumerate(z):
                for j, value in enumerate(zrow):
                    if value is None:
                        continue
                    label = text[i][j] if text and i < len(text) and isinstance(text[i], list) else ""
                    rows.append(
                        base
                        | {
                            "x": _plain(x[j]) if x and j < len(x) else j,
                            "y": _plain(y[i]) if y and i < len(y) else i,
                            "z": _plain(value),
                            "base": "",
                            "text": _plain(label) if isinstance(label, str) else "",
                        }
                    )
            continue
        n = max(len(a) for a in (x, y, z, text) if a is not None) if any((x, y, z, text)) else 0
        for i in range(n):
            label = text[i] if text and i < len(text) else ""
            rows.append(
                base
                | {
                    "x": _plain(x[i]) if x and i < len(x) else "",
                    "y": _plain(y[i]) if y and i < len(y) else "",
                    "z": _plain(z[i]) if z and i < len(z) else "",
                    "base": _plain(bases[i]) if bases and i < len(bases) else "",
                    "text": _plain(label) if isinstance(label, str) else "",
                }
            )
    return rows


def figure_csv(fig_dict: dict[str, Any]) -> str:
    """:func:`figure_rows` as CSV text (``""`` when the figure holds no data)."""
    rows = figure_rows(fig_dict)
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
