"""Withdrawn tasks: no longer in force, so never reminded, listed or counted, and kept with
their history; withdrawn by a coordinator (/withdraw, `nhacviec task withdraw`), or by a merger
of agencies (the copy of a duty today's agency would lead twice)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import access, agencies, directives, extensions, reports, tasks
from storage.db import Database
from storage.errors import DoneNotWithdrawn, StorageError, TaskNotFound, Withdrawn
from storage.models import ExtensionRequest, ExtensionStatus, Role, Task, TaskStatus
from tests.conftest import NOW, Cli
from tests.harness import COORDINATORS_ONLY, JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)
REASON = "văn bản sửa đổi đã bỏ"
WITHDRAWN_AT = datetime(2023, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội
RESTORED_AT = datetime(2023, 4, 3, 3, 0, tzinfo=UTC)
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_2025 = [
    agencies.AgencyRow("Sở Tài chính", "STC"),
    agencies.AgencyRow("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    agencies.AgencyRow("Sở Y tế", "SYT"),
]


async def _lead(session: AsyncSession, name: str) -> int:
    agency_id = (await agencies.find_agency(session=session, text=name)).id
    assert agency_id is not None
    return agency_id


async def _add(session: AsyncSession, text: str, deadline: date, **more: object) -> int:
    task = await tasks.add_task(
        session=session,
        text=text,
        lead_agency_id=await _lead(session, "STC"),
        deadline=deadline,
        now=NOW,
        **more,  # type: ignore[arg-type]
    )
    assert task.id is not None
    return task.id


async def _ask_extension(session: AsyncSession, task_id: int, to: date) -> ExtensionRequest:
    finance = await agencies.find_agency(session=session, text="STC")
    request, _ = await extensions.request_extension(
        session=session,
        caller=access.Caller(5, finance, is_coordinator=False),
        chat_id=-100,
        task_id=task_id,
        new_deadline=to,
        reason=None,
        today=date(2023, 3, 1),
        now=NOW,
        lead_days=7,
        chased_until=lambda deadline: deadline,
    )
    return request


async def _close(session: AsyncSession, task_id: int) -> None:
    await tasks.mark_done(
        session=session, task_id=task_id, actor=5, note=None, now=NOW, today=date(2023, 2, 27)
    )


async def _withdraw(session: AsyncSession, task_id: int, reason: str | None = REASON) -> None:
    await tasks.withdraw_task(
        session=session, task_id=task_id, actor=7, reason=reason, now=WITHDRAWN_AT
    )


async def test_a_withdrawn_task_is_kept_with_its_reason_and_never_listed(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        dropped = await _add(session, "Rà soát đầu tư công", DEADLINE)
        asked = await _ask_extension(session, dropped, date(2023, 3, 31))

    async with db.session() as session:
        await _withdraw(session, dropped)

    async with db.session() as session:
        kept = await session.get(Task, dropped)
        trail = await tasks.audit_trail(session=session, task_id=dropped)
        request = await session.get(ExtensionRequest, asked.id)
        listed = [
            await tasks.open_tasks(session=session),
            await tasks.due_in_month(session=session, agency_id=None, year=2023, month=3),
            await tasks.open_tasks_with_deadline(session=session),  # what the sweep reminds
            *(await tasks.overdue_by_agency(session=session, today=date(2023, 4, 3))).values(),
        ]
    assert kept is not None
    assert (kept.status, kept.done_at, kept.done_by, kept.done_note) == (
        TaskStatus.WITHDRAWN,
        WITHDRAWN_AT,
        7,
        REASON,
    )
    assert [(e.action, e.actor, e.detail) for e in trail][-2:] == [
        ("withdrawn", 7, REASON),
        # It would move a deadline no longer asked for: it waits on no coordinator.
        ("extension_expired", 7, f"{asked.id}: asked to move 2023-03-15"),
    ]
    assert request is not None and request.status == ExtensionStatus.EXPIRED
    assert [views for views in listed if views] == []


async def _refused(db: Database, rule: Callable[[AsyncSession], Awaitable[object]]) -> str:
    """The error a rule raises, by name; what it changed is rolled back with its session."""
    with pytest.raises(StorageError) as raised:
        async with db.session() as session:
            await rule(session)
    return type(raised.value).__name__


async def test_a_withdrawn_task_is_not_closed_reopened_extended_or_withdrawn_again(
    db: Database,
) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        dropped = await _add(session, "Rà soát đầu tư công", DEADLINE)
        finished = await _add(session, "Báo cáo quý I", DEADLINE)
        periodic = await _add(session, "Báo cáo tháng", date(2023, 2, 28), recurrence="monthly")
        await _close(session, finished)
        await _close(session, periodic)  # February's period
        await _withdraw(session, dropped)
        await _withdraw(session, periodic)

    refusals = {
        "done": await _refused(db, lambda s: _close(s, dropped)),
        "undo": await _refused(
            db, lambda s: tasks.undo_done(session=s, task_id=dropped, actor=5, now=NOW)
        ),
        # Its February period closed before it was withdrawn: a withdrawal is no closing to undo.
        "undo a period": await _refused(
            db, lambda s: tasks.undo_done(session=s, task_id=periodic, actor=5, now=NOW)
        ),
        "extend": await _refused(db, lambda s: _ask_extension(s, dropped, date(2023, 4, 30))),
        "withdraw again": await _refused(db, lambda s: _withdraw(s, dropped, None)),
        "withdraw a done task": await _refused(db, lambda s: _withdraw(s, finished)),
        "withdraw no task": await _refused(db, lambda s: _withdraw(s, 999)),
    }

    assert refusals == {
        "done": Withdrawn.__name__,
        "undo": Withdrawn.__name__,
        "undo a period": Withdrawn.__name__,
        "extend": Withdrawn.__name__,
        "withdraw again": Withdrawn.__name__,
        "withdraw a done task": DoneNotWithdrawn.__name__,
        "withdraw no task": TaskNotFound.__name__,
    }
    async with db.session() as session:
        found = [await session.get(Task, t) for t in (dropped, finished, periodic)]
        closed = await tasks.periods(session=session, task_id=periodic)
    assert [(t.status, t.done_note) for t in found if t is not None] == [
        (TaskStatus.WITHDRAWN, REASON),
        (TaskStatus.DONE, None),
        (TaskStatus.WITHDRAWN, REASON),
    ]
    assert [p.deadline for p in closed] == [date(2023, 2, 28)]


async def test_a_restored_task_is_back_in_force_and_a_duty_skips_the_periods_it_was_withdrawn(
    db: Database,
) -> None:
    """Withdrawn by mistake: a one-off task comes back with its deadline, overdue if it has
    passed (the work is still owed); a monthly duty comes back at its first period not yet
    over, without recording as missed the months nobody was reminded of."""
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        one_off = await _add(session, "Rà soát đầu tư công", DEADLINE)
        monthly = await _add(session, "Báo cáo tháng", date(2023, 2, 28), recurrence="monthly")
        await _withdraw(session, one_off)
        await _withdraw(session, monthly)

    async with db.session() as session:
        for task_id in (one_off, monthly):
            await tasks.restore_task(
                session=session, task_id=task_id, actor=7, now=RESTORED_AT, today=RESTORED_AT.date()
            )

    async with db.session() as session:
        restored = [await session.get(Task, task_id) for task_id in (one_off, monthly)]
        months = await tasks.periods(session=session, task_id=monthly)
        trail = await tasks.audit_trail(session=session, task_id=monthly)
        overdue = await tasks.overdue_by_agency(session=session, today=date(2023, 4, 3))
    assert [(t.status, t.deadline, t.done_at, t.done_note) for t in restored if t] == [
        (TaskStatus.OPEN, DEADLINE, None, None),
        (TaskStatus.OPEN, date(2023, 4, 28), None, None),  # on the 28th, as set in February
    ]
    assert months == []  # February and March were never reminded: not missed
    assert (trail[-1].action, trail[-1].detail) == ("restored", "skipped 2023-02-28, 2023-03-28")
    assert [v.id for views in overdue.values() for v in views] == [one_off]


async def test_only_a_withdrawn_task_is_restored(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        open_one = await _add(session, "Rà soát đầu tư công", DEADLINE)

    def restore(task_id: int) -> Callable[[AsyncSession], Awaitable[object]]:
        return lambda s: tasks.restore_task(
            session=s, task_id=task_id, actor=7, now=NOW, today=date(2023, 3, 1)
        )

    assert await _refused(db, restore(open_one)) == "NotWithdrawn"
    assert await _refused(db, restore(999)) == "TaskNotFound"


async def test_the_month_report_does_not_count_a_withdrawn_task(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        await _add(session, "Kế hoạch chung", DEADLINE)
        dropped = await _add(session, "Rà soát đầu tư công", DEADLINE)
        periodic = await _add(session, "Báo cáo tháng", date(2023, 2, 28), recurrence="monthly")
        await _close(session, periodic)  # February's period, on time
        for task_id in (dropped, periodic):
            await _withdraw(session, task_id)

    async with db.session() as session:
        march = await reports.month_report(
            session=session, year=2023, month=3, today=date(2023, 3, 20), tz=HANOI
        )
        february = await reports.month_report(
            session=session, year=2023, month=2, today=date(2023, 3, 20), tz=HANOI
        )

    # Neither the dropped task nor the periodic duty's March: both were withdrawn.
    assert [row.view.task.text for row in march.tasks] == ["Kế hoạch chung"]
    assert (march.total.due, march.total.overdue, march.total.on_time) == (1, 1, 0)
    # The period it closed while it was in force was asked for, and done: it counts.
    assert [(row.view.id, row.outcome) for row in february.tasks] == [(periodic, "on_time")]


async def test_a_merger_withdraws_the_copy_and_the_report_counts_the_duty_once(
    db: Database,
) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        letter = await directives.add_directive(session=session, now=NOW, number="20/UBND-KT")
        ids = []
        for lead in ("STC", "Sở KH&ĐT"):  # "Giao các sở, ban, ngành ...": one task each
            task = await tasks.add_task(
                session=session,
                text="Rà soát thủ tục hành chính",
                lead_agency_id=await _lead(session, lead),
                deadline=DEADLINE,
                directive_id=letter.id,
                now=NOW,
            )
            assert task.id is not None
            ids.append(task.id)
    kept, copy = ids

    async with db.session() as session:
        merged = await agencies.merge_agencies(
            session=session, old="Sở KH&ĐT", into="Sở Tài chính", now=WITHDRAWN_AT
        )
    async with db.session() as session:
        withdrawn = await session.get(Task, copy)
        report = await reports.month_report(
            session=session, year=2023, month=3, today=date(2023, 3, 10), tz=HANOI
        )

    assert merged.copies == ((copy, kept),)
    assert withdrawn is not None
    assert (withdrawn.status, withdrawn.done_note) == (TaskStatus.WITHDRAWN, f"copy of #{kept}")
    # Once, and still to do: the copy, closed as done, was counted done on time.
    assert [(row.view.id, row.outcome) for row in report.tasks] == [(kept, "pending")]


# End to end: the bot, over the Telegram-compatible server.


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


async def _people(bot: Harness) -> tuple[JSON, JSON, JSON, JSON]:
    """A coordinator in a private chat, and Lan in Sở Tài chính's group."""
    bang, lan = bot.server.add_user("Bằng"), bot.server.add_user("Lan")
    office, finance = bot.server.add_private_chat(bang), bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.register(lan, finance, "STC")
    return bang, office, lan, finance


