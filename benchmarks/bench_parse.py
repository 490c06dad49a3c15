"""Benchmark zone_lib's start-up and parsing, and compare it with naive approaches.

Run it from the repository root, in one process invocation (about 30-60 s)::

    .venv/bin/python benchmarks/bench_parse.py

It is a plain script, not a pytest test: it prints tables of figures and ends
with a Markdown summary that can be pasted into the README. Every figure is a
median over several runs, shown with the min and max; one warm-up run (not
counted) precedes each subprocess measurement so that the OS file cache is
warm.

The project's budgets, for this 2-core machine:

* a fresh ``python -c "import zone_lib; zone_lib.matrix()"`` under 1.5 s;
* parsing all seeds after import under 100 ms.

What each figure means:

1. **Cold start** (subprocesses, 5 runs each, interleaved, wall time including
   interpreter start and exit): ``-c pass`` (bare interpreter),
   ``-c "import pandas"``, ``-c "import zone_lib"`` and
   ``-c "import zone_lib; zone_lib.matrix()"`` (the budgeted command).
   On this VM run-to-run noise is larger than the difference between the
   import commands, so where the time goes is measured inside the process:
   a subprocess times ``import pandas``, ``import zone_lib`` and the first
   ``matrix()`` call with ``time.perf_counter`` (5 runs); the rest of its
   wall time is interpreter start and exit. The same subprocess then calls
   ``documents()``, ``responsibilities()`` and ``discrepancies()``: the four
   calls together are the *first parse after import in a fresh process*.
2. **Parse all seeds after import** (in this process): both caches
   (``zone_lib.ingest.corpus._build`` and ``zone_lib.tables.matrix._analyse``) cleared and
   the garbage collected (untimed), then
   ``documents(); matrix(); responsibilities(); discrepancies()`` timed,
   20 runs; the very first call of this process is reported apart. The
   budget verdict is given for the fresh-process figure, the first call
   of this process and the 20-run median. The per-call medians show where
   the time goes: ``documents()`` reads and segments the seed files (the
   corpus cache), ``matrix()`` parses the table and reconciles it with the
   prose (the analysis cache), ``discrepancies()`` compares items with the
   prose again. Then each call cold against warm (cached): a warm
   ``matrix()`` only checks the seed files' signatures and builds the
   DataFrame. (The small manifest and unit-rule JSON caches stay warm
   throughout.)
3. **Naive approaches**:

   a. *jieba instead of character bigrams.* The pairs the library compares when
      it places table cells in years: for every row of the annual table, every
      non-empty cell against every year's prose milestone text
      (``task.milestone_text(year)``). Timed with
      ``zone_lib.textutil.containment`` (bigram sets) and with a jieba
      token-set containment (share of the cell's word tokens found among the
      milestone's), both computed from the raw strings on every call. jieba
      also costs ``import jieba; jieba.initialize()`` (dictionary load), timed
      in subprocesses so that every run pays it; its warm-up run may build
      jieba's dictionary cache file. The agreement lines say how often the two
      measures agree on "found" (containment >= ``reconcile.MATCH``) and on the
      best-matching year of a cell.
   b. *No cache.* 10 queries ``matrix(); responsibilities(); discrepancies()``
      with both caches cleared before each (re-reading and re-parsing the seeds
      every time) against the same 10 queries served from the caches.
4. **The whole corpus after import** (subprocesses, 3 runs + 1 warm-up): in a
   fresh process, after ``import zone_lib`` (not timed), every table of the
   corpus: ``documents() … plan_goals()`` (tables), then the jieba part: the
   segmentation tokenizer (``zone_lib.analysis.words.tokenizer()``: jieba's
   import and dictionary, loaded on demand from the index file in the user's
   cache folder, see ``zone_lib.analysis.jieba_dict``), 3 crosswalks to nx-impl-2019 with
   their summaries and ``keywords`` by section, year and document; then
   ``reported_progress(); copy_report(); find_copies()``. The budget is 2 s
   for all of it. The warm-up run builds the jieba index file if it is missing
   (once per jieba installation, a few seconds).

Run one part only with ``--only`` (``cold``, ``parse``, ``jieba``, ``nocache``,
``corpus``; repeatable), e.g. ``bench_parse.py --only corpus --corpus-runs 5``.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COLD_BUDGET_S = 1.5
PARSE_BUDGET_S = 0.100

COLD_RUNS = 5
PARSE_RUNS = 20
WARM_RUNS = 200
MATCH_RUNS = 5
JIEBA_INIT_RUNS = 5
QUERY_BATCH = 10
QUERY_REPS = 3


# --------------------------------------------------------------------------- helpers


@dataclass
class Stat:
    """Timings of repeated runs, in seconds."""

    samples: list[float]

    @property
    def median(self) -> float:
        """Median of the runs."""
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        """Fastest run."""
        return min(self.samples)

    @property
    def max(self) -> float:
        """Slowest run."""
        return max(self.samples)

    @property
    def n(self) -> int:
        """Number of runs."""
        return len(self.samples)


def fmt(seconds: float) -> str:
    """A duration with a unit that suits it."""
    if seconds < 0:
        return "-" + fmt(-seconds)
    if seconds >= 1:
        return f"{seconds:.3f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def ratio(a: float, b: float) -> str:
    """``a / b`` as ``×N``."""
    return f"×{a / b:,.1f}" if b > 0 else "n/a"


def verdict(value: float, budget: float) -> str:
    """Whether a figure is within its budget, and by how much."""
    if value <= budget:
        return f"met ({value / budget:.0%} of {fmt(budget)})"
    return f"NOT met ({value / budget:.0%} of {fmt(budget)})"


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print a plain-text table with aligned columns."""
    widths = [max(len(str(r[k])) for r in [headers, *rows]) for k in range(len(headers))]
    print(f"\n{title}")
    print("  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  " + "  ".join("-" * w for w in widths))
    for r in rows:
        cells = [str(c).ljust(w) if k == 0 else str(c).rjust(w) for k, (c, w) in enumerate(zip(r, widths))]
        print("  " + "  ".join(cells))


