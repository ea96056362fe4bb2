"""Linter habits on the command line: CSV, --statistics, -q, colour, --show-settings, `rules` as JSON
and `rules test`."""

from __future__ import annotations

import csv
import io
import json

from tests.helpers import EXTRACT_FIXTURES
from tests.test_cli_lint import SEED, run

QUOTED_PAGE = ('<figure><img src="/photos/a,b.jpg" alt="The mayor said &quot;never&quot;, then left.">'
               '<figcaption>The mayor said "never", then left. Photo: Jane Doe, Reuters</figcaption></figure>')


def csv_text(result) -> str:
    """Standard output as written: click's `stdout` turns CRLF into LF."""
    return result.stdout_bytes.decode("utf-8")


def test_csv_has_a_header_and_one_row_a_finding_in_report_order():
    result = run("lint", "--format", "csv", SEED)
    assert result.exit_code == 1
    rows = list(csv.reader(io.StringIO(csv_text(result), newline="")))
    assert rows[0] == ["page", "image", "file", "caption", "credit", "rule", "severity", "message"]
    assert [(row[1], row[2], row[5], row[6]) for row in rows[1:]] == [
        ("1", "azovstal-smoke.jpg", "CC101", "warning"),
        ("1", "azovstal-smoke.jpg", "CC301", "error"),
        ("2", "azovstal-plant.jpg", "CC101", "warning"),
        ("3", "mariupol-scooter.jpg", "CC401", "info"),
    ]
    assert rows[1][0] == SEED and rows[1][3] == "Smoke rises above Azovstal steelworks…"
    assert rows[1][4] == "MARIUPOL CITY COUNCIL/via REUTERS"  # the whole credit, not its first words
    assert rows[3][4] == "REUTERS/Alexander Ermochenko"
    assert rows[2][7].startswith('agency handling instructions are published in the credit: "THIS IMAGE')
    json_findings = json.loads(run("lint", "--format", "json", SEED).stdout)["findings"]
    assert [row[7] for row in rows[1:]] == [finding["message"] for finding in json_findings]
    assert run("lint", "--format", "csv", SEED).stdout_bytes == result.stdout_bytes  # deterministic


def test_csv_quotes_as_rfc_4180_says(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(QUOTED_PAGE, encoding="utf-8")
    text = csv_text(run("lint", "--format", "csv", "--select", "CC101", str(page)))
    lines = text.split("\r\n")
    assert lines[0] == "page,image,file,caption,credit,rule,severity,message"
    assert lines[-1] == ""  # every row ends with CRLF, the last one too
    assert "\n" not in text.replace("\r\n", "")
    assert ',"a,b.jpg","The mayor said ""never"", then left.","Jane Doe, Reuters",CC101,warning,' in lines[1]


def test_csv_as_a_side_report(tmp_path):
    target = tmp_path / "findings.csv"
    result = run("lint", "-o", f"csv={target}", SEED)
    assert result.stdout.startswith(f"{SEED}:38:11: warning CC101")  # the text report is still the main one
    assert target.read_bytes() == run("lint", "--format", "csv", SEED).stdout_bytes


def test_csv_with_no_findings_is_the_header_alone(tmp_path):
    result = run("lint", "--format", "csv", "--select", "CC303", SEED)
    assert result.exit_code == 0 and csv_text(result) == "page,image,file,caption,credit,rule,severity,message\r\n"


def test_json_findings_carry_the_whole_credit():
    report = json.loads(run("lint", "--format", "json", str(EXTRACT_FIXTURES / "seed-mariupol.html")).stdout)
    assert [f["image_credit"] for f in report["findings"]][:2] == ["MARIUPOL CITY COUNCIL/via REUTERS"] * 2


def test_statistics_count_findings_per_rule_most_first_then_by_id():
    result = run("lint", "--statistics", SEED)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "2\tCC101\talt-repeats-caption",
        "1\tCC301\tinstructions-published",
        "1\tCC401\talt-keyword-slug",
        "1 file, 3 editorial images: 1 error, 2 warnings, 1 info",
    ]
    assert run("lint", "--statistics", "-q", SEED).stdout.splitlines()[-1] == "1\tCC401\talt-keyword-slug"


def test_statistics_right_align_counts_as_ruff_does():
    result = run("lint", "--statistics", "-q", "--context", "syndication", str(EXTRACT_FIXTURES))
    lines = result.stdout.splitlines()
    counts = [int(line.split("\t")[0]) for line in lines]
    assert counts == sorted(counts, reverse=True) and max(counts) >= 10
    assert len({len(line.split("\t")[0]) for line in lines}) == 1  # padded to one width


def test_statistics_go_with_the_text_format_only(tmp_path):
    result = run("lint", "--statistics", "--format", "json", SEED)
    assert result.exit_code == 2 and "--statistics" in result.output
    target = tmp_path / "report.json"
    result = run("lint", "--statistics", "-o", f"json={target}", SEED)
    assert result.exit_code == 1 and json.loads(target.read_text())["summary"]["findings"]["error"] == 1


