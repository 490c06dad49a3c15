"""The annual task table (年度主要任务) as PDF-to-text leaves it.

The table arrives as tab-separated lines: a caption, header lines repeated at
every page break (``编号 年度 … 2019年 2020年 …`` / ``项目 任务``), section labels
(``(一) 夯实互联互通基础。``, sometimes split over two cells), and one line per
task row whose cells may be shifted by one column. A row or label broken over
lines (a page break inside a cell) is joined back.

Every line of the table region is classified as caption, header, section label,
task row, continuation or blank; anything else is reported with its line number.
This module reads the layout only; which year a cell belongs to is decided in
:mod:`zone_lib.tables.reconcile`, from the column structure and the prose.

Two more layouts:

* a table copied from a web page with **one cell per line** (``序号`` / ``任务`` /
  ``2019年`` … each on its own line, ``/`` for an empty cell, a merged cell
  printed once) is first rewritten into the tab-separated layout by
  :func:`cells_to_rows`, line numbers unchanged;
* a **task-division table** (分工表) is found here (:func:`table_start`) but read by
  :mod:`zone_lib.parse.task_division`.

The header words of every column role are data: ``data/table_layouts.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from zone_lib.errors import TableParseError
from zone_lib.textutil import chinese_numeral, collapse_ws, fold

_ROW_START = re.compile(r"^[ \u3000]*(\d{1,3})\s*(?:\t|$)")
_DIGITS = re.compile(r"^\d{1,3}$")
_SECTION = re.compile(r"^\s*[(（]\s*([一二三四五六七八九十]+)\s*[)）]")
#: Roles whose cells name units.
UNIT_ROLES = ("lead", "coop", "responsible")


@lru_cache(maxsize=1)
def layouts() -> dict:
    """The table vocabulary of ``data/table_layouts.json``, with a word -> role map added."""
    text = resources.files("zone_lib").joinpath("data/table_layouts.json").read_text(encoding="utf-8")
    rules = json.loads(text)
    rules["word_role"] = {fold(w): role for role, words in rules["roles"].items() for w in words}
    rules["year_re"] = re.compile(rules["year"])
    rules["empty"] = {fold(c) for c in rules["empty_cell"]}
    return rules


def header_role(cell: str) -> str | None:
    """The role of a header cell (``number``, ``name``, ``year`` …), or None if it is no header word."""
    text = fold(cell)
    if layouts()["year_re"].match(text):
        return "year"
    return layouts()["word_role"].get(text)


def _year_of(cell: str) -> int | None:
    m = layouts()["year_re"].match(fold(cell))
    return int(m.group(1)) if m else None


@dataclass
class TableLine:
    """How one line of the table region was read."""

    line_no: int
    kind: str  # caption, header, section, row, continuation, blank, duplicate, unrecognised
    task_no: int | None = None
    note: str = ""
    problem: bool = False  # reported: the line could not be read as the table expects


@dataclass
class TableSection:
    """A section label as the table prints it."""

    number: int | None  # the numeral printed, e.g. 8 for (八)
    label: str
    text: str  # the whole label as printed, cells joined
    source_line: int
    first_task: int | None = None


@dataclass
class TableRow:
    """One task row: its cells as split by tabs, with the line each starts on."""

    task_no: int
    fields: list[str]
    field_lines: list[int]
    lines: list[int]
    section: TableSection | None

    @property
    def name(self) -> str:
        """The task name (项目) column."""
        return self.fields[1] if len(self.fields) > 1 else ""


@dataclass
class AnnualTable:
    """The parsed layout of an annual task table."""

    caption: str
    caption_line: int
    header_fields: list[str]
    years: list[int]
    year_slots: dict[int, int]  # slot after the name column -> year, per the header
    rows: list[TableRow]
    sections: list[TableSection]
    lines: list[TableLine]
    problems: list[TableLine] = field(default_factory=list)

    @property
    def n_slots(self) -> int:
        """Number of cell slots after the name column, per the header."""
        return len(self.header_fields) - 2


class _Joined:
    """Raw text joined over lines; knows which line each character came from."""

    def __init__(self, text: str, line: int) -> None:
        self.text = text
        self.marks = [(0, line)]
        self.lines = [line]

    def add(self, text: str, line: int) -> None:
        self.marks.append((len(self.text), line))
        self.text += text
        self.lines.append(line)

    def line_at(self, offset: int) -> int:
        line = self.marks[0][1]
        for start, ln in self.marks:
            if start > offset:
                break
            line = ln
        return line

    def fields(self) -> tuple[list[str], list[int]]:
        values, lines, offset = [], [], 0
        for raw in self.text.split("\t"):
            lead = len(raw) - len(raw.lstrip())
            values.append(collapse_ws(raw))
            lines.append(self.line_at(offset + lead))
            offset += len(raw) + 1
        return values, lines


def _is_header(raw: str) -> tuple[bool, list[int]]:
    cells = [c for c in raw.split("\t")]
    filled = [c for c in cells if fold(c)]
    if not filled:
        return False, []
    roles = [header_role(c) for c in filled]
    years = [y for c in filled if (y := _year_of(c)) is not None]
    ok = all(roles)
    return ok and (bool(years) or len(filled) >= 2), years


def find_table(numbered_lines: list[tuple[int, str]]) -> int | None:
    """Index in ``numbered_lines`` of the first header line of a year table, or None.

    A table with one cell per line is looked for too (see :func:`cells_to_rows`,
    which keeps the lines' indexes).
    """
    found = _find_tab_table(numbered_lines)
    if found is None:
        converted, _ = cells_to_rows(numbered_lines)
        if converted is not numbered_lines:
            found = _find_tab_table(converted)
    return found


def table_layout(numbered_lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], set[int]]:
    """The lines as the table readers see them: a one-cell-per-line table rewritten into tabbed rows.

    Returns:
        The lines (the same list if there is no such table) and the lines of
        header cells merged into the header line above.
    """
    if _find_tab_table(numbered_lines) is not None or _find_tab_task_table(numbered_lines) is not None:
        return numbered_lines, set()
    return cells_to_rows(numbered_lines)


def table_start(numbered_lines: list[tuple[int, str]]) -> int | None:
    """Index of the first header line of any table a plan holds (year or task-division), or None."""
    layout, _ = table_layout(numbered_lines)
    found = [k for k in (_find_tab_table(layout), _find_tab_task_table(layout)) if k is not None]
    return min(found) if found else None


def _find_tab_table(numbered_lines: list[tuple[int, str]]) -> int | None:
    for k, (_, raw) in enumerate(numbered_lines):
        if "\t" in raw:
            ok, years = _is_header(raw)
            if ok and len(years) >= 2:
                return k
    return None


def _find_tab_task_table(numbered_lines: list[tuple[int, str]]) -> int | None:
    for k, (_, raw) in enumerate(numbered_lines):
        if "\t" in raw:
            ok, years = _is_header(raw)
            roles = {header_role(c) for c in raw.split("\t") if fold(c)}
            if ok and len(years) < 2 and roles & set(UNIT_ROLES):
                return k
    return None


def _header_block(numbered_lines: list[tuple[int, str]], k: int) -> list[int]:
    """Indexes of a run of one-cell header lines starting at ``k`` (blank lines between allowed)."""
    block: list[int] = []
    j = k
    while j < len(numbered_lines):
        raw = numbered_lines[j][1]
        if not raw.strip():
            j += 1
            continue
        if "\t" in raw or header_role(raw) is None or (block and header_role(raw) == "number"):
            break
        block.append(j)
        j += 1
    return block


def _is_block_header(numbered_lines: list[tuple[int, str]], block: list[int]) -> bool:
    if len(block) < 3 or header_role(numbered_lines[block[0]][1]) != "number":
        return False
    roles = [header_role(numbered_lines[j][1]) for j in block]
    return roles.count("year") >= 2 or bool(set(roles) & set(UNIT_ROLES))


def cells_to_rows(numbered_lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], set[int]]:
    """Rewrite a table with one cell per line (a web-page copy) into tab-separated rows.

    The header is a run of lines each holding one header word or year, the first
    a number word (``序号``, ``编号``). After it, a line holding only the next row
    number starts a row; a section label (``（一）…``) stays a line of its own; a
    repeated header run is rewritten like the first; every other line is one cell
    (``/`` and the like stay; the table readers read them as empty cells). The
    table runs to the end of the document. Line numbers do not change: the header's first line holds the whole
    header, its other lines become blank.

    Args:
        numbered_lines: ``(line_no, text)`` of a document.

    Returns:
        The lines, rewritten if there is such a table (else unchanged), and the
        line numbers of header cells merged into a header line.
    """

    def opens_table(k: int) -> bool:
        return bool(numbered_lines[k][1].strip()) and _is_block_header(
            numbered_lines, _header_block(numbered_lines, k)
        )

    start = next((k for k in range(len(numbered_lines)) if opens_table(k)), None)
    if start is None:
        return numbered_lines, set()
    out = list(numbered_lines[:start])
    merged: set[int] = set()
    expected = 1
    k = start
    while k < len(numbered_lines):
        line_no, raw = numbered_lines[k]
        block = _header_block(numbered_lines, k)
        if "\t" not in raw and _is_block_header(numbered_lines, block):
            cells = [numbered_lines[j][1].strip() for j in block]
            out.append((line_no, "\t".join(cells)))
            for j in range(k + 1, block[-1] + 1):
                out.append((numbered_lines[j][0], ""))
                if numbered_lines[j][1].strip():
                    merged.add(numbered_lines[j][0])
            k = block[-1] + 1
            continue
        text = raw.strip()
        if not text or "\t" in raw or _SECTION.match(text):
            out.append((line_no, raw))
        elif _DIGITS.match(fold(text)) and int(fold(text)) == expected:
            out.append((line_no, fold(text)))
            expected += 1
        else:
            out.append((line_no, "\t" + text))  # an empty-cell mark (/) stays, so the line is not blank
        k += 1
    return out, merged


def _caption(numbered_lines: list[tuple[int, str]], start: int, lines: list[TableLine]) -> tuple[str, int]:
    """The caption line just above the header (blank lines between), classified into ``lines``."""
    header_line = numbered_lines[start][0]
    caption, caption_line = "", header_line
    cap_k = start - 1
    while cap_k >= 0 and not numbered_lines[cap_k][1].strip():
        cap_k -= 1
    if cap_k >= 0 and "\t" not in numbered_lines[cap_k][1]:
        caption_line, caption = numbered_lines[cap_k][0], collapse_ws(numbered_lines[cap_k][1])
        lines.append(TableLine(caption_line, "caption"))
        for ln, _ in numbered_lines[cap_k + 1 : start]:
            lines.append(TableLine(ln, "blank"))
    return caption, caption_line


_RawRows = list[tuple[int, "_Joined", "TableSection | None"]]


def _read_region(
    numbered_lines: list[tuple[int, str]], start: int, lines: list[TableLine], header_cells: set[int]
) -> tuple[_RawRows, list[tuple[_Joined, TableSection]], list[TableSection]]:
    """Classify every line from the header on; rows and section labels joined over their lines.

    ``header_cells`` are lines of a one-cell-per-line header merged into the header line above.
    """
    current: _Joined | None = None
    current_kind = ""
    current_no: int | None = None
    section: TableSection | None = None
    raw_rows: list[tuple[int, _Joined, TableSection | None]] = []
    raw_sections: list[tuple[_Joined, TableSection]] = []
    sections: list[TableSection] = []
    seen: set[int] = set()
    last_no = 0

    for line_no, raw in numbered_lines[start:]:
        if line_no in header_cells:
            lines.append(TableLine(line_no, "header", None, "a header cell of the header line above"))
            continue
        if not raw.strip():
            lines.append(TableLine(line_no, "blank"))
            continue
        is_head, _ = _is_header(raw)
        if is_head:
            lines.append(TableLine(line_no, "header"))
            continue
        row = _ROW_START.match(raw)
        if row and int(row.group(1)) in seen:
            number = int(row.group(1))
            lines.append(
                TableLine(line_no, "duplicate", number, f"task {number} appears again; first copy kept")
            )
            current, current_kind, current_no = None, "", None
            continue
        if row:
            number = int(row.group(1))
            note = "" if number == last_no + 1 else f"rows out of sequence: {number} follows {last_no}"
            current = _Joined(raw, line_no)
            current_kind, current_no = "row", number
            raw_rows.append((number, current, section))
            if section is not None and section.first_task is None:
                section.first_task = number
            seen.add(number)
            last_no = number
            lines.append(TableLine(line_no, "row", number, note))
            continue
        sec = _SECTION.match(raw)
        if sec:
            try:
                number = chinese_numeral(sec.group(1))
            except ValueError:
                number = None
            current = _Joined(raw, line_no)
            section = TableSection(number, "", "", line_no)
            raw_sections.append((current, section))
            sections.append(section)
            current_kind, current_no = "section", None
            lines.append(TableLine(line_no, "section"))
            continue
        if current is not None:
            if (
                current_kind == "row" and "\t" not in current.text and not raw.startswith("\t")
                and current.text.strip() == str(current_no)
            ):  # fmt: skip
                # a row number alone on its line: the next line starts its next cell (a cell of a
                # table printed one cell per line already opens with its tab: cells_to_rows)
                raw = "\t" + raw
            current.add(raw, line_no)
            lines.append(
                TableLine(line_no, "continuation", current_no, f"joined to the {current_kind} above")
            )
            continue
        lines.append(
            TableLine(line_no, "unrecognised", None, "text before the first row or label of the table")
        )

    for joined, sec in raw_sections:
        values, _ = joined.fields()
        text = collapse_ws(" ".join(v for v in values if v))
        sec.text = text
        sec.label = collapse_ws(_SECTION.sub("", text)).rstrip("。")
    return raw_rows, raw_sections, sections


def _mark_problems(lines: list[TableLine]) -> list[TableLine]:
    for ln in lines:
        if ln.kind in ("unrecognised", "duplicate") or ln.note.startswith("rows out"):
            ln.problem = True
    return [ln for ln in lines if ln.problem]


def parse_annual_table(numbered_lines: list[tuple[int, str]], seed_file: str = "") -> AnnualTable:
    """Read the layout of the annual task table of a document.

    Args:
        numbered_lines: ``(line_no, text)`` of the document holding the table.
        seed_file: The seed file name, for messages.

    Returns:
        The table's rows, section labels and the classification of every line.

    Raises:
        TableParseError: If there is no header with year columns, or no task row.
    """
    numbered_lines, merged_header = table_layout(numbered_lines)
    start = _find_tab_table(numbered_lines)
    if start is None:
        first = numbered_lines[0][0] if numbered_lines else None
        raise TableParseError(
            seed_file, first, "a table header with year columns (编号 … 2019年 2020年 …) in this document"
        )
    header_line, header_raw = numbered_lines[start]
    header_fields = [collapse_ws(c) for c in header_raw.split("\t")]
    year_slots = {k - 2: y for k, c in enumerate(header_fields) if k >= 2 and (y := _year_of(c)) is not None}
    years = sorted(year_slots.values())

    lines: list[TableLine] = []
    caption, caption_line = _caption(numbered_lines, start, lines)
    raw_rows, _, sections = _read_region(numbered_lines, start, lines, merged_header)

    rows: list[TableRow] = []
    by_line = {ln.line_no: ln for ln in lines}
    width = len(header_fields)
    empty = layouts()["empty"]
    for number, joined, sec in raw_rows:
        values, field_lines = joined.fields()
        values = ["" if fold(v) in empty else v for v in values]
        if len(values) != width:
            # a tab lost or added: cells may have merged or split; the row is kept and reported
            first = by_line[joined.lines[0]]
            first.problem = True
            first.note = (
                f"row {number} has {len(values)} cells where the header has {width}; "
                "cells may have merged or split, check this row"
            )
        while len(values) < width:
            values.append("")
            field_lines.append(field_lines[-1])
        rows.append(TableRow(number, values, field_lines, joined.lines, sec))

    if not rows:
        raise TableParseError(
            seed_file, header_line, "task rows (a number, a tab, the task name) under the header"
        )
    problems = _mark_problems(lines)
    return AnnualTable(
        caption, caption_line, header_fields, years, year_slots, rows, sections, lines, problems
    )
