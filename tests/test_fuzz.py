"""Fuzzing the parsers with random damage to real seed text.

Deleted or doubled separators (tabs, 、，。), moved line breaks, inserted noise
(spaces, markers that look like task numbers, unit labels or years). Whatever
the damage: no exception but the package's own (``ZoneError``), no character
lost, no line left unaccounted for, and the result read again from its own
serialisation is the same.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zone_lib
from tests import damage
from tests.conftest import GAZETTE, SEEDS
from zone_lib.errors import ZoneError
from zone_lib.parse.annual_table import AnnualTable, layouts, parse_annual_table
from zone_lib.parse.prose_tasks import detect_scheme, split_milestones
from zone_lib.parse.targets import extract_targets
from zone_lib.parse.unit_names import split_units
from zone_lib.textutil import fold, strip_markup

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_GAZETTE = damage.read_seed((SEEDS / GAZETTE).read_bytes())
_FIRST, _LAST = damage.table_span(_GAZETTE)
#: The annex table with its caption, and the line number of its first line.
TABLE = _GAZETTE[_FIRST - 2 : _LAST + 1]
TABLE_START = _FIRST - 1
HQ = damage.read_seed((SEEDS / "003_9fe894c19bce5232.txt").read_bytes())
QTX = damage.read_seed((SEEDS / "001_2636db6dbf13266e.txt").read_bytes())
#: The Qingtongxia task part (tasks with 牵头单位/配合单位 lines and page breaks).
QTX_TASKS = QTX[176:260]

_NOISE = st.sampled_from(
    ["\t", "、", "，", "。", "；", " ", "\u3000", "\u00a0", "x", "5G", "２０", "2020年，", "牵头单位：",
     "12.", "（三）", "二是", "（", "）", "市"]
)  # fmt: skip
_SEPARATORS = "\t、，。；"


@st.composite
def damaged_lines(draw, lines: list[str], max_ops: int = 6) -> list[str]:
    """Lines with separators deleted or doubled, line breaks moved and noise inserted."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, max_ops))):
        k = draw(st.integers(0, len(lines) - 1))
        line = lines[k]
        op = draw(st.sampled_from(["separator", "join", "split", "noise", "noise-line", "drop-line"]))
        seps = [i for i, ch in enumerate(line) if ch in _SEPARATORS]
        if op == "separator" and seps:
            i = draw(st.sampled_from(seps))
            lines[k] = line[:i] + (line[i] * 2 if draw(st.booleans()) else "") + line[i + 1 :]
        elif op == "join" and k + 1 < len(lines):
            lines[k : k + 2] = [line + lines[k + 1]]
        elif op == "split" and len(line) > 1:
            i = draw(st.integers(1, len(line) - 1))
            lines[k : k + 1] = [line[:i], line[i:]]
        elif op == "noise":
            i = draw(st.integers(0, len(line)))
            lines[k] = line[:i] + draw(_NOISE) + line[i:]
        elif op == "noise-line":
            lines.insert(k, draw(_NOISE))
        elif op == "drop-line" and len(lines) > 2:
            del lines[k]
    return lines


def _chars(texts) -> Counter:
    """Non-space characters, empty-cell marks (/) left out."""
    empty = set("".join(layouts()["empty_cell"]))
    return Counter(ch for t in texts for ch in t if not ch.isspace() and ch not in empty)


def _serialise(table: AnnualTable) -> list[str]:
    """The table written back as tab-separated lines: header, then labels and rows in order."""
    out = ["\t".join(table.header_fields)]
    sections = {s.source_line: s for s in table.sections}
    items = [(s.source_line, s.text) for s in sections.values()]
    items += [(row.lines[0], "\t".join(row.fields)) for row in table.rows]
    return out + [text for _, text in sorted(items)]


# -- the table parser --------------------------------------------------------------------


@FAST
@given(damaged_lines(TABLE))
def test_table_parser_classifies_every_line_and_loses_no_character(lines):
    numbered = list(enumerate(lines, start=TABLE_START))
    try:
        table = parse_annual_table(numbered, GAZETTE)
    except ZoneError:
        return
    read = {ln.line_no for ln in table.lines}
    header_at = next(ln.line_no for ln in table.lines if ln.kind == "header")
    assert read >= {n for n, _ in numbered if n >= header_at}  # every line from the header on
    assert len(read) == len(table.lines)  # once each
    raw = dict(numbered)
    kept = [raw[ln.line_no] for ln in table.lines if ln.kind not in ("row", "section", "continuation")]
    kept += ["".join(row.fields) for row in table.rows] + [s.text for s in table.sections]
    assert _chars(kept) == _chars(text for n, text in numbered if n in read)


