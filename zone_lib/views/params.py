"""Valid notebook parameters (year, unit, platform) and their validation.

A parameterised notebook validates its parameters before anything else::

    from zone_lib.views import params
    year = params.check_year(year)          # 2020, "2020", "2020年" -> 2020
    unit = params.check_unit(unit)          # "医保局" -> "自治区医保局"
    platform = params.check_platform(platform)  # 5, "5", "互联网医疗平台" -> 5

papermill passes ``-p year 2020`` as an int and ``-p year "2020"`` / ``-r year 2020`` as
a str, so every check accepts both. A value that is not valid raises
:class:`zone_lib.errors.ParameterError`, whose message lists every valid choice and
the closest one.

The valid values come from the data: the years of the annual task matrix of
``nx-impl-2019``, the units that :func:`zone_lib.responsibilities` names for it, and
its eight sections (一)…(八) (the “1-2-3-5” framework: foundation, two centres,
safeguards, five platforms). Bilingual labels and unit aliases are data
(``zone_lib/data/labels.json``).
"""

from __future__ import annotations

import difflib
import functools
import json
import numbers
import re
import unicodedata
from importlib import resources
from typing import Any

import pandas as pd

from zone_lib.errors import ParameterError
from zone_lib.ingest.corpus import Corpus, Seeds, load_corpus
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.tables.documents import documents
from zone_lib.tables.matrix import MATRIX_DOC, matrix
from zone_lib.tables.tasks import responsibilities
from zone_lib.tables.units import canonical_unit, registry
from zone_lib.textutil import fold

DOC_ID = MATRIX_DOC
"""The document whose years, units and sections are the valid parameter values."""

_ZH_NUMERALS = "一二三四五六七八九十"


@functools.cache
def labels() -> dict[str, Any]:
    """The bilingual labels of ``zone_lib/data/labels.json``.

    Returns:
        A dict with ``sections``, ``units``, ``roles``, ``status``, ``documents``,
        ``glossary`` and ``columns`` (see the file's ``about``). Cached; do not mutate.
    """
    text = resources.files("zone_lib").joinpath("data/labels.json").read_text(encoding="utf-8")
    return json.loads(text)


def _key(value: str) -> str:
    """Fold a name for matching: NFKC (full/half width), no white space, case-folded."""
    return fold(value, case=True)


def unit_en(unit: str) -> str:
    """English name of a unit, from the unit registry (``data/unit_registry.csv``).

    Args:
        unit: A unit name as :func:`zone_lib.responsibilities` gives it.

    Returns:
        The English name, or ``""`` when the registry does not know the unit.
    """
    return canonical_unit(unit).get("name_en", "") or ""


def _valid_years(corpus: Corpus) -> tuple[int, ...]:
    return corpus.cached(
        ("params", "years"), lambda: tuple(sorted(int(y) for y in matrix(DOC_ID, corpus).year.unique()))
    )


def valid_years(seeds: Seeds = None) -> list[int]:
    """The years of the annual task matrix of ``nx-impl-2019``.

    Args:
        seeds: The corpus (or its seeds folder); by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        The years in order, ``[2019, 2020, 2021, 2022]``.
    """
    return list(_valid_years(load_corpus(seeds)))


def _units_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.cached(("params", "units"), lambda: _make_units_table(corpus))


def _make_units_table(corpus: Corpus) -> pd.DataFrame:
    resp = responsibilities(DOC_ID, corpus)
    counts = resp.groupby("unit", sort=False).agg(
        n_tasks=("task_no", "nunique"),
        n_lead=("role", lambda s: int((s == "lead").sum())),
        n_coop=("role", lambda s: int((s == "coop").sum())),
    )
    names = {row.canonical: (list(row.shorthands), list(row.aliases)) for row in registry().itertuples()}
    rows = []
    for unit, row in counts.iterrows():
        shorthands, registry_aliases = names.get(unit, ([], []))
        aliases = list(shorthands)
        aliases += [a for a in registry_aliases if a not in aliases]
        for prefix in ("自治区党委", "自治区", "宁夏"):
            if unit.startswith(prefix) and len(unit) > len(prefix) + 1:
                bare = unit[len(prefix) :]
                if bare not in aliases:
                    aliases.append(bare)
        rows.append(
            {
                "unit": unit,
                "unit_en": unit_en(unit),
                "aliases": [a for a in aliases if a != unit],
                "n_tasks": int(row.n_tasks),
                "n_lead": int(row.n_lead),
                "n_coop": int(row.n_coop),
            }
        )
    table = pd.DataFrame(rows).sort_values(
        ["n_tasks", "n_lead", "unit"], ascending=[False, False, True], kind="stable"
    )
    return table.reset_index(drop=True)


