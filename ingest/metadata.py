"""Read a directive's number, kind, title, issue date, issuing body and signer from its text."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ingest.agencies import fold
from ingest.text import Document

__all__ = ["DirectiveMeta", "body_range", "header_pieces", "read_metadata"]


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
    r"^\s*s[oố]\s*(?:hiệu)?\s*:?\s*(?P<number>\d+[\w.]*(?:\s*/\s*\d{4})?\s*[/-]\s*[\w&.\-–/]+)",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,;:|]{2,40}),\s*ngay\s+(?P<d>\d{1,2})\s*(?:thang\s+|[/.-]\s*)(?P<m>\d{1,2})"
    r"\s*(?:,?\s*nam\s+|[/.-]\s*)(?P<y>\d{4})\s*\.?$"
)
_MOTTO = re.compile(r"cong\s+hoa\s+xa\s+hoi|doc\s+lap\s*-?\s*tu\s+do|^-+$")
_SIGN_TITLE = re.compile(
    r"(?:^|\s)(?:KT|TM|TL|TUQ|Q)\s*\.|CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|BỘ TRƯỞNG|CHỦ NHIỆM"
    r"|TRƯỞNG BAN|THỦ TRƯỞNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|BÍ THƯ|VIỆN TRƯỞNG|CHÁNH ÁN|TỔ TRƯỞNG"
)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]*"
_PERSON = re.compile(rf"(?<!\S)(?:{_NAME_WORD}\s+){{1,5}}{_NAME_WORD}$")
_RECIPIENTS = re.compile(r"^\s*(?:nơi nhận|nơi gửi)\s*:?", re.IGNORECASE)


def header_pieces(paragraph: str) -> list[str]:
    """The parts of a header line: a two-column header read from a table row splits on " | "."""
    return [piece.strip() for piece in paragraph.split("|") if piece.strip()]


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _kind_heading(piece: str) -> tuple[str, str, str] | None:
    """(kind, folded key, rest of the line) when a header piece is a kind heading."""
    if not _is_caps(piece.split(" ", 3)[0] + piece[:12]):
        return None
    folded = fold(piece).strip()
    for key, kind in KINDS:
        if folded == key or folded.startswith(key + " "):
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
                    not title_parts
                    and len(text) < 300
                    and not re.match(r"(?i)(căn cứ|thực hiện|kính gửi|ngày\s+\d|xét)", text)
                    and not text.endswith(":")
                ):
                    title_parts.append(text)
                    end += 1
                break
            title = " ".join(title_parts) or None
            return _Header(index, kind, title, _after_addressees(doc, end))
    return _Header(None, None, None, _after_addressees(doc, _header_block_end(doc)))


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


def _after_addressees(doc: Document, start: int) -> int:
    index = start
    for position in range(start, min(len(doc.paragraphs), start + 4)):
        if fold(doc.paragraphs[position]).lstrip("| ").startswith("kinh gui"):
            index = position + 1
            # The addressees listed one per line under "Kính gửi:".
            while index < len(doc.paragraphs) and re.match(r"^\s*[-–+•]", doc.paragraphs[index]):
                index += 1
    return index


def body_range(doc: Document) -> tuple[int, int]:
    """The paragraphs between the header (and "Kính gửi") and "Nơi nhận" or the signature."""
    start = _read_header(doc).end
    end = len(doc.paragraphs)
    for index in range(start, len(doc.paragraphs)):
        text = doc.paragraphs[index]
        if _RECIPIENTS.match(text) or (
            _SIGN_TITLE.search(text) and _is_caps(re.sub(r"\b[A-ZĐ][a-zđà-ỹ]+\b", "", text))
        ):
            end = index
            break
    return start, end


def _number(doc: Document) -> str | None:
    for paragraph in doc.paragraphs[:20]:
        for piece in header_pieces(paragraph):
            match = _NUMBER.match(piece)
            if match:
                return re.sub(r"\s*([/-])\s*", r"\1", match.group("number")).rstrip(".")
    return None


def _issue_date(doc: Document) -> tuple[_dt.date | None, str | None]:
    for paragraph in doc.paragraphs[:25]:
        for piece in header_pieces(paragraph):
            match = _PLACE_DATE.match(fold(piece).strip())
            if match is None:
                continue
            try:
                day = _dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                continue
            return day, piece[: match.end("place")]
    return None, None


def _issuer(doc: Document, kind_index: int | None) -> str | None:
    lines: list[str] = []
    for paragraph in doc.paragraphs[: kind_index if kind_index is not None else 8]:
        for piece in header_pieces(paragraph):
            folded = fold(piece)
            if _MOTTO.search(folded):
                break  # the right-hand column (or the line below) is the national motto
            if _is_caps(piece) and _kind_heading(piece) is None and not _NUMBER.match(piece):
                lines.append(piece.strip(" -"))
    return " ".join(lines) or None


def _signer(doc: Document) -> str | None:
    tail = doc.paragraphs[-25:]
    signer = None
    seen_title = False
    for paragraph in tail:
        for piece in header_pieces(paragraph):
            text = re.sub(r"\((?:đã ký|ký|đã ký và đóng dấu)[^)]*\)", " ", piece, flags=re.I)
            text = " ".join(text.split())
            if _SIGN_TITLE.search(text) and any(char.isupper() for char in text[:3]):
                seen_title = True
                # The name can sit on the same line, after the titles: "PHÓ CHỦ TỊCH Lê Văn A".
                match = _PERSON.search(text)
                if match and not _is_caps(match.group()):
                    signer = match.group()
                continue
            if seen_title and _PERSON.fullmatch(text) and not _is_caps(text):
                signer = text
    return signer


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
        for paragraph in doc.paragraphs[:15]:
            for piece in header_pieces(paragraph):
                if fold(piece).startswith("v/v"):
                    title = piece
                    break
            if title:
                break
    if kind == "Thông báo" and title and fold(title).startswith("ket luan"):
        kind = "Thông báo kết luận"
    issued_on, _place = _issue_date(doc)
    return DirectiveMeta(
        number=number,
        kind=kind,
        title=title,
        issued_on=issued_on,
        issuer=_issuer(doc, header.kind_index),
        signer=_signer(doc),
    )
