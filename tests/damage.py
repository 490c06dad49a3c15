"""Ways to re-break or re-encode a copy of the annual task table.

Each damage takes the seed's lines (UTF-8, no line ends) and returns the
damaged lines and the bytes to write. The lines returned are the logical lines
of the damaged file (what any reader should get back), so a test can check line
numbers against them without trusting the library's reader.

The table region is found from its first header line (a line starting with
``编号\\t``), never from fixed line numbers, and no damage is keyed on a task
number: each applies a rule to every row (or every n-th row).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

HEADER_START = "编号\t"
ROW = re.compile(r"^\d{1,3}\t")
# what the start of a line must not look like when it continues a cell: a task number alone
# in its cell, or a section label's numeral
_NOT_A_CONTINUATION = re.compile(r"^\s*(?:\d{1,3}\s*$|[(（]\s*[一二三四五六七八九十]+\s*[)）])")

Damaged = tuple[list[str], bytes]
Damage = Callable[[list[str]], Damaged]


# -- reading and writing ---------------------------------------------------------


def read_seed(data: bytes) -> list[str]:
    """Lines of a UTF-8 seed (LF line ends), without a final empty line."""
    lines = data.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def encode(lines: list[str], *, newline: str = "\n", encoding: str = "utf-8", bom: bytes = b"") -> bytes:
    """The lines joined with ``newline`` and encoded (no final line end, as in the seeds)."""
    return bom + newline.join(lines).encode(encoding)


# -- the table region -------------------------------------------------------------


def table_span(lines: list[str]) -> tuple[int, int]:
    """``(first, last)`` 0-based indexes of the table: its first header line to its last tabbed line.

    The table ends before the first non-blank line without a tab after the header.
    """
    first = next(k for k, line in enumerate(lines) if line.startswith(HEADER_START))
    last = first
    for k in range(first, len(lines)):
        if not lines[k].strip():
            continue
        if "\t" not in lines[k]:
            break
        last = k
    return first, last


def header_pair(lines: list[str]) -> list[str]:
    """The two header lines of the table as first printed."""
    first, _ = table_span(lines)
    return lines[first : first + 2]


def row_indexes(lines: list[str]) -> list[int]:
    """0-based indexes of the task-row lines of the table."""
    first, last = table_span(lines)
    return [k for k in range(first, last + 1) if ROW.match(lines[k])]


def _splice(lines: list[str], replace: dict[int, list[str]]) -> list[str]:
    """Lines with line ``k`` replaced by ``replace[k]`` (a list, possibly empty)."""
    out: list[str] = []
    for k, line in enumerate(lines):
        out.extend(replace.get(k, [line]))
    return out


# -- line ends and encodings ------------------------------------------------------


def crlf(lines: list[str]) -> Damaged:
    """Windows line ends."""
    return lines, encode(lines, newline="\r\n")


def cr_only(lines: list[str]) -> Damaged:
    """Classic Mac line ends."""
    return lines, encode(lines, newline="\r")


def gb18030(lines: list[str]) -> Damaged:
    """GB18030 bytes, no byte-order mark."""
    return lines, encode(lines, encoding="gb18030")


def utf8_bom(lines: list[str]) -> Damaged:
    """UTF-8 with a byte-order mark."""
    return lines, encode(lines, bom=codecs.BOM_UTF8)


def utf16_bom(lines: list[str]) -> Damaged:
    """UTF-16 (little-endian) with a byte-order mark."""
    return lines, encode(lines, encoding="utf-16-le", bom=codecs.BOM_UTF16_LE)


def utf16_be_bom(lines: list[str]) -> Damaged:
    """UTF-16 big-endian with a byte-order mark."""
    return lines, encode(lines, encoding="utf-16-be", bom=codecs.BOM_UTF16_BE)


def mixed_line_ends(lines: list[str]) -> Damaged:
    """LF, CR and CRLF line ends taking turns (a file pasted together from several copies).

    In this order a CR is never followed by an LF that ends the next (empty) line,
    which would read as one CRLF.
    """
    ends = ("\n", "\r", "\r\n")
    text = "".join(line + ends[k % 3] for k, line in enumerate(lines[:-1])) + lines[-1]
    return lines, text.encode("utf-8")


# -- re-broken layouts ------------------------------------------------------------


def headers_moved(lines: list[str], every: int = 3) -> Damaged:
    """Page breaks elsewhere: repeated header pairs dropped, one put after every ``every``-th row.

    The first header pair stays. Each later pair goes, with the blank line
    before it; a blank line and a header pair are inserted after every
    ``every``-th task row instead.
    """
    pair = header_pair(lines)
    first, last = table_span(lines)
    rows = row_indexes(lines)
    replace: dict[int, list[str]] = {}
    for k in range(first + 2, last + 1):
        if lines[k] == pair[0] and k + 1 <= last and lines[k + 1] == pair[1]:
            replace[k] = []
            replace[k + 1] = []
            if not lines[k - 1].strip():
                replace[k - 1] = []
    for n, k in enumerate(rows, start=1):
        if n % every == 0 and k != rows[-1]:
            replace[k] = [lines[k], "", *pair]
    out = _splice(lines, replace)
    return out, encode(out)


def _longest_cell(fields: list[str]) -> int:
    """Index of the longest cell after the number column."""
    return max(range(1, len(fields)), key=lambda k: len(fields[k]))


def _break_point(cell: str) -> int:
    """Where to break a cell: its middle, moved right past any place where the second half would
    read as a new row or section label rather than the rest of the cell."""
    for k in range(max(len(cell) // 2, 1), len(cell)):
        if not _NOT_A_CONTINUATION.match(cell[k:]):
            return k
    raise ValueError(f"no place to break {cell!r}")


def row_broken_in_cell(lines: list[str], every: int = 5, page_break_every: int = 2) -> Damaged:
    """Every ``every``-th row broken over two lines inside its longest cell.

    The line break falls inside the text of the cell (no tab is replaced). For
    every ``page_break_every``-th of the broken rows a page break falls there
    too: a blank line and the repeated header pair stand between the halves.
    """
    pair = header_pair(lines)
    replace: dict[int, list[str]] = {}
    broken = 0
    for n, k in enumerate(row_indexes(lines), start=1):
        if n % every:
            continue
        fields = lines[k].split("\t")
        c = _longest_cell(fields)
        at = _break_point(fields[c])
        head = "\t".join(fields[:c] + [fields[c][:at]])
        tail = "\t".join([fields[c][at:]] + fields[c + 1 :])
        broken += 1
        page = ["", *pair] if broken % page_break_every == 0 else []
        replace[k] = [head, *page, tail]
    out = _splice(lines, replace)
    return out, encode(out)


def cells_shifted(lines: list[str], odd: bool = True) -> Damaged:
    """The spurious empty slot moved, in every other row of each layout.

    Rows in the header's layout (empty slot right after the name) get it moved
    to the end (shifted left); left-shifted rows (empty last slot, a cell right
    after the name) get it moved back after the name. Alternate rows of each
    kind are changed: the 1st, 3rd, … if ``odd``, else the 2nd, 4th, ….
    """
    width = len(header_pair(lines)[0].split("\t"))
    replace: dict[int, list[str]] = {}
    aligned = shifted = 0
    for k in row_indexes(lines):
        fields = lines[k].split("\t")
        if len(fields) != width:  # only whole rows, never the first half of a broken one
            continue
        if fields[2] == "":
            aligned += 1
            if aligned % 2 == odd:
                replace[k] = ["\t".join(fields[:2] + fields[3:] + [""])]
        elif fields[-1] == "":
            shifted += 1
            if shifted % 2 == odd:
                replace[k] = ["\t".join(fields[:2] + [""] + fields[2:-1])]
    out = _splice(lines, replace)
    return out, encode(out)


def cells_shifted_in_other_rows(lines: list[str]) -> Damaged:
    """:func:`cells_shifted` on the rows it leaves alone (the 2nd, 4th, … of each layout)."""
    return cells_shifted(lines, odd=False)


def row_broken_at_cell_boundary(lines: list[str], every: int = 4) -> Damaged:
    """Every ``every``-th row broken over two lines just before its longest cell (after the tab)."""
    replace: dict[int, list[str]] = {}
    for n, k in enumerate(row_indexes(lines), start=1):
        if n % every:
            continue
        fields = lines[k].split("\t")
        c = _longest_cell(fields)
        replace[k] = ["\t".join(fields[:c]) + "\t", "\t".join(fields[c:])]
    out = _splice(lines, replace)
    return out, encode(out)


def blank_lines_moved(lines: list[str]) -> Damaged:
    """Blank lines of the table removed; others added after every 2nd line, and doubled every 5th."""
    first, last = table_span(lines)
    replace: dict[int, list[str]] = {}
    n = 0
    for k in range(first, last + 1):
        if not lines[k].strip():
            replace[k] = []
            continue
        n += 1
        if k == last:
            continue
        if n % 5 == 0:
            replace[k] = [lines[k], "", ""]
        elif n % 2 == 0:
            replace[k] = [lines[k], ""]
    out = _splice(lines, replace)
    return out, encode(out)


def full_width_commas(lines: list[str]) -> Damaged:
    """Half-width commas inside the table's cells made full-width."""
    first, last = table_span(lines)
    out = [line.replace(",", "，") if first <= k <= last else line for k, line in enumerate(lines)]
    return out, encode(out)


