"""Stage 4, protect: does the report concern an MP or another protected person?

Contract: reads `doc.text` and the location found by geolocate; writes `doc.protected` (a
`ProtectedPersonRef` with its reason, linked to a register entry when one matches) and
`doc.office_holder_mentioned`. A register match adds force evidence (the person's force or
constituency) and re-runs the force vote. Matching, in order: a register name or alias;
"the MP/MSP/MLA/MS for X" (or "the Member of the Senedd for X") or "councillor for X
ward"; "the X MP"; a named premises or surgery
venue from the register; "our/my/local MP" resolved through the constituency at the
report's location (a seat within a few km whose name holds a town the report names wins over
a generalised boundary); a public figure (presenter, broadcaster, journalist, newspaper reporter, novelist). Plural "MPs" alone is not enough.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from vigil.triage import lexicon
from vigil.triage.districts import parts as district_parts
from vigil.triage.enums import LocationSource, ProtectedRole
from vigil.triage.schemas import GeoLookupLike, ProtectedPerson, ProtectedPersonRef
from vigil.triage.stages.doc import Doc, Evidence
from vigil.triage.stages.geolocate import decide

_ROLES = {
    "mp": ProtectedRole.MP,
    "msp": ProtectedRole.MSP,
    "mla": ProtectedRole.MLA,
    "ms": ProtectedRole.MS,
    "councillor": ProtectedRole.COUNCILLOR,
    "councillors": ProtectedRole.COUNCILLOR,
    "mayor": ProtectedRole.MAYOR,
    "member of the senedd": ProtectedRole.MS,
    "member of senedd": ProtectedRole.MS,
    "member of the welsh parliament": ProtectedRole.MS,
    "member of welsh parliament": ProtectedRole.MS,
    "member of the scottish parliament": ProtectedRole.MSP,
    "member of scottish parliament": ProtectedRole.MSP,
    "member of the legislative assembly": ProtectedRole.MLA,
    "member of legislative assembly": ProtectedRole.MLA,
    "member of parliament": ProtectedRole.MP,
    "member of the parliament": ProtectedRole.MP,
}
_SEAT_ROLES = frozenset({ProtectedRole.MP, ProtectedRole.MSP, ProtectedRole.MLA, ProtectedRole.MS})
_NAME = r"([A-Z][\w'’-]*(?:,? (?:and |upon |of |the |-)?[A-Z][\w'’-]*){0,6})"
_ROLE_FOR = lexicon.ROLE_FOR
_X_MP = re.compile(r"\b(?:the|our|a) ((?:[A-Z][\w'-]+ ){1,3})(MP|MSP|MLA)\b")
# "the MPs office" is a possessive written without its apostrophe, not the plural
_OUR_MP = re.compile(
    r"\b(?:our|my|the local|local|the|an?) (MP|MSP|MLA|councillor|mayor)"
    r"(?:s(?= (?:office|surgery|constituency office|house|home|staff|caseworker)\b))?\b(?!s)"
)
# A public figure: someone whose work puts them in public view (a presenter, a journalist, a
# newspaper reporter, a novelist). "Journalists" in the plural, "the reporter" (the person
# reporting) and "the author of the post" are not.
_PUBLIC = re.compile(
    r"\b(?:i present|presenter|broadcaster|newsreader|on air|tv personality|celebrity|footballer|influencer with"
    r"|journalist|columnist|novelist|(?:he|she|who) presents the"
    r"|(?:i'?m|i am|is|was|as) an? (?:[a-z]+ )?reporter (?:for|at|on|with) (?:an?|the|our|my) )\b(?!s\b)",
    re.IGNORECASE,
)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class _RegisterIndex:
    """The register looked up by the first word of each name, alias, premises and venue.

    Built once per register (cached on the sequence's identity) so that a report costs a few
    dictionary look-ups instead of a scan of every name in the register.
    """

    def __init__(self, persons: Sequence[ProtectedPerson]) -> None:
        self.persons = persons
        self.size = len(persons)
        self.by_id = {p.id: p for p in persons}
        self.by_seat: dict[tuple[str, str], ProtectedPerson] = {}
        for person in persons:
            if person.constituency:
                self.by_seat.setdefault((person.role, _key(person.constituency)), person)
        self.names: dict[str, list[tuple[int, str, ProtectedPerson]]] = {}
        self.places: dict[str, list[tuple[int, str, ProtectedPerson, str]]] = {}
        for order, person in enumerate(persons):
            for name in (person.name, *person.aliases):
                if len(name) > 4 and (first := _WORD.match(name)):
                    self.names.setdefault(first.group(0), []).append((order, name, person))
            for premises in person.premises:
                for name in (premises.name, *premises.aliases):
                    if len(name) > 4 and (first := _WORD.match(name.lower())):
                        why = f"mentions {premises.name}, a {premises.kind.replace('_', ' ')} of the {person.role}"
                        self.places.setdefault(first.group(0), []).append((order, name.lower(), person, why))
            for event in person.events:
                if event.venue and (first := _WORD.match(event.venue.lower())):
                    why = f"mentions {event.venue}, venue of the {person.role}'s {event.name} on {event.on}"
                    self.places.setdefault(first.group(0), []).append(
                        (order, event.venue.lower(), person, why)
                    )


_INDEX: list[_RegisterIndex] = []


def _index(persons: Sequence[ProtectedPerson]) -> _RegisterIndex:
    for idx in _INDEX:
        if idx.persons is persons and idx.size == len(persons):
            return idx
    idx = _RegisterIndex(persons)
    _INDEX[:] = [idx, *_INDEX[:3]]
    return idx


_ROLE_HINTS = ("MP", "MSP", "MLA", "MS", "ouncillor", "ayor", "ember of")
_PUBLIC_HINTS = (
    "present",
    "broadcaster",
    "newsreader",
    "on air",
    "tv personality",
    "celebrity",
    "footballer",
    "influencer",
    "journalist",
    "columnist",
    "novelist",
    "presents the",
    "reporter",
)


def _register_match(doc: Doc, persons: Sequence[ProtectedPerson]) -> ProtectedPersonRef | None:
    if not persons:
        return None
    names = _index(persons).names
    text = doc.text
    hits = [
        (order, name, person)
        for word in set(_WORD.findall(text))
        for order, name, person in names.get(word, ())
        if name in text
    ]
    if not hits:
        return None
    _, name, person = min(hits, key=lambda h: h[0])
    return _ref(person, f"names {person.role} {name}")


def _ref(person: ProtectedPerson, reason: str) -> ProtectedPersonRef:
    return ProtectedPersonRef(
        role=person.role,
        constituency=person.constituency,
        reason=reason,
        person_id=person.id,
        name=person.name,
        force=person.force,
    )


def _by_constituency(
    persons: Sequence[ProtectedPerson], role: str, constituency: str
) -> ProtectedPerson | None:
    return _index(persons).by_seat.get((role, _key(constituency))) if persons else None


def _key(name: str) -> str:
    return re.sub(r"[^a-z]+", " ", name.lower().replace("&", "and")).strip()


def _canonical_constituency(
    geo: GeoLookupLike | None, raw: str
) -> tuple[str, float, float, str | None] | None:
    """Trim trailing words until the gazetteer knows the constituency ("Bedford on Saturday")."""
    if geo is None:
        return None
    words = _before_possessive(raw.replace(",", "").split(" "))
    for end in range(len(words), 0, -1):
        found = geo.constituency_by_name(" ".join(words[:end]))
        if found is not None:
            return found.name, found.lat, found.lon, found.force_slug
    return None


_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$", re.IGNORECASE)


def _before_possessive(words: list[str]) -> list[str]:
    """The words up to the first possessive, without it: "Lancaster and Wyre's house" is
    the seat "Lancaster and Wyre" (whose house it is), not a longer name."""
    for i, word in enumerate(words):
        if _POSSESSIVE.search(word) and len(word) > 2:
            stem = word[:-2] if not word.lower().endswith(("s'", "s’")) else word[:-1]
            return [*words[:i], stem]
    return words


def protect(doc: Doc, persons: Sequence[ProtectedPerson], geo: GeoLookupLike | None) -> None:
    ref = _register_match(doc, persons)
    text = doc.text
    if ref is None:
        by_role = _by_role(doc, persons, geo)
        by_site = _by_premises(doc, persons)
        # A named office or surgery venue identifies the person; a bare "the MP" does not.
        if by_site is not None and (by_role is None or by_role.person_id is None):
            ref = by_site
            doc.protected_site = by_site.reason
        else:
            ref = by_role
    if ref is None:
        ref = _near_premises(doc, persons)
    if ref is None and any(w in doc.lower for w in _PUBLIC_HINTS) and _PUBLIC.search(text):
        ref = ProtectedPersonRef(ProtectedRole.PUBLIC_FIGURE, None, "concerns a public figure")
    doc.protected = ref
    doc.office_holder_mentioned = ref is not None
    if ref is not None and ref.person_id is not None:
        person = _index(persons).by_id.get(ref.person_id)
        if person is not None and doc.protected_site is not None:
            doc.protected_event_days = _next_event_days(doc, person)
        _add_evidence(doc, person, ref, geo)
    elif (
        ref is not None
        and ref.constituency
        and geo is not None
        and (doc.force is None or ref.role in _SEAT_ROLES)
    ):
        # A parliament seat is named after its towns; a ward ("St Ann's") places only a
        # report with no other location.
        _seat_town_evidence(doc, ref.constituency, ref.reason, geo)


def _seat_town_evidence(doc: Doc, seat: str, reason: str, geo: GeoLookupLike) -> None:
    """An office holder's seat that is not in the register (a Holyrood or Senedd seat; a ward
    only for a report with no other location): the town the seat is named after ("Glasgow
    Southside" -> Glasgow), when the gazetteer places that name in one force."""
    words = seat.replace(",", "").split(" ")
    for end in range(len(words), 0, -1):
        name = " ".join(words[:end])
        if len(name) < 4:
            break
        hits = geo.places(name, limit=5)
        forces = {h.force_slug for h in hits}
        if hits and len(forces) == 1 and hits[0].force_slug is not None:
            best = max(hits, key=lambda h: h.population)
            doc.evidence.append(
                Evidence(best.force_slug, 2.0, best.lat, best.lon, reason, "protected_person")
            )
            decide(doc, geo)
            return


#: A map pin this close to a protected person's premises or an upcoming venue is "at" it.
NEAR_METRES = 250.0


def _near_premises(doc: Doc, persons: Sequence[ProtectedPerson]) -> ProtectedPersonRef | None:
    """A report pinned on the map beside a protected person's premises or a surgery venue.

    Only a map pin is precise enough: postcode districts and towns are kilometres across.
    """
    loc = doc.location
    if loc is None or loc.source != LocationSource.MAP_PIN or not persons:
        return None
    best: tuple[float, ProtectedPerson, str] | None = None
    for person in persons:
        sites = [(p.name, p.lat, p.lon) for p in person.premises]
        sites += [(e.venue or e.name, e.lat, e.lon) for e in person.events]
        for name, lat, lon in sites:
            if lat is None or lon is None:
                continue
            metres = _metres(loc.lat, loc.lon, lat, lon)
            if metres <= NEAR_METRES and (best is None or metres < best[0]):
                best = (metres, person, name)
    if best is None:
        return None
    metres, person, name = best
    reason = f"is {metres:.0f} m from {name}, premises of the {person.role}" + (
        f" for {person.constituency}" if person.constituency else ""
    )
    doc.protected_site = reason
    return _ref(person, reason)


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6_371_000.0 * math.hypot(dlat, dlon)


def _next_event_days(doc: Doc, person: ProtectedPerson) -> int | None:
    """Days from the report to the person's next scheduled surgery or event, if any is known."""
    today = doc.report.submitted_at.date()
    ahead = [(e.on - today).days for e in person.events if e.on >= today]
    return min(ahead) if ahead else None


def _by_role(
    doc: Doc, persons: Sequence[ProtectedPerson], geo: GeoLookupLike | None
) -> ProtectedPersonRef | None:
    text = doc.text
    if not any(w in text for w in _ROLE_HINTS):
        return None  # every pattern below needs one of these words
    m = _ROLE_FOR.search(text)
    if m is not None:
        role = _ROLES[m.group(1).lower()]
        raw = _first_line(doc.report.text, m.group(2))
        if role in {ProtectedRole.MP, ProtectedRole.MSP, ProtectedRole.MLA, ProtectedRole.MS}:
            found = _canonical_constituency(geo, raw) if role == ProtectedRole.MP else None
            # a seat is never named with a possessive, so "the MLA for Foyle's office" is Foyle
            name = found[0] if found else _trim_constituency(" ".join(_before_possessive(raw.split(" "))))
        else:
            name = _trim_constituency(raw)
        person = _by_constituency(persons, role, name)
        reason = f"names the {role} for {name}"
        return _ref(person, reason) if person else ProtectedPersonRef(role, name, reason)
    m2 = _X_MP.search(text)
    if m2 is not None:
        role = _ROLES[m2.group(2).lower()]
        raw = m2.group(1).strip()
        found = _canonical_constituency(geo, raw) if role == ProtectedRole.MP else None
        if found is not None:
            person = _by_constituency(persons, role, found[0])
            reason = f"names the {found[0]} {role}"
            return _ref(person, reason) if person else ProtectedPersonRef(role, found[0], reason)
    m3 = _OUR_MP.search(text)
    if m3 is not None:
        role = _ROLES[m3.group(1).lower()]
        constituency = None
        if role == ProtectedRole.MP and geo is not None and doc.location is not None:
            constituency = _seat_at(doc, geo, doc.location.lat, doc.location.lon)
        person = _by_constituency(persons, role, constituency) if constituency else None
        reason = f"mentions {m3.group(0).strip()}" + (
            f" (constituency at {doc.location.label})" if constituency and doc.location else ""
        )
        return _ref(person, reason) if person else ProtectedPersonRef(role, constituency, reason)
    return None


#: The seat outlines are generalised to a few dozen points and a postcode district or town is
#: a single point, so a seat boundary this close to the point may fall on either side of it.
SEAT_MARGIN_KM = 5.0
_BEARINGS = tuple(math.radians(d) for d in range(0, 360, 30))


def _seat_at(doc: Doc, geo: GeoLookupLike, lat: float, lon: float) -> str | None:
    """The seat at the report's point; but when that seat's name contains none of the places
    the report names and exactly one seat within `SEAT_MARGIN_KM` does ("the local MP outside
    Lancaster" at the LA2 district centroid, just over the line in Morecambe and Lunesdale),
    that seat: a named town outweighs a generalised boundary."""
    found = geo.constituency_at(lat, lon)
    named = {_key(p) for p in doc.entities.places}
    if not named:
        return found.name if found else None
    if found is not None and _names_a_place(found.name, named):
        return found.name
    nearby: dict[str, str] = {}
    for km in (SEAT_MARGIN_KM / 2, SEAT_MARGIN_KM):
        dlat = km / 111.32
        dlon = km / (111.32 * max(math.cos(math.radians(lat)), 0.01))
        for b in _BEARINGS:
            seat = geo.constituency_at(lat + dlat * math.cos(b), lon + dlon * math.sin(b))
            if seat is not None and _names_a_place(seat.name, named):
                nearby[seat.name] = seat.name
    if len(nearby) == 1:
        return next(iter(nearby))
    return found.name if found else None


def _names_a_place(seat: str, named: set[str]) -> bool:
    return any(_key(part) in named for part in district_parts(seat))


def _first_line(original: str, raw: str) -> str:
    """The words of a seat name up to the first line break in the report as written.

    Normalising joins lines, so an email's "MLA for North Down" followed on the next line by
    "Dear Sir" reads as one name; a seat's name never runs across a line break.
    """
    if "\n" not in original:
        return raw
    found = re.search(r"\s+".join(re.escape(w) for w in raw.split(" ")), original)
    if found is None or "\n" not in found.group(0):
        return raw
    return " ".join(found.group(0).split("\n", 1)[0].split()) or raw


def _trim_constituency(raw: str) -> str:
    words = raw.split(" ")  # a ward may be named with a possessive ("St Ann's")
    while words and words[-1].lower() in {"on", "in", "and", "the", "of", "ward"}:
        words = words[:-1]
    return " ".join(words).rstrip(",")


def _by_premises(doc: Doc, persons: Sequence[ProtectedPerson]) -> ProtectedPersonRef | None:
    if not persons:
        return None
    places = _index(persons).places
    lower = doc.lower
    hits = [
        (order, person, why)
        for word in set(_WORD.findall(lower))
        for order, name, person, why in places.get(word, ())
        if name in lower
    ]
    if not hits:
        return None
    _, person, why = min(hits, key=lambda h: h[0])
    return _ref(person, why)


def _add_evidence(
    doc: Doc, person: ProtectedPerson | None, ref: ProtectedPersonRef, geo: GeoLookupLike | None
) -> None:
    if person is None:
        return
    lat = lon = None
    for premises in person.premises:
        if premises.lat is not None and premises.lon is not None:
            lat, lon = premises.lat, premises.lon
            break
    if lat is None and geo is not None and person.constituency:
        found = geo.constituency_by_name(person.constituency)
        if found is not None:
            lat, lon = found.lat, found.lon
    doc.evidence.append(Evidence(person.force or ref.force, 2.5, lat, lon, ref.reason, "protected_person"))
    decide(doc, geo)
