"""`vigil reference import`: into the database, idempotent, bad rows reported, lookups rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import reference as fx
from vigil.auth.models import Organisation
from vigil.cli import main
from vigil.reference.models import RefForce, RefImport, RefMP, RefOutcode
from vigil.reference.service import LookupCache, import_directory, load_from_db


def _count(db: Session, model: type) -> int:
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_import_is_idempotent_and_creates_force_and_ct_unit_organisations(
    db: Session, tmp_path: Path
) -> None:
    directory = fx.build(tmp_path / "ref")
    first = import_directory(db=db, directory=directory)
    db.commit()
    counts = {m.__name__: _count(db, m) for m in (RefForce, RefOutcode, RefMP, Organisation)}
    second = import_directory(db=db, directory=directory)
    db.commit()
    assert {m.__name__: _count(db, m) for m in (RefForce, RefOutcode, RefMP, Organisation)} == counts
    assert first.counts["organisations_added"] > 0
    assert second.counts["organisations_added"] == 0
    beds = db.scalar(select(Organisation).where(Organisation.code == "bedfordshire"))
    assert beds is not None and beds.kind == "police_force" and beds.ct_region == "CTPE"
    assert db.scalar(select(Organisation).where(Organisation.code == "ctu-ctpe")) is not None


def test_bad_rows_are_reported_with_file_and_line(
    db: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    database_url: str,
) -> None:
    overrides, line = fx.append_line(
        fx.OUTCODES, "ZZ1,ZZ,not-a-number,0.1,0,0,1,E,E1,x,1,1,E23000026,Beds,1,1"
    )
    directory = fx.build(tmp_path / "ref", overrides)
    monkeypatch.setenv("VIGIL_DATABASE_URL", database_url)
    assert main(["reference", "import", str(directory)]) == 0
    out = capsys.readouterr().out
    assert f"{fx.OUTCODES}:{line}:" in out
    assert "1 bad row(s) skipped" in out
    run = db.scalars(select(RefImport)).one()
    assert len(run.errors) == 1


def test_a_missing_file_is_a_clear_error_and_changes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    database_url: str,
    db: Session,
) -> None:
    directory = fx.build(tmp_path / "ref")
    (directory / fx.OUTCODES).unlink()
    monkeypatch.setenv("VIGIL_DATABASE_URL", database_url)
    assert main(["reference", "import", str(directory)]) == 2
    assert "gb_postcode_outcodes_codepointopen.csv" in capsys.readouterr().err
    assert _count(db, RefForce) == 0


def test_lookups_from_the_database_match_the_files(db: Session, tmp_path: Path) -> None:
    directory = fx.build(tmp_path / "ref")
    import_directory(db=db, directory=directory)
    db.commit()
    lookup = LookupCache().get(db)
    assert lookup is not None
    force = lookup.force_at(52.5, -0.5)
    assert force is not None and force.slug == "bedfordshire"
    west = lookup.force_at(52.5, -1.5)
    assert west is not None and west.slug == "thames-valley"
    assert len(load_from_db(db).mps) == len(lookup.data.mps)


@pytest.mark.realdata
def test_the_real_reference_data_imports_with_no_bad_rows(db: Session, shared_reference_dir: Path) -> None:
    summary = import_directory(db=db, directory=shared_reference_dir)
    db.commit()
    assert summary.errors == []
    assert summary.counts["mps"] == 650
    assert summary.counts["forces"] == 46
    lookup = LookupCache().get(db)
    assert lookup is not None
    hit = lookup.postcode("MK40 1SQ")
    assert hit is not None and hit.force_slug == "bedfordshire"
    cardiff = lookup.force_at(51.4816, -3.1791)
    assert cardiff is not None and cardiff.slug == "south-wales"
    places = lookup.places("Bangor")
    assert {p.force_slug for p in places} >= {"psni", "north-wales"}
    assert (
        db.scalar(select(func.count()).select_from(Organisation).where(Organisation.kind == "police_force"))
        == 46
    )
