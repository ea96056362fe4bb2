"""The HTML report (`--format html`): its structure against the JSON report and the page model, escaping,
determinism, the thumbnail budget, and how Chromium draws it."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import lxml.html
import pytest
import yaml
from click.testing import CliRunner
from PIL import Image as PillowImage

from captioncheck import api
from captioncheck.cli import main
from captioncheck.model import Page
from captioncheck.pipeline import Checked, Settings, check
from captioncheck.report import THUMBNAIL_BUDGET, Report, html, tool_info
from captioncheck.report.text import counted
from captioncheck.sources import read_file
from captioncheck.summary import link
from captioncheck.thumbnails import BOX
from tests import browser
from tests.helpers import FIXTURES, ROOT, assert_golden

DEMO = "fixtures/report/harbour-storm.html"  # the README's example: three saved photos and one on the web
SEED = "fixtures/extract/seed-mariupol.html"  # an error, warnings and an info on three photos
COMPLETE = "fixtures/sources/saint-malo-peche.html"  # photos saved beside it: thumbnails
LINT_COMPLETE = "fixtures/lint/embedded-credits.html"  # four photos saved beside it
POSTER = "fixtures/lint/video-poster-title.html"  # a finding on a decorative image
WARC = "fixtures/sources/saint-malo.warc.gz"  # photos in image records: thumbnails, grouped by site
GALLERY = "fixtures/lint/gallery-duplicates.html"

HOSTILE_PAGE = b"""<!DOCTYPE html><html><head>
<title>Tom &amp; Jerry &lt;/details&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;</title></head>
<body><article><h1>Story</h1><p>Text of the story, long enough to be one.</p>
<figure><img src="missing-photo.jpg" alt="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;">
<figcaption>Troops parade &lt;script&gt;document.title='pwned'&lt;/script&gt; past the &lt;b&gt;palace&lt;/b&gt;.
<span class="credit">AP Photo/J&uuml;rgen &lt;/details&gt;&lt;/article&gt;Doe</span></figcaption></figure>
</article></body></html>"""


def lint_html(tmp_path: Path, *args: str, name: str = "report.html") -> tuple[str, lxml.html.HtmlElement]:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["lint", "--format", "html", "--output", str(out), *args])
    assert result.exit_code in (0, 1), result.output
    text = out.read_text(encoding="utf-8")
    return text, lxml.html.document_fromstring(text)


def lint_json(*args: str) -> dict:
    return json.loads(CliRunner().invoke(main, ["lint", "--format", "json", *args]).stdout)


def css(element, selector: str) -> list:
    """The elements under `element` that a simple CSS selector matches ("ul.a li, .b"): tags, classes,
    descendants; in document order."""
    paths = []
    for alternative in selector.split(","):
        steps = []
        for step in alternative.split():
            tag, *classes = step.split(".")
            steps.append((tag or "*") + "".join(
                f"[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in classes))
        paths.append(".//" + "//".join(steps))
    return element.xpath(" | ".join(paths))


def cards_of(page: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return css(page, "article.card")


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def field(card, kind: str) -> str | None:
    found = css(card, f"dd.{kind}")
    return None if "none" in found[0].classes else found[0].text_content()


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the reports are relative to the repository


# Structure


def test_each_card_shows_the_photo_as_printed_and_its_findings(tmp_path):
    _, document = lint_html(tmp_path, SEED)
    page = document.get_element_by_id("p1")
    cards = cards_of(page)
    model = api.extract(SEED)
    assert len(cards) == len(model.editorial) == 3
    for card, image in zip(cards, model.editorial, strict=True):
        assert field(card, "caption") == image.caption
        assert field(card, "credit") == image.credit
        assert field(card, "alt") == image.alt
    # Findings beside each card, coloured by the worst of them: the JSON report's, photo by photo.
    found = [[(item.get("data-rule"), item.get("data-severity")) for item in css(card, "li.finding")]
             for card in cards]
    assert found == [[("CC101", "warning"), ("CC301", "error")], [("CC101", "warning")], [("CC401", "info")]]
    assert [card.get("class") for card in cards] == ["card worst-error", "card worst-warning", "card worst-info"]
    messages = {(f["image_number"], f["rule_id"]): f["message"] for f in lint_json(SEED)["findings"]}
    for number, card in enumerate(cards, 1):
        for item in css(card, "li.finding"):
            assert text_of(css(item, ".message")[0]) == " ".join(messages[number, item.get("data-rule")].split())
    # The restrictions printed in the credit, and the editorial confidence with its evidence.
    restrictions = [code.text for code in css(cards[0], "dd.restrictions .code")]
    assert restrictions == [r.code for r in model.editorial[0].restrictions]
    assert text_of(css(cards[0], "dd.confidence")[0]).startswith(f"{model.editorial[0].confidence:.0%} sure")
    assert "caption from" in text_of(css(cards[0], "details.evidence")[0])
    # The page: its title, path, URL and time; decorative images folded away with their reasons.
    assert text_of(css(page, ".page-title")[0]) == model.title
    assert text_of(css(page, ".page-path")[0]) == SEED
    assert model.url in text_of(css(page, ".page-meta")[0]) and model.published in text_of(page)
    decorative = css(page, "details.decorative li")
    assert len(decorative) == len(model.images) - len(model.editorial)
    assert all(": " in text_of(item) for item in decorative)
    assert page.tag == "details" and page.get("open") is None  # collapsed


def card_summary(card) -> dict:
    """A card as the golden file records it: what it shows, where its photo comes from, its findings."""
    [img] = css(card, "img") or [None]
    source = "none" if img is None else "embedded" if img.get("src").startswith("data:image/jpeg") else "linked"
    return {"photo": text_of(css(card, "h3")[0]), "caption": field(card, "caption"), "credit": field(card, "credit"),
            "alt": field(card, "alt"), "restrictions": [code.text for code in css(card, "dd.restrictions .code")],
            "thumbnail": source, "worst": card.get("class").partition("worst-")[2] or "none",
            "findings": [f"{item.get('data-severity')} {item.get('data-rule')}" for item in css(card, "li.finding")]}


def test_example_page_cards_match_the_golden_file(tmp_path):
    golden = FIXTURES / "report" / "harbour-storm.cards.yaml"
    _, document = lint_html(tmp_path, DEMO)
    got = [card_summary(card) for card in cards_of(document)]
    assert_golden(golden, "# The cards of `captioncheck lint --format html fixtures/report/harbour-storm.html`"
                          " (tests/test_html_report.py)\n" + yaml.safe_dump(got, allow_unicode=True, sort_keys=False))


def test_every_fixture_page_gets_one_card_per_editorial_image(tmp_path):
    _, document = lint_html(tmp_path, "fixtures/extract", "fixtures/lint")
    pages = css(document, "details.page")
    report = lint_json("fixtures/extract", "fixtures/lint")
    assert len(pages) == report["summary"]["files"]
    assert len(cards_of(document)) == report["summary"]["editorial_images"]
    for page in pages:
        path = text_of(css(page, ".page-path")[0])
        if not path.endswith(".html") or path.endswith("empty.html"):
            continue
        model = api.extract(path)
        cards = cards_of(page)
        assert [field(card, "caption") for card in cards] == [image.caption for image in model.editorial], path
        assert [field(card, "credit") for card in cards] == [image.credit for image in model.editorial], path
    # Every finding is on the page it belongs to, once in the page's list.
    listed = sorted((text_of(css(page, ".page-path")[0]), item.get("data-rule"))
                    for page in pages for item in css(page, "ul.page-findings li, ul.photo-findings li"))
    assert listed == sorted((f["path"], f["rule_id"]) for f in report["findings"])


def test_findings_link_to_their_card_and_page_findings_stay_on_the_page(tmp_path):
    _, document = lint_html(tmp_path, SEED, POSTER, "fixtures/lint/empty.html")
    ids = {element.get("id") for element in document.iter() if element.get("id")}
    links = css(document, "ul.photo-findings a")
    assert len(links) == 4 and all(link.get("href")[1:] in ids for link in links)
    first = links[0].get("href")[1:]
    assert document.get_element_by_id(first).tag == "article"
    # The poster is decorative: its finding is listed on the page, linked to its entry in the folded list.
    poster = document.get_element_by_id("p2")
    [item] = css(poster, "ul.page-findings li")
    assert item.get("data-rule") == "CC301" and item.get("data-severity") == "error"
    target = css(item, "a")[0].get("href")[1:]
    assert document.get_element_by_id(target).getparent().getparent().get("class") == "decorative"
    # An unreadable page has no photos, only its page-level finding.
    empty = document.get_element_by_id("p3")
    assert cards_of(empty) == [] and [li.get("data-rule") for li in css(empty, "ul.page-findings li")] == ["CC001"]


def test_summary_counts_rules_severities_and_the_pages_with_most_findings(tmp_path):
    _, document = lint_html(tmp_path, SEED, GALLERY, COMPLETE, WARC)
    report = lint_json(SEED, GALLERY, COMPLETE, WARC)
    tiles = [f"{text_of(css(tile, 'b')[0])} {text_of(css(tile, 'span')[0])}" for tile in css(document, ".tiles .tile")]
    counts = report["summary"]["findings"]
    assert tiles == ["5 pages", counted(report["summary"]["editorial_images"], "editorial photo"),
                     counted(counts["error"], "error"), counted(counts["warning"], "warning"),
                     counted(counts["info"], "info")]
    assert tiles[2] == "1 error"  # a count of one is singular
    rows = {css(row, "button")[0].get("data-rule"): int(text_of(css(row, "td.n")[0]))
            for row in css(document, "table.rules tbody tr")}
    expected: dict[str, int] = {}
    for finding in report["findings"]:
        expected[finding["rule_id"]] = expected.get(finding["rule_id"], 0) + 1
    assert rows == expected
    groups = {text_of(css(group, "h3")[0]).split(" ")[0]: group for group in css(document, ".group")}
    # Saved files by folder; the archive's pages by the site they came from.
    assert set(groups) == {"fixtures/extract", "fixtures/lint", "fixtures/sources", "news.example"}
    top = css(groups["fixtures/extract"], "ol.worst a")[0]
    assert top.get("href") == "#p1" and text_of(top) == api.extract(SEED).title


# Escaping and determinism


def test_page_text_is_escaped_data_never_markup(tmp_path):
    page = tmp_path / "hostile.html"
    page.write_bytes(HOSTILE_PAGE)
    text, document = lint_html(tmp_path, str(page))
    assert len(css(document, "script")) == 1  # the report's own
    assert "<script>document.title" not in text and "<img src=x" not in text and "</details></article>" not in text
    [card] = cards_of(document)
    assert "<script>document.title='pwned'</script>" in field(card, "caption")
    assert "<b>palace</b>" in field(card, "caption")
    assert field(card, "alt") == '"><img src=x onerror=alert(2)>'
    assert text_of(css(document, ".alt-fallback")[0]).endswith('"><img src=x onerror=alert(2)>')
    assert "</details>" in text_of(css(document, ".page-title")[0])
    assert len(css(document, "details.page")) == 1 and len(css(document, "article")) == 1


def test_same_input_same_bytes_with_jobs_and_cache(tmp_path):
    args = [SEED, COMPLETE, WARC, GALLERY, "fixtures/lint/embedded-credits.html"]
    first, _ = lint_html(tmp_path, "--jobs", "1", *args, name="a.html")
    again, _ = lint_html(tmp_path, "--jobs", "2", *args, name="b.html")
    cache = str(tmp_path / "cache")
    cold, _ = lint_html(tmp_path, "--jobs", "1", "--cache", cache, *args, name="c.html")
    warm, _ = lint_html(tmp_path, "--jobs", "1", "--cache", cache, *args, name="d.html")
    assert first == again == cold == warm
    assert "data:image/jpeg;base64," in first  # the saved photos are in it, from the cache too
    assert date.today().isoformat() not in first  # no time of the run


def test_other_formats_pay_nothing_for_summaries(tmp_path):
    [document] = list(read_file(COMPLETE, 10**7))
    assert check(document, Settings()).summary is None
    checked = check(document, Settings(summaries=True))
    assert [image.caption for image in checked.summary.images] == [i.caption for i in api.extract(COMPLETE).editorial]
    assert all(image.thumbnail for image in checked.summary.images)
    assert Checked.from_json(checked.to_json()) == checked  # what --cache keeps
    assert "thumbnail" not in json.dumps(lint_json(COMPLETE))


# Thumbnails


def test_thumbnails_are_small_jpegs_of_the_saved_photo(tmp_path):
    page = tmp_path / "story.html"
    page.write_bytes((FIXTURES / "sources" / "saint-malo-peche.html").read_bytes())
    folder = tmp_path / "saint-malo-peche_files"
    folder.mkdir()
    PillowImage.new("RGB", (3000, 2000), (200, 30, 40)).save(folder / "harbour.jpg", quality=95)
    PillowImage.new("RGBA", (300, 600), (0, 90, 200, 128)).save(folder / "market.jpg".replace(".jpg", ".png"))
    (folder / "market.jpg").write_bytes((folder / "market.png").read_bytes())  # a PNG under a .jpg name
    summary = check(next(read_file(str(page), 10**7)), Settings(summaries=True)).summary
    sizes = []
    for image in summary.images:
        prefix = "data:image/jpeg;base64,"
        assert image.thumbnail.startswith(prefix)
        with PillowImage.open(io.BytesIO(base64.b64decode(image.thumbnail[len(prefix):]))) as made:
            assert made.format == "JPEG" and made.size == image.thumbnail_size
            sizes.append(made.size)
            if image.number == 1:
                assert made.getpixel((10, 10))[0] > 150  # the photo's red, not a blank
    assert sizes == [(BOX[0], BOX[0] * 2 // 3), (BOX[1] // 2, BOX[1])]  # the photos' shapes, never larger
    assert sum(len(image.thumbnail) for image in summary.images) < 20_000


def test_past_the_thumbnail_budget_photos_are_linked_lazily(tmp_path):
    assert THUMBNAIL_BUDGET == 4_000_000  # documented in README.md ("HTML report")
    settings = Settings(summaries=True)
    story, other = (check(next(read_file(path, 10**7)), settings) for path in (COMPLETE, LINT_COMPLETE))
    first, second = (len(image.thumbnail) for image in story.summary.images)
    assert all(image.thumbnail for image in other.summary.images)
    report = Report(tool=tool_info(), thumbnail_room=first + second - 1)
    report.add(story)
    report.add(other)  # the budget is spent: the next page's photos are linked, even the small ones
    kept = [image.thumbnail is not None for page in report.pages for image in page.images]
    assert kept == [True] + [False] * (1 + len(other.summary.images))
    assert report.thumbnails_linked == 1 + len(other.summary.images)
    parsed = lxml.html.document_fromstring(html.render(report))
    assert "5 saved photos past the thumbnail budget linked" in text_of(css(parsed, "header .facts")[0])
    images = css(parsed, "article.card img")
    assert images[0].get("src").startswith("data:image/jpeg;base64,") and images[0].get("loading") is None
    assert (images[1].get("src"), images[1].get("loading")) == ("fixtures/sources/saint-malo-peche_files/market.jpg",
                                                                 "lazy")
    assert [img.get("src") for img in images[2:]] == [
        f"fixtures/lint/{image.src}" for image in other.summary.images]


def test_photos_of_archived_pages_link_to_their_url_and_saved_files_beside_the_page():
    report = api.lint([WARC], summaries=True)
    assert [image.link for page in report.pages for image in page.images] == [
        "https://news.example/2024/05/saint-malo-peche_files/harbour.jpg",
        "https://news.example/2024/05/saint-malo-peche_files/market.jpg", "https://news.example/images/ferry.jpg"]
    assert all(image.thumbnail for page in report.pages for image in page.images)  # the archive's image records
    saved = Page(path="site/2024/story.html", url="https://news.example/2024/story")
    assert link(saved, "story_files/a.jpg") == "site/2024/story_files/a.jpg"
    assert link(saved, "https://cdn.example/a.jpg") == "https://cdn.example/a.jpg"
    assert link(saved, "//cdn.example/a.jpg") == "https://cdn.example/a.jpg"
    assert link(saved, "/img/a.jpg") is None  # the site's root is not known for a saved file
    for script in ("javascript:alert(1)", " JavaScript:alert(1)", "vbscript:x", "data:image/svg+xml,<svg/>"):
        assert link(saved, script) is None


# Command line


def test_side_output_and_help(tmp_path):
    out = tmp_path / "side.html"
    result = CliRunner().invoke(main, ["lint", "-o", f"html={out}", SEED])
    assert result.exit_code == 1 and "CC301" in result.stdout  # the text report as usual
    assert len(cards_of(lxml.html.document_fromstring(out.read_text(encoding="utf-8")))) == 3
    help_text = CliRunner().invoke(main, ["lint", "--help"]).stdout
    assert "html" in help_text and "html=report.html" in help_text


# In a browser


def _browser_or_skip() -> None:
    if browser.find_browser() is None:
        pytest.skip("no Chromium or Chrome found (.ci/run installs Debian's chromium when it runs as root)")


def test_chromium_draws_the_report_with_one_card_per_photo(tmp_path):
    _browser_or_skip()
    hostile = tmp_path / "hostile.html"
    hostile.write_bytes(HOSTILE_PAGE)
    shutil.copytree(ROOT / "fixtures" / "sources" / "saint-malo-peche_files", tmp_path / "saint-malo-peche_files")
    shutil.copy(ROOT / COMPLETE, tmp_path / "saint-malo-peche.html")
    report = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["lint", "--format", "html", "--output", str(report), SEED, str(hostile),
                                       str(tmp_path / "saint-malo-peche.html")])
    assert result.exit_code == 1, result.output
    try:
        dom = lxml.html.document_fromstring(browser.dump_dom(report, fragment="#p2-1"))
        png = tmp_path / "report.png"
        browser.screenshot(report, png, (1280, 1600), fragment="#p1")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        pytest.fail(f"the browser failed: {error}")
    # The scripts ran: the link opened its page, filters counted, nothing from the page ran.
    assert dom.get_element_by_id("p2").get("open") is not None
    assert text_of(dom.get_element_by_id("shown")) == "3 pages"
    assert "pwned" not in dom.findtext(".//title")
    editorial = sum(len(api.extract(path).editorial) for path in (SEED, hostile, tmp_path / "saint-malo-peche.html"))
    assert len(cards_of(dom)) == editorial == 6
    # The missing photo shows its alt text; the saved ones are drawn from the report itself.
    assert "failed" in css(dom.get_element_by_id("p2-1"), ".thumb")[0].classes
    assert all(img.get("src").startswith("data:") for img in css(dom.get_element_by_id("p3"), "img"))
    with PillowImage.open(png) as shot:
        colours = shot.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # not blank: text, badges, boxes
    error_red = (0xCF, 0x22, 0x2E)  # the open page's first card has an error: its border is drawn red
    reds = sum(count for count, colour in colours
               if all(abs(a - b) < 8 for a, b in zip(colour, error_red, strict=True)))
    assert reds > 200


def test_chromium_filters_pages_by_rule_and_errors(tmp_path):
    _browser_or_skip()
    text, _ = lint_html(tmp_path, SEED, COMPLETE, GALLERY)  # CC301 error and CC101; CC501; CC102 and CC103
    # What clicks do: a script of the test's own (the report's policy dropped) picks filters after load.
    errors_only = """const errors = document.getElementById("f-errors"); errors.checked = true;
      errors.dispatchEvent(new Event("change"));"""
    rule = """document.querySelector('button.rule-filter[data-rule="CC102"]').click();"""
    runs = {}
    for name, clicks in (("errors", errors_only), ("both", errors_only + rule)):
        page = tmp_path / f"{name}.html"
        script = f'<script>document.addEventListener("DOMContentLoaded", () => {{ {clicks} }});</script>'
        page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
                        .replace("</body>", script + "</body>"), encoding="utf-8")
        runs[name] = lxml.html.document_fromstring(browser.dump_dom(page))
    shown = {name: [page.get("id") for page in css(dom, "details.page") if page.get("hidden") is None]
             for name, dom in runs.items()}
    assert shown == {"errors": ["p1"], "both": []}  # only the Mariupol page has an error; none has both
    assert text_of(runs["errors"].get_element_by_id("shown")) == "1 of 3 pages"
    assert text_of(runs["both"].get_element_by_id("shown")) == "0 of 3 pages"
    # Findings of other rules than the one picked are dimmed, not hidden.
    assert all("dim" in item.classes for item in css(runs["both"], "li.finding") if item.get("data-rule") != "CC102")
