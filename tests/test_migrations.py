"""Alembic is the only way the schema changes: the migrations build exactly the models' schema."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.db import sync_url
from storage.migrate import (
    MIGRATION_LOCK,
    DatabaseTooNew,
    NotOurDatabase,
    alembic_config,
    current_revision,
    ensure_sqlite_folder,
    upgrade,
)
from tests.harness import running_bot
from vncalendar import VIETNAM_TZ


def test_upgrade_builds_the_models_schema_exactly(database_url: str) -> None:
    applied = upgrade(database_url)

    assert applied == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
        "0008",
        "0009",
        "0010",
        "0011",
        "0012",
        "0013",
        "0014",
        "0015",
        "0016",
        "0017",
    ]
    engine = create_engine(sync_url(database_url))
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert set(inspect(connection).get_table_names()) >= set(SQLModel.metadata.tables)
    engine.dispose()


def test_upgrade_twice_applies_nothing_the_second_time(database_url: str) -> None:
    upgrade(database_url)

    assert upgrade(database_url) == []
    assert current_revision(database_url) == "0017"


def _audit(connection: Connection, task_id: int, action: str, detail: str | None, at: str) -> None:
    """An audit entry as the release of the time wrote it."""
    connection.execute(
        text(
            "INSERT INTO audit_entry (task_id, at, action, detail) "
            "VALUES (:task, :now, :action, :detail)"
        ),
        {"task": task_id, "action": action, "detail": detail, "now": at},
    )


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

    assert upgrade(database_url) == [
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
        "0008",
        "0009",
        "0010",
        "0011",
        "0012",
        "0013",
        "0014",
        "0015",
        "0016",
        "0017",
    ]
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT text, deadline, recurrence FROM task")).all()
    engine.dispose()
    assert [(r[0], str(r[1]), r[2]) for r in rows] == [("Báo cáo tháng", "2023-03-20", None)]


def test_a_directives_tasks_learn_the_deadline_their_document_last_gave(database_url: str) -> None:
    upgrade(database_url, "0007")
    engine = create_engine(sync_url(database_url))
    now = {"now": "2023-03-01 02:00:00"}
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO directive (id, created_at) VALUES (1, :now)"), now)
        for task_id, directive_id, deadline in (
            (1, 1, "2023-04-05"),  # due 31/03, extended
            (2, 1, "2023-03-20"),  # due 31/01, then 28/02 by a re-import, extended, then monthly
            (3, 1, None),  # ongoing
            (4, None, "2023-03-20"),  # added by hand
        ):
            connection.execute(
                text(
                    "INSERT INTO task (id, directive_id, text, deadline, status, created_at, "
                    "updated_at) VALUES (:id, :directive, 'Báo cáo', :deadline, 'open', :now, :now)"
                ),
                {"id": task_id, "directive": directive_id, "deadline": deadline, **now},
            )
        for task_id, action, detail in (
            (1, "created", "2023-03-31"),
            (2, "created", "2023-01-31"),
            (3, "created", None),
            (4, "created", "2023-03-20"),
            (1, "deadline_changed", "2023-03-31 -> 2023-04-05 (extension 1)"),
            (2, "deadline_changed", "2023-01-31 -> 2023-02-28 (re-import)"),
            (2, "deadline_changed", "2023-02-28 -> 2023-03-03 (extension 2)"),
            (2, "period_done", "2023-03-03 on_time; next 2023-03-20"),
        ):
            _audit(connection, task_id, action, detail, now["now"])

    assert upgrade(database_url, "0008") == ["0008"]
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, deadline, imported_deadline FROM task ORDER BY id")
        ).all()
    engine.dispose()
    assert [(r[0], r[1] and str(r[1]), r[2] and str(r[2])) for r in rows] == [
        (1, "2023-04-05", "2023-03-31"),
        (2, "2023-03-20", "2023-02-28"),
        (3, None, None),
        (4, "2023-03-20", None),
    ]


_AGENCY = sa.table(
    "agency",
    sa.column("name", sa.String),
    sa.column("aliases", sa.JSON),
    sa.column("merged_names", sa.JSON),
)


def test_a_merger_made_before_0010_keeps_the_name_its_audit_trail_gives(database_url: str) -> None:
    upgrade(database_url, "0009")
    engine = create_engine(sync_url(database_url))
    now = {"now": "2025-07-01 02:00:00"}
    with engine.begin() as connection:  # as `agencies merge` and old files left the catalogue
        for agency_id, name, aliases in (
            # Merged in with two tasks, and "Sở Ngoại vụ" with none: nothing tells of it.
            (1, "Sở Tài chính", '["Sở TC", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "Sở Ngoại vụ"]'),
            # Merged in, then an old file took the aliases back and made the old agency again.
            (2, "Sở Xây dựng", "[]"),
            (3, "Sở Giao thông vận tải", "[]"),
        ):
            connection.execute(
                text(
                    "INSERT INTO agency (id, name, aliases, created_at) "
                    "VALUES (:id, :name, :aliases, :now)"
                ),
                {"id": agency_id, "name": name, "aliases": aliases, **now},
            )
        for task_id, action, detail in (
            (1, "created", "2025-03-31"),
            (1, "agency_merged", "Sở Kế hoạch và Đầu tư -> Sở Tài chính (lead)"),
            (2, "agency_merged", "Sở Kế hoạch và Đầu tư -> Sở Tài chính (cooperating)"),
            (3, "agency_merged", "Sở Giao thông vận tải -> Sở Xây dựng (lead)"),
        ):
            connection.execute(
                text(
                    "INSERT INTO task (id, text, status, created_at, updated_at) "
                    "SELECT :task, 'Báo cáo', 'open', :now, :now "
                    "WHERE NOT EXISTS (SELECT 1 FROM task WHERE id = :task)"
                ),
                {"task": task_id, **now},
            )
            _audit(connection, task_id, action, detail, now["now"])

    assert upgrade(database_url, "0010") == ["0010"]
    with engine.connect() as connection:
        rows = connection.execute(sa.select(_AGENCY).order_by(_AGENCY.c.name)).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("Sở Giao thông vận tải", [], []),
        (
            "Sở Tài chính",
            ["Sở TC", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "Sở Ngoại vụ"],
            ["Sở Kế hoạch và Đầu tư"],
        ),
        ("Sở Xây dựng", [], []),
    ]


def test_going_back_to_0009_makes_the_merged_names_aliases_again(database_url: str) -> None:
    upgrade(database_url)
    engine = create_engine(sync_url(database_url))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO agency (name, aliases, merged_names, created_at) "
                "VALUES ('Sở Tài chính', :aliases, :merged, '2025-07-01 02:00:00')"
            ),
            {"aliases": '["Sở TC", "Sở KH&ĐT"]', "merged": '["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"]'},
        )

    command.downgrade(alembic_config(database_url), "0009")

    with engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("agency")}
        aliases = connection.execute(sa.select(_AGENCY.c.aliases)).scalar_one()
    engine.dispose()
    assert "merged_names" not in columns
    assert aliases == ["Sở TC", "Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"]  # 0009 finds it by them
    assert upgrade(database_url) == ["0010", "0011", "0012", "0013", "0014", "0015", "0016", "0017"]


_LEARNING = sa.table(
    "agency",
    sa.column("name", sa.String),
    sa.column("aliases", sa.JSON),
    sa.column("merged_names", sa.JSON),
    sa.column("learned_names", sa.JSON),
)


def test_agencies_of_0010_learn_nothing_until_an_import_teaches_them(database_url: str) -> None:
    upgrade(database_url, "0010")
    engine = create_engine(sync_url(database_url))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO agency (name, aliases, merged_names, created_at) "
                "VALUES ('Sở Tài chính', :aliases, :merged, '2025-07-01 02:00:00')"
            ),
            {"aliases": '["Sở TC"]', "merged": '["Sở Kế hoạch và Đầu tư"]'},
        )

    assert upgrade(database_url) == ["0011", "0012", "0013", "0014", "0015", "0016", "0017"]
    with engine.connect() as connection:
        rows = connection.execute(sa.select(_LEARNING)).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("Sở Tài chính", ["Sở TC"], ["Sở Kế hoạch và Đầu tư"], [])
    ]


def test_going_back_to_0010_makes_the_learned_names_aliases(database_url: str) -> None:
    upgrade(database_url)
    engine = create_engine(sync_url(database_url))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO agency (name, aliases, merged_names, learned_names, created_at) "
                "VALUES ('Phòng Kinh tế - Hạ tầng', :aliases, '[]', :learned, "
                "'2025-07-01 02:00:00')"
            ),
            {
                "aliases": '["Phòng KT&HT"]',
                # The second is one of its aliases too (a file that gave it by hand): it is
                # not given twice.
                "learned": '["Phòng KT-HT huyện A", "Phòng KT&HT"]',
            },
        )

    command.downgrade(alembic_config(database_url), "0010")

    with engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("agency")}
        aliases = connection.execute(sa.select(_AGENCY.c.aliases)).scalar_one()
    assert "learned_names" not in columns
    assert aliases == ["Phòng KT&HT", "Phòng KT-HT huyện A"]  # 0010 finds it by them
    assert upgrade(database_url) == ["0011", "0012", "0013", "0014", "0015", "0016", "0017"]
    with engine.connect() as connection:
        learned = connection.execute(sa.select(_LEARNING.c.learned_names)).scalar_one()
    engine.dispose()
    assert learned == []  # what was learned is an alias now, as a file would give it


def test_a_database_of_a_newer_version_is_refused_untouched(database_url: str) -> None:
    upgrade(database_url)
    engine = create_engine(sync_url(database_url))
    with engine.begin() as connection:  # as a later release leaves it
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()

    with pytest.raises(DatabaseTooNew) as refused:
        upgrade(database_url)

    assert (refused.value.revision, refused.value.head) == ("9999_future", "0017")
    assert current_revision(database_url) == "9999_future"


async def test_a_running_instance_sends_nothing_once_a_newer_version_migrated_its_database(
    database_url: str,
) -> None:
    # Two instances share PostgreSQL; the operator upgrades one (pip install -U, restart): it
    # migrates the database while the other keeps running the old code on a schema it does not
    # know. upgrade() refuses a newer database at start-up only (DatabaseTooNew), so the old
    # instance goes on sweeping and writing. With the real 0013 -> 0014 step that is harmful:
    # 0013's code records a lost chat's notices as audit entries with task_id NULL, which
    # 0014's schema refuses (IntegrityError), so the lost chat is never paused and the
    # coordinators never told; and it never sends the notices 0014 keeps in its outbox.
    async with running_bot(database_url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot:
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        await bot.add_task("Báo cáo quý I", "STC", date(2023, 3, 15))
        async with bot.database.session() as session:  # a newer nhacviec, started elsewhere
            await session.exec(text("UPDATE alembic_version SET version_num = '0018'"))  # type: ignore[call-overload]

        bot.at(date(2023, 3, 15))
        await bot.sweep()

        assert bot.reminders_in(group) == []


def test_a_database_with_tables_of_our_names_but_no_revision_is_refused(
    database_url: str,
) -> None:
    ensure_sqlite_folder(database_url)
    engine = create_engine(sync_url(database_url))
    with engine.begin() as connection:  # another application's database
        connection.execute(text("CREATE TABLE customer (id INTEGER PRIMARY KEY)"))
        connection.execute(text("CREATE TABLE task (id INTEGER PRIMARY KEY, title TEXT)"))

    with pytest.raises(NotOurDatabase) as refused:
        upgrade(database_url)

    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert refused.value.tables == ["task"]
    assert tables == {"customer", "task"}  # nothing created, nothing changed


@pytest.mark.postgres
def test_an_instance_starting_while_another_migrates_waits_and_finds_it_done(
    postgres_url: str,
) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as first_instance:
        # The first instance holds the migration lock, as upgrade() does while it migrates.
        first_instance.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        with ThreadPoolExecutor(max_workers=1) as pool:
            second = pool.submit(upgrade, postgres_url)
            _wait_until_someone_waits_for_the_lock(first_instance)
            command.upgrade(alembic_config(postgres_url), "head")  # the first one's migrations
            first_instance.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))

            assert second.result() == []  # without the lock: "duplicate key" on alembic_version

    assert current_revision(postgres_url) == "0017"


def _wait_until_someone_waits_for_the_lock(connection: psycopg.Connection[Any]) -> None:
    """Return once another session of this database is queued on an advisory lock."""
    waiting = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    for _ in range(600):
        row = connection.execute(waiting).fetchone()
        if row is not None and row[0] > 0:
            return
        time.sleep(0.05)
    pytest.fail("upgrade() did not wait for the migration lock")


async def test_two_commands_migrating_one_new_sqlite_file_at_once_both_succeed(
    tmp_path: Path,
) -> None:
    """A new release (or a fresh install) on SQLite: the service starts and migrates while the
    operator runs another command (`nhacviec agencies list`), which migrates too. The second
    waits for the first, finds the database migrated and does its work: neither stops with
    "không kết nối được cơ sở dữ liệu: database is locked" (exit 3)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    failures = []
    for round_ in range(3):
        url = f"sqlite:///{tmp_path / f'round{round_}' / 'nhacviec.db'}"
        env = {**base, "NHACVIEC_DATABASE_URL": url}
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                *command,
                env=env,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for command in (("db", "upgrade"), ("agencies", "list"), ("db", "upgrade"))
        ]
        for process in processes:
            _, err = await process.communicate()
            if process.returncode != 0:
                failures.append(err.decode().strip())
    assert failures == []


