"""Workflow on one report: state, assignment, overrides, grading. Services flush; callers commit.

Every change writes the report's history (``report_event``) and an audit event in the same
transaction, with the human who decided it (nothing here is automated: triage only proposes).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal
from vigil.auth.models import User
from vigil.intake.enums import ReportState
from vigil.intake.models import Report
from vigil.reference.models import RefForce
from vigil.triage.enums import Category, Urgency
from vigil.triage.models import TriageRecord
from vigil.workspace.access import WorkflowError
from vigil.workspace.enums import ClosedReason, EventKind, OverrideField
from vigil.workspace.history import log_event
from vigil.workspace.models import ReportGrade, TriageOverride
from vigil.workspace.queue.notify import notify_immediate
from vigil.workspace.reports.grading import Grade

URGENCY_RANK = {"immediate": 0, "high": 1, "standard": 2, "low": 3}
#: Allowed moves. Closing needs a reason; a closed report may be reopened for assessment.
TRANSITIONS: dict[str, set[str]] = {
    ReportState.new: {ReportState.in_assessment, ReportState.closed},
    ReportState.in_assessment: {ReportState.actioned, ReportState.closed},
    ReportState.actioned: {ReportState.in_assessment, ReportState.closed},
    ReportState.closed: {ReportState.in_assessment},
}
#: Closing reasons that send the report out of the unit: it must be graded first.
LEAVES_UNIT = {ClosedReason.passed_to_force}


def latest_triage(*, db: Session, report_id: int) -> TriageRecord | None:
    return db.scalar(
        select(TriageRecord)
        .where(TriageRecord.report_id == report_id)
        .order_by(TriageRecord.created_at.desc(), TriageRecord.id.desc())
        .limit(1)
    )


def is_graded(report: Report) -> bool:
    return report.intel_grade is not None


def set_state(
    *, db: Session, report: Report, to: str, actor: Principal, closed_reason: str | None = None
) -> Report:
    if to not in TRANSITIONS:
        raise WorkflowError("state", "unknown state")
    if to not in TRANSITIONS[report.state]:
        raise WorkflowError("state", f"a report cannot go from {report.state} to {to}")
    if to == ReportState.closed:
        if closed_reason not in ClosedReason.__members__:
            raise WorkflowError("closed_reason", "choose a closing reason")
        if closed_reason in LEAVES_UNIT and not is_graded(report):
            raise WorkflowError("grade", "grade the report (3x5x2) before it leaves the unit")
        report.closed_reason = closed_reason
    else:
        report.closed_reason = None
    previous = report.state
    report.state = to
    db.flush()
    summary = f"{previous} -> {to}" + (f" ({closed_reason})" if to == ReportState.closed else "")
    log_event(db, report_id=report.id, kind=EventKind.state, summary=summary, actor_id=actor.user_id)
    record(
        db,
        tag=AuditTag.report_update,
        actor=actor.actor,
        object_type="report",
        object_id=report.id,
        details={"state": [previous, to], "closed_reason": report.closed_reason},
    )
    return report


def start_assessment_if_new(*, db: Session, report: Report, actor: Principal) -> None:
    if report.state == ReportState.new:
        set_state(db=db, report=report, to=ReportState.in_assessment, actor=actor)


def assign(*, db: Session, report: Report, assignee_id: int | None, actor: Principal) -> Report:
    """Assign (or reassign, or release) a report to a colleague in the same organisation."""
    assignee = None
    if assignee_id is not None:
        assignee = db.get(User, assignee_id)
        if assignee is None or not assignee.is_active or assignee.organisation_id != actor.organisation_id:
            raise WorkflowError("assignee", "choose an active colleague in your organisation")
    previous = report.assignee_id
    report.assignee_id = assignee_id
    db.flush()
    summary = f"assigned to {assignee.display_name}" if assignee else "assignment released"
    log_event(
        db,
        report_id=report.id,
        kind=EventKind.assign,
        summary=summary,
        actor_id=actor.user_id,
        details={"from": previous, "to": assignee_id},
    )
    record(
        db,
        tag=AuditTag.report_assign,
        actor=actor.actor,
        object_type="report",
        object_id=report.id,
        details={"from": previous, "to": assignee_id},
    )
    return report


def _check_override_value(db: Session, field: str, value: str) -> None:
    if field == OverrideField.category and value not in {c.value for c in Category}:
        raise WorkflowError("value", "not a known category")
    if field == OverrideField.urgency and value not in {u.value for u in Urgency}:
        raise WorkflowError("value", "urgency must be immediate, high, standard or low")
    if field == OverrideField.force_slug and db.get(RefForce, value) is None:
        raise WorkflowError("value", "not a known force")


def override(
    *, db: Session, report: Report, field: str, value: str, reason: str, actor: Principal
) -> TriageOverride:
    """Replace one triage field with the analyst's value; the engine's stays beside it."""
    if field not in OverrideField.__members__:
        raise WorkflowError("field", "only category, urgency or force can be overridden")
    reason = reason.strip()
    if not reason:
        raise WorkflowError("reason", "say why you are overriding the triage result")
    _check_override_value(db, field, value)
    engine = latest_triage(db=db, report_id=report.id)
    previous = getattr(report, field)
    row = TriageOverride(
        report_id=report.id,
        field=field,
        engine_value=getattr(engine, field) if engine else None,
        previous_value=previous,
        value=value,
        reason=reason[:2000],
        decided_by_id=actor.user_id,
    )
    db.add(row)
    setattr(report, field, value)
    if field == OverrideField.urgency:
        report.urgency_rank = URGENCY_RANK[value]
    if field == OverrideField.force_slug:
        force = db.get(RefForce, value)
        report.ct_region = force.ct_region if force else report.ct_region
    db.flush()
    if field == OverrideField.urgency and value == "immediate":
        notify_immediate(db, report)
    log_event(
        db,
        report_id=report.id,
        kind=EventKind.override,
        summary=f"{field}: {previous} -> {value}",
        actor_id=actor.user_id,
        details={"field": field, "engine": row.engine_value, "reason": row.reason},
    )
    record(
        db,
        tag=AuditTag.report_triage,
        actor=actor.actor,
        object_type="report",
        object_id=report.id,
        details={"override": field, "from": previous, "to": value, "engine": row.engine_value},
    )
    return row


def grade(
    *, db: Session, report: Report, grade_in: Grade, reason: str | None, actor: Principal
) -> ReportGrade:
    """Grade or re-grade (3x5x2). Each grading is kept and audited with what it replaced."""
    regrade = is_graded(report)
    before = f"{report.source_grade}{report.intel_grade or '-'}{report.handling_code}"
    if regrade and not (reason or "").strip():
        raise WorkflowError("reason", "say why you are re-grading")
    row = ReportGrade(
        report_id=report.id,
        source_grade=grade_in.source_grade,
        intel_grade=grade_in.intel_grade,
        handling_code=grade_in.handling_code,
        handling_conditions=grade_in.handling_conditions,
        imported_from=grade_in.imported_from,
        reason=(reason or "").strip()[:2000] or None,
        graded_by_id=actor.user_id,
    )
    db.add(row)
    report.source_grade = grade_in.source_grade
    report.intel_grade = grade_in.intel_grade
    report.handling_code = grade_in.handling_code
    report.handling_conditions = grade_in.handling_conditions
    db.flush()
    verb = "re-graded" if regrade else "graded"
    log_event(
        db,
        report_id=report.id,
        kind=EventKind.grade,
        summary=f"{verb} {grade_in.code}" + (f" (was {before})" if regrade else ""),
        actor_id=actor.user_id,
        details={"imported_from": grade_in.imported_from},
    )
    record(
        db,
        tag=AuditTag.report_grade,
        actor=actor.actor,
        object_type="report",
        object_id=report.id,
        details={"from": before if regrade else None, "to": grade_in.code, "regrade": regrade},
    )
    start_assessment_if_new(db=db, report=report, actor=actor)
    return row
