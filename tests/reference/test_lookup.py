"""GeoLookup over the miniature directory: points, postcodes and names to forces."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import reference as fx
from vigil.reference.data import ReferenceData, load_reference
from vigil.reference.lookup import GeoLookup, PostcodeHit


@pytest.fixture
def geo(tmp_path: Path) -> GeoLookup:
    return GeoLookup(load_reference(fx.build(tmp_path)))


def test_force_at_finds_the_polygon_holding_the_point(geo: GeoLookup) -> None:
    east, west = geo.force_at(52.5, -0.5), geo.force_at(52.5, -1.5)

    assert east is not None
    assert (east.slug, east.ct_region) == ("bedfordshire", "CTPE")
    assert west is not None
    assert west.slug == "thames-valley"


def test_force_at_is_none_outside_every_polygon_unless_a_distance_is_allowed(geo: GeoLookup) -> None:
    just_east = (52.5, 0.01)  # about 0.7 km east of Bedfordshire's square

    assert geo.force_at(*just_east) is None
    assert geo.force_at(*just_east, within_km=0.5) is None
    nearby = geo.force_at(*just_east, within_km=2)
    assert nearby is not None
    assert nearby.slug == "bedfordshire"
    assert geo.force_at(55.0, -1.0, within_km=50) is None


def test_constituency_at(geo: GeoLookup) -> None:
    found = geo.constituency_at(52.5, -1.5)

    assert found is not None
    assert found.name == "Ynys Môn"
    assert geo.constituency_at(50.0, -1.5) is None


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("mk401sq", PostcodeHit("MK40 1SQ", "MK40", 52.13788, -0.47677, "bedfordshire", "outcode")),
        ("MK9", PostcodeHit("MK9", "MK9", 52.04067, -0.75544, "thames-valley", "outcode")),
        ("bt1 1aa", PostcodeHit("BT1 1AA", "BT1", None, None, "psni", "ni")),
        ("BT99 9ZZ", PostcodeHit("BT99 9ZZ", "BT99", None, None, "psni", "ni")),  # unlisted, still NI
        ("MK99 1AA", PostcodeHit("MK99 1AA", "MK99", None, None, "thames-valley", "area")),
        ("MK77", PostcodeHit("MK77", "MK77", None, None, "thames-valley", "area")),
        ("GY1 1AA", PostcodeHit("GY1 1AA", "GY1", None, None, None, "outcode")),  # Guernsey
    ],
)
def test_postcode_resolves_to_a_force(geo: GeoLookup, text: str, hit: PostcodeHit) -> None:
    assert geo.postcode(text) == hit


@pytest.mark.parametrize("text", ["ZZ9 9ZZ", "LU1", "not a postcode", ""])
def test_postcode_is_none_when_malformed_or_unknown(geo: GeoLookup, text: str) -> None:
    assert geo.postcode(text) is None


def test_places_match_name_and_alternate_names_most_populous_first(geo: GeoLookup) -> None:
    bangors = geo.places("bangor")

    assert [(p.force_slug, p.population) for p in bangors] == [
        ("bedfordshire", 5000),
        ("thames-valley", 1000),
    ]
    assert geo.places("BANGOR", limit=1) == bangors[:1]
    assert [p.name for p in geo.places("y drenewydd")] == ["Newtown"]
    assert [p.name for p in geo.places("Bangor on Dee")] == ["Bangor"]
    assert geo.places("St Helier")[0].force_slug is None
    assert geo.places("Atlantis") == []


def test_is_place_name_knows_geonames_and_os_names(geo: GeoLookup) -> None:
    assert geo.is_place_name("Newtown")
    assert geo.is_place_name("little snoring")
    assert geo.is_place_name("A' Chill")
    assert not geo.is_place_name("Suspicious")
    assert not geo.is_place_name("...")


def test_constituency_by_name_is_tolerant(geo: GeoLookup) -> None:
    found = geo.constituency_by_name("bedford and kempston")

    assert found is not None
    assert found.code == "E14000001"
    assert geo.constituency_by_name("Ynys Mon") == geo.constituency_by_name("YNYS MÔN")
    assert geo.constituency_by_name("Bedford") is None


def test_mp_for_constituency_by_name_or_code(geo: GeoLookup) -> None:
    by_name = geo.mp_for_constituency("Bedford & Kempston")

    assert by_name is not None
    assert by_name.name == "Ann Able"
    assert geo.mp_for_constituency("e14000002") == geo.mp_for_constituency("Ynys Môn")
    assert geo.mp_for_constituency("Nowhere") is None


def test_force_by_slug(geo: GeoLookup) -> None:
    btp = geo.force("btp")

    assert btp is not None
    assert btp.pfa_code == ""
    assert geo.force("scotland-yard") is None


def test_an_empty_reference_set_answers_none_rather_than_failing() -> None:
    geo = GeoLookup(ReferenceData(directory=Path("unused")))

    assert geo.force_at(52.5, -0.5, within_km=10) is None
    assert geo.postcode("MK40 1SQ") is None
    assert geo.places("Bangor") == []
    assert geo.mp_for_constituency("Bedford") is None
