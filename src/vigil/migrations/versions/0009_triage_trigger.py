"""triage records say what triggered them, so a follow-up adds a result beside the first

Revision ID: 0009_triage_trigger
Revises: 0008_merge
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_triage_trigger"
down_revision: str | Sequence[str] | None = "0008_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("triage_record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("trigger", sa.String(length=40), server_default="intake", nullable=False)
        )
        batch_op.drop_constraint("uq_triage_record_report_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_triage_record_report_version_trigger", ["report_id", "engine_version", "trigger"]
        )


def downgrade() -> None:
    with op.batch_alter_table("triage_record", schema=None) as batch_op:
        batch_op.drop_constraint("uq_triage_record_report_version_trigger", type_="unique")
        batch_op.create_unique_constraint("uq_triage_record_report_id", ["report_id", "engine_version"])
        batch_op.drop_column("trigger")
