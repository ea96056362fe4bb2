"""Agency handling instructions: found in every language, cut out of the text, never confused
with file-photo labels."""

import pytest

from captioncheck.extract.restrictions import find, strip
from captioncheck.vocab import load


def codes(text):
    return [item.code for item in find(text)]


def test_reuters_third_party_run_is_cut_after_the_credit():
    text = ("(MARIUPOL CITY COUNCIL/via REUTERS  THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. "
            "MANDATORY CREDIT. NO RESALES. NO ARCHIVES.)")
    rest, found = strip(text, "credit")
    assert rest == "(MARIUPOL CITY COUNCIL/via REUTERS)"
    assert [r.code for r in found] == ["THIRD_PARTY", "MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"]
    assert {r.field for r in found} == {"credit"}


def test_instructions_straight_after_the_credit_with_no_punctuation():
    text = ("Press service/Handout via REUTERS ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A "
            "THIRD PARTY. DO NOT OBSCURE LOGO. NO RESALES. NO ARCHIVES.")
    rest, found = strip(text, "caption")
    assert rest == "Press service/Handout via REUTERS"
    assert [r.code for r in found] == ["THIRD_PARTY", "DESK_NOTE", "NO_RESALES", "NO_ARCHIVES"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ATENCIÓN EDITORES - ESTA IMAGEN FUE PROPORCIONADA POR UN TERCERO.", ["THIRD_PARTY"]),
        ("CRÉDITO OBLIGATORIO. SIN REVENTAS. SIN ARCHIVOS.", ["MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"]),
        ("CRÉDIT OBLIGATOIRE. PAS DE REVENTE. PAS D'ARCHIVES.", ["MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"]),
        ("PFLICHTNENNUNG. KEINE WEITERVERKÄUFE. KEINE ARCHIVIERUNG.",
         ["MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"]),
        ("CRÉDITO OBRIGATÓRIO. SEM REVENDAS. SEM ARQUIVOS.", ["MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"]),
        ("CREDITO OBBLIGATORIO. NESSUNA RIVENDITA. NESSUN ARCHIVIO.",
         ["MANDATORY_CREDIT", "NO_RESALES", "NO_ARCHIVES"]),
        ("EDITORIAL USE ONLY. NO SALES", ["EDITORIAL_USE_ONLY", "NO_SALES"]),
        ("Mandatory Credit: Photo by Jose Breton/NurPhoto/Shutterstock (16507315bs)", ["MANDATORY_CREDIT"]),
        ("KOEN VAN WEEL/AFP NETHERLANDS OUT", ["TERRITORY"]),
        ("JAPAN OUT. NO COMMERCIAL USE", ["TERRITORY", "NO_COMMERCIAL_USE"]),
        ("EMBARGOED UNTIL 2024-05-01 00:01 GMT", ["EMBARGOED"]),
        ("REUTERS/Ricardo Moraes ORG XMIT: AST101", ["DESK_NOTE"]),
        ('SEARCH "ORR MIGRANTS" FOR THIS STORY. TPX IMAGES OF THE DAY', ["DESK_NOTE", "DESK_NOTE"]),
        ("NO MAGAZINES. NO BOOKS", ["NO_MAGAZINES", "NO_BOOKS"]),
    ],
)
def test_instruction_phrases_in_six_languages(text, expected):
    assert codes(text) == expected


def test_file_photo_labels_and_prose_are_not_restrictions():
    for text in load().not_restrictions:
        assert codes(text) == [], text
    assert codes("Stores reported no sales on Sunday as the concert was sold out") == []
    assert codes("The library holds no archives from before the war") == []


def test_embargo_keeps_its_time_for_the_rule():
    (found,) = find("A rocket lifts off. EMBARGOED UNTIL 2024-05-01 00:01 GMT. NASA")
    assert found.text == "EMBARGOED UNTIL 2024-05-01 00:01 GMT"


def test_title_case_country_before_out():
    assert codes("Floods in Oita on Thursday. (Photo by STR / JIJI Press / AFP) / Japan OUT") == ["TERRITORY"]
    assert codes("The concert in Japan sold out within minutes") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('IMAGE USE RESTRICTED TO PROMOTION OF THE FILM "DUNE: PART TWO" ONLY', ["PROMOTION_ONLY"]),
        ("Warner Bros/Handout via REUTERS IMAGE USE RESTRICTED TO PROMOTION OF THE FILM ONLY. NO RESALES.",
         ["PROMOTION_ONLY", "NO_RESALES"]),
        ("FOR PROMOTIONAL USE ONLY", ["PROMOTION_ONLY"]),
        ("Netflix/Handout. For promotional use only", ["PROMOTION_ONLY"]),
        ("SOLO PARA USO PROMOCIONAL", ["PROMOTION_ONLY"]),
        ("NO MARKETING NO ADVERTISING CAMPAIGNS", ["NO_COMMERCIAL_USE"]),
        ("NOT FOR SALE FOR MARKETING OR ADVERTISING CAMPAIGNS", ["NO_COMMERCIAL_USE"]),
        ("NOT FOR SALE", ["NO_SALES"]),
        ("DISTRIBUTED AS A SERVICE TO CLIENTS", ["THIRD_PARTY"]),
    ],
)
def test_promotion_and_marketing_phrases(text, expected):
    assert codes(text) == expected