def test_quiet_drops_the_summary_and_quiet_twice_prints_nothing(tmp_path):
    full = run("lint", SEED).stdout.splitlines()
    once = run("lint", "-q", SEED)
    assert once.exit_code == 1 and once.stdout.splitlines() == full[:-1]
    twice = run("lint", "-qq", "-o", f"csv={tmp_path / 'f.csv'}", SEED)
    assert twice.exit_code == 1 and twice.output == ""
    assert (tmp_path / "f.csv").read_text().count("\n") == 5  # report files are still written
    assert run("lint", "-q", "-q", "--select", "CC303", SEED).exit_code == 0
    assert run("lint", "-qq", "--format", "json", SEED).output == ""
    streamed = run("lint", "-qq", "--format", "jsonl", SEED)
    assert streamed.output == "" and streamed.exit_code == 1  # nothing printed, the findings still counted


def test_colour_marks_the_severity_only_when_asked_or_on_a_terminal(monkeypatch):
    coloured = run("lint", "--color", "always", SEED).stdout
    assert "\x1b[31m\x1b[1merror\x1b[0m CC301" in coloured and "\x1b[33mwarning\x1b[0m CC101" in coloured
    assert "\x1b[36minfo\x1b[0m CC401" in coloured
    assert "\x1b[" not in coloured.splitlines()[-1]  # the summary stays plain
    plain = run("lint", SEED).stdout
    assert "\x1b[" not in plain  # auto: not a terminal
    assert run("lint", "--color", "never", SEED).stdout == plain
    assert "\x1b[" not in run("lint", "--color", "always", "--format", "json", SEED).stdout


def test_auto_colour_honours_no_color_on_a_terminal(monkeypatch):
    from captioncheck import cli

    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._colour("auto") is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._colour("auto") is False
    assert cli._colour("always") is True and cli._colour("never") is False


def test_colour_never_goes_into_a_report_file(tmp_path):
    target = tmp_path / "report.txt"
    run("lint", "--color", "always", "--output", str(target), SEED)
    assert "\x1b[" not in target.read_text() and "error CC301" in target.read_text()


