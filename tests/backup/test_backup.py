"""Backup -> wipe -> restore -> verify, through the command line, on the suite's database.

The fixture is made by the real intake service (bulk import with attachments), so the
reports, their files, their triage jobs and their audit events are what production stores.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import is_postgres
from tests.factories.intake import jpeg_with_gps, png_bytes
from vigil.audit.service import Actor
from vigil.backup.service import code_revision
from vigil.cli import main
from vigil.config import Settings
from vigil.db.engine import make_engine
from vigil.db.migrate import upgrade
from vigil.intake import bulk
from vigil.intake.enums import Channel
from vigil.intake.files import attachment_root
from vigil.intake.models import Attachment, Report

REPORTS = 50


@pytest.fixture
def fixture(settings: Settings, sessions: sessionmaker[Session], engine: Engine) -> dict[str, Any]:
    """50 reports, each with a photo (every fifth a JPEG with GPS, so a re-encoded derivative)."""
    records = (
        bulk.Record(
            f"line {i}",
            {
                "report_type": "suspicious_activity",
                "description": f"Report {i}: two men filming the security gates at the Mill Road depot.",
                "location_text": "Mill Road depot, Bedford",
            },
            attachments=[(jpeg_with_gps() if i % 5 == 0 else png_bytes((10 + i, 12)), f"photo-{i}.jpg")],
        )
        for i in range(REPORTS)
    )
    with sessions() as db:
        result = bulk.import_records(
            db=db,
            records=records,
            channel=Channel.bulk,
            actor=Actor(user_id=None, label="test:import"),
            files_root=attachment_root(settings.files_dir),
        )
        assert result.accepted == REPORTS and not result.rejected
        hashes = {a.original_path: a.original_sha256 for a in db.scalars(select(Attachment))}
    engine.dispose()
    return {"references": set(result.references), "hashes": hashes}


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("VIGIL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("VIGIL_DATA_DIR", str(settings.data_dir))
    return lambda *argv: main(list(argv))


def wipe(settings: Settings) -> None:
    """The disaster: the database and the stored files are gone."""
    if is_postgres():
        eng = make_engine(settings.database_url)
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        eng.dispose()
    else:
        db_file = Path(settings.database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(settings.data_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _schema_back_after_a_refused_restore(settings: Settings) -> Iterator[None]:
    """On PostgreSQL the suite's database outlives the test: put the schema back if a test
    wiped it and the restore was (rightly) refused."""
    yield
    if is_postgres():
        eng = make_engine(settings.database_url)
        with eng.connect() as conn:
            present = "report" in inspect(conn).get_table_names()
        eng.dispose()
        if not present:
            upgrade(settings.database_url)


@pytest.fixture
def backup(fixture: dict[str, Any], cli: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """``vigil backup create`` of the fixture."""
    made = tmp_path / "backup"
    assert cli("backup", "create", "--to", str(made)) == 0
    capsys.readouterr()
    return made


def restored(settings: Settings) -> tuple[set[str], dict[str, str]]:
    """The references in the target database, and the SHA-256 of each attachment file on disk."""
    eng = make_engine(settings.database_url)
    with Session(eng) as db:
        references = set(db.scalars(select(Report.reference)))
        paths = list(db.scalars(select(Attachment.original_path)))
    eng.dispose()
    root = attachment_root(settings.files_dir)
    return references, {p: hashlib.sha256((root / p).read_bytes()).hexdigest() for p in paths}


def test_backup_wipe_restore_gives_back_every_report_file_and_the_audit_chain(
    fixture: dict[str, Any], backup: Path, settings: Settings, cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["row_counts"]["report"] == REPORTS
    assert manifest["schema_revision"] == code_revision()
    assert manifest["database_kind"] == ("postgresql" if is_postgres() else "sqlite")
    assert len(manifest["files"]) == REPORTS * 2  # each original and its re-encoded derivative
    assert manifest["audit_head"]["seq"] >= REPORTS
    assert cli("backup", "verify", str(backup)) == 0

    wipe(settings)
    assert cli("backup", "restore", "--from", str(backup)) == 0
    out = capsys.readouterr().out
    assert f"reports: {REPORTS}" in out and "audit chain:" in out

    references, hashes = restored(settings)
    assert references == fixture["references"]
    assert hashes == fixture["hashes"]
    assert cli("audit", "verify") == 0
    assert "audit chain intact" in capsys.readouterr().out


def test_a_tampered_attachment_in_the_backup_is_refused_and_nothing_is_restored(
    fixture: dict[str, Any], backup: Path, settings: Settings, cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = backup / "files" / "attachments" / sorted(fixture["hashes"])[3]
    victim.write_bytes(victim.read_bytes() + b"\0")
    capsys.readouterr()

    assert cli("backup", "verify", str(backup)) == 1
    assert victim.name in capsys.readouterr().err
    wipe(settings)
    assert cli("backup", "restore", "--from", str(backup)) == 1
    err = capsys.readouterr().err
    assert "damaged or altered" in err and victim.name in err
    assert not settings.files_dir.exists()  # refused before anything was written


def test_a_backup_from_another_schema_revision_is_refused_naming_both(
    fixture: dict[str, Any], backup: Path, settings: Settings, cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["schema_revision"] = "0008_merge"
    (backup / "manifest.json").write_text(json.dumps(manifest))
    wipe(settings)
    capsys.readouterr()
    assert cli("backup", "restore", "--from", str(backup)) == 1
    err = capsys.readouterr().err
    assert "0008_merge" in err and code_revision() in err


def test_a_non_empty_target_needs_force(
    fixture: dict[str, Any], backup: Path, settings: Settings, cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("backup", "restore", "--from", str(backup)) == 1
    assert f"{REPORTS} report(s)" in capsys.readouterr().err

    assert cli("backup", "restore", "--from", str(backup), "--force") == 0
    references, hashes = restored(settings)
    assert references == fixture["references"] and hashes == fixture["hashes"]
    assert cli("audit", "verify") == 0


def test_backup_refuses_a_directory_that_already_holds_something(
    fixture: dict[str, Any], cli: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "old.txt").write_text("yesterday")
    assert cli("backup", "create", "--to", str(backup)) == 1
    assert "not empty" in capsys.readouterr().err
    assert not (backup / "manifest.json").exists()


def test_restore_from_a_directory_without_a_manifest_says_so(
    settings: Settings, cli: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("backup", "restore", "--from", str(tmp_path)) == 1
    assert "no manifest.json" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["create"], ["verify"], ["restore"]], ids=" ".join)
def test_every_backup_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["backup", *command, "--help"])
    assert exit_.value.code == 0
    assert "usage: vigil backup" in capsys.readouterr().out
