"""Path patterns as `--exclude` and `per_file_ignores` read them.

A pattern without a slash matches the file or folder name (``*.amp.html``, ``drafts``); one with a
slash matches the whole path, ``**`` standing for any number of folders (``archive/**``,
``site/*/print.html``).
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache


def matches(path: str, pattern: str) -> bool:
    path = path.replace("\\", "/").removeprefix("./")
    if "/" not in pattern:
        return fnmatch.fnmatchcase(path.rstrip("/").rsplit("/", 1)[-1], pattern)
    return _compiled(pattern).fullmatch(path) is not None


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
    return re.compile(regex.replace(r"\?", "[^/]"))
