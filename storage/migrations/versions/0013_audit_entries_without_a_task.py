"""audit entries without a task

The notices that tell the coordinators an agency's chat was lost (the bot removed from its
group, blocked, or no longer allowed to post) are kept in the audit trail as the notices of
extension requests are: claimed, each part delivered, each failure. They concern a chat, not a
task, so audit_entry.task_id may now be empty.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("task_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # Entries about no task cannot stay: they are the lost-chat notices' records.
    op.execute(sa.text("DELETE FROM audit_entry WHERE task_id IS NULL"))
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("task_id", existing_type=sa.Integer(), nullable=False)
