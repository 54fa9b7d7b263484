"""Actions and operations. Services flush; the request handler commits.

An action inherits the marking and owner of what it was raised from. Its result may be a new
report (the message -> action -> result loop): that report is stored through intake, so it is
triaged like any other, and owned and marked like the action that produced it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal
from vigil.auth.enums import Classification
from vigil.auth.marking import can_see, visible_clause
from vigil.auth.models import User
from vigil.db.types import utcnow
from vigil.intake import service as intake
from vigil.intake.enums import Channel, ReportState, ReportType
from vigil.intake.models import Report
from vigil.intake.schemas import ReportCreate
from vigil.workspace.access import WorkflowError
from vigil.workspace.enums import ActionState, ClosedReason, EventKind, OperationState
from vigil.workspace.history import log_event
from vigil.workspace.models import Action, Operation, OperationReport
from vigil.workspace.reports.service import start_assessment_if_new


def _colleague(db: Session, actor: Principal, user_id: int | None) -> int | None:
    if user_id is None:
        return None
    user = db.get(User, user_id)
    if user is None or not user.is_active or user.organisation_id != actor.organisation_id:
        raise WorkflowError("assignee", "choose an active colleague in your organisation")
    return user.id


def raise_action(
    *,
    db: Session,
    report: Report,
    title: str,
    description: str | None,
    assignee_id: int | None,
    due_at: datetime | None,
    actor: Principal,
) -> Action:
    title = title.strip()
    if not title:
        raise WorkflowError("title", "say what needs doing")
    action = Action(
        title=title[:300],
        description=(description or "").strip() or None,
        source="report",
        report_id=report.id,
        assignee_id=_colleague(db, actor, assignee_id),
        due_at=due_at,
        state=ActionState.open,
        created_by_id=actor.user_id,
        classification=report.classification,
        handling_code=report.handling_code,
        handling_conditions=report.handling_conditions,
        owner_org_id=report.owner_org_id,
    )
    db.add(action)
    db.flush()
    start_assessment_if_new(db=db, report=report, actor=actor)
    if report.state == ReportState.in_assessment:
        report.state = ReportState.actioned
    log_event(
        db,
        report_id=report.id,
        kind=EventKind.action,
        summary=f"action raised: {action.title}",
        actor_id=actor.user_id,
    )
    record(
        db,
        tag=AuditTag.action_write,
        actor=actor.actor,
        object_type="action",
        object_id=action.id,
        details={"report": report.id, "created": True},
    )
    return action


def update_action(
    *,
    db: Session,
    action: Action,
    state: str | None,
    assignee_id: int | None,
    result_text: str | None,
    result_as_report: bool,
    actor: Principal,
) -> Action:
    """Allocate, move on, or record the result (optionally as a new report)."""
    if state is not None and state not in ActionState.__members__:
        raise WorkflowError("state", "open, in_progress, done or cancelled")
    if assignee_id is not None:
        action.assignee_id = _colleague(db, actor, assignee_id)
    if result_text is not None and result_text.strip():
        action.result_text = result_text.strip()[:20_000]
        if result_as_report and action.result_report_id is None:
            new, _code = intake.create(
                db=db,
                report_in=ReportCreate(
                    report_type=ReportType.suspicious_activity, description=action.result_text
                ),
                channel=Channel.phone,
                actor=actor.actor,
            )
            new.owner_org_id = action.owner_org_id
            new.classification = action.classification
            action.result_report_id = new.id
    if state is not None:
        action.state = state
        action.completed_at = utcnow() if state in (ActionState.done, ActionState.cancelled) else None
    db.flush()
    if action.report_id is not None:
        log_event(
            db,
            report_id=action.report_id,
            kind=EventKind.action,
            summary=f"action '{action.title[:80]}' {action.state}",
            actor_id=actor.user_id,
        )
    record(
        db,
        tag=AuditTag.action_write,
        actor=actor.actor,
        object_type="action",
        object_id=action.id,
        details={
            "state": action.state,
            "assignee": action.assignee_id,
            "result_report": action.result_report_id,
        },
    )
    return action


def create_operation(
    *,
    db: Session,
    name: str,
    description: str | None,
    classification: str,
    handling_code: str,
    handling_conditions: str | None,
    actor: Principal,
    max_classification: str,
) -> Operation:
    name = name.strip()
    if not name:
        raise WorkflowError("name", "give the operation a name")
    if classification not in {c.value for c in Classification}:
        raise WorkflowError("classification", "not a marking")
    marking = Classification(classification)
    if marking.rank > actor.clearance.rank or marking.rank > Classification(max_classification).rank:
        raise WorkflowError("classification", "above your clearance or this deployment's ceiling")
    if handling_code not in ("P", "C") or (handling_code == "C" and not (handling_conditions or "").strip()):
        raise WorkflowError("handling_code", "P, or C with its conditions")
    operation = Operation(
        name=name[:200],
        description=(description or "").strip() or None,
        state=OperationState.open,
        created_by_id=actor.user_id,
        classification=marking.value,
        handling_code=handling_code,
        handling_conditions=(handling_conditions or "").strip() or None if handling_code == "C" else None,
        owner_org_id=actor.organisation_id,
    )
    db.add(operation)
    db.flush()
    record(
        db,
        tag=AuditTag.operation_write,
        actor=actor.actor,
        object_type="operation",
        object_id=operation.id,
        details={"created": True, "classification": marking.value},
    )
    return operation


def link_report(*, db: Session, operation: Operation, report: Report, actor: Principal, close: bool) -> None:
    """Group a report into an operation. The operation is marked at least as high as its parts."""
    if Classification(report.classification).rank > Classification(operation.classification).rank:
        raise WorkflowError(
            "operation", "the report is marked above the operation: raise the operation's marking first"
        )
    if not can_see(db, actor, report) or not can_see(db, actor, operation):  # type: ignore[arg-type]
        raise WorkflowError("operation", "not found")
    if db.get(OperationReport, (operation.id, report.id)) is None:
        db.add(OperationReport(operation_id=operation.id, report_id=report.id, linked_by_id=actor.user_id))
    db.flush()
    log_event(
        db,
        report_id=report.id,
        kind=EventKind.operation,
        summary=f"linked to operation {operation.name}",
        actor_id=actor.user_id,
        details={"operation": operation.id},
    )
    record(
        db,
        tag=AuditTag.operation_write,
        actor=actor.actor,
        object_type="operation",
        object_id=operation.id,
        details={"report": report.id},
    )
    if close and report.state != ReportState.closed:
        from vigil.workspace.reports.service import set_state  # noqa: PLC0415

        start_assessment_if_new(db=db, report=report, actor=actor)
        set_state(
            db=db,
            report=report,
            to=ReportState.closed,
            actor=actor,
            closed_reason=ClosedReason.linked_to_operation,
        )


def operation_contents(
    *, db: Session, operation: Operation, viewer: Principal
) -> tuple[list[Report], list[Action]]:
    """The operation's reports and actions that this viewer may see."""
    reports = list(
        db.scalars(
            select(Report)
            .join(OperationReport, OperationReport.report_id == Report.id)
            .where(OperationReport.operation_id == operation.id, visible_clause(Report, viewer))
            .order_by(Report.submitted_at)
        )
    )
    report_ids = [r.id for r in reports]
    actions = list(
        db.scalars(
            select(Action)
            .where(visible_clause(Action, viewer))
            .where((Action.operation_id == operation.id) | Action.report_id.in_(report_ids))
            .order_by(Action.id)
        )
    )
    return reports, actions


def operations_for(*, db: Session, viewer: Principal, report_id: int | None = None) -> list[Operation]:
    stmt = select(Operation).where(visible_clause(Operation, viewer)).order_by(Operation.id.desc()).limit(200)
    if report_id is not None:
        stmt = stmt.join(OperationReport, OperationReport.operation_id == Operation.id).where(
            OperationReport.report_id == report_id
        )
    return list(db.scalars(stmt))
