"""The access rule through HTTP, with the named personas.

Access = permission AND clearance >= classification AND (owner organisation OR shared with the
user's organisation). What a user may not see must not leak through lists, counts or search.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import intake as reports
from tests.factories.auth import login, make_personas
from vigil.audit.models import AuditEvent
from vigil.auth.enums import Classification


def counts(html: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r'data-count="([^"]+)">(\d+)<', html)}


@pytest.fixture
def world(db: Session) -> dict[str, str]:
    make_personas(db)
    beds = reports.report(
        db, owner="bedfordshire", description="Beds report about CANARY-BEDS", urgency="high"
    )
    tvp = reports.report(
        db, owner="thames-valley", description="TVP report about CANARY-TVP", urgency="immediate"
    )
    secret = reports.report(
        db,
        owner="bedfordshire",
        description="Secret report CANARY-SECRET",
        classification=Classification.secret,
        urgency="immediate",
    )
    shared = reports.report(
        db,
        owner="thames-valley",
        description="TVP report shared with Beds CANARY-SHARED",
        urgency="low",
        shared_with=("bedfordshire",),
    )
    return {
        "beds": beds.reference,
        "tvp": tvp.reference,
        "secret": secret.reference,
        "shared": shared.reference,
    }


def test_owner_force_analyst_sees_own_and_shared_reports_only(
    client: TestClient, world: dict[str, str]
) -> None:
    login(client, "asha")
    html = client.get("/workspace/queue").text
    assert world["beds"] in html and "CANARY-BEDS" in html
    assert world["shared"] in html
    assert world["tvp"] not in html and "CANARY-TVP" not in html
    assert world["secret"] not in html and "CANARY-SECRET" not in html  # clearance below SECRET
    assert counts(html) == {"immediate": 0, "high": 1, "standard": 0, "low": 1, "untriaged": 0}


def test_other_force_analyst_sees_nothing_of_bedfordshire(client: TestClient, world: dict[str, str]) -> None:
    login(client, "megan")
    html = client.get("/workspace/queue").text
    assert world["tvp"] in html and world["shared"] in html
    assert world["beds"] not in html and world["secret"] not in html
    assert counts(html)["high"] == 0  # the Beds "high" report is not even counted


def test_search_does_not_leak_other_forces_reports(client: TestClient, world: dict[str, str]) -> None:
    login(client, "megan")
    html = client.get("/workspace/queue", params={"q": "CANARY-BEDS"}).text
    assert "Beds report about" not in html  # the query is echoed back; the report is not
    assert world["beds"] not in html
    html = client.get("/workspace/queue", params={"q": "CANARY"}).text
    assert world["beds"] not in html and world["secret"] not in html


def test_secret_cleared_national_analyst_does_not_see_force_reports_not_shared(
    client: TestClient, world: dict[str, str]
) -> None:
    # Clearance alone is not need-to-know: sam is SECRET but in the national CT unit.
    login(client, "sam")
    html = client.get("/workspace/queue").text
    for ref in world.values():
        assert ref not in html


def test_partner_without_the_permission_is_refused_and_it_is_audited(
    client: TestClient, world: dict[str, str], db: Session
) -> None:
    login(client, "pat")
    response = client.get("/workspace/queue")
    assert response.status_code == 403
    assert "CANARY" not in response.text
    denied = db.scalars(select(AuditEvent).where(AuditEvent.tag == "access:denied")).all()
    assert [e.actor for e in denied] == ["pat"]


def test_the_public_are_sent_to_sign_in(client: TestClient, world: dict[str, str]) -> None:
    response = client.get("/workspace/queue", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    assert "CANARY" not in response.text


def test_listing_is_audited_with_what_was_shown(
    client: TestClient, world: dict[str, str], db: Session
) -> None:
    login(client, "asha")
    client.get("/workspace/queue", params={"q": "CANARY"})
    event = db.scalars(select(AuditEvent).where(AuditEvent.tag == "report:search")).one()
    assert event.actor == "asha"
    assert event.details["q"] == "CANARY"
    assert event.dpa_operation == "consultation"
    assert len(event.details["shown"]) == 2
