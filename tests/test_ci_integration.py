"""captioncheck as a CI step: output files, baselines, thresholds, suppressions, per-file ignores and
the pre-commit hook, all through the real command line (the GitHub Action: tests/test_action.py)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from captioncheck.cli import main
from tests.helpers import EXTRACT_FIXTURES, FIXTURES, ROOT

SEED = str(EXTRACT_FIXTURES / "seed-mariupol.html")
BIN = Path(sys.executable).parent


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env)


def test_several_outputs_in_one_run(tmp_path):
    sarif, junit = tmp_path / "cc.sarif", tmp_path / "cc.xml"
    result = run("lint", "-o", f"sarif={sarif}", "--out", f"junit={junit}", SEED)
    assert result.exit_code == 1
    assert "error CC301" in result.stdout  # the text report still goes to the terminal
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert junit.read_text().startswith("<?xml")


def test_output_file_replaces_stdout_and_is_written_atomically(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old report")
    result = run("lint", "--format", "json", "--output", str(target), SEED)
    assert result.stdout == ""
    assert json.loads(target.read_text())["summary"]["findings"]["error"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left behind


def test_interrupted_write_leaves_the_old_report(tmp_path, monkeypatch):
    from captioncheck.report import files

    target = tmp_path / "report.json"
    target.write_text("old report")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, "new report")
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_report_files_get_their_folders_and_the_permissions_of_any_new_file(tmp_path):
    sarif, text_report = tmp_path / "reports" / "ci" / "cc.sarif", tmp_path / "out" / "report.txt"
    result = run("lint", "-o", f"sarif={sarif}", "--output", str(text_report), SEED)
    assert result.exit_code == 1, result.output
    mask = os.umask(0o022)
    os.umask(mask)
    for path in (sarif, text_report):  # not the temporary file's private 0600
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    text_report.chmod(0o640)
    assert run("lint", "--output", str(text_report), SEED).exit_code == 1
    assert stat.S_IMODE(text_report.stat().st_mode) == 0o640  # a report written over keeps its permissions


@pytest.mark.parametrize("option", ["--output", "-o", "--write-baseline", "--cache"])
def test_a_report_or_cache_that_cannot_be_written_stops_the_run_before_it_starts(tmp_path, option, monkeypatch):
    checked = []
    monkeypatch.setattr("captioncheck.cli.check_inputs", lambda *args: checked.append(args) or iter(()))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    target = f"{blocked}/report"
    result = run("lint", option, f"sarif={target}" if option == "-o" else target, SEED)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {option} ") and "Traceback" not in result.output
    assert checked == [] and result.stdout == ""


def test_a_side_report_named_as_a_folder_is_a_usage_error(tmp_path):
    result = run("lint", "-o", f"sarif={tmp_path}", SEED)
    assert result.exit_code == 2
    assert f"-o sarif={tmp_path}: cannot write the report there: it is a folder" in result.stderr


def test_two_reports_to_one_file_are_a_usage_error(tmp_path):
    report = tmp_path / "report.json"
    for args in (["-o", f"json={report}", "-o", f"sarif={tmp_path}/./report.json"],
                 ["--output", str(report), "-o", f"json={report}"],
                 ["--write-baseline", str(report), "-o", f"json={report}"]):
        result = run("lint", *args, SEED)
        assert result.exit_code == 2, result.output
        assert "name the same file: give each report its own" in result.stderr
    assert not report.exists()


def test_a_cache_entry_that_cannot_be_written_loses_no_finding(tmp_path, monkeypatch):
    from captioncheck import pipeline

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "write_atomic", full_disk)
    result = run("lint", "--jobs", "1", "--cache", str(tmp_path / "cache"), SEED)
    assert result.exit_code == 1 and "error CC301" in result.stdout


def test_bad_output_spec_is_a_usage_error():
    assert run("lint", "-o", "pdf=out.pdf", SEED).exit_code == 2
    assert run("lint", "-o", "sarif", SEED).exit_code == 2


def test_github_format_is_chosen_under_github_actions(tmp_path):
    summary = tmp_path / "summary.md"
    result = run("lint", SEED, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.stdout.startswith("::")
    assert re.search(r"^::error file=.*seed-mariupol.html,line=38,", result.stdout, re.M)
    assert "error CC301" in result.stdout  # plain lines too: GitHub shows at most 10 annotations a level
    assert "CC301" in summary.read_text()


def test_thresholds_max_warnings_and_exit_zero():
    warnings_only = ["lint", "--ignore", "CC301", SEED]
    assert run(*warnings_only).exit_code == 0
    assert run(*warnings_only, "--max-warnings", "1").exit_code == 1
    assert run(*warnings_only, "--max-warnings", "2").exit_code == 0
    assert run("lint", "--exit-zero", SEED).exit_code == 0
    assert run("lint", "--exit-zero", "--select", "CC999", SEED).exit_code == 2


def test_baseline_hides_old_findings_and_reports_stale_entries(tmp_path):
    page = tmp_path / "page.html"
    original = Path(SEED).read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    first = run("lint", "--write-baseline", str(baseline), str(page))
    assert first.exit_code == 1 and baseline.exists()
    entries = json.loads(baseline.read_text())["entries"]
    assert {entry["rule_id"] for entry in entries} == {"CC101", "CC301", "CC401"}
    assert all("line" not in entry for entry in entries)

    # Lines move: the baseline still hides everything.
    page.write_text(original.replace("<body>", "<body>\n<p>New.</p>\n"), encoding="utf-8")
    again = run("lint", "--baseline", str(baseline), "--format", "json", str(page))
    report = json.loads(again.stdout)
    assert again.exit_code == 0 and report["findings"] == []
    assert report["baseline"]["hidden"] == 4 and report["baseline"]["stale"] == []

    # The leaked instructions and the slug alt are fixed: their entries are stale; a new problem shows.
    fixed = original.replace(" THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. MANDATORY CREDIT. NO RESALES. "
                             "NO ARCHIVES.", "").replace('alt="Ukraine Mariupol damage"', 'alt="Image"')
    page.write_text(fixed, encoding="utf-8")
    text = run("lint", "--baseline", str(baseline), str(page))
    assert "CC402" in text.stdout and "2 stale entries" in text.stdout
    assert "stale: CC301" in text.stdout and "stale: CC401" in text.stdout


def test_unreadable_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "b.json").write_text("{not json")
    assert run("lint", "--baseline", str(tmp_path / "b.json"), SEED).exit_code == 2
    assert run("lint", "--baseline", str(tmp_path / "missing.json"), SEED).exit_code == 2


def test_per_file_ignores_from_config(tmp_path, monkeypatch):
    pages = tmp_path / "archive" / "2022"
    pages.mkdir(parents=True)
    shutil.copy(SEED, pages / "seed.html")
    (tmp_path / ".captioncheck.yaml").write_text('per_file_ignores:\n  "archive/**": [CC301, alt-repeats-caption]\n')
    monkeypatch.chdir(tmp_path)
    result = run("lint", "archive/2022/seed.html")
    assert "CC301" not in result.stdout and "CC101" not in result.stdout and "CC401" in result.stdout
    assert result.exit_code == 0


def test_suppressions_in_the_page():
    page = str(FIXTURES / "lint" / "suppressions.html")
    quiet = run("lint", "--format", "json", page)
    report = json.loads(quiet.stdout)
    assert report["findings"] == [] and report["summary"]["suppressed"] == 2
    unused = run("lint", "--report-unused-suppressions", page)
    assert "CC003 unused-suppression: the suppression of CC101 silences nothing" in unused.stdout


def test_every_format_is_byte_identical_between_runs():
    for name in ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab"):
        first = run("lint", "--format", name, str(EXTRACT_FIXTURES)).stdout
        assert first == run("lint", "--format", name, str(EXTRACT_FIXTURES)).stdout, name


def _path_with_venv() -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_pre_commit_hook_runs_as_its_manifest_says(tmp_path):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "captioncheck" and hook["language"] == "python" and hook["types_or"] == ["html"]
    clean = tmp_path / "my page.html"
    clean.write_text('<figure><img src="/a.jpg" alt="A boat"><figcaption>A boat. REUTERS/Jane Doe</figcaption>'
                     "</figure>")
    # pre-commit splits the entry with shlex and appends the staged files, each one argument.
    entry = shlex.split(hook["entry"])
    bad = subprocess.run([*entry, SEED, str(clean)], capture_output=True, text=True, env=_path_with_venv())
    assert bad.returncode == 1 and "CC301" in bad.stdout
    good = subprocess.run([*entry, str(clean)], capture_output=True, text=True, env=_path_with_venv())
    assert good.returncode == 0, good.stdout
    assert "1 file," in good.stdout
