"""3x5x2 grading, and the import mapping from the retired 5x5x5 system.

3x5x2: source evaluation 1 reliable, 2 untested, 3 not reliable; intelligence assessment A-E;
handling code P (lawful sharing for policing purposes) or C (with conditions, which are
required). 5x5x5 survives only as an import mapping for legacy records.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.workspace.access import WorkflowError
from vigil.workspace.enums import IntelGrade

SOURCE_GRADES = {1: "reliable", 2: "untested", 3: "not reliable"}

#: 5x5x5 source evaluation A-E to 3x5x2 1-3.
SOURCE_FROM_5X5X5 = {"A": 1, "B": 1, "C": 2, "D": 3, "E": 2}
#: 5x5x5 intelligence evaluation 1-5 to 3x5x2 A-E (the five descriptions carried over).
INTEL_FROM_5X5X5 = {"1": "A", "2": "B", "3": "C", "4": "D", "5": "E"}


@dataclass(frozen=True, slots=True)
class Grade:
    source_grade: int
    intel_grade: str
    handling_code: str
    handling_conditions: str | None = None
    imported_from: str | None = None

    @property
    def code(self) -> str:
        return f"{self.source_grade}{self.intel_grade}{self.handling_code}"


def validate(
    *, source_grade: int, intel_grade: str, handling_code: str, handling_conditions: str | None
) -> Grade:
    if source_grade not in SOURCE_GRADES:
        raise WorkflowError("source_grade", "must be 1 (reliable), 2 (untested) or 3 (not reliable)")
    if intel_grade not in IntelGrade.__members__:
        raise WorkflowError("intel_grade", "must be one of A, B, C, D, E")
    if handling_code not in ("P", "C"):
        raise WorkflowError("handling_code", "must be P or C")
    conditions = (handling_conditions or "").strip() or None
    if handling_code == "C" and not conditions:
        raise WorkflowError("handling_conditions", "handling code C needs its conditions")
    if handling_code == "P":
        conditions = None
    return Grade(source_grade, intel_grade, handling_code, conditions)


def from_5x5x5(code: str) -> Grade:
    """Map a legacy 5x5x5 grade such as ``B24`` (source B, intelligence 2, handling 4).

    Handling 1 (may be disseminated to law enforcement) becomes P; 2-5 carried conditions
    and become C, with the original code recorded as the condition to review.
    """
    cleaned = code.strip().upper().replace(" ", "").replace("/", "")
    if len(cleaned) != 3 or cleaned[0] not in SOURCE_FROM_5X5X5 or cleaned[1] not in INTEL_FROM_5X5X5:
        raise WorkflowError("legacy_grade", "a 5x5x5 grade is a letter A-E then two digits 1-5, e.g. B24")
    if cleaned[2] not in "12345":
        raise WorkflowError("legacy_grade", "the 5x5x5 handling code is a digit 1-5")
    handling = "P" if cleaned[2] == "1" else "C"
    conditions = None if handling == "P" else f"Imported 5x5x5 handling code {cleaned[2]}: review conditions"
    return Grade(
        SOURCE_FROM_5X5X5[cleaned[0]],
        INTEL_FROM_5X5X5[cleaned[1]],
        handling,
        conditions,
        imported_from=f"5x5x5:{cleaned}",
    )
