"""The annual task matrix, its line accounting and its discrepancies with the prose.

Each function returns a tidy pandas DataFrame in which every row keeps its
``doc_id`` and the ``source_line`` (1-based, in the seed file) it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from zone_lib.ingest.corpus import Document, Seeds, load_corpus
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.parse.annual_table import AnnualTable, parse_annual_table
from zone_lib.parse.prose_tasks import ProseParse, ProseTask
from zone_lib.parse.structure import prose_of
from zone_lib.schemas import checked
from zone_lib.tables.reconcile import CELL_MARGIN, MATCH, Placement, place_cells, split_items
from zone_lib.textutil import containment, fold

#: The document holding the annual task matrix.
#: The document carrying the annual task matrix (``data/corpus_facts.json``).
MATRIX_DOC: str = corpus_facts()["matrix_doc"]

MATRIX_COLUMNS = [
    "doc_id",
    "task_no",
    "task",
    "section_no",
    "section",
    "year",
    "year_column",
    "year_basis",
    "text",
    "items",
    "n_items",
    "source_line",
    "prose_line",
    "prose_match",
]
DISCREPANCY_COLUMNS = ["doc_id", "task_no", "year", "kind", "detail", "table_line", "prose_line"]
LINE_COLUMNS = ["doc_id", "seed_file", "line", "kind", "task_no", "problem", "note"]


@dataclass(frozen=True)
class Analysis:
    """Table, prose and placements of one document (cached)."""

    doc: Document
    table: AnnualTable | None
    prose: ProseParse
    placements: dict[int, list[tuple[int, str, int, Placement]]]  # task -> (slot, text, line, placement)


def _short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@lru_cache(maxsize=16)
def _analyse(doc: Document) -> Analysis:
    lines = doc.numbered_lines()
    table = parse_annual_table(lines, doc.seed_file)
    prose = prose_of(doc)
    by_task = {t.task_no: t for t in prose.tasks}
    gaps = [s for s in range(table.n_slots) if s not in table.year_slots]
    placements = {}
    for row in table.rows:
        slot_cells = [(k - 2, v, row.field_lines[k]) for k, v in enumerate(row.fields) if k >= 2 and v]
        task = by_task.get(row.task_no)
        prose_years = {y: task.milestone_text(y) for y in table.years} if task else None
        placed = place_cells(
            [c for _, c, _ in slot_cells],
            [s for s, _, _ in slot_cells],
            max(len(row.fields) - 2, 0),
            table.years,
            gaps,
            prose_years,
        )
        placements[row.task_no] = [(s, c, ln, p) for (s, c, ln), p in zip(slot_cells, placed)]
    return Analysis(doc, table, prose, placements)


def analysis(doc_id: str = MATRIX_DOC, seeds: Seeds = None) -> Analysis:
    """The parsed table, prose and cell placements of a document."""
    return _analyse(load_corpus(seeds).get(doc_id))


def _section_of(a: Analysis, task_no: int) -> tuple[int | None, str]:
    task = next((t for t in a.prose.tasks if t.task_no == task_no), None)
    if task is not None and task.section_no is not None:
        return task.section_no, task.section
    row = next(r for r in a.table.rows if r.task_no == task_no)
    if row.section is not None:  # no prose: the label's place among the table's labels
        return a.table.sections.index(row.section) + 1, row.section.label
    return None, ""


def _prose_line(task: ProseTask | None, year: int) -> int | None:
    if task is None:
        return None
    return next((m.source_line for m in task.milestones if m.year_from <= year <= m.year_to), None)


@checked("matrix")
def matrix(doc_id: str = MATRIX_DOC, seeds: Seeds = None) -> pd.DataFrame:
    """The annual task matrix: one row per non-empty cell of the annex table.

    Args:
        doc_id: The document holding the table (the regional Implementation Plan).
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`MATRIX_COLUMNS`. ``year`` is the cell's year on the
        evidence; ``year_column`` the year its column gives; ``year_basis`` says
        which decided (``column`` or ``prose``). ``text`` is the cell as printed
        (whitespace collapsed), ``items`` its ``(1)…(2)…`` sub-items,
        ``source_line`` the seed line the cell starts on, ``prose_line`` the line
        of the matching prose milestone and ``prose_match`` how much of the
        cell's wording that milestone holds (0–1).
    """
    return matrix_frame(analysis(doc_id, seeds), doc_id)


def matrix_frame(a: Analysis, doc_id: str) -> pd.DataFrame:
    """The matrix DataFrame of one analysed document.

    Shared by :func:`matrix` and :func:`zone_lib.read_document`.

    Args:
        a: The document's table/prose analysis.
        doc_id: The id written in the ``doc_id`` column.

    Returns:
        The rows of :func:`matrix`, not yet schema-checked.
    """
    by_task = {t.task_no: t for t in a.prose.tasks}
    rows = []
    for row in a.table.rows:
        section_no, section = _section_of(a, row.task_no)
        for _, text, line, p in a.placements[row.task_no]:
            items = split_items(text)
            rows.append(
                {
                    "doc_id": doc_id,
                    "task_no": row.task_no,
                    "task": row.name,
                    "section_no": section_no,
                    "section": section,
                    "year": p.year,
                    "year_column": p.year_column,
                    "year_basis": p.year_basis,
                    "text": text,
                    "items": items,
                    "n_items": len(items),
                    "source_line": line,
                    "prose_line": _prose_line(by_task.get(row.task_no), p.year),
                    "prose_match": p.score,
                }
            )
    df = pd.DataFrame(rows, columns=MATRIX_COLUMNS)
    return df.astype({"section_no": "Int64", "prose_line": "Int64"})


@checked("discrepancies")
def discrepancies(doc_id: str = MATRIX_DOC, seeds: Seeds = None) -> pd.DataFrame:
    """Where the annual table and the prose of the same plan disagree.

    Kinds:
        ``year_from_prose``: a cell placed in a year other than its column's, on
        the prose's evidence. ``table_only``: a cell for a year in which the
        prose has no milestone. ``prose_only``: a prose milestone with no cell
        in that year, or a task of the prose that the table lacks (one row per
        year of its milestones, ``table_line`` empty). ``different_year``: a cell item the prose gives under
        another year. ``section_number``: a table section label whose numeral
        differs from the plan's own section. ``task_name``: a task named
        differently in the table and in the prose.

    Args:
        doc_id: The document holding the table (the regional Implementation Plan).
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`DISCREPANCY_COLUMNS`, ``detail`` in plain words.
    """
    return _discrepancies(load_corpus(seeds).get(doc_id)).copy()


@lru_cache(maxsize=16)
def _discrepancies(doc: Document) -> pd.DataFrame:
    a = _analyse(doc)
    doc_id = doc.doc_id
    by_task = {t.task_no: t for t in a.prose.tasks}
    out: list[dict] = []

    def add(task_no, year, kind, detail, table_line=None, prose_line=None):
        out.append(
            {
                "doc_id": doc_id,
                "task_no": task_no,
                "year": year,
                "kind": kind,
                "detail": detail,
                "table_line": table_line,
                "prose_line": prose_line,
            }
        )

    for sec in a.table.sections:
        if sec.first_task is None or sec.number is None:
            continue
        task = by_task.get(sec.first_task)
        if task is not None and task.section_no is not None and task.section_no != sec.number:
            prose_sec = next((s for s in a.prose.sections if s.section_no == task.section_no), None)
            add(
                sec.first_task,
                None,
                "section_number",
                f"The table labels the section of tasks from {sec.first_task} on “{sec.text}”, "
                f"numbered {sec.number}; in the plan's own text it is section {task.section_no} "
                f"“{task.section}”.",
                sec.source_line,
                prose_sec.source_line if prose_sec else None,
            )

    for row in a.table.rows:
        task = by_task.get(row.task_no)
        if task is None:
            add(
                row.task_no,
                None,
                "table_only",
                f"Task {row.task_no} “{row.name}” is in the table "
                "but not among the numbered tasks of the prose.",
                row.lines[0],
            )
            continue
        if fold(row.name) != fold(task.task):
            add(
                row.task_no,
                None,
                "task_name",
                f"The table names task {row.task_no} “{row.name}”; the prose names it “{task.task}”.",
                row.lines[0],
                task.source_line,
            )
        prose_years = sorted({y for m in task.milestones for y in range(m.year_from, m.year_to + 1)})
        placed = a.placements[row.task_no]
        cell_years = {p.year for _, _, _, p in placed}
        texts_by_year = {p.year: text for _, text, _, p in placed}
        for _, text, line, p in placed:
            if p.year_basis == "prose":
                add(
                    row.task_no,
                    p.year,
                    "year_from_prose",
                    f"Cell “{_short(text)}” stands in the {p.year_column} column, but the prose gives "
                    f"it for {p.year} (it holds {p.score:.0%} of the cell's wording); placed in {p.year}.",
                    line,
                    _prose_line(task, p.year),
                )
            if p.year not in prose_years:
                same = [y for y, t in texts_by_year.items() if y != p.year and t == text]
                again = f" It repeats the {same[0]} cell word for word." if same else ""
                add(
                    row.task_no,
                    p.year,
                    "table_only",
                    f"The table has a {p.year} cell “{_short(text)}”, but the prose of task {row.task_no} "
                    f"has milestones only for {', '.join(map(str, prose_years))}.{again}",
                    line,
                )
                continue
            for k, item in enumerate(split_items(text), start=1):
                here = containment(item, task.milestone_text(p.year))
                other = max(
                    (y for y in prose_years if y != p.year),
                    key=lambda y: containment(item, task.milestone_text(y)),
                    default=None,
                )
                if other is None:
                    continue
                there = containment(item, task.milestone_text(other))
                if there >= MATCH and there - here >= CELL_MARGIN:
                    label = f"item ({k}) " if len(split_items(text)) > 1 else ""
                    add(
                        row.task_no,
                        p.year,
                        "different_year",
                        f"The table's {p.year} {label}“{_short(item)}” is in the prose's {other} milestone "
                        f"({there:.0%} of its wording there, {here:.0%} in {p.year}).",
                        line,
                        _prose_line(task, other),
                    )
        for m in task.milestones:
            for y in range(m.year_from, m.year_to + 1):
                if y in a.table.years and y not in cell_years:
                    add(
                        row.task_no,
                        y,
                        "prose_only",
                        f"The prose gives task {row.task_no} a {y} milestone “{_short(m.text)}”, "
                        f"but the table has no {y} cell.",
                        row.lines[0],
                        m.source_line,
                    )
    in_table = {row.task_no for row in a.table.rows}
    for task in a.prose.tasks:
        if task.task_no in in_table:
            continue
        missing = f"Task {task.task_no} “{task.task}” is a numbered task of the prose but not in the table"
        if not task.milestones:
            add(task.task_no, None, "prose_only", f"{missing}; the prose gives it no milestone.", None,
                task.source_line)  # fmt: skip
        for m in task.milestones:
            for y in range(m.year_from, m.year_to + 1):
                detail = f"{missing}; the prose gives it a {y} milestone “{_short(m.text)}”."
                add(task.task_no, y, "prose_only", detail, None, m.source_line)
    df = pd.DataFrame(out, columns=DISCREPANCY_COLUMNS)
    df = df.astype({"year": "Int64", "table_line": "Int64", "prose_line": "Int64"})
    return df.sort_values(["task_no", "year", "kind"], na_position="first", kind="stable").reset_index(
        drop=True
    )


@checked("table_lines")
def table_lines(doc_id: str = MATRIX_DOC, seeds: Seeds = None) -> pd.DataFrame:
    """How every line of the annual table's region was read.

    Returns:
        A DataFrame with :data:`LINE_COLUMNS`; ``kind`` is one of caption, header,
        section, row, continuation, blank, duplicate or unrecognised. Lines of
        kind ``unrecognised`` or ``duplicate``, rows out of sequence and rows whose
        cell count differs from the header's have ``problem == True``.
    """
    a = analysis(doc_id, seeds)
    rows = [
        {
            "doc_id": doc_id,
            "seed_file": a.doc.seed_file,
            "line": ln.line_no,
            "kind": ln.kind,
            "task_no": ln.task_no,
            "problem": ln.problem,
            "note": ln.note,
        }
        for ln in sorted(a.table.lines, key=lambda x: x.line_no)
    ]
    return pd.DataFrame(rows, columns=LINE_COLUMNS).astype({"task_no": "Int64"})
