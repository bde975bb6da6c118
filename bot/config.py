"""Settings: config.toml, then NHACVIEC_<SECTION>_<KEY> environment variables, validated once."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from jobs.policy import ReminderSettings
from storage.ledger import ClaimPolicy

ENV_PREFIX = "NHACVIEC_"
_TOKEN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{20,}$")
# What Telegram accepts as a webhook's secret_token: 1 to 256 of A-Z, a-z, 0-9, _ and -.
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """Configuration that cannot work; the message is one line that says how to fix it."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TelegramSettings(_Section):
    token: str = ""
    base_url: str = ""
    mode: Literal["polling", "webhook", "sweep-only"] = "polling"
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str = ""
    timeout: float = Field(default=10.0, gt=0)  # seconds to wait for an answer from Telegram


class DatabaseSettings(_Section):
    url: str = ""


class ReminderSection(_Section):
    timezone: str = "Asia/Ho_Chi_Minh"
    time: dt.time = dt.time(8, 0)
    before: list[int] = Field(default_factory=lambda: [7, 3, 1, 0])
    cooperating_before: list[int] = Field(default_factory=lambda: [3, 0])
    overdue_every: int = Field(default=2, ge=1)
    escalate_after: int = Field(default=5, ge=1)
    working_days: bool = False
    claim_timeout: int = Field(default=600, ge=1)  # seconds before a silent claim is taken back

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("before", "cooperating_before")
    @classmethod
    def _offsets(cls, value: list[int]) -> list[int]:
        if any(day < 0 for day in value):
            raise ValueError("offsets are days before the deadline, 0 or more")
        return value


class AccessSettings(_Section):
    coordinators: list[int] = Field(default_factory=list)
    invite_valid_days: int = Field(default=7, ge=1, le=90)


class BotSettings(_Section):
    language: Literal["vi", "en"] = "vi"
    username: str = ""  # for invite links printed offline; asked from Telegram when online


class ImporterSettings(_Section):
    max_megabytes: float = Field(default=20, gt=0, le=200)  # larger files are refused, unread
    before_is_inclusive: bool = True  # "trước ngày 15/3" means 15/3 itself (false: 14/3)

    @property
    def max_bytes(self) -> int:
        return int(self.max_megabytes * 1024 * 1024)


class Settings(_Section):
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    reminders: ReminderSection = Field(default_factory=ReminderSection)
    access: AccessSettings = Field(default_factory=AccessSettings)
    bot: BotSettings = Field(default_factory=BotSettings)
    importer: ImporterSettings = Field(default_factory=ImporterSettings)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.reminders.timezone)

    @property
    def database_url(self) -> str:
        """The configured URL, or a SQLite file in the user's data folder."""
        if self.database.url:
            return self.database.url
        return f"sqlite:///{Path(platformdirs.user_data_dir('nhacviec')) / 'nhacviec.db'}"

    @property
    def reminder_policy(self) -> ReminderSettings:
        r = self.reminders
        return ReminderSettings(
            before=tuple(r.before),
            cooperating_before=tuple(r.cooperating_before),
            overdue_every=r.overdue_every,
            escalate_after=r.escalate_after,
            working_days=r.working_days,
        )

    @property
    def claim_policy(self) -> ClaimPolicy:
        return ClaimPolicy(stale_after=timedelta(seconds=self.reminders.claim_timeout))

    @property
    def coordinator_ids(self) -> frozenset[int]:
        return frozenset(self.access.coordinators)

    def require_token(self) -> str:
        """The token, or a ConfigError that says where to get one and where to put it."""
        token = self.telegram.token.strip()
        if not _TOKEN.match(token):
            what = (
                "No Telegram bot token is set"
                if not token
                else "The Telegram bot token looks like a placeholder"
            )
            raise ConfigError(
                f"{what}: create a bot with @BotFather in Telegram, then put its token in "
                'config.toml ([telegram] token = "...") or in the NHACVIEC_TELEGRAM_TOKEN '
                "environment variable. To try the bot without a token, run: nhacviec demo"
            )
        return token

    def require_webhook(self) -> tuple[str, str]:
        """The webhook's public URL and secret, or a ConfigError that says what to set.

        Without a secret anyone who reaches the port could post updates as any user: the bot
        only takes requests that repeat the secret Telegram was given.
        """
        telegram = self.telegram
        if not telegram.webhook_url:
            raise ConfigError(
                '[telegram] mode = "webhook" needs webhook_url (the public HTTPS URL) '
                "in config.toml or NHACVIEC_TELEGRAM_WEBHOOK_URL"
            )
        secret = telegram.webhook_secret.strip()
        if not _WEBHOOK_SECRET.match(secret):
            what = "needs webhook_secret" if not secret else "has an unusable webhook_secret"
            raise ConfigError(
                f'[telegram] mode = "webhook" {what}: 1 to 256 letters, digits, _ or - '
                "that Telegram repeats in every request, so that nobody else can post updates. "
                "Put it in the NHACVIEC_TELEGRAM_WEBHOOK_SECRET environment variable (or "
                'config.toml, [telegram] webhook_secret = "..."); for example: '
                "openssl rand -hex 32"
            )
        return telegram.webhook_url, secret


def _from_env(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """Overrides from NHACVIEC_<SECTION>_<KEY>; lists are comma-separated (or JSON)."""
    overrides: dict[str, dict[str, Any]] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name == f"{ENV_PREFIX}CONFIG":
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("_")
        section_field = Settings.model_fields.get(section)
        model = section_field.annotation if section_field else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise ConfigError(f"Unknown setting in the environment: {name}")
        if key not in model.model_fields:
            raise ConfigError(f"Unknown setting in the environment: {name}")
        is_list = get_origin(model.model_fields[key].annotation) is list
        overrides.setdefault(section, {})[key] = _list_value(value) if is_list else value
    return overrides


def _list_value(value: str) -> Any:
    stripped = value.strip()
    if stripped.startswith("["):
        try:
            return json.loads(stripped)
        except json.JSONDecodeError as error:
            raise ConfigError(f"Not a JSON list: {value!r}") from error
    return [part.strip() for part in stripped.split(",") if part.strip()]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise ConfigError(f"Config file not found: {path}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error


def _describe(error: ValidationError, source: str) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"{source}: unknown setting {where!r}"
    return f"{source}: setting {where!r}: {first['msg']}"


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read the file (--config, or NHACVIEC_CONFIG, or none) and apply the environment on top."""
    environ = os.environ if environ is None else environ
    if path is None and environ.get(f"{ENV_PREFIX}CONFIG"):
        path = Path(environ[f"{ENV_PREFIX}CONFIG"])
    data = _read_toml(path) if path is not None else {}
    source = str(path) if path is not None else "settings"
    for section, values in _from_env(environ).items():
        existing = data.setdefault(section, {})
        if not isinstance(existing, dict):
            raise ConfigError(f"{source}: [{section}] must be a table")
        existing.update(values)
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_describe(error, source)) from None
