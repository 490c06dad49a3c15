"""Crosswalks between the tasks of two documents: which task of one answers which of the other.

The city Implementation Plan (``qtx-impl-2019``) adapts the regional one
(``nx-impl-2019``) task by task; the 2023 high-quality plan (``nx-hq-2023``) and the
national “五个一” measures (``nhc-5yi-2020``) reword the same work. No hand-made
mapping is needed: each task becomes a TF-IDF vector of its jieba words
(:func:`zone_lib.analysis.words.words`, domain dictionary and stop words applied), with
the title's words counted :data:`TITLE_WEIGHT` times extra, and tasks are linked by
cosine similarity. Where reading the texts says otherwise, a row of
``zone_lib/data/crosswalk_overrides.csv`` forces the link and the result marks it
``source == "override"``.

Example::

    from zone_lib.analysis.crosswalk import crosswalk, crosswalk_summary
    cw = crosswalk("qtx-impl-2019", "nx-impl-2019", top=1)
    summary = crosswalk_summary("qtx-impl-2019", "nx-impl-2019")
    summary[summary.status == "added"][["from_task", "from_title", "score"]]
"""

from __future__ import annotations

import itertools
import math
import operator
import os
from collections import Counter
from functools import lru_cache
from importlib import resources

import pandas as pd

from zone_lib.analysis.tfidf import idf
from zone_lib.analysis.words import words
from zone_lib.errors import DataFileError, ParameterError
from zone_lib.ingest.corpus import Corpus, Seeds, load_corpus
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.schemas import checked
from zone_lib.tables.tasks import milestones, tasks

Overrides = pd.DataFrame | str | os.PathLike[str] | None

#: How many extra times a task title's words count, on top of the task text (which
#: usually repeats the title as its first sentence). Titles are the authors' own
#: summary of a task, so they deserve more weight than any one sentence of it.
TITLE_WEIGHT = 2

#: The score a rank-1 link needs in :func:`crosswalk_summary` to count as a
#: counterpart, for document pairs without an entry in :data:`THRESHOLDS`. Scores
#: depend on how closely a document copies the wording of the other, so the
#: threshold is set per pair from measured scores. Between documents that reword
#: the regional plan (nx-hq-2023, nhc-5yi-2020 → nx-impl-2019) the rank-1 links a
#: reader confirms score 0.21–0.29 (nhc 7 “一站式”及时结算 → nx 36 0.25, nhc 3 → nx 1
#: 0.26, nx-hq 13 中医药 → nx 26 0.29, nx-hq 15 数据安全 → nx 5 0.25, nx-hq 18
#: 产业园区 → nx 6 0.28), a wrong one scores 0.20 (nx-hq 1 互联网医院 → nx 26
#: 中医药), and measures with no regional counterpart (健康码“一码通行”, 诊疗装备
#: 数字化) score 0.05–0.18.
LINK_THRESHOLD: float = corpus_facts()["crosswalk"]["default_threshold"]

#: Per-pair thresholds, ``(from_doc, to_doc) → score``. qtx-impl-2019 copies
#: nx-impl-2019 sentence by sentence: its 31 tasks whose titles clearly
#: correspond score 0.62–0.97 against their regional task, while the city's own
#: new tasks (电子病历信息化, 基层云HIS, 消毒供应追溯, 高低值耗材) score 0.14–0.22
#: against their nearest one; 0.3 sits in that gap.
#: Both kept in ``data/corpus_facts.json`` (``crosswalk``).
THRESHOLDS: dict[tuple[str, str], float] = {
    (t["from"], t["to"]): t["threshold"] for t in corpus_facts()["crosswalk"]["thresholds"]
}


def link_threshold(from_doc: str, to_doc: str) -> float:
    """The documented default threshold for a pair of documents.

    Args:
        from_doc: Document id.
        to_doc: Document id.

    Returns:
        ``THRESHOLDS[(from_doc, to_doc)]`` or :data:`LINK_THRESHOLD`.
    """
    return THRESHOLDS.get((from_doc, to_doc), LINK_THRESHOLD)


#: The packaged override file (may hold only its header).
OVERRIDES_FILE = "crosswalk_overrides.csv"
OVERRIDE_COLUMNS = ["from_doc", "from_task", "to_doc", "to_task", "note"]

CROSSWALK_COLUMNS = [
    "from_doc", "from_task", "from_title", "to_doc", "to_task", "to_title", "score", "rank", "source",
]  # fmt: skip
SUMMARY_COLUMNS = [
    "status", "from_doc", "from_task", "from_title", "to_doc", "to_task", "to_title", "score", "source",
    "from_years", "to_years", "from_first", "to_first", "first_diff", "from_last", "to_last", "last_diff",
]  # fmt: skip


