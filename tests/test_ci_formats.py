"""The CI report formats: SARIF (validated against the vendored OASIS schema), JUnit, GitHub, GitLab."""

from __future__ import annotations

import configparser
import dataclasses
import json
import xml.etree.ElementTree as ET
from collections import Counter

import jsonschema
import pytest

from captioncheck import __version__
from captioncheck.engine import lint_page, select_rules
from captioncheck.engine.rules import load_rules
from captioncheck.extract import extract_page
from captioncheck.report import Finding, Report, described, github, gitlab, junit, sarif
from captioncheck.report import text as text_report
from tests.helpers import ROOT

PAGES = [
    "fixtures/extract/seed-mariupol.html",  # an error, warnings and an info
    "fixtures/extract/multilingual.html",  # messages with ':' and ','
    "fixtures/lint/gallery-duplicates.html",
    "fixtures/lint/empty.html",  # a finding without a line
]
CLEAN_PAGE = "fixtures/extract/npr.html"
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FORMATS = {"sarif": sarif.render, "junit": junit.render, "github": github.render, "gitlab": gitlab.render}


def lint(paths: list[str], context: str | None = None) -> tuple[Report, tuple]:
    rules = load_rules()
    ruleset = select_rules(rules)
    report = Report(tool={"name": "captioncheck", "version": __version__}, context=context)
    for path in paths:
        page = extract_page(path, (ROOT / path).read_bytes())
        report.files += 1
        report.paths.append(path)
        report.editorial_images += len(page.editorial)
        report.findings.extend(lint_page(page, ruleset, context).findings)
    return report, rules


@pytest.fixture(scope="module")
def linted() -> tuple[Report, tuple]:
    report, rules = lint([*PAGES, CLEAN_PAGE])
    assert {finding.severity for finding in report.findings} == {"error", "warning", "info"}
    return report, rules


def crafted(**changes) -> Finding:
    base = Finding(rule_id="CC201", rule_name="credit-missing", severity="warning", message="no credit",
                   path="site/page.html", line=7, image_index=1, image_src="https://example.org/A.jpg",
                   evidence=None, fingerprint="0123456789abcdef0123456789abcdef", image_number=1,
                   image_caption="Troops on parade…", image_file="A.jpg")
    return dataclasses.replace(base, **changes)


def report_of(*findings: Finding) -> Report:
    return Report(tool={"name": "captioncheck", "version": __version__}, files=1, findings=list(findings))


# SARIF


def test_sarif_validates_against_the_oasis_schema(linted):
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    log = json.loads(sarif.render(*linted))
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(log)]
    assert errors == []


