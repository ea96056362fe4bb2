"""Credit lines: find one inside caption text, strip its label, split it into its parts.

Credits are almost always the last clause of a caption, often in parentheses, in one of a few
shapes: ``(AP Photo/Name)``, ``... 2019. REUTERS/Name``, ``Photo: Name/AFP via Getty Images``,
``Caption | Name/EPA``, ``© Name``. Agency names come from ``rules/vocab/agencies.yaml`` and
labels from ``rules/vocab/credit-labels.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from captioncheck.extract import restrictions
from captioncheck.model import CreditParts
from captioncheck.text import clean, word_count
from captioncheck.vocab import load

_TRAILING_GROUP = re.compile(r"\s*[(\[（［【]\s*([^()\[\]（）［］【】]{1,160}?)\s*[)\]）］】][\s.。]*$")
# Where a reader would see a new clause start: after a sentence, a dash, a pipe, wide spacing.
_BOUNDARY = re.compile(r"(?:[.!?…][\"”’']?\s+|\s+[|–—]\s+|\s+-\s+|\s{2,}|^)")
# A weaker boundary, tried only where no clause boundary gives a credit: "…on Monday, Name/via REUTERS".
_COMMA = re.compile(r",\s+")
_PIPE = re.compile(r"^(?P<caption>.*\S)\s+[|]\s+(?P<credit>[^|]{2,100})$")
# Credits that begin with the agency: "REUTERS/Name", "AP Photo/Name", "EPA-EFE/NAME".
_AGENCY_FIRST = re.compile(r"(?:\bREUTERS|\bAP Photo|\bEPA(?:-EFE)?|\bAFP PHOTO|\bXinhua)\s*/\s*\S")
_VIA = re.compile(r"\bv[ií]a\s+(.+)$", re.IGNORECASE)
_POSITION_WORDS = frozenset({
    "l", "r", "c", "l-r", "r-l", "left", "right", "centre", "center", "top", "bottom", "above", "below",
    "front", "back", "file", "pictured", "inset", "main", "second", "third", "first",
})
_CONNECTORS = frozenset({
    "of", "via", "for", "the", "and", "de", "del", "da", "di", "van", "von", "der", "den", "al", "el", "la",
    "le", "du", "y", "e", "&",
})
# Bracketed notes that name the kind of picture, not who made it.
_NOT_CREDITS = frozenset({"file photo", "file pic", "file picture", "file image", "file", "representative image",
                          "representational image", "archive photo", "archive picture", "photo", "image", "picture",
                          "illustration", "graphic", "pictured", "handout photo", "photo d'archives",
                          "photo d’archives", "foto de archivo", "imagen de archivo", "archivbild", "archivfoto",
                          "foto d'archivio", "foto de arquivo"})
_CREDIT_NOUNS = frozenset({"illustration", "illustrations", "photo", "photos", "photograph", "photographs",
                           "graphic", "graphics", "courtesy", "handout", "pool", "staff", "images", "photography"})
_NAME_WORD = re.compile(r"^[\w.'’&-]+$")
_SENTENCE = re.compile(r"(?<!\b[A-Z])[.!?]\s+\S")  # "U. Tischhauser" is an initial, not a sentence end
# A copyright sign, also in brackets and in fullwidth forms ("(c)", "（Ｃ）"): one definition for
# every reading of it (a label's end, a credit's start, a credit signal).
COPYRIGHT_SIGN = r"(?:©|[（(]\s*[cＣｃ]\s*[）)])"
_STRONG_LABEL = re.compile(rf"(?:[:…]|\.\.\.|\bby|\bof|{COPYRIGHT_SIGN})\s*$", re.IGNORECASE)
_BARE_LABEL = re.compile(r"^(?:Photos?|Fotos?|Photograph|Credit|Crédit|Image|Bild)\s+[A-ZÀ-Þ]")
_WORD_START = re.compile(r"(?:^|\s+)(?=\S)")


def is_label(text: str) -> bool:
    """Nothing but a credit label: "Credit...", "Photo:", "©"."""
    match = load().label_pattern.match(text)
    return bool(match) and not text[match.end():].strip(" .:…")


def strip_label(text: str) -> tuple[str | None, str]:
    """Split off a leading label ("Photo:", "Credit...", "©") and outer brackets."""
    body = text.strip()
    label = None
    for _ in range(2):  # "(Photo: X)" and "Photo: (X)" both occur
        if len(body) > 2 and body[0] in "([" and body[-1] in ")]" and _balanced(body[1:-1]):
            body = body[1:-1].strip()
        match = load().label_pattern.match(body)
        if match and match.end() < len(body):
            label = clean(match.group()) if label is None else label
            body = body[match.end() :].strip()
    return label, body.strip(" \t-–—|:;,")


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += char in "(["
        depth -= char in ")]"
        if depth < 0:
            return False
    return depth == 0


# Around an ad label: spacing, dashes, bars, colons, brackets, dots ("- ADVERTISEMENT -", "[Anzeige]").
_AD_LABEL_EDGES = " \t\n\r\f\u00a0-–—|:;·•.,()[]{}<>«»\"'“”‘’*"


def is_ad_label(text: str | None) -> bool:
    """An ad slot's label ("Advertisement", "Anzeige", "Publicité", "広告"): neither caption nor
    credit. The words are data: ad_labels in rules/vocab/credit-labels.yaml."""
    if not text or len(text) > 60:
        return False
    label = " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(_AD_LABEL_EDGES)
    return label in load().ad_labels


def is_reading_time(text: str | None) -> bool:
    """A story's reading time ("5 min read", "Lesezeit 5 Min."): page furniture, neither caption
    nor credit. The phrases are data: reading_time in rules/vocab/credit-labels.yaml."""
    if not text or len(text) > 40 or not any(char.isdigit() for char in text):
        return False
    return load().reading_time.search(unicodedata.normalize("NFKC", text)) is not None


# Name/Source, both sides words ("REUTERS/Ana Silva", "dpa/picture alliance", "AP Photo/J. Doe"),
# not a unit ("MBit/s", "km/h") or a date ("4/20").
_SLASH_CREDIT = re.compile(r"[^\W\d_]{2,}\.?\s*/\s*(?:[^\W\d_]{2,}|[^\W\d_]\.)")


def slash_credit(text: str) -> bool:
    """Two names around a slash, or one half of a credit split at its slash ("/AFP via Getty Images")."""
    text = text.strip()
    return _has_slash_credit(text) or text.startswith("/") or text.endswith("/")


def _has_slash_credit(text: str) -> bool:
    # The pattern opens with a class of letters, which re tries at every position; most texts
    # hold no slash for it to find.
    return "/" in text and _SLASH_CREDIT.search(text) is not None


@lru_cache(maxsize=16384)
def mentions_agency(text: str) -> bool:
    """Does the text name an agency or a picture service that is a credit by itself?"""
    vocabulary = load()
    return vocabulary.any_agency.search(text) is not None or vocabulary.credit_source.search(text) is not None


def says_credit(text: str) -> bool:
    """A credit beyond doubt: a label, ©, an agency, or a Name/Source form."""
    text = text.strip().strip("()[]")
    return bool(load().label_pattern.match(text) or "©" in text or mentions_agency(text)
                or " via " in text or _has_slash_credit(text))


def has_credit_suffix(text: str) -> bool:
    """A short text that ends with a word that makes it a credit: "고영권 기자", "警視庁提供"."""
    text = unicodedata.normalize("NFKC", text).strip()
    return len(text) <= 50 and load().credit_suffix.search(text) is not None and len(text) > 2


@lru_cache(maxsize=16384)
def looks_like_credit(text: str) -> bool:
    """Could this short text be a credit line rather than words of a caption?"""
    text = text.strip()
    if not text or len(text) > 160 or text.casefold().strip(" .") in _NOT_CREDITS:
        return False
    if has_credit_suffix(text):
        return True
    head, colon, tail = text.strip("()[]").partition(": ")
    if colon and ":" not in tail and _name_like(head) and _name_like(tail):
        return True  # "City Museum: Jane Doe", "Daily Example: Jane Doe": who supplied it, who shot it
    name, works_for, paper = text.strip("()[]").partition(" for ")
    if works_for and _person_name(name) and _name_like(paper) and paper[:1].isupper():
        return True  # "Jane Doe for The Daily Example": a freelance photographer's credit
    name, comma, paper = text.strip("()[]").partition(", ")
    if comma and "," not in paper and _person_name(name) and _name_like(paper) and paper[:1].isupper():
        return True  # "Jane Doe, The Daily Example": the photographer, then whom the photo is for
    if _BARE_LABEL.match(text) and len(text) <= 80:
        return True  # "(Photo Prakash Mathema. AFP)"
    if _SENTENCE.search(text):
        return False
    if load().label_pattern.match(text) or text.startswith("©"):
        return True
    if mentions_agency(text) or " via " in text or slash_credit(text.replace("://", "")):
        return True
    words = text.split()
    count = word_count(text)  # a Japanese caption is many words, not one
    if count <= 12 and not _SENTENCE.search(text) and _CREDIT_NOUNS & {w.strip(";,.").casefold() for w in words}:
        return True  # "(Washington Post illustration; Maryland Transit Administration)"
    if count > 6 or text.casefold() in _POSITION_WORDS:
        return False
    # A short name-like phrase: "Getty Images", "Daily Example Staff", "NASA".
    return all(
        _NAME_WORD.match(word) and (word[0].isupper() or word[0].isdigit() or word.casefold() in _CONNECTORS)
        for word in words
    ) and any(word[0].isupper() for word in words)


def _person_name(text: str) -> bool:
    """Two to four capitalised words, initials allowed: "Lorenzo Marina", "J. M. Pérez"."""
    words = text.strip(" .").split()
    return 2 <= len(words) <= 4 and all(word[:1].isupper() and _NAME_WORD.match(word) for word in words)


def _name_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and all(
        _NAME_WORD.match(word) and (word[0].isupper() or word.casefold() in _CONNECTORS) for word in words)


def _trailing_groups(text: str) -> tuple[str, list[str]]:
    """Peel credit-like bracket groups off the end: "(Photo by A/AFP) (A/AFP via Getty Images)"."""
    groups = []
    while True:
        match = _TRAILING_GROUP.search(text)
        if not match or not (looks_like_credit(match.group(1)) or _labelled_group(match.group(1))):
            return text, groups
        if not groups and _parallel_group(text[: match.start()], match.group(1)):
            return text, groups  # "Osborn (Sheffield United) with Antony (Manchester United)": a team
        if not groups and _named_before(text[: match.start()], match.group(1)):
            return text, groups  # "... a press conference in Jerusalem, May 21. (Jerusalem)": the place
        groups.insert(0, match.group(1))
        text = text[: match.start()]


_ANY_GROUP = re.compile(r"[(（]([^()（）]{1,80})[)）]")


def _parallel_group(before: str, group: str) -> bool:
    """The caption brackets another name the same way earlier: the last group is an affiliation
    like the first (a team, a party, a country), not a credit, unless it says it is one."""
    return not says_credit(group) and any(looks_like_credit(other) and not says_credit(other)
                                          for other in _ANY_GROUP.findall(before))


def _named_before(before: str, group: str) -> bool:
    """The group repeats words the caption already said (the story's place line), and does not
    say it is a credit."""
    words = group.split()
    return len(words) <= 3 and not says_credit(group) and re.search(
        r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", before) is not None


def _labelled_group(text: str) -> bool:
    """A bracketed group that opens with a strong label and reads as credits, sentences and all:
    "(Photo: UN Photo / ICJ-CIJ / Frank van Beek. Courtesy of the ICJ)"."""
    match = load().label_pattern.match(text)
    return bool(match and _STRONG_LABEL.search(match.group()) and _few_prose_words(text[match.end():]))


# A crew list after a photo credit: "Foto: A. Styling: B. Haare: C." Each part opens with a label.
_CREW_PART = re.compile(r"^[\w\-–]{2,20}(?:\s[\w\-–]{2,20})?\s*:\s*\S")


def _crew_list(tail: str) -> bool:
    parts = [part.strip() for part in re.split(r"(?<=[.;])\s+", tail) if part.strip()]
    return len(parts) > 1 and all(_CREW_PART.match(part) for part in parts) and len(tail) <= 300


def _labelled_tail(text: str) -> tuple[str, str] | None:
    """'Caption. Photo: Name/AP' -> ('Caption.', 'Photo: Name/AP').

    The label must start a word in capitals ("a photo by the river" is prose), and what follows
    it must read as one short credit.
    """
    pattern = load().label_pattern
    found = None
    for space in reversed(list(_WORD_START.finditer(text, max(0, len(text) - 150)))):
        start = space.end()
        if found is None and not (text[start].isupper() or text[start] == "©"):
            continue  # before a label is found, only a word in capitals can open one
        tail = text[start:]
        match = pattern.match(tail)
        if found is not None:
            # A longer label that ends where the found one starts: "PHOTOGRAPH COURTESY OF".
            if match and start + match.end() >= found[0]:
                found = (start, tail)
                continue
            break
        if not match or not _STRONG_LABEL.search(match.group()):
            continue  # a bare "Credit" reads as prose here: "Credit Suisse's offices"
        if text[:start].rstrip().upper().endswith("FILE"):
            continue  # "FILE PHOTO: A gull on a lamp post" opens a caption; it credits no one
        credit = tail[match.end():]
        if match.end() < len(tail) and (
                (len(tail) <= 130 and not _SENTENCE.search(tail) and _few_prose_words(credit)) or _crew_list(tail)):
            found = (start, tail)
    return (text[: found[0]], found[1]) if found else None


def _agency_tail(text: str) -> tuple[str, str] | None:
    """'... 2019. REUTERS/Name' or '... in Kyiv. Name/AFP via Getty Images'."""
    starts = [match.start() for match in _AGENCY_FIRST.finditer(text)] if "/" in text else []  # each form has its slash
    if starts and len(text) - starts[-1] <= 90:
        return text[: starts[-1]], text[starts[-1] :]
    if not mentions_agency(text[-100:]):
        return None
    for boundaries in (_BOUNDARY, _COMMA):
        best = None  # the longest tail that still reads as a credit: "ESO/R. Haller/Handout via REUTERS"
        for boundary in reversed(list(boundaries.finditer(text))):
            tail = text[boundary.end() :]
            if len(tail) > 100:
                break
            if ("/" in tail or " via " in tail) and mentions_agency(tail) and _name_like_head(tail):
                best = (text[: boundary.end()], tail)
        if best:
            return best
    return _name_run_before_slash(text)


def _few_prose_words(text: str) -> bool:
    """A credit is names: at most two lower-case words that are not connectors or agencies."""
    prose = [word for word in text.split() if word[:1].islower() and word.casefold() not in _CONNECTORS
             and not mentions_agency(word)]
    return len(prose) <= 2


_VIA_AGENCY_END = re.compile(r"\bv[ií]a\s+\S+(?:\s+\S+)?$", re.IGNORECASE)


def _name_like_head(tail: str) -> bool:
    """The words before the first slash are names, not prose: 'Jane Doe/AFP', 'Photo by Jo/AP'.

    No sentence end inside, and no comma but the credit's own: 'Monday, Jane Doe/via REUTERS'
    credits Jane Doe, and a shorter tail starts there. A handout's short source may hold a lower-case word: 'Social
    media/via REUTERS'."""
    head = re.split(r"/|\s+v[ií]a\s+", tail, maxsplit=1)[0]
    if _SENTENCE.search(head) or ("," in head and not _comma_in_credit(head)):
        return False
    words = head.split()
    lower = [word for word in words if not (word[:1].isupper() or word.casefold() in _CONNECTORS or word == "by")]
    if not lower:
        return True
    return (word_count(head) <= 3 and words[0][:1].isupper() and len(lower) < len(words)
            and _VIA_AGENCY_END.search(tail) is not None)


def _comma_in_credit(head: str) -> bool:
    """A comma a credit prints itself: 'Photo: Meg Kinnard, AP', 'Jane Doe, Pool'."""
    after = head.rpartition(",")[2].strip()
    return bool(load().label_pattern.match(head) or mentions_agency(after) or after.casefold() in _ROLE_WORDS)


def _name_run_before_slash(text: str) -> tuple[str, str] | None:
    """'Smoke over the city Chris Ratcliffe/Bloomberg': the capitalised words before the slash."""
    slash = text.rfind("/")
    if slash < 0 or len(text) - slash > 60:
        return None
    words = text[:slash].split(" ")
    start = len(words)
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    if start == len(words) or start == 0:
        return None
    head = " ".join(words[:start])
    tail = text[len(head) :].strip()
    return (head, tail) if mentions_agency(tail) else None


_FULLWIDTH_GROUP = re.compile(r"[（(]([^（）()]{1,40})[）)]\s*$")


def _equals_tail(text: str) -> tuple[str, str] | None:
    """Japanese papers end a caption with "＝" and the credit: '首相官邸で＝共同', '…＝ロイター',
    '…＝13日、輪島市、佐藤太郎撮影', '…＝13日（代表撮影）', 'ＡＰ＝共同' (AP's photo through Kyodo).
    Dates and places follow "＝" too, so what follows is a credit only where it reads as one."""
    head, mark, tail = text.rpartition("＝")
    if not mark or len(tail) > 60:
        return None
    group = _FULLWIDTH_GROUP.search(tail)
    if group and _japanese_credit(group.group(1)):
        return text[: len(head) + 1 + group.start()], group.group(1)
    last = tail.rpartition("、")[2].strip()
    if not _japanese_credit(last):
        return None
    credit, caption = last, text[: len(text) - len(tail.rstrip()) + tail.rstrip().rfind(last)]
    while last == tail.strip() and "＝" in head:  # 'ＡＰ＝共同': the agency and the distributor
        before, _, last = head.rpartition("＝")
        if not _japanese_credit(last):
            break
        credit, caption, tail, head = f"{last}＝{credit}", f"{before}＝", last, before
    return caption.rstrip(" 、＝"), credit


# A copyright sign opens a credit wherever it stands, spaced or not: scripts written without
# spaces print it straight after the caption ("…石川（Ｃ）共同通信社").
_COPYRIGHT_SIGN = re.compile(COPYRIGHT_SIGN + r"(?=\s*\S)", re.IGNORECASE)


def _copyright_tail(text: str) -> tuple[str, str] | None:
    signs = list(_COPYRIGHT_SIGN.finditer(text, max(0, len(text) - 80)))
    if not signs:
        return None
    start, end = signs[-1].span()
    head, tail = text[:start], text[start:]
    # A plain "(c)" can be a list's third item ("(a) stay, (b) go or (c) wait"): it opens a credit
    # after a closed sentence, or before what reads as a name.
    if text[start] == "(" and not (_CLAUSE_CLOSED.search(head) or looks_like_credit(text[end:].strip())):
        return None
    if not head.strip() or len(tail) > 60 or len(tail.split()) > 6:
        return None
    return head, tail


_CLAUSE_CLOSED = re.compile(r"[.!?。」）)]\s*$")


def _japanese_credit(text: str) -> bool:
    text = unicodedata.normalize("NFKC", text).strip()
    return 0 < len(text) <= 40 and load().equals_credit.search(text) is not None


# Where a caption's last clause starts: after a sentence (also "。"), a dash, a bar or a spaced slash.
_LAST_CLAUSE = re.compile(r"(?:[.!?…。][\"”’']?\s*|\s+[|/–—-]\s+)(?=\S)")


def _source_tail(text: str) -> tuple[str, str] | None:
    """A last clause that is a credit by itself: '… after the fire. Supplied', '… 있다. 연합뉴스',
    '… 유세하고 있다. 고영권 기자': an agency or picture service alone, or a name with a credit word."""
    starts = [match.end() for match in _LAST_CLAUSE.finditer(text, max(0, len(text) - 60))]
    for start in starts:
        tail = text[start:].strip()
        if not tail or len(tail) > 50 or not _has_letters(tail) or len(tail.split()) > 6:
            continue
        if has_credit_suffix(tail) or (mentions_agency(tail) and looks_like_credit(tail)
                                       or load().credit_source.fullmatch(tail.strip(" .")) is not None):
            return text[:start], tail
        if text[:start].rstrip().endswith("/") and _person_name(tail):
            return text[:start], tail  # "… in Palma / Lorenzo Marina": the photographer after a spaced slash
    return None


@lru_cache(maxsize=4096)  # alt texts and captions repeat across an image's copies and a page's galleries
def split_caption(text: str | None) -> tuple[str | None, str | None]:
    """Split caption text into (caption, credit); the credit keeps its label and brackets."""
    if not text:
        return None, None
    rest, groups = _trailing_groups(text)
    if groups:
        return clean(rest), groups[-1]
    for finder in (_equals_tail, _copyright_tail, _labelled_tail, _pipe_tail, _agency_tail, _source_tail):
        found = finder(text)
        if found:
            caption, credit = found
            if not _has_letters(credit):
                continue  # ". " or " - " ending a caption credits no one
            if _labelled_whole(caption.rstrip(" ;,|")):
                return None, clean(text)  # "Photo illustration: A/Axios; Photo: B/Getty Images"
            return clean(caption.rstrip(" |/–—-,")), clean(credit)
    return clean(text), None


def credit_within(text: str) -> str | None:
    """The credit an alt or title text carries at its end, its instructions cut first (agencies run
    them on after the credit); None unless what ends the text says it is a credit: alts end in
    "(VIDEO)" or "(Fig 2)" too."""
    stripped, _ = restrictions.strip(text, "alt")
    credit = split_caption(stripped)[1]
    return credit if credit and says_credit(credit) else None


def _labelled_whole(text: str) -> bool:
    """The text is itself one labelled credit: what a credit split off its end leaves of a compound credit."""
    match = load().label_pattern.match(text)
    return bool(match and _STRONG_LABEL.search(match.group()) and match.end() < len(text)
                and len(text) <= 100 and _few_prose_words(text[match.end():]))


def _pipe_tail(text: str) -> tuple[str, str] | None:
    match = _PIPE.match(text)
    if match and looks_like_credit(match.group("credit")):
        return match.group("caption"), match.group("credit")
    return None


# An e-mail address printed beside the name ("Jane Doe, jane@paper.example") is no part of it.
_EMAIL = re.compile(r"\s*[(<\[]?\s*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[)>\]]?")


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _body(credit: str) -> tuple[str | None, str]:
    """The label and the credit's words: no brackets, no e-mail address, no bare punctuation."""
    label, body = strip_label(credit)
    if "@" in body:
        body = _EMAIL.sub(" ", body).strip(" \t-–—|:;,/")
    suffix = load().credit_suffix.search(body)
    if suffix and suffix.group("strip") and suffix.start() > 0:
        body = body[: suffix.start()].strip(" \t-–—|:;,/")  # "J. Doe / Radio nuotr.": the radio's photo
    return label, body.strip(" /") if _has_letters(body) else ""


def tidy(credit: str | None) -> str | None:
    """A credit as printed without its label and outer brackets: what the model calls `credit`."""
    if not credit:
        return None
    return clean(_body(credit)[1])


def parse(raw: str | None) -> CreditParts | None:
    if not raw:
        return None
    label, body = _body(raw)
    if not body:
        return None  # "-", ".", "|": a credit with no letters credits no one
    agency = next((a.name for a in load().agencies if a.mentions.search(body)), None)
    via_match = _VIA.search(body)
    via = clean(via_match.group(1)) if via_match else None
    return CreditParts(
        raw=clean(raw) or raw,
        label=label,
        agency=agency,
        photographer=_photographer(body, agency),
        via=via,
    )


def _photographer(body: str, agency: str | None) -> str | None:
    body = re.sub(r"^(?:Mandatory Credit:\s*)?(?:Photo(?: Illustration)?\s+by\s+)", "", body, flags=re.I)
    match = re.match(r"(?:REUTERS|AP Photo|EPA(?:-EFE)?|AFP PHOTO|©\s*AFP|AFP|Xinhua)\s*/\s*([^/,]+)", body)
    if match:
        name = re.split(r"\s+v[ií]a\s+", match.group(1))[0].strip()
        return None if name.casefold() in _ROLE_WORDS else name
    segments = [part.strip() for part in re.split(r"\s*/\s*|\s+-\s+|\s+v[ií]a\s+", body) if part.strip()]
    if agency is None:
        return body if len(segments) == 1 and _person_like(body) else None
    people = [
        part for part in segments
        if not mentions_agency(part) and part.casefold() not in _ROLE_WORDS and _person_like(part)
    ]
    return people[0] if people else None


_ROLE_WORDS = frozenset(
    ("handout", "pool", "pool photo", "staff", "stringer", "str", "file", "file photo", "contributor", "stf")
)


def _person_like(text: str) -> bool:
    # Capitalised words between spaces: scripts without spaces have no capitals to read either,
    # so this count stays str.split's.
    words = text.replace(",", " ").split()
    return 1 < len(words) <= 5 and all(word[:1].isupper() for word in words if word.casefold() not in _CONNECTORS)
