"""Alembic environment: runs migrations over a blocking connection."""

from alembic import context
from sqlalchemy import Connection, engine_from_config, pool
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from storage.db import begin_sqlite_writing

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        engine = engine_from_config(
            config.get_section(config.config_ini_section, {}),
            prefix="sqlalchemy.",
            poolclass=pool.NullPool,
        )
        if engine.dialect.name == "sqlite":
            begin_sqlite_writing(engine)
        with engine.connect() as connection:
            # One transaction for the whole upgrade, on SQLite as on PostgreSQL: a process
            # killed half-way (systemd's stop timeout, a power cut) leaves the database as it
            # was, and the next start runs the upgrade again, instead of finding tables without
            # their revision ("table already exists", or the database "not made by nhacviec").
            _run(connection, transactional_ddl=True)
        engine.dispose()
    else:
        # A connection of the caller's (upgrade()'s, in the transaction that holds the
        # migration lock): its transactions are the caller's to manage.
        _run(connectable, transactional_ddl=None)


def _run(connection: Connection, *, transactional_ddl: bool | None) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
        transactional_ddl=transactional_ddl,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
