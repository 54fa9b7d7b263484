"""``vigil protect import-mps [DIR]``: the MP register, from a reference directory or, with no
directory, from the reference tables already imported into the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.config import Settings
from vigil.reference.data import ReferenceDataError


def cmd_import_mps(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415
    from vigil.protect.importer import import_mps, mps_from_db, mps_from_directory  # noqa: PLC0415

    with make_sessionmaker(make_engine(settings.database_url))() as db:
        try:
            if args.directory:
                mps, forces, errors = mps_from_directory(Path(args.directory))
            else:
                mps, forces = mps_from_db(db)
                errors = []
        except ReferenceDataError as exc:
            print(f"vigil protect import-mps: {exc}", file=sys.stderr)
            return 2
        if not mps:
            print(
                "no MPs found: give a reference directory or run `vigil reference import` first",
                file=sys.stderr,
            )
            return 2
        summary = import_mps(db=db, mps=mps, forces=forces, errors=errors)
        record(
            db,
            tag=AuditTag.register_write,
            actor=Actor(user_id=None, label="cli"),
            object_type="protected_person",
            details={
                "import_mps": args.directory or "<database>",
                "added": summary.added,
                "updated": summary.updated,
                "errors": len(summary.errors),
            },
        )
        db.commit()
    for error in summary.errors:
        print(f"bad row skipped: {error}")
    print(
        f"MPs: {summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.deactivated} marked inactive, {len(summary.errors)} bad row(s)"
    )
    return 0


def add_protect_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("protect", help="protective-security registers")
    ps = p.add_subparsers(dest="protect_command", required=True)
    i = ps.add_parser("import-mps", help="import or refresh the 650 MPs (idempotent by member id)")
    i.add_argument("directory", nargs="?", default=None)
    i.set_defaults(func=cmd_import_mps)
