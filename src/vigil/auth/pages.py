"""Sign in and sign out."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth import service
from vigil.auth.deps import client_ip
from vigil.web.deps import AppSettings, DbSession
from vigil.web.security import session_cookie_name
from vigil.web.templates import render

router = APIRouter()

GENERIC_FAILURE = "The username, password or one-time code is not right, or the account is locked."


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths, so the login page cannot be used as an open redirect."""
    if not target:
        return "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login", name="login_form")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "auth/login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", name="login")
def login(
    request: Request,
    db: DbSession,
    settings: AppSettings,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    otp: Annotated[str | None, Form(max_length=10)] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    outcome = service.authenticate(
        db=db,
        username=username,
        password=password,
        otp=otp or None,
        max_failures=settings.login_max_failures,
        lockout=timedelta(minutes=settings.login_lockout_minutes),
    )
    ua = request.headers.get("user-agent")
    user = outcome.user
    actor = Actor(
        user_id=user.id if user else None,
        label=user.username if user else username.strip().lower()[:64],
        organisation_id=user.organisation_id if user else None,
        ip=client_ip(request),
        user_agent=ua,
    )
    if outcome.reason != "ok" or user is None:
        record(db, tag=AuditTag.user_login_failed, actor=actor, details={"reason": outcome.reason})
        if outcome.just_locked:
            record(db, tag=AuditTag.user_locked, actor=actor, object_type="user", object_id=actor.user_id)
        db.commit()
        message = (
            "Enter the one-time code from your authenticator app."
            if outcome.reason == "otp_required"
            else GENERIC_FAILURE
        )
        return render(
            request,
            "auth/login.html",
            {
                "next": _safe_next(next),
                "error": message,
                "username": username,
                "otp_needed": outcome.reason == "otp_required",
            },
            status_code=401,
        )
    token = service.start_session(db=db, user=user, hours=settings.session_hours, user_agent=ua)
    record(db, tag=AuditTag.user_login, actor=actor, object_type="user", object_id=user.id)
    db.commit()
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        session_cookie_name(settings.secure_cookies),
        token,
        max_age=settings.session_hours * 3600,
        path="/",
        secure=settings.secure_cookies,
        httponly=True,
        samesite="lax",
    )
    return response


@router.post("/logout", name="logout")
def logout(request: Request, db: DbSession, settings: AppSettings) -> Response:
    name = session_cookie_name(settings.secure_cookies)
    token = request.cookies.get(name)
    if token:
        found = service.resolve_session(db=db, token=token)
        service.end_session(db=db, token=token)
        if found is not None:
            _s, user = found
            record(
                db,
                tag=AuditTag.user_logout,
                actor=Actor(user.id, user.username, user.organisation_id, client_ip(request)),
            )
        db.commit()
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(name, path="/", secure=settings.secure_cookies, httponly=True, samesite="lax")
    return response
