"""Text extraction: encodings, .docx (numbering, tables, footnotes), text PDFs, and bad files."""

from __future__ import annotations

import io
import random
import re
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document as make_document
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from pypdf import PdfWriter
from pypdf.constants import UserAccessPermissions

from ingest.legacy_encodings import to_unicode
from ingest.text import (
    MESSAGES,
    Document,
    UnreadableDocument,
    extract_text,
    has_spaced_row,
    size_over,
    xml_limit,
)
from tests.conftest import SAMPLE
from tests.plans import LETTER

DOCUMENTS = Path(__file__).parent / "data" / "documents"


# --------------------------------------------------------------------------------------------
# Builders shared with the other ingest tests.
# --------------------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal text PDF: a Type0 font whose ToUnicode map turns each glyph back into a letter.

    No font program is embedded (viewers draw boxes), but the text layer is exact, which is what
    the importer reads; every distinct character gets a two-byte code of its own.
    """
    characters = sorted(
        {char for page in pages for line in page for char in line if char != "\t"} | {" "}
    )
    code = {char: index + 1 for index, char in enumerate(characters)}
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    to_unicode = "".join(
        f"<{code[c]:04X}> <{''.join(f'{b:02X}' for b in c.encode('utf-16-be'))}>\n"
        for c in characters
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(characters)} beginbfchar\n{to_unicode}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    cmap_id = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /DW 500 /CIDToGIDMap /Identity >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, cmap_id)
    )
    pages_id = len(objects) + 2 * len(pages) + 1
    page_ids = []
    for lines in pages:
        ops = [b"BT /F1 10 Tf"]
        for row, line in enumerate(lines):
            # A line with tabs is a table row: each cell at its column, 110 points apart.
            for column, cell in enumerate(line.split("\t")):
                hexed = "".join(f"{code[c]:04X}" for c in cell)
                x, y = 40 + 110 * column, 800 - 12 * row
                ops.append(f"1 0 0 1 {x} {y} Tm <{hexed}> Tj".encode())
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842]"
                b" /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    kids = b" ".join(b"%d 0 R" % page for page in page_ids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return out.getvalue()


def pdf_pages_from_text(text: str, *, per_page: int, header: str) -> list[list[str]]:
    """Wrap a plain-text directive onto pages with a running header and a page number footer."""
    lines: list[str] = []
    for paragraph in [p.strip() for p in text.split("\n") if p.strip()]:
        while len(paragraph) > 90:
            cut = paragraph.rfind(" ", 0, 90)
            lines.append(paragraph[:cut])
            paragraph = paragraph[cut + 1 :]
        lines.append(paragraph)
    pages = []
    for number, start in enumerate(range(0, len(lines), per_page), start=1):
        pages.append([header, *lines[start : start + per_page], f"- {number} -"])
    return pages


def docx_paragraphs(document: DocxDocument) -> list[str]:
    """The paragraphs the importer reads from a python-docx document."""
    out = io.BytesIO()
    document.save(out)
    return read(out.getvalue(), "x.docx").paragraphs


def docx_from_text(text: str) -> bytes:
    """A .docx with the paragraphs of a plain-text directive: "- " lines as Word bullets (numbering
    not in the text), "a | b" rows as a real table."""
    document = make_document()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(row) for row in rows)
        table = document.add_table(rows=0, cols=width)
        for cells in rows:
            row = table.add_row()
            if len([c for c in cells if c]) <= 2 and width > 2:
                # Group rows span the table after their number, as in real plans.
                row.cells[1].merge(row.cells[width - 1])
                row.cells[0].text = cells[0]
                row.cells[1].text = cells[1] if len(cells) > 1 else ""
                continue
            for index, value in enumerate(cells):
                row.cells[index].text = value
        rows.clear()

    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if " | " in line:
            rows.append([cell.strip() for cell in re.split(r"\s*\|\s*", line.rstrip(" |"))])
            continue
        flush()
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_letterhead_table(text: str) -> bytes:
    """A letter whose letterhead is a two-column table, as offices type it: the body's lines up
    to the place and date go in the table, issuer and number on the left, motto and date on the
    right, each column's lines one paragraph cut by line breaks."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    dated = next(i for i, line in enumerate(lines) if re.search(r", ngày \d", line))
    motto = next(i for i, line in enumerate(lines) if line.startswith("CỘNG HÒA"))
    left = [line for line in lines[:motto] + lines[motto + 3 : dated] if not line.startswith("--")]
    right = [line for line in lines[motto : motto + 2]] + [lines[dated]]
    document = make_document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)
    for line in lines[dated + 1 :]:
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_footnote(data: bytes, anchor: str, note: str) -> bytes:
    """Give a .docx a real footnote (word/footnotes.xml) referenced after ``anchor``'s paragraph."""
    document = make_document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(anchor):
            paragraph._p.append(footnote_reference("1"))
            break
    return with_footnotes(document, {"1": note})


def footnote_reference(number: str) -> Any:
    """A run that refers to footnote ``number``, as Word writes it."""
    run = OxmlElement("w:r")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), number)
    run.append(reference)
    return run


def with_footnotes(document: DocxDocument, notes: dict[str, str]) -> bytes:
    """The .docx of ``document`` with a footnotes part holding ``notes`` (by footnote id)."""
    out = io.BytesIO()
    document.save(out)
    entries = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:t xml:space="preserve">{note}</w:t></w:r></w:p>'
        "</w:footnote>"
        for number, note in notes.items()
    )
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f"</w:footnote>{entries}</w:footnotes>"
    )
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            if item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(item, content)
        target.writestr("word/footnotes.xml", footnotes)
    return result.getvalue()


def read(data: bytes, name: str) -> Document:
    return extract_text(data, name)


# --------------------------------------------------------------------------------------------
# Plain text.
# --------------------------------------------------------------------------------------------

VIETNAMESE = (
    "Sở Kế hoạch và Đầu tư hoàn thành trong tháng 01/2023; Ủy ban nhân dân tỉnh Kiên Giang."
)


def test_sample_paragraphs_footnotes_and_page_breaks() -> None:
    document = read(SAMPLE.read_bytes(), SAMPLE.name)
    assert document.paragraphs[0] == "THÔNG BÁO"
    assert set(document.footnotes) == {str(n) for n in range(1, 10)}
    assert document.footnotes["1"] == "Giấy mời Số 1347/GM-UBND ngày 29/12/2022."
    text = "\n".join(document.paragraphs)
    # Footnote marks are gone from the body, footnotes are not in it, page breaks are mended.
    assert not re.search("[¹²³⁴⁵⁶⁷⁸⁹]", text)
    assert "Giấy mời Số 1347" not in text
    assert "Vườn Quốc gia Phú Quốc" in text
    assert "là năm bản lề thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025" in text
    assert "năm 2022." in document.paragraphs[2]
    # Markdown emphasis from the conversion is dropped.
    assert "- Thứ nhất, phải khẩn trương" in text
    assert document.paragraphs[-1] == "Đặng Vũ Bằng"


def test_markdown_emphasis_closed_after_a_space_is_dropped_too() -> None:
    document = read("**- Chủ trì, phối hợp với VIETTEL chịu trách nhiệm về: **\n".encode(), "x.txt")
    assert document.paragraphs == ["- Chủ trì, phối hợp với VIETTEL chịu trách nhiệm về:"]


def test_a_heading_cut_after_its_agencys_head_word_goes_on_with_the_next_line() -> None:
    text = "1. Vụ\nPháp chế\n- Tập trung hoàn thành việc xây dựng Nghị định.\n2. Cục\nBáo chí\n"
    assert read(text.encode(), "x.txt").paragraphs == [
        "1. Vụ Pháp chế",
        "- Tập trung hoàn thành việc xây dựng Nghị định.",
        "2. Cục Báo chí",
    ]


def test_a_markdown_heading_in_bold_across_lines_keeps_its_number() -> None:
    text = "**IV. TỔ CHỨC THỰC HIỆN**\n**3.\nSở Y tế:**\n- Bố trí các đội y tế lưu động.\n"
    assert read(text.encode(), "x.txt").paragraphs == [
        "IV. TỔ CHỨC THỰC HIỆN",
        "3. Sở Y tế:",
        "- Bố trí các đội y tế lưu động.",
    ]


def test_a_section_heading_in_capitals_cut_after_a_word_is_one_heading() -> None:
    text = "V. TỔ\nCHỨC THỰC HIỆN\n1. Sở Y tế:\nVI.\nKINH PHÍ\nI. MỤC TIÊU\n1. MỤC TIÊU CHUNG\n"
    assert read(text.encode(), "x.txt").paragraphs == [
        "V. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế:",
        "VI. KINH PHÍ",
        "I. MỤC TIÊU",
        "1. MỤC TIÊU CHUNG",
    ]


def test_a_line_in_capitals_that_announces_what_follows_is_no_part_of_the_heading_above() -> None:
    text = "I. NHIỆM VỤ\nCÔNG AN TỈNH THỰC HIỆN CÁC NỘI DUNG SAU:\n1. Tuần tra, kiểm soát.\n"
    assert read(text.encode(), "x.txt").paragraphs == [
        "I. NHIỆM VỤ",
        "CÔNG AN TỈNH THỰC HIỆN CÁC NỘI DUNG SAU:",
        "1. Tuần tra, kiểm soát.",
    ]


def test_a_web_pages_table_with_each_cell_between_lines_of_bars_is_read_as_rows() -> None:
    # The letterhead's two columns stay lines; the table's rows, and the section between them
    # (across the row, as a .docx's merged cell), become rows.
    text = (
        "|\nỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n|\n"
        "Số: 617/KH-UBND\n|\nĐồng Tháp, ngày 01 tháng 12 năm 2025\n|\n|\n\n"
        "|\nSTT\n|\nTên nhiệm vụ\n|\nCơ quan chủ trì\n|\nThời gian hoàn thành\n|\n|\n"
        "I.\nNÂNG CAO NHẬN THỨC\n|\n|\n"
        "1\n|\nTriển khai nền tảng đào tạo\ntrực tuyến.\n|\nSở KH&CN\n|\nQuí IV-2025\n|\n|\n"
    )
    paragraphs = read(text.encode(), "x.md.txt").paragraphs
    assert "ỦY BAN NHÂN DÂN" in paragraphs and "TỈNH ĐỒNG THÁP" in paragraphs
    header = paragraphs.index("STT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành")
    assert paragraphs[header : header + 3] == [
        "STT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành",
        "I. NÂNG CAO NHẬN THỨC | | |",
        "1 | Triển khai nền tảng đào tạo trực tuyến. | Sở KH&CN | Quí IV-2025",
    ]


