"""Job glue: load a report's context, run the triage engine, store the result.

The handler is idempotent: a result for the report by the same engine version is never
stored twice (a job re-run after a lost lease changes nothing), while a new engine version
adds a record beside the old ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import SYSTEM, record
from vigil.intake.models import Report, ReportFollowup
from vigil.jobs.worker import JobContext, TwoPhase
from vigil.triage.models import TriageRecord
from vigil.triage.pipeline import Triaged, engine_version, triage_for_index
from vigil.triage.schemas import TriageInput
from vigil.triage.store import results
from vigil.triage.store.context import ContextBuilder
from vigil.triage.store.link_index import SqlLinkIndex
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


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the read phase worked out: the engine's result for one report and trigger."""

    report_id: int
    trigger: str
    triaged: Triaged
    version: str


def _trigger(payload: dict[str, Any]) -> str:
    # A follow-up from the reporter adds a result that reads the new information too; a re-run
    # of the same job (after a lost lease) or of the same engine on the same input adds nothing.
    return f"followup:{int(payload['followup_id'])}" if payload.get("reason") == "followup" else "intake"


def _already_done(db: Session, report_id: int, trigger: str, version: str) -> bool:
    found = db.scalar(
        select(TriageRecord.id).where(
            TriageRecord.report_id == report_id,
            TriageRecord.engine_version == version,
            TriageRecord.trigger == trigger,
        )
    )
    return found is not None


def _classifier_name(context: JobContext | None) -> str:
    """``VIGIL_TRIAGE_CLASSIFIER`` (rules unless the deployment chose the ml extra's model)."""
    return str(getattr(getattr(context, "settings", None), "triage_classifier", "rules"))


def prepare(db: Session, payload: dict[str, Any], job: JobContext) -> Prepared | None:
    """The slow part, reads only: the report, its follow-ups, its context and the engine run
    (the link index is searched here). ``None`` when there is nothing to do."""
    report = db.get(Report, int(payload["report_id"]))
    trigger = _trigger(payload)
    if report is None:
        return None
    context = _contexts.build(db, report_id=report.id, classifier=_classifier_name(job))
    version = engine_version(context)
    if _already_done(db, report.id, trigger, version):
        return None
    followups = list(
        db.scalars(
            select(ReportFollowup.text)
            .where(ReportFollowup.report_id == report.id)
            .order_by(ReportFollowup.id)
        )
    )
    triaged = triage_for_index(triage_input(report, followups), context=context)
    return Prepared(report_id=report.id, trigger=trigger, triaged=triaged, version=version)


def store(db: Session, _payload: dict[str, Any], _context: JobContext, prepared: Prepared | None) -> None:
    """The write phase, in the job's transaction: the result, the report's index entry, the
    duty supervisors' page for an immediate, and the audit event. Checked again for a result
    stored since the read phase (another worker that re-ran the job after a lost lease)."""
    if prepared is None:
        return
    report = db.get(Report, prepared.report_id)
    if report is None or _already_done(db, report.id, prepared.trigger, prepared.version):
        return
    version, trigger, triaged = prepared.version, prepared.trigger, prepared.triaged
    stored = results.store(db, report=report, result=triaged.result, trigger=trigger)
    SqlLinkIndex(db).add(triaged.link_record)
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


#: The ``triage.report`` job: triage runs outside the write transaction (on SQLite it would
#: otherwise hold the one write lock, and intake's writer with it, for the whole engine run).
triage_report = TwoPhase(prepare=prepare, apply=store)


def preload(settings: Any) -> None:
    """Load the configured classifier now (at worker start-up), so a deployment that asks for
    the ml extra's model without installing it fails at once, with the reason, not per job."""
    _contexts.classifier(str(getattr(settings, "triage_classifier", "rules")))
