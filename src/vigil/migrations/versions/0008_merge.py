"""merge the intake, protect and workspace branches; put back SQLite triggers batch mode dropped

SQLite drops a table's triggers when Alembic's batch mode rebuilds the table. The three
branches from 0004 ran in an order Alembic chooses, so the report full-text triggers (0007)
may have been dropped by 0005's rebuild of ``report``. This revision re-creates them (and the
audit table's append-only triggers, for the same reason) if missing, and rebuilds the index.

Revision ID: 0008_merge
Revises: 0005_intake, 0006_protect, 0007_workspace
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_merge"
down_revision: str | Sequence[str] | None = ("0005_intake", "0006_protect", "0007_workspace")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS report_fts_ai AFTER INSERT ON report BEGIN "
    "INSERT INTO report_fts(rowid, description, location_text) "
    "VALUES (new.id, new.description, new.location_text); END",
    "CREATE TRIGGER IF NOT EXISTS report_fts_ad AFTER DELETE ON report BEGIN "
    "INSERT INTO report_fts(report_fts, rowid, description, location_text) "
    "VALUES ('delete', old.id, old.description, old.location_text); END",
    "CREATE TRIGGER IF NOT EXISTS report_fts_au AFTER UPDATE OF description, location_text ON report BEGIN "
    "INSERT INTO report_fts(report_fts, rowid, description, location_text) "
    "VALUES ('delete', old.id, old.description, old.location_text); "
    "INSERT INTO report_fts(rowid, description, location_text) "
    "VALUES (new.id, new.description, new.location_text); END",
    "CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)
    op.execute("INSERT INTO report_fts(report_fts) VALUES ('rebuild')")


def downgrade() -> None:
    pass  # the triggers belong to 0001 and 0007, whose downgrades remove them
