"""zone_lib.views.params: valid values and the checks notebooks run first."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import zone_lib
from zone_lib.errors import ParameterError, ZoneError
from zone_lib.views import params


def test_valid_years_come_from_the_matrix():
    assert (
        params.valid_years() == sorted(zone_lib.matrix().year.unique().tolist()) == [2019, 2020, 2021, 2022]
    )


def test_valid_units_are_the_units_of_the_plan():
    units = params.valid_units()
    assert set(units.unit) == set(zone_lib.responsibilities("nx-impl-2019").unit)
    assert units.unit.is_unique
    assert units.iloc[0].unit == "自治区卫生健康委"
    assert (units.unit_en != "").all()
    row = units.set_index("unit").loc["自治区医保局"]
    assert {"医保局", "自治区医疗保障局", "医疗保障局"} <= set(row.aliases)


def test_valid_platforms_match_the_matrix_sections():
    platforms = params.valid_platforms()
    assert list(platforms.section_no) == list(range(1, 9))
    m = zone_lib.matrix().drop_duplicates("section_no").set_index("section_no").section
    assert dict(zip(platforms.section_no, platforms.section)) == m.to_dict()
    five = platforms.set_index("section_no").loc[5]
    assert (five.short_zh, five.section_en) == ("互联网医疗平台", "Internet medical-service platform")
    assert list(platforms[platforms.part == "platforms"].short_zh) == [
        "全民健康信息平台",
        "互联网医疗平台",
        "互联网诊断平台",
        "互联网医药平台",
        "互联网运营监管平台",
    ]


@pytest.mark.parametrize("value", [2020, "2020", " 2020 ", "2020年", 2020.0, np.int64(2020), "２０２０"])
def test_check_year_accepts_papermill_types(value):
    assert params.check_year(value) == 2020


@pytest.mark.parametrize("value", [2030, "2030", 2018, "abc", None, True, 2020.5, ""])
def test_check_year_rejects_with_choices(value):
    with pytest.raises(ParameterError) as info:
        params.check_year(value)
    message = str(info.value)
    assert "2019; 2020; 2021; 2022" in message
    assert info.value.name == "year"


def test_check_year_suggests_the_nearest_year():
    with pytest.raises(ParameterError, match="Did you mean '2022'"):
        params.check_year(2030)


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        ("自治区医保局", "自治区医保局"),
        ("医保局", "自治区医保局"),
        ("自治区医疗保障局", "自治区医保局"),
        ("医疗保障局", "自治区医保局"),
        ("卫生健康委", "自治区卫生健康委"),
        ("自治区卫生健康委", "自治区卫生健康委"),
        (" 自治区卫生健康委 ", "自治区卫生健康委"),
        ("Regional Health Commission", "自治区卫生健康委"),
        ("regional health commission", "自治区卫生健康委"),
        ("各市、县(区)人民政府", "各市、县（区）人民政府"),
        ("发展改革委", "自治区发展改革委"),
        ("网信办", "自治区党委网信办"),
    ],
)
def test_check_unit_accepts_names_and_aliases(value, unit):
    assert params.check_unit(value) == unit


def test_every_valid_unit_and_alias_checks_to_itself():
    for row in params.valid_units().itertuples():
        assert params.check_unit(row.unit) == row.unit
        for alias in row.aliases:
            assert params.check_unit(alias) == row.unit, alias


def test_check_unit_rejects_with_choices_and_suggestion():
    with pytest.raises(ParameterError) as info:
        params.check_unit("不存在的局")
    message = str(info.value)
    for unit in params.valid_units().unit:
        assert unit in message
    assert "Regional Health Commission" in message
    with pytest.raises(ParameterError, match="Did you mean '自治区医保局'"):
        params.check_unit("医保")
    with pytest.raises(ParameterError):
        params.check_unit(5)


@pytest.mark.parametrize(
    "value",
    [
        5,
        "5",
        " 5 ",
        "五",
        "(五)",
        "（五）",
        "互联网医疗平台",
        "建设互联网医疗平台",
        "Internet medical-service platform",
        "internet medical-service platform",
        np.int64(5),
        5.0,
    ],
)
def test_check_platform_accepts_numbers_and_names(value):
    assert params.check_platform(value) == 5


def test_every_section_checks_by_every_label():
    for row in params.valid_platforms().itertuples():
        for value in (row.section_no, str(row.section_no), row.section, row.short_zh, row.section_en):
            assert params.check_platform(value) == row.section_no


@pytest.mark.parametrize("value", ["火星平台", 0, 9, "9", None, True, "平台"])
def test_check_platform_rejects_with_choices(value):
    with pytest.raises(ParameterError) as info:
        params.check_platform(value)
    message = str(info.value)
    assert "5 = 互联网医疗平台 Internet medical-service platform" in message
    assert "1 = 互联互通基础" in message


def test_platform_suggestion():
    with pytest.raises(ParameterError, match="Did you mean '5 = 互联网医疗平台"):
        params.check_platform("互联网医疗")


def test_parameter_error_is_a_zone_error_and_value_error_and_pickles():
    err = ParameterError("year", 2030, ["2019", "2020"], "2020")
    assert isinstance(err, ZoneError) and isinstance(err, ValueError)
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and again.choices == ["2019", "2020"]


def test_labels_cover_sections_units_and_glossary():
    labels = params.labels()
    assert [s["no"] for s in labels["sections"]] == list(range(1, 9))
    assert labels["glossary"]["自治区卫生健康委"] == "Regional Health Commission"
    assert labels["glossary"]["医保局"] == "Healthcare Security Administration"
    assert "units" not in labels  # unit names live in one place: data/unit_registry.csv
    units = set(zone_lib.responsibilities("nx-impl-2019").unit)
    assert all(params.unit_en(u) for u in units)
    assert params.unit_en("自治区医保局") == "Regional Healthcare Security Administration"
    assert params.section_label(5) == "(五) 互联网医疗平台 Internet medical-service platform"
