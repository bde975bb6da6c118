"""The `nhacviec` command line: run the bot, the demo, migrations, agencies, invites and tasks."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import signal
import sys
import tempfile
import unicodedata
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from dataclasses import asdict, replace
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any, NoReturn

from alembic import command as alembic_command
from sqlalchemy import NullPool, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    DatabaseError,
    DBAPIError,
    InterfaceError,
    OperationalError,
)
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Bot, Update
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot import importing
from bot import reports as report_files
from bot.app import STOPPED_DATABASE_TOO_NEW, build_application, build_sweep
from bot.config import (
    MAX_INVITE_DAYS,
    ConfigError,
    Settings,
    is_telegram_user_id,
    load_settings,
)
from bot.demo import run_demo
from bot.handlers import parse_number
from bot.lifecycle import running
from bot.logs import RedactSecrets, setup_logging
from bot.services import services_of
from bot.texts import (
    DEADLINE_KINDS,
    LEARNED_SHOWN,
    Texts,
    cli_text,
    fmt_date,
    fmt_local_date,
    learned_name,
)
from ingest.deadlines import parse_deadline
from ingest.text import UnreadableDocument, human_size, size_over
from jobs.sweep import Digest, SweepReport
from storage import access, agencies, extensions, reports, tasks
from storage.db import (
    Database,
    is_not_a_database,
    is_not_allowed,
    sync_url,
    unwritable_sqlite,
)
from storage.directives import Changes
from storage.errors import (
    AmbiguousAgency,
    DoneNotWithdrawn,
    NotWithdrawn,
    StorageError,
    TaskNotFound,
    UnknownAgency,
    Withdrawn,
)
from storage.migrate import (
    DatabaseTooNew,
    MigrationRefused,
    NoDatabaseFolder,
    NotOurDatabase,
    alembic_config,
    current_revision,
    head_revision,
    refuse_unknown,
    upgrade,
)
from storage.models import Role
from storage.reports import MonthReport
from vncalendar import SystemClock
from vncalendar import dates as vn_dates
from vncalendar.recurrence import Recurrence

log = logging.getLogger(__name__)


class UsageError(Exception):
    """Bad input on the command line; the message is the one line the user sees."""


def parse_date(text: str) -> date:
    """A date written as YYYY-MM-DD or dd/mm/yyyy; a date that does not exist is refused."""
    try:
        return vn_dates.parse_date(text)
    except vn_dates.NotADate as error:
        if error.well_formed:
            raise UsageError(cli_text("no_such_date", text=error.text)) from None
        raise UsageError(cli_text("not_a_date", text=error.text)) from None


def _optional_date(text: str | None, option: str) -> date | None:
    """The date an option gives, None when it is not given; given empty (a script's variable
    that came out empty) it is refused, not taken as not given."""
    if text is None:
        return None
    if not text.strip():
        raise UsageError(cli_text("blank_date", option=option))
    return parse_date(text)


def _run_db(settings: Settings, work: Callable[[Database], Awaitable[Any]]) -> Any:
    """Migrate, open the database, run one unit of work, close."""
    upgrade(settings.database_url)
    return _run_on(settings.database_url, work)


def _run_on(url: str, work: Callable[[Database], Awaitable[Any]]) -> Any:
    """Open the database at url, run one unit of work, close."""

    async def go() -> Any:
        database = Database(url)
        try:
            return await work(database)
        finally:
            await database.dispose()

    return asyncio.run(go())


def _run_db_as_it_is(
    settings: Settings,
    work: Callable[[Database], Awaitable[Any]],
    *,
    no_database: str | None = "dry_run_no_database",
    needs_upgrade: str = "dry_run_needs_upgrade",
) -> Any:
    """Run one unit of work that only reads (a dry run, a list) on the database without
    creating or migrating it: a new release tried on the production database must not migrate
    it under the older instances still running on it (they would stop). With no database yet,
    the work runs on an empty one of its own, thrown away after (saying so first with the line
    `no_database`, if any); one older than this code is refused with the line `needs_upgrade`,
    one newer with db_too_new."""
    url = settings.database_url
    revision = current_revision(url) if _database_exists(url) else None
    if revision is None:
        if no_database is not None:
            print(cli_text(no_database), file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix="nhacviec-") as folder:
            empty = f"sqlite:///{Path(folder) / 'empty.db'}"
            upgrade(empty)
            return _run_on(empty, work)
    refuse_unknown(revision)
    head = head_revision()
    if revision != head:
        # Planned on an older schema, the queries of this code would fail on what it lacks.
        raise UsageError(cli_text(needs_upgrade, revision=revision, head=head))
    return _run_on(url, work)


def _read_db(settings: Settings, work: Callable[[Database], Awaitable[Any]]) -> Any:
    """Run a look's unit of work (a list, a report, a dry-run sweep) on the database as it is
    (see _run_db_as_it_is); with none yet there is nothing to see, and the look says so by
    being empty."""
    return _run_db_as_it_is(
        settings, work, no_database=None, needs_upgrade="read_only_needs_upgrade"
    )


def _database_exists(url: str) -> bool:
    """Whether the database is there to be asked its revision: asking opens a SQLite file, and
    so would create it (a server's database is made by its administrator)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return True
    return Path((parsed.database or "").removeprefix("file:")).expanduser().is_file()


def _missing_postgres_database(url: str) -> tuple[str, str] | None:
    """The database a PostgreSQL URL names and the user it logs in as, when the server answers
    and has no database of that name: its administrator must create it, and no restart will.
    None otherwise.

    Asked of the server's maintenance database, as createdb does: a refused connection carries
    no SQLSTATE, only the server's words in its own language. A server that refuses that one
    too is left to the generic line (its words, exit 3)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.database:
        return None
    engine = create_engine(
        sync_url(parsed.set(database="postgres")),
        poolclass=NullPool,
        connect_args={"connect_timeout": 5},  # a server out of reach has been waited for already
    )
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
            ).first()
            user = connection.execute(text("SELECT current_user")).scalar_one()
    except DBAPIError:
        return None
    finally:
        engine.dispose()
    return None if found else (parsed.database, user)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    settings.require_token()
    telegram = settings.telegram
    # Checked before anything starts: webhook mode never listens without its secret.
    webhook = settings.require_webhook() if telegram.mode == "webhook" else None
    # At DEBUG, python-telegram-bot logs every call's parameters: setWebhook's secret_token too.
    setup_logging(logging.DEBUG if args.verbose else logging.INFO, *settings.secrets)
    applied = upgrade(settings.database_url)
    log.info("database %s", f"migrated to {applied[-1]}" if applied else "is up to date")
    application = build_application(settings)
    if webhook is not None:
        webhook_url, secret = webhook
        application.run_webhook(
            listen=telegram.webhook_listen,
            port=telegram.webhook_port,
            url_path="telegram",
            webhook_url=webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    elif telegram.mode == "sweep-only":
        asyncio.run(_sweep_only(application))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    stop_reason = services_of(application).stop_reason
    if stop_reason == "conflict":
        raise UsageError(cli_text("another_poller"))
    if stop_reason == STOPPED_DATABASE_TOO_NEW:
        return 2  # as at start-up (DatabaseTooNew); the log said what to do
    return 0


async def _sweep_only(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Send reminders on schedule without taking updates, until SIGTERM or SIGINT (or the bot
    stops itself)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with running(application, poll=False, stop=stop):
        log.info("sweep-only: reminders are sent on schedule; updates are left to another instance")
        await stop.wait()


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    return run_demo(verbose=args.verbose)


def cmd_remind(settings: Settings, args: argparse.Namespace) -> int:
    day = _optional_date(args.date, "--date")
    clock = SystemClock(settings.tz)
    if day is not None and day > clock.today() and not args.dry_run:
        # It would send days early what is due then, for good (the ledger keeps it), and record
        # periodic duties as missed that still have time.
        raise UsageError(cli_text("remind_future", day=fmt_date(day)))

    async def dry(database: Database) -> tuple[SweepReport, dict[int, str]]:
        sweep = build_sweep(settings, database, clock, _never_sends)
        report = await sweep.run(day, dry_run=True)
        return report, await _chat_titles(database)

    async def real() -> tuple[SweepReport, dict[int, str]]:
        application = build_application(settings, clock=clock, sweep_at_start=False)
        async with application:
            app = services_of(application)
            report = await app.sweep.run(day)
            return report, await _chat_titles(app.database)

    if args.dry_run:  # a look, as a list is: the database as it is
        report, titles = _read_db(settings, dry)
    else:
        upgrade(settings.database_url)
        report, titles = asyncio.run(real())
    print(_describe_sweep(report, titles))
    return 1 if report.failed else 0


async def _never_sends(telegram_chat_id: int, digest: Digest) -> int:
    raise AssertionError("a dry run sends nothing")


async def _chat_titles(database: Database) -> dict[int, str]:
    async with database.session() as session:
        return {
            chat.telegram_id: chat.title or "" for chat in await access.all_chats(session=session)
        }


def _describe_sweep(report: SweepReport, titles: dict[int, str]) -> str:
    day = fmt_date(report.day)
    if not report.working_day:
        return cli_text("sweep_day_off", day=day)

    def where(chat: int) -> str:
        # A private chat has no title: a coordinator named in the configuration, say.
        title = titles.get(chat)
        return f"{title} ({chat})" if title else cli_text("sweep_private_chat", chat=chat)

    lines = [
        cli_text("sweep_would_send", chat=where(chat), tasks=_ids(task_ids))
        for chat, task_ids in report.planned
    ]
    lines += [
        cli_text("sweep_sent", chat=where(chat), tasks=_ids(task_ids), message=message_id)
        for chat, task_ids, message_id in report.sent
    ]
    lines += [
        cli_text("sweep_failed", chat=where(chat), tasks=_ids(task_ids), error=error)
        for chat, task_ids, error in report.failed
    ]
    lines.append(
        cli_text(
            "sweep_summary_dry" if report.dry_run else "sweep_summary",
            day=day,
            count=len(report.planned or report.sent),
            failed=len(report.failed),
            before=report.already_claimed,
        )
    )
    return "\n".join(lines)


def _ids(task_ids: list[int]) -> str:
    return ", ".join(f"#{task_id}" for task_id in task_ids)


def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    applied = upgrade(settings.database_url)
    print(
        cli_text("db_upgraded", revisions=", ".join(applied))
        if applied
        else cli_text("db_up_to_date")
    )
    return 0


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    mappings = dict(_mapping(m) for m in args.map)
    deadlines = dict(_deadline_fix(d) for d in args.deadline)
    path = Path(args.file)
    data = _read(args.file, settings)
    if agencies.is_catalogue(data):
        raise UsageError(cli_text("import_catalogue_file", file=args.file))
    issued = _optional_date(args.issued, "--issued")
    clock = SystemClock(settings.tz)

    async def plan_in(session: AsyncSession) -> importing.ImportPlan:
        return await importing.read_and_plan(
            session=session,
            data=data,
            filename=path.name,
            issued_on=issued,
            max_bytes=settings.importer.max_bytes,
            before_is_inclusive=settings.importer.before_is_inclusive,
            corrections=importing.Corrections(
                mappings=mappings,
                expand_groups=args.expand_groups,
                deadlines=deadlines,
                dropped=frozenset(args.drop),
            ),
        )

    async def plan(database: Database) -> importing.ImportPlan:
        async with database.session() as session:
            return await plan_in(session)

    try:
        the_plan = (_run_db_as_it_is if args.dry_run else _run_db)(settings, plan)
    except UnreadableDocument as error:
        raise UsageError(f"{args.file}: {error.message_vi}") from None
    _check_corrections(the_plan, {*args.drop, *deadlines}, mappings)
    saving = _saving(the_plan)
    if args.json:
        found = importing.plan_to_json(the_plan)
        found["would_save"] = {
            "imported_before": the_plan.duplicate_of.id if the_plan.duplicate_of else None,
            **asdict(saving),
        }
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        print(_describe_plan(the_plan))
    # With --json, standard output is the JSON alone, for a script to read: the question and
    # what was saved go to standard error.
    out = sys.stderr if args.json else sys.stdout
    if not the_plan.saves_something:
        print(cli_text("import_nothing_to_save"), file=out)
        return 0
    if args.dry_run:
        return 0
    count = saving.added + saving.changed
    if not args.yes and args.json and not sys.stdin.isatty():
        # A script's look at the document, as --json always was: the JSON is its answer.
        print(cli_text("import_json_not_saved"), file=out)
        return 0
    if not args.yes and not _confirm(cli_text("import_confirm", count=count), out=out):
        print(Texts().plain("import_cancelled"), file=out)
        return 0

    shown = importing.plan_version(the_plan)

    async def save(database: Database) -> importing.SavedImport:
        # Planned again where it is saved: while the officer was asked, another import of the
        # document (the bot, a colleague) may have been saved, and this one would then save
        # what it did not show, or the directive a second time.
        async with database.session() as session:
            now_planned = await plan_in(session)
            if importing.plan_version(now_planned) != shown:
                # Saved meanwhile (the directive or its tasks differ), or only planned otherwise
                # (the catalogue changed: a name learned or forgotten, an agency added).
                saved_meanwhile = (_directive_id(now_planned), now_planned.saved_state) != (
                    _directive_id(the_plan),
                    the_plan.saved_state,
                )
                raise UsageError(
                    cli_text("import_saved_meanwhile" if saved_meanwhile else "import_replanned")
                )
            return await importing.save_plan(session=session, plan=now_planned, now=clock.now())

    try:
        result = _run_db(settings, save)
    except importing.SavedMeanwhile:  # by another at the same moment: the directive is saved once
        raise UsageError(cli_text("import_saved_meanwhile")) from None
    saved = result.saved
    print(
        cli_text(
            "import_saved",
            id=saved.directive.id,
            added=len(saved.added),
            changed=len(saved.changed),
            unchanged=len(saved.unchanged),
        ),
        file=out,
    )
    if result.learned:
        print(_learned_line(result.learned), file=out)
    return 0


def _learned_line(learned: Sequence[agencies.Learned]) -> str:
    """'Từ nay “X” là Y (bỏ: nhacviec agencies forget "X")': what a save taught the catalogue."""
    shown = learned[:LEARNED_SHOWN]  # `agencies list` shows them all
    names = ", ".join(cli_text(key, **values) for key, values in map(learned_name, shown))
    if len(learned) > len(shown):
        names += cli_text("learned_more", count=len(learned) - len(shown))
    key = "import_learned" if len(learned) == 1 else "import_learned_many"
    return cli_text(key, names=names, name=learned[0].name)


def _directive_id(plan: importing.ImportPlan) -> int | None:
    return plan.duplicate_of.id if plan.duplicate_of is not None else None


def _read(file: str, settings: Settings) -> bytes:
    """The bytes of a document to import: a file, or standard input for "-" (a pipe, as
    /dev/stdin or <(...) are, too); one that is not there, too large or not ours to read is a
    UsageError (one line), not a traceback."""
    max_bytes = settings.importer.max_bytes
    path = Path(file)
    with _reading(file, folder="is_a_folder"):
        if file == "-":
            return _read_at_most(file, sys.stdin.buffer, max_bytes)
        if path.is_dir():
            raise UsageError(cli_text("is_a_folder", file=file))
        if not path.exists():
            raise UsageError(cli_text("no_such_file", file=file))
        if not path.is_file():  # a named pipe, /dev/stdin: its size is known once read
            with path.open("rb") as stream:
                return _read_at_most(file, stream, max_bytes)
        size = path.stat().st_size
        if size > max_bytes:
            shown, limit = size_over(size, max_bytes)
            raise UsageError(cli_text("too_large", file=file, size=shown, limit=limit))
        return path.read_bytes()


def _read_at_most(file: str, stream: IO[bytes], max_bytes: int) -> bytes:
    """The bytes of a stream (a pipe), refused past max_bytes: an endless one must not fill the
    memory."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UsageError(cli_text("too_large_stream", file=file, limit=human_size(max_bytes)))
    return data


@contextmanager
def _reading(file: str, *, folder: str) -> Iterator[None]:
    """Turn a file the command line cannot read into a UsageError (one line), not a traceback;
    `folder` is the key of the line for a folder given where a file was meant."""
    try:
        yield
    except IsADirectoryError:
        raise UsageError(cli_text(folder, file=file)) from None
    except FileNotFoundError:
        raise UsageError(cli_text("no_such_file", file=file)) from None
    except PermissionError:
        raise UsageError(cli_text("cannot_read_denied", file=file)) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(cli_text("cannot_read", file=file, reason=reason)) from None


def _task_numbers(text: str) -> frozenset[int]:
    numbers = [piece.strip() for piece in text.split(",")]
    if not all(n.isdigit() and int(n) > 0 for n in numbers):
        raise argparse.ArgumentTypeError(cli_text("bad_task_numbers", text=text))
    return frozenset(int(n) for n in numbers)


def _check_corrections(
    plan: importing.ImportPlan, numbers: set[int], mappings: dict[str, str]
) -> None:
    """A correction that matches nothing in the document is a slip: nothing is saved (as the
    bot's /fix refuses a task number or a name the preview does not have)."""
    count = len(plan.draft.tasks)
    if wrong := sorted(n for n in numbers if n > count):
        numbers_text = ", ".join(map(str, wrong))
        raise UsageError(cli_text("import_no_such_tasks", numbers=numbers_text, count=count))
    for written in mappings:
        try:
            importing.tasks_written(plan, written)
        except importing.NotWritten:
            raise UsageError(cli_text("import_map_matches_nothing", written=written)) from None


def _task_id(text: str) -> int:
    """A task number as the bot takes it ("12" or "#12")."""
    if not (task_id := parse_number(text)):
        raise argparse.ArgumentTypeError(cli_text("bad_task_id", text=text))
    return task_id


def _invite_days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_INVITE_DAYS:
        raise argparse.ArgumentTypeError(cli_text("bad_invite_days", text=text))
    return int(text)


def _deadline_fix(text: str) -> tuple[int, date]:
    """--deadline N=DATE: task N of the preview is due on DATE."""
    number, _, day = text.partition("=")
    if not number.strip().isdigit() or int(number) < 1 or not day.strip():
        raise UsageError(cli_text("bad_deadline_fix", text=text))
    return int(number), parse_date(day.strip())


def _mapping(text: str) -> tuple[str, str]:
    if (mapping := importing.parse_mapping(text)) is None:
        raise UsageError(cli_text("bad_map", text=text))
    return mapping


def _confirm(question: str, *, out: IO[str] | None = None) -> bool:
    """Ask a yes/no question at the terminal, on out (standard output unless given); no answer
    (Ctrl-D) is no."""
    if not sys.stdin.isatty():
        raise UsageError(cli_text("not_a_terminal"))
    out = out or sys.stdout
    try:
        with redirect_stdout(out):  # where input() writes its question
            answer = input(question)
    except EOFError:
        print(file=out)  # the prompt's line, ended
        return False
    except KeyboardInterrupt:
        print(file=out)  # ended too, or the shell's prompt would follow the question
        raise
    # "có" typed decomposed ("o" and a combining accent, as Unikey's "Unicode tổ hợp" writes it).
    return unicodedata.normalize("NFC", answer).strip().lower() in {"c", "có", "co", "y", "yes"}


def _count_tasks(plan: importing.ImportPlan) -> int:
    return sum(len(task.leads) for task in plan.ready)


def _saving(plan: importing.ImportPlan) -> Changes:
    """What saving the plan would do: under a directive imported before, what the bot's preview
    says (compared with the tasks saved then); otherwise every task ready is new."""
    return plan.changes or Changes(added=_count_tasks(plan), changed=0, unchanged=0)


def _describe_plan(plan: importing.ImportPlan) -> str:
    texts = Texts()
    meta = plan.draft.meta
    lines = [
        cli_text(
            "import_title",
            kind=meta.kind or "Văn bản",
            number=meta.number or texts.plain("import_no_number"),
            issued=texts.plain("import_issued", date=fmt_date(meta.issued_on))
            if meta.issued_on
            else "",
            signer=cli_text("import_signer", signer=meta.signer) if meta.signer else "",
        )
    ]
    if meta.title:
        lines.append(meta.title)
    lines += [f"! {warning.message_vi}" for warning in plan.draft.warnings]
    if plan.duplicate_of is not None:
        lines.append("! " + cli_text("import_duplicate", id=plan.duplicate_of.id))
    if plan.same_by_title and plan.duplicate_of is not None:
        lines.append("! " + cli_text("import_same_title", id=plan.duplicate_of.id))
    indent = " " * 5
    for task in plan.tasks:
        leads = ", ".join(a.name for a in task.leads) or task.lead_as_written or "?"
        lines.append(
            cli_text(
                "import_task",
                n=task.number,
                lead=leads,
                deadline=_deadline(texts, task.deadline, task.recurrence),
            )
        )
        lines.append(indent + _cut(task.text, 110))
        if task.deadline_text:
            lines.append(indent + cli_text("import_phrase", phrase=task.deadline_text))
        if task.other_deadlines:
            dates = ", ".join(
                cli_text("import_other_deadline", date=fmt_date(day), phrase=phrase)
                for day, phrase in task.other_deadlines
            )
            lines.append(indent + cli_text("import_other_deadlines", dates=dates))
        if plan.due_before_issue(task):
            lines.append(indent + cli_text("import_before_issue"))
        if task.cooperating:
            agencies = ", ".join(a.name for a in task.cooperating)
            lines.append(indent + cli_text("import_cooperating", agencies=agencies))
        if task.problem is not None:
            problem = task.problem
            reason = cli_text(
                f"import_{problem.kind}", written=problem.written, count=problem.count
            )
            lines.append(indent + cli_text("import_not_saved", reason=reason))
    lines.append(
        cli_text(
            "import_footer", ready=_count_tasks(plan), blocked=len(plan.tasks) - len(plan.ready)
        )
    )
    if plan.changes is not None:
        lines += _reimport_notes(plan)
        lines.append(texts.plain("import_reimport_changes", **asdict(plan.changes)))
    return "\n".join(lines)


def _reimport_notes(plan: importing.ImportPlan) -> list[str]:
    """The saved tasks a re-import gives the new wording or the cooperating agencies the
    document names; those it leaves open (the officer withdraws those the document dropped);
    the withdrawn ones it writes again (the officer may restore them): all, with their
    numbers."""
    lines = [
        Texts().plain(key, count=count)
        for key, count in (("import_reworded", plan.reworded), ("import_joined", plan.joined))
        if count
    ]
    for key, saved in (
        ("import_left_open", plan.left_open),
        ("import_still_withdrawn", plan.still_withdrawn),
    ):
        if saved:
            lines.append(cli_text(key, count=len(saved)))
            lines += [
                "  "
                + cli_text("import_left_open_task", id=t.id, lead=t.lead, text=_cut(t.text, 90))
                for t in saved
            ]
    return lines


def _deadline(
    texts: Texts, deadline: date | None, recurrence: str | None, *, word: bool = False
) -> str:
    """A deadline in the bot's words: '31/01/2023' ('hạn 31/01/2023'), 'không có thời hạn'."""
    if deadline is None:
        shown = texts.plain("no_deadline")
    else:
        shown = texts.plain("deadline", date=fmt_date(deadline)) if word else fmt_date(deadline)
    if recurrence:
        shown += texts.plain("import_every", every=texts.every(recurrence))
    return shown


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def cmd_parse_deadline(settings: Settings, args: argparse.Namespace) -> int:
    ref = _optional_date(args.ref, "--ref") or SystemClock(settings.tz).today()
    if args.jsonl:
        # Read as bytes, each line decoded on its own: one line in a legacy encoding is that
        # line's error, not the batch's end (nor its bytes echoed into the UTF-8 answers).
        for raw in sys.stdin.buffer:
            raw = raw.removeprefix(b"\xef\xbb\xbf")  # the byte order mark Notepad saves UTF-8 with
            if raw.strip():
                print(json.dumps(_parse_line(raw, ref, settings), ensure_ascii=False))
        return 0
    text = " ".join(args.text).strip()
    if not text:
        raise UsageError(cli_text("no_phrase"))
    result = _deadline_json(text, ref, settings)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    texts = Texts()
    deadline = (
        texts.plain("deadline", date=fmt_date(date.fromisoformat(result["deadline"])))
        if result["deadline"]
        else texts.plain("no_deadline")
    )
    how = (
        texts.every(result["recurrence"])
        if result["recurrence"]
        else DEADLINE_KINDS.get(result["kind"], result["kind"])
    )
    print(cli_text("deadline_read", deadline=deadline, how=how))
    return 0


def _deadline_json(text: str, ref: date, settings: Settings) -> dict[str, Any]:
    found = parse_deadline(text, ref, before_is_inclusive=settings.importer.before_is_inclusive)
    return {
        "text": text,
        "ref": ref.isoformat(),
        "deadline": found.date.isoformat() if found.date else None,
        "recurrence": found.recurrence,
        "kind": found.kind,
    }


def _parse_line(raw: bytes, ref: date, settings: Settings) -> dict[str, Any]:
    """One --jsonl line, {"text", "ref"}, read from ref (--ref, or today) when it gives none; a
    bad line gives an error object in the officer's words, and the batch goes on."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"error": cli_text("jsonl_not_utf8"), "line": raw.decode("utf-8", "replace").strip()}
    try:
        item = json.loads(line)
        # An escaped half of a surrogate pair ("\ud800") is JSON, but no text: it cannot be
        # written back as UTF-8.
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return {"error": cli_text("jsonl_not_unicode"), "line": line.strip()}
    except (json.JSONDecodeError, RecursionError):  # RecursionError: "[[[[..." nested too deep
        item = None
    if not isinstance(item, dict):
        return {"error": cli_text("jsonl_not_json"), "line": line.strip()}
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"error": cli_text("jsonl_no_text"), "line": line.strip()}
    try:
        day = ref if item.get("ref") is None else parse_date(str(item["ref"]))
    except UsageError as error:
        return {"error": cli_text("jsonl_bad_ref", reason=error), "line": line.strip()}
    return _deadline_json(text.strip(), day, settings)


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    try:
        year, month = vn_dates.parse_month(args.month)
    except ValueError:
        raise UsageError(cli_text("not_a_month", text=args.month)) from None
    files = ((args.out, report_files.WORKBOOK_SUFFIX), (args.chart, report_files.CHART_SUFFIX))
    for out, suffix in files:  # checked before the work, not after it
        # A folder given (--out .) is named as one when written to, more plainly than this.
        if out and Path(out).suffix.lower() != suffix and not Path(out).is_dir():
            raise UsageError(
                cli_text(
                    "report_cannot_write",
                    file=out,
                    workbook=report_files.WORKBOOK_SUFFIX,
                    chart=report_files.CHART_SUFFIX,
                )
            )
        if out and not Path(out).parent.is_dir():
            raise UsageError(cli_text("no_such_folder", file=out, folder=Path(out).parent))
    if args.chart and Path(args.chart).resolve() == Path(args.out).resolve():
        # The chart would be written over the workbook.
        raise UsageError(cli_text("report_same_file", file=args.chart))
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> MonthReport:
        async with database.session() as session:
            return await reports.month_report(
                session=session,
                year=int(year),
                month=int(month),
                today=clock.today(),
                tz=settings.tz,
            )

    result = _read_db(settings, work)
    texts = Texts(settings.bot.language)
    _write(args.out, report_files.workbook(result, texts))
    if args.chart:
        _write(args.chart, report_files.chart(result, texts))
    total = result.total
    print(
        Texts().plain(
            "report_caption",
            month=f"{month:02d}/{year}",
            due=total.due,
            on_time=total.on_time,
            late=total.late,
            overdue=total.overdue,
            pending=total.pending,
        )
    )
    print(cli_text("report_written", files=", ".join(f for f in (args.out, args.chart) if f)))
    return 0


def _write(file: str, content: bytes) -> None:
    try:
        Path(file).write_bytes(content)
    except IsADirectoryError:
        raise UsageError(cli_text("cannot_write_folder", file=file)) from None
    except PermissionError:
        raise UsageError(cli_text("cannot_write_denied", file=file)) from None
    except OSError as error:
        raise UsageError(cli_text("cannot_write", file=file, reason=error.strerror)) from None


def cmd_db_revision(settings: Settings, args: argparse.Namespace) -> int:
    upgrade(settings.database_url)
    unchanged = False

    def only_changes(context: Any, revision: Any, directives: list[Any]) -> None:
        # An empty migration would be the next start's: the database, at a revision no release
        # knows, would then refuse every upgrade as migrated by a newer nhacviec.
        nonlocal unchanged
        if directives and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            unchanged = True

    alembic_command.revision(
        alembic_config(settings.database_url),
        message=args.message,
        autogenerate=True,
        process_revision_directives=only_changes,
    )
    if unchanged:
        raise UsageError(cli_text("db_revision_unchanged"))
    return 0


def cmd_agencies_import(settings: Settings, args: argparse.Namespace) -> int:
    with _reading(args.file, folder="catalogue_is_a_folder"):
        rows = agencies.read_catalogue(Path(args.file))
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> agencies.ImportResult:
        async with database.session() as session:
            result = await agencies.import_agencies(
                session=session, rows=rows, now=clock.now(), source=args.file
            )
            # Names the file gives as written another way than the officer taught them.
            also = await importing.give_up_claimed_names(session=session)
            return replace(result, given_up=(*result.given_up, *also))

    result = _run_db(settings, work)
    print(
        cli_text(
            "agencies_imported", created=result.created, updated=result.updated, rows=len(rows)
        )
    )
    for given_up in result.given_up:
        where = f"{args.file}:{given_up.line}" if given_up.line is not None else args.file
        print(
            cli_text(
                "agencies_given_up",
                where=where,
                name=given_up.name,
                to=given_up.to,
                agency=given_up.agency,
            )
        )
    if result.left_out:
        names = "; ".join(result.left_out)
        print(cli_text("agencies_left_out", count=len(result.left_out), names=names))
    return 0


def cmd_agencies_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(database: Database) -> list[Any]:
        async with database.session() as session:
            return await agencies.list_agencies(session=session)

    for agency in _read_db(settings, work):
        extra = "; ".join(agency.aliases)
        merged = "; ".join(agency.merged_names)
        learned = "; ".join(agency.learned_names)
        print(
            f"{agency.id:>4}  {agency.name}"
            + (f"  [{agency.short_name}]" if agency.short_name else "")
            + (f"  ({extra})" if extra else "")
            + (f"  ({cli_text('agency_merged_names', names=merged)})" if merged else "")
            + (f"  ({cli_text('agency_learned_names', names=learned)})" if learned else "")
        )
    return 0


def cmd_agencies_forget(settings: Settings, args: argparse.Namespace) -> int:
    async def work(database: Database) -> agencies.Learned:
        async with database.session() as session:
            return await agencies.forget_name(session=session, name=args.name)

    forgotten = _run_db(settings, work)
    print(cli_text("agencies_forgot", name=forgotten.name, agency=forgotten.agency))
    return 0


def cmd_agencies_merge(settings: Settings, args: argparse.Namespace) -> int:
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> agencies.Merged:
        async with database.session() as session:
            return await agencies.merge_agencies(
                session=session,
                old=args.old,
                into=args.into,
                now=clock.now(),
                copy_reason=lambda kept: cli_text("agencies_merged_copy_reason", id=kept),
            )

    merged = _run_db(settings, work)
    extensions = (
        cli_text("agencies_merged_extensions", count=merged.pending_extensions)
        if merged.pending_extensions
        else ""
    )
    print(
        cli_text(
            "agencies_merged",
            old=merged.old,
            into=merged.into,
            tasks=merged.tasks,
            extensions=extensions,
            groups=merged.groups,
            members=merged.members,
        )
    )
    if merged.copies:
        pairs = ", ".join(
            cli_text("agencies_merged_copy", copy=copy, kept=kept) for copy, kept in merged.copies
        )
        count = len(merged.copies)
        print(cli_text("agencies_merged_copies", count=count, into=merged.into, pairs=pairs))
    return 0


def _user_id(text: str) -> int:
    if not (text.isascii() and text.isdigit() and is_telegram_user_id(int(text))):
        raise argparse.ArgumentTypeError(cli_text("bad_user_id", text=text))
    return int(text)


def _who(user_id: int, name: str | None) -> str:
    return f"{name} ({user_id})" if name else cli_text("member_user", id=user_id)


def _registration(texts: Texts, registration: access.Registration) -> str:
    role = texts.role(registration.role)
    if registration.agency is None:
        return cli_text("member_role", role=role)
    return cli_text("member_agency_role", agency=registration.agency.name, role=role)


def cmd_member_remove(settings: Settings, args: argparse.Namespace) -> int:
    async def work(database: Database) -> access.Removal:
        async with database.session() as session:
            return await access.remove_member(session=session, user_id=args.user_id)

    removal = _run_db(settings, work)
    private = cli_text("member_private_chat") if removal.private_chat else ""
    who = _who(args.user_id, removal.display_name)
    registration = _registration(Texts(), removal.registration)
    print(cli_text("member_removed", who=who, registration=registration, private=private))
    if args.user_id in settings.coordinator_ids:
        print(cli_text("member_still_configured", id=args.user_id))
    return 0


async def _agency_id(session: AsyncSession, name: str | None) -> int | None:
    """The id of the agency an --agency option names (None: every agency); raises UnknownAgency."""
    if name is None:
        return None
    _check_agency_named(name)
    return (await agencies.find_agency(session=session, text=name)).id


def _check_agency_named(name: str | None) -> None:
    """Refuse an agency given as blank (a script's empty variable): no agency, not every one."""
    if name is not None and not name.strip():
        raise UsageError(cli_text("blank_agency"))


def cmd_member_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(database: Database) -> list[access.MemberRow]:
        async with database.session() as session:
            agency_id = await _agency_id(session, args.agency)
            return await access.list_members(session=session, agency_id=agency_id)

    rows, texts = _read_db(settings, work), Texts()
    if not rows:
        print(cli_text("no_members"))
    for row in rows:
        print(
            cli_text(
                "member_row",
                id=row.user_id,
                agency=row.agency.name if row.agency else cli_text("member_all_agencies"),
                role=texts.role(row.role),
                name=f"  {row.display_name}" if row.display_name else "",
            )
        )
    return 0


def cmd_invite(settings: Settings, args: argparse.Namespace) -> int:
    _check_agency_named(args.agency)
    role = Role(args.role)
    if args.agency is None and role not in access.COORDINATOR_ROLES:
        raise UsageError(cli_text("invite_needs_agency"))
    if args.agency is not None and role in access.COORDINATOR_ROLES:
        raise UsageError(cli_text("invite_coordinator_of_all", role=Texts().role(role)))
    if settings.telegram.token and not settings.bot.username:
        # Checked before the code is made: a code saved but never printed is of no use.
        settings.require_token()
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> tuple[str, str | None]:
        async with database.session() as session:
            agency = (
                await agencies.find_agency(session=session, text=args.agency)
                if args.agency is not None
                else None
            )
            code = await access.create_invite(
                session=session,
                agency_id=agency.id if agency else None,
                role=role,
                now=clock.now(),
                valid_for=timedelta(days=args.days or settings.access.invite_valid_days),
            )
            return code, agency.name if agency else None

    code, agency_name = _run_db(settings, work)
    username = settings.bot.username or _ask_username(settings)
    days = args.days or settings.access.invite_valid_days
    of_agency = cli_text("invite_agency", agency=agency_name) if agency_name else ""
    print(cli_text("invite_title", agency=of_agency, role=Texts().role(role), days=days))
    print(cli_text("invite_code", code=code))
    if username:
        print(cli_text("invite_link", username=username, code=code))
    else:
        print(cli_text("invite_no_link"))
    print(cli_text("invite_in_group", code=code))
    return 0


def _ask_username(settings: Settings) -> str | None:
    """The bot's username from Telegram, when a token is configured and Telegram answers."""
    if not settings.telegram.token:
        return None

    async def ask() -> str | None:
        base = settings.telegram.base_url.rstrip("/") or "https://api.telegram.org/bot"
        bot = Bot(settings.require_token(), base_url=base)
        async with bot:
            return bot.username

    try:
        return asyncio.run(ask())
    except (TelegramError, OSError) as error:
        log.warning("could not ask Telegram for the bot's username: %s", error)
        return None


def cmd_task_add(settings: Settings, args: argparse.Namespace) -> int:
    deadline = _optional_date(args.deadline, "--deadline")
    text = " ".join(args.text).strip()
    if not text:
        raise UsageError(cli_text("no_task_text"))
    if args.every and deadline is None:
        raise UsageError(cli_text("every_needs_deadline"))
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> int:
        async with database.session() as session:
            task = await tasks.assign_task(
                session=session,
                text=text,
                lead=args.agency,
                cooperating=args.cooperating,
                deadline=deadline,
                recurrence=args.every,
                now=clock.now(),
            )
            assert task.id is not None
            return task.id

    task_id = _run_db(settings, work)
    shown = _deadline(Texts(), deadline, args.every, word=True)
    print(cli_text("task_added", id=task_id, deadline=shown))
    return 0


# Why `nhacviec task withdraw` or `task restore` could not act on a task: the line it prints.
_REFUSED: dict[type[StorageError], str] = {
    TaskNotFound: "no_such_task",
    DoneNotWithdrawn: "withdraw_done",
    Withdrawn: "withdraw_withdrawn",
    NotWithdrawn: "restore_not_withdrawn",
}


def cmd_task_withdraw(settings: Settings, args: argparse.Namespace) -> int:
    clock = SystemClock(settings.tz)
    reason = (args.reason or "").strip() or None

    async def withdraw(session: AsyncSession, task_id: int) -> str:
        await tasks.withdraw_task(
            session=session, task_id=task_id, actor=None, reason=reason, now=clock.now()
        )
        return cli_text("task_withdrawn", id=task_id)

    return _act_on_tasks(settings, args.ids, withdraw)


def cmd_task_restore(settings: Settings, args: argparse.Namespace) -> int:
    clock = SystemClock(settings.tz)

    async def restore(session: AsyncSession, task_id: int) -> str:
        today = clock.today()
        task = await tasks.restore_task(
            session=session, task_id=task_id, actor=None, now=clock.now(), today=today
        )
        return cli_text(
            "task_restored", id=task_id, when=Texts().when(task.deadline, today, task.deadline_time)
        )

    return _act_on_tasks(settings, args.ids, restore)


def _act_on_tasks(
    settings: Settings,
    task_ids: Sequence[int],
    act: Callable[[AsyncSession, int], Awaitable[str]],
) -> int:
    """Act on each task named, in one unit of work, and print a line for each: what was done,
    or (on standard error) why not; exit 1 if any was refused."""

    async def work(database: Database) -> list[tuple[int, str | StorageError]]:
        async with database.session() as session:
            results: list[tuple[int, str | StorageError]] = []
            for task_id in dict.fromkeys(task_ids):
                try:
                    results.append((task_id, await act(session, task_id)))
                except tuple(_REFUSED) as error:
                    # Refused before changing anything: the others go on all the same.
                    results.append((task_id, error))
            return results

    refused = 0
    for task_id, outcome in _run_db(settings, work):
        if isinstance(outcome, str):
            print(outcome)
        else:
            print(f"nhacviec: {cli_text(_REFUSED[type(outcome)], id=task_id)}", file=sys.stderr)
            refused += 1
    return 1 if refused else 0


def cmd_tasks_list(settings: Settings, args: argparse.Namespace) -> int:
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> list[tasks.TaskView]:
        async with database.session() as session:
            agency_id = await _agency_id(session, args.agency)
            return await tasks.open_tasks(session=session, agency_id=agency_id)

    today, texts = clock.today(), Texts()
    for view in _read_db(settings, work):
        print(
            cli_text(
                "task_row",
                id=view.id,
                when=texts.when(view.task.deadline, today, view.task.deadline_time),
                lead=view.lead.name if view.lead else texts.plain("no_lead"),
                text=_cut(view.task.text, 90),
            )
        )
    return 0


def cmd_extensions_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(database: Database) -> list[Any]:
        async with database.session() as session:
            return await extensions.pending_requests(session=session)

    texts, waiting = Texts(), _read_db(settings, work)
    if not waiting:
        print(texts.plain("extensions_empty"))
    for asked, view in waiting:
        print(
            cli_text(
                "extension_row",
                task_id=asked.task_id,
                agency=view.lead.name if view.lead else texts.plain("no_lead"),
                old=fmt_date(asked.current_deadline),
                new=fmt_date(asked.requested_deadline),
                asked=fmt_local_date(asked.created_at, settings.tz),
                reason=asked.reason or texts.plain("no_reason"),
            )
        )
    return 0


# argparse's refusals, in its English (Python 3.11's wording), and the line each becomes.
_ARGPARSE_ERRORS = (
    (
        r"argument (?P<arg>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
        "arg_invalid_choice",
    ),
    (r"the following arguments are required: (?P<args>.*)", "arg_required"),
    (r"unrecognized arguments: (?P<args>.*)", "arg_unrecognized"),
    (r"argument (?P<arg>\S+): expected (?:one|at least one) argument", "arg_needs_value"),
    (r"ambiguous option: (?P<arg>\S+) could match (?P<choices>.*)", "arg_ambiguous"),
    (r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.*)", "arg_takes_no_value"),
    # An argument's type refused it: in our words already (bad_task_id, bad_invite_days).
    (r"argument \S+: (?P<reason>.*)", "arg_refused"),
)


class _Parser(argparse.ArgumentParser):
    """argparse, refusing bad arguments in one Vietnamese line (with exit code 2, as argparse)."""

    def error(self, message: str) -> NoReturn:
        line = message
        for pattern, key in _ARGPARSE_ERRORS:
            if found := re.fullmatch(pattern, message):
                values = found.groupdict()
                for quoted in {"value", "choices"} & values.keys():
                    # As repr() gives them: 'hằng tháng', 'weekly', 'monthly'.
                    values[quoted] = values[quoted].replace("'", "")
                line = cli_text(key, prog=self.prog, **values)
                break
        self.exit(2, f"nhacviec: {line}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nhacviec", description="Telegram reminders of directive deadlines.")
    parser.add_argument(
        "--config", type=Path, help="config.toml to read (default: $NHACVIEC_CONFIG, or none)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("run", help="run the bot (polling or webhook, per config)").set_defaults(
        handler=cmd_run
    )
    commands.add_parser(
        "demo", help="offline demo on a local Telegram-compatible server"
    ).set_defaults(handler=cmd_demo)

    importer = commands.add_parser(
        "import", help="read a directive (.txt, .docx, .doc, .pdf) into tasks"
    )
    importer.add_argument("file")
    importer.add_argument("--issued", help="the issue date, when the file does not show it")
    importer.add_argument(
        "--dry-run", action="store_true", help="show what was found, save nothing"
    )
    importer.add_argument("--json", action="store_true", help="print what was found as JSON")
    importer.add_argument("--yes", action="store_true", help="save without asking")
    importer.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="WRITTEN=AGENCY",
        help="take an agency written one way as a catalogue agency (repeatable)",
    )
    importer.add_argument(
        "--deadline",
        action="append",
        default=[],
        metavar="N=DATE",
        help="give task N of the preview this deadline, dd/mm/yyyy or YYYY-MM-DD (repeatable)",
    )
    importer.add_argument(
        "--drop",
        type=_task_numbers,
        default=frozenset(),
        metavar="N[,N...]",
        help="leave out the tasks with these numbers in the preview (not tasks after all)",
    )
    importer.add_argument(
        "--expand-groups",
        action="store_true",
        help="save a task of 'các sở, ban, ngành' for each such agency of the catalogue",
    )
    importer.set_defaults(handler=cmd_import)

    deadline = commands.add_parser("parse-deadline", help="read the deadline in a phrase")
    deadline.add_argument("text", nargs="*")
    deadline.add_argument("--ref", help="the directive's issue date (default: today)")
    deadline.add_argument("--json", action="store_true", help="print JSON")
    deadline.add_argument(
        "--jsonl", action="store_true", help='read {"text", "ref"} lines on stdin, write results'
    )
    deadline.set_defaults(handler=cmd_parse_deadline)

    report = commands.add_parser("report", help="a month's results as an Excel file (and a chart)")
    report.add_argument("--month", required=True, help="mm/yyyy")
    report.add_argument("--out", required=True, help="the .xlsx file to write")
    report.add_argument("--chart", help="also write the chart as a .png")
    report.set_defaults(handler=cmd_report)

    remind = commands.add_parser("remind", help="run one reminder sweep now and show what went out")
    remind.add_argument("--date", help="sweep as of this day (YYYY-MM-DD or dd/mm/yyyy)")
    remind.add_argument("--dry-run", action="store_true", help="only show what would be sent")
    remind.set_defaults(handler=cmd_remind)

    db = commands.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True, metavar="COMMAND"
    )
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(handler=cmd_db_upgrade)
    revision = db.add_parser("revision", help="developers: write a migration for changed models")
    revision.add_argument("message")
    revision.set_defaults(handler=cmd_db_revision)

    agency_commands = commands.add_parser("agencies", help="the agency catalogue").add_subparsers(
        dest="agencies_command", required=True, metavar="COMMAND"
    )
    importer = agency_commands.add_parser(
        "import", help="load agencies from a CSV (name,short_name,aliases)"
    )
    importer.add_argument("file")
    importer.set_defaults(handler=cmd_agencies_import)
    agency_commands.add_parser("list", help="list agencies").set_defaults(handler=cmd_agencies_list)
    merge = agency_commands.add_parser(
        "merge", help="move a merged-away agency's tasks, chats and members to today's"
    )
    merge.add_argument("old", help="the agency that was merged away")
    merge.add_argument("into", help="the agency that took it over")
    merge.set_defaults(handler=cmd_agencies_merge)
    forget = agency_commands.add_parser(
        "forget", help="forget a name an agency learned when an officer mapped it in an import"
    )
    forget.add_argument("name", help="the learned name (agencies list shows them)")
    forget.set_defaults(handler=cmd_agencies_forget)

    member_commands = commands.add_parser("member", help="registered people").add_subparsers(
        dest="member_command", required=True, metavar="COMMAND"
    )
    members = member_commands.add_parser(
        "list", help="registered people: Telegram user id, agency, role, name"
    )
    members.add_argument("--agency", help="only this agency's")
    members.set_defaults(handler=cmd_member_list)
    remove = member_commands.add_parser(
        "remove", help="end a person's registration (agency, role, private chat)"
    )
    remove.add_argument("user_id", type=_user_id, metavar="USER_ID", help="their Telegram user id")
    remove.set_defaults(handler=cmd_member_remove)

    invite = commands.add_parser("invite", help="make a single-use invite code and deep link")
    invite.add_argument("agency", nargs="?", help="agency name, short name or alias")
    invite.add_argument("--role", choices=[r.value for r in Role], default=Role.STAFF.value)
    invite.add_argument(
        "--days",
        type=_invite_days,
        metavar="DAYS",
        help="validity (default from config)",
    )
    invite.set_defaults(handler=cmd_invite)

    task = commands.add_parser("task", help="one task").add_subparsers(
        dest="task_command", required=True, metavar="COMMAND"
    )
    add = task.add_parser("add", help="add a task")
    add.add_argument("--agency", required=True, help="lead agency")
    add.add_argument(
        "--cooperating", action="append", default=[], help="cooperating agency (repeatable)"
    )
    add.add_argument("--deadline", help="YYYY-MM-DD or dd/mm/yyyy; omit for ongoing work")
    add.add_argument(
        "--every",
        choices=[r.value for r in Recurrence],
        help="a periodic duty, every week, month, quarter, six months or year: --deadline is the "
        "first period's",
    )
    add.add_argument("text", nargs="+")
    add.set_defaults(handler=cmd_task_add)
    withdraw = task.add_parser(
        "withdraw", help="withdraw tasks no longer in force: never reminded, listed or counted"
    )
    withdraw.add_argument("ids", nargs="+", type=_task_id, metavar="N", help="task number")
    withdraw.add_argument("--reason", help="why (shown with the task)")
    withdraw.set_defaults(handler=cmd_task_withdraw)
    restore = task.add_parser(
        "restore", help="put withdrawn tasks back in force: reminded again from their deadline"
    )
    restore.add_argument("ids", nargs="+", type=_task_id, metavar="N", help="task number")
    restore.set_defaults(handler=cmd_task_restore)

    task_list = commands.add_parser("tasks", help="tasks").add_subparsers(
        dest="tasks_command", required=True, metavar="COMMAND"
    )
    listing = task_list.add_parser("list", help="open tasks, most urgent first")
    listing.add_argument("--agency", help="only this agency's")
    listing.set_defaults(handler=cmd_tasks_list)

    extension_commands = commands.add_parser(
        "extensions", help="extension requests"
    ).add_subparsers(dest="extensions_command", required=True, metavar="COMMAND")
    extension_commands.add_parser(
        "list", help="extension requests awaiting a decision, oldest first"
    ).set_defaults(handler=cmd_extensions_list)
    return parser


