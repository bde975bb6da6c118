"""A coordinator sends a directive to the bot: preview, corrections, save, and no duplicates."""

from __future__ import annotations

import asyncio
import contextlib
import io
import multiprocessing
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfWriter
from sqlalchemy import event
from sqlmodel import col, select

from bot import documents, handlers, importing
from bot.documents import READER_KEY
from bot.importing import (
    DocumentReader,
    NoSuchTasks,
    Reading,
    ReadJob,
    ReadTimedOut,
    Unreadable,
    parse_mapping,
    read_document,
    read_now,
    task_numbers,
    task_spans,
)
from bot.services import services_of
from bot.telegram_server import Fault
from bot.texts import CATALOGUE, IMPORT_TITLE_PREVIEW, Texts, learned_names, number_ranges
from storage import agencies, directives, imports
from storage.agencies import Learned
from storage.db import Database
from storage.models import (
    Agency,
    AgencyRole,
    Directive,
    ImportRequest,
    Role,
    Task,
    TaskAgency,
)
from storage.names import fold
from tests.conftest import NOW, SAMPLE
from tests.harness import COORDINATORS_ONLY, GROUP_ANONYMOUS_BOT, JSON, Harness, running_bot
from tests.plans import DUTY, WORK, food_safety_plan, letter
from tests.test_ingest_word97 import DOCS, with_fib
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
    """Send a /fix; the bot's answer (a long preview's parts joined, for /fix xem)."""
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
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 6 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    first = await _saved_tasks(bot)
    dated = {(text.split(",")[0], deadline) for text, deadline in first}
    assert ("Sở Kế hoạch và Đầu tư căn cứ vào Nghị quyết của Chính phủ", "2023-01-31") in dated
    assert ("Ngay sau kỳ nghỉ Tết", "2023-03-31") in dated

    # The same file again: recognised, the officer's correction kept, and saving adds nothing.
    again = await _send(bot, bang, office, "thong-bao (1).txt", SAMPLE.read_bytes())
    assert "ℹ️ Văn bản này đã được nhập trước đây" in again["text"]
    assert "15. Sở Tài chính — 31/03/2023" in again["text"]
    assert again["text"].endswith(
        "Giữ các sửa đổi của lần nhập trước: 1 cơ quan chủ trì.\n"
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 6 đã có từ trước."
    )
    assert not _offers_to_save(again)  # nor a button that seems to save them again
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


async def test_an_undated_document_without_tasks_is_answered_once_its_date_is_given(
    bot: Harness,
) -> None:
    """A document without its date and without a task (a cover letter): once the officer gives
    its date, it is answered as a dated one with no tasks, not with an empty preview, and
    forgotten."""
    bang, office = await _coordinator(bot)
    cover = "Văn phòng UBND tỉnh xin gửi kèm tài liệu để các cơ quan nghiên cứu.".encode()
    asked = await _send(bot, bang, office, "thu-gui.txt", cover)
    assert asked["text"].startswith("Văn bản không ghi ngày ban hành"), asked["text"]

    answer = await _fix(bot, bang, office, "/fix ngay 01/03/2024")

    assert answer["text"].startswith("⚠️ Không tìm thấy nhiệm vụ nào trong thu-gui.txt")
    async with bot.database.session() as session:
        assert (await session.exec(select(ImportRequest))).all() == []


