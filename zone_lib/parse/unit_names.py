"""Splitting and normalising lists of responsible units (牵头单位 / 配合单位).

The rules are data (``data/units.json``): names that must stay whole
(``各市、县（区）人民政府``), level prefixes that bare names inherit, and prefixes
that make a name complete by itself.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from zone_lib.textutil import strip_markup

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})
_TRAILING = "。；;，,、 \t"


@lru_cache(maxsize=1)
def _rules() -> dict:
    text = resources.files("zone_lib").joinpath("data/units.json").read_text(encoding="utf-8")
    rules = json.loads(text)
    rules["levels_re"] = [(re.compile(r["pattern"]), r["inherit"]) for r in rules["levels"]]
    rules["self_re"] = [re.compile(p) for p in rules["self_complete"]]
    rules["sep_re"] = re.compile(rules["separators"])
    rules["sep_run_re"] = re.compile(rf"({rules['separators']}){rules['separators']}+")
    return rules


def unify_brackets(text: str) -> str:
    """Write round brackets full-width, as the documents mostly do: ``县(区)`` -> ``县（区）``."""
    return text.translate(_HALF_TO_FULL)


def _split_outside_brackets(text: str, sep: re.Pattern[str]) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "（〔[【":
            depth += 1
        elif ch in "）〕]】" and depth:
            depth -= 1
        if depth == 0 and sep.fullmatch(ch):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def split_units(text: str) -> list[str]:
    """Split a unit list into normalised unit names, in listed order.

    Args:
        text: The list as printed, e.g. ``自治区党委网信办、发展改革委，各市、县(区)人民政府。``

    Returns:
        Names with the level prefix inherited and brackets unified, e.g.
        ``["自治区党委网信办", "自治区发展改革委", "各市、县（区）人民政府"]``.
    """
    rules = _rules()
    text = unify_brackets(strip_markup(text)).strip(_TRAILING)
    text = re.sub(r"\s+", "", text)
    # a doubled separator (、、) is damage: read it as one, so protected names still match
    text = rules["sep_run_re"].sub(r"\1", text)
    placeholders: dict[str, str] = {}
    for k, name in enumerate(sorted(rules["protected"], key=len, reverse=True)):
        if name in text:
            key = f"\x00{k}\x00"
            placeholders[key] = name
            text = text.replace(name, key)
    names: list[str] = []
    inherit = ""
    broken = ""  # a bare level prefix (市、场监督管理局): a name cut by a stray separator
    levels = {lvl for _, lvl in rules["levels_re"]}
    for raw in _split_outside_brackets(text, rules["sep_re"]):
        name = broken + raw.strip(_TRAILING)
        broken = ""
        for key, value in placeholders.items():
            name = name.replace(key, value)
        if not name:
            continue
        if name in levels:
            broken = name
            continue
        level = next((lvl for pat, lvl in rules["levels_re"] if pat.match(name)), None)
        if level is not None:
            inherit = level
        elif inherit and not any(p.match(name) for p in rules["self_re"]):
            name = inherit + name
        names.append(name)
    if broken:
        names.append(broken)
    return names
