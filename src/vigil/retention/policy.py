"""When a report is next reviewed: its review date, computed when it is created.

The period depends on the report's type (the only classification known at intake; triage
comes later). The defaults follow the shape of the review schedule in the College of
Policing's APP on the Management of Police Information (MoPI): a six-year first review for
most information, ten years for the more serious kinds (threats to public figures,
radicalisation concerns). They are a starting point, not a force's records policy: each
force sets its own (``VIGIL_RETENTION_REVIEW_YEARS`` and
``VIGIL_RETENTION_REVIEW_YEARS_BY_TYPE``; see docs/retention.md).

The date is a column default (:func:`review_due_default`), so every way a report is stored
(the ORM, multi-row Core inserts, factories) gets one. The configured policy reaches it as an
engine execution option set by :func:`install_policy`; an engine without it uses the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from vigil.db.types import utcnow

#: Years to the first review when the report's type has no entry of its own.
DEFAULT_REVIEW_YEARS = 6
#: Report types reviewed later than the default (MoPI reviews serious matters at ten years).
DEFAULT_REVIEW_YEARS_BY_TYPE: Mapping[str, int] = {
    "threat_to_public_figure": 10,
    "radicalisation_concern": 10,
}
POLICY_OPTION = "vigil_review_policy"


def add_years(when: datetime, years: int) -> datetime:
    """``when`` plus whole calendar years; 29 February becomes 28 February in other years."""
    try:
        return when.replace(year=when.year + years)
    except ValueError:
        return when.replace(year=when.year + years, day=28)


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    default_years: int = DEFAULT_REVIEW_YEARS
    years_by_type: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_REVIEW_YEARS_BY_TYPE))

    def years_for(self, report_type: str | None) -> int:
        return self.years_by_type.get(report_type or "", self.default_years)

    def review_due(self, *, report_type: str | None, created: datetime) -> datetime:
        return add_years(created, self.years_for(report_type))

    @classmethod
    def from_settings(cls, settings: Any) -> ReviewPolicy:
        return cls(
            default_years=settings.retention_review_years,
            years_by_type=dict(settings.retention_review_years_by_type),
        )

    def __hash__(self) -> int:  # execution options may be hashed; the mapping is not
        return hash((self.default_years, tuple(sorted(self.years_by_type.items()))))


DEFAULT_POLICY = ReviewPolicy()


def install_policy(engine: Engine, settings: Any) -> None:
    """Make every report stored through ``engine`` get its review date from ``settings``."""
    engine.update_execution_options(**{POLICY_OPTION: ReviewPolicy.from_settings(settings)})


def review_due_default(context: Any) -> datetime:
    """Column default for ``report.review_due_at``: the review date from the report's own values."""
    params = context.get_current_parameters()
    policy = context.execution_options.get(POLICY_OPTION, DEFAULT_POLICY)
    created = params.get("submitted_at") or utcnow()
    return policy.review_due(report_type=params.get("report_type"), created=created)  # type: ignore[no-any-return]
