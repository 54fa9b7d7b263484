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

from vigil.triage.cues import CUE_BY_NAME
from vigil.triage.enums import Category, Urgency
from vigil.triage.stages.doc import Doc, matches_for
from vigil.triage.stages.times import _local_date

_ALARM = re.compile(r"!!!|\b(?:SEND SOMEONE|SEND HELP|HELP|COME QUICK|PLEASE HURRY)\b")
# Someone described doing something as the reporter writes ("he is pouring", "they're climbing"):
# a present progressive, not a plan ("is going to"). Verbs of thinking, talking, messaging and
# states say nothing about danger now, so they do not count.
_ONGOING = re.compile(
    r"(?<!\bthere )(?<!\bwhat )(?<!\bthat )\b(?:is|are|he's|she's|they're|hes|shes|theyre)"
    r"\s+(?:still\s+|now\s+|currently\s+)?([a-z]+ing)\b(?!\s+to\b)"
)
_NOT_ACTION = frozenset(
    [
        "going",
        "being",
        "saying",
        "thinking",
        "wondering",
        "hoping",
        "asking",
        "looking",
        "trying",
        "getting",
        "doing",
        "having",
        "reporting",
        "calling",
        "writing",
        "ringing",
        "worrying",
        "planning",
        "staying",
        "living",
        "working",
        "selling",
        "posting",
        "sending",
        "messaging",
        "texting",
        "telling",
        "talking",
        "claiming",
        "bringing",
        "coming",
        "leaving",
        "meeting",
        "visiting",
        "starting",
        "using",
        "making",
        "taking",
        "buying",
        "offering",
        "sharing",
        "streaming",
        "recording",
        "filming",
        "deciding",
        "considering",
        "drinking",
        "eating",
        "sleeping",
        "missing",
        "escalating",
        "increasing",
        "worsening",
        "refusing",
        "denying",
        "pretending",
        "studying",
        "training",
        "learning",
        "paying",
        "renting",
        "moving",
        "applying",
    ]
)

_BASE = {Urgency.IMMEDIATE: 0.9, Urgency.HIGH: 0.7, Urgency.STANDARD: 0.45, Urgency.LOW: 0.15}


def _upcoming_days(doc: Doc) -> int | None:
    """Days from submission to the nearest named future date (0 = today), if any."""
    today = _local_date(doc.report.submitted_at)
    ahead = [(t.on - today).days for t in doc.entities.times if t.on is not None and t.on >= today]
    return min(ahead) if ahead else None


def _future_days(doc: Doc) -> int | None:
    """Days from submission to the nearest named date after today, if any."""
    today = _local_date(doc.report.submitted_at)
    ahead = [(t.on - today).days for t in doc.entities.times if t.on is not None and t.on > today]
    return min(ahead) if ahead else None


