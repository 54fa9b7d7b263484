"""``vigil backup create / verify / restore``: the operations behind the command line.

A backup is a directory: the database snapshot (see :mod:`vigil.backup.database`), a copy of
every stored file the snapshot refers to (report attachments, and the files of drafts still
in progress), and ``manifest.json`` (see :mod:`vigil.backup.manifest`), written last.

The snapshot is taken first and the file list read from it: attachment files are written
under random names before the row that refers to them commits and are never changed after,
so every file the snapshot names is already on disk, and a file stored after it is simply
not in this backup. Restore checks the whole backup before touching the target, copies the
files before the database (a failure between the two leaves unreferenced files, never rows
without their files), then proves the result: row counts, every attachment's SHA-256 against
its row, and the audit chain up to the manifest's head.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.orm import Session

from vigil.audit.models import AuditEvent
from vigil.audit.service import ChainProblem
from vigil.audit.service import verify as verify_chain
from vigil.backup import database
from vigil.backup.manifest import (
    FILES,
    AuditHead,
    BackupError,
    FileEntry,
    Manifest,
    Progress,
    read,
    sha256_file,
    write,
)
from vigil.config import Settings
from vigil.db.engine import make_engine
from vigil.db.migrate import alembic_config
from vigil.db.models import all_metadata
from vigil.db.session import make_sessionmaker, read_only
from vigil.db.types import utcnow
from vigil.intake.files import attachment_root
from vigil.intake.models import Attachment, ReportDraft
from vigil.retention.service import reapply_ledger

_THREADS = 8
_CHUNK = 1024 * 1024
#: Tables whose rows make a database "not empty" for restore (the migrations seed none of them).
_OCCUPANCY = {"report": "report(s)", "audit_event": "audit event(s)", "user_account": "user(s)"}


@dataclass(frozen=True, slots=True)
class State:
    """What a database holds, as the manifest records it and the restore checks it."""

    schema_revision: str
    row_counts: dict[str, int]
    audit_head: AuditHead | None
    files: dict[str, str | None]  # path under the files directory -> SHA-256 its row records


@dataclass(slots=True)
class RestoreReport:
    manifest: Manifest
    files_copied: int = 0
    extra_files: int = 0
    audit_events: int = 0
    restore_seconds: float = 0.0
    verify_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    #: References disposed of since the backup was made, disposed of again (RELIABILITY F12).
    redisposed: list[str] = field(default_factory=list)


def code_revision() -> str:
    """The schema revision this code's migrations end at."""
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    return ",".join(sorted(heads))


def read_state(db: Session) -> State:
    revision = ",".join(sorted(str(v) for v in db.scalars(text("SELECT version_num FROM alembic_version"))))
    counts = {
        t.name: int(db.scalar(select(func.count()).select_from(t)) or 0) for t in all_metadata().sorted_tables
    }
    head = db.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    prefix = attachment_root(Path()).as_posix() + "/"
    files: dict[str, str | None] = {}
    for rows in (
        db.execute(select(Attachment.original_path, Attachment.original_sha256)),
        db.execute(select(Attachment.derivative_path, Attachment.derivative_sha256)),
    ):
        files.update((prefix + path, sha) for path, sha in rows if path)
    for (draft_files,) in db.execute(select(ReportDraft.files)):
        for f in draft_files:
            for key in ("original", "derivative"):
                if f.get(f"{key}_path"):
                    files[prefix + f[f"{key}_path"]] = f.get(f"{key}_sha256")
    return State(revision, counts, AuditHead(head[0], head[1]) if head else None, files)


def _copy(src: Path, dst: Path) -> tuple[int, str]:
    """Copy ``src`` to ``dst`` by way of a temporary name; return the size and SHA-256 read."""
    digest = hashlib.sha256()
    size = 0
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".tmp-restore-{dst.name}")
    with open(src, "rb") as fin, open(tmp, "wb") as fout:
        while chunk := fin.read(_CHUNK):
            digest.update(chunk)
            fout.write(chunk)
            size += len(chunk)
    os.replace(tmp, dst)
    return size, digest.hexdigest()


def _parallel(label: str, items: list[str], work: Callable[[str], str | None]) -> list[str]:
    """Run ``work`` on every item on a few threads (file I/O and hashing release the GIL);
    return the problems it reported, in item order."""
    progress = Progress(label, len(items))
    problems: list[str] = []
    with ThreadPoolExecutor(_THREADS) as pool:
        for problem in pool.map(work, items, chunksize=64):
            progress.step()
            if problem:
                problems.append(problem)
    progress.finish()
    return problems


