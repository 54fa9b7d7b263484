"""Only a records manager (admin) of the owning organisation sees the queue and decides; every
other persona is refused over real HTTP, and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories.auth import csrf, login
from tests.retention.conftest import World, make_due
from vigil.audit.models import AuditEvent
from vigil.intake.models import Report
from vigil.retention.models import RetentionDecision

ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/retention/queue", None),
    ("GET", "/admin/retention", None),
    (
        "POST",
        "/api/v1/retention/reports/{ref}/retain",
        {"reason": "x", "next_review_at": "2031-01-01T00:00:00Z"},
    ),
    ("POST", "/api/v1/retention/reports/{ref}/hold", {"hold": True, "reason": "x"}),
    ("POST", "/api/v1/retention/reports/{ref}/dispose", {"reason": "x"}),
    ("POST", "/admin/retention/{ref}", {"decision": "dispose", "reason": "x"}),
    ("POST", "/api/v1/retention/clock/accept", {"reason": "x"}),
    ("POST", "/admin/retention/clock/accept", {"reason": "x"}),
]
OBJECT_ROUTES = [r for r in ROUTES if "{ref}" in r[1]]


def _send(client: TestClient, method: str, path: str, body: dict[str, Any] | None, ref: str) -> Any:
    url = path.replace("{ref}", ref)
    if method == "GET":
        return client.get(url, follow_redirects=False)
    headers = {"X-CSRF-Token": csrf(client)}
    if url.startswith("/api/"):
        return client.post(url, json=body, headers=headers, follow_redirects=False)
    return client.post(url, data=body, headers=headers, follow_redirects=False)


def _state(db: Session) -> tuple[int, int]:
    db.expire_all()
    counts = (
        db.scalar(select(func.count()).select_from(Report)) or 0,
        db.scalar(select(func.count()).select_from(RetentionDecision)) or 0,
    )
    db.rollback()
    return counts


@pytest.mark.parametrize(
    "persona",
    [
        "asha",
        "megan",
        "pat",
        "jo",
        "sam",
    ],  # owning-force analyst, other force, partner, call handler, CT supervisor
)
def test_it_denies_every_retention_route_to_non_records_roles(
    client: TestClient, db: Session, world: World, persona: str
) -> None:
    make_due(db, world.canary)
    before = _state(db)
    login(client, persona)
    for method, path, body in ROUTES:
        r = _send(client, method, path, body, world.canary)
        assert r.status_code == 403, (persona, path, r.status_code)
    assert _state(db) == before
    denied = db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.tag == "access:denied"))
    assert denied == len(ROUTES)


def test_another_forces_records_manager_gets_404_on_this_forces_report(
    client: TestClient, db: Session, world: World
) -> None:
    make_due(db, world.canary)
    before = _state(db)
    login(client, "otto")
    assert client.get("/api/v1/retention/queue").json() == {"total": 0, "items": []}
    assert world.canary not in client.get("/admin/retention").text
    for method, path, body in OBJECT_ROUTES:
        assert _send(client, method, path, body, world.canary).status_code == 404, path
    assert client.get(f"/api/v1/retention/disposed/{world.canary}").status_code == 404
    assert _state(db) == before


def test_anonymous_callers_are_refused_or_sent_to_sign_in(
    client: TestClient, db: Session, world: World
) -> None:
    make_due(db, world.canary)
    before = _state(db)
    assert client.get("/api/v1/retention/queue").status_code == 401
    page = client.get("/admin/retention", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    r = client.post(f"/api/v1/retention/reports/{world.canary}/dispose", json={"reason": "x"})
    assert r.status_code == 401
    assert _state(db) == before


def test_the_owning_forces_records_manager_may_do_everything(
    client: TestClient, db: Session, world: World
) -> None:
    make_due(db, world.canary)
    login(client, "ada")
    expected = {"GET": {200}, "POST": {200, 303}}
    for method, path, body in ROUTES:
        r = _send(client, method, path, body, world.canary)
        if "hold" in path:  # the hold set here makes the next disposal a 409, as it should
            assert r.status_code == 200
            continue
        if "dispose" in str(body) or path.endswith("/dispose"):
            assert r.status_code == 409, path
            continue
        assert r.status_code in expected[method], (path, r.status_code, r.text[:200])
