"""Review programmes, reviews, assessments and recommendations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import conv

from vigil.auth.marking import MarkedMixin
from vigil.db.base import Base, TimestampMixin
from vigil.db.types import JSONType, UTCDateTime
from vigil.protect.enums import RecommendationState, ReviewState


class ReviewProgramme(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "review_programme"
    __record_type__ = "review_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    target_kind: Mapped[str] = mapped_column(String(32))
    target_param: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    contact_within_hours: Mapped[int] = mapped_column(Integer, default=72)
    state: Mapped[str] = mapped_column(String(16), default="open")
    source: Mapped[str | None] = mapped_column(String(64))  # e.g. playbook:mps-raise@1
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Review(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "review"
    __record_type__ = "review"
    __table_args__ = (
        # Named by hand: the naming convention uses the first column only, which both share.
        UniqueConstraint("programme_id", "person_id", name=conv("uq_review_programme_person")),
        UniqueConstraint("programme_id", "venue_id", name=conv("uq_review_programme_venue")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("review_programme.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("protected_person.id"), index=True)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("protected_venue.id"), index=True)
    target_label: Mapped[str] = mapped_column(String(300))
    force_slug: Mapped[str | None] = mapped_column(String(64), index=True)
    ct_region: Mapped[str | None] = mapped_column(String(32), index=True)
    state: Mapped[str] = mapped_column(String(32), default=ReviewState.pending, index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    assignee_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    offered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    booked_for: Mapped[date | None] = mapped_column(Date)
    assessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recommendations_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    measures_in_place_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReviewEvent(TimestampMixin, Base):
    """Each state change of a review, with who and when."""

    __tablename__ = "review_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[str] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Assessment(TimestampMixin, Base):
    """The structured checklist for one review: area code -> {rating, findings}."""

    __tablename__ = "review_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), unique=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    areas: Mapped[dict[str, Any]] = mapped_column(JSONType)
    summary: Mapped[str | None] = mapped_column(Text)
    assessor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Recommendation(TimestampMixin, Base):
    __tablename__ = "review_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(32))
    due_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default=RecommendationState.open)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
