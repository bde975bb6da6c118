"""Read a directive file into a draft: its metadata and its tasks, ready for the officer."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ingest.agencies import Catalogue, fold
from ingest.metadata import (
    DirectiveMeta,
    body_range,
    issue_month,
    read_metadata,
    written_date,
)
from ingest.tasks import TaskDraft, extract_tasks
from ingest.text import DEFAULT_MAX_BYTES, Document, UnreadableDocument, extract_text
from vncalendar import WorkingCalendar

__all__ = [
    "DATE_SOURCES",
    "WARNINGS",
    "DirectiveDraft",
    "DraftWarning",
    "draft_to_json",
    "meeting_date",
    "page_date",
    "read_directive",
    "unknown_agencies",
]

NO_ISSUE_DATE = (
    "Không tìm thấy ngày ban hành của văn bản nên chưa tính được hạn. "
    "Hãy nhập ngày ban hành (ví dụ --issued 2024-03-15)."
)


# What the officer should check in a draft, by code: the Vietnamese words, filled with the
# values of a DraftWarning (the bot words them in the chat's language: bot.texts).
WARNINGS = {
    "issue_date_guessed": (
        "Văn bản không ghi ngày ban hành; tạm lấy ngày {date} ({source}) làm mốc tính hạn. "
        "Hãy kiểm tra lại."
    ),
    "issue_date_not_needed": (
        "Văn bản không ghi ngày ban hành; các hạn trong văn bản đều ghi đủ ngày, tháng, năm "
        "nên không cần mốc. Hãy nhập ngày ban hành nếu biết."
    ),
    "no_tasks": "Không tìm thấy nhiệm vụ nào trong văn bản.",
    "tasks_without_lead": "{count} nhiệm vụ chưa xác định được cơ quan chủ trì.",
    "unknown_agencies": "Cơ quan chưa có trong danh mục: {names}.",
    # A warning kept as its words alone (a preview the bot kept before warnings had codes).
    "as_written": "{written}",
}
# Where the date of issue of "issue_date_guessed" was taken from: the {source} of its words.
DATE_SOURCES = {
    "meeting": "ngày họp nêu trong văn bản",
    "month": "văn bản chỉ ghi tháng {month}",
    "web_page": "ngày đăng tin trên trang",
}


@dataclass(frozen=True)
class DraftWarning:
    """Something the officer should check in a draft: a code (of WARNINGS) and its values."""

    code: str
    date: _dt.date | None = None  # issue_date_guessed: the date taken as the date of issue
    source: str = ""  # issue_date_guessed: where it was taken from (of DATE_SOURCES)
    count: int = 0  # tasks_without_lead
    names: tuple[str, ...] = ()  # unknown_agencies: as the document writes them
    written: str = ""  # as_written

    def values(self) -> dict[str, object]:
        """The values its words are filled with, alike in every language (dd/mm/yyyy)."""
        return {
            "date": f"{self.date:%d/%m/%Y}" if self.date else "",
            "month": f"{self.date:%m/%Y}" if self.date else "",
            "count": self.count,
            "names": "; ".join(self.names),
            "written": self.written,
        }

    @property
    def message_vi(self) -> str:
        """Its Vietnamese words."""
        values = self.values()
        source = DATE_SOURCES[self.source].format(**values) if self.source else ""
        return WARNINGS[self.code].format(source=source, **values)


@dataclass
class DirectiveDraft:
    """A directive as read from a file: metadata, tasks, the file's hash and what to check."""

    meta: DirectiveMeta
    tasks: list[TaskDraft]
    sha256: str
    warnings: list[DraftWarning] = field(default_factory=list)


_MEETING_DATE = re.compile(
    r"(?<![\w/])ngay\s+(?P<d>\d{1,2})\s*(?:thang\s+|/\s*)(?P<m>\d{1,2})\s*(?:,?\s*nam\s+|/\s*)"
    r"(?P<y>\d{4})"
)
# A date right after a document number is the date of that document, not of the meeting.
_CITED = re.compile(r"\d+[\w.]*\s*/\s*[\w&.\-/]+\s*,?\s*$")
_DUE_BEFORE = re.compile(r"(?:truoc|cham\s+nhat(?:\s+la)?|han(?:\s+chot)?|den|het)\s*$")
# "Trước đó, ngày 15/01/2024, UBND tỉnh đã ban hành ...": what was done before, not the meeting.
_EARLIER = re.compile(r"(?:^|[.;]\s*)(?:truoc\s+do|truoc\s+day|thoi\s+gian\s+qua)\s*,?\s*$")


def meeting_date(doc: Document) -> _dt.date | None:
    """The latest date written in the opening paragraphs of the body (the meeting's date)."""
    start, end = body_range(doc)
    found: list[_dt.date] = []
    for paragraph in doc.paragraphs[start : min(end, start + 6)]:
        folded = fold(paragraph)
        for match in _MEETING_DATE.finditer(folded):
            before = folded[max(0, match.start() - 40) : match.start()]
            if _CITED.search(before) or _DUE_BEFORE.search(before) or _EARLIER.search(before):
                continue  # a cited document's date, a deadline, or what was done before
            day = written_date(match)
            if day is not None:
                found.append(day)
    return max(found) if found else None


