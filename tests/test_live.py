"""Live pages (issue #12): URLs and sitemaps fetched from a server the tests start on 127.0.0.1.

Every fetch failure is a CC001 finding on its URL and the run goes on; sitemaps (plain, gzipped, an
index) list pages, robots.txt keeps some out; reports keep input order whatever --fetch-jobs is.
No test reaches any address but 127.0.0.1: other host names fail as DNS failures (`only_loopback`).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from captioncheck import __version__
from captioncheck.cli import main
from captioncheck.jpeg_metadata import jpeg
from captioncheck.sources import http as fetching
from tests.helpers import EXTRACT_FIXTURES

SEED = (EXTRACT_FIXTURES / "seed-mariupol.html").read_bytes()  # 1 error (CC301), 2 warnings, 1 info
PORT_PAGE = (b'<html lang="en"><body><article><p>' + b"The harbour reopened on Monday after a week of storms. " * 12
             + b'</p><figure><img src="img/port.jpg" alt="" width="1200" height="800"><figcaption>The port of '
             b'Rotterdam. Photo: Jan Jansen/ANP</figcaption></figure></article></body></html>')
PORT_JPEG = jpeg({"credit_line": "REUTERS/Piroschka van de Wouw", "creator": "Piroschka van de Wouw"})
CLEAN = b'<html><body><figure><img src="/a.jpg" alt=""><figcaption>A caption. REUTERS/Jane Doe</figcaption></figure>'


def urlset(*paths: str) -> bytes:
    entries = "".join(f"<url><loc>{{base}}{path}</loc></url>" for path in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()


ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/seed.html": (200, "text/html; charset=utf-8", SEED),
    "/news/port.html": (200, "text/html", PORT_PAGE),
    "/news/img/port.jpg": (200, "image/jpeg", PORT_JPEG),
    "/clean.html": (200, "text/html", CLEAN),
    "/private/draft.html": (200, "text/html", CLEAN),
    "/data.json": (200, "application/json", b'{"a": 1}'),
    "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /admin/\n\nUser-agent: captioncheck\n"
                                       b"Disallow: /private/\n"),
    "/sitemap.xml": (200, "application/xml", urlset("/news/seed.html", "/private/draft.html", "/clean.html")),
    "/sitemap-b.xml.gz": (200, "application/gzip", urlset("/clean.html", "/missing.html")),  # gzipped when sent
    "/sitemap-index.xml": (200, "text/xml", b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                            b"<sitemap><loc>{base}/sitemap.xml</loc></sitemap>"
                                            b"<sitemap><loc>{base}/sitemap-b.xml.gz</loc></sitemap></sitemapindex>"),
    "/not-a-sitemap.xml": (200, "text/xml", b"<rss><channel/></rss>"),
}


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []  # (path, User-Agent), in arrival order
    lock = threading.Lock()
    active = most = 0  # /held requests being answered now, and the most at once

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        Handler.requests.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path.startswith("/hop/"):  # /hop/N redirects N more times, then to the seed page
            left = int(path.rsplit("/", 1)[1])
            return self._redirect(f"/hop/{left - 1}" if left > 1 else "/news/seed.html")
        if path == "/loop":
            return self._redirect("/loop")
        if path.startswith("/held/"):  # like /slow, counted in flight (only this test's requests: no stragglers)
            with Handler.lock:
                Handler.active += 1
                Handler.most = max(Handler.most, Handler.active)
            try:
                time.sleep(float(path.rsplit("/", 1)[1]))
            finally:
                with Handler.lock:
                    Handler.active -= 1
            return self._send(200, "text/html", CLEAN)
        if path.startswith("/slow"):
            time.sleep(float(path.rsplit("/", 1)[1]))
            return self._send(200, "text/html", CLEAN)
        if path == "/big":  # no Content-Length: reading itself must stop at the limit
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading
                for _ in range(40):
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            return None
        if path == "/big-declared":
            return self._send(200, "text/html", b"<p>" + b"x" * 2_000_000)
        if path == "/gzipped.html":  # the page sent with Content-Encoding: gzip
            body = gzip.compress(SEED)
            self.send_response(200)
            for key, value in (("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                               ("Content-Length", str(len(body)))):
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
            return None
        if path not in ROUTES:
            return self._send(404, "text/html", b"<h1>Not Found</h1>")
        status, media_type, body = ROUTES[path]
        body = body.replace(b"{base}", base.encode())
        return self._send(status, media_type, gzip.compress(body) if path.endswith(".gz") else body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, media_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading
            self.wfile.write(body)


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    """No proxy, and no host but 127.0.0.1: any other name fails as an unknown host would."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    real = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fresh_log():
    Handler.requests.clear()


