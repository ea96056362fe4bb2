"""`captioncheck extract` through the real command line."""

import json
import subprocess
import sys

from click.testing import CliRunner

from captioncheck import __version__
from captioncheck.cli import main
from tests.helpers import EXTRACT_FIXTURES, ROOT

SEED = EXTRACT_FIXTURES / "seed-mariupol.html"


def test_json_document_with_tool_and_pages():
    result = CliRunner().invoke(main, ["extract", str(SEED)])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["tool"] == {"name": "captioncheck", "version": __version__}
    (page,) = report["pages"]
    editorial = [image for image in page["images"] if image["kind"] == "editorial"]
    assert [image["credit"] for image in editorial] == [
        "MARIUPOL CITY COUNCIL/via REUTERS", "REUTERS/Alexander Ermochenko", "REUTERS/Alexander Ermochenko"]
    assert [r["code"] for r in editorial[0]["restrictions"]] == [
        "THIRD_PARTY", "MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"]


def test_jsonl_prints_one_page_per_line_for_a_folder():
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(EXTRACT_FIXTURES)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(list(EXTRACT_FIXTURES.glob("*.html")))
    paths = [json.loads(line)["path"] for line in lines]
    assert paths == sorted(paths)


def test_output_is_byte_identical_between_runs():
    first = CliRunner().invoke(main, ["extract", str(EXTRACT_FIXTURES)]).stdout
    assert first == CliRunner().invoke(main, ["extract", str(EXTRACT_FIXTURES)]).stdout


def test_python_dash_m_and_help():
    result = subprocess.run([sys.executable, "-m", "captioncheck", "extract", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert "PAGE" in result.stdout and "--format" in result.stdout


def test_missing_argument_is_a_usage_error():
    assert CliRunner().invoke(main, ["extract"]).exit_code == 2