def urgency(doc: Doc) -> tuple[Urgency, list[str]]:
    cat, sig = doc.category, doc.signals
    m = matches_for(doc)
    why: list[str] = []
    if cat == Category.NOT_RELEVANT:
        return Urgency.LOW, ["not relevant to counter-terrorism, hate or threats"]
    live_attack = (m.has("attack_ing") or m.has("weapon_in_use")) and not m.has("attack_ing_past")
    imminent = m.has("device_imminent")  # a claimed device due to go off
    now = bool(m.has("now") or m.has("alarm_words") or _ALARM.search(doc.text) or live_attack or imminent)
    # the safety net for emergencies worded in ways no cue knows: danger described as going on
    ongoing = _ongoing(doc) if not now else None
    item_now = now or m.has("item_now")
    left = m.has("left_scene")
    # a fire burning now is a risk to life whether or not whoever set it has gone
    # (and so are people lying hurt: the risk to life stays when the attacker has run off)
    fire = m.has("fire_now") or m.has("casualties_now")
    gone = (left or m.has("subject_gone")) and not fire  # the reporter or the person reported has left
    # the people at risk hiding, whispering, shut in or kept in: danger now, however it is worded
    sheltering = m.has("victim_sheltering") or "threat_held" in sig
    # people attacked, chased or driven at, or fuel spread where they are (the 1.7.1 safety net)
    attack = m.has("danger_attack") or m.has("danger_fire")
    danger_now = (sheltering or fire) and not m.has("earlier_past") and not m.has("attack_ing_past")
    # asking for help is about now; an old detail in a report about something going on now or
    # next ("keeps posting", "tonight", "this evening") is background, not the event's age
    old = m.has("old") and "self_referral" not in sig and not m.has("current")
    days = _upcoming_days(doc)
    future = _future_days(doc)
    soon = days is not None and days <= 1 and m.has("soon_words")
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
    if m.has("resolved") and not m.has("resolved_unknown"):
        return Urgency.LOW, [*why, "says the matter was resolved"]
    if cat == Category.SUSPICIOUS_ITEM:
        # An item reported without a sign that the reporter has left, or that it was earlier, is there now.
        earlier = m.has("earlier")
        if not now and m.has("there_for_days"):  # there for days, nothing new today
            return Urgency.STANDARD, [*why, "the item has been there for days"]
        if m.has("site_cleared") and not now:
            # everyone already out of the place and waiting outside: nobody is about to go near it
            return Urgency.HIGH, [*why, "the place has been cleared"]
        if old and not now:
            # told months later ("back in September"): background, not an item there now
            return Urgency.LOW, [*why, "describes an old event"]
        if not left and (item_now or not earlier):
            return Urgency.IMMEDIATE, [*why, "an unattended item is there now"]
        # seen on an earlier day and not since: older news than an item just left
        past_day = m.has("yesterday") or (m.has("earlier_past") and (left or not m.has("current")))
        return (Urgency.HIGH if not past_day else Urgency.STANDARD), [
            *why,
            "item's status is unknown",
        ]
    if old:
        return Urgency.LOW, [*why, "describes an old event"]
    if cat == Category.WEAPONS_EXPLOSIVES:
        found = "weapon_found" in sig and "weapon_brandish" not in sig  # found is not being shown
        shown_now = m.has("weapon_in_use")  # a weapon being waved or swung about now ("waving it about")
        in_use = {"weapon_brandish", "weapon_held", "vehicle_ramming", "shots_fired", "device_worn"} & sig
        if (
            m.has("physical_sale")
            and not shown_now
            and not {"weapon_brandish", "vehicle_ramming", "shots_fired", "device_worn"} & sig
        ):
            in_use = set()  # a weapon offered for sale is present, not being used on anyone (high)
        elif shown_now:
            in_use = in_use | {"weapon_in_use"}
        if attack:
            in_use = in_use | {"danger_attack"}  # a weapon or vehicle used on people, however named
        if m.has("armed_entering") and {"firearm", "knife"} & set(doc.entities.weapons) and not found:
            in_use = in_use | {"armed_entering"}  # a gun or knife carried into a place where people are
        if (now or ongoing or danger_now) and in_use and not gone and not found:
            return Urgency.IMMEDIATE, [*why, *_ongoing_why(ongoing), "a weapon is being shown or used now"]
        # Weapons seen in the past (last weekend, for weeks) and nothing today are standard;
        # present now, today, found or stolen, or precursors, are high.
        recent = now or soon or days == 0 or not m.has("earlier_past")
        if {"weapon_brandish", "weapon_found", "weapon_precursor"} & sig or now or soon:
            return Urgency.HIGH, [*why, "weapons or precursors are present"]
        if "weapon_held" in sig and recent:
            return Urgency.HIGH, [*why, "weapons or precursors are present"]
        return Urgency.STANDARD, why
    if cat == Category.THREAT_TO_PERSON:
        armed = doc.entities.weapons or {"weapon_any", "weapon_held", "weapon_brandish"} & sig
        # a post or message, not in person (unless the sender is at the door now)
        # (a message from someone shut in or being attacked now is no remote threat)
        remote = (
            m.has("remote_threat")
            and not live_attack
            and not m.has("in_person")
            and not attack
            and not danger_now
        )
        # heard second-hand, with no sign of anything going on: the reporter knows of no danger now
        hearsay = m.has("hearsay") and not (m.has("alarm_words") or live_attack or attack or danger_now)
        if hearsay and days is None:
            return Urgency.LOW, [*why, "second-hand, with no date"]
        if (
            (now or ongoing or danger_now)
            and not gone
            and not remote
            and (
                armed
                or {
                    "threat_words",
                    "threat_intent",
                    "threat_mob_home",
                    "threat_claimed_device",
                    "threat_doused",
                }
                & sig
                or danger_now
                or attack
                or m.has("weapon_at_person")  # "he'll do them in", "held to her throat"
            )
        ):
            if imminent and "threat_claimed_device" in sig:
                return Urgency.IMMEDIATE, [*why, "a claimed device is due to go off"]
            claimed_only = (
                "threat_claimed_device" in sig
                and not set(doc.entities.weapons) - {"explosive_device"}  # the claimed bomb is no weapon seen
                and "weapon_brandish" not in sig
                and not danger_now
                and not {"threat_words", "threat_intent", "threat_mob_home", "threat_doused"} & sig
                and not m.has("weapon_at_person")
            )
            if claimed_only and m.has("site_cleared") and not m.has("in_person") and not live_attack:
                # a phoned warning of a device nobody has seen, not due to go off within the hour,
                # and everyone already out of the place: nobody is about to approach it (high)
                return Urgency.HIGH, [*why, "a claimed device, and the place already cleared"]
            return Urgency.IMMEDIATE, [*why, *_ongoing_why(ongoing), "a threat is being carried out now"]
        threat = {"threat_words", "threat_intent", "threat_claimed_device"} & sig
        fixation = {"threat_fixation", "threat_stalking"} & sig
        if (
            (threat and m.has("specific_threat"))
            or (fixation and m.has("home_targeted"))
            or (days is not None and days <= 14)
        ):
            return Urgency.HIGH, [*why, "the threat is specific"]
        return Urgency.STANDARD, why
    if cat == Category.HATE_INCIDENT:
        if (
            (now or ongoing or danger_now)
            and not gone
            and (
                {"threat_words", "threat_intent", "weapon_held", "weapon_brandish"} & sig
                or live_attack
                or danger_now
                or attack
                or m.has("violence")
                or doc.entities.weapons
            )
        ):
            return Urgency.IMMEDIATE, [*why, *_ongoing_why(ongoing), "an attack is in progress"]
        if {"threat_words", "threat_intent"} & sig and future is not None and future <= 14:
            return Urgency.HIGH, [*why, "a threat tied to a coming date"]
        return Urgency.STANDARD, why
    if cat == Category.HOSTILE_RECONNAISSANCE:
        event_today = m.has("event_today") and days == 0
        if m.has("vague") and not now and not event_today:
            return Urgency.LOW, [*why, "the concern is vague"]
        if (now and not left) or soon or event_today:
            return Urgency.HIGH, [*why, "reconnaissance of a site that is busy now"]
        return Urgency.STANDARD, why
    if cat in {
        Category.EXTREMIST_CONTENT_ONLINE,
        Category.RADICALISATION_CONCERN,
        Category.SUSPICIOUS_FINANCE_TRAVEL,
        Category.SUSPICIOUS_BEHAVIOUR_OTHER,
    }:
        if m.has("vague") and days is None:
            return Urgency.LOW, [*why, "the concern is vague"]
        # a date today counts as a plan only when it is still to come ("tonight", "departing")
        plan_days = future if future is not None else (0 if days == 0 and m.has("future_today") else None)
        if plan_days is not None and plan_days <= 7 and m.has("dated_plan"):
            return Urgency.HIGH, [*why, "a dated plan"]
        if cat == Category.EXTREMIST_CONTENT_ONLINE and m.has("call_to_action"):
            return Urgency.HIGH, [*why, "calls people to act against a target"]
        return Urgency.STANDARD, why
    return Urgency.STANDARD, why


