"""End to end: the unmodified Application polls the Telegram-compatible server over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime
from itertools import pairwise

import pytest
from sqlmodel import col, select

from bot.app import sweep_job
from bot.logs import setup_logging
from bot.services import services_of
from bot.telegram_server import Fault
from bot.texts import COMMANDS
from storage import tasks
from storage.models import Chat, Reminder, ReminderStatus, Role, Task
from tests.harness import (
    COORDINATORS_ONLY,
    ERROR_TEXT,
    GROUP_ANONYMOUS_BOT,
    JSON,
    QUERY_TOO_OLD,
    TOKEN,
    FloodWaits,
    Harness,
    finance_with_digest,
    running_bot,
)
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


async def test_the_whole_path_invite_remind_once_close(database_url: str) -> None:
    async with running_bot(database_url, start=START) as bot:
        server = bot.server
        lan, hung = server.add_user("Lan"), server.add_user("Hùng")
        finance = server.add_group("Sở Tài chính", [lan])
        hung_chat = server.add_private_chat(hung)
        await bot.register(lan, finance, "Sở KH&ĐT")  # a former name finds today's agency
        await bot.register(hung, hung_chat, "SYT", Role.HEAD)
        plan = await bot.add_task("Ban hành Kế hoạch chung", "Sở Tài chính", DEADLINE)

        bot.at(date(2023, 3, 7))
        await bot.sweep()
        assert bot.reminders_in(finance) == []

        bot.at(date(2023, 3, 8))  # seven days before
        await bot.sweep()
        await bot.sweep()  # the same morning again: nothing more
        (reminder,) = bot.reminders_in(finance)
        assert "Ban hành Kế hoạch chung" in reminder["text"]
        assert "hạn 15/03/2023, còn 7 ngày" in reminder["text"]
        assert bot.reminders_in(hung_chat) == []  # another agency's chat hears nothing

        (closed,) = await bot.say(lan, finance, f"/xong {plan} đã trình UBND tỉnh")  # /done
        assert closed["text"].startswith(
            f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {plan} (đúng hạn)."
        )
        assert "Ghi chú: đã trình UBND tỉnh" in closed["text"]

        for day in (date(2023, 3, 10), date(2023, 3, 14), date(2023, 3, 15), date(2023, 3, 17)):
            bot.at(day)
            await bot.sweep()
        assert len(bot.reminders_in(finance)) == 1  # never reminded again

        async with bot.database.session() as session:
            ledger = (await session.exec(select(Reminder))).all()
            task = await session.get(Task, plan)
        assert [(r.slot, r.status, r.message_id) for r in ledger] == [
            ("d7:2023-03-15", ReminderStatus.SENT, reminder["message_id"])
        ]
        assert task is not None and (task.status, task.done_note) == ("done", "đã trình UBND tỉnh")


async def test_a_group_is_reminded_on_the_right_days_and_chased_after(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    await bot.add_task("Báo cáo quý I", "STC", DEADLINE)

    days = [date(2023, 3, d) for d in (8, 9, 10, 11, 13, 14, 15, 16, 17, 20, 21)]
    for day in days:
        bot.at(day)
        await bot.sweep()

    sent_on = [m["text"].splitlines()[0] for m in bot.reminders_in(finance)]
    assert sent_on == [
        "🔔 Nhắc việc ngày 08/03/2023",  # 7 days before
        "🔔 Nhắc việc ngày 10/03/2023",  # 3 days before falls on Sunday: Friday
        "🔔 Nhắc việc ngày 14/03/2023",  # 1 day before
        "🔔 Nhắc việc ngày 15/03/2023",  # the day
        "🔔 Nhắc việc ngày 16/03/2023",  # overdue, then every two working days
        "🔔 Nhắc việc ngày 20/03/2023",
    ]
    assert "quá hạn 5 ngày" in bot.reminders_in(finance)[-1]["text"]


async def test_the_start_up_sweep_catches_up_a_missed_morning_once(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    await bot.add_task("Kế hoạch", "STC", DEADLINE)

    # The bot was down at 08:00 and comes back at 10:30: the reminder goes out now.
    await bot.restart(datetime(2023, 3, 8, 10, 30, tzinfo=VIETNAM_TZ))
    await bot.server.wait_for_messages(2, chat_id=finance["id"], timeout=10)  # welcome + digest
    # Restarted again the same morning: the ledger says it was sent.
    await bot.restart(datetime(2023, 3, 8, 11, 0, tzinfo=VIETNAM_TZ))
    await bot.sweep()

    assert [m["text"].splitlines()[0] for m in bot.reminders_in(finance)] == [
        "🔔 Nhắc việc ngày 08/03/2023"
    ]


async def test_a_start_up_in_the_evening_leaves_the_reminders_to_the_next_morning(
    bot: Harness,
) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    await bot.add_task("Kế hoạch", "STC", DEADLINE)

    await bot.restart(datetime(2023, 3, 8, 22, 45, tzinfo=VIETNAM_TZ))
    assert bot.application.job_queue is not None
    catch_up = bot.application.job_queue.get_jobs_by_name("start-up-sweep")
    bot.at(date(2023, 3, 9))
    await bot.sweep()

    assert catch_up == ()  # nothing goes out at 22:45
    assert [m["text"].splitlines()[0] for m in bot.reminders_in(finance)] == [
        "🔔 Nhắc việc ngày 09/03/2023"
    ]


async def test_due_lists_this_month_of_my_agency_only(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    march = await bot.add_task("Việc tháng 3", "STC", date(2023, 3, 20))
    await bot.add_task("Việc tháng 4", "STC", date(2023, 4, 5))
    await bot.add_task("Việc của Sở Y tế", "SYT", date(2023, 3, 10))

    (answer,) = await bot.say(lan, finance, "/due")

    assert answer["text"].splitlines()[0] == "Hạn trong tháng 03/2023 — Sở Tài chính"
    assert f"#{march} Việc tháng 3" in answer["text"]
    assert "tháng 4" not in answer["text"] and "Sở Y tế" not in answer["text"]


async def test_due_for_a_coordinator_is_headed_all_agencies(bot: Harness) -> None:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Việc tháng 3", "STC", date(2023, 3, 20))

    (answer,) = await bot.say(bang, office, "/due")

    assert answer["text"].splitlines()[0] == "Hạn trong tháng 03/2023 — tất cả đơn vị"


async def test_coordinators_lists_of_every_agency_name_each_tasks_lead_agency(
    bot: Harness,
) -> None:
    """/tasks and /due in a coordinator's chat list every agency's tasks: a list that does not
    say whose each task is cannot be followed up without opening every task."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Kế hoạch chung về đầu tư công", "STC", date(2023, 3, 20))
    await bot.add_task("Phòng dịch dịp Tết", "SYT", date(2023, 3, 25))

    (open_tasks,) = await bot.say(bang, office, "/tasks")
    (due,) = await bot.say(bang, office, "/due")

    for answer in (open_tasks, due):
        assert "Sở Tài chính" in answer["text"], answer["text"]
        assert "Sở Y tế" in answer["text"], answer["text"]


async def test_due_this_month_lists_a_task_whose_weekend_deadline_closes_today(
    bot: Harness,
) -> None:
    """Saturday 31/01/2026 closes on Monday 02/02/2026. That Monday the morning digest says
    "Đến hạn hôm nay" and /tasks "hôm nay", but /due (due this month) answers that nothing is
    due in 02/2026 and /overdue has it neither: the one list meant for this month's work
    misses the task due today."""
    lan, finance, digest, task = await finance_with_digest(
        bot, "Báo cáo tháng 01/2026", due=date(2026, 1, 31), on=date(2026, 2, 2)
    )
    assert "Đến hạn hôm nay" in digest["text"] and f"#{task}" in digest["text"], digest["text"]

    (due,) = await bot.say(lan, finance, "/due")

    assert f"#{task}" in due["text"], due["text"]


