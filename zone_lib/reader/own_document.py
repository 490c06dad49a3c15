"""Bring your own document: read a plan zone_lib has never seen into the corpus tables.

:func:`read_document` takes a file (or the text itself), finds the documents in
it as the corpus does, and reads each from the evidence in its own text — no
manifest entry is needed or used:

* numbered tasks written ``1.`` (under ``（一）`` sections), ``（一）`` (under ``一、``
  parts) or ``一是…二是…`` (:func:`zone_lib.parse.prose_tasks.detect_scheme`);
* year milestones in the prose: ``2019年，…``, ``2019—2020年，…``, ``到2022年，…``,
  ``2021年底前…``, ``从2019年起，…`` (open-ended);
* responsibilities: ``牵头单位：`` / ``配合单位：`` lines, ``(责任单位:…)``,
  ``（负责部门：…；适用范围：…）``, ``（X负责；…）``, ``（X牵头，Y配合；…）``;
* an annual-task table (编号 … 2019年 2020年 …) or a task-division table
  (序号 … 牵头单位 配合单位 完成时限), tab-separated with repeated headers or with
  one cell per line as a web page copies it (merged cells printed once, ``/`` for
  an empty cell) (:mod:`zone_lib.parse.annual_table`);
* quantitative targets in the milestones and tasks (:mod:`zone_lib.parse.targets`).

Every line is accounted for (:mod:`zone_lib.quality.accounting`); the lines it could not
read are in ``problems`` with their line numbers. Nothing is guessed: a table row
whose cells cannot be placed is kept as printed and reported.

To have such a document in every table of the corpus (``tasks()``,
``milestones()``, the views), put the file into the seeds folder (or a folder
named by ``ZONE_SEEDS``) instead: documents the manifest does not know get an
id from the file name and a structure from their text.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from zone_lib.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    InputTypeError,
    SeedReadError,
    TableParseError,
)
from zone_lib.ingest.corpus import Document, SeedFile, manifest_entries
from zone_lib.ingest.reading import MAX_SEED_BYTES, decode_text, read_lines, split_lines, too_large
from zone_lib.ingest.split import segment
from zone_lib.parse.annual_table import UNIT_ROLES, find_table, header_role
from zone_lib.parse.clauses import is_unit_name
from zone_lib.parse.general import CLAUSE_COLUMNS, DATE_COLUMNS, GeneralReading, read_general
from zone_lib.parse.html_input import looks_like_html, read_html
from zone_lib.parse.prose_tasks import ProseParse, split_milestones
from zone_lib.parse.structure import detect_structure, prose_of
from zone_lib.parse.targets import extract_targets
from zone_lib.parse.task_division import TaskTable, find_task_table, parse_task_table
from zone_lib.parse.unit_names import split_units
from zone_lib.quality.accounting import (
    ACCOUNTING_COLUMNS,
    account_document,
    between_documents,
    records_frame,
    unreadable_table,
)
from zone_lib.schemas import schemas, validate
from zone_lib.tables.documents import documents_frame
from zone_lib.tables.matrix import _analyse, _discrepancies, matrix_frame
from zone_lib.tables.targets import TARGET_COLUMNS, targets_frame
from zone_lib.tables.tasks import (
    MILESTONE_COLUMNS,
    RESPONSIBILITY_COLUMNS,
    deadline_years,
    milestone_rows,
    milestones_frame,
    responsibility_rows,
    task_rows,
    task_title,
    tasks_frame,
)
from zone_lib.textutil import fold, slug

#: Columns of :attr:`OwnDocument.table`: the cells of a document's table, one row per non-empty cell.
TABLE_COLUMNS = [
    "doc_id", "task_no", "column_no", "column", "role", "year", "text", "is_merged", "source_line",
]  # fmt: skip
#: Columns of :attr:`OwnDocument.problems`.
PROBLEM_COLUMNS = ["doc_id", "file", "line", "text", "reason"]
#: Columns of :attr:`OwnDocument.readers`: which reader read each document, and why.
READER_COLUMNS = ["doc_id", "reader", "reason"]
_HTML_SUFFIX = (".html", ".htm")
#: The id given to a document read from text with no ``doc_id``.
DEFAULT_ID = "own-document"
_PATH_LIKE = re.compile(r"\.(?:txt|text|md|csv|tsv|pdf|docx?|xlsx?|wps|html?)$", re.I)
_YEAR = re.compile(r"(\d{4})")


@dataclass(frozen=True)
class OwnDocument:
    """What :func:`read_document` read from a document.

    The tables have the schemas of the corpus tables of the same name
    (``zone_lib/data/schemas.json``), so they stack with ``zone_lib.tasks()`` and
    the others.

    Attributes:
        source: The file read, or ``<text>``.
        encoding: The encoding the bytes were read with (``str`` for text).
        documents: One row per document found (as ``documents()``; ``structure``
            from the text: ``tasks``, ``plan`` or ``""``).
        tasks: Numbered tasks (as ``tasks()``), from the prose, else from a
            task-division table.
        milestones: Year milestones (as ``milestones()``): prose, table cells and
            deadlines.
        responsibilities: Lead and cooperating units (as ``responsibilities()``).
        targets: Quantitative targets (as ``targets()``).
        matrix: The annual task matrix (as ``matrix()``) if there is a year table.
        discrepancies: Where that table and the prose disagree (as ``discrepancies()``).
        table: Every non-empty cell of the document's table (annual or
            task-division), with its column, role and line (:data:`TABLE_COLUMNS`).
        lines: How every line was accounted for (as ``line_accounting()``).
        problems: The lines not understood (:data:`PROBLEM_COLUMNS`): file, line,
            text and reason.
        clauses: Every unit of every responsibility clause or unit column as printed,
            with its stated role (``resp`` for a list without roles, or an unknown
            label), collective and implied flags and scope (:data:`CLAUSE_COLUMNS`;
            documents read by the general reader).
        dates: Every dated expression with its kind (deadline, from-year, window,
            by-year, year, recurring) and task, if any (:data:`DATE_COLUMNS`; documents
            read by the general reader).
        readers: Which reader read each document (``corpus``: the parsers tuned on the
            demonstration-zone plans; ``general``: :mod:`zone_lib.parse`), and why.
    """

    source: str
    encoding: str
    documents: pd.DataFrame = field(repr=False)
    tasks: pd.DataFrame = field(repr=False)
    milestones: pd.DataFrame = field(repr=False)
    responsibilities: pd.DataFrame = field(repr=False)
    targets: pd.DataFrame = field(repr=False)
    matrix: pd.DataFrame = field(repr=False)
    discrepancies: pd.DataFrame = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    lines: pd.DataFrame = field(repr=False)
    problems: pd.DataFrame = field(repr=False)
    clauses: pd.DataFrame = field(repr=False, default_factory=lambda: pd.DataFrame(columns=CLAUSE_COLUMNS))
    dates: pd.DataFrame = field(repr=False, default_factory=lambda: pd.DataFrame(columns=DATE_COLUMNS))
    readers: pd.DataFrame = field(repr=False, default_factory=lambda: pd.DataFrame(columns=READER_COLUMNS))

    def summary(self) -> dict[str, int]:
        """Row counts of the tables and line counts by status."""
        counts = {
            name: len(getattr(self, name))
            for name in ("documents", "tasks", "milestones", "responsibilities", "targets", "matrix", "table")
        }
        by_status = self.lines["status"].value_counts()
        counts.update({f"lines_{s}": int(by_status.get(s, 0)) for s in ("used", "boilerplate", "reported")})
        counts["lines_unclassified"] = int(by_status.get("unclassified", 0))
        counts["problems"] = len(self.problems)
        return counts


def _load(
    path_or_text: str | bytes | os.PathLike[str],
) -> tuple[str, Path, list[str], str, bytes, list | None]:
    """``(source name, path, lines, encoding, bytes, HTML table grids)`` of a file, bytes or text.

    HTML (a ``.html``/``.htm`` file, or bytes or text that open with an HTML tag) is
    read into the lines of its text and the grids of its tables
    (:func:`zone_lib.parse.html_input.read_html`).
    """
    source, path, lines, encoding, data = _load_text(path_or_text)
    text = "\n".join(lines[:50])
    if path.suffix.lower() in _HTML_SUFFIX or looks_like_html(text):
        page = read_html("\n".join(lines), source)
        return source, path, page.lines, encoding, data, page.tables
    return source, path, lines, encoding, data, None


def _load_text(path_or_text: str | bytes | os.PathLike[str]) -> tuple[str, Path, list[str], str, bytes]:
    """``(source name, path, lines, encoding, bytes)`` of a file, bytes or text."""
    if isinstance(path_or_text, bytes):
        if len(path_or_text) > MAX_SEED_BYTES:
            raise FileTooLargeError("<bytes>", too_large(len(path_or_text)))
        text, encoding = decode_text(path_or_text, "<bytes>")
        return "<bytes>", Path("<bytes>"), split_lines(text), encoding, path_or_text
    if isinstance(path_or_text, os.PathLike) or (
        isinstance(path_or_text, str) and "\n" not in path_or_text and len(path_or_text) < 1024
        and (Path(path_or_text).is_file() or _PATH_LIKE.search(path_or_text.strip()))
    ):  # fmt: skip
        path = Path(path_or_text)
        if not path.is_file():
            raise SeedReadError(path, "no such file; pass the path of a text file, or the text itself")
        lines, encoding, data = read_lines(path)
        return str(path), path, lines, encoding, data
    if not isinstance(path_or_text, str):
        raise InputTypeError(
            f"read_document() takes a path, bytes or text, not {type(path_or_text).__name__}"
        )
    data = path_or_text.encode("utf-8", "surrogatepass")
    if len(data) > MAX_SEED_BYTES:
        raise FileTooLargeError("<text>", too_large(len(data)))
    return "<text>", Path("<text>"), split_lines(path_or_text.removeprefix("\ufeff")), "str", data


def read_document(path_or_text: str | bytes | os.PathLike[str], doc_id: str | None = None) -> OwnDocument:
    """Read a plan zone_lib has never seen into the tables of the corpus.

    Args:
        path_or_text: A path to a text file (UTF-8, UTF-8 with BOM, GB18030/GBK,
            UTF-16 with BOM; LF, CRLF or CR line ends), the file's bytes, or the
            text itself.
        doc_id: The id to give the document; by default the file name's stem
            (``own-document`` for text). When the file holds several documents
            (a notice and its enclosures, a gazette issue) they are ``doc_id-1``,
            ``doc_id-2`` ….

    Returns:
        An :class:`OwnDocument` with the tables and the line accounting; lines it
        could not read are in ``problems``, with their line numbers.

    Raises:
        NotTextError: If the file is a PDF, Word, Excel or other binary file.
        FileTooLargeError: If it is over ``zone_lib.ingest.reading.MAX_SEED_BYTES``.
        EmptyDocumentError: If it holds no text.
        SeedReadError: If it cannot be read or decoded (the message says what to do).
    """
    source, path, lines, encoding, data, grids = _load(path_or_text)
    if not any(line.strip() for line in lines):
        raise EmptyDocumentError(
            source, "holds no text; expected the text of a plan (UTF-8, GB18030 or UTF-16 with a BOM)"
        )
    base = doc_id or (slug(path.stem, DEFAULT_ID) if source not in ("<text>", "<bytes>") else DEFAULT_ID)
    seed = SeedFile(path.name, path, tuple(lines), encoding, hashlib.sha256(data).hexdigest())
    segments = segment(lines)
    known = {k for k, entry in manifest_entries(seed, segments).items() if entry.get("structure") == "tasks"}
    docs = []
    for k, seg in enumerate(segments, start=1):
        numbered = [(n, lines[n - 1]) for n in range(seg.first_line, seg.last_line + 1)]
        docs.append(
            Document(
                base if len(segments) == 1 else f"{base}-{k}",
                seed,
                seg.title,
                "",
                seg.doc_number,
                seg.date,
                seg.first_line,
                seg.last_line,
                seg.kind,
                seg.title,
                False,
                detect_structure(numbered, min_tasks=1),
            )
        )
    return _read(source, seed, docs, grids, {docs[k].doc_id for k in known})


def _general(doc: Document, grids: list | None) -> GeneralReading:
    lines = list(doc.seed.lines)
    return read_general(
        doc.doc_id, lines, doc.first_line, doc.last_line, grids=grids, split=split_units,
        extract_targets=_open_targets,
    )  # fmt: skip


def _open_targets(text: str) -> list:
    """Targets as the general reader reads them: any measure word after a target verb too."""
    return extract_targets(text, open_units=True)


_JUNK_UNIT = re.compile(r"[：:。；;！？]|\d{4}\s*年|\d{1,2}月")


def clean_unit(name: str) -> bool:
    """Whether a unit name read is a clean name (``市卫生健康委``), not a unit with text glued on.

    ``市卫生健康委完成时限：2021年至2023年`` or ``市2023年底前全面推开`` are junk: a label,
    a date or a sentence stuck to a name, or a tail that does not end like a unit.
    """
    return is_unit_name(name) and not _JUNK_UNIT.search(name)


@dataclass(frozen=True)
class Evidence:
    """What one reading of a document holds that cannot be inflated by junk.

    Attributes:
        tasks: Tasks that are not framework items, part headings or points of a task.
        units: Distinct (task, unit) pairs whose unit is a clean name, on those tasks.
        junk: Distinct (task, unit) pairs whose unit is not (a label, a date or a
            sentence glued to a name).
        years: Distinct (task, year) pairs of milestones, on those tasks.
        cells: Table cells placed in a column.
    """

    tasks: int
    units: int
    junk: int
    years: int
    cells: int

    @property
    def score(self) -> int:
        """Tasks, clean units, years and placed cells; each junk unit takes one off twice over."""
        return self.tasks + self.units + self.years + self.cells - 2 * self.junk

    def __str__(self) -> str:
        return f"{self.tasks} tasks, {self.units} units, {self.years} years, {self.cells} cells" + (
            f", {self.junk} junk units" if self.junk else ""
        )


def _evidence(
    tasks: list[dict], milestones: list[dict], units: list[dict], cells: list[dict], bad_lines: set[int]
) -> Evidence:
    """The :class:`Evidence` of one reading; tasks on ``bad_lines`` (framework, parts, points) don't count."""
    good = {r["task_no"] for r in tasks if r["source_line"] not in bad_lines}
    pairs = {(r["task_no"], r["unit"]) for r in units if r["task_no"] in good}
    clean = {p for p in pairs if clean_unit(p[1])}
    years = {(r["task_no"], y) for r in milestones if r["task_no"] in good
             for y in (r["year_from"], r["year_to"]) if y is not None}  # fmt: skip
    placed = [c for c in cells if c["column"]]
    return Evidence(len(good), len(clean), len(pairs - clean), len(years), len(placed))


