"""Page-level facts: URL, title, language, publication time, and structured image credits.

Structured data is JSON-LD and microdata ``ImageObject`` (creditText, copyrightNotice, creator,
license, caption), keyed by image URL so an image on the page can find its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

from captioncheck.extract.urls import url_key
from captioncheck.model import Structured
from captioncheck.text import clean

_FIND_META = etree.XPath("//meta[@property or @name or @itemprop or @http-equiv]")
_FIND_LINKS = etree.XPath("//link[@rel]")
_FIND_JSON_LD = etree.XPath("//script[@type='application/ld+json']")
_FIND_MICRODATA = etree.XPath("//*[@itemtype][contains(@itemtype, 'ImageObject')]")
_FIND_TIME = etree.XPath("(//time[@datetime])[1]/@datetime")
_FIND_TITLE = etree.XPath("(//title)[1]")
_IMAGE_FIELDS = ("creditText", "copyrightNotice", "creator", "license", "caption")


@dataclass
class PageFacts:
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    structured: dict[str, Structured] = field(default_factory=dict)  # by image URL key
    og_image_alt: str | None = None


def read(tree: etree._Element) -> PageFacts:
    facts = PageFacts()
    meta = {}
    for element in _FIND_META(tree):
        key = (element.get("property") or element.get("name") or element.get("itemprop")
               or element.get("http-equiv") or "").strip().lower()
        if key and key not in meta and element.get("content") is not None:
            meta[key] = element.get("content")
    links = {}
    for element in _FIND_LINKS(tree):
        for rel in element.get("rel", "").lower().split():
            links.setdefault(rel, element.get("href"))
    titles = _FIND_TITLE(tree)
    facts.url = clean(links.get("canonical") or meta.get("og:url"))
    facts.title = clean(meta.get("og:title") or ("".join(titles[0].itertext()) if titles else None))
    facts.lang = clean(tree.get("lang") or tree.get("xml:lang") or meta.get("content-language")
                       or (meta.get("og:locale") or "").replace("_", "-") or None)
    facts.og_image_alt = clean(meta.get("og:image:alt"))
    published = meta.get("article:published_time") or meta.get("og:article:published_time")
    published = published or meta.get("datepublished") or meta.get("date") or meta.get("pubdate")
    for node in _json_ld_nodes(tree):
        if not published and isinstance(node.get("datePublished"), str):
            published = node["datePublished"]
        _collect_image_objects(node, facts.structured)
    if not published:
        times = _FIND_TIME(tree)
        published = times[0] if times else None
    facts.published = clean(published)
    _collect_microdata(tree, facts.structured)
    return facts


def _json_ld_nodes(tree: etree._Element):
    """Every JSON object in the page's JSON-LD blocks, nested ones included."""
    for script in _FIND_JSON_LD(tree):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue  # a broken or absurdly nested block is the publisher's problem; the page still counts
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                yield item
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)


def _text_of(value) -> str | None:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return _text_of(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, list):
        parts = [text for text in (_text_of(item) for item in value) if text]
        return ", ".join(parts) or None
    return None


def _collect_image_objects(node: dict, found: dict[str, Structured]) -> None:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "ImageObject" not in kinds:
        return
    values = {name: _text_of(node.get(name)) for name in _IMAGE_FIELDS}
    if not any(values[name] for name in _IMAGE_FIELDS if name != "caption"):
        return  # an ImageObject without credit data tells a rule nothing
    for key in ("url", "contentUrl", "@id"):
        url = node.get(key)
        if isinstance(url, str) and url_key(url):
            found.setdefault(url_key(url), Structured(**values))


def _collect_microdata(tree: etree._Element, found: dict[str, Structured]) -> None:
    for scope in _FIND_MICRODATA(tree):
        values: dict[str, str | None] = dict.fromkeys(_IMAGE_FIELDS)
        urls = []
        for element in scope.iter():
            if not isinstance(element.tag, str):
                continue
            props = (element.get("itemprop") or "").split()
            if not props:
                continue
            value = element.get("content") or element.get("href") or element.get("src")
            for prop in props:
                if prop in ("url", "contenturl", "contentUrl") and value:
                    urls.append(value)
                elif prop == "copyrightHolder" and not values["creditText"]:
                    values["creditText"] = clean(value or "".join(element.itertext()))
                elif prop in values and not values[prop]:
                    values[prop] = clean(value or "".join(element.itertext()))
        if not urls:
            urls = [img.get("src") for img in scope.iter("img") if img.get("src")]
        if any(values[name] for name in _IMAGE_FIELDS if name != "caption"):
            for url in urls:
                found.setdefault(url_key(url), Structured(**values))
