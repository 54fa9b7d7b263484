"""Bulk import: good records kept, bad ones reported with their line and reason."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories.intake import png_bytes
from vigil.audit.service import Actor
from vigil.config import Settings
from vigil.intake import bulk
from vigil.intake.files import attachment_root
from vigil.intake.models import Attachment, Report

ACTOR = Actor(user_id=None, label="test-import")


def _run(db: Session, settings: Settings, path: Path) -> bulk.ImportResult:
    records, channel = bulk.records_for(path)
    return bulk.import_records(
        db=db, records=records, channel=channel, actor=ACTOR, files_root=attachment_root(settings.files_dir)
    )


def test_jsonl_keeps_good_lines_and_names_bad_ones(db: Session, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    good = {
        "report_type": "hate_incident",
        "description": "Graffiti on the synagogue wall.",
        "hate_strands": ["religion"],
    }
    path.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                json.dumps({"report_type": "x", "description": "y"}),
                "",
                json.dumps(good | {"description": "Again."}),
            ]
        )
        + "\n"
    )
    result = _run(db, settings, path)
    assert result.accepted == 2
    assert [w for w, _ in result.rejected] == ["line 2", "line 3"]
    assert "report_type" in result.rejected[1][1]
    channels = set(db.scalars(select(Report.channel)))
    assert channels == {"bulk"}


def test_csv_with_list_and_contact_columns(db: Session, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(
        "report_type,description,postcode,urls,contact_email\n"
        "online_content,Propaganda video,,https://a.example/1;https://a.example/2,\n"
        "suspicious_activity,,MK40 1AA,,\n"
        "suspicious_activity,Van outside the substation,BADCODE,,x@example.com\n"
    )
    result = _run(db, settings, path)
    assert result.accepted == 1
    assert [w for w, _ in result.rejected] == ["line 3", "line 4"]
    report = db.scalar(select(Report))
    assert report is not None and report.details == {"urls": ["https://a.example/1", "https://a.example/2"]}


def _email(subject: str, body: str, attachment: bytes | None = None) -> bytes:
    from email.message import EmailMessage  # noqa: PLC0415

    msg = EmailMessage()
    msg["From"] = "Reporter <r@example.com>"
    msg["To"] = "reports@police.example"
    msg["Subject"] = subject
    msg["Date"] = "Fri, 20 Nov 2026 10:00:00 +0000"
    msg.set_content(body)
    if attachment:
        msg.add_attachment(attachment, maintype="image", subtype="png", filename="shot.png")
    return msg.as_bytes()


def test_eml_and_mbox_become_email_reports(db: Session, settings: Settings, tmp_path: Path) -> None:
    eml = tmp_path / "one.eml"
    eml.write_bytes(
        _email(
            "Suspicious purchase", "He bought 20 litres of peroxide. See https://shop.example/x", png_bytes()
        )
    )
    assert _run(db, settings, eml).accepted == 1
    mbox = tmp_path / "inbox.mbox"
    messages = [_email("Flag on bridge", "Extremist banner on the bridge."), _email("Blank", "")]
    mbox.write_bytes(b"".join(b"From r@example.com Fri Nov 20 10:00:00 2026\n" + m + b"\n" for m in messages))
    result = _run(db, settings, mbox)
    assert result.accepted == 2  # "Blank" still has its subject as the description
    reports = list(db.scalars(select(Report).order_by(Report.id)))
    assert {r.channel for r in reports} == {"email"}
    assert reports[0].details and reports[0].details["urls"] == ["https://shop.example/x"]
    assert db.scalar(select(Attachment.filename)) == "shot.png"
