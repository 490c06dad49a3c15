"""Tasks, milestones and responsibilities of every task document of the corpus.

Which documents hold numbered tasks is data: ``structure == "tasks"`` in the seeds
manifest (``documents()`` shows it); a document the manifest does not know gets
its structure from the text (:func:`zone_lib.parse.structure.detect_structure`). All of
them share one schema, so a researcher can stack the regional, city, 2023 and
national documents. How the tasks are numbered (``1.``, ``（一）``, ``一是``) is
read from the text too (:func:`zone_lib.parse.prose_tasks.detect_scheme`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from zone_lib.errors import DocumentNotFoundError, TableParseError
from zone_lib.ingest.corpus import Document, Seeds, load_corpus
from zone_lib.parse.annual_table import find_table
from zone_lib.parse.prose_tasks import ProseParse, ProseTask, half_digits
from zone_lib.parse.structure import prose_of, structure_of
from zone_lib.schemas import checked
from zone_lib.tables.matrix import MATRIX_DOC, matrix

TASK_COLUMNS = [
    "doc_id", "task_no", "task", "task_basis", "section_no", "section", "text", "source_line",
]  # fmt: skip
MILESTONE_COLUMNS = [
    "doc_id", "task_no", "year_from", "year_to", "marker", "text", "source", "source_line",
]  # fmt: skip
RESPONSIBILITY_COLUMNS = ["doc_id", "task_no", "unit", "role", "order", "source_line"]

#: Longest derived title; longer clauses are cut with an ellipsis.
TITLE_MAX = 30
_CLAUSE = re.compile(r"[，,；;]")
_DEADLINE_YEAR = re.compile(r"(20\d{2})年")


def task_documents(seeds: Seeds = None) -> list[str]:
    """Ids of the documents whose structure is numbered tasks."""
    return [d.doc_id for d in load_corpus(seeds).docs if structure_of(d) == "tasks"]


def _docs(doc_id: str | None, seeds: Seeds) -> list[Document]:
    corpus = load_corpus(seeds)
    if doc_id is None:
        return [d for d in corpus.docs if structure_of(d) == "tasks"]
    doc = corpus.get(doc_id)
    if structure_of(doc) not in ("tasks", ""):
        raise DocumentNotFoundError(doc_id, task_documents(seeds))
    return [doc]


def task_title(task: ProseTask) -> tuple[str, str]:
    """A readable short title for a task, and how it was obtained.

    Most tasks print a title as their first sentence (``统一数据标准规范。``). Some
    city tasks open with a whole sentence instead (``按照国家和行业已有相关标准规范，
    推动行业数据规范互联互通。``); their title is the sentence's last clause, the
    action (cut to :data:`TITLE_MAX` characters with an ellipsis if longer).

    Returns:
        ``(title, basis)`` where basis is ``printed`` or ``last clause``.
    """
    name = task.task
    if not _CLAUSE.search(name):
        return name, "printed"
    clause = _CLAUSE.split(name)[-1].strip() or name
    if len(clause) > TITLE_MAX:
        clause = clause[: TITLE_MAX - 1] + "…"
    return clause, "last clause"


@checked("tasks")
def tasks(doc_id: str | None = None, seeds: Seeds = None) -> pd.DataFrame:
    """Numbered tasks of one task document, or of all of them.

    Args:
        doc_id: A document id (see ``documents()``); None for every task document.
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`TASK_COLUMNS`. ``task`` is the printed title or, where
        the document prints none, one derived by :func:`task_title` (``task_basis``
        says which); ``text`` is the whole task as printed.
    """
    return _tasks_frame(tuple(_docs(doc_id, seeds))).copy()


def task_rows(doc_id: str, prose: ProseParse) -> list[dict]:
    """Rows of :func:`tasks` for one document's parse."""
    rows = []
    for t in prose.tasks:
        title, basis = task_title(t)
        rows.append(
            {
                "doc_id": doc_id,
                "task_no": t.task_no,
                "task": title,
                "task_basis": basis,
                "section_no": t.section_no,
                "section": t.section,
                "text": t.text,
                "source_line": t.source_line,
            }
        )
    return rows


def tasks_frame(rows: list[dict]) -> pd.DataFrame:
    """The tasks DataFrame of some task rows, typed as :func:`tasks` returns it."""
    return pd.DataFrame(rows, columns=TASK_COLUMNS).astype({"section_no": "Int64"})


@lru_cache(maxsize=32)
def _tasks_frame(docs: tuple[Document, ...]) -> pd.DataFrame:
    return tasks_frame([row for doc in docs for row in task_rows(doc.doc_id, prose_of(doc))])


