"""Prose tasks of nx-impl-2019 and their units (golden), plus the prose parser on inline text."""

import pytest

import zone_lib
from zone_lib.parse.prose_tasks import parse_prose_tasks
from zone_lib.tables.matrix import analysis


@pytest.fixture(scope="module")
def prose():
    return {t.task_no: t for t in analysis().prose.tasks}


def test_forty_tasks_in_eight_sections(prose):
    assert sorted(prose) == list(range(1, 41))
    sections = analysis().prose.sections
    assert [(s.section_no, s.source_line) for s in sections] == [
        (1, 640),
        (2, 678),
        (3, 694),
        (4, 736),
        (5, 786),
        (6, 840),
        (7, 876),
        (8, 890),
    ]
    assert sections[1].title == "加快健康医疗大数据中心及产业园和区域医疗中心建设"


def test_page_break_inside_a_word_is_joined(prose):
    first = prose[1].milestones[0]
    assert (first.year_from, first.source_line) == (2019, 642)
    assert "信息数据接口和传输协议" in first.text
    assert prose[1].milestones[1].source_line == 644


def test_milestones_split_at_semicolons_too(prose):
    years = [(m.year_from, m.source_line) for m in prose[24].milestones]
    assert years == [(2019, 808), (2020, 808), (2021, 808), (2022, 808)]
    assert prose[24].milestones[2].text == "依托乡镇中心卫生院建立急救分站,有1个地级市120获得国际绩优认证;"
    assert prose[33].milestones[3].marker == "到2022年，"


def test_responsibilities_golden():
    r = zone_lib.responsibilities()
    assert len(r) == 188
    assert r.groupby("role").size().to_dict() == {"coop": 140, "lead": 48}
    t1 = r[r.task_no == 1]
    assert t1[["unit", "role", "source_line"]].values.tolist() == [
        ["自治区卫生健康委", "lead", 646],
        ["自治区党委网信办", "coop", 648],
        ["自治区发展改革委", "coop", 648],
        ["自治区医保局", "coop", 648],
        ["自治区药监局", "coop", 648],
        ["各市、县（区）人民政府", "coop", 648],
    ]
    assert r[(r.task_no == 6) & (r.role == "lead")].unit.tolist() == [
        "自治区卫生健康委",
        "银川市人民政府",
        "中卫市人民政府",
    ]
    # 22–27 use half-width punctuation in the seed: brackets come out unified
    assert r[r.task_no == 22].unit.tolist()[-1] == "各市、县（区）人民政府"
    assert r[r.task_no == 36].unit.tolist() == [
        "自治区卫生健康委",
        "自治区医保局",
        "自治区人力资源社会保障厅",
        "自治区扶贫办",
        "宁夏银保监局",
        "各市、县（区）人民政府",
    ]
    assert set(r.unit) >= {"宁夏通信管理局", "自治区科协", "自治区司法厅"}


INLINE = """（一）第一部分。
1.统一网络。2019年，建成专网，覆
盖90%以上机构。2020年—2021年，实现互联互通。
牵头单位：自治区卫生健康委。
配合单位：自治区党委网信办、发展改革委，各市、县(区)
人民政府。
2.第二项。到2022年，全面建成。
牵头单位：自治区医保局。
"""


def test_inline_prose_tasks():
    lines = list(enumerate(INLINE.split("\n"), start=1))
    parsed = parse_prose_tasks(lines)
    one, two = parsed.tasks
    assert (one.task_no, one.task, one.section_no) == (1, "统一网络", 1)
    assert [(m.year_from, m.year_to, m.source_line) for m in one.milestones] == [
        (2019, 2019, 2),
        (2020, 2021, 3),
    ]
    assert one.milestones[0].text == "建成专网，覆盖90%以上机构。"
    assert [(u, r) for u, r, _ in one.units] == [
        ("自治区卫生健康委", "lead"),
        ("自治区党委网信办", "coop"),
        ("自治区发展改革委", "coop"),
        ("各市、县（区）人民政府", "coop"),
    ]
    assert (two.milestones[0].year_from, two.milestones[0].marker) == (2022, "到2022年，")
