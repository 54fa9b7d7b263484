"""The report page and its plain HTML forms (each works with Tab and Enter, no JavaScript)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal, requires
from vigil.auth.permissions import Permission
from vigil.intake.models import Report
from vigil.web.deps import DbSession
from vigil.web.templates import render
from vigil.workspace.access import WorkflowError, get_visible_operation_or_404, get_visible_report_or_404
from vigil.workspace.actions import service as actions
from vigil.workspace.reports import grading, links, service, view
from vigil.workspace.reports.grading import SOURCE_GRADES

router = APIRouter(prefix="/workspace/reports")
Ref = Annotated[str, Path(max_length=24)]
Opt = Annotated[str | None, Form(max_length=2000)]


def show(
    request: Request,
    db: Session,
    principal: Principal,
    report: Report,
    errors: list[WorkflowError] | None = None,
) -> Response:
    v = view.build(db=db, report=report, viewer=principal)
    record(db, tag=AuditTag.report_read, actor=principal.actor, object_type="report", object_id=report.id)
    db.commit()
    return render(
        request,
        "workspace/report.html",
        {
            "v": v,
            "r": report,
            "errors": errors or [],
            "source_grades": SOURCE_GRADES,
            "page_marking": v.page_marking,
        },
        status_code=422 if errors else 200,
    )


def _done(report: Report, anchor: str = "") -> Response:
    return RedirectResponse(f"/workspace/reports/{report.reference}{anchor}", status_code=303)


def _attempt(
    request: Request, db: Session, principal: Principal, report: Report, fn: object, anchor: str = ""
) -> Response:
    try:
        fn()  # type: ignore[operator]
    except WorkflowError as exc:
        db.rollback()
        return show(request, db, principal, report, [exc])
    db.commit()
    return _done(report, anchor)


@router.get("/{reference}", name="report_page")
def report_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_read),  # type: ignore[valid-type]
    reference: Ref,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return show(request, db, principal, report)


@router.post("/{reference}/state", name="report_state")
def report_state(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    to: Annotated[str, Form(max_length=20)],
    closed_reason: Annotated[str | None, Form(max_length=40)] = None,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return _attempt(
        request,
        db,
        principal,
        report,
        lambda: service.set_state(
            db=db, report=report, to=to, actor=principal, closed_reason=closed_reason or None
        ),
    )


def check_assign(principal: Principal, assignee_id: int | None) -> None:
    """Anyone who triages may take or release a report; assigning others is a supervisor's job."""
    if assignee_id not in (None, principal.user_id) and not principal.can(Permission.report_assign):
        raise HTTPException(status_code=403, detail="assigning to someone else needs report:assign")


@router.post("/{reference}/assign", name="report_assign")
def report_assign(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    assignee: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    assignee_id = principal.user_id if assignee == "me" else (int(assignee) if assignee.isdigit() else None)
    check_assign(principal, assignee_id)
    return _attempt(
        request,
        db,
        principal,
        report,
        lambda: service.assign(db=db, report=report, assignee_id=assignee_id, actor=principal),
    )


@router.post("/{reference}/override", name="report_override")
def report_override(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    field: Annotated[str, Form(max_length=16)],
    value: Annotated[str, Form(max_length=64)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return _attempt(
        request,
        db,
        principal,
        report,
        lambda: service.override(
            db=db, report=report, field=field, value=value, reason=reason, actor=principal
        ),
    )


@router.post("/{reference}/grade", name="report_grade")
def report_grade(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_grade),  # type: ignore[valid-type]
    reference: Ref,
    source_grade: Annotated[int | None, Form(ge=1, le=3)] = None,
    intel_grade: Annotated[str, Form(max_length=1)] = "",
    handling_code: Annotated[str, Form(max_length=1)] = "P",
    handling_conditions: Opt = None,
    reason: Opt = None,
    legacy_grade: Annotated[str | None, Form(max_length=8)] = None,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)

    def apply() -> None:
        if legacy_grade:
            grade_in = grading.from_5x5x5(legacy_grade)
        else:
            grade_in = grading.validate(
                source_grade=source_grade or 0,
                intel_grade=intel_grade,
                handling_code=handling_code,
                handling_conditions=handling_conditions,
            )
        service.grade(db=db, report=report, grade_in=grade_in, reason=reason, actor=principal)

    return _attempt(request, db, principal, report, apply, "#grade")


@router.post("/{reference}/actions", name="report_raise_action")
def report_raise_action(
    request: Request,
    db: DbSession,
    principal: requires(Permission.action_write),  # type: ignore[valid-type]
    reference: Ref,
    title: Annotated[str, Form(max_length=300)],
    description: Opt = None,
    assignee: Annotated[int | None, Form(ge=1)] = None,
    due: Annotated[str | None, Form(max_length=20)] = None,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)

    def apply() -> None:
        due_at = None
        if due:
            try:
                due_at = (
                    datetime.fromisoformat(due).replace(tzinfo=UTC)
                    if "T" in due
                    else datetime.fromisoformat(due + "T17:00").replace(tzinfo=UTC)
                )
            except ValueError:
                raise WorkflowError("due", "a date such as 2026-12-01") from None
        actions.raise_action(
            db=db,
            report=report,
            title=title,
            description=description,
            assignee_id=assignee,
            due_at=due_at,
            actor=principal,
        )

    return _attempt(request, db, principal, report, apply, "#actions")


@router.post("/{reference}/links/{suggestion_id}", name="report_link_decide")
def report_link_decide(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    suggestion_id: Annotated[int, Path(ge=1)],
    decision: Annotated[str, Form(max_length=10)],
    note: Opt = None,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return _attempt(
        request,
        db,
        principal,
        report,
        lambda: links.decide(
            db=db, report=report, suggestion_id=suggestion_id, decision=decision, note=note, actor=principal
        ),
        "#matches",
    )


@router.post("/{reference}/operation", name="report_link_operation")
def report_link_operation(
    request: Request,
    db: DbSession,
    principal: requires(Permission.operation_write),  # type: ignore[valid-type]
    reference: Ref,
    operation_id: Annotated[int, Form(ge=1)],
    close: Annotated[bool, Form()] = False,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    operation = get_visible_operation_or_404(db=db, viewer=principal, operation_id=operation_id)
    return _attempt(
        request,
        db,
        principal,
        report,
        lambda: actions.link_report(db=db, operation=operation, report=report, actor=principal, close=close),
    )
