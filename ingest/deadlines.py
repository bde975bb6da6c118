"""The Vietnamese deadline grammar: turn "trong quý I/2023", "trước ngày 15/3" ... into dates.

A directive states its deadlines in a small, formulaic legal Vietnamese. Plain dateparser reads the
explicit dates well but misreads the rest ("quý I/2023" -> None, "trong tháng 01/2023" -> the 5th of
January), and it cannot tell a deadline from the date of a cited document. So this module is a set
of phrase families, each a named regular expression with one small handler, run from a table over a
normalised copy of the text:

* the text is lowercased and stripped of diacritics ("Trước ngày" -> "truoc ngay"), one character
  for one character, so every match maps back to the exact substring of the input (``phrase``);
  a lowercased twin that keeps the diacritics settles the few words that only differ by them
  ("ngay" *immediately* / "ngày" *day*, "sau" *after* / "sáu" *six*);
* a deadline cue before a phrase ("trước", "chậm nhất", "hạn chót", "trong", "hoàn thành") is
  looked up separately and joined to the phrase; periods ("tháng 3", "quý I", "năm 2023") only
  count as deadlines with such a cue, or when they are the whole text, or in a section heading;
* traps are found first and win over any family: dates of cited documents ("Quyết định số
  12/QĐ-UBND ngày 05/01/2023", "công văn chỉ đạo hoả tốc ngày 2-2 của Thủ tướng") and the subject
  of a numbered one ("... về việc phát động thi đua ... hằng năm"), the meeting date that opens a
  sentence ("Ngày 05/01/2023, ...", "Chiều nay 8/10/2020, ...", "..., sáng 3-2, ...", "Vào lúc
  10h00 ngày 21/7, ..."), year ranges and horizons ("giai đoạn 2021-2025", "đến năm 2030"), the
  start of a date range or of a rule ("áp dụng từ 12h00 ngày 23/12/2021"), effective dates, and
  the cut-off or period of reported figures ("tính đến ngày 31/12/2019", "tính từ ngày 01/01 đến
  ngày 30/06");
* a date is also not a deadline when it opens a clause that tells what happened on it: an
  issuing, signing or meeting verb or a past-tense marker follows it ("Ngày 21/02/2026 Ủy ban ...
  ban hành công văn", "ngày 30/1/2023, Bộ ... đã ban hành"; not "thực hiện đến ngày 30/9 các nhiệm
  vụ đã được giao"), when "đến" ends a state rather than a task ("cho học sinh nghỉ học đến ngày
  10/10/2020", "tạm dừng ... đến hết tháng 2"), or when a clause opens with
  "Đến ngày X," and reports a state ("Đến ngày 4.1, Sở ... vẫn chưa nhận được") rather than an
  obligation ("Đến ngày 30/6, các đơn vị phải hoàn thành ...");
* windows are not deadlines: a date range that opens its clause and is closed by a comma ("Từ ngày
  30/4 đến hết ngày 03/5, các đơn vị bố trí trực"), "trong 14 ngày vượt / liên tiếp / gần nhất",
  a rate ("tỷ lệ giải ngân hằng năm đạt trên 90%"), "trong ngày bầu cử" (the day of an event);
* a number repeated in words ("ngày 15 (mười lăm)", "tháng 11 (mười một)") reads as the number;
  a day in words reads as in figures only right after "ngày" ("ngày mười lăm tháng ba năm 2024",
  "ngày mùng năm tháng sáu"): elsewhere "một", "năm" are "one" ("một số") and "year";
* dateparser is the fallback for an explicit date written in a form the grammar does not know,
  after a strong cue, always with RELATIVE_BASE, DMY order, Vietnamese and future preference.

Choices the grammar makes (and the tests pin down):

* relative periods count from the day after ``ref`` (the issue date): "trong 10 ngày" is
  ref + 10 days, "trong 05 ngày làm việc" is the 5th working day after ref (weekends and public
  holidays skipped, from the ``holidays`` package through ``WorkingCalendar``), while "ngày làm
  việc thứ 5 của tháng sau" and "trong 05 ngày làm việc đầu tiên của tháng 4" are the 5th working
  day of that month (a date), "ngày làm việc thứ 3 hằng tháng" that of every month (monthly,
  the next one due, and each later period the third working day of its month, whatever day of
  the month that is: ``schedule_working_day``); "kể từ ngày ký" and "kể từ ngày nhận được văn
  bản" count from ref too (the receipt date is unknown: ref is the earliest it can be), "kể từ
  ngày 15/3/2023" counts from that date; a period counted from another event ("kể từ ngày nhận
  được hồ sơ", "sau khi HĐND tỉnh phê chuẩn") has no date (kind "none"): the officer sets it
  when the event comes;
* hours count the same way, from the start of the day after ``ref`` (the hour of issue is not
  known): "trong 24 giờ" is ref + 1 day, "trong vòng 48 giờ" (or "48 tiếng") ref + 2, "trong 12
  giờ" ref + 1; "trong 16 giờ làm việc" is two working days (eight hours each); "trước 14 giờ",
  "trong 24 giờ qua / tới", "trong 24 - 48 giờ tới", "mưa 100mm trong 3 giờ" and "lượng mưa
  trong 24 giờ" are not spans a duty is done in, and "trong 24 giờ từ khi phát hiện" counts from
  an event;
* a two-digit year is in the century that puts it nearest ``ref``: "15/03/99" in 2024 is 1999,
  "15/3/25" is 2025; after "số" ("Công văn số 15/10/23", "số nhà 12/3/25") it is a number;
* "đầu tháng 3" is the 10th (its first ten days, kind "early_month"), "giữa tháng 3" the 15th
  (kind "mid_month"), "cuối tháng 3", "cuối quý II", "cuối năm 2024" the period's last day;
  "thượng tuần", "trung tuần", "hạ tuần tháng 3" (its thirds) the 10th, the 20th and its end;
  "đầu năm", "giữa năm", "đầu quý" have no customary day and give no date;
* a date or period without a year is the next one ending on or after ``ref``;
* "trước ngày X" is X itself when ``before_is_inclusive`` (the default), else the day before X
  (but "trước 14 giờ ngày X" is X: "trước" is of the hour);
  "trước tháng 6" (before June begins) is the end of May, "trước quý III" the end of June,
  "trước năm 2025" the end of 2024;
* "trước Tết" is the day before mùng 1 Tết of the next lunar new year after ref; "sau Tết",
  "ngay sau kỳ nghỉ Tết" the first working day after that Tết's holiday block (the block that
  has not ended before ref); "trước kỳ nghỉ Tết" the last working day before it; "30 Tết" the
  last day of the lunar year before it (the 29th of a twelfth month of 29 days), so "trước 30
  Tết" is the day "trước Tết" gives; a Tết after 2100, the last year the holiday calendar
  knows, gives no date (kind "out_of_range", below);
* a lunar day ("ngày 23 tháng Chạp", "Rằm tháng Tám", "ngày 15/8 âm lịch") is its date by the
  Vietnamese lunar calendar (``vncalendar.lunar``), the next one on or after ref unless a year is
  named ("tháng 6 nhuận" is the repeated sixth month of a year that has one), after a due word
  or as the whole text (never the solar day: "vào ngày 15/8 âm lịch" alone in a sentence is a
  custom's day, no deadline); "trước Tết Trung thu", "trước Giỗ Tổ Hùng Vương" the day before
  that feast, as for Tết;
* without diacritics "quy" is "quý" (a quarter) unless a word follows that makes it another
  ("moi quy dinh" is "mọi quy định", every rule; "quy trình", "quy mô"): no quarterly step;
* a recurring duty gives its next occurrence on or after ref: "hằng tháng" the last day of ref's
  month unless a day is given ("trước ngày 20 hằng tháng", "chậm nhất ngày 15 của tháng báo cáo",
  "chậm nhất ngày 15 đối với báo cáo định kỳ hằng tháng"), "hằng quý" the end of ref's quarter
  unless a day is given: "ngày 20 hằng quý", "ngày 20 của tháng cuối quý", "hằng quý ... trước
  ngày 20" are in the quarter's last month (as Nghị định 09/2019/NĐ-CP and the provinces'
  reporting rules place quarterly reports), "hằng quý trước ngày 15/1" in the quarter's month
  that January is (its first), "ngày 15 của tháng đầu quý sau" in the next
  quarter's first month (the report of ref's quarter first), "trước ngày 20/3, 20/6, 20/9 và
  20/12 hằng năm" the next of the four, every quarter; "hằng năm" no date
  unless a month or date is given (before or after the step: "chậm nhất ngày 25 tháng 11 đối
  với báo cáo định kỳ hằng năm", "tháng 6 hằng năm"): recurring yearly, the first period's date
  for the officer to give (``Deadline.step_only``; the blind labellers read such a step as no
  date), yielding to any other deadline of the text, and a heading does not pass it on;
  "hằng tuần" the coming Friday
  unless a weekday is given; a duty that names its day
  wins over a bare step in the same text ("Báo cáo định kỳ hàng quý: ... chậm nhất vào ngày 20 của
  tháng cuối quý");
* a range runs to its end: "từ giữa tháng 3 đến cuối tháng 4" is 30/04;
* a list of periods sharing one cue and one year runs to the last: "trong tháng 11, tháng 12 năm
  2025" is 31/12/2025, "trong quý I và quý II năm 2023" (or "quý I, II năm 2023") is 30/06/2023;
* "dự kiến" after a cue keeps it one ("Thời gian thực hiện: dự kiến quý IV/2024"); "trong 3
  tháng tới" counts months ("ngày 3 tháng tới" is a day);
* a step of six months ("định kỳ 6 tháng", "06 tháng/lần", "6 tháng một lần", "hằng 6 tháng",
  "mỗi 6 tháng", "nửa năm một lần") is semiannual: with no day, as "hằng năm" alone (the first
  period's date the officer's to give; both blind labellers read it as no date); with two days
  six months apart ("báo cáo định kỳ 6 tháng trước ngày 15/6 và 15/12", "trước ngày 20/6 và
  20/12 hằng năm"), the next of them, every six months on the later day of the month ("30/6 và
  31/12": each half-year's end). Two days that are not six months apart ("15/6 và 01/12") are
  no one schedule: the next is the deadline, with no step. One day with the step in its
  sentence ("định kỳ 6 tháng, báo cáo trước ngày 15/6") names two, that day and the same day six
  months on (15/6 and 15/12): semiannual, due on the next; not the day a meeting is held
  ("Hội nghị sơ kết định kỳ 6 tháng tổ chức ngày 15/7"). "Báo cáo 6 tháng" is the half-year
  report, once a year, and "6 tháng đầu năm" a period (30/06), not a step;
* "hằng ngày", "thường xuyên", "liên tục", "lâu dài" are ongoing (no date); "ngay", "khẩn trương",
  "kịp thời" are immediate (no date, except "ngay trong ngày" which is ref itself);
* an impossible date ("30/02/2023", "32/1") is reported with kind "impossible" and no date; one
  in a year the calendar does not count (``vncalendar.dates``: "15/3/9999", "15/3/1900", "trước
  Tết Nguyên đán 2101", "Rằm tháng Tám năm 2101") with kind "out_of_range" and no date: the day
  exists, but no reminder could be counted from it (a slip of the year, most likely). Both
  rank as a date the officer must give.

When a text holds several deadlines, :func:`parse_deadline` prefers a recurring duty, then a dated
deadline (the date that closes a sentence after "báo cáo/trình <recipient>"; then one with a cue
over a bare date, a bare "sau Tết" or a span counted from the document; one in the main clause
over one restated in parentheses, in a clause of purpose after "để" or sent in by others; then
the earliest, the first day of a task given in steps, so that no reminder comes after a
deadline, as the blind labellers mostly read it (a step whose day does not exist may be that
first day: the text's deadline is then "impossible", for the officer to give); the work's
completion before the report of its results, and the rule before its exception "riêng ..."),
then ongoing, then immediate;
:func:`find_deadlines` returns them all in text order, and :func:`section_deadline` reads a
heading, where a bare period ("nhiệm vụ trọng tâm tháng 01/2023") is the deadline.

Known gaps: descriptions of natural events with an approximate time that does not say "khoảng"
("mực nước đạt đỉnh cuối tháng 9" is read as a deadline: "đầu/cuối tháng" needs no cue, since
"Cuối tháng 5/2023 hoàn thành ..." is one). The day before the nth working day ("trước ngày
làm việc thứ 3 hằng tháng" when "trước" excludes the day) is a day of the month, which the later
periods keep: not a count of working days.
"""

from __future__ import annotations

import bisect
import calendar as _cal
import datetime as _dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import dateparser

from ingest.words import DOCUMENT_NOUN, EVENT, SCHEDULE_NEAR_DAYS
from vncalendar import WorkingCalendar, lunar
from vncalendar.dates import FIRST_YEAR, LAST_YEAR
from vncalendar.recurrence import MONTH_END

__all__ = [
    "KINDS",
    "RECURRENCES",
    "UNKNOWN_DAY_KINDS",
    "Deadline",
    "find_deadlines",
    "parse_deadline",
    "section_deadline",
]

KINDS = (
    "date",
    "month",
    "early_month",  # "đầu tháng 3": its first ten days, by the 10th
    "mid_month",  # "giữa tháng 3": by the 15th; "trung tuần tháng 3": by the 20th
    "quarter",
    "half_year",
    "year",
    "relative_days",
    "working_days",
    "weeks",
    "months_relative",
    "hours",
    "tet",
    "lunar",
    "recurring",
    "ongoing",
    "immediate",
    "none",
    "impossible",  # a date that does not exist ("31/4/2023"): the officer must say which
    "out_of_range",  # a year the calendar does not count ("15/3/2101"): the officer gives it
)
RECURRENCES = ("weekly", "monthly", "quarterly", "semiannual", "yearly")

# Kinds that carry a due date computed from the text.
_DATED_KINDS = frozenset(KINDS[: KINDS.index("recurring")])
# Kinds of a date written whose day the officer must give: it does not exist, or its year is
# one the calendar does not count.
UNKNOWN_DAY_KINDS = frozenset(("impossible", "out_of_range"))
# Kinds counted from the issue date ("trong 10 ngày làm việc").
_COUNTED_KINDS = frozenset(("relative_days", "working_days", "weeks", "months_relative", "hours"))


@dataclass(frozen=True)
class Deadline:
    """A deadline read from a phrase: a date, a recurrence, or none (ongoing, immediate)."""

    date: _dt.date | None
    kind: str
    recurrence: str | None
    phrase: str
    time: _dt.time | None = None
    # The day of the month a recurring duty falls on, its periods after the first included
    # (MONTH_END: the month's last day): "trước ngày 30 hằng tháng" keeps the 30th after February.
    schedule_day: int | None = None
    # The date is the nth working day of its month ("ngày làm việc thứ 3 hằng tháng", "ngày làm
    # việc thứ 5 của tháng sau"): that n, which a recurring duty's later periods keep in place
    # of schedule_day (January's third working day is the 6th in 2026, February's the 4th).
    schedule_working_day: int | None = None
    # A yearly step that names no month ("định kỳ hằng năm"): recurring, with no date; the
    # officer gives the first period's (the document names none).
    step_only: bool = False


NO_DEADLINE = Deadline(date=None, kind="none", recurrence=None, phrase="")


# --------------------------------------------------------------------------------------------
# Normalisation: a lowercased twin and a diacritic-free twin, index for index.
# --------------------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
# A full-width or division slash (PDFs set in CJK-capable fonts), a backslash typed for a slash:
# "15／3／2023" is 15/3/2023, not "ngày 15" followed by other signs.
_SEPARATORS = _DASHES | dict.fromkeys(map(ord, "／∕\\"), "/")
# The older spellings, still written: "quí" for "quý", "kì"/"kí" for "kỳ"/"ký".
_OLD_SPELLINGS = {"quí": "quý", "kì": "kỳ", "kí": "ký"}
_OLD_SPELLING = re.compile(rf"(?<!\w)(?:{'|'.join(_OLD_SPELLINGS)})(?!\w)")