async def test_a_coordinator_withdraws_tasks_and_the_agency_hears_no_more_of_them(
    bot: Harness,
) -> None:
    bang, office, lan, finance = await _people(bot)
    first = await bot.add_task("Rà soát đầu tư công", "STC", DEADLINE)
    second = await bot.add_task("Kiểm tra an toàn thực phẩm", "STC", DEADLINE)
    done = await bot.add_task("Báo cáo quý I", "STC", DEADLINE)
    await bot.say(lan, finance, f"/done {done}")

    (refused,) = await bot.say(lan, finance, f"/withdraw {first} {REASON}")
    (no_reason,) = await bot.say(bang, office, f"/withdraw {first}")
    (answer,) = await bot.say(bang, office, f"/thuhoi {first}, {second},{done} {REASON}")
    (again,) = await bot.say(bang, office, f"/withdraw {first} {REASON}")

    assert refused["text"] == COORDINATORS_ONLY  # a staff member withdraws nothing
    assert no_reason["text"].startswith("Cách dùng: /withdraw SỐ[,SỐ...] lý do")
    assert answer["text"].splitlines() == [
        f"🚫 Đã thu hồi nhiệm vụ số {first}: không còn nhắc, không tính trong báo cáo.",
        f"🚫 Đã thu hồi nhiệm vụ số {second}: không còn nhắc, không tính trong báo cáo.",
        f"Nhiệm vụ số {done} đã hoàn thành nên không thu hồi được. Nếu đánh dấu hoàn thành "
        f"nhầm, hãy mở lại bằng /undo {done} rồi thu hồi.",
        f"Lý do: {REASON}",
    ]
    assert again["text"].startswith(f"Nhiệm vụ số {first} đã được thu hồi (không còn hiệu lực)")

    (listed,) = await bot.say(lan, finance, "/tasks")
    (detail,) = await bot.say(lan, finance, f"/task {first}")
    (closing,) = await bot.say(lan, finance, f"/done {first}")
    (extending,) = await bot.say(lan, finance, f"/extend {first} 31/03/2023 chờ ý kiến")
    bot.at(date(2023, 3, 8))  # seven days before the deadline
    await bot.sweep()

    assert listed["text"] == "Không có nhiệm vụ nào đang mở. 👍"
    assert detail["text"].splitlines()[-2:] == [
        "Trạng thái: đã thu hồi ngày 01/03/2023, không còn hiệu lực",
        f"Lý do: {REASON}",
    ]
    assert "reply_markup" not in detail  # nothing to close or extend
    for refusal in (closing, extending):
        assert refusal["text"].startswith(f"Nhiệm vụ số {first} đã được thu hồi")
    assert bot.reminders_in(finance) == []


