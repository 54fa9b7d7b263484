"""Stage 3, geolocate: named places, the best point, the force and the CT region.

Contract: reads `doc.text`, `doc.location_text`, `doc.entities.postcodes` and the report's map
pin; writes `doc.entities.places` (canonical names, order of first appearance),
`doc.evidence` (every located clue with a weight), `doc.location`, `doc.force` and
`doc.ct_region`. With no gazetteer (`geo is None`) it still lists streets, landmarks,
countries and counties, and sets no force.

Force is decided by a weighted vote: a map pin (5) > a full postcode (4) > a register match
for a protected person (2.5) > a place in the location field (2) > a county (1.5) > a place in
the text (1, decaying for later mentions). Street names are never resolved as towns, so that
"Lincoln Road" does not vote for Lincolnshire. An ambiguous town name ("Bangor", "Newport")
takes the candidate in a county the report names, else the one nearest to the unambiguous
evidence, else the most populous (at half weight: probably a namesake the gazetteer lacks).
A place used as an epithet ("the Christchurch shooter") or only in a comparison ("looks like
London") is listed but does not vote; where the reporter is now, after the event ("I'm home in
Chester now"), counts a quarter, and where the person reported lives ("who lives in X")
half as much again. A postcode district written beside a town ("Worcester, WR5") votes 2.
A place qualified by a larger town after a comma ("Queens Park, Swindon") is in that town
wherever the report names it; a larger town leading a run of names ("Exeter St Davids") wins
over a namesake inside it; a site named town-first ("Newark Showground", "Cambridge Science
Park") votes for a town of 10,000 or more; a road numbered in zones 7-9 (A814, B8xxx, M8),
"Scotland" and "the Scottish Parliament" vote for Police Scotland like a town.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence

from vigil.triage import lexicon
from vigil.triage.districts import District, DistrictIndex, index_for
from vigil.triage.enums import LocationSource
from vigil.triage.schemas import GeoLookupLike, Location, PlaceLike, ProtectedPerson
from vigil.triage.stages.doc import Doc, Evidence
from vigil.triage.stages.place_context import REPORTER_NOW_FACTOR, context_factor, outcodes
from vigil.triage.stages.place_words import LEAD_WORDS
from vigil.triage.stages.places import HEAD_WORDS, NOT_PLACE_WORDS, Mention, lower_candidates, spot

_PREP = re.compile(r"\b(?:in|at|near|outside|around|on|off|from|of)\s*$", re.IGNORECASE)
_SOURCE = {
    "map_pin": LocationSource.MAP_PIN,
    "postcode": LocationSource.POSTCODE,
    "protected_person": LocationSource.PROTECTED_PERSON,
}
_MIN_LOWER_POPULATION = 20_000

# A road numbered in zones 7, 8 and 9 of the Great Britain scheme lies in Scotland (the A7
# itself, which runs to Carlisle, excepted), and one force polices all of Scotland.
_SCOTTISH_ROAD = re.compile(r"[AB](?:7\d{1,3}|[89]\d{0,3})|M(?:[89]\d{0,2}|7[3-9])")
# The nation whose one force polices it ("a traitor to Scotland", "outside the Scottish
# Parliament"): a town-sized vote, no point.
_SCOTLAND = re.compile(
    r"\b(?:(?<!New )Scotland(?! (?:Yard|Road|Street|Place|Lane|Gate|Park|Green))|(Scottish (?:Parliament|Government)))\b"
)
_SCOTLAND_FORCE = "police-scotland"
# A smaller place qualified by the town after a comma ("Queens Park, Swindon", "Townhill,
# Swansea") is in that town, whatever a namesake elsewhere the gazetteer holds.
_QUALIFIER_GAP = re.compile(r"\s*,\s*$")
_LIST_AFTER = re.compile(r"^\s*(?:,|and|&|or)\s+[A-Z]")
_QUALIFIED_KM = 0.25  # degrees, about 25 km: within that, the namesake is the place meant
# A landmark named after a town whose head word is not a civic one ("Newark Showground")
# takes that town only when it is a real town, not a hamlet sharing a common name.
_NAMED_LANDMARK_MIN_POPULATION = 10_000


class _LookupCache:
    """Gazetteer answers by name, for the gazetteer they came from (reports repeat names)."""

    owner: object | None = None
    answers: dict[str, list[PlaceLike]] = {}  # noqa: RUF012 - reset when the owner changes


def _lookup(geo: GeoLookupLike, name: str) -> list[PlaceLike]:
    if _LookupCache.owner is not geo or len(_LookupCache.answers) > 100_000:
        _LookupCache.owner, _LookupCache.answers = geo, {}
    cached = _LookupCache.answers.get(name)
    if cached is not None:
        return cached
    alias = lexicon.PLACE_ALIASES.get(name.lower())
    try:
        found = list(geo.places(alias or name, limit=5))
    except Exception:
        return []
    _LookupCache.answers[name] = found
    return found


def _key(name: str) -> str:
    return re.sub(r"[^a-z]+", " ", name.lower().replace("'", "")).strip()


def _resolve_candidate(geo: GeoLookupLike, mention: Mention) -> tuple[str, list[PlaceLike]] | None:
    """Longest gazetteer match inside a capitalised run ("Seaton Carew", not "Seaton"); but a
    larger town leading the run names where the rest is ("Exeter St Davids" is in Exeter,
    not St Davids in Pembrokeshire).

    A name the OS list knows but GeoNames does not is listed with no coordinates."""
    words = mention.name.split(" ")
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i : i + size])
            if size == 1 and (
                name in NOT_PLACE_WORDS or name in HEAD_WORDS or name in LEAD_WORDS or len(name) < 3
            ):
                continue  # "From" is an old name of Frome, "Down" a county
            hits = _lookup(geo, name)
            if not hits and size > 1 and geo.is_place_name(name):
                return name, []
            lone = size == 1 and len(words) == 1 and mention.kind == "after_preposition"
            if not hits and lone and geo.is_place_name(name):
                return name, []
            if hits:
                if i > 0:
                    leading = _resolve_candidate(geo, Mention(" ".join(words[:i]), "candidate", 0))
                    top = max(h.population for h in hits)
                    if leading is not None and leading[1] and max(h.population for h in leading[1]) > top:
                        return leading
                canonical = name if _key(name) in _key(hits[0].name) else hits[0].name
                return canonical, hits
    return None


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = a[0] - b[0]
    dlon = (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dlat, dlon)


def geolocate(doc: Doc, geo: GeoLookupLike | None, persons: Sequence[ProtectedPerson] = ()) -> None:
    districts = index_for(geo, persons)
    places: list[tuple[int, str]] = []
    ambiguous: list[tuple[str, list[PlaceLike], float, str]] = []
    evidence: list[Evidence] = []

    if doc.report.pin is not None:  # a pin is a location even without a gazetteer to route it
        lat, lon = doc.report.pin
        force = geo.force_at(lat, lon) if geo is not None else None
        evidence.append(Evidence(force.slug if force else None, 5.0, lat, lon, "map pin", "map_pin"))
    if geo is not None:
        for pc in doc.entities.postcodes:
            hit = geo.postcode(pc)
            if hit is not None:
                evidence.append(Evidence(hit.force_slug, 4.0, hit.lat, hit.lon, pc, "postcode"))

    offset = len(doc.body) + 1  # doc.text is body + " " + location text
    reporter_now: set[str] = set()  # places the text names as where the reporter is now
    towns: list[tuple[int, int, int, str, list[PlaceLike]]] = []  # (where, start, end, name, hits)
    for source_text, base, start_at in ((doc.body, 1.0, 0), (doc.location_text, 2.0, offset)):
        mentions = spot(source_text)
        if source_text and (source_text.islower() or source_text.isupper()):
            mentions += [
                m for m in lower_candidates(source_text.lower()) if m.name.lower() not in lexicon.COUNTRIES
            ]
        elif geo is not None:
            mentions += _big_lowercase_towns(geo, source_text)
        n_located = 0
        role_spans = [(m.start(2), m.end(2)) for m in lexicon.ROLE_FOR.finditer(source_text)]
        in_body = start_at == 0
        for m in _SCOTLAND.finditer(source_text) if "Scot" in source_text else ():
            if any(s <= m.start() < e for s, e in role_spans):
                continue  # "the Member of the Scottish Parliament for X"
            if m.group(1):
                places.append((start_at + m.start(1), m.group(1)))
            evidence.append(Evidence(_SCOTLAND_FORCE, base, None, None, m.group(0), "place"))

        def factor(name: str, start: int, *, in_body: bool = in_body, text: str = source_text) -> float:
            """How much a place named here counts: nothing as an epithet or in a comparison,
            little as the reporter's own whereabouts after the event."""
            f = context_factor(text, name, start)
            if in_body and f == REPORTER_NOW_FACTOR:
                reporter_now.add(_key(name))
            elif not in_body and _key(name) in reporter_now:
                f = min(f, REPORTER_NOW_FACTOR)
            return f

        for spotted in mentions:
            mention = spotted
            pos = start_at + mention.start
            if any(s <= mention.start < e for s, e in role_spans):
                continue  # a constituency or ward naming an office holder is not a place
            county = lexicon.COUNTIES.get(mention.name)
            if county:  # before landmarks: "Isle of Wight" is a county, not a site
                places.append((pos, mention.name))
                f = factor(mention.name, mention.start)
                if f:
                    evidence.append(Evidence(county, 1.5 * base * f, None, None, mention.name, "county"))
                continue
            if mention.kind in {"landmark", "street"} and geo is not None and _lookup(geo, mention.name):
                # "Ellesmere Port" is a town, "Notting Hill" and "Canary Wharf" are districts
                mention = Mention(mention.name, "candidate", mention.start)
            if mention.kind in {"street", "landmark"}:
                places.append((pos, mention.name))
                doc.sites.append(mention.name)
                if mention.kind == "street" and _SCOTTISH_ROAD.fullmatch(mention.name):
                    f = factor(mention.name, mention.start)
                    if f:
                        evidence.append(
                            Evidence(_SCOTLAND_FORCE, base * f, None, None, mention.name, "place")
                        )
                    continue
                district = districts.get(mention.name) if districts is not None else None
                if district is not None and mention.kind == "street":  # "Golders Green", "Maida Vale"
                    f = factor(mention.name, mention.start)
                    if f:
                        weight = base * (0.8**n_located) * f
                        n_located += 1
                        evidence.append(
                            Evidence(
                                district.force_slug,
                                weight,
                                district.lat,
                                district.lon,
                                district.name,
                                "place",
                            )
                        )
                    continue
                if mention.town and geo is not None:
                    town, hits = _landmark_town(geo, mention)
                    if not mention.civic and max((h.population for h in hits), default=0) < (
                        _NAMED_LANDMARK_MIN_POPULATION
                    ):
                        continue
                    f = factor(mention.name, mention.start)
                    if hits and f:
                        ambiguous.append((town, hits, base * 0.9 * f, mention.name))
                continue
            if mention.name in lexicon.COUNTRIES:
                places.append((pos, mention.name))
                continue
            if geo is None:
                continue
            lowered = source_text.islower() or source_text.isupper()
            prep = bool(_PREP.search(source_text[max(0, mention.start - 12) : mention.start]))
            kind = "after_preposition" if prep else "candidate"
            resolved = _resolve_candidate(geo, Mention(_title_if(mention.name, lowered), kind, 0))
            district = _district(districts, mention.name, resolved) if not lowered else None
            if district is not None:  # a city district the gazetteer cannot place ("Golders Green")
                places.append((pos, district.name))
                f = factor(district.name, mention.start)
                if f:
                    weight = base * (1.25 if prep else 1.0) * (0.8**n_located) * f
                    n_located += 1
                    evidence.append(
                        Evidence(
                            district.force_slug, weight, district.lat, district.lon, district.name, "place"
                        )
                    )
                continue
            if resolved is None:
                continue
            name, hits = resolved
            if lowered and (not hits or max(h.population for h in hits) < _MIN_LOWER_POPULATION):
                continue
            places.append((pos, name))
            if hits:
                towns.append((start_at, mention.start, mention.start + len(mention.name), name, hits))
            f = factor(name, mention.start)
            if not hits or not f:
                continue
            size = min(1.2, max(0.6, math.log10(max(h.population for h in hits) + 1) / 5))
            weight = base * (1.25 if prep else 1.0) * (0.8**n_located) * size * f
            n_located += 1
            ambiguous.append((name, hits, weight, name))

    if geo is not None:
        evidence += outcodes(geo, doc)
    ambiguous = _qualified((doc.body, doc.location_text), towns, ambiguous)
    evidence += _disambiguate(ambiguous, evidence)
    doc.evidence = evidence
    doc.entities.places = _dedupe_places(places)
    decide(doc, geo)


