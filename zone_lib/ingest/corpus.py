"""The corpus: seed files read, split into documents and named.

``load()`` (also ``zone_lib.load``) is cached on the seeds folder and its files'
sizes and modification times, so repeated calls give the same :class:`Corpus`
and an edited seed is re-read (a new ``Corpus``). Every table function takes
``seeds`` as a folder or a ``Corpus``; ``corpus.matrix()``, ``corpus.tasks()`` …
compute a table on demand and keep it on that corpus (:meth:`Corpus.table`).

A document the manifest does not know (a plan dropped into the seeds folder)
gets its id from the file name; its structure is read from its text when a table
asks for it (:func:`zone_lib.parse.structure.structure_of`), so ``tasks()``,
``milestones()`` and the other tables pick it up.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from zone_lib.errors import DocumentNotFoundError, ZoneError
from zone_lib.ingest.reading import read_lines
from zone_lib.ingest.seeds import manifest, seed_paths, seeds_dir
from zone_lib.ingest.split import Segment, segment
from zone_lib.textutil import fold, similarity, slug


@dataclass(frozen=True)
class SeedFile:
    """One seed file, read and decoded."""

    name: str
    path: Path
    lines: tuple[str, ...] = field(repr=False)
    encoding: str
    sha256: str


@dataclass(frozen=True)
class Document:
    """One document of the corpus and where it stands in its seed file."""

    doc_id: str
    seed: SeedFile = field(repr=False)
    title: str
    title_en: str
    doc_number: str
    date: str
    first_line: int
    last_line: int
    kind: str
    detected_title: str
    in_manifest: bool
    #: "tasks", "plan" or "" from the manifest; None when the manifest does not know the
    #: document (:func:`zone_lib.parse.structure.structure_of` reads it from the text)
    structure: str | None = ""

    @property
    def seed_file(self) -> str:
        """Name of the seed file holding the document."""
        return self.seed.name

    def numbered_lines(self) -> list[tuple[int, str]]:
        """The document's lines as ``(line_no, text)``, line numbers 1-based in the seed file."""
        return [(n, self.seed.lines[n - 1]) for n in range(self.first_line, self.last_line + 1)]


#: The corpus tables by name (``"matrix"`` -> ``zone_lib.matrix`` …), each taking ``seeds=``.
#: Filled by ``zone_lib/__init__.py``, so that this stage imports none of the later ones.
TABLES: dict[str, Callable[..., Any]] = {}


@dataclass(frozen=True, repr=False)
class Corpus:
    """All seed files of a folder and the documents they hold.

    Every table of :data:`TABLES` is a method computed on demand and cached on the
    corpus: ``corpus.matrix()``, ``corpus.tasks("qtx-impl-2019")``,
    ``corpus.crosswalk("qtx-impl-2019", "nx-impl-2019")`` …; DataFrames come back as
    copies. Later stages keep what they derive from a corpus with :meth:`cached`.
    """

    folder: Path
    files: tuple[SeedFile, ...]
    docs: tuple[Document, ...]
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The value kept under ``key`` on this corpus, computed by ``compute()`` the first time."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = compute()
            return value

    def table(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """A table of :data:`TABLES` on this corpus (cached on it; DataFrames copied).

        Raises:
            AttributeError: If there is no table of that name.
        """
        if name not in TABLES:
            raise AttributeError(f"no table {name!r}; tables: {', '.join(sorted(TABLES))}")
        try:
            key = ("table", name, args, tuple(sorted(kwargs.items())))
            hash(key)
        except TypeError:  # an unhashable argument: computed, not kept
            return TABLES[name](*args, seeds=self, **kwargs)
        value = self.cached(key, lambda: TABLES[name](*args, seeds=self, **kwargs))
        return value.copy() if hasattr(value, "copy") and hasattr(value, "columns") else value

    def __repr__(self) -> str:
        return f"<Corpus {self.folder}: {len(self.files)} seed files, {len(self.docs)} documents>"

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(TABLES))  # tab completion lists the tables

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in TABLES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return partial(self.table, name)

    def get(self, doc_id: str) -> Document:
        """The document with this id.

        Raises:
            DocumentNotFoundError: If there is none; the message lists the ids there are.
        """
        for doc in self.docs:
            if doc.doc_id == doc_id:
                return doc
        raise DocumentNotFoundError(doc_id, [d.doc_id for d in self.docs])

    @property
    def doc_ids(self) -> list[str]:
        """Ids of all documents, in file order."""
        return [d.doc_id for d in self.docs]


