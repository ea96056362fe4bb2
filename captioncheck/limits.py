"""Limits that keep one hostile page from taking a run down. Past a limit the page gets a finding
(CC004 page-limit-reached) saying which limit and what was left unchecked, and the run goes on."""

from __future__ import annotations

import time
from dataclasses import dataclass

MEGABYTE = 1_000_000
# Attribute names one start tag may have; past them the tag keeps its first ones (see tags.py). No
# real tag has 50; libxml2's parser costs a tag's attribute count squared, so a hostile tag of
# 200,000 would take a minute inside the parse, where the page's time budget cannot stop it.
MAX_ATTRIBUTES = 256


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MEGABYTE  # a page larger than this is not read (real pages stay under 10 MB)
    # Image elements read on one page, copies of one photo counted each time; the rest are left out.
    max_images: int = 5_000
    page_timeout: float = 30.0  # seconds for one page's extraction; past it the page's other images are left out


DEFAULT = Limits()


class Deadline:
    """A page's time budget, checked cooperatively between units of work (an image, a stage):
    one clock read each, so checking it costs nothing next to the work it bounds."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.hit = False

    def passed(self) -> bool:
        if not self.hit and time.monotonic() > self.at:
            self.hit = True
        return self.hit

    def message(self, left_out: str) -> str:
        return f"the page took over {self.seconds:g} s to check (--page-timeout); {left_out}"
