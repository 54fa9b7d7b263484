"""Reports that target a protected person's premises or an upcoming surgery are linked and raised."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from vigil.triage import TriageContext, TriageInput, triage
from vigil.triage.schemas import Premises, ProtectedPerson, ScheduledEvent

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
OFFICE = Premises(name="Harpur Suite", kind="surgery_venue", lat=52.1368, lon=-0.4667)


def _mp(*, events: tuple[ScheduledEvent, ...] = ()) -> ProtectedPerson:
    return ProtectedPerson(
        id="17",
        name="Alex Example",
        role="MP",
        constituency="Bedford",
        force="bedfordshire",
        premises=(OFFICE,),
        events=events,
    )


def _triage(text: str, person: ProtectedPerson, pin: tuple[float, float] | None = None):  # type: ignore[no-untyped-def]
    return triage(
        TriageInput(text=text, submitted_at=NOW, pin=pin), context=TriageContext(protected_persons=[person])
    )


TEXT = (
    "Two men were filming the doors and the CCTV at the Harpur Suite and asking the staff when the MP comes."
)


def test_a_named_venue_wins_over_a_bare_mention_of_the_mp() -> None:
    result = _triage(TEXT, _mp())
    assert result.protected_person is not None
    assert result.protected_person.person_id == "17"
    assert "Harpur Suite" in result.protected_person.reason


def test_naming_the_venue_raises_urgency_with_the_reason() -> None:
    plain = triage(
        TriageInput(text=TEXT.replace("Harpur Suite", "Corn Exchange"), submitted_at=NOW),
        context=TriageContext(),
    )
    linked = _triage(TEXT, _mp())
    order = ["immediate", "high", "standard", "low"]
    assert order.index(linked.urgency.value) < order.index(plain.urgency.value)
    assert any("protected person's premises" in r for r in linked.reasons)


def test_an_upcoming_surgery_there_makes_it_at_least_high_and_says_when() -> None:
    surgery = ScheduledEvent(name="surgery", on=NOW.date() + timedelta(days=3), venue="Harpur Suite")
    result = _triage(TEXT, _mp(events=(surgery,)))
    assert result.urgency.value in {"high", "immediate"}
    assert any("in 3 days" in r for r in result.reasons)


def test_a_map_pin_beside_the_premises_links_the_person() -> None:
    text = "A man has been sitting in a car watching the entrance and writing in a notebook for an hour."
    near = _triage(text, _mp(), pin=(52.1370, -0.4665))
    far = _triage(text, _mp(), pin=(52.20, -0.30))
    assert near.protected_person is not None and near.protected_person.person_id == "17"
    assert "m from Harpur Suite" in near.protected_person.reason
    assert far.protected_person is None


def test_a_joke_or_an_irrelevant_report_is_not_raised() -> None:
    result = _triage("Lost property: I left my umbrella at the Harpur Suite after the quiz night.", _mp())
    assert result.category.value == "not_relevant"
    assert result.urgency.value == "low"


def test_past_surgeries_do_not_count() -> None:
    past = ScheduledEvent(name="surgery", on=date(2026, 2, 1), venue="Harpur Suite")
    result = _triage(TEXT, _mp(events=(past,)))
    assert not any("days" in r and "surgery" in r for r in result.reasons)


# --- an office holder named in full, and "the local MP" near a seat boundary ---------------


def test_a_member_of_the_senedd_named_in_full_is_an_ms_and_places_the_report() -> None:
    from tests.triage.fakes import FakeGeo  # noqa: PLC0415

    result = triage(
        TriageInput(
            text="I manage the office of the Member of the Senedd for Cardiff West. A man who says he drove "
            "down from Leeds keeps emailing that he will 'deal with' the MS at the next drop-in.",
            submitted_at=NOW,
        ),
        context=TriageContext(geo=FakeGeo()),
    )
    assert result.protected_person is not None
    assert result.protected_person.role == "MS"
    assert result.protected_person.constituency == "Cardiff West"
    assert "Cardiff West" not in result.entities.places  # the seat names the office holder
    assert result.force == "south-wales"  # the seat's town outweighs where the sender came from


def _boundary_context():  # type: ignore[no-untyped-def]
    from tests.triage.fakes import FakeConstituency, FakeGeo, FakeHit, FakePlace  # noqa: PLC0415

    north = FakeConstituency("Fellside and Lunedale", 54.19, -2.60, "lancashire")
    south = FakeConstituency("Dunmoor and Wyke", 53.94, -2.78, "lancashire")

    class Geo(FakeGeo):
        def constituency_at(self, lat: float, lon: float) -> FakeConstituency | None:
            return north if lat > 54.09 else south  # a generalised boundary north of the district

        def postcode(self, text: str) -> FakeHit | None:
            if text.upper().startswith("LA9 "):  # a district centroid just over the line
                return FakeHit(54.10, -2.67, "lancashire")
            if text.upper().startswith("LA8 "):  # one well inside the northern seat
                return FakeHit(54.30, -2.60, "lancashire")
            return super().postcode(text)

        def places(self, name: str, *, limit: int = 5) -> list[FakePlace]:
            if name.lower() == "dunmoor":
                return [FakePlace("Dunmoor", 54.05, -2.80, 47000, "lancashire")]
            return super().places(name, limit=limit)

        def constituency_by_name(self, name: str) -> FakeConstituency | None:
            return {c.name.lower(): c for c in (north, south)}.get(name.lower())

    persons = [
        ProtectedPerson(id="n", name="Kim Example", role="MP", constituency=north.name, force="lancashire"),
        ProtectedPerson(id="s", name="Lee Example", role="MP", constituency=south.name, force="lancashire"),
    ]
    return TriageContext(geo=Geo(), protected_persons=persons)


def test_the_local_mp_near_a_seat_boundary_takes_the_seat_of_the_town_named() -> None:
    ctx = _boundary_context()
    text = "Caller lives on the same lane as the local MP outside Dunmoor. A crowd is kicking the MP's gate. "
    near = triage(TriageInput(text=text + "LA9 1ZZ", submitted_at=NOW), context=ctx)
    assert near.protected_person is not None
    assert near.protected_person.constituency == "Dunmoor and Wyke"
    # far from that seat, the point's own seat stands
    far = triage(TriageInput(text=text + "LA8 1ZZ", submitted_at=NOW), context=ctx)
    assert far.protected_person is not None
    assert far.protected_person.constituency == "Fellside and Lunedale"
    # and with no town named, the seat at the point
    bare = "Caller lives on the same lane as the local MP. A crowd is kicking the MP's gate. LA9 1ZZ"
    plain = triage(TriageInput(text=bare, submitted_at=NOW), context=ctx)
    assert plain.protected_person is not None
    assert plain.protected_person.constituency == "Fellside and Lunedale"


def test_a_journalist_or_a_novelist_is_a_public_figure() -> None:
    for text in (
        "I'm a reporter on a local weekly paper and since my story ran someone keeps leaving notes on my car.",
        "I am a novelist and since my radio interview a man has emailed me forty times saying he'll find me.",
        "A freelance journalist I work with is being sent photos of her own front door.",
        "Amy, who presents the drivetime show, has had letters saying he watches her leave.",
    ):
        result = _triage(text, _mp())
        assert result.protected_person is not None, text
        assert result.protected_person.role == "public_figure"


def test_the_reporter_or_journalists_in_general_are_not_public_figures() -> None:
    for text in (
        "The reporter saw two men filming the gates of the depot; maybe journalists, not sure.",
        "No idea who the author is, but the post names a street and a time.",
    ):
        assert _triage(text, _mp()).protected_person is None, text
