"""Stage 6, tie-break: the labelling guide's tie-break rules, applied after classification.

Contract: reads `doc.category`, `doc.signals`, `doc.protected`, `doc.entities` and the cue
matches; may replace `doc.category` (and sets `doc.hate_strand` to None when the category is
no longer `hate_incident`); records the rule that decided in `doc.tiebreak` (a reason the
score stage puts in the result) and adds `tiebreak:<rule>` to `doc.signals`.

The classifier (rules or a model) picks the category with the most evidence; where a report
fits more than one category, the guide says which wins. The rules below are applied once each,
in the guide's order (the numbers are the guide's), and each is driven by general cues
(`cues_tiebreak.py`), not by any one report's wording:

2. threats, fixation or stalking aimed at an office holder or public figure are
   `threat_to_person`, whatever the report is otherwise about;
3. a weapon aimed or brandished at an identifiable person, or used with a threat to one, is
   `threat_to_person`, not `weapons_explosives`;
4. watching one person's home, car or movements (not a site's security) is fixation, so
   `threat_to_person`, not `hostile_reconnaissance`;
5. a device claimed by phone, letter or message that nobody has seen is `threat_to_person`,
   not `suspicious_item`; materials stored in a private place (seen, not left anywhere) are
   `weapons_explosives`, not `suspicious_item`;
6. material online versus a person: a report about a video or page, with no sign of anyone
   being drawn in, is `extremist_content_online`; a person engaging with extremist ideas and
   no one targeted is `radicalisation_concern`, not `hate_incident`; online material that is
   not extremist is about what it sells or raises (weapons, money);
8. the report's own innocent explanation, checked by the reporter and not doubted, makes it
   `not_relevant` (unless there is a threat or hostility).

Last, the safety net for present danger (rules-1.7.1): a report that no category cue placed
but that describes danger to people now (people attacked, chased or driven at, fuel spread
where people are, someone shut in with an attacker, a leaking container or one carried by a
drone, something washed up that people are handling) is never `not_relevant`: an item is
`suspicious_item`, an attack on someone the victim knows `threat_to_person` (guide rule 3),
any other attack on the public `weapons_explosives`.

Rules 1 (the main concern wins) and 7 (ordinary crime vs vague concerns) are how the cue
weights work, not tie-breaks.
"""

from __future__ import annotations

from collections.abc import Callable

from vigil.triage.enums import Category, ProtectedRole
from vigil.triage.stages.doc import Doc, matches_for
from vigil.triage.stages.score import ongoing_action

_THREAT = frozenset({"threat_words", "threat_intent"})
_FIXATION = frozenset({"threat_fixation", "threat_stalking"})
_HATE = frozenset({"hate_abuse", "hate_target", "hate_general", "hate_self"})
_HATE_ACT = frozenset({"hate_target", "hate_general", "hate_self"})
_WEAPON = frozenset({"weapon_any", "weapon_seen", "weapon_held", "weapon_brandish"})
_ITEM_LEFT = frozenset({"item_left", "item_unattended"})
# someone the threat is aimed at, in the threat's sentence
_PERSON_WORDS = frozenset({"him", "her", "them", "you", "me", "us"})
_ITEM_SEEN = frozenset(
    {"item_left", "item_unattended", "item_suspicious", "item_device", "item_under_vehicle"}
)
_DRAWN_IN = frozenset({"rad_change", "rad_general", "rad_ideology", "rad_recruiting", "self_referral"})
_EXTREMIST = frozenset({"online_extremist", "rad_ideology"}) | _HATE | _THREAT
_WEAPON_MAKING = frozenset({"weapon_making", "weapon_precursor", "weapon_stock"})
#: What an advert online may really be about: (category, the pattern saying the thing is
#: physical, the cues that must have fired for that category).
_ADVERT_FOR = (
    (Category.WEAPONS_EXPLOSIVES, "physical_sale", frozenset({"weapon_held", "weapon_any"})),
    (Category.SUSPICIOUS_FINANCE_TRAVEL, "cash_in_person", frozenset({"ft_money", "ft_general"})),
)

Rule = Callable[[Doc], tuple[Category, str] | None]


def _office_or_public_figure(doc: Doc) -> tuple[Category, str] | None:
    """Guide 2: threats or fixation aimed at an office holder or public figure."""
    if doc.protected is None or doc.category in {
        Category.THREAT_TO_PERSON,
        Category.NOT_RELEVANT,
        Category.SUSPICIOUS_ITEM,
    }:
        return None
    if doc.protected.role != ProtectedRole.PUBLIC_FIGURE:
        return None  # office holders are handled by the classifier's precedence (hate vs threat)
    if (_THREAT | _FIXATION) & doc.signals:
        return Category.THREAT_TO_PERSON, "threat or fixation aimed at a public figure (guide rule 2)"
    return None


