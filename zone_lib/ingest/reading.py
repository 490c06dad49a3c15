"""Reading seed files: encodings, byte-order marks and line ends.

UTF-8, UTF-8 with BOM, UTF-16 with BOM and GB18030 (hence GBK and GB2312) files,
with LF, CRLF or CR line ends, all read to the same list of lines, so line numbers
are the same whatever the copy.

A file that is not text (a PDF, a Word or Excel file, an image, anything with
NUL bytes and no UTF-16 byte-order mark) is refused after its first bytes, with
:class:`~zone_lib.errors.NotTextError` saying how to get text out of it; a file
larger than :data:`MAX_SEED_BYTES` is refused before it is read, with
:class:`~zone_lib.errors.FileTooLargeError`. Memory and time stay bounded.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from zone_lib.errors import FileTooLargeError, NotTextError, SeedReadError

#: Largest file accepted as a seed (bytes). A plan is well under 1 MB (the largest
#: seed, a whole gazette issue, is 160 kB); parsing is linear, about 3 s per MB.
MAX_SEED_BYTES = 8 * 1024 * 1024
#: Bytes looked at to tell text from a binary file.
SNIFF_BYTES = 64 * 1024

#: Signatures of binary formats people save plans in, and what to do instead.
_FORMATS = (
    (b"%PDF-", "a PDF file", "convert it to text first (e.g. `pdftotext -layout file.pdf file.txt`)"),
    (b"PK\x03\x04", "a zip archive (Word .docx, Excel .xlsx or WPS files are zip archives)",
     "open it and save it as plain text (UTF-8), or copy its text into a .txt file"),
    (b"\xd0\xcf\x11\xe0", "an old Word, Excel or WPS file (.doc/.xls/.wps)",
     "open it and save it as plain text (UTF-8)"),
    (b"{\\rtf", "an RTF file", "open it and save it as plain text (UTF-8)"),
    (b"\x89PNG", "a PNG image", "run OCR on it first; zone_lib reads text"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it first; zone_lib reads text"),
)  # fmt: skip

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
    sniff_binary(data[:SNIFF_BYTES], path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SeedReadError(path, "is neither UTF-8 nor GB18030 text; re-save it as UTF-8")


def sniff_binary(head: bytes, path: str | Path = "<bytes>") -> None:
    """Refuse the first bytes of a file if they are not text.

    Raises:
        NotTextError: If they start like a PDF, Office, image or other binary file,
            or hold NUL bytes with no UTF-16 byte-order mark; the message names the
            format and says how to get text out of it.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    for magic, what, todo in _FORMATS:
        if head.startswith(magic):
            raise NotTextError(path, f"looks binary: it is {what}, not text; zone_lib reads text: {todo}")
    if b"\x00" in head[:4096]:
        raise NotTextError(
            path,
            "looks binary (NUL bytes, no UTF-16 byte-order mark); expected a text file: "
            "save the document as plain text (UTF-8)",
        )


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
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            sniff_binary(head, path)
            size = path.stat().st_size
            if size > MAX_SEED_BYTES:
                raise FileTooLargeError(path, too_large(size))
            rest = handle.read(MAX_SEED_BYTES + 1 - len(head))
    except OSError as exc:
        raise SeedReadError(path, f"cannot be read ({exc.strerror or exc})") from exc
    data = head + rest
    if len(data) > MAX_SEED_BYTES:  # grew while being read, or a device that reports no size
        raise FileTooLargeError(path, too_large(len(data)))
    text, encoding = decode_text(data, path)
    return split_lines(text), encoding, data


def too_large(size: int) -> str:
    """The message for a file of ``size`` bytes over :data:`MAX_SEED_BYTES`."""
    return (
        f"is {size / 2**20:.1f} MiB; zone_lib reads files up to {MAX_SEED_BYTES / 2**20:.0f} MiB "
        "(a plan is well under 1 MB): split it into one file per document, "
        "or raise zone_lib.ingest.reading.MAX_SEED_BYTES"
    )
