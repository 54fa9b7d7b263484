"""The retention review page: the queue, one form per decision, the stubs left by disposals."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from vigil.auth.deps import Principal, requires
from vigil.auth.permissions import Permission
from vigil.db.types import utcnow
from vigil.retention import service, tasks
from vigil.retention.enums import DecisionKind, RunOutcome
from vigil.retention.ledger import DisposalLedger
from vigil.web.deps import DbSession
from vigil.web.templates import render
from vigil.workspace.access import WorkflowError, get_visible_report_or_404

router = APIRouter(prefix="/admin/retention")
Ref = Annotated[str, Path(max_length=24)]
Reason = Annotated[str | None, Form(max_length=2000)]


def show(
    request: Request, db: Session, principal: Principal, *, error: str | None = None, status_code: int = 200
) -> Response:
    reports, total = service.consult_queue(db=db, viewer=principal, actor=principal.actor, now=utcnow())
    latest = tasks.latest_run(db)
    db.commit()
    return render(
        request,
        "retention/queue.html",
        {
            "reports": reports,
            "total": total,
            "latest": latest,
            "refused": latest is not None and latest.outcome == RunOutcome.refused,
            "disposed": service.disposed(db=db, viewer=principal),
            "error": error,
            "can_decide": principal.can(Permission.retention_decide),
        },
        status_code=status_code,
    )


@router.get("", name="retention_queue")
def retention_queue(
    request: Request,
    db: DbSession,
    principal: requires(Permission.retention_review),  # type: ignore[valid-type]
) -> Response:
    return show(request, db, principal)


def _review_date(value: str | None) -> datetime:
    try:
        day = date.fromisoformat(value or "")
    except ValueError as exc:
        raise WorkflowError("next_review", "give the next review date as YYYY-MM-DD") from exc
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


@router.post("/{reference}", name="retention_decide")
def retention_decide(
    request: Request,
    db: DbSession,
    principal: requires(Permission.retention_decide),  # type: ignore[valid-type]
    reference: Ref,
    decision: Annotated[str, Form(max_length=16)],
    reason: Reason = None,
    next_review: Annotated[str | None, Form(max_length=10)] = None,
) -> Response:
    settings = request.app.state.settings
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    now = utcnow()
    try:
        if decision == DecisionKind.retain:
            service.retain(
                db=db,
                report=report,
                reason=reason,
                next_review_at=_review_date(next_review),
                actor=principal.actor,
                now=now,
            )
        elif decision in (DecisionKind.hold, DecisionKind.release):
            service.set_hold(
                db=db, report=report, hold=decision == DecisionKind.hold, reason=reason, actor=principal.actor
            )
        elif decision == DecisionKind.dispose:
            disposal = service.dispose(db=db, report=report, reason=reason, actor=principal.actor, now=now)
            service.commit_disposal(
                db=db,
                disposal=disposal,
                ledger=DisposalLedger(settings.data_dir),
                files_dir=settings.files_dir,
            )
            return RedirectResponse("/admin/retention", status_code=303)
        else:
            raise WorkflowError("decision", "choose retain, hold, release or dispose")
    except service.OnLegalHold as exc:
        db.rollback()
        return show(request, db, principal, error=str(exc), status_code=409)
    except WorkflowError as exc:
        db.rollback()
        return show(request, db, principal, error=f"{reference}: {exc.reason}", status_code=422)
    db.commit()
    return RedirectResponse("/admin/retention", status_code=303)


@router.post("/clock/accept", name="retention_clock_accept")
def retention_clock_accept(
    request: Request,
    db: DbSession,
    principal: requires(Permission.retention_decide),  # type: ignore[valid-type]
    reason: Reason = None,
) -> Response:
    if not (reason or "").strip():
        return show(request, db, principal, error="say how the clock was checked", status_code=422)
    tasks.accept_clock(db=db, settings=request.app.state.settings, actor=principal.actor, reason=reason or "")
    db.commit()
    return RedirectResponse("/admin/retention", status_code=303)
