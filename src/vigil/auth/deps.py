"""Who is asking, and may they? Every route declares a permission through ``Require``.

A request is authenticated by a bearer API token (machine clients) or by the session cookie
(people). The permission check is the same whichever way, whatever the HTTP verb, and a token
carries only the scopes it was issued with, never more than its user holds.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth import service
from vigil.auth.enums import Classification, Role
from vigil.auth.models import User
from vigil.auth.permissions import Permission, permissions_for
from vigil.web.deps import DbSession
from vigil.web.security import CSRF_FIELD, CSRF_HEADER, read_form, session_cookie_name


class LoginRequired(Exception):
    """No valid credentials: pages redirect to the sign-in page, the API answers 401."""


class Forbidden(Exception):
    """Signed in, but the role lacks the permission: 403."""


class CsrfFailed(Exception):
    """A state-changing browser request without a valid CSRF token: 403."""


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    organisation_id: int
    organisation_code: str
    organisation_name: str
    force_slug: str | None
    roles: frozenset[Role]
    permissions: frozenset[Permission]
    clearance: Classification
    via_token: bool = False
    ip: str | None = None
    user_agent: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def actor(self) -> Actor:
        return Actor(
            user_id=self.user_id,
            label=self.username,
            organisation_id=self.organisation_id,
            ip=self.ip,
            user_agent=self.user_agent,
        )


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _principal(
    user: User, permissions: frozenset[Permission], request: Request, via_token: bool
) -> Principal:
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        organisation_id=user.organisation_id,
        organisation_code=user.organisation.code,
        organisation_name=user.organisation.name,
        force_slug=user.organisation.force_slug,
        roles=frozenset(Role(r) for r in user.roles),
        permissions=permissions,
        clearance=Classification(user.clearance),
        via_token=via_token,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )


def resolve_principal(request: Request, db: Session) -> Principal | None:
    """Authenticate the request once; the result is cached on ``request.state``."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    principal: Principal | None = None
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        found = service.resolve_token(db=db, secret=auth[7:].strip())
        if found is not None:
            token, user = found
            granted = permissions_for({Role(r) for r in user.roles})
            scoped = frozenset(Permission(s) for s in token.scopes if s in Permission._value2member_map_)
            principal = _principal(user, granted & scoped, request, via_token=True)
            db.commit()  # last_used_at
    else:
        settings = request.app.state.settings
        cookie = request.cookies.get(session_cookie_name(settings.secure_cookies))
        if cookie:
            found_s = service.resolve_session(db=db, token=cookie)
            if found_s is not None:
                _session, user = found_s
                principal = _principal(
                    user, permissions_for({Role(r) for r in user.roles}), request, via_token=False
                )
    request.state.principal = principal
    return principal


def optional_principal(request: Request, db: DbSession) -> Principal | None:
    return resolve_principal(request, db)


class Require:
    """``Depends(Require(Permission.x))``: the only way a route grants access."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    def __call__(self, request: Request, db: DbSession) -> Principal:
        principal = resolve_principal(request, db)
        if principal is None:
            raise LoginRequired
        if not principal.can(self.permission):
            record(
                db,
                tag=AuditTag.access_denied,
                actor=principal.actor,
                details={"permission": self.permission.value, "path": request.url.path},
            )
            db.commit()
            raise Forbidden
        return principal

    def __repr__(self) -> str:
        return f"Require({self.permission.value})"


def requires(permission: Permission) -> type[Principal]:
    """``principal: requires(Permission.report_read)`` in a route signature."""
    return Annotated[Principal, Depends(Require(permission))]  # type: ignore[return-value]


async def csrf_guard(request: Request) -> None:
    """App-wide: a state-changing request that a browser could send must carry the token.

    Requests authenticated by a bearer token carry no ambient credentials and are exempt;
    everything else that changes state (including the public report form) is checked.
    """
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    settings = request.app.state.settings
    has_session = session_cookie_name(settings.secure_cookies) in request.cookies
    if request.url.path.startswith("/api/") and not has_session:
        return  # anonymous JSON API: no cookie, so nothing for a forged request to ride on
    expected: str = request.state.csrf_token
    supplied = request.headers.get(CSRF_HEADER)
    if supplied is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await read_form(request)
            value = form.get(CSRF_FIELD)
            supplied = value if isinstance(value, str) else None
    if not supplied or not hmac.compare_digest(supplied, expected):
        raise CsrfFailed
