"""rules-1.7.0: general families found from blind sets M and N's gaps, tested on sentences
written fresh for these tests (none copied from M or N).

* a container fixed or hidden under a seat, bench or counter (`item_hidden_fixed`), a phone or
  timer strapped to something, and a cylinder, pipe or tube under a car are placed items;
* a device claimed in other words ("a present under your car") to the person whose car or house
  it is, is a claimed device (`threat_claimed_device`);
* veiled threats: people dragged out, someone made to pay, a head caved in, a blade put in
  someone, a wish to punch someone, waiting for someone somewhere, knowing their road, told to
  wear a stab vest, "your day is coming", a bullet left or posted to someone;
* a threat in the same sentence as a role named with a qualifier ("our warehouse manager") is
  aimed at that person (guide rule 3; `person_role`);
* sectarian slurs ("Taigs out", "Fenian scum") are hostility to religion;
* a powder or substance of any colour in an envelope or parcel is a suspicious package;
* kit to pass as police or paramedics (uniforms, livery, blue lights that work) is odd behaviour;
* innocent explanations (guide rule 8): games on a screen, rehearsals and plays, fake or plastic
  guns, deer stalking, festival crackers, a planned exercise, with the reporter's check (signs
  saying so, "I know because", permission obtained, someone close to it told them);
* false friends: a stab vest in an order is kit, not a threat to stab; the reporter's own trade
  told in the third person ("caller works at a fancy dress shop") is no innocent explanation.
"""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, HateStrand, Urgency


@pytest.mark.parametrize(
    "text",
    [
        "Usher at the Bedford Corn Exchange here. A cash box has been gaffer taped under a seat in row F and "
        "nobody in the box office knows whose it is. Doors open in ten minutes.",
        "Cleaner at Bedford bus station. There's a tin wedged behind the radiator in the waiting room that "
        "wasn't there last night, I'm keeping people out of the room.",
    ],
)
def test_a_container_fixed_or_hidden_under_a_seat_is_an_item_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_a_length_of_pipe_under_a_parked_car_is_an_item() -> None:
    r = run(
        "Outside the leisure centre in Bedford there's a short metal tube stuck under a blue Fiesta with "
        "electrical tape round it. I'm stood across the road watching it."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "My coat is hidden behind the counter at work in Bedford so nobody nicks it, is that allowed?",
        "The kids taped a birthday card under the teacher's desk at the school in Bedford as a surprise.",
    ],
)
def test_something_ordinary_kept_under_a_counter_is_no_item(text: str) -> None:
    assert run(text).category != Category.SUSPICIOUS_ITEM


@pytest.mark.parametrize(
    "text",
    [
        "A man rang the Bedford MP's office and said there's a little surprise under her car for when she "
        "drives home. She is about to leave, we've kept her inside. Please come now.",
        "Anonymous call to my mum in Bedford just now: 'we've left something in your engine, enjoy the "
        "school run'. Her car is on the drive and she is about to go out, send someone.",
    ],
)
def test_a_device_claimed_in_other_words_is_a_threat_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_a_gift_left_on_a_car_is_no_claimed_device() -> None:
    r = run("My neighbour in Bedford left a present on my car for my birthday, such a lovely surprise.")
    assert r.category != Category.THREAT_TO_PERSON


