"""jieba's main dictionary, read only as far as the texts being segmented need it.

jieba keeps its main dictionary as one Python dict, ``FREQ`` (about 500,000
words and word prefixes → frequency), and loads all of it before segmenting
anything: about a second per process, mostly spent unmarshalling jieba's cache
file. Segmenting a sentence, however, only ever looks up *substrings of that
sentence* in ``FREQ`` (the prefix walk of ``get_DAG``, the route scores of
``calc``, the unknown-run test of ``__cut_DAG``) and the dictionary's ``total``.
A ``FREQ`` that holds every entry whose key is a substring of the sentence, with
jieba's values and jieba's ``total``, therefore gives exactly the same DAG, the
same route and the same words.

:class:`CoveringTokenizer` is a ``jieba.Tokenizer`` that grows such a ``FREQ``
on demand: before it segments a text (``cut``, ``lcut``, ``get_DAG``,
``add_word``…) it loads, from an index file, the dictionary entries that start
with any character pair (bigram) of the text, plus, once, all one-character
entries. Every substring of two characters or more starts with one of the
text's bigrams, so every entry the segmentation can look up is present, with
jieba's own value. The user dictionary is applied with jieba's own
``load_userdict``/``add_word`` after the word's entries are loaded, and entries
loaded later never overwrite an entry already present, so the result equals
jieba's full dictionary with the user dictionary loaded on top, for every key
the segmentation looks up. A new document is handled like the corpus: its
bigrams load what it needs.

The index file is built once from jieba's own full dictionary (what
``jieba.Tokenizer().initialize()`` loads, i.e. exactly what plain jieba uses) and
stored in the user's cache folder: ``$ZONE_LIB_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/zone_lib``,
else ``~/.cache/zone_lib`` (never in site-packages), one file per jieba
installation (its name hashes the path of jieba's ``dict.txt``). Its header
carries a key made of the format version, jieba's version and the path, size and
modification time of ``dict.txt``, so that upgrading jieba or editing its
dictionary rebuilds the index; a CRC-32 over the file's body catches a
truncated or damaged file, which is then rebuilt. It is plain text entries
(``word freq``) behind an offset table, parsed with ``str.split`` and ``int``: no
pickle or marshal. ``ZONE_LIB_CACHE_DIR=off`` disables the index, as does a
cache folder that cannot be written: :func:`load_tokenizer` then falls back to
jieba's full dictionary, with the same results.

Importing this module imports jieba (without ``pkg_resources``, see
:func:`import_jieba`); :mod:`zone_lib.analysis.words` imports it lazily.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import sys
import threading
import zlib
from array import array
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Any

from zone_lib.files import atomic_write

#: Environment variable naming the cache folder; ``off`` disables the index file.
ENV_VAR = "ZONE_LIB_CACHE_DIR"
#: Version of the index file's layout; part of its key.
FORMAT = 1
#: The index spreads dictionary entries over ``2**BUCKET_BITS`` buckets by their first bigram.
BUCKET_BITS = 20
_MASK = (1 << BUCKET_BITS) - 1
_MAGIC = b"zone_lib jieba prefix dictionary\n"
_PREFIX = "jieba-dict-"
_SUFFIX = ".idx"

log = logging.getLogger(__name__)


def import_jieba() -> ModuleType:
    """Import jieba without letting it import ``pkg_resources``.

    jieba 0.42 imports ``pkg_resources`` (about 0.15 s, and deprecated) only to
    open its own data files, and falls back to opening them next to its module
    file when that import fails. When jieba is not imported yet, is installed
    as plain files and ``pkg_resources`` is not imported either, the import
    is made to fail for the duration of ``import jieba`` only (``None`` in
    ``sys.modules``), and the entry is removed again afterwards.

    Returns:
        The ``jieba`` module.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba  # heavy: optional jieba, imported here under the pkg_resources guard

        return jieba
    spec = find_spec("jieba")
    plain_files = spec is not None and spec.origin is not None and os.path.isfile(spec.origin)
    if not plain_files:
        import jieba  # heavy: optional jieba, imported here under the pkg_resources guard

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba  # heavy: optional jieba, imported here under the pkg_resources guard
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


