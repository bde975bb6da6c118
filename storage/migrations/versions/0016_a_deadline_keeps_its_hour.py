"""a task keeps the hour its deadline carries

task.deadline_time is the hour a deadline phrase gives ("trước 14 giờ ngày 15/3/2024"), shown
with the day in reminders and details; the day's reminders still go out in the morning. Tasks
saved before keep none: their phrase (task.deadline_text) still shows the hour to whoever opens
them.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-16 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deadline_time", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("deadline_time")
