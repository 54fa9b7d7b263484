"""Paging the duty supervisor about ``immediate`` reports (in-app, and by webhook if configured).

A supervisor is paged when they could act on the report: the role, clearance at or above its
marking, and their organisation owns it or it is shared with them. The notification row is
unique per (user, report, kind), so raising it again is harmless: the sweep is idempotent and
safe to run from any request or job.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from vigil.auth.enums import Classification, Role
from vigil.auth.marking import shared_org_ids
from vigil.auth.models import User, UserRole
from vigil.db.types import utcnow
from vigil.intake.enums import ReportState
from vigil.intake.models import Report
from vigil.jobs.service import enqueue
from vigil.workspace.models import Notification
from vigil.workspace.queue import webhook

IMMEDIATE = "immediate"


def supervisors_for(db: Session, report: Report) -> list[User]:
    orgs = {report.owner_org_id} | shared_org_ids(db, report)  # type: ignore[arg-type]
    users = db.scalars(
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.supervisor, User.is_active.is_(True), User.organisation_id.in_(orgs))
    )
    rank = Classification(report.classification).rank
    return [u for u in users if Classification(u.clearance).rank >= rank]


def notify_immediate(db: Session, report: Report) -> int:
    """Page every supervisor who could act on this report and has not been paged about it."""
    made = 0
    for supervisor in supervisors_for(db, report):
        already = db.scalar(
            select(Notification.id).where(
                Notification.user_id == supervisor.id,
                Notification.report_id == report.id,
                Notification.kind == IMMEDIATE,
            )
        )
        if already is None:
            db.add(
                Notification(
                    user_id=supervisor.id,
                    report_id=report.id,
                    kind=IMMEDIATE,
                    message=f"Immediate report {report.reference}: {report.category or 'uncategorised'}",
                )
            )
            made += 1
    if made:
        enqueue(
            db,
            kind=webhook.JOB_KIND,
            payload=webhook.payload_for(
                reference=report.reference, category=report.category, force=report.force_slug, paged=made
            ),
            priority=0,
            subject=f"report:{report.id}",
        )
    db.flush()
    return made


def sweep_immediate(db: Session, limit: int = 100) -> int:
    """Raise notifications for open ``immediate`` reports that have none yet."""
    pending = db.scalars(
        select(Report)
        .where(
            Report.urgency == IMMEDIATE,
            Report.state != ReportState.closed,
            ~exists().where(Notification.report_id == Report.id, Notification.kind == IMMEDIATE),
        )
        .limit(limit)
    )
    return sum(notify_immediate(db, r) for r in pending)


def unread_for(db: Session, user_id: int, limit: int = 50) -> list[Notification]:
    return list(
        db.scalars(
            select(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .order_by(Notification.created_at.desc())
            .limit(limit)
        )
    )


def mark_read(db: Session, *, user_id: int, notification_id: int) -> bool:
    row = db.get(Notification, notification_id)
    if row is None or row.user_id != user_id:
        return False
    row.read_at = utcnow()
    db.flush()
    return True
