"""Credit lines: found inside caption text, stripped of labels, split into agency parts."""

import pytest

from captioncheck.extract.credits import (
    credit_within,
    is_ad_label,
    is_reading_time,
    looks_like_credit,
    parse,
    slash_credit,
    split_caption,
    tidy,
)


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Smoke rises over the plant Wednesday April 20. (REUTERS/Alexander Ermochenko)",
         "Smoke rises over the plant Wednesday April 20.", "REUTERS/Alexander Ermochenko"),
        ("FILE PHOTO: Traders work on the floor, November 18, 2019. REUTERS/Brendan McDermid",
         "FILE PHOTO: Traders work on the floor, November 18, 2019.", "REUTERS/Brendan McDermid"),
        ("Protesters gather in the square. (AP Photo/Jane Doe, File)",
         "Protesters gather in the square.", "AP Photo/Jane Doe, File"),
        ("Riot police stand guard. Photo: Teo Marchetti/AFP via Getty Images",
         "Riot police stand guard.", "Teo Marchetti/AFP via Getty Images"),
        ("Boris Johnson (centre) in Downing Street (Image: GETTY)",
         "Boris Johnson (centre) in Downing Street", "GETTY"),
        ("Flixtrain setzt auf Reisende. Foto: Christoph Soeder/dpa",
         "Flixtrain setzt auf Reisende.", "Christoph Soeder/dpa"),
        ("Das Extrablatt warb für die AfD © Ivo Mayr / Correctiv",
         "Das Extrablatt warb für die AfD", "Ivo Mayr / Correctiv"),
        ("Scenes from the march | Jane Doe/EPA-EFE", "Scenes from the march", "Jane Doe/EPA-EFE"),
        ("A girl walks. (Photo by Jon Super/Xinhua via Getty) (Xinhua/Jon Super via Getty Images)",
         "A girl walks.", "Xinhua/Jon Super via Getty Images"),
        ("Smoke over the city Chris Ratcliffe/Bloomberg", "Smoke over the city", "Chris Ratcliffe/Bloomberg"),
        ("Un Népalais prie à Katmandou. (Photo Prakash Mathema. AFP)",
         "Un Népalais prie à Katmandou.", "Prakash Mathema. AFP"),
        ("An exoplanet, April 29, 2024. ESO/R. Haller/Handout vía REUTERS",
         "An exoplanet, April 29, 2024.", "ESO/R. Haller/Handout vía REUTERS"),
        ("PHOTOGRAPH COURTESY OF MONOTYPE", None, "MONOTYPE"),
        ("Sputnik/Mikhail Metzel/Pool vía REUTERS", None, "Sputnik/Mikhail Metzel/Pool vía REUTERS"),
    ],
)
def test_credit_is_split_off_the_caption(text, caption, credit):
    got_caption, raw = split_caption(text)
    assert (got_caption, tidy(raw)) == (caption, credit)


@pytest.mark.parametrize(
    "text",
    [
        "Dylann Roof is escorted in Shelby, N.C., on June 18, 2015.",
        "Premierenfahrt in Berlin (left) and Hamburg (right)",
        "We took a photo by the river near Credit Suisse's offices.",
        "The prime minister arrives on 4/20",
        "Workers at the AP plant in Pittsburgh, PA, on Monday.",
    ],
)
def test_caption_without_a_credit_keeps_every_word(text):
    assert split_caption(text) == (text, None)


def test_parse_names_agency_photographer_and_distributor():
    parts = parse("Photo: Teo Marchetti/AFP via Getty Images")
    assert (parts.label, parts.agency, parts.photographer, parts.via) == (
        "Photo:", "Getty Images", "Teo Marchetti", "Getty Images")
    reuters = parse("(REUTERS/Alexander Ermochenko)")
    assert (reuters.agency, reuters.photographer, reuters.via) == ("Reuters", "Alexander Ermochenko", None)
    assert parse("AP Photo/Jane Doe, File").photographer == "Jane Doe"
    assert parse("Handout via AP").photographer is None


def test_labels_are_not_part_of_the_credit():
    assert tidy("Image copyright EPA") == "EPA"
    assert tidy("(Image credit: Blue Origin)") == "Blue Origin"
    assert tidy("Credit...Mel Evans/Associated Press") == "Mel Evans/Associated Press"
    assert tidy("© Provided by The Guardian") == "The Guardian"
    assert tidy("Picture alliance/dpa") == "Picture alliance/dpa"


