"""The general rules added for new wording (rules-1.1.0): the token look-up that runs every cue,
word families with inflections, a weapon noun with any verb, threats by intent, hostility tied
to a protected characteristic, live-now and left-the-scene cues, negation, innocent
explanations. Reports here are written fresh, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.fakes import FakeGeo, FakePlace
from tests.triage.helpers import run
from vigil.triage import TriageContext
from vigil.triage.enums import Category, HateStrand, Urgency
from vigil.triage.words import Tokens, build, expand_contractions

# --- the look-up pass -------------------------------------------------------------------------


def _has(pattern: str, text: str) -> bool:
    lex = build([("p", pattern)])
    return lex.match(Tokens.of(text.lower())).has("p")


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (r"\b(?:knife|knives)\b", "He had two knives.", True),
        (r"\bswing(?:s|ing)?\b", "he is swinging it", True),
        (r"\bswing(?:s|ing)?\b", "the swingers club", False),  # whole words only
        (r"jihad\w*", "jihadist videos", True),  # \w* is a prefix
        (r"fertili[sz]er", "fertilizer bags", True),
        (r"rounds of \d+", "rounds of 22", True),
        (r"waving[^.]{0,40}knife", "waving a big kitchen knife", True),
        (r"waving[^.]{0,40}knife", "he was waving. the knife was on the table", False),  # one sentence
        (r"he will stab", "He'll 'stab' you", True),  # contractions and quotes
        (r"it's gone", "it's gone", True),
        (r"for the past (?:\w+ )?minutes", "for the past twenty minutes", True),  # \w+ alone: any one word
        (r"for the past (?:\w+ )?minutes", "for the past two long minutes", False),
    ],
)
def test_patterns_compile_to_token_lookups(pattern: str, text: str, expected: bool) -> None:
    assert _has(pattern, text) is expected


def test_contractions_expand_only_inside_words() -> None:
    assert expand_contractions("he'll 'stab' them, won't he") == "he will 'stab' them, will not he"


def test_unsupported_patterns_fail_at_build_time() -> None:
    with pytest.raises(ValueError, match="unbounded"):
        build([("p", r"(?:ab)+")])


def test_a_cue_name_defined_twice_fails_at_build_time() -> None:
    """The second definition would silently replace the first's match positions."""
    with pytest.raises(ValueError, match="'p' is defined twice"):
        build([("p", r"hang round"), ("p", r"hang about")])


# --- classify: new wording ---------------------------------------------------------------------


def test_a_weapon_shown_now_in_a_street_is_weapons_and_immediate() -> None:
    r = run(
        "A man with a big knife is shouting outside the shops on the high street right now, "
        "he came in a white van reg AB12 CDE."
    )
    assert r.category in {Category.WEAPONS_EXPLOSIVES, Category.THREAT_TO_PERSON}
    assert r.urgency == Urgency.IMMEDIATE
    assert r.entities.vehicles == ["AB12CDE"]


@pytest.mark.parametrize(
    "text",
    [
        "A lad is swinging an axe about in the car park of the retail park.",
        "Someone on the estate has been selling pistols out of a lock-up garage.",
        "My brother in law keeps a loaded crossbow in the boot of his car.",
    ],
)
def test_a_weapon_noun_with_any_verb_is_weapons(text: str) -> None:
    assert run(text).category == Category.WEAPONS_EXPLOSIVES


def test_a_negated_weapon_does_not_count() -> None:
    r = run("My neighbour and I argue about parking. No weapons were seen and nobody was hurt.")
    assert r.category != Category.WEAPONS_EXPLOSIVES


@pytest.mark.parametrize(
    "text",
    [
        "My former boss keeps texting that he is going to torch my car with me in it.",
        "He told my son he would slash his face next time he sees him at the gym.",
    ],
)
def test_a_threat_by_intent_is_threat_to_person(text: str) -> None:
    r = run(text)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency in {Urgency.HIGH, Urgency.STANDARD}


@pytest.mark.parametrize(
    ("text", "strand"),
    [
        ("On the bus a man kept shouting at my mum about her headscarf and pushed her.", HateStrand.RELIGION),
        ("Kids at the park mocked my brother because he uses a wheelchair.", HateStrand.DISABILITY),
        ("Notes through the door of our Romanian shop say 'Romanians out'.", HateStrand.RACE),
    ],
)
def test_hostility_tied_to_a_characteristic_is_a_hate_incident(text: str, strand: HateStrand) -> None:
    r = run(text)
    assert r.category == Category.HATE_INCIDENT
    assert r.hate_strand == strand


