"""rules-1.6.4: general families found from blind set L's gaps, tested on sentences written
fresh for these tests (none copied from L).

* something strapped round a person's body, or wires showing under their clothes, is a device
  worn by someone (`device_worn`: weapons, and in use when it is there now);
* fuel, acid or another liquid poured or thrown over a person is an attack on that person
  (`threat_doused`), wherever it happens;
* a vehicle left at a crowded place's entrance with its driver gone is an unattended item
  (`vehicle_at_crowd` + `driver_gone`);
* a bag pushed out of sight under or behind something, or disowned by whoever is nearest, is
  unattended;
* people lying hurt now are a risk to life even when the attacker has run off
  (`casualties_now`); a building with people in it attacked (windows smashed, a fire set,
  people climbing in) is violence now; a plea for someone to come is about now;
* false friends: a rucksack on someone's back, petrol poured into a car's tank, a van parked
  at the gates with its driver unloading, a phoned warning once everyone is out of the place,
  a reporter who can no longer see the item.
"""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency


@pytest.mark.parametrize(
    "text",
    [
        "Outside the Harpur Centre in Bedford a lad is pacing about with tubes taped around his waist and "
        "keeps shouting at shoppers to get back.",
        "On the platform at Bedford a man has wires poking out from under his jacket and is walking up "
        "to people in the queue, please come.",
    ],
)
def test_a_device_worn_on_someones_body_is_weapons_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_a_rucksack_on_someones_back_is_no_device() -> None:
    r = run(
        "A hiker with a rucksack strapped to his back asked me the way to the river in Bedford and "
        "thanked me; a lovely man."
    )
    assert r.category != Category.WEAPONS_EXPLOSIVES


@pytest.mark.parametrize(
    "text",
    [
        "In the precinct in Bedford a man has just thrown a bottle of bleach over his ex-girlfriend and "
        "is stood there laughing at her.",
        "A woman outside the flats on Ford End Road, Bedford has poured lighter fluid on the man she was "
        "arguing with and is flicking a lighter at him right now.",
    ],
)
def test_a_liquid_poured_over_a_person_is_a_threat_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_petrol_poured_into_a_car_is_no_threat() -> None:
    r = run(
        "My neighbour in Bedford poured petrol into his lawnmower on the drive this morning and spilt some; "
        "it smells a bit but that is all."
    )
    assert r.category != Category.THREAT_TO_PERSON


