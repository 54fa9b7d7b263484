"""The worker loop, run as threads inside ``vigil serve`` or as ``vigil worker`` processes."""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from vigil.audit.enums import AuditTag
from vigil.audit.service import SYSTEM, record
from vigil.db.session import read_only
from vigil.jobs import service
from vigil.jobs.enums import JobState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JobContext:
    claim: service.Claim
    settings: Any


#: A handler does its work in the session it is given; the runner commits it together with the
#: job's completion, or rolls both back.
Handler = Callable[[Session, dict[str, Any], JobContext], None]


@dataclass(frozen=True, slots=True)
class TwoPhase:
    """A handler whose slow part only reads: ``prepare`` runs first in a read-only session
    (on SQLite, without the write lock), then ``apply`` writes its result in the job's
    transaction, with the job's completion. ``apply`` must re-check anything ``prepare``
    decided from data another transaction may have changed in between.

    Called as a plain :data:`Handler` (tests, scripts), both phases run in the one session."""

    prepare: Callable[[Session, dict[str, Any], JobContext], Any]
    apply: Callable[[Session, dict[str, Any], JobContext, Any], None]

    def __call__(self, db: Session, payload: dict[str, Any], context: JobContext) -> None:
        self.apply(db, payload, context, self.prepare(db, payload, context))


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Worker:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        handlers: Mapping[str, Handler],
        settings: Any,
        worker_id: str | None = None,
    ) -> None:
        self.sessions = sessions
        self.handlers = dict(handlers)
        self.settings = settings
        self.worker_id = worker_id or new_worker_id()
        self._reader = read_only(sessions)

    def run_once(self) -> bool:
        """Claim and run one job. Return False when there was nothing to do."""
        with self.sessions() as db:
            with db.begin():
                service.bury_exhausted(db)
                claim = service.claim(
                    db,
                    worker_id=self.worker_id,
                    lease_seconds=self.settings.job_lease_seconds,
                    kinds=list(self.handlers),
                )
            if claim is None:
                return False
        self._run(claim)
        return True

    def _run(self, claim: service.Claim) -> None:
        handler = self.handlers[claim.kind]
        context = JobContext(claim=claim, settings=self.settings)
        try:
            if isinstance(handler, TwoPhase):
                with self._reader() as db, db.begin():
                    prepared = handler.prepare(db, claim.payload, context)
                with self.sessions() as db, db.begin():
                    handler.apply(db, claim.payload, context, prepared)
                    service.finish(db, claim_=claim)
            else:
                with self.sessions() as db, db.begin():
                    handler(db, claim.payload, context)
                    service.finish(db, claim_=claim)
        except service.LeaseLost:
            log.warning("job %s: lease lost, another worker has it", claim.id)
        except Exception as exc:
            log.exception("job %s (%s) failed on attempt %s", claim.id, claim.kind, claim.attempts)
            error = "".join(traceback.format_exception_only(exc)).strip()
            with self.sessions() as db, db.begin():
                state = service.fail(db, claim_=claim, error=error)
                if state is JobState.dead:
                    record(
                        db,
                        tag=AuditTag.job_dead,
                        actor=SYSTEM,
                        object_type="job",
                        object_id=claim.id,
                        details={"kind": claim.kind, "error": error[:500]},
                    )

    def run_forever(self, stop: threading.Event) -> None:
        log.info("worker %s started for %s", self.worker_id, sorted(self.handlers))
        while not stop.is_set():
            try:
                busy = self.run_once()
            except Exception:  # the database may be briefly unavailable: keep going
                log.exception("worker %s: claim failed", self.worker_id)
                busy = False
            if not busy:
                stop.wait(self.settings.job_poll_seconds)


class WorkerPool:
    """Worker threads owned by the server process (embedded mode) or ``vigil worker``."""

    def __init__(self, workers: list[Worker]) -> None:
        self.workers = workers
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        for i, worker in enumerate(self.workers):
            thread = threading.Thread(
                target=worker.run_forever, args=(self.stop,), name=f"worker-{i}", daemon=True
            )
            thread.start()
            self.threads.append(thread)

    def shutdown(self, timeout: float = 10.0) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout)
