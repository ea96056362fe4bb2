"""CC104: an image tag that gives alt twice. libxml2 keeps one value; the others come from the bytes."""

from __future__ import annotations

from click.testing import CliRunner

from captioncheck.cli import main
from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page
from captioncheck.extract.page_index import Hints, duplicate_alts

CC104 = next(rule for rule in builtin_rules() if rule.id == "CC104")
CAPTION = "<figcaption>Smoke rises above the steelworks on Saturday. Photo: Jane Doe/AP</figcaption>"


def page_of(img: str, encoding: str = "utf-8"):
    html = f'<html><head><meta charset="{encoding}"></head><body><figure>{img}{CAPTION}</figure></body></html>'
    return extract_page("page.html", html.encode(encoding))


def test_the_page_model_alt_is_the_first_value_as_browsers_read_it():
    [image] = page_of('<img src="/smoke.jpg" alt="" alt="Grey smoke over a steel plant">').images
    assert image.alt == ""
    assert image.alt_ignored == ("Grey smoke over a steel plant",)
    [image] = page_of('<img src="/smoke.jpg" alt="Grey smoke" title="x" alt="Other words">').images
    assert (image.alt, image.alt_ignored) == ("Grey smoke", ("Other words",))


def test_a_finding_names_both_values():
    page = page_of('<img src="/smoke.jpg" alt="Photo" alt="Grey smoke over a steel plant">')
    [finding] = lint_page(page, RuleSet(((CC104, CC104.severity),))).findings
    assert finding.severity == "warning"
    assert finding.message == ("the image has two alt attributes; browsers read only the first, 'Photo' "
                               "(ignored: 'Grey smoke over a steel plant')")


def test_one_alt_and_other_alt_like_attributes_are_no_finding():
    for img in ('<img src="/smoke.jpg" alt="Grey smoke">', '<img src="/smoke.jpg" alt="Grey smoke" data-alt="x">',
                '<img src="/smoke.jpg" title=" alt=inside a value" alt="Grey smoke">'):
        [image] = page_of(img).images
        assert image.alt_ignored == (), img


def test_values_are_read_as_the_page_is_encoded_with_entities_and_quotes_of_each_kind():
    [image] = page_of("<img src=/a.jpg alt='Caf\u00e9 &amp; bar' alt=\"Caf\u00e9 > terrace\">", "cp1252").images
    assert (image.alt, image.alt_ignored) == ("Caf\u00e9 & bar", ("Caf\u00e9 > terrace",))


def test_duplicates_are_found_by_line_and_only_in_image_tags():
    data = (b'<p alt="a" alt="b">x</p>\n<img src="/a.jpg" alt="one"\n  alt="two">\n'
            b'<img src="/b.jpg" alt="">\n<amp-img src="/c.jpg" alt=x alt=y alt=z>')
    assert duplicate_alts(data) == ((3, ("one", "two")), (5, ("x", "y", "z")))
    assert Hints.of(b"<img src=a.jpg>").alt_duplicates == ()


def test_two_images_on_one_line_each_get_their_own():
    page = extract_page("page.html", (
        '<figure><img src="/one.jpg" alt="First" alt="Second">' + CAPTION + '</figure>'
        '<figure><img src="/two.jpg" alt="Third">' + CAPTION.replace("Saturday", "Sunday") + "</figure>").encode())
    assert [(image.alt, image.alt_ignored) for image in page.images] == [("First", ("Second",)), ("Third", ())]


def test_explain():
    result = CliRunner().invoke(main, ["explain", "CC104"])
    assert result.exit_code == 0
    assert result.stdout.startswith("CC104 alt-given-twice (warning, check: duplicate")
    assert 'alt="" alt="Grey smoke' in result.stdout


def test_finding_doubled_alts_reads_the_page_once():
    from captioncheck.extract import page_index

    tag = b'<img src="/a.jpg" alt="" alt="A photo">\n'
    calls = []
    real = bytes.count

    class Counting(bytes):
        def count(self, *args):
            calls.append(args[2] - args[1] if len(args) == 3 else len(self))
            return real(self, *args)

    data = Counting(tag * 2000)
    found = page_index.duplicate_alts(data)
    assert [line for line, _ in found[:3]] == [1, 2, 3] and found[-1][0] == 2000
    assert sum(calls) <= len(data)  # each byte counted once for its line, not once per tag
