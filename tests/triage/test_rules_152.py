"""Rules added in rules-1.5.2 for the error classes that blind set I exposed: a vehicle driven
into people, shots being fired now, gas cylinders wired together, a box stuck to the underside
of a car by the driver's door, a fire set in an occupied building, and two false alarms (a
cannabis grow, fireworks). Reports here are written fresh for these tests, not taken from any
evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency


@pytest.mark.parametrize(
    "text",
    [
        "A WHITE VAN JUST MOUNTED THE KERB OUTSIDE THE MARKET IN BOLTON AND PLOUGHED INTO THE CROWD. PLEASE COME",
        "a lorry has just driven into people queuing at the bus stop on Mill Lane, Derby, now its reversing and going again",
        "Someone in a silver Ford is deliberately driving at pedestrians on the promenade in Rhyl right now",
    ],
)
def test_a_vehicle_driven_into_people_now_is_an_immediate_weapon(text: str) -> None:
    r = run(text)
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "gunshots outside the leisure centre in Walsall RIGHT NOW, a blue hatchback going round and round. hurry",
        "A man is firing a pistol from a moped near the shops on Dale Road, Derby. People are sheltering in the chemist.",
        "shots being fired at the retail park in Rotherham, the car is still circling, we are hiding in the toilets",
    ],
)
def test_shots_being_fired_now_are_immediate(text: str) -> None:
    r = run(text)
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_shots_heard_last_week_are_not_immediate() -> None:
    r = run("Last week I heard gunshots near the allotments in Walsall. Nobody seemed bothered.")
    assert r.urgency != Urgency.IMMEDIATE


def test_bangs_that_turn_out_to_be_fireworks_are_not_relevant() -> None:
    r = run(
        "Loud bangs near the park in Leicester, worried it was gunfire, but it's Bonfire Night and just fireworks."
    )
    assert r.category == Category.NOT_RELEVANT


def test_gas_cylinders_wired_together_in_a_parked_car_are_an_immediate_item() -> None:
    r = run(
        "A hatchback is parked across the school gates in Hull with two propane cylinders on the front seat "
        "and wires running between them. Nobody in it. I can see it from the playground."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_a_box_stuck_to_the_underside_by_the_drivers_door_is_an_item() -> None:
    r = run(
        "I went out to my car in Newry and there is a small tin with tape round it stuck "
        "to the underside next to the driver's door. I am standing at the front door watching it."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_a_fire_set_in_an_occupied_place_of_worship_now_is_immediate() -> None:
    r = run(
        "Someone just threw a lit bottle into the mosque on Park Road, Luton, shouting that Muslims should "
        "burn. Flames now visible and the imam's family live above it."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.IMMEDIATE


def test_a_bag_left_on_a_train_after_the_reporter_got_off_is_high() -> None:
    r = run(
        "There was a rucksack left under a seat on the train to Leeds, nobody owned it. "
        "I got off at Wakefield and it was still there."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


def test_an_obvious_cannabis_grow_is_not_relevant() -> None:
    r = run(
        "Strong smell of cannabis from the flat upstairs in Hull, foil on the windows and cables everywhere. "
        "Pretty sure it is a grow."
    )
    assert r.category == Category.NOT_RELEVANT