jieba = import_jieba()


def bucket(bigram: str) -> int:
    """The index bucket of the dictionary entries starting with a character pair.

    Args:
        bigram: Two characters.

    Returns:
        A bucket number in ``range(2**BUCKET_BITS)``.
    """
    return (ord(bigram[0]) * 1000003 + ord(bigram[1])) & _MASK


def cache_dir() -> Path | None:
    """The folder of the index file, or None when the index is disabled.

    Returns:
        ``$ZONE_LIB_CACHE_DIR``, ``$XDG_CACHE_HOME/zone_lib`` or ``~/.cache/zone_lib``;
        None if ``ZONE_LIB_CACHE_DIR`` is ``off`` (or ``0``, ``none``, ``false``, ``no``)
        or there is no home folder.
    """
    env = os.environ.get(ENV_VAR)
    if env is not None and env.strip():
        if env.strip().lower() in ("off", "0", "none", "false", "no"):
            return None
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "zone_lib"
    try:
        return Path.home() / ".cache" / "zone_lib"
    except RuntimeError:  # no home folder
        return None


def dict_file() -> Path:
    """The main dictionary file of jieba, ``dict.txt`` next to its module."""
    return Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME


def source_key() -> dict[str, Any]:
    """What the index is built from: any change of it means a new index file.

    Returns:
        Format version, jieba's version and the path, size and modification time
        (ns) of jieba's ``dict.txt``.
    """
    path = dict_file()
    st = path.stat()
    return {
        "format": FORMAT,
        "bucket_bits": BUCKET_BITS,
        "jieba": getattr(jieba, "__version__", "?"),
        "dict": str(path),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
    }


def index_path(folder: Path, key: dict[str, Any]) -> Path:
    """The index file for a key in a folder.

    The name hashes the path of the dictionary file only: each jieba installation
    (each virtual environment) has one index file, which a new version of its
    dictionary replaces; the file's header holds the whole key.
    """
    digest = hashlib.sha256(str(key.get("dict", "")).encode()).hexdigest()[:16]
    return folder / f"{_PREFIX}{digest}{_SUFFIX}"


def full_dictionary() -> tuple[dict[str, int], int]:
    """The whole prefix dictionary of jieba and its total, exactly as plain jieba loads them.

    Returns:
        ``(FREQ, total)`` of an initialised ``jieba.Tokenizer()``.
    """
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk.FREQ, tk.total


def encode_index(freq: dict[str, int], total: int, key: dict[str, Any]) -> bytes:
    """The bytes of an index file for a prefix dictionary.

    Layout: the magic line; a JSON header line (key, total, entry count, CRC-32
    of the rest); ``2**BUCKET_BITS + 2`` little-endian uint32 offsets into the
    payload; the payload, UTF-8 lines ``word freq``, one-character entries first
    (segment 0), then bucket ``b`` as segment ``b + 1``.

    Args:
        freq: Word or prefix → frequency (jieba's ``FREQ``).
        total: jieba's ``total``.
        key: :func:`source_key`.

    Returns:
        The file's bytes.
    """
    groups: dict[int, list[str]] = {}
    for word, f in freq.items():
        k = ((ord(word[0]) * 1000003 + ord(word[1])) & _MASK) + 1 if len(word) > 1 else 0  # bucket + 1
        line = f"{word} {int(f)}"
        if k in groups:
            groups[k].append(line)
        else:
            groups[k] = [line]
    chunks = {k: ("\n".join(lines) + "\n").encode("utf-8") for k, lines in sorted(groups.items())}
    sizes = [0] * ((1 << BUCKET_BITS) + 1)
    for k, chunk in chunks.items():
        sizes[k] = len(chunk)
    offsets = array("I", itertools.accumulate(sizes, initial=0))
    if sys.byteorder != "little":  # pragma: no cover
        offsets.byteswap()
    body = offsets.tobytes() + b"".join(chunks.values())
    header = {"key": key, "total": int(total), "entries": len(freq), "crc32": zlib.crc32(body)}
    return _MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + body


