"""The analyst's decisions through HTTP: grade, override, assign, act, link, close."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.auth import csrf, login
from tests.workspace.conftest import World
from vigil.audit.models import AuditEvent
from vigil.intake.models import Report
from vigil.triage.models import LinkSuggestion
from vigil.workspace.models import Notification, ReportLink, TriageOverride
from vigil.workspace.reports.grading import from_5x5x5


def api(client: TestClient, path: str, body: dict[str, object]) -> object:
    return client.post(path, json=body, headers={"X-CSRF-Token": csrf(client)})


def test_queue_orders_by_urgency_and_shows_sla_and_counts(client: TestClient, world: World) -> None:
    login(client, "asha")
    data = client.get("/api/v1/workspace/queue").json()
    refs = [r["reference"] for r in data["reports"]]
    assert refs.index(world.beds) < refs.index(world.beds_dup)  # immediate before high
    assert data["counts"]["immediate"] == 1 and data["counts"]["high"] == 1
    html = client.get("/workspace/queue").text
    assert 'data-sla="red"' in html  # immediate, 20 minutes old, 15-minute SLA
    filtered = client.get("/api/v1/workspace/queue", params={"urgency": "high"}).json()
    assert [r["reference"] for r in filtered["reports"]] == [world.beds_dup]


def test_immediate_report_pages_the_duty_supervisor_once(
    client: TestClient, db: Session, world: World
) -> None:
    from tests.factories.auth import user  # noqa: PLC0415
    from vigil.auth.enums import Role  # noqa: PLC0415

    user(db, "duty", roles=(Role.analyst, Role.supervisor))
    db.commit()
    login(client, "asha")
    client.get("/workspace/queue")
    client.get("/workspace/queue")
    db.expire_all()
    messages = [n.message for n in db.scalars(select(Notification))]
    db.rollback()
    assert len(messages) == 1 and world.beds in messages[0]
    login(client, "duty")
    assert world.beds in client.get("/workspace/notifications").text


def test_grading_regrading_and_5x5x5_import(client: TestClient, db: Session, world: World) -> None:
    login(client, "asha")
    base = f"/api/v1/workspace/reports/{world.beds}"
    bad = api(client, base + "/grade", {"source_grade": 1, "intel_grade": "B", "handling_code": "C"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "handling_conditions"  # type: ignore[attr-defined]
    assert api(client, base + "/grade", {"source_grade": 1, "intel_grade": "B"}).json()["grade"] == "1BP"  # type: ignore[attr-defined]
    assert api(client, base + "/grade", {"source_grade": 3, "intel_grade": "E"}).status_code == 422  # type: ignore[attr-defined]
    regraded = api(client, base + "/grade", {"legacy_grade": "D35", "reason": "legacy record"})
    assert regraded.json()["grade"] == "3CC"  # type: ignore[attr-defined]
    assert (
        api(client, base + "/grade", {"source_grade": 1, "intel_grade": "A", "extra": 1}).status_code == 422
    )  # type: ignore[attr-defined]
    db.expire_all()
    tags = [e.tag for e in db.scalars(select(AuditEvent).where(AuditEvent.tag == "report:grade"))]
    db.rollback()
    assert len(tags) == 2


def test_5x5x5_mapping() -> None:
    assert from_5x5x5("A11").code == "1AP"
    assert from_5x5x5("E 4 2").code == "2DC"


def test_override_is_kept_beside_the_engine_result(client: TestClient, db: Session, world: World) -> None:
    login(client, "asha")
    base = f"/api/v1/workspace/reports/{world.beds}"
    assert (
        api(client, base + "/override", {"field": "urgency", "value": "low", "reason": ""}).status_code == 422
    )  # type: ignore[attr-defined]
    assert (
        api(
            client, base + "/override", {"field": "urgency", "value": "low", "reason": "hoax caller"}
        ).status_code
        == 200
    )  # type: ignore[attr-defined]
    detail = client.get(base).json()
    assert detail["urgency"] == "low" and detail["triage"]["urgency"] == "immediate"
    assert detail["overrides"] == [
        {"field": "urgency", "engine": "immediate", "value": "low", "reason": "hoax caller"}
    ]
    db.expire_all()
    assert db.scalar(select(TriageOverride.previous_value)) == "immediate"
    db.rollback()


def test_workflow_states_and_grading_before_leaving_the_unit(client: TestClient, world: World) -> None:
    login(client, "asha")
    base = f"/api/v1/workspace/reports/{world.beds}"
    assert api(client, base + "/state", {"to": "actioned"}).status_code == 422  # type: ignore[attr-defined]
    assert api(client, base + "/state", {"to": "in_assessment"}).json()["state"] == "in_assessment"  # type: ignore[attr-defined]
    blocked = api(client, base + "/state", {"to": "closed", "closed_reason": "passed_to_force"})
    assert blocked.json()["errors"][0]["field"] == "grade"  # type: ignore[attr-defined]
    api(client, base + "/grade", {"source_grade": 2, "intel_grade": "C"})
    closed = api(client, base + "/state", {"to": "closed", "closed_reason": "passed_to_force"}).json()  # type: ignore[attr-defined]
    assert closed["state"] == "closed" and closed["closed_reason"] == "passed_to_force"
    history = [h["summary"] for h in client.get(base).json()["history"]]
    assert "in_assessment -> closed (passed_to_force)" in history


def test_assigning_others_needs_the_supervisor_permission(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "asha")
    base = f"/api/v1/workspace/reports/{world.beds}"
    me = db.scalar(select(Report.id).where(Report.reference == world.beds))
    db.rollback()
    assert me
    assert api(client, base + "/assign", {"assignee_id": 999}).status_code == 403  # type: ignore[attr-defined]
    login(client, "megan")
    # megan cannot even find the report
    assert api(client, base + "/assign", {"assignee_id": None}).status_code == 404  # type: ignore[attr-defined]


def test_confirm_reject_split_possible_matches(client: TestClient, db: Session, world: World) -> None:
    login(client, "asha")
    base = f"/api/v1/workspace/reports/{world.beds}/links/{world.suggestion_id}"
    assert api(client, base, {"decision": "split"}).status_code == 422  # type: ignore[attr-defined]
    assert api(client, base, {"decision": "confirm"}).status_code == 200  # type: ignore[attr-defined]
    dup = client.get(f"/api/v1/workspace/reports/{world.beds_dup}").json()
    assert dup["duplicate_of"] == world.beds and "CANARY-DUP" in dup["description"]  # keeps its own text
    primary_page = client.get(f"/workspace/reports/{world.beds}").text
    assert "CANARY-DUP" in primary_page  # the thread, side by side
    assert api(client, base, {"decision": "split"}).status_code == 200  # type: ignore[attr-defined]
    db.expire_all()
    assert db.scalar(select(ReportLink.id)) is None
    assert db.scalar(select(LinkSuggestion.status)) == "split"
    db.rollback()
    assert (
        client.get(f"/api/v1/workspace/reports/{world.beds}").json()["matches"] == []
    )  # not suggested again


def test_action_loop_result_becomes_a_new_report(client: TestClient, db: Session, world: World) -> None:
    login(client, "asha")
    made = api(client, f"/api/v1/workspace/reports/{world.beds}/actions", {"title": "Check ANPR for AB12CDE"})
    assert made.json()["state"] == "actioned"  # type: ignore[attr-defined]
    action_id = client.get(f"/api/v1/workspace/reports/{world.beds}").json()["actions"][0]["id"]
    page = client.get(f"/workspace/actions/{action_id}")
    assert page.status_code == 200
    done = client.post(
        f"/workspace/actions/{action_id}",
        data={
            "state": "done",
            "result_text": "ANPR shows AB12CDE at Dunstable",
            "result_as_report": "true",
            "csrf_token": csrf(client),
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    db.expire_all()
    new = db.scalar(select(Report).where(Report.description == "ANPR shows AB12CDE at Dunstable"))
    assert new is not None and new.owner_org_id == db.scalar(
        select(Report.owner_org_id).where(Report.reference == world.beds)
    )
    db.rollback()


def test_operations_follow_the_high_water_mark(client: TestClient, world: World) -> None:
    login(client, "asha")
    made = client.post(
        "/workspace/operations",
        data={"name": "Op Wren", "classification": "OFFICIAL", "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert made.status_code == 303
    op_id = made.headers["location"].rsplit("/", 1)[1]
    refused = client.post(
        f"/workspace/reports/{world.beds}/operation", data={"operation_id": op_id, "csrf_token": csrf(client)}
    )
    assert refused.status_code == 422 and "raise the operation" in refused.text
    too_high = client.post(
        "/workspace/operations", data={"name": "Op X", "classification": "SECRET", "csrf_token": csrf(client)}
    )
    assert too_high.status_code == 422


def test_search_and_entity_pages(client: TestClient, world: World) -> None:
    login(client, "asha")
    found = client.get("/api/v1/workspace/search", params={"q": "barriers airport"}).json()
    assert {r["reference"] for r in found["reports"]} == {world.beds, world.beds_dup}
    assert [
        e["value"]
        for e in client.get("/api/v1/workspace/search", params={"q": "ab12 cde"}).json()["entities"]
    ] == ["AB12CDE"]
    page = client.get(f"/workspace/entities/{world.entity_id}").text
    assert world.beds in page and world.beds_dup in page and "Op Kestrel" in page
    report_page = client.get(f"/workspace/reports/{world.beds}").text
    assert '<mark class="entity" title="vehicle">AB12 CDE</mark>' in report_page


def test_report_text_is_escaped(client: TestClient, db: Session, world: World) -> None:
    from tests.factories import intake as reports  # noqa: PLC0415

    evil = reports.report(db, description="<script>alert(1)</script> {{7*7}}")
    login(client, "asha")
    html = client.get(f"/workspace/reports/{evil.reference}").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html and "{{7*7}}" in html
