"""``vigil reference import DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.config import Settings
from vigil.reference.data import ReferenceDataError


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415
    from vigil.reference.service import import_directory  # noqa: PLC0415

    def progress(stage: str, done: int, total: int) -> None:
        print(f"  [{done:>2}/{total}] {stage}", file=sys.stderr, flush=True)

    directory = Path(args.directory)
    print(f"importing reference data from {directory}", file=sys.stderr)
    with make_sessionmaker(make_engine(settings.database_url))() as db:
        try:
            summary = import_directory(db=db, directory=directory, progress=progress)
        except ReferenceDataError as exc:
            print(f"vigil reference import: {exc}", file=sys.stderr)
            return 2
        record(
            db,
            tag=AuditTag.reference_import,
            actor=Actor(user_id=None, label="cli"),
            object_type="ref_import",
            object_id=summary.import_id,
            details={"directory": str(directory), "counts": summary.counts, "errors": len(summary.errors)},
        )
        db.commit()
    for name, n in summary.counts.items():
        print(f"{name:22} {n:>7}")
    for error in summary.errors:
        print(f"bad row skipped: {error}")
    print(f"{len(summary.errors)} bad row(s) skipped")
    return 0


def add_reference_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("reference", help="UK reference data (forces, postcodes, places, MPs)")
    rs = p.add_subparsers(dest="reference_command", required=True)
    i = rs.add_parser("import", help="load a directory laid out like shared/data/reference (idempotent)")
    i.add_argument("directory")
    i.set_defaults(func=cmd_import)
