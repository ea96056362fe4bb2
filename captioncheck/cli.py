"""The ``captioncheck`` command: wires options to sources, extraction, the engine and reports."""

from __future__ import annotations

import json
import os
import signal
import sys
from importlib import resources
from itertools import chain
from pathlib import Path

import click

from captioncheck import baseline, rule_tools
from captioncheck.engine import SelectionError
from captioncheck.engine.config import Config, ConfigError, discover
from captioncheck.engine.config import load as load_config
from captioncheck.engine.keystore import KeyStore
from captioncheck.engine.rules import Rule, RuleFileError, RuleTimeout, load_rules
from captioncheck.limits import DEFAULT as DEFAULT_LIMITS
from captioncheck.limits import MEGABYTE, Limits
from captioncheck.pipeline import Settings, check_across, check_inputs, default_jobs, page_of
from captioncheck.report import SEVERITY_RANK, Report, fails, files, github, text, tool_info
from captioncheck.report.files import write_atomic
from captioncheck.report.formats import FORMATS, NEEDS_SUMMARIES, finding_line, pieces
from captioncheck.report.spool import FindingSpool
from captioncheck.report.text import inputs_checked
from captioncheck.show_settings import settings_report
from captioncheck.sources import NoPages, inputs, read_input
from captioncheck.sources import http as fetching
from captioncheck.version import __version__
from captioncheck.vocab import load as load_vocab

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
SCHEMAS = ("report", "rule", "rules", "page")


class UsageProblem(click.ClickException):
    """A usage, configuration or rule-file problem: exit 2 (click's ClickException exits 1)."""

    exit_code = EXIT_USAGE

    def format_message(self) -> str:
        return self.message


def exclude_option(command):
    """--exclude, shared by extract and lint."""
    return click.option("--exclude", multiple=True, metavar="GLOB",
                        help="Skip walked and globbed files matching GLOB (a name like '*.amp.html', or a path "
                             "with / and **); repeatable. Files named explicitly are always read.")(command)


def limit_options(command):
    """--max-bytes, --max-images and --page-timeout, shared by extract and lint."""
    command = click.option("--page-timeout", type=click.FloatRange(min=0, min_open=True),
                           default=DEFAULT_LIMITS.page_timeout, show_default=True, metavar="SECONDS",
                           help="Seconds one page's extraction may take; the images left are reported, not read.")(
        command)
    command = click.option("--max-images", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_images, metavar="N",
                           show_default=True, help="Image elements read on one page, each copy of a photo counted; "
                                                   "the rest are reported, not read.")(
        command)
    return click.option("--max-bytes", "max_megabytes", type=click.FloatRange(min=0.001),
                        default=DEFAULT_LIMITS.max_bytes / MEGABYTE, show_default=True, metavar="MB",
                        help="Pages larger than this many megabytes are reported, not read.")(command)


def _limits(max_megabytes: float, max_images: int, page_timeout: float = DEFAULT_LIMITS.page_timeout) -> Limits:
    return Limits(max_bytes=int(max_megabytes * MEGABYTE), max_images=max_images, page_timeout=page_timeout)


def fetch_options(command):
    """--sitemap, --timeout, --fetch-jobs and --fetch-images (live pages), shared by extract and lint."""
    command = click.option("--fetch-images", is_flag=True,
                           help="Also fetch the editorial photos of fetched pages, to check the credit data "
                                "inside the files (CC5xx).")(command)
    command = click.option("--fetch-jobs", type=click.IntRange(min=1), default=fetching.DEFAULT_FETCH_JOBS,
                           show_default=True, metavar="N", help="Pages fetched at the same time.")(command)
    command = click.option("--timeout", type=click.FloatRange(min=0.001), default=fetching.DEFAULT_TIMEOUT,
                           show_default=True, metavar="SECONDS",
                           help="For connecting and for each read of a fetch.")(command)
    return click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
                        help="Fetch and check the pages this sitemap lists (an index, gzipped or plain), "
                             "those robots.txt allows; repeatable.")(command)


