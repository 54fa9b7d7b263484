"""Job glue: load a report's context, run the triage engine, store the result.

The handler is idempotent: a result for the report by the same engine version is never
stored twice (a job re-run after a lost lease changes nothing), while a new engine version
adds a record beside the old ones.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import SYSTEM, record
from vigil.intake.models import Report, ReportFollowup
from vigil.jobs.worker import JobContext
from vigil.triage.models import TriageRecord
from vigil.triage.pipeline import ENGINE_VERSION, triage_for_index
from vigil.triage.schemas import TriageInput
from vigil.triage.store import results
from vigil.triage.store.context import ContextBuilder
from vigil.workspace.queue.notify import notify_immediate

_contexts = ContextBuilder()


def triage_input(report: Report, followups: list[str] | None = None) -> TriageInput:
    pin = (
        (report.latitude, report.longitude)
        if report.latitude is not None and report.longitude is not None
        else None
    )
    location = " ".join(p for p in (report.location_text, report.postcode) if p)
    text = "\n\n".join([report.description, *(followups or [])])
    return TriageInput(
        text=text,
        submitted_at=report.submitted_at,
        report_id=str(report.id),
        channel=report.channel,
        location_text=location,
        pin=pin,
    )


def triage_report(db: Session, payload: dict[str, Any], _context: JobContext) -> None:
    report = db.get(Report, int(payload["report_id"]))
    if report is None:
        return
    version = ENGINE_VERSION
    # A follow-up from the reporter adds a result that reads the new information too; a re-run
    # of the same job (after a lost lease) or of the same engine on the same input adds nothing.
    trigger = f"followup:{int(payload['followup_id'])}" if payload.get("reason") == "followup" else "intake"
    done = db.scalar(
        select(TriageRecord.id).where(
            TriageRecord.report_id == report.id,
            TriageRecord.engine_version == version,
            TriageRecord.trigger == trigger,
        )
    )
    if done is not None:
        return
    followups = list(
        db.scalars(
            select(ReportFollowup.text)
            .where(ReportFollowup.report_id == report.id)
            .order_by(ReportFollowup.id)
        )
    )
    context = _contexts.build(db, report_id=report.id)
    triaged = triage_for_index(triage_input(report, followups), context=context)
    stored = results.store(db, report=report, result=triaged.result, trigger=trigger)
    if context.link_index is not None:
        context.link_index.add(triaged.link_record)
    if report.urgency == "immediate":
        notify_immediate(db, report)  # page the duty supervisors now, not at their next page load
    record(
        db,
        tag=AuditTag.report_triage,
        actor=SYSTEM,
        object_type="report",
        object_id=report.id,
        details={
            "engine_version": version,
            "category": stored.category,
            "urgency": stored.urgency,
            "force": stored.force_slug,
            "triage_record": stored.id,
            "trigger": trigger,
        },
    )
