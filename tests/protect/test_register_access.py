"""Markings and need-to-know on the register routes, persona by persona.

olive: protective security in the owning force (Bedfordshire), SECRET; tom: protective
security in another force; pat: Parliament security partner; and anonymous.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.auth import csrf, login
from tests.factories.protect import HOME_CANARY
from tests.protect.conftest import World
from vigil.audit.models import AuditEvent
from vigil.auth.models import User
from vigil.protect.models import ProtectedHome, ProtectedPerson


def _tags(db: Session) -> list[str]:
    db.expire_all()
    tags = list(db.scalars(select(AuditEvent.tag).order_by(AuditEvent.seq)))
    db.rollback()  # end the read so the app's next write is not blocked (SQLite)
    return tags


def test_the_owning_force_sees_the_home_address_and_the_read_is_audited(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    page = client.get(f"/protect/persons/{world.beds_mp.id}")
    assert page.status_code == 200
    assert HOME_CANARY in page.text
    assert "Kempston Community Centre" in page.text
    assert 'class="marking-banner marking-secret"' in page.text  # high-water mark of what is shown
    assert "register:home:read" in _tags(db)
    api = client.get(f"/api/v1/protect/persons/{world.beds_mp.id}/home")
    assert api.status_code == 200 and api.json()["address"] == HOME_CANARY


def test_it_denies_another_force_the_person_their_premises_and_home(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "tom")
    assert client.get(f"/protect/persons/{world.beds_mp.id}").status_code == 404
    assert client.get(f"/api/v1/protect/persons/{world.beds_mp.id}").status_code == 404
    assert client.get(f"/api/v1/protect/persons/{world.beds_mp.id}/home").status_code == 404
    listing = client.get("/api/v1/protect/persons").json()
    assert [p["name"] for p in listing["items"]] == ["Bob Baker"]
    assert listing["total"] == 1
    page = client.get("/protect/persons")
    assert "Ann Able" not in page.text and "Bob Baker" in page.text
    headers = {"X-CSRF-Token": csrf(client)}
    premises = {"kind": "surgery_venue", "name": "Sneaky Hall"}
    r = client.post(f"/api/v1/protect/persons/{world.beds_mp.id}/premises", json=premises, headers=headers)
    assert r.status_code == 404
    assert "access:denied" in _tags(db)


def test_the_parliament_partner_sees_mps_but_never_a_home(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "pat")
    page = client.get(f"/protect/persons/{world.beds_mp.id}")
    assert page.status_code == 200
    assert "Ann Able" in page.text and HOME_CANARY not in page.text
    assert client.get(f"/api/v1/protect/persons/{world.beds_mp.id}/home").status_code == 403
    assert client.get("/api/v1/protect/persons").json()["total"] == 2
    # and may not write to the register
    r = client.post(
        "/api/v1/protect/persons",
        json={"kind": "councillor", "name": "X", "force_slug": "bedfordshire"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert r.status_code == 403


def test_it_denies_anonymous_callers(client: TestClient, world: World) -> None:
    assert client.get("/api/v1/protect/persons").status_code == 401
    assert client.get(f"/api/v1/protect/persons/{world.beds_mp.id}/home").status_code == 401
    r = client.get("/protect/persons", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_a_home_is_refused_above_the_deployment_tier(client: TestClient, db: Session, world: World) -> None:
    client.app.state.settings = client.app.state.settings.model_copy(
        update={"max_classification": "OFFICIAL-SENSITIVE"}
    )  # type: ignore[attr-defined]
    login(client, "olive")
    r = client.put(
        f"/api/v1/protect/persons/{world.tv_mp.id}/home",
        json={"address": "1 Elsewhere"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert r.status_code == 404  # olive's force does not hold this MP's home
    person = client.post(
        "/api/v1/protect/persons",
        json={"kind": "candidate", "name": "Cara Candidate", "force_slug": "bedfordshire"},
        headers={"X-CSRF-Token": csrf(client)},
    ).json()
    r = client.put(
        f"/api/v1/protect/persons/{person['id']}/home",
        json={"address": "1 High Street"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert r.status_code == 422
    assert "SECRET" in r.text or "OFFICIAL-SENSITIVE" in r.text
    db.expire_all()
    assert db.scalar(select(ProtectedHome).where(ProtectedHome.person_id == person["id"])) is None
    db.rollback()


def test_people_added_by_hand_refuse_unknown_fields(client: TestClient, db: Session, world: World) -> None:
    login(client, "olive")
    headers = {"X-CSRF-Token": csrf(client)}
    body = {"kind": "councillor", "name": "Cllr Dee", "force_slug": "bedfordshire", "owner_org_id": 999}
    r = client.post("/api/v1/protect/persons", json=body, headers=headers)
    assert r.status_code == 422
    assert any(e["field"] == "owner_org_id" for e in r.json()["errors"])
    del body["owner_org_id"]
    created = client.post("/api/v1/protect/persons", json=body, headers=headers)
    assert created.status_code == 201
    risk = client.post(
        f"/api/v1/protect/persons/{created.json()['id']}/risk",
        json={"level": "high", "reason": "threats online"},
        headers=headers,
    )
    assert risk.status_code == 201
    detail = client.get(f"/api/v1/protect/persons/{created.json()['id']}").json()
    assert detail["risk_level"] == "high" and detail["risk_history"][0]["reason"] == "threats online"
    db.expire_all()
    councillor = db.get(ProtectedPerson, created.json()["id"])
    assert councillor is not None and councillor.owner_org_id != 999
    db.rollback()


def test_venues_show_their_tier_and_reasons(client: TestClient, world: World) -> None:
    login(client, "olive")
    headers = {"X-CSRF-Token": csrf(client)}
    body = {
        "name": "Bedford Christmas Market",
        "kind": "christmas_market",
        "capacity": 800,
        "is_event": True,
        "entry_checks": True,
        "force_slug": "bedfordshire",
    }
    venue = client.post("/api/v1/protect/venues", json=body, headers=headers).json()
    assert venue["tier"] == "enhanced" and venue["duties"]["security_document"] is False
    r = client.patch(
        f"/api/v1/protect/venues/{venue['id']}/duties",
        json={"duty": "security_document", "done": True},
        headers=headers,
    )
    assert r.json()["duties"]["security_document"] is True
    bad = client.patch(
        f"/api/v1/protect/venues/{venue['id']}/duties", json={"duty": "moat", "done": True}, headers=headers
    )
    assert bad.status_code == 422
    page = client.get(f"/protect/venues/{venue['id']}")
    assert "checks on entry" in page.text and "Security document" in page.text
    assert 'data-duty="notify_regulator" data-done="no"' in page.text
    r = client.post(
        f"/protect/venues/{venue['id']}/duties",
        data={"csrf_token": csrf(client), "duty": "notify_regulator", "done": "true"},
    )
    assert 'data-duty="notify_regulator" data-done="yes"' in r.text
    login(client, "tom")
    assert client.get(f"/protect/venues/{venue['id']}").status_code == 404


def test_notes_carry_their_own_marking_and_the_contact_is_in_the_force(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    headers = {"X-CSRF-Token": csrf(client)}
    url = f"/api/v1/protect/persons/{world.beds_mp.id}"
    secret = client.post(
        f"{url}/notes", json={"text": "SECRET-NOTE-CANARY", "classification": "SECRET"}, headers=headers
    )
    assert secret.status_code == 201
    plain = client.post(f"{url}/notes", json={"text": "Prefers Friday surgeries"}, headers=headers)
    assert plain.status_code == 201
    olive = db.scalar(select(User).where(User.username == "olive"))
    tom = db.scalar(select(User).where(User.username == "tom"))
    assert olive is not None and tom is not None
    ids = olive.id, tom.id
    db.rollback()
    assert client.put(f"{url}/spoc", json={"user_id": ids[1]}, headers=headers).status_code == 422
    assert (
        client.put(f"{url}/spoc", json={"user_id": ids[0]}, headers=headers).json()["spoc_user_id"] == ids[0]
    )
    assert "SECRET-NOTE-CANARY" in client.get(f"/protect/persons/{world.beds_mp.id}").text
    login(client, "pat")
    page = client.get(f"/protect/persons/{world.beds_mp.id}").text
    assert "SECRET-NOTE-CANARY" not in page  # above the partner's clearance, and not shared
    assert "Prefers Friday surgeries" not in page  # notes stay with the responsible force


def test_the_progress_export_counts_only_what_the_caller_may_see(client: TestClient, world: World) -> None:
    login(client, "olive")
    r = client.post(
        "/api/v1/protect/programmes",
        json={"name": "=Contact every MP", "target_kind": "all_mps"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert r.status_code == 201
    assert [p["name"] for p in client.get("/api/v1/protect/programmes").json()] == ["=Contact every MP"]
    rows = client.get("/api/v1/protect/progress.csv").text.splitlines()
    assert rows[1].startswith("programme,'=Contact every MP,2,")
    assert "force,bedfordshire,1," in rows[2] and "force,thames-valley,1," in rows[3]
    login(client, "tom")
    assert client.get("/api/v1/protect/programmes").json() == []
    # tom may see his own force's review but not the programme, so nothing is counted for him
    assert client.get("/api/v1/protect/progress.csv").text.splitlines()[1:] == []


def test_the_register_forms_add_premises_a_surgery_and_a_risk_change(
    client: TestClient, db: Session, world: World
) -> None:
    from tests.factories.auth import form_token  # noqa: PLC0415

    login(client, "olive")
    url = f"/protect/persons/{world.beds_mp.id}"
    token = form_token(client.get(url).text)
    r = client.post(
        f"{url}/premises",
        data={
            "csrf_token": token,
            "kind": "constituency_office",
            "name": "Bedford Office",
            "measures": "CCTV, panic alarm",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = client.post(
        f"/protect/premises/{world.venue.id}/surgeries",
        data={"csrf_token": token, "starts_at": "2031-06-06T10:00"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = client.post(f"{url}/risk", data={"csrf_token": token, "level": "very_high", "reason": "letters"})
    page = client.get(url).text
    assert "Bedford Office" in page and "CCTV, panic alarm" in page
    assert "06 Jun 2031 10:00" in page  # entered and shown in London time
    assert "very_high" in page and "letters" in page
    bad = client.post(f"{url}/risk", data={"csrf_token": token, "level": "apocalyptic", "reason": "x"})
    assert bad.status_code == 422
    login(client, "pat")
    r = client.post(
        f"{url}/risk", data={"csrf_token": form_token(client.get(url).text), "level": "low", "reason": "x"}
    )
    assert r.status_code == 403
