"""retention review: a review date and legal hold on every report, decisions, disposal stubs, runs

Existing reports get the review date the default policy gives them (six years from receipt;
ten for threats to public figures and radicalisation concerns), as the code's defaults were
when this migration was written. A force with another policy re-dates them with retain
decisions; nothing is ever disposed of because of a date alone.

On SQLite the column is added with a constant default (an ALTER TABLE ADD COLUMN NOT NULL
needs one; rebuilding ``report`` would drop its search-index triggers). The constant is in
the past, so a row that somehow missed the application's default would show as due for
review, never be disposed of unseen. The application always supplies the value.

Revision ID: 0010_retention
Revises: 0009_triage_trigger
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from vigil.db.types import UTCDateTime

revision: str = "0010_retention"
down_revision: str | Sequence[str] | None = "0009_triage_trigger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Frozen copy of the defaults at this revision (the code's may change later).
DEFAULT_YEARS = 6
YEARS_BY_TYPE = {"threat_to_public_figure": 10, "radicalisation_concern": 10}
SQLITE_PLACEHOLDER = "1970-01-01 00:00:00.000000"


def _backfill(dialect: str) -> None:
    for report_type, years in [(None, DEFAULT_YEARS), *YEARS_BY_TYPE.items()]:
        if dialect == "sqlite":
            # The format SQLAlchemy writes for DateTime on SQLite (naive UTC, microseconds).
            value = f"strftime('%Y-%m-%d %H:%M:%f000', submitted_at, '+{years} years')"
        else:
            value = f"submitted_at + make_interval(years => {years})"
        where = "" if report_type is None else f" WHERE report_type = '{report_type}'"
        op.execute(f"UPDATE report SET review_due_at = {value}{where}")  # noqa: S608 - constants only


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Plain ALTER TABLE ADD COLUMN, not batch mode: a batch rebuild of ``report`` on SQLite
    # would drop the search-index triggers of 0008_merge.
    op.add_column(
        "report",
        sa.Column(
            "review_due_at",
            UTCDateTime(),
            nullable=dialect == "postgresql",  # PostgreSQL: NOT NULL once filled in, below
            server_default=SQLITE_PLACEHOLDER if dialect == "sqlite" else None,
        ),
    )
    op.add_column("report", sa.Column("legal_hold", sa.Boolean(), server_default=sa.false(), nullable=False))
    _backfill(dialect)
    if dialect == "postgresql":
        op.alter_column("report", "review_due_at", nullable=False)
    op.create_index("ix_report_review_due_at", "report", ["review_due_at"])

    op.create_table(
        "retention_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("previous_review_at", UTCDateTime(), nullable=True),
        sa.Column("next_review_at", UTCDateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["user_account.id"], name="fk_retention_decision_decided_by_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_retention_decision"),
    )
    op.create_index("ix_retention_decision_report_id", "retention_decision", ["report_id"])
    op.create_table(
        "disposed_report",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("report_type", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("force_slug", sa.String(length=64), nullable=True),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.Column("review_due_at", UTCDateTime(), nullable=False),
        sa.Column("disposed_at", UTCDateTime(), nullable=False),
        sa.Column("disposed_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("classification", sa.String(length=32), nullable=False),
        sa.Column("handling_code", sa.String(length=1), nullable=False),
        sa.Column("handling_conditions", sa.Text(), nullable=True),
        sa.Column("owner_org_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["disposed_by_id"], ["user_account.id"], name="fk_disposed_report_disposed_by_id_user_account"
        ),
        sa.ForeignKeyConstraint(
            ["owner_org_id"], ["organisation.id"], name="fk_disposed_report_owner_org_id_organisation"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_disposed_report"),
        sa.UniqueConstraint("reference", name="uq_disposed_report_reference"),
    )
    op.create_index("ix_disposed_report_disposed_at", "disposed_report", ["disposed_at"])
    op.create_index("ix_disposed_report_owner_org_id", "disposed_report", ["owner_org_id"])
    op.create_table(
        "retention_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("due", sa.Integer(), nullable=False),
        sa.Column("newly_due", sa.Integer(), nullable=False),
        sa.Column("held", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name="fk_retention_run_actor_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_retention_run"),
    )
    op.create_index("ix_retention_run_at", "retention_run", ["at"])


def downgrade() -> None:
    op.drop_index("ix_retention_run_at", table_name="retention_run")
    op.drop_table("retention_run")
    op.drop_index("ix_disposed_report_owner_org_id", table_name="disposed_report")
    op.drop_index("ix_disposed_report_disposed_at", table_name="disposed_report")
    op.drop_table("disposed_report")
    op.drop_index("ix_retention_decision_report_id", table_name="retention_decision")
    op.drop_table("retention_decision")
    op.drop_index("ix_report_review_due_at", table_name="report")
    # ALTER TABLE ... DROP COLUMN on both (SQLite >= 3.35): a batch rebuild of ``report`` on
    # SQLite would drop its search-index triggers.
    op.execute("ALTER TABLE report DROP COLUMN legal_hold")
    op.execute("ALTER TABLE report DROP COLUMN review_due_at")
