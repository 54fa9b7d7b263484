"""A report's history: what people decided about it, in order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.workspace.enums import EventKind
from vigil.workspace.models import ReportEvent


def log_event(
    db: Session,
    *,
    report_id: int,
    kind: EventKind,
    summary: str,
    actor_id: int | None,
    details: dict[str, Any] | None = None,
) -> ReportEvent:
    event = ReportEvent(
        report_id=report_id, kind=kind.value, summary=summary[:300], actor_id=actor_id, details=details or {}
    )
    db.add(event)
    db.flush()
    return event


def events_for(*, db: Session, report_id: int) -> list[ReportEvent]:
    return list(
        db.scalars(
            select(ReportEvent)
            .where(ReportEvent.report_id == report_id)
            .order_by(ReportEvent.at, ReportEvent.id)
        )
    )
