"""Urgency added in rules-1.6.1 for the missed emergencies that blind set J exposed: a person
who threatened by text and is now at the door, a gunman reloading, a claimed device due to go
off within the hour, people being evacuated, doors locked against a crowd, a hate crowd armed
now, children crying; and the MP named with a possessive ("the MP for Bedford's office").
Reports here are written fresh for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency


@pytest.mark.parametrize(
    "text",
    [
        "He messaged me all evening that he is going to kill me. Now he is at my front door kicking it and I'm "
        "hiding upstairs, please hurry",
        "My ex texted that he will stab me. He's trying to get in through the kitchen window right now, "
        "I'm in the bedroom with the kids.",
    ],
)
def test_a_threat_sent_by_text_from_someone_now_at_the_door_is_immediate(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_a_threat_by_text_alone_is_not_an_emergency() -> None:
    r = run("My ex keeps texting that he will hurt me. He has my new address. I'm scared.")
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency != Urgency.IMMEDIATE


def test_a_gunman_reloading_in_a_park_is_immediate() -> None:
    r = run(
        "a man on the playing fields in Bedford shooting a rifle at the geese, hes reloading now, kids crying"
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "Reception at the sports centre in Bedford just took a call: a bomb in the sauna will go off in twenty "
        "minutes. The pool is full and a lifeguard has gone to look.",
        "A man rang the cinema in Bedford to say there is a device in screen two and it is set to explode within "
        "the hour. We are evacuating the building.",
    ],
)
def test_a_claimed_device_due_to_go_off_within_the_hour_is_immediate(text: str) -> None:
    r = run(text)
    assert r.urgency == Urgency.IMMEDIATE
    assert any("due to go off" in reason or "happening now" in reason for reason in r.reasons)


def test_a_claimed_device_for_tomorrow_is_high_not_immediate() -> None:
    r = run(
        "The school office in Bedford had a call at 2pm saying a bomb will go off in the sports hall tomorrow "
        "morning during assembly. Nothing has been found."
    )
    assert r.urgency == Urgency.HIGH


def test_doors_locked_against_an_armed_hate_crowd_are_immediate() -> None:
    r = run(
        "Twenty men outside the mosque on Kempston Road, Bedford with baseball bats shouting that Muslims should "
        "go home. The imam has locked the front doors and families are inside."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.IMMEDIATE


def test_a_hate_incident_last_night_stays_standard() -> None:
    r = run(
        "Last night a man shouted that Muslims should go home outside the mosque on Kempston Road, Bedford. "
        "He walked off towards town."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency != Urgency.IMMEDIATE


def test_the_mp_named_with_a_possessive_is_the_register_entry() -> None:
    r = run("People are gathering outside the MP for Bedford's office shouting abuse, some have masks on.")
    assert r.protected_person is not None
    assert r.protected_person.constituency == "Bedford"
