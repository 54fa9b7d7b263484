"""Link-stage latency against a large in-memory index of synthetic past reports.

    .venv/bin/python bench/triage_linking.py [--n 1000000] [--queries 2000]

Builds an `InMemoryLinkIndex` of `--n` synthetic past reports spread over two years in time
order (each with MinHash band keys from a random signature, 1-3 entity keys drawn from
pools sized so that some recur, a named site and a space-time cell at a random point in
Great Britain). The records are synthesised directly as `LinkRecord`s, not produced by
triaging text, so that a million can be built in about a minute; 1 in 50 reuses an entity or
site of a dev report so that queries find real candidates. Then the dev reports are triaged
(with the gazetteer) as if submitted at the end of that period and the link stage alone is
timed for each. Prints build time, index memory (its arrays, and the process's peak RSS) and
link latency percentiles.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vigil.triage import InMemoryLinkIndex, TriageContext, TriageInput, linking
from vigil.triage.cli import load_context, resolve_reference_dir
from vigil.triage.pipeline import run_document
from vigil.triage.schemas import LinkRecord
from vigil.triage.stages.link import keys_for, link

CATEGORIES = [
    "hostile_reconnaissance",
    "weapons_explosives",
    "suspicious_item",
    "threat_to_person",
    "hate_incident",
    "suspicious_behaviour_other",
    "not_relevant",
    "extremist_content_online",
]
FORCES = ["metropolitan", "west-midlands", "greater-manchester", "west-yorkshire", "thames-valley", "kent"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(n: int, end: datetime, seeds: list[str], rng: random.Random) -> tuple[InMemoryLinkIndex, float]:
    index = InMemoryLinkIndex(table_bits=24)
    start = end - timedelta(days=730)
    step = (end - start).total_seconds() / n
    t0 = time.perf_counter()
    for i in range(n):
        when = start + timedelta(seconds=i * step)
        lat, lon = rng.uniform(50.3, 55.8), rng.uniform(-4.5, 1.5)
        sig = tuple(rng.getrandbits(32) for _ in range(linking.N_PERM))
        ents = [f"veh:{rng.randrange(300_000):06d}", f"tel:+447700{rng.randrange(2_000_000):07d}"]
        if i % 3 == 0:
            ents.append(f"handle:@user{rng.randrange(100_000)}")
        if i % 50 == 0:
            ents.append(rng.choice(seeds))
        keys = (
            *ents,
            f"site:street {rng.randrange(50_000)}",
            *linking.band_keys(sig),
            linking.space_time_key(lat, lon, when),
        )
        index.add(
            LinkRecord(f"p{i}", when, rng.choice(CATEGORIES), rng.choice(FORCES), lat, lon, None, keys, sig)
        )
    return index, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/eval/reports_dev.jsonl"))
    parser.add_argument("--reference-dir", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(7)
    end = datetime(2026, 12, 1, tzinfo=UTC)
    base = load_context(resolve_reference_dir(args.reference_dir))
    context = TriageContext(geo=base.geo, protected_persons=base.protected_persons)
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    docs = []
    for i in range(args.queries):
        row = rows[i % len(rows)]
        report = TriageInput(
            text=row["text"],
            location_text=row["location_text"],
            report_id=f"q{i}",
            submitted_at=end + timedelta(minutes=i),
        )
        docs.append(run_document(report, context))
    seeds = sorted(
        {k for d in docs[: len(rows)] for k in keys_for(d)[0] if not k.startswith(("mh1:", "st:"))}
    )
    rss0 = _rss_mb()
    index, build_s = build(args.n, end, seeds, rng)
    latencies, found = [], 0
    for doc in docs:
        doc.duplicate_of, doc.related = None, []
        t0 = time.perf_counter()
        link(doc, index)
        latencies.append((time.perf_counter() - t0) * 1000)
        found += bool(doc.related or doc.duplicate_of)
    latencies.sort()
    pct = {p: latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] for p in (50, 90, 99)}
    print(f"| past reports | {args.n:,} |\n|---|---|")
    print(f"| build time | {build_s:.0f} s ({args.n / build_s:,.0f} adds/s) |")
    print(f"| index arrays | {index.memory_bytes() / 2**20:,.0f} MiB |")
    print(f"| process peak RSS growth while building | {_rss_mb() - rss0:,.0f} MiB |")
    print(f"| link queries | {len(latencies)} ({found} with at least one candidate linked) |")
    print(f"| link latency p50 / p90 / p99 | {pct[50]:.2f} / {pct[90]:.2f} / {pct[99]:.2f} ms |")
    print(f"| link latency mean / max | {statistics.mean(latencies):.2f} / {latencies[-1]:.2f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
