"""The registers: protected persons, premises, surgeries, homes and crowded places.

Services flush; the request handler or the command commits. Every list goes through
``visible_clause``; every single record through ``access.get_visible_or_404``. Every write
records its audit event here, in the caller's transaction, so the API and the pages audit alike
(services given the writer's ``Principal`` record as ``actor.actor``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fastapi import HTTPException
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth.deps import Principal
from vigil.auth.enums import Classification
from vigil.auth.marking import Viewer, can_see, share, visible_clause
from vigil.auth.models import User
from vigil.auth.permissions import Permission
from vigil.db.types import utcnow
from vigil.protect.access import org_id_for, partner_org_ids
from vigil.protect.enums import Duty, PersonKind
from vigil.protect.models import (
    HOME_CLASSIFICATION,
    PersonNote,
    Premises,
    ProtectedHome,
    ProtectedPerson,
    RiskLevelChange,
    Surgery,
    Venue,
)
from vigil.protect.schemas import (
    HomeSet,
    NoteCreate,
    PersonCreate,
    PremisesCreate,
    RiskChange,
    SurgeryCreate,
    VenueCreate,
)
from vigil.protect.tiers import compute_tier
from vigil.reference.models import RefForce


def unprocessable(field: str, reason: str) -> HTTPException:
    return HTTPException(
        status_code=422, detail={"detail": reason, "errors": [{"field": field, "reason": reason}]}
    )


def _check_ceiling(classification: Classification, ceiling: str, viewer: Viewer) -> None:
    """No record above the deployment's tier or above the writer's own clearance."""
    if classification.rank > Classification(ceiling).rank:
        raise unprocessable("classification", f"this deployment holds nothing above {ceiling}")
    if classification.rank > viewer.clearance.rank:
        raise unprocessable("classification", "you cannot mark a record above your own clearance")


def _force_org(db: Session, force_slug: str) -> int:
    org_id = org_id_for(db, force_slug)
    if org_id is None:
        raise unprocessable("force_slug", f"no organisation for force {force_slug!r}")
    return org_id


# --- persons ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonFilter:
    q: str | None = None
    force: str | None = None
    kind: str | None = None
    limit: int = 100
    offset: int = 0


def list_persons(
    *, db: Session, viewer: Viewer, filter_in: PersonFilter
) -> tuple[list[ProtectedPerson], int]:
    where = [visible_clause(ProtectedPerson, viewer)]
    if filter_in.q:
        like = f"%{filter_in.q}%"
        where.append(or_(ProtectedPerson.name.ilike(like), ProtectedPerson.constituency.ilike(like)))
    if filter_in.force:
        where.append(ProtectedPerson.force_slug == filter_in.force)
    if filter_in.kind:
        where.append(ProtectedPerson.kind == filter_in.kind)
    total = db.scalar(select(func.count()).select_from(ProtectedPerson).where(*where)) or 0
    rows = db.scalars(
        select(ProtectedPerson)
        .where(*where)
        .order_by(ProtectedPerson.name, ProtectedPerson.id)
        .limit(filter_in.limit)
        .offset(filter_in.offset)
    )
    return list(rows), total


def create_person(*, db: Session, person_in: PersonCreate, actor: Principal, ceiling: str) -> ProtectedPerson:
    _check_ceiling(person_in.classification, ceiling, actor)
    force = db.get(RefForce, person_in.force_slug)
    person = ProtectedPerson(
        kind=person_in.kind,
        name=person_in.name,
        aliases=person_in.aliases,
        constituency=person_in.constituency,
        force_slug=person_in.force_slug,
        ct_region=force.ct_region if force else None,
        owner_org_id=_force_org(db, person_in.force_slug),
        classification=person_in.classification,
        created_by_id=actor.user_id,
    )
    db.add(person)
    db.flush()
    if person_in.kind in (PersonKind.mp, PersonKind.candidate):
        share(db, person, partner_org_ids(db) - {person.owner_org_id})  # type: ignore[arg-type]
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor.actor,
        object_type="protected_person",
        object_id=person.id,
        details={"create": person_in.kind.value},
    )
    return person


def set_spoc(*, db: Session, person: ProtectedPerson, user_id: int | None, actor: Actor) -> None:
    """The single point of contact must be an active officer of the responsible force."""
    if user_id is not None:
        officer = db.get(User, user_id)
        if officer is None or not officer.is_active or officer.organisation_id != person.owner_org_id:
            raise unprocessable("user_id", "the contact must be an active user in the responsible force")
    person.spoc_user_id = user_id
    db.flush()
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor,
        object_type="protected_person",
        object_id=person.id,
        details={"spoc_user_id": user_id},
    )


def change_risk(
    *, db: Session, person: ProtectedPerson, change_in: RiskChange, actor: Principal
) -> RiskLevelChange:
    person.risk_level = change_in.level
    row = RiskLevelChange(
        person_id=person.id, level=change_in.level, reason=change_in.reason, set_by_id=actor.user_id
    )
    db.add(row)
    db.flush()
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor.actor,
        object_type="protected_person",
        object_id=person.id,
        details={"risk_level": change_in.level.value},
    )
    return row


def risk_history(*, db: Session, person: ProtectedPerson) -> list[RiskLevelChange]:
    return list(
        db.scalars(
            select(RiskLevelChange)
            .where(RiskLevelChange.person_id == person.id)
            .order_by(RiskLevelChange.created_at, RiskLevelChange.id)
        )
    )


def add_note(
    *, db: Session, person: ProtectedPerson, note_in: NoteCreate, actor: Principal, ceiling: str
) -> PersonNote:
    _check_ceiling(note_in.classification, ceiling, actor)
    note = PersonNote(
        person_id=person.id,
        text=note_in.text,
        classification=note_in.classification,
        owner_org_id=person.owner_org_id,
        author_id=actor.user_id,
    )
    db.add(note)
    db.flush()
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor.actor,
        object_type="protected_person_note",
        object_id=note.id,
        details={"person_id": person.id, "classification": note.classification},
    )
    return note


def visible_notes(*, db: Session, person: ProtectedPerson, viewer: Viewer) -> list[PersonNote]:
    return list(
        db.scalars(
            select(PersonNote)
            .where(PersonNote.person_id == person.id, visible_clause(PersonNote, viewer))
            .order_by(PersonNote.id)
        )
    )


# --- premises, surgeries, home ---------------------------------------------------------------


def add_premises(
    *, db: Session, person: ProtectedPerson, premises_in: PremisesCreate, actor: Actor
) -> Premises:
    premises = Premises(
        person_id=person.id,
        kind=premises_in.kind,
        name=premises_in.name,
        aliases=premises_in.aliases,
        address=premises_in.address,
        postcode=premises_in.postcode,
        lat=premises_in.lat,
        lon=premises_in.lon,
        force_slug=person.force_slug,
        measures=premises_in.measures,
        owner_org_id=person.owner_org_id,
        classification=Classification.official_sensitive,
    )
    db.add(premises)
    db.flush()
    if person.kind in (PersonKind.mp, PersonKind.candidate):
        share(db, premises, partner_org_ids(db) - {premises.owner_org_id})  # type: ignore[arg-type]
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor,
        object_type="protected_premises",
        object_id=premises.id,
        details={"person_id": person.id, "kind": premises.kind},
    )
    return premises


def visible_premises(*, db: Session, person: ProtectedPerson, viewer: Viewer) -> list[Premises]:
    return list(
        db.scalars(
            select(Premises)
            .where(Premises.person_id == person.id, visible_clause(Premises, viewer))
            .order_by(Premises.id)
        )
    )


def add_surgery(*, db: Session, premises: Premises, surgery_in: SurgeryCreate, actor: Actor) -> Surgery:
    if surgery_in.starts_at.tzinfo is None:
        raise unprocessable("starts_at", "give a time zone (e.g. 2026-12-05T10:00:00+00:00)")
    if surgery_in.ends_at is not None and surgery_in.ends_at <= surgery_in.starts_at:
        raise unprocessable("ends_at", "a surgery must end after it starts")
    surgery = Surgery(
        premises_id=premises.id,
        starts_at=surgery_in.starts_at,
        ends_at=surgery_in.ends_at,
        note=surgery_in.note,
    )
    db.add(surgery)
    db.flush()
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor,
        object_type="protected_surgery",
        object_id=surgery.id,
        details={"premises_id": premises.id},
    )
    return surgery


def surgeries_for(*, db: Session, premises_ids: list[int], since: datetime | None = None) -> list[Surgery]:
    if not premises_ids:
        return []
    stmt = select(Surgery).where(Surgery.premises_id.in_(premises_ids))
    if since is not None:
        stmt = stmt.where(Surgery.starts_at >= since)
    return list(db.scalars(stmt.order_by(Surgery.starts_at)))


def set_home(
    *, db: Session, person: ProtectedPerson, home_in: HomeSet, actor: Principal, ceiling: str
) -> ProtectedHome:
    """Held at SECRET, owned by the person's force and never shared."""
    _check_ceiling(HOME_CLASSIFICATION, ceiling, actor)
    home = db.scalar(select(ProtectedHome).where(ProtectedHome.person_id == person.id))
    if home is None:
        home = ProtectedHome(person_id=person.id, owner_org_id=person.owner_org_id, address=home_in.address)
        db.add(home)
    home.classification = HOME_CLASSIFICATION
    home.address = home_in.address
    home.postcode = home_in.postcode
    home.lat, home.lon = home_in.lat, home_in.lon
    home.force_slug = person.force_slug
    home.measures = home_in.measures
    db.flush()
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor.actor,
        object_type="protected_home",
        object_id=home.id,
        details={"person_id": person.id},
    )
    return home


