"""One world in which every write route has something to act on, the personas entitled to
call each route (as bearer tokens, so no CSRF dance for staff), and snapshots of the whole
database and the file store to prove a refused request changed nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import intake as reports
from tests.factories import protect as pf
from tests.factories import reference as ref
from tests.factories import workspace as ws
from tests.factories.auth import make_personas, user
from vigil.auth import service as auth_service
from vigil.auth.enums import Classification, Role
from vigil.auth.permissions import Permission
from vigil.config import Settings
from vigil.db.models import all_metadata
from vigil.db.types import utcnow
from vigil.protect.importer import import_mps, mps_from_db
from vigil.protect.models import ProtectedPerson
from vigil.protect.programmes.models import Recommendation, Review
from vigil.reference.service import import_directory
from vigil.workspace.models import Action, Notification

#: Columns that change on every authenticated request by design, whatever the outcome.
VOLATILE_COLUMNS = {"api_token": {"last_used_at"}}

ASSESSMENT_AREAS = ("physical", "procedural", "personal", "online", "lone_working")


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2's real cost is tested with auth; here it would only slow every persona's set-up."""
    monkeypatch.setattr(auth_service, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@dataclass(frozen=True)
class World:
    """Ids and secrets only: ORM rows would keep a SQLite transaction open in the test."""

    tokens: dict[str, str]
    user_ids: dict[str, int]
    beds: str  # a Bedfordshire report asha may work
    due: str  # a Bedfordshire report past its review date: in rita's retention queue
    suggestion_id: int  # a possible match on it
    operation_id: int
    action_id: int
    notification_id: int  # asha's
    followup_reference: str  # a public report and its follow-up code
    followup_code: str
    beds_mp: int
    premises_id: int
    venue_id: int
    review_pending: int
    review_booked: int
    review_assessed: int
    recommendation_id: int

    def auth(self, persona: str | None) -> dict[str, str]:
        return {} if persona is None else {"Authorization": f"Bearer {self.tokens[persona]}"}


def _token(db: Session, username: str) -> str:
    found = auth_service.get_user_by_username(db=db, username=username)
    assert found is not None
    _row, secret = auth_service.create_token(db=db, user=found, name="security", scopes=list(Permission))
    return secret


def _ok(response: Any) -> Any:
    assert response.status_code < 300, (response.request.url, response.text[:500])
    return response.json()


@pytest.fixture
def world(request: pytest.FixtureRequest, db: Session, client: TestClient, tmp_path: Path) -> World:
    """The registers (reference data, MPs, programmes in each review state) are built only for
    a test of a protect route: they are most of the cost."""
    callspec = getattr(request.node, "callspec", None)
    route = callspec.params.get("name", "") if callspec is not None else ""
    registers = "protect" in route
    if registers:
        import_directory(db=db, directory=ref.build(tmp_path / "ref"))
    make_personas(db)  # asha, megan, pat, jo, sam
    user(db, "olive", roles=(Role.protective_security,), clearance=Classification.secret)
    user(db, "ada", org_code="ct-policing-hq", roles=(Role.admin,))
    user(db, "rita", org_code="bedfordshire", roles=(Role.admin,))  # Bedfordshire's records manager
    mp_id = premises_id = 0
    if registers:
        mps, forces = mps_from_db(db)
        import_mps(db=db, mps=mps, forces=forces)
        mp = db.scalar(select(ProtectedPerson).where(ProtectedPerson.parliament_member_id == 101))
        assert mp is not None
        premises = pf.premises(db, mp)
        pf.home(db, mp)
        mp_id, premises_id = mp.id, premises.id
    beds = reports.report(db, description="Man photographing barriers CANARY-BEDS", urgency="immediate")
    dup = reports.report(db, description="Car by the barriers, man with camera", urgency="high")
    ws.triage(db, beds)
    due = reports.report(db, description="Drone over the depot fence CANARY-DUE", minutes_ago=60)
    ws.triage(db, due)
    due.review_due_at = utcnow() - timedelta(days=1)  # as tests/retention's make_due
    suggestion = ws.suggestion(db, dup, beds)
    operation = ws.operation(db, reports=(beds,))
    names = ("asha", "megan", "pat", "jo", "sam", "olive", "ada", "rita")
    user_ids = {n: auth_service.get_user_by_username(db=db, username=n).id for n in names}  # type: ignore[union-attr]
    action = Action(title="Check ANPR", report_id=beds.id, owner_org_id=beds.owner_org_id)
    notification = Notification(user_id=user_ids["asha"], report_id=beds.id, kind="immediate", message="x")
    db.add_all([action, notification])
    db.flush()
    tokens = {n: _token(db, n) for n in names}
    found = World(
        tokens=tokens,
        user_ids=user_ids,
        beds=beds.reference,
        due=due.reference,
        suggestion_id=suggestion.id,
        operation_id=operation.id,
        action_id=action.id,
        notification_id=notification.id,
        followup_reference="",
        followup_code="",
        beds_mp=mp_id,
        premises_id=premises_id,
        venue_id=0,
        review_pending=0,
        review_booked=0,
        review_assessed=0,
        recommendation_id=0,
    )
    db.commit()
    # A receipt's code is made the way a reporter gets one.
    receipt = _ok(client.post("/api/v1/reports", json=reports.payload(contact={"email": "a@example.com"})))
    found = replace(found, followup_reference=receipt["reference"], followup_code=receipt["followup_code"])
    return _registers(client, db, found) if registers else found


def _registers(client: TestClient, db: Session, w: World) -> World:
    """Reviews in given states are made the way a user makes them, so the rows are exactly
    what the app would hold."""
    olive = w.auth("olive")
    venue = {"name": "Corn Exchange", "kind": "other", "capacity": 900, "force_slug": "bedfordshire"}
    venue_id = _ok(client.post("/api/v1/protect/venues", json=venue, headers=olive))["id"]
    reviews = []
    for walk in (
        (),
        ("offered", "accepted", "assessment_booked"),
        ("offered", "accepted", "assessment_booked"),
    ):
        programme = {"name": "Contact every MP", "target_kind": "all_mps"}
        pid = _ok(client.post("/api/v1/protect/programmes", json=programme, headers=olive))["id"]
        rid = db.scalar(select(Review.id).where(Review.programme_id == pid, Review.person_id == w.beds_mp))
        db.rollback()
        assert rid is not None
        for state in walk:
            body: dict[str, Any] = {"to": state, "booked_for": str(date.today())}
            _ok(client.post(f"/api/v1/protect/reviews/{rid}/transition", json=body, headers=olive))
        reviews.append(rid)
    assessed = reviews[2]
    areas = {a: {"rating": "adequate"} for a in ASSESSMENT_AREAS}
    checklist = {"assessed_on": str(date.today()), "areas": areas}
    _ok(client.post(f"/api/v1/protect/reviews/{assessed}/assessment", json=checklist, headers=olive))
    _ok(client.post(f"/api/v1/protect/reviews/{assessed}/transition", json={"to": "assessed"}, headers=olive))
    rec = {"text": "Fit a door entry system", "owner": "parliament_security", "due_on": str(date.today())}
    _ok(client.post(f"/api/v1/protect/reviews/{assessed}/recommendations", json=rec, headers=olive))
    rec_id = db.scalar(select(Recommendation.id).where(Recommendation.review_id == assessed))
    db.rollback()
    assert rec_id is not None
    return replace(
        w,
        venue_id=venue_id,
        review_pending=reviews[0],
        review_booked=reviews[1],
        review_assessed=assessed,
        recommendation_id=rec_id,
    )


Row = dict[str, Any]
Rows = dict[str, dict[tuple[Any, ...], Row]]


def rows(db: Session) -> Rows:
    """Every row of every table keyed by its primary key, volatile columns left out."""
    db.expire_all()
    out: Rows = {}
    for table in all_metadata().sorted_tables:
        skip = VOLATILE_COLUMNS.get(table.name, set())
        columns = [c for c in table.c if c.name not in skip]
        key = [c.name for c in table.primary_key.columns] or [c.name for c in columns]
        found = (dict(r._mapping) for r in db.execute(select(*columns)))
        out[table.name] = {tuple(r[k] for k in key): r for r in found}
    db.rollback()  # end the read so the app's next write is not blocked (SQLite)
    return out


def checksum(db: Session) -> dict[str, tuple[int, str]]:
    """Row count and a digest of the content, per table: equal means nothing changed."""
    out = {}
    for name, found in rows(db).items():
        content = repr(sorted((repr(k), repr(sorted(r.items()))) for k, r in found.items()))
        out[name] = (len(found), hashlib.sha256(content.encode()).hexdigest()[:16])
    return out


def changed(before: Rows, after: Rows) -> list[tuple[str, Row | None, Row]]:
    """(table, the row before or None when new, the row after) for every row added or changed."""
    return [
        (name, before[name].get(key), row)
        for name, found in after.items()
        for key, row in found.items()
        if before[name].get(key) != row
    ]


def file_store(settings: Settings) -> list[tuple[str, int, str]]:
    """Every file under the data directory (uploads, derivatives, anything else): path, size, hash."""
    root = settings.data_dir
    if not root.exists():
        return []
    return sorted(
        (str(p.relative_to(root)), p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in root.rglob("*")
        if p.is_file()
    )
