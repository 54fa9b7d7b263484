"""Stable machine codes for retention. Labels live in the templates."""

from __future__ import annotations

from enum import StrEnum


class DecisionKind(StrEnum):
    """A records manager's decision about one report, each kept as its own row."""

    retain = "retain"  # still needed for a policing purpose: a new review date
    hold = "hold"  # legal hold set: nothing may dispose of it until released
    release = "release"  # legal hold released
    dispose = "dispose"  # content removed everywhere, a metadata stub kept


class RunOutcome(StrEnum):
    ok = "ok"  # the queue was computed
    refused = "refused"  # the clock-jump guard refused; nothing changed
    acknowledged = "acknowledged"  # a person confirmed the clock after a refusal
