"""An immediate report is also posted to the configured webhook, by a retried job."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import reference as fx
from tests.factories.auth import user
from vigil.auth.enums import Role
from vigil.config import Settings
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job
from vigil.jobs.registry import default_handlers
from vigil.jobs.worker import Worker
from vigil.reference.service import import_directory

TEXT = "Right now a man is waving a large knife outside the shop on the high street and shouting at people."


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []
    status = 204

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def hook() -> Iterator[tuple[str, type[_Hook]]]:
    handler = type("Hook", (_Hook,), {"received": [], "status": 204})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/page", handler
    server.shutdown()


def _run(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, tmp_path: Path
) -> str:
    import_directory(db=db, directory=fx.build(tmp_path / "ref"))
    user(db, "tom", org_code="bedfordshire", roles=(Role.supervisor,))
    db.commit()
    response = client.post(
        "/api/v1/reports",
        json={"report_type": "suspicious_activity", "description": TEXT, "latitude": 52.5, "longitude": -0.5},
    )
    assert response.status_code == 201
    worker = Worker(sessions=sessions, handlers=default_handlers(), settings=settings)
    while worker.run_once():
        pass
    return str(response.json()["reference"])


def test_the_webhook_receives_the_reference_and_no_personal_data(
    client: TestClient,
    db: Session,
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
    hook: tuple[str, type[_Hook]],
) -> None:
    url, handler = hook
    reference = _run(client, db, sessions, settings.model_copy(update={"notify_webhook_url": url}), tmp_path)
    assert len(handler.received) == 1
    body = handler.received[0]
    assert body["reference"] == reference
    assert body["urgency"] == "immediate"
    assert body["force"] == "bedfordshire"
    assert "knife" not in json.dumps(body)  # the report's text stays inside Vigil


def test_a_failing_webhook_is_retried_not_lost(
    client: TestClient,
    db: Session,
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
    hook: tuple[str, type[_Hook]],
) -> None:
    url, handler = hook
    handler.status = 503
    _run(client, db, sessions, settings.model_copy(update={"notify_webhook_url": url}), tmp_path)
    job = db.scalars(select(Job).where(Job.kind == "notify.immediate")).one()
    assert job.state == JobState.queued  # backing off for another try
    assert "503" in (job.last_error or "")


def test_without_a_webhook_only_the_in_app_page_is_raised(
    client: TestClient, db: Session, sessions: sessionmaker[Session], settings: Settings, tmp_path: Path
) -> None:
    _run(client, db, sessions, settings, tmp_path)
    job = db.scalars(select(Job).where(Job.kind == "notify.immediate")).one()
    assert job.state == JobState.done


def test_a_webhook_that_is_not_http_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_NOTIFY_WEBHOOK_URL", "file:///etc/passwd")
    with pytest.raises(ValueError, match="NOTIFY_WEBHOOK_URL"):
        Settings()