def test_an_attack_in_progress_on_a_community_centre_is_immediate() -> None:
    r = run(
        "A gang are outside the synagogue right now throwing bricks and shouting antisemitic abuse, "
        "we are inside with the doors locked."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.urgency == Urgency.IMMEDIATE


def test_an_unattended_item_in_other_words_is_immediate() -> None:
    r = run("A holdall has been sat by itself on a bench at the bus station for ten minutes, no one near it.")
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_an_item_the_reporter_walked_away_from_is_high() -> None:
    r = run(
        "There was a rucksack left under the seats at the bus station with nobody near it. "
        "I had to get my bus so I don't know if anyone came back for it."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


def test_a_device_like_object_is_a_suspicious_item() -> None:
    r = run(
        "Someone has tied a carrier bag to the railings with wires sticking out of it and tape all round."
    )
    assert r.category == Category.SUSPICIOUS_ITEM


@pytest.mark.parametrize(
    "text",
    [
        "My neighbour keeps gas bottles in his yard but he runs a hog roast stall and showed me the "
        "safety certificates.",
        "I saw a man with a sword in the high street but it's the festival weekend and everyone is in costume.",
        "A text says I owe unpaid council tax and must pay in bitcoin today. Is this real?",
    ],
)
def test_an_innocent_explanation_or_scam_is_not_relevant(text: str) -> None:
    r = run(text)
    assert r.category == Category.NOT_RELEVANT
    assert r.urgency == Urgency.LOW


def test_a_joke_about_an_mp_with_nothing_else_is_a_low_threat() -> None:
    r = run("lol the MP for Bedford should be fired into the sea for these parking charges, not literally.")
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.LOW


def test_saying_it_was_a_joke_does_not_make_a_threat_one() -> None:
    r = run(
        "In the allotment group chat he said he would put one in my wife's head, then said it was a joke, "
        "but he has a shotgun and waits at the gate every morning."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_being_followed_is_fixation() -> None:
    r = run("I am being followed on my runs by the same man and he left a note on my car.")
    assert r.category == Category.THREAT_TO_PERSON


# --- found on the second own set (general gaps) --------------------------------------------------


class _TwoMiltons(FakeGeo):
    def places(self, name: str, *, limit: int = 5) -> list[FakePlace]:
        extra = [
            FakePlace("Milton", 55.87, -4.31, 30000, "police-scotland"),
            FakePlace("Milton Keynes", 52.04, -0.76, 230000, "thames-valley"),
        ]
        return [p for p in extra if p.name.lower() == name.lower()] or super().places(name, limit=limit)


def test_a_landmark_takes_the_longest_town_name_it_starts_with() -> None:
    ctx = TriageContext(geo=_TwoMiltons())
    r = run(
        "A box with tape round it has been left by the ticket machines at Milton Keynes Central station.",
        ctx=ctx,
    )
    assert r.force == "thames-valley"


def test_a_bullet_sent_to_an_mp_is_a_threat() -> None:
    r = run(
        "The office of the MP for Bedford was sent a bullet with a note saying 'one for you at the fair'."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_hostility_a_long_way_from_the_characteristic_in_one_sentence_still_counts() -> None:
    r = run(
        "My son is autistic and a group of older kids on our street keep filming him whenever he gets "
        "upset and then post it online with mocking captions."
    )
    assert r.category == Category.HATE_INCIDENT
    assert r.hate_strand == HateStrand.DISABILITY


@pytest.mark.parametrize(
    "text",
    [
        "Ages ago, maybe two summers back, a man filmed the cameras and barriers at the station.",
        "Not sure if this is anything, a man filmed the security cameras and barriers at the station.",
    ],
)
def test_old_or_hedged_reconnaissance_is_low(text: str) -> None:
    assert run(text).urgency == Urgency.LOW


def test_a_display_with_a_deactivated_gun_is_not_relevant() -> None:
    r = run(
        "A man dressed as a soldier with a rifle is outside the town hall, but it's a display and the gun is deactivated."
    )
    assert r.category == Category.NOT_RELEVANT


# --- found on the third own set (general gaps) ---------------------------------------------------


def test_plans_or_purchases_for_making_a_device_are_weapons() -> None:
    r = run("My lodger ordered chemicals online and I found a notebook with drawings of pipes and switches.")
    assert r.category == Category.WEAPONS_EXPLOSIVES


@pytest.mark.parametrize(
    "text",
    [
        "Someone keeps leaving notes on my car saying I will learn my lesson.",
        "He keeps messaging that he will ruin my life and he knows which gym I go to.",
    ],
)
def test_more_ways_of_threatening(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


def test_a_weapon_and_a_threat_at_one_person_is_a_threat() -> None:
    r = run(
        "My ex-boyfriend is in the hallway of my block right now with a baseball bat saying he will smash my head in."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


def test_the_reporter_catching_a_bus_means_the_item_status_is_unknown() -> None:
    r = run(
        "A cool box taped shut was left under a bench at the bus shelter. My bus came so I got on. No idea if it's still there."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.HIGH


# --- found on the fourth own set (general gaps) --------------------------------------------------


def test_asking_how_often_bags_are_checked_is_reconnaissance() -> None:
    r = run(
        "Two people asked the stewards at the ground how often the bags are checked and whether they search the boxes."
    )
    assert r.category == Category.HOSTILE_RECONNAISSANCE


def test_a_tool_with_a_gardening_explanation_is_not_relevant() -> None:
    r = run("My neighbour keeps a machete in his shed; he uses it for clearing brambles on his allotment.")
    assert r.category == Category.NOT_RELEVANT


def test_filming_for_the_past_minutes_is_happening_now() -> None:
    r = run(
        "A man has been filming the gates and the security fence of the refinery for the past twenty minutes."
    )
    assert r.category == Category.HOSTILE_RECONNAISSANCE
    assert r.urgency == Urgency.HIGH


@pytest.mark.parametrize(
    ("text", "strand"),
    [
        ("My neighbour shouted religious abuse at my mum outside our house.", "religion"),
        ("A woman in the shop told my dad to go back where he came from and called him names.", "race"),
    ],
)
def test_hostility_worded_plainly_is_a_hate_incident(text: str, strand: str) -> None:
    doc = run(text)
    assert doc.category == Category.HATE_INCIDENT
    assert doc.hate_strand is not None and doc.hate_strand.value == strand


@pytest.mark.parametrize(
    "text",
    [
        "A male in a black tracksuit has taken a machete out of his bag and is swinging it about and laughing.",
        "He found a rifle wrapped in black bin liners, pushed into the bank of the hedge.",
    ],
)
def test_a_colour_in_a_description_is_not_a_protected_characteristic(text: str) -> None:
    assert run(text).category == Category.WEAPONS_EXPLOSIVES


def test_hostility_towards_black_people_is_still_hate() -> None:
    doc = run("Two men shouted abuse at a black family getting off the bus and threw a bottle at them.")
    assert doc.category == Category.HATE_INCIDENT
    assert doc.hate_strand == HateStrand.RACE


# --- rules-1.3.0 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I am 19 and for months I've watched streams about how migrants are the enemy. I find "
        "myself agreeing with all of it and I want someone to help me get out before I do something.",
        "Honestly I think I'm being pulled in by a group online. What I think now scares me.",
    ],
)
def test_a_self_referral_is_a_radicalisation_concern(text: str) -> None:
    r = run(text)
    assert r.category == Category.RADICALISATION_CONCERN
    assert r.urgency != Urgency.LOW


@pytest.mark.parametrize(
    "text",
    [
        "A man keeps messaging a radio presenter saying there is nowhere to hide and he will find her.",
        "An account has been posting a TV presenter's car registration and her route to the studio.",
    ],
)
def test_threats_or_fixation_towards_a_presenter_are_threats(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


@pytest.mark.parametrize(
    "text",
    [
        "A woman was sitting in a parked car by the school gates for half an hour. Nothing else to report.",
        "Some evenings there's a drone over the allotments behind our road. Nothing else to report.",
    ],
)
def test_vague_behaviour_that_nothing_rules_out_is_other_behaviour_at_low(text: str) -> None:
    r = run(text)
    assert r.category == Category.SUSPICIOUS_BEHAVIOUR_OTHER
    assert r.urgency == Urgency.LOW


def test_a_package_opened_minutes_ago_is_there_now() -> None:
    r = run(
        "At the community centre a volunteer opened a padded envelope two minutes ago and white "
        "powder spilled out onto the table. We have shut the room."
    )
    assert r.category == Category.SUSPICIOUS_ITEM
    assert r.urgency == Urgency.IMMEDIATE


def test_an_item_that_turned_out_to_belong_to_someone_is_low() -> None:
    r = run(
        "This afternoon a suitcase was left by the lifts in the shopping centre for an hour. "
        "Turned out a cleaner had put it there and she collected it."
    )
    assert r.urgency == Urgency.LOW


def test_photographing_the_fences_of_a_works_is_reconnaissance() -> None:
    r = run("A man spent an hour taking photos of the fences and the gatehouse at the sewage works.")
    assert r.category == Category.HOSTILE_RECONNAISSANCE
