"""Review: Telegram answering badly (flood waits, refusals, 5xx, timeouts, old callback queries)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime

import pytest
from sqlmodel import select

from bot.telegram_server import Fault
from storage.models import Chat, Notice, Role, Task
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)
# What Telegram answers to answerCallbackQuery once the ~15 s to answer a press have passed
# (a bot back from a restart, a slow database, a flood wait in front of the answer).
QUERY_TOO_OLD = Fault(
    400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
ERROR_TEXT = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


async def _finance_with_digest(bot: Harness) -> tuple[JSON, JSON, JSON, int]:
    """Lan's finance group, registered, with this morning's digest of one task."""
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    plan = await bot.add_task("Kế hoạch", "STC", DEADLINE)
    bot.at(date(2023, 3, 8))
    await bot.sweep()
    (digest,) = bot.reminders_in(finance)
    return lan, finance, digest, plan


async def test_a_done_button_answered_too_late_still_confirms_the_closing_with_its_undo(
    bot: Harness,
) -> None:
    """Now: ✅ pressed while the bot is slow (Telegram says the query is too old) closes the task
    but the chat gets "Xin lỗi, đã có lỗi…" and no confirmation or ↩️ button, so staff think it
    failed. Should: the closing is confirmed with its undo button; only the pop-up is lost."""
    lan, finance, digest, plan = await _finance_with_digest(bot)
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


async def test_an_approval_answered_too_late_still_tells_the_agency_that_asked(
    bot: Harness,
) -> None:
    """Now: a coordinator approves an extension while the bot is slow (the callback query is too
    old to answer): the deadline moves, but the coordinator reads an error and the agency that
    asked is never told its new deadline. Should: both are told, as with a prompt answer."""
    lan, finance, _, plan = await _finance_with_digest(bot)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    in_finance = len(bot.server.sent_messages(finance["id"]))
    bot.server.inject(QUERY_TOO_OLD, method="answerCallbackQuery")

    (approved,) = await bot.press(bang, office, asked, approve)
    # The group is told after the coordinator, once the bot has read the group's language.
    await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"])
    await bot.server.wait_until_idle()

    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.deadline == date(2023, 3, 31)  # approved...
    told = bot.server.sent_messages(finance["id"])[in_finance:]
    expected = f"✅ Đã duyệt gia hạn nhiệm vụ số {plan}: hạn mới 31/03/2023."
    assert approved["text"] == expected
    assert [m["text"] for m in told] == [expected], "the agency never heard of the approval"


async def test_a_report_whose_chart_meets_a_bad_gateway_is_still_sent(bot: Harness) -> None:
    """Now: one 502 from Telegram on the chart makes /report answer "Xin lỗi, đã có lỗi…" with
    neither the chart nor the workbook, although text replies are tried again. Should: the
    chart is tried again and the coordinator gets the chart and the workbook."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Kế hoạch chung", "STC", date(2023, 3, 10))
    bot.server.inject(Fault.bad_gateway(), method="sendPhoto", chat_id=office["id"])

    before = len(bot.server.sent_messages(office["id"]))
    (first,) = await bot.say(bang, office, "/report 03/2023")

    assert first.get("text") != ERROR_TEXT, "one 502 and the coordinator gets no report"
    assert "photo" in first and first["caption"].startswith("📊 Tháng 03/2023")
    workbook = (await bot.server.wait_for_messages(before + 2, chat_id=office["id"]))[-1]
    assert workbook["document"]["file_name"] == "nhacviec-2023-03.xlsx"


