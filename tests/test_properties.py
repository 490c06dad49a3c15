"""Property tests: random damage to real seed text never crashes the splitters or loses characters."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zone_lib
from zone_lib.errors import ZoneError
from zone_lib.parse.prose_tasks import split_milestones
from zone_lib.parse.targets import extract_targets
from zone_lib.parse.unit_names import split_units

_UNIT_LISTS = sorted(
    {
        line.split("：", 1)[1]
        for doc in ("nx-impl-2019", "qtx-impl-2019")
        for _, line in zone_lib.load_corpus().get(doc).numbered_lines()
        if re.match(r"^\**(牵头|配合)单位", line) and "：" in line
    }
)
_MILESTONES = sorted(set(zone_lib.milestones().text))
_NOISE = st.sampled_from(
    ["、", "，", ",", "；", "（", "）", "(", ")", " ", "\u3000", "。", "\n", "市", "局", "x", "5G"]
)


def _damage(draw, text: str) -> str:
    """Delete, double or insert characters at random places."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 6))):
        if not chars:
            break
        at = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["delete", "double", "insert"]))
        if op == "delete":
            del chars[at]
        elif op == "double":
            chars.insert(at, chars[at])
        else:
            chars.insert(at, draw(_NOISE))
    return "".join(chars)


_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_unit_splitter_never_crashes_and_keeps_every_letter(data):
    text = _damage(data.draw, data.draw(st.sampled_from(_UNIT_LISTS)))
    try:
        names = split_units(text)
    except ZoneError:
        return
    joined = "".join(names)
    # every letter of the input is in some name (prefixes may be added, never removed)
    for ch in set(_KEEP.findall(text)):
        assert text.count(ch) <= joined.count(ch), (ch, text, names)
    assert all(name.strip() == name and name for name in names)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_target_extractor_never_crashes_and_spans_are_the_text(data):
    text = _damage(data.draw, data.draw(st.sampled_from(_MILESTONES)))
    found = extract_targets(text)
    for t in found:
        assert text[t.start : t.start + len(t.span)] == t.span  # nothing invented, nothing lost
        assert t.value >= 0
    assert extract_targets(text) == found  # stable


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_milestone_splitter_loses_no_character(data):
    text = _damage(
        data.draw, "".join(data.draw(st.lists(st.sampled_from(_MILESTONES), min_size=1, max_size=3)))
    )
    text = "2019年，" + text
    before, ms = split_milestones(text, lambda offset: 1)
    rebuilt = before + "".join(m.marker + m.text for m in ms)
    assert re.sub(r"\s", "", rebuilt) == re.sub(r"\s", "", text)