def _inputs(paths: tuple[str, ...], exclude: tuple[str, ...], limits: Limits, sitemaps: tuple[str, ...],
            timeout: float, fetch_jobs: int, fetch_images: bool):
    """What to check, in input order: the paths and URLs named, then each sitemap's pages, URLs fetched."""
    if not paths and not sitemaps:
        raise UsageProblem("name a PATH or URL to check, or --sitemap URL")
    for sitemap in sitemaps:
        if not fetching.looks_like_url(sitemap):
            raise UsageProblem(f"--sitemap takes an http:// or https:// URL; got {sitemap!r}")
    try:
        items = inputs(list(paths), exclude)
    except NoPages as error:
        raise UsageProblem(str(error)) from None
    options = fetching.FetchOptions(timeout=timeout, max_bytes=limits.max_bytes, jobs=fetch_jobs,
                                    images=fetch_images)
    robots = fetching.Robots(options)  # one per run: each site's robots.txt is fetched once
    listed = (item for sitemap in sitemaps
              for item in fetching.sitemap_inputs(sitemap, options, _skipped, robots))
    return fetching.fetched(chain(items, listed), options)


def _skipped(url: str, why: str) -> None:
    click.echo(f"captioncheck: skipped {url}: {why}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="captioncheck")
def main() -> None:
    """Lint the photos on saved news pages: captions, alt text, credits and agency restrictions.

    \b
    Start with:
      captioncheck lint page.html          findings a photo editor reads
      captioncheck extract page.html       what captioncheck saw on the page (JSON)
      captioncheck rules                   the rules, with ids and severities
      captioncheck explain CC301           why a rule exists, with examples

    Exit codes: 0 clean, 1 findings at the failing severity (or unreadable input for
    extract), 2 a usage, configuration or rule-file error.
    """


@main.command()
@click.argument("paths", nargs=-1, metavar="PAGE...")
@click.option("--format", "output_format", type=click.Choice(["json", "jsonl"]), default="json",
              show_default=True, help="json: one document with every page; jsonl: one page per line.")
@limit_options
@exclude_option
@fetch_options
def extract(paths: tuple[str, ...], output_format: str, max_megabytes: float, max_images: int,
            page_timeout: float, exclude: tuple[str, ...], **fetch) -> None:
    """Print the page model: every image with its caption, alt text, credit and restrictions.

    PAGE is an HTML file (also .html.gz, MHTML, WARC), a folder (walked for them), a glob, - for
    standard input or an http(s) URL to fetch.
    Exits 1 when any page could not be read in full (its "errors" or "limits" say why).
    """
    failed = False
    out = sys.stdout
    limits = _limits(max_megabytes, max_images, page_timeout)
    items = _inputs(paths, exclude, limits, **fetch)
    documents = (document for item in items for document in read_input(item, limits.max_bytes))
    if output_format == "jsonl":
        for document in documents:
            page = page_of(document, limits)
            failed |= bool(page.errors or page.limits)
            out.write(json.dumps(page.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    else:
        pages = []
        for document in documents:
            page = page_of(document, limits)
            failed |= bool(page.errors or page.limits)
            pages.append(page.to_dict())
        json.dump({"tool": tool_info(), "pages": pages}, out, ensure_ascii=False, indent=2, sort_keys=True)
        out.write("\n")
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def _config(config_path: str | None) -> Config:
    try:
        if config_path:
            return load_config(Path(config_path))
        found = discover(Path.cwd())
        return load_config(found) if found else Config()
    except ConfigError as error:
        raise UsageProblem(f"configuration error: {error}") from None


def _rules(config: Config, extra_folders: tuple[str, ...]) -> tuple[Rule, ...]:
    try:
        return load_rules((*config.rules, *extra_folders))
    except RuleFileError as error:
        raise UsageProblem(f"rule file error: {error}") from None


def _selection_problem(error: SelectionError, config: Config, typed: tuple[str, ...]) -> str:
    """A selector that names no rule; when the configuration wrote it, say which file and key."""
    if error.selector not in typed and config.source:
        for key, values in (("select", config.select), ("ignore", config.ignore), ("severity", config.severity)):
            if error.selector in values:
                return f"configuration error: {config.source}: {key}: {error}"
    return str(error)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _parse_outputs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    outputs = []
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not path or name not in FORMATS:
            raise UsageProblem(f"-o takes FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}; got {value!r}")
        outputs.append((name, path))
    return outputs


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...")  # required, unless --show-settings or --sitemap
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)),
              help="text (default) for people; html for a photo desk (one file: each page's photos as cards "
                   "with their findings; with --output); json/jsonl for programs; sarif for code scanning; junit, "
                   "github (default under GitHub Actions) and gitlab for CI; csv for a spreadsheet.")
