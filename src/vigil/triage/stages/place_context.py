"""How the words around a place name weigh its vote for a force (geolocate's helpers).

A place used as an epithet ("the Christchurch shooter") or only in a comparison ("looks like
London") does not vote; where the reporter is now, after the event ("I'm home in Chester
now"), counts a quarter; where the person reported lives counts half as much again. A postcode
district written beside a town ("Worcester, WR5") is evidence of its own.
"""

from __future__ import annotations

import re

from vigil.triage.schemas import GeoLookupLike
from vigil.triage.stages.doc import Doc, Evidence

# A place used as an attacker's or an attack's epithet ("the Christchurch shooter", "the
# Manchester Arena attack"): it names a past event, not where this report's event is.
_EPITHET_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_EPITHET_AFTER = re.compile(
    r"^(?:\s+[A-Za-z]+)?\s+(?:shooters?|shootings?|bombers?|bombings?|attackers?|attacks?|gunm[ae]n|"
    r"massacres?|killers?|terrorists?|atrocity|atrocities)\b",
    re.IGNORECASE,
)
# A place only in a comparison ("a made-up city that looks a lot like London").
_COMPARISON_BEFORE = re.compile(
    r"\b(?:looks?|looking|looked|sounds?|feels?)\s+(?:a lot |a bit |just |exactly |very much )?like\s+$"
    r"|\b(?:resembles?|resembling|modelled on|modeled on)\s+$",
    re.IGNORECASE,
)
# Where the reporter is now, after the event ("I'm home in Chester now", "Now in Inverness",
# "on the train home to Exeter"): the guide routes the event, not the reporter's home.
_REPORTER_NOW_BEFORE = re.compile(
    r"(?:\b(?:i'?m|i am|we'?re|we are)\s+(?:now\s+)?(?:back\s+home|home|back)\s+(?:now\s+)?in"
    r"|\b(?:i'?m|i am|we'?re|we are)\s+now\s+in"
    r"|(?:^|[.!?]\s+)now\s+(?:back\s+)?(?:home\s+)?in"
    r"|\b(?:train|bus|coach|way|journey|drive|flight)\s+(?:back\s+)?home\s+to)\s+$",
    re.IGNORECASE,
)
REPORTER_NOW_FACTOR = 0.25
# Where the person reported lives ("my ex-partner who lives in Llandrindod Wells", "We live
# in Merthyr"): where action would be taken, more than a town they once visited.
_RESIDENCE_BEFORE = re.compile(r"\b(?:lives|live|living|resides|residing)\s+in\s+$", re.IGNORECASE)
RESIDENCE_FACTOR = 1.5
# A postcode district written beside a town ("Worcester, WR5", "Bletchley (MK2)"). Not M
# districts, which are spelt like motorways.
_OUTCODE = re.compile(
    r"(?<=[a-z])(?:,\s*|\s+\(\s*)((?!M\d)[A-Z]{1,2}[0-9][0-9A-Z]?)(?=\s*[),.;]|\s*$|\s+[a-z])"
)
OUTCODE_WEIGHT = 2.0
_HAS_DIGIT = re.compile(r"[0-9]")


def context_factor(text: str, name: str, start: int) -> float:
    """0 for a place used as an epithet ("the Christchurch shooter") or only in a comparison
    ("looks like London"); `REPORTER_NOW_FACTOR` for where the reporter is now, after the
    event ("I'm home in Chester now"); else 1. `start` is where the mention begins; the
    place's own name is found from there (a mention may be a longer run of words)."""
    at = text.lower().find(name.lower(), start)
    if at < 0:
        at, end = start, start + len(name)
    else:
        end = at + len(name)
    before = text[max(0, at - 60) : at]
    if _EPITHET_BEFORE.search(before) and _EPITHET_AFTER.match(text[end : end + 40]):
        return 0.0
    if _COMPARISON_BEFORE.search(before):
        return 0.0
    if _REPORTER_NOW_BEFORE.search(before):
        return REPORTER_NOW_FACTOR
    if _RESIDENCE_BEFORE.search(before):
        return RESIDENCE_FACTOR
    return 1.0


def outcodes(geo: GeoLookupLike, doc: Doc) -> list[Evidence]:
    """Postcode districts written beside a town ("We live in Worcester, WR5"): a district
    centroid, weaker than a full postcode."""
    out: list[Evidence] = []
    body = doc.body
    if not _HAS_DIGIT.search(body):
        return out  # (every `_OUTCODE` match has one)
    full = {pc.split(" ", 1)[0] for pc in doc.entities.postcodes}
    for m in _OUTCODE.finditer(body):
        outcode = m.group(1)
        if outcode in full:
            continue
        hit = geo.postcode(outcode)
        if hit is not None and hit.force_slug is not None:
            out.append(Evidence(hit.force_slug, OUTCODE_WEIGHT, hit.lat, hit.lon, outcode, "postcode"))
    return out
