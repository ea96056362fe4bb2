"""Where things sit on a page: the story's text region, document order, and which blocks hold
which pictures. Found once per page; every image's signals read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from captioncheck.extract.images import ImageGroup
from captioncheck.extract.page_index import PageIndex
from captioncheck.text import comparison_key

# A paragraph of the story, not a teaser's one-line standfirst: this many characters at least.
_STORY_PARAGRAPH = 80
# The text region is the innermost block that still holds this share of the story's text.
_REGION_SHARE = 0.7


@dataclass(frozen=True)
class Layout:
    article: etree._Element | None  # the article element (article, main, articleBody) around the story
    region: etree._Element | None  # the innermost block holding most of the story's paragraph text
    order: dict  # element -> position in document order (images, paragraphs, metas ...)
    first_text: int | None  # position of the story's first and last paragraph
    last_text: int | None
    owners: dict  # block -> how many pictures it holds
    headings: frozenset[str]  # comparison keys of the page's title and headline
    story: etree._Element | None  # the <article> whose heading is the page's headline, if one is
    above_region: frozenset  # the blocks around the text region

    def position(self, element: etree._Element) -> int | None:
        return self.order.get(element)


def of(index: PageIndex, groups: list[ImageGroup], headings: frozenset[str]) -> Layout:
    story = _story_article(index, headings)
    paragraphs = _story_paragraphs(index)
    region, first, last = _text_region(paragraphs)
    if story is not None and region is not None and _holds_other_stories(region, story, paragraphs):
        # A list of whole stories, the page's own first: its text is the story's, not the list's.
        mine = [(paragraph, size) for paragraph, size in paragraphs if story in paragraph.iterancestors()]
        if mine:
            region, first, last = _text_region(mine)
    order = {element: n for n, element in enumerate(index.ordered)}
    return Layout(
        article=_article_root(index),
        region=region,
        order=order,
        first_text=order.get(first) if first is not None else None,
        last_text=order.get(last) if last is not None else None,
        owners=_owners(groups),
        headings=headings,
        story=story,
        above_region=frozenset(region.iterancestors()) if region is not None else frozenset(),
    )


def _story_article(index: PageIndex, headings: frozenset[str]) -> etree._Element | None:
    """The <article> the page is about: the first whose own heading is the page's title. Pages
    that append a second story, or list whole stories, hold other <article>s beside it."""
    if not headings or not index.tagged("article"):
        return None
    for heading in [*index.tagged("h1"), *index.tree.iter("h2", "h3")]:
        key = comparison_key("".join(heading.itertext()))
        if key and any(key == title or (len(key) > 20 and title.startswith(key)) for title in headings):
            story = next((a for a in heading.iterancestors("article")), None)
            if story is not None:
                return story
    return None


def _story_paragraphs(index: PageIndex) -> list[tuple[etree._Element, int]]:
    """The page's paragraphs long enough to be a story's, with their lengths."""
    found = []
    for paragraph in index.tagged("p"):
        size = sum(len(part) for part in paragraph.itertext())
        if size >= _STORY_PARAGRAPH:
            found.append((paragraph, size))
    return found


def _holds_other_stories(region: etree._Element, story: etree._Element,
                         paragraphs: list[tuple[etree._Element, int]]) -> bool:
    """Does the text region hold, beside the story's <article>, other <article>s with story text?"""
    if region is story or region not in story.iterancestors():
        return False
    for paragraph, _ in paragraphs:
        ancestors = list(paragraph.iterancestors())
        if region in ancestors and story not in ancestors and any(
                a.tag == "article" for a in ancestors[: ancestors.index(region)]):
            return True
    return False


def _text_region(paragraphs: list[tuple[etree._Element, int]]
                 ) -> tuple[etree._Element | None, etree._Element | None, etree._Element | None]:
    """The block that holds the story, found by where its text is (text density), not by the
    first <article>: the innermost block holding most characters of the page's long paragraphs.
    Also the story's first and last paragraph inside it."""
    weight: dict = {}
    story = []
    total = 0
    for paragraph, size in paragraphs:
        story.append(paragraph)
        total += size
        for ancestor in paragraph.iterancestors():
            weight[ancestor] = weight.get(ancestor, 0) + size
    if total == 0:
        return None, None, None
    best = None
    depth_of_best = -1
    for block, size in weight.items():
        if size >= _REGION_SHARE * total:
            depth = sum(1 for _ in block.iterancestors())
            if depth > depth_of_best:
                best, depth_of_best = block, depth
    inside = [p for p in story if best is not None and best in p.iterancestors()]
    return best, (inside[0] if inside else None), (inside[-1] if inside else None)


def _article_root(index: PageIndex) -> etree._Element | None:
    """The article element with the most paragraphs (<article> inside <main>: the inner one).

    Found by climbing from the paragraphs, each block once, rather than by searching the whole
    tree for itemprop="articleBody" or role="main": that search costs as much as the parse.
    """
    counts: dict = {}
    above: dict = {}  # element -> the article elements at or above it, outermost first
    for paragraph in index.tagged("p"):
        climbed = []
        node = paragraph.getparent()
        while node is not None and node not in above:
            climbed.append(node)
            node = node.getparent()
        chain = above[node] if node is not None else ()
        for block in reversed(climbed):
            if _is_article(block):
                chain = (*chain, block)
            above[block] = chain
        for block in chain:
            counts[block] = counts.get(block, 0) + 1
    most = max(counts.values(), default=0)
    if most < 2:
        return None
    close = [element for element, count in counts.items() if count >= 0.9 * most]
    return max(close, key=lambda element: sum(1 for _ in element.iterancestors()))


def _is_article(element: etree._Element) -> bool:
    get = element.get
    return element.tag in ("article", "main") or get("itemprop") == "articleBody" or get("role") == "main"


def _owners(groups: list[ImageGroup]) -> dict:
    """For each block above an image, how many pictures it holds: every level up to the root, so
    that whether a picture is alone in its block never depends on a fixed depth. A count, not the
    pictures themselves: memory grows with the blocks, not with blocks times pictures."""
    counts: dict = {}
    counted_by: dict = {}  # block -> the last picture that counted it
    for group_id, group in enumerate(groups):
        if not counts_as_picture(group):
            continue  # a grey placeholder beside the real image is no second picture in its block
        for copy in group.copies:
            for ancestor in copy.element.iterancestors():
                if counted_by.get(ancestor) == group_id:
                    break  # this copy's chain joined one already counted for the same picture
                counted_by[ancestor] = group_id
                counts[ancestor] = counts.get(ancestor, 0) + 1
    return counts


def counts_as_picture(group: ImageGroup) -> bool:
    """Does the image take a block as a picture? Not a placeholder without a URL, nor an interface
    icon drawn as a vector file (a zoom button over the photo) unless it declares a picture's width."""
    primary = group.primary
    if primary.src is None and not primary.srcset:
        return False
    if primary.src and not primary.srcset and primary.src.split("?", 1)[0].lower().endswith(".svg"):
        width = (primary.element.get("width") or "").strip().removesuffix("px")
        return width.isdigit() and int(width) >= 200
    return True
