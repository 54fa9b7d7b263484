"""SLA clocks per urgency: how long a new report may wait before someone acts on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from vigil.config import Settings
from vigil.db.types import utcnow

#: The share of the window after which a clock turns amber.
AMBER_AT = 0.75


@dataclass(frozen=True, slots=True)
class Clock:
    status: str  # ok | amber | red | none
    due_at: datetime | None
    minutes_left: int | None


def window(settings: Settings, urgency: str | None) -> timedelta | None:
    minutes = {
        "immediate": settings.sla_immediate_minutes,
        "high": settings.sla_high_minutes,
        "standard": settings.sla_standard_minutes,
    }.get(urgency or "")
    return timedelta(minutes=minutes) if minutes else None


def clock(
    settings: Settings, *, urgency: str | None, submitted_at: datetime, now: datetime | None = None
) -> Clock:
    span = window(settings, urgency)
    if span is None:
        return Clock("none", None, None)
    now = now or utcnow()
    due = submitted_at + span
    elapsed = now - submitted_at
    left = int((due - now).total_seconds() // 60)
    if now >= due:
        return Clock("red", due, left)
    if elapsed >= span * AMBER_AT:
        return Clock("amber", due, left)
    return Clock("ok", due, left)