def test_a_row_of_three_bars_alone_is_no_table() -> None:
    # A letterhead's number, date and the short letter under them, between two "|" lines each.
    text = (
        "Số: 12/UBND\n|\nHà Nội, ngày 02 tháng 3 năm 2025\n|\nKính gửi: Sở Y tế\n"
        "Đề nghị Sở Y tế báo cáo trước ngày 10/3/2025.\n|\n|\n"
    )
    paragraphs = read(text.encode(), "x.txt").paragraphs
    assert "Đề nghị Sở Y tế báo cáo trước ngày 10/3/2025." in paragraphs


def test_a_markdown_heading_in_italics_across_lines_is_no_bullet() -> None:
    text = (
        "*1.2.\nSở Tài chính - Cơ quan thường trực*\n- Tham mưu triển khai kế hoạch.\n"
        "* Một gạch đầu dòng của Markdown vẫn là gạch đầu dòng.\n"
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "1.2. Sở Tài chính - Cơ quan thường trực",
        "- Tham mưu triển khai kế hoạch.",
        "* Một gạch đầu dòng của Markdown vẫn là gạch đầu dòng.",
    ]


@pytest.mark.parametrize(
    "encoded",
    [
        VIETNAMESE.encode("utf-8"),
        b"\xef\xbb\xbf" + VIETNAMESE.encode("utf-8"),
        VIETNAMESE.encode("utf-16"),
        VIETNAMESE.encode("utf-16-le"),
        unicodedata.normalize("NFD", VIETNAMESE).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf8-nfd"],
)
def test_unicode_encodings(encoded: bytes) -> None:
    assert read(encoded, "a.txt").paragraphs == [VIETNAMESE]


@pytest.mark.parametrize("control", ["\v", "\x01", "\x1f", " \v\x0c "])
def test_a_control_character_between_words_is_a_space(control: str) -> None:
    # Word's manual line break is a vertical tab in text copied out of it: kept in a task's
    # text, it made openpyxl refuse the month's Excel report.
    typed = VIETNAMESE.replace(" hoàn thành", f"{control}hoàn thành")
    assert read(typed.encode("utf-8"), "a.txt").paragraphs == [VIETNAMESE]


def to_cp1258(text: str) -> bytes:
    """Encode as Vietnamese software writes Windows-1258: "ệ" is "ê" and a combining dot below."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_with_combining_tones_becomes_nfc() -> None:
    # Python's codec decodes the tone marks as separate combining characters.
    encoded = to_cp1258(VIETNAMESE)
    assert b"\xf2" in encoded  # the combining dot below of "ệ"
    assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == VIETNAMESE
    document = read(encoded, "cong-van.txt")
    assert document.paragraphs == [VIETNAMESE]
    assert unicodedata.is_normalized("NFC", document.paragraphs[0])


def test_windows_1252_text_is_not_taken_for_vietnamese() -> None:
    text = "Le café de la Mairie est fermé; réunion à l'hôtel de ville, déjà prévue."
    assert read(text.encode("cp1252"), "note.txt").paragraphs == [text]


def test_a_utf8_letter_with_one_stray_byte_is_read_not_refused_as_broken() -> None:
    """A .txt copied out of a web portal is UTF-8 but for one Latin-1 no-break space (byte A0)
    between two words, and Notepad opens it. Every other character being valid UTF-8, it is
    read as UTF-8, the stray byte taken for a space or a replacement mark, and its tasks
    found: the whole file is not refused as broken ("Tệp bị hỏng")."""
    data = LETTER.encode("utf-8").replace(
        "Thủ tướng".encode(), b"Th\xe1\xbb\xa7\xa0t\xc6\xb0\xe1\xbb\x9bng"
    )
    assert data.count(b"\xa0") >= 1
    try:
        document = extract_text(data, "cv-125.txt")
    except UnreadableDocument as error:
        raise AssertionError(f"refused: {error.reason_code}: {error.message_vi}") from None
    assert any(p.startswith("1. Giao Sở Y tế chủ trì") for p in document.paragraphs)


def test_a_numbered_item_after_a_line_ending_in_a_date_word_starts_a_paragraph() -> None:
    # "năm", "ngày" at a line's end most often wrap a date; "2. Sở Y tế" is the next item.
    for gap in ("\n", "\n\n"):
        text = (
            f"- Báo cáo năm gửi trước ngày 25/11 hàng năm{gap}2. Sở Y tế báo cáo các nội dung sau:"
        )
        assert read(text.encode(), "x.txt").paragraphs == [
            "- Báo cáo năm gửi trước ngày 25/11 hàng năm",
            "2. Sở Y tế báo cáo các nội dung sau:",
        ]
    wrapped = "Sở Y tế báo cáo UBND tỉnh trước ngày\n15.3.2024 kết quả rà soát."
    assert read(wrapped.encode(), "x.txt").paragraphs == [wrapped.replace("\n", " ")]


def test_hard_wrapped_text_is_rejoined() -> None:
    text = (
        "Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan rà soát\n"
        "toàn bộ các khoản chi thường xuyên, báo cáo UBND tỉnh trước ngày\n"
        "15/3/2024.\n"
        "- Sở Y tế khẩn trương triển khai.\n"
        "a) Công an tỉnh bảo đảm an ninh.\n"
        "_ Tiếp tục nâng cấp nền tảng tích hợp,\n"
        "chia sẻ dữ liệu\n"
        "~ Chủ trì rà soát nguồn nhân lực.\n"
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan rà soát toàn bộ các khoản "
        "chi thường xuyên, báo cáo UBND tỉnh trước ngày 15/3/2024.",
        "- Sở Y tế khẩn trương triển khai.",
        "a) Công an tỉnh bảo đảm an ninh.",
        # A scan's dashes.
        "_ Tiếp tục nâng cấp nền tảng tích hợp, chia sẻ dữ liệu",
        "~ Chủ trì rà soát nguồn nhân lực.",
    ]


def test_an_offices_name_wrapped_at_its_dash_is_no_bullet() -> None:
    text = (
        "- Phòng Lao động - Thương binh và Xã hội chủ trì, phối hợp với Phòng Tài chính\n"
        "- Kế hoạch rà soát nguồn vốn sự nghiệp chưa giải ngân, đề xuất điều chỉnh giữa\n"
        "các dự án; báo cáo UBND huyện trước ngày 10/8/2024.\n"
        "- Đề nghị Ngân hàng Chính sách xã hội huyện đẩy mạnh giải ngân vốn cho vay.\n"
        "- Phòng Tài chính\n"
        "- Kế hoạch huyện.\n"
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "- Phòng Lao động - Thương binh và Xã hội chủ trì, phối hợp với Phòng Tài chính - Kế "
        "hoạch rà soát nguồn vốn sự nghiệp chưa giải ngân, đề xuất điều chỉnh giữa các dự án; "
        "báo cáo UBND huyện trước ngày 10/8/2024.",
        "- Đề nghị Ngân hàng Chính sách xã hội huyện đẩy mạnh giải ngân vốn cho vay.",
        # A short line ended where it was meant to: a list of two.
        "- Phòng Tài chính",
        "- Kế hoạch huyện.",
    ]


def test_words_a_page_ran_together_part_but_a_brand_keeps_its_capitals() -> None:
    text = "Giao BộXây dựng và MobiFone, VietinBank chi nhánh tỉnh hỗ trợ."
    assert read(text.encode(), "x.txt").paragraphs == [
        "Giao Bộ Xây dựng và MobiFone, VietinBank chi nhánh tỉnh hỗ trợ."
    ]


def test_a_short_first_line_of_an_indented_paragraph_still_runs_on() -> None:
    # Copied from a page whose paragraphs open indented: every first line is short, and one
    # that stops mid-name ("Gia" / "Lai") was wrapped like the lines under it.
    text = (
        "1. Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk,\n"
        "Khánh Hòa, Gia Lai và Lâm Đồng chỉ đạo cơ quan chức năng và chính quyền cơ sở\n"
        "khẩn trương rà soát, thống kê, tổng hợp báo cáo.\n"
        "(1) Số hộ dân có nhà bị sập, đổ, trôi cần phải xây\n"
        "dựng lại.\n"
        "(2) Số hộ dân có nhà bị hư hỏng nặng cần phải sửa\n"
        "chữa.\n"
        "Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia\n"
        "Lai và Lâm Đồng khẩn trương gửi Báo cáo về Văn phòng Chính phủ và các Bộ: Tài chính,\n"
        "Nông nghiệp và Môi trường trước 17 giờ ngày 27/11/2025 để tổng hợp.\n"
        "2. Bộ trưởng Bộ Tài chính tổng hợp, chủ động đề xuất\n"
        "sử dụng nguồn lực từ ngân sách trung ương hỗ trợ các tỉnh.\n"
    )
    paragraphs = read(text.encode(), "x.txt").paragraphs
    assert paragraphs[3].startswith("Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia Lai và")
    assert len(paragraphs) == 5


def test_syllables_a_pdf_ran_together_get_their_spaces_back() -> None:
    text = "Các Bộlà chủ Chương trình trong thờihạn 07 ngày; Bộ Kế hoạchvà Đầu tư tổchức các huyện"
    assert read(text.encode(), "x.txt").paragraphs == [
        "Các Bộ là chủ Chương trình trong thời hạn 07 ngày; Bộ Kế hoạch và Đầu tư tổ chức các huyện"
    ]
    # "cáchuyện" could be "cá chuyện": the likelier syllables of an official text win.
    assert read("gửi cáchuyện".encode(), "x.txt").paragraphs == ["gửi các huyện"]
    # Names that are not syllables of standard Vietnamese, codes and plain words stay as written.
    kept = "Đắk Lắk, Krông Búk, HĐND, KH&ĐT, online, Nguyễn, nghiêng, khuya"
    assert read(kept.encode(), "x.txt").paragraphs == [kept]


def test_a_list_item_under_a_heading_without_a_colon_stays_its_own_paragraph() -> None:
    text = "1. Tháo gỡ khó khăn về vốn, tín dụng\n\na) Ngân hàng Nhà nước Việt Nam:\n\n- Chỉ đạo"
    assert read(text.encode(), "x.txt").paragraphs == [
        "1. Tháo gỡ khó khăn về vốn, tín dụng",
        "a) Ngân hàng Nhà nước Việt Nam:",
        "- Chỉ đạo",
    ]
    # A sentence a page break cut still joins up.
    assert read("Sở Y tế báo cáo\n\nkết quả trước ngày 15/3.".encode(), "x.txt").paragraphs == [
        "Sở Y tế báo cáo kết quả trước ngày 15/3."
    ]


def test_a_pdfs_running_header_in_its_text_is_dropped_and_the_sentence_goes_on() -> None:
    header = "Chỉ thị số 04/CT-UBND ngày 10/3/2025 của UBND tỉnh Quảng Trị"
    text = "\n".join(
        [
            "1. Sở Tài chính bố trí kinh phí, hoàn thành trong tháng 4/2025.",
            "",
            header,
            "",
            "2. Công an tỉnh chỉ đạo lực lượng phòng cháy, chữa cháy và cứu nạn,",
            "",
            header,
            "",
            "cứu hộ phối hợp kiểm tra, xử lý vi phạm.",
            # A line said twice that gives a date is no header.
            "Thời gian hoàn thành: trước ngày 15/11/2025.",
            "Thời gian hoàn thành: trước ngày 15/11/2025.",
        ]
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "1. Sở Tài chính bố trí kinh phí, hoàn thành trong tháng 4/2025.",
        "2. Công an tỉnh chỉ đạo lực lượng phòng cháy, chữa cháy và cứu nạn, cứu hộ phối hợp kiểm"
        " tra, xử lý vi phạm.",
        "Thời gian hoàn thành: trước ngày 15/11/2025.",
        "Thời gian hoàn thành: trước ngày 15/11/2025.",
    ]


def test_a_heading_ending_in_so_then_its_numbered_sub_item_are_two_paragraphs() -> None:
    """ "chính quyền số" (digital) ends like a number's label ("Số"), but "3.1." opens an item."""
    text = "3. Phát triển chính quyền số\n3.1. Sở Nội vụ vận hành Cổng Dịch vụ công.\n"
    assert read(text.encode(), "x.txt").paragraphs == [
        "3. Phát triển chính quyền số",
        "3.1. Sở Nội vụ vận hành Cổng Dịch vụ công.",
    ]


def test_lines_of_a_pdf_that_carry_on_a_parenthesis_or_a_date() -> None:
    """A PDF's lines, one paragraph each way: a parenthesis still open, an abbreviation in
    brackets, the year of a date wrapped in its table cell."""
    lines = [
        "4. Bố trí lực lượng trực ban 24/24 giờ; báo cáo về Văn phòng (Điện thoại:",
        "0987.833.789).",
        "Để đảm bảo an toàn cho học sinh, Bộ Giáo dục và Đào tạo",
        "(GDĐT) đề nghị các Sở GDĐT triển khai các nội dung sau:",
        "Số: 06/CT-UBND Thanh Hóa, ngày 02 tháng 5 năm",
        "2019",
        "UBND tỉnh chỉ đạo tổng kết thực tiễn, nghiên cứu lý luận năm 2021 trên địa bàn toàn tỉnh",
        "Ngày 01/3/2021, UBND tỉnh ban hành Công văn số 1066/UBND-TH.",
        "CHỈ THỊ",
        "Về việc thu ngân sách.",
        "Nơi nhận:",
    ]
    assert read(make_pdf([lines]), "x.pdf").paragraphs == [
        "4. Bố trí lực lượng trực ban 24/24 giờ; báo cáo về Văn phòng (Điện thoại: 0987.833.789).",
        "Để đảm bảo an toàn cho học sinh, Bộ Giáo dục và Đào tạo (GDĐT) đề nghị các Sở GDĐT triển"
        " khai các nội dung sau:",
        "Số: 06/CT-UBND Thanh Hóa, ngày 02 tháng 5 năm 2019",
        # A headline, then the news item's first sentence.
        "UBND tỉnh chỉ đạo tổng kết thực tiễn, nghiên cứu lý luận năm 2021 trên địa bàn toàn tỉnh",
        "Ngày 01/3/2021, UBND tỉnh ban hành Công văn số 1066/UBND-TH.",
        "CHỈ THỊ",
        "Về việc thu ngân sách.",
        "Nơi nhận:",
    ]


def test_an_addressee_line_run_into_the_body_is_set_apart() -> None:
    document = read(
        "Kính gửi:\nHiệu trưởng các trường trên toàn thị xã Do tình trạng ngập lụt nghiêm"
        " trọng, Phòng GD&ĐT thông báo như sau:\n".encode(),
        "x.txt",
    )
    assert document.paragraphs == [
        "Kính gửi:",
        "Hiệu trưởng các trường trên toàn thị xã",
        "Do tình trạng ngập lụt nghiêm trọng, Phòng GD&ĐT thông báo như sau:",
    ]


def test_a_papers_mark_opens_the_news_item_after_its_headline() -> None:
    document = read(
        "Kiên Giang: Tăng cường quản lý giá dịp Tết\n(BKG) - Ngày 4/3, UBND tỉnh có Công văn số"
        " 123/UBND-KT gửi các sở, ngành.\n".encode(),
        "x.txt",
    )
    assert document.paragraphs == [
        "Kiên Giang: Tăng cường quản lý giá dịp Tết",
        "(BKG) - Ngày 4/3, UBND tỉnh có Công văn số 123/UBND-KT gửi các sở, ngành.",
    ]
    # A mark written as the paper's name: "(Baonghean) - Thực hiện ...".
    named = read(
        "Đẩy mạnh công tác quyết toán vốn đầu tư\n(Baonghean) - Thực hiện Chỉ thị 27/CT-TTg, UBND"
        " tỉnh có Quyết định ban hành kế hoạch.\n".encode(),
        "x.txt",
    )
    assert named.paragraphs[0] == "Đẩy mạnh công tác quyết toán vốn đầu tư"


def test_a_date_line_run_into_kinh_gui_and_the_body_is_set_apart() -> None:
    document = read(
        "Hà Nội, ngày 27 tháng 01 năm 2014 Kính gửi: Đ/c Chủ tịch Ủy ban nhân dân các tỉnh,"
        " thành phố Trong thời gian qua, Ủy ban nhân dân tỉnh đã chỉ đạo Sở Y tế.\n".encode(),
        "x.txt",
    )
    assert document.paragraphs == [
        "Hà Nội, ngày 27 tháng 01 năm 2014",
        "Kính gửi: Đ/c Chủ tịch Ủy ban nhân dân các tỉnh, thành phố",
        "Trong thời gian qua, Ủy ban nhân dân tỉnh đã chỉ đạo Sở Y tế.",
    ]


def test_an_items_number_run_into_its_first_word_is_set_apart() -> None:
    document = read("1.UBND huyện khẩn trương báo cáo.\n\n2.Sở Y tế đôn đốc.".encode(), "x.txt")
    assert document.paragraphs == ["1. UBND huyện khẩn trương báo cáo.", "2. Sở Y tế đôn đốc."]


def test_a_date_word_run_into_its_number_is_set_apart() -> None:
    document = read(
        "Báo cáo tại phiên họp thường kỳ tháng8 năm 2015, trước ngày15/8.".encode(), "x.txt"
    )
    assert document.paragraphs == [
        "Báo cáo tại phiên họp thường kỳ tháng 8 năm 2015, trước ngày 15/8."
    ]


def test_bracket_footnotes_and_page_numbers() -> None:
    text = (
        "Sở Y tế báo cáo kết quả[1] trước ngày 20/5.\n\n- 2 -\n\nTrang 3/5\n\n"
        "[1] Theo Công văn số 12/SYT.\n"
    )
    document = read(text.encode(), "x.txt")
    assert document.paragraphs == ["Sở Y tế báo cáo kết quả trước ngày 20/5."]
    assert document.footnotes == {"1": "Theo Công văn số 12/SYT."}


@pytest.mark.parametrize(("mark", "note"), [("(1)", "(1)"), ("¹", "1")])
def test_footnotes_under_a_rule_of_underscores(mark: str, note: str) -> None:
    """A letter typed or copied as text puts its footnotes under a rule, as Word prints them."""
    text = (
        f"Thực hiện Công văn số 12/UBND-VX ngày 02/01/2025 của UBND tỉnh{mark}; yêu cầu:\n"
        "1. Công an huyện xây dựng kế hoạch, triển khai trước ngày 15/01/2025.\n"
        "_____________\n"
        f"{note} Và Kế hoạch số 278/KH-UBND ngày 30/12/2024 của UBND huyện.\n"
        "Nơi nhận:\n"
    )

    document = read(text.encode(), "x.txt")

    assert document.paragraphs == [
        "Thực hiện Công văn số 12/UBND-VX ngày 02/01/2025 của UBND tỉnh; yêu cầu:",
        "1. Công an huyện xây dựng kế hoạch, triển khai trước ngày 15/01/2025.",
        "Nơi nhận:",
    ]
    assert document.footnotes == {"1": "Và Kế hoạch số 278/KH-UBND ngày 30/12/2024 của UBND huyện."}


def test_a_scans_letters_read_for_digits_in_a_date_are_digits_again() -> None:
    text = (
        "1. Phổ biến hướng dẫn đến công chức, hoàn thành trước ngày 3O/6/2017.\n"
        "2. Báo cáo Lãnh đạo Tổng cục trước ngày 3l/7/2017, Phụ lục I/2017 kèm theo.\n"
    )

    document = read(text.encode(), "x.txt")

    assert document.paragraphs == [
        "1. Phổ biến hướng dẫn đến công chức, hoàn thành trước ngày 30/6/2017.",
        "2. Báo cáo Lãnh đạo Tổng cục trước ngày 31/7/2017, Phụ lục I/2017 kèm theo.",
    ]


def test_a_pdfs_centred_page_number_inside_a_paragraph_is_dropped() -> None:
    """Text converted from a PDF keeps its hard line breaks; a page ends mid-sentence and its
    number, centred, stands on a line of its own between the two halves."""
    text = (
        "     - Hướng dẫn các địa phương xây dựng cơ sở dữ liệu về tài nguyên\n"
        "                                       2\n"
        "rừng, hoàn thành trong quý III năm 2024.\n"
    )
    document = read(text.encode(), "x.txt")
    assert document.paragraphs == [
        "- Hướng dẫn các địa phương xây dựng cơ sở dữ liệu về tài nguyên rừng, hoàn thành trong"
        " quý III năm 2024."
    ]


def test_units_keep_their_superscripts() -> None:
    document = read("Diện tích 500 m² đất, khu vực 2 km² rừng.".encode(), "x.txt")
    assert document.paragraphs == ["Diện tích 500 m² đất, khu vực 2 km² rừng."]


# A task table copied from a PDF with its layout: runs of text set apart by two spaces or more.
# The regex that told such a row, kept as the meaning of the check that replaced it: it
# backtracks over a long line in a time that grows with the square of its length, so it only
# ever reads short lines here.
SPACED_ROW_MEANING = re.compile(r"(?m)^.*\S(?: \S+)*  +\S.*\S  +\S")
PASTED_PARAGRAPH = " ".join(
    ["Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì phối hợp với các sở ngành liên quan"] * 960
)  # about 100 KB with no double space: a web page's text pasted as one paragraph


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("1    Rà soát kinh phí    Sở Tài chính    30/6/2024", True),
        ("Mở đầu\n1  Rà soát  Sở Tài chính\nKết thúc", True),  # any line of the text
        ("1  Rà soát kinh phí", False),  # two runs: a gap is not yet a table
        ("a  b  c", False),  # a middle run of one character is not a cell
        ("a  bc  d", True),
        ("  Rà soát  Sở Tài chính", False),  # an indent is not a gap
        ("Rà soát\t\tSở Tài chính\t\t30/6", False),  # tabs are not a layout's spaces
        ("Rà soát  \n  Sở Tài chính  30/6", False),  # gaps on two lines
        (PASTED_PARAGRAPH, False),
        (PASTED_PARAGRAPH + "  Sở Tài chính  30/6/2024", True),
        ("  ".join([PASTED_PARAGRAPH, "Sở Tài chính", PASTED_PARAGRAPH]), True),
    ],
)
def test_a_table_row_is_a_line_of_three_runs_of_text_set_apart_by_two_spaces(
    text: str, row: bool
) -> None:
    assert has_spaced_row(text) is row


