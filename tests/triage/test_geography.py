"""Geolocation for places the gazetteer cannot place by name alone (rules-1.3.0): districts
named in constituency names, districts spelt like streets, a site named after another town,
sentence-opening words, and an office holder's seat outside the register. Reports here are
written fresh for these tests."""

from __future__ import annotations

from tests.triage.fakes import FakeConstituency, FakeForce, FakeGeo, FakeHit, FakePlace
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
    FakePlace("Christchurch", 50.74, -1.78, 31000, "dorset"),
    FakePlace("From", 51.23, -2.32, 26000, "avon-and-somerset"),  # an old name of Frome
    FakePlace("London", 51.51, -0.13, 8_900_000, "metropolitan"),
    FakePlace("Newport", 50.70, -1.29, 25000, "hampshire"),
    FakePlace("Newport", 52.77, -2.38, 12700, "west-mercia"),
    FakePlace("Brandon", 54.75, -1.62, 9500, "durham"),
    FakePlace("Brandon", 52.37, -1.41, 8400, "warwickshire"),
    FakePlace("Lakenheath", 52.42, 0.52, 4400, "suffolk"),
    FakePlace("Holyhead", 53.31, -4.63, 11400, "north-wales"),
    FakePlace("Chester", 53.19, -2.89, 90500, "cheshire"),
    FakePlace("Llanfair Wells", 52.24, -3.38, 5300, "dyfed-powys"),
    FakePlace("Birmingham", 52.48, -1.90, 1_150_000, "west-midlands"),
    FakePlace("Worcester", 52.19, -2.22, 101_000, "west-mercia"),
    FakePlace("Queens Park", 51.53, -0.21, 0, "metropolitan"),
    FakePlace("Swindon", 51.56, -1.78, 185_000, "wiltshire"),
    FakePlace("Townhill", 56.09, -3.44, 1200, "police-scotland"),
    FakePlace("Swansea", 51.62, -3.94, 240_000, "south-wales"),
    FakePlace("Exeter", 50.72, -3.53, 113_000, "devon-and-cornwall"),
    FakePlace("St Davids", 51.88, -5.27, 1800, "dyfed-powys"),
    FakePlace("Newark", 53.07, -0.82, 43_000, "nottinghamshire"),
    FakePlace("Cambridge", 52.20, 0.12, 130_000, "cambridgeshire"),
    FakePlace("Chesterton", 51.89, -1.19, 850, "thames-valley"),
    FakePlace("Hyde", 53.45, -2.08, 35_000, "greater-manchester"),
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
        found = sorted([*super().places(name, limit=limit), *extra], key=lambda p: -p.population)
        return found[:limit]

    def postcode(self, text: str) -> FakeHit | None:
        if text.upper().startswith("WR5"):
            return FakeHit(52.17, -2.20, "west-mercia")
        return super().postcode(text)

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


# rules-1.6.x: epithets, comparisons, county qualifiers, far namesakes, the reporter's own
# whereabouts, where the person reported lives, and postcode districts beside a town.


def test_a_place_used_as_an_attackers_epithet_does_not_vote() -> None:
    r = run("An account keeps posting clips that praise the Christchurch shooter as a hero.", ctx=_ctx())
    assert r.force is None
    assert "Christchurch" in r.entities.places
    r = run("a channel celebrating the christchurch mosque attacker, no idea where the owner is", ctx=_ctx())
    assert r.force is None


def test_a_place_named_for_a_new_event_still_votes() -> None:
    r = run("Someone shouted abuse at the imam outside the mosque in Christchurch this morning.", ctx=_ctx())
    assert r.force == "dorset"


def test_from_is_not_the_old_name_of_a_town() -> None:
    r = run("a page posting hateful memes, the comments say theyre from the uk somewhere", ctx=_ctx())
    assert r.force is None
    assert r.entities.places == []


def test_a_place_only_in_a_comparison_does_not_vote() -> None:
    r = run(
        "My son wants a game set in a pretend city that looks just like London. Should it be banned?",
        ctx=_ctx(),
    )
    assert r.force is None


