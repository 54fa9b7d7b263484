"""Reports (MIRSAP's messages) and their contact details."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from vigil.auth.marking import MarkedMixin
from vigil.db.base import Base, TimestampMixin
from vigil.db.types import JSONType, UTCDateTime
from vigil.intake.enums import ReportState, TriageState
from vigil.retention.policy import review_due_default


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
    #: The structured answers beyond the description (activity kind, people, vehicles, phone
    #: numbers, links, approximate time, reporter's role), as stable codes and bounded text.
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    #: Text that reads as an emergency was seen at submission (the reporter was told to call 999).
    emergency_detected: Mapped[bool] = mapped_column(Boolean, default=False)
    #: SHA-256 over the submitting client and the report's content, to suppress double submissions.
    dedup_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    #: When a records manager must next decide whether it is still needed (MoPI review): set
    #: from the retention policy when the report is stored, moved on by each retain decision.
    review_due_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=review_due_default, index=True)
    #: Under legal hold: no disposal until a records manager releases it.
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ReportContact(TimestampMixin, Base):
    """Contact details given by a reporter; readable only with ``report:read:contact``."""

    __tablename__ = "report_contact"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))


class Attachment(TimestampMixin, Base):
    """A file sent with a report: the original, kept for evidence, and the safe derivative.

    Both files live under ``settings.files_dir`` with random names; nothing here is ever served
    to the public. ``original_sha256`` is the hash of the bytes as received.
    """

    __tablename__ = "report_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    media_type: Mapped[str] = mapped_column(String(64))
    #: The name the reporter's device gave it, cleaned and bounded; shown, never used as a path.
    filename: Mapped[str] = mapped_column(String(200))
    original_path: Mapped[str] = mapped_column(String(100), unique=True)
    original_sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_size: Mapped[int] = mapped_column(BigInteger)
    derivative_path: Mapped[str | None] = mapped_column(String(100), unique=True)
    derivative_sha256: Mapped[str | None] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)


class ReportFollowup(TimestampMixin, Base):
    """More information added later by the holder of the follow-up code (write-only for them)."""

    __tablename__ = "report_followup"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)


class IdempotencyKey(TimestampMixin, Base):
    """Stripe-style idempotency: one receipt per (client, key), bound to the request body.

    ``key_hash`` is an HMAC of the client identity and the key (neither is stored raw);
    ``sealed_code`` is the follow-up code encrypted under a key derived from the raw
    idempotency key, so a replay can return the same receipt but the table alone cannot.
    """

    __tablename__ = "idempotency_key"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    reference: Mapped[str | None] = mapped_column(String(24))
    sealed_code: Mapped[str | None] = mapped_column(String(128))
    status_code: Mapped[int] = mapped_column(Integer, default=201)


class ReportDraft(TimestampMixin, Base):
    """A public form in progress, keyed by a random id held in the reporter's cookie.

    Kept server-side (not in signed hidden fields) because photos chosen on one page must
    survive to the check-your-answers page, and so nothing typed is echoed through the URL or
    replayed by the browser. Drafts expire (``expires_at``) and are swept with their files.
    """

    __tablename__ = "report_draft"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType)
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
