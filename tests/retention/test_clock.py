"""F11: the scheduled review flags and never deletes; a clock that jumps (+10 years, -1 day)
makes it refuse, alert and change nothing until a person confirms the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.retention.conftest import World, make_due
from vigil.audit.models import AuditEvent
from vigil.audit.service import Actor
from vigil.config import Settings
from vigil.db.types import utcnow
from vigil.intake.models import Report
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job
from vigil.jobs.registry import default_handlers
from vigil.jobs.worker import Worker
from vigil.retention import tasks
from vigil.retention.models import RetentionRun


def _snapshot(db: Session) -> tuple[int, list[str]]:
    db.expire_all()
    out = (
        db.scalar(select(func.count()).select_from(Report)) or 0,
        [str(d) for d in db.scalars(select(Report.review_due_at).order_by(Report.id))],
    )
    db.rollback()
    return out


@pytest.mark.parametrize("jump", [timedelta(days=3652), timedelta(days=-1)], ids=["+10 years", "-1 day"])
def test_a_clock_jump_is_refused_alerted_and_changes_nothing(
    db: Session,
    sessions: sessionmaker[Session],
    settings: Settings,
    world: World,
    jump: timedelta,
    caplog: pytest.LogCaptureFixture,
) -> None:
    make_due(db, world.canary)
    start = utcnow()
    with sessions() as s:
        assert tasks.run_review(db=s, settings=settings, now=start).refused is None
        s.commit()
    before = _snapshot(db)
    with sessions() as s:
        result = tasks.run_review(db=s, settings=settings, now=start + jump)
        s.commit()
    assert result.refused is not None
    assert ("jumped forward" if jump > timedelta(0) else "gone back") in result.refused
    assert "ALERT retention review refused" in caplog.text
    assert _snapshot(db) == before  # nothing disposed of, nothing re-dated
    alert = db.scalar(select(AuditEvent).where(AuditEvent.tag == "retention:clock:refused"))
    assert alert is not None and alert.details["reason"] == result.refused
    # It keeps refusing on the wrong clock; a person confirms the clock, then it runs.
    with sessions() as s:
        assert tasks.run_review(db=s, settings=settings, now=start + jump).refused is not None
        tasks.accept_clock(
            db=s, settings=settings, actor=Actor(None, "test"), reason="NTP checked", now=start + jump
        )
        again = tasks.run_review(db=s, settings=settings, now=start + jump + timedelta(hours=1))
        s.commit()
    assert again.refused is None
    assert _snapshot(db)[0] == before[0]  # still nothing deleted: the run only counts
    db.expire_all()
    outcomes = list(db.scalars(select(RetentionRun.outcome).order_by(RetentionRun.id)))
    assert outcomes == ["ok", "refused", "refused", "acknowledged", "ok"]


def test_an_ordinary_day_later_runs_and_counts_the_newly_due(
    db: Session, sessions: sessionmaker[Session], settings: Settings, world: World
) -> None:
    start = utcnow()
    with sessions() as s:
        first = tasks.run_review(db=s, settings=settings, now=start)
        s.commit()
    assert first.run.due == 0
    make_due(db, world.canary, days_ago=0)
    with sessions() as s:
        later = tasks.run_review(db=s, settings=settings, now=start + timedelta(hours=25))
        s.commit()
    assert later.refused is None and later.run.due == 1 and later.run.newly_due == 1


def test_the_job_runs_through_the_worker_and_queues_its_next_run(
    db: Session, sessions: sessionmaker[Session], settings: Settings, world: World
) -> None:
    with sessions() as s, s.begin():
        assert tasks.ensure_scheduled(s, settings=settings) is not None
        assert tasks.ensure_scheduled(s, settings=settings) is None  # one at a time
    worker = Worker(sessions=sessions, handlers=default_handlers(), settings=settings)
    assert worker.run_once()
    db.expire_all()
    jobs = list(db.scalars(select(Job).where(Job.kind == tasks.JOB_KIND).order_by(Job.id)))
    assert [j.state for j in jobs] == [JobState.done, JobState.queued]
    assert jobs[1].run_after > utcnow() + timedelta(hours=23)
    assert db.scalar(select(RetentionRun.outcome)) == "ok"
    db.rollback()
    # A next run queued ten years out by a fast clock is brought back when workers start.
    with sessions() as s, s.begin():
        s.get(Job, jobs[1].id).run_after = utcnow() + timedelta(days=3652)  # type: ignore[union-attr]
    with sessions() as s, s.begin():
        tasks.ensure_scheduled(s, settings=settings)
    db.expire_all()
    assert db.get(Job, jobs[1].id).run_after <= utcnow()  # type: ignore[union-attr]
