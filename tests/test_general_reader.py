"""The general reader (zone_lib.parse): outline, clauses, dates, tables, HTML — on made-up texts."""

import pandas as pd
import pytest

import zone_lib
from zone_lib.parse.clauses import clean_names, find_clauses, states_first_leads
from zone_lib.parse.dates import find_dates, sentence_year
from zone_lib.parse.division_table import column_meaning, find_text_tables, table_from_grid
from zone_lib.parse.html_input import read_html
from zone_lib.parse.outline import decide, is_closing, is_framework_heading, read_outline
from zone_lib.parse.targets import extract_targets
from zone_lib.reader.own_document import clean_unit

# -- the outline ---------------------------------------------------------------------------------

HEAD = "某省人民政府关于推进示例工作的意见\n\n某政发〔2030〕1号\n\n各市人民政府，省政府各部门：\n\n为推进示例工作，提出如下意见。\n\n"
SIGN = "\n\n某省人民政府\n\n2030年1月1日\n\n（此件公开发布）\n"


def _roles(body: str) -> list[tuple[str, str]]:
    lines = (HEAD + body + SIGN).split("\n")
    outline = decide(read_outline(lines, 1, len(lines)))
    return [(n.marker, n.role) for n in outline.nodes]


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        pytest.param(
            "一、对示例工作成效明显的市，给予奖励。（省财政厅负责）\n\n二、对示例工作进展快的县，优先安排项目。（省发展改革委负责）",
            [("一、", "task"), ("二、", "task")],
            id="top-level-numerals-as-measures",
        ),
        pytest.param(
            "一、总体要求\n\n（一）指导思想。坚持示例。\n\n（二）工作目标。到2030年，基本完成。\n\n"
            "二、重点任务\n\n（三）建设平台。建成平台。\n\n（四）推广应用。推广平台。\n\n三、保障措施\n\n（五）加强领导。各地要加强领导。",
            [
                ("一、", "framework"),
                ("（一）", "framework"),
                ("（二）", "framework"),
                ("二、", "part"),
                ("（三）", "task"),
                ("（四）", "task"),
                ("三、", "part"),
                ("（五）", "task"),
            ],
            id="framework-and-continuous-numbering",
        ),
        pytest.param(
            "一、主要任务\n\n（一）建设平台。\n\n各地要建设平台。\n\n（二）推广应用。\n\n各地要推广应用。\n\n"
            "二、保障措施\n\n（一）加强领导。\n\n各地要加强领导。",
            [("一、", "part"), ("（一）", "task"), ("（二）", "task"), ("二、", "part"), ("（一）", "task")],
            id="headings-alone-and-restarts",
        ),
        pytest.param(
            "一、总体要求\n\n坚持示例。\n\n二、工作任务\n\n1.建设平台。建成平台。\n\n2.推广应用。推广平台。\n\n"
            "三、工作安排\n\n2030年底前完成。",
            [
                ("一、", "framework"),
                ("二、", "part"),
                ("1.", "task"),
                ("2.", "task"),
                ("三、", "unnumbered part"),
            ],
            id="arabic-items-and-an-unnumbered-part",
        ),
        pytest.param(
            "一、组织实施\n\n（一）成立工作组。由省政府牵头。\n\n（二）成立办公室。办公室下设：\n\n1.综合组。负责综合。\n\n2.督查组。负责督查。",
            [
                ("一、", "part"),
                ("（一）", "task"),
                ("（二）", "task"),
                ("1.", "sub-item"),
                ("2.", "sub-item"),
            ],
            id="points-of-a-task",
        ),
    ],
)
def test_outline_roles(body, roles):
    assert _roles(body) == roles


def test_closing_paragraph_is_not_part_of_the_last_task():
    doc = zone_lib.read_document(
        HEAD
        + "一、对示例成效明显的市给予奖励。（省财政厅负责）\n\n二、对示例进展快的县优先安排。（省发展改革委负责）\n\n"
        "各地区、各部门要认真组织实施，2030年12月31日前报送情况。" + SIGN,
        doc_id="t",
    )
    assert list(doc.tasks.task_no) == [1, 2]
    assert doc.milestones.empty  # the closing paragraph's deadline belongs to no task
    lines = doc.lines.set_index("line")
    assert lines.loc[13, "kind"] == "closing"
    assert set(doc.dates.kind) == {"deadline"} and doc.dates.task_no.isna().all()


