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

from vigil.triage.cues import CUE_BY_NAME, CUES, HATE_STRANDS, JOKE_EMOJI
from vigil.triage.enums import Category, HateStrand
from vigil.triage.stages.doc import Doc, matches_for
from vigil.triage.words import Matches

_THINK_BEFORE = frozenset(["think", "thinks", "thought", "reckon", "say", "says", "said", "maybe", "if"])
_NEGATORS = frozenset(["no", "not", "never", "without", "nobody", "none", "nothing"])
# Cues that a negation just before them cancels ("no weapons seen", "never threatened",
# "nothing racist", "I don't know where he lives").
_NEGATABLE = frozenset(
    {
        "weapon_any",
        "weapon_seen",
        "threat_words",
        "threat_intent",
        "hate_general",
        "hate_abuse",
        "threat_stalking",
        "threat_fixation",
        "hate_self",
    }
)
# A cue word used in another sense cancels the cue where it overlaps ("a film shoot", "an
# ammunition-style box", "the fence post", "a meme of him in a noose", "foil on the windows"):
# cue name -> the false-friend patterns.
_FALSE_FRIEND: dict[str, tuple[str, ...]] = {
    "threat_words": ("ff:shoot", "ff:threat", "ff:hellfire"),
    "threat_intent": ("ff:threat", "ff:hellfire"),
    "weapon_any": ("ff:weapon",),
    "weapon_seen": ("ff:weapon",),
    "weapon_held": ("ff:weapon",),
    "online_material": ("ff:online", "ff:online_purpose"),
    "recon_general": ("ff:own_cameras",),
    "recon_filming": ("ff:own_cameras",),
    "recon_security_first": ("ff:own_cameras",),
    "hate_abuse": ("ff:hate_ideas",),
    "hate_general": ("ff:hate_ideas",),
    "rad_person": ("ff:self_pupil",),
    "rad_general": ("ff:self_pupil",),
    "nr_innocent": ("ff:innocent",),
    "nr_explained": ("ff:innocent",),
    "nr_test": ("ff:test",),
}
# Innocent-explanation words that a false friend cancels everywhere once it overlaps one of
# them: "I run a fancy dress shop ... we only do fancy dress ones" is the reporter's own trade.
_WHOLE_FRIEND = frozenset({"nr_innocent", "nr_explained"})
# A relative named is evidence of radicalisation only with something about them (a change,
# ideas, a request for help); on its own ("ring my husband") it is not.
_RAD_SUPPORT = frozenset(
    {
        "rad_change",
        "rad_ideology",
        "rad_referral",
        "rad_general",
        "rad_recruiting",
        "self_referral",
        "online_extremist",
    }
)


def _fires(m: Matches, name: str) -> bool:
    if name not in m.names():
        return False
    friends = [f for f in _FALSE_FRIEND.get(name, ()) if m.has(f)]
    if name not in _NEGATABLE and not friends:
        return True
    spans = m.find(name)
    if friends:
        other = [span for f in friends for span in m.find(f)]
        if name in _WHOLE_FRIEND and any(s < oe and os < e for s, e in spans for os, oe in other):
            return False  # the reporter's own trade, named again later, is still no explanation
        spans = [(s, e) for s, e in spans if not any(s < oe and os < e for os, oe in other)]
    if name not in _NEGATABLE:
        return bool(spans)
    return any(not _negated(m, start) for start, _ in spans)


def _negated(m: Matches, start: int) -> bool:
    """A negator in the three words before a cue; "any" reaches further back ("we do not know of
    any weapons", "no sign at all of any weapons")."""
    before = m.words_before(start, 6)
    if before and before[-1] == "any":
        return bool(_NEGATORS & set(before))
    return bool(_NEGATORS & set(before[-3:]))


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


def _joke(doc: Doc) -> bool:
    m = matches_for(doc)
    if m.has("not_joking"):
        return False
    if any(e in doc.lower for e in JOKE_EMOJI):
        return True
    return any(not (_THINK_BEFORE & set(m.words_before(start, 4))) for start, _ in m.find("joke"))


