"""Workspace pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.marking import high_water_mark
from vigil.auth.permissions import Permission
from vigil.web.deps import DbSession
from vigil.web.templates import render
from vigil.workspace import service

router = APIRouter(prefix="/workspace")


@router.get("/queue", name="queue")
def queue_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.queue_read),  # type: ignore[valid-type]
    q: Annotated[str | None, Query(max_length=200)] = None,
    state: Annotated[str | None, Query(max_length=20)] = None,
    urgency: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    reports = service.queue(
        db=db, viewer=principal, filter_in=service.QueueFilter(q=q or None, state=state, urgency=urgency)
    )
    counts = service.counts_by_urgency(db=db, viewer=principal)
    record(
        db,
        tag=AuditTag.report_search if q else AuditTag.report_list,
        actor=principal.actor,
        object_type="report",
        details={"q": q, "state": state, "urgency": urgency, "shown": [r.id for r in reports]},
    )
    db.commit()
    return render(
        request,
        "workspace/queue.html",
        {
            "reports": reports,
            "counts": counts,
            "q": q or "",
            "page_marking": high_water_mark([r.classification for r in reports]).value if reports else None,
        },
    )
