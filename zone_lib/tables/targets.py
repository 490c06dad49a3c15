"""The targets table: every number a task document promises (``覆盖90%以上…``), by year.

The spans are found by :func:`zone_lib.parse.targets.extract_targets`; this module
reads them out of the milestones and tasks of the corpus and cites the seed line
each is printed on.
"""

from __future__ import annotations

import pandas as pd

from zone_lib.ingest.corpus import Seeds, load_corpus
from zone_lib.parse.targets import Target, _sentence_year, extract_targets
from zone_lib.schemas import checked
from zone_lib.tables.tasks import milestones, tasks
from zone_lib.textutil import fold

TARGET_COLUMNS = [
    "doc_id", "task_no", "year", "value", "unit", "comparator", "subject", "text", "source", "source_line",
]  # fmt: skip

#: How many lines from a milestone's or task's first line a span is looked for.
LINE_WINDOW = 12


@checked("targets")
def targets(doc_id: str | None = None, seeds: Seeds = None) -> pd.DataFrame:
    """Quantitative targets of the task documents, one row per number promised.

    Documents with year milestones (prose or annual-table cells) are read through
    them, ``year`` being the milestone's ``year_to``; the others (nx-hq-2023,
    nhc-5yi-2020, nx-port-2019) through their whole task text, ``year`` being the
    year the target's sentence names (``2020年底前…达到100%`` -> 2020) or None.

    Args:
        doc_id: A task document (see ``task_documents()``); None for all of them.
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`TARGET_COLUMNS`; ``source`` is ``prose``, ``table``
        or ``task``; ``text`` is the matched span as printed.
    """
    corpus = load_corpus(seeds)
    ms = milestones(doc_id, seeds)
    ts = tasks(doc_id, seeds)
    lines = {d: corpus.get(d).numbered_lines() for d in set(ms["doc_id"]) | set(ts["doc_id"])}
    return targets_frame(ms, ts, lines)


def targets_frame(
    milestones: pd.DataFrame, tasks: pd.DataFrame, lines: dict[str, list[tuple[int, str]]]
) -> pd.DataFrame:
    """The targets of some milestones and tasks (see :func:`targets`).

    Args:
        milestones: Rows of ``milestones()``.
        tasks: Rows of ``tasks()``; read whole for the documents with no prose or
            table milestone.
        lines: ``doc_id`` -> the document's ``(line_no, text)``, to cite the line each
            target is printed on.

    Returns:
        A DataFrame with :data:`TARGET_COLUMNS`.
    """
    ms = milestones[milestones["source"].isin(["prose", "table"])]
    with_milestones = set(ms["doc_id"])
    rows = []
    for r in ms.itertuples(index=False):
        for t in extract_targets(r.text):
            year = None if pd.isna(r.year_to) else int(r.year_to)
            line = _line_of(lines[r.doc_id], t.span, r.source_line)
            rows.append(_row(r.doc_id, r.task_no, year, t, r.source, line))
    for r in tasks[~tasks["doc_id"].isin(with_milestones)].itertuples(index=False):
        for t in extract_targets(r.text):
            line = _line_of(lines[r.doc_id], t.span, r.source_line)
            rows.append(_row(r.doc_id, r.task_no, _sentence_year(r.text, t.start), t, "task", line))
    df = pd.DataFrame(rows, columns=TARGET_COLUMNS).astype({"year": "Int64", "value": "float64"})
    return df.sort_values(["doc_id", "task_no", "source", "source_line"], kind="stable").reset_index(
        drop=True
    )


def _line_of(lines: list[tuple[int, str]], span: str, first: int) -> int:
    """The seed line where ``span`` is printed, looking from ``first`` over a paragraph's page breaks.

    A milestone or task starts on ``first`` but may run over the next lines (blank
    lines between); a span broken by a line break is cited on the line where it
    starts. Falls back to ``first``.
    """
    want = fold(span)
    window = [(n, fold(text)) for n, text in lines if first <= n < first + LINE_WINDOW and text.strip()]
    for k, (n, text) in enumerate(window):
        if want in text:
            return n
        after = window[k + 1][1] if k + 1 < len(window) else ""
        if want in text + after and want not in after:
            return n
    return first


def _row(doc_id: str, task_no: int, year: int | None, t: Target, source: str, line: int) -> dict:
    return {
        "doc_id": doc_id,
        "task_no": task_no,
        "year": year,
        "value": t.value,
        "unit": t.unit,
        "comparator": t.comparator,
        "subject": t.subject,
        "text": t.span,
        "source": source,
        "source_line": line,
    }
