"""Limits that keep one hostile page from taking a run down. Past a limit the page gets an error
saying which limit, and the run goes on."""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1_000_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MEGABYTE  # a page larger than this is not read (real pages stay under 10 MB)
    max_images: int = 5_000  # images checked on one page; the rest are counted and left out


DEFAULT = Limits()
