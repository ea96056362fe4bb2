"""Writing report files so that nothing is ever lost: atomically, or not at all.

The report goes to a temporary file in the same folder, is flushed to disk, then renamed over the
old one: a crash, Ctrl-C or SIGTERM leaves either the previous report or the complete new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: str | Path, text: str | Iterable[str]) -> None:
    """Write `text` (a string, or pieces of one written as they come) to `path`, atomically."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                for piece in text:
                    stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:  # KeyboardInterrupt and SystemExit too: never leave the temporary behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
