"""Full-text search over N synthetic reports: p50/p99 of the workspace search query.

    .venv/bin/python bench/workspace_search.py --reports 1000000 [--url sqlite:///var/bench-search.db]

Builds the schema with the migrations, bulk-inserts reports (three organisations, mixed
markings) with a rare, a medium and a common term, rebuilds the index once, then times the same
statement the search page runs (``visible_clause`` + the FTS adapter, newest first, 50 rows)
as an analyst of one force.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

from vigil.auth.enums import Classification
from vigil.db.engine import make_engine
from vigil.db.migrate import upgrade
from vigil.db.session import make_sessionmaker
from vigil.intake.models import Report
from vigil.workspace.queue.service import QueueFilter
from vigil.workspace.search import adapter
from vigil.workspace.search.service import search_reports

WORDS = [
    "car",
    "parked",
    "outside",
    "station",
    "man",
    "filming",
    "barriers",
    "bag",
    "left",
    "unattended",
    "drone",
    "flying",
    "over",
    "crowd",
    "stadium",
    "photographs",
    "entrance",
    "security",
    "guard",
    "asked",
    "questions",
    "van",
    "rented",
    "cash",
]


class Viewer:
    organisation_id = 1
    clearance = Classification.official_sensitive


def build(url: str, n: int) -> None:
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organisation (id, code, name, kind) VALUES (1,'a','A','police_force'),(2,'b','B','police_force'),(3,'c','C','police_force') ON CONFLICT DO NOTHING"
            )
        )
    rng = random.Random(5)
    now = datetime.now(UTC)
    batch = 20_000
    for start in range(0, n, batch):
        rows = []
        for i in range(start, min(n, start + batch)):
            words = rng.sample(WORDS, 12)
            if i % 100_000 == 7:
                words.append("kestrelrare")
            if i % 100 == 3:
                words.append("hovering")
            rows.append(
                {
                    "reference": f"B-{i:010d}",
                    "channel": "web",
                    "report_type": "suspicious_activity",
                    "description": " ".join(words),
                    "submitted_at": now - timedelta(minutes=n - i),
                    "classification": ("OFFICIAL-SENSITIVE", "OFFICIAL", "SECRET")[i % 7 % 3],
                    "owner_org_id": 1 + i % 3,
                    "state": "new",
                    "triage_state": "triaged",
                    "urgency_rank": i % 4,
                    "score": 0.0,
                    "source_grade": 2,
                    "handling_code": "P",
                    "emergency_declared": False,
                }
            )
        with engine.begin() as conn:
            conn.execute(insert(Report.__table__), rows)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--url", default="sqlite:///var/bench-search.db")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="do not rebuild the data")
    args = parser.parse_args()
    if args.url.startswith("sqlite:///") and not args.reuse:
        Path(args.url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    if not args.reuse:
        t0 = time.perf_counter()
        build(args.url, args.reports)
        print(f"built {args.reports} reports in {time.perf_counter() - t0:.0f} s")
    engine = make_engine(args.url)
    sessions = make_sessionmaker(engine)
    if engine.dialect.name == "sqlite":
        with sessions() as db:
            t0 = time.perf_counter()
            if adapter.ensure_sqlite_index(db):
                print(
                    f"re-created the FTS triggers and rebuilt the index in {time.perf_counter() - t0:.0f} s"
                )
            db.commit()
    print(f"{'query':<28}{'hits':>8}{'p50 ms':>10}{'p99 ms':>10}")
    for q in ("kestrelrare", "hovering", "drone stadium", "barriers", "drone*"):
        times = []
        hits = 0
        for _ in range(args.runs):
            with sessions() as db:
                t0 = time.perf_counter()
                hits = len(search_reports(db=db, viewer=Viewer(), filter_in=QueueFilter(q=q)))
                times.append((time.perf_counter() - t0) * 1000)
                db.rollback()
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{q:<28}{hits:>8}{statistics.median(times):>10.1f}{p99:>10.1f}")
    with sessions() as db:
        print("reports:", db.scalar(select(Report.id).order_by(Report.id.desc()).limit(1)))


if __name__ == "__main__":
    main()
