"""Read a directive's number, kind, title, issue date, issuing body and signer from its text."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ingest.agencies import fold
from ingest.text import MARKER, Document, is_caps
from ingest.words import DOCUMENT_NOUN
from vncalendar.dates import FIRST_YEAR, LAST_YEAR

__all__ = [
    "DirectiveMeta",
    "addressee_lines",
    "attachment_range",
    "body_range",
    "dispatched_inline",
    "header_pieces",
    "opens_addressees",
    "read_metadata",
    "written_date",
]


@dataclass(frozen=True)
class DirectiveMeta:
    """What the header and signature of a directive say; None where the text does not say."""

    number: str | None
    kind: str | None
    title: str | None
    issued_on: _dt.date | None
    issuer: str | None
    signer: str | None


# The kinds of document, by their heading word (folded) and by the code in their number.
KINDS = (
    ("thong bao ket luan", "Thông báo kết luận"),
    ("thong bao", "Thông báo"),
    ("chi thi", "Chỉ thị"),
    ("cong van", "Công văn"),
    ("cong dien", "Công điện"),
    ("ke hoach", "Kế hoạch"),
    ("quyet dinh", "Quyết định"),
    ("nghi quyet", "Nghị quyết"),
    ("ket luan", "Kết luận"),
    ("chuong trinh", "Chương trình"),
    ("bao cao", "Báo cáo"),
    ("to trinh", "Tờ trình"),
    ("huong dan", "Hướng dẫn"),
    ("giay moi", "Giấy mời"),
    ("thong tu", "Thông tư"),
)
_CODES = {
    "tb": "Thông báo",
    "ct": "Chỉ thị",
    "kh": "Kế hoạch",
    "qd": "Quyết định",
    "cd": "Công điện",
    "nq": "Nghị quyết",
    "kl": "Kết luận",
    "ctr": "Chương trình",
    "bc": "Báo cáo",
    "ttr": "Tờ trình",
    "hd": "Hướng dẫn",
    "gm": "Giấy mời",
    "tt": "Thông tư",
    "cv": "Công văn",
}

_NUMBER = re.compile(
    # "Số:", "Số hiệu:", or "S :" where a scan lost the "ố".
    r"^\s*(?:(?i:s[oố])\s*(?i:hiệu)?\s*:?|S\s*:)\s*"
    r"(?P<number>\d+[\w.]*(?:\s*/\s*\d{4})?\s*[/-]\s*[\w&.\-–/]+"
    # A code written with spaces round its dash: "4144 /GDĐT – VP", "24 / PGD&ĐT- GDMN".
    r"(?:(?:\s+[-–]\s*|(?<=[-–])\s+)[A-ZĐ][A-ZĐ&]*(?![\w]))*)",
)
_PLACE_DATE = re.compile(
    # Not a web page's "Thứ hai, ngày 01/06/2020": a weekday is no place.
    r"^(?!thu\s+(?:hai|ba|tu|nam|sau|bay)\b|chu\s+nhat\b)"
    r"(?P<place>[^\d,;:|]{2,40}),\s*ngay\s+(?P<d>\d{1,2})\s*(?:thang\s+|[/.-]\s*)(?P<m>\d{1,2})"
    r"\s*(?:,?\s*nam\s+|[/.-]\s*)(?P<y>\d{4})\s*\.?$"
)
# The place and date at the end of the number's line, when a page ran the two columns together:
# "Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011".
_PLACE_DATE_AFTER_NUMBER = re.compile(
    r"\s(?P<place>[^\d,;:|/]{2,40}),\s*ngay\s+(?P<d>\d{1,2})\s*(?:thang\s+|[/.-]\s*)(?P<m>\d{1,2})"
    r"\s*(?:,?\s*nam\s+|[/.-]\s*)(?P<y>\d{4})\s*\.?$"
)
# The national motto, also wrapped after its first word ("CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA ...").
_MOTTO = re.compile(
    r"cong\s+hoa\s+xa\b|(?:^|\s)hoa\s+xa\s+hoi\s+chu\s+nghia|doc\s+lap\s*-?\s*tu\s+do|^-+$|^cong$"
)
_SIGN_TITLE = re.compile(
    # "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC" (a reporter's byline "Q.TUẤN" is no title).
    r"(?:^|\s)(?:KT|TM|TL|TUQ|Q)\s*\.\s*(?=CHỦ|GIÁM|CHÁNH|BỘ|TRƯỞNG|TỔNG|CỤC|VIỆN|HIỆU|THỦ|PHÓ"
    r"|ỦY|UỶ|UBND|BAN|SỞ|TỔ|BÍ|VĂN|HỘI|ĐẠI|THƯỜNG)"
    r"|CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|BỘ TRƯỞNG|CHỦ NHIỆM"
    r"|TRƯỞNG BAN|THỦ TRƯỞNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|BÍ THƯ|VIỆN TRƯỞNG|CHÁNH ÁN|TỔ TRƯỞNG"
)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]*"
_PERSON = re.compile(rf"(?<!\S)(?:{_NAME_WORD}\s+){{1,5}}{_NAME_WORD}$")
# Matched on folded text: a scan's text layer may lose the marks ("Noi nhận").
# "Nơi nhận:", also as the first cell of a table row laid out with the signature: "| *Nơi nhận:*".
_RECIPIENTS = re.compile(r"^[\s|*_]*noi\s+(?:nhan|gui)\b")


def header_pieces(paragraph: str) -> list[str]:
    """The parts of a header line: a two-column header read from a table row splits on " | "."""
    # Markdown marks round a piece ("*Hà Nội, ngày 14 tháng 10 năm 2024 *") are not its text.
    pieces = (piece.strip(" *_") for piece in paragraph.split("|"))
    return [piece for piece in pieces if piece]


def _is_caps(text: str) -> bool:
    return is_caps(text, letters_at_least=2)


def _kind_heading(piece: str) -> tuple[str, str, str] | None:
    """(kind, folded key, rest of the line) when a header piece is a kind heading: the kind in
    capitals, then its title in capitals or not ("CÔNG ĐIỆN Chủ động ứng phó bão số 5")."""
    folded = fold(piece).strip()
    for key, kind in KINDS:
        if (folded == key or folded.startswith(key + " ")) and _is_caps(piece[: len(key)]):
            return kind, key, piece[len(key) :].strip(" :-")
    return None


@dataclass(frozen=True)
class _Header:
    kind_index: int | None
    kind: str | None
    title: str | None
    end: int  # the first paragraph of the body


def _read_header(doc: Document) -> _Header:
    limit = min(len(doc.paragraphs), 25)
    for index in range(limit):
        for piece in header_pieces(doc.paragraphs[index]):
            heading = _kind_heading(piece)
            if heading is None:
                continue
            kind, _key, rest = heading
            title_parts = [rest] if rest else []
            end = index + 1
            # Title lines follow the heading: in capitals (wrapped), or one plain line.
            while end < len(doc.paragraphs):
                text = doc.paragraphs[end]
                if title_parts and _enacting_authority(doc, end):
                    end += 1
                    break
                if (
                    _is_caps(text)
                    and not _MOTTO.search(fold(text))
                    and len(title_parts) < 6
                    and (not title_parts or _is_caps(title_parts[-1]))
                ):
                    title_parts.append(text)
                    end += 1
                    continue
                if (
                    (not title_parts or _title_goes_on(rest, text))
                    and len(text) < 300
                    and not re.match(r"(?i)(căn cứ|thực hiện|kính gửi|ngày\s+\d|xét)", text)
                    and not MARKER.match(text)  # "1. Các bộ ...": the first item, no title
                    and not text.endswith(":")
                    and text.count(" | ") < 2  # a table's header row is not a title
                ):
                    title_parts.append(text)
                    end += 1
                break
            if end < len(doc.paragraphs) and _enacting_authority(doc, end):
                end += 1  # after a title in plain words: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
            # "... (cập nhật) (Kèm theo Quyết định số 1422/QĐ-TTg": what it is attached to is
            # no part of its title.
            title = re.split(
                r"\s*\((?=(?:Ban hành |Phê duyệt )?[Kk]èm theo)", " ".join(title_parts)
            )[0]
            # "CÔNG ĐIỆN KHẨN: Thực hiện ...": how urgent it is, then its title.
            title = re.sub(r"^(?:KHẨN|HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN)\s*:\s*", "", title)
            return _Header(index, kind, title or None, _after_addressees(doc, end))
    return _Header(None, None, None, _after_addressees(doc, _header_block_end(doc)))


# Who enacts a decision, on a line of its own between its title and "Căn cứ ...":
# "ỦY BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "GIÁM ĐỐC SỞ CÔNG THƯƠNG".
_AUTHORITY = re.compile(
    r"^(?:uy\s+ban|ubnd|hoi\s+dong|ban\s+chi\s+dao|ban\s+thuong\s+vu|thuong\s+truc"
    r"|(?:pho\s+)?(?:bo\s+truong|chu\s+tich|giam\s+doc|thu\s+tuong|truong\s+ban|chanh\s+van\s+phong"
    r"|tong\s+cuc\s+truong|cuc\s+truong|vien\s+truong|hieu\s+truong))\b"
)


def _enacting_authority(doc: Document, index: int) -> bool:
    """Whether the paragraph at ``index`` names who enacts the document: no part of its title."""
    text = doc.paragraphs[index]
    following = doc.paragraphs[index + 1] if index + 1 < len(doc.paragraphs) else ""
    return (
        _is_caps(text)
        and bool(_AUTHORITY.match(fold(text)))
        # ("QUYẾT ĐỊNH:" where the grounds are left out.)
        and bool(re.match(r"(?i)(căn cứ|xét|theo đề nghị|quyết (?:định|nghị)\s*:)", following))
    )


def _title_goes_on(rest: str, line: str) -> bool:
    """ "KẾ HOẠCH QUỐC GIA", then "Thích ứng với biến đổi khí hậu ...": a short heading whose
    title goes on in plain words (not "CÔNG ĐIỆN KHẨN", then the first sentence of its body)."""
    return (
        len(rest.split()) <= 3
        and fold(rest).strip() not in _URGENCY
        and not re.search(r"[.:;]\s*$", line)
    )


_URGENCY = ("khan", "hoa toc", "thuong khan", "khan cap", "mat", "toi mat")


def _header_block_end(doc: Document) -> int:
    """Without a kind heading (a letter), the header ends before the first body paragraph."""
    end = 0
    for index, paragraph in enumerate(doc.paragraphs[:15]):
        pieces = header_pieces(paragraph)
        folded = fold(paragraph)
        if (
            all(_is_caps(piece) for piece in pieces)
            or _MOTTO.search(folded)
            or any(_NUMBER.match(piece) for piece in pieces)
            or any(_PLACE_DATE.match(fold(piece).strip()) for piece in pieces)
            or re.match(r"v/v\b", folded)
        ):
            end = index + 1
        else:
            break
    return end


# A line under an empty "Kính gửi:" that names addressees, not the first sentence of the body.
_ADDRESSEE_LINE = re.compile(
    r"^\s*(?:(?:pho\s+)?(?:chu\s+tich|giam\s+doc|thu\s+truong|hieu\s+truong|truong\s+phong"
    r"|truong\s+ban|nguoi\s+dung\s+dau|lanh\s+dao|bo\s+truong|ban\s+giam\s+hieu)\b"
    r"|(?:cac|ubnd|uy\s+ban|so|phong|truong|ban|bo|cuc|chi\s+cuc|trung\s+tam|van\s+phong"
    r"|cong\s+an|quy|ong|ba|dong\s+chi|thuong\s+truc)\s)"
)
_NOT_ADDRESSEE = re.compile(
    r"\b(?:nhan\s+duoc|de\s+nghi|yeu\s+cau|thong\s+bao|co\s+y\s+kien|ban\s+hanh|bao\s+cao"
    r"|thuc\s+hien|trien\s+khai|can\s+cu|giao(?!\s+thong)|nhu\s+sau)\b|[.;:!?]\s+\S|:\s*$"
)


_LISTED = re.compile(r"(?<![a-z])(cac\s+(?:bo|so|tinh))\s*:(?=\s*[a-z])")


# "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", "THỦ TƯỚNG CHÍNH PHỦ điện:": a dispatch's "Kính gửi".
_DISPATCHED_TO = re.compile(r"\bdien\s*:\s*$")


def opens_addressees(text: str) -> bool:
    """Whether a paragraph opens the list of those a document is sent to (a copy may lose the
    colon of "THỦ TƯỚNG CHÍNH PHỦ ĐIỆN", which its capitals still set apart)."""
    folded = fold(text).lstrip("| ")
    return (
        folded.startswith("kinh gui")
        or bool(_DISPATCHED_TO.search(folded))
        or (text.rstrip().endswith("ĐIỆN") and is_caps(text) and not folded.startswith("cong"))
        or dispatched_inline(text) is not None
    )


_INLINE_DISPATCH = re.compile(r"\s(?:điện|ĐIỆN)\s*:\s*(?=\S)")


def dispatched_inline(text: str) -> str | None:
    """Whom a dispatch is sent to when they follow its sender on the same line: "CHỦ TỊCH ỦY
    BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI điện: Giám đốc các Sở: Y tế, Tài chính; ..."."""
    dispatch = _INLINE_DISPATCH.search(text)
    if dispatch is None or not is_caps(text[: dispatch.start()]):
        return None
    return text[dispatch.end() :]