async def test_a_proposed_task_that_is_not_one_is_dropped_before_saving(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    assert "\n2. Sở Tài chính — 31/01/2023" in preview["text"]

    for wrong in (
        "/fix",
        "/fix 2",
        "/fix hai bo",
        "/fix 2 bo thêm",
        "/fix 2 han",
        "/fix 2 3",
        "/fix 2,x bo",
        "/fix xem 2",
    ):
        usage = await _fix(bot, bang, office, wrong)
        assert usage["text"].startswith("Cách dùng: /fix SỐ han dd/mm/yyyy"), wrong
    dropped = await _fix(bot, bang, office, "/fix 2 bỏ")
    assert dropped["text"].startswith(
        "🗑 Đã bỏ nhiệm vụ 2, không lưu:\n2. (đã bỏ) Tham mưu UBND tỉnh ban hành Kế hoạch"
    )
    save = dropped["reply_markup"]["inline_keyboard"][0][0]
    assert save["text"] == "💾 Lưu 4 nhiệm vụ"
    # Left out; the others keep their numbers.
    whole = await _fix(bot, bang, office, "/fix xem")
    assert "\n2. " not in whole["text"] and "\n3. " in whole["text"]

    (saved,) = await bot.press(bang, office, dropped, save["callback_data"])
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 4 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    texts = [text for text, _deadline in await _saved_tasks(bot)]
    assert not any(t.startswith("Sở Kế hoạch và Đầu tư căn cứ vào Nghị quyết") for t in texts)


async def test_groups_are_expanded_only_when_the_officer_says_so(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    expand = preview["reply_markup"]["inline_keyboard"][0][1]["callback_data"]

    (expanded,) = await bot.press(bang, office, preview, expand)

    # A short answer: the tasks it gave to each agency, not the whole preview again.
    assert expanded["text"].startswith("👥 Đã giao nhiệm vụ của các nhóm cho từng đơn vị:\n")
    assert "11. Sở Tài chính, Sở Y tế — 31/01/2023" in expanded["text"]
    assert "\n2. " not in expanded["text"]
    assert expanded["reply_markup"]["inline_keyboard"][0][0]["text"] == "💾 Lưu 9 nhiệm vụ"


async def test_only_coordinators_may_import_and_bad_files_get_a_clear_answer(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    bang, office = await _coordinator(bot)

    refused = await _send(bot, lan, bot.server.add_private_chat(lan), "tb.txt", SAMPLE.read_bytes())
    # In a group, files are shared all day: one from someone who may not import goes unanswered.
    in_group = len(bot.server.sent_messages(finance["id"]))
    bot.server.user_sends_document(finance, lan, "bien-ban-hop.pdf", b"%PDF-1.4 minutes")
    broken = await _send(bot, bang, office, "ke-hoach.docx", b"PK\x03\x04 not really a docx")
    scan = await _send(bot, bang, office, "scan.pdf", _blank_pdf())
    services_of(bot.application).settings.importer.max_megabytes = 0.5
    too_big = await _send(bot, bang, office, "big.txt", b"x" * 800_000)

    assert refused["text"] == COORDINATORS_ONLY
    await bot.server.wait_until_idle()
    assert len(bot.server.sent_messages(finance["id"])) == in_group
    assert broken["text"] == "Tệp bị hỏng hoặc không đúng định dạng, không đọc được nội dung."
    assert scan["text"].startswith("Tệp PDF này là bản quét (không có lớp chữ)")
    assert too_big["text"] == "Tệp quá lớn (0,77 MB); giới hạn là 0,5 MB. Hãy gửi bản nhỏ hơn."
    assert await _saved_tasks(bot) == []


# The smallest JPEG: what a phone's photo starts with.
_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def _send_photo(bot: Harness, user: JSON, chat: JSON) -> None:
    """`user` sends a photo to `chat`."""
    bot.server.user_sends_photo(chat, user, _JPEG)


async def test_a_photo_is_answered_where_a_document_would_be_read_and_nowhere_else(
    bot: Harness,
) -> None:
    bang, minh, office_group = await _coordinators_group(bot)
    finance = bot.server.add_group("Sở Tài chính", [bang])
    await bot.register(bang, finance, "STC")
    lan = bot.server.add_user("Lan")
    minh_chat, lan_chat = bot.server.add_private_chat(minh), bot.server.add_private_chat(lan)
    before = {c["id"]: len(bot.server.sent_messages(c["id"])) for c in (minh_chat, office_group)}
    in_agency_group = len(bot.server.sent_messages(finance["id"]))
    cannot = (
        "Bot chưa đọc được chữ trong ảnh chụp văn bản. Hãy gửi tệp .docx, hoặc PDF có chữ "
        "(không phải bản quét), của văn bản đó."
    )

    # An agency's group shares photos all day: none is answered, a coordinator's included.
    _send_photo(bot, bang, finance)
    for user, chat in ((minh, minh_chat), (bang, office_group), (lan, lan_chat)):
        _send_photo(bot, user, chat)
    in_private, in_office_group = [
        (await bot.server.wait_for_messages(before[c["id"]] + 1, chat_id=c["id"]))[-1]
        for c in (minh_chat, office_group)
    ]
    (from_staff,) = await bot.server.wait_for_messages(1, chat_id=lan_chat["id"])

    assert in_private["text"] == in_office_group["text"] == cannot
    assert from_staff["text"] == COORDINATORS_ONLY
    assert len(bot.server.sent_messages(finance["id"])) == in_agency_group


async def test_a_coordinator_who_sends_a_photo_of_a_directive_gets_an_answer(bot: Harness) -> None:
    """A coordinator photographs a signed notice on their phone and sends it to the bot in
    private: like a scanned PDF, the photo gets a clear answer that it cannot be read and what
    to send instead (.docx, or a PDF with text), not silence and a preview that never comes."""
    bang, office = await _coordinator(bot)
    server = bot.server
    before = len(server.sent_messages(office["id"]))
    _send_photo(bot, bang, office)

    await server.wait_until_idle()
    await asyncio.sleep(0.5)  # a reply, if any, is sent from a task of its own
    answers = server.sent_messages(office["id"])[before:]
    assert answers, "no answer to the photo"
    assert ".docx" in answers[0]["text"] or "PDF" in answers[0]["text"]


async def test_a_chat_in_english_hears_why_a_file_cannot_be_read_in_english(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await bot.say(bang, office, "/lang en")

    broken = await _send(bot, bang, office, "ke-hoach.docx", b"PK\x03\x04 not really a docx")
    picture = await _send(bot, bang, office, "anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    rich_text = await _send(bot, bang, office, "cong-van.rtf", b"{\\rtf1 Giao}")
    word_95 = with_fib((DOCS / "cong-van-vpcp-3348-2015.doc").read_bytes(), 2, "<H", 104)
    legacy = await _send(bot, bang, office, "cu.doc", word_95)

    assert broken["text"] == (
        "The file is damaged or not in the format its name says; its content cannot be read."
    )
    assert picture["text"].startswith("The bot cannot read the words in a photo")
    assert rich_text["text"].startswith("This kind of file is not supported yet.")
    assert legacy["text"].startswith("Files in the older Word format (Word 6.0/95) are not")


async def test_a_catalogue_file_gets_how_to_load_it_not_a_preview(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    # As Excel saves it under Vietnamese settings: a BOM, ";" and CRLF.
    catalogue = "\ufeffName; short_name; aliases\r\nSở Tài chính;STC;Sở KH&ĐT\r\n".encode()

    answer = await _send(bot, bang, office, "agencies.csv", catalogue)
    await bot.say(bang, office, "/lang en")
    english = await _send(bot, bang, office, "don-vi.csv", b"name,short_name,aliases\n")

    assert answer["text"].startswith("Tệp agencies.csv là danh mục đơn vị"), answer["text"]
    assert "bằng lệnh nhacviec agencies import TỆP" in answer["text"]
    assert "reply_markup" not in answer
    assert english["text"].startswith("don-vi.csv is an agency catalogue"), english["text"]
    assert "with nhacviec agencies import FILE" in english["text"]
    async with bot.database.session() as session:
        assert (await session.exec(select(ImportRequest))).all() == []


async def test_a_catalogue_file_sent_to_the_bot_is_not_read_as_a_directive(bot: Harness) -> None:
    # A coordinator on the phone sends the province's updated agencies.csv to the bot. It is
    # not a directive: asking for its date of issue (and then previewing its rows as tasks)
    # misleads; the answer says how a catalogue is loaded.
    catalogue = (
        "name,short_name,aliases\nSở Tài chính,STC,Sở Kế hoạch và Đầu tư;Sở KH&ĐT\n"
        "Sở Xây dựng,SXD,Sở Giao thông vận tải;Sở GTVT\n"
    )
    bang, office = await _coordinator(bot)

    answer = (await _send(bot, bang, office, "agencies.csv", catalogue.encode()))["text"]

    assert "/fix ngay" not in answer, answer
    assert "nhacviec agencies import" in answer, answer


async def test_a_document_with_a_title_of_pages_gets_a_preview_with_its_beginning(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    text = (
        "UBND TỈNH X\nSố: 12/TB-VP\nTHÔNG BÁO\n"
        + "KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH VỀ TÌNH HÌNH KINH TẾ XÃ HỘI " * 80
        + "\nNgày 05 tháng 01 năm 2023\n"
        "1. Giao Sở Tài chính rà soát, báo cáo trước ngày 15/3/2023.\n"
    )

    preview = await _send(bot, bang, office, "thong-bao.txt", text.encode())

    title = preview["text"].splitlines()[1]
    assert title.startswith("KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH")
    assert title.endswith("…") and len(title) <= IMPORT_TITLE_PREVIEW
    assert "1. Sở Tài chính — 15/03/2023" in preview["text"]


def _long_notice(tasks: int = 60) -> bytes:
    """A directive whose preview takes several messages."""
    return (
        "Số: 12/TB-VP\nTHÔNG BÁO\nKết luận\nNgày 05 tháng 01 năm 2023\n"
        + "".join(
            f"{n}. Giao Sở Tài chính chủ trì, phối hợp Sở Y tế rà soát, báo cáo kết quả thực hiện "
            f"nhiệm vụ số {n} về đầu tư công, hoàn thành trước ngày {n % 28 + 1}/3/2023.\n"
            for n in range(1, tasks + 1)
        )
    ).encode()


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handlers, "REPLY_RETRY_DELAYS", (0.01, 0.02))


@pytest.mark.usefixtures("quick_retries")
async def test_a_part_of_a_long_preview_telegram_fails_is_sent_again_and_the_rest_follows(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    # The first part goes through; Telegram answers 502 to the second, once.
    bot.server.inject(Fault(200), method="sendMessage", chat_id=office["id"])
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=office["id"])
    before = len(bot.server.sent_messages(office["id"]))

    preview = await _send(bot, bang, office, "thong-bao.txt", _long_notice())

    parts = bot.server.sent_messages(office["id"])[before:]
    assert len(parts) >= 3 and "reply_markup" in parts[-1]
    assert all(preview["text"].count(f"nhiệm vụ số {n} ") == 1 for n in range(1, 61))
    buttons = [b["text"] for b in preview["reply_markup"]["inline_keyboard"][0]]
    assert buttons[0] == "💾 Lưu 60 nhiệm vụ"


@pytest.mark.usefixtures("quick_retries")
async def test_a_preview_telegram_keeps_failing_says_how_to_get_it_back(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    bot.server.inject(Fault(200), method="sendMessage", chat_id=office["id"])
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=office["id"], times=3)
    before = len(bot.server.sent_messages(office["id"]))

    await _send(bot, bang, office, "thong-bao.txt", _long_notice())

    first, told = bot.server.sent_messages(office["id"])[before:]
    assert (
        first["text"].startswith("📄 Thông báo kết luận 12/TB-VP") and "reply_markup" not in first
    )
    assert told["text"] == (
        "⚠️ Telegram đang trục trặc nên bản xem trước chưa đến đủ (thiếu các nút Lưu, Hủy). "
        "Để xem lại, sau ít phút hãy gửi /fix xem."
    )


def _save_button(preview: JSON) -> str:
    return str(preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"])


def _read_when_let(let: Any, job: ReadJob) -> Reading | Unreadable:
    """A document that takes as long to read as the test wants: until `let` is set."""
    let.wait()
    return read_document(job)


def _slow_when_named(let: Any, job: ReadJob) -> Reading | Unreadable:
    """A file whose name starts with "slow" is read only once the test lets it (a big file)."""
    if job.filename.startswith("slow"):
        let.wait()
    return read_document(job)


def _slow_when_dated(let: Any, job: ReadJob) -> Reading | Unreadable:
    """A read from 01/03/2024 as the date of issue waits until the test lets it."""
    if job.issued_on is not None and job.issued_on.isoformat() == "2024-03-01":
        let.wait()
    return read_document(job)


def _dies(job: ReadJob) -> Reading | Unreadable:
    """A reader that dies halfway, as one out of memory would."""
    os._exit(1)


def _tells_its_pid_and_waits(job: ReadJob) -> Reading | Unreadable:
    """A reader that writes its process id where the file's name says, then never ends."""
    Path(job.filename).write_text(str(os.getpid()))
    time.sleep(3600)
    raise AssertionError("killed long before")


async def test_a_reader_that_dies_gets_a_clear_answer(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    bot.application.bot_data[READER_KEY] = DocumentReader(_dies)

    answer = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    assert answer["text"].startswith("Không đọc được văn bản: trình đọc dừng giữa chừng")


async def test_a_read_cancelled_with_the_bot_ends_its_worker(tmp_path: Path) -> None:
    told = tmp_path / "worker.pid"
    job = ReadJob(b"", str(told), catalogue=(), max_bytes=1)
    reading = asyncio.create_task(
        DocumentReader(_tells_its_pid_and_waits).read(job, time_limit=3600)
    )
    assert await _eventually(lambda: told.exists() and told.read_text() != "")  # it started
    reading.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reading

    assert multiprocessing.active_children() == []
    assert _gone(int(told.read_text()))  # killed, and reaped


async def test_a_read_cancelled_while_its_worker_starts_leaves_none_running() -> None:
    job = ReadJob(b"", "thong-bao.txt", catalogue=(), max_bytes=1)
    reading = asyncio.create_task(DocumentReader(_fails).read(job, time_limit=3600))
    await asyncio.sleep(0)  # the read has begun starting its worker

    reading.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reading

    assert multiprocessing.active_children() == []


async def test_a_read_past_its_time_limit_ends_its_worker_before_it_answers(
    tmp_path: Path,
) -> None:
    told = tmp_path / "worker.pid"
    job = ReadJob(b"", str(told), catalogue=(), max_bytes=1)

    # Ten seconds: time enough for the worker to start and tell its pid on a busy machine (three
    # were not, with two test runs at once on two cores).
    with pytest.raises(ReadTimedOut):
        await DocumentReader(_tells_its_pid_and_waits).read(job, time_limit=10)

    assert multiprocessing.active_children() == []
    assert _gone(int(told.read_text()))  # killed, and reaped


def _fails(job: ReadJob) -> Reading | Unreadable:
    """A reader with a bug."""
    raise LookupError(f"no reading for {job.filename}")


async def test_a_reader_that_fails_raises_its_error_here() -> None:
    job = ReadJob(b"", "thong-bao.txt", catalogue=(), max_bytes=1)

    with pytest.raises(LookupError, match="no reading for thong-bao"):
        await DocumentReader(_fails).read(job, time_limit=60)

    assert multiprocessing.active_children() == []


async def _eventually(condition: Callable[[], bool]) -> bool:
    """Whether another process brings the condition about (looked at for up to a minute)."""
    for _ in range(1200):
        if condition():
            return True
        await asyncio.sleep(0.05)  # another process: there is no event to wait on
    return condition()


def _gone(pid: int) -> bool:
    """Whether the process has ended and been reaped (a zombie is still there)."""
    return not Path(f"/proc/{pid}").exists()


@contextlib.contextmanager
def _reader(bot: Harness, work: Callable[[Any, ReadJob], Reading | Unreadable]) -> Iterator[Any]:
    """Documents are read by work(let, job), let being the event this yields (set at the end)."""
    with multiprocessing.Manager() as manager:
        let = manager.Event()
        bot.application.bot_data[READER_KEY] = DocumentReader(partial(work, let))
        try:
            yield let
        finally:
            let.set()


@pytest.fixture
def held_reader(bot: Harness) -> Iterator[Any]:
    """Documents are read only once the test sets the event this yields (never: too long)."""
    with _reader(bot, _read_when_let) as let:
        yield let


async def test_the_bot_answers_other_chats_while_a_document_is_read(
    bot: Harness, held_reader: Any
) -> None:
    bang, office = await _coordinator(bot)
    lan = bot.server.add_user("Lan")
    private = bot.server.add_private_chat(lan)
    before = len(bot.server.sent_messages(office["id"]))

    bot.server.user_sends_document(office, bang, "thong-bao.txt", SAMPLE.read_bytes())
    (answer,) = await bot.say(lan, private, "/help")  # while the document is still being read

    assert answer["text"].startswith("Các lệnh")
    assert bot.server.sent_messages(office["id"])[before:] == []
    held_reader.set()
    preview = await _answer(bot, office, before)
    assert preview["text"].startswith("📄 Thông báo kết luận (không số), ngày 05/01/2023")


async def test_a_date_given_while_the_preview_is_saved_is_not_dropped_silently(
    bot: Harness, held_reader: Any
) -> None:
    bang, office = await _coordinator(bot)
    held_reader.set()
    preview = await _send(bot, bang, office, "tb.txt", _notice("04"))
    held_reader.clear()

    bot.server.user_sends(office, bang, "/fix ngay 01/04/2024")  # read again, held
    (saved,) = await bot.press(bang, office, preview, _button(preview, "💾"))
    before = len(bot.server.sent_messages(office["id"]))
    held_reader.set()
    (told,) = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"]))[before:]

    assert saved["text"].startswith("✅ Đã lưu: 2 nhiệm vụ mới")
    assert told["text"].startswith(
        "⚠️ Văn bản đã được lưu trước khi đọc lại xong theo ngày ban hành 01/04/2024"
    )
    assert "/fix ngay 01/04/2024" in told["text"]


UNDATED = "Giao Sở Tài chính báo cáo kết quả rà soát trong 10 ngày làm việc.".encode()


# How long the late reading's answer is waited for: a first read starts the fork server
# (imports the reader), seconds on a loaded machine.
TIMEOUT = 90


async def test_the_last_date_of_issue_the_officer_gives_is_the_one_saved(bot: Harness) -> None:
    """A document without its date: the officer sends /fix ngay 01/03/2024, sees the mistake and
    sends /fix ngay 04/03/2024 at once. The second reading ends first and shows the preview from
    04/03/2024 (due 18/03/2024); the first ends later. The last date typed stands, and saving
    saves the task due 18/03/2024. A re-read that finished last used to win: the task was saved
    due 15/03/2024, counted from a date the officer had corrected."""
    bang, office = await _coordinator(bot)
    with _reader(bot, _slow_when_dated) as let:
        await _send(bot, bang, office, "cv.txt", UNDATED)
        bot.server.user_sends(office, bang, "/fix ngay 01/03/2024")
        second = await _fix(bot, bang, office, "/fix ngay 04/03/2024")
        assert "1. Sở Tài chính — 18/03/2024" in second["text"]
        before = len(bot.server.sent_messages(office["id"]))
        let.set()
        # The late reading is answered (a preview, or a word that it came too late); a bot that
        # drops it unanswered is waited for TIMEOUT seconds, then the saved task tells.
        with contextlib.suppress(TimeoutError):
            await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=TIMEOUT)
        # Whatever the bot answered to the late reading, the newest 💾 saves what is kept.
        last = [m for m in bot.server.sent_messages(office["id"]) if "reply_markup" in m][-1]
        (saved,) = await bot.press(bang, office, last, _button(last, "💾"))

    assert saved["text"].startswith("✅ Đã lưu: 1 nhiệm vụ mới")
    assert [deadline for _, deadline in await _saved_tasks(bot)] == ["2024-03-18"]


async def test_a_document_that_takes_too_long_to_read_is_abandoned_with_a_clear_answer(
    bot: Harness, held_reader: Any
) -> None:
    bang, office = await _coordinator(bot)
    services_of(bot.application).settings.importer.max_read_seconds = 0.5

    answer = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    assert answer["text"] == (
        "Đọc văn bản quá lâu (hơn 0,5 giây) nên đã dừng, không nhập gì. Hãy gửi bản gọn hơn, "
        "chỉ gồm phần giao nhiệm vụ."
    )
    assert (await _fix(bot, bang, office, "/fix 2 bo"))["text"].startswith(
        "Không có văn bản nào đang chờ lưu"
    )


async def test_a_file_over_telegrams_download_limit_gets_a_clear_answer(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    services_of(bot.application).settings.importer.max_megabytes = 50  # for `nhacviec import`

    answer = await _send(bot, bang, office, "ke-hoach.txt", b"x" * 21_000_000)

    assert answer["text"] == (
        "Tệp quá lớn (20,03 MB): Telegram chỉ cho bot tải tệp đến 20 MB. Hãy gửi bản nhỏ hơn, "
        "hoặc nhập trên máy chủ bằng nhacviec import."
    )


async def test_a_task_number_written_with_a_hash_is_fixed_like_any_other(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    dropped = await _fix(bot, bang, office, "/fix #2 bo")
    later = await _fix(bot, bang, office, "/fix #15 chutri Sở Tài chính")
    (saved,) = await bot.press(bang, office, later, _save_button(later))

    assert dropped["text"].startswith("🗑 Đã bỏ nhiệm vụ 2, không lưu:")
    assert "15. Sở Tài chính — 31/03/2023" in later["text"]
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )


async def test_a_fix_of_a_task_the_document_does_not_have_is_refused(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    wrong = await _fix(bot, bang, office, "/fix 99 han 30/04/2023")
    none = await _fix(bot, bang, office, "/fix 0 bo")

    assert wrong["text"] == (
        "Không có nhiệm vụ số 99 trong văn bản này (văn bản có 15 nhiệm vụ); chưa sửa gì."
    )
    assert none["text"] == (
        "Không có nhiệm vụ số 0 trong văn bản này (văn bản có 15 nhiệm vụ); chưa sửa gì."
    )


async def test_a_day_that_does_not_exist_waits_for_the_officers_date(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    notice = (
        "Số: 31/TB-UBND\nKiên Giang, ngày 05 tháng 01 năm 2023\nTHÔNG BÁO\n"
        "Kết luận của Chủ tịch UBND tỉnh\n"
        "1. Giao Sở Tài chính rà soát, hoàn thành trước ngày 31/4/2023.\n"
        "2. Giao Sở Tài chính báo cáo UBND tỉnh trước ngày 15/3/2023.\n"
    )

    preview = await _send(bot, bang, office, "thong-bao.txt", notice.encode())
    fixed = await _fix(bot, bang, office, "/fix 1 han 30/04/2023")

    assert "1. Sở Tài chính — chưa rõ hạn" in preview["text"]
    assert (
        "⚠️ “hoàn thành trước ngày 31/4/2023” không phải ngày có thật: /fix 1 han dd/mm/yyyy"
        in preview["text"]
    )
    assert "Lưu 1 nhiệm vụ" in str(preview["reply_markup"])  # the other one
    assert "1. Sở Tài chính — 30/04/2023" in fixed["text"]
    assert "không phải ngày có thật" not in fixed["text"]
    assert "Lưu 2 nhiệm vụ" in str(fixed["reply_markup"])


async def test_importing_a_directive_again_keeps_the_officers_corrections(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    await _fix(bot, bang, office, "/fix 2 han 28/02/2023")
    await _fix(bot, bang, office, "/fix 4 chutri Sở Y tế")
    fixed = await _fix(bot, bang, office, "/fix 1 bo")
    (first,) = await bot.press(bang, office, fixed, _save_button(fixed))
    assert (
        first["text"].split("\n")[0]
        == "✅ Đã lưu: 4 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    before = await _saved_tasks(bot)

    again = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    assert "\n1. " not in again["text"]
    assert "2. Sở Tài chính — 28/02/2023" in again["text"]
    assert "4. Sở Y tế — " in again["text"]
    assert again["text"].endswith(
        "Giữ các sửa đổi của lần nhập trước: bỏ 1 mục, 1 cơ quan chủ trì, 1 hạn.\n"
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 4 đã có từ trước."
    )
    assert not _offers_to_save(again)
    assert await _saved_tasks(bot) == before


async def test_the_same_notice_saved_again_with_other_line_ends_is_not_imported_twice(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)  # the sample has no number: only its text tells
    first = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    await bot.press(bang, office, first, _save_button(first))
    saved = await _saved_tasks(bot)

    crlf = SAMPLE.read_bytes().replace(b"\n", b"\r\n")
    again = await _send(bot, bang, office, "thong-bao.txt", crlf)

    assert "ℹ️ Văn bản này đã được nhập trước đây" in again["text"]
    assert "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 5 đã có từ trước." in again["text"]
    assert not _offers_to_save(again)
    assert await _saved_tasks(bot) == saved


MULTILINE_UNDATED = (
    "CÔNG VĂN\nVề việc rà soát nguồn vốn\n"
    "1. Giao Sở Tài chính báo cáo kết quả rà soát trong 10 ngày làm việc.\n"
    "2. Giao Sở Y tế báo cáo kết quả kiểm tra trong 15 ngày làm việc.\n"
)


async def test_an_undated_directive_saved_again_with_windows_line_ends_is_not_asked_its_date(
    bot: Harness,
) -> None:
    """A document without a date is imported with /fix ngay 01/03/2024 and saved. The same text
    comes back saved with Windows line ends (another officer's copy). README: imported again,
    "the same text saved with other bytes, such as Windows line ends ... a file that gives no
    date is read from the one it was saved with, not asked again". So it is read from
    01/03/2024, not asked "Văn bản không ghi ngày ban hành ... /fix ngay" as a new document: the
    earlier date is found by the text as well as by the very same bytes (the file's sha256)."""
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "cv.txt", MULTILINE_UNDATED.encode())
    preview = await _fix(bot, bang, office, "/fix ngay 01/03/2024")
    (saved,) = await bot.press(bang, office, preview, _button(preview, "💾"))
    assert saved["text"].startswith("✅ Đã lưu: 2 nhiệm vụ mới")

    again = await _send(
        bot, bang, office, "cv (1).txt", MULTILINE_UNDATED.replace("\n", "\r\n").encode()
    )

    assert "/fix ngay" not in again["text"], again["text"]
    assert "ngày 01/03/2024" in again["text"].split("\n")[0]


def _docx(paragraphs: list[str], author: str) -> bytes:
    document = docx.Document()
    document.core_properties.author = author
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_document_saved_again_has_other_bytes_but_the_same_text() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    job = partial(ReadJob, catalogue=(), max_bytes=1_000_000)

    as_text = read_now(job(SAMPLE.read_bytes(), "thong-bao.txt"))
    with_crlf = read_now(job(SAMPLE.read_bytes().replace(b"\n", b"\r\n"), "thong-bao.txt"))
    as_docx = read_now(job(_docx(lines, "Bằng"), "thong-bao.docx"))
    resaved = read_now(job(_docx(lines, "Minh"), "thong-bao.docx"))

    assert as_text.draft.sha256 != with_crlf.draft.sha256
    assert as_text.text_sha256 == with_crlf.text_sha256
    assert as_docx.draft.sha256 != resaved.draft.sha256
    assert as_docx.text_sha256 == resaved.text_sha256


async def _coordinators_group(bot: Harness) -> tuple[JSON, JSON, JSON]:
    """Bằng and Minh, both coordinators, in the coordinators' group."""
    bang, minh = bot.server.add_user("Bằng"), bot.server.add_user("Minh")
    group = bot.server.add_group("Văn phòng", [bang, minh])
    await bot.register(bang, group, None, Role.COORDINATOR)
    await bot.register(minh, bot.server.add_private_chat(minh), None, Role.COORDINATOR)
    return bang, minh, group


async def test_two_coordinators_in_one_group_each_correct_their_own_document(
    bot: Harness,
) -> None:
    bang, minh, group = await _coordinators_group(bot)
    his = await _send(bot, bang, group, "thong-bao.txt", SAMPLE.read_bytes())
    other = "Số: 7/TB-VP\nTHÔNG BÁO\nNgày 01 tháng 03 năm 2024\n" + "".join(
        f"{i}. Giao Sở Y tế rà soát việc số {i}, báo cáo trước ngày {i}/4/2024.\n"
        for i in (1, 2, 3)
    )
    theirs = await _send(bot, minh, group, "khac.txt", other.encode())

    fixed = await _fix(bot, bang, group, "/fix 2 bo")  # Bằng means task 2 of his notice
    (saved,) = await bot.press(bang, group, fixed, _save_button(fixed))
    (also,) = await bot.press(minh, group, theirs, _save_button(theirs))

    assert fixed["text"].startswith("🗑 Đã bỏ nhiệm vụ 2, không lưu:\n2. (đã bỏ) Tham mưu")
    assert _save_button(his) != _save_button(fixed)
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 4 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    assert (
        also["text"].split("\n")[0]
        == "✅ Đã lưu: 3 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )


async def test_a_colleague_cannot_press_the_buttons_of_my_preview(bot: Harness) -> None:
    bang, minh, group = await _coordinators_group(bot)
    his = await _send(bot, bang, group, "thong-bao.txt", SAMPLE.read_bytes())

    refused = [
        await bot.alert(minh, group, his, _button(his, label)) for label in ("💾", "👥", "✖️")
    ]
    fixed = await _fix(bot, bang, group, "/fix 2 bo")  # his preview is still his

    not_yours = "Đây là bản xem trước văn bản của người khác gửi"
    assert all(text.startswith(not_yours) for text in refused)
    assert fixed["text"].startswith("🗑 Đã bỏ nhiệm vụ 2, không lưu:")


NOTICE = (
    "Số: 31/TB-UBND\nKiên Giang, ngày 05 tháng 01 năm 2023\nTHÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND tỉnh\n"
    "1. Giao Sở Tài chính rà soát nguồn vốn, hoàn thành trước ngày 30/4/2023.\n"
    "2. Giao Sở Y tế báo cáo UBND tỉnh trước ngày 15/3/2023.\n"
)


async def test_a_colleague_fixing_a_preview_in_the_group_is_not_told_there_is_none(
    bot: Harness,
) -> None:
    """In the coordinators' group Bằng sends a directive; its preview is right there. Minh, a
    coordinator too, types /fix 2 han 20/03/2023 (or /fix xem) under it. Only Bằng may correct
    it (README), and Minh hears so, as a tap on its buttons tells him ("Đây là bản xem trước văn
    bản của người khác gửi"). "Không có văn bản nào đang chờ lưu trong cuộc trò chuyện này. Hãy
    gửi tệp văn bản." would be false, and would invite him to send the file again and start a
    second preview of the same directive."""
    bang, minh = bot.server.add_user("Bằng"), bot.server.add_user("Minh")
    group = bot.server.add_group("Văn phòng", [bang, minh])
    await bot.register(bang, group, None, Role.COORDINATOR)
    await _send(bot, bang, group, "tb.txt", NOTICE.encode())

    answer = await _fix(bot, minh, group, "/fix 2 han 20/03/2023")

    assert not answer["text"].startswith("Không có văn bản nào đang chờ"), answer["text"]


async def test_an_anonymous_administrator_is_asked_to_import_as_himself(bot: Harness) -> None:
    """In the coordinators' group, an administrator who remains anonymous sends a directive:
    Telegram sends it as the group, from the GroupAnonymousBot user every anonymous
    administrator shares, so a preview it owned would be any of theirs to correct, save or
    cancel. None is made: he is asked to turn off "remain anonymous" (or to write in private),
    and a /fix sent so hears the same."""
    bang = bot.server.add_user("Bằng")
    group = bot.server.add_group("Văn phòng", [bang, GROUP_ANONYMOUS_BOT])
    await bot.register(bang, group, None, Role.COORDINATOR)

    before = len(bot.server.sent_messages(group["id"]))
    bot.server.user_sends_document(
        group, GROUP_ANONYMOUS_BOT, "tb.txt", NOTICE.encode(), as_chat=True
    )
    document = await _answer(bot, group, before)
    before = len(bot.server.sent_messages(group["id"]))
    bot.server.user_sends_as_chat(group, GROUP_ANONYMOUS_BOT, "/fix 2 han 20/03/2023")
    fix = await _answer(bot, group, before)

    assert document["text"] == (
        "Bạn đang gửi với tư cách nhóm (quản trị viên ẩn danh): bot không biết ai gửi, nên không "
        "nhập văn bản hay sửa bản xem trước theo tin nhắn này (mọi quản trị viên ẩn danh đều "
        "gửi dưới cùng một tên). Hãy tắt “Ẩn danh” (Remain anonymous) trong quyền quản trị viên "
        "của bạn rồi gửi lại, hoặc nhắn riêng với bot."
    )
    assert fix["text"] == document["text"]
    async with bot.database.session() as session:
        assert (await session.exec(select(ImportRequest))).all() == []


async def test_a_new_document_replaces_the_preview_before_it_only_once_it_reads(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    good = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    scan = await _send(bot, bang, office, "scan.pdf", _blank_pdf())
    still = await _fix(bot, bang, office, "/fix 2 bo")  # the notice's preview is still there
    other = "Số: 7/TB-VP\nTHÔNG BÁO\nNgày 01 tháng 03 năm 2024\n1. Giao Sở Y tế rà soát.\n"
    replacing = await _send(bot, bang, office, "khac.txt", other.encode())
    old_button = await bot.alert(bang, office, good, _save_button(good))

    assert scan["text"].startswith("Tệp PDF này là bản quét")
    assert still["text"].startswith("🗑 Đã bỏ nhiệm vụ 2, không lưu:")
    assert replacing["text"].endswith(
        "ℹ️ Văn bản bạn gửi trước (thong-bao.txt) chưa lưu và đã được thay bằng văn bản này."
    )
    assert old_button == (
        "Bản xem trước này đã bị hủy (hoặc thay bằng văn bản gửi sau), không lưu gì."
    )


OTHER = (
    "Số: 7/TB-VP\nTHÔNG BÁO\nNgày 01 tháng 03 năm 2024\n"
    "1. Giao Sở Y tế rà soát việc số 1, báo cáo trước ngày 15/4/2024.\n"
)


async def test_an_older_file_read_late_does_not_replace_the_preview_of_the_one_sent_after_it(
    bot: Harness,
) -> None:
    """The officer sends a big file, sees it is the wrong one and at once sends the right one,
    whose preview comes first; they correct it (/fix 1 han 20/04/2024) and go to save it. The
    big file's reading then ends: it does not take the place of the preview of the file sent
    after it (README: "a new document replaces its sender's earlier preview"; previews follow
    the order the files were sent in, not the order their readings end). Its answer does not say
    "Văn bản bạn gửi trước (dung.txt) ... đã được thay bằng văn bản này", and the corrected
    preview's 💾 still saves."""
    bang, office = await _coordinator(bot)
    with _reader(bot, _slow_when_named) as let:
        bot.server.user_sends_document(office, bang, "slow-nham.txt", NOTICE.encode())
        await _send(bot, bang, office, "dung.txt", OTHER.encode())
        fixed = await _fix(bot, bang, office, "/fix 1 han 20/04/2024")
        assert "20/04/2024" in fixed["text"]
        before = len(bot.server.sent_messages(office["id"]))
        let.set()
        late = await _answer(bot, office, before)

        assert "(dung.txt)" not in late["text"], late["text"]
        popup = await bot.alert(bang, office, fixed, _button(fixed, "💾"))
        assert "không hợp lệ" not in popup, popup


async def test_a_preview_with_no_task_ready_offers_no_save(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    unknown = (
        "Số: 7/TB-VP\nTHÔNG BÁO\nNgày 01 tháng 03 năm 2024\n"
        "1. Giao Sở Du lịch rà soát, báo cáo trước ngày 15/4/2024.\n"
    )

    preview = await _send(bot, bang, office, "khac.txt", unknown.encode())
    forged = await bot.alert(bang, office, preview, _save_button(preview).replace("cancel", "save"))

    buttons = [b["text"] for b in preview["reply_markup"]["inline_keyboard"][0]]
    assert buttons == ["✖️ Hủy"]
    assert forged == "Chưa có nhiệm vụ nào sẵn sàng để lưu: hãy sửa bằng /fix, hoặc bấm ✖️ Hủy."
    assert await _saved_tasks(bot) == []


async def test_the_save_button_of_an_unchanged_reimport_does_not_offer_to_save_its_tasks_again(
    bot: Harness,
) -> None:
    """The notice saved, the same file sent again is previewed as "Lưu lần này: 0 nhiệm vụ mới,
    0 nhiệm vụ đổi hạn, 5 đã có từ trước", and no button reads "💾 Lưu 5 nhiệm vụ", as if
    pressing it would save the five tasks a second time (the command line says "Không có gì
    để lưu" and asks nothing)."""
    bang, office = await _coordinator(bot)
    first = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    save = first["reply_markup"]["inline_keyboard"][0][0]
    assert save["text"] == "💾 Lưu 5 nhiệm vụ"
    await bot.press(bang, office, first, save["callback_data"])

    again = await _send(bot, bang, office, "thong-bao (1).txt", SAMPLE.read_bytes())

    assert again["text"].endswith(
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 5 đã có từ trước."
    )
    labels = [b["text"] for row in again["reply_markup"]["inline_keyboard"] for b in row]
    assert "💾 Lưu 5 nhiệm vụ" not in labels, labels


async def test_an_import_button_works_only_in_the_chat_of_its_preview(bot: Harness) -> None:
    bang, minh, group = await _coordinators_group(bot)
    private = bot.server.add_private_chat(bang)
    preview = await _send(bot, bang, private, "thong-bao.txt", SAMPLE.read_bytes())
    (elsewhere,) = await bot.say(minh, group, "/help")

    for action in ("save", "cancel"):
        forged = _save_button(preview).replace("save", action)
        refused = await bot.alert(minh, group, elsewhere, forged)
        assert refused == "Nút này không hợp lệ hoặc đã cũ."
    (saved,) = await bot.press(bang, private, preview, _save_button(preview))
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )


async def test_a_second_tap_on_save_does_not_say_the_button_is_invalid(bot: Harness) -> None:
    """On a phone the officer taps 💾 twice (the first tap seemed not to take). The first saves;
    the second says the document is saved already ("Văn bản này đã được lưu."), or nothing. A
    modal alert "Nút này không hợp lệ hoặc đã cũ." (this button is not valid) would read as if
    saving failed."""
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "tb.txt", NOTICE.encode())
    data = _button(preview, "💾")
    first = bot.server.press_button(office, bang, preview["message_id"], data)
    second = bot.server.press_button(office, bang, preview["message_id"], data)
    await bot.server.wait_for_answer(first["id"])
    answer = await bot.server.wait_for_answer(second["id"])

    assert len(await _saved_tasks(bot)) == 2  # saved once: no duplicate
    assert "không hợp lệ" not in str(answer.get("text", "")), answer


# --------------------------------------------------------------------------------------------
# /fix on a long preview: one short answer, several tasks at once, buttons of their version
# --------------------------------------------------------------------------------------------


async def _all_sent_for(bot: Harness, user: JSON, chat: JSON, text: str) -> list[JSON]:
    """Every message the bot sends for a text: those before its answer to a /help sent right
    after (updates are handled one at a time, so the text's are all sent by then)."""
    before = len(bot.server.sent_messages(chat["id"]))
    bot.server.user_sends(chat, user, text)
    bot.server.user_sends(chat, user, "/help")
    count = before + 1
    while True:
        sent = (await bot.server.wait_for_messages(count, chat_id=chat["id"], timeout=15))[before:]
        if sent[-1]["text"].startswith("Các lệnh"):
            return sent[:-1]
        count += 1


def _buttons(message: JSON) -> list[list[str]]:
    return [[b["text"] for b in row] for row in message["reply_markup"]["inline_keyboard"]]


def _offers_to_save(message: JSON) -> bool:
    """Whether a preview has a 💾 button: not when saving would change nothing."""
    return any(label.startswith("💾") for row in _buttons(message) for label in row)


def _button(message: JSON, label: str) -> str:
    """The data of the button whose text starts with label."""
    rows = message["reply_markup"]["inline_keyboard"]
    return next(str(b["callback_data"]) for row in rows for b in row if b["text"].startswith(label))


async def _saved_leads(bot: Harness) -> dict[str, tuple[str, str | None]]:
    """Saved tasks by summary: their lead agency and deadline."""
    async with bot.database.session() as session:
        rows = (
            await session.exec(
                select(Task, Agency)
                .join(TaskAgency, col(TaskAgency.task_id) == col(Task.id))
                .join(Agency, col(Agency.id) == col(TaskAgency.agency_id))
                .where(TaskAgency.role == AgencyRole.LEAD)
            )
        ).all()
    return {
        str(task.summary): (lead.name, task.deadline.isoformat() if task.deadline else None)
        for task, lead in rows
    }


async def test_a_fix_of_a_long_preview_is_answered_in_one_short_message(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    before = len(bot.server.sent_messages(office["id"]))
    await _send(bot, bang, office, "thong-bao.txt", _long_notice())
    assert len(bot.server.sent_messages(office["id"])) - before >= 3  # the preview, in parts

    (lead,) = await _all_sent_for(bot, bang, office, "/fix 7 chutri Sở Y tế")
    (deadlines,) = await _all_sent_for(bot, bang, office, "/fix 1-60 han 30/04/2023")
    (dropped,) = await _all_sent_for(bot, bang, office, "/fix 3,5 bo")

    assert lead["text"] == (
        "✏️ Đã sửa nhiệm vụ 7:\n"
        "7. Sở Y tế — 08/03/2023\n"
        "    Rà soát, báo cáo kết quả thực hiện nhiệm vụ số 7 về đầu tư công, hoàn thành trước "
        "ngày 8/3/2023\n"
        "    (theo “hoàn thành trước ngày 8/3/2023”)\n\n"
        "60 nhiệm vụ sẵn sàng lưu, 0 cần sửa. Xem toàn bộ: /fix xem."
    )
    assert _buttons(lead) == [["💾 Lưu 60 nhiệm vụ", "✖️ Hủy"], ["📄 Xem toàn bộ"]]
    # Sixty tasks corrected: the first five shown, the others counted.
    assert deadlines["text"].startswith("✏️ Đã sửa nhiệm vụ 1–60:\n1. Sở Tài chính — 30/04/2023")
    assert "5. Sở Tài chính — 30/04/2023" in deadlines["text"]
    assert "\n6. " not in deadlines["text"]
    assert "… và 55 nhiệm vụ khác.\n\n60 nhiệm vụ sẵn sàng lưu, 0 cần sửa." in deadlines["text"]
    assert dropped["text"].startswith("🗑 Đã bỏ nhiệm vụ 3, 5, không lưu:\n3. (đã bỏ) Rà soát")
    assert "58 nhiệm vụ sẵn sàng lưu, 0 cần sửa." in dropped["text"]
    assert _buttons(dropped)[0][0] == "💾 Lưu 58 nhiệm vụ"


async def test_saving_after_several_fixes_saves_what_the_last_answer_shows(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    await _fix(bot, bang, office, "/fix 5,8,9 chutri Sở Y tế")
    await _fix(bot, bang, office, "/fix 15 chutri Văn phòng UBND tỉnh")
    await _fix(bot, bang, office, "/fix 2 han 28/02/2023")
    last = await _fix(bot, bang, office, "/fix 1 bo")
    (saved,) = await bot.press(bang, office, last, _button(last, "💾"))

    assert _buttons(last)[0][0] == "💾 Lưu 8 nhiệm vụ"
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 8 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    leads = await _saved_leads(bot)
    assert len(leads) == 8
    assert not any(s.startswith("Phải khẩn trương cụ thể hóa") for s in leads)  # task 1
    assert leads["Thường xuyên kiểm tra, giám sát để đôn đốc tiến độ thực hiện"] == (
        "Sở Y tế",
        None,
    )
    assert {
        lead for s, (lead, _) in leads.items() if s.startswith(("Kịp thời", "Tăng cường p"))
    } == {"Sở Y tế"}
    (task_2,) = [v for s, v in leads.items() if s.startswith("Tham mưu UBND tỉnh ban hành")]
    assert task_2 == ("Sở Tài chính", "2023-02-28")
    (task_15,) = [v for s, v in leads.items() if s.startswith("Ngay sau kỳ nghỉ Tết")]
    assert task_15 == ("Văn phòng UBND tỉnh", "2023-03-31")


async def test_a_button_sent_before_a_fix_cannot_save_the_preview_it_showed(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    first = await _fix(bot, bang, office, "/fix 2 bo")
    second = await _fix(bot, bang, office, "/fix 15 chutri Sở Tài chính")
    await _fix(bot, bang, office, "/fix 99 bo")  # refused: the preview stays as it was
    request_id = _save_button(preview).split(":")[2]

    stale = [
        await bot.alert(bang, office, preview, _save_button(preview)),
        await bot.alert(bang, office, first, _button(first, "💾")),
        await bot.alert(bang, office, preview, f"imp:save:{request_id}:0123456789ab"),  # forged
        await bot.alert(bang, office, preview, f"imp:save:{request_id}"),  # of no version
    ]

    assert stale == [
        "Bản xem trước đã thay đổi sau tin nhắn này, nên nút này không lưu được. "
        "Hãy bấm 💾 ở tin nhắn mới nhất, hoặc gửi /fix xem."
    ] * len(stale)
    assert await _saved_tasks(bot) == []
    (saved,) = await bot.press(bang, office, second, _button(second, "💾"))
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    texts = [text for text, _deadline in await _saved_tasks(bot)]
    assert not any(t.startswith("Sở Kế hoạch và Đầu tư căn cứ vào Nghị quyết") for t in texts)
    closed = await bot.alert(bang, office, preview, _save_button(preview))
    assert closed == "Văn bản này đã được lưu."


async def test_several_tasks_are_corrected_at_once_by_a_list_or_a_range(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    leads = await _fix(bot, bang, office, "/fix 5, 8-9 chutri Sở Y tế")
    deadlines = await _fix(bot, bang, office, "/sua #12,14 hạn 30/04/2023")
    dropped = await _fix(bot, bang, office, "/fix 3,4 bo")
    whole = await _fix(bot, bang, office, "/fix xem")

    assert leads["text"].startswith("✏️ Đã sửa nhiệm vụ 5, 8, 9:\n5. Sở Y tế — không có thời hạn")
    assert "\n8. Sở Y tế — " in leads["text"] and "\n9. Sở Y tế — " in leads["text"]
    assert "8 nhiệm vụ sẵn sàng lưu, 7 cần sửa." in leads["text"]
    assert deadlines["text"].startswith("✏️ Đã sửa nhiệm vụ 12, 14:\n12. Sở Y tế — 30/04/2023")
    assert "\n14. Bộ Chỉ huy Quân sự tỉnh — 30/04/2023" in deadlines["text"]
    assert dropped["text"].startswith("🗑 Đã bỏ nhiệm vụ 3, 4, không lưu:\n3. (đã bỏ) Phải sớm")
    assert _buttons(dropped)[0][0] == "💾 Lưu 7 nhiệm vụ"
    assert "\n3. " not in whole["text"] and "\n4. " not in whole["text"]
    assert "\n9. Sở Y tế — " in whole["text"] and "\n14. Bộ Chỉ huy Quân sự tỉnh — 30/04/2023"


async def test_a_wrong_number_in_a_list_changes_nothing_and_says_which(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    beyond = await _fix(bot, bang, office, "/fix 2,16,7-20,99 chutri Sở Y tế")
    zero = await _fix(bot, bang, office, "/fix 0,3 bo")
    unknown = await _fix(bot, bang, office, "/fix 2,5 chutri Sở Du lịch")
    (saved,) = await bot.press(bang, office, preview, _save_button(preview))

    assert beyond["text"] == (
        "Không có nhiệm vụ số 16–20, 99 trong văn bản này (văn bản có 15 nhiệm vụ); chưa sửa gì."
    )
    assert zero["text"].startswith("Không có nhiệm vụ số 0 trong văn bản này")
    assert unknown["text"] == "Không có đơn vị nào tên “Sở Du lịch” trong danh mục."
    # The preview's own button still saves: nothing was changed.
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    leads = await _saved_leads(bot)
    (task_2,) = [v for s, v in leads.items() if s.startswith("Tham mưu UBND tỉnh ban hành")]
    assert task_2 == ("Sở Tài chính", "2023-01-31")
    assert not any(s.startswith("Phải sớm cụ thể hóa") for s in leads)  # task 3, not dropped


async def test_the_whole_preview_is_shown_again_on_demand(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", _long_notice())
    fixed = await _fix(bot, bang, office, "/fix 7 chutri Sở Y tế")

    asked = await _all_sent_for(bot, bang, office, "/fix xem")
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.press_button(office, bang, fixed["message_id"], _button(fixed, "📄"))
    tapped = await _answer(bot, office, before)
    alias = await _fix(bot, bang, office, "/sua xem")

    whole = "\n".join(m["text"] for m in asked)
    assert len(asked) >= 3 and whole.startswith("📄 Thông báo kết luận 12/TB-VP")
    assert all(whole.count(f"nhiệm vụ số {n} ") == 1 for n in range(1, 61))
    assert "\n7. Sở Y tế — 08/03/2023" in whole and "\n8. Sở Tài chính — 09/03/2023" in whole
    assert tapped["text"] == whole and alias["text"] == whole
    assert _buttons(asked[-1]) == [["💾 Lưu 60 nhiệm vụ", "✖️ Hủy"]]
    # The same preview as the answer to the fix: either's button saves it.
    assert _save_button(asked[-1]) == _button(fixed, "💾")
    (saved,) = await bot.press(bang, office, asked[-1], _save_button(asked[-1]))
    assert saved["text"] == "✅ Đã lưu: 60 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."


async def test_the_whole_preview_of_a_document_still_undated_asks_for_its_date(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    undated = "Giao Sở Tài chính báo cáo kết quả rà soát trong 10 ngày làm việc.".encode()
    await _send(bot, bang, office, "cong-van.txt", undated)

    asked = await _fix(bot, bang, office, "/fix xem")
    fixed = await _fix(bot, bang, office, "/fix 1 bo")

    assert asked["text"].startswith("Văn bản không ghi ngày ban hành")
    assert fixed["text"] == asked["text"]


@pytest.mark.parametrize(
    ("typed", "spans"),
    [
        ("3", [(3, 3)]),
        ("#3", [(3, 3)]),
        ("3,5,7-9", [(3, 3), (5, 5), (7, 9)]),
        ("3, 5 ,7 - 9", [(3, 3), (5, 5), (7, 9)]),
        ("7–9", [(7, 9)]),  # a phone's dash
        ("9-7", [(7, 9)]),
        ("3,", [(3, 3)]),
        ("", None),
        ("ba", None),
        ("3-", None),
        ("3,x", None),
        ("²", None),
        ("12345678901", None),  # no number typed to the bot is that long
    ],
)
def test_task_numbers_are_read_as_typed(typed: str, spans: list[tuple[int, int]] | None) -> None:
    assert task_spans(typed) == spans


def test_task_numbers_outside_the_document_are_all_named_and_none_taken() -> None:
    assert task_numbers([(3, 3), (5, 5), (7, 9)], 15) == [3, 5, 7, 8, 9]
    assert task_numbers([(2, 4), (3, 3)], 15) == [2, 3, 4]
    with pytest.raises(NoSuchTasks) as refused:
        task_numbers([(0, 2), (14, 20), (99, 99), (4_000_000_000, 4_000_000_000)], 15)
    assert refused.value.wrong == [(0, 0), (16, 20), (99, 99), (4_000_000_000, 4_000_000_000)]
    assert number_ranges(refused.value.wrong) == "0, 16–20, 99, 4000000000"
    assert number_ranges([3, 4, 7, 8, 9, 12]) == "3, 4, 7–9, 12"
    assert number_ranges([(16, 16), (16, 20), (18, 25)]) == "16–25"


# --------------------------------------------------------------------------------------------
# /fix: tasks brought back, words as typed on a phone, an agency as written, one write
# --------------------------------------------------------------------------------------------


async def test_tasks_left_out_by_mistake_are_brought_back(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    none_yet = await _fix(bot, bang, office, "/fix 2 lai")
    dropped = await _fix(bot, bang, office, "/fix 1-15 bo")  # meant: /fix 1 bo
    back = await _fix(bot, bang, office, "/fix 2-15 lại")
    not_left_out = await _fix(bot, bang, office, "/fix 1,2,3 lai")  # only 1 is left out
    whole = await _fix(bot, bang, office, "/fix xem")

    assert none_yet["text"] == "Chưa bỏ nhiệm vụ nào nên không có gì để lấy lại; chưa sửa gì."
    assert "\nLấy lại nếu bỏ nhầm: /fix 1-15 lai\n\n0 nhiệm vụ sẵn sàng lưu" in dropped["text"]
    assert _buttons(dropped)[0] == ["✖️ Hủy"]
    assert back["text"].startswith(
        "↩️ Đã lấy lại nhiệm vụ 2–15:\n2. Sở Tài chính — 31/01/2023\n    Tham mưu UBND tỉnh"
    )
    assert "… và 9 nhiệm vụ khác.\n\n4 nhiệm vụ sẵn sàng lưu, 10 cần sửa." in back["text"]
    assert not_left_out["text"] == (
        "Nhiệm vụ 2, 3 không bị bỏ nên không cần lấy lại; chưa sửa gì. Các nhiệm vụ đang bỏ: 1."
    )
    assert "\n1. " not in whole["text"] and "\n15. ? — 31/03/2023" in whole["text"]
    # The buttons follow: those of the answer that left everything out no longer save, and
    # once task 1 is back too the preview is the first one again, whose button saves it.
    assert await bot.alert(bang, office, back, _button(dropped, "✖️").replace("cancel", "save"))
    assert _button(back, "💾") == _button(whole, "💾") != _save_button(preview)
    restored = await _fix(bot, bang, office, "/fix 1 LAI")
    assert _button(restored, "💾") == _save_button(preview)
    (saved,) = await bot.press(bang, office, preview, _save_button(preview))
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )


async def test_a_task_an_earlier_import_left_out_is_brought_back_for_good(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    dropped = await _fix(bot, bang, office, "/fix 2 bo")
    await bot.press(bang, office, dropped, _button(dropped, "💾"))  # 4 tasks saved

    again = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    back = await _fix(bot, bang, office, "/fix 2 lấy lại")
    (saved,) = await bot.press(bang, office, back, _button(back, "💾"))
    third = await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    assert "\n2. " not in again["text"] and "bỏ 1 mục" in again["text"]
    assert back["text"].startswith("↩️ Đã lấy lại nhiệm vụ 2:\n2. Sở Tài chính — 31/01/2023")
    assert "Lưu lần này: 1 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 4 đã có từ trước." in back["text"]
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 1 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 4 đã có từ trước."
    )
    # Saved with the task: the next import of the document no longer leaves it out.
    assert "\n2. Sở Tài chính — 31/01/2023" in third["text"] and "bỏ 1 mục" not in third["text"]


async def test_undoing_a_range_left_out_keeps_out_what_an_earlier_import_left_out(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())
    dropped = await _fix(bot, bang, office, "/fix 2 bo")
    await bot.press(bang, office, dropped, _button(dropped, "💾"))  # task 2 left out for good
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    oops = await _fix(bot, bang, office, "/fix 1-4 bo")  # a range typed by mistake
    undo = await _fix(bot, bang, office, "/fix 1-4 lai")  # as the hint says: all but task 2

    assert "Lấy lại nếu bỏ nhầm: /fix 1,3,4 lai" in oops["text"]
    assert undo["text"].startswith("↩️ Đã lấy lại nhiệm vụ 1, 3, 4:")
    assert "Nhiệm vụ 2 do lần nhập trước bỏ ra nên vẫn để bỏ" in undo["text"]
    # Back as saved: nothing to save.
    assert "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 4 đã có từ trước." in undo["text"]
    assert not _offers_to_save(undo)


def _notice(month: str) -> bytes:
    """Tasks due by the month of their heading: a later version moves them, text unchanged."""
    return (
        "Số: 7/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\nNgày 01 tháng 03 năm 2024\n"
        f"4. Về một số nhiệm vụ trọng tâm tháng {month}/2024\n"
        "- Sở Y tế tăng cường kiểm tra an toàn thực phẩm tại các bếp ăn tập thể.\n"
        "- Công an tỉnh bảo đảm an ninh trật tự dịp lễ.\n"
    ).encode()


async def test_a_preview_cannot_save_over_a_newer_version_saved_meanwhile(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    minh = bot.server.add_user("Minh")
    minh_chat = bot.server.add_private_chat(minh)
    await bot.register(minh, minh_chat, None, Role.COORDINATOR)
    first = await _send(bot, bang, office, "tb.txt", _notice("04"))
    await bot.press(bang, office, first, _button(first, "💾"))

    old = await _send(bot, bang, office, "tb.txt", _notice("03"))  # an older version, late
    new = await _send(bot, minh, minh_chat, "tb-moi.txt", _notice("05"))
    await bot.press(minh, minh_chat, new, _button(new, "💾"))  # moves both deadlines
    refused = await bot.alert(bang, office, old, _button(old, "💾"))
    whole = await _fix(bot, bang, office, "/fix xem")

    assert "Lưu lần này: 0 nhiệm vụ mới, 2 nhiệm vụ đổi hạn, 0 đã có từ trước." in old["text"]
    assert _buttons(old)[0][0] == "💾 Lưu thay đổi"  # not "Lưu 2 nhiệm vụ": both are saved
    assert refused.startswith("Bản xem trước đã thay đổi sau tin nhắn này")
    assert [d for _, d in await _saved_tasks(bot)] == ["2024-05-31", "2024-05-31"]
    assert "Lưu lần này: 0 nhiệm vụ mới, 2 nhiệm vụ đổi hạn, 0 đã có từ trước." in whole["text"]


_NUMBERED = (
    "Số: 31/TB-UBND\nKiên Giang, ngày 05 tháng 01 năm 2023\nTHÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND tỉnh\n"
    "1. Giao Sở Tài chính rà soát kinh phí, báo cáo trước ngày 20/01/2023.\n"
    "2. Giao Sở Y tế báo cáo UBND tỉnh trước ngày 12/01/2023.\n"
)


def _saved_elsewhere_first(
    monkeypatch: pytest.MonkeyPatch, database_url: str, data: bytes, name: str
) -> None:
    """As the bot saves, another process (an instance of the bot, `nhacviec import --yes`) reads
    and saves `data` first, and commits."""
    save_plan = importing.save_plan

    async def another_saves_first(**arguments: Any) -> Any:
        other = Database(database_url)
        try:
            async with other.session() as session:
                plan = await importing.read_and_plan(
                    session=session, data=data, filename=name, max_bytes=20_000_000
                )
                await save_plan(session=session, plan=plan, now=arguments["now"])
        finally:
            await other.dispose()
        return await save_plan(**arguments)

    monkeypatch.setattr(importing, "save_plan", another_saves_first)


# The same directive as _NUMBERED, as another may save it: the same file; the same text in other
# bytes (line ends: found by its text's hash); a word changed (found by its number and date).
_THE_SAME_DIRECTIVE = [
    pytest.param(_NUMBERED.encode(), id="the-same-file"),
    pytest.param(_NUMBERED.replace("\n", "\r\n").encode(), id="the-same-text-other-bytes"),
    pytest.param(
        _NUMBERED.replace("rà soát kinh phí", "rà soát toàn bộ kinh phí").encode(),
        id="the-same-number-and-date",
    ),
]


@pytest.mark.postgres
@pytest.mark.parametrize("elsewhere", _THE_SAME_DIRECTIVE)
async def test_a_directive_saved_elsewhere_as_the_officer_presses_save_is_saved_once(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, elsewhere: bytes
) -> None:
    """Two instances on one PostgreSQL, or the bot and the command line, save one directive at
    the same moment (the same file, the same text in other bytes, or the same number and date):
    the later save finds the earlier one under directives.hold_saving, saves nothing, and the
    officer's 💾 is answered, not met with "Xin lỗi, đã có lỗi"; the preview comes again,
    still pending, and says what saving would do now."""
    start = datetime(2023, 1, 6, 9, tzinfo=VIETNAM_TZ)
    async with running_bot(postgres_url, start=start) as bot:
        bang, office = await _coordinator(bot)
        preview = await _send(bot, bang, office, "thong-bao.txt", _NUMBERED.encode())
        _saved_elsewhere_first(monkeypatch, postgres_url, elsewhere, "thong-bao-khac.txt")

        before = len(bot.server.sent_messages(office["id"]))
        said = await bot.alert(bang, office, preview, _save_button(preview))
        again = await _answer(bot, office, before)

        async with bot.database.session() as session:
            assert len((await session.exec(select(Directive))).all()) == 1
        assert len(await _saved_tasks(bot)) == 2  # each agency is reminded of its task once
        assert said == (
            "Văn bản này vừa được lưu ở nơi khác, nên lần bấm này chưa lưu gì. "
            "Bản xem trước mới bên dưới cho biết lưu bây giờ sẽ thêm và đổi gì."
        )
        assert "ℹ️ Văn bản này đã được nhập trước đây" in again["text"]
        assert "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 2 đã có từ trước." in again["text"]
        monkeypatch.undo()
        # Left to save: the officer's words, where the other's copy changed one.
        reworded = "1 nhiệm vụ đã lưu được cập nhật lời văn theo văn bản này." in again["text"]
        assert _offers_to_save(again) == reworded
        if reworded:
            (saved,) = await bot.press(bang, office, again, _button(again, "💾"))
            assert saved["text"] == (
                "✅ Đã lưu: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 2 đã có từ trước."
            )


@pytest.mark.parametrize("elsewhere", _THE_SAME_DIRECTIVE)
async def test_two_saves_of_one_directive_at_the_same_moment_save_it_once(
    db: Database, monkeypatch: pytest.MonkeyPatch, elsewhere: bytes
) -> None:
    """On SQLite and on PostgreSQL, a save that starts while another of the same directive is
    not yet committed waits for it (directives.hold_saving), then finds what it saved: it saves
    nothing and raises SavedMeanwhile, and the directive and each task are saved once."""
    rows = [agencies.AgencyRow("Sở Tài chính"), agencies.AgencyRow("Sở Y tế")]
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=rows, now=NOW)
        plans = [
            await importing.read_and_plan(
                session=session, data=data, filename=name, max_bytes=20_000_000
            )
            for data, name in [(_NUMBERED.encode(), "a.txt"), (elsewhere, "b.txt")]
        ]
    first_added, first_may_commit, second_looked = (asyncio.Event() for _ in range(3))
    add_directive, find_imported = directives.add_directive, directives.find_imported

    async def add_then_wait(**arguments: Any) -> Any:
        directive = await add_directive(**arguments)
        if not first_added.is_set():
            first_added.set()
            await first_may_commit.wait()
        return directive

    async def find(**arguments: Any) -> Any:
        if first_added.is_set():
            second_looked.set()  # too early: the first save has not committed
        return await find_imported(**arguments)

    monkeypatch.setattr(directives, "add_directive", add_then_wait)
    monkeypatch.setattr(directives, "find_imported", find)

    async def save(plan: importing.ImportPlan) -> importing.SavedImport:
        async with db.session() as session:
            return await importing.save_plan(session=session, plan=plan, now=NOW)

    first = asyncio.create_task(save(plans[0]))
    await first_added.wait()
    second = asyncio.create_task(save(plans[1]))
    # The second save must wait for the first: it may not look before the first commits.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(second_looked.wait(), timeout=1)
    first_may_commit.set()
    saved, refused = await asyncio.gather(first, second, return_exceptions=True)

    async with db.session() as session:
        assert len((await session.exec(select(Directive))).all()) == 1
        assert len((await session.exec(select(Task))).all()) == 2
    assert isinstance(saved, importing.SavedImport)
    assert isinstance(refused, importing.SavedMeanwhile)
    assert refused.directive_id == saved.saved.directive.id


async def test_an_agency_typed_as_a_number_is_refused_as_no_name(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "tb.txt", _notice("04"))
    answers = [
        (await _fix(bot, bang, office, typed))["text"]
        for typed in (
            "/fix 1 chutri 3",
            "/fix ten Sở Y tế = 4",
            "/fix 1 chutri 99999999999999999999999",
            "/fix ten Sở Y tế = #99999999999999999999999",
        )
    ]
    for answer, typed in zip(answers, ["3", "4", "9" * 23, "#" + "9" * 23], strict=True):
        assert answer.startswith(f"“{typed}” là một con số, không phải tên đơn vị; chưa sửa gì.")


async def test_a_refusal_repeats_only_the_beginning_of_what_was_typed(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "tb.txt", _notice("04"))
    unknown = await _fix(bot, bang, office, "/fix 1 chutri " + "Sở Y tế & " * 400)
    unwritten = await _fix(bot, bang, office, "/fix ten " + "x" * 4080 + " = Sở Y tế")
    no_date = await _fix(bot, bang, office, "/fix 1 han " + "3" * 4000)

    assert unknown["text"] == (
        "Không có đơn vị nào tên “" + ("Sở Y tế & " * 10).strip() + "…” trong danh mục."
    )
    assert unwritten["text"].startswith("Không có nhiệm vụ nào ghi đơn vị là “" + "x" * 100 + "…”")
    assert no_date["text"].startswith("“" + "3" * 100 + "…” không phải là một ngày có thật.")


async def test_a_fix_that_comes_after_the_preview_was_saved_says_so(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "tb.txt", _notice("04"))
    correct_many = imports.correct_many

    async def saved_meanwhile(**kwargs: Any) -> None:
        """Another instance saves the preview between this /fix's read and its write."""
        async with bot.database.session() as other:
            request = await other.get(ImportRequest, kwargs["request"].id)
            assert request is not None
            assert await imports.close(session=other, request=request, status=imports.SAVED)
        await correct_many(**kwargs)

    monkeypatch.setattr(imports, "correct_many", saved_meanwhile)
    late = await _fix(bot, bang, office, "/fix 1 han 30/05/2024")

    assert late["text"].startswith("Văn bản này đã được lưu trước khi lệnh sửa đến")
    async with bot.database.session() as session:
        (request,) = (await session.exec(select(ImportRequest))).all()
    assert request.status == imports.SAVED and request.corrections == {}


async def test_a_fix_after_the_preview_was_saved_or_cancelled_says_so(bot: Harness) -> None:
    """A /fix typed a moment after ✖️ (or 💾) hears that the document was cancelled (or saved),
    and how to go on, not that no document is waiting, as if none had been sent."""
    bang, office = await _coordinator(bot)
    cancelled_preview = await _send(bot, bang, office, "tb.txt", _notice("04"))
    await bot.press(bang, office, cancelled_preview, _button(cancelled_preview, "✖️"))
    after_cancel = await _fix(bot, bang, office, "/fix 1 han 30/05/2024")

    saved_preview = await _send(bot, bang, office, "tb.txt", _notice("04"))
    await bot.press(bang, office, saved_preview, _button(saved_preview, "💾"))
    after_save = await _fix(bot, bang, office, "/fix 1 han 30/05/2024")

    assert "đã được lưu" in after_save["text"], after_save["text"]
    assert "đã bị hủy" in after_cancel["text"], after_cancel["text"]


async def _add_agencies(bot: Harness, *rows: agencies.AgencyRow) -> None:
    """Agencies added to the catalogue, as `nhacviec agencies import` adds them."""
    async with bot.database.session() as session:
        await agencies.import_agencies(session=session, rows=list(rows), now=bot.clock.now())


async def test_a_preview_open_while_the_catalogue_changes_is_planned_against_todays(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    await _add_agencies(bot, agencies.AgencyRow("Sở Văn hóa và Thể thao", "SVHTT"))
    preview = await _send(
        bot,
        bang,
        office,
        "tb.txt",
        "Số: 9/TB-VP\nTHÔNG BÁO\nNgày 01 tháng 03 năm 2024\n"
        "1. Giao Sở Du lịch quảng bá điểm đến, báo cáo trước ngày 20/4/2024.\n"
        "2. Giao Sở Văn hóa và Thể thao tổ chức lễ hội, báo cáo trước ngày 25/4/2024.\n".encode(),
    )
    async with bot.database.session() as session:  # meanwhile, in the catalogue
        tourism = agencies.AgencyRow("Sở Du lịch", "SDL")
        await agencies.import_agencies(session=session, rows=[tourism], now=bot.clock.now())
        await agencies.merge_agencies(
            session=session, old="Sở Văn hóa và Thể thao", into="Sở Y tế", now=bot.clock.now()
        )
    whole = await _fix(bot, bang, office, "/fix xem")
    (saved,) = await bot.press(bang, office, whole, _button(whole, "💾"))

    assert "“Sở Du lịch” chưa có trong danh mục" in preview["text"]
    assert "chưa có trong danh mục" not in whole["text"]
    assert "1. Sở Du lịch — 20/04/2024" in whole["text"]
    assert "2. Sở Y tế — 25/04/2024" in whole["text"]
    assert saved["text"].startswith("✅ Đã lưu: 2 nhiệm vụ mới")
    assert set((await _saved_leads(bot)).values()) >= {("Sở Du lịch", "2024-04-20")}


async def test_an_agency_given_to_another_is_so_given_again_on_reimport(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "tb.txt", _notice("04"))
    mapped = await _fix(bot, bang, office, '/fix ten "Sở Y tế" = Bộ Chỉ huy Quân sự tỉnh')
    (saved,) = await bot.press(bang, office, mapped, _button(mapped, "💾"))
    again = await _send(bot, bang, office, "tb.txt", _notice("04"))

    assert saved["text"] == "✅ Đã lưu: 2 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    assert "1. Bộ Chỉ huy Quân sự tỉnh — 30/04/2024" in again["text"]
    assert "Giữ các sửa đổi của lần nhập trước: 1 tên đơn vị." in again["text"]
    assert "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 2 đã có từ trước." in again["text"]
    assert not _offers_to_save(again)
    assert len(await _saved_tasks(bot)) == 2


def _district_letter(number: int, task: str) -> bytes:
    """A district's letter (number 11 to 40) that writes its economy office its own way."""
    return (
        f"Số: {number}/UBND-KT\nTân Phú, ngày {number - 10:02d} tháng 03 năm 2024\n"
        "V/v công trình\n"
        f"1. Giao Phòng KT-HT huyện A {task}, báo cáo trước ngày 15/4/2024.\n"
        "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo trước ngày 20/4/2024.\n"
    ).encode()


async def test_a_name_given_to_a_catalogue_agency_is_learned_when_the_import_is_saved(
    bot: Harness,
) -> None:
    await _add_agencies(bot, agencies.AgencyRow("Phòng Kinh tế - Hạ tầng", "Phòng KTHT"))
    bang, office = await _coordinator(bot)
    first = await _send(
        bot, bang, office, "cv-15.txt", _district_letter(15, "rà soát các công trình xây dựng")
    )
    mapped = await _fix(bot, bang, office, '/fix ten "Phòng KT-HT huyện A" = Phòng KTHT')
    (saved,) = await bot.press(bang, office, mapped, _button(mapped, "💾"))
    second = await _send(
        bot, bang, office, "cv-16.txt", _district_letter(16, "kiểm tra đường giao thông")
    )

    assert "1. Phòng KT-HT huyện A — 15/04/2024" in first["text"]
    assert saved["text"] == (
        "✅ Đã lưu: 2 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước.\n"
        "Từ nay “Phòng KT-HT huyện A” là Phòng Kinh tế - Hạ tầng "
        "(bỏ: /forget Phòng KT-HT huyện A)"
    )
    # The next letter that writes it: the office, with no /fix, and ready to save.
    assert "1. Phòng Kinh tế - Hạ tầng — 15/04/2024" in second["text"]
    assert "chưa có trong danh mục" not in second["text"]
    assert _buttons(second)[0][0] == "💾 Lưu 2 nhiệm vụ"


async def test_what_a_save_learned_is_said_in_the_chats_language(bot: Harness) -> None:
    await _add_agencies(bot, agencies.AgencyRow("Phòng Kinh tế - Hạ tầng", "Phòng KTHT"))
    bang, office = await _coordinator(bot)
    await _fix(bot, bang, office, "/lang en")
    await _send(bot, bang, office, "cv-15.txt", _district_letter(15, "rà soát các công trình"))
    mapped = await _fix(bot, bang, office, '/fix map "Phòng KT-HT huyện A" = Phòng KTHT')
    (saved,) = await bot.press(bang, office, mapped, _button(mapped, "💾"))

    assert saved["text"] == (
        "✅ Saved: 2 new tasks, 0 deadlines changed, 0 already there.\n"
        "From now on “Phòng KT-HT huyện A” means Phòng Kinh tế - Hạ tầng "
        "(to undo: /forget Phòng KT-HT huyện A)"
    )


async def test_a_learned_name_fixed_to_another_agency_is_learned_again(bot: Harness) -> None:
    await _add_agencies(bot, agencies.AgencyRow("Phòng Kinh tế - Hạ tầng", "Phòng KTHT"))
    bang, office = await _coordinator(bot)
    await _fix(bot, bang, office, "/lang en")
    await _send(bot, bang, office, "cv-15.txt", _district_letter(15, "rà soát các công trình"))
    mapped = await _fix(bot, bang, office, '/fix ten "Phòng KT-HT huyện A" = Phòng KTHT')
    await bot.press(bang, office, mapped, _button(mapped, "💾"))
    await _send(bot, bang, office, "cv-16.txt", _district_letter(16, "kiểm tra đường"))

    # Read as the office now; the officer gives it to Sở Tài chính, and that is remembered.
    fixed = await _fix(bot, bang, office, '/fix ten "Phòng KT-HT huyện A" = Sở Tài chính')
    (saved,) = await bot.press(bang, office, fixed, _button(fixed, "💾"))
    third = await _send(bot, bang, office, "cv-17.txt", _district_letter(17, "kiểm tra chợ"))

    assert saved["text"].endswith(
        "From now on “Phòng KT-HT huyện A” means Sở Tài chính (no longer Phòng Kinh tế - Hạ "
        "tầng) (to undo: /forget Phòng KT-HT huyện A)"
    )
    assert "1. Sở Tài chính — 15/04/2024" in third["text"]


async def test_a_coordinator_forgets_a_learned_name_in_the_bot(bot: Harness) -> None:
    await _add_agencies(bot, agencies.AgencyRow("Phòng Kinh tế - Hạ tầng", "Phòng KTHT"))
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "cv-15.txt", _district_letter(15, "rà soát các công trình"))
    mapped = await _fix(bot, bang, office, '/fix ten "Phòng KT-HT huyện A" = Phòng KTHT')
    await bot.press(bang, office, mapped, _button(mapped, "💾"))
    lan = bot.server.add_user("Lan")
    staff = bot.server.add_group("Phòng Kinh tế - Hạ tầng", [lan])

    refused = await _fix(bot, lan, staff, "/forget Phòng KT-HT huyện A")
    forgot = await _fix(bot, bang, office, '/quen "phong kt-ht huyen a"')
    again = await _fix(bot, bang, office, "/forget Phòng KT-HT huyện A")
    named = await _fix(bot, bang, office, "/forget Phòng KTHT")
    second = await _send(bot, bang, office, "cv-16.txt", _district_letter(16, "kiểm tra đường"))

    assert refused["text"].startswith("Lệnh này chỉ dành cho cán bộ theo dõi nhiệm vụ")
    assert forgot["text"] == (
        "Đã bỏ “Phòng KT-HT huyện A”: văn bản ghi tên này không còn được hiểu là Phòng Kinh tế "
        "- Hạ tầng nữa."
    )
    assert again["text"] == (
        "“Phòng KT-HT huyện A” không phải tên đã học của đơn vị nào: không có gì để bỏ."
    )
    assert named["text"].startswith("“Phòng KTHT” là tên của Phòng Kinh tế - Hạ tầng")
    assert "1. Phòng KT-HT huyện A — 15/04/2024" in second["text"]  # asked about again


def test_what_a_save_learned_is_one_short_line_of_html() -> None:
    office = "Phòng Kinh tế - Hạ tầng"
    many = tuple(Learned(f"Phòng KT&HT xã {n}", office) for n in range(1, 8))

    assert learned_names(Texts(), ()) == ""
    assert learned_names(Texts(), many[:1]) == (
        "Từ nay “Phòng KT&amp;HT xã 1” là Phòng Kinh tế - Hạ tầng "
        "(bỏ: <code>/forget Phòng KT&amp;HT xã 1</code>)"
    )
    assert learned_names(Texts(), many) == (
        "Từ nay "
        + ", ".join(f"“Phòng KT&amp;HT xã {n}” là Phòng Kinh tế - Hạ tầng" for n in range(1, 6))
        + " và 2 tên khác (bỏ một tên: <code>/forget TÊN</code>)"
    )


async def test_the_words_of_a_fix_are_understood_as_an_officer_types_them(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", SAMPLE.read_bytes())

    typed = {
        "/fix 3 chủ trì Sở Y tế": "✏️ Đã sửa nhiệm vụ 3:\n3. Sở Y tế — ",
        "/fix 5 Chủ Trì: Sở Y tế": "✏️ Đã sửa nhiệm vụ 5:\n5. Sở Y tế — ",
        "/fix 8 chu tri Sở Y tế": "✏️ Đã sửa nhiệm vụ 8:\n8. Sở Y tế — ",
        "/fix 9 chủtrì Sở Y tế": "✏️ Đã sửa nhiệm vụ 9:\n9. Sở Y tế — ",
        "/fix 12 Hạn 30/04/2023": "✏️ Đã sửa nhiệm vụ 12:\n12. Sở Y tế — 30/04/2023",
        "/fix 14 thời hạn 30/04/2023": "✏️ Đã sửa nhiệm vụ 14:\n14. Bộ Chỉ huy Quân sự tỉnh — 30/04",
        "/fix 4 Bỏ": "🗑 Đã bỏ nhiệm vụ 4, không lưu:",
        "/fix 6 xoá": "🗑 Đã bỏ nhiệm vụ 6, không lưu:",
        "/fix 4, 6 giữ lại": "↩️ Đã lấy lại nhiệm vụ 4, 6:\n4. Sở Tài chính — ",
        "/fix 4 BO": "🗑 Đã bỏ nhiệm vụ 4, không lưu:",
        "/fix 4 khôi phục": "↩️ Đã lấy lại nhiệm vụ 4:",
        "/fix xem lại": "📄 Thông báo kết luận (không số)",
    }
    answers = {text: (await _fix(bot, bang, office, text))["text"] for text in typed}

    assert {text: answer[: len(typed[text])] for text, answer in answers.items()} == typed
    usage = await _fix(bot, bang, office, "/fix 3 chủ Sở Y tế")  # half a word is none
    assert usage["text"].startswith("Cách dùng: /fix SỐ han dd/mm/yyyy")


async def test_a_misread_deadline_can_be_cleared(bot: Harness) -> None:
    """A duty done all the time whose sentence also gives a date (or a date misread): the
    officer says it has no deadline, "/fix 1 han khong" or "/fix 2 han thường xuyên", and it is
    saved without one."""
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "tb.txt", NOTICE.encode())

    first = await _fix(bot, bang, office, "/fix 1 han khong")
    second = await _fix(bot, bang, office, "/fix 2 han thường xuyên")
    (saved,) = await bot.press(bang, office, second, _button(second, "💾"))
    again = await _send(bot, bang, office, "tb (1).txt", NOTICE.encode())

    assert "1. Sở Tài chính — không có thời hạn" in first["text"], first["text"]
    assert "2. Sở Y tế — không có thời hạn" in second["text"], second["text"]
    assert saved["text"].startswith("✅ Đã lưu: 2 nhiệm vụ mới")
    assert [deadline for _, deadline in await _saved_tasks(bot)] == [None, None]
    # Sent again, it is kept so.
    assert "Giữ các sửa đổi của lần nhập trước: 2 hạn." in again["text"], again["text"]
    assert "1. Sở Tài chính — không có thời hạn" in again["text"]


def _communes_notice() -> bytes:
    """A notice whose communes' committees ("UBND các xã") lead two tasks and help in a third."""
    return (
        "Số: 9/TB-VP\nTHÔNG BÁO\nNgày 01 tháng 03 năm 2024\n"
        "1. Giao UBND các xã rà soát hộ nghèo, báo cáo trước ngày 15/4/2024.\n"
        "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo trước ngày 20/4/2024.\n"
        "3. Giao UBND các xã tuyên truyền phòng cháy, chữa cháy, báo cáo trước ngày 30/4/2024.\n"
        "4. Giao Sở Tài chính chủ trì, phối hợp UBND các xã rà soát nguồn vốn, báo cáo trước "
        "ngày 10/5/2024.\n"
    ).encode()


async def test_an_agency_as_the_document_writes_it_is_given_to_one_of_the_catalogue(
    bot: Harness,
) -> None:
    await _add_agencies(bot, agencies.AgencyRow("UBND huyện Tân Phú", "UBND huyện"))
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "thong-bao.txt", _communes_notice())
    assert "1. UBND các xã — 15/04/2024" in preview["text"]
    assert _buttons(preview)[0][0] == "💾 Lưu 2 nhiệm vụ"

    misspelt = await _fix(bot, bang, office, "/fix ten UBND các phường = UBND huyện Tân Phú")
    unknown = await _fix(bot, bang, office, "/fix ten UBND các xã = Sở Du lịch")
    no_agency = await _fix(bot, bang, office, "/fix ten UBND các xã")
    wrong = await _fix(bot, bang, office, "/fix tên ubnd cac xa=Sở Y tế")
    mapped = await _fix(bot, bang, office, '/fix ten "UBND các xã" = UBND huyện')
    (saved,) = await bot.press(bang, office, mapped, _button(mapped, "💾"))

    assert misspelt["text"] == (
        "Không có nhiệm vụ nào ghi đơn vị là “UBND các phường”; chưa sửa gì. "
        "Các tên chưa có trong danh mục: “UBND các xã”."
    )
    assert unknown["text"] == "Không có đơn vị nào tên “Sở Du lịch” trong danh mục."
    assert no_agency["text"].startswith("Cách dùng: /fix SỐ han dd/mm/yyyy")
    assert wrong["text"].startswith("✏️ Đã coi “ubnd cac xa” là Sở Y tế ở nhiệm vụ 1, 3, 4:\n")
    # The same name written otherwise: the last word wins.
    assert mapped["text"].startswith(
        "✏️ Đã coi “UBND các xã” là UBND huyện Tân Phú ở nhiệm vụ 1, 3, 4:\n"
        "1. UBND huyện Tân Phú — 15/04/2024\n"
    )
    assert "\n3. UBND huyện Tân Phú — 30/04/2024\n" in mapped["text"]
    assert "\n4. Sở Tài chính — 10/05/2024\n" in mapped["text"]
    assert saved["text"] == "✅ Đã lưu: 4 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    leads = await _saved_leads(bot)
    assert leads["Rà soát hộ nghèo, báo cáo trước ngày 15/4/2024"] == (
        "UBND huyện Tân Phú",
        "2024-04-15",
    )
    assert leads["Tuyên truyền phòng cháy, chữa cháy, báo cáo trước ngày 30/4/2024"][0] == (
        "UBND huyện Tân Phú"
    )
    async with bot.database.session() as session:
        helping = (
            await session.exec(
                select(Task.summary, Agency.name)
                .join(TaskAgency, col(TaskAgency.task_id) == col(Task.id))
                .join(Agency, col(Agency.id) == col(TaskAgency.agency_id))
                .where(TaskAgency.role == AgencyRole.COOPERATING)
            )
        ).all()
    assert helping == [("Rà soát nguồn vốn, báo cáo trước ngày 10/5/2024", "UBND huyện Tân Phú")]


@pytest.mark.parametrize(
    ("typed", "mapping"),
    [
        ("UBND các xã=UBND huyện", ("UBND các xã", "UBND huyện")),
        (' "UBND các xã" = “UBND huyện” ', ("UBND các xã", "UBND huyện")),
        ("Tổ 770 (Tổ Công tác)=VP UBND tỉnh", ("Tổ 770 (Tổ Công tác)", "VP UBND tỉnh")),
        ("UBND các xã", None),
        ("=UBND huyện", None),
        ("“” = UBND huyện", None),
        ("UBND các xã =", None),
    ],
)
def test_an_agency_as_written_and_its_catalogue_agency_are_read_alike_everywhere(
    typed: str, mapping: tuple[str, str] | None
) -> None:
    assert parse_mapping(typed) == mapping  # /fix ten and nhacviec import --map


async def test_a_fix_of_sixty_tasks_is_written_once(bot: Harness) -> None:
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "thong-bao.txt", _long_notice())
    written: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE IMPORT_REQUEST"):
            written.append(statement)

    engine = services_of(bot.application).database.engine.sync_engine  # the bot's own
    event.listen(engine, "before_cursor_execute", record)
    try:
        fixed = await _fix(bot, bang, office, "/fix 1-60 han 30/04/2023")
    finally:
        event.remove(engine, "before_cursor_execute", record)

    assert fixed["text"].startswith("✏️ Đã sửa nhiệm vụ 1–60:")
    assert len(written) == 1


# --------------------------------------------------------------------------------------------
# Imported again: each correction stays with the task it was made for
# --------------------------------------------------------------------------------------------


def _food_safety_plan() -> bytes:
    """Tasks 2, 4 and 6 have one text (Sở Y tế's, Công an tỉnh's, Bộ Chỉ huy Quân sự tỉnh's)."""
    return food_safety_plan().encode()


async def test_a_correction_of_one_of_several_tasks_of_one_text_stays_with_it(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "ke-hoach.txt", _food_safety_plan())
    await _fix(bot, bang, office, "/fix 2 chutri Văn phòng UBND tỉnh")
    await _fix(bot, bang, office, "/fix 6 han 30/06/2024")
    fixed = await _fix(bot, bang, office, "/fix 4 bo")
    (first,) = await bot.press(bang, office, fixed, _button(fixed, "💾"))
    saved = await _saved_leads(bot)

    again = await _send(bot, bang, office, "ke-hoach (1).txt", _food_safety_plan())

    assert "\n4. Công an tỉnh — 15/06/2024, định kỳ 6 tháng\n" in preview["text"]
    assert first["text"] == "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    # Each correction is the one task's it was made for, not every task of its text.
    assert "\n2. Văn phòng UBND tỉnh — 15/06/2024, định kỳ 6 tháng\n" in again["text"]
    assert "\n4. " not in again["text"] and "\n3. Công an tỉnh — 30/09/2024\n" in again["text"]
    assert "\n6. Bộ Chỉ huy Quân sự tỉnh — 30/06/2024, định kỳ 6 tháng\n" in again["text"]
    assert again["text"].endswith(
        "Giữ các sửa đổi của lần nhập trước: bỏ 1 mục, 1 cơ quan chủ trì, 1 hạn.\n"
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 5 đã có từ trước."
    )
    assert not _offers_to_save(again)
    assert await _saved_leads(bot) == saved


async def test_corrections_kept_by_text_alone_still_hold_for_the_task_they_were_made_for(
    bot: Harness,
) -> None:
    """An earlier version kept a correction under the task's text alone, when the importer made
    one task of a duty written under several agencies (the first agency's): it is that task's."""
    bang, office = await _coordinator(bot)
    preview = await _send(bot, bang, office, "ke-hoach.txt", _food_safety_plan())
    await bot.press(bang, office, preview, _button(preview, "💾"))  # 6 tasks
    duty = fold(DUTY.removeprefix("- "))
    work = fold(f"{WORK['Công an tỉnh']}, hoàn thành trong quý III/2024.")
    async with bot.database.session() as session:
        directive = (await session.exec(select(Directive))).one()
        office_id = (await agencies.find_agency(session=session, text="VP UBND tỉnh")).id
        directive.corrections = {
            "dropped": [work],
            "leads": {duty: office_id},
            "deadlines": {duty: {"read": "2024-06-15", "to": "2024-06-30"}},
            "expand_groups": False,
        }
        session.add(directive)

    again = await _send(bot, bang, office, "ke-hoach.txt", _food_safety_plan())
    (saved,) = await bot.press(bang, office, again, _button(again, "💾"))
    third = await _send(bot, bang, office, "ke-hoach.txt", _food_safety_plan())

    for preview in (again, third):
        assert "\n2. Văn phòng UBND tỉnh — 30/06/2024, định kỳ 6 tháng\n" in preview["text"]
        assert "\n3. " not in preview["text"]
        assert "\n4. Công an tỉnh — 15/06/2024, định kỳ 6 tháng\n" in preview["text"]
        assert "\n6. Bộ Chỉ huy Quân sự tỉnh — 15/06/2024, định kỳ 6 tháng\n" in preview["text"]
        assert "trước: bỏ 1 mục, 1 cơ quan chủ trì, 1 hạn.\n" in preview["text"]
    assert saved["text"] == "✅ Đã lưu: 1 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 4 đã có từ trước."
    # Saved again, they are kept in today's form, under which the third import found them.
    async with bot.database.session() as session:
        kept = (await session.exec(select(Directive))).one().corrections
    assert kept is not None and duty not in kept["leads"] and work not in kept["dropped"]
    assert third["text"].endswith(
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 5 đã có từ trước."
    )


REVISED = (
    "UBND TỈNH X\nSố: 12/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n"
    "X, ngày 05 tháng 01 năm 2023\n"
    "1. Giao Sở Tài chính rà soát đầu tư công, báo cáo trước ngày 15/3/2023.\n"
    "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, hoàn thành trước ngày 20/3/2023.\n"
    "3. Giao Công an tỉnh bảo đảm an ninh trật tự dịp lễ, hoàn thành trước ngày 30/4/2023.\n"
)


async def test_a_revised_directive_moves_a_deadline_and_rewords_a_task_never_a_second_copy(
    bot: Harness,
) -> None:
    """A revision moves task 1's deadline in its sentence, adds a word to task 2 and no longer
    has task 3: the same two tasks, with the new words, and the third said, kept open."""
    bang, office = await _coordinator(bot)
    first = await _send(bot, bang, office, "tb.txt", REVISED.encode())
    await bot.press(bang, office, first, _button(first, "💾"))
    revised = (
        REVISED.replace("15/3/2023", "31/3/2023")
        .replace("an toàn thực phẩm", "an toàn vệ sinh thực phẩm")
        .replace(
            "3. Giao Công an tỉnh bảo đảm an ninh trật tự dịp lễ, hoàn thành trước ngày "
            "30/4/2023.\n",
            "",
        )
    )

    again = await _send(bot, bang, office, "tb-sua.txt", revised.encode())
    (saved,) = await bot.press(bang, office, again, _button(again, "💾"))

    assert "1 nhiệm vụ đổi hạn" in again["text"]
    assert "2 nhiệm vụ đã lưu được cập nhật lời văn theo văn bản này." in again["text"]
    assert "1 nhiệm vụ đã lưu từ lần nhập trước không có trong lần lưu này" in again["text"]
    assert "\n#3 Công an tỉnh — Giao Công an tỉnh bảo đảm an ninh trật tự" in again["text"]
    assert again["text"].endswith(
        "Lưu lần này: 0 nhiệm vụ mới, 1 nhiệm vụ đổi hạn, 1 đã có từ trước."
    )
    assert saved["text"] == "✅ Đã lưu: 0 nhiệm vụ mới, 1 nhiệm vụ đổi hạn, 1 đã có từ trước."
    assert await _saved_tasks(bot) == [
        ("Giao Sở Tài chính rà soát đầu tư công, báo cáo trước ngày 31/3/2023.", "2023-03-31"),
        (
            "Giao Sở Y tế kiểm tra an toàn vệ sinh thực phẩm, hoàn thành trước ngày 20/3/2023.",
            "2023-03-20",
        ),
        (
            "Giao Công an tỉnh bảo đảm an ninh trật tự dịp lễ, hoàn thành trước ngày 30/4/2023.",
            "2023-04-30",
        ),
    ]


async def test_a_reworded_task_keeps_the_corrections_made_to_it(bot: Harness) -> None:
    """The officer gave task 2 to the Police and changed task 3's date; a revision adds a word to
    each: the corrections follow the tasks, worded alike with the same lead as written."""
    bang, office = await _coordinator(bot)
    first = await _send(bot, bang, office, "tb.txt", REVISED.encode())
    await _fix(bot, bang, office, "/fix 2 chutri Công an tỉnh")
    fixed = await _fix(bot, bang, office, "/fix 3 han 15/05/2023")
    await bot.press(bang, office, fixed, _button(fixed, "💾"))
    revised = REVISED.replace("an toàn thực phẩm", "an toàn vệ sinh thực phẩm").replace(
        "an ninh trật tự dịp lễ", "an ninh trật tự trong dịp lễ"
    )

    again = await _send(bot, bang, office, "tb-sua.txt", revised.encode())

    assert "\n2. Sở Y tế — 20/03/2023\n" in first["text"]
    assert "\n2. Công an tỉnh — 20/03/2023\n" in again["text"]
    assert "\n3. Công an tỉnh — 15/05/2023\n" in again["text"]
    assert "Giữ các sửa đổi của lần nhập trước: 1 cơ quan chủ trì, 1 hạn." in again["text"]
    # The same three tasks, with the new words: no second copy for the one given to the Police.
    assert again["text"].endswith(
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 3 đã có từ trước."
    )


async def test_an_unnumbered_notice_edited_is_known_by_its_kind_title_and_date(
    bot: Harness,
) -> None:
    bang, office = await _coordinator(bot)
    first = await _send(bot, bang, office, "tb.txt", SAMPLE.read_bytes())
    await bot.press(bang, office, first, _button(first, "💾"))
    count = len(await _saved_tasks(bot))
    edited = SAMPLE.read_text(encoding="utf-8").replace(
        "phòng chống dịch Covid-19", "phòng, chống dịch Covid-19"
    )

    again = await _send(bot, bang, office, "tb2.txt", edited.encode())
    (saved,) = await bot.press(bang, office, again, _button(again, "💾"))

    assert "Văn bản không số này có vẻ là văn bản #1 đã nhập trước đây, đã sửa" in again["text"]
    assert saved["text"].startswith("✅ Đã lưu: 0 nhiệm vụ mới")
    assert len(await _saved_tasks(bot)) == count


async def test_the_officers_date_of_issue_is_kept_when_the_document_is_sent_again(
    bot: Harness,
) -> None:
    dated = (
        "UBND TỈNH X\nSố: 21/TB-VP\nTHÔNG BÁO\nHà Nội, ngày 01 tháng 03 năm 2024\n"
        "1. Giao Sở Tài chính báo cáo kết quả rà soát trong 10 ngày làm việc.\n"
    ).encode()
    undated = "Giao Sở Y tế báo cáo kết quả kiểm tra trong 10 ngày làm việc.".encode()
    bang, office = await _coordinator(bot)
    for name, document in (("tb.txt", dated), ("cv.txt", undated)):
        await _send(bot, bang, office, name, document)
        fixed = await _fix(bot, bang, office, "/fix ngay 05/03/2024")
        await bot.press(bang, office, fixed, _button(fixed, "💾"))

    again = await _send(bot, bang, office, "tb.txt", dated)
    undated_again = await _send(bot, bang, office, "cv.txt", undated)

    assert again["text"].startswith("📄 Thông báo 21/TB-VP, ngày 05/03/2024")
    assert "\n1. Sở Tài chính — 19/03/2024\n" in again["text"]
    assert "Giữ các sửa đổi của lần nhập trước: ngày ban hành." in again["text"]
    assert again["text"].endswith("0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 1 đã có từ trước.")
    assert not _offers_to_save(again)
    assert undated_again["text"].startswith("📄 Văn bản (không số), ngày 05/03/2024")
    assert "Giữ các sửa đổi của lần nhập trước: ngày ban hành." in undated_again["text"]
    assert [deadline for _, deadline in await _saved_tasks(bot)] == ["2024-03-19", "2024-03-19"]


def _dated_letter(*tasks: str) -> bytes:
    """A letter of 10/03/2026, one line a task."""
    return letter("10 tháng 3 năm 2026", *tasks).encode()


async def test_a_document_with_no_task_leaves_the_preview_being_corrected_open(
    bot: Harness,
) -> None:
    """A coordinator correcting a preview sends, by mistake, the cover letter that came with the
    directive: it has no task, so it gets a one-line answer saying so, with nothing to save or
    fix, and the preview being corrected stays open with its corrections."""
    bang, office = await _coordinator(bot)
    await _send(
        bot,
        bang,
        office,
        "ke-hoach.txt",
        _dated_letter("1. Sở Y tế kiểm tra, hoàn thành trước ngày 15/4/2026."),
    )
    await _fix(bot, bang, office, "/fix 1 han 30/04/2026")

    cover = await _send(
        bot, bang, office, "phieu-trinh.txt", _dated_letter("Kính gửi các đơn vị.", "Trân trọng.")
    )
    assert cover["text"].startswith("⚠️ Không tìm thấy nhiệm vụ nào trong phieu-trinh.txt")
    assert "/fix" not in cover["text"] and "reply_markup" not in cover

    again = await _fix(bot, bang, office, "/fix xem")
    assert "1. Sở Y tế — 30/04/2026" in again["text"]
    assert "đã được thay" not in again["text"]


async def test_a_deadline_still_to_be_given_is_not_shown_as_no_deadline(bot: Harness) -> None:
    """A six-monthly duty that names no day, and a date whose year the calendar does not count,
    have a deadline the officer must give: the preview says it is still to be given, not that
    the task has none (which would read as "định kỳ 6 tháng, không có thời hạn")."""
    bang, office = await _coordinator(bot)
    preview = await _send(
        bot,
        bang,
        office,
        "bao-cao.txt",
        _dated_letter(
            "1. Sở Y tế định kỳ 6 tháng báo cáo kết quả.",
            "2. Sở Tài chính hoàn thành trước ngày 15/3/2101.",
        ),
    )
    assert "1. Sở Y tế — chưa rõ hạn, định kỳ 6 tháng" in preview["text"]
    assert "2. Sở Tài chính — chưa rõ hạn" in preview["text"]
    assert "không có thời hạn" not in preview["text"]


async def test_a_picture_sent_as_a_file_is_answered_as_a_photo(bot: Harness) -> None:
    """A phone sends a photo of a page "as a file" to keep its quality: the officer hears, as
    for a photo, that its words cannot be read and what to send instead, not that the format is
    unsupported."""
    bang, office = await _coordinator(bot)
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(
        office, bang, "IMG_0012.JPG", b"\xff\xd8\xff\xe0" + bytes(2000), mime_type="image/jpeg"
    )
    (answer,) = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"]))[before:]
    assert answer["text"] == CATALOGUE["import_photo"][0]


async def test_the_date_of_issue_typed_as_the_files_caption_is_taken(bot: Harness) -> None:
    """A document that does not give its date, sent with the date as its caption ("ngày
    01/03/2024", or "--issued 2024-03-01" as on the command line), is previewed from that date
    at once, and the date is saved with the directive, as if given by /fix ngay."""
    bang, office = await _coordinator(bot)
    for work, caption in (("rà soát", "ngày 01/03/2024"), ("kiểm tra", "--issued 2024-03-01")):
        undated = f"Giao Sở Tài chính báo cáo kết quả {work} trong 10 ngày làm việc.".encode()
        before = len(bot.server.sent_messages(office["id"]))
        bot.server.user_sends_document(office, bang, "cong-van.txt", undated, caption=caption)
        (preview,) = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"]))[before:]
        assert "ngày 01/03/2024" in preview["text"].split("\n")[0], caption
        assert "1. Sở Tài chính — 15/03/2024" in preview["text"], caption

    await bot.press(
        bang, office, preview, preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    )
    async with bot.database.session() as session:
        (directive,) = (await session.exec(select(Directive))).all()
    assert directive.issued_on == date(2024, 3, 1)


async def test_the_same_file_sent_twice_quickly_is_previewed_once_and_said_so(
    bot: Harness,
) -> None:
    """A file sent twice (a second tap on a slow connection) gives one preview, whichever copy
    is read first; the other is told it is the same file as the open preview's, not "another
    document sent after it", and does not replace it (with its corrections)."""
    bang, office = await _coordinator(bot)
    data = _dated_letter("1. Sở Y tế kiểm tra, hoàn thành trước ngày 15/4/2026.")
    before = len(bot.server.sent_messages(office["id"]))
    bot.server.user_sends_document(office, bang, "cong-van.txt", data)
    bot.server.user_sends_document(office, bang, "cong-van.txt", data)
    answers = (await bot.server.wait_for_messages(before + 2, chat_id=office["id"]))[before:]
    texts = sorted(a["text"] for a in answers)
    assert sum("reply_markup" in a for a in answers) == 1
    assert not any("văn bản khác" in t or "đã được thay" in t for t in texts), texts
    assert any(t.startswith("ℹ️ cong-van.txt giống hệt tệp của bản xem trước") for t in texts)


async def test_a_fix_typed_while_the_document_is_still_read_says_to_wait(
    bot: Harness, held_reader: Any
) -> None:
    """A long document takes a while to read: a /fix typed before its preview comes says the
    preview is on its way, not that no document waits (which would have the officer send it
    again, and read it twice)."""
    bang, office = await _coordinator(bot)
    bot.server.user_sends_document(
        office, bang, "ke-hoach.txt", _dated_letter("1. Sở Y tế kiểm tra.")
    )

    early = await _fix(bot, bang, office, "/fix xem")

    assert early["text"].startswith("⏳ Bot đang đọc ke-hoach.txt")
    held_reader.set()


async def _being_read(bot: Harness, chat: JSON, user: JSON, name: str, sent_at: datetime) -> None:
    """A document `user` sent in `chat` at sent_at, still being read (or lost in a restart)."""
    async with bot.database.session() as session:
        await imports.create_request(
            session=session,
            chat_id=chat["id"],
            user_id=user["id"],
            file_id="lost",
            file_name=name,
            now=sent_at,
        )


async def test_a_document_the_bot_stopped_reading_is_asked_for_again(bot: Harness) -> None:
    """The bot restarted while it read a document: that document never gets a preview, and a
    /fix says so and asks for the file again."""
    bang, office = await _coordinator(bot)
    await _being_read(bot, office, bang, "ke-hoach.docx", bot.clock.now() - timedelta(hours=1))

    answer = await _fix(bot, bang, office, "/fix xem")

    assert answer["text"] == (
        "Bot đã dừng khi đang đọc ke-hoach.docx nên chưa có bản xem trước. Hãy gửi lại tệp."
    )


async def test_a_document_the_bot_stopped_reading_is_asked_for_again_at_start_up(
    bot: Harness,
) -> None:
    """At start-up, each chat whose document was being read when the bot stopped is told once
    to send it again, and the document is forgotten. One sent within the read time limit may be
    read right now by another instance: it is left alone."""
    bang, office = await _coordinator(bot)
    lan = bot.server.add_user("Lan")
    other = bot.server.add_private_chat(lan)
    await bot.register(lan, other, None, Role.COORDINATOR)
    await _being_read(bot, office, bang, "ke-hoach.docx", bot.clock.now() - timedelta(hours=1))
    await _being_read(bot, other, lan, "dang-doc.docx", bot.clock.now())
    before = {chat["id"]: len(bot.server.sent_messages(chat["id"])) for chat in (office, other)}

    await bot.restart(bot.clock.now(), sweep_at_start=False)
    await bot.restart(bot.clock.now(), sweep_at_start=False)

    told = [m["text"] for m in bot.server.sent_messages(office["id"])[before[office["id"]] :]]
    assert told == ["Bot đã dừng khi đang đọc tệp ke-hoach.docx: hãy gửi lại tệp."]
    assert bot.server.sent_messages(other["id"])[before[other["id"]] :] == []
    async with bot.database.session() as session:
        left = (await session.exec(select(ImportRequest))).all()
    assert [r.file_name for r in left] == ["dang-doc.docx"]


async def test_a_start_up_that_cannot_tell_of_a_lost_document_leaves_it_to_fix(
    bot: Harness,
) -> None:
    """Telegram refuses the start-up's word of a document the bot stopped reading: the bot
    starts all the same, and the officer's /fix still says it was not read."""
    bang, office = await _coordinator(bot)
    await _being_read(bot, office, bang, "ke-hoach.docx", bot.clock.now() - timedelta(hours=1))
    bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=office["id"])

    await bot.restart(bot.clock.now(), sweep_at_start=False)

    answer = await _fix(bot, bang, office, "/fix xem")
    assert answer["text"] == (
        "Bot đã dừng khi đang đọc ke-hoach.docx nên chưa có bản xem trước. Hãy gửi lại tệp."
    )


async def test_two_instances_starting_together_tell_of_a_lost_document_once(
    bot: Harness,
) -> None:
    """Two instances sharing the database start at the same moment and both find the document
    the bot stopped reading: the first to claim it tells the chat; the other leaves it."""
    bang, office = await _coordinator(bot)
    await _being_read(bot, office, bang, "ke-hoach.docx", bot.clock.now() - timedelta(hours=1))
    before = len(bot.server.sent_messages(office["id"]))

    await asyncio.gather(
        documents.tell_lost_readings(bot.application),
        documents.tell_lost_readings(bot.application),
    )

    told = [m["text"] for m in bot.server.sent_messages(office["id"])[before:]]
    assert told == ["Bot đã dừng khi đang đọc tệp ke-hoach.docx: hãy gửi lại tệp."]
    async with bot.database.session() as session:
        assert (await session.exec(select(ImportRequest))).all() == []


async def test_a_deadline_s_hour_is_kept_and_shown_with_its_day(bot: Harness) -> None:
    """A deadline "trước 14 giờ ngày 20/3/2026": the preview and the saved task's details
    show the hour with the day; a day the officer gives instead is a whole day."""
    bang, office = await _coordinator(bot)
    letter = _dated_letter(
        "1. Giao Sở Y tế báo cáo kết quả trước 14 giờ ngày 20/3/2026.",
        "2. Giao Sở Tài chính tổng hợp trước 16 giờ 30 ngày 25/3/2026.",
    )

    preview = await _send(bot, bang, office, "cong-van.txt", letter)
    corrected = await _fix(bot, bang, office, "/fix 2 han 27/03/2026")
    await bot.press(bang, office, corrected, _button(corrected, "💾"))
    (first,) = await bot.say(bang, office, "/task 1")
    (second,) = await bot.say(bang, office, "/task 2")

    assert "1. Sở Y tế — 14:00 ngày 20/03/2026" in preview["text"]
    assert "2. Sở Tài chính — 16:30 ngày 25/03/2026" in preview["text"]
    assert "2. Sở Tài chính — 27/03/2026" in corrected["text"]
    assert "hạn 14:00 ngày 20/03/2026" in first["text"]
    assert "hạn 27/03/2026" in second["text"] and "16:30" not in second["text"]


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

    preview = await _send(bot, bang, office, "ghi-nho.txt", notice.encode())
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

    preview = await _send(bot, bang, office, "ghi-nho.txt", notice.encode())
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
    preview = await _send(bot, bang, office, "thong-bao.txt", notice.encode())
    save = preview["reply_markup"]["inline_keyboard"][0][0]
    await bot.press(bang, office, preview, save["callback_data"])

    (shown,) = await bot.say(bang, office, "/task 1")

    assert preview["text"].split("\n")[0] == "📄 Thông báo 12/TB-VP, ngày 05/01/2023"
    assert "Văn bản: Thông báo 12/TB-VP, ngày 05/01/2023" in shown["text"].split("\n")


# A notice that gives no date of issue, only its meeting's; its third task names no agency, and
# its first names two that the catalogue lacks (one with "&", which HTML must escape).
TOURISM_NOTICE = (
    "THÔNG BÁO\n"
    "Kết luận của Chủ tịch UBND tỉnh về phát triển du lịch\n"
    "Ngày 01 tháng 3 năm 2024, Chủ tịch UBND tỉnh chủ trì cuộc họp về phát triển du lịch. "
    "Chủ tịch UBND tỉnh kết luận như sau:\n"
    "1. Giao Sở Du lịch và Sở Văn hóa & Thể thao quảng bá điểm đến, báo cáo trong 10 ngày làm "
    "việc.\n"
    "2. Giao Sở Y tế rà soát cơ sở khám bệnh, báo cáo trước ngày 25/4/2024.\n"
    "3. Tổ chức tốt lễ hội truyền thống, hoàn thành trong tháng 4/2024.\n"
)
TOURISM_WARNINGS_VI = [
    "⚠️ Văn bản không ghi ngày ban hành; tạm lấy ngày 01/03/2024 (ngày họp nêu trong văn bản) "
    "làm mốc tính hạn. Hãy kiểm tra lại.",
    "⚠️ 1 nhiệm vụ chưa xác định được cơ quan chủ trì.",
    "⚠️ Cơ quan chưa có trong danh mục: Sở Du lịch; Sở Văn hóa & Thể thao.",
]


def _warnings(preview: JSON) -> list[str]:
    """The preview's warnings about the whole document (those of a task are indented)."""
    return [line for line in preview["text"].split("\n") if line.startswith("⚠️")]


async def test_the_warnings_of_a_preview_are_in_the_chats_language(bot: Harness) -> None:
    """A Vietnamese chat reads the importer's warnings as it always did; once the coordinator
    chooses English, the same preview shown again warns in English."""
    bang, office = await _coordinator(bot)

    vietnamese = await _send(bot, bang, office, "tb.txt", TOURISM_NOTICE.encode())
    await bot.say(bang, office, "/lang en")
    english = await _fix(bot, bang, office, "/fix xem")

    assert _warnings(vietnamese) == TOURISM_WARNINGS_VI
    assert _warnings(english) == [
        "⚠️ The document gives no date of issue; deadlines are counted from 01/03/2024 (the "
        "date of the meeting it reports) for now. Check it.",
        "⚠️ No lead agency found for 1 task.",
        "⚠️ Agencies not in the catalogue: Sở Du lịch; Sở Văn hóa & Thể thao.",
    ]


async def test_a_preview_kept_with_warnings_of_words_alone_shows_them_as_written(
    bot: Harness,
) -> None:
    """A preview kept before warnings were kept with their code has their Vietnamese words
    only: it still shows them as written, and the agencies not in the catalogue are counted
    again as the catalogue changes, as in any preview."""
    bang, office = await _coordinator(bot)
    await _send(bot, bang, office, "tb.txt", TOURISM_NOTICE.encode())
    async with bot.database.session() as session:
        pending = (await session.exec(select(ImportRequest))).one()
        assert pending.draft is not None
        words = [warning.removeprefix("⚠️ ") for warning in TOURISM_WARNINGS_VI]
        pending.draft = {**pending.draft, "warnings": words}
        session.add(pending)
        await session.commit()

    kept = await _fix(bot, bang, office, "/fix xem")
    await _add_agencies(bot, agencies.AgencyRow("Sở Du lịch", "SDL"))
    counted_again = await _fix(bot, bang, office, "/fix xem")

    assert _warnings(kept) == TOURISM_WARNINGS_VI
    assert _warnings(counted_again) == [
        *TOURISM_WARNINGS_VI[:2],
        "⚠️ Cơ quan chưa có trong danh mục: Sở Văn hóa & Thể thao.",
    ]
