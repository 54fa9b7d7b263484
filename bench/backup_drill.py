"""RELIABILITY row 34: the backup / restore drill on a 10,000-report fixture with attachments.

    .venv/bin/python bench/backup_drill.py                                   # SQLite
    .venv/bin/python bench/backup_drill.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/backup_drill   # dropped and recreated

The fixture is made by the real intake service (``vigil.intake.bulk.import_records``: every
photo sniffed, re-encoded and stored, each report with its triage job and audit event); its
time is not part of the drill. The drill is what an operator runs: ``vigil backup create``
(the service behind it), a wipe (the database file or schema and the files directory
deleted), ``vigil backup restore`` into the empty target, and the restore's own verification
(row counts, every attachment's SHA-256 against its row, the audit chain to the manifest's
head). The bench then checks, independently, that every reference came back and that every
attachment file hashes to what it did before the backup. Pass: all of that, and the drill
(backup + restore + verify) under 60 s. Exit status 0 only on a pass.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from intake_load import fresh_database
from vigil.audit.service import Actor
from vigil.backup import service
from vigil.config import Mode, Settings
from vigil.db.engine import make_engine
from vigil.db.session import make_sessionmaker
from vigil.intake import bulk
from vigil.intake.enums import Channel
from vigil.intake.files import attachment_root
from vigil.intake.models import Attachment, Report

TARGET_SECONDS = 60.0


def photos(n: int, px: int) -> list[bytes]:
    """``n`` different noisy JPEGs of ``px`` x ``px * 3 / 4`` (noise does not compress: photo-sized)."""
    rng = random.Random(34)
    out = []
    for _ in range(n):
        img = Image.frombytes("RGB", (px, px * 3 // 4), rng.randbytes(px * (px * 3 // 4) * 3))
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=85)
        out.append(buf.getvalue())
    return out


def build(settings: Settings, reports: int, px: int) -> None:
    pictures = photos(25, px)
    records = (
        bulk.Record(
            f"line {i}",
            {
                "report_type": "suspicious_activity",
                "description": f"Drill report {i}: a man filming the security gates at the depot for an hour.",
                "location_text": f"Gate {i % 40}, Mill Road depot, Bedford",
            },
            attachments=[(pictures[i % len(pictures)], f"photo-{i}.jpg")],
        )
        for i in range(reports)
    )

    def progress(accepted: int, _rejected: int) -> None:
        if accepted % 500 == 0:
            print(f"\rfixture: {accepted}/{reports}", end="", file=sys.stderr, flush=True)

    engine = make_engine(settings.database_url)
    with make_sessionmaker(engine)() as db:
        result = bulk.import_records(
            db=db,
            records=records,
            channel=Channel.bulk,
            actor=Actor(user_id=None, label="bench:backup_drill"),
            files_root=attachment_root(settings.files_dir),
            batch=500,
            progress=progress,
        )
    engine.dispose()
    print("", file=sys.stderr)
    if result.accepted != reports or result.rejected:
        raise SystemExit(f"fixture: {result.accepted} accepted, {result.rejected[:3]} rejected")


def snapshot(settings: Settings) -> tuple[set[str], dict[str, str]]:
    engine = make_engine(settings.database_url)
    with Session(engine) as db:
        references = set(db.scalars(select(Report.reference)))
        paths = [
            p
            for row in db.execute(select(Attachment.original_path, Attachment.derivative_path))
            for p in row
            if p
        ]
    engine.dispose()
    root = attachment_root(settings.files_dir)
    return references, {p: hashlib.sha256((root / p).read_bytes()).hexdigest() for p in paths}


def wipe(settings: Settings) -> None:
    if settings.is_sqlite:
        db_file = Path(settings.database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    else:
        engine = make_engine(settings.database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    shutil.rmtree(settings.files_dir)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (database is dropped and recreated)")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--photo-px", type=int, default=320, help="width of each report's photo")
    parser.add_argument(
        "--workdir", type=Path, help="where the database, files and backup go (default: a temp dir)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp_name:
        tmp = Path(tmp_name)
        url = fresh_database(args.database_url, tmp)
        settings = Settings(mode=Mode.test, database_url=url, data_dir=tmp / "var")
        started = time.perf_counter()
        build(settings, args.reports, args.photo_px)
        fixture_s = time.perf_counter() - started
        before_refs, before_files = snapshot(settings)
        backup_dir = tmp / "backup"

        started = time.perf_counter()
        manifest = service.create(settings=settings, to=backup_dir)
        backup_s = time.perf_counter() - started
        wipe(settings)
        report = service.restore(settings=settings, source=backup_dir)
        after_refs, after_files = snapshot(settings)

        drill_s = backup_s + report.restore_seconds + report.verify_seconds
        ok = (
            not report.problems
            and after_refs == before_refs
            and after_files == before_files
            and drill_s < TARGET_SECONDS
        )
        kind = "SQLite" if settings.is_sqlite else "PostgreSQL"
        print(f"\nfixture built in {fixture_s:.1f} s (not part of the drill)")
        for problem in report.problems[:20]:
            print(f"PROBLEM: {problem}")
        print(
            "| backend | reports | attachments | files | database MiB | files MiB | audit events "
            "| backup s | restore s | verify s | total s | receipts | SHA-256 | audit chain | result |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        print(
            f"| {kind} | {manifest.row_counts['report']} | {manifest.row_counts['report_attachment']} "
            f"| {len(manifest.files)} | {manifest.database_size / 2**20:.1f} | {du(backup_dir / 'files') / 2**20:.1f} "
            f"| {report.audit_events} | {backup_s:.2f} | {report.restore_seconds:.2f} | {report.verify_seconds:.2f} "
            f"| **{drill_s:.2f}** | {len(after_refs & before_refs)}/{len(before_refs)} "
            f"| {sum(after_files.get(p) == h for p, h in before_files.items())}/{len(before_files)} "
            f"| {'ok' if not report.problems else 'BROKEN'} | {'PASS' if ok else 'FAIL'} |"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