def everything_at_once(lines: list[str]) -> Damaged:
    """Cells shifted, page headers moved, rows broken, blank lines moved; GB18030 with CRLF."""
    for damage in (cells_shifted, headers_moved, row_broken_in_cell, blank_lines_moved):
        lines, _ = damage(lines)
    return lines, encode(lines, newline="\r\n", encoding="gb18030")


# -- problems a reader must report --------------------------------------------------

GARBAGE = "@@ ~~ garbage §§ xyz ~~ @@"


def garbage_after_header(lines: list[str]) -> tuple[list[str], bytes, int]:
    """A line of garbage right after the first header pair; also returns its 1-based line number."""
    first, _ = table_span(lines)
    at = first + 2
    out = lines[:at] + [GARBAGE] + lines[at:]
    return out, encode(out), at + 1


def row_duplicated(lines: list[str], which: float = 0.5) -> tuple[list[str], bytes, int]:
    """A task row repeated right after itself (the row ``which`` of the way down the table).

    Also returns the 1-based line number of the copy.
    """
    rows = row_indexes(lines)
    k = rows[int(len(rows) * which)]
    out = lines[: k + 1] + [lines[k]] + lines[k + 1 :]
    return out, encode(out), k + 2


def tab_replaced_by_line_break(lines: list[str]) -> tuple[list[str], bytes, int, int]:
    """The tab before the last non-empty cell of the row halfway down the table becomes a line break.

    The two cells then merge when the row is joined back. Also returns the
    1-based line number of the row and its task number.
    """
    rows = row_indexes(lines)
    k = rows[len(rows) // 2]
    fields = lines[k].split("\t")
    last = max(i for i, f in enumerate(fields) if f.strip())
    head, tail = "\t".join(fields[:last]), "\t".join(fields[last:])
    out = lines[:k] + [head, tail] + lines[k + 1 :]
    return out, encode(out), k + 1, int(fields[0])


# -- whole seeds: every seed file re-encoded and re-broken ------------------------------------

#: Sentence-final punctuation: a line broken after it would read as a finished sentence.
_SENTENCE_END = "。！？；;!?：:"
#: First characters that would make the second half of a broken line read as something new:
#: a task or section number, a unit label, a year milestone, a bracketed clause.
_NOT_A_SECOND_HALF = re.compile(r"^(?:[\d０-９一二三四五六七八九十(（《“]|牵头|配合|责任|负责|到|至|从|自)")
#: Lines at least this long, holding a full stop and no tab, are prose paragraphs to break.
PARAGRAPH_MIN = 80
_UNIT_LABEL = re.compile(r"^[\s*#]*(?:牵头|配合|责任|负责)(?:单位|部门)")


def _paragraph_break(line: str) -> int | None:
    """Where to break a prose paragraph as a page break would: past its middle, inside a sentence."""
    for k in range(len(line) // 2, len(line) - 10):
        if (
            line[k - 1] not in _SENTENCE_END
            and "\u4e00" <= line[k] <= "\u9fff"
            and not _NOT_A_SECOND_HALF.match(line[k:])
        ):
            return k
    return None


def paragraphs_broken(lines: list[str]) -> list[str]:
    """Every long prose paragraph broken in two inside a sentence, with a blank line between.

    Unit lines (牵头单位：…), table lines and short lines (titles, numbers, headings) stay whole.
    """
    out: list[str] = []
    for line in lines:
        at = None
        if len(line) >= PARAGRAPH_MIN and "。" in line and "\t" not in line and not _UNIT_LABEL.match(line):
            at = _paragraph_break(line)
        out.extend([line] if at is None else [line[:at], "", line[at:]])
    return out


def blank_lines_doubled(lines: list[str]) -> list[str]:
    """Every blank line doubled and a blank line after every line of text."""
    out: list[str] = []
    for line in lines:
        out.extend([line, ""] if line.strip() else ["", ""])
    return out


def spaces_added(lines: list[str]) -> list[str]:
    """Blank lines removed; ideographic spaces before every line of text, a non-breaking space after."""
    return ["\u3000\u3000" + line + "\u00a0" for line in lines if line.strip()]


def seed_windows(lines: list[str]) -> Damaged:
    """Blank lines doubled; GB18030 with CRLF line ends (a copy saved on a Chinese Windows desktop)."""
    out = blank_lines_doubled(lines)
    return out, encode(out, newline="\r\n", encoding="gb18030")


def seed_pages(lines: list[str]) -> Damaged:
    """Long paragraphs broken by page breaks; UTF-16 with a byte-order mark and CR line ends."""
    out = paragraphs_broken(lines)
    return out, encode(out, newline="\r", encoding="utf-16-le", bom=codecs.BOM_UTF16_LE)


def seed_spaces(lines: list[str]) -> Damaged:
    """Blank lines removed, ideographic and non-breaking spaces around every line; UTF-8 with a BOM."""
    out = spaces_added(lines)
    return out, encode(out, bom=codecs.BOM_UTF8)


#: Three ways to re-encode and re-break a whole seed file.
SEED_WAYS: dict[str, Damage] = {"windows": seed_windows, "pages": seed_pages, "spaces": seed_spaces}
