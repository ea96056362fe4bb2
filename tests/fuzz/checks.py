"""What must hold for every input form: it is read, checked and reported without an exception
other than the clear errors each form has (a bad config or rule file is a usage error, exit 2),
and the JSON report validates against its schema. In-process: no subprocess per input."""

from __future__ import annotations

import io
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

import jsonschema

from captioncheck.engine import SelectionError, lint_page, select_rules
from captioncheck.engine.config import ConfigError, load
from captioncheck.engine.rules import RuleFileError, RuleTimeout, builtin_rules, load_rules
from captioncheck.pipeline import Settings, check
from captioncheck.report import Report, json_report
from captioncheck.sources import ArchivedAssets, Document, mhtml, read_bytes, warc
from captioncheck.sources.assets import asset_key
from captioncheck.sources.local import read_gzipped_page

RULESET = select_rules(builtin_rules())
SCHEMA = json.loads(resources.files("captioncheck").joinpath("schemas/report.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
MAX_BYTES = 5_000_000
# Files the config and rule forms must be written to: in memory where the system has it.
SCRATCH = Path(tempfile.mkdtemp(prefix="captioncheck-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
_SMALL_PAGE = Document("fuzz.html", b'<figure><img src="/a.jpg" alt="aaaa"><figcaption>aaaa REUTERS/Eva Manez'
                                    b"</figcaption></figure>")


def report_documents(documents, context: str | None, settings: Settings | None = None) -> None:
    """Check each document as `captioncheck lint` does and validate the JSON report."""
    settings = settings or Settings(context=context, report_unused=True)
    report = Report(tool={"name": "captioncheck", "version": "fuzz"}, context=context)
    for document in documents:
        report.add(check(document, settings))
    VALIDATOR.validate(json.loads(json_report.render(report)))


def check_html(data: bytes, context: str | None = None) -> None:
    report_documents([Document("fuzz.html", data)], context)


def check_gz(data: bytes, context: str | None = None) -> None:
    report_documents(read_bytes("fuzz.html.gz", data, MAX_BYTES), context)
    if len(data) % 16 == 0:  # now and then by file too: read_gzipped_page opens it itself
        path = SCRATCH / "page.html.gz"
        path.write_bytes(data)
        report_documents([read_gzipped_page(str(path), MAX_BYTES)], context)


def check_mhtml(data: bytes, context: str | None = None) -> None:
    report_documents([mhtml.read("fuzz.mhtml", data)], context)


def check_warc(data: bytes, context: str | None = None) -> None:
    report_documents(warc.read("fuzz.warc", lambda: io.BytesIO(data), MAX_BYTES), context)


def check_image(data: bytes, context: str | None = None) -> None:
    page = (b'<html><body><figure><img src="/photo.jpg" alt="A flooded street"><figcaption>A flooded street. '
            b"(REUTERS/Eva Manez)</figcaption></figure></body></html>")
    assets = ArchivedAssets({asset_key("/photo.jpg"): lambda: data}, None)
    report_documents([Document("fuzz.html", page, assets=assets)], context)


def check_config(form: tuple[str, bytes], context: str | None = None) -> None:
    suffix, data = form
    path = SCRATCH / ("setup.cfg" if suffix == ".cfg" else f"config{suffix}")
    path.write_bytes(data)
    try:
        config = load(path)
        settings = Settings.from_config(config)
        settings.ruleset()
        settings.skip_for("archive/2024/page.html")
    except (ConfigError, RuleFileError, SelectionError):
        return  # a clear usage error: exit code 2 with the file and key named
    report_documents([_SMALL_PAGE], config.context, settings)


def check_rules(data: bytes, context: str | None = None) -> None:
    folder = SCRATCH / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "fuzzed.yaml").write_bytes(data)
    try:
        rules = load_rules([str(folder)])
        ruleset = select_rules(rules)
    except (RuleFileError, SelectionError):
        return
    rule = next(rule for rule in rules if rule.source.endswith("fuzzed.yaml"))
    settings = Settings(context=context, rule_folders=(str(folder),), report_unused=True)
    try:
        report_documents([_SMALL_PAGE, *(Document("example.html", example.data)
                                         for example in rule.fail_examples + rule.pass_examples)], context, settings)
        for example in rule.fail_examples:
            lint_page(check_page_model(example.data), ruleset, example.context or context)
    except RuleTimeout:
        return  # a pattern too slow on a caption: a clear rule error naming the rule


def check_page_model(data: bytes):
    from captioncheck.extract import extract_page

    return extract_page("example.html", data)


CHECKS = {"html": check_html, "gz": check_gz, "mhtml": check_mhtml, "warc": check_warc, "image": check_image,
          "config": check_config, "rules": check_rules}