def _addressee_line(folded: str) -> bool:
    # "Bộ trưởng các Bộ: Công an, Y tế": the colon of a list, not of a sentence.
    return bool(_ADDRESSEE_LINE.match(folded)) and not _NOT_ADDRESSEE.search(
        _LISTED.sub(r"\1", folded)
    )


def addressee_lines(doc: Document, index: int) -> tuple[list[str], int]:
    """The addressee lines after the "Kính gửi" paragraph at ``index``, and where the body starts.

    Lines that start with a dash always belong to the list; right under an empty "Kính gửi:"
    short lines that name agencies or office-holders ("Hiệu trưởng các trường ...") do too.
    """
    lines: list[str] = []
    position = index + 1
    heading = re.sub(r"^\W*kinh\s+gui\s*:?", "", fold(doc.paragraphs[index]).lstrip("| ")).strip()
    dispatch = not fold(doc.paragraphs[index]).lstrip("| ").startswith("kinh gui")
    if dispatch and position < len(doc.paragraphs) and opens_addressees(doc.paragraphs[position]):
        return addressee_lines(doc, position)  # "CHỦ TỊCH UBND TỈNH điện:" then "Kính gửi:"
    # The lines under a dispatch's "... điện:" are whom it is sent to, as under "Kính gửi:".
    bare = (dispatch and dispatched_inline(doc.paragraphs[index]) is None) or not heading.strip(
        " |"
    )
    while position < len(doc.paragraphs):
        text = doc.paragraphs[position]
        folded = fold(text)
        if re.match(r"^\s*[-–+•]", text) or (
            bare
            and len(text) <= 160
            # "Bộ trưởng các Bộ: Công an, Y tế; Chủ tịch Ủy ban ...": lines run together.
            and all(_addressee_line(piece) for piece in re.split(r";\s+(?=\S)", folded))
            and not _RECIPIENTS.match(fold(text))
        ):
            lines.append(text)
        else:
            break
        position += 1
    return lines, position


