"""Job glue: load a report's context, run the triage engine, store the result.

Until the engine is wired in, this routes the report to its force from the map pin or the
postcode (the reference lookups) and hands ownership to that force.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.auth.models import Organisation
from vigil.intake.enums import TriageState
from vigil.intake.models import Report
from vigil.jobs.worker import JobContext
from vigil.reference.service import LookupCache

_lookups = LookupCache()


def triage_report(db: Session, payload: dict[str, Any], _context: JobContext) -> None:
    report = db.get(Report, int(payload["report_id"]))
    if report is None or report.triage_state == TriageState.triaged:
        return  # idempotent: a re-run after a lost lease changes nothing
    lookup = _lookups.get(db)
    force_slug: str | None = None
    if lookup is not None:
        if report.latitude is not None and report.longitude is not None:
            force = lookup.force_at(report.latitude, report.longitude, within_km=2)
            force_slug = force.slug if force else None
        if force_slug is None and report.postcode:
            hit = lookup.postcode(report.postcode)
            force_slug = hit.force_slug if hit else None
    if force_slug is not None:
        report.force_slug = force_slug
        org = db.scalar(select(Organisation).where(Organisation.code == force_slug))
        if org is not None:
            report.owner_org_id = org.id
            report.ct_region = org.ct_region
    report.triage_state = TriageState.triaged
    db.flush()
