"""Walking the public form over HTTP, as a browser without JavaScript would."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories.auth import csrf


def post(client: TestClient, path: str, data: dict[str, Any], files: Any = None) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf(client)}, files=files, follow_redirects=False)


def fill_form(
    client: TestClient,
    *,
    emergency: str = "no",
    report_type: str = "suspicious_activity",
    description: str = "A man photographing the barriers at the station entrance for twenty minutes.",
    photo: bytes | None = None,
    contact: dict[str, str] | None = None,
) -> None:
    """Answer every page up to check-your-answers; each step must redirect onwards."""
    steps: list[tuple[str, dict[str, Any]]] = [
        ("/report", {"emergency_now": emergency}),
        ("/report/type", {"report_type": report_type}),
        ("/report/details", {"description": description, "activity": "hostile_reconnaissance"}),
        ("/report/when", {"observed_date": "2026-11-20", "observed_time": "14:30"}),
        ("/report/where", {"location_text": "Bedford station", "postcode": "MK40 1AA"}),
        ("/report/who", {"people_text": "White man, 40s, grey coat", "vehicles_text": "AB12 CDE silver van"}),
    ]
    for path, data in steps:
        response = post(client, path, data)
        assert response.status_code == 303, (path, response.text[:2000])
    if photo is not None:
        response = post(
            client,
            "/report/files",
            {"action": "upload"},
            files={"files": ("holiday.jpg", photo, "image/jpeg")},
        )
        assert response.status_code == 200, response.text[:2000]
    assert post(client, "/report/files", {}).status_code == 303
    response = post(client, "/report/contact", contact or {})
    assert response.headers["location"] == "/report/check", response.text[:2000]


def submit(client: TestClient, **extra: str) -> Any:
    return post(client, "/report/check/submit", extra)