def _qualified(
    texts: tuple[str, str],
    towns: list[tuple[int, int, int, str, list[PlaceLike]]],
    found: list[tuple[str, list[PlaceLike], float, str]],
) -> list[tuple[str, list[PlaceLike], float, str]]:
    """A smaller place followed by a larger town after a comma ("Queens Park, Swindon",
    "Townhill, Swansea") is in that town: wherever the report names it, it takes the
    candidates near that town, or, when the gazetteer holds only namesakes far away, the
    town itself. A list of towns ("Bath, Swindon and Reading") qualifies nothing."""
    within: dict[str, list[PlaceLike]] = {}
    for (where, _, end, name, hits), (where_b, start_b, end_b, _, town) in itertools.pairwise(towns):
        text = texts[0] if where == 0 else texts[1]
        if (
            where != where_b
            or not _QUALIFIER_GAP.match(text[end:start_b])
            or _key(name) == _key(town[0].name)
        ):
            continue
        if _LIST_AFTER.match(text[end_b : end_b + 8]):
            continue
        big = max(town, key=lambda p: p.population)
        if big.population < 5 * max(h.population for h in hits):
            continue
        near = [h for h in hits if _distance((h.lat, h.lon), (big.lat, big.lon)) <= _QUALIFIED_KM]
        within[_key(name)] = near or [big]
    if not within:
        return found
    return [(name, within.get(_key(name), hits), weight, label) for name, hits, weight, label in found]