def _choose(
    legacy: tuple[list, list, list, list], general: GeneralReading, known: bool = False
) -> tuple[str, str]:
    """Which reading of a document to keep.

    A document of the seeds' manifest (``known``) keeps the corpus parsers' reading, which
    its goldens hold, as long as they find a task in it. Any other document gets the
    reading with more evidence that junk cannot inflate (:class:`Evidence`: tasks that
    are not framework items, part headings or points of a task; units that are clean
    names, a junk unit counting against; years; placed table cells), compared the same
    way for both readers; on a tie the corpus parsers. The corpus parsers lose outright when
    they take a framework item, a part heading or a point of a task for a task.
    """
    tasks = legacy[0]
    if not tasks:
        if general.tasks:
            return "general", "the corpus parsers find no task"
        if general.outline is not None and general.outline.nodes:
            return "general", "no reader finds a task; the general reader says why in problems"
        return "corpus", "no reader finds a task, and there is no numbered item"
    if known:
        return "corpus", "a document of the seeds' manifest: the corpus parsers read it (goldens)"
    roles = {n.line: n.role for n in general.outline.nodes} if general.outline is not None else {}
    bad = {line for line, role in roles.items() if role in ("framework", "sub-item", "part")}
    wrong = sorted((r["source_line"], roles[r["source_line"]]) for r in tasks if r["source_line"] in bad)
    if wrong:
        line, role = wrong[0]
        return "general", f"the corpus parsers take a {role} for a task (line {line})"
    mine = _evidence(*legacy, bad)
    theirs = _evidence(general.tasks, general.milestones, general.responsibilities, general.cells, set())
    if theirs.score > mine.score:
        return "general", f"the general reader reads more ({theirs}) than the corpus parsers ({mine})"
    return "corpus", f"the corpus parsers read as much or more ({mine}) as the general reader ({theirs})"


