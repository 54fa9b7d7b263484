"""What the rest of the pipeline costs on top of the embedding model (the `ml` extra).

    HF_HUB_OFFLINE=1 .venv/bin/python bench/triage_ml_speed.py [--n 200]

Times, on the same reports, (a) the sentence-embedding model alone (encoding one report at a
time, as the triage job does) and (b) the whole triage with the embedding classifier (which
includes the encoding), and prints the overhead (b - a) / a. Target: at most 20 %.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from vigil.triage import TriageContext, TriageInput, triage
from vigil.triage.ml.embedding import EmbeddingClassifier, Encoder

DEV = Path("../shared/data/eval/reports_dev.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8")]
    texts = (texts * (args.n // len(texts) + 1))[: args.n]
    encoder = Encoder()
    classifier = EmbeddingClassifier(encoder=encoder)
    encoder.encode(texts[:4])  # load and warm the model
    start = time.perf_counter()
    for text in texts:
        encoder.encode([text])
    model_only = time.perf_counter() - start
    context = TriageContext(classifier=classifier)
    now = datetime.now(UTC)
    start = time.perf_counter()
    for text in texts:
        triage(TriageInput(text=text, submitted_at=now), context=context)
    whole = time.perf_counter() - start
    load = os.getloadavg()[0]
    print("| measure | reports/s | ms/report |")
    print("|---|---|---|")
    print(f"| embedding model alone | {args.n / model_only:.1f} | {1000 * model_only / args.n:.2f} |")
    print(
        f"| whole triage with the embedding classifier | {args.n / whole:.1f} | {1000 * whole / args.n:.2f} |"
    )
    print(
        f"\noverhead of the rest of the pipeline: {100 * (whole - model_only) / model_only:.1f} % (load average {load:.1f})"
    )


if __name__ == "__main__":
    main()
