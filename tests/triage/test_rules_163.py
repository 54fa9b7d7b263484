"""rules-1.6.3: general families found from blind set K's gaps, tested on sentences written
fresh for these tests (none copied from K).

* the people at risk hiding, whispering, shut in or kept in by someone: danger now, whatever
  the danger is called (`victim_sheltering`);
* a fire burning now is a risk to life even when whoever set it has gone (`fire_now`);
* anything held to a part of someone's body, or people kept captive, is a weapon at an
  identifiable person (guide rule 3), as is a threat naming its target by role;
* an incendiary, shots or a vehicle used against a place of worship is a hate incident;
* shots fired out of a car; a bag someone left and has not come back for; fireworks emptied
  or pipe cut to length at home; an office holder's drop-in or public meeting;
* the reporter remembering, or being told, that what they heard is lawful.
"""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency


@pytest.mark.parametrize(
    "text",
    [
        # hiding and whispering, with no urgency word at all
        "My sister rang from her flat in Bedford whispering that her ex-partner has got in and is "
        "smashing the place up; she and the baby are hiding in the wardrobe.",
        # kept in a room: nobody may leave
        "A customer at the garage on Ampthill Road, Bedford, has pulled the mechanic into the office "
        "and keeps telling us nobody leaves until he gets his car back.",
        # the exit blocked
        "The man at the desk in Bedford is standing in front of the door shouting that he will do "
        "them in, and the two receptionists cannot get out.",
    ],
)
def test_people_hiding_or_kept_in_is_an_immediate_threat(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_a_fire_burning_now_is_immediate_though_the_attackers_drove_off() -> None:
    r = run(
        "Someone threw flaming bottles at the gurdwara on Ford End Road in Bedford and drove off; "
        "the porch is on fire and families are still inside for the evening service."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.IMMEDIATE


def test_an_attack_on_a_place_of_worship_last_month_is_hate_not_urgent() -> None:
    r = run(
        "I help run the synagogue in Bedford. Last month a petrol bomb was thrown at our side door at "
        "night; the police came then, and I want to add that we have since had abusive calls."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency != Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "A man in the chip shop in Bedford is holding a blade to the cook's throat and shouting for the till.",
        "In the car park in Bedford a lad has a screwdriver pressed against the attendant's neck.",
    ],
)
def test_a_weapon_held_to_someones_body_is_a_threat_to_that_person(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_a_weapon_held_at_someones_own_side_is_still_a_weapon() -> None:
    # false friend: "at his side" is where he holds it, not someone's body
    r = run(
        "A man outside the leisure centre in Bedford is walking about holding a hammer at his side, "
        "not going near anyone."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


def test_a_threat_with_a_weapon_naming_its_target_by_role_is_a_threat() -> None:
    r = run(
        "A warehouse worker sacked in Bedford today told the gate staff he will come back tonight with "
        "his crossbow and sort out the manager."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_shots_fired_out_of_a_car_are_weapons_now() -> None:
    r = run(
        "Someone has just fired out of a grey van on Midland Road in Bedford, people are screaming "
        "and a man is lying on the pavement."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_a_bag_someone_left_and_has_not_come_back_for_is_an_unattended_item_now() -> None:
    r = run(
        "At the bowling alley in Bedford a woman left a holdall by lane 4 half an hour ago and has not "
        "come back; it is still there and the place is packed."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_fireworks_emptied_at_home_are_weapons_making_not_an_item() -> None:
    r = run(
        "My lodger in Bedford spends his evenings in the shed emptying fireworks into jars and has a "
        "device with wires on the workbench."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency != Urgency.IMMEDIATE


def test_a_weapon_brought_to_an_office_holders_drop_in_is_a_threat() -> None:
    r = run(
        "My neighbour in Bedford blames the MP for Bedford for losing his job and showed me the machete "
        "he means to bring to the MP's drop-in at the community centre on Saturday."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_shooting_the_reporter_remembers_is_lawful_is_not_relevant() -> None:
    r = run(
        "I can hear gunshots from the fields behind Kempston, Bedford. Actually I have just remembered it "
        "is the licensed clay shoot there on Sundays, so no concern now, sorry."
    )
    assert r.category == Category.NOT_RELEVANT
    assert r.urgency == Urgency.LOW
