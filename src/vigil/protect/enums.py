"""Stable machine codes for the protective-security registers and programmes."""

from __future__ import annotations

from enum import StrEnum


class PersonKind(StrEnum):
    mp = "mp"
    candidate = "candidate"
    councillor = "councillor"
    staff = "staff"
    family = "family"
    other = "other"


class RiskLevel(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    very_high = "very_high"


class PremisesKind(StrEnum):
    constituency_office = "constituency_office"
    surgery_venue = "surgery_venue"
    westminster_office = "westminster_office"
    other = "other"
    # Homes are not premises rows: they live in ``protected_home`` at a higher marking.


class VenueKind(StrEnum):
    christmas_market = "christmas_market"
    night_time_economy = "night_time_economy"
    stadium = "stadium"
    place_of_worship = "place_of_worship"
    school = "school"
    childcare = "childcare"
    retail = "retail"
    visitor_attraction = "visitor_attraction"
    event = "event"
    other = "other"


class Tier(StrEnum):
    out_of_scope = "out_of_scope"
    standard = "standard"
    enhanced = "enhanced"


class Duty(StrEnum):
    notify_regulator = "notify_regulator"
    public_protection_procedures = "public_protection_procedures"
    public_protection_measures = "public_protection_measures"
    security_document = "security_document"
    designated_senior_individual = "designated_senior_individual"


class TargetKind(StrEnum):
    all_mps = "all_mps"
    mps_in_region = "mps_in_region"
    mps_in_force = "mps_in_force"
    enhanced_venues = "enhanced_venues"


class ReviewState(StrEnum):
    pending = "pending"  # created, not yet contacted
    offered = "offered"
    accepted = "accepted"
    declined = "declined"
    assessment_booked = "assessment_booked"
    assessed = "assessed"
    recommendations_issued = "recommendations_issued"
    measures_in_place = "measures_in_place"
    closed = "closed"


class AssessmentArea(StrEnum):
    physical = "physical"
    procedural = "procedural"
    personal = "personal"
    online = "online"
    lone_working = "lone_working"


class AreaRating(StrEnum):
    adequate = "adequate"
    needs_improvement = "needs_improvement"
    inadequate = "inadequate"
    not_assessed = "not_assessed"


class RecommendationOwner(StrEnum):
    parliament_security = "parliament_security"
    local_force = "local_force"
    person = "person"


class RecommendationState(StrEnum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    declined = "declined"
