"""documents sent to the bot

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 13:26:46.858506
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("file_id", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("corrections", sa.JSON(), nullable=False),
        sa.Column("expand_groups", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_request")),
    )
    with op.batch_alter_table("import_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_request_chat_id"), ["chat_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_request_chat_id"))

    op.drop_table("import_request")
