"""Actions and operations: the message -> action -> result loop, and cases that group them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vigil.auth.marking import MarkedMixin
from vigil.db.base import Base, TimestampMixin
from vigil.db.types import UTCDateTime
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
