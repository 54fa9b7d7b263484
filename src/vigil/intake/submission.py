"""What a submission to intake's writer is, and what can come of it.

A request builds a :class:`Submission` and hands it to the group-commit writer
(:mod:`vigil.intake.writer`); the writer resolves it with an :data:`Outcome` or an error:
:class:`Busy` (locked or unreachable: nothing stored), :class:`StorageFull` (nothing stored),
:class:`NotConfirmed` (no answer in time: retry with the same key).
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from vigil.audit.service import Actor
from vigil.intake.enums import Channel
from vigil.intake.files import PreparedFile
from vigil.intake.schemas import ReportCreate


class Busy(Exception):
    """The database could not take the write in time; nothing from this batch was stored."""


class NotConfirmed(Busy):
    """The writer did not answer in time (a wedged disk): the report may or may not be stored.

    A retry is still safe: with the same Idempotency-Key it returns the one receipt, and
    without one the duplicate check answers "already received"."""


class StorageFull(Busy):
    """The database's disk (or SQLite's page limit) is full: nothing from this batch was stored.

    Raised to every request in the batch, logged as a critical alert, and shown by ``/health``
    until a batch commits again (:attr:`GroupCommitter.storage_full_since`)."""


def is_unavailable(exc: BaseException) -> bool:
    """A database that is locked past its timeout, unreachable, out of connections or full."""
    return isinstance(exc, OperationalError | PoolTimeout)


#: SQLite's SQLITE_FULL, PostgreSQL's disk_full (class 53, insufficient resources), and ENOSPC.
_SQLITE_FULL = 13
_PG_DISK_FULL = "53100"


def is_storage_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it wraps) says the disk or the database is full."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlite_errorcode", None) == _SQLITE_FULL:
            return True
        if getattr(current, "sqlstate", None) == _PG_DISK_FULL:
            return True
        if isinstance(current, OSError) and current.errno == errno.ENOSPC:
            return True
        current = getattr(current, "orig", None) or current.__cause__
    return False


@dataclass(frozen=True, slots=True)
class IdempotencyRequest:
    scope: str
    raw_key: str
    body_hash: str


@dataclass(frozen=True, slots=True)
class Accepted:
    reference: str
    followup_code: str
    call_999: bool
    report_id: int
    #: The text read as an emergency (as opposed to the reporter saying so).
    emergency_detected: bool = False


@dataclass(frozen=True, slots=True)
class Replayed:
    reference: str
    followup_code: str | None


@dataclass(frozen=True, slots=True)
class Duplicate:
    reference: str


Outcome = Accepted | Replayed | Duplicate


@dataclass(eq=False)
class Submission:
    """One report waiting to be written. ``before`` runs first in the same savepoint."""

    report_in: ReportCreate
    channel: Channel
    actor: Actor
    client: str | None = None
    idempotency: IdempotencyRequest | None = None
    attachments: Sequence[PreparedFile] = ()
    check_duplicates: bool = False
    before: Callable[[Session], None] | None = None
    done: threading.Event = field(default_factory=threading.Event)
    outcome: Outcome | None = None
    error: BaseException | None = None
    #: Called (from the writer thread) once resolved: wakes an asyncio waiter.
    on_done: Callable[[], None] | None = None

    def resolve(self, outcome: Outcome | None = None, error: BaseException | None = None) -> None:
        self.outcome, self.error = outcome, error
        self.done.set()
        if self.on_done is not None:
            self.on_done()

    def result(self) -> Outcome:
        if self.error is not None:
            raise self.error
        assert self.outcome is not None
        return self.outcome
