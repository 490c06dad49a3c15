"""Every chart's data as a table: zone_lib.views.figure_data."""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go

from zone_lib import views
from zone_lib.views.figure_data import COLUMNS, figure_csv, figure_rows
from zone_lib.views.figure_html import BriefingRenderer


def test_heatmap_gives_one_row_per_cell_with_its_labels():
    rows = figure_rows(views.fig_heatmap().to_plotly_json())
    cells = [r for r in rows if r["type"] == "heatmap"]
    assert (
        len(cells)
        == len(views.year_view(2019))
        + len(views.year_view(2020))
        + len(views.year_view(2021))
        + len(views.year_view(2022))
        == 147
    )
    first = cells[0]
    assert (first["x"], first["y"], first["z"]) == ("2019", "01 统一数据标准规范", 1)
    assert "line 943" in first["text"] and "<br>" not in first["text"]


def test_bars_keep_where_they_start_and_decorations_are_left_out():
    fig = go.Figure(
        [
            go.Bar(x=[1.0, 2.0], y=["a", "b"], base=[2019, 2020], name="<b>lead</b>", orientation="h"),
            go.Scatter(x=[0, 1], y=[0, 1], hoverinfo="skip", name="edge"),
        ],
        layout={"title": {"text": "任务 <br>Tasks"}},
    )
    rows = figure_rows(fig.to_plotly_json())
    assert rows == [
        {
            "chart": "任务 Tasks",
            "trace": "lead",
            "type": "bar",
            "x": 1,
            "y": "a",
            "z": "",
            "base": 2019,
            "text": "",
        },
        {
            "chart": "任务 Tasks",
            "trace": "lead",
            "type": "bar",
            "x": 2,
            "y": "b",
            "z": "",
            "base": 2020,
            "text": "",
        },
    ]


def test_plotly_typed_arrays_are_decoded():
    z = np.array([[1.5, 2.0], [3.0, 4.25]])
    encoded = {"dtype": "f8", "bdata": base64.b64encode(z.tobytes()).decode(), "shape": "2, 2"}
    rows = figure_rows(
        {"data": [{"type": "heatmap", "z": encoded, "x": ["a", "b"], "y": ["p", "q"]}], "layout": {}}
    )
    assert [(r["x"], r["y"], r["z"]) for r in rows] == [
        ("a", "p", 1.5),
        ("b", "p", 2),
        ("a", "q", 3),
        ("b", "q", 4.25),
    ]


def test_the_briefing_renderer_hands_the_csv_to_the_page():
    bundle = BriefingRenderer().to_mimebundle(views.fig_targets().to_plotly_json())
    assert set(bundle) == {"text/html", "text/csv"}
    assert bundle["text/csv"].splitlines()[0] == ",".join(COLUMNS)
    assert figure_csv({"data": [], "layout": {}}) == ""
