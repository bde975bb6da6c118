"""Settings: config.toml, then NHACVIEC_<SECTION>_<KEY> environment variables, validated once."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal, get_origin
from urllib.parse import quote, quote_plus
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator
from pydantic_core import ErrorDetails
from sqlalchemy.engine import make_url

from bot.texts import cli_text
from jobs.policy import ReminderSettings
from storage.db import BadDatabaseUrl, SqliteFolder, UnkeptSqlite, check_url
from storage.ledger import ClaimPolicy

ENV_PREFIX = "NHACVIEC_"
_TOKEN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{20,}$")
_TOKEN_ID = re.compile(r"\d{5,}:")
# What Telegram accepts as a webhook's secret_token: 1 to 256 of A-Z, a-z, 0-9, _ and -.
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """Configuration that cannot work; the message is one line that says how to fix it.

    In Vietnamese, like the rest of the command line; setting and variable names as typed.
    """


MAX_INVITE_DAYS = 90  # an invite is a key to an agency's tasks: it does not last for ever

# Telegram's user ids are positive and have at most 52 significant bits (a group's id is
# negative); a larger number would overflow the database's 64-bit columns.
MAX_TELEGRAM_USER_ID = 2**52 - 1


def is_telegram_user_id(value: int) -> bool:
    return 0 < value <= MAX_TELEGRAM_USER_ID


# Telegram's rule for a bot's username: 5-32 letters, digits and underscores, ending in "bot".
_BOT_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,29}[Bb][Oo][Tt]")


# A time as pydantic reads one from text ("08:00", "08:00:00"), for the reminders' time.
_TIME = TypeAdapter(dt.time)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TelegramSettings(_Section):
    # Secrets stay out of repr(): a log line, a debugger or a traceback's locals may show it.
    token: str = Field(default="", repr=False)
    base_url: str = ""
    mode: Literal["polling", "webhook", "sweep-only"] = "polling"
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: str = Field(default="", repr=False)
    timeout: float = Field(default=10.0, gt=0)  # seconds to wait for an answer from Telegram

    @field_validator("base_url")
    @classmethod
    def _ends_in_bot(cls, value: str) -> str:
        # The token is written right after it: "http://127.0.0.1:8081" would make it a port.
        if value and not value.rstrip("/").endswith("/bot"):
            raise ValueError(cli_text("config_base_url_without_bot"))
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _an_address(cls, value: str) -> str:
        # Left blank in an env file, it would listen on no address Telegram can reach.
        if not value.strip():
            raise ValueError(cli_text("config_blank_listen"))
        return value.strip()

    @field_validator("webhook_url")
    @classmethod
    def _path_is_telegram(cls, value: str) -> str:
        # The bot listens on the path /telegram: Telegram's posts to any other path find nothing.
        if value and not value.rstrip("/").endswith("/telegram"):
            raise ValueError(cli_text("config_webhook_path"))
        return value


class DatabaseSettings(_Section):
    url: str = ""

    def __repr_args__(self) -> Iterator[tuple[str, Any]]:
        # The URL without its password, as SQLAlchemy shows one: repr() may end up in a log.
        yield "url", make_url(self.url).render_as_string(hide_password=True) if self.url else ""

    @field_validator("url")
    @classmethod
    def _usable(cls, value: str) -> str:
        if value:
            try:
                check_url(value)
            except UnkeptSqlite as error:
                if error.path is None:
                    raise ValueError(cli_text("config_sqlite_in_memory")) from None
                raise ValueError(cli_text("config_sqlite_relative", path=error.path)) from None
            except SqliteFolder as error:
                raise ValueError(cli_text("config_sqlite_folder", path=error.path)) from None
            except BadDatabaseUrl as error:
                if error.backend is None:
                    raise ValueError(cli_text("config_not_a_database_url")) from None
                raise ValueError(
                    cli_text("config_unsupported_database", backend=error.backend)
                ) from None
        return value


class ReminderSection(_Section):
    timezone: str = "Asia/Ho_Chi_Minh"
    time: dt.time = dt.time(8, 0)
    before: list[int] = Field(default_factory=lambda: [7, 3, 1, 0])
    cooperating_before: list[int] = Field(default_factory=lambda: [3, 0])
    overdue_every: int = Field(default=2, ge=1)
    escalate_after: int = Field(default=5, ge=1)
    working_days: bool = False
    # Seconds before a silent claim is taken back; at most an hour, since reminders still owed
    # are swept again this long after a sweep, within the working day.
    claim_timeout: int = Field(default=600, ge=1, le=3600)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(cli_text("config_unknown_zone", value=value)) from error
        return value

    @field_validator("time", mode="before")
    @classmethod
    def _as_people_write_it(cls, value: Any) -> Any:
        """8:00 is 08:00, and a space left around it (in an env file) is no part of it."""
        if isinstance(value, dt.time):
            return value
        if not isinstance(value, str):
            # pydantic would read `time = 8` ("8 giờ") as 8 seconds past midnight UTC, then
            # refuse it for an offset the operator never wrote: name what was written.
            raise ValueError(cli_text("config_problem_time", value=value))
        value = value.strip()
        if re.fullmatch(r"\d:\d\d", value):
            value = "0" + value
        # Read here rather than by the field: the file's values are validated strictly (see
        # load_settings), and strictly a time is never text.
        try:
            return _TIME.validate_python(value)
        except ValidationError:
            raise ValueError(cli_text("config_problem_time", value=value)) from None

    @field_validator("time")
    @classmethod
    def _local_time(cls, value: dt.time) -> dt.time:
        # The time is read in [reminders] timezone; an offset of its own could only disagree
        # (and an aware time cannot be compared with the clock's local one).
        if value.tzinfo is not None:
            raise ValueError(cli_text("config_time_with_offset", value=value.isoformat("minutes")))
        return value

    @field_validator("before", "cooperating_before")
    @classmethod
    def _offsets(cls, value: list[int]) -> list[int]:
        if any(day < 0 for day in value):
            raise ValueError(cli_text("config_negative_days"))
        return value


class AccessSettings(_Section):
    coordinators: list[int] = Field(default_factory=list)
    invite_valid_days: int = Field(default=7, ge=1, le=MAX_INVITE_DAYS)

    @field_validator("coordinators")
    @classmethod
    def _users(cls, value: list[int]) -> list[int]:
        # A group's id would make nobody a coordinator; a number too large would break the
        # sweep where it records a reminder sent to it.
        if wrong := [user for user in value if not is_telegram_user_id(user)]:
            raise ValueError(cli_text("config_not_a_user_id", value=wrong[0]))
        return value


class BotSettings(_Section):
    language: Literal["vi", "en"] = "vi"
    username: str = ""  # for invite links printed offline; asked from Telegram when online

    @field_validator("username")
    @classmethod
    def _a_bot_username(cls, value: str) -> str:
        # Written as Telegram shows it ("@tinh_nhacviec_bot"), it is the same name; a link or
        # anything else would make every invite link a broken one.
        name = value.strip().removeprefix("@")
        if name and not _BOT_USERNAME.fullmatch(name):
            raise ValueError(cli_text("config_bad_bot_username", name=value))
        return name


# Telegram lets a bot download files of 20 MB at most (getFile): a larger one sent to the bot
# is refused before it is fetched, whatever max_megabytes allows `nhacviec import`.
TELEGRAM_MAX_MEGABYTES = 20


class ImporterSettings(_Section):
    max_megabytes: float = Field(default=20, gt=0, le=200)  # larger files are refused, unread
    before_is_inclusive: bool = True  # "trước ngày 15/3" means 15/3 itself (false: 14/3)
    # A document sent to the bot is read in a worker process, abandoned after this long; at
    # most 80 s, as stopping the bot waits for a read in progress and systemd kills a service
    # that takes more than 90 s to stop.
    max_read_seconds: float = Field(default=60, gt=0, le=80)

    @property
    def max_bytes(self) -> int:
        return int(self.max_megabytes * 1024 * 1024)

    @property
    def bot_max_megabytes(self) -> float:
        """The largest file the bot takes: the configured limit, within Telegram's."""
        return min(self.max_megabytes, TELEGRAM_MAX_MEGABYTES)


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

    @property
    def secrets(self) -> tuple[str, ...]:
        """What the logs must never show: the token, the webhook's secret, the database password.

        The password as written in the URL too (percent-encoded), which is how it shows in a
        URL a library logs or an error repeats.
        """
        found = [self.telegram.token.strip(), self.telegram.webhook_secret.strip()]
        password = make_url(self.database_url).password
        if password:
            found += [str(password), quote(str(password), safe=""), quote_plus(str(password))]
        return tuple(dict.fromkeys(secret for secret in found if secret))

    def require_token(self) -> str:
        """The token, or a ConfigError that says where to get one and where to put it."""
        token = self.telegram.token.strip()
        if not _TOKEN.match(token):
            if not token:
                raise ConfigError(cli_text("config_no_token"))
            # A bot's id and a colon in it: the real token, copied with something around it
            # ("bot" from an API URL, quotes, a space); otherwise a sample left in place.
            mistyped = _TOKEN_ID.search(token) and "..." not in token and "…" not in token
            key = "config_malformed_token" if mistyped else "config_placeholder_token"
            raise ConfigError(cli_text(key))
        return token

    def require_webhook(self) -> tuple[str, str]:
        """The webhook's public URL and secret, or a ConfigError that says what to set.

        Without a secret anyone who reaches the port could post updates as any user: the bot
        only takes requests that repeat the secret Telegram was given.
        """
        telegram = self.telegram
        if not telegram.webhook_url:
            raise ConfigError(cli_text("config_no_webhook_url"))
        secret = telegram.webhook_secret.strip()
        if not _WEBHOOK_SECRET.match(secret):
            raise ConfigError(
                cli_text("config_bad_webhook_secret" if secret else "config_no_webhook_secret")
            )
        return telegram.webhook_url, secret


