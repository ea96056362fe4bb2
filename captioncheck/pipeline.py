"""One page through the whole pipeline, and many pages across processes.

`check(document, settings)` is the page check that `captioncheck lint`, `--jobs` workers and the
Spark job all run: there is one implementation. `check_inputs` runs it over what the user named,
in input order, on one process or several, with an optional cache keyed by content and rules.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path

from captioncheck.columns import places
from captioncheck.engine import DEFAULT_MIN_CONFIDENCE, RuleSet, lint_page, select_rules
from captioncheck.engine import across as across_pages
from captioncheck.engine.config import Config
from captioncheck.engine.keys import ImageKey, page_keys
from captioncheck.engine.keystore import KeyStore
from captioncheck.engine.rules import load_rules
from captioncheck.extract import extract_page
from captioncheck.limits import DEFAULT, Limits
from captioncheck.model import Page
from captioncheck.parse import source_text
from captioncheck.report import Finding
from captioncheck.report.files import write_atomic
from captioncheck.sources import Document, FolderAssets, Input, read_file, read_input
from captioncheck.summary import PageSummary, summarize
from captioncheck.version import __version__
from captioncheck.vocab import read_builtin


@dataclass(frozen=True)
class Settings:
    """Everything a page check depends on; picklable, so worker processes get the same."""

    context: str | None = None
    rule_folders: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    report_unused: bool = False
    limits: Limits = DEFAULT
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    # Keep a summary of each page (its photos, thumbnails of saved ones) for the HTML report; off,
    # the other formats pay nothing for it.
    summaries: bool = False

    @classmethod
    def from_config(cls, config: Config, **overrides) -> Settings:
        """Settings from a configuration, with command-line values in `overrides` taking precedence."""
        values = dict(context=config.context, rule_folders=config.rules, select=config.select, ignore=config.ignore,
                      severity=tuple(sorted(config.severity.items())), per_file_ignores=config.per_file_ignores)
        if config.min_confidence is not None:
            values["min_confidence"] = config.min_confidence
        values.update(overrides)
        return cls(**values)

    def ruleset(self) -> RuleSet:
        return _ruleset(self.rule_folders, self.select, self.ignore, self.severity)

    def skip_for(self, path: str) -> tuple[str, ...]:
        return Config(per_file_ignores=self.per_file_ignores).ignored_for(path)


@lru_cache(maxsize=8)
def _ruleset(folders, select, ignore, severity) -> RuleSet:
    """Built once per process: a worker loads the rule files on its first page only."""
    return select_rules(load_rules(folders), select=select, ignore=ignore, severity=dict(severity))


@dataclass(frozen=True)
class Checked:
    """What one page adds to a report: enough for every format, without the page's tree."""

    path: str
    editorial_images: int
    findings: tuple[Finding, ...] = ()
    suppressed: int = 0
    summary: PageSummary | None = None  # with Settings.summaries
    keys: tuple[ImageKey, ...] = ()  # its photos, for the rules across pages (only when the run has one)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Checked:
        data = json.loads(text)
        summary = PageSummary.from_dict(data["summary"]) if data.get("summary") else None
        keys = tuple(ImageKey(**{**key, "suppressed": tuple(key["suppressed"]), "deferred": tuple(key["deferred"])})
                     for key in data["keys"])
        return cls(data["path"], data["editorial_images"], tuple(Finding(**f) for f in data["findings"]),
                   data["suppressed"], summary, keys)


def page_of(document: Document, limits: Limits = DEFAULT) -> Page:
    if document.data is None:
        # A reader that stopped at --max-bytes left nothing checked: unreadable (CC001), as any page not read.
        return Page(path=document.name, errors=(document.error or "cannot read the file",), unreadable=True)
    page = extract_page(document.name, document.data, document.declared_charset, limits=limits, url=document.url,
                        assets=document.assets)
    if document.error:  # a damaged container whose page could still be read
        page = replace(page, errors=(document.error, *page.errors))
    return page


def check(document: Document, settings: Settings) -> Checked:
    ruleset = settings.ruleset()
    hashed = _HashedAssets(document.assets) if ruleset.across and document.assets is not None else None
    page = page_of(replace(document, assets=hashed) if hashed else document, settings.limits)
    keys = page_keys(page, hashed.digests_of(page) if hashed else {}, settings.min_confidence) if ruleset.across else ()
    result = lint_page(page, ruleset, settings.context, skip=settings.skip_for(page.path),
                       report_unused=settings.report_unused, min_confidence=settings.min_confidence,
                       across=frozenset(key.index for key in keys))
    wanted = {finding.image_index for finding in result.findings if finding.image_index is not None}
    found = _places(document, page, wanted | {key.index for key in keys})
    findings = tuple(replace(finding, column=found[finding.image_index].column,
                             snippet=found[finding.image_index].snippet)
                     if finding.image_index in found else finding for finding in result.findings)
    deferred: dict[int, list[str]] = {}
    for index, name in result.deferred:
        deferred.setdefault(index, []).append(name)
    keys = tuple(replace(key, deferred=tuple(deferred.get(key.index, ())),
                         column=found[key.index].column if key.index in found else None) for key in keys)
    summary = summarize(page, document.assets) if settings.summaries else None
    return Checked(page.path, len(page.editorial), findings, result.suppressed, summary, keys)


def _places(document: Document, page: Page, wanted: set[int]) -> dict:
    """Where the `wanted` images' tags start on their lines, where the page's text tells it exactly."""
    if not wanted or document.data is None or page.unreadable:
        return {}
    return places(source_text(document.data, document.declared_charset), page, wanted)


