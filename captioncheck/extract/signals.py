"""Named signals: what the page says about an image and about each text near it, as numbers.

Every signal is a number between 0 and 1 with a name that says what it measures. Nothing here
decides: ``decide`` weighs the signals with the fitted weights of ``rules/weights.json``. Word
lists come from ``rules/vocab/markup.yaml``; structure (where the story's text is, how far a
text sits from the picture, how long it is, how much of it is links) joins them.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import islice

from lxml import etree

from captioncheck.extract import credits, markup
from captioncheck.extract.captions import Unit
from captioncheck.extract.images import ImageGroup
from captioncheck.extract.layout import Layout
from captioncheck.extract.urls import site_of
from captioncheck.text import comparison_key, word_count
from captioncheck.vocab import markup_words

WORDS = markup_words()
_FILE_WORDS = re.compile(r"[A-Za-z]+")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)
_AD_HOSTS = ("googlesyndication.com", "adnxs.com", "criteo.", "taboola.com", "outbrain.com", "amazon-adsystem.com",
             "/simgad/", "/ad/", "/ads/", "/avw.php", "/adclick", "/adserver", "openx.", "adform.")
_TRACKERS = ("doubleclick", "scorecardresearch", "quantserve", "facebook.com/tr", "google-analytics", "/pixel",
             "/beacon", "bat.bing", "analytics", "chartbeat", "sb.scorecard", "/b.gif", "/tr?", "amazon-adsystem",
             "adservice")
_ROLES = {"navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "sidebar"}
_HEADLINE_TAGS = frozenset({"h2", "h3", "h4", "h5"})
_AD_ATTRIBUTE_PREFIXES = ("data-ad-", "data-google-query")
_TELLING = markup.NAMING | {"role"}
# A size the image service is asked for: "?w=100", "&width=1960", "/w_560,", "-300x200.jpg", "/320x180/".
_URL_SIZE = re.compile(r"[?&](?:w|width|resize|maxwidth|imwidth)=(\d{2,4})\b|/w_(\d{2,4})[,/]"
                       r"|[-_/](\d{2,4})x\d{2,4}(?=[-_./@]|$)", re.IGNORECASE)
_COPYRIGHT = re.compile(credits.COPYRIGHT_SIGN + "|copyright", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")


# The image signals, in the order the weights file lists them. Each name says what is true
# when its value is 1.
IMAGE_SIGNALS = (
    "own_logo", "own_icon", "own_avatar", "own_sprite", "own_tracking", "own_ad", "own_video",
    "file_logo", "file_icon", "file_avatar", "file_social", "file_video", "file_sprite", "file_tracking",
    "file_svg", "url_ad_host",
    "url_tracker",
    "inline_data",
    "size_pixel", "size_tiny", "size_small", "size_large", "size_unknown", "aspect_banner", "url_size_small",
    "url_size_large",
    "ctx_ad", "ctx_related", "ctx_listing", "ctx_nav", "ctx_share", "ctx_author", "ctx_video", "ctx_sidebar",
    "ctx_story", "ctx_media", "tag_header", "tag_footer", "tag_nav", "tag_aside", "role_page_part",
    "in_article", "in_text_region", "before_story_text", "after_story_text", "within_story_text", "closes_story_text",
    "no_text_region", "near_story_text", "in_other_article",
    "in_figure", "figure_video", "has_figcaption", "has_marked_caption", "has_marked_credit",
    "has_credit_text",
    "has_attribute_caption", "has_near_text",
    "teaser_card", "teaser_link", "links_to_page", "links_to_image", "links_to_own_page",
    "links_offsite", "card_repeated",
    "alt_present", "alt_empty", "alt_long", "alt_is_heading", "alt_credit", "in_structured", "first_in_story",
    "in_noscript_only", "copies_many", "captioned",
    # The same context signals for an image with no caption or credit near it: a teaser card's
    # picture has none, while a story photo in a list of photos has its caption.
    *(f"uncaptioned_{name}" for name in ("ctx_related", "ctx_listing", "ctx_sidebar", "links_to_page", "teaser_link",
                                         "card_repeated", "before_story_text", "after_story_text", "in_text_region",
                                         "size_unknown", "alt_empty", "ctx_ad", "links_offsite", "within_story_text",
                                         "closes_story_text", "in_figure", "first_in_story", "size_large",
                                         "url_size_large", "alt_long", "alt_is_heading")),
)
_UNCAPTIONED = tuple(name.removeprefix("uncaptioned_") for name in IMAGE_SIGNALS if name.startswith("uncaptioned_"))

# The text signals, shared by the caption and the credit decisions.
UNIT_SIGNALS = (
    "stage_inside", "stage_after", "stage_row", "stage_aria", "stage_attribute",
    "marked_caption", "marked_credit", "inner_credit", "labelled_credit",
    "tag_figcaption", "tag_p", "tag_span", "tag_div", "tag_small_cite", "tag_link", "tag_list", "headline",
    "level_near", "level", "step_far",
    "hidden", "layout_copy", "in_link", "link_density",
    "chars", "words", "one_word", "short", "long", "very_long", "sentence_end",
    "credit_shape", "credit_label", "agency", "copyright_sign", "slash_credit", "has_email",
    "same_as_alt", "in_alt", "same_as_heading", "starts_lower", "digits_only",
    "inline_credit_found", "credit_clause_whole", "competing_marked_caption", "joined",
    # Against the image's other candidates: the decision picks one of them.
    "first_candidate", "first_marked_caption", "only_marked_credit", "first_credit_shape", "first_inside_text",
    "beyond_body_text", "credit_inside_too",
)

# Added to the text signals for a credit candidate: is it the whole text, or a credit clause
# found at the end of a caption's text?
CREDIT_SIGNALS = UNIT_SIGNALS + ("form_inline", "form_whole", "credit_text_shape", "credit_text_says",
                                 "credit_text_short", "credit_text_long")


def _size(element: etree._Element, name: str) -> int | None:
    value = (element.get(name) or element.get(f"data-{name}") or "").strip().removesuffix("px")
    return int(value) if value.isascii() and value.isdigit() else None


def _file_words(url: str | None) -> frozenset[str]:
    if not url or url.startswith("data:"):
        return frozenset()
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return frozenset(word.lower() for word in _FILE_WORDS.findall(name))


@lru_cache(maxsize=4096)
def _url_signals(url: str) -> tuple[bool, bool]:
    lowered = url.lower()
    return any(part in lowered for part in _AD_HOSTS), any(part in lowered for part in _TRACKERS)


class PageMemo:
    """What the blocks around a page's images say, each block read once: images share ancestors.

    ``above``: the context groups (ad, related, nav ...) that the blocks above an image name,
    walking up to the story's article element or, outside it, to the page body (a page wrapper's
    "has-sidebar" says nothing about a photo inside the story). ``has_headline``: whether a block
    holds a headline near its start.
    """

    def __init__(self, article: etree._Element | None, url: str | None = None) -> None:
        self.article = article
        self.site = site_of(url)  # the page's own site: links elsewhere are not to its stories
        self.own_id = own_id(url)  # the story's number in its URL: a link naming it opens this story
        self._known: dict = {}  # block -> frozenset of groups from that block up to the stop
        self._headlines: dict = {}  # block -> whether it holds a headline

    def above(self, element: etree._Element) -> tuple[str, ...]:
        """Sorted: a set's order changes with the hash seed, and signals keep their order."""
        walked = []
        found: frozenset[str] = _NOTHING
        known = self._known
        for ancestor in element.iterancestors():
            if ancestor in known:
                found = known[ancestor]
                break
            if ancestor is self.article or ancestor.tag in ("body", "html"):
                break
            walked.append(ancestor)
        for block in reversed(walked):
            groups = _block_groups(block)
            if groups:
                found = found | groups
            known[block] = found
        return _sorted(found)

    def has_headline(self, scope: etree._Element) -> bool:
        known = self._headlines.get(scope)
        if known is None:
            known = self._headlines[scope] = _has_headline(scope)
        return known


