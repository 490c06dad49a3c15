"""The documents table: one row per document of the corpus, with its structure."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from zone_lib.ingest.corpus import Document, Seeds, load_corpus
from zone_lib.parse.structure import structure_of
from zone_lib.schemas import checked

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
            "structure": structure_of(d),
            "detected_title": d.detected_title,
            "in_manifest": d.in_manifest,
            "encoding": d.seed.encoding,
        }
        for d in docs
    ]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


@checked("documents")
def documents(seeds: Seeds = None) -> pd.DataFrame:
    """One row per document of the corpus (not per file).

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with the columns of :data:`DOCUMENT_COLUMNS`: ``title`` and
        ``title_en`` come from the manifest when the document is known to it,
        ``detected_title``, ``first_line`` and ``last_line`` from the text.
    """
    return documents_frame(load_corpus(seeds).docs)
