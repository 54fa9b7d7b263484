"""Data passed into and out of the triage engine.

Everything here is a plain dataclass or a `Protocol`: the engine imports no database or web
code. The app builds a `TriageContext` from its registers and stores `TriageResult`s; the CLI
builds one from the reference data directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from vigil.triage.enums import Category, HateStrand, LinkKind, LocationSource, Urgency

if TYPE_CHECKING:
    from vigil.triage.classifier import Classifier

# --- geography: the part of vigil.reference.lookup.GeoLookup the engine uses -------------


class ForceLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def ct_region(self) -> str: ...


class PlaceLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def population(self) -> int: ...
    @property
    def force_slug(self) -> str | None: ...


class PostcodeHitLike(Protocol):
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def force_slug(self) -> str | None: ...


class ConstituencyLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def force_slug(self) -> str | None: ...


class MPLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def constituency(self) -> str: ...
    @property
    def force_slug(self) -> str | None: ...


class GeoLookupLike(Protocol):
    """What the geolocate and protect stages need; `vigil.reference.lookup.GeoLookup` fits."""

    def force_at(self, lat: float, lon: float) -> ForceLike | None: ...
    def postcode(self, text: str) -> PostcodeHitLike | None: ...
    def places(self, name: str, *, limit: int = 5) -> Sequence[PlaceLike]: ...
    def is_place_name(self, name: str) -> bool: ...
    def force(self, slug: str) -> ForceLike | None: ...
    def constituency_at(self, lat: float, lon: float) -> ConstituencyLike | None: ...
    def constituency_by_name(self, name: str) -> ConstituencyLike | None: ...


# --- protected persons (the register) ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Premises:
    name: str
    kind: str = "constituency_office"  # constituency_office | surgery_venue | home | other
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScheduledEvent:
    name: str
    on: date
    venue: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class ProtectedPerson:
    id: str
    name: str
    role: str  # a ProtectedRole code
    constituency: str | None = None
    force: str | None = None
    aliases: tuple[str, ...] = ()
    premises: tuple[Premises, ...] = ()
    events: tuple[ScheduledEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class ProtectedPersonRef:
    """A proposed link to a protected person; `person_id` is None when not in the register."""

    role: str
    constituency: str | None
    reason: str
    person_id: str | None = None
    name: str | None = None
    force: str | None = None


# --- inputs --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TriageInput:
    text: str
    submitted_at: datetime  # timezone-aware
    report_id: str | None = None
    channel: str = "web"
    location_text: str = ""
    pin: tuple[float, float] | None = None  # (lat, lon) from a map


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """What the link index keeps about a past report (storable as one row plus its keys)."""

    report_id: str
    submitted_at: datetime
    category: str
    force: str | None
    lat: float | None
    lon: float | None
    protected_person_id: str | None
    keys: tuple[str, ...]
    signature: tuple[int, ...]  # MinHash signature of the text


@dataclass(frozen=True, slots=True)
class Candidate:
    record: LinkRecord
    shared_keys: tuple[str, ...]


class LinkIndex(Protocol):
    def add(self, record: LinkRecord) -> None: ...
    def candidates(self, keys: Sequence[str], *, since: datetime, limit: int = 200) -> list[Candidate]: ...


@dataclass(slots=True)
class TriageContext:
    geo: GeoLookupLike | None = None
    protected_persons: Sequence[ProtectedPerson] = ()
    link_index: LinkIndex | None = None
    classifier: Classifier | None = None  # None: the rules (vigil.triage.classifier)


# --- outputs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeMention:
    text: str
    start: datetime | None  # resolved against submission time (UTC), None if unresolvable
    on: date | None
    relative: bool


@dataclass(slots=True)
class Entities:
    vehicles: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    postcodes: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    social_handles: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    person_descriptions: list[str] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Location:
    lat: float
    lon: float
    source: LocationSource
    label: str


@dataclass(frozen=True, slots=True)
class Link:
    report_id: str
    kind: LinkKind
    score: float
    reasons: tuple[str, ...]


@dataclass(slots=True)
class TriageResult:
    report_id: str | None
    category: Category
    urgency: Urgency
    hate_strand: HateStrand | None
    score: float
    reasons: list[str]
    entities: Entities
    location: Location | None
    force: str | None
    ct_region: str | None
    protected_person: ProtectedPersonRef | None
    duplicate_of: str | None
    related: list[Link]
    engine_version: str
