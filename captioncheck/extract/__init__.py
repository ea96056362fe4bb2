"""Saved page -> page model: every image with its caption, alt text, credit and restrictions.

Extraction knows markup and no rules. The steps: parse, read page facts, find images and fold
their copies, find where the story's text is (layout), then for each image gather its candidate
texts (captions) and the signals of the image and of each text (signals): ``observe``. Then
``decide`` weighs the signals with the fitted weights: editorial or not, which text is the caption
and which the credit, split into caption, credit and handling instructions (instructions first:
agencies run them on straight after the credit).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

from lxml import etree

from captioncheck.extract import captions, decide, image_files, images, layout, metadata, signals, suppressions, weights
from captioncheck.extract.page_index import EVERYTHING, IMAGE_TAGS, Hints, PageIndex
from captioncheck.extract.urls import loose_key, url_key
from captioncheck.limits import DEFAULT, MEGABYTE, Deadline, Limits
from captioncheck.model import Page, Structured
from captioncheck.parse import parse
from captioncheck.text import clean, comparison_key


def extract_page(path: str, data: bytes, declared_charset: str | None = None, limits: Limits = DEFAULT,
                 url: str | None = None, assets: image_files.Assets | None = None,
                 model: weights.Model | None = None) -> Page:
    """The page model of one page. Never raises on bad input: problems go to ``Page.errors``.

    `url` is where the page was fetched from (the page's own canonical URL wins); `assets` finds
    the image files the document carries, whose embedded credit data goes on the images.
    """
    with _cycles_collected_after():
        return _extract_page(path, data, declared_charset, limits, url, assets, model)


@contextmanager
def _cycles_collected_after():
    """Python's cycle collector paused while a page is read. Reading one allocates hundreds of
    thousands of short-lived tuples and dicts, each a trigger for a collection that finds nothing:
    they are freed by their reference counts, and the rare cycle waits until the page is done."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _extract_page(path: str, data: bytes, declared_charset: str | None, limits: Limits, url: str | None,
                  assets: image_files.Assets | None, model: weights.Model | None) -> Page:
    deadline = Deadline(limits.page_timeout)  # the parse counts against the page's time too
    if len(data) > limits.max_bytes:
        size = f"{len(data) / MEGABYTE:.1f} MB"
        # Not read at all, so nothing on it was checked: unreadable (CC001), not a page checked in part (CC004).
        return Page(path=path, unreadable=True,
                    errors=(f"the page is {size}, over the limit of {limits.max_bytes / MEGABYTE:g} MB "
                            "(--max-bytes); it was not read",))
    parsed = parse(data, declared_charset)
    if parsed.tree is None:
        return Page(path=path, errors=parsed.errors, unreadable=True)
    page = extract_tree(path, parsed.tree, parsed.errors, Hints.of(data, parsed.encoding), limits, url, model,
                        parsed.limits, deadline)
    return image_files.attach(page, assets)


def extract_tree(path: str, tree: etree._Element, errors: tuple[str, ...] = (), hints: Hints = EVERYTHING,
                 limits: Limits = DEFAULT, url: str | None = None, model: weights.Model | None = None,
                 reached: tuple[str, ...] = (), deadline: Deadline | None = None) -> Page:
    """The page model of a parsed page. `hints` say what the page's bytes mention, so that searches
    for attributes it does not hold are skipped (each costs a pass over the tree). `reached`: limits
    the parse already reached; `deadline`: the page's time budget, if it started before this."""
    model = model or weights.builtin()
    observed = observe(path, tree, errors, hints, limits, url, prune_with=model, deadline=deadline)
    observed.limits[:0] = reached
    return decide_page(observed, model)


@dataclass
class ObservedPage:
    """A page read into signals and candidate texts, not yet decided (see decide.py)."""

    path: str
    url: str | None
    title: str | None
    lang: str | None
    published: str | None
    errors: tuple[str, ...]
    images: list[decide.Observed]
    limits: list[str] = field(default_factory=list)  # limits reached, each saying what was left unchecked


def decide_page(observed: ObservedPage, model: weights.Model | None = None) -> Page:
    model = model or weights.builtin()
    return Page(
        limits=tuple(observed.limits),
        path=observed.path,
        url=observed.url,
        title=observed.title,
        lang=observed.lang,
        published=observed.published,
        images=tuple(decide.image(image, model) for image in observed.images),
        errors=observed.errors,
    )


