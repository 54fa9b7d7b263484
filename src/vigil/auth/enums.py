"""Stable machine codes for roles, clearances and organisation kinds."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    call_handler = "call_handler"
    analyst = "analyst"
    supervisor = "supervisor"
    protective_security = "protective_security"
    tension_lead = "tension_lead"
    partner = "partner"
    admin = "admin"


class Classification(StrEnum):
    """UK Government Security Classifications, lowest first."""

    official = "OFFICIAL"
    official_sensitive = "OFFICIAL-SENSITIVE"
    secret = "SECRET"  # noqa: S105 - a classification, not a secret

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def at_or_below(cls, ceiling: Classification) -> list[Classification]:
        return [c for c in cls if c.rank <= ceiling.rank]


_RANK = {Classification.official: 0, Classification.official_sensitive: 1, Classification.secret: 2}


class HandlingCode(StrEnum):
    """3x5x2 handling: P may be disseminated for police purposes; C carries conditions."""

    P = "P"
    C = "C"


class OrganisationKind(StrEnum):
    police_force = "police_force"
    ct_unit = "ct_unit"
    partner = "partner"
    national = "national"
