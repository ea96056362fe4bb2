"""Sources: every form a saved page comes in gives the same page model, and a broken input is a
finding on that input while the rest of the run goes on.

The forms of ``fixtures/sources/saint-malo-peche.html`` are committed (written by
``python -m tests.make_fixtures``); broken variants are made here from them.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from captioncheck.cli import main
from captioncheck.jpeg_metadata import jpeg
from tests.helpers import FIXTURES
from tests.make_fixtures import BRIEF_URL, STORY_URL, write_sources
from tests.saved_forms import SavedPage, gzip_bytes, mhtml_bytes, warc_bytes, write_complete

SOURCES = FIXTURES / "sources"
STORY = SOURCES / "saint-malo-peche.html"
FORMS = {
    "complete": str(STORY),
    "gzip": str(SOURCES / "saint-malo-peche.html.gz"),
    "mhtml": str(SOURCES / "saint-malo-peche.mhtml"),
    "warc": str(SOURCES / "saint-malo.warc.gz"),
}
CP1252 = FIXTURES / "lint" / "cp1252-declared-utf8.html"
CP1252_CAPTION = "Des vendangeurs à l’œuvre près d’Épernay, le 4 septembre 2023."


def run(*args, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def extract(*args, stdin: bytes | None = None) -> list[dict]:
    result = run("extract", "--format", "jsonl", *args, stdin=stdin)
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def lint(*args) -> dict:
    result = run("lint", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def without_path(page: dict) -> dict:
    return {key: value for key, value in page.items() if key != "path"}


def story_in(pages: list[dict]) -> dict:
    (page,) = [page for page in pages if page["url"] == STORY_URL]
    return page


# The same page, whatever form it came in


def test_extract_gives_the_same_page_model_in_every_form():
    models = {form: story_in(extract(path)) for form, path in FORMS.items()}
    assert models["warc"]["path"] == f"{FORMS['warc']}#{STORY_URL}"
    reference = without_path(models["complete"])
    for form, page in models.items():
        assert without_path(page) == reference, form
    # The image files were read in every form: the credit inside them is on the model.
    harbour, market = [image for image in reference["images"] if image["kind"] == "editorial"]
    assert harbour["embedded"]["credit_line"] == "REUTERS/Stéphane Mahé"
    assert {r["code"] for r in harbour["restrictions"] if r["field"] == "embedded"} == {
        "MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"}
    assert market["embedded"]["creator"] == "Jean Dupont"  # from XMP
    assert market["embedded"]["web_statement"] == "https://www.afp.com/en/terms"


def test_a_page_without_its_files_differs_only_in_what_the_files_say(tmp_path):
    shutil.copy(STORY, tmp_path / STORY.name)  # the HTML alone: "Webpage, HTML only"
    (alone,) = extract(str(tmp_path / STORY.name))
    complete = story_in(extract(FORMS["complete"]))
    for image in complete["images"]:
        image["embedded"] = None
        image["restrictions"] = [r for r in image["restrictions"] if r["field"] != "embedded"]
    assert without_path(alone) == without_path(complete)


def test_lint_gives_the_same_findings_in_every_form():
    def findings(path: str) -> list[tuple]:
        report = lint("--context", "archive", path)
        return [(f["rule_id"], f["line"], f["image_index"], f["message"]) for f in report["findings"]
                if f["path"].endswith(("saint-malo-peche.html", "saint-malo-peche.html.gz",
                                       "saint-malo-peche.mhtml", STORY_URL))]

    expected = findings(FORMS["complete"])
    assert {rule for rule, *_ in expected} == {"CC501", "CC502"}
    for form, path in FORMS.items():
        assert findings(path) == expected, form


def test_the_committed_forms_are_what_the_script_makes(tmp_path):
    for name in ("saint-malo-peche.html", "brief.html"):
        shutil.copy(SOURCES / name, tmp_path / name)
    made = write_sources(tmp_path)
    for form, path in made.items():
        fresh = [without_path(page) for page in extract(str(path))]
        committed = [without_path(page) for page in extract(FORMS[form])]
        assert fresh == committed, form


def test_a_warc_page_with_no_canonical_url_takes_the_record_uri():
    pages = extract(FORMS["warc"])
    assert [page["path"].split("#", 1)[1] for page in pages] == [STORY_URL, BRIEF_URL]  # no redirect record
    brief = pages[1]
    assert brief["url"] == BRIEF_URL
    (ferry,) = brief["images"]
    assert ferry["embedded"]["creator"] == "Damien Meyer"  # /images/ferry.jpg resolved against the record URI


def test_the_http_charset_of_a_warc_or_mhtml_page_is_used(tmp_path):
    # No <meta charset>: only the transport header says ISO-8859-7; nothing else would guess Greek.
    html = ('<html lang="el"><body><article><p>Ένα.</p><p>Δύο.</p><figure><img src="/a.jpg" alt="">'
            "<figcaption>Λιμάνι του Πειραιά. REUTERS/Γιώργος Παπαδόπουλος</figcaption></figure>"
            "</article></body></html>").encode("iso-8859-7")
    page = SavedPage("https://news.example/el/piraeus", html, charset="iso-8859-7")
    (tmp_path / "greek.warc").write_bytes(warc_bytes([page], gzipped=False))
    (tmp_path / "greek.mhtml").write_bytes(mhtml_bytes(page))
    for name in ("greek.warc", "greek.mhtml"):
        (found,) = extract(str(tmp_path / name))
        (image,) = found["images"]
        assert image["caption"] == "Λιμάνι του Πειραιά." and image["credit"] == "REUTERS/Γιώργος Παπαδόπουλος", name
        assert found["errors"] == []


def test_a_cp1252_page_that_declares_utf8_reads_the_same_in_every_form(tmp_path):
    page = SavedPage("https://www.journal-vignoble.fr/2023/09/04/vendanges-champagne", CP1252.read_bytes(),
                     charset="utf-8")
    (tmp_path / "vendanges.html.gz").write_bytes(gzip_bytes(page.html))
    (tmp_path / "vendanges.mhtml").write_bytes(mhtml_bytes(page))
    (tmp_path / "vendanges.warc.gz").write_bytes(warc_bytes([page]))
    (reference,) = extract(str(CP1252))
    assert reference["errors"] == ["declared charset utf-8 does not fit the bytes"]
    assert [i["caption"] for i in reference["images"] if i["kind"] == "editorial"] == [CP1252_CAPTION]
    for name in ("vendanges.html.gz", "vendanges.mhtml", "vendanges.warc.gz"):
        (found,) = extract(str(tmp_path / name))
        assert without_path(found) == without_path(reference), name


def test_a_cp1252_page_that_declares_utf8_reads_right_in_every_form(tmp_path):
    page = SavedPage("https://www.journal-vignoble.fr/2023/09/04/vendanges-champagne", CP1252.read_bytes(),
                     charset="utf-8")
    (tmp_path / "vendanges.html.gz").write_bytes(gzip_bytes(page.html))
    (tmp_path / "vendanges.mhtml").write_bytes(mhtml_bytes(page))
    (tmp_path / "vendanges.warc.gz").write_bytes(warc_bytes([page]))
    for path in (str(CP1252), *(str(tmp_path / name) for name in ("vendanges.html.gz", "vendanges.mhtml",
                                                                   "vendanges.warc.gz"))):
        (found,) = extract(path)
        assert [i["caption"] for i in found["images"] if i["kind"] == "editorial"] == [CP1252_CAPTION], path
        assert set(found["errors"]) == {"declared charset utf-8 does not fit the bytes"}, path


# What the user names


def test_a_folder_is_walked_for_every_form_but_not_into_a_saved_pages_files(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SOURCES, site)
    (site / "saint-malo-peche_files" / "frame.html").write_text("<p>an iframe the browser saved</p>")
    names = [page["path"] for page in extract(str(site))]
    assert names == [page["path"] for page in extract(str(site / "*"))]  # a glob skips the frame too
    assert names == [
        str(site / "brief.html"),
        str(site / "saint-malo-peche.html"),
        str(site / "saint-malo-peche.html.gz"),
        str(site / "saint-malo-peche.mhtml"),
        f"{site / 'saint-malo.warc.gz'}#{STORY_URL}",
        f"{site / 'saint-malo.warc.gz'}#{BRIEF_URL}",
    ]


def test_exclude_drops_walked_and_globbed_files_but_never_a_named_one(tmp_path):
    for name in ("a.html", "a.amp.html", "drafts/b.html", "drafts/c.htm"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("<p>page</p>")
    walked = [page["path"] for page in extract("--exclude", "*.amp.html", "--exclude", "drafts", str(tmp_path))]
    assert walked == [str(tmp_path / "a.html")]
    globbed = [page["path"] for page in extract("--exclude", "drafts/**", str(tmp_path / "**" / "*.htm*"))]
    assert globbed == [str(tmp_path / "a.amp.html"), str(tmp_path / "a.html")]
    named = [page["path"] for page in extract("--exclude", "*.amp.html", str(tmp_path / "a.amp.html"))]
    assert named == [str(tmp_path / "a.amp.html")]
    assert lint("--exclude", "*.amp.html", "--exclude", "drafts", str(tmp_path))["summary"]["files"] == 1


def test_a_glob_that_matches_nothing_is_a_usage_error(tmp_path):
    result = run("extract", str(tmp_path / "*.html"))
    assert result.exit_code == 2 and f"no pages found in {tmp_path / '*.html'}" in result.output


def test_symlink_loops_and_unreadable_files_are_reported_and_the_walk_goes_on(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "ok.html").write_text("<p>page</p>")
    os.symlink(tmp_path, tmp_path / "news" / "loop")
    os.symlink(tmp_path / "missing.html", tmp_path / "news" / "dangling.html")
    os.symlink("self.html", tmp_path / "news" / "self.html")
    pages = {page["path"]: page for page in extract(str(tmp_path))}
    assert set(pages) == {str(tmp_path / "news" / name) for name in ("dangling.html", "loop", "ok.html", "self.html")}
    assert pages[str(tmp_path / "news" / "ok.html")]["errors"] == []
    assert "symlink loop" in pages[str(tmp_path / "news" / "loop")]["errors"][0]
    assert "cannot read the file" in pages[str(tmp_path / "news" / "dangling.html")]["errors"][0]
    assert "cannot read the file" in pages[str(tmp_path / "news" / "self.html")]["errors"][0]


@pytest.mark.parametrize("form", ["gzip", "mhtml", "warc"])
def test_standard_input_in_any_form(form):
    data = Path(FORMS[form]).read_bytes()
    pages = extract("-", stdin=data)
    page = story_in(pages)
    assert page["path"] in ("-", f"-#{STORY_URL}")
    expected = story_in(extract(FORMS["complete"]))
    if form == "gzip":  # a bare page on stdin has no folder: its image files are not at hand
        assert [image["embedded"] for image in page["images"]] == [None] * len(page["images"])
    else:
        assert page["images"] == expected["images"]


# Broken inputs: a finding on that input, and nothing else lost


def _good_page(tmp_path) -> str:
    shutil.copy(CP1252, tmp_path / "good.html")
    return str(tmp_path / "good.html")


def _findings_by_path(report: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["path"], []).append(finding)
    return found


def test_a_truncated_gzip_page_is_a_finding_and_the_run_goes_on(tmp_path):
    data = (SOURCES / "saint-malo-peche.html.gz").read_bytes()
    (tmp_path / "cut.html.gz").write_bytes(data[: len(data) // 2])
    good = _good_page(tmp_path)
    report = lint(str(tmp_path / "cut.html.gz"), good)
    by_path = _findings_by_path(report)
    (finding,) = by_path[str(tmp_path / "cut.html.gz")]
    assert finding["rule_id"] == "CC001"
    assert "gzip file is damaged" in finding["message"] and "truncated" in finding["message"]
    assert [f["rule_id"] for f in by_path[good]] == ["CC002"]


def test_a_gzip_bomb_stops_at_max_bytes(tmp_path):
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b" " * 5_000_000))
    (page,) = extract("--max-bytes", "1", str(tmp_path / "bomb.html.gz"))
    assert page["unreadable"] and "over the limit of 1 MB" in page["errors"][0] and not page.get("limits")


def _story_and_brief(tmp_path) -> tuple[SavedPage, SavedPage]:
    story = SavedPage(STORY_URL, STORY.read_bytes(), {"saint-malo-peche_files/harbour.jpg": jpeg({"creator": "A"})})
    brief = SavedPage(BRIEF_URL, (SOURCES / "brief.html").read_bytes())
    return story, brief


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("error", [+150, -150], ids=["too-long", "too-short"])
def test_a_warc_record_with_a_wrong_length_is_a_finding_and_the_next_records_are_read(tmp_path, gzipped, error):
    story, brief = _story_and_brief(tmp_path)
    records = [_record_bytes(warc_bytes([page], gzipped=False)) for page in (story, brief)]
    # The story's response record claims a wrong length; the records around it are fine.
    damaged = re.sub(rb"Content-Length: (\d+)", lambda m: b"Content-Length: %d" % (int(m[1]) + error),
                     records[0][1], count=1)
    parts = [records[0][0], damaged, *records[0][2:], *records[1][1:]]
    data = b"".join(gzip.compress(part, mtime=0) for part in parts) if gzipped else b"".join(parts)
    path = tmp_path / ("damaged.warc.gz" if gzipped else "damaged.warc")
    path.write_bytes(data)
    pages = extract(str(path))
    by_name = {page["path"].split("#", 1)[1]: page for page in pages}
    assert by_name[STORY_URL]["unreadable"]
    assert "WARC record at byte" in by_name[STORY_URL]["errors"][0]
    assert "Content-Length" in by_name[STORY_URL]["errors"][0]
    assert by_name[BRIEF_URL]["errors"] == [] and by_name[BRIEF_URL]["images"][0]["credit"] == "Damien Meyer/AFP"
    # The image record after the damaged one is read again too: the brief is not the only survivor.
    assert len(pages) == 2


def _record_bytes(warc: bytes) -> list[bytes]:
    """An uncompressed WARC cut into its records (each ends with a blank line pair)."""
    records, rest = [], warc
    while rest:
        head, _, after = rest.partition(b"\r\n\r\n")
        length = int(next(line for line in head.split(b"\r\n") if line.startswith(b"Content-Length:")).split()[1])
        end = len(head) + 4 + length + 4
        records.append(rest[:end])
        rest = rest[end:]
    return records


def test_a_truncated_warc_gz_keeps_the_pages_before_the_cut(tmp_path):
    data = (SOURCES / "saint-malo.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 200])  # inside the last record
    pages = extract(str(tmp_path / "cut.warc.gz"))
    assert pages[0]["path"].endswith(STORY_URL) and pages[0]["errors"] == []
    assert [image["embedded"]["creator"] for image in pages[0]["images"] if image["kind"] == "editorial"] == [
        "Stéphane Mahé", "Jean Dupont"]
    broken = [page for page in pages[1:] if page["errors"]]
    assert broken and ("cut short" in broken[0]["errors"][0] or "truncated" in broken[0]["errors"][0])


def test_bytes_that_are_no_warc_record_are_a_finding(tmp_path):
    (tmp_path / "junk.warc").write_bytes(b"this is not an archive\r\n" * 10)
    (page,) = extract(str(tmp_path / "junk.warc"))
    assert page["unreadable"] and page["errors"] == ["not a WARC file: it does not start with a WARC/1.x record header"]
    (tmp_path / "junk-after.warc").write_bytes(warc_bytes([_story_and_brief(tmp_path)[1]], gzipped=False) + b"junk")
    brief, junk = extract(str(tmp_path / "junk-after.warc"))
    assert brief["errors"] == [] and brief["url"] == BRIEF_URL
    assert junk["unreadable"] and "no valid WARC record at byte" in junk["errors"][0]


def test_an_mhtml_file_with_no_html_part_is_a_finding_and_the_run_goes_on(tmp_path):
    story = SavedPage(STORY_URL, STORY.read_bytes(), {"a.jpg": jpeg({"creator": "A"})})
    (tmp_path / "images-only.mhtml").write_bytes(mhtml_bytes(story, include_page=False))
    good = _good_page(tmp_path)
    report = lint(str(tmp_path / "images-only.mhtml"), good)
    by_path = _findings_by_path(report)
    (finding,) = by_path[str(tmp_path / "images-only.mhtml")]
    assert finding["rule_id"] == "CC001" and "no HTML part" in finding["message"]
    assert report["summary"]["files"] == 2 and good in by_path


def test_an_mhtml_file_cut_short_is_read_with_a_warning(tmp_path):
    data = (SOURCES / "saint-malo-peche.mhtml").read_bytes()
    (tmp_path / "cut.mhtml").write_bytes(data[: data.index(b"Content-Type: image/jpeg") + 200])
    (page,) = extract(str(tmp_path / "cut.mhtml"))
    assert not page["unreadable"] and "MHTML file is damaged" in page["errors"][0]
    assert [image["credit"] for image in page["images"] if image["kind"] == "editorial"] == [
        "REUTERS/Stéphane Mahé", "Anne Martin"]


def test_a_complete_page_whose_image_file_is_broken_still_reads(tmp_path):
    story = SavedPage(STORY_URL, STORY.read_bytes(), {"saint-malo-peche_files/harbour.jpg": jpeg()[:40],
                                                      "saint-malo-peche_files/market.jpg": b"not an image"})
    write_complete(story, tmp_path / STORY.name)
    (page,) = extract(str(tmp_path / STORY.name))
    harbour, market = [image for image in page["images"] if image["kind"] == "editorial"]
    assert harbour["embedded"]["errors"] and "damaged" in harbour["embedded"]["errors"][0]
    assert market["embedded"] is None  # not an image format: nothing to read, nothing wrong


def test_plain_html_saved_under_an_mhtml_name_is_read_as_the_page(tmp_path):
    shutil.copy(STORY, tmp_path / "story.mht")
    (page,) = extract(str(tmp_path / "story.mht"))
    assert page["errors"] == [] and page["url"] == STORY_URL


def test_one_run_over_every_kind_of_broken_input_reports_each_and_loses_nothing(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    gz = (SOURCES / "saint-malo-peche.html.gz").read_bytes()
    (site / "a-truncated.html.gz").write_bytes(gz[:-20])
    warc = (SOURCES / "saint-malo.warc.gz").read_bytes()
    (site / "b-truncated.warc.gz").write_bytes(warc[:-200])
    (site / "c-images-only.mhtml").write_bytes(mhtml_bytes(SavedPage(STORY_URL, b"", {"a.jpg": jpeg()}),
                                                           include_page=False))
    broken_iptc = SavedPage(STORY_URL, STORY.read_bytes(), {
        "saint-malo-peche_files/harbour.jpg": jpeg({"credit_line": "x"}, damaged_iptc=True)})
    write_complete(broken_iptc, site / "saint-malo-peche.html")
    shutil.copy(CP1252, site / "z-good.html")
    os.symlink(site, site / "loop")
    report = lint("--context", "archive", str(site))
    by_path = _findings_by_path(report)
    messages = {path.replace(str(site) + "/", ""): [f"{f['rule_id']} {f['message']}" for f in found]
                for path, found in by_path.items()}
    assert any("gzip file is damaged" in m for m in messages["a-truncated.html.gz"])
    assert any("cut short" in m or "truncated" in m for path, found in messages.items()
               if path.startswith("b-truncated.warc.gz#") for m in found)
    assert any(m.startswith("CC001") and "no HTML part" in m for m in messages["c-images-only.mhtml"])
    assert any(m.startswith("CC001") and "symlink loop" in m for m in messages["loop"])
    assert any(m.startswith("CC504") and "IPTC block is damaged" in m for m in messages["saint-malo-peche.html"])
    assert [m.split()[0] for m in messages["z-good.html"]] == ["CC002"]  # the good page's own finding
    assert f"b-truncated.warc.gz#{STORY_URL}" in messages  # the page before the cut, checked as usual
    assert report["summary"]["files"] == 8  # the WARC gives three: its two pages and the damage at the cut
