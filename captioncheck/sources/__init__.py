"""Sources: what the user names -> documents (page bytes, name, url, declared charset, assets).

The forms a saved page comes in: an HTML file (``.html .htm .xhtml .shtml``), a gzipped one
(``.html.gz``), a browser's "Webpage, Complete" save (the page and its ``NAME_files/`` folder),
MHTML (``.mhtml .mht``), WARC and WARC.gz archives (one document a page, ``file.warc.gz#URI``);
folders walked recursively, globs, and ``-`` for standard input. Nothing downstream knows which
form a page came in: the same page gives the same page model in every form.
"""

from captioncheck.sources.assets import ArchivedAssets, FolderAssets
from captioncheck.sources.document import Document
from captioncheck.sources.paths import (
    PAGE_SUFFIXES,
    Input,
    NoPages,
    expand,
    inputs,
    read_bytes,
    read_file,
    read_input,
)

__all__ = ["PAGE_SUFFIXES", "ArchivedAssets", "Document", "FolderAssets", "Input", "NoPages", "expand", "inputs",
           "read_bytes", "read_file", "read_input"]