# The date a web page was posted: " date 2025-10-22 ...", "22/04/2020 | 08:32",
# "Cập nhật ngày: 27/12/2017 - 00:02", "Thứ Năm, 28-01-2021 / 7:18:21 Sáng".
_PAGE_STAMPS = (
    re.compile(r"^\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(
        r"^(?:(?:cap\s+nhat|ngay\s+dang|dang\s+luc|dang\s+ngay)(?:\s+(?:ngay|luc))?\s*:?\s*"
        r"|thu\s+\w+\s*,\s*(?:ngay\s+)?)?(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})"
        r"\s*(?:[|,/-]\s*)?\d{1,2}(?::|h)\d{2}"
    ),
    # "Cập nhật ngày: 05/09/2023", "Ngày đăng: 09/08/2022 | Lượt xem: 1.245": named, no time.
    re.compile(
        r"^(?:cap\s+nhat|ngay\s+dang|dang\s+ngay)(?:\s+ngay)?\s*:?\s*"
        r"(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})(?!\d)"
    ),
)


def page_date(doc: Document) -> _dt.date | None:
    """The date a web page says it was posted on, near its top."""
    for paragraph in doc.paragraphs[:10]:
        folded = fold(paragraph).strip()
        for pattern in _PAGE_STAMPS:
            match = pattern.match(folded)
            if match is None:
                continue
            day = written_date(match)
            if day is not None:
                return day
    return None


def _guessed_issue_date(doc: Document) -> tuple[_dt.date | None, str]:
    """The date to count from when the document gives none of its own, and where it came from."""
    month = issue_month(doc)
    meeting = meeting_date(doc)
    if month is not None and (meeting is None or (meeting.year, meeting.month) != month):
        # Signed without its day ("ngày    tháng 3 năm 2020"): a date of another month in the
        # opening is a cited document's, not the meeting's.
        return _dt.date(month[0], month[1], 1), "month"
    if meeting is not None:
        return meeting, "meeting"
    return page_date(doc), "web_page"


def read_directive(
    data: bytes,
    filename: str,
    *,
    catalogue: Catalogue,
    issued_on: _dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    calendar: WorkingCalendar | None = None,
    before_is_inclusive: bool = True,
) -> DirectiveDraft:
    """Read a directive file into a draft; raises UnreadableDocument with a Vietnamese message."""
    sha256 = hashlib.sha256(data).hexdigest()
    doc = extract_text(data, filename, max_bytes=max_bytes)
    meta = read_metadata(doc)
    warnings: list[DraftWarning] = []

    def tasks_from(reference: _dt.date) -> list[TaskDraft]:
        return extract_tasks(
            doc,
            catalogue=catalogue,
            issued_on=reference,
            calendar=calendar,
            before_is_inclusive=before_is_inclusive,
        )

    reference = issued_on or meta.issued_on
    if reference is None:
        reference, source = _guessed_issue_date(doc)
        if reference is not None:
            warnings.append(DraftWarning("issue_date_guessed", date=reference, source=source))
    if reference is not None:
        meta = replace(meta, issued_on=reference)
        tasks = tasks_from(reference)
    else:
        tasks = _tasks_without_reference(doc, tasks_from)
        warnings.append(DraftWarning("issue_date_not_needed"))
    if not tasks:
        warnings.append(DraftWarning("no_tasks"))
    without_lead = sum(1 for task in tasks if task.lead is None)
    if without_lead:
        warnings.append(DraftWarning("tasks_without_lead", count=without_lead))
    unknown = unknown_agencies(tasks)
    if unknown:
        warnings.append(DraftWarning("unknown_agencies", names=unknown))
    return DirectiveDraft(meta=meta, tasks=tasks, sha256=sha256, warnings=warnings)


def unknown_agencies(tasks: Iterable[TaskDraft]) -> tuple[str, ...]:
    """The agencies, as written, that the tasks name and the catalogue did not have, once each."""
    return tuple(dict.fromkeys(name for task in tasks for name in task.unknown_agencies))


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _tasks_without_reference(
    doc: Document, tasks_from: Callable[[_dt.date], list[TaskDraft]]
) -> list[TaskDraft]:
    """The tasks of a document that gives no date of its own, when no deadline needs one: read
    from two references years apart, every deadline comes out the same (full dates only)."""
    years = [int(year) for paragraph in doc.paragraphs for year in _YEAR.findall(paragraph)]
    if not years:
        raise UnreadableDocument("no_issue_date", NO_ISSUE_DATE)
    early = tasks_from(_dt.date(min(years) - 1, 1, 1))
    late = tasks_from(_dt.date(max(years) + 1, 12, 31))
    if [_due(task) for task in early] != [_due(task) for task in late]:
        raise UnreadableDocument("no_issue_date", NO_ISSUE_DATE)
    return early


def _due(task: TaskDraft) -> tuple[str, _dt.date | None, str | None]:
    return task.text, task.deadline.date, task.deadline.recurrence


def draft_to_json(draft: DirectiveDraft) -> dict[str, Any]:
    """The draft as the JSON of ``nhacviec import --json`` (catalogue names where recognised)."""
    meta = draft.meta
    return {
        "directive": {
            "number": meta.number,
            "kind": meta.kind,
            "title": meta.title,
            "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
            "signer": meta.signer,
        },
        "tasks": [
            {
                "text": task.text,
                "summary": task.summary,
                "lead": task.lead.display if task.lead else None,
                "cooperating": [mention.display for mention in task.cooperating],
                "deadline": task.deadline.date.isoformat() if task.deadline.date else None,
                "deadline_text": task.deadline.phrase or None,
                "recurrence": task.deadline.recurrence,
                "inherited": task.inherited,
                "unknown_agencies": list(task.unknown_agencies),
                "other_deadlines": [
                    {"date": other.date.isoformat(), "text": other.phrase}
                    for other in task.other_deadlines
                    if other.date is not None
                ],
            }
            for task in draft.tasks
        ],
    }
