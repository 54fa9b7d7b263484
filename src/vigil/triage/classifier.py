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


class RulesClassifier:
    """The weighted cues and the labelling guide's precedence rules (`stages/classify.py`)."""

    name = "rules"

    def classify(self, doc: Doc) -> None:
        rules_classify(doc)


RULES = RulesClassifier()