def test_sarif_meets_github_code_scanning_requirements(linted):
    report, rules = linted
    log = json.loads(sarif.render(report, rules))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("captioncheck", __version__)
    assert driver.get("informationUri") == project_page()  # test_sarif_links_only_to_pages_that_exist
    assert [rule["id"] for rule in driver["rules"]] == sorted(rule.id for rule in rules)
    by_id = {rule.id: rule for rule in rules}
    for descriptor in driver["rules"]:
        rule = by_id[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.why
        assert descriptor["help"]["text"].startswith(rule.why)
        assert f"`captioncheck explain {rule.id}`" in descriptor["help"]["markdown"]
        assert f"captioncheck explain {rule.id}" in descriptor["help"]["text"]
        levels = {"error": "error", "warning": "warning", "info": "note"}
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
        assert descriptor["properties"]["tags"] == sorted(rule.tags)
    assert len(run["results"]) == len(report.findings)
    uris = set()
    for result, finding in zip(run["results"], report.sorted_findings(), strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule_id
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        assert result["message"]["text"] == described(finding)
        if finding.image_number:  # the message says which photo, as an editor finds it
            assert f"[photo {finding.image_number}: " in result["message"]["text"]
        assert result["partialFingerprints"] == {"captioncheck/v1": finding.fingerprint}
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert uri == finding.path and location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not uri.startswith(("/", "./")) and "://" not in uri and "\\" not in uri
        assert location["region"]["startLine"] == (finding.line or 1) >= 1
        assert run["artifacts"][location["artifactLocation"]["index"]]["location"]["uri"] == uri
        uris.add(uri)
    assert [artifact["location"]["uri"] for artifact in run["artifacts"]] == sorted(uris)


def test_sarif_uris_are_relative_with_forward_slashes(monkeypatch):
    monkeypatch.chdir(ROOT)
    absolute = str(ROOT / "fixtures" / "extract" / "bbc.html")
    report = report_of(crafted(path=absolute), crafted(path="./site/a b.html"), crafted(path="site\\c.html"))
    log = json.loads(sarif.render(report))  # no rules given: results carry no ruleIndex, and stay valid
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert all("ruleIndex" not in result for result in results)
    uris = sorted(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results)
    assert uris == ["fixtures/extract/bbc.html", "site/a%20b.html", "site/c.html"]


def test_a_fetched_pages_sarif_uri_is_its_own_url():
    url = "https://example.org/news/a story.html?id=7#top"
    log = json.loads(sarif.render(report_of(crafted(path=url), crafted(path="site/b.html"))))
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    locations = sorted((result["locations"][0]["physicalLocation"]["artifactLocation"] for result in run["results"]),
                       key=lambda location: location["uri"])
    assert [{key: value for key, value in location.items() if key != "index"} for location in locations] == [
        {"uri": "https://example.org/news/a%20story.html?id=7#top"},  # absolute: no %SRCROOT% under it
        {"uri": "site/b.html", "uriBaseId": "%SRCROOT%"},
    ]
    artifacts = [item["location"] for item in run["artifacts"]]
    assert {"uri": "https://example.org/news/a%20story.html?id=7#top"} in artifacts


def project_page() -> str | None:
    """The project page setup.cfg names (url, else the first project_urls entry), or None."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    urls = [config.get("metadata", "url", fallback="")]
    project_urls = config.get("metadata", "project_urls", fallback="")
    urls += [line.partition("=")[2].strip() for line in project_urls.splitlines()]
    return next((url for url in urls if url), None)


def test_sarif_links_only_to_pages_that_exist(linted, monkeypatch):
    report, rules = linted
    # The installed metadata says what setup.cfg says (after a change there: pip install -e . again).
    assert sarif.information_uri() == project_page()
    driver = json.loads(sarif.render(report, rules))["runs"][0]["tool"]["driver"]
    assert all("helpUri" not in descriptor for descriptor in driver["rules"])  # built-in rules have no page

    # Where the package names a page, that is the link; a rule file's url is its helpUri if it is a URL.
    page = "https://code.example.org/photo-desk/captioncheck#readme"
    monkeypatch.setattr(sarif, "information_uri", lambda: page)
    house = dataclasses.replace(rules[0], id="HS101", url="https://intranet.example.org/style#credits")
    local = dataclasses.replace(rules[0], id="HS102", url="docs/style.md")
    driver = json.loads(sarif.render(report_of(), (house, local)))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == page
    assert [descriptor.get("helpUri") for descriptor in driver["rules"]] == [house.url, None]


def test_information_uri_comes_from_package_metadata(monkeypatch):
    class Meta:
        def __init__(self, fields):
            self.fields = fields

        def get(self, name, default=None):
            return self.fields.get(name, [default])[0]

        def get_all(self, name):
            return self.fields.get(name)

    cases = [
        ({}, None),
        ({"Home-page": ["https://code.example.org/cc"]}, "https://code.example.org/cc"),
        ({"Project-URL": ["Source, https://code.example.org/cc", "Docs, https://docs.example.org/"]},
         "https://code.example.org/cc"),
        ({"Home-page": ["UNKNOWN"]}, None),  # what old setuptools writes when url is unset
    ]
    for fields, expected in cases:
        monkeypatch.setattr(sarif.metadata, "metadata", lambda name, fields=fields: Meta(fields))
        sarif.information_uri.cache_clear()
        assert sarif.information_uri() == expected, fields
    sarif.information_uri.cache_clear()


# JUnit


def test_junit_has_one_suite_per_page_with_the_right_counts(linted):
    report, rules = linted
    root = ET.fromstring(junit.render(report, rules, paths=[*PAGES, CLEAN_PAGE]).encode("utf-8"))
    assert root.tag == "testsuites"
    per_page = Counter(finding.path for finding in report.findings)
    errors = Counter(finding.path for finding in report.findings if finding.severity == "error")  # fail_on: error
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert sorted(suites) == sorted([*PAGES, CLEAN_PAGE])
    for path, suite in suites.items():
        cases = suite.findall("testcase")
        assert suite.get("package") == "org.captioncheck"
        assert int(suite.get("tests")) == len(cases) == max(per_page[path], 1)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure")) == errors[path]
        assert suite.get("errors") == "0"
        assert all(case.get("classname") == path and case.get("time") == "0" for case in cases)
    clean = suites[CLEAN_PAGE].findall("testcase")
    assert len(clean) == 1 and clean[0].find("failure") is None
    default = ET.fromstring(junit.render(report, rules).encode("utf-8"))  # paths default to report.paths
    assert sorted(suite.get("name") for suite in default) == sorted(suites)
    names = sorted(case.get("name") for case in suites["fixtures/extract/seed-mariupol.html"].iter("testcase"))
    assert names == ["captioncheck.CC101 photo 1 azovstal-smoke.jpg", "captioncheck.CC101 photo 2 azovstal-plant.jpg",
                     "captioncheck.CC301 photo 1 azovstal-smoke.jpg", "captioncheck.CC401 photo 3 mariupol-scooter.jpg"]


def test_junit_failure_text_and_default_paths():
    finding = crafted(message='a <b> & "c"\x0b', severity="error")
    out = junit.render(report_of(finding, crafted(path="other.html", line=None, severity="info")))
    assert out.startswith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>')
    root = ET.fromstring(out.encode("utf-8"))
    assert [suite.get("name") for suite in root] == ["other.html", "site/page.html"]  # pages with findings
    info, error = root.iter("testcase")
    photo = ' [photo 1: "Troops on parade…", A.jpg]'
    assert info.find("failure") is None and info.find("system-out").text == f"line 0, info: no credit{photo}"
    assert error.find("failure").text == f'line 7, error: a <b> & "c"\ufffd{photo}'
    assert error.find("failure").get("message") == f'a <b> & "c"\ufffd{photo}'


# GitHub


def plain(report) -> str:
    """The text report, inside stop-commands so its lines cannot act as workflow commands."""
    return f"::stop-commands::captioncheck-plain-report\n{text_report.render(report)}::captioncheck-plain-report::\n"


def test_github_escapes_messages_and_properties():
    finding = crafted(message="100% sure:\r\nREUTERS/Jane, 2024", path="site/a,b:c%.html")
    report = report_of(finding)
    out = github.render(report)
    command = ("::warning file=site/a%2Cb%3Ac%25.html,line=7,title=CC201 credit-missing"
               '::100%25 sure:%0D%0AREUTERS/Jane, 2024 [photo 1: "Troops on parade…", A.jpg]')
    assert out.startswith(command + "\n")
    assert out == command + "\n" + plain(report)


def test_github_commands_then_plain_lines(linted):
    report, rules = linted
    out = github.render(report, rules)
    commands = [line for line in out.split("\n") if line.startswith("::") and "plain-report" not in line]
    assert len(commands) == len(report.findings)
    assert out == "".join(command + "\n" for command in commands) + plain(report)
    levels = Counter(command.split(" ", 1)[0] for command in commands)
    assert levels == Counter({"::error": report.counts()["error"], "::warning": report.counts()["warning"],
                              "::notice": report.counts()["info"]})
    empty = github.workflow_command(next(f for f in report.findings if f.line is None))
    assert empty == ("::error file=fixtures/lint/empty.html,title=CC001 page-unreadable"
                     "::the page could not be read: empty file")
    assert "title=CC303 embargo-broken::the photo is embargoed (EMBARGOED UNTIL 2024-05-01 00:01 GMT)" in out


def test_github_step_summary(linted):
    report, _ = linted
    summary = github.step_summary(report)
    counts = report.counts()
    for severity in ("error", "warning", "info"):
        assert f"| {severity} | {counts[severity]} |" in summary
    assert summary.count("\n| error | CC") == counts["error"]
    many = report_of(*(crafted(line=n, message=f"m|{n}") for n in range(1, 106)))
    summary = github.step_summary(many)
    assert summary.count("| warning | CC201 credit-missing |") == 100
    assert '| m\\|1 [photo 1: "Troops on parade…", A.jpg] |' in summary and "and 5 more" in summary
    assert "No findings." in github.step_summary(report_of())


# GitLab


def test_gitlab_fields(linted):
    report, rules = linted
    issues = json.loads(gitlab.render(report, rules))
    assert len(issues) == len(report.findings)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    for issue, finding in zip(issues, report.sorted_findings(), strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["description"] == described(finding)
        assert issue["check_name"] == finding.rule_id
        assert issue["severity"] == severities[finding.severity]
        assert issue["location"] == {"path": finding.path, "lines": {"begin": finding.line or 1}}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_are_made_unique_deterministically():
    first, second = crafted(line=3), crafted(line=9)  # same fingerprint: it does not depend on lines
    issues = json.loads(gitlab.render(report_of(second, first)))
    assert issues[0]["fingerprint"] == first.fingerprint
    assert issues[1]["fingerprint"] != first.fingerprint and len(issues[1]["fingerprint"]) == 32
    assert gitlab.render(report_of(first, second)) == gitlab.render(report_of(second, first))


# all formats


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rendering_is_deterministic(linted, name):
    report, rules = linted
    shuffled = dataclasses.replace(report, findings=list(reversed(report.findings)))
    out = FORMATS[name](report, tuple(rules))
    assert out == FORMATS[name](report, tuple(rules))
    assert out == FORMATS[name](shuffled, tuple(reversed(rules)))
    assert out.endswith("\n")


# which photo


def test_findings_name_the_photo_as_an_editor_finds_it():
    from captioncheck.engine import file_name, first_words

    assert file_name("https://cdn.example.org/2024/Kyiv-Parade_01.JPG?w=640&q=80") == "Kyiv-Parade_01.JPG"
    assert file_name("/resize/980x653/?url=https%3A%2F%2Fexample.org%2FPhotos%2FRiver%20Bank.jpg") == "River Bank.jpg"
    assert file_name("/media/image.php?ID=55&w=300") == "image.php?id=55"  # the query names the picture
    assert file_name("data:image/png;base64,iVBORw0KGgo=") is None and file_name(None) is None
    long = "Troops on parade in Kyiv on Independence Day, August 24"
    assert first_words(long) == "Troops on parade in Kyiv on Independence…"
    assert first_words("Troops on parade") == "Troops on parade" and first_words("  ") is None
    assert text_report.format_finding(crafted(image_number=None, image_caption=None)).endswith(
        "no credit [decorative image: A.jpg]")
    assert text_report.format_finding(crafted(image_index=None, image_number=None)).endswith(": no credit")


MINIFIED = "fixtures/lint/minified-one-line.html"  # three photos on one line


def test_on_a_minified_page_the_column_tells_photos_apart(monkeypatch):
    from click.testing import CliRunner

    from captioncheck.cli import main

    monkeypatch.chdir(ROOT)
    findings = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", MINIFIED]).stdout)["findings"]
    text = (ROOT / MINIFIED).read_text(encoding="utf-8")
    assert [(f["line"], f["image_number"], f["image_file"]) for f in findings] == [
        (1, 1, "Lower-Town-Flood.jpg"), (1, 2, "Rescue-Boat.JPG"), (1, 3, "Sandbags.jpg")]
    columns = [f["column"] for f in findings]
    assert columns == sorted(set(columns))
    for finding in findings:  # the column is where the image's own tag starts, and the snippet is that tag
        assert text[finding["column"] - 1:].startswith(finding["snippet"])
        assert finding["snippet"].startswith("<img") and finding["image_file"] in finding["snippet"]
    log = json.loads(CliRunner().invoke(main, ["lint", "--format", "sarif", MINIFIED]).stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    regions = [result["locations"][0]["physicalLocation"]["region"] for result in run["results"]]
    assert [(r["startLine"], r["startColumn"], r["endColumn"] - r["startColumn"], r["snippet"]["text"])
            for r in regions] == [(1, f["column"], len(f["snippet"]), f["snippet"]) for f in findings]
    lines = CliRunner().invoke(main, ["lint", MINIFIED]).stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:3]] == [f"{MINIFIED}:1:{column}" for column in columns]
    github_out = CliRunner().invoke(main, ["lint", "--format", "github", MINIFIED]).stdout
    assert f"file={MINIFIED},line=1,col={columns[0]},title=CC101" in github_out


def test_no_column_where_it_cannot_be_told_exactly():
    from captioncheck.columns import Place, places
    from captioncheck.parse import source_text

    data = (b'<html><body><article><!-- <img src="/a.jpg"> --><img src="/a.jpg" alt="x">'
            b'<img\n src="/b.jpg" alt="y"><img src="/c.jpg"><img src="/c.jpg"></article></body></html>')
    page = extract_page("p.html", data)
    found = places(source_text(data), page, [image.index for image in page.images])
    by_src = {image.src: found.get(image.index) for image in page.images}
    # None for a file a commented-out tag names too and a tag spread over two lines; two tags of one
    # file are one image's copies, found at the first
    assert by_src == {"/a.jpg": None, "/b.jpg": None, "/c.jpg": Place(23, '<img src="/c.jpg">')}