def test_the_table_row_check_means_what_the_regex_it_replaced_meant() -> None:
    rng = random.Random(879)
    letters = ["a", "đ", ".", " ", " ", " ", "\t", "\n", "\r", "\xa0"]
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 16)))
        assert has_spaced_row(text) == bool(SPACED_ROW_MEANING.search(text)), repr(text)


def test_a_long_pasted_paragraph_under_a_table_heading_reads_as_one_paragraph() -> None:
    """A web page's text pasted as one line after a task table's heading line: no row, so the
    text is read as prose (bench/bench_import.py times it: the row check is linear)."""
    text = f"STT Nội dung Chủ trì Phối hợp Thời gian\n{PASTED_PARAGRAPH}.\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[-1] == f"{PASTED_PARAGRAPH}."


TASK_TABLE = [
    ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng kho dữ liệu dùng chung", "Sở Nội vụ", "", "Quý II/2024"],
    ["2", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Các sở, ngành", "Tháng 6/2024"],
]


@pytest.mark.parametrize(
    "pasted",
    [
        "\n".join("\t".join(row) for row in TASK_TABLE),  # copied from Word or a web page
        "\n".join(
            [
                "| " + " | ".join(TASK_TABLE[0]) + " |",
                "|" + "---|" * len(TASK_TABLE[0]),
                *("| " + " | ".join(row) + " |" for row in TASK_TABLE[1:]),
            ]
        ),  # a Markdown table
    ],
    ids=["tabs", "markdown"],
)
def test_a_table_pasted_as_text_reads_as_the_rows_of_a_docx_table(pasted: str) -> None:
    text = f"II. NHIỆM VỤ CỤ THỂ\n{pasted}\nNơi nhận:\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:4] == [
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Xây dựng kho dữ liệu dùng chung | Sở Nội vụ | | Quý II/2024",
        "2 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | Tháng 6/2024",
    ]


