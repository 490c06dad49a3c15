"""Whole tables and the rendered site against the goldens in ``tests/expected/``.

A failure here means a table or page changed. If the change is deliberate, regenerate
with ``.venv/bin/python tests/goldens.py`` and review the diff of ``tests/expected/``.
"""

from __future__ import annotations

from pathlib import Path

import goldens
import pandas as pd
import pytest

NAMES = list(goldens.table_registry())


def test_every_golden_file_has_a_table():
    on_disk = sorted(p.stem for p in goldens.TABLES_DIR.glob("*.csv"))
    assert on_disk == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_table_matches_golden(name):
    expected = goldens.read_csv_text((goldens.TABLES_DIR / f"{name}.csv").read_text(encoding="utf-8"))
    actual = goldens.read_csv_text(goldens.to_csv_text(goldens.table_registry()[name]()))
    pd.testing.assert_frame_equal(actual, expected, obj=f"golden table {name}")


@pytest.mark.slow
def test_rendered_site_matches_golden(tmp_path: Path):
    goldens.render_site(tmp_path)
    actual = goldens.render_hashes(tmp_path)
    expected = goldens.parse_hashes(goldens.RENDER_HASHES.read_text(encoding="utf-8"))
    assert sorted(actual) == sorted(expected), "the site's file list changed"
    changed = [p for p in expected if actual[p] != expected[p]]
    assert not changed, f"pages or assets changed: {changed}"
