"""Small text helpers shared by the parsers: whitespace, folding, similarity."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")
_MARKUP = re.compile(r"[#*]+")
_CN_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def collapse_ws(text: str) -> str:
    """Trim and collapse every run of whitespace (ideographic and NBSP included) to one space."""
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold(text: str, *, alnum: bool = False, case: bool = False) -> str:
    """Fold text for comparison: NFKC (full-width to half-width), no markup, no whitespace.

    The one name and text folding of zone_lib: parsers compare lines with it, the unit
    registry and the briefing parameters look names up with it, the views compare cells.

    Args:
        text: Any text.
        alnum: Keep letters and digits only (punctuation dropped too).
        case: Case-fold Latin letters (``Health`` = ``health``).

    Returns:
        The folded text. Cached: the parsers fold the same lines several times.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _WS.sub("", _MARKUP.sub("", text))
    if alnum:
        text = "".join(ch for ch in text if ch.isalnum())
    return text.casefold() if case else text


def slug(text: str, default: str = "doc") -> str:
    """A lower-case id from a name: runs of anything but Latin letters, digits and Chinese become ``-``.

    >>> slug("002_F60c 宁夏.txt")
    '002-f60c-宁夏-txt'
    """
    out = re.sub(r"[^0-9a-zA-Z\u4e00-\u9fff]+", "-", text).strip("-").lower()
    return out or default


def strip_markup(text: str) -> str:
    """Remove Markdown emphasis and heading marks (``**``, ``#``) and trim."""
    return _MARKUP.sub("", text).strip()


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral from 一 to 九十九 (``"十二"`` -> 12).

    Raises:
        ValueError: If the text is not such a numeral.
    """
    if not text or any(ch not in _CN_NUMERALS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if "十" not in text:
        if len(text) != 1:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return _CN_NUMERALS[text]
    tens, _, units = text.partition("十")
    value = (_CN_NUMERALS[tens] if tens else 1) * 10
    return value + (_CN_NUMERALS[units] if units else 0)


@lru_cache(maxsize=16384)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the folded text, punctuation dropped (cached)."""
    chars = [ch for ch in fold(text) if ch.isalnum()]
    return frozenset(a + b for a, b in zip(chars, chars[1:]))


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s character bigrams that occur in ``whole`` (0..1).

    Tolerates the abridged wording of table cells: a cell that shortens or
    rephrases a prose sentence still shares most of its bigrams with it.
    """
    a = bigrams(part)
    if not a:
        return 0.0
    return len(a & bigrams(whole)) / len(a)


def similarity(a: str, b: str) -> float:
    """Symmetric bigram similarity (Dice coefficient, 0..1)."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))
