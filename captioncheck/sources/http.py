"""Live pages: URLs and sitemaps fetched over HTTP(S) with the standard library.

A URL on the command line is a page named by its URL, as a WARC record is named by its URI; the
URL it ends at after redirects is the page URL, so relative image URLs resolve. ``--sitemap``
lists pages from a sitemap (plain, gzipped, a sitemap index, a text file of URLs), skipping the
ones the site's robots.txt disallows for captioncheck. Pages are fetched a few at a time in
threads and handed on in input order. Every fetch has timeouts, a size limit, at most a few
redirects and a User-Agent naming captioncheck; a failed fetch is a document with an error (a
CC001 finding on that URL) and the run goes on. Image files are fetched only when asked for
(``--fetch-images``), so that the credit data inside them can be checked.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from threading import Lock
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener
from urllib.robotparser import RobotFileParser

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from captioncheck.limits import DEFAULT, MEGABYTE
from captioncheck.sources.document import Document, Input, media_type
from captioncheck.version import __version__

DEFAULT_TIMEOUT = 10.0  # seconds, for connecting and for each read
DEFAULT_FETCH_JOBS = 4
MAX_REDIRECTS = 5
ROBOTS_AGENT = "captioncheck"  # the token robots.txt groups name us by
USER_AGENT = f"captioncheck/{__version__} (photo caption and credit linter)"
# A trickling server answers every read in time; the whole body must still arrive within this many timeouts.
BODY_DEADLINE_TIMEOUTS = 6
# Credit data sits at the start of an image file (JPEG APP segments), so the rest is not needed.
MAX_IMAGE_FETCH = 4 * MEGABYTE
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
MAX_SITEMAP_DEPTH = 3  # an index of sitemaps, and a little slack for indexes that nest
_REDIRECTS = (301, 302, 303, 307, 308)
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched; picklable, as the documents' image assets carry it to worker processes."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT.max_bytes
    jobs: int = DEFAULT_FETCH_JOBS
    images: bool = False
    max_redirects: int = MAX_REDIRECTS


class FetchError(Exception):
    """A fetch that failed, in words a reader understands; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Response:
    url: str  # where the redirects ended
    media_type: str
    charset: str | None
    body: bytes


