"""a periodic duty's current period is recorded missed only after a sweep has chased it

task.period_current_from keeps the day from which the sweep counts a recurring task's current
period as chased (see storage.tasks.roll_missed_periods). Until now the sweep guessed it from the
last period recorded missed, and knew nothing of a period a late /done made current after that
morning's digest: one already past its escalation was recorded missed the next morning, never
chased.

Existing tasks start without it, as if their period had just been made current: the first sweep
that finds one past its deadline chases it and records it missed no earlier than the next day, so
that no period is recorded before a sweep has chased it. At worst a period whose day had come is
recorded a working day later.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-15 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period_current_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("period_current_from")
