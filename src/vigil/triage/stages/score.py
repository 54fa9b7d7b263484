"""Stage 6, score: urgency, a 0-1 priority score and the reasons behind them.

Contract: reads the category, signals, entities and time mentions; writes `doc.urgency`,
`doc.score` and `doc.reasons` (short human-readable evidence, most important first).

Urgency follows the labelling guide: `immediate` = risk to life now or an unattended item
present now with the reporter still there; `high` = a specific credible threat (time, place,
target or weapon) or weapons/precursors present, imminent travel, an item whose status is
unknown; `standard` = default; `low` = old, vague, resolved, a joke, and every not_relevant.
"""

from __future__ import annotations

import re
from datetime import timedelta

from vigil.triage.cues import CUES
from vigil.triage.enums import Category, Urgency
from vigil.triage.stages.doc import Doc
from vigil.triage.stages.times import _local_date

_REASON = {cue.name: cue.reason for cue in CUES}

_NOW = re.compile(
    r"\b(?:right now|just now|is still there|still there|it's still there|its still there|still here|still in the|"
    r"is there now|are there now|still (?:outside|inside|in (?:her|his|the) car|watching)|on the line|"
    r"is outside|are outside|outside (?:right )?now|currently|at the moment|as we speak|happening now|"
    r"is now standing|has moved everyone|locked (?:inside|the doors|in)|caller is (?:inside|watching|in|at|"
    r"standing|driving)|caller has pulled in|can still see|can see him|still in the area|is busy with|"
    r"packed platform|nobody has (?:come|so much as)|now \d+(?:\.\d+)?|it's now|its now|been there (?:at least|for|since)|"
    r"for approx \d+ mins|for \d+ mins|people queuing|tingling|livestream\w*)\b"
)
_ALARM = re.compile(r"!!!|\b(?:SEND SOMEONE|SEND HELP|HELP|COME QUICK|PLEASE HURRY)\b|\bkids everywhere\b")
_LEFT_SCENE = re.compile(
    r"\b(?:gone home|went home|i'm home|im home|i am home|had to (?:get|catch|leave)|don't know (?:what happened|if it's still)|"
    r"do not know if|didn't see what happened|left the scene|caller has now left|since left|walked off|we've gone|"
    r"no longer there|don't know whether)\b"
)
_RESOLVED = re.compile(
    r"\b(?:all fine|belonged to someone|took it away|was claimed|turned out to be|false alarm|been dealt with|"
    r"already (?:reported|dealt)|just for your records|for the record)\b"
)
_OLD = re.compile(
    r"\b(?:back in (?:the )?(?:\w+ )?(?:20\d\d|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|autumn|spring|summer|winter)|last (?:summer|autumn|winter|spring|year)|years? ago|months ago|"
    r"a long time ago|long time ago|old news|around 20\d\d|in 20[01]\d|been there months|for months|some have been there weeks|"
    r"only just found|has been there for (?:months|weeks)|never reported it)\b"
)
_VAGUE = re.compile(
    r"\b(?:nothing specific|general feeling|no one's said anything violent|not sure if this is anything|"
    r"probably (?:nothing|someone|a|an|just)|could be a hobby|just letting you know|is this legal|"
    r"seems well-meaning|well-meaning|harmless|in case\.?$)"
)
_SPECIFIC_THREAT = re.compile(
    r"\b(?:not joking|dead serious|bullet|shotgun|knife|gun|petrol|crosshair|i know where|waiting outside|"
    r"see you at|surgery|hustings|meeting|tomorrow|tonight|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"this (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|is the day|follow(?:ed)?|home address|"
    r"photo of my (?:front door|street)|children's school|we know where|where you sleep|days are numbered|"
    r"will come and collect|which window|burn|livestream)\b"
)
_BASE = {Urgency.IMMEDIATE: 0.9, Urgency.HIGH: 0.7, Urgency.STANDARD: 0.45, Urgency.LOW: 0.15}


def _upcoming_days(doc: Doc) -> int | None:
    """Days from submission to the nearest named future date (0 = today), if any."""
    today = _local_date(doc.report.submitted_at)
    ahead = [(t.on - today).days for t in doc.entities.times if t.on is not None and t.on >= today]
    return min(ahead) if ahead else None


def urgency(doc: Doc) -> tuple[Urgency, list[str]]:
    cat, lower, sig = doc.category, doc.lower, doc.signals
    why: list[str] = []
    if cat == Category.NOT_RELEVANT:
        return Urgency.LOW, ["not relevant to counter-terrorism, hate or threats"]
    now = bool(_NOW.search(lower) or _ALARM.search(doc.text))
    left = bool(_LEFT_SCENE.search(lower))
    old = bool(_OLD.search(lower))
    days = _upcoming_days(doc)
    soon = (
        days is not None
        and days <= 1
        and bool(re.search(r"\b(?:tomorrow|tonight|today|this (?:morning|afternoon|evening))\b", lower))
    )
    if now:
        why.append("says it is happening now")
    if days is not None and days <= 14 and not old:
        why.append(
            "names a time today"
            if days == 0
            else "names a time tomorrow"
            if days == 1
            else f"names a date in {days} days"
        )
    if "joke" in sig:
        return Urgency.LOW, [*why, "reads as a joke"]
    if _RESOLVED.search(lower):
        return Urgency.LOW, [*why, "says the matter was resolved"]
    if cat == Category.SUSPICIOUS_ITEM:
        # An item reported without a sign that the reporter has left, or that it was earlier, is there now.
        earlier = bool(
            re.search(
                r"\b(?:yesterday|last (?:week|night)|earlier|on (?:monday|tuesday|wednesday|thursday|"
                r"friday|saturday|sunday))\b",
                lower,
            )
        )
        if not left and (now or not earlier):
            return Urgency.IMMEDIATE, [*why, "an unattended item is there now"]
        return (Urgency.HIGH if not re.search(r"\byesterday\b", lower) else Urgency.STANDARD), [
            *why,
            "item's status is unknown",
        ]
    if old:
        return Urgency.LOW, [*why, "describes an old event"]
    if cat == Category.WEAPONS_EXPLOSIVES:
        if now and "weapon_brandish" in sig and not left:
            return Urgency.IMMEDIATE, [*why, "a weapon is being shown now"]
        if {"weapon_brandish", "weapon_found", "weapon_precursor"} & sig or now or soon:
            return Urgency.HIGH, [*why, "weapons or precursors are present"]
        return Urgency.STANDARD, why
    if cat == Category.THREAT_TO_PERSON:
        if now and not left and (doc.entities.weapons or "threat_words" in sig):
            return Urgency.IMMEDIATE, [*why, "a threat is being carried out now"]
        if ("threat_words" in sig and _SPECIFIC_THREAT.search(lower)) or (days is not None and days <= 14):
            return Urgency.HIGH, [*why, "the threat is specific"]
        return Urgency.STANDARD, why
    if cat == Category.HATE_INCIDENT:
        if (now and "threat_words" in sig) or (now and "locked" in lower):
            return Urgency.IMMEDIATE, [*why, "an attack is in progress"]
        return Urgency.STANDARD, why
    if cat == Category.HOSTILE_RECONNAISSANCE:
        if _VAGUE.search(lower) and not now:
            return Urgency.LOW, [*why, "the concern is vague"]
        if (
            (now and not left)
            or soon
            or (re.search(r"\b(?:tonight|concert|match|today)\b", lower) and days == 0)
        ):
            return Urgency.HIGH, [*why, "reconnaissance of a site that is busy now"]
        return Urgency.STANDARD, why
    if cat in {
        Category.EXTREMIST_CONTENT_ONLINE,
        Category.RADICALISATION_CONCERN,
        Category.SUSPICIOUS_FINANCE_TRAVEL,
        Category.SUSPICIOUS_BEHAVIOUR_OTHER,
    }:
        if _VAGUE.search(lower) and days is None:
            return Urgency.LOW, [*why, "the concern is vague"]
        if (
            days is not None
            and days <= 7
            and re.search(
                r"\b(?:will|is the day|flight|flights?|departs|do something|going to|wants?|for next|heaviest)\b",
                lower,
            )
        ):
            return Urgency.HIGH, [*why, "a dated plan"]
        return Urgency.STANDARD, why
    return Urgency.STANDARD, why


def score(doc: Doc) -> None:
    level, why = urgency(doc)
    doc.urgency = level
    reasons: list[str] = []
    seen: set[str] = set()
    for cue_name in sorted(doc.signals, key=lambda n: -_weight(n)):
        reason = _REASON.get(cue_name)
        if reason and reason not in seen and _cue_category(cue_name) == doc.category:
            seen.add(reason)
            reasons.append(reason)
    if doc.entities.weapons:
        reasons.append("mentions a weapon (" + ", ".join(doc.entities.weapons) + ")")
    if doc.protected is not None:
        reasons.append(doc.protected.reason)
    reasons = [*why, *reasons]
    doc.reasons = list(dict.fromkeys(reasons))[:8]
    margin = _margin(doc)
    doc.score = round(min(1.0, max(0.0, _BASE[level] + 0.1 * margin)), 3)


def _weight(name: str) -> float:
    return next((c.weight for c in CUES if c.name == name), 0.0)


def _cue_category(name: str) -> str:
    return next((c.category for c in CUES if c.name == name), "")


def _margin(doc: Doc) -> float:
    """How clearly the chosen category won, in [-0.5, 0.5]."""
    ordered = sorted(doc.category_scores.values(), reverse=True)
    if len(ordered) < 2 or ordered[0] <= 0:
        return -0.5
    return max(-0.5, min(0.5, (ordered[0] - ordered[1]) / max(ordered[0], 1.0) - 0.25))


__all__ = ["score", "timedelta"]
