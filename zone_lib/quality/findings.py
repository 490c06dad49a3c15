"""The data-quality check (``zone check``): what the parsers and the text itself show is wrong.

:func:`quality_findings` gathers, as one table with a seed-file line for every row:

* the annual task tables: lines that :func:`zone_lib.table_lines` could not read
  cleanly (``table_line``), a table that cannot be parsed at all
  (``table_parse``), numbered prose tasks that have no row in the table
  (``missing_table_row``) and every disagreement of :func:`zone_lib.discrepancies`
  (``discrepancy``);
* responsible units that the unit registry does not know (``unknown_unit``);
* damage in the seed text, on every line of every seed file: English words inside
  Chinese sentences (``latin_in_chinese``, `` and `` where 和 was), lines that
  begin with a punctuation mark (``leading_punctuation``, a page break inside a
  sentence), HTML residue of scraped pages (``markup_residue``) and words split
  by a page break (``broken_word``);
* lines that the line accounting of :mod:`zone_lib.quality.accounting` leaves
  unclassified (``unclassified_line``) or reports (``reported_line``).

The checks, their severities, bilingual labels and the vocabularies they use
(the allow-list of Latin tokens such as 5G, HIS or APP, the English function
words, the punctuation that never opens a line) are data:
``zone_lib/data/quality.json``.

Example::

    from zone_lib.quality.findings import quality_findings, quality_summary, format_report
    findings = quality_findings()
    quality_summary(findings)        # counts per check and severity, 中文 + English labels
    print(format_report(findings))   # what `zone check` prints
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import pandas as pd

from zone_lib.analysis.words import tokenizer
from zone_lib.errors import TableParseError
from zone_lib.ingest.corpus import Corpus, Document, Seeds, load_corpus
from zone_lib.parse.annual_table import find_table
from zone_lib.quality.accounting import line_accounting
from zone_lib.schemas import checked
from zone_lib.tables.matrix import analysis, discrepancies, table_lines
from zone_lib.tables.tasks import responsibilities
from zone_lib.tables.units import canonical_unit

QUALITY_COLUMNS = ["check", "severity", "doc_id", "seed_file", "line", "detail", "text"]
"""Columns of :func:`quality_findings`."""

SUMMARY_COLUMNS = ["check", "label_zh", "label_en", "error", "warning", "info", "total", "note"]
"""Columns of :func:`quality_summary`."""

SEVERITIES = ("error", "warning", "info")
"""Severity levels, most serious first."""

#: Longest excerpt kept in the ``text`` column.
EXCERPT = 60
#: Characters of context kept on each side of an anomaly inside a line.
CONTEXT = 8
#: Characters on each side of a line break given to jieba to find a word split by it.
BREAK_WINDOW = 6

_SPACES = " \u3000\xa0"
_CJK_QUOTES = "“”‘’"
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[章节条部分])")
_MARKUP_OPEN = re.compile(r"^[\s#*>]+")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")


@functools.cache
def quality_rules() -> dict[str, Any]:
    """The checks, severities, labels and vocabularies of ``zone_lib/data/quality.json``.

    Returns:
        The parsed file (see its ``about``). Cached; do not mutate.
    """
    text = resources.files("zone_lib").joinpath("data/quality.json").read_text(encoding="utf-8")
    return json.loads(text)


def check_labels() -> pd.DataFrame:
    """Every check with its default severity and bilingual label, in report order.

    Returns:
        A DataFrame with ``check``, ``severity``, ``label_zh`` and ``label_en``.
    """
    rows = [
        {"check": c["check"], "severity": c["severity"], "label_zh": c["zh"], "label_en": c["en"]}
        for c in quality_rules()["checks"]
    ]
    return pd.DataFrame(rows, columns=["check", "severity", "label_zh", "label_en"])


def _default_severity(check: str) -> str:
    return next(c["severity"] for c in quality_rules()["checks"] if c["check"] == check)


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    """A line as an excerpt: tabs shown as `` | ``, outer space trimmed, cut with an ellipsis."""
    text = text.replace("\t", " | ").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _around(line: str, start: int, end: int) -> str:
    """The span ``line[start:end]`` with :data:`CONTEXT` characters each side."""
    a, b = max(0, start - CONTEXT), min(len(line), end + CONTEXT)
    head = "…" if a > 0 else ""
    tail = "…" if b < len(line) else ""
    return head + line[a:b].replace("\t", " | ") + tail


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_chinese(ch: str) -> bool:
    """A CJK ideograph, CJK punctuation (、。《》「」…), a full-width form (，（）：) or a curly quote."""
    return _is_ideograph(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in _CJK_QUOTES


class _Findings:
    """Collects findings; knows the corpus for document ids and line texts."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.rows: list[dict[str, Any]] = []
        self.accounting: dict[str, int] = {}
        self._lines = {f.name: f.lines for f in corpus.files}

    def doc_at(self, seed_file: str, line: int) -> str:
        """Id of the document holding a line, or ``""`` for a line between documents."""
        for doc in self.corpus.docs:
            if doc.seed_file == seed_file and doc.first_line <= line <= doc.last_line:
                return doc.doc_id
        return ""

    def line_text(self, seed_file: str, line: int) -> str:
        """The text of a seed-file line (empty if there is no such line)."""
        lines = self._lines.get(seed_file, ())
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    def add(
        self,
        check: str,
        seed_file: str,
        line: int,
        detail: str,
        text: str | None = None,
        *,
        severity: str | None = None,
        doc_id: str | None = None,
    ) -> None:
        """Record one finding; ``text`` defaults to an excerpt of the line."""
        self.rows.append(
            {
                "check": check,
                "severity": severity or _default_severity(check),
                "doc_id": self.doc_at(seed_file, line) if doc_id is None else doc_id,
                "seed_file": seed_file,
                "line": int(line),
                "detail": detail,
                "text": _excerpt(self.line_text(seed_file, line)) if text is None else text,
            }
        )


