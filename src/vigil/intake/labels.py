"""Plain-English labels for the stored codes (codes are stored; labels are only shown)."""

from __future__ import annotations

REPORT_TYPES = {
    "suspicious_activity": "Suspicious activity or behaviour",
    "online_content": "Online terrorist or extremist content",
    "hate_incident": "A hate incident",
    "threat_to_public_figure": "A threat or harassment towards an MP or other public figure",
    "radicalisation_concern": "A concern that someone is being radicalised",
}
REPORT_TYPE_HINTS = {
    "suspicious_activity": "For example someone taking an unusual interest in security, or buying or storing materials",
    "online_content": "Websites, videos, posts or messages. A link is enough",
    "hate_incident": "Something done or said because of someone's race, religion, sexual orientation, disability or transgender identity",
    "threat_to_public_figure": "Threats, abuse or following of an MP, councillor, candidate or other public figure",
    "radicalisation_concern": "You are worried someone is being drawn into extremism",
}
ACTIVITY = {
    "research": "Researching or asking unusual questions about a place or people",
    "materials": "Gathering or storing materials, chemicals or equipment",
    "hostile_reconnaissance": "Watching, filming or checking security at a place",
    "funding": "Raising or moving money in a suspicious way",
    "communications": "Suspicious communications or use of phones or the internet",
    "weapons": "Weapons, firearms or explosives",
    "other": "Something else",
}
HATE_STRANDS = {
    "race": "Race or ethnicity",
    "religion": "Religion or belief",
    "sexual_orientation": "Sexual orientation",
    "disability": "Disability",
    "transgender_identity": "Transgender identity",
}
ROLES = {
    "victim": "It happened to me",
    "witness": "I saw or heard it",
    "on_behalf": "I am reporting for someone else",
}
