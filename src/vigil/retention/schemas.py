"""Request bodies for the retention API (extra fields refused: no mass assignment)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict

from vigil.intake.models import Report
from vigil.retention.models import DisposedReport
from vigil.schemas import StrippedText


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


#: Checked against the stated 2,000 characters as sent, then stripped (``vigil.schemas``):
#: stripping first let a reason padded with whitespace past 2,000 characters through, against
#: the schema (found by tests/security's negative data).
Reason = Annotated[
    str,
    StrippedText(
        max_length=2000, min_length=1, empty="give the reason for the decision; it is kept with the record"
    ),
]


class RetainIn(_In):
    reason: Reason
    next_review_at: datetime


class HoldIn(_In):
    hold: bool
    reason: Reason


class ReasonIn(_In):
    reason: Reason


def queue_item(r: Report) -> dict[str, Any]:
    """What the review queue shows of a report: metadata, never its text."""
    return {
        "reference": r.reference,
        "report_type": r.report_type,
        "category": r.category,
        "state": r.state,
        "force": r.force_slug,
        "classification": r.classification,
        "submitted_at": r.submitted_at.isoformat(),
        "review_due_at": r.review_due_at.isoformat(),
        "legal_hold": r.legal_hold,
    }


def stub_read(s: DisposedReport) -> dict[str, Any]:
    return {
        "reference": s.reference,
        "report_type": s.report_type,
        "channel": s.channel,
        "category": s.category,
        "force": s.force_slug,
        "classification": s.classification,
        "submitted_at": s.submitted_at.isoformat(),
        "review_due_at": s.review_due_at.isoformat(),
        "disposed_at": s.disposed_at.isoformat(),
        "disposed_by_id": s.disposed_by_id,
        "reason": s.reason,
    }
