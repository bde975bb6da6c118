"""Write the PDFs of this folder: documents of the labelled set laid out by a word processor.

The test suite's own PDF writer puts each line where it is told; a word processor wraps, centres,
draws Word's bullets from a symbol font, sets footnotes at the foot of the page and lets a table
run over pages, as the PDFs offices receive do. Needs LibreOffice (`soffice`) on the PATH:

    python tests/data/pdf/make_pdfs.py

The PDFs are kept in git, so the tests need no LibreOffice.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document as make_document

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.test_ingest_text import (  # noqa: E402
    docx_from_text,
    docx_with_letterhead_table,
    footnote_reference,
    with_footnotes,
)

HERE = Path(__file__).resolve().parent
SOURCES = {
    "ke-hoach-lai-chau-1367-2023": ROOT / "tests/data/documents/ke-hoach-lai-chau-1367-2023.txt",
    "cong-van-vpcp-3348-2015": ROOT / "tests/data/documents/cong-van-vpcp-3348-2015.txt",
    "thong-bao-ket-luan-2023": ROOT / "bot/demo_data/thong-bao-ket-luan-2023.txt",
}
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NOTE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s*(.*)$")
MARK = re.compile(rf"[{SUPERSCRIPTS}]+")


def with_real_footnotes(text: str) -> bytes:
    """The text as a .docx whose footnotes ("¹ Giấy mời ...") are Word footnotes, referenced
    where their superscript marks stand, instead of lines of the body."""
    notes: dict[str, str] = {}
    body: list[str] = []
    for line in (p.strip() for p in text.split("\n")):
        note = NOTE.match(line)
        if note:
            notes[note.group(1).translate(str.maketrans(SUPERSCRIPTS, "0123456789"))] = note.group(
                2
            )
        elif line:
            body.append(line)
    document = make_document(io.BytesIO(docx_from_text("\n".join(body))))
    for paragraph in document.paragraphs:
        if not MARK.search(paragraph.text):
            continue
        pieces = MARK.split(paragraph.text)
        marks = [
            m.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
            for m in MARK.findall(paragraph.text)
        ]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        for index, piece in enumerate(pieces):
            paragraph.add_run(piece)
            if index < len(marks):
                paragraph._p.append(footnote_reference(marks[index]))
    return with_footnotes(document, notes)


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        for name, source in SOURCES.items():
            docx = Path(work) / f"{name}.docx"
            docx.write_bytes(with_real_footnotes(source.read_text(encoding="utf-8")))
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(docx)],
                check=True,
                capture_output=True,
            )
            print(HERE / f"{name}.pdf")
        letter = SOURCES["cong-van-vpcp-3348-2015"].read_text(encoding="utf-8")
        docx = Path(work) / "cong-van-vpcp-3348-2015-letterhead.docx"
        docx.write_bytes(docx_with_letterhead_table(letter))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(HERE), str(docx)],
            check=True,
            capture_output=True,
        )
        print(HERE / f"{docx.stem}.pdf")


if __name__ == "__main__":
    main()
