"""A report full of a canary string (text, contact, people, a link, a photo, a follow-up),
triaged by the real worker beside a similar report, so that every table a report reaches
holds something of it; the personas; and helpers that look for the canary everywhere."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, PngImagePlugin
from sqlalchemy import inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from tests.factories.auth import make_personas, user
from vigil.audit.service import Actor
from vigil.auth.enums import Role
from vigil.auth.models import Organisation
from vigil.config import Settings
from vigil.db.types import utcnow
from vigil.intake import bulk
from vigil.intake.enums import Channel
from vigil.intake.files import attachment_root
from vigil.intake.models import Report, ReportFollowup
from vigil.jobs.registry import default_handlers
from vigil.jobs.worker import Worker

CANARY = "Zqxv7Canary"


@dataclass(frozen=True)
class World:
    canary: str  # reference of the report full of the canary (owned by Bedfordshire)
    other: str  # a similar report without it


def png_with_text(value: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", value)
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 200, 30)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _record(description: str, extra: dict[str, Any], attachments: list[tuple[bytes, str]]) -> bulk.Record:
    data = {
        "report_type": "suspicious_activity",
        "description": description,
        "location_text": "Mill Road depot, Bedford",
        "postcode": "MK40 1AA",
        **extra,
    }
    return bulk.Record("line", data, attachments=attachments)


def drain(sessions: sessionmaker[Session], settings: Settings) -> None:
    worker = Worker(sessions=sessions, handlers=default_handlers(), settings=settings)
    for _ in range(20):
        if not worker.run_once():
            return


@pytest.fixture
def world(db: Session, sessions: sessionmaker[Session], settings: Settings) -> World:
    make_personas(db)
    user(db, "ada", org_code="bedfordshire", roles=(Role.admin,))  # Bedfordshire's records manager
    user(db, "otto", org_code="thames-valley", roles=(Role.admin,))  # another force's
    db.commit()
    base = "Two men filming the security gates at the Mill Road depot for an hour from a grey van"
    records = [
        _record(
            f"{base}. One called himself {CANARY} and showed https://{CANARY.lower()}.example/plan",
            {
                "location_text": f"Mill Road depot by the {CANARY} sign",
                "people": [f"tall man called {CANARY}"],
                "urls": [f"https://{CANARY.lower()}.example/plan"],
                "contact": {"name": f"Reporter {CANARY}", "email": f"{CANARY.lower()}@example.org"},
            },
            [(png_with_text(CANARY), f"{CANARY}-photo.png")],
        ),
        _record(f"{base}. They left towards the station.", {}, []),
    ]
    with sessions() as s:
        result = bulk.import_records(
            db=s,
            records=iter(records),
            channel=Channel.bulk,
            actor=Actor(user_id=None, label="test:import"),
            files_root=attachment_root(settings.files_dir),
        )
        assert result.accepted == 2, result.rejected
        canary_ref, other_ref = result.references
        rid = s.scalar(select(Report.id).where(Report.reference == canary_ref))
        s.add(ReportFollowup(report_id=rid, text=f"I remembered: the van said {CANARY} on the side"))
        s.commit()
    drain(sessions, settings)
    # Without reference data intake gives them to national CT; route them as triage would.
    beds = db.scalar(select(Organisation.id).where(Organisation.code == "bedfordshire"))
    db.execute(update(Report).values(owner_org_id=beds, force_slug="bedfordshire"))
    db.commit()
    return World(canary=canary_ref, other=other_ref)


def make_due(db: Session, reference: str, *, days_ago: int = 1) -> None:
    db.execute(
        update(Report)
        .where(Report.reference == reference)
        .values(review_due_at=utcnow() - timedelta(days=days_ago))
    )
    db.commit()


def _holds(value: Any, needle: bytes) -> bool:
    if value is None:
        return False
    if isinstance(value, (bytes, bytearray, memoryview)):
        return needle in bytes(value).lower()
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    return needle in str(value).lower().encode()


def canary_in_database(db: Session, canary: str = CANARY) -> list[str]:
    """Every table.column (search-index shadow tables included) whose value holds the canary."""
    needle = canary.lower().encode()
    found = []
    for name in sorted(inspect(db.connection()).get_table_names()):
        for row in db.execute(text(f'SELECT * FROM "{name}"')).mappings():
            found += [f"{name}.{col}" for col, value in row.items() if _holds(value, needle)]
    db.rollback()
    return sorted(set(found))


def canary_in_files(root: Path, canary: str = CANARY) -> list[str]:
    needle = canary.lower().encode()
    return sorted(str(p) for p in root.rglob("*") if p.is_file() and needle in p.read_bytes().lower())