def _after_addressees(doc: Document, start: int) -> int:
    index = start
    position = start
    # "Kính gửi" closes the header; on a web page it may follow a few lines of the site and of
    # the letter's header ("KHẨN", the title, its date) that were not recognised as header.
    while position < min(len(doc.paragraphs), start + 25):
        text = doc.paragraphs[position]
        if opens_addressees(text):
            _lines, index = addressee_lines(doc, position)
            break
        if position >= start + 4 and (len(text) > 200 or _marker_like(text)):
            break  # the body has begun: no "Kính gửi" above it
        position += 1
    return index


def _marker_like(text: str) -> bool:
    return bool(re.match(r"^\s*(?:[IVX]{1,5}|\d{1,2}|[a-z])[.)]\s", text))


def body_range(doc: Document) -> tuple[int, int]:
    """The paragraphs between the header (and "Kính gửi") and "Nơi nhận" or the signature."""
    start = _read_header(doc).end
    return start, _body_end(doc, start)


def _body_end(doc: Document, start: int) -> int:
    written = False  # a sentence of the body seen: a signature closes what was written above it
    for index in range(start, len(doc.paragraphs)):
        text = doc.paragraphs[index]
        following = doc.paragraphs[index + 1] if index + 1 < len(doc.paragraphs) else ""
        if _closes_body(text, signed=written) and not _GROUNDS.match(fold(following)):
            return index
        written = written or len(text.split()) >= 10
    return len(doc.paragraphs)


