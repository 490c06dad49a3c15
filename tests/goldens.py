"""Whole-table goldens on the seeds: what they hold and how they are (re)made.

Every public table of the corpus is kept under ``tests/expected/tables/`` as CSV, and the
sha256 of every page and asset ``zone render --all`` writes under
``tests/expected/render_sha256.txt``. ``tests/test_goldens.py`` compares the library with
them; a behaviour change shows as a diff of these files, which is how it is reviewed.

Regenerate (after a deliberate change, and say why in the commit)::

    .venv/bin/python tests/goldens.py            # tables and render hashes
    .venv/bin/python tests/goldens.py --tables   # tables only (seconds)
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "expected"
TABLES_DIR = EXPECTED / "tables"
RENDER_HASHES = EXPECTED / "render_sha256.txt"
#: Written by ``zone render`` but not compared: it hashes the library's own source.
RENDER_IGNORED = {".zone-render.json"}
LIST_SEPARATOR = " | "


def table_registry() -> dict[str, Callable[[], pd.DataFrame]]:
    """Name -> function of every golden table, on the packaged seeds."""
    import zone_lib as z

    out: dict[str, Callable[[], pd.DataFrame]] = {
        "documents": lambda: z.documents(),
        "matrix": lambda: z.matrix(),
        "table_lines": lambda: z.table_lines(),
        "discrepancies": lambda: z.discrepancies(),
        "tasks": lambda: z.tasks(None),
        "milestones": lambda: z.milestones(None),
        "responsibilities": lambda: z.responsibilities(None),
        "plan_tree": lambda: z.plan_tree(),
        "plan_goals": lambda: z.plan_goals(),
        "targets": lambda: z.targets(),
        "units": lambda: z.units(),
        "unit_links": lambda: z.unit_links(),
        "reported_progress": lambda: z.reported_progress(),
        "copies": lambda: z.find_copies(),
        "copy_alignment": lambda: z.copy_alignment(),
        "line_accounting": lambda: z.line_accounting(),
        "quality_findings": lambda: z.quality_findings(),
    }
    for by in ("section", "year", "document"):
        out[f"keywords_by_{by}"] = lambda by=by: z.keywords(by=by)
    for source in ("qtx-impl-2019", "nx-hq-2023", "nhc-5yi-2020"):
        key = source.replace("-", "_")
        out[f"crosswalk_{key}"] = lambda a=source: z.crosswalk(a, "nx-impl-2019")
        out[f"crosswalk_summary_{key}"] = lambda a=source: z.crosswalk_summary(a, "nx-impl-2019")
    return out


def to_csv_text(df: pd.DataFrame) -> str:
    """The golden CSV text of a table: lists joined with `` | ``, floats as repr."""
    df = df.copy()
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, list | tuple)).any():
            df[col] = df[col].map(
                lambda v: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    return df.to_csv(index=False, lineterminator="\n")


def read_csv_text(text: str) -> pd.DataFrame:
    """A golden CSV read back as strings (no type guessing, empty stays empty)."""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def render_hashes(out: Path) -> dict[str, str]:
    """sha256 of every file under a rendered site, by relative path."""
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in RENDER_IGNORED
    }


def render_site(out: Path) -> None:
    """``zone render --all`` into ``out`` with this interpreter."""
    subprocess.run(
        [sys.executable, "-m", "zone_lib.cli", "render", "--all", "--out", str(out), "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def format_hashes(hashes: dict[str, str]) -> str:
    """The hash file: ``sha256  path`` per line, as ``sha256sum`` prints."""
    return "".join(f"{h}  {p}\n" for p, h in hashes.items())


def parse_hashes(text: str) -> dict[str, str]:
    """Read a hash file written by :func:`format_hashes`."""
    out = {}
    for line in text.splitlines():
        h, _, p = line.partition("  ")
        out[p] = h
    return out


def main(argv: list[str] | None = None) -> int:
    """Regenerate the goldens."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tables", action="store_true", help="only the tables (skip zone render)")
    args = ap.parse_args(argv)
    TABLES_DIR.mkdir(parents=True, exist_ok=True)
    names = table_registry()
    for old in TABLES_DIR.glob("*.csv"):
        if old.stem not in names:
            old.unlink()
    for name, fn in names.items():
        (TABLES_DIR / f"{name}.csv").write_text(to_csv_text(fn()), encoding="utf-8")
        print(f"wrote tests/expected/tables/{name}.csv")
    if not args.tables:
        with tempfile.TemporaryDirectory() as tmp:
            render_site(Path(tmp))
            RENDER_HASHES.write_text(format_hashes(render_hashes(Path(tmp))), encoding="utf-8")
        print(f"wrote {RENDER_HASHES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
