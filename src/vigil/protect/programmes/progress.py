"""Progress of review programmes: per programme, per force and per CT region.

Counted only over the reviews the viewer may see (``visible_clause``), so a partner's totals
come from what is shared with them and another force's counts never leak into a chart.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil.auth.marking import Viewer, visible_clause
from vigil.db.types import utcnow
from vigil.protect.enums import RecommendationState, ReviewState
from vigil.protect.programmes.models import Recommendation, Review, ReviewProgramme
from vigil.web.csv_safe import neutralise

_ACCEPTED_STATES = {
    ReviewState.accepted,
    ReviewState.assessment_booked,
    ReviewState.assessed,
    ReviewState.recommendations_issued,
    ReviewState.measures_in_place,
}
_OPEN_RECS = (RecommendationState.open, RecommendationState.in_progress)


@dataclass(slots=True)
class Tally:
    key: str
    total: int = 0
    contacted: int = 0
    contacted_in_time: int = 0
    overdue_contact: int = 0
    accepted: int = 0
    declined: int = 0
    assessed: int = 0
    closed: int = 0
    recs_outstanding: int = 0
    recs_overdue: int = 0

    @property
    def contact_rate(self) -> float:
        return self.contacted_in_time / self.total if self.total else 0.0

    def pct(self, name: str) -> int:
        return round(100 * getattr(self, name) / self.total) if self.total else 0


@dataclass(slots=True)
class Progress:
    overall: Tally
    by_force: list[Tally] = field(default_factory=list)
    by_region: list[Tally] = field(default_factory=list)
    by_programme: list[Tally] = field(default_factory=list)


def accepted(review: Review) -> bool:
    return review.state in _ACCEPTED_STATES or review.measures_in_place_at is not None


def contacted_in_time(review: Review, programme: ReviewProgramme) -> bool:
    deadline = programme.started_at + timedelta(hours=programme.contact_within_hours)
    return review.offered_at is not None and review.offered_at <= deadline


def contact_overdue(review: Review, programme: ReviewProgramme, now: datetime) -> bool:
    deadline = programme.started_at + timedelta(hours=programme.contact_within_hours)
    return review.offered_at is None and now > deadline


def rec_counts(db: Session, review_ids: Iterable[int], today: date) -> dict[int, tuple[int, int]]:
    """review id -> (outstanding, overdue) recommendations."""
    ids = list(review_ids)
    counts: dict[int, tuple[int, int]] = {}
    for start in range(0, len(ids), 500):
        rows = db.execute(
            select(Recommendation.review_id, Recommendation.due_on, func.count())
            .where(
                Recommendation.review_id.in_(ids[start : start + 500]), Recommendation.state.in_(_OPEN_RECS)
            )
            .group_by(Recommendation.review_id, Recommendation.due_on)
        )
        for review_id, due_on, n in rows:
            out, late = counts.get(review_id, (0, 0))
            counts[review_id] = (out + n, late + (n if due_on < today else 0))
    return counts


def _add(t: Tally, review: Review, programme: ReviewProgramme, recs: tuple[int, int], now: datetime) -> None:
    t.total += 1
    t.contacted += review.offered_at is not None
    t.contacted_in_time += contacted_in_time(review, programme)
    t.overdue_contact += contact_overdue(review, programme, now)
    t.accepted += accepted(review)
    t.declined += review.responded_at is not None and not accepted(review)
    t.assessed += review.assessed_at is not None
    t.closed += review.state == ReviewState.closed
    t.recs_outstanding += recs[0]
    t.recs_overdue += recs[1]


def visible_reviews(db: Session, viewer: Viewer, programme_id: int | None = None) -> list[Review]:
    stmt = select(Review).where(visible_clause(Review, viewer))
    if programme_id is not None:
        stmt = stmt.where(Review.programme_id == programme_id)
    return list(db.scalars(stmt.order_by(Review.force_slug, Review.target_label, Review.id)))


def progress(
    *,
    db: Session,
    programmes: list[ReviewProgramme],
    reviews: list[Review],
    now: datetime | None = None,
) -> Progress:
    now = now or utcnow()
    by_id = {p.id: p for p in programmes}
    recs = rec_counts(db, (r.id for r in reviews), now.date())
    overall = Tally("all")
    forces: dict[str, Tally] = {}
    regions: dict[str, Tally] = {}
    progs: dict[str, Tally] = {}
    for review in reviews:
        programme = by_id.get(review.programme_id)
        if programme is None:
            continue  # a review whose programme the viewer may not see is left out
        r = recs.get(review.id, (0, 0))
        for tally in (
            overall,
            forces.setdefault(review.force_slug or "unknown", Tally(review.force_slug or "unknown")),
            regions.setdefault(review.ct_region or "unknown", Tally(review.ct_region or "unknown")),
            progs.setdefault(str(programme.id), Tally(programme.name)),
        ):
            _add(tally, review, programme, r, now)
    return Progress(
        overall=overall,
        by_force=sorted(forces.values(), key=lambda t: t.key),
        by_region=sorted(regions.values(), key=lambda t: t.key),
        by_programme=list(progs.values()),
    )


# --- charts: inline SVG built in the template from these numbers (no script, no CDN) -----------

CHART_SERIES = (
    ("contacted_in_time", "Contacted in time"),
    ("accepted", "Accepted"),
    ("assessed", "Assessed"),
    ("closed", "Closed"),
)


def chart_rows(tallies: list[Tally]) -> list[dict[str, object]]:
    """One row per group with a bar width (0-100) per series, for the SVG in the template."""
    return [
        {
            "label": t.key,
            "total": t.total,
            "bars": [(code, label, t.pct(code)) for code, label in CHART_SERIES],
        }
        for t in tallies
    ]


# --- CSV export ---------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "review_id",
    "programme",
    "target",
    "force",
    "ct_region",
    "state",
    "offered_at",
    "contacted_in_time",
    "responded_at",
    "booked_for",
    "assessed_at",
    "closed_at",
    "recommendations_outstanding",
    "recommendations_overdue",
    "contact_overdue",
    "marking",
)


def export_csv(
    *, db: Session, programmes: list[ReviewProgramme], reviews: list[Review], now: datetime | None = None
) -> str:
    now = now or utcnow()
    by_id = {p.id: p for p in programmes}
    recs = rec_counts(db, (r.id for r in reviews), now.date())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for review in reviews:
        programme = by_id.get(review.programme_id)
        if programme is None:
            continue
        outstanding, overdue = recs.get(review.id, (0, 0))
        row = (
            review.id,
            programme.name,
            review.target_label,
            review.force_slug,
            review.ct_region,
            review.state,
            review.offered_at.isoformat() if review.offered_at else "",
            "yes" if contacted_in_time(review, programme) else "no",
            review.responded_at.isoformat() if review.responded_at else "",
            review.booked_for.isoformat() if review.booked_for else "",
            review.assessed_at.isoformat() if review.assessed_at else "",
            review.closed_at.isoformat() if review.closed_at else "",
            outstanding,
            overdue,
            "yes" if contact_overdue(review, programme, now) else "no",
            review.classification,
        )
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()


TALLY_COLUMNS = (
    "group",
    "key",
    "reviews",
    "contacted",
    "contacted_in_time",
    "contact_overdue",
    "accepted",
    "declined",
    "assessed",
    "closed",
    "recommendations_outstanding",
    "recommendations_overdue",
)


def tallies_csv(result: Progress) -> str:
    """Progress per programme, force and CT region as CSV (formula-safe like every export)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TALLY_COLUMNS)
    for group, tallies in (
        ("programme", result.by_programme),
        ("force", result.by_force),
        ("ct_region", result.by_region),
    ):
        for t in tallies:
            row = (
                group,
                t.key,
                t.total,
                t.contacted,
                t.contacted_in_time,
                t.overdue_contact,
                t.accepted,
                t.declined,
                t.assessed,
                t.closed,
                t.recs_outstanding,
                t.recs_overdue,
            )
            writer.writerow([neutralise(v) for v in row])
    return out.getvalue()
