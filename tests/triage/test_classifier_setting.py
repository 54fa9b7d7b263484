"""``VIGIL_TRIAGE_CLASSIFIER``: the job and the command use the configured classifier, record
its version beside the rules', and refuse plainly when the ``ml`` extra is missing."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil import cli as vigil_cli
from vigil.config import Settings
from vigil.intake.models import Report
from vigil.triage import cli as triage_cli
from vigil.triage import tasks
from vigil.triage.enums import Category
from vigil.triage.ml import embedding
from vigil.triage.models import TriageRecord
from vigil.triage.pipeline import ENGINE_VERSION
from vigil.triage.stages.doc import Doc
from vigil.triage.store import context as store_context


class FakeModel:
    """Stands in for the embedding model: always says extremist content online."""

    name = "embedding"
    version = "fake-model-1"

    def classify(self, doc: Doc) -> None:
        from vigil.triage.stages.classify import classify  # noqa: PLC0415

        classify(doc)  # signals and the rest from the rules, as the real one does
        doc.category = Category.EXTREMIST_CONTENT_ONLINE


@pytest.fixture(autouse=True)
def _fresh_classifier_cache() -> Iterator[None]:
    tasks._contexts._classifiers.clear()
    yield
    tasks._contexts._classifiers.clear()


def test_the_job_uses_the_configured_classifier_and_records_its_version(
    client: TestClient,
    db: Session,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        store_context, "load_classifier", lambda name: FakeModel() if name == "embedding" else None
    )
    response = client.post(
        "/api/v1/reports",
        json={"report_type": "suspicious_activity", "description": "A man filming the gates of the depot."},
    )
    assert response.status_code == 201
    report_id = db.scalar(select(Report.id).where(Report.reference == response.json()["reference"]))
    for chosen in ("rules", "embedding"):  # the same report, then re-triaged with the model
        job = argparse.Namespace(
            settings=settings.model_copy(update={"triage_classifier": chosen}), claim=None
        )
        tasks.triage_report(db, {"report_id": report_id}, job)  # type: ignore[arg-type]
        db.commit()
    records = {r.engine_version: r.category for r in db.scalars(select(TriageRecord))}
    assert records[f"{ENGINE_VERSION}+fake-model-1"] == "extremist_content_online"
    assert ENGINE_VERSION in records and records[ENGINE_VERSION] != "extremist_content_online"


def test_the_command_refuses_the_model_without_the_ml_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(embedding, "available", lambda: False)
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "1", "submitted_at": "2026-01-01T10:00:00Z", "text": "a drone"}) + "\n"
    )
    args = argparse.Namespace(
        input=source, output=tmp_path / "out.jsonl", reference_dir=None, classifier="embedding", quiet=True
    )
    assert triage_cli.run(args) == 2
    assert "needs the ml extra" in capsys.readouterr().err


def test_a_worker_asked_for_the_model_without_the_ml_extra_stops_at_start(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(embedding, "available", lambda: False)
    chosen = settings.model_copy(update={"triage_classifier": "embedding"})
    assert vigil_cli.cmd_worker(argparse.Namespace(concurrency=1), chosen) == 2
    assert "VIGIL_TRIAGE_CLASSIFIER=rules" in capsys.readouterr().err


def test_an_unknown_classifier_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="triage_classifier"):
        Settings(triage_classifier="bayes")  # type: ignore[arg-type]


@pytest.mark.skipif(
    not os.environ.get("VIGIL_ML_TESTS"), reason="set VIGIL_ML_TESTS=1 (loads the model, ~10 s)"
)
def test_with_the_ml_extra_the_job_records_the_real_models_version(
    client: TestClient, db: Session, settings: Settings
) -> None:
    chosen = settings.model_copy(update={"triage_classifier": "embedding"})
    tasks.preload(chosen)  # loads the model offline, as a worker does at start-up
    response = client.post(
        "/api/v1/reports",
        json={"report_type": "online_content", "description": "A channel posting beheading videos."},
    )
    report_id = db.scalar(select(Report.id).where(Report.reference == response.json()["reference"]))
    tasks.triage_report(db, {"report_id": report_id}, argparse.Namespace(settings=chosen, claim=None))  # type: ignore[arg-type]
    db.commit()
    version = db.scalar(select(TriageRecord.engine_version).where(TriageRecord.report_id == report_id))
    assert version == f"{ENGINE_VERSION}+{embedding.EmbeddingClassifier().version}"


def test_auto_is_the_default_and_means_the_model_only_where_the_ml_extra_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vigil.triage import classifier  # noqa: PLC0415

    assert Settings.model_fields["triage_classifier"].default == "auto"
    monkeypatch.setattr(embedding, "available", lambda: False)
    assert classifier.resolve_classifier_name("auto") == "rules"
    assert classifier.load_classifier("auto") is None
    monkeypatch.setattr(embedding, "available", lambda: True)
    assert classifier.resolve_classifier_name("auto") == "embedding"
    assert classifier.resolve_classifier_name("rules") == "rules"  # a choice stays a choice

    class _Encoder:
        def encode(self, texts: list[str]) -> None:
            return None

    class _Model(FakeModel):
        encoder = _Encoder()

    monkeypatch.setattr(embedding, "EmbeddingClassifier", _Model)
    loaded = classifier.load_classifier("auto")
    assert isinstance(loaded, _Model)


def test_auto_with_an_installed_model_that_cannot_load_is_an_error_not_the_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vigil.triage import classifier  # noqa: PLC0415

    def broken() -> None:
        raise FileNotFoundError("minilm-stacked-v10.npz")

    monkeypatch.setattr(embedding, "available", lambda: True)
    monkeypatch.setattr(embedding, "EmbeddingClassifier", broken)
    with pytest.raises(classifier.ClassifierUnavailable, match=r"minilm-stacked-v10\.npz"):
        classifier.load_classifier("auto")


def test_the_command_takes_its_classifier_from_the_setting_and_says_which_it_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "1", "submitted_at": "2026-01-01T10:00:00Z", "text": "a drone"}) + "\n"
    )
    args = argparse.Namespace(
        input=source, output=tmp_path / "out.jsonl", reference_dir=None, classifier=None, quiet=False
    )
    monkeypatch.setenv("VIGIL_TRIAGE_CLASSIFIER", "rules")
    assert triage_cli.run(args) == 0
    assert f"engine {ENGINE_VERSION} (classifier rules)" in capsys.readouterr().err
    assert json.loads((tmp_path / "out.jsonl").read_text())["engine_version"] == ENGINE_VERSION

    monkeypatch.setenv("VIGIL_TRIAGE_CLASSIFIER", "bayes")
    assert triage_cli.run(args) == 2
    assert "unknown classifier 'bayes'" in capsys.readouterr().err

    monkeypatch.delenv("VIGIL_TRIAGE_CLASSIFIER")
    monkeypatch.setattr(embedding, "available", lambda: False)  # auto, without the extra
    assert triage_cli.run(args) == 0
    assert f"engine {ENGINE_VERSION} (classifier auto)" in capsys.readouterr().err
