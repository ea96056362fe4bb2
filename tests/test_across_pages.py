"""The rules across pages (CC105, CC205, CC306): golden runs over the fixture sites, the pages that
must stay silent, and the same findings whatever the run: --jobs, --cache, streamed, the API."""

from __future__ import annotations

import json
import pickle
import shutil
from collections import defaultdict
from dataclasses import fields

import pytest
import yaml
from click.testing import CliRunner

import captioncheck
from captioncheck import pipeline
from captioncheck.cli import main
from captioncheck.engine.keys import ImageKey, photo_of, site_of
from captioncheck.engine.rules import Example, builtin_rules
from captioncheck.pipeline import Checked, Settings, check
from captioncheck.rule_tools import example_findings
from captioncheck.sources import read_file
from tests.helpers import FIXTURES, ROOT, assert_golden, count_checks
from tests.make_fixtures import SITE_FILES

SITES = FIXTURES / "sites"
RUNS = yaml.safe_load((SITES / "runs.yaml").read_text(encoding="utf-8"))
PORT = "fixtures/sites/port-strike"
SUMMIT = "fixtures/sites/summit-handouts"
ACROSS = ("CC105", "CC205", "CC306")


def lint(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout


def across_findings(*args) -> dict[str, list[tuple[str, str]]]:
    """Rule id -> (page file name, message) of the rules across pages, from the JSON report."""
    _, out = lint("--format", "json", *args)
    found = defaultdict(list)
    for finding in json.loads(out)["findings"]:
        if finding["rule_id"] in ACROSS:
            found[finding["rule_id"]].append((finding["path"].rsplit("/", 1)[-1], finding["message"]))
    return dict(found)


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in reports are relative to the repository


def test_site_files_are_as_make_fixtures_writes_them():
    for name, data in SITE_FILES.items():
        assert (FIXTURES / name).read_bytes() == data, f"run python -m tests.make_fixtures: {name}"


@pytest.mark.parametrize("name", sorted(RUNS))
def test_site_run_matches_golden_file(name):
    run = RUNS[name]
    golden = SITES / f"{name}.lint.txt"
    _, got = lint("--jobs", "1", *run["options"], f"fixtures/sites/{run['site']}")
    assert_golden(golden, got)


def test_port_strike_findings_are_on_each_page_involved_naming_the_other():
    found = across_findings(PORT)
    assert sorted(found) == ["CC105", "CC205"]
    first, second = "2024-05-02-dockers-walk-out.html", "2024-05-03-strike-day-two.html"
    assert found["CC205"] == [
        (first, f"this photo is credited 'REUTERS/Ana Silva' here but 'Ana Silva/AFP via Getty Images' on "
                f"{PORT}/{second}"),
        (second, f"this photo is credited 'Ana Silva/AFP via Getty Images' here but 'REUTERS/Ana Silva' on "
                 f"{PORT}/{first}"),
    ]
    assert found["CC105"] == [
        (first, f"the same caption is printed under a different photo on {PORT}/{second}"),
        (second, f"the same caption is printed under a different photo on {PORT}/{first}"),
    ]


def test_silent_pages_stay_silent():
    pages = {page for findings in (*across_findings(PORT).values(), *across_findings(SUMMIT).values())
             for page, _ in findings}
    # Same photo with the same credit (another form of it); different photos with their own captions;
    # a restricted photo inside its window; a NO ARCHIVES photo again within the same news cycle.
    for silent in ("2024-05-06-talks-resume.html", "2024-05-07-port-reopens.html", "2024-05-10-summit-talks.html",
                   "2024-05-02-depot-fire-update.html", "2024-05-02-summit-opens.html",
                   "2024-05-03-rocket-launch.html"):
        assert silent not in pages


def test_restricted_photos_republished_past_their_terms():
    found = across_findings(SUMMIT)
    assert sorted(found) == ["CC306"]
    assert [page for page, _ in found["CC306"]] == [
        "2024-05-30-launch-review.html", "2024-06-20-summit-review.html", "2024-06-20-summit-review.html"]
    launch, until, barred = (message for _, message in found["CC306"])
    # The window is only in the image file, known on both pages by its bytes (two folders, two URLs).
    assert "MAY ONLY BE USED FOR 14 DAYS" in launch and "more than 14 days after the photo first ran, on " \
        f"{SUMMIT}/2024-05-03-rocket-launch.html (2024-05-03T14:20:00Z)" in launch
    assert until.startswith(f"the photo's instructions say FOR USE UNTIL MAY 16, 2024 (on {SUMMIT}/2024-05-02-summit-"
                            "opens.html): this page was published 2024-06-20T08:00:00Z")
    assert barred.startswith(f"the photo's instructions say NO ARCHIVES (on {SUMMIT}/2024-05-02-summit-opens.html)")


def test_archive_context_flags_pages_without_the_instructions_and_leaves_the_rest_to_cc302():
    _, out = lint("--format", "json", "--context", "archive", SUMMIT)
    by_page = defaultdict(set)
    for finding in json.loads(out)["findings"]:
        by_page[finding["path"].rsplit("/", 1)[-1], finding["image_number"]].add(finding["rule_id"])
    assert "CC306" in by_page["2024-05-02-depot-fire-update.html", 1]  # NO ARCHIVES printed on another page
    assert "CC306" in by_page["2024-05-10-summit-talks.html", 1]  # time-limited, even inside its window
    opening = by_page["2024-05-02-summit-opens.html", 2]  # prints NO ARCHIVES itself
    assert "CC302" in opening and "CC306" not in opening


def test_same_findings_with_jobs_cache_and_both(tmp_path, monkeypatch):
    plain = lint("--jobs", "1", "--format", "json", "fixtures/sites")
    assert plain[0] == 1 and all(rule in plain[1] for rule in ACROSS)
    for output_format in ("json", "sarif", "text"):
        assert lint("--jobs", "2", "--format", output_format, "fixtures/sites") == \
            lint("--jobs", "1", "--format", output_format, "fixtures/sites")
    cache = tmp_path / "cache"
    assert lint("--jobs", "1", "--cache", str(cache), "--format", "json", "fixtures/sites") == plain
    checked = count_checks(monkeypatch)
    # Every page from the cache: their keys still meet, so the findings across pages are all there.
    assert lint("--jobs", "1", "--cache", str(cache), "--format", "json", "fixtures/sites") == plain
    assert checked == []
    monkeypatch.undo()
    assert lint("--jobs", "2", "--cache", str(cache), "--format", "json", "fixtures/sites") == plain


def test_a_changed_page_changes_the_findings_on_the_unchanged_one(tmp_path):
    site = tmp_path / "port"
    shutil.copytree(ROOT / PORT, site)
    cache = str(tmp_path / "cache")
    assert "CC205" in across_findings("--cache", cache, str(site))
    second = site / "2024-05-03-strike-day-two.html"
    second.write_text(second.read_text().replace("Ana Silva/AFP via Getty Images", "REUTERS/Ana Silva"))
    assert "CC205" not in across_findings("--cache", cache, str(site))  # the first page came from the cache


def test_streamed_jsonl_writes_them_after_every_page_and_counts_them():
    code, streamed = lint("--jobs", "2", "--format", "jsonl", "fixtures/sites")
    lines = [json.loads(line) for line in streamed.splitlines()]
    _, report = lint("--jobs", "1", "--format", "json", "fixtures/sites")
    assert sorted(lines, key=json.dumps) == sorted(json.loads(report)["findings"], key=json.dumps)
    rules = [line["rule_id"] for line in lines]
    first_across = min(rules.index(rule) for rule in ACROSS)
    assert set(rules[first_across:]) <= set(ACROSS) and set(rules[:first_across]).isdisjoint(ACROSS)
    # Only CC306 errors: the exit code still sees them, though they come after the last page.
    assert lint("--format", "jsonl", "--select", "CC306", "fixtures/sites")[0] == 1
    assert lint("--format", "jsonl", "-qq", "--select", "CC306", "fixtures/sites") == (1, "")
    assert lint("--format", "jsonl", "--select", "CC306", "--fail-on", "error", PORT)[0] == 0


def test_select_ignore_and_severity_apply(tmp_path):
    assert sorted(across_findings("--select", "CC205", PORT)) == ["CC205"]
    assert sorted(across_findings("--ignore", "CC2", PORT)) == ["CC105"]
    config = tmp_path / "cc.yaml"
    config.write_text("severity: {credit-differs-across-pages: error}\n"
                      "per_file_ignores:\n  'fixtures/sites/port-strike/2024-05-03-*': [CC205]\n")
    _, out = lint("--format", "json", "--config", str(config), "--select", "CC205", PORT)
    found = json.loads(out)["findings"]
    assert [(f["path"].rsplit("/", 1)[-1], f["severity"]) for f in found] == [
        ("2024-05-02-dockers-walk-out.html", "error")]


def test_in_page_suppressions_silence_them_and_unused_ones_are_reported(tmp_path):
    site = tmp_path / "port"
    shutil.copytree(ROOT / PORT, site)
    first = site / "2024-05-02-dockers-walk-out.html"
    html = first.read_text()
    html = html.replace('<figure class="wp-block-image size-large"><img decoding="async" src="https://harbourledger',
                        '<figure class="wp-block-image size-large" data-captioncheck-ignore="CC205">'
                        '<img decoding="async" src="https://harbourledger', 1)
    html = html.replace('<figure class="wp-block-image size-large"><img decoding="async" loading="lazy"',
                        '<figure class="wp-block-image size-large" data-captioncheck-ignore="CC306">'
                        '<img decoding="async" loading="lazy"', 1)
    first.write_text(html)
    _, out = lint("--format", "json", "--report-unused-suppressions", "--select", "CC105,CC205,CC306,CC003",
                  str(site))
    report = json.loads(out)
    got = sorted((f["path"].rsplit("/", 1)[-1], f["image_number"], f["rule_id"], f["message"])
                 for f in report["findings"])
    assert got == [
        ("2024-05-02-dockers-walk-out.html", 2, "CC003",
         "the suppression of CC306 silences nothing on this image: remove it"),
        ("2024-05-02-dockers-walk-out.html", 2, "CC105",
         f"the same caption is printed under a different photo on {site}/2024-05-03-strike-day-two.html"),
        ("2024-05-03-strike-day-two.html", 1, "CC205",
         f"this photo is credited 'Ana Silva/AFP via Getty Images' here but 'REUTERS/Ana Silva' on "
         f"{site}/2024-05-02-dockers-walk-out.html"),
        ("2024-05-03-strike-day-two.html", 2, "CC105",
         f"the same caption is printed under a different photo on {site}/2024-05-02-dockers-walk-out.html"),
    ]
    assert report["summary"]["suppressed"] == 1


def test_the_api_gives_the_command_line_findings():
    report = captioncheck.lint(["fixtures/sites"])
    _, out = lint("--jobs", "1", "--format", "json", "fixtures/sites")
    assert [finding.to_dict() for finding in report.findings] == json.loads(out)["findings"]
    assert {finding.rule_id for finding in report.findings} >= set(ACROSS)
    assert report.exit_code() == 1
    assert [f.rule_id for f in captioncheck.lint([PORT], select="CC205").findings] == ["CC205", "CC205"]


def _story(paragraphs: int) -> bytes:
    figures = "".join(f'<figure><img src="https://news.example/img/photo-{n}.jpg" alt=""><figcaption>The harbour '
                      f"at dawn, number {n} of the series. Photo: Jane Doe</figcaption></figure>" for n in range(20))
    text = "<p>The strike went into its second week with no talks planned and ships waiting offshore.</p>"
    return f"<html><body><article>{text * paragraphs}{figures}{text * paragraphs}</article></body></html>".encode()


def test_a_page_carries_only_small_keys_and_nothing_without_a_rule_across_pages():
    [document] = read_file(f"{PORT}/2024-05-02-dockers-walk-out.html")
    checked = check(document, Settings())
    assert [field.name for field in fields(Checked)] == [
        "path", "editorial_images", "findings", "suppressed", "summary", "keys"]
    assert [key.number for key in checked.keys] == [1, 2]
    assert all(isinstance(getattr(key, field.name), (str, int, float, tuple, type(None)))
               for key in checked.keys for field in fields(ImageKey))
    assert Checked.from_json(checked.to_json()) == checked  # what the cache keeps
    no_rule_across = Settings(select=("CC101", "CC2"), ignore=("CC205",))
    assert check(document, no_rule_across).keys == ()  # nothing kept
    # What a page leaves for the index grows with its photos, not with its text.
    short, long = (check(pipeline.Document("story.html", _story(n)), Settings()) for n in (5, 2000))
    assert len(long.keys) == len(short.keys) == 20
    sizes = [len(pickle.dumps(checked.keys)) for checked in (short, long)]  # the columns are longer numbers
    assert sizes[1] < 1.02 * sizes[0] < 20 * 500 and len(_story(2000)) > 100 * sizes[1]


def test_photo_identity():
    assert site_of("https://cdn.harbourledger.example/a.jpg") == site_of("https://harbourledger.example/") \
        == "harbourledger.example"
    assert site_of("https://www.news.example.co.uk/story") == "example.co.uk"
    assert site_of(None) == site_of("/local/path.html") == ""
    page = captioncheck.extract(ROOT / PORT / "2024-05-02-dockers-walk-out.html")
    lead = page.editorial[0]
    assert photo_of(lead, page, None) == "url:harbourledger.example/wp-content/uploads/2024/05/port-strike"
    assert photo_of(lead, page, "abc") == "file:abc"  # the file's bytes, where the document carries it
    # A relative path on a saved page with no URL is the file beside that page, not any page's.
    from dataclasses import replace
    saved = replace(page, url=None, path="site/a/story.html")
    relative = replace(lead, src="img/photo.jpg", srcset=())
    assert photo_of(relative, saved, None) == "url:site/a/img/photo"
    assert photo_of(relative, replace(saved, path="site/b/story.html"), None) == "url:site/b/img/photo"


def _cc306(*pages: tuple[str, str], context: str | None = None) -> list[tuple[str, str]]:
    """CC306's findings on a run of pages, each (publication time, caption with its credit)."""
    rules = builtin_rules()
    [rule] = [rule for rule in rules if rule.id == "CC306"]
    html = tuple(f'<meta property="article:published_time" content="{published}"><figure><img src="/p/launch.jpg" '
                 f'alt=""><figcaption>{caption}</figcaption></figure>' for published, caption in pages)
    found, _ = example_findings(rule, Example("", context, pages=html), rules)
    return [(finding.path, finding.message) for finding in found]


def test_days_count_from_the_day_the_words_name_else_from_the_first_page():
    named = "The rocket lifts off. NASA/Handout via REUTERS. MAY ONLY BE USED FOR 14 DAYS FROM MAY 1, 2024"
    plain = "The rocket on its pad. NASA/Handout via REUTERS"
    # From 1 May: the 16th is past the window, though it is only six days after the first page.
    assert [path for path, _ in _cc306(("2024-05-10T09:00:00Z", named), ("2024-05-16T09:00:00Z", plain))] == [
        "example-2.html"]
    counted = "The rocket lifts off. NASA/Handout via REUTERS. MAY ONLY BE USED FOR 14 DAYS"
    assert _cc306(("2024-05-10T09:00:00Z", counted), ("2024-05-16T09:00:00Z", plain)) == []
    [(path, message)] = _cc306(("2024-05-10T09:00:00Z", counted), ("2024-05-25T09:00:00Z", plain))
    assert path == "example-2.html" and message.endswith(
        "more than 14 days after the photo first ran, on example-1.html (2024-05-10T09:00:00Z)")


def test_no_archives_within_the_grace_hours_is_the_same_news_cycle():
    barred = "Smoke over the depot. CITY FIRE SERVICE/Handout via REUTERS NO RESALES. NO ARCHIVES."
    again = "The depot fire. CITY FIRE SERVICE/Handout via REUTERS"
    assert _cc306(("2024-05-02T09:00:00Z", barred), ("2024-05-03T08:59:00Z", again)) == []
    assert [path for path, _ in _cc306(("2024-05-02T09:00:00Z", barred), ("2024-05-03T09:00:00Z", again))] == [
        "example-2.html"]
    # A page without a publication time is judged by the archive context alone.
    assert _cc306(("2024-05-02T09:00:00Z", barred), ("", again)) == []
    assert [path for path, _ in _cc306(("2024-05-02T09:00:00Z", barred), ("", again), context="archive")] == [
        "example-2.html"]


def test_a_gallery_saved_twice_is_cc103s_not_cc105s():
    rules = builtin_rules()
    [rule] = [rule for rule in rules if rule.id == "CC105"]
    figure = ('<figure><img src="https://news.example/img/{}.jpg" alt=""><figcaption>Crowds gather in the main '
              "square on Sunday evening.</figcaption></figure>")
    gallery = '<link rel="canonical" href="https://news.example/{}">' + figure.format("one") + figure.format("two")
    twice = Example("", pages=(gallery.format("a"), gallery.format("a?page=2")))
    assert example_findings(rule, twice, rules)[0] == []
    # A page that prints it under the first photo alone is told of the page that also has the second.
    alone = Example("", pages=(gallery.format("a"), '<link rel="canonical" href="https://news.example/b">'
                               + figure.format("one")))
    assert [(finding.path, finding.image_number) for finding in example_findings(rule, alone, rules)[0]] == [
        ("example-1.html", 2)]


def test_the_html_report_shows_them_on_their_photos_cards(tmp_path):
    from tests.test_html_report import cards_of, css, lint_html

    _, document = lint_html(tmp_path, PORT)
    pages = css(document, "details.page")  # in input order: the four days of the strike
    found = [[[item.get("data-rule") for item in css(card, "li.finding") if item.get("data-rule") in ACROSS]
              for card in cards_of(page)] for page in pages]
    assert found == [[["CC205"], ["CC105"]], [["CC205"], ["CC105"]], [[], []], [[], []]]
