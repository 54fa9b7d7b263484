"""Reading and row-level validation shared by the per-file loaders.

The contract: a file that is missing, undecodable or lacks a required column raises
:class:`ReferenceDataError` (nothing useful can be read from it); a row that is malformed
is skipped and recorded as a :class:`RowError` with the file's path relative to the
reference directory and the row's 1-based line, so an administrator can open the file at
that line.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import shapely
from shapely.geometry import shape

from vigil.reference.records import Geometry, ReferenceDataError, RowError

T = TypeVar("T")

# Generous box around the UK *and* the Crown Dependencies (Jersey reaches 49.17N), which
# the GeoNames extract includes; St Kilda is at 8.6W and Muckle Flugga at 60.9N. A point
# outside it is a swapped or mistyped coordinate, not a remote island.
LAT_RANGE = (49.0, 61.0)
LON_RANGE = (-8.8, 2.0)


class BadRow(ValueError):
    """Raised by a row parser; the message becomes the RowError's message."""


def in_uk_box(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record with typed accessors that raise :class:`BadRow`."""

    line: int
    values: dict[str, str]

    def text(self, column: str) -> str:
        """The stripped value, which must not be empty."""
        value = self.values[column].strip()
        if not value:
            raise BadRow(f"empty {column}")
        return value

    def optional(self, column: str) -> str | None:
        """The stripped value, or None when empty."""
        return self.values[column].strip() or None

    def integer(self, column: str) -> int:
        raw = self.text(column)
        try:
            # Some exports write counts as "672.0"; accept those but not "672.5".
            number = float(raw)
        except ValueError:
            raise BadRow(f"{column} is not a number: {raw!r}") from None
        if not number.is_integer():
            raise BadRow(f"{column} is not a whole number: {raw!r}")
        return int(number)

    def number(self, column: str) -> float:
        raw = self.text(column)
        try:
            number = float(raw)
        except ValueError:
            raise BadRow(f"{column} is not a number: {raw!r}") from None
        if not math.isfinite(number):
            raise BadRow(f"{column} is not a finite number: {raw!r}")
        return number

    def share(self, column: str) -> float:
        value = self.number(column)
        if not 0.0 <= value <= 1.0:
            raise BadRow(f"{column} is not a share between 0 and 1: {value}")
        return value

    def lat_lon(self, lat_column: str, lon_column: str) -> tuple[float, float]:
        lat, lon = self.number(lat_column), self.number(lon_column)
        if not in_uk_box(lat, lon):
            raise BadRow(f"{lat_column}/{lon_column} ({lat}, {lon}) is outside the UK")
        return lat, lon

    def flag(self, column: str) -> bool:
        raw = self.text(column).casefold()
        if raw in {"true", "1", "yes"}:
            return True
        if raw in {"false", "0", "no"}:
            return False
        raise BadRow(f"{column} is not true or false: {raw!r}")


class Source:
    """One reference file: where it is, how to name it in errors, and its error list."""

    def __init__(self, directory: Path, relpath: str, errors: list[RowError]) -> None:
        self.relpath = relpath
        self.path = directory / relpath
        self._errors = errors
        if not self.path.is_file():
            raise ReferenceDataError(f"required reference file {relpath} is missing from {directory}")

    def error(self, line: int, message: str) -> None:
        self._errors.append(RowError(file=self.relpath, line=line, message=message))

    def read_text(self) -> str:
        try:
            # utf-8-sig: spreadsheet tools add a byte-order mark that would corrupt the
            # first column's name.
            return self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReferenceDataError(f"cannot read reference file {self.relpath}: {exc}") from exc

    def rows(self, required: Sequence[str]) -> Iterator[Row]:
        """Yield rows that have exactly the header's fields; record the others as errors."""
        reader = csv.reader(io.StringIO(self.read_text(), newline=""))
        header = [name.strip() for name in next(reader, [])]
        missing = [column for column in required if column not in header]
        if missing:
            raise ReferenceDataError(
                f"reference file {self.relpath} lacks required column(s) {', '.join(missing)}"
            )
        start = 2  # the header is line 1; line_num after a read is the record's last line
        for fields in reader:
            line, start = start, reader.line_num + 1
            if not fields:  # a blank line
                continue
            if len(fields) != len(header):
                absent = header[len(fields) :]
                detail = f": missing column(s) {', '.join(absent)}" if absent else ""
                self.error(line, f"row has {len(fields)} fields, header has {len(header)}{detail}")
                continue
            yield Row(line=line, values=dict(zip(header, fields, strict=True)))

    def parse(self, required: Sequence[str], parse: Callable[[Row], T]) -> Iterator[tuple[int, T]]:
        """Yield ``(line, parse(row))``, recording rows whose parser raised BadRow."""
        for row in self.rows(required):
            try:
                yield row.line, parse(row)
            except BadRow as exc:
                self.error(row.line, str(exc))


@dataclass(frozen=True, slots=True)
class Feature:
    line: int
    label: str  # "feature 12" for messages, since several features may share a line
    properties: dict[str, Any]
    geometry: Geometry


# Matches the start of each Feature object (but not "FeatureCollection") so features can be
# given line numbers, which json.load throws away.
_FEATURE_RE = re.compile(r'"type"\s*:\s*"Feature"\s*[,}]')


def read_features(source: Source) -> Iterator[Feature]:
    """Yield the polygon features of a GeoJSON FeatureCollection with their line numbers.

    A feature without a polygon geometry, or whose bounds leave the UK box, is recorded and
    skipped. Self-intersections, common in generalised boundaries, are repaired rather
    than rejected because the polygon is still the best answer for point-in-polygon.
    """
    text = source.read_text()
    try:
        collection = json.loads(text)
        features = collection["features"]
        if not isinstance(features, list):
            raise TypeError("features is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        raise ReferenceDataError(
            f"reference file {source.relpath} is not a GeoJSON FeatureCollection: {exc}"
        ) from exc

    newlines = [match.start() for match in re.finditer("\n", text)]
    starts = [bisect.bisect_left(newlines, m.start()) + 1 for m in _FEATURE_RE.finditer(text)]
    # If the pattern miscounted (unusual formatting), fall back to line 1 and rely on the
    # feature number in the message.
    lines = starts if len(starts) == len(features) else [1] * len(features)

    for index, (raw, line) in enumerate(zip(features, lines, strict=True), start=1):
        label = f"feature {index}"
        try:
            properties = raw.get("properties") or {}
            geometry = shape(raw["geometry"])
        except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GeometryTypeError) as exc:
            source.error(line, f"{label}: unreadable geometry: {exc}")
            continue
        if geometry.geom_type not in {"Polygon", "MultiPolygon"} or geometry.is_empty:
            source.error(line, f"{label}: geometry is {geometry.geom_type}, not a polygon")
            continue
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        if not (in_uk_box(min_lat, min_lon) and in_uk_box(max_lat, max_lon)):
            source.error(line, f"{label}: bounds {geometry.bounds} leave the UK")
            continue
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        yield Feature(line=line, label=label, properties=properties, geometry=geometry)