# What follows a decision's issuing authority ("BỘ TRƯỞNG BỘ CÔNG THƯƠNG"), not a signature.
_GROUNDS = re.compile(r"\s*(?:can\s+cu|quyet\s+dinh\s*:)")


def _closes_body(text: str, *, signed: bool = True) -> bool:
    """ "Nơi nhận", or the signature's title ("KT. CHỦ TỊCH", names aside), not a news item's
    headline that names one ("CHỦ TỊCH UBND TỈNH: KHÔNG CHẤP NHẬN ...", or above the text: "BÍ
    THƯ TỈNH ỦY LÀM VIỆC VỚI HUYỆN PHONG THỔ")."""
    if _RECIPIENTS.match(fold(text)):
        return True
    if not signed:
        return False
    titles = re.sub(r"\b[A-ZĐ][a-zđà-ỹ]+\b", "", text)
    return bool(
        _SIGN_TITLE.search(text)
        and _is_caps(titles)
        and len(titles.split()) <= _TITLE_WORDS
        and not _HEADLINE.match(text)
    )


# The longest title a signature has: "TM. ỦY BAN NHÂN DÂN TỈNH KT. CHỦ TỊCH PHÓ CHỦ TỊCH".
_TITLE_WORDS = 14
_HEADLINE = re.compile(r"[^:|]{3,}:\s*\S+(?:\s+\S+){2,}\s*$")


