"""Settings: the file, then the environment on top; each mistake is one line saying what to do."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.app import build_application
from bot.config import (
    ConfigError,
    DatabaseSettings,
    Settings,
    TelegramSettings,
    load_settings,
)
from tests.conftest import Cli

TOKEN = "7770009876:AAH-operator-review-token-xxxxxxxxxx"


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
        (
            "[telegram]\ntokn = 'x'\n",
            {},
            "{file}: mục [telegram] không có thiết lập “tokn”; các thiết lập là token, base_url, "
            "mode, webhook_url, webhook_listen, webhook_port, webhook_secret, timeout",
        ),
        (
            "[remind]\ntime = '08:00'\n",
            {},
            "{file}: không có mục [remind]; các mục là [telegram], [database], [reminders], "
            "[access], [bot], [importer]",
        ),
        (
            "reminders = '08:00'\n",
            {},
            "{file}: [reminders] phải là một mục (dòng [reminders], các thiết lập ở dưới), "
            "không phải một giá trị",
        ),
        (
            "[telegram\n",
            {},
            "{file}: dòng 1, cột 10: sai cú pháp TOML "
            "(Expected ']' at the end of a table declaration)",
        ),
        (
            "[reminders]\ntime = '25:00'\n",
            {},
            "{file}: [reminders] time: “25:00” không phải giờ: viết HH:MM, ví dụ 08:00",
        ),
        (
            "[reminders]\ntime = '08:00+07:00'\n",
            {},
            "{file}: [reminders] time: “08:00+07:00”: ghi giờ không kèm múi giờ, ví dụ 08:00; "
            "giờ được tính theo [reminders] timezone",
        ),
        (
            "[reminders]\ntimezone = 'Mars/Olympus'\n",
            {},
            "{file}: [reminders] timezone: không có múi giờ “Mars/Olympus”; ví dụ Asia/Ho_Chi_Minh",
        ),
        (
            "[reminders]\nbefore = [3, -1]\n",
            {},
            "{file}: [reminders] before: số ngày trước hạn phải từ 0 trở lên",
        ),
        (
            "[reminders]\nworking_days = 'có'\n",
            {},
            "{file}: [reminders] working_days: cần true hoặc false, viết không có ngoặc kép, "
            "không phải chuỗi “có”",
        ),
        (
            "[bot]\nlanguage = 'fr'\n",
            {},
            "{file}: [bot] language: phải là một trong vi, en, không phải “fr”",
        ),
        (
            "[access]\ninvite_valid_days = 100\n",
            {},
            "{file}: [access] invite_valid_days: phải từ 90 trở xuống, không phải 100",
        ),
        (
            "",
            {"NHACVIEC_TELEGRAM_TOKKEN": "x"},
            "biến môi trường NHACVIEC_TELEGRAM_TOKKEN không ứng với thiết lập nào: tên biến là "
            "NHACVIEC_MỤC_THIẾTLẬP, ví dụ NHACVIEC_TELEGRAM_TOKEN hay NHACVIEC_REMINDERS_TIME",
        ),
        (
            "",
            {"NHACVIEC_ACCESS_COORDINATORS": "Bằng"},
            "biến môi trường NHACVIEC_ACCESS_COORDINATORS: cần một số nguyên, không phải “Bằng”",
        ),
        (
            "",
            {"NHACVIEC_REMINDERS_BEFORE": "[7, 3"},
            "biến môi trường NHACVIEC_REMINDERS_BEFORE: không phải danh sách JSON; cũng có thể "
            "ghi các giá trị cách nhau bằng dấu phẩy",
        ),
        (
            # The file is right; the variable that overrides it is named, not the file.
            "[reminders]\ntime = '08:00'\n",
            {"NHACVIEC_REMINDERS_TIME": "08:00+07:00"},
            "biến môi trường NHACVIEC_REMINDERS_TIME: “08:00+07:00”: ghi giờ không kèm múi giờ, "
            "ví dụ 08:00; giờ được tính theo [reminders] timezone",
        ),
        (
            "",
            {"NHACVIEC_DATABASE_URL": "mysql://nhacviec:secret@db/nhacviec"},
            "biến môi trường NHACVIEC_DATABASE_URL: nhacviec không dùng được cơ sở dữ liệu "
            "“mysql”: chỉ SQLite (sqlite:///...) hoặc PostgreSQL (postgresql://...)",
        ),
        (
            "[importer]\nmax_read_seconds = 0\n",
            {},
            "{file}: [importer] max_read_seconds: phải lớn hơn 0, không phải 0",
        ),
        (
            "[database]\nurl = 'not a url'\n",
            {},
            "{file}: [database] url: không phải địa chỉ cơ sở dữ liệu: viết "
            "sqlite:////đường/dẫn/nhacviec.db hoặc postgresql://người_dùng:mật_khẩu@máy/"
            "tên_cơ_sở_dữ_liệu",
        ),
        # In memory, SQLite keeps nothing, not even the tables migrated a moment before: every
        # command failed with "no such table" and exit 3, an outage to systemd.
        (
            "",
            {"NHACVIEC_DATABASE_URL": "sqlite://"},
            "biến môi trường NHACVIEC_DATABASE_URL: SQLite trong bộ nhớ không giữ lại gì, kể cả "
            "các bảng vừa tạo: ghi đường dẫn đầy đủ tới một tệp, ví dụ "
            "sqlite:////var/lib/nhacviec/nhacviec.db",
        ),
        (
            "[database]\nurl = 'sqlite:///:memory:'\n",
            {},
            "{file}: [database] url: SQLite trong bộ nhớ không giữ lại gì, kể cả các bảng vừa "
            "tạo: ghi đường dẫn đầy đủ tới một tệp, ví dụ sqlite:////var/lib/nhacviec/nhacviec.db",
        ),
        # A relative path is another, empty database in each working directory (systemd starts
        # in /, the operator's shell elsewhere): refused rather than guessed.
        (
            "[database]\nurl = 'sqlite:///nhacviec.db'\n",
            {},
            "{file}: [database] url: “nhacviec.db” là đường dẫn tương đối: mỗi thư mục chạy lệnh "
            "sẽ có một cơ sở dữ liệu trống khác nhau. Ghi đường dẫn đầy đủ (sau sqlite: là bốn "
            "dấu /), ví dụ sqlite:////var/lib/nhacviec/nhacviec.db",
        ),
        (
            "",
            {"NHACVIEC_DATABASE_URL": "sqlite:///~/nhacviec.db"},
            "biến môi trường NHACVIEC_DATABASE_URL: “~/nhacviec.db” là đường dẫn tương đối: mỗi "
            "thư mục chạy lệnh sẽ có một cơ sở dữ liệu trống khác nhau. Ghi đường dẫn đầy đủ (sau "
            "sqlite: là bốn dấu /), ví dụ sqlite:////var/lib/nhacviec/nhacviec.db",
        ),
        # A local Bot API server's address without /bot: the token would be glued to its port.
        (
            "",
            {"NHACVIEC_TELEGRAM_BASE_URL": "http://127.0.0.1:8081/"},
            "biến môi trường NHACVIEC_TELEGRAM_BASE_URL: [telegram] base_url phải kết thúc bằng "
            "/bot, ví dụ http://127.0.0.1:8081/bot (token được ghi ngay sau nó)",
        ),
        # The bot listens on /telegram: any other path would receive nothing, silently.
        (
            "[telegram]\nwebhook_url = 'https://nhacviec.example.gov.vn/'\n",
            {},
            "{file}: [telegram] webhook_url: [telegram] webhook_url phải có đường dẫn kết thúc "
            "bằng /telegram, ví dụ https://nhacviec.example.gov.vn/telegram (bot nhận cập nhật ở "
            "đường dẫn đó)",
        ),
        (
            "",
            {"NHACVIEC_TELEGRAM_WEBHOOK_PORT": "70000"},
            "biến môi trường NHACVIEC_TELEGRAM_WEBHOOK_PORT: phải từ 65535 trở xuống, không phải "
            "70000",
        ),
        (
            "",
            {"NHACVIEC_BOT_USERNAME": "https://t.me/nhacviec_bot"},
            "biến môi trường NHACVIEC_BOT_USERNAME: [bot] username “https://t.me/nhacviec_bot” "
            "không phải tên bot Telegram: ghi tên như @BotFather cho, ví dụ tinh_nhacviec_bot",
        ),
    ],
)
def test_a_mistake_is_named_in_one_vietnamese_line(
    tmp_path: Path, content: str, environ: dict[str, str], message: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(content)

    with pytest.raises(ConfigError) as error:
        load_settings(config, environ=environ)

    assert str(error.value) == message.format(file=config)


def test_a_setting_written_before_any_section_is_told_where_it_belongs(
    cli: Cli, tmp_path: Path
) -> None:
    """`token = "..."` above every [section] belongs in [telegram]: the line says so, rather
    than that there is no section [token]."""
    (tmp_path / "config.toml").write_text('token = "x"\n[telegram]\nmode = "polling"\n')

    code, _, err = cli("--config", "config.toml", "agencies", "list")

    assert code == 2
    assert err == (
        "nhacviec: config.toml: “token” nằm ngoài mọi mục: hãy ghi nó dưới dòng [telegram]\n"
    )


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            '[reminders]\nworking_days = "yes"\n',
            "[reminders] working_days: cần true hoặc false, viết không có ngoặc kép, không phải "
            "chuỗi “yes”",
        ),
        (
            '[importer]\nbefore_is_inclusive = "false"\n',
            "[importer] before_is_inclusive: cần true hoặc false, viết không có ngoặc kép, không "
            "phải chuỗi “false”",
        ),
        (
            '[reminders]\noverdue_every = "2"\n',
            "[reminders] overdue_every: cần một số nguyên, viết không có ngoặc kép, không phải "
            "chuỗi “2”",
        ),
        (
            '[importer]\nmax_megabytes = "20"\n',
            "[importer] max_megabytes: cần một số, viết không có ngoặc kép, không phải chuỗi “20”",
        ),
        (
            '[access]\ncoordinators = ["123456789"]\n',
            "[access] coordinators: cần một số nguyên, viết không có ngoặc kép, không phải chuỗi "
            "“123456789”",
        ),
    ],
)
def test_a_quoted_value_where_the_file_needs_true_false_or_a_number_is_refused_by_name(
    cli: Cli, tmp_path: Path, written: str, problem: str
) -> None:
    """In TOML "yes", "false" or "2" in quotes is text: working_days = "yes" once turned the
    setting on and "2" counted as 2, so a file that reads one way did another. It stops the
    command (exit 2) in one line naming the setting and what it needs."""
    (tmp_path / "config.toml").write_text(written, encoding="utf-8")

    code, out, err = cli("--config", "config.toml", "tasks", "list")

    assert (code, out) == (2, "")
    assert err == f"nhacviec: config.toml: {problem}\n"


def test_the_environment_gives_true_false_and_numbers_as_text() -> None:
    """An environment variable is always text: NHACVIEC_REMINDERS_WORKING_DAYS=true is true,
    as it must be, whatever the file must write without quotes."""
    settings = load_settings(
        environ={
            "NHACVIEC_REMINDERS_WORKING_DAYS": "true",
            "NHACVIEC_REMINDERS_OVERDUE_EVERY": "3",
            "NHACVIEC_IMPORTER_MAX_MEGABYTES": "12.5",
            "NHACVIEC_ACCESS_COORDINATORS": "123456789",
        }
    )

    assert settings.reminders.working_days is True
    assert settings.reminders.overdue_every == 3
    assert settings.importer.max_megabytes == 12.5
    assert settings.coordinator_ids == frozenset({123456789})


def test_a_quoted_value_the_environment_overrides_is_not_held_against_the_file(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[reminders]\nworking_days = "yes"\n', encoding="utf-8")

    settings = load_settings(config, environ={"NHACVIEC_REMINDERS_WORKING_DAYS": "false"})

    assert settings.reminders.working_days is False


def test_a_relative_config_path_is_read_from_the_folder_the_command_starts_in(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "config.toml").write_text(
        "[access]\ninvite_valid_days = 3\n", encoding="utf-8"
    )

    by_option = cli("--config", "etc/config.toml", "invite", "--role", "coordinator")
    monkeypatch.setenv("NHACVIEC_CONFIG", "etc/config.toml")
    by_variable = cli("invite", "--role", "coordinator")

    for code, out, _ in (by_option, by_variable):
        assert code == 0
        assert "có hiệu lực 3 ngày" in out.splitlines()[0]


def test_a_relative_config_path_that_is_not_there_says_where_it_was_looked_for(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under systemd a command starts in /: NHACVIEC_CONFIG=config.toml is /config.toml there,
    and the line says so rather than leave the operator looking at the config.toml he has."""
    monkeypatch.setenv("NHACVIEC_CONFIG", "config.toml")

    code, out, err = cli("tasks", "list")

    assert (code, out) == (2, "")
    assert err == (
        f"nhacviec: không tìm thấy tệp cấu hình config.toml (tức {tmp_path / 'config.toml'}: "
        "đường dẫn tương đối tính từ thư mục chạy lệnh)\n"
    )


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path / "nope.toml", environ={})

    assert str(error.value) == f"không tìm thấy tệp cấu hình {tmp_path / 'nope.toml'}"


