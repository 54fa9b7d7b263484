"""What the report page shows, gathered once for the page and the JSON API."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.models import AuditEvent
from vigil.auth.deps import Principal
from vigil.auth.marking import high_water_mark, visible_clause
from vigil.auth.models import User
from vigil.auth.permissions import Permission
from vigil.intake.models import Attachment, Report, ReportContact
from vigil.reference.models import RefForce
from vigil.triage.models import Entity, Mention, TriageRecord
from vigil.workspace.actions.service import operations_for
from vigil.workspace.history import events_for
from vigil.workspace.models import Action, Operation, ReportEvent, ReportGrade, TriageOverride
from vigil.workspace.reports import links
from vigil.workspace.reports.service import latest_triage


@dataclass
class Segment:
    text: str
    entity: Entity | None = None


@dataclass
class ReportView:
    report: Report
    segments: list[Segment]
    entities: list[Entity]
    triage: TriageRecord | None
    overrides: list[TriageOverride]
    grades: list[ReportGrade]
    events: list[ReportEvent]
    audit: list[AuditEvent]
    matches: list[links.Match]
    primary: Report | None
    duplicates: list[Report]
    related: list[Report]
    actions: list[Action]
    operations: list[Operation]
    linkable_operations: list[Operation]
    colleagues: list[User]
    contact: ReportContact | None
    attachments: list[Attachment]
    map_data: dict[str, Any] | None
    force_name: str | None
    users: dict[int, str] = field(default_factory=dict)

    @property
    def page_marking(self) -> str:
        parts = [self.report.classification]
        parts += [
            r.classification for r in (self.duplicates + self.related + [m.other for m in self.matches])
        ]
        parts += [r.classification for r in ([self.primary] if self.primary else [])]
        return high_water_mark(parts).value


def _pattern(value: str) -> re.Pattern[str] | None:
    chars = [re.escape(c) for c in value if not c.isspace()]
    if len(chars) < 3:
        return None
    return re.compile(r"\s?".join(chars), re.IGNORECASE)


def highlight(text: str, entities: list[Entity]) -> list[Segment]:
    """Split text into plain and entity segments (longest entity first, no overlaps)."""
    spans: list[tuple[int, int, Entity]] = []
    for entity in sorted(entities, key=lambda e: -len(e.value)):
        pattern = _pattern(entity.value)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                spans.append((m.start(), m.end(), entity))
    spans.sort(key=lambda s: s[0])
    out: list[Segment] = []
    pos = 0
    for start, end, entity in spans:
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], entity))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def _map(db: Session, report: Report) -> tuple[dict[str, Any] | None, str | None]:
    force = db.get(RefForce, report.force_slug) if report.force_slug else None
    data: dict[str, Any] = {}
    if report.latitude is not None and report.longitude is not None:
        data["point"] = [report.latitude, report.longitude]
    if force is not None and force.polygon_geojson:
        data["force"] = json.loads(force.polygon_geojson)
    return (data or None), (force.name if force else None)


def build(*, db: Session, report: Report, viewer: Principal) -> ReportView:
    entities = list(
        db.scalars(
            select(Entity).join(Mention, Mention.entity_id == Entity.id).where(Mention.report_id == report.id)
        )
    )
    primary, duplicates, related = links.thread(db=db, report=report, viewer=viewer)
    actions = list(
        db.scalars(
            select(Action)
            .where(Action.report_id == report.id, visible_clause(Action, viewer))
            .order_by(Action.id)
        )
    )
    map_data, force_name = _map(db, report)
    colleagues = list(
        db.scalars(
            select(User)
            .where(User.organisation_id == viewer.organisation_id, User.is_active.is_(True))
            .order_by(User.display_name)
        )
    )
    view = ReportView(
        report=report,
        segments=highlight(report.description, entities),
        entities=entities,
        triage=latest_triage(db=db, report_id=report.id),
        overrides=list(
            db.scalars(
                select(TriageOverride)
                .where(TriageOverride.report_id == report.id)
                .order_by(TriageOverride.id)
            )
        ),
        grades=list(
            db.scalars(select(ReportGrade).where(ReportGrade.report_id == report.id).order_by(ReportGrade.id))
        ),
        events=events_for(db=db, report_id=report.id),
        audit=list(
            db.scalars(
                select(AuditEvent)
                .where(AuditEvent.object_type == "report", AuditEvent.object_id == str(report.id))
                .order_by(AuditEvent.seq.desc())
                .limit(50)
            )
        ),
        matches=links.matches_for(db=db, report=report, viewer=viewer),
        primary=primary,
        duplicates=duplicates,
        related=related,
        actions=actions,
        operations=operations_for(db=db, viewer=viewer, report_id=report.id),
        linkable_operations=operations_for(db=db, viewer=viewer),
        colleagues=colleagues,
        contact=db.get(ReportContact, report.id) if viewer.can(Permission.report_read_contact) else None,
        attachments=list(
            db.scalars(select(Attachment).where(Attachment.report_id == report.id).order_by(Attachment.id))
        )
        if viewer.can(Permission.attachment_read)
        else [],
        map_data=map_data,
        force_name=force_name,
    )
    view.users = {u.id: u.display_name for u in colleagues}
    return view
