"""Tasks, milestones and responsibilities across every task document (golden)."""

import pandas as pd
import pytest

import zone_lib


@pytest.fixture(scope="module")
def t():
    return zone_lib.tasks()


def test_task_counts_and_sections(t):
    counts = (
        t.groupby("doc_id").agg(n=("task_no", "size"), sections=("section_no", "nunique")).to_dict("index")
    )
    assert counts == {
        "nhc-5yi-2020": {"n": 14, "sections": 5},
        "nx-hq-2023": {"n": 22, "sections": 5},
        "nx-impl-2019": {"n": 40, "sections": 8},
        "nx-port-2019": {"n": 22, "sections": 5},
        "qtx-impl-2019": {"n": 38, "sections": 8},
    }
    for _, g in t.groupby("doc_id"):
        assert g.task_no.tolist() == list(range(1, len(g) + 1))


def test_sections_are_actions_or_parts(t):
    nhc = t[t.doc_id == "nhc-5yi-2020"].set_index("task_no")
    assert nhc.loc[4, "section"] == "推进“一码通”融合服务，破除多码并存互不通用信息壁垒"
    assert nhc.loc[14, "section_no"] == 5
    hq = t[t.doc_id == "nx-hq-2023"].set_index("task_no")
    assert (hq.loc[1, "section_no"], hq.loc[22, "section_no"]) == (1, 5)
    assert hq.loc[1, "section"] == "实施“互联网+医疗健康”服务提质扩容行动"


def test_derived_titles_say_so(t):
    derived = t[t.task_basis != "printed"]
    assert derived[["doc_id", "task_no", "task", "task_basis"]].values.tolist() == [
        ["qtx-impl-2019", 1, "推动行业数据规范互联互通", "last clause"],
        ["qtx-impl-2019", 2, "逐步提高我市疑难危重症的诊断与治疗和本地区医学发展", "last clause"],
    ]
    impl = t[t.doc_id == "nx-impl-2019"].set_index("task_no")
    assert impl.loc[9, "task"] == "成立宁夏“互联网+医疗健康”应用研究中心和大数据研究院"


def test_milestones_ranges_deadlines_and_table_cells():
    m = zone_lib.milestones()
    assert m.groupby(["doc_id", "source"]).size().to_dict() == {
        ("nx-impl-2019", "prose"): 144,
        ("nx-impl-2019", "table"): 147,
        ("nx-port-2019", "deadline"): 22,
        ("qtx-impl-2019", "prose"): 125,
    }
    qtx16 = m[(m.doc_id == "qtx-impl-2019") & (m.task_no == 16)]
    assert qtx16[["year_from", "year_to", "marker"]].values.tolist() == [
        [2019, 2020, "2019—2020年，"],
        [2021, 2022, "2021—2022年，"],
    ]
    port = m[m.doc_id == "nx-port-2019"].set_index("task_no")
    assert pd.isna(port.loc[1, "year_to"]) and port.loc[1, "text"] == "长期坚持"
    assert (port.loc[2, "year_to"], port.loc[2, "text"]) == (2020, "2020年底前完成")
    assert port.loc[15, "year_to"] == 2019  # 2019年6月底前完成


def test_unit_forms_of_every_document():
    r = zone_lib.responsibilities(None)
    assert r.groupby("doc_id").size().to_dict() == {
        "nx-hq-2023": 175,
        "nx-impl-2019": 188,
        "nx-port-2019": 82,
        "qtx-impl-2019": 176,
    }
    qtx = r[r.doc_id == "qtx-impl-2019"]
    # “各医疗卫 / (blank line) / 生单位” comes back whole
    assert qtx[qtx.task_no == 8].unit.tolist() == [
        "市卫生健康局",
        "市发展改革委",
        "市财政局",
        "市医疗保障局",
        "各医疗卫生单位",
    ]
    port = r[r.doc_id == "nx-port-2019"]
    assert port[port.task_no == 3][["unit", "role"]].values.tolist() == [
        ["银川海关", "lead"],
        ["宁夏出入境边防检查总站", "coop"],
        ["银川市人民政府", "coop"],
        ["石嘴山市人民政府", "coop"],
    ]
    assert port[port.task_no == 2].role.tolist() == ["lead"] * 6  # “…分别负责”
    hq = r[r.doc_id == "nx-hq-2023"]
    assert hq[hq.task_no == 21].unit.tolist()[0] == "自治区科技厅"
    assert hq[hq.task_no == 21].role.tolist()[:2] == ["lead", "coop"]


def test_a_plan_is_not_a_task_document():
    with pytest.raises(zone_lib.DocumentNotFoundError, match="nx-impl-2019"):
        zone_lib.tasks("nx-plan-2019")
