"""Rules added in rules-1.6.1 for the category and entity error classes that set J exposed
(already measured blind): incendiaries (petrol bombs, bottles with rags), fuel poured at a
home, a mob at a named person's home, veiled threats (not leaving quietly, more than
questions, a weapon named only inside a threat), how someone gets home, hellfire promised to
unbelievers, hateful ideas repeated rather than aimed, a chant to go home or burn, threats
shouted at a reporter who names their own characteristic, fiction, drills, film sets and bird
scarers as explanations, delivery scams, news stories, plane logging at airfields, taped-shut
boxes, vehicles driven through crowds, a customer's questions about a storage site's cameras,
"any weapons" negated from further back, dateless registrations and real postcode areas.
Reports here are written fresh for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, HateStrand
from vigil.triage.stages.extract import postcodes, vehicles

# --- weapons: incendiaries -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Two lads in the park by the canal in Luton are filling glass bottles with petrol and pushing rags "
        "into them. They have a crate of them by the bench.",
        "A man at the bus station in Derby has a molotov cocktail in his hand and is walking up and down.",
    ],
)
def test_incendiaries_are_weapons(text: str) -> None:
    result = run(text)
    assert result.category == Category.WEAPONS_EXPLOSIVES
    assert "incendiary" in result.entities.weapons


def test_a_hate_crowd_with_petrol_bombs_watched_on_cctv_is_hate_not_reconnaissance() -> None:
    result = run(
        "I manage a hostel in Wakefield that houses refugees. A group of twenty men are in the yard holding "
        "petrol bombs and chanting that the families should go back or burn. I am watching them on our "
        "cameras from the office."
    )
    assert result.category == Category.HATE_INCIDENT
    assert result.hate_strand == HateStrand.RACE


# --- threats: fuel at a door, a mob at a home, veiled threats --------------------------------


def test_fuel_poured_through_a_letterbox_is_a_threat() -> None:
    result = run(
        "My neighbour's son in Luton has just tipped diesel through the letterbox of his ex-girlfriend's "
        "house and is waiting on the path with a lighter. Nobody thinks it is about race or religion."
    )
    assert result.category == Category.THREAT_TO_PERSON


def test_a_crowd_banging_at_an_office_holders_home_is_a_threat() -> None:
    result = run(
        "There is a crowd outside the MP for Bedford's house now, about thirty of them, kicking the gate and "
        "shouting for him to come out. Someone is streaming it on a video site."
    )
    assert result.category == Category.THREAT_TO_PERSON


@pytest.mark.parametrize(
    "text",
    [
        "A constituent keeps emailing the office of the MP for Bedford. His latest says he will be at "
        "Friday's surgery and he won't be leaving quietly.",
        "A man rang the office of the MP for Bedford and said he is bringing more than questions to the "
        "surgery on Saturday.",
        "Someone is posting that he is going to deal with the MP for Bedford when she holds her surgery.",
    ],
)
def test_veiled_threats_to_an_office_holder(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


def test_a_weapon_named_only_inside_a_threat_is_a_threat() -> None:
    result = run(
        "My cousin's ex in Swindon has messaged him saying he will turn up at his flat on Friday with a "
        "machete and open him up. No racial side to it."
    )
    assert result.category == Category.THREAT_TO_PERSON


def test_a_weapon_seen_is_still_weapons() -> None:
    result = run(
        "A man in the underpass in Swindon was holding a machete this morning, not aiming it at anyone."
    )
    assert result.category == Category.WEAPONS_EXPLOSIVES


def test_watching_how_an_office_holder_gets_home() -> None:
    result = run(
        "The office of the MP for Bedford has had letters from a man who says he has watched how the MP "
        "gets home and has posted photos of her leaving the office."
    )
    assert result.category == Category.THREAT_TO_PERSON


def test_both_barrels_threat_to_a_neighbour() -> None:
    result = run(
        "Caller states the farmer next door in Launceston told her he would put both barrels into her if "
        "her dog strays again. He has a shotgun licence."
    )
    assert result.category == Category.THREAT_TO_PERSON


# --- hate versus ideas and hellfire ------------------------------------------------------------


def test_hellfire_promised_by_someone_being_drawn_in_is_not_a_threat() -> None:
    result = run(
        "My sister in Reading has changed since joining an online study circle. She says all unbelievers will "
        "burn, has cut off her friends and talks about marrying a man she has only met online."
    )
    assert result.category == Category.RADICALISATION_CONCERN


def test_hateful_ideas_repeated_by_young_people_are_radicalisation() -> None:
    result = run(
        "I coach a junior football team in Hull. Some of the 15 year olds keep repeating anti-migrant talk "
        "they get from online influencers. Nobody has been targeted. Could someone speak to them?"
    )
    assert result.category == Category.RADICALISATION_CONCERN


def test_migrants_sent_back_said_by_a_teenager() -> None:
    result = run(
        "My son's friend in Kettering, 15, keeps saying on the group voice chat that migrants should be "
        "deported and there will be a reckoning. Just a worry."
    )
    assert result.category == Category.RADICALISATION_CONCERN


def test_threats_shouted_at_a_reporter_who_names_their_characteristic() -> None:
    result = run(
        "I'm gay and I'm hiding in the back of a shop on Oxford Road in Reading. Two men outside keep "
        "shouting they will batter me when I come out."
    )
    assert result.category == Category.HATE_INCIDENT
    assert result.hate_strand == HateStrand.SEXUAL_ORIENTATION


def test_threat_without_a_named_characteristic_stays_a_threat() -> None:
    result = run(
        "My ex is outside my flat in Reading shouting that he will batter me when I come out. Please send "
        "someone."
    )
    assert result.category == Category.THREAT_TO_PERSON


# --- not relevant: fiction, drills, film sets, bird scarers, scams, news -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Saw an advert for a video game where you play a gang planting bombs around a city. Surely that "
        "should not be allowed? Who do I complain to?",
        "Lots of armed officers at Reading station this morning. The station page said it was a planned "
        "training exercise. Just checking that is right.",
        "Men with rifles running out of a van by the old airfield near Bedford. Then I saw the lights and "
        "the director, must be a film shoot. Do they have to warn people?",
        "Something on the farm by us in Kempston goes bang every half hour. The farmer says it is a gas "
        "scarer for the pigeons, not a gun. Is that allowed?",
        "Dear Customer, we could not deliver your parcel. A redelivery fee of £1.45 is due, pay at "
        "https://parcel.example.net/fee within 12 hours.",
        "Have you seen this article? www.example.org/story says the council will ban bonfire night because "
        "of terrorists. Why is nobody talking about it?",
    ],
)
def test_explained_or_scam_or_news_is_not_relevant(text: str) -> None:
    assert run(text).category == Category.NOT_RELEVANT


def test_a_pupil_writing_about_history_is_not_radicalisation() -> None:
    result = run(
        "Hi, I'm a Year 10 student doing a school project about the 1974 pub bombings. Could anyone at the "
        "police answer a few questions?"
    )
    assert result.category == Category.NOT_RELEVANT


def test_a_pupil_described_by_a_teacher_is_still_radicalisation() -> None:
    result = run(
        "A Year 10 pupil at our school in Bedford has become obsessed with far-right videos and has started "
        "saying white people are being replaced."
    )
    assert result.category == Category.RADICALISATION_CONCERN


# --- reconnaissance, items, vehicles ---------------------------------------------------------


def test_logging_aircraft_at_an_airfield_is_reconnaissance() -> None:
    result = run(
        "A man has been parked by the runway fence at the airfield near Bedford every afternoon with a long "
        "lens, logging the aircraft movements for a spotting website."
    )
    assert result.category == Category.HOSTILE_RECONNAISSANCE


def test_a_taped_shut_box_left_on_steps_is_a_suspicious_item() -> None:
    result = run(
        "Yesterday there was a cardboard shoebox taped shut on the steps of the library in Bedford. Nobody "
        "knew whose it was. I don't know what happened to it."
    )
    assert result.category == Category.SUSPICIOUS_ITEM


def test_a_hatchback_driven_through_crowds_is_a_weapon() -> None:
    result = run(
        "A blue hatchback just mounted the kerb on the High Street in Bedford and drove through the crowds "
        "outside the market, people are hurt."
    )
    assert result.category == Category.WEAPONS_EXPLOSIVES


def test_a_storage_customer_asking_about_cameras_is_other_behaviour() -> None:
    result = run(
        "I run a self storage yard in Bedford. A man rented a unit, paid cash for a year and has dozens of "
        "parcels delivered, and he asked whether our cameras record at night."
    )
    assert result.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


def test_any_weapons_negated_from_further_back() -> None:
    result = run(
        "A Year 11 boy at our school in Bedford keeps praising the attackers in school shootings and has "
        "become obsessed. We are not aware of any weapons."
    )
    assert result.category == Category.RADICALISATION_CONCERN


# --- entities ----------------------------------------------------------------------------------


def test_dateless_registration_after_a_plate_word() -> None:
    assert vehicles("He drove off in a black Range Rover on a private plate, 7 KPT, towards town.") == [
        "7KPT"
    ]
    assert vehicles("Its number plate was JRM 42 as far as I saw.") == ["JRM42"]


@pytest.mark.parametrize(
    "text",
    ["We met at 10 AM by the plate glass window.", "He had 12 ABC stickers.", "Reg was for 20 MPH."],
)
def test_digits_and_letters_without_a_plate_word_are_not_registrations(text: str) -> None:
    assert vehicles(text) == []


def test_postcodes_need_a_real_postcode_area() -> None:
    assert postcodes("Sent from GH8 1XQ and QQ1 2AB") == []
    assert postcodes("At MK40 1SQ, then B1 1AA and EC1A 1BB") == ["MK40 1SQ", "B1 1AA", "EC1A 1BB"]