def _refusal(error: Exception) -> str:
    """The one line a refused command prints (configuration errors stay in the config's words)."""
    texts = Texts()
    if isinstance(error, UnknownAgency):
        return texts.plain("unknown_agency", name=error.name)
    if isinstance(error, AmbiguousAgency):
        return texts.plain(
            "ambiguous_agency", name=error.name, candidates=", ".join(error.candidates)
        )
    if isinstance(error, agencies.NotLearned):
        key = f"forget_is_{error.claimed_as}" if error.claimed_as else "forget_not_learned"
        return cli_text(key, name=error.name, agency=error.agency)
    if isinstance(error, agencies.SameAgency):
        return cli_text("same_agency", name=error.name)
    if isinstance(error, access.NotAMember):
        return cli_text("member_nothing" if error.known else "no_member", id=error.user_id)
    if isinstance(error, agencies.CatalogueError):
        key, details = f"catalogue_{error.problem}", dict(error.details)
        if details.get("claimed_as") == "name":
            key += "_as_name"  # "“X” is another agency's name", not "X is the name of X"
        elif "claimed_as" in details:
            details["claimed_as"] = cli_text(f"catalogue_as_{details['claimed_as']}")
        problem = cli_text(key, where=error.where, **details)
        return cli_text("catalogue_nothing_saved", problem=problem)
    if isinstance(error, DatabaseTooNew):
        return cli_text("db_too_new", revision=error.revision, head=error.head)
    if isinstance(error, NotOurDatabase):
        return cli_text("db_not_ours", tables=", ".join(error.tables))
    return str(error)


