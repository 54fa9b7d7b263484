"""Sessions. One owner per transaction: the request, the job runner or the CLI commits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from vigil.db.engine import READ_ONLY_OPTION


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


def read_only(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Sessions on the same engine and pool for work that only reads.

    On SQLite their transactions begin deferred (a snapshot, no write lock) instead of
    ``BEGIN IMMEDIATE``. Do not write in them: a deferred transaction that must upgrade to a
    writer fails with "database is locked" when another writer has moved on since its
    snapshot. On PostgreSQL they are ordinary sessions (reads never block writers there)."""
    engine = factory.kw["bind"]
    return sessionmaker(
        bind=engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False, autoflush=False
    )


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work for commands and jobs: commit on success, roll back on error."""
    with factory() as db:
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise
