"""Register pages: the register of protected persons, a person's page (with premises, surgeries,
notes, risk and, for those who need it, the home address) and contact notifications. Premises,
surgeries and crowded places are written in ``premises_pages``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy import or_, select

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal, requires
from vigil.auth.enums import Classification
from vigil.auth.marking import high_water_mark, visible_clause
from vigil.auth.models import User
from vigil.auth.permissions import Permission
from vigil.intake.models import Report
from vigil.protect import service
from vigil.protect.access import get_visible_or_404
from vigil.protect.enums import PersonKind, PremisesKind, RiskLevel
from vigil.protect.forms import Errors, back_to_person, deployment_ceiling, fail, field_errors, service_errors
from vigil.protect.models import HOME_CLASSIFICATION, ContactNotification, ProtectedPerson
from vigil.protect.schemas import (
    HomeSet,
    NoteCreate,
    PersonCreate,
    RiskChange,
)
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


# --- adding a person by hand ------------------------------------------------------------------

# MPs come from the Parliament import; everyone else is added by hand.
MANUAL_KINDS = (
    PersonKind.candidate,
    PersonKind.councillor,
    PersonKind.staff,
    PersonKind.family,
    PersonKind.other,
)
# The API's field names, as the form's (so an error from a service names the form's field).
_PERSON_FIELDS = {
    "kind": "Role",
    "name": "Name",
    "constituency": "Constituency or ward",
    "force_slug": "Responsible force",
    "classification": "Marking",
    "spoc_user_id": "Single point of contact",
    "risk_level": "Risk level",
    "note": "Notes",
    "note_classification": "Marking of the notes",
}


def _markings(request: Request, principal: Principal) -> list[Classification]:
    """The markings this user may give on this deployment."""
    ceiling = Classification(deployment_ceiling(request))
    top = ceiling if ceiling.rank <= principal.clearance.rank else principal.clearance
    return Classification.at_or_below(top)


def _person_form(
    request: Request,
    db: DbSession,
    principal: Principal,
    *,
    values: dict[str, str] | None = None,
    errors: Errors | None = None,
) -> Response:
    officers = db.scalars(
        select(User)
        .where(User.organisation_id == principal.organisation_id, User.is_active.is_(True))
        .order_by(User.display_name, User.id)
    )
    defaults = {
        "force_slug": principal.force_slug or "",
        "classification": Classification.official_sensitive.value,
        "risk_level": RiskLevel.medium.value,
        "note_classification": Classification.official_sensitive.value,
    }
    return render(
        request,
        "protect/person_new.html",
        {
            "values": {**defaults, **(values or {})},
            "errors": errors or [],
            "error_fields": {e["field"]: e["reason"] for e in errors or []},
            "labels": _PERSON_FIELDS,
            "kinds": MANUAL_KINDS,
            "risk_levels": list(RiskLevel),
            "markings": _markings(request, principal),
            "officers": list(officers),
        },
        status_code=422 if errors else 200,
    )


@router.get("/persons/new", name="protect_new_person")
def new_person_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> Response:
    return _person_form(request, db, principal)


@router.post("/persons", name="protect_create_person")
def create_person_form(
    request: Request,
    db: DbSession,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
    name: Annotated[str, Form(max_length=200)] = "",
    kind: Annotated[str, Form(max_length=32)] = "",
    constituency: Annotated[str, Form(max_length=200)] = "",
    force_slug: Annotated[str, Form(max_length=64)] = "",
    classification: Annotated[str, Form(max_length=32)] = Classification.official_sensitive.value,
    spoc_user_id: Annotated[str, Form(max_length=20)] = "",
    risk_level: Annotated[str, Form(max_length=16)] = RiskLevel.medium.value,
    note: Annotated[str, Form(max_length=10000)] = "",
    note_classification: Annotated[str, Form(max_length=32)] = Classification.official_sensitive.value,
) -> Response:
    """The API's ``POST /api/v1/protect/persons`` (then contact, risk and note) for a browser."""
    values = {
        "name": name,
        "kind": kind,
        "constituency": constituency,
        "force_slug": force_slug,
        "classification": classification,
        "spoc_user_id": spoc_user_id,
        "risk_level": risk_level,
        "note": note,
        "note_classification": note_classification,
    }
    errors: Errors = []
    person_in = risk_in = note_in = None
    try:
        person_in = PersonCreate(
            kind=kind,
            name=name,
            constituency=constituency.strip() or None,
            force_slug=force_slug,
            classification=classification,
        )
    except ValidationError as exc:
        errors += field_errors(exc)
    if kind == PersonKind.mp:
        errors.append({"field": "kind", "reason": "MPs come from the Parliament import; choose another role"})
    try:
        risk_in = RiskChange(level=risk_level, reason="set when the person was added")
    except ValidationError as exc:
        errors += [{"field": "risk_level", "reason": e["reason"]} for e in field_errors(exc)]
    if note.strip():
        try:
            note_in = NoteCreate(text=note, classification=note_classification)
        except ValidationError as exc:
            errors += [
                {
                    "field": "note_classification" if e["field"] == "classification" else "note",
                    "reason": e["reason"],
                }
                for e in field_errors(exc)
            ]
    spoc_id: int | None = None
    if spoc_user_id.strip():
        if spoc_user_id.strip().isdigit():
            spoc_id = int(spoc_user_id)
        else:
            errors.append({"field": "spoc_user_id", "reason": "choose an officer from the list"})
    if errors or person_in is None or risk_in is None:
        return _person_form(request, db, principal, values=values, errors=errors)

    ceiling = deployment_ceiling(request)
    try:
        person = service.create_person(db=db, person_in=person_in, actor=principal, ceiling=ceiling)
    except HTTPException as exc:
        db.rollback()
        return _person_form(request, db, principal, values=values, errors=service_errors(exc))
    try:
        if spoc_id is not None:
            service.set_spoc(db=db, person=person, user_id=spoc_id, actor=principal.actor)
        service.change_risk(db=db, person=person, change_in=risk_in, actor=principal)
        if note_in is not None:
            service.add_note(db=db, person=person, note_in=note_in, actor=principal, ceiling=ceiling)
    except HTTPException as exc:
        db.rollback()  # nothing is stored: not the person either
        rename = {"user_id": "spoc_user_id", "classification": "note_classification", "text": "note"}
        return _person_form(request, db, principal, values=values, errors=service_errors(exc, rename))
    db.commit()
    return back_to_person(person.id)


