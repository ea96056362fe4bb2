"""How a page finds the image files its source carries, by the URL the page uses for them.

Each kind answers ``loader(reference)``: a function that returns the file's bytes, or None when
the file is not at hand. Bytes are read only when asked for: a WARC of thousands of images is
never held in memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

Loader = Callable[[], bytes]

# Enough for any real photo; metadata sits at the start of the file anyway (JPEG APP segments).
MAX_IMAGE_BYTES = 64 * 1024 * 1024


def asset_key(url: str) -> str:
    """What two spellings of one URL share: no fragment, no scheme (http and https copies of a
    crawl), host in lower case, percent-escapes decoded."""
    if url.lower().startswith("cid:"):
        return "cid:" + url[4:].strip("<>")
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1": no URL, but still a name the container may use
        return url
    query = f"?{parts.query}" if parts.query else ""
    return f"//{parts.netloc.lower()}{unquote(parts.path)}{query}" if parts.netloc else unquote(parts.path) + query


class ArchivedAssets:
    """Image files stored with the page in one container (MHTML parts, WARC records), by URL.

    References resolve against the page's own URL, as a browser would resolve them.
    """

    def __init__(self, loaders: Mapping[str, Loader], base_url: str | None) -> None:
        self._loaders = loaders  # keyed by asset_key
        self._base_url = base_url

    def loader(self, reference: str) -> Loader | None:
        candidates = [reference]
        if self._base_url:
            # A malformed base or reference ("http://[::1") is looked up as written only.
            with contextlib.suppress(ValueError):
                candidates.append(urljoin(self._base_url, reference))
        for candidate in candidates:
            found = self._loaders.get(asset_key(candidate))
            if found is not None:
                return found
        return None


class FolderAssets:
    """Image files on disk beside a page file: a "Webpage, Complete" save's NAME_files/ folder,
    or a site exported as a folder tree.

    Relative references resolve against the page's folder; root-relative ones (``/img/a.jpg``)
    against `site_root`, the folder the user named, when there is one. Remote URLs are not at hand.
    """

    def __init__(self, page_path: str | Path, site_root: str | Path | None = None) -> None:
        self._folder = Path(page_path).parent
        self._site_root = Path(site_root) if site_root is not None else None

    def loader(self, reference: str) -> Loader | None:
        path = self.local_path(reference)
        if path is None or not path.is_file():
            return None
        return lambda: _read_start(path)

    def local_path(self, reference: str) -> Path | None:
        """The file on disk a reference names, if it is a local one (whether or not it exists)."""
        try:
            parts = urlsplit(reference.strip())
        except ValueError:  # "http://[::1": not a file the save kept
            return None
        if parts.scheme == "file":
            return Path(unquote(parts.path))
        if parts.scheme or parts.netloc or not parts.path:
            return None  # a remote image: the save did not keep it
        path = unquote(parts.path)
        if path.startswith("/"):
            return self._site_root / path.lstrip("/") if self._site_root is not None else None
        return self._folder / path


def _read_start(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_IMAGE_BYTES)