async def test_a_coordinator_restores_a_task_withdrawn_by_mistake_and_it_is_reminded_again(
    bot: Harness,
) -> None:
    bang, office, lan, finance = await _people(bot)
    task = await bot.add_task("Rà soát đầu tư công", "STC", DEADLINE)
    still_open = await bot.add_task("Kiểm tra an toàn thực phẩm", "STC", DEADLINE)
    await bot.say(bang, office, f"/withdraw {task} {REASON}")

    (refused,) = await bot.say(lan, finance, f"/restore {task}")
    (usage,) = await bot.say(bang, office, "/restore")
    (answer,) = await bot.say(bang, office, f"/khoiphuc {task},{still_open}")
    bot.at(date(2023, 3, 8))  # seven days before the deadline
    await bot.sweep()

    assert refused["text"] == COORDINATORS_ONLY
    assert usage["text"].startswith("Cách dùng: /restore SỐ[,SỐ...]")
    assert answer["text"].splitlines() == [
        f"↩️ Đã khôi phục nhiệm vụ số {task}, hạn 15/03/2023, còn 14 ngày: được nhắc trở lại.",
        f"Nhiệm vụ số {still_open} chưa bị thu hồi, không có gì để khôi phục.",
    ]
    (reminder,) = bot.reminders_in(finance)
    assert f"#{task} Rà soát đầu tư công" in reminder["text"]


