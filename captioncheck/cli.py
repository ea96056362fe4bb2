"""The ``captioncheck`` command: wires options to sources, extraction, the engine and reports."""

from __future__ import annotations

import json
import sys

import click

from captioncheck import __version__
from captioncheck.extract import extract_page
from captioncheck.model import Page
from captioncheck.sources import Document, expand

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def page_of(document: Document) -> Page:
    if document.data is None:
        return Page(path=document.name, errors=(document.error or "cannot read the file",))
    return extract_page(document.name, document.data)


def tool_info() -> dict:
    return {"name": "captioncheck", "version": __version__}


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="captioncheck")
def main() -> None:
    """Lint the photos on saved news pages: captions, alt text, credits and agency restrictions.

    \b
    Start with:
      captioncheck lint page.html          findings a photo editor reads
      captioncheck extract page.html       what captioncheck saw on the page (JSON)
      captioncheck rules                   the rules, with ids and severities
      captioncheck explain CC101           why a rule exists, with examples
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PAGE...")
@click.option("--format", "output_format", type=click.Choice(["json", "jsonl"]), default="json",
              show_default=True, help="json: one document with every page; jsonl: one page per line.")
def extract(paths: tuple[str, ...], output_format: str) -> None:
    """Print the page model: every image with its caption, alt text, credit and restrictions.

    PAGE is an HTML file, a folder (walked for .html/.htm files) or - for standard input.
    Exits 1 when any page could not be read in full (its "errors" say why).
    """
    failed = False
    out = sys.stdout
    if output_format == "jsonl":
        for document in expand(list(paths)):
            page = page_of(document)
            failed |= bool(page.errors)
            out.write(json.dumps(page.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    else:
        pages = []
        for document in expand(list(paths)):
            page = page_of(document)
            failed |= bool(page.errors)
            pages.append(page.to_dict())
        json.dump({"tool": tool_info(), "pages": pages}, out, ensure_ascii=False, indent=2, sort_keys=True)
        out.write("\n")
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)
