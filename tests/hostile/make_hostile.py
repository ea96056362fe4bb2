"""Write the hostile input files of this folder (run once; the files are committed).

    python tests/hostile/make_hostile.py

Each file is a kind of input captioncheck meets in the wild or that someone builds to cause
trouble; expected.yaml says what finding each must give. The largest cases (a 100,000-deep
nesting, a page over --max-bytes) are built by the tests themselves instead of committed.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIGURE = ('<figure><img src="/flood.jpg" alt="A flooded street"><figcaption>A flooded street in Valencia. '
          "(REUTERS/Eva Manez)</figcaption></figure>")
PAGE = f'<!doctype html><html><head><meta charset="utf-8"><title>Floods</title></head><body>{FIGURE}</body></html>'
LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))


def files() -> dict[str, bytes]:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("page.html", PAGE)
    return {
        "empty.html": b"",
        "whitespace-only.html": b"  \n\t\n",
        "png-renamed.html": png,
        "pdf-renamed.html": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(200),
        "zip-renamed.html": archive.getvalue(),
        "gzip-renamed.html": gzip.compress(PAGE.encode(), mtime=0),
        "nul-bytes.html": PAGE.replace("flooded street in", "flooded\x00 street in").encode(),
        "invalid-utf8.html": PAGE.encode().replace(b"Valencia", b"Val\xe8\xff\xfencia"),
        "utf16-without-bom.html": PAGE.encode("utf-16-le"),
        "wrong-charset.html": PAGE.replace("Valencia", "València").encode("cp1252"),
        "truncated.html": PAGE.encode()[: PAGE.index("</figcaption>") - 5],
        "billion-laughs.xhtml": (
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol0 "lol">{LAUGHS}]>'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{FIGURE.replace("Valencia", "&lol9;")}'
            "</body></html>"
        ).encode(),
        "quadratic-blowup.xhtml": (
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY big "{"x" * 20000}">]>'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{FIGURE.replace("Valencia", "&big;" * 2000)}'
            "</body></html>"
        ).encode(),
        "external-entity.xhtml": (
            '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            '<!ENTITY net SYSTEM "http://127.0.0.1:9/captioncheck-must-not-fetch">]>'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{FIGURE.replace("Valencia", "&xxe;&net;")}'
            "</body></html>"
        ).encode(),
        "svg-entities.html": (
            '<!doctype html><html><body><svg xmlns="http://www.w3.org/2000/svg"><!DOCTYPE svg [<!ENTITY x '
            '"&#38;x;&#38;x;">]><text>&x;</text></svg>' + FIGURE + "</body></html>"
        ).encode(),
        "script-only.html": b"<script>" + b"document.write('<img src=x>');" * 1000 + b"</script>",
    }


def main() -> None:
    for name, data in files().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
