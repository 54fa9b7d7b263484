"""Rules added in rules-1.5.1 for the error classes that blind set H exposed: a weapon being
swung about now with no subject named, a hostile crowd at someone's home, something unexplained
stuck under a vehicle named first, a vehicle abandoned with gas cylinders inside, three-letter
Northern Ireland registrations, and items the reporter has left or that have been there for days.
Reports here are written fresh for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency
from vigil.triage.stages.extract import vehicles

# --- a weapon in use now ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "GUY WITH A BIG KNIFE OUTSIDE THE CHIPPY ON HIGH ST WAVING IT AROUND people screaming",
        "lad with a machete by the bus station in Luton, swinging it about at passers by, everyone running away",
        "A man is outside the pub in Wigan waving an axe at people. Please hurry.",
    ],
)
def test_a_weapon_swung_or_waved_now_is_immediate(text: str) -> None:
    r = run(text)
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_a_weapon_swung_about_last_week_is_not_immediate() -> None:
    r = run("Last week a man was swinging a machete about outside the shop in Luton. I saw it from the bus.")
    assert r.urgency != Urgency.IMMEDIATE


def test_a_gun_kept_by_someone_who_is_out_is_high_not_immediate() -> None:
    r = run(
        "My brother-in-law keeps a pistol in his wardrobe, I saw it right now when I put the washing "
        "away. He will be back about 7 and I don't know what he wants it for."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.HIGH


# --- a hostile crowd at someone's home --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A mob of about 30 men is outside my sister's house in Oldham right now, shouting and throwing "
        "stones at the windows. She is inside with the kids.",
        "I'm the councillor's neighbour. A crowd of twenty, some with their faces covered, are banging on "
        "her front door and livestreaming it, telling others to come down.",
    ],
)
def test_a_hostile_crowd_at_a_home_now_is_an_immediate_threat(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


# --- something stuck under a vehicle ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "there's a van outside number 12 in Strabane with something taped underneath it, neighbours "
        "are all going inside, please send someone",
        "My dad's car on the drive has an object wedged under the back of it, we don't know what it is.",
    ],
)
def test_something_stuck_under_a_vehicle_named_first_is_an_item(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


# --- an abandoned vehicle with gas cylinders --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A car has been left across the entrance to the retail park in Croydon, the driver got out and ran "
        "off five minutes ago, there are two gas cylinders on the back seat. Loads of people about.",
        "Gas bottles piled in the back of a transit parked at the market entrance, the bloke driving it "
        "legged it towards the station. It's still there.",
    ],
)
def test_an_abandoned_vehicle_with_gas_cylinders_is_an_immediate_item(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


# --- when the reporter has left, or the item has been there for days --------------------------


def test_an_item_the_reporter_cannot_say_about_any_more_is_high() -> None:
    r = run(
        "A rucksack was left by the cash machines at the bus station at 8am with nobody near it. "
        "I'm at my desk now and can't say whether it is still there."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


def test_an_item_there_for_days_is_standard() -> None:
    r = run("A sports bag has been on the stairwell of our flats for three days and nobody says it's theirs.")
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.STANDARD


def test_an_item_there_for_days_that_has_changed_now_stays_immediate() -> None:
    r = run(
        "A box has been in the bin store for 3 days but right now there are wires hanging out of it "
        "and it is ticking. I'm keeping people back."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_an_item_left_with_the_reporter_still_there_stays_immediate() -> None:
    r = run(
        "A holdall has been left under the bench on platform 2 at Crewe, nobody near it. I'm still here watching it."
    )
    assert r.urgency == Urgency.IMMEDIATE


# --- Northern Ireland registrations -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a grey Corsa, reg TIZ 802, outside", ["TIZ802"]),
        ("registration RIJ 4410 I think", ["RIJ4410"]),
        ("plate was MHZ4127", ["MHZ4127"]),
        ("old reg AXI 215", ["AXI215"]),
    ],
)
def test_three_letter_northern_ireland_registrations(text: str, expected: list[str]) -> None:
    assert vehicles(text) == expected


@pytest.mark.parametrize("text", ["the FBI 999 number", "call NHS 111", "the IRA 1972 bombing"])
def test_acronyms_with_numbers_are_not_registrations(text: str) -> None:
    assert vehicles(text) == []
