"""Audit trail viewing and verification, for auditors only (viewing is itself audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from vigil.audit.enums import AuditTag
from vigil.audit.models import AuditEvent
from vigil.audit.service import record, verify
from vigil.auth.deps import requires
from vigil.auth.permissions import Permission
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter(prefix="/admin/audit")


@router.get("", name="audit_list")
def audit_list(
    request: Request,
    db: DbSession,
    principal: requires(Permission.audit_read),  # type: ignore[valid-type]
    tag: Annotated[str | None, Query(max_length=64)] = None,
    object_type: Annotated[str | None, Query(max_length=32)] = None,
    object_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    stmt = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(200)
    if tag:
        stmt = stmt.where(AuditEvent.tag == tag)
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    if object_id:
        stmt = stmt.where(AuditEvent.object_id == object_id)
    events = list(db.scalars(stmt))
    record(
        db,
        tag=AuditTag.audit_read,
        actor=principal.actor,
        details={"tag": tag, "object_type": object_type, "object_id": object_id},
    )
    db.commit()
    return render(request, "audit/list.html", {"events": events})


@router.post("/verify", name="audit_verify")
def audit_verify(
    request: Request,
    db: DbSession,
    principal: requires(Permission.audit_read),  # type: ignore[valid-type]
) -> Response:
    count, problems = verify(db)
    record(
        db,
        tag=AuditTag.audit_verify,
        actor=principal.actor,
        details={"checked": count, "problems": len(problems)},
    )
    db.commit()
    return render(request, "audit/verify.html", {"count": count, "problems": problems})
