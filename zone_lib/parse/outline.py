"""The document model: a policy document read into an outline of parts and numbered items.

:func:`read_outline` reads the lines of one document into

* **frame lines** — title, document number, salutation (``各省、自治区…：``), signature and
  date, publication notes (``（此件公开发布）``), annex markers (``附件``) and the title of an
  enclosed 方案 after its notice;
* **numbered items** at every level — ``一、`` → ``（一）`` → ``1.`` → ``（1）`` → ``①`` — with
  the heading inline (``（三）完善…体系。…``) or alone on its line (the body below), the
  unnumbered paragraphs under each item, and the items under it. Numbering may restart
  in each part or run on across parts: the tree does not depend on it. A signature,
  an annex marker, an enclosed title or a table closes every open item, so a notice,
  its enclosed 方案 and each annex are separate *blocks*.

Then :func:`decide` says from the text's own evidence what every item is:

* ``framework`` — its heading is a framework word (指导思想, 基本原则, 发展目标 …,
  ``data/reader.json``), and everything under it;
* ``part`` — a top-level item with items under it, or an item whose heading stands
  alone with items under it: a container, not a task;
* ``unnumbered part`` — a top-level item with no items under it in a block whose other
  top-level items have some (``六、工作安排`` followed by prose);
* ``task`` — any other item: the measures, including those under 保障措施 / 组织实施;
  a document whose top-level items have no items under them at all (``一、…三十、``)
  has its top-level items as tasks;
* ``sub-item`` — an item under a task (its points ``1.…3.``).

Unnumbered paragraphs after the last task are the document's closing text when every
other task is a single paragraph, or from the first that speaks to the recipients or about
the document (``请各地…``, ``各地区、各有关部门要…``, ``…前报送…``, ``本通知自…``:
:func:`is_closing`); otherwise they are the last task's sub-measures.

An annex list (``附件：1.…`` then ``2.…`` lines, or ``附件`` followed by ``1.…`` ``2.…``
short titles) closes the body before it, and its numbered lines are frame lines, not items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from zone_lib.parse.vocabulary import by_length, vocabulary

_CN = "一二三四五六七八九十百零〇两"
_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(r"^([" + _CN + r"]{1,4})\s*[、，,．]\s*")),
    (2, re.compile(r"^[（(]\s*([" + _CN + r"]{1,4})\s*[）)]\s*")),
    (3, re.compile(r"^(\d{1,2})\s*(?:[.．](?!\d)|、)\s*")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    (5, re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STRIP = " \t\u3000\u00a0#*"
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号$")
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_ANNEX = re.compile(r"^(?:附件|附表)\s*\d*\s*$")
_ANNEX_LIST = re.compile(r"^(?:附件|附表)\s*\d*\s*[:：]")
_HEADING_END = re.compile(r"[。：:；;！？]")
_SENTENCE_PUNCT = re.compile(r"[。；;，,：:！？]")
HEADING_MAX = 40


@dataclass
class Paragraph:
    """A non-blank line: its number and its text (whitespace and markup stripped)."""

    line: int
    text: str


@dataclass
class Node:
    """A numbered item.

    Attributes:
        rank: The level of its marker: 1 ``一、``, 2 ``（一）``, 3 ``1.``, 4 ``（1）``, 5 ``①``.
        number: Its printed number.
        marker: The marker as printed (``（三）``).
        line: The line it starts on.
        text: Its paragraph after the marker.
        heading: The words before the first ``。``/``：`` (the whole text if short).
        heading_alone: Nothing follows the heading on its line.
        body: Unnumbered paragraphs under it.
        children: Items under it.
        block: The block (notice, enclosed document, annex) it belongs to.
        role: ``task``, ``framework``, ``part``, ``unnumbered part``, ``sub-item`` or
            ``summary`` (set by :func:`decide`).
        reason: Why.
    """

    rank: int
    number: int
    marker: str
    line: int
    text: str
    heading: str
    heading_alone: bool
    block: int
    body: list[Paragraph] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    role: str = ""
    reason: str = ""
    closing: list[Paragraph] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        """Its own paragraph, its body and everything under it, in line order."""
        out = [Paragraph(self.line, self.text)] + list(self.body)
        for child in self.children:
            out += child.paragraphs()
        return sorted(out, key=lambda p: p.line)

    def descendants(self) -> list[Node]:
        """Every item under it."""
        out = []
        for child in self.children:
            out += [child, *child.descendants()]
        return out


@dataclass
class Outline:
    """A document read as an outline.

    Attributes:
        blocks: The top-level items of each block, in order.
        frame: ``{line: (kind, reason)}`` for the lines that are not items or their
            bodies: title, doc number, salutation, signature, date, notes, annex
            markers, preamble paragraphs, table lines, blank lines.
        nodes: Every item, in line order.
    """

    blocks: list[list[Node]]
    frame: dict[int, tuple[str, str]]
    nodes: list[Node]

    def tasks(self) -> list[Node]:
        """The items decided to be tasks, in order."""
        return [n for n in self.nodes if n.role == "task"]


@lru_cache(maxsize=1)
def _words() -> dict:
    v = vocabulary()
    fw = v["framework_headings"]
    return {
        "framework": set(fw["words"]),
        "framework_endings": tuple(by_length(fw["endings"])),
        "framework_max": fw["max_chars"],
        "action_openers": tuple(by_length(fw["action_openers"])),
        "closing": [re.compile(x) for x in v["closing"]["patterns"]],
        "notes": set(v["boilerplate"]["publication_notes"]),
    }


def _number(rank: int, raw: str) -> int:
    if rank in (3, 4):
        return int(raw)
    if rank == 5:
        return _CIRCLED.index(raw) + 1
    return chinese_number(raw)


def chinese_number(text: str) -> int:
    """Value of a Chinese numeral up to 九百九十九 (``二十三`` → 23); 0 if it is not one."""
    digits = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return 0
    return total + current


def numbered(text: str) -> tuple[int, int, str, str] | None:
    """``(rank, number, marker, rest)`` if a line opens with an outline marker."""
    for rank, pattern in _MARKERS:
        m = pattern.match(text)
        if m and m.end() < len(text):
            rest = text[m.end() :]
            if rank == 1 and rest.startswith("是"):
                continue
            number = _number(rank, m.group(1))
            if number:
                return rank, number, text[: m.end()].strip(), rest
    return None


def heading_of(rest: str) -> tuple[str, bool]:
    """An item's heading and whether it stands alone on its line."""
    m = _HEADING_END.search(rest)
    if m is None:
        return rest.strip(), len(rest) <= HEADING_MAX
    heading = rest[: m.start()].strip()
    return heading, not rest[m.end() :].strip()


