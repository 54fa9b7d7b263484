"""In-memory lookups over loaded reference data: point, postcode and name to force.

Build one :class:`GeoLookup` per process (it indexes about 50,000 names and 700 polygons
in well under a second) and share it: it is read-only after construction, and its
polygon indexes are built eagerly, so threads can share it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import shapely
import shapely.ops

from vigil.reference.data import MP, Constituency, Force, Geometry, Place, ReferenceData
from vigil.reference.normalise import area_of, constituency_key, normalise_postcode, place_key

__all__ = ["GeoLookup", "PostcodeHit"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PostcodeHit:
    """Where a postcode points.

    ``source`` says how the force was found: ``"outcode"`` from the district's own row,
    ``"area"`` from the main force of the postcode area (a district with no centroid or a
    new one), ``"ni"`` for Northern Ireland (``BT``), which PSNI polices whole. Coordinates
    are the district centroid, never the exact postcode.
    """

    postcode: str  # normalised: "MK40 1SQ" or, when only an outcode was given, "MK40"
    outcode: str
    lat: float | None
    lon: float | None
    force_slug: str | None
    source: str


class _PolygonIndex(Generic[T]):
    """Point-in-polygon over a few hundred polygons.

    The STRtree narrows a point to the polygons whose bounding boxes hold it (usually one
    to four); each candidate is then tested with ``intersects_xy`` on a prepared geometry,
    which GEOS answers from a cached edge index instead of walking every vertex. A point on
    a shared boundary goes to the first candidate.
    """

    def __init__(self, items: Mapping[str, Geometry], values: Mapping[str, T]) -> None:
        keys = [key for key in items if key in values]
        self._values: list[T] = [values[key] for key in keys]
        self._geometries = [items[key] for key in keys]
        shapely.prepare(self._geometries)
        self._tree = shapely.STRtree(self._geometries)
        # GEOS builds a prepared polygon's point-in-area index on its first query; do that
        # now so that threads sharing the lookup never race to build it, and so that the
        # first real query is as fast as the rest.
        if self._geometries:
            inner = shapely.point_on_surface(self._geometries)
            shapely.intersects_xy(self._geometries, shapely.get_x(inner), shapely.get_y(inner))

    def at(self, lat: float, lon: float, *, within_km: float = 0.0) -> T | None:
        point = shapely.Point(lon, lat)
        candidates: list[int] = self._tree.query(point).tolist()
        for index in candidates:
            if shapely.intersects_xy(self._geometries[index], lon, lat):
                return self._values[index]
        if within_km <= 0 or not self._geometries:
            return None
        # Not inside any polygon: take the nearest one if it is close enough. The search
        # radius in degrees is sized for longitude (the shorter degree) so that it is never
        # too small; the real distance is then measured on the ground.
        radius = within_km / (_KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
        nearest = self._tree.query_nearest(point, max_distance=radius, all_matches=False)
        if len(nearest) == 0:
            return None
        index = int(nearest[0])
        edge = shapely.ops.nearest_points(self._geometries[index], point)[0]
        return self._values[index] if _km_between(lat, lon, edge.y, edge.x) <= within_km else None


_KM_PER_DEGREE = 111.32


def _km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a few kilometres it is as good as haversine."""
    mean_lat = math.radians((lat1 + lat2) / 2)
    dx = (lon2 - lon1) * math.cos(mean_lat)
    return _KM_PER_DEGREE * math.hypot(dx, lat2 - lat1)


def _index_by_key(items: Sequence[Place]) -> dict[str, list[Place]]:
    index: defaultdict[str, list[Place]] = defaultdict(list)
    for place in items:
        keys = {place_key(name) for name in (place.name, *place.alt_names)}
        for key in keys - {""}:
            index[key].append(place)
    for places in index.values():
        places.sort(key=lambda place: -place.population)
    return dict(index)


