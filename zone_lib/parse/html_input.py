"""HTML input: the text of an article page, and its tables with their real structure.

:func:`read_html` turns HTML into lines the way a browser breaks them — a line break at
``<br>`` and at every block or table tag, newlines of the source dropped, character
references decoded, each line stripped of ASCII spaces, runs of blank lines collapsed —
so the lines (and their numbers) are those of the page's plain-text copy. Each table
comes with its grid: ``rowspan`` and ``colspan`` are expanded, so a merged cell is
placed in every row and column it covers (marked ``is_merged`` after the first), and
every cell knows the line its text is printed on.

Parsing is done by Beautiful Soup (``beautifulsoup4``) with the standard library's
``html.parser`` backend: a maintained parser that tolerates the unclosed tags of
real pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zone_lib.errors import SeedReadError
from zone_lib.parse.division_table import TableCell

#: Tags that start and end a line (block and table elements).
BLOCK = frozenset(
    "p div table tbody thead tfoot tr td th caption h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article "
    "header footer nav aside blockquote pre center form hr address figure figcaption main".split()
)
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<table|<div|<p[\s>])", re.I)
_BREAK = object()


def looks_like_html(text: str) -> bool:
    """Whether a text is HTML rather than plain text (it opens with an HTML tag)."""
    return bool(_HTML_START.match(text[:2000]))


@dataclass
class HtmlDocument:
    """An HTML page read as lines, with its tables.

    Attributes:
        lines: The text lines (line ``n`` is ``lines[n - 1]``).
        tables: One grid per ``<table>`` that holds more than one row: rows of
            :class:`~zone_lib.parse.division_table.TableCell` (``None`` where no cell is).
    """

    lines: list[str]
    tables: list[list[list[TableCell | None]]]


def read_html(html: str, source: str = "<html>") -> HtmlDocument:
    """Read HTML into lines and table grids.

    Args:
        html: The page (or the article body) as text.
        source: Its name, for messages.

    Returns:
        The :class:`HtmlDocument`.

    Raises:
        SeedReadError: If Beautiful Soup is not installed.
    """
    try:
        from bs4 import BeautifulSoup, Comment, NavigableString, Tag  # heavy: only for HTML input
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise SeedReadError(source, "reading HTML needs beautifulsoup4 (pip install beautifulsoup4)") from exc
    soup = BeautifulSoup(html, "html.parser")
    stream: list = []
    cell_marks: dict[int, int] = {}  # id(td) -> index in stream where its text starts
    cell_ends: dict[int, int] = {}  # id(td) -> index in stream after its text

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    stream.append(str(child).replace("\r", "").replace("\n", ""))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in ("script", "style"):
                continue
            if name == "br":
                stream.append(_BREAK)
                continue
            block = name in BLOCK
            if block:
                stream.append(_BREAK)
            if name in ("td", "th"):
                cell_marks[id(child)] = len(stream)
            walk(child)
            if name in ("td", "th"):
                cell_ends[id(child)] = len(stream)
            if block:
                stream.append(_BREAK)

    walk(soup)
    # compose raw lines, remembering which raw line each stream index falls on
    raw: list[str] = []
    at_index: list[int] = []
    buf: list[str] = []
    for item in stream:
        at_index.append(len(raw))
        if item is _BREAK:
            raw.append("".join(buf))
            buf = []
        else:
            buf.append(item)
    raw.append("".join(buf))
    at_index.append(len(raw) - 1)
    # strip and collapse blank runs, mapping raw line -> final line number
    lines: list[str] = []
    final_of: list[int] = []
    for text in raw:
        text = text.strip(" \t")
        if text == "" and (not lines or lines[-1] == ""):
            final_of.append(len(lines))
            continue
        lines.append(text)
        final_of.append(len(lines))
    while lines and lines[-1] == "":
        lines.pop()

    def cell_of(td) -> tuple[str, int]:
        """The cell's text (its lines joined) and the line it starts on."""
        first = at_index[min(cell_marks.get(id(td), 0), len(at_index) - 1)]
        last = at_index[min(cell_ends.get(id(td), 0), len(at_index) - 1)]
        texts = [(final_of[r], raw[r].strip(" \t")) for r in range(first, last + 1) if raw[r].strip(" \t")]
        if not texts:
            return "", min(final_of[first], max(len(lines), 1))
        return "".join(t for _, t in texts), texts[0][0]

    tables = []
    for table in soup.find_all("table"):
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        if len(rows) < 2:
            continue
        grid = _grid(rows, cell_of)
        if grid:
            tables.append(grid)
    return HtmlDocument(lines, tables)


def _span(tag, name: str) -> int:
    try:
        return max(1, int(str(tag.get(name, "1")).strip() or 1))
    except ValueError:
        return 1


def _grid(rows, cell_of) -> list[list[TableCell | None]]:
    """Expand row and column spans into a rectangular grid of cells."""
    grid: dict[tuple[int, int], TableCell] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            text, line = cell_of(td)
            rs, cs = _span(td, "rowspan"), _span(td, "colspan")
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = TableCell(text, line, is_merged=bool(dr or dc))
            c += cs
            width = max(width, c)
    height = max((r for r, _ in grid), default=-1) + 1
    return [[grid.get((r, c)) for c in range(width)] for r in range(height)]
