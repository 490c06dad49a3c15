"""The data-quality check: golden findings on the seeds, planted anomalies, the accounting hook."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import zone_lib
from tests.conftest import SEEDS
from zone_lib.quality import findings as findings_module
from zone_lib.quality.findings import (
    QUALITY_COLUMNS,
    SUMMARY_COLUMNS,
    broken_words,
    check_labels,
    format_report,
    latin_anomalies,
    quality_findings,
    quality_rules,
    quality_summary,
)
from zone_lib.schemas import schemas

NX = "002_f60c301714171d8f.txt"
QTX = "001_2636db6dbf13266e.txt"
WEB = "000_38997dd1fe2cc9ba.txt"

# A small unseen implementation plan with one anomaly of each kind planted:
# line 4/6 a word (实施) split by a page break, line 7 a stray leading comma, line 13
# " and " for 和 (next to the legitimate HIS, PACS, APP, 5G, IPv6 and N个), line 17 a
# <br/> tag, lines 19 and 21 a unit the registry does not know, line 20 a prose task
# with no table row, line 29 a duplicated table row.
PLANTED = """自治区人民政府办公厅关于印发测试实施方案的通知
宁政办发〔2030〕5号
各市、县（区）人民政府：
《测试实施方案》已经同意，现印发给你们，请认真组织实

施。各地要把测试工作和平台建设结合起来
，确保按期完成。
宁夏回族自治区人民政府办公厅
2030年1月2日
测试实施方案
一、重点任务
（一）夯实基础。
1.统一网络。2019年，建成全区专网 and 数据中心，支持HIS、PACS、APP接入。2020年，实现5G和IPv6互联互通。2021年，完成N个节点的安全评估。
牵头单位：自治区卫生健康委。
配合单位：自治区党委网信办、发展改革委，各市、县（区）人民政府。
（二）建设平台。
2.建设平台。2019年，搭建平台框架<br/>。2022年，平台全面运行。
牵头单位：自治区医保局。
配合单位：自治区财政厅、自治区新设局。
3.完善机制。2019年，建立工作机制。
牵头单位：自治区新设局。
测试实施方案年度主要任务
编号\t年度\t\t2019年\t2020年\t2021年\t2022年
\t项目\t任务\t\t\t\t
(一) 夯实基础。
1\t统一网络\t建成全区专网。\t实现互联互通。\t\t\t
(三) 建设平台。
2\t建设平台\t搭建平台框架。\t平台全面运行。\t\t\t
2\t建设平台\t搭建平台框架。\t平台全面运行。\t\t\t
"""
PLANTED_FILE = "010_test.txt"
PLANTED_DOC = "test-impl-2030"


def write_planted(folder: Path) -> Path:
    """Write the planted document and a manifest naming it a task document; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PLANTED_FILE).write_text(PLANTED, encoding="utf-8")
    entry = {
        "doc_id": PLANTED_DOC,
        "seed_file": PLANTED_FILE,
        "doc_number": "宁政办发〔2030〕5号",
        "title": "测试实施方案",
        "title_en": "Test implementation plan",
        "date": "2030-01-02",
        "kind": "implementation plan",
        "structure": "tasks",
    }
    (folder / "manifest.json").write_text(json.dumps({"documents": [entry]}, ensure_ascii=False), "utf-8")
    return folder


@pytest.fixture(scope="module")
def findings() -> pd.DataFrame:
    return quality_findings()


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    return write_planted(tmp_path / "seeds")


def _where(df: pd.DataFrame, check: str) -> list[tuple[str, int]]:
    sub = df[df.check == check]
    return list(zip(sub.seed_file, sub.line.astype(int)))


# --- golden findings on the seeds -----------------------------------------------------------


def test_findings_table_shape(findings):
    assert list(findings.columns) == QUALITY_COLUMNS
    assert findings.line.dtype == "int64"
    assert set(findings.severity) <= {"error", "warning", "info"}
    assert findings.attrs["seed_files"] == sorted(p.name for p in SEEDS.glob("*.txt"))
    # deterministic order: severity, then check in quality.json order, then location
    again = quality_findings()
    pd.testing.assert_frame_equal(findings, again)


