"""Engine and sessions: SQLite by default, PostgreSQL by URL, both through async drivers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import ORMExecuteState
from sqlmodel import Session
from sqlmodel.ext.asyncio.session import AsyncSession

log = logging.getLogger(__name__)
T = TypeVar("T")
# About a minute and a half in all: long enough for a server restart or a fail-over.
RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 30.0)

_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg"}
_SYNC_DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}


class BadDatabaseUrl(ValueError):
    """A database URL we cannot use: not a URL at all, or neither SQLite nor PostgreSQL."""

    def __init__(self, backend: str | None) -> None:
        # The URL itself is not repeated: it may hold a password.
        what = f"unsupported database {backend!r}" if backend else "not a database URL"
        super().__init__(f"{what}: use sqlite:/// or postgresql://")
        self.backend = backend  # None: not a URL


class UnkeptSqlite(BadDatabaseUrl):
    """A SQLite URL that keeps nothing (in memory) or depends on the working directory."""

    def __init__(self, path: str | None) -> None:
        ValueError.__init__(
            self,
            "an in-memory SQLite database keeps nothing"
            if path is None
            else f"relative SQLite path {path!r}: write the full path, sqlite:////...",
        )
        self.backend = "sqlite"
        self.path = path  # None: in memory


class SqliteFolder(BadDatabaseUrl):
    """A SQLite URL naming a folder, the file's name forgotten (sqlite:////var/lib/nhacviec)."""

    def __init__(self, path: str) -> None:
        ValueError.__init__(self, f"SQLite path {path!r} is a folder: add the file's name")
        self.backend = "sqlite"
        self.path = path


def _with_driver(url: str | URL, drivers: dict[str, str]) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is no number
        raise BadDatabaseUrl(None) from None
    backend = parsed.get_backend_name()
    if backend not in drivers:
        raise BadDatabaseUrl(backend)
    return parsed.set(drivername=drivers[backend])


def check_url(url: str | URL) -> None:
    """Raise BadDatabaseUrl unless url names a SQLite file by its full path, or PostgreSQL."""
    parsed = _with_driver(url, _SYNC_DRIVERS)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    # In memory, every connection (every command, every pool checkout) starts from nothing:
    # the tables migrated a moment ago are gone. Tests use it; the bot must not.
    if database in ("", ":memory:") or parsed.query.get("mode") == "memory":
        raise UnkeptSqlite(None)
    # A relative path is a different, empty database in each working directory (systemd starts
    # in /, a shell in the operator's home): one file, named in full, or refused.
    path = Path(database.removeprefix("file:"))
    if not path.is_absolute():
        raise UnkeptSqlite(database)
    # SQLite cannot open a folder, and a look would take it for no database yet: an empty list.
    if path.is_dir():
        raise SqliteFolder(database)


def async_url(url: str | URL) -> URL:
    """The URL with the async driver we use for its backend."""
    return _with_driver(url, _ASYNC_DRIVERS)


def sync_url(url: str | URL) -> URL:
    """The URL with the blocking driver Alembic uses for its backend."""
    return _with_driver(url, _SYNC_DRIVERS)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # busy_timeout waits out another writer (a sweep, a migration) instead of failing with
    # "database is locked", the switch to WAL included; WAL lets the sweep write while handlers
    # read; SQLite ignores foreign keys unless asked.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _lock_where_rows_are_locked(
    connection: Connection,
    cursor: Any,
    _statement: str,
    _parameters: Any,
    context: Any,
    _executemany: bool,
) -> None:
    """Before a SELECT ... FOR UPDATE on SQLite, begin the transaction with SQLite's write lock.

    SQLite has no row locks and drops FOR UPDATE: two sweeps would both read the open periods
    a rule means to lock and both record the same missed month (the second failing on its
    unique key). BEGIN IMMEDIATE takes the database's one write lock where the rule locks rows:
    a second writer waits there (busy_timeout) until the first commits, then reads what it
    left, as on PostgreSQL. Only transactions that lock take it: the driver begins the others
    at their first write (which takes the lock then), and reads alone never wait for a writer.
    """
    compiled = getattr(context, "compiled", None)
    if getattr(getattr(compiled, "statement", None), "_for_update_arg", None) is None:
        return
    sqlite = connection.connection.driver_connection
    assert sqlite is not None  # a connection executing has its driver's
    if sqlite.in_transaction:
        return  # begun by an earlier write, which holds the write lock already
    cursor.execute("BEGIN IMMEDIATE")


