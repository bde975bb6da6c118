"""A coordinator sends a directive to the bot: preview, corrections, save, and no duplicates."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from pypdf import PdfWriter
from sqlmodel import col, select

from bot.services import services_of
from storage import agencies
from storage.models import Role, Task
from tests.conftest import SAMPLE
from tests.harness import COORDINATORS_ONLY, JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

EXTRA = [
    agencies.AgencyRow("Bộ Chỉ huy Quân sự tỉnh", "BCHQS tỉnh"),
    agencies.AgencyRow("Văn phòng UBND tỉnh", "VP UBND tỉnh"),
]


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=datetime(2023, 1, 6, 9, tzinfo=VIETNAM_TZ)) as harness:
        async with harness.database.session() as session:
            await agencies.import_agencies(session=session, rows=EXTRA, now=harness.clock.now())
        yield harness


async def _coordinator(bot: Harness) -> tuple[JSON, JSON]:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    return bang, office


async def _send(bot: Harness, user: JSON, chat: JSON, name: str, content: bytes) -> JSON:
    """Send a file; the bot's answer, a long preview's parts joined, buttons from the last."""
    before = len(bot.server.sent_messages(chat["id"]))
    bot.server.user_sends_document(chat, user, name, content)
    return await _answer(bot, chat, before)


async def _fix(bot: Harness, user: JSON, chat: JSON, text: str) -> JSON:
    """Send a /fix; the bot's answer, the preview again or a message saying what was wrong."""
    before = len(bot.server.sent_messages(chat["id"]))
    bot.server.user_sends(chat, user, text)
    return await _answer(bot, chat, before)


async def _answer(bot: Harness, chat: JSON, before: int) -> JSON:
    count = before + 1
    while True:
        answer = (await bot.server.wait_for_messages(count, chat_id=chat["id"], timeout=15))[
            before:
        ]
        if "reply_markup" in answer[-1] or not answer[-1]["text"].startswith(("📄", "<")):
            return {**answer[-1], "text": "\n".join(m["text"] for m in answer)}
        count += 1


