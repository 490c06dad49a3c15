"""Splitting a seed file into the documents it holds.

A gazette issue holds many documents; a notice may enclose two. Boundaries are
found from the text's own evidence, never from line numbers:

* a document number standing on its own line (``宁政办发〔2019〕10号``) with the
  title just above it (or just below it, as on a city notice's masthead);
* a notice that 印发 (issues) documents cited as ``《…》``: the cover and its first
  enclosure are one document, every further enclosure whose title stands as a
  heading starts a new one;
* a gazette's table of contents (目录): entries with no document number, such
  as the chronicle (大事记), start a document where their title stands as a
  heading; everything before the first document is the issue's front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zone_lib.textutil import collapse_ws, fold, strip_markup

_NUMBER = re.compile(r"^\(?([\u4e00-\u9fff]{1,12}〔\d{4}〕\d{1,4}号)\)?$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:出版)?$")
_WEB_DATE = re.compile(r"发布日期[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DOC_TYPE = r"(?:决定|通知|批复|通报|意见|方案|规划|办法|函|报告)"
_TITLE_END = re.compile(_DOC_TYPE + r"$")
_GLUED_TITLE = re.compile(r"^(.{6,120}?的" + _DOC_TYPE + r")")
_CITED = re.compile(r"《([^《》]{4,80})》")
_TOC_HEAD = re.compile(r"^目录$")
_TOC_PAGE = re.compile(r"\((\d{1,3})\)$")
_TOC_SECTION = re.compile(r"^【.*】$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff“”》《（）()])\s+(?=[\u4e00-\u9fff“”《》（）()])")

#: Lines looked at above and below a document number for its title.
TITLE_WINDOW = 6


@dataclass(frozen=True)
class Segment:
    """One document found in a seed file (line numbers are 1-based, inclusive)."""

    first_line: int
    last_line: int
    title: str
    doc_number: str
    date: str
    kind: str  # "document" or "front matter"


def join_title(parts: list[str]) -> str:
    """Join title lines, dropping markup and the spaces that line wrapping left between CJK characters."""
    text = collapse_ws(" ".join(strip_markup(p) for p in parts))
    return _CJK_GAP.sub("", text)


def _nonblank(lines: list[str], start: int, stop: int, step: int) -> list[int]:
    out = []
    i = start
    while (i < stop if step > 0 else i > stop) and len(out) < TITLE_WINDOW:
        if lines[i].strip():
            out.append(i)
        i += step
    return out


def _title_above(lines: list[str], n: int, floor: int) -> list[int] | None:
    """Indexes of the title lines just above the number line ``n``, or None."""
    above = _nonblank(lines, n - 1, floor - 1, -1)
    for size in range(1, min(3, len(above)) + 1):
        block = sorted(above[:size])
        text = fold(" ".join(lines[i] for i in block))
        if "关于" in text and _TITLE_END.search(text) and len(text) <= 150:
            if fold(lines[block[0]]).startswith("关于") and size < len(above):
                block = sorted(above[: size + 1])  # the issuer stands on the line above
            return block
    return None


def _title_below(lines: list[str], n: int, ceiling: int) -> list[int] | None:
    below = _nonblank(lines, n + 1, ceiling, 1)
    block: list[int] = []
    for i in below:
        block.append(i)
        text = fold(" ".join(lines[j] for j in block))
        if "关于" in text and _TITLE_END.search(text):
            return block
        if len(text) > 150:
            break
    return None


def _find_heading(lines: list[str], title: str, start: int, stop: int) -> int | None:
    """First index in [start, stop) where up to three non-blank lines spell ``title`` exactly."""
    want = fold(title)
    for i in range(start, stop):
        first = fold(lines[i])
        if not first or not want.startswith(first):
            continue
        got, j, used = first, i, 1
        while got != want and len(got) < len(want) and used < 3:
            j += 1
            while j < stop and not lines[j].strip():
                j += 1
            if j >= stop:
                break
            got += fold(lines[j])
            used += 1
        if got == want:
            return i
    return None


def _toc_entries(lines: list[str]) -> tuple[list[tuple[str, str]], int]:
    """Table-of-contents entries ``(title, doc_number)`` and the index of the last TOC line."""
    heads = [i for i, line in enumerate(lines[:400]) if _TOC_HEAD.match(fold(line))]
    if not heads:
        return [], -1
    entries: list[tuple[str, str]] = []
    pending: list[str] = []
    last = heads[0]
    for i in range(heads[0] + 1, min(len(lines), heads[-1] + 200)):
        text = fold(lines[i])
        if not text:
            continue
        if _TOC_HEAD.match(text) or _TOC_SECTION.match(text):
            pending = []
            last = i
            continue
        page = _TOC_PAGE.search(text)
        if page:
            body = text[: page.start()]
            number = ""
            cited = re.search(r"\(([\u4e00-\u9fff]{1,12}〔\d{4}〕\d{1,4}号)\)$", body)
            if cited:
                number, body = cited.group(1), body[: cited.start()]
            entries.append(("".join(pending) + body, number))
            pending = []
            last = i
        elif entries and len(pending) > 4:
            break
        else:
            pending.append(text)
    return entries, last


def _date_in(lines: list[str], start: int, stop: int) -> str:
    for i in range(start, stop):
        text = fold(lines[i])
        m = _DATE.match(text) or _WEB_DATE.search(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def _cited_titles(lines: list[str], start: int, stop: int) -> list[str]:
    out: list[str] = []
    for i in range(start, stop):
        text = strip_markup(lines[i])
        if "印发" not in text:
            continue
        for m in _CITED.finditer(text):
            title = join_title([m.group(1)])
            if title not in out:
                out.append(title)
        if out:
            break
    return out


def segment(lines: list[str]) -> list[Segment]:
    """Split the lines of one seed file into documents.

    Args:
        lines: The file's lines, without line ends.

    Returns:
        Documents in file order. Every line of the file belongs to exactly one of
        them, except blank lines between documents.
    """
    n_lines = len(lines)
    toc, toc_end = _toc_entries(lines)
    floor = toc_end + 1 if toc_end >= 0 else 0
    starts: list[dict] = []  # each: start index, title, number, cover index

    for n in range(floor, n_lines):
        m = _NUMBER.match(fold(lines[n]))
        if not m:
            continue
        prev_floor = starts[-1]["number_line"] + 1 if starts else floor
        block = _title_above(lines, n, prev_floor)
        if block:
            start, title_lines = block[0], block
        else:
            below = _title_below(lines, n, n_lines)
            title_lines = below or []
            # with the title below, a masthead above the number belongs to the document
            start = prev_floor if not starts else n
        starts.append(
            {
                "start": start,
                "title": join_title([lines[i] for i in title_lines]),
                "number": m.group(1),
                "number_line": n,
            }
        )

    # Enclosures of notices: the cover and its first enclosure stay one document.
    for k, doc in enumerate(list(starts)):
        stop = starts[k + 1]["start"] if k + 1 < len(starts) else n_lines
        cited = _cited_titles(lines, doc["number_line"] + 1, min(stop, doc["number_line"] + 15))
        where = doc["number_line"] + 1
        found = []
        for title in cited:
            at = _find_heading(lines, title, where, stop)
            if at is None:
                continue
            found.append((at, title))
            where = at + 1
        if found:
            doc["title"] = found[0][1]
            for at, title in found[1:]:
                starts.append(
                    {"start": at, "title": title, "number": doc["number"], "number_line": at, "inherits": doc}
                )

    # Table-of-contents entries that have no document number (a chronicle, say).
    for title, number in toc:
        if number:
            continue
        at = _find_heading(lines, title, floor, n_lines)
        if at is not None and all(s["start"] != at for s in starts):
            starts.append({"start": at, "title": join_title([title]), "number": "", "number_line": at})

    starts.sort(key=lambda s: s["start"])
    segments: list[Segment] = []
    if not starts:
        first_text = fold(lines[0]) if lines else ""
        m = _GLUED_TITLE.match(first_text)
        title = m.group(1) if m and "关于" in m.group(1) else ""
        return [Segment(1, n_lines, title, "", _date_in(lines, 0, n_lines), "document")]

    if toc_end >= 0 and starts[0]["start"] > 0:
        segments.append(
            Segment(
                1,
                _last_nonblank(lines, 0, starts[0]["start"]) + 1,
                "",
                "",
                _date_in(lines, 0, starts[0]["start"]),
                "front matter",
            )
        )
    elif starts[0]["start"] > 0:
        starts[0]["start"] = 0

    for k, doc in enumerate(starts):
        stop = starts[k + 1]["start"] if k + 1 < len(starts) else n_lines
        last = _last_nonblank(lines, doc["start"], stop)
        parent = doc.get("inherits")
        date = _date_in(lines, doc["start"], stop)
        if parent is not None:
            parent_stop = next(s["start"] for s in starts if s["start"] > parent["start"])
            date = _date_in(lines, parent["start"], parent_stop)
        segments.append(Segment(doc["start"] + 1, last + 1, doc["title"], doc["number"], date, "document"))
    return segments


def _last_nonblank(lines: list[str], start: int, stop: int) -> int:
    for i in range(stop - 1, start - 1, -1):
        if lines[i].strip():
            return i
    return start
