"""The dashboard page (charts drawn server-side as SVG) and its JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.permissions import Permission
from vigil.web.deps import AppSettings, DbSession
from vigil.web.templates import render
from vigil.workspace.insight import service

router = APIRouter()
Days = Annotated[int, Query(ge=1, le=366)]


@router.get("/workspace/dashboard", name="dashboard_page")
def dashboard_page(
    request: Request,
    db: DbSession,
    settings: AppSettings,
    principal: requires(Permission.dashboard_read),  # type: ignore[valid-type]
    days: Days = 30,
) -> Response:
    board = service.build(db=db, viewer=principal, settings=settings, days=days)
    record(
        db,
        tag=AuditTag.report_list,
        actor=principal.actor,
        object_type="dashboard",
        details={"days": days, "total": board.total},
    )
    db.commit()
    peak = max([n for _, n in board.per_day] + [1])
    return render(
        request, "workspace/dashboard.html", {"b": board, "peak": peak, "page_marking": board.marking}
    )


@router.get("/api/v1/workspace/dashboard", name="api_dashboard")
def api_dashboard(
    db: DbSession,
    settings: AppSettings,
    principal: requires(Permission.dashboard_read),  # type: ignore[valid-type]
    days: Days = 30,
) -> Response:
    board = service.build(db=db, viewer=principal, settings=settings, days=days)
    record(
        db,
        tag=AuditTag.report_list,
        actor=principal.actor,
        object_type="dashboard",
        details={"days": days, "total": board.total},
    )
    db.commit()
    data = asdict(board)
    data["per_day"] = [[d.isoformat(), n] for d, n in board.per_day]
    return JSONResponse(data)