def _district(
    districts: DistrictIndex | None, run: str, resolved: tuple[str, list[PlaceLike]] | None
) -> District | None:
    """A district from the constituency names, for a capitalised run the gazetteer cannot place
    whole (no coordinates, or only a shorter part of it is a town)."""
    if districts is None or (resolved is not None and resolved[1] and resolved[0] == run):
        return None
    words = run.split(" ")
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i : i + size])
            if size == 1 and (name in NOT_PLACE_WORDS or name in HEAD_WORDS or len(name) < 4):
                continue
            if resolved is not None and resolved[1] and len(name) <= len(resolved[0]):
                return None  # the gazetteer's town is at least as specific
            found = districts.get(name)
            if found is not None:
                return found
    return None


def _landmark_town(geo: GeoLookupLike, mention: Mention) -> tuple[str, list[PlaceLike]]:
    """The longest leading run of a landmark's name that the gazetteer knows ("Milton Keynes"
    in "Milton Keynes Central station", not "Milton"), else the town the spotter gave."""
    town = mention.town or ""
    words = mention.name.split(" ")
    if words[0] == town:
        for size in range(min(len(words) - 1, 3), 1, -1):
            longer = " ".join(words[:size])
            hits = _lookup(geo, longer)
            if hits:
                return longer, hits
    return town, _lookup(geo, town)


