"""Quantitative targets in task texts: ``覆盖90%以上的公立医疗卫生机构`` -> 90 % >= 公立医疗卫生机构.

A target is an Arabic number (half- or full-width digits) followed by a unit — a
measure word such as 个, 家, 项 or ``%`` — optionally with a comparator word
around it (``不低于``, ``以上``, ``余`` …). Numbers without a unit (``120急救``,
``5G``, ``IPv6``, ``1+2+2+N``) are never targets; numbers inside quotes, titles,
document numbers and dates are excluded by pattern. Chinese numerals
(``三大基础医疗健康数据库``, ``二级及以上``) are names or levels and never read.

The rules — units, comparator words, exclusion patterns, subject stops — are data:
``data/targets.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: Full-width digits, ％ and a few symbols made half-width, one character for one,
#: so offsets into the normalised text are offsets into the original.
_HALF = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "＋": "+",
    }
)
_YEAR = re.compile(r"(20\d{2})年")
_SENTENCE_END = "。；;！？!?\n"


@dataclass(frozen=True)
class Target:
    """One quantitative target found in a text.

    Attributes:
        value: The number (``50余家`` -> 50.0).
        unit: The measure word or ``%`` (``个``, ``家``, ``地级市`` …).
        comparator: ``>=`` (以上/不低于/至少/超过), ``<=`` (以下/不超过/以内),
            ``~`` (余/左右/约) or ``=``.
        subject: The noun phrase the number counts, a short readable span.
        span: The exact matched substring of the text.
        start: Offset of ``span`` in the text.
    """

    value: float
    unit: str
    comparator: str
    subject: str
    span: str
    start: int


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> dict:
    text = resources.files("zone_lib").joinpath("data/targets.json").read_text(encoding="utf-8")
    rules = json.loads(text)
    cmp = rules["comparators"]
    rules["candidate_re"] = re.compile(
        rf"(?P<before>{_alternation(cmp['before'])})?"
        r"(?P<num>(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?)"
        rf"(?P<between>{_alternation(cmp['between'])})?"
        rf"(?P<unit>{_alternation(rules['units'])})"
        rf"(?P<after>{_alternation(cmp['after'])})?"
    )
    rules["exclude_re"] = [re.compile(p) for p in rules["exclude"]["patterns"]]
    opened = rules["open_units"]
    rules["open_re"] = re.compile(
        rf"(?P<before>{_alternation(cmp['before'])})?"
        r"(?P<num>(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?)"
        rf"(?P<between>{_alternation(cmp['between'])})?"
        r"(?P<unit>[A-Za-z]{1,6}(?![A-Za-z\d])|(?:万|亿|千|百)?(?:平方|立方)?[\u4e00-\u9fff](?:次|米)?)"
        rf"(?P<after>{_alternation(cmp['after'])})?"
    )
    rules["open_verb_re"] = re.compile(_alternation(opened["verbs"]))
    rules["open_excluded"] = set(opened["excluded"])
    subj = rules["subject"]
    rules["stop_re"] = re.compile(_alternation(subj["stop_words"]))
    rules["stop_keep_re"] = re.compile(_alternation(subj.get("stop_word_exceptions", [])) or r"(?!)")
    rules["cut_re"] = re.compile(_alternation(subj["back_cut"]))
    rules["trail_re"] = re.compile(rf"(?:{_alternation(subj['back_strip_trailing'])})+$")
    return rules


def _excluded_spans(text: str, rules: dict) -> list[tuple[int, int]]:
    return [m.span() for rx in rules["exclude_re"] for m in rx.finditer(text)]


def _cut(piece: str, rules: dict) -> str:
    """Cut a piece of text at the first delimiter."""
    delims = rules["subject"]["delimiters"]
    for i, ch in enumerate(piece):
        if ch in delims:
            return piece[:i]
    return piece


def _forward_subject(text: str, pos: int, limit: int, rules: dict) -> str:
    piece = _cut(text[pos:limit], rules)
    if piece.startswith("的"):
        piece = piece[1:]
    kept = [m.span() for m in rules["stop_keep_re"].finditer(piece)]
    for stop in rules["stop_re"].finditer(piece):
        if not any(a <= stop.start() < b for a, b in kept):
            piece = piece[: stop.start()]
            break
    return piece[: rules["subject"]["max_chars"]].strip()


def _backward_subject(text: str, pos: int, floor: int, rules: dict) -> str:
    """The phrase before a number: ``预留号源比例达到15%`` -> 预留号源比例."""
    subj = rules["subject"]
    i = pos
    while i > floor and text[i - 1] not in subj["back_delimiters"]:
        i -= 1
    piece = rules["trail_re"].sub("", text[i:pos])
    cuts = list(rules["cut_re"].finditer(piece))
    if cuts:
        piece = piece[cuts[-1].end() :]
    return piece[-subj["back_max_chars"] :].strip()


def _after_target_verb(norm: str, start: int, rules: dict) -> bool:
    """A target verb stands before ``start`` in the same clause, and no 每 (a rate per item)."""
    window = rules["open_units"]["verb_window"]
    a = start
    while a > 0 and start - a < window and norm[a - 1] not in "，,。；;：:！？!?\n":
        a -= 1
    return "每" not in norm[a:start] and rules["open_verb_re"].search(norm, a, start) is not None


def _open_candidates(norm: str, excluded: list[tuple[int, int]], taken: set[int], rules: dict) -> list:
    """Numbers with any measure word or unit after a target verb (``data/targets.json`` ``open_units``)."""
    found = []
    for m in rules["open_re"].finditer(norm):
        num_start = m.start("num")
        unit = m.group("unit")
        if num_start in taken or any(a <= num_start < b for a, b in excluded):
            continue
        if unit in rules["open_excluded"] or unit[-1] in rules["open_excluded"]:
            continue
        floor = rules["comparators"]["before"].get(m.group("before") or "") == ">="
        if not (floor or _after_target_verb(norm, m.start(), rules)):
            continue
        found.append((m, unit, m.end()))
    return found


def extract_targets(text: str, open_units: bool = False) -> list[Target]:
    """Quantitative targets of a text, in order of appearance.

    Args:
        text: Any text (a milestone, a table cell, a task paragraph).
        open_units: Also read a number with any measure word or unit (吨, 床, 辆, DDDs …)
            when a target verb (达到, 建成, 新增, 控制在 …) stands before it in the same
            clause (the general reader; the corpus tables keep the closed unit list).

    Returns:
        A list of :class:`Target`; empty if the text promises no number.
    """
    rules = _rules()
    norm = text.translate(_HALF)
    excluded = _excluded_spans(norm, rules)
    cmp = rules["comparators"]
    nouns = rules["unit_nouns"]
    found: list[tuple[re.Match[str], str, int]] = []
    for m in rules["candidate_re"].finditer(norm):
        num_start = m.start("num")
        if any(a <= num_start < b for a, b in excluded):
            continue
        unit, end = m.group("unit"), m.end()
        after = m.group("after")
        if not after:
            for noun, canonical in nouns.get(unit, {}).items():
                if noun.startswith("_") or not norm.startswith(noun, m.end("unit")):
                    continue
                unit, end = canonical, m.end("unit") + len(noun)
                break
        found.append((m, unit, end))
    if open_units:
        taken = {m.start("num") for m, _, _ in found}
        found = sorted(found + _open_candidates(norm, excluded, taken, rules), key=lambda f: f[0].start())
    targets: list[Target] = []
    for k, (m, unit, end) in enumerate(found):
        before, between, after = m.group("before"), m.group("between"), m.group("after")
        comparator = "="
        if before:
            comparator = cmp["before"][before]
        elif after:
            comparator = cmp["after"][after]
        elif between:
            comparator = cmp["between"][between]
        limit = found[k + 1][0].start() if k + 1 < len(found) else len(norm)
        # after the classifier: 1个|地级市120获得… keeps the noun unit in the subject
        subject_from = m.end()
        connectives = rules["subject"]["connectives"]
        prev_end = targets[-1].start + len(targets[-1].span) if targets else 0
        subject = _forward_subject(norm, subject_from, limit, rules)
        if subject in connectives:
            subject = ""
        if targets and norm[prev_end : m.start()] in connectives:
            subject = subject or targets[-1].subject
        subject = subject or _backward_subject(norm, m.start(), prev_end, rules)
        targets.append(
            Target(
                value=float(m.group("num").replace(",", "")),
                unit=unit,
                comparator=comparator,
                subject=subject,
                span=text[m.start() : end],
                start=m.start(),
            )
        )
    return targets


def _sentence_year(text: str, pos: int) -> int | None:
    """The latest year (``到2025年``, ``2020年底前``) of the sentence holding offset ``pos``."""
    i = pos
    while i > 0 and text[i - 1] not in _SENTENCE_END:
        i -= 1
    j = pos
    while j < len(text) and text[j] not in _SENTENCE_END:
        j += 1
    years = [int(y) for y in _YEAR.findall(text[i:j].translate(_HALF))]
    return max(years) if years else None