@dataclass
class _Legacy:
    """A document as the corpus parsers read it: rows (tasks, milestones, units, cells) and its parse."""

    rows: tuple[list[dict], list[dict], list[dict], list[dict]]
    prose: ProseParse
    table_lines: list
    table_name: str
    matrix: pd.DataFrame | None


def _read_legacy(doc: Document) -> _Legacy:
    """Read a document with the corpus parsers (prose tasks, annual matrix, task-division table)."""
    prose = prose_of(doc)
    numbered = doc.numbered_lines()
    table_lines: list = []
    table_name = "matrix"
    matrix = None
    cells: list[dict] = []
    try:
        if find_table(numbered) is not None:
            a, matrix = _matrix(doc)
            table_lines = a.table.lines
            cells += _annual_cells(doc.doc_id, a.table, matrix)
    except TableParseError as exc:
        table_lines = unreadable_table(numbered, exc)
    tasks_here = task_rows(doc.doc_id, prose)
    milestones_here = milestone_rows(doc.doc_id, prose, matrix)
    resp_here = responsibility_rows(doc.doc_id, prose)
    division = None
    if matrix is None and not table_lines and find_task_table(numbered) is not None:
        try:
            division = parse_task_table(numbered, doc.seed_file)
        except TableParseError as exc:
            table_lines = unreadable_table(numbered, exc)
    if division is not None:
        table = division
        table_lines, table_name = table.lines, "task_table"
        cells += _division_cells(doc.doc_id, table)
        t_rows, m_rows, r_rows = _division_facts(doc.doc_id, table)
        known = {r["task_no"] for r in tasks_here}
        with_units = {r["task_no"] for r in resp_here}
        tasks_here += [r for r in t_rows if r["task_no"] not in known]  # rows with no prose task
        milestones_here += m_rows
        resp_here += [r for r in r_rows if r["task_no"] not in with_units]
    return _Legacy((tasks_here, milestones_here, resp_here, cells), prose, table_lines, table_name, matrix)


