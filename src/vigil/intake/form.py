"""The public form's steps: which answers each page collects, and turning answers into a report.

Validation is the API's: the answers so far are turned into a :class:`ReportCreate` and any
error is shown on the page that owns the field, so the form and the API can never disagree
about what is acceptable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from vigil.intake.enums import ReportType
from vigil.intake.schemas import LONDON, ReportCreate

MAX_RAW = 25_000  # a raw form value longer than this is refused before anything else


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple[str, ...]
    multi: tuple[str, ...] = ()  # fields sent as several values (checkboxes)


STEPS: tuple[Step, ...] = (
    Step("type", "What do you want to report?", ("report_type",)),
    Step(
        "details",
        "Tell us what happened",
        ("description", "activity", "hate_strands", "reporter_role", "public_figure", "urls_text"),
        multi=("hate_strands",),
    ),
    Step("when", "When did it happen?", ("observed_date", "observed_time", "observed_approx")),
    Step("where", "Where did it happen?", ("location_text", "postcode", "latitude", "longitude")),
    Step("who", "People, vehicles, phone numbers and links", ("people_text", "vehicles_text", "phones_text")),
    Step("files", "Photos, screenshots or documents", ()),
    Step("contact", "Your contact details (optional)", ("contact_name", "contact_phone", "contact_email")),
)
STEP_BY_SLUG = {s.slug: s for s in STEPS}
ORDER = [s.slug for s in STEPS] + ["check"]

#: Where an error on a ReportCreate field is shown in the form.
FIELD_INPUT = {
    "report_type": "report_type",
    "description": "description",
    "activity": "activity",
    "hate_strands": "hate_strands",
    "reporter_role": "reporter_role",
    "public_figure": "public_figure",
    "urls": "urls_text",
    "observed_at": "observed_date",
    "observed_approx": "observed_approx",
    "location_text": "location_text",
    "postcode": "postcode",
    "latitude": "latitude",
    "longitude": "longitude",
    "people": "people_text",
    "vehicles": "vehicles_text",
    "phone_numbers": "phones_text",
    "contact": "contact_email",
    "contact.name": "contact_name",
    "contact.phone": "contact_phone",
    "contact.email": "contact_email",
}
INPUT_STEP = {name: step.slug for step in STEPS for name in step.fields}


def next_step(slug: str) -> str:
    return ORDER[min(ORDER.index(slug) + 1, len(ORDER) - 1)]


def previous_step(slug: str) -> str | None:
    index = ORDER.index(slug)
    return ORDER[index - 1] if index > 0 else None


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _observed_at(answers: dict[str, Any]) -> datetime | str | None:
    date = str(answers.get("observed_date") or "").strip()
    if not date:
        return None
    time = str(answers.get("observed_time") or "").strip() or "12:00"
    try:
        return datetime.fromisoformat(f"{date}T{time}").replace(tzinfo=LONDON)
    except ValueError:
        return "invalid"


def to_payload(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as the API's JSON would carry them."""
    urls = _lines(answers.get("urls_text"))
    description = str(answers.get("description") or "").strip()
    if not description and answers.get("report_type") == ReportType.online_content and urls:
        description = "Online content reported at the link given."
    contact = {
        "name": answers.get("contact_name") or None,
        "phone": answers.get("contact_phone") or None,
        "email": answers.get("contact_email") or None,
    }
    payload: dict[str, Any] = {
        "report_type": answers.get("report_type"),
        "description": description,
        "emergency_now": answers.get("emergency_now") == "yes",
        "activity": answers.get("activity") or None,
        "hate_strands": list(answers.get("hate_strands") or []),
        "reporter_role": answers.get("reporter_role") or None,
        "public_figure": answers.get("public_figure") or None,
        "location_text": answers.get("location_text") or None,
        "postcode": answers.get("postcode") or None,
        "latitude": answers.get("latitude") or None,
        "longitude": answers.get("longitude") or None,
        "observed_at": _observed_at(answers),
        "observed_approx": answers.get("observed_approx") or None,
        "people": _lines(answers.get("people_text")),
        "vehicles": _lines(answers.get("vehicles_text")),
        "phone_numbers": _lines(answers.get("phones_text")),
        "urls": urls,
        "contact": contact if any(contact.values()) else None,
    }
    return payload