async def test_tasks_lists_open_work_with_ongoing_last(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    await bot.add_task("Kiểm tra thường xuyên", "STC", None)
    await bot.add_task("Kế hoạch", "STC", DEADLINE)

    (answer,) = await bot.say(lan, finance, "/tasks")

    lines = answer["text"].splitlines()
    assert lines[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    assert lines[1].endswith("Kế hoạch") and lines[3].endswith("Kiểm tra thường xuyên")
    assert lines[4].strip() == "⏰ không có thời hạn"


async def test_overdue_is_for_coordinators_and_grouped_by_agency(bot: Harness) -> None:
    bang, lan = bot.server.add_user("Bằng"), bot.server.add_user("Lan")
    office, finance = bot.server.add_private_chat(bang), bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.register(lan, finance, "STC")
    await bot.add_task("Báo cáo tuyển quân", "CA tỉnh", date(2023, 2, 20))
    await bot.add_task("Kế hoạch", "STC", date(2023, 2, 28))
    await bot.add_task("Chưa đến hạn", "STC", date(2023, 3, 31))

    (refused,) = await bot.say(lan, finance, "/overdue")
    (answer,) = await bot.say(bang, office, "/overdue")

    assert refused["text"] == COORDINATORS_ONLY
    text = answer["text"]
    assert text.splitlines()[0] == "Nhiệm vụ quá hạn đến ngày 01/03/2023"
    assert text.index("Công an tỉnh (1)") < text.index("Sở Tài chính (1)")
    assert "quá hạn 9 ngày" in text and "quá hạn 1 ngày" in text and "Chưa đến hạn" not in text


async def test_overdue_never_parts_a_task_from_its_deadline_line(bot: Harness) -> None:
    """45 overdue tasks of one agency outgrow one message: /overdue splits them, but each task's
    "⏰ hạn ..., quá hạn N ngày" line must stay in the message of its task."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    for n in range(1, 46):
        await bot.add_task(f"Báo cáo kết quả thực hiện nhiệm vụ số {n}", "STC", date(2023, 3, 3))
    bot.at(date(2023, 4, 3))

    parts = await bot.say(bang, office, "/overdue", replies=2)

    for part in parts:
        lines = part["text"].split("\n")
        for number, line in enumerate(lines):
            if line.lstrip().startswith("⏰"):
                assert number > 0 and lines[number - 1].startswith("#"), (
                    f"a deadline without its task at the top of a message: {lines[:3]}"
                )


async def test_strangers_and_other_agencies_are_refused_and_nothing_changes(bot: Harness) -> None:
    lan, hung, stranger = (bot.server.add_user(n) for n in ("Lan", "Hùng", "Người lạ"))
    finance = bot.server.add_group("Sở Tài chính", [lan])
    health, unknown = bot.server.add_private_chat(hung), bot.server.add_private_chat(stranger)
    await bot.register(lan, finance, "STC")
    await bot.register(hung, health, "SYT")
    plan = await bot.add_task("Kế hoạch", "STC", DEADLINE)

    (not_registered,) = await bot.say(stranger, unknown, "/tasks")
    (not_yours,) = await bot.say(hung, health, f"/done {plan}")
    (no_such,) = await bot.say(lan, finance, "/done 999")
    (usage,) = await bot.say(lan, finance, "/done mười hai")
    (too_long,) = await bot.say(lan, finance, "/done 99999999999999999999")
    (hashed,) = await bot.say(hung, health, f"/done #{plan}")
    (superscript,) = await bot.say(lan, finance, "/done ²")  # isdigit(), yet no number

    assert not_registered["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
    assert not_yours["text"] == f"Nhiệm vụ số {plan} không thuộc đơn vị của bạn."
    assert no_such["text"] == "Không có nhiệm vụ số 999."
    assert usage["text"].startswith("Cách dùng: /done SỐ [ghi chú]")
    assert too_long["text"] == usage["text"]  # a number no task can have, not a database error
    assert superscript["text"] == usage["text"]  # not "Xin lỗi, đã có lỗi"
    assert hashed["text"] == f"Nhiệm vụ số {plan} không thuộc đơn vị của bạn."
    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.status == "open"


async def test_a_member_of_another_agency_closing_its_task_in_this_group_is_told_why(
    bot: Harness,
) -> None:
    """Minh, of Sở Y tế, sits in Sở Tài chính's group too (a liaison) and types there /done for
    a task of his own agency. The group speaks for Sở Tài chính alone (README: "An agency's
    group sees that agency's tasks, whoever types in it"), so the task is refused; he hears that
    this group is Sở Tài chính's, which is why, and which tells him where it can be closed.
    "Task N does not belong to your agency" would be false for him."""
    lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
    finance = bot.server.add_group("Sở Tài chính", [lan, minh])
    health = bot.server.add_group("Sở Y tế", [minh])
    await bot.register(lan, finance, "STC")
    await bot.register(minh, health, "SYT")
    task = await bot.add_task("Khuyến cáo phòng dịch", "SYT", DEADLINE)

    (refused,) = await bot.say(minh, finance, f"/done {task} đã gửi")

    assert "Sở Tài chính" in refused["text"] or "nhóm" in refused["text"], refused["text"]


async def test_buttons_close_and_undo_and_forged_ones_are_refused(bot: Harness) -> None:
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    finance, health = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(hung)
    await bot.register(lan, finance, "STC")
    await bot.register(hung, health, "SYT")
    plan = await bot.add_task("Kế hoạch", "STC", DEADLINE)
    health_task = await bot.add_task("Khuyến cáo phòng dịch", "SYT", DEADLINE)
    bot.at(date(2023, 3, 8))
    await bot.sweep()
    (digest,) = bot.reminders_in(finance)
    (health_digest,) = bot.reminders_in(health)

    (closed,) = await bot.press(lan, finance, digest, f"done:{plan}")
    (undone,) = await bot.press(lan, finance, closed, _first_button(closed))
    # A forged button in the health director's chat, pointing at the finance task:
    (forged,) = await bot.press(hung, health, health_digest, f"done:{plan}")
    forged_data = [
        "drop table",
        "done:99999999999999",
        "approve:99999999999999",
        "imp:save:9999999999",
        f"done:{chr(0x0660 + plan)}",  # an Arabic-Indic digit: a regex's \\d, not a number
    ]
    nonsense = [await bot.alert(hung, health, health_digest, data) for data in forged_data]

    assert closed["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {plan}")
    assert _first_button(closed).startswith(f"undo:{plan}:t")  # the closing it undoes
    assert undone["text"] == f"↩️ Đã mở lại nhiệm vụ số {plan}."
    assert forged["text"] == f"Nhiệm vụ số {plan} không thuộc đơn vị của bạn."
    assert nonsense == ["Nút này không hợp lệ hoặc đã cũ."] * len(forged_data)
    assert health_task != plan
    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.status == "open"


def _first_button(message: JSON) -> str:
    """The data of the first button under a message (↩️ under a "done" reply, ✅ in a digest)."""
    return str(message["reply_markup"]["inline_keyboard"][0][0]["callback_data"])


async def test_a_done_button_answered_too_late_still_confirms_the_closing_with_its_undo(
    bot: Harness,
) -> None:
    """✅ pressed while the bot is slow (Telegram says the query is too old to answer) closes the
    task, and the chat is told so, with its ↩️ button, not "Xin lỗi, đã có lỗi…": only the
    pop-up is lost."""
    lan, finance, digest, plan = await finance_with_digest(bot)
    bot.server.inject(QUERY_TOO_OLD, method="answerCallbackQuery")

    (answer,) = await bot.press(lan, finance, digest, f"done:{plan}")

    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.status == "done"  # it was closed...
    assert answer["text"] != ERROR_TEXT, "closed, but the chat was told it failed"
    assert answer["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {plan}")
    assert answer["reply_markup"]["inline_keyboard"][0][0]["callback_data"].startswith(
        f"undo:{plan}:"
    )


async def test_buttons_from_before_they_named_their_closing_change_nothing_they_cannot_tell(
    bot: Harness,
) -> None:
    """Digests and replies already in chats carry "done:N" and "undo:N". On a one-off task
    "done:N" still closes it; "undo:N" cannot tell whether the task was closed again since (by
    a colleague, with a note), so it reopens nothing and says to type /undo. On a recurring
    task "done:N" cannot tell which period it was sent for: it closes nothing and says to
    type /done."""
    lan, finance, report = await _monthly_report(bot)
    plan = await bot.add_task("Ban hành Kế hoạch chung", "STC", DEADLINE)
    bot.at(date(2023, 3, 8))
    await bot.sweep()
    (digest,) = bot.reminders_in(finance)

    (closed,) = await bot.press(lan, finance, digest, f"done:{plan}")
    (old_undo,) = await bot.press(lan, finance, closed, f"undo:{plan}")
    (old_done,) = await bot.press(lan, finance, digest, f"done:{report}")
    (typed,) = await bot.say(lan, finance, f"/undo {plan}")

    assert closed["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {plan}")
    assert old_undo["text"].startswith("Nút ↩️ này có từ trước khi nút ghi rõ lần báo hoàn thành")
    assert old_undo["text"].endswith(f"gõ /undo {plan}.")
    assert old_done["text"].startswith("Nút ✅ này có từ trước khi nút ghi rõ kỳ hạn")
    assert old_done["text"].endswith(f"gõ /done {report}.")
    assert typed["text"] == f"↩️ Đã mở lại nhiệm vụ số {plan}."  # as the answer said
    assert await _deadline_and_closed(bot, report) == (date(2023, 3, 31), [])


async def test_an_undo_button_reopens_only_the_closing_it_was_made_for(bot: Harness) -> None:
    """A one-off task's ↩️ names the closing it undoes: once that closing was undone and a
    colleague closed the task again, with a note, the old ↩️ reopens nothing."""
    lan, finance, _ = await _monthly_report(bot)
    plan = await bot.add_task("Ban hành Kế hoạch chung", "STC", DEADLINE)
    (mistake,) = await bot.say(lan, finance, f"/done {plan}")
    (reopened,) = await bot.press(lan, finance, mistake, _first_button(mistake))
    bot.at(date(2023, 3, 10))
    (closed,) = await bot.say(lan, finance, f"/done {plan} đã trình UBND tỉnh")
    (stale,) = await bot.press(lan, finance, mistake, _first_button(mistake))
    forged = await bot.alert(lan, finance, mistake, f"undo:{plan}:t123456789012")

    assert reopened["text"] == f"↩️ Đã mở lại nhiệm vụ số {plan}."
    assert stale["text"] == (
        f"Nút ↩️ này dành cho một lần báo hoàn thành nhiệm vụ số {plan} đã được hoàn tác; sau "
        "đó nhiệm vụ đã được báo hoàn thành lại, nên không có gì được mở lại. Để mở lại lần báo "
        f"hoàn thành mới nhất, gõ /undo {plan}."
    )
    assert forged == "Nút này không hợp lệ hoặc đã cũ."
    (undone,) = await bot.press(lan, finance, closed, _first_button(closed))  # the latest's
    assert undone["text"] == f"↩️ Đã mở lại nhiệm vụ số {plan}."


async def test_an_old_undo_button_does_not_reopen_a_colleagues_later_closing(bot: Harness) -> None:
    """Lan closes task 2 by mistake and reopens it with ↩️. On 10/03 Hùng closes it for real,
    with his note. Lan's old ↩️, pressed again (its closing was undone long ago), must not
    reopen Hùng's closing and erase his note."""
    hung = bot.server.add_user("Hùng")
    lan, finance, _ = await _monthly_report(bot, hung)
    plan = await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 3, 15))
    (mistake,) = await bot.say(lan, finance, f"/done {plan}")
    undo = _first_button(mistake)
    (reopened,) = await bot.press(lan, finance, mistake, undo)
    assert reopened["text"].startswith("↩️")
    bot.at(date(2023, 3, 10))
    (closed,) = await bot.say(hung, finance, f"/done {plan} đã trình UBND tỉnh")
    assert closed["text"].startswith("✅")

    bot.at(date(2023, 3, 13))
    await bot.press(lan, finance, mistake, undo)

    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None
    assert (task.status, task.done_note) == ("done", "đã trình UBND tỉnh")


async def test_a_done_button_closes_only_the_period_it_was_sent_for(bot: Harness) -> None:
    """April's ✅ (from /task after March was closed) is for April: pressed once March has
    been reopened, it does not close March in its place."""
    lan, finance, plan = await _monthly_report(bot)
    bot.at(date(2023, 3, 28))
    (march,) = await bot.say(lan, finance, f"/done {plan}")
    bot.at(date(2023, 4, 3))
    (detail,) = await bot.say(lan, finance, f"/task {plan}")
    await bot.press(lan, finance, march, _first_button(march))  # March is open again

    (pressed,) = await bot.press(lan, finance, detail, _first_button(detail))

    assert _first_button(detail) == f"done:{plan}:20230430"
    assert pressed["text"] == (
        f"Nút ✅ này dành cho kỳ hạn 30/04/2023 của nhiệm vụ số {plan}, nhưng kỳ đang mở bây giờ "
        f"có hạn 31/03/2023, nên không có gì được đánh dấu. Khi hoàn thành kỳ hạn 31/03/2023, "
        f"gõ /done {plan}."
    )
    assert await _deadline_and_closed(bot, plan) == (date(2023, 3, 31), [])


async def test_a_digests_done_button_pressed_in_the_next_period_does_not_close_it(
    bot: Harness,
) -> None:
    """The digest of 31/03 lists March's report (due today) with ✅. Lan presses it that day;
    Hùng, who had not seen that, presses the same ✅ on Monday 03/04: the button was for the
    period due 31/03, which is closed, so it must not close April's period (due 30/04)."""
    hung = bot.server.add_user("Hùng")  # Lan's colleague, in the group, not registered himself
    lan, finance, plan = await _monthly_report(bot, hung)
    bot.at(date(2023, 3, 31))
    await bot.sweep()
    digest = bot.reminders_in(finance)[-1]
    assert "31/03/2023" in digest["text"]

    (done,) = [
        button["callback_data"]
        for row in digest["reply_markup"]["inline_keyboard"]
        for button in row
        if button["callback_data"].startswith("done:")
    ]
    (march,) = await bot.press(lan, finance, digest, done)
    assert march["text"].startswith(f"✅ Đã hoàn thành kỳ hạn 31/03/2023 của nhiệm vụ số {plan}")
    bot.at(date(2023, 4, 3))
    (again,) = await bot.press(hung, finance, digest, done)

    assert not again["text"].startswith("✅"), again["text"]
    assert (await _deadline_and_closed(bot, plan))[0] == date(2023, 4, 30)


async def _monthly_report(bot: Harness, *colleagues: JSON) -> tuple[JSON, JSON, int]:
    """Lan (and her colleagues) in the finance group; a monthly report of finance, first due
    31/03/2023."""
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan, *colleagues])
    await bot.register(lan, finance, "STC")
    task_id = await bot.add_task("Báo cáo tháng", "STC", date(2023, 3, 31), recurrence="monthly")
    return lan, finance, task_id


async def _deadline_and_closed(bot: Harness, task_id: int) -> tuple[date | None, list[date]]:
    async with bot.database.session() as session:
        task = await session.get(Task, task_id)
        closed = await tasks.periods(session=session, task_id=task_id)
    assert task is not None
    return task.deadline, [p.deadline for p in closed]