def test_show_settings_names_the_file_and_where_each_setting_came_from(tmp_path):
    config = tmp_path / ".captioncheck.yaml"
    config.write_text("context: archive\nignore: [CC401]\nseverity: {CC101: info}\n", encoding="utf-8")
    result = run("lint", "--show-settings", "--ignore", "CC402", "--fail-on", "warning", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"configuration file: {config}"
    settings = {line.split(" = ")[0]: [part.strip() for part in line.split(" = ", 1)[1].split("  # ")]
                for line in lines[1:] if " = " in line}
    assert settings["context"] == ['"archive"', str(config)]
    assert settings["fail_on"] == ['"warning"', "command line"]
    assert settings["ignore"] == ['["CC401", "CC402"]', f"{config} + command line"]
    assert settings["severity"] == ['{"CC101": "info"}', str(config)]
    assert settings["min_confidence"] == ["0.5", "default"]
    assert settings["format"] == ['"text"', "default"]
    for key in ("select", "rules", "per_file_ignores", "max_warnings", "max_bytes", "max_images", "exclude", "jobs"):
        assert key in settings
    for key in ("statistics", "quiet", "color", "no_progress", "sitemap", "fetch_jobs", "fetch_images"):
        assert settings[key][1] == "default", key
    assert settings["timeout"] == ["10.0", "default"]
    assert "  CC101 alt-repeats-caption info" in lines
    assert not any(line.startswith("  CC401 ") or line.startswith("  CC402 ") for line in lines)


def test_show_settings_names_the_output_and_fetch_options_typed():
    result = run("lint", "--show-settings", "-qq", "--color", "never", "--timeout", "3", "--fetch-jobs", "2",
                 "--fetch-images", "--sitemap", "https://example.org/sitemap.xml", "--statistics")
    assert result.exit_code == 0, result.output
    typed = {line.split(" = ")[0]: line.split(" = ", 1)[1].split("  # ")[0].strip()
             for line in result.stdout.splitlines() if line.endswith("# command line")}
    assert typed == {"quiet": "2", "color": '"never"', "timeout": "3.0", "fetch_jobs": "2", "fetch_images": "true",
                     "sitemap": '["https://example.org/sitemap.xml"]', "statistics": "true"}


def test_show_settings_without_a_configuration(tmp_path):
    result = run("lint", "--show-settings", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("configuration file: none found")
    assert run("lint", cwd=tmp_path).exit_code == 2  # without --show-settings a path is still required


def test_rules_as_json_validate_against_their_schema(tmp_path):
    import jsonschema

    from tests.test_cli_lint import HOUSE_RULE

    house = tmp_path / "house"
    house.mkdir()
    (house / "credit-style.yaml").write_text(HOUSE_RULE.replace("examples:", "contexts: [archive]\nexamples:"),
                                             encoding="utf-8")
    (tmp_path / ".captioncheck.yaml").write_text("severity: {CC101: info, caption-reused: off}\n", encoding="utf-8")
    result = run("rules", "--format", "json", "--rules", str(house), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(run("schema", "rules").stdout))
    rules = {rule["id"]: rule for rule in document["rules"]}
    assert [rule["id"] for rule in document["rules"]] == sorted(rules)
    assert len(rules) == len(run("rules", "--rules", str(house)).stdout.splitlines())
    assert rules["CC101"]["severity"] == "info" and rules["CC103"]["severity"] == "off"
    assert rules["HS101"] == {"id": "HS101", "name": "house-credit-style", "severity": "error",
                              "summary": "Every credit reads Photographer/Agency.", "check": "pattern",
                              "params": {"fields": ["credit"], "pattern": "^[^/]+/[^/]+$", "mode": "require"},
                              "contexts": ["archive"]}
    assert "contexts" not in rules["CC301"]


def _rule_folder(tmp_path, *texts):
    folder = tmp_path / "house"
    folder.mkdir()
    for number, text in enumerate(texts, 1):
        (folder / f"rule-{number}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_rules_test_passes_a_folder_whose_examples_behave(tmp_path):
    from tests.test_cli_lint import HOUSE_RULE

    result = run("rules", "test", str(_rule_folder(tmp_path, HOUSE_RULE)))
    assert result.exit_code == 0, result.output
    assert result.stdout == "all 2 examples behave\n"


def test_rules_test_names_each_example_that_does_not_behave(tmp_path):
    from tests.test_cli_lint import HOUSE_RULE

    swapped = HOUSE_RULE.replace("  fail: ", "  was_fail: ").replace("  pass: ", "  fail: ").replace(
        "  was_fail: ", "  pass: ")
    folder = _rule_folder(tmp_path, swapped)
    result = run("rules", "test", str(folder))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{folder / 'rule-1.yaml'}: HS101 fail example 1 should fail but raised nothing: "
                               '<figure><img src="/a.jpg"')
    assert lines[1].startswith(f"{folder / 'rule-1.yaml'}: HS101 pass example 1 should pass but raised: "
                               "credit 'Jane Doe' is not in house style Photographer/Agency: <figure>")
    assert lines[2:] == ["2 of 2 examples do not behave"]


def test_rules_test_runs_examples_with_image_files(tmp_path):
    from captioncheck.engine.rules import builtin_rules

    [source] = [rule.source for rule in builtin_rules() if rule.id == "CC503"]
    from tests.helpers import ROOT

    text = (ROOT / source).read_text(encoding="utf-8").replace("id: CC503", "id: HS503").replace(
        "name: file-demands-credit", "name: house-file-demands-credit")
    result = run("rules", "test", str(_rule_folder(tmp_path, text)))
    assert result.exit_code == 0, result.output


def test_rules_test_is_a_usage_error_for_an_empty_folder_or_a_bad_rule(tmp_path):
    from tests.test_cli_lint import HOUSE_RULE

    (tmp_path / "empty").mkdir()
    result = run("rules", "test", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "no rule files" in result.output
    result = run("rules", "test", str(tmp_path / "missing"))
    assert result.exit_code == 2
    folder = _rule_folder(tmp_path, HOUSE_RULE.replace("severity: error", "severity: fatal"))
    result = run("rules", "test", str(folder))
    assert result.exit_code == 2 and "rule-1.yaml" in result.output and "at severity" in result.output


def test_rules_test_runs_the_built_in_folder_as_the_built_in_rules():
    from captioncheck.engine.rules import builtin_folder, builtin_rules

    result = run("rules", "test", str(builtin_folder()))
    examples = sum(len(rule.fail_examples) + len(rule.pass_examples) for rule in builtin_rules())
    assert result.exit_code == 0, result.output
    assert f"all {examples} examples behave" in result.output


def test_a_copied_built_in_rule_names_the_built_in_it_clashes_with(tmp_path):
    from captioncheck.engine.rules import builtin_folder

    source = next(builtin_folder().glob("CC101-*.yaml"))
    (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("rules", "test", str(tmp_path))
    assert result.exit_code == 2
    assert f"CC101 is already used by the built-in rule rules/{source.name}" in result.output


def test_csv_cells_never_open_as_a_formula():
    from captioncheck.report import csv_report

    assert csv_report._cell('=HYPERLINK("http://evil.example","x")') == '\'=HYPERLINK("http://evil.example","x")'
    assert csv_report._cell("+1 555") == "'+1 555" and csv_report._cell("@sum") == "'@sum"
    assert csv_report._cell("Smoke rises") == "Smoke rises" and csv_report._cell(3) == 3