def _block_groups(block: etree._Element) -> frozenset[str]:
    tag = block.tag
    found: frozenset[str] = _NOTHING
    if tag == "nav" or (tag in ("header", "footer", "aside") and not _within_article(block)):
        found = frozenset({f"tag_{tag}"})  # an article's own <header> holds its lead photo
    attributes = markup.attributes(block)
    if not attributes:
        return found
    telling = tuple([item for item in attributes if item[0] in _TELLING or item[0].startswith(_AD_ATTRIBUTE_PREFIXES)])
    return found | _attribute_groups(telling) if telling else found


_NOTHING: frozenset[str] = frozenset()


def _within_article(element: etree._Element) -> bool:
    return any(a.tag in ("article", "main") or a.get("itemprop") == "articleBody" for a in element.iterancestors())


@lru_cache(maxsize=64)
def _sorted(groups: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(groups))


def _context_of_words() -> dict[str, tuple[str, ...]]:
    """Each context word's signals: "related" -> ("ctx_related",); a word may name several groups."""
    signals: dict[str, list[str]] = {}
    for group, group_words in WORDS.context.items():
        for word in group_words:
            signals.setdefault(word, []).append(f"ctx_{group}")
    return {word: tuple(names) for word, names in signals.items()}


_CONTEXT_OF = _context_of_words()


