"""Unit tests of year placement on small inline rows."""

import pytest

from zone_lib.tables.reconcile import column_readings, place_cells, split_items

YEARS = [2019, 2020, 2021, 2022]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        pytest.param("(1)建网。 (2)建库。", ["建网。", "建库。"], id="half-width"),
        pytest.param("（1）建网。（2）建库。（3）上云。", ["建网。", "建库。", "上云。"], id="full-width"),
        pytest.param("建成(心电、脑电)中心。", ["建成(心电、脑电)中心。"], id="no-items"),
        pytest.param("前言(1)不算。", ["前言(1)不算。"], id="marker-not-at-start"),
        pytest.param("(2)只有二。", ["(2)只有二。"], id="not-starting-at-one"),
    ],
)
def test_split_items(text, items):
    assert split_items(text) == items


def test_column_readings_prefer_the_header_gap():
    # cells in slots 1 and 2 of 5; the header's empty task column is slot 0
    assert column_readings([1, 2], 5, 4, [0]) == [(0, 1), (1, 2)]
    # slot 0 is filled: the row is shifted left, the spare slot is at its end
    assert column_readings([0, 1, 2, 3], 5, 4, [0]) == [(0, 1, 2, 3)]
    # a gap inside the row: 2019, 2020, (2021 empty), 2022
    assert column_readings([0, 1, 4], 5, 4, [0]) == [(0, 1, 3)]


PROSE = {2019: "建设专网，覆盖全区。", 2020: "完善机制。", 2022: "形成示范效应，基本建立合作模式。"}


def test_prose_moves_a_cell_its_column_misplaces():
    cells = ["建设专网。", "完善机制。", "基本建立合作模式,形成示范效应。"]
    placed = place_cells(cells, [0, 1, 2], 5, YEARS, [0], PROSE)
    assert [(p.year, p.year_column, p.year_basis) for p in placed] == [
        (2019, 2019, "column"),
        (2020, 2020, "column"),
        (2022, 2021, "prose"),
    ]


def test_weak_prose_evidence_leaves_the_column_alone():
    cells = ["建设专网。", "完善机制。", "另一件事情。"]
    placed = place_cells(cells, [0, 1, 2], 5, YEARS, [0], PROSE)
    assert [p.year for p in placed] == [2019, 2020, 2021]
    assert {p.year_basis for p in placed} == {"column"}


def test_without_prose_the_column_decides():
    placed = place_cells(["甲。", "乙。"], [1, 2], 5, YEARS, [0], None)
    assert [(p.year, p.year_basis) for p in placed] == [(2019, "column"), (2020, "column")]