def test_periodic_duties_of_0011_learn_their_day_of_the_month(database_url: str) -> None:
    upgrade(database_url, "0011")
    engine = create_engine(sync_url(database_url))
    now = {"now": "2023-03-01 02:00:00"}
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO directive (id, created_at) VALUES (1, :now)"), now)
        for task_id, directive_id, every, phrase, imported, deadline in (
            # On the 28th, first due 28/02, moved to the month's end by the old schedule.
            (1, 1, "monthly", "trước ngày 28 hằng tháng", "2023-02-28", "2023-03-31"),
            # "hằng tháng" from February: the month's end.
            (2, 1, "monthly", "hằng tháng", "2023-02-28", "2023-03-31"),
            # "ngày 30" first due on February's last day: still the 30th.
            (3, 1, "monthly", "trước ngày 30 hằng tháng", "2024-02-29", "2024-02-29"),
            # Added by hand on 30/01, then the 29th after February: its oldest period says 30.
            (4, None, "monthly", None, None, "2024-03-29"),
            (5, 1, None, "trước ngày 28/02/2023", "2023-02-28", "2023-02-28"),  # not periodic
        ):
            connection.execute(
                text(
                    "INSERT INTO task (id, directive_id, text, deadline, deadline_text, "
                    "recurrence, imported_deadline, status, created_at, updated_at) VALUES "
                    "(:id, :directive, 'Báo cáo', :deadline, :phrase, :every, :imported, "
                    "'open', :now, :now)"
                ),
                {
                    "id": task_id,
                    "directive": directive_id,
                    "deadline": deadline,
                    "phrase": phrase,
                    "every": every,
                    "imported": imported,
                    **now,
                },
            )
        for deadline in ("2024-01-30", "2024-02-29"):
            connection.execute(
                text(
                    "INSERT INTO task_period (task_id, deadline, outcome, closed_at) "
                    "VALUES (4, :deadline, 'on_time', :now)"
                ),
                {"deadline": deadline, **now},
            )

    assert upgrade(database_url) == ["0012", "0013", "0014", "0015", "0016", "0017"]
    with engine.connect() as connection:
        days = connection.execute(text("SELECT id, schedule_day FROM task ORDER BY id")).all()
    engine.dispose()
    assert [tuple(row) for row in days] == [(1, 28), (2, 31), (3, 30), (4, 30), (5, None)]