def _read(
    source: str,
    seed: SeedFile,
    docs: list[Document],
    grids: list | None = None,
    known: set[str] | None = None,
) -> OwnDocument:
    generals: dict[str, GeneralReading] = {}
    readers: list[dict] = []
    clause_r: list[dict] = []
    date_r: list[dict] = []
    general_targets: list[dict] = []

    task_r: list[dict] = []
    milestone_r: list[dict] = []
    resp_r: list[dict] = []
    cells: list[dict] = []
    matrices: list[pd.DataFrame] = []
    discrepancies: list[pd.DataFrame] = []
    parses: dict[str, tuple[ProseParse | None, list, str]] = {}
    for k, doc in enumerate(docs):
        general = _general(doc, grids)
        legacy = _read_legacy(doc) if doc.structure == "tasks" and grids is None else None
        found = legacy.rows if legacy is not None else ([], [], [], [])
        reader, why = _choose(found, general, doc.doc_id in (known or set()))
        readers.append({"doc_id": doc.doc_id, "reader": reader, "reason": why})
        if reader == "general":
            generals[doc.doc_id] = general
            docs[k] = doc = replace(doc, structure="tasks" if general.tasks else doc.structure)
            task_r += sorted(general.tasks, key=lambda r: r["task_no"])
            milestone_r += general.milestones
            resp_r += _ordered(sorted(
                ({c: r[c] for c in RESPONSIBILITY_COLUMNS} for r in general.responsibilities),
                key=lambda r: r["task_no"]))  # fmt: skip
            cells += general.cells
            clause_r += general.clauses
            date_r += general.dates
            general_targets += general.targets
            parses[doc.doc_id] = (None, [], "")
            continue
        if legacy is None:
            parses[doc.doc_id] = (None, [], "")
            continue
        tasks_here, milestones_here, resp_here, cells_here = legacy.rows
        if legacy.matrix is not None:
            matrices.append(legacy.matrix)
            discrepancies.append(_discrepancies(doc))
        cells += cells_here
        task_r += sorted(tasks_here, key=lambda r: r["task_no"])
        milestone_r += milestones_here
        resp_r += _ordered(sorted(resp_here, key=lambda r: r["task_no"]))
        parses[doc.doc_id] = (legacy.prose, legacy.table_lines, legacy.table_name)

    tasks = validate(tasks_frame(task_r), "tasks")
    milestones = validate(milestones_frame(milestone_r), "milestones")
    responsibilities = validate(pd.DataFrame(resp_r, columns=RESPONSIBILITY_COLUMNS), "responsibilities")
    legacy_docs = [d for d in docs if d.doc_id not in generals and d.structure == "tasks"]
    if legacy_docs:
        targets = targets_frame(
            milestones[~milestones["doc_id"].isin(list(generals))],
            tasks[~tasks["doc_id"].isin(list(generals))],
            {d.doc_id: d.numbered_lines() for d in legacy_docs},
        )
        if general_targets:
            extra = _frame(general_targets, TARGET_COLUMNS, ints=("task_no", "year"), floats=("value",))
            targets = pd.concat([targets.astype({"task_no": "Int64"}), extra], ignore_index=True)
            if targets["task_no"].notna().all():
                targets = targets.astype({"task_no": "int64"})
    else:
        targets = _frame(general_targets, TARGET_COLUMNS, ints=("task_no", "year"), floats=("value",))
    targets = validate(targets, "targets")
    matrix = _stack(matrices, "matrix")
    disc = _stack(discrepancies, "discrepancies")
    table = validate(
        _frame(cells, TABLE_COLUMNS, ints=("year",), bools=("is_merged",)),
        "task_table",
    )
    frames = [
        ("tasks", tasks),
        ("milestones", milestones),
        ("responsibilities", responsibilities),
        ("targets", targets),
        ("matrix", matrix),
        ("task_table", table),
    ]
    lines = _account(seed, docs, parses, frames, generals)
    bad = lines[lines["status"].isin(["reported", "unclassified"])]
    bad = bad[~bad["doc_id"].isin(list(generals)) | (bad["status"] == "unclassified")]
    general_problems = [
        {"doc_id": d, "file": source, "line": n, "text": seed.lines[n - 1], "reason": reason}
        for d, g in generals.items()
        for n, reason in sorted(g.problems)
    ]
    problems = pd.DataFrame(
        {
            "doc_id": bad["doc_id"],
            "file": source,
            "line": bad["line"],
            "text": bad["text"],
            "reason": [r or f"{k} line not understood" for r, k in zip(bad["reason"], bad["kind"])],
        },
        columns=PROBLEM_COLUMNS,
    )
    if general_problems:
        problems = pd.concat([problems, pd.DataFrame(general_problems, columns=PROBLEM_COLUMNS)])
        problems = problems.sort_values("line", kind="stable")
    problems = problems.reset_index(drop=True)
    return OwnDocument(
        source,
        seed.encoding,
        validate(documents_frame(docs), "documents"),
        tasks,
        milestones,
        responsibilities,
        targets,
        matrix,
        disc,
        table,
        lines,
        validate(problems, "problems"),
        _frame(
            clause_r, CLAUSE_COLUMNS, ints=("task_no", "source_line"), bools=("is_collective", "is_implied")
        ),
        _frame(date_r, DATE_COLUMNS, ints=("task_no", "year_from", "year_to", "source_line")),
        pd.DataFrame(readers, columns=READER_COLUMNS),
    )


