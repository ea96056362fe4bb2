"""The HTML report a photo desk looks at: every page's photos as cards, their findings beside them.

One self-contained file: the style and script are inline (``html.css``, ``html.js`` beside this
module) and a Content-Security-Policy lets nothing else run and nothing but photos load. Page text
is always escaped data, never markup. The page summaries come from the run
(``Settings.summaries``); a page without one (a report built another way) still shows its findings.
The same report gives the same bytes: no timestamps, pages in input order, findings sorted.

Sizes stay linear in the pages: each page is one collapsed ``<details>``, photos that are not
embedded load lazily, and embedded thumbnails stop at ``THUMBNAIL_BUDGET`` (see ``Report``).
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
from collections import Counter, deque
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from importlib import resources
from urllib.parse import urlsplit

from captioncheck.report import SEVERITIES, SEVERITY_RANK, Finding, Report, photo
from captioncheck.report.text import counted
from captioncheck.summary import DecorativeSummary, ImageSummary, PageSummary

TOP_PAGES = 5  # pages named per folder or site in the summary
SHORT = 100  # characters of a message in a page's one-line list of its photos' findings


def render(report: Report, rules: Iterable = ()) -> str:
    by_path: dict[str, list[Finding]] = {}
    for finding in report.sorted_findings():
        by_path.setdefault(finding.path, []).append(finding)
    pages = [_Page(number, path, summary, by_path.get(path, []))
             for number, (path, summary) in enumerate(_in_order(report, by_path), 1)]
    summaries_of_rules = {rule.id: rule.summary for rule in rules}
    style, script = _asset("html.css"), _asset("html.js")
    counts = report.counts()
    title = (f"captioncheck report: {counted(len(pages), 'page')}, "
             + ", ".join(counted(counts[severity], severity) for severity in SEVERITIES))
    out = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_policy(style, script)}\">\n",
        "<meta name=\"referrer\" content=\"no-referrer\">\n",
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n<script>{script}</script>\n</head>\n<body>\n",
        _header(report),
        _summary(report, pages, summaries_of_rules),
        _filters(pages),
        "<main id=\"pages\">\n",
        *(page.html() for page in pages),
        "</main>\n</body>\n</html>\n",
    ]
    return "".join(out)


def _in_order(report: Report, by_path: dict[str, list[Finding]]) -> list[tuple[str, PageSummary | None]]:
    """Every page checked, in input order, each with its summary when the run made one (a path named
    twice takes its summaries in turn); then any page that only findings name."""
    summaries: dict[str, deque[PageSummary]] = {}
    for summary in report.pages:
        summaries.setdefault(summary.path, deque()).append(summary)
    pages = [(path, summaries[path].popleft() if summaries.get(path) else None) for path in report.paths]
    pages += [(summary.path, summary) for left in summaries.values() for summary in left]
    named = {path for path, _ in pages}
    return pages + [(path, None) for path in by_path if path not in named]


@lru_cache(maxsize=2)
def _asset(name: str) -> str:
    return resources.files("captioncheck.report").joinpath(name).read_text("utf-8")


def _policy(style: str, script: str) -> str:
    """Only this report's own style and script run; photos load from anywhere (their pages' sites)."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
    return (f"default-src 'none'; img-src * data: file:; style-src {digest(style)}; script-src {digest(script)}; "
            "base-uri 'none'; form-action 'none'")


def _header(report: Report) -> str:
    tool = report.tool or {}
    facts = [f"{escape(str(tool.get('name', 'captioncheck')))} {escape(str(tool.get('version', '')))}".strip()]
    if report.context:
        facts.append(f"context: {escape(report.context)}")
    if report.suppressed:
        facts.append(f"{report.suppressed} suppressed in the pages")
    if report.thumbnails_linked:
        facts.append(f"{counted(report.thumbnails_linked, 'saved photo')} past the thumbnail budget linked, "
                     "not embedded")
    if report.baseline is not None:
        facts.append(f"baseline {escape(str(report.baseline.get('file', '')))}: "
                     f"{counted(report.baseline.get('hidden', 0), 'finding')} hidden")
    return (f"<header class=\"top\"><h1>Photo report</h1><p class=\"facts\">{' · '.join(facts)}</p>"
            "</header>\n")


