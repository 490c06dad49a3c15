"""The annual task table (年度主要任务) as PDF-to-text leaves it.

The table arrives as tab-separated lines: a caption, header lines repeated at
every page break (``编号 年度 … 2019年 2020年 …`` / ``项目 任务``), section labels
(``(一) 夯实互联互通基础。``, sometimes split over two cells), and one line per
task row whose cells may be shifted by one column. A row or label broken over
lines (a page break inside a cell) is joined back.

Every line of the table region is classified as caption, header, section label,
task row, continuation or blank; anything else is reported with its line number.
This module reads the layout only; which year a cell belongs to is decided in
:mod:`zone_lib.reconcile`, from the column structure and the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import TableParseError
from .textutil import chinese_numeral, collapse_ws, fold

_YEAR_HEAD = re.compile(r"^(\d{4})年?$")
_HEADER_WORDS = {"编号", "序号", "年度", "项目", "任务", "年份"}
_ROW_START = re.compile(r"^\s*(\d{1,3})\s*(?:\t|$)")
_SECTION = re.compile(r"^\s*[(（]\s*([一二三四五六七八九十]+)\s*[)）]")


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
    cells = [fold(c) for c in raw.split("\t")]
    filled = [c for c in cells if c]
    if not filled:
        return False, []
    years = [int(m.group(1)) for c in filled if (m := _YEAR_HEAD.match(c))]
    ok = all(c in _HEADER_WORDS or _YEAR_HEAD.match(c) for c in filled)
    return ok and (bool(years) or len(filled) >= 2), years


def find_table(numbered_lines: list[tuple[int, str]]) -> int | None:
    """Index in ``numbered_lines`` of the first header line of a year table, or None."""
    for k, (_, raw) in enumerate(numbered_lines):
        if "\t" in raw:
            ok, years = _is_header(raw)
            if ok and len(years) >= 2:
                return k
    return None


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
    start = find_table(numbered_lines)
    if start is None:
        first = numbered_lines[0][0] if numbered_lines else None
        raise TableParseError(
            seed_file, first, "a table header with year columns (编号 … 2019年 2020年 …) in this document"
        )
    header_line, header_raw = numbered_lines[start]
    header_fields = [collapse_ws(c) for c in header_raw.split("\t")]
    year_slots = {
        k - 2: int(m.group(1))
        for k, c in enumerate(header_fields)
        if k >= 2 and (m := _YEAR_HEAD.match(fold(c)))
    }
    years = sorted(year_slots.values())

    lines: list[TableLine] = []
    caption, caption_line = "", header_line
    cap_k = start - 1
    while cap_k >= 0 and not numbered_lines[cap_k][1].strip():
        cap_k -= 1
    if cap_k >= 0 and "\t" not in numbered_lines[cap_k][1]:
        caption_line, caption = numbered_lines[cap_k][0], collapse_ws(numbered_lines[cap_k][1])
        lines.append(TableLine(caption_line, "caption"))
        for ln, _ in numbered_lines[cap_k + 1 : start]:
            lines.append(TableLine(ln, "blank"))

    rows: list[TableRow] = []
    sections: list[TableSection] = []
    current: _Joined | None = None
    current_kind = ""
    current_no: int | None = None
    section: TableSection | None = None
    raw_rows: list[tuple[int, _Joined, TableSection | None]] = []
    raw_sections: list[tuple[_Joined, TableSection]] = []
    seen: set[int] = set()
    last_no = 0

    for line_no, raw in numbered_lines[start:]:
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

    by_line = {ln.line_no: ln for ln in lines}
    width = len(header_fields)
    for number, joined, sec in raw_rows:
        values, field_lines = joined.fields()
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
    for ln in lines:
        if ln.kind in ("unrecognised", "duplicate") or ln.note.startswith("rows out"):
            ln.problem = True
    problems = [ln for ln in lines if ln.problem]
    return AnnualTable(
        caption, caption_line, header_fields, years, year_slots, rows, sections, lines, problems
    )
