"""Measure the importer: task recall and precision on labelled documents, and time per document.

Usage: python bench/bench_import.py

A task counts as found when a task of the draft has the labelled lead agency and deadline (for
the blind labels, written as free text, a lead that is part of the label or contains it counts,
"UBND" and "Ủy ban nhân dân" being one name).
The sets, under tests/data (tests/data/LABELLING.md tells how a document is labelled):

- documents: labelled while the rules were written, with a catalogue: a development set;
- blind_documents: labelled by someone who never saw the importer, then looked at while
  changing it: no longer blind;
- blind2_documents: full documents labelled blind, measured once as they came, then looked at;
- heldout_documents: labelled with blind2 and set aside by name before anyone read them;
  never looked at while changing the importer.

Where a second person labelled a set again without seeing the first labels (NAME.second.json),
the bench prints how often the two agree: the ceiling of any score on that set.

Time is the mean of five reads of each document, and of a ten-page document made of the sample
notice three times, as text and as a PDF, against a catalogue of 59 agencies, after a first
read that loads what a process loads once (PDFium, the syllable table, dateparser's data);
and the file reader alone on one 100 KB paragraph under a task table's heading line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.agencies import AgencyMention, Catalogue, CatalogueEntry, fold  # noqa: E402
from ingest.pipeline import DirectiveDraft, read_directive  # noqa: E402
from ingest.text import UnreadableDocument, extract_text  # noqa: E402
from tests.test_ingest_text import PASTED_PARAGRAPH, make_pdf, pdf_pages_from_text  # noqa: E402

SAMPLE = ROOT / "bot" / "demo_data" / "thong-bao-ket-luan-2023.txt"  # the shared sample, shipped
RUNS = 5


def _catalogue(entries: list[dict[str, Any]]) -> Catalogue:
    return Catalogue(
        [
            CatalogueEntry(e["name"], e.get("short_name"), tuple(e.get("aliases", ())))
            for e in entries
        ]
    )


def _catalogue_lead(mention: AgencyMention | None) -> str | None:
    """The development labels name catalogue agencies, or groups as "group:KEY"."""
    if mention is None:
        return None
    return f"group:{mention.group}" if mention.group else mention.display


def _written_lead(mention: AgencyMention | None) -> str | None:
    """The blind labels give the lead as the document writes it."""
    return None if mention is None else _plain(mention.written)


def _plain(text: str) -> str:
    words = " ".join(re.findall(r"[a-z0-9&]+", fold(text)))
    # "UBND tỉnh" and "Ủy ban nhân dân tỉnh" are one name written two ways.
    return re.sub(r"\bubnd\b", "uy ban nhan dan", re.sub(r"\bhdnd\b", "hoi dong nhan dan", words))


def _same_lead(label: str | None, found: str | None, *, loose: bool) -> bool:
    if label is None or found is None:
        return label == found
    # A blind label is free text ("các bộ, ngành Trung ương và UBND các tỉnh"): a lead written
    # as part of it, or containing it, names the same addressees.
    return label == found or (loose and (label in found or found in label))


def _score(
    labels: Sequence[tuple[str | None, str | None]],
    draft: DirectiveDraft,
    lead_of: Callable[[AgencyMention | None], str | None],
    *,
    loose: bool = False,
) -> tuple[int, int, int]:
    """(matched, labelled, found) for the tasks of a draft."""
    found = [
        (lead_of(t.lead), t.deadline.date.isoformat() if t.deadline.date else None)
        for t in draft.tasks
    ]
    return _matched(labels, found, loose=loose), len(labels), len(found)


def _matched(
    labels: Sequence[tuple[str | None, str | None]],
    found: Sequence[tuple[str | None, str | None]],
    *,
    loose: bool,
) -> int:
    """How many labels have a found task of the same lead and deadline (each used once)."""
    unused = list(found)
    matched = 0
    for lead, deadline in labels:
        for index, (found_lead, found_deadline) in enumerate(unused):
            if found_deadline == deadline and _same_lead(lead, found_lead, loose=loose):
                matched += 1
                del unused[index]
                break
    return matched


def _timed(
    data: bytes, name: str, catalogue: Catalogue, issued: dt.date | None
) -> tuple[DirectiveDraft, float]:
    started = time.perf_counter()
    for _ in range(RUNS):
        # A new catalogue each time, as the bot makes for each document: what one read of the
        # paragraphs' agencies keeps does not help the next.
        fresh = Catalogue(catalogue.entries)
        draft = read_directive(data, name, catalogue=fresh, issued_on=issued)
    return draft, (time.perf_counter() - started) / RUNS * 1000


_SECTORS = (
    "Nội vụ", "Y tế", "Tư pháp", "Xây dựng", "Công Thương", "Giáo dục và Đào tạo",
    "Khoa học và Công nghệ", "Văn hóa, Thể thao và Du lịch", "Nông nghiệp và Môi trường",
    "Dân tộc và Tôn giáo", "Ngoại vụ",
)  # fmt: skip
_DISTRICTS = (
    "Châu Thành", "Tân Hiệp", "Hòn Đất", "Kiên Lương", "Giang Thành", "An Biên", "An Minh",
    "U Minh Thượng", "Vĩnh Thuận", "Gò Quao", "Giồng Riềng", "Kiên Hải", "Phú Quốc",
    "Rạch Giá", "Hà Tiên",
)  # fmt: skip
_OTHERS = (
    "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
    "Ban Quản lý Khu kinh tế", "Đài Phát thanh và Truyền hình", "Kho bạc Nhà nước tỉnh",
    "Cục Thuế tỉnh", "Bảo hiểm xã hội tỉnh", "Liên minh Hợp tác xã", "Hội Nông dân tỉnh",
    "Tỉnh Đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh", "Trường Chính trị tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Báo Kiên Giang",
)  # fmt: skip


def _province_catalogue() -> Catalogue:
    """Fifty-nine agencies, as a province's office follows up: its departments (the sample's "Sở Kế
    hoạch và Đầu tư" now part of Sở Tài chính), districts and their finance offices, others."""
    entries = [{"name": "Sở Tài chính", "aliases": ["Sở Kế hoạch và Đầu tư"]}]
    entries += [{"name": f"Sở {sector}"} for sector in _SECTORS]
    entries += [
        {"name": f"UBND huyện {d}", "aliases": [f"Ủy ban nhân dân huyện {d}"]} for d in _DISTRICTS
    ]
    entries += [{"name": f"Phòng Tài chính - Kế hoạch huyện {d}"} for d in _DISTRICTS]
    entries += [{"name": name} for name in _OTHERS]
    return _catalogue(entries)


