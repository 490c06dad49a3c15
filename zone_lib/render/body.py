"""The body of a briefing page from an executed notebook: only what a reader needs.

nbconvert's HTML export parses and rewrites the whole document (0.1–0.2 s a briefing)
for features a briefing does not use. This exporter walks the cells once:

- markdown cells become HTML (mistune, as nbconvert uses); every ``##`` heading gets an
  id and an entry in the table of contents, and starts a ``<section>``;
- code cells show their outputs only (never the code): ``text/html`` as is, images,
  plain text escaped in ``<pre>``; stderr (warnings) is left out;
- cells tagged ``notebook-only`` (developer notes, the parameter echo), ``parameters``
  or ``injected-parameters`` are left out;
- an output carrying ``text/csv`` (tables and figures of :mod:`zone_lib.views`) gets a
  “CSV” link to a file written beside the page (UTF-8 with BOM, for Excel).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

NOTEBOOK_ONLY = "notebook-only"
"""Tag of the cells that stay in the notebook and never reach the HTML briefing."""
SKIP_TAGS = {NOTEBOOK_ONLY, "parameters", "injected-parameters", "live"}
CSV_MIME = "text/csv"

_H = re.compile(r"<h([12])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


@functools.cache
def _markdown():
    import mistune  # heavy: markdown renderer, only when a page is built

    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


@dataclass
class Body:
    """An exported briefing body.

    Attributes:
        html: The HTML of the sections.
        toc: ``(id, heading text)`` of each section.
        csvs: ``(file name, CSV text)`` of each table and chart, in page order.
        title: The notebook's first ``#`` heading (left out of the body).
    """

    html: str
    toc: list[tuple[str, str]] = field(default_factory=list)
    csvs: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""


def export(nb, stem: str, data_dir: str = "data") -> Body:
    """Export an executed notebook to a briefing body.

    Args:
        nb: The executed notebook.
        stem: File-name stem of the briefing (names the CSV files).
        data_dir: Folder of the CSV files, relative to the page.

    Returns:
        The :class:`Body`.
    """
    parts: list[str] = []
    toc: list[tuple[str, str]] = []
    csvs: list[tuple[str, str]] = []
    title = ""
    open_section = False

    def heading(match: re.Match) -> str:
        nonlocal open_section, title
        level, inner = match.group(1), match.group(2)
        if level == "1":
            if not title:
                title = _TAG.sub("", inner).strip()
            return ""
        sid = f"s{len(toc) + 1}"
        toc.append((sid, html.unescape(_TAG.sub("", inner)).strip()))
        opener = "</section>\n" if open_section else ""
        open_section = True
        return f'{opener}<section class="zone-section" id="{sid}">\n<h2>{inner}</h2>'

    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & SKIP_TAGS:
            continue
        if cell.cell_type == "markdown":
            rendered = _markdown()(_text(cell.source))
            parts.append(_H.sub(heading, rendered))
            continue
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                if out.get("name") == "stdout" and _text(out.get("text")).strip():
                    parts.append(f'<pre class="zone-stream">{html.escape(_text(out.get("text")))}</pre>\n')
                continue
            if kind == "error":
                parts.append(
                    f'<pre class="zone-error">{html.escape(str(out.get("ename")))}: '
                    f"{html.escape(str(out.get('evalue')))}</pre>\n"
                )
                continue
            data = out.get("data", {})
            if "text/html" in data:
                parts.append(_text(data["text/html"]))
            elif "image/png" in data:
                parts.append(f'<img alt="" src="data:image/png;base64,{_text(data["image/png"]).strip()}">\n')
            elif "text/plain" in data:
                parts.append(f'<pre class="zone-plain">{html.escape(_text(data["text/plain"]))}</pre>\n')
            if CSV_MIME in data:
                name = f"{stem}-{len(csvs) + 1}.csv"
                csvs.append((name, _text(data[CSV_MIME])))
                parts.append(
                    f'<p class="zone-take"><a class="zone-csv" href="{data_dir}/{html.escape(name)}" '
                    f"download>数据 CSV</a></p>\n"
                )
    if open_section:
        parts.append("</section>\n")
    return Body("".join(parts), toc, csvs, title)