# --- the annual task tables ---------------------------------------------------------------


def _table_documents(corpus: Corpus) -> list[Document]:
    """Documents holding a year table (a header line with year columns)."""
    return [d for d in corpus.docs if find_table(d.numbered_lines()) is not None]


def _table_findings(out: _Findings, seeds: Seeds) -> None:
    for doc in _table_documents(out.corpus):
        try:
            lines = table_lines(doc.doc_id, seeds)
        except TableParseError as exc:
            out.add(
                "table_parse",
                doc.seed_file,
                exc.line or doc.first_line,
                f"The annual task table of {doc.doc_id} cannot be parsed: expected {exc.expected}.",
                doc_id=doc.doc_id,
            )
            continue
        for r in lines[lines.problem].itertuples():
            task = "" if pd.isna(r.task_no) else f" (task {int(r.task_no)})"
            out.add(
                "table_line",
                r.seed_file,
                r.line,
                f"Table line read as {r.kind}{task}: {r.note or 'not part of the table layout'}.",
                doc_id=r.doc_id,
            )
        a = analysis(doc.doc_id, seeds)
        in_table = {row.task_no for row in a.table.rows}
        caption = f"“{a.table.caption}”" if a.table.caption else "the annual table"
        for task in a.prose.tasks:
            if task.task_no not in in_table:
                out.add(
                    "missing_table_row",
                    doc.seed_file,
                    task.source_line,
                    f"Task {task.task_no} “{task.task}” is in the prose of {doc.doc_id} "
                    f"but has no row in {caption} (line {a.table.caption_line}).",
                    doc_id=doc.doc_id,
                )
        for r in discrepancies(doc.doc_id, seeds).itertuples():
            if r.kind == "prose_only" and r.task_no not in in_table:
                continue  # the whole task is missing: reported above as missing_table_row
            line = r.table_line if not pd.isna(r.table_line) else r.prose_line
            line = doc.first_line if pd.isna(line) else int(line)
            year = "" if pd.isna(r.year) else f", {int(r.year)}"
            out.add(
                "discrepancy",
                doc.seed_file,
                line,
                f"Task {r.task_no}{year} ({r.kind}): {r.detail}",
                doc_id=doc.doc_id,
            )


