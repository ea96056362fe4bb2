"""Writing report files so that nothing is ever lost: atomically, or not at all.

The report goes to a temporary file in the same folder, is flushed to disk, then renamed over the
old one: a crash, Ctrl-C or SIGTERM leaves either the previous report or the complete new one.
The file gets the permissions any other program's new file would (the umask's), or keeps those of
the report it replaces: a temporary file is private (0600), and a report a CI job publishes must not be.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)  # the only portable way to read it is to set it; read once, at import
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()


def prepare(path: str | Path) -> None:
    """Make sure a report can be written at `path` before a run spends its time: its folders are made
    (as ruff and ESLint make an output file's), and a file can be created there.

    Raises OSError saying why not (a folder at that path, no permission, a read-only file system).
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(0, "it is a folder", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    os.unlink(temporary)


def write_atomic(path: str | Path, text: str | Iterable[str]) -> None:
    """Write `text` (a string, or pieces of one written as they come) to `path`, atomically."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)  # a report written before keeps its permissions
    except OSError:
        mode = _NEW_FILE_MODE
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                for piece in text:
                    stream.write(piece)
            stream.flush()
            if hasattr(os, "fchmod"):  # not on Windows, where the mode holds only read-only
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:  # KeyboardInterrupt and SystemExit too: never leave the temporary behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
