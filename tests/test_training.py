"""The evaluator, the training command and the fitted weights (captioncheck.evaluate, .train,
extract.weights). Hand-made pages only, except the last test, which refits the shipped weights
from the labelled corpus pages and skips cleanly where ../shared is not at hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from captioncheck import train
from captioncheck.evaluate import Label, caption_matches, credit_matches, score_page
from captioncheck.extract import decide_page, extract_page, signals
from captioncheck.extract.weights import Model, Weights, builtin
from tests.helpers import ROOT

STORY = "<p>" + "The council met on Tuesday to discuss the flood defences along the river. " * 3 + "</p>"
PAGE = f"""<html><body><header><img src="/logo.svg" alt="Daily Example" class="site-logo"></header>
<article><h1>Floods close the river road</h1>{STORY}
<figure><img src="/photos/flooded-street-1200.jpg" alt="A flooded street" width="1200" height="800">
<figcaption>Water covers the river road in Valencia on Wednesday. <span class="credit">REUTERS/Eva Manez</span>
</figcaption></figure>{STORY}{STORY}
<figure><img src="/photos/sandbags-1200.jpg" alt="" width="1200" height="800">
<figcaption>Volunteers fill sandbags by the bridge.</figcaption></figure>{STORY}</article>
<aside class="related"><a href="/other-story"><img src="/thumbs/other-story-150x100.jpg" alt="">
<h3>Another story</h3></a></aside>
</body></html>""".encode()


def _label(images: list[dict]) -> Label:
    return Label(Path("hand-made.json"), Path("hand-made.html"), "example.org", tuple(images), PAGE)


def test_scorer_matches_by_src_key_and_compares_normalised_texts():
    page = extract_page("hand-made.html", PAGE)
    label = _label([
        {"src_key": "flooded-street", "caption": "Water covers the river road in Valencia on Wednesday.",
         "credit": "REUTERS/Eva Manez"},
        {"src_key": "sandbags", "caption": "Volunteers fill sandbags by the bridge", "credit": None},
        {"src_key": "not-on-the-page", "caption": "A missing photo", "credit": "AP"},
    ])
    score = score_page(label, page)
    assert (score.labels, score.matched) == (3, 2)
    assert score.extracted == len(page.editorial) == 2  # the logo and the related-story card are not
    assert (score.captions_right, score.captions) == (2, 3)
    assert (score.credits_right, score.credits) == (1, 2)
    assert any("missed image not-on-the-page" in miss for miss in score.misses)


def test_text_comparisons_follow_the_labelling_guide():
    assert caption_matches("Water covers the road.", "water covers the road")
    assert not caption_matches("Water covers the road.", "Fire on the hill")
    assert credit_matches("Eva Manez/Reuters", "Photo: Eva Manez/Reuters")
    assert credit_matches("Eva Manez", "(Eva Manez)")
    assert not credit_matches("Eva Manez", "Eva Manez/Reuters via Getty Images and AFP")
    assert not credit_matches("AP", None)


def test_examples_align_candidates_with_the_label():
    label = _label([{"src_key": "flooded-street", "caption": "Water covers the river road in Valencia on Wednesday.",
                     "credit": "REUTERS/Eva Manez"}])
    examples = train.examples_of(label, train.read_page(label))
    assert sum(examples.answers["editorial"]) == 1  # the labelled photo; every other image is an example against
    assert len(examples.answers["editorial"]) >= 3
    assert sum(examples.answers["caption"]) >= 1 and sum(examples.answers["credit"]) >= 1
    assert set(examples.labelled["credit"].values()) == {True}


def test_fit_gives_weights_that_decide_the_page_it_learnt():
    label = _label([{"src_key": "flooded-street", "caption": "Water covers the river road in Valencia on Wednesday.",
                     "credit": "REUTERS/Eva Manez"},
                    {"src_key": "sandbags", "caption": "Volunteers fill sandbags by the bridge.", "credit": None}])
    page = train.read_page(label)
    model = train.fit(train.examples_of(label, page))
    assert set(model.editorial.weights) <= set(signals.IMAGE_SIGNALS)
    assert set(model.credit.weights) <= set(signals.CREDIT_SIGNALS)
    score = score_page(label, decide_page(page, model))
    assert (score.matched, score.extracted, score.captions_right, score.credits_right) == (2, 2, 2, 1)


def test_every_signal_extraction_emits_is_declared():
    page = train.read_page(_label([]))
    for image in page.images:
        assert set(image.signals) <= set(signals.IMAGE_SIGNALS), set(image.signals) - set(signals.IMAGE_SIGNALS)
        for text in image.texts:
            assert set(text.signals) <= set(signals.UNIT_SIGNALS), set(text.signals) - set(signals.UNIT_SIGNALS)


def test_weights_round_trip_and_explain_themselves():
    model = Model(Weights(-1.0, {"has_figcaption": 2.0, "ctx_related": -3.0}), Weights(0.0), Weights(0.5),
                  caption_threshold=0.4, about="hand-made")
    again = Model.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again == model
    scored = {"has_figcaption": 1.0, "ctx_related": 1.0}
    assert again.editorial.contributions(scored) == [("ctx_related", -3.0), ("has_figcaption", 2.0)]
    assert 0 < again.editorial.score(scored) < 0.5


def test_evidence_names_the_signals_and_where_caption_and_credit_came_from():
    page = extract_page("hand-made.html", PAGE)
    photo = next(image for image in page.images if "flooded-street" in image.src)
    logo = next(image for image in page.images if "logo" in image.src)
    assert photo.kind == "editorial" and photo.confidence >= 0.5
    assert photo.evidence.caption_source.startswith("figcaption, line")
    assert photo.evidence.credit_source.startswith("span.credit, line")
    assert logo.kind == "decorative" and logo.confidence < 0.5 and logo.reason
    assert all(isinstance(name, str) and isinstance(share, float) for name, share in photo.evidence.signals)


SHARED = ROOT.parent / "shared"


@pytest.mark.skipif(not (SHARED / "labels").is_dir() or not (SHARED / "corpus").is_dir(),
                    reason="needs ../shared/labels and ../shared/corpus")
def test_training_command_reproduces_the_shipped_weights(tmp_path):
    pytest.importorskip("sklearn")
    output = tmp_path / "weights.json"
    assert train.main(["--output", str(output)]) == 0
    fitted = json.loads(output.read_text(encoding="utf-8"))
    shipped = json.loads((ROOT / "rules" / "weights.json").read_text(encoding="utf-8"))
    assert fitted["about"] == shipped["about"]
    for decision in ("editorial", "caption", "credit"):
        assert fitted[decision]["weights"].keys() == shipped[decision]["weights"].keys(), decision
        for name, value in shipped[decision]["weights"].items():
            assert fitted[decision]["weights"][name] == pytest.approx(value, abs=1e-3), (decision, name)
    assert builtin().threshold == shipped["threshold"]


# Floors under the leave-one-publisher-out figures of benchmarks/README.md: a change that makes
# extraction worse on publishers it never saw fails here, not months later on a reader's page.
# The bars are 0.93, 90 % and 90 %; the figures stand at 0.938, 94.1 % and 92.4 %.
FLOORS = {"image_f1": 0.93, "caption_share": 0.92, "credit_share": 0.91}


@pytest.mark.skipif(not (SHARED / "labels").is_dir() or not (SHARED / "corpus").is_dir(),
                    reason="needs ../shared/labels and ../shared/corpus")
def test_leave_one_publisher_out_stays_above_its_floors():
    pytest.importorskip("sklearn")
    from captioncheck.evaluate import Score, labels_in

    pages = train.collect(labels_in(train.label_folders(), train.DEFAULT_CORPUS))
    held_out = Score()
    for _, label, page in train.held_out(pages, train.extra_pages()):
        held_out.add(score_page(label, page))
    for name, floor in FLOORS.items():
        assert getattr(held_out, name) >= floor, f"{name} {getattr(held_out, name):.3f} < {floor}: {held_out.line()}"


def test_a_fixture_stays_out_of_the_fits_that_leave_its_model_sites_out(tmp_path):
    (tmp_path / "harbour-gallery.html").write_bytes(PAGE)
    (tmp_path / "harbour-gallery.expect.yaml").write_text(
        "modelled_on: [Paper.Example, news.example]\npage: {}\neditorial:\n  - src: flooded-street\n",
        encoding="utf-8")
    (fixture,) = train.fixture_labels(tmp_path)
    assert fixture.modelled_on == ("paper.example", "news.example")
    assert train.modelled_on(fixture, "paper.example") and train.modelled_on(fixture, "news.example")
    assert train.modelled_on(fixture, "harbourgallery.example")  # its name's family, as before
    assert not train.modelled_on(fixture, "other.example")