# Settings whose values are never repeated in a message: they are secrets, or hold one
# (Settings.secrets keeps the same out of the logs).
_SECRETS = {("telegram", "token"), ("telegram", "webhook_secret"), ("database", "url")}


def _from_env(
    environ: Mapping[str, str],
) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], str]]:
    """Overrides from NHACVIEC_<SECTION>_<KEY> (lists comma-separated, or JSON), and the name
    of the variable each (section, key) came from."""
    overrides: dict[str, dict[str, Any]] = {}
    names: dict[tuple[str, str], str] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name == f"{ENV_PREFIX}CONFIG":
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("_")
        section_field = Settings.model_fields.get(section)
        model = section_field.annotation if section_field else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise ConfigError(cli_text("config_unknown_variable", name=name))
        field = model.model_fields.get(key)
        if field is None:
            raise ConfigError(cli_text("config_unknown_variable", name=name))
        # A list left blank (NAME= in an env file) is the empty list only where that is the
        # default (no coordinators). Elsewhere it stays blank, refused as a blank number or time
        # is, rather than silently turning off what the default does: a blank `before` would
        # leave every agency unwarned until its deadline had passed. [] is an empty list.
        as_list = get_origin(field.annotation) is list and bool(
            value.strip() or not field.get_default(call_default_factory=True)
        )
        overrides.setdefault(section, {})[key] = _list_value(name, value) if as_list else value
        names[section, key] = name
    return overrides, names


