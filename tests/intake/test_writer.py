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
from vigil.intake import idempotency, service, submission, writer
from vigil.intake.enums import Channel
from vigil.intake.models import Report, ReportContact
from vigil.intake.schemas import ReportCreate
from vigil.jobs.models import Job

PUBLIC = Actor(user_id=None, label="public")


def _sub(n: int, **extra: Any) -> submission.Submission:
    report_in = ReportCreate.model_validate(
        payload(description=f"Report {n}: a drone over the depot at night.")
    )
    return submission.Submission(report_in=report_in, channel=Channel.api, actor=PUBLIC, **extra)


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
    assert isinstance(batch[0].result(), submission.Accepted) and isinstance(
        batch[2].result(), submission.Accepted
    )
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
    assert all(isinstance(s.result(), submission.Accepted) for s in batch)
    assert _count(db, Report) == 4 and calls["n"] == 5
    assert verify(db)[1] == []


def test_the_same_key_twice_in_one_batch_stores_one_report_and_replays_the_receipt(
    sessions: sessionmaker[Session], db: Session
) -> None:
    key = submission.IdempotencyRequest(scope="public", raw_key=str(uuid.uuid4()), body_hash="h" * 64)
    batch = [_sub(1, idempotency=key), _sub(1, idempotency=key)]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(batch)
    first, second = batch[0].result(), batch[1].result()
    assert isinstance(first, submission.Accepted) and isinstance(second, submission.Replayed)
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


def test_in_one_batch_a_reused_key_with_another_body_is_refused(
    sessions: sessionmaker[Session], db: Session
) -> None:
    raw = str(uuid.uuid4())
    batch = [
        _sub(1, idempotency=submission.IdempotencyRequest(scope="public", raw_key=raw, body_hash="a" * 64)),
        _sub(2, idempotency=submission.IdempotencyRequest(scope="public", raw_key=raw, body_hash="b" * 64)),
        _sub(3),
    ]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(batch)
    assert isinstance(batch[0].result(), submission.Accepted)
    with pytest.raises(idempotency.KeyMismatch):
        batch[1].result()
    assert isinstance(batch[2].result(), submission.Accepted)
    assert _count(db, Report) == 2
    # a later batch with the key replays the receipt from the stored key
    again = [
        _sub(1, idempotency=submission.IdempotencyRequest(scope="public", raw_key=raw, body_hash="a" * 64))
    ]
    again.append(_sub(4))
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(again)
    replay, first = again[0].result(), batch[0].result()
    assert isinstance(replay, submission.Replayed) and isinstance(first, submission.Accepted)
    assert (replay.reference, replay.followup_code) == (first.reference, first.followup_code)
    assert _count(db, Report) == 3


def test_duplicates_are_found_inside_a_batch_and_against_earlier_batches(
    sessions: sessionmaker[Session], db: Session
) -> None:
    def dup_sub(n: int, client: str = "203.0.113.9") -> submission.Submission:
        return _sub(n, client=client, check_duplicates=True)

    batch = [dup_sub(1), dup_sub(1), dup_sub(1, client="198.51.100.7"), dup_sub(2)]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(batch)
    first, second = batch[0].result(), batch[1].result()
    assert isinstance(first, submission.Accepted) and isinstance(second, submission.Duplicate)
    assert second.reference == first.reference
    assert isinstance(batch[2].result(), submission.Accepted)  # another client
    assert isinstance(batch[3].result(), submission.Accepted)
    later = [dup_sub(2), dup_sub(5)]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(later)
    dup, other = later[0].result(), batch[3].result()
    assert isinstance(dup, submission.Duplicate) and isinstance(other, submission.Accepted)
    assert dup.reference == other.reference
    assert isinstance(later[1].result(), submission.Accepted)
    assert _count(db, Report) == 4
    assert verify(db)[1] == []


def test_a_batch_stores_contacts_jobs_and_audit_events_like_one_by_one(
    sessions: sessionmaker[Session], db: Session
) -> None:
    with_contact = ReportCreate.model_validate(
        payload(contact={"name": "Jo Bloggs", "phone": "07700 900123"}, emergency_now=True)
    )
    batch = [
        _sub(1),
        submission.Submission(report_in=with_contact, channel=Channel.api, actor=PUBLIC),
        _sub(2),
    ]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(batch)
    got = [s.result() for s in batch]
    assert all(isinstance(g, submission.Accepted) for g in got)
    urgent = got[1]
    assert isinstance(urgent, submission.Accepted) and urgent.call_999
    contact = db.get(ReportContact, urgent.report_id)
    assert contact is not None and (contact.name, contact.email) == ("Jo Bloggs", None)
    jobs = {j.subject: j for j in db.scalars(select(Job))}
    assert {s: (j.kind, j.payload, j.priority) for s, j in jobs.items()} == {
        f"report:{g.report_id}": ("triage.report", {"report_id": g.report_id}, 1 if g is urgent else 10)
        for g in got
        if isinstance(g, submission.Accepted)
    }
    events = db.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [e.object_id for e in events] == [
        str(g.report_id) for g in got if isinstance(g, submission.Accepted)
    ]
    assert verify(db) == (3, [])


def test_when_the_batch_insert_fails_each_report_gets_its_own_savepoint(
    sessions: sessionmaker[Session], db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = service.store_many
    calls = {"n": 0}

    def failing_store_many(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        real(*args, **kwargs)  # rows inserted, then the failure: the savepoint must undo them
        raise RuntimeError("bulk insert failed")

    monkeypatch.setattr(service, "store_many", failing_store_many)
    raw = str(uuid.uuid4())
    key = submission.IdempotencyRequest(scope="public", raw_key=raw, body_hash="a" * 64)
    batch = [_sub(1, idempotency=key), _sub(2), _sub(1, idempotency=key)]
    writer.GroupCommitter(sessions, TEST_SECRET)._write_batch(batch)
    assert calls["n"] == 1
    first, second, third = (s.result() for s in batch)
    assert isinstance(first, submission.Accepted) and isinstance(second, submission.Accepted)
    assert isinstance(third, submission.Replayed) and third.reference == first.reference
    assert (_count(db, Report), _count(db, Job), _count(db, AuditEvent)) == (2, 2, 2)
    assert verify(db) == (2, [])