# --- a person's page and their home ----------------------------------------------------------


def _may_set_home(principal: Principal, person: ProtectedPerson) -> bool:
    """As the API: home read and register write, in the responsible force (which alone holds homes)."""
    return (
        principal.can(Permission.register_home_read)
        and principal.can(Permission.register_write)
        and person.owner_org_id == principal.organisation_id
    )


def _person_page(
    request: Request,
    db: DbSession,
    person: ProtectedPerson,
    principal: Principal,
    *,
    home_values: dict[str, str] | None = None,
    home_errors: Errors | None = None,
) -> Response:
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
    context: dict[str, Any] = {
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
        "may_set_home": _may_set_home(principal, person),
        "home_marking": HOME_CLASSIFICATION.value,
        "home_values": home_values or {},
        "home_errors": home_errors or [],
        "home_error_fields": {e["field"]: e["reason"] for e in home_errors or []},
    }
    return render(request, "protect/person.html", context, status_code=422 if home_errors else 200)


@router.get("/persons/{person_id}", name="protect_person")
def person_page(
    request: Request,
    db: DbSession,
    person_id: int,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
) -> Response:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    return _person_page(request, db, person, principal)


@router.post("/persons/{person_id}/home", name="protect_set_home")
def set_home_form(
    request: Request,
    db: DbSession,
    person_id: int,
    principal: requires(Permission.register_home_read),  # type: ignore[valid-type]
    address: Annotated[str, Form(max_length=1000)] = "",
    postcode: Annotated[str, Form(max_length=10)] = "",
    measures: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """The API's ``PUT /api/v1/protect/persons/{id}/home`` for a browser."""
    if not principal.can(Permission.register_write):
        raise HTTPException(status_code=404, detail="not found")
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    if person.owner_org_id != principal.organisation_id:
        raise HTTPException(status_code=404, detail="not found")  # only the responsible force holds homes
    values = {"address": address, "postcode": postcode, "measures": measures}
    try:
        home_in = HomeSet(
            address=address,
            postcode=postcode.strip() or None,
            measures=[m.strip() for m in measures.split(",") if m.strip()],
        )
        service.set_home(
            db=db, person=person, home_in=home_in, actor=principal, ceiling=deployment_ceiling(request)
        )
    except ValidationError as exc:
        return _person_page(request, db, person, principal, home_values=values, home_errors=field_errors(exc))
    except HTTPException as exc:
        db.rollback()
        errors = [
            {
                "field": "address",
                "reason": f"a home address is held at {HOME_CLASSIFICATION.value}: {e['reason']}",
            }
            if e["field"] == "classification"
            else e
            for e in service_errors(exc)
        ]
        return _person_page(request, db, person, principal, home_values=values, home_errors=errors)
    db.commit()
    return back_to_person(person.id)


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
        return fail(request, exc)
    service.change_risk(db=db, person=person, change_in=change_in, actor=principal)
    db.commit()
    return back_to_person(person.id)


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
