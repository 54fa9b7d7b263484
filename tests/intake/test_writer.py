"""Group commit: many reports per transaction, and one bad submission never fails the others."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import TEST_SECRET
from tests.factories.intake import payload
from vigil.audit.models import AuditEvent
from vigil.audit.service import Actor, verify
from vigil.intake import writer
from vigil.intake.enums import Channel
from vigil.intake.models import Report
from vigil.intake.schemas import ReportCreate
from vigil.jobs.models import Job

PUBLIC = Actor(user_id=None, label="public")


def _sub(n: int, **extra: Any) -> writer.Submission:
    report_in = ReportCreate.model_validate(
        payload(description=f"Report {n}: a drone over the depot at night.")
    )
    return writer.Submission(report_in=report_in, channel=Channel.api, actor=PUBLIC, **extra)


def _count(db: Session, model: Any) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_batch_is_one_transaction_and_a_failing_submission_fails_alone(
    sessions: sessionmaker[Session], db: Session
) -> None:
    def poison(_db: Session) -> None:
        raise ValueError("bad submission")

    batch = [_sub(1), _sub(2, before=poison), _sub(3)]
    committer = writer.GroupCommitter(sessions, TEST_SECRET)
    committer._write_batch(batch)
    assert committer.batches == 1 and committer.written == 2
    assert isinstance(batch[0].result(), writer.Accepted) and isinstance(batch[2].result(), writer.Accepted)
    with pytest.raises(ValueError, match="bad submission"):
        batch[1].result()
    assert (_count(db, Report), _count(db, Job), _count(db, AuditEvent)) == (2, 2, 2)
    assert verify(db)[1] == []


def test_a_failed_commit_is_retried_one_submission_at_a_time(
    sessions: sessionmaker[Session], db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_commit = Session.commit
    calls = {"n": 0}

    def flaky_commit(self: Session) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("the batch's commit failed")
        real_commit(self)

    monkeypatch.setattr(Session, "commit", flaky_commit)
    batch = [_sub(n) for n in range(4)]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(batch)
    assert all(isinstance(s.result(), writer.Accepted) for s in batch)
    assert _count(db, Report) == 4 and calls["n"] == 5
    assert verify(db)[1] == []


def test_the_same_key_twice_in_one_batch_stores_one_report_and_replays_the_receipt(
    sessions: sessionmaker[Session], db: Session
) -> None:
    key = writer.IdempotencyRequest(scope="public", raw_key=str(uuid.uuid4()), body_hash="h" * 64)
    batch = [_sub(1, idempotency=key), _sub(1, idempotency=key)]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(batch)
    first, second = batch[0].result(), batch[1].result()
    assert isinstance(first, writer.Accepted) and isinstance(second, writer.Replayed)
    assert (second.reference, second.followup_code) == (first.reference, first.followup_code)
    assert _count(db, Report) == 1


def test_concurrent_requests_share_commits(app: Any, client: TestClient, db: Session) -> None:
    codes: list[int] = []

    def post(n: int) -> None:
        response = client.post(
            "/api/v1/reports", json=payload(description=f"Report {n}: a van circling the stadium.")
        )
        codes.append(response.status_code)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    committer = writer.committer_for(app.state)
    assert codes == [201] * 24
    assert committer.written == 24 and committer.batches < 24
    assert (_count(db, Report), _count(db, Job)) == (24, 24)
    assert verify(db)[1] == []