def test_a_pasted_header_cell_typed_on_two_lines_stays_one_cell() -> None:
    # Word's "Thời gian" / "hoàn thành" in one header cell, copied with the tabs.
    header = "\t".join(TASK_TABLE[0][:-1]) + "\tThời gian\nhoàn thành"
    rows = "\n".join("\t".join(row) for row in TASK_TABLE[1:])
    text = f"II. NHIỆM VỤ CỤ THỂ\n{header}\n{rows}\nNơi nhận:\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:3] == [
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Xây dựng kho dữ liệu dùng chung | Sở Nội vụ | | Quý II/2024",
    ]


def test_a_pasted_header_of_two_rows_names_each_time_column() -> None:
    # "Thời gian" over "Bắt đầu" and "Hoàn thành": the rows have one cell more than its top row.
    text = (
        "TT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n"
        "\t\t\tBắt đầu\tHoàn thành\n"
        "1\tRà soát đàn gia súc\tUBND các xã\tTrạm Thú y\t01/12/2016\t15/12/2016\n"
        "2\tTiêm phòng vắc xin\tTrạm Thú y\tUBND các xã\t15/12/2016\t31/01/2017\n"
    )

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[:2] == [
        "TT | Nội dung | Chủ trì | Phối hợp | Thời gian bắt đầu | Thời gian hoàn thành",
        "1 | Rà soát đàn gia súc | UBND các xã | Trạm Thú y | 01/12/2016 | 15/12/2016",
    ]


def test_a_table_typed_with_two_spaces_between_cells_keeps_each_cell_in_its_column() -> None:
    # Cells of other widths than their headings: as many runs as columns, one each, in order.
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Sản phẩm"],
        [
            "1",
            "Rà soát, điều chỉnh dự toán chi thường xuyên",
            "Sở Tài chính",
            "Quý II/2024",
            "Báo cáo",
        ],
        [
            "2",
            "Xây dựng Đề án kinh tế đêm",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Tháng 10/2024",
            "Đề án",
        ],
    ]
    text = "\n".join("  ".join(row) for row in rows) + "\n"

    document = read(text.encode(), "danh-muc.txt")

    assert document.paragraphs == [" | ".join(row) for row in rows]


STACKED = [
    ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng kho dữ liệu dùng chung", "Sở Nội vụ", "Sở Tư pháp", "Quý II/2024"],
    ["I", "NHÓM NHIỆM VỤ KHÁC"],
    ["2", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Các sở, ngành", "Tháng 6/2024"],
]


def test_a_table_copied_one_cell_a_line_reads_as_the_rows_of_a_docx_table() -> None:
    """A PDF or a web page copied as plain text gives a table's cells one a line: the number
    that opens each row, and the count of the column names, tell the rows apart."""
    text = "II. NHIỆM VỤ CỤ THỂ\n" + "\n".join(cell for row in STACKED for cell in row)
    text += "\nIII. TỔ CHỨC THỰC HIỆN\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:6] == [
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Xây dựng kho dữ liệu dùng chung | Sở Nội vụ | Sở Tư pháp | Quý II/2024",
        "I. NHÓM NHIỆM VỤ KHÁC",
        "2 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | Tháng 6/2024",
        "III. TỔ CHỨC THỰC HIỆN",
    ]


def test_a_table_one_cell_a_line_may_end_where_the_letters_closing_text_begins() -> None:
    text = "\n".join(cell for row in STACKED for cell in row)
    text += "\nTrên đây là Kế hoạch thực hiện năm 2024, đề nghị các cơ quan triển khai thực hiện.\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[3:5] == [
        "2 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | Tháng 6/2024",
        "Trên đây là Kế hoạch thực hiện năm 2024, đề nghị các cơ quan triển khai thực hiện.",
    ]


def test_a_table_one_cell_a_line_with_an_empty_cell_is_read_by_what_its_lines_name() -> None:
    # Row 1 lacks its cooperating agency: its lines go to the columns whose kind they are (a
    # name to the lead's, a time to the time's).
    rows = [STACKED[0], [c for c in STACKED[1] if c != "Sở Tư pháp"], STACKED[3]]
    text = "\n".join(cell for row in rows for cell in row) + "\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:] == [
        "1 | Xây dựng kho dữ liệu dùng chung | Sở Nội vụ | | Quý II/2024",
        "2 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | Tháng 6/2024",
    ]


def test_a_table_one_cell_a_line_with_a_blank_line_for_an_empty_cell_keeps_its_columns() -> None:
    # Its header has no blank lines between its names: a blank line in a row is an empty cell.
    rows = [STACKED[0], [c if c != "Sở Tư pháp" else "" for c in STACKED[1]], STACKED[3]]
    text = "\n".join(cell for row in rows for cell in row) + "\n\nNơi nhận:\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:3] == [
        "1 | Xây dựng kho dữ liệu dùng chung | Sở Nội vụ | | Quý II/2024",
        "2 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | Tháng 6/2024",
    ]


@pytest.mark.parametrize("page_number", ["Trang 3/6", "- 3 -", "3"])
def test_a_table_one_cell_a_line_goes_on_over_a_page_number(page_number: str) -> None:
    rows = [STACKED[0], STACKED[1], [page_number], STACKED[3]]
    text = "\n".join(cell for row in rows for cell in row) + "\n\nNơi nhận:\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:3] == [
        "1 | Xây dựng kho dữ liệu dùng chung | Sở Nội vụ | Sở Tư pháp | Quý II/2024",
        "2 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | Tháng 6/2024",
    ]


def test_a_table_one_cell_a_line_joins_a_cell_run_over_two_lines() -> None:
    """A line that starts in lower case goes on the cell above it ("... dùng chung" then "của
    tỉnh"); the row then has its count of cells."""
    first = ["1", "Xây dựng kho dữ liệu dùng chung", "của tỉnh", *STACKED[1][2:]]
    rows = [STACKED[0], first, STACKED[3]]
    text = "\n".join(cell for row in rows for cell in row) + "\n\nNơi nhận:\n"

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:3] == [
        "1 | Xây dựng kho dữ liệu dùng chung của tỉnh | Sở Nội vụ | Sở Tư pháp | Quý II/2024",
        "2 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ngành | Tháng 6/2024",
    ]


def test_a_table_with_bars_between_its_cells_joins_a_row_the_page_wrapped() -> None:
    text = "\n".join(
        [
            "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
            "1 | Nâng cấp Trung tâm dữ liệu tỉnh | Sở Nội vụ | Sở Tài chính | Quý",
            "III/2024",
            "2 | Xây dựng cơ sở dữ liệu đất đai | Sở Tư pháp |",
            "UBND các huyện | Trước 30/9/2024",
            "3 | Triển khai sổ sức khỏe điện tử | Sở Y tế | Công an tỉnh",
            "| Năm 2024",
            "",
            "Nơi nhận:",
        ]
    )

    document = read(text.encode(), "ke-hoach.txt")

    assert document.paragraphs[1:4] == [
        "1 | Nâng cấp Trung tâm dữ liệu tỉnh | Sở Nội vụ | Sở Tài chính | Quý III/2024",
        "2 | Xây dựng cơ sở dữ liệu đất đai | Sở Tư pháp | UBND các huyện | Trước 30/9/2024",
        "3 | Triển khai sổ sức khỏe điện tử | Sở Y tế | Công an tỉnh | Năm 2024",
    ]


def test_a_table_after_a_line_that_ends_with_a_colon_starts_a_paragraph_of_its_own() -> None:
    text = (
        "Điều 2. Hội đồng nhân dân tỉnh yêu cầu Giám đốc các sở thực hiện các cam kết như sau:\n"
        "STT\tNội dung cam kết\tNgười cam kết\tThời hạn\n"
        "1\tBan hành quy định về trật tự xây dựng\tGiám đốc Sở Xây dựng\tQuý III/2022\n"
        "2\tTuyển dụng bổ sung giáo viên\tGiám đốc Sở Giáo dục và Đào tạo\tTrước ngày 31/8\n"
    )

    document = read(text.encode(), "nq.txt")

    assert document.paragraphs[1:3] == [
        "STT | Nội dung cam kết | Người cam kết | Thời hạn",
        "1 | Ban hành quy định về trật tự xây dựng | Giám đốc Sở Xây dựng | Quý III/2022",
    ]


