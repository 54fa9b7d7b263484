"""Settings: documented, validated, secrets from files, production refuses unsafe values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vigil.config import DEFAULT_SECRET, Mode, Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`VIGIL_([A-Z_]+)`", DOC.read_text()))
    for name in Settings.model_fields:
        assert name.upper() in documented, f"VIGIL_{name.upper()} is not in docs/configuration.md"


def test_documentation_names_no_setting_that_does_not_exist() -> None:
    documented = set(re.findall(r"^\| `VIGIL_([A-Z_]+)`", DOC.read_text(), flags=re.M))
    assert documented == {n.upper() for n in Settings.model_fields}


def test_production_refuses_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_MODE", "production")
    with pytest.raises(ValueError, match="VIGIL_SECRET_KEY"):
        Settings()
    monkeypatch.setenv("VIGIL_SECRET_KEY", "short")
    with pytest.raises(ValueError, match="at least 32"):
        Settings()


def test_production_refuses_insecure_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_MODE", "production")
    monkeypatch.setenv("VIGIL_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("VIGIL_SECURE_COOKIES", "false")
    with pytest.raises(ValueError, match="SECURE_COOKIES"):
        Settings()


def test_secret_is_read_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("s" * 48 + "\n")
    monkeypatch.delenv("VIGIL_SECRET_KEY", raising=False)
    monkeypatch.setenv("VIGIL_SECRET_KEY_FILE", str(secret_file))
    monkeypatch.setenv("VIGIL_MODE", "production")
    settings = Settings()
    assert settings.mode is Mode.production
    assert settings.secret_key.get_secret_value() == "s" * 48


def test_bad_values_are_refused_with_the_setting_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_JOB_LEASE_SECONDS", "-3")
    with pytest.raises(ValueError, match="job_lease_seconds"):
        Settings()
    monkeypatch.delenv("VIGIL_JOB_LEASE_SECONDS")
    monkeypatch.setenv("VIGIL_MAX_CLASSIFICATION", "TOP SECRET")
    with pytest.raises(ValueError, match="MAX_CLASSIFICATION"):
        Settings()


def test_development_default_secret_is_the_sentinel() -> None:
    assert Settings().secret_key.get_secret_value() == DEFAULT_SECRET


def test_the_secret_never_appears_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIL_SECRET_KEY", "super-secret-value-" + "z" * 20)
    assert "super-secret-value" not in repr(Settings())
