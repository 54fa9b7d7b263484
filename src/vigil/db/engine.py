"""Engine construction, SQLite tuning and the durability check made at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url


class DurabilityError(RuntimeError):
    """The database is not configured to keep a committed report across a crash."""


#: Execution option marking an engine view whose transactions only read (see ``db.session.read_only``).
READ_ONLY_OPTION = "vigil_read_only"


def make_engine(
    url: str, *, busy_timeout_ms: int = 5000, pool_size: int = 10, sqlite_transactions: bool = True
) -> Engine:
    """Build an engine; SQLite gets WAL, FULL sync, foreign keys and ``BEGIN IMMEDIATE``.

    ``BEGIN IMMEDIATE`` takes the write lock when a transaction starts rather than on its first
    write. Nearly every transaction here writes (an audit row accompanies each read of a
    record), and a deferred transaction that must upgrade to a writer fails at once with
    SQLITE_BUSY instead of waiting for ``busy_timeout``.

    ``sqlite_transactions=False`` leaves every statement to commit on its own: only for an
    inspecting session (a test's or a shell's) that must never hold the write lock.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
            pool_size=pool_size,
            max_overflow=pool_size * 2,
        )
        _tune_sqlite(engine, busy_timeout_ms=busy_timeout_ms, transactions=sqlite_transactions)
        return engine
    connect_args: dict[str, Any] = {
        "connect_timeout": 5,
        "options": f"-c lock_timeout={busy_timeout_ms} -c statement_timeout=30000",
    }
    return create_engine(
        url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True, connect_args=connect_args
    )


def _tune_sqlite(engine: Engine, *, busy_timeout_ms: int, transactions: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    if transactions:

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # A session made by ``db.session.read_only`` only reads: a deferred BEGIN takes
            # a snapshot without SQLite's one write lock, so a long read (a triage job's
            # context) never holds up intake's writer.
            deferred = conn.get_execution_options().get(READ_ONLY_OPTION)
            conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def durability_settings(engine: Engine) -> dict[str, str]:
    """What the database says about crash safety, for the start-up check and the health page."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return {
                "journal_mode": str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()),
                "synchronous": str(conn.exec_driver_sql("PRAGMA synchronous").scalar()),
                "foreign_keys": str(conn.exec_driver_sql("PRAGMA foreign_keys").scalar()),
            }
        return {
            name: str(conn.execute(text(f"SHOW {name}")).scalar())
            for name in ("fsync", "synchronous_commit", "full_page_writes")
        }


def assert_durable(engine: Engine) -> None:
    """Refuse to run when a 201 could be given for a report that a crash would lose."""
    found = durability_settings(engine)
    if engine.dialect.name == "sqlite":
        ok = found["journal_mode"] == "wal" and found["synchronous"] == "2" and found["foreign_keys"] == "1"
    else:
        ok = all(found[k] == "on" for k in ("fsync", "synchronous_commit", "full_page_writes"))
    if not ok:
        raise DurabilityError(f"database durability settings are unsafe: {found}")
