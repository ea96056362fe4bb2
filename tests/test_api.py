"""The Python API (`import captioncheck`): the command line's results, as objects."""

from __future__ import annotations

import configparser
import doctest
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import captioncheck
import captioncheck.api
from captioncheck.cli import main
from tests.helpers import EXTRACT_FIXTURES, FIXTURES, ROOT

SEED = str(EXTRACT_FIXTURES / "seed-mariupol.html")
LINT_FOLDER = str(FIXTURES / "lint")
SOURCES = FIXTURES / "sources"


def cli(*args: str, stdin: bytes | None = None, cwd: Path) -> tuple[int, dict]:
    """`captioncheck ARGS` with its JSON output, run where no configuration file is found."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), input=stdin)
    finally:
        os.chdir(previous)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def as_json(page: captioncheck.Page) -> dict:
    """The page model as `captioncheck extract` prints it (tuples become lists)."""
    return json.loads(json.dumps(page.to_dict()))


# --- lint gives the command's report ---------------------------------------------------------

@pytest.mark.parametrize(("source", "options", "args"), [
    (SEED, {}, []),
    (SEED, {"context": "archive", "ignore": ["CC101"]}, ["--context", "archive", "--ignore", "CC101"]),
    (LINT_FOLDER, {}, []),
    # Named out of path order: findings come in the JSON report's order all the same.
    ([LINT_FOLDER, str(SOURCES / "*.mhtml"), SEED], {"context": "archive"}, ["--context", "archive"]),
    (str(SOURCES / "saint-malo.warc.gz"), {"select": "CC5"}, ["--select", "CC5"]),
], ids=["seed-page", "seed-page-archive", "lint-folder", "page-folder-glob", "warc-select"])
def test_lint_findings_are_the_json_reports(tmp_path, source, options, args):
    report = captioncheck.lint(source, **options)
    paths = source if isinstance(source, list) else [source]
    code, expected = cli("lint", "--format", "json", *args, *paths, cwd=tmp_path)
    assert expected["findings"], "a comparison of empty reports would prove nothing"
    assert [finding.to_dict() for finding in report.findings] == expected["findings"]
    assert report.to_dict() == expected
    assert report.exit_code() == code


def test_lint_takes_a_pathlib_path_and_names_it_as_given():
    report = captioncheck.lint(Path(SEED))
    assert {finding.path for finding in report.findings} == {SEED}
    assert report.files == 1 and report.editorial_images == 3


def test_lint_of_bytes_is_the_command_reading_standard_input(tmp_path):
    data = Path(SEED).read_bytes()
    report = captioncheck.lint(gzip.compress(data))  # recognised by content, as stdin is
    code, expected = cli("lint", "--format", "json", "-", stdin=data, cwd=tmp_path)
    assert report.to_dict() == expected
    assert {finding.path for finding in report.findings} == {"-"}
    assert report.exit_code() == code == 1


def test_lint_settings_change_the_findings():
    everything = {finding.rule_id for finding in captioncheck.lint(SEED).findings}
    assert everything == {"CC101", "CC301", "CC401"}
    assert "CC302" in {finding.rule_id for finding in captioncheck.lint(SEED, context="archive").findings}
    assert {finding.rule_id for finding in captioncheck.lint(SEED, select="CC3").findings} == {"CC301"}
    assert {finding.rule_id for finding in captioncheck.lint(SEED, ignore=["CC101", "alt-keyword-slug"]).findings
            } == {"CC301"}


def test_exit_code_follows_fail_on_as_the_command_does(tmp_path):
    report = captioncheck.lint(SEED, select=["CC4"])  # one info finding only
    assert [finding.severity for finding in report.findings] == ["info"]
    assert (report.exit_code(), report.exit_code("warning"), report.exit_code(fail_on="info")) == (0, 0, 1)
    for fail_on, code in (("error", 0), ("info", 1)):
        assert cli("lint", "--format", "json", "--select", "CC4", "--fail-on", fail_on, SEED, cwd=tmp_path)[0] == code


def test_an_unreadable_input_is_a_finding_not_an_exception(tmp_path):
    missing = str(tmp_path / "gone.html")
    report = captioncheck.lint([missing, SEED])
    unreadable = [finding for finding in report.findings if finding.path == missing]
    assert [finding.rule_id for finding in unreadable] == ["CC001"]
    assert any(finding.path == SEED for finding in report.findings)
    assert report.files == 2


def test_a_configuration_file_is_read_when_named_and_only_then(tmp_path):
    config = tmp_path / ".captioncheck.yaml"
    config.write_text("context: archive\nignore: [CC101]\nseverity: {CC401: warning}\n", encoding="utf-8")
    report = captioncheck.lint(SEED, config=config)
    code, expected = cli("lint", "--format", "json", "--config", str(config), SEED, cwd=tmp_path)
    assert report.to_dict() == expected
    assert report.context == "archive" and "CC101" not in {finding.rule_id for finding in report.findings}
    # Not looked for in the working folder: the defaults apply.
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert captioncheck.lint(SEED).context is None
    finally:
        os.chdir(previous)


def test_own_rule_folders_add_rules(tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "slash.yaml").write_text("""\
id: HS101
name: house-credit-style
check: pattern
params: {fields: [credit], pattern: '^[^/]+/[^/]+$', mode: require}
summary: Every credit reads Photographer/Agency.
severity: error
message: "credit '{credit}' is not in house style"
why: Our style guide asks for it.
examples:
  fail: ['<figure><img src="/a.jpg" alt=""><figcaption>A caption. Photo: Jane Doe</figcaption></figure>']
  pass: ['<figure><img src="/a.jpg" alt=""><figcaption>A caption. Photo: Jane Doe/AP</figcaption></figure>']