# "(Kèm theo Quyết định số 2200/QĐ-BNNMT ngày ...)", "(Ban hành kèm theo Quyết định ...)".
# "(Kèm theo QĐ số ...)", "(Phê duyệt kèm theo Quyết định ...)", "(Ban hành theo Quyết định ...)".
# A title in plain words may run on into it, read as one paragraph: "Bảo đảm trật tự, an toàn
# giao thông năm 2026 (Ban hành kèm theo Quyết định số 602/QĐ-UBND ...)".
_ATTACHED = re.compile(
    rf"(?:^[\s(*_]*|\(\s*)(?:(?:ban\s+hanh|phe\s+duyet)\s+(?:kem\s+)?theo|kem\s+theo)\s+"
    # "(Kèm theo Chương trình hành động số ...)"; not "Ban hành kèm theo Quyết định này ...", the
    # decision's own article.
    rf"(?:{DOCUMENT_NOUN}|qd\b|chuong\s+trinh)(?!\s+nay\b)"
)


# A plan's annex after its signature, its task table: "PHỤ LỤC", "Phụ lục I: Danh mục nhiệm vụ".
_ANNEX = re.compile(r"\s*phu\s+luc(?:\s+(?:so\s+)?(?:[ivx]+|\d+))?\s*(?:[:.–-].*)?")


def attachment_range(doc: Document, after: int) -> tuple[int, int] | None:
    """The body of what a decision issues, after its signature: "KẾ HOẠCH ... (Kèm theo Quyết
    định số ...)" and its sections, or a plan's annex, up to its own end."""
    annex = None
    for index in range(after, min(len(doc.paragraphs), after + 60)):
        folded = fold(doc.paragraphs[index])
        if _ATTACHED.search(folded):
            return index + 1, _body_end(doc, index + 1)
        if annex is None and _ANNEX.fullmatch(folded):
            annex = index + 1
        elif annex is not None and index > annex + 2:
            break  # no "(Kèm theo ...)" line under the annex's title
    return (annex, _body_end(doc, annex)) if annex is not None else None


def _number(doc: Document) -> str | None:
    for paragraph in doc.paragraphs[:20]:
        for piece in header_pieces(paragraph):
            match = _NUMBER.match(piece)
            if match:
                number = re.sub(r"\s+[-–]\s*|\s*[-–]\s+", "-", match.group("number"))
                return re.sub(r"\s*([/-])\s*", r"\1", number).rstrip(".")
    return None