def _fail(summary: str, problems: Iterable[str]) -> BackupError:
    listed = list(problems)
    more = f"\n  ... and {len(listed) - 20} more" if len(listed) > 20 else ""
    return BackupError(summary + "".join(f"\n  {p}" for p in listed[:20]) + more)


def create(*, settings: Settings, to: Path) -> Manifest:
    """Back up the database and its files into the new (or empty) directory ``to``."""
    if to.exists() and (not to.is_dir() or any(to.iterdir())):
        raise BackupError(f"{to} already exists and is not empty: back up into a new directory")
    to.mkdir(parents=True, exist_ok=True)
    kind = database.kind(settings.database_url)
    db_file, method, state = database.snapshot(
        settings.database_url, to, bin_dir=settings.backup_pg_bin_dir, read=read_state
    )
    entries: dict[str, FileEntry] = {}

    def copy_one(path: str) -> str | None:
        src = settings.files_dir / path
        if not src.is_file():
            return f"{src}: missing (the database refers to it)"
        size, sha = _copy(src, to / FILES / path)
        entries[path] = FileEntry(path, size, sha)
        recorded = state.files[path]
        if recorded is not None and recorded != sha:
            return f"{src}: SHA-256 {sha} differs from the {recorded} its row records"
        return None

    problems = _parallel("copying files", sorted(state.files), copy_one)
    if problems:
        raise _fail(f"backup in {to} is incomplete: {len(problems)} stored file(s) are damaged", problems)
    db_size, db_sha = sha256_file(to / db_file)
    manifest = Manifest(
        vigil_version=version("vigil"),
        schema_revision=state.schema_revision,
        database_kind=kind,
        created_at=utcnow().isoformat(),
        database_file=db_file,
        database_size=db_size,
        database_sha256=db_sha,
        database_method=method,
        row_counts=state.row_counts,
        audit_head=state.audit_head,
        files=[entries[p] for p in sorted(entries)],
    )
    write(to, manifest)
    return manifest


def check_backup(directory: Path) -> Manifest:
    """Every file the manifest lists is in ``directory`` with its size and SHA-256."""
    manifest = read(directory)
    problems: list[str] = []
    db_path = directory / manifest.database_file
    if not db_path.is_file():
        problems.append(f"{manifest.database_file}: missing")
    elif sha256_file(db_path) != (manifest.database_size, manifest.database_sha256):
        problems.append(f"{manifest.database_file}: does not match the manifest's size and SHA-256")
    expected = {e.path: e for e in manifest.files}

    def check_one(path: str) -> str | None:
        local = directory / FILES / path
        if not local.is_file():
            return f"{FILES}/{path}: missing"
        if sha256_file(local) != (expected[path].size, expected[path].sha256):
            return f"{FILES}/{path}: does not match the manifest's size and SHA-256"
        return None

    problems += _parallel("checking backup files", sorted(expected), check_one)
    if problems:
        raise _fail(f"backup {directory} is damaged or altered: {len(problems)} problem(s)", problems)
    return manifest


def verify_backup(directory: Path, *, bin_dir: Path | None) -> tuple[Manifest, str]:
    """:func:`check_backup`, then read the snapshot itself; return a line describing what was read."""
    manifest = check_backup(directory)
    path = directory / manifest.database_file
    if manifest.database_kind == "postgresql":
        entries = database.list_archive(path, bin_dir=bin_dir)
        return manifest, f"pg_restore reads the dump: {entries} entries"
    engine = database.sqlite_engine(path)
    try:
        with Session(engine) as db:
            quick = str(db.scalar(text("PRAGMA quick_check")))
            if quick != "ok":
                raise BackupError(f"{manifest.database_file}: SQLite quick_check: {quick}")
            state = read_state(db)
            count, chain = verify_chain(db)
    finally:
        engine.dispose()
    problems = _compare(manifest, state, count, chain)
    if problems:
        raise _fail(f"backup {directory}: the snapshot disagrees with its manifest", problems)
    return manifest, f"snapshot intact: quick_check ok, audit chain of {count} events verified"


