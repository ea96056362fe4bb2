"""The Python API: ``captioncheck extract`` and ``captioncheck lint`` as functions.

    import captioncheck

    page = captioncheck.extract("story.html")            # the page model: what captioncheck saw
    for image in page.editorial:
        print(image.src, image.caption, image.credit)

    report = captioncheck.lint(["site/", "drafts/*.mhtml"], context="archive")
    for finding in report.findings:                       # what a photo desk must fix
        print(finding.path, finding.line, finding.rule_id, finding.message)
    raise SystemExit(report.exit_code(fail_on="warning"))

Both run the command line's own code (its source readers, extraction and page check), so they
give the command's results on the same pages and settings. Bad arguments raise ``ValueError``
with the allowed values; a page that cannot be read is never an exception: ``extract`` gives a
``Page`` whose ``errors`` say why, ``lint`` a CC001 finding, as the command does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeAlias

from captioncheck.engine import SelectionError
from captioncheck.engine.config import Config, ConfigError
from captioncheck.engine.config import load as load_config
from captioncheck.engine.keystore import KeyStore
from captioncheck.engine.rules import RuleFileError, RuleTimeout
from captioncheck.limits import DEFAULT as LIMITS
from captioncheck.model import Image, Page
from captioncheck.pipeline import Checked, Settings, check, check_across, check_inputs, page_of
from captioncheck.report import Finding, Report, tool_info
from captioncheck.sources import Document, NoPages, inputs, read_bytes, read_file
from captioncheck.vocab import load as load_vocab

__all__ = ["Finding", "Image", "Page", "Report", "Source", "contexts", "extract", "lint"]

Source: TypeAlias = bytes | str | os.PathLike[str]
"""One page: its bytes, or the path of a file that holds it (``str`` or ``pathlib.Path``)."""

# How reports name a page given as bytes: what the command line calls standard input.
BYTES_NAME = "-"


def contexts() -> tuple[str, ...]:
    """The publishing contexts ``lint(context=...)`` knows: archive, syndication, commercial, ..."""
    return load_vocab().contexts


def extract(source: Source, *, url: str | None = None) -> Page:
    """The page model of one page: every image with its caption, alt text, credit and restrictions.

    `source` is the page's bytes or the path of its file, in any form ``captioncheck extract`` reads
    for one page: ``.html`` (and ``.htm .xhtml .shtml``), ``.html.gz``, MHTML (``.mhtml .mht``), or a
    WARC that holds a single page. A "Webpage, Complete" save's ``NAME_files/`` folder is read beside
    the file. Bytes are recognised by their content, as standard input is, and are named ``-``.

    `url` is where the page was fetched from. It becomes ``page.url`` unless the page names its own
    canonical URL, and tells extraction the page's site and story number (a link to the story itself
    is no other story's card). Without it, a WARC record's or MHTML part's own URL is used.

    The page is never a reason to raise: a page that cannot be read, or only with repairs, comes back
    with ``errors`` saying why (and ``unreadable`` when nothing could be read). ``page.to_dict()`` is
    the JSON that ``captioncheck extract`` prints for it.

        >>> page = captioncheck.extract("fixtures/extract/seed-mariupol.html")
        >>> [(image.line, [r.code for r in image.restrictions]) for image in page.editorial]
        [(38, ['THIRD_PARTY', 'MANDATORY_CREDIT', 'NO_RESALES', 'NO_ARCHIVES']), (56, []), (73, [])]

    Raises ``ValueError`` when `source` names a folder or a glob, or a WARC of several pages (use
    ``lint``, which reads many), and ``TypeError`` when it is neither bytes nor a path.
    """
    documents = list(_page_documents(source))
    if len(documents) > 1:
        raise ValueError(f"{documents[0].name.split('#')[0]} holds {len(documents)} pages; extract reads one page: "
                         "use lint() for many, or pass one page's bytes")
    document = documents[0]
    if url is not None:
        document = replace(document, url=url)
    return page_of(document, LIMITS)


def lint(source: Source | Iterable[str | os.PathLike[str]], *, context: str | None = None,
         select: Iterable[str] | str = (), ignore: Iterable[str] | str = (),
         config: str | os.PathLike[str] | None = None, rules: Iterable[str | os.PathLike[str]] | str = (),
         summaries: bool = False) -> Report:
    """Check the photos on pages and return what a photo desk must fix, as ``captioncheck lint`` does.

    `source` is one page (its bytes, or a path as for ``extract``) or a list of paths in any form the
    command takes: pages, MHTML, WARC archives (every page in them), folders (walked for all of these)
    and globs (``"site/**/*.html"``). ``"-"`` reads standard input, as on the command line.

    Settings, each as the command-line option of the same name:

    - `context`: where the pages are published; one of ``contexts()`` (archive, syndication, ...).
      Restrictions that forbid it become errors (CC302).
    - `select` / `ignore`: rule ids (``"CC301"``), id prefixes (``"CC3"``) or names
      (``"caption-reused"``); ``select`` keeps only those rules, ``ignore`` drops them.
    - `config`: a configuration file (``.captioncheck.yaml``, ``setup.cfg``, ``pyproject.toml``). Unlike
      the command, nothing is looked for in the working folder: without `config`, the built-in
      defaults apply, so a call's result depends only on its arguments. Its values are the defaults
      that the arguments above override (``ignore`` adds to the file's), and its ``fail_on`` is not
      applied: pass it to ``Report.exit_code``.
    - `rules`: folders of your own rule files (YAML), added to the built-in rules.
    - `summaries`: also keep a summary of each page (``report.pages``: its photos with caption, credit,
      alt text, thumbnails of saved files), which ``captioncheck.report.html.render(report)`` shows, as
      ``--format html`` does.

    The rules across pages (CC105, CC205, CC306) run over every page of the call, after the last.
    The report holds ``findings`` (the ``Finding`` objects every report format renders, in the JSON
    report's order), ``files``, ``paths``, ``editorial_images``, ``suppressed`` and ``counts()``;
    ``report.to_dict()`` is ``captioncheck lint --format json``; ``report.exit_code(fail_on="error")``
    is the command's exit code: 1 when a finding at or above `fail_on` exists, else 0.

        >>> report = captioncheck.lint("fixtures/extract/seed-mariupol.html", select=["CC3"])
        >>> [(finding.rule_id, finding.severity) for finding in report.findings]
        [('CC301', 'error')]
        >>> report.exit_code()
        1

    Raises ``ValueError`` for an unknown context or rule (the message lists the valid ones), a
    configuration or rule file that cannot be used, or a rule pattern that runs past its time limit;
    ``TypeError`` when `source` is neither bytes nor paths.
    """
    settings = replace(_settings(_config(config), context, _rule_names(select, "select"),
                                 _rule_names(ignore, "ignore"), _names(rules, "rules")), summaries=summaries)
    try:
        settings.ruleset()  # before reading any page: a bad rule or selector fails at once
    except RuleFileError as error:
        raise ValueError(f"rule file error: {error}") from error
    except SelectionError as error:
        raise ValueError(str(error)) from error
    report = Report(tool=tool_info(), context=settings.context)
    keys = KeyStore()
    try:
        for checked in _checked(source, settings):
            report.add(checked)
            keys.add(checked.keys)
    except RuleTimeout as error:
        raise ValueError(f"rule error: {error}") from error
    across = check_across(keys, settings)  # the rules across pages, on every page's photo keys
    keys.close()
    report.add_across(across.findings, across.suppressed)
    report.findings.sort(key=Finding.sort_key)
    return report


def _page_documents(source: Source) -> Iterator[Document]:
    """The documents of one page's bytes or file, by the readers the command line uses."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        yield from read_bytes(BYTES_NAME, bytes(source), LIMITS.max_bytes)
        return
    path = _path(source)
    if os.path.isdir(path):
        raise ValueError(f"{path} is a folder; extract reads one page: use lint() for a folder")
    if path.startswith(("http://", "https://")) and not os.path.lexists(path):
        raise ValueError(f"extract reads a saved page, not a URL ({path}): save the page first, or use "
                         "lint(), which fetches URLs")
    if path == "-" or (not os.path.lexists(path) and any(char in path for char in "*?[")):
        raise ValueError(f"extract reads one page's file or bytes, not {path!r}: use lint() for globs "
                         "and standard input")
    yield from read_file(path, LIMITS.max_bytes)


def _checked(source: Source | Iterable[str | os.PathLike[str]], settings: Settings) -> Iterator[Checked]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        for document in read_bytes(BYTES_NAME, bytes(source), settings.limits.max_bytes):
            yield check(document, settings)
        return
    if isinstance(source, (str, os.PathLike)):
        paths = [_path(source)]
    elif isinstance(source, Iterable):
        paths = [_path(item) for item in source]
    else:
        raise TypeError(f"source must be bytes, a path or a list of paths, not {type(source).__name__}")
    if not paths:
        raise ValueError("source is an empty list: name at least one page, folder or glob")
    try:
        items = inputs(paths)
    except NoPages as error:  # a folder or glob with no page in it: the caller named the wrong thing
        raise ValueError(str(error)) from None
    # One process: a library call starts no worker pool (the command's --jobs gives the same report).
    yield from check_inputs(items, settings)


def _path(source: object) -> str:
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"a page is bytes or a path (str or pathlib.Path), not {type(source).__name__}")
    path = os.fspath(source)
    if not isinstance(path, str):
        raise TypeError("a path must be text (str or pathlib.Path), not bytes")
    if isinstance(source, str) and path.lstrip().startswith("<") and not os.path.lexists(path):
        raise ValueError("a str source is a path; this looks like markup: pass the page as bytes (html.encode())")
    return path


def _names(values: Iterable[str | os.PathLike[str]] | str, argument: str) -> tuple[str, ...]:
    """A tuple of strings; one string is one item (not its characters)."""
    if isinstance(values, (str, os.PathLike)):
        values = [values]
    names = tuple(os.fspath(value) for value in values)
    if not all(isinstance(name, str) for name in names):
        raise TypeError(f"{argument} must be a string or a list of strings")
    return names


def _rule_names(values: Iterable[str] | str, argument: str) -> tuple[str, ...]:
    """Rule selectors as the command line takes them: "CC1,CC3" is two."""
    return tuple(item.strip() for name in _names(values, argument) for item in name.split(",") if item.strip())


def _config(config: str | os.PathLike[str] | None) -> Config:
    if config is None:
        return Config()
    try:
        return load_config(Path(config))
    except ConfigError as error:
        raise ValueError(f"configuration error: {error}") from error


def _settings(config: Config, context: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
              rule_folders: tuple[str, ...]) -> Settings:
    """The command line's merge of a configuration and its options (see ``cli.lint``)."""
    context = context or config.context
    known = contexts()
    if context and context not in known:
        raise ValueError(f"unknown context {context!r}: use one of {', '.join(known)}")
    return Settings.from_config(config, context=context, rule_folders=(*config.rules, *rule_folders),
                                select=select or config.select, ignore=(*config.ignore, *ignore))
