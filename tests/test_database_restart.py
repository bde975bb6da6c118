"""PostgreSQL restarting in the middle of a sweep: nothing lost, nothing sent twice."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from bot.telegram_server import Fault
from storage.models import Reminder, ReminderStatus
from tests.harness import running_bot
from vncalendar import VIETNAM_TZ

pytestmark = pytest.mark.postgres


def _cluster(action: str) -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def restartable_postgres(postgres_url: str) -> str:
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs pg_ctlcluster to restart PostgreSQL in this test")
        pytest.skip("PostgreSQL is not managed by pg_ctlcluster here")
    return postgres_url


async def test_postgres_going_down_mid_sweep_delays_the_record_but_loses_nothing(
    restartable_postgres: str,
) -> None:
    async with running_bot(
        restartable_postgres, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)
    ) as bot:
        lan = bot.server.add_user("Lan")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, finance, "STC")
        await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        # Telegram answers slowly, and while it does the database goes away.
        bot.server.inject(Fault.timeout(0.8), method="sendMessage", chat_id=finance["id"])

        sweep = asyncio.create_task(bot.sweep())
        await bot.server.wait_for_messages(2, chat_id=finance["id"])  # the welcome, the digest
        try:
            await asyncio.to_thread(_cluster, "stop")
            await asyncio.sleep(2)  # the sweep meets the dead database and waits
        finally:
            await asyncio.to_thread(_cluster, "start")
        await asyncio.wait_for(sweep, timeout=90)

        async with bot.database.session() as session:
            ledger = (await session.exec(select(Reminder))).all()
        assert len(bot.reminders_in(finance)) == 1
        assert [(r.status, r.attempts) for r in ledger] == [(ReminderStatus.SENT, 1)]
