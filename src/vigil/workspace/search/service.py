"""Search over reports and the POLE index, and the entity page's timeline."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from vigil.auth.marking import Viewer, visible_clause
from vigil.intake.models import Report
from vigil.triage.models import Entity, Mention
from vigil.workspace.models import Operation, OperationReport
from vigil.workspace.queue.service import QueueFilter, filtered
from vigil.workspace.search.adapter import newest_first


def search_reports(*, db: Session, viewer: Viewer, filter_in: QueueFilter) -> list[Report]:
    """Newest first. Every state unless the filter names one."""
    f = filter_in if filter_in.state else replace(filter_in, state="all")
    stmt = newest_first(db, filtered(db, viewer, f), matched=bool(f.q)).limit(f.limit).offset(f.offset)
    return list(db.scalars(stmt))


def normalise_value(q: str) -> str:
    """Entities are stored normalised (``AB12CDE``): drop spaces and case for matching."""
    return re.sub(r"\s+", "", q).upper()


def visible_mention(viewer: Viewer) -> object:
    return exists().where(
        Mention.entity_id == Entity.id, Mention.report_id == Report.id, visible_clause(Report, viewer)
    )


def search_entities(*, db: Session, viewer: Viewer, q: str, limit: int = 20) -> list[Entity]:
    """Entities whose value starts with the query and that at least one visible report mentions."""
    value = normalise_value(q)[:100]
    if len(value) < 2:
        return []
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = (
        select(Entity)
        .where(Entity.value.ilike(f"{escaped}%", escape="\\") | Entity.value.ilike(f"{q.strip()[:100]}%"))
        .where(visible_mention(viewer))  # type: ignore[arg-type]
        .order_by(Entity.kind, Entity.value)
        .limit(limit)
    )
    return list(db.scalars(stmt))


def entity_reports(*, db: Session, viewer: Viewer, entity_id: int, limit: int = 500) -> list[Report]:
    return list(
        db.scalars(
            select(Report)
            .join(Mention, Mention.report_id == Report.id)
            .where(Mention.entity_id == entity_id, visible_clause(Report, viewer))
            .order_by(Report.submitted_at)
            .limit(limit)
        )
    )


def operations_of(*, db: Session, viewer: Viewer, report_ids: list[int]) -> list[Operation]:
    if not report_ids:
        return []
    return list(
        db.scalars(
            select(Operation)
            .where(visible_clause(Operation, viewer))
            .where(
                exists().where(
                    OperationReport.operation_id == Operation.id, OperationReport.report_id.in_(report_ids)
                )
            )
            .order_by(Operation.id)
        )
    )