class _NoRedirects(HTTPRedirectHandler):
    """Redirects come back as HTTPError, to be followed by `get` (counted, and only to http/https)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def get(url: str, options: FetchOptions, limit: int, accept: str = "*/*", truncate: bool = False,
        what: str = "the page") -> Response:
    """The body at `url`, following at most `options.max_redirects` redirects. Raises FetchError.

    Past `limit` bytes (decompressed) reading stops: an error, or with `truncate` the first `limit` bytes.
    """
    seen = [url]
    current = url
    opener = build_opener(_NoRedirects())  # per call: proxies come from the environment at this moment
    for _ in range(options.max_redirects + 1):
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            raise FetchError(f"a redirect leads to {current}, which is not an http or https URL")
        request = Request(current, headers={"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip"})
        try:
            response = opener.open(request, timeout=options.timeout)
        except HTTPError as error:
            location = error.headers.get("Location") if error.headers else None
            error.close()
            if error.code in _REDIRECTS and location:
                current = urljoin(current, location.strip())
                if current in seen:
                    raise FetchError(f"the redirects go round in a loop (back to {current})") from None
                seen.append(current)
                continue
            raise FetchError(f"the server answered HTTP {error.code} {error.reason}".rstrip(), error.code) from None
        except (URLError, OSError, http.client.HTTPException, ValueError) as error:
            raise FetchError(_network_problem(error, current, options.timeout)) from None
        with response:
            mime, charset = media_type(response.headers.get("Content-Type"))
            try:
                body = _read_body(response, limit, options.timeout, truncate, what)
            except (OSError, http.client.HTTPException) as error:
                raise FetchError(_network_problem(error, current, options.timeout)) from None
        return Response(response.geturl() or current, mime, charset, body)
    raise FetchError(f"more than {options.max_redirects} redirects (the last one to {current}); it was not followed")


def _network_problem(error: BaseException, url: str, timeout: float) -> str:
    """What went wrong below HTTP, in plain words."""
    reason = error.reason if isinstance(error, URLError) and not isinstance(error, HTTPError) else error
    host = urlsplit(url).hostname or url
    if isinstance(reason, socket.gaierror):
        return f"the host name {host} could not be found (DNS)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer from {host} within {timeout:g} seconds (--timeout)"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection"
    if isinstance(reason, ConnectionResetError):
        return f"{host} closed the connection"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection to {host} failed: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, http.client.IncompleteRead):
        return f"{host} closed the connection before the whole body arrived"
    if isinstance(reason, http.client.HTTPException):
        return f"{host} did not answer in HTTP ({type(reason).__name__})"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"the fetch failed: {text}"


def _read_body(response, limit: int, timeout: float, truncate: bool, what: str) -> bytes:
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise FetchError(f"the server sent the body in an encoding captioncheck does not read ({encoding})")
    length = response.headers.get("Content-Length")
    if encoding == "identity" and not truncate and length and length.isdigit() and int(length) > limit:
        raise FetchError(_too_large(what, limit, int(length)))  # said up front: nothing is read
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding != "identity" else None
    deadline = time.monotonic() + timeout * BODY_DEADLINE_TIMEOUTS
    read = getattr(response, "read1", response.read)  # read1 returns what has come, so the deadline is checked
    parts: list[bytes] = []
    total = raw = 0
    while total <= limit and raw <= limit:  # the bytes sent count too: a server may send without end
        chunk = read(_CHUNK)
        if not chunk:
            break
        raw += len(chunk)
        if decoder is not None:
            try:
                # Bounded output (a small body may be a gzip bomb); what it leaves is fed again first.
                chunk = decoder.decompress(decoder.unconsumed_tail + chunk, limit + 1 - total)
            except zlib.error:
                raise FetchError("the server's gzip-compressed body is damaged") from None
        parts.append(chunk)
        total += len(chunk)
        if decoder is not None and decoder.eof:
            break  # the compressed body is complete: anything the server sends after it is not read
        if time.monotonic() > deadline:
            raise FetchError(f"{what} did not arrive within {timeout * BODY_DEADLINE_TIMEOUTS:g} seconds "
                             f"({BODY_DEADLINE_TIMEOUTS} times --timeout)")
    body = b"".join(parts)
    if len(body) > limit or raw > limit:
        if truncate:
            return body[:limit]
        raise FetchError(_too_large(what, limit))
    return body


def _too_large(what: str, limit: int, size: int | None = None) -> str:
    over = f"{what} is over the limit of {limit / MEGABYTE:g} MB (--max-bytes)"
    if size:
        return f"{over}: the server says {size / MEGABYTE:.1f} MB; it was not fetched"
    return f"{over}; reading stopped there"


def looks_like_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in ("http", "https")


def fetch_page(url: str, options: FetchOptions) -> Document:
    """One page as a document named by its URL; a failed fetch is a document with the error."""
    try:
        response = get(url, options, options.max_bytes, _ACCEPT_PAGE)
    except FetchError as error:
        return Document(url, None, str(error))
    if response.media_type not in _PAGE_TYPES and not (not response.media_type and _looks_like_markup(response.body)):
        sent = response.media_type or "no Content-Type"
        return Document(url, None, f"the server sent {sent}, not an HTML page", url=response.url)
    assets = FetchedAssets(response.url, options) if options.images else None
    return Document(url, response.body, declared_charset=response.charset, url=response.url, assets=assets)


def _looks_like_markup(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


class FetchedAssets:
    """A fetched page's image files, fetched when an editorial photo asks for one (``--fetch-images``).

    References resolve against the page's URL. A file that cannot be fetched is not at hand, as
    a remote image in a saved page is not: the photo is checked without its file's credit data.
    """

    def __init__(self, base_url: str, options: FetchOptions) -> None:
        self.base_url = base_url
        self.options = options

    def loader(self, reference: str):
        target = urljoin(self.base_url, reference.strip())
        if not looks_like_url(target):
            return None  # data: URIs and the like carry no file to fetch
        try:
            response = get(target, self.options, MAX_IMAGE_FETCH, "image/*", truncate=True, what="the image")
        except FetchError:
            return None
        if response.media_type.startswith(("text/", "application/json", "application/xml")):
            return None  # an error page sent with 200, not the image
        body = response.body
        return lambda: body


class Robots:
    """robots.txt of each site, fetched once and read with urllib.robotparser (RFC 9309)."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self._parsers: dict[str, RobotFileParser] = {}
        self._lock = Lock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            if origin not in self._parsers:
                self._parsers[origin] = self._load(origin)
            parser = self._parsers[origin]
        return parser.can_fetch(ROBOTS_AGENT, url)

    def _load(self, origin: str) -> RobotFileParser:
        parser = RobotFileParser(f"{origin}/robots.txt")
        try:
            response = get(f"{origin}/robots.txt", self.options, MAX_ROBOTS_BYTES, "text/plain", truncate=True,
                           what="robots.txt")
        except FetchError as error:
            # RFC 9309: no robots.txt (a 4xx) allows everything; an unreachable one (5xx, network) nothing.
            if error.status is not None and 400 <= error.status < 500:
                parser.allow_all = True
            else:
                parser.disallow_all = True
            return parser
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        return parser


