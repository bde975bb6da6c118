"""Task segmentation and the import pipeline, on the sample and on labelled real documents."""

from __future__ import annotations

import datetime as dt
import io
import json
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx import Document as make_document
from pypdf import PdfReader

from bench import bench_import
from ingest.agencies import AgencyMention, Catalogue, CatalogueEntry
from ingest.pipeline import DirectiveDraft, draft_to_json, read_directive
from ingest.tasks import TaskDraft, extract_tasks, find_addressees, summarize
from ingest.text import Document, UnreadableDocument, extract_text
from tests.conftest import SAMPLE
from tests.test_ingest_text import (
    docx_from_text,
    docx_with_letterhead_table,
    make_pdf,
    pdf_pages_from_text,
    tcvn3_runs,
)

DOCUMENTS = Path(__file__).parent / "data" / "documents"
PDFS = Path(__file__).parent / "data" / "pdf"
EXPECTED = sorted(DOCUMENTS.glob("*.expected.json"))

# Labelled tasks the importer misses today, with the reason (they count in the measurement).
KNOWN_MISSES: dict[str, int] = {}


def catalogue_of(entries: list[dict[str, Any]]) -> Catalogue:
    return Catalogue(
        CatalogueEntry(e["name"], e.get("short_name"), tuple(e.get("aliases", ()))) for e in entries
    )


def lead_key(mention: AgencyMention | None) -> str | None:
    if mention is None:
        return None
    return f"group:{mention.group}" if mention.group else mention.display


def task_key(task: TaskDraft) -> tuple[str | None, str | None]:
    return lead_key(task.lead), task.deadline.date.isoformat() if task.deadline.date else None


def load(expected_path: Path) -> tuple[dict[str, Any], DirectiveDraft]:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    if expected.get("shared_sample"):
        data, name = SAMPLE.read_bytes(), SAMPLE.name
    else:
        path = DOCUMENTS / expected["file"]
        data, name = path.read_bytes(), path.name
    issued = expected.get("issued_on")
    draft = read_directive(
        data,
        name,
        catalogue=catalogue_of(expected["catalogue"]),
        issued_on=dt.date.fromisoformat(issued) if issued else None,
    )
    return expected, draft


def scores(expected: list[dict[str, Any]], found: list[TaskDraft]) -> tuple[int, int, int]:
    """(true positives, labelled, found): a task counts when its lead and deadline match."""
    want = Counter((t["lead"], t["deadline"]) for t in expected)
    got = Counter(task_key(t) for t in found)
    return sum((want & got).values()), len(expected), len(found)


# --------------------------------------------------------------------------------------------
# The sample notice, as the brief states it.
# --------------------------------------------------------------------------------------------

SAMPLE_CATALOGUE = Catalogue(
    [
        CatalogueEntry("Sở Tài chính", aliases=("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT")),
        CatalogueEntry("Sở Y tế"),
        CatalogueEntry("Bộ Chỉ huy Quân sự tỉnh"),
        CatalogueEntry("Công an tỉnh"),
        CatalogueEntry("Văn phòng UBND tỉnh"),
    ]
)


@pytest.fixture(scope="module")
def sample() -> DirectiveDraft:
    return read_directive(SAMPLE.read_bytes(), SAMPLE.name, catalogue=SAMPLE_CATALOGUE)


def find(draft: DirectiveDraft, start: str) -> TaskDraft:
    matches = [t for t in draft.tasks if t.text.startswith(start)]
    assert len(matches) == 1, [t.text[:60] for t in draft.tasks]
    return matches[0]


def test_sample_issue_date_falls_back_to_the_meeting(sample: DirectiveDraft) -> None:
    assert sample.meta.issued_on == dt.date(2023, 1, 5)
    assert any("ngày họp" in warning.message_vi for warning in sample.warnings)


@pytest.mark.parametrize(
    "date_line",
    ["Hà Nội, ngày    tháng 3 năm 2020", "41 /CT-TTg Hà Nội, ngàyháng 3 năm 2020"],  # as scanned
)
def test_a_directive_signed_without_its_day_counts_from_its_month(date_line: str) -> None:
    """ "ngày    tháng 3 năm 2020": the day was never filled in. The January date of a letter it
    cites is no meeting: deadlines count from the first of March, and the officer is told."""
    draft = read_directive(
        "\n\n".join(
            [
                "THỦ TƯỚNG CHÍNH PHỦ",
                date_line,
                "CHỈ THỊ",
                "Về các nhiệm vụ, giải pháp cấp bách tháo gỡ khó khăn cho sản xuất kinh doanh",
                "1. Các bộ, cơ quan trung ương và địa phương quán triệt chỉ đạo tại Công văn số"
                " 79-CV/TW ngày 30 tháng 01 năm 2020.",
                "2. Bộ Công Thương báo cáo Thủ tướng Chính phủ trước ngày 20 hằng tháng.",
            ]
        ).encode(),
        "ct.txt",
        catalogue=Catalogue([]),
    )
    assert draft.meta.issued_on == dt.date(2020, 3, 1)
    assert [t.deadline.date for t in draft.tasks] == [None, dt.date(2020, 3, 20)]
    assert "chỉ ghi tháng 03/2020" in draft.warnings[0].message_vi


def directive(date_line: str, opening: str = "") -> bytes:
    """A short official letter whose date line (and first body paragraph) the test chooses."""
    return "\n\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "Số: 125/UBND-TH",
            date_line,
            "Kính gửi: Sở Tài chính; Sở Y tế.",
            opening or "Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện như sau:",
            "1. Sở Tài chính rà soát kinh phí, báo cáo UBND tỉnh trong 10 ngày làm việc.",
            "2. Sở Y tế hoàn thành trước ngày 30/6/2023.",
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
        ]
    ).encode("utf-8")


@pytest.mark.parametrize("year", ["3023", "0001", "1023", "9999"])
def test_a_date_line_with_an_impossible_year_is_no_issue_date(year: str) -> None:
    """A slip in the date line's year ("năm 3023" for 2023) is no issue date to count deadlines
    from: the importer asks for the issue date, as for a letter that gives none."""
    data = directive(f"Đà Lạt, ngày 15 tháng 3 năm {year}")
    with pytest.raises(UnreadableDocument) as refused:
        read_directive(data, "cong-van.txt", catalogue=CATALOGUE)
    assert refused.value.reason_code == "no_issue_date"
    draft = read_directive(
        data, "cong-van.txt", catalogue=CATALOGUE, issued_on=dt.date(2023, 3, 15)
    )
    assert [task.deadline.date for task in draft.tasks] == [
        dt.date(2023, 3, 29),
        dt.date(2023, 6, 30),
    ]


def test_a_meeting_date_with_an_impossible_year_is_no_reference() -> None:
    """Without a date line, a meeting date in year 9999 is not taken as the reference that
    "trong 10 ngày làm việc" counts from: the importer asks for the issue date."""
    data = directive(
        "Đà Lạt, ngày    tháng    năm",
        "Ngày 05 tháng 01 năm 9999, UBND tỉnh tổ chức họp; yêu cầu các cơ quan như sau:",
    )
    with pytest.raises(UnreadableDocument) as refused:
        read_directive(data, "cong-van.txt", catalogue=CATALOGUE)
    assert refused.value.reason_code == "no_issue_date"


def test_a_blank_day_date_line_with_an_impossible_year_is_no_reference() -> None:
    """ "ngày    tháng 3 năm 3023" (day left blank, year mistyped) is no month to count from."""
    data = directive("Đà Lạt, ngày    tháng 3 năm 3023")
    with pytest.raises(UnreadableDocument) as refused:
        read_directive(data, "cong-van.txt", catalogue=CATALOGUE)
    assert refused.value.reason_code == "no_issue_date"


def test_sample_january_tasks_of_the_planning_department(sample: DirectiveDraft) -> None:
    january = [t for t in sample.tasks if t.text.startswith("Sở Kế hoạch và Đầu tư")]
    assert len(january) == 2
    for task in january:
        assert task.lead is not None and task.lead.display == "Sở Tài chính"
        assert task.lead.written == "Sở Kế hoạch và Đầu tư"
        assert task.deadline.date == dt.date(2023, 1, 31)
        assert task.deadline.phrase == "hoàn thành trong tháng 01/2023"
        assert not task.inherited
    assert [lead_key(m) for m in january[0].cooperating] == ["group:all_departments"]


def test_sample_section_four_inherits_january(sample: DirectiveDraft) -> None:
    for start, lead in [
        ("Tiếp tục đề cao cảnh giác", "Sở Y tế"),
        ("Thực hiện tốt các bước", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Các sở ngành và UBND các huyện, thành phố", "group:all_departments+all_districts"),
        ("Yêu cầu các chủ đầu tư", "group:all_investors"),
    ]:
        task = find(sample, start)
        assert lead_key(task.lead) == lead
        assert task.deadline.date == dt.date(2023, 1, 31)
        assert task.inherited
    covid = find(sample, "Tiếp tục đề cao cảnh giác")
    assert "Covid-19" in covid.text and "Sở Y tế xem xét" in covid.text


def test_sample_first_quarter_after_tet(sample: DirectiveDraft) -> None:
    task = find(sample, "Ngay sau kỳ nghỉ Tết")
    assert task.deadline.date == dt.date(2023, 3, 31)
    assert task.deadline.kind == "quarter"
    assert not task.inherited


def test_sample_ongoing_tasks(sample: DirectiveDraft) -> None:
    for start in ("Thứ hai, thường xuyên kiểm tra, giám sát", "Tổ Công tác của Chủ tịch UBND"):
        task = find(sample, start)
        assert task.deadline.date is None
        assert task.deadline.kind == "ongoing"
    team = find(sample, "Tổ Công tác của Chủ tịch UBND")
    assert team.lead is not None and team.lead.written.endswith("(Tổ 770)")
    assert team.unknown_agencies == ["Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)"]


def test_sample_skips_attendance_thanks_footnotes_recipients(sample: DirectiveDraft) -> None:
    texts = " ".join(t.text for t in sample.tasks)
    for absent in (
        "thành phần tham dự",
        "trân trọng cảm ơn",
        "Giấy mời",
        "Vắng",
        "Thường trực Tỉnh ủy",
        "Lưu: VT",
        "ghi nhận",
        "thông báo ý kiến kết luận",
        "Bám sát phương châm",  # section 2: viewpoints, not tasks
        "Quyết tâm thực hiện hoàn thành tốt",  # section 1: goals
    ):
        assert absent not in texts, absent
    assert all(len(t.summary) <= 120 for t in sample.tasks)


def test_sample_summaries_drop_the_agency(sample: DirectiveDraft) -> None:
    assert find(sample, "Sở Kế hoạch và Đầu tư khẩn trương").summary.startswith(
        "Khẩn trương trình phê duyệt Kế hoạch phát triển kinh tế - xã hội"
    )
    assert find(sample, "Thực hiện tốt các bước").summary.startswith(
        "Tập trung triển khai các mặt công tác"
    )


def test_sample_json_shape(sample: DirectiveDraft) -> None:
    data = draft_to_json(sample)
    assert set(data) == {"directive", "tasks"}
    assert set(data["directive"]) == {"number", "kind", "title", "issued_on", "signer"}
    assert data["directive"]["kind"] == "Thông báo kết luận"
    assert data["directive"]["issued_on"] == "2023-01-05"
    for task in data["tasks"]:
        assert set(task) == {
            "text",
            "summary",
            "lead",
            "cooperating",
            "deadline",
            "deadline_text",
            "recurrence",
            "inherited",
            "unknown_agencies",
            "other_deadlines",
        }
    january = [t for t in data["tasks"] if t["text"].startswith("Sở Kế hoạch và Đầu tư")]
    assert [t["lead"] for t in january] == ["Sở Tài chính", "Sở Tài chính"]
    assert january[0]["deadline"] == "2023-01-31"
    json.dumps(data, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Labelled documents of other provinces and ministries.
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_labelled_document(expected_path: Path) -> None:
    expected, draft = load(expected_path)
    directive = draft_to_json(draft)["directive"]
    for field, value in expected["directive"].items():
        assert directive[field] == value, field
    matched, labelled, found = scores(expected["tasks"], draft.tasks)
    missed = KNOWN_MISSES.get(expected["file"], 0)
    assert matched == labelled - missed, [task_key(t) for t in draft.tasks]
    assert found == matched, [task_key(t) for t in draft.tasks]
    # The finer labels: the kind of deadline and whether it came from a heading.
    for label in expected["tasks"]:
        same = [t for t in draft.tasks if t.text.startswith(label["starts"])]
        if not same:
            continue
        task = same[0]
        if "kind" in label:
            assert task.deadline.kind == label["kind"], label
        if "inherited" in label:
            assert task.inherited == label["inherited"], label


def test_measured_recall_and_precision() -> None:
    matched = labelled = found = 0
    for path in EXPECTED:
        expected = json.loads(path.read_text(encoding="utf-8"))
        _expected, draft = load(path)
        m, lab, f = scores(expected["tasks"], draft.tasks)
        matched, labelled, found = matched + m, labelled + lab, found + f
    recall, precision = matched / labelled, matched / found
    print(f"\ntasks: recall {recall:.1%} ({matched}/{labelled}), precision {precision:.1%}")
    assert recall >= 0.9
    assert precision >= 0.85


# Floors for the blind sets: their measured recall and precision, rounded down to the whole
# percent, minus two points. They were written by people who never saw the importer, but their
# misses have been read while writing rules, so they are regression guards, not measures; the
# held-out set (tests/data/heldout_documents) gets no guard: it is only ever measured.
BLIND_FLOORS = {"blind_documents": (0.89, 0.89), "blind2_documents": (0.82, 0.77)}


@pytest.mark.parametrize("folder", sorted(BLIND_FLOORS))
def test_blind_sets_do_not_fall(folder: str) -> None:
    rows = bench_import.free_text_set(folder)
    matched = sum(score[0] for _name, score, _ms in rows)
    labelled = sum(score[1] for _name, score, _ms in rows)
    found = sum(score[2] for _name, score, _ms in rows)
    recall_floor, precision_floor = BLIND_FLOORS[folder]
    assert matched / labelled >= recall_floor, f"recall {matched}/{labelled}"
    assert matched / found >= precision_floor, f"precision {matched}/{found}"


def test_plan_as_docx_gives_the_same_tasks() -> None:
    expected_path = DOCUMENTS / "ke-hoach-lai-chau-1367-2023.expected.json"
    expected, from_text = load(expected_path)
    data = docx_from_text((DOCUMENTS / expected["file"]).read_text(encoding="utf-8"))
    draft = read_directive(data, "ke-hoach.docx", catalogue=catalogue_of(expected["catalogue"]))
    assert [task_key(t) for t in draft.tasks] == [task_key(t) for t in from_text.tasks]
    assert draft.meta.number == "1367/KH-UBND"


def test_plan_as_text_pdf_gives_the_same_tasks() -> None:
    """A PDF keeps no table: its rows come back from where their text stands on the page."""
    expected_path = DOCUMENTS / "ke-hoach-lai-chau-1367-2023.expected.json"
    expected, from_text = load(expected_path)
    lines: list[str] = []
    for paragraph in (DOCUMENTS / expected["file"]).read_text(encoding="utf-8").split("\n"):
        if " | " not in paragraph:
            lines.extend(textwrap.wrap(paragraph, 90) or [])
            continue
        # Each cell wrapped within its column; the lines below a row carry on its cells.
        cells = [textwrap.wrap(cell.strip(), 20) or [""] for cell in paragraph.split(" | ")]
        for depth in range(max(len(cell) for cell in cells)):
            lines.append("\t".join(cell[depth] if depth < len(cell) else "" for cell in cells))
    # Pages with a running head and a number; the table runs on from one page to the next.
    pages = [
        ["UBND TỈNH LAI CHÂU - KẾ HOẠCH 1367/KH-UBND", *lines[start : start + 40], f"- {n} -"]
        for n, start in enumerate(range(0, len(lines), 40), start=1)
    ]
    draft = read_directive(
        make_pdf(pages), "ke-hoach.pdf", catalogue=catalogue_of(expected["catalogue"])
    )
    assert [task_key(t) for t in draft.tasks] == [task_key(t) for t in from_text.tasks]


def test_letter_as_text_pdf_gives_the_same_tasks() -> None:
    expected_path = DOCUMENTS / "cong-van-vpcp-3348-2015.expected.json"
    expected, from_text = load(expected_path)
    text = (DOCUMENTS / expected["file"]).read_text(encoding="utf-8")
    pages = pdf_pages_from_text(text, per_page=8, header="VĂN PHÒNG CHÍNH PHỦ - 3348/VPCP-KGVX")
    draft = read_directive(
        make_pdf(pages), "cong-van.pdf", catalogue=catalogue_of(expected["catalogue"])
    )
    assert [task_key(t) for t in draft.tasks] == [task_key(t) for t in from_text.tasks]
    assert draft.meta.number == "3348/VPCP-KGVX"
    assert draft.meta.issued_on == dt.date(2015, 5, 12)


@pytest.mark.parametrize(
    ("pdf", "text"),
    [
        ("ke-hoach-lai-chau-1367-2023.pdf", DOCUMENTS / "ke-hoach-lai-chau-1367-2023.txt"),
        ("cong-van-vpcp-3348-2015.pdf", DOCUMENTS / "cong-van-vpcp-3348-2015.txt"),
        ("thong-bao-ket-luan-2023.pdf", SAMPLE),
    ],
)
def test_a_word_processors_pdf_gives_the_same_tasks_as_its_text(pdf: str, text: Path) -> None:
    """PDFs LibreOffice made (tests/data/pdf/make_pdfs.py): Word's symbol-font bullets, a table
    whose headings wrap and whose rows run over a page, footnotes at the foot of the page with
    their numbers set as plain digits ("năm 20221.")."""
    catalogue = (
        SAMPLE_CATALOGUE
        if text == SAMPLE
        else catalogue_of(
            json.loads(text.with_suffix(".expected.json").read_text(encoding="utf-8"))["catalogue"]
        )
    )
    from_text = read_directive(text.read_bytes(), text.name, catalogue=catalogue)
    from_pdf = read_directive((PDFS / pdf).read_bytes(), pdf, catalogue=catalogue)
    assert [task_key(t) for t in from_pdf.tasks] == [task_key(t) for t in from_text.tasks]
    assert [t.text for t in from_pdf.tasks] == [t.text for t in from_text.tasks]
    assert from_pdf.meta.issued_on == from_text.meta.issued_on


def test_the_sample_typed_in_tcvn3_fonts_gives_the_same_tasks() -> None:
    """The sample as an office that never left the ".VnTime" fonts types it: every line in
    TCVN3's codes, the capitals that font lacks in ".VnTimeH"."""
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    in_unicode, in_tcvn3 = make_document(), make_document()
    for line in lines:
        in_unicode.add_paragraph(line)
        paragraph = in_tcvn3.add_paragraph()
        for code, font in tcvn3_runs(line):
            paragraph.add_run(code).font.name = font
    drafts = []
    for document in (in_unicode, in_tcvn3):
        out = io.BytesIO()
        document.save(out)
        drafts.append(read_directive(out.getvalue(), "tb.docx", catalogue=SAMPLE_CATALOGUE))
    unicode_draft, tcvn3_draft = drafts
    assert len(tcvn3_draft.tasks) >= 8
    assert [task_key(t) for t in tcvn3_draft.tasks] == [task_key(t) for t in unicode_draft.tasks]
    assert [t.text for t in tcvn3_draft.tasks] == [t.text for t in unicode_draft.tasks]
    assert tcvn3_draft.meta == unicode_draft.meta


def test_text_copied_from_a_pdf_with_its_layout_gives_the_plans_table() -> None:
    """What "pdftotext -layout" (or pypdf's layout mode) writes: columns set apart by spaces,
    a cell's words wrapped over several lines, pages cut by form feeds."""
    expected_path = DOCUMENTS / "ke-hoach-lai-chau-1367-2023.expected.json"
    expected, from_text = load(expected_path)
    reader = PdfReader(PDFS / "ke-hoach-lai-chau-1367-2023.pdf")
    text = "\f".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    assert "Sở Nông         " in text  # the columns are there, as spaces
    draft = read_directive(
        text.encode("utf-8"), "ke-hoach.txt", catalogue=catalogue_of(expected["catalogue"])
    )
    assert [task_key(t) for t in draft.tasks] == [task_key(t) for t in from_text.tasks]


def test_a_letterhead_typed_as_a_table_gives_the_letters_particulars() -> None:
    """Offices lay the letterhead out in a two-column table (issuer, number and subject on the
    left; motto, place and date on the right): as .docx, and as the PDF LibreOffice made of it."""
    expected_path = DOCUMENTS / "cong-van-vpcp-3348-2015.expected.json"
    expected, from_text = load(expected_path)
    catalogue = catalogue_of(expected["catalogue"])
    text = (DOCUMENTS / expected["file"]).read_text(encoding="utf-8")
    as_docx = read_directive(docx_with_letterhead_table(text), "cv.docx", catalogue=catalogue)
    as_pdf = read_directive(
        (PDFS / "cong-van-vpcp-3348-2015-letterhead.pdf").read_bytes(),
        "cv.pdf",
        catalogue=catalogue,
    )
    for draft in (as_docx, as_pdf):
        assert draft.meta.number == "3348/VPCP-KGVX"
        assert draft.meta.issued_on == dt.date(2015, 5, 12)
        assert draft.meta.issuer == "VĂN PHÒNG CHÍNH PHỦ"
        assert draft.meta.title == from_text.meta.title
        assert draft.meta.signer == from_text.meta.signer
        assert [task_key(t) for t in draft.tasks] == [task_key(t) for t in from_text.tasks]


def test_footnotes_of_a_word_processors_pdf_are_set_aside_and_their_marks_dropped() -> None:
    document = extract_text((PDFS / "thong-bao-ket-luan-2023.pdf").read_bytes(), "tb.pdf")
    assert sorted(document.footnotes, key=int) == [str(n) for n in range(1, 10)]
    assert document.footnotes["1"] == "Giấy mời Số 1347/GM-UBND ngày 29/12/2022."
    # Note 5 sits on the page after its mark, which ends the page above.
    assert document.footnotes["5"] == "Vắng: Hòn Đất, Kiên Lương, Hà Tiên, Kiên Hải."
    assert document.paragraphs[2].endswith("điều hành của UBND tỉnh năm 2022.")
    assert not any("Giấy mời" in paragraph for paragraph in document.paragraphs)
    # A superscript mark inside a line ends PDFium's line; the line's rest stays in place.
    assert "điểm cầu cấp huyện; (ii) cấp xã gồm" in document.paragraphs[3]


# --------------------------------------------------------------------------------------------
# Rules on small texts.
# --------------------------------------------------------------------------------------------

CATALOGUE = Catalogue(
    [
        CatalogueEntry("Sở Tài chính", aliases=("Sở Kế hoạch và Đầu tư",)),
        CatalogueEntry("Sở Y tế"),
        CatalogueEntry("Sở Nội vụ"),
        CatalogueEntry("Công an tỉnh"),
    ]
)
ISSUED = dt.date(2024, 3, 1)


def tasks_of(*paragraphs: str, addressee: list[AgencyMention] | None = None) -> list[TaskDraft]:
    return extract_tasks(
        Document(list(paragraphs)), catalogue=CATALOGUE, issued_on=ISSUED, addressee=addressee
    )


def test_giao_chu_tri_phoi_hop() -> None:
    (task,) = tasks_of(
        "Ý kiến chỉ đạo như sau:",
        "1. Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh và Sở Nội vụ kiểm tra an toàn thực "
        "phẩm, báo cáo UBND tỉnh trước ngày 15/3/2024.",
    )
    assert lead_key(task.lead) == "Sở Y tế"
    assert [lead_key(m) for m in task.cooperating] == ["Công an tỉnh", "Sở Nội vụ"]
    assert task.deadline.date == dt.date(2024, 3, 15)
    assert task.summary.startswith("Kiểm tra an toàn thực phẩm")


def test_a_list_before_chu_tri_leads_from_its_first_member() -> None:
    (listed, reported) = tasks_of(
        "1. Giao các Bộ: Tài chính, Tư pháp chủ trì, phối hợp với Bộ Công Thương hoàn thiện dự "
        "thảo, trình Thủ tướng Chính phủ trước ngày 15/3/2024.",
        # Whose reports it draws on are no part of it.
        "2. Trên cơ sở báo cáo của các cơ quan, đơn vị, Sở Nội vụ chủ trì tham mưu kế hoạch.",
    )
    assert listed.lead is not None and listed.lead.written == "Bộ Tài chính"
    assert [m.written for m in listed.cooperating] == ["Bộ Tư pháp", "Bộ Công Thương"]
    assert lead_key(reported.lead) == "Sở Nội vụ"


def test_agency_heading_gives_its_items_a_lead_and_a_dated_heading_a_deadline() -> None:
    tasks = tasks_of(
        "Chủ tịch UBND tỉnh yêu cầu:",
        "1. Nhiệm vụ trọng tâm quý II/2024",
        "a) Sở Y tế có trách nhiệm:",
        "- Rà soát danh mục thuốc;",
        "- Báo cáo kết quả trước ngày 20/4/2024.",
        "b) Công an tỉnh tăng cường tuần tra.",
    )
    assert [(lead_key(t.lead), t.deadline.date, t.inherited) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 6, 30), True),
        ("Sở Y tế", dt.date(2024, 4, 20), False),
        ("Công an tỉnh", dt.date(2024, 6, 30), True),
    ]


def test_items_announced_by_a_bullet_nest_under_it_whatever_their_marker() -> None:
    # "(1)" ranks above "-" in most documents; here a bullet announces them, so they are its.
    tasks = tasks_of(
        "Để tổ chức tốt Hội nghị, Chủ tịch UBND tỉnh chỉ đạo:",
        "- Sở Y tế thực hiện các nhiệm vụ sau:",
        "(1) Bố trí lực lượng y tế tại hội trường trước ngày 15/3/2024.",
        "(2) Kiểm tra an toàn thực phẩm các bữa ăn.",
        "- Công an tỉnh bảo đảm an ninh, trật tự khu vực Hội nghị.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 15)),
        ("Sở Y tế", None),
        ("Công an tỉnh", None),
    ]


def test_a_notice_without_addressees_asks_whom_its_closing_line_tells_to_act() -> None:
    tasks = tasks_of(
        "Phó Thủ tướng Chính phủ đã kết luận như sau:",
        "1. Rà soát, xây dựng kế hoạch đầu tư công trung hạn, hoàn thành trong tháng 3/2024.",
        "2. Sở Y tế kiểm tra an toàn thực phẩm dịp lễ hội.",
        "Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Phú Thọ và các Bộ, cơ quan liên "
        "quan biết, thực hiện./.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Ủy ban nhân dân tỉnh Phú Thọ", dt.date(2024, 3, 31)),
        ("Sở Y tế", None),
    ]
    assert tasks[0].unknown_agencies[0] == "Ủy ban nhân dân tỉnh Phú Thọ"


def test_only_the_notices_own_closing_line_says_whom_it_asks() -> None:
    # The closing names no agency; an item that tells others of something is no closing line.
    tasks = tasks_of(
        "Chủ tịch UBND tỉnh kết luận như sau:",
        "1. Giao Sở Y tế thông báo cho UBND các huyện biết, thực hiện.",
        "2. Rà soát, hoàn thiện hồ sơ dự án, hoàn thành trong tháng 3/2024.",
        "Văn phòng UBND tỉnh thông báo ý kiến kết luận của Chủ tịch UBND tỉnh để các cơ quan, "
        "đơn vị liên quan biết, thực hiện./.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", None),
        (None, dt.date(2024, 3, 31)),
    ]


def test_a_list_of_ministries_under_one_head_word_leads_its_item() -> None:
    tasks = tasks_of(
        "Thủ tướng Chính phủ yêu cầu:",
        "1. Các Bộ Quốc phòng, Công an: Chỉ đạo các đơn vị trực thuộc huy động tối đa lực "
        "lượng, phương tiện tìm kiếm cứu nạn.",
        "2. Các Sở Y tế, Nội vụ tăng cường kiểm tra, báo cáo trước ngày 20/3/2024.",
    )
    assert [(t.lead and t.lead.written, [m.written for m in t.cooperating]) for t in tasks] == [
        ("Bộ Quốc phòng", ["Bộ Công an"]),
        ("Sở Y tế", ["Sở Nội vụ"]),
    ]


def test_a_later_sentence_giving_work_to_another_is_a_task_of_its_own() -> None:
    # "Giao" ranks first in one sentence, not over the item's first sentence and its actor.
    tasks = tasks_of(
        "Chủ tịch UBND tỉnh yêu cầu:",
        "1. Sở Y tế cấp phát thuốc, vật tư cho các địa phương bị ngập lụt, hoàn thành trong ngày "
        "05/3/2024. Giao Công an tỉnh chỉ đạo tổ chức vận chuyển thuốc đến cho Nhân dân.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 5)),
        ("Công an tỉnh", None),
    ]


def test_an_item_that_opens_by_saying_what_an_agency_is_gives_its_work_to_the_next() -> None:
    # "Sở Y tế là chủ đầu tư": no work of its own to split off from the "Giao ..." after it.
    (task,) = tasks_of(
        "Chủ tịch UBND tỉnh kết luận như sau:",
        "1. Về dự án Bệnh viện đa khoa tỉnh: Sở Y tế là chủ đầu tư dự án. Giao Sở Tài chính bố "
        "trí vốn, hoàn thành trước ngày 30/4/2024.",
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Tài chính", dt.date(2024, 4, 30))


def test_a_heading_numbered_in_two_parts_is_not_cut_after_its_first() -> None:
    tasks = tasks_of(
        "1. Nhiệm vụ của thành viên Ban Chỉ đạo",
        "1.1. Công an tỉnh",
        "- Bảo đảm an ninh tại các điểm kiểm kê.",
        "1.2. Sở Y tế - Cơ quan thường trực",
        "- Tổng hợp kết quả, báo cáo trước ngày 15/4/2024.",
        "1.3. Về thời gian kiểm kê:",
        "- Thành lập Tổ kiểm kê trước ngày 30/4/2024.",
    )
    # Read as "1." and "2. Sở Y tế", the heading would stand over "1.3." and lend it its agency.
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Công an tỉnh", None),
        ("Sở Y tế", dt.date(2024, 4, 15)),
        (None, dt.date(2024, 4, 30)),
    ]


def test_work_that_gives_out_a_part_of_itself_is_the_headings_agencys() -> None:
    (task,) = tasks_of(
        "2. Sở Y tế:",
        "- Tham mưu triển khai kế hoạch và phân công nhiệm vụ cho Công an tỉnh, hoàn thành trong "
        "tháng 4/2024.",
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 4, 30))
    assert [lead_key(m) for m in task.cooperating] == ["Công an tỉnh"]


def test_giao_without_its_accents_is_not_the_giving_out() -> None:
    # "giáo viên" folds to "giao viên": no giving out; the agency after it acts on its own.
    (task,) = tasks_of(
        "2. Sở Nội vụ:",
        "- Rà soát đội ngũ giáo viên; Sở Y tế hướng dẫn công tác y tế trường học trước ngày "
        "30/4/2024.",
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 4, 30))


def test_an_opening_that_says_when_the_work_below_is_done_dates_its_items() -> None:
    tasks = tasks_of(
        "Các cơ quan khẩn trương thực hiện công tác bàn giao mặt bằng, hoàn thành dứt điểm trong "
        "tháng 04 năm 2024 để thực hiện Dự án:",
        "- Sở Y tế thực hiện bàn giao 02 cơ sở nhà, đất đang quản lý.",
        "- Công an tỉnh thực hiện bàn giao 01 cơ sở nhà, đất cho Sở Nội vụ.",
    )
    assert [(lead_key(t.lead), t.deadline.date, t.inherited) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 30), True),
        ("Công an tỉnh", dt.date(2024, 4, 30), True),
    ]


def test_an_opening_that_recalls_a_date_gone_by_does_not_date_its_items() -> None:
    tasks = tasks_of(
        "Kế hoạch số 45/KH-UBND yêu cầu hoàn thành trước ngày 31/12/2023, nhưng đến nay nhiều "
        "đơn vị chưa thực hiện. Chủ tịch UBND tỉnh yêu cầu:",
        "1. Sở Y tế rà soát danh mục tài sản công.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [("Sở Y tế", None)]


def test_work_after_its_basis_under_an_agencys_heading_is_that_agencys() -> None:
    (task,) = tasks_of(
        "V. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế",
        "Căn cứ tình hình thực tế của địa phương và nội dung được giao, xây dựng kế hoạch triển "
        "khai thực hiện.",
    )
    assert lead_key(task.lead) == "Sở Y tế"


def test_the_agency_directed_before_a_colon_does_the_work_after_it() -> None:
    # A People's Council's resolution, no one above to direct it.
    (task,) = tasks_of(
        "1. Về lĩnh vực y tế:",
        "- Chỉ đạo Sở Y tế: Thường xuyên kiểm tra an toàn thực phẩm, báo cáo trước ngày 30/6/2024.",
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 6, 30))


def test_a_heading_of_duties_names_those_its_items_are_for() -> None:
    tasks = tasks_of(
        "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:",
        "- Thành lập Tổ kiểm kê trước ngày 30/4/2024.",
        "1.6. Trách nhiệm của các cơ quan quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở "
        "hữu):",
        "- Tổng hợp kết quả kiểm kê, báo cáo trước ngày 15/5/2024.",
    )
    assert [(t.lead and t.lead.written, t.deadline.date) for t in tasks] == [
        ("đối tượng thực hiện kiểm kê", dt.date(2024, 4, 30)),
        ("các cơ quan quản lý cấp trên", dt.date(2024, 5, 15)),
    ]


def test_a_heading_of_an_agencys_duties_names_it_in_any_of_the_usual_words() -> None:
    tasks = tasks_of(
        "1. Nhiệm vụ của Sở Y tế:",
        "- Kiểm tra các cơ sở khám bệnh, hoàn thành trước ngày 30/9/2024.",
        "2. Về phía Sở Nội vụ",
        "- Rà soát biên chế, hoàn thành trong tháng 6/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 9, 30)),
        ("Sở Nội vụ", dt.date(2024, 6, 30)),
    ]


def test_praise_then_a_request_in_one_sentence_gives_the_request() -> None:
    tasks = tasks_of(
        "Phát biểu kết luận, đồng chí Phó Chủ tịch UBND tỉnh ghi nhận những kết quả huyện Vị Xuyên"
        " đạt được, đồng thời đề nghị UBND huyện Vị Xuyên hoàn thiện hồ sơ trước ngày 15.11.2024.",
    )
    assert [(t.lead and t.lead.written, t.deadline.date) for t in tasks] == [
        ("UBND huyện Vị Xuyên", dt.date(2024, 11, 15))
    ]


def test_those_who_help_are_listed_after_phoi_hop_without_voi() -> None:
    (task,) = tasks_of(
        "1. Phòng Quản lý đô thị chủ trì, phối hợp Đội Thanh tra xây dựng, Công an huyện xây dựng"
        " kế hoạch cưỡng chế các công trình vi phạm, trình UBND huyện trong tháng 4/2024.",
    )
    assert task.lead is not None and task.lead.written == "Phòng Quản lý đô thị"
    assert [m.written for m in task.cooperating] == ["Đội Thanh tra xây dựng", "Công an huyện"]
    assert task.deadline.date == dt.date(2024, 4, 30)


def test_an_item_that_directs_others_is_the_work_of_the_agency_above_it() -> None:
    (task,) = tasks_of(
        "1. UBND các huyện Núi Thành, Thăng Bình:",
        "- Tập trung chỉ đạo các Trung tâm Phát triển quỹ đất hoàn thành việc kiểm kê, xong trước"
        " ngày 30/6/2024.",
    )
    assert task.lead is not None and task.lead.written == "UBND các huyện Núi Thành, Thăng Bình"
    assert task.deadline.date == dt.date(2024, 6, 30)


def test_a_thing_done_before_named_in_a_request_does_not_make_it_a_report() -> None:
    (task,) = tasks_of(
        "Kết luận như sau:",
        "1. Trung tâm Phát triển quỹ đất huyện khẩn trương rà soát, quản lý chặt chẽ quỹ đất công"
        " đã thu hồi, không để bị lấn chiếm.",
    )
    assert task.lead is not None and task.lead.written == "Trung tâm Phát triển quỹ đất huyện"
    assert task.deadline.date is None


def test_an_item_due_in_a_later_year_does_not_take_its_sections_year() -> None:
    tasks = tasks_of(
        "1. UBND thành phố Hạ Long tập trung hoàn thành các chỉ tiêu năm 2024, trong đó cần lưu ý"
        " một số nội dung sau:",
        "a) Cải tạo hệ thống thoát nước, hoàn thành trước mùa mưa năm 2025.",
        "b) Rà soát các dự án chậm tiến độ.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("UBND thành phố Hạ Long", None),
        ("UBND thành phố Hạ Long", dt.date(2024, 12, 31)),
    ]


def test_heads_of_departments_listed_after_a_colon_answer_for_the_work_and_get_none() -> None:
    tasks = tasks_of(
        "1. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo trước ngày 30/4/2024.",
        "2. Giám đốc các sở: Xây dựng, Tài nguyên và Môi trường và Chủ tịch UBND thành phố Đà Lạt"
        " chịu trách nhiệm trước Chủ tịch UBND tỉnh về tiến độ thực hiện các nhiệm vụ được giao.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_a_heading_that_only_asks_its_agencies_gives_each_item_as_a_task() -> None:
    tasks = tasks_of(
        "IV. PHÂN CÔNG NHIỆM VỤ",
        "11. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội:",
        "- Xây dựng kế hoạch cụ thể phân phối hàng hóa cứu trợ.",
        "- Tăng cường tuyên truyền ý nghĩa cuộc vận động.",
    )
    assert [(t.lead and t.lead.written, t.text) for t in tasks] == [
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "Xây dựng kế hoạch cụ thể phân phối hàng hóa cứu trợ.",
        ),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tăng cường tuyên truyền ý nghĩa cuộc vận động."),
    ]


def test_a_party_letter_asks_its_committees() -> None:
    tasks = tasks_of(
        "Đảng ủy Chính phủ yêu cầu các Đảng ủy trực thuộc thực hiện một số nội dung như sau:",
        "- Chỉ đạo triển khai thực hiện tốt các hoạt động kỷ niệm.",
        "- Tăng cường tuyên truyền các phong trào thi đua, báo cáo trước ngày 30/4/2024.",
    )
    assert [(t.lead and t.lead.written, t.deadline.date) for t in tasks] == [
        ("các Đảng ủy trực thuộc", None),
        ("các Đảng ủy trực thuộc", dt.date(2024, 4, 30)),
    ]


def test_work_handed_on_with_its_own_deadline_is_the_next_agency_task() -> None:
    tasks = tasks_of(
        "Giao Sở Y tế hoàn thiện hồ sơ, gửi về Sở Tài chính trước ngày 20/3/2024 để Sở thẩm "
        "định, trình UBND tỉnh trước ngày 10/4/2024.",
        "Riêng Công an tỉnh khẩn trương báo cáo, gửi về Sở Nội vụ trước ngày 15/3/2024 để "
        "UBND tỉnh xem xét trước ngày 30/3/2024.",
        "Tất cả các sở, ban, ngành; Báo cáo kịp thời những vấn đề phát sinh, gửi UBND tỉnh "
        "trước ngày 16/02/2024.",
        "UBND các huyện báo cáo kết quả qua Sở Giáo dục và Đào tạo trước ngày 10/3/2024 để tổng "
        "hợp, báo cáo UBND tỉnh trước ngày 18/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 20)),
        # "Sở" is the Sở the work was sent to.
        ("Sở Tài chính", dt.date(2024, 4, 10)),
        # The body that issued the directive is not given a task of its own.
        ("Công an tỉnh", dt.date(2024, 3, 15)),
        ("group:all_departments", dt.date(2024, 2, 16)),
        ("group:all_districts", dt.date(2024, 3, 10)),
        # Whoever the reports go through compiles them.
        ("Sở Giáo dục và Đào tạo", dt.date(2024, 3, 18)),
    ]
    assert tasks[1].text == "Để Sở thẩm định, trình UBND tỉnh trước ngày 10/4/2024."


def test_recipients_list_ends_the_body_even_when_a_scan_lost_its_marks() -> None:
    tasks = tasks_of(
        "1. Sở Y tế báo cáo trước ngày 20/3/2024.",
        "Noi nhận: THỦ TƯỚNG",
        "- Sở Nội vụ;",
        "- Công an tỉnh;",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_a_heading_in_capitals_is_not_a_task_and_a_listed_ministry_cooperates() -> None:
    tasks = tasks_of(
        "Chủ tịch UBND tỉnh yêu cầu Công an tỉnh:",
        "1. TINH THẦN CHỈ ĐẠO",
        "1. Quán triệt sâu sắc tinh thần chỉ đạo của Thủ tướng Chính phủ.",
        "2. NHIỆM VỤ CỤ THỂ",
        "a) Sở Y tế:",
        "- Chủ trì, phối hợp với các Sở: Nội vụ, Tài chính rà soát trong tháng 3/2024.",
    )
    assert [(lead_key(t.lead), [lead_key(c) for c in t.cooperating]) for t in tasks] == [
        ("Công an tỉnh", []),
        ("Sở Y tế", ["Sở Nội vụ", "Sở Tài chính"]),
    ]
    assert tasks[0].text.startswith("Quán triệt")


def test_a_news_opening_that_gives_a_dated_order_is_a_task_unless_the_body_repeats_it() -> None:
    opening = (
        "Ngày 01/3/2024, Văn phòng UBND tỉnh ban hành Văn bản số 404/VPUBND, giao Sở Y tế "
        "trả lời đơn của công dân; báo cáo UBND tỉnh trong 10 ngày làm việc."
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks_of(opening)] == [
        ("Sở Y tế", dt.date(2024, 3, 15))
    ]
    repeated = tasks_of(
        opening,
        "Theo đó, UBND tỉnh giao Sở Y tế trả lời đơn, báo cáo trong 10 ngày làm việc.",
    )
    assert [t.text[:8] for t in repeated] == ["Theo đó,"]


def test_the_closing_call_to_carry_it_all_out_is_not_a_task() -> None:
    tasks = tasks_of(
        "Giao Sở Y tế báo cáo trước ngày 20/3/2024.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các đơn vị phản ánh về "
        "Sở Nội vụ để được hướng dẫn./.",
        "UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố "
        "nghiêm túc triển khai thực hiện, đảm bảo tiến độ, chất lượng, hiệu quả theo quy định.",
        "Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thị xã, thành phố "
        "nghiêm túc triển khai thực hiện Chỉ thị này./.",
        "Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường; người "
        "đứng đầu các cơ quan, đơn vị, doanh nghiệp nghiêm túc tổ chức triển khai thực hiện./.",
        "Trên đây là thông báo về việc tháo băng rôn khi hết thời gian tuyên truyền, đề nghị các "
        "ban ngành liên quan, các tổ dân phố thực hiện tốt nội dung trong thông báo.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_the_words_that_sum_up_a_plan_at_its_end_are_no_task() -> None:
    """ "Trên đây là Kế hoạch ..." closes a plan or a directive: it asks those above to carry it
    out and offers help; work of its own, named or dated, is still a task."""
    tasks = tasks_of(
        "1. Sở Y tế báo cáo kết quả trước ngày 20/3/2024.",
        "Trên đây là Chỉ thị về tăng cường công tác quản lý, bảo vệ tài nguyên nước dưới đất, yêu"
        " cầu Giám đốc sở, Thủ trưởng cơ quan, ban, ngành có trách nhiệm tổ chức triển khai thực"
        " hiện nghiêm túc Chỉ thị này. Trong quá trình thực hiện có phát sinh khó khăn, vướng mắc"
        " thì kịp thời phản ánh về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét./.",
        "Trên đây là Kế hoạch giám sát, đánh giá Chương trình mục tiêu quốc gia giảm nghèo bền"
        " vững năm 2024. Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, đề nghị"
        " các cơ quan, đơn vị kịp thời phản ánh về Sở Nội vụ tổng hợp, báo cáo./.",
        "Trên đây là kế hoạch tổ chức phong trào thi đua thực hiện thành công cuộc bầu cử; các cơ"
        " quan, đơn vị, địa phương, doanh nghiệp nghiêm túc tổ chức, triển khai thực hiện./.",
        "Trên đây là Kế hoạch kiểm tra công tác cải cách hành chính năm 2024; giao Sở Nội vụ theo"
        " dõi, tổng hợp kết quả, báo cáo UBND tỉnh.",
        "Trên đây là Kế hoạch tuyên truyền; Công an tỉnh báo cáo kết quả trước ngày 30/11/2024.",
        "Trên đây là Kế hoạch triển khai Tháng hành động vì an toàn thực phẩm năm 2024, Ủy ban"
        " nhân dân tỉnh giao Sở Y tế chủ trì, hướng dẫn các địa phương thực hiện.",
        "Trên đây là Chỉ thị về phòng cháy, chữa cháy; Công an tỉnh có trách nhiệm theo dõi việc"
        " thực hiện Chỉ thị này.",
        "Trên đây là Công văn chỉ đạo của UBND tỉnh; đề nghị các cơ quan, đơn vị nghiêm túc triển"
        " khai thực hiện./.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 20)),
        ("Sở Nội vụ", None),
        ("Công an tỉnh", dt.date(2024, 11, 30)),
        ("Sở Y tế", None),
        ("Công an tỉnh", None),
    ]
    assert tasks[0].text == "Sở Y tế báo cáo kết quả trước ngày 20/3/2024."


def test_a_matter_handled_as_a_provision_says_is_no_task() -> None:
    """A guidance letter restates the rules: how a matter is handled, by the provision that governs
    it. Those it names, or a date, still make a task."""
    tasks = tasks_of(
        "Sở Y tế hướng dẫn như sau:",
        "a) Về điều kiện áp dụng chế độ ưu tiên: thực hiện theo quy định tại Thông tư 86/2013.",
        "b) Xử lý kết quả kiểm tra thực hiện theo quy định tại khoản 3 Điều 79 Luật Hải quan.",
        "c) Công an tỉnh thực hiện theo hướng dẫn tại Công văn số 12/SYT ngày 02/01/2024.",
        "đ) Kiểm tra, xử lý nghiêm các cơ sở vi phạm, thực hiện theo quy định tại Nghị định số"
        " 115/2018/NĐ-CP.",
        "d) Việc báo cáo thực hiện theo quy định tại Thông tư số 10/2022/TT-BYT, trước ngày"
        " 15/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Công an tỉnh", None),
        (None, None),
        (None, dt.date(2024, 3, 15)),
    ]


def test_work_given_after_a_list_of_who_attends_is_a_task() -> None:
    tasks = tasks_of(
        "Ngày 03/3, UBND tỉnh ban hành Kế hoạch kiểm tra và làm việc với Sở Y tế.",
        "Thành phần:",
        "Đ/c Lê Văn A – Phó Chủ tịch UBND tỉnh.",
        "Đại diện lãnh đạo Sở Nội vụ, Văn phòng UBND tỉnh.",
        "Giao Sở Y tế chuẩn bị báo cáo về các nội dung trên.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]
    # Under a report's results, "Giao ..." tells what was given, and done.
    report = read_directive(
        "\n\n".join(
            [
                "BÁO CÁO",
                "Kết quả thực hiện nhiệm vụ quý I năm 2024",
                "I. KẾT QUẢ THỰC HIỆN",
                "1. Công tác quản lý giá",
                "Giao Sở Nội vụ rà soát đơn giá xây dựng; kết quả đã ban hành 03 bộ đơn giá.",
                "II. NHIỆM VỤ QUÝ II NĂM 2024",
                "1. Sở Y tế tiếp tục theo dõi giá thuốc.",
            ]
        ).encode(),
        "bc.txt",
        catalogue=CATALOGUE,
        issued_on=ISSUED,
    )
    assert [lead_key(t.lead) for t in report.tasks] == ["Sở Y tế"]


def test_the_name_a_directive_gives_those_it_asks_leads_its_items() -> None:
    tasks = tasks_of(
        "Thủ tướng Chính phủ yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban "
        "nhân dân các tỉnh, thành phố trực thuộc Trung ương (sau đây gọi tắt là các bộ, cơ quan "
        "trung ương và địa phương):",
        "1. Quán triệt sâu sắc tinh thần chỉ đạo của Thủ tướng Chính phủ | trong phòng chống "
        "dịch bệnh, chủ động các phương án ứng phó với mọi tình huống có thể xảy ra trên địa bàn, "
        "không để bị động, bất ngờ trong bất cứ trường hợp nào, bảo đảm an toàn cho người dân, "
        "duy trì hoạt động sản xuất kinh doanh, cung ứng hàng hóa thiết yếu cho nhân dân.",
        "2. Báo cáo kết quả trước ngày 20/3/2024.",
    )
    # (A "|" a scan left in a long sentence does not make it a table row.)
    assert [(t.lead.written if t.lead else None, t.deadline.date) for t in tasks] == [
        ("các bộ, cơ quan trung ương và địa phương", None),
        ("các bộ, cơ quan trung ương và địa phương", dt.date(2024, 3, 20)),
    ]


def test_work_for_another_scope_with_its_own_date_is_another_task_of_the_same_agency() -> None:
    tasks = tasks_of(
        "Theo đó, Công an tỉnh chủ động rà soát, kiểm tra 100% cơ sở nhà trọ, báo cáo kết quả "
        "trước ngày 20/6/2024. Đối với các cơ sở có nguy cơ cháy nổ cao còn lại, tiếp tục rà "
        "soát, kiểm tra, báo cáo kết quả trước ngày 20/7/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Công an tỉnh", dt.date(2024, 6, 20)),
        ("Công an tỉnh", dt.date(2024, 7, 20)),
    ]


def test_the_first_report_gives_its_task_a_date_and_a_second_report_is_a_task() -> None:
    tasks = tasks_of(
        "Theo đó, UBND tỉnh giao Sở Y tế trực Tết, gửi danh sách trước ngày 30/01/2024.",
        "Công an tỉnh thường xuyên cập nhật tình hình, báo cáo Thường trực Tỉnh ủy.",
        "Báo cáo nhanh gửi trước 14h00 ngày 13/02/2024.",
        "Báo cáo đầy đủ gửi trước 8h00 ngày 16/02/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 1, 30)),
        ("Công an tỉnh", dt.date(2024, 2, 13)),
        ("Công an tỉnh", dt.date(2024, 2, 16)),
    ]


def test_a_standing_prohibition_is_not_a_task() -> None:
    tasks = tasks_of(
        "Giao Sở Y tế báo cáo trước ngày 20/3/2024.",
        "Công an tỉnh không tổ chức đi thăm, chúc Tết cấp trên.",
        "Sở Nội vụ không để xảy ra chậm trễ, hoàn thành trước ngày 25/3/2024.",
        "Sở Tài chính chưa điều chỉnh tăng giá trong Quý I và Quý II năm 2024.",  # while it holds
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 20)),
        ("Sở Nội vụ", dt.date(2024, 3, 25)),
    ]


def test_office_holders_answerable_for_the_directive_is_no_task() -> None:
    tasks = tasks_of(
        "1. Sở Y tế chủ trì kiểm tra an toàn thực phẩm, báo cáo trước ngày 20/3/2024.",
        "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố "
        "chịu trách nhiệm trực tiếp trước Thủ tướng Chính phủ về kết quả thực hiện Chỉ thị này.",
        # Work, and who answers for it: a task.
        "2. Giám đốc Sở Tài chính chủ trì kiểm tra và chịu trách nhiệm trước Chủ tịch UBND tỉnh "
        "về kết quả.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 20)),
        ("Sở Tài chính", None),
    ]


def test_the_times_set_for_agencies_date_each_report_below() -> None:
    tasks = tasks_of(
        "Theo đó thì thời gian quy định cho các cơ quan, đơn vị xây dựng kế hoạch và báo cáo gửi "
        "UBND tỉnh (thông qua Sở Nội vụ) cụ thể như sau:",
        "• Báo cáo quý gửi trước ngày 05 tháng cuối cùng của mỗi quý",
        "• Báo cáo năm gửi trước ngày 25/11 hàng năm",  # the last item, though text goes on
        "Nội dung chi tiết file đính kèm",
    )
    assert [(t.lead.written if t.lead else None, t.deadline.date) for t in tasks] == [
        ("các cơ quan, đơn vị", dt.date(2024, 3, 5)),
        ("các cơ quan, đơn vị", dt.date(2024, 11, 25)),
    ]


def test_a_request_for_reports_that_each_have_a_date_is_no_task_of_its_own() -> None:
    tasks = tasks_of(
        "1. Các cơ quan, đơn vị gửi báo cáo như sau:",
        "- Báo cáo quý gửi trước ngày 05 tháng cuối cùng của mỗi quý",
        "- Báo cáo năm gửi trước ngày 25/11 hàng năm",
        "2. Sở Y tế thực hiện các nội dung sau:",
        "- Rà soát số liệu tiêm chủng trước ngày 15/3/2024;",
        "- Tuyên truyền thường xuyên về phòng chống dịch.",
    )
    assert [(t.lead.written if t.lead else None, t.deadline.date) for t in tasks] == [
        ("Các cơ quan, đơn vị", dt.date(2024, 3, 5)),
        ("Các cơ quan, đơn vị", dt.date(2024, 11, 25)),
        ("Sở Y tế", dt.date(2024, 3, 15)),
        ("Sở Y tế", None),
    ]


def test_work_listed_after_an_opening_in_the_same_paragraph_is_asked_of_its_agency() -> None:
    tasks = tasks_of(
        "Sở Y tế thực hiện tốt một số nhiệm vụ sau: Tổ chức tổng vệ sinh, bảo đảm an toàn phòng "
        "chống cháy nổ tại trụ sở trong dịp Tết.",
        "Phân công lãnh đạo trực cơ quan, gửi lịch trực về UBND tỉnh trước ngày 20/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", None),
        ("Sở Y tế", dt.date(2024, 3, 20)),
    ]
    assert tasks[0].text.startswith("Tổ chức tổng vệ sinh")


def test_a_list_opening_that_names_no_one_stays_with_the_work_above() -> None:
    tasks = tasks_of(
        "Thủ tướng Chính phủ yêu cầu Sở Y tế chỉ đạo chấn chỉnh công tác đấu giá.",
        "Trong đó tập trung thực hiện các giải pháp sau: Tổ chức công khai quy hoạch sử dụng đất.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_a_news_summary_said_again_in_the_body_is_one_task() -> None:
    tasks = tasks_of(
        "Chủ tịch UBND Tp. giao Sở Y tế chỉ đạo kiểm tra, làm rõ thông tin báo chí nêu; rà soát "
        "toàn bộ hoạt động quảng cáo.",
        "Văn phòng UBND Tp. Hà Nội vừa có công văn gửi Sở Y tế về việc kiểm tra thông tin báo chí.",
        "Về việc này, Chủ tịch UBND Tp. giao Sở Y tế chỉ đạo kiểm tra, làm rõ thông tin báo chí "
        "nêu; rà soát toàn bộ hoạt động quảng cáo trên địa bàn Tp.; báo cáo UBND Tp. trước ngày "
        "15/4/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 15))
    ]


def test_a_news_lead_said_again_with_a_few_words_changed_is_one_task() -> None:
    tasks = tasks_of(
        "Báo Sức khỏe - UBND tỉnh đề nghị Sở Y tế thực hiện báo cáo tình hình khám chữa bệnh "
        "trước ngày 25 hằng tháng.",
        "UBND tỉnh đề nghị Sở Y tế thực hiện báo cáo tình hình khám chữa bệnh trước ngày 25 "
        "hằng tháng về UBND tỉnh.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 25))
    ]


def test_a_news_body_saying_its_opening_again_in_fewer_words_is_the_same_task() -> None:
    tasks = tasks_of(
        "Sở Tài chính đề nghị Sở Y tế lập báo cáo quyết toán vốn đầu tư xây dựng cơ bản năm 2023 "
        "theo quy định, gửi Sở Tài chính trước ngày 15/5/2024.",
        "Theo thống kê, năm 2023 có 120 dự án đã hoàn thành nhưng chưa được quyết toán.",
        "Trên cơ sở đó, Sở Y tế lập báo cáo quyết toán vốn đầu tư xây dựng cơ bản năm 2023 theo "
        "quy định, gửi Sở Tài chính trước ngày 15/5/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 5, 15))
    ]


def test_a_reporters_initials_at_a_news_items_head_are_no_section() -> None:
    """ "V.D |" is who wrote the item, not section V: the requests below it are read as a
    news item's, each sentence its own."""
    page = (
        "Hằng tháng báo cáo danh sách doanh nghiệp nợ thuế\n\nV.D |\n\n"
        "Theo đó, UBND tỉnh yêu cầu Sở Tài chính thực hiện nghiêm ý kiến chỉ đạo của Bộ Tài "
        "chính. Đồng thời tổng hợp báo cáo danh sách doanh nghiệp nợ thuế cho Chủ tịch UBND "
        "tỉnh trước ngày 25 hằng tháng.\n"
    )
    draft = read_directive(page.encode(), "tin.txt", catalogue=CATALOGUE, issued_on=ISSUED)
    assert [(lead_key(t.lead), t.deadline.date) for t in draft.tasks] == [
        ("Sở Tài chính", None),
        ("Sở Tài chính", dt.date(2024, 3, 25)),
    ]


def test_a_section_whose_title_opens_with_a_one_letter_word_is_a_section() -> None:
    """ "II. Ý kiến khác" is section II ("Ý" is a word of its own): its items are not those of
    the agency heading before it."""
    tasks = tasks_of(
        "I. Đối với Sở Y tế:",
        "1. Rà soát danh mục thuốc, báo cáo trước ngày 15/3/2024;",
        "2. Kiểm tra các cơ sở bán lẻ thuốc.",
        "II. Ý kiến khác:",
        "1. Tăng cường tuyên truyền về an toàn thực phẩm.",
        "2. Giao Công an tỉnh tăng cường tuần tra.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 15)),
        ("Sở Y tế", None),
        (None, None),
        ("Công an tỉnh", None),
    ]


def test_what_follows_a_failure_to_comply_is_no_task() -> None:
    tasks = tasks_of(
        "Sở Tài chính đề nghị Sở Y tế lập báo cáo quyết toán, gửi Sở Tài chính trước ngày "
        "15/5/2024.",
        "Sau thời hạn trên, nếu các đơn vị không chấp hành báo cáo quyết toán, Sở Tài chính sẽ "
        "tạm đình chỉ hoặc yêu cầu Kho bạc Nhà nước tạm đình chỉ việc thanh toán vốn.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 5, 15))
    ]


def test_work_given_for_a_failure_before_what_will_follow_is_a_task() -> None:
    """The sanction is the clause with "sẽ" right after the failure; work asked in between, with
    its date, stays a task."""
    tasks = tasks_of(
        "Sở Y tế hoàn thành việc rà soát trước ngày 15/4/2024.",
        "Trường hợp các đơn vị không hoàn thành, giao Sở Nội vụ tham mưu UBND tỉnh xử lý trách "
        "nhiệm người đứng đầu trước ngày 30/4/2024, UBND tỉnh sẽ không xem xét thi đua.",
        "Nếu không kịp tiến độ, Sở Tài chính báo cáo UBND tỉnh trước ngày 10/4/2024, UBND tỉnh sẽ "
        "xem xét gia hạn.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 15)),
        ("Sở Nội vụ", dt.date(2024, 4, 30)),
        ("Sở Tài chính", dt.date(2024, 4, 10)),
    ]


def test_items_of_a_list_alike_but_for_a_word_are_tasks_each() -> None:
    tasks = tasks_of(
        "- Sở Y tế chủ trì, phối hợp với các đơn vị liên quan kiểm tra an toàn thực phẩm tại các "
        "bếp ăn tập thể, báo cáo trước ngày 20/3/2024.",
        "- Sở Y tế chủ trì, phối hợp với các đơn vị liên quan kiểm tra an toàn thực phẩm tại các "
        "chợ đầu mối, báo cáo trước ngày 20/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 20)),
        ("Sở Y tế", dt.date(2024, 3, 20)),
    ]


def test_the_province_directs_and_those_it_names_do_the_work() -> None:
    tasks = tasks_of(
        "UBND tỉnh Phú Yên chỉ đạo Sở Y tế tăng cường kiểm tra an toàn thực phẩm trong tháng "
        "3/2024.",
        "UBND các huyện chỉ đạo UBND các xã rà soát hộ nghèo, báo cáo trước ngày 15/4/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 31)),
        ("group:all_districts", dt.date(2024, 4, 15)),  # the districts direct their communes
    ]


def test_telling_the_public_is_work_but_the_notices_closing_is_not() -> None:
    tasks = tasks_of(
        "Đề nghị Sở Y tế thông báo kịp thời nội dung trên đến các bệnh viện biết, thực hiện.",
        "Văn phòng UBND tỉnh thông báo để Sở Y tế và các cơ quan, đơn vị liên quan biết, thực "
        "hiện.",
        "Sở Tài chính trả lời để Sở Y tế và các đơn vị được biết, thực hiện.",  # an answer's
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_answering_a_petition_is_work_but_an_answers_closing_is_not() -> None:
    tasks = tasks_of(
        "Sở Y tế khẩn trương trả lời kiến nghị của cử tri, đồng thời thông tin cho các cơ sở y tế "
        "được biết, thực hiện.",
        "Sở Tài chính trả lời các đơn vị được biết, thực hiện.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_the_one_directed_to_ask_others_leads() -> None:
    (task,) = tasks_of(
        "Chủ tịch UBND tỉnh chỉ đạo cho Giám đốc Sở Y tế yêu cầu lãnh đạo các bệnh viện khẩn "
        "trương rà soát trang thiết bị, hoàn thành trước ngày 28/3/2024."
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 3, 28))


def test_a_news_items_closing_line_is_no_task() -> None:
    tasks = tasks_of(
        "UBND tỉnh giao Sở Y tế rà soát các dự án, báo cáo trước ngày 30/4/2024.",
        "UBND tỉnh có thông báo như trên sau cuộc họp về tình hình thực hiện dự án này.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 30))
    ]


def test_what_those_asked_may_not_do_is_a_rule_not_a_task() -> None:
    tasks = tasks_of(
        "Sở Nội vụ vừa ban hành văn bản chấn chỉnh, yêu cầu tất cả các trường công lập thực "
        "hiện niêm yết các khoản thu trước ngày 30/4/2024.",
        "Theo đó, UBND tỉnh yêu cầu Sở Y tế không được thu thêm các khoản ngoài quy định.",
        "Ngoài ra, Công an tỉnh không tổ chức các dịch vụ dưới bất kỳ hình thức nào.",
        # Which of them: those that have not reported yet; still work.
        "Đề nghị Sở Y tế đôn đốc các cơ quan chưa báo cáo, khẩn trương gửi số liệu.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("các trường công lập", dt.date(2024, 4, 30)),
        ("Sở Y tế", None),
    ]


def test_doi_voi_after_a_noun_is_what_the_work_concerns() -> None:
    letter = (
        "Kính gửi: Bộ Giáo dục và Đào tạo\n"
        "Bộ Giáo dục và Đào tạo hoàn thiện báo cáo sơ kết, trong đó phân tích rõ tình hình các "
        "tỉnh; đề xuất các giải pháp đối với các địa phương và các bộ, ngành cần triển khai trong "
        "giai đoạn 2024 - 2025; tổ chức Hội nghị sơ kết vào tháng 11 năm 2024.\n"
    )
    draft = read_directive(letter.encode(), "cv.txt", catalogue=Catalogue([]), issued_on=ISSUED)
    assert [(t.lead and t.lead.written, t.deadline.date) for t in draft.tasks] == [
        ("Bộ Giáo dục và Đào tạo", dt.date(2024, 11, 30))
    ]


def test_prices_guests_explanations_and_work_given_before_are_no_tasks() -> None:
    tasks = tasks_of(
        "Giao Sở Y tế lập dự toán từ nguồn thu phí cấp phù hiệu.",
        "- Phù hiệu Taxi: 5.000 đồng/ cái.",
        "Dự tiếp công dân có đồng chí Giám đốc Sở Y tế; Phó Chủ tịch UBND huyện.",
        "Đây là những kiến nghị của cử tri gửi tới Sở Nội vụ sau kỳ họp.",
        "Nội dung kiến nghị đã được UBND tỉnh chỉ đạo Công an tỉnh kiểm tra, giải quyết tại Công "
        "văn số 51/UBND-KT.",
        # What something is, then work given: work all the same.
        "Đây là nhiệm vụ trọng tâm, đề nghị Sở Nội vụ khẩn trương rà soát hồ sơ cán bộ.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế", "Sở Nội vụ"]


def test_a_provision_quoted_is_no_task() -> None:
    letter = (
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố\n"
        "Bộ Công Thương ban hành Thông tư số 15/2024/TT-BCT phân cấp thủ tục hành chính cho Ủy "
        "ban nhân dân cấp tỉnh, cụ thể:\n"
        "- Khoản 2 Điều 3 của Thông tư số 15/2024/TT-BCT quy định: “Bộ trưởng Bộ Công Thương phân "
        "cấp cho Ủy ban nhân dân cấp tỉnh cấp giấy phép vận chuyển hàng nguy hiểm”.\n"
        "- Khoản 1 Điều 8 Thông tư số 15/2024/TT-BCT về điều khoản thi hành: Thông tư có hiệu lực "
        "từ ngày 10/4/2024.\n"
        "Bộ Công Thương đề nghị Ủy ban nhân dân các tỉnh, thành phố hướng dẫn, tổ chức thực hiện "
        "cấp giấy phép vận chuyển hàng nguy hiểm.\n"
    )
    draft = read_directive(letter.encode(), "cv.txt", catalogue=Catalogue([]), issued_on=ISSUED)
    assert [t.text[:20] for t in draft.tasks] == ["Bộ Công Thương đề ng"]


def test_rules_a_letter_explains_are_no_tasks_but_a_request_among_them_is() -> None:
    letter = (
        "Kính gửi: Cục Hải quan các tỉnh, thành phố\n"
        "Bộ Tài chính hướng dẫn cụ thể một số nội dung như sau:\n"
        "1. Địa điểm làm thủ tục hải quan: thực hiện theo quy định tại Điều 22 Luật Hải quan.\n"
        "2. Thời hạn nộp tờ khai hải quan: nộp trước ngày hàng hóa đến cửa khẩu hoặc trong thời "
        "hạn 30 ngày kể từ ngày hàng hóa đến cửa khẩu.\n"
        "3. Đề nghị Cục Hải quan các tỉnh, thành phố tổng hợp vướng mắc, báo cáo Bộ Tài chính "
        "trước ngày 15/3/2024.\n"
    )
    draft = read_directive(letter.encode(), "cv.txt", catalogue=Catalogue([]), issued_on=ISSUED)
    assert [(t.lead and t.lead.written, t.deadline.date) for t in draft.tasks] == [
        ("Cục Hải quan", dt.date(2024, 3, 15))
    ]


# Found by a review of session 9's rules on made-up documents, each read wrongly at first.
def _provincial_letter(*items: str) -> list[tuple[str | None, dt.date | None]]:
    text = "Kính gửi: Các sở, ban, ngành cấp tỉnh\n" + "\n".join(items) + "\n"
    draft = read_directive(text.encode(), "cv.txt", catalogue=Catalogue([]), issued_on=ISSUED)
    return [(t.lead.written if t.lead else None, t.deadline.date) for t in draft.tasks]


def test_a_units_own_name_may_hold_a_verb_written_with_a_capital() -> None:
    assert _provincial_letter(
        "1. Ban Tổ chức Tỉnh ủy chủ trì rà soát quy hoạch cán bộ, báo cáo Thường trực Tỉnh ủy "
        "trước ngày 31/3/2024.",
        "2. Giao Trung tâm Đánh giá chất lượng giáo dục tổng hợp kết quả trước ngày 15/4/2024.",
    ) == [
        ("Ban Tổ chức Tỉnh ủy", dt.date(2024, 3, 31)),
        ("Trung tâm Đánh giá chất lượng giáo dục", dt.date(2024, 4, 15)),
    ]


def test_doi_voi_after_a_connective_still_addresses_and_a_district_city_leads() -> None:
    assert _provincial_letter(
        "1. Riêng đối với UBND huyện Hướng Hóa, khẩn trương hoàn thành giải phóng mặt bằng "
        "trước ngày 31/3/2024.",
        "2. UBND thành phố Đông Hà chỉ đạo UBND các phường tổ chức ra quân tổng vệ sinh môi "
        "trường trước ngày 25/3/2024.",
    ) == [
        ("UBND huyện Hướng Hóa", dt.date(2024, 3, 31)),
        ("UBND thành phố Đông Hà", dt.date(2024, 3, 25)),
    ]


def test_work_the_review_saw_dropped_is_work() -> None:
    assert _provincial_letter(
        "UBND tỉnh yêu cầu:",
        "Sở Giao thông vận tải khẩn trương khắc phục điểm sạt lở trên Quốc lộ 9, bảo đảm giao "
        "thông thông suốt, hoàn thành trước ngày 31/3/2024.",
        "Sở Giao thông vận tải khẩn trương khắc phục điểm sạt lở trên Quốc lộ 49, bảo đảm giao "
        "thông thông suốt, hoàn thành trước ngày 31/3/2024.",
        "Các sở, ngành, địa phương căn cứ nội dung thông báo trên đây triển khai thực hiện, báo "
        "cáo kết quả về UBND tỉnh trước ngày 30/4/2024.",
        "Đây là nhiệm vụ trọng tâm, các sở, ngành tập trung chỉ đạo, hoàn thành trước ngày "
        "30/6/2024.",
        "- Phí thẩm định: 150.000 đồng/hồ sơ. Các đơn vị nộp phí trước ngày 31/5/2024.",
    ) == [
        ("Sở Giao thông vận tải", dt.date(2024, 3, 31)),
        ("Sở Giao thông vận tải", dt.date(2024, 3, 31)),
        ("Các sở, ngành, địa phương", dt.date(2024, 4, 30)),
        ("các sở, ngành", dt.date(2024, 6, 30)),
        ("Các sở, ban, ngành cấp tỉnh", dt.date(2024, 5, 31)),  # the addressees
    ]


def test_a_dated_item_among_explained_rules_is_the_addressees_work() -> None:
    letter = (
        "Kính gửi: Cục Thuế các tỉnh, thành phố\n"
        "Tổng cục Thuế hướng dẫn cụ thể một số nội dung như sau:\n"
        "1. Thời hạn nộp hồ sơ quyết toán: chậm nhất là ngày cuối cùng của tháng thứ ba.\n"
        "2. Việc tổng hợp báo cáo kết quả quyết toán gửi về Tổng cục Thuế trước ngày "
        "30/4/2024.\n"
    )
    draft = read_directive(letter.encode(), "cv.txt", catalogue=Catalogue([]), issued_on=ISSUED)
    assert [(t.lead and t.lead.written, t.deadline.date) for t in draft.tasks] == [
        ("Cục Thuế", dt.date(2024, 4, 30))
    ]


def test_agencies_listed_with_what_they_answer_for_are_no_task() -> None:
    tasks = tasks_of(
        "- Sở Y tế chủ trì rà soát tài sản kết cấu hạ tầng, báo cáo trước ngày 20/3/2024.",
        "- Ban Quản lý Khu kinh tế, Ban Quản lý các khu công nghiệp (đối với tài sản kết cấu hạ "
        "tầng khu kinh tế, khu công nghiệp thuộc phạm vi được giao quản lý).",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 20))
    ]


def test_a_report_made_only_when_asked_is_no_task() -> None:
    tasks = tasks_of(
        "2. Chế độ báo cáo:",
        "- Báo cáo năm: Sở Y tế gửi Sở Tài chính trước ngày 15/12 hằng năm;",
        "- Báo cáo đột xuất: Theo yêu cầu của Ủy ban nhân dân tỉnh, Bộ Tài chính.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 12, 15))
    ]


def test_a_heading_that_asks_work_is_the_task_when_its_lines_only_say_what_it_covers() -> None:
    tasks = tasks_of(
        "3. Đối với các sở quản lý chuyên ngành",
        "a) Sở Tài chính rà soát danh mục tài sản kết cấu hạ tầng; cụ thể như sau:",
        "- Tài sản kết cấu hạ tầng y tế - Sở Y tế.",
        "- Tài sản kết cấu hạ tầng khu công nghiệp, khu kinh tế — Sở Nội vụ.",
        "b) Sở Tài chính báo cáo trước ngày 20/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", None),
        ("Sở Tài chính", dt.date(2024, 3, 20)),
    ]
    assert tasks[0].text.startswith("Sở Tài chính rà soát danh mục")


def test_a_list_of_what_each_agency_answers_for_is_no_task() -> None:
    tasks = tasks_of(
        "- Sở Y tế chủ trì rà soát danh mục tài sản, báo cáo trước ngày 20/3/2024.",
        "- Tài sản kết cấu hạ tầng y tế - Sở Y tế.",
        "- Tài sản kết cấu hạ tầng khu công nghiệp, khu kinh tế — Sở Tài chính.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 20))
    ]


def test_a_sentence_that_asks_more_by_its_own_date_is_a_task_of_its_own() -> None:
    tasks = tasks_of(
        "Theo đó, UBND tỉnh yêu cầu Sở Y tế rà soát các cơ sở khám chữa bệnh.",
        "Tập trung chỉ đạo ra quân kiểm tra từ ngày 20-5-2024 đến ngày 20-6-2024 với khối lượng "
        "như sau: 507 cơ sở, trong đó 115 bệnh viện. Tổng hợp, báo cáo kết quả thực hiện về UBND "
        "tỉnh trước ngày 15-7-2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", None),
        ("Sở Y tế", dt.date(2024, 6, 20)),
        ("Sở Y tế", dt.date(2024, 7, 15)),
    ]


def test_those_chosen_for_a_duty_act() -> None:
    (task,) = tasks_of(
        "Ngày 18-19/6/2024: Các trường học được chọn đặt Điểm thi nhận hồ sơ thí vụ, ấn phẩm thi "
        "của Điểm thi tại Sở GD&ĐT."
    )
    assert task.lead is not None and task.lead.written == "Các trường học"
    assert task.deadline.date == dt.date(2024, 6, 19)


def test_an_agency_after_a_phrase_that_sets_the_scene_acts() -> None:
    tasks = tasks_of(
        "Theo yêu cầu của UBND tỉnh Bình Thuận, tại cuộc họp này Sở Y tế đề xuất 30 công trình "
        "tiêu biểu, Sở Nội vụ đề xuất 30 công dân tiêu biểu."
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế", "Sở Nội vụ"]


def test_who_reminds_others_is_not_who_acts() -> None:
    (task,) = tasks_of(
        "Theo đó, Sở Y tế nhắc nhở các trường khẩn trương rà soát, hoàn thành trước ngày 20/3/2024."
    )
    assert task.lead is not None and task.lead.written == "các trường"
    assert task.deadline.date == dt.date(2024, 3, 20)


def test_a_letters_numbered_particulars_belong_to_its_request() -> None:
    tasks = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Để tổng hợp báo cáo Chính phủ, đề nghị Sở Y tế báo cáo số liệu năm 2023 theo biểu mẫu.",
        "1. Báo cáo gửi về Bộ phải có xác nhận của Ủy ban nhân dân tỉnh.",
        "2. Thời hạn gửi báo cáo trước ngày 28/02/2024.",
        "Đề nghị Sở Y tế tổ chức thực hiện ngay và gửi báo cáo đúng thời hạn./.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 2, 28))
    ]


def test_two_reports_with_their_own_dates_and_those_reported_to() -> None:
    tasks = tasks_of(
        "Theo đó, UBND tỉnh yêu cầu Sở Y tế rà soát số hộ thiếu đói. Đồng thời báo cáo nhanh "
        "trước ngày 20/01/2024 và báo cáo kết quả trước ngày 10/3/2024 về UBND tỉnh.",
        "UBND tỉnh giao Sở Nội vụ hướng dẫn; tổng hợp kết quả báo cáo Thường trực Tỉnh ủy, "
        "Công an tỉnh và UBND tỉnh.",
        "Sở Nội vụ phải chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để xảy ra chậm trễ.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", None),
        ("Sở Y tế", dt.date(2024, 1, 20)),
        ("Sở Y tế", dt.date(2024, 3, 10)),
        ("Sở Nội vụ", None),
    ]


def test_what_a_report_must_cover_is_one_task_and_an_opening_agency_leads_its_items() -> None:
    tasks = tasks_of(
        "3. Giải quyết vấn đề lao động",
        "Sở Nội vụ chủ trì, phối hợp với các cơ quan khẩn trương xử lý các vướng mắc, báo cáo "
        "UBND tỉnh trong tháng 3 năm 2024 các vấn đề sau:",
        "- Tình hình lao động, việc làm trong các doanh nghiệp;",
        "- Thực trạng quản lý lao động nước ngoài trên địa bàn tỉnh.",
        "4. Thông tin truyền thông",
        "Sở Y tế phối hợp với Ban Tuyên giáo Tỉnh ủy và chủ trì cùng các sở, ban, ngành:",
        "- Chỉ đạo các cơ quan truyền thông kịp thời cung cấp thông tin;",
        "- Tăng cường truyền thông phòng chống dịch.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 3, 31)),
        ("Sở Y tế", None),
        ("Sở Y tế", None),
    ]
    letter = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Đề nghị Sở Y tế báo cáo kết quả thực hiện trước ngày 20/3/2024, cụ thể như sau:",
        "1. Số cơ sở đã được kiểm tra;",
        "2. Những khó khăn, vướng mắc và kiến nghị.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in letter] == [
        ("Sở Y tế", dt.date(2024, 3, 20))
    ]


def test_proposals_closing_the_points_of_a_report_are_among_its_contents() -> None:
    tasks = tasks_of(
        "Theo đó, Bộ Nội vụ đề nghị Sở Y tế báo cáo các nội dung sau:",
        "1. Văn bản chỉ đạo, hướng dẫn về xử lý tài liệu tồn đọng;",
        "2. Kết quả thực hiện chỉnh lý tài liệu tồn đọng;",
        "3. Đề xuất, kiến nghị về công tác chỉnh lý.",
        "Báo cáo gửi về Bộ Nội vụ trước ngày 15 tháng 4 năm 2017.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2017, 4, 15))
    ]


def test_a_letter_run_into_its_addressee_line_and_honorifics() -> None:
    letter = "\n\n".join(
        [
            "Kính gửi: Ông (Bà) Hiệu trưởng các trường. Thực hiện Kế hoạch số 12/KH-UBND của "
            "UBND tỉnh, Sở Y tế yêu cầu các trường học trực thuộc thực hiện các nội dung sau:",
            "1. Tổng vệ sinh khu vực trường học vào lúc 16h00 ngày 20/3/2024.",
            "2. Sở Nội vụ cử cán bộ theo dõi, kiểm tra.",
            "Nhận được công văn này, yêu cầu ông (bà) Hiệu trưởng các trường nghiêm túc thực hiện "
            "và nộp báo cáo về Sở Y tế trước 9h00 ngày 23/3/2024./.",
        ]
    )
    tasks = read_directive(
        letter.encode(), "letter.txt", catalogue=CATALOGUE, issued_on=ISSUED
    ).tasks
    assert [(t.lead.written if t.lead else None, t.deadline.date) for t in tasks] == [
        ("các trường học trực thuộc", dt.date(2024, 3, 20)),
        ("Sở Nội vụ", None),
        ("Hiệu trưởng các trường", dt.date(2024, 3, 23)),
    ]


def test_who_has_the_duty_where_it_is_sent_and_what_is_only_a_state() -> None:
    tasks = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Tuy nhiên đến nay, Công an tỉnh vẫn chưa nhận được báo cáo của Quý Sở.",
        "Trên cơ sở báo cáo của các sở, ban, ngành, Sở Nội vụ có nhiệm vụ tổng hợp, trình UBND "
        "tỉnh trước ngày 15/11/2024.",
        "- Bản báo cáo có đóng dấu gửi về theo địa chỉ: Công an tỉnh (Phòng Tham mưu), trước "
        "ngày 06/10/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 11, 15)),
        ("Sở Y tế", dt.date(2024, 10, 6)),
    ]


def test_an_announcement_and_its_particulars_are_not_tasks() -> None:
    tasks = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Sở Nội vụ thông báo kế hoạch tổ chức Hội thi cấp tỉnh như sau:",
        "* Thành phần: 8 đội dự thi.",
        "* Địa điểm: Hội trường UBND tỉnh.",
        "* Kinh phí: Theo chế độ hiện hành.",
        "Đến ngày 20.3, Công an tỉnh (CA) mới nhận được văn bản trả lời của 2 đơn vị.",
        "Nhận được thông báo này yêu cầu Sở Y tế chuẩn bị các điều kiện, gửi danh sách trước "
        "ngày 25/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 25))
    ]


def test_how_and_when_to_send_the_report_a_letter_asks_for() -> None:
    asked = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Để có cơ sở tổng hợp, Công an tỉnh đề nghị Sở Nội vụ xây dựng báo cáo sơ kết về tình "
        "hình thực hiện Đề án.",
        "(Có đề cương chi tiết gửi kèm)",
        "Báo cáo sơ kết gửi về Công an tỉnh trước ngày 15 tháng 5 năm 2024 (file mềm gửi qua địa "
        "chỉ email: vp@congan.gov.vn) để tổng hợp.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in asked] == [
        ("Sở Nội vụ", dt.date(2024, 5, 15))
    ]
    two_ways = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Đề nghị Quý Sở chỉ đạo các đơn vị có liên quan khẩn trương hoàn thiện báo cáo và gửi về "
        "Công an tỉnh;",
        "- Gửi báo cáo bằng thư điện tử theo địa chỉ: vp@congan.gov.vn trước ngày 04/10/2024.",
        "- Bản báo cáo có đóng dấu gửi về theo địa chỉ: Công an tỉnh, trước ngày 06/10/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in two_ways] == [
        ("Sở Y tế", dt.date(2024, 10, 4)),
        ("Sở Y tế", dt.date(2024, 10, 6)),
    ]


def test_a_page_without_the_letters_head_still_asks_its_polite_addressee() -> None:
    (task,) = tasks_of(
        "Để bản dự thảo được hoàn thiện hơn, Sở đề nghị Quý cơ quan nghiên cứu, tham gia góp ý "
        "bằng văn bản gửi Sở Nội vụ trước ngày 19/3/2024.",
    )
    assert (task.lead.written if task.lead else None, task.deadline.date) == (
        "Quý cơ quan",
        dt.date(2024, 3, 19),
    )


def test_work_given_at_a_meeting_is_a_task_for_each_agency_given_it() -> None:
    tasks = tasks_of(
        "Tại buổi họp, Phó Chủ tịch UBND tỉnh giao Sở Y tế xây dựng kế hoạch trước ngày "
        "10/3/2024; giao Sở Tài chính tham mưu bố trí kinh phí trước ngày 20/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 10)),
        ("Sở Tài chính", dt.date(2024, 3, 20)),
    ]


def test_a_call_for_comments_gives_its_time_to_the_request_and_its_receiver_no_task() -> None:
    tasks = tasks_of(
        "Để dự thảo được hoàn chỉnh, Sở Nội vụ đề nghị quý cơ quan, đơn vị đóng góp ý kiến cho "
        "dự thảo Nghị quyết (đính kèm dự thảo).",
        "Thời gian góp ý đến hết ngày 14/3/2024 (thứ năm). Cơ quan lấy ý kiến: Văn phòng UBND "
        "tỉnh.",
    )
    assert [(t.lead.written if t.lead else None, t.deadline.date) for t in tasks] == [
        ("quý cơ quan", dt.date(2024, 3, 14))
    ]


def test_a_ministry_letter_asking_its_addressee_for_a_report_is_one_task() -> None:
    letter = "\n\n".join(
        [
            "Số: 1234/BTC-NSNN",
            "V/v báo cáo tình hình thực hiện dự toán ngân sách năm 2024",
            "Hà Nội, ngày 01 tháng 3 năm 2024",
            "Kính gửi: Sở Y tế.",
            "Để có cơ sở tổng hợp báo cáo Chính phủ, Bộ Tài chính đề nghị Quý Sở chỉ đạo Công "
            "an tỉnh và các cơ quan liên quan báo cáo tình hình thực hiện dự toán quý I năm 2024, "
            "cụ thể như sau:",
            "1. Tình hình thu ngân sách nhà nước trên địa bàn;",
            "2. Những khó khăn, vướng mắc và kiến nghị.",
            "Báo cáo gửi về Bộ Tài chính (Vụ Ngân sách nhà nước) trước ngày 15/4/2024, đồng thời "
            "gửi bản điện tử qua địa chỉ thư điện tử: vunsnn@mof.gov.vn.",
            "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Bộ Tài chính để "
            "được hướng dẫn.",
        ]
    )
    tasks = read_directive(letter.encode(), "letter.txt", catalogue=CATALOGUE).tasks
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 15))
    ]
    assert [lead_key(c) for c in tasks[0].cooperating] == ["Công an tỉnh", "group:all_related"]


def test_a_level_of_government_opening_an_item_is_its_lead() -> None:
    tasks = tasks_of(
        "Thời hạn hoàn thành và báo cáo kết quả kiểm kê đất đai như sau:",
        "– Cấp xã hoàn thành và báo cáo kết quả trước ngày 16/01/2025;",
        "– Cấp huyện hoàn thành và báo cáo kết quả trước ngày 01/3/2025;",
        "– Sở Y tế gửi kết quả cho Ủy ban nhân dân cấp tỉnh trước ngày 16/4/2025.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Cấp xã", dt.date(2025, 1, 16)),
        ("Cấp huyện", dt.date(2025, 3, 1)),
        ("Sở Y tế", dt.date(2025, 4, 16)),
    ]


def test_the_last_day_for_those_named_after_it() -> None:
    (task,) = tasks_of("Ngày 7/6/2024: Hạn cuối Sở Y tế, Sở Nội vụ in và phát Giấy báo dự thi.")
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 6, 7))


# A copy may lose the colon after "điện".
@pytest.mark.parametrize(
    "dispatched", ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", "CHỦ TỊCH UBND TỈNH ĐIỆN"]
)
def test_a_dispatchs_addressees_are_no_task_and_take_what_names_no_one(dispatched: str) -> None:
    draft = read_directive(
        "\n".join(
            [
                "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
                "Số: 05/CĐ-UBND",
                "Kiên Giang, ngày 05 tháng 9 năm 2024",
                "CÔNG ĐIỆN",
                "Về việc chủ động ứng phó với bão số 3",
                dispatched,
                "- Giám đốc Sở Y tế;",
                "- Chủ tịch UBND các huyện, thành phố.",
                "Để chủ động ứng phó với bão, Chủ tịch UBND tỉnh yêu cầu:",
                "1. Sở Nội vụ bố trí lực lượng ứng trực, báo cáo trước 16 giờ ngày 06/9/2024.",
                "2. Tổ chức trực ban nghiêm túc 24/24 giờ.",
                "Nơi nhận:",
                "- Như trên;",
            ]
        ).encode(),
        "cong-dien.txt",
        catalogue=CATALOGUE,
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in draft.tasks] == [
        ("Sở Nội vụ", dt.date(2024, 9, 6)),
        ("Sở Y tế", None),
    ]


def test_the_writer_who_guides_is_not_who_does_the_work() -> None:
    tasks = letter(
        "Kính gửi: Các trường mầm non trong huyện.",
        "Phòng Giáo dục và Đào tạo Bình Chánh hướng dẫn các trường thực hiện như sau:",
        "1. Triển khai tới toàn thể giáo viên viết bài về những tấm gương nhà giáo tiêu biểu.",
        "2. Gửi bài về Phòng Giáo dục và Đào tạo trước ngày 10/4/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Các trường mầm non", None),
        ("Các trường mầm non", dt.date(2016, 4, 10)),
    ]


def test_when_a_contest_is_held_is_no_deadline_of_a_task() -> None:
    tasks = letter(
        "Kính gửi: Hiệu trưởng các trường.",
        "1. Thời gian Hội thi: Từ ngày 26/3/2016 đến ngày 30/3/2016.",
        "2. Địa điểm: Hội trường Phòng Giáo dục và Đào tạo.",
        "3. Các trường gửi hồ sơ đăng ký dự thi trước ngày 20/3/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [("Các trường", dt.date(2016, 3, 20))]


def test_a_list_of_the_documents_a_letter_cites_is_no_work() -> None:
    tasks = letter(
        "Kính gửi: Công an tỉnh.",
        "Bộ Nông nghiệp và Môi trường đã ban hành các Văn bản hợp nhất, cụ thể:",
        "- Văn bản hợp nhất số 48/VBHN-BNNMT ngày 15/4/2024 về giảm nhẹ phát thải khí nhà kính;",
        "- Quyết định số 12/QĐ-UBND ngày 01/02/2024 của UBND tỉnh về quy chế phối hợp.",
        "Đề nghị Công an tỉnh triển khai thực hiện nghiêm các quy định trước ngày 30/4/2016.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Công an tỉnh", dt.date(2016, 4, 30))
    ]


def test_all_the_units_a_directive_addresses_when_no_one_is_named() -> None:
    (task,) = tasks_of("2. Các đơn vị gửi báo cáo về Sở Tài chính trước ngày 25/3/2024.")
    assert (lead_key(task.lead), task.deadline.date) == ("Các đơn vị", dt.date(2024, 3, 25))
    assert task.lead is not None and task.lead.is_unknown
    (schools,) = tasks_of("1. Cơ quan, đơn vị trường học báo cáo kết quả trước ngày 10/4/2024.")
    assert lead_key(schools.lead) == "Cơ quan, đơn vị trường học"
    # In a letter, they are the addressees.
    (asked,) = letter("Kính gửi: Công an tỉnh.", "Các đơn vị báo cáo trước ngày 25/3/2016.")
    assert written(asked) == "Công an tỉnh"


def test_a_request_under_a_heading_of_background_is_still_work() -> None:
    (task,) = tasks_of(
        "CHỈ THỊ",
        "Về việc lập kế hoạch đầu tư công trung hạn",
        "I. ĐÁNH GIÁ TÌNH HÌNH",
        "Năm 2023, Sở Tài chính đã giải ngân 95% kế hoạch vốn.",
        "Căn cứ kế hoạch phát triển kinh tế - xã hội của tỉnh; tình hình thực hiện kế hoạch, yêu "
        "cầu Sở Y tế khẩn trương đánh giá tình hình thực hiện, báo cáo trước ngày 15/4/2024.",
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 4, 15))


def test_phan_cong_assigns_like_giao_but_not_as_a_purpose() -> None:
    first, second = tasks_of(
        "Phân công Sở Tài chính theo dõi, đôn đốc các đơn vị, báo cáo trước ngày 30/3/2024.",
        "Sở Y tế căn cứ quy định hiện hành xây dựng danh mục nhiệm vụ để phân công nhiệm vụ cho "
        "Sở Nội vụ, Công an tỉnh.",
    )
    assert (lead_key(first.lead), first.deadline.date) == ("Sở Tài chính", dt.date(2024, 3, 30))
    assert lead_key(second.lead) == "Sở Y tế"


def test_who_issues_a_document_that_asks_is_not_who_acts() -> None:
    (first, second) = tasks_of(
        "Chiều 24/8, Sở Nội vụ ban hành Công điện số 05/CĐ-SNV yêu cầu Sở Y tế ứng phó bão.",
        "Bộ Y tế có Công văn số 123/BYT-KCB đề nghị Sở Tài chính báo cáo trước ngày 20/3/2024.",
    )
    assert lead_key(first.lead) == "Sở Y tế"
    assert (lead_key(second.lead), second.deadline.date) == ("Sở Tài chính", dt.date(2024, 3, 20))


def test_a_plan_approved_before_is_no_sign_of_work_done() -> None:
    # "đã được phê duyệt" says what the plan is, "Sở Y tế:" whose item it is: work given.
    tasks = tasks_of(
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế: Phối hợp với Sở Tài chính triển khai Kế hoạch đã được phê duyệt; theo dõi, "
        "thông báo kết quả quan trắc.",
        "2. Công an tỉnh triển khai Kế hoạch đã được phê duyệt, báo cáo kết quả.",
        "3. Sở Nội vụ đã hoàn thành việc rà soát hồ sơ.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế", "Công an tỉnh"]


def test_a_place_spelt_like_a_past_tense_is_a_place() -> None:
    # Without its marks "Đà Nẵng" reads "đã nẵng": work done. The marks tell them apart.
    tasks = tasks_of(
        "Chủ tịch UBND thành phố yêu cầu:",
        "1. Sở Y tế bố trí kinh phí cho Đà Nẵng.",
        "2. Công an tỉnh đã hoàn thành việc rà soát.",
        "3. So Noi vu da hoan thanh viec ra soat.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_what_happened_before_the_order_is_its_reason_not_work() -> None:
    (task,) = tasks_of(
        "Chiều tối ngày 09/3, trên địa bàn tỉnh xảy ra mưa đá, làm 1.245 nhà bị tốc mái.",
        "Từ ngày 18/3 đến ngày 20/3 trên địa bàn tỉnh có mưa to đến rất to.",
        "Chủ tịch UBND tỉnh yêu cầu:",
        "1. Sở Y tế hướng dẫn người dân gia cố nhà ở, báo cáo trước ngày 25/3/2024.",
        addressee=CATALOGUE.find_mentions("Công an tỉnh"),
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 3, 25))


def test_a_papers_mark_before_its_news_is_no_part_of_it() -> None:
    (task,) = tasks_of(
        "VOV.VN - Ngày 15/3, Sở Nội vụ có công văn gửi Sở Y tế về bảo đảm an toàn giao thông.",
        "Theo đó, Sở Nội vụ đề nghị Sở Y tế báo cáo kết quả trước ngày 25/3/2024.",
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 3, 25))


def test_an_opening_that_ends_with_a_stop_still_leads_its_ordinals() -> None:
    tasks = tasks_of(
        "Chỉ thị yêu cầu Sở Y tế tập trung thực hiện một số nhiệm vụ trọng tâm.",
        "Thứ nhất, rà soát toàn bộ thủ tục hành chính, hoàn thành trước ngày 25/3/2024.",
        "Thứ hai, xử lý nghiêm cán bộ, công chức có hành vi nhũng nhiễu.",
        ">> Khẩn trương rà soát thủ tục hành chính trước ngày 25/3",  # a link to another item
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 25)),
        ("Sở Y tế", None),
    ]


def test_what_was_decided_before_is_told_with_its_dates() -> None:
    (task,) = tasks_of(
        "Trước đó, ngày 10-1, Sở Nội vụ đã họp và thống nhất lộ trình: đợt 1 bàn giao 70% mặt "
        "bằng trước ngày 30-4.",
        "UBND tỉnh yêu cầu Sở Y tế bàn giao mặt bằng trước ngày 25/3/2024.",
    )
    assert (lead_key(task.lead), task.deadline.date) == ("Sở Y tế", dt.date(2024, 3, 25))


def test_who_speaks_in_a_news_item_is_not_given_work() -> None:
    tasks = tasks_of(
        "Theo đó, UBND tỉnh giao Sở Y tế báo cáo trước ngày 20/3/2024.",
        "Tại buổi làm việc, Giám đốc Sở Nội vụ cho biết đơn vị đã hoàn thành 80% kế hoạch.",
        "Phát biểu tại hội nghị, lãnh đạo Công an tỉnh nhấn mạnh cần tăng cường tuần tra.",
        "Sở Tài chính thông tin, đến nay đã giải ngân được 45% kế hoạch vốn.",
        "Công an tỉnh kiến nghị UBND tỉnh bổ sung kinh phí.",
        "Ngày 05/4/2023, Bộ Tư pháp có Thông tư số 08/2023/TT-BTP hướng dẫn thống kê.",
        "Sở Tài chính tiếp nhận giống lúa để bàn giao cho Công an tỉnh.",  # Sở Tài chính's
        "UBND tỉnh Quảng Nam cũng yêu cầu Sở Xây dựng kiểm điểm, báo cáo trước ngày 5/4/2024.",
        "Lãnh đạo Sở Nội vụ kiểm tra công tác phòng dịch tại huyện Đại Lộc. Ảnh: T.H",
        "Năm 2023, Sở Tài chính triển khai nhiều giải pháp tiết kiệm chi.",
        "Hiện nay, Sở Nội vụ tiếp tục phối hợp với các địa phương rà soát.",
        "Sở Nội vụ thông tin kịp thời cho các đơn vị.",
        "Năm 2024, Công an tỉnh tập trung rà soát.",
        "Được biết đến nay Sở Nội vụ đã cơ bản hoàn thành việc rà soát hồ sơ.",
        "Tại buổi tiếp công dân, lãnh đạo tỉnh đã tiếp 14 lượt công dân; yêu cầu tỉnh chỉ đạo, "
        "đôn đốc cơ quan chức năng, UBND cấp huyện giải quyết dứt điểm những vụ việc tồn đọng.",
        # What a meeting heard, item by item.
        "Tại hội nghị, các thành viên cho ý kiến vào một số vấn đề như: kế hoạch năm 2024; Sở "
        "Tài chính báo cáo một số vấn đề về ngân sách; tiếp đó, Sở Y tế báo cáo tình hình dịch.",
        # What was done, or sent in, is not work to track; what was handed on still is.
        "Ban Bí thư Trung ương Đảng, Chính phủ đã kịp thời chỉ đạo các cấp, các ngành.",
        "Công ty TNHH Xây dựng Nguyên Hải có tờ trình về việc xin thu hồi titan sa khoáng.",
        "Sở Xây dựng đã được giao rà soát hồ sơ, báo cáo trước ngày 30/3/2024.",
        "Sở Công Thương đã có văn bản hướng dẫn, nay giao Sở Công Thương kiểm tra lại.",
        # To whom the document goes, and who passes on a leader's words, act on nothing.
        "Công điện gửi Bộ trưởng các Bộ: Tài nguyên và Môi trường, Xây dựng, Tài chính.",
        "Văn phòng UBND tỉnh truyền đạt ý kiến của đồng chí Phó Chủ tịch UBND tỉnh như sau.",
        "Chiều 24.8, UBND tỉnh ban hành Công điện số 05/CĐ-UBND yêu cầu các sở, ban, ngành, địa "
        "phương tập trung cao độ ứng phó với bão.",
        # The paper's lead about the plan itself, after what the plan carries out.
        "(Baonghean) - Thực hiện Chỉ thị 27/CT-TTg ngày 27/12/2013 của Thủ tướng Chính phủ, ngày "
        "25/4/2024, UBND tỉnh Nghệ An có Quyết định số 1738/QĐ-UBND ban hành kế hoạch.",
    )
    assert [lead_key(t.lead) for t in tasks] == [
        "Sở Y tế",
        "Sở Tài chính",
        "Sở Xây dựng",  # whom the province also asks, not the province
        "Sở Nội vụ",
        "Công an tỉnh",
        "Sở Xây dựng",
        "Sở Công Thương",
    ]


def test_what_the_writer_says_of_itself_and_whom_to_call_are_not_tasks() -> None:
    tasks = tasks_of(
        "Kính gửi: Công an tỉnh.",
        "Sở Y tế nhận được Công văn số 123/BYT-KH ngày 01/02/2024 của Bộ Y tế về việc báo cáo.",
        "Sở Y tế xin gửi kèm theo Công văn này mẫu biểu báo cáo.",
        "Sở Y tế sao gửi Công văn số 45/UBND-VX của UBND tỉnh đến các đơn vị để biết.",
        "Sở Y tế thông báo đến các đơn vị được biết.",
        "Đề nghị Quý cơ quan báo cáo số liệu trước ngày 20/3/2024.",
        "Mọi chi tiết xin liên hệ: bà Nguyễn Thị A, Phòng Kế hoạch, Sở Y tế, ĐT 0235.3812345.",
        "Địa chỉ liên hệ: Vụ Công tác học sinh, sinh viên - Bộ Giáo dục và Đào tạo, số 35 Đại Cồ"
        " Việt, Hà Nội.",
        "Trong quá trình triển khai thực hiện, nếu phát sinh khó khăn, vướng mắc, các cơ quan,"
        " đơn vị kịp thời phản ánh về Sở Y tế.",
        "4. Trong quá trình thực hiện, nếu phát hiện khó khăn, vướng mắc, các cơ quan, đơn vị báo"
        " cáo Sở Y tế để kịp thời tổng hợp, xem xét, giải quyết./.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Công an tỉnh", dt.date(2024, 3, 20))
    ]


def test_a_numbered_item_whose_next_sentence_gives_someone_else_work_is_two_tasks() -> None:
    tasks = tasks_of(
        "Kính gửi: Sở Y tế.",
        "1. Giao Sở Nội vụ bố trí lịch họp và thông báo cụ thể. Sở Y tế chuẩn bị báo cáo chính.",
        "2. Giao Sở Tài chính thẩm định dự toán. Sở Y tế phối hợp cung cấp số liệu.",
        "3. Sở Y tế rà soát danh mục thuốc. Sở Y tế báo cáo trước ngày 20/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", None),
        ("Sở Y tế", None),
        ("Sở Tài chính", None),  # who cooperates is part of the task
        ("Sở Y tế", dt.date(2024, 3, 20)),  # the same agency: one task
    ]


def test_what_a_cited_decree_assigned_and_the_content_after_a_colon_name_no_lead() -> None:
    tasks = tasks_of(
        "1. Nghị định số 06/2022/NĐ-CP ngày 07/01/2022 của Chính phủ giao Sở Y tế chủ trì thành"
        " lập thị trường. Đây là vấn đề mới, khó, phức tạp.",
        "2. Sở Tài chính làm việc với Sở Nội vụ về phân công theo hướng: Sở Nội vụ chủ trì quản"
        " lý, Sở Y tế phối hợp; báo cáo trước ngày 30/4/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", dt.date(2024, 4, 30))
    ]


def test_a_sentence_cut_by_a_page_after_khoan_goes_on_with_its_number() -> None:
    document = extract_text(
        "1. Sở Y tế thực hiện theo quy định tại Khoản\n\n3 - Điều 61 Luật Dược.\n".encode(), "x.txt"
    )
    assert document.paragraphs == [
        "1. Sở Y tế thực hiện theo quy định tại Khoản 3 - Điều 61 Luật Dược."
    ]


def test_under_an_agency_heading_whom_it_directs_or_a_condition_does_not_lead() -> None:
    tasks = tasks_of(
        "8. Sở Tài chính",
        "a) Chỉ đạo Công an tỉnh và các đơn vị liên quan rà soát, báo cáo trong quý III năm 2024.",
        "b) Đối với các địa phương chưa ban hành Quy chế phối hợp, khẩn trương ban hành.",
        "c) Chỉ đạo Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan tổ chức tập huấn.",
        "d) Đồng thời, chỉ đạo Công an tỉnh bảo đảm an ninh trật tự.",
        "9. Đối với Sở Y tế: tăng cường kiểm tra an toàn thực phẩm.",
        "10. Về phía Công an tỉnh: bảo đảm an ninh trật tự tại các điểm thi.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", dt.date(2024, 9, 30)),
        ("Sở Tài chính", None),
        ("Sở Tài chính", None),
        ("Sở Tài chính", None),
        ("Sở Y tế", None),
        ("Công an tỉnh", None),
    ]


def test_ve_phia_an_agency_then_a_comma_tells_its_side_and_names_no_lead() -> None:
    tasks = tasks_of(
        "I. KẾT QUẢ THỰC HIỆN",
        "Về phía Sở Y tế, đã tổ chức kiểm tra 25 cơ sở, xử phạt 3 cơ sở vi phạm.",
        "Đối với Công an tỉnh, đã tổ chức 12 đợt tuần tra, kiểm soát.",
        "II. NHIỆM VỤ",
        "1. Sở Y tế tiếp tục kiểm tra an toàn thực phẩm, báo cáo trước ngày 15/5/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 5, 15)),
    ]


def test_items_marked_i_dot_in_brackets_are_items_of_the_addressees_request() -> None:
    draft = read_directive(
        "\n".join(
            [
                "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
                "Số: 3686/UBND-XD",
                "Lào Cai, ngày 11 tháng 5 năm 2026",
                "Kính gửi: Bộ Xây dựng",
                "Để kịp thời tháo gỡ khó khăn cho doanh nghiệp, Ủy ban nhân dân tỉnh trân trọng đề"
                " nghị Bộ Xây dựng:",
                "(i). Chỉ đạo Cục Đăng kiểm Việt Nam khẩn trương ban hành văn bản hướng dẫn.",
                "(ii). Trong thời gian chờ văn bản được sửa đổi, có ý kiến chỉ đạo các cơ quan đăng"
                " kiểm địa phương.",
            ]
        ).encode(),
        "cv.txt",
        catalogue=EMPTY,
        issued_on=dt.date(2026, 5, 11),
    )
    assert [(t.lead and t.lead.written, t.text[:24]) for t in draft.tasks] == [
        ("Bộ Xây dựng", "Chỉ đạo Cục Đăng kiểm Vi"),
        ("Bộ Xây dựng", "Trong thời gian chờ văn "),
    ]


def test_an_opening_with_the_heads_title_before_the_agency_leads_the_items() -> None:
    tasks = extract_tasks(
        Document(
            [
                "Chủ tịch Hội đồng thành viên Tập đoàn Bưu chính Viễn thông Việt Nam chỉ đạo:",
                "- Chủ trì, phối hợp với Viettel bảo đảm nối thông đường truyền trước ngày"
                " 15/8/2025.",
            ]
        ),
        catalogue=EMPTY,
        issued_on=dt.date(2025, 8, 14),
    )
    assert [(t.lead and t.lead.written, t.deadline.date) for t in tasks] == [
        ("Hội đồng thành viên Tập đoàn Bưu chính Viễn thông Việt Nam", dt.date(2025, 8, 15))
    ]


def test_a_holiday_notice_grants_days_off_and_asks_for_duty_rosters() -> None:
    tasks = extract_tasks(
        Document(
            [
                "Theo đó, Thông báo nghỉ tết Âm lịch năm 2026 như sau:",
                "- Cán bộ, công chức, viên chức được nghỉ tết Âm lịch năm 2026 từ thứ Bảy ngày"
                " 14/02/2026 đến hết Chủ nhật ngày 22/02/2026.",
                "- Công chức, viên chức được hoán đổi ngày làm việc từ thứ Hai ngày 31/8/2026"
                " sang thứ Bảy ngày 22/8/2026.",
                "+ Dịp lễ Quốc khánh: Nghỉ thứ Tư ngày 02/9/2026 và lựa chọn nghỉ 01 trong 02"
                " ngày liền kề.",
                "- Các cơ quan, đơn vị phân công lãnh đạo trực, gửi lịch trực về Văn phòng UBND"
                " tỉnh trước ngày 12/02/2026.",
            ]
        ),
        catalogue=EMPTY,
        issued_on=dt.date(2025, 11, 6),
    )
    assert [(t.lead and t.lead.written, t.deadline.date) for t in tasks] == [
        ("Các cơ quan, đơn vị", dt.date(2026, 2, 12))
    ]


def test_a_news_item_with_a_byline_a_letter_sent_to_and_public_works() -> None:
    """A reporter's byline "Q.TUẤN" is no signature, and a name alone is no task; "gửi X đề
    nghị" asks X; "Đối với các công trình ..., X tổ chức" (works, not "trình") leads with X."""
    draft = read_directive(
        "\n\n".join(
            [
                "Khẩn trương trình phê duyệt Quy hoạch tỉnh",
                "Q.TUẤN 04/12/2023 16:43",
                "(QNO) - UBND tỉnh vừa có công văn gửi Sở Tài chính đề nghị khẩn trương hoàn"
                " thiện hồ sơ quy hoạch tỉnh, trình phê duyệt trước ngày 5/12/2023.",
                "Đối với các công trình không có cơ quan chủ quản, Sở Y tế tổ chức đánh giá,"
                " báo cáo UBND tỉnh trước ngày 15/12/2023.",
                "UBND tỉnh Quảng Nam",
                "- Sở Y tế (đối với tài sản kết cấu hạ tầng y tế);",  # one of those addressed
            ]
        ).encode(),
        "tin.txt",
        catalogue=CATALOGUE,
        issued_on=dt.date(2023, 12, 4),
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in draft.tasks] == [
        ("Sở Tài chính", dt.date(2023, 12, 5)),
        ("Sở Y tế", dt.date(2023, 12, 15)),
    ]


def test_a_department_reported_to_have_written_to_the_districts_asks_them_its_items() -> None:
    draft = read_directive(
        "\n\n".join(
            [
                "Hướng dẫn tổng kết công tác khen thưởng",
                "Thực hiện Văn bản số 248/BTĐKT-V.III ngày 04/02/2024 của Ban Thi đua - Khen"
                " thưởng Trung ương; Văn bản số 425/UBND-NC ngày 25/02/2024 của UBND tỉnh, Sở Nội"
                " vụ đã ban hành Văn bản số 164/SNV-TĐKT ngày 03/3/2024 gửi UBND huyện, thành phố"
                " chỉ đạo tổ chức rà soát, trong đó đề nghị:",
                "- Tổ chức rà soát, giải quyết dứt điểm hồ sơ còn tồn đọng: Hoàn thành trước ngày"
                " 15/5/2024.",
            ]
        ).encode(),
        "tin.txt",
        catalogue=CATALOGUE,
        issued_on=dt.date(2024, 3, 3),
    )
    assert [(t.lead.written if t.lead else None, t.deadline.date) for t in draft.tasks] == [
        ("UBND huyện, thành phố", dt.date(2024, 5, 15))
    ]


def test_a_department_issuing_a_document_in_a_plan_is_its_own_task() -> None:
    tasks = tasks_of(
        "Các nội dung như sau:",
        "1. Sở Nội vụ ban hành văn bản hướng dẫn các sở, ngành đánh giá, xếp loại cán bộ năm 2023,"
        " hoàn thành trước ngày 25/3/2024.",
        "2. Sở Y tế có văn bản hướng dẫn các đơn vị quyết toán trước ngày 31/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 3, 25)),
        ("Sở Y tế", dt.date(2024, 3, 31)),
    ]


def test_work_given_to_comrade_minister_goes_to_the_ministry() -> None:
    (task,) = tasks_of(
        "Tiếp theo đoàn kiểm tra liên ngành của Sở Nội vụ và Công an tỉnh, Chủ tịch UBND tỉnh giao "
        "đồng chí Giám đốc Sở Y tế làm Trưởng đoàn khẩn trương kiểm tra, đánh giá tình hình."
    )
    assert lead_key(task.lead) == "Sở Y tế"


def test_those_asked_to_give_the_work_out_lead_it() -> None:
    (task,) = tasks_of(
        "Bộ Y tế đề nghị Chủ tịch UBND các tỉnh, thành phố giao cho các cơ quan chức năng chủ "
        "động công bố số ca mắc trên cổng thông tin của địa phương."
    )
    assert task.lead is not None and task.lead.written == "Chủ tịch UBND các tỉnh, thành phố"


def test_work_given_as_nhiem_vu_cu_the_cho_goes_to_those_named() -> None:
    (task,) = tasks_of(
        "UBND thị xã cũng giao nhiệm vụ cụ thể cho Sở Y tế có trách nhiệm thực hiện tốt công tác "
        "thu gom rác thải y tế."
    )
    assert lead_key(task.lead) == "Sở Y tế"


def test_items_numbered_i_ii_in_one_sentence_are_tasks_each() -> None:
    tasks = tasks_of(
        "Thời gian gửi báo cáo về Sở Tư pháp cụ thể như sau: (i) Sở Y tế và Sở Nội vụ là trước "
        "ngày 16/6/2024; (ii) Công an tỉnh là trước ngày 25/6/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 6, 16)),
        ("Công an tỉnh", dt.date(2024, 6, 25)),
    ]


def test_the_chairman_chi_thi_names_who_does_the_items() -> None:
    tasks = tasks_of(
        "Để chủ động ứng phó, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị Giám đốc Sở Y tế tập trung"
        " thực hiện tốt các nhiệm vụ sau:",
        "1. Tuyên truyền, phổ biến pháp luật về phòng, chống thiên tai.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


@pytest.mark.parametrize(
    "opening",
    [
        # Copied from a PDF without blank lines, two bases run into the opening.
        "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh; Căn cứ Quyết định số"
        " 45/QĐ-UBND ngày 05/01/2026 của UBND tỉnh về việc giao chỉ tiêu kế hoạch phát triển"
        " kinh tế - xã hội năm 2026; UBND tỉnh ban hành Kế hoạch thực hiện như sau:",
        "Căn cứ Chỉ thị số 19/CT-TTg, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    ],
)
def test_a_plans_basis_in_its_opening_does_not_hide_the_plan(opening: str) -> None:
    """ "Căn cứ ...; UBND tỉnh ban hành Kế hoạch như sau:", long or short, opens the plan: it is
    not a "Căn cứ:" heading whose items are the plan's legal bases."""
    tasks = tasks_of(
        opening,
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Cụ thể hóa các chỉ tiêu của Nghị quyết.",
        "II. NHIỆM VỤ",
        "1. Sở Y tế hoàn thành rà soát trong quý II/2026.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2026, 6, 30))
    ]


def test_a_numbered_implementation_heading_is_no_task() -> None:
    tasks = tasks_of(
        "Chủ tịch UBND tỉnh yêu cầu:",
        "1. Sở Tài chính bố trí kinh phí, tham mưu UBND tỉnh trước ngày 30/6/2024.",
        "2. Tổ chức thực hiện",
        "Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện Chỉ thị; báo cáo UBND tỉnh trước ngày"
        " 15/12/2024./.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", dt.date(2024, 6, 30)),
        ("Sở Nội vụ", dt.date(2024, 12, 15)),
    ]


def test_a_plans_targets_are_figures_to_reach_not_tasks() -> None:
    tasks = tasks_of(
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2024 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước.",
        "II. CHỈ TIÊU CHỦ YẾU NĂM 2024",
        "- Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt tối thiểu 50%.",
        "- 100% cơ quan nhà nước sử dụng văn bản điện tử trước ngày 30/6/2024.",
        "III. CHỈ TIÊU VÀ NHIỆM VỤ CỤ THỂ",  # goes on to the work
        "1. Sở Nội vụ tổ chức tập huấn chuyển đổi số trong quý II/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 6, 30))
    ]


def test_a_ministry_letter_asking_for_a_report_on_points_and_again_with_a_date() -> None:
    """What the report must cover ("1. Báo cáo kết quả ...") and the closing that asks the same
    agencies for it again, with its date, are one task."""
    tasks = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Căn cứ Thông tư số 26/2009/TT-BGDĐT ngày 30/9/2009; Bộ Giáo dục và Đào tạo đề nghị Sở Y"
        " tế báo cáo công tác chỉ đạo với các vấn đề cụ thể sau:",
        "1. Báo cáo kết quả các trường thực hiện sự chỉ đạo từ năm học 2009 - 2010 đến nay.",
        "2. Công tác xử lý các nguồn tin phản hồi của phụ huynh học sinh.",
        "Nhận được công văn này, Bộ Giáo dục và Đào tạo đề nghị Sở Y tế nghiêm túc triển khai"
        " và báo cáo kết quả bằng văn bản về Bộ trước ngày 25/3/2024.",
        addressee=CATALOGUE.find_mentions("Sở Y tế"),
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 25))
    ]


def test_a_ministrys_letter_asks_the_committee_it_writes_to_by_its_bare_name() -> None:
    # To "Ủy ban nhân dân tỉnh Gia Lai", "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo ..." asks it.
    addressee = Catalogue([]).find_mentions("Ủy ban nhân dân tỉnh Gia Lai")
    (task,) = tasks_of(
        "Kính gửi: Ủy ban nhân dân tỉnh Gia Lai.",
        "1. Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các cơ quan, đơn vị rà soát trụ sở dôi dư, hoàn "
        "thành trước ngày 31/3/2024.",
        addressee=addressee,
    )
    assert (task.lead, task.deadline.date) == (addressee[0], dt.date(2024, 3, 31))


@pytest.mark.parametrize(
    "attached",
    [
        "(Kèm theo Quyết định số 2200/QĐ-UBND ngày 10 tháng 6 năm 2026)",
        "(Kèm theo QĐ số 2200/QĐ-UBND ngày 10/6/2026)",
        "(Phê duyệt kèm theo Quyết định số 2200/QĐ-UBND ngày 10/6/2026)",
        "(Ban hành theo Quyết định số 2200/QĐ-UBND ngày 10/6/2026)",
    ],
)
def test_a_decision_gives_the_tasks_of_the_plan_it_issues(attached: str) -> None:
    """A decision ends with its recipients and signature; the plan it issues follows, and its
    table gives the work (the plan's own list that names no one restates the table)."""
    draft = read_directive(
        "\n\n".join(
            [
                "Số: 2200/QĐ-UBND",
                "Lai Châu, ngày 10 tháng 6 năm 2026",
                "QUYẾT ĐỊNH",
                "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai Nghị định.",
                "Nơi nhận:",
                "- Như Điều 3;",
                "KT. CHỦ TỊCH",
                "KẾ HOẠCH",
                attached,
                "1. Tổ chức hội nghị phổ biến Nghị định.",
                "TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian",
                "1 | Tổ chức hội nghị phổ biến Nghị định | Sở Y tế | Sở Tài chính | Quý III/2026",
                "Nơi nhận:",
            ]
        ).encode(),
        "qd.txt",
        catalogue=CATALOGUE,
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in draft.tasks] == [
        ("Sở Y tế", dt.date(2026, 9, 30))
    ]


@pytest.mark.parametrize("annex", ["PHỤ LỤC", "Phụ lục I: Danh mục nhiệm vụ"])
def test_a_plans_task_table_in_an_annex_after_its_signature_gives_the_work(annex: str) -> None:
    draft = read_directive(
        "\n\n".join(
            [
                "Số: 45/KH-UBND",
                "Quảng Trị, ngày 14 tháng 3 năm 2025",
                "KẾ HOẠCH",
                "III. NHIỆM VỤ, GIẢI PHÁP",
                "(Chi tiết tại Phụ lục kèm theo)",
                "Nơi nhận:",
                "- Các sở, ban, ngành;",
                "TM. ỦY BAN NHÂN DÂN",
                "PHÓ CHỦ TỊCH",
                "Hoàng Nam",
                annex,
                "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
                "1 | Rà soát các đơn vị sự nghiệp | Sở Nội vụ | Sở Tài chính | Tháng 6/2025",
                "2 | Triển khai trợ lý ảo cho công chức | Sở Y tế | Công an tỉnh | 30/9/2025",
            ]
        ).encode(),
        "kh.txt",
        catalogue=CATALOGUE,
    )

    assert [(lead_key(t.lead), t.deadline.date) for t in draft.tasks] == [
        ("Sở Nội vụ", dt.date(2025, 6, 30)),
        ("Sở Y tế", dt.date(2025, 9, 30)),
    ]


def test_under_giao_x_a_paragraph_that_opens_chu_tri_is_xs_task() -> None:
    tasks = tasks_of(
        "2. Giao Sở Y tế",
        "Chủ trì, phối hợp với Công an tỉnh tổ chức hướng dẫn triển khai thực hiện Quyết định.",
        "Đồng thời, chủ trì kiểm tra, đôn đốc việc thực hiện, hoàn thành trước ngày 01/7/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", None),
        ("Sở Y tế", dt.date(2024, 7, 1)),
    ]


def test_an_agency_of_the_province_by_a_name_and_of_tinh_acts() -> None:
    tasks = tasks_of(
        "3. Ban Tiếp công dân của tỉnh tổ chức tiếp công dân thường xuyên vào các ngày làm việc.",
        "4. Kết quả của Sở Y tế được ghi nhận trong báo cáo.",  # "của Sở Y tế": whose
    )
    assert [t.lead.written if t.lead else None for t in tasks] == ["Ban Tiếp công dân"]


def test_what_the_report_must_say_and_when_it_is_sent_belong_to_the_request() -> None:
    tasks = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Để chuẩn bị tổng kết năm 2023, Bộ Y tế đề nghị Sở Y tế chuẩn bị báo cáo tổng kết.",
        "Nội dung báo cáo ngắn gọn, tập trung đánh giá kết quả hoạt động lớn, nổi bật.",
        "Báo cáo xin gửi về Văn phòng Bộ trước ngày 05/12/2023 để tổng hợp.",
        addressee=CATALOGUE.find_mentions("Sở Y tế"),
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2023, 12, 5))
    ]


def test_work_given_in_steps_is_one_task_and_an_agency_headings_items_are_several() -> None:
    tasks = tasks_of(
        "1. Sở Tài chính:",
        "a) Rà soát cơ chế, chính sách, báo cáo trong quý II/2024.",
        "b) Phối hợp với các địa phương chỉ đạo, hướng dẫn triển khai:",
        "- Xây dựng kết cấu hạ tầng đúng tiến độ.",
        "- Thu hút đầu tư có chọn lọc.",
        "2. Sở Y tế:",
        "- Tăng cường kiểm tra an toàn thực phẩm.",
        "- Rà soát danh mục thuốc.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", dt.date(2024, 6, 30)),
        ("Sở Tài chính", None),  # b) and its two steps
        ("Sở Y tế", None),
        ("Sở Y tế", None),
    ]


def test_a_heading_whose_items_are_each_given_to_someone_only_opens_them() -> None:
    tasks = tasks_of(
        "3. Trong thời gian tới, yêu cầu các sở, ngành tập trung thực hiện một số nhiệm vụ như "
        "sau:",
        "(1) Giao Sở Tài chính chủ trì, khẩn trương hoàn thiện hồ sơ.",
        "(2) Đề nghị Công an tỉnh phối hợp chặt chẽ với các cơ quan liên quan.",
        "4. Sở Y tế tập trung thực hiện các nhiệm vụ sau:",
        "(1) Rà soát danh mục thuốc.",
        "(2) Giao Trung tâm Kiểm soát bệnh tật tỉnh tăng cường giám sát dịch bệnh.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", None),
        ("Công an tỉnh", None),
        ("Sở Y tế", None),  # 4. and its step (1)
        ("Trung tâm Kiểm soát bệnh tật tỉnh", None),
    ]


def test_an_opening_that_names_its_agency_after_a_connective_leads_its_items() -> None:
    tasks = tasks_of(
        "Đồng thời, Sở Y tế thực hiện các nội dung sau:",
        "1. Rà soát giấy phép đã cấp;",
        "2. Kiểm tra việc khai thác trong quý II/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", None),
        ("Sở Y tế", dt.date(2024, 6, 30)),
    ]


def test_the_writer_named_after_a_connective_does_not_lead_the_points_it_raises() -> None:
    """ "Ngoài ra, Sở Tài chính lưu ý các đơn vị ...": the writer tells its addressees; the
    points are theirs (and a rule among them no task)."""
    tasks = tasks_of(
        "Ngoài ra, Sở Tài chính lưu ý các đơn vị một số nội dung sau:",
        "1. Hồ sơ thanh toán phải đầy đủ chứng từ hợp lệ;",
        "2. Gửi báo cáo quyết toán trước ngày 15/4/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [(None, dt.date(2024, 4, 15))]


def test_a_heading_that_first_asks_for_dated_work_is_a_task_besides_its_items() -> None:
    tasks = tasks_of(
        "2. Sở Tài chính chủ trì, phối hợp với Sở Tư pháp hoàn thiện dự thảo Đề án, trình UBND "
        "tỉnh trước ngày 20 tháng 10 năm 2024. Trong đó chú ý một số nội dung sau:",
        "- Về phân công nhiệm vụ:",
        "Sở Tài chính làm việc cụ thể với Sở Tư pháp về nội dung phân công nhiệm vụ.",
        "- Về số liệu:",
        "Sở Y tế khẩn trương rà soát, cung cấp số liệu cho Sở Tài chính.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", dt.date(2024, 10, 20)),
        ("Sở Tài chính", dt.date(2024, 10, 20)),
        ("Sở Y tế", dt.date(2024, 10, 20)),
    ]
    # A heading that only opens its lines stays out, as before.
    opening = tasks_of(
        "2. Sở Tài chính thực hiện các nội dung sau:",
        "- Sở Tài chính làm việc cụ thể với Sở Tư pháp về nội dung phân công nhiệm vụ.",
        "- Sở Y tế rà soát, cung cấp số liệu cho Sở Tài chính trong quý IV/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in opening] == [
        ("Sở Tài chính", None),
        ("Sở Y tế", dt.date(2024, 12, 31)),
    ]


def test_a_heading_that_names_a_set_of_agencies_leads_its_items() -> None:
    tasks = tasks_of(
        "2. Các sở quản lý nhà nước chuyên ngành về hạ tầng",
        "a) Rà soát, thống kê toàn bộ tài sản kết cấu hạ tầng.",
        "3. Các đơn vị tổ chức thực hiện kế hoạch",  # a sentence, not a name
        "a) Tăng cường kiểm tra.",
        "4. Đối với các Bộ quản lý chuyên ngành (theo khoản 5 Điều 3 Nghị định)",
        "a) Công bố danh mục tài sản kết cấu hạ tầng.",
        "5. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải",
        "a) Chủ động phối hợp triển khai các giải pháp, nền tảng số.",
        "6. Các tổ chức tín dụng trên địa bàn tỉnh",
        "a) Cơ cấu lại thời hạn trả nợ cho khách hàng.",
        "7. Các bệnh viện tuyến tỉnh cần lưu ý một số nội dung sau:",
        "a) Bố trí đủ giường bệnh.",
        "8. Các trường hợp mắc bệnh phải nhập viện:",  # cases, not agencies
        "a) Chuyển tuyến trên khi vượt khả năng điều trị.",
    )
    assert [t.lead.written if t.lead else None for t in tasks] == [
        "Các sở quản lý nhà nước chuyên ngành về hạ tầng",
        None,
        "các Bộ quản lý chuyên ngành",
        "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải",
        "Các tổ chức tín dụng trên địa bàn tỉnh",
        "Các bệnh viện tuyến tỉnh",
    ]


def test_a_request_heading_that_names_a_set_of_units_leads_its_items_not_the_addressee() -> None:
    """A letter to the centre and the hospitals asks each in turn: "2. Các bệnh viện tuyến tỉnh:"
    names those its items are for, though no catalogue lists them."""
    addressee = [AgencyMention("Sở Y tế", 0, 7, CATALOGUE.entries[1])]
    tasks = tasks_of(
        "Sở Nội vụ đề nghị các đơn vị triển khai các nội dung sau:",
        "1. Sở Y tế:",
        "- Tăng cường giám sát, phát hiện sớm ca bệnh.",
        "2. Các bệnh viện tuyến tỉnh:",
        "- Chuẩn bị đầy đủ thuốc, vật tư, hóa chất.",
        "3. Đối với doanh nghiệp, hợp tác xã:",  # the set named without "các"
        "- Bố trí khu cách ly tạm thời tại nơi làm việc.",
        "4. Đối với trường hợp nghi mắc bệnh:",  # cases, not a set of agencies
        "- Sở Y tế hướng dẫn cách ly tại nhà.",
        addressee=addressee,
    )
    assert [t.lead.written if t.lead else None for t in tasks] == [
        "Sở Y tế",
        "Các bệnh viện tuyến tỉnh",
        "doanh nghiệp, hợp tác xã",
        "Sở Y tế",
    ]


def test_comments_asked_for_and_where_to_send_them_by_when_are_one_task() -> None:
    tasks = tasks_of(
        "Bộ Giao thông vận tải đề nghị Sở Y tế rà soát, cho ý kiến về dự thảo Phụ lục.",
        "Bộ Giao thông vận tải gửi kèm công văn này hiện trạng bến xe toàn quốc.",
        "Văn bản góp ý gửi về Bộ (qua Vụ Vận tải; email vt@mt.gov.vn) trước ngày 11/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 11))
    ]


def test_theo_do_links_to_what_comes_before_it_gives_no_basis_to_cut() -> None:
    tasks = tasks_of(
        "Theo đó, Phó Chủ tịch UBND tỉnh chỉ đạo, trong thời gian từ ngày 1 - 31/10/2024, Sở Y tế"
        " phải triển khai điều tra thu thập thông tin.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 10, 31))
    ]


def test_a_conclusion_items_that_give_no_one_work_are_not_tasks() -> None:
    tasks = tasks_of(
        "Sau khi nghe Sở Y tế báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:",
        "1. Đánh giá cao sự nỗ lực của Sở Y tế trong công tác phòng chống dịch thời gian qua.",
        "2. Giao Sở Y tế hoàn thiện đề án, trình UBND tỉnh trước ngày 30/4/2024.",
        "3. Sở Nội vụ đã báo cáo đầy đủ các nội dung tại cuộc họp.",
        "4. Việc đầu tư xây dựng bệnh viện là cần thiết, phù hợp với quy hoạch.",
        "5. Thứ tư, tăng cường phối hợp giữa các sở, ngành.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 30)),
        (None, None),  # no one named, but work asked for: the officer names the lead
    ]


def test_letter_addressee_leads_tasks_that_name_no_agency() -> None:
    tasks = tasks_of(
        "Số: 12/UBND-VX",
        "V/v báo cáo tình hình",
        "Kính gửi: Sở Y tế.",
        "UBND tỉnh đề nghị quý cơ quan báo cáo tình hình dịch bệnh trong 05 ngày làm việc.",
        "Sở Nội vụ phối hợp theo dõi.",
    )
    assert [(lead_key(t.lead), t.deadline.kind) for t in tasks] == [
        ("Sở Y tế", "working_days"),
        ("Sở Nội vụ", "ongoing"),
    ]
    explicit = tasks_of(
        "Kính gửi: Sở Y tế.",
        "Đề nghị khẩn trương báo cáo.",
        addressee=CATALOGUE.find_mentions("Công an tỉnh"),
    )
    assert lead_key(explicit[0].lead) == "Công an tỉnh"


def test_plan_table_rows_become_tasks() -> None:
    tasks = tasks_of(
        "II. NHIỆM VỤ",
        "STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện",
        "1 | Rà soát thủ tục | Sở Nội vụ | Sở Y tế, Công an tỉnh | Quý II/2024",
        "2 | Kiểm tra | Sở Y tế | | Thường xuyên",
        "3 | Tổng kết | Sở Quy hoạch - Kiến trúc | Sở Nội vụ | Tháng 12/2024",
    )
    assert [(lead_key(t.lead), t.deadline.date, t.deadline.kind) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 6, 30), "quarter"),
        ("Sở Y tế", None, "ongoing"),
        ("Sở Quy hoạch - Kiến trúc", dt.date(2024, 12, 31), "month"),
    ]
    assert [lead_key(m) for m in tasks[0].cooperating] == ["Sở Y tế", "Công an tỉnh"]
    assert tasks[2].unknown_agencies == ["Sở Quy hoạch - Kiến trúc"]


def test_a_plans_last_item_before_its_appendix_table_is_a_task_not_the_tables_heading() -> None:
    tasks = tasks_of(
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Tài chính tham mưu bố trí kinh phí, hoàn thành trước ngày 30/11/2024.",
        "2. Sở Nội vụ kiện toàn Ban Chỉ đạo, xong trước ngày 30/9/2024./.",
        "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành",
        "1 | Xây dựng Kho dữ liệu dùng chung | Sở Y tế | Công an tỉnh | Hằng năm",
    )
    assert [(lead_key(t.lead), t.deadline.date, t.deadline.recurrence) for t in tasks] == [
        ("Sở Tài chính", dt.date(2024, 11, 30), None),
        ("Sở Nội vụ", dt.date(2024, 9, 30), None),
        ("Sở Y tế", None, "yearly"),
    ]


def test_a_plan_tables_as_above_cell_is_the_row_aboves() -> None:
    tasks = tasks_of(
        "STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Nâng cấp Hệ thống thông tin | Sở Nội vụ | Sở Y tế | Tháng 6/2024",
        "2 | Duy trì Cổng Dịch vụ công | Như trên | Như trên | Thường xuyên",
    )
    assert [(lead_key(t.lead), [lead_key(m) for m in t.cooperating]) for t in tasks] == [
        ("Sở Nội vụ", ["Sở Y tế"]),
        ("Sở Nội vụ", ["Sở Y tế"]),
    ]


def test_a_directives_closing_lines_are_no_tasks() -> None:
    tasks = tasks_of(
        "1. Sở Y tế kiểm tra an toàn thực phẩm, hoàn thành trong quý II năm 2024.",
        "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản"
        " ánh về Sở Nội vụ để tổng hợp, báo cáo UBND tỉnh xem xét, quyết định.",
        "Các Giám đốc sở, Chủ tịch UBND các huyện chịu trách nhiệm thi hành Chỉ thị này./.",
        "Các Bộ trưởng, Chủ tịch UBND các tỉnh chịu trách nhiệm tổ chức thực hiện nghiêm Chỉ thị"
        " này./.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 6, 30))
    ]


def test_a_plan_table_gives_a_year_or_a_span_of_years_as_its_time() -> None:
    tasks = tasks_of(
        "TT | Nhiệm vụ, đề án | Cơ quan chủ trì thực hiện | Cơ quan phối hợp thực hiện | "
        "Thời gian trình | Cấp trình | Sản phẩm",
        "I | Xây dựng thể chế",
        "1 | Báo cáo tổng kết | Sở Nội vụ | Sở Y tế | 2024 | UBND tỉnh | Báo cáo",
        "2 | Quy hoạch vùng | Sở Y tế | | 2024-2026 | UBND tỉnh | Quyết định",
        # The periods a row's work spans: due by the end of the last.
        "3 | Tập huấn | Sở Tài chính | | Quý III, IV/2024 | UBND tỉnh | Hội nghị",
        "4 | Cơ sở dữ liệu | Sở Nội vụ | | Quý IV/2024, 2025 | UBND tỉnh | Phần mềm",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 12, 31)),
        ("Sở Y tế", dt.date(2026, 12, 31)),
        ("Sở Tài chính", dt.date(2024, 12, 31)),
        ("Sở Nội vụ", dt.date(2025, 12, 31)),
    ]


def test_a_plan_tables_day_written_with_ngay_and_roles_written_in_the_lead_cell() -> None:
    tasks = tasks_of(
        "TT | Nội dung nhiệm vụ | Cơ quan thực hiện | Thời gian hoàn thành",
        "1 | Tổng kết công tác năm | Chủ trì: Sở Nội vụ\nPhối hợp: Sở Y tế | Ngày 20/12/2024",
        "2 | Kiểm tra an toàn thực phẩm | Sở Y tế | Ngày 15 tháng 12 năm 2024",
    )
    assert [
        (lead_key(t.lead), [lead_key(c) for c in t.cooperating], t.deadline.date) for t in tasks
    ] == [
        ("Sở Nội vụ", ["Sở Y tế"], dt.date(2024, 12, 20)),
        ("Sở Y tế", [], dt.date(2024, 12, 15)),
    ]


def test_a_plan_tables_lead_cell_merged_over_rows_leads_each_of_them() -> None:
    """A lead written once for the rows it spans, as a copied table keeps a merged cell: in the
    first of them, or in the group row above them."""
    tasks = tasks_of(
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "I | Hạ tầng số | | |",
        "1 | Xây dựng cơ sở dữ liệu đất đai | Sở Nội vụ | Sở Tài chính | Tháng 6/2024",
        "2 | Số hóa hồ sơ địa chính | | | Quý III/2024",
        "3 | Số hóa hồ sơ hộ tịch | Sở Y tế | Công an tỉnh | Quý III/2024",
        "4 | Cấp bản sao điện tử | | | Tháng 12/2024",
        "II | Nhân lực số | Sở Tài chính | |",
        "1 | Đào tạo kỹ năng số | | Sở Y tế | Quý II/2024",
        "2 | Tuyển dụng chuyên gia | | | Năm 2024",
        "III | Nhiệm vụ khác | | |",
        "1 | Tổng kết, đánh giá | | | Tháng 12/2024",
    )

    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 6, 30)),
        ("Sở Nội vụ", dt.date(2024, 9, 30)),
        ("Sở Y tế", dt.date(2024, 9, 30)),
        ("Sở Y tế", dt.date(2024, 12, 31)),
        ("Sở Tài chính", dt.date(2024, 6, 30)),
        ("Sở Tài chính", dt.date(2024, 12, 31)),
        # A merged cell does not cross a group row.
        (None, dt.date(2024, 12, 31)),
    ]


def test_a_plan_table_with_numbered_groups_spans_and_yearly_months() -> None:
    tasks = tasks_of(
        "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Công tác tuyên truyền | | |",
        "1.1 | Tuyên truyền về chuyển đổi số | Sở Nội vụ | Sở Y tế | Quý I - Quý II/2024",
        "1.2 | Tổ chức hội nghị quán triệt | Sở Y tế; Công an tỉnh | | Tháng 6 hằng năm",
        "2 | Hoàn thiện thể chế | | | Năm 2024",
        "2.1 | Rà soát văn bản | Sở Nội vụ | Các sở, ban, ngành |",
    )
    assert [
        (lead_key(t.lead), t.deadline.date, t.deadline.recurrence, t.inherited) for t in tasks
    ] == [
        ("Sở Nội vụ", dt.date(2024, 6, 30), None, False),
        ("Sở Y tế", dt.date(2024, 6, 30), "yearly", False),
        # The group row's year is its rows' deadline.
        ("Sở Nội vụ", dt.date(2024, 12, 31), None, True),
    ]


def test_a_plan_table_with_a_two_row_header_and_roles_in_brackets() -> None:
    tasks = tasks_of(
        "TT | Nội dung công việc | Cơ quan thực hiện | | Thời gian",
        " | | Chủ trì | Phối hợp | ",
        "1 | Rà soát thủ tục | Sở Nội vụ | Sở Y tế | Quý II/2024",
        "2 | Kiểm tra | Sở Y tế (chủ trì), Công an tỉnh | | Tháng 9/2024",
    )
    assert [(lead_key(t.lead), [lead_key(c) for c in t.cooperating]) for t in tasks] == [
        ("Sở Nội vụ", ["Sở Y tế"]),
        ("Sở Y tế", ["Công an tỉnh"]),
    ]


def test_a_plan_table_ordered_by_time_with_months_and_merged_time_cells() -> None:
    """A schedule whose first column is the time: months, spans of months ("10-11/2019": by the
    end of November), and rows under a time that spans them (a merged cell, left empty in a copy
    of the table); "Đơn vị chủ trì" under "Thực hiện" names the lead, not the column of who
    answers for it by law."""
    tasks = tasks_of(
        "Thời gian | Nội dung công việc | Cơ quan chịu trách nhiệm quản lý nhà nước | Thực hiện",
        " |  |  | Đơn vị chủ trì | Đơn vị phối hợp",
        "I | GIAI ĐOẠN 1: LẬP NHIỆM VỤ",
        "10-11/2019 | Xây dựng khung định hướng | Cơ quan lập quy hoạch | Sở Nội vụ | Sở Y tế",
        " | Lấy ý kiến các sở, ngành | Cơ quan lập quy hoạch | Sở Y tế | Sở Nội vụ",
        "12/2019 | Trình phê duyệt nhiệm vụ | Cơ quan tổ chức lập quy hoạch | Sở Nội vụ | ",
        "Tháng 01-4/2021 | Lấy ý kiến về quy hoạch | Cơ quan lập quy hoạch | Công an tỉnh | ",
    )
    assert [(lead_key(t.lead), t.deadline.date, t.deadline.kind) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2019, 11, 30), "month"),
        ("Sở Y tế", dt.date(2019, 11, 30), "month"),
        ("Sở Nội vụ", dt.date(2019, 12, 31), "month"),
        ("Công an tỉnh", dt.date(2021, 4, 30), "month"),
    ]
    assert [lead_key(c) for c in tasks[0].cooperating] == ["Sở Y tế"]


def test_a_numbered_row_without_a_time_takes_none_from_the_row_above() -> None:
    """Only a row with neither number nor time continues the time above it: a numbered row
    left without one has none."""
    tasks = tasks_of(
        "STT | Thời gian | Nội dung | Chủ trì | Phối hợp",
        "1 | 10/2024 | Rà soát thủ tục | Sở Nội vụ | Sở Y tế",
        "2 | | Kiểm tra thường xuyên | Sở Y tế | ",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 10, 31)),
        ("Sở Y tế", None),
    ]


def plan_with_time_cells(cells: list[str]) -> bytes:
    """A plan (.docx) whose task table gives these time cells, one task a row."""
    return docx_from_text(
        "\n".join(
            [
                "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
                "Số: 125/KH-UBND",
                "Đà Lạt, ngày 15 tháng 3 năm 2023",
                "KẾ HOẠCH",
                "Triển khai nhiệm vụ năm 2023",
                "I. NHIỆM VỤ CỤ THỂ",
                "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành",
                *(
                    f"{n} | Rà soát kinh phí | Sở Tài chính | {cell}"
                    for n, cell in enumerate(cells, 1)
                ),
            ]
        )
    )


def test_a_time_cell_of_a_year_before_1945_is_out_of_range() -> None:
    """A task table's time cell "1930" or "12/1930" (a slip for 2030) is no deadline of 1930:
    it comes out of range, for the officer to correct, as "trước ngày 15/3/1930" does."""
    draft = read_directive(
        plan_with_time_cells(["1930", "12/1930", "1900-1920", "2023", "12/2099"]),
        "ke-hoach.docx",
        catalogue=CATALOGUE,
    )
    assert [(task.deadline.date, task.deadline.kind) for task in draft.tasks] == [
        (None, "out_of_range"),
        (None, "out_of_range"),
        (None, "out_of_range"),
        (dt.date(2023, 12, 31), "year"),
        (dt.date(2099, 12, 31), "month"),
    ]


def test_cited_documents_and_horizons_are_not_deadlines() -> None:
    (task,) = tasks_of(
        "Ý kiến như sau:",
        "- Sở Y tế triển khai Quyết định số 12/QĐ-UBND ngày 05/01/2024 về quy hoạch đến năm 2030, "
        "tầm nhìn đến năm 2050.",
    )
    assert task.deadline.date is None and task.deadline.kind == "ongoing"


def test_a_document_without_a_date_is_read_when_its_deadlines_need_none() -> None:
    undated = "Giao Sở Y tế báo cáo kết quả trước ngày 15/4/2023.\nSở Nội vụ theo dõi thường xuyên."
    draft = read_directive(undated.encode(), "x.txt", catalogue=CATALOGUE)
    assert draft.meta.issued_on is None
    assert [(lead_key(t.lead), t.deadline.date) for t in draft.tasks] == [
        ("Sở Y tế", dt.date(2023, 4, 15)),
        ("Sở Nội vụ", None),
    ]
    assert any("không ghi ngày ban hành" in warning.message_vi for warning in draft.warnings)
    # A deadline counted from the document's date, or a date without its year, needs that date.
    for relative in (
        "trong 10 ngày làm việc",
        "trước ngày 15/4 năm nay",
        "trước ngày 20 hằng tháng",
    ):
        text = f"Năm 2023, Sở Y tế báo cáo kết quả {relative}."
        with pytest.raises(UnreadableDocument) as caught:
            read_directive(text.encode(), "x.txt", catalogue=CATALOGUE)
        assert caught.value.reason_code == "no_issue_date"


def test_summary_is_short() -> None:
    text = "Sở Y tế " + "rà soát, " * 40 + "báo cáo."
    mention = CATALOGUE.find_mentions(text)[0]
    summary = summarize(text, mention)
    assert len(summary) <= 120 and summary.startswith("Rà soát")


def test_reimport_has_the_same_hash_and_no_date_is_an_error() -> None:
    data = (DOCUMENTS / "cong-van-vpcp-3348-2015.txt").read_bytes()
    first = read_directive(data, "a.txt", catalogue=CATALOGUE)
    second = read_directive(data, "b.txt", catalogue=CATALOGUE)
    assert first.sha256 == second.sha256 and len(first.sha256) == 64
    with pytest.raises(UnreadableDocument) as caught:
        read_directive("Sở Y tế báo cáo tình hình.".encode(), "x.txt", catalogue=CATALOGUE)
    assert caught.value.reason_code == "no_issue_date"
    draft = read_directive(
        "Sở Y tế báo cáo tình hình.".encode(), "x.txt", catalogue=CATALOGUE, issued_on=ISSUED
    )
    assert draft.meta.issued_on == ISSUED


# --------------------------------------------------------------------------------------------
# Letters to many addressees, office-holders, bases, riders and relayed telegrams.
# --------------------------------------------------------------------------------------------

EMPTY = Catalogue([])


def letter(*body: str, catalogue: Catalogue = EMPTY) -> list[TaskDraft]:
    head = [
        "Số: 45/PGDĐT",
        "V/v thu quỹ phòng, chống thiên tai",
        "Bình Chánh, ngày 18 tháng 3 năm 2016",
    ]
    return extract_tasks(
        Document([*head, *body]), catalogue=catalogue, issued_on=dt.date(2016, 3, 18)
    )


def written(task: TaskDraft) -> str | None:
    return task.lead.written if task.lead else None


def test_office_holders_lead_and_a_dated_sentence_after_a_task_is_its_deadline() -> None:
    tasks = letter(
        "Kính gửi:",
        "- Hiệu trưởng các trường MN - MG (CL - NCL),",
        "- Thủ trưởng các đơn vị trực thuộc.",
        "Đề nghị Hiệu trưởng các trường, Thủ trưởng các đơn vị trực thuộc rà soát lại việc thu quỹ "
        "theo công văn số 498/UBND ngày 17/3/2016 (Đính kèm công văn).",
        "Các đơn vị thực hiện trước ngày 24/3/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Hiệu trưởng các trường", dt.date(2016, 3, 24))
    ]
    assert [m.written for m in tasks[0].cooperating] == ["Thủ trưởng các đơn vị trực thuộc"]


def test_the_members_of_a_council_asked_to_act_lead_as_the_council() -> None:
    tasks = tasks_of(
        "Lãnh đạo huyện yêu cầu các thành viên Hội đồng nghĩa vụ quân sự huyện phải tập trung "
        "thực hiện tốt những nhiệm vụ đã được phân công, hoàn thành trước ngày 10/02/2025."
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Hội đồng nghĩa vụ quân sự huyện", dt.date(2025, 2, 10))
    ]


def test_an_agency_given_work_by_another_leads_it() -> None:
    tasks = tasks_of(
        "Sở Thông tin và Truyền thông được Ủy ban nhân dân tỉnh giao chủ trì, phối hợp Sở Văn hóa "
        "và Thể thao xây dựng kế hoạch, hoàn thành trước ngày 10/10/2022.",
        "Sở Y tế được Ủy ban nhân dân tỉnh biểu dương vì đã hoàn thành tốt nhiệm vụ năm 2022.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Sở Thông tin và Truyền thông", dt.date(2022, 10, 10))
    ]


def test_a_task_that_names_no_one_goes_to_the_first_addressee_under_an_empty_kinh_gui() -> None:
    tasks = letter(
        "Kính gửi:",
        "Hiệu trưởng các trường MN, TH, THCS và TH&THCS trên toàn thị xã",
        "Báo cáo kết quả gửi về Phòng Giáo dục và Đào tạo trước ngày 25/3/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Hiệu trưởng các trường MN, TH, THCS và TH&THCS", dt.date(2016, 3, 25))
    ]


def test_a_form_letters_blank_is_no_addressee_and_a_basis_is_no_task() -> None:
    tasks = letter(
        "Kính gửi: …………………………..……………………..",
        "Căn cứ Quyết định số 1898/QĐ-TTg ngày 28/11/2017 của Thủ tướng Chính phủ, "
        "Ủy ban Dân tộc và các bộ, ngành, địa phương đã tổ chức triển khai Đề án.",
        "Ủy ban Dân tộc đề nghị các bộ, ngành Trung ương và UBND các tỉnh, thành phố trực thuộc "
        "Trung ương xây dựng báo cáo sơ kết, gửi về Ủy ban Dân tộc trước ngày 15 tháng 5 năm 2016.",
    )
    assert [(t.lead and t.lead.group, t.deadline.date) for t in tasks] == [
        ("all_ministries+all_provinces", dt.date(2016, 5, 15))
    ]
    assert find_addressees(Document(["Kính gửi: ……………………", "Căn cứ ..."]), EMPTY) == []


def test_a_basis_clause_before_the_agency_that_acts_gives_no_deadline() -> None:
    (task,) = letter(
        "Kính gửi: Các Sở Giáo dục và Đào tạo1;",
        "Bộ Giáo dục và Đào tạo đề nghị các Sở GDĐT triển khai một số nội dung sau:",
        "1. Căn cứ tình hình dịch tại địa phương sau kỳ nghỉ Tết Nguyên đán, các Sở GDĐT chủ động "
        "báo cáo Ủy ban nhân dân tỉnh xin ý kiến về việc cho học sinh đi học.",
    )
    assert written(task) == "Sở GDĐT" and task.deadline.kind == "ongoing"
    (addressee,) = find_addressees(Document(["Kính gửi: Các Sở Giáo dục và Đào tạo1;"]), EMPTY)
    assert addressee.written == "Sở Giáo dục và Đào tạo"


def test_a_relayed_telegram_asks_what_follows_yeu_cau() -> None:
    tasks = letter(
        "Kính gửi:",
        "Hiệu trưởng các trường MN, TH, THCS",
        "Thực hiện Công điện số 14/CĐ-UBND ngày 15/3/2016 của Chủ tịch UBND tỉnh, Phòng GD&ĐT yêu "
        "cầu: Các đơn vị tiếp tục thực hiện nghiêm Công điện số 14/CĐ-UBND ngày 15/3/2016.",
        "Các đơn vị báo cáo tình hình thiệt hại trước ngày 25/3/2016.",
        "Đề nghị Hiệu trưởng các đơn vị chấp hành nghiêm túc./.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Hiệu trưởng các trường MN, TH, THCS", None),
        ("Hiệu trưởng các trường MN, TH, THCS", dt.date(2016, 3, 25)),
    ]
    assert tasks[0].text.startswith("Các đơn vị tiếp tục")


def test_mended_markers_and_the_date_a_duty_starts_from() -> None:
    tasks = letter(
        "Thực hiện chỉ đạo khẩn của Giám đốc Sở, yêu cầu các cơ sở giáo dục thực hiện như sau:",
        "1. Cho học sinh nghỉ học trong 02 ngày (19 và 20 tháng 3 năm 2016);",
        "2.",
        "Thủ trưởng các đơn vị trực thuộc Sở thông tin nội dung này đến cha mẹ học sinh;3. Thường "
        "xuyên theo dõi diễn biến của bão;",
        "4.Phân công Lãnh đạo trực 24/24 kể từ 10h00 ngày Chủ nhật 20/3/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("các cơ sở giáo dục", dt.date(2016, 3, 20)),
        ("Thủ trưởng các đơn vị trực thuộc Sở", None),
        ("các cơ sở giáo dục", None),
        ("các cơ sở giáo dục", None),
    ]
    assert tasks[2].text.startswith("Thường xuyên theo dõi")


def test_a_news_items_report_sentence_is_asked_of_the_agencies_above() -> None:
    tasks = extract_tasks(
        Document(
            [
                "Ngày 21/4/2020, UBND tỉnh ban hành Công văn số 1915/UBND-KTTH chỉ đạo các Sở, "
                "Ban, ngành, UBND các huyện, thành phố tổ chức trực trong dịp nghỉ Lễ.",
                "Các Sở, Ban, ngành, UBND các huyện, thành phố bố trí phân công trực.",
                "Báo cáo tình hình gửi Văn phòng UBND tỉnh trước 17 giờ 00 ngày 03/5/2020.",
            ]
        ),
        catalogue=EMPTY,
        issued_on=dt.date(2020, 4, 21),
    )
    assert [(t.lead and t.lead.group, t.deadline.date) for t in tasks] == [
        ("all_departments+all_districts", None),
        ("all_departments+all_districts", dt.date(2020, 5, 3)),
    ]


def test_a_news_items_writer_asking_for_a_report_naming_no_one_dates_the_request_above() -> None:
    tasks = extract_tasks(
        Document(
            [
                "Cục Quản lý Dược vừa có công văn yêu cầu Sở Y tế tỉnh Thừa Thiên Huế kiểm tra,"
                " xác minh thông tin phản ánh về quầy thuốc bán thuốc hết hạn.",
                "Cục Quản lý Dược yêu cầu báo cáo kết quả thực hiện về Cục trước ngày 10/5 để"
                " tổng hợp, báo cáo Lãnh đạo Bộ.",
            ]
        ),
        catalogue=EMPTY,
        issued_on=dt.date(2018, 5, 2),
    )
    assert [(t.lead and t.lead.written, t.deadline.date) for t in tasks] == [
        ("Sở Y tế tỉnh Thừa Thiên Huế", dt.date(2018, 5, 10))
    ]


def test_an_approval_that_moves_a_deadline_is_the_new_deadline() -> None:
    (task,) = letter(
        "Kính gửi: Sở Nội vụ.",
        "1. Đồng ý lùi thời gian trình Đề án sang tháng 12 năm 2016 như đề nghị của Sở Nội vụ.",
        catalogue=CATALOGUE,
    )
    assert lead_key(task.lead) == "Sở Nội vụ" and task.deadline.date == dt.date(2016, 12, 31)


def test_an_approval_then_the_work_it_gives_is_that_work() -> None:
    tasks = tasks_of(
        "5. Thống nhất chủ trương cho phép Công an tỉnh lập phương án; Công an tỉnh hoàn chỉnh hồ"
        " sơ, trình thẩm định trước ngày 10/5/2024.",
        "6. Thống nhất với đề xuất của Sở Y tế; Sở Y tế đã trình hồ sơ.",
        # The work given in a sentence of its own.
        "7. Đồng ý chủ trương điều chỉnh hướng tuyến theo đề xuất của Sở Nội vụ. Sở Nội vụ hoàn"
        " thiện hồ sơ, gửi Sở Y tế thẩm định trước ngày 15/10/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Công an tỉnh", dt.date(2024, 5, 10)),
        ("Sở Nội vụ", dt.date(2024, 10, 15)),
    ]


def test_numbered_particulars_belong_to_the_one_task_they_describe() -> None:
    (task,) = letter(
        "Kính gửi: Hiệu Trưởng các trường Tiểu học.",
        "Phòng Giáo dục và Đào tạo Quận 11 đề nghị Hiệu Trưởng các trường Tiểu học tổ chức "
        "cuộc thi vẽ tranh nha học đường như sau:",
        "1. Thời gian dự thi: Từ ngày 05/4/2016 đến ngày 30/4/2016.",
        "2. Đối tượng dự thi: Học sinh từ lớp 1 đến lớp 4.",
        "Đề nghị các đơn vị phối hợp triển khai thực hiện./.",
    )
    assert written(task) == "Hiệu Trưởng các trường Tiểu học"
    assert task.deadline.date == dt.date(2016, 4, 30)


def test_a_news_item_names_the_addressees_and_a_list_after_a_colon_names_no_actor() -> None:
    tasks = extract_tasks(
        Document(
            [
                "Ngày 16/4/2020, UBND tỉnh ban hành công văn số 1232/UBND-VP gửi các sở, ngành; "
                "UBND các huyện, thành phố về việc tổ chức trực trong dịp nghỉ Lễ.",
                "Theo đó, Chủ tịch UBND tỉnh yêu cầu: từ ngày 30/4/2020 đến hết ngày 03/5/2020, "
                "các đơn vị bố trí, phân công trực hợp lý.",
                "Thông báo đến các trường cho học sinh các trường: Mầm non, tiểu học, Trung tâm "
                "Giáo dục thường xuyên nghỉ học.",
            ]
        ),
        catalogue=EMPTY,
        issued_on=dt.date(2020, 4, 16),
    )
    assert [written(t) for t in tasks] == ["các sở, ngành; UBND các huyện, thành phố"] * 2


# --------------------------------------------------------------------------------------------
# News items, short letters, holiday rosters, storms and web pages, with no catalogue.
# --------------------------------------------------------------------------------------------


def news(*paragraphs: str, issued: dt.date = dt.date(2026, 1, 12)) -> list[TaskDraft]:
    return extract_tasks(Document(list(paragraphs)), catalogue=EMPTY, issued_on=issued)


def leads_and_dates(tasks: list[TaskDraft]) -> list[tuple[str | None, dt.date | None]]:
    return [(written(t), t.deadline.date) for t in tasks]


def test_a_news_item_asks_each_agency_in_its_own_clause() -> None:
    tasks = news(
        "Ngày 12/01, UBND tỉnh Quảng Trị ban hành Công văn số 123/UBND-VX yêu cầu các sở, ngành, "
        "UBND các huyện triển khai phòng, chống dịch.",
        "Theo đó, Sở Y tế chủ trì, phối hợp với các địa phương giám sát dịch bệnh; Công an tỉnh "
        "tăng cường kiểm tra; các địa phương báo cáo kết quả về Sở Y tế trước ngày 20/01.",
    )
    assert leads_and_dates(tasks) == [
        ("Sở Y tế", None),
        ("Công an tỉnh", None),
        ("các địa phương", dt.date(2026, 1, 20)),
    ]


def test_a_news_item_tells_who_chaired_what_was_done_and_asked_before_the_orders() -> None:
    tasks = news(
        "Chiều 12/01, Ban Chỉ đạo phòng, chống dịch bệnh huyện họp đánh giá tình hình dịch. Ông"
        " Lê Minh Dũng, Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo, chủ trì cuộc họp.",
        "Báo cáo tại hội nghị cho biết, trong năm 2025, lực lượng chức năng trên địa bàn tỉnh đã"
        " phát hiện, xử lý 384 vụ vi phạm.",
        # What those at the meeting asked for is what the meeting heard.
        "Tại hội nghị, các đại biểu tập trung thảo luận những khó khăn, vướng mắc. Đại diện UBND xã"
        " Tân Phú đề nghị UBND huyện sớm hỗ trợ kinh phí; Ban Quản lý dự án đầu tư xây dựng huyện"
        " kiến nghị các phòng chuyên môn rút ngắn thời gian thẩm định hồ sơ.",
        "Phát biểu chỉ đạo, ông Lê Minh Dũng đề nghị:",
        "Sở Y tế tổng hợp, báo cáo UBND huyện trước ngày 28/01.",
    )
    assert leads_and_dates(tasks) == [("Sở Y tế", dt.date(2026, 1, 28))]


def test_what_was_done_before_the_orders_is_no_task_even_cut_by_a_semicolon() -> None:
    tasks = news(
        "Năm 2025, toàn tỉnh giải quyết việc làm cho 35.412 lượt lao động; Sở Y tế tổ chức 48 đợt"
        " khám sức khỏe cho 24.870 lượt người.",
        "Dưới sự lãnh đạo của Tỉnh ủy, sự chỉ đạo quyết liệt của UBND tỉnh, Sở Y tế, các cấp, các"
        " ngành đã chủ động triển khai các biện pháp phòng dịch.",
        "Chủ tịch UBND tỉnh đề nghị:",
        "1. Các xã Gio Mỹ, Gio Hải, Trung Sơn tập trung hoàn thành các tiêu chí trong quý I/2026.",
        "2. Các bệnh viện trên địa bàn tỉnh bố trí đủ giường bệnh, hoàn thành trước ngày 30/01.",
    )
    assert leads_and_dates(tasks) == [
        ("Các xã Gio Mỹ, Gio Hải, Trung Sơn", dt.date(2026, 3, 31)),
        ("Các bệnh viện trên địa bàn tỉnh", dt.date(2026, 1, 30)),
    ]


def test_a_telegrams_weather_is_no_task_and_military_commanders_lead() -> None:
    tasks = news(
        "Theo Đài Khí tượng thủy văn tỉnh, từ nay đến ngày 20/01/2026 trên địa bàn tỉnh tiếp tục"
        " có mưa to.",
        "Bão có khả năng đổ bộ vào khu vực ven biển tỉnh trong đêm ngày 21/01/2026.",
        "Chủ tịch UBND tỉnh yêu cầu:",
        "1. Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh bố trí lực lượng sẵn sàng ứng cứu.",
        "2. Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh tổ chức trực ban nghiêm túc 24/24 giờ.",
    )
    assert leads_and_dates(tasks) == [
        ("Bộ Chỉ huy Quân sự tỉnh", None),
        ("Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh", None),
    ]


def test_an_ordinal_heading_leads_the_dashes_under_it() -> None:
    tasks = news(
        "Thủ tướng Chính phủ kết luận như sau:",
        "Thứ nhất, Bộ Y tế:",
        "- Hoàn thành liên thông dữ liệu khám bệnh trong quý I năm 2026;",
        "Thứ hai, Bộ Công an:",
        "- Triển khai VNeID mức 2, xong trước 30/4/2026.",
    )
    assert leads_and_dates(tasks) == [
        ("Bộ Y tế", dt.date(2026, 3, 31)),
        ("Bộ Công an", dt.date(2026, 4, 30)),
    ]


def test_a_communes_and_a_schools_own_units_lead() -> None:
    tasks = news(
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Bộ phận Một cửa xã niêm yết thủ tục trước ngày 27/01/2026.",
        "2. Công chức Địa chính - Xây dựng kiểm tra hiện trạng trước ngày 28/01/2026.",
        "3. Đoàn Thanh niên xã ra quân vệ sinh môi trường trước ngày 29/01/2026.",
        "4. Chi hội Phụ nữ các thôn vận động hội viên trước ngày 30/01/2026.",
    )
    assert [written for written, _ in leads_and_dates(tasks)] == [
        "Bộ phận Một cửa xã",
        "Công chức Địa chính - Xây dựng",
        "Đoàn Thanh niên xã",
        "Chi hội Phụ nữ",
    ]


def test_a_list_of_addressees_cut_by_semicolons_is_one_task() -> None:
    tasks = news(
        "Giao các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố; Các Ban QLDA chuyên ngành "
        "tỉnh báo cáo tình hình giải ngân. Yêu cầu gửi báo cáo về Sở Tài chính trước ngày 23/01.",
    )
    assert [(t.lead and t.lead.group, t.deadline.date) for t in tasks] == [
        ("all_departments+all_districts+all_project_boards", dt.date(2026, 1, 23))
    ]


def test_sentences_that_go_on_asking_the_same_agencies_are_one_task() -> None:
    # One item, one task (tests/data/LABELLING.md): what the same agencies are asked next is
    # more of their task; a sentence that names another agency, or a date of its own, is not.
    tasks = news(
        "Tỉnh Quảng Ninh ra công điện khẩn Để chủ động đối phó với bão số 4, ngày 14-8, UBND tỉnh "
        "Quảng Ninh ra công điện khẩn. Tỉnh yêu cầu thủ trưởng các sở, ngành liên quan, Chủ tịch "
        "UBND các huyện chủ động các biện pháp đối phó. Cụ thể, phải thường xuyên cập nhật thông "
        "tin. Tổ chức theo dõi, kiểm đếm việc ra khơi của tàu thuyền. Tuyệt đối không được để xảy "
        "ra thiệt hại về người. Ngành giao thông vận tải tạm ngừng cấp phép tàu thuyền du lịch. "
        "Việc sơ tán phải hoàn thành trước 17 giờ ngày 15/8.",
        issued=dt.date(2018, 8, 14),
    )
    group = "thủ trưởng các sở, ngành liên quan, Chủ tịch UBND các huyện"
    assert leads_and_dates(tasks) == [
        (group, None),
        ("Ngành giao thông vận tải", dt.date(2018, 8, 15)),
    ]
    assert tasks[0].text.startswith("Tỉnh yêu cầu")
    assert tasks[0].text.endswith("thiệt hại về người.")
    dated = news(
        "Ngày 10-3, UBND tỉnh có văn bản về hộ thiếu đói.",
        "Theo đó, UBND tỉnh yêu cầu Sở Y tế rà soát số hộ thiếu đói. Xây dựng phương án hỗ trợ. "
        "Đồng thời báo cáo nhanh trước ngày 20/3/2024.",
        issued=dt.date(2024, 3, 10),
    )
    assert leads_and_dates(dated) == [("Sở Y tế", None), ("Sở Y tế", dt.date(2024, 3, 20))]


def test_a_news_item_goes_on_with_what_the_same_agencies_are_to_do() -> None:
    tasks = news(
        "Tập trung ứng phó với mưa lũ trên địa bàn tỉnh",
        "Ngày 10-12, UBND TPHCM có thông báo treo cờ Tổ quốc và nghỉ Tết Dương lịch năm 2026.",
        "Theo đó, cán bộ, công chức nghỉ Tết Dương lịch vào thứ Năm, ngày 1-1-2026.",
        "Các cơ quan, đơn vị, xí nghiệp, trường học và hộ dân treo cờ Tổ quốc trong ngày 1-1-2026",
        "UBND TPHCM giao chủ tịch UBND phường, xã, đặc khu vận động, nhắc nhở việc treo cờ.",
        "Bố trí trực vào ngày nghỉ, đảm bảo an ninh trật tự.",
        "Đồng thời, sẵn sàng lực lượng để ứng phó khi có tình huống.",
        issued=dt.date(2025, 12, 10),
    )
    assert leads_and_dates(tasks) == [
        ("Các cơ quan, đơn vị, xí nghiệp, trường học và hộ dân", dt.date(2026, 1, 1)),
        ("chủ tịch UBND phường, xã, đặc khu", None),
        ("chủ tịch UBND phường, xã, đặc khu", None),
        ("chủ tịch UBND phường, xã, đặc khu", None),
    ]
    assert all(t.lead and t.lead.group == "all_communes" for t in tasks[1:])


def test_a_news_item_that_names_the_addressees_asks_them_what_follows_its_opening() -> None:
    tasks = news(
        "Khẩn trương triển khai công tác phòng, chống rét",
        "Ngày 12/01, UBND tỉnh ban hành Công văn số 45/UBND-KT gửi các sở, ngành; UBND các huyện "
        "về việc phòng, chống rét cho cây trồng, vật nuôi.",
        "Theo đó, tăng cường tuyên truyền để người dân chủ động phòng, chống rét.",
    )
    assert [(written(t), t.text[:9]) for t in tasks] == [
        ("các sở, ngành; UBND các huyện", "Theo đó, ")
    ]


def test_an_inline_numbered_list_of_a_short_government_letter() -> None:
    tasks = news(
        "Văn phòng Chính phủ xin thông báo ý kiến chỉ đạo của Phó Thủ tướng Trịnh Đình Dũng như "
        "sau: 1. Giao Bộ Giao thông vận tải chủ trì, phối hợp với Bộ Tài chính xem xét, xử lý kiến "
        "nghị của tỉnh. 2. Bộ Tài chính bố trí kinh phí, báo cáo Thủ tướng Chính phủ trước ngày 30 "
        "tháng 6 năm 2019.",
        issued=dt.date(2019, 6, 10),
    )
    assert leads_and_dates(tasks) == [
        ("Bộ Giao thông vận tải", None),
        ("Bộ Tài chính", dt.date(2019, 6, 30)),
    ]
    assert [m.written for m in tasks[0].cooperating] == ["Bộ Tài chính"]


def test_a_holiday_roster_its_due_date_and_the_quick_report() -> None:
    tasks = news(
        "Kính gửi: Các sở, ban, ngành; UBND các huyện, thị xã, thành phố.",
        "Để phục vụ Tết Nguyên đán Bính Ngọ 2026, UBND tỉnh yêu cầu:",
        "Các cơ quan, đơn vị lập danh sách lãnh đạo trực Tết từ ngày 14/02 đến hết ngày "
        "22/02/2026, gửi lịch trực về Văn phòng UBND tỉnh trước ngày 10/02/2026; báo cáo nhanh "
        "tình hình trong các ngày nghỉ Tết trước 10 giờ ngày 18/02/2026.",
        issued=dt.date(2026, 1, 20),
    )
    assert leads_and_dates(tasks) == [
        ("Các cơ quan, đơn vị", dt.date(2026, 2, 10)),
        ("Các cơ quan, đơn vị", dt.date(2026, 2, 18)),
    ]
    roster = news(
        "Kính gửi: Các sở, ban, ngành.",
        "Các sở, ban, ngành phân công lãnh đạo trực Tết.",
        "Lịch trực gửi về Văn phòng UBND tỉnh trước ngày 25/01/2026.",
    )
    assert leads_and_dates(roster) == [("Các sở, ban, ngành", dt.date(2026, 1, 25))]


def test_a_storm_telegram_to_the_communes_and_a_daily_report_without_a_date() -> None:
    tasks = news(
        "Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND các xã, phường, đặc khu tổ chức sơ tán dân khỏi "
        "vùng nguy hiểm; Sở Nông nghiệp và Môi trường theo dõi chặt chẽ diễn biến của bão, báo cáo "
        "UBND tỉnh hằng ngày. Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh trực ban "
        "24/24 giờ.",
        issued=dt.date(2025, 9, 25),
    )
    assert leads_and_dates(tasks) == [
        ("Chủ tịch UBND các xã, phường, đặc khu", None),
        ("Sở Nông nghiệp và Môi trường", None),
        ("Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh", None),
    ]
    assert tasks[0].lead is not None and tasks[0].lead.group == "all_communes"


def test_a_requester_named_in_full_is_not_the_lead() -> None:
    (task,) = news(
        "Theo đó, Ban Chỉ đạo Phòng thủ dân sự quốc gia đề nghị các tỉnh, thành phố theo dõi chặt "
        "chẽ diễn biến của áp thấp nhiệt đới.",
    )
    assert task.lead is not None and task.lead.group == "all_provinces"


def test_a_web_page_glued_words_date_stamp_chrome_and_repeated_lead() -> None:
    lead = (
        "Theo đó, giao BộXây dựng chủ trì, phối hợp với Sở Kế hoạch và Đầu tư hoàn thiện hồ sơ "
        "trước ngày 30/3/2024."
    )
    page = "\n\n".join(
        [
            "TIN TỨC - SỰ KIỆN",
            "Đang tải nội dung, vui lòng chờ giây lát...",
            "Cập nhật ngày: 05/03/2024 - 08:15",
            " date 2024-03-05 Ngày 05/3, UBND tỉnh ban hành Công văn số 55/UBND-KT về việc triển "
            "khai dự án khu công nghiệp phía Bắc.",
            lead,
            lead,  # printed again at the foot of the page
            "Tác giả bài viết: Minh Anh",
            "Chia sẻ",
        ]
    )
    draft = read_directive(page.encode(), "tin.txt", catalogue=EMPTY, issued_on=dt.date(2024, 3, 5))
    assert [(written(t), t.deadline.date) for t in draft.tasks] == [
        ("Bộ Xây dựng", dt.date(2024, 3, 30))
    ]
    assert [m.written for m in draft.tasks[0].cooperating] == ["Sở Kế hoạch và Đầu tư"]


def test_a_news_page_without_an_issue_date_counts_from_the_day_it_was_posted() -> None:
    page = (
        "Tổ chức trực Tết\n\n22/04/2020 | 08:32 | cms-view-count: 24281\n\n"
        "Ngày 21/4, UBND tỉnh ban hành Công văn số 1915/UBND-KTTH về việc trực Lễ.\n\n"
        "Các Sở, Ban, ngành báo cáo tình hình trước ngày 03/5."
    )
    draft = read_directive(page.encode(), "tin.txt", catalogue=EMPTY)
    assert draft.meta.issued_on == dt.date(2020, 4, 22)
    assert any("ngày đăng tin" in warning.message_vi for warning in draft.warnings)
    assert [t.deadline.date for t in draft.tasks] == [dt.date(2020, 5, 3)]


def test_a_request_for_work_that_ends_like_the_closing_words_is_a_task() -> None:
    tasks = letter(
        "Kính gửi: Cục Thuế tỉnh Bình Dương.",
        "Về vấn đề này, Tổng cục Thuế có ý kiến như sau:",
        "Đề nghị Cục Thuế hướng dẫn đơn vị thực hiện theo quy định.",
        "Đề nghị các đơn vị thực hiện nghiêm túc, đảm bảo tiến độ, chất lượng theo quy định./.",
    )
    assert [(written(t), t.text) for t in tasks] == [
        ("Cục Thuế", "Đề nghị Cục Thuế hướng dẫn đơn vị thực hiện theo quy định.")
    ]


def test_a_district_asks_its_departments_after_citing_what_it_carries_out() -> None:
    tasks = letter(
        "Kính gửi: Các phòng, ban chuyên môn thuộc UBND huyện.",
        "Thực hiện Kế hoạch số 100/KH-UBND ngày 01/3/2016 của UBND tỉnh, UBND huyện yêu cầu các "
        "phòng, ban báo cáo kết quả thực hiện, gửi về Phòng Nội vụ chậm nhất ngày 25/3/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("các phòng, ban", dt.date(2016, 3, 25))
    ]


def test_a_closing_sentence_dates_all_the_work_above_it() -> None:
    tasks = news(
        "UBND tỉnh vừa ban hành văn bản chỉ đạo bảo đảm an toàn hồ đập trong mùa mưa lũ.",
        "Theo đó, UBND tỉnh giao Sở Nông nghiệp và PTNT khẩn trương rà soát quy trình vận hành "
        "hồ chứa. Xây dựng phương án ứng phó tình huống khẩn cấp.",
        "Đối với các dự án sửa chữa hồ chứa, Ban Quản lý dự án đẩy nhanh tiến độ thực hiện.",
        "Các đơn vị khẩn trương thực hiện và báo cáo kết quả về UBND tỉnh trước ngày 20/10.",
        issued=dt.date(2021, 10, 1),
    )
    assert [(written(t), t.deadline.date, t.inherited) for t in tasks] == [
        ("Sở Nông nghiệp và PTNT", dt.date(2021, 10, 20), True),
        ("Ban Quản lý dự án", dt.date(2021, 10, 20), True),
    ]


def test_figures_after_nhu_sau_are_the_work_just_asked_not_a_new_task() -> None:
    tasks = news(
        "UBND tỉnh Thanh Hóa vừa ban hành công văn về an toàn công trình thủy lợi.",
        "Theo đó, Chủ tịch UBND tỉnh yêu cầu Sở Nông nghiệp và PTNT rà soát các hồ chứa.",
        "Tập trung chỉ đạo ra quân nạo vét kênh tiêu trên phạm vi toàn tỉnh với khối lượng như "
        "sau: nạo vét kênh tiêu là 507.045 m³, kênh nội đồng là 391.652 m³. Tổng hợp, báo cáo "
        "kết quả thực hiện về UBND tỉnh trước ngày 15-7-2023.",
        "Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau: Giao Sở Tài chính bố trí kinh phí.",
        issued=dt.date(2023, 5, 1),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Nông nghiệp và PTNT", None),
        ("Sở Nông nghiệp và PTNT", dt.date(2023, 7, 15)),
        ("Sở Tài chính", None),
    ]
    assert tasks[1].text.startswith("Tập trung chỉ đạo ra quân")


def test_a_news_opening_that_orders_others_than_the_body_is_a_task() -> None:
    tasks = news(
        "Chủ tịch UBND tỉnh vừa có văn bản yêu cầu Thủ trưởng các sở, ban ngành, Chủ tịch UBND "
        "các huyện, thành phố nghiêm túc quán triệt và tổ chức triển khai Chỉ thị số 27/CT-TTg.",
        "Sở Kế hoạch và Đầu tư chủ trì tham mưu UBND tỉnh ban hành Kế hoạch trong quý I/2020.",
        issued=dt.date(2019, 12, 2),
    )
    assert leads_and_dates(tasks) == [
        ("Thủ trưởng các sở, ban ngành, Chủ tịch UBND các huyện, thành phố", None),
        ("Sở Kế hoạch và Đầu tư", dt.date(2020, 3, 31)),
    ]
    repeated = news(
        "UBND tỉnh vừa có văn bản yêu cầu Sở Y tế tăng cường phòng chống dịch.",
        "Theo đó, Sở Y tế chủ trì tổ chức tiêm chủng, báo cáo trước ngày 20/12/2019.",
        issued=dt.date(2019, 12, 2),
    )
    assert leads_and_dates(repeated) == [("Sở Y tế", dt.date(2019, 12, 20))]


def test_the_headline_given_again_is_no_task() -> None:
    tasks = news(
        "Hà Nội: Tập trung xử lý vi phạm lấn chiếm đất côngUBND thành phố Hà Nội vừa ban hành Công "
        "văn số 5735/UBND-ĐT, yêu cầu UBND các quận, huyện xử lý vi phạm lấn chiếm đất công.",
        "Tập trung xử lý vi phạm lấn chiếm đất công",
        "Theo đó, UBND các quận, huyện báo cáo kết quả trước ngày 30/4/2020.",
        issued=dt.date(2019, 12, 10),
    )
    assert leads_and_dates(tasks) == [("UBND các quận, huyện", dt.date(2020, 4, 30))]


def test_staff_of_an_office_singled_out_after_an_opening_phrase_act_for_it() -> None:
    tasks = tasks_of(
        "3. Ban Tiếp công dân tỉnh tổ chức tiếp công dân thường xuyên vào các ngày làm việc.",
        "Riêng trong thời gian diễn ra Đại hội, ngoài tiếp công dân thường xuyên từ thứ 2 đến thứ "
        "6, cán bộ công chức Ban Tiếp công dân tỉnh tổ chức tiếp công dân vào thứ 7 và chủ nhật.",
    )
    assert [t.text[:10] for t in tasks] == ["Ban Tiếp c", "Riêng tron"]
    assert all(t.lead is not None and "Ban Tiếp công dân" in t.lead.written for t in tasks)


def test_what_a_cited_decision_gave_others_is_background_in_a_letter() -> None:
    tasks = letter(
        "Kính gửi: Công an tỉnh; Ủy ban nhân dân các xã, phường.",
        "Ngày 29/02/2016, Bộ trưởng Bộ Xây dựng ban hành Quyết định số 1074/QĐ-BXD về giải pháp "
        "an toàn phòng cháy. Quyết định có hiệu lực kể từ ngày ký và giao Ủy ban nhân dân các "
        "tỉnh, thành phố trực thuộc Trung ương chỉ đạo, kiểm tra, hướng dẫn việc triển khai thực "
        "hiện các giải pháp kỹ thuật, hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2018.",
        "Để triển khai thực hiện Quyết định trên địa bàn tỉnh, Chủ tịch Ủy ban nhân dân tỉnh yêu "
        "cầu Công an tỉnh, các sở, ban, ngành thực hiện một số nhiệm vụ sau:",
        "1. Công an tỉnh kiểm tra các cơ sở, báo cáo trước ngày 30/4/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Công an tỉnh", dt.date(2016, 4, 30))
    ]


def test_the_time_limit_of_what_the_letter_asked_dates_it() -> None:
    tasks = letter(
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
        "Bộ Nông nghiệp và Phát triển nông thôn đề nghị Ủy ban nhân dân các tỉnh, thành phố trực "
        "thuộc Trung ương chỉ đạo Sở Nông nghiệp và PTNT khẩn trương hoàn thành báo cáo quy hoạch.",
        "Thời hạn hoàn thành báo cáo lập, phê duyệt quy hoạch chậm nhất là tháng 6/2016 tại Mục d, "
        "Khoản 2, Điều 2, Thông tư số 78/TT-BNNPTNT.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", dt.date(2016, 6, 30))
    ]


def test_the_time_to_register_and_what_for_dates_the_request_above() -> None:
    tasks = news(
        "Mới đây, Ủy ban nhân dân huyện Vĩnh Thuận vừa có văn bản về đăng ký nội dung trình "
        "kỳ họp.",
        "Theo đó, Chủ tịch Ủy ban nhân dân huyện yêu cầu Thủ trưởng các cơ quan chuyên môn rà "
        "soát, đăng ký nội dung trình Hội đồng nhân dân huyện tại kỳ họp giữa năm 2020.",
        "Thời gian đăng ký chậm nhất là ngày 15 tháng 5 năm 2020 (qua Văn phòng Hội đồng nhân dân "
        "và Ủy ban nhân dân huyện) để tổng hợp, báo cáo Thường trực Hội đồng nhân dân, Ủy ban Mặt "
        "trận Tổ quốc huyện thống nhất nội dung trước khi tổ chức kỳ họp giữa năm 2020.",
        issued=dt.date(2020, 5, 6),
    )
    assert leads_and_dates(tasks) == [("Thủ trưởng các cơ quan chuyên môn", dt.date(2020, 5, 15))]


def test_a_schedules_lines_are_due_at_the_time_they_open_with() -> None:
    tasks = tasks_of(
        "III. TIẾN ĐỘ THỰC HIỆN",
        "- Trước ngày 15/12/2024: Các sở, ban, ngành tự kiểm tra, gửi báo cáo về Sở Nội vụ.",
        "- Ngày 20/12/2024: Sở Nội vụ tổng hợp kết quả, báo cáo UBND tỉnh.",
        "- Tháng 01/2025: Sở Nội vụ báo cáo kết quả kiểm tra.",
        "- Quý I/2025: Sở Tài chính bố trí kinh phí, trừ khi có ý kiến khác trước ngày 15/02/2025.",
        "- Ngày 8/7-17/7/2025: Sở Y tế nhận đơn phúc khảo.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("group:all_departments", dt.date(2024, 12, 15)),
        ("Sở Nội vụ", dt.date(2024, 12, 20)),
        ("Sở Nội vụ", dt.date(2025, 1, 31)),
        ("Sở Tài chính", dt.date(2025, 2, 15)),  # a date of its own wins
        ("Sở Y tế", dt.date(2025, 7, 17)),  # the last day of the span
    ]


def test_every_sentence_of_a_schedules_line_is_due_at_its_time() -> None:
    tasks = news(
        "Ngày 11/7/2026: Công bố kết quả xét công nhận tốt nghiệp. Sở Y tế cấp giấy chứng nhận.",
        "Ngày 20/7/2026: Sở Nội vụ báo cáo kết quả. Sở Tài chính tổng hợp kinh phí.",
    )
    assert leads_and_dates(tasks) == [
        ("Sở Y tế", dt.date(2026, 7, 11)),
        ("Sở Nội vụ", dt.date(2026, 7, 20)),
        ("Sở Tài chính", dt.date(2026, 7, 20)),
    ]


def test_what_the_writer_will_do_is_neither_a_task_nor_more_of_one() -> None:
    tasks = letter(
        "Kính gửi: Sở Tài chính.",
        "Phòng Tài chính đề nghị Sở Tài chính thực hiện một số nội dung sau:",
        "a) Rà soát danh mục tài sản, gửi Phòng Tài chính trước ngày 30/4/2016.",
        "b) Hướng dẫn các cơ quan, đơn vị trên địa bàn thực hiện.",
        "Trên cơ sở báo cáo của các đơn vị, Phòng Tài chính sẽ tổng hợp, báo cáo UBND huyện.",
        "Phòng Tài chính sẽ tổ chức hội nghị tập huấn trong tháng 5/2016.",
        # "chia sẻ" loses its marks to "se", which is no "sẽ".
        "c) Chia sẻ dữ liệu về tài sản với các đơn vị.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", dt.date(2016, 4, 30)),
        ("Sở Tài chính", None),
        ("Sở Tài chính", None),
    ]
    assert tasks[1].text == "Hướng dẫn các cơ quan, đơn vị trên địa bàn thực hiện."


def test_rules_a_guidance_letter_states_in_the_passive_are_no_work() -> None:
    tasks = letter(
        "Kính gửi: Sở Tài chính.",
        "Thực hiện Nghị định số 96/2023/NĐ-CP, Phòng Tài chính hướng dẫn như sau:",
        "1. Giá trị tài sản được xác định theo giá trị còn lại trên sổ kế toán.",
        "2. Các khoản chi phí liên quan đến việc xử lý tài sản được bù đắp từ số tiền thu được.",
        "3. Kinh phí thực hiện được bố trí trong dự toán ngân sách của các đơn vị.",
        "4. Sở Tài chính tổ chức kiểm tra, báo cáo trước ngày 30/6/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Sở Tài chính", dt.date(2016, 6, 30))
    ]


def test_a_letter_that_answers_a_question_asks_only_what_it_asks() -> None:
    tasks = letter(
        "Kính gửi: Cục Thuế tỉnh Bình Dương.",
        "Tổng cục Thuế nhận được công văn số 5678/CT-TTHT ngày 01/3/2016 của Cục Thuế tỉnh Bình "
        "Dương hỏi về chính sách thuế giá trị gia tăng. Về vấn đề này, Tổng cục Thuế có ý kiến "
        "như sau:",
        "1. Tại khoản 1 Điều 9 Thông tư số 219/2013/TT-BTC quy định thuế suất 0% áp dụng đối với "
        "hàng hóa xuất khẩu.",
        "2. Trường hợp doanh nghiệp giao hàng tại Việt Nam thì thực hiện kê khai, nộp thuế theo "
        "quy định.",
        # The rule quoted, with its own date: no work asked of the addressee.
        "3. Tại Điều 4 Thông tư số 156/2013/TT-BTC ngày 06/11/2013 của Bộ Tài chính hướng dẫn "
        'như sau: "Doanh nghiệp khai thuế trước ngày 20 của tháng tiếp theo".',
        "Đề nghị Cục Thuế tỉnh Bình Dương căn cứ tình hình thực tế hướng dẫn đơn vị thực hiện.",
        "Tổng cục Thuế thông báo để Cục Thuế tỉnh Bình Dương được biết./.",
    )
    assert [(written(t), t.text[:30]) for t in tasks] == [
        ("Cục Thuế tỉnh Bình Dương", "Đề nghị Cục Thuế tỉnh Bình Dươ")
    ]


def test_a_letter_about_a_conference_or_social_policy_answers_no_question() -> None:
    """ "Hội nghị", "xã hội" and "Hội đồng" fold to the letters of "hỏi" (asks)."""
    tasks = letter(
        "Kính gửi: Sở Văn hóa, Thể thao và Du lịch.",
        "UBND tỉnh nhận được Văn bản số 215/BTC ngày 02/8/2023 của Ban Tổ chức về việc tổ chức "
        "Hội nghị xúc tiến du lịch và an sinh xã hội năm 2023. Về việc này, Chủ tịch UBND tỉnh "
        "có ý kiến như sau:",
        "1. Sở Văn hóa, Thể thao và Du lịch chuẩn bị nội dung tham luận, ấn phẩm quảng bá.",
        "2. Sở Tài chính bố trí kinh phí tham dự Hội nghị.",
    )
    assert [written(t) for t in tasks] == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính"]


def test_a_letters_closing_in_the_senders_name_and_what_it_found_are_no_tasks() -> None:
    tasks = letter(
        "Kính gửi: Sở Y tế.",
        "Qua theo dõi, còn 42 nhiệm vụ quá hạn chưa hoàn thành, như: Sở Nội vụ chưa hoàn thành việc"
        " tham mưu ban hành Quy định (hạn hoàn thành trước ngày 29/02/2016).",
        "Sở Tài chính đề nghị Sở Y tế góp ý dự thảo, gửi về Sở Tài chính trước ngày 25/3/2016.",
        "Sau thời hạn trên, nếu không có ý kiến, Sở Tài chính xem như thống nhất với dự thảo.",
        "Sở Tài chính rất mong nhận được sự phối hợp của Quý cơ quan./.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [("Sở Y tế", dt.date(2016, 3, 25))]


def test_a_duty_rosters_lines_are_no_tasks() -> None:
    tasks = letter(
        "Kính gửi: Thủ trưởng các cơ quan, đơn vị.",
        "1. Các cơ quan, đơn vị gửi lịch trực Tết về Văn phòng UBND huyện trước ngày 25/3/2016.",
        "LỊCH TRỰC CỦA LÃNH ĐẠO UBND HUYỆN",
        "- Ngày 28/3/2016: đồng chí Nguyễn Văn Tuấn, Chủ tịch UBND huyện.",
        "- Ngày 29/3/2016 và ngày 30/3/2016: đồng chí Hoàng Thị Mai, Phó Chủ tịch UBND huyện.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Các cơ quan, đơn vị", dt.date(2016, 3, 25))
    ]


def test_a_report_due_after_a_dated_item_is_a_task_of_its_own() -> None:
    tasks = letter(
        "Kính gửi: Ủy ban nhân dân các quận, huyện.",
        "Để chủ động phòng, chống dịch, đề nghị Quý Ủy ban thực hiện tốt một số nội dung sau:",
        "1. Bố trí kinh phí cho công tác phòng, chống dịch theo quy định.",
        "2. Tổ chức chiến dịch diệt lăng quăng, hoàn thành trước ngày 30/4/2016.",
        "Báo cáo kết quả thực hiện gửi về Phòng Giáo dục trước ngày 15/5/2016 để tổng hợp.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Ủy ban nhân dân các quận, huyện", None),
        ("Ủy ban nhân dân các quận, huyện", dt.date(2016, 4, 30)),
        ("Ủy ban nhân dân các quận, huyện", dt.date(2016, 5, 15)),
    ]


def test_a_letter_asks_its_own_after_telling_what_a_decree_says() -> None:
    tasks = letter(
        "Kính gửi: Các Bộ, cơ quan ngang bộ.",
        "Ngày 20/02/2016, Chính phủ đã ban hành Nghị định số 178/2016/NĐ-CP, có hiệu lực từ ngày "
        "06/4/2016. Để triển khai Nghị định, Bộ Tài chính đề nghị các Bộ, cơ quan ngang bộ tập "
        "trung chỉ đạo các nhiệm vụ sau:",
        "1. Rà soát các văn bản quy phạm pháp luật đã ban hành, báo cáo trước ngày 30/4/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("các Bộ, cơ quan ngang bộ", dt.date(2016, 4, 30))
    ]


def test_a_scanned_conclusion_with_its_noise_gives_each_point_its_agency() -> None:
    # A scan reads some dashes as "_" or "~", and a stray "|" inside a sentence; "các bộ, ngành
    # cần tập trung ... sau đây:" gives the points under it their lead.
    tasks = tasks_of(
        "2. Để thúc đẩy kết nối dữ liệu, thời gian tới, các bộ, ngành cần tập trung triển khai "
        "các nhiệm vụ trọng tâm sau đây:",
        "a) Tăng cường số hóa, làm giàu cơ sở dữ liệu của mỗi bộ, ngành.",
        "b) Bộ Thông tin và Truyền thông:",
        "_ Tiếp tục nâng cấp nền tảng tích hợp, chia sẻ dữ liệu;",
        "~ Chủ trì, phối hợp với các bộ, ngành rà soát nguồn nhân lực về chuyển đổi số.",
        "c) Ngân hàng Nhà nước Việt Nam tiếp tục khuyến khích thanh toán không dùng tiền mặt, phát "
        "| triển các tiện ích thanh toán điện tử.",
    )
    assert [written(t) for t in tasks] == [
        "các bộ, ngành",
        "Bộ Thông tin và Truyền thông",
        "Bộ Thông tin và Truyền thông",
        "Ngân hàng Nhà nước Việt Nam",
    ]


def test_those_who_attended_and_a_sentence_a_blank_line_cut_are_read_right() -> None:
    tasks = tasks_of(
        "Ngày 03 tháng 10 năm 2023, Thủ tướng Chính phủ đã chủ trì cuộc họp. Tham dự có các "
        "đồng chí:",
        "Bộ trưởng Bộ Tài chính Hồ Đức Phớc, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên.",
        "Thủ tướng Chính phủ có ý kiến chỉ đạo như sau:",
        "a) Ngân hàng Nhà nước Việt Nam tiếp tục khuyến khích thanh toán không dùng tiền mặt để",
        "thúc đẩy thương mại điện tử.",
        "b) Giao Bộ Tư pháp khẩn trương có ý kiến đối với dự thảo Nghị định.",
    )
    assert [(written(t), t.text.split()[-1]) for t in tasks] == [
        ("Ngân hàng Nhà nước Việt Nam", "tử."),
        ("Bộ Tư pháp", "định."),
    ]


def test_the_name_a_letter_gives_its_addressees_leads_and_its_rules_are_no_tasks() -> None:
    tasks = letter(
        "Hà Nội, ngày 02 tháng 3 năm 2016 Kính gửi:",
        "- Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương;",
        "- Bảo hiểm xã hội Bộ Quốc phòng.",
        "(Sau đây viết tắt là BHXH các tỉnh) Bảo hiểm xã hội Việt Nam hướng dẫn như sau:",
        "1. Rà soát việc kê thêm giường tại các cơ sở khám bệnh, chữa bệnh.",
        "2. Trường hợp người bệnh được hẹn khám lại thì lần khám đó được tính là đúng tuyến.",
        "3. Việc thanh toán tiền ngày giường bệnh hàng quý thực hiện theo quy định tại khoản 16 "
        "Điều 6 Thông tư số 39/2018/TT-BYT.",
        "4. Thẩm quyền quyết định kiểm tra: Giám đốc Bảo hiểm xã hội tỉnh quyết định việc kiểm "
        "tra tại cơ sở khám bệnh, chữa bệnh.",
    )
    assert [(written(t), t.text[:10]) for t in tasks] == [("BHXH các tỉnh", "Rà soát vi")]


def test_the_office_of_a_steering_committee_leads_not_its_heads_other_title() -> None:
    tasks = letter(
        "Kính gửi: Các sở, ban, ngành của Thành phố.",
        "Thực hiện ý kiến kết luận của Phó Thủ tướng Thường trực Chính phủ, Ủy ban nhân dân Thành "
        "phố Hà Nội giao Văn phòng Ban Chỉ đạo quốc gia kỷ niệm 1000 năm Thăng Long:",
        "- Chủ trì, phối hợp với các sở, ban, ngành triển khai chỉ đạo của Phó Thủ tướng Thường "
        "trực Chính phủ, Trưởng Ban Chỉ đạo quốc gia tại Thông báo số 53/TB-VPCP.",
    )
    assert [written(t) for t in tasks] == [
        "Văn phòng Ban Chỉ đạo quốc gia kỷ niệm 1000 năm Thăng Long"
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "(THTG) Ngày 04/01, UBND huyện Tân Phú Đông tổ chức hội nghị triển khai công tác chuẩn bị"
        " Lễ giao nhận quân năm 2023.",
        "Sáng 4-1, Hội đồng nghĩa vụ quân sự huyện Như Xuân tổ chức hội nghị triển khai nhiệm vụ"
        " chuẩn bị cho lễ giao nhận quân năm 2023.",
        # Those listed after "gồm" are no subject: "được giao" tells what the district got.
        "Năm 2023, huyện Như Xuân được giao chỉ tiêu 89 quân nhân nhập ngũ, cho 2 đơn vị gồm Bộ"
        " tư lệnh quân đoàn 1, Bộ Chỉ huy Quân sự tỉnh Thanh Hóa.",
    ],
)
def test_a_news_reports_account_of_a_meeting_held_is_no_task(opening: str) -> None:
    draft = read_directive(
        "\n\n".join(
            [opening, "Hội đồng NVQS huyện giao cho Công an huyện bảo đảm an ninh trật tự."]
        ).encode(),
        "tin.txt",
        catalogue=Catalogue([]),
        issued_on=dt.date(2023, 1, 4),
    )
    assert [written(t) for t in draft.tasks] == ["Công an huyện"]


def test_a_plans_content_is_no_task_when_its_implementation_section_names_who_acts() -> None:
    """A national plan lists what is to be done (no one named, no date), then its "Tổ chức thực
    hiện" gives the work to ministries: the tasks are those; a dated item keeps its date for the
    officer to give a lead to."""
    tasks = tasks_of(
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nâng cao khả năng chống chịu",
        "- Triển khai thực hiện quy hoạch tài nguyên nước quốc gia;",
        "- Bảo vệ nghiêm ngặt rừng tự nhiên hiện có;",
        "- Hoàn thành bộ tiêu chí đánh giá rủi ro khí hậu trong quý II/2024.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế",
        "- Chủ trì, phối hợp với các sở, ngành theo dõi, đôn đốc việc triển khai Kế hoạch;",
        "- Định kỳ hằng năm báo cáo UBND tỉnh trước ngày 25 tháng 12.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        (None, dt.date(2024, 6, 30)),
        ("Sở Y tế", None),
        ("Sở Y tế", dt.date(2024, 12, 25)),
    ]


def test_a_plans_item_may_close_with_who_and_when_in_brackets() -> None:
    tasks = tasks_of(
        "II. NHIỆM VỤ",
        "1. Tổ chức hội nghị tập huấn cho cán bộ (Sở Tư pháp; quý II/2024).",
        "2. Xây dựng cơ sở dữ liệu dùng chung (Sở Nội vụ, Sở Y tế; tháng 9/2024).",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tư pháp", dt.date(2024, 6, 30)),
        ("Sở Nội vụ", dt.date(2024, 9, 30)),
    ]


def test_a_plans_item_may_close_with_who_and_when_as_dashed_fields() -> None:
    tasks = tasks_of(
        "II. NHIỆM VỤ CỤ THỂ",
        "1. Xây dựng phần mềm quản lý hồ sơ sức khỏe - Trung tâm Kiểm soát bệnh tật tỉnh - Quý"
        " III/2024.",
        "2. Triển khai bệnh án điện tử - Sở Y tế - Tháng 12/2024.",
        "3. Đào tạo nhân lực công nghệ thông tin - Sở Nội vụ - Năm 2024.",
        "4. Thực hiện Chương trình giai đoạn 2021 - 2025.",  # a span of years, not a field
    )
    assert [(t.lead.written if t.lead else None, t.deadline.date) for t in tasks] == [
        ("Trung tâm Kiểm soát bệnh tật tỉnh", dt.date(2024, 9, 30)),
        ("Sở Y tế", dt.date(2024, 12, 31)),
        ("Sở Nội vụ", dt.date(2024, 12, 31)),
    ]


def test_a_plans_bracket_may_say_who_does_the_item_in_other_words() -> None:
    tasks = tasks_of(
        "II. NHIỆM VỤ",
        "a) Tổ chức tuyên truyền về chuyển đổi số (Sở Nội vụ thực hiện; thời gian: thường xuyên).",
        "b) Rà soát vùng lõm sóng (Sở Nội vụ phối hợp với Viettel tỉnh thực hiện; hoàn thành trước"
        " ngày 30/5/2024).",
        "c) Nâng cấp mạng nội bộ; hoàn thành trước ngày 30/6/2024 (Sở Y tế).",
        "d) Phun hóa chất khử trùng từ ngày 01/8 đến ngày 15/8/2024 (Sở Y tế chủ trì, Công an tỉnh"
        " thực hiện).",  # one item, its lead and who helps
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", None),
        ("Sở Nội vụ", dt.date(2024, 5, 30)),
        ("Sở Y tế", dt.date(2024, 6, 30)),
        ("Sở Y tế", dt.date(2024, 8, 15)),
    ]


def test_a_department_drawing_up_its_own_plan_leads_none_of_its_items() -> None:
    tasks = tasks_of(
        "Sở Nội vụ xây dựng Kế hoạch cải cách hành chính năm 2024 như sau:",
        "1. Tổ chức tập huấn nghiệp vụ (Sở Y tế thực hiện; thời gian: quý II/2024).",
        "2. Công an tỉnh rà soát thủ tục hành chính trong quý III/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 6, 30)),
        ("Công an tỉnh", dt.date(2024, 9, 30)),
    ]


def test_a_lead_in_that_says_who_reports_to_whom_leads_the_reports_below() -> None:
    tasks = tasks_of(
        "Căn cứ Kế hoạch số 10/KH-UBND, UBND tỉnh ban hành Kế hoạch như sau:",
        "IV. CHẾ ĐỘ BÁO CÁO",
        "Sở Y tế báo cáo về UBND tỉnh như sau:",
        "- Báo cáo quý: trước ngày 12 của tháng cuối quý.",
        "- Báo cáo năm: trước ngày 12/11/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 3, 12)),
        ("Sở Y tế", dt.date(2024, 11, 12)),
    ]


def test_a_bracket_that_lists_the_units_checked_names_no_lead() -> None:
    (task,) = tasks_of(
        "II. NHIỆM VỤ",
        "1. Kiểm tra công tác cải cách hành chính tại một số đơn vị (UBND huyện Núi Thành, UBND"
        " thị xã Điện Bàn).",
    )
    assert task.lead is None


def test_a_plans_decrees_each_with_its_lines_of_what_who_and_when() -> None:
    tasks = tasks_of(
        "II. NỘI DUNG",
        "1. Xây dựng Nghị định của Chính phủ",
        "- Nghị định quy định chi tiết một số điều của Luật",
        "+ Nội dung: quy định chi tiết khoản 2 Điều 2; khoản 5 Điều 4 của Luật.",
        "+ Cơ quan chủ trì: Sở Tư pháp.",
        "+ Thời hạn ban hành: trước ngày 01 tháng 10 năm 2024.",
        "- Nghị định xử phạt vi phạm hành chính.",
        "+ Cơ quan chủ trì: Công an tỉnh.",
        "+ Thời hạn trình: trước ngày 31 tháng 12 năm 2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tư pháp", dt.date(2024, 10, 1)),
        ("Công an tỉnh", dt.date(2024, 12, 31)),
    ]


def test_under_a_plans_funding_an_agency_that_acts_has_a_task() -> None:
    tasks = tasks_of(
        "II. NỘI DUNG",
        "1. Tổ chức tuyên truyền, phổ biến pháp luật",
        "- Cơ quan chủ trì: Công an tỉnh.",
        "III. KINH PHÍ THỰC HIỆN",
        "1. Kinh phí bảo đảm thực hiện",
        "2. Sở Tài chính chủ trì tổng hợp, trình cấp có thẩm quyền bố trí kinh phí thực hiện.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Sở Y tế theo dõi, đôn đốc việc thực hiện Kế hoạch.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Công an tỉnh", "Sở Tài chính", "Sở Y tế"]


def test_the_writer_issuing_its_plan_leads_none_of_the_plans_content() -> None:
    """ "UBND thành phố ban hành Kế hoạch ... như sau:" opens the document: the content below names
    no one, and those it is about ("Đối tượng thực hiện") are no tasks."""
    tasks = tasks_of(
        "Ủy ban nhân dân thành phố Cần Thơ ban hành Kế hoạch giám sát, đánh giá Chương trình năm"
        " 2025, với nội dung cụ thể như sau:",
        "I. ĐỐI TƯỢNG, THỜI GIAN VÀ THÀNH PHẦN THỰC HIỆN",
        "1. Đối tượng thực hiện",
        "- Các cơ quan, đơn vị, địa phương tham gia thực hiện Chương trình.",
        "II. NỘI DUNG GIÁM SÁT",
        "- Theo dõi, kiểm tra công tác quản lý Chương trình.",
        "- Theo dõi, kiểm tra tình hình thực hiện kế hoạch vốn.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế chủ trì, tổ chức giám sát, đánh giá theo Kế hoạch.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [("Sở Y tế", None)]


def test_what_a_monitoring_plan_measures_is_no_task() -> None:
    tasks = tasks_of(
        "1.1. Tôm nước lợ",
        "- Điểm quan trắc: 01 vị trí tại khu vực nước cấp cho vùng nuôi tôm Xuân Lâm.",
        "- Thông số, tần suất, thời gian và số lượng mẫu quan trắc:",
        "+ Các thông số: Độ mặn, pH, oxy hòa tan (DO) quan trắc với tần suất 2 lần/tháng; thời"
        " gian quan trắc từ tháng 3 đến tháng 10 năm 2024.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế tổ chức quan trắc theo Kế hoạch, báo cáo kết quả trước ngày 15/12/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 12, 15))
    ]


def test_an_emulation_plans_rules_and_shares_of_awards_are_no_tasks() -> None:
    tasks = tasks_of(
        "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA",
        "1. Nội dung thi đua",
        "a) Thi đua thực hiện thành công cuộc bầu cử; kịp thời chỉ đạo, tổ chức triển khai.",
        "III. ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG",
        "1. Tiêu chuẩn khen thưởng",
        "a) Đối với tập thể: Lãnh đạo, chỉ đạo, tổ chức thực hiện tốt công tác bầu cử.",
        "IV. SỐ LƯỢNG ĐỀ NGHỊ KHEN THƯỞNG",
        "1. Khen thưởng cấp Nhà nước: Sở Y tế phối hợp với các cơ quan, đơn vị có liên quan báo"
        " cáo Ủy ban bầu cử tỉnh xem xét, đề nghị.",
        "2. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "- Công an tỉnh: Không quá 05 cá nhân;",
        "- Đối với xã, phường: Mỗi xã, phường chọn 02 trường hợp (tập thể hoặc cá nhân).",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [("Sở Y tế", None)]


def test_an_emulation_plans_heading_that_goes_on_to_its_implementation_heads_tasks() -> None:
    tasks = tasks_of(
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Động viên cán bộ, công chức thi đua hoàn thành xuất sắc nhiệm vụ được giao.",
        "II. NỘI DUNG THI ĐUA VÀ TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ hướng dẫn các đơn vị đăng ký thi đua, gửi về Ban Thi đua - Khen thưởng"
        " trước ngày 31/3/2024.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Nội vụ", dt.date(2024, 3, 31))
    ]


def test_the_same_duty_under_each_agency_is_a_task_of_each() -> None:
    """A plan ends each agency's section with the same line: a duty of each, not a paragraph a
    web page printed twice."""
    duty = (
        "- Định kỳ 6 tháng, báo cáo kết quả thực hiện Kế hoạch về Sở Tài chính trước ngày 15/6"
        " để tổng hợp."
    )
    tasks = tasks_of(
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế",
        "- Hướng dẫn các chủ thể về an toàn thực phẩm, hoàn thành trong quý II/2024.",
        duty,
        "2. Công an tỉnh",
        duty,
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 6, 30)),
        ("Sở Y tế", dt.date(2024, 6, 15)),
        ("Công an tỉnh", dt.date(2024, 6, 15)),
    ]


@pytest.mark.parametrize(
    "report",
    [
        "Sở Y tế định kỳ 6 tháng, báo cáo kết quả về UBND tỉnh trước ngày 15/6 và 15/12.",
        "Sở Y tế định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12) báo cáo kết quả.",
        "Sở Y tế báo cáo 6 tháng (trước ngày 15/6), năm (trước ngày 15/12) về UBND tỉnh.",
    ],
)
def test_a_report_every_six_months_on_two_days_is_two_yearly_tasks(report: str) -> None:
    """Due on 15/6 and on 15/12: one yearly task for each day, or the second is lost; their
    texts say which (a saved task is known again by its text and lead)."""
    tasks = tasks_of("III. TỔ CHỨC THỰC HIỆN", f"1. {report}")
    assert [(lead_key(t.lead), t.deadline.date, t.deadline.recurrence) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 6, 15), "yearly"),
        ("Sở Y tế", dt.date(2024, 12, 15), "yearly"),
    ]
    assert [t.text[-14:] for t in tasks] == ["(kỳ hạn 15/06)", "(kỳ hạn 15/12)"]
    assert all("15/12" in t.deadline.phrase for t in tasks)  # the document's own words


def test_a_report_also_due_each_month_stays_monthly() -> None:
    (task,) = tasks_of(
        "1. Sở Y tế báo cáo định kỳ hằng tháng (trước ngày 20 hằng tháng), 6 tháng (trước ngày"
        " 15/6) và năm (trước ngày 15/12) về UBND tỉnh."
    )
    assert (task.deadline.date, task.deadline.recurrence) == (dt.date(2024, 3, 20), "monthly")


def test_thu_gom_is_no_list_of_those_named() -> None:
    """ "gồm" lists those named ("4 đơn vị gồm Bộ ..."); "thu gom" (collecting) does not."""
    (task,) = tasks_of(
        "Để bảo đảm việc thu gom, xử lý rác thải trong dịp Tết, Sở Y tế chỉ đạo các cơ sở y tế"
        " xử lý chất thải đúng quy định."
    )
    assert lead_key(task.lead) == "Sở Y tế"


def test_a_plans_content_item_that_names_its_agency_stays() -> None:
    tasks = tasks_of(
        "II. NỘI DUNG",
        "1. Tuyên truyền rộng rãi Kế hoạch trên các phương tiện thông tin - Công an tỉnh.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế chủ trì theo dõi, đôn đốc việc triển khai Kế hoạch.",
    )
    assert len(tasks) == 2


def test_a_plans_content_item_that_names_only_whom_it_serves_or_reports_to_is_content() -> None:
    """Those an item works with, for or reports to are not who does it: the item is the plan's
    content, and the implementation section gives the work out."""
    tasks = tasks_of(
        "II. NỘI DUNG",
        "1. Hướng dẫn hỗ trợ xử lý nước cho các hộ gia đình.",
        "2. Phối hợp với lực lượng quân đội hỗ trợ vận chuyển nước, phun khử trùng.",
        "3. Khi xuất hiện ca bệnh bất thường, báo cáo ngay về Trung tâm Kiểm soát bệnh tật tỉnh"
        " và Sở Nội vụ.",
        "4. Rà soát hóa chất, trang thiết bị tại Trung tâm Y tế các huyện.",
        "5. Tuyên truyền về phòng, chống dịch sốt xuất huyết, trong đó Sở Nội vụ là cơ quan đầu"
        " mối.",
        "6. Bảo đảm thuốc, hóa chất phòng dịch. Đơn vị chủ trì Công an tỉnh.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế chủ trì theo dõi, đôn đốc việc triển khai Kế hoạch.",
    )
    assert [t.text.split()[0] for t in tasks] == ["Tuyên", "Bảo", "Sở"]


def test_a_decisions_closing_article_gives_no_work() -> None:
    tasks = tasks_of(
        "Điều 2. Giao Sở Y tế chủ trì, hướng dẫn thực hiện Kế hoạch.",
        "Điều 3. Chánh Văn phòng UBND tỉnh; Thủ trưởng các Sở, ban, ngành; Chủ tịch UBND các"
        " huyện chịu trách nhiệm thi hành Quyết định này.",
    )
    assert [lead_key(t.lead) for t in tasks] == ["Sở Y tế"]


def test_a_news_item_on_a_schedule_gives_each_step_still_to_come() -> None:
    """A paper's account of an admission schedule, written on 16/01: each step is a task due on
    its day; what the director said on the day of writing is the news, not a step."""
    draft = read_directive(
        "\n\n".join(
            [
                "Ngày 16/01/2023, Giám đốc Sở Y tế cho biết kế hoạch tuyển sinh như sau.",
                "Theo Sở Y tế, ngày 23/01, Trường Cao đẳng Y tế tiến hành xét tuyển, trình Sở Y tế"
                " phê duyệt. Ngày 24/01, Trường phổ thông Dân tộc nội trú tỉnh tổ chức xét tuyển."
                " Trong 2 ngày (25-26/01), các trường THPT nhận hồ sơ đăng ký dự tuyển.",
            ]
        ).encode(),
        "tin.txt",
        catalogue=Catalogue([]),
    )
    assert [(written(t), t.deadline.date) for t in draft.tasks] == [
        ("Trường Cao đẳng Y tế", dt.date(2023, 1, 23)),
        ("Trường phổ thông Dân tộc nội trú tỉnh", dt.date(2023, 1, 24)),
        ("các trường THPT", dt.date(2023, 1, 26)),
    ]


def test_a_department_plans_activities_with_their_time_and_unit_lines() -> None:
    """A department's plan: its time and theme are particulars, not work; each activity is one
    task, due by its "Thời gian:" line, led by the unit its "Đơn vị thực hiện:" line names."""
    tasks = tasks_of(
        "Sở Y tế xây dựng Kế hoạch như sau:",
        "I. THỜI GIAN, CHỦ ĐỀ",
        "1. Thời gian: Từ ngày 15/4/2024 đến ngày 15/5/2024.",
        '2. Chủ đề: "Thực phẩm an toàn".',
        "II. NỘI DUNG HOẠT ĐỘNG",
        "1. Tổ chức Lễ phát động Tháng hành động",
        "- Thời gian: Tháng 4/2024.",
        "- Đơn vị thực hiện: Chi cục An toàn vệ sinh thực phẩm.",
        "2. Kiểm tra liên ngành về an toàn thực phẩm",
        "- Thời gian: Quý II/2024.",
        "- Đơn vị chủ trì: Công an tỉnh; phối hợp: Sở Công Thương.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Chi cục An toàn vệ sinh thực phẩm", dt.date(2024, 4, 30)),
        ("Công an tỉnh", dt.date(2024, 6, 30)),
    ]


def test_a_plans_tasks_written_as_lines_of_who_and_when() -> None:
    tasks = tasks_of(
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Cải thiện chỉ số khởi sự kinh doanh",
        "1.1. Rút ngắn thời gian thành lập doanh nghiệp xuống còn 2 ngày.",
        "- Cơ quan thực hiện: Sở Nội vụ.",
        "- Thời gian thực hiện: Quý II/2024.",
        "1.2. Thực hiện đăng ký doanh nghiệp qua mạng.",
        "- Cơ quan chủ trì: Sở Tài chính; cơ quan phối hợp: Sở Y tế.",
        "- Thời gian hoàn thành: Trước ngày 30/9/2024.",
        "2. Cải thiện chỉ số tiếp cận điện năng",
        "Cơ quan thực hiện: Công an tỉnh.",
        "Thời gian thực hiện: Thường xuyên.",
    )
    assert [
        (lead_key(t.lead), [lead_key(c) for c in t.cooperating], t.deadline.date) for t in tasks
    ] == [
        ("Sở Nội vụ", [], dt.date(2024, 6, 30)),
        ("Sở Tài chính", ["Sở Y tế"], dt.date(2024, 9, 30)),
        ("Công an tỉnh", [], None),
    ]
    assert tasks[0].text.startswith("Rút ngắn thời gian")


def test_a_plans_lines_of_who_and_when_may_name_the_role_alone() -> None:
    tasks = tasks_of(
        "II. NHIỆM VỤ",
        "1. Xây dựng báo cáo tổng kết",
        "+ Chủ trì: Sở Văn hóa, Thể thao và Du lịch",
        "+ Phối hợp: Sở Khoa học và Công nghệ",
        "+ Thời gian hoàn thành: tháng 12/2024",
        "2. Tập huấn nghiệp vụ cho báo cáo viên pháp luật.",
        "Trách nhiệm thực hiện: Sở Tư pháp. Thời gian: tháng 5/2024.",
        "3. Rà soát văn bản quy phạm pháp luật",
        "- Cơ quan, đơn vị chủ trì: Sở Nội vụ; phối hợp thực hiện: Sở Tư pháp.",
        "- Thời gian: Quý III/2024.",
        "4. Kiểm tra việc thi hành pháp luật",
        "- Chủ trì thực hiện: Công an tỉnh.",
        "- Thời gian: năm 2024.",
    )
    assert [
        (lead_key(t.lead), [lead_key(c) for c in t.cooperating], t.deadline.date) for t in tasks
    ] == [
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Khoa học và Công nghệ"], dt.date(2024, 12, 31)),
        ("Sở Tư pháp", [], dt.date(2024, 5, 31)),
        ("Sở Nội vụ", ["Sở Tư pháp"], dt.date(2024, 9, 30)),
        ("Công an tỉnh", [], dt.date(2024, 12, 31)),
    ]
    assert tasks[1].text.startswith("Tập huấn nghiệp vụ")


def test_an_item_led_by_its_agencys_head_by_title() -> None:
    tasks = tasks_of(
        "1. Chủ tịch UBND các huyện, thành phố chỉ đạo rà soát, thống kê thiệt hại.",
        "2. Thống đốc Ngân hàng Nhà nước chi nhánh tỉnh chỉ đạo các tổ chức tín dụng giãn nợ.",
        "3. Chánh Thanh tra tỉnh tổ chức thanh tra việc sử dụng kinh phí hỗ trợ.",
        "4. Chánh Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện.",
        "5. Chánh án Tòa án nhân dân tỉnh chỉ đạo đưa các vụ án ra xét xử kịp thời.",
    )
    assert [written(t) for t in tasks] == [
        "Chủ tịch UBND các huyện, thành phố",
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "Thanh tra tỉnh",
        "Văn phòng UBND tỉnh",
        "Tòa án nhân dân tỉnh",
    ]


def test_those_an_agency_urges_and_reminds_are_not_its_items_lead() -> None:
    tasks = tasks_of(
        "10. Sở Y tế",
        "b) Thực hiện rà soát, thống kê các cơ sở, hoàn thành trước ngày 31/12/2024; đồng thời có"
        " văn bản đôn đốc, nhắc nhở các tổ chức, cá nhân lập hồ sơ theo quy định.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 12, 31))
    ]


def test_those_who_help_listed_before_the_verb_are_no_task_of_their_own() -> None:
    (task,) = tasks_of(
        "(1) Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế, Công an tỉnh tiếp thu ý kiến của "
        "các cơ quan, khẩn trương hoàn thiện hồ sơ.",
    )
    assert lead_key(task.lead) == "Sở Tài chính"
    assert [lead_key(c) for c in task.cooperating] == ["Sở Y tế", "Công an tỉnh"]


def test_one_sentence_that_gives_each_agency_its_own_work_is_one_task_each() -> None:
    tasks = news(
        "Ngày 10/12, UBND tỉnh ban hành Công văn số 123/UBND-KT về phòng chống dịch.",
        "Theo đó, UBND tỉnh giao Sở Y tế tăng cường kiểm tra, giám sát dịch bệnh, Sở Công Thương "
        "theo dõi chặt chẽ thị trường, Sở Tài chính bố trí kinh phí trước ngày 20/12/2024.",
        "UBND tỉnh yêu cầu Sở Y tế, Sở Công Thương và Sở Tài chính phối hợp kiểm tra, báo cáo "
        "trước ngày 25/12/2024.",
        issued=dt.date(2024, 12, 10),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Y tế", None),
        ("Sở Công Thương", None),
        ("Sở Tài chính", dt.date(2024, 12, 20)),
        ("Sở Y tế", dt.date(2024, 12, 25)),  # one thing asked of three: one task
    ]


def test_the_other_due_dates_of_a_task_are_kept_for_the_officer_to_see() -> None:
    """The earliest is the deadline; the labeller may have meant the other."""
    (task,) = tasks_of(
        "1. Giao Sở Nội vụ hoàn thiện Đề án, trình UBND tỉnh trước ngày 10/12/2024; gửi Ban Tổ "
        "chức Tỉnh ủy trước ngày 15 tháng 12 năm 2024."
    )
    assert task.deadline.date == dt.date(2024, 12, 10)
    assert [(d.date, d.phrase) for d in task.other_deadlines] == [
        (dt.date(2024, 12, 15), "trước ngày 15 tháng 12 năm 2024")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "1. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo UBND tỉnh trước ngày 15/3/2024.",
        "1. Giao Công an tỉnh rà soát, báo cáo trước ngày 20/3/2024 (chậm nhất ngày 20 tháng 3 "
        "năm 2024).",
        # One task for each day already: neither is another date of the other.
        "1. Sở Y tế định kỳ 6 tháng, báo cáo kết quả về UBND tỉnh trước ngày 15/6 và 15/12.",
        # A day gone by at the issue date is what was due before, not another date of the task.
        "1. Giao Sở Y tế báo cáo UBND tỉnh trước ngày 20/3/2024 kết quả rà soát các cơ sở đã "
        "phải khắc phục trước ngày 01/02/2024.",
        # A task with no due date has no other: the date is in what it is based on.
        "1. Căn cứ tình hình dịch bệnh sau kỳ nghỉ Tết Nguyên đán, Sở Y tế chủ động báo cáo UBND "
        "tỉnh.",
    ],
)
def test_a_task_whose_text_gives_no_other_due_date_has_none(sentence: str) -> None:
    tasks = tasks_of(sentence)
    assert tasks and not any(task.other_deadlines for task in tasks)


def test_a_yearly_duty_with_no_month_is_yearly_but_yields_to_a_section_date() -> None:
    """ "định kỳ hằng năm" alone recurs, from a first date the officer gives; under a dated
    heading the heading's date is the task's, as with no deadline of its own."""
    yearly, dated = tasks_of(
        "1. Giao Sở Y tế báo cáo UBND tỉnh định kỳ hằng năm.",
        "2. Nhiệm vụ trong tháng 6/2024:",
        "- Sở Tài chính tổ chức sơ kết hằng năm.",
    )
    assert (yearly.deadline.date, yearly.deadline.recurrence) == (None, "yearly")
    assert (dated.deadline.date, dated.deadline.recurrence, dated.inherited) == (
        dt.date(2024, 6, 30),
        None,
        True,
    )


def test_a_warning_of_the_importer_carries_its_code_and_values_beside_its_words() -> None:
    """Each warning says what it is and with which values (for the bot to word it in the
    chat's language), and its Vietnamese words, as the command line prints them."""
    draft = read_directive(
        "\n".join(
            [
                "THÔNG BÁO",
                "Ngày 01 tháng 3 năm 2024, Chủ tịch UBND tỉnh chủ trì cuộc họp về du lịch.",
                "1. Giao Sở Du lịch và Sở Văn hóa & Thể thao quảng bá điểm đến, báo cáo trước "
                "ngày 20/4/2024.",
                "2. Tổ chức tốt lễ hội truyền thống, hoàn thành trong tháng 4/2024.",
            ]
        ).encode(),
        "tb.txt",
        catalogue=Catalogue([CatalogueEntry("Sở Y tế")]),
    )

    assert [(w.code, w.date, w.source, w.count, w.names) for w in draft.warnings] == [
        ("issue_date_guessed", dt.date(2024, 3, 1), "meeting", 0, ()),
        ("tasks_without_lead", None, "", 1, ()),
        ("unknown_agencies", None, "", 0, ("Sở Du lịch", "Sở Văn hóa & Thể thao")),
    ]
    assert [w.message_vi for w in draft.warnings] == [
        "Văn bản không ghi ngày ban hành; tạm lấy ngày 01/03/2024 (ngày họp nêu trong văn bản) "
        "làm mốc tính hạn. Hãy kiểm tra lại.",
        "1 nhiệm vụ chưa xác định được cơ quan chủ trì.",
        "Cơ quan chưa có trong danh mục: Sở Du lịch; Sở Văn hóa & Thể thao.",
    ]


def test_an_item_that_directs_one_to_lead_with_no_one_above_is_led_by_it() -> None:
    tasks = tasks_of(
        "Để kịp thời ứng phó với dịch bệnh, Chủ tịch UBND tỉnh yêu cầu:",
        "1. Chỉ đạo Sở Y tế chủ trì, phối hợp với các đơn vị liên quan triển khai tiêm chủng,"
        " hoàn thành trước ngày 30/4/2024.",
        "2. Đồng thời, chỉ đạo Công an tỉnh chủ trì bảo đảm an ninh trật tự.",
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 30)),
        ("Công an tỉnh", None),
    ]


def test_a_paragraph_that_directs_one_to_lead_is_work_with_no_heading() -> None:
    tasks = tasks_of(
        "Chỉ đạo Sở Y tế chủ trì, phối hợp với các đơn vị liên quan triển khai tiêm chủng, hoàn"
        " thành trước ngày 30/4/2024."
    )
    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Y tế", dt.date(2024, 4, 30))
    ]


def test_what_voters_ask_for_is_no_task_of_the_addressee() -> None:
    tasks = letter(
        "Kính gửi: Sở Giao thông vận tải.",
        "Văn phòng UBND tỉnh nhận được ý kiến của cử tri huyện Duy Xuyên như sau:",
        "Cử tri đề nghị xem xét sửa chữa tuyến đường ĐT 609 trước mùa mưa năm 2016.",
        "Nhiều hộ dân yêu cầu kiểm tra việc thu phí tại bến xe.",
        "Về việc này, Phó Chủ tịch UBND tỉnh có ý kiến như sau:",
        "Giao Sở Giao thông vận tải kiểm tra, trả lời cử tri trước ngày 30/3/2016.",
    )
    assert [(written(t), t.deadline.date) for t in tasks] == [
        ("Sở Giao thông vận tải", dt.date(2016, 3, 30))
    ]


def test_work_that_mentions_days_off_or_a_resolution_is_no_grant_of_days_off() -> None:
    tasks = tasks_of(
        "UBND tỉnh yêu cầu các sở, ngành:",
        "1. Bố trí lịch trực để cán bộ được nghỉ lễ an toàn, gửi lịch trực về Văn phòng UBND tỉnh"
        " trước ngày 25/4/2024.",
        "2. Lực lượng trực không được nghỉ trong thời gian cao điểm, báo cáo tình hình trước"
        " ngày 02/5/2024.",
        "3. Triển khai các nội dung được Nghị quyết số 05/NQ-HĐND quy định, hoàn thành trước"
        " ngày 30/4/2024.",
        "4. Đối với người lao động được nghỉ bù, các đơn vị lập danh sách gửi Sở Tài chính trước"
        " ngày 20/3/2024.",
    )
    assert [t.deadline.date for t in tasks] == [
        dt.date(2024, 4, 25),
        dt.date(2024, 5, 2),
        dt.date(2024, 4, 30),
        dt.date(2024, 3, 20),
    ]


def test_days_off_granted_after_a_heading_or_a_connective_are_no_task() -> None:
    tasks = tasks_of(
        "Thông báo nghỉ Tết Nguyên đán Ất Tỵ năm 2025 như sau:",
        "1. Tết Âm lịch: cán bộ, công chức, viên chức được nghỉ từ ngày 25/01/2025 đến hết ngày"
        " 02/02/2025.",
        "2. Theo đó, cán bộ, công chức, viên chức được nghỉ Tết Dương lịch vào ngày 01/01/2025.",
        "3. Đối với người lao động: được nghỉ theo quy định của Bộ luật Lao động.",
        "4. Các cơ quan, đơn vị bố trí trực, gửi lịch trực về Sở Tài chính trước ngày 20/12/2024.",
    )
    assert [t.deadline.date for t in tasks] == [dt.date(2024, 12, 20)]


def test_greetings_one_organises_and_a_tax_office_since_2025_are_work() -> None:
    tasks = news(
        "1. Tổ chức thăm hỏi, chúc mừng các chức sắc tôn giáo nhân dịp Lễ Giáng sinh; hoàn thành "
        "trước ngày 24/12/2026.",
        "2. Thuế tỉnh Lâm Đồng rà soát khả năng thu, báo cáo UBND tỉnh trước ngày 12/12/2026.",
        "3. Trưởng các thôn tổ chức họp thôn bình xét hộ nghèo trước ngày 31/12/2026.",
        "UBND tỉnh chúc mừng các đơn vị đã hoàn thành xuất sắc nhiệm vụ năm 2026.",
        issued=dt.date(2026, 11, 24),
    )
    assert leads_and_dates(tasks) == [
        (None, dt.date(2026, 12, 24)),
        ("Thuế tỉnh Lâm Đồng", dt.date(2026, 12, 12)),
        ("Trưởng các thôn", dt.date(2026, 12, 31)),
    ]


def test_those_who_went_on_a_site_visit_are_no_task() -> None:
    tasks = news(
        "Sáng ngày 25/9/2026, Phó Chủ tịch UBND tỉnh đã chủ trì đoàn công tác kiểm tra thực địa dự "
        "án. Tham gia đoàn công tác có lãnh đạo các Sở: Y tế, Xây dựng, Tài chính.",
        "Phó Chủ tịch UBND tỉnh kết luận như sau:",
        "1. Sở Y tế rà soát danh mục trang thiết bị, báo cáo UBND tỉnh trước ngày 15/10/2026.",
        issued=dt.date(2026, 9, 28),
    )
    assert leads_and_dates(tasks) == [("Sở Y tế", dt.date(2026, 10, 15))]


def test_the_demands_of_a_conclusion_are_work_a_plans_requirements_are_not() -> None:
    demands = news(
        "THÔNG BÁO",
        "Kết luận kiểm tra công tác tuyển dụng công chức",
        "II. YÊU CẦU",
        "1. UBND xã Đức Trọng xây dựng Đề án vị trí việc làm; hoàn thành trước ngày 30/6/2026.",
        issued=dt.date(2026, 1, 9),
    )
    assert leads_and_dates(demands) == [("UBND xã Đức Trọng", dt.date(2026, 6, 30))]
    plan = news(
        "KẾ HOẠCH",
        "Tuyển dụng công chức năm 2026",
        "I. MỤC ĐÍCH",
        "Nâng cao chất lượng tuyển dụng công chức.",
        "II. YÊU CẦU",
        "1. Các cơ quan, đơn vị bảo đảm công khai, minh bạch trong tuyển dụng.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ hướng dẫn các xã, hoàn thành trước ngày 30/6/2026.",
        issued=dt.date(2026, 1, 9),
    )
    assert leads_and_dates(plan) == [("Sở Nội vụ", dt.date(2026, 6, 30))]


def test_a_boards_members_and_its_end_are_no_tasks() -> None:
    tasks = news(
        "QUYẾT ĐỊNH:",
        "Điều 1. Thành lập Ban Chỉ đạo thực hiện Chương trình nông thôn mới huyện (sau đây gọi tắt"
        " là Ban Chỉ đạo), gồm các ông (bà) có tên sau:",
        "1. Ông Nguyễn Văn Hải, Chủ tịch UBND huyện - Trưởng ban;",
        "2. Ông Trần Đình Lâm, Phó Chủ tịch UBND huyện - Phó Trưởng ban thường trực;",
        "3. Các thành viên: Trưởng phòng Tài chính - Kế hoạch; Chủ tịch UBND các xã.",
        "Điều 2. Phòng Tài chính - Kế hoạch: Tham mưu bố trí kinh phí hoạt động của Ban Chỉ đạo.",
        "Ban Chỉ đạo tự giải thể sau khi hoàn thành nhiệm vụ.",
        issued=dt.date(2024, 10, 7),
    )
    assert leads_and_dates(tasks) == [("Phòng Tài chính - Kế hoạch", None)]
    # A chairman who speaks, named, is no member of a list.
    (spoken,) = news(
        "Ông Nguyễn Văn Hải, Chủ tịch UBND huyện - Trưởng ban, yêu cầu Phòng Nội vụ rà soát hồ sơ"
        " trước ngày 15/10/2024.",
        issued=dt.date(2024, 10, 7),
    )
    assert spoken.deadline.date == dt.date(2024, 10, 15)


def test_a_sections_time_written_below_its_items_dates_each_of_them() -> None:
    tasks = news(
        "QUYẾT ĐỊNH:",
        "Điều 2. Trách nhiệm thực hiện",
        "1. Sở Nông nghiệp và Môi trường",
        "a) Xây dựng phương án kỹ thuật kiểm kê, trình phê duyệt;",
        "b) Tổng hợp kết quả kiểm kê toàn tỉnh, trình UBND tỉnh công bố.",
        "Thời gian hoàn thành các nội dung tại khoản này: trước ngày 31/10/2025.",
        "2. Sở Tài chính: Thẩm định dự toán kinh phí kiểm kê rừng.",
        issued=dt.date(2025, 9, 15),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Nông nghiệp và Môi trường", dt.date(2025, 10, 31)),
        ("Sở Nông nghiệp và Môi trường", dt.date(2025, 10, 31)),
        ("Sở Tài chính", None),
    ]


def test_the_units_own_report_after_the_last_item_keeps_that_items_date() -> None:
    tasks = news(
        "V/v thực hiện Kết luận thanh tra số 1567/KL-TTCP",
        "Kính gửi: Thanh tra tỉnh; UBND thành phố Hạ Long.",
        "1. UBND thành phố thu hồi số tiền thuê đất; xong chậm nhất ngày 10/10.",
        "2. Giao Thanh tra tỉnh theo dõi, báo cáo Thanh tra Chính phủ trước ngày 05/12/2024.",
        "Các đơn vị được giao nhiệm vụ tại văn bản này gửi báo cáo tiến độ về Thanh tra tỉnh trước"
        " ngày 25 hằng tháng để tổng hợp./.",
        issued=dt.date(2024, 9, 20),
    )
    assert [t.deadline.date for t in tasks] == [
        dt.date(2024, 10, 10),
        dt.date(2024, 12, 5),
        dt.date(2024, 9, 25),
    ]


def test_a_calendars_days_are_no_tasks_a_team_given_work_is_a_lead() -> None:
    tasks = news(
        "THÔNG BÁO",
        "Lịch tuyển sinh vào lớp 10 THPT năm học 2027-2028",
        "1. Ngày 05/5/2027: công bố số lượng đăng ký nguyện vọng vào từng trường.",
        "2. Ngày 20/6/2027: công bố điểm thi.",
        "3. Đoàn kiểm tra tổng hợp, báo cáo kết quả về Giám đốc Sở trước ngày 15/12/2027.",
        issued=dt.date(2027, 3, 10),
    )
    assert leads_and_dates(tasks) == [("Đoàn kiểm tra", dt.date(2027, 12, 15))]


def test_a_news_item_quoting_the_order_asks_the_agency_inside_the_quotes() -> None:
    tasks = news(
        "Thứ năm, 14/9/2023, 19:05 (GMT+7)",
        '"Sở Y tế phải huy động tối đa lực lượng, thuốc men để cứu chữa người bị thương",'
        " ông Thanh yêu cầu.",
        'Theo đồng chí Phó Chủ tịch, "UBND các huyện ven biển phải rà soát, lập danh sách tàu cá'
        ' "3 không", xong trong 02 tuần".',
        issued=dt.date(2024, 8, 28),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Y tế", None),
        ("UBND các huyện", dt.date(2024, 9, 11)),
    ]


def test_what_a_speaker_tells_was_asked_before_and_who_chaired_are_no_tasks() -> None:
    tasks = news(
        "UBND huyện Yên Thành họp bàn các giải pháp cấp bách phòng, chống dịch tả lợn Châu Phi",
        "Ngày đăng: 06/06/2019",
        "Chiều ngày 05/6/2019, UBND huyện tổ chức cuộc họp Ban Chỉ đạo phòng, chống dịch. Đồng chí"
        " Nguyễn Văn Quang - Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo chủ trì cuộc họp.",
        "Ông Thượng cho biết Sở Y tế đã đề nghị Bộ Y tế hỗ trợ thuốc, dịch truyền cho huyện.",
        "Kết luận cuộc họp, đồng chí Phó Chủ tịch UBND huyện đề nghị Công an huyện kiểm soát chặt"
        " việc vận chuyển lợn qua địa bàn.",
        issued=dt.date(2019, 6, 6),
    )
    assert leads_and_dates(tasks) == [("Công an huyện", None)]


def test_the_date_for_the_contents_above_dates_the_items_just_above_it() -> None:
    tasks = news(
        "Kết luận cuộc họp, đồng chí Phó Chủ tịch UBND huyện đề nghị:",
        "- Công an huyện kiểm soát chặt việc vận chuyển lợn qua địa bàn.",
        "- UBND các xã, thị trấn:",
        "+ Thành lập tổ kiểm soát, chốt chặn tại các ổ dịch;",
        "+ Thống kê tổng đàn lợn, số hộ chăn nuôi trên địa bàn.",
        "Các nội dung trên, UBND các xã, thị trấn hoàn thành trước ngày 20/6/2019.",
        issued=dt.date(2019, 6, 6),
    )
    assert leads_and_dates(tasks) == [
        ("Công an huyện", None),
        ("UBND các xã, thị trấn", dt.date(2019, 6, 20)),
        ("UBND các xã, thị trấn", dt.date(2019, 6, 20)),
    ]


def test_a_topic_of_a_meetings_conclusion_holds_its_directions() -> None:
    # "Về tình hình ..." heads what the meeting decided on it, not background to skip; the
    # months it reviewed are no deadline.
    resolution = news(
        "NGHỊ QUYẾT",
        "PHIÊN HỌP THƯỜNG KỲ THÁNG 3 NĂM 2023",
        "QUYẾT NGHỊ:",
        "1. Về tình hình thu ngân sách",
        "Ủy ban nhân dân tỉnh yêu cầu:",
        "- Sở Kế hoạch và Đầu tư hoàn chỉnh báo cáo, gửi Văn phòng UBND tỉnh trước ngày 07/4/2023.",
        "- Sở Tài chính rà soát các khoản thu; báo cáo UBND tỉnh trong tháng 4/2023.",
        issued=dt.date(2023, 4, 5),
    )
    assert leads_and_dates(resolution) == [
        ("Sở Kế hoạch và Đầu tư", dt.date(2023, 4, 7)),
        ("Sở Tài chính", dt.date(2023, 4, 30)),
    ]
    notice = news(
        "THÔNG BÁO KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY",
        "tại phiên họp ngày 08/3/2024",
        "I. VỀ TÌNH HÌNH THỰC HIỆN NHIỆM VỤ 2 THÁNG ĐẦU NĂM 2024",
        "1. Ban Tổ chức Tỉnh ủy tham mưu phương án sắp xếp đơn vị hành chính cấp xã; báo cáo"
        " Thường trực Tỉnh ủy trước ngày 25/3.",
        "2. Ban Tuyên giáo Tỉnh ủy định hướng công tác tuyên truyền các ngày lễ lớn.",
        issued=dt.date(2024, 3, 12),
    )
    assert [t.deadline.date for t in notice] == [dt.date(2024, 3, 25), None]
    assert written(notice[0]) == "Ban Tổ chức Tỉnh ủy"


def test_a_boards_members_are_no_tasks_and_an_article_ends_the_one_before() -> None:
    tasks = news(
        "QUYẾT ĐỊNH:",
        "Điều 1. Kiện toàn Ban Chỉ đạo thực hiện các Chương trình mục tiêu quốc gia tỉnh (sau đây"
        " gọi tắt là Ban Chỉ đạo), gồm các thành viên sau:",
        "1. Trưởng ban: Ông Nguyễn Phi Long - Chủ tịch UBND tỉnh.",
        "2. Phó Trưởng ban thường trực: Ông Nguyễn Tự Công Hoàng - Phó Chủ tịch UBND tỉnh.",
        "Điều 2. Nhiệm vụ của các thành viên Ban Chỉ đạo",
        "1. Sở Kế hoạch và Đầu tư chủ trì tham mưu phân bổ vốn năm 2022, trình UBND tỉnh trước"
        " ngày 15/11/2021.",
        issued=dt.date(2021, 9, 6),
    )

    assert leads_and_dates(tasks) == [("Sở Kế hoạch và Đầu tư", dt.date(2021, 11, 15))]
    assert tasks[0].text.startswith("Sở Kế hoạch")


def test_whom_an_item_advises_and_whom_they_direct_do_not_lead_it() -> None:
    tasks = news(
        "1. Trung tâm Y tế các huyện, thị xã, thành phố:",
        "a) Tham mưu UBND cấp huyện chỉ đạo các xã, thị trấn tổ chức truyền thông phòng bệnh.",
        "b) Báo cáo kết quả tiêm chủng mở rộng về Sở Y tế trước ngày 20/7/2020.",
        issued=dt.date(2020, 7, 14),
    )

    assert leads_and_dates(tasks) == [
        ("Trung tâm Y tế các huyện, thị xã, thành phố", None),
        ("Trung tâm Y tế các huyện, thị xã, thành phố", dt.date(2020, 7, 20)),
    ]


def test_those_who_tell_the_households_lead_their_item() -> None:
    """ "Sở Y tế thông báo đến các đơn vị được biết" is the writer; "Trưởng các thôn ... thông báo
    đến từng hộ dân" is asked to."""
    tasks = news(
        "Chủ tịch UBND huyện yêu cầu:",
        "1. Chủ tịch UBND các xã, thị trấn tổ chức sơ tán dân, xong trước ngày 03/11/2017.",
        "2. Trưởng các thôn, tổ dân phố thông báo đến từng hộ dân về diễn biến của bão trước ngày"
        " 04/11/2017.",
        issued=dt.date(2017, 11, 3),
    )

    assert [written(t) for t in tasks] == [
        "Chủ tịch UBND các xã, thị trấn",
        "Trưởng các thôn, tổ dân phố",
    ]


def test_the_year_of_a_headings_purpose_is_no_deadline_of_its_items() -> None:
    tasks = news(
        "2. Để bảo đảm khởi công Dự án trong năm 2022 theo yêu cầu của Thủ tướng Chính phủ tại"
        " Thông báo số 97/TB-VPCP ngày 01 tháng 4 năm 2022, yêu cầu các bộ, cơ quan, địa phương"
        " thực hiện các nhiệm vụ sau:",
        "a) Bộ Kế hoạch và Đầu tư báo cáo bổ sung kế hoạch vốn năm 2022 trước ngày 15/8/2022.",
        "b) Bộ Quốc phòng thẩm định hồ sơ trong vòng 10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
        issued=dt.date(2022, 7, 12),
    )

    assert leads_and_dates(tasks) == [
        ("Bộ Kế hoạch và Đầu tư", dt.date(2022, 8, 15)),
        ("Bộ Quốc phòng", None),
    ]


def test_who_acts_once_the_time_runs_out_does_not_lead_the_item() -> None:
    tasks = news(
        "2. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:",
        "- Hoàn thành việc phân bổ chi tiết số vốn kế hoạch năm 2023 còn lại trước ngày 15 tháng 3"
        " năm 2023; quá thời hạn trên, Bộ Kế hoạch và Đầu tư tổng hợp, báo cáo Thủ tướng Chính"
        " phủ điều chuyển vốn.",
        issued=dt.date(2023, 2, 20),
    )

    assert leads_and_dates(tasks) == [
        ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", dt.date(2023, 3, 15))
    ]


def test_an_item_gives_each_agency_after_a_semicolon_its_own_work() -> None:
    tasks = news(
        "2. Giao Sở Nông nghiệp và Phát triển nông thôn hướng dẫn Nhân dân khôi phục sản xuất; Sở"
        " Giao thông vận tải khắc phục các điểm sạt lở, bảo đảm thông tuyến trước ngày 31/3/2025.",
        issued=dt.date(2025, 3, 10),
    )

    assert leads_and_dates(tasks) == [
        ("Sở Nông nghiệp và Phát triển nông thôn", None),
        ("Sở Giao thông vận tải", dt.date(2025, 3, 31)),
    ]


def test_a_paragraph_under_a_heading_gives_work_to_each_it_names() -> None:
    """Under a heading, a paragraph's sentences are one piece of work, unless one gives work to
    another agency, or its subject's own work by another date."""
    conclusions = news(
        "III. KIẾN NGHỊ CỦA CÁC ĐƠN VỊ",
        "Đồng ý bổ sung vốn đối ứng cho Dự án Kè Quỳnh Lập; giao Sở Kế hoạch và Đầu tư cân đối"
        " từ nguồn dự phòng. Về kiến nghị kéo dài thời gian giải ngân vốn năm 2022: Giao Sở Tài"
        " chính hướng dẫn theo quy định của Luật Đầu tư công.",
        issued=dt.date(2023, 7, 18),
    )
    plan = news(
        "5. Bảo đảm an toàn, an ninh mạng",
        "Công an tỉnh chủ trì, phối hợp với Sở Y tế kiểm tra, đánh giá an toàn thông tin, hoàn"
        " thành trước ngày 31/10/2024. Các cơ quan, đơn vị, địa phương phê duyệt hồ sơ đề xuất"
        " cấp độ an toàn hệ thống thông tin trong quý II/2024.",
        issued=dt.date(2024, 2, 26),
    )

    assert leads_and_dates(conclusions) == [("Sở Kế hoạch và Đầu tư", None), ("Sở Tài chính", None)]
    assert leads_and_dates(plan) == [
        ("Công an tỉnh", dt.date(2024, 10, 31)),
        ("Các cơ quan, đơn vị, địa phương", dt.date(2024, 6, 30)),
    ]


def test_a_visits_conclusions_that_name_no_one_are_for_the_one_visited() -> None:
    """A notice of a working visit: what names no one is for the district or department
    visited, not for every body its closing line tells."""
    district = news(
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Kiên Lương",
        "Chủ tịch UBND tỉnh kết luận như sau:",
        "Huyện cần tập trung thực hiện tốt một số nội dung trọng tâm sau:",
        "a) Khẩn trương lập hồ sơ dự án kè chống sạt lở, gửi Sở Nông nghiệp và Phát triển nông"
        " thôn trước ngày 30/9/2018.",
        "b) Quyết liệt thực hiện các giải pháp chống khai thác IUU.",
        "Văn phòng UBND tỉnh thông báo để các sở, ngành và UBND huyện Kiên Lương biết, thực"
        " hiện./.",
        issued=dt.date(2018, 8, 10),
    )
    department = news(
        "THÔNG BÁO",
        "Ý kiến kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Sở Nông nghiệp và Phát"
        " triển nông thôn",
        "2. Nhiệm vụ trọng tâm",
        "Thứ nhất, tập trung chỉ đạo sản xuất vụ Xuân đảm bảo đúng khung thời vụ.",
        "Thứ hai, rà soát Đề án tái cơ cấu ngành nông nghiệp, trình UBND tỉnh trước ngày 20/3.",
        "Thứ ba, chỉ đạo Chi cục Thủy lợi hoàn thành nạo vét kênh mương trong 15 ngày.",
        issued=dt.date(2017, 3, 6),
    )

    assert leads_and_dates(district) == [
        ("UBND huyện Kiên Lương", dt.date(2018, 9, 30)),
        ("UBND huyện Kiên Lương", None),
    ]
    assert leads_and_dates(department) == [
        ("Sở Nông nghiệp và Phát triển nông thôn", None),
        ("Sở Nông nghiệp và Phát triển nông thôn", dt.date(2017, 3, 20)),
        ("Sở Nông nghiệp và Phát triển nông thôn", dt.date(2017, 3, 21)),
    ]


def test_the_last_sentence_before_a_list_names_whom_the_list_is_for() -> None:
    """ "Cơ bản thống nhất ... Trong đó, UBND huyện Bát Xát tập trung vào một số nội dung sau:":
    what comes before the opening sentence does not hide it."""
    tasks = news(
        "II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "Cơ bản thống nhất với nhiệm vụ huyện đã đề ra. Trong đó, UBND huyện Bát Xát tập trung"
        " vào một số nội dung sau:",
        "a) Tháo gỡ vướng mắc giải phóng mặt bằng, bàn giao mặt bằng trước ngày 30/4/2024.",
        "b) Thường xuyên kiểm tra, giám sát chất lượng các công trình.",
        issued=dt.date(2024, 4, 5),
    )

    assert leads_and_dates(tasks) == [
        ("UBND huyện Bát Xát", dt.date(2024, 4, 30)),
        ("UBND huyện Bát Xát", None),
    ]


def test_a_councils_approval_and_who_attended_the_session_are_no_tasks() -> None:
    tasks = news(
        "Dự phiên họp có các đồng chí Phó Chủ tịch UBND tỉnh, lãnh đạo các sở, ngành, địa phương.",
        "Điều 1. Hội đồng nhân dân tỉnh cơ bản thống nhất với Báo cáo kết quả giám sát của"
        " Thường trực Hội đồng nhân dân tỉnh.",
        "Điều 2. Hội đồng nhân dân tỉnh đề nghị:",
        "1. Sở Xây dựng có giải pháp cấp nước sinh hoạt tạm thời cho người dân xã Hòn Nghệ.",
        issued=dt.date(2021, 12, 10),
    )

    assert leads_and_dates(tasks) == [("Sở Xây dựng", None)]


def test_a_council_gives_the_committee_work_by_its_title_alone() -> None:
    """ "Ủy ban nhân dân tỉnh" alone is the one a document is written by, or reported to; given
    work ("giao", "yêu cầu", "đề nghị"), as a People's Council's resolution gives it, it leads."""
    tasks = news(
        "NGHỊ QUYẾT",
        "QUYẾT NGHỊ:",
        "Điều 1. Hội đồng nhân dân tỉnh yêu cầu Ủy ban nhân dân tỉnh tập trung chỉ đạo thực hiện"
        " các nhiệm vụ, giải pháp sau:",
        "(1) Hoàn thành phê duyệt điều chỉnh Quy hoạch chung đô thị trong quý II/2024.",
        "(2) Tháo gỡ vướng mắc về đất đai cho Dự án Cảng Cà Ná, hoàn thành trước ngày 30/9/2024.",
        "Điều 2. Tổ chức thực hiện",
        "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.",
        "2. Giao Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.",
        issued=dt.date(2023, 12, 8),
    )

    assert leads_and_dates(tasks) == [
        ("Ủy ban nhân dân tỉnh", dt.date(2024, 6, 30)),
        ("Ủy ban nhân dân tỉnh", dt.date(2024, 9, 30)),
        ("Ủy ban nhân dân tỉnh", None),
        ("Thường trực Hội đồng nhân dân tỉnh", None),
    ]


def test_a_heading_naming_the_committee_or_bodies_by_a_trait_leads_the_items_below() -> None:
    resolution = news(
        "Điều 1. Hội đồng nhân dân tỉnh yêu cầu:",
        "1. Ủy ban nhân dân tỉnh",
        "a) Chỉ đạo hoàn thành việc sắp xếp các điểm trường lẻ trước ngày 31/8/2023.",
        "b) Chỉ đạo rà soát hiệu quả các dự án sử dụng vốn chương trình mục tiêu quốc gia.",
        issued=dt.date(2023, 7, 14),
    )
    assert leads_and_dates(resolution) == [
        ("Ủy ban nhân dân tỉnh", dt.date(2023, 8, 31)),
        ("Ủy ban nhân dân tỉnh", None),
    ]
    for heading in (
        "2.5. Các huyện ủy, thành ủy có dự án trên địa bàn:",
        "1. Các cơ quan, đơn vị được kiểm tra",
    ):
        tasks = news(
            heading,
            "- Thành lập Ban Chỉ đạo giải phóng mặt bằng, xong trước ngày 30/9/2020.",
            issued=dt.date(2020, 9, 18),
        )
        assert leads_and_dates(tasks) == [
            (heading.split(" ", 1)[1].rstrip(":"), dt.date(2020, 9, 30))
        ]


def test_a_group_line_between_a_tables_rows_does_not_end_the_table() -> None:
    # As a .docx reads a merged cell, or a copy gives a group's number and name.
    tasks = news(
        "DANH MỤC NHIỆM VỤ",
        "STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "I. Ổn định kinh tế vĩ mô",
        "1 | Rà soát dự toán chi thường xuyên | Sở Tài chính | Các sở, ngành | Quý II/2024",
        "II. Quản lý tài nguyên",
        "2 | Cập nhật bảng giá đất | Sở Xây dựng | Sở Tài chính | Tháng 8/2024",
        issued=dt.date(2024, 3, 5),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Tài chính", dt.date(2024, 6, 30)),
        ("Sở Xây dựng", dt.date(2024, 8, 31)),
    ]


def test_a_rules_items_quoted_in_a_letter_are_no_tasks() -> None:
    letter = news(
        "Kính gửi: Trung tâm Y tế các quận, huyện.",
        "Quyết định số 1327/QĐ-BYT của Bộ Y tế quy định:",
        '"1. Biện pháp dự phòng:',
        "a) Tuyên truyền, giáo dục sức khỏe cho người dân về bệnh sởi;",
        'b) Tiêm vắc xin phòng bệnh sởi cho đối tượng theo lịch tiêm chủng."',
        "Sở Y tế đề nghị Trung tâm Y tế các quận, huyện tổ chức tiêm vét trước ngày 31/3/2019./.",
        issued=dt.date(2019, 3, 4),
    )
    assert leads_and_dates(letter) == [("Trung tâm Y tế các quận, huyện", dt.date(2019, 3, 31))]
    # Unquoted, the rule's items still come after the line that cites it as their subject.
    letter = news(
        "Kính gửi: Sở Công Thương.",
        "Thông tư số 12/2019/TT-BCT quy định về ô số 13 của C/O mẫu E:",
        '- Đánh dấu vào ô "Exhibition" trong trường hợp hàng hóa được gửi để tham gia triển lãm;',
        '- Đánh dấu vào ô "Movement Certificate" trong trường hợp C/O giáp lưng.',
        "Bộ Công Thương đề nghị Sở Công Thương báo cáo kết quả trước ngày 30/6/2023./.",
        issued=dt.date(2023, 5, 18),
    )
    assert leads_and_dates(letter) == [("Sở Công Thương", dt.date(2023, 6, 30))]


def test_a_news_items_headline_paper_mark_and_byline_are_no_tasks() -> None:
    tasks = news(
        "Sở Y tế triển khai phòng, chống sốt xuất huyết",
        "20/06/2022",
        "(GD&ĐT Bình Định) - Ngày 18/6/2022, Sở Y tế ban hành Công văn số 845/SYT-NV về việc"
        " phòng, chống sốt xuất huyết.",
        "Sở Y tế yêu cầu Trung tâm Kiểm soát bệnh tật tỉnh báo cáo trước ngày 30/6/2022.",
        "Báo Sức khỏe & Đời sống",
        issued=dt.date(2022, 6, 20),
    )
    assert leads_and_dates(tasks) == [("Trung tâm Kiểm soát bệnh tật tỉnh", dt.date(2022, 6, 30))]


def test_the_opening_under_a_bare_kinh_gui_list_is_the_bodys_first_line() -> None:
    tasks = news(
        "Kính gửi:",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các huyện, thị xã, thành phố.",
        "Phó Chủ tịch UBND tỉnh giao nhiệm vụ như sau:",
        "- Sở Xây dựng: Kiểm tra các công trình trọng điểm trước ngày 30/6/2021.",
        "- Sở Tài chính: Bố trí kinh phí trong tháng 7/2021.",
        issued=dt.date(2021, 6, 14),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Xây dựng", dt.date(2021, 6, 30)),
        ("Sở Tài chính", dt.date(2021, 7, 31)),
    ]


def test_items_that_fold_like_a_ban_or_a_petition_are_still_work() -> None:
    # Folded, "Cắm" reads "cấm" and "Đôn đốc" opens with "đơn"; "bàn giao" is no work given.
    tasks = news(
        "1. Sở Giao thông vận tải:",
        "- Cắm biển báo nguy hiểm tại các điểm sạt lở.",
        "- Đôn đốc các nhà thầu thi công trên phần mặt bằng đã được bàn giao.",
        issued=dt.date(2023, 7, 1),
    )
    assert leads_and_dates(tasks) == [("Sở Giao thông vận tải", None)] * 2


def test_a_later_sentence_of_an_item_that_sets_others_to_work_is_a_task_of_its_own() -> None:
    tasks = news(
        "1. Giao Sở Tài chính thẩm định dự toán kinh phí, trình UBND tỉnh trong 05 ngày làm việc."
        " Sở Kế hoạch và Đầu tư cân đối, bố trí vốn cho dự án, báo cáo UBND tỉnh trước ngày"
        " 31/3/2020.",
        "2. Sở Giáo dục và Đào tạo hướng dẫn các trường học khử khuẩn trường, lớp. Sở Thông tin và"
        " Truyền thông, Báo Quảng Ninh tăng cường thông tin, tuyên truyền.",
        issued=dt.date(2020, 3, 10),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Tài chính", dt.date(2020, 3, 17)),
        ("Sở Kế hoạch và Đầu tư", dt.date(2020, 3, 31)),
        ("Sở Giáo dục và Đào tạo", None),
        ("Sở Thông tin và Truyền thông", None),
    ]


def test_the_units_report_after_a_list_is_a_task_of_its_own_not_more_of_the_last_item() -> None:
    tasks = news(
        "UBND tỉnh yêu cầu:",
        "1. Sở Giao thông vận tải bảo đảm giao thông thông suốt trên các tuyến quốc lộ.",
        "2. Báo Quảng Nam tăng thời lượng đưa tin về diễn biến của bão.",
        "Các đơn vị báo cáo kết quả triển khai thực hiện về UBND tỉnh trước 15 giờ ngày"
        " 17/6/2021./.",
        issued=dt.date(2021, 6, 15),
    )
    assert [t.deadline.date for t in tasks] == [None, None, dt.date(2021, 6, 17)]
    assert [written(t) for t in tasks[:2]] == ["Sở Giao thông vận tải", "Báo Quảng Nam"]


def test_a_heading_that_hands_out_work_leaves_each_agency_below_its_own_items() -> None:
    tasks = news(
        "Cùng đi có lãnh đạo các Sở: Xây dựng, Tài chính; Văn phòng UBND Thành phố.",
        "2. Giao nhiệm vụ cụ thể như sau:",
        "a) Sở Giao thông vận tải:",
        "- Chỉ đạo các nhà thầu tập trung máy móc, nhân lực thi công.",
        "- Hoàn thành thi công đường công vụ trong quý III/2023.",
        issued=dt.date(2023, 7, 1),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Giao thông vận tải", None),
        ("Sở Giao thông vận tải", dt.date(2023, 9, 30)),
    ]


def test_when_an_event_is_held_is_no_task() -> None:
    tasks = news(
        "KẾ HOẠCH",
        "Tổ chức Lễ kỷ niệm",
        "II. THỜI GIAN, ĐỊA ĐIỂM",
        "- Thời gian: 20 giờ 00 ngày 30/4/2022.",
        "- Địa điểm: Quảng trường Thành cổ Quảng Trị.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Công an tỉnh xây dựng phương án bảo đảm an ninh, hoàn thành trước ngày 20/4/2022.",
        issued=dt.date(2022, 2, 18),
    )
    assert leads_and_dates(tasks) == [("Công an tỉnh", dt.date(2022, 4, 20))]


def test_what_a_letter_received_asked_is_no_task_of_the_letter() -> None:
    tasks = news(
        "Kính gửi: Sở Y tế.",
        "Ủy ban nhân dân tỉnh nhận được Công văn số 4123/BYT-DP ngày 30/7/2020 của Bộ Y tế. Theo"
        " đó, Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo triển khai các biện pháp"
        " phòng, chống sốt xuất huyết; báo cáo kết quả về Bộ Y tế trước ngày 30/9/2020.",
        "Về việc này, Chủ tịch UBND tỉnh có ý kiến như sau: Giao Sở Y tế tổng hợp, tham mưu UBND"
        " tỉnh báo cáo Bộ Y tế, trình UBND tỉnh trước ngày 25/9/2020./.",
        issued=dt.date(2020, 8, 10),
    )
    assert leads_and_dates(tasks) == [("Sở Y tế", dt.date(2020, 9, 25))]
    # "Nhận được công văn này, ..." opens the letter's own request.
    (own,) = news(
        "Kính gửi: Các trường trực thuộc.",
        "Nhận được công văn này, yêu cầu Hiệu trưởng các trường tổ chức tổng vệ sinh trước ngày"
        " 23/4/2018.",
        issued=dt.date(2018, 4, 16),
    )
    assert own.deadline.date == dt.date(2018, 4, 23)


def test_the_causes_a_letter_finds_are_no_tasks() -> None:
    tasks = news(
        "Kính gửi: Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương.",
        "II. NGUYÊN NHÂN",
        "1. Tình hình sản xuất, kinh doanh của một số ngành dệt may, da giày còn khó khăn.",
        "2. Một số đơn vị sử dụng lao động cố tình chậm đóng, trốn đóng.",
        "III. NHIỆM VỤ",
        "BHXH Việt Nam yêu cầu các đơn vị rà soát danh sách đơn vị chậm đóng, hoàn thành trước"
        " ngày 31/10/2024./.",
        issued=dt.date(2024, 10, 1),
    )
    assert [t.deadline.date for t in tasks] == [dt.date(2024, 10, 31)]


def test_what_an_earlier_letter_asked_of_another_is_no_task_of_this_letter() -> None:
    tasks = news(
        "Kính gửi: Cục Hải quan các tỉnh, thành phố.",
        "Ngày 10/4/2023, Bộ Tài chính đã có công văn số 3421/BTC-TCHQ gửi Bộ Công Thương đề nghị"
        " phối hợp thông báo với cơ quan có thẩm quyền của nước xuất khẩu.",
        "Tổng cục Hải quan đề nghị Cục Hải quan các tỉnh, thành phố báo cáo kết quả trước ngày"
        " 30/6/2023./.",
        issued=dt.date(2023, 5, 18),
    )
    assert [t.deadline.date for t in tasks] == [dt.date(2023, 6, 30)]


def test_what_a_council_acknowledges_or_praises_is_no_task() -> None:
    tasks = news(
        "QUYẾT NGHỊ:",
        "Điều 1. Hội đồng nhân dân tỉnh ghi nhận kết quả đạt được; đồng thời yêu cầu Ủy ban nhân"
        " dân tỉnh, các cơ quan liên quan tập trung thực hiện các nội dung sau:",
        "1. Giám đốc Sở Y tế hoàn thành việc đưa Bệnh viện Đa khoa tỉnh cơ sở 2 vào hoạt động"
        " trong năm 2022.",
        "2. Ban Thường vụ Tỉnh ủy đánh giá cao sự chủ động của các cấp, các ngành. Đồng ý với báo"
        " cáo của Sở Y tế.",
        issued=dt.date(2022, 7, 20),
    )
    assert leads_and_dates(tasks) == [("Sở Y tế", dt.date(2022, 12, 31))]


def test_the_paragraph_under_a_heading_that_is_an_agency_alone_is_its_work() -> None:
    """ "2. Văn phòng Sở" then "Đăng tải ...": whatever the verb, the office's work; "Thanh tra
    Sở" after an item of the same list is a heading too, not the list's last item."""
    tasks = news(
        "II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
        "1. Phòng Kế hoạch - Tài chính: Lập dự toán kinh phí, hoàn thành trong quý IV/2020.",
        "2. Văn phòng Sở",
        "Đăng tải Kế hoạch trên Cổng thông tin điện tử của Sở.",
        "Giữ liên lạc thường xuyên với các đơn vị.",
        "3. Thanh tra Sở",
        "Kiểm tra việc chấp hành quy định về bảo vệ môi trường.",
        issued=dt.date(2020, 4, 10),
    )

    assert leads_and_dates(tasks) == [
        ("Phòng Kế hoạch - Tài chính", dt.date(2020, 12, 31)),
        ("Văn phòng Sở", None),
        ("Thanh tra Sở", None),
    ]


def test_the_work_under_a_heading_of_districts_and_cities_by_name_is_theirs() -> None:
    tasks = news(
        "Chủ tịch UBND tỉnh chỉ thị:",
        "2. Chủ tịch UBND các huyện, thành phố Đà Lạt, Bảo Lộc:",
        "- Thành lập Tổ công tác liên ngành trong vòng 10 ngày kể từ ngày ký Chỉ thị này.",
        "4. UBND các xã, thị trấn được kiểm tra",
        "a) Gửi báo cáo tự kiểm tra về Phòng Nội vụ trước ngày 01/6/2018;",
        issued=dt.date(2018, 3, 2),
    )

    assert leads_and_dates(tasks) == [
        ("Chủ tịch UBND các huyện, thành phố Đà Lạt, Bảo Lộc", dt.date(2018, 3, 12)),
        ("UBND các xã, thị trấn được kiểm tra", dt.date(2018, 6, 1)),
    ]


def test_praise_opening_a_paragraph_leaves_the_work_after_it() -> None:
    tasks = news(
        "Đồng chí Phó Chủ tịch UBND tỉnh kết luận:",
        "Biểu dương sự nỗ lực của các nhà thầu. Giao UBND huyện Nghi Lộc hoàn thành bàn giao mặt"
        " bằng trước ngày 30/6/2019. Sở Giao thông vận tải tăng cường kiểm tra chất lượng.",
        "Biểu dương các đơn vị đã hoàn thành tốt nhiệm vụ trong năm 2018.",
        issued=dt.date(2019, 5, 20),
    )

    assert leads_and_dates(tasks) == [
        ("UBND huyện Nghi Lộc", dt.date(2019, 6, 30)),
        ("Sở Giao thông vận tải", None),
    ]


def test_a_dispatchs_addressees_under_its_kinh_gui_are_no_tasks() -> None:
    draft = read_directive(
        "\n\n".join(
            [
                "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
                "Số: 01/CĐ-UBND",
                "Thành phố Hồ Chí Minh, ngày 08 tháng 01 năm 2024",
                "CÔNG ĐIỆN",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ điện:",
                "Kính gửi:\n- Giám đốc các Sở: Công Thương, Tài chính;\n"
                "- Cục trưởng Cục Quản lý thị trường Thành phố.",
                "Từ ngày 01/01 đến 7 giờ ngày 08/01/2024, giá một số mặt hàng đã tăng mạnh.",
                "1. Sở Tài chính rà soát, báo cáo Ủy ban nhân dân Thành phố trong vòng 07 ngày.",
            ]
        ).encode(),
        "cd.txt",
        catalogue=Catalogue([]),
    )

    assert leads_and_dates(draft.tasks) == [("Sở Tài chính", dt.date(2024, 1, 15))]


def test_the_lines_under_a_dispatchs_dien_are_whom_it_is_sent_to() -> None:
    draft = read_directive(
        "\n".join(
            [
                "THỦ TƯỚNG CHÍNH PHỦ",
                "Số: 12/CĐ-TTg",
                "Hà Nội, ngày 05 tháng 01 năm 2023",
                "CÔNG ĐIỆN",
                "THỦ TƯỚNG CHÍNH PHỦ điện:",
                "Bộ trưởng các Bộ: Công an, Giao thông vận tải, Y tế;",
                "Chủ tịch Ủy ban An toàn giao thông Quốc gia.",
                "",
                "Dịp Tết Nguyên đán, nhu cầu đi lại của nhân dân tăng cao.",
                "",
                "1. Bộ Công an chỉ đạo lực lượng Cảnh sát giao thông tuần tra, kiểm soát.",
            ]
        ).encode(),
        "cd.txt",
        catalogue=Catalogue([]),
    )

    assert leads_and_dates(draft.tasks) == [("Bộ Công an", None)]


@pytest.mark.parametrize(
    ("time_headers", "cells"),
    [
        (["Hoàn thành"], ["15/12/2016"]),
        (["Thời gian bắt đầu", "Thời gian hoàn thành"], ["01/12/2016", "15/12/2016"]),
    ],
    ids=["hoan-thanh", "start-and-end"],
)
def test_a_task_tables_time_is_when_the_work_is_done(
    time_headers: list[str], cells: list[str]
) -> None:
    tasks = news(
        " | ".join(["TT", "Nội dung", "Chủ trì", "Phối hợp", *time_headers]),
        " | ".join(["1", "Tổng rà soát đàn gia súc", "UBND các xã", "Trạm Thú y huyện", *cells]),
        issued=dt.date(2016, 11, 25),
    )

    assert leads_and_dates(tasks) == [("UBND các xã", dt.date(2016, 12, 15))]


@pytest.mark.parametrize(
    ("lead_header", "time_header"),
    [
        ("Đơn vị phụ trách", "Thời hạn"),
        ("Cơ quan đầu mối", "Thời điểm hoàn thành"),
        ("Cơ quan chủ trì", "Thời gian"),
    ],
)
def test_a_task_tables_lead_column_may_be_the_unit_in_charge(
    lead_header: str, time_header: str
) -> None:
    tasks = news(
        f"STT | Nội dung | {lead_header} | Đơn vị phối hợp | {time_header}",
        "1 | Xây dựng cơ sở dữ liệu đất đai | Sở Tài nguyên và Môi trường | Sở Tài chính | 6/2024",
        "2 | Số hóa hồ sơ hộ tịch | Sở Tư pháp | UBND các huyện | Quý III/2024",
        issued=dt.date(2024, 3, 1),
    )

    assert leads_and_dates(tasks) == [
        ("Sở Tài nguyên và Môi trường", dt.date(2024, 6, 30)),
        ("Sở Tư pháp", dt.date(2024, 9, 30)),
    ]


def test_a_plans_lines_may_name_the_unit_in_charge() -> None:
    tasks = tasks_of(
        "II. NHIỆM VỤ",
        "1. Tập huấn nghiệp vụ cho báo cáo viên pháp luật.",
        "- Đơn vị phụ trách: Sở Tư pháp.",
        "- Thời hạn: tháng 5/2024.",
        "2. Kiểm tra việc thi hành pháp luật",
        "- Cơ quan đầu mối: Công an tỉnh.",
        "- Thời gian: năm 2024.",
    )

    assert [(lead_key(t.lead), t.deadline.date) for t in tasks] == [
        ("Sở Tư pháp", dt.date(2024, 5, 31)),
        ("Công an tỉnh", dt.date(2024, 12, 31)),
    ]


def test_a_resolutions_commitments_table_is_led_by_whom_it_names() -> None:
    tasks = news(
        "STT | Nội dung cam kết | Người cam kết | Thời hạn",
        "1 | Ban hành quy định về trật tự xây dựng | Giám đốc Sở Xây dựng | Quý III/2022",
        issued=dt.date(2022, 7, 14),
    )

    assert [(written(t), [c.written for c in t.cooperating], t.deadline.date) for t in tasks] == [
        ("Sở Xây dựng", [], dt.date(2022, 9, 30))
    ]


def test_what_a_file_holds_and_how_a_rule_runs_are_no_tasks() -> None:
    """ "Sở Nội vụ hướng dẫn các cơ quan, đơn vị ... như sau:" explains; "Hồ sơ gồm:" lists a
    file's papers; the work is the item that asks for the file by a date."""
    tasks = letter(
        "Kính gửi: Các sở, ban, ngành tỉnh",
        "Sở Nội vụ hướng dẫn các cơ quan, đơn vị thực hiện tinh giản biên chế năm 2017 như sau:",
        "1. Hồ sơ đề nghị tinh giản biên chế",
        "Hồ sơ gồm:",
        "a) Tờ trình của cơ quan, đơn vị đề nghị thực hiện tinh giản biên chế;",
        "b) Danh sách đối tượng tinh giản biên chế và dự toán kinh phí thực hiện;",
        "2. Các cơ quan, đơn vị lập hồ sơ, gửi về Sở Nội vụ trước ngày 20/4/2016.",
    )

    assert leads_and_dates(tasks) == [("Các cơ quan, đơn vị", dt.date(2016, 4, 20))]


def test_a_letters_answers_to_questions_explain() -> None:
    tasks = letter(
        "Kính gửi: UBND các huyện, thành phố.",
        "Câu hỏi 6 (Kho bạc Nhà nước Vị Xuyên): Số vốn đã thanh toán vượt giá trị quyết toán được"
        " duyệt thu hồi như thế nào?",
        "Trả lời: Chủ đầu tư có trách nhiệm thu hồi số vốn đã thanh toán lớn hơn giá trị quyết"
        " toán được duyệt trong thời hạn 06 tháng kể từ ngày có quyết định phê duyệt quyết toán.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. UBND các huyện, thành phố chỉ đạo các chủ đầu tư hoàn thành việc trình quyết toán,"
        " xong trong quý IV/2016.",
    )

    assert leads_and_dates(tasks) == [("UBND các huyện, thành phố", dt.date(2016, 12, 31))]


def test_after_an_answer_an_order_that_names_whom_it_asks_gives_work() -> None:
    tasks = letter(
        "Kính gửi: Chi cục Thuế các khu vực.",
        "Trả lời: Hộ kinh doanh có thể sử dụng máy POS.",
        "Cục Thuế yêu cầu Chi cục Thuế các khu vực:",
        "a) Rà soát, lập danh sách hộ kinh doanh, gửi về Cục Thuế trước ngày 20/4/2016.",
        "b) Tổng hợp số hóa đơn đã lập, gửi Cục Thuế trước 16 giờ thứ Năm hằng tuần.",
    )

    assert [(t.deadline.date, t.deadline.recurrence) for t in tasks] == [
        (dt.date(2016, 4, 20), None),
        (dt.date(2016, 3, 24), "weekly"),
    ]


def test_what_a_list_asked_for_holds_is_part_of_that_task() -> None:
    tasks = letter(
        "Kính gửi: UBND các huyện, thị xã, thành phố.",
        "2. UBND các huyện, thị xã, thành phố chỉ đạo UBND các xã rà soát, lập danh sách các đối"
        " tượng được hỗ trợ, gồm:",
        "- Người có công với cách mạng đang hưởng trợ cấp ưu đãi hằng tháng;",
        "- Hộ nghèo, hộ cận nghèo có tên trong danh sách được phê duyệt;",
        "Tổng hợp gửi Sở Lao động - Thương binh và Xã hội trước ngày 12/5/2016.",
    )

    assert leads_and_dates(tasks) == [("UBND các huyện, thị xã, thành phố", dt.date(2016, 5, 12))]


def test_what_the_document_a_letter_carries_out_asked_is_no_task_of_the_letter() -> None:
    tasks = letter(
        "Kính gửi: UBND các xã, thị trấn.",
        "Thực hiện Kế hoạch số 245/KH-UBND ngày 02/12/2015 của UBND tỉnh Nam Định về chăm lo Tết"
        " Nguyên đán Bính Thân năm 2016, trong đó giao UBND các huyện, thành phố hoàn thành việc"
        " tặng quà cho các đối tượng trước ngày 20/01/2016.",
        "UBND huyện yêu cầu:",
        "1. UBND các xã, thị trấn tổ chức chi trả quà đến tận tay đối tượng trước ngày 25/01/2016.",
    )

    assert leads_and_dates(tasks) == [("UBND các xã, thị trấn", dt.date(2016, 1, 25))]


def test_a_reports_proposals_and_its_own_next_work() -> None:
    """A report to a ministry: its difficulties are background, its proposals ask whom they name
    ("Kiến nghị Tổng cục ..."), and its next work is the writer's department's."""
    tasks = letter(
        "Kính gửi: Bộ Tài nguyên và Môi trường.",
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ",
        "1. Khó khăn, vướng mắc: (như đã nêu tại mục II.2)",
        "2. Kiến nghị Tổng cục Môi trường hỗ trợ tỉnh nguồn vốn để đầu tư thiết bị thu gom.",
        "IV. NHIỆM VỤ THỜI GIAN TỚI",
        "Sở Tài nguyên và Môi trường sẽ tiếp tục triển khai các nhiệm vụ sau:",
        "- Tham mưu UBND tỉnh ban hành Quy định quản lý chất thải rắn, trình trong quý II/2016.",
    )

    assert leads_and_dates(tasks) == [
        ("Tổng cục Môi trường", None),
        ("Sở Tài nguyên và Môi trường", dt.date(2016, 6, 30)),
    ]


@pytest.mark.parametrize(
    "closing",
    [
        "Ủy ban nhân dân tỉnh Tuyên Quang kính báo cáo Bộ Nội vụ./.",
        "Trên đây là báo cáo công tác cải cách hành chính quý I năm 2024 của UBND tỉnh Tuyên"
        " Quang, kính báo cáo Bộ Nội vụ xem xét, tổng hợp./.",
    ],
)
def test_a_reports_closing_is_no_task(closing: str) -> None:
    tasks = news(
        "BÁO CÁO",
        "V. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024",
        "1. Sở Nội vụ tổ chức kiểm tra công tác cải cách hành chính trong quý II/2024.",
        closing,
        issued=dt.date(2024, 3, 22),
    )

    assert leads_and_dates(tasks) == [("Sở Nội vụ", dt.date(2024, 6, 30))]


def test_a_news_pages_captions_links_and_past_months_are_no_tasks() -> None:
    tasks = news(
        "Ngày 11/1/2019, UBND tỉnh ban hành Chỉ thị số 01/CT-UBND. Chủ tịch UBND tỉnh yêu cầu các"
        " sở, ngành, địa phương tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:",
        "- Công an tỉnh điều tra, xử lý nghiêm các trường hợp vi phạm.",
        "Trong tháng 1.2016, Trung tâm Y tế dự phòng tỉnh đã phun hóa chất tại 26 ổ dịch.",
        "Ảnh: Lực lượng kiểm lâm diễn tập chữa cháy rừng tại huyện Ea Súp",
        "Tin liên quan",
        "Phú Quốc: Kiểm tra 230 tàu cá trong quý I (02/04/2019)",
        "+ Bộ Y tế khuyến cáo phòng chống vi rút Zika (03/02/2016)",
        issued=dt.date(2019, 1, 11),
    )

    assert leads_and_dates(tasks) == [("Công an tỉnh", None)]


def test_what_was_asked_before_who_presided_and_what_was_acknowledged_are_no_tasks() -> None:
    tasks = news(
        "Ngày 12/6, tại Hà Nội, Thứ trưởng Bộ Xây dựng Nguyễn Văn Sinh chủ trì hội nghị trực"
        " tuyến với 63 tỉnh, thành phố về công tác quản lý trật tự xây dựng.",
        "Trước đó, tại Chỉ thị số 07/CT-UBND ngày 10/4/2024, UBND thành phố đã yêu cầu các quận,"
        " huyện hoàn thành rà soát các công trình vi phạm trước ngày 15/5/2024, song đến nay nhiều"
        " địa phương vẫn chưa có báo cáo.",
        "Kết luận hội nghị, Thứ trưởng ghi nhận sự nỗ lực của các cấp, các ngành.",
        "Thứ trưởng yêu cầu các thương nhân đầu mối nhập khẩu đủ lượng còn thiếu trước ngày"
        " 15/7/2024; giao Sở Xây dựng chủ trì kiểm tra, báo cáo trước ngày 15/8/2024.",
        issued=dt.date(2024, 6, 12),
    )

    assert leads_and_dates(tasks) == [
        ("các thương nhân đầu mối", dt.date(2024, 7, 15)),
        ("Sở Xây dựng", dt.date(2024, 8, 15)),
    ]


def test_a_plans_offer_to_amend_it_is_no_task_and_firms_lead_their_own_item() -> None:
    tasks = news(
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Các doanh nghiệp kinh doanh vận tải hành khách niêm yết giá cước trước ngày"
        " 05/02/2018.",
        "Trong quá trình tổ chức thực hiện, trường hợp cần sửa đổi, bổ sung Kế hoạch, các cơ quan,"
        " đơn vị, địa phương chủ động đề xuất gửi Sở Y tế tổng hợp, báo cáo UBND tỉnh.",
        issued=dt.date(2018, 1, 15),
    )

    assert leads_and_dates(tasks) == [
        ("Các doanh nghiệp kinh doanh vận tải hành khách", dt.date(2018, 2, 5))
    ]


def test_those_an_agency_directs_are_no_task_of_their_own() -> None:
    tasks = news(
        "Thủ tướng Chính phủ yêu cầu:",
        "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố chỉ đạo Ban An toàn giao thông địa phương,"
        " các sở, ngành tổ chức kiểm tra, xử lý vi phạm trật tự, an toàn giao thông trên địa bàn.",
    )

    assert leads_and_dates(tasks) == [("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố", None)]


def test_a_directives_closing_charge_to_carry_it_out_is_no_task() -> None:
    tasks = news(
        "1. Sở Y tế chủ trì tổ chức tiêm chủng trước ngày 31/3/2026.",
        "Giám đốc các sở, Thủ trưởng các ban, ngành, Chủ tịch UBND các huyện, thành phố có trách"
        " nhiệm triển khai thực hiện nghiêm túc Chỉ thị này./.",
        "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành tập trung chỉ đạo, triển khai"
        " thực hiện nghiêm túc, hiệu quả Chỉ thị này.",
    )

    assert leads_and_dates(tasks) == [("Sở Y tế", dt.date(2026, 3, 31))]


def test_the_police_forces_an_agency_directs_are_no_task_of_their_own() -> None:
    tasks = news(
        "Công an tỉnh chỉ đạo lực lượng Cảnh sát giao thông, Công an các huyện, thị xã, thành phố"
        " bảo đảm trật tự, an toàn giao thông trong dịp Tết.",
    )

    assert leads_and_dates(tasks) == [("Công an tỉnh", None)]


def test_newspapers_that_give_airtime_lead_their_task() -> None:
    tasks = news(
        "Báo Hải Dương, Đài Phát thanh và Truyền hình Hải Dương dành thời lượng tuyên truyền các"
        " hoạt động mừng Đảng, mừng Xuân.",
    )

    assert [written(t) for t in tasks] == ["Báo Hải Dương"]
    assert [c.written for c in tasks[0].cooperating] == ["Đài Phát thanh và Truyền hình Hải Dương"]


def test_work_that_names_a_celebration_or_praise_is_no_thanks() -> None:
    tasks = news(
        "1. Công an tỉnh",
        "- Chủ động bảo đảm an ninh các hoạt động chúc mừng năm mới.",
        "2. Phòng Văn hóa và Thông tin: Đẩy mạnh tuyên truyền; biểu dương các cơ sở làm tốt.",
        "Chủ tịch UBND tỉnh biểu dương các nhà thầu đã thi công đúng tiến độ.",
    )

    assert leads_and_dates(tasks) == [
        ("Công an tỉnh", None),
        ("Phòng Văn hóa và Thông tin", None),
    ]


def test_the_last_of_those_told_is_not_the_subject() -> None:
    tasks = news(
        "1. Hạt Kiểm lâm huyện",
        "- Theo dõi cấp dự báo cháy rừng, thông báo kịp thời cho các chủ rừng, UBND các xã.",
    )

    assert leads_and_dates(tasks) == [("Hạt Kiểm lâm huyện", None)]


def test_the_heads_of_a_departments_offices_lead_their_task() -> None:
    tasks = news(
        "1. Trưởng các phòng, đơn vị thuộc Sở căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị,"
        " báo cáo về Văn phòng Sở trước ngày 15/12/2026.",
        "2. Trưởng các phòng chuyên môn thuộc Sở kiểm tra việc thực hiện trước ngày 20/12/2026.",
    )

    assert leads_and_dates(tasks) == [
        ("Trưởng các phòng, đơn vị thuộc Sở", dt.date(2026, 12, 15)),
        ("Trưởng các phòng chuyên môn thuộc Sở", dt.date(2026, 12, 20)),
    ]


def test_a_request_that_ends_with_how_soon_is_no_closing_formula() -> None:
    tasks = news(
        "1. Đề nghị Điện lực Mỹ Xuyên tăng cường công suất các trạm biến áp; triển khai thực hiện"
        " ngay.",
        "Sở Giáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị triển khai thực hiện nghiêm túc,"
        " đúng thời gian quy định./.",
    )

    assert leads_and_dates(tasks) == [("Điện lực Mỹ Xuyên", None)]


def test_those_who_came_along_on_an_inspection_are_no_task() -> None:
    tasks = news(
        "Ngày 14/4/2026, Phó Chủ tịch UBND huyện đã đi kiểm tra tiến độ xây dựng nông thôn mới tại"
        " xã Tân Lập. Cùng đi kiểm tra có lãnh đạo các cơ quan: Phòng Nông nghiệp và Phát triển"
        " nông thôn, Phòng Tài chính - Kế hoạch.",
        "1. Phòng Tài chính - Kế hoạch tham mưu phân bổ vốn trong tháng 5/2026.",
    )

    assert leads_and_dates(tasks) == [("Phòng Tài chính - Kế hoạch", dt.date(2026, 5, 31))]


def test_an_agencys_duties_announced_as_a_list_are_a_task_each() -> None:
    tasks = news(
        "1. Giao Sở Xây dựng thực hiện các nhiệm vụ sau:",
        "- Huy động máy móc khắc phục các điểm sạt lở trên Quốc lộ 4D.",
        "- Cắm biển cảnh báo tại các vị trí có nguy cơ sạt lở.",
        "2. Giao Hạt Kiểm lâm huyện chủ trì, phối hợp với các cơ quan, đơn vị liên quan:",
        "- Xây dựng đề cương báo cáo gửi các đơn vị được kiểm tra;",
        "- Tổng hợp kết quả kiểm tra, dự thảo báo cáo trình UBND huyện.",
    )

    assert leads_and_dates(tasks) == [
        ("Sở Xây dựng", None),
        ("Sở Xây dựng", None),
        ("Hạt Kiểm lâm huyện", None),
        ("Hạt Kiểm lâm huyện", None),
    ]


def test_when_and_where_an_event_is_held_is_no_task() -> None:
    tasks = news(
        "KẾ HOẠCH",
        "Tổ chức Hội khỏe Phù Đổng năm 2026",
        "III. THỜI GIAN, ĐỊA ĐIỂM",
        "- Lễ khai mạc: 7h30 ngày 18/11/2026 tại Sân vận động huyện.",
        "- Thi đấu các môn: từ ngày 18/11/2026 đến ngày 23/11/2026.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Bộ phận Kế toán",
        "Lập dự toán kinh phí trình UBND huyện phê duyệt trước ngày 15/10/2026.",
    )

    assert leads_and_dates(tasks) == [("Bộ phận Kế toán", dt.date(2026, 10, 15))]


def test_a_decisions_executing_officials_are_one_list_whatever_their_titles() -> None:
    tasks = news(
        "Điều 2. Phòng Giáo dục và Đào tạo chỉ đạo các trường học tổng vệ sinh trường, lớp, hoàn"
        " thành trước ngày 15/9/2026.",
        "Điều 3. Chánh Văn phòng HĐND và UBND huyện; Trưởng các phòng, ban, ngành huyện; Chủ tịch"
        " UBND các xã, thị trấn căn cứ Quyết định thi hành.",
    )

    assert leads_and_dates(tasks) == [("Phòng Giáo dục và Đào tạo", dt.date(2026, 9, 15))]


def test_an_item_that_directs_others_after_its_own_work_is_the_headings_agencys() -> None:
    tasks = news(
        "1. Phòng Quản lý Năng lượng",
        "Theo dõi tình hình cung ứng xăng dầu, điện; yêu cầu Công ty Điện lực Quảng Nam bảo đảm"
        " cung cấp điện an toàn trong các ngày nghỉ Tết.",
        "Đề nghị huyện Quỳ Hợp tập trung thực hiện tốt các nhiệm vụ sau:",
        "1. Tăng cường quản lý nhà nước về khoáng sản; chỉ đạo các xã có mỏ đá trắng kiểm tra,"
        " ngăn chặn các hoạt động khai thác trái phép.",
    )

    assert leads_and_dates(tasks) == [
        ("Phòng Quản lý Năng lượng", None),
        ("huyện Quỳ Hợp", None),
    ]
    assert [c.written for c in tasks[0].cooperating] == ["Công ty Điện lực Quảng Nam"]


def test_a_speaker_quoted_on_what_was_done_gives_no_task() -> None:
    tasks = news(
        'Giám đốc Sở Y tế Lại Đức Trường cho biết: "Ngành đã đề xuất tỉnh cho phép tuyển dụng 120'
        ' bác sĩ cho tuyến xã".',
        "Chủ tịch UBND tỉnh giao Sở Nội vụ thẩm định nhu cầu tuyển dụng bác sĩ, báo cáo UBND tỉnh"
        " trước ngày 15/8/2026.",
    )

    assert leads_and_dates(tasks) == [("Sở Nội vụ", dt.date(2026, 8, 15))]


def test_a_regional_road_office_helps_and_the_headings_department_leads() -> None:
    tasks = news(
        "1. Giao Sở Giao thông vận tải:",
        "a) Chủ trì, phối hợp với Khu Quản lý đường bộ IV, Công an tỉnh tổ chức phân luồng giao"
        " thông tại khu vực sạt lở.",
        "2. Các bộ phận, đơn vị báo cáo kết quả về Văn phòng Sở trước ngày 20/02/2026.",
    )

    assert leads_and_dates(tasks) == [
        ("Sở Giao thông vận tải", None),
        ("Các bộ phận, đơn vị", dt.date(2026, 2, 20)),
    ]
    assert [c.written for c in tasks[0].cooperating] == ["Khu Quản lý đường bộ IV", "Công an tỉnh"]


def test_the_first_item_counted_in_words_is_no_part_of_the_line_that_opens_it() -> None:
    text = (
        "Chủ tịch UBND tỉnh đề nghị ngành tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:\n"
        "Thứ nhất, Sở Y tế chỉ đạo các bệnh viện đặt lịch khám trực tuyến trong quý III/2026.\n"
        "Thứ hai, Sở Nội vụ rà soát biên chế, trình UBND tỉnh trước ngày 01/9/2026.\n"
    )
    draft = read_directive(text.encode(), "tin.txt", catalogue=EMPTY, issued_on=dt.date(2026, 7, 1))

    assert leads_and_dates(draft.tasks) == [
        ("Sở Y tế", dt.date(2026, 9, 30)),
        ("Sở Nội vụ", dt.date(2026, 9, 1)),
    ]
    assert draft.tasks[0].text.startswith("Thứ nhất, Sở Y tế")


def test_a_news_pages_date_stands_over_what_was_done_before_it() -> None:
    page = (
        "Kinh tế\n"
        "Thứ Ba, 12/03/2024 09:15\n"
        "Nghệ An yêu cầu đẩy nhanh giải ngân vốn đầu tư công\n"
        "Trước đó, ngày 15/01/2024, UBND tỉnh đã ban hành Quyết định số 150/QĐ-UBND giao chi tiết"
        " kế hoạch vốn năm 2024.\n"
        "UBND tỉnh giao các chủ đầu tư định kỳ trước ngày 25 hằng tháng báo cáo tình hình giải"
        " ngân về Sở Kế hoạch và Đầu tư.\n"
    )
    draft = read_directive(page.encode(), "tin.txt", catalogue=EMPTY)

    assert draft.meta.issued_on == dt.date(2024, 3, 12)
    assert leads_and_dates(draft.tasks) == [("các chủ đầu tư", dt.date(2024, 3, 25))]


def test_the_units_an_inspection_visits_are_no_task() -> None:
    tasks = news(
        "KẾ HOẠCH",
        "Kiểm tra công tác phòng cháy, chữa cháy rừng năm 2026",
        "II. ĐỐI TƯỢNG KIỂM TRA",
        "- UBND các xã: Tà Năng, Đà Loan, Ninh Loan.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng HĐND và UBND huyện bố trí xe phục vụ đoàn kiểm tra.",
    )

    assert leads_and_dates(tasks) == [("Văn phòng HĐND và UBND huyện", None)]


def test_the_span_a_plan_runs_over_is_no_task() -> None:
    tasks = news(
        "KẾ HOẠCH",
        "Kiểm tra thị trường dịp Tết Nguyên đán",
        "II. THỜI GIAN THỰC HIỆN",
        "Từ ngày 01/12/2025 đến hết ngày 28/02/2026.",
        "III. NHIỆM VỤ CỤ THỂ",
        "1. Văn phòng Sở bố trí lịch trực, gửi danh sách về UBND tỉnh trước ngày 10/02/2026.",
    )

    assert leads_and_dates(tasks) == [("Văn phòng Sở", dt.date(2026, 2, 10))]


def test_a_photo_caption_after_a_dash_is_no_task() -> None:
    page = (
        "UBND HUYỆN HẢI LĂNG\n\n05/09/2026 | 10:15\n\n"
        "Sáng 5/9, Phó Chủ tịch UBND huyện Trần Quốc Bảo đi kiểm tra công tác giải phóng mặt"
        " bằng.\n\n"
        "Phó Chủ tịch UBND huyện Trần Quốc Bảo kiểm tra thực tế tại xã Hải Phú - Ảnh: T.H\n\n"
        "Đồng chí yêu cầu Phòng Tài nguyên và Môi trường huyện xác định nguồn gốc đất trước ngày"
        " 20/9/2026.\n"
    )
    draft = read_directive(page.encode(), "tin.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("Phòng Tài nguyên và Môi trường huyện", dt.date(2026, 9, 20))
    ]


def test_closing_words_that_ask_to_be_told_of_problems_are_no_task() -> None:
    tasks = news(
        "1. Công an huyện xây dựng kế hoạch bảo đảm an ninh, trình UBND huyện trước ngày"
        " 15/3/2026.",
        "UBND huyện yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, thị trấn nghiêm"
        " túc triển khai thực hiện; trong quá trình thực hiện, nếu có vướng mắc, kịp thời phản ánh"
        " về UBND huyện (qua Phòng Nội vụ) để được hướng dẫn./.",
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Bộ Y tế (qua Cục Quản lý"
        " Khám, chữa bệnh, điện thoại: 024.62732174; Vụ Pháp chế, điện thoại: 024.62732200) để"
        " được hướng dẫn.",
    )

    assert leads_and_dates(tasks) == [("Công an huyện", dt.date(2026, 3, 15))]


def test_work_under_a_funding_heading_or_a_list_of_duties_keeps_its_agency() -> None:
    tasks = news(
        "KẾ HOẠCH",
        "Tổ chức bầu cử",
        "1. Về kinh phí",
        "Phòng Tài chính - Kế hoạch thẩm định, tham mưu UBND huyện phân bổ kinh phí phục vụ bầu"
        " cử trước ngày 15/3/2026.",
        "2. Trách nhiệm của UBND các huyện, thành phố",
        "- Xây dựng kế hoạch thực hiện tại địa phương, ban hành trước ngày 31/3/2026.",
        "- Kiện toàn lực lượng xung kích cấp xã.",
        "3. Phòng Nội vụ hướng dẫn UBND các xã, thị trấn thành lập Tổ bầu cử trước ngày 13/4/2026.",
    )

    assert leads_and_dates(tasks) == [
        ("Phòng Tài chính - Kế hoạch", dt.date(2026, 3, 15)),
        ("UBND các huyện, thành phố", dt.date(2026, 3, 31)),
        ("UBND các huyện, thành phố", None),
        ("Phòng Nội vụ", dt.date(2026, 4, 13)),
    ]


def test_the_writer_issuing_its_programme_gives_its_solutions_to_no_one() -> None:
    tasks = news(
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "Ủy ban nhân dân tỉnh Lào Cai ban hành Chương trình hành động như sau:",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "1. Tăng cường công tác tuyên truyền về vai trò của nông nghiệp, nông dân, nông thôn.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Sở Công Thương",
        "Chủ trì xúc tiến thương mại, hỗ trợ tiêu thụ nông sản.",
    )

    assert leads_and_dates(tasks) == [("Sở Công Thương", None)]


def test_a_news_page_stamped_with_its_update_day_counts_from_it() -> None:
    page = (
        "Cập nhật ngày: 05/09/2026\n"
        "Sáng 5/9, Chủ tịch UBND huyện làm việc với xã Hải Phú.\n"
        "Đồng chí yêu cầu Phòng Tài nguyên và Môi trường huyện xác định nguồn gốc đất trong vòng"
        " 10 ngày.\n"
    )
    draft = read_directive(page.encode(), "tin.txt", catalogue=EMPTY)

    assert draft.meta.issued_on == dt.date(2026, 9, 5)
    assert leads_and_dates(draft.tasks) == [
        ("Phòng Tài nguyên và Môi trường huyện", dt.date(2026, 9, 15))
    ]


def test_a_lead_cell_that_names_no_known_agency_leads_as_written() -> None:
    tasks = news(
        "STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Phủ sóng di động 4G đến 100% thôn | Các doanh nghiệp viễn thông trên địa bàn tỉnh"
        " | Sở Khoa học và Công nghệ | Năm 2026",
        "2 | Bảo đảm cấp nước sạch mùa khô | Các đơn vị cấp nước trên địa bàn | Sở Xây dựng"
        " | Quý II/2026",
    )

    assert leads_and_dates(tasks) == [
        ("Các doanh nghiệp viễn thông trên địa bàn tỉnh", dt.date(2026, 12, 31)),
        ("Các đơn vị cấp nước trên địa bàn", dt.date(2026, 6, 30)),
    ]


def test_a_leader_who_reminds_an_agency_gives_it_work() -> None:
    tasks = news(
        "Sáng 5/9, Chủ tịch UBND huyện kiểm tra công tác giải phóng mặt bằng.",
        "Đồng chí cũng lưu ý Công an huyện nắm chắc tình hình, chủ động phương án bảo đảm an ninh"
        " trật tự khi tổ chức cưỡng chế thu hồi đất.",
    )

    assert leads_and_dates(tasks) == [("Công an huyện", None)]


def test_a_report_the_writer_makes_is_no_report_asked_of_the_addressee() -> None:
    letter_text = (
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\n"
        "Hà Nội, ngày 24 tháng 7 năm 2026\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n"
        "Để có cơ sở báo cáo Thủ tướng Chính phủ, Bộ Giáo dục và Đào tạo đề nghị Quý Ủy ban chỉ"
        " đạo Sở Giáo dục và Đào tạo thực hiện các nội dung sau:\n\n"
        "Thứ nhất, rà soát số lượng giáo viên hiện có theo Phụ lục 1.\n\n"
        "Thứ hai, tuyển dụng hết số biên chế giáo viên được giao, hoàn thành trước ngày"
        " 31/8/2026.\n"
    )
    draft = read_directive(letter_text.encode(), "cv.txt", catalogue=EMPTY)

    assert [t.deadline.date for t in draft.tasks] == [None, dt.date(2026, 8, 31)]
    assert [t.text[:9] for t in draft.tasks] == ["Thứ nhất,", "Thứ hai, "]


def test_a_closing_sentence_to_all_the_units_is_theirs_not_the_last_items() -> None:
    tasks = news(
        "1. Chi cục Chăn nuôi và Thú y tổng hợp nhu cầu hóa chất trong tháng 8.",
        "2. Chi cục Kiểm lâm kiểm tra các cơ sở nuôi lợn rừng.",
        "Các đơn vị báo cáo kết quả thực hiện về Sở trước ngày 25/8/2023.",
        issued=dt.date(2023, 8, 4),
    )

    assert leads_and_dates(tasks) == [
        ("Chi cục Chăn nuôi và Thú y", dt.date(2023, 8, 31)),
        ("Chi cục Kiểm lâm", None),
        ("Các đơn vị", dt.date(2023, 8, 25)),
    ]


def test_a_deadline_given_as_the_one_above_is_that_one() -> None:
    tasks = news(
        "1. Về tập huấn",
        "a) Sở Tài chính các tỉnh chủ trì tổ chức tập huấn; hoàn thành trước 10/5/2025.",
        "b) Các Bộ, cơ quan trung ương tổ chức tập huấn cho các đơn vị trực thuộc; thời gian hoàn"
        " thành cùng thời hạn nêu tại điểm a khoản này.",
        "2. Về kiểm kê",
        "a) Các cơ quan, tổ chức, đơn vị có tài sản công thực hiện kiểm kê; hoàn thành trước ngày"
        " 30 tháng 6 năm 2025.",
        "b) Ủy ban nhân dân cấp tỉnh chỉ đạo kiểm kê tài sản kết cấu hạ tầng; thời hạn hoàn thành"
        " như điểm a khoản này.",
        "c) Bộ Xây dựng hướng dẫn kiểm kê tài sản đường bộ, cùng thời hạn nêu trên.",
        issued=dt.date(2025, 3, 19),
    )

    assert [t.deadline.date for t in tasks] == [
        dt.date(2025, 5, 10),
        dt.date(2025, 5, 10),
        dt.date(2025, 6, 30),
        dt.date(2025, 6, 30),
        dt.date(2025, 6, 30),
    ]
    assert written(tasks[3]) == "Ủy ban nhân dân cấp tỉnh"


def test_a_monthly_report_after_the_items_is_asked_of_the_offices_it_names() -> None:
    tasks = news(
        "1. Chi cục Chăn nuôi và Thú y tổng hợp nhu cầu hóa chất của các địa phương.",
        "2. Trung tâm Dịch vụ nông nghiệp các huyện bố trí cán bộ thú y bám sát địa bàn.",
        "Định kỳ trước ngày 20 hằng tháng, các Phòng Nông nghiệp và PTNT, Phòng Kinh tế báo cáo"
        " kết quả thực hiện (theo mẫu đính kèm) về Sở Nông nghiệp và PTNT.",
        issued=dt.date(2023, 8, 4),
    )

    assert leads_and_dates(tasks) == [
        ("Chi cục Chăn nuôi và Thú y", None),
        ("Trung tâm Dịch vụ nông nghiệp các huyện", None),
        ("Phòng Nông nghiệp và PTNT", dt.date(2023, 8, 20)),
    ]
    assert [m.written for m in tasks[2].cooperating] == ["Phòng Kinh tế"]


def test_a_field_named_under_the_request_keeps_whom_it_asks() -> None:
    tasks = news(
        "Bộ Nông nghiệp và Môi trường đề nghị Chủ tịch UBND các tỉnh, thành phố chỉ đạo các cơ"
        " quan chuyên môn tập trung triển khai một số nội dung sau:",
        "Về trồng trọt:",
        "- Chuẩn bị đủ lượng giống dự phòng để gieo cấy lại diện tích mạ bị chết rét.",
        "- Đối với cây vụ đông, chỉ đạo thu hoạch sớm diện tích đã đến kỳ thu hoạch.",
        "Về chăn nuôi:",
        "- Tổ chức tiêm phòng vắc xin đợt 1 năm 2026 cho đàn gia súc, hoàn thành trong quý I/2026.",
        issued=dt.date(2025, 12, 9),
    )

    assert leads_and_dates(tasks) == [
        ("Chủ tịch UBND các tỉnh, thành phố", None),
        ("Chủ tịch UBND các tỉnh, thành phố", None),
        ("Chủ tịch UBND các tỉnh, thành phố", dt.date(2026, 3, 31)),
    ]


def test_the_writers_own_short_name_is_not_whom_its_letter_asks() -> None:
    letter_text = (
        "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\n"
        "CHI NHÁNH TỈNH QUẢNG NINH\n"
        "Quảng Ninh, ngày 16 tháng 9 năm 2024\n"
        "Kính gửi: Các tổ chức tín dụng trên địa bàn tỉnh.\n\n"
        "Ngân hàng Nhà nước Việt Nam Chi nhánh tỉnh Quảng Ninh (sau đây gọi tắt là NHNN tỉnh) yêu"
        " cầu các tổ chức tín dụng trên địa bàn khẩn trương triển khai các nội dung sau:\n\n"
        "1. Rà soát, thống kê dư nợ bị thiệt hại, gửi báo cáo về NHNN tỉnh trước ngày"
        " 20/9/2024.\n\n"
        "2. Khắc phục máy ATM bị hư hỏng, khôi phục hoạt động.\n"
    )
    draft = read_directive(letter_text.encode(), "cv.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("Các tổ chức tín dụng trên địa bàn tỉnh", dt.date(2024, 9, 20)),
        ("Các tổ chức tín dụng trên địa bàn tỉnh", None),
    ]


def test_a_heading_that_asks_leaders_to_direct_gives_each_item_below() -> None:
    tasks = news(
        "Bộ trưởng yêu cầu:",
        "1. Đề nghị Chủ tịch UBND các tỉnh, thành phố nêu trên chỉ đạo:",
        "a) Kiện toàn Ban Chỉ huy phòng, chống thiên tai các cấp.",
        "b) Kiểm tra diện tích lúa Đông Xuân, báo cáo về Bộ trước ngày 20/02/2020.",
        "c) Bảo đảm nước sinh hoạt cho người dân.",
        issued=dt.date(2020, 2, 11),
    )

    assert leads_and_dates(tasks) == [
        ("Chủ tịch UBND các tỉnh, thành phố", None),
        ("Chủ tịch UBND các tỉnh, thành phố", dt.date(2020, 2, 20)),
        ("Chủ tịch UBND các tỉnh, thành phố", None),
    ]


def test_a_paragraph_after_the_last_bullet_that_opens_its_own_point_is_a_task() -> None:
    tasks = news(
        "Bộ Nông nghiệp và Môi trường đề nghị Chủ tịch UBND các tỉnh, thành phố triển khai một số"
        " nội dung sau:",
        "- Đối với nuôi trồng thủy sản, chỉ đạo các cơ sở che chắn ao nuôi, tăng độ sâu mực nước.",
        "Về thủy lợi, chỉ đạo các đơn vị khai thác công trình thủy lợi chuẩn bị sẵn sàng lấy nước"
        " đổ ải trước ngày 20/01/2026.",
        issued=dt.date(2025, 12, 9),
    )

    assert leads_and_dates(tasks) == [
        ("Chủ tịch UBND các tỉnh, thành phố", None),
        ("Chủ tịch UBND các tỉnh, thành phố", dt.date(2026, 1, 20)),
    ]


def test_a_letters_closing_request_is_not_more_of_the_last_bullet() -> None:
    letter_text = (
        "Quảng Ninh, ngày 16 tháng 9 năm 2024\n"
        "Kính gửi: Các tổ chức tín dụng trên địa bàn tỉnh.\n\n"
        "1. Đối với các phòng thuộc NHNN tỉnh:\n"
        "- Phòng Tổng hợp theo dõi việc cơ cấu lại nợ của các tổ chức tín dụng.\n"
        "- Phòng Hành chính bảo đảm cung ứng đủ tiền mặt.\n\n"
        "Nhận được văn bản này, đề nghị Giám đốc các TCTD trong thời gian 03 ngày làm việc phải"
        " chỉ đạo các chi nhánh trực thuộc triển khai thực hiện; định kỳ báo cáo tiến độ./.\n"
    )
    draft = read_directive(letter_text.encode(), "cv.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("Phòng Tổng hợp", None),
        ("Phòng Hành chính", None),
        ("Các tổ chức tín dụng trên địa bàn tỉnh", dt.date(2024, 9, 19)),
    ]


def test_a_warning_then_work_is_a_task_and_what_a_speaker_thinks_is_none() -> None:
    tasks = news(
        "Giám đốc Sở NN&PTNT cho rằng, nguy cơ dịch tái phát là rất lớn khi người dân tái đàn.",
        "Lãnh đạo các địa phương nêu nhiều khó khăn trong công tác tái đàn.",
        "Kết luận buổi làm việc, Phó Chủ tịch UBND tỉnh đề nghị:",
        "Thứ nhất, UBND các huyện, thành phố, thị xã tuyệt đối không được chủ quan, lơ là; tiếp"
        " tục duy trì hoạt động của các chốt kiểm dịch động vật.",
        "Thứ hai, các cơ sở chăn nuôi không được tái đàn khi chưa đủ điều kiện.",
        issued=dt.date(2019, 11, 7),
    )

    assert leads_and_dates(tasks) == [("UBND các huyện, thành phố, thị xã", None)]


def test_those_a_request_is_about_act_when_the_writer_names_no_one_after_it() -> None:
    tasks = news(
        "UBND thành phố Hà Nội vừa ban hành Công văn số 4892/UBND-NC ngày 4/11/2019 về tăng cường"
        " phòng cháy, chữa cháy.",
        "Sở Xây dựng hướng dẫn chủ cơ sở thực hiện đúng quy định khi cải tạo công trình.",
        "Đối với chủ các cơ sở kinh doanh karaoke, vũ trường, UBND Thành phố yêu cầu tự kiểm tra,"
        " khắc phục ngay các tồn tại; hoàn thành trang bị phương tiện chữa cháy trước ngày"
        " 15/12/2019.",
        "Đối với các tỉnh miền núi phía Bắc (Lào Cai, Cao Bằng), Bộ đề nghị chủ động bố trí kinh"
        " phí dự phòng.",
        issued=dt.date(2019, 11, 4),
    )

    assert leads_and_dates(tasks) == [
        ("Sở Xây dựng", None),
        ("chủ các cơ sở kinh doanh karaoke, vũ trường", dt.date(2019, 12, 15)),
        ("các tỉnh miền núi phía Bắc", None),
    ]


def test_places_singled_out_with_a_date_of_their_own_are_a_task_of_their_own() -> None:
    tasks = news(
        "Kết luận buổi làm việc, Phó Chủ tịch UBND tỉnh đề nghị:",
        "Thứ nhất, UBND các huyện báo cáo về Sở NN&PTNT trước Tết Nguyên đán Canh Tý để tổng hợp."
        " Riêng thị xã Kỳ Anh và huyện Cẩm Xuyên phải xử lý dứt điểm các ổ dịch trong tháng"
        " 11/2019.",
        issued=dt.date(2019, 11, 7),
    )

    assert leads_and_dates(tasks) == [
        ("UBND các huyện", dt.date(2020, 1, 24)),
        ("thị xã Kỳ Anh và huyện Cẩm Xuyên", dt.date(2019, 11, 30)),
    ]
    assert tasks[0].text.endswith("để tổng hợp.")


def test_a_dispatch_whose_addressees_follow_its_sender_on_one_line() -> None:
    dispatch = (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\n"
        "Hà Nội, ngày 16 tháng 9 năm 2022\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI điện: Chủ tịch UBND các quận, huyện, thị xã;"
        " Giám đốc Sở Y tế.\n\n"
        "Chủ tịch UBND Thành phố yêu cầu:\n"
        "1. Sở Y tế tăng cường giám sát ổ dịch.\n"
        "2. Tổ chức phun hóa chất diệt muỗi trước ngày 30/9/2022.\n"
    )
    draft = read_directive(dispatch.encode(), "cd.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("Sở Y tế", None),
        ("Chủ tịch UBND các quận, huyện, thị xã", dt.date(2022, 9, 30)),
    ]


def test_work_done_so_that_another_can_record_it_is_work() -> None:
    tasks = news(
        "1. Chuyển đủ tiền đóng BHXH trước ngày 10/02/2026 để cơ quan BHXH kịp thời ghi nhận quá"
        " trình đóng.",
        "2. Ghi nhận sự nỗ lực của các đơn vị trong năm 2025.",
        issued=dt.date(2026, 1, 20),
    )

    assert [(t.text[:9], t.deadline.date) for t in tasks] == [("Chuyển đủ", dt.date(2026, 2, 10))]


def test_a_plans_table_copied_with_one_space_between_cells_gives_its_rows() -> None:
    plan = (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n"
        "Quảng Ngãi, ngày 18 tháng 01 năm 2024\n"
        "KẾ HOẠCH\n"
        "TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n"
        "1 Kiểm tra, xử lý văn bản quy phạm pháp luật Sở Tư pháp Các cơ quan liên quan Thường"
        " xuyên\n"
        "2 Xây dựng Kế hoạch tuyển dụng công chức năm 2024 Sở Nội vụ Sở Tài chính Tháng 5/2024\n"
        "3 Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập Sở Tài chính Sở Nội vụ"
        " Quý I/2024\n"
    )
    draft = read_directive(plan.encode(), "kh.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("Sở Tư pháp", None),
        ("Sở Nội vụ", dt.date(2024, 5, 31)),
        ("Sở Tài chính", dt.date(2024, 3, 31)),
    ]


def test_a_table_timed_from_start_to_end_is_due_when_the_work_ends() -> None:
    # "Thời gian" over "Bắt đầu | Hoàn thành", the copy having lost the empty cells before them;
    # a row that gives only its start is due then.
    tasks = news(
        "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | | Sản phẩm",
        "| | | Bắt đầu | Hoàn thành",
        "1 | Xây dựng Nghị quyết hỗ trợ khởi nghiệp | Sở Khoa học và Công nghệ | Sở Tài chính"
        " | Tháng 3/2026 | Tháng 7/2026 | Nghị quyết",
        "2 | Ban hành Danh mục dịch vụ công | Văn phòng UBND tỉnh | Các sở, ban, ngành"
        " | Quý I/2026 | Quý II/2026 | Quyết định",
        "3 | Rà soát quy chế quản lý dữ liệu | Sở Nội vụ | Sở Tư pháp | Năm 2026 | | Báo cáo",
        issued=dt.date(2026, 3, 9),
    )

    assert leads_and_dates(tasks) == [
        ("Sở Khoa học và Công nghệ", dt.date(2026, 7, 31)),
        ("Văn phòng UBND tỉnh", dt.date(2026, 6, 30)),
        ("Sở Nội vụ", dt.date(2026, 12, 31)),
    ]


def test_a_stacked_tables_group_row_over_its_sub_rows_gives_the_sub_rows() -> None:
    plan = (
        "Hải Phòng, ngày 08 tháng 3 năm 2024\nPHỤ LỤC\n"
        "STT\nNhiệm vụ\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời gian thực hiện\n"
        "1\nLàm sạch dữ liệu ngành giáo dục\n\n\n\n"
        "1.1\nCập nhật dữ liệu học sinh, giáo viên\nSở Giáo dục và Đào tạo\nCông an thành phố\n"
        "Trước 15/5/2024\n"
        "1.2\nTriển khai sổ liên lạc điện tử\nUBND các quận, huyện\nSở Giáo dục và Đào tạo\n"
        "Năm 2024\n"
        "2\nTriển khai khám, chữa bệnh bằng thẻ căn cước\nSở Y tế\nBảo hiểm xã hội thành phố\n"
        "Quý I/2024\n"
    )
    draft = read_directive(plan.encode(), "kh.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("Sở Giáo dục và Đào tạo", dt.date(2024, 5, 15)),
        ("UBND các quận, huyện", dt.date(2024, 12, 31)),
        ("Sở Y tế", dt.date(2024, 3, 31)),
    ]


def test_a_time_cell_of_years_written_with_nam_is_due_by_the_last_year() -> None:
    tasks = news(
        "TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Hoàn thiện hạ tầng số | Sở Khoa học và Công nghệ | Các sở, ngành | Năm 2025 - 2026",
        "2 | Sắp xếp trụ sở làm việc | Sở Tài chính | Sở Xây dựng | Giai đoạn 2026-2030",
        issued=dt.date(2025, 7, 1),
    )

    assert [t.deadline.date for t in tasks] == [dt.date(2026, 12, 31), dt.date(2030, 12, 31)]


def test_a_web_tables_group_rows_and_a_cell_that_lists_pieces_of_work() -> None:
    # A group's number and name in two cells over its rows; a content cell listing two pieces
    # of work, each a task of the row's lead, each with the time the time cell lists for it.
    cells = [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        ["1.", "Hoàn thiện thể chế"],
        ["1.1", "Xây dựng Đề án phát triển rừng", "Sở Nông nghiệp và PTNT", "Quý III/2024"],
        ["1.2", "Chuyển mục đích sử dụng rừng:\n- Rà soát, tổng hợp nhu cầu\n- Trình HĐND tỉnh"
         " quyết định chủ trương", "Sở Nông nghiệp và PTNT", "- Quý IV/2024\n- Quý II/2025"],
    ]  # fmt: skip
    lines = ["|"]
    for row in cells:
        for cell in row:
            lines += [*cell.split("\n"), "|"]
        lines.append("|")
    plan = "Nghệ An, ngày 18 tháng 3 năm 2024\nPHỤ LỤC\n" + "\n".join(lines) + "\n"
    draft = read_directive(plan.encode(), "kh.md.txt", catalogue=EMPTY)

    assert [(t.text, t.deadline.date) for t in draft.tasks] == [
        ("Xây dựng Đề án phát triển rừng", dt.date(2024, 9, 30)),
        ("Chuyển mục đích sử dụng rừng: Rà soát, tổng hợp nhu cầu", dt.date(2024, 12, 31)),
        (
            "Chuyển mục đích sử dụng rừng: Trình HĐND tỉnh quyết định chủ trương",
            dt.date(2025, 6, 30),
        ),
    ]
    assert {written(t) for t in draft.tasks} == {"Sở Nông nghiệp và PTNT"}


def test_an_items_time_field_of_years_and_a_heading_of_assessment_work() -> None:
    tasks = news(
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "2.4. Đầu tư cơ sở vật chất, thiết bị đào tạo cho Trường Cao đẳng Kỹ thuật.",
        "- Cơ quan chủ trì: Sở Kế hoạch và Đầu tư; cơ quan phối hợp: Sở Tài chính.",
        "- Thời gian thực hiện: Giai đoạn 2021 - 2025.",
        "5. Đánh giá, công nhận kỹ năng nghề quốc gia",
        "5.1. Xây dựng kế hoạch đánh giá kỹ năng nghề cho người lao động.",
        "- Cơ quan thực hiện: Sở Lao động - Thương binh và Xã hội.",
        "- Thời gian thực hiện: Tháng 8/2020.",
        issued=dt.date(2020, 6, 18),
    )

    assert leads_and_dates(tasks) == [
        ("Sở Kế hoạch và Đầu tư", dt.date(2025, 12, 31)),
        ("Sở Lao động - Thương binh và Xã hội", dt.date(2020, 8, 31)),
    ]


def test_a_ministers_decision_whose_authority_stands_above_its_grounds_issues_its_plan() -> None:
    # A long title; "BỘ TRƯỞNG BỘ CÔNG THƯƠNG" above "Căn cứ ..." is who decides, not a
    # signature; "Điều 1." then "Ban hành kèm theo Quyết định này ..." is the decision's article,
    # not the plan's "(Ban hành kèm theo ...)" line.
    draft = read_directive(MINISTERS_DECISION.encode(), "qd.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("Vụ Kế hoạch", dt.date(2024, 7, 31)),
        ("Sở Công Thương", None),
    ]


MINISTERS_DECISION = """|
BỘ CÔNG THƯƠNG
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
|
Số: 178/QĐ-BCT
|
Hà Nội, ngày 25 tháng 01 năm 2024
|

QUYẾT ĐỊNH

Ban hành Kế hoạch hành động của Bộ Công Thương thực hiện Nghị quyết số 01/NQ-CP
ngày 05 tháng 01 năm 2024 của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện
Kế hoạch phát triển kinh tế - xã hội, dự toán ngân sách nhà nước và cải thiện môi
trường kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2024

BỘ TRƯỞNG BỘ CÔNG THƯƠNG

Căn cứ Nghị định số 96/2022/NĐ-CP ngày 29 tháng 11 năm 2022 của Chính phủ quy
định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công Thương;

QUYẾT ĐỊNH:

Điều 1.
Ban hành kèm theo Quyết định này Kế hoạch hành động của Bộ Công Thương.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký./.

|
Nơi nhận:
- Như Điều 2;
- Lưu: VT, KH.
|
BỘ TRƯỞNG
Nguyễn Hồng Diên
|

KẾ HOẠCH HÀNH ĐỘNG

(Ban hành kèm theo Quyết định số 178/QĐ-BCT ngày 25 tháng 01 năm 2024 của Bộ
trưởng Bộ Công Thương)

III. TỔ CHỨC THỰC HIỆN

1. Vụ Kế hoạch tham mưu Lãnh đạo Bộ tổ chức sơ kết 6 tháng việc thực hiện Kế
hoạch trong tháng 7/2024.

2. Đề nghị Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương phối hợp
triển khai các nhiệm vụ liên quan trên địa bàn./.
"""


def test_a_party_programmes_annex_of_tasks_is_read() -> None:
    # The annex after the signature: "(Kèm theo Chương trình hành động số 18-CTr/TU ...)".
    draft = read_directive(PROGRAMME_ANNEX.encode(), "ctr.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks)[-2:] == [
        ("Ban Tuyên giáo Tỉnh ủy", dt.date(2018, 6, 30)),
        ("Ủy ban Kiểm tra Tỉnh ủy", dt.date(2020, 12, 31)),
    ]


PROGRAMME_ANNEX = """|
TỈNH ỦY LÂM ĐỒNG
|
ĐẢNG CỘNG SẢN VIỆT NAM
|
|
Số 18-CTr/TU
|
Đà Lạt, ngày 05 tháng 4 năm 2018
|

CHƯƠNG TRÌNH HÀNH ĐỘNG

III. TỔ CHỨC THỰC HIỆN

Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch thực hiện,
hoàn thành trong tháng 5/2018.

|
Nơi nhận:
- Lưu Văn phòng Tỉnh ủy.
|
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
Trần Đức Quận
|

DANH MỤC NHIỆM VỤ

(Kèm theo Chương trình hành động số 18-CTr/TU, ngày 05/4/2018 của Tỉnh ủy)

|
TT
|
Nội dung công việc
|
Cơ quan chủ trì tham mưu
|
Thời gian
|
|
1
|
Tổ chức học tập, quán triệt Nghị quyết số 20-NQ/TW đến cán bộ, đảng viên.
|
Ban Tuyên giáo Tỉnh ủy
|
Quý II/2018
|
|
2
|
Kiểm tra, giám sát việc thực hiện Nghị quyết số 20-NQ/TW.
|
Ủy ban Kiểm tra Tỉnh ủy
|
Năm 2020
|
|
"""


def test_a_visit_to_a_provinces_party_committee_gives_its_work_to_the_province() -> None:
    notice = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 512/TB-VPCP\nHà Nội, ngày 24 tháng 9 năm 2025\nTHÔNG BÁO\n"
        "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI BUỔI LÀM VIỆC VỚI BAN THƯỜNG VỤ TỈNH ỦY LÂM ĐỒNG\n"
        "II. NHIỆM VỤ TRONG THỜI GIAN TỚI\n"
        "Đề nghị tỉnh Lâm Đồng tập trung thực hiện tốt các nhiệm vụ sau:\n"
        "1. Rà soát, điều chỉnh Quy hoạch tỉnh, hoàn thành trong quý IV/2025.\n"
        "III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH\n"
        "1. Về đề nghị hỗ trợ kinh phí: Tỉnh chủ động sử dụng ngân sách địa phương để khắc phục.\n"
    )
    draft = read_directive(notice.encode(), "tb.txt", catalogue=EMPTY)

    assert leads_and_dates(draft.tasks) == [
        ("tỉnh Lâm Đồng", dt.date(2025, 12, 31)),
        ("UBND tỉnh LÂM ĐỒNG", None),
    ]


def test_a_table_row_over_its_lettered_sub_rows_is_their_heading() -> None:
    tasks = news(
        "TT | Nội dung hoạt động | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian",
        "4 | Xây dựng và triển khai kế hoạch truyền thông về an toàn thực phẩm"
        " | Cục An toàn thực phẩm | |",
        "a) | Tổ chức Tháng hành động vì an toàn thực phẩm năm 2022 | | | Tháng 5/2022",
        "b) | Cập nhật thông tin cảnh báo ngộ độc thực phẩm | | | Quý III/2022",
        issued=dt.date(2022, 3, 18),
    )

    assert leads_and_dates(tasks) == [
        ("Cục An toàn thực phẩm", dt.date(2022, 5, 31)),
        ("Cục An toàn thực phẩm", dt.date(2022, 9, 30)),
    ]


def test_a_provision_cited_as_an_items_subject_and_where_reports_go_are_no_work() -> None:
    tasks = news(
        "Sở Nông nghiệp và Môi trường đề nghị các tổ chức, cá nhân khai thác khoáng sản thực "
        "hiện các nội dung sau:",
        "I. CÁC QUY ĐỊNH VỀ QUẢN LÝ SẢN LƯỢNG KHOÁNG SẢN",
        "1. Khoản 3 Điều 59 Nghị định số 193/2025/NĐ-CP quy định việc xác định sản lượng khai "
        "thác thực tế dựa trên số liệu trạm cân và đo đạc hiện trạng mỏ định kỳ hằng năm.",
        "2. Nơi nhận báo cáo",
        "a) Đối với giấy phép thuộc thẩm quyền cấp của Bộ Nông nghiệp và Môi trường: Cục Địa "
        "chất và Khoáng sản Việt Nam; Sở Nông nghiệp và Môi trường; UBND xã, phường nơi có mỏ.",
        "b) Đối với giấy phép thuộc thẩm quyền cấp của UBND tỉnh: Sở Nông nghiệp và Môi trường "
        "(nơi có khoáng sản được khai thác).",
        "II. ĐỀ NGHỊ CÁC TỔ CHỨC, CÁ NHÂN KHAI THÁC KHOÁNG SẢN",
        "1. Lập báo cáo định kỳ năm 2025, gửi đến các cơ quan nêu tại mục 2 phần I trước ngày "
        "15/12/2025.",
        issued=dt.date(2025, 11, 12),
    )
    assert leads_and_dates(tasks) == [("CÁC TỔ CHỨC, CÁ NHÂN", dt.date(2025, 12, 15))]


def test_a_news_pages_headline_in_capitals_is_no_signature_and_points_counted_in_words() -> None:
    tasks = read_directive(
        "Thứ Năm, 23/3/2017\n\n"
        "BÍ THƯ TỈNH ỦY LÀM VIỆC VỚI HUYỆN PHONG THỔ\n\n"
        "Ngày 21/3, đồng chí Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Phong Thổ.\n\n"
        "Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy đề nghị, thời gian tới Ban Thường vụ Huyện "
        "ủy Phong Thổ cần tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:\n\n"
        "Một là, đẩy mạnh chuyển đổi cơ cấu cây trồng, mở rộng diện tích chè.\n\n"
        "Hai là, giải quyết dứt điểm tình trạng di cư tự do trước ngày 30/6/2017.\n".encode(),
        "tin.txt",
        catalogue=EMPTY,
        issued_on=dt.date(2017, 3, 23),
    ).tasks
    assert leads_and_dates(tasks) == [
        ("Ban Thường vụ Huyện ủy Phong Thổ", None),
        ("Ban Thường vụ Huyện ủy Phong Thổ", dt.date(2017, 6, 30)),
    ]


def test_the_ministrys_department_of_preventive_medicine_is_the_writer_not_the_lead() -> None:
    tasks = letter(
        "Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.",
        "Cục Y tế dự phòng đề nghị Sở Y tế các tỉnh, thành phố:",
        "1. Đẩy mạnh công tác truyền thông phòng, chống bệnh tay chân miệng.",
        "2. Tăng cường giám sát, phát hiện sớm các trường hợp mắc bệnh tại cộng đồng.",
    )
    assert [written(t) for t in tasks] == ["Sở Y tế", "Sở Y tế"]


def test_a_conclusions_chair_target_and_promise_are_no_work_and_its_verbs_no_names() -> None:
    tasks = news(
        "Chiều ngày 07/5/2019, đồng chí Nguyễn Văn Cảnh - Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ "
        "đạo phòng, chống dịch bệnh động vật tỉnh chủ trì cuộc họp trực tuyến với các huyện.",
        "Sau khi nghe ý kiến các đại biểu, đồng chí Phó Chủ tịch UBND tỉnh kết luận:",
        "1. Mục tiêu đặt ra là đến ngày 31/8/2019 khống chế dịch trên địa bàn tỉnh.",
        "2. Về việc chuyển mục đích sử dụng rừng để thực hiện dự án Khu công nghiệp Tam Quan: Sở "
        "Nông nghiệp và Phát triển nông thôn tham mưu UBND tỉnh trước ngày 15/9/2019 để trình "
        "HĐND tỉnh tại kỳ họp cuối năm 2019.",
        "3. Phòng Dân tộc đôn đốc các xã giải ngân vốn trước ngày 25/5/2019.",
        "4. Giao Trung tâm xây dựng kế hoạch chi tiết, hoàn thành trước ngày 30/5/2019.",
        "5. Về đề nghị bổ sung biên chế giáo viên: UBND tỉnh sẽ xem xét, giải quyết chung.",
        issued=dt.date(2019, 5, 8),
    )
    assert leads_and_dates(tasks) == [
        ("Sở Nông nghiệp và Phát triển nông thôn", dt.date(2019, 9, 15)),
        ("Phòng Dân tộc", dt.date(2019, 5, 25)),
        ("Trung tâm", dt.date(2019, 5, 30)),
    ]


def test_a_central_notices_points_party_committees_and_approvals() -> None:
    tasks = news(
        "1. Thủ tướng Chính phủ cơ bản đồng ý với Báo cáo của Ủy ban nhân dân tỉnh.",
        "2. Đề nghị Tỉnh ủy, Ủy ban nhân dân tỉnh Lào Cai tập trung thực hiện tốt một số nhiệm vụ "
        "trọng tâm sau:",
        "Thứ nhất, đẩy mạnh giải ngân vốn đầu tư công.",
        "Thứ hai, phát triển kinh tế cửa khẩu, dịch vụ logistics.",
        "3. Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương tổ chức quán triệt, hoàn thành "
        "trong tháng 9/2024.",
        "4. Văn phòng Trung ương Đảng chủ trì, phối hợp với Ban Kinh tế Trung ương theo dõi, đôn "
        "đốc việc thực hiện.",
        issued=dt.date(2024, 8, 15),
    )
    assert leads_and_dates(tasks) == [
        ("Tỉnh ủy", None),
        ("Tỉnh ủy", None),
        ("Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương", dt.date(2024, 9, 30)),
        ("Văn phòng Trung ương Đảng", None),
    ]


def test_a_customs_letters_departments_and_the_duties_under_its_guidance() -> None:
    tasks = letter(
        "Kính gửi: Các Chi cục Hải quan trực thuộc.",
        "Cục Hải quan TP. Hải Phòng hướng dẫn cụ thể như sau:",
        "1. Các Chi cục Hải quan trực thuộc:",
        "- Phổ biến nội dung công văn này đến toàn thể công chức làm nhiệm vụ giám sát.",
        "- Rà soát danh sách tài khoản truy cập, gửi về Cục trước ngày 25/3/2016.",
        "2. Cục Giám sát quản lý về hải quan",
        "Tổng hợp, đánh giá kết quả thí điểm, báo cáo trong tháng 11/2016.",
    )
    assert leads_and_dates(tasks) == [
        ("Chi cục Hải quan", None),
        ("Chi cục Hải quan", dt.date(2016, 3, 25)),
        ("Cục Giám sát quản lý về hải quan", dt.date(2016, 11, 30)),
    ]


def test_a_tax_letters_topics_counted_in_words_and_those_its_work_would_direct() -> None:
    tasks = letter(
        "Kính gửi: Các phòng thuộc Cục Thuế.",
        "Cục trưởng Cục Thuế yêu cầu Thủ trưởng các phòng thực hiện một số nội dung sau:",
        "Thứ nhất, về công tác quản lý nợ",
        "a) Phòng Quản lý nợ lập danh sách người nộp thuế nợ lớn, tham mưu Lãnh đạo Cục báo cáo "
        "UBND tỉnh chỉ đạo các ngành phối hợp thu nợ trước ngày 25/3/2016.",
        "b) Phòng Kiểm tra thuế số 1 đôn đốc thu nợ các doanh nghiệp trước ngày 31/3/2016.",
        "Thứ hai, về công tác thanh tra",
        "Phòng Thanh tra tham mưu ban hành văn bản chỉ đạo các Chi cục Thuế rà soát hồ sơ.",
    )
    assert leads_and_dates(tasks) == [
        ("Phòng Quản lý nợ", dt.date(2016, 3, 25)),
        ("Phòng Kiểm tra thuế số 1", dt.date(2016, 3, 31)),
        ("Phòng Thanh tra", None),
    ]


def test_an_answers_rule_quoted_in_one_paragraph_and_its_closing_are_no_work() -> None:
    quoted = read_directive(
        "  TỔNG CỤC THUẾ                               Độc lập - Tự do - Hạnh phúc\n"
        "  Số: 3127/TCT-CS                         Hà Nội, ngày 07 tháng 8 năm 2019\n\n"
        "            Kính gửi: Công ty TNHH Điện tử Hanwoo Vina.\n\n"
        "    Tại điểm 2.30 Khoản 2 Điều 4 Thông tư số 96/2015/TT-BTC (phần sửa đổi,\n"
        "  bổ sung) quy định:\n\n"
        '    "Các khoản chi có tính chất phúc lợi chi trực tiếp cho người lao động\n'
        "  như: chi đám hiếu, hỷ của bản thân và gia đình người lao động; chi hỗ trợ\n"
        "  chi phí đi lại ngày lễ, tết cho người lao động và những khoản chi có tính\n"
        "  chất phúc lợi khác. Tổng số chi có tính chất phúc lợi nêu trên không quá\n"
        "  01 tháng lương bình quân thực tế thực hiện trong năm tính thuế của doanh\n"
        '  nghiệp."\n'.encode(),
        "cv.txt",
        catalogue=EMPTY,
    ).tasks
    answered = letter(
        "Kính gửi: Cục Thuế tỉnh Đắk Lắk.",
        "Trả lời công văn số 1126/CT-THNVDT ngày 18/4/2017 của Cục Thuế tỉnh Đắk Lắk, Tổng cục "
        "Thuế có ý kiến như sau: trường hợp doanh nghiệp mua cà phê nhân để bán cho doanh nghiệp "
        "khác thì không phải kê khai, tính nộp thuế GTGT.",
        "Tổng cục Thuế trả lời để Cục Thuế tỉnh Đắk Lắk được biết./.",
    )
    assert (quoted, answered) == ([], [])


def test_a_plans_shared_duties_heading_and_an_items_place_line() -> None:
    tasks = news(
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nhiệm vụ chung của các sở, ban, ngành, UBND các huyện, thị xã, thành phố",
        "- Quán triệt đến toàn thể cán bộ, công chức về ý nghĩa của Chỉ số PAPI.",
        "- Tổ chức tự đánh giá, gửi kết quả về Sở Nội vụ trước ngày 30/9/2022.",
        "2. Tổ chức Lễ hội Bánh dân gian Nam Bộ lần thứ XI năm 2022",
        "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.",
        "- Địa điểm: Công viên sông Hậu, quận Ninh Kiều.",
        "- Thời gian thực hiện: Quý II/2022.",
        issued=dt.date(2022, 5, 16),
    )
    assert leads_and_dates(tasks) == [
        ("các sở, ban, ngành, UBND các huyện, thị xã, thành phố", None),
        ("các sở, ban, ngành, UBND các huyện, thị xã, thành phố", dt.date(2022, 9, 30)),
        ("Sở Văn hóa, Thể thao và Du lịch", dt.date(2022, 6, 30)),
    ]


def test_a_communes_officials_given_work_by_their_post() -> None:
    tasks = news(
        "1. Giao đ/c Nguyễn Văn Nam - công chức Địa chính - Xây dựng: chủ trì kiểm tra, báo cáo "
        "UBND xã trước ngày 05/02/2024.",
        "2. Giao công chức Văn hóa - Xã hội tuyên truyền trên loa truyền thanh xã.",
        issued=dt.date(2024, 1, 8),
    )
    assert leads_and_dates(tasks) == [
        ("công chức Địa chính - Xây dựng", dt.date(2024, 2, 5)),
        ("công chức Văn hóa - Xã hội", None),
    ]


def test_a_task_table_with_no_lead_column_takes_the_agency_of_its_group_row() -> None:
    text = (
        "Số: 45/KH-UBND\n"
        "Vĩnh Long, ngày 05 tháng 3 năm 2021\n"
        "KẾ HOẠCH\n"
        "Thực hiện Chương trình OCOP năm 2021\n"
        "STT | Nội dung công việc | Thời gian thực hiện | Đơn vị phối hợp\n"
        "I | SỞ CÔNG THƯƠNG\n"
        "1 | Tổ chức hội chợ, xúc tiến thương mại sản phẩm OCOP | Năm 2021 | UBND các huyện\n"
        "2 | Hỗ trợ xây dựng điểm giới thiệu sản phẩm OCOP | Quý III/2021 | Sở Tài chính\n"
        "II | Công tác tuyên truyền\n"
        "1 | Đưa tin về sản phẩm OCOP trên Báo Vĩnh Long | Thường xuyên | Sở Công Thương\n"
    )
    tasks = read_directive(docx_from_text(text), "kh.docx", catalogue=EMPTY).tasks
    assert leads_and_dates(tasks) == [
        ("SỞ CÔNG THƯƠNG", dt.date(2021, 12, 31)),
        ("SỞ CÔNG THƯƠNG", dt.date(2021, 9, 30)),
        (None, None),
    ]


def test_what_an_items_work_covers_is_no_task_and_the_directive_ends_apart() -> None:
    tasks = news(
        "Để tăng cường quản lý nhà nước về đất đai, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:",
        "1. UBND các huyện, thành phố",
        "1.1. Trong thời hạn 30 ngày kể từ ngày ký, tổ chức rà soát, thống kê đầy đủ các trường "
        "hợp vi phạm pháp luật về đất đai trên địa bàn, gồm:",
        "+ Lấn, chiếm đất công, đất hành lang giao thông, thủy lợi, đê điều;",
        "+ Chuyển nhượng, tách thửa trái phép.",
        "1.2. Đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất lần đầu.",
        "Chỉ thị này có hiệu lực kể từ ngày ký./.",
        issued=dt.date(2022, 3, 14),
    )
    assert leads_and_dates(tasks) == [
        ("UBND các huyện, thành phố", dt.date(2022, 4, 13)),
        ("UBND các huyện, thành phố", None),
    ]
    assert tasks[-1].text.endswith("lần đầu.")


def test_a_councils_resolution_its_grounds_and_the_committee_bound_to_act() -> None:
    tasks = news(
        "Căn cứ Nghị quyết số 594/NQ-UBTVQH14 ngày 15 tháng 9 năm 2018 của Ủy ban Thường vụ Quốc "
        "hội hướng dẫn hoạt động giám sát của Hội đồng nhân dân, Thường trực Hội đồng nhân dân, "
        "các Ban của Hội đồng nhân dân;",
        "QUYẾT NGHỊ:",
        "Điều 2. Tổ chức thực hiện",
        "1. Ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo rà soát các điểm trường lẻ, hoàn thành "
        "trước ngày 05/9/2023.",
        "2. Sở Giáo dục và Đào tạo có trách nhiệm bố trí đủ giáo viên cho năm học mới.",
        issued=dt.date(2023, 7, 14),
    )
    assert leads_and_dates(tasks) == [
        ("Ủy ban nhân dân tỉnh", dt.date(2023, 9, 5)),
        ("Sở Giáo dục và Đào tạo", None),
    ]


def test_a_closing_that_says_whom_to_tell_of_problems_is_no_task() -> None:
    tasks = letter(
        "Kính gửi: Sở Y tế.",
        "1. Sở Y tế tổ chức kiểm tra liên ngành về an toàn thực phẩm trước ngày 05/4/2016.",
        "Yêu cầu Thủ trưởng các cơ quan, đơn vị liên quan triển khai thực hiện; trường hợp có "
        "vướng mắc, báo cáo UBND tỉnh./.",
    )
    assert leads_and_dates(tasks) == [("Sở Y tế", dt.date(2016, 4, 5))]


def test_a_ministrys_letter_quoting_others_and_a_heading_of_traders() -> None:
    tasks = letter(
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
        "Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại Công văn số 1217/VPCP-KTTH ngày 25 "
        'tháng 02 năm 2016 của Văn phòng Chính phủ, trong đó Thủ tướng Chính phủ giao: "Bộ Công '
        "Thương chủ trì, phối hợp với các địa phương bảo đảm cung ứng đủ xăng dầu; báo cáo Thủ "
        'tướng Chính phủ trước ngày 10 tháng 3 năm 2016".',
        'Tại khoản 2 Điều 5 Thông tư số 05/2016/TT-BXD quy định: "Sở Xây dựng chủ trì, phối hợp '
        'với các cơ quan có liên quan tổ chức xác định đơn giá nhân công xây dựng".',
        "Bộ Công Thương đề nghị:",
        "1. Các thương nhân đầu mối kinh doanh xăng dầu",
        "a) Báo cáo Bộ Công Thương tình hình nhập khẩu, tồn kho trước ngày 05 hằng tháng.",
    )
    assert leads_and_dates(tasks) == [
        ("Các thương nhân đầu mối kinh doanh xăng dầu", dt.date(2016, 4, 5)),
    ]


def test_those_an_item_oversees_or_gives_out_to_residents_are_not_its_lead() -> None:
    tasks = news(
        "Để chủ động phòng ngừa cháy rừng, Chủ tịch UBND tỉnh yêu cầu:",
        "1. Sở Nông nghiệp và Phát triển nông thôn",
        "a) Chỉ đạo các Hạt Kiểm lâm kiểm tra các chủ rừng, UBND cấp xã thực hiện các biện pháp "
        "phòng cháy, chữa cháy rừng.",
        "2. Trưởng các thôn:",
        "- Phân công các hộ gia đình dọn vệ sinh đoạn đường trước nhà;",
        issued=dt.date(2019, 12, 6),
    )
    assert [written(t) for t in tasks] == [
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Trưởng các thôn",
    ]


def test_where_and_when_the_items_reports_go_dates_each_item() -> None:
    tasks = news(
        "Để có cơ sở tổng hợp, báo cáo UBND tỉnh, Sở Tài chính đề nghị các cơ quan, đơn vị thực "
        "hiện một số nội dung sau:",
        "1. Các sở, ban, ngành cấp tỉnh: Báo cáo tình hình thực hiện dự toán chi ngân sách quý "
        "I/2023 (theo Mẫu số 01 đính kèm).",
        "2. UBND các huyện, thị xã, thành phố: Báo cáo tình hình thu, chi ngân sách địa phương "
        "quý I/2023 (theo Mẫu số 02 đính kèm).",
        "Báo cáo của các cơ quan, đơn vị gửi về Sở Tài chính trước ngày 20/3/2023.",
        issued=dt.date(2023, 3, 6),
    )
    assert leads_and_dates(tasks) == [
        ("Các sở, ban, ngành cấp tỉnh", dt.date(2023, 3, 20)),
        ("UBND các huyện, thị xã, thành phố", dt.date(2023, 3, 20)),
    ]


def test_a_news_item_recalling_what_was_asked_before_asks_it_only_when_it_asks_nothing_new() -> (
    None
):
    recalled = (
        "Trước đó, tại Công điện số 102 ngày 5/7, Thủ tướng yêu cầu các địa phương hoàn thành xử "
        "lý trụ sở dôi dư trước ngày 31/12/2025, đồng thời giao Bộ Tài chính hướng dẫn, đôn đốc."
    )
    new = news(
        "Bộ Tài chính đề nghị UBND các tỉnh, thành phố hoàn thành phương án xử lý trụ sở dôi dư "
        "trước ngày 15/9/2025.",
        recalled,
        issued=dt.date(2025, 8, 20),
    )
    only_before = news(
        "Bộ Tài chính vừa tổ chức hội nghị về tài sản công.", recalled, issued=dt.date(2025, 8, 20)
    )
    assert leads_and_dates(new) == [("UBND các tỉnh, thành phố", dt.date(2025, 9, 15))]
    assert leads_and_dates(only_before)[0] == ("các địa phương", dt.date(2025, 12, 31))


def test_a_holiday_notices_days_off_are_no_task_and_its_addressees_heads_name_their_offices() -> (
    None
):
    tasks = letter(
        "Kính gửi:",
        "- Trưởng phòng GD&ĐT các huyện, thành phố;",
        "- Hiệu trưởng các trường THPT.",
        "1. Thời gian nghỉ",
        "a) Đối với học sinh: nghỉ từ thứ Hai ngày 04/4/2016 đến hết Chủ nhật ngày 10/4/2016.",
        "2. Gửi danh sách cán bộ trực về Sở trước ngày 25/3/2016.",
    )
    assert leads_and_dates(tasks) == [
        ("Trưởng phòng GD&ĐT các huyện, thành phố", dt.date(2016, 3, 25))
    ]


def test_the_items_under_an_agency_that_directs_them_are_its_tasks() -> None:
    tasks = news(
        "Chủ tịch UBND tỉnh yêu cầu:",
        "1. Chủ tịch UBND các huyện, thị xã, thành phố chỉ đạo:",
        "- UBND các xã, phường, thị trấn ra quân xử lý tình trạng lấn chiếm hành lang an toàn "
        "đường bộ; hoàn thành trước ngày 20/01/2025.",
        "- Lực lượng Công an xã tăng cường tuần tra, kiểm soát trên các tuyến đường liên thôn.",
        "2. Sở Y tế bố trí lực lượng trực cấp cứu 24/24 giờ.",
        issued=dt.date(2025, 1, 6),
    )
    assert leads_and_dates(tasks) == [
        ("Chủ tịch UBND các huyện, thị xã, thành phố", dt.date(2025, 1, 20)),
        ("Chủ tịch UBND các huyện, thị xã, thành phố", None),
        ("Sở Y tế", None),
    ]
    assert tasks[0].cooperating[0].written == "UBND các xã, phường, thị trấn"


def test_a_lead_in_an_items_brackets_a_signature_stamp_and_a_courteous_closing() -> None:
    tasks = letter(
        "Kính gửi: UBND các huyện.",
        "1. Đối với UBND các huyện, thành phố Biên Hòa, Long Khánh",
        "Thứ nhất, chỉ đạo Phòng Kinh tế, Phòng Kinh tế và Hạ tầng bố trí điểm bán hàng bình ổn; "
        "hoàn thành trước ngày 20/3/2016.",
        "2. Ứng dụng công nghệ thông tin trong quản lý đất đai (Phòng Tài nguyên và Môi trường "
        "phối hợp Chi nhánh Văn phòng Đăng ký đất đai huyện; thường xuyên).",
        "Ký bởi: Văn phòng Ủy ban nhân dân tỉnh",
        "Thời gian ký: 18.03.2016 16:05:37 +07:00",
        "Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện. Trong quá trình thực hiện nếu "
        "có khó khăn, vướng mắc, liên hệ Phòng Quản lý thương mại để được hỗ trợ./.",
    )
    assert leads_and_dates(tasks) == [
        ("UBND các huyện, thành phố Biên Hòa, Long Khánh", dt.date(2016, 3, 20)),
        ("Phòng Tài nguyên và Môi trường", None),
    ]


def test_a_news_items_subheading_is_no_task_and_a_relative_past_no_narration() -> None:
    tasks = news(
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành, địa phương tập trung thực hiện tốt các nhiệm "
        "vụ sau:",
        "Bảo đảm an ninh, trật tự, an toàn giao thông",
        "Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng đấu tranh, trấn áp các loại tội phạm.",
        "Các địa phương tổ chức lấy mẫu xét nghiệm cho người đã đến vùng dịch.",
        issued=dt.date(2023, 12, 13),
    )
    assert [written(t) for t in tasks] == ["Bộ Công an", "Các địa phương"]


def test_work_after_a_heading_that_opens_on_its_basis_case_by_case() -> None:
    tasks = letter(
        "Kính gửi: Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương.",
        "BHXH Việt Nam yêu cầu BHXH tỉnh thực hiện ngay một số nội dung sau:",
        "1. Căn cứ kết quả phân loại, xử lý theo từng trường hợp như sau:",
        "- Đơn vị nợ từ 01 tháng đến dưới 03 tháng: gửi văn bản đôn đốc;",
        "- Đơn vị nợ từ 06 tháng trở lên: phối hợp với Sở Lao động - Thương binh và Xã hội tổ "
        "chức thanh tra chuyên ngành; hoàn thành trước ngày 25/4/2016.",
    )
    assert leads_and_dates(tasks) == [
        ("BHXH tỉnh", None),
        ("BHXH tỉnh", dt.date(2016, 4, 25)),
    ]


def test_closings_that_sum_up_or_ask_all_to_act_and_a_charge_recalled_are_no_tasks() -> None:
    tasks = letter(
        "Kính gửi: Các sở, ban, ngành.",
        "Căn cứ Quyết định số 1560/QĐ-UBND ngày 05/5/2015 của Chủ tịch UBND tỉnh; theo đó, Sở Kế "
        "hoạch và Đầu tư được giao chủ trì xây dựng Quy chế phối hợp, trình UBND tỉnh trong quý "
        "III/2016.",
        "1. Thanh tra Sở kiểm tra việc chi trả quà Tết tại một số huyện trong tháng 4/2016.",
        "Sở Lao động - Thương binh và Xã hội đề nghị các đơn vị nghiêm túc triển khai thực hiện; "
        "quá trình thực hiện có khó khăn, vướng mắc, liên hệ Phòng Người có công để được hướng "
        "dẫn./.",
        "Trên đây là Kế hoạch công tác phổ biến, giáo dục pháp luật; xây dựng, đánh giá xã đạt "
        "chuẩn tiếp cận pháp luật năm 2016. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, "
        "các cơ quan phản ánh về UBND huyện để xem xét, chỉ đạo./.",
    )
    assert leads_and_dates(tasks) == [("Thanh tra Sở", dt.date(2016, 4, 30))]


def test_a_councils_recommendations_to_the_committee_and_the_partys_grassroots() -> None:
    tasks = news(
        "III. KIẾN NGHỊ",
        "1. Đối với UBND tỉnh",
        "a) Chỉ đạo Sở Y tế rà soát chi phí vượt tổng mức; hoàn thành trong quý IV/2019.",
        "2. Các chi, đảng bộ cơ sở tổ chức học tập, quán triệt Nghị quyết trong tháng 12/2019.",
        issued=dt.date(2019, 10, 2),
    )
    assert leads_and_dates(tasks) == [
        ("UBND tỉnh", dt.date(2019, 12, 31)),
        ("Các chi, đảng bộ cơ sở", dt.date(2019, 12, 31)),
    ]


def test_a_schools_posts_and_a_councils_board_speaking() -> None:
    tasks = news(
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Hiệu trưởng",
        "- Phê duyệt kế hoạch của các tổ chuyên môn trước ngày 30/9/2023.",
        "2. Phó Hiệu trưởng: Hoàn thành thời khóa biểu trước ngày 25/9/2023.",
        "3. Ban Văn hóa - Xã hội HĐND tỉnh đề nghị UBND tỉnh chỉ đạo thực hiện các kiến nghị nêu "
        "trên, báo cáo kết quả về Thường trực HĐND tỉnh trước ngày 30/11/2023.",
        issued=dt.date(2023, 9, 5),
    )
    assert leads_and_dates(tasks) == [
        ("Hiệu trưởng", dt.date(2023, 9, 30)),
        ("Phó Hiệu trưởng", dt.date(2023, 9, 25)),
        ("UBND tỉnh", dt.date(2023, 11, 30)),
    ]


def test_a_councils_hearing_its_attendance_and_its_approval_are_no_work() -> None:
    tasks = news(
        "Ngày 08/8/2025, Thường trực HĐND tỉnh tổ chức phiên giải trình. Dự phiên giải trình có "
        "đồng chí Phó Chủ tịch UBND tỉnh; lãnh đạo các Sở: Giáo dục và Đào tạo, Tài chính.",
        "Thường trực HĐND tỉnh thống nhất với đề xuất của UBND tỉnh về việc trình HĐND tỉnh ban "
        "hành nghị quyết tại kỳ họp cuối năm 2025.",
        issued=dt.date(2025, 8, 14),
    )
    assert tasks == []
