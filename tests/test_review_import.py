"""Adversarial review of the directive import (issue 3): reading files, metadata, the command
line, the bot's preview and re-import. Each test fails on the code as reviewed."""

from __future__ import annotations

import asyncio
import contextlib
import io
import sqlite3
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document as make_docx
from docx.oxml import parse_xml

from ingest.text import UnreadableDocument, extract_text
from storage import agencies
from tests.conftest import SAMPLE, Cli
from tests.harness import Harness, running_bot
from tests.test_documents import EXTRA, _coordinator, _send
from tests.test_ingest_text import make_pdf
from vncalendar import VIETNAM_TZ


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    """The bot of tests/test_documents.py: the catalogue, on 06/01/2023."""
    async with running_bot(sqlite_url, start=datetime(2023, 1, 6, 9, tzinfo=VIETNAM_TZ)) as harness:
        async with harness.database.session() as session:
            await agencies.import_agencies(session=session, rows=EXTRA, now=harness.clock.now())
        yield harness


# The smallest JPEG header: what a phone's photo starts with.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"

LETTER = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
Số: 125/UBND-TH
V/v kiểm tra an toàn thực phẩm
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lai Châu, ngày 10 tháng 3 năm 2024
Kính gửi:
- Sở Y tế;
- Sở Tài chính.
Thực hiện chỉ đạo của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh có ý kiến như sau:
1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính kiểm tra an toàn thực phẩm trên địa bàn \
tỉnh, báo cáo kết quả trước ngày 15/4/2024.
2. Sở Y tế tổ chức tập huấn cho các cơ sở sản xuất, hoàn thành trong tháng 5/2024.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def _catalogue(tmp_path: Path, *names: str) -> Path:
    csv = tmp_path / "agencies.csv"
    csv.write_text("name,short_name,aliases\n" + "".join(f"{n},,\n" for n in names), "utf-8")
    return csv


def test_reimport_after_adding_a_cooperating_agency_gives_it_the_task(
    cli: Cli, tmp_path: Path
) -> None:
    """The first import warns that "Sở Tài chính" is not in the catalogue and saves task 1
    without it; the officer adds it and imports the letter again, which says "0 mới, 0 đổi hạn,
    2 đã có" and never gives Sở Tài chính the task: it gets no reminder and cannot see it. The
    re-import (the issue's "offers to update") should add the cooperating agency it now
    recognises to the task already saved."""
    letter = tmp_path / "cv-125.txt"
    letter.write_text(LETTER, encoding="utf-8")
    cli("agencies", "import", str(_catalogue(tmp_path, "Sở Y tế")))
    first = cli("import", str(letter), "--yes")
    assert "Sở Tài chính" in first[1]  # the warning: not in the catalogue
    cli("agencies", "import", str(_catalogue(tmp_path, "Sở Y tế", "Sở Tài chính")))

    preview = cli("import", str(letter), "--dry-run")[1]
    assert "phối hợp: Sở Tài chính" in preview  # the preview shows the cooperating agency now
    cli("import", str(letter), "--yes")

    finance = cli("tasks", "list", "--agency", "Sở Tài chính")[1]
    assert "kiểm tra an toàn thực phẩm" in finance, finance


def test_a_utf8_letter_with_one_stray_byte_is_read_not_refused_as_broken() -> None:
    """A .txt copied out of a web portal is UTF-8 but for one Latin-1 no-break space (byte A0)
    between two words: the officer is told the whole file is broken ("Tệp bị hỏng"), though
    Notepad opens it. Every other character is valid UTF-8: it should be read as UTF-8, the
    stray byte taken for a space or a replacement mark, and its tasks found."""
    data = LETTER.encode("utf-8").replace(
        "Thủ tướng".encode(), b"Th\xe1\xbb\xa7\xa0t\xc6\xb0\xe1\xbb\x9bng"
    )
    assert data.count(b"\xa0") >= 1
    try:
        document = extract_text(data, "cv-125.txt")
    except UnreadableDocument as error:
        raise AssertionError(f"refused: {error.reason_code}: {error.message_vi}") from None
    assert any(p.startswith("1. Giao Sở Y tế chủ trì") for p in document.paragraphs)


async def test_a_coordinator_who_sends_a_photo_of_a_directive_gets_an_answer(bot: Harness) -> None:
    """A coordinator photographs a signed notice on their phone and sends it to the bot in
    private: the bot says nothing at all (only documents are handled), so they wait for a
    preview that never comes. Like a scanned PDF, a photo should get a clear answer that it
    cannot be read and what to send instead (.docx, or a PDF with text)."""
    bang, office = await _coordinator(bot)
    server = bot.server
    stored = server._store_file("photos", "", "image/jpeg", JPEG)
    photo = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(JPEG),
        "width": 1,
        "height": 1,
    }
    before = len(server.sent_messages(office["id"]))
    message = server._new_message(
        server._chat_for_user(office, bang), **{"from": bang}, photo=[photo]
    )
    server._queue_update({"message": message})

    await server.wait_until_idle()
    await asyncio.sleep(0.5)  # a reply, if any, is sent from a task of its own
    answers = server.sent_messages(office["id"])[before:]
    assert answers, "no answer to the photo"
    assert ".docx" in answers[0]["text"] or "PDF" in answers[0]["text"]


def _recurrences(tmp_path: Path) -> list[tuple[str | None, str]]:
    with contextlib.closing(sqlite3.connect(tmp_path / "db" / "n.db")) as db:
        return list(db.execute("SELECT recurrence, text FROM task ORDER BY id"))


