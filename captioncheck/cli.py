"""The ``captioncheck`` command: wires options to sources, extraction, the engine and reports."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import click

from captioncheck import __version__
from captioncheck.engine import SelectionError, lint_page, select_rules
from captioncheck.engine.config import Config, ConfigError, discover
from captioncheck.engine.config import load as load_config
from captioncheck.engine.rules import Rule, RuleFileError, load_rules
from captioncheck.extract import extract_page
from captioncheck.model import Page
from captioncheck.report import SEVERITY_RANK, Report, json_report, text
from captioncheck.sources import Document, expand
from captioncheck.vocab import load as load_vocab

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMATS = {"text": text.render, "json": json_report.render}
SCHEMAS = ("report", "rule", "page")


class UsageProblem(click.ClickException):
    """A usage, configuration or rule-file problem: exit 2 (click's ClickException exits 1)."""

    exit_code = EXIT_USAGE

    def format_message(self) -> str:
        return self.message


def page_of(document: Document) -> Page:
    if document.data is None:
        return Page(path=document.name, errors=(document.error or "cannot read the file",), unreadable=True)
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
      captioncheck explain CC301           why a rule exists, with examples

    Exit codes: 0 clean, 1 findings at the failing severity (or unreadable input for
    extract), 2 a usage, configuration or rule-file error.
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


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text for people, json for programs (schema: 'captioncheck schema report').")
@click.option("--context", help="Where the pages are published: archive, syndication, commercial, magazine, "
                                "book. Restrictions that forbid it become errors (CC302).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: ids, id prefixes (CC3) or names, comma-separated; repeatable.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Never these rules; same forms as --select.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the run fail (exit 1). Default: error.")
@click.option("--rules", "rule_folders", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="A folder of your own rule files (YAML); repeatable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Configuration file; default: .captioncheck.yaml, setup.cfg [captioncheck] or "
                   "pyproject.toml [tool.captioncheck], found from here upward.")
def lint(paths, output_format, context, select, ignore, fail_on, rule_folders, config_path) -> None:
    """Check the photos on saved pages and report what a photo desk must fix.

    PATH is an HTML file, a folder (walked for .html/.htm files) or - for standard input.

    \b
    Examples:
      captioncheck lint page.html
      captioncheck lint --context archive --format json site/ > report.json
      captioncheck lint --select CC3 --fail-on warning articles/
    """
    config = _config(config_path)
    context = context or config.context
    known = load_vocab().contexts
    if context and context not in known:
        raise UsageProblem(f"unknown context {context!r}: use one of {', '.join(known)}")
    try:
        ruleset = select_rules(_rules(config, rule_folders), select=_split(select) or config.select,
                               ignore=(*config.ignore, *_split(ignore)), severity=config.severity)
    except SelectionError as error:
        raise UsageProblem(str(error)) from None
    report = Report(tool=tool_info(), context=context)
    for document in expand(list(paths)):
        page = page_of(document)
        report.files += 1
        report.editorial_images += len(page.editorial)
        report.findings.extend(lint_page(page, ruleset, context))
    sys.stdout.write(FORMATS[output_format](report))
    threshold = SEVERITY_RANK[fail_on or config.fail_on or "error"]
    failed = any(SEVERITY_RANK[finding.severity] >= threshold for finding in report.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@main.command("rules")
@click.option("--rules", "rule_folders", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Also list the rules in this folder; repeatable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Configuration file whose rule folders and severities to show.")
def list_rules(rule_folders, config_path) -> None:
    """List the rules: id, name, severity and what each checks."""
    config = _config(config_path)
    for rule in _rules(config, rule_folders):
        level = next((v for k, v in config.severity.items() if k in (rule.id, rule.name)), rule.severity)
        click.echo(f"{rule.id}  {rule.name:30s} {level:8s} {rule.summary}")


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
    lines += [f"  {example.html.strip()}" + (f"   [context: {example.context}]" if example.context else "")
              for example in rule.fail_examples]
    lines += ["", "Passes:"]
    lines += [f"  {example.html.strip()}" + (f"   [context: {example.context}]" if example.context else "")
              for example in rule.pass_examples]
    click.echo("\n".join(lines))


@main.command()
@click.argument("name", type=click.Choice(SCHEMAS))
def schema(name: str) -> None:
    """Print a JSON Schema: the lint report, a rule file, or the extract page model."""
    text_of = resources.files("captioncheck").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    click.echo(text_of, nl=False)
