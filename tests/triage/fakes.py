"""A tiny gazetteer that satisfies `GeoLookupLike`, so stage tests need no reference data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FakeForce:
    slug: str
    ct_region: str


@dataclass(frozen=True)
class FakePlace:
    name: str
    lat: float
    lon: float
    population: int
    force_slug: str | None


@dataclass(frozen=True)
class FakeHit:
    lat: float | None
    lon: float | None
    force_slug: str | None


@dataclass(frozen=True)
class FakeConstituency:
    name: str
    lat: float
    lon: float
    force_slug: str | None


PLACES = [
    FakePlace("Bedford", 52.136, -0.467, 106940, "bedfordshire"),
    FakePlace("Kempston", 52.116, -0.500, 19873, "bedfordshire"),
    FakePlace("Lincoln", 53.227, -0.538, 114879, "lincolnshire"),
    FakePlace("Peterborough", 52.573, -0.248, 163379, "cambridgeshire"),
    FakePlace("Bangor", 54.660, -5.668, 61011, "psni"),
    FakePlace("Bangor", 53.227, -4.129, 18322, "north-wales"),
    FakePlace("Holywood", 54.638, -5.825, 12000, "psni"),
    FakePlace("Leeds", 53.796, -1.548, 536280, "west-yorkshire"),
    FakePlace("Cardiff", 51.480, -3.180, 302139, "south-wales"),
    FakePlace("Newport", 51.588, -2.998, 161506, "gwent"),
]
FORCES = {
    "bedfordshire": "CTPE",
    "lincolnshire": "CTPEM",
    "cambridgeshire": "CTPE",
    "psni": "NI",
    "north-wales": "CTPW",
    "west-yorkshire": "CTPNE",
    "south-wales": "CTPW",
    "gwent": "CTPW",
}
CONSTITUENCIES = {"bedford": FakeConstituency("Bedford", 52.13, -0.46, "bedfordshire")}


class FakeGeo:
    def force_at(self, lat: float, lon: float) -> FakeForce | None:
        nearest = min(PLACES, key=lambda p: (p.lat - lat) ** 2 + (p.lon - lon) ** 2)
        return self.force(nearest.force_slug or "")

    def postcode(self, text: str) -> FakeHit | None:
        if text.upper().startswith("MK42"):
            return FakeHit(52.117, -0.472, "bedfordshire")
        if text.upper().startswith("PE1"):
            return FakeHit(52.58, -0.24, "cambridgeshire")
        return None

    def places(self, name: str, *, limit: int = 5) -> list[FakePlace]:
        return [p for p in PLACES if p.name.lower() == name.lower()][:limit]

    def is_place_name(self, name: str) -> bool:
        return bool(self.places(name))

    def force(self, slug: str) -> FakeForce | None:
        return FakeForce(slug, FORCES[slug]) if slug in FORCES else None

    def constituency_at(self, lat: float, lon: float) -> FakeConstituency | None:
        return CONSTITUENCIES["bedford"] if abs(lat - 52.13) < 0.1 else None

    def constituency_by_name(self, name: str) -> FakeConstituency | None:
        return CONSTITUENCIES.get(name.lower())
