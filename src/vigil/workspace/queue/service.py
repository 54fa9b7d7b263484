"""Queue queries. Every query over reports goes through ``visible_clause``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from vigil.auth.marking import Viewer, visible_clause
from vigil.intake.enums import ReportState
from vigil.intake.models import Report
from vigil.web.templates import LONDON
from vigil.workspace.search.adapter import report_text_filter

URGENCIES = ("immediate", "high", "standard", "low")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What an analyst can narrow the queue (and an export) by. Empty means any."""

    q: str | None = None
    state: str | None = None  # None: every state but closed; "all": every state
    urgency: str | None = None
    category: str | None = None
    force: str | None = None
    ct_region: str | None = None
    assignee_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    protected_person_id: int | None = None
    marking: str | None = None
    limit: int = 50
    offset: int = 0

    def without_paging(self, limit: int) -> QueueFilter:
        return replace(self, limit=limit, offset=0)


def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


def filtered(db: Session, viewer: Viewer, f: QueueFilter) -> Select[Report]:
    stmt = select(Report).where(visible_clause(Report, viewer))
    if f.state == "all":
        pass
    elif f.state:
        stmt = stmt.where(Report.state == f.state)
    else:
        stmt = stmt.where(Report.state != ReportState.closed)
    if f.urgency == "untriaged":
        stmt = stmt.where(Report.urgency.is_(None))
    elif f.urgency:
        stmt = stmt.where(Report.urgency == f.urgency)
    if f.category:
        stmt = stmt.where(Report.category == f.category)
    if f.force:
        stmt = stmt.where(Report.force_slug == f.force)
    if f.ct_region:
        stmt = stmt.where(Report.ct_region == f.ct_region)
    if f.assignee_id is not None:
        stmt = stmt.where(Report.assignee_id == f.assignee_id)
    if f.date_from:
        stmt = stmt.where(Report.submitted_at >= _london_midnight(f.date_from))
    if f.date_to:
        stmt = stmt.where(Report.submitted_at < _london_midnight(f.date_to + timedelta(days=1)))
    if f.protected_person_id is not None:
        stmt = stmt.where(Report.protected_person_id == f.protected_person_id)
    if f.marking:
        stmt = stmt.where(Report.classification == f.marking)
    if f.q:
        stmt = report_text_filter(db, stmt, f.q)
    return stmt


def queue(*, db: Session, viewer: Viewer, filter_in: QueueFilter) -> list[Report]:
    """Most urgent first, then highest score, then oldest."""
    stmt = (
        filtered(db, viewer, filter_in)
        .order_by(Report.urgency_rank, Report.score.desc(), Report.submitted_at, Report.id)
        .limit(filter_in.limit)
        .offset(filter_in.offset)
    )
    return list(db.scalars(stmt))


def counts_by_urgency(*, db: Session, viewer: Viewer, filter_in: QueueFilter | None = None) -> dict[str, int]:
    """Live counts of open reports per urgency, under the same filters and the same access rule."""
    f = replace(filter_in or QueueFilter(), urgency=None)
    sub = filtered(db, viewer, f).with_only_columns(Report.urgency).subquery()
    rows = db.execute(select(sub.c.urgency, func.count()).group_by(sub.c.urgency))
    counts = dict.fromkeys((*URGENCIES, "untriaged"), 0)
    for urgency, n in rows:
        counts[urgency or "untriaged"] = n
    return counts
