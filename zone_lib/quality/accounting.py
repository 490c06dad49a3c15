"""Line accounting: every line of every seed file is used, known boilerplate, or reported.

Nothing a parser reads may vanish. :func:`line_accounting` lists every line of
the seed files (every document, and the blank lines between documents) with a
``status``:

``used``
    The line feeds a table: ``used_by`` names them (``documents``, ``tasks``,
    ``milestones``, ``responsibilities``, ``targets``, ``matrix``,
    ``plan_tree``, ``plan_goals``, ``copy_alignment``, ``reported_progress``).
``boilerplate``
    The line is recognised and carries nothing the tables hold; ``kind`` says
    what it is: a blank line, a repeated table header, a page number, a cover,
    addressee, signature or date line (patterns in ``data/boilerplate.json``),
    narrative prose outside the numbered tasks (preamble, section introduction,
    closing paragraphs), or the text of a document with no task or plan structure
    (the gazette's toll-station reply, say).
``reported``
    A parser looked at the line and could not read it as the structure expects
    (a task number out of sequence, a unit line with no task, a paragraph between
    two tasks that continues neither, an unrecognised or duplicated table row, a
    row whose cells do not match the header); ``reason`` says why.
``unclassified``
    No parser and no boilerplate pattern accounts for the line. The test suite
    asserts there is none in the seeds; ``zone check`` reports any as an error.

The same classification serves :func:`zone_lib.read_document` (its ``lines`` and
``problems``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd

from zone_lib.analysis.copies import copy_alignment, find_copies
from zone_lib.analysis.progress import REPORT_DOC, reported_progress
from zone_lib.errors import TableParseError, ZoneError
from zone_lib.ingest.corpus import Document, Seeds, load_corpus
from zone_lib.parse.annual_table import TableLine, find_table, table_start
from zone_lib.parse.prose_tasks import ProseParse, ends_sentence
from zone_lib.parse.structure import prose_of, structure_of
from zone_lib.parse.task_division import find_task_table, parse_task_table
from zone_lib.schemas import checked
from zone_lib.tables.matrix import analysis, matrix
from zone_lib.tables.plans import plan_goals, plan_tree
from zone_lib.tables.targets import targets
from zone_lib.tables.tasks import milestones, responsibilities, task_documents, tasks
from zone_lib.textutil import fold, strip_markup

#: Columns of :func:`line_accounting`.
ACCOUNTING_COLUMNS = ["doc_id", "seed_file", "line", "status", "kind", "used_by", "reason", "text"]
#: Columns of :func:`accounting_summary` after the grouping column.
SUMMARY_COUNTS = ["lines", "used", "boilerplate", "reported", "unclassified"]
STATUSES = ("used", "boilerplate", "reported", "unclassified")

_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日")
_WHY = {
    "before the tasks": "preamble (before the numbered tasks)",
    "section introduction": "section introduction (before its first task)",
    "after the tasks": "closing prose (after the last task)",
    "outside the tasks": "prose outside the numbered tasks",
}
_TABLE_KINDS = {"row", "section", "continuation"}
_FACT_KINDS = (
    ("plan_goals", "plan goal"),
    ("plan_tree", "plan heading"),
    ("milestones", "milestone"),
    ("targets", "target"),
    ("copy_alignment", "copied sentence"),
    ("reported_progress", "progress statement"),
)
_PROSE_TABLES = {"task": "tasks", "continuation": "tasks", "units": "responsibilities"}


@dataclass
class LineRecord:
    """How one line was accounted for."""

    status: str
    kind: str
    used_by: set[str] = field(default_factory=set)
    reason: str = ""


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    text = resources.files("zone_lib").joinpath("data/boilerplate.json").read_text(encoding="utf-8")
    return [(p["kind"], re.compile(p["pattern"])) for p in json.loads(text)["patterns"]]


def boilerplate_kind(text: str) -> str | None:
    """The kind of boilerplate a line is (``page number``, ``signature`` …), or None.

    Blank lines and lines of markup alone (``**``) are ``blank``.
    """
    if not fold(text):
        return "blank"
    norm = unicodedata.normalize("NFKC", strip_markup(text)).strip()
    for kind, pattern in _patterns():
        if pattern.search(norm):
            return kind
    return None


def _title_lines(doc: Document) -> set[int]:
    """Lines printing the document's title (up to three lines spelling it exactly)."""
    lines = [(n, fold(text)) for n, text in doc.numbered_lines() if fold(text)]
    out: set[int] = set()
    for title in {fold(t) for t in (doc.detected_title, doc.title) if t}:
        for k, (n, first) in enumerate(lines):
            if not title.startswith(first):
                continue
            got, block = first, [n]
            for m, more in lines[k + 1 : k + 3]:
                if got == title:
                    break
                got, block = got + more, [*block, m]
            if got == title:
                out.update(block)
    return out


