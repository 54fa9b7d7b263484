"""Writing and verifying the audit chain.

Each event's hash covers its own fields and the previous event's hash, so editing, deleting or
reordering any row breaks the chain from that row on. Writers serialise on the chain head:
PostgreSQL takes a transaction-scoped advisory lock; SQLite transactions already begin with
``BEGIN IMMEDIATE`` and so hold the database's single write lock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag, dpa_operation
from vigil.audit.models import AuditEvent
from vigil.db.types import utcnow

GENESIS = "0" * 64
_ADVISORY_KEY = 0x5649474C  # "VIGL"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it, from where. Built from the request's principal, or a system actor."""

    user_id: int | None
    label: str
    organisation_id: int | None = None
    ip: str | None = None
    user_agent: str | None = None


SYSTEM = Actor(user_id=None, label="system")


def _canonical_values(v: Mapping[str, Any]) -> bytes:
    body = {
        "seq": v["seq"],
        "at": v["at"].isoformat(),
        "tag": v["tag"],
        "dpa": v["dpa_operation"],
        "actor_user_id": v["actor_user_id"],
        "actor": v["actor"],
        "org": v["organisation_id"],
        "object_type": v["object_type"],
        "object_id": v["object_id"],
        "purpose": v["purpose"],
        "ip": v["ip"],
        "ua": v["user_agent"],
        "details": v["details"],
        "prev": v["prev_hash"],
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()


def _canonical(event: AuditEvent) -> bytes:
    return _canonical_values({name: getattr(event, name) for name in _HASHED})


_HASHED = (
    "seq",
    "at",
    "tag",
    "dpa_operation",
    "actor_user_id",
    "actor",
    "organisation_id",
    "object_type",
    "object_id",
    "purpose",
    "ip",
    "user_agent",
    "details",
    "prev_hash",
)


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _lock_chain(db: Session) -> tuple[int, str]:
    """Serialise on the chain head (PostgreSQL advisory lock; SQLite holds its write lock) and
    return the next sequence number with the previous event's hash."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})
    head = db.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return (head[0] + 1, head[1]) if head else (1, GENESIS)


def record(
    db: Session,
    *,
    tag: AuditTag,
    actor: Actor,
    object_type: str | None = None,
    object_id: str | int | None = None,
    purpose: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction (the caller commits)."""
    seq, prev = _lock_chain(db)
    event = AuditEvent(
        seq=seq,
        at=utcnow(),
        tag=tag.value,
        dpa_operation=dpa_operation(tag).value,
        actor_user_id=actor.user_id,
        actor=actor.label[:100],
        organisation_id=actor.organisation_id,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        purpose=purpose,
        ip=actor.ip,
        user_agent=actor.user_agent[:300] if actor.user_agent else None,
        details=details or {},
        prev_hash=prev,
    )
    event.hash = compute_hash(event)
    db.add(event)
    db.flush()
    return event


@dataclass(frozen=True, slots=True)
class NewEvent:
    """One event for :func:`record_many` (the arguments of :func:`record`)."""

    tag: AuditTag
    actor: Actor
    object_type: str | None = None
    object_id: str | int | None = None
    purpose: str | None = None
    details: dict[str, Any] | None = None


def record_many(db: Session, events: Sequence[NewEvent]) -> list[int]:
    """Append ``events`` in order in the caller's transaction; return their sequence numbers.

    The same chain as calling :func:`record` for each, with one head read and one multi-row
    insert: the head is read once under the same lock as :func:`record` (so concurrent
    writers still serialise), and the events are chained in memory. The caller commits.
    """
    if not events:
        return []
    seq, prev = _lock_chain(db)
    at = utcnow()
    rows: list[dict[str, Any]] = []
    for ev in events:
        row: dict[str, Any] = {
            "seq": seq,
            "at": at,
            "tag": ev.tag.value,
            "dpa_operation": dpa_operation(ev.tag).value,
            "actor_user_id": ev.actor.user_id,
            "actor": ev.actor.label[:100],
            "organisation_id": ev.actor.organisation_id,
            "object_type": ev.object_type,
            "object_id": None if ev.object_id is None else str(ev.object_id),
            "purpose": ev.purpose,
            "ip": ev.actor.ip,
            "user_agent": ev.actor.user_agent[:300] if ev.actor.user_agent else None,
            "details": ev.details or {},
            "prev_hash": prev,
        }
        row["hash"] = prev = hashlib.sha256(_canonical_values(row)).hexdigest()
        rows.append(row)
        seq += 1
    db.execute(insert(AuditEvent.__table__), rows)  # type: ignore[arg-type]
    return [row["seq"] for row in rows]


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    event_id: int
    problem: str


def _iter_events(db: Session, batch: int = 5000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = db.scalars(
            select(AuditEvent).where(AuditEvent.seq > last).order_by(AuditEvent.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        db.expunge_all()


def verify(db: Session) -> tuple[int, list[ChainProblem]]:
    """Walk the chain; return how many events were checked and every break found."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    expected_seq = 1
    count = 0
    last_at: datetime | None = None
    for event in _iter_events(db):
        count += 1
        if event.seq != expected_seq:
            problems.append(
                ChainProblem(event.seq, event.id, f"sequence gap: expected {expected_seq}, found {event.seq}")
            )
        if event.prev_hash != prev:
            problems.append(
                ChainProblem(event.seq, event.id, "previous-hash link broken (row deleted or moved)")
            )
        if compute_hash(event) != event.hash:
            problems.append(ChainProblem(event.seq, event.id, "content does not match its hash (row edited)"))
        if last_at is not None and event.at < last_at:
            problems.append(ChainProblem(event.seq, event.id, "timestamp earlier than the previous event"))
        last_at = event.at
        prev = event.hash
        expected_seq = event.seq + 1
    return count, problems
