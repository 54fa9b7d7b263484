from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    web = "web"
    api = "api"
    phone = "phone"
    email = "email"
    bulk = "bulk"


class ReportType(StrEnum):
    suspicious_activity = "suspicious_activity"
    online_content = "online_content"
    hate_incident = "hate_incident"
    threat_to_public_figure = "threat_to_public_figure"
    radicalisation_concern = "radicalisation_concern"


class ReportState(StrEnum):
    new = "new"
    in_assessment = "in_assessment"
    actioned = "actioned"
    closed = "closed"


class TriageState(StrEnum):
    awaiting = "awaiting"
    triaged = "triaged"
    manual = "manual"  # the triage job died: an analyst must triage by hand


class ActivityType(StrEnum):
    """The ACT (Action Counters Terrorism) kinds of suspicious activity."""

    research = "research"
    materials = "materials"  # gathering or storing materials
    hostile_reconnaissance = "hostile_reconnaissance"
    funding = "funding"
    communications = "communications"
    weapons = "weapons"
    other = "other"


class HateStrand(StrEnum):
    """The five monitored hate-crime strands."""

    race = "race"
    religion = "religion"
    sexual_orientation = "sexual_orientation"
    disability = "disability"
    transgender_identity = "transgender_identity"


class ReporterRole(StrEnum):
    victim = "victim"
    witness = "witness"
    on_behalf = "on_behalf"


class AttachmentKind(StrEnum):
    image = "image"
    pdf = "pdf"