def _cover_kind(doc: Document, text: str) -> str | None:
    """``document number`` or ``date`` if the line prints the document's own."""
    folded = fold(text)
    if doc.doc_number and folded.strip("()") == fold(doc.doc_number):
        return "document number"
    m = _DATE.match(folded)
    if m and doc.date == "{:04d}-{:02d}-{:02d}".format(*(int(g) for g in m.groups())):
        return "date"
    return None


def _fact_kind(tables: set[str]) -> str:
    """What a line cited by these tables is, for the ``kind`` column."""
    for table, kind in _FACT_KINDS:
        if table in tables:
            return kind
    return "text"


def account_document(
    doc: Document,
    used_by: dict[int, set[str]],
    prose: ProseParse | None = None,
    table_lines: Iterable[TableLine] = (),
    body_from: int | None = None,
    table_name: str = "matrix",
) -> dict[int, LineRecord]:
    """Classify every line of one document.

    Args:
        doc: The document.
        used_by: Line -> names of the tables citing it (their ``source_line``).
        prose: The parse of its numbered tasks, for a task document.
        table_lines: How the lines of its table region were read, if it has a table.
        body_from: For a plan, the first line of its section tree: every non-blank
            line from there on is text of the tree (``plan_tree``).
        table_name: The table the rows of ``table_lines`` feed (``matrix``, or
            ``task_table`` for a task-division table).

    Returns:
        Line number -> :class:`LineRecord`, for every line of the document.
    """
    out: dict[int, LineRecord] = {}
    table = {ln.line_no: ln for ln in table_lines}
    titles = _title_lines(doc)
    holding = {s.source_line for s in prose.sections} if prose else set()
    problems = dict(prose.problems) if prose else {}
    for n, text in doc.numbered_lines():
        facts = set(used_by.get(n, ()))
        t = table.get(n)
        if t is not None and t.problem:
            kind = "table row" if t.kind in _TABLE_KINDS else f"table {t.kind}"
            out[n] = LineRecord(
                "reported", kind, facts | ({table_name} if t.kind == "row" else set()), t.note
            )
            continue
        if n in problems:
            out[n] = LineRecord("reported", "task text", facts, problems[n])
            continue
        if t is not None and t.kind in _TABLE_KINDS:
            out[n] = LineRecord("used", f"table {t.kind}", facts or {table_name})
            continue
        if t is not None:
            kind = {"header": "table header", "caption": "table caption"}.get(t.kind, t.kind)
            out[n] = LineRecord("boilerplate", kind, facts, t.note)
            continue
        role = prose.used_lines.get(n) if prose else None
        if role in _PROSE_TABLES:
            out[n] = LineRecord(
                "used", f"task {role}" if role != "task" else "task", facts | {_PROSE_TABLES[role]}
            )
            continue
        if role in ("section", "part") and n in holding:
            out[n] = LineRecord("used", f"{role} heading", facts | {"tasks"})
            continue
        if facts:
            out[n] = LineRecord("used", _fact_kind(facts), facts)
            continue
        if n in titles:
            out[n] = LineRecord("used", "title", {"documents"})
            continue
        if body_from is not None and n >= body_from and text.strip():
            out[n] = LineRecord("used", "plan text", {"plan_tree"})
            continue
        cover = _cover_kind(doc, text)
        if cover is not None:
            out[n] = LineRecord("used", cover, {"documents"})
            continue
        kind = boilerplate_kind(text)
        if kind is not None:
            out[n] = LineRecord("boilerplate", kind)
            continue
        if role in ("section", "part"):
            out[n] = LineRecord("boilerplate", "heading", reason="a heading that holds no numbered task")
            continue
        if prose is not None and n in prose.other_lines:
            out[n] = LineRecord("boilerplate", "narrative", reason=_WHY[prose.other_lines[n]])
            continue
        if structure_of(doc) == "plan" and body_from is not None and n < body_from:
            out[n] = LineRecord("boilerplate", "narrative", reason="preamble (before the first heading)")
            continue
        if structure_of(doc) not in ("tasks", "plan"):
            why = "a document with no task or plan structure; its text is not extracted"
            out[n] = LineRecord("boilerplate", "not extracted", reason=why)
            continue
        out[n] = LineRecord(
            "unclassified", "", reason="no parser read this line and it is no known boilerplate"
        )
    _continuations(doc, out)
    if structure_of(doc) == "plan" and body_from is None:  # a plan printed with no heading (a web copy)
        for r in out.values():
            if r.status == "unclassified":
                r.status, r.kind, r.reason = (
                    "boilerplate",
                    "narrative",
                    "plan text in no section (no headings)",
                )
    return out