def development_set() -> list[tuple[str, tuple[int, int, int], float]]:
    rows = []
    for path in sorted((ROOT / "tests" / "data" / "documents").glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        source = SAMPLE if expected.get("shared_sample") else path.parent / expected["file"]
        if not source.exists():
            continue
        issued = dt.date.fromisoformat(expected["issued_on"]) if expected.get("issued_on") else None
        draft, ms = _timed(
            source.read_bytes(), source.name, _catalogue(expected["catalogue"]), issued
        )
        labels = [(t["lead"], t["deadline"]) for t in expected["tasks"]]
        rows.append((source.stem, _score(labels, draft, _catalogue_lead), ms))
    return rows


def free_text_set(folder: str) -> list[tuple[str, tuple[int, int, int], float]]:
    rows = []
    for path in sorted((ROOT / "tests" / "data" / folder).glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        name = expected.get("file") or path.name.replace(".expected.json", ".txt")
        source = path.with_name(name)
        labels = _free_labels(expected)
        # A page that lost the document's date: the importer reads it from the text if it can,
        # else it asks the officer for it (here: nothing found).
        issued = expected.get("issued_on")
        try:
            # No catalogue came with these: every agency is read "as written", as in a fresh
            # install.
            draft, ms = _timed(
                source.read_bytes(),
                source.name,
                Catalogue([]),
                dt.date.fromisoformat(issued) if issued else None,
            )
        except UnreadableDocument:
            rows.append((source.stem, (0, len(labels), 0), 0.0))
            continue
        rows.append((source.stem, _score(labels, draft, _written_lead, loose=True), ms))
    return rows


def _free_labels(expected: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    return [(_plain(t["lead"]), t["deadline"]) for t in expected["tasks"]]


def labeller_agreement(folder: str) -> tuple[int, int, int] | None:
    """(matched, first labeller's tasks, second's) where a second person labelled the set too,
    blind to the first (NAME.second.json): how far any score on the set can be trusted."""
    first, second, matched = 0, 0, 0
    for path in sorted((ROOT / "tests" / "data" / folder).glob("*.second.json")):
        labels = _free_labels(json.loads(path.read_text(encoding="utf-8")))
        expected = path.with_name(path.name.replace(".second.json", ".expected.json"))
        reference = _free_labels(json.loads(expected.read_text(encoding="utf-8")))
        matched += _matched(reference, labels, loose=True)
        first, second = first + len(reference), second + len(labels)
    return (matched, first, second) if first else None


def _report(title: str, rows: list[tuple[str, tuple[int, int, int], float]]) -> None:
    matched = sum(r[1][0] for r in rows)
    labelled = sum(r[1][1] for r in rows)
    found = sum(r[1][2] for r in rows)
    print(f"\n{title}: {len(rows)} documents, {labelled} labelled tasks, {found} found")
    for name, (m, lab, f), ms in rows:
        print(f"  {name:<34} {m:>2}/{lab:<2} found {f:<3} {ms:7.1f} ms")
    recall = matched / labelled if labelled else 0.0
    precision = matched / found if found else 0.0
    print(f"  recall {recall:.1%} ({matched}/{labelled})", end="   ")
    print(f"precision {precision:.1%} ({matched}/{found})")


def main() -> int:
    _report("development set (labelled while the rules were written)", development_set())
    for title, folder in (
        ("blind set 1 (labelled blind, since looked at)", "blind_documents"),
        (
            "blind set 2 (full documents, labelled blind, looked at after the first run)",
            "blind2_documents",
        ),
        ("held-out set (labelled blind, never looked at)", "heldout_documents"),
    ):
        if rows := free_text_set(folder):
            _report(title, rows)
        if agreement := labeller_agreement(folder):
            matched, first, second = agreement
            print(
                f"  a second labeller, blind to the first: {matched} of the first's {first} tasks"
                f" and of their own {second} agree ({matched / first:.1%} / {matched / second:.1%})"
            )
    if SAMPLE.exists():
        ten_pages = SAMPLE.read_bytes() * 3  # about 45 KB of text: ten A4 pages
        catalogue = _province_catalogue()
        print(f"\ncatalogue: {len(catalogue.entries)} agencies, as a province's office keeps")
        # The same as a text PDF, written by the test suite's PDF writer, 45 lines a page.
        pages = pdf_pages_from_text(ten_pages.decode("utf-8"), per_page=45, header="THÔNG BÁO")
        pdf = make_pdf(pages)
        for data, name, what in (
            (ten_pages, "ten-pages.txt", f"ten-page document ({len(ten_pages) // 1024} KB)"),
            (pdf, "ten-pages.pdf", f"the same as a {len(pages)}-page PDF ({len(pdf) // 1024} KB)"),
        ):
            started = time.perf_counter()
            read_directive(data, name, catalogue=catalogue, issued_on=dt.date(2023, 1, 5))
            first_ms = (time.perf_counter() - started) * 1000
            _, ms = _timed(data, name, catalogue, dt.date(2023, 1, 5))
            print(f"{what}: {ms:.0f} ms per read (the first of a process: {first_ms:.0f} ms)")
        started = time.perf_counter()
        read_directive(PASTED, "pasted.txt", catalogue=catalogue, issued_on=dt.date(2023, 1, 5))
        whole_ms = (time.perf_counter() - started) * 1000
        print(
            f"a {len(PASTED) // 1024} KB paragraph: {_reader_ms(PASTED, 'pasted.txt'):.0f} ms"
            f" for the file reader, {whole_ms:.0f} ms for the whole read (once)"
        )
    return 0


# A web page's text pasted as one line under a task table's heading: the file reader looks for
# the table's rows in it, on a line with no double space.
PASTED = f"STT Nội dung Chủ trì Phối hợp Thời gian\n{PASTED_PARAGRAPH}.\n".encode()


def _reader_ms(data: bytes, name: str) -> float:
    """The file reader alone (ingest/text.py), the mean of five reads."""
    started = time.perf_counter()
    for _ in range(RUNS):
        extract_text(data, name)
    return (time.perf_counter() - started) / RUNS * 1000


if __name__ == "__main__":
    sys.exit(main())