def valid_units(seeds: Seeds = None) -> pd.DataFrame:
    """The responsible units of ``nx-impl-2019`` and the names accepted for each.

    Args:
        seeds: The corpus (or its seeds folder); by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        One row per unit, most tasks first: ``unit`` (the canonical name used by
        :func:`zone_lib.responsibilities`), ``unit_en``, ``aliases`` (list of other
        names accepted by :func:`check_unit`, e.g. 医保局 / 医疗保障局 for 自治区医保局),
        ``n_tasks``, ``n_lead``, ``n_coop``.
    """
    return _units_table(load_corpus(seeds)).copy()


def _unit_lookup(corpus: Corpus) -> dict[str, str]:
    """Folded name -> canonical unit; an alias claimed by two units is dropped (cached on the corpus)."""
    return corpus.cached(("params", "unit_lookup"), lambda: _make_unit_lookup(_units_table(corpus)))


def _make_unit_lookup(table: pd.DataFrame) -> dict[str, str]:
    lookup: dict[str, str] = {}
    ambiguous: set[str] = set()
    for row in table.itertuples():
        lookup[_key(row.unit)] = row.unit
        if row.unit_en:
            lookup[_key(row.unit_en)] = row.unit
    for row in table.itertuples():
        for alias in row.aliases:
            k = _key(alias)
            if k in lookup and lookup[k] != row.unit:
                ambiguous.add(k)
            lookup.setdefault(k, row.unit)
    for k in ambiguous:
        if k not in {_key(u) for u in table.unit}:
            lookup.pop(k, None)
    return lookup


def valid_platforms() -> pd.DataFrame:
    """The eight sections (一)…(八) of ``nx-impl-2019``: the “1-2-3-5” framework.

    Sections 4-8 are the five platforms; 1 is the interconnection foundation, 2 the
    two centres, 3 the safeguards.

    Returns:
        One row per section in order: ``section_no`` (1-8), ``numeral`` (一…八),
        ``section`` (the Chinese title), ``short_zh`` (e.g. 互联网医疗平台), ``section_en``,
        ``part`` and ``part_zh`` (which of the framework's parts it belongs to).
    """
    rows = [
        {
            "section_no": s["no"],
            "numeral": s["numeral"],
            "section": s["zh"],
            "short_zh": s["short_zh"],
            "section_en": s["en"],
            "part": s["part"],
            "part_zh": s["part_zh"],
        }
        for s in labels()["sections"]
    ]
    return pd.DataFrame(rows)


def section_label(section_no: int, *, short: bool = True, sep: str = " ") -> str:
    """Bilingual label of a section, e.g. ``(五) 互联网医疗平台 Internet medical-service platform``.

    Args:
        section_no: 1-8.
        short: Use the short Chinese title (互联网医疗平台) instead of the full one.
        sep: What stands between the Chinese and the English.

    Returns:
        The label.
    """
    s = labels()["sections"][int(section_no) - 1]
    zh = s["short_zh"] if short else s["zh"]
    return f"({s['numeral']}) {zh}{sep}{s['en']}"


def _suggest(value: str, choices: list[str], cutoff: float = 0.4) -> str | None:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=cutoff)
    return close[0] if close else None


