"""The task-division table (分工表: 序号, 重点任务, 具体内容, 牵头单位, 配合单位, 完成时限 …).

Each column is given a role from its header words (``data/table_layouts.json``); the
lines are read by the same region reader as the annual table
(:mod:`zone_lib.parse.annual_table`), a one-cell-per-line web copy included.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from zone_lib.errors import TableParseError
from zone_lib.parse.annual_table import (
    UNIT_ROLES,
    TableLine,
    TableRow,
    TableSection,
    _caption,
    _find_tab_task_table,
    _mark_problems,
    _read_region,
    cells_to_rows,
    header_role,
    layouts,
    table_layout,
)
from zone_lib.parse.unit_names import split_units
from zone_lib.textutil import collapse_ws, fold

_DIGITS = re.compile(r"^\d{1,3}$")
_DEADLINE = re.compile(r"20\d{2}|长期|持续|年底|月|前")


def find_task_table(numbered_lines: list[tuple[int, str]]) -> int | None:
    """Index of the first header line of a task-division table (a unit column, fewer than two years).

    A table with one cell per line is looked for too (see :func:`cells_to_rows`).
    """
    found = _find_tab_task_table(numbered_lines)
    if found is None:
        converted, _ = cells_to_rows(numbered_lines)
        if converted is not numbered_lines:
            found = _find_tab_task_table(converted)
    return found


@dataclass
class TaskTable:
    """A task-division table (分工表) read column by column.

    Attributes:
        caption: The caption line above the header, if any.
        header_fields: The header's cells.
        roles: The role of each column (see ``data/table_layouts.json``).
        rows: Task rows; cells in ``fields`` by column, ``""`` for an empty cell.
        sections: Section labels among the rows.
        lines: How every line of the table's region was read.
        merged: ``(task_no, column)`` of cells printed once for several rows (merged
            cells of a web table) and taken from the row above, with the line they
            stand on.
        problems: The lines that could not be read as the table expects.
        unplaced: Numbers of the rows whose cells could not be placed in columns
            (kept in order, padded; reported).
    """

    caption: str
    header_fields: list[str]
    roles: list[str]
    rows: list[TableRow]
    sections: list[TableSection]
    lines: list[TableLine]
    merged: dict[tuple[int, int], int] = field(default_factory=dict)
    problems: list[TableLine] = field(default_factory=list)
    unplaced: set[int] = field(default_factory=set)


def _unit_like(text: str) -> bool:
    if not text or "。" in text or len(text) > 120:
        return False
    names = split_units(text)
    endings = tuple(layouts()["unit_endings"])
    return bool(names) and all(n.endswith(endings) for n in names)


def cell_fit(role: str, text: str) -> int:
    """How well a cell's text fits a column role (higher is better; 0 for no evidence)."""
    if not text:
        return 0
    if role == "number":
        return 2 if _DIGITS.match(fold(text)) else -2
    if role in UNIT_ROLES:
        return 2 if _unit_like(text) else -2
    if role == "deadline":
        return 2 if _DEADLINE.search(text) and len(text) <= 30 and not _unit_like(text) else -2
    if role == "name":
        return 1 if len(text) <= 30 and not _unit_like(text) else -1
    if role in ("content", "year"):
        return 1 if not _unit_like(text) else -1
    return 0


def place_merged(values: list[str], roles: list[str]) -> list[int] | None:
    """Columns of the cells of a row that prints fewer cells than the header (merged cells left out).

    Every choice of the columns left out is scored by how well each printed cell
    fits its column's role (:func:`cell_fit`); the row number always stands first.

    Returns:
        The column of each value, or None when two choices fit equally well.
    """
    missing = len(roles) - len(values)
    if missing <= 0:
        return list(range(len(values)))
    scored = []
    for left_out in itertools.combinations(range(1, len(roles)), missing):
        cols = [c for c in range(len(roles)) if c not in left_out]
        scored.append((sum(cell_fit(roles[c], v) for c, v in zip(cols, values)), cols))
    scored.sort(key=lambda t: -t[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def parse_task_table(numbered_lines: list[tuple[int, str]], seed_file: str = "") -> TaskTable:
    """Read a task-division table: rows of 序号, 重点任务, 具体内容, 牵头单位, 配合单位, 完成时限 ….

    In a table with one cell per line (a web copy), a row printing fewer cells
    than the header shares merged cells with the row above: the columns it leaves
    out are found by :func:`place_merged` and filled from the row above (listed in
    ``merged``). A row whose cells cannot be placed that way, a tab-separated row
    with fewer cells than the header (a tab was lost: cells merged), or a row with
    more cells than the header is kept (cells in order, in ``unplaced``) and
    reported.

    Args:
        numbered_lines: ``(line_no, text)`` of the document (tab-separated rows,
            see :func:`cells_to_rows` for one cell per line).
        seed_file: The file name, for messages.

    Raises:
        TableParseError: If there is no such header or no row under it.
    """
    layout, merged_header = table_layout(numbered_lines)
    one_cell_per_line = layout is not numbered_lines
    numbered_lines = layout
    start = _find_tab_task_table(numbered_lines)
    if start is None:
        first = numbered_lines[0][0] if numbered_lines else None
        raise TableParseError(
            seed_file, first, "a task table header with a unit column (序号 … 牵头单位 …) in this document"
        )
    header_line, header_raw = numbered_lines[start]
    header_fields = [collapse_ws(c) for c in header_raw.split("\t")]
    roles = [header_role(c) or "other" for c in header_fields]
    lines: list[TableLine] = []
    caption, _ = _caption(numbered_lines, start, lines)
    raw_rows, _, sections = _read_region(numbered_lines, start, lines, merged_header)
    by_line = {ln.line_no: ln for ln in lines}
    width = len(header_fields)
    rows: list[TableRow] = []
    merged: dict[tuple[int, int], int] = {}
    unplaced: set[int] = set()
    empty = layouts()["empty"]
    for number, joined, sec in raw_rows:
        values, field_lines = joined.fields()
        values = ["" if fold(v) in empty else v for v in values]
        first = by_line[joined.lines[0]]
        # only a web copy prints a merged cell once; in tabbed rows a short row lost a tab
        cols = place_merged(values, roles) if rows and one_cell_per_line else None
        if len(values) < width and cols is not None:
            full, full_lines = [""] * width, [field_lines[0]] * width
            for c, v, ln in zip(cols, values, field_lines):
                full[c], full_lines[c] = v, ln
            above = rows[-1]
            for c in range(width):
                if c not in cols:
                    full[c], full_lines[c] = above.fields[c], above.field_lines[c]
                    merged[(number, c)] = above.field_lines[c]
            values, field_lines = full, full_lines
        elif len(values) != width:
            unplaced.add(number)
            first.problem = True
            first.note = (
                f"row {number} has {len(values)} cells where the header has {width}"
                + ("; cannot tell which cells it shares with the row above" if len(values) < width else "")
                + "; check this row"
            )
            while len(values) < width:
                values.append("")
                field_lines.append(field_lines[-1])
        rows.append(TableRow(number, values, field_lines, joined.lines, sec))
    if not rows:
        raise TableParseError(seed_file, header_line, "task rows (a number, then the cells) under the header")
    problems = _mark_problems(lines)
    return TaskTable(caption, header_fields, roles, rows, sections, lines, merged, problems, unplaced)
