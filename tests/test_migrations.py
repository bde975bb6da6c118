"""Alembic is the only way the schema changes: the migrations build exactly the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.db import sync_url
from storage.migrate import current_revision, upgrade


def test_upgrade_builds_the_models_schema_exactly(database_url: str) -> None:
    applied = upgrade(database_url)

    assert applied == ["0001", "0002", "0003", "0004", "0005", "0006", "0007"]
    engine = create_engine(sync_url(database_url))
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert set(inspect(connection).get_table_names()) >= set(SQLModel.metadata.tables)
    engine.dispose()


def test_upgrade_twice_applies_nothing_the_second_time(database_url: str) -> None:
    upgrade(database_url)

    assert upgrade(database_url) == []
    assert current_revision(database_url) == "0007"


def test_upgrading_an_old_database_keeps_its_data(database_url: str) -> None:
    assert upgrade(database_url, "0001") == ["0001"]
    engine = create_engine(sync_url(database_url))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO task (text, deadline, status, created_at, updated_at) "
                "VALUES ('Báo cáo tháng', '2023-03-20', 'open', :now, :now)"
            ),
            {"now": "2023-03-01 02:00:00"},
        )

    assert upgrade(database_url) == ["0002", "0003", "0004", "0005", "0006", "0007"]
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT text, deadline, recurrence FROM task")).all()
    engine.dispose()
    assert [(r[0], str(r[1]), r[2]) for r in rows] == [("Báo cáo tháng", "2023-03-20", None)]
