"""Ledger harness: SIGKILL the server again and again under load; no acknowledged report is lost.

    .venv/bin/python bench/intake_ledger.py                       # SQLite: >= 10 kills, >= 5,000 acks
    .venv/bin/python bench/intake_ledger.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ledger

RELIABILITY.md target 1 (after Jepsen's lost-ack tests). ``--clients`` writers each send
reports with their own ``Idempotency-Key``; a killer thread SIGKILLs ``vigil serve`` every
1-3 s and starts it again on the same port. A request whose answer never came (connection
refused or cut) is ambiguous: the client retries it **with the same key and body** until it
gets an answer, as a careful partner system would. The ledger records every key and the
reference of every 201. At the end, with the server stopped:

* every acknowledged reference is in the database (0 lost);
* every key that was answered more than once was answered with the same reference;
* no key stored two reports, and no reference is stored twice;
* each stored report has exactly one triage job;
* SQLite's ``PRAGMA integrity_check`` is ``ok`` (PostgreSQL: it restarts and answers);
* the audit chain verifies.

Exit status 0 only if every check passes; the table says what was measured.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from intake_load import audit_ok, count_rows, free_port, fresh_database, start_server


class Ledger:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acks: dict[str, str] = {}  # key -> reference
        self.conflicts: list[tuple[str, str, str]] = []
        self.sent = 0
        self.ambiguous = 0
        self.other: dict[int, int] = {}

    def ack(self, key: str, reference: str) -> None:
        with self.lock:
            first = self.acks.setdefault(key, reference)
            if first != reference:
                self.conflicts.append((key, first, reference))


def writer(port: int, n: int, ledger: Ledger, stop: threading.Event) -> None:
    """Send reports one after another; retry an ambiguous one with the same key until answered."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        i = 0
        while not stop.is_set():
            i += 1
            key = str(uuid.uuid4())
            payload = {
                "report_type": "suspicious_activity",
                "description": f"Ledger report {n}-{i}: a van parked on the zig-zags by the school gates again.",
            }
            with ledger.lock:
                ledger.sent += 1
            while True:
                try:
                    r = client.post("/api/v1/reports", json=payload, headers={"Idempotency-Key": key})
                except httpx.HTTPError:
                    with ledger.lock:
                        ledger.ambiguous += 1
                    time.sleep(0.05)
                    continue  # the server is down or was killed mid-request: same key again
                if r.status_code == 201:
                    ledger.ack(key, r.json()["reference"])
                    break
                with ledger.lock:
                    ledger.other[r.status_code] = ledger.other.get(r.status_code, 0) + 1
                if r.status_code in (409, 503):  # in flight or busy: nothing final yet
                    time.sleep(float(r.headers.get("Retry-After", "1")))
                    continue
                break  # a final refusal: not acknowledged, nothing to check


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (database is dropped and recreated)")
    parser.add_argument("--kills", type=int, default=10, help="at least this many SIGKILLs")
    parser.add_argument("--min-acks", type=int, default=5000, help="and at least this many 201s")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--interval", type=float, nargs=2, default=(1.0, 3.0), help="seconds between kills")
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    ledger = Ledger()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url = fresh_database(args.database_url, tmp)
        port = free_port()
        server = start_server(url, tmp / "var", port)
        stop = threading.Event()
        threads = [threading.Thread(target=writer, args=(port, n, ledger, stop)) for n in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        kills = 0
        restart_s: list[float] = []
        try:
            while (kills < args.kills or len(ledger.acks) < args.min_acks) and (
                time.monotonic() - started < args.max_seconds
            ):
                time.sleep(rng.uniform(*args.interval))
                os.kill(server.pid, signal.SIGKILL)
                server.wait(10)
                kills += 1
                t0 = time.monotonic()
                server = start_server(url, tmp / "var", port)
                restart_s.append(time.monotonic() - t0)
                print(f"kill {kills}: {len(ledger.acks)} acknowledged so far", file=sys.stderr, flush=True)
            time.sleep(1)  # let the writers finish the retries of the last kill
        finally:
            stop.set()
            for t in threads:
                t.join(60)
            server.terminate()
            server.wait(30)
        elapsed = time.monotonic() - started
        engine = create_engine(url)
        with engine.connect() as conn:
            stored = {row[0] for row in conn.execute(text("SELECT reference FROM report"))}
            stored_rows = int(conn.execute(text("SELECT count(*) FROM report")).scalar() or 0)
            integrity = (
                str(conn.execute(text("PRAGMA integrity_check")).scalar())
                if url.startswith("sqlite")
                else "n/a (PostgreSQL restarted and answered)"
            )
        engine.dispose()
        keys_stored = count_rows(url, "SELECT count(*) FROM idempotency_key WHERE reference IS NOT NULL")
        jobs = count_rows(url, "SELECT count(*) FROM job WHERE kind = 'triage.report'")
        audit = audit_ok(url)
    acked = set(ledger.acks.values())
    lost = acked - stored
    checks = {
        f">= {args.kills} kills": kills >= args.kills,
        f">= {args.min_acks} acknowledged": len(ledger.acks) >= args.min_acks,
        "0 acknowledged lost": not lost,
        "one reference per key": not ledger.conflicts,
        "no reference stored twice": stored_rows == len(stored),
        "one report per stored key": stored_rows == keys_stored,
        "one triage job per report": jobs == stored_rows,
        "integrity ok": integrity.startswith(("ok", "n/a")),
        "audit chain verifies": audit.endswith("ok"),
    }
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(
        "| backend | seconds | kills | restart s (max) | reports sent | acknowledged | ambiguous retries "
        "| other answers | stored | lost | same ref on retry | integrity | audit chain |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {backend} | {elapsed:.0f} | {kills} | {max(restart_s, default=0):.1f} | {ledger.sent} "
        f"| {len(ledger.acks)} | {ledger.ambiguous} | {ledger.other or 0} | {stored_rows} | {len(lost)} "
        f"| {'yes' if not ledger.conflicts else f'{len(ledger.conflicts)} conflicts'} | {integrity} | {audit} |"
    )
    failed = [name for name, ok in checks.items() if not ok]
    print("FAILED: " + ", ".join(failed) if failed else "all checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
