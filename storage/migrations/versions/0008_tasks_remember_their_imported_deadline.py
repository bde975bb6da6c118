"""tasks remember their imported deadline

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 00:19:46.598822
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_task = sa.table(
    "task",
    sa.column("id", sa.Integer),
    sa.column("directive_id", sa.Integer),
    sa.column("deadline", sa.Date),
    sa.column("imported_deadline", sa.Date),
)
_audit = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer),
    sa.column("task_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("detail", sa.String),
)
_REIMPORTED = " (re-import)"


def _day(text: str | None) -> tuple[bool, date | None]:
    """(read, day) of an audit entry; one written some other way is passed over."""
    if text in (None, "None"):
        return True, None
    try:
        return True, date.fromisoformat(str(text).strip())
    except ValueError:
        return False, None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("imported_deadline", sa.Date(), nullable=True))

    # A directive's task gets the deadline its document last gave, read back from the audit
    # trail: the one it was created with, or the last a re-import set ("old -> new (re-import)").
    # Its deadline today may be an extension's or a later period's, which a re-import must keep;
    # a task without a trail keeps today's, what re-imports compared with until now.
    connection = op.get_bind()
    imported = {
        row.id: row.deadline
        for row in connection.execute(
            sa.select(_task.c.id, _task.c.deadline).where(_task.c.directive_id.is_not(None))
        )
    }
    entries = connection.execute(
        sa.select(_audit.c.task_id, _audit.c.action, _audit.c.detail)
        .join(_task, _task.c.id == _audit.c.task_id)
        .where(_task.c.directive_id.is_not(None))
        .where(_audit.c.action.in_(["created", "deadline_changed"]))
        .order_by(_audit.c.id)
    )
    for task_id, action, detail in entries:
        if action == "created":
            day = _day(detail)
        elif detail and detail.endswith(_REIMPORTED) and " -> " in detail:
            day = _day(detail.removesuffix(_REIMPORTED).split(" -> ")[-1])
        else:
            continue
        read, when = day
        if read:
            imported[task_id] = when
    if imported:
        connection.execute(
            _task.update()
            .where(_task.c.id == sa.bindparam("task_id"))
            .values(imported_deadline=sa.bindparam("imported")),
            [{"task_id": task_id, "imported": day} for task_id, day in imported.items()],
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("imported_deadline")