# -- responsibility clauses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units"),
    [
        pytest.param(
            "建设平台。（省卫生健康委、省财政厅负责）",
            [("省卫生健康委", "resp"), ("省财政厅", "resp")],
            id="x-y-responsible",
        ),
        pytest.param(
            "建设平台。（省卫生健康委牵头，省财政厅、省医保局参与）",
            [("省卫生健康委", "lead"), ("省财政厅", "coop"), ("省医保局", "coop")],
            id="lead-and-take-part",
        ),
        pytest.param(
            "建设平台。（省卫生健康委指导，各市人民政府负责落实）",
            [("省卫生健康委", "resp"), ("各市人民政府", "resp")],
            id="guide-and-carry-out",
        ),
        pytest.param(
            "建设平台。（省卫生健康委会同有关部门负责）", [("省卫生健康委", "resp")], id="together-with"
        ),
        pytest.param(
            "建设平台。（省卫生健康委等有关部门和单位按职责分工负责）",
            [("省卫生健康委", "resp")],
            id="collective-tail",
        ),
        pytest.param(
            "建设平台。（省卫生健康委、省财政厅，各市人民政府按职责分工负责）",
            [("省卫生健康委", "resp"), ("省财政厅", "resp"), ("各市人民政府", "resp")],
            id="second-group",
        ),
        pytest.param("建设平台。(省卫生健康委负责)", [("省卫生健康委", "resp")], id="ascii-brackets"),
        pytest.param(
            "建设平台。〔责任单位:省卫生健康委、省医保局〕",
            [("省卫生健康委", "resp"), ("省医保局", "resp")],
            id="tortoise-brackets",
        ),
        pytest.param(
            "建设平台。（数据提供单位：省统计局）", [("省统计局", "数据提供单位")], id="unknown-label-kept"
        ),
        pytest.param("支持职业院校（含技工学校）开展培训。", [], id="not-a-clause"),
    ],
)
def test_clause_grammar(text, units):
    got = [(u.unit, u.role) for c in find_clauses(text) for u in c.units]
    assert got == units


def test_clause_scope_convention_cut_off_and_not_listed():
    (c,) = find_clauses("做好示例。（负责部门：省卫生健康委；适用范围：公立医院）")
    assert c.scope == "适用范围：公立医院"
    (c,) = find_clauses("做好示例。（省卫生健康委、省财政厅负责。排在第一位的部门为牵头部门）")
    assert c.states_first_leads
    (c,) = find_clauses("做好示例。（省卫生健康委负责；2030年底前完成")
    assert c.is_cut_off and c.remainder == "2030年底前完成"
    (c,) = find_clauses(
        "做好示例。（省卫生健康委指导，各市人民政府负责落实。以下均需各市人民政府落实，不再列出）"
    )
    assert c.not_listed == ["各市人民政府"]
    assert c.units[0].is_collective is False and c.units[1].is_collective is True


def test_convention_applies_from_where_it_is_stated():
    doc = zone_lib.read_document(
        HEAD + "一、主要任务\n\n（一）建设平台。（省卫生健康委、省财政厅负责）\n\n"
        "（二）推广应用。（省医保局、省财政厅负责。列第一位者为牵头单位，下同）\n\n"
        "（三）完善机制。（省财政厅、省医保局负责）\n\n（四）统计监测。（数据提供单位：省统计局）\n\n"
        "（五）做好宣传。（省委宣传部负责；2030年底前完成" + SIGN,
        doc_id="t",
    )
    r = doc.responsibilities
    assert r[["task_no", "unit", "role"]].values.tolist() == [
        [1, "省卫生健康委", "lead"], [1, "省财政厅", "coop"],
        [2, "省医保局", "lead"], [2, "省财政厅", "coop"],
        [3, "省财政厅", "lead"], [3, "省医保局", "coop"],
        [5, "省委宣传部", "lead"],
    ]  # fmt: skip
    c = doc.clauses.set_index(["task_no", "unit"])
    assert c.loc[(1, "省卫生健康委"), "role"] == "resp"  # listed without roles before the convention
    assert (
        c.loc[(2, "省医保局"), "role"] == "lead" and c.loc[(2, "省财政厅"), "role"] == "coop"
    )  # stated here
    assert c.loc[(3, "省财政厅"), "role"] == "lead" and c.loc[(3, "省医保局"), "role"] == "coop"
    assert c.loc[(4, "省统计局"), "role"] == "数据提供单位"
    reasons = " | ".join(doc.problems.reason)
    assert "数据提供单位" in reasons and "cut off" in reasons
    assert set(doc.problems.line) == {17, 19}
    assert doc.milestones[["task_no", "year_to"]].values.tolist() == [[5, 2030]]


