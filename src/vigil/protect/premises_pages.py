"""Register pages for places: a person's premises and surgeries, and crowded places with their
Martyn's Law tier."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from vigil.auth.deps import requires
from vigil.auth.marking import high_water_mark
from vigil.auth.permissions import Permission
from vigil.protect import service
from vigil.protect.access import get_visible_or_404
from vigil.protect.enums import VenueKind
from vigil.protect.forms import back_to_person, fail
from vigil.protect.models import Premises, ProtectedPerson, Venue
from vigil.protect.schemas import PremisesCreate, SurgeryCreate, VenueCreate
from vigil.protect.tiers import DUTY_TEXT
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter(prefix="/protect")
LONDON = ZoneInfo("Europe/London")


# --- a person's premises and surgeries --------------------------------------------------------


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
        return fail(request, exc)
    service.add_premises(db=db, person=person, premises_in=premises_in, actor=principal.actor)
    db.commit()
    return back_to_person(person.id)


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
        service.add_surgery(
            db=db, premises=premises, surgery_in=SurgeryCreate(starts_at=local), actor=principal.actor
        )
    except HTTPException as exc:
        return fail(request, exc)
    db.commit()
    return back_to_person(premises.person_id)


# --- crowded places and events ----------------------------------------------------------------


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
        service.set_duty(db=db, venue=venue, duty=duty, done=done, actor=principal.actor)
    except HTTPException as exc:
        return fail(request, exc)
    db.commit()
    return RedirectResponse(f"/protect/venues/{venue.id}", status_code=303)
