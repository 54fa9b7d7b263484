"""Typed settings, validated at start-up.

Every setting is read from the environment with the ``VIGIL_`` prefix. Secrets may instead be
read from a file named by ``VIGIL_<NAME>_FILE`` (the Docker/Kubernetes secrets convention), so
they never have to sit in the environment. Every field here is documented in
``docs/configuration.md``; a test fails when one is not.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vigil.retention.policy import DEFAULT_REVIEW_YEARS, DEFAULT_REVIEW_YEARS_BY_TYPE

DEFAULT_SECRET = "change-me-this-is-not-a-secret"  # noqa: S105 - the sentinel production refuses

SECRET_FIELDS = ("secret_key",)


class Mode(StrEnum):
    development = "development"
    production = "production"
    test = "test"


class Settings(BaseSettings):
    """All of Vigil's configuration."""

    model_config = SettingsConfigDict(env_prefix="VIGIL_", extra="ignore", frozen=True)

    mode: Mode = Mode.development
    database_url: str = "sqlite:///var/vigil.db"
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET)
    data_dir: Path = Path("var")
    reference_dir: Path | None = None
    max_classification: str = "SECRET"
    embedded_workers: int = Field(default=1, ge=0, le=32)
    job_lease_seconds: int = Field(default=60, ge=5)
    job_max_attempts: int = Field(default=3, ge=1)
    job_poll_seconds: float = Field(default=0.5, gt=0)
    session_hours: int = Field(default=10, ge=1, le=24 * 7)
    login_max_failures: int = Field(default=5, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    secure_cookies: bool = True
    db_busy_timeout_ms: int = Field(default=5000, ge=0)
    db_pool_size: int = Field(default=10, ge=1)
    max_body_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    max_json_bytes: int = Field(default=1024 * 1024, ge=1024)
    body_timeout_seconds: float = Field(default=30.0, gt=0)
    public_rate_per_minute: int = Field(default=30, ge=1)
    docs_enabled: bool = True
    sla_immediate_minutes: int = Field(default=15, ge=1)
    sla_high_minutes: int = Field(default=60, ge=1)
    sla_standard_minutes: int = Field(default=24 * 60, ge=1)
    log_level: str = "INFO"
    triage_classifier: Literal["auto", "rules", "embedding"] = "auto"
    notify_webhook_url: str | None = None
    backup_pg_bin_dir: Path | None = None
    retention_review_years: int = Field(default=DEFAULT_REVIEW_YEARS, ge=1, le=100)
    retention_review_years_by_type: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_REVIEW_YEARS_BY_TYPE)
    )
    retention_run_hours: int = Field(default=24, ge=1, le=24 * 7)
    retention_clock_forward_hours: int = Field(default=48, ge=1)
    retention_clock_back_minutes: int = Field(default=10, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _secrets_from_files(cls, data: Any) -> Any:
        """Read ``VIGIL_<NAME>_FILE`` for each secret not given directly."""
        if not isinstance(data, dict):
            return data
        for name in SECRET_FIELDS:
            path = os.environ.get(f"VIGIL_{name.upper()}_FILE")
            if name not in data and f"VIGIL_{name.upper()}" not in os.environ and path:
                data[name] = Path(path).read_text(encoding="utf-8").strip()
        return data

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.mode is Mode.production:
            secret = self.secret_key.get_secret_value()
            if secret == DEFAULT_SECRET or len(secret) < 32:
                raise ValueError(
                    "VIGIL_SECRET_KEY must be set to a random value of at least 32 characters "
                    "in production (or VIGIL_SECRET_KEY_FILE to a file holding one)"
                )
            if not self.secure_cookies:
                raise ValueError("VIGIL_SECURE_COOKIES cannot be off in production")
        if self.notify_webhook_url and not self.notify_webhook_url.startswith(("https://", "http://")):
            raise ValueError("VIGIL_NOTIFY_WEBHOOK_URL must be an http(s) URL")
        if any(not 1 <= years <= 100 for years in self.retention_review_years_by_type.values()):
            raise ValueError("VIGIL_RETENTION_REVIEW_YEARS_BY_TYPE: every period must be 1 to 100 years")
        if self.max_classification not in ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"):
            raise ValueError("VIGIL_MAX_CLASSIFICATION must be OFFICIAL, OFFICIAL-SENSITIVE or SECRET")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"
