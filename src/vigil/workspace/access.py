"""Object-level access for the workspace: one helper per record type, 404 when not visible.

A record the user may not see is a 404, never a 403, so that its existence is not confirmed.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.auth.marking import Viewer, can_see
from vigil.intake.models import Report
from vigil.workspace.models import Action, Operation


class WorkflowError(ValueError):
    """A decision the rules refuse; shown to the user naming the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def workflow_error_response(exc: WorkflowError) -> JSONResponse:
    """A refused decision as the API's 422, in the same shape as a body that fails validation."""
    return JSONResponse(
        {"detail": "invalid input", "errors": [{"field": exc.field, "reason": exc.reason}]}, status_code=422
    )


def apply_decision(db: Session, fn: Callable[[], object]) -> JSONResponse | None:
    """Run a decision and commit it; if the rules refuse it, roll back and return the 422."""
    try:
        fn()
    except WorkflowError as exc:
        db.rollback()
        return workflow_error_response(exc)
    db.commit()
    return None


def not_found() -> HTTPException:
    return HTTPException(status_code=404, detail="not found")


def get_visible_report_or_404(*, db: Session, viewer: Viewer, reference: str) -> Report:
    report = db.scalar(select(Report).where(Report.reference == reference[:24]))
    if report is None or not can_see(db, viewer, report):  # type: ignore[arg-type]
        raise not_found()
    return report


def get_visible_operation_or_404(*, db: Session, viewer: Viewer, operation_id: int) -> Operation:
    operation = db.get(Operation, operation_id)
    if operation is None or not can_see(db, viewer, operation):  # type: ignore[arg-type]
        raise not_found()
    return operation


def get_visible_action_or_404(*, db: Session, viewer: Viewer, action_id: int) -> Action:
    action = db.get(Action, action_id)
    if action is None or not can_see(db, viewer, action):  # type: ignore[arg-type]
        raise not_found()
    return action