@click.option("--output", "output_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the --format report to FILE (atomically) instead of standard output.")
@click.option("-o", "--out", "extra_outputs", multiple=True, metavar="FORMAT=FILE",
              help="Also write a report in FORMAT to FILE; repeatable: -o sarif=cc.sarif -o html=report.html")
@click.option("--context", metavar="CONTEXT",
              help="Where the pages are published: archive, syndication, commercial, magazine, book. "
                   "Restrictions that forbid it become errors (CC302).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: ids, id prefixes (CC3) or names, comma-separated; repeatable.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Never these rules; same forms as --select.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), metavar="P",
              help="Check only images that extraction is at least P sure (0-1) are editorial photos: raise it "
                   "for fewer, surer findings (below 0.5, the editorial threshold, it changes nothing). Default "
                   "0.5; CC201 asks for 0.55 itself. `captioncheck extract` shows each image's confidence.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the run fail (exit 1). Default: error.")
@click.option("--max-warnings", type=click.IntRange(min=0), metavar="N",
              help="Also fail when there are more than N warnings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (2 still means a usage error).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Hide the findings recorded in this baseline; report how many, and stale entries.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record today's findings (by rule, page and image, not line) as a baseline.")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report data-captioncheck-ignore attributes and disable comments that silence nothing.")
@click.option("--rules", "rule_folders", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="A folder of your own rule files (YAML); repeatable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Configuration file; default: .captioncheck.yaml, setup.cfg [captioncheck] or "
                   "pyproject.toml [tool.captioncheck], found from here upward.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes; default: one per core. The report is the same for any N.")
@click.option("--cache", "cache_folder", type=click.Path(file_okay=False), metavar="DIR",
              help="Keep results by page content and rules in DIR; unchanged pages are not checked again.")
@click.option("--no-progress", is_flag=True, help="No progress line on a terminal (there is none when piped).")
@click.option("--statistics", is_flag=True,
              help="Count findings per rule (count, rule id, name; most first) instead of listing them. Text only.")
@click.option("-q", "--quiet", count=True,
              help="-q: findings only, no summary line. -qq: nothing on standard output, only the exit code "
                   "(--output and -o files are still written).")
@click.option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour severities in the text report; auto: on a terminal, unless NO_COLOR "
                                      "is set.")
@click.option("--show-settings", is_flag=True,
              help="Print the configuration file found and every setting with where it came from; exit 0.")
