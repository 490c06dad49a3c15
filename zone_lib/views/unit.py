"""The unit briefing's tables: a unit's tasks, years, partners and documents."""

from __future__ import annotations

import pandas as pd

from zone_lib.ingest.corpus import Seeds
from zone_lib.tables.documents import documents
from zone_lib.tables.tasks import task_documents
from zone_lib.tables.units import canonical_unit, unit_links
from zone_lib.views import params
from zone_lib.views.common import (
    _matrix,
    _resp,
    _role_zh,
    _section_en,
    memo_view,
)
from zone_lib.views.params import check_unit, unit_en

# --------------------------------------------------------------------------- unit


@memo_view
def unit_view(unit: str, *, seeds: Seeds = None) -> pd.DataFrame:
    """The task-year cells a unit leads or supports.

    Args:
        unit: A unit name or alias (see :func:`zone_lib.views.params.valid_units`).
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        One row per (task, year) cell of a task naming the unit: ``unit, unit_en,
        year, role, role_zh, section_no, section, section_en, task_no, task, text,
        source_line`` (the table line of the cell) and ``unit_line`` (the line naming
        the unit), by year, section and task.
    """
    u = check_unit(unit, seeds)
    resp = _resp(seeds)
    mine = resp[resp.unit == u][["task_no", "role", "source_line"]].rename(
        columns={"source_line": "unit_line"}
    )
    mine = mine.drop_duplicates("task_no")
    m = _matrix(seeds).merge(mine, on="task_no")
    m = m.sort_values(["year", "section_no", "task_no"], kind="stable")
    out = pd.DataFrame(
        {
            "unit": u,
            "unit_en": unit_en(u),
            "year": m.year.astype(int),
            "role": m.role,
            "role_zh": m.role.map(_role_zh),
            "section_no": m.section_no.astype(int),
            "section": m.section,
            "section_en": m.section_no.map(_section_en),
            "task_no": m.task_no.astype(int),
            "task": m.task,
            "text": m.text,
            "source_line": m.source_line.astype(int),
            "unit_line": m.unit_line.astype(int),
        }
    )
    return out.reset_index(drop=True)


@memo_view
def unit_by_year(unit: str, *, seeds: Seeds = None) -> pd.DataFrame:
    """A unit's load by year: tasks led and supported, and its share of the year's cells.

    Args:
        unit: A unit name or alias.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        One row per valid year: ``year, lead, coop, total, year_cells, share``
        (``share`` = total / year_cells, the fraction of that year's cells naming it).
    """
    view = unit_view(unit, seeds=seeds)
    m = _matrix(seeds)
    rows = []
    for y in params.valid_years(seeds):
        part = view[view.year == y]
        total_cells = int((m.year == y).sum())
        total = len(part)
        rows.append(
            {
                "year": y,
                "lead": int((part.role == "lead").sum()),
                "coop": int((part.role == "coop").sum()),
                "total": total,
                "year_cells": total_cells,
                "share": round(total / total_cells, 3) if total_cells else 0.0,
            }
        )
    return pd.DataFrame(rows)


