"""Public-form drafts: answers kept server-side between pages, keyed by a random cookie.

Only the SHA-256 of the cookie value is stored, so the table cannot be used to take over a
reporter's draft. Drafts expire two hours after their last change and are swept with their
files; a submitted draft is deleted in the report's own transaction, so the same draft can
never become two reports (a double click on "Send report" finds it gone).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vigil.db.types import utcnow
from vigil.intake import files
from vigil.intake.models import ReportDraft

DRAFT_TTL = timedelta(hours=2)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def get(*, db: Session, token: str | None, for_update: bool = False) -> ReportDraft | None:
    if not token or len(token) > 100:
        return None
    query = select(ReportDraft).where(ReportDraft.id == _hash(token), ReportDraft.expires_at > utcnow())
    if for_update:
        query = query.with_for_update()
    return db.scalar(query)


def create(*, db: Session, token: str, answers: dict[str, Any]) -> ReportDraft:
    draft = ReportDraft(id=_hash(token), answers=answers, files=[], expires_at=utcnow() + DRAFT_TTL)
    db.add(draft)
    db.flush()
    return draft


def update(*, db: Session, draft: ReportDraft, answers: dict[str, Any]) -> None:
    # Reassign (not mutate) so SQLAlchemy sees the JSON change.
    draft.answers = {**draft.answers, **answers}
    draft.expires_at = utcnow() + DRAFT_TTL
    db.flush()


def add_file(*, db: Session, draft: ReportDraft, prepared: files.PreparedFile) -> None:
    draft.files = [*draft.files, prepared.to_dict()]
    draft.expires_at = utcnow() + DRAFT_TTL
    db.flush()


def remove_file(*, db: Session, draft: ReportDraft, index: int, root: Path) -> None:
    kept = list(draft.files)
    if 0 <= index < len(kept):
        gone = kept.pop(index)
        files.discard(root, files.PreparedFile.from_dict(gone))
    draft.files = kept
    db.flush()


def consume(*, db: Session, draft: ReportDraft) -> bool:
    """Delete the draft as it becomes a report; False when another request already did."""
    result = db.execute(delete(ReportDraft).where(ReportDraft.id == draft.id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def sweep(*, db: Session, root: Path) -> int:
    """Delete expired drafts and their files."""
    expired = list(db.scalars(select(ReportDraft).where(ReportDraft.expires_at <= utcnow())))
    for draft in expired:
        for data in draft.files:
            files.discard(root, files.PreparedFile.from_dict(data))
        db.delete(draft)
    db.flush()
    return len(expired)
