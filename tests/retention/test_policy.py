"""Every report gets a review date when it is stored, from the configured policy."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.intake import payload
from vigil.app import create_app
from vigil.config import Settings
from vigil.intake.models import Report
from vigil.retention.policy import ReviewPolicy, add_years


def _submit(settings: Settings, body: dict[str, Any]) -> str:
    app = create_app(settings, start_workers=False)
    with TestClient(app, base_url="https://testserver") as c:
        r = c.post("/api/v1/reports", json=body)
        assert r.status_code == 201, r.text
        return str(r.json()["reference"])


def test_a_report_gets_its_review_date_from_the_default_policy(db: Session, settings: Settings) -> None:
    ref = _submit(settings, payload())
    hard = _submit(settings, payload(report_type="radicalisation_concern"))
    rows = {r.reference: r for r in db.scalars(select(Report))}
    assert rows[ref].review_due_at == add_years(rows[ref].submitted_at, 6)
    assert rows[hard].review_due_at == add_years(rows[hard].submitted_at, 10)


def test_the_configured_policy_is_used(db: Session, settings: Settings) -> None:
    custom = settings.model_copy(
        update={"retention_review_years": 3, "retention_review_years_by_type": {"hate_incident": 7}}
    )
    ref = _submit(custom, payload())
    hate = _submit(custom, payload(report_type="hate_incident", hate_strands=["religion"]))
    rows = {r.reference: r for r in db.scalars(select(Report))}
    assert rows[ref].review_due_at == add_years(rows[ref].submitted_at, 3)
    assert rows[hate].review_due_at == add_years(rows[hate].submitted_at, 7)


def test_29_february_reviews_on_28_february() -> None:
    from datetime import UTC, datetime  # noqa: PLC0415

    leap = datetime(2024, 2, 29, 12, tzinfo=UTC)
    assert ReviewPolicy().review_due(report_type=None, created=leap) == datetime(2030, 2, 28, 12, tzinfo=UTC)
