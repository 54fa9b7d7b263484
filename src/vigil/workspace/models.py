"""Actions and operations: the message -> action -> result loop, and cases that group them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vigil.auth.marking import MarkedMixin
from vigil.db.base import Base, TimestampMixin
from vigil.db.types import JSONType, UTCDateTime, utcnow
from vigil.workspace.enums import ActionState, OperationState


class Operation(MarkedMixin, TimestampMixin, Base):
    __tablename__ = "operation"
    __record_type__ = "operation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=OperationState.open)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class OperationReport(TimestampMixin, Base):
    __tablename__ = "operation_report"

    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operation.id", ondelete="CASCADE"), primary_key=True
    )
    report_id: Mapped[int] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Action(MarkedMixin, TimestampMixin, Base):
    """A task: who, what, by when, and its result (which may itself be a new report).

    Raised from a report, an operation, a review programme or a posture playbook; ``source``
    says which (``report``, ``operation``, ``playbook:<id>``, ``review:<id>``, ...).
    """

    __tablename__ = "action"
    __record_type__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(64), default="report")
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="SET NULL"), index=True)
    operation_id: Mapped[int | None] = mapped_column(
        ForeignKey("operation.id", ondelete="SET NULL"), index=True
    )
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    assignee_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16), default=ActionState.open)
    result_text: Mapped[str | None] = mapped_column(Text)
    result_report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReportEvent(Base):
    """A report's history: one row per human decision (state, assignment, grade, link, ...)."""

    __tablename__ = "report_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class ReportGrade(Base):
    """Every 3x5x2 grading of a report, kept: re-grading adds a row (and an audit event)."""

    __tablename__ = "report_grade"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    source_grade: Mapped[int] = mapped_column(Integer)
    intel_grade: Mapped[str] = mapped_column(String(1))
    handling_code: Mapped[str] = mapped_column(String(1))
    handling_conditions: Mapped[str | None] = mapped_column(Text)
    imported_from: Mapped[str | None] = mapped_column(String(16))  # e.g. "5x5x5:B24"
    reason: Mapped[str | None] = mapped_column(Text)
    graded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    graded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TriageOverride(Base):
    """An analyst's override of one triage field, kept beside the engine's value with a reason."""

    __tablename__ = "triage_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(16))
    engine_value: Mapped[str | None] = mapped_column(String(64))
    previous_value: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReportLink(Base):
    """A confirmed link. For a duplicate, ``report_id`` joins the thread of ``other_report_id``."""

    __tablename__ = "report_link"
    __table_args__ = (UniqueConstraint("report_id", "other_report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    other_report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Notification(Base):
    """An in-app notification (a page to the duty supervisor for an ``immediate`` report)."""

    __tablename__ = "notification"
    __table_args__ = (UniqueConstraint("user_id", "report_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