# The summary


def _summary(report: Report, pages: list[_Page], rule_summaries: dict[str, str]) -> str:
    counts = report.counts()
    tiles = [("page", len(pages), ""), ("editorial photo", report.editorial_images, "")]
    tiles += [(severity, counts[severity], severity) for severity in SEVERITIES]
    out = ["<section id=\"summary\">\n<div class=\"tiles\">"]
    for noun, value, severity in tiles:
        kind = f" sev-{severity}" if severity and value else ""
        label = counted(value, noun).partition(" ")[2]  # "1 error", "2 errors", "2 info"
        out.append(f"<div class=\"tile{kind}\"><b>{value:,}</b><span>{label}</span></div>")
    out.append("</div>\n<div class=\"columns\">\n")
    out.append(_rule_table(report, rule_summaries))
    out.append(_groups(pages))
    out.append("</div>\n</section>\n")
    return "".join(out)


def _rule_table(report: Report, rule_summaries: dict[str, str]) -> str:
    found: dict[tuple[str, str, str], Counter] = {}
    for finding in report.findings:
        found.setdefault((finding.rule_id, finding.rule_name, finding.severity), Counter())[finding.path] += 1
    if not found:
        return "<div class=\"panel\"><h2>Findings by rule</h2><p class=\"none\">No findings.</p></div>\n"
    rows = sorted(found.items(), key=lambda item: (-SEVERITY_RANK[item[0][2]], -sum(item[1].values()), item[0]))
    out = ["<div class=\"panel\"><h2>Findings by rule</h2><table class=\"rules\"><thead><tr><th>Rule</th>"
           "<th>Severity</th><th class=\"n\">Findings</th><th class=\"n\">Pages</th></tr></thead><tbody>\n"]
    for (rule_id, name, severity), per_page in rows:
        about = rule_summaries.get(rule_id, "")
        hint = f" title=\"{escape(about)}\"" if about else ""
        out.append(f"<tr><td><button type=\"button\" class=\"rule-filter\" data-rule=\"{escape(rule_id)}\"{hint}>"
                   f"<b>{escape(rule_id)}</b> {escape(name)}</button></td>"
                   f"<td>{_badge(severity)}</td><td class=\"n\">{sum(per_page.values()):,}</td>"
                   f"<td class=\"n\">{len(per_page):,}</td></tr>\n")
    out.append("</tbody></table></div>\n")
    return "".join(out)


def _groups(pages: list[_Page]) -> str:
    """Per folder (or per site, for archived and fetched pages): how many pages and findings, and
    the pages with the most."""
    groups: dict[str, list[_Page]] = {}
    for page in pages:
        groups.setdefault(page.group, []).append(page)
    web = {_from_web(page.path) for page in pages}
    kind = "site" if web == {True} else "folder" if web == {False} else "folder or site"
    out = [f"<div class=\"panel\"><h2>Most findings, per {kind}</h2>\n"]
    ordered = sorted(groups.items(), key=lambda item: (-sum(len(p.findings) for p in item[1]), item[0]))
    for name, members in ordered:
        total = sum(len(page.findings) for page in members)
        out.append(f"<div class=\"group\"><h3>{escape(name)} <span class=\"muted\">{counted(len(members), 'page')}, "
                   f"{counted(total, 'finding')}</span></h3>")
        worst = sorted((page for page in members if page.findings), key=lambda p: (-len(p.findings), p.number))
        if worst:
            out.append("<ol class=\"worst\">")
            for page in worst[:TOP_PAGES]:
                out.append(f"<li><a href=\"#{page.anchor}\">{escape(page.label)}</a> {page.badges()}</li>")
            out.append("</ol>")
        out.append("</div>\n")
    out.append("</div>\n")
    return "".join(out)


