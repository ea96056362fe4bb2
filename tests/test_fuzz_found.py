"""Crashes the long fuzz run found (tests/fuzz/README.md), one test each, so they stay fixed."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from captioncheck.cli import main
from captioncheck.engine.config import ConfigError, load
from captioncheck.engine.rules import RuleFileError, load_rules, parse_rule
from captioncheck.pipeline import Settings, check
from captioncheck.sources import ArchivedAssets, Document, FolderAssets, mhtml
from captioncheck.sources.assets import asset_key
from tests.helpers import EXTRACT_FIXTURES, ROOT

PAGE = b'<figure><img src="http://[::1/a.jpg" alt=""><figcaption>A street. REUTERS/Eva Manez</figcaption></figure>'


def test_a_malformed_ipv6_url_is_no_crash_in_archives_or_folders(tmp_path):
    # urljoin and urlsplit raise ValueError("Invalid IPv6 URL") on "http://[::1".
    saved = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
             b"Content-Type: text/html\r\nContent-Location: http://[::1\r\n\r\n" + PAGE + b"\r\n--b--\r\n")
    assert check(mhtml.read("saved.mhtml", saved), Settings()).editorial_images == 1
    folder_page = Document(str(tmp_path / "a.html"), PAGE, assets=FolderAssets(tmp_path / "a.html"))
    assert check(folder_page, Settings()).editorial_images == 1
    assert ArchivedAssets({}, "http://[::1").loader("a.jpg") is None
    assert asset_key("http://[::1") == "http://[::1"


@pytest.mark.parametrize("escape", ["\\UFFFFFFFF", "\\U00110000"])
def test_a_yaml_escape_past_unicode_is_a_clear_config_and_rule_error(tmp_path, escape):
    # PyYAML raises OverflowError or ValueError here, not YAMLError.
    config = tmp_path / ".captioncheck.yaml"
    config.write_text(f'context: "{escape}"\n')
    with pytest.raises(ConfigError, match="not a valid configuration file"):
        load(config)
    with pytest.raises(RuleFileError, match="not valid YAML"):
        parse_rule(f'id: "{escape}"\n', "house.yaml")
    result = CliRunner().invoke(main, ["lint", "--config", str(config), str(EXTRACT_FIXTURES / "seed-mariupol.html")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_config_key_that_is_not_text_is_a_clear_error(tmp_path):
    config = tmp_path / ".captioncheck.yaml"
    config.write_text("? null\n: 1\n")
    with pytest.raises(ConfigError, match="unknown key None"):
        load(config)


def test_a_rule_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    (tmp_path / "house.yaml").write_bytes(b"id: HS100\nname: caf\xe9\n")
    with pytest.raises(RuleFileError, match="not UTF-8"):
        load_rules([str(tmp_path)])
    result = CliRunner().invoke(main, ["lint", "--rules", str(tmp_path), str(EXTRACT_FIXTURES / "seed-mariupol.html")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_an_mhtml_header_with_non_ascii_bytes_is_no_crash():
    # email returns a Header object, which has no .strip(), for such a Content-Location.
    saved = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
             b"Content-Type: text/html\r\nContent-Location: https://example.org/caf\xe9\r\n"
             b"Content-ID: <p\xe9ge>\r\n\r\n" + PAGE + b"\r\n--b--\r\n")
    assert check(mhtml.read("saved.mhtml", saved), Settings()).editorial_images == 1


def test_an_iim_dataset_cut_short_is_a_damaged_block_not_a_crash():
    # Found by the long fuzz run: Pillow reads a dataset header of five bytes with struct and fails
    # on a block that ends four bytes into one.
    from captioncheck import jpeg_metadata
    from captioncheck.extract import embedded

    block = jpeg_metadata.iim({"creator": "Jane Doe"}) + b"\x1c\x02\x50\x00"
    data = jpeg_metadata.BASE_JPEG[:2] + jpeg_metadata.app13(block) + jpeg_metadata.BASE_JPEG[2:]
    found = embedded.read(data, "photo.jpg")
    assert found is not None and any("IPTC block is damaged" in error for error in found.errors)


def test_a_credit_that_is_a_label_alone_is_compared_without_a_crash():
    # Found by the long fuzz run: "Foto: -" has words (the label) but credits no one.
    from captioncheck.engine.checks import agrees

    assert agrees("Foto: -", "REUTERS/Jane Doe") is False
    assert agrees("REUTERS/Jane Doe", "Photo:") is True


def test_a_rules_folder_with_a_nul_character_is_a_clear_config_error(tmp_path):
    # Found by the long fuzz run: the filesystem calls raise ValueError on a NUL in a path.
    config = tmp_path / ".captioncheck.yaml"
    config.write_text('rules: ["house\\0rules"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="NUL"):
        load(config)


def _warc_record(kind: bytes, uri: bytes, block: bytes, content_type: bytes, length_error: int = 0) -> bytes:
    return (b"WARC/1.0\r\nWARC-Type: " + kind + b"\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>"
            b"\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: " + uri + b"\r\nContent-Type: " + content_type
            + b"\r\nContent-Length: " + str(len(block) + length_error).encode() + b"\r\n\r\n" + block + b"\r\n\r\n")


@pytest.mark.parametrize("line", [300, 3000], ids=["offset-before-the-start", "offset-below-zero"])
def test_a_gzip_member_inside_a_damaged_warc_gz_cannot_send_reading_backwards(monkeypatch, line):
    # Found by the long fuzz run as a stall (and as "negative seek value"): after a damaged gzip record,
    # reading resumes at the next gzip member, here an HTTP body's. warcio takes the length of a
    # decompressed line from a compressed offset, so the next damaged record "starts" 300 bytes before
    # where reading resumed (the same start found again, forever) or 3,000 bytes before the file does.
    import gzip
    import io

    from captioncheck.sources import warc

    inner = gzip.compress(b"WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n" + b"x" * line + b"\r\n", mtime=0)
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n"
            % len(inner) + inner)
    data = (gzip.compress(_warc_record(b"resource", b"https://example.org/a", b"<p>x</p>", b"text/html", -3), mtime=0)
            + _warc_record(b"response", b"https://example.org/story", http, b"application/http; msgtype=response"))
    resumed_at: list[int] = []
    next_record_start, records = warc._next_record_start, warc._records

    def resume(handle, position, compressed):
        # Each resumption must be past the one before: the count of resumptions is then bounded by the size.
        assert position >= 0 and all(position > before for before in resumed_at), (position, resumed_at)
        resumed_at.append(position)
        return next_record_start(handle, position, compressed)

    def one_pass(*args, **kwargs):  # read() makes two passes (images, then pages), each from the start
        resumed_at.clear()
        yield from records(*args, **kwargs)

    monkeypatch.setattr(warc, "_next_record_start", resume)
    monkeypatch.setattr(warc, "_records", one_pass)
    documents = list(warc.read("damaged.warc.gz", lambda: io.BytesIO(data), 1_000_000))
    assert [document.error is not None for document in documents] == [True, True]
    assert "Content-Length does not match" in documents[0].error
    inner_at = data.index(b"\x1f\x8b\x08", 1)
    assert documents[1].error.startswith(f"no valid WARC record at byte {inner_at}:")


@pytest.mark.parametrize(("encoding", "problem"), [
    ("cp1252", "at examples/fail/0/html: the HTML cannot be written in cp1252"),
    ("utf-9", "at examples/fail/0/encoding: 'utf-9' is not a known text encoding"),
    ("base64", "at examples/fail/0/encoding: 'base64' is not a known text encoding"),
    ("utf\x00-8", "at examples/fail/0/encoding: 'utf\\x00-8' is not a known text encoding"),
])
def test_an_example_that_cannot_be_written_in_its_encoding_is_a_clear_rule_error(tmp_path, encoding, problem):
    # Found by the long fuzz run: a damaged byte in a rule file put a Hebrew accent into an example
    # written as cp1252, and reading the example's bytes raised UnicodeEncodeError.
    import yaml

    rule = yaml.safe_load((ROOT / "rules" / "CC002-page-damaged.yaml").read_text("utf-8"))
    rule["id"], rule["name"] = "HS100", "house-rule"
    rule["examples"]["fail"][0] = {"html": "<figure><img src=a.jpg><figcaption>Caf\u00e9 \u0598</figcaption></figure>",
                                   "encoding": encoding}
    (tmp_path / "house.yaml").write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError, match=re.escape(problem)):
        load_rules([str(tmp_path)])
    result = CliRunner().invoke(main, ["lint", "--rules", str(tmp_path), str(EXTRACT_FIXTURES / "seed-mariupol.html")])
    assert result.exit_code == 2 and "Traceback" not in result.output and problem in result.output


def test_a_rules_folder_with_a_lone_surrogate_is_a_clear_config_error(tmp_path):
    # Found by the long fuzz run: a JSON-style escape in YAML gives a lone surrogate, which no
    # filesystem path can be encoded with; resolving the folder raised UnicodeEncodeError.
    config = tmp_path / ".captioncheck.yaml"
    config.write_text('{"rules": ["house\\ud915rules"]}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("cannot hold the character '\\ud915'")):
        load(config)
    result = CliRunner().invoke(main, ["lint", "--config", str(config), str(EXTRACT_FIXTURES / "seed-mariupol.html")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_charset_label_with_a_nul_is_no_charset_and_no_crash():
    # Found by the long fuzz run: codecs.lookup raises ValueError, not LookupError, on a NUL in a label
    # (here an MHTML part's charset=utf-8 followed by a NUL byte).
    from captioncheck.parse import decode

    assert decode(b"<p>caf\xc3\xa9</p>", "utf-8\x00")[0] == "<p>caf\u00e9</p>"
    saved = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
             b"Content-Type: text/html; charset=utf-8\x00\r\n\r\n" + PAGE + b"\r\n--b--\r\n")
    assert check(mhtml.read("saved.mhtml", saved), Settings()).editorial_images == 1
