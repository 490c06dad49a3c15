"""Noisy copies: is one document of the corpus a scraped copy of another?

The web copy of the regional Plan (``nx-plan-2019-web``, seed 000) holds the
Plan's paragraphs (``nx-plan-2019``, seed 002) duplicated, shuffled and glued
into 27 long lines, with web junk (``<BR>`` tags, ``发布日期:…``, link labels
such as ``…》政策解读`` and ``…》图解``). Two views answer the question:

* :func:`find_copies` compares every pair of documents cheaply, by the share of
  one document's character bigrams found in the other (containment), and lists
  the pairs above :data:`FIND_THRESHOLD`.
* :func:`copy_alignment` and :func:`copy_report` compare one pair sentence by
  sentence: every copy sentence is aligned to its best original sentence, and
  the report gives coverage, missing, duplicated and noise sentences, the order
  kept, and a verdict.

Sentences end at ``。！？`` and at a full-width colon ``：`` (lead-ins such as
``四个方面示范创新：`` and the addressee line end in one), at line ends, and
before a section heading ``（一）``. In the original, a line broken by a page
break (a prose line with no end punctuation) is first joined to the next one.
Sentences with fewer than :data:`MIN_CHARS` letters or digits are trivial and
dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from zone_lib.ingest.corpus import Document, Seeds, load_corpus
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.textutil import bigrams, fold

#: A copy sentence that is no exact match counts as the same sentence as its most
#: similar original sentence at this Dice similarity of character bigrams. Glued or
#: page-broken sentences score 0.6-1.0; unrelated sentences of the Plan stay below 0.5.
FUZZY_THRESHOLD = 0.6
#: ``is_copy`` needs at least this share of the original's sentences in the copy
#: (the web copy holds 0.78 of the Plan; the Qingtongxia city plan 0.61) ...
COPY_THRESHOLD = 0.7
#: ... and at least this share of the copy's sentences taken from the original (the
#: web copy 0.98; the regional Plan against the city plan, which adds its own text, 0.61).
CONTENT_THRESHOLD = 0.9
#: :func:`find_copies` lists a pair when this share of the smaller-in-question
#: document's bigrams occurs in the other (the web copy scores 0.98 against the
#: Plan; the Qingtongxia city plan, an adaptation rather than a copy, 0.85).
FIND_THRESHOLD = 0.9
#: Documents with fewer bigrams than this are too small to call copies.
FIND_MIN_BIGRAMS = 200
#: Sentences with fewer letters or digits than this are trivial and dropped.
MIN_CHARS = 4
#: ``reordered`` when Kendall's tau of the copy's order against the original's is below this.
ORDER_THRESHOLD = 0.9

#: Columns of :func:`copy_alignment`.
ALIGNMENT_COLUMNS = [
    "copy_line", "copy_sentence", "original_line", "original_sentence", "match", "score", "occurrence",
]  # fmt: skip
#: Columns of :func:`find_copies`.
FIND_COLUMNS = [
    "copy_id", "original_id", "containment", "reverse_containment", "jaccard", "copy_bigrams",
    "original_bigrams",
]  # fmt: skip

_TAG = re.compile(r"<[^<>]{0,40}>")
# web-page junk that is no part of any document: publication date stamps, link labels
_WEB_JUNK = re.compile(r"发布日期[:：]\s*\d{4}-\d{1,2}-\d{1,2}|(?<=》)(?:政策解读|图解)")
_LINK_LABEL = re.compile(r"(?:政策解读|图解)$")
_END = re.compile(r"(?<=[。！？!?：])")
_HEADING = re.compile(r"(?=[（(][一二三四五六七八九十]{1,3}[）)])")
_SENTENCE_END = ("。", "！", "？", "!", "?", "：", ":", "；", ";")
_LATIN = re.compile(r"(?<=[\u4e00-\u9fff])(and|with)(?=[\u4e00-\u9fff])")
_LATIN_CN = {"and": "和", "with": "与"}

#: The scraped web copy of the Plan and its original (``data/corpus_facts.json``).
SCRAPED_COPY: str = corpus_facts()["scraped_copy"]["copy"]
SCRAPED_ORIGINAL: str = corpus_facts()["scraped_copy"]["original"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document and the line it starts on."""

    line: int
    text: str
    key: str  # letters and digits of the folded, repaired text: the exact-match key
    grams: frozenset[str]
    junk: bool = False


