"""recurring tasks and their periods

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:14:06.929706
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "task_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("closed_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.BigInteger(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_period_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_period")),
        sa.UniqueConstraint("task_id", "deadline", name="uq_task_period_task_deadline"),
    )
    with op.batch_alter_table("task_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_period_task_id"), ["task_id"], unique=False)

    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("recurrence", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("recurrence")

    with op.batch_alter_table("task_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_period_task_id"))

    op.drop_table("task_period")
