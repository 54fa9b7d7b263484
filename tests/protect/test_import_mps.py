"""`vigil protect import-mps`: idempotent by member id, bad rows named by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import reference as ref
from vigil.auth.marking import shared_org_ids
from vigil.auth.models import Organisation
from vigil.cli import main
from vigil.protect.importer import MPS_FILE, import_mps, mps_from_db, mps_from_directory
from vigil.protect.models import ProtectedPerson
from vigil.reference.service import import_directory


def _persons(db: Session) -> list[ProtectedPerson]:
    return list(db.scalars(select(ProtectedPerson).order_by(ProtectedPerson.parliament_member_id)))


def test_import_from_a_directory_twice_changes_nothing_the_second_time(db: Session, tmp_path: Path) -> None:
    directory = ref.build(tmp_path / "ref")
    first = import_mps(db=db, mps=(r := mps_from_directory(directory))[0], forces=r[1], errors=r[2])
    db.commit()
    assert (first.added, first.updated, first.errors) == (2, 0, [])
    second = import_mps(db=db, mps=(r := mps_from_directory(directory))[0], forces=r[1], errors=r[2])
    db.commit()
    assert (second.added, second.updated, second.unchanged) == (0, 0, 2)
    people = _persons(db)
    assert [(p.parliament_member_id, p.constituency, p.force_slug, p.straddles_forces) for p in people] == [
        (101, "Bedford & Kempston", "bedfordshire", True),
        (102, "Ynys Môn", "thames-valley", False),
    ]
    beds = db.scalar(select(Organisation).where(Organisation.code == "bedfordshire"))
    parliament = db.scalar(select(Organisation).where(Organisation.code == "parliament-security"))
    assert beds is not None and parliament is not None
    assert people[0].owner_org_id == beds.id
    assert shared_org_ids(db, people[0]) == {parliament.id}


def test_a_changed_row_updates_in_place_and_keeps_the_contact(db: Session, tmp_path: Path) -> None:
    directory = ref.build(tmp_path / "ref")
    import_mps(db=db, mps=(r := mps_from_directory(directory))[0], forces=r[1])
    person = _persons(db)[0]
    person.spoc_user_id = None
    person.risk_level = "high"
    db.commit()
    changed = ref.FILES[ref.MPS].replace("Ann Able MP,Labour", "Ann Able MP,Independent")
    directory = ref.build(tmp_path / "ref2", {ref.MPS: changed})
    summary = import_mps(db=db, mps=(r := mps_from_directory(directory))[0], forces=r[1])
    db.commit()
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 1)
    again = _persons(db)[0]
    assert (again.id, again.party, again.risk_level) == (person.id, "Independent", "high")


def test_bad_rows_are_reported_with_file_and_line_and_skipped(db: Session, tmp_path: Path) -> None:
    overrides, line = ref.append_line(
        ref.MPS, f"E14000003,Nowhere,103,Cy Cole,Cy Cole MP,Green,91.0,-0.5,{ref.BEDS},0.9,1,CTPE"
    )
    directory = ref.build(tmp_path / "ref", overrides)
    mps, forces, errors = mps_from_directory(directory)
    summary = import_mps(db=db, mps=mps, forces=forces, errors=errors)
    db.commit()
    assert summary.added == 2
    assert len(summary.errors) == 1
    assert summary.errors[0].startswith(f"{MPS_FILE}:{line}:")
    assert "outside the UK" in summary.errors[0]


def test_the_command_reads_the_imported_reference_tables(
    db: Session,
    tmp_path: Path,
    settings: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import_directory(db=db, directory=ref.build(tmp_path / "ref"))
    db.commit()
    monkeypatch.setenv("VIGIL_DATABASE_URL", settings.database_url)  # type: ignore[attr-defined]
    monkeypatch.setenv("VIGIL_SECRET_KEY", "k" * 40)
    assert main(["protect", "import-mps"]) == 0
    assert "2 added" in capsys.readouterr().out
    assert main(["protect", "import-mps"]) == 0
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(ProtectedPerson)) == 2
    mps, _forces = mps_from_db(db)
    assert {m.member_id for m in mps} == {101, 102}
