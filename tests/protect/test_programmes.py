"""Programmes and reviews over HTTP: allocation, the state machine, progress, partners, export."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.auth import csrf, login
from tests.factories.protect import HOME_CANARY
from tests.protect.conftest import World
from vigil.audit.models import AuditEvent
from vigil.protect.programmes.models import Review
from vigil.web.csv_safe import neutralise as safe_cell

AREAS = ("physical", "procedural", "personal", "online", "lone_working")


def _post(client: TestClient, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json=body, headers={"X-CSRF-Token": csrf(client)})


def _programme(client: TestClient, **extra: Any) -> int:
    r = _post(
        client, "/api/v1/protect/programmes", {"name": "Contact every MP", "target_kind": "all_mps", **extra}
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _reviews(db: Session, programme_id: int) -> dict[str, Review]:
    db.expire_all()
    rows = {
        r.force_slug or "": r for r in db.scalars(select(Review).where(Review.programme_id == programme_id))
    }
    db.rollback()
    return rows


def _walk(client: TestClient, review_id: int, *states: str, **extra: Any) -> Any:
    r = None
    for state in states:
        r = _post(client, f"/api/v1/protect/reviews/{review_id}/transition", {"to": state, **extra})
        assert r.status_code == 200, (state, r.text)
    return r


def test_a_programme_creates_one_review_per_mp_allocated_to_the_force(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    pid = _programme(client)
    reviews = _reviews(db, pid)
    assert set(reviews) == {"bedfordshire", "thames-valley"}
    assert reviews["bedfordshire"].person_id == world.beds_mp.id
    assert all(r.state == "pending" for r in reviews.values())
    assert reviews["bedfordshire"].assignee_org_id != reviews["thames-valley"].assignee_org_id


def test_a_region_programme_targets_only_that_region(client: TestClient, db: Session, world: World) -> None:
    login(client, "olive")
    pid = _programme(client, target_kind="mps_in_region", target_param="CTPE")
    assert set(_reviews(db, pid)) == {"bedfordshire"}
    r = _post(client, "/api/v1/protect/programmes", {"name": "x", "target_kind": "mps_in_region"})
    assert r.status_code == 422 and "region" in r.text


def test_a_review_is_worked_from_pending_to_closed_and_progress_follows(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    pid = _programme(client)
    rid = _reviews(db, pid)["bedfordshire"].id
    _walk(client, rid, "offered", "accepted")
    r = _post(client, f"/api/v1/protect/reviews/{rid}/transition", {"to": "assessment_booked"})
    assert r.status_code == 422 and "booked_for" in r.text
    _walk(client, rid, "assessment_booked", booked_for=str(date.today()))
    r = _post(client, f"/api/v1/protect/reviews/{rid}/transition", {"to": "assessed"})
    assert r.status_code == 422 and "assessment" in r.text
    partial = {"assessed_on": str(date.today()), "areas": {"physical": {"rating": "adequate"}}}
    r = _post(client, f"/api/v1/protect/reviews/{rid}/assessment", partial)
    assert r.status_code == 422 and "lone_working" in r.text
    full = {
        "assessed_on": str(date.today()),
        "areas": {a: {"rating": "needs_improvement", "findings": f"{a} gaps"} for a in AREAS},
    }
    assert _post(client, f"/api/v1/protect/reviews/{rid}/assessment", full).status_code == 200
    _walk(client, rid, "assessed")
    rec = {
        "text": "Fit a door entry system",
        "owner": "parliament_security",
        "due_on": str(date.today() - timedelta(days=1)),
    }
    rec_id = _post(client, f"/api/v1/protect/reviews/{rid}/recommendations", rec).json()["id"]
    progress = client.get(f"/api/v1/protect/programmes/{pid}/progress").json()["overall"]
    assert (progress["assessed"], progress["recs_outstanding"], progress["recs_overdue"]) == (1, 1, 1)
    assert progress["contacted_in_time"] == 1 and progress["accepted"] == 1 and progress["total"] == 2
    page = client.get(f"/protect/reviews/{rid}")
    assert "overdue" in page.text
    _walk(client, rid, "recommendations_issued", "measures_in_place")
    done = client.patch(
        f"/api/v1/protect/recommendations/{rec_id}",
        json={"state": "done"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert done.json()["state"] == "done"
    _walk(client, rid, "closed")
    progress = client.get(f"/api/v1/protect/programmes/{pid}/progress").json()
    assert progress["overall"]["closed"] == 1 and progress["overall"]["recs_outstanding"] == 0
    assert progress["overall"]["accepted"] == 1  # a closed review that was accepted still counts
    assert {t["key"]: t["closed"] for t in progress["by_region"]} == {"CTPE": 1, "CTPSE": 0}


def test_an_invalid_transition_is_a_409_that_names_the_allowed_next_states(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    rid = _reviews(db, _programme(client))["bedfordshire"].id
    r = _post(client, f"/api/v1/protect/reviews/{rid}/transition", {"to": "assessed"})
    assert r.status_code == 409
    assert r.json()["detail"] == "a review cannot move from pending to assessed; next allowed: offered"
    _walk(client, rid, "offered", "declined", "closed")
    r = _post(client, f"/api/v1/protect/reviews/{rid}/transition", {"to": "offered"})
    assert r.status_code == 409 and "closed" in r.json()["detail"]
    bogus = _post(client, f"/api/v1/protect/reviews/{rid}/transition", {"to": "teleported"})
    assert bogus.status_code == 422


def test_the_partner_sees_progress_and_export_but_no_home(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    pid = _programme(client)
    rid = _reviews(db, pid)["bedfordshire"].id
    _walk(client, rid, "offered")
    login(client, "pat")
    progress = client.get(f"/api/v1/protect/programmes/{pid}/progress")
    assert progress.status_code == 200 and progress.json()["overall"]["total"] == 2
    page = client.get(f"/protect/programmes/{pid}")
    assert page.status_code == 200 and 'data-count="contacted_in_time">1<' in page.text
    assert "<svg" in page.text and HOME_CANARY not in page.text
    export = client.get(f"/api/v1/protect/programmes/{pid}/export.csv")
    assert export.status_code == 200 and export.headers["content-disposition"].startswith("attachment")
    assert HOME_CANARY not in export.text
    assert client.get(f"/protect/reviews/{rid}").status_code == 200
    assert _post(client, f"/api/v1/protect/reviews/{rid}/transition", {"to": "accepted"}).status_code == 403


def test_it_denies_another_force_the_programme_and_the_owning_forces_review(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    pid = _programme(client)
    reviews = _reviews(db, pid)
    login(client, "tom")
    assert client.get(f"/api/v1/protect/programmes/{pid}/progress").status_code == 404
    assert client.get(f"/api/v1/protect/programmes/{pid}/export.csv").status_code == 404
    assert client.get(f"/protect/programmes/{pid}").status_code == 404
    beds = reviews["bedfordshire"].id
    assert client.get(f"/protect/reviews/{beds}").status_code == 404
    assert _post(client, f"/api/v1/protect/reviews/{beds}/transition", {"to": "offered"}).status_code == 404
    assert _reviews(db, pid)["bedfordshire"].state == "pending"
    # tom works his own force's review, which his force owns
    assert (
        _post(
            client, f"/api/v1/protect/reviews/{reviews['thames-valley'].id}/transition", {"to": "offered"}
        ).status_code
        == 200
    )
    progress_page = client.get("/protect/progress")
    assert "bedfordshire" not in progress_page.text  # counts only what tom may see


def test_it_denies_anonymous_callers_the_programme_routes(client: TestClient, world: World) -> None:
    assert client.get("/api/v1/protect/programmes/1/progress").status_code == 401
    assert client.get("/api/v1/protect/programmes/1/export.csv").status_code == 401
    assert client.post("/api/v1/protect/reviews/1/transition", json={"to": "offered"}).status_code == 401


def test_the_export_neutralises_formulas_and_round_trips(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    evil = '=HYPERLINK("http://x","y")'
    for name in (evil, "+1", "-1", "@SUM(A1)", 'Plain, with "quotes"\nand a newline'):
        body = {"kind": "mp", "name": name, "force_slug": "bedfordshire"}
        assert _post(client, "/api/v1/protect/persons", body).status_code == 201
    pid = _programme(client)
    rows = list(csv.reader(io.StringIO(client.get(f"/api/v1/protect/programmes/{pid}/export.csv").text)))
    targets = {row[2] for row in rows[1:]}
    assert "'" + evil in targets and "'+1" in targets and "'-1" in targets and "'@SUM(A1)" in targets
    assert 'Plain, with "quotes"\nand a newline' in targets
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)


@given(st.text(max_size=40))
def test_every_exported_cell_is_formula_safe_and_round_trips(text: str) -> None:
    cell = safe_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\0"))
    assert cell == text or cell == "'" + text
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([cell])
    assert next(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [cell]


def test_an_enhanced_venue_programme_reviews_only_enhanced_tier_venues(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    for name, capacity in (("Bedford Arena", 5000), ("Corner Cafe", 250)):
        body = {"name": name, "kind": "stadium", "capacity": capacity, "force_slug": "bedfordshire"}
        assert _post(client, "/api/v1/protect/venues", body).status_code == 201
    pid = _programme(client, target_kind="enhanced_venues")
    db.expire_all()
    reviews = list(db.scalars(select(Review).where(Review.programme_id == pid)))
    db.rollback()
    assert [(r.target_label, r.force_slug, r.person_id is None) for r in reviews] == [
        ("Bedford Arena", "bedfordshire", True)
    ]


def test_each_review_change_is_audited_once_whether_made_through_the_api_or_the_page(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    pid = _programme(client)
    rid = _reviews(db, pid)["bedfordshire"].id
    _walk(client, rid, "offered")  # the API
    page = client.post(
        f"/protect/reviews/{rid}/transition",
        data={"to": "accepted", "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert page.status_code == 303, page.text  # the page form
    db.expire_all()
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.tag == "programme:write",
            AuditEvent.object_type == "review",
            AuditEvent.object_id == str(rid),
        )
    ).all()
    assert [(e.details["from"], e.details["to"], e.actor) for e in events] == [
        ("pending", "offered", "olive"),
        ("offered", "accepted", "olive"),
    ]
