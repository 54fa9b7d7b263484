"""Rules added in rules-1.5.0 for the error classes that blind set G exposed: the under-vehicle
device, innocent-explanation words that are really the reporter's own trade or a claim the
reporter doubts, joke markers on extremist material, grooming and "hijrah" wording, hostility
tied to a characteristic named in another sentence, veiled threats, a weapon pointed at the
reporter, device parts and powder taken out of fireworks, cash collections for prisoners.
Reports here are written fresh for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency

# --- the under-vehicle device ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Taking the dog out I noticed a plastic tub with wires taped under the wheel arch of my "
        "husband's van on our drive in Lurgan. He is a police officer. We are all indoors now.",
        "There is a magnetic box stuck to the underside of my car outside the house in Omagh "
        "with a red wire coming out of it. I have not touched it.",
        "Under the passenger side of the Land Rover parked on our street there is a small "
        "device with a cable dangling from it. I am across the road keeping people back.",
    ],
)
def test_a_device_under_a_vehicle_is_an_item_there_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_putting_the_bins_out_does_not_make_the_device_a_nuisance() -> None:
    r = run(
        "While putting the bins out this morning I saw a small box with a wire hanging from it "
        "underneath the driver's side of my neighbour's car. He is a prison officer."
    )
    assert r.category == Category.SUSPICIOUS_ITEM


# --- innocent-explanation words that explain nothing -------------------------------------------


def test_the_reporters_own_fancy_dress_shop_is_not_an_innocent_explanation() -> None:
    r = run(
        "I own a costume and fancy dress shop in Crewe. A man paid cash for a hi-vis vest and "
        "kept asking where he could buy a real police uniform and ID cards, not a costume one."
    )
    assert r.category != Category.NOT_RELEVANT


def test_a_claim_the_reporter_doubts_is_not_an_innocent_explanation() -> None:
    r = run(
        "The man next door has been taking fireworks apart in his shed and pouring the powder "
        "into coffee jars. He says it's for a display but he has never done one before."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


def test_bitcoin_sent_to_a_conflict_zone_is_finance_not_a_scam() -> None:
    r = run(
        "A customer at our corner shop keeps using the bitcoin machine to send a few hundred "
        "pounds at a time to a wallet address, and told his friend it was for the brothers in Idlib."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_licensed_pest_controller_checked_by_the_reporter_is_not_relevant() -> None:
    r = run(
        "I saw a man with an air rifle in the car park behind the flats. The caretaker told me "
        "he is the pest controller the council sends for the pigeons. No further concern."
    )
    assert r.category == Category.NOT_RELEVANT


# --- extremist material and grooming ---------------------------------------------------------


def test_lol_on_a_beheading_video_does_not_make_it_a_joke() -> None:
    r = run(
        "My son's football team group chat had a video posted tonight of a prisoner being "
        "beheaded, sent by one of the boys with 'lol'. I have kept screenshots."
    )
    assert r.category == Category.EXTREMIST_CONTENT_ONLINE


def test_a_girl_groomed_online_towards_hijrah_is_radicalisation() -> None:
    r = run(
        "My niece, 16, has been talking online to an older man abroad who says she must make "
        "hijrah. She has deleted her old friends and says she will go when he tells her."
    )
    assert r.category == Category.RADICALISATION_CONCERN


def test_a_husband_drawn_to_a_paramilitary_group_is_radicalisation_not_weapons() -> None:
    r = run(
        "My husband has been spending time with men from a paramilitary group since he was laid "
        "off and has started talking about Catholics in a way he never did before. I don't know "
        "of any weapons."
    )
    assert r.category == Category.RADICALISATION_CONCERN


# --- hostility, threats, weapons at a person ----------------------------------------------------


def test_go_back_to_a_named_country_is_hostility() -> None:
    r = run(
        "I am an Indian nurse in Derby. Two lads followed me off the bus tonight shouting 'go "
        "back to India' and one shoved me against a wall."
    )
    assert r.category == Category.HATE_INCIDENT


def test_mocking_a_childs_hearing_aids_is_a_disability_hate_incident() -> None:
    r = run(
        "Older boys on the bus make nasty comments about my daughter's hearing aids and copy "
        "the way she talks. It has gone on all term."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.hate_strand is not None and r.hate_strand.value == "disability"


@pytest.mark.parametrize(
    "text",
    [
        "A student posted a photo of a machete with the words 'mrs okafor won't be teaching "
        "tomorrow'. She sent him out of class today.",
        "Someone keeps messaging me photos of the office car park with my car circled and the "
        "words 'last shift you'll ever work'.",
    ],
)
def test_veiled_threats_to_a_named_person(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


def test_an_air_rifle_pointed_at_the_reporter_with_a_threat_is_a_threat() -> None:
    r = run(
        "Tonight the man over the back fence pointed an air rifle at me and said 'next time I "
        "won't miss'. He has gone back inside and I have locked the doors."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.HIGH


def test_pressure_cookers_with_nails_and_wire_are_weapons() -> None:
    r = run(
        "In the lock-up next to mine there are two pressure cookers on the bench beside tubs of "
        "nails, a roll of wire and a soldering iron."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


def test_a_bucket_collection_for_prisoners_is_finance() -> None:
    r = run(
        "A man has been going round the bars with a bucket collecting for 'the prisoners'. He is "
        "not from any registered charity and says it buys the lads what they need."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


# --- not relevant ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Somebody keeps fly-tipping bags of builders rubble and old mattresses in the lane behind "
        "our shops. Who do I report this to?",
        "The phone mast is reading my thoughts at night, I have lined the loft with foil. This is "
        "the real terrorism.",
        "I'm complaining that my MP still hasn't replied about the ferry fares going up again.",
    ],
)
def test_ordinary_complaints_and_implausible_claims_are_not_relevant(text: str) -> None:
    assert run(text).category == Category.NOT_RELEVANT


# --- urgency ---------------------------------------------------------------------------------


def test_a_weapon_found_inside_a_bag_left_behind_is_the_weapon() -> None:
    r = run(
        "Caller drives a bus. Cleaning the top deck ten minutes ago he found a rucksack left under "
        "a seat containing a pistol and a box of bullets. He has not touched it."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.HIGH


def test_not_knowing_whether_it_was_sorted_is_not_resolved() -> None:
    r = run(
        "Around lunchtime there was a holdall on its own by the ticket machines at Bedford station. "
        "My train came so I don't know if it was sorted."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


def test_extremist_material_sent_with_lol_keeps_its_urgency() -> None:
    r = run("A boy in my son's class posted a beheading video in the year group chat tonight with 'lol'.")
    assert r.urgency == Urgency.STANDARD


def test_hostility_that_has_not_happened_for_months_is_low() -> None:
    r = run(
        "Neighbours' kids used to shout names about my wife's wheelchair. Nothing has happened for "
        "a few months but I wanted it written down somewhere."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.LOW
