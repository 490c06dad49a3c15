"""The year briefing's tables: tasks due in a year, by section and by unit."""

from __future__ import annotations

import pandas as pd

from zone_lib.ingest.corpus import Seeds
from zone_lib.views import params
from zone_lib.views.common import (
    _matrix,
    _norm_text,
    _resp,
    _section_en,
    _status_zh,
    _units_of,
    memo_view,
)
from zone_lib.views.params import check_year, unit_en

# --------------------------------------------------------------------------- year


@memo_view
def year_view(year: int | str, *, seeds: Seeds = None) -> pd.DataFrame:
    """What is due in a year, task by task, and what is new compared with the year before.

    A task is ``new`` when it has a cell this year but none the year before (every
    task is new in the first year), ``changed`` when both years have a cell but the
    wording differs, ``continued`` when the wording is the same. ``is_new`` is true for
    new and changed tasks.

    Args:
        year: A valid year (see :func:`zone_lib.views.params.valid_years`).
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        One row per task with a cell in ``year``, by section and task: ``year,
        section_no, section, section_en, task_no, task, status, status_zh, is_new,
        text, previous_text, n_items, lead, lead_en, coop, year_basis, source_line,
        prose_line``.
    """
    y = check_year(year, seeds)
    m = _matrix(seeds)
    units = _units_of(_resp(seeds))
    prev = m[m.year == y - 1].set_index("task_no")
    cur = m[m.year == y].sort_values(["section_no", "task_no"], kind="stable")
    rows = []
    for r in cur.itertuples():
        t = int(r.task_no)
        if t not in prev.index:
            status, previous = "new", ""
        else:
            previous = str(prev.loc[t, "text"])
            status = "continued" if _norm_text(previous) == _norm_text(r.text) else "changed"
        lead = units.get(t, {}).get("lead", [])
        coop = units.get(t, {}).get("coop", [])
        rows.append(
            {
                "year": y,
                "section_no": int(r.section_no),
                "section": r.section,
                "section_en": _section_en(r.section_no),
                "task_no": t,
                "task": r.task,
                "status": status,
                "status_zh": _status_zh(status),
                "is_new": status != "continued",
                "text": r.text,
                "previous_text": previous,
                "n_items": int(r.n_items),
                "lead": "、".join(lead),
                "lead_en": "; ".join(unit_en(u) for u in lead),
                "coop": "、".join(coop),
                "year_basis": r.year_basis,
                "source_line": int(r.source_line),
                "prose_line": r.prose_line,
            }
        )
    return pd.DataFrame(rows)


@memo_view
def year_by_section(year: int | str, *, seeds: Seeds = None) -> pd.DataFrame:
    """Per section: tasks due in a year, new, changed, continued, and ended since last year.

    Args:
        year: A valid year.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        One row per section 1-8: ``section_no, section, section_en, n_tasks, new,
        changed, continued, ended`` (``ended``: a cell the year before, none this year).
    """
    y = check_year(year, seeds)
    view = year_view(y, seeds=seeds)
    m = _matrix(seeds)
    before = set(m.loc[m.year == y - 1, "task_no"])
    now = set(m.loc[m.year == y, "task_no"])
    ended = m[(m.year == y - 1) & m.task_no.isin(before - now)]
    rows = []
    for s in params.valid_platforms().itertuples():
        part = view[view.section_no == s.section_no]
        rows.append(
            {
                "section_no": s.section_no,
                "section": s.section,
                "section_en": s.section_en,
                "n_tasks": len(part),
                "new": int((part.status == "new").sum()),
                "changed": int((part.status == "changed").sum()),
                "continued": int((part.status == "continued").sum()),
                "ended": int((ended.section_no == s.section_no).sum()),
            }
        )
    return pd.DataFrame(rows)


@memo_view
def year_by_unit(year: int | str, *, seeds: Seeds = None) -> pd.DataFrame:
    """Per unit: how many of the tasks due in a year it leads or supports.

    Args:
        year: A valid year.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``unit, unit_en, lead, coop, total, new, changed, continued`` (of those tasks,
        how many are new, changed or continued, as in :func:`year_view`), most tasks first.
    """
    y = check_year(year, seeds)
    view = year_view(y, seeds=seeds)[["task_no", "status"]]
    resp = _resp(seeds).merge(view, on="task_no")
    rows = []
    for unit, g in resp.groupby("unit", sort=True):
        rows.append(
            {
                "unit": unit,
                "unit_en": unit_en(unit),
                "lead": int(g.loc[g.role == "lead", "task_no"].nunique()),
                "coop": int(g.loc[g.role == "coop", "task_no"].nunique()),
                "total": int(g.task_no.nunique()),
                "new": int(g.loc[g.status == "new", "task_no"].nunique()),
                "changed": int(g.loc[g.status == "changed", "task_no"].nunique()),
                "continued": int(g.loc[g.status == "continued", "task_no"].nunique()),
            }
        )
    out = pd.DataFrame(
        rows, columns=["unit", "unit_en", "lead", "coop", "total", "new", "changed", "continued"]
    )
    return out.sort_values(
        ["total", "lead", "unit"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
