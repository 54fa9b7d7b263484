"""Protect personas and register rows for the protect and threat-level tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from tests.factories.auth import org, user
from vigil.auth.enums import Classification, OrganisationKind, Role
from vigil.auth.marking import share
from vigil.protect.enums import PersonKind, PremisesKind
from vigil.protect.models import Premises, ProtectedHome, ProtectedPerson, Surgery


@dataclass(frozen=True)
class ProtectPersonas:
    owner_pso: str = "olive"  # protective security, Bedfordshire (the owning force), SECRET
    other_pso: str = "tom"  # protective security, Thames Valley, SECRET
    partner: str = "pat"  # Parliament security partner, OFFICIAL-SENSITIVE
    admin: str = "ada"  # administrator (may change threat levels)


def make_protect_personas(db: Session) -> ProtectPersonas:
    user(
        db,
        "olive",
        org_code="bedfordshire",
        roles=(Role.protective_security,),
        clearance=Classification.secret,
    )
    user(
        db,
        "tom",
        org_code="thames-valley",
        roles=(Role.protective_security,),
        clearance=Classification.secret,
    )
    user(db, "pat", org_code="parliament-security", roles=(Role.partner,), org_kind=OrganisationKind.partner)
    user(db, "ada", org_code="ct-policing-hq", roles=(Role.admin,), org_kind=OrganisationKind.national)
    db.commit()
    return ProtectPersonas()


def mp(
    db: Session,
    *,
    name: str = "Ann Able",
    constituency: str = "Bedford",
    force: str = "bedfordshire",
    region: str = "CTPE",
    member_id: int | None = None,
    spoc_id: int | None = None,
) -> ProtectedPerson:
    owner = org(db, force)
    person = ProtectedPerson(
        kind=PersonKind.mp,
        name=name,
        full_title=f"{name} MP",
        aliases=[],
        party="Labour",
        parliament_member_id=member_id,
        constituency=constituency,
        force_slug=force,
        ct_region=region,
        lat=52.13,
        lon=-0.46,
        owner_org_id=owner.id,
        classification=Classification.official,
        spoc_user_id=spoc_id,
    )
    db.add(person)
    db.flush()
    share(db, person, {org(db, "parliament-security", kind=OrganisationKind.partner).id})
    return person


def premises(
    db: Session,
    person: ProtectedPerson,
    *,
    name: str = "Kempston Community Centre",
    kind: PremisesKind = PremisesKind.surgery_venue,
    lat: float = 52.11,
    lon: float = -0.50,
) -> Premises:
    row = Premises(
        person_id=person.id,
        kind=kind,
        name=name,
        aliases=[],
        address=f"{name}, High Street",
        lat=lat,
        lon=lon,
        force_slug=person.force_slug,
        measures=["CCTV"],
        owner_org_id=person.owner_org_id,
        classification=Classification.official_sensitive,
    )
    db.add(row)
    db.flush()
    share(db, row, {org(db, "parliament-security", kind=OrganisationKind.partner).id})
    return row


def surgery(db: Session, venue: Premises, starts_at: datetime) -> Surgery:
    row = Surgery(premises_id=venue.id, starts_at=starts_at)
    db.add(row)
    db.flush()
    return row


HOME_CANARY = "14 Canary Wharf Lane"


def home(db: Session, person: ProtectedPerson, address: str = HOME_CANARY) -> ProtectedHome:
    row = ProtectedHome(
        person_id=person.id,
        address=address,
        measures=["panic alarm"],
        owner_org_id=person.owner_org_id,
        classification=Classification.secret,
        force_slug=person.force_slug,
    )
    db.add(row)
    db.flush()
    return row
