"""Bring your own document: read_document() on plans it has never seen, and on the seeds."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import zone_lib
from tests.conftest import ROOT, SEEDS
from zone_lib.errors import EmptyDocumentError, NotTextError, SeedReadError, ZoneError

EXAMPLE = ROOT / "examples" / "own_plan.txt"


@pytest.fixture(scope="module")
def example() -> zone_lib.OwnDocument:
    return zone_lib.read_document(EXAMPLE)


# -- the README's example ----------------------------------------------------------------


def test_example_document(example):
    d = example.documents.iloc[0]
    assert (d.doc_id, d.title, d.doc_number, d.date, d.structure, d.in_manifest) == (
        "own-plan",
        "固原市“互联网+医疗健康”便民服务行动方案",
        "固政办发〔2021〕99号",
        "2021-03-15",
        "tasks",
        False,
    )
    assert example.source == str(EXAMPLE)
    assert example.encoding == "utf-8"


def test_example_tasks(example):
    assert example.tasks[["task_no", "task", "section_no", "section", "source_line"]].values.tolist() == [
        [1, "升级全民健康信息平台", 1, "夯实信息基础", 13],
        [2, "普及电子健康卡", 1, "夯实信息基础", 17],
        [3, "推行预约诊疗", 2, "优化便民服务", 19],
        [4, "建设互联网医院", 2, "优化便民服务", 22],
        [6, "推进“一站式”结算", 2, "优化便民服务", 23],
    ]
    # a word broken by a line break comes back whole; an unread clause part stays in the text
    assert example.tasks.text[0].endswith("实现与自治区平台数据实时交换。")
    assert example.tasks.text[3].endswith("（适用范围：二级以上公立医院）")


def test_example_milestones(example):
    m = example.milestones
    got = [
        (r.task_no, None if pd.isna(r.year_from) else r.year_from, None if pd.isna(r.year_to) else r.year_to,
         r.marker, r.source, r.source_line)
        for r in m.itertuples()
    ]  # fmt: skip
    assert got == [
        (1, None, 2022, "2022年底", "deadline", 35),
        (1, 2021, 2021, "2021年，", "prose", 13),
        (1, 2022, 2022, "2022年，", "prose", 13),
        (2, None, 2022, "2022年底前完成", "deadline", 17),
        (2, None, 2022, "2022年底", "deadline", 38),
        (2, 2021, None, "从2021年起，", "prose", 17),
        (2, 2022, 2022, "2022年底前，", "prose", 17),
        (3, 2021, 2021, "2021年，", "prose", 19),
        (3, 2022, 2022, "2022年，", "prose", 20),
        (4, 2022, 2022, "2022年，", "prose", 22),
        (6, 2022, 2022, "2022年，", "prose", 23),
    ]
    # a clause part that is no milestone does not end up in one
    assert list(m[m.task_no == 4].text) == ["建成3家互联网医院。"]


def test_example_responsibilities(example):
    r = example.responsibilities
    assert r[["task_no", "unit", "role", "order", "source_line"]].values.tolist() == [
        [1, "市卫生健康委", "lead", 1, 15],
        [1, "市发展改革委", "coop", 2, 16],
        [1, "市财政局", "coop", 3, 16],
        [1, "市大数据中心", "coop", 4, 16],
        [2, "市卫生健康委", "lead", 1, 17],
        [2, "市医保局", "coop", 2, 17],
        [3, "各县（区）人民政府", "lead", 1, 21],
        [3, "市卫生健康委", "coop", 2, 21],
        [4, "市卫生健康委", "lead", 1, 22],
    ]


def test_example_targets(example):
    t = example.targets
    assert t[["task_no", "year", "value", "unit", "comparator", "source_line"]].values.tolist() == [
        [2, 2022, 90.0, "%", ">=", 17],
        [3, 2021, 50.0, "%", ">=", 19],
        [4, 2022, 3.0, "家", "=", 22],
    ]


def test_example_table_with_a_merged_cell_and_an_empty_one(example):
    t = example.table
    assert t[["task_no", "column", "role", "text", "is_merged", "source_line"]].values.tolist() == [
        [1, "序号", "number", "1", False, 32],
        [1, "重点任务", "name", "升级全民健康信息平台", False, 33],
        [1, "牵头单位", "lead", "市卫生健康委", False, 34],
        [1, "完成时限", "deadline", "2022年底", False, 35],
        [2, "序号", "number", "2", False, 36],
        [2, "重点任务", "name", "普及电子健康卡", False, 37],
        [2, "牵头单位", "lead", "市卫生健康委", True, 34],  # printed once, for rows 1 and 2
        [2, "完成时限", "deadline", "2022年底", False, 38],
        [3, "序号", "number", "3", False, 39],
        [3, "重点任务", "name", "推行预约诊疗", False, 40],
        [3, "牵头单位", "lead", "各县（区）人民政府", False, 41],
    ]  # row 3's deadline is "/": an empty cell
    assert example.matrix.empty


def test_example_problems_and_accounting(example):
    assert example.problems[["file", "line", "reason"]].values.tolist() == [
        [str(EXAMPLE), 23, "task 5 is missing: 6 follows 4"]
    ]
    lines = example.lines
    assert list(lines.line) == list(range(1, 43))
    assert set(lines.status) == {"used", "boilerplate", "reported"}
    assert example.summary() == {
        "documents": 1, "tasks": 5, "milestones": 11, "responsibilities": 9, "targets": 3, "matrix": 0,
        "table": 11, "lines_used": 25, "lines_boilerplate": 16, "lines_reported": 1, "lines_unclassified": 0,
        "problems": 1,
    }  # fmt: skip


# -- the recurring forms, one at a time --------------------------------------------------------

HEAD = "某市实施方案\n二、重点任务\n"


def _one(text: str) -> zone_lib.OwnDocument:
    return zone_lib.read_document(HEAD + text, doc_id="t")


@pytest.mark.parametrize(
    ("text", "tasks"),
    [
        pytest.param(
            "（一）基础。\n1.建设平台。2020年，完成。\n2.推广应用。2021年，推广。\n",
            [(1, "建设平台", "基础"), (2, "推广应用", "基础")],
            id="arabic-under-sections",
        ),
        pytest.param(
            "（一）基础。\n１．建设平台。２０２０年，完成。\n２．推广应用。２０２１年，推广。\n",
            [(1, "建设平台", "基础"), (2, "推广应用", "基础")],
            id="full-width-numbers",
        ),
        pytest.param(
            "（一）建设平台。2020年，完成。（市卫生健康委负责）\n（二）推广应用。2021年，推广。（市医保局负责）\n",
            [(1, "建设平台", "重点任务"), (2, "推广应用", "重点任务")],
            id="section-numbers-as-tasks",
        ),
        pytest.param(
            "（一）夯实基础\n一是建设平台。二是推广应用。\n（二）优化服务\n一是预约诊疗。\n",
            [(1, "建设平台", "夯实基础"), (2, "推广应用", "夯实基础"), (3, "预约诊疗", "优化服务")],
            id="yishi-inline",
        ),
        pytest.param(
            "（一）基础。\n1.建设平台。2020年，完成。\n（二）服务。\n1.预约诊疗。2021年，推广。\n",
            [(1, "建设平台", "基础"), (2, "预约诊疗", "服务")],
            id="numbering-restarts-per-section",
        ),
    ],
)
def test_numbered_tasks(text, tasks):
    doc = _one(text)
    assert [(r.task_no, r.task, r.section) for r in doc.tasks.itertuples()] == tasks
    assert doc.problems.empty


def test_section_numbers_under_an_overview_part_are_not_tasks():
    doc = zone_lib.read_document(
        "某市实施方案\n一、总体要求\n（一）指导思想。坚持人民至上。\n（二）工作目标。到2022年，基本建成。\n"
        "二、重点任务\n（一）建设平台。2020年，完成。（牵头单位：市卫生健康委）\n"
        "（二）推广应用。2021年，推广。（牵头单位：市医保局）\n三、保障措施\n（一）加强领导。各部门要协作。\n",
        doc_id="t",
    )
    # the numbered measures under 保障措施 carry duties and are tasks like the others (issue 11);
    # the general reader reads them, with the framework items kept out, so it reads this document
    assert list(doc.tasks.task) == ["建设平台", "推广应用", "加强领导"]
    assert list(doc.readers.reader) == ["general"]
    assert doc.problems.empty
    kinds = doc.lines.set_index("line").kind
    assert kinds[3] == kinds[4] == "framework"
    assert kinds[9] == "task"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("2019年，建成专网。", [(2019, 2019, "2019年，")], id="year"),
        pytest.param("到2022年，全面建成。", [(2022, 2022, "到2022年，")], id="by-year"),
        pytest.param("2019—2020年，试点。", [(2019, 2020, "2019—2020年，")], id="range"),
        pytest.param("2021年底前，完成。", [(2021, 2021, "2021年底前，")], id="end-of-year"),
        pytest.param("2021年底前完成评估。", [(2021, 2021, "2021年底前")], id="end-of-year-no-comma"),
        pytest.param("从2019年起，每年评估。", [(2019, None, "从2019年起，")], id="from-year-on"),
        pytest.param("２０２１年，推广。", [(2021, 2021, "２０２１年，")], id="full-width-digits"),
        pytest.param(
            "2019年,建成。2020年：推广。",
            [(2019, 2019, "2019年,"), (2020, 2020, "2020年：")],
            id="half-width",
        ),
    ],
)
def test_year_milestones(sentence, expected):
    doc = _one(f"1.建设平台。{sentence}\n2.推广应用。\n")
    m = doc.milestones[doc.milestones.task_no == 1]
    got = [(r.year_from, None if pd.isna(r.year_to) else r.year_to, r.marker) for r in m.itertuples()]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "units"),
    [
        pytest.param(
            "1.建设平台。\n牵头单位：市卫生健康委。\n配合单位：市发展改革委、财政局。\n",
            [("市卫生健康委", "lead"), ("市发展改革委", "coop"), ("市财政局", "coop")],
            id="unit-lines",
        ),
        pytest.param(
            "1.建设平台。(责任单位:市卫生健康委、市医保局)\n",
            [("市卫生健康委", "lead"), ("市医保局", "coop")],
            id="responsible-clause",
        ),
        pytest.param(
            "1.建设平台。（负责部门：市卫生健康委、市医保局；适用范围：公立医院）\n",
            [("市卫生健康委", "lead"), ("市医保局", "coop")],
            id="department-and-scope",
        ),
        pytest.param(
            "1.建设平台。（市卫生健康委负责；2021年底前完成）\n",
            [("市卫生健康委", "lead")],
            id="x-responsible",
        ),
        pytest.param(
            "1.建设平台。（市卫生健康委牵头，市财政局、市医保局配合；长期坚持）\n",
            [("市卫生健康委", "lead"), ("市财政局", "coop"), ("市医保局", "coop")],
            id="x-leads-y-cooperates",
        ),
        pytest.param(
            "1.建设平台。\n牵头单位:市卫生健康委\n配合单位:市发展改革委、财政\n局\n",
            [("市卫生健康委", "lead"), ("市发展改革委", "coop"), ("市财政局", "coop")],
            id="half-width-colon-name-broken-over-lines",
        ),
    ],
)
def test_responsibility_forms(text, units):
    doc = _one(text)
    r = doc.responsibilities
    assert [(x.unit, x.role) for x in r.itertuples()] == units
    assert doc.problems.empty


def test_deadlines_in_clauses_are_milestones():
    doc = _one(
        "1.建设平台。（市卫生健康委负责；2021年底前完成）\n2.推广。（市医保局牵头，市财政局配合；长期坚持）\n"
    )
    m = doc.milestones
    assert [(r.task_no, None if pd.isna(r.year_to) else r.year_to, r.source) for r in m.itertuples()] == [
        (1, 2021, "deadline"),
        (2, None, "deadline"),
    ]


# -- tables --------------------------------------------------------------------------------

DIVISION_TAB = (
    "某市分工方案\n重点任务分工表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t建设市级平台\t市卫生健康委\t市发展改革委、市财政局\t2020年底\n"
    "2\t推广电子健康卡\t市医保局\t市财政局\t2021年底\n"
    "\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
    "3\t建设互联网\n医院\t市人民医院\t\t长期坚持\n"
)


def test_task_division_table_tab_separated_with_a_repeated_header_and_a_broken_row():
    doc = zone_lib.read_document(DIVISION_TAB, doc_id="t")
    assert doc.tasks[["task_no", "task", "source_line"]].values.tolist() == [
        [1, "建设市级平台", 4],
        [2, "推广电子健康卡", 5],
        [3, "建设互联网医院", 8],
    ]
    assert doc.responsibilities[["task_no", "unit", "role", "source_line"]].values.tolist() == [
        [1, "市卫生健康委", "lead", 4],
        [1, "市发展改革委", "coop", 4],
        [1, "市财政局", "coop", 4],
        [2, "市医保局", "lead", 5],
        [2, "市财政局", "coop", 5],
        [3, "市人民医院", "lead", 9],
    ]
    assert [(r.task_no, r.text, r.source) for r in doc.milestones.itertuples()] == [
        (1, "2020年底", "deadline"),
        (2, "2021年底", "deadline"),
        (3, "长期坚持", "deadline"),
    ]
    assert doc.problems.empty
    kinds = doc.lines.set_index("line").kind
    assert kinds[7] == "table header" and kinds[9] == "table continuation"


ANNUAL_CELLS = """某市实施方案
二、重点任务
（一）夯实基础。
1.统一网络。2020年，建成全市专网。2021年，实现互联互通。
牵头单位：市卫生健康委。
2.建设平台。2020年，搭建平台框架。2022年，平台全面运行。
牵头单位：市医保局。
附件
年度任务表
编号
项目
2020年
2021年
2022年
1
统一网络
建成全市专网。
实现互联互通。
/
编号
项目
2020年
2021年
2022年
2
建设平台
搭建平台框架。
/
平台全面运行。
"""


def test_annual_table_with_one_cell_per_line_repeated_header_and_empty_cells():
    doc = zone_lib.read_document(ANNUAL_CELLS, doc_id="t")
    m = doc.matrix
    assert m[
        ["task_no", "task", "year", "year_column", "year_basis", "text", "source_line"]
    ].values.tolist() == [
        [1, "统一网络", 2020, 2020, "column", "建成全市专网。", 17],
        [1, "统一网络", 2021, 2021, "column", "实现互联互通。", 18],
        [2, "建设平台", 2020, 2020, "column", "搭建平台框架。", 27],
        [2, "建设平台", 2022, 2022, "column", "平台全面运行。", 29],
    ]
    assert doc.discrepancies.empty
    assert doc.problems.empty
    kinds = doc.lines.set_index("line").kind
    assert [kinds[n] for n in (10, 11, 20, 21)] == ["table header"] * 4


def _cells(rows: list[list[str]]) -> str:
    header = ["序号", "重点任务", "具体内容", "牵头单位", "完成时限"]
    return "某市分工方案\n分工表\n" + "\n".join(header + [c for row in rows for c in row]) + "\n"


def test_merged_cells_are_taken_from_the_row_above():
    doc = zone_lib.read_document(
        _cells(
            [
                ["1", "建设平台", "建成市级全民健康信息平台。", "市卫生健康委", "2020年底"],
                ["2", "推广应用", "推广电子健康卡。", "2021年底"],  # 牵头单位 merged with the row above
                ["3", "预约诊疗", "推行分时段预约。", "市医保局", "/"],
            ]
        ),
        doc_id="t",
    )
    t = doc.table
    merged = t[t.is_merged]
    assert merged[["task_no", "column", "text", "source_line"]].values.tolist() == [
        [2, "牵头单位", "市卫生健康委", 11]
    ]
    assert doc.responsibilities[["task_no", "unit"]].values.tolist() == [
        [1, "市卫生健康委"],
        [2, "市卫生健康委"],
        [3, "市医保局"],
    ]
    assert doc.problems.empty


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        pytest.param(["2", "推广应用"], "cannot tell which cells it shares", id="too-few-to-place"),
        pytest.param(
            ["2", "推广应用", "推广。", "市医保局", "2021年底", "多余的格"],
            "has 6 cells where the header has 5",
            id="too-many",
        ),
    ],
)
def test_a_row_whose_cells_cannot_be_placed_is_reported_and_nothing_is_read_from_it(row, reason):
    doc = zone_lib.read_document(
        _cells([["1", "建设平台", "建成平台。", "市卫生健康委", "2020年底"], row]), doc_id="t"
    )
    assert len(doc.problems) == 1
    assert reason in doc.problems.reason[0]
    assert doc.problems.line[0] == 13  # the row's number line
    assert list(doc.tasks.task_no) == [1]
    assert list(doc.responsibilities.task_no) == [1]
    assert set(doc.table[doc.table.task_no == 2].column) == {""}  # kept as printed, in no column


# -- the seeds, read as if never seen --------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "doc_id"),
    [
        pytest.param("001_2636db6dbf13266e.txt", "qtx-impl-2019", id="qingtongxia"),
        pytest.param("002_f60c301714171d8f.txt", "nx-impl-2019", id="regional-with-annex-table"),
        pytest.param("002_f60c301714171d8f.txt", "nx-port-2019", id="port"),
        pytest.param("003_9fe894c19bce5232.txt", "nx-hq-2023", id="high-quality-2023"),
        pytest.param("004_5fc8f1330a1a1ea8.txt", "nhc-5yi-2020", id="five-ones"),
    ],
)
def test_a_seed_read_as_an_unseen_document_gives_the_corpus_tables(seed, doc_id):
    corpus_doc = zone_lib.documents().set_index("doc_id").loc[doc_id]
    doc = zone_lib.read_document(SEEDS / seed, doc_id="x")
    found = doc.documents[doc.documents.first_line == corpus_doc.first_line]
    assert len(found) == 1
    own_id = found.doc_id.item()
    assert found.structure.item() == "tasks"
    for name, corpus in [
        ("tasks", zone_lib.tasks(doc_id)),
        ("milestones", zone_lib.milestones(doc_id)),
        ("responsibilities", zone_lib.responsibilities(doc_id)),
        ("targets", zone_lib.targets(doc_id)),
    ]:
        own = getattr(doc, name)
        own = own[own.doc_id == own_id].reset_index(drop=True)
        own["doc_id"] = own["doc_id"].map({own_id: doc_id}).astype(corpus["doc_id"].dtype)
        pd.testing.assert_frame_equal(own, corpus.reset_index(drop=True), obj=name)
    if doc_id == "nx-impl-2019":
        for name, corpus in [
            ("matrix", zone_lib.matrix(doc_id)),
            ("discrepancies", zone_lib.discrepancies(doc_id)),
        ]:
            own = getattr(doc, name).copy()
            own["doc_id"] = own["doc_id"].map({own_id: doc_id}).astype(corpus["doc_id"].dtype)
            pd.testing.assert_frame_equal(own, corpus, obj=name)
    assert doc.problems.empty
    assert (doc.lines.status != "unclassified").all()


def test_a_document_dropped_into_the_seeds_folder_is_in_every_table(seed_copy):
    shutil.copy(EXAMPLE, seed_copy / "010_own_plan.txt")
    docs = zone_lib.documents(seeds=seed_copy).set_index("doc_id")
    assert docs.loc["010-own-plan-1", "structure"] == "tasks"
    assert not docs.loc["010-own-plan-1", "in_manifest"]
    assert "010-own-plan-1" in zone_lib.task_documents(seeds=seed_copy)
    for call in (zone_lib.tasks, zone_lib.milestones, zone_lib.targets):
        assert (call(seeds=seed_copy).doc_id == "010-own-plan-1").any()
    r = zone_lib.responsibilities(None, seeds=seed_copy)
    assert len(r[r.doc_id == "010-own-plan-1"]) == 9
    acc = zone_lib.line_accounting(seeds=seed_copy)
    mine = acc[acc.doc_id == "010-own-plan-1"]
    assert (mine.status != "unclassified").all()
    assert mine[mine.status == "reported"].line.tolist() == [23]


def test_several_documents_in_one_file_get_numbered_ids():
    doc = zone_lib.read_document(SEEDS / "001_2636db6dbf13266e.txt")
    assert list(doc.documents.doc_id) == ["001-2636db6dbf13266e-1", "001-2636db6dbf13266e-2"]
    # the city Plan has no task in the corpus parsers' sense; the general reader reads its
    # numbered measures (夯实互联互通基础 … 做好宣传引导) and says so in `readers`
    assert list(doc.documents.structure) == ["tasks", "tasks"]
    assert list(doc.readers.reader) == ["general", "corpus"]
    assert set(doc.tasks.doc_id) == {"001-2636db6dbf13266e-1", "001-2636db6dbf13266e-2"}
    plan = doc.tasks[doc.tasks.doc_id == "001-2636db6dbf13266e-1"]
    assert (plan.task.iloc[0], plan.task.iloc[-1]) == ("夯实互联互通基础", "做好宣传引导")


# -- what it refuses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "error", "message"),
    [
        pytest.param("", EmptyDocumentError, "holds no text", id="empty-text"),
        pytest.param(" \n\u3000\n\n", EmptyDocumentError, "holds no text", id="blank-text"),
        pytest.param(b"", EmptyDocumentError, "holds no text", id="empty-bytes"),
        pytest.param("missing/plan.txt", SeedReadError, "no such file", id="missing-file"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", NotTextError, "pdftotext", id="pdf-bytes"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", NotTextError, "save it as plain text", id="docx-bytes"),
        pytest.param(b"\x00\x01\x02\x03" * 50, NotTextError, "looks binary", id="binary-bytes"),
    ],
)
def test_refusals_are_typed_and_say_what_to_do(given, error, message):
    with pytest.raises(error, match=message) as info:
        zone_lib.read_document(given)
    assert isinstance(info.value, ZoneError)
