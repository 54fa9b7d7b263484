"""What the registers give triage, and the notice a match sends to the person's contact.

The triage job (``vigil.triage.tasks``) calls :func:`protected_persons_for_triage` to build the
engine's context and :func:`notify_contact` when a result links a report to a register entry.
Homes are never given to triage: their addresses stay at their own marking and need-to-know.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import SYSTEM, Actor, record
from vigil.intake.models import Report
from vigil.protect.models import ContactNotification, Premises, ProtectedPerson, Surgery
from vigil.protect.service import upcoming_window
from vigil.triage.enums import ProtectedRole
from vigil.triage.schemas import Premises as TriagePremises
from vigil.triage.schemas import ProtectedPerson as TriagePerson
from vigil.triage.schemas import ScheduledEvent

LONDON = ZoneInfo("Europe/London")
UPCOMING_DAYS = 14
_ROLE = {"mp": ProtectedRole.MP.value, "councillor": ProtectedRole.COUNCILLOR.value}


def protected_persons_for_triage(
    db: Session, *, today: date, days: int = UPCOMING_DAYS
) -> list[TriagePerson]:
    """Every active register entry with its premises (points and names) and its surgeries from
    ``today`` to ``today + days`` as scheduled events. ``id`` is the register id as text."""
    persons = list(
        db.scalars(
            select(ProtectedPerson).where(ProtectedPerson.active.is_(True)).order_by(ProtectedPerson.id)
        )
    )
    premises_by_person: defaultdict[int, list[Premises]] = defaultdict(list)
    for premises in db.scalars(select(Premises).order_by(Premises.id)):
        premises_by_person[premises.person_id].append(premises)
    start, end = upcoming_window(today, days)
    events_by_person: defaultdict[int, list[ScheduledEvent]] = defaultdict(list)
    rows = db.execute(
        select(Surgery, Premises)
        .join(Premises, Premises.id == Surgery.premises_id)
        .where(Surgery.starts_at >= start, Surgery.starts_at < end)
        .order_by(Surgery.starts_at)
    )
    for surgery, premises in rows:
        events_by_person[premises.person_id].append(
            ScheduledEvent(
                name="constituency surgery",
                on=surgery.starts_at.astimezone(LONDON).date(),
                venue=premises.name,
                lat=premises.lat,
                lon=premises.lon,
            )
        )
    result = []
    for person in persons:
        aliases = tuple(a for a in (person.aliases or []) if a)
        if person.full_title and person.full_title != person.name:
            aliases = (*aliases, person.full_title)
        result.append(
            TriagePerson(
                id=str(person.id),
                name=person.name,
                role=_ROLE.get(person.kind, person.kind),
                constituency=person.constituency,
                force=person.force_slug,
                aliases=aliases,
                premises=tuple(
                    TriagePremises(
                        name=p.name, kind=p.kind, lat=p.lat, lon=p.lon, aliases=tuple(p.aliases or [])
                    )
                    for p in premises_by_person.get(person.id, [])
                ),
                events=tuple(events_by_person.get(person.id, [])),
            )
        )
    return result


def notify_contact(
    db: Session, *, person_id: int | str, report_id: int, reason: str, actor: Actor = SYSTEM
) -> ContactNotification | None:
    """An in-app notice to the person's single point of contact (or their force when none is
    set) that a report concerns them. Idempotent: one notice per person and report, so a
    re-run job sends nothing twice. Returns None for an unknown person or report."""
    person = db.get(ProtectedPerson, int(person_id))
    report = db.get(Report, report_id)
    if person is None or report is None:
        return None
    existing = db.scalar(
        select(ContactNotification).where(
            ContactNotification.person_id == person.id, ContactNotification.report_id == report_id
        )
    )
    if existing is not None:
        return existing
    notice = ContactNotification(
        person_id=person.id,
        report_id=report_id,
        recipient_user_id=person.spoc_user_id,
        recipient_org_id=person.owner_org_id,
        reason=reason[:2000],
    )
    db.add(notice)
    db.flush()
    record(
        db,
        tag=AuditTag.protect_notify,
        actor=actor,
        object_type="protected_person",
        object_id=person.id,
        details={"report_id": report_id, "recipient_user_id": person.spoc_user_id, "reason": reason[:500]},
    )
    return notice
