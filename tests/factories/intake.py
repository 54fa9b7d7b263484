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