def _weapon_at_person(doc: Doc) -> tuple[Category, str] | None:
    """Guide 3: a weapon used to threaten an identifiable person."""
    if doc.category != Category.WEAPONS_EXPLOSIVES:
        return None
    m = matches_for(doc)
    threats = _THREAT & doc.signals
    if (
        m.has("weapon_at_person")
        or _same_sentence(doc, threats, "person_target")
        or _same_sentence(doc, threats, "person_role")  # "sort out the supervisor"
    ):
        return Category.THREAT_TO_PERSON, "a weapon aimed at an identifiable person (guide rule 3)"
    if _weapon_only_in_threat(doc):
        # "texts saying he will come round with a blade": the weapon is the threat's, not one seen
        return Category.THREAT_TO_PERSON, "a weapon named only in a threat to a person (guide rule 3)"
    if "threat_office" in doc.signals and {"weapon_brandish", "weapon_held"} & doc.signals:
        # a weapon shown at an office holder's office, surgery or home targets the office holder
        return Category.THREAT_TO_PERSON, "a weapon shown at an office holder's office or home (guide rule 3)"
    return None


def _weapon_only_in_threat(doc: Doc) -> bool:
    """Whether every weapon cue lies inside a threat aimed at someone (nobody saw a weapon)."""
    threats = _THREAT & doc.signals
    weapons = _WEAPON & doc.signals
    if not threats or not weapons:
        return False
    m = matches_for(doc)
    threat_spans = [span for cue in threats for span in m.find(cue)]
    words, sent = m.tokens.words, m.tokens.sentence
    threat_sents = {sent[s] for s, _ in threat_spans}
    aimed = any(sent[j] in threat_sents and w in _PERSON_WORDS for j, w in enumerate(words))
    if not (aimed or m.has("person_target") or m.has("weapon_at_person")):
        return False
    return all(any(s < te and ts < e for ts, te in threat_spans) for cue in weapons for s, e in m.find(cue))


def _same_sentence(doc: Doc, cues: set[str] | frozenset[str], pattern: str) -> bool:
    """Whether any of `cues` and `pattern` match in the same sentence (a threat and its target)."""
    m = matches_for(doc)
    if not cues or not m.has(pattern):
        return False
    sent = m.tokens.sentence
    targets = {sent[s] for s, _ in m.find(pattern)}
    return any(sent[s] in targets for cue in cues for s, _ in m.find(cue))


def _one_persons_home(doc: Doc) -> tuple[Category, str] | None:
    """Guide 4: watching one person's home, car or movements is fixation."""
    if doc.category != Category.HOSTILE_RECONNAISSANCE:
        return None
    m = matches_for(doc)
    if m.has("person_watch") and not m.has("site_recon"):
        return Category.THREAT_TO_PERSON, "watches one person's home or movements (guide rule 4)"
    return None


def _claimed_or_stored(doc: Doc) -> tuple[Category, str] | None:
    """Guide 5: a claimed device nobody has seen is a threat; materials kept in a private
    place, not left anywhere, are weapons."""
    if doc.category not in {Category.SUSPICIOUS_ITEM, Category.WEAPONS_EXPLOSIVES}:
        return None
    m = matches_for(doc)
    claimed = m.has("warning_call") or bool({"threat_hoax", "threat_claimed_device"} & doc.signals)
    unseen = m.has("no_device") or not (_ITEM_SEEN & doc.signals)
    if claimed and unseen:
        return Category.THREAT_TO_PERSON, "a claimed device that nobody has seen (guide rule 5)"
    if (
        doc.category == Category.SUSPICIOUS_ITEM
        and not (_ITEM_LEFT & doc.signals)
        and (len(doc.entities.materials) >= 3 or "weapon_making" in doc.signals)
        and _WEAPON_MAKING & doc.signals
    ):
        return Category.WEAPONS_EXPLOSIVES, "materials kept in a private place, not left (guide rule 5)"
    return None


