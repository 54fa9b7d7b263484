"""The report API for the public and partner systems."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, HTTPException, Request, Response, status
from starlette.concurrency import run_in_threadpool

from vigil.audit.service import Actor
from vigil.auth.deps import Principal, resolve_principal
from vigil.intake import followups, idempotency, submission, writer
from vigil.intake.abuse import RateLimited, check_rate
from vigil.intake.enums import Channel
from vigil.intake.schemas import FollowupAccepted, FollowupCreate, ReportCreate, ReportReceipt, ReportStatus
from vigil.web.deps import DbSession
from vigil.web.security import session_cookie_name

router = APIRouter(prefix="/api/v1", tags=["reports"])

PUBLIC_ACTOR = Actor(user_id=None, label="public")
RETRY_AFTER_SECONDS = 2
STORAGE_FULL_RETRY_SECONDS = 60
_ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "a request with this Idempotency-Key is still being processed"},
    422: {"description": "invalid input (each bad field named with the reason), or a reused key"},
    429: {"description": "too many reports from this connection; see Retry-After"},
    503: {"description": "the database is busy: NOT received; retry after Retry-After with the same key"},
    507: {"description": "storage is full: NOT received; retry later with the same key"},
}


def _too_many(exc: RateLimited) -> HTTPException:
    return HTTPException(status_code=429, detail=str(exc), headers={"Retry-After": str(exc.retry_after)})


@router.post(
    "/reports",
    name="api_create_report",
    status_code=status.HTTP_201_CREATED,
    response_model=ReportReceipt,
    responses={200: {"description": "already received (a duplicate)", "model": ReportReceipt}, **_ERRORS},
)
async def create_report(
    request: Request,
    report_in: ReportCreate,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=idempotency.MAX_KEY_LENGTH,
            description="a random value (a UUID); a retry with the same key and body returns the same receipt",
        ),
    ] = None,
) -> Response:
    """Accept a report. 201 means it is committed, with its triage job, before we answer.

    Anonymous clients are rate limited per connection (429 with Retry-After); clients with an
    API token are accountable and are not. A report identical to one the same connection
    sent in the last half hour is not stored again: the answer is 200 with its reference.
    """
    principal = await run_in_threadpool(_principal, request)
    client: str | None = None
    if principal is None:
        try:
            client = check_rate(request)
        except RateLimited as exc:
            raise _too_many(exc) from None
    actor = principal.actor if principal else PUBLIC_ACTOR
    idem: submission.IdempotencyRequest | None = None
    if idempotency_key:
        idem = submission.IdempotencyRequest(
            scope=f"user:{principal.user_id}" if principal else "public",
            raw_key=idempotency_key,
            body_hash=idempotency.request_hash(report_in.model_dump_json().encode()),
        )
    sub = submission.Submission(
        report_in=report_in,
        channel=Channel.api,
        actor=actor,
        client=client or (f"user:{principal.user_id}" if principal else None),
        idempotency=idem,
        check_duplicates=idem is None,
    )
    try:
        outcome = await writer.committer_for(request.app.state).submit_async(sub)
    except idempotency.KeyMismatch:
        raise HTTPException(
            status_code=422, detail="this Idempotency-Key was already used with a different report"
        ) from None
    except idempotency.KeyInFlight:
        raise HTTPException(
            status_code=409,
            detail="a report with this Idempotency-Key is still being processed; retry shortly",
            headers={"Retry-After": "1"},
        ) from None
    except submission.NotConfirmed:
        raise HTTPException(
            status_code=503,
            detail="your report could not be confirmed; send it again with the same Idempotency-Key",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        ) from None
    except submission.StorageFull:
        raise HTTPException(
            status_code=507,
            detail="storage is full and your report was NOT received; send it again later (same Idempotency-Key)",
            headers={"Retry-After": str(STORAGE_FULL_RETRY_SECONDS)},
        ) from None
    except submission.Busy:
        raise _not_received() from None
    if isinstance(outcome, submission.Replayed):
        return _receipt(
            201,
            ReportReceipt(reference=outcome.reference, followup_code=outcome.followup_code),
            {"Idempotent-Replayed": "true"},
        )
    if isinstance(outcome, submission.Duplicate):
        return _receipt(200, ReportReceipt(reference=outcome.reference, status="already received"))
    return _receipt(
        201,
        ReportReceipt(
            reference=outcome.reference, followup_code=outcome.followup_code, call_999=outcome.call_999
        ),
    )


def _receipt(code: int, receipt: ReportReceipt, headers: dict[str, str] | None = None) -> Response:
    """The receipt as JSON, encoded once with orjson (the route's ``response_model`` documents
    it; returning a ``Response`` skips FastAPI's second validation and ``json.dumps``)."""
    return Response(
        orjson.dumps(receipt.model_dump()), status_code=code, media_type="application/json", headers=headers
    )


def _principal(request: Request) -> Principal | None:
    """The caller, if it sent credentials (a token or a session cookie); else anonymous.

    Anonymous submissions, nearly all of them, never touch the database here: the one write
    is the writer thread's. Credentials are checked in a worker thread (a database read).
    """
    settings = request.app.state.settings
    has_token = request.headers.get("authorization", "").lower().startswith("bearer ")
    if not has_token and session_cookie_name(settings.secure_cookies) not in request.cookies:
        request.state.principal = None
        return None
    with request.app.state.sessions() as db:
        return resolve_principal(request, db)


def _not_received() -> HTTPException:
    return HTTPException(
        status_code=503,
        detail="the service is busy and your report was NOT received; send it again (same Idempotency-Key)",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


@router.get(
    "/reports/{reference}/status",
    name="api_report_status",
    response_model=ReportStatus,
    responses={404: {"description": "no report with that reference and code"}, 429: _ERRORS[429]},
)
def report_status(
    request: Request,
    db: DbSession,
    reference: str,
    followup_code: Annotated[str, Header(alias="X-Followup-Code", max_length=40)],
) -> ReportStatus:
    """For the holder of the follow-up code only: received or being assessed, nothing more.

    Rate limited per connection like the follow-up route, so codes cannot be guessed in bulk."""
    try:
        check_rate(request, name="followup")
    except RateLimited as exc:
        raise _too_many(exc) from None
    report = followups.get_by_followup(db=db, reference=reference, code=followup_code)
    if report is None:
        raise HTTPException(status_code=404, detail="no report with that reference and code")
    return ReportStatus(reference=report.reference, status=followups.public_status(report))


@router.post(
    "/reports/{reference}/followups",
    name="api_report_followup",
    status_code=status.HTTP_201_CREATED,
    response_model=FollowupAccepted,
    responses={404: {"description": "no report with that reference and code"}, 429: _ERRORS[429]},
)
def add_followup(
    request: Request,
    db: DbSession,
    reference: str,
    followup_in: FollowupCreate,
    followup_code: Annotated[str, Header(alias="X-Followup-Code", max_length=40)],
) -> FollowupAccepted:
    """Add information to your report with its follow-up code. Nothing is ever read back."""
    try:
        check_rate(request, name="followup")
    except RateLimited as exc:
        raise _too_many(exc) from None
    report = followups.get_by_followup(db=db, reference=reference, code=followup_code)
    if report is None:
        raise HTTPException(status_code=404, detail="no report with that reference and code")
    followups.add_followup(db=db, report=report, text=followup_in.text, actor=PUBLIC_ACTOR)
    db.commit()
    return FollowupAccepted(reference=report.reference)
