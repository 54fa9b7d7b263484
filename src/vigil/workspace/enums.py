"""Stable machine codes for the workspace. Labels live in the templates."""

from __future__ import annotations

from enum import StrEnum


class ActionState(StrEnum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


class OperationState(StrEnum):
    open = "open"
    closed = "closed"


class ClosedReason(StrEnum):
    no_further_action = "no_further_action"
    passed_to_force = "passed_to_force"
    linked_to_operation = "linked_to_operation"
    duplicate = "duplicate"
    malicious = "malicious"


class IntelGrade(StrEnum):
    """3x5x2 intelligence assessment."""

    A = "A"  # known to be true without reservation
    B = "B"  # known personally to the source but not to the officer
    C = "C"  # not known personally to the source, but corroborated
    D = "D"  # cannot be judged
    E = "E"  # suspected to be false or malicious


class OverrideField(StrEnum):
    category = "category"
    urgency = "urgency"
    force_slug = "force_slug"


class LinkKind(StrEnum):
    duplicate = "duplicate"
    related = "related"


class SuggestionStatus(StrEnum):
    suggested = "suggested"
    confirmed = "confirmed"
    rejected = "rejected"
    separated = "split"


class EventKind(StrEnum):
    """What a report's history records, one row per human decision."""

    state = "state"
    assign = "assign"
    override = "override"
    grade = "grade"
    action = "action"
    link = "link"
    operation = "operation"
    export = "export"


#: Events that count as the first action on a report (for time-to-first-action).
FIRST_ACTION_KINDS = (
    EventKind.state,
    EventKind.assign,
    EventKind.grade,
    EventKind.action,
    EventKind.override,
)
