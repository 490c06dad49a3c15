"""Golden tests of the annual task matrix against the real seed."""

import pandas as pd
import pytest

import zone_lib
from tests.conftest import seed_lines


@pytest.fixture(scope="module")
def m() -> pd.DataFrame:
    return zone_lib.matrix()


def cell(m, task_no, year):
    rows = m[(m.task_no == task_no) & (m.year == year)]
    assert len(rows) == 1, (task_no, year)
    return rows.iloc[0]


def test_shape(m):
    assert m.task_no.nunique() == 40
    assert sorted(m.task_no.unique()) == list(range(1, 41))
    assert len(m) == 147
    assert m.groupby("year").size().to_dict() == {2019: 40, 2020: 40, 2021: 34, 2022: 33}
    assert (m.text.str.len() > 0).all()
    assert not m.duplicated(["task_no", "year"]).any()
    assert set(m.doc_id) == {"nx-impl-2019"}


def test_every_source_line_holds_its_text(m):
    lines = seed_lines()
    for row in m.itertuples():
        assert row.text in " ".join(lines[row.source_line - 1].split()), (row.task_no, row.year)


def test_sections_come_from_the_plans_own_numbering(m):
    spans = m.groupby("section_no").task_no.agg(["min", "max"]).apply(tuple, axis=1).to_dict()
    assert spans == {
        1: (1, 5),
        2: (6, 7),
        3: (8, 13),
        4: (14, 20),
        5: (21, 28),
        6: (29, 33),
        7: (34, 35),
        8: (36, 40),
    }
    # the table prints (八) and (九) here; the plan's sections are 七 and 八
    assert cell(m, 34, 2019).section == "建设互联网医药平台"
    assert cell(m, 36, 2019).section_no == 8


@pytest.mark.parametrize(
    ("task_no", "year", "year_column", "basis", "line", "text"),
    [
        pytest.param(
            1,
            2020,
            2020,
            "column",
            943,
            "(1)强化自治区统筹区域平台和医院信息平台功能指引、数据标准的推广应用。 (2)全区医疗健康数据实现标准规范统一管理与维护。",
            id="header-aligned-row",
        ),
        pytest.param(
            5,
            2022,
            2022,
            "column",
            950,
            "(1)持续完善数据安全保障制度及规范,建立协调沟通机制。 (2)形成全领域、全方位的安全保障体系。",
            id="row-shifted-left",
        ),
        pytest.param(
            12,
            2022,
            2021,
            "prose",
            962,
            "基本建立适合示范区发展的合作模式,形成示范效应。",
            id="column-says-2021-prose-says-2022",
        ),
        pytest.param(
            20,
            2022,
            2022,
            "column",
            977,
            "实现全区采供血业务监管和统计分析、血液库存的调拨、审核和信息的交互共享。",
            id="shifted-cells-with-a-gap",
        ),
        pytest.param(
            24,
            2022,
            2022,
            "column",
            982,
            "提高急救网络覆盖率,缩短急救半径,有2个地市120获得国际绩优认证。",
            id="2021-and-2022-split-by-semicolon-in-prose",
        ),
        pytest.param(
            30,
            2019,
            2019,
            "column",
            995,
            "依托宁夏电生理诊断中心,紧密连接上下级医疗机构,建立区域电生理信息交换体系。",
            id="back-to-header-alignment",
        ),
        pytest.param(
            38,
            2021,
            2021,
            "column",
            1008,
            ",加强大数据等技术的应用,提升医保资金监管分析能力。",
            id="stray-leading-comma-kept-as-printed",
        ),
    ],
)
def test_tricky_cells(m, task_no, year, year_column, basis, line, text):
    row = cell(m, task_no, year)
    assert (row.year_column, row.year_basis, row.source_line, row.text) == (year_column, basis, line, text)


def test_years_of_rows_with_missing_years(m):
    years = m.groupby("task_no").year.apply(tuple).to_dict()
    assert years[10] == (2019, 2020)
    assert years[12] == (2019, 2020, 2022)
    assert years[20] == (2019, 2020, 2022)
    assert years[29] == years[30] == years[32] == (2019, 2020, 2021)
    assert years[1] == years[2] == years[3] == (2019, 2020)


def test_items_split_at_numbered_sub_items(m):
    assert cell(m, 4, 2019)["items"] == [
        "依托宁夏全民健康信息平台 and 各类业务应用系统,升级完善数据库。",
        "构建自治区卫生健康信息资源库。",
        "初步实现围绕个人电子健康卡号或身份证号的主数据贯通。",
    ]
    assert cell(m, 4, 2020)["items"] == [
        "继续扩展基础数据库资源,推动完善丰富数据库,丰富中医数据资源,形成专项数据库。"
    ]
    assert m.n_items.sum() == m["items"].apply(len).sum()


def test_task_names_are_the_tables(m):
    assert cell(m, 14, 2019).task == "搭建全区一体化健康信息化平台"
    assert cell(m, 9, 2019).task == "成立宁夏“互联网+医疗健康”应用研究中心和大数据研究院"


def test_prose_provenance(m):
    row = cell(m, 12, 2022)
    assert row.prose_line == 722 and row.prose_match == 1.0
    assert pd.isna(cell(m, 7, 2020).prose_line)  # the prose has no 2020 milestone for task 7


def test_every_line_of_the_table_region_is_accounted_for():
    lines = zone_lib.table_lines()
    assert lines.line.tolist() == list(range(938, 1011))
    assert lines.kind.value_counts().to_dict() == {
        "row": 40,
        "header": 16,
        "blank": 8,
        "section": 8,
        "caption": 1,
    }
    assert not lines.kind.isin(["unrecognised", "duplicate"]).any()


def test_a_document_without_a_table_raises_a_table_error():
    with pytest.raises(
        zone_lib.TableParseError, match=r"002_f60c301714171d8f.txt:1012: expected a table header"
    ):
        zone_lib.matrix("nx-port-2019")


def test_a_row_number_alone_on_its_line_starts_the_row_and_the_next_line_its_next_cell():
    # found by the fuzz test: "1" alone, then "统一数据标准规范\t\t…" on the next line
    from zone_lib.parse.annual_table import parse_annual_table

    lines = [
        "编号\t年度\t\t2019年\t2020年\t2021年\t2022年",
        "\t项目\t任务\t\t\t\t",
        "1",
        "统一数据标准规范\t\t初步建立标准。\t统一管理。\t\t",
        "2\t统一信息专网\t\t升级网络。\t互联互通。\t\t",
    ]
    table = parse_annual_table(list(enumerate(lines, start=1)))
    assert [(r.task_no, r.fields[:2]) for r in table.rows] == [
        (1, ["1", "统一数据标准规范"]),
        (2, ["2", "统一信息专网"]),
    ]
