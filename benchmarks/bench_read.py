"""Benchmark ``read_document`` on documents it has never seen: scores and read time per document.

Run it from the repository root, in one process (about 10 s)::

    .venv/bin/python benchmarks/bench_read.py [DEVSET]

DEVSET (default ``../shared/devset``) holds ``<name>.txt``, ``html/<name>.html`` and
``gold_<name>.json`` (the development set); its ``score.py`` scores the tables. For each
document it prints the figures of ``read_document`` (tasks found, unit F1, milestone
F1, table rows, targets, problems, which reader read it) and the read time — of the
text and of the HTML page — after import: the median CPU time of 5 reads, each from a
cold cache of the reader's per-paragraph memo (the first read of a document is what a
user pays); CPU time, so that other processes on a busy machine do not count.

The comparison is the naive approach this project had before: the corpus parsers
alone (the prose-task and table parsers tuned on the demonstration-zone plans), with
the general reader switched off. The last lines are a Markdown table for docs/reader.md.
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

import zone_lib
from zone_lib.parse import clauses, dates
from zone_lib.reader import own_document

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5


def _scorer(devset: Path):
    spec = importlib.util.spec_from_file_location("devset_score", devset / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _result(doc) -> dict:
    def rec(df):
        return df.astype(object).where(df.notna(), None).to_dict("records")

    names = ("documents", "tasks", "milestones", "responsibilities", "targets", "table", "problems")
    out = {n: rec(getattr(doc, n)) for n in names}
    out["summary"] = doc.summary()
    out["line_status"] = {str(k): int(v) for k, v in doc.lines["status"].value_counts().items()}
    return json.loads(json.dumps(out, ensure_ascii=False, default=str))


def _read_ms(path: Path) -> float:
    times = []
    for _ in range(RUNS):
        clauses._find_clauses.cache_clear()
        dates._find_dates.cache_clear()
        start = time.process_time()  # CPU time of the read: other processes on a busy machine do not count
        zone_lib.read_document(path)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def _corpus_only(legacy, general, *_):
    return "corpus", "benchmark: the corpus parsers alone"


def main() -> int:
    devset = Path(sys.argv[1]) if len(sys.argv) > 1 else (ROOT / ".." / "shared" / "devset").resolve()
    if not (devset / "score.py").is_file():
        print(f"no development set at {devset} (expected score.py, <name>.txt and gold_<name>.json)")
        return 1
    score = _scorer(devset)
    texts = score.gold_texts(devset)
    zone_lib.read_document(texts[0])  # warm: vocabularies, regular expressions, pandas
    rows = []
    for path in texts:
        gold = json.loads((devset / f"gold_{path.stem}.json").read_text(encoding="utf-8"))
        doc = zone_lib.read_document(path)
        d = score.score_doc(gold, _result(doc), details=False)
        html = devset / "html" / f"{path.stem}.html"
        rows.append(
            {
                "name": path.stem, "d": d, "reader": ",".join(doc.readers.reader),
                "ms": _read_ms(path), "html_ms": _read_ms(html) if html.is_file() else None,
            }
        )  # fmt: skip
    choose = own_document._choose
    own_document._choose = _corpus_only
    try:
        for row, path in zip(rows, texts):
            gold = json.loads((devset / f"gold_{path.stem}.json").read_text(encoding="utf-8"))
            row["naive"] = score.score_doc(gold, _result(zone_lib.read_document(path)), details=False)
            row["naive_ms"] = _read_ms(path)
    finally:
        own_document._choose = choose

    def fig(d) -> str:
        t = d["table"]
        table = f"{t['rows_ok']}/{t['rows']}" if t else "–"
        return (f"{d['tasks_found']}/{d['tasks_gold']} | {d['unit_f1']:.2f} | {d['ms_f1']:.2f} | {table} | "
                f"{d['targets_found']}/{d['targets_gold']} | {d['problems']}")  # fmt: skip

    print("| document | tasks | unit F1 | milestone F1 | table rows | targets | problems | reader | "
          "read .txt | "
          "read .html | corpus parsers alone: tasks, unit F1, ms F1, read |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        n = r["naive"]
        html_ms = f"{r['html_ms']:.1f} ms" if r["html_ms"] is not None else "–"
        print(
            f"| {r['name']} | {fig(r['d'])} | {r['reader']} | {r['ms']:.1f} ms | {html_ms} | "
            f"{n['tasks_found']}/{n['tasks_gold']}, {n['unit_f1']:.2f}, {n['ms_f1']:.2f}, "
            f"{r['naive_ms']:.1f} ms |"
        )

    def overall(key: str) -> str:
        tot = {}
        for r in rows:
            d = r[key]
            for k in ("tasks_found", "tasks_gold", "unit_tp_p", "unit_P", "unit_tp_r", "unit_G", "ms_tp",
                      "ms_P",
                      "ms_G", "targets_found", "targets_gold"):  # fmt: skip
                tot[k] = tot.get(k, 0) + d[k]
            if d["table"]:
                tot["rows_ok"] = tot.get("rows_ok", 0) + d["table"]["rows_ok"]
                tot["rows"] = tot.get("rows", 0) + d["table"]["rows"]
        up, ur = score.ratio(tot["unit_tp_p"], tot["unit_P"]), score.ratio(tot["unit_tp_r"], tot["unit_G"])
        mp, mr = score.ratio(tot["ms_tp"], tot["ms_P"]), score.ratio(tot["ms_tp"], tot["ms_G"])
        return (f"task_recall={score.ratio(tot['tasks_found'], tot['tasks_gold']):.3f} "
                f"unit_F1={score.f1(up, ur):.3f} milestone_F1={score.f1(mp, mr):.3f} "
                f"table_rows={score.ratio(tot.get('rows_ok', 0), tot.get('rows', 0)):.3f} "
                f"targets={score.ratio(tot['targets_found'], tot['targets_gold']):.3f}")  # fmt: skip

    ms = [r["ms"] for r in rows]
    naive = [r["naive_ms"] for r in rows]
    print()
    print(
        f"read_document:         {overall('d')}; "
        f"read {statistics.median(ms):.1f} ms median, {max(ms):.1f} ms max"
    )
    print(
        f"corpus parsers alone:  {overall('naive')}; read {statistics.median(naive):.1f} ms median, "
        f"{max(naive):.1f} ms max"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
