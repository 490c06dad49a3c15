"""Benchmark ``zone render`` against the naive papermill + nbconvert shell loop.

Run it from the repository root, in one invocation (about 5 minutes on 2 cores)::

    .venv/bin/python benchmarks/bench_render.py            # the full suite, both ways
    .venv/bin/python benchmarks/bench_render.py --naive 5  # time 5 naive briefings, extrapolate
    .venv/bin/python benchmarks/bench_render.py --env /tmp/lean --naive 5  # another environment

``--compare COMMIT`` times ``zone render --jobs 1`` on the full suite for this tree and for a
previous commit, in the same run: the commit is checked out with ``git worktree add`` into a
temporary folder and run with ``PYTHONPATH`` pointing there (its own library and notebooks),
the two alternated ``--rounds`` times (median), and prints both figures and the ratio::

    .venv/bin/python benchmarks/bench_render.py --compare 8e64171 --rounds 3 --only-compare

``--env DIR`` runs both ways with the ``zone``, ``papermill`` and ``jupyter`` commands of
another virtual environment, e.g. one without JupyterLab (which brings ``rfc3987-syntax``
and makes every ``import jsonschema`` about 1 s slower), to compare environments.

The suite is what ``zone render --all`` renders minus the data-quality check: the
overview, the 4 years, every responsible unit of ``nx-impl-2019`` and the 8 sections
(34 briefings). Both ways run here, in the same run, on the same machine:

* **ours**: ``zone render`` as a user runs it (a subprocess: interpreter start,
  imports, two warm worker processes, papermill with the in-process engine, nbconvert's
  ``basic`` template, one shared plotly.js), into an empty folder, ``--force``; then a
  second run into the same folder, which must skip every briefing (the incremental
  case); and a ``--jobs 1`` run, to separate what parallelism brings.
* **naive**: for each briefing, sequentially, ``papermill NB out.ipynb -p k v`` then
  ``jupyter nbconvert --to html out.ipynb`` (two interpreters and a kernel per briefing;
  the notebooks' default renderer, so figures are present, with plotly.js inlined).

It prints the wall times, the ratio, per-briefing sizes (largest, median) and the total
size of each output folder, and checks the budgets: ≥ 8× faster than the naive loop,
every briefing under 400 KB, the suite with plotly.js under 12 MB. It ends with a
Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from zone_lib.render import suite  # noqa: E402

KINDS = ("overview", "year", "unit", "platform")
"""The briefings every version of ``zone render`` has (later analysis pages and the tour are left
out, so that a previous commit renders the same suite)."""


def _suite() -> list[suite.Briefing]:
    return [b for b in suite.full_suite(include_check=False) if b.kind in KINDS]


def _use_env(folder: str) -> None:
    global BIN
    BIN = Path(folder) / ("Scripts" if os.name == "nt" else "bin")


def _cli_args(briefings: list[suite.Briefing]) -> list[str]:
    args: list[str] = []
    for b in briefings:
        if b.kind == "overview":
            args.append("--overview")
        else:
            ((key, value),) = b.parameters.items()
            args += [f"--{key}", str(value)]
    return args


def _size(folder: Path, pattern: str = "**/*") -> int:
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file())


def _run(cmd: list[str], **kw) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0


def ours(briefings, out: Path, jobs: int | None = None, force: bool = True) -> float:
    cmd = [str(BIN / "zone"), "render", *_cli_args(briefings), "--out", str(out), "--no-progress"]
    if force:
        cmd.append("--force")
    if jobs:
        cmd += ["--jobs", str(jobs)]
    return _run(cmd)


def cli_render(briefings, out: Path, tree: Path, jobs: int = 1) -> float:
    """``python -m zone_lib.cli render`` of the library in ``tree`` (a checkout), ``--force``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("ZONE_SEEDS", None)
    cmd = [str(BIN / "python"), "-m", "zone_lib.cli", "render", *_cli_args(briefings), "--out", str(out)]
    cmd += ["--no-progress", "--force", "--jobs", str(jobs)]
    return _run(cmd, cwd=tree, env=env)


