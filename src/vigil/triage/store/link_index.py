"""The linking index in the database: the same keys as ``InMemoryLinkIndex``, queried with SQL.

Each triaged report has one ``link_record`` row (signature and the facts the judge needs) and
one ``link_key`` row per key (MinHash bands, normalised entities, space-time cells, protected
person). ``candidates`` is one indexed ``IN`` query over ``link_key``, so its cost grows with
the number of reports sharing a key, not with the size of the archive.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from vigil.triage.models import LinkKey, LinkRecordRow
from vigil.triage.schemas import Candidate, LinkRecord

#: Keys shared by more reports than this are too common to tell anything (a busy station's
#: space-time cell); like the in-memory index, they are skipped rather than scanned.
MAX_POSTINGS = 500


def signature_to_bytes(signature: Sequence[int]) -> bytes:
    return array("I", signature).tobytes()


def signature_from_bytes(blob: bytes) -> tuple[int, ...]:
    values = array("I")
    values.frombytes(blob)
    return tuple(values)


class SqlLinkIndex:
    """``LinkIndex`` over the ``link_record`` and ``link_key`` tables, in the caller's session."""

    def __init__(self, db: Session, *, exclude_report_id: int | None = None) -> None:
        self.db = db
        self.exclude = exclude_report_id

    def add(self, record: LinkRecord) -> None:
        """Remember a report for linking. A report already here is re-keyed from the newer
        record (a re-triage by a later engine may key it differently; the triage results keep
        the history), so a re-run of the same job changes nothing."""
        report_id = int(record.report_id)
        keys = sorted({key[:96] for key in record.keys})
        row = self.db.get(LinkRecordRow, report_id)
        if row is None:
            row = LinkRecordRow(report_id=report_id)
            self.db.add(row)
        else:
            stored = set(self.db.scalars(select(LinkKey.key).where(LinkKey.report_id == report_id)))
            if stored != set(keys):
                self.db.execute(delete(LinkKey).where(LinkKey.report_id == report_id))
                self.db.flush()
            else:
                keys = []
        row.submitted_at = record.submitted_at
        row.category = record.category
        row.force_slug = record.force
        row.lat = record.lat
        row.lon = record.lon
        row.protected_person_id = record.protected_person_id
        row.signature = signature_to_bytes(record.signature)
        self.db.add_all(LinkKey(key=key, report_id=report_id) for key in keys)
        self.db.flush()

    def candidates(self, keys: Sequence[str], *, since: datetime, limit: int = 200) -> list[Candidate]:
        wanted = sorted({k[:96] for k in keys})
        if not wanted:
            return []
        common = set(
            self.db.scalars(
                select(LinkKey.key)
                .where(LinkKey.key.in_(wanted))
                .group_by(LinkKey.key)
                .having(func.count() > MAX_POSTINGS)
            )
        )
        usable = [k for k in wanted if k not in common]
        if not usable:
            return []
        rows = self.db.execute(
            select(LinkKey.key, LinkRecordRow)
            .join(LinkRecordRow, LinkRecordRow.report_id == LinkKey.report_id)
            .where(LinkKey.key.in_(usable), LinkRecordRow.submitted_at >= since)
        ).all()
        shared: dict[int, list[str]] = defaultdict(list)
        records: dict[int, LinkRecordRow] = {}
        for key, row in rows:
            if row.report_id == self.exclude:
                continue
            shared[row.report_id].append(key)
            records[row.report_id] = row
        ranked = sorted(shared, key=lambda rid: (-len(shared[rid]), rid))[:limit]
        return [Candidate(record=_record(records[rid]), shared_keys=tuple(shared[rid])) for rid in ranked]


def _record(row: LinkRecordRow) -> LinkRecord:
    return LinkRecord(
        report_id=str(row.report_id),
        submitted_at=row.submitted_at,
        category=row.category,
        force=row.force_slug,
        lat=row.lat,
        lon=row.lon,
        protected_person_id=row.protected_person_id,
        keys=(),
        signature=signature_from_bytes(row.signature),
    )