# --- units ----------------------------------------------------------------------------------


def _unit_findings(out: _Findings, seeds: Seeds) -> None:
    links = responsibilities(None, seeds)
    if links.empty:
        return
    seed_of = {d.doc_id: d.seed_file for d in out.corpus.docs}
    unknown = links[[not canonical_unit(u)["is_known"] for u in links["unit"]]]
    for (doc_id, unit), group in unknown.groupby(["doc_id", "unit"], sort=True):
        group = group.sort_values(["source_line", "task_no"])
        first = group.iloc[0]
        tasks = ", ".join(str(t) for t in sorted(set(group["task_no"])))
        lines = sorted(set(group["source_line"]))
        more = f"; named on lines {', '.join(map(str, lines))}" if len(lines) > 1 else ""
        level = canonical_unit(unit)["level"]
        out.add(
            "unknown_unit",
            seed_of[doc_id],
            int(first["source_line"]),
            f"The unit “{unit}” (tasks {tasks} of {doc_id}) is not in the unit registry "
            f"(zone_lib/data/unit_registry.csv); it stands for itself, level guessed as {level}{more}.",
            unit,
            doc_id=doc_id,
        )


# --- damage in the seed text ----------------------------------------------------------------


def _neighbour(text: str, at: int, step: int) -> str:
    """The nearest character from ``at`` in direction ``step`` that is not a space ("" at the edge)."""
    while 0 <= at < len(text):
        if text[at] not in _SPACES:
            return text[at]
        at += step
    return ""


def latin_anomalies(line: str) -> Iterator[tuple[int, int, str, str]]:
    """Latin words standing inside Chinese text on one line.

    A word is a run of Latin letters and digits whose nearest non-space neighbours
    on both sides are Chinese (:func:`_is_chinese`). Runs with a digit (5G, IPv6,
    200M), single capital letters (N个, B型) and the allow-listed tokens of
    ``quality.json`` are legitimate and skipped.

    Args:
        line: One line of a seed file.

    Yields:
        ``(start, end, word, kind)`` where kind is ``function_word`` (an English
        word such as ``and`` standing where a Chinese one was lost) or ``word``.
    """
    rules = quality_rules()["latin"]
    allowed = set(rules["allowed"])
    function_words = rules["function_words"]
    for m in _LATIN_RUN.finditer(line):
        word = m.group()
        if any(ch.isdigit() for ch in word) or word in allowed:
            continue
        before, after = _neighbour(line, m.start() - 1, -1), _neighbour(line, m.end(), 1)
        if not (_is_chinese(before) and _is_chinese(after)):
            continue
        if word.lower() in function_words:
            yield m.start(), m.end(), word, "function_word"
        elif not (len(word) == 1 and word.isupper()):
            yield m.start(), m.end(), word, "word"


def _latin_findings(out: _Findings, seed_file: str, line_no: int, line: str) -> None:
    hints = quality_rules()["latin"]["function_words"]
    for start, end, word, kind in latin_anomalies(line):
        if kind == "function_word":
            hint = hints[word.lower()]
            was = f" ({hint})" if hint else ""
            detail = (
                f"The English word “{word}” stands inside a Chinese sentence, where extraction "
                f"probably replaced a Chinese word{was}."
            )
            severity = "warning"
        else:
            detail = (
                f"The Latin word “{word}” stands between Chinese characters and is not a known Latin "
                "token (allow-list in zone_lib/data/quality.json)."
            )
            severity = "info"
        out.add("latin_in_chinese", seed_file, line_no, detail, _around(line, start, end), severity=severity)


