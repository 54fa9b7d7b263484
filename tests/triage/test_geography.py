"""Geolocation for places the gazetteer cannot place by name alone (rules-1.3.0): districts
named in constituency names, districts spelt like streets, a site named after another town,
sentence-opening words, and an office holder's seat outside the register. Reports here are
written fresh for these tests."""

from __future__ import annotations

from tests.triage.fakes import FakeConstituency, FakeForce, FakeGeo, FakePlace
from tests.triage.helpers import run
from vigil.triage import InMemoryLinkIndex, TriageContext
from vigil.triage.districts import DistrictIndex, parts
from vigil.triage.enums import ProtectedRole
from vigil.triage.schemas import ProtectedPerson

_EXTRA = [
    FakePlace("Ashton", 53.49, -2.10, 45000, "greater-manchester"),
    FakePlace("Bristol", 51.455, -2.588, 430000, "avon-and-somerset"),
    FakePlace("Canonbury Hill", 51.54, -0.10, 12000, "metropolitan"),
    FakePlace("Over", 52.32, 0.01, 2800, "cambridgeshire"),
    FakePlace("Paisley", 55.83, -4.42, 77000, "police-scotland"),
]
_SEATS = {
    "kentford and millbrook green": FakeConstituency(
        "Kentford and Millbrook Green", 51.58, -0.19, "metropolitan"
    ),
    "millbrook north": FakeConstituency("Millbrook North", 53.0, -1.5, "derbyshire"),
    "millbrook south": FakeConstituency("Millbrook South", 51.6, -0.2, "metropolitan"),
}


class _Geo(FakeGeo):
    def places(self, name: str, *, limit: int = 5) -> list[FakePlace]:
        extra = [p for p in _EXTRA if p.name.lower() == name.lower()]
        return extra or super().places(name, limit=limit)

    def constituency_by_name(self, name: str) -> FakeConstituency | None:
        return _SEATS.get(name.lower()) or super().constituency_by_name(name)

    def force(self, slug: str) -> FakeForce | None:
        return FakeForce(slug, _REGIONS[slug]) if slug in _REGIONS else super().force(slug)


_REGIONS = {
    "metropolitan": "LONDON",
    "greater-manchester": "CTPNW",
    "avon-and-somerset": "CTPSW",
    "police-scotland": "SCOTLAND",
    "derbyshire": "CTPEM",
}


_MPS = [
    ProtectedPerson(
        id="mp:a", name="Sam Example", role=ProtectedRole.MP, constituency="Kentford and Millbrook Green"
    ),
    ProtectedPerson(id="mp:b", name="Jo Example", role=ProtectedRole.MP, constituency="Millbrook North"),
    ProtectedPerson(id="mp:c", name="Al Example", role=ProtectedRole.MP, constituency="Millbrook South"),
]


def _ctx() -> TriageContext:
    return TriageContext(geo=_Geo(), protected_persons=_MPS, link_index=InMemoryLinkIndex())


def test_constituency_names_split_into_districts() -> None:
    assert parts("Hackney North and Stoke Newington") == ["Hackney North", "Hackney", "Stoke Newington"]
    assert parts("Pontefract, Castleford and Knottingley") == ["Pontefract", "Castleford", "Knottingley"]


def test_a_district_shared_by_seats_in_two_forces_is_dropped() -> None:
    index = DistrictIndex(_Geo(), _MPS)
    kentford = index.get("Kentford")
    assert kentford is not None and kentford.force_slug == "metropolitan"
    assert index.get("Millbrook") is None  # Millbrook North (Derbyshire) vs Millbrook South (London)
    assert index.get("Millbrook North") is not None


def test_a_district_named_in_a_constituency_gets_that_force() -> None:
    r = run("Someone sprayed hateful graffiti on the shop shutters in Kentford overnight.", ctx=_ctx())
    assert r.force == "metropolitan"
    assert "Kentford" in r.entities.places


def test_a_district_spelt_like_a_street_gets_the_force() -> None:
    r = run("Swastikas were painted on the bus shelter on Millbrook Green this morning.", ctx=_ctx())
    assert r.force == "metropolitan"


def test_a_district_the_gazetteer_knows_is_not_taken_for_a_street() -> None:
    r = run("A man was photographing the police vans parked up at Canonbury Hill all afternoon.", ctx=_ctx())
    assert r.force == "metropolitan"


def test_a_site_named_after_one_town_in_another_goes_to_the_other() -> None:
    r = run(
        "A van full of gas bottles was parked at Ashton Court in Bristol overnight.",
        location_text="Ashton Court",
        ctx=_ctx(),
    )
    assert r.force == "avon-and-somerset"
    assert "Ashton Court" in r.entities.places


def test_a_word_opening_a_sentence_is_not_a_hamlet() -> None:
    r = run("Over the last fortnight somebody has left three notes under my door.", ctx=_ctx())
    assert r.force is None
    assert r.entities.places == []


def test_an_office_holders_seat_outside_the_register_places_the_report() -> None:
    r = run(
        "A man has waited outside the office of the MSP for Paisley Riverside three days running.", ctx=_ctx()
    )
    assert r.protected_person is not None
    assert r.force == "police-scotland"
