"""The immutable records that the reference loader produces.

Import them from :mod:`vigil.reference.data`, which re-exports them beside
:func:`~vigil.reference.data.load_reference`; they live in their own module only so that
the per-file loaders can use them without importing the orchestrator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "MP",
    "CTRegion",
    "Constituency",
    "Force",
    "Outcode",
    "Place",
    "ReferenceData",
    "ReferenceDataError",
    "RowError",
    "ThreatLevelChange",
]

# shapely ships no type information; this alias documents intent where mypy sees ``Any``.
Geometry = Any


class ReferenceDataError(Exception):
    """A reference file is missing or unreadable as a whole (not merely one bad row)."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One row that was skipped. ``line`` is 1-based in ``file``, the header being line 1."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Force:
    """A police force. ``slug`` is the data.police.uk id and the key used across Vigil.

    ``pfa_code`` (ONS police force area code) is empty for British Transport Police, which
    polices the railways rather than an area.
    """

    slug: str
    pfa_code: str
    name: str
    country: str
    ct_region: str
    ct_unit: str
    area_name: str = ""  # ONS area name ("Devon & Cornwall"), which other files join on


@dataclass(frozen=True, slots=True)
class CTRegion:
    """A counter-terrorism policing region; ``name`` is the CT unit that serves it."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Outcode:
    """A postcode district. Coordinates are None where the district has no published
    centroid (Northern Ireland, Crown Dependencies, non-geographic districts)."""

    outcode: str
    area: str
    lat: float | None
    lon: float | None
    force_slug: str | None
    force_share: float | None  # share of the district's postcodes in that force
    is_ni: bool


@dataclass(frozen=True, slots=True)
class Place:
    """A GeoNames populated place (population >= 500). ``force_slug`` is None for the Crown
    Dependencies, which the extract includes but no UK force polices."""

    name: str
    lat: float
    lon: float
    population: int
    force_slug: str | None
    ct_region: str | None
    constituency: str | None  # constituency name
    alt_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Constituency:
    """A Westminster constituency (July 2024 boundaries); force is the one holding most of it."""

    code: str
    name: str
    lat: float
    lon: float
    force_slug: str | None
    ct_region: str | None
    n_forces: int
    force_share: float


@dataclass(frozen=True, slots=True)
class MP:
    """A Member of Parliament; coordinates are the constituency centroid."""

    member_id: int
    name: str
    full_title: str
    party: str
    constituency_code: str
    constituency: str
    force_slug: str | None
    ct_region: str | None
    straddles_forces: bool
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class ThreatLevelChange:
    """One published change of a UK terrorism threat level."""

    date: dt.date
    scope: str  # e.g. "national_UK", "NI_related_in_NI"
    level: str  # LOW, MODERATE, SUBSTANTIAL, SEVERE or CRITICAL
    change: str  # raised, lowered, first_published, system_change
    context: str
    source_url: str


@dataclass(slots=True)
class ReferenceData:
    """Everything loaded from one reference directory.

    Not frozen because it is assembled file by file, but treat it as read-only once
    :func:`~vigil.reference.data.load_reference` returns it.
    """

    directory: Path
    forces: dict[str, Force] = field(default_factory=dict)
    forces_by_pfa: dict[str, Force] = field(default_factory=dict)
    ct_regions: dict[str, CTRegion] = field(default_factory=dict)
    outcodes: dict[str, Outcode] = field(default_factory=dict)
    areas: dict[str, str | None] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    place_names: frozenset[str] = frozenset()
    constituencies: dict[str, Constituency] = field(default_factory=dict)
    mps: list[MP] = field(default_factory=list)
    threat_levels: list[ThreatLevelChange] = field(default_factory=list)
    force_polygons: dict[str, Geometry] = field(default_factory=dict)
    constituency_polygons: dict[str, Geometry] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
