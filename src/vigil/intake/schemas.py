"""What the report API accepts and returns."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from vigil.intake.enums import ReportType


class ReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    report_type: ReportType
    description: str = Field(min_length=1, max_length=20_000)
    location_text: str | None = Field(default=None, max_length=500)
    postcode: str | None = Field(default=None, max_length=10)
    latitude: float | None = Field(default=None, ge=49.0, le=61.5)
    longitude: float | None = Field(default=None, ge=-8.7, le=2.1)
    observed_at: datetime | None = None


class ReportReceipt(BaseModel):
    reference: str
    followup_code: str | None = None
    status: str = "received"


class ReportStatus(BaseModel):
    reference: str
    status: str
