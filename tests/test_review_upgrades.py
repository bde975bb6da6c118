"""Review: running nhacviec for years (upgrades, restarts, several instances)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError

from bot.app import RETRY_SWEEP, build_sweep
from bot.config import DatabaseSettings, Settings
from jobs.sweep import Digest
from storage import notices
from storage.db import Database, sync_url
from storage.migrate import current_revision, upgrade
from storage.models import Reminder
from storage.notices import take_back
from tests.harness import Harness, running_bot
from vncalendar import VIETNAM_TZ, ManualClock


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

    assert upgrade(sqlite_url)[-1] == "0014"
    assert current_revision(sqlite_url) == "0014"


def test_an_upgrade_killed_half_way_through_a_migration_is_finished_by_the_next_start(
    sqlite_url: str,
) -> None:
    # A database of 0013 with a coordinators' notice in its audit trail; the upgrade to 0014 is
    # killed after CREATE TABLE notice but before the revision is recorded. The next start
    # runs 0014 again and fails with "table notice already exists" (an OperationalError:
    # `nhacviec run` says the database is out of reach, exit 3, and systemd restarts it for
    # ever). On PostgreSQL the whole upgrade is one transaction and the next start finishes it.
    upgrade(sqlite_url, "0013")
    engine = create_engine(sync_url(sqlite_url))
    at = "2023-03-01 02:00:00"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO task (id, text, deadline, status, created_at, updated_at) "
                "VALUES (1, 'Báo cáo', '2023-03-20', 'open', :at, :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO extension_request (id, task_id, requested_by, requested_in_chat, "
                "current_deadline, requested_deadline, status, created_at) "
                "VALUES (1, 1, 5, -100, '2023-03-20', '2023-04-30', 'pending', :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO audit_entry (task_id, at, action, detail) "
                "VALUES (1, :at, 'extension_notice_claimed', '1>7')"
            ),
            {"at": at},
        )

    _killed_while_migrating(sqlite_url, "DELETE FROM audit_entry")

    assert current_revision(sqlite_url) == "0013"
    assert upgrade(sqlite_url) == ["0014"]
    with engine.connect() as connection:
        notices = connection.execute(text("SELECT kind, subject_id, chat_id FROM notice")).all()
    engine.dispose()
    assert [tuple(row) for row in notices] == [("extension_request", 1, 7)]


# --- The database out of reach at the morning sweep --------------------------------------------


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)) as h:
        yield h


async def test_a_morning_whose_database_is_out_of_reach_at_eight_still_gets_its_digest(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PostgreSQL is restarted (an upgrade, a fail-over) at 08:00 for longer than Database's own
    # retries. sweep_job runs extensions.resend_notices (which reads the notices' outbox) before
    # its try/except around the sweep, so the OperationalError ends the job: no sweep, and no
    # retry sweep scheduled ("run again later rather than lose the morning" never happens):
    # the deadline day's reminder is lost.
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    await bot.add_task("Báo cáo quý I", "STC", date(2023, 3, 15))
    bot.at(date(2023, 3, 15))  # the deadline day
    # "Longer than its retries": no pause between tries, so the test does not wait 90 s.
    defaults = Database.retrying.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "delays", ())
    calls = 0

    async def database_down_at_eight(**kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OperationalError("SELECT ...", {}, Exception("server closed the connection"))
        return await take_back(**kwargs)

    monkeypatch.setattr(notices, "take_back", database_down_at_eight)

    await bot.sweep()
    assert bot.application.job_queue is not None
    for job in bot.application.job_queue.get_jobs_by_name(RETRY_SWEEP):  # the database is back
        job.schedule_removal()
        bot.clock.advance(timedelta(minutes=11))
        await job.run(bot.application)
        await bot.server.wait_until_idle()

    digests = bot.reminders_in(group)
    assert len(digests) == 1
    assert "15/03/2023" in digests[0]["text"]


# --- The administrator's command line ----------------------------------------------------------


def _nhacviec(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    env["NHACVIEC_DATABASE_URL"] = f"sqlite:///{tmp_path / 'db' / 'n.db'}"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_agency_catalogue_that_is_a_folder_is_one_clear_line(tmp_path: Path) -> None:
    # `nhacviec agencies import /etc/nhacviec` (the folder, not the file in it): a traceback
    # ending in IsADirectoryError, where `nhacviec import FOLDER` says it is a folder.
    (tmp_path / "catalogue").mkdir()

    done = _nhacviec(tmp_path, "agencies", "import", "catalogue")

    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("nhacviec: ") and done.stderr.count("\n") == 1, done.stderr
    assert done.returncode == 1


# --- Several instances, one upgraded first -----------------------------------------------------


async def test_a_running_instance_sends_nothing_once_a_newer_version_migrated_its_database(
    bot: Harness,
) -> None:
    # Two instances share PostgreSQL; the operator upgrades one (pip install -U, restart): it
    # migrates the database while the other keeps running the old code on a schema it does not
    # know. upgrade() refuses a newer database at start-up only (DatabaseTooNew), so the old
    # instance goes on sweeping and writing. With the real 0013 -> 0014 step that is harmful:
    # 0013's code records a lost chat's notices as audit entries with task_id NULL, which
    # 0014's schema refuses (IntegrityError), so the lost chat is never paused and the
    # coordinators never told; and it never sends the notices 0014 keeps in its outbox.
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    await bot.add_task("Báo cáo quý I", "STC", date(2023, 3, 15))
    async with bot.database.session() as session:  # a newer nhacviec, started elsewhere
        await session.exec(text("UPDATE alembic_version SET version_num = '0015'"))  # type: ignore[call-overload]

    bot.at(date(2023, 3, 15))
    await bot.sweep()

    assert bot.reminders_in(group) == []


# --- Years of ledger ---------------------------------------------------------------------------


async def test_a_dry_run_reads_only_the_ledger_of_the_reminders_it_plans(sqlite_url: str) -> None:
    # `nhacviec remind --dry-run` (Sweep._preview) loads every row of the reminder ledger as an
    # ORM object to look up the few it plans: after a few years (some 50 000 rows a year for a
    # province) it takes seconds and hundreds of MB (200 000 rows: 6 s and 500 MB here, the real
    # sweep 0.01 s), where the real sweep asks only about the tasks it plans (ledger.sent_keys).
    upgrade(sqlite_url)
    engine = create_engine(sync_url(sqlite_url))
    at = "2021-01-04 01:00:00.000000"
    with engine.begin() as connection:  # a task closed long ago, with its years of reminders
        connection.execute(
            text(
                "INSERT INTO agency (id, name, aliases, created_at) "
                "VALUES (1, 'Sở Y tế', '[]', :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO chat (id, telegram_id, agency_id, purpose, active, created_at) "
                "VALUES (1, -100, 1, 'agency', true, :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO task (id, text, deadline, status, created_at, updated_at) "
                "VALUES (1, 'Báo cáo', '2021-01-15', 'done', :at, :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO reminder (task_id, chat_id, slot, status, attempts, claimed_at, "
                "claimed_by, sent_at, message_id) "
                "VALUES (1, 1, :slot, 'sent', 1, :at, 'old', :at, 1)"
            ),
            [{"slot": f"late{n}:2021-01-15", "at": at} for n in range(2000)],
        )
    engine.dispose()
    database = Database(sqlite_url)
    loaded = 0

    def count(target: Reminder, context: Any) -> None:
        nonlocal loaded
        loaded += 1

    event.listen(Reminder, "load", count)
    try:

        async def never(chat_id: int, digest: Digest) -> int:
            raise AssertionError("a dry run sends nothing")

        clock = ManualClock(datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ), VIETNAM_TZ)
        sweep = build_sweep(
            Settings(database=DatabaseSettings(url=sqlite_url)), database, clock, never
        )
        report = await sweep.run(date(2023, 3, 8), dry_run=True)
    finally:
        event.remove(Reminder, "load", count)
        await database.dispose()

    assert report.planned == []
    assert loaded == 0  # none of the 2 000 rows is about a reminder due today
