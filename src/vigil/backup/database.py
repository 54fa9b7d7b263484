"""The database half of a backup, one adapter per backend.

SQLite: ``VACUUM INTO`` writes a consistent, compacted copy while the app keeps writing (it
reads in one transaction), and restore copies it back with SQLite's online backup API, which
takes the target's locks and replaces every page in one step, so a stale ``-wal`` file can
never be replayed over the restored database.

PostgreSQL: ``pg_dump`` in custom format, run on a snapshot exported from a REPEATABLE READ
transaction (``pg_export_snapshot``) in which the manifest's row counts, file list and audit
head are read too, so the manifest describes exactly the dumped state. Restore is
``pg_restore --clean --if-exists --single-transaction``: all or nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from vigil.backup.manifest import BackupError

T = TypeVar("T")
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.pgdump"


def kind(url: str) -> str:
    backend = make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"backup supports SQLite and PostgreSQL, not {backend}")
    return backend


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


def snapshot(
    url: str, directory: Path, *, bin_dir: Path | None, read: Callable[[Session], T]
) -> tuple[str, str, T]:
    """Write the database snapshot into ``directory``; return its file name, the method used,
    and what ``read`` returned when run against exactly the snapshot's state."""
    if kind(url) == "sqlite":
        source = sqlite_path(url)
        if not source.is_file():
            raise BackupError(f"no SQLite database at {source}")
        dest = directory / SQLITE_FILE
        conn = sqlite3.connect(source, timeout=30)
        try:
            conn.execute("VACUUM INTO ?", (str(dest),))
        finally:
            conn.close()
        return SQLITE_FILE, f"sqlite {sqlite3.sqlite_version} VACUUM INTO", _read_sqlite(dest, read)
    return PG_FILE, *_pg_dump(url, directory / PG_FILE, bin_dir=bin_dir, read=read)


def _read_sqlite(path: Path, read: Callable[[Session], T]) -> T:
    engine = sqlite_engine(path)
    try:
        with Session(engine) as db:
            return read(db)
    finally:
        engine.dispose()


def sqlite_engine(path: Path) -> Engine:
    """A read-only engine on a snapshot file (it is never modified in the backup)."""
    return create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")


def _tool(name: str, bin_dir: Path | None) -> str:
    found = shutil.which(name, path=str(bin_dir) if bin_dir else None)
    if found is None:
        where = f"in {bin_dir} (VIGIL_BACKUP_PG_BIN_DIR)" if bin_dir else "on PATH"
        raise BackupError(
            f"{name} not found {where}: install the PostgreSQL client tools of the server's major "
            "version or set VIGIL_BACKUP_PG_BIN_DIR"
        )
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI for the command-line tools; the password goes in the environment."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{what} failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
    return done.stdout


def _pg_dump(url: str, dest: Path, *, bin_dir: Path | None, read: Callable[[Session], T]) -> tuple[str, T]:
    pg_dump = _tool("pg_dump", bin_dir)
    conninfo, env = _libpq(url)
    engine = create_engine(url, isolation_level="REPEATABLE READ", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SET TRANSACTION READ ONLY"))
            snapshot_id = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            server = str(conn.execute(text("SHOW server_version")).scalar_one())
            result = read(Session(bind=conn))
            # The exporting transaction stays open until pg_dump has attached to its snapshot.
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={dest}", conninfo],
                env,
                "pg_dump",
            )
            conn.rollback()
    finally:
        engine.dispose()
    version = _run([pg_dump, "--version"], env, "pg_dump --version").strip()
    return f"{version} --format=custom (server {server})", result


def list_archive(path: Path, *, bin_dir: Path | None) -> int:
    """How many entries ``pg_restore --list`` reads from a dump (it fails on a damaged one)."""
    out = _run([_tool("pg_restore", bin_dir), "--list", str(path)], dict(os.environ), "pg_restore --list")
    return sum(1 for line in out.splitlines() if line and not line.startswith(";"))


def restore(url: str, source: Path, *, bin_dir: Path | None) -> None:
    """Replace the target database's contents with the snapshot at ``source``."""
    if kind(url) == "sqlite":
        target = sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            raise BackupError(f"restoring into {target} failed: {exc}") from exc
        finally:
            dst.close()
            src.close()
        return
    conninfo, env = _libpq(url)
    _run(
        [
            _tool("pg_restore", bin_dir),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(source),
        ],
        env,
        "pg_restore",
    )
