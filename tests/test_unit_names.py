import pytest

from zone_lib.parse.unit_names import split_units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "自治区党委网信办、发展改革委、医保局、药监局，各市、县（区）人民政府。",
            [
                "自治区党委网信办",
                "自治区发展改革委",
                "自治区医保局",
                "自治区药监局",
                "各市、县（区）人民政府",
            ],
            id="prefix-inherited-and-city-county-kept-whole",
        ),
        pytest.param(
            "自治区发展改革委、财政厅、医保局,各市、县(区)人民政府。",
            ["自治区发展改革委", "自治区财政厅", "自治区医保局", "各市、县（区）人民政府"],
            id="half-width-brackets-and-comma",
        ),
        pytest.param(
            "自治区卫生健康委、银川市人民政府、中卫市人民政府。",
            ["自治区卫生健康委", "银川市人民政府", "中卫市人民政府"],
            id="city-governments-are-complete",
        ),
        pytest.param(
            "自治区人力资源社会保障厅、扶贫办、宁夏银保监局，各市、县（区）人民政府。",
            ["自治区人力资源社会保障厅", "自治区扶贫办", "宁夏银保监局", "各市、县（区）人民政府"],
            id="ningxia-prefixed-unit-not-prefixed-again",
        ),
        pytest.param(
            "自治区医保局、市场监管厅",
            ["自治区医保局", "自治区市场监管厅"],
            id="shichang-is-not-the-city-prefix",
        ),
        pytest.param(
            "市委网信办，发展改革委、公安局，各医疗卫生单位",
            ["市委网信办", "市发展改革委", "市公安局", "各医疗卫生单位"],
            id="city-level-prefix",
        ),
        pytest.param(
            "宁夏大学（国家健康医疗大数据研究院）、医科大学",
            ["宁夏大学（国家健康医疗大数据研究院）", "医科大学"],
            id="no-split-inside-brackets",
        ),
        pytest.param("", [], id="empty"),
    ],
)
def test_split_units(text, expected):
    assert split_units(text) == expected


def test_a_bare_level_prefix_cut_off_by_a_stray_separator_is_joined_to_the_next_name():
    # found by the fuzz test: "市场监督管理局" broken as "市、场监督管理局" read back stably
    names = split_units("市委网信办，发展改革委、市、场监督管理局、统计局")
    assert names == ["市委网信办", "市发展改革委", "市市场监督管理局", "市统计局"]
    assert split_units("，".join(names)) == names
    assert split_units("自治区卫生健康委、自治区") == ["自治区卫生健康委", "自治区"]
