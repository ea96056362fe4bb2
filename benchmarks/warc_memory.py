"""A WARC of many pages streams through extraction in constant memory.

    python benchmarks/warc_memory.py [--pages 1000]

Builds, in a temporary folder, a WARC.gz of PAGES response records made from the fixture pages
(``fixtures/extract/*.html`` and the complete page in ``fixtures/sources/``, whose two photos go in
as image records after each copy of it, so pages read their images from the archive), then reads
it the way ``captioncheck extract`` does: ``sources.expand`` -> ``cli.page_of``, one page at a time.

It prints the archive's size, pages/s, and the peak resident set size (``resource.getrusage``)
before reading, after the first tenth of the pages and at the end: in constant memory the peak
does not grow with the number of pages read. For scale, it then times extraction of the same
pages from bytes in memory (no archive, no image files). It makes its own data, so it never skips.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere, against this checkout

from captioncheck.cli import page_of  # noqa: E402
from captioncheck.extract import extract_page  # noqa: E402
from captioncheck.sources import expand  # noqa: E402

COMPLETE_PAGE = ROOT / "fixtures" / "sources" / "saint-malo-peche.html"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def source_pages() -> list[Path]:
    return sorted((ROOT / "fixtures" / "extract").glob("*.html")) + [COMPLETE_PAGE]


def build_warc(path: Path, pages: int) -> int:
    """Write `pages` page records (and the complete page's images after each copy of it)."""
    sources = source_pages()
    photos = {
        reference: (COMPLETE_PAGE.parent / reference).read_bytes()
        for reference in ("saint-malo-peche_files/harbour.jpg", "saint-malo-peche_files/market.jpg")
    }
    images = 0
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number in range(pages):
            source = sources[number % len(sources)]
            url = f"https://bench.example/{number:05d}/{source.name}"
            _response(writer, url, source.read_bytes(), "text/html; charset=utf-8")
            if source == COMPLETE_PAGE:
                for reference, data in photos.items():
                    _response(writer, urljoin(url, reference), data, "image/jpeg")
                    images += 1
    return images


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="page records in the archive (default 1000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "bench.warc.gz"
        images = build_warc(archive, args.pages)
        size_mb = archive.stat().st_size / 1_000_000
        before = peak_rss_mb()
        tenth, read, with_embedded, failed = None, 0, 0, 0
        start = time.perf_counter()
        for document in expand([str(archive)]):
            page = page_of(document)
            read += 1
            failed += bool(page.errors)
            with_embedded += sum(1 for image in page.images if image.embedded is not None)
            if read == max(1, args.pages // 10):
                tenth = peak_rss_mb()
        seconds = time.perf_counter() - start
    print(f"archive: {args.pages} page records + {images} image records, {size_mb:.1f} MB gzipped")
    print(f"read: {read} pages in {seconds:.2f} s = {read / seconds:.0f} pages/s; "
          f"{with_embedded} images with embedded credit data; {failed} pages with errors")
    print(f"peak RSS: {before:.1f} MB before reading, {tenth:.1f} MB after {args.pages // 10} pages, "
          f"{peak_rss_mb():.1f} MB after {read}")
    datas = [path.read_bytes() for path in source_pages()]
    start = time.perf_counter()
    for number in range(args.pages):
        extract_page(f"page-{number}.html", datas[number % len(datas)])
    in_memory = time.perf_counter() - start
    print(f"the same pages from memory: {args.pages / in_memory:.0f} pages/s "
          f"(reading the archive costs {seconds / in_memory:.2f}x)")
    if read != args.pages or failed:
        sys.exit(f"expected {args.pages} clean pages, got {read} ({failed} with errors)")


if __name__ == "__main__":
    main()
