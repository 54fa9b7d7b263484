"""The report API: acceptance, every bad input, idempotency, duplicates, rate limits, anonymity."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories.auth import csrf, org
from tests.factories.intake import payload
from vigil.app import create_app
from vigil.audit.models import AuditEvent
from vigil.auth.models import Organisation
from vigil.config import Settings
from vigil.intake.models import IdempotencyKey, Report, ReportContact, ReportFollowup
from vigil.jobs.models import Job
from vigil.reference.models import RefOutcode

API = "/api/v1/reports"


def count(db: Session, model: Any) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_it_stores_the_report_with_its_triage_job_marking_and_grade(client: TestClient, db: Session) -> None:
    response = client.post(API, json=payload(contact={"name": "Ann", "email": "ann@example.com"}))
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert receipt["reference"].startswith("VGL-") and receipt["followup_code"]
    report = db.scalar(select(Report).where(Report.reference == receipt["reference"]))
    assert report is not None
    assert report.channel == "api" and report.classification == "OFFICIAL-SENSITIVE"
    owner = db.get(Organisation, report.owner_org_id)
    assert owner is not None and owner.code == "ct-policing-hq"
    assert (report.source_grade, report.handling_code) == (2, "P")
    job = db.scalar(select(Job).where(Job.kind == "triage.report"))
    assert job is not None and job.payload == {"report_id": report.id}
    assert db.get(ReportContact, report.id) is not None
    assert report.followup_code_hash != receipt["followup_code"]


def test_a_postcode_with_a_known_force_makes_that_force_the_owner(client: TestClient, db: Session) -> None:
    beds = org(db, "bedfordshire")
    db.add(RefOutcode(outcode="MK40", area="MK", lat=52.1, lon=-0.46, force_slug="bedfordshire", is_ni=False))
    db.commit()
    response = client.post(API, json=payload(postcode="mk401aa"))
    assert response.status_code == 201
    report = db.scalar(select(Report))
    assert report is not None and report.owner_org_id == beds.id and report.postcode == "MK40 1AA"


BAD_INPUTS = [
    ({"description": ""}, "description"),
    ({"description": "x" * 20_001}, "description"),
    ({"report_type": "gossip"}, "report_type"),
    ({"is_admin": True}, "is_admin"),
    ({"classification": "OFFICIAL"}, "classification"),
    ({"postcode": "NOT A CODE"}, "postcode"),
    ({"latitude": 10.0}, "latitude"),
    ({"longitude": 40.0}, "longitude"),
    ({"urls": ["javascript:alert(1)"]}, "urls.0"),
    ({"urls": ["https://example.com"] * 21}, "urls"),
    ({"observed_at": "2999-01-01T00:00:00Z"}, "observed_at"),
    ({"location_text": "y" * 501}, "location_text"),
    ({"people": ["p" * 1001]}, "people.0"),
    ({"contact": {"email": "not-an-email"}}, "contact.email"),
    ({"contact": {"role": "admin"}}, "contact.role"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_it_refuses_bad_input_naming_the_field(
    client: TestClient, db: Session, change: dict[str, Any], field: str
) -> None:
    response = client.post(API, json=payload(**change))
    assert response.status_code == 422, response.text
    fields = [e["field"] for e in response.json()["errors"]]
    assert field in fields, fields
    assert all(e["reason"] for e in response.json()["errors"])
    assert count(db, Report) == 0


def test_it_refuses_a_lone_surrogate(client: TestClient, db: Session) -> None:
    body = json.dumps(payload()).replace("Two men", "Two \\ud800 men")
    response = client.post(API, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "description" in [e["field"] for e in response.json()["errors"]]
    assert count(db, Report) == 0


def test_it_normalises_unicode_and_removes_control_characters(client: TestClient, db: Session) -> None:
    text = "Cafe\u0301 owner\x00 saw \u202eevil\u202c men\x07 near the cafe"
    response = client.post(API, json=payload(description=text, location_text="High\tStreet\x1b"))
    assert response.status_code == 201
    report = db.scalar(select(Report))
    assert report is not None
    assert report.description == "Caf\u00e9 owner saw evil men near the cafe"
    assert report.location_text == "High Street"


def test_it_refuses_a_body_over_the_cap_before_parsing(settings: Settings) -> None:
    small = create_app(settings.model_copy(update={"max_body_bytes": 2048}), start_workers=False)
    with TestClient(small, base_url="https://testserver") as c:
        response = c.post(API, json=payload(description="z" * 5000))
    assert response.status_code == 413


def test_a_replay_with_the_same_key_returns_the_same_receipt_and_stores_nothing(
    client: TestClient, db: Session
) -> None:
    headers = {"Idempotency-Key": "6f1c9a54-2b1e-4ad0-9a51-0d1f2c3b4a59"}
    first = client.post(API, json=payload(), headers=headers)
    second = client.post(API, json=payload(), headers=headers)
    assert first.status_code == 201 and second.status_code == 201
    assert second.json()["reference"] == first.json()["reference"]
    assert second.json()["followup_code"] == first.json()["followup_code"]
    assert second.headers["idempotent-replayed"] == "true"
    assert count(db, Report) == 1 and count(db, Job) == 1
    stored = db.scalar(select(IdempotencyKey))
    assert stored is not None and "6f1c9a54" not in stored.key_hash
    assert first.json()["followup_code"] not in (stored.sealed_code or "")


def test_the_same_key_with_a_different_body_is_refused(client: TestClient, db: Session) -> None:
    headers = {"Idempotency-Key": "k-1"}
    assert client.post(API, json=payload(), headers=headers).status_code == 201
    response = client.post(API, json=payload(description="Something else entirely."), headers=headers)
    assert response.status_code == 422
    assert count(db, Report) == 1


def test_an_identical_report_from_the_same_client_is_not_stored_twice(
    client: TestClient, db: Session
) -> None:
    first = client.post(API, json=payload())
    second = client.post(
        API,
        json=payload(
            description="two MEN  filming the security gates at the depot on Mill Road for an hour."
        ),
    )
    assert first.status_code == 201
    assert second.status_code == 200 and second.json()["reference"] == first.json()["reference"]
    assert second.json()["followup_code"] is None
    assert count(db, Report) == 1


def test_a_flood_from_one_client_is_rate_limited_with_retry_after(settings: Settings, db: Session) -> None:
    limited = create_app(settings.model_copy(update={"public_rate_per_minute": 1}), start_workers=False)
    with TestClient(limited, base_url="https://testserver") as c:
        codes = [
            c.post(API, json=payload(description=f"Report number {i} about a van.")).status_code
            for i in range(12)
        ]
        last = c.post(API, json=payload(description="One more report about the van."))
        other = TestClient(limited, base_url="https://testserver", client=("203.0.113.9", 5000))
        honest = other.post(API, json=payload(description="An honest report from elsewhere."))
    assert codes[:10] == [201] * 10 and 429 in codes[10:]
    assert last.status_code == 429 and int(last.headers["retry-after"]) >= 1
    assert honest.status_code == 201
    assert count(db, Report) == 11


def test_the_status_is_only_for_the_code_holder_and_says_nothing_more(client: TestClient) -> None:
    receipt = client.post(API, json=payload(contact={"email": "canary-7731@example.com"})).json()
    ref, code = receipt["reference"], receipt["followup_code"]
    wrong = client.get(f"{API}/{ref}/status", headers={"X-Followup-Code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 404
    right = client.get(f"{API}/{ref}/status", headers={"X-Followup-Code": code})
    assert right.status_code == 200 and right.json() == {"reference": ref, "status": "received"}
    missing = client.get(f"{API}/{ref}/status")
    assert missing.status_code == 422


def test_a_reporter_can_add_information_but_never_read_anything_back(client: TestClient, db: Session) -> None:
    receipt = client.post(API, json=payload(contact={"email": "canary-7731@example.com"})).json()
    ref, code = receipt["reference"], receipt["followup_code"]
    added = client.post(
        f"{API}/{ref}/followups", json={"text": "The van came back today."}, headers={"X-Followup-Code": code}
    )
    assert added.status_code == 201 and added.json() == {"reference": ref, "status": "added"}
    denied = client.post(f"{API}/{ref}/followups", json={"text": "x"}, headers={"X-Followup-Code": "WRONG"})
    assert denied.status_code == 404
    assert count(db, ReportFollowup) == 1
    for path in (f"{API}/{ref}", f"{API}/{ref}/followups", f"/workspace/reports/{ref}"):
        response = client.get(path, headers={"X-Followup-Code": code})
        assert "Mill Road" not in response.text and "canary-7731" not in response.text


def test_text_that_reads_as_an_emergency_asks_for_999(client: TestClient) -> None:
    receipt = client.post(
        API, json=payload(description="A man is waving a knife outside the mosque right now")
    ).json()
    assert receipt["call_999"] is True
    calm = client.post(API, json=payload(description="Leaflets left in the library last month.")).json()
    assert calm["call_999"] is False


def test_the_raw_client_address_is_never_stored(settings: Settings, db: Session) -> None:
    app = create_app(settings, start_workers=False)
    with TestClient(app, base_url="https://testserver", client=("198.51.100.77", 4000)) as c:
        assert c.post(API, json=payload()).status_code == 201
    for event in db.scalars(select(AuditEvent)):
        assert event.ip is None and "198.51.100.77" not in json.dumps(event.details)
    report = db.scalar(select(Report))
    assert report is not None and "198.51.100.77" not in json.dumps(report.details)


def test_a_followup_queues_triage_again_with_the_reason(client: TestClient, db: Session) -> None:
    receipt = client.post(API, json=payload()).json()
    ref, code = receipt["reference"], receipt["followup_code"]
    added = client.post(
        f"{API}/{ref}/followups", json={"text": "He came back at six."}, headers={"X-Followup-Code": code}
    )
    assert added.status_code == 201
    db.expire_all()
    jobs = list(db.scalars(select(Job).where(Job.kind == "triage.report").order_by(Job.id)))
    followup = db.scalar(select(ReportFollowup))
    assert followup is not None and len(jobs) == 2
    assert jobs[1].payload == {
        "report_id": jobs[0].payload["report_id"],
        "reason": "followup",
        "followup_id": followup.id,
    }


def test_guessing_codes_on_the_status_and_followup_routes_is_rate_limited(settings: Settings) -> None:
    limited = create_app(settings.model_copy(update={"public_rate_per_minute": 1}), start_workers=False)
    with TestClient(limited, base_url="https://testserver") as c:
        ref = c.post(API, json=payload()).json()["reference"]
        guesses = [
            c.get(f"{API}/{ref}/status", headers={"X-Followup-Code": f"AAAA-BBBB-{i:04d}"}).status_code
            for i in range(12)
        ]
        posted = c.post(
            f"{API}/{ref}/followups", json={"text": "x"}, headers={"X-Followup-Code": "AAAA-BBBB-CCCC"}
        )
        page = c.post(
            "/report/followup", data={"reference": ref, "code": "X", "text": "x", "csrf_token": csrf(c)}
        )
    assert set(guesses[:10]) == {404} and 429 in guesses[10:]
    assert posted.status_code == 429 and int(posted.headers["retry-after"]) >= 1
    assert page.status_code == 429
