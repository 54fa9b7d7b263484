"""Deployment ceiling, body cap before parsing, errors that leak nothing, docs off in production."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.auth import make_personas
from vigil.app import create_app
from vigil.audit.models import AuditEvent
from vigil.auth.enums import Classification
from vigil.auth.marking import CeilingExceeded
from vigil.config import Mode, Settings
from vigil.db.types import utcnow
from vigil.intake.models import Report

REPORT = {"report_type": "online_content", "description": "a video praising an attack"}


def _client(settings: Settings, **changes: Any) -> TestClient:
    return TestClient(
        create_app(settings.model_copy(update=changes), start_workers=False), base_url="https://testserver"
    )


def test_an_official_deployment_refuses_anything_marked_higher(settings: Settings, db: Session) -> None:
    with _client(settings, max_classification="OFFICIAL") as client:
        response = client.post("/api/v1/reports", json=REPORT)  # reports default to OFFICIAL-SENSITIVE
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "classification"
        sessions = client.app.state.sessions  # type: ignore[attr-defined]
        with sessions() as s:
            s.add(
                Report(
                    reference="VGL-X",
                    channel="api",
                    report_type="online_content",
                    description="x",
                    submitted_at=utcnow(),
                    classification=Classification.secret,
                    owner_org_id=1,
                )
            )
            with pytest.raises(CeilingExceeded):
                s.flush()
    assert db.scalars(select(Report)).all() == []  # no row
    refused = db.scalars(select(AuditEvent).where(AuditEvent.tag == "marking:refused")).one()
    assert refused.details["classification"] == "OFFICIAL-SENSITIVE"


def test_a_secret_deployment_accepts_the_same_report(client: TestClient) -> None:
    assert client.post("/api/v1/reports", json=REPORT).status_code == 201


def test_a_declared_body_over_the_cap_is_refused_before_parsing(settings: Settings) -> None:
    with _client(settings, max_body_bytes=10_000) as client:
        response = client.post(
            "/api/v1/reports", content=b"x" * 20_000, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 413


def test_a_streamed_body_over_the_cap_is_cut_off(settings: Settings) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"y" * 1_000  # 100 kB, no Content-Length

    with _client(settings, max_body_bytes=10_000) as client:
        response = client.post(
            "/api/v1/reports", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 413


def test_forms_are_parsed_with_vigils_field_and_file_limits(client: TestClient) -> None:
    """The CSRF check parses a form before the route's own dependencies, and Starlette keeps
    that parse: so the limits (``vigil.web.security.MAX_FORM_FIELDS`` / ``MAX_FORM_FILES``)
    are applied there, once, for every form Vigil parses. (Routes that declare ``Form``
    parameters are parsed by FastAPI first, with Starlette's defaults of 1,000.)"""
    from vigil.web.security import MAX_FORM_FIELDS, MAX_FORM_FILES  # noqa: PLC0415

    client.get("/report")
    fields = {f"f{i}": "v" for i in range(MAX_FORM_FIELDS + 1)}
    assert client.post("/report/type", data=fields).status_code == 400
    photos = [("files", (f"p{i}.png", b"x", "image/png")) for i in range(MAX_FORM_FILES + 1)]
    assert client.post("/report/files", files=photos, data={"a": "b"}).status_code == 400
    assert client.post("/report/type", data={"f": "v"}).status_code == 403  # within limits: no token


def test_a_nul_the_database_cannot_store_is_a_400_not_a_500(settings: Settings, db: Session) -> None:
    """PostgreSQL refuses a NUL in text; on any form that reaches the database that is bad
    input (400, nothing saved), never a server error. SQLite stores it, so there the sign-in
    simply fails as for any wrong name."""
    make_personas(db)
    app = create_app(settings, start_workers=False)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        page = client.get("/login")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = client.post("/login", data={"username": "as\x00ha", "password": "x", "csrf_token": token})
    assert response.status_code != 500
    if settings.database_url.startswith("postgresql"):
        assert response.status_code == 400 and "Nothing was saved" in response.text


def test_a_lying_content_length_is_refused(settings: Settings) -> None:
    with _client(settings) as client:
        response = client.post("/api/v1/reports", content=b"{}", headers={"Content-Length": "abc"})
        assert response.status_code == 400


def test_an_unexpected_error_shows_no_traceback_or_secret(settings: Settings, db: Session) -> None:
    make_personas(db)
    app = create_app(settings, start_workers=False)

    @app.get("/boom", name="boom")
    def boom() -> None:
        raise RuntimeError(f"secret is {settings.secret_key.get_secret_value()}")

    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Traceback" not in response.text
    assert settings.secret_key.get_secret_value() not in response.text
    assert "RuntimeError" not in response.text


def test_api_docs_are_not_served_in_production(settings: Settings) -> None:
    prod = settings.model_copy(update={"mode": Mode.production})
    with TestClient(create_app(prod, start_workers=False), base_url="https://testserver") as client:
        assert client.get("/api/openapi.json").status_code == 404
        assert client.get("/api/docs").status_code == 404


def test_the_openapi_document_describes_the_report_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/reports" in spec["paths"]