async def _send(bot: Harness, user: JSON, chat: JSON, name: str, content: bytes) -> JSON:
    """Send a file; the bot's preview, its parts joined, with the last one's buttons."""
    before = len(bot.server.sent_messages(chat["id"]))
    bot.server.user_sends_document(chat, user, name, content)
    count = before + 1
    while True:
        answer = (await bot.server.wait_for_messages(count, chat_id=chat["id"], timeout=15))[
            before:
        ]
        if "reply_markup" in answer[-1]:
            return {**answer[-1], "text": "\n".join(m["text"] for m in answer)}
        count += 1


def _save(preview: JSON) -> str:
    buttons = [b for row in preview["reply_markup"]["inline_keyboard"] for b in row]
    return next(b["callback_data"] for b in buttons if b["text"].startswith("💾"))


NOTICE = (
    "UBND TỈNH X\nSố: 12/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n"
    "X, ngày 05 tháng 01 năm 2023\n"
    "1. Giao Sở Tài chính rà soát đầu tư công, báo cáo trước ngày 15/3/2023.\n"
    "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, hoàn thành trước ngày 20/3/2023.\n"
)
REVISED = NOTICE.replace(
    "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, hoàn thành trước ngày 20/3/2023.\n", ""
)
MOVED = NOTICE.replace("trước ngày 15/3/2023", "trước ngày 31/3/2023")  # writes task 2 again