def classify(doc: Doc) -> None:
    m = matches_for(doc)
    scores = {c.value: 0.0 for c in Category}
    fired: set[str] = set()
    present = m.names()
    for cue in CUES:
        if cue.name in present and _fires(m, cue.name):
            scores[cue.category] += cue.weight
            fired.add(cue.name)
    if "rad_person" in fired and not (_RAD_SUPPORT & fired):
        scores[Category.RADICALISATION_CONCERN] -= CUE_BY_NAME["rad_person"].weight
        fired.discard("rad_person")
    ents = doc.entities
    if ents.urls:
        scores[Category.EXTREMIST_CONTENT_ONLINE] += 1.0
    if ents.social_handles and m.has("online_noun"):
        scores[Category.EXTREMIST_CONTENT_ONLINE] += 0.5
    if doc.protected is not None:
        scores[Category.THREAT_TO_PERSON] += 1.0
    if "ft_fight_support" in fired:
        # money or goods said to be for fighting: no scam on the reporter and no innocent
        # purchase, whatever is bought (gift cards, phones)
        for name in ("nr_scam", "nr_explained", "nr_innocent"):
            if name in fired:
                scores[Category.NOT_RELEVANT] -= CUE_BY_NAME[name].weight
                fired.discard(name)
    if m.has("vehicle_at_crowd") and m.has("driver_gone") and not {"vehicle_ramming", "shots_fired"} & fired:
        # a vehicle left at a crowded place's entrance, its driver gone: an unattended item
        scores[Category.SUSPICIOUS_ITEM] += 3.5
        fired.add("item_vehicle_left")
    if "hate_self" in fired and (not m.has("self_characteristic") or m.has("no_hate_motive")):
        # hostility aimed at the reporter counts as hate only with the reporter's own protected
        # characteristic named ("I'm trans ... they kept calling me it"), not ruled out
        scores[Category.HATE_INCIDENT] -= CUE_BY_NAME["hate_self"].weight
        fired.discard("hate_self")
    doc.signals = fired
    doc.category_scores = scores
    doc.category = _decide(doc, scores, fired)
    doc.hate_strand = _strand(m) if doc.category == Category.HATE_INCIDENT else None


_FT_CONCRETE = frozenset({"ft_money", "ft_general", "ft_ids", "ft_fight_support"})
_WEAPON_CUES = frozenset(
    {
        "weapon_seen",
        "weapon_brandish",
        "weapon_stock",
        "weapon_precursor",
        "weapon_found",
        "weapon_any",
        "weapon_held",
        "vehicle_ramming",
        "shots_fired",
        "weapon_making",
        "weapon_ied_parts",
    }
)


def _gas_only(m: Matches, fired: set[str]) -> bool:
    """Whether the only weapon evidence is gas cylinders or bottles (stock or deliveries),
    which the guide treats as odd behaviour unless something else points to a device."""
    weapon = _WEAPON_CUES & fired
    if not weapon or not weapon <= {"weapon_stock", "weapon_precursor"}:
        return False
    gas = m.find("gas_words")
    return all(any(s < ge and gs < e for gs, ge in gas) for cue in weapon for s, e in m.find(cue))