def ongoing_action(doc: Doc) -> str | None:
    """The first action described as going on now, if any (see `_ongoing`)."""
    return _ongoing(doc)


def _ongoing(doc: Doc) -> str | None:
    """The first action described as going on now ("is pouring"), unless the report places
    the event in the past; None when there is none."""
    m = matches_for(doc)
    if m.has("earlier_past") or m.has("attack_ing_past"):
        return None
    for found in _ONGOING.finditer(doc.lower):
        if found.group(1) not in _NOT_ACTION:
            return found.group(0)
    return None


def _ongoing_why(ongoing: str | None) -> list[str]:
    return [f"describes it as going on ({ongoing!r})"] if ongoing else []


_UP = {Urgency.LOW: Urgency.STANDARD, Urgency.STANDARD: Urgency.HIGH}


def protected_site_urgency(doc: Doc, level: Urgency, why: list[str]) -> tuple[Urgency, list[str]]:
    """A report that targets a protected person's premises or upcoming surgery is raised.

    One level up, and at least ``high`` when a surgery or event there is within a fortnight;
    never for what is not relevant or reads as a joke.
    """
    if doc.protected_site is None or doc.category == Category.NOT_RELEVANT or "joke" in doc.signals:
        return level, why
    days = doc.protected_event_days
    raised = _UP.get(level, level)
    if days is not None and days <= 14 and raised != Urgency.IMMEDIATE:
        raised = Urgency.HIGH
    if raised == level:
        return level, why
    when = "" if days is None else " today" if days == 0 else " tomorrow" if days == 1 else f" in {days} days"
    note = "targets a protected person's premises" + (f"; a surgery or event there{when}" if when else "")
    return raised, [*why, note]


def score(doc: Doc) -> None:
    level, why = protected_site_urgency(doc, *urgency(doc))
    doc.urgency = level
    reasons: list[str] = [doc.tiebreak] if doc.tiebreak else []
    seen: set[str] = set()
    for cue_name in sorted(doc.signals, key=lambda n: (-_weight(n), n)):  # ties by name: same order every run
        cue = CUE_BY_NAME.get(cue_name)
        reason = cue.reason if cue else None
        if cue and reason and reason not in seen and cue.category == doc.category:
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
    cue = CUE_BY_NAME.get(name)
    return cue.weight if cue else 0.0


def _margin(doc: Doc) -> float:
    """How clearly the chosen category won, in [-0.5, 0.5]."""
    ordered = sorted(doc.category_scores.values(), reverse=True)
    if len(ordered) < 2 or ordered[0] <= 0:
        return -0.5
    return max(-0.5, min(0.5, (ordered[0] - ordered[1]) / max(ordered[0], 1.0) - 0.25))


__all__ = ["score", "timedelta"]
