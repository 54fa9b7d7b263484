"""Possible matches: an analyst confirms, rejects or splits what triage suggested.

Confirming a duplicate makes it join its primary's thread (a ``report_link`` row); both reports
keep their own text. A rejection is remembered on the suggestion (status ``rejected``) and the
queue never shows it again. Splitting undoes a confirmed link and is remembered the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal
from vigil.auth.marking import visible_clause
from vigil.db.types import utcnow
from vigil.intake.models import Report
from vigil.triage.models import LinkSuggestion
from vigil.workspace.access import WorkflowError
from vigil.workspace.enums import EventKind, LinkKind, SuggestionStatus
from vigil.workspace.history import log_event
from vigil.workspace.models import ReportLink

DECISIONS = ("confirm", "reject", "split")


@dataclass(frozen=True, slots=True)
class Match:
    suggestion: LinkSuggestion
    other: Report


def _other_id(s: LinkSuggestion, report_id: int) -> int:
    return s.other_report_id if s.report_id == report_id else s.report_id


def matches_for(*, db: Session, report: Report, viewer: Principal) -> list[Match]:
    """Suggestions and confirmed links touching this report, where the other side is visible."""
    suggestions = list(
        db.scalars(
            select(LinkSuggestion)
            .where(or_(LinkSuggestion.report_id == report.id, LinkSuggestion.other_report_id == report.id))
            .where(LinkSuggestion.status.in_([SuggestionStatus.suggested, SuggestionStatus.confirmed]))
            .order_by(LinkSuggestion.score.desc())
        )
    )
    ids = {_other_id(s, report.id) for s in suggestions}
    others = {
        r.id: r for r in db.scalars(select(Report).where(Report.id.in_(ids), visible_clause(Report, viewer)))
    }
    return [
        Match(s, others[_other_id(s, report.id)]) for s in suggestions if _other_id(s, report.id) in others
    ]


def thread(
    *, db: Session, report: Report, viewer: Principal
) -> tuple[Report | None, list[Report], list[Report]]:
    """(primary this report duplicates, duplicates of this report, related reports), visible only."""
    links = list(
        db.scalars(
            select(ReportLink).where(
                or_(ReportLink.report_id == report.id, ReportLink.other_report_id == report.id)
            )
        )
    )
    ids = {link.report_id for link in links} | {link.other_report_id for link in links}
    visible = {
        r.id: r for r in db.scalars(select(Report).where(Report.id.in_(ids), visible_clause(Report, viewer)))
    }
    primary = None
    duplicates: list[Report] = []
    related: list[Report] = []
    for link in links:
        if link.kind == LinkKind.duplicate and link.report_id == report.id:
            primary = visible.get(link.other_report_id)
        elif link.kind == LinkKind.duplicate and link.report_id in visible:
            duplicates.append(visible[link.report_id])
        else:
            other = link.other_report_id if link.report_id == report.id else link.report_id
            if other in visible:
                related.append(visible[other])
    return primary, duplicates, related


def decide(
    *, db: Session, report: Report, suggestion_id: int, decision: str, note: str | None, actor: Principal
) -> LinkSuggestion:
    suggestion = db.get(LinkSuggestion, suggestion_id)
    if suggestion is None or report.id not in (suggestion.report_id, suggestion.other_report_id):
        raise WorkflowError("suggestion", "no such possible match on this report")
    other = db.scalar(
        select(Report).where(Report.id == _other_id(suggestion, report.id), visible_clause(Report, actor))
    )
    if other is None:  # the other side is not visible: as if the suggestion did not exist
        raise WorkflowError("suggestion", "no such possible match on this report")
    if decision not in DECISIONS:
        raise WorkflowError("decision", "confirm, reject or split")
    # The newer report is the duplicate; it joins the older one's thread.
    first, second = sorted((report, other), key=lambda r: (r.submitted_at, r.id))
    pair = [(second.id, first.id), (first.id, second.id)]
    if decision == "confirm":
        if suggestion.status != SuggestionStatus.suggested:
            raise WorkflowError("decision", "this match has already been decided")
        db.add(
            ReportLink(
                report_id=second.id,
                other_report_id=first.id,
                kind=suggestion.kind,
                created_by_id=actor.user_id,
            )
        )
        suggestion.status = SuggestionStatus.confirmed
    elif decision == "reject":
        if suggestion.status != SuggestionStatus.suggested:
            raise WorkflowError("decision", "only a suggested match can be rejected; split a confirmed one")
        suggestion.status = SuggestionStatus.rejected
    else:
        if suggestion.status != SuggestionStatus.confirmed:
            raise WorkflowError("decision", "only a confirmed link can be split")
        for a, b in pair:
            db.execute(delete(ReportLink).where(ReportLink.report_id == a, ReportLink.other_report_id == b))
        suggestion.status = SuggestionStatus.separated
    suggestion.decided_by_id = actor.user_id
    suggestion.decided_at = utcnow()
    suggestion.decision_note = (note or "").strip()[:2000] or None
    db.flush()
    for r, o in ((report, other), (other, report)):
        log_event(
            db,
            report_id=r.id,
            kind=EventKind.link,
            summary=f"{suggestion.kind} {o.reference}: {decision}",
            actor_id=actor.user_id,
        )
    record(
        db,
        tag=AuditTag.link_decide,
        actor=actor.actor,
        object_type="report",
        object_id=report.id,
        details={
            "suggestion": suggestion.id,
            "other": other.id,
            "kind": suggestion.kind,
            "decision": decision,
        },
    )
    return suggestion
