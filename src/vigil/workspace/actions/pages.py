"""Action and operation pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.enums import Classification
from vigil.auth.marking import high_water_mark
from vigil.auth.models import User
from vigil.auth.permissions import Permission
from vigil.intake.models import Report
from vigil.web.deps import AppSettings, DbSession
from vigil.web.templates import render
from vigil.workspace.access import WorkflowError, get_visible_action_or_404, get_visible_operation_or_404
from vigil.workspace.actions import service

router = APIRouter(prefix="/workspace")
Id = Annotated[int, Path(ge=1)]
Opt = Annotated[str | None, Form(max_length=20_000)]


@router.get("/actions/{action_id}", name="action_page")
def action_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_read),  # type: ignore[valid-type]
    action_id: Id,
) -> Response:
    action = get_visible_action_or_404(db=db, viewer=principal, action_id=action_id)
    report = db.get(Report, action.report_id) if action.report_id else None
    result = db.get(Report, action.result_report_id) if action.result_report_id else None
    colleagues = list(db.scalars(select(User).where(User.organisation_id == principal.organisation_id)))
    record(db, tag=AuditTag.report_read, actor=principal.actor, object_type="action", object_id=action.id)
    db.commit()
    return render(
        request,
        "workspace/action.html",
        {
            "a": action,
            "report": report,
            "result": result,
            "colleagues": colleagues,
            "page_marking": action.classification,
            "errors": [],
        },
    )


@router.post("/actions/{action_id}", name="action_update")
def action_update(
    request: Request,
    db: DbSession,
    principal: requires(Permission.action_write),  # type: ignore[valid-type]
    action_id: Id,
    state: Annotated[str | None, Form(max_length=16)] = None,
    assignee: Annotated[int | None, Form(ge=1)] = None,
    result_text: Opt = None,
    result_as_report: Annotated[bool, Form()] = False,
) -> Response:
    action = get_visible_action_or_404(db=db, viewer=principal, action_id=action_id)
    try:
        service.update_action(
            db=db,
            action=action,
            state=state or None,
            assignee_id=assignee,
            result_text=result_text,
            result_as_report=result_as_report,
            actor=principal,
        )
    except WorkflowError as exc:
        db.rollback()
        return render(
            request,
            "workspace/action.html",
            {
                "a": action,
                "report": None,
                "result": None,
                "colleagues": [],
                "errors": [exc],
                "page_marking": action.classification,
            },
            status_code=422,
        )
    db.commit()
    return RedirectResponse(f"/workspace/actions/{action.id}", status_code=303)


@router.get("/operations", name="operations_page")
def operations_page(request: Request, db: DbSession, principal: requires(Permission.report_read)) -> Response:  # type: ignore[valid-type]
    operations = service.operations_for(db=db, viewer=principal)
    return render(
        request,
        "workspace/operations.html",
        {
            "operations": operations,
            "errors": [],
            "markings": [c.value for c in Classification.at_or_below(principal.clearance)],
            "page_marking": high_water_mark([o.classification for o in operations]).value
            if operations
            else None,
        },
    )


@router.post("/operations", name="operation_create")
def operation_create(
    request: Request,
    db: DbSession,
    settings: AppSettings,
    principal: requires(Permission.operation_write),  # type: ignore[valid-type]
    name: Annotated[str, Form(max_length=200)],
    description: Opt = None,
    classification: Annotated[str, Form(max_length=32)] = Classification.official_sensitive.value,
    handling_code: Annotated[str, Form(max_length=1)] = "P",
    handling_conditions: Opt = None,
) -> Response:
    try:
        operation = service.create_operation(
            db=db,
            name=name,
            description=description,
            classification=classification,
            handling_code=handling_code,
            handling_conditions=handling_conditions,
            actor=principal,
            max_classification=settings.max_classification,
        )
    except WorkflowError as exc:
        db.rollback()
        return render(
            request,
            "workspace/operations.html",
            {
                "operations": [],
                "errors": [exc],
                "markings": [c.value for c in Classification.at_or_below(principal.clearance)],
            },
            status_code=422,
        )
    db.commit()
    return RedirectResponse(f"/workspace/operations/{operation.id}", status_code=303)


@router.get("/operations/{operation_id}", name="operation_page")
def operation_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.report_read),  # type: ignore[valid-type]
    operation_id: Id,
) -> Response:
    operation = get_visible_operation_or_404(db=db, viewer=principal, operation_id=operation_id)
    reports, actions = service.operation_contents(db=db, operation=operation, viewer=principal)
    record(
        db,
        tag=AuditTag.report_read,
        actor=principal.actor,
        object_type="operation",
        object_id=operation.id,
        details={"reports": [r.id for r in reports]},
    )
    db.commit()
    marking = high_water_mark([operation.classification, *[r.classification for r in reports]]).value
    return render(
        request,
        "workspace/operation.html",
        {"o": operation, "reports": reports, "actions": actions, "page_marking": marking},
    )
