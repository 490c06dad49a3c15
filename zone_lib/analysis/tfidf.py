"""TF-IDF, once: document frequencies, inverse document frequency, term weights.

Two library functions weigh words by how rare they are across a collection, for two
different questions, and use the two standard forms of IDF on purpose:

* :func:`zone_lib.keywords` asks *which words distinguish this group* (a year, a section,
  a document) among 4 to 26 groups: ``idf = ln(N / df)``. A word found in every group
  gets 0 and can never be a keyword of any. Measured on the seeds, the smoothed form
  below puts 医疗, 管理, 健康, 信息 at the top of every year (3 of 4 years' top-10 lists
  change), which says nothing about the year.
* :func:`zone_lib.crosswalk` asks *how alike two tasks are* among 40–80 tasks:
  ``idf = ln((1 + N) / (1 + df)) + 1`` (smoothed, as scikit-learn's default). Shared
  vocabulary still counts a little, so two tasks that share only common words are not
  at similarity 0. Measured on the seeds, the plain form changes the links of two of the
  three crosswalked pairs (the judged Qingtongxia table included).

So one function, :func:`idf`, with ``smooth`` choosing the form, and one
:func:`tfidf` for grouped term weights.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable


def document_frequency(docs: Iterable[Counter[str]]) -> tuple[Counter[str], int]:
    """In how many documents each word occurs, and the number of documents."""
    df: Counter[str] = Counter()
    n = 0
    for d in docs:
        df.update(d.keys())
        n += 1
    return df, n


def idf(docs: Iterable[Counter[str]], *, smooth: bool) -> dict[str, float]:
    """Inverse document frequency of every word of ``docs``.

    Args:
        docs: Word counts of each document.
        smooth: ``ln((1 + N) / (1 + df)) + 1`` (always > 0) when true, else ``ln(N / df)``
            (0 for a word in every document). See the module docstring for which and why.

    Returns:
        Word → IDF weight.
    """
    df, n = document_frequency(docs)
    if smooth:
        return {w: math.log((1 + n) / (1 + k)) + 1.0 for w, k in df.items()}
    return {w: math.log(n / k) for w, k in df.items()}


def tfidf(counts: dict[object, Counter[str]]) -> dict[object, dict[str, float]]:
    """Distinctive-word weights of each group: relative term frequency × plain IDF.

    Args:
        counts: Group label → word counts of the group.

    Returns:
        Group label → {word: tf × ln(N / df)}; words of weight 0 are left out.
    """
    weights = idf(counts.values(), smooth=False)
    out: dict[object, dict[str, float]] = {}
    for g, c in counts.items():
        total = sum(c.values())
        row = {}
        for w, k in c.items():
            v = (k / total) * weights[w] if total else 0.0
            if v > 0:
                row[w] = v
        out[g] = row
    return out
