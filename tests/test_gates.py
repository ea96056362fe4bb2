"""Gates that must never pass by mistake (issue #12): exit codes in every format, streaming that still
counts, side reports beside a stream, and paths that name no page."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

import captioncheck
from captioncheck.cli import main
from captioncheck.report import Finding, Report, github, junit
from captioncheck.report import text as text_report
from captioncheck.report.formats import FORMATS
from tests.helpers import EXTRACT_FIXTURES

SEED = str(EXTRACT_FIXTURES / "seed-mariupol.html")  # 1 error (CC301), 2 warnings (CC101), 1 info (CC401)


def run(*args, env=None):
    return CliRunner().invoke(main, ["lint", *args], env=env)


@pytest.mark.parametrize("output_format", sorted(FORMATS))
@pytest.mark.parametrize(("args", "code"), [
    ([], 1),
    (["--exit-zero"], 0),
    (["--ignore", "CC301"], 0),
    (["--ignore", "CC301", "--fail-on", "warning"], 1),
    (["--ignore", "CC301", "--max-warnings", "1"], 1),
    (["--ignore", "CC301", "--max-warnings", "2"], 0),
    (["--select", "CC401"], 0),
    (["--select", "CC401", "--fail-on", "info"], 1),
    (["--fail-on", "info", "--exit-zero"], 0),
])
def test_every_format_exits_by_the_findings(output_format, args, code):
    result = run("--format", output_format, *args, SEED)
    assert result.exit_code == code, result.output


def test_streamed_jsonl_is_written_and_still_fails():
    result = run("--format", "jsonl", SEED)
    assert result.exit_code == 1
    assert [json.loads(line)["rule_id"] for line in result.stdout.splitlines()] == ["CC101", "CC301", "CC101",
                                                                                    "CC401"]


@pytest.mark.parametrize("side", sorted(FORMATS))
def test_side_reports_beside_a_stream_hold_every_finding(tmp_path, side):
    streamed, written = tmp_path / "streamed", tmp_path / "written"
    beside_stream = run("--format", "jsonl", "-o", f"{side}={streamed}", SEED, str(EXTRACT_FIXTURES / "bbc.html"))
    beside_text = run("--format", "text", "-o", f"{side}={written}", SEED, str(EXTRACT_FIXTURES / "bbc.html"))
    assert beside_stream.exit_code == beside_text.exit_code == 1
    assert "CC301" in streamed.read_text(encoding="utf-8")
    assert streamed.read_bytes() == written.read_bytes()
    assert beside_stream.stdout == run("--format", "jsonl", SEED, str(EXTRACT_FIXTURES / "bbc.html")).stdout


def test_write_baseline_beside_a_stream_records_every_finding(tmp_path):
    streamed, written = tmp_path / "streamed.json", tmp_path / "written.json"
    assert run("--format", "jsonl", "--write-baseline", str(streamed), SEED).exit_code == 1
    assert run("--write-baseline", str(written), SEED).exit_code == 1
    entries = json.loads(streamed.read_text())["entries"]
    assert sum(entry["count"] for entry in entries) == 4
    assert streamed.read_bytes() == written.read_bytes()
    assert run("--format", "jsonl", "--baseline", str(streamed), SEED).exit_code == 0


def test_step_summary_beside_a_stream_counts_every_finding(tmp_path):
    summary, annotations = tmp_path / "summary.md", tmp_path / "annotations.txt"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = run("--format", "jsonl", "-o", f"github={annotations}", SEED, env=env)
    assert result.exit_code == 1
    assert "| error | 1 |" in summary.read_text() and "CC301" in summary.read_text()
    assert "::error " in annotations.read_text()


def test_a_bare_stream_keeps_no_findings_in_memory(monkeypatch):
    from captioncheck import cli

    made = []

    def recording(**fields):
        made.append(Report(**fields))
        return made[-1]

    monkeypatch.setattr(cli, "Report", recording)
    assert run("--format", "jsonl", SEED).exit_code == 1
    assert made[0].files == 1 and made[0].findings == []


# Paths that name no page


@pytest.mark.parametrize("pattern", ["{tmp}", "{tmp}/*.html", "{tmp}/**/*.html", "{tmp}/notes"])
def test_a_folder_or_glob_without_pages_is_a_usage_error(tmp_path, pattern):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("no page here")
    path = pattern.format(tmp=tmp_path)
    for command in (["lint"], ["lint", "--exit-zero", "--format", "jsonl"], ["extract"]):
        result = CliRunner().invoke(main, [*command, SEED, path])
        assert result.exit_code == 2, result.output
        assert result.stdout == ""  # checked before any page, so a stream writes nothing
        assert f"no pages found in {path}" in result.stderr


def test_a_folder_whose_pages_are_all_excluded_has_no_pages(tmp_path):
    (tmp_path / "a.amp.html").write_text("<p>page</p>")
    result = run("--exclude", "*.amp.html", str(tmp_path))
    assert result.exit_code == 2 and f"no pages found in {tmp_path}" in result.stderr
    assert run("--exclude", "*.amp.html", str(tmp_path / "a.amp.html")).exit_code == 0  # named: always read


def test_a_missing_folder_is_a_usage_error_and_a_missing_file_a_finding(tmp_path):
    result = run(f"{tmp_path}/gone/")
    assert result.exit_code == 2 and f"no such folder: {tmp_path}/gone/" in result.stderr
    assert "file" not in result.stderr
    result = run(str(tmp_path / "gone.html"))
    assert result.exit_code == 1 and "CC001" in result.stdout


@pytest.mark.parametrize("command", [["lint"], ["lint", "--exit-zero", "--format", "jsonl"], ["extract"]])
def test_a_missing_path_that_names_no_page_is_a_usage_error_whatever_the_thresholds(tmp_path, command):
    missing = str(tmp_path / "site")  # a CI job pointed at a folder that is not there
    result = CliRunner().invoke(main, [*command, SEED, missing])
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and f"no such file or folder: {missing}" in result.stderr
    with pytest.raises(ValueError, match="no such file or folder"):
        captioncheck.lint(missing)


@pytest.mark.parametrize("url", ["ftp://example.org/story.html", "file:///srv/site/story.html"])
def test_a_url_that_is_not_fetched_says_to_save_the_page(url):
    result = run(url)
    assert result.exit_code == 2, result.output
    assert "only http:// and https:// URLs are fetched; save the page" in result.stderr
    assert "No such file" not in result.output


def test_a_file_whose_name_looks_like_a_url_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "http:").mkdir()
    (tmp_path / "http:" / "page.html").write_text("<p>page</p>")
    assert run("http://page.html").exit_code == 0  # "http:" + "/" + "/page.html": a real path


# JUnit: only what fails the run is a failure


def junit_cases(xml: str) -> dict[tuple[str, str], ET.Element]:
    root = ET.fromstring(xml.encode("utf-8"))
    cases = {}
    for suite in root.iter("testsuite"):
        names = [case.get("name") for case in suite.iter("testcase")]
        assert len(names) == len(set(names)), names  # unique within the page
        assert int(suite.get("tests")) == len(names)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        cases.update({(suite.get("name"), case.get("name")): case for case in suite.iter("testcase")})
    return cases


@pytest.mark.parametrize(("fail_on", "failing"), [
    ("error", {"CC301"}), ("warning", {"CC301", "CC101"}), ("info", {"CC301", "CC101", "CC401"}),
])
def test_junit_failures_are_the_findings_at_or_above_fail_on(fail_on, failing):
    result = run("--format", "junit", "--fail-on", fail_on, SEED, str(EXTRACT_FIXTURES / "npr.html"))
    cases = junit_cases(result.stdout)
    assert len(cases) == 5  # four findings and the clean page's one passing case
    for (path, name), case in cases.items():
        failure, out = case.find("failure"), case.find("system-out")
        if path.endswith("npr.html"):
            assert failure is None and out is None
            continue
        rule = name.split()[0].removeprefix("captioncheck.")
        if rule in failing:
            assert failure is not None and out is None and failure.get("type") in ("error", "warning", "info")
        else:
            assert failure is None and out.text.startswith("line ") and rule in {"CC101", "CC401"}


def test_junit_from_config_fail_on_and_beside_a_stream(tmp_path):
    (tmp_path / ".captioncheck.yaml").write_text("fail_on: warning\n")
    side = tmp_path / "cc.xml"
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run("--format", "jsonl", "-o", f"junit={side}", SEED)
    finally:
        os.chdir(previous)
    assert result.exit_code == 1
    failed = {name for (_, name), case in junit_cases(side.read_text()).items() if case.find("failure") is not None}
    assert failed == {"captioncheck.CC101 photo 1 azovstal-smoke.jpg", "captioncheck.CC101 photo 2 azovstal-plant.jpg",
                      "captioncheck.CC301 photo 1 azovstal-smoke.jpg"}


def test_junit_names_are_unique_per_page_image_and_rule():
    def finding(index, line):
        return Finding(rule_id="CC102", rule_name="caption-printed-twice", severity="warning", message="twice",
                       path="site/page.html", line=line, image_index=index, image_src=None, evidence=None,
                       fingerprint="0" * 32)

    report = Report(tool={}, files=2, paths=["site/page.html", "site/other.html"], findings=[
        finding(1, 3), finding(1, 9), finding(2, 12), finding(None, None), finding(None, None),
        dataclasses.replace(finding(1, 3), path="site/other.html")])
    cases = junit_cases(junit.render(report))
    assert sorted(cases) == [
        ("site/other.html", "captioncheck.CC102 image 2"),  # decorative images: by place among all images
        ("site/page.html", "captioncheck.CC102"), ("site/page.html", "captioncheck.CC102 (2)"),
        ("site/page.html", "captioncheck.CC102 image 2"), ("site/page.html", "captioncheck.CC102 image 2 (2)"),
        ("site/page.html", "captioncheck.CC102 image 3"),
    ]
    assert all(case.find("failure") is None for case in cases.values())  # warnings, and the run fails on errors
    assert junit.render(report) == junit.render(dataclasses.replace(report, findings=report.findings[::-1]))


# Wording: a folder is never called a file; no "(s)"


def test_summaries_count_files_and_folders_apart(tmp_path):
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    shutil.copy(SEED, site / "news" / "seed.html")
    os.symlink(site, site / "news" / "loop")
    summary = tmp_path / "summary.md"
    result = run(str(site), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert "symlink loop" in result.stdout
    assert "\n1 file, 1 folder, 3 editorial images: 2 errors, 2 warnings, 1 info\n" in result.stdout
    assert "1 file, 1 folder, 3 editorial images" in summary.read_text()
    assert json.loads(run("--format", "json", str(site)).stdout)["summary"]["files"] == 2  # the schema's count


def test_plain_plurals_without_parentheses(tmp_path):
    info = Finding(rule_id="CC401", rule_name="alt-keyword-slug", severity="info", message="slug", path="a.html",
                   line=1, image_index=1, image_src=None, evidence=None, fingerprint="0" * 32)
    report = Report(tool={}, files=2, editorial_images=1, findings=[info, dataclasses.replace(info, line=2)],
                    baseline={"file": "b.json", "hidden": 1, "stale": [
                        {"rule_id": "CC101", "path": "a.html", "image_key": "k", "count": 1}]})
    lines = text_report.render(report).splitlines()
    assert lines[2:4] == ["2 files, 1 editorial image: 0 errors, 0 warnings, 2 info",
                          "baseline b.json: 1 finding hidden, 1 stale entry"]
    summary = github.step_summary(report)
    assert "2 files, 1 editorial image" in summary
    for out in (text_report.render(report), summary):
        assert "(s)" not in out and "infos" not in out
    assert text_report.counted(0, "stale entry") == "0 stale entries"


def test_config_and_rule_messages_count_plainly(tmp_path):
    (tmp_path / ".captioncheck.yaml").write_text("colour: blue\n")
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert "unknown key colour;" in run(SEED).output
        (tmp_path / ".captioncheck.yaml").write_text("colour: blue\nshade: dark\n")
        assert "unknown keys colour, shade;" in run(SEED).output
    finally:
        os.chdir(previous)


def test_progress_line_counts_plainly(monkeypatch):
    import io

    from captioncheck import cli

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli.sys, "stderr", Terminal())
    progress = cli.Progress()
    progress.update(Report(tool={}, files=1))
    progress.update(Report(tool={}, files=3, folders=1))
    assert cli.sys.stderr.getvalue() == "\rcaptioncheck: 1 file checked\rcaptioncheck: 2 files, 1 folder checked"
