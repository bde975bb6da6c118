"""Read every labelled .txt document again as a PDF a word processor made, and count how many
give the same tasks (lead and deadline) as their text.

Usage: python bench/bench_pdf.py     (needs LibreOffice's `soffice` on the PATH)

Each text becomes a .docx (its "a | b" rows a real table, "- " lines Word bullets), then a PDF
by `soffice --convert-to pdf`: wrapped and justified lines, symbol-font bullets, tables whose
cells wrap. A difference is where the PDF reading loses or invents a paragraph boundary.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.agencies import Catalogue  # noqa: E402
from ingest.pipeline import read_directive  # noqa: E402
from tests.test_ingest_tasks import catalogue_of  # noqa: E402
from tests.test_ingest_text import docx_from_text  # noqa: E402

FOLDERS = ("documents", "blind_documents", "blind2_documents")


def main() -> int:
    if shutil.which("soffice") is None:
        print("needs LibreOffice (soffice) on the PATH")
        return 1
    same, different = 0, []
    with tempfile.TemporaryDirectory() as work:
        labels = {}
        for folder in FOLDERS:
            for path in sorted((ROOT / "tests" / "data" / folder).glob("*.expected.json")):
                expected = json.loads(path.read_text(encoding="utf-8"))
                stem = path.name.removesuffix(".expected.json")
                source = path.with_name(expected.get("file") or f"{stem}.txt")
                if source.suffix != ".txt" or not source.exists():
                    continue
                docx = Path(work) / f"{stem}.docx"
                docx.write_bytes(docx_from_text(source.read_text(encoding="utf-8")))
                labels[stem] = (source, expected)
        documents = sorted(str(p) for p in Path(work).glob("*.docx"))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", work, *documents],
            check=True,
            capture_output=True,
        )
        for stem, (source, expected) in labels.items():
            catalogue = catalogue_of(expected["catalogue"]) if "catalogue" in expected else None
            issued = expected.get("issued_on")
            kwargs = {
                "catalogue": catalogue or Catalogue([]),
                "issued_on": dt.date.fromisoformat(issued) if issued else None,
            }
            pdf = Path(work) / f"{stem}.pdf"
            texts = [
                [
                    (t.lead.written if t.lead else None, t.deadline.date)
                    for t in read_directive(path.read_bytes(), path.name, **kwargs).tasks
                ]
                for path in (source, pdf)
            ]
            if texts[0] == texts[1]:
                same += 1
            else:
                different.append(f"{stem}: {len(texts[0])} tasks as text, {len(texts[1])} as PDF")
    print(f"{same} of {same + len(different)} documents give the same tasks read as a PDF")
    for line in different:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