class GeoLookup:
    """Answers location questions from one :class:`ReferenceData`."""

    def __init__(self, data: ReferenceData) -> None:
        self.data = data
        self._forces = _PolygonIndex(data.force_polygons, data.forces)
        self._constituencies = _PolygonIndex(data.constituency_polygons, data.constituencies)
        self._places = _index_by_key(data.places)
        self._place_names = data.place_names | self._places.keys()
        self._constituency_by_key = {constituency_key(c.name): c for c in data.constituencies.values()}
        self._mp_by_constituency = {mp.constituency_code: mp for mp in data.mps}
        # All of Northern Ireland is one force, so any BT postcode routes without needing
        # the district to be listed.
        ni_force = next((f for f in data.forces.values() if f.country == "Northern Ireland"), None)
        self._ni_slug = data.areas.get("BT") or (ni_force.slug if ni_force else None)

    def force(self, slug: str) -> Force | None:
        return self.data.forces.get(slug)

    def force_at(self, lat: float, lon: float, *, within_km: float = 0.0) -> Force | None:
        """The territorial force whose area holds the point, or None (at sea, abroad).

        The polygons are generalised, so a harbour, pier or beach can fall just outside
        every force (28 GeoNames towns do, e.g. Fort William); pass ``within_km`` to accept
        the nearest force within that distance when no polygon holds the point.
        """
        return self._forces.at(lat, lon, within_km=within_km)

    def constituency_at(self, lat: float, lon: float, *, within_km: float = 0.0) -> Constituency | None:
        """The constituency holding the point; ``within_km`` as for :meth:`force_at`."""
        return self._constituencies.at(lat, lon, within_km=within_km)

    def postcode(self, text: str) -> PostcodeHit | None:
        """Resolve a full postcode or an outcode; None when malformed or entirely unknown.

        Only the district is looked up: a full postcode that is well formed but does not
        exist still resolves to its district's force, which is the right routing answer.
        """
        normalised = normalise_postcode(text)
        if normalised is None:
            return None
        outcode = normalised.split(" ", 1)[0]
        area = area_of(outcode)
        known = self.data.outcodes.get(outcode)
        lat = None if known is None else known.lat
        lon = None if known is None else known.lon
        if area == "BT":
            return PostcodeHit(normalised, outcode, lat, lon, self._ni_slug, "ni")
        if known is not None and known.force_slug is not None:
            return PostcodeHit(normalised, outcode, lat, lon, known.force_slug, "outcode")
        area_force = self.data.areas.get(area)
        if area_force is not None:
            return PostcodeHit(normalised, outcode, lat, lon, area_force, "area")
        if known is not None:  # a real district that no UK force polices (GY, JE, IM)
            return PostcodeHit(normalised, outcode, lat, lon, None, "outcode")
        return None

    def places(self, name: str, *, limit: int = 5) -> list[Place]:
        """Places whose name or an alternate name matches exactly, most populous first."""
        return self._places.get(place_key(name), [])[: max(limit, 0)]

    def is_place_name(self, name: str) -> bool:
        """Whether ``name`` is a GeoNames place or an OS populated-place name.

        The OS list holds hamlets named like ordinary words ("Bank", "Street", "Over"), so
        callers spotting places in free text should ask about capitalised phrases only.
        """
        key = place_key(name)
        return bool(key) and key in self._place_names

    def constituency_by_name(self, name: str) -> Constituency | None:
        """Find a constituency ignoring case, accents, punctuation and ``&`` vs ``and``."""
        return self._constituency_by_key.get(constituency_key(name))

    def constituency(self, name_or_code: str) -> Constituency | None:
        """A constituency by ONS code (``E14001084``) or by name."""
        by_code = self.data.constituencies.get(name_or_code.strip().upper())
        return by_code if by_code is not None else self.constituency_by_name(name_or_code)

    def mp_for_constituency(self, name_or_code: str) -> MP | None:
        constituency = self.constituency(name_or_code)
        return None if constituency is None else self._mp_by_constituency.get(constituency.code)
