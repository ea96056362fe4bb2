"""Property test: whatever a page holds, extraction and every rule return normally and the JSON
report validates against its schema. Quick here (CI); tests/fuzz/run_long.py runs it for longer."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from captioncheck.engine import lint_page, select_rules
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page
from captioncheck.report import Report, json_report
from tests.fuzz.checks import CHECKS
from tests.fuzz.strategies import FORMS, pages

RULESET = select_rules(builtin_rules())
SCHEMA = json.loads(resources.files("captioncheck").joinpath("schemas/report.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def check_page(data: bytes, context: str | None = None) -> None:
    page = extract_page("fuzz.html", data)
    report = Report(tool={"name": "captioncheck", "version": "fuzz"}, context=context, files=1,
                    editorial_images=len(page.editorial))
    result = lint_page(page, RULESET, context, report_unused=True)
    report.findings.extend(result.findings)
    VALIDATOR.validate(json.loads(json_report.render(report)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_any_page_extracts_lints_and_reports_valid_json(data):
    check_page(data, "archive")


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_input_form_is_read_checked_and_reported(form):
    # A few inputs of each form here; tests/fuzz/run_long.py runs many more.
    @settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(FORMS[form]())
    def holds(value):
        CHECKS[form](value, "archive")

    holds()
