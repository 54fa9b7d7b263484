"""API tokens: hashed at rest, scoped, revocable, never more than their user may do."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import intake as reports
from tests.factories.auth import make_personas
from vigil.auth import service
from vigil.auth.models import ApiToken
from vigil.auth.permissions import Permission


def _token(db: Session, username: str, *scopes: Permission) -> str:
    user = service.get_user_by_username(db=db, username=username)
    assert user is not None
    _row, secret = service.create_token(db=db, user=user, name="test", scopes=list(scopes))
    db.commit()
    return secret


def test_a_token_is_stored_only_as_a_hash(db: Session) -> None:
    make_personas(db)
    secret = _token(db, "asha", Permission.queue_read)
    row = db.scalars(select(ApiToken)).one()
    assert secret not in (row.token_hash, row.prefix)
    assert row.token_hash == service.sha256(secret)


def test_a_scoped_token_reads_the_queue_under_the_same_access_rule(client: TestClient, db: Session) -> None:
    make_personas(db)
    mine = reports.report(db, owner="bedfordshire", description="CANARY-MINE")
    theirs = reports.report(db, owner="thames-valley", description="CANARY-THEIRS")
    secret = _token(db, "asha", Permission.queue_read)
    html = client.get("/workspace/queue", headers={"Authorization": f"Bearer {secret}"}).text
    assert mine.reference in html
    assert theirs.reference not in html


def test_a_token_without_the_scope_is_refused(client: TestClient, db: Session) -> None:
    make_personas(db)
    secret = _token(db, "asha", Permission.report_read)
    response = client.get("/workspace/queue", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403


def test_a_scope_the_user_does_not_hold_grants_nothing(client: TestClient, db: Session) -> None:
    make_personas(db)
    secret = _token(db, "asha", Permission.audit_read)  # analysts are not auditors
    response = client.get("/admin/audit", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403


def test_a_revoked_or_bogus_token_is_a_401(client: TestClient, db: Session) -> None:
    make_personas(db)
    secret = _token(db, "asha", Permission.queue_read)
    service.revoke_token(db=db, token=db.scalars(select(ApiToken)).one())
    db.commit()
    for bearer in (secret, "vgl_not-a-token", "garbage"):
        response = client.get(
            "/workspace/queue", headers={"Authorization": f"Bearer {bearer}", "Accept": "application/json"}
        )
        assert response.status_code in (401, 303)
        assert "CANARY" not in response.text