def stat_row(label: str, s: Stat, extra: str = "") -> list[str]:
    """A table row: label, runs, median, min, max and a note."""
    return [label, str(s.n), fmt(s.median), fmt(s.min), fmt(s.max), extra]


STAT_HEADERS = ["measurement", "runs", "median", "min", "max", "note"]


def time_calls(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> Stat:
    """Time ``fn()`` ``runs`` times, calling ``setup()`` (untimed) before each."""
    samples = []
    for _ in range(runs):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return Stat(samples)


def run_python(code: str) -> tuple[float, str]:
    """Run ``python -c code`` in a fresh process; wall time and stdout."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=os.environ.copy()
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"python -c {code!r} failed:\n{proc.stderr}")
    return elapsed, proc.stdout


def clear_caches() -> None:
    """Forget every cache of zone_lib: parsed corpus, analyses, folded text, bigrams.

    Every ``functools.lru_cache`` of every loaded zone_lib module is cleared, so a
    timed run starts as cold as the first call in a fresh process (the small JSON
    rule files excepted, which are read at most once per process anyway).
    """
    import sys

    for name, module in list(sys.modules.items()):
        if not name.startswith("zone_lib") or module is None:
            continue
        for obj in vars(module).values():
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", "") == name:
                if name in ("zone_lib.ingest.seeds", "zone_lib.parse.unit_names"):
                    continue  # JSON rule files, read once per process
                obj.cache_clear()


def cold_setup() -> None:
    """Clear the caches and collect the garbage of the previous run (untimed)."""
    clear_caches()
    gc.collect()


# --------------------------------------------------------------------------- 1. cold start


PHASES_CODE = """\
import time
t0 = time.perf_counter()
import pandas
t1 = time.perf_counter()
import zone_lib
t2 = time.perf_counter()
zone_lib.matrix()
t3 = time.perf_counter()
zone_lib.documents(); zone_lib.responsibilities(); zone_lib.discrepancies()
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t2)
"""


def bench_cold_start() -> dict[str, Stat]:
    """Subprocess wall times, interleaved round-robin so that noise spreads evenly."""
    commands = {
        "bare": "pass",
        "pandas": "import pandas",
        "import": "import zone_lib",
        "matrix": "import zone_lib; zone_lib.matrix()",
        "phases": PHASES_CODE,
    }
    samples: dict[str, list[float]] = {k: [] for k in commands}
    phase_names = ["p_pandas", "p_zone_lib", "p_matrix", "p_parse_all"]
    samples.update({k: [] for k in phase_names})
    for i in range(COLD_RUNS + 1):  # run 0 is the warm-up
        for key, code in commands.items():
            elapsed, out = run_python(code)
            if not i:
                continue
            samples[key].append(elapsed)
            if key == "phases":
                for name, value in zip(phase_names, out.split()):
                    samples[name].append(float(value))
    res = {k: Stat(v) for k, v in samples.items()}

    full = res["matrix"].median
    print_table(
        f"1. Cold start: fresh `python -c ...` (wall time, {COLD_RUNS} runs + 1 warm-up, interleaved)",
        STAT_HEADERS,
        [
            stat_row('-c "pass" (bare interpreter)', res["bare"]),
            stat_row('-c "import pandas"', res["pandas"]),
            stat_row('-c "import zone_lib"', res["import"]),
            stat_row('-c "import zone_lib; zone_lib.matrix()"', res["matrix"], verdict(full, COLD_BUDGET_S)),
        ],
    )
    # The differences between the commands' medians are within this VM's noise,
    # so the split is timed inside one process per run (same code, with timers).
    wall = res["phases"].median
    pandas_s, own_s, matrix_s = (res[k].median for k in ("p_pandas", "p_zone_lib", "p_matrix"))
    parts = [
        ("import pandas (and numpy, ...)", pandas_s),
        ("zone_lib's own modules (after pandas)", own_s),
        ("first matrix() call (read, segment, parse seeds)", matrix_s),
        ("interpreter start + exit (teardown of loaded objects)", wall - pandas_s - own_s - matrix_s),
    ]
    print_table(
        f"   Where the cold start goes: `import pandas; import zone_lib; zone_lib.matrix()` timed "
        f"inside the process (medians of {COLD_RUNS}, wall median {fmt(wall)})",
        ["part", "median", "min", "max", "share"],
        [
            [p, fmt(t), *((fmt(res[k].min), fmt(res[k].max)) if k else ("", "")), f"{t / wall:.0%}"]
            for (p, t), k in zip(parts, ["p_pandas", "p_zone_lib", "p_matrix", None])
        ],
    )
    return res


# --------------------------------------------------------------------------- 2. in-process parse


def bench_parse(fresh: Stat) -> dict[str, Stat]:
    """Parse all seeds after import, cold caches; and each call cold against warm."""
    t0 = time.perf_counter()
    import zone_lib

    import_s = time.perf_counter() - t0

    steps = [
        ("documents()", zone_lib.documents),
        ("matrix()", zone_lib.matrix),
        ("responsibilities()", zone_lib.responsibilities),
        ("discrepancies()", zone_lib.discrepancies),
    ]

    def parse_all() -> list[float]:
        times = []
        for _, fn in steps:
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return times

    clear_caches()
    first = sum(parse_all())

    totals: list[float] = []
    per_step: list[list[float]] = [[] for _ in steps]
    for _ in range(PARSE_RUNS):
        cold_setup()
        times = parse_all()
        totals.append(sum(times))
        for k, t in enumerate(times):
            per_step[k].append(t)
    total = Stat(totals)

    cold_matrix = time_calls(zone_lib.matrix, PARSE_RUNS, setup=cold_setup)
    parse_all()  # fill the caches
    warm = {name: time_calls(fn, WARM_RUNS if name == "matrix()" else PARSE_RUNS) for name, fn in steps}
    warm_matrix = warm["matrix()"]

    rows = [
        ["import zone_lib (in this process)", "1", fmt(import_s), "", "", "first import"],
        stat_row(
            "fresh process: first parse after import (subprocess)",
            fresh,
            verdict(fresh.median, PARSE_BUDGET_S),
        ),
        ["this process: first parse after import", "1", fmt(first), "", "", verdict(first, PARSE_BUDGET_S)],
        stat_row(
            "parse all seeds: the 4 calls, caches cleared", total, verdict(total.median, PARSE_BUDGET_S)
        ),
    ]
    rows += [stat_row(f"   of which {name}", Stat(s)) for (name, _), s in zip(steps, per_step)]
    rows += [
        stat_row("matrix() cold (caches cleared)", cold_matrix),
        stat_row(
            "matrix() warm (cached)",
            warm_matrix,
            f"cold/warm {ratio(cold_matrix.median, warm_matrix.median)}",
        ),
    ]
    rows += [
        stat_row(
            f"   {name} warm (cached)",
            warm[name],
            f"{warm[name].median / statistics.median(per_step[k]):.0%} of its time in the cold run",
        )
        for k, (name, _) in enumerate(steps)
        if name != "matrix()"
    ]
    print_table(f"2. Parse all seeds after import (in-process, {PARSE_RUNS} runs)", STAT_HEADERS, rows)
    return {"total": total, "cold_matrix": cold_matrix, "warm_matrix": warm_matrix, "fresh": fresh}


# --------------------------------------------------------------------------- 3a. jieba


def cell_prose_pairs() -> list[tuple[str, str, int, int]]:
    """``(cell, milestone text, cell id, year)`` for every comparison the library makes."""
    from zone_lib.tables.matrix import analysis

    a = analysis()
    by_task = {t.task_no: t for t in a.prose.tasks}
    pairs = []
    cell_id = 0
    for row in a.table.rows:
        task = by_task.get(row.task_no)
        if task is None:
            continue
        for cell in (v for k, v in enumerate(row.fields) if k >= 2 and v):
            cell_id += 1
            for year in a.table.years:
                pairs.append((cell, task.milestone_text(year), cell_id, year))
    return pairs


def bench_jieba() -> dict[str, Stat | float | int]:
    """Character-bigram containment against jieba token-set containment, same pairs."""
    from zone_lib.tables.reconcile import MATCH
    from zone_lib.textutil import containment, fold

    init_code = (
        "import time; t = time.perf_counter(); import jieba; jieba.setLogLevel(60); "
        "jieba.initialize(); print(time.perf_counter() - t)"
    )
    init = [float(run_python(init_code)[1]) for _ in range(JIEBA_INIT_RUNS + 1)][1:]
    init_stat = Stat(init)

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()

    def tokens(text: str) -> set[str]:
        return {t for t in jieba.lcut(fold(text)) if any(ch.isalnum() for ch in t)}

    def jieba_containment(part: str, whole: str) -> float:
        a = tokens(part)
        if not a:
            return 0.0
        return len(a & tokens(whole)) / len(a)

    pairs = cell_prose_pairs()
    n_cells = len({c for _, _, c, _ in pairs})
    big_scores: list[float] = []
    jb_scores: list[float] = []

    def run_bigrams() -> None:
        big_scores[:] = [containment(c, p) for c, p, _, _ in pairs]

    def run_jieba() -> None:
        jb_scores[:] = [jieba_containment(c, p) for c, p, _, _ in pairs]

    # both start cold: zone_lib's bigram and fold caches are cleared before each run
    big = time_calls(run_bigrams, MATCH_RUNS, setup=clear_caches)
    jb = time_calls(run_jieba, MATCH_RUNS, setup=clear_caches)

    agree = sum((b >= MATCH) == (j >= MATCH) for b, j in zip(big_scores, jb_scores)) / len(pairs)
    best_big: dict[int, tuple[float, int]] = {}
    best_jb: dict[int, tuple[float, int]] = {}
    for (_, _, cid, year), b, j in zip(pairs, big_scores, jb_scores):
        best_big[cid] = max(best_big.get(cid, (-1.0, 0)), (b, -year))
        best_jb[cid] = max(best_jb.get(cid, (-1.0, 0)), (j, -year))
    same_year = sum(best_big[c][1] == best_jb[c][1] for c in best_big) / len(best_big)

    jieba_total = init_stat.median + jb.median
    print_table(
        f"3a. Cell-prose matching: character bigrams vs jieba ({len(pairs)} pairs, "
        f"{n_cells} cells x {len(pairs) // max(n_cells, 1)} years)",
        STAT_HEADERS,
        [
            stat_row("bigrams: textutil.containment", big, "what zone_lib does"),
            stat_row("jieba: token-set containment", jb, f"{ratio(jb.median, big.median)} vs bigrams"),
            stat_row("jieba: import + initialize (subprocess)", init_stat, "paid once per process"),
            [
                "jieba: import + initialize + matching",
                "",
                fmt(jieba_total),
                "",
                "",
                f"{ratio(jieba_total, big.median)} vs bigrams",
            ],
        ],
    )
    print(f"   agreement on 'found' (containment >= {MATCH}): {agree:.0%} of pairs")
    print(f"   agreement on each cell's best-matching year: {same_year:.0%} of cells")
    return {"big": big, "jieba": jb, "init": init_stat, "pairs": len(pairs), "total": jieba_total}


# --------------------------------------------------------------------------- 3b. no cache


def bench_no_cache() -> dict[str, Stat]:
    """QUERY_BATCH queries with the caches cleared before each, against cached."""
    import zone_lib

    def query() -> None:
        zone_lib.matrix()
        zone_lib.responsibilities()
        zone_lib.discrepancies()

    def uncached_batch() -> None:
        for _ in range(QUERY_BATCH):
            clear_caches()
            query()

    def cached_batch() -> None:
        for _ in range(QUERY_BATCH):
            query()

    uncached = time_calls(uncached_batch, QUERY_REPS)
    query()
    cached = time_calls(cached_batch, QUERY_REPS)
    print_table(
        f"3b. {QUERY_BATCH} queries matrix()+responsibilities()+discrepancies(), "
        f"re-parsing every time vs cached ({QUERY_REPS} repetitions of the batch)",
        STAT_HEADERS,
        [
            stat_row(f"no cache: {QUERY_BATCH} queries, caches cleared before each", uncached),
            stat_row(
                f"cached: {QUERY_BATCH} queries",
                cached,
                f"no-cache/cached {ratio(uncached.median, cached.median)}",
            ),
        ],
    )
    return {"uncached": uncached, "cached": cached}


# --------------------------------------------------------------------------- main


CORPUS_BUDGET_S = 2.0
CORPUS_RUNS = 3
CORPUS_CODE = """\
import time
import zone_lib
t0 = time.perf_counter()
zone_lib.documents(); zone_lib.matrix(); zone_lib.discrepancies(); zone_lib.table_lines()
zone_lib.tasks(); zone_lib.milestones(); zone_lib.responsibilities(None); zone_lib.units(); zone_lib.targets()
zone_lib.plan_tree(); zone_lib.plan_goals()
t1 = time.perf_counter()
import zone_lib.analysis.words
zone_lib.analysis.words.tokenizer()
t1b = time.perf_counter()
for doc in ("qtx-impl-2019", "nx-hq-2023", "nhc-5yi-2020"):
    zone_lib.crosswalk(doc, "nx-impl-2019"); zone_lib.crosswalk_summary(doc, "nx-impl-2019")
