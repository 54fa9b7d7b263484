"""Intake housekeeping: expired drafts, old idempotency keys and orphan attachment files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.intake import drafts, files, idempotency
from vigil.intake.models import Attachment, ReportDraft


@dataclass(frozen=True, slots=True)
class SweepResult:
    drafts: int
    keys: int
    orphans: int


def referenced_files(db: Session) -> set[str]:
    """Every stored file a report or a live draft points at."""
    referenced: set[str] = set()
    for original, derivative in db.execute(select(Attachment.original_path, Attachment.derivative_path)):
        referenced.update(p for p in (original, derivative) if p)
    for (draft_files,) in db.execute(select(ReportDraft.files)):
        for f in draft_files:
            referenced.update(p for p in (f.get("original_path"), f.get("derivative_path")) if p)
    return referenced


def sweep(*, db: Session, files_dir: Path, grace_seconds: int = files.ORPHAN_GRACE_SECONDS) -> SweepResult:
    """Commits the row deletions, then removes files no row references (after the grace period)."""
    root = files.attachment_root(files_dir)
    expired = drafts.sweep(db=db, root=root)
    keys = idempotency.sweep(db=db)
    db.commit()
    orphans = files.sweep_orphans(root, referenced_files(db), grace_seconds=grace_seconds)
    return SweepResult(drafts=expired, keys=keys, orphans=orphans)
