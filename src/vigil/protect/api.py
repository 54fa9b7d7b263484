"""The protect JSON API: registers, programmes and reviews. Every route declares a permission;
every record is fetched through ``get_visible_or_404``; every write and personal-data read is
audited in the same transaction: the writes by the services, the reads here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, status

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.permissions import Permission
from vigil.protect import service
from vigil.protect.access import get_visible_or_404
from vigil.protect.models import Premises, ProtectedPerson, Venue
from vigil.protect.schemas import (
    DutyUpdate,
    HomeSet,
    NoteCreate,
    PersonCreate,
    PersonRead,
    PremisesCreate,
    RiskChange,
    SpocSet,
    SurgeryCreate,
    VenueCreate,
    VenueRead,
)
from vigil.web.deps import DbSession

router = APIRouter(prefix="/api/v1/protect", tags=["protect"])


def _ceiling(request: Request) -> str:
    return str(request.app.state.settings.max_classification)


@router.get("/persons", name="api_protect_persons")
def list_persons(
    db: DbSession,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
    q: Annotated[str | None, Query(max_length=200)] = None,
    force: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    rows, total = service.list_persons(
        db=db, viewer=principal, filter_in=service.PersonFilter(q=q, force=force, limit=limit, offset=offset)
    )
    record(
        db,
        tag=AuditTag.register_read,
        actor=principal.actor,
        object_type="protected_person",
        details={"q": q, "force": force, "shown": len(rows)},
    )
    db.commit()
    return {"total": total, "items": [PersonRead.model_validate(r).model_dump() for r in rows]}


@router.post("/persons", name="api_protect_create_person", status_code=status.HTTP_201_CREATED)
def create_person(
    request: Request,
    db: DbSession,
    person_in: PersonCreate,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    person = service.create_person(db=db, person_in=person_in, actor=principal, ceiling=_ceiling(request))
    db.commit()
    return PersonRead.model_validate(person).model_dump()


@router.get("/persons/{person_id}", name="api_protect_person")
def get_person(
    db: DbSession,
    person_id: int,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
) -> dict[str, Any]:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    premises = service.visible_premises(db=db, person=person, viewer=principal)
    record(
        db,
        tag=AuditTag.register_read,
        actor=principal.actor,
        object_type="protected_person",
        object_id=person.id,
    )
    db.commit()
    return {
        **PersonRead.model_validate(person).model_dump(),
        "premises": [
            {"id": p.id, "kind": p.kind, "name": p.name, "address": p.address, "measures": p.measures}
            for p in premises
        ],
        "risk_history": [
            {"level": r.level, "reason": r.reason, "at": r.created_at.isoformat()}
            for r in service.risk_history(db=db, person=person)
        ],
    }


@router.post("/persons/{person_id}/risk", name="api_protect_risk", status_code=status.HTTP_201_CREATED)
def change_risk(
    db: DbSession,
    person_id: int,
    change_in: RiskChange,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    service.change_risk(db=db, person=person, change_in=change_in, actor=principal)
    db.commit()
    return {"risk_level": person.risk_level}


@router.post("/persons/{person_id}/notes", name="api_protect_add_note", status_code=status.HTTP_201_CREATED)
def add_note(
    request: Request,
    db: DbSession,
    person_id: int,
    note_in: NoteCreate,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    note = service.add_note(db=db, person=person, note_in=note_in, actor=principal, ceiling=_ceiling(request))
    db.commit()
    return {"id": note.id, "classification": note.classification}


@router.put("/persons/{person_id}/spoc", name="api_protect_set_spoc")
def set_spoc(
    db: DbSession,
    person_id: int,
    spoc_in: SpocSet,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    service.set_spoc(db=db, person=person, user_id=spoc_in.user_id, actor=principal.actor)
    db.commit()
    return {"id": person.id, "spoc_user_id": person.spoc_user_id}


@router.post(
    "/persons/{person_id}/premises", name="api_protect_add_premises", status_code=status.HTTP_201_CREATED
)
def add_premises(
    db: DbSession,
    person_id: int,
    premises_in: PremisesCreate,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    premises = service.add_premises(db=db, person=person, premises_in=premises_in, actor=principal.actor)
    db.commit()
    return {"id": premises.id}


@router.post(
    "/premises/{premises_id}/surgeries", name="api_protect_add_surgery", status_code=status.HTTP_201_CREATED
)
def add_surgery(
    db: DbSession,
    premises_id: int,
    surgery_in: SurgeryCreate,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    premises = get_visible_or_404(db, Premises, premises_id, principal)
    surgery = service.add_surgery(db=db, premises=premises, surgery_in=surgery_in, actor=principal.actor)
    db.commit()
    return {"id": surgery.id}


@router.put("/persons/{person_id}/home", name="api_protect_set_home")
def set_home(
    request: Request,
    db: DbSession,
    person_id: int,
    home_in: HomeSet,
    principal: requires(Permission.register_home_read),  # type: ignore[valid-type]
) -> dict[str, Any]:
    if not principal.can(Permission.register_write):
        raise HTTPException(status_code=404, detail="not found")
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    if person.owner_org_id != principal.organisation_id:
        raise HTTPException(status_code=404, detail="not found")  # only the responsible force holds homes
    home = service.set_home(db=db, person=person, home_in=home_in, actor=principal, ceiling=_ceiling(request))
    db.commit()
    return {"id": home.id, "classification": home.classification}


@router.get("/persons/{person_id}/home", name="api_protect_home")
def get_home(
    db: DbSession,
    person_id: int,
    principal: requires(Permission.register_home_read),  # type: ignore[valid-type]
) -> dict[str, Any]:
    person = get_visible_or_404(db, ProtectedPerson, person_id, principal)
    home = service.home_for(db=db, person=person, viewer=principal)
    if home is None:
        raise HTTPException(status_code=404, detail="not found")
    record(
        db,
        tag=AuditTag.register_home_read,
        actor=principal.actor,
        object_type="protected_home",
        object_id=home.id,
        details={"person_id": person.id},
    )
    db.commit()
    return {
        "address": home.address,
        "postcode": home.postcode,
        "measures": home.measures,
        "classification": home.classification,
    }


@router.get("/venues", name="api_protect_venues")
def list_venues(
    db: DbSession,
    principal: requires(Permission.register_read),  # type: ignore[valid-type]
    tier: Annotated[str | None, Query(max_length=16)] = None,
) -> list[dict[str, Any]]:
    venues = service.list_venues(db=db, viewer=principal, tier=tier)
    return [VenueRead.model_validate(v).model_dump() for v in venues]


@router.post("/venues", name="api_protect_create_venue", status_code=status.HTTP_201_CREATED)
def create_venue(
    db: DbSession,
    venue_in: VenueCreate,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    venue = service.create_venue(db=db, venue_in=venue_in, actor=principal)
    db.commit()
    return VenueRead.model_validate(venue).model_dump()


@router.patch("/venues/{venue_id}/duties", name="api_protect_venue_duty")
def set_duty(
    db: DbSession,
    venue_id: int,
    duty_in: DutyUpdate,
    principal: requires(Permission.register_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    venue = get_visible_or_404(db, Venue, venue_id, principal)
    service.set_duty(db=db, venue=venue, duty=duty_in.duty, done=duty_in.done, actor=principal.actor)
    db.commit()
    return {"duties": venue.duties}
