"""The overview briefing's tables: every task at a glance, and the targets series."""

from __future__ import annotations

import pandas as pd

from zone_lib.ingest.corpus import Seeds
from zone_lib.tables.matrix import discrepancies
from zone_lib.tables.targets import targets as library_targets
from zone_lib.views import params
from zone_lib.views.common import (
    _matrix,
    _resp,
    memo_view,
)
from zone_lib.views.params import DOC_ID


@memo_view
def overview(*, seeds: Seeds = None) -> pd.DataFrame:
    """One row per section of the “1-2-3-5” framework: tasks, cells per year, discrepancies.

    Args:
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``section_no, numeral, section, short_zh, section_en, part_zh, tasks
        (e.g. "21–28"), n_tasks, 2019 … 2022`` (tasks with a cell that year),
        ``n_cells, n_discrepancies, main_lead`` (the unit leading most of its tasks).
    """
    m = _matrix(seeds)
    resp = _resp(seeds)
    disc = discrepancies(seeds=seeds)
    rows = []
    for s in params.valid_platforms().itertuples():
        part = m[m.section_no == s.section_no]
        tasks = sorted(set(part.task_no))
        lead = resp[resp.task_no.isin(tasks) & (resp.role == "lead")]
        counts = lead.groupby("unit").task_no.nunique().sort_index()
        main = counts.sort_values(ascending=False, kind="stable").index[0] if len(counts) else ""
        row = {
            "section_no": s.section_no,
            "numeral": s.numeral,
            "section": s.section,
            "short_zh": s.short_zh,
            "section_en": s.section_en,
            "part_zh": s.part_zh,
            "tasks": f"{tasks[0]}–{tasks[-1]}" if tasks else "",
            "n_tasks": len(tasks),
        }
        row.update({str(y): int((part.year == y).sum()) for y in params.valid_years(seeds)})
        row.update(
            {
                "n_cells": len(part),
                "n_discrepancies": int(disc.task_no.isin(tasks).sum()),
                "main_lead": main,
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- targets


def _with_series(out: pd.DataFrame) -> pd.DataFrame:
    """Add ``series``: one trajectory per (task, measure), split by object when a year repeats."""
    dup = out.groupby(["task_no", "measure", "year"]).value.transform("size") > 1
    split = set(out.loc[dup, "task_no"].astype(str) + out.loc[dup, "measure"])
    key = out.task_no.astype(str) + out.measure
    out = out.assign(
        series=[
            f"{t:02d} {task} ({meas})" + (f" {obj[:4]}" if k in split else "")
            for t, task, meas, obj, k in zip(out.task_no, out.task, out.measure, out.object, key)
        ]
    )
    return out.reset_index(drop=True)


def _cell_targets(m: pd.DataFrame, seeds: Seeds = None) -> pd.DataFrame:
    """The table-cell targets of :func:`zone_lib.targets`, joined with their matrix cells."""
    found = library_targets(DOC_ID, seeds)
    found = found[(found.doc_id == DOC_ID) & (found.source == "table") & found.year.notna()]
    cells = m[["task_no", "year", "task", "section_no", "text", "source_line"]].rename(
        columns={"text": "cell_text", "source_line": "cell_line"}
    )
    found = found.assign(task_no=found.task_no.astype(int), year=found.year.astype(int))
    merged = found.merge(cells, on=["task_no", "year"], how="inner")
    out = pd.DataFrame(
        {
            "task_no": merged.task_no.astype(int),
            "task": merged.task,
            "section_no": merged.section_no.astype(int),
            "year": merged.year.astype(int),
            "value": merged.value.astype(float),
            "measure": merged.unit.astype(str),
            "object": merged.subject.fillna("").astype(str),
            "phrase": merged.text.astype(str),
            "text": merged.cell_text,
            "source_line": merged.source_line.astype(int),
        }
    )
    out = out.drop_duplicates(["task_no", "year", "value", "measure", "object"])
    return _with_series(out.sort_values(["task_no", "year", "value"], kind="stable"))


@memo_view
def targets(*, seeds: Seeds = None) -> pd.DataFrame:
    """Quantified targets (percentages and counts) of the annual task matrix cells, as series.

    A view of :func:`zone_lib.targets` (the library's one targets table): its table-cell
    targets of nx-impl-2019, each with its matrix cell, task and section, grouped into
    the trajectories the overview briefing plots.

    Args:
        seeds: The corpus or its seeds folder (default: the default corpus, see :func:`zone_lib.load`).

    Returns:
        ``task_no, task, section_no, year, value, measure, object, phrase, text,
        source_line, series`` (``text``: the full cell; ``series`` groups the values
        of one trajectory).
    """
    return _cell_targets(_matrix(seeds), seeds)
