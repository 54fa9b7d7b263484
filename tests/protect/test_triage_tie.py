"""The registers feed triage: the context functions, and a report naming a surgery venue on a
date, posted to the API and triaged by the worker, linked to the MP and raised in urgency."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import protect as pf
from tests.factories.auth import login
from tests.protect.conftest import World
from vigil.audit.models import AuditEvent
from vigil.auth.models import User
from vigil.config import Settings
from vigil.intake.models import Report
from vigil.jobs.registry import default_handlers
from vigil.jobs.worker import Worker
from vigil.protect.context import notify_contact, protected_persons_for_triage
from vigil.protect.models import ContactNotification, Premises, ProtectedPerson
from vigil.triage import tasks
from vigil.triage.models import TriageRecord

URGENCY_RANK = {"immediate": 0, "high": 1, "standard": 2, "low": 3}


def _surgery_in(db: Session, world: World, days: int) -> date:
    venue = db.get(Premises, world.venue.id)
    assert venue is not None
    on = date.today() + timedelta(days=days)
    pf.surgery(db, venue, datetime(on.year, on.month, on.day, 10, 0, tzinfo=UTC))
    db.commit()
    return on


def test_the_context_holds_mps_with_premises_and_upcoming_surgeries_but_no_homes(
    db: Session, world: World
) -> None:
    soon = _surgery_in(db, world, 3)
    _surgery_in(db, world, 30)  # beyond the window
    persons = {p.id: p for p in protected_persons_for_triage(db, today=date.today())}
    db.rollback()
    ann = persons[str(world.beds_mp.id)]
    assert (ann.name, ann.role, ann.constituency, ann.force) == (
        "Ann Able",
        "MP",
        "Bedford & Kempston",
        "bedfordshire",
    )
    assert [(p.name, p.kind, p.lat) for p in ann.premises] == [
        ("Kempston Community Centre", "surgery_venue", 52.11)
    ]
    assert [(e.on, e.venue) for e in ann.events] == [(soon, "Kempston Community Centre")]
    assert pf.HOME_CANARY not in repr(list(persons.values()))
    assert persons[str(world.tv_mp.id)].premises == ()


def test_notify_contact_writes_one_notice_to_the_spoc_and_audits_it(
    client: TestClient, db: Session, world: World
) -> None:
    from tests.factories.intake import report  # noqa: PLC0415

    person = db.get(ProtectedPerson, world.beds_mp.id)
    assert person is not None
    olive = db.scalar(select(User).where(User.username == "olive"))
    assert olive is not None
    person.spoc_user_id = olive.id
    db.commit()
    row = report(db, owner="bedfordshire")
    first = notify_contact(
        db, person_id=str(world.beds_mp.id), report_id=row.id, reason="mentions Kempston Community Centre"
    )
    again = notify_contact(db, person_id=world.beds_mp.id, report_id=row.id, reason="re-run")
    db.commit()
    assert first is not None and again is not None and first.id == again.id
    notices = db.scalars(select(ContactNotification)).all()
    assert [(n.recipient_user_id, n.reason) for n in notices] == [
        (olive.id, "mentions Kempston Community Centre")
    ]
    assert db.scalars(select(AuditEvent.tag).where(AuditEvent.tag == "protect:notify")).all() == [
        "protect:notify"
    ]
    assert notify_contact(db, person_id=999_999, report_id=row.id, reason="x") is None
    reference = row.reference
    db.rollback()
    login(client, "olive")
    page = client.get("/protect/notifications").text
    assert reference in page and "mentions Kempston Community Centre" in page
    login(client, "tom")
    assert reference not in client.get("/protect/notifications").text


def _post_and_triage(
    client: TestClient, sessions: sessionmaker[Session], settings: Settings, text: str
) -> str:
    response = client.post(
        "/api/v1/reports", json={"report_type": "suspicious_activity", "description": text}
    )
    assert response.status_code == 201, response.text
    reference = str(response.json()["reference"])
    tasks._contexts.invalidate()  # the register just changed; the job re-reads it
    worker = Worker(sessions=sessions, handlers=default_handlers(), settings=settings)
    # Drain, and if a loaded machine made an attempt fail (it is retried after a back-off),
    # keep going until the report is triaged or half a minute has passed.
    deadline = time.monotonic() + 30
    while True:
        while worker.run_once():
            pass
        with sessions() as check:
            state = check.scalar(select(Report.triage_state).where(Report.reference == reference))
        if state == "triaged" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert state == "triaged", f"report {reference} was not triaged: {state}"
    return reference


def test_a_report_naming_a_surgery_venue_on_a_date_is_linked_to_the_mp_and_raised(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, world: World
) -> None:
    on = _surgery_in(db, world, 4)
    when = f"{on:%A} {on.day} {on:%B}"
    text = (
        f"Two men were filming the doors of the {{place}} and asking when the surgery on {when} starts "
        "and who else attends. They wrote the times down and drove off."
    )
    plain_ref = _post_and_triage(client, sessions, settings, text.format(place="Riverside Leisure Hall"))
    ref = _post_and_triage(client, sessions, settings, text.format(place="Kempston Community Centre"))
    db.expire_all()
    plain = db.scalar(select(Report).where(Report.reference == plain_ref))
    linked = db.scalar(select(Report).where(Report.reference == ref))
    assert plain is not None and linked is not None
    assert linked.protected_person_id == world.beds_mp.id
    assert plain.protected_person_id is None
    record = db.scalars(select(TriageRecord).where(TriageRecord.report_id == linked.id)).one()
    assert any("Kempston Community Centre" in reason for reason in record.reasons), record.reasons
    assert URGENCY_RANK[linked.urgency or "low"] < URGENCY_RANK[plain.urgency or "low"]


def test_the_triage_job_notifies_the_mps_contact(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, world: World
) -> None:
    _surgery_in(db, world, 2)
    _post_and_triage(
        client,
        sessions,
        settings,
        "A man was watching Kempston Community Centre and asking about the MP's surgery.",
    )
    db.expire_all()
    assert db.scalars(
        select(ContactNotification).where(ContactNotification.person_id == world.beds_mp.id)
    ).all()
