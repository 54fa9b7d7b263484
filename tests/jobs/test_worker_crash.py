"""A worker killed with SIGKILL mid-job loses nothing: another finishes the job, exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from vigil.audit.models import AuditEvent
from vigil.jobs import service
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job

pytestmark = pytest.mark.slow


def _start_worker(database_url: str, tmp_path: Path, name: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "VIGIL_DATABASE_URL": database_url,
        "VIGIL_JOB_LEASE_SECONDS": "5",
        "VIGIL_JOB_POLL_SECONDS": "0.1",
        "VIGIL_DATA_DIR": str(tmp_path),
    }
    log = (tmp_path / f"{name}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "worker", "--concurrency", "1"], env=env, stdout=log, stderr=log
    )


def _wait_for(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_sigkilled_worker_job_is_finished_by_another_exactly_once(
    sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    with sessions() as db:
        job_id = service.enqueue(db, kind="jobs.ping", payload={"seconds": 3}).id
        db.commit()

    def job() -> Job:
        with sessions() as db:
            row = db.get(Job, job_id)
            assert row is not None
            return row

    first = _start_worker(database_url, tmp_path, "first")
    try:
        _wait_for(lambda: job().state == JobState.running, 30, "the first worker to claim the job")
        first_owner = job().locked_by
        os.kill(first.pid, signal.SIGKILL)  # mid-job: it is sleeping inside the handler
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert job().state == JobState.running  # nothing was committed by the dead worker

    second = _start_worker(database_url, tmp_path, "second")
    try:
        _wait_for(lambda: job().state == JobState.done, 40, "the second worker to finish the job")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(15)
    done = job()
    assert done.attempts == 2
    assert done.locked_by != first_owner
    with sessions() as db:
        pings = db.scalars(select(AuditEvent).where(AuditEvent.tag == "job:ping")).all()
    assert [p.object_id for p in pings] == [str(job_id)]  # its effect happened exactly once
