"""The credit inside the image file: IPTC IIM and XMP read from image bytes, put on the page model,
and checked by the embedded-metadata rules (CC501-CC504)."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner
from PIL import Image as PillowImage
from PIL import PngImagePlugin

from captioncheck.cli import main
from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page
from captioncheck.extract.embedded import read
from captioncheck.jpeg_metadata import app1_xmp, app13, iim, jpeg, xmp_packet
from captioncheck.sources import ArchivedAssets
from captioncheck.sources.assets import asset_key
from tests.helpers import FIXTURES

CREDITS = {"credit_line": "REUTERS/Jane Doe", "creator": "Jane Doe", "copyright_notice": "© 2024 Thomson Reuters",
           "source": "Reuters", "instructions": "MANDATORY CREDIT. NO RESALES. NO ARCHIVES."}


def with_segment(segment: bytes) -> bytes:
    base = jpeg()
    return base[:20] + segment + base[20:]  # after SOI and the 16-byte JFIF APP0


# Reading the blocks


def test_iptc_iim_fields():
    found = read(jpeg(CREDITS), "a.jpg")
    assert (found.credit_line, found.creator, found.copyright_notice, found.source, found.instructions) == (
        "REUTERS/Jane Doe", "Jane Doe", "© 2024 Thomson Reuters", "Reuters",
        "MANDATORY CREDIT. NO RESALES. NO ARCHIVES.")
    assert found.file == "a.jpg" and found.errors == ()


def test_xmp_fields_including_the_xmp_only_ones():
    found = read(jpeg(xmp={**CREDITS, "usage_terms": "Editorial use only", "web_statement": "https://x.example/t"}),
                 "a.jpg")
    assert found.credit_line == "REUTERS/Jane Doe" and found.creator == "Jane Doe"
    assert found.copyright_notice == "© 2024 Thomson Reuters"  # the x-default of a language alternative
    assert (found.usage_terms, found.web_statement) == ("Editorial use only", "https://x.example/t")


def test_xmp_wins_over_iim_and_iim_fills_the_gaps():
    found = read(jpeg({"credit_line": "Old IIM credit", "source": "AP"}, {"credit_line": "AP Photo/John Smith"}), "a")
    assert (found.credit_line, found.source) == ("AP Photo/John Smith", "AP")


def test_repeated_bylines_are_joined():
    data = iim({}) + bytes((0x1C, 2, 80, 0, 8)) + b"Jane Doe" + bytes((0x1C, 2, 80, 0, 10)) + b"John Smith"
    assert read(with_segment(app13(data)), "a").creator == "Jane Doe, John Smith"


def test_iim_text_without_a_utf8_declaration_falls_back_to_windows_1252():
    data = bytes((0x1C, 2, 110, 0, 17)) + "Agence Fédérale/X".encode("cp1252")
    assert read(with_segment(app13(data)), "a").credit_line == "Agence Fédérale/X"


def test_a_damaged_iptc_block_is_an_error_and_the_xmp_is_still_read():
    found = read(jpeg({"credit_line": "lost"}, {"creator": "Jane Doe"}, damaged_iptc=True), "a.jpg")
    assert found.creator == "Jane Doe" and found.credit_line is None
    assert found.errors == ("the IPTC block is damaged (invalid IPTC/NAA file)",)


def test_malformed_xmp_is_an_error_and_the_iim_is_still_read():
    data = jpeg({"credit_line": "REUTERS/Jane Doe"})
    broken = data[:20] + app1_xmp(b"<x:xmpmeta><rdf:RDF>unclosed") + data[20:]
    found = read(broken, "a.jpg")
    assert found.credit_line == "REUTERS/Jane Doe"
    assert len(found.errors) == 1 and found.errors[0].startswith("the XMP block is not readable XML")


def test_xmp_with_entities_is_refused_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>')
    found = read(with_segment(app1_xmp(bomb)), "a.jpg")
    assert found.errors and "XMP" in found.errors[0]


def test_xmp_in_a_png():
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp_packet({"credit_line": "Jane Doe/AFP"}).decode())
    buffer = io.BytesIO()
    PillowImage.new("L", (4, 4)).save(buffer, "PNG", pnginfo=info)
    assert read(buffer.getvalue(), "a.png").credit_line == "Jane Doe/AFP"


def test_files_that_carry_no_metadata_format_are_not_read():
    assert read(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "a.svg") is None
    assert read(b"", "a.jpg") is None


def test_a_truncated_image_is_an_error():
    found = read(jpeg(CREDITS)[:30], "a.jpg")
    assert found.errors and found.errors[0].startswith("the image file is damaged")


# On the page model


def page_with(figures: str, files: dict[str, bytes], calls: list | None = None):
    html = f"<html><body><article><p>One.</p><p>Two.</p>{figures}</article></body></html>".encode()

    def loader(data: bytes, url: str):
        def load() -> bytes:
            if calls is not None:
                calls.append(url)
            return data
        return load

    assets = ArchivedAssets({asset_key(url): loader(data, url) for url, data in files.items()}, "https://x.example/")
    return extract_page("page.html", html, assets=assets)


def test_the_rendition_that_carries_the_credit_is_read():
    figure = ('<figure><img src="/a-600.jpg" srcset="/a-600.jpg 600w, /a-1600.jpg 1600w" alt="">'
              "<figcaption>A caption. REUTERS/Jane Doe</figcaption></figure>")
    page = page_with(figure, {"/a-600.jpg": jpeg(), "/a-1600.jpg": jpeg(CREDITS)})
    (image,) = page.editorial
    assert image.embedded.file == "/a-1600.jpg" and image.embedded.creator == "Jane Doe"


def test_embedded_instructions_become_restrictions_that_published_rules_ignore():
    figure = '<figure><img src="/a.jpg" alt=""><figcaption>A caption. REUTERS/Jane Doe</figcaption></figure>'
    page = page_with(figure, {"/a.jpg": jpeg(CREDITS)})
    (image,) = page.editorial
    assert [(r.code, r.field) for r in image.restrictions] == [
        ("MANDATORY_CREDIT", "embedded"), ("NO_RESALES", "embedded"), ("NO_ARCHIVES", "embedded")]
    cc301 = next(rule for rule in builtin_rules() if rule.id == "CC301")
    assert lint_page(page, RuleSet(((cc301, "error"),))).findings == []  # the reader never saw them


def test_decorative_images_are_not_read_and_reading_stops_at_the_first_credit():
    figures = ('<figure><img src="/a.jpg" srcset="/a.jpg 1x, /a-2x.jpg 2x" alt="">'
               "<figcaption>A caption. REUTERS/Jane Doe</figcaption></figure>"
               '<footer><img src="/logo.jpg" alt="Logo"></footer>')
    calls: list = []
    page = page_with(figures, {"/a.jpg": jpeg(CREDITS), "/a-2x.jpg": jpeg(CREDITS), "/logo.jpg": jpeg(CREDITS)}, calls)
    assert [image.embedded is not None for image in page.images] == [True, False]
    assert calls == ["/a.jpg"]


def test_an_image_the_source_cannot_deliver_is_an_error_on_that_image():
    def failing() -> bytes:
        raise OSError("the WARC record at byte 1200 cannot be read: bad gzip")

    html = b'<figure><img src="/a.jpg" alt=""><figcaption>A caption. REUTERS/Jane Doe</figcaption></figure>'
    page = extract_page("p.html", html, assets=ArchivedAssets({"/a.jpg": failing}, None))
    (image,) = page.editorial
    assert image.embedded.errors == (
        "the image file could not be read: the WARC record at byte 1200 cannot be read: bad gzip",)


# The rules, on the committed "Webpage, Complete" page


def test_each_embedded_metadata_rule_fires_on_its_photo():
    page = str(FIXTURES / "lint" / "embedded-credits.html")
    report = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", "--context", "archive", page]).stdout)
    fired = {(f["rule_id"], f["image_src"].rsplit("/", 1)[-1]) for f in report["findings"]
             if f["rule_id"].startswith("CC5")}
    assert fired == {("CC501", "port.jpg"), ("CC502", "smoke.jpg"), ("CC503", "summit.jpg"), ("CC504", "flood.jpg")}
    without_context = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", page]).stdout)
    assert "CC502" not in {f["rule_id"] for f in without_context["findings"]}


def test_the_page_schema_accepts_embedded_data():
    import jsonschema

    schema = json.loads(CliRunner().invoke(main, ["schema", "page"]).stdout)
    document = json.loads(CliRunner().invoke(main, ["extract", str(FIXTURES / "lint" / "embedded-credits.html"),
                                                    str(FIXTURES / "sources")]).stdout)
    jsonschema.validate(document, schema)
    assert sum(1 for page in document["pages"] for image in page["images"] if image["embedded"]) >= 8
