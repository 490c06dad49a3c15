"""Chinese word segmentation for keywords and crosswalks (jieba, with the domain's words).

jieba is imported lazily, inside functions, so ``import zone_lib`` stays fast and
does not need jieba. The first call of :func:`words` builds a private
``jieba.Tokenizer`` (about a second; jieba caches its prefix dictionary on disk),
loads :data:`USERDICT` into it once and silences jieba's own log messages; later
calls reuse it.

Example::

    >>> from zone_lib.segmentation import words
    >>> words("2019年，在全区范围内推广电子健康卡")
    ['电子健康卡']
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import jieba

#: The jieba user dictionary of the domain's terms (``word freq tag`` per line).
USERDICT = "jieba_userdict.txt"
#: The stop-word list (one word per line, ``#`` comments).
STOPWORDS = "stopwords.txt"

# A token is kept only if it holds a CJK character or a Latin letter: this drops
# punctuation, spaces and pure numbers (2019, 90%, 5.2).
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _data_path(name: str):
    return resources.files("zone_lib").joinpath("data", name)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop words of ``zone_lib/data/stopwords.txt`` (cached).

    Returns:
        The set of stop words (comment and blank lines skipped).
    """
    text = _data_path(STOPWORDS).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@lru_cache(maxsize=1)
def userdict_words() -> tuple[str, ...]:
    """The words of the jieba user dictionary, in file order (cached).

    Returns:
        The dictionary's words (first field of each line).
    """
    text = _data_path(USERDICT).read_text(encoding="utf-8")
    return tuple(line.split()[0] for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The module's private jieba tokenizer, built once with the user dictionary loaded.

    jieba's logger is set to WARNING so that its "Building prefix dict…" messages
    do not reach notebooks or briefings. The global ``jieba.dt`` is not touched.

    Returns:
        An initialised ``jieba.Tokenizer``.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    with resources.as_file(_data_path(USERDICT)) as path:
        tk.load_userdict(str(path))
    return tk


def normalize(text: str) -> str:
    """Text as segmented: NFKC (full-width ＋，（ → +,( ), extraction ``and``/``with`` kept.

    Args:
        text: Any text of the corpus.

    Returns:
        The NFKC-normalised text.
    """
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    stop = stopwords()
    out = []
    for w in tokenizer().lcut(normalize(text)):
        w = w.strip()
        if len(w) < 2 or w in stop or not _WORDLIKE.search(w):
            continue
        out.append(w)
    return tuple(out)


def words(text: str) -> list[str]:
    """The content words of a text, in order, with repeats.

    Segmented with the domain dictionary; stop words, punctuation, single
    characters and pure numbers (years, percentages) are removed.

    Args:
        text: Chinese text (a task, a milestone, a title).

    Returns:
        The list of words.
    """
    if not isinstance(text, str) or not text:
        return []
    return list(_words(text))