def test_a_county_qualifier_picks_among_same_named_towns() -> None:
    r = run("My nephew in Newport on the Isle of Wight has started watching hate preachers.", ctx=_ctx())
    assert r.force == "hampshire"
    r = run("Stickers with a black sun were put up all over Newport, Shropshire last night.", ctx=_ctx())
    assert r.force == "west-mercia"
    r = run("Stickers with a black sun were put up all over Newport last night.", ctx=_ctx())
    assert r.force == "gwent"  # no qualifier: the biggest Newport


def test_a_namesake_far_from_everything_else_counts_less() -> None:
    r = run(
        "A man sat by the perimeter fence at RAF Lakenheath all day writing down the aircraft movements.",
        location_text="Brandon",
        ctx=_ctx(),
    )
    assert r.force == "suffolk"


def test_where_the_reporter_is_now_does_not_outvote_the_event() -> None:
    r = run(
        "While waiting to board at Holyhead I saw a man filming the check-in booths and the staff gate. "
        "I'm home in Chester now.",
        location_text="Chester",
        ctx=_ctx(),
    )
    assert r.force == "north-wales"
    r = run(
        "A man was filming the check-in booths at Holyhead yesterday.", location_text="Chester", ctx=_ctx()
    )
    assert r.force == "cheshire"  # without the text saying so, the location field still counts


def test_where_the_person_reported_lives_outweighs_a_city_he_visited() -> None:
    r = run(
        "My ex-partner, who lives in Llanfair Wells, keeps a pistol in his van. "
        "He said he bought it off a lad in Birmingham.",
        ctx=_ctx(),
    )
    assert r.force == "dyfed-powys"


def test_a_postcode_district_beside_a_town_votes() -> None:
    r = run(
        "My husband has started going to meetings in Birmingham with people from an online chat about "
        "'the day'. We are in Worcester, WR5.",
        ctx=_ctx(),
    )
    assert r.force == "west-mercia"


# --- rules-1.6.3: blind set K's classes of cause -------------------------------------------


def test_a_small_place_qualified_by_a_town_after_a_comma_is_in_that_town() -> None:
    r = run(
        "Somebody has dumped a cool box taped shut beside the bandstand at Queens Park, Swindon.", ctx=_ctx()
    )
    assert r.force == "wiltshire"


def test_a_place_qualified_once_is_the_same_place_wherever_it_is_named() -> None:
    r = run(
        "For a month stickers with a noose on them have been put on lamp posts all over Townhill, "
        "and last night one went on our front door in Townhill too.",
        location_text="Townhill, Swansea",
        ctx=_ctx(),
    )
    assert r.force == "south-wales"


def test_a_town_leading_a_run_of_names_wins_over_a_distant_namesake_inside_it() -> None:
    r = run("Left my bag check to the guard at Exeter St Davids and a man kept asking about it.", ctx=_ctx())
    assert r.force == "devon-and-cornwall"


def test_a_site_named_after_its_town_votes_for_that_town() -> None:
    r = run("A stall at the Newark Showground fair had crossbows for sale to anyone.", ctx=_ctx())
    assert r.force == "nottinghamshire"
    r = run(
        "A contractor at the Cambridge Business Park keeps talking about a rifle he built at home in Chesterton.",
        ctx=_ctx(),
    )
    assert r.force == "cambridgeshire"


def test_a_two_word_park_named_like_a_town_is_not_that_town() -> None:
    r = run("A man was filming the bandstand crowds in Hyde Park for an hour.", ctx=_ctx())
    assert r.force is None


def test_people_of_a_place_name_the_place() -> None:
    r = run("A post says the residents of Millbrook Green will 'get what is coming' on Friday.", ctx=_ctx())
    assert "Millbrook Green" in r.entities.places
    assert r.force == "metropolitan"


def test_a_scottish_road_number_and_scotland_itself_vote_for_police_scotland() -> None:
    assert run("A drone keeps hovering over the lay-by on the A861 by the pier.", ctx=_ctx()).force == (
        "police-scotland"
    )
    assert run("Someone sketched the doors of the Scottish Parliament for an hour.", ctx=_ctx()).force == (
        "police-scotland"
    )
    assert run("A van has been parked on the A6 near the bridge all week.", ctx=_ctx()).force is None
    assert run("Statement taken at New Scotland Yard after the march.", ctx=_ctx()).force is None


def test_a_postcode_is_not_a_road_number() -> None:
    r = run("Somebody threw a brick through the window of the shop, B77 2PJ.", ctx=_ctx())
    assert "B77" not in r.entities.places
