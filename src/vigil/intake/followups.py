"""What the holder of a follow-up code may do: add information, and learn only received or
being assessed. Nothing a reporter (or anyone else) submitted is ever read back to them."""

from __future__ import annotations

import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth.service import sha256
from vigil.intake.enums import ReportState
from vigil.intake.models import Report, ReportFollowup
from vigil.intake.service import TRIAGE_JOB
from vigil.jobs.service import enqueue


def get_by_followup(*, db: Session, reference: str, code: str) -> Report | None:
    """The reporter's own report, only with its follow-up code (constant-time comparison)."""
    report = db.scalar(select(Report).where(Report.reference == reference.strip().upper()[:24]))
    supplied = sha256(code.strip().upper()[:40])
    if report is None or report.followup_code_hash is None:
        hmac.compare_digest(supplied, supplied)  # same work either way
        return None
    if not hmac.compare_digest(report.followup_code_hash, supplied):
        return None
    return report


def add_followup(*, db: Session, report: Report, text: str, actor: Actor) -> ReportFollowup:
    """Append what the reporter adds later. Write-only: nothing is ever read back to them."""
    row = ReportFollowup(report_id=report.id, text=text)
    db.add(row)
    db.flush()
    # Re-triage with what was added. The triage job is idempotent per engine version, so the
    # payload says why it runs again: a handler honouring ``followup_id`` re-reads the report
    # with its follow-ups instead of returning the result it already has.
    enqueue(
        db,
        kind=TRIAGE_JOB,
        payload={"report_id": report.id, "reason": "followup", "followup_id": row.id},
        priority=10,
        subject=f"report:{report.id}",
    )
    record(
        db,
        tag=AuditTag.report_followup,
        actor=actor,
        object_type="report",
        object_id=report.id,
        details={"followup_id": row.id},
    )
    return row


def public_status(report: Report) -> str:
    """All a reporter is ever told: received, or being assessed."""
    return "received" if report.state == ReportState.new else "being assessed"
