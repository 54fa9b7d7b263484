"""What the workspace JSON API accepts. Unknown fields are refused (no mass assignment)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictInt


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StateIn(_In):
    to: str = Field(max_length=20)
    closed_reason: str | None = Field(default=None, max_length=40)


class AssignIn(_In):
    assignee_id: StrictInt | None = Field(default=None, ge=1)  # strict: JSON ``true`` must not become user 1


class OverrideIn(_In):
    field: str = Field(max_length=16)
    value: str = Field(max_length=64)
    reason: str = Field(min_length=1, max_length=2000)


class GradeIn(_In):
    source_grade: int | None = Field(default=None, ge=1, le=3)
    intel_grade: str | None = Field(default=None, max_length=1)
    handling_code: str = Field(default="P", max_length=1)
    handling_conditions: str | None = Field(default=None, max_length=2000)
    reason: str | None = Field(default=None, max_length=2000)
    legacy_grade: str | None = Field(default=None, max_length=8)


class ActionIn(_In):
    title: str = Field(min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    assignee_id: StrictInt | None = Field(default=None, ge=1)
    due_at: datetime | None = None


class LinkDecisionIn(_In):
    decision: str = Field(max_length=10)
    note: str | None = Field(default=None, max_length=2000)
