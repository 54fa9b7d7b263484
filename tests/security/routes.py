"""The inventory of write routes: for each, who may call it, a minimal valid request, and the
models it writes. The extra fields a test tries are derived from those models (every mapped
column and relationship, plus the acting user's, organisation's and sharing rows'), never
listed by hand; a write route missing from ``ROUTES`` fails the inventory test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.params import Form
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import inspect

from tests.factories import intake as reports
from tests.security.conftest import ASSESSMENT_AREAS, World
from vigil.audit.models import AuditEvent
from vigil.auth.marking import RecordShare
from vigil.auth.models import ApiToken, Organisation, User, UserRole, UserSession
from vigil.intake.form import STEPS
from vigil.intake.models import Attachment, Report, ReportContact, ReportDraft, ReportFollowup
from vigil.intake.staff_pages import CALL_FIELDS
from vigil.jobs.models import Job
from vigil.protect.models import (
    PersonNote,
    Premises,
    ProtectedHome,
    ProtectedPerson,
    RiskLevelChange,
    Surgery,
    Venue,
)
from vigil.protect.programmes.models import Assessment, Recommendation, Review, ReviewEvent, ReviewProgramme
from vigil.retention.models import DisposedReport, RetentionDecision, RetentionRun
from vigil.threat_level.models import ThreatLevel
from vigil.web.routes import iter_routes
from vigil.workspace.models import (
    Action,
    Notification,
    Operation,
    OperationReport,
    ReportEvent,
    ReportGrade,
    ReportLink,
    TriageOverride,
)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

#: Who is acting, in which organisation, with what rights: a write route must never let the
#: body name any of these, whatever the route writes.
ALWAYS = (User, UserRole, Organisation, RecordShare)

Fill = Callable[[World], dict[str, Any]]


def _none(_w: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class RouteCase:
    method: str
    path: str
    persona: str | None  # None: a public route
    models: tuple[type, ...]  # what the route writes
    params: Fill = _none  # path parameters
    body: Fill = _none  # the minimal valid body (JSON, or form fields)
    headers: Fill = _none
    steps: tuple[tuple[str, dict[str, str]], ...] = ()  # form pages to post first (the public form)
    reads: tuple[str, ...] = ()  # the fields a route that reads the form itself takes
    changes: bool = True  # the valid request writes something a user would notice

    def url(self, w: World) -> str:
        return self.path.format(**self.params(w))


def _report(w: World) -> dict[str, Any]:
    return {"reference": w.beds}


def _due(w: World) -> dict[str, Any]:
    return {"reference": w.due}


_PUBLIC_FORM = (("/report", {"emergency_now": "no"}),)
_PUBLIC_FORM_TO_CHECK = (
    *_PUBLIC_FORM,
    ("/report/type", {"report_type": "suspicious_activity"}),
    ("/report/details", {"description": "A man photographing the barriers for twenty minutes."}),
    ("/report/when", {"observed_date": "2026-01-20", "observed_time": "14:30"}),
    ("/report/where", {"location_text": "Bedford station"}),
    ("/report/who", {}),
    ("/report/files", {}),
    ("/report/contact", {}),
)
#: What the public form's pages read (every step's fields), and the assessment checklist's.
_FORM_FIELDS = tuple(name for step in STEPS for name in step.fields)
_CHECKLIST_FIELDS = (
    "assessed_on",
    "summary",
    *(f"{a}_{p}" for a in ASSESSMENT_AREAS for p in ("rating", "findings")),
)
_AREAS = {a: {"rating": "adequate", "findings": ""} for a in ASSESSMENT_AREAS}
_TODAY = str(date.today())
_REPORT_WRITES = (Report, ReportEvent, ReportGrade, TriageOverride, ReportLink, OperationReport, Action)
#: A retention decision touches the report (its review date, its hold; a disposal replaces it
#: with a stub), and every decision is a row of its own.
_RETENTION_WRITES = (Report, RetentionDecision, DisposedReport)
#: Accepting the clock records a run and queues the next scheduled review.
_CLOCK_WRITES = (RetentionRun, Job)
_NEXT_REVIEW = date.today() + timedelta(days=365)
_RECOMMENDATION = {"text": "Fit a door entry system", "owner": "parliament_security", "due_on": _TODAY}

ROUTES: dict[str, RouteCase] = {
    # ---- public and sign-in
    "login": RouteCase(
        "POST",
        "/login",
        None,
        (User, UserSession, ApiToken),
        body=lambda w: {"username": "asha", "password": "correct horse battery staple"},
    ),
    "logout": RouteCase("POST", "/logout", None, (UserSession,), changes=False),
    "api_create_report": RouteCase(
        "POST",
        "/api/v1/reports",
        None,
        (Report, ReportContact, Attachment, ReportFollowup),
        body=lambda w: reports.payload(description="A van has been parked by the substation gates all week."),
    ),
    "api_report_followup": RouteCase(
        "POST",
        "/api/v1/reports/{reference}/followups",
        None,
        (ReportFollowup, Report),
        params=lambda w: {"reference": w.followup_reference},
        body=lambda w: {"text": "The van came back today."},
        headers=lambda w: {"X-Followup-Code": w.followup_code},
    ),
    "report_start_post": RouteCase(
        "POST",
        "/report",
        None,
        (ReportDraft, Report),
        body=lambda w: {"emergency_now": "no"},
        reads=_FORM_FIELDS,
    ),
    "report_step_post": RouteCase(
        "POST",
        "/report/{step}",
        None,
        (ReportDraft, Report),
        params=lambda w: {"step": "details"},
        body=lambda w: {"description": "A man photographing the barriers for twenty minutes."},
        steps=_PUBLIC_FORM,
        reads=_FORM_FIELDS,
    ),
    "report_submit": RouteCase(
        "POST",
        "/report/check/submit",
        None,
        (Report, ReportContact, Attachment),
        steps=_PUBLIC_FORM_TO_CHECK,
        reads=_FORM_FIELDS,
    ),
    "report_followup": RouteCase(
        "POST",
        "/report/followup",
        None,
        (ReportFollowup, Report),
        body=lambda w: {"reference": w.followup_reference, "code": w.followup_code, "text": "It came back."},
        reads=("reference", "code", "text"),
    ),
    "call_submit": RouteCase(
        "POST",
        "/intake/call",
        "jo",
        (Report, ReportContact),
        body=lambda w: {
            "report_type": "suspicious_activity",
            "description": "Caller saw a man filming the depot gates for an hour.",
        },
        reads=CALL_FIELDS,
    ),
    # ---- workspace pages
    "notification_read": RouteCase(
        "POST",
        "/workspace/notifications/{notification_id}/read",
        "asha",
        (Notification,),
        params=lambda w: {"notification_id": w.notification_id},
    ),
    "report_state": RouteCase(
        "POST",
        "/workspace/reports/{reference}/state",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"to": "in_assessment"},
    ),
    "report_assign": RouteCase(
        "POST",
        "/workspace/reports/{reference}/assign",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"assignee": "me"},
    ),
    "report_override": RouteCase(
        "POST",
        "/workspace/reports/{reference}/override",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"field": "urgency", "value": "low", "reason": "seen before"},
    ),
    "report_grade": RouteCase(
        "POST",
        "/workspace/reports/{reference}/grade",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"source_grade": "1", "intel_grade": "B", "handling_code": "P"},
    ),
    "report_raise_action": RouteCase(
        "POST",
        "/workspace/reports/{reference}/actions",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"title": "Check ANPR"},
    ),
    "report_link_decide": RouteCase(
        "POST",
        "/workspace/reports/{reference}/links/{suggestion_id}",
        "asha",
        _REPORT_WRITES,
        params=lambda w: {"reference": w.beds, "suggestion_id": w.suggestion_id},
        body=lambda w: {"decision": "reject"},
    ),
    "report_link_operation": RouteCase(
        "POST",
        "/workspace/reports/{reference}/operation",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"operation_id": str(w.operation_id), "close": "true"},
    ),
    "action_update": RouteCase(
        "POST",
        "/workspace/actions/{action_id}",
        "asha",
        (Action, Report),
        params=lambda w: {"action_id": w.action_id},
        body=lambda w: {"state": "done", "result_text": "ANPR shows the car at Dunstable"},
    ),
    "operation_create": RouteCase(
        "POST", "/workspace/operations", "asha", (Operation,), body=lambda w: {"name": "Op Wren"}
    ),
    # ---- workspace API
    "api_report_state": RouteCase(
        "POST",
        "/api/v1/workspace/reports/{reference}/state",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"to": "in_assessment"},
    ),
    "api_report_assign": RouteCase(
        "POST",
        "/api/v1/workspace/reports/{reference}/assign",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"assignee_id": w.user_ids["asha"]},
    ),
    "api_report_override": RouteCase(
        "POST",
        "/api/v1/workspace/reports/{reference}/override",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"field": "urgency", "value": "low", "reason": "seen before"},
    ),
    "api_report_grade": RouteCase(
        "POST",
        "/api/v1/workspace/reports/{reference}/grade",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"source_grade": 1, "intel_grade": "B"},
    ),
    "api_report_action": RouteCase(
        "POST",
        "/api/v1/workspace/reports/{reference}/actions",
        "asha",
        _REPORT_WRITES,
        params=_report,
        body=lambda w: {"title": "Check ANPR"},
    ),
    "api_report_link": RouteCase(
        "POST",
        "/api/v1/workspace/reports/{reference}/links/{suggestion_id}",
        "asha",
        _REPORT_WRITES,
        params=lambda w: {"reference": w.beds, "suggestion_id": w.suggestion_id},
        body=lambda w: {"decision": "reject"},
    ),
    # ---- administration
    "audit_verify": RouteCase("POST", "/admin/audit/verify", "ada", (AuditEvent,), changes=False),
    # ---- protect API
    "api_protect_create_person": RouteCase(
        "POST",
        "/api/v1/protect/persons",
        "olive",
        (ProtectedPerson,),
        body=lambda w: {"kind": "councillor", "name": "Cllr Dee", "force_slug": "bedfordshire"},
    ),
    "api_protect_risk": RouteCase(
        "POST",
        "/api/v1/protect/persons/{person_id}/risk",
        "olive",
        (ProtectedPerson, RiskLevelChange),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"level": "high", "reason": "threats online"},
    ),
    "api_protect_add_note": RouteCase(
        "POST",
        "/api/v1/protect/persons/{person_id}/notes",
        "olive",
        (PersonNote, ProtectedPerson),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"text": "Prefers Friday surgeries"},
    ),
    "api_protect_set_spoc": RouteCase(
        "PUT",
        "/api/v1/protect/persons/{person_id}/spoc",
        "olive",
        (ProtectedPerson,),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"user_id": w.user_ids["olive"]},
    ),
    "api_protect_add_premises": RouteCase(
        "POST",
        "/api/v1/protect/persons/{person_id}/premises",
        "olive",
        (Premises, ProtectedPerson),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"kind": "constituency_office", "name": "Bedford Office"},
    ),
    "api_protect_add_surgery": RouteCase(
        "POST",
        "/api/v1/protect/premises/{premises_id}/surgeries",
        "olive",
        (Surgery, Premises),
        params=lambda w: {"premises_id": w.premises_id},
        body=lambda w: {"starts_at": "2031-06-06T10:00:00Z"},
    ),
    "api_protect_set_home": RouteCase(
        "PUT",
        "/api/v1/protect/persons/{person_id}/home",
        "olive",
        (ProtectedHome, ProtectedPerson),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"address": "1 High Street"},
    ),
    "api_protect_create_venue": RouteCase(
        "POST",
        "/api/v1/protect/venues",
        "olive",
        (Venue,),
        body=lambda w: {
            "name": "Market",
            "kind": "christmas_market",
            "capacity": 800,
            "force_slug": "bedfordshire",
        },
    ),
    "api_protect_venue_duty": RouteCase(
        "PATCH",
        "/api/v1/protect/venues/{venue_id}/duties",
        "olive",
        (Venue,),
        params=lambda w: {"venue_id": w.venue_id},
        body=lambda w: {"duty": "security_document", "done": True},
    ),
    # ---- protect pages
    "protect_create_person": RouteCase(
        "POST",
        "/protect/persons",
        "olive",
        (ProtectedPerson, PersonNote, RiskLevelChange),
        body=lambda w: {"kind": "councillor", "name": "Cllr Dee", "force_slug": "bedfordshire"},
    ),
    "protect_set_home": RouteCase(
        "POST",
        "/protect/persons/{person_id}/home",
        "olive",
        (ProtectedHome, ProtectedPerson),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"address": "1 High Street"},
    ),
    "protect_change_risk": RouteCase(
        "POST",
        "/protect/persons/{person_id}/risk",
        "olive",
        (ProtectedPerson, RiskLevelChange),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"level": "high", "reason": "letters"},
    ),
    "protect_add_premises": RouteCase(
        "POST",
        "/protect/persons/{person_id}/premises",
        "olive",
        (Premises, ProtectedPerson),
        params=lambda w: {"person_id": w.beds_mp},
        body=lambda w: {"kind": "constituency_office", "name": "Bedford Office", "measures": "CCTV"},
    ),
    "protect_add_surgery": RouteCase(
        "POST",
        "/protect/premises/{premises_id}/surgeries",
        "olive",
        (Surgery, Premises),
        params=lambda w: {"premises_id": w.premises_id},
        body=lambda w: {"starts_at": "2031-06-06T10:00"},
    ),
    "protect_create_venue": RouteCase(
        "POST",
        "/protect/venues",
        "olive",
        (Venue,),
        body=lambda w: {
            "name": "Market",
            "kind": "christmas_market",
            "capacity": "800",
            "force_slug": "bedfordshire",
        },
    ),
    "protect_venue_duty": RouteCase(
        "POST",
        "/protect/venues/{venue_id}/duties",
        "olive",
        (Venue,),
        params=lambda w: {"venue_id": w.venue_id},
        body=lambda w: {"duty": "security_document", "done": "true"},
    ),
    # ---- programmes API
    "api_protect_create_programme": RouteCase(
        "POST",
        "/api/v1/protect/programmes",
        "olive",
        (ReviewProgramme, Review),
        body=lambda w: {"name": "Contact every MP", "target_kind": "all_mps"},
    ),
    "api_protect_transition": RouteCase(
        "POST",
        "/api/v1/protect/reviews/{review_id}/transition",
        "olive",
        (Review, ReviewEvent),
        params=lambda w: {"review_id": w.review_pending},
        body=lambda w: {"to": "offered"},
    ),
    "api_protect_assessment": RouteCase(
        "POST",
        "/api/v1/protect/reviews/{review_id}/assessment",
        "olive",
        (Assessment, Review),
        params=lambda w: {"review_id": w.review_booked},
        body=lambda w: {"assessed_on": _TODAY, "areas": _AREAS},
    ),
    "api_protect_add_recommendation": RouteCase(
        "POST",
        "/api/v1/protect/reviews/{review_id}/recommendations",
        "olive",
        (Recommendation, Review),
        params=lambda w: {"review_id": w.review_assessed},
        body=lambda w: _RECOMMENDATION,
    ),
    "api_protect_update_recommendation": RouteCase(
        "PATCH",
        "/api/v1/protect/recommendations/{rec_id}",
        "olive",
        (Recommendation,),
        params=lambda w: {"rec_id": w.recommendation_id},
        body=lambda w: {"state": "done"},
    ),
    # ---- programme pages
    "protect_create_programme": RouteCase(
        "POST",
        "/protect/programmes",
        "olive",
        (ReviewProgramme, Review),
        body=lambda w: {"name": "Contact every MP", "target_kind": "all_mps"},
    ),
    "protect_review_transition": RouteCase(
        "POST",
        "/protect/reviews/{review_id}/transition",
        "olive",
        (Review, ReviewEvent),
        params=lambda w: {"review_id": w.review_pending},
        body=lambda w: {"to": "offered"},
    ),
    "protect_review_assessment": RouteCase(
        "POST",
        "/protect/reviews/{review_id}/assessment",
        "olive",
        (Assessment, Review),
        params=lambda w: {"review_id": w.review_booked},
        body=lambda w: {"assessed_on": _TODAY, **{f"{a}_rating": "adequate" for a in ASSESSMENT_AREAS}},
        reads=_CHECKLIST_FIELDS,
    ),
    "protect_review_recommendation": RouteCase(
        "POST",
        "/protect/reviews/{review_id}/recommendations",
        "olive",
        (Recommendation, Review),
        params=lambda w: {"review_id": w.review_assessed},
        body=lambda w: {**_RECOMMENDATION, "due_on": str(date.today() + timedelta(days=30))},
    ),
    # ---- retention: Bedfordshire's records manager on a Bedfordshire report past its review
    # date. Each test has a world of its own, and an extra field is refused before the route
    # runs, so the one valid request (a disposal included) finds the report still there.
    "api_retention_retain": RouteCase(
        "POST",
        "/api/v1/retention/reports/{reference}/retain",
        "rita",
        _RETENTION_WRITES,
        params=_due,
        body=lambda w: {"reason": "still needed for Op Wren", "next_review_at": f"{_NEXT_REVIEW}T09:00:00Z"},
    ),
    "api_retention_hold": RouteCase(
        "POST",
        "/api/v1/retention/reports/{reference}/hold",
        "rita",
        _RETENTION_WRITES,
        params=_due,
        body=lambda w: {"hold": True, "reason": "disclosure request"},
    ),
    "api_retention_dispose": RouteCase(
        "POST",
        "/api/v1/retention/reports/{reference}/dispose",
        "rita",
        _RETENTION_WRITES,
        params=_due,
        body=lambda w: {"reason": "no longer needed for a policing purpose"},
    ),
    "api_retention_clock_accept": RouteCase(
        "POST",
        "/api/v1/retention/clock/accept",
        "rita",
        _CLOCK_WRITES,
        body=lambda w: {"reason": "checked against the force clock"},
    ),
    "retention_decide": RouteCase(
        "POST",
        "/admin/retention/{reference}",
        "rita",
        _RETENTION_WRITES,
        params=_due,
        body=lambda w: {"decision": "retain", "reason": "still needed", "next_review": str(_NEXT_REVIEW)},
    ),
    "retention_clock_accept": RouteCase(
        "POST",
        "/admin/retention/clock/accept",
        "rita",
        _CLOCK_WRITES,
        body=lambda w: {"reason": "checked against the force clock"},
    ),
    # ---- threat level
    "threat_level_change": RouteCase(
        "POST",
        "/threat-level",
        "ada",
        (ThreatLevel,),
        body=lambda w: {"scope": "national_UK", "level": "SEVERE", "context": "raised after an attack"},
    ),
    "api_threat_level_change": RouteCase(
        "POST",
        "/api/v1/threat-levels",
        "ada",
        (ThreatLevel,),
        body=lambda w: {"scope": "national_UK", "level": "SEVERE", "context": "raised after an attack"},
    ),
}


@dataclass(frozen=True)
class WriteRoute:
    name: str
    method: str
    path: str
    route: APIRoute = field(repr=False)

    @property
    def body_model(self) -> type[BaseModel] | None:
        body = self.route.body_field
        annotation = body.field_info.annotation if body is not None else None
        return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None

    @property
    def is_json(self) -> bool:
        """A JSON body (a pydantic model the route takes whole) rather than form fields."""
        body = self.route.body_field
        return body is not None and not isinstance(body.field_info, Form)

    @property
    def own_fields(self) -> set[str]:
        """What the route's body declares (JSON) or its form fields; empty when it reads the
        form itself (the public form, the call-taker's page, the assessment checklist)."""
        model = self.body_model
        if model is None:
            return set()
        names = set(model.model_fields)
        names |= {f.alias for f in model.model_fields.values() if f.alias}
        return names


def write_routes(app: FastAPI) -> Iterator[WriteRoute]:
    """Every route that can change state, from the app's own route table."""
    for path, route in iter_routes(app.routes):
        if isinstance(route, APIRoute):
            for method in sorted(route.methods & WRITE_METHODS):
                yield WriteRoute(route.name, method, path, route)


def model_attributes(models: tuple[type, ...]) -> set[str]:
    """Every mapped attribute (columns and relationships) of the models a route writes, and of
    who is acting: the names a mass-assignment bug would let a caller set."""
    names: set[str] = set()
    for model in (*models, *ALWAYS):
        mapper = inspect(model)
        names |= {a.key for a in mapper.attrs}
        names |= {c.name for c in mapper.columns}
    return names


def extra_fields(case: RouteCase, route: WriteRoute, w: World) -> list[str]:
    """The attribute names to try as extra fields: the models' minus what the route accepts."""
    accepted = route.own_fields | set(case.reads) | set(case.body(w)) | {"csrf_token"}
    return sorted(model_attributes(case.models) - accepted)