SkipNote = Callable[[str, str], None]


def sitemap_inputs(sitemap_url: str, options: FetchOptions, on_skip: SkipNote | None = None,
                   robots: Robots | None = None) -> Iterator[Input]:
    """The pages a sitemap lists, as URL inputs in the sitemap's order (each once), without those
    robots.txt disallows for captioncheck (`on_skip(url, why)` hears of them). A sitemap that cannot be
    read is an input with a problem: a finding on the sitemap's URL."""
    robots = robots or Robots(options)
    seen: set[str] = set()
    for kind, url, problem in _sitemap_entries(sitemap_url, options, 0, {sitemap_url}):
        if kind == "problem":
            yield Input(url, problem=problem)
        elif url not in seen:
            seen.add(url)
            if robots.allowed(url):
                yield Input(url, remote=True)
            elif on_skip is not None:
                on_skip(url, f"robots.txt disallows it for {ROBOTS_AGENT} (listed in {sitemap_url})")


def _sitemap_entries(url: str, options: FetchOptions, depth: int, visited: set[str]
                     ) -> Iterator[tuple[str, str, str | None]]:
    try:
        response = get(url, options, options.max_bytes, "application/xml,text/xml,text/plain;q=0.9,*/*;q=0.1",
                       what="the sitemap")
        body = _gunzipped(response.body, options.max_bytes)
        kind, locations = _parse_sitemap(body)
    except FetchError as error:
        yield "problem", url, f"the sitemap could not be read: {error}"
        return
    if kind == "page":
        for location in locations:
            if looks_like_url(location):
                yield "page", location, None
        return
    for location in locations:  # an index: the sitemaps it lists, in order
        if location in visited:
            continue
        visited.add(location)
        if depth + 1 >= MAX_SITEMAP_DEPTH:
            yield "problem", location, (f"the sitemap was not read: sitemap indexes nest more than "
                                        f"{MAX_SITEMAP_DEPTH - 1} deep here")
            continue
        yield from _sitemap_entries(location, options, depth + 1, visited)


def _gunzipped(body: bytes, limit: int) -> bytes:
    """A ``.xml.gz`` sitemap's XML (servers send it as a file, not a Content-Encoding)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = decoder.decompress(body, limit + 1)
    except zlib.error:
        raise FetchError("its gzip data is damaged") from None
    if len(data) > limit:
        raise FetchError(_too_large("the sitemap", limit))
    return data


def _parse_sitemap(body: bytes) -> tuple[str, list[str]]:
    """("page", page URLs) for a urlset or a text sitemap, ("index", sitemap URLs) for a sitemap index."""
    text = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"<"):
        lines = [line.strip() for line in text.decode("utf-8", "replace").splitlines()]
        urls = [line for line in lines if looks_like_url(line)]
        if not urls:
            raise FetchError("it is neither sitemap XML nor a list of URLs")
        return "page", urls
    try:
        root = SafeElementTree.fromstring(text)
    except (SafeElementTree.ParseError, DefusedXmlException) as error:
        raise FetchError(f"it is not well-formed XML ({error})") from None
    name = _local(root.tag)
    if name not in ("urlset", "sitemapindex"):
        raise FetchError(f"it is XML but not a sitemap: its root element is <{name}>")
    child = "url" if name == "urlset" else "sitemap"
    locations = []
    for entry in root:
        if _local(entry.tag) != child:
            continue
        for field in entry:
            if _local(field.tag) == "loc" and field.text and field.text.strip():
                locations.append(field.text.strip())
                break
    return ("page" if name == "urlset" else "index"), locations


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def fetched(items: Iterable[Input], options: FetchOptions) -> Iterator[Input]:
    """The inputs with each URL's page fetched, `options.jobs` at a time in threads, in input order."""
    window: deque[Future | Input] = deque()
    pool = ThreadPoolExecutor(max_workers=options.jobs, thread_name_prefix="captioncheck-fetch")
    try:
        for item in items:
            if item.remote and item.document is None:
                window.append(pool.submit(_fetch_input, item, options))
            else:
                window.append(item)
            while len(window) > options.jobs * 2:  # a few ahead keep the pool busy; no more, memory stays flat
                yield _done(window.popleft())
        while window:
            yield _done(window.popleft())
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _fetch_input(item: Input, options: FetchOptions) -> Input:
    return replace(item, document=fetch_page(item.path, options))


def _done(entry: Future | Input) -> Input:
    return entry.result() if isinstance(entry, Future) else entry
