"""Throughput of the rules engine in one process.

    .venv/bin/python bench/triage_speed.py [--n 3000] [--reference-dir ../shared/data/reference]

Cycles the dev reports (50-250 words each) with fresh ids and times, and prints a table for:
the engine with no gazetteer and no index; with the gazetteer; and with the gazetteer, the
MPs register and a growing in-memory link index (the CLI's configuration).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vigil.triage import InMemoryLinkIndex, TriageContext, TriageInput, triage_for_index
from vigil.triage.cli import load_context, resolve_reference_dir


def _inputs(data: Path, n: int) -> list[TriageInput]:
    rows = [json.loads(line) for line in data.open(encoding="utf-8")]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        TriageInput(
            text=rows[i % len(rows)]["text"],
            location_text=rows[i % len(rows)]["location_text"],
            submitted_at=start + timedelta(minutes=7 * i),
            report_id=f"s{i}",
        )
        for i in range(n)
    ]


def _measure(name: str, reports: list[TriageInput], context: TriageContext) -> str:
    times: list[float] = []
    began = time.perf_counter()
    for report in reports:
        t0 = time.perf_counter()
        out = triage_for_index(report, context=context)
        if context.link_index is not None:
            context.link_index.add(out.link_record)
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - began
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    return f"| {name} | {len(reports)} | {len(reports) / total:,.0f} | {statistics.mean(times) * 1000:.2f} | {p99:.2f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/eval/reports_dev.jsonl"))
    parser.add_argument("--reference-dir", type=Path, default=None)
    args = parser.parse_args()
    reports = _inputs(args.data, args.n)
    words = [len(r.text.split()) for r in reports]
    full = load_context(resolve_reference_dir(args.reference_dir))
    print(
        f"{args.n} reports, {min(words)}-{max(words)} words (mean {statistics.mean(words):.0f}), one process\n"
    )
    print("| configuration | reports | reports/s | mean ms | p99 ms |\n|---|---|---|---|---|")
    print(_measure("rules only (no gazetteer, no index)", reports, TriageContext()))
    print(_measure("rules + gazetteer", reports, TriageContext(geo=full.geo)))
    full.link_index = InMemoryLinkIndex()
    print(_measure("rules + gazetteer + MPs + link index (CLI)", reports, full))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
