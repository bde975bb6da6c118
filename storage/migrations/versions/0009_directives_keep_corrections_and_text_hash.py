"""directives keep the officer's corrections and the hash of their text; previews keep the draft

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Directives imported before keep no text hash (their text is not stored) nor corrections
    # (they lived on the bot's preview only): both start empty.
    with op.batch_alter_table("directive", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("text_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(sa.Column("corrections", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_directive_text_sha256"), ["text_sha256"], unique=False)
    with op.batch_alter_table("import_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_request", schema=None) as batch_op:
        batch_op.drop_column("draft")
    with op.batch_alter_table("directive", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directive_text_sha256"))
        batch_op.drop_column("corrections")
        batch_op.drop_column("text_sha256")
