"""Analysts' access to a report's attachments: checked through the parent report's marking,
audited, download-only (the route sets the headers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.marking import can_see
from vigil.intake.files import attachment_root
from vigil.intake.models import Attachment, Report

if TYPE_CHECKING:
    from vigil.auth.deps import Principal


class AttachmentNotFound(LookupError):
    """No such attachment, its file is gone, or the viewer may not see its report (a 404)."""


@dataclass(frozen=True, slots=True)
class OpenedAttachment:
    """An attachment the viewer may read: where its bytes are and how to offer them."""

    attachment: Attachment
    report: Report
    path: Path
    media_type: str
    download_name: str
    sha256: str
    original: bool


_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def open_attachment(
    *, db: Session, viewer: Principal, attachment_id: int, files_dir: Path, original: bool = False
) -> OpenedAttachment:
    """Check access through the parent report's marking, audit the read, and locate the file.

    The re-encoded derivative (metadata stripped) by default; the original bytes, kept as
    evidence, only when ``original`` is asked for explicitly, and audited as such. A report the
    viewer may not see is :class:`AttachmentNotFound`, exactly like one that does not exist
    (the denied attempt is audited as ``access:denied``). The caller commits (the audit event).
    """
    attachment = db.get(Attachment, attachment_id)
    report = db.get(Report, attachment.report_id) if attachment is not None else None
    if attachment is None or report is None or not can_see(db, viewer, report):  # type: ignore[arg-type]
        if report is not None:
            record(
                db,
                tag=AuditTag.access_denied,
                actor=viewer.actor,
                object_type="attachment",
                object_id=attachment_id,
                details={"reason": "not visible to the user's organisation or clearance"},
            )
        raise AttachmentNotFound(attachment_id)
    use_original = original or attachment.derivative_path is None
    rel = attachment.original_path if use_original else attachment.derivative_path
    assert rel is not None
    root = attachment_root(files_dir).resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise AttachmentNotFound(attachment_id)
    if use_original:
        # The original is evidence as received: offered as opaque bytes, never rendered.
        media_type = "application/octet-stream"
        extension = _EXTENSIONS.get(attachment.media_type, "bin") if attachment.kind == "pdf" else "bin"
        name = f"{report.reference}-{attachment.id}-original.{extension}"
        digest = attachment.original_sha256
    else:
        media_type = attachment.media_type
        name = f"{report.reference}-{attachment.id}.{_EXTENSIONS.get(media_type, 'bin')}"
        digest = attachment.derivative_sha256 or attachment.original_sha256
    record(
        db,
        tag=AuditTag.attachment_read,
        actor=viewer.actor,
        object_type="attachment",
        object_id=attachment.id,
        details={"report_id": report.id, "original": use_original, "sha256": digest},
    )
    return OpenedAttachment(
        attachment=attachment,
        report=report,
        path=path,
        media_type=media_type,
        download_name=name,
        sha256=digest,
        original=use_original,
    )