def _filters(pages: list[_Page]) -> str:
    rules = Counter()
    names = {}
    for page in pages:
        for finding in page.findings:
            rules[finding.rule_id] += 1
            names[finding.rule_id] = finding.rule_name
    options = "".join(f"<option value=\"{escape(rule_id)}\">{escape(rule_id)} {escape(names[rule_id])} "
                      f"({count:,})</option>" for rule_id, count in sorted(rules.items()))
    severities = "".join(f"<option value=\"{severity}\">{severity}</option>" for severity in SEVERITIES)
    return ("<nav class=\"filters\" aria-label=\"Filters\">"
            f"<label>Rule <select id=\"f-rule\"><option value=\"\">all rules</option>{options}</select></label>"
            f"<label>Severity <select id=\"f-severity\"><option value=\"\">any</option>{severities}</select></label>"
            "<label class=\"check\"><input type=\"checkbox\" id=\"f-errors\"> only pages with errors</label>"
            "<label class=\"check\"><input type=\"checkbox\" id=\"f-found\"> only pages with findings</label>"
            "<span class=\"buttons\"><button type=\"button\" id=\"expand\">Expand all</button>"
            "<button type=\"button\" id=\"collapse\">Collapse all</button></span>"
            f"<output id=\"shown\">{counted(len(pages), 'page')}</output></nav>\n")


def _badge(severity: str, text: str | None = None) -> str:
    return f"<span class=\"badge sev-{severity}\">{escape(text or severity)}</span>"


def _from_web(path: str) -> bool:
    """A WARC record (archive.warc.gz#URI) or a fetched URL: grouped by site, not folder."""
    return "#" in path or path.startswith(("http://", "https://"))


# One page


class _Page:
    def __init__(self, number: int, path: str, summary: PageSummary | None, findings: list[Finding]) -> None:
        self.number = number
        self.path = path
        self.summary = summary
        self.findings = findings
        self.anchor = f"p{number}"
        self.label = (summary.title if summary and summary.title else None) or path

    @property
    def group(self) -> str:
        if _from_web(self.path):
            url = (self.summary.url if self.summary else None) or self.path.partition("#")[2] or self.path
            try:
                return urlsplit(url).netloc.lower() or self.path.partition("#")[0]
            except ValueError:
                return self.path.partition("#")[0]
        return posixpath.dirname(self.path) or "."

    def badges(self) -> str:
        counts = Counter(finding.severity for finding in self.findings)
        if not counts:
            return "<span class=\"badge clean\">no findings</span>"
        return "".join(_badge(severity, counted(counts[severity], severity))
                       for severity in SEVERITIES if counts[severity])

    def html(self) -> str:
        rules = " ".join(sorted({finding.rule_id for finding in self.findings}))
        severities = " ".join(s for s in SEVERITIES if any(f.severity == s for f in self.findings))
        summary = self.summary
        images = summary.images if summary else ()
        photos = counted(len(images), "photo") if summary else ""
        out = [f"<details class=\"page\" id=\"{self.anchor}\" data-rules=\"{escape(rules)}\" "
               f"data-severities=\"{severities}\">\n<summary><span class=\"page-title\">{escape(self.label)}</span>"
               f"<span class=\"page-badges\">{self.badges()}</span><span class=\"page-photos\">{photos}</span>"
               f"<span class=\"page-path\">{escape(self.path)}</span></summary>\n<div class=\"page-body\">\n",
               self._meta()]
        cards = {image.index: f"{self.anchor}-{image.number}" for image in images}
        decorative = {image.index: f"{self.anchor}-d{image.index}" for image in (summary.decorative if summary else ())}
        on_page = [finding for finding in self.findings if finding.image_index not in cards]
        on_photos = [finding for finding in self.findings if finding.image_index in cards]
        if on_page:  # shown here in full: no card shows them
            out.append("<ul class=\"page-findings\">")
            out += [_finding_line(finding, decorative.get(finding.image_index)) for finding in on_page]
            out.append("</ul>\n")
        if on_photos:  # one line each, a link to the card that shows it in full
            out.append("<ul class=\"photo-findings\">")
            out += [_finding_line(finding, cards[finding.image_index], short=True) for finding in on_photos]
            out.append("</ul>\n")
        if images:
            by_image: dict[int, list[Finding]] = {}
            for finding in self.findings:
                if finding.image_index in cards:
                    by_image.setdefault(finding.image_index, []).append(finding)
            out.append("<div class=\"cards\">\n")
            out += [_card(image, cards[image.index], by_image.get(image.index, [])) for image in images]
            out.append("</div>\n")
        if summary and summary.decorative:
            out.append(_decorative(summary, decorative))
        out.append("</div>\n</details>\n")
        return "".join(out)

    def _meta(self) -> str:
        facts = []
        summary = self.summary
        if summary and summary.url:
            facts.append(f"<a href=\"{escape(summary.url)}\" rel=\"noreferrer\">{escape(summary.url)}</a>"
                         if _http(summary.url) else escape(summary.url))
        if summary and summary.published:
            facts.append(f"published <time>{escape(summary.published)}</time>")
        if summary:
            facts.append(counted(len(summary.images), "editorial photo"))
            if summary.decorative:
                facts.append(counted(len(summary.decorative) + summary.decorative_left_out, "decorative image"))
        if not facts:
            return ""
        return f"<p class=\"page-meta\">{' · '.join(facts)}</p>\n"


