"""The ``zone`` command line.

``zone summary`` is the main job for now: it extracts every table, prints what it
found and writes the tables as CSV. The other commands print one table each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import zone_lib
from zone_lib import __version__
from zone_lib.errors import ZoneError
from zone_lib.export import export
from zone_lib.ingest.seeds import seeds_dir
from zone_lib.quality.findings import format_report, quality_findings

_TABLES = {
    "documents": ("documents", "one row per document of the corpus (文件)"),
    "matrix": ("matrix", "the annual task matrix (年度主要任务), one row per cell"),
    "units": ("responsibilities", "lead and cooperating units per task (牵头/配合单位)"),
    "discrepancies": ("discrepancies", "where the annex table and the prose disagree (表文不一致)"),
    "lines": ("table_lines", "how every line of the annex table region was read"),
}


def _table(name: str, seeds: str | None) -> pd.DataFrame:
    func = getattr(zone_lib, _TABLES[name][0])
    return func(seeds=seeds)


def _write(df: pd.DataFrame, fmt: str, out: str | None) -> None:
    if fmt == "csv":
        text = df.to_csv(index=False)
    elif fmt == "json":
        text = df.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    else:
        with pd.option_context("display.max_rows", None, "display.max_colwidth", 60, "display.width", 200):
            text = df.to_string(index=False) + "\n"
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        # UTF-8 with BOM so that Excel on a Chinese Windows desktop opens CSV correctly
        Path(out).write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    else:
        sys.stdout.write(text)


def summary(seeds: str | None, out: str | None) -> str:
    """Extract every table, write them as CSV into ``out`` and return a printable summary."""
    docs = zone_lib.documents(seeds=seeds)
    m = zone_lib.matrix(seeds=seeds)
    units = zone_lib.responsibilities(seeds=seeds)
    disc = zone_lib.discrepancies(seeds=seeds)
    lines = zone_lib.table_lines(seeds=seeds)
    problems = lines[lines.problem]
    parts = [
        f"zone_lib {__version__}: {len(docs)} documents in {docs.seed_file.nunique()} seed files",
        "",
        "Documents (文件):",
        docs[["doc_id", "doc_number", "date", "first_line", "last_line"]].to_string(index=False),
        "",
        f"Annual task matrix (年度主要任务) of nx-impl-2019: {m.task_no.nunique()} tasks, {len(m)} cells, "
        f"{m.section_no.nunique()} sections",
        "Cells per year: " + ", ".join(f"{y}: {n}" for y, n in m.groupby("year").size().items()),
        f"Cells placed by the prose against their column: {(m.year_basis == 'prose').sum()}",
        f"Table region: {len(lines)} lines read, {len(problems)} reported",
        "",
        f"Units (责任单位): {units.unit.nunique()} distinct units, {len(units)} task-unit links "
        f"({(units.role == 'lead').sum()} lead, {(units.role == 'coop').sum()} cooperating)",
        "",
        f"Discrepancies between table and prose (表文不一致): {len(disc)}",
    ]
    parts += [
        f"  task {r.task_no:>2} {'' if pd.isna(r.year) else r.year} {r.kind}: {r.detail}"
        for r in disc.itertuples()
    ]
    if out:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for name, df in [
            ("documents", docs),
            ("matrix", m),
            ("responsibilities", units),
            ("discrepancies", disc),
            ("table_lines", lines),
        ]:
            _write(df, "csv", str(folder / f"{name}.csv"))
        parts += ["", f"Tables written as CSV (UTF-8 with BOM) to {folder}/"]
    return "\n".join(parts) + "\n"


def _add_render_parser(sub) -> None:
    p = sub.add_parser(
        "render",
        help="render the notebooks as an offline HTML briefing site (简报) with an index.html",
        description="Execute the briefing notebooks with papermill and export them as offline HTML "
        "(input hidden, one shared plotly.js, no network needed), with outputs/index.html listing "
        "every briefing and its status. Unchanged briefings are skipped unless --force.",
        epilog="Examples: zone render --all; zone render --year 2021; "
        "zone render --unit 自治区医保局 --platform 互联网医疗平台 --out outputs/. "
        "Exit status: 0 all rendered, 1 some briefing failed (see index.html and failed/), 2 usage error.",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="the full suite: overview, every year, unit, section, the analyses, check, tour",
    )
    p.add_argument("--overview", action="store_true", help="the overview briefing (总览)")
    p.add_argument("--check", action="store_true", help="the data-quality briefing (数据质量)")
    p.add_argument(
        "--analysis",
        action="store_true",
        help="the analysis briefings (分析): every crosswalk, keywords, reported progress, the scraped copy",
    )
    p.add_argument(
        "--crosswalk",
        action="append",
        default=[],
        metavar="DOC",
        help="a crosswalk briefing (任务对应) of one document against the regional plan, by document id "
        "(e.g. qtx-impl-2019) or number, repeatable",
    )
    p.add_argument("--tour", action="store_true", help="the teaching tour (导览)")
    p.add_argument(
        "--year", action="append", default=[], metavar="YEAR", help="a year briefing (年度), repeatable"
    )
    p.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="UNIT",
        help="a unit briefing (单位), by name or alias, repeatable",
    )
    p.add_argument(
        "--platform",
        action="append",
        default=[],
        metavar="SECTION",
        help="a section/platform briefing (平台), by number 1-8 or name, repeatable",
    )
    p.add_argument("--out", default="outputs", metavar="DIR", help="output folder (default: outputs)")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: number of cores)",
    )
    p.add_argument("--force", action="store_true", help="render even briefings whose inputs are unchanged")
    p.add_argument(
        "--engine",
        choices=["inprocess", "kernel"],
        default="inprocess",
        help="inprocess: fast, notebooks run in warm worker processes (default); "
        "kernel: a Jupyter kernel per briefing",
    )
    p.add_argument(
        "--cell-timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="seconds a cell may run (default 120)",
    )
    p.add_argument(
        "--notebook-timeout",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="seconds a briefing may run (default 600)",
    )
    p.add_argument(
        "--notebooks", metavar="DIR", help="folder of the briefing notebooks (default: the packaged ones)"
    )
    p.add_argument(
        "--keep-notebooks", action="store_true", help="keep every executed notebook in OUT/notebooks/"
    )
    _add_seeds(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _render(args: argparse.Namespace) -> int:
    from zone_lib.render import suite  # heavy: papermill, nbconvert and plotly, only for zone render

    chosen: list = []
    if args.all:
        chosen += suite.full_suite(notebooks=suite.notebooks_dir(args.notebooks))
    if args.overview:
        chosen.append(suite.overview())
    chosen += [suite.year(v) for v in args.year]
    chosen += [suite.unit(v) for v in args.unit]
    chosen += [suite.platform(v) for v in args.platform]
    if args.analysis:
        chosen += suite.analyses(suite.notebooks_dir(args.notebooks))
    chosen += [suite.crosswalk(v) for v in args.crosswalk]
    if args.check:
        chosen.append(suite.check())
    if args.tour:
        chosen.append(suite.tour())
    if not chosen:
        print(
            "zone render: nothing to render; use --all, or --overview/--year/--unit/--platform/--analysis/"
            "--crosswalk/--check/--tour "
            "(see zone render --help)",
            file=sys.stderr,
        )
        return 2
    try:
        report = _run_render(args, suite.deduplicate(chosen))
    except KeyboardInterrupt:
        print(
            "zone render: interrupted; finished briefings are kept and recorded, no page is half-written. "
            "Run the same command again to render the rest.",
            file=sys.stderr,
        )
        return 130
    print(report.summary())
    return 1 if report.failed else 0


def _run_render(args: argparse.Namespace, chosen: list):
    from zone_lib.render.pages import render  # heavy: papermill, nbconvert and plotly, only for zone render

    return render(
        chosen,
        args.out,
        jobs=args.jobs,
        force=args.force,
        seeds=args.seeds,
        notebooks=args.notebooks,
        engine=args.engine,
        cell_timeout=args.cell_timeout,
        notebook_timeout=args.notebook_timeout,
        keep_notebooks=args.keep_notebooks,
        progress=False if args.no_progress else None,
    )


def check(args: argparse.Namespace) -> int:
    """Run ``zone check``: print or write the data-quality findings; returns the exit status.

    The status is 1 with ``--strict`` when there is an error-severity finding, else 0.
    """
    findings = quality_findings(seeds=args.seeds)
    if args.format == "text":
        report = format_report(findings, limit=args.limit)
        if args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(report, encoding="utf-8")
        else:
            sys.stdout.write(report)
    else:
        _write(findings, args.format, args.out)
    return 1 if args.strict and (findings["severity"] == "error").any() else 0


SEEDS_HELP = "folder of seed .txt files (default: $ZONE_SEEDS, else the packaged seeds)"


def _add_seeds(p: argparse.ArgumentParser) -> None:
    """``--seeds`` after the command too (``zone matrix --seeds DIR`` = ``zone --seeds DIR matrix``)."""
    p.add_argument("--seeds", default=argparse.SUPPRESS, metavar="DIR", help=SEEDS_HELP)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``zone``."""
    parser = argparse.ArgumentParser(
        prog="zone",
        description="Tidy tables from Ningxia's 互联网+医疗健康 (Internet Plus Healthcare) "
        "demonstration-zone documents.",
        epilog="Seeds are read from --seeds, else $ZONE_SEEDS, else the packaged seeds/.",
    )
    parser.add_argument("--version", action="version", version=f"zone_lib {__version__}")
    parser.add_argument("--seeds", metavar="DIR", help=SEEDS_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    p = sub.add_parser(
        "export",
        help="write every table to a folder (CSV as UTF-8 with BOM, an Excel workbook, or Parquet)",
    )
    p.add_argument("--format", choices=["csv", "xlsx", "parquet"], default="csv", help="file format")
    p.add_argument("--out", default="outputs/tables", help="folder to write (default: outputs/tables)")
    _add_seeds(p)
    p = sub.add_parser("summary", help="extract every table, print a summary, write CSVs")
    p.add_argument("--out", default="outputs", help="folder for the CSV tables (default: outputs)")
    _add_seeds(p)
    _add_render_parser(sub)
    p = sub.add_parser(
        "check",
        help="data-quality report (数据质量检查): unread table lines, table vs prose, unknown units, "
        "text damage (Latin words, stray punctuation, broken words)",
        description="Report every data-quality finding (数据质量检查) with its seed-file line: "
        "table lines (表格行), table vs prose (表文不一致), unknown units (未登记单位), "
        "Latin words in Chinese text (中文句中的英文词), stray leading punctuation (行首标点), "
        "words broken by page breaks (断行拆词).",
    )
    _add_seeds(p)
    p.add_argument("--limit", type=int, default=10, help="findings shown per check (0: all; default 10)")
    p.add_argument("--format", choices=["text", "csv", "json"], default="text", help="output format")
    p.add_argument("--out", help="write to this file instead of the terminal")
    p.add_argument("--strict", action="store_true", help="exit 1 when there is an error (错误) finding")
    for name, (_, about) in _TABLES.items():
        p = sub.add_parser(name, help=f"print {about}")
        p.add_argument("--format", choices=["text", "csv", "json"], default="text", help="output format")
        p.add_argument("--out", help="write to this file instead of the terminal")
        _add_seeds(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``zone`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.seeds is not None:
            seeds_dir(args.seeds)  # a wrong folder is reported once, before any work
        if args.command == "render":
            return _render(args)
        if args.command == "summary":
            sys.stdout.write(summary(args.seeds, args.out))
        elif args.command == "export":
            files = export(args.out, args.format, seeds=args.seeds, progress=sys.stderr.isatty())
            print(f"wrote {len(files)} file(s) to {args.out}/: " + ", ".join(f.name for f in files))
        elif args.command == "check":
            return check(args)
        else:
            _write(_table(args.command, args.seeds), args.format, args.out)
    except ZoneError as exc:
        print(f"zone: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