@dataclass(frozen=True)
class _Text:
    """The input and two twins of it that share indexes: ``low`` (lowercase) and ``flat``."""

    original: str
    low: str
    flat: str
    starts: tuple[int, ...]  # starts[i]: index in original of the character flat[i] came from
    ends: tuple[int, ...]  # ends[i]: index in original just after it (and its combining marks)
    has_marks: bool  # the text is written with diacritics (so "ngay" is not "ngày")

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the twins back to the original text."""
        if start >= end:
            return len(self.original), len(self.original)
        return self.starts[start], self.ends[end - 1]

    def phrase(self, start: int, end: int) -> str:
        """The exact substring of the input behind a span of the twins."""
        a, b = self.span(start, end)
        return self.original[a:b]


@functools.lru_cache(maxsize=4096)
def _fold_cluster(cluster: str) -> tuple[str, str]:
    """A character with its marks, lowercased (one character), and bare of its marks."""
    composed = unicodedata.normalize("NFC", cluster).translate(_SEPARATORS)
    lowered = composed.lower()
    low = lowered[0] if len(lowered) >= 1 else composed[:1]
    if low in "\u00a0\u2007\u202f\t":
        low = " "
    base = [c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c)]
    flat = base[0] if base else low
    return low, "d" if flat == "đ" else flat


def _normalise(text: str) -> _Text:
    # One cluster per base character with its combining marks, so that NFD input (e.g. text
    # copied out of some PDFs) lines up with the same regexes as NFC input.
    clusters: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.combining(char) and clusters:
            clusters[-1] += char
            ends[-1] = index + 1
            continue
        clusters.append(char)
        starts.append(index)
        ends.append(index + 1)
    folded = [_fold_cluster(cluster) for cluster in clusters]
    low_text = "".join(low for low, _flat in folded)
    flat_text = "".join(flat for _low, flat in folded)
    for old in _OLD_SPELLING.finditer(low_text):  # each ends in "i" where the usual has "y"
        flat_text = flat_text[: old.end() - 1] + "y" + flat_text[old.end() :]
    return _Text(
        original=text,
        low=low_text,
        flat=_SPELLED_AGAIN.sub(lambda m: " " * len(m.group()), flat_text),
        starts=tuple(starts),
        ends=tuple(ends),
        has_marks=low_text != flat_text,
    )


# --------------------------------------------------------------------------------------------
# Vocabulary (over the diacritic-free twin).
# --------------------------------------------------------------------------------------------

_UNIT_WORDS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_UNIT = r"(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin)"
# "mười", "mười lăm", "hai mươi", "hai mươi mốt" ... up to 99 is plenty for day counts.
SPELLED = (
    rf"(?:(?:hai|ba|bon|nam|sau|bay|tam|chin)\s+muoi(?:\s+{_UNIT})?|muoi(?:\s+{_UNIT})?|{_UNIT})"
)
NUMBER = rf"(?:\d{{1,3}}|{SPELLED})"
# Legal texts repeat a number in words: "ngày 15 (mười lăm)", "tháng 11 (mười một)". The flat twin
# blanks such a parenthesis out (same length, so indexes still line up) and every family reads
# "ngày 15 của tháng" as if the words were not there.
_SPELLED_AGAIN = re.compile(rf"(?<=\d)\s*\(\s*{SPELLED}\s*\)")

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4}
MONTH_WORDS = {
    "gieng": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "muoi mot": 11,
    "muoi hai": 12,
}
MONTH_WORD = r"(?:gieng|muoi\s+mot|muoi\s+hai|muoi|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin)"
WEEKDAYS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tu": 2, "4": 2, "nam": 3, "5": 3, "sau": 4, "6": 4}
WEEKDAYS |= {"bay": 5, "7": 5}

# Heavenly stems (index = year % 10) and earthly branches (year % 12), without diacritics.
# "Tý" (rat) and "Tỵ" (snake) both flatten to "ty": the stem's parity tells them apart.
CAN = ("canh", "tan", "nham", "quy", "giap", "at", "binh", "dinh", "mau", "ky")
CHI = ("than", "dau", "tuat", "hoi", "ty", "suu", "dan", "mao", "thin", "ty", "ngo", "mui")
CAN_WORD = r"(?:canh|tan|nham|quy|giap|at|binh|dinh|mau|ky)"
CHI_WORD = r"(?:than|dau|tuat|hoi|ty|suu|dan|mao|meo|thin|ngo|mui)"

# A date in any written form, for traps and for the "kể từ" base of relative periods.
DATE_ANY = (
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
    r"|\d{1,2}\s+thang\s+\d{1,2}(?:\s*(?:[/-]|,?\s*nam)\s*\d{4})?)"
)
_DATE_PARTS = re.compile(
    r"(?P<d>\d{1,2})\s*(?:(?P<sep>[/.-])\s*|\s+thang\s+)(?P<m>\d{1,2})"
    r"(?:\s*(?:[/.-]|,?\s*nam)\s*(?P<y>\d{4}|\d{2}))?"
)
# A document number with its symbol: 12/QĐ-UBND, 95/2014/NQ-HĐND, 71-KL/TU, 2221 /UBND-TH.
# "\d+[a-z0-9]*" would read the same numbers, but tries every split of a run of digits between
# its two parts: minutes on a long one.
DOC_NUMBER = r"\d+(?:[a-z][a-z0-9]*)?(?:[/-]\d+)*(?:\s?/\s?|-)[a-z][a-z0-9&.\-/]*"


# --------------------------------------------------------------------------------------------
# Deadline cues: the words before a phrase that make it a deadline.
# --------------------------------------------------------------------------------------------

_CUE = re.compile(
    r"""(?<![a-z])(?P<cue>
        (?:(?:hoan\s+thanh|xong|hoan\s+tat|ket\s+thuc)\s+)?
        (?:truoc
          |cham\s*nhat(?:\s+la|\s+den)?|muon\s+nhat(?:\s+la|\s+den)?
          |han\s+chot(?:\s+la)?|han\s+cuoi(?:\s+la)?
          |thoi\s+han(?:\s+(?:hoan\s+thanh|thuc\s+hien|xu\s+ly|bao\s+cao|gui))?(?:\s+la)?
          |thoi\s+gian\s+(?:hoan\s+thanh|thuc\s+hien)(?:\s+la)?
          |thoi\s+gian(?=\s*:)  # an item's field: "- Thời gian: Tháng 4/2024."
          |han(?:\s+(?:xu\s+ly|hoan\s+thanh))?
          |khong\s+(?:muon|cham)\s+hon|khong\s+qua|toi\s+da
          |trong(?:\s+vong|\s+thoi\s+han|\s+thoi\s+gian|\s+suot)?|ngay\s+trong
          |den\s+het|den|toi|vao
          |xong|hoan\s+thanh|hoan\s+tat|ket\s+thuc|sau
          # "báo cáo Chính phủ tại phiên họp thường kỳ tháng 8 năm 2015" (not "họp phiên
          # thường kỳ tháng 5": the meeting itself)
          |(?:bao\s+cao|trinh)\s[^.;:]{0,40}?(?<![a-z])thuong\s+ky)
      )(?:\s+(?:la|vao))?
      # "trước ngày Quốc khánh 2/9", "trước dịp lễ 30/4": the holiday named before its day.
      (?:(?<=truoc)(?:\s+(?:ngay|dip))*\s+(?:le|quoc\s+khanh)(?:\s+quoc\s+khanh)?)?
      # A plan's "Thời gian thực hiện: dự kiến quý IV/2024" is as firm as its "Thời gian: quý IV".
      (?:\s*:?\s*du\s+kien)?
      \s*:?\s*$""",
    re.VERBOSE,
)
_CUE_WINDOW = 60

# What the cue's head word means for the phrase that follows.
_BEFORE_CUES = ("truoc", "cham nhat", "muon nhat", "han", "thoi han", "khong muon", "khong cham")
_PERIOD_CUES = (
    *_BEFORE_CUES,
    "thoi gian",
    "trong",
    "ngay trong",
    "den het",
    "den",
    "toi",
    "vao",
    "xong",
    "hoan thanh",
    "hoan tat",
    "ket thuc",
    "bao cao",
    "trinh",
)
_RELATIVE_CUES = (
    "trong",
    "cham nhat",
    "muon nhat",
    "khong qua",
    "toi da",
    "sau",
    "thoi han",
    "han",
)


@dataclass(frozen=True)
class _Cue:
    start: int
    text: str  # the cue words, normalised spaces, without a leading verb

    def head(self, *prefixes: str) -> bool:
        return any(self.text == p or self.text.startswith(p + " ") for p in prefixes)

    @property
    def before(self) -> bool:
        return self.head(*_BEFORE_CUES)

    @property
    def strict_before(self) -> bool:
        # Only "trước" moves the date when before_is_inclusive is False: "chậm nhất ngày X" is X.
        return self.head("truoc", "khong muon", "khong cham")


_HOMOGRAPHS = {
    "trong": ("trong",),
    "toi": ("tới",),
    "den": ("đến",),
    "han": ("hạn",),
    "vao": ("vào",),
    "sau": ("sau",),
    "truoc": ("trước",),
    "xong": ("xong",),
}
_VERB = re.compile(r"^(?:hoan thanh|xong|hoan tat|ket thuc) (?=\S)")


def _cue_before(text: _Text, start: int) -> _Cue | None:
    window_start = max(0, start - _CUE_WINDOW)
    window = text.flat[window_start:start]
    # A cue belongs to its clause: never reach over a sentence or list boundary.
    boundary = max(window.rfind(c) for c in ".;\n!?")
    if boundary >= 0:
        window_start += boundary + 1
        window = window[boundary + 1 :]
    match = _CUE.search(window)
    if match is None:
        return None
    # A scan's "chậmnhất" is "chậm nhất".
    words = " ".join(match.group("cue").split()).replace("chamnhat", "cham nhat")
    bare = _VERB.sub("", words) or words
    if text.has_marks:
        # "trọng tâm", "tối", "đèn", "hàn": words that lose their accents into a cue.
        low = text.low[window_start + match.start("cue") : window_start + match.end("cue")].split()
        head_low = low[len(words.split()) - len(bare.split())]
        allowed = _HOMOGRAPHS.get(bare.split()[0])
        if allowed is not None and head_low not in allowed:
            return None
    return _Cue(start=window_start + match.start("cue"), text=bare)


# --------------------------------------------------------------------------------------------
# Calendar arithmetic.
# --------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, _cal.monthrange(year, month)[1])


def _clamped(year: int, month: int, day: int) -> _dt.date:
    return _dt.date(year, month, min(day, _cal.monthrange(year, month)[1]))


def _add_months(day: _dt.date, months: int) -> _dt.date:
    index = day.year * 12 + day.month - 1 + months
    return _clamped(index // 12, index % 12 + 1, day.day)


def _quarter_end(year: int, quarter: int) -> _dt.date:
    return _month_end(year, quarter * 3)


def _next_day_month(day: int, month: int, ref: _dt.date) -> _dt.date | None:
    """The next day/month on or after ref (29/02 waits for a leap year); None if impossible."""
    for year in range(ref.year, ref.year + 9):
        try:
            candidate = _dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= ref:
            return candidate
    return None


def _next_day_of_month(day: int, ref: _dt.date, *, clamp: bool = False) -> _dt.date | None:
    """The next "ngày D" of a month on or after ref: skipping months too short for D, or with
    clamp (a monthly duty's "ngày 30 hằng tháng") on their last day, as later periods are."""
    if not 1 <= day <= 31:
        return None
    for offset in range(0, 13):
        first = _add_months(ref.replace(day=1), offset)
        last = _cal.monthrange(first.year, first.month)[1]
        if day <= last or clamp:
            candidate = first.replace(day=min(day, last))
            if candidate >= ref:
                return candidate
    return None


def _canchi_matches(year: int, can: str, chi: str) -> bool:
    names = {"meo": "mao"}
    chi = names.get(chi, chi)
    return CAN[year % 10] == can and CHI[year % 12] == chi


# --------------------------------------------------------------------------------------------
# The phrase families.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    text: _Text
    ref: _dt.date
    calendar: WorkingCalendar
    inclusive: bool
    bare_ok: bool  # periods without a cue count (section headings)


@dataclass(frozen=True)
class _Candidate:
    start: int  # span of the phrase in the twins, cue included
    end: int
    core_start: int  # span of the phrase proper, which traps are checked against
    core_end: int
    kind: str
    date: _dt.date | None
    recurrence: str | None = None
    time: _dt.time | None = None
    cued: bool = False
    order: int = 0  # the family's place in the table, to break ties
    in_parens: int = 0  # 1 when the phrase sits inside "( ... )"
    reported: bool = False  # ends the sentence after "báo cáo/trình <recipient>"
    # In a clause of purpose ("... trước ngày 30/6 để đến ngày 1/7 ..."), or what others send
    # ("hồ sơ do các đơn vị gửi đến trước ngày 31/3"): not the task's own date.
    purpose: bool = False
    vague: bool = False  # "cuối năm" alone: yields to a day ("vào ngày 09/10 và ... cuối năm")
    past: bool = False  # before the issue date: overdue already, or what was due before
    schedule_day: int | None = None  # see Deadline
    schedule_working_day: int | None = None  # see Deadline

    @property
    def length(self) -> int:
        return self.end - self.start


Handler = Callable[[re.Match[str], _Context], "_Candidate | None"]


@dataclass(frozen=True)
class _Family:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    order: int = field(default=0)


def _sentence_start(flat: str, at: int) -> int:
    """Where the sentence (or list item) holding ``at`` begins."""
    return max(flat.rfind(stop, 0, at) for stop in ".;!?\n") + 1


def _whole(ctx: _Context, start: int, end: int) -> bool:
    """True when nothing but punctuation surrounds the span: the text is the phrase."""
    flat = ctx.text.flat
    return not any(c.isalnum() for c in flat[:start]) and not any(c.isalnum() for c in flat[end:])


# A cell that holds a time and nothing else: "Tháng 12/2023", "Quý IV năm 2023", "06/2023",
# "Thường xuyên" (a number alone, "98,5%", is a figure, not a time).
_TIME_CELL = re.compile(
    r"\W*(?:(?:thang|quy|nam|dau|giua|cuoi|het|[ivx]+|\d+)\W+)*"
    r"(?:(?:19|20)\d\d|thuong\s+xuyen)(?:\W+(?:thang|quy|nam|[ivx]+|\d+))*\W*"
)


def _table_cell(ctx: _Context, start: int, end: int) -> bool:
    """True when the span fills a cell of a table row written "a | b | c": a time column, the
    last of the row ("Tháng 3/2023 | Tháng 12/2023": a start and an end, due at the end)."""
    flat = ctx.text.flat
    if "|" not in flat:
        return False
    cell_start = flat.rfind("|", 0, start) + 1
    cell_end = flat.find("|", end)
    before = flat[cell_start:start]
    after = flat[end : len(flat) if cell_end < 0 else cell_end]
    later = [] if cell_end < 0 else flat[cell_end + 1 :].split("|")
    return not any(c.isalnum() for c in before + after) and not any(
        _TIME_CELL.fullmatch(cell) for cell in later
    )


# What a plan's closing bracket says when it names the money: "(nguồn ngân sách tỉnh, năm 2024)".
_FUNDS = re.compile(r"\s*(?:tu\s+)?(?:nguon|kinh\s+phi|von|ngan\s+sach)\b")


def _closing_bracket(ctx: _Context, start: int, end: int) -> bool:
    """True when the span ends the bracket that closes the text, alone or after who does it: a
    plan's item "Tổ chức tập huấn (Sở Tư pháp; quý II/2024)." is due then."""
    flat = ctx.text.flat
    close = flat.find(")", end)
    opening = flat.rfind("(", 0, start)
    if close < 0 or opening < 0 or flat[end:close].strip(" ,;."):
        return False
    if any(c.isalnum() for c in flat[close + 1 :]):
        return False
    inside = flat[opening + 1 : start]
    if _FUNDS.match(inside.split(";")[-1]) and re.fullmatch(r"(?:nam\s+)?\d{4}", flat[start:end]):
        return False  # "(nguồn ngân sách tỉnh, năm 2024)": whose money, and which year's
    return not inside.strip() or re.search(r"[;,]\s*$", inside) is not None


def _closing_field(ctx: _Context, start: int, end: int) -> bool:
    """True when the span is the last of a plan item's dashed fields, after its content and who
    does it: "Xây dựng phần mềm ... - Sở Y tế - Quý III/2025." ("giai đoạn 2021 - 2025" is a
    span of years, not a field)."""
    flat = ctx.text.flat
    fields = re.split(r"\s+-\s+", flat[:start] + "|")
    return (
        len(fields) >= 3
        and fields[-1] == "|"
        and not any(c.isalnum() for c in flat[end:])
        and not any(c.isdigit() for c in fields[-2])
    )


def _candidate(
    match: re.Match[str],
    ctx: _Context,
    kind: str,
    day: _dt.date | None,
    *,
    cue: _Cue | None = None,
    recurrence: str | None = None,
    time: _dt.time | None = None,
    cued: bool | None = None,
    core: tuple[int, int] | None = None,
    schedule_day: int | None = None,
    schedule_working_day: int | None = None,
) -> _Candidate:
    start = cue.start if cue is not None else match.start()
    core_start, core_end = core if core is not None else match.span()
    return _Candidate(
        start=start,
        end=match.end(),
        core_start=core_start,
        core_end=core_end,
        kind=kind,
        date=day,
        recurrence=recurrence,
        time=time,
        cued=cue is not None if cued is None else cued,
        schedule_day=schedule_day,
        schedule_working_day=schedule_working_day,
    )


def _low_word(ctx: _Context, match: re.Match[str], group: str) -> str:
    return ctx.text.low[match.start(group) : match.end(group)]


def _number(ctx: _Context, match: re.Match[str], group: str) -> int | None:
    """Read digits or a spelled number; refuse "sau"/"tu" unless written "sáu"/"tư"."""
    raw = " ".join(match.group(group).split())
    if raw.isdigit():
        return int(raw)
    words = raw.split()
    if "sau" in words or "tu" in words:
        low = _low_word(ctx, match, group)
        # "sau" is also *after* and "tu" also *from*: only the written diacritics settle it.
        if not ctx.text.has_marks or ("sau" in words and "sáu" not in low):
            return None
        if "tu" in words and "tư" not in low:
            return None
    if words[0] == "muoi":
        return 10 + (_UNIT_WORDS[words[1]] if len(words) > 1 else 0)
    if len(words) >= 2 and words[1] == "muoi":
        tens = _UNIT_WORDS[words[0]] * 10
        return tens + (_UNIT_WORDS[words[2]] if len(words) > 2 else 0)
    return _UNIT_WORDS.get(words[0])


# "trình Thủ tướng Chính phủ Quý II năm 2014.": a period that ends the clause right after the
# body a task is submitted to is when it is due.
_SUBMITTED_TO = re.compile(
    r"""\btrinh\s+(?:thu\s+tuong(?:\s+chinh\s+phu)?|chinh\s+phu|quoc\s+hoi|bo\s+truong
    |(?:chu\s+tich\s+)?(?:ubnd|uy\s+ban\s+nhan\s+dan|hdnd|hoi\s+dong\s+nhan\s+dan)
      (?:\s+(?:tinh|thanh\s+pho|huyen|thi\s+xa))?
    |(?:ban\s+thuong\s+vu\s+)?(?:tinh|thanh)\s+uy)\s*$""",
    re.VERBOSE,
)
_CLAUSE_END = re.compile(r"\s*(?:[.;]|$)")


def _submitted_by(ctx: _Context, match: re.Match[str]) -> bool:
    flat = ctx.text.flat
    return bool(_CLAUSE_END.match(flat, match.end())) and bool(
        _SUBMITTED_TO.search(flat, max(0, match.start() - 50), match.start())
    )


def _accepts_period(ctx: _Context, match: re.Match[str], cue: _Cue | None) -> bool:
    if cue is not None and cue.head(*_PERIOD_CUES):
        return True
    return (
        ctx.bare_ok
        or _whole(ctx, match.start(), match.end())
        or _table_cell(ctx, match.start(), match.end())
        or _closing_bracket(ctx, match.start(), match.end())
        or _closing_field(ctx, match.start(), match.end())
        or _submitted_by(ctx, match)
    )


def _time_of(match: re.Match[str]) -> _dt.time | None:
    if not match.groupdict().get("hh"):
        return None
    hour = int(match.group("hh"))
    minute = int(match.group("mi") or 0)
    if match.group("ap") in ("chieu", "toi") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return _dt.time(hour, minute)


def _year_word(word: str | None, ref: _dt.date) -> int | None:
    if word is None:
        return None
    if word.isdigit():
        year = int(word)
        return _nearest_century(year, ref) if year < 100 else year
    return ref.year if word == "nay" else ref.year + 1  # "năm nay" / "năm sau", "năm tới"


def _nearest_century(two_digits: int, ref: _dt.date) -> int:
    """A two-digit year in the century that puts it nearest ref: "15/03/99" in a 2024 directive
    is 1999 (a cited date), "15/3/25" is 2025; at an equal distance, the later (a deadline is
    ahead)."""
    year = ref.year - ref.year % 100 + two_digits
    return min((year - 100, year, year + 100), key=lambda y: (abs(y - ref.year), -y))


# -- explicit dates: "trước ngày 15/3/2023", "chậm nhất ngày 15 tháng 3", "trước 14 giờ ngày ..."

# "14 giờ", "14h30’", "17g00" (the southern "g"), "17:00", "11 giờ trưa".
_TIME = (
    r"(?:(?P<hh>\d{1,2})\s*(?:gio|h|g(?![a-z])|:(?=\d\d))"
    r"\s*(?:(?P<mi>\d{1,2})\s*(?:phut|p)?\s*['’]?\s*)?"
    r"(?P<ap>sang|chieu|trua|toi)?\s*,?\s*)"
)
# The hour a day is due by, where one is given before the day ("trước 16 giờ ngày 20 hằng tháng"):
# it stands before "ngày", so that its number is never read as the day.
_HOUR_OF_DAY = rf"(?:{_TIME}(?=ngay(?![a-z])))?"
# A number that is an hour ("16 giờ", "16h00"), not a day: no fallback may take it for the day.
_NOT_AN_HOUR = r"(?!\s*(?:gio|h)(?![a-z]))"
# A day in words ("ngày mười lăm", "ngày mùng năm"), only right after "ngày" (a group named
# "ngay" before it): anywhere else "một", "năm" are far more often "one" ("một số") and "year".
_SPELLED_DAY = rf"(?(ngay){SPELLED}|(?!))"
# A day named by its weekday too: "thứ Hai, ngày 04/02/2019", "Chủ nhật, ngày 10/02".
_WEEKDAY_OF = r"(?:(?:ngay\s+)?(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat)\s*,?\s*)?"
EXPLICIT_DATE = re.compile(
    rf"""(?<![\w/.,-])
    {_TIME}?
    {_WEEKDAY_OF}  # "trước thứ Sáu, ngày 15/3/2024": the cue is of the date
    (?P<ngay>ngay\s+(?:(?:mung|mong)\s+)?)?
    (?:
      (?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})
        (?:\s*(?P=sep)\s*(?P<y>\d{{4}}|\d{{2}})|\s*,?\s*nam\s+(?P<y4>\d{{4}}|nay|sau|toi))?
        (?![\d%]|\s*[/.-]\s*\d|,\d)
    | (?P<d2>\d{{1,2}}|{_SPELLED_DAY})\s+thang\s+
        (?P<m2>\d{{1,2}}|{MONTH_WORD}|toi|nay)(?![a-z])
        (?:(?:\s*[/-]\s*|\.)(?P<y2>\d{{4}})|\s*,?\s*nam\s+(?P<y3>\d{{4}}|nay|sau|toi))?
        (?![\d/])
    )""",
    re.VERBOSE,
)


# What follows a date in its clause can tell that the date is when something happened: an issuing,
# signing or meeting verb ("Ngày 21/02/2026 Ủy ban bầu cử tỉnh ban hành công văn ...", "sáng 3-2,
# Phó chủ tịch UBND tỉnh đã ký văn bản ..."), or a past-tense marker ("đã", "vừa", "vẫn chưa").
_ISSUING = re.compile(
    r"""(?<![a-z])(?:
        ban\s+hanh|phat\s+hanh
      | ky\s+(?:ban\s+hanh|van\s+ban|quyet\s+dinh|cong\s+van|cong\s+dien|thong\s+bao|chi\s+thi
            |ket\s+luan)
      | co\s+(?:cong\s+dien|cong\s+van|van\s+ban|bao\s+cao|quyet\s+dinh|thong\s+bao|to\s+trinh
            |chi\s+thi|ke\s+hoach|ket\s+luan)
      | to\s+chuc\s+(?:hoi\s+nghi|cuoc\s+hop|buoi|le|hop)
      | chu\s+tri\s+(?:hoi\s+nghi|cuoc\s+hop|buoi|hop)
      | (?:bao|bao\s+chi|bao\s+dien\s+tu|du\s+luan)\s+(?:[a-z]+\s+){0,3}?phan\s+anh
    )(?![a-z])""",
    re.VERBOSE,
)
_PAST_MARK = re.compile(r"(?<!\w)(?:đã|vừa|vẫn\s+chưa)(?!\w)")
# The clause a date belongs to ends at ";", a line break or a full stop (not the dot of "18.5").
_CLAUSE_END = re.compile(r"[;\n!?]|\.(?!\d)")
# "để", "nhằm": what follows is the purpose of the task, not a narrative.
_PURPOSE = re.compile(r"(?<!\w)(?:để|nhằm)(?!\w)|(?<![a-z])nham(?![a-z])")


def _clause_after(ctx: _Context, end: int, limit: int = 140) -> int:
    """The end of the clause that goes on at ``end`` (at most ``limit`` characters on)."""
    stop = _CLAUSE_END.search(ctx.text.flat, end, min(len(ctx.text.flat), end + limit))
    return stop.start() if stop else min(len(ctx.text.flat), end + limit)


# Words that may stand before a date that opens its clause: "Ngày 21/02/2026 ...", "Trước đó,
# ngày 30/1/2023, ...", "Vào lúc 10h00 ngày 21/7, ...", "Chiều nay 8/10/2020, ...".
_FRONT_LEAD = re.compile(
    r"\s*[-+*•]?\s*(?:(?:ngay|vao|luc|hom|nay|qua|sang|chieu|trua|toi|den|het)\s+)*"
    r"(?:\d{1,2}\s*(?:va|,|-)\s*)?\s*$"  # "Ngày 13 và 14 tháng 4 năm 2017, ..."
)


def _fronts_clause(ctx: _Context, start: int) -> bool:
    """Whether a date opens its clause (only time words between a boundary and it)."""
    flat = ctx.text.flat
    boundary = max(flat.rfind(c, 0, start) for c in ",;:\n(!?")
    # A news dateline: "Cổng thông tin điện tử tỉnh - Ngày 11/7, UBND tỉnh ban hành ...".
    dash = max(flat.rfind(" - ", 0, start), flat.rfind(" – ", 0, start))
    boundary = max(boundary, dash + 2 if dash >= 0 else -1)
    # "(ĐN)- Ngày 19-7, ...", "(Bgdif.com.vn) Ngày 02/8/2021, ..."
    paper = re.match(r"\s*\(\w{1,8}\)\s*[-–]|\s*\(\w+(?:\.\w+)+\)", flat)
    if paper is not None and paper.end() <= start:
        boundary = max(boundary, paper.end() - 1)
    full_stop = max((m.start() for m in re.finditer(r"\.(?!\d)", flat[:start])), default=-1)
    return _FRONT_LEAD.fullmatch(flat[max(boundary, full_stop) + 1 : start]) is not None


def _told_until(ctx: _Context, end: int) -> int:
    """Where the clause that goes on at ``end`` stops telling: its end, or its purpose ("để")."""
    stop = _clause_after(ctx, end)
    purpose = _PURPOSE.search(ctx.text.low, end, stop)
    return purpose.start() if purpose is not None else stop


def _narrated(ctx: _Context, start: int, end: int) -> bool:
    """Whether a date opens a clause that tells what happened on it (issued, signed, met, done);
    a date inside the predicate ("thực hiện đến ngày 30/9 các nhiệm vụ đã được giao") is not."""
    if not _fronts_clause(ctx, start):
        return False
    stop = _told_until(ctx, end)
    if _ISSUING.search(ctx.text.flat, end, stop):
        return True
    return ctx.text.has_marks and _PAST_MARK.search(ctx.text.low, end, stop) is not None


# "cho học sinh nghỉ học đến ngày 10/10", "tạm dừng hoạt động đến hết ngày 15/3", "áp dụng đến
# ngày ...": "đến" after a state is how long the state lasts, not by when a task is done.
_STATE_LOW = re.compile(
    r"""(?<!\w)(?:nghỉ|đóng\s+cửa|tạm\s+(?:dừng|ngừng|hoãn|đình\s+chỉ)|dừng|ngừng|cách\s+ly
      |phong\s+toả|phong\s+tỏa|giãn\s+cách|áp\s+dụng|duy\s+trì|hiệu\s+lực|có\s+giá\s+trị
      |treo\s+(?:cờ|băng\s*-?\s*(?:rôn|zôn)|khẩu\s+hiệu))(?!\w)""",
    re.VERBOSE,
)
_STATE_FLAT = re.compile(
    r"""(?<![a-z])(?:nghi\s+(?:hoc|lam|viec|le)|dong\s+cua|tam\s+(?:dung|ngung|hoan|dinh\s+chi)
      |cach\s+ly|phong\s+toa|gian\s+cach|ap\s+dung|duy\s+tri|hieu\s+luc|co\s+gia\s+tri
      |treo\s+(?:co|bang\s*-?\s*(?:ron|zon)|khau\s+hieu))(?![a-z])""",
    re.VERBOSE,
)
# What may stand between a state and "đến": the state's object, up to six words.
_STATE_OBJECT = re.compile(r"(?:\s+[^\s,;.:]+){0,6}\s*$")


_OBLIGATION_LOW = re.compile(r"(?<!\w)(?:phải|cần|hoàn\s+thành|hoàn\s+tất|xong)(?!\w)")
_OBLIGATION_FLAT = re.compile(r"(?<![a-z])(?:phai|can|hoan\s+thanh|hoan\s+tat|xong)(?![a-z])")


def _state_until(ctx: _Context, cue: _Cue | None) -> bool:
    """Whether "đến/tới (hết) X" ends a state (a closure, a suspension) rather than a task."""
    if cue is None or not cue.head("den", "toi"):
        return False
    start = max(0, cue.start - 60)
    boundary = max(ctx.text.flat.rfind(c, start, cue.start) for c in ",;:\n(")
    start = max(start, boundary + 1)
    twin = ctx.text.low if ctx.text.has_marks else ctx.text.flat
    words = _STATE_LOW if ctx.text.has_marks else _STATE_FLAT
    state = next(
        (
            m
            for m in words.finditer(twin, start, cue.start)
            if _STATE_OBJECT.match(twin[m.end() : cue.start])
        ),
        None,
    )
    if state is None:
        return False
    # "các cơ sở đã dừng hoạt động phải hoàn thành khắc phục đến ngày 30/6": a task after the
    # state is what "đến" ends.
    obligation = _OBLIGATION_LOW if ctx.text.has_marks else _OBLIGATION_FLAT
    return obligation.search(twin, state.start(), cue.start) is None


def _status_as_of(ctx: _Context, match: re.Match[str], cue: _Cue | None) -> bool:
    """ "Đến ngày 4.1, Sở ... vẫn chưa nhận được": a clause that opens with "đến ngày X," reports
    the state of things on X, unless it goes on with an obligation ("phải hoàn thành")."""
    if cue is None or not cue.head("den", "toi"):
        return False
    flat = ctx.text.flat
    before = flat[: cue.start].rstrip()
    if before and before[-1] not in ".;:\n-+*•(":
        return False
    if not re.match(r"\s*,", flat[match.end() :]):
        return False
    stop = _clause_after(ctx, match.end())
    if ctx.text.has_marks:
        return _OBLIGATION_LOW.search(ctx.text.low, match.end(), stop) is None
    return _OBLIGATION_FLAT.search(flat, match.end(), stop) is None


def _reported_until(ctx: _Context, cue: _Cue | None) -> bool:
    """ "Báo cáo tình hình sử dụng nguồn cải cách tiền lương đến hết ngày 31/3/2023": the day the
    figures run to, not the day the report is due."""
    if cue is None or not cue.head("den"):
        return False
    clause = ctx.text.flat[_sentence_start(ctx.text.flat, cue.start) : cue.start]
    return _REPORTED_STATE.search(clause) is not None


_REPORTED_STATE = re.compile(
    r"(?:^|[\s(])bao\s+cao\s+(?:cac\s+)?(?:tinh\s+hinh|ket\s+qua|so\s+lieu)\b"
    r"(?![^,;]*\b(?:gui|ve|truoc|cham\s+nhat)\b)"
)


def _explicit_date(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    cue = _cue_before(ctx.text, match.start())
    if cue is not None and cue.head("sau"):
        return None  # "sau ngày 15/3" is after a date, not a deadline
    named_last = cue is None and _NAMED_LAST_DAY.match(ctx.text.flat, match.end()) is not None
    if (
        (cue is None or cue.head("vao", "den", "toi"))
        and not named_last
        and _narrated(ctx, match.start(), match.end())
    ):
        return None  # "Ngày 21/02/2026 Ủy ban ... ban hành công văn": when it was issued
    if _state_until(ctx, cue) or _status_as_of(ctx, match, cue) or _reported_until(ctx, cue):
        return None
    if _LUNAR_AFTER.match(ctx.text.flat, match.end()):
        return None  # "ngày 15/8 âm lịch": a lunar day (LUNAR_DAY's), not the solar 15 August
    if _HOURS_AFTER.match(ctx.text.flat, match.end()):
        return None  # "trong 24 - 48 giờ tới": a range of hours, not the 24th of a 48th month
    if cue is not None and cue.head("den", "toi") and _daily_before(ctx, cue.start):
        return None  # "Trước 16h00 hàng ngày kể từ ngày 26/12 trở đi đến hết ngày 31/12 ..."
    has_year = any(match.group(y) for y in ("y", "y2", "y3", "y4"))
    introduced = bool(match.group("ngay") or match.group("hh")) or cue is not None
    if not (has_year or introduced or ctx.bare_ok or _whole(ctx, match.start(), match.end())):
        return None  # "12/15 chỉ tiêu": a bare d/m in running text is too weak a signal
    if match.group("sep") == "." and not (introduced or _whole(ctx, match.start(), match.end())):
        return None  # "3.485 USD", section numbers
    if (
        not match.group("ngay")
        and match.group("m2") in ("toi", "nay")
        and cue is not None
        and cue.head("trong")
    ):
        return None  # "trong 3 tháng tới" counts months; "trước 15 tháng tới" is a day
    if match.group("d"):
        day, month = int(match.group("d")), int(match.group("m"))
        year = _year_word(match.group("y") or match.group("y4"), ctx.ref)
    else:
        spelled_day = _number(ctx, match, "d2")
        named = _month_named(
            ctx, match, "m2", _year_word(match.group("y2") or match.group("y3"), ctx.ref)
        )
        if spelled_day is None or named is None:
            return None  # "ngày sau tháng ...", "ngày 10 tháng từ ...": no day or no month
        day, (month, year) = spelled_day, named
    due: _dt.date | None
    if year is None:
        due = _next_day_month(day, month, ctx.ref) if 1 <= month <= 12 and day >= 1 else None
    else:
        try:
            due = _dt.date(year, month, day)
        except ValueError:
            due = None
    if due is None:
        return _candidate(match, ctx, "impossible", None, cue=cue)
    if due < ctx.ref and not (cue is not None and cue.before) and not named_last:
        return None  # a past date without a deadline cue tells what happened, not what is due
    if due == ctx.ref and cue is None and not named_last:
        # "26/02/2021" alone, "Bình Định tập trung ... (25/6/2023)": the day of issue, written
        # with no cue, is the document's own date line, not a deadline.
        return None
    if (
        due < ctx.ref
        and year is not None
        and (
            _TOLD_OF.match(ctx.text.flat)
            or _EARLIER_LETTER.search(
                ctx.text.flat, _sentence_start(ctx.text.flat, match.start()), match.start()
            )
        )
    ):
        # "Ngày 09/02/2021, Bộ Y tế đã có Công văn số 949 ..., thời hạn gửi về Bộ Y tế trước
        # ngày 23/02/2021", "Cục C06 đã có Văn bản số 787/C06-P3 ... đề nghị Cục Đăng kiểm ban
        # hành hướng dẫn trước ngày 05/02/2026": an earlier letter's deadline, told of, past.
        return None
    # "trước 14 giờ ngày 15/3": "trước" is of the hour, so the day itself stays due.
    if cue is not None and cue.strict_before and not ctx.inclusive and not match.group("hh"):
        due -= _dt.timedelta(days=1)
    cued = True if named_last else None
    return _candidate(match, ctx, "date", due, cue=cue, time=_time_of(match), cued=cued)


def _month_named(
    ctx: _Context, match: re.Match[str], group: str, year: int | None
) -> tuple[int, int | None] | None:
    """The month written after "tháng" (a number, a word, "tới", "này") and its year, None where
    no month is named ("tháng từ ...")."""
    word = " ".join(match.group(group).split())
    written = _low_word(ctx, match, group)
    if word == "tu" and ctx.text.has_marks and "tư" not in written:
        return None
    if word in ("toi", "nay") or (word == "sau" and "sáu" not in written and year is None):
        # "trước ngày 10 tháng sau" (or "tháng tới"): the 10th of the month after, not of
        # June; "ngày 25 tháng này": of the letter's month.
        named = _add_months(ctx.ref.replace(day=1), 0 if word == "nay" else 1)
        return named.month, named.year
    return (int(word) if word.isdigit() else MONTH_WORDS[word]), year


# A sentence that opens by telling what a body did on a day: "Ngày 09/02/2021, Bộ Y tế đã có
# Công văn ...", "Ngày 23/11/2017, Sở Nội vụ ban hành Công văn ...".
_TOLD_OF = re.compile(
    r"\s*(?:[-+•]\s*)?(?:vao\s+)?ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\s*,"
    r"[^.;]{0,80}?(?<![a-z])(?:da|vua|ban\s+hanh|co\s+(?:cong\s+van|van\s+ban|thong\s+tu"
    r"|quyet\s+dinh|cong\s+dien|ke\s+hoach|thong\s+bao))(?![a-z])"
)
# A letter sent before this one, by number: "đã có Văn bản số 787/C06-P3", "vừa ban hành Công văn
# số 12".
_EARLIER_LETTER = re.compile(
    r"(?<![a-z])(?:da|vua)\s+(?:co|ban\s+hanh|gui)\s+(?:van\s+ban|cong\s+van|cong\s+dien"
    r"|thong\s+bao|ke\s+hoach|quyet\s+dinh|chi\s+thi)\s+so(?![a-z])"
)
# Hours after what looks like a day and a month: "dự báo trong 24-48 giờ tới".
_HOURS_AFTER = re.compile(r"\s*(?:gio|h|tieng)(?![a-z])")
# The cue after the date: "ngày 25/5/2017 là hạn cuối các trường ... hoàn thành".
_NAMED_LAST_DAY = re.compile(r"\s+la\s+(?:thoi\s+)?han\s+(?:cuoi|chot)(?![a-z])")


# -- a day of the current month: "báo cáo trước ngày 20"

# (Not "ngày 30 Tết", a lunar day: LUNAR_DAY's, or a custom's day, never the solar 30th.)
DAY_ONLY = re.compile(
    rf"""(?<![\w/.,-]){_HOUR_OF_DAY}ngay\s+(?P<d>\d{{1,2}})
    (?![\d%]|\s*(?:[/.-]\s*\d|thang|\(|tet(?![a-z])))""",
    re.VERBOSE,
)


def _day_only(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    if _DAYS_SHARING_A_MONTH.match(ctx.text.flat, match.end()):
        return None  # "Ngày 03 và 04/6/2024": the month is the next day's, read with it
    cue = _cue_before(ctx.text, match.start())
    if cue is None or not (cue.before or cue.head("vao")):
        return None
    due = _next_day_of_month(int(match.group("d")), ctx.ref)
    if due is None:
        return _candidate(match, ctx, "impossible", None, cue=cue)
    # "trước 16h00 ngày 20": "trước" is of the hour, so the day itself stays due.
    if cue.strict_before and not ctx.inclusive and not match.group("hh"):
        due -= _dt.timedelta(days=1)
    return _candidate(match, ctx, "date", due, cue=cue, time=_time_of(match))


_DAYS_SHARING_A_MONTH = re.compile(r"\s*(?:va|,)\s*(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}")


# -- a date range: "từ ngày 01/3 đến ngày 31/3/2023" is due at its end, if that is still ahead

DATE_RANGE = re.compile(
    rf"""(?:(?<![a-z])(?P<since>tu|bat\s+dau\s+tu)\s+{_WEEKDAY_OF}(?:ngay\s+)?
      # "nhận hồ sơ trong các ngày 23-24/6", "Trong 2 ngày (23-24/6), ...": the days named.
      |(?<![a-z])cac\s+ngay\s+|(?<=ngay\s\()\s*
      # A line of a schedule: "Ngày 8/7-17/7/2017: Các trường THPT nhận đơn phúc khảo ...".
      |(?:^|(?<=[\n.;]))\s*[-+*•]?\s*ngay\s+(?=[\d/.\s-]+:))
    # "18-19/6": one month's days.
    (?P<a>{DATE_ANY}|(?:(?<=ngay\s)|(?<=ngay\s\())\d{{1,2}}(?=\s*-\s*\d{{1,2}}\s*[/.])
      # "từ ngày 21 đến hết ngày 25-5-2021": the first day in the last one's month.
      |(?:(?<=tu\s)|(?<=ngay\s))\d{{1,2}}
        (?=\s*(?:den|toi)\s+(?:het\s+)?(?:ngay\s+)?\d{{1,2}}\s*[/.-]\s*\d{{1,2}}))
    \s*(?:den|toi|-)\s*(?:het\s+)?{_WEEKDAY_OF}(?:ngay\s+)?(?P<b>{DATE_ANY})(?![\d/])""",
    re.VERBOSE,
)


def _date_parts(text: str, ref: _dt.date) -> tuple[int, int, int | None] | None:
    parts = _DATE_PARTS.fullmatch(" ".join(text.split()))
    if parts is None:
        return None
    year = parts.group("y")
    return int(parts.group("d")), int(parts.group("m")), _year_word(year, ref)


def _date_range(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    end = _date_parts(match.group("b"), ctx.ref)
    if end is None:
        return None
    first = match.group("a")
    start = (int(first), end[1], end[2]) if first.isdigit() else _date_parts(first, ctx.ref)
    if start is None:
        return None
    # The range's year, when only one end states it, is the other end's too.
    year = end[2] or start[2] or ctx.ref.year
    try:
        due = _dt.date(year, end[1], end[0])
    except ValueError:
        return _candidate(match, ctx, "impossible", None)
    if (
        due < ctx.ref
        or _frames_clause(ctx, match)
        or _daily_in_sentence(ctx, match)
        or _hung_or_off(ctx, match.start())
    ):
        # A period already over ("từ ngày 1.1 đến ngày 6.7" in a July report), or one that sets the
        # time frame of its clause: claim the span so that its dates are not read as deadlines,
        # but give no deadline.
        return _candidate(match, ctx, "blocked", None)
    return _candidate(match, ctx, "date", due, cued=True, core=match.span("b"))


# How long flags and banners hang, or a holiday lasts: "treo cờ từ ngày 22-5 đến hết ngày 24-5",
# "thời gian treo băng rôn, khẩu hiệu từ ...", "được nghỉ Tết từ ... đến ...".
_RANGE_STATE = re.compile(
    r"(?<![a-z])(?:treo\s+(?:co|bang\s*-?\s*(?:ron|zon)|khau\s+hieu|pa\s*-?\s*no)"
    r"|(?:duoc\s+)?nghi\s+(?:tet|le|hoc|lien))(?![a-z])"
)
# Work done to them ("Tổ chức treo cờ ... từ ... đến ...", "Hoàn thành việc treo băng rôn ..."):
# the range is when the work is done.
_WORK_ON_STATE = re.compile(
    r"(?<![a-z])(?:to\s+chuc(?!\s+(?:chinh\s+tri|xa\s+hoi|doan\s+the|ca\s+nhan))|kiem\s+tra"
    r"|hoan\s+thanh|thao(?:\s+do)?|lap\s+dat|xu\s+ly|tap\s+huan|danh\s+gia|trien\s+khai"
    r"|chuan\s+bi)(?![a-z])"
)


def _hung_or_off(ctx: _Context, start: int) -> bool:
    """Whether a range is how long flags hang or a holiday lasts (what its clause says before
    it), not the time of work."""
    flat = ctx.text.flat
    clause = max(flat.rfind(c, 0, start) for c in ".;:\n") + 1
    state = _RANGE_STATE.search(flat, max(clause, start - 90), start)
    if state is None:
        return False
    if _WORK_ON_STATE.search(flat, state.end(), start) or _OBLIGATION_FLAT.search(
        flat, state.end(), start
    ):
        return False  # "treo cờ và hoàn thành báo cáo từ ... đến ...": work besides
    before = flat[max(clause, state.start() - 30) : state.start()]  # the verb that governs it
    return not _WORK_ON_STATE.search(before) or bool(
        re.search(r"thoi\s+gian\s+(?:thuc\s+hien\s+)?(?:viec\s+)?$", before)
    )


_DAILY = re.compile(r"(?<![a-z])(?:hang|moi|tung)\s+ngay(?![a-z])")


def _daily_before(ctx: _Context, cue_start: int) -> bool:
    """ "Trước 16h00 hàng ngày kể từ ngày 26/12 trở đi đến hết ngày 31/12": a daily duty's window
    ends there; "... tiêm chủng đến hết ngày 31/3, báo cáo trước 16h hàng ngày" is not one."""
    flat = ctx.text.flat
    clause = max(flat.rfind(mark, 0, cue_start) for mark in ",.;\n") + 1
    return _DAILY.search(flat, clause, cue_start) is not None


def _daily_in_sentence(ctx: _Context, match: re.Match[str]) -> bool:
    """ "báo cáo nhanh tình hình từng ngày trong dịp nghỉ Lễ (từ ngày 30 tháng 4 đến ngày 03
    tháng 5)": the range is when a daily report is made, which has no deadline."""
    flat = ctx.text.flat
    start = max(flat.rfind(mark, 0, match.start()) for mark in ".;\n") + 1
    ends = [i for i in (flat.find(mark, match.end()) for mark in ".;\n") if i >= 0]
    return _DAILY.search(flat, start, min(ends, default=len(flat))) is not None


# What may stand between the start of a clause and a range that frames it: "nên", "thì", ...
_FRAME_LEAD = re.compile(
    r"(?:^|[\n.;:!?(]|(?<![a-z])(?:nen|thi|vi\s+vay|do\s+do|theo\s+do|trong\s+thoi\s+gian))"
    r"\s*[-+*•]?\s*$"
)


# What holds over a period rather than gets done by its end: a duty, the weather, a measure.
_HELD_STATE = re.compile(
    r"(?<![a-z])(?:truc|ret|mua|nang\s+nong|nhiet\s+do|lu|gio|song|trieu\s+cuong|muc\s+nuoc"
    r"|xuat\s+hien|gian\s+cach|ap\s+dung|tam\s+dung|nghi|cam|phong\s+toa|cach\s+ly|treo\s+co"
    r"|duy\s+tri|thuong\s+xuyen|tang\s+cuong|tuan\s+tra|han\s+che|le\s+hoi|dien\s+ra)(?![a-z])"
)
# The same with their marks, where the text has them: "cầm" (gia cầm: poultry) is no "cấm", "nghị"
# (đề nghị) no "nghỉ".
_HELD_STATE_LOW = re.compile(
    r"(?<!\w)(?:trực|rét|mưa|nắng\s+nóng|nhiệt\s+độ|lũ|gió|sóng|triều\s+cường|mực\s+nước"
    r"|xuất\s+hiện|giãn\s+cách|áp\s+dụng|tạm\s+dừng|nghỉ|cấm|phong\s+toả|phong\s+tỏa|cách\s+ly"
    r"|treo\s+cờ|duy\s+trì|thường\s+xuyên|tăng\s+cường|tuần\s+tra|hạn\s+chế|lễ\s+hội|diễn\s+ra)(?!\w)"
)


def _frames_clause(ctx: _Context, match: re.Match[str]) -> bool:
    """ "Từ ngày 30/4 đến hết ngày 03/5, các đơn vị bố trí trực": a range that opens its clause
    and is closed by a comma sets when the clause holds (a duty period, a forecast), not by when
    a task is due; "tổ chức thực hiện từ ngày 01/3 đến ngày 31/3/2023" keeps its end date."""
    if not re.match(r"\s*,", ctx.text.flat[match.end() :]):
        return False
    before = ctx.text.flat[max(0, match.start() - 30) : match.start()]
    # "Theo Đài KTTV tỉnh, từ ngày 12-14/10, trên các sông xuất hiện lũ": after the source's
    # comma, the range opens the clause too.
    if _FRAME_LEAD.search(before) is None and not re.search(r",\s*$", before):
        return False
    # "Từ ngày 27-28/6, Sở phê duyệt danh sách ...": work over the days is done by the last.
    held, twin = (
        (_HELD_STATE_LOW, ctx.text.low) if ctx.text.has_marks else (_HELD_STATE, ctx.text.flat)
    )
    return held.search(twin, match.end(), _clause_after(ctx, match.end())) is not None


# -- months: "trong tháng 01/2023", "cuối tháng 3", "tháng 3 năm 2024", "trong tháng này"

MONTH = re.compile(
    # ("tuần đầu tiên của tháng 12": the first week.)
    rf"""(?<![a-z0-9])(?:(?P<pos>cuoi|het|dau|giua|(?:thuong|trung|ha)\s+tuan)(?:(?<=dau)\s+tien)?
      (?:\s+cua)?\s+)?thang
    (?:\s+(?P<m>\d{{1,2}}|{MONTH_WORD}|nay|toi|hien\s+tai)(?![a-z0-9]))?
    (?:\s*-\s*(?:thang\s+)?(?P<m_to>\d{{1,2}})(?![\d%]))?  # "tháng 4-6", "tháng 4 - tháng 6"
    (?:\s*(?:,|va|hoac)\s*(?:thang\s+(?P<m_last>\d{{1,2}}|{MONTH_WORD})(?![a-z0-9])
      |(?P<m_bare>\d{{1,2}})(?=\s*[/-]\s*\d{{4}}|\s*,?\s*nam\s+\d{{4}})))*
    # "tháng 3/2024", "tháng 3.2024" (a dot with no space: "tháng 3. 2024" ends a sentence)
    (?:(?:\s*[/-]\s*|\.)(?P<y>\d{{4}})|\s*,?\s*nam\s+(?P<y2>\d{{4}}|nay|sau|toi))?
    (?![\d/])""",
    re.VERBOSE,
)
# A plan's time column: "12/2019" alone in its cell is December 2019 (in running text, a month
# is written with "tháng"; "12/2019" there is a number, as of a document).
MONTH_CELL = re.compile(r"(?<![\w/.])(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})(?![\w/])")


# A plan's time column that spans years: "Năm 2025 - 2026", "2025-2026" (until the last one's
# end). Outside a table cell the same words are a horizon ("giai đoạn 2021-2025").
YEARS_CELL = re.compile(
    r"(?<![\w/.])(?:nam\s+)?(?P<first>\d{4})\s*[-–]\s*(?:nam\s+)?(?P<last>\d{4})(?![\w/])"
)


def _years_filling_a_cell(ctx: _Context, years: re.Match[str]) -> bool:
    cell = YEARS_CELL.search(ctx.text.flat, max(0, years.start() - 4), years.end())
    return cell is not None and _table_cell(ctx, cell.start(), cell.end())


def _years_cell(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    first, last = int(match.group("first")), int(match.group("last"))
    if not first < last <= first + 10 or not _table_cell(ctx, match.start(), match.end()):
        return None
    due = _dt.date(last, 12, 31)
    return None if due < ctx.ref else _candidate(match, ctx, "year", due, cued=True)


def _month_cell(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    month, year = int(match.group("m")), int(match.group("y"))
    if not 1 <= month <= 12 or not _table_cell(ctx, match.start(), match.end()):
        return None
    due = _month_end(year, month)
    return None if due < ctx.ref else _candidate(match, ctx, "month", due, cued=True)


# "đầu tháng 3" is its first ten days (thượng tuần): by the 10th; "giữa tháng 3" its middle, the
# 15th (not the 20th, the end of the middle ten days: an officer reads mid-March as the 15th, and
# the earlier day never lets a reminder come after the deadline meant). "Đầu năm", "giữa năm",
# "đầu quý" have no such customary days (January? the first quarter? before Tết?): no date.
# The month's thirds by name: "thượng tuần" (the first ten days), "trung tuần" (by the 20th), "hạ
# tuần" (its end).
_POSITION_DAY = {"dau": 10, "giua": 15, "thuong tuan": 10, "trung tuan": 20}
# How many of the first days: "15 ngày đầu tháng 3", "tuần đầu tháng 3" (a week), "2 tuần
# đầu tháng 3" (two).
_FIRST_DAYS = re.compile(
    r"(?<![a-z0-9])(?:(?P<n>[1-9]|[12]\d)\s+ngay|(?:(?P<weeks>[1-4]|hai|ba|bon)\s+)?tuan)\s+$"
)
_POSITION_KIND = {
    "dau": "early_month",
    "thuong tuan": "early_month",
    "giua": "mid_month",
    "trung tuan": "mid_month",
}


def _written(ctx: _Context, match: re.Match[str], flat_word: str, low_word: str) -> bool:
    """Whether the first flat_word of the match is written low_word (when diacritics are used)."""
    if not ctx.text.has_marks:
        return True
    at = ctx.text.flat.find(flat_word, match.start(), match.end())
    written = ctx.text.low[at : at + len(low_word)]
    return at >= 0 and low_word in (written, _OLD_SPELLINGS.get(written))


# The words "quy" opens where it is not "quý" (a quarter): quy định, quy chế, quy trình ...
_NOT_A_QUARTER = re.compile(
    r"\s+(?:dinh|che|hoach|trinh|mo|chuan|tac|luat|uoc|pham|doi|cach|tu|nap|trach|ket)(?![a-z])"
)


def _quarter_at(ctx: _Context, at: int) -> bool:
    """Whether the "quy" at ``at`` is "quý", a quarter: so written, where diacritics are used;
    without them, unless a word follows that makes it another ("moi quy dinh": mọi quy định)."""
    if ctx.text.has_marks:
        return ctx.text.low[at : at + 3] in ("quý", "quí")
    return _NOT_A_QUARTER.match(ctx.text.flat, at + 3) is None


# "trong tháng 10 vừa qua, ... 40 hồ sơ trễ hạn": a period just past, told of, never due.
# ("..., vừa qua UBND tỉnh đã ...": after a comma, a clause of what was done lately.)
_JUST_PAST = re.compile(r"\s*(?:vua\s+(?:qua|roi)(?![a-z])|da\s+qua(?=\s*(?:[,.;:)]|$)))")


def _just_past(ctx: _Context, match: re.Match[str]) -> _Candidate | None:
    """The period claimed with no date, when words after it say it is over."""
    if _JUST_PAST.match(ctx.text.flat, match.end()):
        return _candidate(match, ctx, "blocked", None)
    return None


# "đã xảy ra", "vừa qua" tell what happened; "các nhiệm vụ đã được giao" names the work to do.
_TOLD_MARK = re.compile(r"(?<!\w)(?:đã|vừa|vẫn\s+chưa)(?!\s+(?:được|đề\s+ra)(?!\w))(?!\w)")


def _month_told(ctx: _Context, start: int, end: int) -> bool:
    """Whether "Trong tháng X, ..." opens a clause that tells what happened in that month: its
    verb is marked past. A plan's "Trong tháng 6, Sở ... tổ chức hội nghị ..." is work due."""
    if not ctx.text.has_marks or not _fronts_clause(ctx, start):
        return False
    return _TOLD_MARK.search(ctx.text.low, end, _told_until(ctx, end)) is not None


def _month(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    word = " ".join((match.group("m") or "").split())
    pos = " ".join((match.group("pos") or "").split()) or None
    if not word and not pos:
        return None
    if past := _just_past(ctx, match):
        return past
    if ctx.text.flat[: match.start()].rstrip()[-1:].isdigit():
        return None  # "05 tháng 3" is a date, "03 tháng" a duration: other families own those
    if not _written(ctx, match, "thang", "tháng"):
        return None  # "thắng", "thang"
    cue = _cue_before(ctx.text, match.start())
    if not pos and not _accepts_period(ctx, match, cue):
        return None
    if _state_until(ctx, cue):
        return None  # "nghỉ học đến hết tháng 3": how long a closure lasts
    if (
        cue is not None
        and ctx.text.flat.startswith("trong ", cue.start)
        and _month_told(ctx, cue.start, match.end())
    ):
        return None  # "Trong tháng 11 năm 2025, do mưa, lũ lớn ... đã xảy ra ...": what happened
    if _PERIODS_AFTER.match(ctx.text.flat, match.end()):
        return None  # "các nhiệm vụ trong tháng 5 và các tháng tiếp theo": from then on
    ref = ctx.ref
    year = _year_word(match.group("y") or match.group("y2"), ref)
    if word in ("", "nay", "hien tai"):
        month, year = ref.month, ref.year
    elif word == "toi" or (word == "sau" and "sáu" not in _low_word(ctx, match, "m")):
        following = _add_months(ref.replace(day=1), 1)  # "tháng sau", "tháng tới": next month
        month, year = following.month, following.year
    else:
        if word == "tu" and ctx.text.has_marks and "tư" not in _low_word(ctx, match, "m"):
            return None
        month = int(word) if word.isdigit() else MONTH_WORDS[word]
        if match.group("m_to"):
            month = int(match.group("m_to"))  # "tháng 3-4/2023" runs to the end of April
        if last := match.group("m_bare") or match.group("m_last"):
            # "trong tháng 11, tháng 12 năm 2025", "Tháng 11, 12/2025": the cue and the year are
            # shared, the work runs to the end of the last month named.
            last = " ".join(last.split())
            month = int(last) if last.isdigit() else MONTH_WORDS[last]
        if not 1 <= month <= 12:
            return _candidate(match, ctx, "impossible", None, cue=cue)
    day = _POSITION_DAY.get(pos or "")
    if pos == "dau" and (first := _FIRST_DAYS.search(ctx.text.flat, 0, match.start())):
        # "trong 15 ngày đầu tháng 3": by the 15th; "tuần đầu tháng 3": by the 7th.
        weeks = _number(ctx, first, "weeks") if first.group("weeks") else 1
        day = min(int(first.group("n")) if first.group("n") else 7 * (weeks or 1), 28)
    kind = _POSITION_KIND.get(pos or "", "month")
    if year is None:
        # The next such month that has not ended before ref: "đầu tháng 3" in a letter of 20
        # March is this March's (late), not next year's.
        year = ref.year if _month_end(ref.year, month) >= ref else ref.year + 1
    due = _month_end(year, month) if day is None else _dt.date(year, month, day)
    if cue is not None and (
        (cue.head("truoc") and pos in (None, "dau")) or (cue.strict_before and not ctx.inclusive)
    ):
        # "trước tháng 10", "trước đầu tháng 4": before the month begins, the end of the one
        # before (as both blind labellers read it); only a day named ("trước ngày 15/3") is that
        # day itself by default, and "trước cuối tháng 6" is the end of June.
        due, kind = _dt.date(year, month, 1) - _dt.timedelta(days=1), "month"
    if due < ref and not (cue is not None and cue.before):
        return None
    return _candidate(match, ctx, kind, due, cue=cue, cued=cue is not None or bool(pos))


# -- quarters: "quý I/2023", "trong quý II năm 2024", "quý 3", "cuối quý"

QUARTER = re.compile(
    r"""(?<![a-z0-9])(?:(?P<pos>cuoi|het)\s+)?quy
    # "quý 02/2024": a quarter may be written as months are, with a leading zero.
    (?:\s+(?P<q>iv|iii|ii|i|0?[1-4]|mot|hai|ba|bon|tu|nay|toi|sau)(?![a-z0-9]))?
    (?:\s*-\s*(?P<q2>iv|iii|ii|i|0?[1-4])(?![a-z0-9]))?
    # "quý III, IV", "quý II và III": a bare numeral only in Roman figures of two or more
    # letters ("quý I, 2 huyện ..." counts districts).
    (?:\s*(?:,|va|hoac|-|den)\s*(?:quy\s+|(?=(?:iv|iii|ii)(?![a-z0-9])))
      (?P<q_last>iv|iii|ii|i|0?[1-4])(?![a-z0-9]))*
    (?:\s*[/-]\s*(?P<y>\d{4})|\s*,?\s*(?:nam\s+)?(?P<y2>\d{4})|\s+nam\s+(?P<yrel>nay|sau|toi))?
    (?![\d/])""",
    re.VERBOSE,
)


def _quarter(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    word, pos = match.group("q"), match.group("pos")
    if word is None and pos is None:
        return None
    if not _quarter_at(ctx, ctx.text.flat.find("quy", match.start(), match.end())):
        return None  # "quy định", "quy mô": another word
    if past := _just_past(ctx, match):
        return past
    cue = _cue_before(ctx.text, match.start())
    if not pos and not _accepts_period(ctx, match, cue):
        return None
    ref = ctx.ref
    current = (ref.month - 1) // 3 + 1
    year = _year_word(match.group("y") or match.group("y2") or match.group("yrel"), ref)
    if word in (None, "nay"):
        quarter, year = current, ref.year
    elif word in ("toi", "sau"):
        quarter, year = (current % 4) + 1, ref.year + (current == 4)
    else:
        if word == "tu" and ctx.text.has_marks and "tư" not in _low_word(ctx, match, "q"):
            return None
        # "quý II-III/2023" runs to the end of its last quarter.
        last = match.group("q_last") or match.group("q2") or word  # "quý I và quý II": II
        quarter = ROMAN.get(last) or QUARTER_WORDS.get(last) or int(last)
    if year is None:
        year = ref.year if _quarter_end(ref.year, quarter) >= ref else ref.year + 1
    due = _quarter_end(year, quarter)
    if cue is not None and (
        (cue.head("truoc") and not match.group("pos")) or (cue.strict_before and not ctx.inclusive)
    ):
        due = _dt.date(year, quarter * 3 - 2, 1) - _dt.timedelta(days=1)  # as "trước tháng"
    if due < ref and not (cue is not None and cue.before):
        return None
    return _candidate(match, ctx, "quarter", due, cue=cue, cued=cue is not None or bool(pos))


# -- parts of a year: "6 tháng đầu năm", "9 tháng đầu năm 2024", "nửa cuối năm", "cuối năm"

HALF_YEAR = re.compile(
    r"""(?<![a-z0-9])(?:
        (?P<n>\d{1,2}|sau|chin|ba)\s+thang\s+(?P<side>dau|cuoi)\s+nam
      | nua\s+(?P<side2>dau|cuoi)\s+nam
      | (?P<end>cuoi|het)\s+nam
    )(?:\s*,?\s*(?:nam\s+)?(?P<y>\d{4})|\s+(?P<yrel>nay|sau|toi))?(?![\d/])""",
    re.VERBOSE,
)


_LUNAR_YEAR_NAMED = re.compile(rf"\s+{CAN_WORD}\s+{CHI_WORD}(?![a-z])")


def _half_year(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    cue = _cue_before(ctx.text, match.start())
    ref = ctx.ref
    if match.group("end"):
        if _LUNAR_YEAR_NAMED.match(ctx.text.flat, match.end()):
            return None  # "01 ngày cuối năm Ất Tỵ": the lunar year's last days, before Tết
        if _TARGET_AFTER.match(ctx.text.flat, match.end()):
            return None  # "Đến hết năm 2030: Có ≥ 60% doanh nghiệp ...": a target, not work due
        months, kind = 12, "year"
    else:
        if not _accepts_period(ctx, match, cue):
            return None
        side = match.group("side") or match.group("side2")
        if match.group("n"):
            count = _number(ctx, match, "n")
            if count is None or not 1 <= count <= 12:
                return None
        else:
            count = 6
        months, kind = (count if side == "dau" else 12), "half_year"
    year_word = match.group("y") or match.group("yrel")
    year = _year_word(year_word, ref)
    if year is None:
        year = ref.year if _month_end(ref.year, months) >= ref else ref.year + 1
    due = _month_end(year, months)
    if due < ref and not (cue is not None and cue.before):
        return None
    candidate = _candidate(match, ctx, kind, due, cue=cue, cued=True)
    vague = bool(match.group("end")) and cue is None and year_word is None
    return replace(candidate, vague=True) if vague else candidate


# -- years: "trong năm 2023", "năm 2024" (bare), "trong năm nay"

YEAR = re.compile(
    r"""(?<![a-z0-9])nam
    (?:\s+(?P<y>\d{4}|nay|sau|toi)(?![\d/]|\s*-\s*\d)
      |(?=\s*[,.;:)]|\s*$))""",
    re.VERBOSE,
)


_HORIZON_YEARS = 10
# "trong năm 2025 và các năm tiếp theo", "trong tháng 5 và các tháng tiếp theo": from then on.
_PERIODS_AFTER = re.compile(
    r"\s*(?:va\s*(?:cac|nhung)\s+(?:nam|thang|quy)|,\s*(?:cac|nhung)\s+nam)\s+(?:tiep\s+theo|sau|toi)\b"
)


# A plan's target for a year: "Đến hết năm 2025: Có ≥30% doanh nghiệp ứng dụng ...", "... đạt 95%".
_TARGET_AFTER = re.compile(
    r"\s*:\s*(?:co|dat|phan\s+dau)?\s*(?:≥|>=|≤|<=|tren|toi\s+thieu)?\s*\d[\d.,]*\s*%"
)


# A holiday named before a year: "tết Âm lịch năm 2026", "lễ Quốc khánh năm 2026".
_OCCASION_BEFORE = re.compile(
    r"(?<![a-z])(?:tet(?:\s+(?:am\s+lich|duong\s+lich|nguyen\s+dan|co\s+truyen))?"
    r"|(?:nghi\s+)?le\s+(?:quoc\s+khanh|gio\s+to|giai\s+phong)|quoc\s+khanh)"
    r"(?:\s+[a-z]+){0,2}\s*$"
)


def _year(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    if not _written(ctx, match, "nam", "năm"):
        return None  # "Việt Nam", "miền Nam"
    cue = _cue_before(ctx.text, match.start())
    if cue is not None and cue.head("den", "toi"):
        return None  # "đến năm 2030": a horizon, not a deadline ("đến hết năm" is one)
    if not _accepts_period(ctx, match, cue):
        return None
    if match.group("y") is None and not (cue is not None and cue.head("trong", "ngay trong")):
        return None  # a lone "năm" only means "this year" in "trong năm"
    if cue is None and _OCCASION_BEFORE.search(
        ctx.text.flat, max(0, match.start() - 40), match.start()
    ):
        return None  # "phương án nghỉ tết Âm lịch, nghỉ lễ Quốc khánh năm 2026": the holiday's year
    year = _year_word(match.group("y"), ctx.ref) or ctx.ref.year
    due = _dt.date(year, 12, 31)
    if due < ctx.ref and not (cue is not None and cue.before):
        return None  # "kết quả năm 2022": the past
    if year - ctx.ref.year >= _HORIZON_YEARS:
        return None  # "giảm phát thải ròng bằng 0 vào năm 2050": a goal, not a due date
    if _PERIODS_AFTER.match(ctx.text.flat, match.end()):
        return None  # "trong năm 2025 và các năm tiếp theo": from then on
    if _TARGET_AFTER.match(ctx.text.flat, match.end()):
        return None  # "Năm 2026: đạt 95% ...": a target
    if cue is not None and (cue.head("truoc") or (cue.strict_before and not ctx.inclusive)):
        due = _dt.date(year - 1, 12, 31)  # "trước năm 2025": by the end of 2024
    return _candidate(match, ctx, "year", due, cue=cue)


# -- relative periods: "trong 05 ngày làm việc", "trong vòng 10 ngày", "trong 02 tuần", ...

_SINCE_WORD = (
    r"(?:ky|ban\s+hanh|nhan\s+duoc|nhan|van\s+ban|cong\s+van|thong\s+bao|chi\s+thi|quyet\s+dinh"
    r"|ke\s+hoach|ket\s+luan|y\s+kien|chi\s+dao|nay|nay\.|cua|ubnd|tinh|co|duoc|hop|cuoc\s+hop)"
)
_FULL_DATE = (
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s*,?\s*nam\s+\d{4}"
)
RELATIVE = re.compile(
    rf"""(?<![\w/.,])(?P<n>{NUMBER})(?:\s*\((?P<nw>[a-z\s]+)\))?\s*
    (?P<unit>ngay(?P<wd>\s+lam\s+viec)?|tuan(?:\s+le)?|thang|gio(?P<wh>\s+lam\s+viec)?|tieng|h)(?![a-z])
    # ("lam viec" after a bare "ngày" or "giờ": the working-day unit must take it.)
    (?!\s*(?:\d|[/-]\s*\d|(?:dau|cuoi)\s+nam|mot\s+lan|1\s+lan|qua\b|vua\s+qua|gan\s+day|truoc\b|lam\s+viec\b
        |lien\s+tiep|lien\s+tuc|gan\s+nhat|vuot\b|tro\s+lai))
    (?P<since>\s*,?\s*(?:ke\s+tu|tinh\s+tu)\s+(?:ngay\s+)?
      (?:(?P<base>{_FULL_DATE})|{_SINCE_WORD}(?:\s+{_SINCE_WORD})*))?""",
    re.VERBOSE,
)


# "Kể từ ngày 15/3/2023, trong 30 ngày ...": the base written before the period.
_BASE_BEFORE = re.compile(rf"(?:ke|tinh)\s+tu\s+(?:ngay\s+)?(?P<base>{_FULL_DATE})\s*,?\s*$")

# (And a watch kept so long: "theo dõi sức khỏe trong 14 ngày", "cách ly trong 21 ngày".)
_DURATION = re.compile(
    r"(?:dien\s+ra|keo\s+dai|hop|nghi|theo\s+doi(?:\s+suc\s+khoe)?|cach\s+ly(?:\s+tai\s+nha)?)\s*$"
)
_MONTHS_LEFT_OF_QUARTER = re.compile(
    r"\s+(?:con\s+lai\s+cua\s+quy|cuoi\s+quy)(?:\s+(?P<q>iv|iii|ii|i|[1-4])(?![a-z\d]))?"
    r"(?:\s*/\s*(?P<y>\d{4})|\s+nam\s+(?P<y2>\d{4}))?(?!\s+(?:hang|moi)\s+nam)"
)
# ("... còn lại của quý I", "của năm học", "của nhiệm kỳ" are other periods.)
_MONTHS_LEFT = re.compile(
    r"\s+(?:con\s+lai(?:\s+(?:cua\s+)?nam(?!\s+(?:hoc|\d)))?(?!\s+(?:cua|trong)(?![a-z]))"
    r"|cuoi\s+nam(?!\s+(?:hoc|\d)))(?![a-z])"
)

# "kể từ ngày nhận được ý kiến thẩm định", "từ khi phát hiện", "sau khi HĐND tỉnh phê chuẩn":
# counted from an event whose date the document does not give. Receiving or signing this
# document is not such an event.
_EVENT_BASE = re.compile(
    r"""\s*,?\s*(?:
      # "05 ngày làm việc sau Tết": the holiday's end, not this document.
      sau\s+(?:(?:ky\s+)?nghi\s+)?tet(?![a-z])
    | (?:(?:ke\s+tu|tinh\s+tu)\s+(?:ngay|khi|thoi\s+diem)|tu\s+(?:khi|thoi\s+diem)
        |sau\s+(?:ngay|khi))\s+
    (?!(?:nhan\s+duoc\s+|nhan\s+|co\s+)?(?:van\s+ban|cong\s+van|thong\s+bao|chi\s+thi
        |quyet\s+dinh|ke\s+hoach|ket\s+luan|y\s+kien\s+chi\s+dao|cong\s+dien|huong\s+dan|nay)
        # ("kể từ ngày có quyết định thu hồi đất", "ngày Kế hoạch được phê duyệt": another's.)
        (?!\s+(?:thu\s+hoi|giao\s+dat|cho\s+thue|boi\s+thuong|xu\s+phat|cuong\s+che
            |sap\s+nhap|hop\s+nhat|giai\s+the|thanh\s+lap|bo\s+nhiem
            |(?:duoc\s+)?phe\s+duyet|co\s+hieu\s+luc|thanh\s+tra(?!\s+nay)|ket\s+qua
            # "văn bản đề nghị của UBND huyện", "thông báo kiểm tra": another's, to come.
            |de\s+nghi|kiem\s+tra|yeu\s+cau|kien\s+nghi|phan\s+anh|giai\s+trinh|bao\s+cao
            # "kể từ ngày văn bản quy phạm pháp luật có hiệu lực": a law's, not this letter.
            |quy\s+pham))
        |ky\b|ban\s+hanh|\d))""",
    re.VERBOSE,
)


# "UBND các huyện khi phát hiện ổ dịch phải tiêu hủy lợn bệnh trong vòng 24 giờ": counted from
# the event the clause before names.
_WHEN_EVENT = re.compile(
    r"(?<![a-z])(?:khi|ngay\s+sau\s+khi|sau\s+khi)\s+(?:co\s+)?(?:phat\s+hien|xay\s+ra|xuat\s+hien"
    r"|phat\s+sinh|co\s+(?:ca\s+benh|dich|su\s+co))(?![a-z])"
    # "Sau khi Đoàn kết thúc kiểm tra, trong vòng 05 ngày làm việc ...": an end not dated here.
    r"|(?<![a-z])sau\s+khi\s+[^,;.]{0,60}?\b(?:ket\s+thuc|hoan\s+thanh|co\s+ket\s+qua"
    r"|duoc\s+phe\s+duyet)(?![a-z])"
)


# "Thời hạn kiểm tra không quá 10 ngày làm việc theo quy định tại điểm b Khoản 2 Điều 13 ...":
# how long a procedure of the law may take, from whenever it starts.
# (The clause may end there, the sentence going on: "... 15 ngày theo quy định; tiếp nhận ...".)
_STATUTORY = re.compile(r"\s*,?\s*(?:\([^()]*\)\s*)?theo\s+quy\s+dinh(?:\s+tai\b|\s*(?:[.;]|$))")
# "Trong 2 ngày (23-24/6)", "treo cờ trong 5 ngày, từ ngày 12-10-2015 đến hết ngày 16-10-2015":
# the days the span runs over, named right after it.
_NAMED_DAYS = re.compile(
    r"\s*(?:\(\s*(?:tu\s+)?|[,:]\s*tu\s+)(?:ngay\s+)?\d{1,2}"
    r"(?:\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?)?\s*(?:-|den(?:\s+het)?)\s*(?:ngay\s+)?\d{1,2}"
    r"\s*[/.-]\s*\d{1,2}"
)
# "trong 30 ngày (từ ngày 15/3/2023)": the day the count starts from, in brackets.
_BASE_IN_BRACKETS = re.compile(
    rf"\s*\(\s*(?:ke\s+|tinh\s+)?tu\s+(?:ngay\s+)?(?P<base>{_FULL_DATE})\s*\)"
)
_EVENT_DAY = re.compile(rf"[^().;]{{0,80}}?\(\s*(?:ngay\s+)?(?P<base>{_FULL_DATE})\s*\)")
# "thời gian gia hạn không quá 15 ngày": how long an extension may be.
# How long an extension may be: "gia hạn không quá 10 ngày", "gia hạn một lần không quá 12
# tháng", "thời gian gia hạn tối đa không quá 02 ngày".
_EXTENSION_LENGTH = re.compile(r"(?<![a-z])gia\s+han\b[^,.;:]{0,40}$")


# A count of hours is a span to work in only after "trong", "không quá", "tối đa" (or before "kể
# từ ..."): "trước 14 giờ" is a time of day, and so is "trong 14 giờ ngày 5/3" or "2 giờ sáng".
_HOURS_CUES = ("trong", "khong qua", "toi da")
_WORKING_HOURS = 8  # a civil servant's working day (Bộ luật Lao động: 8 hours)
_HOUR_OF_A_DAY = re.compile(
    r"\s*,?\s*(?:ngay|sang|chieu|trua|toi|dem|hom|tiep\s+theo|sap\s+toi)(?![a-z])"
)
# "mưa trên 100mm trong 3 giờ", "lượng mưa trong 24 giờ": a rate (rainfall in so many hours),
# not a duty's span.
# "mưa 100mm trong 3 giờ", "lượng mưa trong 24 giờ"; "kết quả xét nghiệm âm tính với SARS-CoV-2
# trong vòng 72 giờ": how recent a test must be.
_MEASURED = re.compile(
    r"\d\s*(?:mm|cm|km|m|%)\s*$|(?<![a-z])luong\s+mua\s*$"
    r"|(?<![a-z])ket\s+qua\s+xet\s+nghiem\b[^.;:]{0,60}$"
)


def _hours_are_a_span(match: re.Match[str], ctx: _Context, cue: _Cue | None) -> bool:
    """Whether "N giờ" is a span a duty must be done in ("trong vòng 48 giờ"), not an hour."""
    # "tiếng" is the spoken word for hours ("trong 72 tiếng").
    if ctx.text.has_marks and not ctx.text.low.startswith(
        ("giờ", "tiếng", "h"), match.start("unit")
    ):
        return False
    if not (match.group("since") or (cue is not None and cue.head(*_HOURS_CUES))):
        return False
    opening = ctx.text.flat[: cue.start if cue is not None else match.start()]
    return not (_HOUR_OF_A_DAY.match(ctx.text.flat, match.end()) or _MEASURED.search(opening))


# A count chosen before "trong": "nghỉ 01 trong 02 ngày" picks among, it gives no time ("Chỉ thị
# số 05 trong 30 ngày", "Điều 15 trong 10 ngày": a name's number, the days a span).
_ONE_OF = re.compile(r"(?<![a-z])(?:nghi(?:\s+(?:bu|them))?|chon)\s+\d{1,3}\s+$")


_TURNAROUND = re.compile(
    r"(?<![a-z])tra\s+ket\s+qua(?:\s+xet\s+nghiem)?(?:\s+cho\s+[a-z\s]{1,30})?\s*$"
)
_DAYS_OFF = re.compile(r"\s+nghi\s+(?:le|tet|he)(?![a-z])")


def _relative(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    cue = _cue_before(ctx.text, match.start())
    hours = match.group("unit") in ("gio", "tieng", "h") or bool(match.group("wh"))
    if hours and not _hours_are_a_span(match, ctx, cue):
        return None
    cued = cue is not None and cue.head(*_RELATIVE_CUES)
    if not (cued or match.group("since") or _whole(ctx, match.start(), match.end())):
        return None  # "họp 2 ngày": a duration, not a deadline
    if cue is not None and _DURATION.search(ctx.text.flat[max(0, cue.start - 25) : cue.start]):
        return None  # "hội nghị diễn ra trong 2 ngày": how long, not by when
    if cue is not None and _TURNAROUND.search(ctx.text.flat, max(0, cue.start - 40), cue.start):
        return None  # "bảo đảm trả kết quả trong vòng 24 giờ": how fast, each time
    if (
        cue is not None
        and cue.head("trong")
        # (the last words before the cue only: a long text is not searched again for each phrase)
        and _ONE_OF.search(ctx.text.flat, max(0, cue.start - 30), cue.start)
    ):
        return None  # "lựa chọn nghỉ 01 trong 02 ngày": one of two days, not within two
    count = _number(ctx, match, "n")
    if count is None or not 0 < count <= 3650:
        return None
    if _NAMED_DAYS.match(ctx.text.flat, match.end()):
        return None  # "Trong 2 ngày (23-24/6)": the days are named, the range gives the date
    if _DAYS_OFF.match(ctx.text.flat, match.end()):
        return None  # "Trong 07 ngày nghỉ Tết ..., toàn tỉnh xảy ra 12 vụ": the holiday's days
    if match.group("unit") == "thang" and _MONTHS_LEFT.match(ctx.text.flat, match.end()):
        # "Trong hai tháng còn lại (của năm)": by the end of the year.
        return _candidate(match, ctx, "year", _dt.date(ctx.ref.year, 12, 31), cue=cue)
    if match.group("unit") == "thang" and (
        left := _MONTHS_LEFT_OF_QUARTER.match(ctx.text.flat, match.end())
    ):
        # "Trong 2 tháng cuối quý", "hai tháng còn lại của quý I": by the end of that quarter.
        quarter = (
            ROMAN.get(left.group("q") or "")
            or int(left.group("q") or 0)
            or ((ctx.ref.month - 1) // 3 + 1)
        )
        year = int(left.group("y") or left.group("y2") or ctx.ref.year)
        return _candidate(match, ctx, "quarter", _quarter_end(year, quarter), cue=cue)
    event = _EVENT_BASE.match(ctx.text.flat, match.end("unit"))
    # "kể từ ngày kết thúc Hội nghị (ngày 12/6/2025)": the event, and the day it falls on.
    event_day = _EVENT_DAY.match(ctx.text.flat, event.end()) if event else None
    if (
        (event and not event_day)
        or _STATUTORY.match(ctx.text.flat, match.end())
        or _WHEN_EVENT.search(
            ctx.text.flat, _sentence_start(ctx.text.flat, match.start()), match.start()
        )
    ):
        return _candidate(match, ctx, "none", None, cue=cue, core=match.span("unit"))
    if cue is not None and _EXTENSION_LENGTH.search(
        ctx.text.flat[max(0, cue.start - 30) : cue.start]
    ):
        return _candidate(match, ctx, "none", None, cue=cue, core=match.span("unit"))
    base = ctx.ref
    opening = ctx.text.flat[: cue.start if cue is not None else match.start()]
    written_before = (
        _BASE_BEFORE.search(opening[-60:])
        or _BASE_IN_BRACKETS.match(ctx.text.flat, match.end())
        or event_day
    )
    base_text = match.group("base") or (written_before.group("base") if written_before else None)
    if base_text:
        parts = _date_parts(base_text, ctx.ref)
        if parts is None or parts[2] is None:
            return None
        try:
            base = _dt.date(parts[2], parts[1], parts[0])
        except ValueError:
            return _candidate(match, ctx, "impossible", None, cue=cue, core=match.span("unit"))
    unit = match.group("unit")
    if match.group("wd"):
        kind, due = "working_days", ctx.calendar.add_working_days(base, count)
    elif unit.startswith("ngay"):
        kind, due = "relative_days", base + _dt.timedelta(days=count)
    elif unit.startswith("tuan"):
        kind, due = "weeks", base + _dt.timedelta(weeks=count)
    elif match.group("wh"):
        # "trong 16 giờ làm việc": office hours, eight to a working day.
        kind, due = "hours", ctx.calendar.add_working_days(base, -(-count // _WORKING_HOURS))
    elif hours:
        # Counted, as days are, from the start of the day after the issue date (its hour is not
        # known): "trong 24 giờ" ends with that day, "trong 48 giờ" the day after; a count
        # under a day ("trong 12 giờ") is the day after too, the latest it can end.
        kind, due = "hours", base + _dt.timedelta(days=-(-count // 24))
    else:
        kind, due = "months_relative", _add_months(base, count)
    core = (match.start(), match.end("unit"))
    return _candidate(match, ctx, kind, due, cue=cue, cued=True, core=core)


# -- the nth working day of a month: "ngày làm việc thứ 5 của tháng sau", "trong 05 ngày làm
# việc đầu tiên của tháng 4", "ngày làm việc thứ 3 hằng tháng" (a monthly duty)

WORKING_DAY_OF_MONTH = re.compile(
    rf"""(?<![\w/.,])(?:
        ngay\s+lam\s+viec\s+(?:thu\s+(?P<nth>{NUMBER})|(?P<first>dau\s+tien))
      | (?P<n>{NUMBER})\s+ngay\s+lam\s+viec\s+dau(?:\s+tien)?
    )\s+(?:cua\s+)?
    (?:(?P<each>hang|moi|cac)\s+thang
      | thang\s+(?P<m>\d{{1,2}}|{MONTH_WORD}|toi|nay)(?![a-z])
        (?:\s*[/-]\s*(?P<y>\d{{4}})|\s*,?\s*nam\s+(?P<y2>\d{{4}}|nay|sau|toi))?
    )(?![\d/])""",
    re.VERBOSE,
)


def _working_day_of_month(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    cue = _cue_before(ctx.text, match.start())
    if cue is not None and cue.head("sau"):
        return None  # "sau ngày làm việc thứ 5 ...": after it, as "sau ngày 15/3"
    nth = 1 if match.group("first") else _number(ctx, match, "nth" if match.group("nth") else "n")
    if not nth:
        return None
    if match.group("each"):
        # The next to come: this month's, or the next month's once this month's has passed.
        months = [_add_months(ctx.ref.replace(day=1), offset) for offset in (0, 1)]
        recurrence: str | None = "monthly"
    else:
        named = _month_named(
            ctx, match, "m", _year_word(match.group("y") or match.group("y2"), ctx.ref)
        )
        if named is None or not 1 <= named[0] <= 12:
            return None
        month, year = named
        years = [ctx.ref.year, ctx.ref.year + 1] if year is None else [year]
        months = [_dt.date(y, month, 1) for y in years]
        recurrence = None
    found = [ctx.calendar.nth_working_day(first.year, first.month, nth) for first in months]
    dues = [due for due in found if due is not None]
    if len(dues) < len(found):
        return _candidate(match, ctx, "impossible", None, cue=cue)
    due = next((due for due in dues if due >= ctx.ref), dues[-1])
    if cue is not None and cue.strict_before and not ctx.inclusive:
        # The day before it: a day of the month, which may be no working day.
        due, nth = due - _dt.timedelta(days=1), None
    kind = "recurring" if recurrence else "date"
    return _candidate(
        match, ctx, kind, due, cue=cue, recurrence=recurrence, cued=True, schedule_working_day=nth
    )


# -- Tết: "trước Tết Nguyên đán", "trước Tết Nguyên đán Giáp Thìn 2024", "ngay sau kỳ nghỉ Tết"

# Other feasts called Tết: lunar ones (see FEAST) and "Tết Thiếu nhi", "Tết trồng cây".
_NOT_NEW_YEAR = r"""(?!\s+(?:trung\s+thu|doan\s+ngo|nguyen\s+tieu|han\s+thuc|thanh\s+minh
    |trung\s+cuu|vu\s+lan|ong\s+cong|ong\s+tao|tao\s+quan|thieu\s+nhi|trong\s+cay|doc\s+lap
    |chol|chol\s+chnam|khmer|cua\s+dong\s+bao)(?![a-z]))"""
TET = re.compile(
    rf"""(?<![a-z])(?P<rel>ngay\s+truoc|truoc|ngay\s+sau|sau)\s+(?:khi\s+)?
    (?P<holiday>(?:ky\s+|dot\s+)?nghi\s+(?:le\s+)?)?tet{_NOT_NEW_YEAR}
    (?P<solar>\s+duong\s+lich|\s+tay)?
    (?:\s+(?:nguyen\s+dan|am\s+lich|co\s+truyen))?
    (?:\s+(?P<can>{CAN_WORD})\s+(?P<chi>{CHI_WORD}))?
    (?:\s*,?\s*(?:nam\s+)?(?P<y>\d{{4}}))?(?![\d/])""",
    re.VERBOSE,
)


_MONTHS_BEFORE = re.compile(r"(?<![a-z\d])(?:\d{1,2}|mot|hai|ba)\s+thang\s+$")


def _tet(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    ref, cal = ctx.ref, ctx.calendar
    rel = " ".join(match.group("rel").split())
    after = rel.endswith("sau")
    if (
        rel.startswith("ngay")
        and ctx.text.has_marks
        and not _low_word(ctx, match, "rel").startswith("ngay")
    ):
        return None  # "ngày sau Tết" is not "ngay sau Tết"
    if after and _MONTHS_BEFORE.search(ctx.text.flat, 0, match.start()):
        return None  # "trong thời gian nghỉ Tết và 01 tháng sau Tết": how long, not by when
    year = int(match.group("y")) if match.group("y") else None
    if match.group("solar"):
        if after:
            return None
        january_first = year if year is not None else ref.year + 1
        return _candidate(match, ctx, "tet", _dt.date(january_first - 1, 12, 31), cued=True)
    if year is None and match.group("can"):
        for candidate_year in range(ref.year, ref.year + 61):
            if _canchi_matches(candidate_year, match.group("can"), match.group("chi")):
                year = candidate_year
                break
    try:
        if year is None:
            new_year = cal.lunar_new_year(ref.year)
            # The Tết still to come; for "after Tết", the holiday block not yet over at ref.
            over = cal.next_working_day(new_year) < ref if after else new_year <= ref
            if over:
                new_year = cal.lunar_new_year(ref.year + 1)
        else:
            new_year = cal.lunar_new_year(year)
    except (ValueError, KeyError):
        return _candidate(match, ctx, "out_of_range", None, cued=True)  # the calendar's years
    if after:
        due = cal.next_working_day(new_year)
    elif match.group("holiday"):
        due = cal.previous_working_day(new_year)
    else:
        due = new_year - _dt.timedelta(days=1)
    # A bare "sau Tết" ("điều hành sau Tết") is when work happens; it only wins where no
    # explicit date does ("ngay sau Tết", "trước Tết" are due dates). "Ngay sau Tết" is when
    # work starts where another date ends it ("Ngay sau kỳ nghỉ Tết, ... trong quý I/2023").
    found = _candidate(match, ctx, "tet", due, cued=not (after and rel == "sau"))
    return replace(found, vague=True) if after else found


# -- a lunar day: "trước ngày 10 tháng Giêng", "ngày 23 tháng Chạp", "Rằm tháng Tám", "ngày 15/8
# âm lịch", "trước Tết Trung thu", "trước ngày Giỗ Tổ Hùng Vương". "tháng Giêng" and "tháng Chạp"
# are lunar months by name, "Rằm" a lunar full moon; a month in figures is lunar only when "âm
# lịch" (ÂL) follows. The year named ("năm Giáp Thìn", "năm 2024") is the lunar year.

_LUNAR_MONTH_WORDS = {
    "gieng": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
    "muoi": 10, "muoi mot": 11, "mot": 11, "chap": 12,
}  # fmt: skip


def _lunar_year_named(suffix: str = "") -> str:
    """ "năm Giáp Thìn", "năm 2024" (groups named with a suffix where a pattern has two)."""
    return (
        rf"(?:\s*,?\s*(?:nam\s+)?(?:(?P<can{suffix}>{CAN_WORD})\s+(?P<chi{suffix}>{CHI_WORD})"
        rf"|(?P<y{suffix}>\d{{4}})))?"
    )


_LUNAR_MARK = r"\s*\(?\s*(?:am\s+lich|al)(?![a-z])\s*\)?"
_LUNAR_AFTER = re.compile(_LUNAR_MARK)
LUNAR_DAY = re.compile(
    rf"""(?<![a-z])(?:
        (?P<ngay>ngay\s+)?(?:(?:mung|mong)\s+)?(?P<d>\d{{1,2}}|{_SPELLED_DAY})
        \s+thang\s+(?P<named>gieng|chap)(?![a-z])
        {_lunar_year_named()}(?:{_LUNAR_MARK})?
      | (?:ngay\s+)?(?P<full_moon>ram)\s+thang\s+
        (?P<word>gieng|chap|muoi\s+mot|muoi|hai|ba|tu|nam|sau|bay|tam|chin|mot|\d{{1,2}})(?![a-z\d/])
        (?P<leap2>\s+nhuan)?{_lunar_year_named("2")}
        (?:{_LUNAR_MARK})?
      | (?:ngay\s+)?(?:mung\s+)?(?P<dd>\d{{1,2}})\s*(?:/|-|\s+thang\s+)\s*(?P<m>\d{{1,2}})
        (?P<leap3>\s+nhuan)?(?:\s*/\s*(?P<y3>\d{{4}}))?
        # A leap month is lunar without the words: "ngày 15 tháng 2 nhuận năm 2023".
        (?(leap3)(?:{_LUNAR_MARK})?|{_LUNAR_MARK})
        {_lunar_year_named("5")}  # "ngày 15/8 âm lịch năm 2025"
      # "mùng 10 Tết": a day of the first lunar month.
      | (?:ngay\s+)?(?:mung|mong)\s+(?P<tet_day>\d{{1,2}})\s+tet{_NOT_NEW_YEAR}
        (?:\s+(?:nguyen\s+dan|am\s+lich|co\s+truyen))?{_lunar_year_named("4")}
      # "30 Tết": the last day of the lunar year before that Tết, whatever its twelfth month's
      # length (the eve, the day "trước Tết" gives).
      | (?:ngay\s+)?(?<![\d/.,])(?P<eve>30)\s+tet{_NOT_NEW_YEAR}
        (?:\s+(?:nguyen\s+dan|am\s+lich|co\s+truyen))?{_lunar_year_named("6")}
      )(?![\d/])""",
    re.VERBOSE,
)
# Lunar feasts a deadline is set by, with their day and month.
_FEASTS = {
    "trung thu": (15, 8),
    "doan ngo": (5, 5),
    "nguyen tieu": (15, 1),
    "han thuc": (3, 3),
    "vu lan": (15, 7),
    "phat dan": (15, 4),
    "gio to hung vuong": (10, 3),
    "ong cong ong tao": (23, 12),
    "ong tao": (23, 12),
}
_FEAST_NAME = "|".join(name.replace(" ", r"\s+") for name in sorted(_FEASTS, key=len, reverse=True))
FEAST = re.compile(
    rf"""(?<![a-z])(?P<rel>ngay\s+truoc|truoc)\s+(?P<day>ngay\s+)?(?:(?:le|tet|dip|cung)\s+)?
    (?P<feast>{_FEAST_NAME})(?![a-z]){_lunar_year_named()}(?![\d/])""",
    re.VERBOSE,
)


def _lunar_year(match: re.Match[str], ctx: _Context, suffix: str = "") -> int | None:
    if match.group("y" + suffix):
        return int(match.group("y" + suffix))
    can = match.group("can" + suffix)
    if can is None:
        return None
    return next(
        y
        for y in range(ctx.ref.year - 1, ctx.ref.year + 61)
        if _canchi_matches(y, can, match.group("chi" + suffix))
    )


def _lunar_date(
    day: int, month: int, year: int | None, ctx: _Context, *, leap: bool = False
) -> _dt.date | None:
    """That lunar day of the lunar year named, or the next one on or after ref."""
    try:
        if year is None:
            return lunar.next_lunar_day(day, month, ctx.ref, leap=leap)
        return lunar.last_day_kept(day, month, year, leap=leap)
    except ValueError:
        return None


_LUNAR_DUE_CUES = ("truoc", "cham nhat", "muon nhat", "han", "xong", "hoan thanh", "den", "toi")


def _lunar_day(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    if match.group("full_moon"):
        day, word = 15, " ".join(match.group("word").split())
        month = int(word) if word.isdigit() else _LUNAR_MONTH_WORDS[word]
        year = _lunar_year(match, ctx, "2")
        leap = bool(match.group("leap2"))
    elif match.group("named"):
        named_day = _number(ctx, match, "d")
        if named_day is None:
            return None  # "ngày sau tháng Giêng": after, not the sixth
        day, month = named_day, _LUNAR_MONTH_WORDS[match.group("named")]
        year, leap = _lunar_year(match, ctx), False
    elif match.group("tet_day"):
        day, month = int(match.group("tet_day")), 1
        year, leap = _lunar_year(match, ctx, "4"), False
    elif match.group("eve"):
        # The year named is Tết's: its eve ends the lunar year before.
        tet_year = _lunar_year(match, ctx, "6")
        day, month, leap = 30, 12, False
        year = None if tet_year is None else tet_year - 1
    else:
        day, month = int(match.group("dd")), int(match.group("m"))
        year = int(match.group("y3")) if match.group("y3") else _lunar_year(match, ctx, "5")
        leap = bool(match.group("leap3"))
    cue = _cue_before(ctx.text, match.start())
    due_word = cue is not None and cue.head(*_LUNAR_DUE_CUES)
    if not (due_word or _whole(ctx, match.start(), match.end())):
        return None  # "vào ngày 23 tháng Chạp, người dân thả cá chép": a custom's day
    # "ngày 31/12 âm lịch" does not exist (a lunar month has 29 or 30 days): not the solar 31/12.
    valid = 1 <= day <= 30 and 1 <= month <= 12
    due = _lunar_date(day, month, year, ctx, leap=leap) if valid else None
    if due is None:
        return _candidate(match, ctx, "impossible", None, cue=cue)
    if cue is not None and cue.strict_before and not ctx.inclusive:
        due -= _dt.timedelta(days=1)
    return _candidate(match, ctx, "lunar", due, cue=cue)


def _feast(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    """ "trước Tết Trung thu" is the day before it, as "trước Tết" is; "trước ngày Giỗ Tổ" names
    a day, so it is that day (or the day before, where "trước ngày X" excludes X)."""
    day, month = _FEASTS[" ".join(match.group("feast").split())]
    due = _lunar_date(day, month, _lunar_year(match, ctx), ctx)
    if due is None:
        return _candidate(match, ctx, "none", None, cued=True)
    if not match.group("day") or not ctx.inclusive:
        due -= _dt.timedelta(days=1)
    return _candidate(match, ctx, "lunar", due, cued=True)


# -- this week or the next: "trong tuần này", "trước thứ Sáu tuần sau"

WEEK = re.compile(
    r"""(?<![a-z])(?:(?:ngay\s+)?thu\s+(?P<wd>hai|ba|tu|nam|sau|bay|[2-7])\s+)?
    tuan(?:\s+(?P<which>nay|toi|sau|ke\s+tiep))?(?![a-z])""",
    re.VERBOSE,
)


def _week(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    cue = _cue_before(ctx.text, match.start())
    if not (match.group("wd") or (cue is not None and cue.head("trong", "truoc"))):
        return None  # "tuần tới có mưa lớn": when, not by when
    if match.group("which") is None and (
        match.group("wd")
        or cue is None
        or cue.text != "trong"
        or not _TODAY_ENDS.match(ctx.text.flat, match.end())
        # ("các hoạt động diễn ra trong tuần", "số ca mắc trong tuần": when, what was counted.)
        or _DURATION.search(ctx.text.flat, max(0, cue.start - 25), cue.start)
        or _COUNTED_BEFORE.search(ctx.text.flat, max(0, cue.start - 30), cue.start)
    ):
        return None  # only "hoàn thành trong tuần.": within this week (not "trong tuần lễ ...")
    start = ctx.text.flat.find("tuan", match.start())
    if ctx.text.has_marks and ctx.text.low[start : start + 4] != "tuần":
        return None  # "tuân" (to follow), not a week
    written = ctx.text.low[match.start("wd") : match.end("wd")]
    if match.group("wd") and ctx.text.has_marks and written not in _WEEKDAY_WRITTEN:
        return None  # "thứ tự" (order), not "thứ Tư"
    monday = ctx.ref - _dt.timedelta(days=ctx.ref.weekday())
    if match.group("which") not in (None, "nay"):
        monday += _dt.timedelta(weeks=1)
    # The working week ends on Friday, unless the day is named.
    day = WEEKDAYS[match.group("wd")] if match.group("wd") else WEEKDAYS["sau"]
    due = max(monday + _dt.timedelta(days=day), ctx.ref)
    if cue is not None and cue.strict_before and not ctx.inclusive and match.group("wd"):
        due -= _dt.timedelta(days=1)
    return _candidate(match, ctx, "weeks", due, cue=cue, cued=True)


_WEEKDAY_WRITTEN = frozenset(("hai", "ba", "tư", "năm", "sáu", "bảy", "2", "3", "4", "5", "6", "7"))


# -- recurring duties

RECURRING_DAY_FIRST = re.compile(
    r"""(?<![a-z])ngay\s+(?P<d>\d{1,2})\s+
    (?:(?:cua\s+)?(?:hang|moi|cac)\s+thang|cua\s+thang\s+bao\s+cao)(?![a-z])""",
    re.VERBOSE,
)
# "Chậm nhất ngày 15 đối với báo cáo định kỳ hằng tháng": the day first, the recurrence after
# (the step "hằng quý" too: its day is in the quarter's last month, see _quarter_day).
RECURRING_DAY_BEFORE = re.compile(
    rf"""(?<![a-z])(?:truoc|cham\s*nhat(?:\s+la)?|muon\s+nhat(?:\s+la)?)\s+(?:vao\s+)?
    {_HOUR_OF_DAY}(?:ngay\s+)?(?:mung\s+)?(?P<d>\d{{1,2}}){_NOT_AN_HOUR}
    (?![\d%]|\s*(?:[/.-]\s*\d|thang))
    [^.;\n]{{0,80}}?(?<![a-z])(?:dinh\s+ky\s+)?(?:hang|moi)\s+(?P<per>thang|quy)(?![a-z])""",
    re.VERBOSE,
)
# "hằng quý báo cáo trước ngày 20/3": the month ("m") places the day in its quarter.
RECURRING_DAY_AFTER = re.compile(
    rf"""(?<![a-z])(?:dinh\s+ky\s+)?(?:hang|moi)\s+(?P<per>thang|quy)(?![a-z])[^.;\n]{{0,160}}?
    (?<![a-z])(?:truoc|cham\s*nhat(?:\s+la)?|muon\s+nhat|vao)\s+{_HOUR_OF_DAY}(?:ngay\s+)?
    (?:mung\s+)?(?P<d>\d{{1,2}}){_NOT_AN_HOUR}
    (?:\s*[/-]\s*(?P<m>\d{{1,2}})(?![\d/]|\s*[/.-]\s*\d))?
    (?![\d%]|\s*(?:[/.-]\s*\d|thang))""",
    re.VERBOSE,
)
# "ngày 20 của tháng cuối quý", "ngày 20 hằng quý": that day of the quarter's last month;
# "ngày 15 của tháng đầu quý sau": of the first month of the next quarter.
RECURRING_QUARTER_DAY = re.compile(
    r"""(?<![a-z])ngay\s+(?P<d>\d{1,2})\s+(?:cua\s+)?
    (?:thang\s+cuoi\s+(?:cung\s+)?(?:cua\s+)?(?:moi\s+|hang\s+|cac\s+)?quy
      |(?P<next>thang\s+dau\s+(?:tien\s+)?(?:cua\s+)?quy\s+(?:sau|tiep\s+theo|ke\s+tiep))
      |(?:hang|moi)\s+quy)
    (?![a-z])""",
    re.VERBOSE,
)
# "trước ngày 20/6 và 20/12 hằng năm", "định kỳ 6 tháng báo cáo trước ngày 15/6 và ngày 15/12":
# a day of the year and the same day six months on, with a yearly or a six-monthly step; or one
# day of a six-monthly duty ("định kỳ 6 tháng, báo cáo trước ngày 15/6").
_NO_YEAR_AFTER = r"(?![\d/]|\s*[/-]\s*\d|\s*,?\s*nam\s+\d)"
SEMIANNUAL_DAYS = re.compile(
    rf"""(?<![\w/.,-])(?P<ngay>ngay\s+)?
    (?P<d>\d{{1,2}})(?:\s*[/-]\s*(?P<m>\d{{1,2}})|\s+thang\s+(?P<m2>\d{{1,2}})){_NO_YEAR_AFTER}
    (?:\s*(?:,|va|hoac)\s*(?:(?:truoc|cham\s*nhat(?:\s+la)?|muon\s+nhat(?:\s+la)?|vao)\s+)?
    (?:ngay\s+)?(?P<e>\d{{1,2}})(?:\s*[/-]\s*(?P<n>\d{{1,2}})|\s+thang\s+(?P<n2>\d{{1,2}}))
    {_NO_YEAR_AFTER})?
    (?P<yearly>\s*,?\s*(?:cua\s+)?(?:hang|moi|cac)\s+nam(?![a-z]))?""",
    re.VERBOSE,
)
RECURRING_YEARLY_AFTER = re.compile(
    rf"""(?<![a-z])(?:dinh\s+ky\s+)?(?:hang|moi)\s+nam(?![a-z])[^.;\n]{{0,80}}?
    (?<![a-z])(?:truoc|cham\s*nhat(?:\s+la)?|vao)\s+{_HOUR_OF_DAY}(?:ngay\s+)?(?P<d>\d{{1,2}})
    (?:\s*[/-]\s*(?P<m>\d{{1,2}})|\s+thang\s+(?P<m2>\d{{1,2}}))(?![\d/])""",
    re.VERBOSE,
)
# "Chậm nhất ngày 25 tháng 11 đối với báo cáo định kỳ hằng năm": the date first, then the step.
RECURRING_YEARLY_BEFORE = re.compile(
    rf"""(?<![a-z])(?:truoc|cham\s*nhat(?:\s+la)?|muon\s+nhat(?:\s+la)?)\s+(?:vao\s+)?
    {_HOUR_OF_DAY}(?:ngay\s+)?
    (?P<d>\d{{1,2}})(?:\s*[/-]\s*(?P<m>\d{{1,2}})|\s+thang\s+(?P<m2>\d{{1,2}}))
    (?![\d/]|\s*[/-]\s*\d|\s*,?\s*nam\s+\d)
    [^.;\n]{{0,80}}?(?<![a-z])(?:dinh\s+ky\s+)?(?:hang|moi)\s+nam(?![a-z])""",
    re.VERBOSE,
)
# "trước ngày 20/3, 20/6, 20/9 và 20/12 hằng năm": a day of each quarter, every year.
_DAY_AND_MONTH = re.compile(r"(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})")
_LISTED_DAY = r"(?:ngay\s+)?\d{1,2}\s*[/-]\s*\d{1,2}"
QUARTERLY_DAYS = re.compile(
    rf"""(?<![\w/.,-])(?P<days>{_LISTED_DAY}
    (?:\s*(?:,|;|va)\s*(?:(?:truoc|cham\s*nhat(?:\s+la)?|vao)\s+)?{_LISTED_DAY}){{3}})
    (?![\d/])\s*,?\s*(?:cua\s+)?(?:hang|moi|cac)\s+nam(?![a-z])""",
    re.VERBOSE,
)
RECURRING_YEARLY_DATE = re.compile(
    r"""(?<![\w/.,-])(?:ngay\s+)?(?P<d>\d{1,2})(?:\s*[/-]\s*(?P<m>\d{1,2})|\s+thang\s+(?P<m2>\d{1,2}))
    \s*,?\s*(?:cua\s+)?(?:hang|moi|cac)\s+nam(?![a-z])""",
    re.VERBOSE,
)
RECURRING_WEEKDAY = re.compile(
    r"""(?<![a-z])(?:(?:vao\s+)?(?:ngay\s+)?(?:sang\s+|chieu\s+|toi\s+)?(?:thu\s+(?P<wd>hai|ba|tu|nam|sau|bay|[2-7])|(?P<sunday>chu\s+nhat))\s+(?:hang|moi|cac)\s+tuan
    |(?:hang|moi)\s+tuan\s*[,(]?\s*
    # "hằng tuần về Cục Y tế dự phòng trước 12 giờ thứ Năm": where it goes, then when.
    (?:(?:[^.;:,()]{1,60}?\s)?(?:vao|truoc|cham\s+nhat)\s+(?:\d{1,2}\s*(?:gio|h)(?:\s*\d{2})?\s+)?)?
    (?:ngay\s+)?(?:thu\s+(?P<wd2>hai|ba|tu|nam|sau|bay|[2-7])|(?P<sunday2>chu\s+nhat)))(?![a-z])""",
    re.VERBOSE,
)
# A step of six months: "định kỳ 6 tháng", "06 tháng/lần", "6 tháng một lần", "hằng 6 tháng",
# "mỗi 6 tháng", "nửa năm một lần"; not the period "6 tháng đầu năm" (30/06, a half-year report).
_SEMIANNUAL_STEP = r"""(?:
    (?:dinh\s+ky\s+)?(?:06|6|sau)\s+thang\s*(?:/\s*(?:0?1\s*)?|\s(?:mot|0?1)\s+)lan
    |(?:dinh\s+ky|hang|moi)\s+(?:06|6|sau)\s+thang|(?:dinh\s+ky|hang|moi)\s+nua\s+nam
    |nua\s+nam\s+(?:mot|0?1)\s+lan)(?![a-z])(?!\s+(?:dau|cuoi)(?![a-z]))"""
SEMIANNUAL_STEP = re.compile(rf"(?<![a-z]){_SEMIANNUAL_STEP}", re.VERBOSE)
RECURRING = re.compile(
    rf"""(?<![a-z])(?:
        (?:dinh\s+ky\s+)?(?:hang|moi)\s+(?P<per>tuan|thang|quy|nam)(?![a-z])(?!\s*\d)
      | dinh\s+ky\s+(?P<per2>tuan|thang|quy|nam)(?![a-z])(?!\s*\d)
      | (?P<semi>{_SEMIANNUAL_STEP})
    )""",
    re.VERBOSE,
)
_PERIODS = {"tuan": "weekly", "thang": "monthly", "quy": "quarterly", "nam": "yearly"}
# "tăng trưởng bình quân hằng năm": a rate, not a duty.
# "ngân sách nhà nước hằng năm", "trước mùa mưa hàng năm": what recurs is not the duty.
_DESCRIPTIVE = re.compile(
    # "dự toán số thu lệ phí hằng năm", "kinh phí hằng năm": the money of each year.
    r"(?:binh\s+quan|trung\s+binh|tang|giam|dat|ngan\s+sach(?:\s+nha\s+nuoc)?|(?:le|kinh)\s+phi"
    r"|mua\s+(?:mua|lu|kho|bao|mua\s+lu)"
    # "đất trồng cây hàng năm": annual crops.
    r"|(?<![a-z])cay"
    # "cụ thể hóa thành các kế hoạch 5 năm và hằng năm": the kind of plan, not a yearly duty.
    r"|ke\s+hoach(?:\s+\d+\s+nam)?(?:\s*(?:,|va)\s*)?"
    # "mức độ hoàn thành nhiệm vụ hàng năm": each year's tasks, judged (but "Sở Tài chính có
    # nhiệm vụ hằng năm tổng hợp ...": what it must do each year).
    r"|(?<!co\s)nhiem\s+vu)\s*$"
)
# "báo cáo tại phiên họp Chính phủ thường kỳ hằng quý": due at a meeting whose day is not given.
_AT_MEETING = re.compile(r"(?:phien\s+hop|cuoc\s+hop|hoi\s+nghi|giao\s+ban)[^.;,]{0,30}$")
# "... hằng năm đạt trên 90%", "hằng tháng tăng 5%": the figure that follows makes it a rate.
_RATE_AFTER = re.compile(r"\s*(?:dat|tang(?!\s+cuong)|giam|o\s+muc|binh\s+quan)(?![a-z])")


def _day_before(due: _dt.date, day: int) -> tuple[_dt.date, int]:
    """ "trước ngày 20 hằng tháng" read as the day before it (before_is_inclusive off): the
    duty's date and the day of the month it keeps."""
    return due - _dt.timedelta(days=1), day - 1 if day > 1 else MONTH_END


def _recurring_on(
    match: re.Match[str],
    ctx: _Context,
    due: _dt.date | None,
    recurrence: str,
    *,
    strictly_before: bool,
    cue: _Cue | None = None,
    day: int | None = None,
) -> _Candidate:
    """A duty due on a named day of every month, quarter, half-year or year: ``day``, by
    default the one the phrase writes ("d")."""
    if due is None:
        return _candidate(match, ctx, "none", None, cue=cue, recurrence=recurrence)
    day = int(match.group("d")) if day is None else day
    # "trước 16 giờ ngày 20 hằng tháng": "trước" is of the hour, so the day itself stays due.
    if strictly_before and not ctx.inclusive and not match.groupdict().get("hh"):
        due, day = _day_before(due, day)
    return _candidate(
        match,
        ctx,
        "recurring",
        due,
        cue=cue,
        recurrence=recurrence,
        cued=True,
        schedule_day=day,
        time=_time_of(match),
    )


# "trước ngày 25 hằng tháng, bắt đầu từ tháng 12/2018", "trước ngày 30 tháng 6 hằng năm kể từ
# năm 2027": the duty starts in a later month or year.
_STARTS_LATER = re.compile(
    r"\s*[,(]?\s*(?:ke\s+|bat\s+dau\s+)?tu\s+(?:ngay\s+(?P<d>\d{1,2})\s*[/-]\s*(?P<dm>\d{1,2})"
    r"\s*[/-]\s*|(?:thang\s+(?P<m>\d{1,2})\s*(?:[/-]|\s+nam)|nam)\s*)(?P<y>\d{4})(?!\d)"
)


def _duty_start(match: re.Match[str], ctx: _Context) -> _dt.date:
    """The day from which a recurring duty's next occurrence is counted ("... bắt đầu từ tháng
    3/2023", "thứ Năm hằng tuần (bắt đầu từ ngày 06/01/2022)")."""
    later = _STARTS_LATER.match(ctx.text.flat, match.end())
    if later is None:
        return ctx.ref
    try:
        start = _dt.date(
            int(later.group("y")),
            int(later.group("dm") or later.group("m") or 1),
            int(later.group("d") or 1),
        )
    except ValueError:
        return ctx.ref
    return start if ctx.ref < start and start.year <= ctx.ref.year + 10 else ctx.ref


def _recurring_day(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    cue = _cue_before(ctx.text, match.start())
    due = _next_day_of_month(int(match.group("d")), _duty_start(match, ctx), clamp=True)
    strictly = cue is not None and cue.strict_before
    return _recurring_on(match, ctx, due, "monthly", strictly_before=strictly, cue=cue)


# "ngày 15 của tháng đầu quý sau đối với báo cáo hằng quý": the day's month is named, and
# RECURRING_QUARTER_DAY reads it.
_MONTH_NAMED = re.compile(r"\s*(?:\(\s*[a-z\s]+\)\s*)?(?:cua\s+)?thang(?![a-z])")


def _step_with_day(
    match: re.Match[str], ctx: _Context, *, strictly_before: bool
) -> _Candidate | None:
    """A day and the step of a monthly or quarterly duty, apart: "Chậm nhất ngày 15 đối với
    báo cáo định kỳ hằng tháng", "hằng quý báo cáo trước ngày 20"."""
    day = int(match.group("d"))
    month = match.groupdict().get("m")
    if match.group("per") == "thang":
        if month is not None:
            return None  # "hằng tháng ... trước ngày 20/3": one date, not a monthly day
        due = _next_day_of_month(day, ctx.ref, clamp=True)
        return _recurring_on(match, ctx, due, "monthly", strictly_before=strictly_before)
    if not _quarter_at(ctx, match.start("per")):
        return None  # "mọi quy định": a rule, not a quarter
    if _MONTH_NAMED.match(ctx.text.flat, match.end("d")):
        return None
    if month is not None and not 1 <= int(month) <= 12:
        return None
    # "hằng quý trước ngày 20/3": the 20th of the quarter's month that March is (its third).
    of_quarter = 3 if month is None else (int(month) - 1) % 3 + 1
    due = _quarter_day(day, ctx.ref, month_of_quarter=of_quarter)
    return _recurring_on(match, ctx, due, "quarterly", strictly_before=strictly_before)


def _recurring_day_after(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    strictly = "truoc" in ctx.text.flat[match.start() : match.end()].split()
    return _step_with_day(match, ctx, strictly_before=strictly)


def _recurring_day_before(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    return _step_with_day(
        match, ctx, strictly_before=ctx.text.flat.startswith("truoc", match.start())
    )


def _recurring_yearly_before(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    month = int(match.group("m") or match.group("m2"))
    start = _duty_start(match, ctx)
    due = _next_day_month(int(match.group("d")), month, start) if 1 <= month <= 12 else None
    strictly = ctx.text.flat.startswith("truoc", match.start())
    return _recurring_on(match, ctx, due, "yearly", strictly_before=strictly)


def _recurring_yearly_date(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    cue = _cue_before(ctx.text, match.start())
    month = int(match.group("m") or match.group("m2"))
    start = _duty_start(match, ctx)
    due = _next_day_month(int(match.group("d")), month, start) if 1 <= month <= 12 else None
    strictly = cue is not None and cue.strict_before
    return _recurring_on(match, ctx, due, "yearly", strictly_before=strictly, cue=cue)


def _quarterly_days(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    """Four days of the year three months apart ("trước ngày 20/3, 20/6, 20/9 và 20/12 hằng
    năm", "31/3, 30/6, 30/9 và 31/12": each quarter's end): a quarterly duty on the latest day
    of the month written, due on the next of them (read as the last, a yearly duty on 20/12)."""
    days = [(int(d), int(m)) for d, m in _DAY_AND_MONTH.findall(match.group("days"))]
    months = sorted(month for _, month in days)
    if months != [months[0] + 3 * step for step in range(4)] or not 1 <= months[0] <= 3:
        return None
    return _on_days_of_each_year(
        match, ctx, days, "quarterly", cue=_cue_before(ctx.text, match.start())
    )


def _on_days_of_each_year(
    match: re.Match[str],
    ctx: _Context,
    days: Sequence[tuple[int, int]],
    recurrence: str,
    *,
    cue: _Cue | None,
) -> _Candidate | None:
    """A duty due on these (day, month) of every year, due on the next of them, its schedule's
    day the latest day written: each day written must be that day of its month, or the last
    day of a shorter month (February's in a common year or a leap year)."""
    schedule_day = max(day for day, _ in days)
    if not all(
        day in {_clamped(year, month, schedule_day).day for year in (2023, 2024)}
        for day, month in days
    ):
        return None
    due = min(
        day
        for _, month in days
        for year in (ctx.ref.year, ctx.ref.year + 1)
        if (day := _clamped(year, month, schedule_day)) >= ctx.ref
    )
    strictly = cue is not None and cue.strict_before
    return _recurring_on(
        match, ctx, due, recurrence, strictly_before=strictly, cue=cue, day=schedule_day
    )


def _semiannual_days(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    """The days of a six-monthly duty: two days six months apart ("trước ngày 15/6 và 15/12"),
    or one day of a duty whose sentence gives the step ("định kỳ 6 tháng, báo cáo trước ngày
    15/6": 15/6 and 15/12). Due on the next of them, every six months on the later day of the
    month ("30/6 và 31/12" is each half-year's last day; "31/12" alone is 30/6 and 31/12)."""
    first = (int(match.group("d")), int(match.group("m") or match.group("m2")))
    cue = _cue_before(ctx.text, match.start())
    if match.group("e"):
        second = (int(match.group("e")), int(match.group("n") or match.group("n2")))
    elif match.group("yearly") or not 1 <= first[1] <= 12:
        return None  # "ngày 15/6 hằng năm": a yearly duty
    elif (cue is None and not match.group("ngay")) or (cue is not None and cue.head("sau")):
        return None  # "15/6" in running text, "sau ngày 15/6": not a due day
    elif (cue is None or cue.head("vao")) and _held_on(ctx, match.start()):
        # "Hội nghị sơ kết định kỳ 6 tháng tổ chức ngày 15/7": the day it is held, not a due
        # day (read as one, the step made up 15/01, ten days after a January letter).
        return None
    else:
        month = first[1] + 6 if first[1] <= 6 else first[1] - 6
        second = (min(first[0], _cal.monthrange(2024, month)[1]), month)
    days = (first, second)
    if abs(days[0][1] - days[1][1]) != 6 or not all(d >= 1 and 1 <= m <= 12 for d, m in days):
        return None
    if not match.group("yearly") and not _six_monthly_in_sentence(ctx, match):
        return None  # "trước ngày 15/6 và 15/12": two steps of one task, as likely
    return _on_days_of_each_year(match, ctx, days, "semiannual", cue=cue)


# A meeting, held on a day. Without diacritics "hop" is as often "hợp" (tổng hợp, phối hợp) and
# "le" "lệ" (tỷ lệ): only unambiguous words count there.
_MEETING_LOW = re.compile(
    r"(?<!\w)(?:họp|hội\s+nghị|hội\s+thảo|tọa\s+đàm|toạ\s+đàm|lễ|khai\s+mạc|bế\s+mạc|diễn\s+ra)(?!\w)"
)
_MEETING_FLAT = re.compile(
    r"(?<![a-z])(?:cuoc\s+hop|phien\s+hop|hoi\s+nghi|hoi\s+thao|toa\s+dam|khai\s+mac|be\s+mac"
    r"|dien\s+ra)(?![a-z])"
)


def _held_on(ctx: _Context, at: int) -> bool:
    """Whether the clause before ``at`` names a meeting: its day is when it is held."""
    flat = ctx.text.flat
    start = max(flat.rfind(c, 0, at) for c in ",.;:!?\n") + 1
    if ctx.text.has_marks:
        return _MEETING_LOW.search(ctx.text.low, start, at) is not None
    return _MEETING_FLAT.search(flat, start, at) is not None


def _six_monthly_in_sentence(ctx: _Context, match: re.Match[str]) -> bool:
    """Whether the sentence (or list item) of a phrase gives a step of six months."""
    flat = ctx.text.flat
    start = _sentence_start(flat, match.start())
    ends = [end for c in ".;!?\n" if (end := flat.find(c, match.end())) >= 0]
    steps = SEMIANNUAL_STEP.finditer(flat, start, min(ends, default=len(flat)))
    return any(_six(ctx, step) for step in steps)


def _six(ctx: _Context, step: re.Match[str]) -> bool:
    """Whether a step's "sau" is "sáu" (six): "định kỳ sau tháng ..." is no step of six."""
    if "sau" not in step.group().split() or not ctx.text.has_marks:
        return True
    return "sáu" in ctx.text.low[step.start() : step.end()]


def _quarter_day(day: int, ref: _dt.date, *, month_of_quarter: int) -> _dt.date | None:
    """The first day ``day`` on or after ref of a quarter's month ``month_of_quarter`` (3: its
    last month; 4: the first month of the quarter after), on the last day of a month too short
    for it, as the later periods are (``schedule_day``): "ngày 31 hằng quý" is 30 June.

    A quarterly report whose day is given is due in the quarter's last month ("ngày 20 hằng
    quý" is the 20th of March, June, September, December), as a monthly one is due in its own
    month ("trước ngày 20 hằng tháng"): Nghị định 09/2019/NĐ-CP closes a quarter's figures on
    the 14th of its last month (Điều 12), and the provinces' reporting rules set the deadline
    a few days later in that month ("chậm nhất vào ngày 20 của tháng cuối quý thuộc kỳ báo
    cáo"). A report due after its quarter says so ("ngày 15 của tháng đầu quý sau"): the first
    one due is then the report of ref's quarter, in the first month of the next."""
    if not 1 <= day <= 31:
        return None
    quarter_start = _dt.date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1)
    for offset in range(0, 2):
        month = _add_months(quarter_start, 3 * offset + month_of_quarter - 1)
        if (due := _clamped(month.year, month.month, day)) >= ref:
            return due
    return None


def _recurring_quarter_day(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    if not _quarter_at(ctx, ctx.text.flat.rfind("quy", match.start(), match.end())):
        return None  # "ngay 20 moi quy dinh": a rule's day, not a quarter's
    cue = _cue_before(ctx.text, match.start())
    month_of_quarter = 4 if match.group("next") else 3
    due = _quarter_day(int(match.group("d")), ctx.ref, month_of_quarter=month_of_quarter)
    strictly = cue is not None and cue.strict_before
    return _recurring_on(match, ctx, due, "quarterly", strictly_before=strictly, cue=cue)


def _recurring_weekday(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    sunday = match.group("sunday") or match.group("sunday2")
    if sunday and _WEEKEND_BEFORE.search(ctx.text.flat, max(0, match.start() - 45), match.start()):
        return None  # "lịch nghỉ cố định thứ Bảy, Chủ nhật hàng tuần": the weekend
    weekday = 6 if sunday else WEEKDAYS[match.group("wd") or match.group("wd2")]
    start = _duty_start(match, ctx)
    due = start + _dt.timedelta(days=(weekday - start.weekday()) % 7)
    return _candidate(match, ctx, "recurring", due, recurrence="weekly", cued=True)


_WEEKEND_BEFORE = re.compile(r"(?<![a-z])nghi(?![a-z])[^.;]{0,40}$")


def _step_only(match: re.Match[str], ctx: _Context, recurrence: str, end: _dt.date) -> _Candidate:
    """A step that names no day ("tổng kết hằng năm", "định kỳ 6 tháng"): recurring, its first
    date the officer's to give. No word gives that day (a report at the period's end? in its
    last month?), and the blind labellers read such a step as giving no date: vague, so that
    any deadline the text does give is the task's; the period's end only ranks it."""
    found = _candidate(match, ctx, "recurring", end, recurrence=recurrence, cued=True)
    return replace(found, vague=True, schedule_day=MONTH_END)


# A first date, then the same duty every month: "trước ngày 20/11/2025 và hằng tháng".
_FIRST_THEN_MONTHLY = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?:/|-|\s+thang\s+)\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:/|-|\s+nam\s+)\s*(?P<y>\d{4}))?"
    r"\s*(?:,\s*)?(?:va|sau\s+do)\s+(?:sau\s+do\s+)?(?:dinh\s+ky\s+)?$"
)


def _first_period(first: re.Match[str], ref: _dt.date) -> _dt.date | None:
    """The day of _FIRST_THEN_MONTHLY, None if there is no such day or it is past."""
    year = int(first.group("y")) if first.group("y") else ref.year
    try:
        due = _dt.date(year, int(first.group("m")), int(first.group("d")))
    except ValueError:
        return None
    return due if due >= ref else None


def _recurring(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    ref = ctx.ref
    if match.group("semi"):
        if not _six(ctx, match):
            return None
        return _step_only(
            match, ctx, "semiannual", _month_end(ref.year, 6 if ref.month <= 6 else 12)
        )
    period = match.group("per") or match.group("per2")
    before = ctx.text.flat[max(0, match.start() - 20) : match.start()]
    days_off = ctx.text.flat[max(0, match.start() - 45) : match.start()]
    if period == "nam" and _DESCRIPTIVE.search(before):
        return None
    if _RATE_AFTER.match(ctx.text.flat, match.end()):
        return None  # "tỷ lệ giải ngân hằng năm đạt trên 90%": a rate, not a duty
    if period == "tuan" and _WEEKEND_BEFORE.search(days_off):
        return None  # "lịch nghỉ thứ Bảy, Chủ nhật hàng tuần", "ngày nghỉ hằng tuần": the weekend
    if period == "quy" and not _quarter_at(
        ctx, match.start("per" if match.group("per") else "per2")
    ):
        return None  # "mọi quy định": a rule, not a quarter
    recurrence = _PERIODS[period]
    if _AT_MEETING.search(ctx.text.flat[max(0, match.start() - 50) : match.start()]):
        return _candidate(match, ctx, "none", None, recurrence=recurrence)
    if recurrence == "weekly":
        due = ref + _dt.timedelta(days=(4 - ref.weekday()) % 7)  # the coming Friday
    elif recurrence == "monthly":
        due = _month_end(ref.year, ref.month)
        first = _FIRST_THEN_MONTHLY.search(ctx.text.flat, max(0, match.start() - 60), match.start())
        if first is not None and (first_due := _first_period(first, ref)) is not None:
            # "báo cáo Thủ tướng trước ngày 20 tháng 11 năm 2025 và hàng tháng": the first report
            # on that day, the later ones on the same day of each month.
            return _candidate(
                match, ctx, "recurring", first_due, recurrence=recurrence, cued=True,
                schedule_day=first_due.day,
            )  # fmt: skip
    elif recurrence == "quarterly":
        due = _quarter_end(ref.year, (ref.month - 1) // 3 + 1)
    elif month := re.search(r"(?<![a-z])thang\s+(\d{1,2})\s*,?\s*$", before):
        # "tháng 6 hằng năm": the end of that month, this year or next.
        number = int(month.group(1))
        if not 1 <= number <= 12:
            return None
        due = _month_end(ref.year, number)
        due = due if due >= ref else _month_end(ref.year + 1, number)
    else:
        # "tổng kết hằng năm", "đánh giá, phân loại ... hàng năm".
        return _step_only(match, ctx, recurrence, _dt.date(ref.year, 12, 31))
    # A duty that names no day is due at its period's end, the 28th or 29th in February.
    day = None if recurrence == "weekly" else MONTH_END
    return _candidate(
        match, ctx, "recurring", due, recurrence=recurrence, cued=True, schedule_day=day
    )


# -- no date: ongoing and immediate duties

ONGOING = re.compile(
    # (Not what a thing is: "lỗi thường xuyên", "nguồn chi thường xuyên", "nhiệm vụ thường xuyên".)
    r"(?<![a-z])(?<!\bloi\s)(?<!\bchi\s)(?<!nhiem\svu\s)(?<!hoat\sdong\s)(?<!kinh\sphi\s)"
    r"(?:thuong\s+xuyen|lien\s+tuc|(?:hang|moi)\s+ngay|lau\s+dai)(?![a-z])"
)
# "trước 16 giờ ngày mai", "báo cáo trước 10 giờ sáng mai": the day after the letter's.
TOMORROW = re.compile(
    rf"(?<![a-z])(?:{_TIME})?(?:(?:ngay|sang|chieu|trua|toi)\s+)(?:hom\s+)?mai(?![a-z])"
)


def _tomorrow(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    written = ctx.text.low[match.start() : match.end()]
    if ctx.text.has_marks and not re.search(r"(?<!\w)mai(?!\w)", written):
        return None  # "mái", "mại": other words
    sentence = _sentence_start(ctx.text.flat, match.start())
    if _PAST_MARK.search(ctx.text.low, sentence, match.start()) or _narrated(
        ctx, match.start(), match.end()
    ):
        return None  # "đã có văn bản cho học sinh nghỉ học vào ngày mai", "Ngày mai, ... đã ..."
    cue = _cue_before(ctx.text, match.start())
    due = ctx.ref + _dt.timedelta(days=1)
    return _candidate(match, ctx, "date", due, cue=cue, time=_time_of(match), cued=True)


IMMEDIATE = re.compile(
    r"(?<![a-z])(?P<word>ngay\s+lap\s+tuc|(?:ngay\s+)?trong\s+ngay|khan\s+truong|kip\s+thoi"
    r"|khan\s+cap|cap\s+bach|ngay)(?![a-z])"
)
_DAY_FOLLOWS = re.compile(r"\s*(?:\d|mung|lam\s+viec|ky|ban\s+hanh|nhan|hom|mai|thu|cua|nay|\()")
# "trong ngày" means "within the day" when the clause ends there or goes on with a link word
# ("báo cáo trong ngày để tổng hợp"); followed by a noun it is the day of that event.
_TODAY_ENDS = re.compile(
    r"\s*(?:$|[,.;:)!?\n-]|(?:de|va|hoac|theo|khi|dong\s+thoi|bang|gui|cho|tai|qua|ve|len)(?![a-z]))"
)
_COUNTED_BEFORE = re.compile(
    r"(?<![a-z])(?:ca|truong\s+hop|tu\s+vong|mac(?:\s+moi)?|khoi(?:\s+benh)?|dieu\s+tri|luot)\s*$"
)
_DAY_PRECEDES = re.compile(r"(?:\d|truoc|sau|tu|den|cac|moi|hang|nhung|vai|so|trong|la|vao)\s*$")


def _ongoing(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    return _candidate(match, ctx, "ongoing", None, cued=True)


def _immediate(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    word = " ".join(match.group("word").split())
    if word.startswith("ngay") or word == "trong ngay":
        low = _low_word(ctx, match, "word")
        if word == "trong ngay":
            if ctx.text.has_marks and "ngày" not in low:
                return None
            if _DAY_FOLLOWS.match(ctx.text.flat, match.end()):
                return None
            if not _TODAY_ENDS.match(ctx.text.flat, match.end()):
                return None  # "trong ngày bầu cử": on the day of an event, not within the day
            if _COUNTED_BEFORE.search(ctx.text.flat, max(0, match.start() - 30), match.start()):
                return None  # "số ca mắc, ca tử vong trong ngày": the day's figures
            return _candidate(match, ctx, "immediate", ctx.ref, cued=True)
        if ctx.text.has_marks:
            if not low.startswith("ngay"):
                return None  # "ngày" (day), not "ngay" (at once)
        elif _DAY_FOLLOWS.match(ctx.text.flat, match.end()) or _DAY_PRECEDES.search(
            ctx.text.flat[max(0, match.start() - 12) : match.start()]
        ):
            return None  # without diacritics "ngay" is also "ngày": keep only clear cases
        if word == "ngay trong ngay":
            return _candidate(match, ctx, "immediate", ctx.ref, cued=True)
    return _candidate(match, ctx, "immediate", None, cued=True)


# The dispatch table. Order breaks ties between spans of equal length (earlier wins).
FAMILIES: tuple[_Family, ...] = tuple(
    _Family(name, pattern, handler, order)
    for order, (name, pattern, handler) in enumerate(
        [
            ("tet", TET, _tet),
            ("lunar_day", LUNAR_DAY, _lunar_day),
            ("feast", FEAST, _feast),
            ("week", WEEK, _week),
            ("recurring_day_after", RECURRING_DAY_AFTER, _recurring_day_after),
            ("recurring_day", RECURRING_DAY_FIRST, _recurring_day),
            ("recurring_quarter_day", RECURRING_QUARTER_DAY, _recurring_quarter_day),
            ("recurring_day_before", RECURRING_DAY_BEFORE, _recurring_day_before),
            ("quarterly_days", QUARTERLY_DAYS, _quarterly_days),
            ("semiannual_days", SEMIANNUAL_DAYS, _semiannual_days),
            ("recurring_yearly_after", RECURRING_YEARLY_AFTER, _recurring_yearly_date),
            ("recurring_yearly_before", RECURRING_YEARLY_BEFORE, _recurring_yearly_before),
            ("recurring_yearly_date", RECURRING_YEARLY_DATE, _recurring_yearly_date),
            ("recurring_weekday", RECURRING_WEEKDAY, _recurring_weekday),
            ("recurring", RECURRING, _recurring),
            ("date_range", DATE_RANGE, _date_range),
            ("working_day_of_month", WORKING_DAY_OF_MONTH, _working_day_of_month),
            ("relative", RELATIVE, _relative),
            ("explicit_date", EXPLICIT_DATE, _explicit_date),
            ("half_year", HALF_YEAR, _half_year),
            ("quarter", QUARTER, _quarter),
            ("month", MONTH, _month),
            ("month_cell", MONTH_CELL, _month_cell),
            ("years_cell", YEARS_CELL, _years_cell),
            ("year", YEAR, _year),
            ("day_only", DAY_ONLY, _day_only),
            ("ongoing", ONGOING, _ongoing),
            ("tomorrow", TOMORROW, _tomorrow),
            ("immediate", IMMEDIATE, _immediate),
        ]
    )
)


_GENERIC_RECURRING = next(f.order for f in FAMILIES if f.name == "recurring")


# --------------------------------------------------------------------------------------------
# Traps: spans whose dates and periods are not deadlines.
# --------------------------------------------------------------------------------------------

# A clock time ("10h00", "10 giờ", "12h00’", "16 giờ 30 phút chiều") and "lúc" before one.
_CLOCK = (
    r"\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2})?(?:\s*(?:phut|p))?\s*['’]?"
    r"\s*(?:sang|chieu|trua|toi)?\s*,?\s*"
)
_AT_TIME = rf"luc\s+{_CLOCK}"
_DAYTIME = r"(?:sang|chieu|trua)\s+(?:nay\s+|hom\s+nay\s+|qua\s+)?,?\s*"
# Where the subject of a cited document gives way to the task: "yêu cầu", "hoàn thành trong quý
# II/2023", "trước ngày 15/3", or a comma before a new subject ("..., các sở", "..., UBND tỉnh");
# other commas belong to the subject ("về việc tăng cường kỷ luật, kỷ cương hành chính").
_TITLE_ENDS = (
    r"(?<![a-z])(?:yeu\s+cau|de\s+nghi|giao|hoan\s+thanh|hoan\s+tat|xong|truoc|cham\s*nhat"
    r"|muon\s+nhat|han\s+chot|thoi\s+han|trong\s+(?:vong|thoi\s+han))(?![a-z])"
    r"|,\s*(?:cac|moi|ubnd|uy\s+ban|hdnd|so|bo|ban\s+(?!hanh)|van\s+phong|cong\s+an|chu\s+tich"
    r"|giam\s+doc|thu\s+truong|tinh|huyen|xa|phuong|thanh\s+pho|dong\s+thoi|trong\s+do"
    r"|theo\s+do|nay|de|nham)(?![a-z])"
    # "Quyết định số 66/2009/QĐ-TTg về chính sách nhà ở ..., trình Thủ tướng trong quý IV".
    r"|,\s*(?:trinh(?!\s+tu)|gui|nop)(?![a-z])"
    # "sửa đổi Nghị định số 52/2013/NĐ-CP về thương mại điện tử trong quý III năm 2020.": the
    # period that ends the sentence is when the work is due.
    r"|(?<![a-z])trong\s+(?:quy|thang|nam)\s+[\divx]+(?:\s*(?:/|nam)\s*\d{4})?\s*(?=[.;]|$)"
)
# Words that make what follows a deadline: a cited document never has them between its name
# and its date.
_CUE_WORD = (
    r"(?:truoc|cham|muon|han|trong|den|toi|vao|hoan|xong|ket|gui|nop|trinh|bao|thuc|ngay)(?![a-z])"
)

# Reaching a standard: "đạt chuẩn (nông thôn mới)", "về đích", "(xã) đăng ký hoàn thành".
_STANDARD = (
    r"dat\s+chuan|ve\s+dich|dat\s+(?:ntm|nong\s+thon\s+moi)|dang\s+ky\s+(?:hoan\s+thanh|dat|ve)"
    r"|hoan\s+thanh\s+xay\s+dung\s+(?:ntm|nong\s+thon\s+moi)"
)


# A clause after a comma that sets its own due date ("Dự báo mưa lớn, các đơn vị báo cáo trước
# ngày 10/01"): a trap over a forecast ends before it.
_DUE_CLAUSE = (
    r",(?=[^.;,\n]*?(?<![a-z])(?:truoc|cham\s*nhat|han|trong\s+(?:vong\s+)?\d+\s+ngay)(?![a-z]))"
)


# A due phrase between a cited number and "về": "Thực hiện Công văn số 5/UBND, báo cáo trước ngày
# 20/12 về Sở Nội vụ" reports to the department ("về"), and the title is not cited.
_DUE_BETWEEN = (
    r"(?<![a-z])(?:truoc|cham\s*nhat|han\s+chot|dinh\s+ky|hang\s+(?:thang|quy|tuan|nam)"
    r"|trong\s+(?:thang|quy|nam))(?![a-z])"
)
TRAPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "Công văn số 15/10/23", "số nhà 12/3/25 đường Nguyễn Trãi": a number with its slashes (a
    # document's, a house's), not a date with a two-digit year.
    (
        "numbered",
        re.compile(
            r"(?<![a-z])(?:so(?:\s+nha)?|hem|ngo|kiet|ngach)\s*:?\s*\d{1,4}(?:\s*/\s*\d{1,4}){2,}"
        ),
    ),
    # "Công văn số 7454/BKHĐT-PTDN ngày 12 tháng 9 năm 2017 (của Bộ ...)", "Quyết định số
    # 12/QĐ-UBND ngày 05/01/2023": the date of a cited document.
    (
        "cited_document",
        re.compile(
            rf"(?<![\w/])(?:so\s*:?\s*)?{DOC_NUMBER}\s*,?\s*(?:\(\s*)?(?:ban\s+hanh\s+)?ngay\s+{DATE_ANY}"
            # "công văn số 3025 ngày 13/5/2022" (its code left out), a paper's "số ra ngày 2-8".
            rf"|(?<![a-z]){DOCUMENT_NOUN}\s+so\s+\d+\s*,?\s*ngay\s+{DATE_ANY}"
            rf"|(?<![a-z])so\s+ra\s+ngay\s+{DATE_ANY}"
        ),
    ),
    # "Ngày 05 tháng 01 năm 2023, UBND tỉnh tổ chức Hội nghị", "Chiều nay 8/10/2020, Giám đốc
    # Sở ...", "Vào lúc 10h00 ngày 21/7, Chủ tịch UBND tỉnh ...": the narrative opens with a date.
    (
        "narrative_date",
        re.compile(
            rf"(?:^|(?<=[\n.;:!?]))\s*[-+*•]?\s*(?:hom\s+nay\s*,?\s*|{_DAYTIME}|toi\s+|vao\s+)?"
            # "14h00’ ngày 06/9, làm việc với UBND huyện": a programme's hour and day.
            rf"(?:{_AT_TIME}|{_CLOCK}(?=ngay\s))?(?:ngay\s+)*{DATE_ANY}\s*,"
        ),
    ),
    # "..., sáng 3-2, Phó chủ tịch UBND tỉnh đã ký": a part of the day with a date, set off by
    # commas, says when something happened ("tối" is left out: without accents it is "tới").
    ("daytime_date", re.compile(rf"(?<=,)\s*{_DAYTIME}(?:ngay\s+)?{DATE_ANY}\s*,")),
    # "(lúc 10 giờ ngày 18.5.2021)", "Vào lúc 10h00 ngày 21/7": "lúc" stamps the time of an event.
    (
        "event_time",
        re.compile(rf"(?:^|(?<=[\n.;:!?(,]))\s*(?:vao\s+)?{_AT_TIME}(?:ngay\s+)?{DATE_ANY}"),
    ),
    # "công văn chỉ đạo hoả tốc ngày 2-2 của Thủ tướng", "Công điện ngày 21/7": a document cited
    # by its date, without a number.
    (
        "cited_document_by_date",
        re.compile(
            rf"""(?<![a-z]){DOCUMENT_NOUN}(?:
                  \s*,?\s*\(?\s*ngay\s+{DATE_ANY}(?![\d/])  # "văn bản (ngày 15/7/2021)"
                | (?:\s+(?!{_CUE_WORD})[a-z]+){{1,5}}\s+ngay\s+{DATE_ANY}\s*,?\s*cua(?![a-z]))""",
            re.VERBOSE,
        ),
    ),
    # "Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng về việc phát động thi đua ... hằng năm":
    # the subject (trích yếu) of a numbered, so already issued, document is its own business.
    (
        "cited_title",
        re.compile(
            rf"""(?<![\w/]){DOC_NUMBER}(?:(?!{_DUE_BETWEEN})[^;\n]){{0,80}}?(?<![a-z])(?:ve\s+viec|v/v|ve)(?![a-z])
            (?:(?!{_TITLE_ENDS})[^;\n(.]|\.(?=\S)|\([^)\n]{{0,80}}\))*""",
            re.VERBOSE,
        ),
    ),
    # "Ngày 14 tháng 03 năm 2019" alone: a page's or a letter's dateline.
    # A web page's section and date, "Xã hội 02-12-2022": a word or three, no due word.
    (
        "dateline",
        re.compile(
            rf"^\s*(?:ngay\s+{DATE_ANY}"
            r"|(?!.*(?<![a-z])(?:truoc|han|cham|den|toi|xong|trong|vao|nop|gui|bao\s+cao)(?![a-z]))"
            r"[a-z]+(?:\s+[a-z]+){0,2}\s+\d{1,2}[/-]\d{1,2}[/-]\d{4})\s*\.?\s*$"
        ),
    ),
    # "kỷ niệm 60 năm Ngày giải phóng (20/11/1960 – 20/11/2020)": a day remembered, years apart.
    ("anniversary", re.compile(r"\((\d{1,2})/(\d{1,2})/\d{4}\s*[-–]\s*\1/\2/\d{4}\)")),
    # "trong dịp nghỉ lễ Quốc khánh 02/9/2023": the holiday's day ("trước dịp lễ 2/9" is a due
    # date).
    (
        "holiday_day",
        re.compile(
            rf"(?<!truoc\s)(?<!sau\s)(?<![a-z])(?:trong\s+)?dip\s+nghi\s+(?:le|tet)\s"
            # (no due cue between: "... dịp Tết Nguyên đán trước ngày 20/01/2019" is one)
            rf"(?:(?!(?:truoc|cham|han|den|toi)(?![a-z]))[^.;,\d]){{0,40}}?{DATE_ANY}"
            rf"(?:\s*(?:,|va|-)\s*{DATE_ANY})*"  # "dịp nghỉ Lễ 30/4 và 01/5/2021"
        ),
    ),
    # "lấy ngày 10-10 hằng năm là Ngày Chuyển đổi số tỉnh": a day observed every year.
    (
        "observed_day",
        re.compile(rf"(?<![a-z])ngay\s+{DATE_ANY}\s+(?:hang|hằng)\s+nam\s+la\s+ngay(?![a-z])"),
    ),
    # "21:27 | 24/03/2019", "Ngày đăng: 05:55, 27/11/2012", "04/08/2019, 16:22 GMT+07": when a web
    # page was posted (a document writes "16 giờ", "16h00"; "trước 16:00 ngày ..." keeps its cue).
    (
        "posted_at",
        re.compile(
            rf"(?:^|(?<=[\n|(])|(?:ngay\s+dang|cap\s+nhat(?:\s+luc)?|dang\s+(?:luc|ngay))\s*:?)"
            # "Cập nhật lúc15:53, Thứ Sáu, 01/02/2019 (GMT+7)"
            # "14:6, Thứ Tư, 11-1-2023 (Quang Binh Portal)": a portal drops the minutes' zero.
            rf"\s*\d{{1,2}}:\d{{1,2}}(?::\d{{2}})?\s*(?:[|,]\s*)?(?:thu\s+\w+\s*,\s*|chu\s+nhat\s*,\s*)?"
            rf"(?:ngay\s+)?{DATE_ANY}"
            rf"|(?<![\d/.-])(?<![a-z]\s){DATE_ANY}\s*,?\s*\d{{1,2}}:\d{{2}}(?!\d)"
            rf"|\[\s*{DATE_ANY}\s*\]"  # "Cục ... đề nghị báo cáo tình hình ... [08-02-2017]"
            # "Ngày cập nhật 19/02/2019", "Ngày đăng tin: ..."
            rf"|(?<![a-z])ngay\s+(?:cap\s+nhat|dang(?:\s+tin)?)\s*:?\s*{DATE_ANY}"
        ),
    ),
    # "Kiên Giang, ngày 28 tháng 8 năm 2019": the place and date of issue.
    (
        "place_and_date",
        re.compile(
            # ("Theo Sở GD-ĐT, ngày 23/6, ...": a source, then a date of the news; no place.)
            rf"(?:^|\n)\s*(?!theo\s)(?![^\n,]*(?<![a-z])(?:truoc|cham|han|gio|den|trong|vao)(?![a-z]))"
            rf"[^\n,;.\d]{{2,40}},\s*ngay\s+{DATE_ANY}(?![\d/])(?!\s+la\s+(?:thoi\s+)?han\s)"
        ),
    ),
    # "tình hình giá ... những tháng cuối năm 2019": the months a report is about; "nhiệm vụ trọng
    # tâm tháng 11 và những tháng cuối năm 2025": work of the season, due at no month's end.
    (
        "closing_months",
        re.compile(
            r"(?<![a-z])(?:thang\s+\d{1,2}\s+va\s+)?(?:nhung|cac)\s+(?:thang|ngay)\s+cuoi\s+nam"
        ),
    ),
    # "phục vụ nhu cầu của Nhân dân dịp cuối năm": the season; "không để dồn khối lượng thanh
    # toán vào cuối năm", "không để tồn đọng hồ sơ vào cuối năm": what must not happen then.
    (
        "season",
        re.compile(
            r"(?<![a-z])dip\s+cuoi\s+nam"
            r"|(?<![a-z])(?:don|ton\s+dong)\s+(?:[a-z]+\s+){0,6}?vao\s+cuoi\s+nam"
            # "gắn kết quả giải ngân với xếp loại thi đua cuối năm": the year-end rating.
            # ("... xếp loại cán bộ, công chức cuối năm": whom it rates, a comma between.)
            r"|(?<![a-z])(?:xep\s+loai|thi\s+dua|binh\s+xet)(?:\s*,?\s+[a-z]+){0,5}?\s+cuoi\s+nam"
            r"(?!\s+\d)"
            # "ứng phó mưa lũ cuối năm": the season's floods; "tổng kết cuối năm học": the
            # school year's end, no calendar date.
            r"|(?<![a-z])(?:mua\s+)?(?:lu|bao)(?:\s*,\s*(?:lu|bao|ngap\s+lut))?\s+cuoi\s+nam"
            r"|(?<![a-z])cuoi\s+nam\s+hoc"
        ),
    ),
    # "canh tác ổn định từ trước năm 2004": since a time gone by, not by a time to come.
    (
        "since_before",
        re.compile(r"(?<![a-z])tu\s+truoc\s+(?:nam|ngay|thang)\s+[\d/.\s]{1,12}(?:nam\s+\d{4})?"),
    ),
    # "bảo đảm trả kết quả trong ngày": how fast a service answers, not a deadline of the work.
    (
        "service_standard",
        re.compile(r"(?<![a-z])(?:tra|co)\s+ket\s+qua(?:\s+xet\s+nghiem)?\s+trong\s+ngay(?!\s+\d)"),
    ),
    # "đánh giá kết quả ... trong 9 tháng năm 2023": the months a report is about (not the 9th
    # of May, "tháng Năm"; "9 tháng đầu năm 2023" is read as a half-year is).
    ("months_of_year", re.compile(r"(?<![a-z\d/])(?<!ngay\s)\d{1,2}\s+thang\s+nam\s+\d{4}")),
    # "chi trả trợ cấp xã hội hằng tháng", "lương hưu hằng tháng": a benefit paid monthly.
    (
        "monthly_benefit",
        re.compile(
            r"(?<![a-z])(?:tro\s+cap|phu\s+cap|luong\s+huu|luong|sinh\s+hoat\s+phi)"
            r"(?:\s+[a-z]+){0,5}?\s+(?:hang|moi)\s+thang(?![a-z])"
        ),
    ),
    # "giai đoạn 2021-2025", "Kế hoạch 5 năm 2021 - 2025", "nhiệm kỳ 2020-2025".
    ("year_range", re.compile(r"(?<!\d)(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}(?!\d)")),
    # "đến năm 2030, tầm nhìn đến năm 2050": horizons.
    ("horizon", re.compile(r"(?<![a-z])(?:tam\s+nhin|dinh\s+huong)?\s*(?:den|toi)\s+nam\s+\d{4}")),
    # "xã đạt chuẩn nông thôn mới vào năm 2022", "phấn đấu về đích trong năm 2018", "năm 2023
    # có các xã ... đạt NTM kiểu mẫu": when a place is to reach a standard, a target, not work due.
    (
        "standard_target",
        re.compile(
            # A place, then the standard it reaches, then the year ("các xã Cẩm Vũ, Cẩm Phúc
            # phấn đấu về đích trong năm 2018"); "công nhận các trường đạt chuẩn quốc gia
            # trong năm 2023" names no place and is work.
            rf"(?<![a-z])(?:xa|huyen|thon|phuong|thi\s+xa)\b[^.;]{{0,60}}?(?:{_STANDARD})"
            rf"(?:\s+(?:nong\s+thon\s+moi|ntm))?(?:\s+(?:kieu\s+mau|nang\s+cao))?(?:\s*\([^)]*\))?"
            rf"\s+(?:ngay\s+)?(?:(?:trong|vao)\s+)?nam\s+(?:19|20)\d\d"
            # "... để phấn đấu đạt chuẩn nông thôn mới ngay trong năm 2019": the aim, likewise.
            rf"|(?<![a-z])phan\s+dau\s+(?:{_STANDARD})(?:\s+(?:nong\s+thon\s+moi|ntm))?"
            rf"\s+(?:ngay\s+)?(?:(?:trong|vao)\s+)?nam\s+(?:19|20)\d\d"
            # "năm 2023 có các xã Quang Minh, Đoàn Thượng ... đạt NTM kiểu mẫu"
            rf"|(?<![a-z])nam\s+(?:19|20)\d\d\s*,?\s*(?:[a-z]+\s+){{0,2}}?co\s+(?:cac\s+)?(?:\d+\s+)?xa\b"
            rf"[^.;]{{0,80}}?(?:{_STANDARD})"
        ),
    ),
    # "kết quả sau hai tháng triển khai", "sơ kết sau 3 năm thực hiện": time gone by.
    (
        "time_elapsed",
        re.compile(
            r"(?<![a-z])(?:sau|qua)\s+(?:\d{1,2}|mot|hai|ba|bon|nam|sau|muoi)\s+"
            r"(?:ngay|tuan|thang|nam)\s+(?:trien\s+khai|thuc\s+hien|hoat\s+dong|van\s+hanh)"
        ),
    ),
    # "trước, trong và sau Tết", "dịp trước và sau Tết": a season, not a deadline.
    (
        "tet_season",
        re.compile(
            r"(?<![a-z])(?:truoc\s*,?\s*trong|truoc|trong)\s*(?:,|va)\s*sau\s+(?:ky\s+nghi\s+)?tet"
        ),
    ),
    # "có hiệu lực (thi hành) kể từ ngày ký / sau 10 ngày kể từ ngày ký": when a text takes effect.
    (
        "effective",
        re.compile(
            r"(?<![a-z])hieu\s+luc(?:\s+thi\s+hanh)?\s+(?:ke\s+)?(?:tu|sau)\s+[^.;\n]{0,40}?"
            r"(?:ngay\s+(?:ky|ban\s+hanh)|\d{4})"
            # "Bảng giá đất áp dụng ngày 1-1-2026": from when a rule applies.
            rf"|(?<![a-z])(?<!nhat\s)(?<!truoc\s)(?<!han\s)ap\s+dung\s+(?:ke\s+)?(?:tu\s+)?ngay\s+{DATE_ANY}"
        ),
    ),
    # "(kể) từ ngày 01/3", "áp dụng từ 12h00 ngày 23/12/2021" alone start a period; a range's end
    # is read by the date_range family.
    (
        "period_start",
        re.compile(
            # (Not the weekday "thứ Tư ngày 07/02/2024".)
            rf"(?<![a-z])(?<!thu\s)(?:ke\s+)?tu\s+(?:luc\s+)?(?:{_CLOCK})?"
            # "từ sáng thứ 7, ngày 05/03/2016"
            rf"(?:(?:sang|chieu|toi)\s+)?(?:thu\s+(?:\d|hai|ba|tu|nam|sau|bay)\s*,?\s*)?"
            # ("từ ngày 27-28/01" is a range of days, not the 27th of February 2001.)
            # ("từ ngày 12.3-30.4" is a range, not the 12th of March 2030.)
            rf"(?:ngay\s+)?(?!\d{{1,2}}\s*-\s*\d{{1,2}}\s*/){DATE_ANY}(?![\d/])(?!\.\d)"
        ),
    ),
    # "Thời hạn ủy quyền: Từ ngày 20/8/2026 đến hết ngày 28/02/2027": how long a power or a
    # licence holds.
    (
        "validity",
        re.compile(
            r"(?<![a-z])thoi\s+han\s+(?:cua\s+)?(?:uy\s+quyen|hieu\s+luc|cho\s+thue"
            r"|giay\s+phep|giay\s+chung\s+nhan)(?![a-z])[^.;,\n]*"
        ),
    ),
    # "Tổng kiểm kê tài sản công ... thời điểm 0h00 ngày 01 tháng 01 năm 2026", "số liệu tại thời
    # điểm 31/12/2025": the moment a count or a figure refers to.
    (
        "reference_moment",
        re.compile(
            r"(?<![a-z])thoi\s+diem\s+(?:(?:0\s*h\s*00|0\s*gio(?:\s*00)?)\s*,?\s*)?(?:ngay\s+)?"
            rf"{DATE_ANY}(?![\d/])"
        ),
    ),
    # "Người có văn bằng được cấp trước ngày 01/01/2024 thì ...", "các dự án đã được phê duyệt từ
    # ngày 01/7/2025": which things a rule covers, by when they were issued ("hồ sơ phải được cấp
    # trước ngày ..." is work).
    (
        "issued_before",
        re.compile(
            r"(?<![a-z])(?<!phai\s)(?<!can\s)(?:duoc|da)\s+(?:duoc\s+)?(?:cap(?:\s+phep)?"
            r"|phe\s+duyet|ban\s+hanh|ky|thanh\s+lap|cong\s+nhan|tuyen\s+dung|bo\s+nhiem"
            r"|khoi\s+cong|tiep\s+nhan|dua\s+vao\s+su\s+dung)"
            rf"(?:\s+(?!hoan\b|xong\b)[a-z]+){{0,6}}?\s+(?:truoc|tu|sau|ke\s+tu)\s+ngay\s+{DATE_ANY}"
        ),
    ),
    # "chậm nhất là ngày 30 tháng 01 năm sau năm phát sinh thông tin thay đổi", "ngày 30 tháng 7
    # năm kết thúc thời gian miễn": a rule's day in a year some event sets, not this one. ("ngày
    # 15 tháng 02 của năm liền kề sau năm báo cáo", "... năm sau năm thực hiện / năm kế hoạch" are
    # a yearly report's day.)
    (
        "event_year",
        re.compile(
            r"(?<![a-z])ngay\s+\d{1,2}\s*(?:thang\s+|[/.-]\s*)\d{1,2}\s+(?:cua\s+)?nam\s+"
            r"(?:sau\s+nam(?!\s+(?:bao\s+cao|thuc\s+hien|ke\s+hoach)(?![a-z]))|truoc\s+nam"
            r"|ket\s+thuc|phat\s+sinh|dau\s+tien)(?![a-z])"
        ),
    ),
    # "tiếp tục thực hiện các biện pháp hạn chế tụ tập đông người ... kể từ ngày 16 tháng 4 năm
    # 2020 cho đến hết ngày 24 tháng 4 năm 2020": how long a measure applies.
    (
        "measure_period",
        re.compile(
            rf"(?<![a-z])ke\s+tu\s+(?:ngay\s+)?{DATE_ANY}\s*,?\s*(?:cho\s+)?(?:den|toi)\s+"
            rf"(?:het\s+)?(?:ngay\s+)?{DATE_ANY}(?![\d/])"
        ),
    ),
    # "Thời gian Hội thi: Từ ngày 26/3 đến ngày 30/3/2012", "Thời gian tổ chức giải dự kiến từ
    # ngày 03/8 đến 02/9/2019", "dự kiến thời gian tổ chức Lễ kỷ niệm vào ngày 19/4/2022": when
    # an event is held, not when work is due.
    (
        "event_time",
        re.compile(
            r"(?:(?:^|(?<=[\n.;:]))[\s\d.)\-+*•]*|(?<=du\skien\s))"
            r"thoi\s+gian\s+(?:(?:to\s+chuc|dien\s+ra|khai\s+mac)"
            r"(?!\s+(?:thuc\s+hien|trien\s+khai))|hoi\s+(?:thi|nghi|giang)|cuoc\s+thi|ky\s+thi|giai"
            r"|le|thi)(?![a-z])[^.;\n]*"
        ),
    ),
    # "Mực nước tăng dần từ giữa tháng 8": when something starts; "từ giữa tháng 3 đến cuối
    # tháng 4": the start of a range, whose end is the deadline.
    (
        "month_start",
        re.compile(
            r"(?<![a-z])(?:ke\s+)?tu\s+(?:(?:dau|giua|cuoi)\s+)?thang\s+\d{1,2}"
            r"(?:\s*[/-]\s*\d{4}|\s+nam\s+\d{4})?(?![\d/\-])(?!\s*(?:-|nam))"
        ),
    ),
    # "Tuy nhiên, đến ngày 24-10, nhiều đơn vị chưa nộp báo cáo": how things stood that day.
    (
        "as_of",
        re.compile(
            rf"(?<![a-z])den\s+(?:het\s+)?ngay\s+{DATE_ANY}\s*,(?=[^.;\n]{{0,80}}?\s(?:chua|da|moi)\s)"
        ),
    ),
    # "Đơn vị nào đến ngày 30.9 giải ngân dưới 60% thì ... phải giải trình", "Nếu đến ngày 15/3
    # chưa hoàn thành thì ...": the day a condition is tested, not work due.
    (
        "condition_day",
        re.compile(
            rf"(?<![a-z])(?:nao|neu)\s+(?:den|qua|sau)\s+(?:het\s+)?ngay\s+{DATE_ANY}"
            r"(?=[^.;\n]{0,120}?\sthi\s)"
        ),
    ),
    # "hướng tới mục tiêu trên 70% dân số được tiêm vắc xin đến hết quý I/2022": an aim.
    ("aim", re.compile(r"(?<![a-z])huong\s+toi\s+muc\s+tieu\b[^.;\n]*")),
    # "Công tác giám sát được tiến hành thường xuyên, liên tục trong năm 2025": all year round.
    (
        "all_along",
        re.compile(
            r"(?<![a-z])thuong\s+xuyen\s*,?\s*(?:va\s+)?lien\s+tuc\s+trong\s+(?:suot\s+)?"
            r"(?:nam|quy|thang)\s[^,;.\n]{0,30}"
        ),
    ),
    # "tạm dừng đóng bảo hiểm xã hội ... đến hết tháng 6 năm 2020", "không tổ chức kiểm tra định kỳ
    # trong năm 2020": how long a relief lasts, not when work is due.
    (
        "relief_period",
        re.compile(
            # ("cắt giảm thủ tục", "tinh giảm biên chế", "giảm thiểu ô nhiễm" are work; "cắt giảm
            # 50% mức thu phí" is a relief.)
            # ("miền núi", "miền Trung": regions, folded like "miễn".)
            r"(?<![a-z])(?:tam\s+dung|tam\s+hoan|mien(?!\s+(?:nui|trung|bac|nam|tay|dong|xuoi|bien|que))"
            r"|khong\s+(?:to\s+chuc|thu|tinh)"
            # Only what is paid: "giảm 30% tiền thuê đất", "giảm lãi suất"; not "giảm ùn tắc",
            # "kéo giảm tai nạn", "giảm tỷ lệ ...", nor "Giám đốc", "giám sát" (the same letters).
            r"|(?<!cat\s)(?<!cat,\s)(?<!tiet\s)(?<!tinh\s)giam(?=\s+(?:\d[\d,.]*\s*%\s+)?"
            r"(?:muc\s+)?(?:thue|phi|le\s+phi|tien|lai|gia|hoc\s+phi|muc\s+thu|\d)(?![a-z]))"
            r"|cat\s+giam(?=\s+(?:\d[\d,.]*\s*%\s+)?(?:muc\s+thu|phi|le\s+phi|thue|tien)))\s"
            # (Not past a clause that reports on it: "Nghiên cứu giảm lãi suất ..., báo cáo Thủ
            # tướng Chính phủ trong tháng 02/2026.")
            r"(?:(?!,\s*(?:bao\s+cao|trinh|hoan\s+thanh)\b)[^.;\n]){0,100}?"
            r"(?:den\s+het|trong)\s*:?\s+(?:thang|quy|nam)\s[^,;.\n]{0,30}"
        ),
    ),
    # "đạt mức cao nhất năm tại Tân Châu vào khoảng cuối tháng 9, đầu tháng 10": about when
    # something is expected, not a due date.
    (
        "about_when",
        re.compile(
            r"(?<![a-z])(?:vao\s+)?khoang\s+(?:(?:cuoi|dau|giua)\s+)?thang\s+\d{1,2}"
            r"(?:\s*(?:,|-|den|va)\s*(?:(?:cuoi|dau|giua)\s+)?thang\s+\d{1,2})*"
        ),
    ),
    # "cây trồng bị thiệt hại do khô hạn gây ra trong năm 2010": when something happened.
    (
        "happened",
        re.compile(r"(?<![a-z])(?:gay|xay|phat\s+sinh)\s+ra\s+(?:trong|vao|tu)\s+[^,;.\n]{0,30}"),
    ),
    # "Theo dự kiến, trong tháng 9 và quý IV, lượng vaccine về nhiều": a forecast; "Dự kiến
    # công tác chấm điểm kết thúc vào đầu tháng 01/2018": when something is expected to end.
    # "Hội nghị ..., dự kiến tổ chức vào đầu tháng 6/2010": when an event is planned; "dự kiến,
    # đến ngày 20/4, Thanh Hóa sẽ có 6 địa phương về đích": a forecast of results.
    (
        "forecast",
        re.compile(
            rf"(?<![a-z])(?:theo\s+du\s+kien\s*,|du\s+bao)(?:(?!{_DUE_CLAUSE})[^.;\n])*"
            r"|(?<![a-z])du\s+kien\s+(?:se\s+)?(?:to\s+chuc|dien\s+ra|khai\s+mac|bat\s+dau|hop)\b[^.;,\n]*"
            r"|(?<![a-z])du\s+kien\s*,\s*(?:den|vao|trong)\s[^.;\n]*?\sse\s"
            # "Dự kiến công tác chấm điểm CCHC kết thúc vào đầu tháng 01/2018."
            r"|(?<![a-z])du\s+kien\s[^.;,\n]{0,60}?\s(?:ket\s+thuc|dien\s+ra)\s+vao\b[^.;,\n]*"
        ),
    ),
    # "số liệu tính đến ngày 31/12/2019", "tính từ ngày 01/01 đến ngày 30/06": the cut-off or the
    # period of the figures reported, not a deadline.
    (
        "data_cutoff",
        re.compile(
            rf"""(?<![a-z])tinh\s+(?:tu\s+(?:ngay\s+)?{DATE_ANY}\s*(?:den|toi|-)
              # "Tính từ ngày 15 tháng 12 của năm trước kỳ báo cáo đến ngày 14 tháng 3"
              |tu\s+ngay\s+[^.;\n]{{0,60}}?\s(?:den|toi)|den|toi)
            # "Tính đến hết tháng 7, huyện Cẩm Giàng có 9 xã đạt chuẩn": a month too.
            \s*(?:het\s+)?(?:(?:ngay\s+)?{DATE_ANY}(?![\d/])|thang\s+\d{{1,2}}(?![\d/]))""",
            re.VERBOSE,
        ),
    ),
    # "biến động sĩ số thời điểm từ đầu năm học đến ngày 15/10": the time the figures cover.
    (
        "figures_period",
        re.compile(
            rf"""(?<![a-z])(?:thoi\s+diem|tu\s+dau\s+(?:nam|ky|thang)(?:\s+hoc)?)[^.;\n]{{0,40}}?
            (?:den|toi)\s*(?:het\s+)?(?:ngay\s+)?{DATE_ANY}(?![\d/])""",
            re.VERBOSE,
        ),
    ),
    # "rà soát các nhiệm vụ có thời hạn hoàn thành trong năm 2025": the deadline of other work,
    # the subject of this one.
    (
        "described_deadline",
        re.compile(
            r"(?<=[a-z]\s)co\s+(?:thoi\s+)?han\s+(?:hoan\s+thanh|thuc\s+hien|xu\s+ly)?"
            r"[^.;,\n]{0,40}"
        ),
    ),
    # "Kỳ thi ... được tổ chức vào các ngày 26, 27, 28, 29/6/2024", "các hoạt động xuyên suốt từ
    # 15/8 đến 2/9": when an event takes place.
    (
        "event_held",
        re.compile(
            rf"""(?<![a-z])(?:(?:duoc\s+(?:to\s+chuc|dien\s+ra|khai\s+mac)|(?:se\s+)?(?:dien\s+ra|khai\s+mac)
              |xuyen\s+suot)  # "các hoạt động xuyên suốt từ 15/8 đến 2/9"
            \s+(?:vao|trong|tu)\s+)
            (?:luc\s+)?{_TIME}?  # "được tổ chức vào lúc 8 giờ 00 ngày 26/3"
            (?:cac\s+)?(?:ngay\s+)?(?:\d{{1,2}}\s*,\s*)*{DATE_ANY}
            (?:\s*(?:den|-)\s*(?:het\s+)?(?:ngay\s+)?{DATE_ANY})?""",
            re.VERBOSE,
        ),
    ),
    # "Học sinh sẽ tựu trường vào ngày 29/8", "khai giảng năm học mới ngày 5/9": the school year's
    # days (after a due word, "trước khi tựu trường 29/8", a due date: see _trap_spans).
    (
        "school_days",
        re.compile(
            rf"(?<![a-z])(?:tuu\s+truong|khai\s+giang(?:\s+nam\s+hoc(?:\s+moi)?)?|be\s+giang"
            rf"|nhap\s+hoc)\s+(?:(?:vao|tu)\s+)?(?:ngay\s+)?{DATE_ANY}"
        ),
    ),
)


# Traps whose first word loses a distinction with its accents: "tính" (counted) is not "tỉnh"
# (province). Without diacritics the text cannot tell them apart, and the trap is not set.
_TRAP_FIRST_WORD = {"data_cutoff": "tính", "since_before": "từ"}


# "văn bản số 558 Tăng cường các biện pháp phòng, chống dịch sau Tết Nguyên đán.": a cited
# document's number followed by its title, in capitals.
_NUMBER_THEN_TITLE = re.compile(
    # (A number's dot is inside it: "số 123. Giao Sở Y tế ..." ends a sentence, no title.)
    rf"(?<![a-z]){DOCUMENT_NOUN}\s+so\s+(?:\d+(?:[a-z0-9/&\-]|\.(?=\S))*)\s+(?=[^\W\d_])"
)


def _titles_after_numbers(text: _Text) -> list[tuple[int, int]]:
    spans = []
    for match in _NUMBER_THEN_TITLE.finditer(text.flat):
        first = text.phrase(match.end(), match.end() + 1)
        if re.match(r"[a-z]{1,8}[/-][a-z]", text.flat[match.end() :]):
            continue  # "Nghị quyết số 57- NQ/TW": the rest of the number, not a title
        if first.isupper() and not text.flat.startswith(("ngay", "cua", "ve"), match.end()):
            stop = re.compile(r"[.;\n]").search(text.flat, match.end())
            spans.append((match.start(), stop.start() if stop else len(text.flat)))
    return spans


# A title in quotes: "có bài “Giải pháp bớt tiêu tốn hàng trăm tỷ mỗi năm ...”" (a quoted order
# that says when, "“... xử lý xong chậm nhất là ngày 10-2-2011”", keeps its date).
_QUOTED = re.compile(r"[“\"«]([^”\"»\n]{2,300})[”\"»]")
_DUE_WORD = re.compile(
    r"(?<![a-z])(?:truoc|cham\s*nhat|han\s+chot|thoi\s+han|xong|hoan\s+thanh)(?![a-z])"
)


def _quoted_titles(text: _Text) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text.flat) if not _DUE_WORD.search(m.group(1))]


def _scheduled(ctx: _Context, match: re.Match[str]) -> bool:
    """ "Ngày 25/6, Sở GD-ĐT thông báo điểm chuẩn" written on 16/6: a date that opens its clause
    and is still to come says when the work is done (a schedule), unless the clause tells what
    was done ("đã", "vừa") or issued."""
    parts = _DATE_PARTS.search(ctx.text.flat, match.start(), match.end())
    if parts is None or re.search(_CLOCK, ctx.text.flat[match.start() : parts.start()]):
        return False  # "07h00’ ngày 06/9, đoàn xuất phát ...": a programme's hour, an event
    year = _year_word(parts.group("y"), ctx.ref) or ctx.ref.year
    try:
        day = _dt.date(year, int(parts.group("m")), int(parts.group("d")))
    except ValueError:
        return False
    if day <= ctx.ref or (parts.group("y") is None and (day - ctx.ref).days > SCHEDULE_NEAR_DAYS):
        return False  # past, or without its year far ahead: "Ngày 29/12, ..." in January
    stop = _clause_after(ctx, match.end())
    if _ISSUING.search(ctx.text.flat, match.end(), stop) or EVENT.search(
        ctx.text.flat, match.end(), stop
    ):
        return False  # "Ngày 30/5, UBND tỉnh họp phiên thường kỳ": when an event is held
    return not (ctx.text.has_marks and _PAST_MARK.search(ctx.text.low, match.end(), stop))


def _trap_spans(ctx: _Context) -> list[tuple[int, int]]:
    text = ctx.text
    spans: list[tuple[int, int]] = _titles_after_numbers(text) + _quoted_titles(text)
    for name, pattern in TRAPS:
        word = _TRAP_FIRST_WORD.get(name)
        for m in pattern.finditer(text.flat):
            if m.end() == m.start():
                continue
            if word is not None and text.low[m.start() : m.start() + len(word)] != word:
                continue
            if name == "narrative_date" and _scheduled(ctx, m):
                continue
            if name == "year_range" and _years_filling_a_cell(ctx, m):
                continue  # a plan's time column: "| Năm 2025 - 2026", YEARS_CELL's
            if name == "school_days" and _DUE_WORD.search(
                text.flat, max(0, m.start() - 30), m.start()
            ):
                continue
            spans.append(m.span())
    return spans


class _SpanIndex:
    """Spans asked "does this one overlap any of you?" as often as a text has phrases: by
    bisection, since testing each against all takes minutes on a paragraph of thousands."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        # reach[i]: the furthest end among the spans up to the i-th.
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, a: tuple[int, int]) -> bool:
        before_end = bisect.bisect_left(self.starts, a[1])  # the spans that start before a ends
        return before_end > 0 and self.reach[before_end - 1] > a[0]


# --------------------------------------------------------------------------------------------
# dateparser fallback: an explicit date in a form the grammar does not know, after a strong cue.
# --------------------------------------------------------------------------------------------

_FALLBACK_CUE = re.compile(
    r"(?<![a-z])(?:truoc|cham\s*nhat(?:\s+la)?|han\s+chot(?:\s+la)?|thoi\s+han(?:\s+la)?)"
    r"\s*:?\s*(?:ngay\s+)?(?P<rest>[^,;\n()]{3,40})"
)
# Only hand dateparser something that looks like a written date, never "3 ngày" or "14 giờ".
_DATE_LIKE = re.compile(
    r"\d\s*[/.-]\s*\d|\d\s*(?:thg|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)


def _dateparser_settings(ref: _dt.date) -> dict[str, object]:
    return {
        "RELATIVE_BASE": _dt.datetime.combine(ref, _dt.time()),
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "future",
        "REQUIRE_PARTS": ["day", "month"],
    }


# "2023-03-15": read here, as dateparser would swap an impossible "2023-13-01" into 13/01/2023
# or drop "2023-02-29", where the officer must be asked, as for "29/02/2023".
_YEAR_FIRST = re.compile(
    r"(?P<y>\d{4})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d|[/.-]\d)"
)


def _fallback(text: _Text, ctx: _Context, taken: list[tuple[int, int]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    taken_index = _SpanIndex(taken)
    for match in _FALLBACK_CUE.finditer(text.flat):
        if taken_index.overlaps(match.span()) or not _DATE_LIKE.search(match.group("rest")):
            continue
        rest_start, rest_end = match.span("rest")
        if EXPLICIT_DATE.match(text.flat, rest_start):
            continue  # a form the grammar reads, and has read: a date it refused stays refused
        if year_first := _YEAR_FIRST.match(text.flat, rest_start):
            year, month, day = (int(year_first.group(g)) for g in ("y", "m", "d"))
            try:
                due: _dt.date | None = _dt.date(year, month, day)
            except ValueError:
                due = None
            found.append(_fallen_back(match, rest_start, year_first.end(), due, ctx))
            continue
        # Words of the low twin (it keeps the diacritics dateparser needs, at the same indexes).
        words = list(re.finditer(r"\S+", text.low[rest_start:rest_end]))[:5]
        # The longest run of up to five words that dateparser reads as a full date.
        for size in range(len(words), 0, -1):
            chunk_end = rest_start + words[size - 1].end()
            chunk = text.low[rest_start:chunk_end].rstrip(".")
            if not _DATE_LIKE.search(text.flat[rest_start:chunk_end]):
                break
            try:
                parsed = dateparser.parse(
                    chunk, languages=["vi", "en"], settings=_dateparser_settings(ctx.ref)
                )
            except Exception:  # odd input makes dateparser raise assorted errors: none are ours
                parsed = None
            if parsed is None:
                continue
            found.append(_fallen_back(match, rest_start, chunk_end, parsed.date(), ctx))
            break
    return found


def _fallen_back(
    match: re.Match[str], start: int, end: int, due: _dt.date | None, ctx: _Context
) -> _Candidate:
    """The date read after a fallback cue (None: a date that does not exist)."""
    cue = _cue_before(ctx.text, start) or _Cue(match.start(), "truoc")
    if due is not None and cue.strict_before and not ctx.inclusive:
        due -= _dt.timedelta(days=1)
    return _Candidate(
        start=match.start(),
        end=end,
        core_start=start,
        core_end=end,
        kind="date" if due is not None else "impossible",
        date=due,
        cued=True,
        order=len(FAMILIES),
    )


# --------------------------------------------------------------------------------------------
# Putting it together.
# --------------------------------------------------------------------------------------------


def _countable(candidate: _Candidate) -> _Candidate:
    """A date outside the years the calendar counts ("trước ngày 15/3/9999", "15/3/1900") is a
    slip the officer must correct, as "31/4" is: saved, the sweep could never count from it."""
    if candidate.date is None or FIRST_YEAR <= candidate.date.year <= LAST_YEAR:
        return candidate
    return replace(
        candidate,
        kind="out_of_range",
        date=None,
        recurrence=None,
        schedule_day=None,
        schedule_working_day=None,
    )


def _candidates(
    text: str,
    ref: _dt.date,
    calendar: WorkingCalendar | None,
    *,
    before_is_inclusive: bool,
    bare_ok: bool,
) -> tuple[_Text, list[_Candidate]]:
    normalised = _normalise(text)
    ctx = _Context(
        text=normalised,
        ref=ref,
        calendar=calendar or WorkingCalendar(),
        inclusive=before_is_inclusive,
        bare_ok=bare_ok,
    )
    traps = _trap_spans(ctx)
    trap_index = _SpanIndex(traps)
    found: list[_Candidate] = []
    for family in FAMILIES:
        for match in family.pattern.finditer(normalised.flat):
            if match.end() == match.start():
                continue
            candidate = family.handler(match, ctx)
            if candidate is None:
                continue
            candidate = _countable(candidate)
            if candidate.kind != "blocked" and trap_index.overlaps(
                (candidate.core_start, candidate.core_end)
            ):
                continue
            found.append(
                replace(
                    candidate,
                    order=family.order,
                    in_parens=_in_parens(normalised, candidate),
                    reported=_closes_a_report(normalised, candidate),
                    purpose=_in_purpose(normalised, candidate)
                    or _sent_by_others(normalised, candidate),
                    past=candidate.date is not None and candidate.date < ref,
                )
            )
    chosen = _resolve(found)
    fallback = [
        _countable(c)
        for c in _fallback(normalised, ctx, [(c.start, c.end) for c in chosen] + traps)
    ]
    chosen = _resolve(chosen + fallback)
    return normalised, [c for c in chosen if c.kind != "blocked"]


# "..., báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2020.", "..., gửi đến Ban Công tác đại biểu
# trước ngày 15/12": the task's own due date, the way a directive closes an item; a period earlier
# in it ("miễn thị thực ... đến hết năm 2020") is what the task is about.
_REPORT_TO = re.compile(r"\b(?:bao\s+cao|trinh|gui(?:\s+(?:den|ve|toi))?)\s+(?:[a-z]+\s+){1,6}$")
_SENTENCE_END = re.compile(r"\s*(?:[.;]|$)")
_SENT_BY_OTHERS = re.compile(r"(?<![a-z])do\s+(?:[a-z]+\s+){1,5}$")


def _clause_start(text: _Text, candidate: _Candidate) -> int:
    """Where the clause a phrase closes starts: after the last comma, colon, semicolon or stop."""
    return max(text.flat.rfind(c, 0, candidate.start) for c in ",.;:\n") + 1


def _closes_a_report(text: _Text, candidate: _Candidate) -> bool:
    flat = text.flat
    if not _SENTENCE_END.match(flat, candidate.end):
        return False
    clause = _clause_start(text, candidate)
    report = _REPORT_TO.search(flat, clause, candidate.start)
    # "... hồ sơ hợp lệ do các đơn vị gửi đến trước ngày 31/3": what others send in, by when.
    return report is not None and not _SENT_BY_OTHERS.search(flat, clause, report.start())


def _sent_by_others(text: _Text, candidate: _Candidate) -> bool:
    """ "... đối với các hồ sơ hợp lệ do các đơn vị gửi đến trước ngày 31/3": what others send
    in, by when; not the task's own date."""
    clause = _clause_start(text, candidate)
    # Tried only where a "do" starts (found once per text), not at every character of the
    # clause: on a long clause of many phrases that search takes minutes.
    starts = _do_words(text.flat)
    return any(
        _SENT_BY_OTHERS_BEFORE.match(text.flat, start, candidate.start)
        for start in starts[bisect.bisect_left(starts, clause) :]
        if start < candidate.start
    )


_SENT_BY_OTHERS_BEFORE = re.compile(r"(?<![a-z])do\s+(?:[a-z]+\s+){1,6}(?:gui|nop|chuyen)\b")
_DO_WORD = re.compile(r"(?<![a-z])do\s")


@functools.lru_cache(maxsize=16)
def _do_words(flat: str) -> list[int]:
    return [match.start() for match in _DO_WORD.finditer(flat)]


def _in_purpose(text: _Text, candidate: _Candidate) -> bool:
    """After "để"/"nhằm" in its sentence: what the task is for, not when it is due."""
    # (After a topic's colon: "Về việc chuyển rừng để thực hiện dự án: Sở ... trước ngày ...".)
    clause = max(
        _sentence_start(text.flat, candidate.start), text.flat.rfind(":", 0, candidate.start) + 1
    )
    # The words' places are found once per text: searching each phrase's sentence anew takes
    # minutes on a long sentence of many phrases (a 100 KB paragraph without a full stop).
    starts, ends = _purpose_words(text.low)
    first = bisect.bisect_left(starts, clause)
    if first < len(starts) and ends[first] <= candidate.start:
        leads = not text.low[clause : starts[first]].strip()
        if not (leads and "," in text.low[ends[first] : candidate.start]):
            return True
        # "Để thực hiện dự án, Sở ... trước ngày 15/9 để trình ...": the purpose that leads ends
        # at its comma; the next one counts.
        if first + 1 < len(starts) and ends[first + 1] <= candidate.start:
            return True
    # A word that ends right where the phrase begins ("đểtrong") ends the sentence searched.
    tail = max(clause, candidate.start - len("nhằm"))
    return _PURPOSE.search(text.low, tail, candidate.start) is not None


@functools.lru_cache(maxsize=16)
def _purpose_words(low: str) -> tuple[list[int], list[int]]:
    """Where "để", "nhằm" start and end in a text."""
    found = [match.span() for match in _PURPOSE.finditer(low)]
    return [start for start, _ in found], [end for _, end in found]


def _in_parens(text: _Text, candidate: _Candidate) -> int:
    opened = text.flat.rfind("(", 0, candidate.start)
    return int(opened >= 0 and ")" not in text.flat[opened : candidate.start])


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest phrase where phrases overlap (ties: the family listed first)."""
    chosen: list[_Candidate] = []
    # The spans kept, in order: they never overlap, so the last to start before a span ends
    # is the only one that can reach into it.
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (-c.length, c.order, c.start)):
        span = (candidate.start, candidate.end)
        before_end = bisect.bisect_left(taken, (span[1],))
        if before_end == 0 or taken[before_end - 1][1] <= span[0]:
            chosen.append(candidate)
            bisect.insort(taken, span)
    return sorted(chosen, key=lambda c: c.start)


def _to_deadline(text: _Text, candidate: _Candidate) -> Deadline:
    step_only = candidate.vague and candidate.kind == "recurring"
    return Deadline(
        # The year's end ranks the step among the text's dates; it is no day the text gives.
        date=None if step_only else candidate.date,
        kind=candidate.kind,
        recurrence=candidate.recurrence,
        phrase=text.phrase(candidate.start, candidate.end).strip(" ,;:").lstrip("-+*• "),
        time=candidate.time,
        schedule_day=None if step_only else candidate.schedule_day,
        schedule_working_day=candidate.schedule_working_day,
        step_only=step_only,
    )


def find_deadlines(
    text: str,
    ref: _dt.date,
    *,
    calendar: WorkingCalendar | None = None,
    before_is_inclusive: bool = True,
) -> list[Deadline]:
    """Find every deadline phrase in a text, in order (impossible dates come with kind "none")."""
    normalised, candidates = _candidates(
        text, ref, calendar, before_is_inclusive=before_is_inclusive, bare_ok=False
    )
    return [_to_deadline(normalised, c) for c in candidates]


def _preference(candidate: _Candidate) -> tuple[int, int, int, int]:
    """Order of preference between the deadlines of one text (smaller is better)."""
    if candidate.kind == "recurring" and not candidate.vague:
        group = 0
    elif (candidate.kind in _DATED_KINDS and candidate.date is not None) or (
        candidate.kind in UNKNOWN_DAY_KINDS
    ):
        # A day that does not exist ranks as a date whose day is unknown, so possibly the first:
        # "trước ngày 31/4/2023, ... trong quý II/2023" asks the officer, it is not the quarter.
        group = 1
    elif candidate.kind == "ongoing":
        group = 2
    elif candidate.kind == "immediate":
        group = 3
    else:
        group = 4
    # Among dated ones: a cued phrase beats a bare date, one in the main clause beats one in a
    # parenthesis ("trước ngày 20/01/2023 (trước Tết)" restates), then the earliest date wins:
    # of a task given in steps, its first due day, which a reminder must not miss. Among
    # recurring ones, a duty that names its day ("chậm nhất vào ngày 20 của tháng cuối quý")
    # beats the bare step ("Báo cáo định kỳ hàng quý:") that usually heads it, then the next
    # to come ("trước ngày 25 hàng tháng đối với báo cáo tháng, ... cuối quý đối với quý").
    earliest = candidate.date.toordinal() if candidate.date else 0
    rank = (0 if candidate.cued else 2) + candidate.in_parens - candidate.reported
    rank += 2 * candidate.purpose
    rank += candidate.vague
    # "báo cáo trước ngày 20/3/2024 kết quả ... đã phải khắc phục trước ngày 01/01/2024": a day
    # already gone by the issue date yields to one still to come.
    rank += 3 * candidate.past
    # A span counted from the document ("trong 03 ngày từ ngày 13 đến hết ngày 15", "trong 25
    # ngày và kết thúc chậm nhất vào ngày 25/4") says how long; a date beside it says by when.
    rank += candidate.kind in _COUNTED_KINDS
    if group == 0 and candidate.order == _GENERIC_RECURRING:
        # ("Báo cáo hằng quý (trước ngày 15 của tháng cuối quý)": the day named in brackets.)
        rank += 2
    return group, rank, earliest, candidate.start


def parse_deadline(
    text: str,
    ref: _dt.date,
    *,
    calendar: WorkingCalendar | None = None,
    before_is_inclusive: bool = True,
) -> Deadline:
    """Read the deadline of a phrase or a sentence, relative to the issue date ref."""
    normalised, candidates = _candidates(
        text, ref, calendar, before_is_inclusive=before_is_inclusive, bare_ok=False
    )
    if not candidates:
        return NO_DEADLINE
    chosen = _main_deadline(normalised, candidates, min(candidates, key=_preference))
    found = _to_deadline(normalised, chosen)
    if _yearly_step_before(normalised, candidates, chosen):
        return _every_year(found, ref)
    periodic = _PERIODIC_REPORT.match(normalised.flat)
    if periodic and found.kind == "date" and not re.search(r"(?:19|20)\d\d", found.phrase):
        # "- Báo cáo năm: ... gửi trước ngày 15/12": a report of every year, due each 15/12.
        period = periodic.group("period")
        # A half-year report's date ("05/7") comes back once a year; the vocabulary has no half.
        every = "yearly" if period[0] in "06s" else _REPORT_PERIODS[period.split()[-1]]
        assert found.date is not None
        return replace(found, kind="recurring", recurrence=every, schedule_day=found.date.day)
    return found


_MONTH_KINDS = ("month", "early_month", "mid_month")


def _yearly_step_before(text: _Text, candidates: list[_Candidate], chosen: _Candidate) -> bool:
    """ "Hằng năm, các sở báo cáo UBND tỉnh trong tháng 12": a month of no year written, after a
    yearly step in its sentence, is that month of every year."""
    if chosen.kind not in _MONTH_KINDS or re.search(
        r"(?:19|20)\d\d", text.flat[chosen.start : chosen.end]
    ):
        return False
    sentence = _sentence_start(text.flat, chosen.start)
    return any(
        c.kind == "recurring"
        and c.recurrence == "yearly"
        and c.vague
        and sentence <= c.start < chosen.start
        for c in candidates
    )


def _every_year(found: Deadline, ref: _dt.date) -> Deadline:
    """The month's deadline as a yearly duty: the next one on or after ref."""
    assert found.date is not None
    due = found.date
    while due < ref:
        due = _clamped(due.year + 1, due.month, due.day)
    if found.kind == "month":
        due = _month_end(due.year, due.month)
    return replace(
        found,
        date=due,
        kind="recurring",
        recurrence="yearly",
        schedule_day=MONTH_END if found.kind == "month" else due.day,
    )


def _main_deadline(text: _Text, candidates: list[_Candidate], chosen: _Candidate) -> _Candidate:
    """The task's own date where the one preferred is not: the work's completion before the
    report of its results, the rule before its exception ("riêng ...")."""
    if chosen.kind not in _DATED_KINDS or chosen.date is None:
        return chosen
    if refined := _refined_in_parens(text, candidates, chosen) or _span_in_parens(
        text, candidates, chosen
    ):
        return refined
    others = [
        c
        for c in candidates
        if c is not chosen and c.kind in _DATED_KINDS and c.date is not None and c.cued
    ]
    clause = _clause_before(text, chosen)
    if _REPORT_CLAUSE.search(clause):
        # "hoàn thành trước ngày 15/6/2024, báo cáo kết quả về UBND thành phố trước ngày 20/6":
        # the work is due on the 15th; the report that follows is part of it.
        done = [
            c
            for c in others
            if c.start < chosen.start
            and c.date is not None
            and chosen.date is not None
            and c.date <= chosen.date  # "Hoàn thành ... trước 30/9; báo cáo quý I trước 25/3"
            and _COMPLETES.search(_clause_before(text, c))
        ]
        if done:
            return done[-1]
    if _EXCEPTION.match(clause):
        # "Hạn nộp hồ sơ ... vào ngày 29/02/2012, riêng hồ sơ giáo án ... vào ngày 16/3/2012".
        kept = [c for c in others if not _EXCEPTION.match(_clause_before(text, c))]
        if kept:
            return min(kept, key=_preference)
    return chosen


_PERIOD_STARTS: dict[str, Callable[[_dt.date], _dt.date]] = {
    "month": lambda due: due.replace(day=1),
    "quarter": lambda due: _dt.date(due.year, due.month - 2, 1),
    "year": lambda due: _dt.date(due.year, 1, 1),
}


def _refined_in_parens(
    text: _Text, candidates: list[_Candidate], chosen: _Candidate
) -> _Candidate | None:
    """A day in brackets right after a period, within it: "trong tháng 3/2024 (trước ngày
    25/3/2024)" is due on the 25th (a bracket that restates, "(trước Tết)", names no earlier
    day of the period)."""
    start_of = _PERIOD_STARTS.get(chosen.kind)
    if start_of is None or chosen.date is None:
        return None
    first = start_of(chosen.date)
    for candidate in candidates:
        if (
            candidate.in_parens
            and candidate.kind == "date"
            and candidate.date is not None
            and first <= candidate.date < chosen.date
            and re.fullmatch(r"[\s,]*\(\s*", text.flat[chosen.end : candidate.start])
            # "(trước ngày 30/6 hoàn thành giai đoạn 1)" dates a phase: the day must be all.
            and re.match(r"[\s.,;]*\)", text.flat[candidate.end :])
        ):
            return candidate
    return None


def _span_in_parens(
    text: _Text, candidates: list[_Candidate], chosen: _Candidate
) -> _Candidate | None:
    """The days a count spans, given in brackets after it: "trong 03 ngày làm việc (từ ngày 08
    đến ngày 10 tháng 12 năm 2025)" ends on the 10th, whenever the count would."""
    if chosen.kind not in _COUNTED_KINDS:
        return None
    for candidate in candidates:
        if (
            candidate.in_parens
            and candidate.kind == "date"
            and candidate.date is not None
            and candidate.start > chosen.end
            # The bracket opens on the span, the date its end: "(từ ngày 08 đến ngày 10 ...)".
            and re.match(
                r"[\s,]*\(\s*(?:ke\s+)?tu\s[^()]*?\bden\s", text.flat[chosen.end : candidate.end]
            )
        ):
            return candidate
    return None


def _clause_before(text: _Text, candidate: _Candidate) -> str:
    """The clause a phrase closes, its cue included."""
    return text.flat[_clause_start(text, candidate) : candidate.core_start].strip()


_REPORT_CLAUSE = re.compile(r"^(?:va\s+)?bao\s+cao\s+ket\s+qua\b")
_COMPLETES = re.compile(r"\bhoan\s+thanh\b(?!.*\bbao\s+cao\b)")
_EXCEPTION = re.compile(r"rieng\b")  # ("ngoài ra" adds work; it makes no exception)
# A report named by its period, as a list's item: "- Báo cáo năm:", "Báo cáo 6 tháng:", "Báo
# cáo quý gửi trước ngày 05 tháng cuối cùng của mỗi quý".
_PERIODIC_REPORT = re.compile(
    r"^[\s\-–+•*]*bao\s+cao\s+(?:dinh\s+ky\s+)?(?P<period>(?:hang\s+)?nam|(?:6|06|sau)\s+thang"
    r"|(?:hang\s+)?quy|(?:hang\s+)?thang)(?:\s*:|\s+(?:gui|nop)\b)"
)
_REPORT_PERIODS = {"nam": "yearly", "thang": "monthly", "quy": "quarterly"}


def section_deadline(
    heading: str,
    ref: _dt.date,
    *,
    calendar: WorkingCalendar | None = None,
) -> Deadline | None:
    """The deadline a section heading gives its tasks ("nhiệm vụ trọng tâm tháng 01/2023")."""
    normalised, candidates = _candidates(
        heading, ref, calendar, before_is_inclusive=True, bare_ok=True
    )
    # A heading's yearly step that names no month gives the tasks under it no date.
    usable = [
        c
        for c in candidates
        if c.kind != "none"
        and c.kind not in UNKNOWN_DAY_KINDS
        and not (c.vague and c.kind == "recurring")
    ]
    if not usable:
        return None
    dated = [c for c in usable if c.date is not None]
    cued = [c for c in dated if c.cued]
    if cued:
        # "2. Bộ Tài chính thực hiện các kết luận ngày 11 tháng 01 năm 2024 ..., trình Thủ tướng
        # trước ngày 20 tháng 10 năm 2024. Trong đó chú ý:": the due date, not a cited year.
        return _to_deadline(normalised, min(cued, key=_preference))
    return _to_deadline(normalised, (dated or usable)[0])
