"""The seed texts as pages of the site, so that every cited line opens in one click.

One page per seed file under ``source/`` (``source/002_f60c301714171d8f.html``), every
line with its number and an anchor (``#L943``); the line a link points to is
highlighted (CSS ``:target``). A heading marks where each document starts, naming its
id, number and title. Tables of the briefings link their ``source_line`` here
(:func:`zone_lib.views.site.line_href`).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from zone_lib._version import __version__
from zone_lib.files import atomic_write
from zone_lib.ingest.corpus import load_corpus
from zone_lib.safe_names import inside
from zone_lib.views.site import SOURCE_DIR, seed_page


def source_page(seed, docs) -> bytes:
    """The HTML page of one seed file.

    Args:
        seed: A :class:`zone_lib.ingest.corpus.SeedFile`.
        docs: The documents of the corpus held by that file.

    Returns:
        The page as UTF-8 bytes.
    """
    e = html.escape
    starts = {d.first_line: d for d in docs}
    parts = []
    for n, text in enumerate(seed.lines, start=1):
        d = starts.get(n)
        if d is not None:
            number = f" · {e(d.doc_number)}" if d.doc_number else ""
            parts.append(
                f'<div class="zone-docstart" id="doc-{e(d.doc_id)}"><b>{e(d.doc_id)}</b>{number} · '
                f'{e(d.title)}<span class="en">{e(d.title_en)} · '
                f"lines {d.first_line}–{d.last_line}</span></div>"
            )
        parts.append(f'<div class="ln" id="L{n}"><a href="#L{n}">{n}</a><span>{e(text)}</span></div>')
    docs_list = "".join(
        f'<li><a href="#doc-{e(d.doc_id)}">{e(d.doc_id)}</a> {e(d.doc_number or "")} {e(d.title)}</li>'
        for d in docs
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zone_lib {e(__version__)}">
<title>原文 Source text · {e(seed.name)}</title>
<link rel="stylesheet" href="../assets/briefing.css">
</head>
<body>
<nav class="zone-nav"><a href="../index.html">← 简报目录 All briefings</a></nav>
<main class="zone-index">
<h1>原文 {e(seed.name)}<span class="en">Source text as read by zone_lib: {len(seed.lines)} lines,
encoding {e(seed.encoding)}; the cited line is highlighted</span></h1>
<ul>{docs_list}</ul>
<div class="zone-source">
{"".join(parts)}
</div>
</main>
</body>
</html>
"""
    return page.encode("utf-8")


def write_sources(out: Path, seeds: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write a page for every seed file into ``out/source`` (only when it differs).

    Args:
        out: The site folder.
        seeds: The seeds folder (default: as :func:`zone_lib.ingest.corpus.load_corpus`).

    Returns:
        The pages.
    """
    corpus = load_corpus(seeds)
    written = []
    for seed in corpus.files:
        docs = [d for d in corpus.docs if d.seed_file == seed.name]
        data = source_page(seed, docs)
        path = inside(out / SOURCE_DIR, seed_page(seed.name).split("/", 1)[1])
        if not path.is_file() or path.read_bytes() != data:
            atomic_write(path, data)
        written.append(path)
    return written
