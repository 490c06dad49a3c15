"""The general reader's vocabulary, loaded once from ``zone_lib/data/reader.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The parsed ``data/reader.json`` (framework headings, clause grammar, table columns)."""
    text = resources.files("zone_lib").joinpath("data/reader.json").read_text(encoding="utf-8")
    return json.loads(text)


def by_length(words) -> list[str]:
    """``words`` longest first, so that the longest match is tried first."""
    return sorted(words, key=len, reverse=True)
