"""Is an image editorial, or decoration around the story? And if decoration, why.

Decorative images are listed with a reason and never checked by rules: logos, icons, avatars
and author photos, sprites, tracking pixels, tiny or inline ``data:`` images, images in
navigation, page header, footer or sidebar, ads, related-story thumbnails and video posters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from captioncheck.extract import markup
from captioncheck.extract.images import Candidate

# Words in an image's own class, id, alt or file name.
_OWN_REASONS = (
    ({"logo", "logos", "brandmark", "wordmark", "masthead"}, "logo"),
    ({"icon", "icons", "favicon", "glyph", "emoji", "emoticon", "badge", "flag"}, "icon"),
    ({"avatar", "avatars", "gravatar", "author", "authors", "byline", "profile", "contributor", "mugshot"},
     "avatar or author photo"),
    ({"sprite", "sprites"}, "sprite"),
    ({"pixel", "beacon", "tracking", "tracker", "spacer"}, "tracking pixel"),
    ({"ad", "ads", "advert", "advertisement", "sponsor", "sponsored"}, "advertisement"),
    ({"video"}, "video poster"),
)
_SAFE_FILE_WORDS = frozenset({"logo", "logos", "icon", "icons", "favicon", "emoji", "sprite", "sprites",
                              "avatar", "avatars", "gravatar", "spacer", "beacon"})
# Words in the class or id of an ancestor: the image sits in such a block. Strong blocks make an
# image decorative even with a caption (a teaser's headline can sit in a figcaption).
_STRONG_CONTEXT = (
    ({"ad", "ads", "advert", "adverts", "advertisement", "adslot", "dfp", "gpt", "sponsor", "sponsored",
      "taboola", "outbrain"}, "advertisement"),
    ({"related", "recommended", "recommendations", "recirculation", "recirc", "trending", "popular",
      "mostread", "most", "teaser", "teasers", "morestories", "more", "readmore", "also", "onward", "next"},
     "related-story thumbnail"),
    ({"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs"}, "in navigation"),
    ({"share", "sharing", "social", "comments", "comment"}, "share or comment widget"),
    ({"author", "authors", "byline", "bio", "avatar", "profile", "contributor"}, "avatar or author photo"),
    ({"video", "player", "jwplayer", "vjs", "youtube", "brightcove", "jw", "vhs", "poster", "yvideo"},
     "video player"),
)
# Weak blocks only count for an image with no caption: "sidebar" also names layout columns.
_WEAK_CONTEXT = (({"rail", "sidebar", "widget", "newsletter", "promo", "promos"}, "in sidebar"),)
_MAIN_COLUMN = frozenset({"main", "content", "body", "article", "story"})
# "most" and "more" only as part of these pairs: "most-read", "more-stories".
_PAIRED = {"most": {"read", "popular", "viewed", "shared"}, "more": {"stories", "from", "news", "on"},
           "also": {"read", "like"}, "next": {"up", "story", "article"}}
# Parts of ad and tracker URLs, looked for in the lower-cased URL (plain substrings: a regex
# alternation tried at every position of every image URL costs more than the rest of the image).
_AD_HOSTS = ("googlesyndication.com", "adnxs.com", "criteo.", "taboola.com", "outbrain.com", "amazon-adsystem.com",
             "/simgad/", "/ad/", "/ads/")
_TRACKERS = ("doubleclick", "scorecardresearch", "quantserve", "facebook.com/tr", "google-analytics", "/pixel",
             "/beacon", "bat.bing", "analytics", "chartbeat", "sb.scorecard", "/b.gif", "/tr?", "amazon-adsystem",
             "adservice")
_PAGE_BLOCKS = {"nav": "in navigation"}
_ROLES = {"navigation": "in navigation", "banner": "in page header", "contentinfo": "in page footer",
          "complementary": "in sidebar"}
_FILE_WORDS = re.compile(r"[A-Za-z]+")
_SOCIAL = frozenset({"twitter", "facebook", "instagram", "whatsapp", "linkedin", "pinterest", "reddit", "rss",
                     "tiktok", "telegram", "flipboard", "email", "share", "print", "bird", "appstore",
                     "googleplay", "store", "app"})
_PORTRAIT_FILE_WORDS = frozenset({"author", "authors", "byline", "headshot", "headshots", "contributor"})
_HEADLINE_TAGS = frozenset({"h2", "h3", "h4", "h5"})
_HEADLINE_WORDS = frozenset({"title", "headline", "heading", "hed", "hl", "kicker"})
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)


def _size(element: etree._Element, name: str) -> int | None:
    value = (element.get(name) or "").strip().removesuffix("px")
    return int(value) if value.isascii() and value.isdigit() else None  # "²1024".isdigit() is true


def _file_words(url: str | None) -> set[str]:
    if not url:
        return set()
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return {word.lower() for word in _FILE_WORDS.findall(name)}


@lru_cache(maxsize=4096)
def _src_reason(src: str) -> tuple[str | None, frozenset[str]]:
    """The reason an image URL gives by itself, and the unmistakable words of its file name."""
    if src.startswith("data:"):
        return "inline data: image", frozenset()
    lowered = src.lower()
    if any(part in lowered for part in _AD_HOSTS):
        return "advertisement", frozenset()
    if any(part in lowered for part in _TRACKERS):
        return "tracking pixel", frozenset()
    return None, frozenset(_file_words(src) & _SAFE_FILE_WORDS)


def own_reason(candidate: Candidate) -> str | None:
    """A reason found on the image itself."""
    element = candidate.element
    if candidate.src is None and not candidate.srcset:
        src = element.get("src") or ""
        return "inline data: image" if src.startswith("data:") else "no image source"
    reason, file_words = _src_reason(candidate.src) if candidate.src else (None, frozenset())
    if reason:
        return reason
    # File names and alt texts also name photos ("google-pixel-review.jpg", "Flag of Ukraine"):
    # only the unmistakable words count there.
    found = markup.words(element) | file_words
    alt = element.get("alt")
    if alt and len(alt) < 40 and "logo" in alt.lower():
        found |= {word.lower() for word in _FILE_WORDS.findall(alt)} & {"logo"}
    for reason_words, reason in _OWN_REASONS:
        if not found.isdisjoint(reason_words):
            return reason
    width, height = _size(element, "width"), _size(element, "height")
    responsive = element.get("layout") in ("responsive", "fill", "flex-item", "intrinsic", "fixed-height")
    if not responsive and width is not None and height is not None:
        if width <= 2 or height <= 2:
            return "tracking pixel"
        if width <= 80 and height <= 80:
            return f"tiny image ({width}x{height})"
    return None


def uncaptioned_reason(candidate: Candidate) -> str | None:
    """Reasons that count only for an image with no caption: share icons, teaser links."""
    element = candidate.element
    file_words = _file_words(candidate.src)
    if not file_words.isdisjoint(_SOCIAL) or not markup.words(element).isdisjoint(_SOCIAL):
        return "icon"
    if not file_words.isdisjoint(_PORTRAIT_FILE_WORDS):
        return "avatar or author photo"
    if candidate.src and candidate.src.split("?", 1)[0].lower().endswith(".svg"):
        return "vector icon"
    return "related-story thumbnail" if _teaser_link(element) else None


def teaser_card(element: etree._Element) -> bool:
    """A story card: the image and a headline inside one link to another page. Such cards often
    wrap the headline in a <figcaption>, so this counts even for an image with a 'caption'."""
    return _teaser_link(element, levels_around=0)


def _teaser_link(element: etree._Element, levels_around: int = 2) -> bool:
    """The image links to another page that a headline in or beside the link names: a story teaser."""
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth > 4:
            return False
        href = ancestor.get("href") if ancestor.tag == "a" else None
        if not href:
            continue
        href = href.strip()
        if not href or href.startswith(("#", "javascript:")) or _IMAGE_FILE.search(href):
            return False
        scope = ancestor
        for _ in range(levels_around + 1):
            if _has_headline(scope):
                return True
            scope = scope.getparent()
            if scope is None:
                return False
        return False
    return False


def _has_headline(scope: etree._Element, budget: int = 150) -> bool:
    """A headline within the first `budget` elements of scope (teaser cards are small)."""
    for seen, element in enumerate(scope.iter()):
        if seen > budget:
            return False
        if element.tag in _HEADLINE_TAGS or not markup.words(element).isdisjoint(_HEADLINE_WORDS):
            return True
    return False


class ContextReasons:
    """Reasons found in the blocks around images, walking up to the page body or article.

    One per page: images share their ancestors, so each block is judged once (per captioned or
    not) and remembered, instead of once for every image below it.
    """

    def __init__(self, article: etree._Element | None) -> None:
        self.article = article
        self._known: dict = {}  # (block, captioned) -> the reason from that block upward, or None

    def reason(self, element: etree._Element, captioned: bool) -> str | None:
        walked = []
        found = None
        for ancestor in element.iterancestors():
            key = (ancestor, captioned)
            if key in self._known:
                found = self._known[key]
                break
            walked.append(key)
            if ancestor.tag in ("body", "html") or ancestor is self.article:
                break
            found = _block_reason(ancestor, captioned)
            if found:
                break
        for key in walked:
            self._known[key] = found
        return found


# Attributes that can give a block a reason: class, id and component names, role, ad servers' markers.
_AD_ATTRIBUTE_PREFIXES = ("data-ad-", "data-google-query")
_TELLING = markup.NAMING | {"role"}


def _block_reason(block: etree._Element, captioned: bool) -> str | None:
    """The reason one block gives for the images inside it, if any."""
    tag = block.tag
    if tag in _PAGE_BLOCKS:
        return _PAGE_BLOCKS[tag]
    if tag in ("header", "footer") and not _within_article(block):
        return f"in page {tag}"
    if tag == "aside" and not captioned:
        return "in sidebar"
    attributes = block.items()
    if not attributes:
        return None  # most blocks: a bare <div> or <p> says nothing
    # Only the attributes that can give a reason, so that blocks alike share one cache entry.
    telling = tuple((name, value) for name, value in attributes
                    if name in _TELLING or name.startswith(_AD_ATTRIBUTE_PREFIXES))
    return _attribute_reason(telling, captioned) if telling else None


@lru_cache(maxsize=4096)
def _attribute_reason(telling: tuple[tuple[str, str], ...], captioned: bool) -> str | None:
    role = next((value for name, value in telling if name == "role"), None)
    if role in _ROLES:
        return _ROLES[role]
    if any(name.startswith(_AD_ATTRIBUTE_PREFIXES) for name, _ in telling):
        return "advertisement"  # data-ad-region, data-ad-slot, data-ad-unit: ad servers' own markers
    found = markup.block_words_of(telling)
    if not found:
        return None
    reason = _reason_in(found, _STRONG_CONTEXT)
    if reason is None and not captioned and found.isdisjoint(_MAIN_COLUMN):
        reason = _reason_in(found, _WEAK_CONTEXT)
    return reason


def _reason_in(found: frozenset[str], table) -> str | None:
    for reason_words, reason in table:
        hits = found & reason_words
        if any(word not in _PAIRED or found & _PAIRED[word] for word in hits):
            return reason
    return None


def _within_article(element: etree._Element) -> bool:
    return any(a.tag in ("article", "main") or a.get("itemprop") == "articleBody" for a in element.iterancestors())