def compare(briefings, commit: str, rounds: int, work: Path) -> dict:
    """Time ``--jobs 1`` renders of this tree and of ``commit`` alternately; medians and sizes."""
    old_tree = work / "previous"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old_tree), commit],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        label = subprocess.run(
            ["git", "-C", str(old_tree), "log", "-1", "--format=%h %s"], capture_output=True, text=True
        ).stdout.strip()
        times: dict[str, list[float]] = {"previous": [], "now": []}
        cli_render(briefings[:2], work / "warm-prev", old_tree)  # OS file cache, jieba's cache
        cli_render(briefings[:2], work / "warm-now", ROOT)
        for _ in range(rounds):
            times["previous"].append(cli_render(briefings, work / "previous-out", old_tree))
            times["now"].append(cli_render(briefings, work / "now-out", ROOT))
        sizes = {}
        for key, folder in (("previous", work / "previous-out"), ("now", work / "now-out")):
            pages = [p.stat().st_size for p in folder.glob("*.html") if p.name != "index.html"]
            total = _size(folder) - _size(folder, ".zone-render.json")
            sizes[key] = (max(pages), statistics.median(pages), total)
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return {"label": label, "times": times, "sizes": sizes}


def print_compare(result: dict, n: int) -> None:
    prev = statistics.median(result["times"]["previous"])
    now = statistics.median(result["times"]["now"])
    print()
    print(f"previous: {result['label']}")
    for key, t in (("previous", prev), ("now", now)):
        big, med, total = result["sizes"][key]
        runs = ", ".join(f"{x:.1f}" for x in result["times"][key])
        print(
            f"{key:8s} zone render --jobs 1, {n} briefings: {t:6.1f} s "
            f"({t / n:.2f} s per briefing; runs {runs});"
            f" largest page {big / 1e3:.0f} KB, median {med / 1e3:.0f} KB, site {total / 1e6:.1f} MB"
        )
    ratio = prev / now
    print(f"ratio    previous / now: {ratio:.2f}x (target >= 2x: {'met' if ratio >= 2 else 'NOT met'})")
    print()
    print("| `zone render --jobs 1`, full suite, same run | wall time | per briefing | largest page | site |")
    print("|---|---|---|---|---|")
    for key, t in (("previous", prev), ("now", now)):
        big, _, total = result["sizes"][key]
        name = result["label"].split()[0] if key == "previous" else "this tree"
        print(f"| {name} | {t:.1f} s | {t / n:.2f} s | {big / 1e3:.0f} KB | {total / 1e6:.1f} MB |")
    print(f"| **ratio** | **{ratio:.2f}×** | | | |")


