"""The Plans as section trees with their dated goals (golden)."""

import zone_lib
from zone_lib.parse.plan_sections import paragraphs
from zone_lib.tables.plans import plan_goals, plan_tree


def test_regional_plan_tree():
    t = plan_tree("nx-plan-2019").set_index("node_id")
    assert t.groupby("level").size().to_dict() == {"item": 39, "part": 3, "section": 13, "subsection": 10}
    assert t.loc["2.4", ["level", "title", "source_line"]].tolist() == ["section", "构建五大平台", 279]
    assert [t.loc[f"2.4.{k}", "title"] for k in range(1, 6)] == [
        "全民健康信息平台",
        "互联网医疗平台",
        "互联网诊断平台",
        "互联网医药平台",
        "互联网运营监管平台",
    ]
    assert t.loc["2.4.1.3", ["title", "parent_id", "source_line"]].tolist() == [
        "加快电子健康卡普及",
        "2.4.1",
        287,
    ]


def test_goals_by_year_with_their_lines():
    g = plan_goals()
    assert g.groupby(["doc_id", "year"]).size().to_dict() == {
        ("nx-plan-2019", 2020): 5,
        ("nx-plan-2019", 2022): 32,
        ("qtx-plan-2019", 2019): 1,
        ("qtx-plan-2019", 2022): 14,
    }
    head = g[(g.doc_id == "nx-plan-2019") & (g.node_id == "1.4")]
    assert head[["year", "source_line"]].values.tolist() == [[2020, 211], [2022, 213]]
    assert head.iloc[1].text.endswith("三个方面可复制、可借鉴、可推广的经验。")  # stops at its paragraph
    card = g[(g.doc_id == "nx-plan-2019") & (g.node_title == "加快电子健康卡普及")]
    assert card[["year", "text"]].values.tolist() == [
        [2022, "实现电子健康卡全区普及、全业务贯通，健康数据管理能力全面提升。"]
    ]
    for doc_id, group in g.groupby("doc_id"):
        lines = zone_lib.load_corpus().get(doc_id).seed.lines
        for row in group.itertuples():
            assert row.marker in lines[row.source_line - 1].replace("**", ""), (doc_id, row.node_id)


def test_paragraphs_join_page_breaks():
    lines = [
        (1, "（二）基本原则。"),
        (2, "坚持全区统一规划，先易后难，构建"),
        (3, ""),
        (4, "统一平台。"),
        (5, "1.全民健康信息平台。"),
    ]
    assert paragraphs(lines) == [
        (1, "（二）基本原则。"),
        (2, "坚持全区统一规划，先易后难，构建统一平台。"),
        (5, "1.全民健康信息平台。"),
    ]


def test_plan_tree_refuses_a_task_document():
    import pytest

    with pytest.raises(zone_lib.DocumentNotFoundError, match="nx-plan-2019"):
        plan_tree("nx-impl-2019")