def test_a_revision_that_makes_a_monthly_report_quarterly_changes_how_often_it_is_due(
    cli: Cli, tmp_path: Path
) -> None:
    """The office revises letter 125/UBND-TH (same number and date): the Finance department now
    reports "hằng quý" instead of "hằng tháng". The re-import pairs the task, gives it the new
    words ("định kỳ hằng quý"), says "0 đổi hạn" and keeps it monthly: the department is chased
    every month for a quarterly report. The saved task should become quarterly."""
    cli("agencies", "import", str(_catalogue(tmp_path, "Sở Y tế", "Sở Tài chính")))
    monthly = LETTER.replace(
        "2. Sở Y tế tổ chức tập huấn cho các cơ sở sản xuất, hoàn thành trong tháng 5/2024.",
        "2. Sở Tài chính định kỳ hằng tháng báo cáo UBND tỉnh kết quả thực hiện.",
    )
    letter = tmp_path / "cv-125.txt"
    letter.write_text(monthly, encoding="utf-8")
    cli("import", str(letter), "--yes")
    revised = tmp_path / "cv-125-sua.txt"
    revised.write_text(monthly.replace("hằng tháng", "hằng quý"), encoding="utf-8")

    preview = cli("import", str(revised), "--dry-run")[1]
    cli("import", str(revised), "--yes")

    assert "31/03/2024, định kỳ hằng quý" in preview
    report = [row for row in _recurrences(tmp_path) if "báo cáo UBND tỉnh" in row[1]]
    assert report == [
        ("quarterly", "Sở Tài chính định kỳ hằng quý báo cáo UBND tỉnh kết quả thực hiện.")
    ]


async def test_the_save_button_of_an_unchanged_reimport_does_not_offer_to_save_its_tasks_again(
    bot: Harness,
) -> None:
    """The notice saved, the same file is sent again: the preview ends "Lưu lần này: 0 nhiệm vụ
    mới, 0 nhiệm vụ đổi hạn, 5 đã có từ trước" but its button still reads "💾 Lưu 5 nhiệm vụ",
    as if pressing it would save the five tasks a second time (the command line says "Không có gì
    để lưu" and asks nothing). The button should not promise to save tasks already saved."""
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


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _tracked_move(text: str, kind: str) -> Any:
    """A paragraph whose text Word's tracked changes moved: "moveFrom" where it was, "moveTo"
    where it went (as Word writes a paragraph dragged up with Track Changes on)."""
    return parse_xml(
        f'<w:p {_W}><w:pPr><w:rPr><w:{kind} w:id="3" w:author="Lan"'
        f' w:date="2024-03-09T10:00:00Z"/></w:rPr></w:pPr>'
        f'<w:{kind}RangeStart w:id="1" w:author="Lan" w:name="move1"/>'
        f'<w:{kind} w:id="2" w:author="Lan" w:date="2024-03-09T10:00:00Z"><w:r>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r></w:{kind}>'
        f'<w:{kind}RangeEnd w:id="1"/></w:p>'
    )


def test_a_paragraph_moved_with_track_changes_on_is_read_once() -> None:
    """A draft circulated with Track Changes on: the secretary moved task 3 above task 2. The
    importer reads deleted text as gone and inserted text as there (the changes accepted), but
    reads the moved paragraph twice, where it was and where it went: the preview lists the
    Police's task twice. It should be read once, where it went."""
    document = make_docx()
    body = document.element.body
    police = "3. Công an tỉnh bảo đảm an ninh trật tự, hoàn thành trước ngày 30/4/2024."
    document.add_paragraph(
        "1. Giao Sở Y tế kiểm tra an toàn thực phẩm, hoàn thành trước ngày 15/4/2024."
    )
    body.insert(len(body) - 1, _tracked_move(police, "moveTo"))
    document.add_paragraph("2. Sở Tài chính bố trí kinh phí, hoàn thành trong tháng 5/2024.")
    body.insert(len(body) - 1, _tracked_move(police, "moveFrom"))
    out = io.BytesIO()
    document.save(out)

    paragraphs = extract_text(out.getvalue(), "cv-125.docx").paragraphs

    assert paragraphs.count(police) == 1, paragraphs


# The text a digital signature (VGCA, Ban Cơ yếu Chính phủ) stamps on a signed scan: the only
# text of a directive published as a signed scanned PDF.
SIGNATURE_STAMP = [
    "Ký bởi: Ủy ban Nhân dân tỉnh Lai Châu",
    "Email: ubnd@laichau.gov.vn",
    "Cơ quan: Tỉnh Lai Châu",
    "Thời gian ký: 10.03.2024 09:15:03 +07:00",
]


def test_a_signed_scan_whose_only_text_is_the_signature_stamp_is_told_to_be_a_scan(
    cli: Cli, tmp_path: Path
) -> None:
    """Most directives published by provinces are scans, signed digitally: the signature's stamp
    ("Ký bởi: ... Thời gian ký: ...") is their only text. The importer takes it for a directive
    with one task, "Ký bởi: Ủy ban Nhân dân tỉnh Lai Châu Email: ...", led by "Ủy ban Nhân dân
    tỉnh Lai Châu Email". It should say, as for any scan, that the PDF has no text layer to
    read, and import nothing."""
    scan = tmp_path / "125-UBND-TH.signed.pdf"
    scan.write_bytes(make_pdf([SIGNATURE_STAMP, [], []]))

    code, out, err = cli("import", str(scan), "--dry-run")

    assert (code, out) == (1, ""), out
    assert "bản quét" in err