def _leading_findings(out: _Findings, seed_file: str, numbered: list[tuple[int, str]]) -> None:
    marks = quality_rules()["leading_punctuation"]
    previous = None
    for line_no, line in numbered:
        body = _MARKUP_OPEN.sub("", line)
        if body and body[0] in marks:
            where = f"; the previous non-blank line is {previous}" if previous else ""
            out.add(
                "leading_punctuation",
                seed_file,
                line_no,
                f"The line begins with “{body[0]}”, so it probably continues a sentence broken "
                f"by a page break{where}.",
                _excerpt(body, 20),
            )
        if line.strip():
            previous = line_no


def _markup_findings(out: _Findings, seed_file: str, line_no: int, line: str) -> None:
    tags = list(re.finditer(quality_rules()["markup"], line))
    if not tags:
        return
    kinds = ", ".join(f"“{t}”" for t in sorted({m.group() for m in tags}))
    times = f"{len(tags)} times" if len(tags) > 1 else "once"
    out.add(
        "markup_residue",
        seed_file,
        line_no,
        f"HTML markup {kinds} is left in the text ({times} on this line), residue of a scraped web page.",
        _around(line, tags[0].start(), tags[0].end()),
    )


def _ideographs(text: str, from_end: bool) -> str:
    """The run of CJK ideographs at the end (or start) of a text, at most :data:`BREAK_WINDOW` long."""
    chars = reversed(text) if from_end else iter(text)
    run = []
    for ch in chars:
        if not _is_ideograph(ch) or len(run) == BREAK_WINDOW:
            break
        run.append(ch)
    return "".join(reversed(run)) if from_end else "".join(run)


def broken_words(numbered: Iterable[tuple[int, str]]) -> Iterator[tuple[int, int, str, str, str]]:
    """Words split by a line break (a page break inside a word) in a run of lines.

    A line ending in a Chinese character, followed (after blank lines, if any) by a
    line starting with one that opens no heading, is read across the break with
    jieba's dictionary and the domain's (no guessing of new words). The break
    splits a word when a dictionary word spans it and the break does not fall
    between two words that stand alone (``人民`` / ``医院`` is a break between
    words; ``信息数`` / ``据接口`` splits ``数据``).

    Args:
        numbered: ``(line_no, text)`` of consecutive lines.

    Yields:
        ``(line, next_line, word, left, right)``: the word and its two fragments.
    """
    tk = tokenizer()

    def stands_alone(part: str) -> bool:
        return len(part) >= 2 and tk.FREQ.get(part, 0) > 0

    nonblank = [(n, t) for n, t in numbered if t.strip()]
    for (a, upper), (b, lower) in zip(nonblank, nonblank[1:]):
        upper = upper.rstrip().rstrip("#* ").rstrip()
        lower = lower.strip()
        if not lower or lower[0] in "#*" or _HEADING.match(lower):
            continue
        tail, head = _ideographs(upper, True), _ideographs(lower, False)
        if not tail or not head:
            continue
        pos = 0
        for word in tk.lcut(tail + head, HMM=False):
            if pos < len(tail) < pos + len(word):
                left, right = word[: len(tail) - pos], word[len(tail) - pos :]
                if not (stands_alone(left) and stands_alone(right)):
                    yield a, b, word, left, right
                break
            pos += len(word)


def _broken_word_findings(out: _Findings, seed_file: str, numbered: list[tuple[int, str]]) -> None:
    texts = dict(numbered)
    for a, b, word, left, right in broken_words(numbered):
        out.add(
            "broken_word",
            seed_file,
            a,
            f"The word “{word}” is split between line {a} (“{left}”) and line {b} (“{right}”), "
            "probably by a page break; the parsers join the lines back.",
            "…" + texts[a].rstrip()[-CONTEXT:] + "↵" + texts[b].strip()[:CONTEXT] + "…",
        )


def _text_findings(out: _Findings) -> None:
    for seed in out.corpus.files:
        numbered = list(enumerate(seed.lines, start=1))
        for line_no, line in numbered:
            _latin_findings(out, seed.name, line_no, line)
            _markup_findings(out, seed.name, line_no, line)
        _leading_findings(out, seed.name, numbered)
        _broken_word_findings(out, seed.name, numbered)