async def test_undo_after_a_missed_period_reopens_nothing_and_the_task_goes_on(
    bot: Harness,
) -> None:
    """March closed, April missed (recorded by the sweep, the task now due 31/05): neither
    /undo nor March's ↩️ reopens March, which would put the deadline back weeks beside
    April's record and make the next /done collide with it."""
    lan, finance, plan = await _monthly_report(bot)
    bot.at(date(2023, 3, 28))
    (march,) = await bot.say(lan, finance, f"/done {plan} đã gửi báo cáo tháng 3")
    for day in (date(2023, 5, 4), date(2023, 5, 25)):  # April's report never came
        bot.at(day)
        await bot.sweep()
    assert await _deadline_and_closed(bot, plan) == (
        date(2023, 5, 31),
        [date(2023, 3, 31), date(2023, 4, 30)],
    )

    (undo,) = await bot.say(lan, finance, f"/undo {plan}")
    undo_march = march["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    (pressed,) = await bot.press(lan, finance, march, undo_march)
    (closed,) = await bot.say(lan, finance, f"/done {plan}")

    assert undo["text"] == (
        f"Nhiệm vụ số {plan} đang mở: kỳ hạn 30/04/2023 đã được ghi nhận là không hoàn thành, "
        "nên không có lần báo hoàn thành nào để hoàn tác."
    )
    assert pressed["text"] == (
        f"Nút ↩️ này dành cho kỳ hạn 31/03/2023 của nhiệm vụ số {plan}, nhưng sau đó kỳ hạn "
        f"30/04/2023 đã được ghi nhận, nên không có gì được mở lại. Xem: /task {plan}."
    )
    assert closed["text"].startswith(f"✅ Đã hoàn thành kỳ hạn 31/05/2023 của nhiệm vụ số {plan}")
    await bot.sweep()  # the next morning's sweep is not an IntegrityError either


async def test_an_undo_button_reopens_only_the_period_it_was_made_for(bot: Harness) -> None:
    """↩️ names the period it undoes ("undo:N:20230331"): pressed after a colleague closed
    April, March's is stale and reopens nothing; April's reopens April. A ↩️ from before
    buttons named their period ("undo:N") cannot tell which it was under: on a recurring task
    it reopens nothing and says to type /undo."""
    lan, finance, plan = await _monthly_report(bot)
    bot.at(date(2023, 3, 28))
    (march,) = await bot.say(lan, finance, f"/done {plan} báo cáo tháng 3")
    bot.at(date(2023, 4, 27))
    (april,) = await bot.say(lan, finance, f"/done {plan} báo cáo tháng 4")
    undo_march, undo_april = (
        m["reply_markup"]["inline_keyboard"][0][0]["callback_data"] for m in (march, april)
    )
    bot.at(date(2023, 5, 3))

    (stale,) = await bot.press(lan, finance, march, undo_march)
    (old,) = await bot.press(lan, finance, march, f"undo:{plan}")
    assert await _deadline_and_closed(bot, plan) == (
        date(2023, 5, 31),
        [date(2023, 3, 31), date(2023, 4, 30)],
    )
    (reopened,) = await bot.press(lan, finance, april, undo_april)
    forged = [
        await bot.alert(lan, finance, april, data)
        for data in (f"undo:{plan}:20230231", f"undo:{plan}:2023043", f"undo:{plan}:1:2")
    ]

    assert (undo_march, undo_april) == (f"undo:{plan}:20230331", f"undo:{plan}:20230430")
    assert stale["text"].startswith("Nút ↩️ này dành cho kỳ hạn 31/03/2023")
    assert old["text"].startswith("Nút ↩️ này có từ trước khi nút ghi rõ kỳ hạn")
    assert old["text"].endswith(f"gõ /undo {plan}.")
    assert reopened["text"] == f"↩️ Đã mở lại kỳ hạn 30/04/2023 của nhiệm vụ số {plan}."
    assert forged == ["Nút này không hợp lệ hoặc đã cũ."] * 3
    assert await _deadline_and_closed(bot, plan) == (date(2023, 4, 30), [date(2023, 3, 31)])


async def test_reopening_and_closing_again_a_period_keeps_the_next_periods_approved_extension(
    bot: Harness,
) -> None:
    """March's report is closed on 28/03; in April the coordinator approves moving April's
    deadline from 30/04 to 05/05. On 20/04 Lan reopens March (the report was incomplete) and
    closes it again on 21/04: April is due 05/05 as approved, not 30/04 again."""
    lan, finance, bang, office, plan = await _monthly_report_with_a_coordinator(bot)
    bot.at(date(2023, 3, 28))
    (march,) = await bot.say(lan, finance, f"/done {plan} báo cáo tháng 3")
    bot.at(date(2023, 4, 10))
    await bot.say(lan, finance, f"/extend {plan} 05/05/2023 chờ số liệu")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    in_finance = len(bot.server.sent_messages(finance["id"]))
    (approved,) = await bot.press(bang, office, asked, _first_button(asked))
    assert approved["text"].endswith("hạn mới 05/05/2023.")
    await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"])  # finance is told

    bot.at(date(2023, 4, 20))
    (reopened,) = await bot.press(lan, finance, march, _first_button(march))
    if reopened["text"].startswith("↩️"):  # (refusing to reopen March would keep it too)
        bot.at(date(2023, 4, 21))
        (closed,) = await bot.say(lan, finance, f"/done {plan} báo cáo tháng 3, bổ sung")
        assert "Kỳ tiếp theo: hạn 05/05/2023" in closed["text"], closed["text"]

    assert (await _deadline_and_closed(bot, plan))[0] == date(2023, 5, 5)


async def test_an_invite_works_once_and_not_after_it_expires(bot: Harness) -> None:
    lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
    lan_chat, minh_chat = bot.server.add_private_chat(lan), bot.server.add_private_chat(minh)
    code = await bot.invite("STC")
    old = await bot.invite("STC", days=1)

    (ok,) = await bot.say(lan, lan_chat, f"/start {code}")
    (reused,) = await bot.say(minh, minh_chat, f"/start {code}")
    bot.at(date(2023, 3, 3))
    (expired,) = await bot.say(minh, minh_chat, f"/start {old}")
    (made_up,) = await bot.say(minh, minh_chat, "/register abc")
    (welcome,) = await bot.say(minh, minh_chat, "/start")

    assert ok["text"].startswith(
        "✅ Đã đăng ký: cuộc trò chuyện này nhận nhắc việc của Sở Tài chính"
    )
    assert reused["text"].startswith("Mã mời này đã được sử dụng.")
    assert expired["text"].startswith("Mã mời này đã hết hạn.")
    assert made_up["text"].startswith("Mã mời không đúng.")
    assert welcome["text"].startswith("Xin chào! Tôi là Nhắc việc")


async def test_an_invite_code_pasted_alone_in_a_private_chat_gets_an_answer(bot: Harness) -> None:
    """The command line prints "Mã: CODE" for the coordinator to pass on; someone who opens the
    bot and pastes just the code is answered: registered, or told to type /start CODE (or open
    the link), not met with silence."""
    hung = bot.server.add_user("Hùng")
    private = bot.server.add_private_chat(hung)
    code = await bot.invite("SYT", Role.HEAD)

    replies = await bot.say(hung, private, code)

    assert replies and replies[0]["text"], replies


async def test_opening_ones_own_invite_link_again_does_not_send_one_for_a_new_code(
    bot: Harness,
) -> None:
    """Hùng opens his invite link (t.me/<bot>?start=CODE) and is registered for Sở Y tế. Days
    later he taps the same link again in the office's message (Telegram sends /start CODE
    again). His chat is registered with that very code, so he hears that he is already
    registered, for Sở Y tế. Told that the code was used and to ask for a new one, he would go
    to the office for a code he does not need, and think someone else took his."""
    hung = bot.server.add_user("Hùng")
    private = bot.server.add_private_chat(hung)
    code = await bot.invite("SYT", Role.HEAD)
    (ok,) = await bot.say(hung, private, f"/start {code}")
    assert ok["text"].startswith("✅"), ok["text"]

    (again,) = await bot.say(hung, private, f"/start {code}")

    assert "xin mã mới" not in again["text"], again["text"]
    assert "Sở Y tế" in again["text"], again["text"]


async def test_a_chat_chooses_english_for_its_replies_and_reminders(bot: Harness) -> None:
    lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    health = bot.server.add_group("Sở Y tế", [minh])
    await bot.register(lan, finance, "STC")
    await bot.register(minh, health, "SYT")
    await bot.add_task("Báo cáo quý I", "STC", DEADLINE)
    await bot.add_task("Báo cáo dịch bệnh", "SYT", DEADLINE)

    (usage,) = await bot.say(lan, finance, "/lang fr")
    (chosen,) = await bot.say(lan, finance, "/ngonngu EN")
    (listed,) = await bot.say(lan, finance, "/due")
    (other,) = await bot.say(minh, health, "/due")  # another chat keeps Vietnamese
    stranger = bot.server.add_user("Tú")
    (refused,) = await bot.say(stranger, bot.server.add_private_chat(stranger), "/lang en")
    bot.at(date(2023, 3, 8))
    await bot.sweep()

    assert usage["text"].startswith("Chọn ngôn ngữ cho cuộc trò chuyện này: /lang vi")
    assert chosen["text"] == "From now on this chat gets its replies and reminders in English."
    assert listed["text"].startswith("Due in 03/2023")
    assert other["text"].startswith("Hạn trong tháng 03/2023")
    assert refused["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
    (english,) = bot.reminders_in(finance)
    (vietnamese,) = bot.reminders_in(health)
    assert "due 15/03/2023, 7 days left" in english["text"]
    assert "hạn 15/03/2023, còn 7 ngày" in vietnamese["text"]

    # What one chat causes in another speaks the other's language: the coordinators read the
    # English chat's request in Vietnamese, the English chat hears the answer in English.
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.say(lan, finance, "/extend 1 31/03/2023 waiting for the Ministry")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    assert asked["text"].startswith("⏳ Đề nghị gia hạn — Sở Tài chính\nNhiệm vụ số 1")
    in_finance = len(bot.server.sent_messages(finance["id"]))
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    (approved,) = await bot.press(bang, office, asked, approve)
    told = (await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"]))[-1]
    assert approved["text"].startswith("✅ Đã duyệt gia hạn nhiệm vụ số 1")
    assert told["text"].startswith("✅ Extension of task 1 approved")

    (back,) = await bot.say(lan, finance, "/lang vi")
    assert back["text"] == "Từ nay cuộc trò chuyện này nhận tin nhắn và lời nhắc bằng tiếng Việt."


async def test_task_details_say_a_duty_is_periodic_in_the_chat_s_language(bot: Harness) -> None:
    """/task of a monthly report duty (nhacviec task add --every monthly) must say it comes back
    every month: shown as a one-off deadline, a head takes it for done once closed. The words
    exist (the import preview's "định kỳ hằng tháng" / "every month") but the details omit them."""

    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    monthly = await bot.add_task(
        "Báo cáo tình hình thu ngân sách", "STC", date(2023, 3, 16), recurrence="monthly"
    )

    (vi,) = await bot.say(lan, finance, f"/task {monthly}")
    await bot.say(lan, finance, "/lang en")
    (en,) = await bot.say(lan, finance, f"/task {monthly}")

    assert "định kỳ hằng tháng" in vi["text"], vi["text"]
    assert "every month" in en["text"], en["text"]


async def test_lang_works_in_every_chat_where_the_commands_work(sqlite_url: str) -> None:
    """Lan registered through her agency's group and Bằng, a coordinator named only in the
    configuration, have no registration made in their private chats; the commands answer them
    there, and so does /lang."""
    async with running_bot(sqlite_url, start=START, coordinators=[BANG_ID]) as bot:
        lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng", user_id=BANG_ID)
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, finance, "STC")
        await bot.add_task("Kế hoạch", "STC", DEADLINE)
        own, office = bot.server.add_private_chat(lan), bot.server.add_private_chat(bang)

        (listing,) = await bot.say(lan, own, "/tasks")
        (chosen,) = await bot.say(lan, own, "/lang en")
        (again,) = await bot.say(lan, own, "/tasks")
        (in_group,) = await bot.say(lan, finance, "/tasks")  # the group keeps its own language
        (coordinator,) = await bot.say(bang, office, "/lang en")
        (overview,) = await bot.say(bang, office, "/tasks")

    assert listing["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    assert chosen["text"] == "From now on this chat gets its replies and reminders in English."
    assert again["text"].splitlines()[0] == "Open tasks — Sở Tài chính"
    assert in_group["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    assert coordinator["text"] == chosen["text"]
    assert overview["text"].splitlines()[0] == "Open tasks — all agencies"


async def test_help_and_the_command_menu_list_the_same_commands(bot: Harness) -> None:
    minh = bot.server.add_user("Minh")
    (answer,) = await bot.say(minh, bot.server.add_private_chat(minh), "/help")

    menu = [c.params for c in bot.server.calls("setMyCommands")]
    assert [line.split(" — ")[0] for line in answer["text"].splitlines()[1:]] == [
        f"/{c.name} (/{c.alias})" for c in COMMANDS
    ]
    default_menu = next(m for m in menu if "language_code" not in m)
    assert [c["command"] for c in default_menu["commands"]] == [c.name for c in COMMANDS]
    assert {m.get("language_code") for m in menu} == {None, "en", "vi"}


async def test_a_blocked_chat_is_paused_and_the_coordinators_told_once(bot: Harness) -> None:
    lan, hung, bang = (bot.server.add_user(n) for n in ("Lan", "Hùng", "Bằng"))
    finance, health = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(hung)
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(hung, health, "SYT")
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Kế hoạch", "STC", DEADLINE)
    await bot.add_task("Phòng dịch", "SYT", DEADLINE)
    bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=health["id"], times=5)

    bot.at(date(2023, 3, 8))
    await bot.sweep()
    bot.at(date(2023, 3, 10))
    await bot.sweep()

    assert len(bot.reminders_in(finance)) == 2  # one failing chat does not stop the others
    alerts = [
        m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
    ]
    assert len(alerts) == 1 and "Sở Y tế" in alerts[0]
    async with bot.database.session() as session:
        chat = (await session.exec(select(Chat).where(Chat.telegram_id == health["id"]))).one()
    assert chat.active is False


async def test_a_paused_private_chat_takes_reminders_again_once_its_owner_writes(
    bot: Harness,
) -> None:
    hung = bot.server.add_user("Hùng")
    health = bot.server.add_private_chat(hung)
    await bot.register(hung, health, "SYT")
    await bot.add_task("Phòng dịch", "SYT", DEADLINE)
    bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=health["id"])
    bot.at(date(2023, 3, 8))
    await bot.sweep()  # Hùng had blocked the bot: his chat is paused

    resumed, answer = await bot.say(hung, health, "/tasks", replies=2)  # he unblocked it
    bot.at(date(2023, 3, 10))
    await bot.sweep()

    assert resumed["text"] == (
        "✅ Bạn đã mở lại bot: nhắc việc sẽ lại được gửi đến cuộc trò chuyện này."
    )
    assert "Phòng dịch" in answer["text"]
    assert len(bot.reminders_in(health)) == 1  # the next morning's digest reached him
    (again,) = await bot.say(hung, health, "/help")  # said once
    assert again["text"].startswith("Các lệnh")


async def test_a_private_chat_in_english_is_told_in_english_that_reminders_resume(
    bot: Harness,
) -> None:
    """Hùng reads the bot in English (/lang en). After he had blocked it and writes again, the
    bot greets him in Vietnamese (the bot's default): resume_if_paused runs before the chat's
    language is loaded and speaks the application's language; his /tasks answer that follows
    is in English."""

    hung = bot.server.add_user("Hùng")
    health = bot.server.add_private_chat(hung)
    await bot.register(hung, health, "SYT")
    await bot.say(hung, health, "/lang en")
    await bot.add_task("Phòng dịch", "SYT", DEADLINE)
    bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=health["id"])
    bot.at(date(2023, 3, 8))
    await bot.sweep()  # he had blocked the bot: his chat is paused

    resumed, answer = await bot.say(hung, health, "/tasks", replies=2)

    assert answer["text"].startswith("Open tasks"), answer["text"]
    assert resumed["text"] == "✅ You unblocked the bot: reminders will reach this chat again."


async def _finance_group_with_a_task(bot: Harness) -> JSON:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    await bot.add_task("Kế hoạch", "STC", DEADLINE)
    bot.at(date(2023, 3, 8))
    return finance


async def _ledger(bot: Harness) -> list[tuple[str, int]]:
    async with bot.database.session() as session:
        return [(r.status, r.attempts) for r in (await session.exec(select(Reminder))).all()]


async def test_a_5xx_is_tried_again_within_the_sweep(bot: Harness) -> None:
    finance = await _finance_group_with_a_task(bot)
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=finance["id"], times=2)

    await bot.sweep()

    tries = [c for c in bot.server.calls("sendMessage") if c.params["chat_id"] == finance["id"]]
    assert [c.status for c in tries][-3:] == [500, 500, 200]
    assert len(bot.reminders_in(finance)) == 1
    assert await _ledger(bot) == [(ReminderStatus.SENT, 1)]


