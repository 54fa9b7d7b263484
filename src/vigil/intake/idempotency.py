"""Stripe-style ``Idempotency-Key`` for report submission.

Same key and same body: the original receipt (reference and follow-up code), nothing new
stored. Same key and a different body: 422. A key whose first request has not finished:
409. The key row is inserted in the same transaction as the report, so a crash before the
commit leaves neither, and a retry with the key simply stores the report.

The scope of a key is the authenticated user for API clients with a token, and the key
itself for anonymous clients (a phone that changes network between retries keeps its key);
keys are random (a UUID), so they do not collide. Only HMACs of keys are stored; the
follow-up code is kept sealed under a key derived from the raw idempotency key, which the
database never sees, so the table alone does not reveal any code.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vigil.db.types import utcnow
from vigil.intake.models import IdempotencyKey

KEY_TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255


class KeyMismatch(Exception):
    """The key was used before with a different request body (422)."""


class KeyInFlight(Exception):
    """The key's first request is still being processed (409)."""


@dataclass(frozen=True, slots=True)
class Replay:
    reference: str
    followup_code: str | None


@dataclass(frozen=True, slots=True)
class Claimed:
    row: IdempotencyKey
    raw_key: str
    scope: str


def _mac(secret: str, label: str, message: str) -> bytes:
    return hmac.new(secret.encode(), f"{label}:{message}".encode(), hashlib.sha256).digest()


def _seal(secret: str, scope: str, raw_key: str, code: str) -> str:
    pad = _mac(secret, "idem-seal", f"{scope}\x1f{raw_key}")
    data = code.encode()
    return bytes(a ^ b for a, b in zip(data, pad, strict=False)).hex()


def _unseal(secret: str, scope: str, raw_key: str, sealed: str) -> str:
    pad = _mac(secret, "idem-seal", f"{scope}\x1f{raw_key}")
    return bytes(a ^ b for a, b in zip(bytes.fromhex(sealed), pad, strict=False)).decode()


def key_hash(secret: str, scope: str, raw_key: str) -> str:
    return _mac(secret, "idem", f"{scope}\x1f{raw_key}").hex()


def seal(secret: str, scope: str, raw_key: str, code: str) -> str:
    return _seal(secret, scope, raw_key, code)


def unseal(secret: str, scope: str, raw_key: str, sealed: str) -> str:
    return _unseal(secret, scope, raw_key, sealed)


def request_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def claim(*, db: Session, secret: str, scope: str, raw_key: str, body_hash: str) -> Claimed | Replay:
    """Insert the key in the caller's transaction, or answer from an earlier use of it.

    On PostgreSQL a concurrent insert of the same key waits for the first transaction and
    then fails on the primary key; on SQLite transactions are already serialised. Either
    way the second request then reads the committed row and replays its receipt.
    """
    row = IdempotencyKey(
        key_hash=key_hash(secret, scope, raw_key), request_hash=body_hash, reference=None, sealed_code=None
    )
    try:
        with db.begin_nested():
            db.add(row)
            db.flush()
    except IntegrityError:
        existing = db.get(IdempotencyKey, row.key_hash, populate_existing=True)
        if existing is None:  # gone between the insert and the read (expired and swept)
            raise KeyInFlight from None
        if not hmac.compare_digest(existing.request_hash, body_hash):
            raise KeyMismatch from None
        if existing.reference is None:
            raise KeyInFlight from None
        code = _unseal(secret, scope, raw_key, existing.sealed_code) if existing.sealed_code else None
        return Replay(reference=existing.reference, followup_code=code)
    return Claimed(row=row, raw_key=raw_key, scope=scope)


def complete(
    *, db: Session, secret: str, claimed: Claimed, reference: str, followup_code: str | None
) -> None:
    claimed.row.reference = reference
    if followup_code:
        claimed.row.sealed_code = _seal(secret, claimed.scope, claimed.raw_key, followup_code)
    db.flush()


def sweep(*, db: Session) -> int:
    """Forget keys older than a day (Stripe keeps them 24 hours too)."""
    result = db.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - KEY_TTL))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def lookup_reference(*, db: Session, secret: str, scope: str, raw_key: str) -> str | None:
    digest = key_hash(secret, scope, raw_key)
    return db.scalar(select(IdempotencyKey.reference).where(IdempotencyKey.key_hash == digest))