# --- line accounting (zone_lib.quality.accounting) ---------------------------------------------------


def _accounting_findings(out: _Findings, seeds: Seeds) -> None:
    """Findings from the line accounting (:func:`zone_lib.quality.accounting.line_accounting`).

    A line with status ``unclassified`` becomes an ``unclassified_line`` error; a
    ``reported`` line becomes a ``reported_line`` info unless another check already
    reported that line. The ``reason`` column is quoted in the detail.

    """
    table = line_accounting(seeds=seeds)
    out.accounting = {k: int(v) for k, v in table["status"].value_counts().items()}
    out.accounting["lines"] = len(table)
    why_column = next((c for c in ("note", "reason") if c in table.columns), None)
    taken = {(r["seed_file"], r["line"]) for r in out.rows}
    for r in table[table["status"].isin(["unclassified", "reported"])].itertuples(index=False):
        why = getattr(r, why_column) if why_column else ""
        why = f" ({why})" if isinstance(why, str) and why else ""
        doc_id = r.doc_id if isinstance(r.doc_id, str) else None  # None: found from the line
        doc = f" of {doc_id}" if doc_id else ""
        line, text = int(r.line), _excerpt(r.text if isinstance(r.text, str) else "")
        if r.status == "unclassified":
            detail = f"Line {line}{doc} is neither read by a parser nor known boilerplate{why}."
            out.add("unclassified_line", r.seed_file, line, detail, text, doc_id=doc_id)
        elif (r.seed_file, line) not in taken:
            detail = f"Line {line}{doc} was reported by a parser{why}."
            out.add("reported_line", r.seed_file, line, detail, text, doc_id=doc_id)


# --- the public tables ----------------------------------------------------------------------


def _sorted(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=QUALITY_COLUMNS).astype({"line": "int64"})
    df = df.drop_duplicates(ignore_index=True)
    order = {c["check"]: k for k, c in enumerate(quality_rules()["checks"])}
    keys = pd.DataFrame(
        {
            "_severity": df["severity"].map({s: k for k, s in enumerate(SEVERITIES)}),
            "_check": df["check"].map(order),
        }
    )
    df = pd.concat([df, keys], axis=1).sort_values(
        ["_severity", "_check", "seed_file", "line", "detail", "text"], kind="stable"
    )
    return df.drop(columns=["_severity", "_check"]).reset_index(drop=True)


@checked("quality_findings")
def quality_findings(seeds: Seeds = None) -> pd.DataFrame:
    """Every data-quality finding of the corpus, one row per finding.

    Args:
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        A DataFrame with :data:`QUALITY_COLUMNS`: ``check`` (an id of
        ``quality.json``), ``severity`` (``error``, ``warning`` or ``info``), the
        ``doc_id`` (empty for a line between documents), ``seed_file`` and ``line``
        (1-based in the seed file), a readable ``detail`` and the offending
        ``text``. Sorted by severity, check (in the order of ``quality.json``),
        seed file, line and detail. ``attrs["seed_files"]`` lists the seed files
        read; ``attrs["skipped"]`` maps a check that could not run to the reason
        (every check runs today: it is empty);
        ``attrs["accounting"]`` counts the seed lines per accounting status
        (``used``, ``boilerplate``, ``reported``, ``unclassified``) and ``lines``.
    """
    corpus = load_corpus(seeds)
    out = _Findings(corpus)
    _table_findings(out, seeds)
    _unit_findings(out, seeds)
    _text_findings(out)
    _accounting_findings(out, seeds)
    df = _sorted(out.rows)
    df.attrs["seed_files"] = [f.name for f in corpus.files]
    df.attrs["skipped"] = {}  # checks that could not run on this corpus: none today
    df.attrs["accounting"] = dict(out.accounting)
    return df