def is_framework_heading(heading: str) -> bool:
    """Whether a heading names a framework item (指导思想, 基本原则, 行动目标, 主要目标任务 …).

    One of the framework words, or a short noun phrase ending in a framework ending
    (目标, 原则, 思想, 意义, 总体要求 …) that does not open with a verb of action
    (``实现发展目标`` is a task); ``data/reader.json`` ``framework_headings``.
    """
    w = _words()
    h = re.sub(r"[\s“”\"]", "", heading).rstrip("。；;：:")
    if h in w["framework"]:
        return True
    return (
        len(h) <= w["framework_max"]
        and h.endswith(w["framework_endings"])
        and not h.startswith(w["action_openers"])
        and not _SENTENCE_PUNCT.search(h)
    )


def is_closing(text: str) -> bool:
    """Whether an unnumbered paragraph after the last item closes the document.

    It speaks to the recipients or about the document rather than about the task: a
    request (``请…``), an address to every recipient (``各地…要``), a request to report,
    a contact line, or the document's effect (``本通知自…``); ``data/reader.json``
    ``closing``.
    """
    return any(p.match(text) for p in _words()["closing"])


def _is_annex_title(rest: str) -> bool:
    """An entry of a list of annexes is a short title: no sentence in it."""
    return len(rest) <= 40 and not re.search(r"[。；;！？]", rest.rstrip("。；;"))


def _clean(text: str) -> str:
    return text.strip(_STRIP)


