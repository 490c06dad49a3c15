"""Typed exceptions of zone_lib.

Every error the package raises on purpose is a :class:`ZoneError`. Messages say
what was expected, where (file and line when there is one) and what to do.
"""

from __future__ import annotations

import difflib
from pathlib import Path


class ZoneError(Exception):
    """Base class of every error raised by zone_lib."""


class SeedsNotFoundError(ZoneError):
    """The seeds folder does not exist or holds no seed text files."""


class SeedReadError(ZoneError):
    """A seed file exists but cannot be read as text (binary, undecodable, unreadable)."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotTextError(SeedReadError):
    """A file is binary (a PDF, a Word or Excel file, an image …), not plain text."""


class FileTooLargeError(SeedReadError):
    """A file is larger than zone_lib reads (``zone_lib.ingest.reading.MAX_SEED_BYTES``)."""


class EmptyDocumentError(SeedReadError):
    """A file or text holds no text at all (no byte, or blank lines only)."""


class DocumentNotFoundError(ZoneError, KeyError):
    """A document id is not in the corpus."""

    def __init__(self, doc_id: str, known: list[str]) -> None:
        self.doc_id = doc_id
        self.known = known
        close = difflib.get_close_matches(doc_id, known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        super().__init__(f"no document {doc_id!r} in the corpus.{hint} Known documents: {', '.join(known)}")

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.args[0]


class ParseError(ZoneError):
    """A structure of a document no longer parses as expected."""

    def __init__(self, seed_file: str, line: int | None, expected: str, found: str = "") -> None:
        self.seed_file = seed_file
        self.line = line
        self.expected = expected
        self.found = found
        where = f"{seed_file}:{line}" if line else seed_file
        got = f"; found {found!r}" if found else ""
        super().__init__(f"{where}: expected {expected}{got}")


class TableParseError(ParseError):
    """The annual task table cannot be found or parsed."""


class ParameterError(ZoneError, ValueError):
    """A notebook or view parameter (year, unit, platform) is not one of the valid values.

    The message names the parameter, the value given, every valid choice and, when
    there is one, the closest valid choice.
    """

    def __init__(self, name: str, value: object, choices: list[str], suggestion: str | None = None) -> None:
        self.name = name
        self.value = value
        self.choices = list(choices)
        self.suggestion = suggestion
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(
            f"invalid {name} {value!r}.{hint} Valid choices for {name}: {'; '.join(self.choices)}"
        )

    def __reduce__(self):  # keep the exception picklable (multiprocessing, papermill workers)
        return (type(self), (self.name, self.value, self.choices, self.suggestion))


class SchemaError(ZoneError):
    """A public table does not match its declared schema."""


class DataFileError(ZoneError, ValueError):
    """A data file (the unit registry, crosswalk overrides, a schema) is not as expected.

    The message names the file, the line when there is one, and what was expected.
    """


class InputTypeError(ZoneError, TypeError):
    """A function was given a value of a type it cannot read (the message names what it takes)."""


class RenderError(ZoneError):
    """A briefing could not be rendered; the message names the briefing and the cause."""


class CellTimeout(ZoneError):  # noqa: N818 - shown to the reader as the cell's error name
    """A notebook cell ran longer than its time limit under ``zone render``."""
