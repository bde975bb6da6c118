"""agencies learn the names officers map to them when they save an import

Until now an agency as a document writes it ("Phòng KT-HT huyện A"), given to a catalogue
agency with `/fix ten` or `nhacviec import --map`, was kept with that directive only: the next
document that wrote it asked again. From here on saving the import makes it a learned name of
the agency, kept in agency.learned_names, which documents and commands find it by. Nothing
before this revision learned a name: the column starts empty.

Going back to 0010 makes the learned names aliases, so that the older release still finds
the agency by them (an import of the catalogue file may then replace them, as it does aliases).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_agency = sa.table(
    "agency",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("short_name", sa.String),
    sa.column("aliases", sa.JSON),
    sa.column("merged_names", sa.JSON),
    sa.column("learned_names", sa.JSON),
)


def upgrade() -> None:
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("learned_names", sa.JSON(), server_default="[]", nullable=False)
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
            _agency.c.learned_names,
        )
    ).all()
    widened = []
    for row in rows:
        own = _folded(
            [row.name, row.short_name or "", *(row.aliases or []), *(row.merged_names or [])]
        )
        extra = [name for name in row.learned_names or [] if name.casefold() not in own]
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
        batch_op.drop_column("learned_names")


def _folded(names: Sequence[str] | None) -> set[str]:
    return {name.casefold() for name in names or []}
