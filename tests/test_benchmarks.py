"""The corpus benchmarks skip cleanly on a machine without the shared corpus."""

import subprocess
import sys

import pytest

from tests.helpers import ROOT

BENCHMARKS = ROOT / "benchmarks"


@pytest.mark.parametrize("script", ["extract_corpus.py", "lint_corpus.py", "stages.py", "scale.py"])
def test_skips_without_the_corpus(script, tmp_path):
    result = subprocess.run([sys.executable, str(BENCHMARKS / script), str(tmp_path / "no-corpus")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("skipped: no corpus at")
