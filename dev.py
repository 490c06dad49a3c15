#!/usr/bin/env python3
"""Set up and run zone_lib on a fresh machine with nothing but Python 3.11+ and pip.

    python3 dev.py run                  # the main job: every table as CSV and every HTML briefing in outputs/
    python3 dev.py test                 # ruff and the whole test suite, browser tests included (5-8 min)
    python3 dev.py test -m "not slow"   # the fast tier for development (under a minute, no browser)

Each command creates ``.venv`` and installs the project into it when needed
(again whenever pyproject.toml changes), then runs inside it. The whole suite drives
Debian's Chromium and needs a CJK font: ``test`` installs both with apt-get when it
runs as root, and otherwise stops and says what to install.
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


def _missing_browser_packages() -> list[str]:
    missing = []
    if not os.access("/usr/bin/chromium", os.X_OK):
        missing.append("chromium")
    try:
        fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    except OSError:
        fonts = ""
    if not fonts.strip():
        missing.append("fonts-noto-cjk")
    return missing


def ensure_browser() -> bool:
    """Make sure the browser tests can run: install Chromium and a CJK font if missing.

    Returns False (after saying what is missing and how to install it) when they are
    missing and cannot be installed here.
    """
    missing = _missing_browser_packages()
    if not missing:
        return True
    can_install = os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_install and subprocess.call(["sh", "-c", "command -v apt-get"], stdout=subprocess.DEVNULL) == 0:
        print(f"[dev] installing {' '.join(missing)} for the browser tests (apt-get)", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        ok = (
            subprocess.call(["apt-get", "update", "-qq"], env=env) == 0
            and subprocess.call(
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env
            )
            == 0
        )
        if ok and not _missing_browser_packages():
            return True
    print(
        f"[dev] the browser tests need {' and '.join(missing)} (Debian/Ubuntu packages), which are not "
        f"installed and cannot be installed here.\n"
        f"      Install them:  sudo apt-get install {' '.join(missing)}\n"
        f'      or run the fast tier without browsers:  python3 dev.py test -m "not slow"',
        file=sys.stderr,
    )
    return False


def _fast_tier(args: list[str]) -> bool:
    """True when the pytest arguments deselect the slow (browser and notebook) tests."""
    return any("not slow" in a for a in args)


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
    env = dict(os.environ)
    if not _fast_tier(rest):
        if not ensure_browser():
            return 3
        env["ZONE_BROWSER_REQUIRED"] = "1"  # browser tests fail instead of skipping
    status = subprocess.call([_python(), "-m", "ruff", "check", str(ROOT)], cwd=ROOT)
    status |= subprocess.call([_python(), "-m", "ruff", "format", "--check", str(ROOT)], cwd=ROOT)
    status |= subprocess.call([_python(), "-m", "pytest", *rest], cwd=ROOT, env=env)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
