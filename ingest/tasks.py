"""Cut a directive's body into tasks, each with its lead and cooperating agencies and deadline."""

from __future__ import annotations

import calendar as _cal
import datetime as _dt
import difflib
import itertools
import re
from dataclasses import dataclass, field, replace

from ingest.agencies import HOLDER, NAMED_HEREAFTER, AgencyMention, Catalogue, fold
from ingest.deadlines import (
    UNKNOWN_DAY_KINDS,
    Deadline,
    find_deadlines,
    parse_deadline,
    section_deadline,
)
from ingest.metadata import (
    addressee_lines,
    attachment_range,
    body_range,
    dispatched_inline,
    header_pieces,
    opens_addressees,
)
from ingest.roles import COOPERATE, ORDINAL, TITLE, Roles, co_leads, find_roles
from ingest.text import Document, is_caps
from ingest.words import DOCUMENT_NOUN, EVENT, SCHEDULE_NEAR_DAYS, TASK_VERB
from vncalendar import WorkingCalendar
from vncalendar.dates import FIRST_YEAR, LAST_YEAR

__all__ = ["ONGOING", "TaskDraft", "extract_tasks", "find_addressees", "summarize"]

# A task that states no deadline (and sits under no dated heading) is followed up as a standing
# duty, as offices do with "nhiệm vụ thường xuyên"; the empty phrase says it was not written.
ONGOING = Deadline(date=None, kind="ongoing", recurrence=None, phrase="")
SUMMARY_LENGTH = 120


@dataclass
class TaskDraft:
    """A task read from a directive, for the officer to confirm or correct before saving."""

    text: str
    summary: str
    lead: AgencyMention | None
    cooperating: list[AgencyMention]
    deadline: Deadline
    inherited: bool
    unknown_agencies: list[str]
    source_paragraph: int
    # The days the task's own text gives besides its deadline's ("trình Chính phủ trước ngày
    # 10/12/2023; ... gửi Ban Công tác đại biểu trước ngày 15/12/2023"): the earliest is taken,
    # and the officer, who may have meant another, sees them in the preview.
    other_deadlines: tuple[Deadline, ...] = ()


# --------------------------------------------------------------------------------------------
# List markers and their depth: I. > 1. > 1.1. > a) > (1) > - > +
# --------------------------------------------------------------------------------------------

