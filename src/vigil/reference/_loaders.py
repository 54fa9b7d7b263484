"""Loaders for the forces, MP, place and threat-level files (postcodes are in
:mod:`vigil.reference._postcodes`). Each adds to a :class:`ReferenceData` in place.

Order matters and is fixed by :func:`vigil.reference.data.load_reference`: forces first
(everything else resolves ``pfa_code`` against them), then MPs before places (places take
the canonical constituency name), then postcodes.

Where a row carries a CT region beside its force we take the force's region: the forces
file is the one an administrator confirms, and the copies in the joined files are
derived from it.
"""

from __future__ import annotations

import datetime as dt
import re

from vigil.reference._io import BadRow, Row, Source, read_features
from vigil.reference.normalise import place_key
from vigil.reference.records import (
    MP,
    Constituency,
    CTRegion,
    Force,
    Place,
    ReferenceData,
    ThreatLevelChange,
)

NI_PFA_CODE = "N92000002"

# data.police.uk covers England and Wales only, so Police Scotland and PSNI have no
# data.police.uk id; these are the slugs Vigil uses for them everywhere else.
_SLUG_BY_PFA = {"S92000003": "police-scotland", NI_PFA_CODE: "psni"}
_PFA_CODE_RE = re.compile(r"[ENSW]\d{8}")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
THREAT_LEVELS = ("LOW", "MODERATE", "SUBSTANTIAL", "SEVERE", "CRITICAL")


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("&", "and")).strip("-")


def force_for_row(data: ReferenceData, row: Row, column: str = "pfa_code") -> Force | None:
    """The force named by a pfa code column; empty means none, unknown is a bad row."""
    code = row.optional(column)
    if code is None:
        return None
    force = data.forces_by_pfa.get(code)
    if force is None:
        raise BadRow(f"unknown {column} {code!r}")
    return force


# --- forces -------------------------------------------------------------------------


def _parse_force(row: Row) -> Force:
    pfa_code = row.optional("pfa_code") or ""
    if pfa_code and not _PFA_CODE_RE.fullmatch(pfa_code):
        raise BadRow(f"pfa_code {pfa_code!r} is not an ONS code like E23000001")
    area_name = row.text("pfa_name")
    slug = row.optional("policeuk_force_id") or _SLUG_BY_PFA.get(pfa_code) or _slugify(area_name)
    if not _SLUG_RE.fullmatch(slug):
        raise BadRow(f"policeuk_force_id {slug!r} is not a lower-case slug")
    return Force(
        slug=slug,
        pfa_code=pfa_code,
        name=row.text("force_name"),
        country=row.text("country"),
        ct_region=row.text("ct_region_code"),
        ct_unit=row.text("ct_unit"),
        area_name=area_name,
    )


FORCE_COLUMNS = (
    "pfa_code",
    "pfa_name",
    "policeuk_force_id",
    "force_name",
    "country",
    "ct_region_code",
    "ct_unit",
)


def load_forces(data: ReferenceData, source: Source) -> None:
    for line, force in source.parse(FORCE_COLUMNS, _parse_force):
        if force.slug in data.forces:
            source.error(line, f"duplicate force slug {force.slug!r}")
            continue
        if force.pfa_code and force.pfa_code in data.forces_by_pfa:
            source.error(line, f"duplicate pfa_code {force.pfa_code!r}")
            continue
        data.forces[force.slug] = force
        if force.pfa_code:
            data.forces_by_pfa[force.pfa_code] = force
        data.ct_regions.setdefault(force.ct_region, CTRegion(code=force.ct_region, name=force.ct_unit))


def load_force_polygons(data: ReferenceData, source: Source) -> None:
    for feature in read_features(source):
        code = str(feature.properties.get("pfa_code") or "")
        force = data.forces_by_pfa.get(code)
        if force is None:
            source.error(feature.line, f"{feature.label}: unknown pfa_code {code!r}")
        elif force.slug in data.force_polygons:
            source.error(feature.line, f"{feature.label}: duplicate polygon for pfa_code {code!r}")
        else:
            data.force_polygons[force.slug] = feature.geometry


# --- MPs and constituencies ---------------------------------------------------------

MP_COLUMNS = (
    "pcon_code",
    "pcon_name",
    "member_id",
    "display_as",
    "full_title",
    "party_text",
    "centroid_lat",
    "centroid_lon",
    "pfa_code",
    "pfa_area_share",
    "n_forces",
)


