"""record_many: one head read and one insert for a batch, the same chain as record() one by one."""

from __future__ import annotations

import itertools
import threading

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from vigil.audit.enums import AuditTag
from vigil.audit.models import AuditEvent
from vigil.audit.service import Actor, NewEvent, compute_hash, record, record_many, verify
from vigil.cli import main

ASHA = Actor(user_id=1, label="asha", organisation_id=3, ip="10.0.0.1", user_agent="Firefox")


def _events(n: int, start: int = 0) -> list[NewEvent]:
    return [
        NewEvent(
            tag=AuditTag.report_create,
            actor=ASHA,
            object_type="report",
            object_id=start + i,
            details={"channel": "api", "reference": f"VGL-{start + i:010d}", "n": [i, "x"]},
        )
        for i in range(n)
    ]


def test_a_batch_interleaves_with_record_and_the_chain_verifies(
    db: Session,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    record(db, tag=AuditTag.report_read, actor=ASHA, object_type="report", object_id=1)
    assert record_many(db, _events(3)) == [2, 3, 4]
    record(db, tag=AuditTag.report_read, actor=ASHA, object_type="report", object_id=2)
    assert record_many(db, _events(2, start=10)) == [6, 7]
    assert record_many(db, []) == []
    db.commit()
    events = db.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert [e.seq for e in events] == list(range(1, 8))
    assert [e.tag for e in events] == ["report:read"] + ["report:create"] * 3 + ["report:read"] + [
        "report:create"
    ] * 2
    assert all(e.hash == compute_hash(e) for e in events)
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    assert events[1].details == {"channel": "api", "reference": "VGL-0000000000", "n": [0, "x"]}
    assert (events[1].actor, events[1].organisation_id, events[1].user_agent) == ("asha", 3, "Firefox")
    assert verify(db) == (7, [])
    monkeypatch.setenv("VIGIL_DATABASE_URL", database_url)
    assert main(["audit", "verify"]) == 0
    assert "7 events verified" in capsys.readouterr().out


def test_editing_a_batched_event_is_detected(db: Session, engine: Engine) -> None:
    record_many(db, _events(4))
    db.commit()
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
            conn.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3"))
            conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_event_no_update"))
            conn.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3"))
    db.expire_all()
    count, problems = verify(db)
    assert count == 4
    assert [p.seq for p in problems] == [3]


def test_concurrent_writers_of_batches_and_single_events_keep_one_chain(
    sessions: sessionmaker[Session], db: Session
) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(5):
                with sessions() as s:
                    if (n + i) % 2:
                        record_many(s, _events(3, start=100 * n + 10 * i))
                    else:
                        record(s, tag=AuditTag.report_read, actor=ASHA, object_id=n)
                    s.commit()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    # writers 0 and 2: 2 batches of 3 and 3 single events (9); writers 1 and 3: 3 and 2 (11)
    assert verify(db) == (40, [])