@lru_cache(maxsize=4096)
def _attribute_groups(telling: tuple[tuple[str, str], ...]) -> frozenset[str]:
    found = set()
    role = next((value for name, value in telling if name == "role"), None)
    if role in _ROLES:
        found.add("role_page_part")
    if any(name.startswith(_AD_ATTRIBUTE_PREFIXES) for name, _ in telling):
        found.add("ctx_ad")
    words = markup.block_words_of(telling)
    paired = WORDS.paired
    for word in words:  # a block names few words: look each up, not every group's list
        names = _CONTEXT_OF.get(word)
        if names and (word not in paired or not words.isdisjoint(paired[word])):
            found.update(names)
    return frozenset(found) if found else _NOTHING


def image_signals(group: ImageGroup, layout: Layout, memo: PageMemo, structured: bool, first_in_story: bool,
                  card_repeated: bool) -> dict[str, float]:
    """The signals of one image (its first visible copy) that do not depend on the texts near it,
    all in 0..1; ``with_caption_evidence`` adds the rest."""
    primary = group.primary
    element = primary.element
    found: dict[str, float] = {}
    src = primary.src or ""
    own_words = markup.words(element)
    for name, words in WORDS.own.items():
        if own_words & words:
            found[f"own_{name}"] = 1
    alt = element.get("alt")
    if alt and len(alt) < 40 and "logo" in alt.lower():
        found["own_logo"] = 1
    file_words = _file_words(src)
    for name in ("logo", "icon", "avatar", "social", "video", "sprite", "tracking"):
        if file_words & WORDS.file_words[name]:
            found[f"file_{name}"] = 1
    if own_words & WORDS.file_words["social"]:
        found["file_social"] = 1
    if src.split("?", 1)[0].lower().endswith(".svg"):
        found["file_svg"] = 1
    if src.startswith("data:"):
        found["inline_data"] = 1
    elif src:
        ad, tracker = _url_signals(src)
        if ad:
            found["url_ad_host"] = 1
        if tracker:
            found["url_tracker"] = 1
    _size_signals(element, found)
    _url_size_signals((primary.src, *primary.srcset), found)
    for name in memo.above(element):
        found[name] = 1
    ancestors = list(element.iterancestors())  # read once: four signals below climb them
    _position_signals(element, ancestors, layout, found)
    _figure_signal(ancestors, found)
    _link_signals(ancestors, memo, src, found)
    if card_repeated:
        found["card_repeated"] = 1
    if alt is not None:
        found["alt_present"] = 1
        if not alt.strip():
            found["alt_empty"] = 1
        elif word_count(alt) >= 6:
            found["alt_long"] = 1
            if _alt_credits(alt):
                found["alt_credit"] = 1  # a wire photo's caption and credit carried into its alt
        if comparison_key(alt) in layout.headings:
            found["alt_is_heading"] = 1
    if structured:
        found["in_structured"] = 1
    if first_in_story:
        found["first_in_story"] = 1
    if all(copy.in_noscript for copy in group.copies):
        found["in_noscript_only"] = 1
    if len(group.copies) > 3:
        found["copies_many"] = 1
    return found


