"""Who a sentence gives work to: the lead (after "giao", before "chủ trì", after "đề nghị", or
in subject position), those named with it, and those who cooperate ("phối hợp với ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.agencies import HOLDER, AgencyMention, fold
from ingest.words import DOCUMENT_NOUN

# "Thứ nhất, ...": an ordinal that opens an item like a bullet.
ORDINAL = re.compile(
    r"^(?:thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi(?:\s+\w+)?)"
    # "Một là, ...", "Hai là, ...", as a speech counts its points.
    r"|(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+la)\s*[,:.]\s*",
    re.IGNORECASE,
)


# Titles before an agency's name: "Giám đốc Sở Y tế", "Giao Giám đốc: Sở ..., Sở ...". (Before a
# group or a collective the title is part of the mention: "Chủ tịch UBND các huyện".)
TITLE = (
    # "ông (bà) Hiệu trưởng", "đồng chí Bộ trưởng".
    r"(?:(?:ong\s*\(\s*ba\s*\)|ong\s*/\s*ba|ong\s*,\s*ba|quy|dong\s+chi)\s+)?"
    rf"(?:{HOLDER}(?:\s+va\s+(?:pho\s+)?\w+(?:\s+\w+)?)?\s*:?\s+)?"
)
_GIAO = re.compile(
    # "bàn giao cho X", "chuyển giao cho X" hand things over; they give X no work.
    # "giao nhiệm vụ cụ thể cho X", "giao nhiệm vụ cho X".
    rf"(?<!duoc\s)(?<!da\s)(?<!ban\s)(?<!chuyen\s)(?<!de\s)\b(?:giao|phan\s+cong)"
    rf"(?:\s+nhiem\s+vu(?:\s+cu\s+the)?)?(?:\s+cho)?\s+{TITLE}"
    # "Giao đ/c Nguyễn Văn Nam - công chức Địa chính - Xây dựng": the official by name, then post.
    r"(?:(?:d\s*/\s*c|dong\s+chi)\s+(?:[a-z]+\s+){1,4}?[a-z]+\s*[-–,]\s*)?"
    r"(?:cac\s+)?$"
)
# What follows when the time runs out, not who does the work: "quá thời hạn trên, Bộ ...".
_PAST_DEADLINE = re.compile(r"\bqua\s+thoi\s+han\s+(?:tren|nay|neu\s+tren)\s*,?\s*$")
_ASKED_TO_GIVE = re.compile(r"\s+(?:chi\s+dao\s+)?giao(?:\s+nhiem\s+vu)?(?:\s+cho)?\s+(?:cac\s+)?")
_REQUEST = re.compile(
    # ("đôn đốc, nhắc nhở các tổ chức ...": the one who acts reminds them; they are not asked.)
    # ("Kiến nghị Tổng cục Môi trường hỗ trợ ...": the writer's; not "cử tri kiến nghị UBND ...".)
    # ("Đồng chí cũng lưu ý Công an huyện nắm chắc tình hình": asked as much.)
    r"\b(?:de\s+nghi|(?<![a-z]\s)kien\s+nghi|yeu\s+cau|(?<!doc,\s)(?<!doc\s)nhac\s+nho|luu\s+y"
    # ("ban hành văn bản chỉ đạo các sở ...": what the document will say, not whom this asks.)
    r"|(?<!van\sban\s)chi\s+dao(?:\s+cho)?|chi\s+thi|doi\s+voi|ve\s+phia|giao\s+trach\s+nhiem\s+cho"
    # "thời gian quy định cho các cơ quan, đơn vị xây dựng kế hoạch ... như sau:".
    rf"|thoi\s+(?:gian|han)\s+quy\s+dinh\s+cho)"
    # "đề nghị, thời gian tới Ban Thường vụ Huyện ủy ...": when, between the asking and whom.
    r"(?:\s*,?\s*(?:trong\s+)?thoi\s+gian\s+(?:sap\s+)?toi\s*,?)?"
    rf"\s+{TITLE}(?:tat\s+ca\s+)?(?:cac\s+)?$"  # "yêu cầu tất cả các trường công lập ..."
)
_DUE_FROM = re.compile(
    r"^\W*(?:thoi\s+(?:gian|han)|han)\s+(?:cuoi(?:\s+cung)?\s+|chot\s+)?(?:nop|gui|nhan)\b"
    # (Not whose office or guidance: "Hạn nộp hồ sơ tại Bộ phận một cửa của UBND huyện ...".)
    r"(?:(?!\b(?:tai|ve|vao|theo|den|toi|cho|len|huong\s+dan|cua)\b)[^.;:]){0,80}?\bcua\s+$"
)
_SENT_TO = re.compile(rf"\bgui\s+{TITLE}(?:cac\s+)?$")
# The writer asking, not the one who acts: "Sở GD&ĐT đề nghị Chủ tịch UBND các quận ...".
_ASKS = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:nay\s+)?(?:(?:cung|con|da|vua|tiep\s+tuc|dong\s+thoi)\s+)?"
    # "UBND tỉnh Quảng Trị ban hành Công điện số 05/CĐ-UBND yêu cầu ...": asks by a document.
    rf"(?:(?:ban\s+hanh|co|gui)\s+{DOCUMENT_NOUN}"
    r"[^,;.]{0,60}?\s)?"
    r"(?:(?:tran\s+trong|kinh|xin)\s+)?(?:de\s+nghi|yeu\s+cau|nhac\s+nho|luu\s+y)\b"
)
# "yêu cầu các Bộ trưởng, ..., Chủ tịch UBND các tỉnh (sau đây gọi tắt là các bộ, cơ quan trung
# ương và địa phương)": the name the text gives those it asks.
_CALLED = re.compile(r"\(\s*(?:sau\s+day\s+)?goi\s+(?:tat\s+|chung\s+)?la\s*$")
_ASKED_BEFORE = re.compile(r"\b(?:yeu\s+cau|de\s+nghi|giao|chi\s+dao)\b")
_CHU_TRI = re.compile(
    r"^\s*(?:\([^)]{0,80}\)\s*)?(?:,\s*)?(?:la\s+(?:co\s+quan\s+)?)?(?:chu\s+tri|thuong\s+truc)\b"
)
_NOT_ACTOR = re.compile(
    # "của Sở X" (whose), but "Ban Tiếp công dân của tỉnh tổ chức ..." acts; so do "Các trường
    # được chọn đặt Điểm thi nhận hồ sơ ...", "Sở Y tế được (UBND tỉnh) phân công chủ trì ...".
    r"^\s*(?:\([^)]{0,20}\)\s*)?"
    # ("Lực lượng chức năng trên địa bàn tỉnh đã phát hiện ...": where, then what was done.)
    r"(?:tren\s+dia\s+ban\s+(?:toan\s+)?(?:tinh|huyen|thanh\s+pho|thi\s+xa|xa|phuong)\s+(?=da\b))?"
    r"(?:cua(?!\s+(?:tinh|thanh\s+pho|huyen|xa|phuong)\b)|da(?!\s+duoc\s+giao)"
    # Shortcomings told: "Sở Xây dựng còn chậm thẩm định ...", "... gặp khó khăn trong ...".
    r"|con\s+(?:cham|han\s+che|thieu|ton\s+tai)|gap\s+(?:kho\s+khan|vuong\s+mac)"
    r"|dang|duoc(?!\s+(?:[^\s,.;:]+\s+){0,6}?(?:giao|phan\s+cong)\b|\s+(?:chon|cu))|cung\s+da|vua|tai|ve|o|van\s+chua|chua|moi"
    r"|co\s+(?:to\s+trinh|don)"
    # Who speaks in a news item or a meeting: "Giám đốc Sở Nội vụ cho biết ...".
    r"|cho\s+biet|cho\s+rang|neu\s+(?:nhieu|mot\s+so|len)|nhan\s+manh|hop\s+ban|ghi\s+nhan|danh\s+gia\s+cao|bieu\s+duong|khang\s+dinh|phat\s+bieu|chia\s+se|bay\s+to|neu\s+ro|kien\s+nghi"
    # ... and after the comma that closes the speaker's title: "Ông X, Giám đốc Sở Y tế, cho biết".
    r"|,\s*cho\s+(?:biet|hay)"
    r"|thong\s+tin\s+(?:them|rang)"
    # The writer itself: "Sở Y tế nhận được Công văn ...", "Sở Y tế xin gửi kèm ...", "Sở Y tế
    # sao gửi Công văn ... đến các đơn vị", "Sở Y tế thông báo đến các đơn vị được biết".
    # (Not "Trưởng các thôn thông báo đến từng hộ dân ...": their work.)
    r"|nhan\s+duoc|xin|tran\s+trong|gui\s+kem|sao\s+gui"
    r"|thong\s+bao\s+(?:den|toi|de)(?!\s+(?:tung|toan\s+the|nguoi\s+dan|nhan\s+dan|cac\s+ho|ho\s+dan))"
    # Its closing: "Bộ Tài chính rất mong nhận được sự phối hợp ...", "... các đơn vị không có ý
    # kiến, Sở Tài nguyên và Môi trường xem như thống nhất với dự thảo".
    r"|(?:rat\s+)?mong\s+(?:nhan\s+duoc|duoc|quy)|xem\s+nhu"
    # "Văn phòng UBND tỉnh truyền đạt ý kiến của đồng chí Phó Chủ tịch ...": the messenger.
    r"|truyen\s+dat)\b"
    r"|^\s*thong\s+tin\s*[,:]"
)
# "Sở Kế hoạch và Đầu tư có nhiệm vụ tổng hợp ...": the one who acts, whatever comes before.
_DUTY = re.compile(
    r"^\s*(?:co\s+(?:nhiem\s+vu|trach\s+nhiem)|la\s+(?:co\s+quan\s+)?(?:dau\s+moi|thuong\s+truc))\b"
)
_WITH_OTHERS = re.compile(r"\s*(?:,\s*)?phoi\s+hop\b")
COOPERATE = re.compile(r"\bphoi\s+hop(?:\s+chat\s+che)?(?:\s+voi)?\b")
_LIST_OPENS = re.compile(
    r"(?:^\W*|[:;]\s*|\bgiao\s+(?:cho\s+)?)(?:cac\s+(?:bo|so|ban|cuc|phong)\s*:?\s*)?$"
)
_CO_LEAD_GAP = re.compile(rf"^\s*(?:,|;|/|&|va|cung)?\s*{TITLE}$")


@dataclass
class Roles:
    lead: AgencyMention | None = None
    co_leads: list[AgencyMention] = field(default_factory=list)
    cooperating: list[AgencyMention] = field(default_factory=list)
    explicit: bool = False  # found by "giao", "đề nghị", "chủ trì": a clear assignment
    # "Chỉ đạo Sở Y tế chủ trì ...": the one the item's lead directs to lead, itself the lead
    # when no one above is there to direct it.
    directed: AgencyMention | None = None


def _clause_start(folded: str, position: int) -> int:
    cut = max(folded.rfind(mark, 0, position) for mark in ".;:!?\n")
    return cut + 1


def find_roles(text: str, mentions: list[AgencyMention], *, subject_ok: bool = True) -> Roles:
    """Who leads (after "giao", before "chủ trì", after "đề nghị", in subject position)."""
    folded = fold(text)
    roles = Roles()
    cooperating_spans = _cooperating(folded, mentions)
    candidates: list[tuple[int, int, AgencyMention]] = []
    for mention in mentions:
        if any(mention is other for other in cooperating_spans):
            continue
        before = folded[max(0, mention.start - 60) : mention.start]
        after = folded[mention.end : mention.end + 90]
        if _PAST_DEADLINE.search(before):
            continue  # "...; quá thời hạn trên, Bộ Kế hoạch và Đầu tư tổng hợp ...": what follows
        if _GIAO.search(before) and _cited_duty(folded[: mention.start]):
            continue  # "Nghị định số 06/2022/NĐ-CP ... giao Bộ Tài chính chủ trì ...": background
        if _GIAO.search(before) or (
            # (Not the writer's own short name: "Ngân hàng Nhà nước ... (sau đây gọi tắt là NHNN
            # tỉnh) yêu cầu ...".)
            _CALLED.search(before) and _ASKED_BEFORE.search(folded, 0, mention.start)
        ):
            candidates.append((0, mention.start, mention))
        elif before.rstrip().endswith("(") and _WITH_OTHERS.match(after):
            # "... (Phòng Tài nguyên và Môi trường phối hợp Chi nhánh Văn phòng Đăng ký đất đai;
            # thường xuyên)": who does the item, named in its closing brackets.
            candidates.append((1, mention.start, mention))
        elif _CHU_TRI.match(after):
            # "c) Chỉ đạo Sở Y tế chủ trì, ...": the one above directs, and leads the item.
            request = _REQUEST.search(before)
            at = mention.start - len(before) + request.start() if request else -1
            if request and _directs_or_concerns(folded, mention, at):
                roles.directed = roles.directed or mention
            else:
                candidates.append((1, mention.start, mention))
        elif _DUE_FROM.search(folded, 0, mention.start):
            # "Hạn nộp hồ sơ ... của các trường vào ngày 29/02/2012": theirs to send by then.
            candidates.append((2, mention.start, mention))
        elif _SENT_TO.search(before) and _ASKS.match(after):
            # "UBND tỉnh vừa có công văn gửi Sở KH-ĐT đề nghị khẩn trương ...": asked of them.
            candidates.append((2, mention.start, mention))
        elif (
            (request := _REQUEST.search(before))
            and not _side_told(folded, mention, request)
            and not _petitioned(folded, mention.start - len(before) + request.start())
            and not _for_another_to_direct(folded, mention.start - len(before) + request.start())
        ):
            at = mention.start - len(before) + request.start()
            if not _directs_or_concerns(folded, mention, at) and not _regarding(folded, at):
                candidates.append((2, mention.start, mention))
            elif folded.startswith("chi dao", at) and folded.startswith(":", mention.end):
                # "- Chỉ đạo Sở Tài nguyên và Môi trường: Thường xuyên kiểm tra ...": the one
                # directed does the work named after the colon.
                roles.directed = roles.directed or mention
        elif (
            subject_ok
            and _in_subject_position(folded, mention, mentions, text)
            and not _ASKS.match(after)
            and not _reported(folded, mention, mentions, text)
            and not _WILL.match(text, mention.end)
            and not _province_directs(folded, mention)
        ):
            candidates.append((3, mention.start, mention))
    # "Bộ Y tế đề nghị Chủ tịch UBND các tỉnh giao cho các cơ quan chức năng công bố ...": those
    # asked to give the work out lead it.
    asked = [c for c in candidates if c[0] == 2]
    candidates = [
        c
        for c in candidates
        if not (c[0] == 0 and any(_ASKED_TO_GIVE.fullmatch(folded, r[2].end, c[1]) for r in asked))
    ]
    if candidates:
        opener = next((c for c in candidates if c[0] == 3 and c[1] == mentions[0].start), None)
        if opener is not None:
            # "Bộ Tài chính làm việc với Bộ Tư pháp về phân công theo hướng: Bộ Tư pháp chủ trì
            # ...": what follows the colon is the content, and the opening agency acts.
            colon = folded.find(":", opener[2].end)
            if colon >= 0:
                candidates = [c for c in candidates if c[1] < colon]
        # "giao" and "chủ trì" are the clearest; otherwise the first actor in the text.
        strong = [c for c in candidates if c[0] <= 1]
        rank, _position, lead = min(
            strong or candidates, key=lambda c: (c[0], c[1]) if strong else c[1]
        )
        if rank == 1:
            # "Giao các Bộ: Tài chính, Tư pháp chủ trì ...": the list before "chủ trì" leads
            # (not "báo cáo của các cơ quan, đơn vị, Sở Kế hoạch và Đầu tư chủ trì ...").
            first = lead
            for mention in reversed([m for m in mentions if m.end <= lead.start]):
                if any(mention is other for other in cooperating_spans) or not (
                    _CO_LEAD_GAP.match(folded[mention.end : first.start])
                ):
                    break
                first = mention
            if _LIST_OPENS.search(folded, 0, first.start):
                lead = first
        roles.lead = lead
        roles.explicit = rank <= 2
        roles.co_leads = co_leads(folded, lead, mentions)
    elif (named := _named_in_closing_bracket(folded, mentions)) is not None:
        roles.lead = named  # "Tổ chức tập huấn cho cán bộ (Sở Tư pháp; quý II/2024)."
    elif (named := _named_in_closing_fields(folded, mentions)) is not None:
        roles.lead = named  # "Xây dựng phần mềm ... - Sở Y tế - Quý III/2025."
    taken = {id(roles.lead), *(id(m) for m in roles.co_leads)}
    roles.cooperating = [m for m in cooperating_spans if id(m) not in taken]
    return roles


# When, in a plan's closing bracket: "quý II/2024", "tháng 9", "thường xuyên", "hằng năm".
_WHEN_IN_BRACKET = re.compile(
    r"""\d|(?<![a-z])(?:quy\s+[ivx]+|thuong\s+xuyen|dinh\s+ky|hang\s+(?:nam|quy|thang|tuan)
      |(?:nam|quy|thang|tuan)\s+(?:nay|toi|sau))(?![a-z])""",
    re.VERBOSE,
)


# "Đại diện UBND huyện Diễn Châu đề nghị UBND tỉnh sớm phê duyệt ...": what the meeting heard
# (not "Đại hội đại biểu Đảng", "đại biểu Quốc hội").
_PETITIONER = re.compile(
    r"(?<![a-z])(?<!dai\shoi\s)(?:dai\s+dien|(?:cac\s+)?dai\s+bieu)(?![a-z])"
    r"(?!\s+(?:quoc\s+hoi|hdnd|hoi\s+dong|dang|nhan\s+dan))"
)


def _petitioned(folded: str, request_at: int) -> bool:
    """Whether the one who asks, in the clause before the request, is a meeting's participant."""
    start = max(_clause_start(folded, request_at), request_at - 100)
    return _PETITIONER.search(folded, start, request_at) is not None


