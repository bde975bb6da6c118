"""a periodic duty on the nth working day of its month keeps the count

Until now a duty "ngày làm việc thứ 3 hằng tháng" kept its first deadline's day of the month:
first due 06/01/2026, January's third working day, it was next due 06/02/2026, not on 04/02,
February's. From here on task.schedule_working_day keeps the count (see
Deadline.schedule_working_day in ingest.deadlines), and each period falls on that working day of
its month, weekends and public holidays skipped.

Existing recurring tasks get it when their phrase names the nth working day of a month and the
first deadline of their schedule (as 0012 finds it) is that working day of its month ("trước
ngày làm việc thứ 3" read as the day before it is a day of the month, as it is imported now). A
current deadline on the old day is left as the agency was told: the next period counts again.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 10:30:00.000000
"""

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

import holidays
import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
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
    sa.column("schedule_working_day", sa.Integer),
)
_period = sa.table(
    "task_period",
    sa.column("task_id", sa.Integer),
    sa.column("deadline", sa.Date),
    sa.column("scheduled_deadline", sa.Date),
)

# The count as the importer read it at this revision, on the phrase stripped of its diacritics.
# A migration must not change with the code.
_NUMBER_WORDS = {
    "mot": 1,
    "nhat": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
_NUMBER = rf"\d{{1,2}}|{'|'.join(_NUMBER_WORDS)}"
_NTH_WORKING_DAY = re.compile(
    rf"(?<![a-z\d])(?:ngay\s+lam\s+viec\s+(?:thu\s+(?P<nth>{_NUMBER})|(?P<first>dau\s+tien))"
    rf"|(?P<n>{_NUMBER})\s+ngay\s+lam\s+viec\s+dau)(?![a-z\d])"
)


def _folded(phrase: str) -> str:
    marked = unicodedata.normalize("NFD", phrase.lower().replace("đ", "d"))
    return "".join(c for c in marked if not unicodedata.combining(c))


def _count(phrase: str | None) -> int | None:
    """The n of "ngày làm việc thứ n" in the phrase, if it names one."""
    found = _NTH_WORKING_DAY.search(_folded(phrase)) if phrase else None
    if found is None:
        return None
    if found.group("first"):
        return 1
    number = found.group("nth") or found.group("n")
    return int(number) if number.isdigit() else _NUMBER_WORDS[number]


def _nth_working_day(month: date, nth: int) -> date | None:
    days_off = holidays.country_holidays("VN", years=month.year)
    days = (month.replace(day=1) + timedelta(days=offset) for offset in range(31))
    working = [day for day in days if day.month == month.month and days_off.is_working_day(day)]
    return working[nth - 1] if 0 < nth <= len(working) else None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("schedule_working_day", sa.Integer(), nullable=True))

    connection = op.get_bind()
    oldest = dict(
        connection.execute(
            sa.select(
                _period.c.task_id,
                sa.func.min(sa.func.coalesce(_period.c.scheduled_deadline, _period.c.deadline)),
            ).group_by(_period.c.task_id)
        ).all()
    )
    counts = []
    for row in connection.execute(
        sa.select(
            _task.c.id,
            _task.c.deadline,
            _task.c.deadline_text,
            _task.c.scheduled_deadline,
            _task.c.imported_deadline,
        ).where(_task.c.recurrence.is_not(None), _task.c.deadline.is_not(None))
    ):
        nth = _count(row.deadline_text)
        first = (
            row.imported_deadline or oldest.get(row.id) or row.scheduled_deadline or row.deadline
        )
        if nth is not None and _nth_working_day(first, nth) == first:
            counts.append({"task_id": row.id, "nth": nth})
    if counts:
        connection.execute(
            _task.update()
            .where(_task.c.id == sa.bindparam("task_id"))
            .values(schedule_working_day=sa.bindparam("nth")),
            counts,
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("schedule_working_day")