def written_date(match: re.Match[str]) -> _dt.date | None:
    """The date of a match's groups y, m, d; None for a day that does not exist (31/02) or a
    year no directive has (a slip of the keyboard: "năm 3023", "năm 0001")."""
    year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _issue_date(doc: Document) -> tuple[_dt.date | None, str | None]:
    for paragraph in doc.paragraphs[:25]:
        for piece in header_pieces(paragraph):
            folded = fold(piece).strip()
            match = _PLACE_DATE.match(folded)
            # (After the number, or the subject, when a page ran the two columns together.)
            if match is None and (_NUMBER.match(piece) or _SUBJECT.match(folded)):
                match = _PLACE_DATE_AFTER_NUMBER.search(" ".join(folded.split()))
                piece = " ".join(piece.split())
            if match is None:
                continue
            day = written_date(match)
            if day is None:
                continue
            return day, piece[: match.end("place")]
    return None, None


# "Hà Nội, ngày    tháng 3 năm 2020": the date line of a document signed without its day filled in
# (after the number when a page ran the columns together; "ngàyháng" as a scan may read it).
_MONTH_ONLY = re.compile(
    r"(?:^|\s)[^\d,;:|/]{2,40},\s*ngay[\s._…-]*t?hang\s+(?P<m>\d{1,2})\s*,?\s*nam\s+"
    r"(?P<y>\d{4})\s*\.?$"
)


def issue_month(doc: Document) -> tuple[int, int] | None:
    """(year, month) of a date line that leaves the day blank, if the header has one."""
    for paragraph in doc.paragraphs[:25]:
        for piece in header_pieces(paragraph):
            match = _MONTH_ONLY.search(fold(piece).strip())
            if (
                match
                and 1 <= int(match.group("m")) <= 12
                and FIRST_YEAR <= int(match.group("y")) <= LAST_YEAR
            ):
                return int(match.group("y")), int(match.group("m"))
    return None


# What a decision issues "kèm theo" it; a letter's "(theo Công văn số ...)" only cites one.
_ATTACHED_KINDS = ("Kế hoạch", "Chương trình")
_ATTACHED_TO = re.compile(
    rf"\(\s*(?:(?:ban\s+hanh|phe\s+duyet)\s+)?kem\s+theo\s+(?:{DOCUMENT_NOUN}|qd)\s+so\s*:?\s*"
    r"(?P<number>\d+[\w/.&-]*)\s*,?\s*ngay\s+(?P<d>\d{1,2})\s*(?:thang\s+|/)(?P<m>\d{1,2})"
    r"\s*(?:,?\s*nam\s+|/)(?P<y>\d{4})"
)


def _attached_to(doc: Document) -> tuple[str, _dt.date] | None:
    """(number, date) of the decision a plan says it is attached to, in its first lines."""
    if issue_month(doc) is not None:
        return None  # it has a date line of its own, its day left blank
    opening = " ".join(doc.paragraphs[:8])
    match = _ATTACHED_TO.search(fold(opening))
    if match is None:
        return None
    day = written_date(match)
    if day is None:
        return None
    return opening[match.start("number") : match.end("number")], day


def _issuer(doc: Document, kind_index: int | None) -> str | None:
    """The letterhead's left-hand column, in capitals above the motto, number and date.

    Only a document with a header has one: the capitals at the top of a web page ("THÔNG TIN
    Ý KIẾN"), a reporter's byline or a signature title further down are no issuer.
    """
    header = doc.paragraphs[: kind_index if kind_index is not None else 8]
    if kind_index is None and not any(_is_letterhead_line(p) for p in header):
        return None
    lines: list[str] = []
    for paragraph in header:
        if opens_addressees(paragraph) or _closes_body(paragraph):
            break  # the header has ended
        pieces = header_pieces(paragraph)
        if len(pieces) == 1 and _MOTTO.match(fold(pieces[0])):
            break  # the left-hand column is read: what follows is the right-hand one
        for piece in pieces:
            # "UBND HUYỆN THỌ XUÂN CỘNG HOÀ XÃ HỘI ...": both columns run together on one line.
            motto = _MOTTO.search(fold(piece))
            left = _letterhead_capitals(piece[: motto.start()]) if motto else piece
            if _is_caps(left) and _kind_heading(left) is None and not _NUMBER.match(left):
                lines.append(left.strip(" -"))
            if motto:
                break  # the right-hand column (or the line below) is the national motto
        if any(_NUMBER_LABEL.match(fold(piece)) for piece in pieces):
            break  # the issuer is above the number ("KHẨN" below it is no part of it)
    return " ".join(lines) or None