def test_a_folder_or_a_file_not_in_utf8_is_refused(tmp_path: Path) -> None:
    windows_1258 = tmp_path / "config.toml"
    # "Sở Y tế" as Windows-1258 writes it: base letters and combining tone marks.
    windows_1258.write_bytes('[bot]\nusername = "S\u01a1\u0309 Y t\u00ea\u0301"\n'.encode("cp1258"))

    with pytest.raises(ConfigError) as folder:
        load_settings(tmp_path, environ={})
    with pytest.raises(ConfigError) as not_utf8:
        load_settings(windows_1258, environ={})

    assert str(folder.value) == (
        f"{tmp_path} là một thư mục, không phải tệp cấu hình: --config (hoặc NHACVIEC_CONFIG) "
        "phải chỉ tới một tệp .toml"
    )
    assert str(not_utf8.value) == (
        f"{windows_1258}: tệp cấu hình phải là văn bản UTF-8 (byte thứ 20 không đọc được): hãy "
        "lưu lại tệp với bảng mã UTF-8"
    )


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[reminders]\ntime = "07:30"\n', encoding="utf-8-sig")  # as Notepad saves

    assert load_settings(config, environ={}).reminders.time == time(7, 30)


def test_an_hour_may_be_written_with_one_digit() -> None:
    settings = load_settings(environ={"NHACVIEC_REMINDERS_TIME": "7:30"})

    assert settings.reminders.time == time(7, 30)


