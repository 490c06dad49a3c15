"""The wheel carries what ``zone render`` needs: seeds, notebooks, templates, stylesheet.

Builds the wheel with pip (hatchling from the package index, as any install does),
installs it into a temporary folder without dependencies (the venv has them), and
renders a briefing from the installed copy, away from the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_installed_wheel_renders_a_briefing(tmp_path):
    wheels, target, out = tmp_path / "wheels", tmp_path / "site", tmp_path / "out"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("zone_lib-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in [
        "zone_lib/_notebooks/year.ipynb",
        "zone_lib/_notebooks/check.ipynb",
        "zone_lib/_seeds/manifest.json",
        "zone_lib/data/templates/briefing.html.j2",
        "zone_lib/data/briefing.css",
    ]:
        assert needed in names, needed
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("ZONE_SEEDS", None)
    env.pop("ZONE_NOTEBOOKS", None)
    code = (
        "import zone_lib, zone_lib.render.suite as s, zone_lib.ingest.seeds as d;"
        "print(zone_lib.__file__); print(s.notebooks_dir()); print(d.seeds_dir())"
    )
    where = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.split()
    assert all(w.startswith(str(target)) for w in where), where
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "zone_lib.cli",
            "render",
            "--year",
            "2021",
            "--out",
            str(out),
            "--no-progress",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "year-2021.html").is_file() and (out / "index.html").is_file()
