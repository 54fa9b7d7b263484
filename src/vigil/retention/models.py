"""What retention keeps: every decision, the stub left by a disposal, and each scheduled run."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vigil.auth.marking import MarkedMixin
from vigil.db.base import Base
from vigil.db.types import UTCDateTime, utcnow


class RetentionDecision(Base):
    """One human decision (retain, hold, release, dispose), never updated or removed.

    ``report_id`` is not a foreign key: the decision outlives the report it disposed of, and
    ``reference`` says which one it was.
    """

    __tablename__ = "retention_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(Integer, index=True)
    reference: Mapped[str] = mapped_column(String(24))
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    previous_review_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_review_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DisposedReport(MarkedMixin, Base):
    """The metadata stub a disposal leaves: no text, no place, no people, no files.

    It keeps the report's marking and owner, so the stub is visible only to whoever could see
    the report (``visible_clause`` works on it as on any marked record).
    """

    __tablename__ = "disposed_report"
    __record_type__ = "disposed_report"

    #: The disposed report's own id (kept so decisions and audit events still point at it).
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    report_type: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(40))
    force_slug: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    review_due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    disposed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    disposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str] = mapped_column(Text)


class RetentionRun(Base):
    """One run of the scheduled review (or a person's acknowledgement of the clock)."""

    __tablename__ = "retention_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    due: Mapped[int] = mapped_column(Integer, default=0)
    newly_due: Mapped[int] = mapped_column(Integer, default=0)
    held: Mapped[int] = mapped_column(Integer, default=0)
    detail: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
