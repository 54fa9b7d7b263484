"""Fault injection: a crash between the file store and the commit; a database locked too long.

RELIABILITY.md rows 4 and 5, faults F1(c) and F3.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.orm import Session

from tests.conftest import is_postgres
from tests.factories.intake import payload
from tests.intake.helpers import fill_form, submit
from vigil.app import create_app
from vigil.audit.service import verify
from vigil.config import Settings
from vigil.intake import files, tasks
from vigil.intake.models import Attachment, IdempotencyKey, Report
from vigil.jobs.models import Job

# Run in a child process: store a photo through the bulk-import path, and die at the chosen
# point (``os._exit``: no cleanup, no rollback, no flush of anything not yet durable).
CHILD = """
import os, sys
from pathlib import Path
import sqlalchemy.orm
from vigil.audit.service import Actor
from vigil.db.engine import make_engine
from vigil.db.session import make_sessionmaker
from vigil.intake import bulk, files
from vigil.intake.enums import Channel
from tests.factories.intake import jpeg_with_gps

url, files_dir, point = sys.argv[1:4]
if point == "before_commit":   # files fsynced and renamed, rows flushed, commit not yet run
    sqlalchemy.orm.Session.commit = lambda self: os._exit(17)
else:                          # temporary file written and fsynced, not yet renamed
    files.os.replace = lambda *a: os._exit(17)
sessions = make_sessionmaker(make_engine(url))
record = bulk.Record("line 1", {"report_type": "suspicious_activity", "description": "A drone over the depot."},
                     attachments=[(jpeg_with_gps(), "drone.jpg")])
with sessions() as db:
    bulk.import_records(db=db, records=iter([record]), channel=Channel.bulk,
                        actor=Actor(user_id=None, label="test"), files_root=files.attachment_root(Path(files_dir)))
os._exit(0)
"""


def _count(db: Session, model: Any) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("point", ["before_commit", "before_rename"])
def test_a_crash_between_file_and_commit_leaves_no_row_and_the_sweeper_clears_the_file(
    settings: Settings, db: Session, point: str
) -> None:
    root = files.attachment_root(settings.files_dir)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, settings.database_url, str(settings.files_dir), point],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 17, child.stderr.decode()[-2000:]
    on_disk = [p for _rel, p in files.iter_stored(root)]
    assert on_disk, "the child should have stored its file before dying"
    if point == "before_rename":
        assert all(p.name.startswith(".tmp-") for p in on_disk)
    # After the restart: no report, no attachment row, no job, nothing pointing at a missing file.
    assert (_count(db, Report), _count(db, Attachment), _count(db, Job)) == (0, 0, 0)
    if not is_postgres():
        assert db.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    # Within the grace period the sweeper keeps files (a request may be about to commit)...
    assert tasks.sweep(db=db, files_dir=settings.files_dir).orphans == 0
    # ...after it, the orphans go.
    result = tasks.sweep(db=db, files_dir=settings.files_dir, grace_seconds=0)
    assert result.orphans == len(on_disk)
    assert list(files.iter_stored(root)) == []


class Locker:
    """Another connection holding the database's write lock (SQLite) or the report table's."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT")
        self.conn = self.engine.connect()

    def __enter__(self) -> Locker:
        if is_postgres():
            self.conn.exec_driver_sql("BEGIN")
            self.conn.exec_driver_sql("LOCK TABLE report IN ACCESS EXCLUSIVE MODE")
        else:
            self.conn.exec_driver_sql("BEGIN EXCLUSIVE")
        return self

    def __exit__(self, *_exc: object) -> None:
        self.conn.exec_driver_sql("ROLLBACK")
        self.conn.close()
        self.engine.dispose()


@pytest.fixture
def quick_busy_app(settings: Settings) -> Any:
    """The app with a 300 ms busy/lock timeout, so the lock outlasts it quickly."""
    return create_app(settings.model_copy(update={"db_busy_timeout_ms": 300}), start_workers=False)


def test_a_locked_database_answers_503_then_the_same_key_stores_one_report(
    quick_busy_app: Any, settings: Settings, db: Session
) -> None:
    key = str(uuid.uuid4())
    body = payload()
    with TestClient(quick_busy_app, base_url="https://testserver") as client:
        with Locker(settings.database_url):
            refused = client.post("/api/v1/reports", json=body, headers={"Idempotency-Key": key})
        assert refused.status_code == 503, refused.text
        assert int(refused.headers["retry-after"]) >= 1
        assert "NOT received" in refused.json()["detail"]
        assert (_count(db, Report), _count(db, IdempotencyKey), _count(db, Job)) == (0, 0, 0)
        retried = client.post("/api/v1/reports", json=body, headers={"Idempotency-Key": key})
        assert retried.status_code == 201, retried.text
        again = client.post("/api/v1/reports", json=body, headers={"Idempotency-Key": key})
        assert again.status_code == 201 and again.json()["reference"] == retried.json()["reference"]
    assert (_count(db, Report), _count(db, Job)) == (1, 1)
    count, problems = verify(db)
    assert count >= 1 and problems == []


