"""The call handlers' form: a 101 or hotline call typed in as a report with channel ``phone``.

One page, every field on it, the description first and focused, so a handler can type while
the caller talks; after saving, the page is blank again for the next call with the reference
shown at the top to read out.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, Response

from vigil.auth.deps import Require, requires
from vigil.auth.permissions import Permission
from vigil.intake import attachment_access, form, labels, service
from vigil.intake.enums import Channel
from vigil.intake.pages import Form, _value
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter(prefix="/intake")

CALL_FIELDS = (
    "report_type",
    "description",
    "emergency_now",
    "location_text",
    "postcode",
    "observed_date",
    "observed_time",
    "observed_approx",
    "people_text",
    "vehicles_text",
    "phones_text",
    "urls_text",
    "public_figure",
    "contact_name",
    "contact_phone",
    "contact_email",
)


def _page(request: Request, answers: dict[str, Any], errors: dict[str, str], **extra: Any) -> Response:
    context = {"answers": answers, "errors": errors, "labels": labels} | extra
    return render(request, "intake/call.html", context, status_code=400 if errors else 200)


@router.get("/call", name="call_form", dependencies=[Depends(Require(Permission.report_create_staff))])
def call_form(request: Request) -> Response:
    return _page(request, {}, {})


@router.post("/call", name="call_submit")
def call_submit(
    request: Request,
    db: DbSession,
    data: Form,
    principal: requires(Permission.report_create_staff),  # type: ignore[valid-type]
) -> Response:
    answers = {name: _value(data, name) for name in CALL_FIELDS}
    answers["emergency_now"] = "yes" if answers["emergency_now"] else "no"
    report_in, errors = form.validate(answers, upto="check")
    if report_in is None:
        return _page(request, answers, errors)
    report, _code = service.create(db=db, report_in=report_in, channel=Channel.phone, actor=principal.actor)
    db.commit()
    # The caller is given the reference; the follow-up code is for web reporters only.
    return _page(
        request, {}, {}, saved=report.reference, urgent=report.emergency_detected or report.emergency_declared
    )


@router.get("/attachments/{attachment_id}", name="attachment_download")
def attachment_download(
    request: Request,
    db: DbSession,
    attachment_id: int,
    principal: requires(Permission.attachment_read),  # type: ignore[valid-type]
    original: bool = False,
) -> Response:
    """A report's attachment, only ever as a download: the clean derivative unless
    ``?original=1`` asks for the evidential original (audited as such). ``nosniff`` is added
    to every response by :class:`vigil.web.security.SecurityMiddleware`."""
    try:
        opened = attachment_access.open_attachment(
            db=db,
            viewer=principal,
            attachment_id=attachment_id,
            files_dir=request.app.state.settings.files_dir,
            original=original,
        )
    except attachment_access.AttachmentNotFound:
        db.commit()  # the denied attempt's audit event, if any
        raise HTTPException(status_code=404, detail="not found") from None
    db.commit()  # the read is audited before a byte is sent
    return FileResponse(
        opened.path,
        media_type=opened.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{opened.download_name}"',
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "Cache-Control": "no-store",
            "X-Vigil-SHA256": opened.sha256,
        },
    )