def _match(segs: list[tuple[SeedFile, Segment]], entries: list[dict]) -> dict[int, dict]:
    """Pair found segments with manifest entries by document number, seed file and title."""
    scored = []
    for si, (seed, seg) in enumerate(segs):
        for ei, entry in enumerate(entries):
            same_file = entry.get("seed_file") == seed.name
            same_number = bool(seg.doc_number) and seg.doc_number == entry.get("doc_number")
            front = seg.kind == "front matter"
            if front != (entry.get("kind") == "front matter"):
                continue
            title_sim = similarity(fold(seg.title), fold(entry.get("title", ""))) if seg.title else 0.0
            if not (same_number or title_sim >= 0.6 or same_file):
                continue
            score = 2 * same_number + same_file + title_sim
            scored.append((score, si, ei, same_number or title_sim >= 0.6 or front))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    paired: dict[int, dict] = {}
    used: set[int] = set()
    for _, si, ei, strong in scored:
        if si in paired or ei in used:
            continue
        if not strong:
            # weak evidence (same file only): accept only the file's last unpaired pair
            seed = segs[si][0]
            open_segs = [i for i, (s, _) in enumerate(segs) if s.name == seed.name and i not in paired]
            open_entries = [
                i for i, e in enumerate(entries) if e.get("seed_file") == seed.name and i not in used
            ]
            if len(open_segs) != 1 or len(open_entries) != 1:
                continue
        paired[si] = entries[ei]
        used.add(ei)
    return paired


def manifest_entries(seed: SeedFile, segments: list[Segment]) -> dict[int, dict]:
    """The manifest entries of the default seeds folder that a file's documents are.

    Paired as the corpus pairs them (document number, file name, title); used by
    :func:`zone_lib.read_document` to read a seed document as the corpus does.

    Args:
        seed: The file.
        segments: Its documents, in order.

    Returns:
        ``{index in segments: manifest entry}``; empty when there is no seeds folder.
    """
    try:
        entries = manifest(seeds_dir()).get("documents", [])
    except ZoneError:
        return {}
    return _match([(seed, s) for s in segments], entries)


@lru_cache(maxsize=4)
def _build(folder: Path, signature: tuple) -> Corpus:
    files = []
    for path in seed_paths(folder):
        lines, encoding, data = read_lines(path)
        files.append(SeedFile(path.name, path, tuple(lines), encoding, hashlib.sha256(data).hexdigest()))
    # an empty (or blank) seed file holds no document; line_accounting() still lists its lines
    segs = [(f, s) for f in files if any(line.strip() for line in f.lines) for s in segment(list(f.lines))]
    entries = manifest(folder).get("documents", [])
    paired = _match(segs, entries)
    docs = []
    ordinal: dict[str, int] = {}
    for si, (seed, seg) in enumerate(segs):
        ordinal[seed.name] = ordinal.get(seed.name, 0) + 1
        entry = paired.get(si)
        if entry:
            doc_id, title, title_en = entry["doc_id"], entry["title"], entry.get("title_en", "")
            number = seg.doc_number or entry.get("doc_number", "")
            date = seg.date or entry.get("date", "")
        else:
            doc_id = f"{slug(Path(seed.name).stem)}-{ordinal[seed.name]}"
            title, title_en, number, date = seg.title, "", seg.doc_number, seg.date
        docs.append(
            Document(
                doc_id,
                seed,
                title,
                title_en,
                number,
                date,
                seg.first_line,
                seg.last_line,
                seg.kind,
                seg.title,
                entry is not None,
                entry.get("structure", "") if entry else None,
            )
        )
    return Corpus(folder, tuple(files), tuple(docs))


#: What every table function takes as ``seeds``: a folder, a :class:`Corpus`, or None
#: (``ZONE_SEEDS`` or the packaged seeds).
Seeds = str | os.PathLike[str] | Corpus | None


def load_corpus(seeds: Seeds = None) -> Corpus:
    """Read and split every seed file of a folder (cached on the files' sizes and times).

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.
            A :class:`Corpus` is returned as it is.

    Raises:
        SeedsNotFoundError: If there is no seeds folder or no seed in it.
        SeedReadError: If a seed file cannot be read as text.
    """
    if isinstance(seeds, Corpus):
        return seeds
    folder = seeds_dir(seeds)
    signature = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in seed_paths(folder))
    manifest_path = folder / "manifest.json"
    if manifest_path.is_file():
        signature += (("manifest.json", manifest_path.stat().st_mtime_ns),)
    return _build(folder, signature)


def load(seeds: Seeds = None) -> Corpus:
    """The corpus of a seeds folder, read once (``zone_lib.load``).

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        The :class:`Corpus`; its tables (``corpus.matrix()`` …) are computed on demand
        and kept on it.

    Raises:
        SeedsNotFoundError: If there is no seeds folder or no seed in it.
        SeedReadError: If a seed file cannot be read as text.
    """
    return load_corpus(seeds)