def validate(answers: dict[str, Any], *, upto: str) -> tuple[ReportCreate | None, dict[str, str]]:
    """Validate the answers given so far; errors keyed by form input, for steps up to ``upto``.

    Fields on later steps are not yet required, so placeholders stand in for them.
    """
    payload = to_payload(answers)
    position = ORDER.index(upto)
    if position <= ORDER.index("type") and not payload["report_type"]:
        pass
    elif not payload["report_type"]:
        payload["report_type"] = "suspicious_activity"
    if position < ORDER.index("details") and not payload["description"]:
        payload["description"] = "-"
    if payload["observed_at"] == "invalid":
        payload["observed_at"] = None
        bad_date = True
    else:
        bad_date = False
    errors: dict[str, str] = {}
    report: ReportCreate | None = None
    try:
        report = ReportCreate.model_validate(payload)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [str(p) for p in err["loc"]]
            key = ".".join(p for p in loc if not p.isdigit())
            name = FIELD_INPUT.get(key) or FIELD_INPUT.get(loc[0], loc[0])
            errors.setdefault(name, _reason(name, err.get("msg", "is not valid")))
    if bad_date:
        errors["observed_date"] = "Enter a real date and time, for example 23/11/2026 14:30"
    allowed = {
        f for step in STEPS[: max(position, 1) if upto != "check" else len(STEPS)] for f in step.fields
    }
    if upto == "check":
        allowed = set(INPUT_STEP)
    else:
        allowed = {
            f for slug in ORDER[: position + 1] if slug in STEP_BY_SLUG for f in STEP_BY_SLUG[slug].fields
        }
    errors = {k: v for k, v in errors.items() if k in allowed}
    return (report if not errors else None), errors


_PLAIN = {
    "report_type": "Choose what you want to report",
    "description": "Tell us what happened",
}


def _reason(name: str, message: str) -> str:
    message = message.removeprefix("Value error, ")
    if name in _PLAIN and ("required" in message.lower() or "at least 1" in message or "empty" in message):
        return _PLAIN[name]
    if name == "report_type":
        return _PLAIN[name]
    return message[0].upper() + message[1:] if message else "Check this answer"


def summary_rows(answers: dict[str, Any], file_names: list[str]) -> list[tuple[str, str, str]]:
    """(label, value, step) rows for the check-your-answers page."""
    from vigil.intake.labels import ACTIVITY, HATE_STRANDS, REPORT_TYPES, ROLES  # noqa: PLC0415

    def joined(values: list[str]) -> str:
        return "\n".join(values)

    def line(name: str) -> str:
        # A one-line answer is stored with its line breaks and runs of spaces made one space
        # (sanitise.clean_text): show it that way, so what is checked is what is stored.
        return " ".join(str(answers.get(name) or "").split())

    rows = [
        ("What you are reporting", REPORT_TYPES.get(str(answers.get("report_type")), ""), "type"),
        ("What happened", str(answers.get("description") or ""), "details"),
    ]
    if answers.get("activity"):
        rows.append(("Kind of activity", ACTIVITY.get(str(answers["activity"]), ""), "details"))
    if answers.get("hate_strands"):
        rows.append(
            ("Because of", joined([HATE_STRANDS.get(s, s) for s in answers["hate_strands"]]), "details")
        )
    if answers.get("reporter_role"):
        rows.append(("You are", ROLES.get(str(answers["reporter_role"]), ""), "details"))
    if answers.get("public_figure"):
        rows.append(("Who was threatened", line("public_figure"), "details"))
    if answers.get("urls_text"):
        rows.append(("Links", str(answers["urls_text"]), "details"))
    when = " ".join(line(k) for k in ("observed_date", "observed_time")).strip()
    rows.append(("When", joined([v for v in (when, line("observed_approx")) if v]), "when"))
    where = [line(k) for k in ("location_text", "postcode")]
    if answers.get("latitude") and answers.get("longitude"):
        where.append(f"Map point {answers['latitude']}, {answers['longitude']}")
    rows.append(("Where", joined([w for w in where if w]), "where"))
    rows.append(("People", str(answers.get("people_text") or ""), "who"))
    rows.append(("Vehicles", str(answers.get("vehicles_text") or ""), "who"))
    rows.append(("Phone numbers", str(answers.get("phones_text") or ""), "who"))
    rows.append(("Files", joined(file_names), "files"))
    contact = [line(k) for k in ("contact_name", "contact_phone", "contact_email")]
    rows.append(("Your contact details", joined([c for c in contact if c]) or "None (anonymous)", "contact"))
    return rows