def _compare(manifest: Manifest, state: State, count: int, chain: list[ChainProblem]) -> list[str]:
    problems = [f"audit chain broken at event seq={p.seq}: {p.problem}" for p in chain]
    if state.schema_revision != manifest.schema_revision:
        problems.append(f"schema revision {state.schema_revision}, manifest says {manifest.schema_revision}")
    for name, expected in sorted(manifest.row_counts.items()):
        if state.row_counts.get(name) != expected:
            problems.append(f"table {name}: {state.row_counts.get(name)} rows, manifest says {expected}")
    head = manifest.audit_head
    if (head.seq if head else 0) != count or state.audit_head != head:
        problems.append(f"audit chain ends at {state.audit_head} ({count} events), manifest says {head}")
    listed = {e.path for e in manifest.files}
    problems += [
        f"{p}: the database refers to it but the backup has no copy" for p in state.files if p not in listed
    ]
    return problems


def occupancy(settings: Settings) -> list[str]:
    """What is already in the target (empty list: nothing a restore would overwrite)."""
    found: list[str] = []
    url = settings.database_url
    if database.kind(url) == "postgresql" or database.sqlite_path(url).is_file():
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                present = set(inspect(conn).get_table_names())
                for name, label in _OCCUPANCY.items():
                    n = conn.scalar(select(func.count()).select_from(table(name))) if name in present else 0
                    if n:
                        found.append(f"{n} {label}")
        finally:
            engine.dispose()
    if settings.files_dir.is_dir():
        n = sum(1 for p in settings.files_dir.rglob("*") if p.is_file())
        if n:
            found.append(f"{n} file(s) under {settings.files_dir}")
    return found


def restore(*, settings: Settings, source: Path, force: bool = False) -> RestoreReport:
    """Restore the backup in ``source`` into the configured database and files directory."""
    manifest = read(source)
    target_kind = database.kind(settings.database_url)
    if manifest.database_kind != target_kind:
        raise BackupError(
            f"{source} is a {manifest.database_kind} backup; VIGIL_DATABASE_URL is {target_kind}: "
            "restore into the same kind of database"
        )
    ours = code_revision()
    if manifest.schema_revision != ours:
        raise BackupError(
            f"{source} is at schema revision {manifest.schema_revision}, but this Vigil's migrations "
            f"end at {ours}: restore with the Vigil release that made the backup "
            f"({manifest.vigil_version}), then run `vigil db upgrade`"
        )
    check_backup(source)
    if not force and (found := occupancy(settings)):
        raise BackupError(
            f"the target is not empty ({', '.join(found)}); a restore replaces the database: "
            "add --force to go ahead"
        )
    started = time.perf_counter()
    report = RestoreReport(manifest)
    listed = {e.path for e in manifest.files}
    existing = (
        {p.relative_to(settings.files_dir).as_posix() for p in settings.files_dir.rglob("*") if p.is_file()}
        if settings.files_dir.is_dir()
        else set()
    )
    report.extra_files = len(existing - listed)

    def copy_one(path: str) -> str | None:
        _copy(source / FILES / path, settings.files_dir / path)
        return None

    _parallel("restoring files", sorted(listed), copy_one)
    report.files_copied = len(listed)
    os.sync()  # the files are on disk before any restored row refers to them
    database.restore(
        settings.database_url, source / manifest.database_file, bin_dir=settings.backup_pg_bin_dir
    )
    report.restore_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report.audit_events, report.problems = check_restored(settings=settings, manifest=manifest)
    report.verify_seconds = time.perf_counter() - started
    report.redisposed = reapply_disposals(settings)
    return report


def reapply_disposals(settings: Settings) -> list[str]:
    """Dispose again of what the disposal ledger says was disposed of after the backup, before
    the restored database is opened to anyone (after verification, which compares the
    restored rows with the manifest's counts)."""
    engine = make_engine(settings.database_url)
    try:
        with make_sessionmaker(engine)() as db:
            return reapply_ledger(db=db, data_dir=settings.data_dir, files_dir=settings.files_dir).disposed
    finally:
        engine.dispose()


def check_restored(*, settings: Settings, manifest: Manifest) -> tuple[int, list[str]]:
    """Prove the restored target: row counts, audit chain and head, every file's SHA-256
    against the SHA-256 its row records. Returns the audit events verified and any problems."""
    engine = make_engine(settings.database_url)
    try:
        with read_only(make_sessionmaker(engine))() as db:
            state = read_state(db)
            count, chain = verify_chain(db)
    finally:
        engine.dispose()
    problems = _compare(manifest, state, count, chain)

    def check_one(path: str) -> str | None:
        local = settings.files_dir / path
        if not local.is_file():
            return f"{local}: missing after restore"
        recorded = state.files[path]
        if recorded is not None and sha256_file(local)[1] != recorded:
            return f"{local}: SHA-256 differs from the one its row records"
        return None

    problems += _parallel("verifying restored files", sorted(state.files), check_one)
    return count, problems
