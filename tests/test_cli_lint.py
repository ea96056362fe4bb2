"""`captioncheck lint`, `rules`, `explain` and `schema` through the real command line."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest
from click.testing import CliRunner

from captioncheck.cli import main
from tests.helpers import EXTRACT_FIXTURES, FIXTURES

SEED = str(EXTRACT_FIXTURES / "seed-mariupol.html")


def run(*args, cwd=None):
    """Run the command, in folder `cwd` when given (config files are found from there upward)."""
    if cwd is None:
        return CliRunner().invoke(main, list(args))
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(previous)


def report_schema():
    return json.loads(run("schema", "report").stdout)


def test_seed_page_gives_exactly_the_findings_a_photo_editor_lists():
    result = run("lint", SEED)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    smoke = '[photo 1: "Smoke rises above Azovstal steelworks…", azovstal-smoke.jpg]'
    assert lines == [
        f"{SEED}:38:11: warning CC101 alt-repeats-caption: alt text repeats the caption: screen-reader users hear it "
        f"twice {smoke}",
        f"{SEED}:38:11: error CC301 instructions-published: agency handling instructions are published in the "
        'credit: "THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. MANDATORY CREDIT. NO RESALES. NO ARCHIVES." '
        f"(THIRD_PARTY, MANDATORY_CREDIT, NO_RESALES, NO_ARCHIVES) {smoke}",
        f"{SEED}:56:11: warning CC101 alt-repeats-caption: alt text repeats the caption: screen-reader users hear it "
        'twice [photo 2: "Smoke rises above the Mariupol Azovstal…", azovstal-plant.jpg]',
        f"{SEED}:73:11: info CC401 alt-keyword-slug: alt text looks like keywords, not a description: "
        """'Ukraine Mariupol damage' [photo 3: "A boy rides a scooter near a destroyed…", mariupol-scooter.jpg]""",
        "1 file, 3 editorial images: 1 error, 2 warnings, 1 info",
    ]


def test_seed_page_in_archive_context_adds_the_no_archives_error():
    result = run("lint", "--context", "archive", "--select", "CC302", SEED)
    assert result.exit_code == 1
    assert "NO_ARCHIVES forbids publishing this photo in the archive context" in result.stdout


def test_json_report_validates_against_its_published_schema():
    result = run("lint", "--format", "json", "--context", "syndication", str(EXTRACT_FIXTURES))
    report = json.loads(result.stdout)
    jsonschema.validate(report, report_schema())
    assert report["summary"]["files"] == len(list(EXTRACT_FIXTURES.glob("*.html")))
    ids = {finding["rule_id"] for finding in report["findings"]}
    assert {"CC101", "CC301", "CC302"} <= ids
    keys = [(f["path"], f["line"] or 0, f["image_index"], f["rule_id"]) for f in report["findings"]]
    assert keys == sorted(keys)


def test_fingerprints_survive_moved_lines(tmp_path):
    page = tmp_path / "page.html"
    original = (EXTRACT_FIXTURES / "seed-mariupol.html").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    before = json.loads(run("lint", "--format", "json", str(page)).stdout)["findings"]
    page.write_text(original.replace("<body>", "<body>\n\n\n<p>A new paragraph.</p>\n"), encoding="utf-8")
    after = json.loads(run("lint", "--format", "json", str(page)).stdout)["findings"]
    assert [f["line"] for f in after] != [f["line"] for f in before]
    assert [f["fingerprint"] for f in after] == [f["fingerprint"] for f in before]


def test_exit_codes_follow_the_fail_threshold():
    assert run("lint", "--ignore", "CC301", SEED).exit_code == 0  # warnings and info only
    assert run("lint", "--ignore", "CC301", "--fail-on", "warning", SEED).exit_code == 1
    assert run("lint", "--select", "CC401", "--fail-on", "info", SEED).exit_code == 1
    assert run("lint", "--select", "CC401", SEED).exit_code == 0


@pytest.mark.parametrize("args", [
    ["lint", "--select", "CC999", SEED],
    ["lint", "--context", "moon", SEED],
    ["lint", "--format", "xml", SEED],
    ["lint"],
    ["explain", "no-such-rule"],
])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2, result.output


def test_unreadable_input_is_a_finding_not_a_crash(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    result = run("lint", str(tmp_path / "empty.html"), str(tmp_path / "gone.html"))
    assert result.exit_code == 1
    assert result.stdout.count("error CC001 page-unreadable") == 2
    assert "Traceback" not in result.output


def test_rules_and_explain():
    listing = run("rules").stdout.splitlines()
    assert listing[0].startswith("CC001  page-unreadable")
    assert any(line.startswith("CC301  instructions-published") and " error " in line for line in listing)
    text = run("explain", "alt-repeats-caption").stdout
    assert text.startswith("CC101 alt-repeats-caption (warning")
    assert "Fails:" in text and "Passes:" in text


def test_schemas_are_valid_json_schemas():
    for name in ("report", "rule", "page"):
        jsonschema.Draft202012Validator.check_schema(json.loads(run("schema", name).stdout))


def test_extract_output_validates_against_the_page_schema():
    schema = json.loads(run("schema", "page").stdout)
    jsonschema.validate(json.loads(run("extract", str(EXTRACT_FIXTURES)).stdout), schema)


HOUSE_RULE = """\
id: HS101
name: house-credit-style
check: pattern
params:
  fields: [credit]
  pattern: '^[^/]+/[^/]+$'
  mode: require