def _letterhead_capitals(left: str) -> str:
    """The capitals that end the left-hand column before the motto: a page may put its own words
    before them ("Công văn 778/TCHQ-GSQL. BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN -------")."""
    words = left.split()
    start = len(words)
    while start > 0 and not any(char.islower() or char.isdigit() for char in words[start - 1]):
        start -= 1
    return " ".join(words[start:])


# "Số:" of a number line, also of one left blank to be filled in ("Số:    /UBND-NC").
_NUMBER_LABEL = re.compile(r"\s*so\s*(?:hieu\s*)?:")


def _is_letterhead_line(paragraph: str) -> bool:
    """The motto, the number line or the place-and-date line (its day blank or not): what only a
    document's header has."""
    for piece in header_pieces(paragraph):
        folded = fold(piece).strip()
        if (
            _MOTTO.search(folded)
            or _NUMBER.match(piece)
            or _NUMBER_LABEL.match(folded)
            or _PLACE_DATE.match(folded)
            or _MONTH_ONLY.match(folded)
        ):
            return True
    return False


# The head of government signs as "THỦ TƯỚNG" (or "KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG"): a title
# of the signature only, as "THỦ TƯỚNG CHÍNH PHỦ" in a heading is no end of the body.
_SIGNER_TITLE = re.compile(rf"{_SIGN_TITLE.pattern}|^(?:PHÓ\s+)?THỦ\s+TƯỚNG(?:\s+CHÍNH\s+PHỦ)?$")


def _signature_title(text: str) -> bool:
    """A signature's title line ("KT. CHỦ TỊCH", "PHÓ CHỦ NHIỆM", "Nơi nhận: GIÁM ĐỐC"), not a
    headline in capitals that names an office ("... 6 ĐỜI CHỦ TỊCH VẪN CHƯA XONG")."""
    match = _SIGNER_TITLE.search(text)
    if match is None or not any(char.isupper() for char in text[:3]):
        return False
    capitals_before = 0
    for word in reversed(text[: match.start()].split()):
        if any(char.islower() for char in word):
            break
        capitals_before += 1
    return capitals_before <= 8  # an agency's name before a title is shorter than a sentence


def _signer(doc: Document) -> str | None:
    tail = doc.paragraphs[-25:]
    signer = None
    seen_title = False
    for paragraph in tail:
        for piece in header_pieces(paragraph):
            text = re.sub(r"\((?:đã ký|ký|đã ký và đóng dấu)[^)]*\)", " ", piece, flags=re.I)
            text = " ".join(text.split())
            if _signature_title(text):
                seen_title = True
                # The name can sit on the same line, after the titles: "PHÓ CHỦ TỊCH Lê Văn A".
                match = _PERSON.search(text)
                if match and not _is_caps(match.group()):
                    signer = match.group()
                continue
            if seen_title and _PERSON.fullmatch(text) and not _is_caps(text):
                signer = text
    return signer


# "V/v" (về việc): a letter's subject, on a line of its own or after the number on its line.
_SUBJECT = re.compile(r"(?:^|\s)v/v\b")


def _before_place(line: str) -> str:
    """A line cut before the place of its date line ("Bắc Ninh, ngày 05 tháng 8 năm 2025", "TP.
    Hồ Chí Minh, ngày ..."): the words in capitals before the comma."""
    words = line[: line.rfind(",", 0, fold(line).rfind("ngay"))].split()
    place = len(words)
    while place > 0 and words[place - 1][0].isupper():
        place -= 1
    return " ".join(words[:place])