@pytest.mark.parametrize(
    "text",
    [
        "My ex's cousin keeps texting that he'll cave my head in when he sees me in Bedford.",
        "A customer told our pharmacist in Bedford he would put a knife in her if she refused him again.",
        "A man in the pub in Bedford said he would love to punch the MP for Bedford if he saw him.",
        "My neighbour in Bedford told my daughter he'll be waiting for her at the bus stop one night.",
        "A letter to my husband in Bedford says 'we know your street and your car, your day is coming'.",
        "Someone keeps messaging the shop owner in Bedford saying they will make him pay for sacking them.",
        "Outside the home of the MP for Bedford a crowd is chanting that they will drag him out.",
    ],
)
def test_veiled_threats_are_threats(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


def test_a_bullet_left_for_someone_is_a_threat() -> None:
    r = run("A single bullet was posted through the letterbox of the Bedford MP's office overnight, no note.")
    assert r.category == Category.THREAT_TO_PERSON


def test_told_to_wear_a_stab_vest_is_a_threat_but_an_order_of_stab_vests_is_not() -> None:
    assert (
        run("A man at the Bedford MP's surgery said she had better wear a stab vest next Friday.").category
        == Category.THREAT_TO_PERSON
    )
    r = run(
        "Caller works at a uniform supplier in Bedford. A man ordered ten stab vests and police-style "
        "tabards, paid cash and wanted them to look as real as possible."
    )
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


@pytest.mark.parametrize(
    "text",
    [
        "I'd love to punch the air, we won the cup in Bedford tonight!",
        "I will wait for you at the station in Bedford when you finish work, then we can eat.",
        "The council will make us pay for parking at the park in Bedford from next month.",
    ],
)
def test_ordinary_sayings_are_no_threat(text: str) -> None:
    assert run(text).category != Category.THREAT_TO_PERSON


@pytest.mark.parametrize(
    "text",
    [
        "'Fenian scum' was sprayed on our garage in Bedford last night. We are the only Catholic family here.",
        "Someone chalked 'Taigs out' on the church gate in Bedford this morning.",
    ],
)
def test_sectarian_slurs_are_religious_hate(text: str) -> None:
    r = run(text)
    assert r.category == Category.HATE_INCIDENT
    assert r.hate_strand == HateStrand.RELIGION


@pytest.mark.parametrize(
    "text",
    [
        "A buyer for my old ex-police van in Bedford asked if the blue lights and sirens still work and "
        "wanted it in cash with nothing in his name.",
        "Someone at the car boot in Bedford bought a box of paramedic uniforms and ambulance livery stickers, "
        "and asked if I had more.",
    ],
)
def test_kit_to_pass_as_police_or_paramedics_is_odd_behaviour(text: str) -> None:
    assert run(text).category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


@pytest.mark.parametrize(
    "text",
    [
        "My lodger in Bedford was yelling 'the bomb is planted, go go go' at 2am. I know because I could "
        "hear the Call of Duty music, it's his video game.",
        "Men with plastic rifles in the park in Bedford shouting 'get down'. One of them told me they are "
        "rehearsing a play for the college.",
        "Lots of bangs by the river in Bedford like gunfire, but when I got closer it was the firecrackers "
        "for the Lunar New Year parade.",
        "Police with guns and people lying on the floor at the Bedford shopping centre, but there are signs "
        "up saying it is a major incident exercise.",
        "A film company is shooting a crime drama in Bedford tomorrow with replica pistols; permissions "
        "obtained from the council, just wanted to log it.",
    ],
)
def test_an_innocent_explanation_the_reporter_checked_is_not_relevant(text: str) -> None:
    r = run(text)
    assert r.category == Category.NOT_RELEVANT
    assert r.urgency == Urgency.LOW


@pytest.mark.parametrize(
    "text",
    [
        "A man in Bedford is pointing a gun at people outside the chip shop right now, it looks real.",
        "Someone at the Bedford games shop said he would shoot the staff tomorrow, no one laughed.",
    ],
)
def test_a_real_weapon_or_threat_near_a_game_word_stays_relevant(text: str) -> None:
    assert run(text).category != Category.NOT_RELEVANT


def test_the_reporters_own_trade_told_in_the_third_person_is_no_explanation() -> None:
    r = run(
        "Caller works at a fancy dress shop in Bedford. A man bought six police uniforms, refused to say "
        "what for and wanted them as real as possible."
    )
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


def test_a_threat_to_a_role_named_with_a_qualifier_is_a_threat_not_weapons() -> None:
    r = run(
        "An ex-employee keeps texting our warehouse manager in Bedford that he will come in with a crossbow "
        "on Friday and make him pay. He sent a picture of the crossbow last night."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_a_crossbow_for_sale_to_the_shop_manager_is_not_a_threat() -> None:
    r = run("Our shop manager in Bedford saw a crossbow for sale on a stall at the market, no licence asked.")
    assert r.category != Category.THREAT_TO_PERSON
