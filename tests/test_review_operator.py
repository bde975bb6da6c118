"""Review: what an operator meets installing and running nhacviec, following the README."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.telegram_server import TelegramServer
from tests.conftest import Cli

TOKEN = "7770001234:AAH-operator-review-token-xxxxxxxx"


def test_a_reminder_time_written_as_a_bare_hour_is_not_called_an_offset(
    cli: Cli, tmp_path: Path
) -> None:
    """`time = 8` in config.toml (an officer's "8 giờ") is now refused as “00:00+00:00”: ghi giờ
    không kèm múi giờ, a value and a complaint the operator never wrote; it should name what was
    written (8) and ask for HH:MM."""
    config = tmp_path / "config.toml"
    config.write_text("[reminders]\ntime = 8\n", encoding="utf-8")

    code, _, err = cli("--config", str(config), "tasks", "list")

    assert code == 2
    assert "00:00+00:00" not in err
    assert "“8”" in err and "HH:MM" in err


def test_a_reminder_time_with_a_trailing_space_is_read_as_the_short_form_is(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NHACVIEC_REMINDERS_TIME="8:00 " is accepted, but "08:00 " (a space left after the value in
    /etc/nhacviec/env) stops the bot with “08:00” không phải giờ: viết HH:MM, ví dụ 08:00, which
    contradicts itself; it should be read as 08:00 too."""
    monkeypatch.setenv("NHACVIEC_REMINDERS_TIME", "8:00 ")
    assert cli("tasks", "list")[0] == 0

    monkeypatch.setenv("NHACVIEC_REMINDERS_TIME", "08:00 ")
    code, _, err = cli("tasks", "list")

    assert (code, err) == (0, "")


async def test_a_revoked_token_at_start_up_is_one_line_without_a_traceback(
    sqlite_url: str,
) -> None:
    """A token revoked in @BotFather: `nhacviec run` exits 2 with its one line, but
    python-telegram-bot's ERROR log of the failed getMe comes first with a full traceback
    (every RestartSec under systemd); the README promises one clear line, no traceback."""
    async with TelegramServer(TOKEN) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
        env |= {
            "NHACVIEC_TELEGRAM_TOKEN": "7123456789:AAH-revoked-token-xxxxxxxxxxxxxxx",
            "NHACVIEC_TELEGRAM_BASE_URL": server.base_url,
            "NHACVIEC_DATABASE_URL": sqlite_url,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
        )
        _, err = await asyncio.wait_for(process.communicate(), timeout=60)

    log = err.decode()
    assert process.returncode == 2, log
    assert log.strip().splitlines()[-1].startswith("nhacviec: Telegram từ chối token của bot: ")
    assert "Traceback" not in log, log


def test_an_empty_before_in_the_environment_does_not_silently_turn_off_every_reminder() -> None:
    """`NHACVIEC_REMINDERS_BEFORE=` left blank in /etc/nhacviec/env now gives before = []: the
    bot starts and no agency hears of a deadline until it has passed (an empty
    NHACVIEC_REMINDERS_OVERDUE_EVERY is refused, an empty NHACVIEC_DATABASE_URL is the default);
    it should be refused in one line, or mean the default 7,3,1,0."""
    try:
        settings = load_settings(environ={"NHACVIEC_REMINDERS_BEFORE": ""})
    except ConfigError:
        return
    assert settings.reminders.before == [7, 3, 1, 0]


async def test_telegram_out_of_reach_at_start_up_is_one_line_without_a_traceback(
    sqlite_url: str,
) -> None:
    """At boot before the network is up, `nhacviec run` exits 3 (systemd restarts it every
    RestartSec), each time logging python-telegram-bot's ~100-line traceback of the failed
    connection before its own line; it should be the one line only."""
    async with TelegramServer(TOKEN) as server:
        closed_port = server.base_url.replace(f":{server.port}/", ":1/")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    env |= {
        "NHACVIEC_TELEGRAM_TOKEN": TOKEN,
        "NHACVIEC_TELEGRAM_BASE_URL": closed_port,
        "NHACVIEC_TELEGRAM_TIMEOUT": "2",
        "NHACVIEC_DATABASE_URL": sqlite_url,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await asyncio.wait_for(process.communicate(), timeout=60)

    log = err.decode()
    assert process.returncode == 3, log
    assert log.strip().splitlines()[-1].startswith("nhacviec: không kết nối được Telegram: ")
    assert "Traceback" not in log, log
