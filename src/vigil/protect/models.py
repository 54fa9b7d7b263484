"""The registers: protected persons, their premises, surgeries and homes; crowded places.

A person's record, premises and notes are marked records; the home address is a separate row
at a higher marking (SECRET by default), readable only with ``register:home:read`` and never
shared with partner organisations.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vigil.auth.enums import Classification
from vigil.auth.marking import MarkedMixin
from vigil.db.base import Base, TimestampMixin
from vigil.db.types import JSONType, UTCDateTime
from vigil.protect.enums import RiskLevel, Tier


class ProtectedPerson(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "protected_person"
    __record_type__ = "protected_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    full_title: Mapped[str | None] = mapped_column(String(300))
    aliases: Mapped[list[str]] = mapped_column(JSONType, default=list)
    party: Mapped[str | None] = mapped_column(String(100))
    parliament_member_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    constituency_code: Mapped[str | None] = mapped_column(String(16))
    constituency: Mapped[str | None] = mapped_column(String(200))
    force_slug: Mapped[str | None] = mapped_column(String(64), index=True)
    ct_region: Mapped[str | None] = mapped_column(String(32), index=True)
    straddles_forces: Mapped[bool] = mapped_column(Boolean, default=False)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    spoc_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    risk_level: Mapped[str] = mapped_column(String(16), default=RiskLevel.medium)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class RiskLevelChange(TimestampMixin, Base):
    """The history of a person's personal risk level (newest last)."""

    __tablename__ = "protected_person_risk"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("protected_person.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class PersonNote(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "protected_person_note"
    __record_type__ = "protected_person_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("protected_person.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Premises(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "protected_premises"
    __record_type__ = "protected_premises"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("protected_person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSONType, default=list)
    address: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(10))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    force_slug: Mapped[str | None] = mapped_column(String(64))
    measures: Mapped[list[str]] = mapped_column(JSONType, default=list)


class Surgery(TimestampMixin, Base):
    """A scheduled constituency surgery at a surgery venue (visible with its premises)."""

    __tablename__ = "protected_surgery"

    id: Mapped[int] = mapped_column(primary_key=True)
    premises_id: Mapped[int] = mapped_column(
        ForeignKey("protected_premises.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(Text)


class ProtectedHome(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "protected_home"
    __record_type__ = "protected_home"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("protected_person.id", ondelete="CASCADE"), unique=True)
    address: Mapped[str] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(10))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    force_slug: Mapped[str | None] = mapped_column(String(64))
    measures: Mapped[list[str]] = mapped_column(JSONType, default=list)


HOME_CLASSIFICATION = Classification.secret


class Venue(MarkedMixin, TimestampMixin, Base):
    """A crowded place or an event, with its Martyn's Law tier and duty checklist."""

    __tablename__ = "protected_venue"
    __record_type__ = "protected_venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    use: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int] = mapped_column(Integer)
    is_event: Mapped[bool] = mapped_column(Boolean, default=False)
    entry_checks: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    force_slug: Mapped[str | None] = mapped_column(String(64), index=True)
    ct_region: Mapped[str | None] = mapped_column(String(32))
    tier: Mapped[str] = mapped_column(String(16), default=Tier.out_of_scope, index=True)
    tier_reasons: Mapped[list[str]] = mapped_column(JSONType, default=list)
    duties: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)  # duty code -> done?


class ContactNotification(TimestampMixin, Base):
    """An in-app notice to a protected person's single point of contact about a report."""

    __tablename__ = "protect_notification"
    __table_args__ = (UniqueConstraint("person_id", "report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("protected_person.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    recipient_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    recipient_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    reason: Mapped[str] = mapped_column(Text)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