def _continuations(doc: Document, out: dict[int, LineRecord]) -> None:
    """A line left unclassified that goes on with the sentence of a used line above it is used too.

    The parsers that cite a sentence by its first line (``copy_alignment``) join
    the lines a page break left open; the lines after the first are theirs as well.
    """
    previous: tuple[str, LineRecord] | None = None
    for n, text in doc.numbered_lines():
        if not text.strip():
            continue
        record = out[n]
        if record.status == "unclassified" and previous is not None:
            above, used = previous
            if used.status == "used" and not ends_sentence(strip_markup(above)):
                record.status, record.kind, record.reason = "used", "continuation", ""
                record.used_by = set(used.used_by)
        previous = (text, record)


def unreadable_table(numbered_lines: list[tuple[int, str]], error: TableParseError) -> list[TableLine]:
    """The lines of a table that cannot be parsed, each reported with the parser's message."""
    k = table_start(numbered_lines)
    region = numbered_lines[k:] if k is not None else []
    return [
        TableLine(n, "unrecognised", None, f"the table cannot be read: {error}", problem=True)
        for n, text in region
        if text.strip()
    ]


def records_frame(
    doc_id: str, seed_file: str, lines: dict[int, str], records: dict[int, LineRecord]
) -> list[dict]:
    """Rows of :func:`line_accounting` for some classified lines."""
    return [
        {
            "doc_id": doc_id,
            "seed_file": seed_file,
            "line": n,
            "status": r.status,
            "kind": r.kind,
            "used_by": ",".join(sorted(r.used_by)),
            "reason": r.reason,
            "text": lines[n],
        }
        for n, r in sorted(records.items())
    ]


def _cited(frames: Iterable[tuple[str, pd.DataFrame, str]]) -> dict[tuple[str, int], set[str]]:
    """(doc_id, line) -> names of the tables whose ``line_column`` cites that line."""
    out: dict[tuple[str, int], set[str]] = {}
    for name, df, column in frames:
        if df.empty:
            continue
        for doc_id, line in zip(df["doc_id"], df[column]):
            if pd.notna(line):
                out.setdefault((doc_id, int(line)), set()).add(name)
    return out


def _corpus_facts(seeds: Seeds) -> dict[tuple[str, int], set[str]]:
    """Every (doc_id, line) a public table of the corpus cites, with the tables citing it."""
    corpus = load_corpus(seeds)
    frames: list[tuple[str, pd.DataFrame, str]] = [
        ("tasks", tasks(None, seeds), "source_line"),
        ("milestones", milestones(None, seeds), "source_line"),
        ("responsibilities", responsibilities(None, seeds), "source_line"),
        ("targets", targets(None, seeds), "source_line"),
        ("plan_goals", plan_goals(None, seeds), "source_line"),
    ]
    for doc_id in task_documents(seeds):
        if find_table(corpus.get(doc_id).numbered_lines()) is not None:
            try:
                frames.append(("matrix", matrix(doc_id, seeds), "source_line"))
            except TableParseError:
                pass  # its lines are reported by unreadable_table()
    frames.append(("plan_tree", plan_tree(None, seeds), "source_line"))
    copies = find_copies(seeds)
    for r in copies.itertuples(index=False):
        a = copy_alignment(r.copy_id, r.original_id, seeds)
        frames.append(("copy_alignment", a.assign(doc_id=r.copy_id), "copy_line"))
    try:
        progress = reported_progress(seeds).assign(doc_id=REPORT_DOC)
        frames.append(("reported_progress", progress, "source_line"))
    except (ZoneError, LookupError):
        pass  # the corpus has no such report
    return _cited(frames)


