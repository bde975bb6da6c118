"""An installer's first week: the README followed on a new machine, with the mistakes an IT
officer makes on the way. Each mistake is one clear line and an exit code that says whether a
restart could help (3) or the operator must act (2), never a traceback or a secret."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bot.config import load_settings
from tests.conftest import POSTGRES_ADMIN_URL, SAMPLE, Cli

TOKEN = "7123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"  # looks real; nothing is sent with it


def _refused_by_argparse(
    cli: Cli, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int | str | None, str]:
    """The exit code and stderr of arguments argparse refuses (it exits, as `nhacviec` does)."""
    with pytest.raises(SystemExit) as refused:
        cli(*args)
    return refused.value.code, capsys.readouterr().err


@pytest.mark.parametrize("group", ["db", "agencies", "member", "task", "tasks", "extensions"])
def test_a_command_group_without_its_command_names_what_is_missing_in_the_help_s_words(
    cli: Cli, capsys: pytest.CaptureFixture[str], group: str
) -> None:
    """`nhacviec db` alone says a COMMAND is missing, as `nhacviec` alone does, not the
    program's internal name for it (db_command)."""
    code, err = _refused_by_argparse(cli, capsys, group)

    assert code == 2
    assert err == f"nhacviec: còn thiếu COMMAND (xem nhacviec {group} -h)\n"


def test_a_wrong_command_in_a_group_is_refused_in_the_help_s_words(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    """`nhacviec db upgade` lists the group's commands, under the name the help shows."""
    code, err = _refused_by_argparse(cli, capsys, "db", "upgade")

    assert code == 2
    assert err == (
        "nhacviec: COMMAND không nhận “upgade”: hãy chọn một trong upgrade, revision "
        "(xem nhacviec db -h)\n"
    )


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
        assert "AAHfiqksKZ8WmR2zSjiQ7" not in shown
        assert "webhook-secret-123" not in shown
        assert "pa55word" not in shown
    assert "db.example/nhacviec" in repr(settings)
    assert "mode='polling'" in repr(settings)


def test_a_user_id_too_large_for_telegram_is_refused_in_one_line(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    """`nhacviec member remove` with a number no Telegram user has (a pasted phone number
    twice, say) is told so, not a database overflow's traceback."""
    code, err = _refused_by_argparse(cli, capsys, "member", "remove", "99999999999999999999999")

    assert code == 2
    assert err == (
        "nhacviec: cần mã người dùng Telegram (một số), không phải “99999999999999999999999”\n"
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


@pytest.fixture
def role_without_rights() -> Iterator[str]:
    """A PostgreSQL login role that owns nothing: what `createuser nhacviec` gives."""
    try:
        psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        pytest.skip(f"no PostgreSQL at {POSTGRES_ADMIN_URL}")
    name = f"nhacviec_role_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN')
    try:
        yield name
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.mark.postgres
def test_a_postgresql_user_without_rights_on_the_database_is_told_how_to_give_them(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, postgres_url: str, role_without_rights: str
) -> None:
    """A database made by `postgres` for a role that does not own it (PostgreSQL 15 gives it
    no right to create tables): `db upgrade` says which user lacks the rights and how to give
    them, exit 2 (a restart will not help), no traceback."""
    database = make_url(postgres_url).database
    url = make_url(postgres_url).set(username=role_without_rights, password="pw")
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", url.render_as_string(hide_password=False))

    code, out, err = cli("db", "upgrade")

    assert (code, out) == (2, "")
    assert err == (
        f"nhacviec: người dùng {role_without_rights} của PostgreSQL không có quyền trên cơ sở "
        f"dữ liệu {database} (permission denied for schema public): hãy cho người dùng này làm "
        f"chủ cơ sở dữ liệu, ví dụ ALTER DATABASE {database} OWNER TO {role_without_rights}\n"
    )


def test_a_sqlite_database_that_cannot_be_written_is_the_operator_s_to_fix(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A SQLite file the service's user may only read (made by root when the installer ran
    the README's commands before the service's first start, or on a read-only disk) is said so
    with the file and what it needs, exit 2: restarting every ten seconds would not help. Here
    SQLite is asked to open it read-only, as it must for a file the user cannot write."""
    assert cli("db", "upgrade")[0] == 0
    database = tmp_path / "db" / "n.db"
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///file:{database}?mode=ro&uri=true")

    code, out, err = cli("task", "add", "--agency", "STC", "Báo cáo")

    assert (code, out) == (2, "")
    assert err == (
        f"nhacviec: không ghi được vào cơ sở dữ liệu SQLite {database} (attempt to write a "
        "readonly database): người dùng chạy nhacviec cần quyền ghi tệp này và thư mục chứa nó "
        "(SQLite ghi thêm các tệp -wal, -shm bên cạnh)\n"
    )


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


VERSIONS = Path(__file__).resolve().parents[1] / "storage" / "migrations" / "versions"


def test_db_revision_writes_no_empty_migration_when_the_models_did_not_change(cli: Cli) -> None:
    """`nhacviec db revision` tried on an installation (it is in --help) finds the models as
    the migrations built them: it writes nothing. An empty migration in the installed package
    would be the next start's, and the database, at a revision no release knows, would then
    refuse every upgrade as "migrated by a newer nhacviec"."""
    before = set(VERSIONS.iterdir())
    try:
        code, out, err = cli("db", "revision", "thử xem")
        written = set(VERSIONS.iterdir()) - before
    finally:
        for path in set(VERSIONS.iterdir()) - before:  # never left in the tree, even on failure
            path.unlink()

    assert written == set()
    assert (code, out) == (1, "")
    assert err == (
        "nhacviec: storage/models.py không khác gì cơ sở dữ liệu đã nâng cấp: không có "
        "migration nào để viết\n"
    )


DEMO_AGENCIES = Path(__file__).resolve().parents[1] / "bot" / "demo_data" / "agencies.csv"


def test_ctrl_c_at_the_import_question_ends_its_line_and_saves_nothing(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at "Lưu 5 nhiệm vụ? [c/K]" stops the command (exit 130, as an interrupt) with
    the question's line ended, as Ctrl-D ends it: the shell's prompt does not follow the
    question on the same line. Nothing is saved, and no traceback."""
    cli("agencies", "import", str(DEMO_AGENCIES))

    def ctrl_c(question: str) -> str:
        print(question, end="")  # as input() writes it
        raise KeyboardInterrupt

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", ctrl_c)

    code, out, err = cli("import", str(SAMPLE))

    assert (code, err) == (130, "")
    assert out.endswith("? [c/K] \n")
    assert cli("tasks", "list")[1] == ""