def test_duties_on_the_nth_working_day_of_0016_learn_their_count(database_url: str) -> None:
    upgrade(database_url, "0016")
    engine = create_engine(sync_url(database_url))
    now = {"now": "2025-12-20 02:00:00"}
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO directive (id, created_at) VALUES (1, :now)"), now)
        for task_id, every, phrase, imported, deadline in (
            # January's third working day, 06/01/2026; the old schedule then kept the 6th.
            (1, "monthly", "ngày làm việc thứ 3 hằng tháng", "2026-01-06", "2026-02-06"),
            (2, "monthly", "vào ngày làm việc thứ ba hàng tháng", "2026-01-06", "2026-01-06"),
            (
                3,
                "monthly",
                "trong 03 ngày làm việc đầu tiên hằng tháng",
                "2026-01-06",
                "2026-01-06",
            ),
            (4, "quarterly", "gửi ngày làm việc thứ 5 của tháng 4", "2026-04-07", "2026-04-07"),
            # The day before it ("trước", not inclusive): a day of the month, as imported now.
            (5, "monthly", "trước ngày làm việc thứ 3 hằng tháng", "2026-01-05", "2026-01-05"),
            (6, "monthly", "trước ngày 20 hằng tháng", "2026-01-20", "2026-01-20"),
            (7, None, "ngày làm việc thứ 5 của tháng sau", "2026-01-08", "2026-01-08"),
        ):
            connection.execute(
                text(
                    "INSERT INTO task (id, directive_id, text, deadline, deadline_text, "
                    "recurrence, imported_deadline, schedule_day, status, created_at, "
                    "updated_at) VALUES (:id, 1, 'Báo cáo', :deadline, :phrase, :every, "
                    ":imported, :day, 'open', :now, :now)"
                ),
                {
                    "id": task_id,
                    "deadline": deadline,
                    "phrase": phrase,
                    "every": every,
                    "imported": imported,
                    "day": int(imported[-2:]) if every else None,
                    **now,
                },
            )

    assert upgrade(database_url) == ["0017"]
    with engine.connect() as connection:
        counts = connection.execute(
            text("SELECT id, schedule_working_day, deadline FROM task ORDER BY id")
        ).all()
    command.downgrade(alembic_config(database_url), "0016")
    with engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("task")}
    engine.dispose()

    assert [(row[0], row[1]) for row in counts] == [
        (1, 3),
        (2, 3),
        (3, 3),
        (4, 5),
        (5, None),
        (6, None),
        (7, None),
    ]
    # The current deadline stays as the agency was told; the next period counts again.
    assert str(counts[0][2]) == "2026-02-06"
    assert "schedule_working_day" not in columns


