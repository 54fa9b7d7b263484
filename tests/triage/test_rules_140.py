"""Rules added in rules-1.4.0 for the error classes that blind set F exposed: false friends (a
cue word in another sense), negated stalking and hate words, a relative named with nothing
about them, recruiting and going-to-fight words, travel questions that are not reconnaissance,
adverts and fundraisers online, veiled threats, weapons shown at an office, innocent
explanations a reporter was given. Reports here are written fresh for these tests, not taken
from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency

# --- false friends ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A wedding photo shoot was going on by the canal in Bedford with two lads holding fake "
        "swords; the photographer told me they are props for the album, so all fine.",
        "There was a pheasant shoot on the farm behind our estate this morning, guns going off "
        "for hours. The gamekeeper explained it was the last shoot of the season.",
    ],
)
def test_shoot_as_a_noun_is_not_a_threat(text: str) -> None:
    r = run(text)
    assert r.category == Category.NOT_RELEVANT


def test_an_ammunition_style_box_is_an_object_not_a_weapon() -> None:
    r = run(
        "Someone has chained a metal ammo-style box to the lamp post outside the library in "
        "Bedford, with wires running into the drain. No label on it and nobody near it."
    )
    assert r.category == Category.SUSPICIOUS_ITEM


def test_a_fence_post_or_a_bank_account_is_not_online_material() -> None:
    r = run(
        "A package taped to the fence post by the school gate in Bedford, with a cable running "
        "from it into the hedge. It has been there since I came past an hour ago."
    )
    assert r.category == Category.SUSPICIOUS_ITEM


# --- negation --------------------------------------------------------------------------------


def test_nothing_racist_cancels_the_hate_word() -> None:
    r = run(
        "My neighbour waved a hammer at me over the bins tonight and said it is for you next "
        "time. It was nothing racist, he just can't stand us."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_not_knowing_where_someone_lives_is_not_stalking() -> None:
    r = run(
        "Years ago a boy in my class was really into jihadist videos and talked about going "
        "abroad. I don't know where he lives now and it is probably nothing."
    )
    assert r.category == Category.RADICALISATION_CONCERN


# --- a relative named, with nothing about them ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I left my handbag on the number 4 bus this morning. If it turns up please ring my "
        "partner on the number below.",
        "Is it still safe to go to the fireworks at the park next month? My son is anxious.",
    ],
)
def test_a_relative_mentioned_in_passing_is_not_radicalisation(text: str) -> None:
    assert run(text).category != Category.RADICALISATION_CONCERN


def test_a_relative_with_a_change_in_them_still_is() -> None:
    r = run(
        "My brother has stopped going to work and spends every night listening to sermons by "
        "a preacher who says we have to prepare. I want someone to help him."
    )
    assert r.category == Category.RADICALISATION_CONCERN


def test_a_parent_reported_through_a_caller_counts_as_a_relative() -> None:
    r = run(
        "Caller is worried about her daughter, 17, who refuses to go to school now and goes to "
        "a study circle run by older men. Caller wants advice, not for her to be in trouble."
    )
    assert r.category == Category.RADICALISATION_CONCERN


def test_someone_recruiting_teenagers_outside_a_temple_is_radicalisation() -> None:
    r = run(
        "A man keeps handing out leaflets for a banned group outside our temple and approaching "
        "teenage boys to come to meetings at his house. We asked him to go but he keeps coming back."
    )
    assert r.category == Category.RADICALISATION_CONCERN


def test_catching_myself_and_asking_for_someone_to_talk_to_is_a_self_referral() -> None:
    r = run(
        "I have been watching a lot of streams about immigrants and I catch myself hating "
        "people in the street for no reason. Is there anybody I could speak to?"
    )
    assert r.category == Category.RADICALISATION_CONCERN


# --- finance and travel -------------------------------------------------------------------------


def test_going_out_to_fight_with_a_foreign_force_is_travel() -> None:
    r = run(
        "My uncle went out to fight with the YPG a few years back and came home. He is fine, "
        "the family just wonder if he will be in trouble for it."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_question_about_passport_checks_while_booking_travel_is_not_reconnaissance() -> None:
    r = run(
        "A woman paid cash at our travel shop for one-way flights to Yemen for two teenage girls, "
        "and asked whether the border people check passports of children travelling without parents."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_crowdfunder_asking_for_a_crypto_address_is_about_the_money() -> None:
    r = run(
        "There is a crowdfunding page at https://fund.example.org/x raising money for 'supplies' "
        "for some men in Bedford, and it tells donors to message for a crypto address."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_marketplace_listing_of_pistols_is_about_the_weapons() -> None:
    r = run(
        "A seller on https://shop.example.com/item/7 is offering pistols 'reactivated', "
        "collection only from Bedford."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


@pytest.mark.parametrize(
    "text",
    [
        "A man asked at the harbour if anyone would take him and a crate over to France off the "
        "books, no paperwork, and offered a lot of money.",
        "Two lads buy prepaid debit cards at my shop every day, always cash, and asked if they "
        "work abroad without ID.",
    ],
)
def test_cash_jobs_and_prepaid_cards_are_other_behaviour(text: str) -> None:
    assert run(text).category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


# --- threats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Someone posted that the MP for Bedford 'won't be smiling' after Saturday's surgery.",
        "A man emailed the office of the MP for Bedford saying he will come to the next surgery "
        "with a blade.",
    ],
)
def test_veiled_threats_to_an_office_holder(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


def test_a_weapon_shown_outside_an_office_holders_office_is_a_threat() -> None:
    r = run(
        "A clip going round shows a man holding a pistol outside a councillor's office in "
        "Bedford, captioned 'see you Monday'."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_a_threat_in_another_sentence_does_not_aim_a_stored_weapon() -> None:
    r = run(
        "My tenant keeps a shotgun in the wardrobe, I saw it this morning and he shouted at me. "
        "He says people owe him money."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


def test_a_beheading_video_forwarded_by_a_parent_is_content() -> None:
    r = run(
        "A dad in our school chat forwarded a video of a hostage being beheaded with 'this is "
        "what's coming here'. Our children have seen it."
    )
    assert r.category == Category.EXTREMIST_CONTENT_ONLINE


# --- weapons ----------------------------------------------------------------------------------


def test_an_old_artillery_shell_found_on_a_beach_is_a_weapon() -> None:
    r = run("Walking the dog I found a rusty artillery shell in the sand at Bedford Lido.")
    assert r.category == Category.WEAPONS_EXPLOSIVES


def test_reconnaissance_of_a_bridges_structure() -> None:
    r = run(
        "A man with a tripod was photographing the pillars and the underside of the river "
        "bridge in Bedford for an hour, writing notes."
    )
    assert r.category == Category.HOSTILE_RECONNAISSANCE


# --- innocent explanations given to the reporter ---------------------------------------------


def test_chemicals_for_a_pool_business_the_owner_explained() -> None:
    r = run(
        "The house on the corner has stacks of blue drums with hazard stickers. The owner runs "
        "a hot tub company and told me they are cleaning chemicals. Not thinking anything "
        "sinister, just whether it is allowed."
    )
    assert r.category == Category.NOT_RELEVANT


def test_a_shoot_explained_by_a_call_handler() -> None:
    r = run(
        "Caller saw men with shotguns on the moor at dawn. Call handler explained it is the "
        "start of the grouse season and beaters were with them."
    )
    assert r.category == Category.NOT_RELEVANT


# --- urgency ----------------------------------------------------------------------------------


def test_an_old_detail_in_a_report_about_tonight_is_background() -> None:
    r = run(
        "My ex texted me that he has a knife now and will hurt me tonight when I get home. He "
        "was cautioned for harassing me years ago."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.HIGH


def test_an_old_event_remembered_is_still_low() -> None:
    r = run("Years ago a lad at my school was into extremist videos. I only thought of it because of a film.")
    assert r.urgency == Urgency.LOW


def test_weapons_seen_weeks_ago_and_kept_are_standard() -> None:
    r = run(
        "My brother keeps two machetes and a crossbow under his bed. I saw them last weekend when "
        "I stayed over. He has not threatened anyone."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.STANDARD


def test_an_old_shell_found_now_is_high_not_immediate() -> None:
    r = run(
        "I have just found an unexploded mortar shell in the sand and I am keeping people back from it now."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES
    assert r.urgency == Urgency.HIGH


def test_a_threat_just_posted_online_is_high_not_immediate() -> None:
    r = run("Someone has just posted that he will stab the MP for Bedford at Saturday's surgery.")
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.HIGH


def test_a_hate_threat_tied_to_a_coming_date_is_high() -> None:
    r = run(
        "A note full of antisemitic abuse through the synagogue door says the families will be "
        "burned out next Saturday during the service."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.HIGH


def test_a_hate_threat_with_no_date_stays_standard() -> None:
    r = run(
        "A customer told the Polish shop owner today that she will get burned out one day, go back to Poland."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.STANDARD


def test_a_purchase_made_earlier_today_is_not_a_dated_plan() -> None:
    r = run("Today a man in our shop bought six pay as you go phones and a dozen sim cards, paid cash.")
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER
    assert r.urgency == Urgency.STANDARD


def test_an_item_the_reporter_left_on_a_train_is_high() -> None:
    r = run(
        "A holdall was left by the ticket gates at Bedford station with nobody near it. My train "
        "left ten minutes later and I'm now on the train so I can't see what happened."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


def test_an_item_whose_owner_turned_up_is_low() -> None:
    r = run(
        "For your records, a rucksack was left by the food stalls at the show yesterday, then the owner turned up."
    )
    assert r.urgency == Urgency.LOW


def test_a_time_today_without_an_event_is_not_an_event_today() -> None:
    r = run(
        "Around noon today at the retail park a man was filming the security cameras and the "
        "loading bay gates. Not sure if this is anything."
    )
    assert r.category == Category.HOSTILE_RECONNAISSANCE
    assert r.urgency == Urgency.LOW


def test_reconnaissance_before_a_match_today_is_high_even_if_the_reporter_hedges() -> None:
    r = run(
        "This morning a man was filming the turnstiles and the stewards' gates at the stadium. "
        "The match kicks off at 3. Probably nothing."
    )
    assert r.urgency == Urgency.HIGH
