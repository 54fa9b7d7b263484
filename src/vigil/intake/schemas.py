"""What the report API accepts and returns. Every text field is cleaned and length-bounded."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from vigil.intake.enums import ActivityType, HateStrand, ReporterRole, ReportType
from vigil.intake.sanitise import clean_text
from vigil.reference.normalise import normalise_postcode

LONDON = ZoneInfo("Europe/London")


def _line(limit: int) -> AfterValidator:
    return AfterValidator(lambda v: clean_text(v, max_length=limit))


def _url(value: str) -> str:
    value = clean_text(value, max_length=2000)
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)", value)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise ValueError("must be a web address starting http:// or https://")
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise ValueError("must be a web address starting http:// or https://")
    return value


#: More unknown fields than this and the body is refused with one error, not one per field
#: (a 20 MB body of 1.5 million keys would otherwise cost seconds of CPU and a 90 MB answer).
MAX_UNKNOWN_FIELDS = 20


class StrictIn(BaseModel):
    """A body from outside: unknown fields are refused (mass assignment), each named, up to a
    bound; past it, one error says how many there were and names the first few."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _few_unknown_fields(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) > len(cls.model_fields) + MAX_UNKNOWN_FIELDS:
            unknown = [str(k)[:40] for k in data if k not in cls.model_fields]
            if len(unknown) > MAX_UNKNOWN_FIELDS:
                raise ValueError(
                    f"has {len(unknown)} fields we do not accept (the first: {', '.join(unknown[:5])})"
                )
        return data


ShortText = Annotated[str, Field(max_length=1000), _line(1000)]
Url = Annotated[str, Field(max_length=2000), AfterValidator(_url)]
Phone = Annotated[str, Field(max_length=40), _line(40)]


class ContactIn(StrictIn):
    """Optional: a reporter may stay anonymous."""

    name: Annotated[str, Field(max_length=200), _line(200)] | None = None
    phone: Phone | None = None
    email: Annotated[str, Field(max_length=320), _line(320)] | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value and ("@" not in value or " " in value or value.startswith("@") or value.endswith("@")):
            raise ValueError("must be an email address like name@example.com")
        return value or None


class ReportCreate(StrictIn):
    """A report from any channel."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    report_type: ReportType
    description: str = Field(min_length=1, max_length=20_000)
    emergency_now: bool = Field(default=False, description="the reporter says someone is in danger now")
    activity: ActivityType | None = None
    hate_strands: list[HateStrand] = Field(default_factory=list, max_length=5)
    reporter_role: ReporterRole | None = None
    public_figure: Annotated[str, Field(max_length=200), _line(200)] | None = None
    location_text: Annotated[str, Field(max_length=500), _line(500)] | None = None
    postcode: str | None = Field(default=None, max_length=10)
    latitude: float | None = Field(default=None, ge=49.0, le=61.5)
    longitude: float | None = Field(default=None, ge=-8.7, le=2.1)
    observed_at: datetime | None = None
    observed_approx: Annotated[str, Field(max_length=200), _line(200)] | None = Field(
        default=None,
        description="when, in the reporter's words, if not exact (\u201cabout 3pm last Tuesday\u201d)",
    )
    people: list[ShortText] = Field(default_factory=list, max_length=10)
    vehicles: list[Annotated[str, Field(max_length=500), _line(500)]] = Field(
        default_factory=list, max_length=10
    )
    phone_numbers: list[Phone] = Field(default_factory=list, max_length=10)
    urls: list[Url] = Field(default_factory=list, max_length=20)
    contact: ContactIn | None = None

    @field_validator("description")
    @classmethod
    def _description(cls, value: str) -> str:
        cleaned = clean_text(value, max_length=20_000, multiline=True)
        if not cleaned:
            raise ValueError("must not be empty")
        return cleaned

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if not value:
            return None
        normalised = normalise_postcode(clean_text(value, max_length=10))
        if normalised is None:
            raise ValueError("must be a UK postcode like SW1A 1AA")
        return normalised

    @field_validator("observed_at")
    @classmethod
    def _observed_at(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # a time typed without a zone is UK local time
            value = value.replace(tzinfo=LONDON)
        value = value.astimezone(UTC)
        if value > datetime.now(UTC) + timedelta(hours=1):
            raise ValueError("must not be in the future")
        if value.year < 1990:
            raise ValueError("must be a recent date")
        return value

    @field_validator("latitude", "longitude")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and math.isnan(value):
            raise ValueError("must be a number")
        return value


class ReportReceipt(BaseModel):
    reference: str
    followup_code: str | None = Field(default=None, description="shown once; only its hash is kept")
    status: str = "received"
    call_999: bool = Field(default=False, description="the report reads as an emergency: call 999 now")


class ReportStatus(BaseModel):
    reference: str
    status: str


class FollowupCreate(StrictIn):
    text: str = Field(min_length=1, max_length=10_000)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        cleaned = clean_text(value, max_length=10_000, multiline=True)
        if not cleaned:
            raise ValueError("must not be empty")
        return cleaned


class FollowupAccepted(BaseModel):
    reference: str
    status: str = "added"
