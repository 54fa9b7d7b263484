"""Request bodies for the retention API (extra fields refused: no mass assignment)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vigil.intake.models import Report
from vigil.retention.models import DisposedReport


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RetainIn(_In):
    reason: str = Field(min_length=1, max_length=2000)
    next_review_at: datetime


class HoldIn(_In):
    hold: bool
    reason: str = Field(min_length=1, max_length=2000)


class ReasonIn(_In):
    reason: str = Field(min_length=1, max_length=2000)


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
