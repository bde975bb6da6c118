"""Fixtures shared by the suite: a fresh database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bot.cli import main
from storage.db import Database
from storage.migrate import upgrade

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
# The sample notice of ../shared/samples, shipped with the demo: the tests never depend on a
# folder outside the repository.
SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "demo_data" / "thong-bao-ket-luan-2023.txt"
NOW = datetime(2023, 1, 5, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội, the day the sample notice met


def _postgres_or_skip() -> None:
    # Under CI the server must be there; give it time in case it is (re)starting.
    patience = 30 if os.environ.get("CI") == "true" else 1
    for attempt in range(patience):
        try:
            psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3).close()
            return
        except psycopg.OperationalError as error:
            if attempt + 1 < patience:
                time.sleep(1)
            elif patience > 1:
                pytest.fail(f"PostgreSQL is required under CI=true and is not reachable: {error}")
            else:
                pytest.skip(f"no PostgreSQL at {POSTGRES_ADMIN_URL}")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A brand-new, empty PostgreSQL database, dropped after the test."""
    _postgres_or_skip()
    name = f"nhacviec_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file that does not exist yet, in the test's own folder."""
    return f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty database of each kind we support."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated database, empty of data."""
    upgrade(database_url)
    database = Database(database_url)
    yield database
    await database.dispose()


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `nhacviec ARGS` in tmp_path on a fresh SQLite file; returns (exit code, stdout,
    stderr)."""
    for name in [n for n in os.environ if n.startswith("NHACVIEC_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///{tmp_path / 'db' / 'n.db'}")
    monkeypatch.setenv("NHACVIEC_BOT_USERNAME", "tinh_nhacviec_bot")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
