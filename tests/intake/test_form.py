"""The public form over HTTP: a full report with a photo, the 999 interrupt, bad files, abuse."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories.auth import login, make_personas
from tests.factories.intake import jpeg_with_gps, png_bytes
from tests.intake.helpers import fill_form, post, submit
from vigil.config import Settings
from vigil.intake import tasks
from vigil.intake.files import attachment_root
from vigil.intake.models import Attachment, Report, ReportDraft, ReportFollowup


def test_a_full_anonymous_report_with_a_photo(client: TestClient, db: Session, settings: Settings) -> None:
    photo = jpeg_with_gps()
    fill_form(client, photo=photo)
    check = client.get("/report/check")
    assert "holiday.jpg" in check.text and "Bedford station" in check.text
    response = submit(client)
    assert response.status_code == 200, response.text
    report = db.scalar(select(Report))
    assert report is not None and report.reference in response.text
    assert (
        report.channel == "web" and report.details and report.details["activity"] == "hostile_reconnaissance"
    )
    assert "0800 789 321" in response.text and "999" in response.text
    attachment = db.scalar(select(Attachment))
    assert attachment is not None and attachment.report_id == report.id
    root = attachment_root(settings.files_dir)
    original = (root / attachment.original_path).read_bytes()
    assert (
        hashlib.sha256(original).hexdigest()
        == attachment.original_sha256
        == hashlib.sha256(photo).hexdigest()
    )
    assert attachment.derivative_path is not None
    derived = Image.open(io.BytesIO((root / attachment.derivative_path).read_bytes()))
    assert not derived.getexif() and b"CanaryCam" not in (root / attachment.derivative_path).read_bytes()
    assert "holiday" not in attachment.original_path
    assert db.scalar(select(func.count()).select_from(ReportDraft)) == 0


def test_yes_to_danger_tells_them_to_call_999_and_lets_them_continue(client: TestClient) -> None:
    response = post(client, "/report", {"emergency_now": "yes"})
    assert response.headers["location"] == "/report/emergency"
    page = client.get("/report/emergency")
    assert "Call 999 now" in page.text and 'href="/report/type"' in page.text
    assert "If anyone is in danger now, call 999" in client.get("/report/type").text


def test_no_answer_to_the_first_question_is_an_error_naming_it(client: TestClient) -> None:
    response = post(client, "/report", {})
    assert response.status_code == 400 and 'href="#emergency_now"' in response.text


def test_emergency_text_shows_999_on_the_confirmation(client: TestClient) -> None:
    fill_form(client, description="There is a man with a knife outside the school right now")
    response = submit(client)
    assert response.status_code == 200 and "Call 999 now" in response.text


def test_a_missing_description_is_shown_on_its_page(client: TestClient) -> None:
    post(client, "/report", {"emergency_now": "no"})
    post(client, "/report/type", {"report_type": "hate_incident"})
    response = post(client, "/report/details", {"description": "  "})
    assert response.status_code == 400 and "Tell us what happened" in response.text
    assert 'href="#description"' in response.text


def test_online_content_needs_only_a_link(client: TestClient, db: Session) -> None:
    post(client, "/report", {"emergency_now": "no"})
    post(client, "/report/type", {"report_type": "online_content"})
    assert (
        post(client, "/report/details", {"urls_text": "https://video.example/watch?v=1"}).status_code == 303
    )
    for step in ("when", "where", "who", "files", "contact"):
        assert post(client, f"/report/{step}", {}).status_code == 303
    assert submit(client).status_code == 200
    report = db.scalar(select(Report))
    assert report is not None and report.details == {"urls": ["https://video.example/watch?v=1"]}


def _upload(client: TestClient, name: str, data: bytes, mime: str = "image/jpeg") -> str:
    response = post(client, "/report/files", {"action": "upload"}, files={"files": (name, data, mime)})
    return str(response.status_code) + response.text


def test_it_rejects_files_by_content_not_name(client: TestClient, settings: Settings) -> None:
    post(client, "/report", {"emergency_now": "no"})
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    polyglot = jpeg_with_gps() + b"<html><script>alert(1)</script></html>"
    assert _upload(client, "cat.jpg", svg).startswith("400")
    assert _upload(client, "cat.jpg.php", polyglot).startswith("400")
    assert _upload(client, "notes.jpg", b"just some text").startswith("400")
    assert _upload(client, "big.png", b"\x89PNG" + b"0" * (10 * 1024 * 1024 + 10)).startswith("400")
    ok = _upload(client, "scan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert ok.startswith("200") and "scan.pdf" in ok
    ok = _upload(client, "../../evil\u202egpj.png", png_bytes())
    assert ok.startswith("200")
    stored = [p.name for p in attachment_root(settings.files_dir).rglob("*") if p.is_file()]
    assert stored and all("evil" not in n and "scan" not in n for n in stored)


def test_the_honeypot_stores_nothing(client: TestClient, db: Session) -> None:
    fill_form(client)
    response = submit(client, website="http://spam.example")
    assert response.status_code == 400
    assert db.scalar(select(func.count()).select_from(Report)) == 0


def test_sending_the_same_form_twice_stores_one_report(client: TestClient, db: Session, app: Any) -> None:
    fill_form(client)
    # A second tab (or a double click) sending the same draft.
    twin = TestClient(app, base_url="https://testserver")
    for name in ("__Host-vigil_report", "__Host-vigil_csrf"):
        twin.cookies.set(name, str(client.cookies.get(name)))
    assert submit(client).status_code == 200
    again = submit(twin)
    assert again.status_code == 409 and "already been sent" in again.text
    assert db.scalar(select(func.count()).select_from(Report)) == 1


def test_the_follow_up_code_adds_information_and_shows_nothing_back(client: TestClient, db: Session) -> None:
    fill_form(client, contact={"contact_email": "canary-5521@example.com"})
    page = submit(client).text
    report = db.scalar(select(Report))
    assert report is not None
    code = page.split('id="followup-code">', 1)[1].split("<", 1)[0].strip()
    reference = report.reference
    db.rollback()  # end the read so the app can write (SQLite: one writer)
    wrong = post(
        client, "/report/followup", {"reference": reference, "code": "AAAA-AAAA-AAAA", "text": "More"}
    )
    assert wrong.status_code == 400
    right = post(
        client, "/report/followup", {"reference": reference, "code": code, "text": "He had a tattoo."}
    )
    assert right.status_code == 200 and "has been added" in right.text
    for text in (right.text, wrong.text):
        assert "barriers" not in text and "canary-5521" not in text and "Bedford station" not in text
    assert db.scalar(select(ReportFollowup.text)) == "He had a tattoo."


def test_a_call_handler_records_a_call_as_a_phone_report(client: TestClient, db: Session) -> None:
    make_personas(db)
    login(client, "jo")
    response = post(
        client,
        "/intake/call",
        {
            "report_type": "threat_to_public_figure",
            "description": "Caller says a man threatened the MP at her surgery.",
            "public_figure": "Jane Smith MP",
        },
    )
    assert response.status_code == 200, response.text
    report = db.scalar(select(Report))
    assert report is not None and report.channel == "phone" and report.reference in response.text
    assert report.created_by_id is not None


def test_it_denies_the_call_form_to_an_analyst(client: TestClient, db: Session) -> None:
    make_personas(db)
    login(client, "asha")
    assert client.get("/intake/call").status_code == 403
    assert (
        post(client, "/intake/call", {"report_type": "suspicious_activity", "description": "x"}).status_code
        == 403
    )
    assert db.scalar(select(func.count()).select_from(Report)) == 0


def test_it_denies_the_call_form_to_the_public(client: TestClient) -> None:
    assert client.get("/intake/call", follow_redirects=False).status_code in (303, 401)


def test_the_sweeper_removes_orphans_but_not_referenced_files(
    client: TestClient, db: Session, settings: Settings
) -> None:
    fill_form(client, photo=png_bytes())
    assert submit(client).status_code == 200
    root = attachment_root(settings.files_dir)
    (root / "ab").mkdir(parents=True, exist_ok=True)
    orphan = root / "ab" / "abcdef.bin"
    orphan.write_bytes(b"left by a crash between the file write and the commit")
    result = tasks.sweep(db=db, files_dir=settings.files_dir, grace_seconds=0)
    assert result.orphans == 1 and not orphan.exists()
    attachment = db.scalar(select(Attachment))
    assert attachment is not None and (root / attachment.original_path).exists()
    assert Path(root / str(attachment.derivative_path)).exists()
