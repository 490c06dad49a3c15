"""File names made from document text (unit names, parameters) that are safe everywhere.

A briefing's file name comes from its parameters, e.g. ``unit-自治区医保局.html``. The
names must stay readable (Chinese is kept), must be valid on Linux, macOS and
Windows, and must never leave the output folder, whatever a seed file says.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from zone_lib.errors import ZoneError

MAX_STEM_BYTES = 120
"""Longest stem in UTF-8 bytes (file systems allow 255; leave room for suffixes and temp names)."""

_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
# Forbidden on Windows (<>:"/\|?*), path separators, control characters; whitespace runs
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_SPACES = re.compile(r"[\s\u3000]+")


def safe_stem(name: str, fallback: str = "unnamed") -> str:
    """Turn free text into a file-name stem that is safe on Linux, macOS and Windows.

    NFKC-normalises (full-width letters and digits become ASCII, Chinese stays), turns
    characters that are unsafe in file names into ``_``, drops leading dots and trailing
    dots and spaces, avoids Windows' reserved names (``CON``, ``NUL``, ``COM1`` …) and
    shortens long names to :data:`MAX_STEM_BYTES` bytes, adding a short hash of the full
    name so that two long names that share a beginning still differ.

    Args:
        name: The text, e.g. a unit name.
        fallback: Stem used when nothing printable is left.

    Returns:
        A non-empty stem without any path separator.
    """
    text = unicodedata.normalize("NFKC", str(name))
    text = _UNSAFE.sub("_", text)
    text = _SPACES.sub("_", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = text.strip(" ._") or fallback
    if text.split(".")[0].casefold() in _WINDOWS_RESERVED:
        text = f"_{text}"
    if len(text.encode("utf-8")) > MAX_STEM_BYTES:
        digest = hashlib.sha256(str(name).encode("utf-8")).hexdigest()[:8]
        budget = MAX_STEM_BYTES - len(digest) - 1
        cut = text
        while len(cut.encode("utf-8")) > budget:
            cut = cut[:-1]
        text = f"{cut.rstrip(' ._')}-{digest}"
    return text


def inside(folder: str | Path, file_name: str) -> Path:
    """Join ``file_name`` to ``folder`` and check the result stays inside ``folder``.

    Args:
        folder: The output folder.
        file_name: A file name (normally from :func:`safe_stem` plus a suffix).

    Returns:
        The joined path.

    Raises:
        ZoneError: If the name would resolve outside the folder.
    """
    base = Path(folder).resolve()
    path = (base / file_name).resolve()
    if path.parent != base:
        raise ZoneError(f"unsafe output file name {file_name!r}: it would be written outside {base}")
    return path