# Seconds a new PostgreSQL connection may take: a server that drops packets instead of refusing
# them (a firewall, a host gone) would otherwise hold each try for minutes of TCP retries, and a
# stop with it (systemd kills a service that takes 90 s). A URL's own connect_timeout wins.
CONNECT_TIMEOUT = 10


def create_engine(url: str | URL) -> AsyncEngine:
    """An async engine; pool_pre_ping survives a PostgreSQL restart without an error to a user."""
    url = async_url(url)
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT
    engine = create_async_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "before_cursor_execute", _lock_where_rows_are_locked)
    return engine


def begin_sqlite_writing(engine: Engine) -> None:
    """Make each transaction of a blocking SQLite engine one SQLite transaction, DDL included,
    that takes the write lock at its start.

    The sqlite3 module runs CREATE, ALTER and DROP outside any transaction (SQLAlchemy's recipe:
    the driver begins nothing, SQLAlchemy emits BEGIN itself). IMMEDIATE: a second migration
    waits for the first to finish, instead of reading the schema it is changing.
    """

    @event.listens_for(engine, "connect")
    def _driver_begins_nothing(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_not_a_database(error: DBAPIError) -> bool:
    """Whether the database refused because the file is no SQLite database, or a damaged one:
    trying again will not help, unlike a lock or a lost connection."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    # The extended codes (SQLITE_CORRUPT_INDEX, ...) keep the primary one in their low byte.
    return code is not None and code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def unwritable_sqlite(url: str | URL, error: DBAPIError) -> Path | None:
    """The SQLite file, when this program may not write it or its folder and that is why
    SQLite refused (read-only, or unable to open): its user or its disk must change, and trying
    again will not help. None for any other refusal."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is None or code & 0xFF not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
        return None
    path = Path((make_url(url).database or "").removeprefix("file:")).expanduser()
    # The folder too: SQLite writes its -wal and -shm files beside the database.
    for candidate in (path, path.parent):
        if candidate.exists() and not os.access(candidate, os.W_OK):
            return path
    return path if code & 0xFF == sqlite3.SQLITE_READONLY else None


def is_not_allowed(error: DBAPIError) -> bool:
    """Whether PostgreSQL refused the user the URL logs in as (insufficient_privilege: no
    right to create tables in the database, or to read them): its administrator grants it;
    trying again will not help."""
    return getattr(error.orig, "sqlstate", None) == "42501"


class _FreshLockSession(Session):
    """sqlmodel's Session, reading afresh the rows it locks."""


@event.listens_for(_FreshLockSession, "do_orm_execute")
def _read_locked_rows_afresh(state: ORMExecuteState) -> None:
    """A row locked is the row as it is now, not as the session read it before waiting for the
    lock: /done reads its task to check the caller, then locks it while the sweep records the
    task's missed month; kept as first read, the task would close that month again (a unique
    key error) and undo the sweep's move of its deadline."""
    if getattr(state.statement, "_for_update_arg", None) is not None:
        state.update_execution_options(populate_existing=True)


class Database:
    """The engine and a session per unit of work."""

    def __init__(self, url: str | URL) -> None:
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(
            self.engine,
            class_=AsyncSession,
            sync_session_class=_FreshLockSession,
            expire_on_commit=False,
        )
        # Set when the program stops: retrying then pauses no more, as systemd kills a service
        # that takes 90 s to stop; the work it gives up is safe to repeat at the next start.
        self.stopping = asyncio.Event()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """One session; commits on success, rolls back on error."""
        async with self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def retrying(
        self,
        work: Callable[[AsyncSession], Awaitable[T]],
        *,
        delays: Sequence[float] = RETRY_DELAYS,
    ) -> T:
        """Run one unit of work, again after a pause if the database connection fails.

        For work that is safe to repeat (the ledger's writes are): a server restarting costs a
        few seconds, not a lost record. Once the program is stopping, the error is given up at
        once, a pause under way included: the work is left to the next start.
        """
        pauses = list(delays)
        while True:
            try:
                async with self.session() as session:
                    return await work(session)
            except (OperationalError, InterfaceError) as error:
                if not pauses or self.stopping.is_set():
                    raise
                pause = pauses.pop(0)
                log.warning("database unavailable (%s); trying again in %.0fs", error.orig, pause)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stopping.wait(), pause)
                if self.stopping.is_set():
                    raise

    async def dispose(self) -> None:
        await self.engine.dispose()
