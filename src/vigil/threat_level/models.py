"""Threat levels (public, so unmarked) and versioned posture playbooks."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vigil.db.base import Base, TimestampMixin
from vigil.db.types import JSONType


class ThreatLevel(TimestampMixin, Base):
    """One level from a date; the current level of a scope is its latest row."""

    __tablename__ = "threat_level"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40), index=True)
    level: Mapped[str] = mapped_column(String(16))
    from_date: Mapped[date] = mapped_column(Date)
    change: Mapped[str] = mapped_column(String(32))
    context: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(String(500))
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class PosturePlaybook(TimestampMixin, Base):
    """What a change of level triggers. A new version is a new row; the newest active one runs."""

    __tablename__ = "posture_playbook"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(40))
    # Runs when the scope is raised to one of these levels.
    on_raise_to: Mapped[list[str]] = mapped_column(JSONType)
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PlaybookRun(TimestampMixin, Base):
    """What one level change triggered, for the history page and the audit trail."""

    __tablename__ = "playbook_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    playbook_id: Mapped[int] = mapped_column(ForeignKey("posture_playbook.id"))
    threat_level_id: Mapped[int] = mapped_column(
        ForeignKey("threat_level.id", ondelete="CASCADE"), index=True
    )
    action_ids: Mapped[list[int]] = mapped_column(JSONType)
    programme_ids: Mapped[list[int]] = mapped_column(JSONType)