def test_and_with_for_chinese_conjunctions_on_the_seeds(findings):
    latin = findings[findings.check == "latin_in_chinese"]
    assert list(zip(latin.seed_file, latin.line)) == [
        (QTX, 29),
        (QTX, 111),
        (QTX, 343),
        (NX, 147),
        (NX, 153),
        (NX, 183),
        (NX, 313),
        (NX, 423),
        (NX, 429),
        (NX, 636),
        (NX, 642),
        (NX, 644),
        (NX, 814),
        (NX, 946),
        (NX, 986),
    ]
    assert set(latin.severity) == {"warning"}
    row = latin[latin.line == 644].iloc[0]
    assert row.text == "…准规范统一管理 with 维护。"
    assert row.detail.startswith("The English word “with” stands inside a Chinese sentence")
    assert (
        latin[(latin.seed_file == NX) & (latin.line == 642)].text.item()
        == "…19年，在国家 and 行业现有标准基…"
    )
    assert latin[latin.seed_file == NX].doc_id.tolist()[-5:] == ["nx-impl-2019"] * 5


def test_legitimate_latin_tokens_are_not_reported(findings):
    # the seeds hold HIS, APP, PPP, AEO, IPv6, 5G, AI+, 200M, N个, B型, URLs and an e-mail address
    latin = findings[findings.check == "latin_in_chinese"]
    words = {t.split()[1] for t in latin.text}
    assert words == {"and", "with"}


def test_every_discrepancy_is_a_finding(findings):
    disc = zone_lib.discrepancies()
    found = findings[findings.check == "discrepancy"]
    assert len(found) == len(disc) == 8
    assert found.line.tolist() == [943, 953, 953, 962, 965, 999, 1005, 1007]
    assert set(found.severity) == {"warning"} and set(found.doc_id) == {"nx-impl-2019"}
    assert found.detail.iloc[4] == (
        "Task 14 (task_name): The table names task 14 “搭建全区一体化健康信息化平台”; "
        "the prose names it “搭建全区一体化健康信息平台”."
    )


def test_markup_residue_in_the_web_copy(findings):
    rows = findings[findings.check == "markup_residue"]
    assert _where(findings, "markup_residue") == [(WEB, 27)]
    assert rows.doc_id.item() == "nx-plan-2019-web"
    assert "“<BR>” is left in the text (8 times on this line)" in rows.detail.item()


def test_words_broken_by_page_breaks(findings):
    rows = findings[findings.check == "broken_word"]
    got = [(f, ln, d.split("“")[1].split("”")[0]) for f, ln, d in zip(rows.seed_file, rows.line, rows.detail)]
    assert got == [
        (QTX, 83, "数字化"),
        (QTX, 95, "线上"),
        (QTX, 207, "完善"),
        (QTX, 239, "医疗卫生"),
        (QTX, 263, "监测"),
        (QTX, 321, "社区卫生"),
        (QTX, 377, "建设"),
        (QTX, 439, "能力"),
        (QTX, 465, "制定"),
        (NX, 229, "配送"),
        (NX, 275, "人才培养"),
        (NX, 325, "教学研究"),
        (NX, 343, "一站式"),
        (NX, 401, "合理"),
        (NX, 425, "体育局"),
        (NX, 447, "工作"),
        (NX, 642, "数据"),
        (NX, 686, "其他"),
        (NX, 744, "医疗卫生"),
        (NX, 752, "业务"),
        (NX, 848, "依据"),
        (NX, 1058, "处置"),
        (NX, 1072, "口岸"),
        (NX, 1088, "物流"),
        (NX, 1120, "考核组"),
        (NX, 1212, "研究"),
        (NX, 1264, "基地"),
    ]
    assert rows[rows.line == 642].text.item() == "…应用编码、信息数↵据接口和传输协议…"
    assert set(rows.severity) == {"info"}


def test_clean_checks_on_the_seeds(findings):
    # the seeds' table is read without a problem line, every unit is registered,
    # every prose task has its row and no line opens with a punctuation mark
    for check in ("table_parse", "table_line", "missing_table_row", "unknown_unit", "leading_punctuation"):
        assert _where(findings, check) == [], check
    assert zone_lib.table_lines().problem.sum() == 0


