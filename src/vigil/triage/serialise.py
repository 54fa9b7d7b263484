"""Plain-JSON forms of triage inputs and results (used by the CLI; usable by the app)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from vigil.triage.schemas import TriageInput, TriageResult


class BadReport(ValueError):
    """A report object that cannot be triaged; the message says why."""


def parse_time(value: object) -> datetime:
    if not isinstance(value, str) or not value:
        raise BadReport("submitted_at must be an ISO-8601 string")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadReport(f"submitted_at is not ISO-8601: {value!r}") from exc
    if when.tzinfo is None:
        raise BadReport("submitted_at has no timezone")
    return when.astimezone(UTC)


def input_from_dict(obj: object) -> TriageInput:
    """Build a `TriageInput` from `{"id", "submitted_at", "channel", "text", "location_text"}`."""
    if not isinstance(obj, dict):
        raise BadReport("not a JSON object")
    rid = obj.get("id")
    if not isinstance(rid, str | int) or isinstance(rid, bool) or str(rid) == "":
        raise BadReport("missing id")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadReport("missing or empty text")
    location_text = obj.get("location_text") or ""
    if not isinstance(location_text, str):
        raise BadReport("location_text must be a string")
    channel = obj.get("channel") or "web"
    if not isinstance(channel, str):
        raise BadReport("channel must be a string")
    pin = obj.get("pin")
    point: tuple[float, float] | None = None
    if isinstance(pin, list | tuple) and len(pin) == 2 and all(isinstance(v, int | float) for v in pin):
        point = (float(pin[0]), float(pin[1]))
    return TriageInput(
        text=text,
        submitted_at=parse_time(obj.get("submitted_at")),
        report_id=str(rid),
        channel=channel,
        location_text=location_text,
        pin=point,
    )


def result_to_dict(result: TriageResult) -> dict[str, Any]:
    e = result.entities
    pp = result.protected_person
    loc = result.location
    return {
        "id": result.report_id,
        "category": result.category.value,
        "urgency": result.urgency.value,
        "hate_strand": result.hate_strand.value if result.hate_strand else None,
        "score": result.score,
        "reasons": list(result.reasons),
        "entities": {
            "vehicles": e.vehicles,
            "phones": e.phones,
            "postcodes": e.postcodes,
            "urls": e.urls,
            "emails": e.emails,
            "social_handles": e.social_handles,
            "places": e.places,
            "weapons": e.weapons,
            "materials": e.materials,
            "person_descriptions": e.person_descriptions,
            "times": [
                {
                    "text": t.text,
                    "on": t.on.isoformat() if t.on else None,
                    "start": t.start.isoformat() if t.start else None,
                    "relative": t.relative,
                }
                for t in e.times
            ],
        },
        "location": None
        if loc is None
        else {"lat": loc.lat, "lon": loc.lon, "source": loc.source.value, "label": loc.label},
        "force": result.force,
        "ct_region": result.ct_region,
        "protected_person": None
        if pp is None
        else {
            "role": pp.role,
            "constituency": pp.constituency,
            "name": pp.name,
            "person_id": pp.person_id,
            "reason": pp.reason,
        },
        "duplicate_of": result.duplicate_of,
        "related": [
            {
                "id": link.report_id,
                "kind": link.kind.value,
                "score": link.score,
                "reasons": list(link.reasons),
            }
            for link in result.related
        ],
        "engine_version": result.engine_version,
    }
