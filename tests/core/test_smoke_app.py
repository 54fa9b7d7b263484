"""The app starts, serves its pages and keeps its security headers on every response."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_home_page_tells_people_to_call_999(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Call 999 now" in response.text
    assert "0800 789 321" in response.text


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/login", "/about/data", "/no-such-page", "/health"):
        response = client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["strict-transport-security"].startswith("max-age=31536000")
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_health_reports_database_up(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "database": "up"}


def test_about_data_shows_every_attribution(client: TestClient) -> None:
    text = client.get("/about/data").text
    for phrase in (
        "Open Government Licence v3.0",
        "Royal Mail",
        "Open Parliament Licence",
        "GeoNames",
        "data.police.uk",
    ):
        assert phrase in text
