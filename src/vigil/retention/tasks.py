"""The scheduled retention review: flags what is due, never deletes, and guards the clock.

A ``retention.review`` job runs every ``VIGIL_RETENTION_RUN_HOURS`` through the ordinary job
table (it queues its own next run; :func:`ensure_scheduled`, called when workers start, puts
one in place if none is waiting). A run counts the reports past their review date and records
the result; disposal is only ever a person's decision.

The clock-jump guard (RELIABILITY F11): each run compares the clock with the last accepted run.
If the time since then is negative (beyond ``VIGIL_RETENTION_CLOCK_BACK_MINUTES``) or longer
than the run interval plus ``VIGIL_RETENTION_CLOCK_FORWARD_HOURS``, the run refuses: it changes
nothing, records a refused run, writes an audit event and logs an error. Runs keep refusing
until an administrator confirms the clock (:func:`accept_clock`, audited), because a clock
ten years fast would otherwise make every report look overdue.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import SYSTEM, Actor, record
from vigil.db.types import utcnow
from vigil.intake.models import Report
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job
from vigil.jobs.service import enqueue
from vigil.jobs.worker import JobContext
from vigil.retention.enums import RunOutcome
from vigil.retention.models import RetentionRun

log = logging.getLogger(__name__)

JOB_KIND = "retention.review"
SUBJECT = "retention:review"
_LOCK_KEY = 0x52455456  # "RETV": one scheduler at a time on PostgreSQL


@dataclass(frozen=True, slots=True)
class RunResult:
    run: RetentionRun
    refused: str | None  # why the guard refused, or None


def last_accepted(db: Session) -> RetentionRun | None:
    accepted = (RunOutcome.ok.value, RunOutcome.acknowledged.value)
    stmt = select(RetentionRun).where(RetentionRun.outcome.in_(accepted))
    return db.scalar(stmt.order_by(RetentionRun.id.desc()).limit(1))


def latest_run(db: Session) -> RetentionRun | None:
    return db.scalar(select(RetentionRun).order_by(RetentionRun.id.desc()).limit(1))


def clock_problem(*, last: RetentionRun | None, now: datetime, settings: Any) -> str | None:
    """Why the clock cannot be trusted against the last accepted run, or None."""
    if last is None:
        return None
    elapsed = now - last.at
    back = timedelta(minutes=settings.retention_clock_back_minutes)
    if elapsed < -back:
        return (
            f"the clock reads {now.isoformat()}, {-elapsed} before the last accepted run "
            f"({last.at.isoformat()}): it has gone back"
        )
    bound = timedelta(hours=settings.retention_run_hours + settings.retention_clock_forward_hours)
    if elapsed > bound:
        return (
            f"{elapsed} since the last accepted run ({last.at.isoformat()}), more than the {bound} "
            "allowed: the clock may have jumped forward"
        )
    return None


def run_review(*, db: Session, settings: Any, now: datetime | None = None) -> RunResult:
    """One scheduled review: count what is due, or refuse on a clock jump. Never deletes."""
    now = now or utcnow()
    last = last_accepted(db)
    problem = clock_problem(last=last, now=now, settings=settings)
    if problem is not None:
        run = RetentionRun(at=now, outcome=RunOutcome.refused.value, detail=problem)
        db.add(run)
        record(db, tag=AuditTag.retention_clock_refused, actor=SYSTEM, details={"reason": problem})
        log.error("ALERT retention review refused by the clock-jump guard: %s", problem)
        db.flush()
        return RunResult(run, problem)
    due_clause = Report.review_due_at <= now
    due = int(db.scalar(select(func.count()).select_from(Report).where(due_clause)) or 0)
    held = int(
        db.scalar(select(func.count()).select_from(Report).where(due_clause, Report.legal_hold.is_(True)))
        or 0
    )
    newly = due
    if last is not None:
        since = Report.review_due_at > last.at
        newly = int(db.scalar(select(func.count()).select_from(Report).where(due_clause, since)) or 0)
    run = RetentionRun(at=now, outcome=RunOutcome.ok.value, due=due, newly_due=newly, held=held)
    db.add(run)
    record(
        db,
        tag=AuditTag.retention_run,
        actor=SYSTEM,
        details={"at": now.isoformat(), "due": due, "newly_due": newly, "held": held},
    )
    db.flush()
    return RunResult(run, None)


def accept_clock(
    *, db: Session, settings: Any, actor: Actor, reason: str, now: datetime | None = None
) -> RetentionRun:
    """A person confirms the clock is right after a refusal: it becomes the new baseline."""
    now = now or utcnow()
    run = RetentionRun(
        at=now, outcome=RunOutcome.acknowledged.value, detail=reason[:2000], actor_id=actor.user_id
    )
    db.add(run)
    record(
        db,
        tag=AuditTag.retention_clock_accepted,
        actor=actor,
        purpose=reason[:500],
        details={"at": now.isoformat()},
    )
    ensure_scheduled(db, settings=settings, now=now)
    db.flush()
    return run


def ensure_scheduled(db: Session, *, settings: Any, now: datetime | None = None) -> Job | None:
    """Queue the next review unless one is waiting at a sensible time; return any job queued.

    A waiting job due further off than one interval (queued while the clock was wrong) is
    brought forward to now."""
    now = now or utcnow()
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    waiting = list(
        db.scalars(
            select(Job).where(Job.kind == JOB_KIND, Job.state.in_((JobState.queued, JobState.running)))
        )
    )
    if not waiting:
        return enqueue(db, kind=JOB_KIND, payload={}, priority=90, subject=SUBJECT, run_after=now)
    latest = now + timedelta(hours=settings.retention_run_hours)
    for job in waiting:
        if job.state == JobState.queued and job.run_after > latest:
            db.execute(update(Job).where(Job.id == job.id).values(run_after=now))
    return None


def review_job(db: Session, _payload: dict[str, Any], context: JobContext) -> None:
    """The job handler: one review, then the next run queued one interval on."""
    settings = context.settings
    now = utcnow()
    run_review(db=db, settings=settings, now=now)
    enqueue(
        db,
        kind=JOB_KIND,
        payload={},
        priority=90,
        subject=SUBJECT,
        run_after=now + timedelta(hours=settings.retention_run_hours),
    )


def schedule_on_start(sessions: Any, settings: Any) -> None:
    """Called when workers start: make sure a review is queued (a failure is logged, not fatal)."""
    try:
        with sessions() as db, db.begin():
            ensure_scheduled(db, settings=settings)
    except Exception:
        log.exception("could not schedule the retention review")
