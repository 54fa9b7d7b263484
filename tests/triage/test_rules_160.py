"""Rules added in rules-1.6.0 for the category error classes that sets H and I exposed (both
already measured blind): hostility aimed at a reporter who names their own characteristic,
dehumanising and eliminationist abuse, threats in other words (injuries promised, "finish
it", nobody leaving alive, a death wished on someone), a noose in a meme being material, an
office holder's family watched, money or goods for "the fight", a fundraiser's destination,
satire, foiled windows, gas cylinders on their own, a wish to go and fight, a reporter's second
look, and several false friends. Reports here are written fresh for these tests, not taken
from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, HateStrand, Urgency

# --- hate: the reporter's own characteristic and hostility aimed at the reporter ----------


@pytest.mark.parametrize(
    ("text", "strand"),
    [
        (
            "I'm a Muslim nurse at the hospital in Stoke. Walking to the bus stop two lads spat at me and "
            "laughed. It happened again the next night.",
            HateStrand.RELIGION,
        ),
        (
            "I am trans. On the late bus out of Derby a group of men kept calling me it and grabbed my bag "
            "until the driver stopped.",
            HateStrand.TRANSGENDER,
        ),
    ],
)
def test_hostility_at_a_reporter_who_names_their_characteristic_is_hate(
    text: str, strand: HateStrand
) -> None:
    r = run(text)
    assert r.category == Category.HATE_INCIDENT
    assert r.hate_strand == strand


def test_hostility_at_a_reporter_without_a_characteristic_is_not_hate() -> None:
    r = run("I'm a postman in Hull. A man on Beverley Road spat at me and shouted at me over a parcel.")
    assert r.category != Category.HATE_INCIDENT


def test_a_reporter_who_rules_out_a_hate_motive_is_not_a_hate_incident() -> None:
    r = run(
        "I am Polish. My landlord in Luton shouted at me today about the rent. Nothing about my race, "
        "it is just about money, but he says his brothers will come and break my arms."
    )
    assert r.category == Category.THREAT_TO_PERSON


@pytest.mark.parametrize(
    "text",
    [
        "A trans woman at my work in Crewe has had the manager call her it in front of customers for weeks.",
        "A page for Dudley is full of people saying disabled people on benefits should be got rid of.",
        "Someone left a note on the Somali family's car in Slough saying Somalis are not wanted on this road.",
        "Men at the cricket club in Bury made comments about my gay brother every time he walked past.",
    ],
)
def test_dehumanising_and_eliminationist_abuse_is_hate(text: str) -> None:
    assert run(text).category == Category.HATE_INCIDENT


def test_a_letter_pushed_through_a_door_is_not_hostility() -> None:
    r = run(
        "A padded envelope addressed to our imam was pushed through the mosque door in Bolton last night "
        "with a typed note. We have not opened it and it is in a bag in the office."
    )
    assert r.category == Category.SUSPICIOUS_ITEM


@pytest.mark.parametrize(
    "text",
    [
        "Our neighbour said the Ahmadi family on our road are terrorists out of nowhere.",
        "Kids on the estate in Oldham shouted terrorists at my mum and my sister in their hijabs.",
    ],
)
def test_terrorists_as_abuse_is_hate(text: str) -> None:
    assert run(text).category == Category.HATE_INCIDENT


def test_terrorists_in_an_innocent_explanation_is_not_hate() -> None:
    r = run(
        "Blacked out windows and a skunk smell from the flat on Carr Road in Nelson, lights on all night. "
        "I reckon it is a cannabis farm, not terrorists."
    )
    assert r.category == Category.NOT_RELEVANT


# --- threats in other words -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "My ex in Swindon texted that his cousins will come round and break my legs if I go to court.",
        "The man next door in Hereford shouted that he will put a bolt through my dad's head.",
        "A customer I barred from the shop in Wigan says he will finish me off when I lock up on Friday.",
        "The man I reported at work in Crawley says none of us will walk out of the building on Monday.",
        "A message to my phone in Omagh said I will get a jar of acid in the face if I keep talking.",
        "My brother's ex said he is coming round tonight with his mate's machete for my brother, Sale.",
        "Someone posted that our local councillor should be put down like a dog, Barnsley group.",
    ],
)
def test_threats_in_other_words_are_threats(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


@pytest.mark.parametrize(
    "text",
    [
        "The roadworks on the A6 in Kendal will be carried out on Saturday and the road is closed.",
        "My son said he will finish it tonight, his coursework, so he can't come to the meeting in Leek.",
    ],
)
def test_everyday_uses_of_threat_phrases_are_not_threats(text: str) -> None:
    assert run(text).category != Category.THREAT_TO_PERSON


def test_a_weapon_brought_to_attack_a_named_role_is_a_threat() -> None:
    r = run(
        "A lad who was sacked from the depot in Corby says he is bringing his uncle's shotgun in to do "
        "the supervisor tomorrow."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_a_weapon_aimed_at_a_familys_window_is_a_threat() -> None:
    r = run(
        "HELP the man at number 9 is pointing an air rifle at our front window right now and screaming "
        "that he will put one in my son, Barry"
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


# --- office holders and public figures ------------------------------------------------------


def test_memes_of_an_mp_in_a_noose_are_material() -> None:
    r = run(
        "A Telegram channel @beds_patriot_news is sharing memes of the MP for Bedford in a noose, calling him "
        "a traitor. https://t.example.org/bedspatriot"
    )
    assert r.category == Category.EXTREMIST_CONTENT_ONLINE
    assert r.protected_person is not None


def test_a_noose_drawn_on_a_card_sent_to_the_office_is_a_threat() -> None:
    r = run(
        "The office of the MP for Bedford has had a card through the post with a hand-drawn noose and the "
        "MP's name under it, the third this month."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_anti_muslim_memes_about_an_mp_online_are_material() -> None:
    r = run(
        "There is a forum thread full of anti-Muslim memes about the MP for Bedford, "
        "https://forum.example.net/t/5512, started by @shire_watch."
    )
    assert r.category == Category.EXTREMIST_CONTENT_ONLINE


def test_watching_the_home_and_family_of_an_mp_is_fixation() -> None:
    r = run(
        "A man in a grey car keeps photographing the house of the MP for Bedford and the family coming and "
        "going. Her staff noticed it on three days."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_watching_a_presenter_leave_work_is_fixation() -> None:
    r = run(
        "A man keeps writing to the TV presenter I work for in Leeds, says he watches her leave the studio "
        "each night and that she will belong to me or nobody. He mentions a knife in the last one."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_a_jokey_threat_about_an_mp_that_everyone_laughed_at_is_low() -> None:
    r = run(
        "Probably nothing. At the bowls club my grandad said he would throttle the MP for Bedford over "
        "the bypass. Everyone laughed."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.LOW


# --- money, scams and travel -----------------------------------------------------------------


def test_goods_bought_to_help_the_fight_are_finance_not_a_scam() -> None:
    r = run(
        "I run a mobile shop in Keighley. A man keeps buying gift cards and prepaid phones and said they "
        "are to help the brothers in Somalia."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_threat_in_a_story_called_a_scam_is_the_scam() -> None:
    r = run(
        "My aunt in Penzance has been messaging a soldier online who says rebels will kill him unless she "
        "sends £4,000 for his release. Her son says it's a scam."
    )
    assert r.category == Category.NOT_RELEVANT


def test_a_fundraiser_whose_money_goes_to_an_account_is_finance() -> None:
    r = run(
        "A page @ardoyne_relief_fund is fundraising for 'families' with republican posters, and the money "
        "is going to a personal account of a man jailed for firearms."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_past_conviction_is_not_a_weapon() -> None:
    r = run(
        "My new neighbour in Ely was in prison for firearms years ago. He seems fine, just letting you know."
    )
    assert r.category != Category.WEAPONS_EXPLOSIVES


def test_raised_concerns_is_not_money() -> None:
    r = run("A teacher in Rugby raised concerns that a pupil keeps sharing jihadist nasheeds in class.")
    assert r.category != Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_teenagers_wish_to_go_and_fight_is_radicalisation() -> None:
    r = run(
        "My nephew, 15, in Luton keeps saying he wants to go and fight for the caliphate and calls his "
        "school haram. He is on his phone all night."
    )
    assert r.category == Category.RADICALISATION_CONCERN


def test_a_neighbour_going_to_fight_is_still_travel() -> None:
    r = run(
        "My neighbour in Dewsbury has told everyone he is going to Syria to fight next week. He flies Tuesday."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


def test_a_girl_groomed_by_a_man_abroad_is_radicalisation() -> None:
    r = run(
        "My daughter, 14, in Rochdale has been messaging a man online who says he is in Turkey and tells her "
        "to cut off her friends. No travel is booked."
    )
    assert r.category == Category.RADICALISATION_CONCERN


# --- radicalisation and material -------------------------------------------------------------


def test_down_a_rabbit_hole_without_arrest_is_radicalisation() -> None:
    r = run(
        "my flatmate in Dundee has gone down a rabbit hole, says hitler was right and jews control "
        "everything, talks about a day of reckoning. dont want him arrested, just someone to check on him"
    )
    assert r.category == Category.RADICALISATION_CONCERN


def test_someone_once_into_extreme_stuff_is_low_radicalisation() -> None:
    r = run(
        "A lad from my old school in Stroud was into some far-right stuff online years ago. Just so you know."
    )
    assert r.category == Category.RADICALISATION_CONCERN
    assert r.urgency == Urgency.LOW


def test_a_group_sharing_hate_preacher_speeches_is_material() -> None:
    r = run(
        "A WhatsApp group chat in Blackburn is sharing clips of a hate preacher and donation links. "
        "I was added by someone I don't know."
    )
    assert r.category == Category.EXTREMIST_CONTENT_ONLINE


# --- innocent explanations and their false friends ---------------------------------------------


def test_satire_taken_literally_is_not_relevant() -> None:
    r = run(
        "A satire site says the council will replace the Humber Bridge with a zip wire and calls it "
        "terrorist propaganda. Please remove it."
    )
    assert r.category == Category.NOT_RELEVANT


def test_foil_on_the_windows_is_not_a_tinfoil_hat() -> None:
    r = run(
        "The people renting the cottage near Hexham have covered every window with foil, take deliveries "
        "at 3am and paid six months in cash."
    )
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


def test_a_tinfoil_hat_is_still_not_relevant() -> None:
    r = run(
        "I wear a tin foil hat because the mast in Truro reads my thoughts. Please arrest the mast company."
    )
    assert r.category == Category.NOT_RELEVANT


def test_gas_cylinders_delivered_on_their_own_are_odd_behaviour() -> None:
    r = run(
        "The man in the flat below me in Slough has had about ten gas cylinders carried in at night this "
        "week. He isn't a plumber."
    )
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


def test_gas_cylinders_with_fertiliser_are_still_weapons() -> None:
    r = run(
        "The tenant of a lock-up in Goole has ten gas cylinders stacked up and sacks of fertiliser inside, "
        "and he is not a farmer."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


@pytest.mark.parametrize(
    "text",
    [
        "Lads in the park in Grimsby with big guns! oh wait, looked again, they are water pistols. Sorry.",
        "A pick-up unloading gas cylinders at the harbour in Mallaig. It is the dive centre, "
        "I did not know till my neighbour told me they fill tanks there.",
    ],
)
def test_a_reporters_second_look_or_a_trade_explained_is_not_relevant(text: str) -> None:
    assert run(text).category == Category.NOT_RELEVANT


def test_a_helicopter_at_an_airport_is_no_explanation() -> None:
    r = run(
        "At the heliport by Norwich airport a man photographed the staff gate and the cameras three days "
        "running at shift change. He drives a hire car."
    )
    assert r.category == Category.HOSTILE_RECONNAISSANCE


def test_a_deactivated_weapon_the_reporter_doubts_is_a_weapon() -> None:
    r = run(
        "A man in Antrim is selling 'deactivated' rifles on a marketplace that are clearly not deactivated, "
        "there is a video of him firing one."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


# --- items, weapons, behaviour, reconnaissance ----------------------------------------------------


def test_a_van_nobody_comes_back_to_with_cylinders_and_wires_is_an_item() -> None:
    r = run(
        "A van has been parked by the school on Mill Road in Wisbech for days with gas bottles and wires "
        "in the back. Nobody comes back to it."
    )
    assert r.category == Category.SUSPICIOUS_ITEM


def test_homemade_bangers_with_fuses_are_weapons() -> None:
    r = run(
        "My son's mate in Prestatyn showed him taped tubes with fuses he made and says he will make more for "
        "the bus station on Saturday."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


def test_buying_a_household_product_in_bulk_is_odd_behaviour() -> None:
    r = run("saw a man buying loads of drain cleaner at the big Asda in Preston, filled the whole trolley")
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


def test_hiring_a_boat_is_odd_behaviour() -> None:
    r = run("A man at the harbour in Poole was hiring a rib with cash and would not give a name.")
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER


@pytest.mark.parametrize(
    "text",
    [
        "A man at Exeter airport had his phone on a tripod pointed at the security doors, and packed it up "
        "when a patrol car passed.",
        "A woman was photographing the bolts at the bottom of the Severn Bridge piers up close and writing "
        "in a pad.",
    ],
)
def test_a_tripod_or_structural_points_are_reconnaissance(text: str) -> None:
    assert run(text).category == Category.HOSTILE_RECONNAISSANCE


def test_writing_to_an_mp_three_times_is_not_reconnaissance() -> None:
    r = run("I have written to the MP for Bedford four times about the bus lanes and had no reply.")
    assert r.category == Category.NOT_RELEVANT


def test_a_weapon_the_reporter_says_was_not_mentioned_does_not_count() -> None:
    r = run(
        "My brother in Batley has deleted all his social media, gave away his guitar and wrote about "
        "martyrdom. He has watched a preacher's videos for months. No mention of a target or a weapon."
    )
    assert r.category == Category.RADICALISATION_CONCERN
