"""Inputs and outputs of the registers (``XCreate`` / ``XRead``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from vigil.auth.enums import Classification
from vigil.protect.enums import PersonKind, PremisesKind, RiskLevel, VenueKind
from vigil.schemas import Stripped, StrippedText


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonCreate(_In):
    kind: PersonKind
    name: Annotated[str, StrippedText(max_length=200, min_length=1)]
    constituency: Annotated[str, StrippedText(max_length=200)] | None = None
    force_slug: Annotated[str, StrippedText(max_length=64, min_length=1)]
    aliases: list[Stripped] = Field(default_factory=list, max_length=20)
    classification: Classification = Classification.official_sensitive


class SpocSet(_In):
    user_id: StrictInt | None  # strict: JSON ``true`` must not become user 1


class RiskChange(_In):
    level: RiskLevel
    reason: Annotated[str, StrippedText(max_length=2000, min_length=1)]


class NoteCreate(_In):
    text: Annotated[str, StrippedText(max_length=10000, min_length=1)]
    classification: Classification = Classification.official_sensitive


class PremisesCreate(_In):
    kind: PremisesKind
    name: Annotated[str, StrippedText(max_length=200, min_length=1)]
    address: Annotated[str, StrippedText(max_length=1000)] | None = None
    postcode: Annotated[str, StrippedText(max_length=10)] | None = None
    lat: float | None = Field(default=None, ge=49.0, le=61.0)
    lon: float | None = Field(default=None, ge=-8.8, le=2.0)
    measures: list[Stripped] = Field(default_factory=list, max_length=50)
    aliases: list[Stripped] = Field(default_factory=list, max_length=20)


class SurgeryCreate(_In):
    starts_at: datetime
    ends_at: datetime | None = None
    note: Annotated[str, StrippedText(max_length=1000)] | None = None


class HomeSet(_In):
    address: Annotated[str, StrippedText(max_length=1000, min_length=1)]
    postcode: Annotated[str, StrippedText(max_length=10)] | None = None
    lat: float | None = Field(default=None, ge=49.0, le=61.0)
    lon: float | None = Field(default=None, ge=-8.8, le=2.0)
    measures: list[Stripped] = Field(default_factory=list, max_length=50)


class VenueCreate(_In):
    name: Annotated[str, StrippedText(max_length=200, min_length=1)]
    kind: VenueKind
    use: Annotated[str, StrippedText(max_length=2000)] | None = None
    capacity: int = Field(ge=0, le=1_000_000)
    is_event: bool = False
    entry_checks: bool = False
    starts_on: date | None = None
    ends_on: date | None = None
    address: Annotated[str, StrippedText(max_length=1000)] | None = None
    lat: float | None = Field(default=None, ge=49.0, le=61.0)
    lon: float | None = Field(default=None, ge=-8.8, le=2.0)
    force_slug: Annotated[str, StrippedText(max_length=64, min_length=1)]


class DutyUpdate(_In):
    duty: Annotated[str, StrippedText(max_length=64)]
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