def _side_told(folded: str, mention: AgencyMention, request: re.Match[str]) -> bool:
    """ "Về phía Sở Y tế, đã tổ chức kiểm tra ...": whose side a report tells of, not who is asked;
    only "Về phía Sở Xây dựng: rà soát ..." gives the agency its work. So does "Đối với Sở Y tế,
    đã kiểm tra 25 cơ sở" (done), where "Đối với Sở Y tế, khẩn trương rà soát ..." asks."""
    after = folded[mention.end :]
    if request.group().startswith("doi voi"):
        return re.match(r"\s*,\s*(?:da|vua)\s", after) is not None
    return request.group().startswith("ve") and not re.match(r"\s*:", after)


def _named_in_closing_bracket(folded: str, mentions: list[AgencyMention]) -> AgencyMention | None:
    """The agency a plan's item names first in the bracket that ends it, before its time or its
    helpers ("(Sở Tư pháp; quý II/2024)"; a bracket that only names, "(Sở Y tế)", may say whose)."""
    close = folded.rfind(")")
    if close < 0 or folded[close + 1 :].strip(" .;,"):
        return None
    opening = folded.rfind("(", 0, close)
    for mention in mentions:
        if opening < mention.start < close and not folded[opening + 1 : mention.start].strip():
            rest = folded[mention.end : close]
            # The bracket says when as well: "(Sở Tư pháp; quý II/2024)", or that it does the work
            # ("(Phòng Nội vụ thực hiện; ...)"), or follows the item's time ("...; xong trước ngày
            # 15/01/2025 (Phòng Nội vụ)."). One that only lists ("tại một số đơn vị (UBND huyện A,
            # UBND thị xã B)") may name those the work is on.
            if (
                (re.match(r"\s*[;,]\s*\w", rest) and _WHEN_IN_BRACKET.search(rest))
                or _DOES_IN_BRACKET.match(rest)
                or (not rest.strip() and _TIME_BEFORE_BRACKET.search(folded, 0, opening))
            ):
                return mention
    return None


