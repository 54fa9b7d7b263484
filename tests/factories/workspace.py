"""Rows the triage job writes (records, POLE entities, mentions, link suggestions) and operations,
shaped exactly like the models, so workspace tests do not need the engine."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.auth.enums import Classification
from vigil.auth.models import Organisation
from vigil.intake.models import Report
from vigil.triage.models import Entity, LinkSuggestion, Mention, TriageRecord
from vigil.workspace.models import Operation, OperationReport


def triage(
    db: Session, report: Report, *, reasons: tuple[str, ...] = ("mentions photographing barriers",)
) -> TriageRecord:
    row = TriageRecord(
        report_id=report.id,
        engine_version="rules-test",
        category=report.category or "suspicious_behaviour_other",
        urgency=report.urgency or "standard",
        score=report.score,
        reasons=list(reasons),
        entities={},
        location=None,
        force_slug=report.force_slug,
        ct_region=report.ct_region,
        protected_person=None,
        related=[],
    )
    db.add(row)
    db.commit()
    return row


def mention(db: Session, report: Report, kind: str, value: str) -> Entity:
    entity = db.scalar(select(Entity).where(Entity.kind == kind, Entity.value == value))
    if entity is None:
        entity = Entity(kind=kind, value=value)
        db.add(entity)
        db.flush()
    db.add(Mention(entity_id=entity.id, report_id=report.id))
    db.commit()
    return entity


def suggestion(
    db: Session, report: Report, other: Report, *, kind: str = "duplicate", score: float = 0.9
) -> LinkSuggestion:
    row = LinkSuggestion(
        report_id=report.id,
        other_report_id=other.id,
        kind=kind,
        score=score,
        reasons=["same vehicle, same place"],
    )
    db.add(row)
    db.commit()
    return row


def operation(
    db: Session,
    *,
    owner: str = "bedfordshire",
    name: str = "Op Kestrel",
    classification: Classification = Classification.official_sensitive,
    reports: tuple[Report, ...] = (),
) -> Operation:
    org = db.scalar(select(Organisation).where(Organisation.code == owner))
    assert org is not None
    op = Operation(name=name, classification=classification, owner_org_id=org.id)
    db.add(op)
    db.flush()
    for r in reports:
        db.add(OperationReport(operation_id=op.id, report_id=r.id))
    db.commit()
    return op