def read_outline(lines: list[str], first: int, last: int, table_lines: set[int] | None = None) -> Outline:
    """Read lines ``first``…``last`` (1-based, inclusive) of a document into an outline.

    Args:
        lines: All lines of the file.
        first: The document's first line.
        last: Its last line.
        table_lines: Lines that belong to a table (read by
            :mod:`zone_lib.parse.division_table`); they close every open item.

    Returns:
        The :class:`Outline`; roles are set by :func:`decide`.
    """
    table_lines = table_lines or set()
    words = _words()
    frame: dict[int, tuple[str, str]] = {}
    paras = [Paragraph(n, _clean(lines[n - 1])) for n in range(first, last + 1)]
    nonblank = [p for p in paras if p.text]
    for p in paras:
        if not p.text:
            frame[p.line] = ("blank", "blank line")
    next_text = {a.line: b.text for a, b in zip(nonblank, nonblank[1:])}
    blocks: list[list[Node]] = [[]]
    nodes: list[Node] = []
    stack: list[Node] = []
    seen_item = False
    annex_next: tuple[int, int] | None = None  # (rank or 0, number) of the next entry of an annex list
    at_top = True  # before the first paragraph of a block: a short line is a title

    def reset() -> None:
        nonlocal at_top
        stack.clear()
        if blocks[-1]:
            blocks.append([])
        at_top = True

    for p in nonblank:
        text = p.text
        if p.line in table_lines:
            if stack or blocks[-1]:
                reset()
            frame[p.line] = ("table", "line of a table")
            at_top = False
            continue
        if _DOC_NUMBER.match(text):
            frame[p.line] = ("doc number", "the document number")
            continue
        if _DATE.match(text):
            frame[p.line] = ("date", "the date of signature")
            reset()
            continue
        if text in words["notes"]:
            frame[p.line] = ("publication note", "a note on publication")
            reset()
            continue
        if _ANNEX.match(text):
            frame[p.line] = ("annex marker", "the start of an annex")
            reset()
            annex_next = (0, 1)  # a list of annexes may follow: 1.…, 2.…
            continue
        m = _ANNEX_LIST.match(text)
        if m:
            frame[p.line] = ("annex list", "the list of annexes")
            reset()
            first_entry = numbered(text[m.end() :].strip())
            annex_next = (first_entry[0], first_entry[1] + 1) if first_entry else None
            continue
        if annex_next is not None:
            entry = numbered(text)
            if (
                entry is not None
                and entry[1] == annex_next[1]
                and annex_next[0] in (0, entry[0])
                and _is_annex_title(entry[3])
            ):
                frame[p.line] = ("annex list", "an entry of the list of annexes")
                annex_next = (entry[0], entry[1] + 1)
                continue
            annex_next = None
        if len(text) <= 30 and not _SENTENCE_PUNCT.search(text) and _DATE.match(next_text.get(p.line, "")):
            frame[p.line] = ("signature", "the issuer's signature")
            reset()
            continue
        if not seen_item and text.endswith(("：", ":")) and len(text) <= 120:
            frame[p.line] = ("salutation", "the addressees")
            at_top = False
            continue
        item = numbered(text)
        if item is None:
            if (
                at_top
                and len(text) <= 60
                and not _SENTENCE_PUNCT.search(text[:-1])
                and not text.endswith("。")
            ):
                frame[p.line] = ("title", "a title")
                continue
            at_top = False
            if stack:
                stack[-1].body.append(p)
            else:
                frame[p.line] = ("preamble", "unnumbered paragraph outside any numbered item")
            continue
        at_top = False
        seen_item = True
        rank, number, marker, rest = item
        heading, alone = heading_of(rest)
        node = Node(rank, number, marker, p.line, rest, heading, alone, len(blocks) - 1)
        while stack and stack[-1].rank >= rank:
            stack.pop()
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            blocks[-1].append(node)
        stack.append(node)
        nodes.append(node)
    return Outline([b for b in blocks if b], frame, nodes)


def _mark(node: Node, role: str, reason: str) -> None:
    node.role, node.reason = role, reason
    for d in node.descendants():
        d.role, d.reason = (
            role if role != "task" else "sub-item",
            reason if role != "task" else (f"a point of task {node.marker}"),
        )


def _decide_group(group: list[Node], top: bool) -> None:
    has_kids = any(n.children for n in group)
    for n in group:
        if is_framework_heading(n.heading):
            _mark(n, "framework", f"framework item: {n.heading}")
            continue
        if n.children:
            if top or n.heading_alone:
                n.role, n.reason = "part", "a heading with numbered items under it"
                _decide_group(n.children, top=False)
            else:
                n.role, n.reason = "task", "a numbered measure (its points are numbered under it)"
                for d in n.descendants():
                    d.role, d.reason = "sub-item", f"a point of {n.marker}{n.heading}"
        elif top and has_kids:
            n.role, n.reason = (
                "unnumbered part",
                "a part with unnumbered prose (its siblings hold numbered items)",
            )
        else:
            n.role, n.reason = "task", "a numbered measure"


def decide(outline: Outline) -> Outline:
    """Set every item's role (see the module docstring), and the closing paragraphs.

    Args:
        outline: From :func:`read_outline`.

    Returns:
        The same outline, roles set.
    """
    for block in outline.blocks:
        _decide_group(block, top=True)
    tasks = outline.tasks()
    if tasks:
        last = tasks[-1]
        holder = (last.descendants() or [last])[-1]  # trailing paragraphs hang on the deepest last item
        body = sorted(holder.body, key=lambda p: p.line)
        others_multi = any(t.body or t.children for t in tasks[:-1])
        closing: list[Paragraph] = []
        if not others_multi and not last.heading_alone and holder is last:
            closing = body
        else:
            own = 1 if holder.heading_alone else 0  # the body under a heading alone is the task's text
            for k, p in enumerate(body):
                if k >= own and is_closing(p.text):
                    closing = body[k:]
                    break
        if closing:
            holder.body = [p for p in holder.body if p not in closing]
            last.closing = closing
    return outline


def summarise(outline: Outline, why: str) -> None:
    """Make the outline's tasks summaries (when a table lists the measures instead)."""
    for n in outline.tasks():
        n.role, n.reason = "summary", why