async def test_a_revision_says_to_withdraw_what_it_dropped_and_forgets_it_once_withdrawn(
    bot: Harness,
) -> None:
    bang, office, _, _ = await _people(bot)
    first = await _send(bot, bang, office, "tb.txt", NOTICE.encode())
    await bot.press(bang, office, first, _save(first))

    revised = await _send(bot, bang, office, "tb-sua.txt", REVISED.encode())
    await bot.say(bang, office, f"/withdraw 2 {REASON}")
    again = await _send(bot, bang, office, "tb-sua.txt", REVISED.encode())

    assert (
        "Nhiệm vụ nào văn bản đã bỏ hẳn, hãy thu hồi bằng /withdraw SỐ lý do:" in (revised["text"])
    )
    assert "\n#2 Sở Y tế — Giao Sở Y tế kiểm tra an toàn thực phẩm" in revised["text"]
    assert "không có trong lần lưu này" not in again["text"]  # withdrawn: not left open


async def test_a_revision_that_still_writes_a_withdrawn_task_says_so_and_how_to_restore_it(
    bot: Harness,
) -> None:
    bang, office, _, _ = await _people(bot)
    first = await _send(bot, bang, office, "tb.txt", NOTICE.encode())
    await bot.press(bang, office, first, _save(first))
    await bot.say(bang, office, f"/withdraw 2 {REASON}")

    revised = await _send(bot, bang, office, "tb-sua.txt", MOVED.encode())
    await bot.press(bang, office, revised, _save(revised))
    (detail,) = await bot.say(bang, office, "/task 2")

    assert (
        "🚫 1 nhiệm vụ văn bản này vẫn ghi đã được thu hồi trước đây: lưu lần này không khôi "
        "phục. Nếu thu hồi nhầm, hãy khôi phục bằng /restore SỐ:\n"
        "#2 Sở Y tế — Giao Sở Y tế kiểm tra an toàn thực phẩm"
    ) in revised["text"]
    assert "Trạng thái: đã thu hồi ngày 01/03/2023, không còn hiệu lực" in detail["text"]


# The command line.


@pytest.fixture
def catalogue(tmp_path: Path) -> None:
    (tmp_path / "agencies.csv").write_text(
        "name,short_name,aliases\nSở Tài chính,STC,\nSở Y tế,SYT,\n", encoding="utf-8"
    )


