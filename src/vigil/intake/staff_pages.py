"""The call handlers' form: a 101 or hotline call typed in as a report with channel ``phone``.

One page, every field on it, the description first and focused, so a handler can type while
the caller talks; after saving, the page is blank again for the next call with the reference
shown at the top to read out.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from vigil.auth.deps import Require, requires
from vigil.auth.permissions import Permission
from vigil.intake import form, labels, service
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
