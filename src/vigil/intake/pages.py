"""The public reporting form: one question per page, works without JavaScript and on a phone.

The in-progress answers live in a server-side draft (see :mod:`vigil.intake.drafts`); the
browser holds only the random draft key, in an HttpOnly cookie. The last page sends the
report through the intake writer (:mod:`vigil.intake.writer`, group commit), which stores it with
:func:`vigil.intake.service.create` like every other channel.
"""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from vigil.auth.deps import resolve_principal
from vigil.intake import drafts, files, followups, form, labels, submission, writer
from vigil.intake.abuse import RateLimited, check_rate
from vigil.intake.api import PUBLIC_ACTOR, RETRY_AFTER_SECONDS
from vigil.intake.enums import Channel
from vigil.intake.models import ReportDraft
from vigil.intake.sanitise import clean_filename, strip_unstorable
from vigil.intake.schemas import FollowupCreate
from vigil.reference.models import RefForce
from vigil.web.deps import DbSession
from vigil.web.security import read_form
from vigil.web.templates import render

log = logging.getLogger(__name__)
router = APIRouter(prefix="/report")


class AlreadySent(Exception):
    """The draft was consumed by an earlier submission (a double click)."""


HOTLINE = "0800 789 321"
HONEYPOT = "website"


async def form_data(request: Request) -> FormData:
    """Parse the posted form once (the CSRF check has usually done it already)."""
    return await read_form(request)


Form = Annotated[FormData, Depends(form_data)]


def _cookie_name(request: Request) -> str:
    secure: bool = request.app.state.settings.secure_cookies
    return "__Host-vigil_report" if secure else "vigil_report"


def _draft(request: Request, db: DbSession, *, for_update: bool = False) -> ReportDraft | None:
    return drafts.get(db=db, token=request.cookies.get(_cookie_name(request)), for_update=for_update)


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    base = {
        "labels": labels,
        "hotline": HOTLINE,
        "steps": form.STEPS,
    }
    return render(request, f"intake/{name}", base | context, status_code=status_code)


def _too_many(request: Request, exc: RateLimited) -> Response:
    response = _page(request, "busy.html", {"retry_after": exc.retry_after}, status_code=429)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def _value(data: FormData, name: str) -> str:
    """A posted text value, bounded, without what could never be stored (a NUL, say)."""
    raw = data.get(name)
    return strip_unstorable(raw[: form.MAX_RAW + 1]) if isinstance(raw, str) else ""


@router.get("", name="report_start")
def start(request: Request, db: DbSession) -> Response:
    resolve_principal(request, db)
    draft = _draft(request, db)
    return _page(request, "start.html", {"answers": draft.answers if draft else {}, "errors": {}})


@router.post("", name="report_start_post")
def start_post(request: Request, db: DbSession, data: Form) -> Response:
    answer = _value(data, "emergency_now")
    if answer not in ("yes", "no"):
        errors = {"emergency_now": "Select yes if someone is in danger or there is an unattended item now"}
        return _page(request, "start.html", {"answers": {}, "errors": errors}, status_code=400)
    draft = _draft(request, db)
    token = None
    if draft is None:
        try:
            check_rate(request, name="draft", multiplier=10)
        except RateLimited as exc:
            return _too_many(request, exc)
        token = drafts.new_token()
        drafts.create(db=db, token=token, answers={"emergency_now": answer})
    else:
        drafts.update(db=db, draft=draft, answers={"emergency_now": answer})
    db.commit()
    response = RedirectResponse("/report/emergency" if answer == "yes" else "/report/type", status_code=303)
    if token:
        secure = request.app.state.settings.secure_cookies
        response.set_cookie(
            _cookie_name(request), token, httponly=True, secure=secure, samesite="lax", path="/", max_age=7200
        )
    return response


@router.get("/emergency", name="report_emergency")
def emergency(request: Request) -> Response:
    return _page(request, "emergency.html", {})


