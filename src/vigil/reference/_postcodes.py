"""Loaders for the three postcode files: Code-Point Open districts, the ONSPD list of every
district (which adds Northern Ireland), and postcode areas to main force.
"""

from __future__ import annotations

import dataclasses
import re

from vigil.reference._io import BadRow, Row, Source
from vigil.reference._loaders import NI_PFA_CODE, force_for_row
from vigil.reference.normalise import area_of, normalise_outcode
from vigil.reference.records import Outcode, ReferenceData


def _outcode(row: Row) -> str:
    raw = row.text("outcode")
    outcode = normalise_outcode(raw)
    if outcode is None:
        raise BadRow(f"outcode {raw!r} is not a postcode district like MK40")
    return outcode


def load_outcodes(data: ReferenceData, source: Source) -> None:
    def parse(row: Row) -> Outcode:
        outcode = _outcode(row)
        area = row.text("area").upper()
        if area_of(outcode) != area:
            raise BadRow(f"area {area!r} does not match outcode {outcode!r}")
        lat, lon = row.lat_lon("lat", "lon")
        force = force_for_row(data, row)
        return Outcode(
            outcode=outcode,
            area=area,
            lat=lat,
            lon=lon,
            force_slug=None if force is None else force.slug,
            force_share=None if force is None else row.share("pfa_share"),
            is_ni=area == "BT",
        )

    for line, outcode in source.parse(("outcode", "area", "lat", "lon", "pfa_code", "pfa_share"), parse):
        if outcode.outcode in data.outcodes:
            source.error(line, f"duplicate outcode {outcode.outcode!r}")
            continue
        data.outcodes[outcode.outcode] = outcode


def load_all_outcodes(data: ReferenceData, source: Source) -> None:
    """Add the outcodes that Code-Point Open lacks, chiefly Northern Ireland's.

    Runs after :func:`load_outcodes`; an outcode in both keeps Code-Point's centroid.
    """
    ni_force = data.forces_by_pfa.get(NI_PFA_CODE)
    seen: set[str] = set()

    def parse(row: Row) -> tuple[str, bool]:
        outcode, is_ni = _outcode(row), row.flag("is_ni")
        if is_ni != (area_of(outcode) == "BT"):
            raise BadRow(f"is_ni is {is_ni} but {outcode!r} is {'not ' if is_ni else ''}in the BT area")
        return outcode, is_ni

    for line, (outcode, is_ni) in source.parse(("outcode", "is_ni"), parse):
        if outcode in seen:
            source.error(line, f"duplicate outcode {outcode!r}")
            continue
        seen.add(outcode)
        known = data.outcodes.get(outcode)
        if known is not None:
            if known.is_ni != is_ni:
                data.outcodes[outcode] = dataclasses.replace(known, is_ni=is_ni)
            continue
        data.outcodes[outcode] = Outcode(
            outcode=outcode,
            area=area_of(outcode),
            lat=None,
            lon=None,
            force_slug=ni_force.slug if is_ni and ni_force else None,
            force_share=1.0 if is_ni and ni_force else None,
            is_ni=is_ni,
        )


def load_areas(data: ReferenceData, source: Source) -> None:
    # This file names forces rather than coding them, by the ONS area name.
    by_name = {force.area_name.casefold(): force for force in data.forces.values()}
    by_name.update((force.name.casefold(), force) for force in data.forces.values())

    def parse(row: Row) -> tuple[str, str | None]:
        area = row.text("area").upper()
        if not re.fullmatch(r"[A-Z]{1,2}", area):
            raise BadRow(f"area {area!r} is not one or two letters")
        name = row.optional("main_force")
        if name is None:
            return area, None
        force = by_name.get(name.casefold())
        if force is None:
            raise BadRow(f"unknown main_force {name!r}")
        return area, force.slug

    for line, (area, slug) in source.parse(("area", "main_force"), parse):
        if area in data.areas:
            source.error(line, f"duplicate area {area!r}")
            continue
        data.areas[area] = slug
