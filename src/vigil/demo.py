"""``vigil demo``: demo users (with random passwords, printed once) and example reports.

Nothing is created by a fresh install: there are no default accounts. This command is for a
demonstration or a developer's machine, and refuses to run in production mode.
"""

from __future__ import annotations

import argparse
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.service import Actor
from vigil.auth import service as auth_service
from vigil.auth.enums import Classification, OrganisationKind, Role
from vigil.auth.models import Organisation
from vigil.config import Mode, Settings
from vigil.db.types import utcnow
from vigil.intake import service as intake_service
from vigil.intake.enums import Channel, ReportType
from vigil.intake.schemas import ReportCreate

DEMO_USERS: tuple[tuple[str, str, str, tuple[Role, ...], Classification], ...] = (
    ("admin", "Demo Administrator", "ct-policing-hq", (Role.admin,), Classification.secret),
    (
        "analyst.beds",
        "Asha Patel (analyst)",
        "bedfordshire",
        (Role.analyst,),
        Classification.official_sensitive,
    ),
    (
        "supervisor.beds",
        "Tom Reid (duty supervisor)",
        "bedfordshire",
        (Role.supervisor,),
        Classification.secret,
    ),
    (
        "analyst.tvp",
        "Megan Lloyd (analyst)",
        "thames-valley",
        (Role.analyst,),
        Classification.official_sensitive,
    ),
    (
        "analyst.ct",
        "Sam Okafor (CT analyst)",
        "ct-policing-hq",
        (Role.analyst, Role.supervisor),
        Classification.secret,
    ),
    (
        "callhandler",
        "Jo Evans (call handler)",
        "ct-policing-hq",
        (Role.call_handler,),
        Classification.official_sensitive,
    ),
    (
        "ctsa.beds",
        "Chris Hall (CTSA)",
        "bedfordshire",
        (Role.protective_security,),
        Classification.official_sensitive,
    ),
    (
        "parliament",
        "Pat Morgan (Parliament security)",
        "parliament-security",
        (Role.partner,),
        Classification.official_sensitive,
    ),
)

DEMO_REPORTS: tuple[tuple[ReportType, str, str | None], ...] = (
    (
        ReportType.suspicious_activity,
        "Man photographing the barriers and CCTV cameras at the drop-off zone at Luton Airport for about "
        "20 minutes, then wrote in a notebook in a silver Ford Focus LB19 KXT and drove off.",
        "Luton Airport drop off",
    ),
    (
        ReportType.suspicious_activity,
        "There is a black rucksack left under a bench on platform 2 at Bedford station, nobody has come back "
        "for it for 15 minutes and it is still there now.",
        "Bedford station",
    ),
    (
        ReportType.online_content,
        "Found a channel posting videos praising attackers and telling people to act where they are: "
        "https://videos.example.com/channel/demo-0001",
        None,
    ),
    (
        ReportType.hate_incident,
        "My neighbour shouted religious abuse at my mum outside our house on Midland Road, Bedford MK40 1QP "
        "and said we should go back where we came from.",
        "Midland Road, Bedford",
    ),
    (
        ReportType.threat_to_public_figure,
        "Someone posted that they will be waiting for the MP for Reading Central at her surgery on Saturday "
        "and that she should watch her back.",
        None,
    ),
)


def _org(db: Session, code: str, name: str) -> Organisation:
    org = db.scalar(select(Organisation).where(Organisation.code == code))
    if org is None:
        # The reference import creates every force; a demo without it still needs these two.
        org = Organisation(code=code, name=name, kind=OrganisationKind.police_force, force_slug=code)
        db.add(org)
        db.flush()
    return org


def load_demo(db: Session) -> list[tuple[str, str, str]]:
    _org(db, "bedfordshire", "Bedfordshire Police")
    _org(db, "thames-valley", "Thames Valley Police")
    created: list[tuple[str, str, str]] = []
    for username, name, org_code, roles, clearance in DEMO_USERS:
        if auth_service.get_user_by_username(db=db, username=username) is not None:
            continue
        password = secrets.token_urlsafe(12)
        org = _org(db, org_code, org_code)
        auth_service.create_user(
            db=db,
            username=username,
            password=password,
            display_name=name,
            organisation=org,
            roles=list(roles),
            clearance=clearance,
        )
        created.append((username, password, ", ".join(r.value for r in roles)))
    if created:  # only on first run: reports once
        now = utcnow()
        for i, (kind, text, where) in enumerate(DEMO_REPORTS):
            intake_service.create(
                db=db,
                report_in=ReportCreate(report_type=kind, description=text, location_text=where),
                channel=Channel.web,
                actor=Actor(user_id=None, label="public"),
                submitted_at=now - timedelta(minutes=10 * (len(DEMO_REPORTS) - i)),
            )
    return created


def cmd_demo(_args: argparse.Namespace, settings: Settings) -> int:
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415

    if settings.mode is Mode.production:
        print("vigil demo refuses to run in production mode")
        return 2
    with make_sessionmaker(make_engine(settings.database_url))() as db:
        created = load_demo(db)
        db.commit()
    if not created:
        print("demo data already loaded (passwords were printed the first time)")
        return 0
    print("Demo users (passwords are shown only now):")
    for username, password, roles in created:
        print(f"  {username:18} {password:20} {roles}")
    print(f"and {len(DEMO_REPORTS)} example reports queued for triage.")
    return 0


def add_demo_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="create demo users and example reports (not in production)")
    p.set_defaults(func=cmd_demo)
