"""Register pages: protected persons (with premises, surgeries and, for those who need it,
the home address) and crowded places with their Martyn's Law tier."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import or_, select

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.marking import high_water_mark, visible_clause
from vigil.auth.permissions import Permission
from vigil.intake.models import Report
from vigil.protect import service
from vigil.protect.access import get_visible_or_404
from vigil.protect.enums import PremisesKind, RiskLevel, VenueKind
from vigil.protect.models import ContactNotification, Premises, ProtectedPerson, Venue
from vigil.protect.schemas import PremisesCreate, RiskChange, SurgeryCreate, VenueCreate
from vigil.protect.tiers import DUTY_TEXT
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter(prefix="/protect")
LONDON = ZoneInfo("Europe/London")


@router.get("/persons", name="protect_persons")
def persons_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
    q: Annotated[str | None, Query(max_length=200)] = None,
    force: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    rows, total = service.list_persons(
        db=db, viewer=principal, filter_in=service.PersonFilter(q=q or None, force=force or None, limit=200)
    )
    record(
        db,
        tag=AuditTag.register_read,
        actor=principal.actor,
        object_type="protected_person",
        details={"q": q, "force": force, "shown": len(rows)},
    )
    db.commit()
    marking = high_water_mark([r.classification for r in rows]).value if rows else None
    return render(
        request,
        "protect/persons.html",
        {"persons": rows, "total": total, "q": q or "", "force": force or "", "page_marking": marking},
    )


@router.get("/persons/{person_id}", name="protect_person")
def person_page(
    request: Request,
    db: DbSession,
    person_id: int,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
) -> Response:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    premises = service.visible_premises(db=db, person=person, viewer=principal)
    surgeries = service.surgeries_for(db=db, premises_ids=[p.id for p in premises])
    notes = service.visible_notes(db=db, person=person, viewer=principal)
    home = service.home_for(db=db, person=person, viewer=principal)
    record(
        db,
        tag=AuditTag.register_read,
        actor=principal.actor,
        object_type="protected_person",
        object_id=person.id,
    )
    if home is not None:
        record(
            db,
            tag=AuditTag.register_home_read,
            actor=principal.actor,
            object_type="protected_home",
            object_id=home.id,
        )
    db.commit()
    parts = [person.classification, *(p.classification for p in premises), *(n.classification for n in notes)]
    if home is not None:
        parts.append(home.classification)
    return render(
        request,
        "protect/person.html",
        {
            "person": person,
            "premises": premises,
            "surgeries": surgeries,
            "premises_names": {p.id: p.name for p in premises},
            "notes": notes,
            "home": home,
            "risk_history": service.risk_history(db=db, person=person),
            "premises_kinds": list(PremisesKind),
            "risk_levels": list(RiskLevel),
            "page_marking": high_water_mark(parts).value,
        },
    )


@router.get("/venues", name="protect_venues")
def venues_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
) -> Response:
    venues = service.list_venues(db=db, viewer=principal)
    marking = high_water_mark([v.classification for v in venues]).value if venues else None
    return render(
        request,
        "protect/venues.html",
        {"venues": venues, "kinds": list(VenueKind), "page_marking": marking, "errors": []},
    )


@router.post("/venues", name="protect_create_venue")
def create_venue(
    db: DbSession,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
    name: Annotated[str, Form(max_length=200)],
    kind: Annotated[VenueKind, Form()],
    capacity: Annotated[int, Form(ge=0, le=1_000_000)],
    force_slug: Annotated[str, Form(max_length=64)],
    is_event: Annotated[bool, Form()] = False,
    entry_checks: Annotated[bool, Form()] = False,
) -> Response:
    venue = service.create_venue(
        db=db,
        venue_in=VenueCreate(
            name=name,
            kind=kind,
            capacity=capacity,
            force_slug=force_slug,
            is_event=is_event,
            entry_checks=entry_checks,
        ),
        actor=principal,
    )
    record(
        db,
        tag=AuditTag.register_write,
        actor=principal.actor,
        object_type="protected_venue",
        object_id=venue.id,
        details={"tier": venue.tier},
    )
    db.commit()
    return RedirectResponse(f"/protect/venues/{venue.id}", status_code=303)


@router.get("/venues/{venue_id}", name="protect_venue")
def venue_page(
    request: Request,
    db: DbSession,
    venue_id: int,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
) -> Response:
    venue = get_visible_or_404(db, Venue, venue_id, principal)
    return render(
        request,
        "protect/venue.html",
        {
            "venue": venue,
            "duty_text": {d.value: t for d, t in DUTY_TEXT.items()},
            "page_marking": venue.classification,
        },
    )


def _back_to_person(person_id: int) -> Response:
    return RedirectResponse(f"/protect/persons/{person_id}", status_code=303)


def _fail(request: Request, exc: HTTPException | ValidationError) -> Response:
    if isinstance(exc, ValidationError):
        message, status = "; ".join(str(e["msg"]) for e in exc.errors()), 422
    else:
        detail = exc.detail["detail"] if isinstance(exc.detail, dict) else exc.detail
        message, status = str(detail), exc.status_code
    return render(request, "error.html", {"title": "Cannot do that", "message": message}, status_code=status)


@router.post("/persons/{person_id}/premises", name="protect_add_premises")
def add_premises_form(
    request: Request,
    db: DbSession,
    person_id: int,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
    kind: Annotated[str, Form(max_length=32)],
    name: Annotated[str, Form(max_length=200)],
    address: Annotated[str | None, Form(max_length=1000)] = None,
    measures: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    try:
        premises_in = PremisesCreate(
            kind=kind,
            name=name,
            address=address or None,
            measures=[m.strip() for m in (measures or "").split(",") if m.strip()],
        )
    except ValidationError as exc:
        return _fail(request, exc)
    premises = service.add_premises(db=db, person=person, premises_in=premises_in)
    record(
        db,
        tag=AuditTag.register_write,
        actor=principal.actor,
        object_type="protected_premises",
        object_id=premises.id,
        details={"person_id": person.id, "kind": premises.kind},
    )
    db.commit()
    return _back_to_person(person.id)


@router.post("/premises/{premises_id}/surgeries", name="protect_add_surgery")
def add_surgery_form(
    request: Request,
    db: DbSession,
    premises_id: int,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
    starts_at: Annotated[datetime, Form()],
) -> Response:
    premises = get_visible_or_404(db, Premises, premises_id, principal)
    local = starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=LONDON)  # the form gives London time
    try:
        surgery = service.add_surgery(db=db, premises=premises, surgery_in=SurgeryCreate(starts_at=local))
    except HTTPException as exc:
        return _fail(request, exc)
    record(
        db,
        tag=AuditTag.register_write,
        actor=principal.actor,
        object_type="protected_surgery",
        object_id=surgery.id,
        details={"premises_id": premises.id},
    )
    db.commit()
    return _back_to_person(premises.person_id)


@router.post("/persons/{person_id}/risk", name="protect_change_risk")
def change_risk_form(
    request: Request,
    db: DbSession,
    person_id: int,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
    level: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=2000)],
) -> Response:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    try:
        change_in = RiskChange(level=level, reason=reason)
    except ValidationError as exc:
        return _fail(request, exc)
    service.change_risk(db=db, person=person, change_in=change_in, actor=principal)
    record(
        db,
        tag=AuditTag.register_write,
        actor=principal.actor,
        object_type="protected_person",
        object_id=person.id,
        details={"risk_level": level},
    )
    db.commit()
    return _back_to_person(person.id)


@router.post("/venues/{venue_id}/duties", name="protect_venue_duty")
def venue_duty_form(
    request: Request,
    db: DbSession,
    venue_id: int,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
    duty: Annotated[str, Form(max_length=64)],
    done: Annotated[bool, Form()] = False,
) -> Response:
    venue = get_visible_or_404(db, Venue, venue_id, principal)
    try:
        service.set_duty(db=db, venue=venue, duty=duty, done=done)
    except HTTPException as exc:
        return _fail(request, exc)
    record(
        db,
        tag=AuditTag.register_write,
        actor=principal.actor,
        object_type="protected_venue",
        object_id=venue.id,
        details={"duty": duty, "done": done},
    )
    db.commit()
    return RedirectResponse(f"/protect/venues/{venue.id}", status_code=303)


@router.get("/notifications", name="protect_notifications")
def notifications_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
) -> Response:
    """Notices that a report concerns a protected person: the contact's own, and their force's."""
    rows = db.execute(
        select(ContactNotification, ProtectedPerson.name, Report.reference)
        .join(ProtectedPerson, ProtectedPerson.id == ContactNotification.person_id)
        .join(Report, Report.id == ContactNotification.report_id)
        .where(
            or_(
                ContactNotification.recipient_user_id == principal.user_id,
                ContactNotification.recipient_org_id == principal.organisation_id,
            ),
            visible_clause(ProtectedPerson, principal),
        )
        .order_by(ContactNotification.id.desc())
        .limit(200)
    ).all()
    record(
        db,
        tag=AuditTag.register_read,
        actor=principal.actor,
        object_type="protect_notification",
        details={"shown": [n.id for n, _name, _ref in rows]},
    )
    db.commit()
    return render(request, "protect/notifications.html", {"rows": rows, "page_marking": "OFFICIAL-SENSITIVE"})
