"""``vigil retention queue | run | accept-clock | reapply``."""

from __future__ import annotations

import argparse
import os
import sys

from vigil.config import Settings


def _sessions(settings: Settings):  # type: ignore[no-untyped-def]
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415

    return make_sessionmaker(make_engine(settings.database_url, busy_timeout_ms=settings.db_busy_timeout_ms))


def cmd_queue(args: argparse.Namespace, settings: Settings) -> int:
    """List what is due, across the deployment (the command line is the operator's view)."""
    from sqlalchemy import select  # noqa: PLC0415

    from vigil.auth.models import Organisation  # noqa: PLC0415
    from vigil.db.types import utcnow  # noqa: PLC0415
    from vigil.intake.models import Report  # noqa: PLC0415

    with _sessions(settings)() as db:
        stmt = (
            select(
                Report.reference,
                Report.report_type,
                Report.review_due_at,
                Report.legal_hold,
                Organisation.code,
            )
            .join(Organisation, Organisation.id == Report.owner_org_id)
            .where(Report.review_due_at <= utcnow())
            .order_by(Report.review_due_at, Report.id)
            .limit(args.limit)
        )
        rows = list(db.execute(stmt))
    for reference, report_type, due, hold, org in rows:
        print(f"{reference}  {org:<24} {report_type:<26} due {due:%Y-%m-%d}{'  LEGAL HOLD' if hold else ''}")
    print(
        f"{len(rows)} report(s) due for review{' (first ' + str(args.limit) + ')' if len(rows) == args.limit else ''}"
    )
    return 0


def cmd_run(_args: argparse.Namespace, settings: Settings) -> int:
    """Run the scheduled review now (exit 3 when the clock-jump guard refuses)."""
    from vigil.db.session import transaction  # noqa: PLC0415
    from vigil.retention.tasks import run_review  # noqa: PLC0415

    with transaction(_sessions(settings)) as db:
        result = run_review(db=db, settings=settings)
    if result.refused:
        print(f"vigil retention run: REFUSED by the clock-jump guard: {result.refused}", file=sys.stderr)
        print("check the server clock, then `vigil retention accept-clock --reason ...`", file=sys.stderr)
        return 3
    run = result.run
    print(
        f"retention review at {run.at:%Y-%m-%d %H:%M} UTC: {run.due} due ({run.newly_due} newly), {run.held} on legal hold"
    )
    print("nothing was deleted: disposal is a records manager's decision (/admin/retention)")
    return 0


def cmd_accept_clock(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.audit.service import Actor  # noqa: PLC0415
    from vigil.db.session import transaction  # noqa: PLC0415
    from vigil.retention.tasks import accept_clock  # noqa: PLC0415

    actor = Actor(user_id=None, label=f"cli:{os.environ.get('USER', 'unknown')}:retention")
    with transaction(_sessions(settings)) as db:
        run = accept_clock(db=db, settings=settings, actor=actor, reason=args.reason)
    print(f"clock accepted at {run.at:%Y-%m-%d %H:%M:%S} UTC; the next review runs against it")
    return 0


def cmd_reapply(_args: argparse.Namespace, settings: Settings) -> int:
    from vigil.retention.service import reapply_ledger  # noqa: PLC0415

    with _sessions(settings)() as db:
        result = reapply_ledger(db=db, data_dir=settings.data_dir, files_dir=settings.files_dir)
    print(f"disposal ledger: {result.entries} entries, {len(result.disposed)} disposed of again")
    return 0


def add_retention_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "retention", help="retention review: the queue, the scheduled run, the disposal ledger"
    )
    rsub = p.add_subparsers(dest="retention_command", required=True)
    queue = rsub.add_parser("queue", help="list reports past their review date")
    queue.add_argument("--limit", type=int, default=200)
    queue.set_defaults(func=cmd_queue)
    rsub.add_parser("run", help="run the scheduled review now (flags, never deletes)").set_defaults(
        func=cmd_run
    )
    accept = rsub.add_parser("accept-clock", help="confirm the clock after the guard refused a run")
    accept.add_argument("--reason", required=True, help="how the clock was checked")
    accept.set_defaults(func=cmd_accept_clock)
    rsub.add_parser(
        "reapply", help="dispose again of ledger entries the database still holds (restore does this)"
    ).set_defaults(func=cmd_reapply)
