"""Weigh the evidence: which images are editorial, which text is each one's caption and credit.

Extraction reads the markup once into observations (``Observed``: an image's signals and its
candidate texts, prepared); this module only scores them with a ``weights.Model`` and builds the
page model. So the same observations can be decided again with other weights, which is how
``benchmarks/extract_cv.py`` scores publishers left out of the fit without parsing again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from captioncheck.extract import credits, restrictions
from captioncheck.extract.captions import doubled
from captioncheck.extract.signals import credit_signals
from captioncheck.extract.weights import Model, Weights
from captioncheck.model import Evidence, HiddenCredit, Image, Restriction, Structured
from captioncheck.text import comparison_key, word_count

# Why an image is decorative, by the signal that weighs most against it.
REASONS = {
    "own_logo": "logo", "file_logo": "logo", "own_icon": "icon", "file_icon": "icon", "file_social": "icon",
    "file_svg": "vector icon", "own_avatar": "avatar or author photo", "file_avatar": "avatar or author photo",
    "ctx_author": "avatar or author photo", "own_sprite": "sprite", "file_sprite": "sprite",
    "own_tracking": "tracking pixel", "file_tracking": "tracking pixel", "size_pixel": "tracking pixel",
    "url_tracker": "tracking pixel", "own_ad": "advertisement", "ctx_ad": "advertisement",
    "url_ad_host": "advertisement", "own_video": "video poster", "file_video": "video poster",
    "ctx_video": "video player", "ctx_related": "related-story thumbnail", "ctx_listing": "in a list of stories",
    "teaser_card": "related-story thumbnail", "teaser_link": "related-story thumbnail",
    "card_repeated": "related-story thumbnail", "links_to_page": "related-story thumbnail",
    "links_offsite": "links off the site", "in_other_article": "in another story on the page",
    "ctx_nav": "in navigation", "tag_nav": "in navigation", "tag_header": "in page header",
    "tag_footer": "in page footer", "ctx_share": "share or comment widget", "ctx_sidebar": "in sidebar",
    "tag_aside": "in sidebar", "role_page_part": "in page header, footer or sidebar", "size_tiny": "tiny image",
    "size_small": "small image", "url_size_small": "thumbnail size", "inline_data": "inline data: image",
    "after_story_text": "after the story", "before_story_text": "before the story",
    "in_noscript_only": "only in a noscript fallback", "aspect_banner": "banner shape",
}
EVIDENCE_SIGNALS = 6  # signals of the editorial decision listed in the page model


@dataclass
class Text:
    """One candidate text, prepared for both decisions."""

    signals: dict[str, float]
    source: str  # where it was found, for the evidence: "figcaption.caption, line 40 (in the picture's block)"
    marked: str | None
    stage: str
    level: int
    layout_copy: bool
    caption: str | None  # as a caption: instructions cut, a trailing credit clause split off
    caption_found: list[Restriction] = field(default_factory=list)
    inline: str | None = None  # the credit clause at the end of its text
    credit: str | None = None  # the whole text as a credit, instructions cut
    credit_found: list[Restriction] = field(default_factory=list)
    line: int | None = None


@dataclass
class Observed:
    """One image with everything extraction read about it."""

    index: int
    src: str | None
    srcset: tuple[str, ...]
    line: int | None
    alt: str | None
    title: str | None
    structured: Structured | None
    copies: int
    suppressed: tuple[str, ...]
    signals: dict[str, float]
    texts: list[Text]
    gate: str | None = None  # a reason that holds whatever the weights: no image source at all
    alt_ignored: tuple[str, ...] = ()  # further alt attributes on the tag, which browsers ignore


# Longer texts are body copy, not a caption or credit: they are weighed as they are.
_LONGEST_CAPTION = 1200


def prepare(signals: dict[str, float], source: str, marked: str | None, stage: str, level: int,
            layout_copy: bool, text: str, line: int | None) -> Text:
    if len(text) > _LONGEST_CAPTION:
        return Text(signals, source, marked, stage, level, layout_copy, text, line=line)
    if credits.is_ad_label(text) or credits.is_reading_time(text):  # page furniture: neither
        return Text(signals, source, marked, stage, level, layout_copy, None, line=line)
    # One cut of the instructions serves both readings; only the field they are reported in differs.
    credit_text, caption_found = restrictions.strip(text, "caption")
    credit_found = [dataclasses.replace(found, field="credit") for found in caption_found]
    caption, inline = credits.split_caption(credit_text)
    # A credit element's own text is the credit, unless a caption was printed in it too (a
    # <small> holding both): a clause split from a short one is part of it ("EFE" + "EPA/Name").
    if marked == "credit" and word_count(caption or "") < 4:
        inline = None
    inline = inline if inline and any(char.isalpha() for char in inline) else None
    signals = dict(signals)
    if inline and not caption:
        inline = None  # the whole text is the credit clause: it is a candidate as a whole already
        signals["credit_clause_whole"] = 1
    if inline:
        signals["inline_credit_found"] = 1
    return Text(signals, source, marked, stage, level, layout_copy, caption, caption_found, inline,
                credit_text, credit_found, line)


def image(observed: Observed, model: Model) -> Image:
    """The page-model image: editorial or not, its caption and credit, and why."""
    confidence, weighed = model.editorial.weigh(observed.signals)
    if observed.gate:
        confidence = 0.0
    editorial = confidence >= model.threshold
    reason = None if editorial else (observed.gate or _reason(weighed))
    chosen, joined = _caption(observed.texts, model.caption, model.caption_threshold)
    caption = None
    found: list[Restriction] = []
    repeated = False
    if chosen is not None:
        parts = [chosen, *joined]
        caption = " ".join(text.caption for text in parts if text.caption) or None
        for text in parts:
            found += text.caption_found
        repeated = _repeated(chosen, observed.texts, model.caption, model.caption_threshold)
        half = doubled(caption)
        if half:
            caption, repeated = half, True
    credit_choice = _credit(observed.texts, chosen, joined, model.credit, model.credit_threshold)
    raw_credit = None
    credit_source = None
    if credit_choice is not None:
        text, raw_credit, inline = credit_choice
        credit_source = ("end of " if inline else "") + text.source
        if text is not chosen and all(text is not part for part in joined):
            # The instructions cut from the text the credit came from are that credit's.
            found += text.caption_found if inline else text.credit_found
    alt, title, structured = observed.alt, observed.title, observed.structured
    # A title is a tooltip every reader sees on hover, on any image (a video's poster, a logo):
    # always searched. The other texts of an image that is no story photo are not.
    found += (restrictions.scan(alt, "alt") if editorial else []) + restrictions.scan(title, "title")
    if editorial and structured and structured.creditText:
        found += restrictions.scan(structured.creditText, "structured")
    credit = credits.tidy(raw_credit)
    evidence = Evidence(
        signals=tuple([(name, round(part, 3)) for name, part in weighed[:EVIDENCE_SIGNALS]]),
        caption_source=chosen.source if chosen is not None else None,
        credit_source=credit_source if credit else None,
    )
    return Image(
        index=observed.index,
        kind="editorial" if editorial else "decorative",
        reason=reason,
        src=observed.src,
        srcset=observed.srcset,
        line=observed.line,
        alt=alt,
        alt_ignored=observed.alt_ignored,
        title=title,
        caption=caption,
        credit=credit,
        credit_parts=credits.parse(raw_credit),
        restrictions=tuple(dict.fromkeys(found)),
        structured=structured,
        caption_repeated=repeated,
        credit_hidden=None if credit or not editorial else _hidden_credit(alt, title, structured),
        copies=observed.copies,
        suppressed=observed.suppressed,
        confidence=round(confidence, 3),
        evidence=evidence,
    )


def _reason(weighed: list[tuple[str, float]]) -> str:
    """The reason the signal that weighs most against the image gives."""
    against = [(part, name) for name, part in weighed if part < 0 and name in REASONS]
    # What the image itself is (a logo, an icon, a pixel) names it better than where it sits.
    own = [item for item in against if item[1].startswith(("own_", "file_", "size_", "url_", "inline_"))]
    if own or against:
        return REASONS[min(own or against)[1]]
    return "little evidence that it belongs to the story"


def _caption(texts: list[Text], weights: Weights, threshold: float) -> tuple[Text | None, list[Text]]:
    """The best-scoring caption text, and further marked caption parts of the same block."""
    scored = [(weights.score(text.signals), n, text) for n, text in enumerate(texts) if text.caption]
    likely = [(score, n, text) for score, n, text in scored if score >= threshold]
    if not likely:
        return None, []
    best = max(likely, key=lambda item: (item[0], -item[1]))[2]
    seen = {comparison_key(best.caption)}
    joined = []
    for _score, _n, text in sorted(likely, key=lambda item: item[1]):
        if text is best or text.marked != "caption" or best.marked != "caption":
            continue
        if text.stage != best.stage or text.level != best.level or text.layout_copy:
            continue
        key = comparison_key(text.caption)
        if any(_same_or_prefix(key, other) for other in seen):
            continue
        seen.add(key)
        joined.append(text)
    return best, joined


def _repeated(chosen: Text, texts: list[Text], weights: Weights, threshold: float) -> bool:
    """The chosen caption printed a second time for the same picture, not as a layout copy."""
    if chosen.layout_copy:
        return False
    key = comparison_key(chosen.caption)
    for text in texts:
        if text is chosen or not text.caption or text.layout_copy or text.stage == "attribute":
            continue
        likely = text.marked == "caption" or weights.score(text.signals) >= threshold
        if likely and comparison_key(text.caption) == key:
            return True
    return False


def _same_or_prefix(a: str, b: str) -> bool:
    return a == b or (len(a) > 20 and len(b) > 20 and (a.startswith(b) or b.startswith(a)))


def _credit(texts: list[Text], chosen: Text | None, joined: list[Text], weights: Weights, threshold: float
            ) -> tuple[Text, str, bool] | None:
    """The best-scoring credit: a whole text, or the credit clause at the end of one.

    Relaxed in named steps: a credit the picture's own block prints wins over one printed after
    it (a gallery's or the story's credit line), whatever their scores; the later stages are
    only looked at when the nearer ones hold no likely credit.
    """
    if not texts:
        return None  # most images: decorative, their texts never read
    by_stage: dict[str, list[Text]] = {}
    for text in texts:
        by_stage.setdefault(text.stage, []).append(text)
    for stage in _CREDIT_STAGES:
        staged = by_stage.get(stage)
        found = _best_credit(staged, chosen, joined, weights, threshold) if staged else None  # none there
        if found is not None:
            return found
    # Last step: a text of the picture's own block that opens with a credit label ("Foto: A.
    # Styling: B.", also as the caption's closing clause): as explicit as a credit gets, however
    # long the list of names after it.
    for text in texts:
        if text.stage != "inside":
            continue
        if text.inline and text is chosen and credits.strip_label(text.inline)[0] is not None:
            return text, text.inline, True
        if text.credit and text is not chosen and all(text is not part for part in joined) and (
                credits.strip_label(text.credit)[0] is not None):
            return text, text.credit, False
    return None


_CREDIT_STAGES = ("inside", "after", "row", "aria", "attribute")


def _best_credit(texts: list[Text], chosen: Text | None, joined: list[Text], weights: Weights, threshold: float
                 ) -> tuple[Text, str, bool] | None:
    best: tuple[float, int, Text, str, bool] | None = None
    in_caption = {id(text) for text in (chosen, *joined) if text is not None}
    # The caption's own words printed again (a data-caption beside the figcaption) are no credit.
    caption_keys = {comparison_key(text.caption) for text in (chosen, *joined) if text is not None and text.caption}
    for n, text in enumerate(texts):
        forms = []
        if text.credit and id(text) not in in_caption and comparison_key(text.credit) not in caption_keys:
            forms.append((text.credit, False))
        if text.inline:
            forms.append((text.inline, True))
        for credit, inline in forms:
            score = weights.score(credit_signals(text.signals, credit, inline))
            if score >= threshold and (best is None or score > best[0]):
                best = (score, n, text, credit, inline)
    if best is None:
        return None
    # A credit printed in two pieces (name, then agency) is reported whole.
    for text in texts:
        whole = bool(text.credit) and text.signals.get("joined") and best[3] in text.credit
        if whole and id(text) not in in_caption and (
                weights.score(credit_signals(text.signals, text.credit, False)) >= threshold):
            return text, text.credit, False
    return best[2], best[3], best[4]


def _hidden_credit(alt: str | None, title: str | None, structured: Structured | None) -> HiddenCredit | None:
    """A credit readers do not see: in the alt or title text, or only in structured data."""
    for name, text in (("alt", alt), ("title", title)):
        credit = credits.credit_within(text) if text else None
        if credit:
            return HiddenCredit(name, credits.tidy(credit) or credit)
    if structured and (structured.creditText or structured.copyrightNotice):
        return HiddenCredit("structured", structured.creditText or structured.copyrightNotice)
    return None
