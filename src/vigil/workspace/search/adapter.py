"""Full-text search, one adapter over two dialects.

SQLite: the FTS5 table ``report_fts`` (external content on ``report``, kept in step by the
triggers of migrations 0007_workspace and 0008_merge), queried with ``MATCH`` and joined on ``rowid``.
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


def report_text_filter(db: Session, stmt: Select[Report], q: str) -> Select[Report]:
    """Narrow a select over ``Report`` to reports whose text matches ``q``."""
    if db.get_bind().dialect.name == "postgresql":
        return stmt.where(_pg_clause(q))
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