@pytest.mark.usefixtures("catalogue")
def test_nhacviec_task_withdraw_withdraws_each_task_it_may_and_says_why_not_the_others(
    cli: Cli,
) -> None:
    cli("agencies", "import", "agencies.csv")
    for text in ("Rà soát đầu tư công", "Kiểm tra an toàn thực phẩm", "Kế hoạch chung"):
        cli("task", "add", "--agency", "STC", "--deadline", "2099-03-15", text)

    withdrawn = cli("task", "withdraw", "1", "#2", "--reason", REASON)
    again = cli("task", "withdraw", "2", "3", "9")

    assert withdrawn == (
        0,
        "Đã thu hồi nhiệm vụ #1: không còn nhắc, không tính trong báo cáo.\n"
        "Đã thu hồi nhiệm vụ #2: không còn nhắc, không tính trong báo cáo.\n",
        "",
    )
    assert again == (
        1,
        "Đã thu hồi nhiệm vụ #3: không còn nhắc, không tính trong báo cáo.\n",
        "nhacviec: nhiệm vụ #2 đã được thu hồi trước đó\nnhacviec: không có nhiệm vụ #9\n",
    )
    assert cli("tasks", "list") == (0, "", "")


@pytest.mark.usefixtures("catalogue")
def test_nhacviec_task_restore_puts_withdrawn_tasks_back_and_says_why_not_the_others(
    cli: Cli,
) -> None:
    cli("agencies", "import", "agencies.csv")
    for text in ("Rà soát đầu tư công", "Kiểm tra an toàn thực phẩm"):
        cli("task", "add", "--agency", "STC", "--deadline", "2099-03-16", text)
    cli("task", "withdraw", "1", "--reason", REASON)

    code, out, err = cli("task", "restore", "1", "2", "9")

    assert code == 1
    # How many days are left depends on the day the test runs.
    assert re.fullmatch(
        r"Đã khôi phục nhiệm vụ #1, hạn 16/03/2099, còn \d+ ngày: được nhắc trở lại.\n", out
    )
    assert err == (
        "nhacviec: nhiệm vụ #2 chưa bị thu hồi, không có gì để khôi phục\n"
        "nhacviec: không có nhiệm vụ #9\n"
    )
    assert [line.split()[0] for line in cli("tasks", "list")[1].splitlines()] == ["#1", "#2"]


@pytest.mark.usefixtures("catalogue")
def test_a_revision_imported_on_the_command_line_says_to_withdraw_what_it_dropped(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "tb.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "tb-sua.txt").write_text(REVISED, encoding="utf-8")
    cli("agencies", "import", "agencies.csv")
    cli("import", "tb.txt", "--yes")

    _, revised, _ = cli("import", "tb-sua.txt", "--yes")
    cli("task", "withdraw", "2", "--reason", REASON)
    _, again, _ = cli("import", "tb-sua.txt", "--dry-run")

    assert 'hãy thu hồi bằng nhacviec task withdraw SỐ --reason "LÝ DO":\n' in revised
    assert "  #2 Sở Y tế — Giao Sở Y tế kiểm tra an toàn thực phẩm" in revised
    assert "không có trong lần lưu này" not in again


@pytest.mark.usefixtures("catalogue")
def test_a_revision_imported_on_the_command_line_says_which_withdrawn_tasks_it_still_writes(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "tb.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "tb-sua.txt").write_text(MOVED, encoding="utf-8")
    cli("agencies", "import", "agencies.csv")
    cli("import", "tb.txt", "--yes")
    cli("task", "withdraw", "2", "--reason", REASON)

    _, revised, _ = cli("import", "tb-sua.txt", "--dry-run")

    assert (
        "1 nhiệm vụ văn bản này vẫn ghi đã được thu hồi trước đây: lưu lần này không khôi phục; "
        "nếu thu hồi nhầm, hãy khôi phục bằng nhacviec task restore SỐ:\n"
        "  #2 Sở Y tế — Giao Sở Y tế kiểm tra an toàn thực phẩm"
    ) in revised
