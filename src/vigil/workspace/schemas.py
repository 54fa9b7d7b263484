"""What the workspace JSON API accepts. Unknown fields are refused (no mass assignment);
text is checked against its stated length as sent, then stripped (``vigil.schemas``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from vigil.schemas import StrippedText


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StateIn(_In):
    to: Annotated[str, StrippedText(max_length=20)]
    closed_reason: Annotated[str, StrippedText(max_length=40)] | None = None


class AssignIn(_In):
    assignee_id: StrictInt | None = Field(default=None, ge=1)  # strict: JSON ``true`` must not become user 1


class OverrideIn(_In):
    field: Annotated[str, StrippedText(max_length=16)]
    value: Annotated[str, StrippedText(max_length=64)]
    reason: Annotated[str, StrippedText(max_length=2000, min_length=1)]


class GradeIn(_In):
    source_grade: int | None = Field(default=None, ge=1, le=3)
    intel_grade: Annotated[str, StrippedText(max_length=1)] | None = None
    handling_code: Annotated[str, StrippedText(max_length=1)] = "P"
    handling_conditions: Annotated[str, StrippedText(max_length=2000)] | None = None
    reason: Annotated[str, StrippedText(max_length=2000)] | None = None
    legacy_grade: Annotated[str, StrippedText(max_length=8)] | None = None


class ActionIn(_In):
    title: Annotated[str, StrippedText(max_length=300, min_length=1)]
    description: Annotated[str, StrippedText(max_length=20_000)] | None = None
    assignee_id: StrictInt | None = Field(default=None, ge=1)
    due_at: datetime | None = None


class LinkDecisionIn(_In):
    decision: Annotated[str, StrippedText(max_length=10)]
    note: Annotated[str, StrippedText(max_length=2000)] | None = None
