"""The workspace JSON API: the same operations as the pages, through the same services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.permissions import Permission
from vigil.intake.models import Report
from vigil.web.deps import DbSession
from vigil.workspace.access import apply_decision, get_visible_report_or_404, not_found
from vigil.workspace.actions import service as actions
from vigil.workspace.deps import QueueFilterDep, filter_details
from vigil.workspace.queue import service as queue
from vigil.workspace.reports import grading, links, service, view
from vigil.workspace.reports.pages import check_assign
from vigil.workspace.schemas import ActionIn, AssignIn, GradeIn, LinkDecisionIn, OverrideIn, StateIn
from vigil.workspace.search import service as search

router = APIRouter(prefix="/api/v1/workspace", tags=["workspace"])
Ref = Annotated[str, Path(max_length=24)]


def summary(r: Report) -> dict[str, Any]:
    return {
        "reference": r.reference,
        "state": r.state,
        "urgency": r.urgency,
        "category": r.category,
        "score": r.score,
        "force": r.force_slug,
        "ct_region": r.ct_region,
        "submitted_at": r.submitted_at.isoformat(),
        "classification": r.classification,
        "handling_code": r.handling_code,
        "assignee_id": r.assignee_id,
        "grade": f"{r.source_grade}{r.intel_grade}{r.handling_code}" if r.intel_grade else None,
        "closed_reason": r.closed_reason,
        "description": r.description,
    }


def _apply(db: Session, report: Report, fn: Callable[[], object]) -> Response:
    return apply_decision(db, fn) or JSONResponse(summary(report))


@router.get("/queue", name="api_queue")
def api_queue(
    db: DbSession,
    principal: requires(Permission.queue_read),  # type: ignore[valid-type]
    filter_in: QueueFilterDep,
) -> Response:
    reports = queue.queue(db=db, viewer=principal, filter_in=filter_in)
    counts = queue.counts_by_urgency(db=db, viewer=principal, filter_in=filter_in)
    record(
        db,
        tag=AuditTag.report_search if filter_in.q else AuditTag.report_list,
        actor=principal.actor,
        object_type="report",
        details={**filter_details(filter_in), "shown": [r.id for r in reports]},
    )
    db.commit()
    return JSONResponse({"counts": counts, "reports": [summary(r) for r in reports]})


@router.get("/reports/{reference}", name="api_report")
def api_report(db: DbSession, principal: requires(Permission.report_read), reference: Ref) -> Response:  # type: ignore[valid-type]
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    v = view.build(db=db, report=report, viewer=principal)
    record(db, tag=AuditTag.report_read, actor=principal.actor, object_type="report", object_id=report.id)
    db.commit()
    return JSONResponse(
        {
            **summary(report),
            "entities": [{"id": e.id, "kind": e.kind, "value": e.value} for e in v.entities],
            "triage": None
            if v.triage is None
            else {
                "engine_version": v.triage.engine_version,
                "category": v.triage.category,
                "urgency": v.triage.urgency,
                "score": v.triage.score,
                "reasons": v.triage.reasons,
                "force": v.triage.force_slug,
            },
            "overrides": [
                {"field": o.field, "engine": o.engine_value, "value": o.value, "reason": o.reason}
                for o in v.overrides
            ],
            "matches": [
                {
                    "suggestion_id": m.suggestion.id,
                    "kind": m.suggestion.kind,
                    "status": m.suggestion.status,
                    "other": m.other.reference,
                    "score": m.suggestion.score,
                }
                for m in v.matches
            ],
            "duplicate_of": v.primary.reference if v.primary else None,
            "duplicates": [r.reference for r in v.duplicates],
            "actions": [{"id": a.id, "title": a.title, "state": a.state} for a in v.actions],
            "history": [{"at": e.at.isoformat(), "kind": e.kind, "summary": e.summary} for e in v.events],
            "marking": v.page_marking,
        }
    )


@router.post("/reports/{reference}/state", name="api_report_state")
def api_state(
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    body: StateIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return _apply(
        db,
        report,
        lambda: service.set_state(
            db=db, report=report, to=body.to, actor=principal, closed_reason=body.closed_reason
        ),
    )


@router.post("/reports/{reference}/assign", name="api_report_assign")
def api_assign(
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    body: AssignIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    check_assign(principal, body.assignee_id)
    return _apply(
        db,
        report,
        lambda: service.assign(db=db, report=report, assignee_id=body.assignee_id, actor=principal),
    )


@router.post("/reports/{reference}/override", name="api_report_override")
def api_override(
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    body: OverrideIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return _apply(
        db,
        report,
        lambda: service.override(
            db=db, report=report, field=body.field, value=body.value, reason=body.reason, actor=principal
        ),
    )


@router.post("/reports/{reference}/grade", name="api_report_grade")
def api_grade(
    db: DbSession,
    principal: requires(Permission.report_grade),  # type: ignore[valid-type]
    reference: Ref,
    body: GradeIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)

    def apply() -> None:
        grade_in = (
            grading.from_5x5x5(body.legacy_grade)
            if body.legacy_grade
            else grading.validate(
                source_grade=body.source_grade or 0,
                intel_grade=body.intel_grade or "",
                handling_code=body.handling_code,
                handling_conditions=body.handling_conditions,
            )
        )
        service.grade(db=db, report=report, grade_in=grade_in, reason=body.reason, actor=principal)

    return _apply(db, report, apply)


@router.post("/reports/{reference}/actions", name="api_report_action")
def api_action(
    db: DbSession,
    principal: requires(Permission.action_write),  # type: ignore[valid-type]
    reference: Ref,
    body: ActionIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return _apply(
        db,
        report,
        lambda: actions.raise_action(
            db=db,
            report=report,
            title=body.title,
            description=body.description,
            assignee_id=body.assignee_id,
            due_at=body.due_at,
            actor=principal,
        ),
    )


@router.post("/reports/{reference}/links/{suggestion_id}", name="api_report_link")
def api_link(
    db: DbSession,
    principal: requires(Permission.report_triage),  # type: ignore[valid-type]
    reference: Ref,
    suggestion_id: Annotated[int, Path(ge=1)],
    body: LinkDecisionIn,
) -> Response:
    report = get_visible_report_or_404(db=db, viewer=principal, reference=reference)
    return _apply(
        db,
        report,
        lambda: links.decide(
            db=db,
            report=report,
            suggestion_id=suggestion_id,
            decision=body.decision,
            note=body.note,
            actor=principal,
        ),
    )


@router.get("/search", name="api_search")
def api_search(
    db: DbSession,
    principal: requires(Permission.queue_read),  # type: ignore[valid-type]
    filter_in: QueueFilterDep,
) -> Response:
    reports = search.search_reports(db=db, viewer=principal, filter_in=filter_in) if filter_in.q else []
    entities = search.search_entities(db=db, viewer=principal, q=filter_in.q) if filter_in.q else []
    record(
        db,
        tag=AuditTag.report_search,
        actor=principal.actor,
        object_type="report",
        details={**filter_details(filter_in), "shown": [r.id for r in reports]},
    )
    db.commit()
    return JSONResponse(
        {
            "reports": [summary(r) for r in reports],
            "entities": [{"id": e.id, "kind": e.kind, "value": e.value} for e in entities],
        }
    )


@router.get("/entities/{entity_id}", name="api_entity")
def api_entity(
    db: DbSession,
    principal: requires(Permission.entity_read),  # type: ignore[valid-type]
    entity_id: Annotated[int, Path(ge=1)],
) -> Response:
    reports = search.entity_reports(db=db, viewer=principal, entity_id=entity_id)
    if not reports:
        raise not_found()
    operations = search.operations_of(db=db, viewer=principal, report_ids=[r.id for r in reports])
    record(
        db,
        tag=AuditTag.entity_read,
        actor=principal.actor,
        object_type="entity",
        object_id=entity_id,
        details={"reports": [r.id for r in reports]},
    )
    db.commit()
    return JSONResponse(
        {
            "reports": [summary(r) for r in reports],
            "operations": [{"id": o.id, "name": o.name} for o in operations],
        }
    )