def test_summary_counts_and_labels(findings):
    s = quality_summary(findings)
    assert list(s.columns) == SUMMARY_COLUMNS
    assert s.check.tolist() == check_labels().check.tolist()
    counts = s.set_index("check")
    assert counts.loc["discrepancy", ["error", "warning", "info", "total"]].tolist() == [0, 8, 0, 8]
    assert counts.loc["latin_in_chinese", "warning"] == 15
    assert counts.loc["broken_word", "info"] == 27
    assert counts.loc["markup_residue", "total"] == 1
    assert counts.loc["latin_in_chinese", "label_zh"] == "中文句中的英文词"
    assert counts.loc["latin_in_chinese", "label_en"] == "Latin word inside Chinese text"
    assert s.total.sum() == len(findings)


def test_schema_lists_every_check():
    declared = schemas()["quality_findings"]["columns"]["check"]["values"]
    assert sorted(declared) == sorted(c["check"] for c in quality_rules()["checks"])
    assert list(schemas()["quality_findings"]["columns"]) == QUALITY_COLUMNS
    assert list(schemas()["quality_summary"]["columns"]) == SUMMARY_COLUMNS


def test_report_on_the_seeds(findings):
    report = format_report(findings, limit=2)
    lines = report.splitlines()
    assert (
        lines[0]
        == f"zone check: data-quality report (数据质量检查): {len(findings)} findings in 5 seed files"
    )
    assert "  002_f60c301714171d8f.txt:943  [warning] Task 1, 2020 (different_year): " in report
    assert "  … 13 more (--limit 0 shows all)" in lines  # latin_in_chinese: 15, two shown
    assert "      │ …色社会主义思想 and 党的十九大精神…" in lines
    assert lines[-1].startswith("Verdict: ")
    assert report == format_report(findings, limit=2)
    assert len(format_report(findings, limit=0)) > len(report)


# --- planted anomalies in an unseen document ------------------------------------------------


def test_planted_anomalies_are_reported_at_their_lines(planted):
    f = quality_findings(planted)
    got = [(r.check, r.severity, r.line) for r in f.itertuples()]
    assert got == [
        ("table_line", "error", 29),
        ("missing_table_row", "error", 20),
        ("discrepancy", "warning", 26),
        ("discrepancy", "warning", 27),
        ("discrepancy", "warning", 28),
        ("unknown_unit", "warning", 19),
        ("latin_in_chinese", "warning", 13),
        ("leading_punctuation", "warning", 7),
        ("markup_residue", "warning", 17),
        ("broken_word", "info", 4),
    ]
    assert set(f.seed_file) == {PLANTED_FILE} and set(f.doc_id) == {PLANTED_DOC}
    by = f.set_index("check")
    assert by.loc["table_line", "detail"] == (
        "Table line read as duplicate (task 2): task 2 appears again; first copy kept."
    )
    assert by.loc["missing_table_row", "detail"] == (
        "Task 3 “完善机制” is in the prose of test-impl-2030 but has no row in “测试实施方案年度主要任务” (line 22)."
    )
    assert by.loc["unknown_unit", "text"] == "自治区新设局"
    assert "named on lines 19, 21" in by.loc["unknown_unit", "detail"]
    assert by.loc["latin_in_chinese", "text"] == "…，建成全区专网 and 数据中心，支持…"
    assert by.loc["leading_punctuation", "text"] == "，确保按期完成。"
    assert by.loc["markup_residue", "text"] == "…年，搭建平台框架<br/>。2022年，平…"
    assert by.loc["broken_word", "detail"].startswith(
        "The word “实施” is split between line 4 (“实”) and line 6"
    )
    d = zone_lib.discrepancies(PLANTED_DOC, seeds=planted)
    # the missing task's prose milestones are in discrepancies() (prose_only) and once in the report
    assert list(d[d.task_no == 3].kind.unique()) == ["prose_only"]
    assert len(f[f.check == "discrepancy"]) == len(d[d.task_no != 3])