def run(*args):
    return CliRunner().invoke(main, list(args))


def lint_json(*args) -> tuple[int, dict, str]:
    result = run("lint", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout), result.stderr


def by_path(report: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["path"], []).append(finding["rule_id"])
    return found


def streamed_paths(*args) -> list[str]:
    """The pages with findings, in the order jsonl streams them: input order (JSON sorts by path)."""
    result = run("lint", "--format", "jsonl", *args)
    assert result.exit_code in (0, 1), result.output
    return list(dict.fromkeys(json.loads(line)["path"] for line in result.stdout.splitlines()))


def messages(report: dict, path: str) -> list[str]:
    return [finding["message"] for finding in report["findings"] if finding["path"] == path]


def test_a_url_is_fetched_and_reported_by_its_url(server):
    url = f"{server}/news/seed.html"
    result = run("lint", url)
    assert result.exit_code == 1, result.output
    assert f"{url}:38:11: error CC301 instructions-published" in result.stdout
    assert Handler.requests == [("/news/seed.html", fetching.USER_AGENT)]
    assert fetching.USER_AGENT.startswith(f"captioncheck/{__version__} ")


def test_the_page_gives_the_same_findings_fetched_as_saved(server, tmp_path):
    saved = tmp_path / "seed.html"
    saved.write_bytes(SEED)
    _, from_file, _ = lint_json(str(saved))
    _, fetched, _ = lint_json(f"{server}/gzipped.html")  # Content-Encoding: gzip too
    strip = [{k: v for k, v in f.items() if k not in ("path", "fingerprint")} for f in from_file["findings"]]
    assert [{k: v for k, v in f.items() if k not in ("path", "fingerprint")} for f in fetched["findings"]] == strip


def test_redirects_are_followed_up_to_five(server):
    code, report, _ = lint_json(f"{server}/hop/5", f"{server}/hop/6", f"{server}/loop")
    found = by_path(report)
    assert "CC301" in found[f"{server}/hop/5"]
    assert found[f"{server}/hop/6"] == ["CC001"] and found[f"{server}/loop"] == ["CC001"]
    assert "more than 5 redirects" in messages(report, f"{server}/hop/6")[0]
    assert "loop" in messages(report, f"{server}/loop")[0]


def test_every_failed_fetch_is_a_cc001_finding_and_the_run_goes_on(server):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused = f"http://127.0.0.1:{closed.getsockname()[1]}/page.html"
    closed.close()
    urls = {
        "missing": (f"{server}/missing.html", "the server answered HTTP 404 Not Found"),
        "slow": (f"{server}/slow/3", "no answer from 127.0.0.1 within 0.5 seconds (--timeout)"),
        "big": (f"{server}/big", "over the limit of 1 MB (--max-bytes); reading stopped there"),
        "declared": (f"{server}/big-declared", "over the limit of 1 MB (--max-bytes): the server says 2.0 MB"),
        "json": (f"{server}/data.json", "the server sent application/json, not an HTML page"),
        "refused": (refused, "127.0.0.1 refused the connection"),
        "dns": ("http://no-such-host.invalid/page.html", "the host name no-such-host.invalid could not be found"),
    }
    code, report, _ = lint_json("--timeout", "0.5", "--max-bytes", "1", *(url for url, _ in urls.values()),
                                f"{server}/news/seed.html")
    assert code == 1
    found = by_path(report)
    for url, message in urls.values():
        # A page over --max-bytes too: nothing on it was checked, as for a saved page over the limit.
        assert found[url] == ["CC001"], url
        (text,) = messages(report, url)
        assert text.startswith("the page could not be read: ") and message in text, text
    assert "CC301" in found[f"{server}/news/seed.html"]  # the run went on


def test_a_failed_fetch_alone_fails_the_run(server):
    result = run("lint", f"{server}/missing.html")
    assert result.exit_code == 1
    assert "error CC001 page-unreadable: the page could not be read: the server answered HTTP 404" in result.stdout


