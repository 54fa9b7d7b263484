"""Importing reference data into the database, and loading it back for the lookups.

The import replaces each table's rows in one transaction, so running it twice changes
nothing and a failed run leaves the previous data in place. Every process (web or worker, on
any machine) reads the same rows back into a ``GeoLookup``, cached until the next import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from vigil.auth.enums import OrganisationKind
from vigil.auth.models import Organisation
from vigil.db.types import utcnow
from vigil.reference.data import (
    MP,
    Constituency,
    CTRegion,
    Force,
    Outcode,
    Place,
    ReferenceData,
    load_reference,
)
from vigil.reference.lookup import GeoLookup
from vigil.reference.models import (
    RefConstituency,
    RefCTRegion,
    RefForce,
    RefImport,
    RefMP,
    RefOutcode,
    RefPlace,
    RefPlaceName,
    RefPostcodeArea,
)

Progress = Callable[[str, int, int], None]


def ct_unit_org_code(region: str) -> str:
    return f"ctu-{region.lower()}"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    counts: dict[str, int]
    errors: list[str]
    import_id: int


def _replace(db: Session, model: Any, rows: list[dict[str, Any]]) -> int:
    db.execute(delete(model))
    for start in range(0, len(rows), 2000):
        db.execute(insert(model), rows[start : start + 2000])
    return len(rows)


def _geojson(geometry: Any) -> str | None:
    return None if geometry is None else str(shapely.to_geojson(geometry))


def import_data(*, db: Session, data: ReferenceData, progress: Progress | None = None) -> ImportSummary:
    """Replace the reference tables with ``data`` and upsert an organisation per force and CT unit."""
    steps: list[tuple[str, Any, list[dict[str, Any]]]] = [
        (
            "forces",
            RefForce,
            [
                {
                    "slug": f.slug,
                    "pfa_code": f.pfa_code,
                    "name": f.name,
                    "area_name": f.area_name,
                    "country": f.country,
                    "ct_region": f.ct_region,
                    "ct_unit": f.ct_unit,
                    "polygon_geojson": _geojson(data.force_polygons.get(f.slug)),
                }
                for f in data.forces.values()
            ],
        ),
        ("ct_regions", RefCTRegion, [{"code": c.code, "name": c.name} for c in data.ct_regions.values()]),
        (
            "outcodes",
            RefOutcode,
            [
                {
                    "outcode": o.outcode,
                    "area": o.area,
                    "lat": o.lat,
                    "lon": o.lon,
                    "force_slug": o.force_slug,
                    "force_share": o.force_share,
                    "is_ni": o.is_ni,
                }
                for o in data.outcodes.values()
            ],
        ),
        ("postcode_areas", RefPostcodeArea, [{"area": a, "force_slug": s} for a, s in data.areas.items()]),
        (
            "places",
            RefPlace,
            [
                {
                    "name": p.name,
                    "lat": p.lat,
                    "lon": p.lon,
                    "population": p.population,
                    "force_slug": p.force_slug,
                    "ct_region": p.ct_region,
                    "constituency": p.constituency,
                    "alt_names": list(p.alt_names),
                }
                for p in data.places
            ],
        ),
        ("place_names", RefPlaceName, [{"key": k} for k in sorted(data.place_names)]),
        (
            "constituencies",
            RefConstituency,
            [
                {
                    "code": c.code,
                    "name": c.name,
                    "lat": c.lat,
                    "lon": c.lon,
                    "force_slug": c.force_slug,
                    "ct_region": c.ct_region,
                    "n_forces": c.n_forces,
                    "force_share": c.force_share,
                    "polygon_geojson": _geojson(data.constituency_polygons.get(c.code)),
                }
                for c in data.constituencies.values()
            ],
        ),
        (
            "mps",
            RefMP,
            [
                {
                    "member_id": m.member_id,
                    "name": m.name,
                    "full_title": m.full_title,
                    "party": m.party,
                    "constituency_code": m.constituency_code,
                    "constituency": m.constituency,
                    "force_slug": m.force_slug,
                    "ct_region": m.ct_region,
                    "straddles_forces": m.straddles_forces,
                    "lat": m.lat,
                    "lon": m.lon,
                }
                for m in data.mps
            ],
        ),
    ]
    counts: dict[str, int] = {}
    for i, (name, model, rows) in enumerate(steps, start=1):
        counts[name] = _replace(db, model, rows)
        if progress:
            progress(name, i, len(steps) + 1)
    counts["organisations_added"] = _upsert_organisations(db, data)
    if progress:
        progress("organisations", len(steps) + 1, len(steps) + 1)
    run = RefImport(
        imported_at=utcnow(),
        directory=str(data.directory),
        counts=counts,
        errors=[str(e) for e in data.errors],
    )
    db.add(run)
    db.flush()
    return ImportSummary(counts=counts, errors=run.errors, import_id=run.id)


def _upsert_organisations(db: Session, data: ReferenceData) -> int:
    existing = {o.code: o for o in db.scalars(select(Organisation))}
    added = 0
    for force in data.forces.values():
        org = existing.get(force.slug)
        if org is None:
            db.add(
                Organisation(
                    code=force.slug,
                    name=force.name,
                    kind=OrganisationKind.police_force,
                    force_slug=force.slug,
                    ct_region=force.ct_region,
                )
            )
            added += 1
        else:
            org.name, org.force_slug, org.ct_region = force.name, force.slug, force.ct_region
    for region in data.ct_regions.values():
        code = ct_unit_org_code(region.code)
        org = existing.get(code)
        if org is None:
            db.add(
                Organisation(
                    code=code, name=region.name, kind=OrganisationKind.ct_unit, ct_region=region.code
                )
            )
            added += 1
        else:
            org.name, org.ct_region = region.name, region.code
    db.flush()
    return added


def import_directory(*, db: Session, directory: Path, progress: Progress | None = None) -> ImportSummary:
    return import_data(db=db, data=load_reference(directory, progress=progress), progress=progress)


def mps_from_db(db: Session) -> list[MP]:
    """The imported MPs, as the loader's records."""
    return [
        MP(
            member_id=m.member_id,
            name=m.name,
            full_title=m.full_title,
            party=m.party,
            constituency_code=m.constituency_code,
            constituency=m.constituency,
            force_slug=m.force_slug,
            ct_region=m.ct_region,
            straddles_forces=m.straddles_forces,
            lat=m.lat,
            lon=m.lon,
        )
        for m in db.scalars(select(RefMP).order_by(RefMP.member_id))
    ]