def _frame(
    rows: list[dict],
    columns: list[str],
    ints: tuple[str, ...] = (),
    floats: tuple[str, ...] = (),
    bools: tuple[str, ...] = (),
) -> pd.DataFrame:
    """A table from rows, built column by column (integer columns as ``Int64``): faster than ``astype``."""
    data: dict[str, object] = {c: [r[c] for r in rows] for c in columns}
    for c in ints:
        data[c] = pd.array(data[c], dtype="Int64")
    for c in floats:
        data[c] = pd.array(data[c], dtype="float64")
    for c in bools:
        data[c] = pd.array(data[c], dtype="bool")
    return pd.DataFrame(data, columns=columns)


def _stack(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    if not frames:
        return _empty(name).copy()
    return validate(pd.concat(frames, ignore_index=True), name)


@lru_cache(maxsize=8)
def _empty(name: str) -> pd.DataFrame:
    """An empty table with the schema's columns and integer columns as ``Int64`` (cached: copy it)."""
    columns = schemas()[name]["columns"]
    empty = pd.DataFrame(columns=list(columns))
    return empty.astype({c: "Int64" for c, r in columns.items() if r["type"] == "int"})


def _matrix(doc: Document):
    """The annual task matrix of a document outside the corpus (as :func:`zone_lib.matrix`)."""
    a = _analyse(doc)
    df = matrix_frame(a, doc.doc_id)
    return a, validate(df, "matrix")


def _cell(doc_id: str, task_no: int, k: int, column: str, text: str, merged: bool, line: int) -> dict:
    role = header_role(column) or "other"
    year = _YEAR.match(fold(column))
    return {
        "doc_id": doc_id,
        "task_no": task_no,
        "column_no": k + 1,
        "column": column,
        "role": role,
        "year": int(year.group(1)) if role == "year" and year else None,
        "text": text,
        "is_merged": merged,
        "source_line": line,
    }


def _annual_cells(doc_id: str, table, matrix: pd.DataFrame) -> list[dict]:
    """An annual table's cells: each row's name, and its year cells in the year the matrix placed them.

    The cells as printed, column by column, are in the matrix (``year_column``).
    """
    out = []
    for row in table.rows:
        out.append(_cell(doc_id, row.task_no, 1, "项目", row.name, False, row.field_lines[1]))
    for r in matrix.itertuples(index=False):
        k = 2 + table.years.index(r.year) if r.year in table.years else 2 + len(table.years)
        out.append(_cell(doc_id, r.task_no, k, f"{r.year}年", r.text, False, r.source_line))
    return sorted(out, key=lambda c: (c["task_no"], c["column_no"]))


def _division_cells(doc_id: str, table: TaskTable) -> list[dict]:
    """A task-division table's non-empty cells; a row whose cells could not be placed has no column."""
    out = []
    for row in table.rows:
        placed = row.task_no not in table.unplaced
        for k, text in enumerate(row.fields):
            if not text:
                continue
            column = table.header_fields[k] if placed and k < len(table.header_fields) else ""
            out.append(
                _cell(
                    doc_id, row.task_no, k, column, text, (row.task_no, k) in table.merged, row.field_lines[k]
                )
            )
    return out


def _division_facts(doc_id: str, table: TaskTable) -> tuple[list[dict], list[dict], list[dict]]:
    """Tasks, milestones and responsibilities read from a task-division table."""
    roles = table.roles

    def col(role: str) -> int | None:
        return roles.index(role) if role in roles else None

    name_k, content_k = col("name"), col("content")
    tasks, milestones, units = [], [], []
    for row in table.rows:
        if row.task_no in table.unplaced:
            continue  # reported: nothing is read from cells whose columns are not known
        name = row.fields[name_k] if name_k is not None and name_k < len(row.fields) else ""
        content = row.fields[content_k] if content_k is not None and content_k < len(row.fields) else ""
        text = "。".join(p.rstrip("。") for p in (name, content) if p) + (
            "。" if content.endswith("。") else ""
        )
        if not text:
            continue
        first = (name or content).split("。")[0]
        title, basis = task_title(_Named(first))
        line = row.field_lines[name_k if name else content_k]  # type: ignore[index]
        sec = row.section
        tasks.append(
            {
                "doc_id": doc_id,
                "task_no": row.task_no,
                "task": title,
                "task_basis": basis,
                "section_no": sec.number if sec else None,
                "section": sec.label if sec else "",
                "text": text,
                "source_line": line,
            }
        )
        if content_k is not None and content:
            _, found = split_milestones(content, lambda _offset, line=row.field_lines[content_k]: line)
            for m in found:
                milestones.append(
                    _milestone(
                        doc_id, row.task_no, m.year_from, m.year_to, m.marker, m.text, "table", m.source_line
                    )
                )
        order = 0
        for k, role in enumerate(roles):
            cell = row.fields[k] if k < len(row.fields) else ""
            if not cell:
                continue
            line = row.field_lines[k]
            if role == "year":
                year = int(_YEAR.match(fold(table.header_fields[k])).group(1))  # type: ignore[union-attr]
                marker = table.header_fields[k]
                milestones.append(_milestone(doc_id, row.task_no, year, year, marker, cell, "table", line))
            elif role == "deadline":
                due = deadline_years(cell)
                milestones.append(_milestone(doc_id, row.task_no, None, due, cell, cell, "deadline", line))
            elif role in UNIT_ROLES:
                names = split_units(cell)
                for j, unit in enumerate(names):
                    order += 1
                    unit_role = role if role != "responsible" else ("lead" if j == 0 else "coop")
                    units.append(
                        {
                            "doc_id": doc_id,
                            "task_no": row.task_no,
                            "unit": unit,
                            "role": unit_role,
                            "order": order,
                            "source_line": row.field_lines[k],
                        }
                    )
    return tasks, milestones, units


@dataclass
class _Named:
    """The least of a task :func:`task_title` needs: its printed name."""

    task: str


def _milestone(
    doc_id: str,
    task_no: int,
    year_from: int | None,
    year_to: int | None,
    marker: str,
    text: str,
    source: str,
    line: int,
) -> dict:
    return dict(
        zip(MILESTONE_COLUMNS, (doc_id, task_no, year_from, year_to, marker, text, source, line), strict=True)
    )


def _ordered(rows: list[dict]) -> list[dict]:
    """Responsibility rows numbered 1, 2, … within each task, in listed order."""
    seen: dict[tuple[str, int], int] = {}
    out = []
    for r in rows:
        key = (r["doc_id"], r["task_no"])
        seen[key] = seen.get(key, 0) + 1
        out.append({**r, "order": seen[key]})
    return out


def _account(
    seed: SeedFile,
    docs: list[Document],
    parses: dict[str, tuple[ProseParse | None, list, str]],
    frames: list[tuple[str, pd.DataFrame]],
    generals: dict[str, GeneralReading] | None = None,
) -> pd.DataFrame:
    cited: dict[tuple[str, int], set[str]] = {}
    for name, df in frames:
        for doc_id, line in zip(df["doc_id"], df["source_line"]):
            if pd.notna(line):
                cited.setdefault((doc_id, int(line)), set()).add(name)
    rows: list[dict] = []
    done: set[int] = set()
    generals = generals or {}
    for doc in docs:
        if doc.doc_id in generals:
            status = generals[doc.doc_id].lines
            for n in range(doc.first_line, doc.last_line + 1):
                st, kind, reason = status[n]
                names = cited.get((doc.doc_id, n), set())
                if names and st != "reported":
                    st = "used"
                rows.append(
                    {
                        "doc_id": doc.doc_id, "seed_file": doc.seed_file, "line": n, "status": st,
                        "kind": kind, "used_by": ",".join(sorted(names)), "reason": reason,
                        "text": doc.seed.lines[n - 1],
                    }
                )  # fmt: skip
                done.add(n)
            continue
        prose, table_lines, table_name = parses[doc.doc_id]
        used = {n: names for (d, n), names in cited.items() if d == doc.doc_id}
        records = account_document(doc, used, prose, table_lines, table_name=table_name or "matrix")
        rows += records_frame(doc.doc_id, doc.seed_file, dict(doc.numbered_lines()), records)
        done.update(records)
    rows += between_documents(seed, done)
    df = pd.DataFrame(rows, columns=ACCOUNTING_COLUMNS)
    return validate(df.sort_values("line", kind="stable").reset_index(drop=True), "line_accounting")
