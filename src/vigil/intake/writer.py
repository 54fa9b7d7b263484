"""Group commit for report submission: one writer thread, many reports per durable commit.

With ``synchronous=FULL`` (SQLite) or ``fsync=on`` (PostgreSQL) every commit waits for the
disk, and SQLite has one writer at a time, so one transaction per report caps intake at the
disk's fsync rate and queues every other request on the write lock. Here a request hands its
validated report to :class:`GroupCommitter` and waits; the writer thread takes everything that
is waiting, writes each submission (idempotency key, duplicate check, report, contact,
attachments, triage job, audit event) inside its own savepoint, commits them all together in
one transaction (one fsync), and only then wakes each request, which answers 201. "201 means
committed" holds exactly as before.

Correctness rules:

* A submission that fails (bad data, a reused idempotency key, a duplicate) rolls back only
  its own savepoint; the others in the batch commit. If the commit itself fails for another
  reason, the batch is retried one submission per transaction, so one bad report never fails
  the rest.
* A database that stays locked past the busy timeout (or is unreachable) fails the whole
  batch with :class:`Busy`: nothing was stored, the client gets 503 + Retry-After and may
  retry with the same Idempotency-Key.
* The audit chain is written in submission order inside the one transaction, so
  ``vigil audit verify`` sees an unbroken chain.
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from vigil.audit.service import Actor
from vigil.db.types import utcnow
from vigil.intake import idempotency, service
from vigil.intake.enums import Channel
from vigil.intake.files import PreparedFile
from vigil.intake.models import IdempotencyKey, Report
from vigil.intake.schemas import ReportCreate

log = logging.getLogger(__name__)

#: Most submissions written in one transaction. Large enough to amortise the fsync at
#: hundreds per second, small enough that a batch's transaction stays in the milliseconds.
MAX_BATCH = 128
#: How long a request waits for the writer before giving up with a 503 (the writer resolves
#: every submission well inside this; it is a guard against a wedged disk).
WAIT_SECONDS = 60.0


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


def write_one(
    db: Session, secret: str, sub: Submission, owners: dict[str | None, Any] | None = None
) -> Outcome:
    """Everything one submission stores, in the caller's transaction (no commit)."""
    claimed: idempotency.Claimed | None = None
    if sub.idempotency is not None:
        got = idempotency.claim(
            db=db,
            secret=secret,
            scope=sub.idempotency.scope,
            raw_key=sub.idempotency.raw_key,
            body_hash=sub.idempotency.body_hash,
        )
        if isinstance(got, idempotency.Replay):
            return Replayed(reference=got.reference, followup_code=got.followup_code)
        claimed = got
    if sub.before is not None:
        sub.before(db)
    try:
        report, code = service.create(
            db=db,
            report_in=sub.report_in,
            channel=sub.channel,
            actor=sub.actor,
            client=sub.client,
            attachments=sub.attachments,
            check_duplicates=sub.check_duplicates and claimed is None,
            owners=owners,
        )
    except service.DuplicateReport as dup:
        return Duplicate(reference=dup.reference)
    if claimed is not None:
        idempotency.complete(
            db=db, secret=secret, claimed=claimed, reference=report.reference, followup_code=code
        )
    return Accepted(
        reference=report.reference,
        followup_code=code,
        call_999=report.emergency_declared or report.emergency_detected,
        report_id=report.id,
        emergency_detected=report.emergency_detected,
    )


def batchable(sub: Submission) -> bool:
    """Whether :func:`write_many` can take ``sub`` (no attachments, nothing to run first)."""
    return sub.before is None and not sub.attachments


