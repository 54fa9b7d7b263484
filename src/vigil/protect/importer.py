"""``vigil protect import-mps [DIR]``: the MP register from the reference data.

Idempotent by Parliament member id: a second run changes nothing; a changed row (a new party,
a by-election) updates the person in place and keeps their premises, notes, contact and risk.
Bad rows are skipped and reported with the file and line, as the reference loader reports them.
An MP who has left the register is marked inactive, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from vigil.auth.enums import Classification, OrganisationKind
from vigil.auth.marking import RecordShare
from vigil.auth.models import Organisation
from vigil.protect.access import HOME_OFFICE, PARLIAMENT_SECURITY
from vigil.protect.enums import PersonKind
from vigil.protect.models import ProtectedPerson
from vigil.reference import _loaders
from vigil.reference._io import Source
from vigil.reference.data import MP, ReferenceData
from vigil.reference.models import RefForce
from vigil.reference.service import mps_from_db as reference_mps_from_db

MPS_FILE = "mps/uk_mps_2024_with_constituency_centroid_force_ct.csv"
FORCES_FILE = "forces/uk_police_forces_ct_regions.csv"


@dataclass(slots=True)
class MPImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


def mps_from_directory(directory: Path) -> tuple[list[MP], dict[str, tuple[str, str]], list[str]]:
    """Read only the forces and MPs files; return the MPs, force slug -> (name, region), errors."""
    data = ReferenceData(directory=directory)
    _loaders.load_forces(data, Source(directory, FORCES_FILE, data.errors))
    _loaders.load_mps(data, Source(directory, MPS_FILE, data.errors))
    forces = {f.slug: (f.name, f.ct_region) for f in data.forces.values()}
    return data.mps, forces, [str(e) for e in data.errors]


def mps_from_db(db: Session) -> tuple[list[MP], dict[str, tuple[str, str]]]:
    mps = reference_mps_from_db(db)
    forces = {f.slug: (f.name, f.ct_region) for f in db.scalars(select(RefForce))}
    return mps, forces


def _ensure_orgs(db: Session, forces: dict[str, tuple[str, str]]) -> dict[str, int]:
    existing = {o.code: o for o in db.scalars(select(Organisation))}
    for slug, (name, region) in forces.items():
        if slug not in existing:
            org = Organisation(
                code=slug, name=name, kind=OrganisationKind.police_force, force_slug=slug, ct_region=region
            )
            db.add(org)
            existing[slug] = org
    for code, name in ((PARLIAMENT_SECURITY, "Parliamentary Security"), (HOME_OFFICE, "Home Office")):
        if code not in existing:
            org = Organisation(code=code, name=name, kind=OrganisationKind.partner)
            db.add(org)
            existing[code] = org
    db.flush()
    return {code: org.id for code, org in existing.items()}


def import_mps(
    *, db: Session, mps: list[MP], forces: dict[str, tuple[str, str]], errors: list[str] | None = None
) -> MPImportSummary:
    summary = MPImportSummary(errors=list(errors or []))
    orgs = _ensure_orgs(db, forces)
    partner = orgs[PARLIAMENT_SECURITY]
    current = {
        p.parliament_member_id: p
        for p in db.scalars(select(ProtectedPerson).where(ProtectedPerson.parliament_member_id.is_not(None)))
    }
    seen: set[int] = set()
    added: list[ProtectedPerson] = []
    for mp in mps:
        if mp.force_slug is None or mp.force_slug not in orgs:
            summary.errors.append(f"{MPS_FILE}: member {mp.member_id} ({mp.name}): no responsible force")
            continue
        seen.add(mp.member_id)
        values = {
            "kind": PersonKind.mp.value,
            "name": mp.name,
            "full_title": mp.full_title,
            "party": mp.party,
            "constituency_code": mp.constituency_code,
            "constituency": mp.constituency,
            "force_slug": mp.force_slug,
            "ct_region": mp.ct_region,
            "straddles_forces": mp.straddles_forces,
            "lat": mp.lat,
            "lon": mp.lon,
            "owner_org_id": orgs[mp.force_slug],
            "active": True,
        }
        person = current.get(mp.member_id)
        if person is None:
            person = ProtectedPerson(
                parliament_member_id=mp.member_id,
                classification=Classification.official,
                aliases=[],
                **values,
            )
            db.add(person)
            added.append(person)
            summary.added += 1
        elif any(getattr(person, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(person, k, v)
            summary.updated += 1
        else:
            summary.unchanged += 1
    db.flush()
    # Every new MP is shared with Parliament security: one bulk insert, not 650 round trips.
    if added:
        rows = [
            {"record_type": ProtectedPerson.__record_type__, "record_id": p.id, "organisation_id": partner}
            for p in added
        ]
        db.execute(insert(RecordShare), rows)
    # Only a clean file can say who has left: a skipped bad row must not deactivate its MP.
    for member_id, person in current.items() if not summary.errors else ():
        if member_id not in seen and person.active:
            person.active = False
            summary.deactivated += 1
    db.flush()
    return summary
