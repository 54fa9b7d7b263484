"""Inputs for programmes, review transitions, assessments and recommendations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from vigil.protect.enums import (
    AreaRating,
    AssessmentArea,
    RecommendationOwner,
    RecommendationState,
    ReviewState,
    TargetKind,
)
from vigil.schemas import StrippedText


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgrammeCreate(_In):
    name: Annotated[str, StrippedText(max_length=200, min_length=1)]
    target_kind: TargetKind
    target_param: Annotated[str, StrippedText(max_length=64)] | None = None
    contact_within_hours: int = Field(default=72, ge=1, le=24 * 90)
    share_with_partners: bool = True


class Transition(_In):
    to: ReviewState
    note: Annotated[str, StrippedText(max_length=2000)] | None = None
    booked_for: date | None = None


class AreaFinding(_In):
    rating: AreaRating
    findings: Annotated[str, StrippedText(max_length=5000)] = ""


class AssessmentIn(_In):
    assessed_on: date
    areas: dict[AssessmentArea, AreaFinding]
    summary: Annotated[str, StrippedText(max_length=5000)] | None = None


class RecommendationCreate(_In):
    text: Annotated[str, StrippedText(max_length=2000, min_length=1)]
    owner: RecommendationOwner
    due_on: date


class RecommendationUpdate(_In):
    state: RecommendationState
