"""Analysts' download of report attachments: object-level access, download-only, audited."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.auth import login, make_personas
from tests.factories.intake import jpeg_with_gps
from tests.intake.helpers import fill_form, submit
from vigil.audit.models import AuditEvent
from vigil.intake.models import Attachment, Report
from vigil.reference.models import RefOutcode


@pytest.fixture
def attachment(client: TestClient, db: Session) -> Attachment:
    """A photo with GPS sent through the public form for Bedford (owned by Bedfordshire)."""
    make_personas(db)
    db.add(RefOutcode(outcode="MK40", area="MK", lat=52.1, lon=-0.46, force_slug="bedfordshire", is_ni=False))
    db.commit()
    fill_form(client, photo=jpeg_with_gps())
    assert submit(client).status_code == 200
    found = db.scalar(select(Attachment))
    assert found is not None
    return found


def _as(app: Any, username: str | None) -> TestClient:
    c = TestClient(app, base_url="https://testserver")
    if username:
        login(c, username)
    return c


def _url(attachment: Attachment, original: bool = False) -> str:
    return f"/intake/attachments/{attachment.id}" + ("?original=1" if original else "")


def _audit(db: Session, tag: str) -> list[AuditEvent]:
    db.expire_all()
    return list(db.scalars(select(AuditEvent).where(AuditEvent.tag == tag)))


def test_the_owning_force_downloads_the_clean_derivative(
    app: Any, db: Session, attachment: Attachment
) -> None:
    report = db.get(Report, attachment.report_id)
    assert report is not None
    response = _as(app, "asha").get(_url(attachment))
    assert response.status_code == 200
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="{report.reference}-{attachment.id}.jpg"'
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers.get_list("content-security-policy") == ["sandbox; default-src 'none'"]
    assert response.headers["content-type"] == "image/jpeg"
    served = Image.open(io.BytesIO(response.content))
    assert not served.getexif() and not served.getexif().get_ifd(0x8825)
    assert b"CanaryCam" not in response.content and b"Exif" not in response.content
    assert hashlib.sha256(response.content).hexdigest() == attachment.derivative_sha256
    [event] = _audit(db, "attachment:read")
    assert event.object_id == str(attachment.id) and event.details["original"] is False


def test_the_original_only_when_asked_for_and_audited_as_such(
    app: Any, db: Session, attachment: Attachment
) -> None:
    response = _as(app, "asha").get(_url(attachment, original=True))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment; filename=") and (
        "-original.bin" in response.headers["content-disposition"]
    )
    assert "holiday" not in response.headers["content-disposition"]
    assert hashlib.sha256(response.content).hexdigest() == attachment.original_sha256
    assert hashlib.sha256(response.content).hexdigest() == hashlib.sha256(jpeg_with_gps()).hexdigest()
    [event] = _audit(db, "attachment:read")
    assert event.details["original"] is True and event.details["sha256"] == attachment.original_sha256


def test_another_forces_analyst_gets_404_and_the_attempt_is_logged(
    app: Any, db: Session, attachment: Attachment
) -> None:
    for original in (False, True):
        response = _as(app, "megan").get(_url(attachment, original))
        assert response.status_code == 404
        assert "CanaryCam" not in response.text
    assert _audit(db, "attachment:read") == []
    assert len(_audit(db, "access:denied")) == 2


def test_a_partner_without_the_permission_is_refused(app: Any, attachment: Attachment) -> None:
    assert _as(app, "pat").get(_url(attachment)).status_code in (403, 404)


def test_a_missing_attachment_is_404(app: Any, attachment: Attachment) -> None:
    assert _as(app, "asha").get(f"/intake/attachments/{attachment.id + 1000}").status_code == 404


def test_the_public_is_sent_to_sign_in(app: Any, attachment: Attachment) -> None:
    anonymous = _as(app, None)
    page = anonymous.get(_url(attachment), headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    api = anonymous.get(_url(attachment), headers={"accept": "application/json"}, follow_redirects=False)
    assert api.status_code == 401


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_pdf_has_no_derivative_so_its_original_is_served_as_opaque_bytes_and_audited_as_original(
    app: Any, client: TestClient, db: Session
) -> None:
    make_personas(db)
    db.add(RefOutcode(outcode="MK40", area="MK", lat=52.1, lon=-0.46, force_slug="bedfordshire", is_ni=False))
    db.commit()
    fill_form(client, photo=PDF)  # sent as "holiday.jpg": the bytes decide what it is
    assert submit(client).status_code == 200
    pdf = db.scalar(select(Attachment))
    assert pdf is not None and pdf.kind == "pdf" and pdf.derivative_path is None
    response = _as(app, "asha").get(_url(pdf))
    assert response.status_code == 200 and response.content == PDF
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].endswith('-original.pdf"')
    assert response.headers.get_list("content-security-policy") == ["sandbox; default-src 'none'"]
    [event] = _audit(db, "attachment:read")
    assert event.details["original"] is True


def test_the_report_page_lists_attachments_only_for_those_who_may_download_them(
    app: Any, db: Session, attachment: Attachment
) -> None:
    report = db.get(Report, attachment.report_id)
    assert report is not None
    page = _as(app, "asha").get(f"/workspace/reports/{report.reference}")
    assert page.status_code == 200
    assert _url(attachment) in page.text
    assert attachment.original_sha256[:16] in page.text
    assert _as(app, "megan").get(f"/workspace/reports/{report.reference}").status_code == 404
