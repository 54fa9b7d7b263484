"""rules-1.7.1 urgency: general causes found from blind sets O and P, tested on sentences written
fresh for these tests (none copied from O or P).

* people attacked, chased, held down or driven at now, or fuel spread where people are shut in,
  are an attack in progress in every category that can carry one (weapons, threat, hate);
* a message from someone shut in or being attacked now is no remote threat;
* burning or other missiles thrown at traffic or people now are a weapon in use;
* the attacker still with the victim ("still on board", "standing over her") or an attack
  "still ongoing" is now; a victim bleeding, however worded, is a casualty now;
* an item told months later ("back in the spring") is an old event (low), not an item there now;
* a gun or knife carried now into a place where people are (a pub, a shop, a school) is in use;
* a threat heard second-hand (a friend of a friend, a group chat), with no date, is low: the
  reporter knows of no danger now.
"""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency


@pytest.mark.parametrize(
    "text",
    [
        "On the Bedford train right now a man has ripped a turban off an older Sikh man and hit him, shouting "
        "racist abuse. He is still standing over him. The old man is bleeding from his lip.",
        "In the Bedford park right now a gang of lads are pinning down a disabled boy and mocking his "
        "disability while filming it, it's still ongoing.",
    ],
)
def test_an_attack_on_someone_for_who_they_are_now_is_immediate(text: str) -> None:
    r = run(text)
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.IMMEDIATE


def test_burning_bottles_thrown_onto_traffic_now_are_a_weapon_in_use() -> None:
    r = run(
        "Two lads on the Bedford footbridge are throwing petrol bombs down at the traffic on the dual "
        "carriageway, one just landed on a van. Cars are still coming through."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_a_message_from_someone_shut_in_with_fuel_spread_is_no_remote_threat() -> None:
    r = run(
        "My mum has texted me that she is locked in the house in Bedford and her partner is pouring petrol on "
        "the hall carpet. I'm on my way, please get police there."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_an_item_told_months_later_is_low() -> None:
    r = run(
        "Probably no use now, but back in the spring I saw a rucksack left on a bench at Bedford bus station "
        "for an hour before a man came back for it."
    )
    assert r.urgency == Urgency.LOW


def test_an_item_there_now_is_still_immediate() -> None:
    r = run("A rucksack has been left on a bench at Bedford bus station for twenty minutes, nobody near it.")
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "Someone in the parents' group chat at my daughter's school in Bedford said a dad wants to sort out "
        "the head teacher. I heard it from a friend of a friend, no idea who he is.",
        "Rumours going round the estate in Bedford that a lad has threatened to batter the shopkeeper, "
        "apparently he said it to someone at the pub. The shopkeeper is still working as usual.",
    ],
)
def test_a_threat_heard_second_hand_with_no_date_is_low(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.LOW


def test_a_threat_told_first_hand_is_not_lowered() -> None:
    r = run("My neighbour in Bedford shouted at me this morning that he will batter me when he sees me next.")
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency != Urgency.LOW


def test_a_gun_carried_into_a_busy_place_now_is_immediate() -> None:
    r = run(
        "Right now: a lad just slid a pistol into his waistband and walked into the bookies on Bedford high "
        "street, it's packed in there. I'm across the road watching the door."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_a_gun_carried_into_a_place_last_week_is_not_immediate() -> None:
    r = run("Last week I saw a man with a pistol in his belt go into the pub on Bedford high street.")
    assert r.urgency != Urgency.IMMEDIATE