def _material_or_person(doc: Doc) -> tuple[Category, str] | None:
    """Guide 6: material online versus a person being drawn in."""
    m = matches_for(doc)
    sig = doc.signals
    if doc.category == Category.RADICALISATION_CONCERN:
        material = "online_material" in sig and (
            "online_extremist" in sig or bool(doc.entities.urls or doc.entities.social_handles)
        )
        if material and not (_DRAWN_IN & sig) and not m.has("person_engages"):
            return Category.EXTREMIST_CONTENT_ONLINE, "about material online, nobody drawn in (guide rule 6)"
    engages = m.has("person_engages") and ("rad_ideology" in sig or "online_material" in sig)
    if doc.category == Category.HATE_INCIDENT and engages and not ((_HATE_ACT | _THREAT) & sig):
        return Category.RADICALISATION_CONCERN, "a person engaging with extremist ideas (guide rule 6)"
    if doc.category == Category.EXTREMIST_CONTENT_ONLINE and m.has("money_destination") and "ft_money" in sig:
        # a fundraiser whose money goes to an account or a person is about the money, even when
        # its posters are extremist
        return Category.SUSPICIOUS_FINANCE_TRAVEL, "money raised online and where it goes (guide rule 6)"
    if doc.category == Category.EXTREMIST_CONTENT_ONLINE and not (_EXTREMIST & sig):
        for other, physical, cues in _ADVERT_FOR:
            if m.has(physical) and cues & sig:
                return (
                    other,
                    "online material that is not extremist: about what it sells or raises (guide rule 6)",
                )
    return None


def _innocent_explanation(doc: Doc) -> tuple[Category, str] | None:
    """Guide 8: a clear innocent explanation that the reporter checked."""
    if doc.category == Category.NOT_RELEVANT or (_THREAT | _HATE) & doc.signals:
        return None
    m = matches_for(doc)
    if m.has("benign_purpose") and m.has("explained") and not m.has("doubt"):
        return Category.NOT_RELEVANT, "the report gives an innocent explanation it checked (guide rule 8)"
    return None


_DANGER = ("danger_attack", "danger_fire", "danger_item")
# an attacker with the people shut in: a weapon, a threat, violence, someone at the door
_ATTACKER = frozenset({"violence", "in_person", "weapon_in_use", "danger_fire", "danger_attack"})


def _present_danger(doc: Doc) -> tuple[Category, str] | None:
    """The safety net: danger to people now is never `not_relevant`."""
    if doc.category != Category.NOT_RELEVANT or "joke" in doc.signals:
        return None
    m = matches_for(doc)
    found = [p for p in _DANGER if m.has(p)]
    armed = bool(doc.entities.weapons or (_THREAT | _WEAPON) & doc.signals) or any(
        m.has(p) for p in _ATTACKER
    )
    if m.has("victim_sheltering") and armed:
        found.append("victim_sheltering")
    if not found or m.has("danger_not_real") or m.has("old") or m.has("earlier_past"):
        return None
    if m.has("benign_purpose") and m.has("explained") and not m.has("doubt"):
        return None  # an innocent explanation the reporter checked (guide rule 8)
    item = found == ["danger_item"]
    if not item:
        present = m.has("now") or m.has("alarm_words") or m.has("attack_ing") or m.has("weapon_in_use")
        if m.has("attack_ing_past") or not (present or ongoing_action(doc)):
            return None  # told as something that happened, not as it happens
    words = "; ".join(dict.fromkeys(" ".join(m.tokens.words[s:e]) for p in found for s, e in m.find(p)))
    doc.signals.add("present_danger")
    if item:
        return Category.SUSPICIOUS_ITEM, f"present danger from an item ({words}): never not relevant"
    if m.has("victim_known") or m.has("weapon_at_person"):
        return (
            Category.THREAT_TO_PERSON,
            f"present danger to someone the attacker knows ({words}; guide rule 3)",
        )
    return Category.WEAPONS_EXPLOSIVES, f"present danger to people ({words}): an attack on the public"


#: The rules in the guide's order; each sees the category the ones before it left.
RULES: tuple[tuple[str, Rule], ...] = (
    ("office_holder_or_public_figure", _office_or_public_figure),
    ("weapon_at_person", _weapon_at_person),
    ("one_persons_home", _one_persons_home),
    ("claimed_or_stored", _claimed_or_stored),
    ("material_or_person", _material_or_person),
    ("innocent_explanation", _innocent_explanation),
)
#: After the guide's rules: the safety net for present danger (not a guide tie-break).
SAFETY_NET: tuple[tuple[str, Rule], ...] = (("present_danger", _present_danger),)


def tiebreak(doc: Doc) -> None:
    for name, rule in (*RULES, *SAFETY_NET):
        decided = rule(doc)
        if decided is None or decided[0] == doc.category:
            continue
        doc.category, doc.tiebreak = decided
        doc.signals.add(f"tiebreak:{name}")
    if doc.category != Category.HATE_INCIDENT:
        doc.hate_strand = None
