"""The plans of the corpus as tables: section trees (:func:`plan_tree`) and dated goals (:func:`plan_goals`).

The tree of one plan is read by :func:`zone_lib.parse.plan_sections.section_tree`.
"""

from __future__ import annotations

import pandas as pd

from zone_lib.errors import DocumentNotFoundError
from zone_lib.ingest.corpus import Document, Seeds, load_corpus
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.parse.plan_sections import GOAL, line_of, section_tree
from zone_lib.parse.structure import structure_of
from zone_lib.schemas import checked
from zone_lib.textutil import collapse_ws

TREE_COLUMNS = ["doc_id", "node_id", "level", "number", "title", "parent_id", "text", "source_line"]
GOAL_COLUMNS = ["doc_id", "node_id", "node_title", "year", "marker", "text", "source_line"]


def _plans(doc_id: str | None, seeds: Seeds) -> list[Document]:
    corpus = load_corpus(seeds)
    plans = [d for d in corpus.docs if structure_of(d) == "plan"]
    if doc_id is None:
        return [d for d in plans if d.doc_id != corpus_facts()["scraped_copy"]["copy"]]
    doc = corpus.get(doc_id)
    if structure_of(doc) != "plan":
        raise DocumentNotFoundError(doc_id, [d.doc_id for d in plans])
    return [doc]


@checked("plan_tree")
def plan_tree(doc_id: str | None = None, seeds: Seeds = None) -> pd.DataFrame:
    """The section tree of a Plan (or of both Plans: regional and Qingtongxia).

    Args:
        doc_id: ``nx-plan-2019``, ``qtx-plan-2019`` or ``nx-plan-2019-web``; None
            for every plan but the scraped web copy (``scraped_copy`` in
            ``data/corpus_facts.json``).
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`TREE_COLUMNS`; ``node_id`` is the path
        (``"2.4.1.3"``), ``level`` one of part, section, subsection, item.
    """
    rows = []
    for doc in _plans(doc_id, seeds):
        for n in section_tree(doc.numbered_lines()):
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
        lines = doc.numbered_lines()
        nodes = section_tree(lines)
        for n in nodes:
            for para_line, text in n.text:
                marks = list(GOAL.finditer(text))
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
                            "source_line": line_of(lines, text[m.start() : m.end() + 6].strip(), para_line),
                        }
                    )
    return pd.DataFrame(rows, columns=GOAL_COLUMNS)