def _finding_line(finding: Finding, target: str | None, short: bool = False) -> str:
    """A finding in the page's list: in full, or in one line that links to its photo's card."""
    where = photo(finding)
    if short:
        where = f"photo {finding.image_number}"
    if where and target:
        where = f"<a href=\"#{target}\">{escape(where)}</a>"
    elif where:
        where = escape(where)
    head = (f"<li class=\"finding sev-{finding.severity}\" data-rule=\"{escape(finding.rule_id)}\" "
            f"data-severity=\"{finding.severity}\">{_badge(finding.severity)} <b>{escape(finding.rule_id)}</b> ")
    if short:  # the card beside shows the whole message: the first words tell findings apart
        message = finding.message if len(finding.message) <= SHORT else finding.message[:SHORT - 1] + "…"
        return f"{head}<span class=\"where\">{where}</span> <span class=\"message\">{escape(message)}</span></li>"
    line = f" <span class=\"muted\">line {finding.line}</span>" if finding.line else ""
    place = f" <span class=\"where\">{where}</span>" if where else ""
    return (f"{head}<span class=\"rule-name\">{escape(finding.rule_name)}</span>{place}{line}"
            f"<div class=\"message\">{escape(finding.message)}</div></li>")


def _card(image: ImageSummary, anchor: str, findings: list[Finding]) -> str:
    worst = max((finding.severity for finding in findings), key=SEVERITY_RANK.__getitem__, default="")
    rules = " ".join(sorted({finding.rule_id for finding in findings}))
    file_name = _file_name(image.src)
    named = f" <span class=\"file\">{escape(file_name)}</span>" if file_name else ""
    classes = f"card worst-{worst}" if worst else "card"
    out = [f"<article class=\"{classes}\" id=\"{anchor}\" data-rules=\"{escape(rules)}\">", _thumb(image),
           f"<div class=\"facts\"><h3>Photo {image.number}{named}</h3><dl>",
           _field("Caption", image.caption, "caption"), _field("Credit", image.credit, "credit"),
           _field("Alt text", image.alt, "alt")]
    if image.restrictions:
        items = "".join(f"<li><span class=\"code\">{escape(code)}</span> “{escape(text)}” "
                        f"<span class=\"muted\">({escape(where)})</span></li>"
                        for code, text, where in image.restrictions)
        out.append(f"<dt>Restrictions</dt><dd class=\"restrictions\"><ul>{items}</ul></dd>")
    out.append(f"<dt>Confidence</dt><dd class=\"confidence\">{image.confidence:.0%} sure it is an editorial photo"
               f"{_evidence(image)}</dd>")
    out.append("</dl></div>")
    if findings:
        out.append("<ul class=\"findings\">")
        out += [f"<li class=\"finding sev-{f.severity}\" data-rule=\"{escape(f.rule_id)}\" "
                f"data-severity=\"{f.severity}\">{_badge(f.severity)} <b>{escape(f.rule_id)}</b> "
                f"<span class=\"rule-name\">{escape(f.rule_name)}</span>"
                f"<div class=\"message\">{escape(f.message)}</div></li>" for f in findings]
        out.append("</ul>")
    else:
        out.append("<p class=\"findings clean\">No findings on this photo.</p>")
    out.append("</article>\n")
    return "".join(out)


