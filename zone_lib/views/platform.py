"""The platform briefing's tables: a platform's tasks, units and discrepancies."""

from __future__ import annotations

import pandas as pd

from zone_lib.ingest.corpus import Seeds
from zone_lib.tables.matrix import discrepancies
from zone_lib.views import params
from zone_lib.views.common import (
    _matrix,
    _resp,
    _section_en,
    _units_of,
    memo_view,
)
from zone_lib.views.params import check_platform, unit_en

# --------------------------------------------------------------------------- platform


@memo_view
def platform_view(platform: int | str, *, seeds: Seeds = None) -> pd.DataFrame:
    """The tasks of one section (platform) with their text year by year.

    Args:
        platform: A section 1-8 or its name (see :func:`zone_lib.views.params.check_platform`).
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        One row per task of the section: ``section_no, section, section_en, task_no,
        task, 2019 … 2022`` (the cell text, ``""`` when the year has none),
        ``n_years, lead, lead_en, coop, source_line``.
    """
    no = check_platform(platform)
    m = _matrix(seeds)
    m = m[m.section_no == no]
    units = _units_of(_resp(seeds))
    years = params.valid_years(seeds)
    rows = []
    for task_no, g in m.groupby("task_no", sort=True):
        texts = dict(zip(g.year.astype(int), g.text))
        lead = units.get(int(task_no), {}).get("lead", [])
        row = {
            "section_no": no,
            "section": g.section.iloc[0],
            "section_en": _section_en(no),
            "task_no": int(task_no),
            "task": g.task.iloc[0],
        }
        row.update({str(y): texts.get(y, "") for y in years})
        row.update(
            {
                "n_years": len(texts),
                "lead": "、".join(lead),
                "lead_en": "; ".join(unit_en(x) for x in lead),
                "coop": "、".join(units.get(int(task_no), {}).get("coop", [])),
                "source_line": int(g.source_line.min()),
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


@memo_view
def platform_units(platform: int | str, *, seeds: Seeds = None) -> pd.DataFrame:
    """Units responsible for the tasks of one section, with counts.

    Args:
        platform: A section 1-8 or its name.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``unit, unit_en, lead, coop, n_tasks``, most tasks first.
    """
    no = check_platform(platform)
    tasks = set(_matrix(seeds).loc[lambda d: d.section_no == no, "task_no"])
    resp = _resp(seeds)
    resp = resp[resp.task_no.isin(tasks)]
    rows = [
        {
            "unit": unit,
            "unit_en": unit_en(unit),
            "lead": int(g.loc[g.role == "lead", "task_no"].nunique()),
            "coop": int(g.loc[g.role == "coop", "task_no"].nunique()),
            "n_tasks": int(g.task_no.nunique()),
        }
        for unit, g in resp.groupby("unit", sort=True)
    ]
    out = pd.DataFrame(rows, columns=["unit", "unit_en", "lead", "coop", "n_tasks"])
    return out.sort_values(
        ["n_tasks", "lead", "unit"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


@memo_view
def platform_discrepancies(platform: int | str, *, seeds: Seeds = None) -> pd.DataFrame:
    """The table–prose discrepancies (:func:`zone_lib.discrepancies`) of one section.

    Args:
        platform: A section 1-8 or its name.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        The rows of :func:`zone_lib.discrepancies` whose task is in the section.
    """
    no = check_platform(platform)
    tasks = set(_matrix(seeds).loc[lambda d: d.section_no == no, "task_no"])
    d = discrepancies(seeds=seeds)
    return d[d.task_no.isin(tasks)].reset_index(drop=True)


def discrepancy_kinds(disc: pd.DataFrame | None = None, *, seeds: Seeds = None) -> pd.DataFrame:
    """What each kind of table–prose discrepancy means, in Chinese and English, with its count.

    The explanations are data (``zone_lib/data/labels.json``, ``discrepancy_kinds``).

    Args:
        disc: Rows of :func:`zone_lib.discrepancies` (default: all of them). Only the
            kinds present are listed, most frequent first.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``kind, count, explain_zh, explain_en``.
    """
    d = discrepancies(seeds=seeds) if disc is None else disc
    kinds = params.labels()["discrepancy_kinds"]
    counts = d.kind.value_counts()
    order = {k: i for i, k in enumerate(kinds)}
    present = sorted(counts.index, key=lambda k: (-int(counts[k]), order.get(k, len(order)), k))
    rows = [
        {
            "kind": k,
            "count": int(counts[k]),
            "explain_zh": kinds.get(k, {}).get("explain_zh", ""),
            "explain_en": kinds.get(k, {}).get("explain_en", ""),
        }
        for k in present
    ]
    return pd.DataFrame(rows, columns=["kind", "count", "explain_zh", "explain_en"])