def _subject(doc: Document) -> str | None:
    """A letter's subject with the lines it wraps onto, when "Kính gửi", the number or the date
    line closes them: without such a line below, what follows may be the body."""
    for index, paragraph in enumerate(doc.paragraphs[:15]):
        for piece in header_pieces(paragraph):
            match = _SUBJECT.search(fold(piece)) or _plain_subject(doc, index, piece)
            if match is None or (match.start() > 0 and not _NUMBER_LABEL.match(fold(piece))):
                continue  # "V/v" starts the line, or follows the number: "Số: 12/BYT-KCB V/v ..."
            subject = piece[match.start() :].strip()
            # "V/v phòng, chống dịch ...   Bắc Ninh, ngày 05 tháng 8 năm 2025": the columns run
            # together, the date line is no part of the subject.
            if _PLACE_DATE_AFTER_NUMBER.search(" ".join(fold(subject).split())):
                subject = _before_place(" ".join(subject.split()))
            parts = [subject]
            following = doc.paragraphs[index + 1 : index + 4]
            for count, line in enumerate(following):
                if opens_addressees(line) or _is_letterhead_line(line):
                    parts.extend(following[:count])
                    break
                if " | " in line or _is_caps(line) or len(line) > 200:
                    break
            return " ".join(parts)
    return None


def _plain_subject(doc: Document, index: int, piece: str) -> re.Match[str] | None:
    """ "Về việc ...", "Về ...": a subject written without "V/v", right under the number or the
    date line (a sentence of the body is longer, or ends in a colon)."""
    if index == 0 or len(piece) > 150 or piece.endswith(":"):
        return None
    if not _is_letterhead_line(doc.paragraphs[index - 1]):
        return None
    return re.match(r"ve\s", fold(piece))


# A legal database's heading: "CHỈ THỊ / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY 21 THÁNG
# 6 NĂM 2001 VỀ VIỆC ...": who issued it, its number and its date come before its title.
_DATABASE_HEADING = re.compile(
    r"^cua\s+\D{3,80}?\s+so\s*:?\s*(?P<number>\d+[\w/.&-]*)\s*,?\s+ngay\s+(?P<d>\d{1,2})"
    r"\s*(?:thang\s+|/)(?P<m>\d{1,2})\s*(?:,?\s*nam\s+|/)(?P<y>\d{4})\s+(?=ve\b)"
)


def _database_heading(title: str) -> tuple[str, _dt.date | None, str] | None:
    """(number, date, title) of a title that opens with its issuer, number and date."""
    match = _DATABASE_HEADING.match(fold(title))
    if match is None:
        return None
    day = written_date(match)
    return title[match.start("number") : match.end("number")], day, title[match.end() :]


def read_metadata(doc: Document) -> DirectiveMeta:
    """Number, kind, title, issue date, issuing body and signer, each None when not found."""
    header = _read_header(doc)
    number = _number(doc)
    kind = header.kind
    title = header.title
    if kind is None and number:
        code = fold(number).split("/")[-1].split("-")[0]
        kind = _CODES.get(code)
    if kind is None and (
        any(fold(p).startswith("v/v") for p in doc.paragraphs[:15])
        or any("kinh gui" in fold(p)[:12] for p in doc.paragraphs[:20])
    ):
        kind = "Công văn"
    if title is None:
        title = _subject(doc)
    if kind == "Thông báo" and title and fold(title).startswith("ket luan"):
        kind = "Thông báo kết luận"
    issued_on, _place = _issue_date(doc)
    if title and (heading := _database_heading(title)) is not None:
        number = number or heading[0]
        issued_on = issued_on or heading[1]
        title = heading[2]
    if kind in _ATTACHED_KINDS and (attached := _attached_to(doc)) is not None:
        # A plan stored without the decision that issues it: "(Kèm theo Quyết định số
        # 1422/QĐ-TTg ngày 19 tháng 11 năm 2024 ...)" gives its number and date.
        number = number or attached[0]
        issued_on = issued_on or attached[1]
    return DirectiveMeta(
        number=number,
        kind=kind,
        title=title,
        issued_on=issued_on,
        issuer=_issuer(doc, header.kind_index),
        signer=_signer(doc),
    )
