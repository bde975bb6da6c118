"""Write the .doc files of this folder: documents of the labelled set saved as Word 97-2003.

Each is built as a .docx by the test suite's own builders (a task table as a real table, the
letterhead as a two-column table, footnotes as Word footnotes) and saved by a word processor in
the binary format provincial offices still send. Needs LibreOffice (`soffice`) on the PATH:

    python tests/data/doc/make_docs.py

The .doc files are kept in git, so the tests need no LibreOffice.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import olefile
from docx import Document as make_document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.data.pdf.make_pdfs import MARK, NOTE, SOURCES, with_real_footnotes  # noqa: E402
from tests.test_ingest_text import (  # noqa: E402
    IN_TCVN3,
    IN_VNI,
    docx_with_letterhead_table,
    tcvn3_runs,
)

HERE = Path(__file__).resolve().parent
# A paragraph: its text, or its pieces of text and fields (code, result).
Paragraph = str | tuple[str | tuple[str, str], ...]
# A short letter whose link to the guidance is a field: Word keeps its code in the text.
FIELDS: list[Paragraph] = [
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "Số: 15/UBND-KT",
    "Lai Châu, ngày 02 tháng 3 năm 2024",
    "Kính gửi: Sở Y tế.",
    (
        "Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm theo hướng dẫn tại ",
        ('HYPERLINK "https://vanban.laichau.gov.vn/15"', "Cổng thông tin điện tử tỉnh"),
        ", báo cáo UBND tỉnh trước ngày 15/3/2024.",
    ),
]

# A letter whose tasks Word numbers by their style ("List Number"), under a header and over a
# footer that are no part of its text.
NUMBERED_BY_STYLE = [
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "Số: 16/UBND-KT",
    "Lai Châu, ngày 04 tháng 3 năm 2024",
    "Kính gửi: Sở Y tế; Sở Xây dựng.",
]
NUMBERED_TASKS = [
    "Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm, báo cáo UBND tỉnh trước ngày 15/3/2024.",
    "Giao Sở Xây dựng rà soát các công trình chậm tiến độ, báo cáo trước ngày 29/3/2024.",
]
HEADER = "UBND tỉnh Lai Châu - Công văn số 16/UBND-KT"
FOOTER = "Giao Văn phòng UBND tỉnh đăng tải trên Cổng thông tin điện tử tỉnh trước ngày 05/3/2024."


def docx_numbered_by_style() -> bytes:
    document = make_document()
    for line in NUMBERED_BY_STYLE:
        document.add_paragraph(line)
    for task in NUMBERED_TASKS:
        document.add_paragraph(task, style="List Number")
    document.sections[0].header.paragraphs[0].text = HEADER
    document.sections[0].footer.paragraphs[0].text = FOOTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_numbering_in_styles_only(path: Path) -> None:
    """Word writes the list of a paragraph its style numbers in the style alone; LibreOffice
    repeats it in each paragraph's PAPX (sprmPIlvl, then sprmPIlfo, first): drop the repeats,
    so the paragraphs name only their style (istd), as Word's do."""
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        at = 32 + 2 + 2 * struct.unpack_from("<H", word, 32)[0]  # FibBase, FibRgW97
        at += 2 + 4 * struct.unpack_from("<H", word, at)[0]  # FibRgLw97
        plc_at, plc_size = struct.unpack_from("<II", word, at + 2 + 8 * 13)  # PlcBtePapx
        table = ole.openstream("1Table" if word[11] & 0x02 else "0Table").read()
        plc = table[plc_at : plc_at + plc_size]
        count = (plc_size - 4) // 8
        dropped = 0  # paragraphs with the same properties share their PAPX
        for index in range(count):
            page_at = 512 * struct.unpack_from("<I", plc, 4 * (count + 1) + 4 * index)[0]
            crun = word[page_at + 511]
            for run in range(crun):
                papx_at = page_at + 2 * word[page_at + 4 * (crun + 1) + 13 * run]
                if papx_at == page_at:
                    continue  # no properties
                # Its size in words: in one byte for an odd size, after a zero for an even one.
                size, start = (
                    (2 * word[papx_at] - 1, papx_at + 1)
                    if word[papx_at]
                    else (2 * word[papx_at + 1], papx_at + 2)
                )
                istd, grpprl = word[start : start + 2], word[start + 2 : start + size]
                if grpprl[0:2] != b"\x0a\x26" or grpprl[3:5] != b"\x0b\x46":
                    continue
                papx = istd + grpprl[7:]  # shorter: it is written over the old one's start
                head = (
                    bytes([(len(papx) + 1) // 2]) if len(papx) % 2 else bytes([0, len(papx) // 2])
                )
                word[papx_at : papx_at + len(head) + len(papx)] = head + papx
                dropped += 1
        assert dropped, "LibreOffice no longer repeats a style's list in its paragraphs"
        ole.write_stream("WordDocument", bytes(word))


def docx_with_fields(paragraphs: list[Paragraph]) -> bytes:
    """A .docx whose paragraphs are text, or pieces of text and fields."""
    document = make_document()
    for paragraph in paragraphs:
        if isinstance(paragraph, str):
            document.add_paragraph(paragraph)
            continue
        target = document.add_paragraph()
        for piece in paragraph:
            if isinstance(piece, str):
                target.add_run(piece)
                continue
            code, result = piece
            for kind, text in (("begin", None), (None, code), ("separate", None)):
                run = target.add_run()._r
                if kind:
                    mark = OxmlElement("w:fldChar")
                    mark.set(qn("w:fldCharType"), kind)
                    run.append(mark)
                else:
                    instruction = OxmlElement("w:instrText")
                    instruction.set(qn("xml:space"), "preserve")
                    instruction.text = f" {text} "
                    run.append(instruction)
            target.add_run(result)
            end = OxmlElement("w:fldChar")
            end.set(qn("w:fldCharType"), "end")
            target.add_run()._r.append(end)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# A letter in a Unicode font with text pasted from older files: a heading in ".VnTimeH", a
# sentence's end in "VNI-Times", a sentence in ".VnTime". Each paragraph's runs and their fonts.
MIXED_FONTS = [
    [("th«ng b¸o", ".VnTimeH")],
    [("Giao Sở Y tế chủ trì; ", "Times New Roman"), (IN_VNI, "VNI-Times")],
    [(IN_TCVN3, ".VnTime")],
]


def docx_with_fonts(paragraphs: list[list[tuple[str, str]]]) -> bytes:
    document = make_document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, font in runs:
            paragraph.add_run(text).font.name = font
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_in_tcvn3(text: str) -> bytes:
    """The text as an office that never left the ".VnTime" fonts types it: TCVN3's codes in the
    Normal style's ".VnTime", a capital that font lacks in ".VnTimeH" of its own, a heading in
    capitals in a paragraph style whose ".VnTimeH" shows the small letters' codes as capitals
    (its footnotes left out: their superscript numbers are no TCVN3 codes)."""
    document = make_document()
    document.styles["Normal"].font.name = ".VnTime"
    heading = document.styles.add_style("Tieu de", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.name = ".VnTimeH"
    for line in (line for line in text.split("\n") if line.strip() and not NOTE.match(line)):
        line = MARK.sub("", line)
        if line.isupper():
            codes = "".join(code for code, _font in tcvn3_runs(line.lower()))
            document.add_paragraph(codes, style=heading)
            continue
        paragraph = document.add_paragraph()
        for code, font in tcvn3_runs(line):
            run = paragraph.add_run(code)
            if font != ".VnTime":
                run.font.name = font
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def save_as_doc(docx: Path) -> None:
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(HERE),
            str(docx),
        ],
        check=True,
        capture_output=True,
    )
    print(HERE / f"{docx.stem}.doc")


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        for name, source in SOURCES.items():
            docx = Path(work) / f"{name}.docx"
            docx.write_bytes(with_real_footnotes(source.read_text(encoding="utf-8")))
            save_as_doc(docx)
        letter = SOURCES["cong-van-vpcp-3348-2015"].read_text(encoding="utf-8")
        docx = Path(work) / "cong-van-vpcp-3348-2015-letterhead.docx"
        docx.write_bytes(docx_with_letterhead_table(letter))
        save_as_doc(docx)
        docx = Path(work) / "thong-bao-ket-luan-2023-tcvn3.docx"
        docx.write_bytes(docx_in_tcvn3(SOURCES["thong-bao-ket-luan-2023"].read_text("utf-8")))
        save_as_doc(docx)
        docx = Path(work) / "cong-van-fields.docx"
        docx.write_bytes(docx_with_fields(FIELDS))
        save_as_doc(docx)
        docx = Path(work) / "cong-van-mixed-fonts.docx"
        docx.write_bytes(docx_with_fonts(MIXED_FONTS))
        save_as_doc(docx)
        docx = Path(work) / "cong-van-numbered-by-style.docx"
        docx.write_bytes(docx_numbered_by_style())
        save_as_doc(docx)
        with_numbering_in_styles_only(HERE / "cong-van-numbered-by-style.doc")


if __name__ == "__main__":
    main()
