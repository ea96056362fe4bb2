"""Rules skip images extraction is not sure are editorial: --min-confidence, min_confidence in the
configuration, and a rule's own min_confidence (CC201 asks for 0.55)."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from captioncheck.cli import main
from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.config import ConfigError, load
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page

STORY = "<p>" + "The council met on Tuesday to discuss the flood defences along the river. " * 3 + "</p>"
# A story photo with neither caption nor credit: the highest rights risk, and a CC201 error.
PAGE = f"""<html><body><article><h1>Floods close the river road</h1>{STORY}
<figure><img src="/photos/flooded-street-1200.jpg" alt="A man wades through a flooded street in Valencia" width="1200"
height="800"></figure>
{STORY}{STORY}</article></body></html>""".encode()


def _cc201(page, min_confidence=0.5):
    rules = RuleSet(tuple((rule, rule.severity) for rule in builtin_rules() if rule.id == "CC201"))
    return [f for f in lint_page(page, rules, min_confidence=min_confidence).findings if f.rule_id == "CC201"]


def test_an_uncaptioned_uncredited_story_photo_is_a_credit_missing_error():
    page = extract_page("page.html", PAGE)
    photo = page.editorial[0]
    assert photo.caption is None and photo.credit is None and photo.confidence >= 0.55
    (finding,) = _cc201(page)
    assert finding.severity == "error" and finding.message.startswith("uncaptioned photo has no credit")


def test_doubtful_images_are_skipped_by_the_rule_and_by_the_run():
    page = extract_page("page.html", PAGE)
    doubtful = dataclasses.replace(page, images=tuple(dataclasses.replace(image, confidence=0.54)
                                                      for image in page.images))
    assert not _cc201(doubtful)  # CC201 asks for 0.55 itself
    assert _cc201(page, min_confidence=0.5)
    assert not _cc201(page, min_confidence=1.0)


def test_min_confidence_on_the_command_line(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    runner = CliRunner()
    assert "CC201" in runner.invoke(main, ["lint", str(path)]).output
    quiet = runner.invoke(main, ["lint", "--min-confidence", "1", str(path)])
    assert quiet.exit_code == 0 and "CC201" not in quiet.output
    bad = runner.invoke(main, ["lint", "--min-confidence", "2", str(path)])
    assert bad.exit_code == 2


def test_min_confidence_in_configuration_files(tmp_path):
    yaml_file = tmp_path / ".captioncheck.yaml"
    yaml_file.write_text("min_confidence: 0.8\n")
    assert load(yaml_file).min_confidence == 0.8
    ini = tmp_path / "setup.cfg"
    ini.write_text("[captioncheck]\nmin_confidence = 0.6\n")
    assert load(ini).min_confidence == 0.6
    yaml_file.write_text("min_confidence: lots\n")
    with pytest.raises(ConfigError, match=r"\.captioncheck\.yaml: min_confidence: 'lots'"):
        load(yaml_file)