def home_for(*, db: Session, person: ProtectedPerson, viewer: Principal) -> ProtectedHome | None:
    """The home, only for a holder of ``register:home:read`` who may see its marking."""
    if not viewer.can(Permission.register_home_read):
        return None
    home = db.scalar(select(ProtectedHome).where(ProtectedHome.person_id == person.id))
    if home is None or not can_see(db, viewer, home):  # type: ignore[arg-type]
        return None
    return home


# --- crowded places and events ---------------------------------------------------------------


def create_venue(*, db: Session, venue_in: VenueCreate, actor: Principal) -> Venue:
    result = compute_tier(
        kind=venue_in.kind,
        capacity=venue_in.capacity,
        is_event=venue_in.is_event,
        entry_checks=venue_in.entry_checks,
    )
    force = db.get(RefForce, venue_in.force_slug)
    venue = Venue(
        **venue_in.model_dump(exclude={"force_slug"}),
        force_slug=venue_in.force_slug,
        ct_region=force.ct_region if force else None,
        tier=result.tier,
        tier_reasons=list(result.reasons),
        duties={d.value: False for d in result.duties},
        owner_org_id=_force_org(db, venue_in.force_slug),
        classification=Classification.official,
    )
    db.add(venue)
    db.flush()
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor.actor,
        object_type="protected_venue",
        object_id=venue.id,
        details={"tier": venue.tier},
    )
    return venue


def set_duty(*, db: Session, venue: Venue, duty: str, done: bool, actor: Actor) -> None:
    if duty not in venue.duties:
        allowed = ", ".join(venue.duties) or "none (the venue is out of scope)"
        raise unprocessable("duty", f"{duty!r} is not a duty of this venue's tier; its duties: {allowed}")
    venue.duties = {**venue.duties, Duty(duty).value: done}
    db.flush()
    record(
        db,
        tag=AuditTag.register_write,
        actor=actor,
        object_type="protected_venue",
        object_id=venue.id,
        details={"duty": duty, "done": done},
    )


def list_venues(*, db: Session, viewer: Viewer, tier: str | None = None) -> list[Venue]:
    stmt = select(Venue).where(visible_clause(Venue, viewer))
    if tier:
        stmt = stmt.where(Venue.tier == tier)
    return list(db.scalars(stmt.order_by(Venue.name, Venue.id).limit(500)))


def upcoming_window(today: date, days: int = 14) -> tuple[datetime, datetime]:
    start = datetime.combine(today, datetime.min.time()).replace(tzinfo=utcnow().tzinfo)
    return start, start + timedelta(days=days + 1)
