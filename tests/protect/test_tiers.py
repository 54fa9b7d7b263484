"""The Act's tiers on its boundaries, with the reasons and duties a user sees."""

from __future__ import annotations

import pytest

from vigil.protect.enums import Duty, Tier, VenueKind
from vigil.protect.tiers import compute_tier


@pytest.mark.parametrize(
    ("capacity", "tier"),
    [
        (0, Tier.out_of_scope),
        (199, Tier.out_of_scope),
        (200, Tier.standard),
        (799, Tier.standard),
        (800, Tier.enhanced),
        (60_000, Tier.enhanced),
    ],
)
def test_premises_tier_on_the_boundaries(capacity: int, tier: Tier) -> None:
    assert compute_tier(kind=VenueKind.night_time_economy, capacity=capacity).tier == tier


@pytest.mark.parametrize("kind", [VenueKind.place_of_worship, VenueKind.school, VenueKind.childcare])
@pytest.mark.parametrize("capacity", [800, 5000])
def test_worship_schools_and_childcare_are_always_standard_tier(kind: VenueKind, capacity: int) -> None:
    result = compute_tier(kind=kind, capacity=capacity)
    assert result.tier == Tier.standard
    assert any("always standard tier" in r for r in result.reasons)
    assert result.duties == (Duty.notify_regulator, Duty.public_protection_procedures)


def test_worship_below_200_is_out_of_scope() -> None:
    assert compute_tier(kind=VenueKind.place_of_worship, capacity=199).tier == Tier.out_of_scope


def test_an_event_of_800_with_entry_checks_is_enhanced() -> None:
    result = compute_tier(kind=VenueKind.christmas_market, capacity=800, is_event=True, entry_checks=True)
    assert result.tier == Tier.enhanced
    assert Duty.security_document in result.duties
    assert Duty.designated_senior_individual in result.duties
    assert any("checks on entry" in r for r in result.reasons)


def test_an_event_of_800_without_entry_checks_is_not_qualifying() -> None:
    result = compute_tier(kind=VenueKind.christmas_market, capacity=800, is_event=True, entry_checks=False)
    assert result.tier == Tier.out_of_scope
    assert result.duties == ()
    assert any("no checks on entry" in r for r in result.reasons)


def test_an_event_of_799_with_entry_checks_is_not_qualifying() -> None:
    assert (
        compute_tier(kind=VenueKind.event, capacity=799, is_event=True, entry_checks=True).tier
        == Tier.out_of_scope
    )


def test_standard_tier_duties_and_reason() -> None:
    result = compute_tier(kind=VenueKind.retail, capacity=200)
    assert result.duties == (Duty.notify_regulator, Duty.public_protection_procedures)
    assert result.reasons == ("200 people is between 200 and 799",)


def test_negative_capacity_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        compute_tier(kind=VenueKind.retail, capacity=-1)
