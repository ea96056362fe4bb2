"""The same pages give the same report in every run, whatever Python's string hash seed is."""

import os
import subprocess
import sys

from tests.helpers import EXTRACT_FIXTURES, ROOT

FIXTURES = sorted(str(path) for path in EXTRACT_FIXTURES.glob("*.html"))

# The third image's src is a copy of the first, its srcset a copy of the second: which group it
# joins must not depend on the order of a set of URL keys.
SHARED_COPIES = b"""<!doctype html><html><body><article><p>One.</p><p>Two.</p>
<figure><img src="/photos/harbour-at-dawn.jpg"><figcaption>The harbour at dawn.</figcaption></figure>
<figure><img src="/photos/market-square.jpg"><figcaption>The market square.</figcaption></figure>
<img src="/photos/harbour-at-dawn-800x600.jpg" srcset="/photos/market-square-400x300.jpg 400w">
</article></body></html>"""


def _run(seed: int, args: list[str], stdin: bytes | None = None) -> bytes:
    environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
    return subprocess.run([sys.executable, "-m", "captioncheck", *args], input=stdin, capture_output=True,
                          env=environment, cwd=ROOT).stdout


def test_copy_folding_does_not_depend_on_the_hash_seed():
    reports = {_run(seed, ["extract", "-"], SHARED_COPIES) for seed in range(6)}
    assert len(reports) == 1
    assert b'"copies": 2' in reports.pop()  # joined the first picture: its src comes first


def test_fixture_reports_are_identical_across_hash_seeds():
    first, second = (_run(seed, ["lint", "--format", "json", "--jobs", "1", *FIXTURES]) for seed in (1, 2))
    assert first and first == second
