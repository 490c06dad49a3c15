"""The corpus: seed files read, split into documents and named.

``load_corpus()`` is cached on the seeds folder and its files' sizes and
modification times, so repeated calls cost nothing and an edited seed is
re-read.

A document the manifest does not know (a plan dropped into the seeds folder)
gets its id from the file name and its structure from the text
(:func:`detect_structure`), so ``tasks()``, ``milestones()`` and the other
tables pick it up.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from zone_lib.errors import DocumentNotFoundError
from zone_lib.ingest.reading import read_lines
from zone_lib.ingest.seeds import manifest, seed_paths, seeds_dir
from zone_lib.ingest.split import Segment, segment
from zone_lib.schemas import checked
from zone_lib.textutil import fold, similarity

#: A document with at least this many ``一、`` / ``（一）`` headings, of both kinds, is a plan.
PLAN_MIN_HEADINGS = 5

#: Columns of :func:`documents`.
DOCUMENT_COLUMNS = [
    "doc_id",
    "seed_file",
    "title",
    "title_en",
    "doc_number",
    "date",
    "first_line",
    "last_line",
    "n_lines",
    "kind",
    "structure",
    "detected_title",
    "in_manifest",
    "encoding",
]


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
    structure: str = ""  # "tasks", "plan" or "" (from the manifest)

    @property
    def seed_file(self) -> str:
        """Name of the seed file holding the document."""
        return self.seed.name

    def numbered_lines(self) -> list[tuple[int, str]]:
        """The document's lines as ``(line_no, text)``, line numbers 1-based in the seed file."""
        return [(n, self.seed.lines[n - 1]) for n in range(self.first_line, self.last_line + 1)]


@dataclass(frozen=True)
class Corpus:
    """All seed files of a folder and the documents they hold."""

    folder: Path
    files: tuple[SeedFile, ...]
    docs: tuple[Document, ...]

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


def _slug(stem: str) -> str:
    slug = re.sub(r"[^0-9a-zA-Z\u4e00-\u9fff]+", "-", stem).strip("-").lower()
    return slug or "doc"


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


def detect_structure(numbered_lines: list[tuple[int, str]], min_tasks: int = 2) -> str:
    """The structure of a document, from its text alone.

    ``tasks`` if it holds a year or task-division table, or at least ``min_tasks``
    numbered tasks (``1.``, ``（一）`` or ``一是``) of which half carry a year
    milestone or a unit, or that follow each other with no stray paragraph between
    them; otherwise ``plan`` if it has :data:`PLAN_MIN_HEADINGS` headings or more,
    both ``一、`` and ``（一）``; otherwise ``""``.
    """
    from zone_lib.parse.annual_table import table_start
    from zone_lib.parse.prose_tasks import detect_scheme

    k = table_start(numbered_lines)
    if k is not None:
        return "tasks"
    _, parse = detect_scheme(numbered_lines)
    dated = sum(1 for t in parse.tasks if t.units or t.milestones or t.open_milestones or t.deadlines)
    if len(parse.tasks) >= max(min_tasks, 1) and (2 * dated >= len(parse.tasks) or not parse.problems):
        return "tasks"
    heads = [role for role in parse.used_lines.values() if role in ("part", "section")]
    if len(heads) >= PLAN_MIN_HEADINGS and {"part", "section"} <= set(heads):
        return "plan"
    return ""


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
            doc_id = f"{_slug(Path(seed.name).stem)}-{ordinal[seed.name]}"
            title, title_en, number, date = seg.title, "", seg.doc_number, seg.date
            lines = [(n, seed.lines[n - 1]) for n in range(seg.first_line, seg.last_line + 1)]
            structure = detect_structure(lines)
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
                entry.get("structure", "") if entry else structure,
            )
        )
    return Corpus(folder, tuple(files), tuple(docs))


def load_corpus(seeds: str | os.PathLike[str] | None = None) -> Corpus:
    """Read and split every seed file of a folder (cached).

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Raises:
        SeedsNotFoundError: If there is no seeds folder or no seed in it.
        SeedReadError: If a seed file cannot be read as text.
    """
    folder = seeds_dir(seeds)
    signature = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in seed_paths(folder))
    manifest_path = folder / "manifest.json"
    if manifest_path.is_file():
        signature += (("manifest.json", manifest_path.stat().st_mtime_ns),)
    return _build(folder, signature)


def documents_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """The :func:`documents` table of some documents (also used by :func:`zone_lib.read_document`).

    Args:
        docs: The documents.

    Returns:
        One row per document with :data:`DOCUMENT_COLUMNS`, not yet schema-checked.
    """
    rows = [
        {
            "doc_id": d.doc_id,
            "seed_file": d.seed_file,
            "title": d.title,
            "title_en": d.title_en,
            "doc_number": d.doc_number,
            "date": d.date,
            "first_line": d.first_line,
            "last_line": d.last_line,
            "n_lines": d.last_line - d.first_line + 1,
            "kind": d.kind,
            "structure": d.structure,
            "detected_title": d.detected_title,
            "in_manifest": d.in_manifest,
            "encoding": d.seed.encoding,
        }
        for d in docs
    ]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


@checked("documents")
def documents(seeds: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One row per document of the corpus (not per file).

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with the columns of :data:`DOCUMENT_COLUMNS`: ``title`` and
        ``title_en`` come from the manifest when the document is known to it,
        ``detected_title``, ``first_line`` and ``last_line`` from the text.
    """
    return documents_frame(load_corpus(seeds).docs)
