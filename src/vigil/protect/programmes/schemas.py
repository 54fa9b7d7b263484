"""Inputs for programmes, review transitions, assessments and recommendations."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from vigil.protect.enums import (
    AreaRating,
    AssessmentArea,
    RecommendationOwner,
    RecommendationState,
    ReviewState,
    TargetKind,
)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ProgrammeCreate(_In):
    name: str = Field(min_length=1, max_length=200)
    target_kind: TargetKind
    target_param: str | None = Field(default=None, max_length=64)
    contact_within_hours: int = Field(default=72, ge=1, le=24 * 90)
    share_with_partners: bool = True


class Transition(_In):
    to: ReviewState
    note: str | None = Field(default=None, max_length=2000)
    booked_for: date | None = None


class AreaFinding(_In):
    rating: AreaRating
    findings: str = Field(default="", max_length=5000)


class AssessmentIn(_In):
    assessed_on: date
    areas: dict[AssessmentArea, AreaFinding]
    summary: str | None = Field(default=None, max_length=5000)


class RecommendationCreate(_In):
    text: str = Field(min_length=1, max_length=2000)
    owner: RecommendationOwner
    due_on: date


class RecommendationUpdate(_In):
    state: RecommendationState
