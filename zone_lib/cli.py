"""The ``zone`` command line.

``zone summary`` is the main job for now: it extracts every table, prints what it
found and writes the tables as CSV. The other commands print one table each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from . import __version__
from .errors import ZoneError

_TABLES = {
    "documents": ("documents", "one row per document of the corpus (文件)"),
    "matrix": ("matrix", "the annual task matrix (年度主要任务), one row per cell"),
    "units": ("responsibilities", "lead and cooperating units per task (牵头/配合单位)"),
    "discrepancies": ("discrepancies", "where the annex table and the prose disagree (表文不一致)"),
    "lines": ("table_lines", "how every line of the annex table region was read"),
}


def _table(name: str, seeds: str | None) -> pd.DataFrame:
    import zone_lib

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
    import zone_lib

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``zone``."""
    parser = argparse.ArgumentParser(
        prog="zone",
        description="Tidy tables from Ningxia's 互联网+医疗健康 (Internet Plus Healthcare) "
        "demonstration-zone documents.",
        epilog="Seeds are read from --seeds, else $ZONE_SEEDS, else the packaged seeds/.",
    )
    parser.add_argument("--version", action="version", version=f"zone_lib {__version__}")
    parser.add_argument("--seeds", help="folder of seed .txt files (default: $ZONE_SEEDS or packaged)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    p = sub.add_parser(
        "export",
        help="write every table to a folder (CSV as UTF-8 with BOM, an Excel workbook, or Parquet)",
    )
    p.add_argument("--format", choices=["csv", "xlsx", "parquet"], default="csv", help="file format")
    p.add_argument("--out", default="outputs/tables", help="folder to write (default: outputs/tables)")
    p = sub.add_parser("summary", help="extract every table, print a summary, write CSVs")
    p.add_argument("--out", default="outputs", help="folder for the CSV tables (default: outputs)")
    for name, (_, about) in _TABLES.items():
        p = sub.add_parser(name, help=f"print {about}")
        p.add_argument("--format", choices=["text", "csv", "json"], default="text", help="output format")
        p.add_argument("--out", help="write to this file instead of the terminal")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``zone`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "summary":
            sys.stdout.write(summary(args.seeds, args.out))
        elif args.command == "export":
            from .export import export

            files = export(args.out, args.format, seeds=args.seeds, progress=sys.stderr.isatty())
            print(f"wrote {len(files)} file(s) to {args.out}/: " + ", ".join(f.name for f in files))
        else:
            _write(_table(args.command, args.seeds), args.format, args.out)
    except ZoneError as exc:
        print(f"zone: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