_LOWER_TOKEN = re.compile(r"(?<![\w@./-])([a-z]{4,})(?![\w@/-])")


class _BigTownCache:
    """Per lower-case word, the large town it names or None, for the gazetteer it came from:
    most words of a report are not towns, and the same words recur in every report."""

    owner: object | None = None
    answers: dict[str, str | None] = {}  # noqa: RUF012 - reset when the owner changes


def _big_town(geo: GeoLookupLike, word: str) -> str | None:
    if _BigTownCache.owner is not geo or len(_BigTownCache.answers) > 200_000:
        _BigTownCache.owner, _BigTownCache.answers = geo, {}
    try:
        return _BigTownCache.answers[word]
    except KeyError:
        pass
    name = None
    if word not in lexicon.COMMON_WORD_TOWNS:
        hits = _lookup(geo, word)
        if hits and hits[0].population >= _MIN_LOWER_POPULATION * 5 and hits[0].name.lower() == word:
            name = hits[0].name
    _BigTownCache.answers[word] = name
    return name


def _big_lowercase_towns(geo: GeoLookupLike, text: str) -> list[Mention]:
    """Large towns typed in lower case inside ordinary text ("gun at central six coventry")."""
    out = []
    for m in _LOWER_TOKEN.finditer(text):
        name = _big_town(geo, m.group(1))
        if name is not None:
            out.append(Mention(name, "candidate", m.start(1)))
    return out


