"""The extractors look for what every match contains before running their patterns; what they
find must be what the patterns alone find, on texts built to be near the edges."""

from __future__ import annotations

import random
import re

from vigil.triage import lexicon
from vigil.triage.stages import extract as ex

_PIECES = [
    "AB12 CDE",
    "ab12cde",
    "MA21XWP",
    "A123 BCD",
    "ABC 123D",
    "NIZ 4483",
    "AZ 12",
    "BIG 123",
    "KIZ 1234",
    "plate",
    "Plates are",
    "reg",
    "REG number is",
    "55 DFR",
    "DFR 55",
    "private plate 55 DFR",
    "reg: DFR 5",
    "MK40 1SQ",
    "mk40 1sq",
    "GH8 1XQ",
    "SW1A 1AA",
    "LS1",
    "A1",
    "M1",
    "at 10pm",
    "At 10",
    "10.30",
    "bob@example.com",
    "@handle_1",
    "x.com/@someone",
    "https://www.Example.com/a/",
    "www.site.org",
    "news.bbc.co.uk",
    "e.g.",
    "i.e",
    "3.5",
    "Mr.Smith",
    "://",
    "example.info",
    "-x.io",
    "white male",
    "Male, 30s",
    "a man aged 40",
    "woman in her 20s",
    "manager",
    "MEN",
    "bloke about 30",
    "Lad 17",
    "female",
    "Asian",
    "İ",
    "K",
    "ſ",
    ".",
    ",",
    " ",
    " ",
    "(",
    ")",
    "\n",
    "9",
    "Z",
    "q",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_PIECES) + rng.choice(["", " ", ", "]) for _ in range(rng.randint(0, 12)))
        for _ in range(n)
    ]


def _vehicles_unfiltered(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for m in ex._CURRENT.finditer(text):
        if ex._plausible_current(m.group(1), m.group(2)):
            found.append((m.start(), (m.group(1) + m.group(2)).upper()))
    for rx in (ex._PREFIX, ex._SUFFIX, ex._NI, ex._NI_THREE):
        for m in rx.finditer(text):
            if rx is ex._NI_THREE and m.group(1) in ex._NI_NOT:
                continue
            if rx is ex._NI and len(m.group(2)) < 3:
                continue
            if rx is ex._SUFFIX and m.group(1).lower() in lexicon.THREE_LETTER_WORDS:
                continue
            found.append((m.start(), m.group(1) + m.group(2)))
    for m in ex._DATELESS.finditer(text):
        letters = m.group(2) or m.group(3)
        if letters.lower() in lexicon.THREE_LETTER_WORDS or len(letters) + len(m.group(1) or m.group(4)) < 4:
            continue
        found.append((m.start(1) if m.group(1) else m.start(3), "".join(g for g in m.groups() if g)))
    found.sort()
    return ex._dedupe(reg for _, reg in found)


def test_prefilters_find_what_the_patterns_alone_find() -> None:
    anchor = re.compile(r"\b(?:male|female|man|woman|lad|bloke|men|women)\b", re.IGNORECASE)
    for text in _texts(4000, 11):
        assert ex.vehicles(text) == _vehicles_unfiltered(text), text
        assert ex.postcodes(text) == ex._dedupe(
            f"{m.group(1).upper()} {m.group(2).upper()}"
            for m in ex._POSTCODE.finditer(text)
            if (m.group(1).upper()[:2] if m.group(1)[1:2].isalpha() else m.group(1).upper()[:1])
            in lexicon.POSTCODE_AREAS
        ), text
        assert ex.emails(text) == ex._dedupe(
            (ex._strip_trailing(m.group(0)) for m in ex._EMAIL.finditer(text)), key_lower=True
        ), text
        if not ex._HAS_URL.search(text):
            assert not list(ex._URL.finditer(text)), text
        if "@" not in text:
            assert not list(ex._HANDLE.finditer(text)), text
        assert [m.span() for m in ex._PERSON_ANCHOR.finditer(text)] == [
            m.span() for m in anchor.finditer(text)
        ]


def test_prefilters_keep_the_examples() -> None:
    assert ex.vehicles("A grey Vauxhall MA21 XWP and NIZ 4483, private plate 55 DFR") == [
        "MA21XWP",
        "NIZ4483",
        "55DFR",
    ]
    assert ex.vehicles("seen at 10pm near the A1, no plate") == []
    assert ex.postcodes("outside MK40 1SQ") == ["MK40 1SQ"]
    assert ex.urls("see news.bbc.co.uk/x.") == ["news.bbc.co.uk/x"]
    assert ex.urls("It was late. Nobody came") == []
    assert ex.social_handles("no handles here") == []
    assert ex.emails("write to bob@example.com.") == ["bob@example.com"]
