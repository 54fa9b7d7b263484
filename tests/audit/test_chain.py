"""The audit trail is append-only and hash-chained; `vigil audit verify` finds any tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import SYSTEM, Actor, record, verify
from vigil.cli import main


def _write_events(db: Session, n: int = 5) -> None:
    for i in range(n):
        record(
            db,
            tag=AuditTag.report_read,
            actor=Actor(user_id=1, label="asha", ip="10.0.0.1"),
            object_type="report",
            object_id=i,
            purpose="assessment",
        )
    db.commit()


def _tamper(engine: Engine, *statements: str) -> None:
    """What an attacker with database access would do: get round the trigger, then edit."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
            for sql in statements:
                conn.execute(text(sql))
            conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_event_no_update"))
            conn.execute(text("DROP TRIGGER audit_event_no_delete"))
            for sql in statements:
                conn.execute(text(sql))


def _cli_verify(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str
) -> tuple[int, str]:
    monkeypatch.setenv("VIGIL_DATABASE_URL", url)
    code = main(["audit", "verify"])
    return code, capsys.readouterr().out


def test_an_untouched_chain_verifies(
    db: Session, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_events(db)
    code, out = _cli_verify(monkeypatch, capsys, database_url)
    assert code == 0
    assert "5 events verified" in out


def test_editing_one_row_is_detected_and_named(
    db: Session,
    engine: Engine,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _write_events(db)
    _tamper(engine, "UPDATE audit_event SET actor = 'someone-else' WHERE seq = 3")
    code, out = _cli_verify(monkeypatch, capsys, database_url)
    assert code == 1
    assert "seq=3" in out and "row edited" in out
    assert "seq=2 " not in out and "seq=4 " not in out  # only the edited row is blamed


def test_deleting_a_row_is_detected(db: Session, engine: Engine) -> None:
    _write_events(db)
    _tamper(engine, "DELETE FROM audit_event WHERE seq = 2")
    db.expire_all()
    _count, problems = verify(db)
    assert any(p.seq == 3 and "sequence gap" in p.problem for p in problems)
    assert any(p.seq == 3 and "previous-hash" in p.problem for p in problems)


def test_reordering_rows_is_detected(db: Session, engine: Engine) -> None:
    _write_events(db)
    _tamper(
        engine,
        "UPDATE audit_event SET seq = -2 WHERE seq = 2",
        "UPDATE audit_event SET seq = 2 WHERE seq = 4",
        "UPDATE audit_event SET seq = 4 WHERE seq = -2",
    )
    db.expire_all()
    _count, problems = verify(db)
    assert {p.seq for p in problems} >= {2, 3, 4}


def test_the_database_refuses_updates_and_deletes(db: Session, engine: Engine) -> None:
    _write_events(db, 1)
    for sql in ("UPDATE audit_event SET actor = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(sql))


def test_each_event_records_who_what_when_where_and_the_dpa_operation(db: Session) -> None:
    event = record(
        db,
        tag=AuditTag.report_export,
        actor=Actor(7, "asha", 3, "192.0.2.1", "Firefox"),
        object_type="report",
        object_id=42,
        purpose="briefing for Op X",
        details={"recipients": ["home-office"]},
    )
    db.commit()
    assert (event.tag, event.dpa_operation, event.actor, event.organisation_id) == (
        "report:export",
        "disclosure",
        "asha",
        3,
    )
    assert (event.ip, event.user_agent, event.purpose, event.object_id) == (
        "192.0.2.1",
        "Firefox",
        "briefing for Op X",
        "42",
    )
    assert event.at.tzinfo is not None


def test_hostile_strings_in_logged_fields_do_not_break_the_chain(db: Session) -> None:
    nasty = 'line\r\nbreak \x1b[31mred\x1b[0m "},{"json":"injection'
    record(
        db, tag=AuditTag.user_login_failed, actor=Actor(None, nasty, None, nasty, nasty), details={"x": nasty}
    )
    record(db, tag=AuditTag.report_read, actor=SYSTEM)
    db.commit()
    count, problems = verify(db)
    assert (count, problems) == (2, [])
