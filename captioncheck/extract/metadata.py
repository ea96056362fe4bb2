"""Page-level facts: URL, title, language, publication time, and structured image credits.

Structured data is JSON-LD and microdata ``ImageObject`` (creditText, copyrightNotice, creator,
license, caption), keyed by image URL so an image on the page can find its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

from captioncheck.extract.page_index import PageIndex
from captioncheck.extract.urls import url_key
from captioncheck.model import Structured
from captioncheck.text import clean

_FIND_MICRODATA = etree.XPath("//*[@itemtype][contains(@itemtype, 'ImageObject')]")
_IMAGE_FIELDS = ("creditText", "copyrightNotice", "creator", "license", "caption")


@dataclass
class PageFacts:
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    structured: dict[str, Structured] = field(default_factory=dict)  # by image URL key
    og_image_alt: str | None = None


def read(index: PageIndex) -> PageFacts:
    facts = PageFacts()
    tree = index.tree
    meta = {}
    for element in index.tagged("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop")
               or element.get("http-equiv") or "").strip().lower()
        if key and key not in meta and element.get("content") is not None:
            meta[key] = element.get("content")
    links = {}
    for element in index.tagged("link"):
        for rel in (element.get("rel") or "").lower().split():
            links.setdefault(rel, element.get("href"))
    title = index.first("title")
    facts.url = clean(links.get("canonical") or meta.get("og:url"))
    facts.title = clean(meta.get("og:title") or ("".join(title.itertext()) if title is not None else None))
    facts.lang = clean(tree.get("lang") or tree.get("xml:lang") or meta.get("content-language")
                       or (meta.get("og:locale") or "").replace("_", "-") or None)
    facts.og_image_alt = clean(meta.get("og:image:alt"))
    published = meta.get("article:published_time") or meta.get("og:article:published_time")
    published = published or meta.get("datepublished") or meta.get("date") or meta.get("pubdate")
    for node in _json_ld_nodes(index):
        if not published and isinstance(node.get("datePublished"), str):
            published = node["datePublished"]
        _collect_image_objects(node, facts.structured)
    if not published:
        published = next((time.get("datetime") for time in index.tagged("time") if time.get("datetime") is not None),
                         None)
    facts.published = clean(published)
    if index.hints.microdata:
        _collect_microdata(tree, facts.structured)
    return facts


def _json_ld_nodes(index: PageIndex):
    """Every JSON object in the page's JSON-LD blocks, nested ones included."""
    for script in index.tagged("script"):
        if script.get("type") != "application/ld+json":
            continue
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
