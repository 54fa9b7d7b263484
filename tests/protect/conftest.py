"""A small world for the protect tests: the miniature reference data imported (two forces,
two MPs), the protect personas, and a surgery venue and home for the Bedfordshire MP."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import protect as pf
from tests.factories import reference as ref
from vigil.auth import service as auth_service
from vigil.protect.importer import import_mps, mps_from_db
from vigil.protect.models import ProtectedPerson
from vigil.reference.service import import_directory


@dataclass(frozen=True)
class Ref:
    id: int


@dataclass(frozen=True)
class World:
    """Ids only: holding ORM rows would keep a SQLite write transaction open in the test."""

    beds_mp: Ref
    tv_mp: Ref
    venue: Ref


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2's real cost is tested with auth; here it would only slow every persona's login."""
    monkeypatch.setattr(auth_service, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def world(db: Session, tmp_path: Path) -> World:
    import_directory(db=db, directory=ref.build(tmp_path / "ref"))
    pf.make_protect_personas(db)
    mps, forces = mps_from_db(db)
    import_mps(db=db, mps=mps, forces=forces)
    beds = db.scalar(select(ProtectedPerson).where(ProtectedPerson.parliament_member_id == 101))
    tv = db.scalar(select(ProtectedPerson).where(ProtectedPerson.parliament_member_id == 102))
    assert beds is not None and tv is not None
    venue = pf.premises(db, beds)
    pf.home(db, beds)
    found = World(beds_mp=Ref(beds.id), tv_mp=Ref(tv.id), venue=Ref(venue.id))
    db.commit()
    return found
