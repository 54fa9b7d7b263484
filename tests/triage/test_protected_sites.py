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
