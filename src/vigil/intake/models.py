"""Reports (MIRSAP's messages) and their contact details."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vigil.auth.marking import MarkedMixin
from vigil.db.base import Base, TimestampMixin
from vigil.db.types import UTCDateTime
from vigil.intake.enums import ReportState, TriageState


class Report(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "report"
    __record_type__ = "report"
    __table_args__ = (Index("ix_report_queue", "state", "urgency_rank", "score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    report_type: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)
    location_text: Mapped[str | None] = mapped_column(String(500))
    postcode: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    observed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    emergency_declared: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(20), default=ReportState.new)
    triage_state: Mapped[str] = mapped_column(String(20), default=TriageState.awaiting)
    # The latest accepted triage (engine or analyst override), copied here for the queue's sort.
    category: Mapped[str | None] = mapped_column(String(40), index=True)
    urgency: Mapped[str | None] = mapped_column(String(16))
    urgency_rank: Mapped[int] = mapped_column(Integer, default=9)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    force_slug: Mapped[str | None] = mapped_column(String(64), index=True)
    ct_region: Mapped[str | None] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # 3x5x2 grade: source evaluation 1-3, intelligence assessment A-E (None until graded).
    source_grade: Mapped[int] = mapped_column(Integer, default=2)
    intel_grade: Mapped[str | None] = mapped_column(String(1))
    closed_reason: Mapped[str | None] = mapped_column(String(40))
    followup_code_hash: Mapped[str | None] = mapped_column(String(64))
    #: The register entry the report concerns (set by triage or an analyst), for queue filters.
    protected_person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    hate_strand: Mapped[str | None] = mapped_column(String(32))


class ReportContact(TimestampMixin, Base):
    """Contact details given by a reporter; readable only with ``report:read:contact``."""

    __tablename__ = "report_contact"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))
