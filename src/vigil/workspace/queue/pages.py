"""The queue page and the notifications a supervisor is paged with."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.enums import Classification
from vigil.auth.marking import high_water_mark
from vigil.auth.models import User
from vigil.auth.permissions import Permission
from vigil.intake.models import Report
from vigil.web.deps import AppSettings, DbSession
from vigil.web.templates import render
from vigil.workspace import sla
from vigil.workspace.deps import QueueFilterDep, filter_details
from vigil.workspace.queue import notify, service

router = APIRouter(prefix="/workspace")


@router.get("/queue", name="queue")
def queue_page(
    request: Request,
    db: DbSession,
    settings: AppSettings,
    principal: requires(Permission.queue_read),  # type: ignore[valid-type]
    filter_in: QueueFilterDep,
) -> Response:
    notify.sweep_immediate(db)
    reports = service.queue(db=db, viewer=principal, filter_in=filter_in)
    counts = service.counts_by_urgency(db=db, viewer=principal, filter_in=filter_in)
    clocks = {r.id: sla.clock(settings, urgency=r.urgency, submitted_at=r.submitted_at) for r in reports}
    colleagues = list(
        db.scalars(
            select(User).where(User.organisation_id == principal.organisation_id).order_by(User.username)
        )
    )
    record(
        db,
        tag=AuditTag.report_search if filter_in.q else AuditTag.report_list,
        actor=principal.actor,
        object_type="report",
        details={**filter_details(filter_in), "shown": [r.id for r in reports]},
    )
    unread = len(notify.unread_for(db, principal.user_id))
    db.commit()
    return render(
        request,
        "workspace/queue.html",
        {
            "reports": reports,
            "counts": counts,
            "clocks": clocks,
            "f": filter_in,
            "q": filter_in.q or "",
            "colleagues": colleagues,
            "markings": [c.value for c in Classification],
            "unread": unread,
            "page_marking": high_water_mark([r.classification for r in reports]).value if reports else None,
        },
    )


@router.get("/notifications", name="notifications")
def notifications_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.queue_read),  # type: ignore[valid-type]
) -> Response:
    notify.sweep_immediate(db)
    rows = notify.unread_for(db, principal.user_id)
    refs = {
        r.id: r.reference
        for r in db.scalars(select(Report).where(Report.id.in_([n.report_id for n in rows if n.report_id])))
    }
    db.commit()
    return render(request, "workspace/notifications.html", {"notifications": rows, "refs": refs})


@router.post("/notifications/{notification_id}/read", name="notification_read")
def notification_read(
    db: DbSession,
    principal: requires(Permission.queue_read),  # type: ignore[valid-type]
    notification_id: Annotated[int, Path(ge=1)],
) -> Response:
    notify.mark_read(db, user_id=principal.user_id, notification_id=notification_id)
    db.commit()
    return RedirectResponse("/workspace/notifications", status_code=303)
