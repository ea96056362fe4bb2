"""Text measures: word counts that hold for languages written without spaces."""

import pytest

from captioncheck.extract.credits import looks_like_credit
from captioncheck.text import word_count


@pytest.mark.parametrize(("text", "words"), [
    (None, 0),
    ("", 0),
    ("Jane Doe - AP", 4),  # as str.split counts: every token
    ("Müller – Zürich", 3),
    ("서울에서 기자회견하는 대통령", 3),  # Korean puts spaces between words
    ("首相官邸で記者会見する首相＝共同", 8),  # 13 + 2 Han and kana: 7 + 1
    ("中国国家主席", 3),
    ("AP通信", 2),
    ("「東京」、大阪。", 2),  # punctuation is no word
    ("ภาพโดยรอยเตอร์", 4),  # Thai: one word for every four characters
])
def test_word_count(text, words):
    assert word_count(text) == words


def test_word_count_is_str_split_for_spaced_scripts():
    for text in ("Smoke rises over the plant. (REUTERS/Alexander Ermochenko)", "Flixtrain setzt auf Reisende.",
                 "Un Népalais prie à Katmandou.", "Δύο άνθρωποι περπατούν", "  spaced\tout\n text "):
        assert word_count(text) == len(text.split())


def test_word_count_is_linear():
    assert word_count("首相" * 200_000) == 200_000
    assert word_count("a " * 200_000) == 200_000


def test_a_japanese_caption_is_no_short_credit():
    """One space-free token, but a sentence of some eight words: not a name-like credit."""
    assert not looks_like_credit("首相官邸で記者会見する岸田首相と閣僚たち")
