"""STIX 2.1 bundles of an operation's indicators, for sharing with partners (``stix2``).

Indicators come from the POLE entities mentioned by the operation's reports that the exporter
may see and that the recipient is cleared for. Observables STIX has types for use them
(email, URL, domain); vehicles, phones and handles use ``x-vigil-*`` custom object paths.
"""

from __future__ import annotations

from datetime import datetime

import stix2
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.auth.enums import Classification
from vigil.intake.models import Report
from vigil.triage.models import Entity, Mention
from vigil.workspace.models import Operation

PATTERNS = {
    "email": "email-addr:value",
    "url": "url:value",
    "domain": "domain-name:value",
    "vehicle": "x-vigil-vehicle:registration",
    "phone": "x-vigil-phone:number",
    "handle": "x-vigil-social-account:handle",
}
#: OFFICIAL may go to partners' wider teams (TLP:GREEN); anything above stays with them (AMBER).
TLP = {Classification.official: stix2.TLP_GREEN, Classification.official_sensitive: stix2.TLP_AMBER}


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def bundle(
    *, db: Session, operation: Operation, reports: list[Report], recipient: Classification, now: datetime
) -> tuple[str, int]:
    shareable = [r for r in reports if Classification(r.classification).rank <= recipient.rank]
    ids = [r.id for r in shareable]
    entities = (
        list(
            db.scalars(
                select(Entity)
                .join(Mention, Mention.entity_id == Entity.id)
                .where(Mention.report_id.in_(ids))
                .distinct()
            )
        )
        if ids
        else []
    )
    marking = TLP.get(Classification(operation.classification), stix2.TLP_RED)
    identity = stix2.Identity(name="Vigil", identity_class="organization")
    indicators = []
    for entity in sorted(entities, key=lambda e: (e.kind, e.value)):
        path = PATTERNS.get(entity.kind)
        if path is None:
            continue
        indicators.append(
            stix2.Indicator(
                name=f"{entity.kind} {entity.value}",
                pattern=f"[{path} = '{_escape(entity.value)}']",
                pattern_type="stix",
                valid_from=now,
                created_by_ref=identity.id,
                object_marking_refs=[marking],
                allow_custom=True,
            )
        )
    grouping = stix2.Grouping(
        name=operation.name,
        context="suspicious-activity",
        object_refs=[i.id for i in indicators] or [identity.id],
        created_by_ref=identity.id,
        object_marking_refs=[marking],
    )
    out = stix2.Bundle(objects=[identity, marking, *indicators, grouping], allow_custom=True)
    return str(out.serialize(pretty=True)), len(indicators)