def load_mps(data: ReferenceData, source: Source) -> None:
    member_ids: set[int] = set()

    def parse(row: Row) -> tuple[Constituency, MP | None]:
        lat, lon = row.lat_lon("centroid_lat", "centroid_lon")
        force = force_for_row(data, row)
        n_forces = row.integer("n_forces")
        if n_forces < 1:
            raise BadRow(f"n_forces is {n_forces}, expected at least 1")
        constituency = Constituency(
            code=row.text("pcon_code"),
            name=row.text("pcon_name"),
            lat=lat,
            lon=lon,
            force_slug=None if force is None else force.slug,
            ct_region=None if force is None else force.ct_region,
            n_forces=n_forces,
            force_share=row.share("pfa_area_share"),
        )
        if row.optional("member_id") is None:  # a vacant seat is not an error
            return constituency, None
        mp = MP(
            member_id=row.integer("member_id"),
            name=row.text("display_as"),
            full_title=row.text("full_title"),
            party=row.text("party_text"),
            constituency_code=constituency.code,
            constituency=constituency.name,
            force_slug=constituency.force_slug,
            ct_region=constituency.ct_region,
            straddles_forces=n_forces > 1,
            lat=lat,
            lon=lon,
        )
        return constituency, mp

    for line, (constituency, mp) in source.parse(MP_COLUMNS, parse):
        if constituency.code in data.constituencies:
            source.error(line, f"duplicate pcon_code {constituency.code!r}")
            continue
        if mp is not None and mp.member_id in member_ids:
            source.error(line, f"duplicate member_id {mp.member_id}")
            continue
        data.constituencies[constituency.code] = constituency
        if mp is not None:
            member_ids.add(mp.member_id)
            data.mps.append(mp)


def load_constituency_polygons(data: ReferenceData, source: Source) -> None:
    for feature in read_features(source):
        code = str(feature.properties.get("PCON24CD") or "")
        if code not in data.constituencies:
            source.error(feature.line, f"{feature.label}: PCON24CD {code!r} is not in the MPs file")
        elif code in data.constituency_polygons:
            source.error(feature.line, f"{feature.label}: duplicate polygon for {code!r}")
        else:
            data.constituency_polygons[code] = feature.geometry


# --- places ---------------------------------------------------------------------------

PLACE_COLUMNS = (
    "geonameid",
    "name",
    "lat",
    "lon",
    "population",
    "pfa_code",
    "pcon24cd",
    "pcon24nm",
    "alt_names",
)


def load_places(data: ReferenceData, source: Source) -> None:
    ids: set[int] = set()

    def parse(row: Row) -> tuple[int, Place]:
        lat, lon = row.lat_lon("lat", "lon")
        population = row.integer("population")
        if population < 0:
            raise BadRow(f"population is negative: {population}")
        force = force_for_row(data, row)  # None for the Crown Dependencies
        name = row.text("name")
        # The places file spells a few constituencies differently ("Glyndwr"); prefer the
        # MPs file's name so that a place's constituency can be looked up exactly.
        code = row.optional("pcon24cd")
        known = data.constituencies.get(code) if code else None
        alt_names = dict.fromkeys(
            alt.strip() for alt in row.values["alt_names"].split("|") if alt.strip() and alt.strip() != name
        )
        place = Place(
            name=name,
            lat=lat,
            lon=lon,
            population=population,
            force_slug=None if force is None else force.slug,
            ct_region=None if force is None else force.ct_region,
            constituency=known.name if known else row.optional("pcon24nm"),
            alt_names=tuple(alt_names),
        )
        return row.integer("geonameid"), place

    for line, (geonameid, place) in source.parse(PLACE_COLUMNS, parse):
        if geonameid in ids:
            source.error(line, f"duplicate geonameid {geonameid}")
            continue
        ids.add(geonameid)
        data.places.append(place)


def load_place_names(data: ReferenceData, source: Source) -> None:
    def parse(row: Row) -> str:
        key = place_key(row.text("name"))
        if not key:
            raise BadRow(f"name {row.values['name']!r} has no letters or digits")
        return key

    # Repeated names are expected (many villages share a name): this is a set of names.
    data.place_names = frozenset(key for _, key in source.parse(("name",), parse))


# --- threat levels ------------------------------------------------------------------------


def load_threat_levels(data: ReferenceData, source: Source) -> None:
    def parse(row: Row) -> ThreatLevelChange:
        raw = row.text("date")
        try:
            date = dt.date.fromisoformat(raw)
        except ValueError:
            raise BadRow(f"date {raw!r} is not YYYY-MM-DD") from None
        level = row.text("level").upper()
        if level not in THREAT_LEVELS:
            raise BadRow(f"level {level!r} is not one of {', '.join(THREAT_LEVELS)}")
        return ThreatLevelChange(
            date=date,
            scope=row.text("scope"),
            level=level,
            change=row.text("change"),
            context=row.optional("event_context") or "",
            source_url=row.optional("source_url") or "",
        )

    seen: set[tuple[dt.date, str]] = set()
    for line, change in source.parse(
        ("date", "scope", "level", "change", "event_context", "source_url"), parse
    ):
        if (change.date, change.scope) in seen:
            source.error(line, f"duplicate change for {change.scope} on {change.date}")
            continue
        seen.add((change.date, change.scope))
        data.threat_levels.append(change)
    data.threat_levels.sort(key=lambda change: change.date)
