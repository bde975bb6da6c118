"""Alembic, driven from code: the only way the schema changes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from storage.db import begin_sqlite_writing, sync_url

log = logging.getLogger(__name__)
_MIGRATIONS = Path(__file__).parent / "migrations"
# The PostgreSQL advisory lock's key for "migrating nhacviec's schema": any constant of ours.
MIGRATION_LOCK = 0x6E68_6163_7669_6563  # "nhacviec"
# How long a migration on SQLite waits for another process's to finish (or any writer's).
SQLITE_MIGRATION_WAIT = 300.0


class MigrationRefused(Exception):
    """The database is not one these migrations can bring to the current schema."""


class DatabaseTooNew(MigrationRefused):
    """A newer nhacviec migrated the database: this older one does not know its schema."""

    def __init__(self, revision: str, head: str) -> None:
        super().__init__(f"the database is at revision {revision!r}, unknown here (head: {head})")
        self.revision = revision
        self.head = head


class NotOurDatabase(MigrationRefused):
    """The database has tables of our names but no Alembic revision: not made by nhacviec."""

    def __init__(self, tables: list[str]) -> None:
        super().__init__(f"tables {', '.join(tables)} exist, but no nhacviec revision")
        self.tables = tables


def alembic_config(url: str | URL) -> Config:
    """An Alembic config pointing at our migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    # render_as_string keeps the password; ConfigParser needs % doubled.
    rendered = sync_url(url).render_as_string(hide_password=False).replace("%", "%%")
    config.set_main_option("sqlalchemy.url", rendered)
    return config


class NoDatabaseFolder(Exception):
    """The folder of the SQLite file cannot be made: not allowed, or a file is in the way."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"cannot make the folder {folder} for the database: {reason}")
        self.folder = folder
        self.reason = reason


def ensure_sqlite_folder(url: str | URL) -> None:
    """Create the folder of a SQLite file so that the first run just works.

    Raises NoDatabaseFolder when it cannot be made (/var/lib as the service's own user, say).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NoDatabaseFolder(folder, error.strerror or str(error)) from error


@cache
def _known_revisions() -> tuple[frozenset[str], str]:
    """The revisions this code's migrations know, and their head, as read at start-up.

    Read once: `pip install -U` replaces the migration files under a running bot, whose code
    still knows only the revisions it started with.
    """
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    return frozenset(rev.revision for rev in script.walk_revisions()), head


def refuse_unknown(revision: str | None) -> None:
    """Raise DatabaseTooNew for a revision this code's migrations do not know."""
    known, head = _known_revisions()
    if revision is not None and revision not in known:
        raise DatabaseTooNew(revision, head)


def head_revision() -> str:
    """The revision this code's migrations lead to."""
    return _known_revisions()[1]


async def refuse_newer_schema(*, session: AsyncSession) -> None:
    """Raise DatabaseTooNew if a newer nhacviec migrated the database since this one started.

    upgrade() checks at start-up; a running bot asks again before each sweep (one query), for
    another instance sharing the database may have been upgraded and migrated it meanwhile.
    """
    connection = await session.connection()
    found = await connection.execute(text("SELECT version_num FROM alembic_version"))
    refuse_unknown(found.scalar())


def current_revision(url: str | URL) -> str | None:
    """The revision the database is at, None for an empty one.

    Raises NotOurDatabase for one without a revision but with tables of our names.
    """
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
            if revision is None:
                _refuse_foreign_tables(connection)
            return revision
    finally:
        engine.dispose()


def upgrade(url: str | URL, to: str = "head") -> list[str]:
    """Apply pending migrations (up to a revision); return the revisions applied, in order.

    Raises DatabaseTooNew or NotOurDatabase, touching nothing, for a database it cannot migrate.
    """
    ensure_sqlite_folder(url)
    config = alembic_config(url)
    script = ScriptDirectory.from_config(config)
    _, head = _known_revisions()
    with _migrating(url) as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        refuse_unknown(before)
        if before is None:
            _refuse_foreign_tables(connection)
        target = head if to == "head" else to
        if before == target:
            return []
        pending = [rev.revision for rev in script.iterate_revisions(target, before)]
        pending.reverse()
        # In this transaction: the migrations are done under the lock, and all or none kept.
        config.attributes["connection"] = connection
        command.upgrade(config, to)
    log.info("database migrated: %s", ", ".join(pending))
    return pending


@contextmanager
def _migrating(url: str | URL) -> Iterator[Connection]:
    """A transaction holding the right to migrate: one process migrates at a time, the others
    wait, then find it done; committed at the end, rolled back on error.

    Without it, processes started together on a fresh database (instances, or the service and
    an operator's command) all create the tables and all but one crash. On PostgreSQL the lock
    is an advisory one, held until the transaction ends; on SQLite it is the write lock, taken
    as the transaction begins.
    """
    sqlite = make_url(url).get_backend_name() == "sqlite"
    # Waiting on SQLite is its busy timeout: long enough for another's migration.
    connect_args = {"timeout": SQLITE_MIGRATION_WAIT} if sqlite else {}
    engine = create_engine(sync_url(url), poolclass=NullPool, connect_args=connect_args)
    if sqlite:
        begin_sqlite_writing(engine)
    try:
        with engine.begin() as connection:
            if not sqlite:
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
            yield connection
    finally:
        engine.dispose()


def _refuse_foreign_tables(connection: Connection) -> None:
    """A database without our revision but with tables of our names is someone else's."""
    existing = set(inspect(connection).get_table_names())
    clashing = sorted(existing & set(SQLModel.metadata.tables))
    if clashing:
        raise NotOurDatabase(clashing)