def write_many(
    db: Session, secret: str, subs: Sequence[Submission], owners: dict[str | None, Any] | None = None
) -> dict[Submission, Outcome | BaseException]:
    """:func:`write_one` for many submissions at once, in the caller's transaction (no commit).

    The same outcomes as writing each with :func:`write_one` in order: the idempotency keys
    and recent duplicates are read with one query each, and submissions in the same batch are
    checked against each other in memory (a second use of a key replays the first's receipt;
    a second identical report is a duplicate of the first). Then one multi-row insert per
    table (:func:`service.store_many`). Any exception leaves the caller to roll back and
    fall back to :func:`write_one` per submission (a concurrent writer on PostgreSQL that
    inserted the same key first, say).
    """
    results: dict[Submission, Outcome | BaseException] = {}
    keys = {
        sub: idempotency.key_hash(secret, sub.idempotency.scope, sub.idempotency.raw_key)
        for sub in subs
        if sub.idempotency is not None
    }
    known: dict[str, Any] = {}
    if keys:
        for key_row in db.execute(
            select(
                IdempotencyKey.key_hash,
                IdempotencyKey.request_hash,
                IdempotencyKey.reference,
                IdempotencyKey.sealed_code,
            ).where(IdempotencyKey.key_hash.in_(set(keys.values())))
        ):
            known[key_row.key_hash] = key_row
    digests = {sub: service.dedup_hash(sub.report_in, sub.client) if sub.client else None for sub in subs}
    recent: dict[str, str] = {}
    checked = {d for sub, d in digests.items() if d is not None and sub.check_duplicates and sub not in keys}
    if checked:
        since = utcnow() - service.DUPLICATE_WINDOW
        for found, reference in db.execute(
            select(Report.dedup_hash, Report.reference).where(
                Report.dedup_hash.in_(checked), Report.submitted_at >= since
            )
        ):
            if found is not None:
                recent.setdefault(found, reference)
    first_with_key: dict[str, Submission] = {}
    later_with_key: list[tuple[Submission, Submission]] = []
    new: list[tuple[Submission, service.NewReport]] = []
    for sub in subs:
        kh = keys.get(sub)
        if kh is not None:
            assert sub.idempotency is not None
            row = known.get(kh)
            if row is not None:  # as idempotency.claim does for a key already stored
                if not hmac.compare_digest(row.request_hash, sub.idempotency.body_hash):
                    results[sub] = idempotency.KeyMismatch()
                elif row.reference is None:
                    results[sub] = idempotency.KeyInFlight()
                else:
                    code = (
                        idempotency.unseal(
                            secret, sub.idempotency.scope, sub.idempotency.raw_key, row.sealed_code
                        )
                        if row.sealed_code
                        else None
                    )
                    results[sub] = Replayed(reference=row.reference, followup_code=code)
                continue
            if kh in first_with_key:
                later_with_key.append((sub, first_with_key[kh]))
                continue
            first_with_key[kh] = sub
        digest = digests[sub]
        if digest is not None and sub.check_duplicates and kh is None and digest in recent:
            results[sub] = Duplicate(reference=recent[digest])
            continue
        item = service.NewReport(
            report_in=sub.report_in,
            channel=sub.channel,
            actor=sub.actor,
            reference=service.new_reference(),
            code=service.new_followup_code(),
            client=sub.client,
        )
        if digest is not None:
            recent.setdefault(digest, item.reference)
        new.append((sub, item))
    stored = service.store_many(db, [item for _, item in new], owners)
    for (sub, item), got in zip(new, stored, strict=True):
        results[sub] = Accepted(
            reference=got.reference,
            followup_code=item.code,
            call_999=got.emergency_declared or got.emergency_detected,
            report_id=got.report_id,
            emergency_detected=got.emergency_detected,
        )
    key_rows = []
    for kh, sub in first_with_key.items():
        assert sub.idempotency is not None
        done = results[sub]
        assert isinstance(done, Accepted)
        key_rows.append(
            {
                "key_hash": kh,
                "request_hash": sub.idempotency.body_hash,
                "reference": done.reference,
                "sealed_code": idempotency.seal(
                    secret, sub.idempotency.scope, sub.idempotency.raw_key, done.followup_code
                ),
            }
        )
    if key_rows:
        db.execute(insert(IdempotencyKey.__table__), key_rows)  # type: ignore[arg-type]
    for sub, first in later_with_key:  # the same key twice in one batch: as claim() would answer
        assert sub.idempotency is not None
        assert first.idempotency is not None
        done = results[first]
        assert isinstance(done, Accepted)
        if not hmac.compare_digest(first.idempotency.body_hash, sub.idempotency.body_hash):
            results[sub] = idempotency.KeyMismatch()
        else:
            results[sub] = Replayed(reference=done.reference, followup_code=done.followup_code)
    return {sub: results[sub] for sub in subs}