_MARKERS: tuple[tuple[float, re.Pattern[str]], ...] = (
    # "V. Kinh phí", "II. Ý kiến khác", not a reporter's initials "V.D |" at a news item's head.
    (1, re.compile(r"^(?:[IVX]{1,5})[.)/]\s+(?=\S*[^\W\d_]{2}|[^\W\d_]\s+[^\W\d_])")),
    (3, re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+")),
    (2, re.compile(r"^\d{1,2}[.)/]\s+")),
    (4, re.compile(r"^[a-zđ][).]\s+")),
    (4.5, re.compile(r"^\((?:\d{1,2}|[ivx]{1,4})\)\.?\s+")),  # "(2) ", "(iii). "
    (5, re.compile(r"^(?:[-–—•●▪]\s*|[_~]\s+)")),  # "_", "~": a dash as a scan reads it
    (6, re.compile(r"^[+◦*]\s*")),
)


_ROW_BELOW = 99.0  # the depth of a table's row under the paragraph before it
_AS_ABOVE_CELL = re.compile(r"nhu\s+tren|-\s*nt\s*-|nt|\.\s*\.\s*\.")


def _marker(paragraph: str) -> tuple[float | None, str]:
    """The depth of a paragraph's list marker (None when unmarked), and the text after it."""
    for level, pattern in _MARKERS:
        match = pattern.match(paragraph)
        if match:
            return level, paragraph[match.end() :]
    folded = fold(paragraph)
    ordinal = ORDINAL.match(folded)
    if ordinal:
        if _TOPIC.fullmatch(folded, ordinal.end()):
            return 1.5, paragraph  # "Thứ nhất, về công tác quản lý nợ": a section's heading
        return 4.5, paragraph  # "Thứ nhất, ...": above a bullet; the ordinal stays in the text
    return None, paragraph


# A field of work named, and nothing else: "về công tác quản lý nợ", "về công tác thanh tra:".
_TOPIC = re.compile(r"ve\s[^.;:!?]{2,100}:?\s*")


# --------------------------------------------------------------------------------------------
# What a paragraph is, over folded text.
# --------------------------------------------------------------------------------------------

_ATTENDANCE = re.compile(
    r"thanh\s+phan\s+(?:tham\s+)?du|(?:tham\s+)?du\s+(?:hoi\s+nghi|cuoc\s+hop|phien\s+(?:hop|giai\s+trinh|chat\s+van)|buoi\s+lam\s+viec)"
    r"\s+(?:co|gom)|du\s+hop\s+co|cung\s+du\s+(?:co|hop)|tham\s+du\s+(?:co|gom)\b"
    r"|\bdu\s+(?:buoi\s+)?tiep\s+cong\s+dan\s+co\b"  # "Dự tiếp công dân có đồng chí ..."
    # "Cùng đi có lãnh đạo các Sở: Xây dựng, Tài chính", "... Cùng đi kiểm tra có lãnh đạo ...".
    r"|(?:^|[.;]\s*)cung\s+di(?:\s+(?:kiem\s+tra|cong\s+tac|lam\s+viec|khao\s+sat))?\s+(?:co|gom)\b"
    # "Tham gia đoàn công tác có lãnh đạo các Sở: ...".
    r"|tham\s+gia\s+doan(?:\s+(?:cong\s+tac|kiem\s+tra|giam\s+sat|thanh\s+tra))?\s+(?:co|gom)\b"
    # "Ông X, Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo(,) chủ trì cuộc họp.": who chaired.
    r"|(?:,|(?<=[a-z])\s)\s*chu\s+tri\s+(?:cuoc\s+hop|hoi\s+nghi|buoi\s+(?:hop|lam\s+viec)|phien\s+hop)\s*\.?\s*$"
)
# Not work: "Đây là những kiến nghị của cử tri sau kỳ họp ..." (what something is), a price
# list's line ("Phù hiệu Taxi: 5.000 đồng/ cái."), and work already given ("Nội dung kiến nghị đã
# được UBND tỉnh chỉ đạo UBND huyện kiểm tra, giải quyết tại Công văn số ...").
_EXPLAINS = re.compile(r"^(?:day|do)\s+la\b")
# The document's last words, no part of its last item: "Chỉ thị này có hiệu lực kể từ ngày ký".
_TAKES_EFFECT = re.compile(rf"^{DOCUMENT_NOUN}\s+nay\s+co\s+hieu\s+luc\b")
# Words quoted from another text: '"Sở Xây dựng chủ trì, phối hợp ..."'.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
# What was asked before, that a news item recalls: "Trước đó, tại Công điện số 102 ngày 5/7, Thủ
# tướng yêu cầu ...".
_EARLIER = re.compile(r"\s*truoc\s+do\s*,")
# A heading whose agency directs those its items name: "... chỉ đạo:", "chỉ đạo các đơn vị:".
_DIRECTS_BELOW = re.compile(r"^\s*(?:tap\s+trung\s+)?chi\s+dao(?:\s+cac\s+[^:]{1,40})?\s*:\s*$")
# Those a task is for, told by what they did: "lấy mẫu cho người đã đến vùng dịch".
_WHO_HAD = re.compile(
    r"(?<![a-z])(?:nguoi|nhung\s+nguoi|truong\s+hop|doi\s+tuong|ho\s+dan|ca\s+nhan|du\s+an"
    r"|cong\s+trinh)\s+$"
)
_TERMINAL_STOP = re.compile(r"[.;:!?…]\W*$")
_CASE_BY_CASE = re.compile(r"\b(?:tung|cac)\s+truong\s+hop\s+(?:nhu\s+sau|sau(?:\s+day)?)\s*:$")
# Work the writer was given, recalled ("Sở Kế hoạch và Đầu tư được giao chủ trì ..."), and a
# request of this text's own.
_CHARGED = re.compile(
    r"\btheo\s+do\s*,\s*[^,;.]{3,80}?\s+duoc\s+(?:[a-z]+\s+){0,2}?(?:giao|phan\s+cong)\b"
)
_ASKS_NOW = re.compile(r"\b(?:giao|de\s+nghi|yeu\s+cau)\b")
# A plan's or a notice's last words: "Trên đây là Kế hoạch công tác ...".
_SUMS_UP = re.compile(r"tren\s+day\s+la\s+(?:ke\s+hoach|noi\s+dung|thong\s+bao|bao\s+cao)\b")
# A target stated, whatever its date: "Mục tiêu đặt ra là đến ngày 31/8/2025 hoàn thành ...".
_TARGET = re.compile(r"^(?:muc\s+tieu|chi\s+tieu)\b[^.;:]{0,40}?\bla\b")
# The weather a telegram opens with: "Theo Đài Khí tượng thủy văn tỉnh, từ nay đến ngày 20/10
# ... có mưa to", "Dự báo đêm ngày 21/7, bão ...", "Bão có khả năng đổ bộ ... trong đêm ngày ...".
_FORECAST = re.compile(
    r"(?:theo\s+(?:dai|trung\s+tam)(?:\s+[a-z]+){0,3}\s+(?:khi\s+tuong|du\s+bao)|du\s+bao\b"
    r"|(?:con\s+)?(?:bao|ap\s+thap\s+nhiet\s+doi)(?:\s+so\s+\d+)?(?:\s*\([^()]*\))?"
    r"\s+(?:co\s+kha\s+nang|dang|da|tiep\s+tuc|di\s+chuyen)(?![a-z]))"
)
# A duty roster's line: the days, then who is on duty.
_ROSTER = re.compile(
    r"(?:[-+•*]\s*)?(?:tu\s+)?ngay\s+[\d/.\s,-]+(?:(?:va|den)\s+(?:ngay\s+)?[\d/.\s-]+)?:\s*"
    r"(?:dong\s+chi|ong|ba)\s"
)
_PRICE_LINE = re.compile(
    r"^[^.:;]{1,80}:\s*[\d.,]+\s*(?:dong|vnd|vnđ|trieu(?:\s+dong)?|nghin(?:\s+dong)?)(?![a-z])"
    r"(?:\s*/\s*[a-z]+(?:\s+[a-z]+)?)?\s*[.;]?\s*$"  # the line ends with its price
)
# What a petition or a case is about, the subject of "đã được ... chỉ đạo".
_MATTER = re.compile(
    # ("Đôn đốc" folds to "don doc": no "đơn".)
    r"(?:[-+•]\s*)?(?:noi\s+dung|kien\s+nghi|viec|van\s+de|don(?!\s+doc)|phan\s+anh|ho\s+so|du\s+an"
    r"|cong\s+trinh|truong\s+hop)\b"
)
# What a holiday notice grants the staff it opens with: "Cán bộ, công chức ... được nghỉ tết",
# "Tết Âm lịch: người lao động được nghỉ ...", "Đối với người lao động: được nghỉ ...", "...
# được hoán đổi ngày làm việc" (not "Bố trí trực để cán bộ được nghỉ ...", work asked; nor
# "không được nghỉ", a ban; nor "được Nghị quyết ... quy định").
_GRANTED = r"duoc\s+(?:nghi(?!\s+(?:quyet|dinh))|hoan\s+doi)(?![a-z])"
_ENTITLED = re.compile(
    rf"^(?:[-+*]\s*)?(?:[^:.;]{{0,60}}:\s*)?(?:(?:{_GRANTED})"
    r"|(?:(?:theo\s+do|cu\s+the)\s*,\s*)?(?:(?:toan\s+the|tat\s+ca|cac)\s+)?"
    r"(?:can\s+bo|cong\s+chuc|vien\s+chuc|(?:nguoi\s+)?lao\s+dong|hoc\s+sinh|sinh\s+vien"
    rf"|hoc\s+vien|giao\s+vien|nhan\s+vien)(?![a-z])[^.:]{{0,250}}?(?<!khong\s){_GRANTED})"
    # "Dịp lễ Quốc khánh: Nghỉ thứ Tư ngày 02/9/2026 ...": the days off; "Đối với học sinh: nghỉ
    # từ thứ Hai ngày 05/02/2024 đến hết ...", "...: nghỉ 07 ngày, từ ...".
    r"|^(?:[-+*]\s*)?(?:dip|doi\s+voi)\s+[^:.;]{0,60}:\s*nghi\s+(?:thu|ngay|\d|tu\b)"
)
_GIVEN_BEFORE = re.compile(
    r"\bda\s+duoc\s+[^,;.]{0,60}?\b(?:chi\s+dao|(?<!ban\s)giao|yeu\s+cau)\b"  # not "bàn giao"
)
# (Not the greetings one organises: "Tổ chức thăm hỏi, chúc mừng các chức sắc ...".)
_THANKS = re.compile(
    r"cam\s+on|hoan\s+nghenh|danh\s+gia\s+cao"
    r"|ghi\s+nhan\s+(?:su|nhung)\s+(?:no\s+luc|co\s+gang|ket\s+qua)"
    r"|(?<!to\schuc\s)(?<!tham\shoi,\s)(?<!tham\shoi\s)(?<!tham,\s)"
    r"(?:bieu\s+duong|chuc\s+mung)"
)
# What an answer is about ("trả lời kiến nghị của cử tri, ..."): the answer asked is work, not
# an answer's closing ("Tổng cục Hải quan trả lời các đơn vị được biết, thực hiện").
_MATTER_ANSWERED = (
    r"(?:cac\s+|nhung\s+)?(?:kien\s+nghi|y\s+kien|de\s+nghi|don(?!\s+vi)|cau\s+hoi"
    r"|vuong\s+mac|phan\s+anh|thac\s+mac|chat\s+van)\b"
)
_CLOSING = re.compile(
    # "... thông báo để ... biết, thực hiện", an answer's "Tổng cục Hải quan trả lời các đơn vị
    # được biết, thực hiện."
    rf"(?:thong\s+bao|tra\s+loi(?!\s+{_MATTER_ANSWERED}))\b.{{0,700}}?\bbiet\b(?:\s*(?:,|va|de|,\s*de)?"
    r"\s*(?:thuc\s+hien|trien\s+khai|phoi\s+hop|chi\s+dao|theo\s+doi)"
    # "Tổng cục Thuế trả lời để Cục Thuế tỉnh Đắk Lắk được biết./.": to know, no more.
    r"|\s*(?:\./\.|[./!])*\s*$)"
)
# A report's last line: "UBND tỉnh kính báo cáo Bộ Nội vụ (xem xét, tổng hợp)./.".
_KINDLY_REPORTED = re.compile(r"\bkinh\s+bao\s+cao\b[^.;:]{0,120}(?:\./\.|[./!]+)?\s*$")
# "UBND TP.HCM có thông báo như trên sau cuộc họp ...": a news item's closing line.
_AS_ABOVE = re.compile(r"(?<!noi\sdung\s)\b(?:co\s+)?thong\s+bao\s+(?:nhu\s+tren|tren\s+day)\b")
# Work named as a whole before its items: "... một số nhiệm vụ trọng tâm.", "các giải pháp sau."
_TASKS_NAMED = re.compile(
    r"\b(?:nhiem\s+vu|giai\s+phap|noi\s+dung|bien\s+phap)(?:\s+[a-z]+){0,3}\s*\.\s*$"
)
# The writer's order, its items below: "Chủ tịch UBND tỉnh yêu cầu:", "Thủ tướng Chính phủ yêu
# cầu các bộ, ngành, địa phương thực hiện nghiêm các nội dung sau:".
_ORDER_INTRO = re.compile(
    r"\b(?:yeu\s+cau|de\s+nghi|chi\s+dao)\b(?:[^.;:]{0,120}\b(?:sau|nhu\s+sau))?\s*:\s*$"
)
_ASKED_VERB = re.compile(r"\b(?:giao|chi\s+dao|yeu\s+cau|de\s+nghi)\s+(?:cho\s+)?(?:cac\s+)?$")
_PREAMBLE = re.compile(
    r"^(?:\(\w{2,8}\)\s*[-–]?\s*)?"  # a paper's mark: "(THTG) Ngày 04/02, ..."
    r"(?:can\s+cu|xet\s+de\s+nghi|theo\s+de\s+nghi|sau\s+khi\s+(?:nghe|xem\s+xet)|tham\s+du"
    r"|(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+(?:tinh|thanh\s+pho)\s+nhan\s+duoc|ngay\s+\d|vao\s+ngay"
    r"|(?:sang|chieu|toi)\s+(?:nay\s+|qua\s+)?(?:ngay\s+|\d{1,2}\s*[-/.]\s*\d)"
    r"|thuc\s+hien\s+(?:cong\s+van|chi\s+thi|nghi\s+quyet|ket\s+luan"
    r"|quyet\s+dinh|ke\s+hoach|thong\s+bao|y\s+kien|chi\s+dao|van\s+ban|cong\s+dien|luat"
    r"|nghi\s+dinh|thong\s+tu|chuong\s+trinh))"
)
# Where a meeting heard things: "Tại hội nghị,", "Tại buổi tiếp công dân,".
_HEARD_AT = re.compile(
    r"^tai\s+(?:hoi\s+nghi|cuoc\s+hop|phien\s+hop|buoi\s+[a-z]+(?:\s+[a-z]+){0,3})\s*,"
)
_APPROVAL = re.compile(
    # ("Điều 1. Hội đồng nhân dân tỉnh cơ bản thống nhất với Báo cáo ...": a council's approval.)
    r"^(?:dieu\s+\d{1,2}\s*[.:]\s*)?(?:(?:hoi\s+dong\s+nhan\s+dan|hdnd)"
    r"(?:\s+(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa|xa|phuong))?\s+"
    # "Thủ tướng Chính phủ cơ bản đồng ý với Báo cáo ...", "Ban Bí thư cơ bản đồng ý ...",
    # "Thường trực HĐND tỉnh thống nhất với đề xuất ...".
    r"|(?:(?:pho\s+)?thu\s+tuong(?:\s+chinh\s+phu)?|bo\s+chinh\s+tri|ban\s+bi\s+thu"
    r"|thuong\s+truc\s+(?:hdnd|hoi\s+dong\s+nhan\s+dan)(?:\s+(?:tinh|huyen|thanh\s+pho))?)\s+)?"
    r"(?:ve\s+nguyen\s+tac\s+)?(?:co\s+ban\s+)?(?:dong\s+y|chap\s+thuan|thong\s+nhat|ghi\s+nhan"
    r"|bieu\s+duong|hoan\s+nghenh|danh\s+gia\s+cao|khen\s+ngoi|tan\s+thanh|nhat\s+tri)"
)
# An approval that moves a deadline sets the new one: "Đồng ý lùi thời gian trình Đề án ... sang
# tháng 12 năm 2014".
_EXTENSION = re.compile(
    r"^(?:ve\s+nguyen\s+tac\s+)?(?:dong\s+y|chap\s+thuan|thong\s+nhat)\s+(?:cho\s+)?(?:\S+\s+){0,6}?"
    r"(?:lui|gia\s+han|keo\s+dai|dieu\s+chinh)\s+(?:thoi\s+gian|thoi\s+han|tien\s+do|han)\b"
)
# A letter asks its addressee: "đề nghị quý cơ quan ...", "yêu cầu đơn vị ...".
_ASKS_ADDRESSEE = re.compile(
    r"\b(?:de\s+nghi|yeu\s+cau|giao|kinh\s+de\s+nghi)\s+(?:quy\s+(?:co\s+quan|don\s+vi|so|bo|ong|ba"
    r"|uy\s+ban|tong\s+cuc|cuc|vien|truong|cong\s+ty|tap\s+doan)"
    r"|cac\s+don\s+vi|don\s+vi)\b"
)
# A province's or a district's committee, unnamed: the addressee where a letter is sent to one.
_COMMITTEE = re.compile(
    r"(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa)"
)
_ASKS_COMMITTEE = re.compile(rf"\b(?:kinh\s+)?(?:de\s+nghi|yeu\s+cau)\s+{_COMMITTEE.pattern}\b")
_OPENING = re.compile(
    r"\b(?:nhu\s+sau|sau\s+day|cu\s+the\s+nhu\s+sau|neu\s+ro"
    r"|(?:yeu\s+cau|de\s+nghi|chi\s+dao)(?:\s+nhu\s+sau)?"
    # "... thực hiện tốt một số nhiệm vụ sau: Tổ chức ...", "các nội dung trọng tâm sau:".
    r"|(?P<listed>(?:nhiem\s+vu|noi\s+dung|viec|giai\s+phap|bien\s+phap)(?:\s+[a-z]+){0,2}?\s+sau))"
    r"\s*:\s+(?=\S)"
)
# A news item's opening about the letter itself: "Ngày 21/4/2020, UBND tỉnh ban hành Công văn ...".
_NEWS_LEAD = re.compile(
    # The paper's mark: "(GLO)- ", "(Baonghean) - ", "(GD&ĐT Bình Định) - ".
    r"^(?:\(\w[^()]{1,28}\)\s*-?\s*)?"
    # What the letter carries out, or why: "Thực hiện Chỉ thị 27/CT-TTg ..., ngày 25/4/2014, UBND
    # tỉnh có Quyết định ...", "Trước tình hình nắng nóng kéo dài, ngày 01/4/2023, UBND huyện ...".
    r"(?:(?:thuc\s+hien|truoc\s+tinh\s+hinh|truoc\s+dien\s+bien)\s[^\n]{0,300}?,\s*)?"
    # "Văn phòng UBND Tp. Hà Nội vừa có công văn ...": "Tp." ends no sentence.
    # ("Chiều 24.8, UBND tỉnh ...": a date written with a dot.)
    r"(?:(?:ngay|vao\s+ngay|sang|chieu|toi)\s+(?:ngay\s+)?\d(?:[^.;]|(?<=\d)\.(?=\d)){0,200}?"
    r"|(?:[^.;]|(?<=tp)\.){0,120}?\bvua\s+"
    # "Tỉnh Quảng Ninh ra công điện khẩn ...": the issuer, then what it issued.
    r"|(?:tinh|thanh\s+pho|ubnd|uy\s+ban\s+nhan\s+dan|chu\s+tich|van\s+phong\s+chinh\s+phu"
    r"|thu\s+tuong)\b[^.;,]{0,60}?\s"
    # A department, told as news: "Sở Nội vụ đã ban hành Văn bản ..." (a plan's item "Sở Y tế ban
    # hành kế hoạch ..." is its own work).
    r"|(?:so|bo)\s[^.;,]{0,60}?\s(?:da|vua)\s)"
    rf"(?:ban\s+hanh|ky(?:\s+ban\s+hanh)?|co|gui|ra)\s+{DOCUMENT_NOUN}"
)
# Sentences that open with a link to the request before them: a new request, asked of the same
# agencies unless they name their own ("Đồng thời, các địa phương cần ...").
_CONNECTIVE = re.compile(
    r"^(?:dong\s+thoi|ngoai\s+ra|ben\s+canh\s+do|cu\s+the|theo\s+do|mat\s+khac|sau\s+do"
    r"|cung\s+voi\s+do|dac\s+biet|vi\s+vay|do\s+do|tiep\s+do|tren\s+co\s+so\s+do"
    r"|trong\s+do(?=\s*,))\s*,?\s*"
)
# What a sentence asks, after its connective: the imperative verbs, and those of emergencies.
_ASKING = re.compile(
    r"^(?:phai|can|khan\s+truong|co\s+trach\s+nhiem|nghiem\s+tuc|tuyet\s+doi|kien\s+quyet"
    r"|san\s+sang|duy\s+tri|treo|cu\s+(?:lanh\s+dao|can\s+bo|nguoi)|huy\s+dong|tam\s+(?:dung|ngung)"
    r"|cam|di\s+doi|so\s+tan|neo\s+dau|kiem\s+dem|ho\s+tro|van\s+dong|nhac\s+nho|giu|quan\s+ly"
    r"|thuong\s+xuyen|luu\s+y|chuan\s+bi)\b"
)
# A sentence that opens with what it is about: "Đối với các loại hình cơ sở còn lại, ...".
_SCOPE = re.compile(r"^(?:rieng\s+)?(?:doi\s+voi|voi)\s")
# A period ("từ ngày 10/02 đến hết ngày 16/02") and the cues of a due date.
_PERIOD = re.compile(r"^(?:tu|trong\s+thoi\s+gian\s+tu)\b.*\bden\b")
_DUE_CUE = re.compile(r"\b(?:truoc|cham\s+nhat|han\s+chot|khong\s+qua|xong\s+truoc)\b")
# Web pages: the date the page was stamped with, and the chrome round the article.
_STAMP = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?\s*")
# A paper's mark before its news: "VOV.VN - ", "TTO - ", "QNO - ", "BGĐT - " (not "II - ").
_PAPER_MARK = re.compile(r"^\s*(?P<name>[A-ZĐ]{2,}(?:\.[A-Z]{2,4})?)\s*[-–—]\s+(?=[A-ZĐÀ-Ỹ])")
_CHROME = re.compile(
    r"^(?:in\s+bai\s+viet|he\s+thong\s+phap\s+luat|dang\s+tai\s+noi\s+dung|co\s+chu\b"
    r"|y\s+kien\s+ban\s+doc|tac\s+gia(?:\s+bai\s+viet)?\s*:|xem\s+chi\s+tiet|xem\s+them|chia\s+se"
    r"|\(\*\)\s*ban\s+quyen|ban\s+quyen\s+thuoc|tin\s+lien\s+quan|tin\s+cung\s+chuyen\s+muc"
    r"|theo\s+doi\s+\S+$|len\s+dau\s+trang|top$|#|.{0,40}(?:luot\s+xem|view\s+count)"
    # "Nguồn tin: Văn phòng Sở"; ">> Khẩn trương di dời ...": a link to another item.
    r"|ban\s+bien\s+tap$|nguon(?:\s+tin)?\s*:|>>"
    # A digital signature's stamp, printed on each page: "Ký bởi: Văn phòng ...", "Thời gian ký:".
    r"|ky\s+boi\s*:|thoi\s+gian\s+ky\s*:"
    # When the page was posted: "Cập nhật ngày: 27/12/2017 - 00:02", "Thứ Năm, 28-01-2021".
    r"|(?:cap\s+nhat|ngay\s+dang|dang\s+luc|dang\s+ngay)(?:\s+(?:ngay|luc))?\s*:?\s*\d"
    r"|(?:thu\s+\w+\s*,\s*)?(?:ngay\s+)?\d{1,2}[/-]\d{1,2}[/-]\d{4}\s*(?:[|,/-]|\d{1,2}:\d{2}|$))"
)
_NARRATIVE_OPENING = re.compile(
    r"^(?:(?:hien\s+nay|hien\s+tai|thoi\s+gian\s+qua|vua\s+qua|truoc\s+do|(?:trong\s+)?nam\s+qua"
    r"|tu\s+dau\s+nam(?:\s+den\s+nay)?|qua\s+\d+\s+(?:nam|thang)|(?:trong\s+)?nam\s+(?P<year>\d{4})"
    # "Trong tháng 1.2016, Trung tâm Y tế dự phòng tỉnh đã phun hóa chất ...".
    r"|(?:trong\s+)?thang\s+\d{1,2}\s*[/.-]\s*(?P<month_year>\d{4})"
    # "Dưới sự lãnh đạo của Tỉnh ủy, ..., các cấp, các ngành đã chủ động ...": what was done.
    r"|duoi\s+su\s+(?:lanh\s+dao|chi\s+dao)\b[^.;]*"
    # "Qua theo dõi, còn 42 nhiệm vụ quá hạn chưa hoàn thành, như: ...": what the writer found.
    r"|(?P<found>qua\s+(?:theo\s+doi|kiem\s+tra|ra\s+soat|tong\s+hop))"
    # "Từ ngày 18/7 đến 7 giờ ngày 21/7/2018, trên địa bàn tỉnh đã có mưa to": what happened.
    r"|(?P<period>tu\s+(?:ngay\s+)?\d{1,2}[/.-]\d{1,2}[^,;]{0,50}?\s+den\s+[^,;]{0,50}))"
    r"\s*,"
    # "Được biết đến nay một số địa phương đã ...": what the writer learnt.
    r"|duoc\s+biet\b)"
)
# A photo's caption: "Lãnh đạo Sở Y tế kiểm tra ... Ảnh: T.H", "Ảnh minh họa".
_CAPTION = re.compile(
    r"(?:^|[.)]\s*|\s[-–]\s*)\(?anh\s*(?::\s*[^:]{1,40}|minh\s+hoa\)?)\s*$"
    # "Ảnh: Lực lượng kiểm lâm diễn tập chữa cháy rừng tại huyện Ea Súp" under the photo.
    r"|^\(?anh(?:\s+minh\s+hoa)?\s*:[^:]{0,200}$"
)
# Where a web page's article ends and its links to other news begin: "Tin liên quan", "Tin cùng
# chuyên mục:", "Các tin khác".
_OTHER_NEWS = re.compile(
    r"(?:tin|bai(?:\s+viet)?)\s+(?:lien\s+quan|cung\s+chuyen\s+muc|khac|da\s+dua)\b"
    r"|cac\s+tin\s+(?:khac|da\s+dua)\b|xem\s+them\b"
)
# The last words of a letter that ask for nothing new: "Yêu cầu các đơn vị thực hiện tốt tinh thần
# chỉ đạo nêu trên./.", "Đề nghị Hiệu trưởng các đơn vị chấp hành nghiêm túc./.".
_EXHORTATION = re.compile(
    # "Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch ...; người đứng đầu ... nghiêm túc tổ chức
    # triển khai thực hiện./.": those asked may be a list set apart by ";".
    # "Trên đây là thông báo về việc ..., đề nghị các tổ dân phố thực hiện tốt ...".
    r"^(?:tren\s+day\s+la\s[^.;:]{0,300}?,\s*|[^.;:]{0,60}?\s)?"
    r"(?:(?:de\s+nghi|yeu\s+cau|kinh\s+de\s+nghi)\s+(?P<who>[^.:]{0,200}?\s)?"
    # "Giám đốc các sở, ... Chủ tịch UBND các huyện có trách nhiệm triển khai thực hiện nghiêm túc
    # Chỉ thị này./.": those bound named first (a plan's "chịu trách nhiệm thực hiện Kế hoạch này"
    # gives its work).
    r"|(?P<bound>[^.:]{0,200}?\s)co\s+trach\s+nhiem\s+"
    r"(?=[^.;]*\b(?:chi\s+thi|quyet\s+dinh|cong\s+dien|nghi\s+quyet)\s+nay\b))"
    r"(?:(?:nghiem\s+tuc|khan\s+truong|to\s+chuc|tap\s+trung|chi\s+dao\s*,?|quan\s+tam)\s+){0,3}"
    r"(?:thuc\s+hien|chap\s+hanh|trien\s+khai|phoi\s+hop)"
    r"(?:\s*,?\s+(?:tot|nghiem(?:\s+tuc)?|day\s+du|kip\s+thoi|thuc\s+hien|trien\s+khai|ngay|va"
    r"|(?:co\s+)?hieu\s+qua))*"
    r"(?:\s+(?:tinh\s+than\s+)?(?:chi\s+dao|noi\s+dung|van\s+ban|cong\s+van|thong\s+bao|yeu\s+cau"
    r"|chi\s+thi|ke\s+hoach|quyet\s+dinh|(?:thong\s+bao\s+)?ket\s+luan|cong\s+dien|nghi\s+quyet)"
    r"(?:\s+chi\s+dao)?(?:\s+(?:nay|neu\s+tren|tren|nhu\s+tren|trong\s+(?:thong\s+bao"
    r"|van\s+ban|cong\s+van|ke\s+hoach)(?:\s+nay)?)))?"
    # "... đảm bảo tiến độ, chất lượng, hiệu quả theo quy định": how, not what.
    r"(?:,?\s+(?:dam\s+bao|bao\s+dam)(?:\s*,?\s*(?:tien\s+do|chat\s+luong|hieu\s+qua|va))+)?"
    r"(?:,?\s+(?:va\s+)?(?:gui|nop)\s+bao\s+cao\s+(?:dung|theo)\s+(?:thoi\s+han|quy\s+dinh))?"
    r"(?:,?\s+(?:theo\s+(?:dung\s+)?quy\s+dinh|dung\s+quy\s+dinh"
    r"|dung\s+(?:thoi\s+gian|thoi\s+han|tien\s+do)(?:\s+(?:quy\s+dinh|de\s+ra))?))?"
    # "...; trong quá trình thực hiện, nếu có vướng mắc, kịp thời phản ánh về UBND huyện ...".
    r"(?:\s*[;.]\s*(?:trong\s+qua\s+trinh(?:\s+[a-z]+){1,3}\s*,\s*)?neu\s+co\s+(?:kho\s+khan"
    r"|vuong\s+mac)[^.]{0,200})?"
    r"\s*(?:\./\.|[./!]+)?\s*$"
    r"|^tran\s+trong\s*[./!]*\s*$"
)
# Where an agency stands as the one who acts: first, or set apart after the work ("... - Công an
# tỉnh", "(Sở Tư pháp; quý II)"), after the word that gives it the work, or named its role ("trong
# đó Sở Y tế là cơ quan đầu mối").
_DOER_BEFORE = re.compile(
    r"(?:^|[-–:(;]|(?<![a-z])(?:giao(?:\s+cho)?|de\s+nghi|yeu\s+cau|trong\s+do"
    # "..., cơ quan chủ trì là Trung tâm ...", "Đơn vị chủ trì Sở Y tế, đơn vị phối hợp ...".
    r"|(?:chu\s+tri|dau\s+moi|thuc\s+hien|phu\s+trach)(?:\s+(?:thuc\s+hien|la))?))\s*(?:cac\s+)?$"
)
# The paragraph that sums up a plan or a directive at its end: "Trên đây là Kế hoạch ...; các cơ
# quan, đơn vị nghiêm túc triển khai thực hiện./.". Its title ends at the first stop, or where those
# it asks are named.
_SUMMING_UP = re.compile(
    r"^\s*tren\s+day\s+la\s+(?:(?:toan\s+bo\s+)?noi\s+dung\s+)?(?:ke\s+hoach|chi\s+thi|thong\s+bao"
    r"|cong\s+dien|chuong\s+trinh|phuong\s+an|huong\s+dan|quyet\s+dinh|nghi\s+quyet|cong\s+van"
    r"|(?:y\s+kien\s+)?chi\s+dao|(?:thong\s+bao\s+)?ket\s+luan)\b"
)
_AFTER_TITLE = re.compile(r"[.;]\s|,\s*(?=(?:yeu\s+cau|de\s+nghi|giao|cac|moi)\b)")
_DIFFICULTIES = re.compile(r"\b(?:kho\s+khan|vuong\s+mac)\b")
_OWN_WORK = re.compile(r"\b(?:giao|chu\s+tri|theo\s+doi|don\s+doc|chuan\s+bi|bo\s+tri)\b")
# Work of its own before the closing words: "Đề nghị Cục Thuế hướng dẫn đơn vị thực hiện theo quy
# định" asks for guidance; "Đề nghị các đơn vị thực hiện theo quy định" only closes the letter.
_WORK_VERB = re.compile(
    r"\b(?:huong\s+dan|ra\s+soat|kiem\s+tra|bao\s+cao|xay\s+dung|hoan\s+thien|hoan\s+thanh"
    r"|nghien\s+cuu|de\s+xuat|tham\s+muu|xu\s+ly|giai\s+quyet|tong\s+hop|cung\s+cap|lap"
    r"|ban\s+hanh|thanh\s+tra|thu\s+hoi|boi\s+hoan|dieu\s+chinh|sua\s+doi|cap\s+nhat"
    # Telling others: "thông báo kịp thời nội dung trên đến phụ huynh", "tuyên truyền đến".
    r"|(?:thong\s+bao|tuyen\s+truyen|pho\s+bien)\b[^.;:]{0,80}?\b(?:den|toi|cho)\b)\b"
)
# A sentence that only dates the work above it: "Các đơn vị thực hiện trước ngày 24/3/2016.",
# "Thời gian hoàn thành: trước ngày ...".
_RIDER = re.compile(
    r"^(?:(?:cac|moi)\s+(?:don\s+vi|truong|co\s+quan|dia\s+phuong)(?:\s*,\s*(?:don\s+vi|co\s+quan))*\s+)?"
    r"(?:(?:thuc\s+hien|hoan\s+thanh|trien\s+khai|nop|gui)(?:\s+(?:xong|bao\s+cao|ve))*\s+)?"
    r"(?:truoc|cham\s+nhat|han\s+chot|khong\s+qua|xong\s+truoc)\b"
    r"|^thoi\s+(?:gian|han)(?:\s+(?:thuc\s+hien|hoan\s+thanh|nop|gui))?(?:\s+bao\s+cao)?"
    r"\s*(?::|la\b|(?=truoc\b|cham\s+nhat\b))"
    # "Thời gian góp ý đến hết ngày 14/12/2020": when the comments asked for above are due.
    r"|^thoi\s+(?:gian|han)\s+(?:gop\s+y|lay\s+y\s+kien|dang\s+ky)\s+(?:den\s+(?:het\s+)?ngay|truoc)\b"
    # "Thời hạn hoàn thành báo cáo lập, phê duyệt quy hoạch chậm nhất là tháng 6/2013",
    # "Thời gian đăng ký chậm nhất là ngày 15 tháng 5 năm 2020".
    r"|^thoi\s+(?:han|gian)\s+(?:hoan\s+thanh|nop|gui|dang\s+ky|bao\s+cao)\b[^.;:]{0,80}?\s"
    r"(?=truoc\b|cham\s+nhat\b)"
    # "Lịch trực gửi về Văn phòng UBND tỉnh trước ngày ...": the roster the task above draws up.
    r"|^(?:lich\s+truc|danh\s+sach)(?:\s+[a-z]+){0,4}\s+(?:gui|nop)\b"
)
# Who takes the answers in, as a field of a call for comments: "Cơ quan lấy ý kiến: Văn phòng UBND
# tỉnh.", "Địa chỉ tiếp nhận ý kiến đóng góp: Sở ...".
_RECEIVER_FIELD = re.compile(
    r"^[-+*•\s]*(?:co\s+quan|don\s+vi|noi|dau\s+moi|dia\s+chi)\s+(?:lay\s+y\s+kien|tiep\s+nhan|nhan)"
    r"[^:.;]{0,40}:"
)
# A letter that answers a question: "Tổng cục Thuế nhận được công văn số ... của Cục Thuế ... hỏi
# về chính sách ...": its numbered points explain the rules; only what it asks for is work.
_ANSWERS = re.compile(
    r"\bnhan\s+duoc\s+(?:cong\s+van|van\s+ban|cong\s+thu|phieu\s+chuyen|don|thu)\b[^.]{0,300}?"
    r"\b(?:hoi|xin\s+(?:y\s+kien\s+)?huong\s+dan|de\s+nghi\s+(?:huong\s+dan|giai\s+dap|tra\s+loi)"
    r"|neu\s+vuong\s+mac|vuong\s+mac\s+ve)\b"
)


def _answers(text: str) -> bool:
    """Whether a letter's paragraph says it answers a question. Where the text has its marks,
    only "hỏi" asks: "Hội nghị", "xã hội", "Hội đồng" fold to the same letters."""
    folded = fold(text)
    if folded != text.lower():
        folded = re.sub(
            r"\bhoi\b",
            lambda word: word.group() if text[word.start() : word.end()].lower() == "hỏi" else "-",
            folded,
        )
    return _ANSWERS.search(folded) is not None or _QUESTION_OR_ANSWER.match(folded) is not None


# A letter's questions and answers: "Câu hỏi 6 (Kho bạc Nhà nước Vị Xuyên): ...?", "Trả lời: ...".
_QUESTION_OR_ANSWER = re.compile(r"\s*(?:cau\s+hoi(?:\s+\d+)?|tra\s+loi)\s*(?:\([^()]*\))?\s*:")


# A plan's task written as lines rather than a table row: "1.1. Rút ngắn thời gian ..." then
# "- Cơ quan thực hiện: Sở Kế hoạch và Đầu tư." and "- Thời gian thực hiện: Quý II/2020.".
# The role may stand alone ("+ Chủ trì: Sở ...", "Trách nhiệm thực hiện: Sở ...") or name its
# holders twice ("Cơ quan, đơn vị chủ trì:").
_HOLDER = r"(?:(?:co\s+quan|don\s+vi)(?:\s*,\s*(?:co\s+quan|don\s+vi))?\s+)"
_LEADS = (
    rf"(?:{_HOLDER}(?:chu\s+tri|thuc\s+hien|tham\s+muu|phu\s+trach|dau\s+moi)(?:\s+chinh)?"
    r"|chu\s+tri(?:\s+thuc\s+hien)?"
    r"|trach\s+nhiem(?:\s+(?:thuc\s+hien|chu\s+tri))?)"
)
_HELPS = rf"(?:{_HOLDER}?phoi\s+hop(?:\s+thuc\s+hien)?)"
_FIELD = re.compile(
    rf"^(?:[-–+•*]\s*)?(?:{_LEADS}|{_HELPS}"
    r"|thoi\s+(?:gian|han)(?:\s+(?:thuc\s+hien|hoan\s+thanh|ban\s+hanh|trinh))?"
    r"|tien\s+do\s+thuc\s+hien|san\s+pham(?:\s+dau\s+ra)?|noi\s+dung"
    r"|dia\s+diem(?:\s+to\s+chuc)?)\s*:"  # "- Địa điểm: Công viên sông Hậu" between them
)
_LEAD_FIELD = re.compile(rf"(?<![a-z]){_LEADS}\s*:\s*")
_COOPERATING_FIELD = re.compile(rf"(?<![a-z]){_HELPS}\s*:\s*")
# What follows a failure, not work asked: "Sau thời hạn trên, nếu các đơn vị không chấp hành
# ..., Sở Tài chính sẽ tạm đình chỉ hoặc yêu cầu Kho bạc Nhà nước tạm đình chỉ ...".
_SANCTION = re.compile(
    r"^(?:sau\s+thoi\s+han\s+(?:tren|nay|neu\s+tren)\s*,\s*)?(?:neu|truong\s+hop)\s"
    # the clause right after the failure says what will follow ("Trường hợp ... không hoàn
    # thành, giao Sở Nội vụ ... trước ngày 30/4, UBND tỉnh sẽ ...": work asked before it)
    r"[^.;]*\b(?:khong|chua)\b[^.;,]*,[^.;,]*\bse\b"
)
_CONDITION = re.compile(
    r"^(?:[-–+•]\s*)?(?:truong\s+hop\b[^.;]*\bthi\b"
    # "Thẩm quyền quyết định kiểm tra: Tổng cục trưởng ... quyết định ...": who may decide.
    r"|tham\s+quyen\b"
    # "Việc thanh toán ... thực hiện theo quy định tại khoản 16 Điều 6 Thông tư ...", "Số giường
    # điều trị nội trú ban ngày nằm trong tổng số giường ...": what the rules are.
    r"|(?:viec|so|muc|ho\s+so|doi\s+tuong|pham\s+vi|gia\s+tri|gia|don\s+gia|chi\s+phi"
    r"|(?:cac\s+)?khoan|kinh\s+phi|tien|ty\s+le)\s[^.;:]{0,160}?\s(?:thuc\s+hien\s+theo"
    r"|duoc\s+(?:ap\s+dung|tinh|xac\s+dinh|quy\s+dinh|bu\s+dap|chi\s+tra|thanh\s+toan"
    r"|hach\s+toan|bo\s+tri|trich|hieu\s+la|coi\s+la)|nam\s+trong|bao\s+gom|gom\s+co)\b"
    # "Khoản 2 Điều 3 của Thông tư số 15/2026/TT-BCT quy định: “...”": a provision quoted.
    r"|(?:tai\s+)?(?:khoan|diem)\s+[\da-z]{1,3}\s+dieu\s+\d+[^.;:]{0,120}?(?:quy\s+dinh|ve\s+[^:]{0,60})\s*:)"
)
# The bare plural that opens a sentence for all those a directive addresses: "Các đơn vị ...".
_BARE_SUBJECT = re.compile(
    r"(?:(?:cac|moi|tat\s+ca\s+cac)\s+(?:co\s+quan|don\s+vi)(?:\s*,\s*(?:co\s+quan|don\s+vi))*"
    # "Cơ quan, đơn vị trường học báo cáo ...", as a city's education office writes it.
    r"|co\s+quan\s*,\s*don\s+vi(?:\s+truong\s+hoc)?)"
    r"(?:\s+(?:lien\s+quan|truc\s+thuoc))?(?![a-z])"
)
# One of a list of documents cited: "Văn bản hợp nhất số 48/VBHN-BNNMT ngày 15/4/2026 về ...".
_CITATION = re.compile(
    rf"^{DOCUMENT_NOUN}\s+(?:so\s*:?\s*)?\d+[^\s,;]*(?:\s+ngay\s+[\d/.\-]+|\s+ngay\s+\d+\s+thang\s+\d+\s+nam\s+\d+)?"
    r"(?:\s+cua\s+[^,;]{2,80}?)?\s+(?:ve|v/v|quy\s+dinh|huong\s+dan|ban\s+hanh)\b"
)
# The writer issuing the document itself: "(UBND tỉnh) ban hành Kế hoạch ... như sau:".
_ISSUES_ITSELF = re.compile(
    rf"^\s*(?:xay\s+dung\s+va\s+)?ban\s+hanh\s+(?:{DOCUMENT_NOUN}|chuong\s+trinh|de\s+an)\b"
    r"(?![^:]*\b(?:giao|de\s+nghi|yeu\s+cau)\b)"
)
# "Sở Lao động - Thương binh và Xã hội xây dựng Kế hoạch năm 2024 như sau:" (not "Giao Sở ... xây
# dựng kế hoạch với các nội dung sau:", work given).
_DRAWS_UP_ITSELF = re.compile(
    rf"^\s*xay\s+dung\s+{DOCUMENT_NOUN}\b[^:]*\b(?:nhu\s+sau|sau\s+day)\s*:\s*$"
)
# How many each may put forward for an award: "Ủy ban bầu cử của tỉnh: Không quá 05 cá nhân;",
# "Đối với xã, phường: Mỗi xã, phường chọn 02 trường hợp".
_QUOTA = re.compile(
    r"^[^:]{3,160}:\s*(?:khong\s+qua|toi\s+da|moi\s+[a-z\s,]{2,40}?(?:xet\s+)?chon)\s+\d+\s+"
    r"(?:ca\s+nhan|tap\s+the|truong\s+hop)"
)
# What a monitoring programme measures, where and how often: its specification, no work of its
# own ("Các thông số: pH, độ mặn ... quan trắc với tần suất 2 lần/tháng", "Điểm quan trắc: ...").
_SPECIFICATION = re.compile(
    r"^(?:cac\s+)?(?:thong\s+so|chi\s+tieu\s+quan\s+trac|diem\s+quan\s+trac|tan\s+suat"
    r"|vi\s+tri\s+(?:quan\s+trac|lay\s+mau))[^:.;]{0,80}:"
)
# A provision cited for what it says: "Tại khoản 1 Điều 9 Thông tư số 219/2013/TT-BTC quy định:
# ...": the rule quoted, its dates the rule's own. (Not "Theo quy định tại Điều 8 ..., UBND tỉnh
# báo cáo trước ngày 15/12": a basis, then the work.)
_PROVISION = re.compile(
    r"^tai\s+(?:tiet|diem|khoan|dieu|muc|chuong|phu\s+luc)\s+[\da-z.]+\b"
    r"[^:;\"“]{0,200}?\s(?:quy\s+dinh|huong\s+dan|nhu\s+sau)\b"
    # "2. Khoản 3 Điều 59 Nghị định số 193/2025/NĐ-CP quy định việc ...": the provision its subject.
    r"|^(?:(?:tiet|diem|khoan)\s+[\da-z]{1,3}\s+)*dieu\s+\d+\s+(?:cua\s+)?"
    r"(?:bo\s+)?(?:luat|nghi\s+dinh|thong\s+tu|quyet\s+dinh|nghi\s+quyet)\b[^:;]{0,120}?\squy\s+dinh\b"
    # "Ban Chỉ đạo tự giải thể sau khi hoàn thành nhiệm vụ.": how a board ends.
    r"|^[^.;:]{0,80}?\btu\s+giai\s+the\b"
)
# "Đối với giấy phép thuộc thẩm quyền cấp của UBND tỉnh:", "Đối với hồ sơ nộp trực tuyến:": a case.
_FOR_CASE = re.compile(r"^[-+•\s]*doi\s+voi\b")
# Which of them: "UBND xã, phường nơi có mỏ", "Sở Xây dựng nơi có dự án".
_PLACE_QUALIFIER = re.compile(r"\bnơi\s+(?:có|đặt|thực\s+hiện)\b[^;.]*", re.IGNORECASE)
# A board's members, as its founding decision lists them: "1. Ông Nguyễn Văn Hải, Chủ tịch UBND
# huyện - Trưởng ban;", "3. Các thành viên: Trưởng phòng Tài chính - Kế hoạch; ...".
_MEMBER = re.compile(
    r"^(?:(?:Ông|Bà|Đồng chí|Đ/c)\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*){1,4}\s*,"
    # (the member's place on the board: not "Ông X, Chủ tịch UBND huyện, yêu cầu ...")
    r"[^;:]{0,120}[-–]\s*(?:Phó\s+)?(?:[Tt]rưởng ban|[Tt]hành viên|[Uu][ỷỹ] viên|[Tt]ổ trưởng"
    r"|[Tt]ổ phó|[Tt]hư ký)(?:\s+[\wà-ỹ]+){0,3}\s*[;.]?\s*$"
    r"|(?:[Cc]ác\s+)?[Tt]hành viên(?:\s+gồm)?\s*:)"
)
# How a matter is handled, by the rule that governs it: "Về điều kiện áp dụng chế độ ưu tiên: thực
# hiện theo quy định tại Thông tư 86/2013/TT-BTC.", "d) Xử lý kết quả kiểm tra thực hiện theo quy
# định tại khoản 3 Điều 79 Luật Hải quan".
_AS_PROVIDED = re.compile(
    r"^\s*(?:[-+*•]\s*)?(?:[a-z\d]{1,3}[.)]\s*)?(?P<matter>[^.;:]{3,120}?)\s*:?\s*(?:duoc\s+)?"
    r"thuc\s+hien\s+theo\s+(?:dung\s+)?(?:quy\s+dinh|huong\s+dan)\s+tai\b"
)
# What someone will do, the writer most often: "Trên cơ sở báo cáo của các địa phương, Bộ Tài
# chính sẽ tổng hợp, báo cáo Thủ tướng Chính phủ": no more of the item above it.
# Over the text with its marks: without them "sẽ" (will) is also "sẻ" (share, "chia sẻ").
_SOMEONE_WILL = re.compile(
    # (After the matter it answers: "Về đề nghị bổ sung biên chế ...: UBND tỉnh sẽ xem xét ...".)
    r"^\W*(?:Về\s[^:]{0,200}:\s*)?(?:[^,.;:]{0,120},\s*)?[^,.;:]{2,80}?\s(?:cũng\s+)?sẽ\s",
    re.I,
)
# A news item saying to whom a document goes: "Công điện gửi Bộ trưởng các Bộ: ...".
_DISTRIBUTED = re.compile(
    # Not "Hướng dẫn ... gửi": that is how to send something.
    rf"^(?!huong\s+dan){DOCUMENT_NOUN}(?:\s+\S+){{0,3}}?"
    r"\s+(?:duoc\s+)?gui\s"
)
# ("Sở Tài nguyên và Môi trường sẽ tiếp tục triển khai các nhiệm vụ sau:": a report's own work.)
_DUTY_MODAL = re.compile(r"\s*(?:can|phai|co\s+trach\s+nhiem|khan\s+truong|se)\s")
# The letter's own request words; not "giao", which also tells what a cited decision assigned.
_ASKED = re.compile(r"\b(?:de\s+nghi|yeu\s+cau)\b")
_GIVES = re.compile(r"^\W*(?:\d{1,2}[.)]\s*)?giao\s")
# A line of a schedule: "- Ngày 20/12/2024: Sở Nội vụ tổng hợp ...", "Tháng 01/2025: ...": its
# time is the due date of what follows.
_SCHEDULE = re.compile(
    r"^(?:[-–+•]\s*)?(?P<when>(?:(?:truoc|tu|den|cham\s+nhat)\s+)?(?:ngay|thang|quy|tuan)\s"
    r"[^:;,]{1,40}?)\s*:\s+(?=\S)"
)
_SECTION_RIDER = re.compile(
    r"^thoi\s+(?:gian|han)\s+(?:hoan\s+thanh|thuc\s+hien)\s+(?:cac\s+)?(?:noi\s+dung|nhiem\s+vu)"
    r"(?:\s+(?:neu\s+)?tren|\s+tai\s+(?:khoan|muc|dieu|diem)\s+nay)\s*:"
)
# "Các nội dung trên, UBND các xã hoàn thành trước ngày 20/6/2019.": the date of the items just
# above it.
_ABOVE_RIDER = re.compile(
    r"^(?:cac|nhung|toan\s+bo)\s+(?:noi\s+dung|nhiem\s+vu|cong\s+viec)\s+(?:neu\s+)?tren\b"
)
# What the items ask for, sent on: "Báo cáo của các cơ quan, đơn vị gửi về Sở ...", "Văn bản góp
# ý gửi về ...", "Báo cáo (kèm các Biểu mẫu) gửi về Bộ ...".
_REPORTS_SENT = re.compile(
    r"^(?:bao\s+cao|van\s+ban|y\s+kien|so\s+lieu|ket\s+qua)\b[^.;:]{0,100}?\s(?:gui|nop)\s"
)
# The closing sentence that dates all the work above it: "Các đơn vị khẩn trương thực hiện và báo
# cáo kết quả về UBND tỉnh trước ngày 20/10."
_UNITS = r"(?:co\s+quan|don\s+vi|dia\s+phuong)"
_ALL_UNITS = rf"^(?:cac|moi)\s+{_UNITS}(?:\s*,\s*{_UNITS})*"
_CLOSING_RIDER = re.compile(
    _ALL_UNITS + r"(?:\s+(?:lien\s+quan|tren))?\s+(?:(?:khan\s+truong|nghiem\s+tuc|kip\s+thoi)\s+)?"
    r"(?:to\s+chuc\s+)?(?:thuc\s+hien|trien\s+khai)\b"
)
# Where a sentence may hold a second request: after ";", and before "và báo cáo/gửi/nộp/trình"
# (it becomes one only when it has a due date of its own).
_CLAUSE_BREAK = re.compile(
    r"(?<=;)\s+|\s+(?=và\s+(?:báo\s+cáo|gửi|nộp|trình)\b)"
    # "... ghi nhận những kết quả huyện đạt được, đồng thời đề nghị UBND huyện ...": praise, then
    # the request.
    r"|(?<=,)\s+(?=đồng\s+thời\s+(?:đề\s+nghị|yêu\s+cầu|giao|chỉ\s+đạo)\b)"
)
_PROHIBITION = re.compile(
    # (Folded, "Cắm biển báo", "cắm mốc" read "cấm".)
    r"^\s*(?:[-–+•]\s*)?(?:tuyet\s+doi\s+)?(?:khong|chua|nghiem\s+cam|cam(?!\s+(?:bien|moc|coc|co|chot)\b))\s+"
    r"(?!(?:de|duoc\s+de|chi|nhung)\b)"
)
# The closing offer of help: "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các
# đơn vị phản ánh về Sở Y tế để được hướng dẫn".
_PROBLEMS_AFTER = re.compile(
    r"[;.]\s*(?:(?:trong\s+)?qua\s+trinh[^;,]{0,30}?,?\s*)?(?:(?:truong\s+hop|neu)\s+)?"
    r"(?:co\s+|phat\s+sinh\s+|gap\s+)?"
    r"(?:kho\s+khan|vuong\s+mac)[^;]*?(?=[./!\s]*$)"
)
_FEEDBACK = re.compile(
    # (Or the plan's amendment: "Trong quá trình tổ chức thực hiện, trường hợp cần sửa đổi, bổ
    # sung Kế hoạch, các cơ quan ... chủ động đề xuất ...".)
    r"^(?:(?:trong\s+)?qua\s+trinh(?:\s+(?:trien\s+khai|to\s+chuc|thuc\s+hien))*\s*,?\s*)?"
    r"(?:neu\s+(?:co|phat\s+sinh|phat\s+hien|gap|xay\s+ra)\s+"
    r"(?:kho\s+khan|vuong\s+mac|van\s+de\s+phat\s+sinh|gi\s+chua\s+ro)"
    r"|truong\s+hop\s+can\s+(?:sua\s+doi|bo\s+sung|dieu\s+chinh))"
    r"|^(?:trong\s+qua\s+trinh\s+(?:thuc\s+hien|trien\s+khai)\s*,?\s*)?neu\s+co\s+.{0,40}?"
    r"(?:phan\s+anh|lien\s+he|trao\s+doi)\s+(?:ve|voi)"
)
# "Mọi chi tiết xin liên hệ: bà Nguyễn Thị A, Phòng Kế hoạch, ĐT ...": whom to call.
_CONTACT = re.compile(
    r"^(?:moi\s+|de\s+biet\s+them\s+)?(?:chi\s+tiet|thong\s+tin|van\s+de)[^:.]{0,40}?"
    r"(?:xin\s+)?lien\s+he|^(?:dau\s+moi|can\s+bo|dia\s+chi)\s+lien\s+he\s*:"
)
# What was done or sent in, after its doer: "đã kịp thời chỉ đạo", "vừa ban hành", "có tờ trình".
_PAST_OR_SUBMISSION = re.compile(
    # (Not a thing's state: "Kế hoạch đã được phê duyệt", "nhiệm vụ đã được giao".)
    r"\b(?:da|vua|da\s+va\s+dang)\s+(?!duoc\s+(?:giao|phe\s+duyet|ban\s+hanh|thong\s+qua)\b)"
    r"|\bco\s+(?:to\s+trinh|van\s+ban|cong\s+van|bao\s+cao|y\s+kien)\s+(?:so|ve|xin|de\s+nghi)\b"
)
_SPEAKER_QUOTES = re.compile(
    r"^[^.;:\"“]{0,120}?\s(?:cho\s+biet|noi|chia\s+se|khang\s+dinh|thong\s+tin)\s*:\s*[\"“]"
)
_TOLD_BY = re.compile(r"^[^,.;:]{0,60}?\s(?:cho\s+biet|thong\s+tin)\s*,?\s*$")
_ORDER_WORD = re.compile(
    r"\b(?:giao|de\s+nghi|yeu\s+cau|chi\s+dao|can|phai|tiep\s+tuc|khan\s+truong|tap\s+trung)\b"
)
# "Chủ tịch UBND các huyện phải chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu ...", "... chịu
# trách nhiệm trực tiếp trước Chính phủ về việc triển khai và kết quả thực hiện Chỉ thị này".
_ACCOUNTABLE_FOR = (
    r"(?:phai\s+)?(?:hoan\s+toan\s+)?chiu\s+trach\s+nhiem"
    r"(?:(?:\s+(?:truc\s+tiep|toan\s+dien|ca\s+nhan|hoan\s+toan))?\s+truoc\b"
    # "... chịu trách nhiệm thi hành Chỉ thị này": the directive's enforcement clause.
    # ("... chịu trách nhiệm tổ chức thực hiện nghiêm Chỉ thị này": so too; a plan's "chịu trách
    # nhiệm thực hiện Kế hoạch này" gives its work.)
    r"|\s+(?:thi\s+hanh|to\s+chuc\s+(?:thuc\s+hien|trien\s+khai))(?:\s+nghiem(?:\s+tuc)?)?"
    r"\s+(?:chi\s+thi|quyet\s+dinh|cong\s+dien|nghi\s+quyet)\s+nay\b)"
)
_ACCOUNTABLE = re.compile(rf"^\s*{_ACCOUNTABLE_FOR}")
# The directive's closing, office-holders answerable for it: "Bộ trưởng, Thủ trưởng cơ quan ngang
# Bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ... chịu trách nhiệm trực tiếp trước Chính phủ".
_HOLDERS_ACCOUNTABLE = re.compile(
    rf"^\W*(?:cac\s+)?{HOLDER}\b(?P<holders>(?:[^.;:]|:(?!\s*$)){{0,400}}?){_ACCOUNTABLE_FOR}"
)
_LIST_JOINER = re.compile(r"[\s,;]*(?:va\s+|cac\s+)?")
_RULE_WORD = re.compile(r"\b(?:khong|chua|cam|chiu\s+trach\s+nhiem)\b")
_TIMES_OF_REPORTS = re.compile(r"\bthoi\s+(?:gian|han)\b[^:]*\bbao\s+cao\b")
_REPORT_CONTENTS = re.compile(
    r"\bbao\s+cao\b.*\b(?:cac|nhung)\s+(?:van\s+de|noi\s+dung|thong\s+tin)"
    r"(?:\s+\w+){0,3}?\s+(?:sau|nhu\s+sau|duoi\s+day)\s*:\s*$"
    r"|\bbao\s+cao\b[^:]*\b(?:gom|bao\s+gom|cu\s+the(?:\s+nhu\s+sau)?|theo\s+cac\s+noi\s+dung)"
    r"(?:\s+cac\s+noi\s+dung)?\s*:\s*$"
    r"|^noi\s+dung\s+bao\s+cao\b[^:]*:\s*$"
    # What a list or a file drawn up holds: "... lập danh sách các đối tượng được hỗ trợ, gồm:".
    r"|\b(?:lap|ra\s+soat|thong\s+ke|tong\s+hop|xay\s+dung|chuan\s+bi|hoan\s+thien)\b[^:]*"
    r"\b(?:danh\s+sach|ho\s+so|bao\s+cao|de\s+an|phuong\s+an)\b[^:]*\b(?:bao\s+)?gom(?:\s+co)?"
    r"\s*:\s*$"
)
# What the work covers, after its comma: "... bàn giao mặt bằng cho các dự án trước ngày
# 15/12/2023, gồm:", "... thống kê các trường hợp vi phạm, gồm:".
_COVERS = re.compile(r",\s*(?:bao\s+)?gom(?:\s+co)?\s*:\s*$")
# A report's closing subject, its verbs as nouns: "5. Đề xuất, kiến nghị về công tác chỉnh lý."
_PROPOSALS = re.compile(r"^\W*(?:de\s+xuat|kien\s+nghi)\s*(?:,|va)\s*(?:de\s+xuat|kien\s+nghi)\b")
# A heading that names a set of agencies by what they do: "Các sở quản lý nhà nước chuyên ngành
# về hạ tầng", "Các cơ quan được giao chủ trì" (no verb of its own: a heading, not a task).
_ON_REQUEST = re.compile(
    r"^[\s\-+•*]*bao\s+cao\s+dot\s+xuat\s*:?\s*(?:thuc\s+hien\s+|gui\s+)?theo\s+yeu\s+cau\b"
)
_ACTS = re.compile(r"\b(?:thuc\s+hien|trien\s+khai|to\s+chuc|chu\s+tri|bao\s+cao|phoi\s+hop)\b")
# Words that make a heading a sentence about its subject, not a name: "Các doanh nghiệp ... bị
# thiệt hại ...", "Các cơ sở ... chưa đủ điều kiện", "... được thống kê như sau:".
_NO_PREDICATE = (
    r"(?!(?<![a-z])(?:bi|duoc|phai|can|gom|bao\s+gom|nhu\s+sau|de\s+nghi|co\s+trach\s+nhiem"
    r"|chua|sau\s+day|se|da)(?![a-z]))"
)
# "7. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải ...", "2. Các bệnh
# viện tuyến tỉnh:", "Các doanh nghiệp, hợp tác xã:".
_COLLECTIVES = (
    r"(?:doanh\s+nghiep|to\s+chuc|hop\s+tac\s+xa|hiep\s+hoi|benh\s+vien|trung\s+tam"
    r"|ho\s+kinh\s+doanh|truong(?!\s+hop)|co\s+so\s+(?:y\s+te|kham|giao\s+duc))"
    rf"(?:(?:\s+|\s*,\s*)(?:{_NO_PREDICATE}[^.;:()]){{3,120}}?)?"
)
_PLURAL_HEAD = (
    r"(?:so|bo|nganh|co\s+quan|don\s+vi|(?:huyen|thanh|thi|tinh|dang)\s+uy|chi\s+bo|dang\s+bo)"
)
_PLURAL_AGENCIES = re.compile(
    # "1. Các cơ quan, đơn vị được kiểm tra", "2.5. Các huyện ủy, thành ủy có dự án ...:"
    rf"(?:doi\s+voi\s+)?((?:cac|nhung)\s+(?:{_PLURAL_HEAD}(?:\s*,\s*{_PLURAL_HEAD})*"
    r"\s+[^.;:,()]{4,80}?"
    rf"|{_COLLECTIVES})"
    # "Đối với doanh nghiệp, hợp tác xã:" names the set without "các".
    rf"|(?<=voi\s){_COLLECTIVES})"
    # "6. Các bệnh viện tuyến tỉnh cần lưu ý một số nội dung sau:": the name, then its duty.
    r"(?:\s+(?:can|phai|co\s+trach\s+nhiem)(?:\s+[^.;:()]{0,60})?)?"
    r"\s*(?:\([^()]*\))?\s*:?"  # "3. Đối với các Bộ quản lý chuyên ngành (theo khoản 5 ...)"
)
# "Quyết định số 1327/QĐ-BYT của Bộ Y tế quy định:", "- Căn cứ khoản 2 Điều 9 Thông tư số
# 219/2013/TT-BTC quy định điều kiện ...:": what a rule says, quoted, the document its subject
# (not "Thực hiện Công văn số 12/BGDĐT, Sở hướng dẫn như sau:", the writer's own guidance).
_QUOTES_A_RULE = re.compile(
    r"\b(?:(?:luat|nghi\s+dinh|thong\s+tu(?:\s+lien\s+tich)?|quyet\s+dinh|nghi\s+quyet|chi\s+thi"
    r"|cong\s+van)\s+(?:so\s+)?\d|(?:dieu|khoan)\s+\d)[^,;:.]{0,120}?\s"
    r"quy\s+dinh\b[^,;:.]{0,100}:\s*$"
)
# "Ngày 10/4/2023, Bộ Tài chính đã có công văn số 3421/BTC-TCHQ gửi Bộ Công Thương đề nghị ...":
# what a letter sent before asked, not this one.
_SENT_ASKING = re.compile(r"\bda\s+(?:co|gui)\b[^.;]{0,200}?\bgui\s+[^.;]{2,80}?\bde\s+nghi\b")
_RECEIVED = re.compile(
    r"^[^.;:]{0,80}?\bnhan\s+duoc\s+(?:cong\s+van|van\s+ban|cong\s+dien|thong\s+bao|quyet\s+dinh"
    r"|chi\s+thi|ke\s+hoach|to\s+trinh)\b(?!\s+nay)"  # ("Nhận được công văn này, yêu cầu ...")
)
_WRITERS_TURN = re.compile(
    r"(?:ve\s+(?:viec|van\s+de|noi\s+dung)\s+(?:nay|tren)|giao\b|(?:chu\s+tich\s+)?(?:ubnd|uy\s+ban"
    r"\s+nhan\s+dan)\s+(?:tinh|thanh\s+pho|huyen)\s+(?:giao|yeu\s+cau|de\s+nghi|co\s+y\s+kien))"
)
_EVENT_TIME = re.compile(r"thoi\s+gian(?:\s+(?:to\s+chuc|dien\s+ra|ra\s+quan|khai\s+mac))?\s*:")
_HANDS_OUT = re.compile(
    r"(?:giao|phan\s+cong)\s+(?:cac\s+)?(?:nhiem\s+vu|cong\s+viec)(?:\s+cu\s+the)?"
    r"(?:\s+(?:cho\s+cac\s+(?:co\s+quan|don\s+vi)|nhu\s+sau))*\s*:"
)
# An agency's duties announced as a list: "Giao Sở Xây dựng thực hiện các nhiệm vụ sau:", "Đề
# nghị Công an tỉnh tập trung triển khai một số nội dung sau:" (each item below a task of its own).
_DUTIES_NAMED = (
    r"(?:(?:chu\s+tri\s*,?|tap\s+trung|khan\s+truong|tiep\s+tuc|to\s+chuc)\s+)*"
    r"(?:thuc\s+hien|trien\s+khai(?:\s+thuc\s+hien)?)(?:\s+tot)?"
    r"\s+(?:cac|mot\s+so|nhung)\s+(?:nhiem\s+vu|noi\s+dung|cong\s+viec|giai\s+phap|bien\s+phap)"
    r"(?:\s+[a-z]+){0,3}?\s+(?:sau(?:\s+day)?|nhu\s+sau|cu\s+the\s+nhu\s+sau)\s*:$"
)
_DUTIES_LISTED = re.compile(rf"^[\s,]*{_DUTIES_NAMED}")  # right after the heading's agency
_DUTIES_AHEAD = re.compile(rf"(?<![a-z]){_DUTIES_NAMED}")  # anywhere in an opening
# A paragraph that is only a span of days, under "II. THỜI GIAN THỰC HIỆN".
_DAY_WRITTEN = r"(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
_PERIOD_ONLY = re.compile(
    rf"\s*(?:[-+•*]\s*)?(?:tu\s+)?{_DAY_WRITTEN}\s*(?:den|-|–)\s*(?:het\s+)?{_DAY_WRITTEN}\s*[.;]?\s*"
)
# A field of the work asked above, as a line of its own: "Về trồng trọt:", "Đối với thủy sản:".
_SUBHEADING = re.compile(r"(?:ve|doi\s+voi|linh\s+vuc)\s[^.;:,]{2,60}:")
_WITH_PARTNERS = re.compile(r"^[\s,]*chu\s+tri\s*,?\s*phoi\s+hop(?:\s+voi)?\s")
_ALL_UNITS_ASKED = re.compile(
    _ALL_UNITS
    + r"\s+(?:khan\s+truong\s+|kip\s+thoi\s+)?(?:bao\s+cao|gui|tong\s+hop|hoan\s+thanh)\b"
)
_SOURCE = re.compile(r"^\(?(?:theo|nguon|bao)\b")
_TERMINAL_MARK = re.compile(r"[.:;!?…\"”)]\s*$")
_GROUP_NUMBER = re.compile(r"^\s*(?:[IVX]{1,5}|[A-Z])[.)]\s+\S")
# A school's own plan gives its work out by post: "1. Hiệu trưởng", "2. Tổ trưởng chuyên môn:".
_SCHOOL_ROLE = re.compile(
    r"((?:pho\s+)?hieu\s+truong|to\s+truong(?:\s+chuyen\s+mon)?|giao\s+vien(?:\s+chu\s+nhiem"
    r"|\s+bo\s+mon)?|tong\s+phu\s+trach(?:\s+doi)?|ke\s+toan|van\s+thu|nhan\s+vien\s+[a-z]+"
    r"|bi\s+thu\s+chi\s+doan)\s*:?"
)
_COMMITTEE_HEADING = re.compile(
    r"((?:uy\s+ban\s+nhan\s+dan|ubnd)\s+(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa)(?:\s+[a-z]+){0,3})\s*:?"
)
_TO_CHUC_HEAD = re.compile(r"^(?:doi\s+voi\s+)?(?:cac|nhung)\s+to\s+chuc\b")
# ("Trách nhiệm của UBND các huyện, thành phố": the agencies may hold a comma; "Trách nhiệm
# chung của ...": those they share.)
_DUTY_OF = re.compile(
    r"trach\s+nhiem\s+(?:chung\s+)?cua\s+([^.;:()]{4,80}?)\s*(?:\([^()]*\))?\s*:?"
)
# "Nhiệm vụ của Sở Y tế:", "Nhiệm vụ chung của các sở, ban, ngành", "Về phía Sở Tài chính".
_DUTIES_OF_AGENCY = re.compile(
    r"(?:nhiem\s+vu\s+(?:chung\s+)?(?:va\s+trach\s+nhiem\s+)?cua|ve\s+phia)\s+([^.;:()]{4,80}?)\s*"
    r"(?:\([^()]*\))?\s*:?"
)


def _duties_of_agency(folded: str, mentions: list[AgencyMention]) -> re.Match[str] | None:
    """The heading of an agency's duties: the agency must follow ("Nhiệm vụ của thành viên Ban Chỉ
    đạo" is named by the headings under it)."""
    duty = _DUTIES_OF_AGENCY.fullmatch(folded)
    if duty and any(folded.startswith(fold(m.written), duty.start(1)) for m in mentions):
        return duty
    return None


_REPORT_FORM = re.compile(
    r"^(?:bao\s+cao|ho\s+so|van\s+ban|bieu\s+mau)(?:\s+\S+){0,3}?\s+"
    r"(?:phai|can|gui\s+ve|duoc\s+gui|kem\s+theo|theo\s+mau|lap\s+theo)\b"
    r"|^noi\s+dung\s+bao\s+cao\s+(?!gom\b|bao\s+gom\b)"  # "Nội dung báo cáo ngắn gọn, ..."
)
# "Báo cáo sơ kết ... gửi về Ủy ban Dân tộc trước ngày 15/5", "- Gửi báo cáo bằng thư điện tử
# ... trước ngày 04/10": how and by when a report goes.
_IN_SENTENCE = r"(?:[^.;]|\.(?=\S))*?"  # a dot inside "gmail.com" does not end it
_DELIVERY_OF_REPORT = re.compile(
    rf"^(?:[-–+•]\s*)?(?:(?:ban\s+)?bao\s+cao\b{_IN_SENTENCE}\b(?:gui|nop)|(?:gui|nop)\s+bao\s+cao"
    # "Văn bản góp ý gửi về Bộ GTVT ... trước ngày 11/12/2014": comments asked for above.
    rf"|(?:van\s+ban\s+|y\s+kien\s+)?(?:gop\s+y|tham\s+gia\s+y\s+kien)\b{_IN_SENTENCE}\bgui)"
    rf"\b{_IN_SENTENCE}\b(?:truoc|cham\s+nhat|han\s+chot)\b"
)
# Where the report or comments go, the date somewhere after ("Văn bản góp ý gửi về Bộ GTVT
# (qua Vụ Vận tải; email ...) trước ngày 11/12/2014").
_SENT_TO_US = re.compile(
    r"^(?:[-–+•]\s*)?(?:van\s+ban\s+gop\s+y|y\s+kien\s+gop\s+y|bao\s+cao)\b[^.;]{0,40}?"
    r"\bgui\s+(?:ve|den|toi)\b"
)
_REPORT_RIDER = re.compile(
    r"^bao\s+cao(?:\s+(?:nhanh|day\s+du|tong\s+hop|ket\s+qua|so\s+bo|chinh\s+thuc))?"
    r"(?:\s+(?:gui|nop)(?:\s+ve)?)?(?:\s+[^\s,;]+){0,6}?\s+(?:truoc|cham\s+nhat|han\s+chot)\b"
    # "Tổng hợp gửi Sở Lao động - Thương binh và Xã hội trước ngày 12/5/2020."
    r"|^tong\s+hop(?:\s*,\s*bao\s+cao)?\s+(?:gui|nop)\b[^.;]{0,100}?\b(?:truoc|cham\s+nhat|han\s+chot)\b"
)
# The addressees named as "the units" ("Các đơn vị tiếp tục thực hiện nghiêm ..."): what follows
# is what they are asked to do.
_GENERIC_SUBJECT = re.compile(
    r"^(?:cac\s+|moi\s+)?(?:co\s+quan\s*,\s*)?(?:don\s+vi|nha\s+truong)(?:\s+truc\s+thuoc)?\s+"
    r"|^cac\s+(?:co\s+quan|truong)\s+"
)
# The particulars of a task, item by item: "1. Thời gian dự thi: ...", "2. Đối tượng: ...".
_DETAIL = re.compile(
    r"^(?:thoi\s+gian|dia\s+diem|doi\s+tuong|thanh\s+phan|hinh\s+thuc|the\s+le|cach\s+thuc"
    r"|kinh\s+phi|so\s+luong|lien\s+he|ho\s+so|co\s+cau\s+giai|giai\s+thuong|chu\s+de"
    r"|khau\s+hieu)[^:.;]{0,40}:"
)
# A basis before the sentence that acts: "Căn cứ tình hình ..., các Sở GDĐT chủ động báo cáo".
_BASIS = re.compile(r"^(?:can\s+cu|tren\s+co\s+so|theo(?!\s+do\b))\b")  # "Theo đó," links, no basis
# A date the work starts from, not its deadline: "kể từ 10h00 ngày Chủ nhật 24/12/2017".
_WHEN = (
    r"(?:\d{1,2}\s*(?:h|gio)\s*\d{0,2}'?\s*,?\s*)?"
    r"(?:(?:ngay\s+)?(?:chu\s+nhat|thu\s+(?:hai|ba|tu|nam|sau|bay))\s*,?\s*)?"
)
_STARTS_FROM = re.compile(
    rf"\b(?:(?:ke\s+tu|bat\s+dau(?:\s+tu)?)\s+{_WHEN}(?:ngay\s+)?|tu\s+{_WHEN}ngay\s+)$"
)
_NOTED = re.compile(r"\bghi\s+nhan\b")
# A decision's closing article: those it binds carry it out; it gives no work of its own.
_EXECUTES_DECISION = re.compile(
    r"(?:chiu|co)\s+trach\s+nhiem\s+thi\s+hanh\s+quyet\s+dinh\b"
    r"|can\s+cu\s+quyet\s+dinh\s+(?:nay\s+)?(?:de\s+)?thi\s+hanh"
    r"|chiu\s+trach\s+nhiem\s+(?:to\s+chuc\s+)?(?:thuc\s+hien|thi\s+hanh)\s+quyet\s+dinh\s+nay"
)
_IMPLEMENTATION = re.compile(
    r"(?:to\s+chuc\s+thuc\s+hien|trach\s+nhiem\s+thuc\s+hien|phan\s+cong\s+(?:nhiem\s+vu"
    r"|thuc\s+hien|trach\s+nhiem))\b"
)
# "Định kỳ 6 tháng, báo cáo ... trước ngày 15/6 và 15/12", "định kỳ 6 tháng (trước ngày 10/6) và
# hằng năm (trước ngày 10/12)", "báo cáo 6 tháng (trước ngày 15/6), năm (trước ngày 15/12)".
_TWICE_YEARLY = re.compile(
    r"(?:6|sau)\s+thang\b[^.;]{0,160}?(?:truoc|cham\s+nhat)\s+(?:ngay\s+)?"
    r"(?P<d1>\d{1,2})\s*/\s*(?P<m1>\d{1,2})(?![\d/])\s*\)?\s*(?:,|va)\s*"
    r"(?:(?:hang\s+|ca\s+)?nam\s*\(?\s*)?(?:(?:truoc|cham\s+nhat)\s+)?(?:ngay\s+)?"
    r"(?P<d2>\d{1,2})\s*/\s*(?P<m2>\d{1,2})(?![\d/])(?:\s*\))?"
)
# A report also due every month or quarter keeps that step ("hằng quý, 6 tháng và năm ...").
_MORE_OFTEN = re.compile(r"(?<![a-z])(?:(?:hang|moi)\s+(?:thang|quy)|quy\s+(?:i|1)\b)")
_DATED_OPENING = re.compile(
    r"(?:theo\s+[^,.;]{1,60},\s*)?ngay\s+(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})"
    r"(?:\s*[/-]\s*(?P<y>\d{4}))?\s*,"
)
_PAST = re.compile(r"\b(?:da|vua)\s")
_HELPED_OR_DIRECTED = re.compile(
    r"(?<![a-z])(?:phoi\s+hop(?:\s+(?:voi|cung))?|chi\s+dao|don\s+doc|huong\s+dan)\s+"
)
# "UBND thành phố đã yêu cầu các quận ...", "đã ban hành Công điện số 03 yêu cầu ...": asked before.
_ASKED_BEFORE = re.compile(r"\bda\s+(?:ban\s+hanh\s+[^,;.]{0,80}?)?(?:yeu\s+cau|giao|chi\s+dao)\b")
# What the document a letter carries out asked: "Thực hiện Kế hoạch số 245/KH-UBND ... của UBND
# tỉnh, trong đó giao UBND các huyện hoàn thành ... trước ngày 20/01/2025." (the letter's own
# request follows).
_CARRIED_OUT = re.compile(
    rf"thuc\s+hien\s+(?:(?:y\s+kien\s+)?chi\s+dao|{DOCUMENT_NOUN})\b[^;]{{0,400}}?,\s*(?:trong|theo)\s+do\s*,?\s*"
    r"(?:[^,;.]{0,80}?\s)?(?:giao|yeu\s+cau|de\s+nghi|chi\s+dao)\b"
)
# "Thứ trưởng Bộ ... Phan Đức Thịnh chủ trì hội nghị trực tuyến với 63 tỉnh ...": who presided.
_PRESIDED = re.compile(
    rf"(?:(?<![a-z]){HOLDER}\s[^,;.]{{0,120}}?"
    # "Chiều ngày 07/5/2019, đồng chí ... - Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo ... chủ trì
    # cuộc họp trực tuyến ...": the day, who, and his titles.
    r"|^(?:(?:sang|chieu|toi|trua)\s+)?(?:ngay\s+)?\d{1,2}\s*[/-]\s*\d{1,2}[^.;]{0,250}?)"
    r"\bchu\s+tri\s+(?:cuoc\s+hop|hoi\s+nghi|buoi\s+(?:hop|lam\s+viec)|phien\s+hop)"
)
_DATE_BEFORE_MAIN = re.compile(
    r",\s*((?:vao\s+)?ngay\s+\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?)\s*,\s*$"
)
# "Thời gian: Từ ngày 15/4 đến ngày 15/5/2024" (not "Thời gian thực hiện: ...": work's time).
_HELD_FROM = re.compile(r"thoi\s+gian\s*:\s*(?:ke\s+)?tu\s+(?:ngay\s+)?\d")
_GUIDANCE = re.compile(
    # (Whom it guides may be named: "hướng dẫn các cơ quan, đơn vị thực hiện ... như sau:".)
    r"\bhuong\s+dan\s+(?:cac\s+[^:;.]{0,150}?\s)?(?:cu\s+the\s+|chi\s+tiet\s+|thuc\s+hien\s+)?"
    r"(?:(?:mot\s+so\s+)?(?:noi\s+dung|van\s+de)(?:\s+[a-z]+){0,6}?\s+)?nhu\s+sau\s*:\s*$"
)
_FUNDING = re.compile(r"^(?:ve\s+)?(?:nguon\s+)?kinh\s+phi\b")
_AWARD_RULE = r"(?:doi\s+tuong|nguyen\s+tac|hinh\s+thuc|tieu\s+chuan|co\s+cau|noi\s+dung)"
_DEMANDS_HEADING = re.compile(r"(?:ve\s+)?yeu\s+cau\b")
_AIMS_HEADING = re.compile(r"(?:ve\s+)?muc\s+(?:dich|tieu)\b")
_SKIP_HEADING = re.compile(
    r"^(?:ve\s+)?(?:muc\s+tieu|quan\s+diem|muc\s+dich|yeu\s+cau\s*:?\s*$|tinh\s+hinh"
    # "I. ĐÁNH GIÁ KẾT QUẢ ...", "Đánh giá chung": how it went (not "5. Đánh giá, công nhận kỹ
    # năng nghề quốc gia", work to do).
    r"|danh\s+gia(?!\s*,|\s+(?:cong\s+nhan|xep\s+loai|cap\s+do|an\s+toan|ky\s+nang|nang\s+luc))"
    r"|ket\s+qua|can\s+cu|co\s+so\s+phap\s+ly|su\s+can\s+thiet|boi\s+canh|kinh\s+phi"
    # "II. NGUYÊN NHÂN", "2. Tồn tại, hạn chế", "Khó khăn, vướng mắc": what went wrong, and why.
    # (Not "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ", which goes on to what it asks.)
    r"|(?:nguyen\s+nhan|ton\s+tai|han\s+che|kho\s+khan)(?![^:]*\b(?:kien\s+nghi|de\s+xuat)\b)"
    r"|nguon\s+kinh\s+phi|thanh\s+phan|tom\s+tat|mot\s+so\s+ket\s+qua"
    # "Hồ sơ gồm:": what a file holds.
    r"|(?:ho\s+so|tai\s+lieu)(?:\s+[a-z]+){0,6}?\s+(?:bao\s+)?gom(?:\s+co)?\s*:\s*$"
    # "II. CHỈ TIÊU CHỦ YẾU NĂM 2023": the figures to reach, not work given (but "Chỉ tiêu và
    # nhiệm vụ" goes on to the work).
    r"|chi\s+tieu(?![^:]*\b(?:nhiem\s+vu|giai\s+phap)\b)"
    # A plan's particulars: "II. CHỦ ĐỀ", "Đối tượng, phạm vi", "1. Đối tượng thực hiện", "II.
    # ĐỐI TƯỢNG, THỜI GIAN VÀ THÀNH PHẦN THỰC HIỆN".
    r"|(?:chu\s+de|doi\s+tuong|pham\s+vi)"
    # "II. ĐỐI TƯỢNG KIỂM TRA": the units an inspection visits.
    r"(?:\s+(?:thuc\s+hien|ap\s+dung|tham\s+gia|(?:duoc\s+)?(?:kiem\s+tra|thanh\s+tra|giam\s+sat"
    r"|khao\s+sat)))?"
    r"(?:\s*(?:,|va)\s*[a-z\s]{2,40})?\s*:?\s*$"
    # "III. THỜI GIAN, ĐỊA ĐIỂM": when and where an event is held, not work given.
    r"|(?:thoi\s+gian\s*(?:,|va)\s*dia\s+diem|dia\s+diem\s*(?:,|va)\s*thoi\s+gian)"
    r"(?:\s*(?:,|va)\s*[a-z\s]{2,40})?\s*:?\s*$"
    # An emulation plan's rules: "III. ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN
    # THƯỞNG", "2. Nội dung thi đua" (what is judged, not work given).
    # (Not "II. NỘI DUNG THI ĐUA VÀ TỔ CHỨC THỰC HIỆN", which goes on to the work.)
    rf"|{_AWARD_RULE}(?:\s*(?:,|va)\s*{_AWARD_RULE})*\s+(?:khen\s+thuong|thi\s+dua)"
    r"(?:\s*(?:,|va)\s*(?:khen\s+thuong|thi\s+dua))?\s*:?\s*$)"
)
# A board's members, listed: "..., gồm các thành viên sau:", "gồm các ông, bà có tên sau:".
_MEMBERS_LISTED = re.compile(
    r"\bgom\s+(?:cac\s+)?(?:thanh\s+vien|ong|ba|dong\s+chi)\b[^:]{0,40}:\s*$"
)
# A decision's article: "Điều 2. Nhiệm vụ của các thành viên", no part of the one before.
_ARTICLE_OPENS = re.compile(r"dieu\s+\d{1,2}\s*[.:]")
# A paragraph after the last bullet that opens a point of its own, not more of that bullet:
# "Về thủy lợi, chỉ đạo ...", "Nhận được văn bản này, đề nghị ...".
_NEW_POINT = re.compile(
    r"(?:(?:ve|doi\s+voi)\s[^,.;:]{2,60},\s*(?=(?:\w+\s+){0,2}?(?:chi\s+dao|de\s+nghi|yeu\s+cau|giao)\b)"
    r"|nhan\s+duoc\s+(?:van\s+ban|cong\s+van|thong\s+bao)\s+nay\s*,)"
)
# "Căn cứ Chỉ thị số 19/CT-TTg ..., UBND tỉnh ban hành Kế hoạch như sau:" opens the whole plan.
_HEADS_THE_PLAN = re.compile(r"\b(?:nhu\s+sau|sau\s+day)\s*:\s*$")
_IMPERATIVE = re.compile(
    r"^(?:phai\s+|can\s+|khan\s+truong\s+|kip\s+thoi\s+|quyet\s+liet\s+|nghiem\s+tuc\s+)?"
    rf"{TASK_VERB}\b"
)


def _praise(folded: str) -> bool:
    """Thanks or praise that opens a paragraph ("Chủ tịch UBND tỉnh biểu dương các nhà thầu ..."),
    not work that names it ("Chủ động bảo đảm an ninh các hoạt động chúc mừng năm mới", "Đẩy mạnh
    tuyên truyền ...; biểu dương các cơ sở làm tốt")."""
    thanks = _THANKS.search(folded[:200])
    if thanks is None:
        return False
    before = folded[: thanks.start()]
    # (After an agency and a colon: "1. Phòng Văn hóa và Thông tin: Đẩy mạnh tuyên truyền ...".)
    return not any(_imperative(part) for part in (before, before.rsplit(":", 1)[-1]) if part)


def _imperative(folded: str) -> bool:
    """A sentence that asks for work, its subject the addressees ("Các đơn vị tiếp tục ...")."""
    folded = ORDINAL.sub("", folded.strip())  # "Thứ tư, tăng cường phối hợp ..."
    connective = _CONNECTIVE.match(folded)  # "Đồng thời, tăng cường ..."
    folded = folded[connective.end() :] if connective else folded
    # "Từ ngày 30/4/2020 đến hết ngày 03/5/2020, các đơn vị bố trí ...".
    folded = re.sub(
        r"^(?:tu|trong|truoc|den|sau)\s+(?:ngay|thoi\s+(?:gian|han)|dip)[^,;.]{0,60},\s*",
        "",
        folded,
    )
    # "Về công tác ... học bù: Tiếp tục thực hiện theo chỉ đạo ...".
    folded = re.sub(r"^(?:ve|doi\s+voi)\s+[^:;.]{0,100}:\s*", "", folded)
    if regarding := _REGARDING_ASKED.match(folded):
        folded = folded[regarding.end() :]  # "Đối với X, Bộ đề nghị chủ động ..."
    generic = _GENERIC_SUBJECT.match(folded) or _ASKS_NO_ONE.match(folded)
    return bool(_IMPERATIVE.match(folded[generic.end() :] if generic else folded))


# Those a sentence is about, then the writer asking them, naming no one after the request:
# "Đối với các tỉnh miền núi phía Bắc (Lào Cai, ...), Bộ đề nghị chủ động bố trí kinh phí ...".
_REGARDING_ASKED = re.compile(
    r"^(?:doi\s+voi|rieng)\s+(?P<who>[^,;:()]{3,80}?(?:,\s*[^,;:()]{2,30}?)?)(?:\s*\([^()]{0,80}\))?"
    r"\s*,\s*(?:[^\s,;:.]+\s+){1,6}?(?:(?:cung|con|tiep\s+tuc)\s+)?(?:yeu\s+cau|de\s+nghi)\s+"
    rf"(?:tu\s+)?(?={_IMPERATIVE.pattern[1:]})"  # ("... yêu cầu tự kiểm tra, khắc phục ...")
)


# The writer asks, naming no one: "Cục Quản lý Dược yêu cầu báo cáo kết quả ... trước ngày 10/5"
# asks those it has named. The public's petitions ask no agency: "Cử tri đề nghị xem xét ...".
_ASKS_NO_ONE = re.compile(
    r"^(?!(?:nhieu\s+|mot\s+so\s+|cac\s+)?(?:cu\s+tri|(?:nguoi|nhan|cong|ho)\s+dan"
    r"|ho\s+gia\s+dinh|doanh\s+nghiep|nha\s+dau\s+tu|ong|ba)(?![a-z]))"
    r"(?:[^\s,;:.]+\s+){1,8}?(?:(?:cung|con|tiep\s+tuc)\s+)?(?:yeu\s+cau|de\s+nghi)\s+"
)


# "Phòng GD&ĐT thông báo kế hoạch ... như sau:": the writer speaking, not an agency given work.
# ("UBND các quận, huyện báo cáo về UBND thành phố như sau:" is theirs to report, to whom.)
_WRITER_SPEAKS = re.compile(
    r"^\s*(?:xin\s+|tran\s+trong\s+|kinh\s+)?(?:thong\s+bao|bao\s+cao(?!\s+(?:ve\s+|gui\s+)?"
    r"(?:ubnd|uy\s+ban|so|bo|thuong\s+truc)\b)|de\s+nghi|huong\s+dan|luu\s+y|nhac\s+nho)\b"
)


# --------------------------------------------------------------------------------------------
# Sections: headings give their tasks a lead, cooperating agencies and a deadline.
# --------------------------------------------------------------------------------------------


@dataclass
class _Frame:
    level: float
    deadline: Deadline | None = None
    lead: AgencyMention | None = None
    cooperating: list[AgencyMention] = field(default_factory=list)
    skip: bool = False
    intro: bool = False
    details: _Item | None = None  # the task whose particulars the items below give
    contents: bool = False  # the items below are what its report must contain
    steps: bool = False  # the items below are the steps of its work, done by the same agencies
    work: _Item | None = None  # the heading as a task of its own, if no item below is one
    dated_work: bool = False  # ... or whatever is below, when it asks for dated work first
    assigns: bool = False  # "Tổ chức thực hiện": the section that gives the work out
    # "Bộ Tài chính hướng dẫn cụ thể một số nội dung như sau:": the items below explain rules;
    # only those that name who acts, or tell the addressee to act ("Rà soát ..."), are work.
    guidance: bool = False
    funding: bool = False  # "III. KINH PHÍ THỰC HIỆN": where the money comes from
    # "1. Về tình hình thu ngân sách" of a conclusion: a topic, its directions under it
    topic: bool = False
    asks: bool = False  # an opening that asks the work below of someone: "UBND tỉnh yêu cầu:"
    named_at: int | None = None  # where a heading that is an agency's name alone stands
    # "1. Chủ tịch UBND các huyện chỉ đạo:": those its items name are directed, the lead directs.
    directs: bool = False


@dataclass
class _Item:
    paragraphs: list[str]
    start: int
    frames: list[_Frame]
    marked: bool
    follow_up: bool = False  # a plain sentence after a task ("Báo cáo ... gửi ... trước ngày ...")
    inherit: bool = False  # asked of the agencies of the task before it ("Đồng thời, ...")
    lede: bool = False  # a news item's opening, which the body may repeat
    due: str | None = None  # a closing sentence that dates all the work above it


def _specific(mention: AgencyMention) -> bool:
    """One agency by name ("Sở Tài chính", "Công an tỉnh"), not a group or a set ("các sở,
    ngành", "Thủ trưởng các cơ quan")."""
    return mention.group is None and not re.search(
        r"(?:^|\s)(?:cac|tat\s+ca|moi|nhung)\s", fold(mention.written)
    )


def _under(item: _Item, frame: _Frame) -> bool:
    """Whether an item stands under a frame (the frame itself, not an equal one)."""
    return any(f is frame for f in item.frames)


# --------------------------------------------------------------------------------------------
# Mending the body's paragraphs: "2." alone on its line, "...thực hiện;3. Thường xuyên ...".
# --------------------------------------------------------------------------------------------

_INLINE_LIST = re.compile(r":\s*1[.)]\s*(?=[A-ZĐ][^:]*?[.;…]\s*2[.)]\s*[A-ZĐ])")
# Only after a time's heading: "Thời gian gửi báo cáo ... như sau: (i) ...; (ii) ..." (the items of
# an attendance list, or of the decisions a task drafts, are no tasks of their own).
_INLINE_ROMAN = re.compile(
    r"(?<![a-z])(?:thoi\s+(?:gian|han)|han\s+(?:chot|nop|gui))\s[^:]{0,100}?"
    r"(?P<colon>:)\s*\(i\)\s(?=.*?[;.]\s*\(ii\)\s)",
    re.IGNORECASE,
)
_ROMAN_ITEM = re.compile(r"(?<=[;.])\s*(?=\((?:ii|iii|iv|v|vi|vii|viii|ix|x)\)\s)")
_BARE_MARKER = re.compile(r"^\s*(?:\d{1,2}|[a-zđ]|[IVX]{1,5})[.)]\s*$")
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]")


