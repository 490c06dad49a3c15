"""Task-division tables of any shape, read by what their headers mean.

A table's columns are identified by their header words (``data/reader.json``,
``tables.columns``): the row number (序号/编号), the task's name (改革举措, 重点任务,
工作事项 …), its content (主要内容 …), unit columns with a role (牵头单位 → lead,
配合单位 → coop, 责任单位 / 指导部门 → resp), a deadline (完成时限 …), a scope
(推广范围 …) and notes. A header that ends like a unit column but is not known
(``数据提供单位``) is kept as a unit column under its own name and reported.

Two inputs give the same :class:`DivisionTable`:

* :func:`find_text_tables` — text with one cell per line, as a web page copies a table
  (cells in row order, blank lines between them, a merged cell printed once);
* :func:`table_from_grid` — the cells of an HTML table with their row and column spans
  expanded (:mod:`zone_lib.parse.html_input`), so merged cells are placed, not guessed.

Category rows (a single cell spanning the table, ``一、知识产权保护方面（共5项）``) are kept
as the category of the rows under them. A row whose cells cannot be placed is reported
and nothing is read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from zone_lib.parse.vocabulary import vocabulary

_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.．、]?\s*$")
_CATEGORY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])|共\s*\d+\s*项")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


@dataclass(frozen=True)
class TableCell:
    """A cell: its text, the line it is printed on, and whether it repeats a merged cell."""

    text: str
    line: int
    is_merged: bool = False


@dataclass
class DivisionRow:
    """A numbered row: its printed number, its cells in column order and its category."""

    number: int
    cells: list[TableCell | None]
    category: str
    category_no: int | None
    line: int
    is_placed: bool = True


@dataclass
class DivisionTable:
    """A table read by header meaning.

    Attributes:
        header: The header cells as printed.
        meanings: The meaning of each column (``number``, ``name``, ``content``,
            ``lead``, ``coop``, ``resp``, ``deadline``, ``scope``, ``note``, or the
            header itself for an unknown unit column, or ``other``).
        rows: The numbered rows.
        line_kinds: ``{line: (kind, note)}`` for every line of the table (``caption``,
            ``header``, ``category``, ``cell``).
        problems: ``(line, reason)`` for what could not be placed.
        first_line: The table's first line (its caption, else its header).
        last_line: Its last line.
    """

    header: list[str]
    meanings: list[str]
    rows: list[DivisionRow] = field(default_factory=list)
    line_kinds: dict[int, tuple[str, str]] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0

    @property
    def is_task_table(self) -> bool:
        """It numbers its rows and names a unit or a deadline for them."""
        return "number" in self.meanings and any(
            m in ("lead", "coop", "resp", "deadline") or m not in _KNOWN for m in self.meanings
        )

    def column(self, meaning: str) -> int | None:
        """Index of the first column with this meaning."""
        return self.meanings.index(meaning) if meaning in self.meanings else None


_KNOWN = {"number", "name", "content", "lead", "coop", "resp", "deadline", "scope", "note", "other"}


@lru_cache(maxsize=1)
def _columns() -> tuple[list[tuple[str, list[str]]], tuple[str, ...], int]:
    v = vocabulary()
    return (
        [(m, words) for m, words in v["tables"]["columns"]],
        tuple(v["clauses"]["unit_label_endings"]),
        v["tables"]["header_max_chars"],
    )


def column_meaning(header: str) -> str | None:
    """What a header cell means, or ``None`` if it is not a header word.

    Args:
        header: The header cell as printed (spaces are ignored: ``主 要 内 容``).

    Returns:
        The meaning (see :class:`DivisionTable`); the header itself for a unit column
        the vocabulary does not know.
    """
    columns, unit_endings, max_chars = _columns()
    h = _SPACES.sub("", header)
    if not h or len(h) > max_chars or re.search(r"[。，；：:,;]", h):
        return None
    for meaning, words in columns:
        if any(h == w or h.endswith(w) for w in words):
            return meaning
    if h.endswith(unit_endings):
        return h
    return None


def _categorised(text: str) -> bool:
    return bool(_CATEGORY.search(_SPACES.sub("", text)))


def _category_no(text: str) -> int | None:
    m = re.match(r"^\s*[（(]?([一二三四五六七八九十]+)", text)
    if not m:
        return None
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    s = m.group(1)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + digits.get(s[1:], 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return digits.get(a, 0) * 10 + digits.get(b, 0)
    return digits.get(s)


def find_text_tables(lines: list[str]) -> list[DivisionTable]:
    """Tables printed one cell per line (cells in row order) in a document's lines.

    Args:
        lines: The document's lines (line ``n`` is ``lines[n - 1]``).

    Returns:
        Each table found: a run of at least three header cells including a number column,
        then its rows until a line that is neither a cell nor a category row.
    """
    nonblank = [(n, t.strip()) for n, t in enumerate(lines, start=1) if t.strip()]
    tables: list[DivisionTable] = []
    k = 0
    while k < len(nonblank):
        run = []
        j = k
        while j < len(nonblank) and column_meaning(nonblank[j][1]) is not None:
            run.append(nonblank[j])
            j += 1
        meanings = [column_meaning(t) or "other" for _, t in run]
        if len(run) >= 3 and "number" in meanings and ("name" in meanings or "content" in meanings):
            table, j = _read_text_rows(nonblank, k, j, [t for _, t in run], meanings)
            tables.append(table)
            k = j
        else:
            k = max(j, k + 1)
    return tables


def _read_text_rows(
    nonblank: list[tuple[int, str]], header_at: int, j: int, header: list[str], meanings: list[str]
) -> tuple[DivisionTable, int]:
    table = DivisionTable(header, meanings)
    width = len(header)
    for n, _ in nonblank[header_at:j]:
        table.line_kinds[n] = ("header", "table header: column meanings " + " | ".join(meanings))
    table.first_line = nonblank[header_at][0]
    if header_at > 0:
        n, text = nonblank[header_at - 1]
        if len(text) <= 60 and not text.endswith(("。", "；", "：")) and not _NUMBER.match(text):
            table.line_kinds[n] = ("caption", "the table's caption")
            table.first_line = n
    category, category_no = "", None
    row: DivisionRow | None = None
    last = nonblank[j - 1][0]
    while j < len(nonblank):
        n, text = nonblank[j]
        num = _NUMBER.match(text)
        if row is not None and len(row.cells) < width:
            if num and len(row.cells) > 1 and _looks_like_next_row(nonblank, j, width):
                _short_row(table, row, width)
                row = None
                continue
            row.cells.append(TableCell(text, n))
            table.line_kinds[n] = ("cell", f"row {row.number}, column {header[len(row.cells) - 1]}")
            last = n
            j += 1
            continue
        if num:
            row = DivisionRow(int(num.group(1)), [TableCell(text, n)], category, category_no, n)
            table.rows.append(row)
            table.line_kinds[n] = ("cell", f"row {row.number}, column {header[0]}")
            last = n
            j += 1
            continue
        if row is not None and row.is_placed and _stray_cell(nonblank, j):
            row.cells.append(TableCell(text, n))
            table.line_kinds[n] = ("cell", f"an extra cell of row {row.number}")
            row.is_placed = False
            table.problems.append(
                (row.line, f"table row {row.number} has {len(row.cells)} cells where the header has {width}; "
                           "their columns are not known, so nothing is read from it")
            )  # fmt: skip
            last = n
            j += 1
            continue
        if _categorised(text) and len(text) <= 60:
            category, category_no = _SPACES.sub("", text), _category_no(text)
            table.line_kinds[n] = ("category", "category row spanning the table")
            last = n
            row = None
            j += 1
            continue
        break
    if row is not None and len(row.cells) < width:
        _short_row(table, row, width)
    table.last_line = last
    _check_numbering(table)
    return table, j


def _looks_like_next_row(nonblank: list[tuple[int, str]], j: int, width: int) -> bool:
    """A number cell starts the next row if a full row's worth of cells follows before the next number."""
    follow = [t for _, t in nonblank[j + 1 : j + width]]
    return len(follow) == width - 1 and not any(_NUMBER.match(t) for t in follow)


