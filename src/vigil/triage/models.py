"""What the triage job stores. (The engine itself, the rest of this package, imports no DB code.)

A ``TriageRecord`` is never overwritten: a re-triage by a new engine version adds a record, and
an analyst's override is its own audited record in the workspace. Entities and their mentions
are the POLE index; link keys and records are the database side of the linking index; link
suggestions are proposals an analyst confirms or rejects.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vigil.db.base import Base, TimestampMixin
from vigil.db.types import JSONType, UTCDateTime


class TriageRecord(TimestampMixin, Base):
    __tablename__ = "triage_record"
    __table_args__ = (
        UniqueConstraint(
            "report_id", "engine_version", "trigger", name="uq_triage_record_report_version_trigger"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    engine_version: Mapped[str] = mapped_column(String(40))
    #: What made this run: ``intake``, ``followup:<id>`` (the reporter added information), ...
    trigger: Mapped[str] = mapped_column(String(40), default="intake", server_default="intake")
    category: Mapped[str] = mapped_column(String(40))
    urgency: Mapped[str] = mapped_column(String(16))
    hate_strand: Mapped[str | None] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSONType)
    entities: Mapped[dict[str, Any]] = mapped_column(JSONType)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    force_slug: Mapped[str | None] = mapped_column(String(64))
    ct_region: Mapped[str | None] = mapped_column(String(32))
    protected_person: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    duplicate_of_report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="SET NULL"))
    related: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)


class Entity(Base):
    """A POLE entity, by kind and normalised value (vehicle ``AB12CDE``, phone ``+447700900123``)."""

    __tablename__ = "entity"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(500))


class Mention(TimestampMixin, Base):
    """An entity mentioned by a report."""

    __tablename__ = "entity_mention"

    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class LinkRecordRow(Base):
    """What the linking index keeps about each triaged report (see ``triage.schemas.LinkRecord``)."""

    __tablename__ = "link_record"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    category: Mapped[str] = mapped_column(String(40))
    force_slug: Mapped[str | None] = mapped_column(String(64))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    protected_person_id: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class LinkKey(Base):
    """One linking key of a report: a MinHash band, an entity, a space-time cell."""

    __tablename__ = "link_key"
    __table_args__ = (Index("ix_link_key_key", "key", "report_id"),)

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)


class LinkSuggestion(TimestampMixin, Base):
    """A proposed duplicate or related report. Never merged automatically: an analyst decides."""

    __tablename__ = "link_suggestion"
    __table_args__ = (UniqueConstraint("report_id", "other_report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    other_report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # duplicate | related
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16), default="suggested")  # suggested|confirmed|rejected
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)
    engine_version: Mapped[str | None] = mapped_column(String(40))
    priority: Mapped[int] = mapped_column(Integer, default=0)