def _is_row(paragraph: str) -> bool:
    """A table row, its cells joined by " | " (a lone "|" in a long sentence, or in a list item,
    is a scan's noise: "e) Ngân hàng ... phát | triển các tiện ích ...")."""
    cells = paragraph.split(" | ")
    if len(cells) == 2:
        return max(map(len, cells)) <= 200 and _marker(cells[0])[0] is None
    return len(cells) > 2


_CUT_SHORT = re.compile(r"[^\W\d_,]$")


def _mend(paragraphs: list[str]) -> list[str]:
    """The body's paragraphs with list markers put back where a page's layout lost them."""
    mended: list[str] = []
    pending = ""
    number = 0
    for paragraph in paragraphs:
        if _BARE_MARKER.match(paragraph) and not _is_row(paragraph):
            pending = paragraph.strip()  # the marker of the paragraph below
            continue
        if pending:
            paragraph, pending = f"{pending} {paragraph.lstrip()}", ""
        if (
            mended
            and _CUT_SHORT.search(mended[-1])
            and paragraph[:1].islower()
            and _marker(paragraph)[0] is None
            and not _is_row(paragraph)
            and not _is_row(mended[-1])
        ):
            # "... phát triển các tiện ích thanh toán điện tử để thúc đẩy" / "thương mại điện tử;
            # ...": one sentence that a scan's blank line cut in two.
            mended[-1] = f"{mended[-1]} {paragraph}"
            continue
        # "4.Bố trí": a marker without its space.
        paragraph = re.sub(r"^(\s*\d{1,2}[.)])(?=[^\W\d_])", r"\1 ", paragraph)
        # "... như sau: 1. Giao Bộ X ... 2. Bộ Y ...": a numbered list run into its opening.
        inline = _INLINE_LIST.search(paragraph)
        if inline and not _is_row(paragraph):
            mended.append(paragraph[: inline.start() + 1])
            paragraph = paragraph[inline.start() + 1 :].lstrip()
        # "... như sau: (i) các Bộ ... là trước ngày 16/6; (ii) báo cáo của UBND các tỉnh ...".
        roman = _INLINE_ROMAN.search(fold(paragraph))
        if roman and not _is_row(paragraph):
            mended.append(paragraph[: roman.end("colon")])
            *items, paragraph = _ROMAN_ITEM.split(paragraph[roman.end("colon") :].strip())
            mended.extend(items)
        numbered = _NUMBERED.match(paragraph)
        if numbered:
            number = int(numbered.group(1))
        # The next item glued to the end of this one: "... biết, thực hiện;3. Thường xuyên ...".
        while number and not _is_row(paragraph):
            glued = re.search(rf"(?<=[;.…])\s*{number + 1}[.)]\s*(?=[^\W\d_])", paragraph)
            if glued is None or not paragraph[glued.end()].isupper():
                break
            if not re.search(r"[^\W\d_]", paragraph[: glued.start()]):
                break  # "1.2. Sở Tài chính": a number of two parts, not "1." before "2."
            mended.append(paragraph[: glued.start()].rstrip())
            paragraph = f"{number + 1}. {paragraph[glued.end() :]}"
            number += 1
        mended.append(paragraph)
    if pending:
        mended.append(pending)
    return mended


