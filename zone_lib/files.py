"""Writing files: the one atomic write every stage uses.

A file is written to a temporary file in its own folder and renamed over the
target, so an interrupted run leaves either the old file or the new one, never
half of one; the file gets the permissions of any file the user creates
(``0666`` less the umask) unless a mode is given.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

# the process umask, read once (os.umask can only be read by setting it)
_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes | str | Callable[[Path], None],
    *,
    mode: int | None = None,
    encoding: str = "utf-8",
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Args:
        path: The file to write; its folder is created if missing.
        data: The bytes, the text (encoded with ``encoding``), or a function that
            writes the temporary file it is given (``lambda p: df.to_csv(p)``).
        mode: The file's permissions; by default ``0o666`` less the umask.
        encoding: The encoding of ``data`` when it is text.

    Returns:
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if callable(data):
            os.close(fd)
            data(Path(tmp))
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode(encoding) if isinstance(data, str) else data)
        os.chmod(tmp, (0o666 & ~_UMASK) if mode is None else mode)  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