def _stray_cell(nonblank: list[tuple[int, str]], j: int) -> bool:
    """A short line after a full row, followed by the next row's number or by nothing: one more cell."""
    text = nonblank[j][1]
    if len(text) > 30 or text.endswith(("。", "：", ":")) or _categorised(text):
        return False
    after = nonblank[j + 1][1] if j + 1 < len(nonblank) else None
    if after is not None and re.match(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$", after):
        return False  # a signature above its date
    return after is None or bool(_NUMBER.match(after))


def _short_row(table: DivisionTable, row: DivisionRow, width: int) -> None:
    row.is_placed = False
    table.problems.append(
        (row.line, f"table row {row.number} has {len(row.cells)} of {width} cells; "
                   "their columns are not known, so nothing is read from it")
    )  # fmt: skip


def _check_numbering(table: DivisionTable) -> None:
    previous = None
    for row in table.rows:
        if previous is not None and row.number != previous + 1:
            if row.number > previous + 1:
                missing = (
                    f"{previous + 1}" if row.number == previous + 2 else f"{previous + 1}–{row.number - 1}"
                )
                table.problems.append(
                    (row.line, f"table rows {missing} are missing: row {row.number} follows row {previous}")
                )
            else:
                table.problems.append((row.line, f"table row {row.number} follows row {previous}"))
        previous = row.number


def table_from_grid(grid: list[list[TableCell | None]]) -> DivisionTable | None:
    """Read a table from its expanded grid (rows of cells, spans already copied).

    Args:
        grid: One list per table row, one entry per column; a cell repeated by a row or
            column span has ``is_merged`` set after its first position.

    Returns:
        The table, or ``None`` if no row of the grid is a header row.
    """
    header_at = None
    for r, cells in enumerate(grid):
        texts = [c.text for c in cells if c is not None and not c.is_merged]
        meanings = [column_meaning(t) for t in texts]
        if len(texts) >= 3 and all(meanings) and "number" in meanings:
            header_at = r
            break
    if header_at is None:
        return None
    head = grid[header_at]
    header = [c.text if c else "" for c in head]
    meanings = [column_meaning(h) or "other" for h in header]
    table = DivisionTable(header, meanings)
    for c in head:
        if c is not None:
            table.line_kinds[c.line] = ("header", "table header: column meanings " + " | ".join(meanings))
    table.first_line = min(c.line for c in head if c is not None)
    category, category_no = "", None
    width = len(header)
    for r in range(header_at + 1, len(grid)):
        cells = grid[r]
        distinct = [c for c in cells if c is not None and not c.is_merged]
        if not distinct:
            continue
        spanning = len({id(c) for c in cells if c is not None}) == 1 or (
            len(distinct) == 1 and len([c for c in cells if c is not None]) == width and cells[0] is not None
            and all(c is not None and c.text == cells[0].text for c in cells)
        )  # fmt: skip
        first = cells[0]
        num = _NUMBER.match(first.text) if first is not None else None
        if num is None and (spanning or len(distinct) == 1):
            category, category_no = _SPACES.sub("", distinct[0].text), _category_no(distinct[0].text)
            table.line_kinds[distinct[0].line] = ("category", "category row spanning the table")
            continue
        if num is None:
            for c in distinct:
                table.line_kinds[c.line] = ("cell", "table row without a number")
            table.problems.append((distinct[0].line, "table row without a number: nothing is read from it"))
            continue
        row = DivisionRow(int(num.group(1)), list(cells) + [None] * (width - len(cells)), category,
                          category_no, first.line)  # fmt: skip
        table.rows.append(row)
        for k, c in enumerate(row.cells[:width]):
            if c is not None and not c.is_merged:
                table.line_kinds[c.line] = ("cell", f"row {row.number}, column {header[k]}")
    table.last_line = max(table.line_kinds)
    _check_numbering(table)
    return table
