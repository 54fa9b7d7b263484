"""Threat levels: seeded history, official meanings, and a change that runs its playbooks,
creating workspace actions (and, for MPs, a re-review programme) in the same transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import protect as pf
from tests.factories import reference as ref
from tests.factories.auth import csrf, login
from vigil.audit.models import AuditEvent
from vigil.protect.programmes.models import Review, ReviewProgramme
from vigil.threat_level import service
from vigil.threat_level.enums import MEANINGS, Level
from vigil.threat_level.models import ThreatLevel
from vigil.workspace.models import Action


def _change(client: TestClient, **body: Any) -> Any:
    return client.post("/api/v1/threat-levels", json=body, headers={"X-CSRF-Token": csrf(client)})


@pytest.fixture
def seeded(db: Session, tmp_path: Path) -> None:
    added, errors = service.seed_from_directory(db, ref.build(tmp_path / "ref"))
    assert (added, errors) == (2, [])
    pf.make_protect_personas(db)
    db.commit()


def test_the_official_meanings() -> None:
    assert MEANINGS == {
        Level.LOW: "an attack is highly unlikely",
        Level.MODERATE: "an attack is possible but not likely",
        Level.SUBSTANTIAL: "an attack is likely",
        Level.SEVERE: "an attack is highly likely",
        Level.CRITICAL: "an attack is highly likely in the near future",
    }


def test_seeding_is_idempotent_and_the_current_level_is_the_latest(
    db: Session, seeded: None, tmp_path: Path
) -> None:
    assert service.seed_from_directory(db, ref.build(tmp_path / "again")) == (0, [])
    current = service.current(db, "national_UK")
    assert current is not None and (current.level, str(current.from_date)) == ("SUBSTANTIAL", "2022-02-09")


def test_the_real_history_seeds_without_errors(db: Session, shared_reference_dir: Path) -> None:
    added, errors = service.seed_from_directory(db, shared_reference_dir)
    assert errors == [] and added == 23
    ni = service.current(db, "NI_related_in_NI")
    assert ni is not None and ni.level == "SUBSTANTIAL"


def test_raising_the_national_level_creates_the_playbooks_actions_and_audits_them(
    client: TestClient, db: Session, seeded: None
) -> None:
    login(client, "ada")
    r = _change(client, scope="national_UK", level="SEVERE", context="JTAC raised the level")
    assert r.status_code == 201, r.text
    body = r.json()
    assert {a["source"] for a in body["actions"]} == {"playbook:national-raise@1"}
    titles = [a["title"] for a in body["actions"]]
    assert "Raise patrols at enhanced-tier venues and town centres" in titles
    actions = list(db.scalars(select(Action).where(Action.source == "playbook:national-raise@1")))
    assert len(actions) == 3
    assert any("0800 789 321" in (a.description or "") and "999" in (a.description or "") for a in actions)
    event = db.scalars(select(AuditEvent).where(AuditEvent.tag == "threat_level:change")).one()
    assert event.details["from"] == "SUBSTANTIAL" and event.details["to"] == "SEVERE"
    assert sorted(event.details["actions"]) == sorted(a.id for a in actions)
    db.rollback()
    page = client.get("/threat-level")
    assert "an attack is highly likely" in page.text and "3 action(s)" in page.text
    again = _change(client, scope="national_UK", level="SEVERE", context="again")
    assert again.status_code == 409
    lowered = _change(client, scope="national_UK", level="SUBSTANTIAL", context="lowered")
    assert lowered.status_code == 201 and lowered.json()["actions"] == []


def test_raising_the_threat_to_mps_starts_a_re_review_programme(
    client: TestClient, db: Session, seeded: None
) -> None:
    pf.mp(db, name="Ann Able")
    pf.mp(db, name="Bob Baker", constituency="Maidenhead", force="thames-valley", region="CTPSE")
    db.commit()
    login(client, "ada")
    r = _change(client, scope="sector_mps", level="SEVERE", context="after an attack on an MP")
    assert r.status_code == 201, r.text
    [pid] = r.json()["programmes"]
    programme = db.get(ReviewProgramme, pid)
    assert programme is not None and programme.source == "playbook:mps-raise@1"
    assert len(db.scalars(select(Review).where(Review.programme_id == pid)).all()) == 2
    assert len(r.json()["actions"]) == 4
    db.rollback()


def test_a_new_playbook_version_is_the_one_that_runs(client: TestClient, db: Session, seeded: None) -> None:
    service.ensure_default_playbooks(db)
    service.add_playbook_version(
        db,
        key="national-raise",
        on_raise_to=["SEVERE"],
        steps=[{"kind": "action", "title": "Brief all forces"}],
    )
    db.commit()
    login(client, "ada")
    actions = _change(client, scope="national_UK", level="SEVERE", context="v2").json()["actions"]
    assert [(a["title"], a["source"]) for a in actions] == [("Brief all forces", "playbook:national-raise@2")]


def test_it_denies_a_change_to_all_but_the_holder_of_the_permission(
    client: TestClient, db: Session, seeded: None
) -> None:
    assert (
        client.post(
            "/api/v1/threat-levels", json={"scope": "national_UK", "level": "LOW", "context": "x"}
        ).status_code
        == 401
    )
    login(client, "olive")
    assert client.get("/threat-level").status_code == 200
    assert _change(client, scope="national_UK", level="CRITICAL", context="x").status_code == 403
    login(client, "pat")
    assert _change(client, scope="national_UK", level="CRITICAL", context="x").status_code == 403
    assert db.scalars(select(ThreatLevel).where(ThreatLevel.level == "CRITICAL")).all() == []
    bad = _change(client, scope="national_UK", level="PURPLE", context="x")
    assert bad.status_code in (403, 422)