@FAST
@given(damaged_lines(TABLE))
def test_table_parser_is_stable_under_reserialisation(lines):
    try:
        table = parse_annual_table(list(enumerate(lines, start=1)), GAZETTE)
    except ZoneError:
        return
    again = parse_annual_table(list(enumerate(_serialise(table), start=1)), GAZETTE)
    assert [(r.task_no, r.fields) for r in again.rows] == [(r.task_no, r.fields) for r in table.rows]
    assert [s.label for s in again.sections] == [s.label for s in table.sections]
    assert again.header_fields == table.header_fields


# -- the prose parser and read_document -----------------------------------------------------


@FAST
@given(damaged_lines(QTX_TASKS, max_ops=8))
def test_prose_parser_accounts_for_every_line(lines):
    numbered = list(enumerate(lines, start=1))
    _, parse = detect_scheme(numbered)
    filled = {n for n, text in numbered if strip_markup(text).strip()}  # markup alone (**) is blank
    problems = {n for n, _ in parse.problems}
    assert filled == set(parse.used_lines) | problems | set(parse.other_lines)
    assert not set(parse.other_lines) & (set(parse.used_lines) | problems)
    # task numbers only grow, and every task keeps its first line
    numbers = [t.task_no for t in parse.tasks]
    assert numbers == sorted(set(numbers))
    assert all(t.source_line in parse.used_lines for t in parse.tasks)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_lines(HQ, max_ops=8))
def test_read_document_never_loses_a_line(lines):
    try:
        doc = zone_lib.read_document("\n".join(lines), doc_id="fuzz")
    except ZoneError:
        return
    assert list(doc.lines.line) == list(
        range(1, len(zone_lib.ingest.reading.split_lines("\n".join(lines))) + 1)
    )
    assert (doc.lines.status != "unclassified").all()
    assert set(doc.problems.line) == set(doc.lines[doc.lines.status == "reported"].line)


# -- the splitters ---------------------------------------------------------------------------

_UNIT_LISTS = sorted(
    {
        line.split("：", 1)[1]
        for line in QTX + _GAZETTE
        if re.match(r"^\**(牵头|配合)单位", line) and "：" in line
    }
)
_MILESTONES = sorted(set(zone_lib.milestones().text))
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@st.composite
def damaged_text(draw, texts: list[str]) -> str:
    return "".join(draw(damaged_lines([draw(st.sampled_from(texts))], max_ops=4)))


@settings(max_examples=150, deadline=None)
@given(damaged_text(_UNIT_LISTS))
def test_unit_splitter_keeps_every_letter_and_is_stable(text):
    try:
        names = split_units(text)
    except ZoneError:
        return
    joined = "".join(names)
    for ch in set(_KEEP.findall(text)):
        assert text.count(ch) <= joined.count(ch), (ch, text, names)
    # a list written back reads the same (joined with ，: a 、 could re-form 各市、县（区）人民政府)
    assert split_units("，".join(names)) == names


@settings(max_examples=150, deadline=None)
@given(damaged_text(_MILESTONES), st.sampled_from(["2019年，", "到2022年，", "2021年底前", "从2020年起，"]))
def test_milestone_splitter_loses_nothing_and_is_stable(text, marker):
    text = marker + text
    before, found = split_milestones(text, lambda offset: 1)
    rebuilt = before + "".join(m.marker + m.text for m in found)
    assert re.sub(r"\s", "", rebuilt) == re.sub(r"\s", "", text)
    again_before, again = split_milestones(rebuilt, lambda offset: 1)
    assert (again_before, [(m.year_from, m.year_to, m.marker, m.text) for m in again]) == (
        before,
        [(m.year_from, m.year_to, m.marker, m.text) for m in found],
    )


_FULL = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})


@settings(max_examples=150, deadline=None)
@given(damaged_text(_MILESTONES))
def test_target_extractor_spans_are_the_text_and_digits_width_does_not_matter(text):
    found = extract_targets(text)
    for t in found:
        assert text[t.start : t.start + len(t.span)] == t.span
        assert t.value >= 0
    wide = extract_targets(text.translate(_FULL))
    key = [(t.value, t.unit, t.comparator, t.start, fold(t.span)) for t in found]
    assert [(t.value, t.unit, t.comparator, t.start, fold(t.span)) for t in wide] == key
