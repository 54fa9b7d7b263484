"""The real register: all 650 MPs from the shared reference data, and a programme to contact
every one of them (skips without the data)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import protect as pf
from tests.factories.auth import csrf, login, user
from vigil.auth.enums import Classification, OrganisationKind, Role
from vigil.auth.models import Organisation
from vigil.protect.importer import import_mps, mps_from_directory
from vigil.protect.models import ProtectedPerson
from vigil.protect.programmes.models import Review


def test_all_650_mps_import_idempotently_and_a_programme_reaches_every_one(
    client: TestClient, db: Session, shared_reference_dir: Path
) -> None:
    # Only the forces and MPs files are read (the full reference import is tested with reference).
    pf.make_protect_personas(db)
    user(
        db,
        "nat",
        org_code="ct-policing-hq",
        roles=(Role.protective_security,),
        clearance=Classification.secret,
        org_kind=OrganisationKind.national,
    )
    mps, forces, errors = mps_from_directory(shared_reference_dir)
    first = import_mps(db=db, mps=mps, forces=forces, errors=errors)
    db.commit()
    assert (first.added, first.errors) == (650, [])
    mps2, forces2, errors = mps_from_directory(shared_reference_dir)
    second = import_mps(db=db, mps=mps2, forces=forces2, errors=errors)
    db.commit()
    assert (second.added, second.updated, second.unchanged, second.errors) == (0, 0, 650, [])
    people = list(db.scalars(select(ProtectedPerson)))
    assert sum(p.straddles_forces for p in people) == sum(m.straddles_forces for m in mps)
    assert all(p.force_slug and p.ct_region and p.constituency for p in people)
    bedford = next(p for p in people if p.constituency == "Bedford")
    pf.home(db, bedford)
    expected_forces = Counter(p.force_slug for p in people)
    db.commit()

    login(client, "nat")
    r = client.post(
        "/api/v1/protect/programmes",
        json={"name": "Contact every MP", "target_kind": "all_mps"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    orgs = {o.id: o.code for o in db.scalars(select(Organisation))}
    reviews = list(db.scalars(select(Review).where(Review.programme_id == pid)))
    db.rollback()
    assert len(reviews) == 650
    assert all(orgs[r.owner_org_id] == r.force_slug == orgs[r.assignee_org_id or 0] for r in reviews)
    assert Counter(r.force_slug for r in reviews) == expected_forces

    login(client, "pat")
    progress = client.get(f"/api/v1/protect/programmes/{pid}/progress").json()
    assert progress["overall"]["total"] == 650
    assert {t["key"]: t["total"] for t in progress["by_force"]} == dict(expected_forces)
    assert client.get(f"/protect/persons/{bedford.id}").status_code == 200
    assert pf.HOME_CANARY not in client.get(f"/protect/persons/{bedford.id}").text
    assert pf.HOME_CANARY not in client.get(f"/api/v1/protect/programmes/{pid}/export.csv").text
    login(client, "olive")  # Bedfordshire's officer sees only Bedfordshire's reviews, and the home
    beds = client.get(f"/protect/persons/{bedford.id}")
    assert pf.HOME_CANARY in beds.text
    assert client.get(f"/api/v1/protect/programmes/{pid}/progress").status_code == 404
