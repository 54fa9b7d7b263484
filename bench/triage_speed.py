"""Throughput of the rules engine in one process.

    .venv/bin/python bench/triage_speed.py [--n 3000] [--repeat 5] [--reference-dir DIR]

Cycles the dev reports (50-250 words each) with fresh ids and times, and prints a table for:
the engine with no gazetteer and no index; with the gazetteer; and with the gazetteer, the
MPs register and a growing in-memory link index (the CLI's configuration).

The machine is shared, so each configuration is run `--repeat` times and the best run is
reported (wall clock), with the process CPU time of that run alongside and the 1-minute load
average when the run started: best-of-N wall time approaches what an idle machine gives.
"""

from __future__ import annotations

import argparse
import json
import os
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


def _once(reports: list[TriageInput], context: TriageContext) -> tuple[float, float, list[float]]:
    times: list[float] = []
    index = context.link_index
    if index is not None:
        context.link_index = index = InMemoryLinkIndex()
    cpu0, began = time.process_time(), time.perf_counter()
    for report in reports:
        t0 = time.perf_counter()
        out = triage_for_index(report, context=context)
        if index is not None:
            index.add(out.link_record)
        times.append(time.perf_counter() - t0)
    return time.perf_counter() - began, time.process_time() - cpu0, times


def _measure(name: str, reports: list[TriageInput], context: TriageContext, repeat: int) -> str:
    runs = []
    for _ in range(repeat):
        load = os.getloadavg()[0]
        runs.append((*_once(reports, context), load))
    total, cpu, times, load = min(runs, key=lambda r: r[0])
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    n = len(reports)
    return (
        f"| {name} | {n} | {n / total:,.0f} | {n / cpu:,.0f} | {statistics.mean(times) * 1000:.2f} "
        f"| {p99:.2f} | {load:.1f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per configuration; the best is kept")
    parser.add_argument("--data", type=Path, default=Path("../shared/data/eval/reports_dev.jsonl"))
    parser.add_argument("--reference-dir", type=Path, default=None)
    args = parser.parse_args()
    reports = _inputs(args.data, args.n)
    words = [len(r.text.split()) for r in reports]
    full = load_context(resolve_reference_dir(args.reference_dir))
    print(
        f"{args.n} reports, {min(words)}-{max(words)} words (mean {statistics.mean(words):.0f}), one process\n"
    )
    print(
        f"best of {args.repeat} runs each; CPU/s = reports per second of process CPU time; "
        "load = 1-minute load average at the start of the best run (2 cores)\n"
    )
    print(
        "| configuration | reports | reports/s (wall) | reports/s (CPU) | mean ms | p99 ms | load |\n"
        "|---|---|---|---|---|---|---|"
    )
    r = args.repeat
    print(_measure("rules only (no gazetteer, no index)", reports, TriageContext(), r))
    print(_measure("rules + gazetteer", reports, TriageContext(geo=full.geo), r))
    full.link_index = InMemoryLinkIndex()
    print(_measure("rules + gazetteer + MPs + link index (CLI)", reports, full, r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
