"""A run's findings on disk, so that a report over 100,000 pages does not hold them all in memory.

``FindingSpool`` keeps up to ``in_memory`` findings; past that it sorts them (by ``Finding.sort_key``,
the order every report is written in) and writes them to an anonymous temporary file as one sorted
run, in pickled blocks. ``sorted()`` merges the runs and the findings still in memory, reading one
block of each run at a time. Python's sort and ``heapq.merge`` are both stable (the merge prefers the
earlier run on equal keys), so the order is exactly ``sorted(every finding, key=Finding.sort_key)``:
reports are byte-identical to a run that kept everything in memory.

The file has no name (``tempfile.TemporaryFile``): an interrupted or crashed run leaves nothing behind.
Memory: ``in_memory`` findings, plus one block of each of at most ``FAN_IN`` runs while runs are merged
(when there are more, and when a report is written): bounded, whatever the number of findings. Each
finding is written ``log(findings / in_memory) / log(FAN_IN)`` times, once or twice for 100,000 pages.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator

from captioncheck.findings import Finding

IN_MEMORY = 8192  # findings kept before a run goes to disk: a few MB
BLOCK = 128  # findings a block on disk: what a merge holds of each run
FAN_IN = 16  # runs on disk at most: past them they are merged into one, so a merge holds FAN_IN blocks


class FindingSpool:
    """A run's findings: added in any order, read back sorted. Iterating gives every finding
    (sorted once any went to disk): for counting, not for order."""

    def __init__(self, in_memory: int | None = None) -> None:
        self.in_memory = in_memory or IN_MEMORY
        self._buffer: list[Finding] = []
        self._file = None
        self._runs: list[tuple[int, int]] = []  # (offset of the first block, number of blocks)
        self._count = 0
        self.severities: dict[str, int] = {}  # findings by severity, counted as they come

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def append(self, finding: Finding) -> None:
        self.extend((finding,))

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self._buffer.append(finding)
            self._count += 1
            self.severities[finding.severity] = self.severities.get(finding.severity, 0) + 1
        if len(self._buffer) >= self.in_memory:
            self._spill()

    def _spill(self) -> None:
        if self._file is None:
            # Open for the whole run, closed by close() or with the spool: no name, so nothing is left.
            self._file = tempfile.TemporaryFile(prefix="captioncheck-findings-")  # noqa: SIM115
        self._buffer.sort(key=Finding.sort_key)
        self._runs.append(self._write(self._buffer))
        self._buffer = []
        if len(self._runs) > FAN_IN:
            # One run for them all, after the old ones in the file (their space is not reused).
            self._runs = [self._write(heapq.merge(*(self._run(*run) for run in self._runs), key=Finding.sort_key))]

    def _write(self, findings: Iterable[Finding]) -> tuple[int, int]:
        """Write sorted findings at the file's end as one run of blocks: (where it starts, blocks)."""
        self._file.seek(0, 2)
        start = self._file.tell()
        blocks = 0
        block: list[Finding] = []
        for finding in findings:
            block.append(finding)
            if len(block) == BLOCK:
                blocks += self._dump(block)
                block = []
        if block:
            blocks += self._dump(block)
        return start, blocks

    def _dump(self, block: list[Finding]) -> int:
        self._file.seek(0, 2)  # the merge that feeds this reads elsewhere in the file between blocks
        pickle.dump(block, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        return 1

    @property
    def on_disk(self) -> int:
        """How many runs went to disk (0: everything is still in memory)."""
        return len(self._runs)

    def held(self) -> int:
        """Findings held in memory now."""
        return len(self._buffer)

    def _run(self, offset: int, blocks: int) -> Iterator[Finding]:
        for _ in range(blocks):
            self._file.seek(offset)
            block = pickle.load(self._file)
            offset = self._file.tell()
            yield from block

    def sorted(self) -> Iterator[Finding]:
        """Every finding, in ``Finding.sort_key`` order (stable: equal keys in the order added)."""
        tail = sorted(self._buffer, key=Finding.sort_key)
        if not self._runs:
            return iter(tail)
        return heapq.merge(*(self._run(*run) for run in self._runs), tail, key=Finding.sort_key)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._buffer) if not self._runs else self.sorted()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
