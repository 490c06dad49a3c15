"""What a document is made of: numbered tasks, a plan's section tree, or neither.

The seeds manifest says which structure each known document has; a document the
manifest does not know (a plan dropped into the seeds folder) gets its structure
from its text (:func:`detect_structure`), computed when a table first asks for it
(:func:`structure_of`). :func:`prose_of` reads a task document's numbered tasks up
to its table, if it has one.
"""

from __future__ import annotations

from functools import lru_cache

from zone_lib.ingest.corpus import Document
from zone_lib.parse.annual_table import table_start
from zone_lib.parse.prose_tasks import ProseParse, detect_scheme

#: A document with at least this many ``一、`` / ``（一）`` headings, of both kinds, is a plan.
PLAN_MIN_HEADINGS = 5


def detect_structure(numbered_lines: list[tuple[int, str]], min_tasks: int = 2) -> str:
    """The structure of a document, from its text alone.

    ``tasks`` if it holds a year or task-division table, or at least ``min_tasks``
    numbered tasks (``1.``, ``（一）`` or ``一是``) of which half carry a year
    milestone or a unit, or that follow each other with no stray paragraph between
    them; otherwise ``plan`` if it has :data:`PLAN_MIN_HEADINGS` headings or more,
    both ``一、`` and ``（一）``; otherwise ``""``.

    Args:
        numbered_lines: The document's ``(line_no, text)``.
        min_tasks: The fewest numbered tasks that make a task document.

    Returns:
        ``"tasks"``, ``"plan"`` or ``""``.
    """
    k = table_start(numbered_lines)
    if k is not None:
        return "tasks"
    _, parse = detect_scheme(numbered_lines)
    dated = sum(1 for t in parse.tasks if t.units or t.milestones or t.open_milestones or t.deadlines)
    if len(parse.tasks) >= max(min_tasks, 1) and (2 * dated >= len(parse.tasks) or not parse.problems):
        return "tasks"
    heads = [role for role in parse.used_lines.values() if role in ("part", "section")]
    if len(heads) >= PLAN_MIN_HEADINGS and {"part", "section"} <= set(heads):
        return "plan"
    return ""


@lru_cache(maxsize=64)
def structure_of(doc: Document) -> str:
    """The structure of a document: the manifest's (``doc.structure``), else detected from the text (cached).

    Args:
        doc: A document of the corpus.

    Returns:
        ``"tasks"``, ``"plan"`` or ``""``.
    """
    if doc.structure is not None:
        return doc.structure
    return detect_structure(doc.numbered_lines())


def prose_stop(numbered_lines: list[tuple[int, str]]) -> int | None:
    """The line at which a document's prose ends: its table's caption (or header), or None."""
    k = table_start(numbered_lines)
    if k is None:
        return None
    j = k - 1
    while j >= 0 and not numbered_lines[j][1].strip():
        j -= 1
    return numbered_lines[j][0] if j >= 0 and "\t" not in numbered_lines[j][1] else numbered_lines[k][0]


@lru_cache(maxsize=32)
def prose_of(doc: Document) -> ProseParse:
    """The numbered tasks of a document, read up to its table if it has one (cached)."""
    lines = doc.numbered_lines()
    _, parse = detect_scheme(lines, prose_stop(lines))
    return parse