@checked("quality_summary")
def quality_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """How many findings each check has, by severity, with bilingual labels.

    Args:
        findings: A table from :func:`quality_findings` (or a filtered part of it).

    Returns:
        A DataFrame with :data:`SUMMARY_COLUMNS`, one row per check of
        ``quality.json`` (in its order, checks with no finding included, so that a
        reader sees what was checked), then any other check found. ``note`` says
        when a check was not run (from ``findings.attrs["skipped"]``).
    """
    labels = check_labels()
    extra = sorted(set(findings["check"]) - set(labels["check"]))
    skipped = findings.attrs.get("skipped", {})
    counts = findings.groupby(["check", "severity"]).size()
    rows = []
    for check, zh, en in [*labels[["check", "label_zh", "label_en"]].itertuples(index=False)] + [
        (c, c, c) for c in extra
    ]:
        row = {"check": check, "label_zh": zh, "label_en": en}
        for severity in SEVERITIES:
            row[severity] = int(counts.get((check, severity), 0))
        row["total"] = sum(row[s] for s in SEVERITIES)
        row["note"] = f"not run: {skipped[check]}" if check in skipped else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


# --- the terminal report --------------------------------------------------------------------


def _width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _table(summary: pd.DataFrame) -> list[str]:
    header = ["check", "检查", "what it finds", *SEVERITIES, "total"]
    body = [
        [r.check, r.label_zh, r.label_en, *(str(getattr(r, s)) for s in SEVERITIES), str(r.total)]
        for r in summary.itertuples()
    ]
    widths = [max(_width(row[k]) for row in [header, *body]) for k in range(len(header))]
    numeric = [False, False, False, True, True, True, True]
    return [
        "  ".join(_pad(cell, w, num) for cell, w, num in zip(row, widths, numeric)).rstrip()
        for row in [header, *body]
    ]


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def format_report(findings: pd.DataFrame, limit: int | None = 10) -> str:
    """The report ``zone check`` prints: a header, the summary, findings by check, a verdict.

    Args:
        findings: A table from :func:`quality_findings`.
        limit: Findings shown per check (the rest are counted); None or 0 for all.

    Returns:
        The report, deterministic for the same findings, ending with a newline.
    """
    summary = quality_summary(findings)
    n_err, n_warn, n_info = (int((findings["severity"] == s).sum()) for s in SEVERITIES)
    n_files = len(findings.attrs.get("seed_files", [])) or findings["seed_file"].nunique()
    parts = [
        f"zone check: data-quality report (数据质量检查): {_count(len(findings), 'finding')} "
        f"in {_count(n_files, 'seed file')}",
        "",
        *_table(summary),
    ]
    acc = findings.attrs.get("accounting") or {}
    if acc:
        parts += [
            "",
            f"Line accounting (行核算): {acc['lines']} lines, "
            + ", ".join(f"{acc.get(k, 0)} {k}" for k in ("used", "boilerplate", "reported", "unclassified"))
            + " (zone_lib.line_accounting())",
        ]
    for r in summary[summary.total > 0].itertuples():
        group = findings[findings["check"] == r.check]
        by_severity = ", ".join(_count(getattr(r, s), s) for s in SEVERITIES if getattr(r, s))
        parts += ["", f"{r.check} · {r.label_zh} · {r.label_en}: {by_severity}"]
        shown = group if not limit else group.head(limit)
        for f in shown.itertuples():
            parts.append(f"  {f.seed_file}:{f.line}  [{f.severity}] {f.detail}")
            if f.text:
                parts.append(f"      │ {f.text}")
        if len(group) > len(shown):
            parts.append(f"  … {len(group) - len(shown)} more (--limit 0 shows all)")
    notes = summary[summary.note != ""]
    if len(notes):
        parts += [""]
        parts += [f"Not run: {r.check}: {r.note.removeprefix('not run: ')}" for r in notes.itertuples()]
    counts = f"{_count(n_err, 'error')}, {_count(n_warn, 'warning')}, {n_info} info"
    if n_err:
        verdict = f"Verdict: FAIL, {counts}; `zone check --strict` exits 1."
    else:
        verdict = f"Verdict: OK, no errors ({counts})."
    parts += ["", verdict]
    return "\n".join(parts) + "\n"