def _list_value(name: str, value: str) -> Any:
    stripped = value.strip()
    if stripped.startswith("["):
        try:
            return json.loads(stripped)
        except json.JSONDecodeError:
            raise ConfigError(cli_text("config_not_a_json_list", name=name)) from None
    return [part.strip() for part in stripped.split(",") if part.strip()]


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _read_toml(path: Path) -> dict[str, Any]:
    """The file's settings; a UTF-8 BOM (as Windows Notepad saves) is no mistake."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        if path.is_absolute():
            raise ConfigError(cli_text("config_not_found", path=path)) from None
        # Under systemd a command starts in /: say where a relative path led.
        raise ConfigError(
            cli_text("config_not_found_relative", path=path, absolute=path.absolute())
        ) from None
    except IsADirectoryError:
        raise ConfigError(cli_text("config_is_a_folder", path=path)) from None
    except PermissionError:
        raise ConfigError(cli_text("config_not_allowed", path=path)) from None
    except UnicodeDecodeError as error:
        raise ConfigError(cli_text("config_not_utf8", path=path, offset=error.start + 1)) from None
    except OSError as error:
        raise ConfigError(
            cli_text("config_unreadable", path=path, reason=error.strerror or error)
        ) from None
    try:
        return tomllib.loads(content)
    except tomllib.TOMLDecodeError as error:
        # tomllib says what it expected in English; where it is, we say in Vietnamese.
        detail = str(error)
        place = _TOML_PLACE.search(detail)
        if place is None:
            raise ConfigError(cli_text("config_not_toml", path=path, detail=detail)) from None
        raise ConfigError(
            cli_text(
                "config_not_toml_at",
                path=path,
                line=place.group(1),
                column=place.group(2),
                detail=detail[: place.start()],
            )
        ) from None


def _describe(
    error: ValidationError, path: Path | None, names: Mapping[tuple[str, str], str]
) -> str:
    """The first mistake, in one Vietnamese line: where it is (the variable, or the file and
    setting), and what is wrong with it."""
    first = error.errors()[0]
    loc = [str(part) for part in first["loc"]]
    source = _source(path)
    if len(loc) == 1:
        sections = ", ".join(f"[{name}]" for name in Settings.model_fields)
        if first["type"] == "extra_forbidden" and not isinstance(first["input"], dict):
            # `token = "..."` above every [section]: TOML reads it as the file's own.
            homes = [name for name in Settings.model_fields if loc[0] in _section_fields(name)]
            if homes:
                return cli_text(
                    "config_outside_section", path=source, setting=loc[0], section=homes[0]
                )
            return cli_text(
                "config_outside_any_section", path=source, setting=loc[0], sections=sections
            )
        # A whole section: unknown, or a value where a table belongs.
        problem = "unknown_section" if first["type"] == "extra_forbidden" else "not_a_table"
        return cli_text(f"config_{problem}", path=source, section=loc[0], sections=sections)
    section, key = loc[0], loc[1]
    if first["type"] == "extra_forbidden":
        return cli_text(
            "config_unknown_setting",
            path=source,
            section=section,
            setting=key,
            settings=", ".join(_section_fields(section)),
        )
    problem = _problem(first, secret=(section, key) in _SECRETS)
    variable = names.get((section, key))
    if variable is not None:
        return cli_text("config_bad_variable", name=variable, problem=problem)
    return cli_text(
        "config_bad_setting", path=source, section=section, setting=key, problem=problem
    )


def _source(path: Path | None) -> str:
    return str(path) if path is not None else cli_text("config_no_file")


def _section_fields(section: str) -> list[str]:
    model = Settings.model_fields[section].annotation
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return list(model.model_fields)


# pydantic's error types, in the words of config_problem_<kind>.
_PROBLEMS = {
    "time_parsing": "time",
    "time_type": "time",
    "int_parsing": "int",
    "int_type": "int",
    "int_from_float": "int",
    "float_parsing": "number",
    "float_type": "number",
    "bool_parsing": "bool",
    "bool_type": "bool",
    "list_type": "list",
    "string_type": "string",
    "literal_error": "choice",
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
    "model_type": "table",
    "dict_type": "table",
}


# What only the strict reading of the file's values refuses, text being lax about it.
_STRICT_TYPES = {"int_type", "float_type", "bool_type"}


def _problem(error: ErrorDetails, *, secret: bool) -> str:
    context = error.get("ctx", {})
    if error["type"] == "value_error":
        return str(context["error"])  # our validators' own words
    value = "…" if secret else " ".join(str(error["input"]).split())  # one line
    kind = _PROBLEMS.get(error["type"])
    if kind is None:
        return cli_text("config_problem_other", value=value, detail=error["msg"])
    if error["type"] in _STRICT_TYPES and isinstance(error["input"], str):
        kind += "_quoted"  # "yes" or "2" in quotes in the file: TOML writes them bare
    limit = next((f"{context[k]:g}" for k in ("gt", "ge", "lt", "le") if k in context), "")
    choices = ", ".join(re.findall(r"'([^']*)'", str(context.get("expected", ""))))
    return cli_text(f"config_problem_{kind}", value=value, limit=limit, choices=choices)


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read the file (--config, or NHACVIEC_CONFIG, or none) and apply the environment on top."""
    environ = os.environ if environ is None else environ
    if path is None and environ.get(f"{ENV_PREFIX}CONFIG"):
        path = Path(environ[f"{ENV_PREFIX}CONFIG"])
    data = _read_toml(path) if path is not None else {}
    overrides, names = _from_env(environ)
    # TOML writes true, false and numbers bare: "yes" or "2" in quotes is text, which pydantic
    # would read as true or 2, and the file would say one thing and do another. So the file's
    # own values are validated strictly; the environment's are all text, read as people write.
    _validate(_not_overridden(data, overrides), path, names={}, strict=True)
    for section, values in overrides.items():
        existing = data.setdefault(section, {})
        if not isinstance(existing, dict):
            raise ConfigError(cli_text("config_not_a_table", path=_source(path), section=section))
        existing.update(values)
    return _validate(data, path, names, strict=False)


def _not_overridden(
    data: Mapping[str, Any], overrides: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The file's settings less those the environment replaces (a value never used is no
    mistake)."""
    return {
        section: (
            {key: value for key, value in values.items() if key not in overrides.get(section, {})}
            if isinstance(values, dict)
            else values
        )
        for section, values in data.items()
    }


def _validate(
    data: Mapping[str, Any],
    path: Path | None,
    names: Mapping[tuple[str, str], str],
    *,
    strict: bool,
) -> Settings:
    try:
        return Settings.model_validate(data, strict=strict)
    except ValidationError as error:
        raise ConfigError(_describe(error, path, names)) from None