def _field(label: str, value: str | None, kind: str) -> str:
    if not value:
        return f"<dt>{label}</dt><dd class=\"{kind} none\">none</dd>"
    return f"<dt>{label}</dt><dd class=\"{kind}\">{escape(value)}</dd>"


def _evidence(image: ImageSummary) -> str:
    parts = []
    if image.caption_source:
        parts.append(f"<li>caption from {escape(image.caption_source)}</li>")
    if image.credit_source:
        parts.append(f"<li>credit from {escape(image.credit_source)}</li>")
    if image.signals:
        signals = ", ".join(f"{escape(name)} {share:+.2f}" for name, share in image.signals)
        parts.append(f"<li>weighed most: {signals}</li>")
    if not parts:
        return ""
    return f"<details class=\"evidence\"><summary>why</summary><ul>{''.join(parts)}</ul></details>"


def _thumb(image: ImageSummary) -> str:
    """A fixed box: the thumbnail, else the photo by its address (lazily), and behind either the
    alt text, which shows when the photo cannot load (html.js marks the box). The image's own alt
    is empty: the card prints the alt text beside it, and a screen reader need not hear it twice."""
    fallback = (f"<small>photo not shown · alt text:</small>{escape(image.alt)}" if image.alt
                else "<small>photo not shown</small>no alt text")
    if image.thumbnail:
        width, height = image.thumbnail_size or (0, 0)
        size = f" width=\"{width}\" height=\"{height}\"" if width and height else ""
        picture = f"<img src=\"{escape(image.thumbnail)}\"{size} alt=\"\">"
    elif image.link:
        picture = f"<img src=\"{escape(image.link)}\" loading=\"lazy\" decoding=\"async\" alt=\"\">"
    else:
        picture = ""
    classes = "thumb" if picture else "thumb failed"
    return f"<div class=\"{classes}\"><span class=\"alt-fallback\">{fallback}</span>{picture}</div>"


def _decorative(summary: PageSummary, anchors: dict[int, str]) -> str:
    total = len(summary.decorative) + summary.decorative_left_out
    items = "".join(_decorative_item(image, anchors[image.index]) for image in summary.decorative)
    more = f"<li class=\"muted\">and {summary.decorative_left_out:,} more</li>" if summary.decorative_left_out else ""
    return (f"<details class=\"decorative\"><summary>{counted(total, 'decorative image')} (not checked as photos)"
            f"</summary><ul>{items}{more}</ul></details>\n")


def _decorative_item(image: DecorativeSummary, anchor: str) -> str:
    name = _file_name(image.src) or "(no file)"
    alt = f" <span class=\"muted\">alt “{escape(image.alt)}”</span>" if image.alt else ""
    return (f"<li id=\"{anchor}\"><span class=\"file\">{escape(name)}</span>: {escape(image.reason or 'decorative')}"
            f"{alt}</li>")


def _file_name(src: str | None) -> str | None:
    if not src or src.startswith("data:"):
        return "inline image" if src else None
    try:
        path = urlsplit(src).path
    except ValueError:
        path = src
    name = path.rstrip("/").rpartition("/")[2] or src
    return name if len(name) <= 60 else name[:59] + "…"


def _http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
