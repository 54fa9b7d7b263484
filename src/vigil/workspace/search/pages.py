"""The search page and the POLE entity pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.marking import high_water_mark
from vigil.auth.permissions import Permission
from vigil.triage.models import Entity
from vigil.web.deps import DbSession
from vigil.web.templates import render
from vigil.workspace.access import not_found
from vigil.workspace.deps import QueueFilterDep, filter_details
from vigil.workspace.search import service

router = APIRouter(prefix="/workspace")


@router.get("/search", name="search_page")
def search_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.queue_read),  # type: ignore[valid-type]
    filter_in: QueueFilterDep,
) -> Response:
    reports = service.search_reports(db=db, viewer=principal, filter_in=filter_in) if filter_in.q else []
    entities = service.search_entities(db=db, viewer=principal, q=filter_in.q) if filter_in.q else []
    if filter_in.q:
        record(
            db,
            tag=AuditTag.report_search,
            actor=principal.actor,
            object_type="report",
            details={
                **filter_details(filter_in),
                "shown": [r.id for r in reports],
                "entities": [e.id for e in entities],
            },
        )
    db.commit()
    return render(
        request,
        "workspace/search.html",
        {
            "reports": reports,
            "entities": entities,
            "q": filter_in.q or "",
            "page_marking": high_water_mark([r.classification for r in reports]).value if reports else None,
        },
    )


@router.get("/entities/{entity_id}", name="entity_page")
def entity_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.entity_read),  # type: ignore[valid-type]
    entity_id: Annotated[int, Path(ge=1)],
) -> Response:
    entity = db.get(Entity, entity_id)
    reports = service.entity_reports(db=db, viewer=principal, entity_id=entity_id) if entity else []
    if entity is None or not reports:
        raise not_found()  # an entity only mentioned by reports this user may not see does not exist for them
    operations = service.operations_of(db=db, viewer=principal, report_ids=[r.id for r in reports])
    points = [
        {"point": [r.latitude, r.longitude], "reference": r.reference}
        for r in reports
        if r.latitude is not None and r.longitude is not None
    ]
    record(
        db,
        tag=AuditTag.entity_read,
        actor=principal.actor,
        object_type="entity",
        object_id=entity.id,
        details={"reports": [r.id for r in reports]},
    )
    db.commit()
    marking = high_water_mark(
        [r.classification for r in reports] + [o.classification for o in operations]
    ).value
    return render(
        request,
        "workspace/entity.html",
        {
            "e": entity,
            "reports": reports,
            "operations": operations,
            "map_data": {"points": points} if points else None,
            "page_marking": marking,
        },
    )
