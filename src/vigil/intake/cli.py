"""``vigil intake import FILE`` and ``vigil intake sweep``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vigil.audit.service import Actor
from vigil.config import Settings


def _sessions(settings: Settings):  # type: ignore[no-untyped-def]
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415
    from vigil.retention.policy import install_policy  # noqa: PLC0415

    engine = make_engine(settings.database_url, busy_timeout_ms=settings.db_busy_timeout_ms)
    install_policy(engine, settings)  # imported reports get the configured review dates
    return make_sessionmaker(engine)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.intake import bulk, files  # noqa: PLC0415

    path = Path(args.file)
    if not path.exists():
        print(f"{path}: no such file")
        return 2
    try:
        records, channel = bulk.records_for(path, args.report_type)
    except ValueError as exc:
        print(exc)
        return 2
    actor = Actor(user_id=None, label=f"cli:{os.environ.get('USER', 'unknown')}:import")

    def progress(accepted: int, rejected: int) -> None:
        if accepted % 100 == 0:
            print(f"\r{accepted} imported, {rejected} rejected", end="", file=sys.stderr, flush=True)

    with _sessions(settings)() as db:
        result = bulk.import_records(
            db=db,
            records=records,
            channel=channel,
            actor=actor,
            files_root=files.attachment_root(settings.files_dir),
            progress=progress,
        )
    print("", file=sys.stderr)
    for where, reason in result.rejected:
        print(f"{path.name}: {where}: {reason}")
    print(f"{result.accepted} report(s) imported, {len(result.rejected)} problem(s)")
    return 1 if result.rejected else 0


def cmd_sweep(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.intake import tasks  # noqa: PLC0415

    with _sessions(settings)() as db:
        result = tasks.sweep(db=db, files_dir=settings.files_dir, grace_seconds=args.grace)
    print(
        f"{result.drafts} expired draft(s), {result.keys} old idempotency key(s), "
        f"{result.orphans} orphan file(s) removed"
    )
    return 0


def add_intake_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("intake", help="bulk import of reports and emails; housekeeping")
    isub = p.add_subparsers(dest="intake_command", required=True)
    imp = isub.add_parser("import", help="import reports from .jsonl/.csv or emails from .eml/.mbox")
    imp.add_argument("file")
    imp.add_argument(
        "--report-type", default="suspicious_activity", help="report type given to imported emails"
    )
    imp.set_defaults(func=cmd_import)
    sweep = isub.add_parser("sweep", help="remove expired drafts, old idempotency keys and orphan files")
    sweep.add_argument("--grace", type=int, default=3600, help="only remove orphan files older than this (s)")
    sweep.set_defaults(func=cmd_sweep)