def test_a_bracketed_name_like_an_earlier_one_is_an_affiliation_not_a_credit():
    text = "Ben Osborn (Sheffield United) im Zweikampf mit Antony (Manchester United)"
    assert split_caption(text) == (text, None)
    assert split_caption("Osborn (left) with Antony (AP Photo/Jon Super)") == ("Osborn (left) with Antony",
                                                                               "AP Photo/Jon Super")


def test_credit_lines_printed_on_their_own_read_as_credits():
    from captioncheck.extract.credits import looks_like_credit

    assert looks_like_credit("Jessica Kourkounis for The Daily Example")  # a freelancer's credit
    assert looks_like_credit("(City Museum: Jane Doe)")  # who supplied it, who shot it
    assert not looks_like_credit("The council met on Tuesday for the first time since the flood.")


def test_a_short_last_sentence_is_no_credit_unless_it_names_one():
    assert split_caption("He said it was fine. Smith") == ("He said it was fine. Smith", None)
    assert split_caption("A man walks home. Le Monde") == ("A man walks home. Le Monde", None)


def test_initials_in_a_credit_are_not_sentence_ends():
    caption, raw = split_caption("Steep couloirs were skied on Saturday (Foto: U. Tischhauser, 15.01.2022).")
    assert (caption, tidy(raw)) == ("Steep couloirs were skied on Saturday", "U. Tischhauser, 15.01.2022")


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("首相官邸で記者会見する首相＝共同", "首相官邸で記者会見する首相", "共同"),
        ("倒壊した家屋の前を歩く住民＝ロイター", "倒壊した家屋の前を歩く住民", "ロイター"),
        ("倒壊した家屋＝13日、石川県輪島市、佐藤太郎撮影", "倒壊した家屋＝13日、石川県輪島市", "佐藤太郎撮影"),
        ("評価検討会＝１３日午後１０時３１分（代表撮影）", "評価検討会＝１３日午後１０時３１分", "代表撮影"),
        ("移送される容疑者＝13日、東京で（潟沼義樹撮影）", "移送される容疑者＝13日、東京で", "潟沼義樹撮影"),
        ("支援を表明する米大統領＝ＡＰ＝共同", "支援を表明する米大統領", "ＡＰ＝共同"),
        ("Smoke rises over the port in this screen grab from a video. Social media/via REUTERS",
         "Smoke rises over the port in this screen grab from a video.", "Social media/via REUTERS"),
        ("A helicopter drops supplies over Sarn on Tuesday, Pilar Anaya/via REUTERS",
         "A helicopter drops supplies over Sarn on Tuesday", "Pilar Anaya/via REUTERS"),
        ("The gym serves as a shelter. Photo: Mara Quist, mara.quist@paper.example",
         "The gym serves as a shelter.", "Mara Quist"),
        # A last clause that is a credit by itself: an agency alone, a name with a credit word.
        ("The lodge reopened after the fire. Supplied", "The lodge reopened after the fire.", "Supplied"),
        ("후보가 15일 순천시에서 연설하고 있다. 연합뉴스", "후보가 15일 순천시에서 연설하고 있다.", "연합뉴스"),
        ("후보가 유세하고 있다. 김민준 기자", "후보가 유세하고 있다.", "김민준 기자"),
        ("시절의 모습. [사진 출처 = 선거 캠프]", "시절의 모습.", "선거 캠프"),
        ("新型無線機を積んだパトカー（警視庁提供）", "新型無線機を積んだパトカー", "警視庁提供"),
        ("Kryžius prie bažnyčios / J. Petraitis / LRT nuotr.", "Kryžius prie bažnyčios", "J. Petraitis / LRT"),
        ("Y bác sĩ nội soi cho bệnh nhân. Ảnh: Bệnh viện cung cấp", "Y bác sĩ nội soi cho bệnh nhân.",
         "Bệnh viện cung cấp"),
        ("Анвар Ибрагим слушает рассказ. Фото: Иван Петров, Коммерсантъ", "Анвар Ибрагим слушает рассказ.",
         "Иван Петров, Коммерсантъ"),
        ("Der Hafen am Morgen Foto: Anna Berg. Styling: Tom Lutz. Haare: Ida Roth", "Der Hafen am Morgen",
         "Anna Berg. Styling: Tom Lutz. Haare: Ida Roth"),
        ("Hearings began on Monday. (Photo: UN Photo / Jan Berg. Courtesy of the Court)", "Hearings began on Monday.",
         "UN Photo / Jan Berg. Courtesy of the Court"),
        ("Учасники зустрічі у Києві. Джерело: Фундація DEJURE", "Учасники зустрічі у Києві.", "Фундація DEJURE"),
        ("Polizei-Razzia am Montag in La Soledat / Lorenzo Marina", "Polizei-Razzia am Montag in La Soledat",
         "Lorenzo Marina"),
    ],
)
def test_credit_shapes_of_other_newsrooms(text, caption, credit):
    got_caption, raw = split_caption(text)
    assert (got_caption, tidy(raw)) == (caption, credit)


