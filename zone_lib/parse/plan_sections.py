"""The Plans as section trees, with their “到2020年 / 到2022年” goals.

A plan (规划) has no numbered tasks; it is a tree: parts ``一、``, sections
``（一）``, numbered subsections ``1.``, and items — paragraphs that open with a
short lead phrase (``统一数据标准规范。…``). Goals are the sentences that open
with a target year (``到2020年，…``, ``到2019年底，…``).

Paragraphs broken by page breaks (a line that does not end a sentence) are
joined back before anything is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zone_lib.textutil import chinese_numeral, strip_markup

_PART = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_SECTION = re.compile(r"^[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.+)$")
_SUB = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
#: A goal sentence: ``到2020年，`` / ``至2022年底，`` at a sentence start.
GOAL = re.compile(r"(?:^|(?<=[。；;]))\s*(到|至)(20\d{2})年(底|末)?[，,]")
_SENTENCE_END = "。！？；：;:!?）)”"
#: A paragraph whose first sentence is at most this long opens an item.
ITEM_TITLE_MAX = 20
LEVELS = ("part", "section", "subsection", "item")


@dataclass
class Node:
    """One node of a plan's section tree: its level, number, title, first line and text."""

    level: str
    number: int | None
    title: str
    line: int
    parent: Node | None
    text: list[tuple[int, str]] = field(default_factory=list)  # (first line, paragraph)
    node_id: str = ""


def paragraphs(numbered_lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join lines broken inside a sentence; returns ``(first line, paragraph)``.

    A line that does not end with sentence-final punctuation continues on the next
    non-blank line, unless that line opens a heading.
    """
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for line_no, raw in numbered_lines:
        text = strip_markup(raw).strip()
        if not text:
            continue
        if pending is not None:
            heading = _PART.match(text) or _SECTION.match(text) or _SUB.match(text)
            if not heading:
                pending = (pending[0], pending[1] + text)
                if pending[1].endswith(tuple(_SENTENCE_END)):
                    out.append(pending)
                    pending = None
                continue
            out.append(pending)
            pending = None
        if text.endswith(tuple(_SENTENCE_END)):
            out.append((line_no, text))
        else:
            pending = (line_no, text)
    if pending is not None:
        out.append(pending)
    return out


def _lead(text: str) -> tuple[str, str]:
    head, sep, rest = text.partition("。")
    return (head, rest) if sep else (text, "")


def section_tree(numbered_lines: list[tuple[int, str]]) -> list[Node]:
    """The nodes of a plan's section tree (parts, sections, subsections, items), in order."""
    nodes: list[Node] = []
    stack: dict[str, Node | None] = {lvl: None for lvl in LEVELS}

    def open_node(level: str, number: int | None, title: str, line: int, rest: str) -> Node:
        depth = LEVELS.index(level)
        parent = next((stack[lv] for lv in reversed(LEVELS[:depth]) if stack[lv] is not None), None)
        node = Node(level, number, title.rstrip("。"), line, parent)
        if rest:
            node.text.append((line, rest))
        for lv in LEVELS[depth:]:
            stack[lv] = None
        stack[level] = node
        nodes.append(node)
        return node

    for line, para in paragraphs(numbered_lines):
        if m := _PART.match(para):
            try:
                open_node(
                    "part", chinese_numeral(m.group(1)), *_lead(m.group(2))[:1], line, _lead(m.group(2))[1]
                )
                continue
            except ValueError:
                pass
        if m := _SECTION.match(para):
            try:
                title, rest = _lead(m.group(2))
                open_node("section", chinese_numeral(m.group(1)), title, line, rest)
                continue
            except ValueError:
                pass
        if (m := _SUB.match(para)) and any(stack[lv] for lv in ("part", "section")):
            title, rest = _lead(m.group(2))
            if len(title) <= 2 * ITEM_TITLE_MAX:
                open_node("subsection", int(m.group(1)), title, line, rest)
                continue
        title, rest = _lead(para)
        under = stack["subsection"] or stack["section"]
        if (
            under is not None
            and rest
            and len(title) <= ITEM_TITLE_MAX
            and "，" not in title
            and "," not in title
        ):
            open_node("item", None, title, line, rest)
            continue
        holder = stack["item"] or stack["subsection"] or stack["section"] or stack["part"]
        if holder is not None:
            holder.text.append((line, para))
    counters: dict[int, int] = {}
    for node in nodes:
        parent_id = node.parent.node_id if node.parent else ""
        key = id(node.parent)
        counters[key] = counters.get(key, 0) + 1
        node.node_id = f"{parent_id}.{counters[key]}" if parent_id else str(counters[key])
    return nodes


def line_of(numbered_lines: list[tuple[int, str]], snippet: str, start: int) -> int:
    """The first line at or after ``start`` holding the beginning of ``snippet``."""
    probe = snippet[:8]
    for line_no, raw in numbered_lines:
        if line_no >= start and probe in strip_markup(raw):
            return line_no
    return start