@limit_options
@exclude_option
@fetch_options
def lint(paths, output_format, output_path, extra_outputs, context, select, ignore, min_confidence, fail_on,
         max_warnings,
         exit_zero, baseline_path, write_baseline_path, report_unused_suppressions, rule_folders,
         config_path, jobs, cache_folder, no_progress, max_megabytes, max_images, page_timeout, exclude,
         statistics, quiet, color_choice, show_settings, **fetch) -> None:
    """Check the photos on saved pages and report what a photo desk must fix.

    PATH is an HTML file (also .html.gz, MHTML, WARC), a folder (walked for them), a glob, - for
    standard input or an http(s) URL to fetch. A folder or glob with no page in it, or a path that
    is not there and names no page file, is a usage error (exit 2).

    Exit codes: 0 no finding at or above --fail-on (default error), 1 such findings (or more
    warnings than --max-warnings), 2 a usage, configuration or rule-file error.

    \b
    Examples:
      captioncheck lint page.html
      captioncheck lint --context archive --format json site/ > report.json
      captioncheck lint --format html --output report.html site/
      captioncheck lint --select CC3 --fail-on warning articles/
      captioncheck lint -o sarif=captioncheck.sarif --baseline .captioncheck-baseline.json site/
      captioncheck lint --sitemap https://example.org/sitemap.xml
    """
    if not paths and not show_settings and not fetch.get("sitemaps"):
        raise click.UsageError("name a PATH or URL to check, or --sitemap URL")
    config = _config(config_path)
    context = context or config.context
    known = load_vocab().contexts
    if context and context not in known:
        written = context == config.context and config.source
        where = f"configuration error: {config.source}: context: " if written else ""
        raise UsageProblem(f"{where}unknown context {context!r}: use one of {', '.join(known)}")
    outputs = _parse_outputs(extra_outputs)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and not statistics else "text"
    if statistics and output_format != "text":
        raise UsageProblem(f"--statistics counts findings in the text report; it does not go with --format "
                           f"{output_format} (use -o {output_format}=FILE beside it)")
    limits = _limits(max_megabytes, max_images, page_timeout)
    settings = Settings.from_config(
        config, context=context, rule_folders=(*config.rules, *rule_folders), select=_split(select) or config.select,
        ignore=(*config.ignore, *_split(ignore)), report_unused=report_unused_suppressions, limits=limits,
        summaries=bool(NEEDS_SUMMARIES & {output_format, *(name for name, _ in outputs)}),
        **({"min_confidence": min_confidence} if min_confidence is not None else {}))
    try:
        ruleset = settings.ruleset()  # here, so a bad rule file or selector stops the run before it starts
    except RuleFileError as error:
        raise UsageProblem(f"rule file error: {error}") from None
    except SelectionError as error:
        raise UsageProblem(_selection_problem(error, config, _split(select) + _split(ignore))) from None
    if show_settings:
        click.echo(settings_report(click.get_current_context(), config, settings, ruleset, output_format), nl=False)
        sys.exit(EXIT_CLEAN)
    baseline_counts = None
    if baseline_path:
        try:
            baseline_counts = baseline.load(baseline_path)
        except baseline.BaselineError as error:
            raise UsageProblem(f"baseline error: {error}") from None
    _prepare_files(output_path, outputs, write_baseline_path, cache_folder)
    # jsonl to standard output streams: each page's findings are written as soon as they are known.
    stream = output_format == "jsonl" and not output_path and baseline_counts is None
    # A stream keeps its findings only for the side reports and baseline that need them; it always
    # counts them, so the thresholds see every finding and memory stays flat without those.
    keep = not stream or bool(outputs) or bool(write_baseline_path)
    streamed = dict.fromkeys(SEVERITY_RANK, 0)

    items = _inputs(paths, exclude, limits, **fetch)

    fail_on = fail_on or config.fail_on or "error"
    # Findings kept go to disk past a few thousand, and the reports are written from there in pieces.
    report = Report(tool=tool_info(), context=context, fail_on=fail_on, findings=FindingSpool() if keep else [])
    progress = Progress(enabled=not no_progress and not quiet)
    keys = KeyStore()  # every page's photo keys, for the rules across pages: on disk, not in memory

    def emit(findings) -> None:
        if stream:
            for finding in findings:  # counted even when -qq prints nothing: the exit code tells
                streamed[finding.severity] += 1
            if quiet < 2:
                sys.stdout.write("".join(finding_line(finding) for finding in findings))

    try:
        for checked in check_inputs(items, settings, jobs or default_jobs(), cache_folder):
            report.add(checked, keep_findings=keep)
            keys.add(checked.keys)
            emit(checked.findings)
            progress.update(report)
    except RuleTimeout as error:
        raise UsageProblem(f"rule error: {error}") from None
    finally:
        progress.close()
    # Known only once the last page is in: a stream writes them after every page's own findings.
    across = check_across(keys, settings)
    keys.close()
    report.add_across(across.findings, across.suppressed, keep_findings=keep)
    emit(across.findings)
    if write_baseline_path:
        baseline.write(write_baseline_path, report.findings, report.tool)
    if baseline_counts is not None:
        report.findings, hidden, stale = baseline.apply(report.findings, baseline_counts)
        report.baseline = {"file": baseline_path, "hidden": hidden, "stale": stale}

    used_rules = tuple(rule for rule, _ in ruleset.rules)
    for name, path in outputs:
        write_atomic(path, pieces(name, report, used_rules))
    if stream:
        main_output = ()
    elif output_format == "text":  # files never get colour: --color is for the terminal
        main_output = (text.render(report, per_rule=statistics, quiet=bool(quiet),
                                   color=not output_path and _colour(color_choice)),)
    else:
        main_output = pieces(output_format, report, used_rules)
    if output_path:
        write_atomic(output_path, main_output)
    elif quiet < 2:
        for piece in main_output:
            sys.stdout.write(piece)
    # The summary goes with the github report, whether it is the main one or a side one (-o github=FILE).
    if "github" in (output_format, *(name for name, _ in outputs)) and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(github.step_summary(report))
    counts = report.counts() if keep else streamed
    sys.exit(_exit_code(counts, fail_on, max_warnings, exit_zero))


