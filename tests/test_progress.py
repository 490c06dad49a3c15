"""Ningxia's 2020 report (annex item 11 of nhc-5yi-2020) linked to nx-impl-2019 milestones."""

from __future__ import annotations

import pytest

import zone_lib
from zone_lib.analysis.progress import (
    LINK_THRESHOLD,
    PROGRESS_COLUMNS,
    TOP_N,
    annex_item,
    figures,
    reported_progress,
    split_points,
)


@pytest.fixture(scope="module")
def progress():
    return reported_progress()


def links(progress, statement_no: int) -> list[int]:
    rows = progress[progress["statement_no"] == statement_no].sort_values("rank")
    return rows["task_no"].tolist()


# --- small units -------------------------------------------------------------


def test_figures_keep_units():
    assert figures("备案注册全国医师5万多名，汇聚数据5亿余条") == ["5万多名", "5亿余条"]
    assert figures("20分钟即可完成，开通24小时通道，覆盖90%以上，3.5倍") == [
        "20分钟",
        "24小时",
        "90%",
        "3.5倍",
    ]
    assert figures("全区二级以上医疗机构") == []


def test_split_points():
    assert split_points("一是打造新模式。建成平台。二是推进新机制。推行码；优化流程。") == [
        (1, "打造新模式。", ["建成平台。"]),
        (2, "推进新机制。", ["推行码；优化流程。"]),
    ]
    # 是 inside a sentence is no point marker
    assert split_points("这一是非问题。") == [(0, "", ["这一是非问题。"])]


def test_annex_item_is_found_by_name():
    doc = zone_lib.load_corpus().get("nhc-5yi-2020")
    item_no, heading, body = annex_item(doc)
    assert item_no == 11
    assert heading == "宁夏回族自治区以应用为核心推进示范区建设"
    assert [n for n, _ in body] == [83]
    no, heading, _ = annex_item(doc, "贵州")
    assert (no, heading) == (9, "贵州省全面深化远程医疗体系建设应用")
    with pytest.raises(zone_lib.ParseError):
        annex_item(doc, "西藏")


# --- the report --------------------------------------------------------------


def test_frame_shape(progress):
    assert list(progress.columns) == PROGRESS_COLUMNS
    assert progress["statement_no"].nunique() == 8  # 4 points, 8 statements after their themes
    assert len(progress) == 8 * TOP_N
    assert progress.groupby("statement_no")["rank"].apply(list).map(lambda r: r == [1, 2, 3]).all()
    assert set(progress["source_line"]) == {83}
    assert progress["is_link"].equals(progress["score"] >= LINK_THRESHOLD)
    assert progress["is_link"].sum() == 10


def test_points_and_themes(progress):
    themes = progress.drop_duplicates("statement_no")[["point_no", "theme"]]
    assert themes["point_no"].tolist() == [1, 1, 2, 2, 3, 4, 4, 4]
    assert themes.drop_duplicates()["theme"].tolist() == [
        "打造“一体化”医疗服务新模式。",
        "推进“一码通”数据治理新机制。",
        "拓展“一站式”结算服务新内容。",
        "汇聚“一盘棋”抗疫服务新能量。",
    ]


def test_figures_column(progress):
    per = progress.drop_duplicates("statement_no").set_index("statement_no")["figures"]
    assert per[1] == ["5万多名"]
    assert per[2] == ["5亿余条"]
    assert per[4] == ["20分钟"]
    assert per[6] == ["19个"]
    assert per[7] == ["53家"]
    assert per[8] == ["27家", "24小时"]


def test_electronic_health_code_statement(progress):
    rows = progress[progress["statement_no"] == 3]
    assert rows["statement"].iloc[0].startswith("全区二级以上医疗机构全面推行电子健康码应用")
    # 诊前、诊中、诊后 is task 21's wording (优化居民就医服务流程, 2022, line 788);
    # the health code is task 16 (加快电子健康卡普及, 2019 prose, line 752)
    assert links(progress, 3)[:2] == [21, 16]
    top = rows[rows["rank"] == 1].iloc[0]
    assert (top.task, top.year, top.milestone_line, top.score) == ("优化居民就医服务流程", 2022, 788, 0.378)
    second = rows[rows["rank"] == 2].iloc[0]
    assert (second.task, second.year, second.milestone_source, second.is_link) == (
        "加快电子健康卡普及",
        2019,
        "prose",
        True,
    )


def test_one_stop_settlement_and_industry_statements(progress):
    assert links(progress, 5)[0] == 36  # 一站式结算 -> 构建医疗健康“一站式”结算系统
    assert links(progress, 6)[0] == 6  # 产业发展的意见 -> 健康医疗大数据中心及产业园
    assert links(progress, 2)[:2] == [16, 2]  # 电子政务外网 … 互联互通 -> 统一信息专网 among them


def test_remote_imaging_ranks_first_but_below_threshold(progress):
    rows = progress[progress["statement_no"] == 4]
    top = rows[rows["rank"] == 1].iloc[0]
    assert top.task_no == 29  # 建设区域影像诊断中心
    assert top.year == 2019
    assert not top.is_link  # 0.12: the report and the plan share few words


def test_prefers_milestones_due_by_2020(progress):
    # task 16 has milestones for 2019-2022; the 2019 one is chosen wherever it is linked
    assert (progress.loc[progress["task_no"] == 16, "year"] == 2019).all()
