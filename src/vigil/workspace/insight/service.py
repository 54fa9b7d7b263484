"""Dashboard figures. Every count runs under ``visible_clause``: no chart leaks a hidden report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil.auth.marking import Viewer, high_water_mark, visible_clause
from vigil.config import Settings
from vigil.db.types import utcnow
from vigil.intake.models import Report
from vigil.web.templates import LONDON
from vigil.workspace import sla
from vigil.workspace.enums import FIRST_ACTION_KINDS
from vigil.workspace.models import ReportEvent


@dataclass
class Dashboard:
    days: int
    total: int = 0
    by: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    per_day: list[tuple[date, int]] = field(default_factory=list)
    first_action: list[dict[str, object]] = field(default_factory=list)
    marking: str | None = None


def build(*, db: Session, viewer: Viewer, settings: Settings, days: int = 30) -> Dashboard:
    since = utcnow() - timedelta(days=days)
    first = (
        select(ReportEvent.report_id, func.min(ReportEvent.at).label("first_at"))
        .where(ReportEvent.kind.in_([k.value for k in FIRST_ACTION_KINDS]))
        .group_by(ReportEvent.report_id)
        .subquery()
    )
    rows = db.execute(
        select(
            Report.category,
            Report.urgency,
            Report.force_slug,
            Report.channel,
            Report.submitted_at,
            Report.classification,
            first.c.first_at,
        )
        .outerjoin(first, first.c.report_id == Report.id)
        .where(visible_clause(Report, viewer), Report.submitted_at >= since)
    ).all()
    out = Dashboard(days=days, total=len(rows))
    names = ("category", "urgency", "force", "channel")
    for i, name in enumerate(names):
        counts = Counter((row[i] or "none") for row in rows)
        out.by[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    per_day = Counter(row[4].astimezone(LONDON).date() for row in rows)
    today = utcnow().astimezone(LONDON).date()
    out.per_day = [
        (today - timedelta(days=d), per_day.get(today - timedelta(days=d), 0))
        for d in range(days - 1, -1, -1)
    ]
    for urgency in ("immediate", "high", "standard"):
        span = sla.window(settings, urgency)
        assert span is not None
        waits = [
            (row[6] - row[4]).total_seconds() / 60 for row in rows if row[1] == urgency and row[6] is not None
        ]
        waiting = sum(1 for row in rows if row[1] == urgency and row[6] is None)
        within = sum(1 for w in waits if w <= span.total_seconds() / 60)
        out.first_action.append(
            {
                "urgency": urgency,
                "sla_minutes": int(span.total_seconds() // 60),
                "actioned": len(waits),
                "waiting": waiting,
                "median_minutes": round(median(waits), 1) if waits else None,
                "within_sla": round(100 * within / len(waits)) if waits else None,
            }
        )
    out.marking = high_water_mark([row[5] for row in rows]).value if rows else None
    return out
