"""Export downloads: CSV, JSON, STIX 2.1 and PDF. Each is audited and marked."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from sqlalchemy import select

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.marking import high_water_mark, visible_clause
from vigil.auth.permissions import Permission
from vigil.db.types import utcnow
from vigil.web.csv_safe import to_csv
from vigil.web.deps import DbSession
from vigil.workspace.access import get_visible_operation_or_404, get_visible_report_or_404
from vigil.workspace.actions.service import operation_contents
from vigil.workspace.deps import QueueFilterDep
from vigil.workspace.exports import pdf, service, stix
from vigil.workspace.models import Action

router = APIRouter(prefix="/workspace/exports")
Recipient = Annotated[str | None, Query(max_length=32, description="recipient's clearance")]
To = Annotated[str | None, Query(alias="recipient_name", max_length=200, description="who the export is for")]


def _download(body: bytes | str, media: str, filename: str, marking: str) -> Response:
    return Response(
        body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Protective-Marking": marking,
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/reports.csv", name="export_reports_csv")
def export_csv(
    db: DbSession,
    principal: requires(Permission.report_export),  # type: ignore[valid-type]
    filter_in: QueueFilterDep,
    recipient: Recipient = None,
    to: To = None,
) -> Response:
    clearance = service.recipient_clearance(principal, recipient)
    rows, marking = service.report_rows(
        db=db, principal=principal, filter_in=filter_in, recipient=clearance, fmt="csv", to=to
    )
    body = to_csv(service.COLUMNS, ([row[c] for c in service.COLUMNS] for row in rows))
    db.commit()
    return _download(body, "text/csv; charset=utf-8", "vigil-reports.csv", marking)


@router.get("/reports.json", name="export_reports_json")
def export_json(
    db: DbSession,
    principal: requires(Permission.report_export),  # type: ignore[valid-type]
    filter_in: QueueFilterDep,
    recipient: Recipient = None,
    to: To = None,
) -> Response:
    import orjson  # noqa: PLC0415

    clearance = service.recipient_clearance(principal, recipient)
    rows, marking = service.report_rows(
        db=db, principal=principal, filter_in=filter_in, recipient=clearance, fmt="json", to=to
    )
    db.commit()
    body = orjson.dumps({"marking": marking, "recipient_clearance": clearance.value, "reports": rows})
    return _download(body, "application/json", "vigil-reports.json", marking)


@router.get("/reports/{reference}/briefing.pdf", name="export_report_pdf")
def export_report_pdf(
    db: DbSession,
    principal: requires(Permission.report_export),  # type: ignore[valid-type]
    reference: Annotated[str, Path(max_length=24)],
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    actions = list(
        db.scalars(select(Action).where(Action.report_id == report.id, visible_clause(Action, principal)))
    )
    marking = high_water_mark([report.classification, *[a.classification for a in actions]]).value
    body = pdf.report_briefing(report, actions, marking)
    record(
        db,
        tag=AuditTag.report_export,
        actor=principal.actor,
        object_type="report",
        object_id=report.id,
        details={"format": "pdf", "references": [report.reference]},
    )
    db.commit()
    return _download(body, "application/pdf", f"briefing-{report.reference}.pdf", marking)


@router.get("/operations/{operation_id}/briefing.pdf", name="export_operation_pdf")
def export_operation_pdf(
    db: DbSession,
    principal: requires(Permission.report_export),  # type: ignore[valid-type]
    operation_id: Annotated[int, Path(ge=1)],
) -> Response:
    operation = get_visible_operation_or_404(db=db, viewer=principal, operation_id=operation_id)
    reports, actions = operation_contents(db=db, operation=operation, viewer=principal)
    marking = high_water_mark([operation.classification, *[r.classification for r in reports]]).value
    body = pdf.operation_briefing(operation, reports, actions, marking)
    record(
        db,
        tag=AuditTag.report_export,
        actor=principal.actor,
        object_type="operation",
        object_id=operation.id,
        details={"format": "pdf", "references": [r.reference for r in reports]},
    )
    db.commit()
    return _download(body, "application/pdf", f"briefing-operation-{operation.id}.pdf", marking)


@router.get("/operations/{operation_id}/stix.json", name="export_operation_stix")
def export_operation_stix(
    db: DbSession,
    principal: requires(Permission.report_export),  # type: ignore[valid-type]
    operation_id: Annotated[int, Path(ge=1)],
    recipient: Recipient = None,
    to: To = None,
) -> Response:
    operation = get_visible_operation_or_404(db=db, viewer=principal, operation_id=operation_id)
    reports, _actions = operation_contents(db=db, operation=operation, viewer=principal)
    clearance = service.recipient_clearance(principal, recipient)
    body, count = stix.bundle(db=db, operation=operation, reports=reports, recipient=clearance, now=utcnow())
    record(
        db,
        tag=AuditTag.report_export,
        actor=principal.actor,
        object_type="operation",
        object_id=operation.id,
        details={
            "format": "stix",
            "recipient": to,
            "recipient_clearance": clearance.value,
            "indicators": count,
        },
    )
    db.commit()
    return _download(
        body,
        "application/stix+json;version=2.1",
        f"operation-{operation.id}.stix.json",
        operation.classification,
    )
