"""Claiming, finishing, retrying and dead-lettering jobs in the database."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from vigil.audit.models import AuditEvent
from vigil.config import Settings
from vigil.db.types import utcnow
from vigil.jobs import service
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job
from vigil.jobs.registry import ping
from vigil.jobs.worker import JobContext, Worker


def _enqueue(
    sessions: sessionmaker[Session], n: int = 1, kind: str = "jobs.ping", **payload: Any
) -> list[int]:
    with sessions() as db:
        ids = [service.enqueue(db, kind=kind, payload=dict(payload)).id for _ in range(n)]
        db.commit()
    return ids


def test_a_job_commits_with_its_effects_and_runs_once(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    (job_id,) = _enqueue(sessions)
    worker = Worker(sessions=sessions, handlers={"jobs.ping": ping}, settings=settings)
    assert worker.run_once() is True
    assert worker.run_once() is False  # nothing left
    with sessions() as db:
        job = db.get(Job, job_id)
        assert job is not None and job.state == JobState.done and job.attempts == 1
        pings = db.scalars(select(AuditEvent).where(AuditEvent.tag == "job:ping")).all()
        assert [p.object_id for p in pings] == [str(job_id)]


def test_concurrent_workers_never_claim_the_same_job(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    _enqueue(sessions, 40)
    claimed: list[int] = []
    lock = threading.Lock()

    def grab(name: str) -> None:
        while True:
            with sessions() as db, db.begin():
                claim = service.claim(db, worker_id=name, lease_seconds=60)
            if claim is None:
                return
            with lock:
                claimed.append(claim.id)

    threads = [threading.Thread(target=grab, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(claimed) == 40
    assert len(set(claimed)) == 40


def test_a_failing_job_backs_off_then_goes_to_the_dead_letter_state(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    def boom(_db: Session, _payload: dict[str, Any], _ctx: JobContext) -> None:
        raise ValueError("cannot parse this report")

    (job_id,) = _enqueue(sessions, kind="bad")
    worker = Worker(sessions=sessions, handlers={"bad": boom}, settings=settings)
    for attempt in range(1, 4):
        assert worker.run_once() is True
        with sessions() as db:
            job = db.get(Job, job_id)
            assert job is not None and job.attempts == attempt
            if attempt < 3:
                assert job.state == JobState.queued
                assert job.run_after > utcnow()  # backing off
                db.execute(update(Job).where(Job.id == job_id).values(run_after=utcnow()))
                db.commit()
    with sessions() as db:
        job = db.get(Job, job_id)
        assert job is not None and job.state == JobState.dead
        assert "cannot parse this report" in (job.last_error or "")
        dead = db.scalars(select(AuditEvent).where(AuditEvent.tag == "job:dead")).one()
        assert dead.object_id == str(job_id)
    assert worker.run_once() is False


def test_an_expired_lease_is_claimed_again_and_the_old_claim_cannot_finish(
    sessions: sessionmaker[Session],
) -> None:
    (job_id,) = _enqueue(sessions)
    with sessions() as db, db.begin():
        first = service.claim(db, worker_id="dead-worker", lease_seconds=30)
    assert first is not None
    with sessions() as db, db.begin():
        assert service.claim(db, worker_id="w2", lease_seconds=30) is None  # still leased
        db.execute(
            update(Job).where(Job.id == job_id).values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
    with sessions() as db, db.begin():
        second = service.claim(db, worker_id="w2", lease_seconds=30)
    assert second is not None and second.id == job_id and second.attempts == 2
    with sessions() as db, db.begin():
        try:
            service.finish(db, claim_=first)
            raise AssertionError("a lost lease must not finish the job")
        except service.LeaseLost:
            pass
    with sessions() as db, db.begin():
        service.finish(db, claim_=second)


def test_a_job_that_kills_its_worker_every_time_is_buried(sessions: sessionmaker[Session]) -> None:
    (job_id,) = _enqueue(sessions)
    for attempt in range(3):
        with sessions() as db, db.begin():
            service.bury_exhausted(db)
            claim = service.claim(db, worker_id=f"w{attempt}", lease_seconds=30)
            assert claim is not None
            db.execute(
                update(Job).where(Job.id == job_id).values(lease_expires_at=utcnow() - timedelta(seconds=1))
            )
    with sessions() as db, db.begin():
        assert service.bury_exhausted(db) == [job_id]
    with sessions() as db:
        job = db.get(Job, job_id)
        assert job is not None and job.state == JobState.dead


def test_stats_show_backlog_oldest_and_stuck(sessions: sessionmaker[Session]) -> None:
    _enqueue(sessions, 3)
    with sessions() as db, db.begin():
        claim = service.claim(db, worker_id="w", lease_seconds=30)
        assert claim is not None
        db.execute(
            update(Job).where(Job.id == claim.id).values(lease_expires_at=utcnow() - timedelta(seconds=5))
        )
    with sessions() as db:
        stats = service.stats(db)
    assert stats.counts["queued"] == 2 and stats.counts["running"] == 1
    assert stats.stuck == 1
    assert stats.oldest_queued_at is not None


def test_enqueue_many_queues_the_same_jobs_as_enqueue(db: Session) -> None:
    service.enqueue_many(
        db,
        [
            service.NewJob(kind="demo.a", payload={"n": 1}, priority=10, subject="report:1"),
            service.NewJob(kind="demo.b", payload={"n": 2}, priority=1, max_attempts=5),
        ],
    )
    service.enqueue_many(db, [])
    db.commit()
    first = service.claim(db, worker_id="w1", lease_seconds=30)
    second = service.claim(db, worker_id="w1", lease_seconds=30)
    db.commit()
    assert first is not None and second is not None
    assert (first.kind, first.payload, first.attempts, first.max_attempts) == ("demo.b", {"n": 2}, 1, 5)
    assert (second.kind, second.payload, second.max_attempts) == ("demo.a", {"n": 1}, 3)
    assert service.claim(db, worker_id="w1", lease_seconds=30) is None
