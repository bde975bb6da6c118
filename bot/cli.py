"""The `nhacviec` command line: run the bot, the demo, migrations, agencies, invites and tasks."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from alembic import command as alembic_command
from sqlalchemy.exc import InterfaceError, OperationalError
from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot import importing
from bot import reports as report_files
from bot.app import build_application, build_sweep
from bot.config import ConfigError, Settings, load_settings
from bot.demo import run_demo
from bot.lifecycle import running
from bot.logs import setup_logging
from bot.services import services_of
from bot.texts import Texts, fmt_date
from ingest.deadlines import parse_deadline
from ingest.pipeline import draft_to_json
from ingest.text import UnreadableDocument
from jobs.sweep import Digest, SweepReport
from storage import access, agencies, reports, tasks
from storage.db import Database
from storage.directives import Saved
from storage.errors import StorageError
from storage.migrate import alembic_config, upgrade
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
            raise UsageError(f"no such date: {error.text}") from None
        raise UsageError(f"not a date: {error.text!r} (write YYYY-MM-DD or dd/mm/yyyy)") from None


def _run_db(settings: Settings, work: Callable[[Database], Awaitable[Any]]) -> Any:
    """Migrate, open the database, run one unit of work, close."""
    upgrade(settings.database_url)

    async def go() -> Any:
        database = Database(settings.database_url)
        try:
            return await work(database)
        finally:
            await database.dispose()

    return asyncio.run(go())


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    token = settings.require_token()
    setup_logging(logging.DEBUG if args.verbose else logging.INFO, token)
    applied = upgrade(settings.database_url)
    log.info("database %s", f"migrated to {applied[-1]}" if applied else "is up to date")
    application = build_application(settings)
    telegram = settings.telegram
    if telegram.mode == "webhook":
        if not telegram.webhook_url:
            raise ConfigError(
                '[telegram] mode = "webhook" needs webhook_url (the public HTTPS URL)'
            )
        application.run_webhook(
            listen=telegram.webhook_listen,
            port=telegram.webhook_port,
            url_path="telegram",
            webhook_url=telegram.webhook_url,
            secret_token=telegram.webhook_secret or None,
            allowed_updates=Update.ALL_TYPES,
        )
    elif telegram.mode == "sweep-only":
        asyncio.run(_sweep_only(application))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    if services_of(application).stop_reason == "conflict":
        raise UsageError("another process polls Telegram with this token; this one stopped")
    return 0


async def _sweep_only(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Send reminders on schedule without taking updates, until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with running(application, poll=False):
        log.info("sweep-only: reminders are sent on schedule; updates are left to another instance")
        await stop.wait()


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    return run_demo(verbose=args.verbose)


def cmd_remind(settings: Settings, args: argparse.Namespace) -> int:
    day = parse_date(args.date) if args.date else None
    upgrade(settings.database_url)
    clock = SystemClock(settings.tz)

    async def dry() -> tuple[SweepReport, dict[int, str]]:
        database = Database(settings.database_url)
        try:
            sweep = build_sweep(settings, database, clock, _never_sends)
            report = await sweep.run(day, dry_run=True)
            return report, await _chat_titles(database)
        finally:
            await database.dispose()

    async def real() -> tuple[SweepReport, dict[int, str]]:
        application = build_application(settings, clock=clock, sweep_at_start=False)
        async with application:
            app = services_of(application)
            report = await app.sweep.run(day)
            return report, await _chat_titles(app.database)

    report, titles = asyncio.run(dry() if args.dry_run else real())
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
        return f"{day} is not a working day: no reminders are sent"
    lines = []
    for chat, task_ids in report.planned:
        lines.append(f"would send to {titles.get(chat, '')} ({chat}): tasks {_ids(task_ids)}")
    for chat, task_ids, message_id in report.sent:
        where = f"{titles.get(chat, '')} ({chat})"
        lines.append(f"sent to {where}: tasks {_ids(task_ids)} (message {message_id})")
    for chat, task_ids, error in report.failed:
        lines.append(f"FAILED {titles.get(chat, '')} ({chat}): tasks {_ids(task_ids)}: {error}")
    verb = "would be sent" if report.dry_run else "sent"
    lines.append(
        f"{day}: {len(report.planned or report.sent)} digests {verb}, {len(report.failed)} failed, "
        f"{report.already_claimed} reminders sent before"
    )
    return "\n".join(lines)


def _ids(task_ids: list[int]) -> str:
    return ", ".join(f"#{task_id}" for task_id in task_ids)


def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    applied = upgrade(settings.database_url)
    print(f"applied {', '.join(applied)}" if applied else "database is up to date")
    return 0


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {args.file}")
    if path.stat().st_size > settings.importer.max_bytes:
        raise UsageError(
            f"{args.file} is larger than {settings.importer.max_megabytes:g} MB "
            "([importer] max_megabytes): not read"
        )
    mappings = dict(_mapping(m) for m in args.map)
    data = path.read_bytes()
    issued = parse_date(args.issued) if args.issued else None
    clock = SystemClock(settings.tz)

    async def plan(database: Database) -> importing.ImportPlan:
        async with database.session() as session:
            return await importing.read_and_plan(
                session=session,
                data=data,
                filename=path.name,
                issued_on=issued,
                max_bytes=settings.importer.max_bytes,
                before_is_inclusive=settings.importer.before_is_inclusive,
                mappings=mappings,
                expand_groups=args.expand_groups,
                dropped=frozenset(args.drop),
            )

    try:
        the_plan = _run_db(settings, plan)
    except UnreadableDocument as error:
        raise UsageError(f"{args.file}: {error.message_vi}") from None
    if args.json:
        print(json.dumps(draft_to_json(the_plan.draft), ensure_ascii=False, indent=2))
        return 0
    print(_describe_plan(the_plan))
    if args.dry_run or not the_plan.ready:
        return 0
    if not args.yes and not _confirm(f"Save {_count_tasks(the_plan)} tasks?"):
        print("nothing saved")
        return 0

    async def save(database: Database) -> Saved:
        async with database.session() as session:
            return await importing.save_plan(session=session, plan=the_plan, now=clock.now())

    saved = _run_db(settings, save)
    print(
        f"saved as directive #{saved.directive.id}: {len(saved.added)} tasks added, "
        f"{len(saved.changed)} deadlines changed, {len(saved.unchanged)} already there"
    )
    return 0


def _task_numbers(text: str) -> frozenset[int]:
    numbers = [piece.strip() for piece in text.split(",")]
    if not all(n.isdigit() and int(n) > 0 for n in numbers):
        raise argparse.ArgumentTypeError(f"task numbers such as 3,5 expected, got {text!r}")
    return frozenset(int(n) for n in numbers)


def _mapping(text: str) -> tuple[str, str]:
    written, sep, agency = text.partition("=")
    if not sep or not written.strip() or not agency.strip():
        raise UsageError(f"--map wants WRITTEN=AGENCY, got {text!r}")
    return written.strip(), agency.strip()


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise UsageError("not a terminal: add --yes to save without being asked")
    return input(f"{question} [y/N] ").strip().lower() in {"y", "yes", "c", "có", "co"}


def _count_tasks(plan: importing.ImportPlan) -> int:
    return sum(len(task.leads) for task in plan.ready)


_PROBLEMS = {
    "no_lead": "no lead agency found: give it with --map, or add it by hand",
    "unknown_agency": "“{written}” is not in the catalogue: add it, or --map '{written}=AGENCY'",
    "empty_group": "“{written}”: no agency of the catalogue belongs to this group; use --map",
    "unconfirmed_group": "“{written}” stands for {count} agencies: add --expand-groups",
}


def _describe_plan(plan: importing.ImportPlan) -> str:
    meta = plan.draft.meta
    lines = [
        f"{meta.kind or 'Văn bản'} {meta.number or '(no number)'}"
        + (f", {fmt_date(meta.issued_on)}" if meta.issued_on else "")
        + (f", signed {meta.signer}" if meta.signer else ""),
    ]
    if meta.title:
        lines.append(meta.title)
    lines += [f"! {warning}" for warning in plan.draft.warnings]
    if plan.duplicate_of is not None:
        lines.append(
            f"! already imported as directive #{plan.duplicate_of.id}: saving adds only new tasks "
            "and changed deadlines"
        )
    for task in plan.tasks:
        deadline = fmt_date(task.deadline) if task.deadline else "—"
        every = f" ({task.recurrence})" if task.recurrence else ""
        leads = ", ".join(a.name for a in task.leads) or task.lead_as_written or "?"
        lines.append(f"{task.number:>3}. {deadline:<10}{every} {leads}")
        lines.append(f"     {task.text[:110]}")
        if task.deadline_text:
            lines.append(f"     deadline from: “{task.deadline_text}”")
        if plan.due_before_issue(task):
            lines.append("     ! due before the document's own date: check it")
        if task.cooperating:
            lines.append(f"     with: {', '.join(a.name for a in task.cooperating)}")
        if task.problem is not None:
            problem = task.problem
            lines.append(
                "     NOT SAVED: "
                + _PROBLEMS[problem.kind].format(written=problem.written, count=problem.count)
            )
    lines.append(
        f"{_count_tasks(plan)} tasks ready to save, {len(plan.tasks) - len(plan.ready)} not"
    )
    return "\n".join(lines)


def cmd_parse_deadline(settings: Settings, args: argparse.Namespace) -> int:
    if args.jsonl:
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(_parse_line(line, settings), ensure_ascii=False))
        return 0
    text = " ".join(args.text).strip()
    if not text:
        raise UsageError("give a phrase or a sentence, or --jsonl to read JSON lines")
    ref = parse_date(args.ref) if args.ref else SystemClock(settings.tz).today()
    result = _deadline_json(text, ref, settings)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    when = fmt_date(date.fromisoformat(result["deadline"])) if result["deadline"] else "no date"
    every = f", repeats {result['recurrence']}" if result["recurrence"] else ""
    print(f"{when} ({result['kind']}{every})")
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


def _parse_line(line: str, settings: Settings) -> dict[str, Any]:
    """One --jsonl line; a bad line gives an error object, and the batch goes on."""
    try:
        item = json.loads(line)
        return _deadline_json(str(item["text"]), parse_date(str(item["ref"])), settings)
    except (json.JSONDecodeError, KeyError, TypeError, UsageError) as error:
        return {"error": f"{type(error).__name__}: {error}", "line": line.strip()}


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    try:
        year, month = vn_dates.parse_month(args.month)
    except ValueError as error:
        raise UsageError(str(error)) from None
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

    result = _run_db(settings, work)
    texts = Texts(settings.bot.language)
    Path(args.out).write_bytes(report_files.workbook(result, texts))
    if args.chart:
        Path(args.chart).write_bytes(report_files.chart(result, texts))
    total = result.total
    print(
        f"{month:02d}/{year}: {total.due} tasks due, {total.on_time} on time, "
        f"{total.late} late, {total.overdue} overdue, {total.pending} not yet due -> {args.out}"
    )
    return 0


def cmd_db_revision(settings: Settings, args: argparse.Namespace) -> int:
    upgrade(settings.database_url)
    alembic_command.revision(
        alembic_config(settings.database_url), message=args.message, autogenerate=True
    )
    return 0


def cmd_agencies_import(settings: Settings, args: argparse.Namespace) -> int:
    try:
        rows = agencies.read_catalogue(Path(args.file))
    except FileNotFoundError:
        raise UsageError(f"no such file: {args.file}") from None
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> agencies.ImportResult:
        async with database.session() as session:
            return await agencies.import_agencies(session=session, rows=rows, now=clock.now())

    result = _run_db(settings, work)
    print(f"{result.created} agencies added, {result.updated} updated, {len(rows)} in the file")
    return 0


def cmd_agencies_list(settings: Settings, args: argparse.Namespace) -> int:
    async def work(database: Database) -> list[Any]:
        async with database.session() as session:
            return await agencies.list_agencies(session=session)

    for agency in _run_db(settings, work):
        extra = "; ".join(agency.aliases)
        print(
            f"{agency.id:>4}  {agency.name}"
            + (f"  [{agency.short_name}]" if agency.short_name else "")
            + (f"  ({extra})" if extra else "")
        )
    return 0


def cmd_invite(settings: Settings, args: argparse.Namespace) -> int:
    role = Role(args.role)
    if args.agency is None and role not in access.COORDINATOR_ROLES:
        raise UsageError("name an agency, or use --role coordinator for a coordinators' invite")
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> tuple[str, str | None]:
        async with database.session() as session:
            agency = (
                await agencies.find_agency(session=session, text=args.agency)
                if args.agency
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
    print(
        f"invite for {agency_name or 'the coordinators'} ({role.value}), "
        f"single use, valid {days} days"
    )
    print(f"code: {code}")
    if username:
        print(f"link: https://t.me/{username}?start={code}")
    else:
        print("link: set [bot] username in the config to print the t.me link")
    print(f"in a group: /register {code}")
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
    deadline = parse_date(args.deadline) if args.deadline else None
    text = " ".join(args.text).strip()
    if not text:
        raise UsageError("the task needs a text")
    if args.every and deadline is None:
        raise UsageError("--every needs --deadline: the first period's deadline")
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
    every = f", repeats {args.every}" if args.every else ""
    print(
        f"task #{task_id} added{every}"
        + (f", due {fmt_date(deadline)}" if deadline else ", ongoing (no deadline)")
    )
    return 0


def cmd_tasks_list(settings: Settings, args: argparse.Namespace) -> int:
    clock = SystemClock(settings.tz)

    async def work(database: Database) -> list[tasks.TaskView]:
        async with database.session() as session:
            agency = (
                await agencies.find_agency(session=session, text=args.agency)
                if args.agency
                else None
            )
            return await tasks.open_tasks(session=session, agency_id=agency.id if agency else None)

    today = clock.today()
    for view in _run_db(settings, work):
        deadline = fmt_date(view.task.deadline) if view.task.deadline else "ongoing"
        late = " OVERDUE" if view.task.deadline and view.task.deadline < today else ""
        lead = view.lead.name if view.lead else "-"
        print(f"#{view.id:<4} {deadline:<10}{late}  {lead}: {view.task.text[:90]}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nhacviec", description="Telegram reminders of directive deadlines."
    )
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

    importer = commands.add_parser("import", help="read a directive (.txt, .docx, .pdf) into tasks")
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
        dest="db_command", required=True
    )
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(handler=cmd_db_upgrade)
    revision = db.add_parser("revision", help="developers: write a migration for changed models")
    revision.add_argument("message")
    revision.set_defaults(handler=cmd_db_revision)

    agency_commands = commands.add_parser("agencies", help="the agency catalogue").add_subparsers(
        dest="agencies_command", required=True
    )
    importer = agency_commands.add_parser(
        "import", help="load agencies from a CSV (name,short_name,aliases)"
    )
    importer.add_argument("file")
    importer.set_defaults(handler=cmd_agencies_import)
    agency_commands.add_parser("list", help="list agencies").set_defaults(handler=cmd_agencies_list)

    invite = commands.add_parser("invite", help="make a single-use invite code and deep link")
    invite.add_argument("agency", nargs="?", help="agency name, short name or alias")
    invite.add_argument("--role", choices=[r.value for r in Role], default=Role.STAFF.value)
    invite.add_argument(
        "--days",
        type=int,
        choices=range(1, 91),
        metavar="DAYS",
        help="validity (default from config)",
    )
    invite.set_defaults(handler=cmd_invite)

    task = commands.add_parser("task", help="one task").add_subparsers(
        dest="task_command", required=True
    )
    add = task.add_parser("add", help="add a task")
    add.add_argument("--agency", required=True, help="lead agency")
    add.add_argument(
        "--cooperating", action="append", default=[], help="cooperating agency (repeatable)"
    )
    add.add_argument("--deadline", help="YYYY-MM-DD or dd/mm/yyyy; omit for ongoing work")
    add.add_argument(
        "--every", choices=[r.value for r in Recurrence], help="a periodic duty: its first deadline"
    )
    add.add_argument("text", nargs="+")
    add.set_defaults(handler=cmd_task_add)

    task_list = commands.add_parser("tasks", help="tasks").add_subparsers(
        dest="tasks_command", required=True
    )
    listing = task_list.add_parser("list", help="open tasks, most urgent first")
    listing.add_argument("--agency", help="only this agency's")
    listing.set_defaults(handler=cmd_tasks_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `nhacviec` command; errors are one line and a non-zero exit."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        if args.command != "run":
            setup_logging(
                logging.DEBUG if args.verbose else logging.WARNING, settings.telegram.token
            )
        handler: Callable[[Settings, argparse.Namespace], int] = args.handler
        return handler(settings, args)
    except (ConfigError, UsageError, StorageError, agencies.CatalogueError) as error:
        print(f"nhacviec: {error}", file=sys.stderr)
        return 2 if isinstance(error, ConfigError) else 1
    except (OperationalError, InterfaceError) as error:
        # Start-up without a database is an operator's matter: one line, and a service manager
        # (systemd's Restart=always) tries again; once running, the bot retries by itself.
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        print(f"nhacviec: cannot reach the database: {reason}", file=sys.stderr)
        return 3
    except InvalidToken:
        print(
            "nhacviec: Telegram refused the bot token: check NHACVIEC_TELEGRAM_TOKEN "
            "(or [telegram] token) against @BotFather",
            file=sys.stderr,
        )
        return 2
    except NetworkError as error:
        print(f"nhacviec: cannot reach Telegram: {error.message}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`nhacviec tasks list | head`): not an error worth a trace.
        sys.stderr.close()
        return 0
