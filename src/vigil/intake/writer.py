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
import logging
import queue
import threading
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from vigil.db.types import utcnow
from vigil.intake.batch import batchable, write_many, write_one
from vigil.intake.submission import (
    Accepted,
    Busy,
    NotConfirmed,
    Outcome,
    StorageFull,
    Submission,
    is_storage_full,
    is_unavailable,
)

log = logging.getLogger(__name__)

#: Most submissions written in one transaction. Large enough to amortise the fsync at
#: hundreds per second, small enough that a batch's transaction stays in the milliseconds.
MAX_BATCH = 128
#: How long a request waits for the writer before giving up with a 503 (the writer resolves
#: every submission well inside this; it is a guard against a wedged disk).
WAIT_SECONDS = 60.0


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
