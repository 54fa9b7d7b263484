"""SIGKILL the server during a burst: every report that got a reference is there after restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import TEST_SECRET, _base_url, is_postgres
from vigil.db.migrate import upgrade


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str, port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "VIGIL_DATABASE_URL": url,
        "VIGIL_EMBEDDED_WORKERS": "0",
        "VIGIL_SECRET_KEY": TEST_SECRET,
        "VIGIL_DATA_DIR": str(data_dir),
        "VIGIL_PUBLIC_RATE_PER_MINUTE": "100000",
        "VIGIL_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


@pytest.mark.slow
def test_every_acknowledged_report_survives_a_sigkill(database_url: str, tmp_path: Path) -> None:
    if not is_postgres():
        database_url = f"sqlite:///{tmp_path / 'crash.db'}"
        upgrade(database_url)
    port = _free_port()
    proc = _serve(database_url, port, tmp_path / "var")
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def burst(worker: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as c:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    r = c.post(
                        "/api/v1/reports",
                        json={"report_type": "suspicious_activity", "description": f"burst {worker}-{n}"},
                    )
                except httpx.HTTPError:
                    return
                if r.status_code == 201:
                    with lock:
                        acknowledged.append(r.json()["reference"])

    threads = [threading.Thread(target=burst, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(5)
    stop.set()
    for t in threads:
        t.join(10)
    assert len(acknowledged) > 20
    proc = _serve(database_url, port, tmp_path / "var")  # restart: recovery must not lose anything
    try:
        engine = create_engine(database_url)
        with engine.connect() as conn:
            stored = {r[0] for r in conn.execute(text("SELECT reference FROM report"))}
            jobs = conn.execute(text("SELECT count(*) FROM job WHERE kind = 'triage.report'")).scalar()
            if not is_postgres():
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        engine.dispose()
    finally:
        proc.terminate()
        proc.wait(10)
    missing = set(acknowledged) - stored
    assert not missing, f"{len(missing)} acknowledged reports lost"
    assert jobs == len(stored)


def test_the_ledger_harness_loses_nothing_over_repeated_kills(tmp_path: Path) -> None:
    """RELIABILITY target 1 in small: ``bench/intake_ledger.py`` SIGKILLs the server several times
    under load, retries ambiguous requests with the same key, and checks every acknowledged
    reference is stored once (the full run, >= 10 kills and >= 5,000 acks, is in the bench)."""
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, str(root / "bench" / "intake_ledger.py"), "--kills", "3", "--min-acks", "150"]
    command += ["--clients", "4", "--interval", "0.5", "1.5", "--max-seconds", "120"]
    url = make_url(_base_url()).set(database=f"ledger_{os.getpid()}") if is_postgres() else None
    if url is not None:
        command += ["--database-url", url.render_as_string(hide_password=False)]
    try:
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=240, cwd=root)
    finally:
        if url is not None:
            admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            admin.dispose()
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "all checks passed" in done.stdout
    row = done.stdout.splitlines()[2].split("|")
    assert int(row[3]) >= 3 and int(row[10]) == 0  # kills, lost
