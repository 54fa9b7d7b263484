"""The report API for the public and partner systems."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request, status

from vigil.audit.service import Actor
from vigil.auth.deps import resolve_principal
from vigil.intake import service
from vigil.intake.enums import Channel, ReportState
from vigil.intake.schemas import ReportCreate, ReportReceipt, ReportStatus
from vigil.web.deps import DbSession

router = APIRouter(prefix="/api/v1", tags=["reports"])


@router.post(
    "/reports", name="api_create_report", status_code=status.HTTP_201_CREATED, response_model=ReportReceipt
)
def create_report(request: Request, db: DbSession, report_in: ReportCreate) -> ReportReceipt:
    """Accept a report. 201 means it is committed, with its triage job, before we answer."""
    principal = resolve_principal(request, db)
    actor = principal.actor if principal else Actor(user_id=None, label="public")
    report, code = service.create(db=db, report_in=report_in, channel=Channel.api, actor=actor)
    db.commit()
    return ReportReceipt(reference=report.reference, followup_code=code)


@router.get("/reports/{reference}/status", name="api_report_status", response_model=ReportStatus)
def report_status(
    db: DbSession,
    reference: str,
    followup_code: Annotated[str, Header(alias="X-Followup-Code", max_length=40)],
) -> ReportStatus:
    """For the holder of the follow-up code only: received or being assessed, nothing more."""
    report = service.get_by_followup(db=db, reference=reference[:24], code=followup_code)
    if report is None:
        raise HTTPException(status_code=404, detail="no report with that reference and code")
    state = "received" if report.state == ReportState.new else "being assessed"
    return ReportStatus(reference=report.reference, status=state)
