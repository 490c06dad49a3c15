"""Writing every table of the corpus to a folder as CSV, Excel or Parquet.

CSV files are UTF-8 with a byte-order mark, so that Excel on a Chinese Windows
desktop opens them correctly. List-valued columns (a cell's ``items``, a unit's
``aliases``) are joined with `` | `` in CSV and Excel and kept as lists in Parquet.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from zone_lib.analysis.copies import copy_alignment, find_copies
from zone_lib.analysis.crosswalk import crosswalk, crosswalk_summary
from zone_lib.analysis.keywords import keywords
from zone_lib.analysis.progress import reported_progress
from zone_lib.errors import ZoneError
from zone_lib.files import atomic_write
from zone_lib.ingest.corpus import Seeds
from zone_lib.ingest.seeds import corpus_facts
from zone_lib.tables.documents import documents
from zone_lib.tables.matrix import discrepancies, matrix, table_lines
from zone_lib.tables.plans import plan_goals, plan_tree
from zone_lib.tables.targets import targets
from zone_lib.tables.tasks import milestones, responsibilities, tasks
from zone_lib.tables.units import unit_links, units

FORMATS = ("csv", "xlsx", "parquet")
#: Documents whose tasks are cross-walked to the regional Implementation Plan (``data/corpus_facts.json``).
CROSSWALK_PAIRS: tuple[str, ...] = tuple(corpus_facts()["crosswalk"]["from"])
LIST_SEPARATOR = " | "


def _registry() -> dict[str, Callable[[Seeds], pd.DataFrame]]:
    """Name -> function of every exported table."""
    out: dict[str, Callable[[Seeds], pd.DataFrame]] = {
        "documents": lambda s: documents(seeds=s),
        "matrix": lambda s: matrix(seeds=s),
        "matrix_lines": lambda s: table_lines(seeds=s),
        "discrepancies": lambda s: discrepancies(seeds=s),
        "tasks": lambda s: tasks(None, seeds=s),
        "milestones": lambda s: milestones(None, seeds=s),
        "responsibilities": lambda s: responsibilities(None, seeds=s),
        "plan_tree": lambda s: plan_tree(seeds=s),
        "plan_goals": lambda s: plan_goals(seeds=s),
        "targets": lambda s: targets(seeds=s),
        "units": lambda s: units(seeds=s),
        "unit_links": lambda s: unit_links(seeds=s),
    }
    to_doc = corpus_facts()["crosswalk"]["to"]
    for source in CROSSWALK_PAIRS:
        key = source.replace("-", "_")
        out[f"crosswalk_{key}"] = lambda s, a=source: crosswalk(a, to_doc, seeds=s)
        out[f"crosswalk_summary_{key}"] = lambda s, a=source: crosswalk_summary(a, to_doc, seeds=s)
    out["reported_progress"] = lambda s: reported_progress(seeds=s)
    out["copy_alignment"] = lambda s: copy_alignment(seeds=s)
    out["copies"] = lambda s: find_copies(seeds=s)
    for by in ("section", "year", "document"):
        out[f"keywords_by_{by}"] = lambda s, by=by: keywords(by=by, seeds=s)
    return out


def table_names() -> list[str]:
    """Names of the tables :func:`export` writes, in order."""
    return list(_registry())


def _flatten(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, list | tuple)).any():
            df[col] = df[col].map(
                lambda v: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    return df


def export(
    out: str | os.PathLike[str], fmt: str = "csv", seeds: Seeds = None, progress: bool = False
) -> list[Path]:
    """Write every table to ``out``.

    Args:
        out: Folder to write into (created if missing).
        fmt: ``csv`` (UTF-8 with BOM), ``xlsx`` (one workbook, a sheet per table) or
            ``parquet`` (a file per table).
        seeds: The seeds folder; by default ``ZONE_SEEDS`` or the packaged seeds.
        progress: Show a progress bar on standard error.

    Returns:
        The files written. Each is written to a temporary file first and then
        renamed, so an interrupted export leaves no half-written file.

    Raises:
        ZoneError: For an unknown format or a missing optional writer package.
    """
    if fmt not in FORMATS:
        raise ZoneError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    registry = _registry()
    names = list(registry)
    if progress:
        from tqdm import tqdm  # heavy: optional progress bar, imported only when asked for

        names = tqdm(names, desc=f"export {fmt}", unit="table")
    frames = {name: registry[name](seeds) for name in names}
    written: list[Path] = []
    if fmt == "csv":
        for name, df in frames.items():
            path = folder / f"{name}.csv"
            atomic_write(path, lambda p, df=df: _flatten(df).to_csv(p, index=False, encoding="utf-8-sig"))
            written.append(path)
    elif fmt == "parquet":
        _require("pyarrow", "parquet")
        for name, df in frames.items():
            path = folder / f"{name}.parquet"
            atomic_write(path, lambda p, df=df: df.to_parquet(p, index=False))
            written.append(path)
    else:
        _require("openpyxl", "xlsx")
        path = folder / "zone_tables.xlsx"

        def write_book(p: Path) -> None:
            with pd.ExcelWriter(p, engine="openpyxl") as book:
                for name, df in frames.items():
                    _flatten(df).to_excel(book, sheet_name=name[:31], index=False)

        atomic_write(path, write_book)
        written.append(path)
    return written


def _require(module: str, fmt: str) -> None:
    try:
        __import__(module)
    except ImportError as exc:
        raise ZoneError(
            f"writing {fmt} needs the {module} package; install it with `pip install {module}`"
        ) from exc