summary: Every credit reads Photographer/Agency.
severity: error
message: "credit '{credit}' is not in house style Photographer/Agency"
why: The style guide asks for Photographer/Agency in every credit.
examples:
  fail: ['<figure><img src="/a.jpg" alt=""><figcaption>A caption. Photo: Jane Doe</figcaption></figure>']
  pass: ['<figure><img src="/a.jpg" alt=""><figcaption>A caption. Photo: Jane Doe/AP</figcaption></figure>']
"""


def test_user_rules_from_a_folder_and_from_config(tmp_path):
    house = tmp_path / "house-rules"
    house.mkdir()
    (house / "credit-style.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    page = str(FIXTURES / "extract" / "bbc.html")
    result = run("lint", "--rules", str(house), "--select", "HS101", page)
    assert result.exit_code == 1 and "HS101 house-credit-style" in result.stdout
    (tmp_path / ".captioncheck.yaml").write_text("rules: [house-rules]\nselect: [HS101]\n", encoding="utf-8")
    result = run("lint", page, cwd=tmp_path)
    assert "HS101" in result.stdout


def test_bad_rule_file_names_file_and_path(tmp_path):
    (tmp_path / "bad.yaml").write_text(HOUSE_RULE.replace("severity: error", "severity: fatal"), encoding="utf-8")
    result = run("lint", "--rules", str(tmp_path), SEED)
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "at severity" in result.output and "fatal" in result.output
    (tmp_path / "bad.yaml").write_text(HOUSE_RULE.replace("'^[^/]+/[^/]+$'", "'([a-z'"), encoding="utf-8")
    result = run("lint", "--rules", str(tmp_path), SEED)
    assert result.exit_code == 2 and "params/pattern" in result.output


@pytest.mark.parametrize(("name", "content"), [
    (".captioncheck.yaml", "fail_on: warning\nseverity: {CC301: off}\n"),
    ("setup.cfg", "[captioncheck]\nfail_on = warning\nseverity = CC301: off\n"),
    ("pyproject.toml", "[tool.captioncheck]\nfail_on = 'warning'\nseverity = {CC301 = 'off'}\n"),
])
def test_config_is_discovered_upward_in_three_forms(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    result = run("lint", SEED, cwd=tmp_path / "sub")
    assert "CC301" not in result.stdout
    assert result.exit_code == 1  # fail_on: warning, and CC101 warnings remain


@pytest.mark.parametrize("content", [
    "fail_on: sometimes\n",
    "severity: {CC101: loud}\n",
    "colour: blue\n",
    "select: [CC9]\n",
    "- just\n- a list\n",
    "rules: [missing-folder]\n",
])
def test_bad_config_exits_2_with_a_clear_message(tmp_path, content):
    (tmp_path / ".captioncheck.yaml").write_text(content, encoding="utf-8")
    result = run("lint", SEED, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Error:" in result.output


def test_yaml_errors_name_the_file_line_and_column(tmp_path):
    (tmp_path / ".captioncheck.yaml").write_text("select: [CC1\nignore: [CC2]\n", encoding="utf-8")
    result = run("lint", SEED, cwd=tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / '.captioncheck.yaml'}:2:7: not valid YAML" in result.output
    assert "<unicode string>" not in result.output
    house = tmp_path / "house"
    house.mkdir()
    (house / "broken.yaml").write_text("id: HS1\nname: [x\n", encoding="utf-8")
    result = run("lint", "--rules", str(house), SEED)
    assert result.exit_code == 2
    assert f"{house / 'broken.yaml'}:3:1: not valid YAML" in result.output
    assert "<unicode string>" not in result.output


@pytest.mark.parametrize(("name", "content", "key"), [
    (".captioncheck.yaml", "select: [CC9]\n", "select"),
    (".captioncheck.yaml", "ignore: [no-such-rule]\n", "ignore"),
    (".captioncheck.yaml", "context: moon\n", "context"),
    (".captioncheck.yaml", "rules: [missing-folder]\n", "rules"),
    ("setup.cfg", "[captioncheck]\nseverity = CC9: off\n", "severity"),
    ("setup.cfg", "[captioncheck]\nmin_confidence = high\n", "min_confidence"),
    ("pyproject.toml", "[tool.captioncheck]\nfail_on = 3\n", "fail_on"),
    ("pyproject.toml", "[tool.captioncheck]\nselect = 3\n", "select"),
    ("pyproject.toml", "[tool.captioncheck]\ncontext = 'moon'\n", "context"),
])
def test_a_bad_configuration_value_names_the_file_and_the_key(tmp_path, name, content, key):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = run("lint", SEED, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / name}: {key}:" in result.output


@pytest.mark.parametrize(("name", "content"), [
    ("pyproject.toml", "[tool.captioncheck\nfail_on = 'warning'\n"),  # an unclosed table header
    ("pyproject.toml", "[tool.captioncheck]\nfail_on = 'warning\n"),  # an unclosed string
    ("setup.cfg", "[captioncheck]\nfail_on = warning\n[captioncheck]\n"),  # the section twice
])
def test_a_configuration_that_cannot_be_parsed_is_not_skipped(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = run("lint", SEED, cwd=tmp_path)
    assert result.exit_code == 2, result.output  # not a run without the settings it was meant to have
    assert f"configuration error: {tmp_path / name}: not a valid configuration file" in result.output


@pytest.mark.parametrize(("content", "said"), [
    ("[captioncheck]\ncontext = archive\ncontext = web\n",
     "line 3: option 'context' in section 'captioncheck' already exists"),
    ("context = archive\n[captioncheck]\n", "line 1: 'context = archive' stands before any [section]"),
    ("[captioncheck]\ncontext = archive\n= web\n", "line 3: cannot read '= web\\n'"),
])
def test_a_broken_setup_cfg_says_which_line_in_plain_words(tmp_path, content, said):
    (tmp_path / "setup.cfg").write_text(content, encoding="utf-8")
    result = run("lint", SEED, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'setup.cfg'}: not a valid configuration file: {said}" in result.output
    assert "PosixPath" not in result.output and "While reading" not in result.output


def test_a_broken_file_of_another_tools_is_not_ours(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = \n", encoding="utf-8")
    result = run("lint", "--ignore", "CC3", SEED, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    result = run("lint", "--config", str(tmp_path / "pyproject.toml"), SEED, cwd=tmp_path)
    assert result.exit_code == 2 and "not a valid configuration file" in result.output
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n", encoding="utf-8")
    result = run("lint", "--config", str(tmp_path / "pyproject.toml"), SEED, cwd=tmp_path)
    assert result.exit_code == 2 and "no [tool.captioncheck] table" in result.output


def test_a_rules_folder_without_rule_files_is_an_error_not_a_run_without_them(tmp_path):
    (tmp_path / "house-rules").mkdir()
    (tmp_path / "house-rules" / "README.md").write_text("our rules, to come", encoding="utf-8")
    result = run("lint", "--rules", str(tmp_path / "house-rules"), SEED)
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'house-rules'}: no rule files (*.yaml) in this folder" in result.stderr
    (tmp_path / ".captioncheck.yaml").write_text("rules: [house-rules]\n", encoding="utf-8")
    result = run("lint", SEED, cwd=tmp_path)
    assert result.exit_code == 2 and "no rule files" in result.stderr


def test_a_selector_typed_on_the_command_line_is_not_blamed_on_the_configuration(tmp_path):
    (tmp_path / ".captioncheck.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    result = run("lint", "--select", "CC9", SEED, cwd=tmp_path)
    assert result.exit_code == 2 and ".captioncheck.yaml" not in result.output