def write_index(path: Path, data: bytes) -> None:
    """Write an index file atomically (temporary file in the same folder, then rename).

    Args:
        path: Where the file goes; its folder is created (mode 0700) if need be.
        data: :func:`encode_index` bytes.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, data, mode=0o600)  # a private cache, as mkstemp made it


class DictIndex:
    """An index file in memory: the entries of any bucket on request.

    Args:
        data: The file's bytes (checked: magic, key, CRC-32, offset table).
        key: The expected :func:`source_key`.

    Raises:
        ValueError: If the bytes are no intact index for ``key``.
    """

    def __init__(self, data: bytes, key: dict[str, Any]) -> None:
        if not data.startswith(_MAGIC):
            raise ValueError("not a zone_lib jieba index")
        end = data.index(b"\n", len(_MAGIC))
        header = json.loads(data[len(_MAGIC) : end])
        if header.get("key") != key:
            raise ValueError("index built from another dictionary")
        body = memoryview(data)[end + 1 :]
        if zlib.crc32(body) != header["crc32"]:
            raise ValueError("index damaged (CRC-32)")
        n = (1 << BUCKET_BITS) + 2
        offsets = array("I")
        offsets.frombytes(body[: 4 * n])
        if sys.byteorder != "little":  # pragma: no cover
            offsets.byteswap()
        base = end + 1 + 4 * n
        if len(offsets) != n or offsets[-1] != len(data) - base:
            raise ValueError("index damaged (offsets)")
        self.total: int = int(header["total"])
        self.n_entries: int = int(header["entries"])
        self._data = data
        self._offsets = offsets
        self._base = base

    @classmethod
    def read(cls, path: Path, key: dict[str, Any]) -> DictIndex:
        """Read and check an index file.

        Raises:
            OSError: If the file cannot be read.
            ValueError: If it is no intact index for ``key``.
        """
        return cls(path.read_bytes(), key)

    def entries(self) -> dict[str, int]:
        """Every entry of the index (the whole dictionary; for checks, not for segmenting)."""
        text = self._data[self._base :].decode("utf-8")
        out = {}
        for line in text.split("\n")[:-1]:
            word, _, freq = line.rpartition(" ")
            out[word] = int(freq)
        return out

    def segment(self, k: int) -> dict[str, int]:
        """The entries of segment ``k`` (0: one-character entries, ``b + 1``: bucket ``b``).

        Words hold neither spaces nor line breaks (jieba splits its dictionary
        lines at both), so a segment splits into alternating words and frequencies.
        """
        a, b = self._offsets[k], self._offsets[k + 1]
        if a == b:
            return {}
        fields = self._data[self._base + a : self._base + b - 1].decode("utf-8").replace("\n", " ").split(" ")
        return dict(zip(fields[::2], map(int, fields[1::2])))


class CoveringTokenizer(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` whose ``FREQ`` is loaded on demand from a :class:`DictIndex`.

    Before segmenting a text it loads the entries of every bigram of the text
    not seen before; results are those of the full dictionary (see the module
    docstring). ``FREQ`` holds only what was needed so far.

    Args:
        index: The dictionary index.
    """

    def __init__(self, index: DictIndex) -> None:
        super().__init__()
        self._index = index
        self._seen: set[str] = set()
        self._buckets: set[int] = set()
        self._last = ""  # the text covered last
        self._lock_cover = threading.Lock()
        self.FREQ = index.segment(0)
        self.total = index.total
        self.initialized = True

    def initialize(self, dictionary: str | None = None) -> None:
        """Nothing to do: the dictionary is loaded on demand (another dictionary is refused).

        Raises:
            ValueError: If another dictionary is asked for.
        """
        if dictionary:
            raise ValueError("CoveringTokenizer serves jieba's default dictionary only")

    def cover(self, text: str) -> None:
        """Load the dictionary entries every segmentation of ``text`` may look up.

        Args:
            text: The text about to be segmented.
        """
        grams = {text[i : i + 2] for i in range(len(text) - 1)}
        grams -= self._seen
        if not grams:
            self._last = text
            return
        with self._lock_cover:
            freq = self.FREQ
            for b in {bucket(g) for g in grams} - self._buckets:
                entries = self._index.segment(b + 1)
                if not freq.keys().isdisjoint(entries):  # never overwrite: user words stay as added
                    entries = {w: f for w, f in entries.items() if w not in freq}
                freq.update(entries)
                self._buckets.add(b)
            self._seen |= grams
            self._last = text

    def cut(
        self,
        sentence: Any,
        cut_all: bool = False,
        HMM: bool = True,  # noqa: N803 (jieba's name)
        use_paddle: bool = False,
    ) -> Iterator[str]:
        """The ``cut`` of jieba, after :meth:`cover` of the sentence."""
        sentence = jieba.strdecode(sentence)
        self.cover(sentence)
        return super().cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
        """The ``get_DAG`` of jieba, after :meth:`cover` of the sentence.

        ``cut`` calls it for every block of a sentence it has covered already: a
        substring of the last covered text is covered (coverage only grows), so
        that case skips :meth:`cover`.
        """
        if sentence not in self._last:
            self.cover(sentence)
        return super().get_DAG(sentence)

    def add_word(self, word: str, freq: int | str | None = None, tag: str | None = None) -> None:
        """The ``add_word`` of jieba, after :meth:`cover` of the word (its prefixes keep their values)."""
        self.cover(jieba.strdecode(word))
        super().add_word(word, freq, tag)


