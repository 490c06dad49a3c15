"""The Plans as section trees, with their “到2020年 / 到2022年” goals.

A plan (规划) has no numbered tasks; it is a tree: parts ``一、``, sections
``（一）``, numbered subsections ``1.``, and items — paragraphs that open with a
short lead phrase (``统一数据标准规范。…``). Goals are the sentences that open
with a target year (``到2020年，…``, ``到2019年底，…``).

Paragraphs broken by page breaks (a line that does not end a sentence) are
joined back before anything is read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pandas as pd

from zone_lib.errors import DocumentNotFoundError
from zone_lib.ingest.corpus import Document, load_corpus
from zone_lib.schemas import checked
from zone_lib.textutil import chinese_numeral, collapse_ws, strip_markup

Seeds = str | os.PathLike[str] | None

TREE_COLUMNS = ["doc_id", "node_id", "level", "number", "title", "parent_id", "text", "source_line"]
GOAL_COLUMNS = ["doc_id", "node_id", "node_title", "year", "marker", "text", "source_line"]

_PART = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_SECTION = re.compile(r"^[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.+)$")
_SUB = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
_GOAL = re.compile(r"(?:^|(?<=[。；;]))\s*(到|至)(20\d{2})年(底|末)?[，,]")
_SENTENCE_END = "。！？；：;:!?）)”"
#: A paragraph whose first sentence is at most this long opens an item.
ITEM_TITLE_MAX = 20
LEVELS = ("part", "section", "subsection", "item")


@dataclass
class _Node:
    level: str
    number: int | None
    title: str
    line: int
    parent: _Node | None
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


def _tree(doc: Document) -> list[_Node]:
    nodes: list[_Node] = []
    stack: dict[str, _Node | None] = {lvl: None for lvl in LEVELS}

    def open_node(level: str, number: int | None, title: str, line: int, rest: str) -> _Node:
        depth = LEVELS.index(level)
        parent = next((stack[lv] for lv in reversed(LEVELS[:depth]) if stack[lv] is not None), None)
        node = _Node(level, number, title.rstrip("。"), line, parent)
        if rest:
            node.text.append((line, rest))
        for lv in LEVELS[depth:]:
            stack[lv] = None
        stack[level] = node
        nodes.append(node)
        return node

    for line, para in paragraphs(doc.numbered_lines()):
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


def _plans(doc_id: str | None, seeds: Seeds) -> list[Document]:
    corpus = load_corpus(seeds)
    plans = [d for d in corpus.docs if d.structure == "plan"]
    if doc_id is None:
        return [d for d in plans if d.doc_id != "nx-plan-2019-web"]
    doc = corpus.get(doc_id)
    if doc.structure != "plan":
        raise DocumentNotFoundError(doc_id, [d.doc_id for d in plans])
    return [doc]


@checked("plan_tree")
def plan_tree(doc_id: str | None = None, seeds: Seeds = None) -> pd.DataFrame:
    """The section tree of a Plan (or of both Plans: regional and Qingtongxia).

    Args:
        doc_id: ``nx-plan-2019``, ``qtx-plan-2019`` or ``nx-plan-2019-web``; None
            for the two plans (the noisy web copy left out).
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`TREE_COLUMNS`; ``node_id`` is the path
        (``"2.4.1.3"``), ``level`` one of part, section, subsection, item.
    """
    rows = []
    for doc in _plans(doc_id, seeds):
        for n in _tree(doc):
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "node_id": n.node_id,
                    "level": n.level,
                    "number": n.number,
                    "title": collapse_ws(n.title),
                    "parent_id": n.parent.node_id if n.parent else "",
                    "text": collapse_ws("".join(t for _, t in n.text)),
                    "source_line": n.line,
                }
            )
    return pd.DataFrame(rows, columns=TREE_COLUMNS).astype({"number": "Int64"})


@checked("plan_goals")
def plan_goals(doc_id: str | None = None, seeds: Seeds = None) -> pd.DataFrame:
    """The dated goals of a Plan: sentences opening with ``到2020年，`` and the like.

    Returns:
        A DataFrame with :data:`GOAL_COLUMNS`; ``year`` is the target year,
        ``text`` the goal up to the next dated goal or the end of the paragraph.
    """
    rows = []
    for doc in _plans(doc_id, seeds):
        nodes = _tree(doc)
        for n in nodes:
            for para_line, text in n.text:
                marks = list(_GOAL.finditer(text))
                for k, m in enumerate(marks):
                    end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
                    rows.append(
                        {
                            "doc_id": doc.doc_id,
                            "node_id": n.node_id,
                            "node_title": n.title,
                            "year": int(m.group(2)),
                            "marker": m.group(0).strip(),
                            "text": text[m.end() : end].strip(),
                            "source_line": _line_of(doc, text[m.start() : m.end() + 6].strip(), para_line),
                        }
                    )
    return pd.DataFrame(rows, columns=GOAL_COLUMNS)


def _line_of(doc: Document, snippet: str, start: int) -> int:
    """The first line at or after ``start`` holding the beginning of ``snippet``."""
    probe = snippet[:8]
    for line_no, raw in doc.numbered_lines():
        if line_no >= start and probe in strip_markup(raw):
            return line_no
    return start
