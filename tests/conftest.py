"""Shared fixtures: the packaged seeds and a copy of them to damage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GAZETTE = "002_f60c301714171d8f.txt"


@pytest.fixture(autouse=True)
def _no_env_seeds(monkeypatch):
    """Tests read the packaged seeds unless they say otherwise."""
    monkeypatch.delenv("ZONE_SEEDS", raising=False)


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A fresh copy of the seeds folder (manifest included)."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def seed_lines(name: str = GAZETTE) -> list[str]:
    """Lines of a packaged seed file (UTF-8)."""
    return (SEEDS / name).read_text(encoding="utf-8").split("\n")
