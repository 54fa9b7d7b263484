"""The pieces fit: a report posted to the API is stored with its triage job, a worker routes
it to its force, and only that force's analyst sees it in the queue."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import reference as fx
from tests.factories.auth import login, make_personas
from vigil.config import Settings
from vigil.intake.models import Report
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job
from vigil.jobs.registry import default_handlers
from vigil.jobs.worker import Worker
from vigil.reference.service import import_directory


def test_report_to_worker_to_the_right_forces_queue(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, tmp_path: Path
) -> None:
    import_directory(db=db, directory=fx.build(tmp_path / "ref"))  # Bedfordshire is the eastern square
    db.commit()
    make_personas(db)
    response = client.post(
        "/api/v1/reports",
        json={
            "report_type": "suspicious_activity",
            "description": "Two men filming the security gate at the depot for an hour. CANARY-SLICE",
            "latitude": 52.4,
            "longitude": -0.4,
        },
    )
    assert response.status_code == 201
    reference = response.json()["reference"]

    report = db.scalar(select(Report).where(Report.reference == reference))
    assert report is not None and report.triage_state == "awaiting"
    job = db.scalar(select(Job).where(Job.subject == f"report:{report.id}"))
    assert job is not None and job.state == JobState.queued  # committed with the report

    assert Worker(sessions=sessions, handlers=default_handlers(), settings=settings).run_once()
    db.expire_all()  # the worker changed the report in its own session
    report = db.scalar(select(Report).where(Report.reference == reference))
    assert report is not None and report.force_slug == "bedfordshire" and report.triage_state == "triaged"

    login(client, "asha")
    assert reference in client.get("/workspace/queue").text
    client.cookies.clear()
    login(client, "megan")
    html = client.get("/workspace/queue").text
    assert reference not in html
    assert "CANARY-SLICE" not in html


def test_reports_are_accepted_while_no_worker_runs(client: TestClient, db: Session) -> None:
    for i in range(5):
        response = client.post(
            "/api/v1/reports", json={"report_type": "online_content", "description": f"link number {i}"}
        )
        assert response.status_code == 201
    assert len(db.scalars(select(Job).where(Job.state == JobState.queued)).all()) == 5
