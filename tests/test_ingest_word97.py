"""Word 97-2003 files (.doc): what offices still send, read as their text and .docx are.

The .doc files of tests/data/doc were saved by LibreOffice from .docx the test builders made
(tests/data/doc/make_docs.py); the tests need no LibreOffice."""

from __future__ import annotations

import random
import re
import struct
from pathlib import Path

import pytest

from ingest.pipeline import read_directive
from ingest.text import UnreadableDocument, extract_text
from ingest.word97 import from_doc
from tests.conftest import SAMPLE
from tests.test_ingest_tasks import DOCUMENTS, SAMPLE_CATALOGUE, catalogue_of, load, task_key

DOCS = Path(__file__).parent / "data" / "doc"
NOTE_LINE = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
NOTE_MARK = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def doc(name: str) -> bytes:
    return (DOCS / name).read_bytes()


def fib_at(data: bytes) -> int:
    """Where the WordDocument stream, which opens with the FIB, starts in the file: the sector
    that begins with Word 97's wIdent."""
    return next(at for at in range(512, len(data), 512) if data[at : at + 2] == b"\xec\xa5")


def with_fib(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    changed = bytearray(data)
    struct.pack_into(fmt, changed, fib_at(data) + offset, value)
    return bytes(changed)


def code_of(data: bytes, name: str = "vb.doc") -> str:
    with pytest.raises(UnreadableDocument) as caught:
        extract_text(data, name)
    assert caught.value.message_vi
    return caught.value.reason_code


@pytest.mark.parametrize(
    ("doc_name", "text"),
    [
        ("thong-bao-ket-luan-2023.doc", SAMPLE),
        ("ke-hoach-lai-chau-1367-2023.doc", DOCUMENTS / "ke-hoach-lai-chau-1367-2023.txt"),
        ("cong-van-vpcp-3348-2015.doc", DOCUMENTS / "cong-van-vpcp-3348-2015.txt"),
        ("cong-van-vpcp-3348-2015-letterhead.doc", DOCUMENTS / "cong-van-vpcp-3348-2015.txt"),
    ],
)
def test_a_doc_gives_the_same_tasks_and_particulars_as_its_text(doc_name: str, text: Path) -> None:
    """Word's bullets and list numbers, a task table whose group rows span it, a letterhead laid
    out in a table with line breaks in its cells, footnotes referenced in the body."""
    if text == SAMPLE:
        catalogue, from_text = SAMPLE_CATALOGUE, None
    else:
        expected, from_text = load(text.with_suffix(".expected.json"))
        catalogue = catalogue_of(expected["catalogue"])
    from_text = from_text or read_directive(text.read_bytes(), text.name, catalogue=catalogue)
    from_doc_file = read_directive(doc(doc_name), doc_name, catalogue=catalogue)
    assert len(from_doc_file.tasks) >= 2
    assert [task_key(t) for t in from_doc_file.tasks] == [task_key(t) for t in from_text.tasks]
    assert [t.text for t in from_doc_file.tasks] == [t.text for t in from_text.tasks]
    assert from_doc_file.meta == from_text.meta


def test_the_footnotes_of_a_doc_are_set_aside_and_their_marks_dropped() -> None:
    document = extract_text(doc("thong-bao-ket-luan-2023.doc"), "tb.doc")
    notes = [
        line.split(" ", 1)[1]
        for line in SAMPLE.read_text(encoding="utf-8").split("\n")
        if NOTE_LINE.match(line)
    ]
    assert document.footnotes == {str(n): note for n, note in enumerate(notes, start=1)}
    assert document.footnotes["1"] == "Giấy mời Số 1347/GM-UBND ngày 29/12/2022."
    assert document.paragraphs[2].endswith("điều hành của UBND tỉnh năm 2022.")
    assert not any("Giấy mời" in paragraph for paragraph in document.paragraphs)
    assert not any(NOTE_MARK.search(paragraph) for paragraph in document.paragraphs)


def test_a_fields_result_is_read_and_its_code_skipped() -> None:
    """A link is a HYPERLINK field: its address is the field's code, its words the result."""
    document = extract_text(doc("cong-van-fields.doc"), "cv.doc")
    assert document.paragraphs[-1] == (
        "Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm theo hướng dẫn tại Cổng thông tin điện "
        "tử tỉnh, báo cáo UBND tỉnh trước ngày 15/3/2024."
    )
    assert not any("HYPERLINK" in p or "http" in p for p in document.paragraphs)


def the_sample_without_footnotes() -> str:
    return "\n".join(
        NOTE_MARK.sub("", line)
        for line in SAMPLE.read_text(encoding="utf-8").split("\n")
        if not NOTE_LINE.match(line)
    )


def test_a_doc_typed_in_tcvn3_fonts_gives_the_same_tasks_and_capitals_as_in_unicode() -> None:
    """The sample as an office that never left the ".VnTime" fonts types it (no footnotes):
    Word keeps TCVN3's codes, its "ư" (Latin-1's soft hyphen) as an optional hyphen. Each run
    is read by its font, found as Word finds it: the Normal style's ".VnTime", a run's own
    ".VnTimeH" for a capital ".VnTime" lacks ("Ủy ban"), a heading's style in ".VnTimeH"
    whose small letters' codes show as capitals ("THÔNG BÁO")."""
    in_unicode = read_directive(
        the_sample_without_footnotes().encode(), "tb.txt", catalogue=SAMPLE_CATALOGUE
    )
    data = doc("thong-bao-ket-luan-2023-tcvn3.doc")
    in_tcvn3 = read_directive(data, "tb.doc", catalogue=SAMPLE_CATALOGUE)
    assert len(in_tcvn3.tasks) >= 8
    assert [task_key(t) for t in in_tcvn3.tasks] == [task_key(t) for t in in_unicode.tasks]
    assert [t.text for t in in_tcvn3.tasks] == [t.text for t in in_unicode.tasks]
    assert in_tcvn3.meta == in_unicode.meta
    paragraphs = extract_text(data, "tb.doc").paragraphs
    assert paragraphs[0] == "THÔNG BÁO"
    assert "CHÁNH VĂN PHÒNG" in paragraphs
    assert paragraphs[1].startswith("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh")


def test_each_run_of_a_doc_is_read_by_its_own_font() -> None:
    """Text pasted from older files into a Unicode letter keeps its fonts: a ".VnTimeH" heading,
    a sentence's end in "VNI-Times", a sentence in ".VnTime"; the Unicode runs are left alone."""
    document = extract_text(doc("cong-van-mixed-fonts.doc"), "cv.doc")
    assert document.paragraphs == [
        "THÔNG BÁO",
        "Giao Sở Y tế chủ trì; Sở Kế hoạch và Đầu tư hoàn thành trước ngày 15/3/2023; Ủy ban "
        "nhân dân tỉnh.",
        "Sở Kế hoạch và Đầu tư hoàn thành trước ngày 15/3/2023; Uỷ ban nhân dân tỉnh.",
    ]


def test_a_doc_in_tcvn3_whose_fonts_were_renamed_is_read_by_its_text() -> None:
    """A converter that swapped the ".Vn" fonts for others leaves TCVN3's codes: the text
    tells them, as in a .txt or a PDF in TCVN3, without the capitals ".VnTimeH" showed."""
    data = doc("thong-bao-ket-luan-2023-tcvn3.doc")
    renamed = data.replace(".VnTime".encode("utf-16-le"), "_VnTime".encode("utf-16-le"))
    assert renamed != data
    in_unicode = read_directive(
        the_sample_without_footnotes().encode(), "tb.txt", catalogue=SAMPLE_CATALOGUE
    )
    in_tcvn3 = read_directive(renamed, "tb.doc", catalogue=SAMPLE_CATALOGUE)
    assert [task_key(t) for t in in_tcvn3.tasks] == [task_key(t) for t in in_unicode.tasks]
    assert [t.text.lower() for t in in_tcvn3.tasks] == [t.text.lower() for t in in_unicode.tasks]


def test_a_style_numbers_its_paragraphs_and_headers_and_footers_stay_out() -> None:
    """Word writes the list of a paragraph in a numbered style ("List Number") in the style
    alone; the page's header and footer are no part of the letter's text."""
    document = extract_text(doc("cong-van-numbered-by-style.doc"), "cv.doc")
    assert document.paragraphs == [
        "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
        "Số: 16/UBND-KT",
        "Lai Châu, ngày 04 tháng 3 năm 2024",
        "Kính gửi: Sở Y tế; Sở Xây dựng.",
        "1. Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm, báo cáo UBND tỉnh trước ngày "
        "15/3/2024.",
        "2. Giao Sở Xây dựng rà soát các công trình chậm tiến độ, báo cáo trước ngày 29/3/2024.",
    ]


def test_a_doc_renamed_docx_or_without_a_name_is_read() -> None:
    data = doc("cong-van-vpcp-3348-2015.doc")
    as_doc = extract_text(data, "cv.doc")
    assert extract_text(data, "cv.docx") == as_doc
    assert extract_text(data, "cv") == as_doc


def test_an_encrypted_doc_is_refused_as_encrypted() -> None:
    data = doc("cong-van-vpcp-3348-2015.doc")
    (flags,) = struct.unpack_from("<H", data, fib_at(data) + 0x0A)
    assert code_of(with_fib(data, 0x0A, "<H", flags | 0x0100)) == "encrypted"


def test_a_word_95_file_is_told_to_be_saved_as_docx() -> None:
    """Word 6.0 and Word 95 wrote an older format (nFib 101 to 105) this reader does not read."""
    data = with_fib(doc("cong-van-vpcp-3348-2015.doc"), 2, "<H", 104)
    with pytest.raises(UnreadableDocument) as caught:
        extract_text(data, "cv.doc")
    assert caught.value.reason_code == "legacy_doc"
    assert "Word 6.0/95" in caught.value.message_vi
    assert ".docx" in caught.value.message_vi


def test_a_broken_doc_is_refused_as_corrupt() -> None:
    data = doc("thong-bao-ket-luan-2023.doc")
    for cut in (100, 600, len(data) // 3, len(data) // 2, len(data) - 600):
        assert code_of(data[:cut]) == "corrupt", cut
    assert code_of(with_fib(data, 0, "<H", 0x1234)) == "corrupt"  # not Word's wIdent
    # A main text longer than the file: bounded by max_bytes, and by the pieces there are.
    csw = struct.unpack_from("<H", data, fib_at(data) + 32)[0]
    ccp_text = 32 + 2 + 2 * csw + 2 + 4 * 3
    assert code_of(with_fib(data, ccp_text, "<i", 0x7FFFFFF0)) == "corrupt"
    assert code_of(with_fib(data, ccp_text, "<i", len(data) * 2)) == "corrupt"
    assert code_of(with_fib(data, ccp_text, "<i", -5)) == "corrupt"


@pytest.mark.parametrize(
    "name",
    [
        "thong-bao-ket-luan-2023.doc",
        "ke-hoach-lai-chau-1367-2023.doc",
        "thong-bao-ket-luan-2023-tcvn3.doc",  # its fonts, styles and runs read too
    ],
)
def test_a_damaged_doc_is_read_or_refused_never_a_crash(name: str) -> None:
    """Bytes changed at random in the container, the FIB and the table stream: the reader gives
    the text or refuses it; no struct, index or olefile error gets out of it."""
    data = doc(name)
    rng = random.Random(name)
    refused: list[str] = []
    for _ in range(100):
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 4, 20))):
            damaged[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            damaged = damaged[: rng.randrange(len(damaged))]
        try:
            from_doc(bytes(damaged), max_bytes=len(data))
        except UnreadableDocument as error:
            refused.append(error.reason_code)
    assert refused
    assert set(refused) <= {"corrupt", "encrypted", "legacy_doc"}