def test_planted_report_fails(planted):
    report = format_report(quality_findings(planted))
    assert (
        report.splitlines()[0] == "zone check: data-quality report (数据质量检查): 10 findings in 1 seed file"
    )
    assert "  010_test.txt:29  [error] Table line read as duplicate (task 2): " in report
    assert report.endswith("Verdict: FAIL, 2 errors, 7 warnings, 1 info; `zone check --strict` exits 1.\n")


def test_a_table_that_cannot_be_parsed_is_an_error(tmp_path):
    text = "测试方案\n一、任务\n年度主要任务\n编号\t年度\t\t2019年\t2020年\n\t项目\t任务\t\t\n（一）基础。\n"
    (tmp_path / "011_table.txt").write_text(text, encoding="utf-8")
    f = quality_findings(tmp_path)
    row = f[f.check == "table_parse"]
    assert row[["severity", "line"]].values.tolist() == [["error", 4]]
    assert "task rows (a number, a tab, the task name) under the header" in row.detail.item()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("思想 and 党的十九大", [("and", "function_word")], id="and-with-spaces"),
        pytest.param("信息平台and区域系统", [("and", "function_word")], id="and-without-spaces"),
        pytest.param("统一管理 With 维护。", [("With", "function_word")], id="capitalised"),
        pytest.param("建成xyz平台", [("xyz", "word")], id="unknown-word"),
        pytest.param("支持HIS、PACS、APP、CA和VPN接入，AI辅助", [], id="allow-listed"),
        pytest.param("实现5G和IPv6互联，带宽不低于200M。", [], id="with-digits"),
        pytest.param("和N个专科医院，保税物流中心（B型）", [], id="single-capitals"),
        pytest.param("原文链接：https://www.pkulaw.com/chl/x.html", [], id="url"),
        pytest.param("Internet Plus Healthcare and more", [], id="english-sentence"),
        pytest.param("10层A-1003室", [], id="room-number"),
    ],
)
def test_latin_anomalies(line, expected):
    assert [(word, kind) for _, _, word, kind in latin_anomalies(line)] == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ["应用编码、信息数", "", "据接口和传输协议"], [(1, 3, "数据", "数", "据")], id="inside-a-word"
        ),
        pytest.param(["依托青铜峡市人民", "", "医院建设市级医学"], [], id="between-two-words"),
        pytest.param(["测试方案的通知", "一、总体要求"], [], id="heading-follows"),
        pytest.param(["建设信息数。", "据此"], [], id="sentence-ends"),
    ],
)
def test_broken_words(lines, expected):
    assert list(broken_words(enumerate(lines, start=1))) == expected


# --- the line-accounting hook ---------------------------------------------------------------


def test_line_accounting_turns_unclassified_lines_into_errors(planted, monkeypatch):
    def line_accounting(seeds=None):
        assert Path(seeds) == planted
        return pd.DataFrame(
            {
                "doc_id": [PLANTED_DOC, PLANTED_DOC, PLANTED_DOC, PLANTED_DOC],
                "seed_file": [PLANTED_FILE] * 4,
                "line": [8, 9, 29, 3],
                "status": ["unclassified", "used", "reported", "reported"],
                "text": [
                    "宁夏回族自治区人民政府办公厅",
                    "2030年1月2日",
                    "2\t建设平台",
                    "各市、县（区）人民政府：",
                ],
            }
        )

    monkeypatch.setattr(findings_module, "line_accounting", line_accounting)
    f = quality_findings(planted)
    assert f.attrs["skipped"] == {}
    assert _where(f, "unclassified_line") == [(PLANTED_FILE, 8)]
    assert f[f.check == "unclassified_line"].severity.item() == "error"
    # line 29 is already a table_line finding; only line 3 is added as reported
    assert _where(f, "reported_line") == [(PLANTED_FILE, 3)]
    assert quality_summary(f).set_index("check").loc["unclassified_line", "note"] == ""


def test_report_counts_every_seed_line_and_none_unclassified(findings):
    from zone_lib.quality.findings import format_report

    acc = findings.attrs["accounting"]
    assert acc["lines"] == 1997 and acc.get("unclassified", 0) == 0
    assert acc["used"] + acc["boilerplate"] + acc.get("reported", 0) == 1997
    assert "Line accounting (行核算): 1997 lines" in format_report(findings)
    assert "unclassified_line" not in set(findings["check"])
