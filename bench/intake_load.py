"""Load on ``POST /api/v1/reports``: one ``vigil serve`` process, a load generator on loopback.

    .venv/bin/python bench/intake_load.py --seconds 30 --concurrency 32             # SQLite
    .venv/bin/python bench/intake_load.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/intake_load.py --surge --rate 10 --factor 20 --seconds 60  # worker stopped

Closed loop (``--concurrency`` clients, each sending as soon as it has its answer) measures
sustained throughput and latency. ``--surge`` sends an open-loop ``rate * factor`` requests per
second with the triage worker stopped, checks the form page still answers during it, then
starts ``vigil worker`` and times the backlog drain. Prints a table; the database's report
count must equal the number of 201 answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from vigil.db.migrate import upgrade


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(url: str, data_dir: Path, embedded_workers: int = 0) -> dict[str, str]:
    return os.environ | {
        "VIGIL_DATABASE_URL": url,
        "VIGIL_EMBEDDED_WORKERS": str(embedded_workers),
        "VIGIL_SECRET_KEY": "bench-" + "x" * 40,
        "VIGIL_DATA_DIR": str(data_dir),
        "VIGIL_PUBLIC_RATE_PER_MINUTE": "10000000",  # one loopback client: limits off for the bench
        "VIGIL_LOG_LEVEL": "WARNING",
        "VIGIL_SECURE_COOKIES": "false",
    }


def start_server(url: str, data_dir: Path, port: int, embedded_workers: int = 0) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "serve", "--port", str(port)],
        env=env_for(url, data_dir, embedded_workers),
        stdout=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def fresh_database(url: str | None, tmp: Path) -> str:
    if url is None:
        url = f"sqlite:///{tmp / 'bench.db'}"
    else:
        parsed = make_url(url)
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    upgrade(url)
    return url


def body(i: int) -> dict[str, object]:
    return {
        "report_type": "suspicious_activity",
        "description": f"Bench report {i}: a man filming the barriers at the depot gate for an hour.",
        "location_text": "Mill Road depot",
    }


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams.

    httpx costs about a millisecond of CPU per request; on a 2-core machine that is CPU the
    server under test does not get. This client costs a few tens of microseconds, so the
    figures measure the server. (``--client httpx`` keeps the old client for comparison.)
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post_json(self, path: str, payload: dict[str, object]) -> int:
        data = json.dumps(payload).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n"
        ).encode()
        for attempt in (1, 2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
                assert self.reader is not None
                self.writer.write(head + data)
                await self.writer.drain()
                header = await self.reader.readuntil(b"\r\n\r\n")
                status = int(header.split(b" ", 2)[1])
                length = 0
                for line in header.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await self.reader.readexactly(length)
                return status
            except (OSError, asyncio.IncompleteReadError, ValueError):
                await self.close()
                if attempt == 2:
                    return 0
        return 0

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def closed_loop_raw(port: int, seconds: float, concurrency: int) -> tuple[list[float], dict[int, int]]:
    latencies: list[float] = []
    codes: dict[int, int] = {}
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))

    async def one_client() -> None:
        client = RawClient(port)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            code = await client.post_json("/api/v1/reports", body(next(counter)))
            latencies.append(time.perf_counter() - start)
            codes[code] = codes.get(code, 0) + 1
        await client.close()

    await asyncio.gather(*(one_client() for _ in range(concurrency)))
    return latencies, codes


async def closed_loop(port: int, seconds: float, concurrency: int) -> tuple[list[float], dict[int, int]]:
    latencies: list[float] = []
    codes: dict[int, int] = {}
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30) as client:

        async def one_client() -> None:
            while time.monotonic() < deadline:
                start = time.perf_counter()
                try:
                    r = await client.post("/api/v1/reports", json=body(next(counter)))
                    code = r.status_code
                except httpx.HTTPError:
                    code = 0
                latencies.append(time.perf_counter() - start)
                codes[code] = codes.get(code, 0) + 1

        await asyncio.gather(*(one_client() for _ in range(concurrency)))
    return latencies, codes


async def open_loop(
    port: int, seconds: float, rate: float, connections: int = 64
) -> tuple[list[float], dict[int, int], list[float]]:
    """Send ``rate`` requests a second on a schedule, whatever the answers' speed.

    Requests go out on ``connections`` keep-alive raw connections; one that finds every
    connection busy waits for one, and its latency is counted from its scheduled time, so a
    slow server shows as latency rather than as a politely slower client.
    """
    latencies: list[float] = []
    form_latencies: list[float] = []
    codes: dict[int, int] = {}
    pool: asyncio.Queue[RawClient] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(RawClient(port))

    async def send(i: int, scheduled: float) -> None:
        client = await pool.get()
        try:
            code = await client.post_json("/api/v1/reports", body(i))
        finally:
            pool.put_nowait(client)
        latencies.append(time.perf_counter() - scheduled)
        codes[code] = codes.get(code, 0) + 1

    async def probe_form() -> None:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                start = time.perf_counter()
                r = await client.get("/report")
                form_latencies.append(time.perf_counter() - start if r.status_code == 200 else float("inf"))
                await asyncio.sleep(1)

    tasks = [asyncio.create_task(probe_form())]
    begin = time.perf_counter()
    total = int(seconds * rate)
    for i in range(total):
        scheduled = begin + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(i, scheduled)))
    await asyncio.gather(*tasks)
    while not pool.empty():
        await pool.get_nowait().close()
    return latencies, codes, form_latencies


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def count_rows(url: str, sql: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        value = int(conn.execute(text(sql)).scalar() or 0)
    engine.dispose()
    return value


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (database is dropped and recreated)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--surge", action="store_true")
    parser.add_argument("--rate", type=float, default=10, help="normal rate (requests/s) for --surge")
    parser.add_argument("--factor", type=float, default=20, help="surge multiple of the normal rate")
    parser.add_argument("--drain-timeout", type=float, default=600)
    parser.add_argument(
        "--client", choices=["raw", "httpx"], default="raw", help="closed-loop load generator"
    )
    parser.add_argument(
        "--embedded-workers",
        type=int,
        default=0,
        help="triage worker threads in the server process (as `make run` has); default 0, worker stopped",
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="repeat (fresh database each time); best is marked"
    )
    args = parser.parse_args()
    print(
        "| backend | mode | seconds | requests | 201 | other | reports in DB | req/s (201) | p50 ms | p99 ms | load avg (1 min) | server CPU ms per 201 | audit chain |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    status = 0
    for _ in range(args.runs):
        status |= run_once(args)
    return status


def audit_ok(url: str) -> str:
    from sqlalchemy.orm import Session  # noqa: PLC0415

    from vigil.audit.service import verify  # noqa: PLC0415

    engine = create_engine(url)
    with Session(engine) as db:
        count, problems = verify(db)
    engine.dispose()
    return f"{count} events, {'ok' if not problems else f'{len(problems)} problems'}"


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used (Linux ``/proc``), to compare runs on a busy box."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (Linux ``VmHWM``), to show memory stays bounded."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run_once(args: argparse.Namespace) -> int:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url = fresh_database(args.database_url, tmp)
        port = free_port()
        server = start_server(url, tmp / "var", port, args.embedded_workers)
        backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        cpu_start = cpu_seconds(server.pid)
        try:
            if args.surge:
                rate = args.rate * args.factor
                latencies, codes, form = asyncio.run(open_loop(port, args.seconds, rate))
            else:
                loop_fn = closed_loop_raw if args.client == "raw" else closed_loop
                latencies, codes = asyncio.run(loop_fn(port, args.seconds, args.concurrency))
                form = []
            cpu = cpu_seconds(server.pid) - cpu_start
            peak_rss = peak_rss_mib(server.pid)
        finally:
            server.terminate()
            server.wait(30)
        stored = count_rows(url, "SELECT count(*) FROM report")
        accepted = codes.get(201, 0)
        load = max(load_before, os.getloadavg()[0])
        mode = (
            f"surge {args.rate * args.factor:.0f}/s open loop"
            if args.surge
            else f"closed loop c={args.concurrency} ({args.client})"
        ) + (f", {args.embedded_workers} embedded workers" if args.embedded_workers else "")
        others = {k: v for k, v in codes.items() if k != 201}
        print(
            f"| {backend} | {mode} | {args.seconds:.0f} | {len(latencies)} | {accepted} | {others or 0} | {stored} "
            f"| {accepted / args.seconds:.0f} | {pct(latencies, 0.5):.1f} | {pct(latencies, 0.99):.1f} "
            f"| {load:.1f} | {cpu * 1000 / max(accepted, 1):.2f} | {audit_ok(url)} |",
            flush=True,
        )
        if stored != accepted:
            print(f"MISMATCH: {accepted} acknowledged, {stored} stored")
        if args.surge:
            print(
                f"form page during surge: {len(form)} probes, max {max(form) * 1000:.0f} ms, all 200: {all(f != float('inf') for f in form)}"
            )
            print(f"server peak RSS (VmHWM): {peak_rss:.0f} MiB")
            backlog = count_rows(url, "SELECT count(*) FROM job WHERE state = 'queued'")
            print(f"backlog with the worker stopped: {backlog} triage jobs queued")
            worker = subprocess.Popen(
                [sys.executable, "-m", "vigil.cli", "worker", "--concurrency", "2"],
                env=env_for(url, tmp / "var"),
                stdout=subprocess.DEVNULL,
            )
            start = time.monotonic()
            left = backlog
            while left and time.monotonic() - start < args.drain_timeout:
                time.sleep(2)
                left = count_rows(url, "SELECT count(*) FROM job WHERE state IN ('queued', 'running')")
            elapsed = time.monotonic() - start
            worker.terminate()
            worker.wait(30)
            done = count_rows(url, "SELECT count(*) FROM job WHERE state = 'done'")
            print(f"drain: {done} done, {left} left after {elapsed:.0f} s ({done / elapsed:.0f} jobs/s)")
    return 0 if stored == accepted else 1


if __name__ == "__main__":
    raise SystemExit(main())