def _named_in_closing_fields(folded: str, mentions: list[AgencyMention]) -> AgencyMention | None:
    """The agency that fills the field before the time that ends a plan's item written as dashed
    fields: "Xây dựng phần mềm ... - Trung tâm Kiểm soát bệnh tật tỉnh - Quý III/2025."."""
    for mention in mentions:
        before = re.search(r"\S\s+-\s+$", folded[: mention.start])
        after = re.fullmatch(r"\s+-\s+([^-]+?)[\s.;]*", folded[mention.end :])
        if before and after and _WHEN_IN_BRACKET.search(after.group(1)):
            return mention
    return None


_DOES_IN_BRACKET = re.compile(
    r"\s*(?:thuc\s+hien|chu\s+tri|phoi\s+hop\s+(?:voi|cung)\b[^;()]*?\bthuc\s+hien)(?![a-z])"
)
_TIME_BEFORE_BRACKET = re.compile(
    r"(?<![a-z])(?:truoc|xong|hoan\s+thanh|thoi\s+gian|thoi\s+han)\b[^;,()]*?"
    r"(?:\d|quy\s+[ivx]+|tet)[^;,()]*?\s*$"
)


def _province_directs(folded: str, mention: AgencyMention) -> bool:
    """ "UBND tỉnh Phú Yên chỉ đạo các ban ngành, địa phương thực hiện ...": the province (or the
    city) directs, those it names do the work; "UBND các huyện chỉ đạo UBND các xã ..." is still
    the districts' work."""
    return bool(_PROVINCE.match(fold(mention.written)) and _DIRECTS.match(folded, mention.end))