def observe(path: str, tree: etree._Element, errors: tuple[str, ...] = (), hints: Hints = EVERYTHING,
            limits: Limits = DEFAULT, url: str | None = None, prune_with: weights.Model | None = None,
            deadline: Deadline | None = None) -> ObservedPage:
    """Read every image of the page into signals and candidate texts: all the markup work.

    With `prune_with`, images that model could not call editorial whatever their captions say
    are not searched for captions (most of a page's images: logos, icons, story lists).
    Past `deadline` (default: `limits.page_timeout` from now) the images not yet read are left out.
    """
    deadline = deadline or Deadline(limits.page_timeout)
    reached: list[str] = []
    index = PageIndex.of(tree, hints)
    facts = metadata.read(index)
    found = images.elements(index)
    # Counted before copies are folded: folding costs per element, and a page of one photo copied
    # 100,000 times is no less work than 100,000 photos.
    if len(found) > limits.max_images:
        first_left = found[limits.max_images].sourceline
        reached.append(f"the page has {len(found)} image elements (each copy of a photo counted), over the "
                       f"limit of {limits.max_images} (--max-images); "
                       + _span("image element", limits.max_images + 1, len(found), first_left))
        found = found[: limits.max_images]
    groups = images.find(index, found)
    if deadline.passed():
        reached.append(deadline.message(f"none of its {len(groups)} images was checked"))
        return ObservedPage(path, facts.url or url, facts.title, facts.lang, facts.published, tuple(errors), [],
                            reached)
    headline = index.first("h1")
    headings = frozenset(key for key in (comparison_key(facts.title),
                                         comparison_key("".join(headline.itertext()) if headline is not None else None))
                         if key)
    page_layout = layout.of(index, groups, headings)
    scan = _PageScan(
        layout=page_layout,
        structured=facts.structured,
        structured_loose=_loose_index(facts.structured),
        marked=suppressions.find(tree, hints.directives),
        memo=signals.PageMemo(page_layout.article, facts.url or url),
        ids=_ids(tree) if _names_ids(index) else {},
        alt_duplicates=_by_line(hints.alt_duplicates),
        evidence=signals.possible_evidence(bool(index.tagged("figcaption"))),
    )
    shapes = [signals.card_shape(group.primary.element, page_layout.owners) for group in groups]
    shape_counts: dict = {}
    for shape in shapes:
        if shape is not None:
            shape_counts[shape] = shape_counts.get(shape, 0) + 1
    first = _first_in_story(groups, page_layout)
    observed = []
    for number, group in enumerate(groups):
        if deadline.passed():  # one clock read per image: the per-image work is where a page's time goes
            reached.append(deadline.message(_span("image", number + 1, len(groups), group.primary.element.sourceline)))
            break
        observed.append(_observe(number, group, scan, first == number, shape_counts.get(shapes[number], 0) >= 3,
                                 prune_with))
    return ObservedPage(path, facts.url or url, facts.title, facts.lang, facts.published, tuple(errors), observed,
                        reached)


def _span(what: str, first: int, last: int, line: int | None) -> str:
    """What a limit left out: "images 12 to 40 (from line 310 on) were not checked"."""
    if first == last:
        return f"{what} {first} (line {line}) was not checked"
    return f"{what}s {first} to {last} (from line {line} on) were not checked"


def _names_ids(index: PageIndex) -> bool:
    return any(image.get("aria-describedby") or image.get("aria-labelledby") for image in index.tagged(*IMAGE_TAGS))


def _ids(tree: etree._Element) -> dict:
    """Elements by id, for aria-describedby; built only on pages whose images name one."""
    found: dict = {}
    for element in tree.iter():
        ident = element.get("id") if isinstance(element.tag, str) else None
        if ident and ident not in found:
            found[ident] = element
    return found


def _first_in_story(groups: list[images.ImageGroup], page_layout: layout.Layout) -> int | None:
    region = page_layout.region
    if region is None:
        return None
    for number, group in enumerate(groups):
        if any(ancestor is region for ancestor in group.primary.element.iterancestors()):
            return number
    return None


@dataclass(frozen=True)
class _PageScan:
    """What every image of one page is read against, found once per page."""

    layout: layout.Layout
    structured: dict  # image URL -> structured credit data
    structured_loose: dict  # the same, by URL without its size rendition
    marked: dict  # element -> rules the page silences for it
    memo: signals.PageMemo
    ids: dict
    alt_duplicates: dict  # line -> alt values of each image tag there that gives alt twice
    evidence: tuple[str, ...]  # the caption evidence the page can give (signals.possible_evidence)