def _as_int(value: object) -> int | None:
    """An integer read from an int, an integral float or a numeric string; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        f = float(value)
        return int(f) if f.is_integer() else None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().strip("\"'")
        text = re.sub(r"年$", "", text).strip()
        if re.fullmatch(r"[+-]?\d+(?:\.0+)?", text):
            return int(float(text))
    return None


def check_year(value: object, seeds: Seeds = None) -> int:
    """Validate a year parameter.

    Args:
        value: ``2020``, ``"2020"``, ``" 2020 "``, ``"2020年"`` or ``2020.0``.
        seeds: The corpus (or its seeds folder); by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        The year as an int.

    Raises:
        ParameterError: The value is not one of :func:`valid_years`.
    """
    years = valid_years(seeds)
    year = _as_int(value)
    if year in years:
        return year
    choices = [str(y) for y in years]
    if year is not None:
        suggestion: str | None = str(min(years, key=lambda y: (abs(y - year), y)))
    else:
        suggestion = _suggest(str(value), choices)
    raise ParameterError("year", value, choices, suggestion)


def check_unit(value: object, seeds: Seeds = None) -> str:
    """Validate a unit parameter and return the unit's canonical name.

    Accepts the canonical name, an alias (``医保局``, ``自治区医疗保障局``,
    ``医疗保障局`` -> ``自治区医保局``; ``卫生健康委`` -> ``自治区卫生健康委``) or the English
    name, ignoring white space, full/half width and case.

    Args:
        value: The unit name.
        seeds: The corpus (or its seeds folder); by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        The canonical unit name as :func:`zone_lib.responsibilities` gives it.

    Raises:
        ParameterError: The value names no unit of ``nx-impl-2019``.
    """
    corpus = load_corpus(seeds)
    table = _units_table(corpus)
    lookup = _unit_lookup(corpus)
    if isinstance(value, str):
        hit = lookup.get(_key(value))
        if hit:
            return hit
    choices = [f"{row.unit} ({row.unit_en})" if row.unit_en else row.unit for row in table.itertuples()]
    close = _suggest(_key(str(value)), list(lookup))
    suggestion = lookup[close] if close else None
    raise ParameterError("unit", value, choices, suggestion)


@functools.cache
def _platform_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for s in labels()["sections"]:
        no = int(s["no"])
        numeral = s["numeral"]
        for name in (
            str(no),
            numeral,
            f"({numeral})",
            f"（{numeral}）",
            s["zh"],
            s["short_zh"],
            s["en"],
            f"section {no}",
        ):
            lookup[_key(name)] = no
        if s["zh"].startswith("建设"):
            lookup[_key(s["zh"][2:])] = no
    return lookup


def check_platform(value: object) -> int:
    """Validate a platform (section) parameter and return its section number.

    Accepts the section number 1-8 as int or str (``5``, ``"5"``), the numeral
    (``五``, ``(五)``), the Chinese title (``建设互联网医疗平台``), the short title
    (``互联网医疗平台``) or the English label (``Internet medical-service platform``).

    Args:
        value: The platform or section.

    Returns:
        The section number, 1-8.

    Raises:
        ParameterError: The value names none of the eight sections.
    """
    table = valid_platforms()
    number = _as_int(value)
    if number is not None and number in set(table.section_no):
        return number
    if isinstance(value, str):
        hit = _platform_lookup().get(_key(value))
        if hit:
            return hit
    choices = [f"{row.section_no} = {row.short_zh} {row.section_en}" for row in table.itertuples()]
    close = _suggest(_key(str(value)), list(_platform_lookup()))
    suggestion = None
    if close:
        row = table[table.section_no == _platform_lookup()[close]].iloc[0]
        suggestion = f"{row.section_no} = {row.short_zh} {row.section_en}"
    raise ParameterError("platform", value, choices, suggestion)


# --------------------------------------------------------------------------- crosswalk documents


def valid_docs() -> pd.DataFrame:
    """The documents crosswalked with the regional Implementation Plan (the ``doc`` parameter).

    From ``zone_lib/data/corpus_facts.json`` (``crosswalk.from``): Qingtongxia's
    Implementation Plan, the 2023 high-quality plan, the national “五个一” notice.

    Returns:
        ``doc_id, to_doc, title, title_en, doc_number`` in the order of the facts file.
    """
    facts = corpus_facts()["crosswalk"]
    docs = documents().set_index("doc_id")
    rows = []
    for doc in facts["from"]:
        known = doc in docs.index
        rows.append(
            {
                "doc_id": doc,
                "to_doc": facts["to"],
                "title": str(docs.at[doc, "title"]) if known else doc,
                "title_en": str(docs.at[doc, "title_en"]) if known else "",
                "doc_number": str(docs.at[doc, "doc_number"] or "") if known else "",
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "to_doc", "title", "title_en", "doc_number"])


def check_doc(value: object) -> str:
    """Validate a crosswalk document parameter and return its document id.

    Accepts the id (``qtx-impl-2019``, any case), its number (``青政办发〔2019〕61号``) or
    its title.

    Args:
        value: The document.

    Returns:
        The document id.

    Raises:
        ParameterError: The value names none of :func:`valid_docs`.
    """
    table = valid_docs()
    lookup: dict[str, str] = {}
    for row in table.itertuples():
        for name in (row.doc_id, row.doc_number, row.title):
            if name:
                lookup[_key(name)] = row.doc_id
    hit = lookup.get(_key(str(value)))
    if hit:
        return hit
    choices = [f"{row.doc_id} ({row.title})" for row in table.itertuples()]
    close = _suggest(_key(str(value)), list(lookup))
    suggestion = None
    if close:
        row = table[table.doc_id == lookup[close]].iloc[0]
        suggestion = f"{row.doc_id} ({row.title})"
    raise ParameterError("doc", value, choices, suggestion)
