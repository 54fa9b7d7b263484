"""``vigil backup create --to DIR``, ``vigil backup verify DIR``, ``vigil backup restore --from DIR``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from vigil.config import Settings

T = TypeVar("T")


def _attempt(command: str, action: Callable[[], T]) -> T | None:
    """Run ``action``; a refusal is one clear line on stderr and ``None`` (exit status 1)."""
    from vigil.backup.manifest import BackupError  # noqa: PLC0415

    try:
        return action()
    except BackupError as exc:
        print(f"vigil backup {command}: {exc}", file=sys.stderr)
        return None


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def cmd_create(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.backup.service import create  # noqa: PLC0415

    started = time.perf_counter()
    m = _attempt("create", lambda: create(settings=settings, to=Path(args.to)))
    if m is None:
        return 1
    files = sum(f.size for f in m.files)
    head = f"seq {m.audit_head.seq}, {m.audit_head.hash[:16]}..." if m.audit_head else "empty"
    print(f"backup written to {args.to} in {time.perf_counter() - started:.1f} s")
    print(
        f"  database: {m.database_kind}, schema {m.schema_revision}, {_size(m.database_size)} ({m.database_method})"
    )
    print(
        f"  reports: {m.row_counts.get('report', 0)}, attachments: {m.row_counts.get('report_attachment', 0)}"
    )
    print(f"  files: {len(m.files)}, {_size(files)}; audit chain head: {head}")
    return 0


def cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.backup.service import verify_backup  # noqa: PLC0415

    found = _attempt(
        "verify", lambda: verify_backup(Path(args.directory), bin_dir=settings.backup_pg_bin_dir)
    )
    if found is None:
        return 1
    m, what = found
    print(f"backup {args.directory} is intact: made {m.created_at} by Vigil {m.vigil_version}")
    print(
        f"  {m.database_kind}, schema {m.schema_revision}; database file and {len(m.files)} files match the manifest"
    )
    print(f"  {what}")
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.backup.service import restore  # noqa: PLC0415

    r = _attempt("restore", lambda: restore(settings=settings, source=Path(args.source), force=args.force))
    if r is None:
        return 1
    m = r.manifest
    for problem in r.problems[:50]:
        print(f"  PROBLEM: {problem}")
    if r.problems:
        print(f"restore from {args.source} FAILED verification: {len(r.problems)} problem(s)")
        return 1
    print(
        f"restored {args.source} (made {m.created_at}) in {r.restore_seconds:.1f} s, verified in {r.verify_seconds:.1f} s"
    )
    print(f"  reports: {m.row_counts.get('report', 0)}, every row count equal to the manifest's")
    print(f"  files: {r.files_copied}, every attachment's SHA-256 equal to its row's")
    print(f"  audit chain: {r.audit_events} events verified, head equal to the manifest's")
    print(f"  disposal ledger: {len(r.redisposed)} report(s) disposed of since the backup, disposed of again")
    if r.extra_files:
        print(
            f"  note: {r.extra_files} file(s) already in the files directory are not in the backup; "
            "`vigil intake sweep` removes unreferenced ones"
        )
    return 0


def add_backup_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="back up, verify and restore the database and stored files")
    bsub = p.add_subparsers(dest="backup_command", required=True)
    create = bsub.add_parser("create", help="a consistent snapshot (the app may keep running)")
    create.add_argument("--to", required=True, help="a new or empty directory to write the backup into")
    create.set_defaults(func=cmd_create)
    verify = bsub.add_parser("verify", help="check a backup directory against its manifest")
    verify.add_argument("directory")
    verify.set_defaults(func=cmd_verify)
    restore = bsub.add_parser("restore", help="restore a backup into VIGIL_DATABASE_URL and VIGIL_DATA_DIR")
    restore.add_argument("--from", dest="source", required=True, help="the backup directory")
    restore.add_argument("--force", action="store_true", help="replace a database that already holds data")
    restore.set_defaults(func=cmd_restore)
