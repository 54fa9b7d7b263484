"""Districts named in Westminster constituency names, for places the gazetteer lacks.

The GeoNames gazetteer holds towns of 500 people or more, and the OS list of populated place
names has no coordinates, so a city district such as "Golders Green" or "Bayswater" gives no
force. Constituency names are built from district names ("Finchley and Golders Green",
"Kensington and Bayswater", "Hackney North and Stoke Newington"), and each constituency has a
centroid and a force in the reference data. This index splits every constituency name in the
register into its districts ("Golders Green", "Finchley"; "Hackney North" and "Hackney") and
keeps those that point to one force. It is consulted only for names the gazetteer cannot
place, so it never overrides a town.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vigil.triage.schemas import GeoLookupLike, ProtectedPerson

_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_COMPASS = frozenset({"North", "South", "East", "West", "Central", "Mid", "Outer", "Inner"})


@dataclass(frozen=True, slots=True)
class District:
    name: str
    lat: float
    lon: float
    force_slug: str


def key(name: str) -> str:
    return re.sub(r"[^a-z]+", " ", name.lower().replace("'", "")).strip()


def parts(constituency: str) -> list[str]:
    """The district names inside a constituency name, with and without a trailing compass word."""
    out: list[str] = []
    for part in _SPLIT.split(constituency):
        words = part.strip().split()
        if not words:
            continue
        out.append(" ".join(words))
        while len(words) > 1 and words[-1] in _COMPASS:
            words = words[:-1]
            out.append(" ".join(words))
    return out


class DistrictIndex:
    def __init__(self, geo: GeoLookupLike, persons: Sequence[ProtectedPerson]) -> None:
        found: dict[str, list[District]] = {}
        seen: set[str] = set()
        for person in persons:
            seat = person.constituency
            if not seat or seat in seen:
                continue
            seen.add(seat)
            constituency = geo.constituency_by_name(seat)
            if constituency is None or constituency.force_slug is None:
                continue
            for name in parts(constituency.name):
                district = District(name, constituency.lat, constituency.lon, constituency.force_slug)
                found.setdefault(key(name), []).append(district)
        # A district name shared by constituencies in different forces says nothing.
        self.by_key = {k: v[0] for k, v in found.items() if len({d.force_slug for d in v}) == 1}

    def get(self, name: str) -> District | None:
        return self.by_key.get(key(name))


class _Cache:
    geo: object | None = None
    persons: object | None = None
    size = 0
    index: DistrictIndex | None = None


def index_for(geo: GeoLookupLike | None, persons: Sequence[ProtectedPerson]) -> DistrictIndex | None:
    """The index for this gazetteer and register, built once (both are long-lived)."""
    if geo is None or not persons:
        return None
    if (
        _Cache.index is None
        or _Cache.geo is not geo
        or _Cache.persons is not persons
        or _Cache.size != len(persons)
    ):
        _Cache.index = DistrictIndex(geo, persons)
        _Cache.geo, _Cache.persons, _Cache.size = geo, persons, len(persons)
    return _Cache.index
