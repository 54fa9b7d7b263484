"""The one object-level access helper for the protect domain: visible, or 404."""

from __future__ import annotations

from typing import TypeVar

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth.marking import MarkedMixin, Viewer, can_see
from vigil.auth.models import Organisation

M = TypeVar("M", bound=MarkedMixin)

PARLIAMENT_SECURITY = "parliament-security"
HOME_OFFICE = "home-office"


def get_visible_or_404(db: Session, model: type[M], record_id: int, viewer: Viewer) -> M:
    """The record if the viewer may see it; otherwise 404, so its existence is not confirmed."""
    found = db.get(model, record_id)
    if found is None or not can_see(db, viewer, found):  # type: ignore[arg-type]
        actor = getattr(viewer, "actor", None)
        if found is not None and isinstance(actor, Actor):
            # An attempt on a record that exists but is not theirs is a security event: logged
            # and committed on its own (the request that made it changes nothing).
            db.rollback()
            record(
                db,
                tag=AuditTag.access_denied,
                actor=actor,
                object_type=model.__record_type__,
                object_id=record_id,
                details={"reason": "not visible to the user's organisation or clearance"},
            )
            db.commit()
        raise HTTPException(status_code=404, detail="not found")
    return found


def org_id_for(db: Session, code: str | None) -> int | None:
    if not code:
        return None
    return db.scalar(select(Organisation.id).where(Organisation.code == code))


def partner_org_ids(db: Session) -> set[int]:
    """Parliament security: the partner every MP record and review is shared with."""
    found = org_id_for(db, PARLIAMENT_SECURITY)
    return {found} if found is not None else set()
