"""Storing a report: the report, its contact details, attachments and triage job in one transaction.

Every channel (public form, API, call handlers' form, bulk and email import) comes through
:func:`create`, so the rules are the same everywhere: cleaned and bounded fields (done by
:class:`~vigil.intake.schemas.ReportCreate`), a default marking and grade, the emergency check,
duplicate suppression and the triage job written with the report. The caller commits.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, NewEvent, record, record_many
from vigil.auth.enums import Classification, HandlingCode
from vigil.auth.models import Organisation
from vigil.auth.service import sha256
from vigil.db.types import utcnow
from vigil.intake.emergency import reads_as_emergency
from vigil.intake.enums import Channel, ReporterRole, ReportState, ReportType, TriageState
from vigil.intake.files import PreparedFile
from vigil.intake.models import Attachment, Report, ReportContact
from vigil.intake.schemas import ReportCreate
from vigil.jobs.service import NewJob, enqueue, enqueue_many
from vigil.reference.models import RefOutcode, RefPostcodeArea

if TYPE_CHECKING:
    pass

NATIONAL_CT_ORG = "ct-policing-hq"
#: Crockford base32 without I, L, O, U: easy to read out over the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRIAGE_JOB = "triage.report"
DUPLICATE_WINDOW = timedelta(minutes=30)
#: 3x5x2 source evaluation by channel: everything the public sends starts as 2, "untested".
DEFAULT_SOURCE_GRADE: dict[Channel, int] = {
    Channel.web: 2,
    Channel.api: 2,
    Channel.phone: 2,
    Channel.email: 2,
    Channel.bulk: 2,
}


class DuplicateReport(Exception):
    """The same client sent the same report moments ago; nothing new was stored."""

    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference


def new_reference() -> str:
    return "VGL-" + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def new_followup_code() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


def national_ct_org(db: Session) -> Organisation:
    org = db.scalar(select(Organisation).where(Organisation.code == NATIONAL_CT_ORG))
    if org is None:
        raise RuntimeError("the national CT organisation is missing: run `vigil db upgrade`")
    return org


def owning_org(db: Session, postcode: str | None) -> tuple[Organisation, str | None]:
    """The force for a postcode's district when reference data knows it, else national CT."""
    if postcode:
        outcode = postcode.split(" ", 1)[0]
        slug = db.scalar(select(RefOutcode.force_slug).where(RefOutcode.outcode == outcode))
        if slug is None:
            area = "".join(ch for ch in outcode if ch.isalpha())[:2]
            slug = db.scalar(
                select(RefPostcodeArea.force_slug).where(RefPostcodeArea.area.in_([area, area[:1]]))
            )
        if slug:
            org = db.scalar(select(Organisation).where(Organisation.code == slug))
            if org is not None:
                return org, slug
    return national_ct_org(db), None


def default_intel_grade(report_in: ReportCreate) -> str:
    """3x5x2 intelligence assessment: B when the reporter saw or suffered it, else D."""
    if report_in.reporter_role in (ReporterRole.victim, ReporterRole.witness):
        return "B"
    if report_in.report_type is ReportType.online_content and report_in.urls:
        return "B"  # the content itself is at the link
    return "D"