_PROVINCE = re.compile(
    rf"(?:{HOLDER}\s+)?(?:uy\s+ban\s+nhan\s+dan|ubnd)\s+(?:tinh\b|(?:thanh\s+pho|tp\.?)\s*"
    # Cities that are provinces; "UBND thành phố Đông Hà" is a district's, which leads its wards.
    r"(?:ha\s+noi|ho\s+chi\s+minh|hcm|hai\s+phong|da\s+nang|can\s+tho|hue)\b)"
)
_DIRECTS = re.compile(
    r"\s*(?:(?:da|vua|cung|tiep\s+tuc)\s+)?chi\s+dao\s+(?:cho\s+)?"
    r"(?!(?:viec|cong\s+tac|thuc\s+hien|quyet\s+liet|sat\s+sao|trien\s+khai|kip\s+thoi)\b)"
    r"(?:cac|so|ubnd|uy\s+ban|ban|phong|cong\s+an|bo\s+chi\s+huy|chu\s+tich|giam\s+doc|thu\s+truong)\b"
)


# What someone will do, the writer most often: "Bộ Tài chính sẽ tổng hợp, báo cáo ..." (read with
# its marks: "Sở Y tế sẻ chia kinh nghiệm" shares).
_WILL = re.compile(r"\s*(?:cũng\s+)?sẽ\b", re.IGNORECASE)
# A document cited by its number, the subject of the clause that ends in "giao X".
_CITED_GIVER = re.compile(
    r"\b(?:luat|nghi\s+dinh|quyet\s+dinh|thong\s+tu|chi\s+thi|nghi\s+quyet|ke\s+hoach)\s+so\s+"
    r"[^,;.:]*$"
)


