"""Embedding classifier (the `ml` extra) against the rules, on category accuracy.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/triage_ml.py [--reference-dir DIR] [--save]

Encodes the dev set and the team's two own sets with all-MiniLM-L6-v2 (offline), then
trains a linear classifier (logistic regression) and a nearest-centroid classifier and
reports: trained on dev -> tested on own A, B and C; trained on own A+B -> tested on dev;
5-fold cross-validation within dev and within own A+B. The rules' accuracy on the same test
sets is printed alongside. `--save` writes the dev-trained logistic regression as the
versioned artefact `src/vigil/triage/ml/artefacts/minilm-logreg-dev-v1.npz`.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from vigil.triage.cli import load_context, resolve_reference_dir
from vigil.triage.ml.embedding import DEFAULT_ARTEFACT, Encoder, save_artefact
from vigil.triage.pipeline import run_document
from vigil.triage.serialise import input_from_dict

SETS = {
    "dev": Path("../shared/data/eval/reports_dev.jsonl"),
    "ownA": Path("tests/triage/data/heldout_own.jsonl"),
    "ownB": Path("tests/triage/data/heldout_own_b.jsonl"),
    "ownC": Path("tests/triage/data/heldout_own_c.jsonl"),
}


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def _text(row: dict[str, Any]) -> str:
    return f"{row['text']} {row['location_text']}".strip()


def _logreg(x: np.ndarray, y: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 (ml extra only)

    model = LogisticRegression(C=10.0, max_iter=5000)
    model.fit(x, list(y))
    return [str(c) for c in model.classes_], model.coef_, model.intercept_


def _centroid(x: np.ndarray, y: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    labels = sorted(set(y))
    cents = np.stack([x[[i for i, v in enumerate(y) if v == c]].mean(axis=0) for c in labels])
    cents /= np.linalg.norm(cents, axis=1, keepdims=True)
    return labels, cents, np.zeros(len(labels))


def _acc(model: tuple[list[str], np.ndarray, np.ndarray], x: np.ndarray, y: Sequence[str]) -> float:
    labels, w, b = model
    pred = [labels[i] for i in (x @ w.T + b).argmax(axis=1)]
    return sum(p == t for p, t in zip(pred, y, strict=True)) / len(y)


def _cv(x: np.ndarray, y: list[str], fit: Any, k: int = 5) -> float:
    idx = np.random.default_rng(0).permutation(len(y))
    right = 0
    for fold in range(k):
        test = idx[fold::k]
        train = np.setdiff1d(idx, test)
        model = fit(x[train], [y[i] for i in train])
        right += round(_acc(model, x[test], [y[i] for i in test]) * len(test))
    return right / len(y)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference-dir", type=Path, default=None)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    rows = {name: _load(path) for name, path in SETS.items()}
    context = load_context(resolve_reference_dir(args.reference_dir))
    rules = {
        name: [run_document(input_from_dict(r), context).category.value for r in rs]
        for name, rs in rows.items()
    }
    gold = {name: [r["expected"]["category"] for r in rs] for name, rs in rows.items()}
    encoder = Encoder()
    t0 = time.perf_counter()
    emb = {name: encoder.encode([_text(r) for r in rs]) for name, rs in rows.items()}
    n = sum(len(v) for v in rows.values())
    print(
        f"encoded {n} reports in {time.perf_counter() - t0:.1f} s ({n / (time.perf_counter() - t0):.0f}/s)\n"
    )

    def rules_acc(name: str) -> float:
        return sum(p == t for p, t in zip(rules[name], gold[name], strict=True)) / len(gold[name])

    both_x = np.vstack([emb["ownA"], emb["ownB"]])
    both_y = gold["ownA"] + gold["ownB"]
    print("| train -> test | logistic regression | nearest centroid | rules (1.1.0) |\n|---|---|---|---|")
    for train, test in (("dev", "ownA"), ("dev", "ownB"), ("dev", "ownC")):
        lr, nc = _logreg(emb[train], gold[train]), _centroid(emb[train], gold[train])
        print(
            f"| {train} -> {test} | {_acc(lr, emb[test], gold[test]):.3f} | "
            f"{_acc(nc, emb[test], gold[test]):.3f} | {rules_acc(test):.3f} |"
        )
    lr, nc = _logreg(both_x, both_y), _centroid(both_x, both_y)
    print(
        f"| ownA+ownB -> dev | {_acc(lr, emb['dev'], gold['dev']):.3f} | "
        f"{_acc(nc, emb['dev'], gold['dev']):.3f} | {rules_acc('dev'):.3f} |"
    )
    print(
        f"| 5-fold CV within dev | {_cv(emb['dev'], gold['dev'], _logreg):.3f} | "
        f"{_cv(emb['dev'], gold['dev'], _centroid):.3f} | {rules_acc('dev'):.3f} (not CV) |"
    )
    both_rules = (rules_acc("ownA") * len(gold["ownA"]) + rules_acc("ownB") * len(gold["ownB"])) / len(both_y)
    print(
        f"| 5-fold CV within ownA+ownB | {_cv(both_x, both_y, _logreg):.3f} | "
        f"{_cv(both_x, both_y, _centroid):.3f} | {both_rules:.3f} (not CV) |"
    )
    if args.save:
        labels, w, b = _logreg(emb["dev"], gold["dev"])
        save_artefact(DEFAULT_ARTEFACT, labels, w, b, version="minilm-logreg-dev-v1")
        print(f"\nsaved {DEFAULT_ARTEFACT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