def test_a_reminder_time_written_as_a_bare_hour_is_not_called_an_offset(
    cli: Cli, tmp_path: Path
) -> None:
    """`time = 8` in config.toml (an officer's "8 giờ") is refused naming what was written (8)
    and asking for HH:MM, not as “00:00+00:00”: ghi giờ không kèm múi giờ, a value and a
    complaint the operator never wrote."""
    config = tmp_path / "config.toml"
    config.write_text("[reminders]\ntime = 8\n", encoding="utf-8")

    code, _, err = cli("--config", str(config), "tasks", "list")

    assert code == 2
    assert "00:00+00:00" not in err
    assert "“8”" in err and "HH:MM" in err


def test_a_reminder_time_with_a_trailing_space_is_read_as_the_short_form_is(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NHACVIEC_REMINDERS_TIME="08:00 " (a space left after the value in /etc/nhacviec/env) is
    read as 08:00, as "8:00 " is: the bot does not stop with “08:00” không phải giờ: viết HH:MM,
    ví dụ 08:00, which would contradict itself."""
    monkeypatch.setenv("NHACVIEC_REMINDERS_TIME", "8:00 ")
    assert cli("tasks", "list")[0] == 0

    monkeypatch.setenv("NHACVIEC_REMINDERS_TIME", "08:00 ")
    code, _, err = cli("tasks", "list")

    assert (code, err) == (0, "")


def test_an_empty_before_in_the_environment_does_not_silently_turn_off_every_reminder() -> None:
    """`NHACVIEC_REMINDERS_BEFORE=` left blank in /etc/nhacviec/env is refused in one line, or
    means the default 7,3,1,0 (as an empty NHACVIEC_DATABASE_URL means the default): never
    before = [], with which the bot would start and no agency hear of a deadline until it has
    passed."""
    try:
        settings = load_settings(environ={"NHACVIEC_REMINDERS_BEFORE": ""})
    except ConfigError:
        return
    assert settings.reminders.before == [7, 3, 1, 0]


def test_a_database_url_with_a_port_that_is_no_number_is_called_no_database_url(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slip in the port (`:54x32`) is told as any other malformed URL, in Vietnamese with the
    form to write, not as Python's "invalid literal for int()"."""
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", "postgresql://nhacviec:secret@db:54x32/nhacviec")

    code, out, err = cli("agencies", "list")

    assert (code, out) == (2, "")
    assert err == (
        "nhacviec: biến môi trường NHACVIEC_DATABASE_URL: không phải địa chỉ cơ sở dữ liệu: viết "
        "sqlite:////đường/dẫn/nhacviec.db hoặc postgresql://người_dùng:mật_khẩu@máy/"
        "tên_cơ_sở_dữ_liệu\n"
    )


@pytest.mark.parametrize("coordinator", ["99999999999999999999999", "-1001234567890", "0"])
def test_a_coordinator_id_no_telegram_user_can_have_stops_start_up(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, coordinator: str
) -> None:
    """[access] coordinators holds users' ids: a group's id (negative) would make nobody a
    coordinator, and a number too large would break the morning sweep when it records the
    reminder sent to it. Both stop start-up, naming the setting."""
    monkeypatch.setenv("NHACVIEC_ACCESS_COORDINATORS", f"123456,{coordinator}")

    code, out, err = cli("agencies", "list")

    assert (code, out) == (2, "")
    assert err == (
        "nhacviec: biến môi trường NHACVIEC_ACCESS_COORDINATORS: “"
        + coordinator
        + "” không phải mã người dùng Telegram (một số dương; mã nhóm, số âm, không dùng ở đây)\n"
    )


@pytest.mark.parametrize("token", ["", "   ", "YOUR-TOKEN-HERE", "123:abc", "<paste token>"])
def test_a_missing_or_placeholder_token_says_how_to_get_one(token: str) -> None:
    settings = load_settings(environ={"NHACVIEC_TELEGRAM_TOKEN": token} if token else {})

    with pytest.raises(ConfigError) as error:
        settings.require_token()

    assert "@BotFather" in str(error.value) and "NHACVIEC_TELEGRAM_TOKEN" in str(error.value)


def test_a_real_looking_token_is_accepted() -> None:
    token = "7123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"

    assert load_settings(environ={"NHACVIEC_TELEGRAM_TOKEN": token}).require_token() == token


@pytest.mark.parametrize(
    "pasted",
    [
        "bot" + TOKEN,  # copied from an API URL, https://api.telegram.org/bot<token>/getMe
        f'"{TOKEN}"',  # quoted inside the value
        TOKEN.replace(":", ": "),
    ],
)
def test_a_real_token_pasted_with_something_around_it_is_told_what_is_wrong_with_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, pasted: str
) -> None:
    """A token copied with a "bot" before it, in quotes or with a space is the real one
    mistyped, not a sample value: the line says which form a token has and what to leave out,
    without repeating it."""
    monkeypatch.setenv("NHACVIEC_TELEGRAM_TOKEN", pasted)

    code, out, err = cli("run")

    assert (code, out) == (2, "")
    assert err == (
        "nhacviec: token của bot Telegram không đúng dạng: @BotFather đưa token dạng "
        "123456789:AAH… (chữ số, dấu hai chấm, rồi chữ cái, chữ số, _ hoặc -); chép đúng "
        "như vậy vào NHACVIEC_TELEGRAM_TOKEN (hoặc config.toml, [telegram] token), không kèm "
        "“bot” ở đầu, dấu ngoặc hay dấu cách\n"
    )


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


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_webhook_listen_is_refused_in_one_line_not_taken_as_no_address(blank: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(environ={"NHACVIEC_TELEGRAM_WEBHOOK_LISTEN": blank})

    assert "webhook_listen cần một địa chỉ để lắng nghe" in str(error.value)
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


def test_the_bot_reads_a_document_for_a_minute_and_takes_what_telegram_serves(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[importer]\nmax_megabytes = 50\n")

    default, larger = load_settings(environ={}), load_settings(config, environ={})

    assert default.importer.max_read_seconds == 60
    assert (default.importer.bot_max_megabytes, default.importer.max_megabytes) == (20, 20)
    # `nhacviec import` reads 50 MB; Telegram lets the bot download 20 MB at most.
    assert (larger.importer.bot_max_megabytes, larger.importer.max_megabytes) == (20, 50)


def test_a_bot_username_written_with_its_at_sign_is_the_same_name() -> None:
    settings = load_settings(None, environ={"NHACVIEC_BOT_USERNAME": "@tinh_nhacviec_bot"})

    assert settings.bot.username == "tinh_nhacviec_bot"


def test_the_secrets_kept_out_of_the_logs_are_every_secret_of_the_settings() -> None:
    """The token, the webhook's secret, and the database's password as given and as written
    in its URL: what `nhacviec -v run` redacts wherever a library logs it."""
    settings = load_settings(
        environ={
            "NHACVIEC_TELEGRAM_TOKEN": TOKEN,
            "NHACVIEC_TELEGRAM_WEBHOOK_SECRET": "webhook-secret-0123",
            "NHACVIEC_DATABASE_URL": "postgresql://nhacviec:p%40ss%2Fw0rd@db/nhacviec",
        }
    )

    assert set(settings.secrets) == {TOKEN, "webhook-secret-0123", "p@ss/w0rd", "p%40ss%2Fw0rd"}
    assert load_settings(environ={}).secrets == ()


def test_the_settings_printed_or_logged_never_show_the_secrets() -> None:
    """repr() of the settings (as a debugger, a log line or a traceback's locals show them)
    hides the token, the webhook secret and the database password; the rest stays readable."""
    settings = load_settings(
        environ={
            "NHACVIEC_TELEGRAM_TOKEN": TOKEN,
            "NHACVIEC_TELEGRAM_WEBHOOK_SECRET": "webhook-secret-123",
            "NHACVIEC_DATABASE_URL": "postgresql://nhacviec:pa55word@db.example/nhacviec",
        }
    )

    for shown in (repr(settings), str(settings), repr(settings.telegram), str(settings.database)):
        assert TOKEN.partition(":")[2] not in shown
        assert "webhook-secret-123" not in shown
        assert "pa55word" not in shown
    assert "db.example/nhacviec" in repr(settings)
    assert "mode='polling'" in repr(settings)


def test_the_default_and_full_sqlite_paths_are_accepted(tmp_path: Path) -> None:
    for url in ("", f"sqlite:///{tmp_path / 'n.db'}", "sqlite:////var/lib/nhacviec/nhacviec.db"):
        settings = load_settings(environ={"NHACVIEC_DATABASE_URL": url} if url else {})
        assert settings.database_url.startswith("sqlite:////")


@pytest.mark.parametrize(
    "base_url",
    ["http://bot-api:8081/bot", "http://botapi.internal:8081/bot", "https://bot.tinh.gov.vn/bot"],
)
def test_a_local_bot_api_server_serves_files_beside_its_bot_path(
    sqlite_url: str, base_url: str
) -> None:
    """A local Bot API server serves files at <server>/file/bot<token>/...: only the trailing
    /bot changes, not a host named "bot-api" or "bot.tinh.gov.vn" (documents sent to the bot
    could not be downloaded)."""
    settings = Settings(
        telegram=TelegramSettings(token=TOKEN, base_url=base_url),
        database=DatabaseSettings(url=sqlite_url),
    )

    application = build_application(settings)

    server = base_url.removesuffix("/bot")
    assert application.bot.base_url == f"{base_url}{TOKEN}"
    assert application.bot.base_file_url == f"{server}/file/bot{TOKEN}"