def _an_extension_asked_at_0013(database_url: str, at: str) -> Engine:
    """A database of 0013 with task 1, due 20/03/2023, and its request (1) to move to 30/04,
    pending, made at `at`; an engine on it."""
    upgrade(database_url, "0013")
    engine = create_engine(sync_url(database_url))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO task (id, text, deadline, status, created_at, updated_at) "
                "VALUES (1, 'Báo cáo', '2023-03-20', 'open', :now, :now)"
            ),
            {"now": at},
        )
        connection.execute(
            text(
                "INSERT INTO extension_request (id, task_id, requested_by, requested_in_chat, "
                "current_deadline, requested_deadline, status, created_at) "
                "VALUES (1, 1, 5, -100, '2023-03-20', '2023-04-30', 'pending', :now)"
            ),
            {"now": at},
        )
    return engine


def _killed_while_migrating(database_url: str, statement_start: str) -> None:
    """Run upgrade() in a process that dies (no cleanup, as under kill -9, an OOM kill or a
    power cut) right before it executes the first statement starting with statement_start."""
    script = textwrap.dedent(
        f"""
        import os
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        from storage.migrate import upgrade

        def die(conn, cursor, statement, params, context, executemany):
            if statement.lstrip().upper().startswith({statement_start.upper()!r}):
                os._exit(9)

        event.listen(Engine, "before_cursor_execute", die)
        upgrade({database_url!r})
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr.decode()


def test_a_first_start_killed_while_creating_the_tables_is_finished_by_the_next(
    sqlite_url: str,
) -> None:
    # The first `nhacviec run` on a new server is killed half-way through 0001 (systemd's stop
    # timeout, a power cut). SQLite ran each CREATE TABLE outside any transaction, so the tables
    # made so far stay, without an alembic revision: the next start calls the database "not
    # made by nhacviec" (NotOurDatabase, exit 2) for ever.
    _killed_while_migrating(sqlite_url, "CREATE TABLE task_agency")

    assert upgrade(sqlite_url)[-1] == "0017"
    assert current_revision(sqlite_url) == "0017"


def test_an_upgrade_killed_half_way_through_a_migration_is_finished_by_the_next_start(
    sqlite_url: str,
) -> None:
    # A database of 0013 with a coordinators' notice in its audit trail; the upgrade to 0014 is
    # killed after CREATE TABLE notice but before the revision is recorded. The next start
    # runs 0014 again and fails with "table notice already exists" (an OperationalError:
    # `nhacviec run` says the database is out of reach, exit 3, and systemd restarts it for
    # ever). On PostgreSQL the whole upgrade is one transaction and the next start finishes it.
    engine = _an_extension_asked_at_0013(sqlite_url, "2023-03-01 02:00:00")
    with engine.begin() as connection:
        _audit(connection, 1, "extension_notice_claimed", "1>7", "2023-03-01 02:00:00")

    _killed_while_migrating(sqlite_url, "DELETE FROM audit_entry")

    assert current_revision(sqlite_url) == "0013"
    assert upgrade(sqlite_url) == ["0014", "0015", "0016", "0017"]
    with engine.connect() as connection:
        notices = connection.execute(text("SELECT kind, subject_id, chat_id FROM notice")).all()
    engine.dispose()
    assert [tuple(row) for row in notices] == [("extension_request", 1, 7)]


def test_notices_of_0013_move_from_the_audit_trail_to_the_outbox_and_back(
    database_url: str,
) -> None:
    at = "2023-03-01 02:00:00"
    engine = _an_extension_asked_at_0013(database_url, at)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO chat (id, telegram_id, purpose, active, created_at) "
                "VALUES (2, -200, 'agency', false, :now)"
            ),
            {"now": at},
        )
        for task_id, action, detail, when in (
            (1, "extension_requested", "2023-03-20 -> 2023-04-30: chờ", "2023-03-01 02:00:00"),
            (1, "extension_notice_claimed", "1>7", "2023-03-01 02:00:00"),
            (1, "extension_notice_part", "1>7#1/2", "2023-03-01 02:00:01"),
            (1, "extension_notice_failed", "1>7: 502", "2023-03-01 02:00:02"),
            (1, "extension_notice_claimed", "1>9", "2023-03-01 02:00:00"),
            (1, "extension_notice_part", "1>9#1/1", "2023-03-01 02:00:01"),
            (None, "chat_lost_notice_claimed", "2>7: Forbidden", "2023-03-02 02:00:00"),
            (None, "chat_lost_notice_failed", "2>7: 502", "2023-03-02 02:00:01"),
        ):
            connection.execute(
                text(
                    "INSERT INTO audit_entry (task_id, at, action, detail) "
                    "VALUES (:task, :at, :action, :detail)"
                ),
                {"task": task_id, "at": when, "action": action, "detail": detail},
            )

    def state() -> tuple[list[tuple[Any, ...]], list[str], bool]:
        with engine.connect() as connection:
            notices = connection.execute(
                text(
                    "SELECT kind, subject_id, chat_id, reason, parts_sent, status, attempts, "
                    "error FROM notice ORDER BY kind, subject_id, chat_id"
                )
            ).all()
            actions = connection.execute(text("SELECT action FROM audit_entry ORDER BY id"))
            nullable = {
                c["name"]: c["nullable"] for c in inspect(connection).get_columns("audit_entry")
            }
            return [tuple(n) for n in notices], list(actions.scalars()), nullable["task_id"]

    assert upgrade(database_url) == ["0014", "0015", "0016", "0017"]
    carried = state()
    command.downgrade(alembic_config(database_url), "0013")
    with engine.connect() as connection:
        trail = connection.execute(
            text("SELECT task_id, action, detail FROM audit_entry ORDER BY id")
        ).all()
    assert upgrade(database_url) == ["0014", "0015", "0016", "0017"]
    again = state()
    engine.dispose()

    assert carried == (
        [
            ("chat_lost", 2, 7, "Forbidden", 0, "failed", 1, "502"),
            ("extension_request", 1, 7, None, 1, "failed", 1, "502"),
            ("extension_request", 1, 9, None, 1, "sent", 1, None),
        ],
        ["extension_requested"],  # what people did stays; the notices' records go
        False,  # every entry is about a task again
    )
    assert [tuple(entry) for entry in trail] == [
        (1, "extension_requested", "2023-03-20 -> 2023-04-30: chờ"),
        (1, "extension_notice_claimed", "1>7"),
        (1, "extension_notice_part", "1>7#1/2"),
        (1, "extension_notice_failed", "1>7: 502"),
        (1, "extension_notice_claimed", "1>9"),
        (1, "extension_notice_part", "1>9#1/1"),
        (None, "chat_lost_notice_claimed", "2>7: Forbidden"),
        (None, "chat_lost_notice_failed", "2>7: 502"),
    ]
    assert again == carried  # down and up again, nothing lost
