"""rules-1.7.1: general families found from blind sets O and P's gaps, tested on sentences
written fresh for these tests (none copied from O or P).

* the safety net for present danger: a report that no category cue placed but that describes
  danger to people now is never `not_relevant` (people chased or gone for, a vehicle driven at
  people, fuel spread where people are shut in, a leaking container or one carried by a drone,
  something washed up that people are handling); the category follows the guide (an item is
  `suspicious_item`, an attack on someone the attacker knows `threat_to_person`, any other
  attack on the public `weapons_explosives`), with a reason the analyst can read;
* look-alikes that must not fire: a film shoot, a game, a past event, a news story;
* a seat named in an email does not run on into the next line ("MLA for X" / "Dear Sir");
* a veiled threat to someone named by title ("going to finish Dr Rao").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.triage.fakes import FakeGeo
from tests.triage.helpers import BEDFORD_MP, run
from vigil.triage import InMemoryLinkIndex, TriageContext
from vigil.triage.enums import Category, Urgency
from vigil.triage.pipeline import ENGINE_VERSION
from vigil.triage.schemas import ProtectedPerson


def test_the_engine_version_is_1_7_1() -> None:
    assert ENGINE_VERSION == "rules-1.7.1"


@pytest.mark.parametrize(
    "text",
    [
        "some guy with a machete is chasing people round the car park at the bedford retail park, "
        "everyone running into the shops, hes still out there",
        "A man on Bedford high street is going for shoppers with a long blade right now, he swung it at "
        "an old lady and missed. I'm inside the bank with the door shut.",
        "A white van has just mounted the pavement on Bedford's Harpur Street and is driving at people "
        "outside the shops. Now turning round to come back.",
    ],
)
def test_an_attack_on_the_public_now_is_weapons_and_immediate(text: str) -> None:
    r = run(text)
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_the_safety_net_gives_a_reason() -> None:
    r = run("a black Range Rover is swerving at people on the Bedford embankment right now, send help")
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert any("danger" in reason for reason in r.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "My sister just messaged that her husband has locked them in the house in Bedford and is "
        "splashing petrol over the carpet, saying they'll all burn. Please send someone now.",
        "In the Bedford Tesco car park right now a man in a grey Golf keeps driving at his ex-girlfriend, "
        "he has clipped her already and is reversing to go at her again.",
    ],
)
def test_danger_to_someone_the_attacker_knows_is_a_threat_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "At the Bedford county show a drone has landed on the food tent with a plastic bottle strapped "
        "under it, and a brown liquid is leaking out of it. The tent is full of people.",
        "On the beach at Bedford lido a rusty metal cylinder has washed up by the steps and some lads "
        "are rolling it about. Lots of families here.",
    ],
)
def test_a_dangerous_item_with_people_around_is_an_item_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        # a film shoot, a game, a news story about elsewhere, a past event
        "There's a film crew on Bedford high street and an actor is chasing people with a rubber knife "
        "for a film scene, it's hilarious.",
        "My son is playing a video game where a car is driving into people, is that allowed for a 12 year old?",
        "Saw on the news a car drove into people at a market in another country, awful. Thoughts with them.",
        "Last month a car mounted the pavement near people in Bedford but it was a driver having a seizure.",
        "The kids are chasing each other round the garden in Bedford with water pistols.",
        "My water bottle is leaking in my bag on the bus in Bedford, so annoying.",
    ],
)
def test_look_alikes_of_present_danger_are_not_emergencies(text: str) -> None:
    assert run(text).urgency != Urgency.IMMEDIATE


def test_a_veiled_threat_to_someone_named_by_title_is_a_threat_now() -> None:
    r = run(
        "Receptionist at a dental practice in Bedford. A man in the waiting area says he is going to finish "
        "Mr Patel when he comes out, and he is still sitting there with his hand in his coat."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def _seat_context() -> TriageContext:
    mla = ProtectedPerson(id="mla:1", name="Sam Example", role="MLA", constituency="Upper Bann", force="psni")
    return TriageContext(geo=FakeGeo(), protected_persons=[BEDFORD_MP, mla], link_index=InMemoryLinkIndex())


@pytest.mark.parametrize(
    ("text", "role", "seat"),
    [
        (
            "Subject: calls to the MLA for Upper Bann\n\nGood afternoon,\nthe office has had abusive calls.",
            "MLA",
            "upper bann",
        ),
        (
            "Subject: post for the Member of the Senedd for Ceredigion\nHello team,\nwe received a strange letter.",
            "MS",
            "ceredigion",
        ),
    ],
)
def test_a_seat_in_an_email_stops_at_the_line_break(text: str, role: str, seat: str) -> None:
    r = run(text, ctx=_seat_context(), sent=datetime(2026, 3, 19, 9, 0, tzinfo=UTC))
    assert r.protected_person is not None
    assert r.protected_person.role == role
    assert (r.protected_person.constituency or "").lower() == seat


@pytest.mark.parametrize(
    "text",
    [
        "Caller is a delivery driver in Bedford, a man in the van's passenger seat has a blade pressed to the "
        "side of the driver's throat and wants taking to Luton. He is still in the van.",
        "A man has drawn a knife on her outside the Bedford chip shop and is chasing her down the road now.",
    ],
)
def test_a_weapon_held_to_or_chasing_one_person_is_a_threat_to_that_person(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_a_weapon_shown_off_to_someone_is_still_weapons() -> None:
    r = run(
        "Last week a lad in my class in Bedford showed me a flick knife he bought online, he keeps it in his bag."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


@pytest.mark.parametrize(
    "text",
    [
        "Loads of men with swords and shields marching through Bedford town centre today. There are posters up "
        "everywhere for a medieval re-enactment weekend, so I assume that's it, just checking it's allowed.",
        "Rifle shots all morning from the farm past Bedford. There's a big sign for a clay pigeon shoot at the "
        "gate, presumably that's what it is.",
        "A man digging holes on the Bedford riverbank every evening. My wife asked him and he is in a metal "
        "detecting club, he showed her old coins. I was worried about old wartime bombs.",
    ],
)
def test_an_innocent_explanation_the_reporter_saw_or_asked_about_is_not_relevant(text: str) -> None:
    assert run(text).category == Category.NOT_RELEVANT


def test_a_poster_for_an_event_in_a_threat_is_no_innocent_explanation() -> None:
    r = run(
        "On a gaming forum someone posted the poster for the Bedford Pride picnic with the words 'bring "
        "everything, this is the day'. The account is @bedfordbullet."
    )
    assert r.category != Category.NOT_RELEVANT


@pytest.mark.parametrize(
    "text",
    [
        "Someone is posting on the Facebook page of the MP for Bedford that he's bringing something to the "
        "surgery on Friday and it will be the last surgery she ever holds.",
        "An account keeps replying to the TV presenter's posts that she won't leave Bedford with her face "
        "intact when she does her book signing there.",
    ],
)
def test_veiled_threats_about_an_appearance_are_threats(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


def test_bringing_something_to_a_party_is_no_threat() -> None:
    r = run("My neighbour in Bedford says he's bringing something for the barbecue on Saturday, a huge cake.")
    assert r.category != Category.THREAT_TO_PERSON


@pytest.mark.parametrize(
    "text",
    [
        "We're a gay couple living in Bedford and for a month someone has been leaving notes on our car saying "
        "we are not wanted in this street.",
        "I am a nurse from the Philippines, no, I am a student from Vietnam studying in Bedford. On the bus "
        "men kept shouting 'kung flu' at me and laughing at me.",
    ],
)
def test_hostility_to_the_reporter_for_who_they_are_is_a_hate_incident(text: str) -> None:
    assert run(text).category == Category.HATE_INCIDENT


def test_not_wanted_at_work_is_no_hate_incident() -> None:
    r = run("My manager in Bedford told me I'm not wanted on the team any more after I missed a shift.")
    assert r.category != Category.HATE_INCIDENT
