"""Row 32: a report past its review date is queued, never deleted by time; a records manager's
dispose decision removes its content from every table and the file store, leaving a stub."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories.auth import csrf, login
from tests.retention.conftest import CANARY, World, canary_in_database, canary_in_files, make_due
from vigil.audit.models import AuditEvent
from vigil.audit.service import verify
from vigil.config import Settings
from vigil.intake.models import Report
from vigil.retention.ledger import DisposalLedger
from vigil.retention.models import DisposedReport, RetentionDecision
from vigil.retention.tasks import run_review
from vigil.triage.models import Entity, TriageRecord


def _post(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json=body, headers={"X-CSRF-Token": csrf(client)})


def test_the_fixture_really_spreads_the_canary(db: Session, world: World, settings: Settings) -> None:
    # Without this the absence below would prove nothing.
    where = canary_in_database(db)
    for table in ("report.description", "report_contact.name", "report_attachment.filename", "entity.value"):
        assert table in where, where
    assert any(t.startswith("triage_record.") for t in where)
    assert any(t.startswith("report_followup.") for t in where)
    assert canary_in_files(settings.files_dir)


def test_a_report_past_review_is_queued_and_nothing_is_deleted_by_time(
    client: TestClient, db: Session, world: World, settings: Settings, sessions: sessionmaker[Session]
) -> None:
    login(client, "ada")
    assert client.get("/api/v1/retention/queue").json()["total"] == 0
    make_due(db, world.canary)
    with sessions() as s:
        result = run_review(db=s, settings=settings)
        s.commit()
    assert result.refused is None and result.run.due == 1
    queue = client.get("/api/v1/retention/queue").json()
    assert [i["reference"] for i in queue["items"]] == [world.canary]
    assert "description" not in queue["items"][0]  # the queue shows metadata, not the text
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Report)) == 2  # queued, not deleted
    page = client.get("/admin/retention")
    assert page.status_code == 200 and world.canary in page.text and CANARY not in page.text


def test_disposal_leaves_a_stub_and_the_canary_nowhere(
    client: TestClient, db: Session, world: World, settings: Settings
) -> None:
    make_due(db, world.canary)
    login(client, "ada")
    r = _post(
        client, f"/api/v1/retention/reports/{world.canary}/dispose", {"reason": "No policing purpose (NRAC)"}
    )
    assert r.status_code == 200, r.text
    stub = r.json()
    assert stub["reference"] == world.canary and stub["reason"] == "No policing purpose (NRAC)"
    assert set(stub) == {
        "reference", "report_type", "channel", "category", "force", "classification",
        "submitted_at", "review_due_at", "disposed_at", "disposed_by_id", "reason",
    }  # fmt: skip

    assert canary_in_database(db) == []  # every table and column, search index included
    assert canary_in_files(settings.data_dir) == []  # the original photo and its copy are gone
    db.expire_all()
    assert db.scalar(select(Report).where(Report.reference == world.canary)) is None
    assert db.scalar(select(Report).where(Report.reference == world.other)) is not None  # untouched
    assert db.scalar(select(func.count()).select_from(TriageRecord)) >= 1  # the other's triage stays
    assert db.scalar(select(func.count()).select_from(Entity)) >= 1
    assert db.scalar(select(DisposedReport).where(DisposedReport.reference == world.canary)) is not None
    kinds = list(db.scalars(select(RetentionDecision.kind)))
    assert kinds == ["dispose"]
    tags = list(db.scalars(select(AuditEvent.tag).where(AuditEvent.tag.like("retention:%"))))
    assert "retention:dispose" in tags
    erasure = db.scalar(select(AuditEvent).where(AuditEvent.tag == "retention:dispose"))
    assert erasure is not None and erasure.dpa_operation == "erasure"
    assert verify(db)[1] == []
    assert [e.reference for e in DisposalLedger(settings.data_dir).entries()] == [world.canary]
    # The stub is readable; the report is gone from every workspace route.
    assert client.get(f"/api/v1/retention/disposed/{world.canary}").json()["reference"] == world.canary
    assert (
        _post(client, f"/api/v1/retention/reports/{world.canary}/dispose", {"reason": "again"}).status_code
        == 404
    )


def test_legal_hold_refuses_disposal_with_409_and_changes_nothing(
    client: TestClient, db: Session, world: World, settings: Settings
) -> None:
    make_due(db, world.canary)
    login(client, "ada")
    held = _post(
        client, f"/api/v1/retention/reports/{world.canary}/hold", {"hold": True, "reason": "Civil claim"}
    )
    assert held.status_code == 200 and held.json()["legal_hold"] is True
    refused = _post(
        client, f"/api/v1/retention/reports/{world.canary}/dispose", {"reason": "no longer needed"}
    )
    assert refused.status_code == 409
    assert "legal hold" in refused.json()["detail"]
    assert "report.description" in canary_in_database(db)
    assert DisposalLedger(settings.data_dir).entries() == []
    page = client.post(
        f"/admin/retention/{world.canary}",
        data={"decision": "dispose", "reason": "no longer needed", "csrf_token": csrf(client)},
    )
    assert page.status_code == 409 and "legal hold" in page.text
    released = _post(
        client, f"/api/v1/retention/reports/{world.canary}/hold", {"hold": False, "reason": "Settled"}
    )
    assert released.status_code == 200
    assert (
        _post(client, f"/api/v1/retention/reports/{world.canary}/dispose", {"reason": "NFA"}).status_code
        == 200
    )
    db.expire_all()
    assert list(db.scalars(select(RetentionDecision.kind).order_by(RetentionDecision.id))) == [
        "hold",
        "release",
        "dispose",
    ]


def test_retain_records_the_reason_and_moves_the_review_date(
    client: TestClient, db: Session, world: World
) -> None:
    make_due(db, world.canary)
    login(client, "ada")
    body = {"reason": "Linked to an open operation", "next_review_at": "2031-06-01T09:00:00Z"}
    r = _post(client, f"/api/v1/retention/reports/{world.canary}/retain", body)
    assert r.status_code == 200, r.text
    assert r.json()["review_due_at"].startswith("2031-06-01")
    assert client.get("/api/v1/retention/queue").json()["total"] == 0
    db.expire_all()
    decision = db.scalar(select(RetentionDecision))
    assert (
        decision is not None
        and decision.kind == "retain"
        and decision.reason == "Linked to an open operation"
    )
    assert decision.previous_review_at is not None and decision.next_review_at is not None
    event = db.scalar(select(AuditEvent).where(AuditEvent.tag == "retention:retain"))
    assert event is not None and event.purpose == "Linked to an open operation"
    # The page form works too; a retain without a reason or into the past is refused.
    token = csrf(client)
    assert (
        client.post(
            f"/admin/retention/{world.canary}",
            data={"decision": "retain", "next_review": "2030-01-01", "csrf_token": token},
        ).status_code
        == 422
    )
    past = _post(
        client,
        f"/api/v1/retention/reports/{world.canary}/retain",
        {"reason": "x", "next_review_at": "2001-01-01T00:00:00Z"},
    )
    assert past.status_code == 422 and past.json()["errors"][0]["field"] == "next_review_at"
    extra = _post(client, f"/api/v1/retention/reports/{world.canary}/retain", {**body, "legal_hold": False})
    assert extra.status_code == 422  # no mass assignment
