"""The tie-break stage (stages/tiebreak.py): the labelling guide's rules for a report that fits
more than one category, applied after classification in the guide's order. Reports here are
written fresh for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from tests.triage.helpers import SENT, context, run
from vigil.triage import TriageInput
from vigil.triage.enums import Category, ProtectedRole, Urgency
from vigil.triage.pipeline import run_document
from vigil.triage.schemas import ProtectedPersonRef
from vigil.triage.stages import tiebreak as tb
from vigil.triage.stages.doc import Doc


def test_the_rules_run_in_the_guides_order() -> None:
    names = [name for name, _ in tb.RULES]
    assert names == [
        "office_holder_or_public_figure",
        "weapon_at_person",
        "one_persons_home",
        "claimed_or_stored",
        "material_or_person",
        "innocent_explanation",
    ]


def _doc(text: str) -> Doc:
    return run_document(TriageInput(text=text, submitted_at=SENT, report_id="t"), context())


# --- rule 2: threats and fixation at a public figure --------------------------------------


def test_a_threat_to_a_public_figure_posted_online_is_a_threat() -> None:
    r = run(
        "Someone keeps tagging a weather presenter in posts. Last night he put up her home "
        "address and wrote that she can't hide from him for ever."
    )
    assert r.protected_person is not None
    assert r.protected_person.role == ProtectedRole.PUBLIC_FIGURE
    assert r.category == Category.THREAT_TO_PERSON


def test_the_rule_leaves_a_public_figure_report_without_a_threat_alone() -> None:
    doc = _doc("A channel keeps uploading clips of a newsreader with extremist speeches dubbed over them.")
    doc.protected = ProtectedPersonRef(ProtectedRole.PUBLIC_FIGURE, None, "concerns a public figure")
    assert tb._office_or_public_figure(doc) is None


# --- rule 3: a weapon aimed at an identifiable person ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A man thrown out of the pub earlier is back with a baseball bat, hammering on the fire "
        "exit and yelling that he is going to do the barman.",
        "My stepdad pulled a kitchen knife and pointed it at my mum in the hallway.",
        "He threatened the shopkeeper with a hammer until she opened the till.",
    ],
)
def test_a_weapon_aimed_at_a_described_person_is_a_threat(text: str) -> None:
    assert run(text).category == Category.THREAT_TO_PERSON


def test_a_weapon_waved_about_in_a_street_with_no_target_stays_weapons() -> None:
    assert run("A lad was waving a machete about outside the chip shop last night.").category == (
        Category.WEAPONS_EXPLOSIVES
    )


def test_a_weapon_threat_happening_now_is_immediate() -> None:
    r = run(
        "There is a man with a crowbar at the back door of the takeaway right now shouting "
        "that he is going to get the owner. We have locked ourselves in."
    )
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency == Urgency.IMMEDIATE


# --- rule 4: one person's home or movements ----------------------------------------------


def test_watching_one_persons_home_and_school_run_is_fixation_not_reconnaissance() -> None:
    r = run(
        "Every morning this week a man in a silver estate has filmed her front door from the "
        "corner, and when the MP for Bedford goes out he follows her car."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_filming_a_sites_cameras_and_guards_stays_reconnaissance() -> None:
    r = run("A man has been filming the security cameras and the guards at the depot gate all afternoon.")
    assert r.category == Category.HOSTILE_RECONNAISSANCE


# --- rule 5: a claimed device nobody has seen; materials stored, not left ------------------


def test_a_phoned_bomb_warning_with_no_device_seen_is_a_threat() -> None:
    r = run(
        "The school office took a call at 10:40 from a woman saying there is a bomb in the "
        "sports hall and it goes off at noon. No device has been found yet."
    )
    assert r.category == Category.THREAT_TO_PERSON


def test_the_stage_overrides_whatever_category_the_classifier_chose_and_says_why() -> None:
    # Whatever the classifier (rules or a model) said, the guide's rule decides the tie.
    doc = _doc(
        "A caller rang the leisure centre saying a device in the changing rooms will go off. Nothing was found."
    )
    doc.category = Category.SUSPICIOUS_ITEM
    tb.tiebreak(doc)
    assert doc.category == Category.THREAT_TO_PERSON
    assert doc.tiebreak is not None and "guide rule 5" in doc.tiebreak
    assert "tiebreak:claimed_or_stored" in doc.signals


def test_a_bag_left_on_a_platform_stays_a_suspicious_item() -> None:
    r = run("A holdall has been left under the bench on platform 2 with nobody near it, right now.")
    assert r.category == Category.SUSPICIOUS_ITEM


def test_materials_seen_in_a_private_workshop_are_weapons_not_an_item() -> None:
    r = run(
        "Fitting a boiler next door today I saw, on the shed bench, metal pipe cut to length, "
        "a box of fireworks emptied out, wires and a bag of white powder with no label."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


# --- rule 6: material or person -----------------------------------------------------------


def test_a_shared_attack_video_with_nobody_drawn_in_is_about_the_material() -> None:
    r = run(
        "My daughter's netball group chat had a video of a mass shooting filmed by the gunman "
        "posted in it by someone she doesn't know. She's fine but it shouldn't be going round."
    )
    assert r.category == Category.EXTREMIST_CONTENT_ONLINE


def test_someone_liking_far_right_posts_is_a_person_not_a_hate_incident() -> None:
    r = run(
        "A lad from my old job always made racist comments. Now I can see he's sharing far-right "
        "videos and liking their posts most days. Nothing more than that."
    )
    assert r.category == Category.RADICALISATION_CONCERN


def test_a_page_advertising_knives_sold_from_a_car_is_weapons() -> None:
    r = run(
        "A man is selling machetes and knuckle dusters out of his car boot behind the leisure "
        "centre. He posts photos on a page at https://shop.example.net/blades and takes cash."
    )
    assert r.category == Category.WEAPONS_EXPLOSIVES


def test_a_page_collecting_untraceable_cash_is_finance() -> None:
    r = run(
        "A fundraising page at https://give.example.org/relief-88 says it is for orphans but "
        "the man running it wants donations handed over as cash in person so it can't be traced."
    )
    assert r.category == Category.SUSPICIOUS_FINANCE_TRAVEL


# --- rule 8: an innocent explanation the reporter checked ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Heard what sounded like shots by the river this morning. I went to look and it was a "
        "theatre company rehearsing with replica rifles; the director showed me they are props.",
        "Two men were unloading gas cylinders into a field at dawn. One explained they are for "
        "the burners at the hog roast and barbecue stalls for tomorrow's food market.",
    ],
)
def test_a_checked_innocent_explanation_is_not_relevant(text: str) -> None:
    r = run(text)
    assert r.category == Category.NOT_RELEVANT
    assert r.urgency == Urgency.LOW


def test_an_explanation_the_reporter_doubts_does_not_count() -> None:
    r = run(
        "Three men keep carrying gas cylinders into the lock-up at night. They told me it is "
        "for a barbecue business but I don't believe it; there is never any food."
    )
    assert r.category != Category.NOT_RELEVANT


def test_an_innocent_word_does_not_excuse_a_threat() -> None:
    r = run(
        "My ex turned up at the festival with a knife and said he would stab me. My friend "
        "explained to him we were leaving."
    )
    assert r.category == Category.THREAT_TO_PERSON


# --- each rule on the stage alone, whatever the classifier chose --------------------------


@pytest.mark.parametrize(
    ("text", "chosen", "expected", "rule"),
    [
        (
            "A man keeps commenting under a presenter's videos that he knows where she parks.",
            Category.EXTREMIST_CONTENT_ONLINE,
            Category.THREAT_TO_PERSON,
            "office_holder_or_public_figure",
        ),
        (
            "He sits outside in his van and takes photos of her front door every evening.",
            Category.HOSTILE_RECONNAISSANCE,
            Category.THREAT_TO_PERSON,
            "one_persons_home",
        ),
        (
            "In the class group chat someone posted an attack video filmed by the killer.",
            Category.RADICALISATION_CONCERN,
            Category.EXTREMIST_CONTENT_ONLINE,
            "material_or_person",
        ),
        (
            "Loud bangs in the park turned out to be a starting pistol at sports day; a teacher showed me it fires blanks.",
            Category.WEAPONS_EXPLOSIVES,
            Category.NOT_RELEVANT,
            "innocent_explanation",
        ),
    ],
)
def test_each_rule_on_the_stage_alone(text: str, chosen: Category, expected: Category, rule: str) -> None:
    doc = _doc(text)
    doc.category, doc.tiebreak = chosen, None
    doc.signals = {s for s in doc.signals if not s.startswith("tiebreak:")}
    if rule == "office_holder_or_public_figure":
        doc.protected = ProtectedPersonRef(ProtectedRole.PUBLIC_FIGURE, None, "concerns a public figure")
    tb.tiebreak(doc)
    assert doc.category == expected
    assert f"tiebreak:{rule}" in doc.signals


def test_a_site_with_cameras_is_not_one_persons_home() -> None:
    doc = _doc("He took photos of the gatehouse cameras and then of her front door.")
    doc.category = Category.HOSTILE_RECONNAISSANCE
    assert tb._one_persons_home(doc) is None
