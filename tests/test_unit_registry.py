"""The unit registry: canonical names, labels, levels and per-unit counts."""

from __future__ import annotations

import pytest

import zone_lib
from zone_lib.tables.units import (
    LEVELS,
    UNIT_COLUMNS,
    canonical_unit,
    guess_level,
    registry,
    unit_links,
    units,
)


@pytest.fixture(scope="module")
def unit_table():
    return units()


@pytest.fixture(scope="module")
def links():
    return unit_links()


def _row(table, canonical):
    rows = table[table["canonical"] == canonical]
    assert len(rows) == 1, canonical
    return rows.iloc[0]


def test_every_name_of_responsibilities_is_known():
    names = sorted(set(zone_lib.responsibilities(None)["unit"]))
    unknown = [n for n in names if not canonical_unit(n)["is_known"]]
    assert unknown == []
    assert len(names) == 59


def test_registry_file_is_well_formed():
    reg = registry()
    assert list(reg.columns) == ["canonical", "name_en", "level", "kind", "aliases", "shorthands"]
    assert reg.set_index("canonical").at["自治区医保局", "shorthands"] == ["医保局", "医疗保障局"]
    assert reg["canonical"].is_unique
    assert set(reg["level"]) <= set(LEVELS)
    assert (reg["name_en"].str.len() > 0).all()
    assert (reg["kind"].str.len() > 0).all()
    every_name = [n for _, r in reg.iterrows() for n in [r["canonical"], *r["aliases"]]]
    assert len(every_name) == len(set(every_name))


@pytest.mark.parametrize("name", ["市发展改革委", "市发展改革局", "市发改委"])
def test_city_development_and_reform_variants_share_one_canonical(name):
    assert canonical_unit(name) == {
        "canonical": "市发展改革局",
        "name_en": "Qingtongxia Development and Reform Bureau",
        "level": "city",
        "kind": "development and reform",
        "is_known": True,
    }


@pytest.mark.parametrize(
    ("name", "canonical", "level", "kind", "name_en"),
    [
        (
            "自治区医保局",
            "自治区医保局",
            "regional",
            "medical insurance",
            "Regional Healthcare Security Administration",
        ),
        (
            "自治区医疗保障局",
            "自治区医保局",
            "regional",
            "medical insurance",
            "Regional Healthcare Security Administration",
        ),
        (
            "市医保局",
            "市医疗保障局",
            "city",
            "medical insurance",
            "Qingtongxia Healthcare Security Administration",
        ),
        ("自治区卫生健康委", "自治区卫生健康委", "regional", "health", "Regional Health Commission"),
        ("市卫生健康委", "市卫生健康局", "city", "health", "Qingtongxia Health Bureau"),
        (
            "自治区党委网信办",
            "自治区党委网信办",
            "regional",
            "cyberspace",
            "Regional Cyberspace Affairs Office",
        ),
        (
            "自治区发展改革局",
            "自治区发展改革委",
            "regional",
            "development and reform",
            "Regional Development and Reform Commission",
        ),
        (
            "各市、县（区）人民政府",
            "各市、县（区）人民政府",
            "city",
            "government",
            "People's governments of all cities and counties (districts)",
        ),
        (
            "各医疗卫生单位",
            "各医疗卫生单位",
            "city",
            "medical institutions",
            "Qingtongxia medical and health institutions",
        ),
        ("宁夏通信管理局", "宁夏通信管理局", "regional", "telecom", "Ningxia Communications Administration"),
        ("银川海关", "银川海关", "regional", "customs and ports", "Yinchuan Customs"),
        ("银川市", "银川市人民政府", "city", "government", "Yinchuan City People's Government"),
        (
            "国家医保局",
            "国家医疗保障局",
            "national",
            "medical insurance",
            "National Healthcare Security Administration",
        ),
    ],
)
def test_known_names(name, canonical, level, kind, name_en):
    assert canonical_unit(name) == {
        "canonical": canonical,
        "name_en": name_en,
        "level": level,
        "kind": kind,
        "is_known": True,
    }


