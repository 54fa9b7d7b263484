"""``vigil threat-level seed [DIR]``: the published history and the default playbooks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigil.audit.enums import AuditTag
from vigil.audit.service import Actor, record
from vigil.config import Settings
from vigil.reference.data import ReferenceDataError


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    from vigil.db.engine import make_engine  # noqa: PLC0415
    from vigil.db.session import make_sessionmaker  # noqa: PLC0415
    from vigil.threat_level.service import ensure_default_playbooks, seed_from_directory  # noqa: PLC0415

    with make_sessionmaker(make_engine(settings.database_url))() as db:
        try:
            added, errors = seed_from_directory(db, Path(args.directory))
        except ReferenceDataError as exc:
            print(f"vigil threat-level seed: {exc}", file=sys.stderr)
            return 2
        playbooks = ensure_default_playbooks(db)
        record(
            db,
            tag=AuditTag.reference_import,
            actor=Actor(user_id=None, label="cli"),
            object_type="threat_level",
            details={"added": added, "playbooks": playbooks, "errors": len(errors)},
        )
        db.commit()
    for error in errors:
        print(f"bad row skipped: {error}")
    print(f"{added} threat level change(s) added, {playbooks} playbook(s) added, {len(errors)} bad row(s)")
    return 0


def add_threat_level_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("threat-level", help="threat levels and posture playbooks")
    ts = p.add_subparsers(dest="threat_level_command", required=True)
    s = ts.add_parser("seed", help="load the published history and the default playbooks (idempotent)")
    s.add_argument("directory", nargs="?", default="../shared/data/reference")
    s.set_defaults(func=cmd_seed)
