"""The same code on a document it has never seen: a small plan with an annex table."""

import pandas as pd

import zone_lib

DOC = """自治区人民政府办公厅关于印发测试实施方案的通知
宁政办发〔2030〕5号
各市、县（区）人民政府：
《测试实施方案》已经同意，现印发给你们。
宁夏回族自治区人民政府办公厅
2030年1月2日
测试实施方案
一、重点任务
（一）夯实基础。
1.统一网络。2019年，建成全区专网。2020年，实现互联互通。2021年，完成安全评估。
牵头单位：自治区卫生健康委。
配合单位：自治区党委网信办、发展改革委，各市、县（区）人民政府。
（二）建设平台。
2.建设平台。2019年，搭建平台框架。2022年，平台全面运行。
牵头单位：自治区医保局。
配合单位：自治区财政厅。
测试实施方案年度主要任务
编号\t年度\t\t2019年\t2020年\t2021年\t2022年
\t项目\t任务\t\t\t\t
(一) 夯实基础。
1\t统一网络\t建成全区专网。\t实现互联互通。\t\t\t
(三) 建设平台。
2\t建设平台\t搭建平台框架。\t平台全面运行。\t\t\t
"""


def test_unseen_document(tmp_path):
    (tmp_path / "010_test.txt").write_text(DOC.replace("\n", "\r\n"), encoding="gb18030")
    docs = zone_lib.documents(seeds=tmp_path)
    assert docs[["doc_id", "title", "doc_number", "date", "first_line", "last_line"]].values.tolist() == [
        ["010-test-1", "测试实施方案", "宁政办发〔2030〕5号", "2030-01-02", 1, 23]
    ]
    m = zone_lib.matrix("010-test-1", seeds=tmp_path)
    assert m[
        ["task_no", "section_no", "year", "year_column", "year_basis", "text", "source_line"]
    ].values.tolist() == [
        [1, 1, 2019, 2019, "column", "建成全区专网。", 21],
        [1, 1, 2020, 2020, "column", "实现互联互通。", 21],
        [2, 2, 2019, 2019, "column", "搭建平台框架。", 23],
        [2, 2, 2022, 2020, "prose", "平台全面运行。", 23],
    ]
    d = zone_lib.discrepancies("010-test-1", seeds=tmp_path)
    got = [(r.task_no, None if pd.isna(r.year) else int(r.year), r.kind) for r in d.itertuples()]
    assert got == [(1, 2021, "prose_only"), (2, None, "section_number"), (2, 2022, "year_from_prose")]
    r = zone_lib.responsibilities("010-test-1", seeds=tmp_path)
    assert r.unit.tolist() == [
        "自治区卫生健康委",
        "自治区党委网信办",
        "自治区发展改革委",
        "各市、县（区）人民政府",
        "自治区医保局",
        "自治区财政厅",
    ]
    assert zone_lib.table_lines("010-test-1", seeds=tmp_path).problem.sum() == 0