def _structure_of(doc: Document, seeds: Seeds) -> tuple[ProseParse | None, list[TableLine], int | None]:
    """The parses the accounting needs: prose tasks, table lines, the plan tree's first line."""
    structure = structure_of(doc)
    if structure == "tasks":
        lines = doc.numbered_lines()
        table: list[TableLine] = []
        try:
            if find_table(lines) is not None:
                table = analysis(doc.doc_id, seeds).table.lines
            elif find_task_table(lines) is not None:
                table = parse_task_table(lines, doc.seed_file).lines
        except TableParseError as exc:
            table = unreadable_table(lines, exc)
        return prose_of(doc), table, None
    if structure == "plan":
        tree = plan_tree(doc.doc_id, seeds)
        return None, [], int(tree.source_line.min()) if len(tree) else None
    return None, [], None


def between_documents(seed, done: set[int]) -> list[dict]:
    """Account for the lines of a seed file that no document holds.

    Args:
        seed: The seed file (:class:`zone_lib.ingest.corpus.SeedFile`).
        done: Line numbers already accounted for by the documents.

    Returns:
        Accounting rows: blank lines are boilerplate, any other line is unclassified.
    """
    between = {n: text for n, text in enumerate(seed.lines, start=1) if n not in done}
    records = {
        n: LineRecord("boilerplate", "blank", reason="between documents")
        if not text.strip()
        else LineRecord("unclassified", "", reason="outside every document")
        for n, text in between.items()
    }
    return records_frame("", seed.name, between, records)


@checked("line_accounting")
def line_accounting(doc_id: str | None = None, seeds: Seeds = None) -> pd.DataFrame:
    """How every line of the seed files was accounted for.

    Args:
        doc_id: One document (see ``documents()``); None for every line of every seed
            file, the blank lines between documents included (their ``doc_id`` is
            ``""``).
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`ACCOUNTING_COLUMNS`, one row per line: ``status`` is
        ``used``, ``boilerplate``, ``reported`` or ``unclassified`` (see the module
        docstring), ``kind`` what the line is (``task``, ``table row``,
        ``page number``, ``narrative`` …), ``used_by`` the tables citing it
        (comma-separated), ``reason`` why it was reported or left out, ``text``
        the line as printed. :func:`accounting_summary` counts it.

    Raises:
        DocumentNotFoundError: If ``doc_id`` is not a document of the corpus.
    """
    corpus = load_corpus(seeds)
    docs = corpus.docs if doc_id is None else (corpus.get(doc_id),)
    facts = _corpus_facts(seeds)
    rows: list[dict] = []
    covered: dict[str, set[int]] = {}
    for doc in docs:
        prose, table, body_from = _structure_of(doc, seeds)
        used = {n: names for (d, n), names in facts.items() if d == doc.doc_id}
        records = account_document(doc, used, prose, table, body_from)
        rows += records_frame(doc.doc_id, doc.seed_file, dict(doc.numbered_lines()), records)
        covered.setdefault(doc.seed_file, set()).update(records)
    if doc_id is None:
        for seed in corpus.files:
            rows += between_documents(seed, covered.get(seed.name, set()))
    df = pd.DataFrame(rows, columns=ACCOUNTING_COLUMNS)
    return df.sort_values(["seed_file", "line"], kind="stable").reset_index(drop=True)


def accounting_summary(accounting: pd.DataFrame, by: str = "seed_file") -> pd.DataFrame:
    """Count the lines of a :func:`line_accounting` table by status.

    Args:
        accounting: The table returned by :func:`line_accounting` (or a part of it).
        by: The column to group by: ``seed_file`` or ``doc_id``.

    Returns:
        One row per group, columns ``by`` then :data:`SUMMARY_COUNTS`, and a last row
        ``total``.
    """
    counts = (
        accounting.groupby([by, "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=STATUSES, fill_value=0)
    )
    counts.insert(0, "lines", counts.sum(axis=1))
    counts.loc["total"] = counts.sum()
    return counts.reset_index().rename(columns={"index": by}).astype({c: "int64" for c in SUMMARY_COUNTS})
