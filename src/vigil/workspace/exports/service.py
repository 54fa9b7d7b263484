"""What an export contains: the rows the user may see, redacted for the recipient's clearance.

Rows the exporting user may not see are never selected (``visible_clause``). When the export
is for a recipient cleared below a row's marking, that row's protected fields (its text,
location and handling conditions) are replaced by a redaction notice. Every export is audited
as a disclosure, with the recipient and the references it carried.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal
from vigil.auth.enums import Classification
from vigil.auth.marking import high_water_mark
from vigil.intake.models import Report
from vigil.workspace.queue.service import QueueFilter
from vigil.workspace.search.service import search_reports

MAX_ROWS = 10_000
REDACTED = "[REDACTED: above the recipient's clearance]"
PROTECTED_FIELDS = (
    "description",
    "location_text",
    "postcode",
    "latitude",
    "longitude",
    "handling_conditions",
)
COLUMNS = (
    "reference",
    "submitted_at",
    "state",
    "urgency",
    "category",
    "force_slug",
    "ct_region",
    "channel",
    "classification",
    "handling_code",
    "handling_conditions",
    "source_grade",
    "intel_grade",
    "closed_reason",
    "location_text",
    "postcode",
    "latitude",
    "longitude",
    "description",
)


def row_for(report: Report, recipient: Classification) -> dict[str, Any]:
    row: dict[str, Any] = {c: getattr(report, c) for c in COLUMNS}
    row["submitted_at"] = report.submitted_at.isoformat()
    if Classification(report.classification).rank > recipient.rank:
        for name in PROTECTED_FIELDS:
            row[name] = REDACTED if row[name] is not None else None
    return row


def recipient_clearance(principal: Principal, requested: str | None) -> Classification:
    """The recipient's clearance; never above the exporter's own."""
    if not requested or requested not in {c.value for c in Classification}:
        return principal.clearance
    wanted = Classification(requested)
    return wanted if wanted.rank <= principal.clearance.rank else principal.clearance


def report_rows(
    *,
    db: Session,
    principal: Principal,
    filter_in: QueueFilter,
    recipient: Classification,
    fmt: str,
    to: str | None,
) -> tuple[list[dict[str, Any]], str]:
    reports = search_reports(db=db, viewer=principal, filter_in=filter_in.without_paging(MAX_ROWS))
    rows = [row_for(r, recipient) for r in reports]
    marking = high_water_mark(
        [r.classification for r in reports if Classification(r.classification).rank <= recipient.rank]
    ).value
    record(
        db,
        tag=AuditTag.report_export,
        actor=principal.actor,
        object_type="report",
        details={
            "format": fmt,
            "recipient": to,
            "recipient_clearance": recipient.value,
            "count": len(reports),
            "references": [r.reference for r in reports][:1000],
        },
    )
    return rows, marking
