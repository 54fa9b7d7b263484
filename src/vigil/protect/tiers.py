"""The Terrorism (Protection of Premises) Act 2025 ("Martyn's Law") tier, as a pure function.

Premises the public may enter, used for a qualifying activity, where at least 200 people may
reasonably be expected at the same time, are *standard duty* premises; 800 or more makes them
*enhanced duty* premises, except places of worship, childcare and schools, which stay standard
whatever their size. An event held elsewhere is a *qualifying event* (enhanced duty) when 800 or
more people are expected at once and there are checks on entry. Every answer carries its reasons
so a user can see why, and the duties that follow, to track as a checklist.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.protect.enums import Duty, Tier, VenueKind

STANDARD_FROM = 200
ENHANCED_FROM = 800
ALWAYS_STANDARD = frozenset({VenueKind.place_of_worship, VenueKind.childcare, VenueKind.school})

STANDARD_DUTIES = (Duty.notify_regulator, Duty.public_protection_procedures)
ENHANCED_DUTIES = (
    Duty.notify_regulator,
    Duty.public_protection_procedures,
    Duty.public_protection_measures,
    Duty.security_document,
    Duty.designated_senior_individual,
)

DUTY_TEXT: dict[Duty, str] = {
    Duty.notify_regulator: "Notify the regulator (Security Industry Authority) of the premises or event",
    Duty.public_protection_procedures: (
        "Public protection procedures: evacuation, invacuation, lockdown and communication"
    ),
    Duty.public_protection_measures: "Public protection measures (monitoring, movement, physical safety)",
    Duty.security_document: "Security document recording the procedures and measures, kept up to date",
    Duty.designated_senior_individual: "Designated senior individual (where the responsible person is a body)",
}


@dataclass(frozen=True, slots=True)
class TierResult:
    tier: Tier
    reasons: tuple[str, ...]
    duties: tuple[Duty, ...]


def compute_tier(
    *, kind: VenueKind | str, capacity: int, is_event: bool = False, entry_checks: bool = False
) -> TierResult:
    """Which tier of the Act applies, why, and the duties that follow."""
    if capacity < 0:
        raise ValueError("capacity cannot be negative")
    kind = VenueKind(kind)
    if is_event:
        if capacity < ENHANCED_FROM:
            return TierResult(
                Tier.out_of_scope,
                (
                    f"an event expecting {capacity} people is below the {ENHANCED_FROM} threshold for qualifying events",
                ),
                (),
            )
        if not entry_checks:
            return TierResult(
                Tier.out_of_scope,
                (
                    f"an event expecting {capacity} people (at least {ENHANCED_FROM})",
                    "but with no checks on entry it is not a qualifying event",
                ),
                (),
            )
        return TierResult(
            Tier.enhanced,
            (
                f"an event expecting {capacity} people (at least {ENHANCED_FROM}) with checks on entry",
                "qualifying events carry the enhanced duty",
            ),
            ENHANCED_DUTIES,
        )
    if capacity < STANDARD_FROM:
        return TierResult(
            Tier.out_of_scope,
            (f"{capacity} people is below the {STANDARD_FROM} threshold for qualifying premises",),
            (),
        )
    if kind in ALWAYS_STANDARD:
        label = kind.value.replace("_", " ")
        return TierResult(
            Tier.standard,
            (
                f"{capacity} people is at least {STANDARD_FROM}",
                f"a {label} is always standard tier, whatever its capacity",
            ),
            STANDARD_DUTIES,
        )
    if capacity < ENHANCED_FROM:
        return TierResult(
            Tier.standard,
            (f"{capacity} people is between {STANDARD_FROM} and {ENHANCED_FROM - 1}",),
            STANDARD_DUTIES,
        )
    return TierResult(
        Tier.enhanced,
        (f"{capacity} people is at least {ENHANCED_FROM}",),
        ENHANCED_DUTIES,
    )
