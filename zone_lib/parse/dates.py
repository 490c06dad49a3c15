"""Dated expressions anywhere in a sentence: deadlines, start years, windows, target years.

:func:`find_dates` reads every dated expression of a text, in order, with its kind:

* ``deadline`` — ``2019年6月底前``, ``2018年12月31日前``, ``2021年底前``, ``2019年上半年``,
  ``2019年初``, ``2019年底``;
* ``from-year`` — ``从2019年起``, ``自2019年1月1日起``, ``自2019年开始``;
* ``window`` — ``2019年1月1日至12月31日``, ``2019年1月1日至2020年12月31日``,
  ``2019—2020年``;
* ``by-year`` — ``到2020年``, ``到2019年底``, ``至2022年``;
* ``year`` — a sentence that opens with its year: ``2019年，…``;
* ``recurring`` — ``每年3月底前`` (no calendar year of its own; a ``从2019年起`` before it in
  the sentence gives it one).

Background dates (``2016年实施的``, ``2018年11月，党中央…``), document numbers
(``〔2018〕``) and periods without a calendar year (``1年内``, ``三到五年``) match none of
these and are never read. Full-width digits are read as half-width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_HALF = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
_Y = r"((?:19|20)\d{2})"
_MD = r"(?:\d{1,2}月(?:\d{1,2}日)?)?"
#: (kind, pattern) in the order they are tried at each position; the first match wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "window",
        re.compile(
            _Y
            + r"年\d{1,2}月(?:\d{1,2}日)?(?:起)?(?:至|到|—|－|-|~|～)(?:"
            + _Y
            + r"年)?\d{1,2}月(?:\d{1,2}日|底|末)?"
        ),
    ),
    ("window", re.compile(_Y + r"年?\s*(?:—|–|－|-|~|～|至|到)\s*" + _Y + r"年")),
    ("from-year", re.compile(r"(?:从|自)" + _Y + r"年" + _MD + r"(?:起|开始|以后)")),
    # a start without 从/自 where a clause or cell begins: 2019年起每年, ，2020年起持续推进
    ("from-year", re.compile(r"(?:(?<=^)|(?<=[，,；;。：:\s]))" + _Y + r"年" + _MD + r"起(?![草诉步])")),
    ("by-year", re.compile(r"(?:到|至|截至)" + _Y + r"年(?:\d{1,2}月)?(?:底|末)?")),
    ("deadline", re.compile(_Y + r"年" + _MD + r"(?:底|末)?(?:以)?前")),
    ("deadline", re.compile(_Y + r"年(?:\d{1,2}月)?(?:上半年|下半年|年底|年末|底|末|初|年内|内)")),
    ("year", re.compile(r"(?:(?<=^)|(?<=[。；;！？\n]))\s*" + _Y + r"年\s*[，,：:]")),
]
_RECURRING = re.compile(r"每年(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末)?(?:以)?前)?")
_SENTENCE_END = "。；;！？!?\n"
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class DateMention:
    """One dated expression in a text.

    Attributes:
        kind: ``deadline``, ``from-year``, ``window``, ``by-year``, ``year`` or ``recurring``.
        year_from: The first calendar year it names (``None`` for a deadline or by-year).
        year_to: The last calendar year it names (``None`` when open-ended).
        marker: The expression as printed.
        start: Its offset in the text.
    """

    kind: str
    year_from: int | None
    year_to: int | None
    marker: str
    start: int

    @property
    def years(self) -> set[int]:
        """The calendar years named (``year_from`` and ``year_to``)."""
        return {y for y in (self.year_from, self.year_to) if y is not None}


def _mention(kind: str, m: re.Match[str], text: str) -> DateMention:
    years = [int(g) for g in m.groups() if g]
    if kind == "window":
        first, last = years[0], years[-1]
        return DateMention(kind, first, last, text[m.start() : m.end()], m.start())
    if kind == "from-year":
        return DateMention(kind, years[0], None, text[m.start() : m.end()], m.start())
    if kind == "year":
        start = m.start(1)
        return DateMention(kind, years[0], years[0], text[start : m.end()], start)
    return DateMention(kind, None if kind in ("deadline", "by-year") else years[0], years[0],
                       text[m.start() : m.end()], m.start())  # fmt: skip


def find_dates(text: str) -> list[DateMention]:
    """Every dated expression of ``text``, in order (see the module docstring).

    Args:
        text: A sentence, paragraph or table cell.

    Returns:
        The mentions, without overlaps; a ``recurring`` one takes the year of a
        ``from-year`` earlier in its sentence as ``year_from``.
    """
    if not _DIGIT.search(text):
        return []
    return list(_find_dates(text))


@lru_cache(maxsize=8192)
def _find_dates(text: str) -> tuple[DateMention, ...]:
    norm = text.translate(_HALF)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(norm):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            found.append(_mention(kind, m, text))
            taken.append((a, b))
    for m in _RECURRING.finditer(norm):
        a, b = m.span()
        if any(a < y and x < b for x, y in taken):
            continue
        since = [d for d in found if d.kind == "from-year" and d.start < a and not _crosses(norm, d.start, a)]
        year = since[-1].year_from if since else None
        found.append(DateMention("recurring", year, None, text[a:b], a))
    return tuple(sorted(found, key=lambda d: d.start))


def _crosses(text: str, a: int, b: int) -> bool:
    return any(ch in "。；;！？!?\n" for ch in text[a:b])


def sentence_year(text: str, pos: int, mentions: list[DateMention] | None = None) -> int | None:
    """The year a number at offset ``pos`` is promised for.

    The last dated mention before it in its sentence; failing that, the last target
    year (``到2025年``, ``2025年，``) before it in the paragraph — a goal paragraph states
    its year once and lists its targets in the sentences after it.

    Args:
        text: The paragraph.
        pos: Offset of the number.
        mentions: ``find_dates(text)`` if already computed.

    Returns:
        The latest year of that mention, or ``None``.
    """
    start = pos
    while start > 0 and text[start - 1] not in _SENTENCE_END:
        start -= 1
    found = [d for d in (mentions if mentions is not None else find_dates(text)) if d.years and d.start < pos]
    here = [d for d in found if d.start >= start]
    if here:
        return max(here[-1].years)
    carried = [d for d in found if d.kind in ("by-year", "year")]
    return max(carried[-1].years) if carried else None
