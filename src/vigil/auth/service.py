"""Users, passwords, sessions and API tokens. Services flush; callers commit."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.auth.enums import Classification, Role
from vigil.auth.models import ApiToken, Organisation, User, UserRole, UserSession
from vigil.auth.permissions import Permission
from vigil.db.types import utcnow

_hasher = PasswordHasher()
#: Verified against when the username is unknown, so both paths cost one argon2 verification
#: and response time does not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0b2c")
MIN_PASSWORD_LENGTH = 12
TOKEN_PREFIX = "vgl_"  # noqa: S105 - the public prefix of issued tokens


class AuthError(ValueError):
    """A request the user can correct; the message is safe to show."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def get_organisation_by_code(*, db: Session, code: str) -> Organisation | None:
    return db.scalar(select(Organisation).where(Organisation.code == code))


def get_user_by_username(*, db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(User.username == username.strip().lower()))


def create_user(
    *,
    db: Session,
    username: str,
    password: str,
    display_name: str,
    organisation: Organisation,
    roles: list[Role],
    clearance: Classification,
    email: str | None = None,
) -> User:
    username = username.strip().lower()
    if (
        not username
        or len(username) > 64
        or not username.replace(".", "").replace("-", "").replace("_", "").isalnum()
    ):
        raise AuthError("username must be 1-64 letters, digits, '.', '-' or '_'")
    if get_user_by_username(db=db, username=username) is not None:
        raise AuthError(f"user {username!r} already exists")
    if not roles:
        raise AuthError("a user needs at least one role")
    user = User(
        username=username,
        display_name=display_name,
        email=email,
        password_hash=hash_password(password),
        organisation_id=organisation.id,
        clearance=clearance.value,
        is_active=True,
        failed_logins=0,
    )
    user.role_rows = [UserRole(role=r.value) for r in sorted(set(roles))]
    db.add(user)
    db.flush()
    return user


def set_password(*, user: User, password: str) -> None:
    user.password_hash = hash_password(password)


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    user: User | None
    reason: str  # "ok", "bad_credentials", "locked", "disabled", "otp_required", "otp_invalid"
    just_locked: bool = False


def authenticate(
    *,
    db: Session,
    username: str,
    password: str,
    otp: str | None,
    max_failures: int,
    lockout: timedelta,
    now: datetime | None = None,
) -> LoginOutcome:
    """Check a password (and one-time code); count failures and lock after too many."""
    now = now or utcnow()
    user = get_user_by_username(db=db, username=username)
    if user is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        return LoginOutcome(None, "bad_credentials")
    if user.locked_until is not None and user.locked_until > now:
        return LoginOutcome(user, "locked")
    try:
        _hasher.verify(user.password_hash, password)
        password_ok = True
    except (VerificationError, InvalidHashError):
        password_ok = False
    reason = "ok"
    if not password_ok:
        reason = "bad_credentials"
    elif user.totp_secret:
        if not otp:
            reason = "otp_required"
        elif not pyotp.TOTP(user.totp_secret).verify(otp.strip(), valid_window=1):
            reason = "otp_invalid"
    if reason == "ok" and not user.is_active:
        return LoginOutcome(user, "disabled")
    if reason in ("bad_credentials", "otp_invalid"):
        user.failed_logins += 1
        just_locked = user.failed_logins >= max_failures
        if just_locked:
            user.locked_until = now + lockout
            user.failed_logins = 0
        db.flush()
        return LoginOutcome(user, reason, just_locked=just_locked)
    if reason == "ok":
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        db.flush()
    return LoginOutcome(user, reason)


def start_session(*, db: Session, user: User, hours: int, user_agent: str | None) -> str:
    """Create a fresh session (a new identifier at every login) and return its cookie token."""
    token = secrets.token_urlsafe(32)
    db.add(
        UserSession(
            token_hash=sha256(token),
            user_id=user.id,
            expires_at=utcnow() + timedelta(hours=hours),
            user_agent=(user_agent or "")[:300] or None,
        )
    )
    db.flush()
    return token


def resolve_session(*, db: Session, token: str) -> tuple[UserSession, User] | None:
    row = db.scalar(select(UserSession).where(UserSession.token_hash == sha256(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
        return None
    user = db.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    return row, user


def end_session(*, db: Session, token: str) -> None:
    row = db.scalar(select(UserSession).where(UserSession.token_hash == sha256(token)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        db.flush()


def disable_user(*, db: Session, user: User) -> None:
    """Disable and end every session and token at once (effective on the next request)."""
    user.is_active = False
    now = utcnow()
    for s in db.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    ):
        s.revoked_at = now
    for t in db.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))):
        t.revoked_at = now
    db.flush()


def create_token(
    *, db: Session, user: User, name: str, scopes: list[Permission], days: int | None = 90
) -> tuple[ApiToken, str]:
    """Return the row and the secret, which is shown once and stored only as a hash."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        name=name[:100],
        prefix=secret[:12],
        token_hash=sha256(secret),
        scopes=sorted(s.value for s in scopes),
        expires_at=utcnow() + timedelta(days=days) if days else None,
    )
    db.add(row)
    db.flush()
    return row, secret


def resolve_token(*, db: Session, secret: str) -> tuple[ApiToken, User] | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    row = db.scalar(select(ApiToken).where(ApiToken.token_hash == sha256(secret)))
    if row is None or not hmac.compare_digest(row.token_hash, sha256(secret)):
        return None
    if row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= utcnow()):
        return None
    user = db.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    row.last_used_at = utcnow()
    return row, user


def revoke_token(*, db: Session, token: ApiToken) -> None:
    token.revoked_at = utcnow()
    db.flush()


def enable_totp(*, user: User) -> str:
    """Give the user a TOTP secret; they must confirm a code before it is relied on."""
    user.totp_secret = pyotp.random_base32()
    return user.totp_secret
