"""Stage 7, link: possible duplicates and related reports (proposed, never merged).

Contract: reads the finished classification, entities and location; asks the link index for
past reports sharing a key within `WINDOW`; writes `doc.duplicate_of` (the best earlier
report describing the same event) and `doc.related` (the others, each with why). It never
writes to the index: the caller remembers a report with `link_record(...)` once it is stored.

A candidate is a *duplicate* when its force agrees (or one is unknown, or they share a named
site), it was submitted within 36 hours, and the evidence is enough for how its category
compares (`_judge`). With the same category: a strong identifier (registration, near
registration, phone, URL, e-mail, handle, postcode, protected person), or a named site or
space-time cell within a day with some wording in common (MinHash Jaccard >= 0.08), or the
same town (or cell, later) with more (>= 0.15), or the same cell within 6 hours, or
near-identical wording (>= 0.5). With categories either side of a line the labelling guide
draws (threat vs hate, item vs weapons, ...): an identifier other than the protected person
with some wording in common, or a place with clearly similar wording (>= 0.25). Anything
else sharing a key (other than a town alone) is *related*.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from vigil.triage import linking
from vigil.triage.enums import Category, LinkKind
from vigil.triage.schemas import Candidate, Link, LinkIndex, LinkRecord, TriageResult
from vigil.triage.stages.doc import Doc

WINDOW = timedelta(days=30)
DUPLICATE_HOURS = 36.0
_STRONG = ("veh:", "vehp:", "tel:", "url:", "email:", "handle:", "pc:", "pp:")
_WHY = {
    "veh": "same vehicle registration",
    "vehp": "registration differs by its last character",
    "tel": "same phone number",
    "url": "same URL",
    "email": "same e-mail address",
    "handle": "same social media handle",
    "pc": "same postcode",
    "pp": "same protected person",
    "vehx": "registration differs by one character",
    "veha": "registration with two characters swapped",
    "site": "same named place",
    "pl": "same town named",
    "st": "close in space and time",
    "mh1": "similar wording",
}


# "Queen St", "Bath Rd.": a street the place spotter leaves out when its type is shortened (not
# "St Davids", where "St" before a capitalised word is a saint).
_SHORT_STREET = re.compile(r"\b((?:[A-Z][a-z]+ ){1,2})(St|Rd|Ave)\b\.?(?! ?[A-Z])")


def _sites(doc: Doc) -> list[str]:
    body = doc.body
    shortened = (
        [m.group(1) + m.group(2) for m in _SHORT_STREET.finditer(body)]
        if " St" in body or " Rd" in body or " Ave" in body  # (in every match)
        else []
    )
    return list(dict.fromkeys([*doc.sites, *shortened]))


def _places(doc: Doc) -> list[str]:
    """The towns and districts the report names (each located place, not only the one chosen
    as the report's location): two reporters may name different places nearby, or the
    location may come from a different clue (a map pin, an MP's constituency) in each."""
    return list(dict.fromkeys(e.label for e in doc.evidence if e.source == "place"))


def _pp_key(doc: Doc) -> str | None:
    ref = doc.protected
    if ref is None:
        return None
    if ref.person_id:
        return ref.person_id
    return f"{ref.role}:{ref.constituency}" if ref.constituency else None


def keys_for(doc: Doc) -> tuple[list[str], list[str], tuple[int, ...]]:
    """(keys to store, keys to query, MinHash signature) for a triaged document."""
    if doc.link_keys is not None:
        return doc.link_keys
    e = doc.entities
    signature = linking.minhash(linking.content_words(doc.body))
    common = linking.entity_keys(
        vehicles=e.vehicles,
        phones=e.phones,
        postcodes=e.postcodes,
        urls=e.urls,
        emails=e.emails,
        handles=e.social_handles,
        sites=_sites(doc),
        places=_places(doc),
        protected_person=_pp_key(doc),
    ) + linking.band_keys(signature)
    store, query = list(common), list(common)
    if doc.location is not None:
        when = doc.report.submitted_at
        store.append(linking.space_time_key(doc.location.lat, doc.location.lon, when))
        # back over the whole window a duplicate may lie in, so a report a day and a half
        # after another in the same place still meets it
        query += linking.space_time_query_keys(doc.location.lat, doc.location.lon, when, DUPLICATE_HOURS)
    doc.link_keys = (store, query, signature)
    return doc.link_keys


def link(doc: Doc, index: LinkIndex | None) -> None:
    if index is None:
        return
    _, query, signature = keys_for(doc)
    when = doc.report.submitted_at
    own_id = doc.report.report_id
    category = doc.category.value
    best: tuple[float, str] | None = None
    related = []
    for cand in _candidates(index, query, when):
        rec = cand.record
        if rec.report_id == own_id or rec.submitted_at > when:
            continue
        families = _families(cand.shared_keys)
        # naming the same town is no link on its own (a month of a city's reports): such a
        # candidate counts only as a duplicate, so one outside the duplicate window, or of a
        # category no duplicate could have, is dropped before the wording is compared
        town_only = families <= _TOWN_ONLY
        if town_only and (when - rec.submitted_at > _DUPLICATE_WINDOW or not _could_share(doc, rec.category)):
            continue
        is_dup, strength, reasons = _weigh(doc, category, when, rec, families, signature)
        if not is_dup and town_only:
            continue
        if is_dup and (best is None or strength > best[0]):
            if best is not None:
                related.append(_link(best[1], LinkKind.RELATED, best[0], ("possible duplicate",)))
            best = (strength, rec.report_id)
            continue
        related.append(_link(rec.report_id, LinkKind.RELATED, strength, reasons))
    doc.duplicate_of = best[1] if best else None
    related.sort(key=lambda link_: -link_.score)
    doc.related = related[:10]


_DUPLICATE_WINDOW = timedelta(hours=DUPLICATE_HOURS)


def _candidates(index: LinkIndex, query: list[str], when: datetime, limit: int = 200) -> list[Candidate]:
    """Past reports sharing a key: over the related window (30 days) for every key but the
    town keys, which can only make a duplicate and so are looked up over the duplicate window
    alone (a city's month of reports would otherwise all be candidates). Most keys shared
    first, then the newest, as the index orders them."""
    towns = [k for k in query if k.startswith("pl:")]
    found = {
        c.record.report_id: c
        for c in index.candidates([k for k in query if not k.startswith("pl:")], since=when - WINDOW)
    }
    if towns:
        for c in index.candidates(towns, since=when - _DUPLICATE_WINDOW):
            had = found.get(c.record.report_id)
            found[c.record.report_id] = (
                c if had is None else Candidate(had.record, (*had.shared_keys, *c.shared_keys))
            )
        ordered = sorted(
            found.values(), key=lambda c: (-len(c.shared_keys), -c.record.submitted_at.timestamp())
        )
        return ordered[:limit]
    return list(found.values())


def _could_share(doc: Doc, category: str) -> bool:
    """Whether a report of `category` could be judged a duplicate of `doc` (the same category,
    or either side of a line the guide draws)."""
    return category == doc.category.value or frozenset((category, doc.category.value)) in _NEIGHBOURS


def _link(rid: str, kind: LinkKind, score: float, reasons: tuple[str, ...]) -> Link:
    return Link(rid, kind, round(min(1.0, score), 3), reasons)


def _neighbours(*pairs: tuple[Category, Category]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset((a.value, b.value)) for a, b in pairs)


# Categories the labelling guide's precedence rules tell apart (threat vs hate, vs weapons, vs
# reconnaissance; item vs others; material vs person drawn in; "fits nothing more specific"):
# two reporters of one event can be classified either side of such a line.
_NEIGHBOURS = _neighbours(
    (Category.THREAT_TO_PERSON, Category.HATE_INCIDENT),
    (Category.THREAT_TO_PERSON, Category.WEAPONS_EXPLOSIVES),
    (Category.THREAT_TO_PERSON, Category.HOSTILE_RECONNAISSANCE),
    (Category.THREAT_TO_PERSON, Category.SUSPICIOUS_ITEM),
    (Category.THREAT_TO_PERSON, Category.EXTREMIST_CONTENT_ONLINE),
    (Category.SUSPICIOUS_ITEM, Category.WEAPONS_EXPLOSIVES),
    (Category.EXTREMIST_CONTENT_ONLINE, Category.RADICALISATION_CONCERN),
    (Category.EXTREMIST_CONTENT_ONLINE, Category.HATE_INCIDENT),
    (Category.RADICALISATION_CONCERN, Category.SUSPICIOUS_FINANCE_TRAVEL),
    (Category.SUSPICIOUS_BEHAVIOUR_OTHER, Category.HOSTILE_RECONNAISSANCE),
    (Category.SUSPICIOUS_BEHAVIOUR_OTHER, Category.SUSPICIOUS_FINANCE_TRAVEL),
    (Category.SUSPICIOUS_BEHAVIOUR_OTHER, Category.NOT_RELEVANT),
)


def _judge(doc: Doc, cand: Candidate, signature: tuple[int, ...]) -> tuple[bool, float, tuple[str, ...]]:
    """Whether `cand` reports the same event as `doc`, how strongly, and why.

    The evidence is weighed together: a shared identifier, the same place (a named site, the
    same space-time cell, or, weaker, the same town named), wording in common, and the
    categories. Reporters of one event always share its category, but the classifier can put
    two of them either side of a line the labelling guide draws (`_NEIGHBOURS`); then the
    pair needs more evidence: an identifier with some wording in common, or a place with
    clearly similar wording.
    """
    rec = cand.record
    return _weigh(
        doc, doc.category.value, doc.report.submitted_at, rec, _families(cand.shared_keys), signature
    )


def _families(keys: tuple[str, ...]) -> frozenset[str]:
    """The key families (`veh`, `pl`, `st`, ...) among shared keys: what `_judge` weighs."""
    try:
        return frozenset(map(_FAMILY.__getitem__, keys))
    except KeyError:
        pass
    if len(_FAMILY) >= _FAMILY_CAP:
        _FAMILY.clear()
    families = [k.partition(":")[0] for k in keys]
    _FAMILY.update(zip(keys, families, strict=True))
    return frozenset(families)


# each key's family, remembered (a key is shared by several candidates, and recurs: a cell,
# a town, a vehicle); emptied when full
_FAMILY: dict[str, str] = {}
_FAMILY_CAP = 1 << 16
_TOWN_ONLY = frozenset({"pl"})
# the strong identifiers' families but the protected person's, and the near registrations'
_IDENTIFIERS = frozenset(k.rstrip(":") for k in _STRONG) - {"pp"}
_NEAR_PLATES = frozenset({"vehx", "veha"})
_REASONS: dict[frozenset[str], tuple[str, ...]] = {}


def _reasons(families: frozenset[str]) -> tuple[str, ...]:
    """`_WHY`'s reasons for the families, in its order (remembered: few combinations occur)."""
    reasons = _REASONS.get(families)
    if reasons is None:
        reasons = tuple(_WHY[f] for f in _WHY if f in families)
        if len(_REASONS) < 4096:
            _REASONS[families] = reasons
    return reasons


def _weigh(
    doc: Doc,
    category: str,
    when: datetime,
    rec: LinkRecord,
    families: frozenset[str],
    signature: tuple[int, ...],
) -> tuple[bool, float, tuple[str, ...]]:
    """`_judge` for a candidate's record and its shared key families; `category` and `when`
    are the document's category value and submission time."""
    reasons = _reasons(families)
    sim = linking.jaccard(signature, rec.signature)
    hours = abs((when - rec.submitted_at).total_seconds()) / 3600
    site, cell = "site" in families, "st" in families
    # an identifier other than the protected person (an MP's office hears of several events
    # in a day, so the person alone is not enough when the categories differ)
    ident = not _IDENTIFIERS.isdisjoint(families)
    # the same named site puts both reports in one place, whatever force a stray place name
    # (a destination, a street that is also a town elsewhere) gave either of them
    same_force = rec.force is None or doc.force is None or rec.force == doc.force or site
    # the same cell more than a day apart counts like the same town named: weaker
    near = site or (cell and hours <= 24)
    town = "pl" in families or cell
    # a registration one misread or swapped character away is an identifier when something
    # else agrees (the place, or some wording); on its own it could be another car
    ident = ident or (not _NEAR_PLATES.isdisjoint(families) and (near or town or sim >= 0.08))
    strong = ident or "pp" in families
    strength = 0.4 * strong + 0.2 * site + 0.2 * cell + sim
    if rec.category == category:
        evidence = (
            strong or (near and sim >= 0.08) or (town and sim >= 0.15) or (cell and hours <= 6) or sim >= 0.5
        )
    elif frozenset((rec.category, category)) in _NEIGHBOURS:
        evidence = (ident and sim >= 0.05) or ((near or town) and sim >= 0.25) or sim >= 0.5
    else:
        evidence = False
    is_dup = same_force and hours <= DUPLICATE_HOURS and evidence
    if sim >= 0.3 and "similar wording" not in reasons:
        reasons = (*reasons, "similar wording")
    return is_dup, strength, reasons


def link_record(result: TriageResult, doc: Doc) -> LinkRecord:
    """The record to `add` to a link index once `result` has been stored."""
    store, _, signature = keys_for(doc)
    loc = result.location
    return LinkRecord(
        report_id=result.report_id or "",
        submitted_at=doc.report.submitted_at,
        category=result.category.value,
        force=result.force,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        protected_person_id=_pp_key(doc),
        keys=tuple(store),
        signature=signature,
    )
