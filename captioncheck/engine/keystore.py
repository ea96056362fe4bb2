"""The run's photo keys on disk, so that the rules across pages do not hold every photo of a long run
in memory.

A run over an archive leaves a key for every editorial photo (engine/keys.py), and the rules across
pages read them all after the last page. ``KeyStore`` writes them to a private temporary SQLite
database as pages finish (``sqlite3.connect("")``: on disk once it outgrows a small cache, deleted
when closed, nothing left behind by a killed run), and hands them back one group at a time, in
group-name order, so that memory holds one group, not the run.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator

from captioncheck.engine.keys import ImageKey

_BATCH = 1024  # rows written at once while keys are grouped


class KeyStore:
    """Photo keys, added as pages finish; iterated in the order added, or grouped."""

    def __init__(self, keys: Iterable[ImageKey] = ()) -> None:
        self._db = sqlite3.connect("")
        self._db.execute("CREATE TABLE keys (blob BLOB NOT NULL)")
        self._count = 0
        self.add(keys)

    def add(self, keys: Iterable[ImageKey]) -> None:
        rows = [(pickle.dumps(key, pickle.HIGHEST_PROTOCOL),) for key in keys]
        if rows:
            self._db.executemany("INSERT INTO keys VALUES (?)", rows)
            self._count += len(rows)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[ImageKey]:
        for (blob,) in self._db.execute("SELECT blob FROM keys ORDER BY rowid"):
            yield pickle.loads(blob)

    def groups(self, name_of: Callable[[ImageKey], str | None]) -> Iterator[tuple[str, list[ImageKey]]]:
        """The keys grouped by `name_of` (None leaves a key out), groups in the order of their names
        as Python sorts them, each group's keys in the order they were added."""
        self._db.execute("DROP TABLE IF EXISTS grouped")
        self._db.execute("CREATE TABLE grouped (name BLOB NOT NULL, id INTEGER NOT NULL)")
        rows = []
        for rowid, blob in self._rows():
            name = name_of(pickle.loads(blob))
            if name is not None:
                # UTF-8 bytes sort as their code points do, which is how Python sorts strings.
                rows.append((name.encode("utf-8", "surrogatepass"), rowid))
            if len(rows) >= _BATCH:
                self._db.executemany("INSERT INTO grouped VALUES (?, ?)", rows)
                rows.clear()
        self._db.executemany("INSERT INTO grouped VALUES (?, ?)", rows)
        current: bytes | None = None
        members: list[ImageKey] = []
        for name, blob in self._db.execute("SELECT grouped.name, keys.blob FROM grouped JOIN keys ON "
                                           "keys.rowid = grouped.id ORDER BY grouped.name, grouped.id"):
            if name != current and members:
                yield current.decode("utf-8", "surrogatepass"), members  # type: ignore[union-attr]
                members = []
            current = name
            members.append(pickle.loads(blob))
        if members:
            yield current.decode("utf-8", "surrogatepass"), members  # type: ignore[union-attr]

    def _rows(self) -> Iterator[tuple[int, bytes]]:
        """Every (rowid, blob) in order, read a batch at a time (the grouping writes between reads)."""
        last = 0
        while True:
            batch = self._db.execute("SELECT rowid, blob FROM keys WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                     (last, _BATCH)).fetchall()
            if not batch:
                return
            yield from batch
            last = batch[-1][0]

    def close(self) -> None:
        self._db.close()
