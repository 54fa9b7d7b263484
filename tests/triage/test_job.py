"""The triage job: a report posted to the API is triaged by a worker, its result stored with
its reasons, its entities indexed, its links suggested; re-triage keeps history."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import reference as fx
from tests.factories.auth import login, make_personas, user
from vigil.auth.enums import Role
from vigil.config import Settings
from vigil.intake.models import Report
from vigil.jobs.registry import default_handlers
from vigil.jobs.worker import Worker
from vigil.reference.service import import_directory
from vigil.triage import pipeline, tasks
from vigil.triage.models import Entity, LinkKey, LinkRecordRow, LinkSuggestion, Mention, TriageRecord
from vigil.workspace.models import Notification

TEXT = (
    "Right now there is a man waving a large knife outside the shop on the high street and "
    "shouting at people. He got out of a white van AB12 CDE. Call me on 07700 900123."
)


def _post(client: TestClient, text: str, **extra: object) -> str:
    response = client.post(
        "/api/v1/reports", json={"report_type": "suspicious_activity", "description": text, **extra}
    )
    assert response.status_code == 201, response.text
    return str(response.json()["reference"])


def _drain(sessions: sessionmaker[Session], settings: Settings) -> None:
    worker = Worker(sessions=sessions, handlers=default_handlers(), settings=settings)
    while worker.run_once():
        pass


@pytest.fixture
def reference(db: Session, tmp_path: Path) -> None:
    import_directory(db=db, directory=fx.build(tmp_path / "ref"))
    db.commit()


def test_a_posted_report_is_triaged_with_reasons_and_indexed(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, reference: None
) -> None:
    ref = _post(client, TEXT, latitude=52.5, longitude=-0.5)
    _drain(sessions, settings)
    report = db.scalar(select(Report).where(Report.reference == ref))
    assert report is not None
    record = db.scalars(select(TriageRecord).where(TriageRecord.report_id == report.id)).one()
    assert record.urgency == "immediate"
    assert record.category in {"weapons_explosives", "threat_to_person"}
    assert any("knife" in r or "weapon" in r for r in record.reasons)
    assert record.entities["vehicles"] == ["AB12CDE"]
    assert record.entities["phones"] == ["+447700900123"]
    assert record.engine_version == pipeline.ENGINE_VERSION
    assert (report.urgency, report.urgency_rank, report.triage_state) == ("immediate", 0, "triaged")
    assert report.force_slug == "bedfordshire"
    kinds = {
        e.kind: e.value
        for e in db.scalars(select(Entity).join(Mention).where(Mention.report_id == report.id))
    }
    assert kinds["vehicle"] == "AB12CDE"
    assert kinds["phone"] == "+447700900123"


def test_a_second_report_of_the_same_event_is_suggested_as_a_duplicate_not_merged(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, reference: None
) -> None:
    first = _post(client, TEXT, latitude=52.5, longitude=-0.5)
    _drain(sessions, settings)
    second = _post(
        client,
        "Man waving a large knife outside the shop on the high street right now, shouting at "
        "people. He came in a white van, reg AB12 CDE.",
        latitude=52.5,
        longitude=-0.5,
    )
    _drain(sessions, settings)
    ids = {r.reference: r.id for r in db.scalars(select(Report))}
    suggestion = db.scalars(select(LinkSuggestion)).one()
    assert (suggestion.report_id, suggestion.other_report_id) == (ids[second], ids[first])
    assert suggestion.kind == "duplicate"
    assert suggestion.status == "suggested"
    assert suggestion.reasons
    assert db.scalar(select(Report.description).where(Report.id == ids[second])) != TEXT  # both texts kept


def test_a_rerun_of_the_job_adds_nothing(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, reference: None
) -> None:
    ref = _post(client, TEXT)
    _drain(sessions, settings)
    report = db.scalar(select(Report).where(Report.reference == ref))
    assert report is not None
    report_id = report.id
    with sessions() as other:
        tasks.triage_report(other, {"report_id": report_id}, None)  # type: ignore[arg-type]
        other.commit()
    assert len(db.scalars(select(TriageRecord).where(TriageRecord.report_id == report_id)).all()) == 1


def test_a_new_engine_version_adds_a_result_and_keeps_the_old_one(
    client: TestClient,
    db: Session,
    sessions: sessionmaker[Session],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    reference: None,
) -> None:
    ref = _post(client, TEXT)
    _drain(sessions, settings)
    report = db.scalar(select(Report).where(Report.reference == ref))
    assert report is not None
    monkeypatch.setattr(pipeline, "ENGINE_VERSION", "rules-9.9.9")
    report_id = report.id
    with sessions() as other:
        tasks.triage_report(other, {"report_id": report_id}, None)  # type: ignore[arg-type]
        other.commit()
    versions = db.scalars(
        select(TriageRecord.engine_version)
        .where(TriageRecord.report_id == report_id)
        .order_by(TriageRecord.id)
    ).all()
    assert len(versions) == 2
    assert versions[1] == "rules-9.9.9"
    assert versions[0] != "rules-9.9.9"


def test_an_immediate_report_pages_the_owning_forces_supervisor_at_once(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, reference: None
) -> None:
    tom = user(db, "tom", org_code="bedfordshire", roles=(Role.supervisor,))
    user(db, "tvp-sup", org_code="thames-valley", roles=(Role.supervisor,))
    db.commit()
    ref = _post(client, TEXT, latitude=52.5, longitude=-0.5)
    _drain(sessions, settings)
    notes = db.scalars(select(Notification)).all()
    assert [(n.user_id, n.kind) for n in notes] == [(tom.id, "immediate")]
    assert ref in notes[0].message


def test_the_result_its_reasons_and_links_are_visible_to_the_owning_forces_analyst_only(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, reference: None
) -> None:
    make_personas(db)
    first = _post(client, TEXT, latitude=52.5, longitude=-0.5)
    _drain(sessions, settings)
    second = _post(
        client,
        "Man waving a large knife outside the shop on the high street right now, shouting at "
        "people. He came in a white van, reg AB12 CDE.",
        latitude=52.5,
        longitude=-0.5,
    )
    _drain(sessions, settings)
    login(client, "asha")
    page = client.get(f"/workspace/reports/{second}")
    assert page.status_code == 200
    assert "rules-1." in page.text  # the engine's result, with its version
    assert "a weapon is being shown now" in page.text or "mentions a weapon" in page.text
    assert first in page.text  # the suggested duplicate, side by side
    client.cookies.clear()
    login(client, "megan")
    assert client.get(f"/workspace/reports/{second}").status_code == 404


def test_a_follow_up_from_the_reporter_adds_a_result_that_reads_it(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, reference: None
) -> None:
    response = client.post(
        "/api/v1/reports",
        json={
            "report_type": "suspicious_activity",
            "description": "A van has been parked outside the school for two days.",
        },
    )
    ref, code = response.json()["reference"], response.json()["followup_code"]
    _drain(sessions, settings)
    added = client.post(
        f"/api/v1/reports/{ref}/followups",
        json={"text": "Update: the driver just took a gun out of the back of the van, he is still here now."},
        headers={"X-Followup-Code": code},
    )
    assert added.status_code in (200, 201), added.text
    _drain(sessions, settings)
    report = db.scalar(select(Report).where(Report.reference == ref))
    assert report is not None
    records = db.scalars(
        select(TriageRecord).where(TriageRecord.report_id == report.id).order_by(TriageRecord.id)
    ).all()
    assert [r.trigger.split(":")[0] for r in records] == ["intake", "followup"]
    order = ["immediate", "high", "standard", "low"]
    assert records[1].category == "weapons_explosives"  # the gun is only in the follow-up
    assert order.index(records[1].urgency) < order.index(records[0].urgency)
    assert report.urgency == records[1].urgency  # the queue follows the latest result


def test_a_new_engine_version_re_keys_the_report_for_linking(
    client: TestClient,
    db: Session,
    sessions: sessionmaker[Session],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    reference: None,
) -> None:
    """Link keys are facts for finding the report again, not history: a later engine that keys
    reports differently replaces them (keys an older engine wrote would otherwise be stale)."""
    ref = _post(client, TEXT)
    _drain(sessions, settings)
    report = db.scalar(select(Report).where(Report.reference == ref))
    assert report is not None
    report_id = report.id

    def keys() -> set[str]:
        with sessions() as s:
            return set(s.scalars(select(LinkKey.key).where(LinkKey.report_id == report_id)))

    fresh = keys()
    assert any(k.startswith("veh:") for k in fresh)
    with sessions() as other:  # as an older engine would have left it: no vehicle key, one stale key
        other.execute(delete(LinkKey).where(LinkKey.report_id == report_id, LinkKey.key.startswith("veh:")))
        other.add(LinkKey(key="old:family", report_id=report_id))
        other.commit()
    monkeypatch.setattr(pipeline, "ENGINE_VERSION", "rules-9.9.9")
    with sessions() as other:
        tasks.triage_report(other, {"report_id": report_id}, None)  # type: ignore[arg-type]
        other.commit()
    assert keys() == fresh
    with sessions() as other:  # the same engine again: nothing changes
        tasks.triage_report(other, {"report_id": report_id}, None)  # type: ignore[arg-type]
        other.commit()
    assert keys() == fresh
    assert (
        db.scalar(select(LinkRecordRow.category).where(LinkRecordRow.report_id == report_id))
        == "weapons_explosives"
    )