async def test_when_the_tries_run_out_the_next_sweep_sends_it(bot: Harness) -> None:
    finance = await _finance_group_with_a_task(bot)
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=finance["id"], times=3)

    await bot.sweep()
    assert bot.reminders_in(finance) == []
    assert await _ledger(bot) == [(ReminderStatus.FAILED, 1)]
    bot.at(date(2023, 3, 8), hour=9)
    await bot.sweep()

    assert len(bot.reminders_in(finance)) == 1
    assert await _ledger(bot) == [(ReminderStatus.SENT, 2)]


async def test_a_timeout_is_tried_again(bot: Harness) -> None:
    finance = await _finance_group_with_a_task(bot)
    # Telegram takes the message but answers after the bot gave up waiting: the bot cannot know
    # it arrived, so it sends again. This is the documented at-most-one duplicate; the
    # alternative, not trying again, would lose the reminder whenever the network really failed.
    bot.server.inject(Fault.timeout(1.5), method="sendMessage", chat_id=finance["id"])

    await bot.sweep()

    assert len(bot.reminders_in(finance)) == 2
    assert await _ledger(bot) == [(ReminderStatus.SENT, 1)]


async def test_a_group_that_became_a_supergroup_is_followed(bot: Harness) -> None:
    finance = await _finance_group_with_a_task(bot)
    supergroup = bot.server.migrate_to_supergroup(finance["id"])

    await bot.sweep()

    (digest,) = bot.reminders_in(supergroup)
    assert "Kế hoạch" in digest["text"]
    async with bot.database.session() as session:
        chat = (await session.exec(select(Chat))).one()
    assert chat.telegram_id == supergroup["id"]
    assert await _ledger(bot) == [(ReminderStatus.SENT, 1)]


@contextlib.contextmanager
def debug_log(*secrets: str) -> Iterator[io.StringIO]:
    """What the bot logs at DEBUG (nhacviec -v run) meanwhile."""
    stream = io.StringIO()
    setup_logging(logging.DEBUG, *secrets)
    logging.getLogger().handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        yield stream
    finally:
        logging.getLogger().handlers.clear()
        logging.getLogger().setLevel(logging.WARNING)


async def test_the_token_never_reaches_the_logs(sqlite_url: str) -> None:
    with debug_log(TOKEN) as stream:
        logging.getLogger("httpx").setLevel(logging.DEBUG)  # httpx logs each URL, token included
        async with running_bot(sqlite_url, start=START) as bot:
            minh = bot.server.add_user("Minh")
            await bot.say(minh, bot.server.add_private_chat(minh), "/help")
    logged = stream.getvalue()
    assert "HTTP Request: POST http://127.0.0.1" in logged  # the URLs were logged...
    assert TOKEN not in logged and "<token>" in logged  # ...without the token


async def test_a_refused_invite_code_that_stays_valid_is_not_in_the_debug_log(
    sqlite_url: str,
) -> None:
    """With --verbose (DEBUG) the log does not hold "/register CODE" of a code the bot refused
    (typed in a group registered to another agency): the code stays unused and valid for a
    week, and anyone who read it in the log could take the agency's chat. Invite codes are
    redacted."""
    with debug_log() as stream:
        async with running_bot(sqlite_url, start=START) as bot:
            lan = bot.server.add_user("Lan")
            finance = bot.server.add_group("Sở Tài chính", [lan])
            await bot.register(lan, finance, "STC")
            code = await bot.invite("SYT")
            (refused,) = await bot.say(lan, finance, f"/register {code}")
            assert "Sở Tài chính" in refused["text"], refused["text"]  # registered elsewhere
            await bot.server.wait_until_idle()
    logged = stream.getvalue()
    assert "getUpdates" in logged  # PTB logged the updates it fetched...
    assert code not in logged  # ...but not the code, still usable


async def test_a_pasted_code_with_a_leading_space_that_stays_valid_is_not_in_the_debug_log(
    sqlite_url: str,
) -> None:
    """A head whose private chat speaks for Sở Tài chính pastes the code of Sở Y tế he was
    given, as phones paste it, with a space in front (" CODE"; the bot reads it as a pasted
    code). The chat is registered elsewhere: the code is refused and stays valid for a week.
    With --verbose (DEBUG) the log does not hold it (README: invite codes are written as
    <invite> in the log, at every level), though it is not right after the opening quote of the
    text, where a pasted code usually stands."""
    with debug_log() as stream:
        async with running_bot(sqlite_url, start=START) as bot:
            hung = bot.server.add_user("Hùng")
            private = bot.server.add_private_chat(hung)
            await bot.register(hung, private, "STC", Role.HEAD)
            code = await bot.invite("SYT", Role.HEAD)
            (refused,) = await bot.say(hung, private, f" {code}")
            assert "Sở Tài chính" in refused["text"], refused["text"]  # registered elsewhere
            await bot.server.wait_until_idle()
    logged = stream.getvalue()
    assert "getUpdates" in logged  # PTB logged the updates it fetched...
    assert code not in logged  # ...but not the code, still usable


async def test_a_flood_wait_is_honoured_and_the_reminder_sent_once(bot: Harness) -> None:
    finance = await _finance_group_with_a_task(bot)
    bot.server.inject(Fault.retry_after(1), method="sendMessage", chat_id=finance["id"])

    await bot.sweep()

    tries = [c for c in bot.server.calls("sendMessage") if c.params["chat_id"] == finance["id"]]
    assert [c.status for c in tries][-2:] == [429, 200]
    assert tries[-1].time - tries[-2].time >= 1.0  # waited as Telegram asked
    assert len(bot.reminders_in(finance)) == 1
    assert await _ledger(bot) == [(ReminderStatus.SENT, 1)]


async def test_a_flood_wait_that_outlasts_the_rate_limiters_tries_is_waited_out_again(
    database_url: str,
) -> None:
    """Telegram answers 429 "retry after N" to every try the rate limiter makes: the sweep's own
    next try still waits the N seconds Telegram asked for (one sent sooner is refused again, and
    Telegram lengthens the wait of a bot that ignores it), and the digest goes out once."""
    async with running_bot(database_url, start=START) as bot:
        finance = await _finance_group_with_a_task(bot)
        refusals = 5  # the rate limiter's first try and its three retries, then the sweep's own
        bot.server.inject(
            Fault.retry_after(1), method="sendMessage", chat_id=finance["id"], times=refusals
        )

        await bot.sweep()

        calls = bot.server.calls("sendMessage")
        tries = [c for c in calls if c.params["chat_id"] == finance["id"]][-(refusals + 1) :]
        assert [c.status for c in tries] == [429] * refusals + [200]
        assert all(later.time - earlier.time >= 1.0 for earlier, later in pairwise(tries))
        assert len(bot.reminders_in(finance)) == 1


@pytest.mark.parametrize("refusal", [Fault.kicked(), Fault.chat_not_found()])
async def test_a_chat_that_is_gone_is_paused_not_retried(bot: Harness, refusal: Fault) -> None:
    finance = await _finance_group_with_a_task(bot)
    bot.server.inject(refusal, method="sendMessage", chat_id=finance["id"], times=10)

    await bot.sweep()
    bot.at(date(2023, 3, 10))
    await bot.sweep()

    tries = [c for c in bot.server.calls("sendMessage") if c.params["chat_id"] == finance["id"]]
    assert len([c for c in tries if c.status != 200]) == 1  # tried once, then paused
    async with bot.database.session() as session:
        chat = (await session.exec(select(Chat))).one()
    assert chat.active is False


