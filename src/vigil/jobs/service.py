"""Enqueue, claim, finish and fail jobs.

Claiming is one conditional UPDATE: PostgreSQL picks the row with ``FOR UPDATE SKIP LOCKED``;
SQLite has one writer at a time, so the same statement (where the locking clause is a no-op)
is atomic there too. A running job whose lease has expired is claimable again: that is how
the work of a worker killed mid-job is finished by another. Completion is fenced by the
claim (``locked_by`` and ``attempts``), so a worker that lost its lease cannot also finish
the job: each job's effects commit exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from vigil.db.types import utcnow
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job


class LeaseLost(RuntimeError):
    """Another worker re-claimed this job after our lease expired."""


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    max_attempts: int
    worker_id: str


def enqueue(
    db: Session,
    *,
    kind: str,
    payload: dict[str, Any],
    priority: int = 50,
    subject: str | None = None,
    max_attempts: int = 3,
    run_after: datetime | None = None,
) -> Job:
    """Add a job in the caller's transaction, so it commits with the data it concerns."""
    job = Job(
        kind=kind,
        payload=payload,
        priority=priority,
        subject=subject,
        max_attempts=max_attempts,
        run_after=run_after or utcnow(),
        state=JobState.queued,
        attempts=0,
    )
    db.add(job)
    db.flush()
    return job


@dataclass(frozen=True, slots=True)
class NewJob:
    """One job for :func:`enqueue_many` (the arguments of :func:`enqueue`)."""

    kind: str
    payload: dict[str, Any]
    priority: int = 50
    subject: str | None = None
    max_attempts: int = 3
    run_after: datetime | None = None


def enqueue_many(db: Session, jobs: Sequence[NewJob]) -> None:
    """:func:`enqueue` for many jobs: one multi-row insert in the caller's transaction."""
    if not jobs:
        return
    now = utcnow()
    db.execute(
        insert(Job.__table__),  # type: ignore[arg-type]
        [
            {
                "kind": job.kind,
                "payload": job.payload,
                "priority": job.priority,
                "subject": job.subject,
                "max_attempts": job.max_attempts,
                "run_after": job.run_after or now,
                "state": JobState.queued,
                "attempts": 0,
            }
            for job in jobs
        ],
    )


def _claimable(now: datetime, kinds: list[str] | None) -> Any:
    cond = or_(
        and_(Job.state == JobState.queued, Job.run_after <= now),
        and_(Job.state == JobState.running, Job.lease_expires_at < now),
    )
    if kinds:
        cond = and_(cond, Job.kind.in_(kinds))
    return cond


def claim(db: Session, *, worker_id: str, lease_seconds: int, kinds: list[str] | None = None) -> Claim | None:
    """Claim the next job, or return None. The caller commits straight away."""
    now = utcnow()
    pick = (
        select(Job.id)
        .where(_claimable(now, kinds))
        .order_by(Job.priority, Job.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    row = db.execute(
        update(Job)
        .where(Job.id == pick, _claimable(now, kinds))
        .values(
            state=JobState.running,
            locked_by=worker_id,
            lease_expires_at=now + timedelta(seconds=lease_seconds),
            attempts=Job.attempts + 1,
            started_at=now,
        )
        .returning(Job.id, Job.kind, Job.payload, Job.attempts, Job.max_attempts)
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        return None
    return Claim(
        id=row[0],
        kind=row[1],
        payload=dict(row[2]),
        attempts=row[3],
        max_attempts=row[4],
        worker_id=worker_id,
    )


def _fenced(claim_: Claim) -> Any:
    return and_(
        Job.id == claim_.id,
        Job.locked_by == claim_.worker_id,
        Job.attempts == claim_.attempts,
        Job.state == JobState.running,
    )


def finish(db: Session, *, claim_: Claim) -> None:
    """Mark the job done in the handler's own transaction; raise LeaseLost if no longer ours."""
    result = db.execute(
        update(Job)
        .where(_fenced(claim_))
        .values(state=JobState.done, finished_at=utcnow(), lease_expires_at=None, last_error=None)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LeaseLost(f"job {claim_.id} was re-claimed by another worker")


def fail(db: Session, *, claim_: Claim, error: str, backoff_base: float = 2.0) -> JobState:
    """Record a failed attempt: retry later with exponential backoff, or dead-letter it."""
    dead = claim_.attempts >= claim_.max_attempts
    values: dict[str, Any] = {"last_error": error[:4000], "lease_expires_at": None, "locked_by": None}
    if dead:
        values |= {"state": JobState.dead, "finished_at": utcnow()}
    else:
        delay = backoff_base**claim_.attempts
        values |= {"state": JobState.queued, "run_after": utcnow() + timedelta(seconds=delay)}
    db.execute(
        update(Job).where(_fenced(claim_)).values(**values).execution_options(synchronize_session=False)
    )
    return JobState.dead if dead else JobState.queued


def bury_exhausted(db: Session) -> list[int]:
    """Dead-letter jobs whose lease expired after their last allowed attempt.

    A job that kills its worker every time (a poison message) would otherwise be re-claimed
    for ever; once it has had ``max_attempts`` tries it goes to the dead-letter state.
    """
    now = utcnow()
    ids = list(
        db.scalars(
            select(Job.id).where(
                Job.state == JobState.running, Job.lease_expires_at < now, Job.attempts >= Job.max_attempts
            )
        )
    )
    if ids:
        db.execute(
            update(Job)
            .where(Job.id.in_(ids))
            .values(state=JobState.dead, finished_at=now, last_error="lease expired on the last attempt")
            .execution_options(synchronize_session=False)
        )
    return ids


@dataclass(frozen=True, slots=True)
class QueueStats:
    counts: dict[str, int]
    oldest_queued_at: datetime | None
    stuck: int


def stats(db: Session) -> QueueStats:
    counts = {state.value: 0 for state in JobState}
    for state, n in db.execute(select(Job.state, func.count()).group_by(Job.state)):
        counts[state] = n
    oldest = db.scalar(select(func.min(Job.created_at)).where(Job.state == JobState.queued))
    stuck = db.scalar(
        select(func.count()).where(Job.state == JobState.running, Job.lease_expires_at < utcnow())
    )
    return QueueStats(counts=counts, oldest_queued_at=oldest, stuck=int(stuck or 0))
