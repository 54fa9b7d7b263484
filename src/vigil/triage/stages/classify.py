"""Stage 5, classify: the category and, for hate incidents, the strand.

Contract: reads `doc.lower`, `doc.entities` and `doc.protected`; writes `doc.category`,
`doc.hate_strand` (only for `hate_incident`), `doc.category_scores` and `doc.signals` (the
names of the cues that fired, which the score stage turns into reasons).

Cue weights are summed per category (`cues.py`); then the labelling guide's precedence rules
are applied in order: innocent explanations and jokes; an unattended item or substance now;
threats against office holders versus hate against private people; weapons aimed at a person;
material online versus a person being drawn in.
"""

from __future__ import annotations

import re

from vigil.triage.cues import CUES, HATE_STRANDS, JOKE, NOT_JOKING
from vigil.triage.enums import Category, HateStrand
from vigil.triage.stages.doc import Doc

_THINK_BEFORE = re.compile(r"(?:think|thinks|thought|reckon|says?|said|maybe|if)\W+(?:\w+\W+){0,2}$")
_PERSON_TARGET = re.compile(
    r"\b(?:at (?:her|him|me|us|them)|(?:her|his|my|our) (?:door|flat|house|home|car|family)|ex-partner|neighbour|"
    r"towards (?:her|him|me)|threaten\w*|said (?:he|she)(?:'d| would)|to (?:her|him|me|us)\b)"
)
_OFFICE_PERSON_RECON = re.compile(
    r"\b(?:the (?:mp|msp|mla|councillor)(?:'s)? (?:car|home|house|movements|arrives)|where the (?:mp|msp|mla) lives|"
    r"what time the (?:mp|msp|mla)|which door they use|which room)\b"
)
_SITE_RECON = re.compile(r"\b(?:cameras?|cctv|guards?|shift|barriers?|security|locks?|alarm)\b")
_ONLINE_NOUN = re.compile(
    r"\b(?:channel|server|account|page|video|post(?:ed|s)?|website|forum|link|stream)\b"
)


# Tie-break order: the more specific or more actionable category wins a tie.
_PRIORITY = [
    Category.THREAT_TO_PERSON,
    Category.HATE_INCIDENT,
    Category.SUSPICIOUS_ITEM,
    Category.WEAPONS_EXPLOSIVES,
    Category.HOSTILE_RECONNAISSANCE,
    Category.SUSPICIOUS_FINANCE_TRAVEL,
    Category.EXTREMIST_CONTENT_ONLINE,
    Category.RADICALISATION_CONCERN,
    Category.SUSPICIOUS_BEHAVIOUR_OTHER,
    Category.NOT_RELEVANT,
]


def _joke(lower: str) -> bool:
    if NOT_JOKING.search(lower):
        return False
    for m in JOKE.finditer(lower):
        if not _THINK_BEFORE.search(lower[max(0, m.start() - 30) : m.start()]):
            return True
    return False


def classify(doc: Doc) -> None:
    lower = doc.lower
    scores = {c.value: 0.0 for c in Category}
    fired: set[str] = set()
    for cue in CUES:
        if cue.rx.search(lower):
            scores[cue.category] += cue.weight
            fired.add(cue.name)
    ents = doc.entities
    if ents.urls:
        scores[Category.EXTREMIST_CONTENT_ONLINE] += 1.0
    if ents.social_handles and _ONLINE_NOUN.search(lower):
        scores[Category.EXTREMIST_CONTENT_ONLINE] += 0.5
    if doc.protected is not None:
        scores[Category.THREAT_TO_PERSON] += 1.0
    doc.signals = fired
    doc.category_scores = scores
    doc.category = _decide(doc, scores, fired)
    doc.hate_strand = _strand(lower) if doc.category == Category.HATE_INCIDENT else None


def _decide(doc: Doc, scores: dict[str, float], fired: set[str]) -> Category:
    lower = doc.lower
    protected = doc.protected is not None and doc.protected.role != "public_figure"
    threat = "threat_words" in fired
    hate = bool({"hate_abuse", "hate_target"} & fired)
    best = Category(max(scores.items(), key=lambda kv: (kv[1], -_PRIORITY.index(Category(kv[0]))))[0])
    top = scores[best]

    if top < 2.0:
        return (
            Category.NOT_RELEVANT
            if not fired - {"item_object", "online_material", "recon_site"}
            else (Category.SUSPICIOUS_BEHAVIOUR_OTHER if top >= 1.0 else Category.NOT_RELEVANT)
        )
    if {"nr_scam", "nr_test"} & fired and not threat:
        return Category.NOT_RELEVANT
    if "nr_innocent" in fired and not threat and not hate:
        return Category.NOT_RELEVANT
    if _joke(lower):
        doc.signals.add("joke")
        if doc.office_holder_mentioned:
            return Category.THREAT_TO_PERSON
        if not hate:
            return Category.NOT_RELEVANT
    item = ("item_unattended" in fired and "item_object" in fired) or "item_suspicious" in fired
    if item and "weapon_brandish" not in fired and scores[Category.SUSPICIOUS_ITEM] >= 3.5:
        return Category.SUSPICIOUS_ITEM
    if "threat_hoax" in fired:
        return Category.THREAT_TO_PERSON
    if protected:
        if hate and not threat and "threat_fixation" not in fired:
            return Category.HATE_INCIDENT
        if _OFFICE_PERSON_RECON.search(lower) or threat or "threat_fixation" in fired:
            return Category.THREAT_TO_PERSON
        if {"recon_filming", "recon_questions"} & fired and _SITE_RECON.search(lower):
            return Category.HOSTILE_RECONNAISSANCE
        # No threat and no fixation: whatever else the report is about, if anything.
        others = {c: v for c, v in scores.items() if c != Category.THREAT_TO_PERSON}
        other = Category(max(others.items(), key=lambda kv: (kv[1], -_PRIORITY.index(Category(kv[0]))))[0])
        return other if others[other] >= 1.5 else Category.THREAT_TO_PERSON
    hate_score = scores[Category.HATE_INCIDENT]
    if hate and hate_score >= 2.0 and best != Category.HATE_INCIDENT:
        # Hostility to a private person for who they are is a hate incident even with a threat
        # in it; online material about it without a link or handle is a witness's video.
        no_link = not doc.entities.urls and not doc.entities.social_handles
        if best in {
            Category.THREAT_TO_PERSON,
            Category.WEAPONS_EXPLOSIVES,
            Category.NOT_RELEVANT,
            Category.SUSPICIOUS_BEHAVIOUR_OTHER,
        } or (best == Category.EXTREMIST_CONTENT_ONLINE and no_link and "hate_abuse" in fired):
            return Category.HATE_INCIDENT
        if best == Category.RADICALISATION_CONCERN and hate_score >= scores[best]:
            return Category.HATE_INCIDENT
    about_person = "rad_person" in fired and not doc.entities.urls
    if (
        best == Category.EXTREMIST_CONTENT_ONLINE
        and scores[Category.RADICALISATION_CONCERN] >= scores[best] - 0.5
        and about_person
    ):
        return Category.RADICALISATION_CONCERN
    if best == Category.WEAPONS_EXPLOSIVES and threat and _PERSON_TARGET.search(lower):
        return Category.THREAT_TO_PERSON
    return best


def _strand(lower: str) -> HateStrand:
    counts = {name: len(set(rx.findall(lower))) for name, rx in HATE_STRANDS}
    best = max(counts.items(), key=lambda kv: kv[1])
    return HateStrand(best[0]) if best[1] else HateStrand.RACE
