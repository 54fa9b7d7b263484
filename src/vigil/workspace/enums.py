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
