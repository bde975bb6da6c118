"""recurring extensions keep the schedule

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 00:03:54.133415
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scheduled_deadline", sa.Date(), nullable=True))

    with op.batch_alter_table("task_period", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scheduled_deadline", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task_period", schema=None) as batch_op:
        batch_op.drop_column("scheduled_deadline")

    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("scheduled_deadline")
