"""The general reader: one document's outline, clauses, dates and tables, as table rows.

:func:`read_general` puts the pieces of :mod:`zone_lib.parse` together for one
document of a file:

1. tables first (:mod:`~zone_lib.parse.division_table`: from the HTML grid when there
   is one, else from the text's one-cell-per-line form), so their lines are not read
   as prose;
2. the outline (:mod:`~zone_lib.parse.outline`) and the role of every item; when a
   task table numbers the measures, the table's rows are the tasks and the prose items
   that name them are summaries;
3. per task: its responsibility clauses (:mod:`~zone_lib.parse.clauses`) with the
   conventions the text states, applied from where they are stated; its dated
   expressions (:mod:`~zone_lib.parse.dates`); its quantitative targets (and those of
   goal paragraphs, with the year of their sentence);
4. every line's status with its reason, and every problem with its line.

Rows are plain dicts in the corpus schemas; :mod:`zone_lib.own_document` makes the
frames. Roles in ``responsibilities`` are ``lead`` / ``coop`` (its schema has no other):
a unit labelled 牵头 / 参与 keeps its label; a list with no labels (``A、B负责``,
``责任单位：A、B``, a 指导部门 column) is written first-listed ``lead``, others ``coop``
there. ``clauses`` keeps what the text says: ``lead`` / ``coop`` for such a list only
where a stated convention (``列第一位者为牵头单位``) holds, from the line that states it on;
``resp`` otherwise; an unknown label as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zone_lib.parse.clauses import (
    Clause,
    clean_names,
    default_split,
    find_clauses,
    read_clause,
    states_first_leads,
    strip_clauses,
)
from zone_lib.parse.dates import DateMention, find_dates, sentence_year
from zone_lib.parse.division_table import DivisionTable, TableCell, find_text_tables, table_from_grid
from zone_lib.parse.outline import Node, Outline, Paragraph, decide, read_outline, summarise

#: Columns of ``OwnDocument.clauses``: every unit of every responsibility clause, as printed.
CLAUSE_COLUMNS = [
    "doc_id", "task_no", "unit", "role", "label", "is_collective", "is_implied", "scope", "remainder",
    "clause", "source_line",
]  # fmt: skip
#: Columns of ``OwnDocument.dates``: every dated expression, with its kind.
DATE_COLUMNS = ["doc_id", "task_no", "kind", "year_from", "year_to", "marker", "text", "source_line"]
_TABLE_ROLE = {
    "number": "number", "name": "name", "content": "content", "lead": "lead", "coop": "coop",
    "resp": "responsible", "deadline": "deadline", "note": "note",
}  # fmt: skip
_UNIT_MEANINGS = ("lead", "coop", "resp")
_CATEGORY_COUNT = re.compile(r"[（(]?共\s*\d+\s*项[）)]?$")
_FRAME_STATUS = {
    "blank": "blank line",
    "title": "the document's title",
    "doc number": "the document number",
    "salutation": "the addressees",
    "signature": "the issuer's signature",
    "date": "the date of signature",
    "publication note": "a note on publication",
    "annex marker": "the start of an annex",
    "annex list": "the list of annexes",
}
TITLE_MAX = 30


@dataclass
class GeneralReading:
    """What :func:`read_general` read from one document: rows for each table, and the lines."""

    tasks: list[dict] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)
    responsibilities: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)
    clauses: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    lines: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # line -> (status, kind, reason)
    problems: list[tuple[int, str]] = field(default_factory=list)
    outline: Outline | None = None
    table: DivisionTable | None = None

    @property
    def evidence(self) -> int:
        """How much it read: distinct (task, unit) and (task, year) pairs, and table cells."""
        units = {(r["task_no"], r["unit"]) for r in self.responsibilities}
        years = {(r["task_no"], y) for r in self.milestones for y in (r["year_from"], r["year_to"]) if y}
        return len(units) + len(years) + len(self.cells)


def _title(text: str) -> str:
    text = text.strip()
    return text[:TITLE_MAX] if len(text) > TITLE_MAX else text


def _sentence_at(text: str, pos: int) -> str:
    a = pos
    while a > 0 and text[a - 1] not in "。；;！？":
        a -= 1
    b = pos
    while b < len(text) and text[b] not in "。；;！？":
        b += 1
    return text[a : b + 1].strip()


def read_general(
    doc_id: str,
    lines: list[str],
    first: int,
    last: int,
    *,
    grids: list[list[list[TableCell | None]]] | None = None,
    split: Callable[[str], list[str]] = default_split,
    extract_targets: Callable[[str], list] | None = None,
) -> GeneralReading:
    """Read lines ``first``…``last`` of a file as one policy document.

    Args:
        doc_id: The id its rows get.
        lines: All lines of the file.
        first: The document's first line (1-based).
        last: Its last line.
        grids: The expanded grids of the page's HTML tables, if it was HTML (their
            cells' lines are lines of ``lines``).
        split: How a unit list is split into names.
        extract_targets: ``zone_lib.targets.extract_targets`` (or ``None`` for no targets).

    Returns:
        The :class:`GeneralReading`.
    """
    out = GeneralReading()
    tables = _tables(lines, first, last, grids)
    table = next((t for t in tables if t.is_task_table), None)
    table_lines = {n for t in tables for n in t.line_kinds}
    outline = decide(read_outline(lines, first, last, table_lines))
    out.outline, out.table = outline, table
    if table is not None and table.rows:
        summarise(outline, "summary: the table lists the measures")
    tasks = outline.tasks()
    numbers = [t.number for t in tasks]
    use_printed = len(set(numbers)) == len(numbers) and len({t.rank for t in tasks}) == 1
    task_no = {id(t): (t.number if use_printed else k) for k, t in enumerate(tasks, start=1)}
    # a stated convention (列第一位者为牵头单位) holds from the line that states it on
    stated = [n for n in range(first, last + 1) if states_first_leads(lines[n - 1])]
    state = {"first_leads_from": stated[0] if stated else None}
    para_task: dict[int, int] = {}
    for node in tasks:
        no = task_no[id(node)]
        for p in node.paragraphs():
            para_task[p.line] = no
        _read_task(out, doc_id, node, no, state, split)
    _read_other_paragraphs(out, doc_id, outline, para_task, state, split)
    if table is not None:
        _read_table(out, doc_id, table, split, state)
    if extract_targets is not None:
        _targets(out, doc_id, outline, para_task, extract_targets, lines)
    _problems(out, outline, tables, tasks)
    _lines(out, lines, first, last, outline, tables)
    return out


def _tables(
    lines: list[str], first: int, last: int, grids: list[list[list[TableCell | None]]] | None
) -> list[DivisionTable]:
    if grids:
        found = [t for t in (table_from_grid(g) for g in grids) if t is not None]
        return [t for t in found if first <= t.first_line <= last]
    region = [""] * (first - 1) + lines[first - 1 : last]
    return find_text_tables(region)


def _read_task(
    out: GeneralReading, doc_id: str, node: Node, no: int, state: dict, split: Callable[[str], list[str]]
) -> None:
    paragraphs = node.paragraphs()
    text = "".join(p.text for p in paragraphs)
    section = node.parent
    heading = node.heading
    out.tasks.append(
        {
            "doc_id": doc_id,
            "task_no": no,
            "task": _title(heading or node.text),
            "task_basis": "printed",
            "section_no": section.number if section is not None else None,
            "section": section.heading if section is not None else "",
            "text": f"{node.marker}{text}" if text else node.marker,
            "source_line": node.line,
        }
    )
    units: dict[str, dict] = {}
    for p in paragraphs:
        clauses = find_clauses(p.text, split)
        for clause in clauses:
            _clause_rows(out, doc_id, no, clause, p.line, state, units)
        bare = strip_clauses(p.text, clauses) if clauses else p.text
        for d in find_dates(p.text):
            _date_row(out, doc_id, no, d, p, bare)
    order = 0
    for unit, r in units.items():
        order += 1
        out.responsibilities.append({**r, "unit": unit, "order": order})


def _clause_rows(
    out: GeneralReading,
    doc_id: str,
    no: int | None,
    clause: Clause,
    line: int,
    state: dict,
    units: dict[str, dict] | None,
) -> None:
    convention = _convention_holds(state, line)
    has_lead = any(u.role == "lead" for u in clause.units)
    first_resp = True
    for u in clause.units:
        if u.role in ("lead", "coop"):
            role, explicit = u.role, True
        elif u.role == "resp":
            role, explicit = ("lead" if first_resp and not has_lead else "coop"), False
            first_resp = False
        else:
            role, explicit = "", False
        out.clauses.append(
            {
                "doc_id": doc_id, "task_no": no, "unit": u.unit,
                "role": role if convention and u.role == "resp" else u.role, "label": u.label,
                "is_collective": u.is_collective, "is_implied": False, "scope": clause.scope,
                "remainder": clause.remainder, "clause": clause.text, "source_line": line,
            }
        )  # fmt: skip
        if not role:
            continue  # an unknown label: kept in clauses, reported
        if units is None:
            continue
        known = units.get(u.unit)
        if known is None or (explicit and not known["_explicit"]):
            units[u.unit] = {
                "doc_id": doc_id, "task_no": no, "role": role, "source_line": line, "_explicit": explicit,
            }  # fmt: skip
    for name in clause.not_listed:
        out.clauses.append(
            {
                "doc_id": doc_id, "task_no": no, "unit": name, "role": "resp", "label": "不再列出",
                "is_collective": False, "is_implied": True, "scope": "", "remainder": clause.remainder,
                "clause": clause.text, "source_line": line,
            }
        )  # fmt: skip
    for label in clause.unknown_labels:
        out.problems.append(
            (
                line,
                f"responsibility clause with a role label it does not know: {label} "
                "(its units are kept in clauses under that label, not in responsibilities)",
            )
        )
    if clause.is_cut_off:
        out.problems.append(
            (line, f"responsibility clause cut off before its closing bracket: {clause.text[:40]}")
        )


def _convention_holds(state: dict, line: int) -> bool:
    """Whether a stated first-leads convention holds at ``line`` (stated there or before)."""
    since = state.get("first_leads_from")
    return since is not None and line >= since


def _date_row(
    out: GeneralReading, doc_id: str, no: int | None, d: DateMention, p: Paragraph, bare: str
) -> None:
    out.dates.append(
        {
            "doc_id": doc_id, "task_no": no, "kind": d.kind, "year_from": d.year_from, "year_to": d.year_to,
            "marker": d.marker, "text": _sentence_at(p.text, d.start), "source_line": p.line,
        }
    )  # fmt: skip
    if no is None or not d.years:
        return
    row = {
        "doc_id": doc_id, "task_no": no, "year_from": d.year_from, "year_to": d.year_to, "marker": d.marker,
        "text": _sentence_at(p.text, d.start), "source": "prose", "source_line": p.line,
    }  # fmt: skip
    key = (no, d.year_from, d.year_to, d.marker)
    if all((r["task_no"], r["year_from"], r["year_to"], r["marker"]) != key for r in out.milestones):
        out.milestones.append(row)


def _read_other_paragraphs(
    out: GeneralReading,
    doc_id: str,
    outline: Outline,
    para_task: dict[int, int],
    state: dict,
    split: Callable[[str], list[str]],
) -> None:
    """Clauses and dates outside tasks: kept in ``clauses`` / ``dates``; a convention stated there holds."""
    for node in outline.nodes:
        for p in [Paragraph(node.line, node.text), *node.body, *node.closing]:
            if p.line in para_task:
                continue
            for clause in find_clauses(p.text, split):
                _clause_rows(out, doc_id, None, clause, p.line, state, None)
            for d in find_dates(p.text):
                _date_row(out, doc_id, None, d, p, p.text)


def _cell_clause(text: str, split: Callable[[str], list[str]]) -> list | None:
    """The units of a unit cell that states roles or a verb itself, each with its role.

    ``X牵头，Y、Z配合`` or ``X、Y按职责分工负责`` in a 责任单位 cell; ``None`` for a plain list of names.
    """
    clause = read_clause(text, split)
    if clause is None or not clause.units or clause.remainder:
        return None
    return list(clause.units)


def _read_table(
    out: GeneralReading,
    doc_id: str,
    table: DivisionTable,
    split: Callable[[str], list[str]],
    state: dict | None = None,
) -> None:
    name_k, content_k = table.column("name"), table.column("content")
    for row in table.rows:
        cells = row.cells
        for k, cell in enumerate(cells[: len(table.header)]):
            if cell is None or not cell.text:
                continue
            meaning = table.meanings[k] if row.is_placed else ""
            out.cells.append(
                {
                    "doc_id": doc_id, "task_no": row.number, "column_no": k + 1,
                    "column": table.header[k] if row.is_placed else "",
                    "role": _TABLE_ROLE.get(meaning, "other"), "year": None, "text": cell.text,
                    "is_merged": cell.is_merged, "source_line": cell.line,
                }
            )  # fmt: skip
        if not row.is_placed:
            continue

        name, content = _cell_text(cells, name_k), _cell_text(cells, content_k)
        if not (name or content):
            continue
        category = _CATEGORY_COUNT.sub("", re.sub(r"^[一二三四五六七八九十]+[、.．]", "", row.category))
        out.tasks.append(
            {
                "doc_id": doc_id, "task_no": row.number, "task": _title(name or content.split("。")[0]),
                "task_basis": "printed", "section_no": row.category_no, "section": category,
                "text": "。".join(x.rstrip("。") for x in (name, content) if x) + "。",
                "source_line": row.line,
            }
        )  # fmt: skip
        units: dict[str, dict] = {}
        for k, meaning in enumerate(table.meanings):
            cell = cells[k] if k < len(cells) else None
            if cell is None or not cell.text.strip("/／—-－无 "):
                continue
            if meaning in _UNIT_MEANINGS:
                names, collective = clean_names(cell.text, split)
                labelled = _cell_clause(cell.text, split)
                if labelled:
                    names = [u.unit for u in labelled]
                convention = _convention_holds(state or {}, cell.line)
                for j, unit in enumerate(names):
                    role = meaning if meaning != "resp" else ("lead" if j == 0 else "coop")
                    stated = labelled[j].role if labelled and labelled[j].role in ("lead", "coop") else None
                    if stated:
                        role = stated
                    out.clauses.append(
                        {
                            "doc_id": doc_id, "task_no": row.number, "unit": unit,
                            "role": role if convention or stated else meaning,
                            "label": labelled[j].label if labelled else table.header[k],
                            "is_collective": collective or unit.startswith("各"),
                            "is_implied": False,
                            "scope": "", "remainder": "", "clause": cell.text, "source_line": cell.line,
                        }
                    )  # fmt: skip
                    if unit not in units or (meaning != "resp" and units[unit]["role"] != meaning):
                        units[unit] = {
                            "doc_id": doc_id, "task_no": row.number, "role": role, "source_line": cell.line,
                        }  # fmt: skip
            elif meaning in ("deadline", "content", "name"):
                for d in find_dates(cell.text):
                    if d.years:
                        out.milestones.append(
                            {
                                "doc_id": doc_id, "task_no": row.number, "year_from": d.year_from,
                                "year_to": d.year_to, "marker": d.marker, "text": cell.text,
                                "source": "deadline" if meaning == "deadline" else "table",
                                "source_line": cell.line,
                            }
                        )  # fmt: skip
            elif meaning not in ("number", "scope", "note", "other"):
                for unit in split(cell.text):
                    out.clauses.append(
                        {
                            "doc_id": doc_id, "task_no": row.number, "unit": unit, "role": meaning,
                            "label": meaning, "is_collective": False, "is_implied": False, "scope": "",
                            "remainder": "", "clause": cell.text, "source_line": cell.line,
                        }
                    )  # fmt: skip
        for order, (unit, r) in enumerate(units.items(), start=1):
            out.responsibilities.append({**r, "unit": unit, "order": order})
    unknown = [
        h
        for h, m in zip(table.header, table.meanings)
        if m not in _TABLE_ROLE and m not in ("scope", "other")
    ]
    for h in unknown:
        out.problems.append(
            (
                table.first_line,
                f"table column with a role it does not know: {h} "
                "(its units are kept in clauses under that label)",
            )
        )


def _cell_text(cells: list[TableCell | None], k: int | None) -> str:
    c = cells[k] if k is not None and k < len(cells) else None
    return c.text if c is not None else ""


def _targets(
    out: GeneralReading,
    doc_id: str,
    outline: Outline,
    para_task: dict[int, int],
    extract: Callable[[str], list],
    lines: list[str] | None = None,
) -> None:
    seen: set[int] = set()
    paragraphs: list[tuple[Paragraph, str]] = []
    # an unnumbered paragraph outside any item (a notice's or a 方案's preamble) that sets a goal
    # for a year (到2020年, 力争到2022年) is read too; only its numbers in a dated sentence count
    goal_lines = set()
    for n, (kind, _reason) in outline.frame.items():
        if kind == "preamble" and lines and any(d.kind == "by-year" for d in find_dates(lines[n - 1])):
            paragraphs.append((Paragraph(n, lines[n - 1]), "prose"))
            seen.add(n)
            goal_lines.add(n)
    for node in outline.nodes:
        if node.role == "summary":
            continue
        for p in [Paragraph(node.line, node.text), *node.body]:
            if p.line not in seen:
                seen.add(p.line)
                paragraphs.append((p, "task" if p.line in para_task else "prose"))
    for p, source in sorted(paragraphs, key=lambda x: x[0].line):
        clauses = find_clauses(p.text)
        text = strip_clauses(p.text, clauses) if clauses else p.text
        mentions = find_dates(text)
        for t in extract(text):
            year = sentence_year(text, t.start, mentions)
            if p.line in goal_lines and not _own_sentence_dated(text, t.start):
                continue
            out.targets.append(_target(doc_id, para_task.get(p.line), year, t, source, p.line))
    for c in out.cells:
        if c["role"] in ("content", "name"):
            for t in extract(c["text"]):
                year = sentence_year(c["text"], t.start)
                out.targets.append(_target(doc_id, c["task_no"], year, t, "table", c["source_line"]))


def _own_sentence_dated(text: str, at: int) -> bool:
    """Whether the sentence around offset ``at`` names a year itself (a goal, not background)."""
    a = max(text.rfind(ch, 0, at) for ch in "。；;！？") + 1
    ends = [k for k in (text.find(ch, at) for ch in "。；;！？") if k >= 0]
    return any(d.years for d in find_dates(text[a : min(ends) if ends else len(text)]))


def _target(doc_id: str, no: int | None, year: int | None, t, source: str, line: int) -> dict:
    return {
        "doc_id": doc_id, "task_no": no, "year": year, "value": t.value, "unit": t.unit,
        "comparator": t.comparator, "subject": t.subject, "text": t.span, "source": source,
        "source_line": line,
    }  # fmt: skip


def _problems(out: GeneralReading, outline: Outline, tables: list[DivisionTable], tasks: list[Node]) -> None:
    for t in tables:
        out.problems += t.problems
    if not tasks and not out.tasks:
        items = outline.nodes
        if items:
            roles = sorted({n.role for n in items})
            out.problems.append(
                (items[0].line, f"{len(items)} numbered items but no task: they read as {', '.join(roles)}")
            )
        elif outline.frame:
            first = min(n for n, (k, _) in outline.frame.items() if k != "blank")
            out.problems.append((first, "no numbered item and no task table: no task to read"))
    for group in _sibling_groups(outline):
        previous = None
        for n in group:
            if previous is not None and n.number != previous.number + 1:
                if n.number > previous.number + 1:
                    out.problems.append(
                        (
                            n.line,
                            f"numbering skips: {n.marker} follows {previous.marker} (an item is missing)",
                        )
                    )
                elif n.number <= previous.number:
                    out.problems.append(
                        (n.line, f"numbering goes back: {n.marker} follows {previous.marker}")
                    )
            previous = n


def _sibling_groups(outline: Outline) -> list[list[Node]]:
    """Runs of tasks of one rank, numbered on across parts when their numbering continues."""
    tasks = [n for n in outline.nodes if n.role in ("task", "summary")]
    groups: list[list[Node]] = []
    for n in tasks:
        if (
            groups
            and groups[-1][-1].rank == n.rank
            and (n.parent is groups[-1][-1].parent or n.number == groups[-1][-1].number + 1 or n.number != 1)
        ):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _lines(
    out: GeneralReading,
    lines: list[str],
    first: int,
    last: int,
    outline: Outline,
    tables: list[DivisionTable],
) -> None:
    status: dict[int, tuple[str, str, str]] = {}
    for n, (kind, _reason) in outline.frame.items():
        if kind in _FRAME_STATUS:
            status[n] = ("boilerplate", kind, _FRAME_STATUS[kind])
        elif kind == "preamble":
            status[n] = ("boilerplate", "narrative", "unnumbered paragraph outside any numbered item")
    for t in tables:
        for n, (kind, reason) in t.line_kinds.items():
            what = "table " + kind
            if kind == "cell" and t.is_task_table:
                status[n] = ("used", what, reason)
            else:
                status[n] = (
                    "boilerplate",
                    what,
                    reason if t.is_task_table else f"{reason} (not a task table)",
                )
    for node in outline.nodes:
        role = node.role
        if role == "task":
            status[node.line] = ("used", "task", f"{node.reason}: {node.marker}{node.heading[:20]}")
            body_kind = ("used", "task body", f"paragraph of task {node.marker}")
        elif role == "sub-item":
            status[node.line] = ("used", "task point", node.reason)
            body_kind = ("used", "task body", node.reason)
        elif role == "framework":
            status[node.line] = ("boilerplate", "framework", node.reason)
            body_kind = ("boilerplate", "framework", node.reason)
        elif role == "summary":
            status[node.line] = ("boilerplate", "summary", node.reason)
            body_kind = ("boilerplate", "summary", node.reason)
        else:
            status[node.line] = ("boilerplate", "part heading", f"{role}: {node.marker}{node.heading[:20]}")
            body_kind = ("boilerplate", "narrative", f"prose of {role} {node.marker}")
        for p in node.body:
            status[p.line] = body_kind
        for p in node.closing:
            status[p.line] = (
                "boilerplate",
                "closing",
                "closing paragraph after the last task, not part of it",
            )
    for n, reason in out.problems:
        _, kind, _ = status.get(n, ("", "unclassified", ""))
        status[n] = ("reported", kind, reason)
    for n in range(first, last + 1):
        if n not in status:
            text = lines[n - 1].strip()
            status[n] = (
                ("unclassified", "unclassified", "") if text else ("boilerplate", "blank", "blank line")
            )
    out.lines = status