_TITLE_SPAN = 600  # a cited document's number, date and title, as long as they come


def _cited_duty(folded_before: str) -> bool:
    """Whether "giao" ends a clause whose subject is a cited document (no comma in between)."""
    clause = folded_before[_clause_start(folded_before, len(folded_before)) :]
    clause = clause[: clause.rfind("giao")] if "giao" in clause else clause
    # The document's number runs to "giao" with no comma: only the words after the last comma
    # can name it, and no closer than a long title's length (a pasted paragraph is one clause
    # of 100 KB, not to be searched again for each name in it).
    return bool(_CITED_GIVER.search(clause, max(clause.rfind(",") + 1, len(clause) - _TITLE_SPAN)))


_ITEM_OPENING = re.compile(
    r"\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ][.)]|[ivx]{1,4}[.)])?\s*"
    # "a) Tham mưu UBND cấp huyện chỉ đạo các xã ...": the item's own agency advises the one who
    # directs.
    r"(?:tham\s+muu(?:\s+cho)?\s+[^,;.:]{2,60}?\s)?"
)


def _directs_or_concerns(folded: str, mention: AgencyMention, request_at: int) -> bool:
    """An item that opens with "Chỉ đạo Ban quản lý ... rà soát" (asked of the one above, who
    directs them) or "Đối với các địa phương chưa ban hành ..." (a condition, unlike "Đối với
    UBND cấp huyện: ..." that addresses them)."""
    # "Đồng thời chỉ đạo Sở Y tế ...", "Thứ ba, chỉ đạo ...": a connective or an ordinal before
    # it changes nothing.
    if not _ITEM_OPENING.fullmatch(_CONNECTIVES.sub(" ", ORDINAL.sub("", folded[:request_at]))):
        return False
    word = folded[request_at : mention.start]
    if word.startswith("chi dao"):
        return True
    # "Đối với các địa phương chưa ban hành ...": those of whom something is said, not those
    # addressed ("Đối với UBND cấp huyện: ...", "3. Đối với các Bộ quản lý chuyên ngành").
    said_of = re.match(r"\s*(?:chua|da|dang|khong|con|van)\b", folded[mention.end :])
    return word.startswith("doi voi") and said_of is not None