TABBED = [
    "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm",
    "I\tỔn định kinh tế vĩ mô",
    "1\tRà soát dự toán chi thường xuyên",
    "(phần chưa phân bổ)\tSở Tài chính\tCác sở, ngành\tQuý II/2024\tBáo cáo",
    "II\tQuản lý tài nguyên",
    "2\tCập nhật bảng giá đất\tSở Tài nguyên và Môi trường\tSở Tài chính\tTháng 8/2024\tQuyết định",
]


def test_a_tabbed_tables_group_rows_and_cells_run_over_two_lines_keep_its_rows() -> None:
    # A group row has two cells, a row whose content ran on has its cells on two lines: neither
    # ends the table.
    document = read(("\n".join(TABBED) + "\n").encode(), "danh-muc.txt")

    assert document.paragraphs[1:] == [
        "I. Ổn định kinh tế vĩ mô",
        "1 | Rà soát dự toán chi thường xuyên (phần chưa phân bổ) | Sở Tài chính | Các sở, ngành"
        " | Quý II/2024 | Báo cáo",
        "II. Quản lý tài nguyên",
        "2 | Cập nhật bảng giá đất | Sở Tài nguyên và Môi trường | Sở Tài chính | Tháng 8/2024"
        " | Quyết định",
    ]


def test_a_table_one_cell_a_line_may_open_with_a_group_and_number_rows_under_groups() -> None:
    header = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Hình thức văn bản"]
    lines = [*header, "I", "CÔNG TÁC CHUẨN BỊ", "1", "Nhóm nhiệm vụ chung"]
    lines += ["1.1", "Rà soát hồ sơ", "Sở Tư pháp", "Sở Nội vụ", "Báo cáo"]
    lines += ["1.2", "Cập nhật dữ liệu", "Sở Nội vụ", "Các sở, ngành", "Quyết định"]

    document = read(("\n".join(lines) + "\n").encode(), "ke-hoach.txt")

    assert document.paragraphs == [
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Hình thức văn bản",
        "I. CÔNG TÁC CHUẨN BỊ",
        "1. Nhóm nhiệm vụ chung",
        "1.1 | Rà soát hồ sơ | Sở Tư pháp | Sở Nội vụ | Báo cáo",
        "1.2 | Cập nhật dữ liệu | Sở Nội vụ | Các sở, ngành | Quyết định",
    ]


def test_an_item_ended_by_a_semicolon_does_not_run_into_the_closing_sentence() -> None:
    text = (
        "1. Giao UBND huyện Thanh Oai:\n"
        "- Khẩn trương di dời 45 hộ dân ra khỏi khu vực nguy hiểm;\n"
        "- Bố trí lực lượng trực 24/24 giờ tại các điểm sạt lở;\n"
        "Văn phòng thông báo để các cơ quan, đơn vị biết, thực hiện./.\n"
    )

    document = read(text.encode(), "thong-bao.txt")

    assert document.paragraphs[-2:] == [
        "- Bố trí lực lượng trực 24/24 giờ tại các điểm sạt lở;",
        "Văn phòng thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    ]


def test_a_tab_after_an_items_number_is_no_table() -> None:
    text = "1.\tXây dựng kế hoạch\tthực hiện.\n2.\tBáo cáo kết quả.\n"

    document = read(text.encode(), "cong-van.txt")

    assert document.paragraphs == ["1. Xây dựng kế hoạch thực hiện.", "2. Báo cáo kết quả."]


# --------------------------------------------------------------------------------------------
# .docx
# --------------------------------------------------------------------------------------------


def test_docx_paragraphs_numbering_tables_and_footnotes() -> None:
    document = make_document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tổ chức thực hiện", style="List Number")
    document.add_paragraph("Sở Y tế chủ trì", style="List Bullet")
    document.add_paragraph("Công an tỉnh phối hợp", style="List Bullet")
    document.add_paragraph("Báo cáo kết quả", style="List Number")
    table = document.add_table(rows=3, cols=4)
    for column, value in enumerate(["Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]):
        table.rows[0].cells[column].text = value
    table.rows[1].cells[0].text = "Rà soát hồ sơ"
    table.rows[1].cells[1].text = "Sở Tư pháp"
    table.rows[1].cells[2].text = "Sở Nội vụ"
    table.rows[1].cells[3].text = "Quý II/2024"
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[3])
    merged.text = "II. Nhóm nhiệm vụ khác"
    document.add_paragraph("Đoạn có chú thích.")
    out = io.BytesIO()
    document.save(out)
    data = add_footnote(out.getvalue(), "Đoạn có chú thích", "Theo Công văn số 5/UBND.")
    result = read(data, "ke-hoach.docx")
    assert result.paragraphs == [
        "KẾ HOẠCH",
        "1. Tổ chức thực hiện",
        "- Sở Y tế chủ trì",
        "- Công an tỉnh phối hợp",
        "2. Báo cáo kết quả",
        "Nội dung | Chủ trì | Phối hợp | Thời gian",
        "Rà soát hồ sơ | Sở Tư pháp | Sở Nội vụ | Quý II/2024",
        "II. Nhóm nhiệm vụ khác",
        "Đoạn có chú thích.",
    ]
    assert result.footnotes == {"1": "Theo Công văn số 5/UBND."}


def test_docx_typed_superscript_marks_are_dropped() -> None:
    document = make_document()
    paragraph = document.add_paragraph("Hội nghị năm 2022")
    mark = paragraph.add_run("1")
    mark.font.superscript = True
    paragraph.add_run(" kết thúc.")
    assert docx_paragraphs(document) == ["Hội nghị năm 2022 kết thúc."]


def test_docx_vertically_merged_cells_repeat_their_text() -> None:
    document = make_document()
    table = document.add_table(rows=3, cols=2)
    table.rows[0].cells[0].text = "Nhiệm vụ"
    table.rows[0].cells[1].text = "Chủ trì"
    table.rows[1].cells[0].text = "Việc một"
    table.rows[2].cells[0].text = "Việc hai"
    table.rows[1].cells[1].merge(table.rows[2].cells[1]).text = "Sở Y tế"
    assert docx_paragraphs(document) == [
        "Nhiệm vụ | Chủ trì",
        "Việc một | Sở Y tế",
        "Việc hai | Sở Y tế",
    ]


def test_docx_cells_spread_over_columns_keep_the_grid() -> None:
    document = make_document()
    table = document.add_table(rows=4, cols=4)
    for column, text in enumerate(["Nội dung", "Cơ quan thực hiện", "", "Thời gian"]):
        table.rows[0].cells[column].text = text
    table.rows[0].cells[1].merge(table.rows[0].cells[2]).text = "Cơ quan thực hiện"
    for column, text in enumerate(["", "Chủ trì", "Phối hợp", ""]):
        table.rows[1].cells[column].text = text
    table.rows[2].cells[0].merge(table.rows[2].cells[3]).text = "I. Cải cách hành chính"
    for column, text in enumerate(["Rà soát", "Sở Nội vụ", "Sở Y tế", "Quý II/2024"]):
        table.rows[3].cells[column].text = text
    assert docx_paragraphs(document) == [
        "Nội dung | Cơ quan thực hiện | | Thời gian",
        "| Chủ trì | Phối hợp |",
        "I. Cải cách hành chính",
        "Rà soát | Sở Nội vụ | Sở Y tế | Quý II/2024",
    ]


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


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
    """A draft circulated with Track Changes on: the secretary moved task 3 above task 2. Read
    with the changes accepted (deleted text gone, inserted text there), the moved paragraph is
    read once, where it went, not also where it was: the Police's task is listed once."""
    document = make_document()
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


def test_text_pdf_drops_running_headers_and_page_numbers() -> None:
    text = (DOCUMENTS / "cong-van-vpcp-3348-2015.txt").read_text(encoding="utf-8")
    pages = pdf_pages_from_text(text, per_page=9, header="VĂN PHÒNG CHÍNH PHỦ - CÔNG VĂN 3348")
    assert len(pages) >= 3
    document = read(make_pdf(pages), "cong-van.pdf")
    joined = "\n".join(document.paragraphs)
    assert "CÔNG VĂN 3348" not in joined
    assert not any(re.fullmatch(r"-\s*\d+\s*-", p) for p in document.paragraphs)
    assert "Kính gửi: Bộ Kế hoạch và Đầu tư." in document.paragraphs
    # Wrapped lines are one paragraph again, page breaks included.
    assert any(
        p.startswith("Xét đề nghị của Bộ Công Thương") and p.endswith("như sau:")
        for p in document.paragraphs
    )
    assert "- Khẩn trương báo cáo lại Thủ tướng Chính phủ về Danh mục chương trình mục tiêu"
    assert any(p.startswith("- Khẩn trương báo cáo lại") for p in document.paragraphs)


def test_text_pdf_table_rows_come_back_from_where_their_text_stands() -> None:
    page = [
        "KẾ HOẠCH",
        "TT\tNội dung\tCơ quan chủ trì\tPhối hợp\tThời gian",
        "1\tRà soát thủ tục\tSở Nội vụ\tSở Y tế\tQuý II/2024",
        "\thành chính cấp tỉnh\t\t\t",
        "2\tKiểm tra việc\tSở Y tế\tCông an tỉnh\tTháng 9/2024",
        "Các sở tổ chức thực hiện kế hoạch này.",
    ]
    assert read(make_pdf([page]), "plan.pdf").paragraphs == [
        "KẾ HOẠCH",
        "TT | Nội dung | Cơ quan chủ trì | Phối hợp | Thời gian",
        "1 | Rà soát thủ tục hành chính cấp tỉnh | Sở Nội vụ | Sở Y tế | Quý II/2024",
        "2 | Kiểm tra việc | Sở Y tế | Công an tỉnh | Tháng 9/2024",
        "Các sở tổ chức thực hiện kế hoạch này.",
    ]
    # Words spread wide on their lines, under no column headings, are text.
    wide = ["CÔNG VĂN", "Sở\tY tế\tbáo cáo\tkết quả", "thực\thiện\tnhiệm vụ\tnăm 2023"]
    assert read(make_pdf([wide]), "letter.pdf").paragraphs == [
        "CÔNG VĂN",
        "Sở Y tế báo cáo kết quả thực hiện nhiệm vụ năm 2023",
    ]


def test_text_pdf_footnotes_at_the_foot_of_the_page() -> None:
    pages = [
        [
            "Ngày 05 tháng 01 năm 2023, UBND tỉnh tổ chức Hội nghị¹.",
            "Sở Y tế báo cáo trước ngày 20/01/2023.",
            "¹ Giấy mời số 1347/GM-UBND.",
        ]
    ]
    document = read(make_pdf(pages), "x.pdf")
    assert document.paragraphs == [
        "Ngày 05 tháng 01 năm 2023, UBND tỉnh tổ chức Hội nghị.",
        "Sở Y tế báo cáo trước ngày 20/01/2023.",
    ]
    assert document.footnotes == {"1": "Giấy mời số 1347/GM-UBND."}


def test_a_pdf_locked_against_editing_only_is_read_table_and_all() -> None:
    """An owner password alone (no printing, no editing) asks nothing of a reader."""
    page = [
        "TT\tNội dung\tCơ quan chủ trì\tThời gian",
        "1\tRà soát thủ tục\tSở Nội vụ\tQuý II/2024",
        "2\tKiểm tra việc\tSở Y tế\tTháng 9/2024",
    ]
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf([page])))
    nothing_allowed = UserAccessPermissions(0)
    writer.encrypt(
        user_password="",
        owner_password="chu",
        algorithm="AES-128",
        permissions_flag=nothing_allowed,
    )
    locked = io.BytesIO()
    writer.write(locked)
    assert read(locked.getvalue(), "khoa.pdf").paragraphs == [
        "TT | Nội dung | Cơ quan chủ trì | Thời gian",
        "1 | Rà soát thủ tục | Sở Nội vụ | Quý II/2024",
        "2 | Kiểm tra việc | Sở Y tế | Tháng 9/2024",
    ]


