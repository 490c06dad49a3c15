"""Chinese word segmentation for keywords and crosswalks (jieba, with the domain's words).

jieba is imported lazily, inside functions, so ``import zone_lib`` stays fast and
does not need jieba. The first call of :func:`words` builds a private
``jieba.Tokenizer``, loads :data:`USERDICT` into it once and silences jieba's own
log messages; later calls reuse it. The tokenizer reads jieba's main dictionary
only as far as the texts it segments need it (:mod:`zone_lib.analysis.jieba_dict`: an
index file in the user's cache folder, built once), which gives exactly the words
of the fully loaded dictionary at a fraction of jieba's one-second load. Each
distinct block of text (a clause between punctuation marks) is segmented once per
process (:func:`segment`), so crosswalks and keywords drawing on the same tasks,
milestones and copied sentences share the work.

Example::

    >>> from zone_lib.analysis.words import words
    >>> words("2019年，在全区范围内推广电子健康卡")
    ['电子健康卡']
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
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
    The main dictionary is loaded on demand (see :func:`zone_lib.analysis.jieba_dict.load_tokenizer`);
    segmentations equal those of a fully loaded ``jieba.Tokenizer``.

    Returns:
        An initialised ``jieba.Tokenizer``.
    """
    from zone_lib.analysis import jieba_dict  # heavy: imports jieba, only when words are segmented

    jieba_dict.jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba_dict.load_tokenizer()
    with resources.as_file(_data_path(USERDICT)) as path, open(path, "rb") as f:
        tk.load_userdict(f)
    return tk


def normalize(text: str) -> str:
    """Text as segmented: NFKC (full-width ＋，（ → +,( ), extraction ``and``/``with`` kept.

    Args:
        text: Any text of the corpus.

    Returns:
        The NFKC-normalised text.
    """
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def _block_splitter() -> Callable[[str], list[str]]:
    """The block split of jieba (``re_han_default.split``): runs of CJK, Latin, digits, ``+#&._%-``."""
    from zone_lib.analysis.jieba_dict import jieba  # heavy: jieba, only when words are segmented

    return jieba.re_han_default.split


def segment(text: str) -> list[str]:
    """The jieba tokens of a text (``tokenizer().lcut(text)``), each distinct block segmented once.

    jieba cuts a text into blocks (:func:`_block_splitter`: runs of CJK, Latin
    letters, digits and ``+#&._%-``, and the punctuation and spaces between them)
    and segments every block on its own: no block's tokens depend on the text
    around it. So the tokens of a text are the tokens of its blocks, and a block
    met again (the corpus repeats its clauses: a task's title opens its text,
    milestones are clauses of the tasks, the city plan copies the regional one)
    is looked up rather than segmented again.

    Args:
        text: Any text (not normalised here).

    Returns:
        The tokens, exactly as ``tokenizer().lcut(text)`` gives them.
    """
    out: list[str] = []
    for block in _block_splitter()(text):
        if block:
            out += _block_tokens(block)
    return out


@lru_cache(maxsize=65536)
def _block_tokens(block: str) -> tuple[str, ...]:
    return tuple(tokenizer().lcut(block))


@lru_cache(maxsize=65536)
def _block_words(block: str) -> tuple[str, ...]:
    stop = stopwords()
    out = []
    for w in _block_tokens(block):
        w = w.strip()
        if len(w) < 2 or w in stop or not _WORDLIKE.search(w):
            continue
        out.append(w)
    return tuple(out)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for block in _block_splitter()(normalize(text)):
        if block:
            out += _block_words(block)
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