def test_afp_handout_block_is_one_instruction_each_and_is_cut():
    text = ('Floodwater around homes. RESTRICTED TO EDITORIAL USE - MANDATORY CREDIT "AFP PHOTO / ENVIRONMENT '
            'AGENCY" - NO MARKETING NO ADVERTISING CAMPAIGNS - DISTRIBUTED AS A SERVICE TO CLIENTS')
    rest, found = strip(text, "caption")
    assert rest == "Floodwater around homes."
    assert [(r.code, r.text) for r in found][2:] == [
        ("NO_COMMERCIAL_USE", "NO MARKETING NO ADVERTISING CAMPAIGNS"),
        ("THIRD_PARTY", "DISTRIBUTED AS A SERVICE TO CLIENTS"),
    ]


def test_promotion_only_forbids_selling_on_and_commercial_use():
    kinds = load().restriction_kinds
    assert set(kinds["PROMOTION_ONLY"].forbids) == {"syndication", "commercial"}
    assert "commercial" in kinds["NO_COMMERCIAL_USE"].forbids
    assert kinds["THIRD_PARTY"].forbids == ()


def test_prose_about_promotion_is_no_restriction():
    assert codes("The studio used the image to promote the film only in Europe") == []
    assert codes("It is use restricted to promotion of the city only, the mayor said") == []


def test_rule_schema_knows_every_restriction_code():
    import json

    from captioncheck.engine.rules import rule_schema

    text = json.dumps(rule_schema())
    for code in load().restriction_kinds:
        assert f'"{code}"' in text, code


def test_title_tooltip_is_searched_on_editorial_images():
    from captioncheck.extract import extract_page

    page = extract_page("page.html", (
        b'<figure><img src="/still.jpg" alt="An actor on a red carpet" title="Studio/Handout via REUTERS IMAGE '
        b'USE RESTRICTED TO PROMOTION OF THE FILM ONLY"><figcaption>The cast arrives at the premiere in Berlin. '
        b"REUTERS/Jane Doe</figcaption></figure>"))
    [image] = page.editorial
    assert [(r.code, r.field) for r in image.restrictions] == [("PROMOTION_ONLY", "title")]
    assert image.title.endswith("PROMOTION OF THE FILM ONLY")  # kept as printed


@pytest.mark.parametrize("text", ["Mandatory Credit: Photo by Jane Doe", "mandatory credit", "For editorial use only",
                                  "Crédito obligatorio", "sólo uso editorial", "For promotional purposes only"])
def test_any_case_phrases_pass_the_quick_test_in_any_case(text):
    assert load().restriction_hint.search(text)
    assert find(text)


def test_the_quick_test_lets_plain_captions_skip_the_phrases():
    assert not load().restriction_hint.search("Firefighters work at the scene on Monday. Photo: Jane Doe")


def test_an_any_case_phrase_must_be_written_in_capitals():
    from captioncheck.vocab import _restriction_hint

    with pytest.raises(ValueError, match="written in capitals"):
        _restriction_hint([{"code": "X", "any_case": {"en": [r"Mandatory\s+credit"]}}])
    hint = _restriction_hint([{"code": "X", "any_case": {"en": [r"MANDATORY\s+CREDIT\b"]}}])
    assert hint.search("a mandatory credit")


def test_an_upper_case_phrase_is_looked_for_only_where_its_anchor_is():
    from captioncheck.vocab import _anchor

    assert _anchor(r"NO\s+RE-?SALES?") == "SALE"  # optional parts and classes end a run
    assert _anchor(r"(?:ATTENTION\s+EDITORS\s*:?\s*)?THIS\s+(?:IMAGE|PHOTO)\s+BY\s+A\s+THIRD\s+PARTY") == "THIRD"
    assert _anchor(r"(?i:MANDATORY\s+CREDIT)") is None  # case-blind: its letters match more than themselves
    assert _anchor(r"NO\s+(?:ONLINE|INTERNET)\s+(?:USE|OUT)") is None  # "NO" is too short to skip anything
    assert not load().restriction_hint.search("NASA IMAGE of the Moon")  # capitals, but no phrase's anchor
    assert find("Handout. NO ONLINE USE")  # a phrase with no anchor is still looked for
    assert find("Handout. mandatory credit")
