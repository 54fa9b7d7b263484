"""One command line: ``vigil serve``, ``vigil worker``, ``vigil db``, ``vigil users``, ...

Each sub-command builds what it needs when it runs; importing this module does nothing.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from vigil.config import Settings

Command = Callable[[argparse.Namespace, Settings], int]


def _settings() -> Settings:
    return Settings()


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn  # noqa: PLC0415

    from vigil.app import create_app  # noqa: PLC0415

    app = create_app(settings)
    _tune_gc()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=settings.log_level.lower(),
        timeout_keep_alive=5,
        access_log=args.access_log,
    )
    return 0


def _tune_gc() -> None:
    """Fewer, cheaper garbage collections for a long-running server.

    Everything built at start-up (the app, its routes, the ORM mappers, the reference lookups)
    lives for the whole process: ``gc.freeze`` moves it out of the collector's reach, so a
    full collection no longer walks it, and a higher first threshold makes young collections
    rarer. Full collections were the largest single source of tail latency on intake.
    """
    import gc  # noqa: PLC0415

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.auth.enums import Classification  # noqa: PLC0415
    from vigil.auth.marking import install_ceiling  # noqa: PLC0415
    from vigil.db.engine import assert_durable, make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415
    from vigil.jobs.registry import default_handlers  # noqa: PLC0415
    from vigil.jobs.worker import Worker, WorkerPool  # noqa: PLC0415
    from vigil.retention.policy import install_policy  # noqa: PLC0415
    from vigil.retention.tasks import schedule_on_start  # noqa: PLC0415

    engine = make_engine(settings.database_url, busy_timeout_ms=settings.db_busy_timeout_ms)
    assert_durable(engine)
    install_policy(engine, settings)
    sessions = make_sessionmaker(engine)
    install_ceiling(sessions, Classification(settings.max_classification))
    from vigil.triage.classifier import ClassifierUnavailable  # noqa: PLC0415
    from vigil.triage.tasks import preload  # noqa: PLC0415

    handlers = default_handlers()
    try:
        preload(settings)
    except ClassifierUnavailable as exc:
        print(f"vigil worker: {exc}", file=sys.stderr)
        return 2
    pool = WorkerPool(
        [Worker(sessions=sessions, handlers=handlers, settings=settings) for _ in range(args.concurrency)]
    )
    done = threading.Event()

    def _stop(_signum: int, _frame: object) -> None:
        done.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    pool.start()
    schedule_on_start(sessions, settings)
    print(f"vigil worker: {args.concurrency} thread(s) on {engine.url.render_as_string(hide_password=True)}")
    sys.stdout.flush()
    done.wait()
    pool.shutdown()
    return 0


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.db import migrate  # noqa: PLC0415

    if args.db_command == "upgrade":
        migrate.upgrade(settings.database_url)
        print("database is at the latest revision")
    elif args.db_command == "check":
        migrate.check(settings.database_url)
        print("models and migrations agree")
    elif args.db_command == "downgrade":
        migrate.downgrade(settings.database_url, args.revision)
    return 0


def cmd_audit(_args: argparse.Namespace, settings: Settings) -> int:
    from vigil.audit.service import verify  # noqa: PLC0415
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415

    sessions = make_sessionmaker(make_engine(settings.database_url))
    with sessions() as db:
        count, problems = verify(db)
    for p in problems:
        print(f"BROKEN at event seq={p.seq} id={p.event_id}: {p.problem}")
    if problems:
        print(f"audit chain BROKEN: {len(problems)} problem(s) in {count} events")
        return 1
    print(f"audit chain intact: {count} events verified")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from vigil.auth.cli import add_users_parser  # noqa: PLC0415
    from vigil.backup.cli import add_backup_parser  # noqa: PLC0415
    from vigil.demo import add_demo_parser  # noqa: PLC0415
    from vigil.intake.cli import add_intake_parser  # noqa: PLC0415
    from vigil.protect.cli import add_protect_parser  # noqa: PLC0415
    from vigil.reference.cli import add_reference_parser  # noqa: PLC0415
    from vigil.retention.cli import add_retention_parser  # noqa: PLC0415
    from vigil.threat_level.cli import add_threat_level_parser  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="vigil", description="Vigil: CT and protective-security policing")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="run the web server (embedded: with worker threads)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run standalone job workers (any number, any machine)")
    p.add_argument("--concurrency", type=int, default=2, help="worker threads in this process")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("db", help="database schema")
    dbsub = p.add_subparsers(dest="db_command", required=True)
    dbsub.add_parser("upgrade", help="apply every migration").set_defaults(func=cmd_db)
    dbsub.add_parser("check", help="fail if models and migrations disagree").set_defaults(func=cmd_db)
    down = dbsub.add_parser("downgrade", help="revert to a revision")
    down.add_argument("revision")
    down.set_defaults(func=cmd_db)

    p = sub.add_parser("audit", help="audit trail")
    asub = p.add_subparsers(dest="audit_command", required=True)
    asub.add_parser("verify", help="check the hash chain; exit 1 naming any broken event").set_defaults(
        func=cmd_audit
    )

    add_users_parser(sub)
    add_reference_parser(sub)
    add_protect_parser(sub)
    add_threat_level_parser(sub)
    add_demo_parser(sub)
    add_intake_parser(sub)
    add_backup_parser(sub)
    add_retention_parser(sub)
    _add_triage_parser(sub)
    return parser


def _add_triage_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from vigil.triage import cli as triage_cli  # noqa: PLC0415

    p = sub.add_parser("triage", help="triage a JSON Lines file of reports with the engine")
    triage_cli.add_arguments(p)
    p.set_defaults(func=lambda args, _settings: triage_cli.run(args))


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        settings = _settings()
    except ValueError as exc:
        print(f"vigil: configuration error: {exc}", file=sys.stderr)
        return 2
    func: Command = args.func
    return func(args, settings)


def prompt_password() -> str:
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise SystemExit("passwords do not match")
    return first


if __name__ == "__main__":
    raise SystemExit(main())