def naive(briefings, out: Path) -> tuple[float, list[float]]:
    out.mkdir(parents=True, exist_ok=True)
    per = []
    t0 = time.perf_counter()
    for b in briefings:
        t = time.perf_counter()
        executed = out / f"{b.stem}.ipynb"
        cmd = [
            str(BIN / "papermill"),
            str(ROOT / "notebooks" / b.notebook),
            str(executed),
            "--no-progress-bar",
        ]
        for k, v in b.parameters.items():
            cmd += ["-p", k, str(v)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed), "--output-dir", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        executed.unlink()
        per.append(time.perf_counter() - t)
    return time.perf_counter() - t0, per


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--naive", type=int, default=0, help="time only N naive briefings and extrapolate (0: all)"
    )
    ap.add_argument("--env", help="a virtual environment whose zone/papermill/jupyter commands to time")
    ap.add_argument("--compare", metavar="COMMIT", help="also time --jobs 1 against this previous commit")
    ap.add_argument("--rounds", type=int, default=3, help="alternated runs per tree with --compare (median)")
    ap.add_argument("--only-compare", action="store_true", help="with --compare: skip the naive loop")
    args = ap.parse_args(argv)
    if args.env:
        _use_env(args.env)
    probe = subprocess.run([str(BIN / "python"), "-c", "import jupyterlab"], capture_output=True)
    lab = probe.returncode == 0
    print(f"environment: {BIN.parent} ({'with' if lab else 'without'} JupyterLab)")
    briefings = _suite()
    n = len(briefings)
    kinds = {k: sum(b.kind == k for b in briefings) for k in ("year", "unit", "platform")}
    print(
        f"suite: {n} briefings (overview, {kinds['year']} years, {kinds['unit']} units, "
        f"{kinds['platform']} sections); {os.cpu_count()} cores"
    )
    work = Path(tempfile.mkdtemp(prefix="zone-bench-render-"))
    if args.compare:
        try:
            print_compare(compare(briefings, args.compare, args.rounds, work / "compare"), n)
        finally:
            if args.only_compare:
                shutil.rmtree(work, ignore_errors=True)
        if args.only_compare:
            return 0
    try:
        # warm the OS file cache and jieba's dictionary cache (not counted)
        ours(briefings[:2], work / "warm")
        t_ours = ours(briefings, work / "ours")
        t_rerun = ours(briefings, work / "ours", force=False)
        t_one = ours(briefings, work / "ours-1", jobs=1)
        pages = sorted((work / "ours").glob("*.html"))
        sizes = [p.stat().st_size for p in pages if p.name != "index.html"]
        total = _size(work / "ours") - _size(work / "ours", ".zone-render.json")

        sample = briefings if not args.naive else briefings[: args.naive]
        t_naive, per = naive(sample, work / "naive")
        naive_sizes = [p.stat().st_size for p in (work / "naive").glob("*.html")]
        if len(sample) < n:
            t_naive_full = statistics.mean(per) * n
            note = f" (extrapolated from {len(sample)} briefings, {statistics.mean(per):.2f} s each)"
        else:
            t_naive_full, note = t_naive, ""
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ratio = t_naive_full / t_ours
    print()
    print(
        f"ours   zone render, {n} briefings, 2 workers : {t_ours:7.1f} s  ({t_ours / n:.2f} s per briefing)"
    )
    print(f"ours   same, --jobs 1                      : {t_one:7.1f} s  ({t_one / n:.2f} s per briefing)")
    print(f"ours   rerun, nothing changed (all skipped): {t_rerun:7.1f} s")
    print(
        f"naive  papermill + nbconvert per briefing  : {t_naive_full:7.1f} s  "
        f"({statistics.mean(per):.2f} s per briefing){note}"
    )
    print(
        f"ratio  naive / ours                        : {ratio:7.1f}x  (target >= 8x: "
        f"{'met' if ratio >= 8 else 'NOT met'})"
    )
    print()
    print(
        f"sizes  ours : largest briefing {max(sizes) / 1e3:.0f} KB, "
        f"median {statistics.median(sizes) / 1e3:.0f} KB "
        f"(budget 400 KB: {'met' if max(sizes) < 400_000 else 'NOT met'}); whole site incl. plotly.js "
        f"{total / 1e6:.1f} MB (budget 12 MB: {'met' if total < 12e6 else 'NOT met'})"
    )
    print(
        f"sizes  naive: largest {max(naive_sizes) / 1e6:.1f} MB, "
        f"median {statistics.median(naive_sizes) / 1e6:.1f} MB,"
        f" {len(naive_sizes)} files {sum(naive_sizes) / 1e6:.0f} MB"
    )
    print()
    print(
        f"| render of the full suite ({n} briefings), 2 cores | wall time | per briefing | largest file | "
        "all files |"
    )
    print("|---|---|---|---|---|")
    print(
        f"| naive loop: `papermill` then `jupyter nbconvert --to html`, sequential{note} | "
        f"{t_naive_full:.0f} s | "
        f"{statistics.mean(per):.1f} s | {max(naive_sizes) / 1e6:.1f} MB | "
        f"{statistics.mean(naive_sizes) * n / 1e6:.0f} MB |"
    )
    print(
        f"| `zone render --all` (2 warm workers, in-process engine) | {t_ours:.1f} s | {t_ours / n:.2f} s | "
        f"{max(sizes) / 1e3:.0f} KB | {total / 1e6:.1f} MB incl. one plotly.js |"
    )
    print(f"| `zone render --all --jobs 1` | {t_one:.1f} s | {t_one / n:.2f} s | | |")
    print(f"| rerun with nothing changed (every briefing skipped) | {t_rerun:.1f} s | | | |")
    print(f"| **ratio naive / ours** | **{ratio:.1f}×** | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