def test_the_report_keeps_input_order_whatever_the_fetch_jobs(server):
    urls = [f"{server}/slow/0.4", f"{server}/news/seed.html", f"{server}/slow/0.2", f"{server}/missing.html",
            f"{server}/slow/0", f"{server}/clean.html"]
    reports = [lint_json("--fetch-jobs", jobs, *urls)[1] for jobs in ("1", "4")]
    assert reports[0] == reports[1]
    urls = [f"{server}/slow/0.4", f"{server}/missing.html", f"{server}/slow/0", f"{server}/news/seed.html"]
    for jobs in ("1", "4"):  # the slow first page arrives last, and is still reported first
        assert streamed_paths("--fetch-jobs", jobs, *urls) == [f"{server}/missing.html", f"{server}/news/seed.html"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_fetch_jobs_bounds_the_pages_fetched_at_once(server, jobs):
    Handler.most = 0
    urls = [f"{server}/held/0.{30 + n}" for n in range(6)]
    code, report, _ = lint_json("--fetch-jobs", str(jobs), *urls)
    assert code == 0 and report["summary"]["files"] == 6
    assert 1 <= Handler.most <= jobs


def test_the_report_is_the_same_with_worker_processes(server):
    urls = [f"{server}/news/seed.html", f"{server}/missing.html", f"{server}/clean.html"]
    assert lint_json("-j", "2", *urls)[1] == lint_json("-j", "1", *urls)[1]


def test_a_sitemap_lists_pages_and_robots_txt_keeps_one_out(server):
    code, report, stderr = lint_json("--sitemap", f"{server}/sitemap.xml")
    assert code == 1
    assert list(by_path(report)) == [f"{server}/news/seed.html"]
    assert f"captioncheck: skipped {server}/private/draft.html: robots.txt disallows it for captioncheck " \
           f"(listed in {server}/sitemap.xml)" in stderr
    fetched = [path for path, _ in Handler.requests]
    assert "/private/draft.html" not in fetched and fetched.count("/robots.txt") == 1
    assert all(agent == fetching.USER_AGENT for _, agent in Handler.requests)


def test_a_sitemap_index_and_a_gzipped_sitemap(server):
    code, report, stderr = lint_json("--sitemap", f"{server}/sitemap-index.xml")
    assert list(by_path(report)) == [f"{server}/missing.html", f"{server}/news/seed.html"]
    assert by_path(report)[f"{server}/missing.html"] == ["CC001"]
    assert [path for path, _ in Handler.requests].count("/clean.html") == 1  # in both sitemaps, checked once
    assert "skipped" in stderr and "/private/draft.html" in stderr
    # Paths first, then each sitemap's pages in its order.
    assert streamed_paths(f"{server}/data.json", "--sitemap", f"{server}/sitemap-index.xml") == \
        [f"{server}/data.json", f"{server}/news/seed.html", f"{server}/missing.html"]


def test_a_sitemap_that_cannot_be_read_is_a_finding_on_it(server):
    _, report, _ = lint_json("--sitemap", f"{server}/not-a-sitemap.xml", "--sitemap", f"{server}/nope.xml",
                             f"{server}/clean.html")
    assert messages(report, f"{server}/not-a-sitemap.xml") == [
        "the page could not be read: the sitemap could not be read: it is XML but not a sitemap: its root "
        "element is <rss>"]
    assert "HTTP 404" in messages(report, f"{server}/nope.xml")[0]


@pytest.mark.parametrize(("status", "skipped"), [(503, 3), (404, 0), (403, 0)])
def test_robots_txt_unreachable_keeps_every_page_out_and_missing_lets_every_page_in(server, monkeypatch, status,
                                                                                     skipped):
    real_get = fetching.get

    def robots_answers(url, *args, **kwargs):
        if url.endswith("/robots.txt"):
            raise fetching.FetchError(f"the server answered HTTP {status}", status)
        return real_get(url, *args, **kwargs)

    monkeypatch.setattr(fetching, "get", robots_answers)  # RFC 9309: 5xx disallows all, any 4xx allows all
    result = run("lint", "--sitemap", f"{server}/sitemap.xml")
    assert result.stderr.count("skipped") == skipped
    assert ("/private/draft.html" in [path for path, _ in Handler.requests]) == (skipped == 0)


def test_the_python_api_fetches_a_url(server):
    import captioncheck

    report = captioncheck.lint([f"{server}/missing.html", f"{server}/news/seed.html"])
    assert [finding.rule_id for finding in report.findings if finding.path == f"{server}/missing.html"] == ["CC001"]
    assert report.exit_code() == 1


def test_image_files_are_fetched_only_with_fetch_images(server):
    url = f"{server}/news/port.html"
    _, report, _ = lint_json(url)
    assert "CC501" not in by_path(report).get(url, [])
    assert [path for path, _ in Handler.requests] == ["/news/port.html"]
    Handler.requests.clear()
    _, report, _ = lint_json("--fetch-images", url)
    assert "CC501" in by_path(report)[url]
    assert [path for path, _ in Handler.requests] == ["/news/port.html", "/news/img/port.jpg"]  # resolved on the URL


def test_extract_fetches_a_url(server):
    result = run("extract", "--format", "jsonl", "--fetch-images", f"{server}/news/port.html", f"{server}/missing.html")
    assert result.exit_code == 1  # the 404
    port, missing = (json.loads(line) for line in result.stdout.splitlines())
    assert port["path"] == f"{server}/news/port.html" and port["url"] == f"{server}/news/port.html"
    (image,) = [image for image in port["images"] if image["kind"] == "editorial"]
    assert image["embedded"]["credit_line"] == "REUTERS/Piroschka van de Wouw"
    assert missing["unreadable"] and "HTTP 404" in missing["errors"][0]


def test_a_redirected_page_resolves_its_images_on_where_it_ended(server):
    page = fetching.fetch_page(f"{server}/hop/1", fetching.FetchOptions(images=True))
    assert page.url == f"{server}/news/seed.html" and page.name == f"{server}/hop/1"


def test_no_path_and_no_sitemap_is_a_usage_error():
    for command in ("lint", "extract"):
        result = run(command)
        assert result.exit_code == 2 and "name a PATH or URL to check, or --sitemap URL" in result.stderr


@pytest.mark.parametrize("sitemap", ["sitemap.xml", "ftp://example.org/sitemap.xml", "example.org/sitemap.xml"])
def test_a_sitemap_that_is_no_http_url_is_a_usage_error(sitemap):
    result = run("lint", "--sitemap", sitemap)
    assert result.exit_code == 2, result.output
    assert f"--sitemap takes an http:// or https:// URL; got '{sitemap}'" in result.stderr
    assert "redirect" not in result.output and result.stdout == ""


def test_sitemap_text_and_nested_index_parsing():
    assert fetching._parse_sitemap(b"http://a.example/1\n\nhttps://a.example/2\n") == \
        ("page", ["http://a.example/1", "https://a.example/2"])
    with pytest.raises(fetching.FetchError, match="not well-formed XML"):
        fetching._parse_sitemap(b"<urlset><url><loc>x</loc></url>")
    with pytest.raises(fetching.FetchError, match="over the limit"):
        fetching._gunzipped(gzip.compress(b"<" * 5000), 1000)


@pytest.mark.parametrize("url", ["https://example.org/news/story.html", "HTTPS://EXAMPLE.ORG"])
def test_a_url_is_a_page_to_fetch_not_a_file(url):
    for command in ("lint", "extract"):
        result = run(command, url)
        assert result.exit_code == 1, result.output
        assert "the host name example.org could not be found (DNS)" in result.stdout
        assert "No such file" not in result.output


def test_a_gzip_body_stops_at_its_end_and_the_bytes_sent_are_bounded():
    class Response:
        def __init__(self, chunks, encoding="gzip"):
            self.chunks = list(chunks)
            self.headers = {"Content-Encoding": encoding}
            self.reads = 0

        def read1(self, size):
            self.reads += 1
            return self.chunks.pop(0) if self.chunks else b""

        read = read1

    page = b"<html><body><p>" + b"Flood waters rose. " * 500 + b"</p></body></html>"
    trailing = Response([gzip.compress(page), *[b"x" * 65536] * 100])
    assert fetching._read_body(trailing, 10_000_000, 10, False, "the page") == page
    assert trailing.reads == 1  # what the server sends after the compressed body is not read
    endless = Response([b"y" * 65536] * 100, encoding="identity")
    with pytest.raises(fetching.FetchError, match="over the limit"):
        fetching._read_body(endless, 200_000, 10, False, "the page")
    assert endless.reads <= 5
