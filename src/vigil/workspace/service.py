"""Queue queries. Every query over reports goes through ``visible_clause``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from vigil.auth.marking import Viewer, visible_clause
from vigil.intake.enums import ReportState
from vigil.intake.models import Report

URGENCIES = ("immediate", "high", "standard", "low")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    q: str | None = None
    state: str | None = None
    urgency: str | None = None
    limit: int = 50


def _visible(viewer: Viewer) -> Select[Report]:
    return select(Report).where(visible_clause(Report, viewer))


def queue(*, db: Session, viewer: Viewer, filter_in: QueueFilter) -> list[Report]:
    stmt = _visible(viewer)
    if filter_in.state:
        stmt = stmt.where(Report.state == filter_in.state)
    else:
        stmt = stmt.where(Report.state != ReportState.closed)
    if filter_in.urgency:
        stmt = stmt.where(Report.urgency == filter_in.urgency)
    if filter_in.q:
        stmt = stmt.where(Report.description.ilike(f"%{filter_in.q}%"))
    stmt = stmt.order_by(Report.urgency_rank, Report.score.desc(), Report.submitted_at).limit(filter_in.limit)
    return list(db.scalars(stmt))


def counts_by_urgency(*, db: Session, viewer: Viewer) -> dict[str, int]:
    rows = db.execute(
        select(Report.urgency, func.count())
        .where(visible_clause(Report, viewer), Report.state != ReportState.closed)
        .group_by(Report.urgency)
    )
    counts = dict.fromkeys((*URGENCIES, "untriaged"), 0)
    for urgency, n in rows:
        counts[urgency or "untriaged"] = n
    return counts
