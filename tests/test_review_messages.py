"""The bot's messages as a department head and a coordinator read them on a phone: each says a
thing once, in the chat's language, with its words agreeing with its numbers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime

import pytest

from storage.models import Role
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


async def _coordinator(bot: Harness) -> tuple[JSON, JSON]:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    return bang, office


async def test_a_task_s_details_name_its_deadline_once(bot: Harness) -> None:
    """/task shows the deadline as the lists do ("⏰ hạn 15/03/2023, còn 14 ngày"), not
    "Thời hạn: hạn 15/03/2023" nor "Thời hạn: không có thời hạn"."""
    bang, office = await _coordinator(bot)
    dated = await bot.add_task("Ban hành Kế hoạch chung", "Sở Tài chính", date(2023, 3, 15))
    ongoing = await bot.add_task("Kiểm tra an toàn thực phẩm", "Sở Y tế", None)

    (shown_dated,) = await bot.say(bang, office, f"/task {dated}")
    (shown_ongoing,) = await bot.say(bang, office, f"/task {ongoing}")

    assert "⏰ hạn 15/03/2023, còn 14 ngày" in shown_dated["text"].split("\n")
    assert "⏰ không có thời hạn" in shown_ongoing["text"].split("\n")
    for shown in (shown_dated, shown_ongoing):
        assert "Thời hạn: hạn" not in shown["text"]
        assert "Thời hạn: không có thời hạn" not in shown["text"]


async def test_an_english_chat_s_import_speaks_english_in_the_singular_for_one_task(
    bot: Harness,
) -> None:
    """A coordinator who chose English sends a document that names no kind and holds one
    task: the preview calls it a "Document" (not "Văn bản"), and saving says "1 new task, 0
    deadlines changed", not "1 new tasks"."""
    bang, office = await _coordinator(bot)
    await bot.say(bang, office, "/lang en")
    notice = (
        "Hà Nội, ngày 05 tháng 01 năm 2023\n"
        "1. Giao Sở Y tế rà soát, báo cáo trước ngày 15/3/2023.\n"
    )
    before = len(bot.server.sent_messages(office["id"]))

    bot.server.user_sends_document(office, bang, "ghi-nho.txt", notice.encode())
    sent = await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)
    preview = sent[before]
    save = preview["reply_markup"]["inline_keyboard"][0][0]
    (saved,) = await bot.press(bang, office, preview, save["callback_data"])

    assert preview["text"].split("\n")[0] == "📄 Document (no number), dated 05/01/2023"
    assert save["text"] == "💾 Save 1 task"
    assert saved["text"] == "✅ Saved: 1 new task, 0 deadlines changed, 0 already there."


async def test_saving_a_preview_says_the_tasks_still_to_fix_were_not_saved(bot: Harness) -> None:
    """A preview of two tasks, one given to an agency not in the catalogue: the coordinator
    saves the one that is ready, and the answer says the other was not saved and how to save it
    (the preview is closed: without a word it would be lost unnoticed)."""
    bang, office = await _coordinator(bot)
    notice = (
        "Hà Nội, ngày 05 tháng 01 năm 2023\n"
        "1. Giao Sở Y tế rà soát, báo cáo trước ngày 15/3/2023.\n"
        "2. Giao Sở Ngoại vụ tổng hợp, báo cáo trước ngày 20/3/2023.\n"
    )
    before = len(bot.server.sent_messages(office["id"]))

    bot.server.user_sends_document(office, bang, "ghi-nho.txt", notice.encode())
    sent = await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)
    preview = sent[before]
    save = preview["reply_markup"]["inline_keyboard"][0][0]
    (saved,) = await bot.press(bang, office, preview, save["callback_data"])

    assert "1 nhiệm vụ sẵn sàng lưu, 1 cần sửa" in preview["text"]
    assert saved["text"].split("\n") == [
        "✅ Đã lưu: 1 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước.",
        "⚠️ 1 nhiệm vụ còn cần sửa chưa được lưu. Muốn lưu: gửi lại tệp, sửa bằng /fix rồi bấm 💾 "
        "(không tạo trùng).",
    ]


async def test_a_task_s_details_name_its_directive_with_the_word_for_its_date(
    bot: Harness,
) -> None:
    """/task names the directive as the preview did, "Thông báo 12/TB-VP, ngày 05/01/2023",
    not "Thông báo 12/TB-VP 05/01/2023" with a bare date after the number."""
    bang, office = await _coordinator(bot)
    notice = (
        "Số: 12/TB-VP\nTHÔNG BÁO\nHà Nội, ngày 05 tháng 01 năm 2023\n"
        "1. Giao Sở Y tế rà soát, báo cáo trước ngày 15/3/2023.\n"
    )
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(office, bang, "thong-bao.txt", notice.encode())
    sent = await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)
    preview = sent[before]
    save = preview["reply_markup"]["inline_keyboard"][0][0]
    await bot.press(bang, office, preview, save["callback_data"])

    (shown,) = await bot.say(bang, office, "/task 1")

    assert preview["text"].split("\n")[0] == "📄 Thông báo 12/TB-VP, ngày 05/01/2023"
    assert "Văn bản: Thông báo 12/TB-VP, ngày 05/01/2023" in shown["text"].split("\n")


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