def test_brackets_and_spaces_do_not_matter():
    canonical = "宁夏大学〔国家健康医疗大数据研究院〕"
    assert canonical_unit(" 宁夏大学(国家健康医疗大数据研究院) ")["canonical"] == canonical
    assert canonical_unit("宁夏大学（国家健康医疗大数据研究院）")["canonical"] == canonical
    assert canonical_unit("各市、县(区)人民政府")["canonical"] == "各市、县（区）人民政府"


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("自治区新设局", "regional"),
        ("宁夏新设中心", "regional"),
        ("市新设局", "city"),
        ("国家新设局", "national"),
        ("市场新设局", "other"),
        ("某某公司", "other"),
    ],
)
def test_unknown_names_are_kept_with_a_guessed_level(name, level):
    assert canonical_unit(name) == {
        "canonical": name,
        "name_en": "",
        "level": level,
        "kind": "other",
        "is_known": False,
    }
    assert guess_level(name) == level


def test_unit_links_add_canonical_level_kind(links):
    resp = zone_lib.responsibilities(None)
    assert list(links.columns) == [*resp.columns, "canonical", "level", "kind"]
    assert len(links) == len(resp)
    assert links[list(resp.columns)].equals(resp)
    fgw = links[links["unit"] == "市发展改革委"]
    assert len(fgw) == 5
    assert set(fgw["canonical"]) == {"市发展改革局"}
    assert set(fgw["level"]) == {"city"}


def test_units_columns_and_one_row_per_canonical(unit_table):
    assert list(unit_table.columns) == UNIT_COLUMNS
    assert unit_table["canonical"].is_unique
    assert len(unit_table) == 56
    assert unit_table["is_known"].all()
    assert not (unit_table["canonical"] == "市发展改革委").any()
    assert not (unit_table["canonical"] == "银川市").any()


def test_units_counts_for_regional_health_commission(unit_table):
    row = _row(unit_table, "自治区卫生健康委")
    assert row["name_en"] == "Regional Health Commission"
    assert row["level"] == "regional"
    assert row["kind"] == "health"
    assert row["n_docs"] == 2
    assert row["n_tasks"] == 62
    assert row["n_lead"] == 53
    assert row["n_coop"] == 9
    assert row["docs"] == ["nx-hq-2023", "nx-impl-2019"]
    assert row["aliases"] == ["自治区卫生健康委员会", "自治区卫健委", "自治区卫生健康局"]
    # It leads the most tasks and is named in the most.
    assert unit_table.iloc[0]["canonical"] == "自治区卫生健康委"


def test_units_merge_seen_aliases(unit_table):
    row = _row(unit_table, "市发展改革局")
    assert row["n_tasks"] == 22  # 17 as 市发展改革局 + 5 as 市发展改革委
    assert row["n_lead"] == 0
    assert row["n_coop"] == 22
    assert row["docs"] == ["qtx-impl-2019"]
    assert row["aliases"][0] == "市发展改革委"  # seen in the document, listed first
    assert "市发改委" in row["aliases"]
    yc = _row(unit_table, "银川市人民政府")
    assert yc["aliases"] == ["银川市"]
    assert yc["n_tasks"] == 6
    assert yc["docs"] == ["nx-hq-2023", "nx-impl-2019", "nx-port-2019"]


def test_units_other_exact_rows(unit_table):
    mi = _row(unit_table, "自治区医保局")
    assert (mi["level"], mi["kind"], mi["n_tasks"], mi["n_lead"], mi["n_coop"]) == (
        "regional",
        "medical insurance",
        36,
        5,
        31,
    )
    customs = _row(unit_table, "银川海关")
    assert (customs["n_tasks"], customs["n_lead"], customs["n_coop"], customs["docs"]) == (
        22,
        13,
        9,
        ["nx-port-2019"],
    )


def test_unit_counts_add_up_to_the_links(unit_table, links):
    tasks = links[["doc_id", "task_no", "canonical"]].drop_duplicates()
    assert unit_table["n_tasks"].sum() == len(tasks)
    assert (unit_table["n_lead"] + unit_table["n_coop"] >= unit_table["n_tasks"]).all()
    assert (unit_table["n_docs"] == unit_table["docs"].map(len)).all()
    assert unit_table["n_tasks"].is_monotonic_decreasing


def test_units_with_seeds_folder(seed_copy):
    table = units(seed_copy)
    assert _row(table, "自治区卫生健康委")["n_tasks"] == 62
