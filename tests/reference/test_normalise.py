"""Postcode and name normalisation: the keys the loader stores and the lookups search."""

from __future__ import annotations

import pytest

from vigil.reference.normalise import (
    area_of,
    constituency_key,
    normalise_outcode,
    normalise_postcode,
    outcode_of,
    place_key,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mk401sq", "MK40 1SQ"),
        ("  MK40   1SQ ", "MK40 1SQ"),
        ("ec1a 1bb", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("m11ae", "M1 1AE"),
        ("bt1", "BT1"),
        ("MK9", "MK9"),
        ("SW1A", "SW1A"),
        ("", None),
        ("MK401", None),
        ("MK40 1S", None),
        ("12345", None),
        ("MK40-1SQ", None),
    ],
)
def test_normalise_postcode(text: str, expected: str | None) -> None:
    assert normalise_postcode(text) == expected


def test_outcode_helpers() -> None:
    assert outcode_of("mk40 1sq") == "MK40"
    assert outcode_of("eh1") == "EH1"
    assert outcode_of("nonsense") is None
    assert normalise_outcode("mk40") == "MK40"
    assert normalise_outcode("MK40 1SQ") is None
    assert area_of("MK40") == "MK"
    assert area_of("E1") == "E"
    assert area_of("bt12") == "BT"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Stoke-on-Trent", "STOKE ON TRENT"),
        ("Bishop's Stortford", "Bishops Stortford"),
        ("St. Helier", "st helier"),
        ("Bishop’s Stortford", "bishops stortford"),  # typographic apostrophe
        ("ＢＥＤＦＯＲＤ", "bedford"),  # full-width letters, via NFKC
    ],
)
def test_place_key_ignores_case_and_punctuation(a: str, b: str) -> None:
    assert place_key(a) == place_key(b)


def test_place_key_keeps_accents_and_has_no_empty_words() -> None:
    assert place_key("Ynys Môn") != place_key("Ynys Mon")
    assert place_key("  -- ") == ""


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("queens park & maida vale", "Queen's Park and Maida Vale"),
        ("Ynys Mon", "Ynys Môn"),
        ("HARBOROUGH OADBY AND WIGSTON", "Harborough, Oadby and Wigston"),
        ("Montgomeryshire and Glyndwr", "Montgomeryshire and Glyndŵr"),
    ],
)
def test_constituency_key_is_tolerant(typed: str, official: str) -> None:
    assert constituency_key(typed) == constituency_key(official)