def load_from_db(db: Session) -> ReferenceData:
    """Rebuild the in-memory reference data from the imported tables."""
    data = ReferenceData(directory=Path("<database>"))
    for f in db.scalars(select(RefForce)):
        force = Force(
            slug=f.slug,
            pfa_code=f.pfa_code,
            name=f.name,
            country=f.country,
            ct_region=f.ct_region,
            ct_unit=f.ct_unit,
            area_name=f.area_name,
        )
        data.forces[f.slug] = force
        if f.pfa_code:
            data.forces_by_pfa[f.pfa_code] = force
        if f.polygon_geojson:
            data.force_polygons[f.slug] = shapely.from_geojson(f.polygon_geojson)
    data.ct_regions = {c.code: CTRegion(code=c.code, name=c.name) for c in db.scalars(select(RefCTRegion))}
    data.outcodes = {
        o.outcode: Outcode(
            outcode=o.outcode,
            area=o.area,
            lat=o.lat,
            lon=o.lon,
            force_slug=o.force_slug,
            force_share=o.force_share,
            is_ni=o.is_ni,
        )
        for o in db.scalars(select(RefOutcode))
    }
    data.areas = {a.area: a.force_slug for a in db.scalars(select(RefPostcodeArea))}
    data.places = [
        Place(
            name=p.name,
            lat=p.lat,
            lon=p.lon,
            population=p.population,
            force_slug=p.force_slug,
            ct_region=p.ct_region,
            constituency=p.constituency,
            alt_names=tuple(p.alt_names),
        )
        for p in db.scalars(select(RefPlace).order_by(RefPlace.id))
    ]
    data.place_names = frozenset(db.scalars(select(RefPlaceName.key)))
    for c in db.scalars(select(RefConstituency)):
        data.constituencies[c.code] = Constituency(
            code=c.code,
            name=c.name,
            lat=c.lat,
            lon=c.lon,
            force_slug=c.force_slug,
            ct_region=c.ct_region,
            n_forces=c.n_forces,
            force_share=c.force_share,
        )
        if c.polygon_geojson:
            data.constituency_polygons[c.code] = shapely.from_geojson(c.polygon_geojson)
    data.mps = mps_from_db(db)
    return data


class LookupCache:
    """One GeoLookup per process, rebuilt when a newer import is seen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._import_id: int | None = None
        self._lookup: GeoLookup | None = None

    def get(self, db: Session) -> GeoLookup | None:
        latest = db.scalar(select(func.max(RefImport.id)))
        if latest is None:
            return None
        with self._lock:
            if self._lookup is None or self._import_id != latest:
                self._lookup = GeoLookup(load_from_db(db))
                self._import_id = latest
            return self._lookup