def full_tokenizer(freq: dict[str, int], total: int) -> jieba.Tokenizer:
    """A plain ``jieba.Tokenizer`` over a whole prefix dictionary (as ``initialize()`` leaves it)."""
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total = freq, total
    tk.initialized = True
    return tk


def load_tokenizer() -> jieba.Tokenizer:
    """A tokenizer with jieba's default dictionary, initialised.

    A :class:`CoveringTokenizer` over the index file in :func:`cache_dir`. A
    missing, damaged or stale index file (another jieba or ``dict.txt``) is
    built anew from jieba's full dictionary, once (a few seconds). When the
    index is disabled (``ZONE_LIB_CACHE_DIR=off``) or its folder cannot be
    written, a plain, fully loaded ``jieba.Tokenizer``. All segment identically.

    Returns:
        An initialised tokenizer (user dictionaries are loaded by the caller).
    """
    folder = cache_dir()
    if folder is None:
        return full_tokenizer(*full_dictionary())
    try:
        key = source_key()
        path = index_path(folder, key)
    except OSError as exc:  # no dict.txt on disk (jieba in a zip?)
        log.info("no jieba dictionary file for an index (%s); loading the full dictionary", exc)
        return full_tokenizer(*full_dictionary())
    try:
        return CoveringTokenizer(DictIndex.read(path, key))
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        log.info("rebuilding the jieba index %s: %s", path, exc)
    freq, total = full_dictionary()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(f"{folder} is not writable")
    except OSError as exc:
        log.info("cannot write the jieba index (%s); using the full dictionary", exc)
        return full_tokenizer(freq, total)
    data = encode_index(freq, total, key)
    try:
        write_index(path, data)
    except OSError as exc:
        log.info("cannot write the jieba index %s (%s); using it from memory", path, exc)
    return CoveringTokenizer(DictIndex(data, key))