def test_a_locked_database_during_the_form_says_not_received_and_a_resend_works(
    quick_busy_app: Any, settings: Settings, db: Session
) -> None:
    with TestClient(quick_busy_app, base_url="https://testserver") as client:
        fill_form(client)
        with Locker(settings.database_url):
            refused = submit(client)
        assert refused.status_code == 503, refused.text[:500]
        assert refused.headers["retry-after"] and "not been sent" in refused.text
        assert 'action="/report/check/submit"' in refused.text  # send again, same draft
        assert _count(db, Report) == 0
        sent = submit(client)
        assert sent.status_code == 200 and "VGL-" in sent.text
    assert _count(db, Report) == 1


def test_a_lock_held_by_a_slow_transaction_is_waited_for(
    quick_busy_app: Any, settings: Settings, db: Session
) -> None:
    """A lock released within the busy timeout costs a little latency, not an error."""
    locker = Locker(settings.database_url).__enter__()
    threading.Timer(0.1, locker.__exit__).start()
    with TestClient(quick_busy_app, base_url="https://testserver") as client:
        response = client.post("/api/v1/reports", json=payload())
    assert response.status_code == 201, response.text
    assert _count(db, Report) == 1


class PageLimit:
    """SQLite's ``max_page_count`` on every connection of ``engine``: the database is "full"
    as soon as it needs another page (RELIABILITY.md row 6, fault F5)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.on = False
        event.listen(engine, "connect", self._connect)

    def _connect(self, dbapi_conn: Any, _record: Any) -> None:
        if self.on:
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    def set(self, on: bool) -> None:
        self.on = on
        self.engine.dispose()  # pooled connections open again with (or without) the limit


@pytest.mark.skipif(
    is_postgres(), reason="fills SQLite with max_page_count; PostgreSQL's disk_full is classified below"
)
def test_a_full_database_answers_507_stores_nothing_alerts_and_recovers(
    settings: Settings, db: Session, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings, start_workers=False)
    limit = PageLimit(app.state.engine)
    key = str(uuid.uuid4())
    body = payload(description="A man photographing the substation fence. " + "Detail. " * 2000)
    with TestClient(app, base_url="https://testserver") as client:
        limit.set(True)
        refused = client.post("/api/v1/reports", json=body, headers={"Idempotency-Key": key})
        assert refused.status_code == 507, refused.text
        assert "NOT received" in refused.json()["detail"] and int(refused.headers["retry-after"]) >= 1
        assert (_count(db, Report), _count(db, IdempotencyKey), _count(db, Job)) == (0, 0, 0)
        assert any(r.levelname == "CRITICAL" and "storage full" in r.getMessage() for r in caplog.records)
        health = client.get("/health")
        assert health.status_code == 503 and health.json()["storage"] == "full"
        limit.set(False)  # space freed
        stored = client.post("/api/v1/reports", json=body, headers={"Idempotency-Key": key})
        assert stored.status_code == 201, stored.text
        assert client.get("/health").status_code == 200
    assert (_count(db, Report), _count(db, Job)) == (1, 1)
    assert db.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    count, problems = verify(db)
    assert count >= 1 and problems == []


def test_disk_full_is_told_apart_from_a_busy_database() -> None:
    import sqlite3  # noqa: PLC0415

    import psycopg  # noqa: PLC0415
    from sqlalchemy.exc import OperationalError  # noqa: PLC0415

    from vigil.intake.submission import is_storage_full, is_unavailable  # noqa: PLC0415

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]
    assert is_storage_full(OperationalError("INSERT", {}, full))
    assert not is_storage_full(OperationalError("BEGIN", {}, locked)) and is_unavailable(
        OperationalError("BEGIN", {}, locked)
    )
    assert is_storage_full(OperationalError("INSERT", {}, psycopg.errors.DiskFull("could not extend file")))
    assert is_storage_full(OSError(28, "No space left on device"))
    assert not is_storage_full(OSError(13, "Permission denied"))
