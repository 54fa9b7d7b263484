"""Reports with a chosen marking, made directly in the database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.auth.enums import Classification
from vigil.auth.marking import share
from vigil.auth.models import Organisation
from vigil.db.types import utcnow
from vigil.intake.enums import Channel
from vigil.intake.models import Report
from vigil.intake.service import new_reference


def report(
    db: Session,
    *,
    owner: str = "bedfordshire",
    description: str = "A man photographing the barriers at Luton Airport drop-off zone.",
    classification: Classification = Classification.official_sensitive,
    urgency: str | None = "standard",
    category: str | None = "hostile_reconnaissance",
    shared_with: tuple[str, ...] = (),
    minutes_ago: int = 5,
) -> Report:
    org = db.scalar(select(Organisation).where(Organisation.code == owner))
    assert org is not None, f"create organisation {owner} first"
    ranks = {"immediate": 0, "high": 1, "standard": 2, "low": 3}
    row = Report(
        reference=new_reference(),
        channel=Channel.web,
        report_type="suspicious_activity",
        description=description,
        submitted_at=utcnow() - timedelta(minutes=minutes_ago),
        classification=classification,
        owner_org_id=org.id,
        urgency=urgency,
        urgency_rank=ranks.get(urgency or "", 9),
        category=category,
        force_slug=owner,
    )
    db.add(row)
    db.flush()
    if shared_with:
        ids = {db.scalar(select(Organisation.id).where(Organisation.code == c)) for c in shared_with}
        share(db, row, {i for i in ids if i is not None})
    db.commit()
    return row


def payload(**overrides: object) -> dict[str, object]:
    """A valid ``POST /api/v1/reports`` body."""
    body: dict[str, object] = {
        "report_type": "suspicious_activity",
        "description": "Two men filming the security gates at the depot on Mill Road for an hour.",
        "location_text": "Mill Road depot, Bedford",
    }
    body.update(overrides)
    return body


def jpeg_with_gps(size: tuple[int, int] = (64, 48)) -> bytes:
    """A small JPEG carrying EXIF with a GPS position and a camera model."""
    import io  # noqa: PLC0415

    from PIL import Image  # noqa: PLC0415

    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "CanaryCam 3000"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 0.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 0.0)
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (20, 20)) -> bytes:
    import io  # noqa: PLC0415

    from PIL import Image  # noqa: PLC0415

    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 200)).save(out, format="PNG")
    return out.getvalue()
