"""Settings: the file, then the environment on top; each mistake is one line saying what to do."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_need_no_file(tmp_path: Path) -> None:
    settings = load_settings(environ={})

    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith(
        "nhacviec.db"
    )
    assert (
        settings.reminders.time == time(8, 0) and settings.reminders.timezone == "Asia/Ho_Chi_Minh"
    )
    assert settings.reminder_policy.before == (7, 3, 1, 0)
    assert settings.bot.language == "vi"


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[database]\nurl = "sqlite:////srv/a.db"\n[reminders]\ntime = "07:30"\n')

    settings = load_settings(
        config,
        environ={
            "NHACVIEC_DATABASE_URL": "postgresql://db/nhacviec",
            "NHACVIEC_TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot",
            "NHACVIEC_ACCESS_COORDINATORS": "111, 222",
            "NHACVIEC_REMINDERS_BEFORE": "5,1",
        },
    )

    assert settings.database_url == "postgresql://db/nhacviec"
    assert settings.reminders.time == time(7, 30)  # from the file
    assert settings.telegram.base_url == "http://127.0.0.1:8081/bot"
    assert settings.coordinator_ids == frozenset({111, 222})
    assert settings.reminder_policy.before == (5, 1)


def test_nhacviec_config_selects_the_file(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text('[bot]\nlanguage = "en"\n')

    assert load_settings(environ={"NHACVIEC_CONFIG": str(config)}).bot.language == "en"


@pytest.mark.parametrize(
    ("content", "environ", "message"),
    [
        ("[telegram]\ntokn = 'x'\n", {}, "unknown setting 'telegram.tokn'"),
        (
            "[telegram\n",
            {},
            "not valid TOML: Expected ']' at the end of a table declaration (at line 1",
        ),
        ("[reminders]\ntime = '25:00'\n", {}, "setting 'reminders.time'"),
        ("[reminders]\ntimezone = 'Mars/Olympus'\n", {}, "unknown time zone 'Mars/Olympus'"),
        ("[reminders]\nbefore = [3, -1]\n", {}, "offsets are days before the deadline"),
        (
            "",
            {"NHACVIEC_TELEGRAM_TOKKEN": "x"},
            "Unknown setting in the environment: NHACVIEC_TELEGRAM_TOKKEN",
        ),
        ("", {"NHACVIEC_ACCESS_COORDINATORS": "Bằng"}, "setting 'access.coordinators.0'"),
    ],
)
def test_a_mistake_is_named_in_one_line(
    tmp_path: Path, content: str, environ: dict[str, str], message: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(content)

    with pytest.raises(ConfigError) as error:
        load_settings(config, environ=environ)

    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"Config file not found: .*nope\.toml"):
        load_settings(tmp_path / "nope.toml", environ={})


@pytest.mark.parametrize("token", ["", "   ", "YOUR-TOKEN-HERE", "123:abc", "<paste token>"])
def test_a_missing_or_placeholder_token_says_how_to_get_one(token: str) -> None:
    settings = load_settings(environ={"NHACVIEC_TELEGRAM_TOKEN": token} if token else {})

    with pytest.raises(ConfigError) as error:
        settings.require_token()

    assert "@BotFather" in str(error.value) and "NHACVIEC_TELEGRAM_TOKEN" in str(error.value)


def test_a_real_looking_token_is_accepted() -> None:
    token = "7123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"

    assert load_settings(environ={"NHACVIEC_TELEGRAM_TOKEN": token}).require_token() == token


@pytest.mark.parametrize("secret", ["", "   ", "has spaces in it", "x" * 257])
def test_webhook_mode_needs_a_usable_secret(secret: str) -> None:
    settings = load_settings(
        environ={
            "NHACVIEC_TELEGRAM_MODE": "webhook",
            "NHACVIEC_TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram",
            "NHACVIEC_TELEGRAM_WEBHOOK_SECRET": secret,
        }
    )

    with pytest.raises(ConfigError) as error:
        settings.require_webhook()

    assert "webhook_secret" in str(error.value)
    assert "NHACVIEC_TELEGRAM_WEBHOOK_SECRET" in str(error.value)
    assert "\n" not in str(error.value)


def test_webhook_mode_takes_its_url_and_secret() -> None:
    settings = load_settings(
        environ={
            "NHACVIEC_TELEGRAM_MODE": "webhook",
            "NHACVIEC_TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram",
            "NHACVIEC_TELEGRAM_WEBHOOK_SECRET": "s3cret-path_token",
        }
    )

    assert settings.require_webhook() == ("https://bot.example/telegram", "s3cret-path_token")