def _key(text: str) -> str:
    """Exact-match key: folded, Latin ``and``/``with`` put back as 和/与, no punctuation.

    >>> _key("坚持思想 and 党的精神， 为指导。")
    '坚持思想和党的精神为指导'
    """
    folded = _LATIN.sub(lambda m: _LATIN_CN[m.group(1)], fold(text))
    return "".join(ch for ch in folded if ch.isalnum())


def _join_page_breaks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join prose lines cut by a page break to the next non-blank line.

    A line is cut when it holds prose punctuation (``，`` or ``。``) but does not
    end a sentence; titles, headings and signatures hold none and stay alone.
    """
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for n, text in lines:
        text = text.strip()
        if not text:
            continue
        if pending is not None:
            n, text = pending[0], pending[1] + text
            pending = None
        if ("，" in text or "。" in text) and not text.endswith(_SENTENCE_END):
            pending = (n, text)
            continue
        out.append((n, text))
    if pending is not None:
        out.append(pending)
    return out


def split_sentences(text: str) -> list[str]:
    """Split one line into sentences: after ``。！？：``, before ``（一）`` headings and web junk.

    Web junk (``发布日期:2019-02-12``, a link label ``政策解读`` after ``》``) becomes
    a sentence of its own, so that it does not spoil the sentences it is glued to.

    >>> split_sentences("管理模式。二、主要任务（一）夯实基础。到2020年，建成。")
    ['管理模式。', '二、主要任务', '（一）夯实基础。', '到2020年，建成。']
    >>> split_sentences("规划》政策解读《规划》图解制定规范。")
    ['规划》政策解读', '《规划》图解', '制定规范。']
    """
    text = _TAG.sub("", text)
    pieces: list[str] = []
    start = 0
    for m in _WEB_JUNK.finditer(text):
        if m.group().startswith("发布日期"):
            pieces += [text[start : m.start()], m.group()]
        else:
            pieces.append(text[start : m.end()])
        start = m.end()
    pieces.append(text[start:])
    out = []
    for piece in pieces:
        for part in _END.split(piece):
            out += [s.strip() for s in _HEADING.split(part) if s.strip()]
    return out


def sentences(doc: Document, join_breaks: bool = True) -> list[Sentence]:
    """The non-trivial sentences of a document, in order, with the line each starts on.

    Args:
        doc: The document.
        join_breaks: Join lines cut by page breaks first (harmless on a copy whose
            lines are whole paragraphs glued together).
    """
    lines = doc.numbered_lines()
    if join_breaks:
        lines = _join_page_breaks(lines)
    out = []
    for n, line in lines:
        for text in split_sentences(line):
            key = _key(text)
            if len(key) < MIN_CHARS:
                continue
            junk = bool(_WEB_JUNK.fullmatch(text) or _LINK_LABEL.search(text))
            repaired = _LATIN.sub(lambda m: _LATIN_CN[m.group(1)], fold(text))
            out.append(Sentence(n, text, key, frozenset(bigrams(repaired)), junk))
    return out


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _align(copy: list[Sentence], original: list[Sentence]) -> list[tuple[int | None, str, float]]:
    """For every copy sentence: (index of its original sentence or None, match kind, score)."""
    by_key: dict[str, int] = {}
    for i, s in enumerate(original):
        by_key.setdefault(s.key, i)
    out: list[tuple[int | None, str, float]] = []
    for s in copy:
        if s.junk:
            out.append((None, "none", 0.0))
            continue
        if s.key in by_key:
            out.append((by_key[s.key], "exact", 1.0))
            continue
        best, score = None, 0.0
        for i, o in enumerate(original):
            d = _dice(s.grams, o.grams)
            if d > score:
                best, score = i, d
        if best is not None and score >= FUZZY_THRESHOLD:
            out.append((best, "fuzzy", round(score, 3)))
        else:
            out.append((None, "none", round(score, 3)))
    return out


def _pair(copy_id: str, original_id: str, seeds: Seeds) -> tuple[list[Sentence], list[Sentence]]:
    corpus = load_corpus(seeds)
    return sentences(corpus.get(copy_id)), sentences(corpus.get(original_id))


def _alignment_rows(copy: list[Sentence], original: list[Sentence]) -> list[dict]:
    """The rows of :func:`copy_alignment`, plus ``_orig`` (index of the original sentence or None)."""
    seen: Counter = Counter()
    rows = []
    previous = None
    for s, (i, kind, score) in zip(copy, _align(copy, original)):
        ident = ("o", i) if i is not None else ("c", s.key)
        # a sentence the copy cut in two (both halves on one line, next to each other,
        # matching one original sentence) is one occurrence, not a duplicate
        if (ident, s.line) != previous:
            seen[ident] += 1
        previous = (ident, s.line)
        o = original[i] if i is not None else None
        rows.append(
            {
                "copy_line": s.line,
                "copy_sentence": s.text,
                "original_line": o.line if o else pd.NA,
                "original_sentence": o.text if o else "",
                "match": kind,
                "score": score,
                "occurrence": seen[ident],
                "_orig": i,
            }
        )
    return rows


def _alignment_frame(copy: list[Sentence], original: list[Sentence]) -> pd.DataFrame:
    frame = pd.DataFrame(_alignment_rows(copy, original), columns=[*ALIGNMENT_COLUMNS, "_orig"])
    frame["original_line"] = frame["original_line"].astype("Int64")
    return frame


def copy_alignment(
    copy_id: str = SCRAPED_COPY, original_id: str = SCRAPED_ORIGINAL, seeds: Seeds = None
) -> pd.DataFrame:
    """Every sentence of the copy aligned to its best sentence of the original.

    A copy sentence matches ``exact`` when its folded text (letters and digits,
    Latin ``and``/``with`` put back as 和/与) equals an original sentence's,
    ``fuzzy`` when its best original sentence reaches :data:`FUZZY_THRESHOLD`
    Dice similarity of character bigrams, and ``none`` otherwise (noise; web
    junk such as ``发布日期:…`` and ``…》政策解读`` is always ``none``).

    Args:
        copy_id: The document suspected to be a copy.
        original_id: The document it may copy.
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        One row per copy sentence, in copy order, with the columns of
        :data:`ALIGNMENT_COLUMNS`. ``occurrence`` is 1 the first time an original
        sentence (or, for noise, the same text) appears in the copy, 2+ after.

    Raises:
        DocumentNotFoundError: If either id is not a document of the corpus.
    """
    copy, original = _pair(copy_id, original_id, seeds)
    return _alignment_frame(copy, original)[ALIGNMENT_COLUMNS]


def kendall_tau(order: list[int]) -> float:
    """Kendall's tau (tau-a) of a sequence of distinct ranks against sorted order.

    >>> kendall_tau([1, 2, 3]), kendall_tau([3, 2, 1]), kendall_tau([2, 1, 3])
    (1.0, -1.0, 0.333)
    """
    n = len(order)
    if n < 2:
        return 1.0
    s = sum((b > a) - (b < a) for a, b in itertools.combinations(order, 2))
    return round(s / (n * (n - 1) / 2), 3)


def copy_report(
    copy_id: str = SCRAPED_COPY, original_id: str = SCRAPED_ORIGINAL, seeds: Seeds = None
) -> dict:
    """How far one document is a (noisy) copy of another, sentence by sentence.

    Args:
        copy_id: The document suspected to be a copy.
        original_id: The document it may copy.
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A dict with

        * ``copy_id``, ``original_id``, ``n_copy_sentences``, ``n_original_sentences``;
        * ``coverage``: share of the original's sentences in the copy, matched by a copy
          sentence or ``embedded`` (found verbatim inside a longer, glued copy sentence:
          ``{"original_line", "sentence", "copy_line"}``);
        * ``copy_share``: share of the copy's sentences matched to the original;
        * ``missing``: original sentences not in the copy, as
          ``{"original_line", "sentence"}``, in original order;
        * ``duplicated``: original sentences found more than once in the copy, as
          ``{"original_line", "sentence", "times", "copy_lines"}``;
          ``n_duplicate_sentences`` counts the surplus copies (occurrences 2+);
        * ``kendall_tau``: order of the first occurrences in the copy against the
          original's order (1 kept, 0 shuffled); ``in_order_share``: share of
          neighbouring copy sentences (first occurrences) whose originals follow
          in the same direction; ``adjacent_kept``: share of them that were
          neighbours in the original too; ``reordered``: tau below :data:`ORDER_THRESHOLD`;
        * ``noise``: copy sentences with no counterpart, as ``{"copy_line", "sentence"}``;
        * ``exact``, ``fuzzy``: counts of copy sentences by match kind;
        * ``is_copy``: coverage at least :data:`COPY_THRESHOLD` and copy_share at
          least :data:`CONTENT_THRESHOLD` (an adaptation that adds its own text is no copy);
        * ``thresholds``: the thresholds used.

    Raises:
        DocumentNotFoundError: If either id is not a document of the corpus.
    """
    copy, original = _pair(copy_id, original_id, seeds)
    rows = _alignment_rows(copy, original)  # plain rows: no per-group pandas work
    matched = [r for r in rows if r["_orig"] is not None]
    found = {r["_orig"] for r in matched}
    missing, embedded = [], []
    for i, s in enumerate(original):
        if i in found:
            continue
        host = next((c for c in copy if not c.junk and s.key in c.key), None)
        if host is None:
            missing.append({"original_line": s.line, "sentence": s.text})
        else:
            embedded.append({"original_line": s.line, "sentence": s.text, "copy_line": host.line})
    coverage = (len(found) + len(embedded)) / len(original) if original else 0.0
    copy_share = len(matched) / len(copy) if copy else 0.0
    # original sentence → its copy rows, in copy order; originals in ascending order
    by_orig: dict[int, list[dict]] = {}
    for r in matched:
        by_orig.setdefault(r["_orig"], []).append(r)
    duplicated = []
    for i in sorted(by_orig):
        group = by_orig[i]
        times = max(r["occurrence"] for r in group)
        if times > 1:
            s = original[i]
            first_lines: dict[int, int] = {}  # occurrence → copy line of its first row
            for r in group:
                first_lines.setdefault(r["occurrence"], r["copy_line"])
            duplicated.append(
                {
                    "original_line": s.line,
                    "sentence": s.text,
                    "times": times,
                    "copy_lines": list(first_lines.values()),
                }
            )
    firsts = list(dict.fromkeys(r["_orig"] for r in matched if r["occurrence"] == 1))
    pairs = list(zip(firsts, firsts[1:]))
    tau = kendall_tau(firsts)
    noise = [r for r in rows if r["match"] == "none"]
    return {
        "copy_id": copy_id,
        "original_id": original_id,
        "n_copy_sentences": len(copy),
        "n_original_sentences": len(original),
        "coverage": round(coverage, 3),
        "copy_share": round(copy_share, 3),
        "missing": missing,
        "embedded": embedded,
        "duplicated": duplicated,
        "n_duplicate_sentences": sum(d["times"] - 1 for d in duplicated),
        "kendall_tau": tau,
        "in_order_share": round(sum(b > a for a, b in pairs) / len(pairs), 3) if pairs else 1.0,
        "adjacent_kept": round(sum(b == a + 1 for a, b in pairs) / len(pairs), 3) if pairs else 1.0,
        "reordered": tau < ORDER_THRESHOLD,
        "noise": [{"copy_line": int(r["copy_line"]), "sentence": r["copy_sentence"]} for r in noise],
        "exact": sum(r["match"] == "exact" for r in rows),
        "fuzzy": sum(r["match"] == "fuzzy" for r in rows),
        "is_copy": coverage >= COPY_THRESHOLD and copy_share >= CONTENT_THRESHOLD,
        "thresholds": {
            "fuzzy": FUZZY_THRESHOLD,
            "coverage": COPY_THRESHOLD,
            "copy_share": CONTENT_THRESHOLD,
            "reordered": ORDER_THRESHOLD,
            "min_chars": MIN_CHARS,
        },
    }


def find_copies(seeds: Seeds = None, threshold: float = FIND_THRESHOLD) -> pd.DataFrame:
    """Pairs of documents where one is (nearly) contained in the other.

    Every ordered pair of documents is compared by bigram containment: the share
    of the first document's character bigrams that occur in the second. Pairs at
    or above the threshold are listed, the first document as ``copy_id``.
    Documents with fewer than :data:`FIND_MIN_BIGRAMS` bigrams are skipped.

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.
        threshold: Least containment to list a pair (default :data:`FIND_THRESHOLD`).

    Returns:
        A DataFrame with the columns of :data:`FIND_COLUMNS`, highest containment first;
        ``reverse_containment`` is the other direction, ``jaccard`` the symmetric overlap.
    """
    corpus = load_corpus(seeds)
    grams = {d.doc_id: bigrams("\n".join(t for _, t in d.numbered_lines())) for d in corpus.docs}
    grams = {k: v for k, v in grams.items() if len(v) >= FIND_MIN_BIGRAMS}
    rows = []
    for a, b in itertools.permutations(grams, 2):
        x, y = grams[a], grams[b]
        common = len(x & y)
        share = common / len(x)
        if share >= threshold:
            rows.append(
                {
                    "copy_id": a,
                    "original_id": b,
                    "containment": round(share, 3),
                    "reverse_containment": round(common / len(y), 3),
                    "jaccard": round(common / len(x | y), 3),
                    "copy_bigrams": len(x),
                    "original_bigrams": len(y),
                }
            )
    frame = pd.DataFrame(rows, columns=FIND_COLUMNS)
    return frame.sort_values("containment", ascending=False, ignore_index=True)
