"""Storing a report: the report, its contact details and its triage job in one transaction."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth.enums import Classification, HandlingCode
from vigil.auth.models import Organisation
from vigil.auth.service import sha256
from vigil.db.types import utcnow
from vigil.intake.enums import Channel, ReportState, TriageState
from vigil.intake.models import Report
from vigil.intake.schemas import ReportCreate
from vigil.jobs.service import enqueue

NATIONAL_CT_ORG = "ct-policing-hq"
#: Crockford base32 without I, L, O, U: easy to read out over the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRIAGE_JOB = "triage.report"


def new_reference() -> str:
    return "VGL-" + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def new_followup_code() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


def national_ct_org(db: Session) -> Organisation:
    org = db.scalar(select(Organisation).where(Organisation.code == NATIONAL_CT_ORG))
    if org is None:
        raise RuntimeError("the national CT organisation is missing: run `vigil db upgrade`")
    return org


def create(
    *,
    db: Session,
    report_in: ReportCreate,
    channel: Channel,
    actor: Actor,
    submitted_at: datetime | None = None,
    source_grade: int = 2,
) -> tuple[Report, str]:
    """Store a report and queue its triage; return it with its one-time follow-up code.

    The default marking is OFFICIAL-SENSITIVE owned by the national CT unit until triage finds
    the responsible force; an anonymous public report starts as source grade 2 (untested).
    """
    code = new_followup_code()
    report = Report(
        reference=new_reference(),
        channel=channel.value,
        report_type=report_in.report_type.value,
        description=report_in.description,
        location_text=report_in.location_text,
        postcode=report_in.postcode,
        latitude=report_in.latitude,
        longitude=report_in.longitude,
        observed_at=report_in.observed_at,
        submitted_at=submitted_at or utcnow(),
        state=ReportState.new,
        triage_state=TriageState.awaiting,
        classification=Classification.official_sensitive,
        handling_code=HandlingCode.P,
        owner_org_id=national_ct_org(db).id,
        source_grade=source_grade,
        created_by_id=actor.user_id,
        followup_code_hash=sha256(code),
    )
    db.add(report)
    db.flush()
    enqueue(db, kind=TRIAGE_JOB, payload={"report_id": report.id}, priority=10, subject=f"report:{report.id}")
    record(
        db,
        tag=AuditTag.report_create,
        actor=actor,
        object_type="report",
        object_id=report.id,
        details={"channel": channel.value, "reference": report.reference},
    )
    return report, code


def get_by_followup(*, db: Session, reference: str, code: str) -> Report | None:
    """The reporter's own report, only with its follow-up code (constant-time comparison)."""
    report = db.scalar(select(Report).where(Report.reference == reference))
    if report is None or report.followup_code_hash is None:
        return None
    if not hmac.compare_digest(report.followup_code_hash, sha256(code.strip().upper())):
        return None
    return report