def dedup_hash(report_in: ReportCreate, client: str | None) -> str:
    """Same client, same report: the description folded for case and spacing, with the place."""
    folded = " ".join(report_in.description.casefold().split())
    parts = [
        client or "-",
        report_in.report_type.value,
        folded,
        report_in.postcode or "",
        ",".join(report_in.urls),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _details(report_in: ReportCreate) -> dict[str, Any]:
    details: dict[str, Any] = {
        "activity": report_in.activity.value if report_in.activity else None,
        "hate_strands": [s.value for s in report_in.hate_strands],
        "reporter_role": report_in.reporter_role.value if report_in.reporter_role else None,
        "public_figure": report_in.public_figure,
        "observed_approx": report_in.observed_approx,
        "people": report_in.people,
        "vehicles": report_in.vehicles,
        "phone_numbers": report_in.phone_numbers,
        "urls": report_in.urls,
    }
    return {k: v for k, v in details.items() if v not in (None, [], "")}


def report_values(
    *,
    report_in: ReportCreate,
    channel: Channel,
    actor: Actor,
    reference: str,
    code: str,
    owner_id: int,
    force_slug: str | None,
    submitted_at: datetime,
    source_grade: int | None,
    digest: str | None,
) -> dict[str, Any]:
    """The column values of a new report (one place for :func:`create` and :func:`store_many`)."""
    emergency_text = " ".join([report_in.description, report_in.location_text or "", *report_in.people])
    return {
        "reference": reference,
        "channel": channel.value,
        "report_type": report_in.report_type.value,
        "description": report_in.description,
        "location_text": report_in.location_text,
        "postcode": report_in.postcode,
        "latitude": report_in.latitude,
        "longitude": report_in.longitude,
        "observed_at": report_in.observed_at,
        "submitted_at": submitted_at,
        "emergency_declared": report_in.emergency_now,
        "emergency_detected": reads_as_emergency(emergency_text),
        "state": ReportState.new,
        "triage_state": TriageState.awaiting,
        "classification": Classification.official_sensitive,
        "handling_code": HandlingCode.P,
        "owner_org_id": owner_id,
        "force_slug": force_slug,
        "source_grade": source_grade if source_grade is not None else DEFAULT_SOURCE_GRADE[channel],
        "intel_grade": default_intel_grade(report_in),
        "created_by_id": actor.user_id,
        "followup_code_hash": sha256(code),
        "hate_strand": report_in.hate_strands[0].value if report_in.hate_strands else None,
        "details": _details(report_in),
        "dedup_hash": digest,
    }


def create(
    *,
    db: Session,
    report_in: ReportCreate,
    channel: Channel,
    actor: Actor,
    submitted_at: datetime | None = None,
    source_grade: int | None = None,
    attachments: Sequence[PreparedFile] = (),
    client: str | None = None,
    check_duplicates: bool = False,
    owners: dict[str | None, tuple[Organisation, str | None]] | None = None,
) -> tuple[Report, str]:
    """Store a report and queue its triage; return it with its one-time follow-up code.

    The default marking is OFFICIAL-SENSITIVE, owned by the force for the postcode's district
    when known, else by the national CT unit until triage finds the responsible force. The
    grade starts from the channel (an anonymous public report: source 2, untested). With
    ``check_duplicates`` a report identical to one the same ``client`` sent within the last
    half hour raises :class:`DuplicateReport` and stores nothing. ``owners`` caches the
    owning force by postcode across many reports written in one transaction (group commit).
    """
    digest = dedup_hash(report_in, client) if client else None
    if check_duplicates and digest is not None:
        since = utcnow() - DUPLICATE_WINDOW
        existing = db.scalar(
            select(Report.reference).where(Report.dedup_hash == digest, Report.submitted_at >= since).limit(1)
        )
        if existing is not None:
            raise DuplicateReport(existing)
    code = new_followup_code()
    if owners is None:
        owner, force_slug = owning_org(db, report_in.postcode)
    else:
        if report_in.postcode not in owners:
            owners[report_in.postcode] = owning_org(db, report_in.postcode)
        owner, force_slug = owners[report_in.postcode]
    report = Report(
        **report_values(
            report_in=report_in,
            channel=channel,
            actor=actor,
            reference=new_reference(),
            code=code,
            owner_id=owner.id,
            force_slug=force_slug,
            submitted_at=submitted_at or utcnow(),
            source_grade=source_grade,
            digest=digest,
        )
    )
    db.add(report)
    db.flush()
    contact = report_in.contact
    if contact is not None and (contact.name or contact.phone or contact.email):
        db.add(
            ReportContact(report_id=report.id, name=contact.name, phone=contact.phone, email=contact.email)
        )
    for prepared in attachments:
        db.add(
            Attachment(
                report_id=report.id,
                kind=prepared.kind,
                media_type=prepared.media_type,
                filename=prepared.filename,
                original_path=prepared.original_path,
                original_sha256=prepared.original_sha256,
                original_size=prepared.original_size,
                derivative_path=prepared.derivative_path,
                derivative_sha256=prepared.derivative_sha256,
                width=prepared.width,
                height=prepared.height,
            )
        )
    urgent = report.emergency_declared or report.emergency_detected
    enqueue(
        db,
        kind=TRIAGE_JOB,
        payload={"report_id": report.id},
        priority=1 if urgent else 10,
        subject=f"report:{report.id}",
    )
    record(
        db,
        tag=AuditTag.report_create,
        actor=actor,
        object_type="report",
        object_id=report.id,
        details={"channel": channel.value, "reference": report.reference, "attachments": len(attachments)},
    )
    return report, code


@dataclass(frozen=True, slots=True)
class NewReport:
    """One report for :func:`store_many`: already checked for duplicates by the caller."""

    report_in: ReportCreate
    channel: Channel
    actor: Actor
    reference: str
    code: str
    client: str | None = None


@dataclass(frozen=True, slots=True)
class Stored:
    report_id: int
    reference: str
    emergency_declared: bool
    emergency_detected: bool


def store_many(
    db: Session,
    items: Sequence[NewReport],
    owners: dict[str | None, tuple[Organisation, str | None]] | None = None,
) -> list[Stored]:
    """What :func:`create` stores, for many reports without attachments, in a few statements.

    One multi-row insert each for the reports (returning their ids, in order), contacts and
    triage jobs, and one :func:`~vigil.audit.service.record_many` for the audit events, all in
    the caller's transaction. No duplicate check here: the caller decides what to store.
    """
    if not items:
        return []
    owners = {} if owners is None else owners
    rows: list[dict[str, Any]] = []
    for item in items:
        postcode = item.report_in.postcode
        if postcode not in owners:
            owners[postcode] = owning_org(db, postcode)
        owner, force_slug = owners[postcode]
        rows.append(
            report_values(
                report_in=item.report_in,
                channel=item.channel,
                actor=item.actor,
                reference=item.reference,
                code=item.code,
                owner_id=owner.id,
                force_slug=force_slug,
                submitted_at=utcnow(),
                source_grade=None,
                digest=dedup_hash(item.report_in, item.client) if item.client else None,
            )
        )
    table = Report.__table__
    ids = list(
        db.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)  # type: ignore[arg-type]
    )
    if len(ids) != len(rows):
        raise RuntimeError(f"stored {len(ids)} reports of {len(rows)}")
    contacts = [
        {"report_id": rid, "name": c.name, "phone": c.phone, "email": c.email}
        for rid, item in zip(ids, items, strict=True)
        if (c := item.report_in.contact) is not None and (c.name or c.phone or c.email)
    ]
    if contacts:
        db.execute(insert(ReportContact.__table__), contacts)  # type: ignore[arg-type]
    stored = [
        Stored(
            report_id=rid,
            reference=row["reference"],
            emergency_declared=row["emergency_declared"],
            emergency_detected=row["emergency_detected"],
        )
        for rid, row in zip(ids, rows, strict=True)
    ]
    enqueue_many(
        db,
        [
            NewJob(
                kind=TRIAGE_JOB,
                payload={"report_id": s.report_id},
                priority=1 if s.emergency_declared or s.emergency_detected else 10,
                subject=f"report:{s.report_id}",
            )
            for s in stored
        ],
    )
    record_many(
        db,
        [
            NewEvent(
                tag=AuditTag.report_create,
                actor=item.actor,
                object_type="report",
                object_id=s.report_id,
                details={"channel": item.channel.value, "reference": s.reference, "attachments": 0},
            )
            for s, item in zip(stored, items, strict=True)
        ],
    )
    return stored
