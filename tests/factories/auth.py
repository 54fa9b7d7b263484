"""Organisations, users and the named personas used by access tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.auth import service
from vigil.auth.enums import Classification, OrganisationKind, Role
from vigil.auth.models import Organisation, User
from vigil.web.security import csrf_cookie_name, csrf_token_for

PASSWORD = "correct horse battery staple"
TEST_SECRET = "test-secret-" + "x" * 40


def org(db: Session, code: str, *, kind: OrganisationKind = OrganisationKind.police_force) -> Organisation:
    found = db.scalar(select(Organisation).where(Organisation.code == code))
    if found is not None:
        return found
    created = Organisation(
        code=code,
        name=code.replace("-", " ").title(),
        kind=kind,
        force_slug=code if kind is OrganisationKind.police_force else None,
    )
    db.add(created)
    db.flush()
    return created


def user(
    db: Session,
    username: str,
    *,
    org_code: str = "bedfordshire",
    roles: tuple[Role, ...] = (Role.analyst,),
    clearance: Classification = Classification.official_sensitive,
    org_kind: OrganisationKind = OrganisationKind.police_force,
) -> User:
    return service.create_user(
        db=db,
        username=username,
        password=PASSWORD,
        display_name=username.title(),
        organisation=org(db, org_code, kind=org_kind),
        roles=list(roles),
        clearance=clearance,
    )


@dataclass(frozen=True)
class Personas:
    """The named people every access test uses."""

    owner_analyst: str = "asha"  # analyst in the owning force (bedfordshire)
    other_force_analyst: str = "megan"  # analyst in another force (thames-valley)
    partner: str = "pat"  # Parliament security, a partner agency
    call_handler: str = "jo"  # has no report:read permission
    ct_supervisor: str = "sam"  # national CT unit, SECRET


def make_personas(db: Session) -> Personas:
    user(db, "asha", org_code="bedfordshire")
    user(db, "megan", org_code="thames-valley")
    user(db, "pat", org_code="parliament-security", roles=(Role.partner,), org_kind=OrganisationKind.partner)
    user(db, "jo", org_code="ct-policing-hq", roles=(Role.call_handler,), org_kind=OrganisationKind.national)
    user(
        db,
        "sam",
        org_code="ct-policing-hq",
        roles=(Role.analyst, Role.supervisor),
        clearance=Classification.secret,
        org_kind=OrganisationKind.national,
    )
    db.commit()
    return Personas()


def csrf(client: TestClient) -> str:
    """The CSRF token for this client's cookie (fetching a page first if it has none)."""
    name = csrf_cookie_name(True)
    if name not in client.cookies:
        client.get("/login")
    return csrf_token_for(TEST_SECRET, client.cookies[name])


def login(client: TestClient, username: str, password: str = PASSWORD, otp: str | None = None) -> None:
    data = {"username": username, "password": password, "csrf_token": csrf(client), "next": "/"}
    if otp:
        data["otp"] = otp
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text


def form_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no csrf_token in the form"
    return match.group(1)
