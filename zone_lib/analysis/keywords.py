"""Distinctive words of sections, years and documents (jieba-style TF-IDF over the corpus itself).

jieba's ``extract_tags`` weighs a word by its frequency in a text times an IDF
learnt from a large general corpus. Here the IDF is learnt from the groups being
compared: ``weight = tf × ln(N / df)``, where ``tf`` is the word's share of the
group's words, ``N`` the number of groups and ``df`` how many groups use the word.
A word every group uses gets weight 0 and is never a keyword, so the keywords of
2021 are what the 2021 milestones say that other years do not.

Example::

    from zone_lib.analysis.keywords import keywords
    keywords("year", top=5)            # 2019 … 2022 milestones, regional + city
    keywords("section", top=5)         # 'nx-impl-2019 §4', …
    keywords("document", top=10)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from zone_lib.analysis.tfidf import tfidf as group_tfidf
from zone_lib.analysis.words import words
from zone_lib.errors import ParameterError
from zone_lib.ingest.corpus import Corpus, Seeds, load_corpus
from zone_lib.tables.documents import documents
from zone_lib.tables.tasks import milestones, task_documents, tasks

KEYWORD_COLUMNS = ["by", "group", "rank", "word", "weight"]
BY = ("section", "year", "document")


def health_documents(seeds: Seeds = None) -> list[str]:
    """Task documents about “互联网+医疗健康” (the port plan of the same gazette is left out).

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        Document ids in corpus order, e.g. qtx-impl-2019, nx-impl-2019, nx-hq-2023, nhc-5yi-2020.
    """
    return list(_health_documents(load_corpus(seeds)))


@lru_cache(maxsize=32)
def _health_documents(corpus: Corpus) -> tuple[str, ...]:
    """:func:`health_documents` of a loaded corpus (the cache key)."""
    docs = documents(seeds=corpus)
    titles = {
        d: str(title) + str(detected)
        for d, title, detected in zip(docs.doc_id.tolist(), docs.title.tolist(), docs.detected_title.tolist())
    }
    return tuple(d for d in task_documents(corpus) if "医疗健康" in titles[d])


@lru_cache(maxsize=64)
def _task_rows(doc_id: str, corpus: Corpus) -> tuple[tuple[object, str], ...]:
    """``(section_no, text)`` of every task of a document, in table order (cached per corpus)."""
    ts = tasks(doc_id, seeds=corpus)
    return tuple(zip(ts.section_no.tolist(), ts.text.tolist()))


@lru_cache(maxsize=64)
def _milestone_rows(doc_id: str, corpus: Corpus) -> tuple[tuple[object, object, str], ...]:
    """``(year_from, year_to, text)`` of every milestone of a document, in order (cached per corpus)."""
    ms = milestones(doc_id, seeds=corpus)
    return tuple(zip(ms.year_from.tolist(), ms.year_to.tolist(), ms.text.tolist()))


def _groups(by: str, doc_ids: list[str], seeds: Seeds) -> dict[object, list[str]]:
    """Group label → texts of that group."""
    corpus = load_corpus(seeds)
    groups: dict[object, list[str]] = {}
    if by == "year":
        for d in doc_ids:
            for year_from, year_to, text in _milestone_rows(d, corpus):
                hi = year_to
                lo = year_from if pd.notna(year_from) else hi
                if pd.isna(hi) or pd.isna(lo):
                    continue
                for y in range(int(lo), int(hi) + 1):
                    groups.setdefault(y, []).append(text)
        return dict(sorted(groups.items()))
    for d in doc_ids:
        for section_no, text in _task_rows(d, corpus):
            if by == "document":
                key: object = d
            else:
                key = f"{d} §{section_no}" if pd.notna(section_no) else f"{d} §-"
            groups.setdefault(key, []).append(text)
    return groups


def tfidf(groups: dict[object, Iterable[str]]) -> dict[object, dict[str, float]]:
    """jieba-style TF-IDF weights of each group's words, IDF over the groups themselves.

    Args:
        groups: Group label → texts.

    Returns:
        Group label → {word: tf × ln(N / df)} (:func:`zone_lib.analysis.tfidf.tfidf`).
    """
    return group_tfidf({g: Counter(w for t in texts for w in words(t)) for g, texts in groups.items()})


def keywords(
    by: str = "section",
    top: int = 10,
    seeds: Seeds = None,
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The ``top`` most distinctive words of each section, milestone year or document.

    Groups:

    - ``"section"``: the tasks of one section of one document, labelled
      ``"nx-impl-2019 §3"``;
    - ``"year"``: the milestone texts of one year (int label, ``2021``); a range
      ``2019—2020年`` counts for both years, a deadline for its year; in practice
      the milestones of nx-impl-2019 (prose and annual table) and qtx-impl-2019;
    - ``"document"``: all tasks of one document (label: doc_id).

    Words come from :func:`zone_lib.analysis.words.words` (stop words removed); the IDF
    is taken across the groups of that ``by`` (see :func:`tfidf`).

    Args:
        by: ``"section"``, ``"year"`` or ``"document"``.
        top: Keywords per group.
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.
        doc_ids: Documents to draw on; by default :func:`health_documents`.

    Returns:
        A DataFrame with :data:`KEYWORD_COLUMNS`, ordered by group then rank
        (weight descending, ties by word). ``weight`` is rounded to 6 places.

    Raises:
        ValueError: If ``by`` is not one of :data:`BY` or ``top`` < 1.
    """
    if by not in BY:
        raise ParameterError("by", by, list(BY))
    if top < 1:
        raise ParameterError("top", top, ["an integer of at least 1"])
    docs = list(doc_ids) if doc_ids is not None else health_documents(seeds)
    weights = tfidf(_groups(by, docs, seeds))
    rows = []
    for g, ws in weights.items():
        best = sorted(ws.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        for rank, (w, v) in enumerate(best, start=1):
            rows.append({"by": by, "group": g, "rank": rank, "word": w, "weight": round(v, 6)})
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)