def test_docx_name_with_pdf_content_is_read_as_pdf() -> None:
    data = make_pdf([["Sở Y tế báo cáo trước ngày 20/01/2023."]])
    assert read(data, "van-ban.docx").paragraphs == ["Sở Y tế báo cáo trước ngày 20/01/2023."]


# --------------------------------------------------------------------------------------------
# Legacy encodings: documents typed before Unicode, in TCVN3 (".VnTime") or VNI fonts.
# --------------------------------------------------------------------------------------------

# As a TCVN3 typist wrote it ("Uû" is "Uỷ", the old place of the tone), and what it says.
IN_TCVN3 = "Së KÕ ho¹ch vµ §Çu t\u00ad hoµn thµnh tr\u00adíc ngµy 15/3/2023; Uû ban nh©n d©n tØnh."
IN_UNICODE = "Sở Kế hoạch và Đầu tư hoàn thành trước ngày 15/3/2023; Uỷ ban nhân dân tỉnh."


def test_a_txt_typed_in_tcvn3_is_read_in_unicode() -> None:
    assert read(IN_TCVN3.encode("latin-1"), "cong-van.txt").paragraphs == [IN_UNICODE]


def test_tcvn3_codes_pasted_into_a_utf8_file_are_read_in_unicode() -> None:
    """Text copied out of a ".VnTime" document into a Unicode editor keeps TCVN3's codes."""
    assert read(IN_TCVN3.encode("utf-8"), "cong-van.txt").paragraphs == [IN_UNICODE]


def test_a_pdf_printed_from_a_tcvn3_document_is_read_in_unicode() -> None:
    # The PDF's text layer names the glyph of "ư" a minus sign.
    printed = IN_TCVN3.replace("\u00ad", "\u2212")
    assert read(make_pdf([[printed]]), "cong-van.pdf").paragraphs == [IN_UNICODE]


def test_a_unicode_text_with_a_few_latin_1_signs_is_left_as_it_is() -> None:
    text = "Sở Tư pháp rà soát § 3 Điều 5 «Quy chế» trước ngày 15/3/2023 (± 2 ngày), 5 × 2."
    assert read(text.encode("utf-8"), "a.txt").paragraphs == [text]


def test_a_german_text_is_not_taken_for_tcvn3() -> None:
    text = "Über die Größe der Bürgerämter: Prüfung für Gemeinden, Straßen und Flüsse, März."
    assert read(text.encode("cp1252"), "a.txt").paragraphs == [text]


def tcvn3_runs(text: str) -> list[tuple[str, str]]:
    """A line as a TCVN3 typist sets it: runs of ".VnTime" codes, and a capital that font lacks
    ("Ủ", "Ấ") typed as the small letter's code in the capitals font ".VnTimeH"."""
    codes = {to_unicode(chr(code), "tcvn3"): chr(code) for code in range(0xA1, 0x100)}
    runs: list[tuple[str, str]] = []
    for char in text:
        if char in codes or char.isascii():
            font, code = ".VnTime", codes.get(char, char)
        elif char.lower() in codes:
            font, code = ".VnTimeH", codes[char.lower()]
        else:
            font, code = "Times New Roman", char  # a sign TCVN3 has not: "–", "¹"
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + code, font)
        else:
            runs.append((code, font))
    return runs


def test_docx_runs_in_tcvn3_fonts_are_read_in_unicode() -> None:
    """A run's font is its own, its style's, or the document's; a ".VnTimeH" run shows its
    small letters as capitals, and runs in a Unicode font are left alone."""
    document = make_document()
    heading = document.add_paragraph()
    heading.add_run("th«ng b¸o").font.name = ".VnTimeH"
    document.add_paragraph().add_run(IN_TCVN3).font.name = ".VnTime"
    mixed = document.add_paragraph()
    mixed.add_run("Giao Sở Y tế ").font.name = "Times New Roman"
    mixed.add_run("chñ tr×.").font.name = ".VnArial"
    styled = document.styles.add_style("Than van ban", 1)
    styled.font.name = ".VnTime"
    document.add_paragraph("Sè: 12/TB-UBND", style=styled)
    assert docx_paragraphs(document) == [
        "THÔNG BÁO",
        IN_UNICODE,
        "Giao Sở Y tế chủ trì.",
        "Số: 12/TB-UBND",
    ]


def test_a_docx_in_the_default_tcvn3_font_is_read_in_unicode() -> None:
    """Offices set ".VnTime" as the Normal style's font once and type everything in it."""
    document = make_document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph(IN_TCVN3)
    assert docx_paragraphs(document) == [IN_UNICODE]


# The same in VNI: each vowel, then its marks as Latin-1 letters ("ô" alone is "ơ").
IN_VNI = "Sôû Keá hoaïch vaø Ñaàu tö hoaøn thaønh tröôùc ngaøy 15/3/2023; UÛy ban nhaân daân tænh."


def test_a_txt_typed_in_vni_is_read_in_unicode() -> None:
    expected = IN_UNICODE.replace("Uỷ", "Ủy")
    assert read(IN_VNI.encode("latin-1"), "cong-van.txt").paragraphs == [expected]
    assert read(IN_VNI.encode("utf-8"), "cong-van.txt").paragraphs == [expected]


def test_docx_runs_in_a_vni_font_are_read_in_unicode() -> None:
    document = make_document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Giao ").font.name = "Times New Roman"
    paragraph.add_run("Sôû Y teá chuû trì, ").font.name = "VNI-Times"
    paragraph.add_run("phoái hôïp vôùi Coâng an tænh.").font.name = "VNI-Helve"
    assert docx_paragraphs(document) == ["Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh."]


# --------------------------------------------------------------------------------------------
# Bad files: one exception type, one code each, a Vietnamese message.
# --------------------------------------------------------------------------------------------


def _code(data: bytes, name: str, **kwargs: int) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        extract_text(data, name, **kwargs)
    assert caught.value.message_vi
    assert caught.value.reason_code in MESSAGES or caught.value.reason_code == "no_issue_date"
    return caught.value.reason_code


def test_too_large() -> None:
    assert _code(b"x" * 101, "a.txt", max_bytes=100) == "too_large"


MEGABYTE = 1024 * 1024  # [importer] max_megabytes counts these