def _alt_credits(alt: str) -> bool:
    if len(alt) > _LONGEST_WIRE_ALT:
        return False  # no wire caption runs this long: body copy pasted into an alt is not searched
    return credits.credit_within(alt) is not None


_LONGEST_WIRE_ALT = 1200

_CAPTIONED_BY = ("has_figcaption", "has_marked_caption", "has_marked_credit", "has_credit_text",
                 "has_attribute_caption")
CAPTION_EVIDENCE = (*_CAPTIONED_BY, "has_near_text")


def with_caption_evidence(base: dict[str, float], units: list[Unit]) -> dict[str, float]:
    """The image's signals with what the texts near it say, before any is chosen as its caption."""
    found = dict(base)
    _caption_evidence(units, found)
    if any(name in found for name in _CAPTIONED_BY):
        found["captioned"] = 1
    else:
        for name in _UNCAPTIONED:
            if name in found:
                found[f"uncaptioned_{name}"] = 1
    return found


def possible_evidence(has_figcaption: bool) -> tuple[str, ...]:
    """The caption evidence a page can give at all: none of its images has a figcaption near it
    when the page has none."""
    return CAPTION_EVIDENCE if has_figcaption else tuple(name for name in CAPTION_EVIDENCE
                                                         if name != "has_figcaption")


def best_case_logit(base: dict[str, float], weights, possible: tuple[str, ...] = CAPTION_EVIDENCE) -> float:
    """The highest editorial logit the image could reach, whatever the texts near it say (of the
    `possible` evidence): if even that is below the threshold, its caption need not be looked for
    (the answer is the same)."""
    weight = weights.weights.get
    captioned = weight("captioned", 0.0) + sum(max(0.0, weight(name, 0.0)) for name in possible)
    uncaptioned = (sum(weight(f"uncaptioned_{name}", 0.0) for name in _UNCAPTIONED if name in base)
                   + max(0.0, weight("has_near_text", 0.0)))
    return weights.logit(base) + max(captioned, uncaptioned)

def _size_signals(element: etree._Element, found: dict[str, float]) -> None:
    width, height = _size(element, "width"), _size(element, "height")
    responsive = element.get("layout") in ("responsive", "fill", "flex-item", "intrinsic", "fixed-height")
    if width is None and height is None:
        found["size_unknown"] = 1
        return
    if responsive:
        return
    if (width is not None and width <= 2) or (height is not None and height <= 2):
        found["size_pixel"] = 1
    elif width is not None and height is not None and width <= 80 and height <= 80:
        found["size_tiny"] = 1
    elif max(width or 0, height or 0) <= 200:
        found["size_small"] = 1
    if (width or 0) >= 600:
        found["size_large"] = 1
    if width and height and width >= 4 * height:
        found["aspect_banner"] = 1


@lru_cache(maxsize=16384)
def _url_width(url: str) -> int | None:
    widths = [int(query or path or name) for query, path, name in _URL_SIZE.findall(url)]  # one group matches
    return max(widths) if widths else None


def _url_size_signals(urls: tuple, found: dict[str, float]) -> None:
    """The largest width the image's URLs ask an image service for: a list's thumbnail asks for
    100 pixels in every rendition, a story photo for 1000 in at least one."""
    widths = [width for url in urls if url and (width := _url_width(url))]
    if not widths:
        return
    if max(widths) <= 200:
        found["url_size_small"] = 1
    elif max(widths) >= 600:
        found["url_size_large"] = 1