class GroupCommitter:
    """The writer thread. Start it with :meth:`start` (or let :meth:`submit` start it)."""

    def __init__(self, sessions: sessionmaker[Session], secret: str, *, max_batch: int = MAX_BATCH) -> None:
        self.sessions = sessions
        self.secret = secret
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[Submission | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stopping = False
        #: (batches, submissions) written, for the bench and tests.
        self.batches = 0
        self.written = 0
        #: When a batch last failed because storage was full (None once one commits again).
        self.storage_full_since: datetime | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stopping = False
                self._thread = threading.Thread(target=self._run, name="intake-writer", daemon=True)
                self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then end the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stopping = True
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def submit(self, sub: Submission, *, wait: float = WAIT_SECONDS) -> Outcome:
        """Queue ``sub``, wait for its commit; return its outcome or raise its error."""
        if self._thread is None or self._stopping:
            self.start()
        self._queue.put(sub)
        if not sub.done.wait(wait):
            raise NotConfirmed("the report was not confirmed in time")
        return sub.result()

    async def submit_async(self, sub: Submission, *, wait: float = WAIT_SECONDS) -> Outcome:
        """:meth:`submit` for an ``async`` handler: the event loop is not blocked while waiting."""
        loop = asyncio.get_running_loop()
        woken = asyncio.Event()

        def wake() -> None:
            loop.call_soon_threadsafe(woken.set)

        sub.on_done = wake
        if self._thread is None or self._stopping:
            self.start()
        self._queue.put(sub)
        try:
            await asyncio.wait_for(woken.wait(), wait)
        except TimeoutError:
            raise NotConfirmed("the report was not confirmed in time") from None
        return sub.result()

    # -- the writer thread ---------------------------------------------------------------

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop_after = False
            while len(batch) < self.max_batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop_after = True
                    break
                batch.append(nxt)
            try:
                self._write_batch(batch)
            except BaseException as exc:  # never leave a request waiting
                log.exception("intake writer failed")
                for sub in batch:
                    if not sub.done.is_set():
                        sub.resolve(error=exc)
            if stop_after:
                return

    def _write_batch(self, batch: list[Submission]) -> None:
        results: dict[Submission, Outcome | BaseException] = {}
        try:
            with self.sessions() as db:
                owners: dict[str | None, Any] = {}  # force by postcode, for this transaction
                together = [sub for sub in batch if batchable(sub)] if len(batch) > 1 else []
                if together:
                    try:
                        with db.begin_nested():
                            results.update(write_many(db, self.secret, together, owners))
                    except Exception as exc:
                        if is_unavailable(exc) or is_storage_full(exc):
                            raise
                        log.info("intake: batch insert failed (%s); one savepoint per report", exc)
                        owners.clear()
                        together = []
                for sub in batch:
                    if together and sub in results:
                        continue
                    try:
                        with db.begin_nested():
                            results[sub] = write_one(db, self.secret, sub, owners)
                    except Exception as exc:
                        if is_unavailable(exc) or is_storage_full(exc):
                            raise
                        results[sub] = exc
                db.commit()
        except Exception as exc:
            if is_storage_full(exc):
                if self.storage_full_since is None:
                    self.storage_full_since = utcnow()
                log.critical(
                    "ALERT intake storage full: %d report(s) refused, nothing stored: %s", len(batch), exc
                )
                for sub in batch:
                    sub.resolve(error=StorageFull(str(exc)))
                return
            if is_unavailable(exc) or len(batch) == 1:
                if is_unavailable(exc):
                    log.warning("intake: database unavailable, %d report(s) refused: %s", len(batch), exc)
                    exc = Busy(str(exc))
                for sub in batch:
                    sub.resolve(error=exc)
                return
            # The commit failed for a reason one submission may have caused: one at a time.
            log.warning("intake: batch commit failed (%s); retrying %d one by one", exc, len(batch))
            for sub in batch:
                self._write_batch([sub])
            return
        self.storage_full_since = None
        self.batches += 1
        self.written += sum(1 for r in results.values() if isinstance(r, Accepted))
        for sub, result in results.items():
            if isinstance(result, BaseException):
                sub.resolve(error=result)
            else:
                sub.resolve(outcome=result)


_COMMITTER_LOCK = threading.Lock()


def committer_for(state: Any) -> GroupCommitter:
    """The app's writer (``app.state.intake_committer``), built on first use."""
    with _COMMITTER_LOCK:
        found: GroupCommitter | None = getattr(state, "intake_committer", None)
        if found is None:
            found = GroupCommitter(state.sessions, state.settings.secret_key.get_secret_value())
            state.intake_committer = found
        return found
