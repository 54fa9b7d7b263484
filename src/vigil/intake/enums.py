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
