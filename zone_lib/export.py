"""Writing every table of the corpus to a folder as CSV, Excel or Parquet.

CSV files are UTF-8 with a byte-order mark, so that Excel on a Chinese Windows
desktop opens them correctly. List-valued columns (a cell's ``items``, a unit's
``aliases``) are joined with `` | `` in CSV and Excel and kept as lists in Parquet.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from zone_lib.errors import ZoneError

Seeds = str | os.PathLike[str] | None
FORMATS = ("csv", "xlsx", "parquet")
#: Documents whose tasks are cross-walked to the regional Implementation Plan.
CROSSWALK_PAIRS = ("qtx-impl-2019", "nx-hq-2023", "nhc-5yi-2020")
LIST_SEPARATOR = " | "


def _registry() -> dict[str, Callable[[Seeds], pd.DataFrame]]:
    """Name -> function of every exported table (imports kept lazy)."""
    from zone_lib.ingest import corpus
    from zone_lib.parse import plan_sections
    from zone_lib.parse.targets import targets as target_table
    from zone_lib.tables import matrix as tables
    from zone_lib.tables import tasks as task_tables
    from zone_lib.tables import units as unit_registry

    out: dict[str, Callable[[Seeds], pd.DataFrame]] = {
        "documents": lambda s: corpus.documents(seeds=s),
        "matrix": lambda s: tables.matrix(seeds=s),
        "matrix_lines": lambda s: tables.table_lines(seeds=s),
        "discrepancies": lambda s: tables.discrepancies(seeds=s),
        "tasks": lambda s: task_tables.tasks(None, seeds=s),
        "milestones": lambda s: task_tables.milestones(None, seeds=s),
        "responsibilities": lambda s: task_tables.responsibilities(None, seeds=s),
        "plan_tree": lambda s: plan_sections.plan_tree(seeds=s),
        "plan_goals": lambda s: plan_sections.plan_goals(seeds=s),
        "targets": lambda s: target_table(seeds=s),
        "units": lambda s: unit_registry.units(seeds=s),
        "unit_links": lambda s: unit_registry.unit_links(seeds=s),
    }
    out.update(_optional_tables())
    return out


def _optional_tables() -> dict[str, Callable[[Seeds], pd.DataFrame]]:
    """Tables of modules that may not be present in every build."""
    from zone_lib.analysis.crosswalk import crosswalk, crosswalk_summary
    from zone_lib.analysis.keywords import keywords

    out: dict[str, Callable[[Seeds], pd.DataFrame]] = {}
    for source in CROSSWALK_PAIRS:
        key = source.replace("-", "_")
        out[f"crosswalk_{key}"] = lambda s, a=source: crosswalk(a, "nx-impl-2019", seeds=s)
        out[f"crosswalk_summary_{key}"] = lambda s, a=source: crosswalk_summary(a, "nx-impl-2019", seeds=s)
    from zone_lib.analysis.copies import copy_alignment, find_copies
    from zone_lib.analysis.progress import reported_progress

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


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        from tqdm import tqdm

        names = tqdm(names, desc=f"export {fmt}", unit="table")
    frames = {name: registry[name](seeds) for name in names}
    written: list[Path] = []
    if fmt == "csv":
        for name, df in frames.items():
            path = folder / f"{name}.csv"
            _atomic_write(path, lambda p, df=df: _flatten(df).to_csv(p, index=False, encoding="utf-8-sig"))
            written.append(path)
    elif fmt == "parquet":
        _require("pyarrow", "parquet")
        for name, df in frames.items():
            path = folder / f"{name}.parquet"
            _atomic_write(path, lambda p, df=df: df.to_parquet(p, index=False))
            written.append(path)
    else:
        _require("openpyxl", "xlsx")
        path = folder / "zone_tables.xlsx"

        def write_book(p: Path) -> None:
            with pd.ExcelWriter(p, engine="openpyxl") as book:
                for name, df in frames.items():
                    _flatten(df).to_excel(book, sheet_name=name[:31], index=False)

        _atomic_write(path, write_book)
        written.append(path)
    return written


def _require(module: str, fmt: str) -> None:
    try:
        __import__(module)
    except ImportError as exc:
        raise ZoneError(
            f"writing {fmt} needs the {module} package; install it with `pip install {module}`"
        ) from exc