""", encoding="utf-8")
    page = b'<figure><img src="/a.jpg" alt=""><figcaption>A caption. Photo: Jane Doe</figcaption></figure>'
    with pytest.raises(ValueError, match="no rule is called 'HS'"):  # not without its folder
        captioncheck.lint(page, select="HS")
    for rules in ([folder], str(folder)):  # a list of folders, or one
        assert [finding.rule_id for finding in captioncheck.lint(page, rules=rules, select="HS").findings] == [
            "HS101"]


# --- bad arguments ---------------------------------------------------------------------------

def test_an_unknown_context_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown context 'archiv'") as raised:
        captioncheck.lint(SEED, context="archiv")
    assert set(captioncheck.contexts()) == {"archive", "syndication", "commercial", "magazine", "book"}
    for context in captioncheck.contexts():
        assert context in str(raised.value)


@pytest.mark.parametrize("option", ["select", "ignore"])
def test_an_unknown_rule_lists_the_rule_ids(option):
    with pytest.raises(ValueError, match="no rule is called 'CC999'") as raised:
        captioncheck.lint(SEED, **{option: ["CC999"]})
    assert "CC001" in str(raised.value) and "CC301" in str(raised.value)


def test_a_bad_fail_on_lists_the_severities():
    report = captioncheck.lint(SEED)
    with pytest.raises(ValueError, match="unknown fail_on 'fatal': use one of error, warning, info"):
        report.exit_code("fatal")


def test_bad_configuration_and_rule_folders_are_value_errors(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("contxt: archive\n", encoding="utf-8")
    with pytest.raises(ValueError, match="configuration error: .*unknown key"):
        captioncheck.lint(SEED, config=config)
    with pytest.raises(ValueError, match="configuration error"):
        captioncheck.lint(SEED, config=tmp_path / "absent.yaml")
    with pytest.raises(ValueError, match="rule file error"):
        captioncheck.lint(SEED, rules=[tmp_path / "no-such-folder"])
    (tmp_path / "empty-rules").mkdir()
    with pytest.raises(ValueError, match="no rule files"):
        captioncheck.lint(SEED, rules=[tmp_path / "empty-rules"])


def test_sources_of_the_wrong_kind():
    with pytest.raises(TypeError, match="bytes or a path"):
        captioncheck.extract(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        captioncheck.lint(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty list"):
        captioncheck.lint([])
    with pytest.raises(ValueError, match="pass the page as bytes"):
        captioncheck.extract("<html><body><img src=a.jpg></body></html>")
    with pytest.raises(ValueError, match="folder"):
        captioncheck.extract(LINT_FOLDER)
    with pytest.raises(ValueError, match="globs"):
        captioncheck.extract(str(SOURCES / "*.html"))
    with pytest.raises(ValueError, match="holds 2 pages"):
        captioncheck.extract(SOURCES / "saint-malo.warc.gz")


# --- extract gives the command's page model --------------------------------------------------

@pytest.mark.parametrize("name", ["saint-malo-peche.html", "saint-malo-peche.html.gz", "saint-malo-peche.mhtml"])
def test_extract_is_the_commands_page_model_in_every_form(tmp_path, name):
    path = str(SOURCES / name)
    page = captioncheck.extract(path)
    assert isinstance(page, captioncheck.Page)
    _, expected = cli("extract", path, cwd=tmp_path)
    assert as_json(page) == expected["pages"][0]
    assert [image.src for image in page.editorial] == ["saint-malo-peche_files/harbour.jpg",
                                                       "saint-malo-peche_files/market.jpg"]
    assert all(image.embedded is not None for image in page.editorial)  # the photo files were read


def test_extract_of_bytes_is_the_command_reading_standard_input(tmp_path):
    data = (SOURCES / "saint-malo-peche.mhtml").read_bytes()
    _, expected = cli("extract", "-", stdin=data, cwd=tmp_path)
    assert as_json(captioncheck.extract(data)) == expected["pages"][0]


def test_extract_of_a_path_object_and_a_url():
    by_text = captioncheck.extract(SEED)
    assert captioncheck.extract(Path(SEED)) == by_text
    assert [image.line for image in by_text.editorial] == [38, 56, 73]
    brief = SOURCES / "brief.html"
    assert captioncheck.extract(brief).url is None
    assert captioncheck.extract(brief, url="https://news.example/2024/05/brief").url == \
        "https://news.example/2024/05/brief"


def test_an_unreadable_page_comes_back_with_its_errors(tmp_path):
    page = captioncheck.extract(tmp_path / "gone.html")
    assert page.unreadable and page.images == () and "cannot read the file" in page.errors[0]
    assert captioncheck.extract(b"").unreadable


# --- the package -----------------------------------------------------------------------------

def test_every_public_name_resolves_and_is_documented():
    assert captioncheck.__version__ == "0.1.0"
    for name in captioncheck.__all__:
        value = getattr(captioncheck, name)
        if callable(value) and name != "Source":
            assert value.__doc__, name
    assert set(captioncheck.__all__) <= set(dir(captioncheck))


def test_import_is_light_and_extract_stays_the_function():
    """`import captioncheck` loads no parser; importing the extract subpackage hides no function."""
    code = (
        "import sys, captioncheck\n"
        "assert 'lxml' not in sys.modules and 'captioncheck.api' not in sys.modules, sorted(sys.modules)\n"
        "print(captioncheck.__version__)\n"
        "import captioncheck.cli, captioncheck.extract.images\n"
        "from captioncheck.extract import extract_page\n"
        "from captioncheck import extract\n"
        "assert extract is captioncheck.extract is captioncheck.api.extract\n"
        "print(len(captioncheck.extract(sys.argv[1]).editorial))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, SEED], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [captioncheck.__version__, "3"]


def test_docstring_examples_run():
    previous = os.getcwd()
    os.chdir(ROOT)  # the examples name fixture pages from the repository's root
    try:
        outcome = doctest.testmod(captioncheck.api, extraglobs={"captioncheck": captioncheck})
    finally:
        os.chdir(previous)
    assert outcome.attempted >= 4 and outcome.failed == 0


def test_the_type_marker_ships_with_the_package():
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg", encoding="utf-8")
    assert "py.typed" in setup["options.package_data"]["captioncheck"]
    assert (ROOT / "captioncheck" / "py.typed").is_file()


def test_the_readme_example_runs_and_prints_what_the_readme_shows():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("prints the three photos, then\n\n```\n", 1)[1].split("```", 1)[0]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 + len(shown.splitlines())
    assert lines[3:] == shown.splitlines()


def test_paths_with_no_page_and_urls_for_extract_are_value_errors(tmp_path):
    with pytest.raises(ValueError, match="no pages found"):
        captioncheck.lint(str(tmp_path))
    with pytest.raises(ValueError, match="no pages found"):
        captioncheck.lint(str(tmp_path / "nothing-*.html"))
    with pytest.raises(ValueError, match="not a URL"):
        captioncheck.extract("https://news.example/story.html")


def test_selectors_split_on_commas_as_on_the_command_line():
    both = captioncheck.lint(SEED, select="CC1,CC3")
    assert {finding.rule_id for finding in both.findings} == {"CC101", "CC301"}