class _HashedAssets:
    """Wraps a document's assets to note a hash of each image file extraction reads: one photo
    saved with two pages is known for one by its bytes, and no file is read (or fetched) twice."""

    def __init__(self, assets) -> None:
        self.assets = assets
        self.digests: dict[str, str] = {}

    def loader(self, reference: str):
        load = self.assets.loader(reference)
        if load is None:
            return None

        def hashed() -> bytes:
            data = load()
            self.digests[reference] = hashlib.sha256(data).hexdigest()[:32]
            return data

        return hashed

    def digests_of(self, page: Page) -> dict[int, str]:
        """Image index -> the hash of the file its credit data came from."""
        return {image.index: self.digests[image.embedded.file] for image in page.editorial
                if image.embedded is not None and image.embedded.file in self.digests}


def check_across(keys: KeyStore | list[ImageKey], settings: Settings) -> across_pages.Judged:
    """The rules across pages on the keys of every page of a run, after its last page."""
    return across_pages.run(keys, settings.ruleset(), settings.context, settings.skip_for, settings.report_unused)


def check_document(name: str, data: bytes, settings: Settings) -> Checked:
    """One page given as bytes (the Spark job's rows)."""
    return check(Document(name, data), settings)


def check_path(path: str, settings: Settings) -> list[Checked]:
    """Every page in one file: a page, an MHTML, a whole WARC (the Spark job's paths)."""
    return [check(document, settings) for document in read_file(path, settings.limits.max_bytes)]


class _RecordedAssets:
    """Wraps a page's FolderAssets to note which image files its check read."""

    def __init__(self, assets: FolderAssets) -> None:
        self.assets = assets
        self.files: dict[str, tuple[int, int]] = {}

    def loader(self, reference: str):
        load = self.assets.loader(reference)
        path = self.assets.local_path(reference)
        if load is not None and path is not None:
            self.files[str(path)] = _stamp(path)
        return load


def _stamp(path: str | Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


class Cache:
    """Results by content, rules and settings: an unchanged page under unchanged rules is not
    checked again. Any change to a rule file, the vocabularies, the settings or captioncheck's
    version changes every key; a page's entry also lapses when an image file it read changes.
    Pages from archives (MHTML, WARC), whose images live in the archive, are always checked."""

    def __init__(self, folder: str | Path, settings: Settings) -> None:
        self.folder = Path(folder)
        digest = hashlib.sha256(__version__.encode())
        # Entries hold findings and photo keys.
        digest.update(repr([sorted(field.name for field in fields(kind)) for kind in (Finding, ImageKey)]).encode())
        digest.update(repr(settings).encode())
        for rule, level in settings.ruleset().rules:
            digest.update(json.dumps([rule.id, rule.check, rule.params, level, rule.message, rule.contexts],
                                     sort_keys=True, default=str).encode())
        # Extraction reads the markup words and the fitted weights too: a refit changes pages' models.
        for name in ("vocab/restrictions.yaml", "vocab/agencies.yaml", "vocab/credit-labels.yaml",
                     "vocab/territories.yaml", "vocab/markup.yaml", "weights.json"):
            digest.update(read_builtin(name).encode())
        self.settings_key = digest.hexdigest()

    def _file(self, document: Document) -> Path | None:
        if document.data is None or not isinstance(document.assets, (FolderAssets, type(None))):
            return None
        key = hashlib.sha256(self.settings_key.encode() + document.name.encode() + b"\0" + document.data)
        key.update((document.declared_charset or "").encode() + b"\0" + (document.url or "").encode())
        name = key.hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def check(self, document: Document, settings: Settings) -> Checked:
        path = self._file(document)
        if path is None:
            return check(document, settings)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if all(_stamp(name) == tuple(stamp) for name, stamp in entry["files"].items()):
                return Checked.from_json(entry["checked"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # absent or damaged: check the page again
        recorded = _RecordedAssets(document.assets) if document.assets is not None else None
        checked = check(replace(document, assets=recorded) if recorded else document, settings)
        if any("(--page-timeout)" in finding.message for finding in checked.findings):
            return checked  # how far a page got in its time depends on the machine's load: not kept
        files = recorded.files if recorded else {}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps({"checked": checked.to_json(), "files": files}, sort_keys=True))
        except OSError:
            pass  # a full disk or a folder gone read-only: the page is checked all the same, only not kept
        return checked


def _check_documents(documents, settings: Settings, cache: Cache | None) -> Iterator[Checked]:
    for document in documents:
        yield cache.check(document, settings) if cache else check(document, settings)


def _check_input(item: Input, settings: Settings, cache_folder: str | None) -> list[Checked]:
    """A worker's task: read one input file and check every page in it."""
    cache = Cache(cache_folder, settings) if cache_folder else None
    return list(_check_documents(read_input(item, settings.limits.max_bytes), settings, cache))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def check_inputs(items: Iterator[Input], settings: Settings, jobs: int = 1,
                 cache_folder: str | None = None) -> Iterator[Checked]:
    """Check every page of every input, yielding results in input order whatever `jobs` is.

    With several jobs, whole input files go to worker processes; a bounded window of files in
    flight keeps memory flat however many pages there are.
    """
    items = iter(items)
    first = list(islice(items, 2))
    items = chain(first, items)
    if jobs <= 1 or len(first) < 2:  # one file (a pre-commit hook's usual call): no pool to start
        cache = Cache(cache_folder, settings) if cache_folder else None
        for item in items:
            yield from _check_documents(read_input(item, settings.limits.max_bytes), settings, cache)
        return
    window: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for item in items:
            if item.stdin:  # standard input can only be read here
                while window:
                    yield from window.popleft().result()
                yield from _check_input(item, settings, cache_folder)
                continue
            window.append(pool.submit(_check_input, item, settings, cache_folder))
            if len(window) >= jobs * 8:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