def _without_chrome(paragraphs: list[str]) -> list[str]:
    """The article of a web page: no date stamp, site chrome or paragraph printed twice."""
    kept: list[str] = []
    seen: list[str] = []
    for paragraph in paragraphs:
        paragraph = _STAMP.sub("", paragraph, count=1)
        mark = _PAPER_MARK.match(paragraph)
        if mark and not re.fullmatch(r"[IVXLC]+", mark.group("name")):
            paragraph = paragraph[mark.end() :]  # "VOV.VN - Ngày 15/4, ...": who tells the news
        folded = fold(paragraph).strip()
        # A row of four cells or more is a table's ("10-11/2019 | Xây dựng ... | ..."), not a
        # page's date stamp ("Thứ Năm, 28-01-2021 | 10:30").
        stamp = len(folded) < 120 and _CHROME.match(folded) and paragraph.count(" | ") < 3
        if kept and len(folded) < 40 and _OTHER_NEWS.match(folded):
            break  # the page's links to other news
        if not folded or stamp or _CAPTION.search(folded):
            continue
        key = re.sub(r"[^a-z0-9]", "", folded)
        if len(key) >= 60 and _marker(paragraph)[0] is None and any(key in other for other in seen):
            # The lead paragraph again, under the headline or at the end (a list item said
            # again is the same duty of another agency: "- Định kỳ 6 tháng, báo cáo ...").
            continue
        seen.append(key)
        kept.append(paragraph)
    return kept


# Where one sentence ends and the next starts; not after "TP.", "ThS.", "Điều 2.", "khóa XIV.".
_STOP = re.compile(r"[.!?…]+[\"”’)]*\s+")
_ABBREVIATION = re.compile(r"(?:[A-ZĐ]|TP|Tp|TS|ThS|PGS|GS|BS|KS|Th|TT|v\.v|[IVXL]{1,5})")
_ARTICLE = re.compile(r"(?:Điều|Khoản|Mục|Phần|Chương|điểm|khoản|mục)")


def _sentences(text: str) -> list[str]:
    """The sentences of a paragraph (a stop, a space and a capital letter)."""
    pieces: list[str] = []
    start = 0
    for stop in _STOP.finditer(text):
        following = stop.end()
        if following >= len(text) or not text[following].isupper():
            continue
        words = text[start : stop.start()].split()
        if not words or _ABBREVIATION.fullmatch(words[-1].lstrip('(“"')):
            continue
        numbered = re.fullmatch(r"\d{1,2}", words[-1])
        if numbered and (len(words) == 1 or _ARTICLE.fullmatch(words[-2])):
            continue  # "2. Giao ...", "Điều 2. Giao ...": a number, not the end of a sentence
        sentence = text[start : stop.start()]
        if sentence.count("(") > sentence.count(")"):
            continue  # inside an aside
        pieces.append(text[start:following].strip())
        start = following
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _clauses(text: str) -> list[str]:
    """The sentences of a paragraph, each cut at a ";" and where a request follows what it says."""
    return [clause for sentence in _sentences(text) for clause in _CLAUSE_BREAK.split(sentence)]


# A heading that opens with its purpose: "2. Để bảo đảm khởi công Dự án trong năm 2022 ..., yêu
# cầu các bộ, cơ quan thực hiện các nhiệm vụ sau:" (the year is the aim's, not the work's).
_PURPOSE_FIRST = re.compile(r"\s*(?:de|nham)\s(?!nghi\b)")  # "Để ...", not "Đề nghị ..."
# "Để có cơ sở báo cáo Thủ tướng Chính phủ, ": the purpose, up to its comma.
_PURPOSE_CLAUSE = re.compile(rf"^{_PURPOSE_FIRST.pattern}[^,:;]{{0,200}},\s*")
_ORDER_AFTER_PURPOSE = re.compile(r",\s*(?:[^,]{0,60}?\s)?(?:yeu\s+cau|de\s+nghi|giao)\b")


def _after_purpose(text: str) -> str:
    """A heading without the purpose it opens with, where the order after it is found."""
    folded = fold(text)
    if not _PURPOSE_FIRST.match(folded):
        return text
    order = _ORDER_AFTER_PURPOSE.search(folded)
    return text[order.start() + 1 :] if order else ""


def _usable(deadline: Deadline | None) -> bool:
    return deadline is not None and (
        deadline.date is not None or deadline.kind in ("recurring", "ongoing")
    )


# An opening that says when the work below is due: "hoàn thành (dứt điểm) trong tháng 4/2025".
_COMPLETE_BY = re.compile(
    r"\bhoan\s+thanh(?:\s+dut\s+diem)?\s+(?:truoc|trong|cham\s+nhat)\s+(?:ngay|thang|quy)\s+\d"
)
# What an agency is or holds, after its name: "Sở Y tế là chủ đầu tư", "... hiện đang quản lý".
_DESCRIBED = re.compile(r"\s*(?:la|(?:hien\s+)?dang)\b")


