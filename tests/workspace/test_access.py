"""Every workspace route against the personas: the owner-force analyst gets through; the
other-force analyst, the partner below the marking, the call handler without the permission
and an anonymous caller get 404, 403 or a sign-in, and no data through any route."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories.auth import csrf, login
from tests.workspace.conftest import World
from vigil.audit.models import AuditEvent
from vigil.workspace.models import Action, ReportEvent, ReportGrade

BEDS_CANARIES = ("CANARY-BEDS", "CANARY-DUP", "CANARY-SECRET", "AB12CDE", "Op Kestrel")

# (method, path, body) with {beds} {entity} {sid} {op} placeholders; body None for GET.
OBJECT_ROUTES = [
    ("GET", "/workspace/reports/{beds}", None),
    ("GET", "/api/v1/workspace/reports/{beds}", None),
    ("GET", "/workspace/entities/{entity}", None),
    ("GET", "/api/v1/workspace/entities/{entity}", None),
    ("GET", "/workspace/operations/{op}", None),
    ("GET", "/workspace/exports/reports/{beds}/briefing.pdf", None),
    ("GET", "/workspace/exports/operations/{op}/briefing.pdf", None),
    ("GET", "/workspace/exports/operations/{op}/stix.json", None),
    ("POST", "/workspace/reports/{beds}/state", {"to": "in_assessment"}),
    ("POST", "/workspace/reports/{beds}/assign", {"assignee": "me"}),
    ("POST", "/workspace/reports/{beds}/override", {"field": "urgency", "value": "low", "reason": "x"}),
    (
        "POST",
        "/workspace/reports/{beds}/grade",
        {"source_grade": "1", "intel_grade": "B", "handling_code": "P"},
    ),
    ("POST", "/workspace/reports/{beds}/actions", {"title": "Check ANPR"}),
    ("POST", "/workspace/reports/{beds}/links/{sid}", {"decision": "reject"}),
    ("POST", "/workspace/reports/{beds}/operation", {"operation_id": "{op}"}),
    ("POST", "/api/v1/workspace/reports/{beds}/state", {"to": "in_assessment"}),
    ("POST", "/api/v1/workspace/reports/{beds}/assign", {"assignee_id": None}),
    (
        "POST",
        "/api/v1/workspace/reports/{beds}/override",
        {"field": "urgency", "value": "low", "reason": "x"},
    ),
    ("POST", "/api/v1/workspace/reports/{beds}/grade", {"source_grade": 1, "intel_grade": "B"}),
    ("POST", "/api/v1/workspace/reports/{beds}/actions", {"title": "Check ANPR"}),
    ("POST", "/api/v1/workspace/reports/{beds}/links/{sid}", {"decision": "reject"}),
]
LIST_ROUTES = [
    "/workspace/queue",
    "/workspace/queue?q=CANARY",
    "/api/v1/workspace/queue",
    "/workspace/search?q=CANARY",
    "/workspace/search?q=AB12",
    "/api/v1/workspace/search?q=CANARY",
    "/api/v1/workspace/search?q=AB12CDE",
    "/workspace/operations",
    "/workspace/notifications",
    "/workspace/dashboard",
    "/api/v1/workspace/dashboard",
    "/workspace/exports/reports.csv?state=all",
    "/workspace/exports/reports.json?state=all",
]


def _fill(text: str, w: World) -> str:
    return (
        text.replace("{beds}", w.beds)
        .replace("{entity}", str(w.entity_id))
        .replace("{sid}", str(w.suggestion_id))
        .replace("{op}", str(w.operation_id))
    )


def _send(client: TestClient, method: str, path: str, body: dict[str, object] | None, w: World) -> object:
    url = _fill(path, w)
    if method == "GET":
        return client.get(url, follow_redirects=False)
    headers = {"X-CSRF-Token": csrf(client)}
    if url.startswith("/api/"):
        return client.post(url, json=body, headers=headers, follow_redirects=False)
    data = {k: _fill(str(v), w) for k, v in (body or {}).items()}
    return client.post(url, data=data, headers=headers, follow_redirects=False)


def _changes(db: Session) -> tuple[int, int, int]:
    db.expire_all()
    counts = (
        db.scalar(select(func.count()).select_from(ReportEvent)) or 0,
        db.scalar(select(func.count()).select_from(ReportGrade)) or 0,
        db.scalar(select(func.count()).select_from(Action)) or 0,
    )
    db.rollback()  # end the read: SQLite transactions here take the write lock
    return counts


@pytest.mark.parametrize(("persona", "allowed"), [("megan", {404}), ("pat", {403, 404}), ("jo", {403})])
def test_it_denies_every_object_route_and_changes_nothing(
    client: TestClient, db: Session, world: World, persona: str, allowed: set[int]
) -> None:
    login(client, persona)
    before = _changes(db)
    for method, path, body in OBJECT_ROUTES:
        response = _send(client, method, path, body, world)
        assert response.status_code in allowed, (persona, method, path, response.status_code)  # type: ignore[attr-defined]
        for canary in BEDS_CANARIES:
            assert canary not in response.text, (persona, path, canary)  # type: ignore[attr-defined]
    assert _changes(db) == before


def test_the_partner_is_refused_a_report_marked_above_their_clearance(
    client: TestClient, db: Session, world: World
) -> None:
    from sqlalchemy import update  # noqa: PLC0415

    from vigil.intake.models import Report  # noqa: PLC0415

    login(client, "pat")
    assert client.get(f"/workspace/reports/{world.shared}").status_code == 200  # OFFICIAL, shared with them
    db.execute(update(Report).where(Report.reference == world.shared).values(classification="SECRET"))
    db.commit()
    assert client.get(f"/workspace/reports/{world.shared}").status_code == 404
    assert client.get(f"/api/v1/workspace/reports/{world.shared}").status_code == 404


@pytest.mark.parametrize("persona", ["megan", "pat", "jo"])
def test_lists_counts_search_exports_and_dashboard_leak_nothing(
    client: TestClient, world: World, persona: str
) -> None:
    login(client, persona)
    for path in LIST_ROUTES:
        response = client.get(path, follow_redirects=False)
        assert response.status_code in (200, 403), (persona, path)
        for canary in (*BEDS_CANARIES, world.beds, world.beds_dup, world.secret):
            assert canary not in response.text, (persona, path, canary)
    if persona == "megan":
        queue = client.get("/api/v1/workspace/queue").json()
        assert queue["counts"]["immediate"] == 0  # the Beds immediate report is not even counted
        assert [r["reference"] for r in queue["reports"]] == [world.tvp]
        assert client.get("/api/v1/workspace/dashboard").json()["total"] == 1
        assert client.get(f"/workspace/entities/{world.tvp_entity_id}").status_code == 200


def test_owner_force_analyst_gets_every_route(client: TestClient, world: World) -> None:
    login(client, "asha")
    for path in LIST_ROUTES:
        assert client.get(path).status_code == 200, path
    for method, path, _body in OBJECT_ROUTES:
        if method == "GET":
            response = client.get(_fill(path, world))
            assert response.status_code == 200, path
    assert "CANARY-BEDS" in client.get("/workspace/queue").text
    assert world.tvp not in client.get("/workspace/queue").text
    assert client.get(f"/workspace/reports/{world.tvp}").status_code == 404


def test_anonymous_callers_are_sent_to_sign_in_or_refused(client: TestClient, world: World) -> None:
    for method, path, body in OBJECT_ROUTES:
        response = _send(client, method, path, body, world)
        assert response.status_code in (401, 303, 403), path  # type: ignore[attr-defined]
        assert "CANARY" not in response.text  # type: ignore[attr-defined]
    for path in LIST_ROUTES:
        response = client.get(path, follow_redirects=False)
        assert response.status_code in (401, 303), path


def test_refusals_are_audited(client: TestClient, db: Session, world: World) -> None:
    login(client, "jo")
    client.get("/workspace/queue")
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.tag == "access:denied"))
