"""Bad input never raises: each gives a page with what could be found and an error entry."""

import json

from click.testing import CliRunner

from captioncheck.cli import main
from captioncheck.extract import extract_page
from captioncheck.parse import parse

FIGURE = (
    '<figure><img src="/photo-one.jpg" alt="A flooded street"><figcaption>A flooded street in Valencia. '
    "(REUTERS/Jane Doe)</figcaption></figure>"
)


def page_with(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!doctype html><html><head>{head}</head><body><article><p>One.</p><p>Two.</p>{body}</article>" \
           "</body></html>".encode()


def test_empty_file():
    page = extract_page("empty.html", b"")
    assert page.images == () and page.errors == ("empty file",)


def test_binary_files_renamed_to_html():
    for data in (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
                 b"PK\x03\x04" + b"\x00" * 200):
        page = extract_page("binary.html", data)
        assert page.images == ()
        assert page.errors and "binary" in page.errors[0]


def test_plain_text_file_is_a_page_with_no_images():
    page = extract_page("notes.html", b"Just some notes, no markup at all.\n")
    assert page.images == () and page.errors == ()


def test_invalid_bytes_in_a_declared_charset_still_read():
    data = page_with(FIGURE).replace(b"Valencia", "València".encode("cp1252"))
    page = extract_page("wrong-charset.html", data)
    assert any("does not fit" in error for error in page.errors)
    (image,) = page.editorial
    assert image.caption == "A flooded street in València."
    assert image.credit == "REUTERS/Jane Doe"


def test_utf16_without_bom():
    page = extract_page("utf16.html", page_with(FIGURE).decode().encode("utf-16-le"))
    assert [image.credit for image in page.editorial] == ["REUTERS/Jane Doe"]
    assert page.errors


def test_nul_bytes_inside_a_page():
    page = extract_page("nul.html", page_with(FIGURE).replace(b"flooded", b"flo\x00oded"))
    assert len(page.editorial) == 1


def test_a_20_mb_page_is_read_in_full():
    filler = "<p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>\n"
    body = filler * (20_000_000 // len(filler)) + FIGURE
    page = extract_page("huge.html", page_with(body))
    assert [image.credit for image in page.editorial] == ["REUTERS/Jane Doe"]
    assert page.editorial[0].line > 10_000


def test_cli_reports_every_bad_input_and_exits_1(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "good.html").write_bytes(page_with(FIGURE))
    missing = str(tmp_path / "missing.html")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "empty.html"), str(tmp_path / "good.html"), missing])
    assert result.exit_code == 1
    pages = json.loads(result.stdout)["pages"]
    assert [bool(page["errors"]) for page in pages] == [True, False, True]
    assert "cannot read" in pages[2]["errors"][0]


def test_cli_exits_0_when_every_page_reads():
    result = CliRunner().invoke(main, ["extract", "-"], input=page_with(FIGURE))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pages"][0]["path"] == "-"


def test_utf8_page_labelled_latin1_reads_right():
    data = page_with(FIGURE.replace("Valencia", "València"), head='<meta charset="iso-8859-1">')
    page = extract_page("labelled-latin1.html", data)
    assert page.editorial[0].caption == "A flooded street in València."
    assert any("which are UTF-8" in error for error in page.errors)


def test_undeclared_latin1_byte_is_read_by_detection_and_the_rest_reads():
    data = page_with(FIGURE).replace(b"Valencia", b"Val\xe8ncia").replace(b'<meta charset="utf-8">', b"")
    page = extract_page("stray-byte.html", data)
    (image,) = page.editorial
    assert image.caption == "A flooded street in Val\u00e8ncia."
    assert image.credit == "REUTERS/Jane Doe"


def test_bytes_replaced_in_decoding_are_parsed_as_the_decoded_text(monkeypatch):
    monkeypatch.setattr("captioncheck.parse._detect", lambda data: None)  # no encoding fits at all
    data = page_with(FIGURE).replace(b"Valencia", b"Val\xffncia")
    parsed = parse(data)
    assert "Val\ufffdncia" in "".join(parsed.tree.itertext())
    assert "REUTERS/Jane Doe" in "".join(parsed.tree.itertext())


def test_page_in_a_single_byte_charset_reads_right():
    data = page_with(FIGURE.replace("Valencia", "Валенсия"),
                     head='<meta charset="windows-1251">').decode().encode("cp1251")
    page = extract_page("cyrillic.html", data)
    assert page.editorial[0].caption == "A flooded street in Валенсия."
    assert page.errors == ()
