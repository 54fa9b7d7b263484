"""Writing submissions in the caller's transaction: one at a time (:func:`write_one`) or a
batch of plain ones with one multi-row insert per table (:func:`write_many`). The writer
thread (:mod:`vigil.intake.writer`) owns the transaction and the commit."""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from vigil.db.types import utcnow
from vigil.intake import idempotency, service
from vigil.intake.models import IdempotencyKey, Report
from vigil.intake.submission import Accepted, Duplicate, Outcome, Replayed, Submission


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
