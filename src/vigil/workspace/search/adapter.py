"""Full-text search, one adapter over two dialects.

SQLite: the FTS5 table ``report_fts`` (external content on ``report``, kept in step by the
triggers of migration 0007_workspace), queried with ``MATCH`` and joined on ``rowid``.
PostgreSQL: ``to_tsvector`` over the same columns, the expression the GIN index
``ix_report_fulltext`` was built on, matched with ``websearch_to_tsquery``.

Either way the match is one clause in the same SQL statement as ``visible_clause``, so a report
the user may not see is never a search result, never counted, never exported.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Select, column, literal_column, table, text
from sqlalchemy.orm import Session

from vigil.intake.models import Report

_FTS = table("report_fts", column("rowid"), column("report_fts"))
_TOKEN = re.compile(r"[\w'@.+-]+", re.UNICODE)
PG_DOCUMENT = (
    "to_tsvector('english'::regconfig, coalesce(report.description, '') || ' ' || "
    "coalesce(report.location_text, ''))"
)


def fts5_query(q: str) -> str:
    """User text to a safe FTS5 query: every token quoted (no operators), all required.

    A trailing ``*`` keeps prefix search (``AB12*``); everything else is literal text.
    """
    terms = []
    for raw in _TOKEN.findall(q)[:20]:
        prefix = raw.endswith("*")
        token = raw.rstrip("*").replace('"', '""')
        if token:
            terms.append(f'"{token}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _pg_clause(q: str) -> ColumnElement[bool]:
    return text(f"{PG_DOCUMENT} @@ websearch_to_tsquery('english'::regconfig, :fts_q)").bindparams(
        fts_q=q[:200]
    )  # type: ignore[return-value]


#: The triggers of migration 0007 that keep ``report_fts`` in step with ``report``.
SQLITE_TRIGGERS = {
    "report_fts_ai": "CREATE TRIGGER report_fts_ai AFTER INSERT ON report BEGIN "
    "INSERT INTO report_fts(rowid, description, location_text) "
    "VALUES (new.id, new.description, new.location_text); END",
    "report_fts_ad": "CREATE TRIGGER report_fts_ad AFTER DELETE ON report BEGIN "
    "INSERT INTO report_fts(report_fts, rowid, description, location_text) "
    "VALUES ('delete', old.id, old.description, old.location_text); END",
    "report_fts_au": "CREATE TRIGGER report_fts_au AFTER UPDATE OF description, location_text ON report BEGIN "
    "INSERT INTO report_fts(report_fts, rowid, description, location_text) "
    "VALUES ('delete', old.id, old.description, old.location_text); "
    "INSERT INTO report_fts(rowid, description, location_text) "
    "VALUES (new.id, new.description, new.location_text); END",
}
_checked: set[str] = set()


def ensure_sqlite_index(db: Session) -> bool:
    """Put back the FTS triggers if a later migration dropped them; return True if it had to.

    SQLite drops a table's triggers when Alembic's batch mode rebuilds the table, so any
    migration that batch-alters ``report`` after 0007 (including parallel branches applied
    later) removes them. Checked once per database per process; a repair rebuilds the index
    from ``report`` so nothing inserted meanwhile is missed.
    """
    key = str(db.get_bind().engine.url)
    if key in _checked:
        return False
    present = set(
        db.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_fts_%'"))
    )
    repaired = False
    if present != set(SQLITE_TRIGGERS):
        for name, statement in SQLITE_TRIGGERS.items():
            if name not in present:
                db.execute(text(statement))
        db.execute(text("INSERT INTO report_fts(report_fts) VALUES ('rebuild')"))
        repaired = True
    else:
        _checked.add(key)  # a repair is remembered only once it is seen committed
    return repaired


def report_text_filter(db: Session, stmt: Select[Report], q: str) -> Select[Report]:
    """Narrow a select over ``Report`` to reports whose text matches ``q``."""
    if db.get_bind().dialect.name == "postgresql":
        return stmt.where(_pg_clause(q))
    ensure_sqlite_index(db)
    query = fts5_query(q)
    if not query:
        return stmt.where(literal_column("0") == 1)
    return stmt.join(_FTS, _FTS.c.rowid == Report.id).where(_FTS.c.report_fts.op("MATCH")(query))


def newest_first(db: Session, stmt: Select[Report], *, matched: bool) -> Select[Report]:
    """Order newest first. On SQLite with a text match, order by the FTS rowid (the same id)
    so FTS5 walks its doclists backwards and stops at the limit instead of sorting every hit."""
    if matched and db.get_bind().dialect.name == "sqlite":
        return stmt.order_by(_FTS.c.rowid.desc())
    return stmt.order_by(Report.id.desc())