def _position_signals(element: etree._Element, ancestors: list[etree._Element], layout: Layout,
                      found: dict[str, float]) -> None:
    # `x in ancestors` compares elements by identity, in C.
    story = layout.story
    if story is not None and story not in ancestors:
        # Inside an <article> that is not the story's (a second story appended below it, a list
        # of whole stories), and not around it either.
        nearest = next((a for a in ancestors if a.tag == "article"), None)
        if nearest is not None and nearest not in story.iterancestors():
            found["in_other_article"] = 1
    if layout.article is not None and layout.article in ancestors:
        found["in_article"] = 1
    if layout.region is None:
        found["no_text_region"] = 1
        return
    if layout.region in ancestors:
        found["in_text_region"] = 1
    else:
        # Just outside the story's text block (the lead picture above it, in the same column):
        # a common ancestor within a few blocks of the region.
        for depth, ancestor in enumerate(ancestors):
            if ancestor in layout.above_region:
                if depth <= 3:
                    found["near_story_text"] = 1
                break
    position = layout.position(element)
    if position is None or layout.first_text is None or layout.last_text is None:
        return
    if position < layout.first_text:
        found["before_story_text"] = 1
    elif position > layout.last_text:
        # Inside the story's block, after its last paragraph, a picture closes the story; outside
        # it, it is what follows the story (more stories, the footer).
        found["closes_story_text" if "in_text_region" in found else "after_story_text"] = 1
    else:
        found["within_story_text"] = 1


def _figure_signal(ancestors: list[etree._Element], found: dict[str, float]) -> None:
    for ancestor in ancestors:
        if ancestor.tag == "figure":
            found["in_figure"] = 1
            if markup.words(ancestor) & WORDS.context["video"]:
                found["figure_video"] = 1  # the picture's own figure is a video's: its poster
            return
        if ancestor.tag in ("body", "article", "main"):
            return


def _caption_evidence(units: list[Unit], found: dict[str, float]) -> None:
    """What the texts near the image say before any text is chosen as its caption."""
    for unit in units:
        if unit.tag == "figcaption":
            found["has_figcaption"] = 1
        if unit.marked == "caption":
            found["has_marked_caption"] = 1
        if unit.marked == "credit":
            found["has_marked_credit"] = 1
        if unit.stage == "attribute":
            found["has_attribute_caption"] = 1
        elif len(unit.text) <= 200 and credits.says_credit(unit.text):
            found["has_credit_text"] = 1
        if unit.stage in ("inside", "after") and unit.step <= 1 and not unit.in_link:
            found["has_near_text"] = 1


def _page_of_picture(href: str, src: str) -> bool:
    """A link to the picture's own page: its last path part names the picture's file
    ("/region/harbour-bridge-112.html" for ".../harbour-bridge-112_v-big16x9.jpg")."""
    stem = href.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return len(stem) >= 8 and stem in src.rsplit("/", 1)[-1]


def _link_signals(ancestors: list[etree._Element], memo: PageMemo, src: str, found: dict[str, float]) -> None:
    """Does the image link somewhere, and is it a story card (the picture and a headline inside
    one link to another page)?"""
    link = None
    for ancestor in ancestors:
        if ancestor.tag == "a" and ancestor.get("href"):
            link = ancestor
            break
        if ancestor.tag in ("body", "article", "main"):
            break
    if link is None:
        return
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return
    if _IMAGE_FILE.search(href):
        found["links_to_image"] = 1
        return
    if memo.site and href.startswith(("http:", "https:", "//")) and site_of(href) != memo.site:
        found["links_offsite"] = 1  # a shop, a source, a partner: not another story of this site
        return
    if (memo.own_id and memo.own_id in _STORY_NUMBER.findall(href)) or _page_of_picture(href, src):
        found["links_to_own_page"] = 1  # the story's photo page or the picture's own page: no story card
        return
    found["links_to_page"] = 1
    if memo.has_headline(link):
        found["teaser_card"] = 1
    else:
        scope = link.getparent()
        for _ in range(2):
            if scope is None:
                break
            if memo.has_headline(scope):
                found["teaser_link"] = 1
                break
            scope = scope.getparent()


