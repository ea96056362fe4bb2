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