def _title_if(name: str, lowered: bool) -> str:
    return " ".join(w.capitalize() for w in name.split()) if lowered else name


def _disambiguate(
    found: list[tuple[str, list[PlaceLike], float, str]], fixed: list[Evidence]
) -> list[Evidence]:
    """Evidence for each town named. A name the gazetteer holds in several forces takes the
    candidate in a county the report names ("Newport on the Isle of Wight"), else the one
    nearest the unambiguous evidence; when every candidate is far from that evidence, the
    name probably means a namesake the gazetteer lacks (it holds towns of 500 people or
    more), so the most populous candidate votes at half weight."""
    out: list[Evidence] = []
    anchors = [(e.lat, e.lon) for e in fixed if e.lat is not None and e.lon is not None]
    anchors += [(h[0].lat, h[0].lon) for _, h, _, _ in found if len({p.force_slug for p in h}) == 1]
    counties = {e.force for e in fixed if e.source == "county" and e.force}
    for name, all_hits, given, label in found:
        hits, weight = all_hits, given
        if len({p.force_slug for p in hits}) > 1 and counties:
            hits = [p for p in hits if p.force_slug in counties] or hits
        if len({p.force_slug for p in hits}) > 1 and anchors:
            best = min(hits, key=lambda p: min(_distance((p.lat, p.lon), a) for a in anchors))
            if all(_distance((best.lat, best.lon), a) > 1.0 for a in anchors):  # > ~100 km from everything
                best = max(hits, key=lambda p: p.population)
                weight *= 0.5
        else:
            best = max(hits, key=lambda p: p.population)
        out.append(Evidence(best.force_slug, weight, best.lat, best.lon, label or name, "place"))
    return out


def _dedupe_places(places: list[tuple[int, str]]) -> list[str]:
    places.sort()
    seen: set[str] = set()
    out: list[str] = []
    for _, name in places:
        key = name.lower()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def decide(doc: Doc, geo: GeoLookupLike | None) -> None:
    """Vote for a force from `doc.evidence`; set the location, force and CT region."""
    votes: dict[str, float] = defaultdict(float)
    for e in doc.evidence:
        if e.force:
            votes[e.force] += e.weight
    if not votes:
        doc.force = doc.ct_region = None
        doc.location = _best_point(doc, None)
        return
    force = max(votes.items(), key=lambda kv: kv[1])[0]
    doc.force = force
    looked_up = geo.force(force) if geo is not None else None
    doc.ct_region = looked_up.ct_region if looked_up is not None else None
    doc.location = _best_point(doc, force)


def _best_point(doc: Doc, force: str | None) -> Location | None:
    pts = [
        e
        for e in doc.evidence
        if e.lat is not None and e.lon is not None and (force is None or e.force == force)
    ]
    if not pts:
        return None
    best = max(pts, key=lambda e: e.weight)
    assert best.lat is not None
    assert best.lon is not None
    return Location(best.lat, best.lon, _SOURCE.get(best.source, LocationSource.PLACE), best.label)