async def test_a_report_whose_workbook_meets_a_server_error_is_still_sent(bot: Harness) -> None:
    """Now: a 500 on the workbook after the chart went leaves the coordinator with the chart and
    "Xin lỗi, đã có lỗi…", and no Excel file. Should: the workbook is tried again and arrives."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Kế hoạch chung", "STC", date(2023, 3, 10))
    bot.server.inject(Fault.server_error(), method="sendDocument", chat_id=office["id"])

    chart, workbook = await bot.say(bang, office, "/report 03/2023", replies=2)

    assert "photo" in chart
    assert workbook.get("text") != ERROR_TEXT
    assert workbook["document"]["file_name"] == "nhacviec-2023-03.xlsx"


async def test_an_agency_group_upgraded_to_a_supergroup_hears_the_answer_to_its_request(
    bot: Harness,
) -> None:
    """Now: the agency asks for more time in its group, the group then becomes a supergroup
    (the bot follows the registration), and the coordinator's approval is sent to the old
    group's id, refused by Telegram and only logged: the agency never learns its new deadline.
    Should: the answer follows the group to its new id, as its reminders do."""
    lan, finance, _, plan = await _finance_with_digest(bot)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    supergroup = bot.server.migrate_to_supergroup(finance["id"])
    (tasks_now,) = await bot.say(lan, supergroup, "/tasks")  # the bot has followed the group
    assert tasks_now["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"

    (approved,) = await bot.press(bang, office, asked, approve)
    # The group is told after the coordinator, once the bot has read the group's language.
    *_, told = await bot.server.wait_for_messages(2, chat_id=supergroup["id"])

    expected = f"✅ Đã duyệt gia hạn nhiệm vụ số {plan}: hạn mới 31/03/2023."
    assert approved["text"] == expected
    assert told["text"] == expected


async def test_a_request_notice_that_failed_reaches_the_coordinators_group_after_its_upgrade(
    bot: Harness,
) -> None:
    """Now: an extension request's notice to the coordinators' group fails (Telegram 5xx) and
    waits for the next sweep; meanwhile the group becomes a supergroup, and the next sweep gives
    the notice up as "no longer a coordinator chat": the request is never put to them. Should:
    the waiting notice follows the group to its new id and arrives once."""
    lan, finance, _, plan = await _finance_with_digest(bot)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_group("Văn phòng UBND tỉnh", [bang])
    await bot.register(bang, office, None, Role.COORDINATOR)
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=office["id"], times=3)
    (recorded,) = await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    assert recorded["text"].startswith("⏳ Đã ghi nhận đề nghị gia hạn")  # kept, to be sent again
    assert not any("Lý do" in m.get("text", "") for m in bot.server.sent_messages(office["id"]))
    supergroup = bot.server.migrate_to_supergroup(office["id"])
    await bot.say(bang, supergroup, "/help")  # the bot has seen the upgrade and followed it

    bot.at(date(2023, 3, 8), hour=10)
    await bot.sweep()

    notices = [
        m for m in bot.server.sent_messages(supergroup["id"]) if "Lý do" in m.get("text", "")
    ]
    async with bot.database.session() as session:
        rows = (await session.exec(select(Notice).where(Notice.chat_id == office["id"]))).all()
    assert len(notices) == 1, [(r.chat_id, r.status, r.error) for r in rows]
    assert "chờ ý kiến của Bộ" in notices[0]["text"]


async def test_a_head_who_unblocks_the_bot_on_the_deadline_day_gets_that_days_reminder(
    bot: Harness,
) -> None:
    """Now: the deadline-day digest meets a chat whose owner had blocked the bot; he unblocks it
    and writes at 09:00 (told "reminders will reach this chat again"), but nothing sweeps again
    that day, and tomorrow the task is overdue: the "due today" reminder is lost. Should: once
    the chat takes messages again the same working day, the reminder that failed on it goes
    out, once."""
    hung = bot.server.add_user("Hùng")
    health = bot.server.add_private_chat(hung)
    await bot.register(hung, health, "SYT")
    await bot.add_task("Phòng dịch", "SYT", DEADLINE)
    bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=health["id"])
    bot.at(DEADLINE)
    await bot.sweep()  # he had blocked the bot: his chat is paused
    assert bot.reminders_in(health) == []

    bot.at(DEADLINE, hour=9)
    resumed, _ = await bot.say(hung, health, "/tasks", replies=2)  # he unblocked it
    assert resumed["text"].startswith("✅ Bạn đã mở lại bot")
    await bot.server.wait_until_idle()
    # Whatever sends it (at once, or a sweep scheduled again for today), it goes out today.
    assert bot.application.job_queue is not None
    for job in bot.application.job_queue.get_jobs_by_name("sweep-retry"):
        bot.at(DEADLINE, hour=10)
        await job.run(bot.application)
        await bot.server.wait_until_idle()

    digests = bot.reminders_in(health)
    assert len(digests) == 1, "the deadline-day reminder never reached him"
    assert "Phòng dịch" in digests[0]["text"]


NOTICE = (
    "Số: 30/TB-UBND\nLai Châu, ngày 20 tháng 02 năm 2023\nTHÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND tỉnh\n"
    "1. Giao Sở Tài chính hoàn thiện Đề án, trình UBND tỉnh trước ngày 10/3/2023.\n"
    "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo UBND tỉnh trước ngày 20/3/2023.\n"
)


async def test_a_preview_in_the_coordinators_group_survives_its_upgrade_to_a_supergroup(
    bot: Harness,
) -> None:
    """Now: a coordinator sends a directive in the coordinators' group; the group becomes a
    supergroup (its registration follows), and /fix there answers that no preview is pending:
    the preview and its corrections are stranded under the old chat id. Should: the pending
    preview follows the group, like its registration, and /fix corrects it."""
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
    """Now: 💾 under a preview pressed while the bot is slow (the callback query is too old):
    the tasks are saved, but the coordinator reads "Xin lỗi, đã có lỗi…" and a second press says
    the button is invalid, so they cannot tell the directive was saved. Should: "✅ Đã lưu…"."""
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
    """Now: the "typing…" indicator sent before reading a directive meets a 502, and the file is
    never read: the coordinator gets "Xin lỗi, đã có lỗi…" instead of the preview. Should: a
    cosmetic indicator that fails is skipped (logged), and the preview comes."""
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


async def test_a_group_whose_general_topic_is_closed_is_reported_to_the_coordinators(
    bot: Harness,
) -> None:
    """Now: the agency's group turned on topics and closed "General"; Telegram refuses every
    reminder with 400 "TOPIC_CLOSED", which the bot takes for its own mistake: the reminders
    fail silently every sweep and the coordinators are never told. Should: as with a group that
    took the bot's right to post, the group is paused and the coordinators told once."""
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance = bot.server.add_group("Sở Tài chính", [lan], supergroup=True)
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Ban hành Kế hoạch chung", "STC", DEADLINE)
    closed = Fault(400, "Bad Request: TOPIC_CLOSED")
    bot.server.inject(closed, method="sendMessage", chat_id=finance["id"], times=50)

    for day, hour in ((8, 8), (8, 10), (9, 8), (10, 8)):
        bot.at(date(2023, 3, day), hour=hour)
        await bot.sweep()

    assert bot.reminders_in(finance) == []
    alerts = [m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"][0] == "⚠"]
    assert len(alerts) == 1, "the coordinators never heard that the group gets no reminders"
    assert "Sở Tài chính" in alerts[0]
    async with bot.database.session() as session:
        row = (await session.exec(select(Chat).where(Chat.telegram_id == finance["id"]))).one()
    assert row.active is False