def _prepare_files(output_path: str | None, outputs: list[tuple[str, str]], write_baseline_path: str | None,
                   cache_folder: str | None) -> None:
    """Before any page is read: every report file can be written (its folders made) and the cache
    folder used, so a run never ends in a traceback after its work, its reports lost."""
    reports = [(f"--output {output_path}", output_path), (f"--write-baseline {write_baseline_path}",
               write_baseline_path), *((f"-o {name}={path}", path) for name, path in outputs)]
    named: dict[str, str] = {}
    for option, path in reports:
        if not path:
            continue
        first = named.setdefault(os.path.realpath(path), option)
        if first != option:  # the later report would replace the earlier one
            raise UsageProblem(f"{first} and {option} name the same file: give each report its own")
        try:
            files.prepare(path)
        except OSError as error:
            raise UsageProblem(f"{option}: cannot write the report there: {error.strerror or error}") from None
    if cache_folder:
        try:
            files.prepare(Path(cache_folder) / "probe")  # makes the folder, as for a report
        except OSError as error:
            raise UsageProblem(f"--cache {cache_folder}: cannot keep results there: {error.strerror or error}"
                               ) from None


def _colour(choice: str) -> bool:
    """--color: always and never say it; auto colours a terminal, unless NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


class Progress:
    """A progress line on standard error, only for a person at a terminal: never in CI, never piped."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty() and not os.environ.get("CI")
        self.shown = False

    def update(self, report: Report) -> None:
        if self.enabled and (report.files < 10 or report.files % 25 == 0):
            sys.stderr.write(f"\rcaptioncheck: {inputs_checked(report)} checked")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _exit_code(counts: dict[str, int], fail_on: str, max_warnings: int | None, exit_zero: bool) -> int:
    """The exit code from the findings counted by severity (after any baseline)."""
    if exit_zero:
        return EXIT_CLEAN
    if any(count for severity, count in counts.items() if fails(severity, fail_on)):
        return EXIT_FINDINGS
    if max_warnings is not None and counts["warning"] > max_warnings:
        return EXIT_FINDINGS
    return EXIT_CLEAN


