"""The retention API: the review queue and the records manager's decisions, as JSON.

Every route needs a ``retention:*`` permission (administrators hold them), and every report is
fetched through the workspace's access helper, so a report outside the user's organisation or
clearance is a 404 here as everywhere.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from vigil.auth.deps import requires
from vigil.auth.marking import can_see
from vigil.auth.permissions import Permission
from vigil.db.types import utcnow
from vigil.retention import service, tasks
from vigil.retention.ledger import DisposalLedger
from vigil.retention.models import DisposedReport
from vigil.retention.schemas import HoldIn, ReasonIn, RetainIn, queue_item, stub_read
from vigil.web.deps import DbSession
from vigil.workspace.access import (
    WorkflowError,
    apply_decision,
    get_visible_report_or_404,
    not_found,
    workflow_error_response,
)

router = APIRouter(prefix="/api/v1/retention", tags=["retention"])
Ref = Annotated[str, Path(max_length=24)]


@router.get("/queue", name="api_retention_queue")
def api_queue(
    db: DbSession,
    principal: requires(Permission.retention_review),  # type: ignore[valid-type]
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    reports, total = service.consult_queue(
        db=db, viewer=principal, actor=principal.actor, now=utcnow(), offset=(page - 1) * service.PAGE
    )
    db.commit()
    return JSONResponse({"total": total, "items": [queue_item(r) for r in reports]})


@router.post("/reports/{reference}/retain", name="api_retention_retain")
def api_retain(
    db: DbSession,
    principal: requires(Permission.retention_decide),  # type: ignore[valid-type]
    reference: Ref,
    body: RetainIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    failed = apply_decision(
        db,
        lambda: service.retain(
            db=db,
            report=report,
            reason=body.reason,
            next_review_at=body.next_review_at,
            actor=principal.actor,
            now=utcnow(),
        ),
    )
    return failed or JSONResponse(queue_item(report))


@router.post("/reports/{reference}/hold", name="api_retention_hold")
def api_hold(
    db: DbSession,
    principal: requires(Permission.retention_decide),  # type: ignore[valid-type]
    reference: Ref,
    body: HoldIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    failed = apply_decision(
        db,
        lambda: service.set_hold(
            db=db, report=report, hold=body.hold, reason=body.reason, actor=principal.actor
        ),
    )
    return failed or JSONResponse(queue_item(report))


@router.post("/reports/{reference}/dispose", name="api_retention_dispose")
def api_dispose(
    request: Request,
    db: DbSession,
    principal: requires(Permission.retention_decide),  # type: ignore[valid-type]
    reference: Ref,
    body: ReasonIn,
) -> Response:
    settings = request.app.state.settings
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    try:
        disposal = service.dispose(
            db=db, report=report, reason=body.reason, actor=principal.actor, now=utcnow()
        )
    except service.OnLegalHold as exc:
        db.rollback()
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    except WorkflowError as exc:
        db.rollback()
        return workflow_error_response(exc)
    service.commit_disposal(
        db=db, disposal=disposal, ledger=DisposalLedger(settings.data_dir), files_dir=settings.files_dir
    )
    stub = db.get(DisposedReport, disposal.entry.report_id)
    assert stub is not None
    return JSONResponse(stub_read(stub))


@router.get("/disposed/{reference}", name="api_retention_disposed")
def api_disposed(
    db: DbSession,
    principal: requires(Permission.retention_review),  # type: ignore[valid-type]
    reference: Ref,
) -> Response:
    stub = db.scalar(select(DisposedReport).where(DisposedReport.reference == reference))
    if stub is None or not can_see(db, principal, stub):  # type: ignore[arg-type]
        raise not_found()
    return JSONResponse(stub_read(stub))


@router.post("/clock/accept", name="api_retention_clock_accept")
def api_accept_clock(
    request: Request,
    db: DbSession,
    principal: requires(Permission.retention_decide),  # type: ignore[valid-type]
    body: ReasonIn,
) -> Response:
    run = tasks.accept_clock(
        db=db, settings=request.app.state.settings, actor=principal.actor, reason=body.reason
    )
    db.commit()
    return JSONResponse({"accepted_at": run.at.isoformat()})