def _for_another_to_direct(folded: str, request_at: int) -> bool:
    """ "tham mưu Lãnh đạo Cục báo cáo UBND tỉnh chỉ đạo các ngành phối hợp": those directed by
    the one the item reports to or advises, not asked by this text."""
    if not folded.startswith("chi dao", request_at):
        return False
    clause = folded[_clause_start(folded, request_at) : request_at]
    return _ADVISED.search(clause) is not None


_ADVISED = re.compile(r"\b(?:bao\s+cao|tham\s+muu|de\s+xuat|trinh|kien\s+nghi)\b[^,;]{0,60}$")


def _regarding(folded: str, request_at: int) -> bool:
    """ "đề xuất các giải pháp đối với các địa phương ...": "đối với" after a noun is what
    something concerns; only opening its clause ("Đối với UBND các huyện: ...") does it address."""
    if not folded.startswith("doi voi", request_at):
        return False
    opening = folded[_clause_start(folded, request_at) : request_at]
    # "2. Riêng đối với UBND huyện ...", "Trong đó, đối với Sở ...": still addressed.
    opening = _CONNECTIVES.sub(" ", ORDINAL.sub("", opening))
    return not _ITEM_OPENING.fullmatch(opening)


_CONNECTIVES = re.compile(
    r"(?<![a-z])(?:rieng|trong\s+do|dac\s+biet|dong\s+thoi|ngoai\s+ra|ben\s+canh\s+do|mat\s+khac"
    r"|tiep\s+theo|sau\s+cung)(?![a-z])|,"
)