@main.group("rules", invoke_without_command=True)
@click.option("--rules", "rule_folders", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Also list the rules in this folder; repeatable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Configuration file whose rule folders and severities to show.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: every rule with id, name, severity, summary, check, params (schema: captioncheck schema "
                   "rules).")
@click.pass_context
def list_rules(ctx, rule_folders, config_path, output_format) -> None:
    """List the rules: id, name, severity and what each checks.

    `captioncheck rules test DIR` runs a rule folder's own examples.
    """
    if ctx.invoked_subcommand:
        return
    config = _config(config_path)
    entries = []
    for rule in _rules(config, rule_folders):
        level = next((v for k, v in config.severity.items() if k in (rule.id, rule.name)), rule.severity)
        if output_format == "json":
            entries.append(rule_tools.rule_entry(rule, level))
        else:
            click.echo(f"{rule.id}  {rule.name:30s} {level:8s} {rule.summary}")
    if output_format == "json":
        click.echo(json.dumps({"tool": tool_info(), "rules": entries}, ensure_ascii=False, indent=2, sort_keys=True))


@list_rules.command("test")
@click.argument("folder", type=click.Path(file_okay=False), metavar="DIR")
def test_rules(folder: str) -> None:
    """Run the failing and passing examples of the rule files in DIR.

    Exits 0 when every example behaves, 1 naming each one that does not, 2 for a folder with no
    rule files or a rule file that cannot be used.
    """
    try:
        ran, bad = rule_tools.rule_folder_examples(folder)
    except RuleFileError as error:
        raise UsageProblem(f"rule file error: {error}") from None
    for item in bad:
        click.echo(item.describe())
    if bad:
        click.echo(f"{len(bad)} of {ran} examples do not behave")
        sys.exit(EXIT_FINDINGS)
    click.echo(f"all {ran} examples behave")


@main.command()
@click.argument("rule_name", metavar="RULE")
@click.option("--rules", "rule_folders", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Also look in this folder of rule files.")
def explain(rule_name: str, rule_folders) -> None:
    """Say why RULE (an id or a name) exists, with failing and passing examples."""
    rules = _rules(Config(), rule_folders)
    rule = next((r for r in rules if rule_name in (r.id, r.name) or r.id == rule_name.upper()), None)
    if rule is None:
        raise UsageProblem(f"no rule is called {rule_name!r} (see 'captioncheck rules')")
    lines = [f"{rule.id} {rule.name} ({rule.severity}, check: {rule.check}, file: {rule.source})", "",
             rule.why, "", "Fails:"]
    lines += [line for example in rule.fail_examples for line in _example_lines(example)]
    lines += ["", "Passes:"]
    lines += [line for example in rule.pass_examples for line in _example_lines(example)]
    click.echo("\n".join(lines))


def _example_lines(example) -> list[str]:
    """One example as `explain` shows it: its page, or each page of a run for a rule across pages."""
    context = f"   [context: {example.context}]" if example.context else ""
    if not example.pages:
        return [f"  {example.html.strip()}{context}"]
    pages = [f"    example-{number}.html: {html.strip()}" for number, html in enumerate(example.pages, 1)]
    return [f"  a run of {len(example.pages)} pages{context}", *pages]


@main.command()
@click.argument("name", type=click.Choice(SCHEMAS))
def schema(name: str) -> None:
    """Print a JSON Schema: the lint report, a rule file, the rules listing, or the extract page model."""
    text_of = resources.files("captioncheck").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    click.echo(text_of, nl=False)


EXIT_INTERRUPTED = 130  # as shells report a command ended by Ctrl-C


def run() -> None:
    """The console entry point: `main` with Ctrl-C and SIGTERM turned into a clear message.

    Report files are written atomically, so an interrupted run leaves the previous report or a
    complete new one, never half of one.
    """
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        main.main(standalone_mode=False)
    except click.exceptions.Abort:  # click turns Ctrl-C during its own prompts into Abort
        _interrupted()
    except KeyboardInterrupt:
        _interrupted()
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _interrupted() -> None:
    click.echo("captioncheck: interrupted; no report was written or changed", err=True)
    sys.exit(EXIT_INTERRUPTED)
