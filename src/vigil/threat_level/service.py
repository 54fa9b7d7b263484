"""Threat levels, their history, and the posture playbooks a change triggers.

A change of level, the actions its playbooks create and any programme they start are written
in one transaction with the audit event that records them all: either everything happened or
nothing did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth.enums import Classification
from vigil.db.types import utcnow
from vigil.reference import _loaders
from vigil.reference._io import Source
from vigil.reference.data import ReferenceData
from vigil.threat_level.enums import Level, Scope, StepKind
from vigil.threat_level.models import PlaybookRun, PosturePlaybook, ThreatLevel
from vigil.workspace.models import Action

THREAT_FILE = "threat_levels/uk_terrorism_threat_level_history.csv"
PUBLIC_MESSAGE = (
    "The threat level has changed. Be vigilant: if you see something that doesn't feel right, "
    "report it in confidence to the anti-terrorist hotline on 0800 789 321, or online. "
    "In an emergency always call 999."
)

#: The playbooks shipped with Vigil (version 1); an administrator adds versions, never edits.
DEFAULT_PLAYBOOKS: tuple[dict[str, Any], ...] = (
    {
        "key": "national-raise",
        "name": "National threat level raised",
        "scope": Scope.national.value,
        "on_raise_to": [Level.SEVERE.value, Level.CRITICAL.value],
        "steps": [
            {
                "kind": "action",
                "title": "Raise patrols at enhanced-tier venues and town centres",
                "due_hours": 12,
            },
            {
                "kind": "action",
                "title": "Publish the public 'be vigilant' message",
                "description": PUBLIC_MESSAGE,
                "due_hours": 2,
            },
            {"kind": "action", "title": "Start community liaison and tension monitoring", "due_hours": 24},
        ],
    },
    {
        "key": "mps-raise",
        "name": "Threat to MPs raised",
        "scope": Scope.sector_mps.value,
        "on_raise_to": [Level.SUBSTANTIAL.value, Level.SEVERE.value, Level.CRITICAL.value],
        "steps": [
            {
                "kind": "programme",
                "title": "Start a re-review programme for every MP",
                "target": "all_mps",
                "due_hours": 72,
            },
            {
                "kind": "action",
                "title": "Raise patrols at constituency offices and surgeries",
                "due_hours": 12,
            },
            {
                "kind": "action",
                "title": "Publish the public 'be vigilant' message",
                "description": PUBLIC_MESSAGE,
                "due_hours": 2,
            },
            {"kind": "action", "title": "Start community liaison", "due_hours": 24},
        ],
    },
)


@dataclass(slots=True)
class ChangeOutcome:
    level: ThreatLevel
    actions: list[Action] = field(default_factory=list)
    programme_ids: list[int] = field(default_factory=list)
    runs: list[PlaybookRun] = field(default_factory=list)


def current(db: Session, scope: str) -> ThreatLevel | None:
    return db.scalar(
        select(ThreatLevel)
        .where(ThreatLevel.scope == scope)
        .order_by(ThreatLevel.from_date.desc(), ThreatLevel.id.desc())
        .limit(1)
    )


def history(db: Session, scope: str | None = None) -> list[ThreatLevel]:
    stmt = select(ThreatLevel)
    if scope:
        stmt = stmt.where(ThreatLevel.scope == scope)
    return list(db.scalars(stmt.order_by(ThreatLevel.from_date.desc(), ThreatLevel.id.desc())))


def ensure_default_playbooks(db: Session) -> int:
    added = 0
    for spec in DEFAULT_PLAYBOOKS:
        if db.scalar(select(PosturePlaybook.id).where(PosturePlaybook.key == spec["key"])) is None:
            db.add(PosturePlaybook(version=1, active=True, **spec))
            added += 1
    db.flush()
    return added


def add_playbook_version(
    db: Session, *, key: str, steps: list[dict[str, Any]], on_raise_to: list[str]
) -> PosturePlaybook:
    """A new version of a playbook; earlier versions stay, inactive, for the record."""
    latest = db.scalar(
        select(PosturePlaybook)
        .where(PosturePlaybook.key == key)
        .order_by(PosturePlaybook.version.desc())
        .limit(1)
    )
    if latest is None:
        raise HTTPException(status_code=404, detail="no such playbook")
    latest.active = False
    new = PosturePlaybook(
        key=key,
        version=latest.version + 1,
        name=latest.name,
        scope=latest.scope,
        on_raise_to=on_raise_to,
        steps=steps,
    )
    db.add(new)
    db.flush()
    return new


def seed_from_directory(db: Session, directory: Path) -> tuple[int, list[str]]:
    """Load the published history; idempotent by (scope, date). Returns (added, bad rows)."""
    data = ReferenceData(directory=directory)
    _loaders.load_threat_levels(data, Source(directory, THREAT_FILE, data.errors))
    added = 0
    for change in data.threat_levels:
        exists = db.scalar(
            select(ThreatLevel.id).where(
                ThreatLevel.scope == change.scope, ThreatLevel.from_date == change.date
            )
        )
        if exists is None:
            db.add(
                ThreatLevel(
                    scope=change.scope,
                    level=change.level,
                    from_date=change.date,
                    change=change.change,
                    context=change.context,
                    source_url=change.source_url or None,
                )
            )
            added += 1
    db.flush()
    return added, [str(e) for e in data.errors]


def change_level(
    db: Session,
    *,
    scope: str,
    level: Level,
    from_date: date,
    context: str,
    actor: Actor,
    owner_org_id: int,
    start_programme: Any = None,
) -> ChangeOutcome:
    """Record a new level; run every active playbook for the scope whose trigger it meets.

    ``start_programme(name, target_kind, source)`` creates a review programme and returns its id;
    the caller passes it (the protect domain owns programmes) so this module stays small.
    """
    before = current(db, scope)
    if before is not None and before.level == level:
        raise HTTPException(status_code=409, detail=f"the {scope} level is already {level}")
    raised = before is None or Level(before.level).rank < level.rank
    row = ThreatLevel(
        scope=scope,
        level=level,
        from_date=from_date,
        change="raised" if raised else "lowered",
        context=context,
        set_by_id=actor.user_id,
    )
    db.add(row)
    db.flush()
    outcome = ChangeOutcome(level=row)
    if raised:
        playbooks = db.scalars(
            select(PosturePlaybook).where(PosturePlaybook.scope == scope, PosturePlaybook.active.is_(True))
        )
        for playbook in playbooks:
            if level.value in playbook.on_raise_to:
                _run(db, playbook, row, outcome, actor, owner_org_id, start_programme)
    record(
        db,
        tag=AuditTag.threat_level_change,
        actor=actor,
        object_type="threat_level",
        object_id=row.id,
        details={
            "scope": scope,
            "from": before.level if before else None,
            "to": level.value,
            "context": context,
            "playbooks": [f"{r.playbook_id}" for r in outcome.runs],
            "actions": [a.id for a in outcome.actions],
            "programmes": outcome.programme_ids,
        },
    )
    return outcome


def _run(
    db: Session,
    playbook: PosturePlaybook,
    level: ThreatLevel,
    outcome: ChangeOutcome,
    actor: Actor,
    owner_org_id: int,
    start_programme: Any,
) -> None:
    source = f"playbook:{playbook.key}@{playbook.version}"
    now = utcnow()
    actions: list[Action] = []
    programmes: list[int] = []
    for step in playbook.steps:
        description = (
            step.get("description") or f"Triggered by the {level.scope} level rising to {level.level}."
        )
        if step.get("kind") == StepKind.programme and start_programme is not None:
            programme_id = start_programme(
                f"{step['title']} ({level.level}, {level.from_date})", step["target"], source
            )
            if programme_id is not None:
                programmes.append(programme_id)
                description += f" Programme {programme_id} started."
        action = Action(
            title=step["title"][:300],
            description=description,
            source=source[:64],
            due_at=now + timedelta(hours=int(step.get("due_hours", 24))),
            owner_org_id=owner_org_id,
            assignee_org_id=owner_org_id,
            classification=Classification.official,
            created_by_id=actor.user_id,
        )
        db.add(action)
        actions.append(action)
    db.flush()
    run = PlaybookRun(
        playbook_id=playbook.id,
        threat_level_id=level.id,
        action_ids=[a.id for a in actions],
        programme_ids=programmes,
    )
    db.add(run)
    db.flush()
    outcome.actions.extend(actions)
    outcome.programme_ids.extend(programmes)
    outcome.runs.append(run)


def runs_for(db: Session, level_ids: list[int]) -> dict[int, list[PlaybookRun]]:
    found: dict[int, list[PlaybookRun]] = {}
    if level_ids:
        for run in db.scalars(select(PlaybookRun).where(PlaybookRun.threat_level_id.in_(level_ids))):
            found.setdefault(run.threat_level_id, []).append(run)
    return found
