"""F12: a report disposed of after the backup is disposed of again by `vigil backup restore`,
before anyone opens the restored database."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.backup.test_backup import wipe
from tests.factories.auth import csrf, login
from tests.retention.conftest import CANARY, World, canary_in_database, canary_in_files, make_due
from vigil.cli import main
from vigil.config import Settings
from vigil.db.engine import make_engine
from vigil.intake.models import Report
from vigil.retention.models import DisposedReport


def test_restore_reapplies_the_disposal_ledger(
    client: TestClient,
    db: Session,
    world: World,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("VIGIL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("VIGIL_DATA_DIR", str(settings.data_dir))
    make_due(db, world.canary)
    db.close()
    backup = tmp_path / "yesterday"
    assert main(["backup", "create", "--to", str(backup)]) == 0  # yesterday's backup holds the canary
    login(client, "ada")
    r = client.post(
        f"/api/v1/retention/reports/{world.canary}/dispose",
        json={"reason": "No policing purpose"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert r.status_code == 200
    client.app.state.engine.dispose()  # type: ignore[attr-defined]

    ledger = settings.data_dir / "retention"
    kept = tmp_path / "ledger"
    kept.mkdir()
    (kept / "disposal-ledger.jsonl").write_bytes((ledger / "disposal-ledger.jsonl").read_bytes())
    wipe(settings)  # the disaster takes the database and the files; the ledger lives on
    ledger.mkdir(parents=True)
    (ledger / "disposal-ledger.jsonl").write_bytes((kept / "disposal-ledger.jsonl").read_bytes())

    assert main(["backup", "restore", "--from", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "disposal ledger: 1 report(s) disposed of since the backup" in out

    engine = make_engine(settings.database_url)
    with Session(engine) as s:
        assert s.scalar(select(Report).where(Report.reference == world.canary)) is None
        assert s.scalar(select(Report).where(Report.reference == world.other)) is not None
        stub = s.scalar(select(DisposedReport).where(DisposedReport.reference == world.canary))
        assert stub is not None and "re-applied" in stub.reason
        assert canary_in_database(s) == []
    engine.dispose()
    assert canary_in_files(settings.data_dir) == []
    assert CANARY  # the canary the fixture spread is the one checked
    assert main(["audit", "verify"]) == 0
    assert main(["retention", "reapply"]) == 0  # idempotent: nothing left to dispose of
    assert "0 disposed of again" in capsys.readouterr().out
