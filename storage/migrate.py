"""Alembic, driven from code: the only way the schema changes."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

from storage.db import sync_url

log = logging.getLogger(__name__)
_MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | URL) -> Config:
    """An Alembic config pointing at our migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    # render_as_string keeps the password; ConfigParser needs % doubled.
    rendered = sync_url(url).render_as_string(hide_password=False).replace("%", "%%")
    config.set_main_option("sqlalchemy.url", rendered)
    return config


def ensure_sqlite_folder(url: str | URL) -> None:
    """Create the folder of a SQLite file so that the first run just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def current_revision(url: str | URL) -> str | None:
    """The revision the database is at, None for an empty one."""
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def upgrade(url: str | URL, to: str = "head") -> list[str]:
    """Apply pending migrations (up to a revision); return the revisions applied, in order."""
    ensure_sqlite_folder(url)
    config = alembic_config(url)
    script = ScriptDirectory.from_config(config)
    before = current_revision(url)
    target = script.get_current_head() if to == "head" else to
    if before == target:
        return []
    pending = [rev.revision for rev in script.iterate_revisions(target, before)]
    pending.reverse()
    command.upgrade(config, to)
    log.info("database migrated: %s", ", ".join(pending))
    return pending