class _Segmenter:
    def __init__(
        self,
        doc: Document,
        catalogue: Catalogue,
        issued_on: _dt.date,
        calendar: WorkingCalendar | None,
        before_is_inclusive: bool = True,
    ) -> None:
        self.doc = doc
        self.catalogue = catalogue
        self.issued_on = issued_on
        self.calendar = calendar
        self.before_is_inclusive = before_is_inclusive
        start, end = body_range(doc)
        body = doc.paragraphs[start:end]
        if attached := attachment_range(doc, end):
            body += doc.paragraphs[attached[0] : attached[1]]  # the plan a decision issues
        self.paragraphs = _mend(_without_chrome(body))
        self.start, self.end = 0, len(self.paragraphs)
        self.quoted = _quoted_rules(self.paragraphs)
        self.frames: list[_Frame] = []
        self.items: list[_Item] = []
        self.letter = False  # a letter ("Kính gửi"): its plain paragraphs ask the addressee
        self.reported = False  # a news item that says whom the letter asks
        self.answers = False  # a letter that answers a question: its points explain
        # A news item that asks nothing new: what it recalls was asked before is its work.
        self.earlier_asks = False
        self.visited: AgencyMention | None = None  # whom the notice's working visit was to
        # A plan's "Mục đích" heading: "Yêu cầu" is its pair, how the plan is to be carried out.
        self.aims_stated = any(
            _AIMS_HEADING.match(fold(rest).strip())
            for level, rest in map(_marker, self.paragraphs)
            if level is not None
        )
        self.lead_seen = False  # its opening ("Ngày ..., UBND tỉnh ban hành ...") was read
        self.table_tasks: list[TaskDraft] = []
        self.pieces: set[int] = set()  # paragraphs cut from one paragraph of the text
        self.continued: set[int] = set()  # the pieces asked of the agencies of the one before
        self.scheduled: dict[int, str] = {}  # pieces of a schedule's line: the line's time
        self.headings: list[_Frame] = []  # headings that ask their agency for work
        self.stepped: list[_Frame] = []  # headings whose work the items below give in steps
        self.assigns_below = False  # a "Tổ chức thực hiện" section gives the work out
        self.flat_cache: dict[str, str] = {}  # paragraphs folded, spaces made one
        self.nesting: list[tuple[float, float]] = []  # open lists: (marker's depth, as nested)
        self.parsed: dict[str, Deadline] = {}  # the deadline each text gives
        self.found: dict[str, list[Deadline]] = {}  # every deadline phrase of each text

    # -- helpers

    def _next_level(self, index: int) -> tuple[bool, float | None]:
        """(exists, level) of the next body paragraph (a table row counts as deeper content)."""
        for position in range(index + 1, self.end):
            text = self.paragraphs[position]
            if _is_row(text):
                return True, _ROW_BELOW  # a table under a paragraph is its content
            return True, _marker(text)[0]
        return False, None

    def _is_heading(self, index: int, level: float, rest: str) -> bool:
        if rest.rstrip().endswith(":") or is_caps(rest):
            return True
        if _IMPLEMENTATION.fullmatch(fold(rest).strip(" .")):
            return True  # "2. Tổ chức thực hiện", then what each does
        if index + 1 < self.end and _FIELD.match(fold(self.paragraphs[index + 1]).strip()):
            return False  # its lines say who does it and by when: a task
        exists, next_level = self._next_level(index)
        if not exists:
            return False
        if next_level == _ROW_BELOW and re.search(r"[.;!?…]\W*$", rest):
            # "2. UBND các xã ... xong trước ngày 30/9/2025./." then an appendix's table: the
            # plan's last item, not the heading of the rows after it.
            return False
        if next_level is not None and next_level > level:
            return True
        if next_level is None and self._agency_alone(rest) and not re.search(r"[.;!?…]\W*$", rest):
            return True  # "2. Thanh tra Sở" after "1. Sở Y tế: ...", then its work unmarked
        if index > self.start and _marker(self.paragraphs[index - 1])[0] == level:
            return False  # the last item of a list, the text going on after it
        return next_level is None and len(rest) <= 160 and not re.search(r"[.;!?…]\W*$", rest)

    def _agency_alone(self, text: str) -> bool:
        mentions = self.catalogue.find_mentions(text)
        return len(mentions) == 1 and not (
            text[: mentions[0].start].strip() or text[mentions[0].end :].strip(" :.")
        )

    def _nested(self, index: int, level: float) -> float:
        """The depth of a marked paragraph in this document's lists: a marker's kind gives it,
        unless the item before announces items of a kind ranked above its own ("- Bộ Y tế thực
        hiện các nhiệm vụ sau:" then "(1) ...", "(2) ..."): those nest under it."""
        kinds = [kind for kind, _ in self.nesting]
        if level in kinds:
            position = len(kinds) - 1 - kinds[::-1].index(level)
            del self.nesting[position + 1 :]
            return self.nesting[-1][1]
        if (
            self.nesting
            and level < self.nesting[-1][0]
            and index > self.start
            and _marker(self.paragraphs[index - 1])[0] == self.nesting[-1][0]
            and self.paragraphs[index - 1].rstrip().endswith(":")
        ):
            self.nesting.append((level, self.nesting[-1][1] + 0.25))
            return self.nesting[-1][1]
        while self.nesting and self.nesting[-1][0] >= level:
            self.nesting.pop()
        self.nesting.append((level, level))
        return level

    def _pop(self, level: float) -> None:
        while self.frames and self.frames[-1].level >= level:
            self.frames.pop()

    def _skipping(self) -> bool:
        return any(frame.skip for frame in self.frames)

    def _skipped(self, folded: str, text: str) -> bool:
        """Under a heading of background ("I. ĐÁNH GIÁ TÌNH HÌNH ..."), unless the paragraph asks
        someone in so many words ("..., yêu cầu các sở, ban, ngành khẩn trương đánh giá ...")."""
        if not self._skipping():
            return False
        skipping = [frame for frame in self.frames if frame.skip]
        if all(frame.funding or frame.topic for frame in skipping) and self._actor_first(text):
            return False  # "3. Bộ Tài chính chủ trì tổng hợp, trình ... bố trí kinh phí ..."
        below = self.frames[self.frames.index(skipping[-1]) + 1 :]
        if any(frame.asks for frame in below):
            return False  # "1. Về tình hình thu ngân sách" then "UBND tỉnh yêu cầu:"
        # ("Thành phần: ..." lists who attends; "Giao UBND huyện ... chuẩn bị báo cáo" after it
        # gives work.)
        asked = _ASKED.search(folded) or (
            _GIVES.match(folded) and not _PAST_OR_SUBMISSION.search(folded)
        )
        return not (asked and self._assigns(text, explicit_only=True))

    def _all_report(self, folded: str, text: str) -> bool:
        """ "Các đơn vị báo cáo kết quả ... trước 15 giờ ngày 17/6/2021." after the last item: all
        of them asked, a task of its own, not more of that item."""
        return _ALL_UNITS_ASKED.match(folded) is not None and self._dated(text)

    def _headline(self, index: int) -> bool:
        """A news item's title over its text: "Sở Y tế triển khai phòng, chống sốt xuất huyết",
        no sentence, no date, with the item below it."""
        return index == self.start and index + 1 < self.end and self._no_sentence(index, 200)

    def _byline(self, index: int) -> bool:
        """The source or author a news item ends with: "Báo Sức khỏe & Đời sống"."""
        if index != self.end - 1 or index == self.start or not self._no_sentence(index, 80):
            return False
        text = self.paragraphs[index].strip()
        # (Not a copy cut short: "Sở Công Thương tiếp tụ".)
        return _SOURCE.match(fold(text)) is not None or all(
            word[:1].isupper() or not word[:1].isalpha() for word in text.split()
        )

    def _no_sentence(self, index: int, longest: int) -> bool:
        text = self.paragraphs[index].strip()
        return (
            len(text) <= longest
            and _marker(text)[0] is None
            and not _is_row(text)
            and _TERMINAL_MARK.search(text) is None
            and not self._dated(text)
        )

    def _directs_on_topic(self, folded: str) -> bool:
        """ "UBND tỉnh yêu cầu:" under "1. Về tình hình thu ngân sách": the directions on it."""
        return (
            all(frame.topic for frame in self.frames if frame.skip)
            and _ASKED.search(folded) is not None
            and _PAST.search(folded) is None
        )

    def _actor_first(self, text: str) -> bool:
        """A paragraph that opens with the agency that acts ("Bộ Tài chính chủ trì ...")."""
        roles = self._roles(text)
        lead = roles.lead
        return (
            lead is not None
            and not fold(text[: lead.start]).strip(" .,-+*0123456789)")
            and (roles.explicit or _imperative(fold(text[lead.end :]).strip()))
        )

    def _opening_sentence(self, text: str) -> str:
        """The sentence that opens a list: its paragraph's last, when it names an agency ("Cơ bản
        thống nhất ... . Trong đó, UBND huyện Bát Xát tập trung vào một số nội dung sau:")."""
        last = _sentences(text)[-1]
        return last if last != text and self.catalogue.find_mentions(last) else text

    def _context_frame(self, text: str, level: float, *, intro: bool) -> _Frame:
        mentions = self.catalogue.find_mentions(text)
        # An opening sentence names its lead by "giao", "đề nghị" ..., or by starting with it:
        # "Bộ Thông tin và Truyền thông phối hợp với ... và chủ trì cùng các Bộ, ngành:", after
        # a connective or not ("Đồng thời, Sở Y tế thực hiện các nội dung sau:").
        before = fold(text[: mentions[0].start]).strip() if mentions else ""
        opens_with_agency = (
            bool(mentions)
            # "Chủ tịch Hội đồng thành viên Tập đoàn ... chỉ đạo:": its head's title first.
            and (
                not before
                or _CONNECTIVE.fullmatch(before) is not None
                or re.fullmatch(TITLE, f"{before} ") is not None
            )
            and not _WRITER_SPEAKS.match(fold(text[mentions[0].end :]))
        )
        roles = find_roles(text, mentions, subject_ok=not intro or opens_with_agency)
        folded = fold(text).strip()
        if not intro:
            # A heading that is only an agency: "2. Sở Y tế:", "a) Cục Thuế có trách nhiệm:".
            deadline = section_deadline(
                _after_purpose(text), self.issued_on, calendar=self.calendar
            )
        elif _COMPLETE_BY.search(fold(text)) and not self._gone_by(self._parse(text)):
            # "Các Bộ, cơ quan khẩn trương ..., hoàn thành dứt điểm trong tháng 04 năm 2025 để
            # ...:": the date the work below is due by; not one the opening recalls ("Kế hoạch số
            # 45/KH-UBND yêu cầu hoàn thành trước ngày 31/12/2023, nhưng đến nay ...").
            deadline = self._parse(text)
        else:
            deadline = None  # an opening sentence's year is the text's horizon, not a due date
        lead = roles.lead if (roles.explicit or not intro or opens_with_agency) else None
        if lead is None and intro:
            # "..., thời gian tới, các bộ, ngành cần tập trung triển khai các nhiệm vụ sau:", "Sở
            # Tài nguyên và Môi trường sẽ tiếp tục triển khai các nhiệm vụ sau:".
            subject = find_roles(text, mentions).lead or (
                mentions[0] if opens_with_agency else None
            )
            if subject is not None and _DUTY_MODAL.match(fold(text[subject.end :])):
                lead = subject
        named = None
        if lead is None:
            # "1. Ủy ban nhân dân tỉnh" heading a resolution's demands: the committee itself,
            # which a sentence names as the one reported to.
            named = _PLURAL_AGENCIES.fullmatch(folded) or (
                None
                if intro
                else _COMMITTEE_HEADING.fullmatch(folded) or _SCHOOL_ROLE.fullmatch(folded)
            )
        elif not intro and (trait := _PLURAL_AGENCIES.fullmatch(folded)):
            # "2.5. Các huyện ủy, thành ủy có dự án trên địa bàn:": those of them it names.
            longer = trait.group(1).strip()
            if longer.startswith(fold(lead.written)) and len(longer) > len(lead.written):
                named = trait
        # ("Các tổ chức tín dụng ..." is a name; "tổ chức" there is no verb.)
        if named and not _ACTS.search(_TO_CHUC_HEAD.sub("", folded)):
            # "2. Các sở quản lý nhà nước chuyên ngành về hạ tầng": those the items below are for.
            written = text.strip()[named.start(1) : named.end(1)].strip()
            lead = AgencyMention(written, named.start(1), named.end(1))
        duty = _DUTY_OF.fullmatch(folded) or _duties_of_agency(folded, mentions)
        if lead is None and not intro and duty:
            # "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:": those the items below are for.
            written = text.strip()[duty.start(1) : duty.end(1)].strip()
            lead = AgencyMention(written, duty.start(1), duty.end(1))
        if self.letter and _asked_of_addressee(text, lead):
            lead = None  # "đề nghị Quý Ủy ban chỉ đạo Sở Tài chính ...": the addressee's task
        if (
            intro
            and lead is not None
            and (
                _ISSUES_ITSELF.match(fold(text[lead.end :]))
                or (not roles.explicit and _DRAWS_UP_ITSELF.match(fold(text[lead.end :])))
            )
        ):
            # "Ủy ban nhân dân thành phố ban hành Kế hoạch ..., với nội dung cụ thể như sau:":
            # the writer opens its own document; what follows is the plan, not the writer's work.
            lead = None
        skipped = _SKIP_HEADING.match(folded)
        topic = skipped is not None and folded.startswith("ve tinh hinh")
        return _Frame(
            directs=lead is not None and _DIRECTS_BELOW.search(fold(text[lead.end :])) is not None,
            level=level,
            # ("Về tình hình thực hiện nhiệm vụ 2 tháng đầu năm 2024": the time reviewed.)
            deadline=deadline if _usable(deadline) and not topic else None,
            lead=lead,
            cooperating=[*roles.co_leads, *roles.cooperating],
            # "Mục đích:", "Căn cứ:" head what is not work; a long opening that starts "Căn cứ
            # Nghị quyết ...; ..." and ends "... như sau:" heads the whole plan.
            # "... Tham dự có các đồng chí:" heads the list of those who attended.
            skip=(
                skipped is not None
                # "II. YÊU CẦU" of an inspection's conclusion holds its demands; of a plan, after
                # "1. Mục đích", how the plan is to be carried out.
                and (self.aims_stated or not _DEMANDS_HEADING.match(skipped.group()))
                and not roles.explicit
                and len(text) <= 160
                and not (intro and _HEADS_THE_PLAN.search(folded))
                # ("1. Căn cứ kết quả phân loại, xử lý theo từng trường hợp như sau:": work.)
                and not (folded.startswith("can cu") and _work_after_basis(text))
            )
            or (intro and bool(_ATTENDANCE.search(folded[-60:])))
            or (
                _QUOTES_A_RULE.search(folded) is not None
                and not _ASKED.search(folded)
                and not folded.startswith("ve ")  # "1. Về kiến nghị ... ban hành Quyết định ...:"
            ),
            funding=bool(_FUNDING.match(folded)),
            topic=topic,
            asks=intro and self._directs_on_topic(folded),
            guidance=bool(_GUIDANCE.search(folded)),
            intro=intro,
        )

    # -- the walk

    def _gone_by(self, deadline: Deadline) -> bool:
        """A date before the document's own: what was due, not what it asks."""
        return deadline.date is not None and deadline.date < self.issued_on

    def _parse(self, text: str) -> Deadline:
        # The same sentence is asked about more than once (is it dated? its own date?).
        if text not in self.parsed:
            found = parse_deadline(
                text,
                self.issued_on,
                calendar=self.calendar,
                before_is_inclusive=self.before_is_inclusive,
            )
            # A yearly step that names no month states no date: it makes no paragraph dated
            # work and yields to a section's date, as both blind labellers read it;
            # _no_date_given gives the task back its recurrence.
            if found.step_only:
                found = replace(found, kind="none")
            self.parsed[text] = found
        return self.parsed[text]

    def _no_date_given(self, own: Deadline) -> Deadline:
        """The deadline of a task whose text gives no date and that no section dates: a yearly
        step that names no month recurs, its first date for the officer to give ("báo cáo định
        kỳ hằng năm"); any other is a standing duty."""
        if own.step_only:
            return parse_deadline(own.phrase, self.issued_on, calendar=self.calendar)
        return ONGOING

    def _other_deadlines(
        self, draft: TaskDraft, taken: set[_dt.date | None]
    ) -> tuple[Deadline, ...]:
        """The dates a task's own text gives besides those taken, each once, in text order; none
        for a task with no date (its text's dates are where the work starts, or its basis)."""
        if draft.deadline.date is None:
            return ()
        if draft.text not in self.found:
            self.found[draft.text] = find_deadlines(
                draft.text,
                self.issued_on,
                calendar=self.calendar,
                before_is_inclusive=self.before_is_inclusive,
            )
        others: dict[_dt.date, Deadline] = {}
        for found in self.found[draft.text]:
            # A day before the issue date tells what happened, never what is still due.
            if found.date is not None and found.date >= self.issued_on and found.date not in taken:
                others.setdefault(found.date, found)
        return tuple(others.values())

    def run(self) -> None:
        last: _Item | None = None
        index = self.start
        while index < self.end:
            text = self.paragraphs[index]
            if (
                index in self.quoted
                or self._headline(index)
                or self._byline(index)
                or (not self.earlier_asks and _EARLIER.match(fold(text)))
                or self._crosshead(index)
            ):
                index += 1
                last = None
                continue
            if _is_row(text):
                index = self._table(index)
                last = None
                continue
            level, rest = _marker(text)
            opening = _OPENING.search(fold(rest))
            if opening and level is None and self._asks(rest[opening.end() :]):
                # "Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau: Giao ...": an intro, then the task;
                # "Sở Y tế thực hiện một số nhiệm vụ sau: Tổ chức ...", when it names who acts.
                intro = self._context_frame(rest[: opening.end()], 99.0, intro=True)
                if not opening.group("listed") or intro.lead is not None:
                    self.frames.append(intro)
                    rest = rest[opening.end() :]
            folded = fold(rest).strip()
            if self.letter and level is None and _answers(rest):
                self.answers = True
                if not self._assigns(rest, explicit_only=True):
                    last = None
                    index += 1
                    continue
            if last is not None and _FIELD.match(fold(text).strip()):
                last.paragraphs.append(text.strip())  # "- Cơ quan thực hiện: Sở Y tế."
                index += 1
                continue
            if level is not None:
                level = self._nested(index, level)
                self._pop(level)
                if self._is_heading(index, level, rest):
                    frame = self._context_frame(rest, level, intro=False)
                    if frame.lead is not None and not fold(rest[frame.lead.end :]).strip(" :."):
                        frame.named_at = index  # "2. Văn phòng Sở"
                    frame.assigns = bool(_IMPLEMENTATION.match(fold(rest).strip()))
                    self.assigns_below = self.assigns_below or frame.assigns
                    frame.skip = frame.skip or self._skipping()
                    self._asks_for_a_report(frame, rest, index)
                    self._work_in_steps(frame, rest, index)
                    self._work_of_its_own(frame, rest, index)
                    self.frames.append(frame)
                    last = None
                elif self._skipped(folded, rest) or self._not_a_task(folded, rest):
                    last = None
                elif (details := _nearest(self.frames, "details")) and (
                    _DETAIL.match(folded) or self._report_content(rest) or self._step(rest)
                ):
                    assert isinstance(details, _Item)
                    details.paragraphs.append(rest)  # "1. Thời gian dự thi: từ ... đến ..."
                    last = None
                elif (
                    last is not None
                    and not last.marked
                    and (self._particular(folded, rest) or self._first_report(last, folded, rest))
                ):
                    # "... đề nghị các Sở báo cáo ...: 1. Báo cáo gửi về Bộ phải có xác nhận
                    # ...; 2. Thời hạn gửi báo cáo trước ngày ...": the request's particulars.
                    last.paragraphs.append(rest)
                else:
                    first, *others = self._own_requests(rest)
                    last = _Item([first], index, list(self.frames), marked=True)
                    self.items.append(last)
                    for other in others:
                        self.items.append(_Item([other], index, list(self.frames), marked=False))
                index += 1
                continue
            if re.fullmatch(r"\([^()]*\)\.?", rest.strip()):
                index += 1  # "(Có đề cương chi tiết gửi kèm)": an aside, the task goes on
                continue
            cited = self.letter and index not in self.pieces and _NEWS_LEAD.match(folded)
            if cited or (self.letter and index not in self.pieces and _RECEIVED.match(folded)):
                # "Ngày 29/6/2026, Bộ trưởng Bộ Xây dựng ban hành Quyết định số ... và giao ...",
                # "UBND tỉnh nhận được Công văn số ... của Bộ Y tế. Theo đó, Bộ Y tế đề nghị ...":
                # in a letter, what another document said; the letter asks its own after it.
                request = self._own_request(rest) if cited else self._writers_turn(rest)
                if request is None:
                    last = None
                    index += 1
                    continue
                rest = self.paragraphs[index] = request
                folded = fold(rest).strip()
            if _ARTICLE_OPENS.match(folded):
                self.frames.clear()  # a decision's article: what the one before opened ends
            # An unmarked paragraph: a news item's may hold several requests.
            if index not in self.pieces and not self._skipping():
                rest = self._split(index, rest)
                folded = fold(rest).strip()
            if _NEWS_LEAD.match(folded):
                self.lead_seen = True  # what comes before it is the headline
            if (rest.rstrip().endswith(":") or self._opens_ordinals(index, rest)) and (
                not self._skipping() or self._directs_on_topic(folded)
            ):
                subheading = _SUBHEADING.fullmatch(folded) is not None
                while self.frames and self.frames[-1].intro:
                    if subheading and (self.frames[-1].lead or self.frames[-1].asks):
                        break  # "... đề nghị Chủ tịch UBND các tỉnh ... sau:", "Về trồng trọt:"
                    self.frames.pop()
                _exists, next_level = self._next_level(index)
                intro_level = next_level - 0.5 if next_level is not None else 99.0
                frame = self._context_frame(self._opening_sentence(rest), intro_level, intro=True)
                frame.skip = frame.skip or bool(_MEMBERS_LISTED.search(folded))
                following = self.paragraphs[index + 1] if index + 1 < self.end else ""
                level_below, item_below = _marker(following)
                if level_below is not None and _DETAIL.match(fold(item_below)) and frame.lead:
                    # "... đề nghị Hiệu trưởng các trường tổ chức cuộc thi như sau: 1. Thời gian
                    # dự thi: ... 2. Đối tượng dự thi: ...": one task, and its particulars.
                    frame.details = _Item([rest], index, list(self.frames), marked=False)
                    self.items.append(frame.details)
                else:
                    self._asks_for_a_report(frame, rest, index)
                self.frames.append(frame)
                last = None
            elif (
                self._skipped(folded, rest)
                or self._not_a_task(folded, rest)
                or self._said_before(index)
            ):
                last = None
            elif self._closing_rider(folded, rest):
                for item in self.items:
                    item.due = item.due or rest
                last = None
            elif _SECTION_RIDER.match(folded) and self._parse(rest).date is not None:
                # "Thời gian hoàn thành các nội dung tại khoản này: trước ngày 31/10/2025.": the
                # items of the section above it, each that names no date of its own.
                for item in self.items:
                    if item.frames == self.frames:
                        item.due = item.due or rest
                last = None
            elif self.items and _ABOVE_RIDER.match(folded) and self._dated(rest):
                for item in self.items:
                    if item.frames == self.items[-1].frames:
                        item.due = item.due or rest
                last = None
            elif (listed := self._undated_list()) and self._reports_sent(folded, rest):
                # "1. Các sở, ban, ngành: Báo cáo ...", "2. UBND các huyện: Báo cáo ...", then
                # "Báo cáo của các cơ quan, đơn vị gửi về Sở Tài chính trước ngày 20/3/2023.":
                # when each of them is due.
                for item in listed:
                    item.due = rest
                last = None
            elif last is not None and self._particular(folded, rest):
                last.paragraphs.append(rest)  # the deadline of the task above, what it must be
            elif (
                asked := last or self._open_report() or self._last_request()
            ) and self._first_report(asked, folded, rest):
                asked.paragraphs.append(rest)  # "Báo cáo nhanh gửi trước 14h00 ngày 13/02."
            elif self._assigns(rest):
                last = _Item([rest], index, list(self.frames), marked=False)
                last.lede = bool(_NEWS_LEAD.match(folded))
                self.items.append(last)
            elif index in self.continued and last is not None:
                # "...; báo cáo nhanh ... trước 10 giờ ngày ...", "Cụ thể, phải ...": a request of
                # its own, asked of the agencies before it.
                last = self._inherited(rest, index)
            elif (
                last is not None
                and last.marked
                and last.frames == self.frames
                and not _ARTICLE_OPENS.match(folded)
                and not _TAKES_EFFECT.match(folded)
                and not _NEW_POINT.match(folded)
                and not _SOMEONE_WILL.match(rest)
                and not self._due_again(last, folded, rest)
                and not self._all_report(folded, rest)
            ):
                last.paragraphs.append(rest)  # more of the item above (a page break, a detail)
            elif (
                (
                    # Loose signals count once the tasks have begun, or in a letter; in a news item
                    # that names whom the letter asks, what is asked of them.
                    (
                        (
                            (self.frames or self.letter)
                            and (_imperative(folded) or self._dated(rest))
                        )
                        or (self.reported and self.lead_seen and _imperative(folded))
                        # "2. Văn phòng Sở" then "Đăng tải Kế hoạch ...": that office's work.
                        or (
                            self.frames[-1:]
                            and self.frames[-1].named_at == index - 1
                            and not self._skipping()
                        )
                    )
                    and not _PREAMBLE.match(folded)
                )
                or (
                    _BASIS.match(folded)
                    and _nearest(self.frames, "lead")
                    and _work_after_basis(rest)
                )
            ):
                for piece in self._own_requests(rest):
                    last = _Item([piece], index, list(self.frames), marked=False)
                    self.items.append(last)
            elif (
                last is not None
                and not last.marked
                and not self.letter
                and not self._framed()
                and (_CONNECTIVE.match(folded) or _imperative(folded))
            ):
                # A news item goes on with what the same agencies are to do: "Bố trí trực ...".
                last = self._inherited(rest, index)
            elif self.items and _imperative(folded) and self._dated(rest):
                # A plain sentence with a deadline after the tasks: "Báo cáo tình hình ... gửi
                # Văn phòng UBND tỉnh trước 17 giờ ngày 03/5/2020" is asked of the same agencies.
                last = _Item([rest], index, list(self.frames), marked=False, follow_up=True)
                self.items.append(last)
            else:
                last = None
            index += 1
        for frame in self.stepped:
            # "3. ..., yêu cầu các bộ, ngành tập trung thực hiện một số nhiệm vụ như sau:" over
            # "(1) Giao Bộ ...", "(2) Đề nghị Ủy ban ...": each item below given to someone, no
            # step of its own: the heading only opens them.
            details = frame.details
            below = [item for item in self.items if item is not details and _under(item, frame)]
            if (
                details is not None
                and below
                and len(details.paragraphs) == 1
                and not self._dated(details.paragraphs[0])
                and all(self._given_to_another(item, frame) for item in below)
            ):
                self.items = [item for item in self.items if item is not details]
        for frame in self.headings:
            if frame.work is not None and (
                frame.dated_work or not any(_under(item, frame) for item in self.items)
            ):
                at = next(
                    (i for i, item in enumerate(self.items) if item.start > frame.work.start), None
                )
                self.items.insert(len(self.items) if at is None else at, frame.work)
        for item in self.items:
            # "Ngày 11/7/2017: Công bố kết quả ... Các trường THPT cấp Giấy chứng nhận ...":
            # every sentence of a schedule's line is due at the line's time.
            item.due = item.due or self.scheduled.get(item.start)

    def _given_to_another(self, item: _Item, frame: _Frame) -> bool:
        """An item that names who does it, someone other than the heading's agency."""
        lead = self._roles(" ".join(item.paragraphs)).lead
        return lead is not None and (
            frame.lead is None or fold(lead.written) != fold(frame.lead.written)
        )

    def _framed(self) -> bool:
        """Under a heading or a numbered section (an opening sentence does not count)."""
        return any(not frame.intro for frame in self.frames)

    def _inherited(self, text: str, index: int) -> _Item | None:
        folded = fold(text).strip()
        connective = _CONNECTIVE.match(folded)
        asked = folded[connective.end() :] if connective else folded
        if not (_imperative(asked) or _ASKING.match(asked) or self._dated(text)):
            return None  # "Theo đó, cán bộ, công chức ... nghỉ Tết ...": news, not a request
        item = _Item([text], index, list(self.frames), marked=False, follow_up=True, inherit=True)
        self.items.append(item)
        return item

    def _roles(self, text: str) -> Roles:
        """Who a text gives its work to, among the agencies it names."""
        return find_roles(text, self.catalogue.find_mentions(text))

    def _own_requests(self, text: str) -> list[str]:
        """An item cut where a later sentence gives work to someone else: "Giao Văn phòng Chính
        phủ bố trí lịch ... Bộ Xây dựng chuẩn bị báo cáo chính ..." (two tasks)."""
        sentences = [piece for sentence in _sentences(text) for piece in self._by_actor(sentence)]
        if len(sentences) < 2:
            return [text]
        # The first sentence's own actor: a later "Giao Bộ Quốc phòng ..." outranks "Bộ Tài chính
        # xuất cấp gạo ..." in the whole item, but it is another task. Not an agency the sentence
        # only describes: "Sở Y tế là chủ đầu tư dự án. Giao Sở Tài chính bố trí vốn ...".
        own = self._roles(sentences[0])
        described = (
            own.lead is not None
            and not own.explicit
            and _DESCRIBED.match(fold(sentences[0][own.lead.end :])) is not None
        )
        first = (None if described else own.lead) or self._roles(text).lead
        pieces = [sentences[0]]
        for sentence in sentences[1:]:
            roles = self._roles(sentence)
            lead = roles.lead
            # "Sở Thông tin và Truyền thông, Báo Quảng Ninh tăng cường ...": after them all.
            named_end = max((m.end for m in (lead, *roles.co_leads) if m is not None), default=0)
            other = (
                lead is not None
                and first is not None
                and fold(lead.written) != fold(first.written)
                and not COOPERATE.match(fold(sentence[lead.end :]).strip())
                and (roles.explicit or _imperative(fold(sentence[named_end:]).strip()))
            )
            if other:
                pieces.append(sentence)
            else:
                pieces[-1] = f"{pieces[-1]} {sentence}"
        return pieces

    def _by_actor(self, sentence: str) -> list[str]:
        """A sentence that gives each agency its own work: "giao Sở Y tế tăng cường kiểm tra, Sở
        Công Thương theo dõi thị trường; Sở Tài chính bố trí kinh phí" (three requests)."""
        pieces: list[str] = []
        start = 0
        for mention in self.catalogue.find_mentions(sentence):
            if not sentence[: mention.start].endswith((", ", "; ")) or mention.start - 2 <= start:
                continue
            if sentence.count("(", 0, mention.start) > sentence.count(")", 0, mention.start):
                continue  # "(Trạm Thú y huyện chủ trì, UBND các xã thực hiện)": one item's doers
            before = sentence[start : mention.start - 2]
            roles = self._roles(before)
            if roles.lead is None:
                continue
            named = roles.co_leads[-1] if roles.co_leads else roles.lead
            predicate = fold(before[named.end :]).strip()
            if not _IMPERATIVE.match(predicate) or predicate.startswith("can cu"):
                continue  # "giao Sở Y tế, Sở Công Thương ...": a list of those asked
            if any(_same_agency(mention, asked) for asked in (roles.lead, *roles.co_leads)):
                continue  # "giao UBND các huyện ... căn cứ ..., UBND các huyện xây dựng ..."
            if self._helpers_listed(before):
                continue  # "chủ trì, phối hợp với Bộ Dân tộc và Tôn giáo, Bộ Tài chính tiếp thu"
            if not _IMPERATIVE.match(fold(sentence[mention.end :]).strip()):
                continue
            pieces.append(sentence[start : mention.start - 2] + ".")
            start = mention.start
        return [*pieces, sentence[start:]]

    def _helpers_listed(self, text: str) -> bool:
        """A text that ends in the list of those who help or are directed: "... phối hợp với Sở Y
        tế, Sở Nội vụ", "... chỉ đạo Ban An toàn giao thông địa phương, các sở, ngành"."""
        joints = list(re.finditer(_HELPED_OR_DIRECTED, fold(text)))
        if not joints:
            return False
        listed = text[joints[-1].end() :]
        for mention in reversed(self.catalogue.find_mentions(listed)):
            listed = listed[: mention.start] + listed[mention.end :]
        return not re.sub(r"(?i)[\s,]|\bvà\b", "", listed)

    def _split(self, index: int, text: str) -> str:
        """Cut an unmarked paragraph where a sentence names its own actor or opens with "Đồng
        thời", and at a ";" before another actor or another date; return the first piece."""
        folded = fold(text)
        if (
            _ATTENDANCE.search(folded)
            or (
                _praise(folded)
                # "Biểu dương các nhà thầu. Giao UBND huyện Nghi Lộc ...": praise, then the work.
                and not any(self._assigns(s, explicit_only=True) for s in _clauses(text)[1:])
            )
        ):
            return text  # "Tham dự có: Ban Tuyên giáo Tỉnh ủy; Sở Ngoại vụ; ...": one list
        if self._sums_up(text):
            return text  # the closing words of a plan, whole: its offer of help is no request
        if self._executes_decision(folded, text):
            return text  # "Điều 3. Chánh Văn phòng ...; Trưởng các phòng ...": one list
        if self._asks_for_feedback(folded, text):
            return text  # "... (qua Cục ..., điện thoại: ...; Vụ Pháp chế, ...)": one request
        if self._narrates(folded, text):
            return text  # "Năm 2021, toàn tỉnh ...; Sở Y tế tổ chức 48 đợt ...": what was done
        units: list[list[str]] = []
        continued: list[bool] = []
        # What a meeting heard or a letter cites ("Sau khi nghe ...; ý kiến ...;") is one list,
        # and so is what a meeting heard when its paragraph gives no one work ("Tại hội nghị, các
        # thành viên cho ý kiến ...; Phòng Văn hóa báo cáo ...").
        cited = bool(_PREAMBLE.match(folded.strip())) or bool(
            _HEARD_AT.match(folded.strip()) and not self._assigns(text, explicit_only=True)
        )
        # Under a heading, a paragraph is its work, unless a sentence gives work to another:
        # "Công an tỉnh chủ trì ..., hoàn thành trước ngày 31/10. Các cơ quan, đơn vị phê duyệt
        # ... trong quý II.".
        framed = self._framed()
        for sentence in _sentences(text):
            clauses = (
                [sentence]
                if cited or framed
                else [
                    piece
                    for clause in _CLAUSE_BREAK.split(sentence)
                    for piece in self._by_actor(clause)
                ]
            )
            for position, clause in enumerate(clauses):
                cut = self._cut(units[-1], clause, position) if units else "own"
                if framed and units and cut != "more":
                    own = self._assigns(clause, explicit_only=True) or (
                        self._assigns(clause) and self._new_date(" ".join(units[-1]), clause)
                    )
                    cut = "own" if own else "more"
                if cut == "more":
                    units[-1].append(clause)
                else:
                    units.append([clause])
                    continued.append(cut == "continued")
        if len(units) <= 1:
            return text
        pieces = [" ".join(unit) for unit in units]
        self.paragraphs[index : index + 1] = pieces
        shift = len(pieces) - 1
        self.end += shift
        self.pieces = {i + shift if i > index else i for i in self.pieces}
        self.pieces.update(range(index, index + len(pieces)))
        self.continued = {i + shift if i > index else i for i in self.continued}
        self.continued.update(index + k for k, flag in enumerate(continued) if flag)
        self.scheduled = {i + shift if i > index else i: t for i, t in self.scheduled.items()}
        if (line := _SCHEDULE.match(folded)) and self._after_schedule_time(text) is not None:
            when = _cued_schedule_time(text[: line.end("when")])
            self.scheduled.update({index + k: when for k in range(1, len(pieces))})
        return pieces[0]

    def _cut(self, unit: list[str], clause: str, position: int) -> str:
        """Whether a sentence (position 0) or a clause after a ";" is "more" of the unit before
        it, a request of its "own" actor, or one "continued" for the same agencies."""
        if position > 0 and self._ends_with_agency(unit[-1]):
            return "more"  # "Giao các sở, ngành; UBND các huyện; ...": a list of addressees
        folded = fold(clause).strip()
        if (
            self._assigns(clause)
            and not _ASKS_ADDRESSEE.search(folded)
            and not self._only_agencies(clause)
        ):
            return "own"
        if position == 0 and _CONNECTIVE.match(folded) and self._dated(clause):
            return "continued"  # "Đồng thời báo cáo nhanh trước ngày 20/01/2024": its own date
        if position == 0 and _imperative(folded) and self._new_date(" ".join(unit), clause):
            return "continued"  # "... đến ngày 20-6-2023 .... Tổng hợp, báo cáo ... trước 15-7"
        if position == 0 and _SCOPE.match(folded) and self._new_date(" ".join(unit), clause):
            return "continued"  # "... trước ngày 15/6. Đối với các cơ sở còn lại, ... trước 15/7"
        if position > 0 and self._new_date(" ".join(unit), clause):
            return "continued"
        return "more"

    def _ends_with_agency(self, clause: str) -> bool:
        """ "... yêu cầu các Sở, Ban, Ngành;": the list of addressees goes on after the ";"."""
        mentions = self.catalogue.find_mentions(clause)
        return bool(mentions) and not re.search(r"\w", clause[mentions[-1].end :])

    def _only_agencies(self, clause: str) -> bool:
        """A piece of a list of addressees: agencies, and at most a verb that names them."""
        words = self._words_beside_agencies(clause)
        words = [w for w in words if w not in ("va", "cac", "giao", "de", "nghi", "yeu", "cau")]
        return len(words) < 2

    def _words_beside_agencies(self, clause: str) -> list[str]:
        """The words of a clause that are no part of an agency's name, folded."""
        rest = clause
        for mention in sorted(self.catalogue.find_mentions(clause), key=lambda m: -m.start):
            rest = rest[: mention.start] + " " + rest[mention.end :]
        return re.findall(r"\w+", fold(rest))

    def _executes_decision(self, folded: str, text: str) -> bool:
        """A decision's last article: the officials who carry it out, and no date."""
        return _EXECUTES_DECISION.search(folded) is not None and not self._dated(text)

    def _asks_for_feedback(self, folded: str, text: str) -> bool:
        """Whom to tell of problems, or to call, and no date."""
        return bool(_FEEDBACK.search(folded) or _CONTACT.match(folded)) and not self._dated(text)

    def _exhorts(self, text: str, folded: str) -> bool:
        """Last words that ask those named to carry the document out, and nothing new."""
        # ("...; trường hợp có vướng mắc, báo cáo UBND tỉnh./.": whom to tell of problems.)
        indent = len(folded) - len(folded.lstrip())
        stripped = folded[indent:]
        if ";" in stripped or "." in stripped:
            stripped = _PROBLEMS_AFTER.sub("", stripped)
        exhortation = _EXHORTATION.match(stripped.rstrip())
        if exhortation is None:
            return False
        group = "who" if exhortation.group("who") is not None else "bound"
        asked = exhortation.group(group) or ""
        if _WORK_VERB.search(asked):
            return False
        # Those asked may be a list set apart by ";", but "Đề nghị Điện lực Mỹ Xuyên tăng cường
        # công suất các trạm biến áp; triển khai thực hiện ngay." is work, then how soon.
        start = indent + exhortation.start(group)
        parts = text[start : start + len(asked)].split(";")
        # (Each part agencies, and a few words that qualify them: "có liên quan".)
        return len(parts) == 1 or all(len(self._words_beside_agencies(p)) < 5 for p in parts)

    def _receivers_by_case(self, text: str) -> bool:
        """Where a report goes, case by case: "a) Đối với giấy phép thuộc thẩm quyền cấp của Bộ
        ...: Cục Địa chất và Khoáng sản Việt Nam; Sở Nông nghiệp và Môi trường (nơi có mỏ)."
        (a case, then agencies and no verb: those named receive, they are given no work)."""
        case, colon, named = text.partition(":")
        if not colon or not _FOR_CASE.match(fold(case)) or self._dated(text):
            return False
        named = _PLACE_QUALIFIER.sub(" ", re.sub(r"\([^()]*\)", " ", named))
        return bool(self.catalogue.find_mentions(named)) and self._only_agencies(named)

    def _kind_then_agency(self, text: str) -> bool:
        """A line of a list that says who answers for what: "Tài sản kết cấu hạ tầng đô thị - Bộ
        Xây dựng." (something, a dash, an agency, and no verb)."""
        mentions = self.catalogue.find_mentions(text)
        if not mentions or text[mentions[-1].end :].strip(" .;"):
            return False
        before = text[: mentions[-1].start]
        return bool(re.search(r"\s[-–—]\s*$", before)) and not (
            _imperative(fold(before)) or _WORK_VERB.search(fold(before)) or self._dated(before)
        )

    def _new_date(self, before: str, clause: str) -> bool:
        """A clause with a due date of its own, after one that has another."""
        mine = self._parse(clause).date
        return mine is not None and self._parse(before).date not in (None, mine)

    def _not_a_task(self, folded: str, text: str) -> bool:
        if folded.lstrip().startswith("can cu") and (
            text.rstrip().endswith((";", ","))
            # "Căn cứ Quyết định số 1560/QĐ-UBND ...; theo đó, Sở ... được giao chủ trì ...":
            # the writer's own charge, recalled.
            or (_CHARGED.search(folded) and not _ASKS_NOW.search(_CHARGED.sub(" ", folded)))
        ):
            return True  # "Căn cứ Nghị quyết số 594/NQ-UBTVQH14 ... hướng dẫn ...;": a ground
        if _SUMS_UP.match(folded.lstrip()) and self._only_feedback_after(text):
            return True  # "Trên đây là Kế hoạch ...; .... Trong quá trình thực hiện, nếu ..."
        if _ROSTER.match(folded.strip()):
            return True  # "- Ngày 08/02/2024: đồng chí Nguyễn Văn Tuấn, Chủ tịch UBND huyện."
        # Most paragraphs are no schedule line: look before folding the text again.
        if _SCHEDULE.match(folded) and (after := self._after_schedule_time(text)) is not None:
            if (
                not self.letter
                and self._roles(after).lead is None
                and _nearest(self.frames, "lead") is None
            ):
                return True  # "1. Ngày 05/5/2027: công bố điểm thi.": a day of the calendar
            return self._not_a_task(fold(after).strip(), after)
        if _SANCTION.match(folded):
            return True
        if _MEMBER.match(text.strip()):
            return True
        if _PROVISION.match(folded.strip()) and not self._assigns(
            _QUOTED.sub(" ", text), explicit_only=True
        ):
            return True  # (what it quotes assigns nothing of this text's)
        if self._handled_as_provided(text):
            return True
        if _QUOTA.match(folded.strip()) and not self._dated(text):
            return True  # "Ban Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân;": a share of awards
        if _SPECIFICATION.match(folded.strip(" *-+•")) and not self._assigns(text):
            return True  # "+ Các thông số: pH, độ mặn ...; thời gian quan trắc từ tháng 3 ..."
        # (Not under an order that names whom it asks: "Cục Thuế yêu cầu Chi cục Thuế ...:".)
        answer = self.answers and _nearest(self.frames, "lead") is None
        if (answer or _CONDITION.match(folded)) and not self._assigns(text, explicit_only=True):
            # "1. Tại khoản 1 Điều 9 Thông tư số 219/2013/TT-BTC quy định ...", "Trường hợp người
            # bệnh ... thì được thanh toán ...": the rules explained, not work asked (a step
            # such as "hàng quý" is how the rule runs; a date would be work).
            deadline = self._parse(text)
            return deadline.date is None or deadline.kind == "recurring"
        if _ATTENDANCE.search(folded) or _praise(folded):
            return True
        if _PRESIDED.search(folded) and not self._dated(text) and len(_sentences(text)) == 1:
            return True
        if (
            any(frame.guidance for frame in self.frames)
            and self._roles(text).lead is None
            # (Not under "1. Các Chi cục Hải quan trực thuộc:": what they are to do.)
            and _nearest(self.frames, "lead") is None
            and not _imperative(folded)
            and not self._dated(text)  # "Việc tổng hợp báo cáo ... gửi về Tổng cục trước ngày ..."
        ):
            return True  # a rule explained ("Thời hạn nộp tờ khai: ..."), not "Rà soát ..."
        stripped = folded.strip()
        if _FORECAST.match(stripped) and not self._assigns(text, explicit_only=True):
            return True  # "Theo Đài Khí tượng thủy văn tỉnh, từ nay đến ngày 20/10 ... mưa to."
        if _PRICE_LINE.match(stripped) or (
            # ("Đây là nhiệm vụ trọng tâm, các sở tập trung chỉ đạo, hoàn thành trước ...": work.)
            _EXPLAINS.match(stripped) and not self._assigns(text) and not self._dated(text)
        ):
            return True
        if _TARGET.match(stripped) and not self._assigns(text, explicit_only=True):
            return True
        if self._given_before(folded, text):
            return True
        if _CARRIED_OUT.match(folded) and (
            len(_sentences(text)) == 1 or not self._assigns(_QUOTED.sub(" ", text))
        ):
            # "Thực hiện Kế hoạch số ... của UBND tỉnh, trong đó giao UBND các huyện", "...,
            # trong đó Thủ tướng Chính phủ giao: "Bộ Công Thương chủ trì ...": the order carried
            # out.
            return True
        if _ENTITLED.search(folded.strip()) and not self._assigns(text, explicit_only=True):
            return True  # "Cán bộ, công chức ... được nghỉ tết Âm lịch ... từ ngày ...": their due
        closing = _CLOSING.search(folded) or (
            # ("... căn cứ nội dung thông báo trên đây triển khai, báo cáo trước ngày ...")
            None if self._dated(text) else _AS_ABOVE.search(folded)
        )
        if closing and not self._asked_before(text, closing.start()):
            # "... thông báo để các cơ quan biết, thực hiện" closes a notice; "Sở Giáo dục chỉ
            # đạo các trường thông báo ... đến phụ huynh biết, thực hiện" is work given.
            return True
        label, colon, said = text.partition(":")
        if (
            colon
            and len(label) <= 60
            and _SKIP_HEADING.match(fold(label).strip(" -+•"))
            and not self._assigns(said, explicit_only=True)
        ):
            return True  # "1. Khó khăn, vướng mắc: (như đã nêu tại mục II.2)": background
        if _KINDLY_REPORTED.search(folded) and not self._assigns(text, explicit_only=True):
            return True  # "Ủy ban nhân dân tỉnh kính báo cáo Bộ Nội vụ./.": a report's last line
        if self._executes_decision(folded, text):
            return True  # "Điều 3. Chánh Văn phòng ...; Thủ trưởng ... chịu trách nhiệm thi hành"
        named = re.sub(r"\([^()]*\)", " ", text)  # "Sở Xây dựng (đối với hạ tầng đô thị);"
        if len(named) < 120 and self._only_agencies(named):
            return True  # a name alone: a byline, a signature, one of a list of addressees
        if self._kind_then_agency(text):
            return True
        if _RECEIVER_FIELD.match(folded) and not self._dated(text):
            return True  # "Cơ quan lấy ý kiến: Văn phòng UBND tỉnh.": who takes the answers in
        if self._receivers_by_case(text):
            return True
        if _NEWS_LEAD.match(folded) and not self._lede_task(text):
            return True
        if _DISTRIBUTED.match(folded) and not self._dated(text):
            return True  # "Công điện gửi Bộ trưởng các Bộ: ...": to whom it goes
        if _SOMEONE_WILL.match(text) and not self._assigns(text, explicit_only=True):
            return True  # "Bộ Tài chính sẽ tổ chức hội nghị tập huấn ...": a plan, not a request
        if _CITATION.match(folded) and not self._assigns(text, explicit_only=True):
            return True  # "- Văn bản hợp nhất số 48/VBHN-BNNMT ngày 15/4/2026 về ...": a source
        if self._sums_up(text):
            return True
        if self._exhorts(text, folded):
            return True
        if self._standing_rule(text):
            return True
        if _PERIOD_ONLY.fullmatch(folded):
            return True  # "Từ ngày 01/12/2022 đến hết ngày 28/02/2023.": when the plan runs
        if _ON_REQUEST.match(folded) and not self._dated(text):
            return True  # "- Báo cáo đột xuất: Theo yêu cầu của UBND tỉnh": none until asked
        if self._asks_for_feedback(folded, text):
            return True  # "nếu có khó khăn, vướng mắc, đề nghị phản ánh về Sở Y tế"
        if self._narrates(folded, text) or self._done_or_sent(text) or self._quotes_done(text):
            return True
        detail = _DETAIL.match(folded.strip(" *-+•"))
        if detail and (not self._dated(text) or _HELD_FROM.match(folded.strip(" *-+•"))):
            # "* Địa điểm: Hội trường UBND thị trấn", "Kinh phí: theo chế độ hiện hành", "Thời
            # gian Hội thi: Từ ngày 26/3/2012 đến ngày 30/3/2012", a plan's "1. Thời gian: Từ
            # ngày 15/4 đến ngày 15/5/2024": when it is held, not when work is due.
            return not self._assigns(text, explicit_only=True)
        if (
            detail
            and _EVENT_TIME.match(folded.strip(" *-+•"))
            and _nearest(self.frames, "lead") is None
            and self._roles(text).lead is None
        ):
            # "- Thời gian: 20 giờ 00 ngày 30/4/2022." under "II. THỜI GIAN, ĐỊA ĐIỂM": when the
            # event is held, no one named to do anything by then.
            return True
        opening = _PREAMBLE.match(folded) or _HEARD_AT.match(folded.strip())
        if (opening and not self._scheduled(folded)) or _APPROVAL.match(folded):
            if self._assigns(text, explicit_only=True):
                return False
            if _EXTENSION.match(folded) and self._own_deadline(text).date is not None:
                return False
            # "Căn cứ tình hình ..., các Sở GDĐT chủ động báo cáo": the sentence after the basis
            # acts; "Căn cứ Quyết định số ... của Thủ tướng ...;" only restates the basis.
            main = self._after_basis(text) if _BASIS.match(folded) else None
            if main is None and _APPROVAL.match(folded):
                # "Thống nhất chủ trương ...; UBND huyện Núi Thành hoàn chỉnh hồ sơ, trình thẩm
                # định trước ngày 10/5/2023": the approval, then the work it gives.
                main = self._work_after_approval(text)
            if main is None and _BASIS.match(folded) and _nearest(self.frames, "lead"):
                # "4. UBND phường, xã": "Căn cứ tình hình thực tế ..., có kế hoạch triển khai
                # thực hiện ...": the heading's agency's work.
                return not _work_after_basis(text)
            return main is None or not self._assigns(main)
        if _NOTED.search(fold(_before_purpose(text))):
            # (Not what the work is for: "Chuyển đủ tiền đóng BHXH ... để cơ quan BHXH kịp thời
            # ghi nhận quá trình đóng.")
            return not self._assigns(text)
        return False

    def _work_after_approval(self, text: str) -> str | None:
        """The clause or sentence after an approval's ";" or "." that opens with the agency that
        acts, dated: "Đồng ý chủ trương ... . UBND tỉnh Long An hoàn thiện hồ sơ ... trước ngày
        15/10/2023"."""
        for clause in re.split(r"(?<=[;.])\s+(?=[A-ZĐÀ-Ỹ])", text)[1:]:
            lead = self._roles(clause).lead
            if lead is not None and lead.start == 0 and self._dated(clause):
                return clause
        return None

    def _asked_before(self, text: str, position: int) -> bool:
        """Whether an agency is given work ("giao X", "chỉ đạo X", "đề nghị X") before a point."""
        folded = fold(text)
        return any(
            _ASKED_VERB.search(folded, 0, mention.start)
            for mention in self.catalogue.find_mentions(text)
            if mention.start < position
        )

    def _scheduled(self, folded: str) -> bool:
        """ "Ngày 25/6, Sở GD-ĐT thông báo điểm chuẩn", written on 16/6: a schedule's step (a
        date still to come opens it), not what happened on a day."""
        opening = _DATED_OPENING.match(folded)
        if opening is None:
            return False
        year = int(opening.group("y")) if opening.group("y") else self.issued_on.year
        try:
            day = _dt.date(year, int(opening.group("m")), int(opening.group("d")))
        except ValueError:
            return False
        clause = re.compile(r"[.;]\s").search(folded, opening.end())
        near = opening.group("y") is not None or (day - self.issued_on).days <= SCHEDULE_NEAR_DAYS
        stop = clause.start() if clause else len(folded)
        return (
            day > self.issued_on
            and near  # "Ngày 29/12, Đoàn kiểm tra ... yêu cầu" in a January letter: December past
            and not _PAST.search(folded, opening.end(), stop)
            and not EVENT.search(folded, opening.end(), stop)  # "Ngày 25/3, Sở tổ chức Hội nghị"
        )

    def _narrates(self, folded: str, text: str) -> bool:
        """What has been done, set off by its time: "Năm 2023, Sở Tài chính triển khai ...",
        "Hiện nay, Sở Nội vụ tiếp tục phối hợp ..." (unless it also gives work or a date)."""
        opening = _NARRATIVE_OPENING.match(folded.strip())
        if opening is None:
            return False
        year = opening.group("year") or opening.group("month_year")
        if year is not None and int(year) >= self.issued_on.year:
            return False  # "Năm 2024, các sở ..." in a 2024 plan is this year's work
        past = any(_as_written(text, m) for m in _PAST.finditer(folded, opening.end()))
        if opening["period"] and not past:
            return False  # "Từ ngày 30/4 đến hết ngày 03/5, các đơn vị bố trí trực": when to work
        if past and (
            folded.startswith(("truoc do", "vua qua", "thoi gian qua")) or opening["period"]
        ):
            # "Trước đó, ngày 10-1, Ban Chỉ đạo ... đã họp và thống nhất lộ trình: ... trước ngày
            # 30-4": what was decided before, its dates and all; "Trước đó, tại Chỉ thị số 07,
            # UBND thành phố đã yêu cầu các quận ...": what was asked before.
            if _ASKED_BEFORE.search(folded, opening.end(), len(_sentences(text)[0])):
                return not any(self._assigns(s, explicit_only=True) for s in _sentences(text)[1:])
            return not self._assigns(text, explicit_only=True)
        # (What the writer found may quote a date gone by: "(hạn hoàn thành trước ngày 30/9)".)
        dated = self._dated(text) and not (
            opening.group("found") and self._gone_by(self._parse(text))
        )
        return not dated and not self._assigns(text, explicit_only=True)

    def _handled_as_provided(self, text: str) -> bool:
        """A matter handled as a provision says, naming no one to handle it and no date: the rule
        restated, not work given ("Các đơn vị thực hiện theo hướng dẫn tại Công văn ..." asks)."""
        provided = _AS_PROVIDED.match(fold(text))
        if provided is None or len(_sentences(text)) > 1 or self._dated(text):
            return False
        if provided.group("matter").rstrip().endswith(","):
            return False  # "Kiểm tra, xử lý nghiêm ..., thực hiện theo quy định tại ...": do it so
        return not self.catalogue.find_mentions(text[: provided.end("matter")])

    def _standing_rule(self, text: str) -> bool:
        """A prohibition with no date: "Các đơn vị, địa phương không sử dụng ngân sách nhà nước
        ...", "- Chưa thực hiện điều chỉnh tăng giá ...": a rule to keep, not work to track."""
        folded = fold(text)
        if not _RULE_WORD.search(folded):
            return False  # most paragraphs: no need to look for who they name
        predicate = self._predicate(text)
        rule = _PROHIBITION.match(predicate) or _ACCOUNTABLE.match(predicate)
        roles = self._roles(text)
        if not rule and roles.lead is not None:
            # "Ngoài ra, các trường không tổ chức ...", "Sở cũng yêu cầu các trường không
            # được ...": what those asked are told, after their names.
            # ("các cơ quan chưa báo cáo" says which of them, not what they may not do.)
            told = folded[max(m.end for m in (roles.lead, *roles.co_leads)) :]
            rule = None if re.match(r"\s*chua\b", told) else _PROHIBITION.match(told)
        if not rule and (holders := _HOLDERS_ACCOUNTABLE.match(folded)):
            # (The agencies' names blanked: "Giám đốc các sở: Xây dựng, ..." holds no verb.)
            named = folded[: holders.end("holders")]
            for mention in self.catalogue.find_mentions(text):
                named = (
                    named[: mention.start]
                    + " " * (mention.end - mention.start)
                    + named[mention.end :]
                )
            named = named[holders.start("holders") :]
            rule = None if _ACTS.search(named) or _WORK_VERB.search(named) else holders
        if not rule:
            return False
        if rule.re is _PROHIBITION and any(_imperative(fold(c)) for c in text.split(";")[1:]):
            return False  # "... không được chủ quan, lơ là; tiếp tục duy trì các chốt ...": work
        # "Chưa thực hiện điều chỉnh tăng giá trong Quý I và Quý II năm 2020": the period the
        # ban holds for, not a due date.
        deadline = self._parse(text)
        return deadline.date is None or fold(deadline.phrase).startswith("trong ")

    def _given_before(self, folded: str, text: str) -> bool:
        """ "Nội dung kiến nghị ... đã được UBND tỉnh chỉ đạo UBND huyện kiểm tra, giải quyết tại
        Công văn số ...": work given earlier, told of; not "Các sở tiếp tục thực hiện nhiệm vụ đã
        được giao", where those named first act."""
        return (
            _MATTER.match(folded.strip()) is not None
            and _GIVEN_BEFORE.search(folded) is not None
            and not self._dated(text)
        )

    def _done_or_sent(self, text: str) -> bool:
        """What agencies did or sent in: "Ban Bí thư, Chính phủ đã kịp thời chỉ đạo ...", "Công
        ty X có tờ trình xin thu hồi ..." (unless it also gives work or a date)."""
        folded = fold(text)
        done = next(
            (
                m
                for m in _PAST_OR_SUBMISSION.finditer(folded.split(".")[0])
                if _as_written(text, m) and not _WHO_HAD.search(folded, 0, m.start())
            ),
            None,
        )
        if done is None or _ORDER_WORD.search(folded[: done.start()]):
            return False
        mentions = self.catalogue.find_mentions(text[: done.start()])
        if not mentions:
            return False
        # "Ông Thượng cho biết Sở Y tế đã đề nghị Bộ Y tế hỗ trợ ...": told in a news item, its
        # requests and all.
        told = _TOLD_BY.search(folded, 0, mentions[0].start) is not None
        return (
            (told or not folded[: mentions[0].start].strip())
            # "UBND các xã, phường: Phối hợp ... triển khai Kế hoạch đã ...": the work given.
            and not self._predicate(text).lstrip().startswith(":")
            and not self._dated(text)
            and (told or not self._assigns(text, explicit_only=True))
        )

    def _quotes_done(self, text: str) -> bool:
        """A speaker quoted on what was done: "Giám đốc Sở Y tế cho biết: "Ngành đã đề xuất tỉnh
        ..."" (what a meeting heard, not work given)."""
        folded = fold(text)
        quote = _SPEAKER_QUOTES.match(folded)
        if quote is None or self._dated(text):
            return False
        said = folded[quote.end() : quote.end() + 80]
        done = _PAST_OR_SUBMISSION.search(said)
        return done is not None and not _ORDER_WORD.search(said[: done.start()])

    def _predicate(self, text: str) -> str:
        """The folded text after the agencies it opens with ("Bộ trưởng, Thủ trưởng cơ quan ngang
        Bộ, Chủ tịch UBND các tỉnh chịu trách nhiệm ..."), or all of it when it opens with none."""
        folded = fold(text)
        end = 0
        for mention in self.catalogue.find_mentions(text):
            if not _LIST_JOINER.fullmatch(folded[end : mention.start]):
                break
            end = mention.end
        return folded[end:]

    def _lede_task(self, text: str) -> bool:
        """A news opening that gives an order: "Ngày 08/4/2021, Văn phòng UBND tỉnh ban hành Văn
        bản số 404 ..., giao Sở X trả lời ..." (one that the body says again in full is dropped
        once the drafts are built; one that names no one only sums up the letter)."""
        return self._assigns(text, explicit_only=True)

    def _assigns(self, text: str, *, explicit_only: bool = False) -> bool:
        if (self.letter and _ASKS_ADDRESSEE.search(fold(text))) or _polite_addressee(text):
            return True
        roles = self._roles(text)
        if roles.directed is not None:
            return True  # "Chỉ đạo Sở Y tế chủ trì ...": work, whoever directs it
        return roles.lead is not None and (roles.explicit or not explicit_only)

    def _time_cell(self, text: str) -> Deadline:
        """A task table's time cell: a deadline phrase, a year or years ("2022-2024"), or the
        periods the work spans ("Quý III, IV/2026, 2027"), due by the end of the last."""
        text = _QUARTER_LIST.sub(r"\1\2", text)
        # "Ngày 20/12/2026" alone in the column is its due day (in a paragraph, a dateline).
        text = re.sub(r"^\s*(?:[Nn]gày|NGÀY)\s+(?=\d)", "", text)
        deadline = self._parse(text)
        if deadline.kind == "none" and text:
            found = section_deadline(text, self.issued_on, calendar=self.calendar)
            deadline = found if found is not None else _period_cell(text) or deadline
        years = [int(year) for year in _LATER_YEAR.findall(text)]
        if deadline.date is not None and years and max(years) > deadline.date.year:
            last = _dt.date(max(years), 12, 31)
            deadline = Deadline(date=last, kind="year", recurrence=None, phrase=text)
        return deadline

    def _own_deadline(self, text: str) -> Deadline:
        """The deadline a task states, leaving out its basis clause and the date it starts from."""
        if (after := self._after_schedule_time(text)) is not None:
            own = self._own_deadline(after)
            if _usable(own):
                return own
            when = self._schedule_time(text[: len(text) - len(after)])
            return when if when is not None else own
        if _BASIS.match(fold(text)) and (main := self._after_basis(text)) is not None:
            # "Theo Sở GD-ĐT, ngày 23/6, Trường THPT ... xét tuyển": the date opens the main
            # clause, it is not part of the basis.
            basis = fold(text[: len(text) - len(main)])
            dated = _DATE_BEFORE_MAIN.search(basis)
            text = text[dated.start(1) : dated.end(1)] + ", " + main if dated else main
        own = self._parse(text)
        folded = fold(text)
        moved = _EXTENSION.match(folded) and re.search(
            r"\b(?:sang|den|toi)\s+(?=(?:thang|quy|nam|ngay|\d))", folded
        )
        if moved and own.date is None:
            # "... lùi thời gian trình Đề án sang tháng 12 năm 2014": the new due date.
            found = section_deadline(text[moved.end() :], self.issued_on, calendar=self.calendar)
            own = found if found is not None and found.date is not None else own
        if own.phrase and own.date is not None:
            at = folded.find(fold(own.phrase))
            if at > 0 and "den" not in fold(own.phrase) and _STARTS_FROM.search(folded[:at]):
                return ONGOING if own.kind != "immediate" else own
            if _PERIOD.match(fold(own.phrase)):
                # "lập danh sách trực Tết từ ngày 10/02 đến hết ngày 16/02 gửi về UBND tỉnh trước
                # ngày 30/01": the roster's period, and the day it is due.
                due = self._due_by(text, exclude=(at, at + len(own.phrase)))
                return due if due is not None else own
        return own

    def _due_by(self, text: str, exclude: tuple[int, int]) -> Deadline | None:
        """The first "trước ngày ..." (or "chậm nhất", "hạn chót") outside a period phrase."""
        for cue in _DUE_CUE.finditer(fold(text)):
            if exclude[0] <= cue.start() < exclude[1]:
                continue
            found = self._parse(text[cue.start() : cue.start() + 80])
            if found.date is not None and fold(found.phrase).startswith(cue.group()):
                return found
        return None

    def _dated(self, text: str) -> bool:
        deadline = self._parse(text)
        return deadline.date is not None or deadline.kind == "recurring"

    def _writers_turn(self, text: str) -> str | None:
        """After what a letter received asked: "Về việc này, ...", "Giao Sở Y tế ...", "UBND tỉnh
        giao ..." (not "Theo đó, Bộ Y tế đề nghị ...", still the letter received)."""
        sentences = _sentences(text)
        for sentence in sentences[1:]:
            if _WRITERS_TURN.match(fold(sentence).strip()):
                return text[text.index(sentence) :]
        return None

    def _own_request(self, text: str) -> str | None:
        """From the sentence where a letter asks for something ("..., Bộ Tài chính đề nghị các
        Bộ ...") after telling what another document said, if it does."""
        for position, sentence in enumerate(_sentences(text)):
            folded = fold(sentence)
            if _ASKED.search(folded) and not (position == 0 and _SENT_ASKING.search(folded)):
                return text[text.index(sentence) :]
        return None

    def _after_schedule_time(self, text: str) -> str | None:
        """What a schedule's line asks, after the time it gives ("Ngày 20/12/2024: ...")."""
        line = _SCHEDULE.match(fold(text))
        if line is None:
            return None
        when = self._schedule_time(text[: line.end("when")])
        return text[line.end() :] if when is not None else None

    def _schedule_time(self, when: str) -> Deadline | None:
        found = section_deadline(_cued_schedule_time(when), self.issued_on, calendar=self.calendar)
        return found if found is not None and found.date is not None else None

    def _said_before(self, index: int) -> bool:
        """A short line the page already gave: the headline again, a photo's caption."""
        line = " ".join(fold(self.paragraphs[index]).split()).strip(" .")
        return (
            10 <= len(line) <= 160
            and not self._dated(self.paragraphs[index])
            and any(line in self._flat(p) for p in self.paragraphs[self.start : index])
        )

    def _flat(self, paragraph: str) -> str:
        if paragraph not in self.flat_cache:
            self.flat_cache[paragraph] = " ".join(fold(paragraph).split())
        return self.flat_cache[paragraph]

    def _asks(self, text: str) -> bool:
        """What follows "... như sau:" asks for work ("Giao Sở Y tế ..."), unlike the figures of
        the work just asked ("... như sau: nạo vét kênh tiêu là 507.045 m³ ...")."""
        return self._assigns(text) or _imperative(fold(text))

    def _sums_up(self, text: str) -> bool:
        """The closing paragraph of a plan that gives no work of its own: past its title, only the
        call to carry the plan out and the offer to hear of difficulties. A named agency, or work
        named ("Sở Văn hóa ... chủ trì, theo dõi ...", "giao Sở Y tế hướng dẫn ..."), is a task."""
        flat = fold(text)
        title = _SUMMING_UP.match(flat)
        if title is None or self._dated(text):
            return False
        cut = _AFTER_TITLE.search(flat, title.end())
        begin = cut.end() if cut else title.end()
        for piece in re.finditer(r"[^.;]+", flat[begin:]):
            start, end = begin + piece.start(), begin + piece.end()
            said, written = flat[start:end], text[start:end]
            if _DIFFICULTIES.search(said):
                continue
            if _WORK_VERB.search(said) or _OWN_WORK.search(said):
                return False
            if any(_specific(mention) for mention in self.catalogue.find_mentions(written)):
                return False
        return True

    def _only_feedback_after(self, text: str) -> bool:
        """A summing-up sentence that asks no one ("Trên đây là Kế hoạch công tác ...; xây dựng,
        đánh giá ... năm 2023."), then nothing but whom to tell of problems."""
        first, *rest = _sentences(text)
        if self.catalogue.find_mentions(first) or _ASKS_NOW.search(fold(first)):
            return False
        return all(_FEEDBACK.search(fold(sentence)) for sentence in rest)

    def _crosshead(self, index: int) -> bool:
        """A news item's subheading: a short line with no stop and no agency, over a paragraph
        that opens with the agency that acts ("Bảo đảm an ninh, trật tự, an toàn giao thông" over
        "Bộ Công an chủ trì, ...")."""
        text = self.paragraphs[index].strip()
        if (
            len(text) > 80
            or index + 1 >= self.end
            or _TERMINAL_STOP.search(text)
            or _marker(text)[0] is not None
            or self.catalogue.find_mentions(text)
            or self._dated(text)
        ):
            return False
        following = self.paragraphs[index + 1]
        mentions = self.catalogue.find_mentions(following)
        return (
            _marker(following)[0] is None
            and bool(mentions)
            and not fold(following[: mentions[0].start]).strip()
        )

    def _undated_list(self) -> list[_Item]:
        """The items of the list just read (numbered or bulleted), two or more, when none gives a
        date of its own."""
        if not self.items:
            return []
        listed = [item for item in self.items if item.frames == self.items[-1].frames]
        if (
            len(listed) < 2
            or not all(item.marked for item in listed)
            or any(item.due or self._dated(" ".join(item.paragraphs)) for item in listed)
        ):
            return []
        return listed

    def _reports_sent(self, folded: str, text: str) -> bool:
        """ "Báo cáo (kèm các Biểu mẫu) gửi về Bộ ... trước ngày 10/5/2024": where and by when
        what the items ask goes, asked of no one new."""
        lead = self._roles(text).lead
        return (
            _REPORTS_SENT.match(folded) is not None
            and self._dated(text)
            and (lead is None or _BARE_SUBJECT.match(fold(lead.written)) is not None)
        )

    def _closing_rider(self, folded: str, text: str) -> bool:
        return (
            len(text) <= 200
            and bool(self.items)
            and bool(_CLOSING_RIDER.match(folded))
            and self._parse(text).date is not None
            and self._roles(text).lead is None
        )

    def _rider(self, folded: str, text: str) -> bool:
        """A short sentence that only gives the task above its deadline (and what for)."""
        main = _before_purpose(text)
        return len(main) <= 160 and bool(_RIDER.match(folded.strip())) and self._dated(main)

    def _opens_ordinals(self, index: int, text: str) -> bool:
        """ "Chỉ thị yêu cầu X tập trung thực hiện một số nhiệm vụ trọng tâm." then "Thứ nhất,
        ...": an opening, its stop where a colon would be."""
        following = self.paragraphs[index + 1] if index + 1 < self.end else ""
        return (
            text.rstrip().endswith(".")
            and _TASKS_NAMED.search(self._flat(text)) is not None
            and ORDINAL.match(self._flat(following)) is not None
        )

    def _asks_for_a_report(self, frame: _Frame, text: str, index: int) -> None:
        """ "Bộ Lao động ... chủ trì ..., báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2020 các
        vấn đề sau:": one task, the items below what its report covers."""
        # ("Để có cơ sở báo cáo Thủ tướng Chính phủ, Bộ ... đề nghị ... các nội dung sau:": a
        # report the writer makes, not the one asked for.)
        folded = _PURPOSE_CLAUSE.sub("", fold(text), count=1)
        report = (frame.lead or self.letter) and _REPORT_CONTENTS.search(folded)
        # (Work asked of the agency above: "1.1. Trong thời hạn 30 ngày ..., tổ chức rà soát,
        # thống kê các trường hợp vi phạm, gồm:" under "1. UBND các huyện, thành phố".)
        covers = (
            _COVERS.search(folded)
            and (_imperative(folded) or frame.lead is not None)
            and (frame.lead or self.letter or _nearest(self.frames, "lead") is not None)
        )
        if not (report or covers):
            return
        if _TIMES_OF_REPORTS.search(folded):
            return  # "thời gian quy định cho các cơ quan ... báo cáo ... như sau:": when, each
        frame.details = _Item([text], index, list(self.frames), marked=False)
        frame.contents = True
        self.items.append(frame.details)

    def _work_in_steps(self, frame: _Frame, text: str, index: int) -> None:
        """ "đ) Phối hợp với các Bộ, ngành chỉ đạo, hướng dẫn triển khai:" then "- Xây dựng kết
        cấu hạ tầng ...", "- Thu hút đầu tư ...": one task, its steps below (a heading that only
        names an agency, "a) Bộ Tài chính:", gives each item below as a task of its own)."""
        folded = fold(text).strip()
        if frame.details is not None or not folded.endswith(":") or not _imperative(folded):
            return
        if _HANDS_OUT.fullmatch(folded):
            return  # "2. Giao nhiệm vụ cụ thể như sau:": the agencies below each get their own
        if frame.lead is not None and _only_named(text, frame.lead, self.catalogue):
            return  # "11. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức ...:": each its own
        if frame.lead is not None and self._duties_below(text[frame.lead.end :]):
            return  # "1. Giao Sở Xây dựng thực hiện các nhiệm vụ sau:": each its own
        ahead = _DUTIES_AHEAD.search(fold(text.rstrip()))
        if ahead and frame.lead and self._only_agencies(text[frame.lead.end : ahead.start()]):
            return  # "2. Đề nghị Tỉnh ủy, UBND tỉnh Lào Cai thực hiện tốt một số nhiệm vụ sau:"
        if frame.lead is None and _DUTIES_AHEAD.search(folded):
            return  # "... đề nghị các đơn vị thực hiện tốt một số nhiệm vụ sau:": each its own
        if _CASE_BY_CASE.search(folded):
            return  # "xử lý theo từng trường hợp như sau:": each case's own work
        frame.details = _Item([text], index, list(self.frames), marked=True)
        frame.steps = True
        self.items.append(frame.details)
        self.stepped.append(frame)

    def _duties_below(self, after_lead: str) -> bool:
        """What follows a heading's agency announces its duties below, each a task: "thực hiện
        các nhiệm vụ sau:", or only those it works with ("chủ trì, phối hợp với các cơ quan, đơn
        vị liên quan:")."""
        folded = fold(after_lead).rstrip()
        if _DUTIES_LISTED.match(folded):
            return True
        partners = _WITH_PARTNERS.match(folded)
        return partners is not None and self._only_agencies(after_lead[partners.end() :])

    def _work_of_its_own(self, frame: _Frame, text: str, index: int) -> None:
        """ "a) Sở Tài chính rà soát danh mục tài sản; cụ thể như sau:": the heading's agency acts;
        a task when nothing under it is one (its lines only say what the work covers)."""
        if frame.details is not None or frame.lead is None or frame.skip:
            return
        if not text.rstrip().endswith(":") or not _imperative(fold(text[frame.lead.end :])):
            return
        frame.work = _Item([text], index, list(self.frames), marked=True)
        # "2. Bộ Tài chính chủ trì ..., trình Thủ tướng trước ngày 20/10/2024. Trong đó chú ý một
        # số nội dung sau:": a whole dated request before the lines it opens is a task whatever
        # is under it.
        body = text.rstrip()
        cut = body.rfind(". ", 0, len(body) - 1)
        frame.dated_work = cut > 0 and self._dated(body[:cut])
        self.headings.append(frame)

    def _step(self, text: str) -> bool:
        """An item under work given in steps that names no one of its own."""
        steps = any(frame.steps for frame in self.frames)
        return steps and not self._assigns(text) and not self._dated(text)

    def _last_request(self) -> _Item | None:
        """The task before, when an aside came between it and how to hand it in ("Bộ gửi kèm
        công văn này ...", then "Văn bản góp ý gửi về Bộ trước ngày ...")."""
        return self.items[-1] if self.items and self.items[-1].frames == self.frames else None

    def _open_report(self) -> _Item | None:
        """The request whose report's contents were just listed, if it has no date yet."""
        for frame in reversed(self.frames):
            if frame.contents and frame.details is not None:
                return frame.details
        return None

    def _report_content(self, text: str) -> bool:
        """An item under such a heading that only names a subject ("- Tình hình lao động ...",
        "1. Báo cáo kết quả các trường thực hiện ...")."""
        contents = any(frame.contents for frame in self.frames)
        folded = fold(text).strip()
        subject = (
            not _imperative(folded)
            or bool(_PROPOSALS.match(folded))
            or (folded.startswith("bao cao") and not self._dated(text))
        )
        return contents and subject and not self._assigns(text)

    def _particular(self, folded: str, text: str) -> bool:
        """How the work above is handed in: its deadline, or what the report must be."""
        # "... chậm nhất là ngày 15/5/2020 để tổng hợp, báo cáo Thường trực HĐND huyện": those
        # it is for do not make it a request of theirs.
        if self._roles(_before_purpose(text)).lead is not None:
            return False
        return self._rider(folded, text) or bool(_REPORT_FORM.match(folded.strip()))

    def _first_report(self, last: _Item, folded: str, text: str) -> bool:
        """A short "Báo cáo nhanh gửi trước ..." after a task with no date, or how and when to
        send the report a request above asked for ("đề nghị các bộ báo cáo sơ kết ..." then
        "Báo cáo sơ kết ... gửi về Ủy ban trước ngày 15/5"): when that report is due (a second
        one, "Báo cáo đầy đủ gửi trước ...", is a task of its own)."""
        asked = " ".join(last.paragraphs)
        if not self._dated(text) or self._own_deadline(asked).date is not None:
            return False
        if len(text) <= 160 and _REPORT_RIDER.match(folded.strip()):
            return True
        if not self._asks_for_report(asked):
            return False
        delivery = _DELIVERY_OF_REPORT.match(folded.strip()) or _SENT_TO_US.match(folded.strip())
        return bool(delivery) or self._asked_again(asked, text)

    def _due_again(self, last: _Item, folded: str, text: str) -> bool:
        """Work of its own with a date of its own after a dated item: "3. Tổ chức chiến dịch ...,
        hoàn thành trước ngày 30/8/2024." then "Báo cáo kết quả thực hiện gửi về Bộ Y tế trước
        ngày 15/9/2024." (joined to the item, the second date would be lost)."""
        if not (_imperative(folded) or _GENERIC_SUBJECT.match(folded)) or not self._dated(text):
            return False
        before = self._own_deadline(" ".join(last.paragraphs)).date
        return before is not None and before != self._own_deadline(text).date

    def _asked_again(self, asked: str, text: str) -> bool:
        """The letter's closing asks the same agencies for the report again, with its date:
        "Nhận được công văn này, Bộ ... đề nghị các Sở ... báo cáo kết quả ... trước ngày ..."."""
        if not re.search(r"\bbao\s+cao\b", fold(text)):
            return False
        again = self._roles(text).lead
        first = self._roles(asked).lead
        return again is not None and first is not None and _same_agency(again, first)

    def _asks_for_report(self, text: str) -> bool:
        """A request whose work is a report: "báo cáo" within a few words of who is asked."""
        folded = fold(text)
        roles = self._roles(text)
        start = roles.lead.end if roles.lead is not None else 0
        return bool(
            re.match(
                r"(?:\W+\w+){0,8}?\W+(?:bao\s+cao|cho\s+y\s+kien|gop\s+y|tham\s+gia\s+y\s+kien)\b",
                folded[start:],
            )
        )

    def _after_basis(self, text: str) -> str | None:
        """The clause after "Căn cứ ...," that starts with an agency, if there is one."""
        for comma in re.finditer(r",\s+", text):
            rest = text[comma.end() :]
            mentions = self.catalogue.find_mentions(rest)
            if mentions and re.fullmatch(
                rf"\s*{TITLE}(?:cac\s+)?", fold(rest[: mentions[0].start])
            ):
                return rest
            if re.search(r"[.;]\s", text[: comma.start()]):
                break
        return None

    # -- tables

    def _table(self, index: int) -> int:
        """Read a plan's task table (if this row is its header); return the index after it."""
        columns = _table_columns(header_pieces_keep_empty(self.paragraphs[index]))
        position = index + 1
        if columns is None:
            while position < self.end and _is_row(self.paragraphs[position]):
                position += 1
            return position
        if position < self.end and _is_row(self.paragraphs[position]):
            # A header on two rows: "Cơ quan thực hiện" over "Chủ trì | Phối hợp".
            below = header_pieces_keep_empty(self.paragraphs[position])
            heads = [_sub_head(cell) for cell in below]
            roles = {name: column for column, name in enumerate(heads) if name}
            if roles and all(name for name, cell in zip(heads, below, strict=True) if cell):
                # ... or "Thời gian" over "Bắt đầu | Hoàn thành": due when the work ends. (A copy
                # may lose the empty cells before them: they stand under "Thời gian" and the cell
                # merged with it.)
                header = header_pieces_keep_empty(self.paragraphs[index])
                time = columns.get("time")
                if (
                    {"start", "end"} <= roles.keys()
                    and time is not None
                    and time + 1 < len(header)
                    and not header[time + 1]
                ):
                    roles["start"], roles["end"] = time, time + 1
                columns.update(roles)
                columns["time"] = roles.get("end", roles.get("start", columns.get("time", 0)))
                position += 1
        group_deadline: Deadline | None = None
        group_lead: AgencyMention | None = None
        time_above = ""
        above: dict[str, str] = {}
        while position < self.end and (
            _is_row(self.paragraphs[position]) or self._group_line(position)
        ):
            cells = header_pieces_keep_empty(self.paragraphs[position])
            time = columns.get("time")
            start = columns.get("start")
            if (
                time is not None
                and start is not None
                and start < len(cells)
                and (time >= len(cells) or not cells[time])
            ):
                # Only the start given: the work is due then.
                cells = [*cells, *[""] * (time + 1 - len(cells))]
                cells[time] = cells[start]
            if time is not None and time < len(cells):
                if cells[time] or cells[0]:
                    time_above = cells[time]
                else:
                    # A row with neither its own number nor a time: the time cell above spans
                    # it (merged over rows in the original, as a .docx is read too).
                    cells[time] = time_above
            filled = [cell for cell in cells if cell]
            content = cells[columns["content"]] if columns["content"] < len(cells) else ""
            group = (
                len(filled) <= 2
                or not content
                or self._heads_numbered_rows(cells, columns, position)
            )
            for role in ("lead", "cooperating"):
                column = columns.get(role)
                if column is None or column >= len(cells):
                    continue
                # "Như trên": the same as the row above; a row's empty lead cell: one merged
                # over the rows it leads, written in the first of them or in their group's row.
                if _AS_ABOVE_CELL.fullmatch(fold(cells[column]).strip()) or (
                    role == "lead" and not cells[column] and not group
                ):
                    cells[column] = above.get(role, "")
                above[role] = cells[column]
            if group:
                # A group row ("I | Công tác tuyên truyền"): its period applies to its rows.
                label = " ".join(filled)
                found = section_deadline(label, self.issued_on, calendar=self.calendar)
                group_deadline = found if _usable(found) else None
                if "lead" not in columns:
                    # "I. SỞ CÔNG THƯƠNG" over its rows, in a table with no lead column (not "II.
                    # Công tác tuyên truyền": its rows' leader is the plan's, above the table).
                    named = self.catalogue.find_mentions(label)
                    group_lead = named[0] if named else None
            elif not _is_repeated_header(cells):
                for row in _row_pieces(cells, columns):
                    task = self._table_task(row, columns, position, group_deadline)
                    task.lead = task.lead or group_lead
                    self.table_tasks.append(task)
            position += 1
        return position

    def _group_line(self, index: int) -> bool:
        """ "II. Nhóm nhiệm vụ khác" between two rows: a merged cell across the table (a .docx's,
        or a copy's section number and name), a group row, not the table's end."""
        line = self.paragraphs[index]
        return (
            len(line) <= 200
            and _GROUP_NUMBER.match(line) is not None
            and index + 1 < self.end
            and _is_row(self.paragraphs[index + 1])
            and header_pieces_keep_empty(self.paragraphs[index + 1])[0][:1].isdigit()
        )

    def _heads_numbered_rows(self, cells: list[str], columns: dict[str, int], index: int) -> bool:
        """A row with no lead over rows numbered under it ("2 | Hoàn thiện thể chế | | | Năm
        2024" over "2.1 | ..."), or a part of the table ("II | Nhân lực số | Sở Nội vụ" over "1 |
        ..."), is a group: its time and its lead are theirs."""
        if index + 1 >= self.end or not cells[0]:
            return False
        below = header_pieces_keep_empty(self.paragraphs[index + 1])
        if not below:
            return False
        if re.fullmatch(r"[IVX]{1,5}\.?", cells[0]) and below[0][:1].isdigit():
            return True
        time = columns.get("time")
        if (
            re.fullmatch(r"[a-zđ]\)", below[0].strip())
            and not re.fullmatch(r"[a-zđ]\)", cells[0].strip())
            and (time is None or time >= len(cells) or not cells[time])
        ):
            return True  # "4 | Xây dựng kế hoạch truyền thông | Cục ATTP | | " over "a) | ..."
        lead = columns.get("lead", len(cells))
        return not (lead < len(cells) and cells[lead]) and below[0].startswith(
            f"{cells[0].rstrip('.')}."
        )

    def _table_task(
        self,
        cells: list[str],
        columns: dict[str, int],
        index: int,
        group_deadline: Deadline | None,
    ) -> TaskDraft:
        def cell(name: str) -> str:
            column = columns.get(name)
            return cells[column] if column is not None and column < len(cells) else ""

        content = cell("content")
        # One column for both: "Chủ trì: Sở Nông nghiệp và Môi trường / Phối hợp: UBND các xã".
        lead_cell, helping = (*_HELPERS_LABEL.split(cell("lead"), maxsplit=1), "")[:2]
        leads = _cell_agencies(self.catalogue, lead_cell)
        cooperating = _cell_agencies(self.catalogue, f"{helping}\n{cell('cooperating')}")
        lead = leads[0] if leads else _whole_cell(lead_cell)
        deadline = self._time_cell(cell("time"))
        inherited = False
        if not _usable(deadline) and deadline.kind not in ("immediate", *UNKNOWN_DAY_KINDS):
            frame_deadline = group_deadline or _nearest(self.frames, "deadline")
            if isinstance(frame_deadline, Deadline):
                deadline, inherited = frame_deadline, True
            else:
                deadline = self._no_date_given(deadline)
        everyone = [*leads, *cooperating, *self.catalogue.find_mentions(content)]
        return TaskDraft(
            text=content,
            summary=summarize(content, None),
            lead=lead,
            cooperating=_unique([*leads[1:], *cooperating], lead),
            deadline=deadline,
            inherited=inherited,
            unknown_agencies=_unknown_names(everyone),
            source_paragraph=index,
        )

    # -- building the drafts

    def drafts(self, addressees: list[AgencyMention]) -> list[TaskDraft]:
        drafts: list[tuple[int, TaskDraft]] = [(t.source_paragraph, t) for t in self.table_tasks]
        previous: TaskDraft | None = None
        ledes: list[TaskDraft] = []
        of_item: dict[int, TaskDraft] = {}
        for item in self.items:
            handover = self._handover(" ".join(item.paragraphs))
            draft = self._draft(item, addressees, handover, previous if item.follow_up else None)
            if previous is not None and _same_deadline_as_before(draft, previous):
                # "... thời hạn hoàn thành như điểm a khoản này", "cùng thời hạn nêu trên".
                draft.deadline, draft.inherited = previous.deadline, True
            singled = self._singled_out(draft)
            of_item[id(item)] = draft
            if item.lede:
                ledes.append(draft)
            drafts.append((item.start, draft))
            if twice := self._twice_yearly(draft):
                # "Định kỳ 6 tháng, báo cáo ... trước ngày 15/6 và 15/12": the half-year's report
                # and the year's, each yearly, so that neither is lost after the first. Their
                # texts say which they are: a task is known again by its text and lead.
                text = draft.text
                for deadline, part in zip(twice, (draft, replace(draft)), strict=True):
                    assert deadline.date is not None
                    part.deadline = deadline
                    part.text = f"{text} (kỳ hạn {deadline.date:%d/%m})"
                drafts.append((item.start, part))
            if handover and (handed := self._handed_over(draft.text, handover, item.start)):
                drafts.append((item.start, handed))
            if singled is not None:
                drafts.append((item.start, singled))
            previous = draft
        # The body that repeats the opening's order says it in full: keep that one.
        lede_ids = {id(draft) for draft in ledes}
        body = {_same_task(d) for _index, d in drafts if id(d) not in lede_ids}
        body_leads = {lead for lead, _date in body}
        drafts = [
            (i, d) for i, d in drafts if id(d) not in lede_ids or not _repeated(d, body, body_leads)
        ]
        dated_below = {
            id(frame.details)
            for item in self.items
            for frame in item.frames
            if (frame.contents or frame.steps) and of_item[id(item)].deadline.date is not None
        }
        # "Các đơn vị gửi báo cáo như sau:", then "- Báo cáo quý gửi trước ngày 05 ...", "- Báo
        # cáo năm ...": the reports below, each with its date, are the work.
        undated_heads = {
            id(draft)
            for item in self.items
            if id(item) in dated_below
            and len(item.paragraphs) == 1
            and (draft := of_item[id(item)]).deadline.date is None
        }
        drafts = [(i, d) for i, d in drafts if id(d) not in undated_heads]
        said = {id(d): " ".join(fold(d.text).split()) for _i, d in drafts}
        # Items of a list or rows of a table are alike on purpose: only prose says one again.
        prose = {
            id(d)
            for i, d in drafts
            if _marker(self.paragraphs[i])[0] is None and not _is_row(self.paragraphs[i])
        }
        drafts = [
            (i, d)
            for i, d in drafts
            if not _said_again(
                d,
                said,
                [o for j, o in drafts if j > i and _same_task(o)[0] == _same_task(d)[0]],
                prose,
            )
            and not _said_already(
                d,
                said,
                [o for j, o in drafts if j < i and _same_task(o) == _same_task(d)],
                prose,
            )
        ]
        table = {id(draft) for draft in self.table_tasks}
        # A plan whose "Tổ chức thực hiện" names who does what: its undated items elsewhere that
        # name no one are what the plan is about ("II. NHIỆM VỤ, GIẢI PHÁP: - Đẩy mạnh ...").
        content = {
            id(draft)
            for item in self.items
            if self.assigns_below
            and not any(frame.assigns for frame in item.frames)
            and (draft := of_item[id(item)]).lead is None
            and draft.deadline.date is None
            # "3. Tuyên truyền ... - Đài Phát thanh và Truyền hình tỉnh": it names who does it
            and not self._names_a_doer(draft.text)
        }
        # What happened, told before the order ("Chiều tối ngày 09/5, trên địa bàn tỉnh xảy ra
        # mưa đá ..." then "Chủ tịch UBND tỉnh yêu cầu:"): the reason for the work, not work.
        order = next(
            (i for i, p in enumerate(self.paragraphs) if _ORDER_INTRO.search(self._flat(p))), -1
        )
        told = {
            id(of_item[id(item)])
            for item in self.items
            if item.start < order and not item.marked and not self._asks(" ".join(item.paragraphs))
        }
        kept = [
            draft
            for _index, draft in sorted(drafts, key=lambda pair: pair[0])
            if not _a_statement(draft)
            and id(draft) not in told
            # A plan that gives its work out in a table: its sections that name no one restate
            # the table's rows ("1. Tổ chức tuyên truyền ...", then row 1 with its lead).
            and (id(draft) in table or draft.lead is not None or not self.table_tasks)
            and id(draft) not in content
        ]
        # A sentence read as several tasks (a report due on two days, work handed on to another
        # agency) gives each its own date: none of them is another date of the others.
        taken: dict[int, set[_dt.date | None]] = {}
        for draft in kept:
            taken.setdefault(draft.source_paragraph, set()).add(draft.deadline.date)
        for draft in kept:
            draft.other_deadlines = self._other_deadlines(draft, taken[draft.source_paragraph])
        return kept

    def _names_a_doer(self, text: str) -> bool:
        """Whether a text names an agency where the one who acts stands, not one it works with,
        for, at or reports to ("phối hợp với lực lượng quân đội", "báo cáo về Sở Y tế")."""
        return any(
            _DOER_BEFORE.search(re.sub(r"^[\s\d.)*•+-]+", "", fold(text[: mention.start])))
            for mention in self.catalogue.find_mentions(text)
        )

    def _handover(self, text: str) -> tuple[int, AgencyMention | None] | None:
        """Where a task hands its work on with a deadline of its own: "gửi về Sở Tài nguyên và
        Môi trường trước ngày 28-10 để sở thẩm định trình UBND tỉnh trước ngày 10-11" (the
        position of "để", and the agency it names, "sở" being the Sở named before it)."""
        folded = fold(text)
        mentions = self.catalogue.find_mentions(text)
        for purpose in _HANDOVER.finditer(folded):
            after = purpose.end()
            named = next((m for m in mentions if m.start == after), None)
            superior = _SUPERIOR.match(folded, after) is not None
            if named is None and not superior:
                word = purpose.group("bare")
                if word is not None:
                    earlier = [
                        m
                        for m in mentions
                        if m.end <= purpose.start() and fold(m.written).startswith(word)
                    ]
                    named = earlier[-1] if earlier else None
                elif _COMPILES.match(folded, after):
                    # "báo cáo qua Sở Giáo dục và Đào tạo trước ngày 10-5 để tổng hợp, báo cáo
                    # UBND tỉnh trước ngày 18-5": the Sở the reports go through compiles them.
                    named = next(
                        (
                            m
                            for m in reversed(mentions)
                            if m.end <= purpose.start() and _SENT_THROUGH.search(folded[: m.start])
                        ),
                        None,
                    )
                if named is None:
                    continue
            # (The handed part ends with its sentence: "... để tổng hợp. Riêng huyện Cẩm Xuyên ...
            # trong tháng 11/2019" gives the Sở no date.)
            clause = text[after:]
            if end := re.search(r"[.;](?:\s|$)", clause):
                clause = clause[: end.start()]
            before, rest = self._parse(text[: purpose.start()]), self._parse(clause)
            if before.date is not None and rest.date is not None and rest.date != before.date:
                # "để UBND tỉnh xem xét": the body that issued the directive gets no task.
                return purpose.start(), None if superior else named
        return None

    def _twice_yearly(self, draft: TaskDraft) -> tuple[Deadline, Deadline] | None:
        """The two yearly deadlines of a report due every six months on two named days."""
        folded = fold(draft.text)
        match = _TWICE_YEARLY.search(folded)
        if match is None or _MORE_OFTEN.search(folded):
            return None  # "hằng tháng (trước ngày 20 hằng tháng), 6 tháng ... và năm ...": monthly
        phrase = draft.text[match.start() : match.end()]  # the words the two dates come from
        first, second = (
            replace(
                self._parse(f"trước ngày {match.group(f'd{n}')}/{match.group(f'm{n}')} hằng năm"),
                phrase=phrase,
            )
            for n in (1, 2)
        )
        if first.date is None or second.date is None or first.date == second.date:
            return None
        return (first, second) if first.date < second.date else (second, first)

    def _singled_out(self, draft: TaskDraft) -> TaskDraft | None:
        """The task of one of the agencies an item singles out with a date of its own, cut from
        the item: "Thứ nhất, UBND các huyện ... báo cáo trước ngày 25/11. Riêng thị xã Kỳ Anh
        phải hoàn thành ... trong tháng 12/2019." (the item keeps its own first sentence)."""
        cut = _SINGLED_OUT.search(draft.text)
        if cut is None or draft.lead is None:
            return None
        first, part = draft.text[: cut.start()].rstrip(), draft.text[cut.end() :]
        lead = self._roles(part).lead
        deadline = self._own_deadline(part)
        if lead is None or deadline.date is None or fold(lead.written) == fold(draft.lead.written):
            return None
        own = self._own_deadline(first)
        if _usable(own) or not draft.inherited:
            draft.deadline = own if _usable(own) else self._no_date_given(own)
        draft.text = first
        return TaskDraft(
            text=part,
            summary=summarize(part, None),
            lead=lead,
            cooperating=[],
            deadline=deadline,
            inherited=False,
            unknown_agencies=_unknown_names([lead]),
            source_paragraph=draft.source_paragraph,
        )

    def _handed_over(
        self, text: str, handover: tuple[int, AgencyMention | None], index: int
    ) -> TaskDraft | None:
        """The task of the agency a task hands its work on to, if it has its own deadline."""
        position, lead = handover
        if lead is None:
            return None
        part = text[position:].strip()
        part = part[:1].upper() + part[1:]
        end = re.search(r"[.;](?:\s|$)", part)
        part = part[: end.start() + 1] if end else part
        return TaskDraft(
            text=part,
            summary=summarize(part, None),
            lead=lead,
            cooperating=[],
            deadline=self._parse(part),
            inherited=False,
            unknown_agencies=_unknown_names([lead]),
            source_paragraph=index,
        )

    def _draft(
        self,
        item: _Item,
        addressees: list[AgencyMention],
        handover: tuple[int, AgencyMention | None] | None,
        previous: TaskDraft | None = None,
    ) -> TaskDraft:
        text = " ".join(item.paragraphs)
        mentions = self.catalogue.find_mentions(text)
        roles = find_roles(text, mentions)
        lead = roles.lead
        cooperating = [*roles.co_leads, *roles.cooperating]
        if field := _LEAD_FIELD.search(fold(text)):
            # "Cơ quan thực hiện: Sở Kế hoạch và Đầu tư; cơ quan phối hợp: Cục Thuế tỉnh": the
            # plan says who leads and who helps.
            named = [m for m in mentions if m.start >= field.end()]
            if named and not text[field.end() : named[0].start].strip():
                lead = named[0]
                helping = _COOPERATING_FIELD.search(fold(text))
                cooperating = [
                    m
                    for m in mentions
                    if m is not lead
                    and (m in cooperating or (helping is not None and m.start >= helping.end()))
                ]
        if addressees and lead is not None and _asked_of_addressee(text, lead, addressees):
            # "đề nghị Quý Ủy ban chỉ đạo các đơn vị ... hoàn thiện báo cáo": the addressee acts.
            cooperating = [lead, *cooperating]
            lead = None
        directing = next((f for f in reversed(item.frames) if f.lead is not None), None)
        if lead is not None and directing is not None and directing.directs:
            # "1. Chủ tịch UBND các huyện chỉ đạo:" over "- UBND các xã ra quân ...": the
            # chairmen direct it, the communes do it.
            cooperating, lead = [lead, *cooperating], None
        if lead is not None and _gives_out(text, lead) and _nearest(item.frames, "lead"):
            # "1.2. Sở Tài chính": "- Tham mưu triển khai kế hoạch và phân công nhiệm vụ cho các
            # thành viên Ban Chỉ đạo ...": the heading's agency does the giving out.
            cooperating, lead = [lead, *cooperating], None
        if lead is None and (regarding := _REGARDING_ASKED.match(fold(text))):
            # Named before the writer's request, as whom it is about: they act.
            start, end = regarding.span("who")
            lead = AgencyMention(
                text[start:end], start, end, entry=self.catalogue.lookup(text[start:end])
            )
        folded = fold(text)
        role = _SCHOOL_ROLE.match(folded) if lead is None else None
        if role and role.group().endswith(":"):
            # "3. Phó Hiệu trưởng: Hoàn thành thời khóa biểu ...": the post, then its work.
            lead = AgencyMention(text[: role.end(1)], 0, role.end(1))
        bare = _BARE_SUBJECT.match(folded)
        if lead is None and previous is not None and (item.inherit or not addressees) and not bare:
            # (Not "Các đơn vị báo cáo kết quả ..." after the last item: all the units are asked.)
            lead, cooperating = previous.lead, [*previous.cooperating, *cooperating]
        if lead is None:
            frame_lead = _nearest(item.frames, "lead")
            if isinstance(frame_lead, AgencyMention):
                lead = frame_lead
                for frame in reversed(item.frames):
                    if frame.lead is frame_lead:
                        cooperating = [*frame.cooperating, *cooperating]
                        break
            elif addressees:
                # A letter's addressee does what the letter asks when no one else is named.
                lead = addressees[0]
                cooperating = [*addressees[1:], *cooperating]
            elif self.visited is not None:
                lead = self.visited  # a working visit's conclusions: the one visited acts
            elif roles.directed is not None:
                lead = roles.directed  # "Chỉ đạo Sở Y tế chủ trì ...", with no one above to direct
            elif bare:
                # "Các đơn vị gửi báo cáo ...": with no one named above, those it addresses.
                lead = AgencyMention(text[: bare.end()], 0, bare.end())
            elif polite := _polite_addressee(text):
                # "Sở đề nghị Quý cơ quan góp ý ...", in a page that lost the letter's head.
                lead = polite
        own = self._own_deadline(text[: handover[0]] if handover else text)
        if not _usable(own) and (field := _TIME_FIELD.search(text)):
            # "- Thời gian thực hiện: 2020 - 2021.": the field a plan's item gives its time in,
            # a span of years as a table's time cell reads it.
            own = _period_cell(field.group("value").strip(" .;")) or own
        section = _nearest(item.frames, "deadline")
        inherited = False
        if _usable(own) or own.kind in UNKNOWN_DAY_KINDS:
            # A date that does not exist, or in a year past the calendar's, is the officer's to
            # fix, not the section's.
            deadline = own
        elif isinstance(section, Deadline) and not _later_year(text, section):
            deadline, inherited = section, True
        elif item.due is not None and not isinstance(section, Deadline):
            deadline, inherited = self._parse(item.due), True
        elif own.kind == "immediate":
            deadline = own
        else:
            deadline = self._no_date_given(own)
        subject = roles.lead
        if subject is not None and roles.co_leads:
            # "Yêu cầu các chủ đầu tư, Ban Quản lý dự án và UBND các huyện tiếp tục ...".
            last = roles.co_leads[-1]
            subject = AgencyMention(text[subject.start : last.end], subject.start, last.end)
        return TaskDraft(
            text=text,
            summary=summarize(*_without_cooperation(text, subject, roles.cooperating)),
            lead=lead,
            cooperating=_unique(cooperating, lead),
            deadline=deadline,
            inherited=inherited,
            unknown_agencies=_unknown_names([*mentions, *([lead] if lead else []), *cooperating]),
            source_paragraph=item.start,
        )


