"""``vigil users create|list|disable|token``."""

from __future__ import annotations

import argparse
import os

from sqlalchemy import select

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.auth import service
from vigil.auth.enums import Classification, Role
from vigil.auth.models import User
from vigil.auth.permissions import Permission
from vigil.config import Settings

CLI_ACTOR = Actor(user_id=None, label=f"cli:{os.environ.get('USER', 'unknown')}")


def _sessions(settings: Settings):  # type: ignore[no-untyped-def]
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415

    return make_sessionmaker(make_engine(settings.database_url))


def cmd_create(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.cli import prompt_password  # noqa: PLC0415

    password = os.environ.get("VIGIL_NEW_USER_PASSWORD") or prompt_password()
    with _sessions(settings)() as db:
        org = service.get_organisation_by_code(db=db, code=args.org)
        if org is None:
            print(f"no organisation with code {args.org!r} (see `vigil users orgs`)")
            return 2
        try:
            user = service.create_user(
                db=db,
                username=args.username,
                password=password,
                display_name=args.name or args.username,
                organisation=org,
                roles=[Role(r) for r in args.role],
                clearance=Classification(args.clearance),
                email=args.email,
            )
        except service.AuthError as exc:
            print(f"cannot create user: {exc}")
            return 2
        record(
            db,
            tag=AuditTag.user_create,
            actor=CLI_ACTOR,
            object_type="user",
            object_id=user.id,
            details={"roles": args.role, "org": args.org, "clearance": args.clearance},
        )
        db.commit()
        print(f"created {user.username} ({', '.join(user.roles)}) in {org.name} at {user.clearance}")
    return 0


def cmd_list(_args: argparse.Namespace, settings: Settings) -> int:
    with _sessions(settings)() as db:
        for user in db.scalars(select(User).order_by(User.username)):
            state = "active" if user.is_active else "disabled"
            print(
                f"{user.username:24} {state:9} {user.clearance:19} {user.organisation.code:24} {','.join(user.roles)}"
            )
    return 0


def cmd_disable(args: argparse.Namespace, settings: Settings) -> int:
    with _sessions(settings)() as db:
        user = service.get_user_by_username(db=db, username=args.username)
        if user is None:
            print(f"no user {args.username!r}")
            return 2
        service.disable_user(db=db, user=user)
        record(db, tag=AuditTag.user_disable, actor=CLI_ACTOR, object_type="user", object_id=user.id)
        db.commit()
        print(f"disabled {user.username}; their sessions and tokens are revoked")
    return 0


def cmd_token(args: argparse.Namespace, settings: Settings) -> int:
    with _sessions(settings)() as db:
        user = service.get_user_by_username(db=db, username=args.username)
        if user is None:
            print(f"no user {args.username!r}")
            return 2
        scopes = [Permission(s) for s in args.scope]
        token, secret = service.create_token(db=db, user=user, name=args.name, scopes=scopes, days=args.days)
        record(
            db,
            tag=AuditTag.token_create,
            actor=CLI_ACTOR,
            object_type="api_token",
            object_id=token.id,
            details={"user": user.username, "scopes": token.scopes},
        )
        db.commit()
        print(secret)
    return 0


def cmd_totp(args: argparse.Namespace, settings: Settings) -> int:
    """Enrol a user in the second factor and print the provisioning URI for their app."""
    import pyotp  # noqa: PLC0415

    with _sessions(settings)() as db:
        user = service.get_user_by_username(db=db, username=args.username)
        if user is None:
            print(f"no user {args.username!r}")
            return 2
        secret = service.enable_totp(user=user)
        record(
            db,
            tag=AuditTag.user_update,
            actor=CLI_ACTOR,
            object_type="user",
            object_id=user.id,
            details={"second_factor": "totp enrolled"},
        )
        db.commit()
        print(pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name="Vigil"))
    return 0


def cmd_orgs(_args: argparse.Namespace, settings: Settings) -> int:
    from vigil.auth.models import Organisation  # noqa: PLC0415

    with _sessions(settings)() as db:
        for org in db.scalars(select(Organisation).order_by(Organisation.code)):
            print(f"{org.code:32} {org.kind:14} {org.name}")
    return 0


def add_users_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("users", help="staff accounts and API tokens")
    us = p.add_subparsers(dest="users_command", required=True)
    c = us.add_parser("create", help="create a user (password from a prompt or VIGIL_NEW_USER_PASSWORD)")
    c.add_argument("username")
    c.add_argument("--org", required=True, help="organisation code, e.g. bedfordshire")
    c.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    c.add_argument("--clearance", default="OFFICIAL-SENSITIVE", choices=[c.value for c in Classification])
    c.add_argument("--name", help="display name")
    c.add_argument("--email")
    c.set_defaults(func=cmd_create)
    us.add_parser("list", help="list users").set_defaults(func=cmd_list)
    d = us.add_parser("disable", help="disable a user and revoke their sessions and tokens")
    d.add_argument("username")
    d.set_defaults(func=cmd_disable)
    t = us.add_parser("token", help="issue a scoped API token (printed once)")
    t.add_argument("username")
    t.add_argument("--name", required=True)
    t.add_argument("--scope", action="append", required=True, choices=[p.value for p in Permission])
    t.add_argument("--days", type=int, default=90)
    t.set_defaults(func=cmd_token)
    us.add_parser("orgs", help="list organisations").set_defaults(func=cmd_orgs)
    o = us.add_parser("totp", help="enrol a user in the TOTP second factor (prints the otpauth URI)")
    o.add_argument("username")
    o.set_defaults(func=cmd_totp)
