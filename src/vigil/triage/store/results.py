"""Storing a triage result: the record, the POLE index, link suggestions, the report's queue fields."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vigil.auth.models import Organisation
from vigil.intake.enums import TriageState
from vigil.intake.models import Report
from vigil.intake.service import NATIONAL_CT_ORG
from vigil.protect.context import notify_contact
from vigil.triage.models import Entity, LinkSuggestion, Mention, TriageRecord
from vigil.triage.schemas import TriageResult
from vigil.triage.serialise import result_to_dict

URGENCY_RANK = {"immediate": 0, "high": 1, "standard": 2, "low": 3}
#: Entity lists indexed for the POLE pages, by the kind stored in ``entity.kind``.
INDEXED = {
    "vehicles": "vehicle",
    "phones": "phone",
    "postcodes": "postcode",
    "urls": "url",
    "emails": "email",
    "social_handles": "handle",
    "places": "place",
    "weapons": "weapon",
    "materials": "material",
}


def store(db: Session, *, report: Report, result: TriageResult, trigger: str = "intake") -> TriageRecord:
    data = result_to_dict(result)
    record = TriageRecord(
        report_id=report.id,
        engine_version=result.engine_version,
        trigger=trigger,
        category=result.category.value,
        urgency=result.urgency.value,
        hate_strand=result.hate_strand.value if result.hate_strand else None,
        score=result.score,
        reasons=list(result.reasons),
        entities=data["entities"],
        location=data.get("location"),
        force_slug=result.force,
        ct_region=result.ct_region,
        protected_person=data.get("protected_person"),
        duplicate_of_report_id=int(result.duplicate_of) if result.duplicate_of else None,
        related=[
            {
                "report_id": int(link.report_id),
                "kind": link.kind.value,
                "score": link.score,
                "reasons": list(link.reasons),
            }
            for link in result.related
        ],
    )
    db.add(record)
    db.flush()
    _index_entities(db, report_id=report.id, entities=data["entities"])
    _suggest_links(db, report_id=report.id, result=result)
    _update_report(db, report=report, result=result)
    return record


def _index_entities(db: Session, *, report_id: int, entities: dict[str, Any]) -> None:
    for field, kind in INDEXED.items():
        for value in entities.get(field) or []:
            text = str(value)[:500]
            entity = _entity(db, kind=kind, value=text)
            if db.get(Mention, (entity.id, report_id)) is None:
                db.add(Mention(entity_id=entity.id, report_id=report_id))
    db.flush()


def _entity(db: Session, *, kind: str, value: str) -> Entity:
    """Get or create an entity. Two workers may meet the same new value at once: the loser's
    insert fails inside its savepoint and it reads the winner's row instead of failing the job."""
    found = db.scalar(select(Entity).where(Entity.kind == kind, Entity.value == value))
    if found is not None:
        return found
    try:
        with db.begin_nested():
            entity = Entity(kind=kind, value=value)
            db.add(entity)
        return entity
    except IntegrityError:
        existing = db.scalar(select(Entity).where(Entity.kind == kind, Entity.value == value))
        assert existing is not None
        return existing


def _suggest_links(db: Session, *, report_id: int, result: TriageResult) -> None:
    proposals: dict[int, tuple[str, float, list[str]]] = {}
    for link in result.related:
        proposals[int(link.report_id)] = (link.kind.value, link.score, list(link.reasons))
    if result.duplicate_of:
        other = int(result.duplicate_of)
        kind, score, reasons = proposals.get(other, ("duplicate", 1.0, ["describes the same event"]))
        proposals[other] = ("duplicate", score, reasons)
    for other, (kind, score, reasons) in proposals.items():
        if other == report_id:
            continue
        # A pair already suggested, confirmed or rejected (in either direction) is never
        # suggested again: an analyst's rejection is remembered.
        seen = db.scalar(
            select(LinkSuggestion.id).where(
                or_(
                    (LinkSuggestion.report_id == report_id) & (LinkSuggestion.other_report_id == other),
                    (LinkSuggestion.report_id == other) & (LinkSuggestion.other_report_id == report_id),
                )
            )
        )
        if seen is None:
            db.add(
                LinkSuggestion(
                    report_id=report_id,
                    other_report_id=other,
                    kind=kind,
                    score=score,
                    reasons=reasons,
                    status="suggested",
                    engine_version=result.engine_version,
                )
            )
    db.flush()


def _update_report(db: Session, *, report: Report, result: TriageResult) -> None:
    """Copy the engine's proposal onto the report for the queue, and route it to its force.

    Ownership moves from the national CT unit to the force for the report's location; a report
    an analyst has already moved or taken on keeps its owner.
    """
    report.category = result.category.value
    report.urgency = result.urgency.value
    report.urgency_rank = URGENCY_RANK[result.urgency.value]
    report.score = result.score
    report.hate_strand = result.hate_strand.value if result.hate_strand else None
    if result.force:
        report.force_slug = result.force
        report.ct_region = result.ct_region
        national = db.scalar(select(Organisation.id).where(Organisation.code == NATIONAL_CT_ORG))
        force_org = db.scalar(select(Organisation.id).where(Organisation.code == result.force))
        if force_org is not None and report.owner_org_id == national and report.state == "new":
            report.owner_org_id = force_org
    person = result.protected_person
    if person is not None and person.person_id and person.person_id.isdigit():
        report.protected_person_id = int(person.person_id)
        # The person's single point of contact hears of it (once per person and report).
        notify_contact(db, person_id=int(person.person_id), report_id=report.id, reason=person.reason)
    report.triage_state = TriageState.triaged
    db.flush()
