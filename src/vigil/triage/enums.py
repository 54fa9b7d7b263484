"""Stable machine codes used by the triage engine (never display labels)."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    HOSTILE_RECONNAISSANCE = "hostile_reconnaissance"
    WEAPONS_EXPLOSIVES = "weapons_explosives"
    SUSPICIOUS_ITEM = "suspicious_item"
    EXTREMIST_CONTENT_ONLINE = "extremist_content_online"
    RADICALISATION_CONCERN = "radicalisation_concern"
    THREAT_TO_PERSON = "threat_to_person"
    HATE_INCIDENT = "hate_incident"
    SUSPICIOUS_FINANCE_TRAVEL = "suspicious_finance_travel"
    SUSPICIOUS_BEHAVIOUR_OTHER = "suspicious_behaviour_other"
    NOT_RELEVANT = "not_relevant"


class Urgency(StrEnum):
    IMMEDIATE = "immediate"
    HIGH = "high"
    STANDARD = "standard"
    LOW = "low"


class HateStrand(StrEnum):
    RACE = "race"
    RELIGION = "religion"
    SEXUAL_ORIENTATION = "sexual_orientation"
    DISABILITY = "disability"
    TRANSGENDER = "transgender"


class LocationSource(StrEnum):
    MAP_PIN = "map_pin"
    POSTCODE = "postcode"
    PLACE = "place"
    PROTECTED_PERSON = "protected_person"


class LinkKind(StrEnum):
    DUPLICATE = "duplicate"
    RELATED = "related"


class ProtectedRole(StrEnum):
    MP = "MP"
    MSP = "MSP"
    MLA = "MLA"
    MS = "MS"
    COUNCILLOR = "councillor"
    MAYOR = "mayor"
    PUBLIC_FIGURE = "public_figure"
