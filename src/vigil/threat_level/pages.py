"""Threat level pages and API: current levels with their official meanings, the history, and
the change form that runs the posture playbooks."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from vigil.auth.deps import Principal, requires
from vigil.auth.permissions import Permission
from vigil.db.types import utcnow
from vigil.schemas import StrippedText
from vigil.threat_level import service
from vigil.threat_level.enums import CURRENT_SCOPES, MEANINGS, SCOPE_LABELS, Level, Scope
from vigil.web.deps import DbSession
from vigil.web.templates import LONDON, render

router = APIRouter()


class LevelChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scope: Scope
    level: Level
    from_date: date | None = None
    context: Annotated[str, StrippedText(max_length=2000, min_length=1)]


def _programme_starter(db: Session, principal: Principal) -> Any:
    from vigil.protect.programmes.schemas import ProgrammeCreate  # noqa: PLC0415
    from vigil.protect.programmes.service import create_programme  # noqa: PLC0415

    def start(name: str, target_kind: str, source: str) -> int | None:
        programme_in = ProgrammeCreate(name=name[:200], target_kind=target_kind)
        try:
            return create_programme(db=db, programme_in=programme_in, actor=principal, source=source).id
        except Exception:
            return None

    return start


def _apply(db: Session, principal: Principal, change_in: LevelChange) -> service.ChangeOutcome:
    service.ensure_default_playbooks(db)
    return service.change_level(
        db,
        scope=change_in.scope,
        level=change_in.level,
        from_date=change_in.from_date or utcnow().astimezone(LONDON).date(),
        context=change_in.context,
        actor=principal.actor,
        owner_org_id=principal.organisation_id,
        start_programme=_programme_starter(db, principal),
    )


@router.get("/threat-level", name="threat_level")
def threat_level_page(
    request: Request,
    db: DbSession,
    _principal: requires(Permission.threat_level_read),  # type: ignore[valid-type]
) -> Response:
    history = service.history(db)
    runs = service.runs_for(db, [h.id for h in history])
    return render(
        request,
        "threat_level/index.html",
        {
            "current": [(s, SCOPE_LABELS[s], service.current(db, s)) for s in CURRENT_SCOPES],
            "history": history,
            "runs": runs,
            "labels": SCOPE_LABELS,
            "meanings": {level.value: text for level, text in MEANINGS.items()},
            "levels": list(Level),
            "scopes": CURRENT_SCOPES,
        },
    )


@router.post("/threat-level", name="threat_level_change")
def threat_level_change(
    db: DbSession,
    principal: requires(Permission.threat_level_write),  # type: ignore[valid-type]
    scope: Annotated[Scope, Form()],
    level: Annotated[Level, Form()],
    context: Annotated[str, Form(min_length=1, max_length=2000)],
) -> Response:
    _apply(db, principal, LevelChange(scope=scope, level=level, context=context))
    db.commit()
    return RedirectResponse("/threat-level", status_code=303)


@router.get("/api/v1/threat-levels", name="api_threat_levels")
def api_levels(
    db: DbSession,
    principal: requires(Permission.threat_level_read),  # type: ignore[valid-type]
) -> dict[str, Any]:
    del principal
    out: dict[str, Any] = {}
    for scope in CURRENT_SCOPES:
        row = service.current(db, scope)
        out[scope.value] = (
            None
            if row is None
            else {
                "level": row.level,
                "meaning": MEANINGS[Level(row.level)],
                "from": row.from_date.isoformat(),
            }
        )
    return out


@router.post("/api/v1/threat-levels", name="api_threat_level_change", status_code=201)
def api_change(
    db: DbSession,
    change_in: LevelChange,
    principal: requires(Permission.threat_level_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    outcome = _apply(db, principal, change_in)
    db.commit()
    return {
        "id": outcome.level.id,
        "level": outcome.level.level,
        "actions": [{"id": a.id, "title": a.title, "source": a.source} for a in outcome.actions],
        "programmes": outcome.programme_ids,
    }
