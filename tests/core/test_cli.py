"""The command line: every command has --help, and user administration works end to end."""

from __future__ import annotations

import pytest

from vigil.cli import main

COMMANDS = [
    ["serve"],
    ["worker"],
    ["db", "upgrade"],
    ["db", "check"],
    ["reference", "import"],
    ["users", "create"],
    ["users", "list"],
    ["users", "disable"],
    ["users", "token"],
    ["audit", "verify"],
    ["demo"],
    ["triage"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: vigil" in capsys.readouterr().out


def test_users_create_list_disable(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VIGIL_DATABASE_URL", database_url)
    monkeypatch.setenv("VIGIL_NEW_USER_PASSWORD", "a long enough password")
    assert main(["users", "create", "kim", "--org", "home-office", "--role", "partner", "--name", "Kim"]) == 0
    assert main(["users", "create", "kim", "--org", "home-office", "--role", "partner"]) == 2  # exists
    assert main(["users", "create", "lee", "--org", "no-such-org", "--role", "analyst"]) == 2
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "kim" in out and "active" in out and "home-office" in out
    assert main(["users", "disable", "kim"]) == 0
    main(["users", "list"])
    assert "disabled" in capsys.readouterr().out


def test_a_short_password_is_refused(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VIGIL_DATABASE_URL", database_url)
    monkeypatch.setenv("VIGIL_NEW_USER_PASSWORD", "short")
    assert main(["users", "create", "kim", "--org", "home-office", "--role", "partner"]) == 2
    assert "at least 12" in capsys.readouterr().out


def test_a_bad_setting_stops_the_command_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VIGIL_MODE", "production")
    assert main(["users", "list"]) == 2
    assert "VIGIL_SECRET_KEY" in capsys.readouterr().err


def test_totp_enrolment_prints_an_otpauth_uri_and_then_requires_a_code(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VIGIL_DATABASE_URL", database_url)
    monkeypatch.setenv("VIGIL_NEW_USER_PASSWORD", "a long enough password")
    assert main(["users", "create", "kim", "--org", "home-office", "--role", "partner"]) == 0
    capsys.readouterr()
    assert main(["users", "totp", "kim"]) == 0
    uri = capsys.readouterr().out.strip()
    assert uri.startswith("otpauth://totp/Vigil:kim?secret=")
