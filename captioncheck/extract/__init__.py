"""Saved page -> page model: every image with its caption, alt text, credit and restrictions.

Extraction knows markup and no rules. The steps: parse, read page facts, find images and fold
their copies, tell editorial from decorative, find each editorial image's caption block, then
split its text into caption, credit and handling instructions (instructions first: Reuters runs
them on straight after the credit).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from lxml import etree

from captioncheck.extract import captions, context, credits, image_files, images, metadata, restrictions, suppressions
from captioncheck.extract.page_index import EVERYTHING, Hints, PageIndex
from captioncheck.extract.urls import loose_key, url_key
from captioncheck.limits import DEFAULT, MEGABYTE, Limits
from captioncheck.model import HiddenCredit, Image, Page, Restriction, Structured
from captioncheck.parse import parse
from captioncheck.text import clean


def extract_page(path: str, data: bytes, declared_charset: str | None = None, limits: Limits = DEFAULT,
                 url: str | None = None, assets: image_files.Assets | None = None) -> Page:
    """The page model of one page. Never raises on bad input: problems go to ``Page.errors``.

    `url` is where the page was fetched from (the page's own canonical URL wins); `assets` finds
    the image files the document carries, whose embedded credit data goes on the images.
    """
    if len(data) > limits.max_bytes:
        size = f"{len(data) / MEGABYTE:.1f} MB"
        return Page(path=path, unreadable=True,
                    errors=(f"the page is {size}, over the limit of {limits.max_bytes / MEGABYTE:g} MB "
                            "(--max-bytes); it was not read",))
    parsed = parse(data, declared_charset)
    if parsed.tree is None:
        return Page(path=path, errors=parsed.errors, unreadable=True)
    page = extract_tree(path, parsed.tree, parsed.errors, Hints.of(data), limits, url)
    return image_files.attach(page, assets)


def extract_tree(path: str, tree: etree._Element, errors: tuple[str, ...] = (), hints: Hints = EVERYTHING,
                 limits: Limits = DEFAULT, url: str | None = None) -> Page:
    """The page model of a parsed page. `hints` say what the page's bytes mention, so that searches
    for attributes it does not hold are skipped (each costs a pass over the tree)."""
    index = PageIndex.of(tree, hints)
    facts = metadata.read(index)
    groups = images.find(index)
    if len(groups) > limits.max_images:
        errors = (*errors, f"the page has {len(groups)} images; only the first {limits.max_images} were "
                           "checked (--max-images)")
        groups = groups[: limits.max_images]
    article = _article_root(index)
    scan = _PageScan(
        owners=_owners(groups),
        article=article,
        structured=facts.structured,
        structured_loose=_loose_index(facts.structured),
        marked=suppressions.find(tree, hints.directives),
        reasons=context.ContextReasons(article),
    )
    found = [_image(index, group, scan) for index, group in enumerate(groups)]
    return Page(
        path=path,
        url=facts.url or url,
        title=facts.title,
        lang=facts.lang,
        published=facts.published,
        images=tuple(found),
        errors=tuple(errors),
    )


def _article_root(index: PageIndex) -> etree._Element | None:
    """The block that holds the story: the article element with the most paragraphs.

    Found by climbing from the paragraphs, each block once, rather than by searching the whole
    tree for itemprop="articleBody" or role="main": that search costs as much as the parse.
    """
    counts: dict = {}  # article element -> paragraphs inside it, in the order first met
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
    # The innermost block that still holds nearly all paragraphs: <article> inside <main>.
    close = [element for element, count in counts.items() if count >= 0.9 * most]
    return max(close, key=lambda element: sum(1 for _ in element.iterancestors()))


def _is_article(element: etree._Element) -> bool:
    get = element.get
    return element.tag in ("article", "main") or get("itemprop") == "articleBody" or get("role") == "main"


def _owners(groups: list[images.ImageGroup]) -> dict:
    """For each block near an image, the ids of the images it holds."""
    owners: dict = {}
    for group_id, group in enumerate(groups):
        if group.primary.src is None and not group.primary.srcset:
            continue  # a grey placeholder beside the real image is no second picture in its block
        for copy in group.copies:
            for ancestor in islice(copy.element.iterancestors(), captions.MAX_LEVELS + 2):
                held = owners.get(ancestor)
                if held is None:
                    owners[ancestor] = {group_id}
                else:
                    held.add(group_id)
    return owners


@dataclass(frozen=True)
class _PageScan:
    """What every image of one page is read against, found once per page."""

    owners: dict  # block -> ids of the images inside it
    article: etree._Element | None
    structured: dict  # image URL -> structured credit data
    structured_loose: dict  # the same, by URL without its size rendition
    marked: dict  # element -> rules the page silences for it
    reasons: context.ContextReasons


def _image(index: int, group: images.ImageGroup, scan: _PageScan) -> Image:
    primary = group.primary
    element = primary.element
    article = scan.article
    # Reasons that hold whatever the caption says come first: no caption search for a nav icon.
    reason = context.own_reason(primary) or scan.reasons.reason(element, captioned=True)
    block = captions.CaptionBlock()
    if reason is None:
        block = _caption_block(group, scan.owners, index, article)
        captioned = bool(block.caption or block.credit)
        if captioned:
            reason = "related-story thumbnail" if context.teaser_card(element) else None
        else:
            reason = scan.reasons.reason(element, captioned=False)
        if reason is None and not captioned:
            reason = context.uncaptioned_reason(primary)
            if reason is None and article is not None and not any(a is article for a in element.iterancestors()):
                reason = "outside the article body"
    alt = _first_attribute(group, "alt") or _first_attribute(group, "data-alt")
    if alt is None and _first_attribute(group, "alt", keep_empty=True) == "":
        alt = ""
    title = _first_attribute(group, "title")

    caption_text, found = restrictions.strip(block.caption, "caption")
    caption, inline_credit = credits.split_caption(caption_text)
    credit_text, credit_found = restrictions.strip(block.credit, "credit")
    raw_credit = _better_credit(credit_text, inline_credit)
    found += credit_found
    found += restrictions.scan(alt, "alt") + restrictions.scan(title, "title")
    structured = _structured_for(group, scan)
    if structured and structured.creditText:
        found += restrictions.scan(structured.creditText, "structured")
    credit = credits.tidy(raw_credit)
    return Image(
        index=index,
        kind="decorative" if reason else "editorial",
        reason=reason,
        src=primary.src,
        srcset=tuple(primary.srcset),
        line=element.sourceline,
        alt=alt,
        title=title,
        caption=caption,
        credit=credit,
        credit_parts=credits.parse(raw_credit),
        restrictions=_unique(found),
        structured=structured,
        caption_repeated=block.repeated,
        credit_hidden=None if credit else _hidden_credit(alt, title, structured),
        copies=len(group.copies),
        suppressed=suppressions.for_image(element, scan.marked),
    )


def _better_credit(element_credit: str | None, inline_credit: str | None) -> str | None:
    """The credit element, unless it is a generic provider line and the caption names the photographer.

    MSN prints "© Getty Images" in its attribution element and the full agency credit
    "(Jon Super/Xinhua via Getty Images)" at the end of the caption.
    """
    def specific(credit: str) -> bool:
        return "/" in credit or " via " in credit

    if element_credit and inline_credit and not specific(element_credit) and specific(inline_credit):
        return inline_credit
    return element_credit or inline_credit


def _caption_block(group: images.ImageGroup, owners, index, article) -> captions.CaptionBlock:
    """The first copy's caption block that says anything: a lightbox copy may hold the caption."""
    block = captions.CaptionBlock()
    # A <noscript> copy sits beside its image and would climb the same blocks again.
    others = [copy for copy in group.copies if copy is not group.primary and not copy.in_noscript]
    for copy in [group.primary, *others]:
        block = captions.find(copy.element, owners, index, article)
        if block.caption or block.credit:
            return block
    return block


def _first_attribute(group: images.ImageGroup, name: str, keep_empty: bool = False) -> str | None:
    for copy in [group.primary, *group.copies]:
        value = copy.element.get(name)
        if value is not None:
            value = clean(value)
            if value or keep_empty:
                return value or ""
    return None


def _loose_index(by_url: dict[str, Structured]) -> dict[str, list[Structured]]:
    """Structured data by URL with its size rendition left out, built once per page."""
    loose: dict[str, list[Structured]] = {}
    for key, value in by_url.items():
        loose.setdefault(loose_key(key), []).append(value)
    return loose


def _structured_for(group: images.ImageGroup, scan: _PageScan) -> Structured | None:
    """The structured data whose URL is one of the image's; else the one URL that differs only in
    its size rendition (JSON-LD names the 1600px file, the page shows the 1200px one)."""
    if not scan.structured:
        return None
    urls = [url for copy in group.copies for url in (copy.src, *copy.srcset) if url]
    for url in urls:
        if url_key(url) in scan.structured:
            return scan.structured[url_key(url)]
    for url in urls:
        matches = scan.structured_loose.get(loose_key(url), [])
        if len({id(value) for value in matches}) == 1:
            return matches[0]
    return None


def _hidden_credit(alt: str | None, title: str | None, structured: Structured | None) -> HiddenCredit | None:
    """A credit readers do not see: in the alt or title text, or only in structured data."""
    for field, text in (("alt", alt), ("title", title)):
        if text:
            stripped, _ = restrictions.strip(text, field)
            _, credit = credits.split_caption(stripped)
            # Alt texts end in "(VIDEO)" or "(Fig 2)": only a credit that says it is one counts.
            if credit and credits.says_credit(credit):
                return HiddenCredit(field, credits.tidy(credit) or credit)
    if structured and (structured.creditText or structured.copyrightNotice):
        return HiddenCredit("structured", structured.creditText or structured.copyrightNotice)
    return None


def _unique(found: list[Restriction]) -> tuple[Restriction, ...]:
    return tuple(dict.fromkeys(found))
