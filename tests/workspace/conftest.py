"""A small world: Bedfordshire's reports, one of Thames Valley's, a SECRET one, and an
OFFICIAL one shared with Parliament security, with entities, a duplicate and an operation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from tests.factories import intake as reports
from tests.factories import workspace as ws
from tests.factories.auth import make_personas
from vigil.auth.enums import Classification


@dataclass
class World:
    beds: str
    beds_dup: str
    tvp: str
    secret: str
    shared: str
    entity_id: int
    tvp_entity_id: int
    suggestion_id: int
    operation_id: int
    tvp_operation_id: int


@pytest.fixture
def world(db: Session) -> World:
    make_personas(db)
    beds = reports.report(
        db,
        description="Man photographing barriers from car AB12 CDE at Luton Airport CANARY-BEDS",
        urgency="immediate",
        minutes_ago=20,
    )
    dup = reports.report(
        db,
        description="Car AB12CDE parked by airport barriers, man with camera CANARY-DUP",
        urgency="high",
        minutes_ago=10,
    )
    tvp = reports.report(
        db, owner="thames-valley", description="Drone over Reading station CANARY-TVP", urgency="high"
    )
    secret = reports.report(
        db,
        description="Secret source says CANARY-SECRET",
        classification=Classification.secret,
        urgency="high",
    )
    shared = reports.report(
        db,
        description="Abusive letter to MP office CANARY-SHARED",
        classification=Classification.official,
        urgency="standard",
        shared_with=("parliament-security",),
    )
    ws.triage(db, beds)
    entity = ws.mention(db, beds, "vehicle", "AB12CDE")
    ws.mention(db, dup, "vehicle", "AB12CDE")
    tvp_entity = ws.mention(db, tvp, "vehicle", "TV99XYZ")
    sug = ws.suggestion(db, dup, beds)
    op = ws.operation(db, reports=(beds,))
    tvp_op = ws.operation(db, owner="thames-valley", name="Op Heron", reports=(tvp,))
    return World(
        beds.reference,
        dup.reference,
        tvp.reference,
        secret.reference,
        shared.reference,
        entity.id,
        tvp_entity.id,
        sug.id,
        op.id,
        tvp_op.id,
    )