# A year the item's work is due in, even where no date can be read: "hoàn thành trước mùa mưa năm
# 2019", "trong quý II/2019" (not a horizon, "đến năm 2030", nor "số 12/2019/QĐ-UBND").
_YEAR_WRITTEN = re.compile(
    r"(?<![a-z])(?:truoc|trong|cham\s+nhat|xong|hoan\s+thanh)\s[^.;,]{0,30}?(?:\bnam|[/.-])\s*"
    r"((?:19|20)\d\d)(?![\d/])"
)


def _later_year(text: str, section: Deadline) -> bool:
    """Whether an item names a year after its section's deadline ("các chỉ tiêu năm 2018, trong
    đó ...:" over "hoàn thành trước mùa mưa năm 2019"): its work is not due with the section's."""
    due = section.date
    return due is not None and any(int(y) > due.year for y in _YEAR_WRITTEN.findall(fold(text)))


# "... trước ngày 25/11. Riêng thị xã Kỳ Anh và huyện Cẩm Xuyên phải hoàn thành ...": one of
# the agencies asked, given other work of its own.
_SINGLED_OUT = re.compile(r"(?<=[.;])\s+(?=Riêng\s)")
# A deadline given as the one before it: "cùng thời hạn nêu trên", "thời hạn hoàn thành như điểm a
# khoản này", "thời gian hoàn thành cùng thời hạn nêu tại điểm b".
_DEADLINE_ABOVE = re.compile(
    r"(?<![a-z])(?:(?:cung|nhu|theo)\s+thoi\s+(?:han|gian)|thoi\s+(?:han|gian)(?:\s+hoan\s+thanh"
    r"|\s+thuc\s+hien)?\s+(?:cung|nhu)(?:\s+thoi\s+han)?)\s+(?:(?:da\s+)?neu\s+)?(?:o\s+|tai\s+)?"
    r"(?:tren|(?:diem|muc|khoan|tiet)\s+[a-z0-9.]+)(?![a-z])"
)


