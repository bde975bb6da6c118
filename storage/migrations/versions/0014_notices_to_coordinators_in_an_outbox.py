"""notices to the coordinators in an outbox

The notices that tell the coordinators of an extension request, or of an agency's chat lost,
were kept in the audit trail: each claim, each part delivered, each failure an entry whose
detail ("REQUEST>CHAT#PART/PARTS: error") was read back to know how far a notice got. From here
on the table notice keeps them, one row per notice and coordinator chat, claimed like a
reminder (see storage.notices).

Every notice the audit trail tells of is carried over as it stood: delivered ones as sent,
failed ones with their tries (those with five failures as given up), ones whose sender died as
claimed (taken back once the claim is stale), with the parts already delivered. Their audit
entries are then deleted (a notice is not something a person did): the extension notices' and
the lost chats', which were the only entries about no task, so audit_entry.task_id is required
again.

Downgrading writes each notice back into the audit trail as 0013 read it (a claim, the parts
delivered, a failure per try of a notice failed or given up), then drops the table.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-14 09:00:00.000000
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The audit actions and details as 0013 wrote them. A migration must not change with the code.
_TRAILS = {
    "extension_request": (
        "extension_notice_claimed",
        "extension_notice_part",
        "extension_notice_failed",
    ),
    "chat_lost": ("chat_lost_notice_claimed", "chat_lost_notice_part", "chat_lost_notice_failed"),
}
_DETAIL = re.compile(r"^(\d+)>(-?\d+)(?:#(\d+)/(\d+))?(?:: (.*))?$", re.DOTALL)
_MAX_ATTEMPTS = 5  # ClaimPolicy's default at this revision
_CARRIED_BY = "migration 0014"

_audit = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer),
    sa.column("task_id", sa.Integer),
    sa.column("at", storage.types.UTCDateTime(timezone=True)),
    sa.column("actor", sa.BigInteger),
    sa.column("action", sa.String),
    sa.column("detail", sa.String),
)
_request = sa.table(
    "extension_request", sa.column("id", sa.Integer), sa.column("task_id", sa.Integer)
)


def _notice_table() -> sa.TableClause:
    return sa.table(
        "notice",
        sa.column("id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("subject_id", sa.Integer),
        sa.column("chat_id", sa.BigInteger),
        sa.column("reason", sa.String),
        sa.column("parts_sent", sa.Integer),
        sa.column("status", sa.String),
        sa.column("attempts", sa.Integer),
        sa.column("claimed_at", storage.types.UTCDateTime(timezone=True)),
        sa.column("claimed_by", sa.String),
        sa.column("created_at", storage.types.UTCDateTime(timezone=True)),
        sa.column("sent_at", storage.types.UTCDateTime(timezone=True)),
        sa.column("error", sa.String),
    )


@dataclass
class _Notice:
    """One notice as its audit entries tell it, oldest first."""

    kind: str
    subject_id: int
    chat_id: int
    created_at: datetime
    reason: str | None
    last: str = "claimed"
    last_at: datetime | None = None
    parts_sent: int = 0
    delivered: bool = False
    claims: int = 0
    failures: int = 0
    error: str | None = None

    def row(self) -> dict[str, Any]:
        if self.delivered:
            status, attempts = "sent", self.claims
        elif self.last == "failed":
            given_up = self.failures >= _MAX_ATTEMPTS
            status, attempts = ("given_up" if given_up else "failed"), self.failures
        else:  # claimed, its sender gone: the next sweep takes it back once stale
            status, attempts = "claimed", self.failures + 1
        return {
            "kind": self.kind,
            "subject_id": self.subject_id,
            "chat_id": self.chat_id,
            "reason": self.reason,
            "parts_sent": self.parts_sent,
            "status": status,
            "attempts": max(attempts, 1),
            "claimed_at": self.last_at,
            "claimed_by": _CARRIED_BY,
            "created_at": self.created_at,
            "sent_at": self.last_at if self.delivered else None,
            "error": self.error,
        }


def _read_trail(connection: sa.Connection) -> list[_Notice]:
    """Every notice of the audit trail, a lost chat's claim with a reason starting a new one
    (the chat was lost again), as 0013 read them."""
    notices: list[_Notice] = []
    current: dict[tuple[str, int, int], _Notice] = {}
    actions = {action: kind for kind, trail in _TRAILS.items() for action in trail}
    entries = connection.execute(
        sa.select(_audit.c.action, _audit.c.at, _audit.c.detail)
        .where(_audit.c.action.in_(sorted(actions)))
        .order_by(_audit.c.id)
    )
    for action, at, detail in entries:
        found = _DETAIL.match(detail or "")
        if found is None:
            continue
        kind = actions[action]
        step = action.rsplit("_", 1)[1]  # claimed, part, failed
        key = (kind, int(found[1]), int(found[2]))
        notice = current.get(key)
        if notice is None or (step == "claimed" and found[5] is not None):
            notice = _Notice(kind, key[1], key[2], at, found[5] if step == "claimed" else None)
            current[key] = notice
            notices.append(notice)
        notice.last, notice.last_at = step, at
        if step == "claimed":
            notice.claims += 1
        elif step == "part":
            notice.parts_sent = int(found[3])
            notice.delivered = found[3] == found[4]
        else:
            notice.failures += 1
            notice.error = found[5]
    return notices


def upgrade() -> None:
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("parts_sent", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
        sa.UniqueConstraint(
            "kind", "subject_id", "chat_id", "created_at", name="uq_notice_kind_subject_chat"
        ),
    )
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.create_index("ix_notice_status_claimed_at", ["status", "claimed_at"], unique=False)

    connection = op.get_bind()
    carried = [notice.row() for notice in _read_trail(connection)]
    if carried:
        connection.execute(_notice_table().insert(), carried)
    actions = [action for trail in _TRAILS.values() for action in trail]
    connection.execute(
        _audit.delete().where(sa.or_(_audit.c.action.in_(actions), _audit.c.task_id.is_(None)))
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("task_id", existing_type=sa.Integer(), nullable=False)


def _entries(notice: Any, task_id: int | None) -> list[dict[str, Any]]:
    """A notice as 0013's audit trail kept it."""
    claimed, part, failed = _TRAILS[notice.kind]
    key = f"{notice.subject_id}>{notice.chat_id}"
    reason = f": {notice.reason}" if notice.kind == "chat_lost" and notice.reason else ""
    entries = [(claimed, notice.created_at, f"{key}{reason}"[:500])]
    if notice.parts_sent:
        parts = notice.parts_sent + (0 if notice.status == "sent" else 1)
        entries.append((part, notice.claimed_at, f"{key}#{notice.parts_sent}/{parts}"))
    if notice.status in ("failed", "given_up"):
        error = f"{key}: {notice.error or ''}"[:500]
        entries += [(failed, notice.claimed_at, error)] * notice.attempts
    return [
        {"task_id": task_id, "at": at, "actor": None, "action": action, "detail": detail}
        for action, at, detail in entries
    ]


def downgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("task_id", existing_type=sa.Integer(), nullable=True)

    connection = op.get_bind()
    notice = _notice_table()
    tasks = dict(connection.execute(sa.select(_request.c.id, _request.c.task_id)).all())
    entries = []
    for row in connection.execute(sa.select(notice).order_by(notice.c.id)):
        if row.kind == "extension_request" and row.subject_id not in tasks:
            continue  # its request is gone, and with it the task the entries would be under
        task_id = tasks[row.subject_id] if row.kind == "extension_request" else None
        entries += _entries(row, task_id)
    if entries:
        connection.execute(_audit.insert(), entries)

    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.drop_index("ix_notice_status_claimed_at")
    op.drop_table("notice")