@router.get("/force-areas.geojson", name="report_force_areas")
def force_areas(request: Request, db: DbSession) -> Response:
    """Generalised force-area outlines for the map (no tile server: the map is drawn from these)."""
    cached: bytes | None = getattr(request.app.state, "intake_force_areas", None)
    if cached is None:
        import shapely  # noqa: PLC0415

        features = []
        for slug, name, polygon in db.execute(select(RefForce.slug, RefForce.name, RefForce.polygon_geojson)):
            if not polygon:
                continue
            shape = shapely.from_geojson(polygon).simplify(0.01, preserve_topology=True)
            geometry = json.loads(shapely.to_geojson(shape))
            features.append(
                {"type": "Feature", "properties": {"slug": slug, "name": name}, "geometry": geometry}
            )
        cached = json.dumps({"type": "FeatureCollection", "features": features}).encode()
        if features:
            request.app.state.intake_force_areas = cached
    return Response(
        cached, media_type="application/geo+json", headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/followup", name="report_followup_form")
def followup_form(request: Request) -> Response:
    return _page(request, "followup.html", {"values": {}, "errors": {}})


@router.post("/followup", name="report_followup")
def followup_post(request: Request, db: DbSession, data: Form) -> Response:
    values = {k: _value(data, k) for k in ("reference", "code", "text")}
    try:
        check_rate(request, name="followup")
    except RateLimited as exc:
        return _too_many(request, exc)
    errors: dict[str, str] = {}
    text = ""
    try:
        text = FollowupCreate(text=values["text"]).text
    except ValueError:
        errors["text"] = "Tell us what you want to add (up to 10,000 characters)"
    report = followups.get_by_followup(db=db, reference=values["reference"], code=values["code"])
    if report is None:
        errors["reference"] = (
            "The reference and follow-up code do not match a report. Check them and try again"
        )
    if errors or report is None:
        return _page(request, "followup.html", {"values": values, "errors": errors}, status_code=400)
    followups.add_followup(db=db, report=report, text=text, actor=PUBLIC_ACTOR)
    db.commit()
    # Nothing about the report is shown back: only that the addition was received.
    return _page(request, "followup_done.html", {})


@router.get("/{step}", name="report_step")
def step_page(request: Request, db: DbSession, step: str) -> Response:
    if step not in form.ORDER:
        raise HTTPException(status_code=404, detail="There is no such page.")
    draft = _draft(request, db)
    if draft is None:
        return RedirectResponse("/report", status_code=303)
    return _render_step(request, step, draft, {})


def _render_step(
    request: Request, step: str, draft: ReportDraft, errors: dict[str, str], status: int = 200
) -> Response:
    names = [str(f.get("filename")) for f in draft.files]
    context: dict[str, Any] = {
        "step": step,
        "answers": draft.answers,
        "errors": errors,
        "files": names,
        "back": form.previous_step(step) or "",
        "return_to_check": request.query_params.get("change") == "1",
        "max_files": files.MAX_ATTACHMENTS,
        "field_steps": form.INPUT_STEP,
    }
    if step == "check":
        context["rows"] = form.summary_rows(draft.answers, names)
    return _page(request, f"step_{step}.html", context, status_code=status)


@router.post("/{step}", name="report_step_post")
def step_post(request: Request, db: DbSession, step: str, data: Form) -> Response:
    if step not in form.STEP_BY_SLUG:
        raise HTTPException(status_code=404, detail="There is no such page.")
    draft = _draft(request, db, for_update=True)
    if draft is None:
        return RedirectResponse("/report", status_code=303)
    definition = form.STEP_BY_SLUG[step]
    errors: dict[str, str] = {}
    answers: dict[str, Any] = {}
    for name in definition.fields:
        if name in definition.multi:
            answers[name] = [strip_unstorable(v[:100]) for v in data.getlist(name) if isinstance(v, str)][:10]
        else:
            answers[name] = _value(data, name)
            if len(answers[name]) > form.MAX_RAW:
                errors[name] = "This answer is too long"
    if step == "files":
        errors |= _files_step(request, db, draft, data)
        if data.get("action") in ("upload",) or data.get("remove") is not None or errors:
            db.commit()
            return _render_step(request, step, draft, errors, 400 if errors else 200)
    drafts.update(db=db, draft=draft, answers=answers)
    if not errors:
        _report, errors = form.validate(draft.answers, upto=step)
    db.commit()
    if errors:
        return _render_step(request, step, draft, errors, status=400)
    target = "check" if data.get("return_to_check") == "1" else form.next_step(step)
    return RedirectResponse(f"/report/{target}", status_code=303)


def _files_step(request: Request, db: DbSession, draft: ReportDraft, data: FormData) -> dict[str, str]:
    root = files.attachment_root(request.app.state.settings.files_dir)
    removal = data.get("remove")
    if isinstance(removal, str) and removal.isdigit():
        drafts.remove_file(db=db, draft=draft, index=int(removal), root=root)
        return {}
    uploads = [u for u in data.getlist("files") if isinstance(u, UploadFile) and u.filename]
    if len(draft.files) + len(uploads) > files.MAX_ATTACHMENTS:
        return {"files": f"You can add up to {files.MAX_ATTACHMENTS} files"}
    for upload in uploads:
        content = upload.file.read(files.MAX_ATTACHMENT_BYTES + 1)
        try:
            prepared = files.prepare(root=root, data=content, filename=upload.filename)
        except files.AttachmentRejected as exc:
            return {"files": f"{clean_filename(upload.filename)[:80]}: {exc}"}
        drafts.add_file(db=db, draft=draft, prepared=prepared)
    return {}


@router.post("/check/submit", name="report_submit")
def submit(request: Request, db: DbSession, data: Form) -> Response:
    """Send the report: stored with its files and triage job in one transaction, then the receipt."""
    if _value(data, HONEYPOT):
        # Only software fills the hidden field. Tell it nothing useful; store nothing.
        return _page(request, "not_sent.html", {}, status_code=400)
    try:
        return _submit(request, db)
    except submission.Busy:
        pass
    except (OperationalError, PoolTimeout) as exc:
        log.warning("report form: database unavailable, report not received: %s", exc)
    # Nothing was stored and the draft is still there: the reporter can simply send it again.
    db.rollback()
    response = _page(request, "not_received.html", {"retry_after": RETRY_AFTER_SECONDS}, status_code=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _submit(request: Request, db: DbSession) -> Response:
    draft = _draft(request, db)
    if draft is None:
        return _page(request, "already_sent.html", {}, status_code=409)
    try:
        client = check_rate(request)
    except RateLimited as exc:
        return _too_many(request, exc)
    report_in, errors = form.validate(draft.answers, upto="check")
    if report_in is None:
        return _render_step(request, "check", draft, errors, status=400)
    prepared = [files.PreparedFile.from_dict(f) for f in draft.files]
    draft_id = draft.id
    db.rollback()  # end the read: the one write is the intake writer's (group commit)

    def consume_draft(wdb: Session) -> None:
        # In the report's own savepoint: the draft becomes this report or, if a double click
        # got there first, nothing is stored and the reporter is told it was already sent.
        found = wdb.get(ReportDraft, draft_id)
        if found is None or not drafts.consume(db=wdb, draft=found):
            raise AlreadySent

    sub = submission.Submission(
        report_in=report_in,
        channel=Channel.web,
        actor=PUBLIC_ACTOR,
        attachments=prepared,
        client=client,
        before=consume_draft,
    )
    try:
        outcome = writer.committer_for(request.app.state).submit(sub)
    except AlreadySent:
        return _page(request, "already_sent.html", {}, status_code=409)
    assert isinstance(outcome, submission.Accepted)
    response = _page(
        request,
        "confirmation.html",
        {
            "reference": outcome.reference,
            "code": outcome.followup_code,
            "emergency": outcome.call_999,
            "detected": outcome.emergency_detected,
        },
    )
    response.delete_cookie(_cookie_name(request), path="/", secure=request.app.state.settings.secure_cookies)
    return response
