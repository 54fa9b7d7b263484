"""Removing one report's content from everywhere the database holds it.

The tables are found, not listed: every foreign key to ``report.id`` in the models' metadata is
followed (rows deleted, or the reference cleared where the key says ``SET NULL``), so a table
added later is covered without touching this module. What no foreign key reaches is named
here: the sharing rows (``record_share``), queued jobs (``subject = report:<id>``), the
idempotency receipt, POLE entities no other report mentions, and the links other reports'
triage results hold to this one. The search index follows the ``report`` row (SQLite's FTS5
triggers; PostgreSQL's expression index), and :func:`purge_search_index` compacts SQLite's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Column, Table, delete, exists, select, text, update
from sqlalchemy.orm import Session

from vigil.auth.marking import RecordShare
from vigil.db.models import all_metadata
from vigil.intake.models import Attachment, IdempotencyKey, Report
from vigil.jobs.models import Job
from vigil.triage.models import Entity, LinkSuggestion, Mention, TriageRecord
from vigil.workspace.models import ReportLink


@dataclass(frozen=True, slots=True)
class Erased:
    rows: dict[str, int]  # table -> rows deleted or cleared
    files: list[str]  # attachment paths (under the attachment root) to remove after commit


def _references_to_report() -> Iterator[tuple[Table, Column[int], str | None]]:
    report = Report.__table__
    for table in all_metadata().sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is report:
                yield table, fk.parent, fk.ondelete


def _unlink_from_other_triage(db: Session, report_id: int) -> int:
    """Drop this report from the ``related`` lists of other reports' triage results."""
    others = set(
        db.scalars(select(LinkSuggestion.report_id).where(LinkSuggestion.other_report_id == report_id))
    )
    others |= set(
        db.scalars(select(LinkSuggestion.other_report_id).where(LinkSuggestion.report_id == report_id))
    )
    others |= set(db.scalars(select(ReportLink.report_id).where(ReportLink.other_report_id == report_id)))
    others |= set(db.scalars(select(ReportLink.other_report_id).where(ReportLink.report_id == report_id)))
    others.discard(report_id)
    changed = 0
    if not others:
        return 0
    key = str(report_id)
    for record in db.scalars(select(TriageRecord).where(TriageRecord.report_id.in_(others))):
        kept = [link for link in record.related if str(link.get("report_id")) != key]
        if len(kept) != len(record.related):
            record.related = kept
            changed += 1
    db.flush()
    return changed


def erase_report(db: Session, report: Report) -> Erased:
    """Delete ``report`` and everything that holds its content; the caller commits."""
    rid, reference = report.id, report.reference
    rows: dict[str, int] = {}
    files = [
        path
        for pair in db.execute(
            select(Attachment.original_path, Attachment.derivative_path).where(Attachment.report_id == rid)
        )
        for path in pair
        if path
    ]
    entity_ids = set(db.scalars(select(Mention.entity_id).where(Mention.report_id == rid)))
    rows["triage_record.related"] = _unlink_from_other_triage(db, rid)
    for table, column, ondelete in _references_to_report():
        if (ondelete or "").upper() == "SET NULL":
            result = db.execute(update(table).where(column == rid).values({column.name: None}))
        else:
            result = db.execute(delete(table).where(column == rid))
        rows[f"{table.name}.{column.name}"] = result.rowcount  # type: ignore[attr-defined]
    if entity_ids:
        orphaned = delete(Entity).where(
            Entity.id.in_(entity_ids), ~exists().where(Mention.entity_id == Entity.id)
        )
        rows["entity"] = db.execute(orphaned).rowcount  # type: ignore[attr-defined]
    rows["record_share"] = db.execute(
        delete(RecordShare).where(
            RecordShare.record_type == Report.__record_type__, RecordShare.record_id == rid
        )
    ).rowcount  # type: ignore[attr-defined]
    rows["job"] = db.execute(delete(Job).where(Job.subject == f"report:{rid}")).rowcount  # type: ignore[attr-defined]
    rows["idempotency_key"] = db.execute(
        delete(IdempotencyKey).where(IdempotencyKey.reference == reference)
    ).rowcount  # type: ignore[attr-defined]
    db.expunge(report)
    rows["report"] = db.execute(delete(Report).where(Report.id == rid)).rowcount  # type: ignore[attr-defined]
    db.flush()
    return Erased(rows={k: v for k, v in rows.items() if v}, files=files)


def purge_search_index(db: Session) -> None:
    """Compact SQLite's FTS5 index so no deleted report's words remain in its pages.

    FTS5 (before SQLite 3.42's ``secure-delete``) records a deletion as a marker and drops the
    old terms only when segments merge; ``optimize`` merges them all. PostgreSQL's GIN index
    entries go when VACUUM (autovacuum) reclaims the dead row: see docs/retention.md.
    """
    if db.get_bind().dialect.name == "sqlite":
        db.execute(text("INSERT INTO report_fts(report_fts) VALUES ('optimize')"))