_STORY_NUMBER = re.compile(r"(?<!\d)(?<!\d\.)\d{5,}(?!\d)(?!\.\d)")


def own_id(url: str | None) -> str | None:
    """The longest number of five digits or more in a page URL's path: its story's id
    ("/article/1011185", "/news/2024/04/story-id_92942238.html")."""
    if not url:
        return None
    path = url.split("//", 1)[-1].partition("/")[2].split("?", 1)[0]
    numbers = _STORY_NUMBER.findall(path)
    return max(numbers, key=len) if numbers else None


def _has_headline(scope: etree._Element, budget: int = 150) -> bool:
    """A headline within the first `budget` elements of scope (teaser cards are small)."""
    for element in islice(scope.iter(etree.Element), budget + 1):
        if element.tag in _HEADLINE_TAGS or not WORDS.headline.isdisjoint(markup.words(element)):
            return True
    return False


def card_shape(element: etree._Element, owners: dict) -> tuple | None:
    """The tag and class of the image's card: the highest block above it holding this picture
    alone. Three or more images in sibling cards of one shape are a list of stories."""
    card = None
    node = element
    for ancestor in element.iterancestors():
        if owners.get(ancestor, 0) > 1:
            break
        card = ancestor
        node = ancestor
    if card is None:
        return None
    parent = node.getparent()
    if parent is None:
        return None
    return (parent, card.tag, card.get("class") or "")


def ranked_signals(units: list[Unit]) -> list[dict[str, float]]:
    """For each candidate, how it stands among the image's others: the first, the first marked
    caption, the only marked credit, the first credit-shaped text, the first text inside the block."""
    found: list[dict[str, float]] = [{} for _ in units]
    if units:
        found[0]["first_candidate"] = 1
    # A text after the picture's block but past a paragraph of prose belongs to the story, not the
    # picture: "Source: news agencies" closing an article two paragraphs below the last photo.
    prose_step = min((unit.step for unit in units if unit.stage == "after" and unit.marked is None
                      and len(unit.text) >= 60), default=None)
    for n, unit in enumerate(units):
        if prose_step is not None and unit.stage == "after" and unit.step > prose_step:
            found[n]["beyond_body_text"] = 1
    # Outside the picture's block, while a credit is printed inside it: a gallery's or a story's
    # credit line, not this picture's.
    if any(unit.stage == "inside" and (unit.marked == "credit" or credits.says_credit(unit.text[-80:]))
           for unit in units):
        for n, unit in enumerate(units):
            if unit.stage != "inside":
                found[n]["credit_inside_too"] = 1
    credits_marked = [n for n, unit in enumerate(units) if unit.marked == "credit" and not unit.joined]
    if len(credits_marked) == 1:
        found[credits_marked[0]]["only_marked_credit"] = 1
    def credit_shaped(unit: Unit) -> bool:
        return len(unit.text) <= 160 and credits.looks_like_credit(unit.text)

    for name, test in (("first_marked_caption", lambda unit: unit.marked == "caption"),
                       ("first_credit_shape", credit_shaped),
                       ("first_inside_text", lambda unit: unit.stage == "inside" and unit.marked is None)):
        first = next((n for n, unit in enumerate(units) if test(unit)), None)
        if first is not None:
            found[first][name] = 1
    return found


_TAG_SIGNALS = {"figcaption": "tag_figcaption", "p": "tag_p", "span": "tag_span", "div": "tag_div",
                "small": "tag_small_cite", "cite": "tag_small_cite", "a": "tag_link", "li": "tag_list",
                "ul": "tag_list", "ol": "tag_list", "dd": "tag_list", "dt": "tag_list"}


