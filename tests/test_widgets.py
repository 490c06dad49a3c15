"""zone_lib.views.widgets: explorers update their displayed table when a control changes."""

from __future__ import annotations

import ipywidgets as w
import pytest

from zone_lib import views
from zone_lib.errors import ParameterError
from zone_lib.views import params, widgets


def test_year_explorer_follows_the_dropdown():
    ex = widgets.YearExplorer(2020, show_figure=False)
    assert isinstance(ex.widget, w.VBox) and isinstance(ex.dropdown, w.Dropdown)
    assert set(ex.table.task_no) == set(views.year_view(2020).task_no)
    before_html = ex.html.value
    ex.dropdown.value = 2021
    assert len(ex.table) == len(views.year_view(2021)) == 34
    assert ex.html.value != before_html
    assert "2021" in ex.header.value
    assert "任务 Task" in ex.html.value


def test_year_explorer_redraws_its_figure():
    ex = widgets.YearExplorer("2019")
    first = ex.figure
    assert first is not None and "2019" in first.layout.title.text
    ex.dropdown.value = 2022
    assert "2022" in ex.figure.layout.title.text
    assert ex.output in ex.widget.children


def test_unit_explorer_follows_the_dropdown():
    ex = widgets.UnitExplorer("医保局", show_figure=False)
    assert ex.dropdown.value == "自治区医保局"
    assert len(ex.dropdown.options) == len(params.valid_units())
    n_before = len(ex.table)
    ex.dropdown.value = "自治区财政厅"
    assert len(ex.table) != n_before
    assert len(ex.table) == len(views.unit_view("自治区财政厅"))
    assert "自治区财政厅" in ex.header.value


def test_platform_explorer_follows_the_dropdown():
    ex = widgets.PlatformExplorer("互联网医疗平台", show_figure=False)
    assert ex.dropdown.value == 5 and list(ex.table.task_no) == list(range(21, 29))
    ex.dropdown.value = 7
    assert list(ex.table.task_no) == [34, 35]


def test_milestone_search_filters_by_text_and_document():
    ex = widgets.MilestoneSearch()
    everything = len(ex.table)
    assert set(ex.table.doc_id) == {"nx-impl-2019"}
    ex.search.value = "电子健康卡"
    found = ex.table
    assert 0 < len(found) < everything
    assert (found.text.str.contains("电子健康卡") | found.task.str.contains("电子健康卡")).all()
    ex.dropdown.value = None
    assert len(ex.table) > len(found)
    assert set(ex.table.doc_id) >= {"nx-impl-2019", "qtx-impl-2019"}
    ex.search.value = "电子健康卡 不存在的词"
    assert ex.table.empty and "0 milestones" in ex.header.value


def test_explorers_validate_their_initial_value():
    with pytest.raises(ParameterError):
        widgets.YearExplorer(2030)
    with pytest.raises(ParameterError):
        widgets.UnitExplorer("不存在的局")
    with pytest.raises(ParameterError):
        widgets.PlatformExplorer("火星平台")
    with pytest.raises(ParameterError):
        widgets.MilestoneSearch(doc_id="no-such-doc")


def test_table_html_notes_rows_left_out():
    html = widgets.table_html(views.year_view(2020), max_rows=5)
    assert "35 more rows" in html