def _same_deadline_as_before(draft: TaskDraft, previous: TaskDraft) -> bool:
    return (
        draft.deadline.date is None
        and previous.deadline.date is not None
        and _DEADLINE_ABOVE.search(fold(draft.text)) is not None
    )


# "... để Sở Tài chính tổng hợp", "... để sở thẩm định": the work goes on to another agency.
_HANDOVER = re.compile(
    r"(?<![a-z])(?:de|nham)\s+(?:cho\s+)?(?:(?P<bare>so|bo|ban|van\s+phong)(?=\s+(?!ban\b)[a-z]))?\s*"
)


_COMPILES = re.compile(r"tong\s+hop\b")
_SENT_THROUGH = re.compile(r"(?:\bqua|\bve|\bgui\s+ve|\bgui|\bnop\s+ve)\s*$")


_SUPERIOR = re.compile(
    r"(?:(?:chu\s+tich\s+)?(?:ubnd|uy\s+ban\s+nhan\s+dan|hdnd)\s+(?:tinh|thanh\s+pho)"
    r"|thu\s+tuong|chinh\s+phu)(?![a-z])"
)


_OPENING_QUOTE = re.compile(r'^\s*(?:[-–+•]\s*)?["“«]')


# A quotation that closes at the paragraph's end: '... trong năm tính thuế của doanh nghiệp."'.
_CLOSING_QUOTE = re.compile(r'["”»][.;]?\s*$')


def _open_quotes(paragraph: str) -> bool:
    """A quotation mark left without its pair: one opened to run on, or one closing it."""
    return paragraph.count('"') % 2 == 1 or paragraph.count("“") != paragraph.count("”")


def _quoted_rules(paragraphs: list[str]) -> set[int]:
    """The paragraphs of a quotation over several paragraphs, after the line that introduces it
    ("Quyết định số 1327/QĐ-BYT quy định:" then '"1. Biện pháp dự phòng: ...' to its closing
    mark): a rule's own items, quoted, not work this text gives."""
    quoted: set[int] = set()
    index = 0
    while index < len(paragraphs):
        opens = (
            # (The line that introduces it may be the preamble's last: "Căn cứ ... quy định:".)
            (index == 0 or paragraphs[index - 1].rstrip().endswith(":"))
            and _OPENING_QUOTE.match(paragraphs[index]) is not None
        )
        if opens and _CLOSING_QUOTE.search(paragraphs[index]):
            quoted.add(index)  # the rule quoted whole in one paragraph
        if not opens or not _open_quotes(paragraphs[index]):
            index += 1
            continue
        end = next(
            (
                i
                for i in range(index + 1, min(len(paragraphs), index + 60))
                if _open_quotes(paragraphs[i])  # the mark that closes it, left alone
            ),
            None,
        )
        if end is None:
            index += 1
            continue
        quoted.update(range(index, end + 1))
        index = end + 1
    return quoted


def _as_written(text: str, match: re.Match[str]) -> bool:
    """Whether a word found in the folded text is that word as written: "đã", not the "Đà" of
    "Đà Nẵng" (a text without marks gives no way to tell)."""
    first = text[match.start() : match.end()].split()[0].lower()
    return first in ("đã", "vừa", "có") or fold(text) == text.lower()


def _only_named(text: str, lead: AgencyMention, catalogue: Catalogue) -> bool:
    """A heading that only asks its agencies: "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và
    các tổ chức chính trị - xã hội:" (its lead and those named with it, then the colon), or only
    to direct ("... nêu trên chỉ đạo:")."""
    folded = fold(text)
    last = lead
    for mention in co_leads(folded, lead, catalogue.find_mentions(text)):
        last = mention
    # ("Đề nghị Chủ tịch UBND các tỉnh nêu trên chỉ đạo:": each item below is what they direct.)
    return (
        re.fullmatch(
            r"[\s:]*(?:va\s+cac\s+[^:]{0,60})?(?:\s*neu\s+tren)?(?:\s*(?:khan\s+truong\s+)?chi\s+dao)?"
            r"\s*:\s*",
            folded[last.end :],
        )
        is not None
    )


def _work_after_basis(text: str) -> bool:
    """Whether the clause after "Căn cứ ...," asks for work, naming no one."""
    for comma in re.finditer(r",\s+", text):
        rest = fold(text[comma.end() :])
        if _imperative(rest) or re.match(r"(?:co|xay\s+dung|ban\s+hanh)\s+ke\s+hoach", rest):
            return True
        if re.search(r"[.;]\s", text[: comma.start()]):
            break
    return False


def _gives_out(text: str, lead: AgencyMention) -> bool:
    """An item that opens with its work and gives a part of it out on the way: "Tham mưu triển
    khai kế hoạch và phân công nhiệm vụ cho các thành viên Ban Chỉ đạo" (no subject of its own),
    or that opens by directing others."""
    before = fold(text)[: lead.start]
    opening = ORDINAL.sub("", re.sub(r"^\s*(?:[-–+•*]|\d{1,2}[.)]|[a-z][.)])?\s*", "", before))
    # As written: folded, "giáo viên", "Sở Giáo dục" would read as "giao".
    written = text[len(before) - len(opening) : lead.start].lower()
    giving = re.search(r"\b(?:giao|phân\s+công)\b", written)
    directs = _DIRECTS_FIRST.match(opening)
    if directs and re.fullmatch(r"(?:[^;:.]*,\s*)?", opening[directs.end() :]):
        # "- Tập trung chỉ đạo các Trung tâm Phát triển quỹ đất hoàn thành ...", "Thứ nhất, chỉ
        # đạo Phòng Kinh tế, Phòng Kinh tế và Hạ tầng bố trí ...".
        return True
    if _IMPERATIVE.match(opening) and (
        _DIRECTS_ON_THE_WAY.search(opening) or _OVERSEES.search(opening)
    ):
        # "Theo dõi tình hình cung ứng điện; yêu cầu Công ty Điện lực bảo đảm cung cấp điện",
        # "Chỉ đạo các Hạt Kiểm lâm kiểm tra các chủ rừng, UBND cấp xã thực hiện ...".
        return True
    if giving is not None and _RESIDENTS.match(fold(lead.written)):
        return True  # "- Phân công các hộ gia đình dọn vệ sinh ...", under "1. Trưởng các thôn:"
    return giving is not None and giving.start() > 0 and _IMPERATIVE.match(opening) is not None


# People, not a body: the households, the residents a hamlet's head gives work out to.
_RESIDENTS = re.compile(
    r"(?:tat\s+ca\s+)?(?:cac\s+)?(?:ho\s+gia\s+dinh|ho\s+dan|nguoi\s+dan|nhan\s+dan|cong\s+dan)\b"
)
# Those the item's agency oversees, named after the verb: "kiểm tra các chủ rừng, UBND cấp xã".
_OVERSEES = re.compile(r"\b(?:kiem\s+tra|giam\s+sat|don\s+doc)\s[^.;:]*$")


# An item that opens by directing those who do the work: "Chỉ đạo", "Tập trung chỉ đạo (cho) các",
# after its topic or not.
_DIRECTS_FIRST = re.compile(
    r"(?:(?:ve|doi\s+voi)\s[^,.;:]{2,60},\s*)?"  # "Đối với nuôi trồng thủy sản, chỉ đạo các cơ sở"
    r"(?:(?:tap\s+trung|chu\s+dong|tiep\s+tuc|khan\s+truong|tang\s+cuong)\s+)?chi\s+dao\s+"
    r"(?:cho\s+)?(?:cac\s+)?"
)


