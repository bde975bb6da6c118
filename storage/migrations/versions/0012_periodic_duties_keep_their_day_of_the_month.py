"""periodic duties keep their day of the month

Until now a periodic duty's next deadline was counted from the last one alone, so a duty on
the 28th that fell on February's last day moved to the month's end (31/03), and one on the 30th
became the 29th after February. From here on task.schedule_day keeps the day (31: the month's
end; see Deadline.schedule_day in ingest.deadlines).

Existing recurring tasks get it as new ones do, from the first deadline of their schedule (the
one their directive last gave, else their oldest period's, else the current one) and the phrase
it was read from. A current deadline that already drifted is left as the agency was told: the
next period is back on the day.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 09:00:00.000000
"""

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_task = sa.table(
    "task",
    sa.column("id", sa.Integer),
    sa.column("deadline", sa.Date),
    sa.column("deadline_text", sa.String),
    sa.column("recurrence", sa.String),
    sa.column("scheduled_deadline", sa.Date),
    sa.column("imported_deadline", sa.Date),
    sa.column("schedule_day", sa.Integer),
)
_period = sa.table(
    "task_period",
    sa.column("task_id", sa.Integer),
    sa.column("deadline", sa.Date),
    sa.column("scheduled_deadline", sa.Date),
)

# The day as storage read it from the phrase at this revision (ingest gives it now).
# A migration must not change with the code.
_NAMED_DAY = re.compile(r"ng[àa]y\s+(\d{1,2})(?!\d)", re.IGNORECASE)


def _clamped(first: date, day: int) -> date:
    month_end = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first.replace(day=min(day, month_end.day))


def _schedule_day(first: date, phrase: str | None) -> int:
    named = _NAMED_DAY.search(unicodedata.normalize("NFC", phrase)) if phrase else None
    if named is not None:
        day = int(named.group(1))
        if first == _clamped(first, day):
            return day
        if first + timedelta(days=1) == _clamped(first, day):
            return day - 1
    elif phrase and (first + timedelta(days=1)).day == 1:
        return 31
    return first.day


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("schedule_day", sa.Integer(), nullable=True))

    connection = op.get_bind()
    oldest = dict(
        connection.execute(
            sa.select(
                _period.c.task_id,
                sa.func.min(sa.func.coalesce(_period.c.scheduled_deadline, _period.c.deadline)),
            ).group_by(_period.c.task_id)
        ).all()
    )
    days = []
    for row in connection.execute(
        sa.select(
            _task.c.id,
            _task.c.deadline,
            _task.c.deadline_text,
            _task.c.scheduled_deadline,
            _task.c.imported_deadline,
        ).where(_task.c.recurrence.is_not(None), _task.c.deadline.is_not(None))
    ):
        first = (
            row.imported_deadline or oldest.get(row.id) or row.scheduled_deadline or row.deadline
        )
        days.append({"task_id": row.id, "day": _schedule_day(first, row.deadline_text)})
    if days:
        connection.execute(
            _task.update()
            .where(_task.c.id == sa.bindparam("task_id"))
            .values(schedule_day=sa.bindparam("day")),
            days,
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("schedule_day")