def _telegram_refused(reason: str) -> str:
    """The one line for a request Telegram refused at start-up, naming the setting to fix."""
    key = "telegram_refused_webhook" if "webhook" in reason.lower() else "telegram_refused"
    return cli_text(key, reason=reason)


def _first_line(error: DBAPIError) -> str:
    return str(error.orig).strip().splitlines()[0] if error.orig else str(error)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `nhacviec` command; errors are one line and a non-zero exit."""
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            # Bytes of a terminal in a legacy encoding: they would be written as they are into
            # --json and the database, which are UTF-8.
            parser.error(cli_text("argv_not_utf8", text=arg.encode("utf-8", "replace").decode()))
    args = parser.parse_args(argv)
    # Until the settings are read, only what looks like a token is known to be secret.
    redact = RedactSecrets(os.environ.get("NHACVIEC_TELEGRAM_TOKEN", "")).redact
    try:
        settings = load_settings(args.config)
        redact = RedactSecrets(*settings.secrets).redact
        if args.command != "run":
            setup_logging(logging.DEBUG if args.verbose else logging.WARNING, *settings.secrets)
        handler: Callable[[Settings, argparse.Namespace], int] = args.handler
        return handler(settings, args)
    except (ConfigError, UsageError, StorageError, agencies.CatalogueError) as error:
        print(f"nhacviec: {_refusal(error)}", file=sys.stderr)
        return 2 if isinstance(error, ConfigError) else 1
    except MigrationRefused as error:
        # Like a configuration error: a restart will not help, the operator must act.
        print(f"nhacviec: {_refusal(error)}", file=sys.stderr)
        return 2
    except NoDatabaseFolder as error:
        # /var/lib/... as the service's user: the operator makes it (or fixes its owner).
        line = cli_text("no_database_folder", folder=error.folder, reason=error.reason)
        print(f"nhacviec: {line}", file=sys.stderr)
        return 2
    except (OperationalError, InterfaceError) as error:
        if (path := unwritable_sqlite(settings.database_url, error)) is not None:
            # Made by root, used by the service's user; or a read-only disk: the operator's.
            line = cli_text("sqlite_not_writable", path=path, reason=_first_line(error))
            print(f"nhacviec: {line}", file=sys.stderr)
            return 2
        if (missing := _missing_postgres_database(settings.database_url)) is not None:
            # A typo in the URL, or createdb forgotten: restarting for ever would not help.
            database, user = missing
            line = cli_text("db_missing", database=database, user=user)
            print(f"nhacviec: {redact(line)}", file=sys.stderr)
            return 2
        # Start-up without a database is an operator's matter: one line, and a service manager
        # (systemd's Restart=always) tries again; once running, the bot retries by itself.
        print(f"nhacviec: {cli_text('no_database', reason=_first_line(error))}", file=sys.stderr)
        return 3
    except DatabaseError as error:
        if is_not_allowed(error):
            # PostgreSQL 15 lets only the database's owner create tables in it: a database
            # made by `postgres` for a role that does not own it refuses the first migration.
            url = make_url(settings.database_url)
            line = cli_text(
                "db_not_allowed",
                user=url.username,
                database=url.database,
                reason=_first_line(error),
            )
            print(f"nhacviec: {redact(line)}", file=sys.stderr)
            return 2
        if not is_not_a_database(error):
            raise  # a broken rule (an integrity error, say): the trace says where
        # "file is not a database": the URL names something else; trying again will not help.
        print(f"nhacviec: {cli_text('not_a_database', reason=_first_line(error))}", file=sys.stderr)
        return 2
    except InvalidToken:
        print(f"nhacviec: {cli_text('token_refused')}", file=sys.stderr)
        return 2
    except BadRequest as error:
        # A BadRequest is a NetworkError to python-telegram-bot, but Telegram did answer: it
        # refused. At start-up that is the webhook ("bad webhook: An HTTPS URL must be
        # provided", a port other than 443, 80, 88, 8443): the operator's to fix, and systemd
        # restarting it for ever would not help.
        print(f"nhacviec: {_telegram_refused(redact(error.message))}", file=sys.stderr)
        return 2
    except NetworkError as error:
        # Its message may hold the request's URL, token and all.
        reason = redact(error.message)
        print(f"nhacviec: {cli_text('no_telegram', reason=reason)}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`nhacviec tasks list | head`): not an error worth a trace.
        sys.stderr.close()
        return 0
