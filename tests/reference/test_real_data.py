"""The loader and lookups against the real reference data in ../shared/data/reference.

Skipped, with the reason, where that directory is not beside the checkout (it is not part
of the repository).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.reference.data import ReferenceData, load_reference
from vigil.reference.lookup import GeoLookup

REFERENCE_DIR = Path(__file__).parents[2].parent / "shared" / "data" / "reference"

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    if not REFERENCE_DIR.is_dir():
        pytest.skip(f"real reference data not found at {REFERENCE_DIR}")
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="module")
def geo(data: ReferenceData) -> GeoLookup:
    return GeoLookup(data)


def test_the_real_data_loads_without_bad_rows(data: ReferenceData) -> None:
    assert [str(error) for error in data.errors] == []


def test_the_real_data_is_complete(data: ReferenceData) -> None:
    assert len(data.forces) == 46
    assert len(data.forces_by_pfa) == 45
    assert len(data.force_polygons) == 45  # every territorial force has an area
    assert len(data.mps) == 650
    assert len(data.constituencies) == 650
    assert len(data.constituency_polygons) == 650
    assert len(data.places) == 5950
    assert len(data.place_names) > 30_000
    assert len(data.threat_levels) == 23
    assert {"police-scotland", "psni", "btp", "thames-valley"} <= data.forces.keys()


@pytest.mark.parametrize(
    ("postcode", "force", "source"),
    [
        ("MK40 1SQ", "bedfordshire", "outcode"),  # Bedford
        ("mk9", "thames-valley", "outcode"),  # Milton Keynes
        ("BT1", "psni", "ni"),
        ("BT7 1NN", "psni", "ni"),
        ("EH1", "police-scotland", "outcode"),
        ("CF10 1EP", "south-wales", "outcode"),
        ("SW1A 0AA", "metropolitan", "outcode"),
        ("EC2V 7HH", "city-of-london", "outcode"),
    ],
)
def test_postcodes_route_to_the_right_force(geo: GeoLookup, postcode: str, force: str, source: str) -> None:
    hit = geo.postcode(postcode)

    assert hit is not None
    assert (hit.force_slug, hit.source) == (force, source)


def test_a_point_in_central_cardiff_is_south_wales_in_ctp_wales(geo: GeoLookup) -> None:
    force = geo.force_at(51.4816, -3.1791)

    assert force is not None
    assert (force.slug, force.ct_region) == ("south-wales", "CTPW")


@pytest.mark.parametrize(
    ("lat", "lon", "force"),
    [
        (51.5007, -0.1246, "metropolitan"),  # Westminster
        (51.5138, -0.0984, "city-of-london"),  # St Paul's
        (53.4794, -2.2453, "greater-manchester"),
        (55.9533, -3.1883, "police-scotland"),
        (54.5973, -5.9301, "psni"),  # Belfast
        (52.1359, -0.4667, "bedfordshire"),
    ],
)
def test_points_fall_in_the_right_force(geo: GeoLookup, lat: float, lon: float, force: str) -> None:
    found = geo.force_at(lat, lon)

    assert found is not None
    assert found.slug == force


def test_every_place_is_in_its_own_force_allowing_for_generalised_coasts(
    data: ReferenceData, geo: GeoLookup
) -> None:
    wrong = [
        (place.name, place.force_slug)
        for place in data.places
        if place.force_slug is not None
        and getattr(geo.force_at(place.lat, place.lon, within_km=5), "slug", None) != place.force_slug
    ]

    assert wrong == []


def test_there_are_two_bangors(geo: GeoLookup) -> None:
    assert {place.force_slug for place in geo.places("Bangor")} == {"psni", "north-wales"}


def test_place_names_include_os_villages(geo: GeoLookup) -> None:
    assert geo.is_place_name("Little Snoring")
    assert geo.is_place_name("bedford")
    assert not geo.is_place_name("suspicious package")


def test_constituency_bedford_has_an_mp_in_bedfordshire(geo: GeoLookup) -> None:
    mp = geo.mp_for_constituency("Bedford")

    assert mp is not None
    assert (mp.force_slug, mp.ct_region, mp.constituency_code) == ("bedfordshire", "CTPE", "E14001084")


def test_constituency_names_are_found_however_they_are_typed(geo: GeoLookup) -> None:
    assert geo.constituency_by_name("queens park & maida vale") is not None
    assert geo.constituency_by_name("Ynys Mon") is not None
    assert len({geo.constituency_by_name(c.name) for c in geo.data.constituencies.values()}) == 650


def test_a_constituency_centroid_lies_in_that_constituency_or_close_to_it(
    data: ReferenceData, geo: GeoLookup
) -> None:
    # Centroids of coastal or crescent-shaped seats can fall outside them; most do not.
    inside = sum(
        1
        for c in data.constituencies.values()
        if getattr(geo.constituency_at(c.lat, c.lon), "code", None) == c.code
    )

    assert inside > 600
