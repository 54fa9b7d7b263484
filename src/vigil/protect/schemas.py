"""Inputs and outputs of the registers (``XCreate`` / ``XRead``)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from vigil.auth.enums import Classification
from vigil.protect.enums import PersonKind, PremisesKind, RiskLevel, VenueKind


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PersonCreate(_In):
    kind: PersonKind
    name: str = Field(min_length=1, max_length=200)
    constituency: str | None = Field(default=None, max_length=200)
    force_slug: str = Field(min_length=1, max_length=64)
    aliases: list[str] = Field(default_factory=list, max_length=20)
    classification: Classification = Classification.official_sensitive


class SpocSet(_In):
    user_id: StrictInt | None  # strict: JSON ``true`` must not become user 1


class RiskChange(_In):
    level: RiskLevel
    reason: str = Field(min_length=1, max_length=2000)


class NoteCreate(_In):
    text: str = Field(min_length=1, max_length=10000)
    classification: Classification = Classification.official_sensitive


class PremisesCreate(_In):
    kind: PremisesKind
    name: str = Field(min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=1000)
    postcode: str | None = Field(default=None, max_length=10)
    lat: float | None = Field(default=None, ge=49.0, le=61.0)
    lon: float | None = Field(default=None, ge=-8.8, le=2.0)
    measures: list[str] = Field(default_factory=list, max_length=50)
    aliases: list[str] = Field(default_factory=list, max_length=20)


class SurgeryCreate(_In):
    starts_at: datetime
    ends_at: datetime | None = None
    note: str | None = Field(default=None, max_length=1000)


class HomeSet(_In):
    address: str = Field(min_length=1, max_length=1000)
    postcode: str | None = Field(default=None, max_length=10)
    lat: float | None = Field(default=None, ge=49.0, le=61.0)
    lon: float | None = Field(default=None, ge=-8.8, le=2.0)
    measures: list[str] = Field(default_factory=list, max_length=50)


class VenueCreate(_In):
    name: str = Field(min_length=1, max_length=200)
    kind: VenueKind
    use: str | None = Field(default=None, max_length=2000)
    capacity: int = Field(ge=0, le=1_000_000)
    is_event: bool = False
    entry_checks: bool = False
    starts_on: date | None = None
    ends_on: date | None = None
    address: str | None = Field(default=None, max_length=1000)
    lat: float | None = Field(default=None, ge=49.0, le=61.0)
    lon: float | None = Field(default=None, ge=-8.8, le=2.0)
    force_slug: str = Field(min_length=1, max_length=64)


class DutyUpdate(_In):
    duty: str = Field(max_length=64)
    done: bool


class PersonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    name: str
    party: str | None
    parliament_member_id: int | None
    constituency: str | None
    force_slug: str | None
    ct_region: str | None
    straddles_forces: bool
    risk_level: str
    classification: str


class VenueRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    kind: str
    capacity: int
    is_event: bool
    entry_checks: bool
    force_slug: str | None
    tier: str
    tier_reasons: list[str]
    duties: dict[str, bool]
    classification: str
