"""Signing in and out: passwords, lock-out, second factor, sessions and cookies."""

from __future__ import annotations

import pyotp
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.auth import PASSWORD, csrf, login, make_personas
from vigil.audit.models import AuditEvent
from vigil.auth import service
from vigil.auth.models import User, UserSession

SESSION = "__Host-vigil_session"


def _post_login(client: TestClient, username: str, password: str, otp: str | None = None) -> int:
    data = {"username": username, "password": password, "csrf_token": csrf(client)}
    if otp is not None:
        data["otp"] = otp
    return client.post("/login", data=data, follow_redirects=False).status_code


def test_a_good_password_signs_in_with_secure_cookie_flags(client: TestClient, db: Session) -> None:
    make_personas(db)
    response = client.post(
        "/login",
        data={
            "username": "asha",
            "password": PASSWORD,
            "csrf_token": csrf(client),
            "next": "/workspace/queue",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/workspace/queue"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION}=")
    for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
        assert flag.lower() in cookie.lower()
    assert "domain" not in cookie.lower()  # the __Host- prefix forbids it


def test_the_session_token_is_stored_only_as_a_hash(client: TestClient, db: Session) -> None:
    make_personas(db)
    login(client, "asha")
    token = client.cookies[SESSION]
    stored = db.scalars(select(UserSession.token_hash)).all()
    assert token not in stored
    assert service.sha256(token) in stored


def test_wrong_password_and_unknown_user_fail_alike_and_are_audited(client: TestClient, db: Session) -> None:
    make_personas(db)
    assert _post_login(client, "asha", "wrong password!!") == 401
    assert _post_login(client, "nobody", "wrong password!!") == 401
    events = db.scalars(select(AuditEvent).where(AuditEvent.tag == "user:login:failed")).all()
    assert [(e.actor, e.details["reason"]) for e in events] == [
        ("asha", "bad_credentials"),
        ("nobody", "bad_credentials"),
    ]


def test_an_empty_password_is_refused(client: TestClient, db: Session) -> None:
    make_personas(db)
    assert _post_login(client, "asha", "") in (401, 422)
    assert SESSION not in client.cookies


def test_five_failures_lock_the_account_even_against_the_right_password(
    client: TestClient, db: Session
) -> None:
    make_personas(db)
    for _ in range(5):
        assert _post_login(client, "asha", "not the password") == 401
    assert _post_login(client, "asha", PASSWORD) == 401
    user = db.scalar(select(User).where(User.username == "asha"))
    assert user is not None and user.locked_until is not None
    assert db.scalar(select(AuditEvent).where(AuditEvent.tag == "user:locked")) is not None


def test_a_new_session_identifier_at_every_login_and_logout_kills_the_old_one(
    client: TestClient, db: Session
) -> None:
    make_personas(db)
    login(client, "asha")
    first = client.cookies[SESSION]
    login(client, "asha")
    second = client.cookies[SESSION]
    assert first != second
    client.post("/logout", data={"csrf_token": csrf(client)})
    client.cookies.set(SESSION, second, domain="testserver")
    response = client.get("/workspace/queue", follow_redirects=False)
    assert response.status_code == 303  # the old cookie no longer signs anyone in


def test_disabling_a_user_takes_effect_on_the_next_request(client: TestClient, db: Session) -> None:
    make_personas(db)
    login(client, "asha")
    assert client.get("/workspace/queue").status_code == 200
    user = service.get_user_by_username(db=db, username="asha")
    assert user is not None
    service.disable_user(db=db, user=user)
    db.commit()
    assert client.get("/workspace/queue", follow_redirects=False).status_code == 303


def test_totp_second_factor_is_required_once_enabled(client: TestClient, db: Session) -> None:
    make_personas(db)
    user = service.get_user_by_username(db=db, username="asha")
    assert user is not None
    secret = service.enable_totp(user=user)
    db.commit()
    assert _post_login(client, "asha", PASSWORD) == 401  # code missing
    assert _post_login(client, "asha", PASSWORD, otp="000000") == 401
    assert _post_login(client, "asha", PASSWORD, otp=pyotp.TOTP(secret).now()) == 303


def test_one_time_code_guessing_locks_the_account(client: TestClient, db: Session) -> None:
    make_personas(db)
    user = service.get_user_by_username(db=db, username="asha")
    assert user is not None
    secret = service.enable_totp(user=user)
    db.commit()
    wrong = "123456" if pyotp.TOTP(secret).now() != "123456" else "654321"
    for _ in range(5):
        _post_login(client, "asha", PASSWORD, otp=wrong)
    assert _post_login(client, "asha", PASSWORD, otp=pyotp.TOTP(secret).now()) == 401


def test_login_without_a_csrf_token_is_refused(client: TestClient, db: Session) -> None:
    make_personas(db)
    response = client.post("/login", data={"username": "asha", "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403
    assert SESSION not in client.cookies


def test_a_cross_site_post_with_the_victims_cookie_is_refused(client: TestClient, db: Session) -> None:
    make_personas(db)
    login(client, "asha")
    # A forged form carries the session cookie (ambient) but cannot know the token.
    response = client.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/workspace/queue").status_code == 200  # still signed in


def test_next_cannot_send_people_to_another_site(client: TestClient, db: Session) -> None:
    make_personas(db)
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post(
            "/login",
            data={"username": "asha", "password": PASSWORD, "csrf_token": csrf(client), "next": target},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/"