def test_numbered_items_with_no_task_say_why():
    doc = zone_lib.read_document(
        HEAD + "一、总体要求\n\n（一）指导思想。坚持示例。\n\n（二）基本原则。坚持示例。" + SIGN, doc_id="t"
    )
    assert doc.tasks.empty
    assert len(doc.problems) == 1 and "no task" in doc.problems.reason[0]


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2030年6月底前，完成评估。", [("deadline", None, 2030)], id="month-deadline"),
        pytest.param("各地于2030年12月31日前报送。", [("deadline", None, 2030)], id="day-deadline"),
        pytest.param("2030年上半年，启动试点。", [("deadline", None, 2030)], id="half-year"),
        pytest.param(
            "从2030年起，每年3月底前报送。",
            [("from-year", 2030, None), ("recurring", 2030, None)],
            id="from-year-recurring",
        ),
        pytest.param("自2030年1月1日起施行。", [("from-year", 2030, None)], id="from-date"),
        pytest.param("2030年1月1日至12月31日，给予补贴。", [("window", 2030, 2030)], id="window-one-year"),
        pytest.param(
            "2030年1月1日至2031年12月31日，放宽条件。", [("window", 2030, 2031)], id="window-two-years"
        ),
        pytest.param("2030—2031年，开展试点。", [("window", 2030, 2031)], id="year-range"),
        pytest.param("工作稳步推进，到2030年底，基本建成。", [("by-year", None, 2030)], id="by-year-inside"),
        pytest.param("2030年，建成平台。", [("year", 2030, 2030)], id="year-comma"),
        pytest.param(
            "将2028年实施的措施调整完善。某政发〔2029〕3号停止执行。", [], id="background-and-number"
        ),
    ],
)
def test_dates(text, expected):
    assert [(d.kind, d.year_from, d.year_to) for d in find_dates(text)] == expected


def test_a_goal_year_carries_to_the_targets_of_its_paragraph():
    text = "到2030年，总规模达到5万亿元。推出50项精品赛事。"
    assert sentence_year(text, text.index("50项")) == 2030
    assert sentence_year("推出50项精品赛事。", 2) is None


# -- tables --------------------------------------------------------------------------------------

CELLS = [
    "附件", "", "示例举措推广清单", "", "序号", "", "改革举措", "", "主 要 内 容", "", "指导部门", "", "推广范围", "",
    "一、平台建设方面（共2项）", "",
    "1", "", "建设示例平台", "", "整合资源，建成平台。", "", "省卫生健康委、省医保局", "", "全省", "",
    "2", "", "推广示例应用", "", "到2030年，覆盖90%以上的医院。", "", "省医保局", "", "全省", "",
    "二、机制创新方面（共3项）", "", "三、管理创新方面（共1项）", "",
    "6", "", "完善示例机制", "", "建立机制。", "", "省财政厅", "", "试点地区",
]  # fmt: skip


def test_column_meanings():
    assert [
        column_meaning(h)
        for h in ["序号", "改革举措", "主 要 内 容", "指导部门", "推广范围", "配合处室", "数据提供单位"]
    ] == [
        "number",
        "name",
        "content",
        "resp",
        "scope",
        "coop",
        "数据提供单位",
    ]
    assert column_meaning("整合资源，建成平台。") is None


