"""Where the seed texts are, and the manifest that names the documents in them.

Seeds are looked for, in order, in the folder passed as an argument, in the
folder named by the ``ZONE_SEEDS`` environment variable, in the copy packaged
with zone_lib (a wheel install), and in the project's ``seeds/`` folder (a
source checkout or an editable install).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from zone_lib.errors import SeedsNotFoundError, ZoneError

ENV_VAR = "ZONE_SEEDS"
MANIFEST = "manifest.json"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_CANDIDATES = (_PACKAGE_DIR / "_seeds", _PACKAGE_DIR.parent / "seeds")


def default_seeds_dir() -> Path:
    """The packaged seeds folder (``zone_lib/_seeds`` in a wheel, ``seeds/`` in a checkout)."""
    for cand in _CANDIDATES:
        if cand.is_dir():
            return cand
    raise SeedsNotFoundError(
        "zone_lib found no packaged seeds (looked in "
        + ", ".join(str(c) for c in _CANDIDATES)
        + f"); pass a folder or set {ENV_VAR} to the folder holding the seed .txt files"
    )


#: The folder :func:`set_default_seeds` chose for this process (before ``ZONE_SEEDS``).
_default_folder: Path | None = None


def set_default_seeds(path: str | os.PathLike[str] | None) -> Path | None:
    """Make ``path`` the seeds folder of this process when none is passed; None to undo.

    A ``zone render`` worker is handed its folder as an argument and sets it here
    (the environment is left alone).

    Args:
        path: The folder, or None to fall back to ``ZONE_SEEDS`` or the packaged seeds again.

    Returns:
        The previous default folder (None if there was none), to restore it afterwards.
    """
    global _default_folder
    previous = _default_folder
    _default_folder = None if path is None else Path(path)
    return previous


def seeds_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the seeds folder.

    Args:
        path: A folder to use instead of the process default (:func:`set_default_seeds`),
            ``ZONE_SEEDS`` or the packaged seeds.

    Returns:
        The absolute folder path.

    Raises:
        SeedsNotFoundError: If the chosen folder does not exist or holds no ``.txt`` file.
    """
    if path is not None:
        chosen, source = Path(path), "the folder passed to zone_lib"
    elif _default_folder is not None:
        chosen, source = _default_folder, "the folder given to zone render"
    elif os.environ.get(ENV_VAR):
        chosen, source = Path(os.environ[ENV_VAR]), f"{ENV_VAR}"
    else:
        chosen, source = default_seeds_dir(), "the packaged seeds"
    if chosen.is_file():
        raise SeedsNotFoundError(
            f"seeds {chosen} (from {source}) is a file, not a folder; pass the folder that holds "
            f"the seed .txt files (here perhaps {chosen.resolve().parent}), or read one document "
            "with zone_lib.read_document()"
        )
    if not chosen.is_dir():
        raise SeedsNotFoundError(
            f"seeds folder {chosen} (from {source}) does not exist; "
            f"point {ENV_VAR} or the seeds argument at a folder of seed .txt files"
        )
    if not any(chosen.glob("*.txt")):
        pdfs = sorted(p.name for p in chosen.glob("*.pdf"))
        if pdfs:
            raise SeedsNotFoundError(
                f"seeds folder {chosen} (from {source}) holds no .txt seed file but {len(pdfs)} PDF "
                f"file(s) ({', '.join(pdfs[:3])}{' …' if len(pdfs) > 3 else ''}); zone_lib reads text: "
                "convert each with `pdftotext -layout FILE.pdf` (Debian/Ubuntu package poppler-utils) "
                "and point the seeds at the .txt files"
            )
        raise SeedsNotFoundError(
            f"seeds folder {chosen} (from {source}) holds no .txt seed file; put the documents there as "
            "UTF-8 (or GB18030) .txt files"
        )
    return chosen.resolve()


def seed_paths(folder: Path) -> list[Path]:
    """Seed text files of a folder, in name order."""
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


@lru_cache(maxsize=8)
def _load_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ZoneError(f"{path}: cannot read the seeds manifest ({exc}); expected JSON") from exc


def manifest(folder: Path) -> dict:
    """The manifest of a seeds folder, or the packaged one if the folder has none."""
    own = folder / MANIFEST
    if own.is_file():
        return _load_manifest(own)
    try:
        packaged = default_seeds_dir() / MANIFEST
    except SeedsNotFoundError:
        return {"documents": [], "seed_files": []}
    return _load_manifest(packaged) if packaged.is_file() else {"documents": [], "seed_files": []}


@lru_cache(maxsize=1)
def corpus_facts() -> dict:
    """Facts about the packaged corpus (``zone_lib/data/corpus_facts.json``).

    Which document carries the annual task matrix (``matrix_doc``), which is the
    progress report (``progress_report``), which is the scraped web copy of which
    (``scraped_copy``), which pairs are crosswalked and with what link thresholds
    (``crosswalk``). Code reads these here instead of holding document ids as literals.
    """
    text = (_PACKAGE_DIR / "data" / "corpus_facts.json").read_text(encoding="utf-8")
    return json.loads(text)
