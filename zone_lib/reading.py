"""Reading seed files: encodings, byte-order marks and line ends.

UTF-8, UTF-8 with BOM, UTF-16 with BOM and GB18030 files, with LF, CRLF or CR line
ends, all read to the same list of lines, so line numbers are the same whatever
the copy.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import SeedReadError

#: Largest file accepted as a seed (bytes). Policy texts are far smaller.
MAX_SEED_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a seed file.

    Args:
        data: The raw file content.
        path: Where the bytes came from, for error messages.

    Returns:
        The decoded text and the name of the encoding used.

    Raises:
        SeedReadError: If the bytes are binary or in no supported encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise SeedReadError(path, f"starts with a {encoding} byte-order mark but {exc}") from exc
    if b"\x00" in data[:4096]:
        raise SeedReadError(path, "looks binary (NUL bytes, no UTF-16 byte-order mark); expected a text file")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SeedReadError(path, "is neither UTF-8 nor GB18030 text; re-save it as UTF-8")


def split_lines(text: str) -> list[str]:
    """Split text into lines, treating LF, CRLF and CR alike.

    A final line end does not create an empty last line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_lines(path: str | Path) -> tuple[list[str], str, bytes]:
    """Read a seed file into lines.

    Args:
        path: The file to read.

    Returns:
        The lines (without line ends), the encoding used and the raw bytes.

    Raises:
        SeedReadError: If the file cannot be read or decoded.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise SeedReadError(path, f"is {size} bytes; seeds larger than {MAX_SEED_BYTES} are refused")
        data = path.read_bytes()
    except OSError as exc:
        raise SeedReadError(path, f"cannot be read ({exc.strerror or exc})") from exc
    text, encoding = decode_text(data, path)
    return split_lines(text), encoding, data