def test_table_one_cell_per_line_with_category_rows_and_a_gap():
    (table,) = find_text_tables(CELLS)
    assert [r.number for r in table.rows] == [1, 2, 6]
    assert [r.category for r in table.rows] == ["一、平台建设方面（共2项）"] * 2 + [
        "三、管理创新方面（共1项）"
    ]
    assert table.problems == [(41, "table rows 3–5 are missing: row 6 follows row 2")]
    doc = zone_lib.read_document("\n".join(CELLS), doc_id="t")
    assert doc.tasks[["task_no", "task", "section", "source_line"]].values.tolist() == [
        [1, "建设示例平台", "平台建设方面", 17], [2, "推广示例应用", "平台建设方面", 27], [6, "完善示例机制", "管理创新方面", 41],
    ]  # fmt: skip
    assert doc.responsibilities[["task_no", "unit", "role"]].values.tolist() == [
        [1, "省卫生健康委", "lead"], [1, "省医保局", "coop"], [2, "省医保局", "lead"], [6, "省财政厅", "lead"],
    ]  # fmt: skip
    cells = doc.table[doc.table.column == "指导部门"]
    assert cells[["task_no", "text", "role"]].values.tolist()[0] == [
        1,
        "省卫生健康委、省医保局",
        "responsible",
    ]
    assert doc.targets[["task_no", "year", "value"]].values.tolist() == [[2, 2030, 90.0]]


HTML = (
    "<div><p>示例工作分工表</p><table>"
    "<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>"
    "<tr><td colspan='5'>一、基础建设</td></tr>"
    "<tr><td>1</td><td>建设平台</td><td rowspan='2'>省卫生健康委</td><td>省财政厅</td><td>2030年底前</td></tr>"
    "<tr><td>2</td><td>推广应用</td><td>省医保局、<br>省财政厅</td><td>长期坚持</td></tr>"
    "</table></div>"
)


def test_html_table_with_row_and_column_spans():
    page = read_html(HTML)
    assert page.lines[:3] == ["示例工作分工表", "", "序号"]
    (grid,) = page.tables
    table = table_from_grid(grid)
    assert [r.number for r in table.rows] == [1, 2]
    row2 = table.rows[1].cells
    assert (row2[2].text, row2[2].is_merged) == ("省卫生健康委", True)
    assert row2[3].text == "省医保局、省财政厅"
    doc = zone_lib.read_document(HTML.encode("utf-8"), doc_id="t")
    assert doc.responsibilities[["task_no", "unit", "role"]].values.tolist() == [
        [1, "省卫生健康委", "lead"], [1, "省财政厅", "coop"],
        [2, "省卫生健康委", "lead"], [2, "省医保局", "coop"], [2, "省财政厅", "coop"],
    ]  # fmt: skip
    assert doc.milestones[["task_no", "year_to", "source"]].values.tolist() == [[1, 2030, "deadline"]]
    merged = doc.table[doc.table.is_merged]
    assert merged[["task_no", "column", "text"]].values.tolist() == [[2, "牵头单位", "省卫生健康委"]]


