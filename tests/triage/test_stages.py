"""Stage behaviour through the pipeline, with reports written in the style of the labelling guide."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.triage.helpers import SENT, context, run
from vigil.triage import triage
from vigil.triage.enums import Category, HateStrand, Urgency
from vigil.triage.schemas import TriageInput

# --- geolocate -----------------------------------------------------------------------------


def test_a_road_named_after_a_city_is_not_that_city() -> None:
    r = run("A man was filming the cameras and barriers at the office on Lincoln Road. PE1 2SN")
    assert "Lincoln Road" in r.entities.places
    assert "Lincoln" not in r.entities.places
    assert r.force == "cambridgeshire"
    assert r.location is not None and r.location.source == "postcode"


def test_an_ambiguous_town_follows_the_other_evidence() -> None:
    r = run("Someone sprayed graffiti on a wall in Bangor last night, near the road to Holywood.")
    assert r.force == "psni"
    assert r.ct_region == "NI"


def test_without_a_gazetteer_there_is_no_force_but_streets_are_still_listed() -> None:
    r = run("Two men shouted racist abuse at my dad on Holderness Road.", ctx=context(geo=False))
    assert r.force is None
    assert r.entities.places == ["Holderness Road"]


# --- protect -------------------------------------------------------------------------------


def test_the_mp_for_a_constituency_links_to_the_register() -> None:
    r = run("Someone posted that the MP for Bedford 'will pay' and that he knows where the office is.")
    assert r.protected_person is not None
    assert r.protected_person.person_id == "mp:1"
    assert r.protected_person.constituency == "Bedford"
    assert r.category == Category.THREAT_TO_PERSON
    assert r.force == "bedfordshire"


def test_a_surgery_venue_from_the_register_links_the_mp() -> None:
    r = run("A man asked staff at Kempston Library which room the surgery is in and which door they use.")
    assert r.protected_person is not None and r.protected_person.person_id == "mp:1"
    assert "Kempston Library" in r.protected_person.reason


def test_a_councillor_is_recorded_with_the_ward_and_the_ward_is_not_a_place() -> None:
    r = run("I am a councillor for Newport ward. Someone left a note saying 'we know where you sleep'.")
    assert r.protected_person is not None
    assert (r.protected_person.role, r.protected_person.constituency) == ("councillor", "Newport")
    assert "Newport" not in r.entities.places


def test_plural_mps_alone_is_not_a_protected_person() -> None:
    r = run("My neighbour keeps ranting that MPs are all corrupt. It is annoying but harmless.")
    assert r.protected_person is None


# --- classify --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Caller at the bus station reports a grey holdall under a bench, nobody with it for 20 mins. "
            "Caller is standing by the entrance.",
            Category.SUSPICIOUS_ITEM,
        ),
        (
            "A man in a car park was waving a machete at passers-by, right now, people running into shops.",
            Category.WEAPONS_EXPLOSIVES,
        ),
        (
            "My ex-partner is banging on the door shouting he will stab me, I can see a knife.",
            Category.THREAT_TO_PERSON,
        ),
        (
            "Two lads shouted homophobic abuse at me and my boyfriend and threw a can at us.",
            Category.HATE_INCIDENT,
        ),
        (
            "A man spent an hour filming the security gates and the cameras at the stadium and asked a steward "
            "what time the police shift changes.",
            Category.HOSTILE_RECONNAISSANCE,
        ),
        (
            "There is a channel at https://chat.example.org/c/x that posts nazi propaganda and videos of real attacks.",
            Category.EXTREMIST_CONTENT_ONLINE,
        ),
        (
            "I'm worried about my nephew, he has become obsessed with race war videos and has stopped seeing his "
            "friends. I want someone to help him.",
            Category.RADICALISATION_CONCERN,
        ),
        (
            "A customer withdrew all his savings in cash and asked how to send money to Turkey; his one-way flight "
            "is on Friday and he said he is going to help the brothers.",
            Category.SUSPICIOUS_FINANCE_TRAVEL,
        ),
        (
            "A man bought 12 pay as you go phones and SIM cards, paid cash and asked if they could be wiped remotely.",
            Category.SUSPICIOUS_BEHAVIOUR_OTHER,
        ),
        (
            "My neighbour's hedge blocks all the light to my garden. Is this something you can deal with?",
            Category.NOT_RELEVANT,
        ),
        (
            "Saw a lad loading bags of fertiliser at the merchants; he's a farmer with 200 acres, they spread it "
            "every spring.",
            Category.NOT_RELEVANT,
        ),
        ("I got a call saying I owe HMRC money and must pay in gift cards today.", Category.NOT_RELEVANT),
    ],
)
def test_categories(text: str, category: Category) -> None:
    assert run(text).category == category


def test_hate_strand_only_for_hate_incidents() -> None:
    hate = run("A woman in a hijab was told to 'go back to your mosque' and had a drink thrown at her.")
    assert (hate.category, hate.hate_strand) == (Category.HATE_INCIDENT, HateStrand.RELIGION)
    other = run("A rucksack has been left unattended on the platform for 30 mins, nobody with it.")
    assert other.hate_strand is None


def test_abuse_of_an_mp_without_a_threat_is_a_hate_incident_with_the_mp_set() -> None:
    r = run(
        "I work for the MP for Bedford. We keep getting anti-Muslim voicemails calling Muslims invaders. "
        "No threat of violence is made."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.protected_person is not None and r.protected_person.constituency == "Bedford"


def test_a_joke_about_an_mp_is_a_threat_at_low_urgency() -> None:
    r = run("My neighbour wrote that he'd strangle our MP with his bare hands over the bins 😂")
    assert (r.category, r.urgency) == (Category.THREAT_TO_PERSON, Urgency.LOW)


# --- score ---------------------------------------------------------------------------------


def test_an_item_the_reporter_has_left_is_high_not_immediate() -> None:
    r = run(
        "There was a suitcase left by the ticket barriers with nobody with it. I had to get my train so I "
        "don't know what happened after."
    )
    assert (r.category, r.urgency) == (Category.SUSPICIOUS_ITEM, Urgency.HIGH)


def test_a_dated_threat_is_high_and_says_when() -> None:
    r = run("He posted that the MP for Bedford 'won't be walking out' of the surgery on Saturday.")
    assert r.urgency == Urgency.HIGH
    assert any("names a date" in reason or "names a time" in reason for reason in r.reasons)
    assert 0.6 <= r.score <= 1.0


def test_old_events_and_not_relevant_are_low() -> None:
    assert (
        run("Back in 2019 a man at work used to say he supported IS. Just for your records.").urgency
        == Urgency.LOW
    )
    assert run("My wallet was lost in town, has anyone handed it in?").urgency == Urgency.LOW


def test_the_library_without_geography_and_without_an_index_still_works() -> None:
    ctx = context(geo=False)
    ctx.link_index = None
    r = triage(
        TriageInput(text="A bag left unattended at the station for 20 mins.", submitted_at=SENT), context=ctx
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.duplicate_of is None and r.related == []
    assert r.engine_version


def test_submission_time_must_be_aware_and_results_stay_utc() -> None:
    r = run("Tomorrow at 7pm he says he will be waiting outside the meeting for the MP for Bedford.")
    starts = [t.start for t in r.entities.times if t.start is not None]
    assert starts and all(s.utcoffset() == timedelta(0) for s in starts)


def test_reasons_come_in_the_same_order_whatever_the_hash_seed() -> None:
    """Signals are a set; reasons of equal weight must not follow its iteration order, which
    Python randomises per process (PYTHONHASHSEED): the same report, the same explanation."""
    import json  # noqa: PLC0415
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    script = (
        "import json, datetime as d\n"
        "from vigil.triage import triage\n"
        "from vigil.triage.schemas import TriageContext, TriageInput\n"
        "text = ('Last year my nephew, who lives with us, started watching extremist videos, '\n"
        "        'sharing far-right memes and saying he wants to join a militia. He has a machete.')\n"
        "r = triage(TriageInput(text=text, submitted_at=d.datetime(2026, 1, 5, tzinfo=d.UTC)), context=TriageContext())\n"
        "print(json.dumps(r.reasons))\n"
    )
    seen = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        out = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ | {"PYTHONHASHSEED": seed},
        )
        seen.add(tuple(json.loads(out.stdout)))
    assert len(seen) == 1, seen
    assert len(next(iter(seen))) >= 3  # several reasons, so their order is exercised