@memo_view
def unit_partners(unit: str, *, seeds: Seeds = None) -> pd.DataFrame:
    """Units co-listed with a unit on the same tasks, with counts.

    Args:
        unit: A unit name or alias.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``partner, partner_en, n_tasks, n_cells, unit_leads, partner_leads`` (tasks on
        which the unit, or the partner, is a lead), most shared tasks first.
    """
    u = check_unit(unit, seeds)
    resp = _resp(seeds)
    cells = _matrix(seeds).groupby("task_no").size()
    tasks = set(resp.loc[resp.unit == u, "task_no"])
    my_role = resp[resp.unit == u].drop_duplicates("task_no").set_index("task_no").role
    others = resp[resp.task_no.isin(tasks) & (resp.unit != u)]
    rows = []
    for partner, g in others.groupby("unit", sort=True):
        ts = sorted(set(g.task_no))
        rows.append(
            {
                "partner": partner,
                "partner_en": unit_en(partner),
                "n_tasks": len(ts),
                "n_cells": int(sum(cells.get(t, 0) for t in ts)),
                "unit_leads": int(sum(my_role.get(t) == "lead" for t in ts)),
                "partner_leads": int(g.loc[g.role == "lead", "task_no"].nunique()),
            }
        )
    out = pd.DataFrame(
        rows, columns=["partner", "partner_en", "n_tasks", "n_cells", "unit_leads", "partner_leads"]
    )
    return out.sort_values(
        ["n_tasks", "n_cells", "partner"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def _document_label(doc_id: str, seeds: Seeds = None) -> str:
    """Chinese title with the English beside it, from the labels or the manifest."""
    entry = params.labels()["documents"].get(doc_id)
    if entry:
        return f"{entry['zh']} {entry['en']}"

    docs = documents(seeds).set_index("doc_id")
    return f"{docs.loc[doc_id, 'title']} {docs.loc[doc_id, 'title_en']}".strip()


@memo_view
def unit_in_documents(unit: str, *, seeds: Seeds = None) -> pd.DataFrame:
    """How a unit of nx-impl-2019 appears in the other task documents.

    Names are matched through the unit registry (:func:`zone_lib.canonical_unit`), so
    aliases count (自治区医保局 / 自治区医疗保障局). City units (市…) of Qingtongxia are a
    different level and are not the same unit.

    Args:
        unit: A unit name or alias.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``doc_id, document, n_tasks, n_lead, n_coop, tasks`` (task numbers, the
        first listed lead), one row per task document, documents without the unit
        included with zero counts.
    """
    u = check_unit(unit, seeds)
    canonical = canonical_unit(u)["canonical"]
    links = unit_links(seeds)
    mine = links[links.canonical == canonical]
    rows = []
    for doc_id in task_documents(seeds):
        g = mine[mine.doc_id == doc_id]
        lead = sorted(set(g.loc[g.role == "lead", "task_no"]))
        coop = sorted(set(g.loc[g.role == "coop", "task_no"]) - set(lead))
        rows.append(
            {
                "doc_id": doc_id,
                "document": _document_label(doc_id, seeds),
                "n_tasks": len(set(g.task_no)),
                "n_lead": len(lead),
                "n_coop": len(coop),
                "tasks": ", ".join(f"{t}*" if t in lead else str(t) for t in sorted(set(g.task_no))),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "document", "n_tasks", "n_lead", "n_coop", "tasks"])


@memo_view
def unit_share(*, seeds: Seeds = None) -> pd.DataFrame:
    """Every unit's share of the load: the task-year cells of the tasks naming it.

    Args:
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``unit, unit_en, n_tasks, n_lead, n_coop, n_cells, lead_cells, share,
        lead_share`` (``share`` = n_cells / all cells of the matrix; ``lead_share`` =
        lead_cells / all cells), heaviest first.
    """
    resp = _resp(seeds).drop_duplicates(["task_no", "unit"])
    cells = _matrix(seeds).groupby("task_no").size()
    total = int(cells.sum())
    rows = []
    for unit, g in resp.groupby("unit", sort=True):
        lead_tasks = g.loc[g.role == "lead", "task_no"]
        n_cells = int(sum(cells.get(t, 0) for t in g.task_no))
        lead_cells = int(sum(cells.get(t, 0) for t in lead_tasks))
        rows.append(
            {
                "unit": unit,
                "unit_en": unit_en(unit),
                "n_tasks": int(g.task_no.nunique()),
                "n_lead": int(lead_tasks.nunique()),
                "n_coop": int((g.role == "coop").sum()),
                "n_cells": n_cells,
                "lead_cells": lead_cells,
                "share": round(n_cells / total, 3),
                "lead_share": round(lead_cells / total, 3),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(
        ["n_cells", "lead_cells", "unit"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


@memo_view
def unit_schedule(unit: str, *, seeds: Seeds = None) -> pd.DataFrame:
    """A unit's tasks as spans of consecutive years, lead or cooperating (its Gantt view).

    Args:
        unit: A unit name or alias.
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        One row per task and run of consecutive years with a cell of that task:
        ``unit, task_no, task, section_no, role, role_zh, year_from, year_to, n_years,
        source_line`` (the table line of the task's first cell in the run), by section,
        task and first year. A task whose cells skip a year has two rows.
    """
    view = unit_view(unit, seeds=seeds)
    rows = []
    for task_no, g in view.groupby("task_no", sort=False):
        g = g.sort_values("year", kind="stable")
        runs: list[list] = []
        for r in g.itertuples():
            if runs and int(r.year) == runs[-1][-1].year + 1:
                runs[-1].append(r)
            else:
                runs.append([r])
        for run in runs:
            first = run[0]
            rows.append(
                {
                    "unit": first.unit,
                    "task_no": int(task_no),
                    "task": first.task,
                    "section_no": int(first.section_no),
                    "role": first.role,
                    "role_zh": first.role_zh,
                    "year_from": int(first.year),
                    "year_to": int(run[-1].year),
                    "n_years": len(run),
                    "source_line": int(first.source_line),
                }
            )
    columns = [
        "unit",
        "task_no",
        "task",
        "section_no",
        "role",
        "role_zh",
        "year_from",
        "year_to",
        "n_years",
        "source_line",
    ]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["section_no", "task_no", "year_from"], kind="stable").reset_index(drop=True)