def test_html_and_its_text_give_the_same_tables(tmp_path):
    body = (
        HEAD
        + "一、对示例成效明显的市给予奖励。（省财政厅负责）\n\n二、对示例进展快的县，2030年底前优先安排。（省发展改革委负责）"
        + SIGN
    )
    html = "".join(f"<p>{line}</p>" for line in body.split("\n\n"))
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    text_doc = zone_lib.read_document(body.replace("\n\n", "\n\n"), doc_id="t")
    html_doc = zone_lib.read_document(tmp_path / "a.html", doc_id="t")
    assert list(html_doc.readers.reader) == ["general"]
    for name in ("tasks", "milestones", "responsibilities", "targets"):
        a = getattr(text_doc, name)[["task_no", "source_line"]].reset_index(drop=True)
        b = getattr(html_doc, name)[["task_no", "source_line"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, obj=name)


# -- generality: rules checked on made-up texts in other conventions -----------------------------


@pytest.mark.parametrize(
    ("text", "units"),
    [
        pytest.param(
            "责任单位：省卫生健康委、省财政厅。",
            [("省卫生健康委", "resp"), ("省财政厅", "resp")],
            id="unbracketed-paragraph",
        ),
        pytest.param(
            "建设示例平台，2030年底前完成。责任单位：省卫生健康委、省医保局",
            [("省卫生健康委", "resp"), ("省医保局", "resp")],
            id="unbracketed-after-a-sentence",
        ),
        pytest.param(
            "牵头单位：省卫生健康委；配合单位：省财政厅、省医保局",
            [("省卫生健康委", "lead"), ("省财政厅", "coop"), ("省医保局", "coop")],
            id="unbracketed-lead-and-coop",
        ),
        pytest.param(
            "牵头单位：省卫生健康委。配合单位：省财政厅。",
            [("省卫生健康委", "lead"), ("省财政厅", "coop")],
            id="unbracketed-two-sentences",
        ),
        pytest.param(
            "做好示例。（牵头单位：省卫生健康委，配合单位：省财政厅、省医保局）",
            [("省卫生健康委", "lead"), ("省财政厅", "coop"), ("省医保局", "coop")],
            id="labels-after-a-comma",
        ),
        pytest.param(
            "做好示例。(牵头单位:省卫生健康委,配合单位:省财政厅)",
            [("省卫生健康委", "lead"), ("省财政厅", "coop")],
            id="labels-after-an-ascii-comma",
        ),
        pytest.param(
            "做好示例。（省卫生健康委会同省财政厅负责）",
            [("省卫生健康委", "resp"), ("省财政厅", "resp")],
            id="x-together-with-y",
        ),
        pytest.param(
            "做好示例。（示例一处会同示例二处、示例三处负责）",
            [("示例一处", "resp"), ("示例二处", "resp"), ("示例三处", "resp")],
            id="divisions-together",
        ),
        pytest.param("请各地于2030年底前将示例情况报送省卫生健康委。", [], id="a-request-is-no-clause"),
        pytest.param("各单位：现将示例工作通知如下。", [], id="an-address-is-no-clause"),
    ],
)
def test_clause_grammar_without_brackets_and_with_commas(text, units):
    got = [(u.unit, u.role) for c in find_clauses(text) for u in c.units]
    assert got == units


def test_an_unbracketed_clause_is_kept_out_of_the_title_and_its_deadline_line_is_read():
    doc = zone_lib.read_document(
        HEAD + "一、重点任务\n\n1.建设示例平台。完善示例设施。\n\n责任单位：省卫生健康委、省财政厅\n\n"
        "完成时限：2030年至2031年\n\n2.推广示例应用。推广示例。\n\n责任单位：省医保局\n\n"
        "完成时限：2030年底前启动，2031年底前全面推开" + SIGN,
        doc_id="t",
    )
    assert list(doc.readers.reader) == ["general"]
    assert doc.responsibilities[["task_no", "unit"]].values.tolist() == [
        [1, "省卫生健康委"], [1, "省财政厅"], [2, "省医保局"],
    ]  # fmt: skip
    years = doc.milestones.groupby("task_no").apply(
        lambda m: sorted({int(y) for c in ("year_from", "year_to") for y in m[c].dropna()}),
        include_groups=False,
    )
    assert years.to_dict() == {1: [2030, 2031], 2: [2030, 2031]}


def test_junk_units_count_against_a_reading():
    assert clean_unit("市卫生健康委")
    assert clean_unit("市卫生健康委（市中医药管理局）")
    for junk in (
        "市卫生健康委完成时限：2030年至2031年",
        "市2031年底前全面推开",
        "市卫生健康委等",
        "配合单位：区财政局",
    ):
        assert not clean_unit(junk), junk


@pytest.mark.parametrize(
    "text",
    ["列第一位者为牵头单位，下同", "排在第一位的部门为牵头部门", "各项任务责任单位中，列第一位的为牵头单位，其他为配合单位",
     "列在首位的为牵头单位", "第一个单位为牵头单位", "责任单位中排在第一位的为牵头单位", "牵头单位为排在第一位的单位"],
)  # fmt: skip
def test_first_leads_convention_grammar(text):
    assert states_first_leads(text)


@pytest.mark.parametrize(
    "text", ["省卫生健康委牵头，省财政厅参与", "第一批试点由省卫生健康委负责", "列入第一批名单"]
)
def test_first_leads_convention_grammar_not(text):
    assert not states_first_leads(text)


def test_a_convention_in_a_part_heading_holds_for_the_clauses_below_it():
    doc = zone_lib.read_document(
        HEAD + "一、重点任务（各项任务责任单位中，列第一位的为牵头单位，其他为配合单位）\n\n"
        "1.建设示例平台。完善示例。\n\n责任单位：省卫生健康委、省财政厅\n\n2.推广示例应用。推广示例。\n\n"
        "责任单位：省医保局、省卫生健康委" + SIGN,
        doc_id="t",
    )
    c = doc.clauses
    assert c[["task_no", "unit", "role"]].values.tolist() == [
        [1, "省卫生健康委", "lead"], [1, "省财政厅", "coop"], [2, "省医保局", "lead"], [2, "省卫生健康委", "coop"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "framework"),
    [
        ("行动目标", True), ("主要目标任务", True), ("工作原则", True), ("总体要求", True), ("指导思想", True),
        ("基本原则", True), ("发展目标。", True), ("实现发展目标", False), ("完善目标考核", False),
        ("建设示例平台", False), ("强化组织保障", False),
    ],
)  # fmt: skip
def test_framework_headings_by_ending(heading, framework):
    assert is_framework_heading(heading) is framework


@pytest.mark.parametrize(
    ("text", "closing"),
    [
        ("请各地于2030年12月15日前将工作总结报送省卫生健康委。", True),
        ("各地于2030年12月15日前将年度工作总结报送省卫生健康委示例处。", True),
        ("各市、县（区）要结合实际，认真抓好落实。", True),
        ("本通知自印发之日起施行。", True),
        ("联系人：张三，电话：01234567。", True),
        ("其他地区可参照本方案执行。", True),
        ("统筹安排示例经费，确保各项工作顺利推进。（财务处负责）", False),
        ("建立示例平台，2030年底前完成。", False),
    ],
)
def test_closing_paragraph_grammar(text, closing):
    assert is_closing(text) is closing


def test_a_request_after_the_last_task_is_not_its_milestone():
    doc = zone_lib.read_document(
        HEAD
        + "一、重点工作\n\n（一）建设示例平台\n\n完善示例设施。（示例一处负责）\n\n（二）推广示例应用\n\n"
        "推广示例应用。（示例二处负责）\n\n各地于2031年12月15日前将年度工作总结报送省卫生健康委示例处。"
        + SIGN,
        doc_id="t",
    )
    assert list(doc.tasks.task_no) == [1, 2]
    assert doc.milestones.empty
    lines = doc.lines.set_index("text")
    assert (
        lines.loc["各地于2031年12月15日前将年度工作总结报送省卫生健康委示例处。", "status"] == "boilerplate"
    )
    text = (
        HEAD
        + "一、重点工作\n\n（一）建设示例平台\n\n完善示例设施。\n\n（二）推广示例应用\n\n推广示例应用。\n\n"
        "各地于2031年12月15日前将年度工作总结报送省卫生健康委示例处。" + SIGN
    ).split("\n")
    outline = decide(read_outline(text, 1, len(text)))
    assert [p.text[:3] for p in outline.tasks()[-1].closing] == ["各地于"]


def test_an_annex_list_closes_top_level_measures():
    doc = zone_lib.read_document(
        HEAD + "一、压实示例责任。各地要落实示例责任。（各市卫生健康委负责）\n\n"
        "二、开展示例排查。一是全面排查；二是建立清单。（省卫生健康委会同省应急管理厅负责）\n\n"
        "三、加强示例检查。省卫生健康委将开展检查。\n\n请各地于2031年3月31日前报送情况。\n\n联系人：张三，电话：01234567。\n\n"
        "附件：1.示例排查表\n\n2.示例汇总表" + SIGN,
        doc_id="t",
    )
    assert [(r.task_no, r.task) for r in doc.tasks.itertuples()] == [
        (1, "压实示例责任"), (2, "开展示例排查"), (3, "加强示例检查"),
    ]  # fmt: skip
    assert doc.responsibilities[["task_no", "unit"]].values.tolist() == [
        [1, "各市卫生健康委"], [2, "省卫生健康委"], [2, "省应急管理厅"],
    ]  # fmt: skip
    assert doc.milestones.empty
    kinds = doc.lines.set_index("text").kind
    assert kinds["附件：1.示例排查表"] == kinds["2.示例汇总表"] == "annex list"


def test_an_annex_marker_then_a_list_of_annexes():
    lines = (
        HEAD
        + "一、做好示例。（省卫生健康委负责）\n\n二、推广示例。（省医保局负责）\n\n附件\n\n1.示例表\n\n2.示例清单"
        + SIGN
    )
    lines = lines.split("\n")
    outline = decide(read_outline(lines, 1, len(lines)))
    assert [(n.marker, n.role) for n in outline.nodes] == [("一、", "task"), ("二、", "task")]


CATEGORY_CELLS = [
    "示例任务分工表", "", "序号", "", "重点任务", "", "牵头单位", "", "配合单位", "", "完成时限", "",
    "一、完善示例机制", "",
    "1", "", "建立示例制度", "", "市医保局", "", "市财政局、市卫生健康委等", "", "2030年—2031年", "",
    "2", "", "完善示例政策", "", "市医保局、市财政局", "", "市税务局", "", "2031年6月底前", "",
    "二、健全示例体系", "",
    "3", "", "建设示例平台", "", "市卫生健康委", "", "市大数据中心", "", "长期坚持", "",
]  # fmt: skip


def test_category_rows_without_counts_between_groups_of_rows():
    (table,) = find_text_tables(CATEGORY_CELLS)
    assert [(r.number, r.category) for r in table.rows] == [
        (1, "一、完善示例机制"),
        (2, "一、完善示例机制"),
        (3, "二、健全示例体系"),
    ]
    assert not table.problems
    doc = zone_lib.read_document("\n".join(CATEGORY_CELLS), doc_id="t")
    assert list(doc.tasks.task_no) == [1, 2, 3]
    assert doc.responsibilities[["task_no", "unit", "role"]].values.tolist() == [
        [1, "市医保局", "lead"], [1, "市财政局", "coop"], [1, "市卫生健康委", "coop"],
        [2, "市医保局", "lead"], [2, "市财政局", "lead"], [2, "市税务局", "coop"],
        [3, "市卫生健康委", "lead"], [3, "市大数据中心", "coop"],
    ]  # fmt: skip
    ms = doc.milestones
    assert sorted({int(y) for c in ("year_from", "year_to") for y in ms[ms.task_no == 1][c].dropna()}) == [
        2030,
        2031,
    ]
    c = doc.clauses
    assert c[(c.task_no == 1) & (c.unit == "市卫生健康委")].is_collective.item()  # 等 cut, kept as a flag


def test_clean_names_cuts_tails_and_splits_together_with():
    assert clean_names("市财政局、市卫生健康委等") == (["市财政局", "市卫生健康委"], True)
    assert clean_names("省卫生健康委会同有关部门") == (["省卫生健康委"], False)
    assert clean_names("省卫生健康委会同省财政厅") == (["省卫生健康委", "省财政厅"], False)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("新增日处置能力5吨。", [(5.0, "吨")]),
        ("公立医院抗菌药物使用强度控制在40DDDs以下。", [(40.0, "DDDs")]),
        ("到2030年，建成示例病房300床，培育示例企业10家。", [(300.0, "床"), (10.0, "家")]),
        ("力争全市示例车辆达到120辆。", [(120.0, "辆")]),
        ("住院楼每层至少配备2具呼吸器。", []),
        ("对65岁以上老年人每年开展1次体检。", [(1.0, "次")]),
        ("发现问题须在2小时内报告，30日内完成整改。", []),
        ("对新建示例床位每张补助5000元。", [(5000.0, "元")]),
    ],
)
def test_targets_with_any_measure_word_after_a_target_verb(text, found):
    assert [(t.value, t.unit) for t in extract_targets(text, open_units=True)] == found


