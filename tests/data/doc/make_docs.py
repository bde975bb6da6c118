"""Write the .doc files of this folder: documents of the labelled set saved as Word 97-2003.

Each is built as a .docx by the test suite's own builders (a task table as a real table, the
letterhead as a two-column table, footnotes as Word footnotes) and saved by a word processor in
the binary format provincial offices still send. Needs LibreOffice (`soffice`) on the PATH:

    python tests/data/doc/make_docs.py

The .doc files are kept in git, so the tests need no LibreOffice.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document as make_document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.data.pdf.make_pdfs import MARK, NOTE, SOURCES, with_real_footnotes  # noqa: E402
from tests.test_ingest_text import docx_with_letterhead_table, tcvn3_runs  # noqa: E402

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


def docx_in_tcvn3(text: str) -> bytes:
    """The text as an office that never left the ".VnTime" fonts types it: TCVN3's codes (its
    footnotes left out: their superscript numbers are no TCVN3 codes)."""
    document = make_document()
    for line in (line for line in text.split("\n") if line.strip() and not NOTE.match(line)):
        line = MARK.sub("", line)
        paragraph = document.add_paragraph()
        for code, font in tcvn3_runs(line):
            paragraph.add_run(code).font.name = font
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


if __name__ == "__main__":
    main()