@pytest.mark.parametrize(
    ("size", "limit", "shown"),
    [
        (MEGABYTE // 2 + 1, MEGABYTE // 2, ("0,51 MB", "0,5 MB")),
        (20 * MEGABYTE + 1, 20 * MEGABYTE, ("20,01 MB", "20 MB")),
        (21_000_000, 20 * MEGABYTE, ("20,03 MB", "20 MB")),
        (25 * MEGABYTE, 20 * MEGABYTE, ("25 MB", "20 MB")),
        # A limit of 0.3 MB is 314572.8 bytes, cut to 314572; a byte over is over 0,3 MB.
        (int(0.3 * MEGABYTE) + 1, int(0.3 * MEGABYTE), ("0,31 MB", "0,3 MB")),
        # Two decimals do not tell these apart: as many as it takes do.
        (int(0.3496 * MEGABYTE) + 1, int(0.3496 * MEGABYTE), ("0,3497 MB", "0,3496 MB")),
    ],
)
def test_a_size_over_the_limit_shows_larger_than_it_with_a_decimal_comma(
    size: int, limit: int, shown: tuple[str, str]
) -> None:
    assert size_over(size, limit) == shown


def test_the_size_refusal_names_the_limit_with_a_decimal_comma() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        extract_text(b"x" * (MEGABYTE // 2 + 1), "a.txt", max_bytes=MEGABYTE // 2)

    assert caught.value.message_vi == (
        "Tệp quá lớn (hơn 0,5 MB), không đọc được. Hãy gửi tệp nhỏ hơn."
    )


@pytest.mark.parametrize(
    ("data", "name"), [(b"", "a.txt"), (b" \n\t\n", "a.txt"), (b"- 1 -\n\n2\n", "a.txt")]
)
def test_empty(data: bytes, name: str) -> None:
    assert _code(data, name) == "empty"


def test_empty_docx() -> None:
    out = io.BytesIO()
    make_document().save(out)
    assert _code(out.getvalue(), "trong.docx") == "empty"


def test_scanned_pdf() -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    assert _code(out.getvalue(), "ban-quet.pdf") == "scanned_pdf"
    assert MESSAGES["scanned_pdf"] == (
        "Tệp PDF này là bản quét (không có lớp chữ), không đọc được nội dung. "
        "Hãy gửi tệp .docx hoặc PDF có chữ."
    )


def test_encrypted_pdf_and_office_file() -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert _code(out.getvalue(), "mat.pdf") == "encrypted"
    # A password-protected .docx is an OLE container holding an "EncryptedPackage" stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200 + "EncryptedPackage".encode("utf-16-le")
    assert _code(ole, "mat.docx") == "encrypted"


def test_corrupt_files() -> None:
    docx = io.BytesIO()
    make_document().save(docx)
    assert _code(docx.getvalue()[: len(docx.getvalue()) // 2], "cut.docx") == "corrupt"
    pdf = make_pdf([["Sở Y tế báo cáo trước ngày 20/01/2023."]])
    assert _code(pdf[:200], "cut.pdf") == "corrupt"
    assert _code(b"\x00\x01\x02garbage" * 50, "x.docx") == "corrupt"
    assert _code(bytes(range(256)) * 4, "x.txt") == "corrupt"


def test_unsupported_types() -> None:
    sheet = io.BytesIO()
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _code(sheet.getvalue(), "bang.xlsx") == "unsupported_type"
    assert _code(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "anh.png") == "unsupported_type"
    assert _code(b"{\\rtf1 hello}", "x.rtf") == "unsupported_type"


def test_an_ole_file_is_read_as_word_97_only_when_it_holds_a_word_document() -> None:
    """Officers rename "ke-hoach.doc" to "ke-hoach.docx" hoping it will do: the OLE container
    names its "WordDocument" stream, so it is read as the .doc it is (tests/test_ingest_word97.py),
    here refused as broken, not as a type (a .docx, they think) that is not supported."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000 + "WordDocument".encode("utf-16-le")
    ole += b"\0" * 1000

    assert _code(ole, "ke-hoach.docx") == "corrupt"
    assert _code(ole, "ke-hoach") == "corrupt"
    assert _code(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "cu.doc") == "corrupt"
    sheet = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000 + "Workbook".encode("utf-16-le")
    assert _code(sheet + b"\0" * 1000, "bang.docx") == "unsupported_type"  # an Excel 97 file


# A zip bomb: a small .docx whose XML unpacks to far more than any directive, which python-docx
# would build into a tree of some 25 bytes of memory per byte of XML.


def docx_with_xml(megabytes: float) -> bytes:
    """A valid .docx of a few KB whose word/document.xml unpacks to `megabytes` MB of empty
    paragraphs (each one an element to build), written a piece at a time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        source = zipfile.ZipFile(io.BytesIO(docx_from_text(VIETNAMESE)))
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, source.read(info))
        unit = b"<w:p/>" * 10_000
        with archive.open("word/document.xml", "w") as part:
            part.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
                b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(int(megabytes * MEGABYTE) // len(unit)):
                part.write(unit)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def declaring(data: bytes, member: str, size: int) -> bytes:
    """The zip with the unpacked size of `member` stated as `size`, in its local header and in
    the central directory alike: a zip that lies."""
    out = bytearray(data)
    name = member.encode()
    # (signature, offset of the unpacked size, of the name's length, of the name)
    for signature, size_at, length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        start = out.find(signature)
        while start != -1:
            length = int.from_bytes(out[start + length_at : start + length_at + 2], "little")
            if out[start + name_at : start + name_at + length] == name:
                out[start + size_at : start + size_at + 4] = size.to_bytes(4, "little")
            start = out.find(signature, start + 1)
    return bytes(out)


def _code_and_peak_memory(data: bytes, name: str) -> tuple[str, int]:
    """The refusal's code, and the most memory Python held while reading (zlib's output too)."""
    tracemalloc.start()
    try:
        return _code(data, name), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_small_docx_whose_xml_unpacks_past_the_limit_is_refused_before_it_is_unpacked() -> None:
    """12 MB of XML in a 20 KB file, under the 200 MB that all its parts may unpack to, but over
    the 10 MB its XML may together: refused for what it unpacks to, by the size the zip
    declares, unread (parsed, it took some 300 MB and minutes; 150 MB of it, gigabytes)."""
    bomb = docx_with_xml(12)
    assert len(bomb) < 100_000

    code, peak = _code_and_peak_memory(bomb, "ke-hoach.docx")

    assert code == "unpacks_too_large"
    assert peak < MEGABYTE
    # Not "larger than 20 MB": the officer sees a 20 KB file.
    assert "MB" not in MESSAGES["unpacks_too_large"]
    assert "giải nén ra quá nhiều dữ liệu" in MESSAGES["unpacks_too_large"]


def test_a_docx_that_lies_about_the_size_of_its_xml_is_not_unpacked_past_what_it_declares() -> None:
    """30 MB of XML declared as a thousand bytes: unpacking stops where the zip said the part
    ends, a chunk at a time, and the part cut short fails its checksum: refused as corrupt
    (read whole, as python-docx reads a part, it was unpacked first: 79 MB held)."""
    liar = declaring(docx_with_xml(30), "word/document.xml", 1000)

    code, peak = _code_and_peak_memory(liar, "ke-hoach.docx")

    assert code == "corrupt"
    assert peak < 2 * MEGABYTE


@pytest.mark.parametrize(
    ("max_bytes", "limit"),
    [(20 * MEGABYTE, 10 * MEGABYTE), (MEGABYTE, 10 * MEGABYTE), (200 * MEGABYTE, 100 * MEGABYTE)],
)
def test_the_xml_of_a_docx_may_unpack_to_half_the_size_limit_and_10_mb_at_least(
    max_bytes: int, limit: int
) -> None:
    """A directive's XML is a few MB even at 300 pages, so half of the file limit never refuses
    one; and a 1 MB .docx of text alone can hold 10 MB of XML."""
    assert xml_limit(max_bytes) == limit
    small = docx_from_text(VIETNAMESE)
    # By the sizes the zip declares (a part smaller than declared reads, its checksum right).
    over = declaring(small, "word/document.xml", limit + 1)
    under = declaring(small, "word/document.xml", limit // 2)
    assert _code(over, "a.docx", max_bytes=max_bytes) == "unpacks_too_large"
    assert extract_text(under, "a.docx", max_bytes=max_bytes).paragraphs


def test_messages_are_vietnamese_with_diacritics() -> None:
    for message in MESSAGES.values():
        assert re.search("[ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợ]", message.lower())


def test_fuzz_never_raises_anything_else() -> None:
    rng = random.Random(20230105)
    docx = io.BytesIO()
    make_document().save(docx)
    seeds = [
        docx.getvalue(),
        make_pdf([["Sở Y tế báo cáo trước ngày 20/01/2023."], ["Trang hai."]]),
        VIETNAMESE.encode("utf-8"),
    ]
    for attempt in range(120):
        seed = rng.choice(seeds)
        data = bytearray(seed)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if attempt % 3 == 0:
            data = data[: rng.randrange(1, len(data))]
        if attempt % 7 == 0:
            data = bytearray(rng.randbytes(rng.randint(1, 3000)))
        name = rng.choice(["a.docx", "a.pdf", "a.txt", "a", "a.xyz"])
        codes: list[str] = []
        try:
            result = extract_text(bytes(data), name)
        except UnreadableDocument as error:
            codes.append(error.reason_code)
        else:
            assert isinstance(result, Document)
            assert all(isinstance(p, str) and p for p in result.paragraphs)
        assert all(code in MESSAGES for code in codes)


def test_footnote_stars_and_a_line_of_stars_are_no_markdown_bold() -> None:
    text = (
        "1. Sở Y tế kiểm tra, báo cáo trước ngày 20/3/2024.\n***\n"
        "2. Sở Tài chính bố trí kinh phí (**), hoàn thành trước ngày 25/3/2024.\n"
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "1. Sở Y tế kiểm tra, báo cáo trước ngày 20/3/2024.",
        "2. Sở Tài chính bố trí kinh phí (**), hoàn thành trước ngày 25/3/2024.",
    ]


def test_a_table_whose_cells_a_copy_set_apart_by_one_space_is_read_as_rows() -> None:
    # An OCR or PDF text copy: the header and each row on one line, a row wrapped onto the next,
    # the header again and a page number after a page break.
    text = (
        "KẾ HOẠCH\n"
        "TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n"
        "I Cải cách thể chế\n"
        "1 Kiểm tra, xử lý văn bản quy phạm pháp luật Sở Tư pháp Các cơ quan liên quan Thường"
        " xuyên\n"
        "2 Xây dựng Kế hoạch tuyển dụng công chức năm 2024 Sở Nội vụ Sở Tài chính, Sở Y tế\n"
        "Tháng 5/2024\n"
        "7\n"
        "TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n"
        "3 Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập Sở Tài chính Quý I/2024\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
    )
    paragraphs = read(text.encode(), "kh.txt").paragraphs

    assert paragraphs[1:7] == [
        "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "I. Cải cách thể chế",
        "1 | Kiểm tra, xử lý văn bản quy phạm pháp luật | Sở Tư pháp | Các cơ quan liên quan"
        " | Thường xuyên",
        "2 | Xây dựng Kế hoạch tuyển dụng công chức năm 2024 | Sở Nội vụ | Sở Tài chính, Sở Y tế"
        " | Tháng 5/2024",
        # No helper named: the one agency leads.
        "3 | Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập | Sở Tài chính | |"
        " Quý I/2024",
        "III. TỔ CHỨC THỰC HIỆN",
    ]


def test_a_flattened_table_read_by_its_own_column_order() -> None:
    # The lead before the content; the time between the lead and its helpers.
    text = (
        "TT Đơn vị chủ trì Nhiệm vụ Thời gian hoàn thành\n"
        "1 Phòng Quản lý đất đai Thẩm định hồ sơ giao đất, cho thuê đất Thường xuyên\n"
        "2 Thanh tra Sở Thanh tra việc chấp hành pháp luật về khoáng sản Tháng 10/2016\n"
        "\n"
        "TT Nội dung Cơ quan chủ trì Thời gian thực hiện Cơ quan phối hợp\n"
        "1 Ban hành Kế hoạch hoạt động năm 2021 Phòng Tư pháp Tháng 01/2021 Thành viên Hội đồng\n"
    )
    assert read(text.encode(), "kh.txt").paragraphs == [
        "TT | Đơn vị chủ trì | Nhiệm vụ | Thời gian hoàn thành",
        "1 | Phòng Quản lý đất đai | Thẩm định hồ sơ giao đất, cho thuê đất | Thường xuyên",
        "2 | Thanh tra Sở | Thanh tra việc chấp hành pháp luật về khoáng sản | Tháng 10/2016",
        "TT | Nội dung | Cơ quan chủ trì | Thời gian thực hiện | Cơ quan phối hợp",
        "1 | Ban hành Kế hoạch hoạt động năm 2021 | Phòng Tư pháp | Tháng 01/2021"
        " | Thành viên Hội đồng",
    ]


def test_a_line_of_column_names_among_prose_is_no_table_header() -> None:
    text = (
        "Nội dung nhiệm vụ, cơ quan chủ trì và thời gian hoàn thành như sau:\n1 Sở Y tế rà soát.\n"
    )
    assert not any(" | " in paragraph for paragraph in read(text.encode(), "cv.txt").paragraphs)


def test_a_stacked_table_whose_rows_do_not_fill_their_cells_one_a_line() -> None:
    # A header's names over two lines, a section's name over two lines, a group's row with no
    # cells over its sub-rows, a content cell over two lines, a helper's cell left out.
    text = (
        "PHỤ LỤC\nSTT\nNội dung công việc\nThời gian\nhoàn thành\nCơ quan\nchủ trì\nCơ quan\n"
        "phối hợp\n"
        "I\nCải cách thủ tục\nhành chính\n"
        "1\nRà soát, đơn giản hóa thủ tục hành chính\nTrước 30/6/2022\nVăn phòng UBND tỉnh\n"
        "Các sở, ban, ngành\n"
        "2\nLàm sạch dữ liệu ngành giáo dục\n"
        "2.1\nCập nhật, làm sạch dữ liệu học sinh, giáo viên của các trường\ntrên địa bàn tỉnh\n"
        "Quý II/2022\nSở Giáo dục và Đào tạo\n"
        "3\nKhảo sát mức độ hài lòng của người dân\nQuý IV/2022\nSở Nội vụ\nBưu điện tỉnh\n"
    )
    paragraphs = read(text.encode(), "kh.txt").paragraphs

    assert paragraphs[1:] == [
        "STT | Nội dung công việc | Thời gian hoàn thành | Cơ quan chủ trì | Cơ quan phối hợp",
        "I. Cải cách thủ tục hành chính",
        "1 | Rà soát, đơn giản hóa thủ tục hành chính | Trước 30/6/2022 | Văn phòng UBND tỉnh"
        " | Các sở, ban, ngành",
        "2 | Làm sạch dữ liệu ngành giáo dục | | |",
        "2.1 | Cập nhật, làm sạch dữ liệu học sinh, giáo viên của các trường trên địa bàn tỉnh"
        " | Quý II/2022 | Sở Giáo dục và Đào tạo |",
        "3 | Khảo sát mức độ hài lòng của người dân | Quý IV/2022 | Sở Nội vụ | Bưu điện tỉnh",
    ]


def test_a_tabbed_header_over_two_rows_above_a_section_row_is_one_header() -> None:
    text = (
        "TT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\t\n"
        "\t\t\tBắt đầu\tHoàn thành\n"
        "I\tHOÀN THIỆN THỂ CHẾ\n"
        "1\tXây dựng Nghị quyết hỗ trợ khởi nghiệp\tSở Khoa học và Công nghệ\tTháng 3/2026"
        "\tTháng 7/2026\n"
        "2\tBan hành Danh mục dịch vụ công\tVăn phòng UBND tỉnh\tQuý I/2026\tQuý II/2026\n"
    )
    assert read(text.encode(), "kh.txt").paragraphs[:2] == [
        "TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian bắt đầu | Thời gian hoàn thành",
        "I. HOÀN THIỆN THỂ CHẾ",
    ]


def test_a_web_pages_table_with_cells_left_empty_and_a_header_over_two_rows() -> None:
    # "|", nothing, "|" is a cell left empty, as "|", "|" ends a row: which one it is, the
    # header's count of cells and what follows tell. "Thời gian" stands over "Bắt đầu" and
    # "Hoàn thành"; a section's number and name come in two cells.
    cells = [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        ["Bắt đầu", "Hoàn thành"],
        ["I", "NHẬN THỨC SỐ"],
        ["1", "Tuyên truyền về chuyển đổi số", "Sở TT&TT", "", "Tháng 3/2024", "Thường xuyên"],
        ["2", "Triển khai thanh toán trực tuyến", "Sở Tài chính", "Kho bạc", "Quý I/2024", ""],
        ["3", "Số hóa hồ sơ", "Sở Nội vụ", "Các sở, ngành", "Tháng 4/2024", "Năm 2024"],
    ]
    lines = ["|"]
    for row in cells:
        for cell in row:
            lines += [cell, "|"] if cell else ["|"]
        lines.append("|")
    text = "\n".join(lines) + "\n"

    assert read(text.encode(), "kh.md.txt").paragraphs == [
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian bắt đầu"
        " | Thời gian hoàn thành",
        "I. NHẬN THỨC SỐ | | | | |",
        "1 | Tuyên truyền về chuyển đổi số | Sở TT&TT | | Tháng 3/2024 | Thường xuyên",
        "2 | Triển khai thanh toán trực tuyến | Sở Tài chính | Kho bạc | Quý I/2024 |",
        "3 | Số hóa hồ sơ | Sở Nội vụ | Các sở, ngành | Tháng 4/2024 | Năm 2024",
    ]


def test_a_web_pages_table_right_under_its_heading_and_rows_short_of_their_empty_cells() -> None:
    # The section's heading stands right above the table's first "|"; the rows lost the "|" of
    # their empty last cell (Ghi chú) while the header kept its name.
    text = (
        "III. NHIỆM VỤ CỤ THỂ\n|\nSTT\n|\nNội dung\n|\nCơ quan chủ trì\n|\nThời gian\n|\n"
        "Ghi chú\n|\n|\n"
        "1\n|\nThành lập Ban Chỉ đạo\n|\nSở Nội vụ\n|\n17/4/2025\n|\n|\n"
        "2\n|\nXây dựng phương án tổng thể\n|\nSở Nội vụ\n|\n20/4/2025\n|\n|\n"
        "3\n|\nTrình HĐND tỉnh\n|\nSở Nội vụ\n|\n25/4/2025\n|\nKỳ họp chuyên đề\n|\n|\n"
    )
    assert read(text.encode(), "kh.md.txt").paragraphs == [
        "III. NHIỆM VỤ CỤ THỂ",
        "STT | Nội dung | Cơ quan chủ trì | Thời gian | Ghi chú",
        "1 | Thành lập Ban Chỉ đạo | Sở Nội vụ | 17/4/2025",
        "2 | Xây dựng phương án tổng thể | Sở Nội vụ | 20/4/2025 |",
        "3 | Trình HĐND tỉnh | Sở Nội vụ | 25/4/2025 | Kỳ họp chuyên đề",
    ]


def test_a_stacked_tables_empty_row_is_left_out_not_read_as_a_broken_file() -> None:
    text = (
        "PHỤ LỤC\nSTT\nNội dung\nCơ quan chủ trì\nThời gian\n1\n"
        "2\nRà soát thủ tục\nSở Y tế\nQuý I/2024\n"
        "3\nKiểm tra việc thực hiện\nSở Tư pháp và\nSở Nội vụ\nQuý II/2024\n"
    )
    assert read(text.encode(), "kh.txt").paragraphs[1:] == [
        "STT | Nội dung | Cơ quan chủ trì | Thời gian",
        "2 | Rà soát thủ tục | Sở Y tế | Quý I/2024",
        "3 | Kiểm tra việc thực hiện | Sở Tư pháp và Sở Nội vụ | Quý II/2024",
    ]


def test_a_scans_zero_for_an_o_inside_a_word_and_an_o_for_a_zero_in_a_year() -> None:
    text = (
        "Ph0ng Nội vụ, Đ0àn Thanh niên, C0NG BÁO, S0 Y tế; mã 0101, CO2, F0; tháng 5/2O19; quý "
        "l/2023, Quý Il/2022."
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "Phòng Nội vụ, Đoàn Thanh niên, CÔNG BÁO, Sở Y tế; mã 0101, CO2, F0; tháng 5/2019; quý "
        "I/2023, Quý II/2022."
    ]


def test_a_word_file_made_from_a_pdf_has_its_printed_lines_joined() -> None:
    document = make_document()
    lines = [
        "1. Sở Nông nghiệp và Phát triển nông thôn (cơ quan thường trực Chương trình",
        "OCOP tỉnh) chủ trì tổ chức triển khai Kế hoạch, hướng dẫn các huyện, thị xã,",
        "Thành phố xây dựng kế hoạch thực hiện.",
        "2. Các phòng, đơn vị thuộc Sở chủ động triển khai thực hiện; báo cáo về Sở (qua",
        "Phòng Bưu chính - Viễn thông và CNTT) trước ngày 25 hằng tháng.",
    ] * 3
    for line in lines:
        document.add_paragraph(line)
    paragraphs = docx_paragraphs(document)
    assert paragraphs[:2] == [
        "1. Sở Nông nghiệp và Phát triển nông thôn (cơ quan thường trực Chương trình OCOP tỉnh) "
        "chủ trì tổ chức triển khai Kế hoạch, hướng dẫn các huyện, thị xã, Thành phố xây dựng "
        "kế hoạch thực hiện.",
        "2. Các phòng, đơn vị thuộc Sở chủ động triển khai thực hiện; báo cáo về Sở (qua Phòng "
        "Bưu chính - Viễn thông và CNTT) trước ngày 25 hằng tháng.",
    ]
    assert len(paragraphs) == 6


def test_a_pdfs_page_head_under_its_number_and_a_gazettes_are_dropped() -> None:
    text = (
        "    - Sở Tài nguyên và Môi trường chủ trì xây dựng phương án giao đất gắn\n"
        " với giao rừng; hoàn thành trước ngày 31/12/2018.\n"
        "\n"
        "                                                                            2\n"
        " UBND tỉnh Hà Giang - Chương trình hành động thực hiện Chỉ thị 13-CT/TW\n"
        "\n"
        "    - Công an tỉnh chủ trì điều tra, xử lý nghiêm các vụ án vi phạm pháp\n"
        " luật về quản lý, bảo vệ rừng.\n"
        "38                             CÔNG BÁO/Số 09/Ngày 28-3-2016\n"
        "    - Sở Tài chính theo dõi chặt chẽ tiến độ thu ngân sách.\n"
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "- Sở Tài nguyên và Môi trường chủ trì xây dựng phương án giao đất gắn với giao rừng; "
        "hoàn thành trước ngày 31/12/2018.",
        "- Công an tỉnh chủ trì điều tra, xử lý nghiêm các vụ án vi phạm pháp luật về quản lý, "
        "bảo vệ rừng.",
        "- Sở Tài chính theo dõi chặt chẽ tiến độ thu ngân sách.",
    ]


def test_a_form_number_wrapped_inside_its_brackets_is_no_item() -> None:
    text = (
        "2. Trường THPT Trần Hưng Đạo\n"
        "     Tiếp nhận hồ sơ đăng ký dự thi; báo cáo số lượng thí sinh đăng ký (Mẫu\n"
        " 06) về Sở trước ngày 14/5/2019.\n"
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "2. Trường THPT Trần Hưng Đạo",
        "Tiếp nhận hồ sơ đăng ký dự thi; báo cáo số lượng thí sinh đăng ký (Mẫu 06) về Sở trước "
        "ngày 14/5/2019.",
    ]


def test_a_page_head_under_its_number_after_a_blank_line_is_dropped() -> None:
    text = (
        " Các cấp ủy, tổ chức đảng tập trung lãnh đạo, chỉ đạo, tổ chức thực hiện tốt\n"
        "\n"
        "                                      2\n"
        "\n"
        "  Tỉnh ủy Hà Tĩnh - Kế hoạch số 115-KH/TU ngày 14/9/2022\n"
        "\n"
        " các nhiệm vụ, giải pháp chủ yếu sau:\n"
    )
    assert read(text.encode(), "x.txt").paragraphs == [
        "Các cấp ủy, tổ chức đảng tập trung lãnh đạo, chỉ đạo, tổ chức thực hiện tốt các nhiệm "
        "vụ, giải pháp chủ yếu sau:"
    ]