def unit_signals(unit: Unit, alt: str | None, layout: Layout, marked_captions: int,
                 ranked: dict[str, float] | None = None) -> dict[str, float]:
    """The signals of one candidate text, all in 0..1."""
    found: dict[str, float] = {f"stage_{unit.stage}": 1}
    text = unit.text
    if unit.marked:
        found[f"marked_{unit.marked}"] = 1
    for name, present in (("inner_credit", unit.inner), ("labelled_credit", unit.labelled_credit),
                          ("joined", unit.joined)):
        if present:
            found[name] = 1
    if unit.tag in _TAG_SIGNALS:
        found[_TAG_SIGNALS[unit.tag]] = 1
    if unit.headline:
        found["headline"] = 1
    if unit.level <= 1:
        found["level_near"] = 1
    found["level"] = min(unit.level, 8) / 8
    for name, present in (("step_far", unit.step >= 2), ("hidden", unit.hidden), ("layout_copy", unit.layout_copy),
                          ("in_link", unit.in_link)):
        if present:
            found[name] = 1
    found["link_density"] = min(1.0, unit.link_chars / max(len(text), 1))
    found.update(_text_signals_of(text))
    key = comparison_key(text)
    if alt:
        alt_key = comparison_key(alt)
        if key == alt_key:
            found["same_as_alt"] = 1
        elif len(key) >= 12 and key in alt_key:
            found["in_alt"] = 1
    if key in layout.headings:
        found["same_as_heading"] = 1
    if marked_captions and unit.marked != "caption":
        found["competing_marked_caption"] = 1
    if ranked:
        found.update(ranked)
    return found


# Credits are short: the credit tests only run on texts up to this long (body copy is not one).
_CREDIT_LENGTH = 300


@lru_cache(maxsize=16384)
def _text_signals_of(text: str) -> dict[str, float]:
    """The signals a text gives by itself; cached, since copies and galleries repeat texts."""
    found: dict[str, float] = {}
    words = word_count(text)
    found["chars"] = min(1.0, math.log1p(len(text)) / 7)
    found["words"] = min(words, 60) / 60
    if words <= 1:
        found["one_word"] = 1
    if words <= 4:
        found["short"] = 1
    if len(text) > 300:
        found["long"] = 1
    if len(text) > 700:
        found["very_long"] = 1
    if text.rstrip(" )\"”’'").endswith((".", "!", "?", "。")):
        found["sentence_end"] = 1
    first = text.lstrip(" (\"“‘'")[:1]
    if first and first.islower():
        found["starts_lower"] = 1
    if not any(char.isalpha() for char in text):
        found["digits_only"] = 1
    if len(text) > _CREDIT_LENGTH:
        return found
    label, body = credits.strip_label(text)
    if len(text) <= 160 and (credits.looks_like_credit(text) or credits.looks_like_credit(body)):
        found["credit_shape"] = 1  # also "(Daily Example Staff)": brackets and label aside
    if label is not None:
        found["credit_label"] = 1
    if credits.mentions_agency(text):
        found["agency"] = 1
    if _COPYRIGHT.search(text):
        found["copyright_sign"] = 1
    if credits.slash_credit(text):
        found["slash_credit"] = 1
    if _EMAIL.search(text):
        found["has_email"] = 1
    return found


def credit_signals(base: dict[str, float], credit: str, inline: bool) -> dict[str, float]:
    """A credit candidate's signals: its text's, and whether it is a clause of a longer text."""
    found = dict(base)
    found["form_inline" if inline else "form_whole"] = 1
    found.update(_credit_text_signals(credit))
    return found


@lru_cache(maxsize=16384)
def _credit_text_signals(credit: str) -> dict[str, float]:
    found: dict[str, float] = {}
    if len(credit) <= _CREDIT_LENGTH:
        if credits.looks_like_credit(credit) or credits.looks_like_credit(credits.strip_label(credit)[1]):
            found["credit_text_shape"] = 1
        if credits.says_credit(credit):
            found["credit_text_says"] = 1
    words = word_count(credit)
    if words <= 4:
        found["credit_text_short"] = 1
    if words > 10:
        found["credit_text_long"] = 1
    return found