def _reported(
    folded: str, mention: AgencyMention, mentions: list[AgencyMention], text: str
) -> bool:
    """Agencies said to have done something: "Ủy ban Dân tộc và các bộ, ngành ... đã tổ chức"."""
    chain = co_leads(folded, mention, mentions)
    last = chain[-1] if chain else mention
    done = _NOT_ACTOR.match(folded[last.end :]) and not _posts(folded, text, last.end)
    return bool(done or _ASKS.match(folded[last.end :]))


# "Hạn cuối các trường THPT in và phát Giấy báo dự thi", "ngày 25/5/2017 là hạn cuối các trường
# ... hoàn thành": the last day for those who act.
_LAST_DAY_FOR = (
    r"(?:ngay\s+[\d/.\-]+\s+la\s+)?(?:thoi\s+)?han\s+(?:cuoi|chot)(?:\s+(?:de|cho|doi\s+voi))?\s+"
)


# "Theo yêu cầu của UBND tỉnh, tại cuộc họp này Sở Kế hoạch và Đầu tư đề xuất ...".
_AT_THE_MEETING = r"tai\s+(?:cuoc\s+hop|hoi\s+nghi|buoi\s+(?:lam\s+viec|hop))(?:\s+nay)?\s+"
# "... là thời điểm Tết, vì vậy các ngành, địa phương cần phối hợp ...": after its reason, the
# clause asks those it names, when a duty follows them ("do đó Sở Xây dựng gặp khó khăn" tells).
_THEREFORE = re.compile(
    r"(?:^|[,;]\s*)(?:vi\s+(?:vay|the)|do\s+(?:do|vay)|boi\s+vay|cho\s+nen)\s+(?:cac\s+)?$"
)
_DUTY_FOLLOWS = re.compile(
    r"\s*(?:can|phai|co\s+trach\s+nhiem|khan\s+truong|chu\s+dong|tap\s+trung|tiep\s+tuc"
    r"|tang\s+cuong)\b"
)


# Whom a news item quotes: "Theo ông ...", "Theo Đại tá ...", "Theo bác sĩ ...", "Theo TS. ...".
_QUOTED = re.compile(
    r"\s*theo\s+(?:ong|ba|anh|chi|dong\s+chi|(?:dai|thuong|trung|thieu)\s+ta"
    r"|(?:pgs\.?\s*)?(?:ts|ths|bs|gs)\.?|bac\s+si|luat\s+su|ky\s+su)\s"
)


def _posts(folded: str, text: str, end: int) -> bool:
    """ "Sở X đăng tải ...", "đăng ký", "đăng cai": work; folded, "đăng" is "đang" (under way),
    which only its marks tell apart."""
    word = re.match(r"\s*dang\b", folded[end:])
    return word is not None and text[end : end + word.end()].strip().lower() == "đăng"