def _decide(doc: Doc, scores: dict[str, float], fired: set[str]) -> Category:
    protected = doc.protected is not None and doc.protected.role != "public_figure"
    # a mob at someone's home or fuel poured at their door is a threat in itself
    threat = bool(
        {"threat_words", "threat_intent", "threat_mob_home", "threat_arson_home", "threat_doused"} & fired
    )
    fixation = bool({"threat_fixation", "threat_stalking"} & fired)
    hate = bool({"hate_abuse", "hate_target", "hate_general", "hate_self"} & fired)
    m = matches_for(doc)
    best = Category(max(scores.items(), key=lambda kv: (kv[1], -_PRIORITY.index(Category(kv[0]))))[0])
    top = scores[best]

    if doc.office_holder_mentioned and protected and _joke(doc):
        doc.signals.add("joke")
        return Category.THREAT_TO_PERSON  # a joke about an office holder is still recorded
    if top < 2.0:
        if best == Category.NOT_RELEVANT and top > 0:
            return Category.NOT_RELEVANT  # only a complaint or nuisance, however weak: nothing else
        return (
            Category.NOT_RELEVANT
            if not fired - {"item_object", "online_material", "recon_site"}
            else (Category.SUSPICIOUS_BEHAVIOUR_OTHER if top >= 1.0 else Category.NOT_RELEVANT)
        )
    # a threat told as part of a story the report calls a scam is part of the scam
    scam_named = m.has("scam_named") and not hate
    if {"nr_scam", "nr_test"} & fired and (not threat or scam_named):
        return Category.NOT_RELEVANT
    if {"nr_innocent", "nr_explained"} & fired and not threat and not hate:
        return Category.NOT_RELEVANT
    if _joke(doc) and "online_extremist" not in fired:  # "lol" on a beheading video is no joke
        doc.signals.add("joke")
        if doc.office_holder_mentioned:
            return Category.THREAT_TO_PERSON
        if not hate:
            return Category.NOT_RELEVANT
    item = ("item_unattended" in fired and "item_object" in fired) or bool(
        {
            "item_suspicious",
            "item_left",
            "item_device",
            "item_under_vehicle",
            "item_hidden_fixed",
            "item_rigged_cylinders",
            "item_vehicle_left",
        }
        & fired
    )
    # shots fired are never an unattended item ("fired out of a van ... a man lying there")
    if (
        item
        and not {"weapon_brandish", "weapon_found", "shots_fired"} & fired
        and scores[Category.SUSPICIOUS_ITEM] >= 3.5
    ):
        return Category.SUSPICIOUS_ITEM
    if {"threat_hoax", "threat_claimed_device"} & fired:
        return Category.THREAT_TO_PERSON
    if (
        "weapon_found" in fired
        and best == Category.SUSPICIOUS_ITEM
        and scores[Category.WEAPONS_EXPLOSIVES] >= 3.5
    ):
        return Category.WEAPONS_EXPLOSIVES  # a bag left behind with a gun in it: the gun is the concern
    if "shots_fired" in fired and best == Category.SUSPICIOUS_ITEM:
        return Category.WEAPONS_EXPLOSIVES  # shots fired from a van are not an unattended van
    travel = bool({"ft_travel", "ft_general"} & fired)
    filmed = bool({"recon_filming", "recon_general", "recon_security_first"} & fired)
    if (
        best == Category.HOSTILE_RECONNAISSANCE
        and travel
        and not filmed
        and matches_for(doc).has("travel_checks")
    ):
        # Questions about airline, passport or border checks, asked while booking or making a
        # journey, are about the travel, not a site's security (no filming of a site).
        return Category.SUSPICIOUS_FINANCE_TRAVEL
    if (
        best == Category.HOSTILE_RECONNAISSANCE
        and not filmed
        and not protected
        and not {"recon_filming", "recon_drone", "recon_drone_site", "recon_watching_gate"} & fired
        and "bo_hire" in fired
        and scores[Category.SUSPICIOUS_BEHAVIOUR_OTHER] >= 3.5
    ):
        # A customer of a hire, storage or delivery business who only asks about its cameras:
        # the hire, cash and deliveries are the concern (guide rule 7), not a site's security.
        return Category.SUSPICIOUS_BEHAVIOUR_OTHER
    if protected:
        if hate and not threat and not fixation:
            if bool(doc.entities.urls or doc.entities.social_handles) and "online_material" in fired:
                return Category.EXTREMIST_CONTENT_ONLINE  # memes or posts about an office holder: material
            return Category.HATE_INCIDENT
        if matches_for(doc).has("office_person_recon") or threat or fixation:
            return Category.THREAT_TO_PERSON
        if {"recon_filming", "recon_questions", "recon_general", "recon_asked"} & fired and matches_for(
            doc
        ).has("site_recon"):
            return Category.HOSTILE_RECONNAISSANCE
        # No threat and no fixation: whatever else the report is about, if anything.
        others = {c: v for c, v in scores.items() if c != Category.THREAT_TO_PERSON}
        other = Category(max(others.items(), key=lambda kv: (kv[1], -_PRIORITY.index(Category(kv[0]))))[0])
        return other if others[other] >= 1.5 else Category.THREAT_TO_PERSON
    if (
        not protected
        and best in {Category.WEAPONS_EXPLOSIVES, Category.THREAT_TO_PERSON}
        and _worship_attack(doc, fired)
    ):
        # fire or a weapon used against a place of worship targets the people who worship there
        # for their religion: a hate incident, like any attack on someone for who they are
        return Category.HATE_INCIDENT
    if (
        "rad_trajectory" in fired
        and {"rad_change", "rad_general", "rad_ideology", "rad_referral", "rad_person"} & fired
        and best in {Category.HATE_INCIDENT, Category.SUSPICIOUS_BEHAVIOUR_OTHER, Category.NOT_RELEVANT}
        and not {"threat_words", "weapon_brandish", "shots_fired", "vehicle_ramming"} & fired
        and scores[Category.RADICALISATION_CONCERN] >= 4.0
    ):
        # the reporter worried about where the person is heading, with a change or ideas named:
        # the report is about someone being drawn in (guide rule 6), not about one incident
        return Category.RADICALISATION_CONCERN
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
    if best == Category.SUSPICIOUS_FINANCE_TRAVEL and scores[Category.RADICALISATION_CONCERN] >= scores[best]:
        # a conflict country named, or a wish to go and fight, by someone being drawn in, with
        # no money or journey under way, is about the person (radicalisation)
        concrete = bool(_FT_CONCRETE & fired) or ("ft_travel" in fired and not m.has("travel_wish"))
        if not concrete:
            return Category.RADICALISATION_CONCERN
    if best == Category.WEAPONS_EXPLOSIVES and _gas_only(m, fired):
        return Category.SUSPICIOUS_BEHAVIOUR_OTHER  # gas cylinders delivered or stored, nothing else
    about_person = bool({"rad_person", "rad_general"} & fired) and not doc.entities.urls
    online = bool({"online_material", "online_url"} & fired)
    if doc.entities.urls and online and best in {Category.WEAPONS_EXPLOSIVES, Category.HATE_INCIDENT}:
        # A report whose evidence is a link is about the material (guide, rule 6); the tie-break
        # stage sends an advert for weapons back to weapons.
        return Category.EXTREMIST_CONTENT_ONLINE
    if (
        best == Category.EXTREMIST_CONTENT_ONLINE
        and scores[Category.RADICALISATION_CONCERN] >= scores[best] - 0.5
        and about_person
    ):
        return Category.RADICALISATION_CONCERN
    return best  # the guide's tie-break rules follow as their own stage (stages/tiebreak.py)


_ATTACK_ON_PREMISES = frozenset({"threat_arson_home", "shots_fired", "vehicle_ramming"})


def _worship_attack(doc: Doc, fired: set[str]) -> bool:
    """Whether the report is of an incendiary, shots or a vehicle used against a place of
    worship (the place named anywhere in the report, the attack anywhere)."""
    m = matches_for(doc)
    if not m.has("worship_place"):
        return False
    return "incendiary" in doc.entities.weapons or bool(_ATTACK_ON_PREMISES & fired)


def _strand(m: Matches) -> HateStrand:
    words = m.tokens.words
    counts = {name: len({tuple(words[s:e]) for s, e in m.find(f"strand:{name}")}) for name, _ in HATE_STRANDS}
    best = max(counts.items(), key=lambda kv: kv[1])
    return HateStrand(best[0]) if best[1] else HateStrand.RACE
