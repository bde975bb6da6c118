"""The two ways people start it: the offline demo, and `nhacviec run` as a real process."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from bot.demo import run_demo
from bot.telegram_server import TelegramServer

TOKEN = "6660001234:AAH-process-test-token-xxxxxxxxxxxx"


def test_the_demo_shows_a_reminder_a_done_and_an_overdue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_demo() == 0

    out = capsys.readouterr().out
    assert "2. Sở Tài chính — 31/01/2023" in out  # the sample read: "Sở KH&ĐT" is Sở Tài chính now
    assert "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước." in out
    assert "🔔 Nhắc việc ngày 19/01/2023" in out  # the reminder before Tết
    assert re.search(r"✅ Đã đánh dấu hoàn thành nhiệm vụ số \d+ \(đúng hạn\)\.", out)
    assert re.search(r"Nhiệm vụ số \d+ không thuộc đơn vị của bạn\.", out)
    assert "Nhiệm vụ quá hạn đến ngày 01/02/2023" in out
    assert "không gửi gì thêm" in out  # the second sweep of a morning sends nothing


async def test_run_serves_commands_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    async with TelegramServer(TOKEN) as server:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")},
            "NHACVIEC_TELEGRAM_TOKEN": TOKEN,
            "NHACVIEC_TELEGRAM_BASE_URL": server.base_url,
            "NHACVIEC_DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
        )
        try:
            await server.wait_for_poller(timeout=30)
            user = server.add_user("Lan")
            server.user_sends(server.add_private_chat(user), user, "/help")
            (reply,) = await server.wait_for_messages(1, timeout=10)
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), timeout=20)
        finally:
            if process.returncode is None:
                process.kill()
        assert process.stderr is not None
        log = (await process.stderr.read()).decode()

    assert reply["text"].startswith("Các lệnh\n/tasks — ")
    assert process.returncode == 0, log
    assert "database migrated: 0001" in log
    assert TOKEN not in log