# Directing others after the item's own work: "...; chỉ đạo các xã", "...; yêu cầu Công ty ...".
_DIRECTS_ON_THE_WAY = re.compile(
    r"[;,]\s*(?:(?:dong\s+thoi|va)\s+)?(?:yeu\s+cau|chi\s+dao|huong\s+dan|de\s+nghi)\s+"
    r"(?:cho\s+)?(?:cac\s+)?$"
)


def _polite_addressee(text: str) -> AgencyMention | None:
    """ "đề nghị Quý cơ quan ...": the addressee a letter asks, as it writes them."""
    asked = _ASKS_ADDRESSEE.search(fold(text))
    if asked is None or " quy " not in asked.group():
        return None
    start = asked.start() + asked.group().index(" quy ") + 1
    return AgencyMention(text[start : asked.end()], start, asked.end())


def _asked_of_addressee(
    text: str, lead: AgencyMention | None, addressees: list[AgencyMention] | None = None
) -> bool:
    """ "Đề nghị Quý Ủy ban chỉ đạo Sở Tài chính ...": a letter asks its addressee ("Quý ...")
    before it names whom they are to direct; so does "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo ..."
    in a ministry's letter to a province's committee."""
    folded = fold(text)
    asked = _ASKS_ADDRESSEE.search(folded)
    if asked is None or " quy " not in asked.group():
        committee = addressees and _COMMITTEE.match(fold(addressees[0].written))
        asked = _ASKS_COMMITTEE.search(folded) if committee else None
    return asked is not None and lead is not None and asked.start() < lead.start


def _a_statement(draft: TaskDraft) -> bool:
    """An item that gives no one work and sets no time: "Việc đầu tư xây dựng bệnh viện là cần
    thiết", "Sở Nội vụ đã báo cáo đầy đủ các nội dung tại cuộc họp"."""
    return (
        draft.lead is None
        and not draft.deadline.phrase  # no time at all, not even "thường xuyên"
        and not _imperative(fold(draft.text))
    )


def _before_purpose(text: str) -> str:
    """A sentence up to "để"/"nhằm" and what it is for."""
    return re.split(r"\s(?:để|nhằm)\s", text, maxsplit=1)[0]


def _cued_schedule_time(when: str) -> str:
    """A schedule line's time as a deadline phrase: "Ngày 7/6/2017" opens a line of the schedule,
    not a news item, and is the day it is due; of "Ngày 8/7-17/7/2017" or "Ngày 18-19/6/2017",
    the last day."""
    when = re.sub(r"\d{1,2}(?:/\d{1,2})?\s*[-–]\s*(?=\d{1,2}/\d{1,2})", "", when)
    return re.sub(r"^\W*(?=[Nn]gày\b)", "trước ", when)


def _repeated(
    lede: TaskDraft,
    body: set[tuple[str | None, _dt.date | None]],
    body_leads: set[str | None],
) -> bool:
    """The body gives the opening's order again: the same task, or, for an opening with no date,
    work for the same lead or for some of the agencies it names (an opening that asks a group,
    "các sở, ngành, UBND các huyện", when the body shares the work out among several)."""
    lead, date = _same_task(lede)
    if (lead, date) in body:
        return True
    if (
        date is None
        and lead is not None
        and lead.startswith("cac ")
        and len(body_leads - {None}) >= 2
    ):
        return True
    return date is None and any(
        lead == other or (lead and other and other in lead) for other in body_leads
    )


def _said_again(
    draft: TaskDraft, said: dict[int, str], later: list[TaskDraft], prose: set[int]
) -> bool:
    """A news item's summary that its body says again word for word, and more ("Chủ tịch UBND Tp.
    giao Giám đốc Sở ... rà soát ... trên địa bàn.", then "Về việc này, Chủ tịch UBND Tp. giao
    Giám đốc Sở ... rà soát ... trên địa bàn Tp.; báo cáo UBND Tp. trước ngày 15/4/2023"); later
    drafts of the same lead, the folded text of each draft; in prose (ids of drafts that are
    no list item), also said again with a few words changed and the same deadline."""
    summary = said[id(draft)].rstrip(" .;")
    if len(summary) < 40:
        return False
    return any(
        summary in said[id(other)]
        or (
            {id(draft), id(other)} <= prose
            and draft.deadline.date == other.deadline.date
            and _nearly_within(summary, said[id(other)])
        )
        for other in later
    )


def _said_already(
    draft: TaskDraft, said: dict[int, str], earlier: list[TaskDraft], prose: set[int]
) -> bool:
    """A news item's body that says its opening's order again in fewer words ("Sở Tài chính đề
    nghị các cơ quan, đơn vị lập báo cáo ..., gửi Sở trước ngày 15/5/2021.", then "Trên cơ sở
    đó, các cơ quan, đơn vị lập báo cáo ..., gửi Sở trước ngày 15/5/2021."); earlier drafts of
    the same lead and deadline."""
    if id(draft) not in prose:
        return False
    text = _CONNECTIVE.sub("", said[id(draft)]).rstrip(" .;")
    return any(
        id(other) in prose
        and _nearly_within(text, said[id(other)])
        and not _nearly_within(said[id(other)].rstrip(" .;"), said[id(draft)])
        for other in earlier
    )


_PAPERS_MARK = re.compile(r"^(?:\S+\s){1,5}[-–]\s")


def _nearly_within(summary: str, text: str) -> bool:
    """Whether a text says a summary again with more words: the summary's words, in order, but
    for a paper's mark ("Tạp chí GTVT - Tổng cục ĐBVN yêu cầu ... trước ngày 30 hàng tháng.",
    then "Tổng cục ĐBVN yêu cầu ... trước ngày 30 hàng tháng về Tổng cục ĐBVN")."""
    # A news lead may open with the paper's mark: "Tạp chí GTVT - ", "(Baonghean) - ". Every
    # other word must come again, in order, among more: "Quốc lộ 9" and "Quốc lộ 49" are two
    # tasks.
    words = re.findall(r"\w+", _PAPERS_MARK.sub("", summary))
    others = re.findall(r"\w+", text)
    if len(words) < 8 or len(others) <= len(words):
        return False
    matcher = difflib.SequenceMatcher(None, words, others, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) == len(words)


def _same_task(draft: TaskDraft) -> tuple[str | None, _dt.date | None]:
    return (fold(draft.lead.written) if draft.lead else None), draft.deadline.date


def _without_cooperation(
    text: str, subject: AgencyMention | None, cooperating: list[AgencyMention]
) -> tuple[str, AgencyMention | None]:
    """The text without "phối hợp với X, Y" (for the summary), and the subject in that text."""
    if not cooperating:
        return text, subject
    folded = fold(text)
    cuts: list[tuple[int, int]] = []
    for match in COOPERATE.finditer(folded):
        chain = [m for m in cooperating if m.start >= match.end()]
        end = match.end()
        for mention in chain:
            if (
                re.search(r"[.;:]", folded[end : mention.start])
                or len(folded[end : mention.start].split()) > 4
            ):
                break
            end = mention.end
        if end > match.end() and (subject is None or match.start() >= subject.end):
            cuts.append((match.start(), end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    text = re.sub(r"\s*,\s*(?:,\s*)+", ", ", re.sub(r"\s{2,}", " ", text))
    return text, subject


def _nearest(frames: list[_Frame], attribute: str) -> object:
    for frame in reversed(frames):
        value = getattr(frame, attribute)
        if value is not None:
            return value
    return None


def _same_agency(one: AgencyMention, other: AgencyMention) -> bool:
    if one.entry is not None or other.entry is not None:
        return one.entry == other.entry
    return fold(one.written) == fold(other.written)


def _unique(mentions: list[AgencyMention], lead: AgencyMention | None) -> list[AgencyMention]:
    seen = {lead.display} if lead is not None else set()
    result = []
    for mention in mentions:
        if mention.display not in seen:
            seen.add(mention.display)
            result.append(mention)
    return result


def _unknown_names(mentions: list[AgencyMention]) -> list[str]:
    return list(dict.fromkeys(m.written for m in mentions if m.is_unknown))


# --------------------------------------------------------------------------------------------
# Tables.
# --------------------------------------------------------------------------------------------


def header_pieces_keep_empty(row: str) -> list[str]:
    """The cells of a table row read as "a | b | c", empty cells kept in place."""
    cells = [cell.strip() for cell in re.split(r"\s*\|\s*", row.strip())]
    return cells[:-1] if len(cells) > 1 and not cells[-1] and row.rstrip().endswith("|") else cells


_TIME_HEADER = re.compile(
    r"thoi\s+(?:gian|han|diem)|tien\s+do|han\s+hoan\s+thanh|moc\s+thoi|^\s*hoan\s+thanh\s*$"
)
_COLUMNS = (
    ("time", _TIME_HEADER),
    ("cooperating", re.compile(r"phoi\s+hop")),
    # "Đơn vị chủ trì", "Cơ quan thực hiện", "Đơn vị phụ trách", "Cơ quan đầu mối", "Người cam kết".
    (
        "lead",
        re.compile(
            r"chu\s+tri|(?:don\s+vi|co\s+quan)\s+(?:thuc\s+hien|phu\s+trach|dau\s+moi)|trach\s+nhiem"
            # A question-time resolution's table of commitments: "Người cam kết".
            r"|nguoi\s+(?:cam\s+ket|phu\s+trach)"
        ),
    ),
    ("content", re.compile(r"noi\s+dung|nhiem\s+vu|cong\s+viec|hoat\s+dong|giai\s+phap|ten\s+")),
)


# A header's second row under "Thực hiện": "Chủ trì | Phối hợp", "Đơn vị chủ trì | Cơ quan phối
# hợp".
_ROLE_HEADS = tuple(
    (name, re.compile(rf"(?:(?:don\s+vi|co\s+quan)\s+)?{words}(?:\s+thuc\s+hien)?"))
    for name, words in (("lead", r"chu\s+tri"), ("cooperating", r"phoi\s+hop"))
)


_TIME_HEADS = (
    ("start", re.compile(r"(?:thoi\s+gian\s+)?(?:bat\s+dau|khoi\s+cong)")),
    ("end", re.compile(r"(?:thoi\s+gian\s+)?(?:hoan\s+thanh|ket\s+thuc)")),
)


def _sub_head(cell: str) -> str | None:
    """What a header's second row names a column: "Chủ trì", "Bắt đầu", "Hoàn thành"."""
    folded = fold(cell).strip()
    return next(
        (name for name, head in (*_ROLE_HEADS, *_TIME_HEADS) if head.fullmatch(folded)), None
    )


def _table_columns(cells: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    folded_cells = [fold(cell) for cell in cells]
    for index, folded in enumerate(folded_cells):
        for name, pattern in _COLUMNS:
            if name not in columns and pattern.search(folded):
                columns[name] = index
                break
        else:
            if "lead" not in columns and re.search(r"thuc\s+hien", folded):
                columns["lead"] = index
    starts = [i for i, folded in enumerate(folded_cells) if _STARTS.search(folded)]
    if columns.get("time") in starts:
        # "Thời gian bắt đầu | Thời gian hoàn thành": the work is due when it ends.
        ends = [
            i
            for i, folded in enumerate(folded_cells)
            if i not in starts and _TIME_HEADER.search(folded)
        ]
        columns["time"] = ends[0] if ends else columns["time"]
    if {"content", "lead"} <= columns.keys() and ({"time", "cooperating"} & columns.keys()):
        return columns
    if {"content", "time", "cooperating"} <= columns.keys():
        return columns  # those who help, and no lead column: the rows' groups name it
    return None


_STARTS = re.compile(r"bat\s+dau|khoi\s+(?:cong|dong)|trien\s+khai")


# An item's time as a field of its own: "- Thời gian thực hiện: 2020 - 2021", "* Thời gian: ...".
_TIME_FIELD = re.compile(
    r"(?i)(?:^|[\s.;])(?:[-*+•]\s*)?thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:"
    r"\s*(?P<value>[^.;\n]{2,40})"
)
# "2022-2024", "Năm 2025 - 2026", "Giai đoạn 2026-2030" (folded).
_YEARS_CELL = re.compile(
    r"\s*(?:(?:nam|giai\s+doan)\s+)?(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)\s*"
)


# "Quý III, IV/2026": the quarters a row's work spans, due by the last.
_QUARTER_LIST = re.compile(r"(?i)(quý\s+)(?:[IV]{1,3}\s*[,-]\s*)+([IV]{1,3}\s*/\s*\d{4})")
_LATER_YEAR = re.compile(r"(?<![/\d])((?:19|20)\d\d)(?![/\d])")


# "12/2019", "10-11/2019", "Tháng 01-4/2021": the months of a time column, bare.
_MONTHS_CELL = re.compile(
    r"\s*(?:thang\s*)?(?:(\d{1,2})\s*[-–]\s*)?(\d{1,2})\s*[/.]\s*((?:19|20)\d\d)\s*"
)


def _period_cell(text: str) -> Deadline | None:
    """A time column that gives a year ("2023"), a span of years ("2022-2024"), a month or a
    span of months ("10-11/2019"): done by the end of the last."""
    if match := _YEARS_CELL.fullmatch(fold(text)):
        return _period_end(_dt.date(int(match.group(1)), 12, 31), "year", text)
    match = _MONTHS_CELL.fullmatch(fold(text))
    if match is None:
        return None
    first, last, year = (int(part) if part else None for part in match.groups())
    assert last is not None and year is not None
    if not 1 <= (first or last) <= last <= 12:
        return None
    end = _dt.date(year, last, _cal.monthrange(year, last)[1])
    return _period_end(end, "month", text)


def _period_end(end: _dt.date, kind: str, text: str) -> Deadline:
    """A time column's deadline; a year before FIRST_YEAR ("1930", a slip for 2030) is out of
    range, for the officer to correct, as the phrases' years are."""
    if not FIRST_YEAR <= end.year <= LAST_YEAR:
        return Deadline(date=None, kind="out_of_range", recurrence=None, phrase=text)
    return Deadline(date=end, kind=kind, recurrence=None, phrase=text)


def _is_repeated_header(cells: list[str]) -> bool:
    # Tables split over pages repeat their header row, or number their columns "(1) | (2) ...".
    return _table_columns(cells) is not None or all(
        re.fullmatch(r"\(?\d{1,2}\)?", cell) for cell in cells if cell
    )


# A piece of work a content cell lists with a bullet, after a stop or at its start: "Chuyển mục
# đích sử dụng rừng: - Rà soát nhu cầu ...; - Trình HĐND tỉnh ..." (not "Sở Lao động - Thương
# binh").
_CELL_BULLET = re.compile(r"(?:^|(?<=[.;:]))\s*[-–+•]\s+(?=\S)")


def _row_pieces(cells: list[str], columns: dict[str, int]) -> list[list[str]]:
    """A table row whose content cell lists two pieces of work or more, each a task of the row's
    agencies: their times from the time cell's own list when it has one for each, else the row's
    time for all."""
    content = columns["content"]
    parts = _CELL_BULLET.split(cells[content]) if content < len(cells) else []
    pieces = [part.strip(" ;") for part in parts[1:] if part.strip(" ;")]
    if len(pieces) < 2:
        return [cells]
    opening = parts[0].strip()
    time = columns.get("time")
    times = _CELL_BULLET.split(cells[time])[1:] if time is not None and time < len(cells) else []
    times = [part.strip(" ;") for part in times if part.strip(" ;")]
    rows = []
    for position, piece in enumerate(pieces):
        row = list(cells)
        row[content] = f"{opening} {piece}" if opening.endswith(":") else piece
        if time is not None and len(times) == len(pieces):
            row[time] = times[position]
        rows.append(row)
    return rows


_HELPERS_LABEL = re.compile(r"(?i)\b(?:đơn vị |cơ quan )?phối hợp\s*:")


def _whole_cell(text: str) -> AgencyMention | None:
    """A lead cell that names no agency the recogniser knows is still who leads, as written:
    "Các doanh nghiệp viễn thông trên địa bàn tỉnh"."""
    written = " ".join(text.split()).strip(" .;,-–")
    if not 3 <= len(written) <= 100 or not re.search(r"[^\W\d_]", written):
        return None
    if _AS_ABOVE_CELL.fullmatch(fold(written)):
        return None  # "Như trên": the row above's, which the table reader gives it
    return AgencyMention(written, 0, 0)


def _cell_agencies(catalogue: Catalogue, text: str) -> list[AgencyMention]:
    """The agencies in a table cell: recognised ones, and the rest of the cell as written."""
    # "Sở Y tế (chủ trì), Công an tỉnh": a role in brackets is no agency.
    text = re.sub(r"(?i)\(\s*(?:chủ trì|phối hợp|đầu mối|thường trực)\s*\)", " ", text)
    text = re.sub(r"(?i)\b(?:đơn vị |cơ quan )?chủ trì\s*:", " ", text)  # "Chủ trì: Sở Y tế"
    if not text.strip():
        return []
    mentions = catalogue.find_mentions(text)
    result = list(mentions)
    # Whatever the recogniser did not cover is still an agency the plan names.
    rest = text
    for mention in sorted(mentions, key=lambda m: -m.start):
        rest = rest[: mention.start] + "," + rest[mention.end :]
    for piece in re.split(r"[,;\n]|\s+và\s+", rest):
        piece = piece.strip(" .-–:()")
        if len(piece) > 2 and not (
            re.fullmatch(r"(?i)(các|và|cơ quan|đơn vị|liên quan)[\w\s]*", piece)
            or re.fullmatch(HOLDER, fold(piece))  # "Giám đốc" of "Giám đốc Sở Xây dựng"
        ):
            entry = catalogue.lookup(piece)
            result.append(AgencyMention(piece, 0, 0, entry=entry))
    return sorted(result, key=lambda m: (m.start == 0 and m.end == 0, m.start))


# --------------------------------------------------------------------------------------------
# Public API.
# --------------------------------------------------------------------------------------------


_REQUEST_VERB = re.compile(r"(?i)\b(?:yêu cầu|đề nghị|kính đề nghị)\b")


def find_addressees(doc: Document, catalogue: Catalogue) -> list[AgencyMention]:
    """The agencies after "Kính gửi:" in a letter, recognised where the catalogue knows them.

    One per line under the heading or after it, separated by ";"; an office-holder ("Hiệu trưởng
    các trường MN, TH, THCS") is an addressee as written; a blank to fill ("Kính gửi: ……") is none.
    """
    for index, paragraph in enumerate(doc.paragraphs[:25]):
        pieces = header_pieces(paragraph)
        if re.search(r"\bkinh\s+gui\s*:?\s*$", fold(paragraph)) or (
            opens_addressees(paragraph) and not fold(paragraph).startswith("kinh gui")
        ):
            # "Hà Nội, ngày 02 tháng 02 năm 2021 Kính gửi:" (one line), "... TỈNH điện:"
            pieces = [f"Kính gửi: {dispatched_inline(paragraph) or ''}"]
        if not pieces or not fold(pieces[0]).startswith("kinh gui"):
            continue
        parts = [re.sub(r"(?i)^kính gửi\s*:?", "", pieces[0]), *pieces[1:]]
        lines, body = addressee_lines(doc, index)
        parts.extend(lines)
        found: list[AgencyMention] = []
        following = doc.paragraphs[body] if body < len(doc.paragraphs) else ""
        # (Not the writer's own short name: "Ngân hàng Nhà nước ... (sau đây gọi tắt là NHNN
        # tỉnh) yêu cầu ...": only one given after the request names those asked.)
        asked = _REQUEST_VERB.search(following[:200])
        named = NAMED_HEREAFTER.search(
            " ".join([*parts, following[asked.end() if asked else 0 : 120]])
        )
        parts = [NAMED_HEREAFTER.split(line, maxsplit=1)[0] for line in parts]
        for part in (piece for line in parts for piece in re.split(r";", line)):
            # A footnote mark glued to the last word: "Các Sở Giáo dục và Đào tạo1".
            part = re.sub(r"(?<=[^\W\d_])\d{1,2}\s*$", "", part.strip(" -–+•;.:,"))
            part = part.strip(" -–+•;.:,")
            if sum(char.isalpha() for char in part) < 3:
                continue  # "…………", "............": the blank of a form letter
            mentions = catalogue.find_mentions(part)
            if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].entry is None:
                rest = part[mentions[0].end :]
                if rest.startswith(",") and rest.lstrip(" ,")[:1].islower():
                    # "Ban chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn": the whole line.
                    mentions = [AgencyMention(part, 0, len(part), entry=catalogue.lookup(part))]
            if mentions:
                found.extend(mentions)
            else:
                found.append(AgencyMention(part, 0, 0, entry=catalogue.lookup(part)))
        if named and not any(mention.entry for mention in found):
            # "(Sau đây viết tắt là BHXH các tỉnh)": the name the letter gives them all.
            short = named.group("name").strip()
            return [AgencyMention(short, 0, 0, entry=catalogue.lookup(short))]
        return found
    return []


def _reported_addressees(paragraphs: list[str], catalogue: Catalogue) -> list[AgencyMention]:
    """Whom a news item says the letter was sent to: "UBND tỉnh ban hành Công văn số ... gửi
    (chỉ đạo) các sở, ngành; UBND các huyện ...": the leads of the tasks that name no one."""
    for paragraph in paragraphs:
        folded = fold(paragraph)
        if not _NEWS_LEAD.match(folded):
            continue
        verb = re.search(r"\b(?:gui|chi\s+dao|yeu\s+cau|de\s+nghi|giao)\s+", folded)
        if verb is None:
            return []
        mentions = catalogue.find_mentions(paragraph)
        first = next((m for m in mentions if m.start == verb.end()), None)
        if first is None:
            return []
        return [first, *co_leads(folded, first, mentions)]
    return []


# "Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Phú Thọ và các Bộ, cơ quan liên quan
# biết, thực hiện": a notice with no "Kính gửi" says at its end whom it asks.
_TOLD_TO_ACT = re.compile(
    r"\bthong\s+bao\s+(?:de|cho|den)\s+(?P<who>.{5,250}?)\s+(?:duoc\s+)?biet\s*,?\s*"
    r"(?:va\s+|de\s+)?(?:thuc\s+hien|trien\s+khai)"
)
# Any line that tells someone of something: the last is the notice's closing, whatever it asks.
_TOLD = re.compile(r"\bthong\s+bao\b.{0,300}?\bbiet\b")


# A notice of a working visit, in its title: "Kết luận ... tại buổi làm việc với huyện Kiên
# Lương", "... làm việc với lãnh đạo Sở Y tế".
_VISIT = re.compile(
    r"\b(?:ket\s+luan|y\s+kien\s+chi\s+dao)\b[^.:;]{0,120}?\blam\s+viec\s+voi\s+"
    r"(?:(?:lanh\s+dao|ban\s+thuong\s+vu|thuong\s+truc|tap\s+the)\s+)?"
)
_PARTY_COMMITTEE = re.compile(r"(tinh|thanh|huyen|quan|thi)\s+uy\s+\S")
_PARTY_LEVELS = {
    "tinh": "tỉnh",
    "thanh": "thành phố",
    "huyen": "huyện",
    "quan": "quận",
    "thi": "thị xã",
}
_PLACE_VISITED = re.compile(r"(?:huyen|thi\s+xa|thanh\s+pho|quan|tinh|xa|phuong)\s")


def _visited(paragraphs: list[str], catalogue: Catalogue) -> AgencyMention | None:
    """Whom a notice's visit was to: the lead of its conclusions that name no one."""
    for paragraph in paragraphs[:15]:
        visit = _VISIT.search(fold(paragraph))
        if visit is None:
            continue
        rest = paragraph[visit.end() :]
        mentions = catalogue.find_mentions(rest)
        if mentions and not rest[: mentions[0].start].strip():
            party = _PARTY_COMMITTEE.match(fold(mentions[0].written))
            if party is None:
                return mentions[0]
            # "... làm việc với Ban Thường vụ Tỉnh ủy Lâm Đồng": the province's work, its
            # committee's to follow up.
            words = mentions[0].written.split()[2:]
            level = _PARTY_LEVELS[party.group(1)]
            found = catalogue.find_mentions(f"UBND {level} {' '.join(words)}")
            return found[0] if found else mentions[0]
        place = _PLACE_VISITED.match(fold(rest))
        if place is None:
            return None
        # "huyện Kiên Lương": its People's Committee.
        words = rest.split()
        named = list(itertools.takewhile(lambda word: word[:1].isupper(), words[1:]))
        if not named:
            return None
        found = catalogue.find_mentions(f"UBND {' '.join(words[: 1 + len(named)])}")
        return found[0] if found else None
    return None


def _notified_addressees(paragraphs: list[str], catalogue: Catalogue) -> list[AgencyMention]:
    """Whom a notice's closing line tells to act: the leads of the tasks that name no one."""
    for paragraph in reversed(paragraphs[-40:]):
        folded = fold(paragraph)
        if not _TOLD.search(folded):
            continue
        told = _TOLD_TO_ACT.search(folded)
        if told is None:
            return []  # "thông báo ý kiến kết luận ... để các cơ quan biết": asks no one named
        return [
            mention
            for mention in catalogue.find_mentions(paragraph)
            if told.start("who") <= mention.start < told.end("who")
        ]
    return []


def extract_tasks(
    doc: Document,
    *,
    catalogue: Catalogue,
    issued_on: _dt.date,
    addressee: list[AgencyMention] | None = None,
    calendar: WorkingCalendar | None = None,
    before_is_inclusive: bool = True,
) -> list[TaskDraft]:
    """Cut the body of a directive into task drafts (addressee: "Kính gửi" when not given)."""
    addressees = addressee if addressee is not None else find_addressees(doc, catalogue)
    segmenter = _Segmenter(doc, catalogue, issued_on, calendar, before_is_inclusive)
    reported = False
    if addressee is None and not addressees:
        reported_to = _reported_addressees(segmenter.paragraphs[:2], catalogue)
        addressees, reported = reported_to, bool(reported_to)
    drafts: list[TaskDraft] = []
    for earlier_asks in (False, True):
        if earlier_asks:
            segmenter = _Segmenter(doc, catalogue, issued_on, calendar, before_is_inclusive)
        segmenter.letter = bool(addressees) and not reported
        segmenter.reported = reported
        segmenter.visited = _visited(doc.paragraphs, catalogue)
        segmenter.earlier_asks = earlier_asks
        segmenter.run()
        drafts = segmenter.drafts(addressees)
        if drafts or not any(_EARLIER.match(fold(p)) for p in segmenter.paragraphs):
            break
    notified = (
        []
        if addressee is not None or addressees
        else _notified_addressees(doc.paragraphs, catalogue)
    )
    if notified:
        return [_asked_of(draft, notified) if draft.lead is None else draft for draft in drafts]
    return drafts


def _asked_of(draft: TaskDraft, notified: list[AgencyMention]) -> TaskDraft:
    lead, *others = notified
    return replace(
        draft,
        lead=lead,
        cooperating=_unique([*others, *draft.cooperating], lead),
        unknown_agencies=list(dict.fromkeys([*_unknown_names(notified), *draft.unknown_agencies])),
    )


# --------------------------------------------------------------------------------------------
# Summaries for phone screens.
# --------------------------------------------------------------------------------------------

_LEADING_CLAUSE = re.compile(
    r"^(?:can\s+cu|tren\s+co\s+so|theo\s|phoi\s+hop|chu\s+tri\s*$|chu\s+tri\s+phoi\s+hop"
    r"|la\s+co\s+quan|co\s+trach\s+nhiem\s*$)"
)


_BY_DUTY = re.compile(
    r"(?:theo\s+)?chuc\s+nang\s*,?\s*nhiem\s+vu(?:\s+(?:duoc\s+giao|va\s+tham\s+quyen))*\s*,?\s*"
)


def summarize(text: str, lead: AgencyMention | None) -> str:
    """A short form of a task (at most 120 characters): its first clause, without the agency."""
    summary = text.strip()
    summary = re.sub(r"^(?:[-–+•*]|\d{1,2}[.)]|[a-z][.)])\s*", "", summary)
    ordinal = ORDINAL.match(fold(summary))
    if ordinal:
        summary = summary[ordinal.end() :]
    if lead is not None and lead.start >= 0 and lead.end <= len(text):
        # Drop "Giao Sở X", "Đề nghị UBND các huyện", "Sở X" at the start, and an opening
        # phrase before the agency that acts: "Thực hiện tốt ..., Bộ Chỉ huy Quân sự tỉnh".
        prefix = fold(text[: lead.start]).strip()
        prefix = re.sub(r"^(?:[-–+•*]|\d{1,2}[.)]|[a-z][.)])\s*", "", prefix)
        prefix = ORDINAL.sub("", prefix).strip()
        asked = re.fullmatch(
            rf"(?:(?:giao|de\s+nghi|yeu\s+cau|doi\s+voi|chi\s+dao)(?:\s+cho)?\s*)?{TITLE}\s*",
            prefix + " ",
        )
        opened = re.search(rf",\s*{TITLE}$", prefix + " ") and not re.search(r"[.;:]\s", prefix)
        if asked or opened:
            summary = text[lead.end :]
            if summary.startswith(","):
                # The actors go on ("..., các Tập đoàn, Tổng công ty ..."): start at the verb.
                verb = re.search(r",\s+(?=\S)", summary)
                for candidate in re.finditer(r",\s+", summary):
                    if _IMPERATIVE.match(fold(summary[candidate.end() :])):
                        verb = candidate
                        break
                    if re.search(r"[.;]", summary[: candidate.start()]):
                        break
                if verb is not None:
                    summary = summary[verb.end() :]
    summary = re.sub(r"^\s*(?:\([^)]*\))?\s*[:,]?\s*", "", summary)
    duty = _BY_DUTY.match(fold(summary))
    if duty:
        summary = summary[duty.end() :]
    if summary.startswith(("“", '"')):
        summary = re.sub(r"^[“\"]([^”\"]*)[”\"]", r"\1", summary)
    # Drop opening clauses that are not the work: "căn cứ ..., Tỉnh ủy, ...", "phối hợp với ...".
    parts = summary.split(", ")
    dropping = False
    while len(parts) > 1:
        head = fold(parts[0]).strip()
        if _LEADING_CLAUSE.match(head) or (dropping and parts[0][:1].isupper()):
            dropping = True  # capitalised parts after "căn cứ" go on naming its sources
            parts = parts[1:]
            continue
        break
    summary = ", ".join(parts)
    summary = re.split(r";|\.\s|\.$|:\s*\(", summary, maxsplit=1)[0].strip(" ,.")
    if len(summary) > SUMMARY_LENGTH:
        cut = summary.rfind(" ", 0, SUMMARY_LENGTH - 1)
        summary = summary[: cut if cut > 40 else SUMMARY_LENGTH - 1].rstrip(" ,;:-") + "…"
    return summary[:1].upper() + summary[1:]
