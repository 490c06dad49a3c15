#!/usr/bin/env python3
"""Set up and run zone_lib on a fresh machine with nothing but Python 3.11+ and pip.

    python3 dev.py run    # the main job: every table as CSV and every HTML briefing in outputs/
    python3 dev.py test   # the whole test suite (and ruff)

Each command creates ``.venv`` and installs the project into it when needed
(again whenever pyproject.toml changes), then runs inside it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("ZONE_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".zone-install-stamp"


def _python() -> str:
    return str(BIN / ("python.exe" if os.name == "nt" else "python"))


def ensure_env() -> None:
    """Create the virtual environment and install the project with its test extras, if needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py must run on an old python to say so
        sys.exit(f"zone_lib needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text().strip() == want:
        return
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        print(f"[dev] creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("[dev] installing zone_lib and its dependencies (first run only)", flush=True)
    subprocess.run([_python(), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([_python(), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
    # build jieba's dictionary index in the user cache now, so that the first keyword or
    # crosswalk query does not pay it (a few seconds, once per jieba installation)
    warm = "from zone_lib import jieba_dict; jieba_dict.load_tokenizer()"
    subprocess.run([_python(), "-c", warm], check=False)
    STAMP.write_text(want)


def main(argv: list[str]) -> int:
    """Entry point: ``run`` or ``test``, extra arguments passed on."""
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "run":
        out = str(ROOT / "outputs")
        status = subprocess.call([str(BIN / "zone"), "summary", "--out", out])
        return status or subprocess.call([str(BIN / "zone"), "render", "--all", "--out", out, *rest])
    status = subprocess.call([_python(), "-m", "ruff", "check", str(ROOT)], cwd=ROOT)
    status |= subprocess.call([_python(), "-m", "pytest", *rest], cwd=ROOT)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