for by in ("section", "year", "document"):
    zone_lib.keywords(by=by)
t2 = time.perf_counter()
zone_lib.reported_progress(); zone_lib.copy_report(); zone_lib.find_copies()
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t3 - t0, t1b - t1)
"""


def bench_corpus(runs: int = CORPUS_RUNS) -> dict[str, Stat]:
    """Every table of the corpus (issue 3) after import, in fresh processes (one warm-up run first)."""
    names = ["tables", "jieba", "copies", "total", "dictionary"]
    parts: list[list[float]] = [[] for _ in names]
    for i in range(runs + 1):  # run 0 is the warm-up (builds the jieba index file if missing)
        _, out = run_python(CORPUS_CODE)
        if not i:
            continue
        for k, v in enumerate(out.split()):
            parts[k].append(float(v))
    stats = {name: Stat(v) for name, v in zip(names, parts)}
    print_table(
        f"4. The whole corpus after import, fresh process ({runs} runs + 1 warm-up)",
        STAT_HEADERS,
        [
            stat_row("tables: documents … plan_goals, targets, units", stats["tables"]),
            stat_row("jieba: 3 crosswalks + summaries, keywords x3 (incl. dictionary load)", stats["jieba"]),
            stat_row("   of which jieba import + dictionary (tokenizer())", stats["dictionary"]),
            stat_row("copy report, find_copies, reported_progress", stats["copies"]),
            stat_row("all of the above", stats["total"], verdict(stats["total"].median, CORPUS_BUDGET_S)),
        ],
    )
    return stats


SECTIONS = ("cold", "parse", "jieba", "nocache", "corpus")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmarks and print the tables and (for a full run) the Markdown summary.

    Args:
        argv: Command-line arguments (default ``sys.argv[1:]``): ``--only SECTION``
            (repeatable; ``parse`` needs ``cold``) and ``--corpus-runs N``.
    """
    parser = argparse.ArgumentParser(description="zone_lib start-up and parsing benchmark")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="run only this part (repeatable)")
    parser.add_argument("--corpus-runs", type=int, default=CORPUS_RUNS, help="fresh processes for part 4")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    print(
        f"zone_lib parse benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {sys.executable}"
    )
    if args.only:
        only = set(args.only)
        cold_only = bench_cold_start() if only & {"cold", "parse"} else None
        if "parse" in only and cold_only is not None:
            bench_parse(cold_only["p_parse_all"])
        if "jieba" in only:
            bench_jieba()
        if "nocache" in only:
            bench_no_cache()
        if "corpus" in only:
            bench_corpus(args.corpus_runs)
        print(f"\n(total benchmark time {time.perf_counter() - start:.1f} s)")
        return

    cold = bench_cold_start()
    parse = bench_parse(cold["p_parse_all"])
    jb = bench_jieba()
    nc = bench_no_cache()
    corpus = bench_corpus(args.corpus_runs)

    full = cold["matrix"].median
    pandas_share = cold["p_pandas"].median / cold["phases"].median
    summary = [
        (
            'Cold start `python -c "import zone_lib; zone_lib.matrix()"`',
            fmt(full),
            f"budget 1.5 s: {verdict(full, COLD_BUDGET_S)}",
        ),
        (
            '`python -c "import zone_lib"` / `python -c "import pandas"`',
            f"{fmt(cold['import'].median)} / {fmt(cold['pandas'].median)}",
            f"importing pandas is {pandas_share:.0%} of the cold start",
        ),
        (
            "Parse all seeds, first time after import in a fresh process",
            fmt(parse["fresh"].median),
            f"budget 100 ms: {verdict(parse['fresh'].median, PARSE_BUDGET_S)}",
        ),
        (
            f"Parse all seeds after import, in-process, caches cleared ({PARSE_RUNS} runs)",
            fmt(parse["total"].median),
            f"budget 100 ms: {verdict(parse['total'].median, PARSE_BUDGET_S)}",
        ),
        (
            "`matrix()` cold / warm (cached)",
            f"{fmt(parse['cold_matrix'].median)} / {fmt(parse['warm_matrix'].median)}",
            f"cold/warm {ratio(parse['cold_matrix'].median, parse['warm_matrix'].median)}",
        ),
        (
            f"Cell–prose matching, {jb['pairs']} pairs: bigrams / jieba tokens",
            f"{fmt(jb['big'].median)} / {fmt(jb['jieba'].median)}",
            f"jieba {ratio(jb['jieba'].median, jb['big'].median)} slower",
        ),
        (
            "jieba `import` + `initialize()`, once per process",
            fmt(jb["init"].median),
            f"with matching: {ratio(jb['total'], jb['big'].median)} the bigram matching",
        ),
        (
            f"{QUERY_BATCH} queries, no cache / cached",
            f"{fmt(nc['uncached'].median)} / {fmt(nc['cached'].median)}",
            f"no cache {ratio(nc['uncached'].median, nc['cached'].median)} slower",
        ),
    ]
    summary.append(
        (
            "Every table of the corpus after import (tables, crosswalks, keywords, copies, progress)",
            f"{fmt(corpus['total'].median)} (jieba part {fmt(corpus['jieba'].median)}, of which "
            f"dictionary {fmt(corpus['dictionary'].median)})",
            f"budget 2 s: {verdict(corpus['total'].median, CORPUS_BUDGET_S)}",
        )
    )
    print("\nSummary (Markdown, medians; paste into the README):\n")
    print("| measurement | figure | budget / ratio |")
    print("|---|---|---|")
    for m, f, b in summary:
        print(f"| {m} | {f} | {b} |")
    print(f"\n(total benchmark time {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
