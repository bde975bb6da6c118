"""Measure the reminder sweep: a province-sized database, one morning, on SQLite and PostgreSQL.

Usage: python bench/bench_sweep.py [--tasks N] [--agencies N] [--postgres URL]

Builds N open tasks spread over the agencies (each with a group chat and a head in private),
due over the next six weeks, then times one morning's sweep with a sender that answers at once
(so the numbers are ours, not Telegram's), and a second sweep the same morning (everything
already claimed). Prints seconds, reminders per second and the SQLite file's size.
First it times the reminder policy alone for tasks three years overdue (a 2023 directive
imported in 2026), whose chase and escalation are counted in working days since the deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobs.policy import (  # noqa: E402
    ReminderSettings,
    TaskSchedule,
    escalations_due,
    reminders_due,
)
from jobs.sweep import Digest, Sweep  # noqa: E402
from storage import access, agencies, tasks  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Role  # noqa: E402
from vncalendar import VIETNAM_TZ, ManualClock, WorkingCalendar  # noqa: E402

MORNING = datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ)  # a Wednesday


async def _fill(database: Database, task_count: int, agency_count: int) -> None:
    now = MORNING.astimezone(UTC)
    rows = [agencies.AgencyRow(f"Sở số {n}", f"S{n}") for n in range(agency_count)]
    async with database.session() as session:
        await agencies.import_agencies(session=session, rows=rows, now=now)
        ids = [a.id for a in await agencies.list_agencies(session=session) if a.id is not None]
        for index, agency_id in enumerate(ids):
            for chat_id, role in ((-1000 - index, Role.STAFF), (500000 + index, Role.HEAD)):
                code = await access.create_invite(
                    session=session,
                    agency_id=agency_id,
                    role=role,
                    now=now,
                    valid_for=timedelta(days=1),
                )
                await access.redeem_invite(
                    session=session,
                    code=code,
                    user_id=abs(chat_id),
                    display_name=None,
                    chat_id=chat_id,
                    chat_title=None,
                    now=now,
                )
        for n in range(task_count):
            await tasks.add_task(
                session=session,
                text=f"Nhiệm vụ số {n}: báo cáo kết quả thực hiện",
                lead_agency_id=ids[n % len(ids)],
                cooperating_agency_ids=[ids[(n + 1) % len(ids)]],
                deadline=MORNING.date() + timedelta(days=n % 42 - 10),
                now=now,
            )


async def _answer_at_once(telegram_chat_id: int, digest: Digest) -> int:
    return 1


async def _measure(url: str, task_count: int, agency_count: int) -> dict[str, float]:
    upgrade(url)
    database = Database(url)
    started = time.perf_counter()
    await _fill(database, task_count, agency_count)
    filled = time.perf_counter() - started
    sweep = Sweep(
        database=database,
        clock=ManualClock(MORNING, VIETNAM_TZ),
        calendar=WorkingCalendar(),
        settings=ReminderSettings(),
        send=_answer_at_once,
    )
    started = time.perf_counter()
    report = await sweep.run()
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = await sweep.run()
    second = time.perf_counter() - started
    await database.dispose()
    reminders = sum(len(ids) for _, ids, _ in report.sent)
    assert not again.sent, "a second sweep must send nothing"
    return {
        "fill": filled,
        "first": first,
        "second": second,
        "digests": len(report.sent),
        "reminders": reminders,
    }


def _measure_overdue_policy() -> None:
    calendar, settings, today = WorkingCalendar(), ReminderSettings(), date(2026, 3, 2)
    calendar.is_working_day(today)  # load the holiday tables outside the timing
    for count in (1, 50, 5000):
        schedules = [TaskSchedule(n, date(2023, 1, 31), 1) for n in range(count)]
        started = time.perf_counter()
        reminders_due(schedules, today, settings, calendar)
        escalations_due(schedules, today, settings, calendar)
        took = time.perf_counter() - started
        print(f"policy      {count:5d} tasks overdue since 31/01/2023, on 02/03/2026: {took:.3f} s")


def _print(name: str, result: dict[str, float], size: int | None) -> None:
    print(
        f"{name:<11} sweep {result['first']:6.2f} s for {int(result['digests'])} digests, "
        f"{int(result['reminders'])} reminders ({result['reminders'] / result['first']:,.0f}/s); "
        f"second sweep {result['second']:5.2f} s, sends nothing"
        + (f"; database {size / 1024 / 1024:.1f} MB" if size is not None else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    _measure_overdue_policy()
    print(f"{args.tasks} open tasks, {args.agencies} agencies (a group and a head each)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        result = asyncio.run(_measure(f"sqlite:///{path}", args.tasks, args.agencies))
        _print("SQLite", result, path.stat().st_size)
    name = f"nhacviec_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL   not measured: {error}".splitlines()[0])
        return 0
    try:
        url = make_url(args.postgres).set(database=name).render_as_string(hide_password=False)
        _print("PostgreSQL", asyncio.run(_measure(url, args.tasks, args.agencies)), None)
    finally:
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
