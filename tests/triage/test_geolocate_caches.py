"""The geolocate stage's remembered answers for large towns typed in lower case: the same
answer as asking the gazetteer afresh, and forgotten when the gazetteer changes."""

from __future__ import annotations

from dataclasses import dataclass

from vigil.triage.stages import geolocate


@dataclass(frozen=True)
class _Place:
    name: str
    population: int
    lat: float = 52.0
    lon: float = -1.0
    force_slug: str | None = "west-midlands"


class _Gazetteer:
    def __init__(self, places: dict[str, _Place]) -> None:
        self._places = places
        self.asked = 0

    def places(self, name: str, *, limit: int = 5) -> list[_Place]:
        self.asked += 1
        hit = self._places.get(name.lower())
        return [hit] if hit else []


def test_a_large_town_in_lower_case_is_found_once_and_remembered() -> None:
    geo = _Gazetteer({"coventry": _Place("Coventry", 345_000), "kenilworth": _Place("Kenilworth", 22_000)})
    text = "gun at central six coventry near kenilworth, coventry again"
    first = geolocate._big_lowercase_towns(geo, text)  # type: ignore[arg-type]
    assert [(m.name, m.start) for m in first] == [
        ("Coventry", text.index("coventry")),
        ("Coventry", text.rindex("coventry")),
    ]
    asked = geo.asked
    again = geolocate._big_lowercase_towns(geo, text)  # type: ignore[arg-type]
    assert again == first and geo.asked == asked  # remembered: the gazetteer is not asked again


def test_another_gazetteer_is_asked_afresh() -> None:
    small = _Gazetteer({"coventry": _Place("Coventry", 3_000)})  # a hamlet of that name
    assert geolocate._big_lowercase_towns(small, "gun at coventry") == []  # type: ignore[arg-type]
    large = _Gazetteer({"coventry": _Place("Coventry", 345_000)})
    assert [m.name for m in geolocate._big_lowercase_towns(large, "gun at coventry")] == ["Coventry"]  # type: ignore[arg-type]
