"""zone_lib.views: briefing tables and figures."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go
import pytest

import zone_lib
from zone_lib import views
from zone_lib.errors import ParameterError
from zone_lib.views import params


@pytest.fixture(scope="module")
def m() -> pd.DataFrame:
    return zone_lib.matrix()


# ---------------------------------------------------------------- year


@pytest.mark.parametrize("year", [2019, 2020, 2021, 2022])
def test_year_view_has_one_row_per_cell_of_the_year(m, year):
    view = views.year_view(str(year))
    assert len(view) == int((m.year == year).sum())
    assert (view.year == year).all()
    assert list(view.sort_values(["section_no", "task_no"]).task_no) == list(view.task_no)
    cells = m[m.year == year].set_index("task_no")
    for r in view.itertuples():
        assert r.source_line == cells.loc[r.task_no, "source_line"]
        assert r.text == cells.loc[r.task_no, "text"]
    assert (view.section_en != "").all() and (view.lead != "").all()


def test_first_year_is_all_new():
    assert set(views.year_view(2019).status) == {"new"}


def test_year_view_statuses_follow_the_definition(m):
    view = views.year_view(2021).set_index("task_no")
    # task 7 and 37: the 2021 cell repeats the 2020 cell word for word (discrepancies say so)
    assert view.loc[7, "status"] == "continued" and view.loc[37, "status"] == "continued"
    assert not view.loc[7, "is_new"]
    assert view.loc[7, "status_zh"] == "延续"
    # task 12 has no 2021 cell (its third cell belongs to 2022); in 2022 it is new
    assert 12 not in view.index
    assert views.year_view(2022).set_index("task_no").loc[12, "status"] == "new"
    changed = view[view.status == "changed"]
    assert (changed.previous_text != "").all()
    assert len(view) == (view.status != "new").sum() + (view.status == "new").sum()


def test_year_by_section_adds_up():
    by = views.year_by_section(2021)
    view = views.year_view(2021)
    assert list(by.section_no) == list(range(1, 9))
    assert by.n_tasks.sum() == len(view)
    assert (by.n_tasks == by.new + by.changed + by.continued).all()
    # tasks 1-3 have 2019/2020 cells only: section 1 ends three tasks in 2021
    assert by.set_index("section_no").loc[1, "ended"] == 3


def test_year_by_unit_counts():
    by = views.year_by_unit(2020).set_index("unit")
    assert by.loc["自治区卫生健康委", "lead"] == 39
    assert by.loc["各市、县（区）人民政府", "coop"] == 40
    assert by.loc["自治区卫生健康委", "unit_en"] == "Regional Health Commission"


def test_year_view_rejects_a_bad_year():
    with pytest.raises(ParameterError, match="2019; 2020; 2021; 2022"):
        views.year_view(2030)


# ---------------------------------------------------------------- unit


def test_unit_view_by_alias(m):
    view = views.unit_view("医保局")
    assert set(view.unit) == {"自治区医保局"}
    resp = zone_lib.responsibilities("nx-impl-2019")
    tasks = set(resp[resp.unit == "自治区医保局"].task_no)
    assert set(view.task_no) == tasks
    assert len(view) == int(m.task_no.isin(tasks).sum())
    assert set(view.role) <= {"lead", "coop"} and set(view.role_zh) <= {"牵头单位", "配合单位"}
    task23 = view[view.task_no == 23]
    assert set(task23.role) == {"lead"} and set(task23.unit_line) == {804}


def test_unit_by_year_and_share():
    by = views.unit_by_year("自治区卫生健康委")
    assert list(by.year) == [2019, 2020, 2021, 2022]
    assert (by.total == by.year_cells).all()  # it is named on every task
    assert (by.share == 1.0).all()
    share = views.unit_share().set_index("unit")
    assert share.loc["自治区卫生健康委", "share"] == 1.0
    assert share.loc["各市、县（区）人民政府", "lead_share"] == 0.0
    assert set(share.index) == set(params.valid_units().unit)
    assert share.n_cells.is_monotonic_decreasing


def test_unit_partners():
    partners = views.unit_partners("自治区医保局").set_index("partner")
    assert "自治区医保局" not in partners.index
    assert partners.loc["自治区卫生健康委", "n_tasks"] == 28
    assert partners.loc["自治区卫生健康委", "partner_leads"] == 28
    assert partners.n_tasks.is_monotonic_decreasing
    with pytest.raises(ParameterError):
        views.unit_partners("不存在的局")


# ---------------------------------------------------------------- platform and overview


def test_platform_view_by_any_label():
    by_no = views.platform_view(5)
    assert by_no.equals(views.platform_view("互联网医疗平台"))
    assert by_no.equals(views.platform_view("Internet medical-service platform"))
    assert list(by_no.task_no) == list(range(21, 29))
    assert {"2019", "2020", "2021", "2022"} <= set(by_no.columns)
    task12 = views.platform_view(3).set_index("task_no").loc[12]
    assert task12["2021"] == "" and task12["2022"] != ""
    assert task12.n_years == 3


def test_platform_units_and_discrepancies():
    units = views.platform_units(5).set_index("unit")
    assert units.loc["自治区卫生健康委", "lead"] == 8
    disc = views.platform_discrepancies(7)
    assert list(disc.task_no) == [34] and list(disc.kind) == ["section_number"]
    assert views.platform_discrepancies(5).empty


def test_overview_matches_the_matrix(m):
    ov = views.overview()
    assert list(ov.section_no) == list(range(1, 9))
    assert ov.n_tasks.sum() == 40 and ov.n_cells.sum() == len(m)
    for y in (2019, 2020, 2021, 2022):
        assert ov[str(y)].sum() == int((m.year == y).sum())
    assert ov.n_discrepancies.sum() == len(zone_lib.discrepancies())
    assert ov.set_index("section_no").loc[5, "tasks"] == "21–28"


def test_targets_have_source_lines_and_series(m):
    t = views.targets()
    assert {"task_no", "year", "value", "measure", "series", "text", "source_line"} <= set(t.columns)
    lines = set(m.source_line)
    assert set(t.source_line) <= lines
    task18 = t[t.task_no == 18].sort_values("year")
    assert list(task18.value) == [70.0, 90.0] and task18.series.nunique() == 1
    assert set(zip(t.task_no, t.year, t.value)) <= {
        (r.task_no, r.year, r.value) for r in zone_lib.targets("nx-impl-2019").itertuples()
    }


def test_bilingual_headings():
    shown = views.bilingual(views.year_view(2020))
    assert "任务 Task" in shown.columns and "年度 Year" in shown.columns


def test_raw_lines_show_the_table_region():
    raw = views.raw_lines(938, 944)
    assert list(raw.line) == list(range(938, 945))
    assert raw.set_index("line").loc[938, "kind"] == "caption"
    assert raw.set_index("line").loc[943, "task_no"] == 1


# ---------------------------------------------------------------- figures


def _json(fig: go.Figure) -> str:
    return fig.to_json()


def test_figures_are_deterministic():
    first = {k: _json(f) for k, f in views.figures().items()}
    second = {k: _json(f) for k, f in views.figures().items()}
    assert first == second
    assert _json(views.fig_unit_network("医保局")) == _json(views.fig_unit_network("自治区医保局"))


def test_heatmap_cells_and_hover(m):
    fig = views.fig_heatmap(highlight_year=2021)
    heat = fig.data[0]
    assert len(heat.y) == 40 and list(heat.x) == ["2019", "2020", "2021", "2022"]
    present = sum(v is not None for row in heat.z for v in row)
    assert present == len(m)
    # task 12's 2022 cell: full text and its line in the hover
    cell = m[(m.task_no == 12) & (m.year == 2022)].iloc[0]
    hover = heat.text[11][3]
    assert f"line {cell.source_line}" in hover and "形成示范效应" in hover.replace("<br>", "")
    assert heat.z[11][2] is None
    assert len(fig.layout.updatemenus[0].buttons) == 9
    assert len(fig.layout.shapes) == 1


def test_timeline_has_region_and_county():
    fig = views.fig_timeline()
    assert len(fig.layout.annotations) == 2  # two panels
    assert (
        "nx-impl-2019" in fig.layout.annotations[0].text and "qtx-impl-2019" in fig.layout.annotations[1].text
    )
    hovers = [h for tr in fig.data for h in tr.hovertext]
    assert any("line 642" in h for h in hovers)
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == 9
    assert len(buttons[5].args[0]["visible"]) == len(fig.data)
    only = views.fig_timeline(section="互联网医药平台")
    assert not only.layout.updatemenus
    assert all("(七)" in tr.name for tr in only.data)


def test_timeline_skips_documents_without_milestones():
    fig = views.fig_timeline(doc_ids=("nx-impl-2019", "nx-hq-2023"))
    assert len(fig.layout.annotations) == 1


def test_section_bars():
    fig = views.fig_section_bars()
    assert [tr.name for tr in fig.data] == ["2019年", "2020年", "2021年", "2022年"]
    assert sum(fig.data[2].x) == 34  # horizontal bars: counts on x
    stacked = views.fig_section_bars(2021)
    assert fig.layout.updatemenus and stacked.layout.barmode == "stack"
    assert sum(sum(tr.x) for tr in stacked.data) == 34
    # integers on the axis and in the hover
    assert stacked.layout.xaxis.tickformat == "d" and all(":d}" in tr.hovertemplate for tr in stacked.data)
    # years and statuses are greys, never a section's colour
    used = {tr.marker.color for tr in fig.data} | {tr.marker.color for tr in stacked.data}
    assert not used & set(views.SECTION_COLOURS)


def test_unit_network():
    fig = views.fig_unit_network(highlight="医保局")
    units = params.valid_units()
    nodes = next(tr for tr in fig.data if tr.name == "units")
    assert len(nodes.x) == len(units)
    highlighted = [tr for tr in fig.data if tr.name.startswith("ties of ")]
    assert len(highlighted) == len(units)
    assert [tr.name for tr in highlighted if tr.visible] == ["ties of 自治区医保局"]
    assert len(fig.layout.updatemenus[0].buttons) == len(units) + 1
    assert json.loads(fig.to_json())  # serialisable


def test_targets_figure():
    fig = views.fig_targets()
    assert len(fig.data) == views.targets().series.nunique()
    assert all("line" in h for tr in fig.data for h in tr.hovertext)


def test_unit_in_other_documents_goes_through_the_registry():
    df = views.unit_in_documents("医保局")
    got = df.set_index("doc_id")[["n_tasks", "n_lead", "n_coop"]].to_dict("index")
    assert got["nx-impl-2019"] == {"n_tasks": 28, "n_lead": 5, "n_coop": 23}
    assert got["nx-hq-2023"] == {"n_tasks": 8, "n_lead": 0, "n_coop": 8}
    assert got["qtx-impl-2019"]["n_tasks"] == 0  # 市医疗保障局 is the city's own bureau, another unit
    assert "23*" in df.set_index("doc_id").loc["nx-impl-2019", "tasks"]


def test_full_table_shows_whole_cells_escaped():
    import pandas as pd

    from zone_lib import views

    long = "长" * 120
    html = views.full_table(pd.DataFrame({"a": ['<script>alert(1)</script>"><img onerror=x>', long]})).data
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert long in html  # not cut to 50 characters


# ---------------------------------------------------------------- tidy charts, unit Gantt


def test_unit_schedule_exact_values():
    s = views.unit_schedule("医保局")
    assert len(s) == 30 and s.task_no.nunique() == 28
    assert list(s.columns) == [
        "unit", "task_no", "task", "section_no", "role", "role_zh",
        "year_from", "year_to", "n_years", "source_line",
    ]  # fmt: skip
    lead = s[s.role == "lead"]
    assert list(lead.task_no) == [23, 35, 36, 37, 38]
    assert set(zip(lead.year_from, lead.year_to)) == {(2019, 2022)}
    # task 12 skips 2021: two runs; task 1 ends in 2020
    t12 = s[s.task_no == 12]
    assert list(zip(t12.year_from, t12.year_to, t12.n_years)) == [(2019, 2020, 2), (2022, 2022, 1)]
    assert t12.source_line.tolist() == [962, 962]
    t1 = s[s.task_no == 1].iloc[0]
    assert (t1.year_from, t1.year_to, t1.role, t1.source_line) == (2019, 2020, "coop", 943)
    # every cell of the unit's view is in exactly one run
    assert s.n_years.sum() == len(views.unit_view("医保局"))
    assert list(s.section_no) == sorted(s.section_no)


def test_unit_gantt_figure():
    fig = views.fig_unit_gantt("自治区医保局")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert [tr.name for tr in bars] == ["牵头单位 lead unit", "配合单位 cooperating unit"]
    lead, coop = bars
    assert len(lead.y) == 5 and len(coop.y) == 25
    assert lead.y[0] == "23 完善双向转诊机制" and lead.base[0] == 2019 - 0.42 and lead.x[0] == 3 + 0.84
    assert coop.marker.pattern.shape == "/" and lead.marker.pattern.shape is None
    assert lead.marker.color[0] == views.SECTION_COLOURS[4]  # task 23: section 5
    assert any("line 962" in h for h in coop.hovertext)
    assert len(fig.layout.yaxis.categoryarray) == 28
    legend = [tr.name for tr in fig.data if tr.type == "scatter"]
    assert legend[0].startswith("牵头单位") and legend[1].startswith("配合单位")
    assert len(legend) == 2 + 7  # the unit's seven sections (none in section 2)
    assert fig.to_json() == views.fig_unit_gantt("医保局").to_json()


def test_figures_are_fresh_objects():
    fig = views.fig_heatmap()
    fig.layout.title.text = "changed"
    fig.data[0].z[0][0] = 99
    again = views.fig_heatmap()
    assert again.layout.title.text != "changed" and again.data[0].z[0][0] != 99


def test_section_colours_consistent_across_figures():
    colours = dict(enumerate(views.SECTION_COLOURS, start=1))
    heat = views.fig_heatmap()
    # legend keys may break a long name over two lines; their legend group is the plain name
    named = {tr.legendgroup or tr.name: tr.marker.color for tr in heat.data if tr.type == "scatter"}
    timeline = views.fig_timeline()
    for tr in timeline.data:
        assert named[tr.legendgroup or tr.name] == tr.marker.color  # the same name, the same colour
    assert list(named.values()) == list(colours.values())
    net = views.fig_unit_network()
    assert not {
        c for tr in net.data for c in ([tr.marker.color] if isinstance(tr.marker.color, str) else [])
    } & set(colours.values())


def test_legends_are_below_everything():
    for name, fig in views.figures().items():
        if fig.layout.showlegend:
            assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0, name
            assert fig.layout.legend.yanchor == "bottom", name


def test_log_axis_ticks_are_1_2_5():
    fig = views.fig_targets()
    ax = fig.layout.yaxis2
    assert ax.type == "log"
    assert list(ax.tickvals) == [1, 2, 5, 10, 20, 50, 100, 200, 500]
    assert list(ax.ticktext) == ["1", "2", "5", "10", "20", "50", "100", "200", "500"]
    values = [v for tr in fig.data for v in tr.y]
    assert all(isinstance(v, int) for v in values if float(v).is_integer())


def test_unit_network_labels_stand_outside_and_apart():
    fig = views.fig_unit_network()
    nodes = next(tr for tr in fig.data if tr.name == "units")
    for x, y, pos in zip(nodes.x, nodes.y, nodes.textposition):
        if abs(x) >= 0.2:
            assert pos == ("middle right" if x > 0 else "middle left")
        else:
            assert pos == ("top center" if y > 0 else "bottom center")
    # the four heaviest units are not neighbours on the circle
    n = len(nodes.x)
    slots = sorted(round(((math.pi / 2 - math.atan2(y, x)) % (2 * math.pi)) / (2 * math.pi) * n) % n
                   for x, y in zip(nodes.x[:4], nodes.y[:4]))  # fmt: skip
    gaps = [(b - a) % n for a, b in zip(slots, slots[1:] + slots[:1])]
    assert min(gaps) >= 2
    legend = [tr.name for tr in fig.data if tr.showlegend]
    assert legend[0].startswith("牵头单位") and legend[1].startswith("仅配合")
