"""How the cost of one page grows with the page: each shape a hostile or broken page can take, at n
and at 4n, timed through the whole page check (parse, extraction, rules, placing findings).

    python benchmarks/growth.py [--repeat N] [--scale X] [--only NAME]

A ratio of about 4 is linear; about 16 quadratic. Timings are in-process, the best of `--repeat`
runs with captioncheck's caches emptied before each. Pages are generated: no corpus is needed.
`--scale 0.25` makes every page a quarter the size (a quick look).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_corpus import best_of  # noqa: E402

from captioncheck.limits import Limits  # noqa: E402
from captioncheck.pipeline import Settings, check  # noqa: E402
from captioncheck.sources import Document  # noqa: E402

CAPTION = "Firefighters work at the scene of a fire in the old town on Monday. REUTERS/Jane Doe"


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head><title>A story</title>{head}</head><body><article><h1>A story</h1>{body}" \
           "</article></body></html>".encode()


def _figure(src: str, caption: str = CAPTION) -> str:
    return f'<figure><img src="{src}" alt="A fire"><figcaption>{caption}</figcaption></figure>'


# Each shape: (name, n, build(n) -> page bytes). n is chosen so that n takes a few tenths of a second.
SHAPES = [
    ("copies of one photo", 2000, lambda n: _page(_figure("/a.jpg") * n)),
    ("one caption, many photos", 500, lambda n: _page("".join(_figure(f"/p{i}.jpg") for i in range(n)))),
    ("distinct photos, captions", 500,
     lambda n: _page("".join(_figure(f"/p{i}.jpg", f"Photo {i} of the fire. REUTERS/Jane Doe") for i in range(n)))),
    ("photos in one block", 500, lambda n: _page("<div>" + "".join(f'<img src="/p{i}.jpg" alt="">'
                                                                     for i in range(n)) + "</div>")),
    ("paragraph siblings", 5000,
     lambda n: _page("<p>A paragraph of the story, with words.</p>" * n + _figure("/a.jpg")
                     + "<p>More of the story.</p>" * n)),
    ("spans in a caption", 5000,
     lambda n: _page(_figure("/a.jpg", "<span>word</span> " * n + " REUTERS/Jane Doe"))),
    ("long caption text", 20000, lambda n: _page(_figure("/a.jpg", "word " * n + "REUTERS/Jane Doe"))),
    ("credit-like text in a caption", 2000, lambda n: _page(_figure("/a.jpg", "REUTERS/Jane Doe. " * n))),
    ("photo credits in a caption", 2000, lambda n: _page(_figure("/a.jpg", "(Photo: Jane Doe/AP) " * n))),
    ("long alt text", 20000, lambda n: _page(f'<figure><img src="/a.jpg" alt="{"word " * n}"></figure>')),
    ("deep nesting", 200, lambda n: _page("<div>" * n + _figure("/a.jpg") + "</div>" * n)),
    ("deep nesting, many photos", 50,
     lambda n: _page("".join("<div>" * n + _figure(f"/p{i}.jpg") + "</div>" * n for i in range(50)))),
    ("many attributes", 2000, lambda n: _page(
        "<figure><img src=\"/a.jpg\" " + " ".join(f'data-x{i}="/v{i}.jpg"' for i in range(n))
        + f"><figcaption>{CAPTION}</figcaption></figure>")),
    ("many attributes, '>' in values", 2000, lambda n: _page(
        "<figure><img src=\"/a.jpg\" " + " ".join(f'data-x{i}=">{i}<"' for i in range(n))
        + f"><figcaption>{CAPTION}</figcaption></figure>")),
    ("huge srcset", 2000, lambda n: _page(
        '<figure><img src="/a.jpg" srcset="' + ", ".join(f"/a-{i}.jpg {i + 1}w" for i in range(n))
        + f'"><figcaption>{CAPTION}</figcaption></figure>')),
    ("many JSON-LD blocks", 1000, lambda n: _page(_figure("/a.jpg"), "".join(
        '<script type="application/ld+json">{"@type": "ImageObject", "contentUrl": "/i' + str(i) + '.jpg", '
        '"creditText": "REUTERS/Jane Doe"}</script>' for i in range(n)))),
    ("one huge JSON-LD block", 2000, lambda n: _page(_figure("/a.jpg"), '<script type="application/ld+json">['
        + ", ".join('{"@type": "ImageObject", "contentUrl": "/i' + str(i) + '.jpg", "creditText": "AP"}'
                    for i in range(n))
        + "]</script>")),
    ("links around photos", 500, lambda n: _page("".join(f'<a href="/s{i}"><img src="/p{i}.jpg" alt="">'
                                                          f"<span>Story {i}</span></a>" for i in range(n)))),
]

# The page limits out of the way: this measures the algorithms, not where they stop.
SETTINGS = Settings(limits=Limits(max_images=10**7, page_timeout=10**6))


def timed(data: bytes, repeat: int) -> float:
    return best_of(repeat, lambda: check(Document("growth.html", data), SETTINGS))


def warm_up() -> None:
    """Load the rules, vocabularies and weights once: the first page of a run pays for them."""
    check(Document("warm.html", _page(_figure("/a.jpg"))), SETTINGS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", help="shapes whose name contains this")
    args = parser.parse_args()
    print(f"{'shape':34} {'n':>7} {'s at n':>8} {'s at 4n':>8} {'ratio':>6}")
    worst = 0.0
    warm_up()
    for name, n, build in SHAPES:
        if args.only and args.only not in name:
            continue
        n = max(1, int(n * args.scale))
        try:
            small, large = timed(build(n), args.repeat), timed(build(4 * n), args.repeat)
        except Exception as error:  # noqa: BLE001 - a shape that breaks the check is a finding too
            print(f"{name:34} {n:7d} failed: {type(error).__name__}: {error}", flush=True)
            continue
        ratio = large / small
        worst = max(worst, ratio)
        print(f"{name:34} {n:7d} {small:8.3f} {large:8.3f} {ratio:6.1f}{'  <- over 5' if ratio > 5 else ''}",
              flush=True)
    print(f"worst ratio: {worst:.1f} (4 is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
