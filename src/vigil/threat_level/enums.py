"""Threat level codes and their official meanings (MI5 / JTAC)."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    LOW = "LOW"
    MODERATE = "MODERATE"
    SUBSTANTIAL = "SUBSTANTIAL"
    SEVERE = "SEVERE"
    CRITICAL = "CRITICAL"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


MEANINGS: dict[Level, str] = {
    Level.LOW: "an attack is highly unlikely",
    Level.MODERATE: "an attack is possible but not likely",
    Level.SUBSTANTIAL: "an attack is likely",
    Level.SEVERE: "an attack is highly likely",
    Level.CRITICAL: "an attack is highly likely in the near future",
}


class Scope(StrEnum):
    national = "national_UK"
    ni_related = "NI_related_in_NI"
    international_historic = "international_terrorism_UK"  # before the 2019 single national level
    sector_mps = "sector_mps"


SCOPE_LABELS: dict[str, str] = {
    Scope.national: "National (UK)",
    Scope.ni_related: "Northern Ireland-related terrorism in Northern Ireland",
    Scope.international_historic: "International terrorism (UK, before July 2019)",
    Scope.sector_mps: "Threat to Members of Parliament",
}

#: Scopes shown as current levels (the historic international level is history only).
CURRENT_SCOPES = (Scope.national, Scope.ni_related, Scope.sector_mps)


class StepKind(StrEnum):
    action = "action"
    programme = "programme"  # start a review programme (its target in ``target``)