def test_a_vehicle_left_at_a_crowded_entrance_with_the_driver_gone_is_an_unattended_item() -> None:
    r = run(
        "A grey minibus has been parked across the entrances to the Corn Exchange in Bedford before the "
        "concert. The driver ran off down Silver Street twenty minutes ago and hundreds are queuing beside it."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_a_van_parked_at_the_gates_with_its_driver_there_is_no_item() -> None:
    r = run(
        "A white van is parked at the school gates in Bedford every morning and the driver sits in it "
        "eating his breakfast; it is probably fine."
    )
    assert r.category != Category.SUSPICIOUS_ITEM


@pytest.mark.parametrize(
    "text",
    [
        "In the food hall at the Bedford shopping centre a black sports bag has been wedged behind the bins "
        "by the tills and the cleaner says it is not anyone's. It is packed in here.",
        "A rucksack was stuffed under the bench by the bandstand in Bedford Park and the ice cream man "
        "says it is not theirs; I am stood next to it now.",
    ],
)
def test_a_bag_pushed_out_of_sight_or_disowned_is_an_unattended_item_now(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_a_reporter_who_can_no_longer_see_the_item_does_not_know_its_status() -> None:
    r = run(
        "A suitcase is on its own by the doors of Bedford bus station with nobody near it. I have got on my "
        "bus and can't see it from here."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


def test_people_lying_hurt_are_immediate_though_the_attacker_ran_off() -> None:
    r = run(
        "At the fair on the Embankment in Bedford a man was slashing at people with a knife, he ran off "
        "towards the bridge and two women are lying on the ground bleeding. Send help."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.IMMEDIATE


def test_a_crowd_attacking_a_home_for_who_lives_there_is_immediate() -> None:
    r = run(
        "Across from me in Bedford a gang are smashing the front windows of the Polish family's house, "
        "chanting racist stuff and trying to climb in; the family are inside."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.IMMEDIATE


def test_someone_going_mad_with_a_tool_at_a_door_is_immediate() -> None:
    r = run(
        "theres a man outside the vets on Tavistock Street in Bedford going mad with a hammer at the door, "
        "shouting he will kill the vet, somebody needs to come"
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_a_phoned_bomb_warning_once_everyone_is_out_is_high() -> None:
    r = run(
        "A man rang the council offices in Bedford at 9.10 and said there is a bomb in the basement that "
        "goes off this afternoon. Nobody has seen anything, everyone has left the building and we are "
        "waiting in the library car park."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.HIGH


def test_a_phoned_bomb_warning_with_people_still_inside_stays_immediate() -> None:
    r = run(
        "A caller has just told our reception in Bedford there is a bomb in the sports hall that goes off "
        "at noon; two hundred pupils are still in there and we are starting to evacuate now."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


@pytest.mark.parametrize(
    "text",
    [
        "My nephew in Bedford has started wearing a black sun badge and says the country needs cleansing. "
        "He used to be the kindest lad in the family and I'd like someone to talk sense into him.",
        "Our lodger in Bedford has got really into a channel that says the government must be overthrown. "
        "I'm worried about where he is heading; some men online are working on him.",
    ],
)
def test_worry_about_where_a_person_is_heading_is_radicalisation(text: str) -> None:
    r = run(text)
    assert r.category == Category.RADICALISATION_CONCERN


def test_asking_police_to_have_a_word_about_parking_is_not_radicalisation() -> None:
    # false friend: "have a word" is asking for someone to intervene, not worry about a person
    r = run(
        "A man on my road in Bedford keeps parking across my drive. I've asked him nicely; can someone "
        "have a word with him please before it ends up in a row."
    )
    assert r.category == Category.NOT_RELEVANT


def test_a_closer_look_that_satisfied_the_reporter_is_not_relevant() -> None:
    r = run(
        "Caller in Bedford Park saw two men unloading gas cylinders and burners from a van. On going closer "
        "it was a catering crew setting up a hog roast for a wedding; caller satisfied."
    )
    assert r.category == Category.NOT_RELEVANT
    assert r.urgency == Urgency.LOW


def test_shots_the_landowner_explained_are_not_relevant() -> None:
    r = run(
        "Last night near Kempston we heard rifle shots in the field behind our caravan. The site warden told "
        "us it's the gamekeeper shooting rabbits with the farmer's permission; just checking that is fine."
    )
    assert r.category == Category.NOT_RELEVANT


def test_a_video_game_clip_shared_as_real_is_not_relevant() -> None:
    r = run(
        "My uncle keeps sharing a clip of 'a terrorist attack happening now in Bedford'. It is obviously "
        "from a video game, you can tell from the graphics. Could you tell people it is fake?"
    )
    assert r.category == Category.NOT_RELEVANT


def test_planes_spraying_chemicals_is_an_implausible_claim() -> None:
    r = run(
        "The aircraft over Bedford are spraying chemicals every morning and I have photographed the lines "
        "in the sky. This is an attack on us and I want counter terrorism officers to act."
    )
    assert r.category == Category.NOT_RELEVANT


def test_lads_who_hang_round_a_shop_are_not_a_threat() -> None:
    # false friend: "hang round" is loitering, not hanging someone
    r = run(
        "A group of lads hang round the chip shop in Bedford every evening letting off fireworks and being "
        "loud; nobody has been hurt but the noise is awful."
    )
    assert r.category != Category.THREAT_TO_PERSON


def test_a_complaint_about_an_office_holder_without_a_threat_is_not_relevant() -> None:
    r = run(
        "I have written to the MP for Bedford three times about the pothole outside my house and had no "
        "reply. I want it recorded that she ignores constituents. I pay my taxes."
    )
    assert r.category == Category.NOT_RELEVANT


def test_a_weapon_at_someones_neck_is_a_threat_to_that_person() -> None:
    r = run(
        "A man has got into the bakery on Bromham Road in Bedford and is keeping the owner behind the till "
        "with a blade at her throat, demanding the takings."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_saying_he_would_sort_out_an_office_holder_is_a_threat() -> None:
    r = run(
        "At the bus depot in Bedford on Monday a driver told everyone he'd sort out the MP for Bedford "
        "over the route cuts next time she visits."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_asking_how_security_works_and_whether_doors_are_alarmed_is_reconnaissance() -> None:
    r = run(
        "At the town hall in Bedford a man asked the attendant how the bag searches were done and whether the "
        "fire doors at the back were alarmed. He then walked the corridors twice."
    )
    assert r.category == Category.HOSTILE_RECONNAISSANCE


@pytest.mark.parametrize(
    "text",
    [
        "Not sure this is anything. Most evenings a man walks round our close in Kempston peering into "
        "parked cars and then leaves. Thought I'd mention it.",
        "For a week a van with two men has been parked outside the nursery on Castle Road, Bedford at home "
        "time and they never get out. Probably waiting for someone.",
    ],
)
def test_someone_loitering_by_homes_or_a_school_is_vague_odd_behaviour(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER
    assert r.urgency == Urgency.LOW


def test_an_item_seen_on_an_earlier_day_and_not_since_is_standard() -> None:
    r = run(
        "On Monday I saw a metal keg lying under the hedge by the layby outside Bedford with tape round "
        "the lid. I have not been past since so I don't know if it is still there."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.STANDARD


def test_the_mps_office_without_an_apostrophe_names_the_office_holder() -> None:
    r = run("theres a man outside the MPs office in Bedford kicking the door and shouting he will kill them")
    assert r.protected_person is not None
    assert r.protected_person.role == "MP"


def test_mps_in_the_plural_are_still_not_one_office_holder() -> None:
    r = run("A man in Bedford market was shouting that MPs are all liars and should be voted out.")
    assert r.protected_person is None
