"""Decoding the scores into a caption and a credit (captioncheck.extract.decide): the named steps."""

from __future__ import annotations

from captioncheck.extract import extract_page

STORY = "<p>" + "The collection was shown in Paris on Tuesday, with a long list of looks and models. " * 3 + "</p>"


def _photo(figure: str):
    page = extract_page("page.html", f"<html><body><article><h1>Spring looks</h1>{STORY}{figure}{STORY}"
                                     f"</article></body></html>".encode())
    (photo,) = page.editorial
    return photo


def test_a_labelled_credit_in_the_pictures_block_is_its_credit_however_long():
    photo = _photo("""<figure><img src="/looks/look-01-1600.jpg" alt="A grey blazer" width="1600" height="1200">
        <figcaption><span class="caption">A grey blazer and a sheer dress, both from the spring line.</span>
        <span class="caption">Foto: Anna Berg. Styling: Tom Lutz. Haare: Ida Roth. Make-up: Lena Voss</span>
        </figcaption></figure>""")
    assert photo.caption == "A grey blazer and a sheer dress, both from the spring line."
    assert photo.credit == "Anna Berg. Styling: Tom Lutz. Haare: Ida Roth. Make-up: Lena Voss"


def test_the_pictures_own_credit_wins_over_a_credit_line_after_its_block():
    page = extract_page("page.html", f"""<html><body><article><h1>Spring looks</h1>{STORY}<div class="gallery">
        <figure><img src="/looks/look-02-1600.jpg" alt="A red coat" width="1600" height="1200">
        <figcaption>A red coat from the spring line.</figcaption></figure>
        <figure><img src="/looks/look-03-1600.jpg" alt="A blue suit" width="1600" height="1200">
        <figcaption>A blue suit from the spring line. Photo: Anna Berg</figcaption></figure>
        <p class="gallery-credit">Photos: Tom Lutz/Studio Example</p></div>{STORY}</article></body></html>""".encode())
    second = next(image for image in page.editorial if "look-03" in image.src)
    assert second.credit == "Anna Berg"  # not the gallery's line after its block
    assert second.evidence.credit_source.startswith("end of figcaption")


def test_the_captions_own_words_printed_again_are_no_credit():
    # A lightbox link repeats the figcaption in data-caption: one text, read twice, is no caption and credit.
    photo = _photo("""<figure><a href="/uploads/ana-pereira-3.jpg" data-caption="Ana Pereira">
        <img src="/uploads/ana-pereira-3-751x451.jpg" alt="" width="751" height="451"></a>
        <figcaption class="caption-text">Ana Pereira</figcaption></figure>""")
    assert photo.caption == "Ana Pereira"
    assert photo.credit is None
