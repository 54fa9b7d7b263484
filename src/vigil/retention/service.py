"""The records manager's decisions: the review queue, retain, legal hold and dispose.

Nothing here deletes on a timer. A report past its review date appears in the queue; only a
person's dispose decision removes it (:func:`dispose`), and never while it is under legal hold.
Every decision is a :class:`RetentionDecision` row and an audit event in the same transaction.
Services flush; the request, the job runner or the command commits (:func:`commit_disposal`
owns the commit of a disposal, because the ledger and the files must be ordered around it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth.marking import Viewer, visible_clause
from vigil.auth.models import User
from vigil.db.types import utcnow
from vigil.intake.files import attachment_root
from vigil.intake.models import Report
from vigil.retention.enums import DecisionKind
from vigil.retention.erase import erase_report, purge_search_index
from vigil.retention.ledger import DisposalLedger, LedgerEntry
from vigil.retention.models import DisposedReport, RetentionDecision
from vigil.workspace.access import WorkflowError

log = logging.getLogger(__name__)

#: MoPI reviews the most serious records at least every ten years; a retain decision may not
#: put the next review further off than that.
MAX_RETAIN_YEARS = 10
PAGE = 100


class OnLegalHold(Exception):
    """Disposal refused: the report is under legal hold (HTTP 409)."""

    def __init__(self, reference: str) -> None:
        super().__init__(f"{reference} is under legal hold: release the hold before disposing of it")
        self.reference = reference


def _reason(reason: str | None) -> str:
    cleaned = (reason or "").strip()
    if not cleaned:
        raise WorkflowError("reason", "give the reason for the decision; it is kept with the record")
    return cleaned[:2000]


def due_reports(*, db: Session, viewer: Viewer, now: datetime, offset: int = 0) -> tuple[list[Report], int]:
    """Reports past their review date that ``viewer`` may see, oldest due first, with the count."""
    where = (Report.review_due_at <= now, visible_clause(Report, viewer))
    total = int(db.scalar(select(func.count()).select_from(Report).where(*where)) or 0)
    rows = db.scalars(
        select(Report).where(*where).order_by(Report.review_due_at, Report.id).offset(offset).limit(PAGE)
    )
    return list(rows), total


def consult_queue(
    *, db: Session, viewer: Viewer, actor: Actor, now: datetime, offset: int = 0
) -> tuple[list[Report], int]:
    """:func:`due_reports` for the queue's page or API, with the consultation audited (s.62):
    which reports were shown, and how many were due."""
    reports, total = due_reports(db=db, viewer=viewer, now=now, offset=offset)
    record(
        db,
        tag=AuditTag.retention_queue,
        actor=actor,
        details={"shown": [r.id for r in reports], "total": total},
    )
    return reports, total


def disposed(*, db: Session, viewer: Viewer, limit: int = 50) -> list[DisposedReport]:
    stmt = select(DisposedReport).where(visible_clause(DisposedReport, viewer))
    return list(db.scalars(stmt.order_by(DisposedReport.disposed_at.desc()).limit(limit)))


def decisions_for(*, db: Session, report_id: int) -> list[RetentionDecision]:
    stmt = select(RetentionDecision).where(RetentionDecision.report_id == report_id)
    return list(db.scalars(stmt.order_by(RetentionDecision.decided_at, RetentionDecision.id)))


def _decide(
    db: Session,
    *,
    report: Report,
    kind: DecisionKind,
    reason: str,
    actor: Actor,
    tag: AuditTag,
    next_review_at: datetime | None = None,
    decided_at: datetime | None = None,
) -> RetentionDecision:
    decision = RetentionDecision(
        report_id=report.id,
        reference=report.reference,
        kind=kind.value,
        reason=reason,
        previous_review_at=report.review_due_at,
        next_review_at=next_review_at,
        decided_by_id=actor.user_id,
        decided_at=decided_at or utcnow(),
    )
    db.add(decision)
    record(
        db,
        tag=tag,
        actor=actor,
        object_type="report",
        object_id=report.id,
        purpose=reason[:500],
        details={
            "reference": report.reference,
            "decision": kind.value,
            "previous_review_at": report.review_due_at.isoformat(),
            "next_review_at": next_review_at.isoformat() if next_review_at else None,
        },
    )
    db.flush()
    return decision


def retain(
    *, db: Session, report: Report, reason: str | None, next_review_at: datetime, actor: Actor, now: datetime
) -> RetentionDecision:
    """Still needed: record why, and when it is next reviewed."""
    text = _reason(reason)
    if next_review_at.tzinfo is None:
        raise WorkflowError("next_review_at", "give the date with its time zone (UTC)")
    if next_review_at <= now:
        raise WorkflowError("next_review_at", "the next review must be in the future")
    if next_review_at > now + timedelta(days=366 * MAX_RETAIN_YEARS):
        raise WorkflowError("next_review_at", f"review again within {MAX_RETAIN_YEARS} years")
    decision = _decide(
        db,
        report=report,
        kind=DecisionKind.retain,
        reason=text,
        actor=actor,
        tag=AuditTag.retention_retain,
        next_review_at=next_review_at,
    )
    report.review_due_at = next_review_at
    db.flush()
    return decision


def set_hold(
    *, db: Session, report: Report, hold: bool, reason: str | None, actor: Actor
) -> RetentionDecision:
    """Set or release a legal hold (litigation, an inquiry, a disclosure request)."""
    text = _reason(reason)
    if report.legal_hold == hold:
        raise WorkflowError("hold", "already under legal hold" if hold else "not under legal hold")
    kind = DecisionKind.hold if hold else DecisionKind.release
    decision = _decide(db, report=report, kind=kind, reason=text, actor=actor, tag=AuditTag.retention_hold)
    report.legal_hold = hold
    db.flush()
    return decision


@dataclass(frozen=True, slots=True)
class Disposal:
    entry: LedgerEntry
    files: list[str]
    rows: dict[str, int]


def dispose(
    *,
    db: Session,
    report: Report,
    reason: str | None,
    actor: Actor,
    now: datetime,
    reapplied: bool = False,
) -> Disposal:
    """Remove the report's content everywhere and leave a metadata stub; the caller commits
    through :func:`commit_disposal`. Refused with :class:`OnLegalHold` while held, except when
    re-applying the ledger after a restore (the hold in the restored copy predates the release
    that allowed the disposal)."""
    text = _reason(reason)
    if db.get_bind().dialect.name == "postgresql":
        db.refresh(report, with_for_update=True)  # a concurrent hold waits for us, or we for it
    if report.legal_hold and not reapplied:
        raise OnLegalHold(report.reference)
    db.add(
        DisposedReport(
            id=report.id,
            reference=report.reference,
            report_type=report.report_type,
            channel=report.channel,
            category=report.category,
            force_slug=report.force_slug,
            submitted_at=report.submitted_at,
            review_due_at=report.review_due_at,
            disposed_at=now,
            disposed_by_id=actor.user_id,
            reason=text,
            classification=report.classification,
            handling_code=report.handling_code,
            owner_org_id=report.owner_org_id,
        )
    )
    tag = AuditTag.retention_reapply if reapplied else AuditTag.retention_dispose
    _decide(db, report=report, kind=DecisionKind.dispose, reason=text, actor=actor, tag=tag, decided_at=now)
    entry = LedgerEntry(report.id, report.reference, now.isoformat(), actor.user_id)
    erased = erase_report(db, report)
    return Disposal(entry=entry, files=erased.files, rows=erased.rows)


def remove_files(files_dir: Path, paths: list[str]) -> None:
    root = attachment_root(files_dir)
    for path in paths:
        try:
            (root / path).unlink(missing_ok=True)
        except OSError:  # the orphan sweep (`vigil intake sweep`) removes what is left
            log.exception("disposal: could not remove %s", path)


def commit_disposal(
    *, db: Session, disposal: Disposal, ledger: DisposalLedger | None, files_dir: Path
) -> None:
    """Ledger first (synced), then the commit, then the files and the search index's pages.

    ``ledger=None`` when the disposal is itself a re-application of the ledger."""
    if ledger is not None:
        ledger.append(disposal.entry)
    try:
        db.commit()
    except BaseException:
        db.rollback()
        if ledger is not None:
            ledger.void(disposal.entry)
        raise
    remove_files(files_dir, disposal.files)
    purge_search_index(db)
    db.commit()


@dataclass(frozen=True, slots=True)
class Reapplied:
    disposed: list[str]  # references disposed of again
    entries: int  # ledger entries read


def reapply_ledger(*, db: Session, data_dir: Path, files_dir: Path) -> Reapplied:
    """Dispose again of every ledger entry the database still holds (after a restore)."""
    entries = DisposalLedger(data_dir).entries()
    again: list[str] = []
    for entry in entries:
        report = db.scalar(
            select(Report).where(Report.id == entry.report_id, Report.reference == entry.reference)
        )
        if report is None:
            continue
        by = entry.disposed_by_id if entry.disposed_by_id and db.get(User, entry.disposed_by_id) else None
        disposal = dispose(
            db=db,
            report=report,
            reason=f"re-applied from the disposal ledger after a restore: disposed {entry.disposed_at}",
            actor=Actor(user_id=by, label="restore:disposal-ledger"),
            now=datetime.fromisoformat(entry.disposed_at),
            reapplied=True,
        )
        commit_disposal(db=db, disposal=disposal, ledger=None, files_dir=files_dir)
        again.append(entry.reference)
    return Reapplied(disposed=again, entries=len(entries))