def _in_subject_position(
    folded: str, mention: AgencyMention, mentions: list[AgencyMention], text: str
) -> bool:
    if _NOT_ACTOR.match(folded[mention.end :]) and not _posts(folded, text, mention.end):
        return False  # "của Sở X", "Sở X đã ...": not the one who acts
    start = _clause_start(folded, mention.start)
    if re.search(r"(?:dia\s+chi|gui\s+ve|email|fax)\s*:\s*$", folded[max(0, start - 20) : start]):
        return False  # "gửi về theo địa chỉ: Bộ Giáo dục và Đào tạo (Vụ ...)": where, not who
    before = folded[start : mention.start]
    if before.count("(") > before.count(")"):
        return False  # "(kỳ họp thứ sáu, HĐND tỉnh khóa XIV)": an aside
    before = re.sub(r"^\s*(?:[-–+•*]|\d{1,2}[.)]|[a-z][.)]|[ivx]{1,4}[.)])?\s*", "", before)
    before = ORDINAL.sub("", before)
    # A news item quoting the order: '"Sở Y tế phải huy động ...", ông Thanh yêu cầu.'
    before = re.sub(r"[\"“”«]\s*$", "", before)
    if _THEREFORE.search(before):
        return _DUTY_FOLLOWS.match(folded, mention.end) is not None
    if _QUOTED.match(before) and folded.startswith(",", mention.end):
        return False  # "Theo ông Nguyễn Văn C, Chủ tịch UBND xã Bình Hải, ...": who said it
    # "Các Bộ Quốc phòng, Công an: ...", "Định kỳ ..., các Phòng Nông nghiệp và PTNT, Phòng Kinh
    # tế báo cáo ...": the first of a list under its head word.
    head = re.search(r"cac\s+(bo|so|ban|cuc|phong)\s*:?\s*$", before)
    if head and fold(mention.written).startswith(head.group(1)):
        before = before[: head.start()] + "cac "
    # "Riêng UBND huyện Khánh Sơn khẩn trương ...": one of the addressees singled out.
    if re.fullmatch(rf"\s*(?:rieng\s+|tat\s+ca\s+|{_LAST_DAY_FOR})?{TITLE}(?:cac\s+)?", before):
        return True
    # After an opening phrase and a comma: "Thực hiện tốt ..., Bộ Chỉ huy Quân sự tỉnh tập trung".
    comma = before.rfind(",")
    if comma < 0 or not re.fullmatch(
        rf"\s*(?:{_AT_THE_MEETING}|{_LAST_DAY_FOR})?{TITLE}(?:cac\s+)?", before[comma + 1 :]
    ):
        return False
    opening = before[:comma]
    if re.match(r"[\s.;)]*$", folded[mention.end : mention.end + 3]):
        # "... thông báo kịp thời cho các chủ rừng, UBND các xã.": the last of those told, with
        # nothing to do after it.
        return False
    if re.search(r"(?<![a-z])(?<!thu\s)(?<!bao\s)gom\s+(?!ca\b)", opening):
        # "cho 4 đơn vị gồm Bộ tư lệnh quân đoàn 1, Bộ chỉ huy ...": those listed (not "thu
        # gom" rác, nor "bao gồm cả ...")
        return False
    previous = [m for m in mentions if start <= m.end <= start + comma + 1]
    duty = _DUTY.match(folded[mention.end :])
    set_off = re.match(rf"\s*{_AT_THE_MEETING}", before[comma + 1 :]) is not None
    if (
        previous
        and not duty
        and not set_off
        and not folded[previous[-1].end : start + comma].strip(" )")
    ):
        return False  # one item of an enumeration: "các Bộ: Tài chính, Tư pháp"
    items = opening.split(",")
    after_colon = start > 0 and folded[start - 1] == ":"
    if after_colon and len(items) >= 2 and all(len(item.split()) <= 4 for item in items):
        return False  # "các trường: Mầm non, tiểu học, ..., Trung tâm GDNN-GDTX"
    if re.search(
        # "trình" the verb, not "công trình", "quá trình", "chương trình", "lộ trình" ...
        r"\b(?:bao\s+cao|(?<!quy\s)(?<!chuong\s)(?<!to\s)(?<!lo\s)(?<!cong\s)(?<!qua\s)"
        r"(?<!tien\s)(?<!giao\s)(?<!hanh\s)trinh|gui)\b[^,]*$",
        opening,
    ):
        return False  # "báo cáo Thường trực Tỉnh ủy, HĐND, UBND tỉnh": those it reports to
    if (
        re.match(HOLDER, folded[mention.start :])
        and re.search(r"\bcua\s+[^,;:]{0,60}$", opening)
        and not re.match(r"\s*theo\b", opening)  # "Theo yêu cầu của lãnh đạo UBND tỉnh, ..."
    ):
        return False  # "chỉ đạo của Phó Thủ tướng, Trưởng Ban Chỉ đạo ...": their other title
    return not re.search(r"\b(?:cua|voi|cho|ve|giua|tai|den|tu|va)\s*$", opening)


def co_leads(
    folded: str, lead: AgencyMention, mentions: list[AgencyMention]
) -> list[AgencyMention]:
    result: list[AgencyMention] = []
    last = lead
    for mention in mentions:
        if mention.start < last.end:
            continue
        if not _CO_LEAD_GAP.match(folded[last.end : mention.start]):
            break
        result.append(mention)
        last = mention
    return result


def _cooperating(folded: str, mentions: list[AgencyMention]) -> list[AgencyMention]:
    result: list[AgencyMention] = []
    for match in COOPERATE.finditer(folded):
        position = match.end()
        for mention in mentions:
            if mention.start < position:
                continue
            gap = folded[position : mention.start]
            # "phối hợp với các Bộ: Nông nghiệp ..., Xây dựng": the colon opens the list.
            listed = re.fullmatch(r"\s*cac\s+(?:bo|so|nganh|co\s+quan|don\s+vi)\s*:\s*", gap)
            if not listed and (re.search(r"[.;:]", gap) or len(gap.split()) > 4):
                break
            if all(mention is not other for other in result):
                result.append(mention)
            position = mention.end
    return result
