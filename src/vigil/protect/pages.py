"""Register pages: protected persons (with premises, surgeries and, for those who need it,
the home address) and crowded places with their Martyn's Law tier."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.marking import high_water_mark
from vigil.auth.permissions import Permission
from vigil.protect import service
from vigil.protect.access import get_visible_or_404
from vigil.protect.enums import VenueKind
from vigil.protect.models import ProtectedPerson, Venue
from vigil.protect.schemas import VenueCreate
from vigil.protect.tiers import DUTY_TEXT
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter(prefix="/protect")


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
