"""Stage 7, link: possible duplicates and related reports (proposed, never merged).

Contract: reads the finished classification, entities and location; asks the link index for
past reports sharing a key within `WINDOW`; writes `doc.duplicate_of` (the best earlier
report describing the same event) and `doc.related` (the others, each with why). It never
writes to the index: the caller remembers a report with `link_record(...)` once it is stored.

A candidate is a *duplicate* when it has the same category and force (or one of them is
unknown), was submitted within 36 hours, and shares a strong identifier (registration, near
registration, phone, URL, e-mail, handle, postcode, protected person), or a named site or
space-time cell together with similar wording (MinHash Jaccard >= 0.12), or near-identical
wording (>= 0.5). Anything else sharing a key is *related*.
"""

from __future__ import annotations

from datetime import timedelta

from vigil.triage import linking
from vigil.triage.enums import LinkKind
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
    "site": "same named place",
    "st": "close in space and time",
    "mh1": "similar wording",
}


def _sites(doc: Doc) -> list[str]:
    return list(dict.fromkeys(doc.sites))


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
        protected_person=_pp_key(doc),
    ) + linking.band_keys(signature)
    store, query = list(common), list(common)
    if doc.location is not None:
        when = doc.report.submitted_at
        store.append(linking.space_time_key(doc.location.lat, doc.location.lon, when))
        query += linking.space_time_query_keys(doc.location.lat, doc.location.lon, when)
    doc.link_keys = (store, query, signature)
    return doc.link_keys


def link(doc: Doc, index: LinkIndex | None) -> None:
    if index is None:
        return
    _, query, signature = keys_for(doc)
    when = doc.report.submitted_at
    best: tuple[float, str] | None = None
    related = []
    for cand in index.candidates(query, since=when - WINDOW):
        rec = cand.record
        if rec.report_id == doc.report.report_id or rec.submitted_at > when:
            continue
        is_dup, strength, reasons = _judge(doc, cand, signature)
        if is_dup and (best is None or strength > best[0]):
            if best is not None:
                related.append(_link(best[1], LinkKind.RELATED, best[0], ("possible duplicate",)))
            best = (strength, rec.report_id)
            continue
        related.append(_link(rec.report_id, LinkKind.RELATED, strength, reasons))
    doc.duplicate_of = best[1] if best else None
    related.sort(key=lambda link_: -link_.score)
    doc.related = related[:10]


def _link(rid: str, kind: LinkKind, score: float, reasons: tuple[str, ...]) -> Link:
    return Link(rid, kind, round(min(1.0, score), 3), reasons)


def _judge(doc: Doc, cand: Candidate, signature: tuple[int, ...]) -> tuple[bool, float, tuple[str, ...]]:
    rec = cand.record
    families = {k.split(":", 1)[0] for k in cand.shared_keys}
    reasons = tuple(
        _WHY[f]
        for f in ("veh", "vehp", "tel", "url", "email", "handle", "pc", "pp", "site", "st", "mh1")
        if f in families
    )
    sim = linking.jaccard(signature, rec.signature)
    hours = abs((doc.report.submitted_at - rec.submitted_at).total_seconds()) / 3600
    strong = any(k.startswith(_STRONG) for k in cand.shared_keys)
    same_cat = rec.category == doc.category.value
    # the same named site puts both reports in one place, whatever force a stray place name
    # (a destination, a street that is also a town elsewhere) gave either of them
    same_force = rec.force is None or doc.force is None or rec.force == doc.force or "site" in families
    strength = 0.4 * strong + 0.2 * ("site" in families) + 0.2 * ("st" in families) + sim
    near = bool({"site", "st"} & families)
    is_dup = (
        same_cat
        and same_force
        and hours <= DUPLICATE_HOURS
        and (strong or (near and sim >= 0.08) or ("st" in families and hours <= 6) or sim >= 0.5)
    )
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
