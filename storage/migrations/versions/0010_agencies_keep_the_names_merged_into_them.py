"""agencies keep the names merged into them apart from the aliases a catalogue file gives

Until now `nhacviec agencies merge OLD INTO` made OLD's names aliases of INTO, and the next
`nhacviec agencies import` of a file that still had the old rows replaced INTO's aliases and
brought OLD back as an empty agency. From here on they are kept in agency.merged_names, which
no import replaces.

What earlier merges left cannot all be told apart from the aliases a file gave: the merged
agency's name is taken back from the audit trail ("OLD -> INTO (lead)", written for each task a
merge moved) when an agency still has it as an alias, and becomes a merged name (it stays an
alias too, until a file drops it). Its short name and aliases, and the name of a merged agency
that had no task, stay aliases only: an import may still replace them, as before.

Going back to 0009 makes the merged names aliases again, so that the older release still finds
today's agency by them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 03:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_agency = sa.table(
    "agency",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("short_name", sa.String),
    sa.column("aliases", sa.JSON),
    sa.column("merged_names", sa.JSON),
)
_audit = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("detail", sa.String),
)
_MOVES = " -> "


def upgrade() -> None:
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("merged_names", sa.JSON(), server_default="[]", nullable=False)
        )

    connection = op.get_bind()
    agencies = connection.execute(sa.select(_agency.c.id, _agency.c.name, _agency.c.aliases)).all()
    names = {row.name.casefold() for row in agencies}
    merged: dict[int, list[str]] = {}
    trail = connection.execute(
        sa.select(_audit.c.detail).where(_audit.c.action == "agency_merged").order_by(_audit.c.id)
    )
    for (detail,) in trail:
        old = (detail or "").partition(_MOVES)[0].strip()
        if not old or _MOVES not in detail or old.casefold() in names:
            continue  # another kind of entry, or an agency of that name is back: left as it is
        holders = [row for row in agencies if old.casefold() in _folded(row.aliases)]
        if len(holders) == 1 and old.casefold() not in _folded(merged.get(holders[0].id, [])):
            merged.setdefault(holders[0].id, []).append(old)
    if merged:
        connection.execute(
            _agency.update()
            .where(_agency.c.id == sa.bindparam("agency_id"))
            .values(merged_names=sa.bindparam("names", type_=sa.JSON)),
            [{"agency_id": agency_id, "names": taken} for agency_id, taken in merged.items()],
        )


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            _agency.c.id,
            _agency.c.name,
            _agency.c.short_name,
            _agency.c.aliases,
            _agency.c.merged_names,
        )
    ).all()
    widened = []
    for row in rows:
        own = _folded([row.name, row.short_name or "", *(row.aliases or [])])
        extra = [name for name in row.merged_names or [] if name.casefold() not in own]
        if extra:
            widened.append({"agency_id": row.id, "aliases": [*(row.aliases or []), *extra]})
    if widened:
        connection.execute(
            _agency.update()
            .where(_agency.c.id == sa.bindparam("agency_id"))
            .values(aliases=sa.bindparam("aliases", type_=sa.JSON)),
            widened,
        )
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.drop_column("merged_names")


def _folded(names: Sequence[str] | None) -> set[str]:
    return {name.casefold() for name in names or []}