def _blank_pdf() -> bytes:
    """A PDF with pages but no text layer, like a scan."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def _saved_tasks(bot: Harness) -> list[tuple[str, str | None]]:
    async with bot.database.session() as session:
        rows = (await session.exec(select(Task).order_by(col(Task.id)))).all()
    return [(t.text, t.deadline.isoformat() if t.deadline else None) for t in rows]


async def test_a_sent_directive_is_previewed_corrected_and_saved_once(bot: Harness) -> None:
    bang, office = await _coordinator(bot)

    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    text = preview["text"]
    assert text.startswith("📄 Thông báo kết luận (không số), ngày 05/01/2023")
    assert "2. Sở Tài chính — 31/01/2023" in text  # "Sở Kế hoạch và Đầu tư" is today's Sở Tài chính
    assert "(theo “hoàn thành trong tháng 01/2023”)" in text
    assert "15. ? — 31/03/2023" in text and "/fix 15 chutri" in text
    buttons = [b["text"] for b in preview["reply_markup"]["inline_keyboard"][0]]
    assert buttons == ["💾 Lưu 5 nhiệm vụ", "👥 Giao cho từng đơn vị", "✖️ Hủy"]

    corrected = await _fix(bot, bang, office, "/fix 15 chutri Sở Tài chính")
    assert "15. Sở Tài chính — 31/03/2023" in corrected["text"]
    no_such_day = await _fix(bot, bang, office, "/fix 5 han 31/02/2023")
    assert no_such_day["text"].startswith("“31/02/2023” không phải là một ngày có thật.")

    (saved,) = await bot.press(
        bang, office, corrected, corrected["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    )
    assert saved["text"] == "✅ Đã lưu: 6 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    first = await _saved_tasks(bot)
    dated = {(text.split(",")[0], deadline) for text, deadline in first}
    assert ("Sở Kế hoạch và Đầu tư căn cứ vào Nghị quyết của Chính phủ", "2023-01-31") in dated
    assert ("Ngay sau kỳ nghỉ Tết", "2023-03-31") in dated

    # The same file again: recognised, and saving adds nothing.
    again = await _send(bot, bang, office, "thong-bao (1).txt", SAMPLE.read_bytes())
    assert "ℹ️ Văn bản này đã được nhập trước đây" in again["text"]
    save_again = again["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    (nothing,) = await bot.press(bang, office, again, save_again)
    assert nothing["text"] == "✅ Đã lưu: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 5 đã có từ trước."
    assert await _saved_tasks(bot) == first


async def test_a_directive_without_its_date_is_previewed_once_the_officer_gives_it(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    undated = "Giao Sở Tài chính báo cáo kết quả rà soát trong 10 ngày làm việc.".encode()

    asked = await _send(bot, bang, office, "cong-van.txt", undated)
    assert asked["text"] == (
        "Văn bản không ghi ngày ban hành nên chưa tính được hạn của các nhiệm vụ. "
        "Hãy gửi /fix ngay dd/mm/yyyy với ngày ban hành."
    )
    no_such_day = await _fix(bot, bang, office, "/fix ngay 30/02/2024")
    assert no_such_day["text"].startswith("“30/02/2024” không phải là một ngày có thật.")

    preview = await _fix(bot, bang, office, "/fix ngày 01/03/2024")
    assert "ngày 01/03/2024" in preview["text"].split("\n")[0]
    # Ten working days from the day after Friday 01/03/2024.
    assert "1. Sở Tài chính — 15/03/2024" in preview["text"]
    (saved,) = await bot.press(
        bang, office, preview, preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    )
    assert saved["text"] == "✅ Đã lưu: 1 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    assert await _saved_tasks(bot) == [
        ("Giao Sở Tài chính báo cáo kết quả rà soát trong 10 ngày làm việc.", "2024-03-15")
    ]


async def test_a_proposed_task_that_is_not_one_is_dropped_before_saving(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    assert "\n2. Sở Tài chính — 31/01/2023" in preview["text"]

    for wrong in ("/fix", "/fix 2", "/fix hai bo", "/fix 2 bo thêm", "/fix 2 han"):
        usage = await _fix(bot, bang, office, wrong)
        assert usage["text"].startswith("Cách dùng: /fix SỐ han dd/mm/yyyy"), wrong
    dropped = await _fix(bot, bang, office, "/fix 2 bỏ")
    # Left out; the others keep their numbers, and one fewer is saved.
    assert "\n2. " not in dropped["text"] and "\n3. " in dropped["text"]
    save = dropped["reply_markup"]["inline_keyboard"][0][0]
    assert save["text"] == "💾 Lưu 4 nhiệm vụ"

    (saved,) = await bot.press(bang, office, dropped, save["callback_data"])
    assert saved["text"] == "✅ Đã lưu: 4 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    texts = [text for text, _deadline in await _saved_tasks(bot)]
    assert not any(t.startswith("Sở Kế hoạch và Đầu tư căn cứ vào Nghị quyết") for t in texts)


async def test_groups_are_expanded_only_when_the_officer_says_so(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    expand = preview["reply_markup"]["inline_keyboard"][0][1]["callback_data"]

    (expanded,) = await bot.press(bang, office, preview, expand)

    assert "11. Sở Tài chính, Sở Y tế — 31/01/2023" in expanded["text"]


async def test_only_coordinators_may_import_and_bad_files_get_a_clear_answer(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    bang, office = await _coordinator(bot)

    refused = await _send(bot, lan, finance, "thong-bao.txt", SAMPLE.read_bytes())
    broken = await _send(bot, bang, office, "ke-hoach.docx", b"PK\x03\x04 not really a docx")
    scan = await _send(bot, bang, office, "scan.pdf", _blank_pdf())
    services_of(bot.application).settings.importer.max_megabytes = 0.5
    too_big = await _send(bot, bang, office, "big.txt", b"x" * 800_000)

    assert refused["text"] == COORDINATORS_ONLY
    assert broken["text"] == "Tệp bị hỏng hoặc không đúng định dạng, không đọc được nội dung."
    assert scan["text"].startswith("Tệp PDF này là bản quét (không có lớp chữ)")
    assert too_big["text"] == "Tệp quá lớn (0,8 MB); giới hạn là 0,5 MB. Hãy gửi bản nhỏ hơn."
    assert await _saved_tasks(bot) == []