def task_words(title: str, text: str, title_weight: int | None = None) -> Counter[str]:
    """Word counts of one task: the text's words plus the title's words ``title_weight`` times.

    Args:
        title: The task title.
        text: The whole task text.
        title_weight: Extra weight of each title word; None for :data:`TITLE_WEIGHT`.

    Returns:
        A Counter of words.
    """
    if title_weight is None:
        title_weight = TITLE_WEIGHT
    counts = Counter(words(text))
    for w in words(title):
        counts[w] += title_weight
    return counts


def _unit_vector(counts: Counter[str], weights: dict[str, float]) -> dict[str, float]:
    vec = {w: (1.0 + math.log(c)) * weights.get(w, 1.0) for w, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # sum of v * b.get(w, 0.0) over a's items in order, without a Python-level loop
    return sum(map(operator.mul, a.values(), map(b.get, a.keys(), itertools.repeat(0.0))))


def read_overrides(overrides: Overrides = None) -> pd.DataFrame:
    """The override links: the packaged CSV, another CSV file, or a DataFrame.

    Args:
        overrides: None for ``zone_lib/data/crosswalk_overrides.csv``; a path to a
            CSV with :data:`OVERRIDE_COLUMNS`; or a DataFrame with those columns
            (``note`` optional). An empty DataFrame means no overrides.

    Returns:
        A DataFrame with :data:`OVERRIDE_COLUMNS` (task numbers as ints).

    Raises:
        ValueError: If a required column is missing.
    """
    if overrides is None:
        with resources.as_file(resources.files("zone_lib").joinpath("data", OVERRIDES_FILE)) as path:
            st = os.stat(path)
            return _packaged_overrides(str(path), st.st_size, st.st_mtime_ns).copy()
    if isinstance(overrides, pd.DataFrame):
        df = overrides.copy()
    else:
        df = pd.read_csv(overrides, dtype=str, keep_default_na=False, comment="#")
    return _tidy_overrides(df)


@lru_cache(maxsize=4)
def _packaged_overrides(path: str, size: int, mtime_ns: int) -> pd.DataFrame:
    """The packaged override file, read once per version of it (callers get copies)."""
    return _tidy_overrides(pd.read_csv(path, dtype=str, keep_default_na=False, comment="#"))


def _tidy_overrides(df: pd.DataFrame) -> pd.DataFrame:
    """Override rows with :data:`OVERRIDE_COLUMNS`, text stripped and task numbers as ints."""
    if "note" not in df.columns:
        df["note"] = ""
    missing = [c for c in OVERRIDE_COLUMNS if c not in df.columns]
    if missing:
        raise DataFileError(f"crosswalk overrides lack column(s) {missing}; expected {OVERRIDE_COLUMNS}")
    df = df[OVERRIDE_COLUMNS].copy()
    for c in ("from_doc", "to_doc", "note"):
        df[c] = df[c].astype(str).str.strip()
    for c in ("from_task", "to_task"):
        df[c] = pd.to_numeric(df[c]).astype(int)
    return df.reset_index(drop=True)


def similarity(from_doc: str, to_doc: str, seeds: Seeds = None) -> pd.DataFrame:
    """Score every task of ``from_doc`` against every task of ``to_doc`` (cached per corpus).

    See :func:`_similarity`.
    """
    return _similarity(from_doc, to_doc, load_corpus(seeds)).copy()


@lru_cache(maxsize=64)
def _task_list(doc_id: str, corpus: Corpus) -> tuple[tuple[int, str, str], ...]:
    """``(task_no, title, text)`` of every task of a document, in table order (cached per corpus)."""
    ts = tasks(doc_id, seeds=corpus)
    return tuple(
        (int(n), title, text)
        for n, title, text in zip(ts.task_no.tolist(), ts.task.tolist(), ts.text.tolist())
    )


@lru_cache(maxsize=32)
def _similarity(from_doc: str, to_doc: str, corpus: Corpus) -> pd.DataFrame:
    """Score every task of ``from_doc`` against every task of ``to_doc``.

    IDF is computed over the tasks of both documents together, so words that
    both documents use everywhere (医疗, 信息, 平台) weigh little and the words
    that single out a task (电子健康卡, 免疫, 一站式) weigh much. Term frequencies
    are sublinear (``1 + ln tf``).

    Args:
        from_doc: Document id whose tasks are looked up.
        to_doc: Document id whose tasks are candidates.
        corpus: The loaded corpus (the cache key).

    Returns:
        One row per (from_task, to_task) with from_doc, from_task, from_title,
        to_doc, to_task, to_title and score (0..1).
    """
    src = _task_list(from_doc, corpus)
    dst = _task_list(to_doc, corpus)
    src_words = [task_words(title, text) for _, title, text in src]
    dst_words = [task_words(title, text) for _, title, text in dst]
    pool = src_words + dst_words if from_doc != to_doc else src_words
    weights = idf(pool, smooth=True)  # similarity: common words still count (tfidf module)
    src_vecs = [_unit_vector(c, weights) for c in src_words]
    dst_vecs = [_unit_vector(c, weights) for c in dst_words]
    rows = []
    for (s_no, s_title, _), sv in zip(src, src_vecs):
        for (d_no, d_title, _), dv in zip(dst, dst_vecs):
            rows.append(
                {
                    "from_doc": from_doc,
                    "from_task": s_no,
                    "from_title": s_title,
                    "to_doc": to_doc,
                    "to_task": d_no,
                    "to_title": d_title,
                    "score": round(min(max(_cosine(sv, dv), 0.0), 1.0), 4),
                }
            )
    return pd.DataFrame(
        rows, columns=["from_doc", "from_task", "from_title", "to_doc", "to_task", "to_title", "score"]
    )


@checked("crosswalk")
def crosswalk(
    from_doc: str,
    to_doc: str,
    top: int = 3,
    seeds: Seeds = None,
    overrides: Overrides = None,
) -> pd.DataFrame:
    """The ``top`` most similar tasks of ``to_doc`` for every task of ``from_doc``.

    Override rows for this pair of documents come first for their from-task
    (rank 1, 2, … in file order, ``source == "override"``, score still the
    computed similarity); similarity links fill the remaining ranks. Ties in score
    go to the lower task number.

    Args:
        from_doc: Document id, e.g. ``"qtx-impl-2019"``.
        to_doc: Document id, e.g. ``"nx-impl-2019"``.
        top: Links per from-task (ranks 1..top).
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.
        overrides: See :func:`read_overrides`; None reads the packaged CSV.

    Returns:
        A DataFrame with :data:`CROSSWALK_COLUMNS`, ordered by from_task and rank.

    Raises:
        ValueError: If ``top`` < 1 or an override names a task that does not exist.
        DocumentNotFoundError: If a document id is unknown.
    """
    return pd.DataFrame(_crosswalk_rows(from_doc, to_doc, top, seeds, overrides), columns=CROSSWALK_COLUMNS)


def _crosswalk_rows(from_doc: str, to_doc: str, top: int, seeds: Seeds, overrides: Overrides) -> list[dict]:
    """The rows of :func:`crosswalk` as dicts (see there), built without per-row pandas indexing."""
    if top < 1:
        raise ParameterError("top", top, ["an integer of at least 1"])
    sim = _similarity(from_doc, to_doc, load_corpus(seeds))  # cached: read only, never modified
    ov = read_overrides(overrides)
    ov = ov[(ov.from_doc == from_doc) & (ov.to_doc == to_doc)]
    # from_task → {to_task: (from_title, to_title, score)}, from_tasks in ascending order
    links: dict[int, dict[int, tuple[str, str, float]]] = {}
    columns = ("from_task", "to_task", "from_title", "to_title", "score")
    for f, t, f_title, t_title, score in zip(*(sim[c].tolist() for c in columns)):
        links.setdefault(f, {})[t] = (f_title, t_title, score)
    links = dict(sorted(links.items()))
    forced: dict[int, list[int]] = {}
    for f, t in zip(ov.from_task.tolist(), ov.to_task.tolist()):
        if t not in links.get(f, {}):
            raise DataFileError(f"crosswalk override {from_doc} {f} → {to_doc} {t}: no such task")
        forced.setdefault(f, [])
        if t not in forced[f]:
            forced[f].append(t)

    rows = []
    for from_task, by_task in links.items():
        # highest score first, ties to the lower task number
        ranked = sorted(by_task, key=lambda t, by_task=by_task: (-by_task[t][2], t))
        chosen = [(t, "override") for t in forced.get(from_task, [])]
        taken = {t for t, _ in chosen}
        chosen += [(t, "similarity") for t in ranked if t not in taken]
        for rank, (to_task, source) in enumerate(chosen[:top], start=1):
            from_title, to_title, score = by_task[to_task]
            rows.append(
                {
                    "from_doc": from_doc,
                    "from_task": int(from_task),
                    "from_title": from_title,
                    "to_doc": to_doc,
                    "to_task": int(to_task),
                    "to_title": to_title,
                    "score": float(score),
                    "rank": rank,
                    "source": source,
                }
            )
    return rows


def _years(doc_id: str, seeds: Seeds) -> dict[int, tuple[int, ...]]:
    """Task number → sorted years its milestones cover (ranges expanded); read only."""
    return _task_years(doc_id, load_corpus(seeds))


@lru_cache(maxsize=64)
def _task_years(doc_id: str, corpus: Corpus) -> dict[int, tuple[int, ...]]:
    """:func:`_years` of a loaded corpus (the cache key)."""
    ms = milestones(doc_id, seeds=corpus)
    out: dict[int, set[int]] = {}
    for task_no, year_from, year_to in zip(ms.task_no.tolist(), ms.year_from.tolist(), ms.year_to.tolist()):
        hi = year_to
        lo = year_from if pd.notna(year_from) else hi
        if pd.isna(hi) or pd.isna(lo):
            continue
        out.setdefault(int(task_no), set()).update(range(int(lo), int(hi) + 1))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _year_cols(prefix: str, years: tuple[int, ...] | None) -> dict[str, object]:
    if not years:
        return {f"{prefix}_years": "", f"{prefix}_first": pd.NA, f"{prefix}_last": pd.NA}
    return {
        f"{prefix}_years": ",".join(str(y) for y in years),
        f"{prefix}_first": years[0],
        f"{prefix}_last": years[-1],
    }


def crosswalk_summary(
    from_doc: str,
    to_doc: str,
    threshold: float | None = None,
    seeds: Seeds = None,
    overrides: Overrides = None,
) -> pd.DataFrame:
    """What ``from_doc`` took up from ``to_doc``, what it added, what it dropped, and when.

    Built from the rank-1 links of :func:`crosswalk`. A from-task is ``linked``
    if its rank-1 link scores at least ``threshold`` (by default
    :func:`link_threshold`: 0.3 for qtx-impl-2019 → nx-impl-2019, else 0.21) or
    comes from an override, otherwise ``added`` (no counterpart). A to-task that
    no from-task is linked to is ``dropped``. Where both documents have year
    milestones (qtx-impl-2019 → nx-impl-2019), each row also compares the years
    its tasks' milestones cover.

    Args:
        from_doc: Document id of the adapting document, e.g. ``"qtx-impl-2019"``.
        to_doc: Document id of the model document, e.g. ``"nx-impl-2019"``.
        threshold: Minimum rank-1 similarity score for a counterpart; None for
            :func:`link_threshold` of the pair.
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.
        overrides: See :func:`read_overrides`.

    Returns:
        A DataFrame with :data:`SUMMARY_COLUMNS`: one row per from-task
        (status ``linked`` or ``added``; ``score`` is its rank-1 score even when
        below the threshold, ``to_*`` empty for ``added``) then one row per
        dropped to-task. ``from_years``/``to_years`` list the milestone years
        (``"2019,2020,2021"``), ``*_first``/``*_last`` the first and last of
        them, and ``first_diff``/``last_diff`` = from − to (positive: the
        from-document plans it later).
    """
    if threshold is None:
        threshold = link_threshold(from_doc, to_doc)
    # the rank-1 links of crosswalk(top=1), without building and re-reading its DataFrame
    cw = _crosswalk_rows(from_doc, to_doc, 1, seeds, overrides)
    src_years = _years(from_doc, seeds)
    dst_years = _years(to_doc, seeds)
    rows = []
    linked: set[int] = set()
    for r in cw:
        ok = r["source"] == "override" or r["score"] >= threshold
        row: dict[str, object] = {
            "status": "linked" if ok else "added",
            "from_doc": from_doc,
            "from_task": r["from_task"],
            "from_title": r["from_title"],
            "to_doc": to_doc,
            "to_task": r["to_task"] if ok else pd.NA,
            "to_title": r["to_title"] if ok else "",
            "score": r["score"],
            "source": r["source"] if ok else "",
        }
        row.update(_year_cols("from", src_years.get(r["from_task"])))
        row.update(_year_cols("to", dst_years.get(r["to_task"]) if ok else None))
        if ok:
            linked.add(r["to_task"])
        rows.append(row)
    for task_no, title, _ in _task_list(to_doc, load_corpus(seeds)):
        if task_no in linked:
            continue
        row = {
            "status": "dropped",
            "from_doc": from_doc,
            "from_task": pd.NA,
            "from_title": "",
            "to_doc": to_doc,
            "to_task": task_no,
            "to_title": title,
            "score": float("nan"),
            "source": "",
        }
        row.update(_year_cols("from", None))
        row.update(_year_cols("to", dst_years.get(task_no)))
        rows.append(row)
    out = pd.DataFrame(rows, columns=[c for c in SUMMARY_COLUMNS if c not in ("first_diff", "last_diff")])
    for c in ("from_task", "to_task", "from_first", "to_first", "from_last", "to_last"):
        out[c] = out[c].astype("Int64")
    out["first_diff"] = out.from_first - out.to_first
    out["last_diff"] = out.from_last - out.to_last
    return out[SUMMARY_COLUMNS]
