"""Reference data as imported into the database, shared by every web and worker process."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vigil.db.base import Base
from vigil.db.types import JSONType, UTCDateTime


class RefImport(Base):
    """One run of ``vigil reference import``: when, from where, what it found."""

    __tablename__ = "ref_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    directory: Mapped[str] = mapped_column(String(500))
    counts: Mapped[dict[str, Any]] = mapped_column(JSONType)
    errors: Mapped[list[str]] = mapped_column(JSONType)


class RefForce(Base):
    __tablename__ = "ref_force"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    pfa_code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    area_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(40))
    ct_region: Mapped[str] = mapped_column(String(32))
    ct_unit: Mapped[str] = mapped_column(String(200))
    polygon_geojson: Mapped[str | None] = mapped_column(Text)


class RefCTRegion(Base):
    __tablename__ = "ref_ct_region"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class RefOutcode(Base):
    __tablename__ = "ref_outcode"

    outcode: Mapped[str] = mapped_column(String(8), primary_key=True)
    area: Mapped[str] = mapped_column(String(4))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    force_slug: Mapped[str | None] = mapped_column(String(64))
    force_share: Mapped[float | None] = mapped_column(Float)
    is_ni: Mapped[bool] = mapped_column(Boolean)


class RefPostcodeArea(Base):
    __tablename__ = "ref_postcode_area"

    area: Mapped[str] = mapped_column(String(4), primary_key=True)
    force_slug: Mapped[str | None] = mapped_column(String(64))


class RefPlace(Base):
    __tablename__ = "ref_place"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    population: Mapped[int] = mapped_column(Integer)
    force_slug: Mapped[str | None] = mapped_column(String(64))
    ct_region: Mapped[str | None] = mapped_column(String(32))
    constituency: Mapped[str | None] = mapped_column(String(200))
    alt_names: Mapped[list[str]] = mapped_column(JSONType)


class RefPlaceName(Base):
    """Populated place names without coordinates (a dictionary for spotting places in text)."""

    __tablename__ = "ref_place_name"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)


class RefConstituency(Base):
    __tablename__ = "ref_constituency"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    force_slug: Mapped[str | None] = mapped_column(String(64))
    ct_region: Mapped[str | None] = mapped_column(String(32))
    n_forces: Mapped[int] = mapped_column(Integer)
    force_share: Mapped[float] = mapped_column(Float)
    polygon_geojson: Mapped[str | None] = mapped_column(Text)


class RefMP(Base):
    __tablename__ = "ref_mp"

    member_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    full_title: Mapped[str] = mapped_column(String(300))
    party: Mapped[str] = mapped_column(String(100))
    constituency_code: Mapped[str] = mapped_column(String(16), index=True)
    constituency: Mapped[str] = mapped_column(String(200))
    force_slug: Mapped[str | None] = mapped_column(String(64))
    ct_region: Mapped[str | None] = mapped_column(String(32))
    straddles_forces: Mapped[bool] = mapped_column(Boolean)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
