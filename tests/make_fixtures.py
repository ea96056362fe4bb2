"""Write the binary fixtures: photos with IPTC/XMP credit data, and one page in every saved form.

    .venv/bin/python -m tests.make_fixtures

- ``fixtures/lint/embedded-credits_files/*.jpg``: the photos of the "Webpage, Complete" lint page
  ``embedded-credits.html``, one for each embedded-metadata rule (CC501-CC504);
- ``fixtures/sites/summit-handouts/*_files/launch.jpg``: one handout photo saved with two pages,
  the same bytes in each page's folder, its 14-day window only in the file (CC306 by the file's hash);
- ``fixtures/sources/``: ``saint-malo-peche.html`` saved as a complete page (its ``_files/``
  folder), as MHTML, gzipped, and with ``brief.html`` in a WARC.gz (plus a redirect record, which
  is not a page), all made from the two HTML files beside them;
- ``fixtures/report/harbour-storm_files/*.jpg``: pictures drawn with Pillow for the HTML report's
  example page (the README's screenshot), so that its thumbnails look like photos. No test reads
  their pixels, so another Pillow version writing other bytes changes nothing.

The output is the same bytes on every run (see captioncheck/jpeg_metadata.py and tests/saved_forms.py);
tests/test_sources.py checks that the committed files still read as this script writes them.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from captioncheck.jpeg_metadata import jpeg
from tests.helpers import FIXTURES
from tests.saved_forms import SavedPage, gzip_bytes, mhtml_bytes, warc_bytes, write_complete

SOURCES = FIXTURES / "sources"
STORY_URL = "https://news.example/2024/05/saint-malo-peche.html"
BRIEF_URL = "https://news.example/2024/05/ferry-strike-called-off"

LINT_PAGE_FILES = {
    # The visible credit names another Reuters photographer than the file: CC501.
    "port.jpg": jpeg({"credit_line": "REUTERS/Piroschka van de Wouw", "creator": "Piroschka van de Wouw",
                      "copyright_notice": "© 2024 Thomson Reuters"}),
    # The page rightly leaves out the instructions; the file still says NO ARCHIVES: CC502 in --context archive.
    "smoke.jpg": jpeg({"credit_line": "ANTWERP FIRE BRIGADE/via REUTERS",
                       "instructions": "THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. MANDATORY CREDIT. "
                                       "NO RESALES. NO ARCHIVES."}),
    # MANDATORY CREDIT in the file, no credit on the page: CC503 (and CC201).
    "summit.jpg": jpeg(xmp={"credit_line": "Handout via REUTERS", "instructions": "MANDATORY CREDIT"}),
    # An IPTC block a bad export broke: CC504.
    "flood.jpg": jpeg({"credit_line": "REUTERS/Eva Manez"}, damaged_iptc=True),
}

# A handout whose window is written only into the file: the pages print the credit alone.
LAUNCH = jpeg({"credit_line": "SPACE AGENCY/Handout via REUTERS", "source": "Reuters",
               "instructions": "HANDOUT PHOTO MAY ONLY BE USED FOR 14 DAYS FROM TIME OF TRANSMISSION. "
                               "MANDATORY CREDIT"})
SITE_FILES = {
    "sites/summit-handouts/2024-05-03-rocket-launch_files/launch.jpg": LAUNCH,
    "sites/summit-handouts/2024-05-30-launch-review_files/launch.jpg": LAUNCH,
}

STORY_IMAGES = {
    # IIM, as Reuters sends it: the credit agrees with the page; the instructions are kept off the page.
    "saint-malo-peche_files/harbour.jpg": jpeg({
        "credit_line": "REUTERS/Stéphane Mahé", "creator": "Stéphane Mahé", "source": "Reuters",
        "copyright_notice": "© 2024 Thomson Reuters", "instructions": "MANDATORY CREDIT. NO RESALES. NO ARCHIVES."}),
    # XMP only: the file names another photographer than the caption.
    "saint-malo-peche_files/market.jpg": jpeg(xmp={
        "credit_line": "Jean Dupont/AFP", "creator": "Jean Dupont", "copyright_notice": "© AFP 2024",
        "usage_terms": "Editorial use only", "web_statement": "https://www.afp.com/en/terms"}),
}
BRIEF_IMAGES = {"/images/ferry.jpg": jpeg({"credit_line": "AFP", "creator": "Damien Meyer"})}


REDIRECT = ("http://news.example/2024/05/saint-malo-peche", "301 Moved Permanently",
            b'<html><body><a href="https://news.example/2024/05/saint-malo-peche.html">Moved</a></body></html>',
            "text/html")


def write_sources(folder: Path) -> dict[str, Path]:
    """The story in every form in `folder` (the HTML files must be there); returns form -> path."""
    page = SavedPage(STORY_URL, (folder / "saint-malo-peche.html").read_bytes(), STORY_IMAGES)
    other = SavedPage(BRIEF_URL, (folder / "brief.html").read_bytes(), BRIEF_IMAGES)
    forms = {
        "complete": write_complete(page, folder / "saint-malo-peche.html"),
        "mhtml": folder / "saint-malo-peche.mhtml",
        "gzip": folder / "saint-malo-peche.html.gz",
        "warc": folder / "saint-malo.warc.gz",
    }
    forms["mhtml"].write_bytes(mhtml_bytes(page, title="À Saint-Malo, les pêcheurs face à la hausse du gazole"))
    forms["gzip"].write_bytes(gzip_bytes(page.html))
    forms["warc"].write_bytes(warc_bytes([page, other], extra=[REDIRECT]))
    return forms


def write_lint_page_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in LINT_PAGE_FILES.items():
        (folder / name).write_bytes(data)


def write_site_files(fixtures: Path) -> None:
    for name, data in SITE_FILES.items():
        (fixtures / name).parent.mkdir(parents=True, exist_ok=True)
        (fixtures / name).write_bytes(data)


def _sky(draw: ImageDraw.ImageDraw, size: tuple[int, int], top: tuple, bottom: tuple, horizon: int) -> None:
    for y in range(horizon):
        share = y / max(1, horizon - 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size[0], y)], fill=colour)


def report_pictures() -> dict[str, Image.Image]:
    """Four small scenes for the report's example page: waves, boats, a market, a lighthouse."""
    size = (480, 320)
    scenes = {}
    waves = Image.new("RGB", size)
    draw = ImageDraw.Draw(waves)
    _sky(draw, size, (88, 98, 110), (170, 178, 186), 170)
    draw.rectangle([0, 170, 480, 320], fill=(38, 62, 78))
    draw.polygon([(0, 235), (300, 210), (300, 320), (0, 320)], fill=(92, 84, 76))  # the harbour wall
    for x, y, r in ((250, 180, 60), (300, 150, 48), (200, 195, 40), (340, 190, 34), (150, 210, 26)):
        draw.ellipse([x - r, y - r, x + r, y + r * 0.8], fill=(236, 240, 242))
    scenes["waves.jpg"] = waves
    boats = Image.new("RGB", size)
    draw = ImageDraw.Draw(boats)
    _sky(draw, size, (250, 196, 120), (252, 228, 186), 190)
    draw.ellipse([300, 120, 370, 190], fill=(255, 240, 200))
    draw.rectangle([0, 190, 480, 320], fill=(64, 110, 140))
    for x, colour in ((60, (178, 40, 40)), (200, (30, 80, 150)), (330, (40, 120, 70))):
        draw.polygon([(x, 215), (x + 110, 215), (x + 95, 245), (x + 12, 245)], fill=colour)
        draw.rectangle([x + 40, 190, x + 70, 215], fill=(245, 245, 240))
        draw.line([(x + 55, 120), (x + 55, 190)], fill=(60, 50, 40), width=3)
    scenes["boats.jpg"] = boats
    market = Image.new("RGB", size)
    draw = ImageDraw.Draw(market)
    _sky(draw, size, (150, 180, 205), (205, 220, 232), 150)
    draw.rectangle([0, 150, 480, 320], fill=(150, 140, 128))
    for index, x in enumerate(range(20, 460, 110)):
        colour = ((200, 50, 50), (40, 110, 180), (230, 170, 40), (60, 140, 80))[index % 4]
        for stripe in range(0, 96, 16):
            draw.rectangle([x + stripe, 130, x + stripe + 8, 170], fill=colour)
            draw.rectangle([x + stripe + 8, 130, x + stripe + 16, 170], fill=(245, 240, 230))
        draw.rectangle([x + 4, 170, x + 92, 250], fill=(120, 90, 60))
        draw.rectangle([x + 10, 200, x + 86, 235], fill=((240, 120, 40), (120, 170, 60), (220, 60, 80))[index % 3])
    scenes["market.jpg"] = market
    return scenes


def write_report_photos(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, picture in report_pictures().items():
        picture.save(folder / name, "JPEG", quality=82)


def main() -> None:
    write_lint_page_files(FIXTURES / "lint" / "embedded-credits_files")
    write_site_files(FIXTURES)
    write_report_photos(FIXTURES / "report" / "harbour-storm_files")
    for form, path in write_sources(SOURCES).items():
        print(f"{form:9s} {path.relative_to(FIXTURES.parent)}")


if __name__ == "__main__":
    main()