def test_the_corpus_keeps_its_closed_list_of_units():
    assert extract_targets("新增日处置能力5吨。") == []
    assert [t.unit for t in extract_targets("培育示例企业10家。")] == ["家"]


# -- rules from the blind national-level set (generality2), on made-up texts ------------------------


def test_a_progress_column_and_a_participating_column_are_read_by_meaning():
    assert column_meaning("时间进度") == "deadline"
    assert column_meaning("参与部门") == "coop"


def test_a_start_year_without_cong_opens_a_cell_or_clause():
    found = [(d.kind, d.year_from) for d in find_dates("2031年起每年") if d.kind == "from-year"]
    assert found == [("from-year", 2031)]
    assert [d.kind for d in find_dates("于2031年起草办法")] == ["deadline"] or all(
        d.kind != "from-year" for d in find_dates("于2031年起草办法")
    )


@pytest.mark.parametrize(
    ("paragraph", "units"),
    [
        pytest.param(
            "建设示例平台。具体工作由甲委员会会同乙局负责。",
            [("甲委员会", "resp"), ("乙局", "resp")],
            id="closing-sentence-with-tongtong",
        ),
        pytest.param(
            "落实示例政策。分别由甲部、乙局负责。", [("甲部", "resp"), ("乙局", "resp")], id="fenbie-you"
        ),
        pytest.param(
            "完善示例机制。由甲委员会牵头，乙局、丙厅配合。",
            [("甲委员会", "lead"), ("乙局", "coop"), ("丙厅", "coop")],
            id="lead-coop-sentence",
        ),
        pytest.param("示例标准由甲委员会负责拟定。开展示例工作。", [], id="mid-paragraph-prose"),
        pytest.param("开展示例工作。具体指标由甲委员会负责拟定。", [], id="verb-phrase-after-fuze-is-prose"),
        pytest.param("由此产生的资金由地方财政负责。", [], id="not-a-unit"),
    ],
)
def test_a_paragraphs_closing_you_sentence_is_a_clause(paragraph, units):
    got = [(u.unit, u.role) for c in find_clauses(paragraph) for u in c.units]
    assert got == units