@pytest.mark.parametrize("text", [
    "記者会見する首相＝13日、首相官邸",  # a date and a place after "＝" are no credit
    "避難所で炊き出しを受け取る人たち＝13日",
    "A caption | .",
    "A caption.  -",
])
def test_no_credit_where_none_is_printed(text):
    assert tidy(split_caption(text)[1]) is None


@pytest.mark.parametrize("credit", [".", "-", "|", "–", "2019", "Photo: -", "(.)"])
def test_a_credit_without_letters_is_no_credit(credit):
    assert tidy(credit) is None
    assert parse(credit) is None


@pytest.mark.parametrize("credit", ["Jane Doe, jane@paper.example", "Photo: Jane Doe (jane.doe@paper.example)",
                                    "Jane Doe <mailto:jane@paper.example>", "Jane Doe | jane+desk@paper.co.uk"])
def test_an_email_address_is_no_part_of_the_credit(credit):
    assert tidy(credit) == "Jane Doe"
    assert parse(credit).photographer == "Jane Doe"


@pytest.mark.parametrize("text", [
    "Advertisement", "ADVERTISEMENT", "- Advertisement -", "Advertisement:", "Anzeige", "[Anzeige]", "Publicidad",
    "Publicité", "PUBLICITÉ", "Werbung", "Pubblicità", "Reklame", "広告", "［広告］",
    "Story continues below advertisement",
])
def test_ad_labels(text):
    assert is_ad_label(text)


@pytest.mark.parametrize("text", [
    None, "", "-", "A new advertisement campaign on the bus shelter", "Photo: AdStock", "Werbung für Bier, 1958",
    "Anzeige erstattet", "Jane Doe/Reuters", "広告代理店の本社＝東京都港区",
])
def test_not_ad_labels(text):
    assert not is_ad_label(text)


@pytest.mark.parametrize("text", ["Lesezeit 5 Min.", "5 min read", "Reading time: 4 minutes", "3 min de lecture",
                                  "Tiempo de lectura: 6 min", "読了時間 3分"])
def test_reading_times(text):
    assert is_reading_time(text)


@pytest.mark.parametrize("text", ["Lesezeit", "Photo: Min Lee/Reuters", "A five-minute read of the report"])
def test_not_reading_times(text):
    assert not is_reading_time(text)


@pytest.mark.parametrize("text", ["REUTERS/Ana Silva", "AP Photo/J. Doe", "dpa/picture alliance",
                                  "/AFP via Getty Images", "Jane Doe /", "共同/ロイター"])
def test_slash_credits(text):
    assert slash_credit(text)


@pytest.mark.parametrize("text", ["Bis zu 50 MBit/s im Download", "120 km/h", "4/20", "24/7 service"])
def test_a_unit_or_a_date_is_no_slash_credit(text):
    assert not slash_credit(text)


@pytest.mark.parametrize("text", ["Rosa Delgado, USA TODAY", "Jane Doe, The Daily Example"])
def test_a_name_and_the_paper_it_is_for_looks_like_a_credit(text):
    assert looks_like_credit(text)


def test_a_place_is_no_credit_shape():
    assert not looks_like_credit("Paris, France")


@pytest.mark.parametrize(("text", "credit"), [
    ("Firefighters at the scene in Lismore. REUTERS/Jane Doe", "REUTERS/Jane Doe"),
    # The instructions an agency runs on after the credit are cut before the credit is read.
    ("Firefighters at the scene in Lismore. REUTERS/Jane Doe MANDATORY CREDIT. NO RESALES. NO ARCHIVES",
     "REUTERS/Jane Doe"),
    ("A diagram of the new bridge (Fig 2)", None),
    ("Watch: the flood from above (VIDEO)", None),
])
def test_the_credit_an_alt_or_title_carries(text, credit):
    assert credit_within(text) == credit
