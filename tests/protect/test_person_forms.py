"""The register's browser forms: adding a protected person by hand, and a person's home
address, persona by persona (olive: protective security in the owning force; tom: another
force; pat: the Parliament partner; and anonymous)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories.auth import csrf, form_token, login
from tests.factories.protect import HOME_CANARY
from tests.protect.conftest import World
from vigil.audit.models import AuditEvent
from vigil.auth.models import Organisation, User
from vigil.protect.models import PersonNote, ProtectedHome, ProtectedPerson, RiskLevelChange

NEW_HOME = "7 Quiet Close, Kempston"


def _form(client: TestClient, **overrides: str) -> dict[str, str]:
    token = form_token(client.get("/protect/persons/new").text)
    return {
        "csrf_token": token,
        "name": "Cara Candidate",
        "kind": "candidate",
        "constituency": "Bedford",
        "force_slug": "bedfordshire",
        "classification": "OFFICIAL-SENSITIVE",
        "risk_level": "high",
        "note": "Canvasses alone on Saturdays",
        "note_classification": "OFFICIAL-SENSITIVE",
        **overrides,
    }


def _count(db: Session) -> int:
    db.expire_all()
    n = db.scalar(select(func.count()).select_from(ProtectedPerson)) or 0
    db.rollback()  # end the read so the app's next write is not blocked (SQLite)
    return n


def _events(db: Session, object_type: str) -> list[AuditEvent]:
    db.expire_all()
    rows = list(
        db.scalars(
            select(AuditEvent)
            .where(AuditEvent.tag == "register:write", AuditEvent.object_type == object_type)
            .order_by(AuditEvent.seq)
        )
    )
    db.rollback()
    return rows


def _user_id(db: Session, username: str) -> int:
    found = db.scalar(select(User.id).where(User.username == username))
    db.rollback()
    assert found is not None
    return found


def test_the_owning_force_adds_a_person_with_the_form(client: TestClient, db: Session, world: World) -> None:
    login(client, "olive")
    assert 'href="/protect/persons/new"' in client.get("/protect/persons").text
    olive = _user_id(db, "olive")
    r = client.post("/protect/persons", data=_form(client, spoc_user_id=str(olive)), follow_redirects=False)
    assert r.status_code == 303
    match = re.fullmatch(r"/protect/persons/(\d+)", r.headers["location"])
    assert match
    person_id = int(match.group(1))

    db.expire_all()
    person = db.get(ProtectedPerson, person_id)
    assert person is not None
    owner = db.scalar(select(Organisation.id).where(Organisation.code == "bedfordshire"))
    assert (person.kind, person.name, person.constituency) == ("candidate", "Cara Candidate", "Bedford")
    assert (person.owner_org_id, person.classification) == (owner, "OFFICIAL-SENSITIVE")
    assert (person.spoc_user_id, person.risk_level) == (olive, "high")
    assert db.scalar(select(func.count()).where(RiskLevelChange.person_id == person_id)) == 1
    note = db.scalar(select(PersonNote).where(PersonNote.person_id == person_id))
    assert note is not None and note.text == "Canvasses alone on Saturdays"
    db.rollback()
    created = [e for e in _events(db, "protected_person") if e.object_id == str(person_id)]
    assert {"create": "candidate"} in [e.details for e in created]  # audited as the API path is
    assert _events(db, "protected_person_note")

    page = client.get(r.headers["location"]).text
    assert "Cara Candidate" in page and "Canvasses alone on Saturdays" in page and "high" in page

    login(client, "tom")
    assert client.get(f"/protect/persons/{person_id}").status_code == 404
    login(client, "pat")  # a candidate is shared with Parliament security; the note is not
    page = client.get(f"/protect/persons/{person_id}").text
    assert "Cara Candidate" in page and "Canvasses alone" not in page


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"name": "   "}, "name", "at least 1 character"),
        ({"kind": "wizard"}, "kind", "Input should be"),
        ({"kind": "mp"}, "kind", "Parliament import"),
        ({"force_slug": "atlantis"}, "force_slug", "no organisation for force"),
        ({"risk_level": "apocalyptic"}, "risk_level", "Input should be"),
        ({"classification": "TOP SECRET"}, "classification", "Input should be"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    client: TestClient, db: Session, world: World, overrides: dict[str, str], field: str, reason: str
) -> None:
    login(client, "olive")
    before = _count(db)
    r = client.post("/protect/persons", data=_form(client, **overrides), follow_redirects=False)
    assert r.status_code == 422
    assert "There is a problem" in r.text
    assert f'data-error-field="{field}"' in r.text and reason in r.text
    assert 'name="csrf_token"' in r.text  # the form comes back to be corrected
    assert _count(db) == before
    assert not [e for e in _events(db, "protected_person") if "create" in e.details]


def test_a_contact_from_another_force_is_refused_and_nothing_is_stored(
    client: TestClient, db: Session, world: World
) -> None:
    login(client, "olive")
    before = _count(db)
    r = client.post("/protect/persons", data=_form(client, spoc_user_id=str(_user_id(db, "tom"))))
    assert r.status_code == 422 and 'data-error-field="spoc_user_id"' in r.text
    assert _count(db) == before
    assert not _events(db, "protected_person")


def test_the_partner_and_anonymous_may_not_add_people(client: TestClient, db: Session, world: World) -> None:
    r = client.get("/protect/persons/new", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    login(client, "pat")
    assert 'href="/protect/persons/new"' not in client.get("/protect/persons").text
    assert client.get("/protect/persons/new").status_code == 403
    body = {"csrf_token": csrf(client), "name": "X", "kind": "councillor", "force_slug": "bedfordshire"}
    assert client.post("/protect/persons", data=body).status_code == 403
    assert _count(db) == 2


def test_the_owning_force_sets_the_home_address(client: TestClient, db: Session, world: World) -> None:
    login(client, "olive")
    url = f"/protect/persons/{world.beds_mp.id}"
    page = client.get(url).text
    assert 'id="home-form"' in page
    r = client.post(
        f"{url}/home",
        data={
            "csrf_token": form_token(page),
            "address": NEW_HOME,
            "postcode": "MK42 7AA",
            "measures": "CCTV",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == url
    db.expire_all()
    home = db.scalar(select(ProtectedHome).where(ProtectedHome.person_id == world.beds_mp.id))
    assert home is not None
    assert (home.address, home.postcode, home.measures, home.classification) == (
        NEW_HOME,
        "MK42 7AA",
        ["CCTV"],
        "SECRET",
    )
    db.rollback()
    assert [e.details for e in _events(db, "protected_home")] == [{"person_id": world.beds_mp.id}]
    assert NEW_HOME in client.get(url).text

    bad = client.post(f"{url}/home", data={"csrf_token": form_token(page), "address": "  "})
    assert bad.status_code == 422 and 'data-error-field="address"' in bad.text


def test_another_force_and_the_partner_can_neither_set_nor_see_a_home(
    client: TestClient, db: Session, world: World
) -> None:
    url = f"/protect/persons/{world.beds_mp.id}"
    login(client, "tom")
    r = client.post(f"{url}/home", data={"csrf_token": csrf(client), "address": "1 Intruder Road"})
    assert r.status_code == 404
    login(client, "olive")  # and olive may not set the home of another force's MP
    r = client.post(
        f"/protect/persons/{world.tv_mp.id}/home", data={"csrf_token": csrf(client), "address": "1 Elsewhere"}
    )
    assert r.status_code == 404
    login(client, "pat")
    r = client.post(f"{url}/home", data={"csrf_token": csrf(client), "address": "1 Intruder Road"})
    assert r.status_code == 403
    for path in ("/protect/persons", url, f"/protect/persons/{world.tv_mp.id}", "/protect/notifications"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert HOME_CANARY not in page.text and 'id="home-form"' not in page.text, path
    db.expire_all()
    homes = list(db.scalars(select(ProtectedHome.address)))
    db.rollback()
    assert homes == [HOME_CANARY]


def test_a_home_is_refused_when_the_deployment_holds_less_than_its_marking(
    client: TestClient, db: Session, world: World
) -> None:
    client.app.state.settings = client.app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"max_classification": "OFFICIAL-SENSITIVE"}
    )
    login(client, "olive")
    created = client.post(
        "/protect/persons", data=_form(client, kind="councillor", name="Cllr Dee"), follow_redirects=False
    )
    assert created.status_code == 303
    url = created.headers["location"]
    r = client.post(f"{url}/home", data={"csrf_token": csrf(client), "address": NEW_HOME})
    assert r.status_code == 422
    assert "held at SECRET" in r.text and "nothing above OFFICIAL-SENSITIVE" in r.text
    assert NEW_HOME in r.text  # kept in the form, not stored
    db.expire_all()
    assert db.scalar(select(ProtectedHome).where(ProtectedHome.address == NEW_HOME)) is None
    db.rollback()
    assert not _events(db, "protected_home")