def test_a_unit_cell_that_states_roles_gives_them():
    text = (
        HEAD + "附件\n\n示例任务分工\n\n序号\n\n任务内容\n\n责任单位\n\n完成时限\n\n"
        "1\n\n建设示例平台\n\n甲委员会牵头，乙局、丙厅配合\n\n2031年12月底前\n\n"
        "2\n\n完善示例制度\n\n丁局、戊厅按职责分工负责\n\n持续推进\n\n"
        "3\n\n开展示例评估\n\n己局、庚厅\n\n长期坚持\n"
    )
    doc = zone_lib.read_document(text, doc_id="x")
    got = sorted(zip(doc.responsibilities.task_no, doc.responsibilities.unit, doc.responsibilities.role))
    assert got == [
        (1, "丙厅", "coop"), (1, "乙局", "coop"), (1, "甲委员会", "lead"),
        (2, "丁局", "lead"), (2, "戊厅", "coop"), (3, "己局", "lead"), (3, "庚厅", "coop"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("到2031年，注册示例主体不少于50万家。", 50.0, id="floor-comparator-with-open-unit"),
        pytest.param("到2031年，示例面积稳定在6亿亩以上。", 6.0, id="stable-at"),
    ],
)
def test_floor_comparators_and_stable_at_read_open_units(text, value):
    assert [t.value for t in extract_targets(text, open_units=True)] == [value]


def test_a_dated_goal_in_a_preamble_is_a_target():
    text = (
        "示例部关于印发示例任务分工的通知\n\n各省示例厅：\n\n现印发给你们。力争到2031年，示例覆盖率达到60%以上。"
        "近年来示例工作完成率达到70%。\n\n附件\n\n示例任务分工\n\n序号\n\n重点任务\n\n牵头单位\n\n时间进度\n\n"
        "1\n\n建设示例平台\n\n甲委员会\n\n持续推进\n"
    )
    doc = zone_lib.read_document(text, doc_id="x")
    got = sorted(zip(doc.targets.value, doc.targets.year))
    assert (60.0, 2031) in got and all(v != 70.0 for v, _ in got)
