"""File names from document text: readable, valid on Linux, macOS and Windows, inside the folder."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zone_lib.errors import ZoneError
from zone_lib.render import suite as suite
from zone_lib.safe_names import MAX_STEM_BYTES, inside, safe_stem

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("自治区医保局", "自治区医保局"),
        ("各市、县(区)人民政府", "各市、县(区)人民政府"),
        ("自治区/卫生:健康委", "自治区_卫生_健康委"),
        ("../../etc/passwd", "etc_passwd"),
        ("..", "unnamed"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("ＡＢＣ１２３", "ABC123"),  # full width folded
        ("医保局\u3000 (试点)", "医保局_(试点)"),  # ideographic and ordinary spaces
        ('"><img src=x onerror=alert(1)>', "img_src=x_onerror=alert(1)"),
        ("line\nbreak\ttab", "line_break_tab"),
        ("trailing dots...", "trailing_dots"),
    ],
)
def test_safe_stem_examples(name, stem):
    assert safe_stem(name) == stem


def test_long_names_are_cut_with_a_hash_and_stay_distinct():
    a = safe_stem("宁夏回族自治区" * 30 + "甲")
    b = safe_stem("宁夏回族自治区" * 30 + "乙")
    assert a != b
    assert len(a.encode("utf-8")) <= MAX_STEM_BYTES and a.startswith("宁夏回族自治区")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_any_text_gives_a_safe_stem_inside_the_folder(tmp_path_factory, text):
    stem = safe_stem(text)
    assert stem and not (WINDOWS_FORBIDDEN & set(stem))
    assert not any(ord(ch) < 32 for ch in stem)
    assert stem not in {".", ".."} and not stem.endswith((".", " "))
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    folder = tmp_path_factory.getbasetemp()
    assert inside(folder, f"unit-{stem}.html").parent == folder.resolve()


def test_inside_refuses_names_that_leave_the_folder(tmp_path):
    with pytest.raises(ZoneError, match="outside"):
        inside(tmp_path, "../escape.html")
    with pytest.raises(ZoneError, match="outside"):
        inside(tmp_path, "sub/dir.html")


def test_briefing_file_names_use_canonical_parameters():
    assert suite.unit("医保局").file == "unit-自治区医保局.html"
    assert suite.unit("Regional Health Commission").file == "unit-自治区卫生健康委.html"
    assert suite.platform("互联网医疗平台").file == "platform-5.html"
    assert suite.year("2021年").file == "year-2021.html"
    assert suite.unit("../../x").file == "unit-x.html"  # invalid, kept as given but safe
