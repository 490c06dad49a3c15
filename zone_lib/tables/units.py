"""A registry of responsible units: one canonical name per unit, with labels.

The registry is data (``data/unit_registry.csv``): each row is one unit with its
canonical Chinese name, an English label, a level (``national``, ``regional``,
``city`` or ``other``), a kind (``health``, ``medical insurance``, ...) and the
``|``-separated aliases it also goes by (``市发展改革委`` for ``市发展改革局``).

Names that the registry does not know are never dropped: they stand for
themselves, flagged ``is_known=False``, with a level guessed from the prefix.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from zone_lib.errors import DataFileError
from zone_lib.ingest.corpus import Seeds
from zone_lib.schemas import checked
from zone_lib.tables.tasks import responsibilities
from zone_lib.textutil import fold

LEVELS = ("national", "regional", "city", "other")
"""The levels a unit can have."""

REGISTRY_COLUMNS = ["canonical", "name_en", "level", "kind", "aliases", "shorthands"]
"""``shorthands``: short names a reader may type as a briefing parameter (医保局, 卫健委);
ambiguous across levels, so never used to read units in a text (``aliases`` are)."""
"""Columns of ``data/unit_registry.csv``."""

UNIT_COLUMNS = [
    "canonical",
    "name_en",
    "level",
    "kind",
    "aliases",
    "is_known",
    "n_docs",
    "n_tasks",
    "n_lead",
    "n_coop",
    "docs",
]
"""Columns of :func:`units`."""

UNKNOWN_KIND = "other"
"""The kind given to names the registry does not know."""

_BRACKETS = str.maketrans("（〔[【）〕]】", "(((())))")  # after NFKC folding: every bracket one kind
_SPACE = re.compile(r"\s+")
_LEVEL_GUESSES = [
    (re.compile(r"^(?:自治区|宁夏)"), "regional"),
    (re.compile(r"^市(?!场)"), "city"),
    (re.compile(r"^国家"), "national"),
]


def _key(name: str) -> str:
    """Lookup key of a name: folded (:func:`~zone_lib.textutil.fold`), every kind of bracket one kind."""
    return fold(name).translate(_BRACKETS)


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Read the packaged registry once.

    Returns:
        The entries by canonical name, and a map from the lookup key of every
        canonical name and alias to its canonical name.

    Raises:
        ValueError: If the packaged CSV is malformed (bad header, unknown level,
            a canonical name or alias used twice).
    """
    text = resources.files("zone_lib").joinpath("data/unit_registry.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != REGISTRY_COLUMNS:
        raise DataFileError(
            f"unit_registry.csv: expected columns {REGISTRY_COLUMNS}, found {reader.fieldnames}"
        )
    entries: dict[str, dict[str, Any]] = {}
    lookup: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        canonical = row["canonical"].strip()
        if not canonical:
            raise DataFileError(f"unit_registry.csv:{line}: empty canonical name")
        if row["level"] not in LEVELS:
            raise DataFileError(f"unit_registry.csv:{line}: level {row['level']!r} is not one of {LEVELS}")
        aliases = [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]
        entries[canonical] = {
            "canonical": canonical,
            "name_en": row["name_en"].strip(),
            "level": row["level"],
            "kind": row["kind"].strip(),
            "aliases": aliases,
            "shorthands": [a.strip() for a in (row["shorthands"] or "").split("|") if a.strip()],
        }
        for name in [canonical, *aliases]:
            key = _key(name)
            if lookup.get(key, canonical) != canonical:
                raise DataFileError(
                    f"unit_registry.csv:{line}: {name!r} already names {lookup[key]!r}; "
                    "a name may belong to one unit only"
                )
            lookup[key] = canonical
    return entries, lookup


def registry() -> pd.DataFrame:
    """The packaged unit registry as a table.

    Returns:
        A DataFrame with :data:`REGISTRY_COLUMNS`, one row per canonical unit;
        ``aliases`` is a list of names.
    """
    entries, _ = _registry()
    rows = [
        dict(entry, aliases=list(entry["aliases"]), shorthands=list(entry["shorthands"]))
        for entry in entries.values()
    ]
    return pd.DataFrame(rows, columns=REGISTRY_COLUMNS)


def guess_level(name: str) -> str:
    """Guess the level of a unit from the prefix of its name.

    Args:
        name: A unit name.

    Returns:
        ``regional`` for 自治区 / 宁夏, ``city`` for 市 (not 市场), ``national``
        for 国家, otherwise ``other``.
    """
    name = name.strip()
    for pattern, level in _LEVEL_GUESSES:
        if pattern.match(name):
            return level
    return "other"


def canonical_unit(name: str) -> dict[str, Any]:
    """Look a unit name up in the registry.

    Matching ignores white space and the kind of bracket (``（）``, ``()``, ``〔〕``).

    Args:
        name: A unit name as :func:`zone_lib.responsibilities` gives it, or an alias.

    Returns:
        A dict with ``canonical``, ``name_en``, ``level``, ``kind`` and
        ``is_known``. A name the registry does not know is its own canonical
        name (stripped), with ``name_en`` empty, the level guessed by
        :func:`guess_level`, kind ``other`` and ``is_known`` False.

    Examples:
        >>> canonical_unit("市发展改革委")["canonical"]
        '市发展改革局'
        >>> canonical_unit("自治区新设局")["is_known"]
        False
    """
    entries, lookup = _registry()
    canonical = lookup.get(_key(name))
    if canonical is None:
        stripped = name.strip()
        return {
            "canonical": stripped,
            "name_en": "",
            "level": guess_level(stripped),
            "kind": UNKNOWN_KIND,
            "is_known": False,
        }
    entry = entries[canonical]
    return {
        "canonical": canonical,
        "name_en": entry["name_en"],
        "level": entry["level"],
        "kind": entry["kind"],
        "is_known": True,
    }


def unit_links(seeds: Seeds = None) -> pd.DataFrame:
    """Every task-unit link of every task document, with the canonical unit.

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        :func:`zone_lib.responsibilities` of all documents (``doc_id``,
        ``task_no``, ``unit``, ``role``, ``order``, ``source_line``) with the
        added columns ``canonical``, ``level`` and ``kind``; ``unit`` keeps the
        name as written.
    """
    links = responsibilities(None, seeds).reset_index(drop=True)
    looked_up = [canonical_unit(u) for u in links["unit"]]
    for column in ("canonical", "level", "kind"):
        links[column] = [info[column] for info in looked_up]
    return links


@checked("units")
def units(seeds: Seeds = None) -> pd.DataFrame:
    """One row per distinct canonical unit named by any task document.

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`UNIT_COLUMNS`, sorted by ``n_tasks`` (most
        first), then ``canonical``. ``aliases`` lists the names seen in the
        documents that map to the unit (other than the canonical name itself),
        followed by the registry's aliases. ``n_tasks`` counts distinct
        (``doc_id``, ``task_no``) pairs; ``n_lead`` / ``n_coop`` count those
        where the unit leads / cooperates; ``docs`` is a sorted list of doc ids.
    """
    links = unit_links(seeds)
    entries, _ = _registry()
    rows = []
    for canonical, group in links.groupby("canonical", sort=False):
        info = canonical_unit(canonical)
        seen = sorted(set(group["unit"]) - {canonical})
        registered = entries[canonical]["aliases"] if info["is_known"] else []
        tasks = group[["doc_id", "task_no"]].drop_duplicates()
        leads = group.loc[group["role"] == "lead", ["doc_id", "task_no"]].drop_duplicates()
        coops = group.loc[group["role"] == "coop", ["doc_id", "task_no"]].drop_duplicates()
        rows.append(
            {
                "canonical": canonical,
                "name_en": info["name_en"],
                "level": info["level"],
                "kind": info["kind"],
                "aliases": seen + [a for a in registered if a not in seen],
                "is_known": info["is_known"],
                "n_docs": int(group["doc_id"].nunique()),
                "n_tasks": len(tasks),
                "n_lead": len(leads),
                "n_coop": len(coops),
                "docs": sorted(set(group["doc_id"])),
            }
        )
    table = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    if table.empty:
        return table
    table = table.sort_values(["n_tasks", "canonical"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)
