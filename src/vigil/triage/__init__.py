"""Vigil triage: a pure library that turns a report's text into a proposed `TriageResult`.

It imports no database or web code. Entry points: `triage`, `triage_for_index`,
`InMemoryLinkIndex`, and the command in `vigil.triage.cli`.
"""

from vigil.triage.linking import InMemoryLinkIndex
from vigil.triage.pipeline import ENGINE_VERSION, Triaged, triage, triage_for_index
from vigil.triage.schemas import TriageContext, TriageInput, TriageResult

__all__ = [
    "ENGINE_VERSION",
    "InMemoryLinkIndex",
    "TriageContext",
    "TriageInput",
    "TriageResult",
    "Triaged",
    "triage",
    "triage_for_index",
]