async def test_an_extension_is_asked_approved_by_a_coordinator_and_reminders_follow(
    bot: Harness,
) -> None:
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance, office = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    plan = await bot.add_task("Kế hoạch", "STC", DEADLINE)
    bot.at(date(2023, 3, 8))
    await bot.sweep()
    (digest,) = bot.reminders_in(finance)

    (how,) = await bot.press(lan, finance, digest, f"ext:{plan}")
    (no_such_day,) = await bot.say(lan, finance, f"/extend {plan} 31/02/2023")
    (earlier,) = await bot.say(lan, finance, f"/extend {plan} 10/03/2023")
    (sent,) = await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]  # after the welcome
    assert how["text"].startswith(f"Để xin gia hạn nhiệm vụ số {plan} (hạn hiện tại 15/03/2023)")
    assert no_such_day["text"].startswith("“31/02/2023” không phải là một ngày có thật.")
    assert earlier["text"].startswith("Hạn mới phải sau hạn hiện tại")
    assert sent["text"].startswith(
        f"⏳ Đã gửi đề nghị gia hạn nhiệm vụ số {plan} từ 15/03/2023 đến 31/03/2023."
    )
    assert "Lý do: chờ ý kiến của Bộ" in asked["text"]
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    # The agency cannot approve its own request, even with forged button data.
    refused = await bot.alert(lan, finance, digest, approve)
    in_finance = len(bot.server.sent_messages(finance["id"]))
    (approved,) = await bot.press(bang, office, asked, approve)
    told = (await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"]))[-1]
    twice = await bot.alert(bang, office, asked, approve.replace("approve", "reject"))

    assert refused == COORDINATORS_ONLY
    assert approved["text"] == f"✅ Đã duyệt gia hạn nhiệm vụ số {plan}: hạn mới 31/03/2023."
    assert told["text"] == approved["text"]
    assert twice == "Đề nghị gia hạn này đã được xử lý."

    for day in (date(2023, 3, 14), date(2023, 3, 15), date(2023, 3, 24)):
        bot.at(day)
        await bot.sweep()
    assert [m["text"].splitlines()[0][-10:] for m in bot.reminders_in(finance)] == [
        "08/03/2023",
        "24/03/2023",
    ]
    assert "hạn 31/03/2023, còn 7 ngày" in bot.reminders_in(finance)[-1]["text"]


async def test_the_extend_button_of_a_task_withdrawn_or_done_since_says_so(
    database_url: str,
) -> None:
    """⏳ under a morning's digest, pressed after the task was withdrawn (or closed) since, says
    that the task was withdrawn (or done): there is no more time to ask for, and /extend would
    refuse it."""
    async with running_bot(database_url, start=START) as bot:
        lan, finance, digest, task = await finance_with_digest(bot)
        other = await bot.add_task("Báo cáo quý I", "STC", DEADLINE)
        bang = bot.server.add_user("Bằng")
        office = bot.server.add_private_chat(bang)
        await bot.register(bang, office, None, Role.COORDINATOR)
        await bot.say(bang, office, f"/withdraw {task} văn bản sửa đổi đã bỏ")
        await bot.say(lan, finance, f"/done {other}")

        (withdrawn,) = await bot.press(lan, finance, digest, f"ext:{task}")
        (done,) = await bot.press(lan, finance, digest, f"ext:{other}")

    assert withdrawn["text"].startswith(f"Nhiệm vụ số {task} đã được thu hồi (không còn hiệu lực)")
    assert done["text"] == f"Nhiệm vụ số {other} đã được đánh dấu hoàn thành trước đó."


async def test_a_task_done_early_in_the_morning_shows_that_day(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    plan = await bot.add_task("Kế hoạch", "STC", DEADLINE)
    bot.at(DEADLINE, hour=6)  # 06:00 in Hà Nội is still the day before in UTC

    (closed,) = await bot.say(lan, finance, f"/done {plan}")
    (detail,) = await bot.say(lan, finance, f"/task {plan}")

    assert "(đúng hạn)" in closed["text"]
    assert "Trạng thái: đã hoàn thành ngày 15/03/2023" in detail["text"]


async def test_done_on_the_working_day_after_a_weekend_deadline_is_answered_on_time(
    bot: Harness,
) -> None:
    """Sunday 31/03/2024 closes on Monday 01/04 (Civil Code art. 148.5): the task's details say
    "tính đến hết 01/04/2024", the report counts a Monday closing as on time, and so must the
    answer to /done that Monday, not "quá hạn 1 ngày" (nor, for a periodic duty's period)."""

    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance, office = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    once = await bot.add_task("Báo cáo quý I", "STC", date(2024, 3, 31))
    monthly = await bot.add_task("Báo cáo tháng", "STC", date(2024, 3, 31), recurrence="monthly")
    bot.at(date(2024, 4, 1), hour=10)

    (closed,) = await bot.say(lan, finance, f"/done {once}")
    (period,) = await bot.say(lan, finance, f"/done {monthly}")
    chart, _ = await bot.say(bang, office, "/report 03/2024", replies=2)

    assert chart["caption"].startswith("📊 Tháng 03/2024: 2 nhiệm vụ đến hạn — 2 đúng hạn,")
    assert "(đúng hạn)" in closed["text"], closed["text"]
    assert "quá hạn" not in period["text"], period["text"]


async def test_done_closes_every_task_of_a_comma_list_and_a_number_after_a_space_is_a_note(
    bot: Harness,
) -> None:
    """Both "/done 5, 7" and "/done 5,7" close both tasks, as /withdraw 12,15 withdraws both,
    with a reply and an undo button each; in "/done 5 7" the 7 stays the note, as before."""
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    ids = [await bot.add_task(f"Kế hoạch {n}", "STC", date(2025, 1, 31)) for n in range(6)]

    spaced = await bot.say(lan, group, f"/done {ids[0]}, {ids[1]} đã trình", replies=2)
    packed = await bot.say(lan, group, f"/done {ids[2]},{ids[3]}", replies=2)
    (noted,) = await bot.say(lan, group, f"/done {ids[4]} {ids[5]}")

    async with bot.database.session() as session:
        status = [(await session.get(Task, task_id)) for task_id in ids]
    assert [task.status if task else None for task in status] == ["done"] * 5 + ["open"]
    assert [m["text"].splitlines()[0] for m in (*spaced, *packed)] == [
        f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {task_id} (đúng hạn)." for task_id in ids[:4]
    ]
    assert all("Ghi chú: đã trình" in m["text"] for m in spaced)
    assert all("reply_markup" in m for m in (*spaced, *packed, noted))
    assert noted["text"].endswith(f"Ghi chú: {ids[5]}")


async def test_a_stranger_listing_task_numbers_in_one_done_is_refused_in_one_reply(
    bot: Harness,
) -> None:
    """Someone in a group the bot was added to but nobody registered types /done 1,2,...,20.
    Each number refused in a reply of its own would be 20 messages from one line, a group's
    whole minute with Telegram: while the rate limiter holds what comes next, the bot answers
    nobody, in any chat. The refusals come in one reply, each said once: the next command is
    answered right after it."""
    stranger = bot.server.add_user("Người lạ")
    group = bot.server.add_group("Nhóm bạn bè", [stranger])
    numbers = ",".join(str(n) for n in range(1, 21))

    bot.server.user_sends(group, stranger, f"/done {numbers}")
    bot.server.user_sends(group, stranger, "/help")
    # Updates are handled one at a time: once /help is answered, /done has said all it will.
    await bot.server._wait_for(
        lambda: any(
            m["text"].startswith("Các lệnh") for m in bot.server.sent_messages(group["id"])
        ),
        timeout=5,
    )

    refusal, help_text = bot.server.sent_messages(group["id"])
    assert refusal["text"].startswith("Cuộc trò chuyện này chưa được đăng ký với đơn vị nào.")
    assert refusal["text"].count("chưa được đăng ký") == 1
    assert help_text["text"].startswith("Các lệnh")


async def test_a_done_of_more_tasks_than_a_group_is_answered_in_a_minute_closes_none(
    bot: Harness,
) -> None:
    """Each closing has a reply of its own (with its undo button), and a group takes 20
    messages a minute: /done takes at most 20 numbers, and more are refused whole, saying how
    many it takes, before any task is closed."""
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    ids = [await bot.add_task(f"Kế hoạch {n}", "STC", date(2025, 1, 31)) for n in range(21)]

    (too_many,) = await bot.say(lan, group, "/done " + ",".join(map(str, ids)))

    assert too_many["text"] == (
        "Mỗi lệnh /done báo xong tối đa 20 nhiệm vụ; hãy chia thành nhiều lệnh."
    )
    async with bot.database.session() as session:
        still_open = [(await session.get(Task, task_id)) for task_id in ids]
    assert [task.status if task else None for task in still_open] == ["open"] * 21


async def test_an_edited_command_is_not_run_again(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    first = await bot.add_task("Kế hoạch", "STC", DEADLINE)
    second = await bot.add_task("Báo cáo", "STC", DEADLINE)
    before = len(bot.server.sent_messages(finance["id"]))
    sent = bot.server.user_sends(finance, lan, f"/done {first}")
    await bot.server.wait_for_messages(before + 1, chat_id=finance["id"])

    bot.server.user_edits(sent, f"/done {second} sửa lại")
    # Updates are handled in order: once this reply is in, the edit has been seen.
    (detail,) = await bot.say(lan, finance, f"/task {second}")
    await bot.server.wait_until_idle()

    replies = [m["text"] for m in bot.server.sent_messages(finance["id"])[before:]]
    assert len(replies) == 2 and replies[1] == detail["text"]  # nothing answered the edit
    async with bot.database.session() as session:
        task = await session.get(Task, second)
    assert task is not None and task.status == "open"


async def test_a_forwarded_done_command_does_not_close_the_task_again(sqlite_url: str) -> None:
    """A coordinator who forwards an agency's old "/done 12" message to the bot (to ask about
    it) does not close task 12 again in his own name: a forwarded message is someone else's
    words, not a command of the forwarder, and changes nothing."""
    async with running_bot(sqlite_url, start=START, coordinators=[BANG_ID]) as bot:
        lan = bot.server.add_user("Lan")
        bang = bot.server.add_user("Bằng", user_id=BANG_ID)
        finance = bot.server.add_group("Sở Tài chính", [lan])
        office = bot.server.add_private_chat(bang)
        await bot.register(lan, finance, "STC")
        plan = await bot.add_task("Ban hành Kế hoạch", "STC", DEADLINE)

        before = len(bot.server.sent_messages(finance["id"]))
        original = bot.server.user_sends(finance, lan, f"/done {plan} đã trình")
        await bot.server.wait_for_messages(before + 1, chat_id=finance["id"])
        (undone,) = await bot.say(lan, finance, f"/undo {plan}")  # closed by mistake: reopened
        assert str(plan) in undone["text"], undone["text"]

        bot.server.user_forwards(office, bang, original)
        # Updates are handled in order: once this reply is in, the forward has been seen.
        await bot.say(bang, office, "/help")
        await bot.server.wait_until_idle()

        async with bot.database.session() as session:
            task = await session.get(Task, plan)
        assert task is not None and task.status == "open", "a forwarded /done closed the task"
        texts = [m.get("text", "") for m in bot.server.sent_messages(office["id"])]
        assert not any(t.startswith("✅ Đã đánh dấu") for t in texts), texts


async def test_a_reply_quoting_long_user_text_comes_in_parts(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    long_task = await bot.add_task("Triển khai thực hiện " * 220, "STC", DEADLINE)
    short_task = await bot.add_task("Báo cáo", "STC", DEADLINE)
    note = "đã trình UBND tỉnh " * 230  # a note longer than a message (Telegram allows 4,096)

    detail = await bot.say(lan, finance, f"/task {long_task}", replies=2)
    closed = await bot.say(lan, finance, f"/done {short_task} {note.strip()}", replies=2)

    assert all(len(part["text"]) <= 4096 for part in detail + closed)
    assert detail[0]["text"].startswith(f"Nhiệm vụ số {long_task}")
    assert closed[0]["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {short_task}")
    assert closed[-1]["reply_markup"]  # the undo button, under the last part


async def test_a_group_upgraded_to_a_supergroup_keeps_its_registration(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    await bot.add_task("Kế hoạch", "STC", date(2023, 4, 30))  # nothing for a sweep to send

    supergroup = bot.server.migrate_to_supergroup(finance["id"])
    (answer,) = await bot.say(lan, supergroup, "/tasks")  # after the two migration notices

    assert answer["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    async with bot.database.session() as session:
        chat = (await session.exec(select(Chat))).one()
    assert chat.telegram_id == supergroup["id"]


async def test_a_cooperating_agency_follows_the_task_but_only_the_lead_closes_it(
    bot: Harness,
) -> None:
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    health = bot.server.add_group("Sở Y tế", [hung])
    await bot.register(lan, finance, "STC")
    await bot.register(hung, health, "SYT")
    plan = await bot.add_task("Kế hoạch chung", "STC", DEADLINE, cooperating=("SYT",))

    (detail,) = await bot.say(hung, health, f"/task {plan}")
    (done,) = await bot.say(hung, health, f"/done {plan}")
    (pressed,) = await bot.press(hung, health, detail, f"done:{plan}")  # a forged ✅
    (extend,) = await bot.say(hung, health, f"/extend {plan} 31/03/2023")
    (ask,) = await bot.press(hung, health, detail, f"ext:{plan}")
    (closed,) = await bot.say(lan, finance, f"/done {plan}")
    (undo,) = await bot.say(hung, health, f"/undo {plan}")

    assert detail["text"].startswith(f"Nhiệm vụ số {plan}")
    assert "Phối hợp: Sở Y tế" in detail["text"]
    assert "reply_markup" not in detail  # no ✅ or ⏳ for a cooperating agency
    refused = (
        f"Nhiệm vụ số {plan} do đơn vị chủ trì báo hoàn thành hoặc xin gia hạn; "
        "đơn vị phối hợp chỉ theo dõi."
    )
    assert [m["text"] for m in (done, pressed, extend, ask, undo)] == [refused] * 5
    assert closed["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {plan}")
    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.status == "done" and task.done_by == lan["id"]


async def _monthly_report_with_a_coordinator(bot: Harness) -> tuple[JSON, JSON, JSON, JSON, int]:
    """_monthly_report, and Bằng, a coordinator, in his private chat."""
    lan, finance, task_id = await _monthly_report(bot)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    return lan, finance, bang, office, task_id


async def test_a_second_press_on_a_periodic_task_does_not_close_the_next_period(
    bot: Harness,
) -> None:
    lan, finance, _, _, plan = await _monthly_report_with_a_coordinator(bot)
    bot.at(date(2023, 3, 28))
    await bot.sweep()
    (digest,) = bot.reminders_in(finance)

    (march,) = await bot.press(lan, finance, digest, _first_button(digest))
    (again,) = await bot.press(lan, finance, digest, _first_button(digest))  # a colleague
    (typed,) = await bot.say(lan, finance, f"/done {plan}")
    bot.at(date(2023, 4, 27))  # seven days before 04/05, when April's (30/04, a day off) closes
    await bot.sweep()

    assert march["text"].startswith(f"✅ Đã hoàn thành kỳ hạn 31/03/2023 của nhiệm vụ số {plan}")
    assert _first_button(digest) == f"done:{plan}:20230331"  # the period it was sent for
    assert again["text"] == (
        f"Kỳ hạn 31/03/2023 của nhiệm vụ số {plan} đã đóng trước đó, nên nút ✅ này không đánh "
        f"dấu gì thêm. Kỳ đang mở có hạn 30/04/2023: khi hoàn thành kỳ này, gõ /done {plan}."
    )
    assert typed["text"] == (
        f"Kỳ này của nhiệm vụ số {plan} đã được đánh dấu hoàn thành; kỳ sau (hạn 30/04/2023) "
        "bắt đầu từ 01/04/2023."
    )
    assert "30/04/2023" in bot.reminders_in(finance)[-1]["text"]  # April is still reminded


async def test_a_recurring_tasks_extension_moves_this_period_only(bot: Harness) -> None:
    lan, finance, bang, office, plan = await _monthly_report_with_a_coordinator(bot)

    (too_far,) = await bot.say(lan, finance, f"/extend {plan} 30/04/2023")  # April's own day
    await bot.say(lan, finance, f"/extend {plan} 05/04/2023 chờ số liệu")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    in_finance = len(bot.server.sent_messages(finance["id"]))
    (approved,) = await bot.press(bang, office, asked, approve)
    await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"])  # finance is told
    bot.at(date(2023, 4, 3))
    (march,) = await bot.say(lan, finance, f"/done {plan} đã gửi báo cáo tháng 3")

    assert too_far["text"].startswith(f"Nhiệm vụ số {plan} là nhiệm vụ định kỳ")
    assert approved["text"] == f"✅ Đã duyệt gia hạn nhiệm vụ số {plan}: hạn mới 05/04/2023."
    assert march["text"].startswith(
        f"✅ Đã hoàn thành kỳ hạn 05/04/2023 của nhiệm vụ số {plan} (đúng hạn). "
        "Kỳ tiếp theo: hạn 30/04/2023."  # as every month, not 05/05
    )


async def test_an_extension_asked_for_a_period_already_closed_expires(bot: Harness) -> None:
    lan, finance, bang, office, plan = await _monthly_report_with_a_coordinator(bot)
    await bot.say(lan, finance, f"/extend {plan} 05/04/2023 chờ số liệu")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    await bot.say(lan, finance, f"/done {plan}")  # March's report went out after all

    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    expired = await bot.alert(bang, office, asked, approve)  # approved late, for March
    (again,) = await bot.say(lan, finance, f"/extend {plan} 05/05/2023 chờ số liệu")  # for April

    assert expired == (
        f"Đề nghị gia hạn này đã cũ: nhiệm vụ số {plan} không còn hạn 31/03/2023 "
        "(kỳ đó đã xong hoặc hạn đã đổi). Đề nghị được bỏ qua."
    )
    assert again["text"].startswith(
        f"⏳ Đã gửi đề nghị gia hạn nhiệm vụ số {plan} từ 30/04/2023 đến 05/05/2023."
    )
    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.deadline == date(2023, 4, 30)


async def test_a_member_who_leaves_the_group_no_longer_sees_the_agencys_tasks(
    database_url: str,
) -> None:
    async with running_bot(database_url, start=START) as bot:
        lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
        finance = bot.server.add_group("Sở Tài chính", [lan, minh])
        await bot.register(lan, finance, "STC")
        plan = await bot.add_task("Kế hoạch chung", "STC", DEADLINE)

        # Lan is transferred: she leaves, and Telegram posts it in the group.
        bot.server.user_leaves(finance, lan, chat_member_update=False)
        lan_chat = bot.server.add_private_chat(lan)
        (listing,) = await bot.say(lan, lan_chat, "/tasks")
        (closing,) = await bot.say(lan, lan_chat, f"/done {plan} tôi đã chuyển công tác")
        (group,) = await bot.say(minh, finance, "/tasks")

        assert listing["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
        assert closing["text"] == listing["text"]
        assert f"#{plan} Kế hoạch chung" in group["text"]  # the group still speaks for it
        async with bot.database.session() as session:
            task = await session.get(Task, plan)
        assert task is not None and task.status == "open"


async def test_a_member_back_in_the_group_typing_her_used_code_hears_what_she_has(
    bot: Harness,
) -> None:
    """Lan registered with her code in Sở Tài chính's group, left it and came back. Typing the
    same code again there, she hears that the group is still registered and serves her as
    everyone in it (she sees its tasks there), and that her own registration ended with her
    leaving: the code worked once, and a new one brings her private chat back. Minh, who never
    left, hears that there is nothing more to do."""
    lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
    finance, lan_chat = (
        bot.server.add_group("Sở Tài chính", [lan, minh]),
        bot.server.add_private_chat(lan),
    )
    lan_code, minh_code = await bot.invite("STC"), await bot.invite("STC")
    for user, code in ((lan, lan_code), (minh, minh_code)):
        (registered,) = await bot.say(user, finance, f"/register {code}")
        assert registered["text"].startswith("✅"), registered["text"]
    plan = await bot.add_task("Kế hoạch chung", "STC", DEADLINE)

    bot.server.user_leaves(finance, lan)
    bot.server.user_joins(finance, lan)
    (again,) = await bot.say(lan, finance, f"/register {lan_code}")
    (in_group,) = await bot.say(lan, finance, "/tasks")
    (in_private,) = await bot.say(lan, lan_chat, "/tasks")
    (never_left,) = await bot.say(minh, finance, f"/register {minh_code}")

    assert again["text"] == (
        "Nhóm này vẫn được đăng ký cho Sở Tài chính: trong nhóm, bạn dùng bot như mọi thành "
        "viên, không cần đăng ký lại. Mã mời này đã được dùng (mỗi mã chỉ dùng một lần), và "
        "đăng ký riêng của bạn đã kết thúc khi bạn rời nhóm hoặc được gỡ đăng ký: để dùng bot "
        "khi nhắn riêng, hãy xin mã mới từ Văn phòng UBND tỉnh."
    )
    assert f"#{plan} Kế hoạch chung" in in_group["text"]
    assert in_private["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
    assert never_left["text"] == (
        "Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính bằng mã mời này; "
        "không cần làm gì thêm."
    )
    await bot.register(lan, lan_chat, "STC")  # a new code, as she was told


async def test_a_member_of_a_group_upgraded_to_a_supergroup_typing_her_code_hears_it_serves(
    database_url: str,
) -> None:
    """Lan registered Sở Tài chính's group with her code, and the group then became a
    supergroup (a new chat id). Typing her code again there, she hears that the group is
    registered with that code and nothing more is needed, as in the group before its upgrade."""
    async with running_bot(database_url, start=START) as bot:
        lan = bot.server.add_user("Lan")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        code = await bot.invite("STC")
        (registered,) = await bot.say(lan, finance, f"/register {code}")
        assert registered["text"].startswith("✅")

        supergroup = bot.server.migrate_to_supergroup(finance["id"])
        (again,) = await bot.say(lan, supergroup, f"/register {code}")

    assert again["text"] == (
        "Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính bằng mã mời này; "
        "không cần làm gì thêm."
    )


async def test_a_head_removed_from_the_group_hears_nothing_more_in_private(bot: Harness) -> None:
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    finance, hung_chat = (
        bot.server.add_group("Sở Tài chính", [lan, hung]),
        bot.server.add_private_chat(hung),
    )
    await bot.register(lan, finance, "STC")
    await bot.register(hung, hung_chat, "STC", Role.HEAD)
    await bot.add_task("Kế hoạch", "STC", DEADLINE)

    # An administrator removes him; this group posts no service message, only the update.
    bot.server.user_leaves(finance, hung, removed_by=lan, service_message=False)
    (listing,) = await bot.say(hung, hung_chat, "/tasks")
    bot.at(date(2023, 3, 8))
    await bot.sweep()

    assert listing["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
    assert len(bot.reminders_in(finance)) == 1 and bot.reminders_in(hung_chat) == []
    asked = {kind for c in bot.server.calls("getUpdates") for kind in c.params["allowed_updates"]}
    assert "chat_member" in asked  # Telegram sends chat_member updates only when asked
    # His private chat is free again: a new invite takes him to his new agency.
    await bot.register(hung, hung_chat, "SYT", Role.HEAD)


async def test_a_coordinator_who_leaves_the_coordinators_group_keeps_no_agency_in_private(
    database_url: str,
) -> None:
    """Bằng became a coordinator in the coordinators' group, then opened Sở Tài chính's link in
    his private chat (he follows that agency closely). Leaving the coordinators' group ends his
    registration: his private chat speaks for nobody any more, so it neither shows nor closes
    Sở Tài chính's tasks, nor takes its reminders (no group of that agency ever had him)."""
    async with running_bot(database_url, start=START) as bot:
        bang = bot.server.add_user("Bằng")
        office, bang_chat = (
            bot.server.add_group("Văn phòng UBND tỉnh", [bang]),
            bot.server.add_private_chat(bang),
        )
        await bot.register(bang, office, None, Role.COORDINATOR)
        await bot.register(bang, bang_chat, "STC", Role.HEAD)
        plan = await bot.add_task("Kế hoạch chung", "STC", DEADLINE)
        (before,) = await bot.say(bang, bang_chat, "/tasks")
        assert f"#{plan} Kế hoạch chung" in before["text"]

        bot.server.user_leaves(office, bang)
        (listing,) = await bot.say(bang, bang_chat, "/tasks")
        (closing,) = await bot.say(bang, bang_chat, f"/done {plan}")
        bot.at(date(2023, 3, 8))  # seven days before the deadline
        await bot.sweep()

        assert listing["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
        assert closing["text"] == listing["text"]
        assert bot.reminders_in(bang_chat) == []


async def test_a_registered_group_is_not_moved_by_another_code(bot: Harness) -> None:
    lan, minh, bang = (bot.server.add_user(n) for n in ("Lan", "Minh", "Bằng"))
    finance = bot.server.add_group("Sở Tài chính", [lan, minh, bang])
    health, office = bot.server.add_group("Sở Y tế", [minh]), bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.add_task("Việc nội bộ của Sở Y tế", "SYT", date(2023, 2, 1))
    health_code = await bot.invite("SYT")
    coordinator_code = await bot.invite(None, Role.COORDINATOR)

    (other_agency,) = await bot.say(minh, finance, f"/register {health_code}")
    (coordinators,) = await bot.say(bang, finance, f"/register {coordinator_code}")
    (listing,) = await bot.say(lan, finance, "/tasks")

    for refused in (other_agency, coordinators):
        assert refused["text"].startswith("Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính.")
    assert listing["text"] == "Không có nhiệm vụ nào đang mở. 👍"
    # Shown to the whole group, those codes are void (the next test): new ones work where they
    # belong.
    await bot.register(minh, health, "SYT")
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.register(minh, finance, "STC")  # the same agency's code again: harmless
    # ... and a coordinators' group takes no agency's code either.
    vp = bot.server.add_group("Văn phòng UBND tỉnh", [bang])
    await bot.register(bang, vp, None, Role.COORDINATOR)
    (refused,) = await bot.say(bang, vp, f"/register {await bot.invite('STC')}")
    assert refused["text"].startswith(
        "Cuộc trò chuyện này đã được đăng ký cho cán bộ theo dõi nhiệm vụ của Văn phòng UBND tỉnh."
    )


async def test_a_code_typed_in_a_group_registered_elsewhere_is_void_for_whoever_saw_it(
    database_url: str,
) -> None:
    """Bằng types the coordinators' code meant for him in Sở Tài chính's group by mistake, and
    Minh types Công an tỉnh's code there. The group stays Sở Tài chính's, and everyone in it has
    read the codes, so both are void: nobody in the group can open them in a private chat (Lan
    would see every agency's tasks). The group is told that the code was cancelled and to ask
    for a new one."""
    async with running_bot(database_url, start=START) as bot:
        bang, lan, minh = (bot.server.add_user(name) for name in ("Bằng", "Lan", "Minh"))
        finance = bot.server.add_group("Sở Tài chính", [bang, lan, minh])
        lan_chat, minh_chat = bot.server.add_private_chat(lan), bot.server.add_private_chat(minh)
        await bot.register(lan, finance, "STC")
        await bot.add_task("Báo cáo tuyển quân", "CA tỉnh", date(2023, 2, 20))
        coordinators_code = await bot.invite(None, Role.COORDINATOR)
        police_code = await bot.invite("CA tỉnh")

        (shown,) = await bot.say(bang, finance, f"/register {coordinators_code}")
        (also_shown,) = await bot.say(minh, finance, f"/register {police_code}")
        in_private = ((lan, lan_chat, coordinators_code), (minh, minh_chat, police_code))
        for user, chat, code in in_private:
            (refused,) = await bot.say(user, chat, f"/start {code}")
            assert refused["text"] == (
                "Mã mời này đã hết hạn. Hãy xin mã mới từ Văn phòng UBND tỉnh."
            )
        (overdue,) = await bot.say(lan, lan_chat, "/overdue")

    assert shown["text"] == (
        "Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính. Mã mời đã hiện trong nhóm nên "
        "đã bị hủy, để không ai khác dùng được: hãy xin mã mới từ Văn phòng UBND tỉnh và dùng "
        "trong nhóm của đơn vị mình hoặc khi nhắn riêng với bot."
    )
    assert also_shown["text"] == shown["text"]
    assert overdue["text"] == COORDINATORS_ONLY


async def test_a_coordinator_who_registers_an_agency_group_stays_a_coordinator(
    bot: Harness,
) -> None:
    bang, lan = bot.server.add_user("Bằng"), bot.server.add_user("Lan")
    office, finance = (
        bot.server.add_private_chat(bang),
        bot.server.add_group("Sở Tài chính", [bang, lan]),
    )
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Báo cáo tuyển quân", "CA tỉnh", date(2023, 2, 20))

    # He sets the group up for them, with the staff code meant for Lan.
    (registered,) = await bot.say(bang, finance, f"/register {await bot.invite('STC')}")
    (overdue,) = await bot.say(bang, office, "/overdue")

    assert registered["text"] == (
        "✅ Đã đăng ký: cuộc trò chuyện này nhận nhắc việc của Sở Tài chính "
        "(vai trò: theo dõi nhiệm vụ)."
    )
    assert "Công an tỉnh (1)" in overdue["text"]


BANG_ID = 700_000_001  # Bằng, a coordinator named in [access] coordinators only


async def test_a_configured_coordinator_who_sets_up_an_agency_group_still_sees_every_agency(
    sqlite_url: str,
) -> None:
    """Bằng, a coordinator by the configuration, registers Sở Tài chính's group for them: the
    group is registered, not he. In private /tasks and /due still cover every agency, and once
    the configuration drops him he sees, and closes, nothing there."""
    async with running_bot(sqlite_url, start=START, coordinators=[BANG_ID]) as bot:
        bang, lan = bot.server.add_user("Bằng", user_id=BANG_ID), bot.server.add_user("Lan")
        office = bot.server.add_private_chat(bang)
        finance = bot.server.add_group("Sở Tài chính", [bang, lan])
        plan = await bot.add_task("Kế hoạch tài chính", "STC", DEADLINE)
        await bot.add_task("Khuyến cáo phòng dịch", "SYT", DEADLINE)

        await bot.register(bang, finance, "STC")  # he sets the group up with Lan's code
        (in_group,) = await bot.say(lan, finance, "/tasks")
        (listed,) = await bot.say(bang, office, "/tasks")
        (due,) = await bot.say(bang, office, "/due")
        bot.settings.access.coordinators.clear()  # taken out of the configuration
        await bot.restart(bot.clock.now(), sweep_at_start=False)
        (dropped,) = await bot.say(bang, office, "/tasks")
        (refused,) = await bot.say(bang, office, f"/done {plan}")

    assert in_group["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    assert listed["text"].splitlines()[0] == "Nhiệm vụ đang mở — tất cả đơn vị"
    assert "Khuyến cáo phòng dịch" in listed["text"]
    assert due["text"].splitlines()[0] == "Hạn trong tháng 03/2023 — tất cả đơn vị"
    assert dropped["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
    assert refused["text"] == dropped["text"]


async def test_a_head_who_is_also_a_coordinator_sees_every_agency_in_private(
    sqlite_url: str,
) -> None:
    """Hùng heads Sở Y tế (his own chat is registered for it) and the configuration names him
    a coordinator too: in private his lists cover every agency, his own among them; once the
    configuration drops him, his agency's."""
    async with running_bot(sqlite_url, start=START, coordinators=[BANG_ID]) as bot:
        hung = bot.server.add_user("Hùng", user_id=BANG_ID)
        office = bot.server.add_private_chat(hung)
        await bot.register(hung, office, "SYT", Role.HEAD)
        await bot.add_task("Kế hoạch tài chính", "STC", DEADLINE)
        await bot.add_task("Khuyến cáo phòng dịch", "SYT", DEADLINE)

        (listed,) = await bot.say(hung, office, "/tasks")
        (due,) = await bot.say(hung, office, "/due")
        bot.settings.access.coordinators.clear()
        await bot.restart(bot.clock.now(), sweep_at_start=False)
        (own,) = await bot.say(hung, office, "/tasks")

    assert listed["text"].splitlines()[0] == "Nhiệm vụ đang mở — tất cả đơn vị"
    assert "Kế hoạch tài chính" in listed["text"] and "Khuyến cáo" in listed["text"]
    assert due["text"].splitlines()[0] == "Hạn trong tháng 03/2023 — tất cả đơn vị"
    assert own["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Y tế"
    assert "Kế hoạch tài chính" not in own["text"]


async def test_a_coordinator_taken_out_of_the_configuration_is_no_longer_one_in_private(
    sqlite_url: str,
) -> None:
    """Bằng is a coordinator by the configuration. He registers the coordinators' group with
    its code, and opens another coordinators' code in private: he is told he needs none, and
    the code stays for Chi. The operator then takes him out of the configuration and restarts
    the bot: in private he no longer sees every agency's overdue tasks (no code he typed kept
    the role), while Chi, made a coordinator by her code, still does."""
    async with running_bot(sqlite_url, start=START, coordinators=[BANG_ID]) as bot:
        bang, chi = bot.server.add_user("Bằng", user_id=BANG_ID), bot.server.add_user("Chi")
        office, chi_chat = bot.server.add_private_chat(bang), bot.server.add_private_chat(chi)
        group = bot.server.add_group("Văn phòng UBND tỉnh", [bang, chi])
        await bot.add_task("Báo cáo tuyển quân", "CA tỉnh", date(2023, 2, 20))
        await bot.register(bang, group, None, Role.COORDINATOR)
        code = await bot.invite(None, Role.COORDINATOR)
        (not_needed,) = await bot.say(bang, office, f"/start {code}")
        (chi_registered,) = await bot.say(chi, chi_chat, f"/start {code}")
        (configured,) = await bot.say(bang, office, "/overdue")

        bot.settings.access.coordinators.clear()
        await bot.restart(bot.clock.now(), sweep_at_start=False)
        (dropped,) = await bot.say(bang, office, "/overdue")
        (invited,) = await bot.say(chi, chi_chat, "/overdue")

    assert not_needed["text"] == (
        "Bạn đã là cán bộ theo dõi nhiệm vụ theo cấu hình của bot: không cần mã mời này, và "
        "mã chưa được dùng (có thể cấp cho người khác)."
    )
    assert chi_registered["text"].startswith("✅")
    assert "Công an tỉnh (1)" in configured["text"]
    assert dropped["text"] == COORDINATORS_ONLY
    assert "Công an tỉnh (1)" in invited["text"]


async def test_an_anonymous_admin_registering_does_not_make_telegrams_shared_user_a_coordinator(
    sqlite_url: str,
) -> None:
    """/register CODE with a coordinators' invite, sent by an anonymous administrator of the
    coordinators' group, registers the group only: Telegram's shared GroupAnonymousBot user
    (1087968824) is made no coordinator, so the notices to the coordinators (an extension
    request here) go to the group and never to that user."""
    async with running_bot(sqlite_url, start=START, coordinators=[BANG_ID]) as bot:
        lan = bot.server.add_user("Lan")
        bang = bot.server.add_user("Bằng", user_id=BANG_ID)
        finance = bot.server.add_group("Sở Tài chính", [lan])
        office = bot.server.add_group("Văn phòng UBND tỉnh", [bang, GROUP_ANONYMOUS_BOT])
        await bot.register(lan, finance, "STC")
        plan = await bot.add_task("Báo cáo quý I", "STC", DEADLINE)
        code = await bot.invite(None, Role.COORDINATOR)
        before = len(bot.server.sent_messages(office["id"]))
        bot.server.user_sends_as_chat(office, GROUP_ANONYMOUS_BOT, f"/register {code}")
        (registered,) = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"]))[
            before:
        ]
        assert registered["text"].startswith("✅"), registered["text"]

        await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ số liệu")
        await bot.server.wait_for_messages(before + 2, chat_id=office["id"])  # the group is told
        await bot.server.wait_until_idle()

        targets = [c.params["chat_id"] for c in bot.server.calls("sendMessage")]
    assert GROUP_ANONYMOUS_BOT["id"] not in targets, targets


async def test_where_a_coordinator_asks_decides_what_is_shown(bot: Harness) -> None:
    bang, lan, friend = (bot.server.add_user(n) for n in ("Bằng", "Lan", "Bạn học cũ"))
    office = bot.server.add_private_chat(bang)
    finance = bot.server.add_group("Sở Tài chính", [bang, lan])
    alumni = bot.server.add_group("Hội đồng hương", [bang, friend])  # never registered
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.register(lan, finance, "STC")
    plan = await bot.add_task("Kế hoạch", "STC", date(2023, 2, 28))
    secret = await bot.add_task("Phương án nhân sự nội bộ", "SYT", date(2023, 2, 1))

    # In the agency's group he speaks for the agency, as everyone there does, buttons included.
    (tasks_here,) = await bot.say(bang, finance, "/tasks")
    (detail,) = await bot.say(bang, finance, f"/task {secret}")
    (forged,) = await bot.press(bang, finance, detail, f"info:{secret}")
    (overdue_here,) = await bot.say(bang, finance, "/overdue")
    # In a group nobody registered he speaks for nobody.
    (tasks_there,) = await bot.say(bang, alumni, "/tasks")
    (detail_there,) = await bot.say(bang, alumni, f"/task {secret}")
    (overdue_there,) = await bot.say(bang, alumni, "/overdue")
    # In his own chat he sees every agency.
    (everything,) = await bot.say(bang, office, "/tasks")

    assert tasks_here["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    assert f"#{plan} Kế hoạch" in tasks_here["text"] and "nhân sự" not in tasks_here["text"]
    not_ours = f"Nhóm này là nhóm của Sở Tài chính; nhiệm vụ số {secret} không thuộc đơn vị này."
    assert detail["text"] == forged["text"] and detail["text"].startswith(not_ours)
    assert overdue_here["text"] == overdue_there["text"] == COORDINATORS_ONLY
    assert tasks_there["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")
    assert detail_there["text"] == tasks_there["text"]
    assert everything["text"].splitlines()[0] == "Nhiệm vụ đang mở — tất cả đơn vị"
    assert "nhân sự" in everything["text"]


NOTICE = (
    "Số: 30/TB-UBND\nLai Châu, ngày 20 tháng 02 năm 2023\nTHÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND tỉnh\n"
    "1. Giao Sở Tài chính hoàn thiện Đề án, trình UBND tỉnh trước ngày 10/3/2023; gửi Ban Tổ "
    "chức Tỉnh ủy trước ngày 15 tháng 3 năm 2023.\n"
    "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo UBND tỉnh trước ngày 20/3/2023.\n"
)


async def test_the_preview_shows_a_tasks_other_due_dates_and_the_fix_that_takes_one(
    bot: Harness,
) -> None:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)

    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(office, bang, "thong-bao.txt", NOTICE.encode())
    sent = await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)
    preview = sent[before]
    (fixed,) = await bot.say(bang, office, "/fix 1 han 15/03/2023")
    await bot.say(bang, office, "/lang en")
    (english,) = await bot.say(bang, office, "/fix 1 deadline 10/03/2023")

    first, second = preview["text"].split("\n2. ")
    assert "1. Sở Tài chính — 10/03/2023" in first
    assert (
        "📅 còn hạn khác: 15/03/2023 (“trước ngày 15 tháng 3 năm 2023”); sửa: /fix 1 han 15/03/2023"
    ) in first
    assert "📅" not in second
    # Corrected, the task offers the date the importer read, to go back to.
    assert "1. Sở Tài chính — 15/03/2023" in fixed["text"]
    assert (
        "📅 còn hạn khác: 10/03/2023 (“trước ngày 10/3/2023”); sửa: /fix 1 han 10/03/2023"
    ) in fixed["text"]
    assert (
        "📅 other deadlines: 15/03/2023 (“trước ngày 15 tháng 3 năm 2023”); "
        "fix: /fix 1 deadline 15/03/2023"
    ) in english["text"]


async def test_a_preview_in_the_coordinators_group_survives_its_upgrade_to_a_supergroup(
    bot: Harness,
) -> None:
    """A coordinator sends a directive in the coordinators' group, and the group then becomes a
    supergroup: the pending preview follows the group, like its registration, and /fix there
    corrects it (the preview and its corrections are not stranded under the old chat id)."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_group("Văn phòng UBND tỉnh", [bang])
    await bot.register(bang, office, None, Role.COORDINATOR)
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(office, bang, "thong-bao.txt", NOTICE.encode())
    preview = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15))[
        before
    ]
    assert "1. Sở Tài chính — 10/03/2023" in preview["text"]

    supergroup = bot.server.migrate_to_supergroup(office["id"])
    (fixed,) = await bot.say(bang, supergroup, "/fix 1 han 15/03/2023")

    assert "1. Sở Tài chính — 15/03/2023" in fixed["text"], fixed["text"]


async def test_a_save_answered_too_late_still_says_the_directive_was_saved(bot: Harness) -> None:
    """💾 under a preview pressed while the bot is slow (the callback query is too old to
    answer) saves the tasks and says so, "✅ Đã lưu…": the coordinator is not told "Xin lỗi,
    đã có lỗi…", then that the button is invalid, left to guess whether it was saved."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(office, bang, "thong-bao.txt", NOTICE.encode())
    preview = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15))[
        before
    ]
    save = next(
        button["callback_data"]
        for row in preview["reply_markup"]["inline_keyboard"]
        for button in row
        if button["text"].startswith("💾")
    )
    bot.server.inject(QUERY_TOO_OLD, method="answerCallbackQuery")

    (answer,) = await bot.press(bang, office, preview, save)

    async with bot.database.session() as session:
        saved = (await session.exec(select(Task))).all()
    assert len(saved) == 2  # saved...
    assert answer["text"].startswith("✅ Đã lưu: 2 nhiệm vụ mới"), answer["text"]


async def test_a_typing_indicator_telegram_fails_to_show_does_not_stop_the_import(
    bot: Harness,
) -> None:
    """The "typing…" indicator sent before reading a directive is cosmetic: one Telegram fails
    to show (a 502) is skipped (logged), and the coordinator gets the preview, not "Xin lỗi,
    đã có lỗi…"."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    bot.server.inject(Fault.bad_gateway(), method="sendChatAction", chat_id=office["id"])
    before = len(bot.server.sent_messages(office["id"]))

    bot.server.user_sends_document(office, bang, "thong-bao.txt", NOTICE.encode())
    answer = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15))[
        before
    ]

    assert answer["text"] != ERROR_TEXT, "the directive was not read"
    assert "1. Sở Tài chính — 10/03/2023" in answer["text"]


async def test_a_monthly_report_on_the_30th_is_due_on_the_30th_after_february(
    bot: Harness,
) -> None:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    notice = (
        "Số: 30/TB-VP\nTHÔNG BÁO\nHà Nội, ngày 10 tháng 02 năm 2023\n"
        "1. Giao Sở Tài chính định kỳ báo cáo tình hình giải ngân trước ngày 30 hằng tháng.\n"
    )
    bot.at(date(2023, 2, 10))
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(office, bang, "thong-bao.txt", notice.encode())
    sent = await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)
    preview = sent[before]
    save = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await bot.press(bang, office, preview, save)
    async with bot.database.session() as session:
        (task,) = (await session.exec(select(Task))).all()
    assert task.deadline == date(2023, 2, 28)

    bot.at(date(2023, 2, 27))
    (closed,) = await bot.say(bang, office, f"/done {task.id} đã báo cáo tháng 2")
    bot.at(date(2023, 3, 27))
    (shown,) = await bot.say(bang, office, f"/task {task.id}")

    # The day comes from the document's words, not from February's last day.
    assert "Kỳ tiếp theo: hạn 30/03/2023." in closed["text"]
    assert "⏰ hạn 30/03/2023, còn 3 ngày" in shown["text"]


async def test_a_monthly_report_on_the_third_working_day_is_due_on_each_months_third(
    bot: Harness,
) -> None:
    """Both reports are first due on 06/01/2026, January's third working day. The one the
    document dates is next due on February's third working day, the 4th; the one the officer
    dated by hand keeps his day of the month, the 6th."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    notice = (
        "Số: 31/TB-VP\nTHÔNG BÁO\nHà Nội, ngày 20 tháng 12 năm 2025\n"
        "1. Giao Sở Tài chính báo cáo tình hình giải ngân vào ngày làm việc thứ 3 hằng tháng.\n"
        "2. Giao Sở Y tế báo cáo tình hình dịch bệnh vào ngày làm việc thứ 3 hằng tháng.\n"
    )
    bot.at(date(2025, 12, 20))
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(office, bang, "thong-bao.txt", notice.encode())
    await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)
    (fixed,) = await bot.say(bang, office, "/fix 2 han 06/01/2026")
    save = fixed["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await bot.press(bang, office, fixed, save)
    async with bot.database.session() as session:
        saved = (await session.exec(select(Task).order_by(col(Task.id)))).all()
    assert [task.deadline for task in saved] == [date(2026, 1, 6), date(2026, 1, 6)]

    bot.at(date(2026, 1, 5))
    closed = [(await bot.say(bang, office, f"/done {task.id}"))[0]["text"] for task in saved]

    assert "Kỳ tiếp theo: hạn 04/02/2026." in closed[0]
    assert "Kỳ tiếp theo: hạn 06/02/2026." in closed[1]


async def test_a_stop_during_a_sweep_ends_it_promptly_and_the_next_start_sends_the_rest(
    bot: Harness,
) -> None:
    groups = []
    for n, agency in enumerate(("STC", "SYT", "CA tỉnh")):
        user = bot.server.add_user(f"Cán bộ {n}")
        group = bot.server.add_group(f"Nhóm {agency}", [user])
        await bot.register(user, group, agency)
        await bot.add_task(f"Báo cáo {n}", agency, DEADLINE)
        # Telegram does not answer in time: each try times out (the bot waits 1 s) unsent.
        bot.server.inject(
            Fault(502, "Bad Gateway", delay=5), method="sendMessage", chat_id=group["id"], times=3
        )
        groups.append(group)
    # A start-up sweep with the real pauses between tries (2 s, 8 s): about 13 s a chat, 39 s
    # in all if nothing cut it short.
    await bot.restart(datetime(2023, 3, 8, 10, 30, tzinfo=VIETNAM_TZ))
    for _ in range(200):
        if any(m.params.get("text", "").startswith("🔔") for m in bot.server.calls("sendMessage")):
            break
        await asyncio.sleep(0.05)

    # What SIGTERM does: the application stops (the timeout only guards against a hang; the
    # ledger below says whether the sweep went on to the other chats).
    await asyncio.wait_for(bot.stack.aclose(), timeout=60)

    assert bot.application.job_queue is not None
    assert bot.application.job_queue.get_jobs_by_name("sweep-retry") == ()
    async with bot.database.session() as session:
        ledger = (await session.exec(select(Reminder).order_by(col(Reminder.id)))).all()
    # The chat whose send was cut short failed; the others were not tried, so their claims
    # are left to go stale.
    assert [r.status for r in ledger] == [
        ReminderStatus.FAILED,
        ReminderStatus.CLAIMED,
        ReminderStatus.CLAIMED,
    ]

    bot.server._injections.clear()  # Telegram is back
    await bot.restart(datetime(2023, 3, 8, 10, 45, tzinfo=VIETNAM_TZ), sweep_at_start=False)
    await bot.sweep()
    assert [len(bot.reminders_in(group)) for group in groups] == [1, 1, 1]
    async with bot.database.session() as session:
        statuses = [r.status for r in (await session.exec(select(Reminder))).all()]
    assert statuses == [ReminderStatus.SENT] * 3


async def test_the_bot_stopping_during_a_long_flood_wait_stops_at_once(database_url: str) -> None:
    """Telegram asks the bot to wait a minute (429 retry_after; a flood wait can last much
    longer) in the middle of the morning's digests when systemd stops it: it stops within
    seconds rather than after the wait (systemd kills a service that takes 90 s to stop), and
    the digest not sent goes out after the restart, once."""
    async with running_bot(database_url, start=START) as bot:
        finance = await _finance_group_with_a_task(bot)
        services_of(bot.application).sweep.stop_grace = 0.5  # a send in flight ends within it
        bot.server.inject(Fault.retry_after(60), method="sendMessage", chat_id=finance["id"])
        assert bot.application.job_queue is not None
        bot.application.job_queue.run_once(sweep_job, when=0)  # a job, as the morning's is
        await bot.wait_for_refusal(429)

        stopping = asyncio.ensure_future(bot.stack.aclose())
        stopped_in_time, _ = await asyncio.wait((stopping,), timeout=15)
        await stopping
        assert stopped_in_time, "the bot waited out Telegram's flood wait before stopping"

        told = len(bot.server.sent_messages(finance["id"]))
        await bot.restart(datetime(2023, 3, 8, 9, 0, tzinfo=VIETNAM_TZ))  # its start-up sweep
        await bot.server.wait_for_messages(told + 1, chat_id=finance["id"])
        await bot.server.wait_until_idle()
        assert len(bot.reminders_in(finance)) == 1


async def test_a_flood_wait_in_one_group_keeps_no_other_chat_waiting(bot: Harness) -> None:
    """Telegram asks the bot to wait 30 s before its next message to the finance group (a busy
    group is allowed 20 messages a minute): the morning's digest there waits, while Minh's /help
    in the health group is answered meanwhile; once the wait is over the digest goes out, once."""
    flood_waits = FloodWaits(bot.application.bot.rate_limiter)
    minh = bot.server.add_user("Minh")
    health = bot.server.add_group("Sở Y tế", [minh])
    await bot.register(minh, health, "SYT")
    finance = await _finance_group_with_a_task(bot)
    bot.server.inject(Fault.retry_after(30), method="sendMessage", chat_id=finance["id"])
    sweeping = asyncio.ensure_future(bot.sweep())
    await bot.wait_for_refusal(429)

    (answer,) = await bot.say(minh, health, "/help")  # within 5 s, or it fails
    assert bot.reminders_in(finance) == []  # still waiting
    flood_waits.end()
    await asyncio.wait_for(sweeping, timeout=15)

    assert answer["text"].startswith("Các lệnh")
    assert flood_waits.asked[0] >= 30  # as long as Telegram asked
    tries = [c for c in bot.server.calls("sendMessage") if c.params["chat_id"] == finance["id"]]
    assert [c.status for c in tries][-2:] == [429, 200]
    assert len(bot.reminders_in(finance)) == 1
    assert await _ledger(bot) == [(ReminderStatus.SENT, 1)]


async def test_a_task_s_details_name_its_deadline_once(bot: Harness) -> None:
    """/task shows the deadline as the lists do ("⏰ hạn 15/03/2023, còn 14 ngày"), not
    "Thời hạn: hạn 15/03/2023" nor "Thời hạn: không có thời hạn"."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    dated = await bot.add_task("Ban hành Kế hoạch chung", "Sở Tài chính", date(2023, 3, 15))
    ongoing = await bot.add_task("Kiểm tra an toàn thực phẩm", "Sở Y tế", None)

    (shown_dated,) = await bot.say(bang, office, f"/task {dated}")
    (shown_ongoing,) = await bot.say(bang, office, f"/task {ongoing}")

    assert "⏰ hạn 15/03/2023, còn 14 ngày" in shown_dated["text"].split("\n")
    assert "⏰ không có thời hạn" in shown_ongoing["text"].split("\n")
    for shown in (shown_dated, shown_ongoing):
        assert "Thời hạn: hạn" not in shown["text"]
        assert "Thời hạn: không có thời hạn" not in shown["text"]


async def test_choosing_a_language_in_a_private_chat_does_not_call_it_a_group(
    bot: Harness,
) -> None:
    """A department head who chooses Vietnamese in his private chat with the bot is told that
    "cuộc trò chuyện này" gets Vietnamese, not "nhóm này" (he is in no group)."""
    hung = bot.server.add_user("Hùng")
    own = bot.server.add_private_chat(hung)
    await bot.register(hung, own, "SYT", Role.HEAD)

    (usage,) = await bot.say(hung, own, "/lang")
    (chosen,) = await bot.say(hung, own, "/lang vi")

    assert usage["text"].startswith("Chọn ngôn ngữ cho cuộc trò chuyện này: /lang vi")
    assert chosen["text"] == "Từ nay cuộc trò chuyện này nhận tin nhắn và lời nhắc bằng tiếng Việt."
    for answer in (usage, chosen):
        assert "nhóm" not in answer["text"]