@checked("milestones")
def milestones(doc_id: str | None = None, seeds: Seeds = None) -> pd.DataFrame:
    """Year milestones of tasks, from the prose, the annual table and deadline clauses.

    ``2019年，…`` gives 2019–2019; ``2019—2020年，…`` gives 2019–2020; ``到2022年，…``
    and ``2022年底前…`` give 2022; ``从2019年起，…`` gives year_from 2019 with no
    year_to (open-ended); a deadline clause ``2021年底前完成`` gives year_to 2021
    with no year_from; ``长期坚持`` keeps its text with no year. ``source`` is ``prose``,
    ``table`` (a cell of the annual task matrix) or ``deadline``.

    Returns:
        A DataFrame with :data:`MILESTONE_COLUMNS`.
    """
    return _milestones_frame(tuple(_docs(doc_id, seeds))).copy()


def deadline_years(text: str) -> int | None:
    """The latest year a deadline names (``2021年底前完成`` -> 2021), or None (``长期坚持``)."""
    years = [int(y) for y in _DEADLINE_YEAR.findall(half_digits(text))]
    return max(years) if years else None


def milestone_rows(doc_id: str, prose: ProseParse, matrix: pd.DataFrame | None = None) -> list[dict]:
    """Rows of :func:`milestones` for one document: its prose, its deadlines and its matrix cells."""
    rows = []
    for t in prose.tasks:
        for m in t.all_milestones():
            rows.append(
                {
                    "doc_id": doc_id,
                    "task_no": t.task_no,
                    "year_from": m.year_from,
                    "year_to": m.year_to,
                    "marker": m.marker,
                    "text": m.text,
                    "source": "prose",
                    "source_line": m.source_line,
                }
            )
        for text, line in t.deadlines:
            rows.append(
                {
                    "doc_id": doc_id,
                    "task_no": t.task_no,
                    "year_from": None,
                    "year_to": deadline_years(text),
                    "marker": text,
                    "text": text,
                    "source": "deadline",
                    "source_line": line,
                }
            )
    if matrix is not None:
        for r in matrix.itertuples():
            rows.append(
                {
                    "doc_id": doc_id,
                    "task_no": r.task_no,
                    "year_from": r.year,
                    "year_to": r.year,
                    "marker": f"{r.year}年",
                    "text": r.text,
                    "source": "table",
                    "source_line": r.source_line,
                }
            )
    return rows


def milestones_frame(rows: list[dict]) -> pd.DataFrame:
    """The milestones DataFrame of some milestone rows, typed and sorted as :func:`milestones` returns it."""
    df = pd.DataFrame(rows, columns=MILESTONE_COLUMNS).astype({"year_from": "Int64", "year_to": "Int64"})
    return df.sort_values(["doc_id", "task_no", "source", "source_line"], kind="stable").reset_index(
        drop=True
    )


@lru_cache(maxsize=32)
def _milestones_frame(docs: tuple[Document, ...]) -> pd.DataFrame:
    rows = []
    for doc in docs:
        table = None
        if find_table(doc.numbered_lines()) is not None:
            try:
                table = matrix(doc.doc_id, doc.seed.path.parent)
            except TableParseError:
                table = None  # matrix() raises it; line_accounting() reports the table's lines
        rows += milestone_rows(doc.doc_id, prose_of(doc), table)
    return milestones_frame(rows)


@checked("responsibilities")
def responsibilities(doc_id: str | None = MATRIX_DOC, seeds: Seeds = None) -> pd.DataFrame:
    """Responsible units of each task, one row per unit, in listed order.

    Reads ``牵头单位：`` / ``配合单位：`` lines (a name broken over lines comes back
    whole), ``(责任单位:…)`` and ``（负责部门：…；适用范围：…）`` lists (the first
    listed leads, the others cooperate), ``（X负责；…）`` and ``（X牵头，Y配合；…）``
    clauses.

    Args:
        doc_id: A task document; None for all of them.
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`RESPONSIBILITY_COLUMNS`; ``role`` is ``lead`` or
        ``coop``; names normalised (level prefix inherited, brackets unified).
    """
    rows = [row for doc in _docs(doc_id, seeds) for row in responsibility_rows(doc.doc_id, prose_of(doc))]
    return pd.DataFrame(rows, columns=RESPONSIBILITY_COLUMNS)


def responsibility_rows(doc_id: str, prose: ProseParse) -> list[dict]:
    """Rows of :func:`responsibilities` for one document's parse."""
    return [
        {
            "doc_id": doc_id,
            "task_no": task.task_no,
            "unit": unit,
            "role": role,
            "order": order,
            "source_line": line,
        }
        for task in prose.tasks
        for order, (unit, role, line) in enumerate(task.units, start=1)
    ]