_STAGE_NAMES = {
    "inside": "in the picture's block", "after": "after the picture's block", "row": "under a row of pictures",
    "aria": "named by aria-describedby", "attribute": "a data attribute",
}


def _source(unit: captions.Unit) -> str:
    name = unit.tag
    classes = (unit.element.get("class") or "").split() if unit.element is not None else []
    if classes:
        name += "." + classes[0]
    line = f", line {unit.line}" if unit.line else ""
    return f"{name}{line} ({_STAGE_NAMES[unit.stage]})"


def _observe(number: int, group: images.ImageGroup, scan: _PageScan, first_in_story: bool,
             card_repeated: bool, prune_with: weights.Model | None) -> decide.Observed:
    primary = group.primary
    element = primary.element
    page_layout = scan.layout
    structured = _structured_for(group, scan)
    gate = "no image source" if primary.src is None and not primary.srcset else None
    base = signals.image_signals(group, page_layout, scan.memo, structured is not None, first_in_story,
                                 card_repeated)
    units: list[captions.Unit] = []
    hopeless = gate is not None or (
        prune_with is not None
        and signals.best_case_logit(base, prune_with.editorial, scan.evidence) < weights.logit_of(prune_with.threshold))
    # A <noscript> copy sits beside its image and would climb the same blocks again; a lightbox
    # copy may hold the caption the first copy lacks.
    others = [copy for copy in group.copies if copy is not primary and not copy.in_noscript]
    for copy in [] if hopeless else [primary, *others]:
        units = captions.find(copy.element, page_layout.owners, int(layout.counts_as_picture(group)),
                              page_layout.article)
        if units:
            break
    if scan.ids and not hopeless:
        units += captions.described_by(element, scan.ids)
    alt = _first_attribute(group, "alt") or _first_attribute(group, "data-alt")
    if alt is None and _first_attribute(group, "alt", keep_empty=True) == "":
        alt = ""
    image_signals = signals.with_caption_evidence(base, units)
    if prune_with is not None and prune_with.editorial.score(image_signals) < prune_with.threshold:
        units = []  # decorative, its texts known: their caption and credit scores change nothing rules read
    marked_captions = sum(1 for unit in units if unit.marked == "caption")
    ranked = signals.ranked_signals(units)
    texts = [
        decide.prepare(signals.unit_signals(unit, alt, page_layout, marked_captions, rank), _source(unit),
                       unit.marked, unit.stage, unit.level, unit.layout_copy, unit.text, unit.line)
        for unit, rank in zip(units, ranked, strict=True)
    ]
    return decide.Observed(
        index=number,
        src=primary.src,
        srcset=tuple(primary.srcset),
        line=element.sourceline,
        alt=alt,
        title=_first_attribute(group, "title"),
        alt_ignored=_ignored_alts(group, scan.alt_duplicates) if scan.alt_duplicates else (),
        structured=structured,
        copies=len(group.copies),
        suppressed=suppressions.for_image(element, scan.marked),
        signals=image_signals,
        texts=texts,
        gate=gate,
    )


def _first_attribute(group: images.ImageGroup, name: str, keep_empty: bool = False) -> str | None:
    for copy in [group.primary, *group.copies]:
        value = copy.element.get(name)
        if value is not None:
            value = clean(value)
            if value or keep_empty:
                return value or ""
    return None


def _by_line(duplicates: tuple[tuple[int, tuple[str, ...]], ...]) -> dict:
    lines: dict[int, list[tuple[str, ...]]] = {}
    for line, values in duplicates:
        lines.setdefault(line, []).append(values)
    return lines


def _ignored_alts(group: images.ImageGroup, duplicates: dict) -> tuple[str, ...]:
    """The alt values after the first on the image's tags: browsers (and libxml2) read only the first."""
    ignored: list[str] = []
    for copy in group.copies:
        kept = copy.element.get("alt")
        for values in duplicates.get(copy.element.sourceline, ()):
            # The tag on that line whose first alt is the one the tree kept.
            if kept is not None and clean(values[0]) == clean(kept):
                ignored += [clean(value) or "" for value in values[1:]]
                break
    return tuple(dict.fromkeys(ignored))


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
