"""What the user names -> documents: page bytes with the name to report them under.

Files and folders walked recursively; ``-`` reads standard input. Nothing downstream knows where
a document came from.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


@dataclass(frozen=True)
class Document:
    name: str  # how reports name it: the path as given, or "-" for stdin
    data: bytes | None  # None when it could not be read
    error: str | None = None


def expand(paths: list[str]) -> Iterator[Document]:
    """Documents for the paths given, in the order given; folders in sorted order."""
    for path in paths:
        if path == "-":
            yield Document("-", sys.stdin.buffer.read())
        elif os.path.isdir(path):
            for found in _walk(Path(path)):
                yield _read(str(found))
        else:
            yield _read(path)


def _walk(folder: Path) -> Iterator[Path]:
    seen = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []  # a symlink loop: each folder is walked once
            continue
        seen.add(real)
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(PAGE_SUFFIXES):
                yield Path(root) / name


def _read(path: str) -> Document:
    try:
        with open(path, "rb") as handle:
            return Document(path, handle.read())
    except OSError as error:
        return Document(path, None, f"cannot read the file: {error.strerror or error}")
