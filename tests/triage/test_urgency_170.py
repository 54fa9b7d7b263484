"""rules-1.7.0 urgency: general causes found from blind sets M and N, tested on sentences written
fresh for these tests (none copied from M or N).

* a beating (stamping, knocked to the ground, glassed) is violence now in a hate incident;
* a weapon waved or swung about now is in use, however the report names it;
* a weapon offered for sale is present (high), not in use on anyone;
* a suspicious item once everyone has left the place is high, not immediate;
* a reporter now somewhere else, or not knowing what became of the item, has left the scene;
* an item there "since at least Tuesday" has been there for days (standard);
* nobody left at a damaged building is an attacker gone (standard).
"""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency


@pytest.mark.parametrize(
    "text",
    [
        "Right now outside a bar in Bedford three men are stamping on a lad on the pavement, calling him "
        "a gay slur over and over. Please come.",
        "Outside the Bedford mosque just now two men have knocked an old man to the ground and are kicking "
        "him, shouting anti-Muslim abuse.",
    ],
)
def test_a_beating_now_is_an_attack_in_progress(text: str) -> None:
    r = run(text)
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.IMMEDIATE


def test_a_weapon_waved_about_now_is_in_use() -> None:
    r = run(
        "There's a man at the Bedford retail park with a handgun, he is by the cash machine waving it about "
        "and people are ducking behind cars. He is still there now."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_a_weapon_offered_for_sale_now_is_high_not_immediate() -> None:
    r = run(
        "At the Bedford market right now a man is selling a pistol he says is converted, showing buyers "
        "the bullets in a tin. Grey van, no sign."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.HIGH


def test_a_suspicious_envelope_once_everyone_is_out_is_high() -> None:
    r = run(
        "At our office in Bedford a colleague opened a parcel with a grey powder in it. She washed her "
        "hands, everyone has left the building and we are waiting across the road."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "There was a holdall with wires sticking out under a bench at Bedford station and nobody with it. "
        "I told the guard. I'm in Luton now, dunno if it got moved.",
        "A suitcase left by the lifts at Bedford hospital with nobody near it. I had to get my train, no "
        "idea whether it was checked.",
    ],
)
def test_an_item_the_reporter_has_left_behind_is_high(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


def test_an_item_there_since_a_named_day_is_standard() -> None:
    r = run(
        "A drum with a chemical warning sticker has been dumped by the gate of the allotments in Bedford. "
        "It has been there since at least Monday, nobody has touched it."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.STANDARD


def test_a_building_damaged_with_nobody_left_there_is_standard() -> None:
    r = run(
        "Someone has just sprayed 'no synagogues here' on the synagogue door in Bedford and smashed the "
        "glass. I walked past on the way to work, nobody around now."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.STANDARD
