"""A re-broken or re-encoded copy of the annual task table gives the same matrix.

Each test copies the seeds into a temporary folder, damages the seed holding
the table in one way (line ends, encoding, page breaks, rows broken over lines,
shifted cells, blank lines, full-width punctuation) and reads the matrix from
the copy. Line numbers may shift; everything else must stay as it was, every
cell must still point at a line of the damaged file that holds it, and no line
of the table may go unrecognised.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import zone_lib
from tests import damage
from tests.conftest import GAZETTE, SEEDS

LINE_COLUMNS = ["source_line", "prose_line"]
TEXT_COLUMNS = ["text", "items"]
YEAR_COLUMNS = ["task_no", "year", "year_column", "year_basis"]


@pytest.fixture(scope="module")
def original() -> pd.DataFrame:
    return zone_lib.matrix()


@pytest.fixture(scope="module")
def seed() -> list[str]:
    return damage.read_seed((SEEDS / GAZETTE).read_bytes())


def write_copy(folder: Path, data: bytes) -> Path:
    """A copy of the seeds folder (manifest included) with the table's seed replaced by ``data``."""
    dest = folder / "seeds"
    shutil.copytree(SEEDS, dest)
    (dest / GAZETTE).write_bytes(data)
    return dest


def collapse(text: str) -> str:
    return " ".join(text.split())


def without(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return df.drop(columns=columns).reset_index(drop=True)


def assert_cells_on_their_lines(m: pd.DataFrame, lines: list[str]) -> None:
    """Every cell's ``source_line`` in the damaged file holds the cell's first six characters."""
    wrong = [
        (row.task_no, row.year, row.source_line, collapse(row.text)[:6])
        for row in m.itertuples()
        if not (
            1 <= row.source_line <= len(lines)
            and collapse(row.text)[:6] in collapse(lines[row.source_line - 1])
        )
    ]
    assert not wrong, f"cells not on their source_line (task, year, line, start): {wrong}"


def assert_nothing_unrecognised(folder: Path) -> None:
    tl = zone_lib.table_lines(seeds=folder)
    bad = tl[tl.kind == "unrecognised"]
    assert bad.empty, bad[["line", "task_no", "note"]].to_string()


@pytest.mark.parametrize(
    "damage_fn",
    [
        pytest.param(damage.crlf, id="crlf-line-ends"),
        pytest.param(damage.cr_only, id="cr-only-line-ends"),
        pytest.param(damage.gb18030, id="gb18030"),
        pytest.param(damage.utf8_bom, id="utf8-with-bom"),
        pytest.param(damage.utf16_bom, id="utf16-with-bom"),
        pytest.param(damage.utf16_be_bom, id="utf16-big-endian-with-bom"),
        pytest.param(damage.mixed_line_ends, id="mixed-line-ends"),
        pytest.param(damage.headers_moved, id="page-headers-moved"),
        pytest.param(damage.row_broken_in_cell, id="rows-broken-inside-a-cell"),
        pytest.param(damage.row_broken_at_cell_boundary, id="rows-broken-between-cells"),
        pytest.param(damage.cells_shifted, id="empty-slot-moved"),
        pytest.param(damage.cells_shifted_in_other_rows, id="empty-slot-moved-in-the-other-rows"),
        pytest.param(damage.blank_lines_moved, id="blank-lines-removed-and-added"),
        pytest.param(damage.everything_at_once, id="everything-at-once"),
    ],
)
def test_damaged_copy_gives_the_same_matrix(tmp_path, seed, original, damage_fn):
    lines, data = damage_fn(seed)
    folder = write_copy(tmp_path, data)
    m = zone_lib.matrix(seeds=folder)
    pd.testing.assert_frame_equal(without(m, LINE_COLUMNS), without(original, LINE_COLUMNS))
    assert_cells_on_their_lines(m, lines)
    assert_nothing_unrecognised(folder)


def test_full_width_commas_keep_the_years(tmp_path, seed, original):
    lines, data = damage.full_width_commas(seed)
    assert lines != seed  # the table does hold half-width commas
    folder = write_copy(tmp_path, data)
    m = zone_lib.matrix(seeds=folder)
    pd.testing.assert_frame_equal(
        without(m, LINE_COLUMNS + TEXT_COLUMNS), without(original, LINE_COLUMNS + TEXT_COLUMNS)
    )
    pd.testing.assert_frame_equal(m[YEAR_COLUMNS].reset_index(drop=True), original[YEAR_COLUMNS])
    # the cells are as printed: the same text, with the commas the copy has
    assert list(m.text) == [t.replace(",", "，") for t in original.text]
    assert_cells_on_their_lines(m, lines)
    assert_nothing_unrecognised(folder)


def test_garbage_before_the_first_row_is_reported_on_its_line(tmp_path, seed, original):
    lines, data, line_no = damage.garbage_after_header(seed)
    assert lines[line_no - 1] == damage.GARBAGE
    folder = write_copy(tmp_path, data)
    tl = zone_lib.table_lines(seeds=folder)
    bad = tl[tl.kind == "unrecognised"]
    assert list(bad.line) == [line_no]
    assert bad.iloc[0].seed_file == GAZETTE
    m = zone_lib.matrix(seeds=folder)
    pd.testing.assert_frame_equal(without(m, LINE_COLUMNS), without(original, LINE_COLUMNS))
    assert_cells_on_their_lines(m, lines)


def test_a_duplicated_row_is_reported_and_the_first_copy_kept(tmp_path, seed, original):
    lines, data, line_no = damage.row_duplicated(seed)
    assert lines[line_no - 1] == lines[line_no - 2]
    folder = write_copy(tmp_path, data)
    tl = zone_lib.table_lines(seeds=folder)
    problems = tl[tl.kind.isin(["duplicate", "unrecognised"])]
    assert list(problems.kind) == ["duplicate"]
    assert list(problems.line) == [line_no]
    task_no = int(lines[line_no - 1].split("\t")[0])
    assert problems.iloc[0].task_no == task_no
    m = zone_lib.matrix(seeds=folder)
    assert m.task_no.nunique() == 40
    pd.testing.assert_frame_equal(without(m, LINE_COLUMNS), without(original, LINE_COLUMNS))
    assert_cells_on_their_lines(m, lines)
    # the kept copy is the first: no cell points at the repeated line
    assert line_no not in set(m.source_line)


def test_a_row_that_lost_a_tab_is_reported_not_silently_merged(tmp_path, seed):
    lines, data, line_no, task_no = damage.tab_replaced_by_line_break(seed)
    folder = write_copy(tmp_path, data)
    tl = zone_lib.table_lines(seeds=folder)
    problems = tl[tl.problem]
    assert list(problems.line) == [line_no]
    assert problems.iloc[0].task_no == task_no
    assert "cells may have merged" in problems.iloc[0].note
