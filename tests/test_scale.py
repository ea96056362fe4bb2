"""--jobs, --cache and streaming give the same findings as a plain single-process run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from captioncheck import pipeline
from captioncheck.cli import main
from tests.helpers import FIXTURES, count_checks

ALL_FIXTURES = [str(FIXTURES / "extract"), str(FIXTURES / "lint"), str(FIXTURES / "sources")]


def lint(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_jobs_give_byte_identical_reports_in_input_order(output_format):
    single = lint("--jobs", "1", "--format", output_format, "--context", "archive", *ALL_FIXTURES)
    double = lint("--jobs", "2", "--format", output_format, "--context", "archive", *ALL_FIXTURES)
    many = lint("--jobs", "3", "--format", output_format, "--context", "archive", *ALL_FIXTURES)
    assert single == double == many
    assert single[1].count("\n") > 20


def test_streamed_jsonl_holds_the_same_findings_as_the_json_report():
    _, streamed = lint("--jobs", "2", "--format", "jsonl", *ALL_FIXTURES)
    _, report = lint("--jobs", "1", "--format", "json", *ALL_FIXTURES)
    lines = [json.loads(line) for line in streamed.splitlines()]
    assert lines == json.loads(report)["findings"]  # input order is path order here, as the report sorts


def test_cache_gives_the_same_findings_and_skips_unchanged_pages(tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "extract", site)
    shutil.copytree(FIXTURES / "lint", site / "lint")
    cache = tmp_path / "cache"
    plain = lint("--jobs", "1", "--format", "json", str(site))
    first = lint("--jobs", "1", "--cache", str(cache), "--format", "json", str(site))
    assert first == plain and any(cache.rglob("*.json"))

    checked = count_checks(monkeypatch)
    assert lint("--jobs", "1", "--cache", str(cache), "--format", "json", str(site)) == plain
    assert checked == []

    page = site / "seed-mariupol.html"
    page.write_text(page.read_text().replace("REUTERS/Alexander", "Reuters/Alexander"))
    checked.clear()
    lint("--jobs", "1", "--cache", str(cache), str(site))
    assert checked == [str(page)]

    # An image file a page read changes: that page is checked again.
    image = next((site / "lint" / "embedded-credits_files").iterdir())
    image.write_bytes(image.read_bytes() + b"\0")
    checked.clear()
    lint("--jobs", "1", "--cache", str(cache), str(site))
    assert str(site / "lint" / "embedded-credits.html") in checked


def test_a_rule_or_config_change_invalidates_the_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    page = str(FIXTURES / "extract" / "seed-mariupol.html")
    lint("--jobs", "1", "--cache", str(cache), page)
    checked = count_checks(monkeypatch)
    lint("--jobs", "1", "--cache", str(cache), page)
    assert checked == []
    lint("--jobs", "1", "--cache", str(cache), "--context", "archive", page)
    lint("--jobs", "1", "--cache", str(cache), "--ignore", "CC401", page)
    assert checked == [page, page]


def test_no_progress_line_when_output_is_not_a_terminal():
    result = CliRunner().invoke(main, ["lint", str(FIXTURES / "extract")])
    assert "files checked" not in result.output


def test_jobs_default_to_the_machine_cores():
    assert pipeline.default_jobs() >= 1
    assert Path(pipeline.__file__).name == "pipeline.py"


def test_refitted_weights_or_new_markup_words_invalidate_the_cache(tmp_path, monkeypatch):
    """Extraction reads rules/weights.json and rules/vocab/markup.yaml: a refit or a new class word
    changes a page's model, so a cached result must not outlive either."""
    settings = pipeline.Settings()
    before = pipeline.Cache(tmp_path, settings).settings_key
    original = pipeline.read_builtin
    for changed in ("weights.json", "vocab/markup.yaml"):
        monkeypatch.setattr(pipeline, "read_builtin",
                            lambda name, changed=changed: original(name) + ("\n" if name == changed else ""))
        assert pipeline.Cache(tmp_path, settings).settings_key != before, changed
