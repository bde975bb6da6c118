"""Read a directive file (.txt, .docx, .doc, .pdf) into ordered paragraphs, footnotes aside."""

from __future__ import annotations

import functools
import io
import itertools
import math
import re
import threading
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from ingest import legacy_encodings
from ingest.flat_tables import ROW_NUMBER as _ROW_NUMBER
from ingest.flat_tables import SECTION_NUMBER as _SECTION_NUMBER
from ingest.flat_tables import SERIAL_HEADING as _SERIAL_HEADING
from ingest.flat_tables import SUB_ROW_NUMBER as _SUB_ROW_NUMBER
from ingest.flat_tables import stacked_rows, unflatten_tables

__all__ = ["MESSAGES", "Document", "UnreadableDocument", "extract_text", "human_size", "size_over"]

DEFAULT_MAX_BYTES = 20_000_000

MESSAGES = {
    "too_large": "Tệp quá lớn (hơn {limit}), không đọc được. Hãy gửi tệp nhỏ hơn.",
    # A small file, so its size is no help to the officer: what it unpacks to is the trouble.
    "unpacks_too_large": (
        "Tệp .docx này giải nén ra quá nhiều dữ liệu so với một văn bản, không đọc được. "
        "Hãy mở tệp bằng Word, lưu lại rồi gửi lại."
    ),
    "empty": "Tệp không có nội dung chữ nào để đọc.",
    "scanned_pdf": (
        "Tệp PDF này là bản quét (không có lớp chữ), không đọc được nội dung. "
        "Hãy gửi tệp .docx hoặc PDF có chữ."
    ),
    "encrypted": (
        "Tệp được đặt mật khẩu hoặc mã hóa nên không mở được. Hãy gửi bản không đặt mật khẩu."
    ),
    "corrupt": "Tệp bị hỏng hoặc không đúng định dạng, không đọc được nội dung.",
    "unsupported_type": (
        "Định dạng tệp này chưa được hỗ trợ. Hãy gửi tệp .txt, .docx, .doc hoặc .pdf (có lớp chữ)."
    ),
    # Word 97-2003 files are read; Word 6.0 and Word 95 wrote an older format.
    "legacy_doc": (
        "Tệp Word định dạng cũ (Word 6.0/95) chưa được hỗ trợ. Hãy mở tệp và lưu lại dưới dạng "
        ".docx rồi gửi lại."
    ),
}


@dataclass
class Document:
    """The text of a directive: body paragraphs in reading order, and footnotes by their mark."""

    paragraphs: list[str]
    footnotes: dict[str, str] = field(default_factory=dict)


class UnreadableDocument(Exception):
    """A file that cannot be read, with a code for programs and a Vietnamese message for people."""

    def __init__(self, reason_code: str, message_vi: str) -> None:
        super().__init__(message_vi)
        self.reason_code = reason_code
        self.message_vi = message_vi


def refusal(code: str, message: str | None = None) -> UnreadableDocument:
    return UnreadableDocument(code, message or MESSAGES[code])


def extract_text(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a .txt, .docx, .doc or text PDF; any problem is raised as UnreadableDocument."""
    if len(data) > max_bytes:
        raise refusal("too_large", MESSAGES["too_large"].format(limit=human_size(max_bytes)))
    if not data.strip():
        raise refusal("empty")
    try:
        document = _extract(data, filename, max_bytes)
    except UnreadableDocument:
        raise
    except Exception as error:  # a malformed file makes the parsers raise anything at all
        raise refusal("corrupt") from error
    if not document.paragraphs:
        raise refusal("empty")
    return document


_MEGABYTE = 1024 * 1024  # as [importer] max_megabytes counts them
_SMALLEST_IN_MB = _MEGABYTE // 100  # 0,01 MB: below that, a size is written in bytes


def _in_units(size: int, places: int, *, up: bool = False) -> int:
    """The size in MB times 10**places, as an integer: rounded to the nearest, or up."""
    scaled = size * 10**places
    return -(-scaled // _MEGABYTE) if up else (2 * scaled + _MEGABYTE) // (2 * _MEGABYTE)


def _megabytes(size: int, places: int, *, up: bool = False) -> str:
    whole, fraction = divmod(_in_units(size, places, up=up), 10**places)
    decimals = f"{fraction:0{places}d}".rstrip("0")
    return f"{whole},{decimals} MB" if decimals else f"{whole} MB"


def human_size(size: int) -> str:
    """A size in bytes as the officer reads it: MB of 1024 × 1024 bytes (those of [importer]
    max_megabytes), two decimals at most, with the Vietnamese decimal comma: '20 MB', '0,5 MB'."""
    return _megabytes(size, 2) if size >= _SMALLEST_IN_MB else f"{size} byte"


def size_over(size: int, limit: int) -> tuple[str, str]:
    """A file's size and the limit it is over, as human_size writes them but the size rounded up,
    with as many decimals as it takes to show it larger: ('20,01 MB', '20 MB') a byte over."""
    if limit < _SMALLEST_IN_MB:
        return f"{size} byte", f"{limit} byte"
    places = 2
    # A byte is 0,00000095 MB: at six decimals, the size rounded up is past the limit rounded.
    while places < 6 and _in_units(size, places, up=True) <= _in_units(limit, places):
        places += 1
    return _megabytes(size, places, up=True), _megabytes(limit, places)


# --------------------------------------------------------------------------------------------
# Telling the kind of file: by its content first, since names lie (a ".docx" that is a PDF).
# --------------------------------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # as an OLE directory names its streams
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")
_TEXT_SUFFIXES = (".txt", ".text", ".md", ".csv", ".tsv")


def _extract(data: bytes, filename: str, max_bytes: int) -> Document:
    name = filename.lower().strip()
    head = data[:1024]
    if b"%PDF-" in head:
        return _from_pdf(data)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _from_zip(data, name, max_bytes)
    if data.startswith(_OLE):
        # Office files under a password are OLE containers holding an "EncryptedPackage".
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise refusal("encrypted")
        # A Word file holds a "WordDocument" stream, whatever it is named: officers rename
        # "ke-hoach.doc" to "ke-hoach.docx" hoping it will do.
        if _WORD_STREAM in data or name.endswith(".doc"):
            from ingest.word97 import from_doc

            return from_doc(data, max_bytes)
        raise refusal("unsupported_type")
    if data.startswith(b"{\\rtf") or any(data.startswith(magic) for magic in _IMAGES):
        raise refusal("unsupported_type")
    if name.endswith((".docx", ".pdf")):
        raise refusal("corrupt")  # the name promises a container that is not there
    if name.endswith(_TEXT_SUFFIXES) or "." not in name.rsplit("/", 1)[-1]:
        return _from_txt(data)
    raise refusal("unsupported_type")


# --------------------------------------------------------------------------------------------
# Plain text.
# --------------------------------------------------------------------------------------------

_TONE_BYTES = frozenset(b"\xcc\xec\xd2\xde\xf2")  # Windows-1258 combining tone marks
_VOWEL_BYTES = frozenset(b"aeiouyAEIOUY\xc2\xca\xd4\xd5\xdd\xc3\xe2\xea\xf4\xf5\xfd\xe3")


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    mostly_utf8 = _utf8_with_stray_bytes(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    byte_by_byte = data.decode("latin-1")
    if legacy_encodings.encoding_of_text(byte_by_byte):
        return byte_by_byte  # TCVN3's or VNI's codes, which _from_txt reads
    if _looks_like_cp1258(data):
        return data.decode("cp1258", errors="replace")
    from charset_normalizer import from_bytes

    # Legacy files here are Windows code pages: weigh those first, anything else after.
    best = from_bytes(data, cp_isolation=["cp1252", "cp1258"]).best() or from_bytes(data).best()
    if best is None:
        raise refusal("corrupt")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    # Vietnamese UTF-16 without a BOM still has a NUL in most ASCII code units.
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return data.decode("utf-16-le", errors="replace")
    if even > 0.3 and odd < 0.05:
        return data.decode("utf-16-be", errors="replace")
    return None


# A byte that is no part of a UTF-8 character, as Python's "surrogateescape" keeps it.
_STRAY_BYTE = re.compile("[\udc80-\udcff]")
# UTF-8 characters past ASCII for each stray byte, at least. Read as UTF-8, random bytes give
# 0,08 for one, and the Windows-1258 of tests/data 0,005 at most; Vietnamese in UTF-8 writes
# one every three or four letters: a stray byte a line is still far above.
_UTF8_PER_STRAY_BYTE = 5


def _utf8_with_stray_bytes(data: bytes) -> str | None:
    """UTF-8 text with a few bytes of another encoding pasted in (a Latin-1 no-break space from
    a web page), each read as the Windows-1252 character it most likely was; None when the
    stray bytes are too many for that: a text in a legacy code page, or not text at all.

    In Windows-1258 or random bytes, a byte over 127 is seldom the start of a well-formed
    UTF-8 sequence, so the letters UTF-8 reads there are few beside the bytes it cannot."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = len(_STRAY_BYTE.findall(text))
    if sum(char > "\x7f" for char in text) - strays < _UTF8_PER_STRAY_BYTE * strays:
        return None
    return _STRAY_BYTE.sub(
        lambda byte: bytes([ord(byte.group()) - 0xDC00]).decode("cp1252", errors="replace"), text
    )


def _looks_like_cp1258(data: bytes) -> bool:
    # Windows-1258 writes most tones as a combining byte right after a vowel; in Windows-1252
    # text the same bytes are letters (Ì, ò ...) that rarely follow a vowel. Count both.
    after_vowel = other = 0
    for index in range(1, len(data)):
        if data[index] in _TONE_BYTES:
            if data[index - 1] in _VOWEL_BYTES:
                after_vowel += 1
            else:
                other += 1
    return after_vowel >= 3 and after_vowel >= 9 * other


# Markdown's bold marks, run together at times ("Lắk:**** **Khẩn trương"), and a line of stars
# "***" with them; not a footnote's "(**)".
_BOLD_MARK = re.compile(r"(?<![*(])\*{2,}(?![*)])")
# Its italic marks around a heading cut over lines ("*1.2." then "Sở Tài chính - Cơ quan thường
# trực*"): the opening star would read as a bullet. A bullet's star has a space after it.
_ITALIC_LINES = re.compile(r"(?m)^\*(?=[^\s*])((?:[^*\n]|\n(?![ \t]*\n))*?[^\s*])\*[ \t]*$")


def _from_txt(data: bytes) -> Document:
    text = _decode(data)
    legacy = legacy_encodings.encoding_of_text(text)
    if legacy:
        # Bytes typed in TCVN3 or VNI, or their codes pasted from a ".VnTime" document into UTF-8.
        text = legacy_encodings.to_unicode(text, legacy)
    if _looks_binary(text):
        raise refusal("corrupt")
    # A page saved as Markdown wraps headings in bold marks, even across lines ("**3." then "Sở Y
    # tế:**"): they carry nothing, and would hide a line's list marker.
    text = _ITALIC_LINES.sub(r"\1", _BOLD_MARK.sub("", text))
    lines = [line for line in text.replace("\r", "").replace("\f", "\n").split("\n")]
    # The headings first: looking for spaced-out columns in a long text costs far more.
    if any(map(_names_columns, _with_short_runs(lines))) and has_spaced_row(text):
        # Text copied from a PDF with its layout ("pdftotext -layout"): a task table's columns
        # are runs of text set apart by spaces, as in a PDF's layout reading.
        rows = _with_tables(_drop_running_lines([[line for line in lines if line.strip()]])[0])
        if rows is not None:
            return finish_document(
                _join_lines([line for line in map(clean_paragraph, rows) if line]), {}
            )
    blocks: list[list[str]] = [[]]
    lines = _cells_on_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines, notes = _without_ruled_footnotes(_without_running_headers(lines))
    for line in _pasted_tables(_stacked_tables(_unwrapped_pipe_rows(unflatten_tables(lines)))):
        if _CENTRED_PAGE_NUMBER.match(line):
            continue  # a PDF's page number, centred, between two lines of a paragraph
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    raw: list[str] = []
    for block in blocks:
        raw.extend(_join_lines([clean_paragraph(line) for line in block]))
    return finish_document(raw, notes)


# Word's rule over its footnotes, kept in text: "_____________"; a note under it opens with its
# mark: "(1) Và Kế hoạch số ...", "2 Từ ngày 01/3/2025, ...".
_FOOTNOTE_RULE = re.compile(r"^\s*_{3,}\s*$")
_RULED_NOTE = re.compile(r"^\s*(?:\((\d{1,2})\)|(\d{1,2})(?=\s+[A-ZĐÀ-Ỹ])|\[(\d{1,2})\])\s*(\S.*)$")


def _without_ruled_footnotes(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """The lines without the footnotes under a rule of underscores, and the footnotes by mark."""
    kept: list[str] = []
    notes: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not _FOOTNOTE_RULE.match(line):
            kept.append(line)
            continue
        while index < len(lines) and (note := _RULED_NOTE.match(lines[index])):
            mark = next(group for group in note.groups()[:3] if group)
            notes[mark] = note.group(4).strip()
            index += 1
    return kept, notes


# A page's running header as a PDF's text keeps it: "Chỉ thị số 04/CT-UBND ngày 10/3/2025 của UBND
# tỉnh Quảng Trị", "Thông báo số 215/TB-UBND".
_REFERENCE_LINE = re.compile(r"(?i)\bsố\s*:?\s*\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{2,}")
# A gazette's page head: "38          CÔNG BÁO/Số 09/Ngày 28-3-2016".
_GAZETTE = re.compile(r"^CÔNG BÁO\s*/")


def _numberless(line: str) -> str:
    """A line without the page number a running header carries: "38   CÔNG BÁO/Số 09/..."."""
    line = line.strip()
    if not (line[:1].isdigit() or line[-1:].isdigit()):
        return line
    return _PAGE_NUMBER_BESIDE.sub("", line)


_PAGE_NUMBER_BESIDE = re.compile(r"^\d{1,4}\s{2,}|\s{2,}\d{1,4}$")


def _beside_page_numbers(lines: list[str]) -> Counter[str]:
    """How often each line stands right under a page number set apart by blank lines: "", "2",
    ("",) "UBND tỉnh Hà Giang - Chương trình hành động thực hiện Chỉ thị 13-CT/TW", "" (not a
    stacked table's row number over its first cell)."""
    under: Counter[str] = Counter()
    padded = ["", *lines, ""]
    number = -1  # the last page number set apart, and no text since
    for index in range(1, len(padded) - 1):
        line = padded[index]
        if not line.strip():
            continue
        if _PAGE_NUMBER.match(line) and not padded[index - 1].strip():
            number = index
            continue
        if number > 0 and not padded[index + 1].strip():
            key = _numberless(line)
            # (A head names its issuer and document: "Tỉnh ủy Hà Tĩnh - Kế hoạch số 115-KH/TU";
            # not a footnote: "[1] Theo Công văn số 12/SYT.")
            named = " - " in key or " – " in key or _REFERENCE_LINE.search(key)
            if 20 <= len(key) <= 120 and named and not key.startswith("["):
                under[key] += 1
        number = -1
    return under


_DUE_IN_LINE = re.compile(r"(?i)\b(?:trước|chậm nhất|hạn|hoàn thành|thời gian|báo cáo|gửi)\b")


def _without_running_headers(lines: list[str]) -> list[str]:
    """The lines of a text copied from a PDF without the header it repeats at the top of each
    page, and the blank lines round it: a sentence the page cut carries on across it."""
    counts = Counter(_numberless(line) for line in lines if len(line.strip()) >= 20)
    beside_number = _beside_page_numbers(lines)
    running = {
        line
        for line, count in counts.items()
        if (
            (count >= 2 and _REFERENCE_LINE.search(line))
            or beside_number[line] == count  # under a page number each time
            or _GAZETTE.match(line)
        )
        and not _DUE_IN_LINE.search(line)
        and not MARKER.match(line)
    }
    if not running:
        return lines
    kept: list[str] = []
    skipping_blanks = False
    for line in lines:
        if _numberless(line) in running:
            while kept and not kept[-1].strip():
                kept.pop()
            skipping_blanks = True
            continue
        if skipping_blanks and not line.strip():
            continue
        skipping_blanks = False
        kept.append(line)
    return kept


_MARKDOWN_ROW = re.compile(r"^\s*\|(.*\|.*)\|\s*$")
_MARKDOWN_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")


_CELL_AT_MOST = 800  # characters: more is the text between two tables, not a cell


def _cells_on_lines(lines: list[str]) -> list[str]:
    """A web page's table saved as Markdown with each cell on lines of its own between lines
    that hold only "|", two such lines ending a row: each row as one line, its cells joined by
    " | ", and a row of one cell among them (a section's name) across the row, as a .docx's
    merged cell is read. A table is two rows of three cells or more, one after the other; other
    lines (a letterhead's columns, a body between two of its "|") stay as they came."""
    rows: list[tuple[list[str], list[str]]] = []  # each row's lines as they came, and its cells
    raw: list[str] = []
    cells: list[str] = []
    cell: list[str] = []
    width = 0  # the header's count of cells, once a row of three or more has closed

    def end_row(*, closed: bool) -> None:
        nonlocal width
        if cell:
            cells.append(_cell_text(cell))
            cell.clear()
        rows.append((raw.copy(), cells.copy() if closed else []))
        width = max(width, len(cells) if len(cells) >= 3 else 0) if closed else 0
        raw.clear()
        cells.clear()

    for index, line in enumerate(lines):
        if not line.strip():
            end_row(closed=False)
            rows.append(([line], []))
            continue
        if line.strip() == "|" and cell and not cells and _opens_header(lines, index + 1):
            # The text before a table's first "|" ("III. NHIỆM VỤ CỤ THỂ" right above "|",
            # "STT"): not a cell of its header.
            end_row(closed=False)
        raw.append(line)
        if line.strip() != "|":
            cell.append(line)
        elif cell:
            cells.append(_cell_text(cell))  # a cell's closing "|"
            cell.clear()
        elif not cells:
            continue  # the "|" before a table's first cell
        elif width and len(cells) < width and not _row_opens(lines, index + 1):
            # "|" right after "|" with the row's cells not all there, and no row opening next:
            # a cell left empty.
            cells.append("")
        else:
            end_row(closed=True)
    end_row(closed=False)
    return [line for run in _table_runs(rows) for line in run]


def _cell_text(lines: list[str]) -> str:
    """A cell's lines as one: a line that opens with a bullet is a piece of its own ("- Rà soát
    ..." then "- Trình UBND tỉnh ..."), set apart by ";" where the line before has no stop."""
    text = ""
    for line in (line.strip() for line in lines):
        if text and _BULLET_LINE.match(line) and text[-1] not in ".;:,":
            text += ";"
        text = f"{text} {line}" if text else line
    return text


_BULLET_LINE = re.compile(r"[-–+•]\s+\S")


def _opens_header(lines: list[str], index: int) -> bool:
    return index < len(lines) and bool(_SERIAL_HEADING.match(lines[index]))


def _row_opens(lines: list[str], index: int) -> bool:
    """Whether a line of _cells_on_lines opens a row ("2", "2.1", "II", "a)"), or the text
    ends or goes on after the table (a blank line)."""
    if index >= len(lines) or not lines[index].strip():
        return True
    line = lines[index]
    return line.strip() != "|" and bool(
        _ROW_NUMBER.match(line)
        or _SUB_ROW_NUMBER.match(line)
        or _SECTION_NUMBER.match(line)
        or re.fullmatch(r"\s*[a-zđ]\)\s*", line)
        # A section's number and name in one cell: "I. CÔNG TÁC CHỈ ĐẠO".
        or re.match(r"\s*[IVX]{1,5}\.\s+\S", line)
    )


def _table_runs(rows: list[tuple[list[str], list[str]]]) -> list[list[str]]:
    """The rows of _cells_on_lines, a table's as lines of cells, the others' as they came."""
    rows = _merged_time_heads(rows)
    # The width of the next row of more than one cell: a section's name may come between two.
    widths_after = [0] * len(rows)
    for index in range(len(rows) - 2, -1, -1):
        raw_after, after = rows[index + 1]
        cells_after = len(after)
        # (Past a section's name across the row, "I" | "NHẬN THỨC SỐ" as well, and a header's
        # second row merged into it.)
        passed = cells_after == 1 or not raw_after or _group_row(after)
        widths_after[index] = widths_after[index + 1] if passed else cells_after
    out: list[list[str]] = []
    width = 0
    for index, (raw, cells) in enumerate(rows):
        if not raw:
            continue  # a header's second row, merged into the first
        fits = bool(cells) and all(len(text) <= _CELL_AT_MOST for text in cells)
        # A header over rows that lost the "|" of their empty last cells: "STT | ... | Ghi chú"
        # over "1 | ... | 17/4/2025".
        header = bool(cells) and _SERIAL_HEADING.match(cells[0]) and widths_after[index] >= 3
        if fits and len(cells) >= 3 and (len(cells) in (width, widths_after[index]) or header):
            out.append([" | ".join(cells)])
            width = max(width, len(cells))  # (a row short of its empty cells is no narrower)
        elif fits and 3 <= len(cells) < width and _NUMBERED_CELL.fullmatch(cells[0]):
            # A row whose last cells were left empty, their "|" lost: "1 | ... | 17/4/2025".
            out.append([" | ".join([*cells, *[""] * (width - len(cells))])])
        elif fits and len(cells) == 1 and width:
            out.append([" | ".join([cells[0], *[""] * (width - 1)])])
        elif fits and width and _group_row(cells):
            # A section's or a group's number and name in two cells, the others empty: "I" |
            # "NHẬN THỨC SỐ" across the row; "1." | "Hoàn thiện thể chế" over its rows "1.1", ...
            number = cells[0].strip().rstrip(".")
            if _SECTION_NUMBER.match(number):
                out.append([" | ".join([f"{number}. {cells[1]}", *[""] * (width - 1)])])
            else:
                out.append([" | ".join([number, cells[1], *[""] * (width - 2)])])
        else:
            out.append(raw)
            width = 0
    return out


def _group_row(cells: list[str]) -> bool:
    return len(cells) == 2 and bool(
        _SECTION_NUMBER.match(cells[0]) or _NUMBERED_CELL.fullmatch(cells[0])
    )


def _merged_time_heads(
    rows: list[tuple[list[str], list[str]]],
) -> list[tuple[list[str], list[str]]]:
    """A header over two rows of _cells_on_lines: "Thời gian" over "Bắt đầu | Hoàn thành", as
    one row of the width of the rows under it ("Thời gian bắt đầu | Thời gian hoàn thành")."""
    rows = list(rows)
    for index, (_raw, cells) in enumerate(rows):
        if len(cells) < 3:
            continue  # (most rows: look no further for the one below)
        below = next((i for i in range(index + 1, len(rows)) if rows[i][1]), None)
        if below is None:
            continue
        heads = rows[below][1]
        if not heads or not all(_TIME_SUB_HEADS.fullmatch(head.strip()) for head in heads):
            continue
        time = next((i for i, cell in enumerate(cells) if _TIME_WORDS.search(cell)), None)
        if time is None:
            continue
        named = [f"{cells[time].strip()} {head.strip().lower()}" for head in heads]
        rows[index] = (rows[index][0], [*cells[:time], *named, *cells[time + 1 :]])
        rows[below] = ([], [])
    return rows


_NUMBERED_CELL = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})*\.?\s*")
_TIME_WORDS = re.compile(r"(?i)thời\s+gian|thời\s+hạn|tiến\s+độ")


# A row of a table written with " | " between its cells, its number first: "2 |", "II |", "a) |".
_PIPE_ROW_START = re.compile(r"^\s*\|?\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.?|[a-zđ]\))\s*\|")


def _pipe_cells(line: str) -> int:
    return len(line.strip().strip("|").split("|")) if "|" in line else 0


def _unwrapped_pipe_rows(lines: list[str]) -> list[str]:
    """A task table written with " | " between its cells, its rows run over two lines as a page
    wrapped them: each row on one line again. A row goes on to the next line when together they
    have the header's count of cells ("... | Chi cục" then "Thống kê huyện | Trước ngày ..."),
    or over a short line with no cell of its own before the next row ("... | Quý", "III/2024")."""
    out: list[str] = []
    width = 0
    for index, line in enumerate(lines):
        row = out[-1] if out else ""
        if width and line.strip() and _PIPE_ROW_START.match(row):
            joined = f"{row.rstrip()} {line.strip()}"
            following = lines[index + 1] if index + 1 < len(lines) else ""
            goes_on = (
                _pipe_cells(row) < width
                and _pipe_cells(joined) == width
                and not _PIPE_ROW_START.match(line)
            ) or (
                "|" not in line
                and len(line.strip()) <= 60
                and _pipe_cells(row) == width
                and _PIPE_ROW_START.match(following) is not None
            )
            if goes_on:
                out[-1] = joined
                continue
        if (
            _pipe_cells(line) >= 3
            and sum(bool(_HEADING_WORDS.search(cell)) for cell in line.split("|")) >= 2
        ):
            width = _pipe_cells(line)
        elif "|" not in line:
            # The table ends at a line of text, not at a blank line between two rows.
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if line.strip() or not _PIPE_ROW_START.match(following):
                width = 0
        out.append(line)
    return out


def _stacked_tables(lines: list[str]) -> list[str]:
    """A table whose cells came one a line, as a web page or a PDF copied as plain text gives it:
    "STT" then its columns' names, one a line ("Nội dung", "Cơ quan chủ trì", ...), then each row
    its number ("1") and as many lines as the row has other cells; a section's number and name
    ("I", "Nhóm nhiệm vụ ...") may stand between two rows. Each row as the " | "-joined row a
    .docx table gives. Where a row's lines do not fill its cells exactly (a cell left empty, one
    run over two lines), the table cannot be told apart from the text: it stays as it came."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        table = _stacked_table_at(lines, index)
        loose = stacked_rows(lines, index) if _SERIAL_HEADING.match(lines[index]) else None
        if loose is not None and (table is None or _task_rows(loose[0]) > _task_rows(table[0])):
            table = loose  # its rows' lines do not fill their cells one a line
        if table is None:
            out.append(lines[index])
            index += 1
            continue
        rows, index = table
        out.extend(rows)
    return out


def _task_rows(rows: list[str]) -> int:
    return sum(row.count(" | ") >= 2 for row in rows[1:])


def _stacked_table_at(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The rows of a table of _stacked_tables that starts at ``start``, and where it ends."""
    if not _SERIAL_HEADING.match(lines[start]):
        return None
    filled = [i for i in range(start + 1, min(len(lines), start + 40)) if lines[i].strip()]
    names = list(itertools.takewhile(lambda i: _HEADING_WORDS.search(lines[i]), filled[:8]))
    names = [i for i in names if len(lines[i].strip()) <= 60]
    if len(names) < 2:
        return None
    width = len(names) + 1
    rows = [row_text(["STT", *(lines[i].strip() for i in names)], width)]
    # A header without blank lines between its names: a blank line in a row is an empty cell.
    compact = names == list(range(start + 1, start + width))
    position = names[-1] + 1
    expected = 1
    sub_rows = 0
    while True:
        following = [
            i for i in range(position, min(len(lines), position + 4 * width)) if lines[i].strip()
        ]
        if not following:
            break
        first = lines[following[0]]
        number = _ROW_NUMBER.match(first)
        sub_number = _SUB_ROW_NUMBER.match(first)
        if _page_number_before(lines, following, 0, expected):
            position = following[0] + 1
            continue
        blanks = (
            _row_with_empty_cells(lines, following[0], width, expected + 1)
            if compact and (number or sub_number)
            else None
        )
        if blanks is not None and (sub_number or (number and int(number.group(1)) == expected)):
            rows.append(row_text([first.strip().rstrip("."), *blanks], width))
            position = following[0] + width
            if sub_number:
                sub_rows += 1
            else:
                expected += 1
        elif (
            number
            and int(number.group(1)) == expected
            and len(following) >= 3
            and _SUB_ROW_NUMBER.match(lines[following[2]])
        ):
            # "1" and a group's name over rows "1.1", "1.2": a group row.
            rows.append(row_text([f"{number.group(1)}. {lines[following[1]].strip()}"], 1))
            position = following[1] + 1
            expected += 1
        elif sub_number and len(following) >= width:
            cells = [lines[i].strip() for i in following[1:width]]
            rows.append(row_text([sub_number.group(1), *cells], width))
            position = following[width - 1] + 1
            sub_rows += 1
        elif number and int(number.group(1)) == expected and len(following) >= width:
            cells = [lines[i].strip() for i in following[1:width]]
            next_at = width + _page_number_before(lines, following, width, expected + 1)
            after = lines[following[next_at]] if len(following) > next_at else None
            last = after is not None and not _row_start(after, expected + 1)
            end = following[width - 1]
            if after is not None and last and (expected < 2 or not _closes_table(after)):
                joined = _joined_cells(lines, following, width, expected + 1)
                if joined is None:
                    return None  # more lines than cells, not a cell over two lines: no table
                cells, end = joined
                last = False
            rows.append(row_text([number.group(1), *cells], width))
            position = end + 1
            expected += 1
            if last:
                break  # the letter's text goes on after its last row
        elif _SECTION_NUMBER.match(first) and len(following) >= 2:
            rows.append(row_text([f"{first.strip()}. {lines[following[1]].strip()}"], 1))
            position = following[1] + 1
        else:
            break
    if expected + sub_rows <= 2:
        return None
    return rows, position


def _page_number_before(lines: list[str], following: list[int], at: int, row: int) -> bool:
    """Whether the line ``following[at]`` is a page's number, between two rows of a stacked
    table: "Trang 3/6", "- 3 -", or a bare number before the row's own."""
    if at >= len(following):
        return False
    line = lines[following[at]]
    number = _ROW_NUMBER.match(line)
    return bool(_PAGE_MARK.match(line)) or bool(
        number
        and int(number.group(1)) != row
        and at + 1 < len(following)
        and _row_start(lines[following[at + 1]], row)
    )


def _joined_cells(
    lines: list[str], following: list[int], width: int, next_row: int
) -> tuple[list[str], int] | None:
    """The cells of a row some of which ran over two lines (a line that starts in lower case goes
    on the one above), and the row's last line, if the next row or the text after comes then."""
    cells: list[str] = []
    end = following[0]
    for index in following[1:]:
        line = lines[index].strip()
        if cells and line[:1].islower():
            cells[-1] = f"{cells[-1]} {line}"
        elif len(cells) == width - 1:
            return (cells, end) if _row_start(line, next_row) or _closes_table(line) else None
        else:
            cells.append(line)
        end = index
    return (cells, end) if len(cells) == width - 1 else None


def _row_with_empty_cells(lines: list[str], at: int, width: int, next_row: int) -> list[str] | None:
    """The cells of the row numbered on line ``at`` when some are blank lines (cells left empty),
    if the line after them starts the next row, or ends the table."""
    cells = [line.strip() for line in lines[at + 1 : at + width]]
    if len(cells) < width - 1 or all(cells) or not cells[0]:
        return None
    if any(not a and not b for a, b in itertools.pairwise(cells)):
        return None  # two blank lines running: a break in the text, not two empty cells
    after = next((line for line in lines[at + width :] if line.strip()), None)
    if after is not None and not (
        _row_start(after, next_row) or _SUB_ROW_NUMBER.match(after) or _closes_table(after)
    ):
        return None
    return cells


_CLOSING_TEXT = re.compile(r"(?i)^\s*(?:trên\s+đây|nơi\s+nhận)")


def _closes_table(line: str) -> bool:
    """Whether a line after a stacked table's row is the letter's text going on, not a cell run
    over two lines: "Trên đây là Kế hoạch ...", "Nơi nhận:", or a whole sentence."""
    line = line.strip()
    return bool(_CLOSING_TEXT.match(line)) or (len(line) > 80 and line[-1:] in ".:")


def _row_start(line: str, number: int) -> bool:
    """Whether a line opens the next row of a stacked table (or a section, or the text after)."""
    row = _ROW_NUMBER.match(line)
    return (row is not None and int(row.group(1)) == number) or bool(
        _SECTION_NUMBER.match(line) or re.match(r"^\s*(?:[IVX]{1,5}|\d{1,2})\.\s+\S", line)
    )


def _pasted_tables(lines: list[str]) -> list[str]:
    """The rows of a table pasted as text, each as the " | "-joined row a .docx table gives: cells
    set apart by tabs (a table copied from Word or a web page) or a Markdown table's, without its
    "| --- |" rule. A line of tab-separated cells is a row only beside another such line, with
    three cells or more ("1.<tab>Xây dựng ..." is a numbered paragraph)."""
    lines = _unwrapped_tab_rows(lines)
    cells_of = [[cell.strip() for cell in line.strip().split("\t")] for line in lines]
    # "I<tab>Ổn định kinh tế vĩ mô": a section's number and name between two rows.
    section = [len(cells) == 2 and bool(_SECTION_NUMBER.match(cells[0])) for cells in cells_of]
    tabbed = [len(cells) >= 3 or section[i] for i, cells in enumerate(cells_of)]
    rows: list[str] = []
    for index, line in enumerate(lines):
        markdown = _MARKDOWN_ROW.match(line)
        if markdown:
            cells = [cell.strip() for cell in markdown.group(1).split("|")]
            if all(_MARKDOWN_RULE.match(cell) for cell in cells):
                continue
            rows.append(row_text(cells, len(cells)))
        elif tabbed[index] and any(
            tabbed[beside] for beside in (index - 1, index + 1) if 0 <= beside < len(lines)
        ):
            cells = cells_of[index]
            # "I<tab>Ổn định ..." as a .docx's merged cell reads: "I. Ổn định ...".
            rows.append(
                f"{cells[0].rstrip('.')}. {cells[1]}"
                if section[index]
                else row_text(cells, len(cells))
            )
        else:
            rows.append(line)
    return rows


def _unwrapped_tab_rows(lines: list[str]) -> list[str]:
    """Tab-separated rows with a cell run over two lines ("1<tab>Rà soát dự toán chi" then "(phần
    chưa phân bổ)<tab>Sở Tài chính<tab>..."), each as one line: two lines of fewer cells than the
    row above that, the cell they share joined, fill a row of its width."""
    out: list[str] = []
    width = 0
    index = 0
    while index < len(lines):
        cells = lines[index].strip().split("\t")
        if (
            len(cells) >= 3
            and index + 2 < len(lines)
            and (header := _header_over_two_lines(lines, index))
        ):
            out.append(header)
            width = len(header.split("\t"))
            index += 2
            continue
        if index + 1 < len(lines) and width and 2 <= len(cells) < width:
            following = lines[index + 1].strip().split("\t")
            if 2 <= len(following) < width and len(cells) + len(following) - 1 == width:
                joined = f"{cells[-1].strip()} {following[0].strip()}"
                out.append("\t".join([*cells[:-1], joined, *following[1:]]))
                index += 2
                continue
        if len(cells) >= 3:
            width = len(cells)
        elif not lines[index].strip() or len(cells) < 2:
            width = 0 if not _SECTION_NUMBER.match(lines[index]) else width
        out.append(lines[index])
        index += 1
    return out


_TIME_SUB_HEADS = re.compile(r"(?i)(?:bắt đầu|hoàn thành|kết thúc|khởi công)")


def _header_over_two_lines(lines: list[str], index: int) -> str | None:
    """A table's header whose last cell goes on below it: "...<tab>Thời gian" then "hoàn thành"
    (a line break in the cell), or "Bắt đầu<tab>Hoàn thành" under "Thời gian" (a header of two
    rows); as one line of the width of the rows under it."""
    cells = lines[index].strip().split("\t")
    below = [cell.strip() for cell in lines[index + 1].strip().split("\t")]
    # The first row under them (past a section's name: "I<tab>HOÀN THIỆN THỂ CHẾ").
    widths = (len(line.strip().split("\t")) for line in lines[index + 2 : index + 6])
    rows = next((width for width in widths if width >= 3), 0)
    if len(below) == 1 and below[0][:1].islower() and len(below[0]) <= 30 and rows == len(cells):
        return "\t".join([*cells[:-1], f"{cells[-1].strip()} {below[0]}"])
    if (
        len(below) >= 2
        and rows == len(cells) - 1 + len(below)
        and all(_TIME_SUB_HEADS.fullmatch(cell) for cell in below)
    ):
        return "\t".join([*cells[:-1], *(f"{cells[-1].strip()} {cell.lower()}" for cell in below)])
    return None


# What no text holds: replacement marks, control characters, private-use code points.
_NOT_TEXT = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _looks_binary(text: str) -> bool:
    return len(_NOT_TEXT.findall(text)) > max(3, len(text) // 50)


def _join_lines(lines: list[str]) -> list[str]:
    """Rebuild paragraphs from the lines of one block of hard-wrapped text."""
    lines = [line for line in lines if line]
    if not lines:
        return []
    width = _wide(lines)
    # A page copied with each paragraph's first line indented keeps it short: "Ủy ban nhân dân
    # các tỉnh: Đắk Lắk, Khánh Hòa, Gia" / "Lai và Lâm Đồng khẩn trương ..." is one sentence.
    first_lines = [
        line for previous, line in itertools.pairwise(lines) if _TERMINAL.search(previous)
    ]
    first_width = _wide(first_lines) if len(first_lines) >= 4 else width
    if first_width >= 0.75 * width:
        first_width = width
    paragraphs = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        wrapped_at = round(first_width * 0.9) if paragraphs[-1] == previous else width
        if _continues(paragraphs[-1], previous, line, wrapped_at):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _wide(lines: list[str]) -> int:
    """The width a block's lines are wrapped at: most lines reach it."""
    return sorted(len(line) for line in lines)[int(len(lines) * 0.9) - (len(lines) >= 10)]


# A marker that opens a list item or a numbered heading.
MARKER = re.compile(
    r"^\s*(?:[-–—+•●▪◦*]\s*(?=\S)|[IVXLC]{1,6}[.)]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|\d{1,2}\.\d[\d.]*\s"
    r"|[a-zđ][)]\s|[a-zđ]\.\s(?=[A-ZĐÀ-Ỹ])|\(\d{1,2}\)\.?\s|\(?[ivx]{1,5}\)\.?\s)"
)
_TERMINAL = re.compile(r"[.:;!?…]['\"”’)]*$|\./\.$")


def is_caps(line: str, *, letters_at_least: int = 3) -> bool:
    """A line in capitals: a heading, a letterhead."""
    if not line.isupper():
        return False  # a lowercase letter, or no letter at all
    return sum(char.isalpha() for char in line) >= letters_at_least


# Lines that always open a paragraph of their own in a directive's layout.
_OPENERS = re.compile(
    r"^(?:Kính gửi|Nơi nhận|Căn cứ|Xét đề nghị|Theo đề nghị|Số\s*:|V/v|KT\.|TM\.|TL\."
    r"|[^\d,;:.]{2,40}, ngày \d"
    # A news item's first sentence: "Ngày 01/3/2021, UBND tỉnh ...", after its headline, and the
    # paper's mark that opens it: "(BKG) - Ngày 4/3, ...", "(Baonghean) - Thực hiện ...".
    r"|Ngày \d{1,2}(?:\s*[/.-]\s*\d|\s+tháng)|\([A-ZĐ][\wĐđ.]{1,24}\)\s*[-–]"
    # An item counted in words: "Thứ nhất, ...", "Thứ hai, ..." (not the weekday "Thứ Hai").
    r"|Thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\s*[,:]"
    r"|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười) là\s*[,:]"
    # A web page's stamp under its headline: "16/04/2019 | 08:30".
    r"|\d{1,2}/\d{1,2}/\d{4}\s*(?:[|,-]\s*)?\d{1,2}(?::|h)\d{2})"
)
_PLACE_DATE_LINE = re.compile(r"^[^\d,;:.]{2,40}, ngày \d{1,2}\b.*\d{4}\.?$")


# A section's heading in capitals cut after a word or two, or after its numeral alone.
_ROMAN_CUT = re.compile(r"^[IVX]{1,5}\.(?:\s+[^\W\d_]+){0,2}$")
# (Not "Văn phòng Sở", "Thanh tra Bộ": a department's own office or inspectorate, named whole.)
_NAME_CUT = re.compile(
    r"(?<!\w)(?<!Văn phòng )(?<!Thanh tra )"
    r"(?:Bộ|Sở|Cục|Vụ|Chi cục|Tổng cục|Ủy ban|Uỷ ban|UBND|Phòng)$"
)


# An office's name cut at its dash, the line below looking like a bullet: "Phòng Tài chính" /
# "- Kế hoạch", "Phòng Văn hóa" / "- Xã hội", "Sở Lao động" / "- Thương binh và Xã hội".
_DASHED_NAME_CUT = re.compile(
    r"(?i)\b(?:tài chính|kế hoạch|lao động|kinh tế|văn hóa|văn hoá|tài nguyên|nông nghiệp"
    r"|giao thông)\n[-–]\s*(?:kế hoạch|đầu tư|thương binh|hạ tầng|xã hội|thông tin|thể thao"
    r"|môi trường|phát triển nông thôn|vận tải)\b"
)
_CLOSING_LINE = re.compile(r"\./\.\s*$")


def _continues(paragraph: str, previous: str, line: str, width: int) -> bool:
    """Whether a line carries on the paragraph above it (a wrapped line), or starts a new one."""
    if line[0].isdigit() and _BEFORE_NUMBER.search(previous) and " | " not in paragraph:
        # "Thanh Hóa, ngày 02 tháng 5 năm" / "2019": a number wrapped in its cell.
        return not _NUMBERED_ITEM.match(line)
    if _ROMAN_CUT.match(paragraph) and paragraph.isupper() and is_caps(line):
        # "V. TỔ" then "CHỨC THỰC HIỆN": one heading; not "CÔNG AN TỈNH THỰC HIỆN ... SAU:".
        return not MARKER.match(line) and not line.rstrip().endswith(":")
    if (
        line[0].isdigit()
        and re.match(r"\d{1,3}\)", line)
        and paragraph.count("(") > paragraph.count(")")
    ):
        return True  # "... theo từng môn chuyên (Mẫu" / "06) về Sở ...": no item "06)"
    if (
        line[0] in "-–"
        and len(previous) >= 0.75 * width
        and _DASHED_NAME_CUT.search(f"{previous}\n{line}")
    ):
        # "... phối hợp với Phòng Tài chính" / "- Kế hoạch rà soát ...", the line above wrapped
        # at the width: no bullet.
        return True
    if MARKER.match(line) or is_caps(line) or is_caps(previous) or " | " in paragraph:
        return False
    if " | " in line and previous.rstrip().endswith(":"):
        return False  # "... cụ thể như sau:" then the table's header row
    if MARKER.fullmatch(f"{paragraph} ") or (
        MARKER.match(paragraph) and _NAME_CUT.search(previous)
    ):
        # A marker alone on its line ("3." then "Sở Y tế:"), an item's agency cut after its head
        # word ("1. Vụ" then "Pháp chế"): the item goes on.
        return True
    if _OPENERS.match(line) or _PLACE_DATE_LINE.match(paragraph):
        return False
    if paragraph.startswith("V/v"):
        # The subject wraps in its narrow column: "V/v ... giai đoạn" / "2016-2020".
        return line[0].islower() or line[0].isdigit()
    if line[0].islower():
        return True
    if paragraph.count("(") > paragraph.count(")"):
        return True  # inside a parenthesis: "(Điện thoại:" / "0987.833.789)."
    if line[0] == "(" and not _TERMINAL.search(previous):
        return True  # "... Bộ Giáo dục và Đào tạo" / "(GDĐT) đề nghị ..."
    if previous.endswith((";", ":")) and len(previous) >= 0.9 * width:
        # A list run on in one paragraph: "Báo Kiên Giang;" / "Trường Chính trị ..."; not an item
        # ended, then the closing sentence: "- Bố trí lực lượng trực 24/24 giờ ...;" / "Văn phòng
        # thông báo để các cơ quan biết, thực hiện./.".
        return not (MARKER.match(paragraph) and _CLOSING_LINE.search(line))
    if _TERMINAL.search(previous):
        return False
    # An unfinished line that fills the width was wrapped; a short one ended its paragraph.
    return previous.endswith((",", "-", "(")) or len(previous) >= 0.75 * width


# --------------------------------------------------------------------------------------------
# Cleaning shared by all formats.
# --------------------------------------------------------------------------------------------

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
# Control characters count as spaces: a vertical tab (Word's manual line break, in text copied
# out of it) parts two words, and kept in a task's text it makes the Excel report fail. Not
# the newline: the .docx reader cleans a paragraph whole, then splits its lines on it.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000\x00-\x08\x0b-\x1f]+")
_SEPARATOR = re.compile(r"^[\s\-–—_=*.·•~]{3,}$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:/|trên|of)\s*\d{1,4})?\s*$",
    re.IGNORECASE,
)
# A page's number as a copied PDF keeps it, written so that no row's number reads the same.
_PAGE_MARK = re.compile(
    r"(?i)^\s*(?:(?:trang|page)\s*\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_CENTRED_PAGE_NUMBER = re.compile(r"^[ \t]{10,}\d{1,4}\s*$")
_SUPER_FOOTNOTE = re.compile(rf"^([{_SUPERSCRIPTS}]+)\s*(\S.*)$")
_BRACKET_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
# A superscript mark in the text; "m²", "km³" are units, not footnote marks.
_SUPER_MARK = re.compile(rf"(?<![\d\s]m)(?<![\s(]km)(?<!^m)[{_SUPERSCRIPTS}]+")
_BRACKET_MARK = re.compile(r"\s?\[(\d{1,3})\]")
_PAREN_MARK = re.compile(r"(?<=\w)\s?\((\d{1,2})\)(?=[\s.,;:]|$)")
# Bold or italic marks of a page saved as Markdown: "**Điều 1.**", "**- Chủ trì, phối hợp: **".
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=\S)([^*\n]*?\S)\s*\1(?![\w*])")


# Words a web page ran together: "BộXây dựng", "Bảo hiểmXã hội". A lowercase letter followed by a
# capital that starts a lowercase word is a missing space; codes ("GDTrH", "ThS.") and addresses
# keep their case.
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_GLUED = re.compile(rf"(?<=[{_LOWER}])(?=[{_LOWER.upper()}][{_LOWER}])")
_GLUED_TOKEN = re.compile(rf"\S*[{_LOWER}][{_LOWER.upper()}][{_LOWER}]\S*")
_ADDRESS = re.compile(r"@|://|www\.|\.(?:vn|com|net|org|gov)\b|[=?#_]", re.IGNORECASE)


def _unglue(match: re.Match[str]) -> str:
    token = match.group()
    # A brand has no marks: "MobiFone", "VietinBank" (a Vietnamese syllable glued on has them).
    return token if _ADDRESS.search(token) or token.isascii() else _GLUED.sub(" ", token)


# Syllables a PDF ran together: "thờihạn", "Bộlà", "Kế hoạchvà". A Vietnamese word is one
# syllable, so a run of letters with diacritics that is not one lost its spaces. Where to put
# them back is ambiguous ("cáchuyện": "các huyện" or "cá chuyện"), so the run is cut into the
# likeliest syllables of administrative text, by their counts in syllables.txt; a run that
# cannot be cut into known syllables ("Đắk", "Krông") is left as written.
_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_ONE_SYLLABLE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[{_VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
)
_MARKED_RUN = re.compile(rf"[{_LOWER}{_LOWER.upper()}]{{4,}}")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz")


@functools.cache
def _syllable_costs() -> dict[str, float]:
    counts: dict[str, int] = {}
    table = files("ingest").joinpath("syllables.txt").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line and not line.startswith("#"):
            syllable, count = line.split()
            counts[syllable] = int(count)
    total = sum(counts.values())
    return {syllable: math.log(total / count) for syllable, count in counts.items()}


def _split_syllables(match: re.Match[str]) -> str:
    return _syllables_of(match.group())


@functools.lru_cache(maxsize=8192)
def _syllables_of(word: str) -> str:
    low = word.lower()
    if set(low) <= _PLAIN or _ONE_SYLLABLE.fullmatch(low):
        return word
    costs = _syllable_costs()
    # best[i]: the cheapest cut of low[:i], as (cost, cut positions).
    best: list[tuple[float, list[int]] | None] = [(0.0, [])] + [None] * len(low)
    for i in range(len(low)):
        if (here := best[i]) is None:
            continue
        for j in range(i + 1, min(len(low), i + 7) + 1):
            cost = costs.get(low[i:j])
            if cost is None:
                continue
            there = best[j]
            if there is None or here[0] + cost < there[0]:
                best[j] = (here[0] + cost, [*here[1], j])
    if (found := best[-1]) is None:
        return word
    cuts = [0, *found[1]]
    return " ".join(word[a:b] for a, b in itertools.pairwise(cuts))


# Word's bullets drawn from a symbol font come out of a PDF as private-use characters (U+F0B7
# "", U+F0A7 "", U+F0D8 ""), and some as arrows and squares: all are a list item's dash.
_SYMBOL_BULLET = re.compile(r"^\s*[\uf000-\uf0ff➢►▸◆❖✓✔□■]\s*")


# A date's word run into its number by a web page: "tháng8 năm 2015", "ngày15/3".
_DATE_WORD_GLUED = re.compile(r"(?i)\b(ngày|tháng|năm|quý)(?=\d)")


# An item's number run into its first word: "1.UBND huyện ...", "2.Sở Tài nguyên ...".
_GLUED_MARKER = re.compile(r"^(\s*(?:\d{1,2}|[IVX]{1,4})\.)(?=[A-ZĐÀ-Ỹ])")


# A date a scan read with letters for digits: "3O/6/2017", "3l/7/2017", "15/1l/2023" (a day and
# a month each with a digit, and a year).
_SCANNED_DATE = re.compile(
    r"(?<![\w/])(?=[OolI]?\d|\d[OolI])([\dOolI]{1,2})(\s*/\s*)(?=[OolI]?\d|\d[OolI])([\dOolI]{1,2})"
    r"(\s*/\s*(?:19|20)\d\d)(?![\w/])"
)
_AS_DIGITS = str.maketrans("OolI", "0011")
# ... a quarter's numeral with an l for an I: "quý l/2023", "Quý Il/2022".
_SCANNED_QUARTER = re.compile(r"(?i)(\bquý\s+)([IV]*l[IVl]*)(?=\s*/\s*\d|\s+năm\b)")
# ... and a year with letters for its zeros: "tháng 5/2O19", "15/3/2O2O".
_SCANNED_YEAR = re.compile(
    r"(?<![\w/])(\d{1,2}\s*/\s*(?:\d{1,2}\s*/\s*)?)(2[0O][\dOo]{2})(?![\w/])"
)
# The other way round, a scan's zero for an O inside a word: "Ph0ng Nội vụ", "Đ0àn Thanh niên",
# "C0NG BÁO" (between two letters; no Vietnamese word holds a digit). The zero lost the vowel's
# mark: the words of an agency's name get it back ("Phòng", "Công an"), others keep a plain o.
# ("S0 Giao thông vận tải": at a word's end only where it is such a word.)
_SCANNED_O = re.compile(r"(?<![\w-])[^\W\d_]+0[^\W\d_]*(?![\w-])")
_LETTER_ZERO = re.compile(r"[^\W\d_]0")
_MARKED_O = {"phong": "phòng", "cong": "công", "so": "sở"}


def _scanned_o(match: re.Match[str]) -> str:
    word = match.group()
    plain = word.replace("0", "O" if word.replace("0", "").isupper() else "o")
    marked = _MARKED_O.get(plain.lower())
    if marked is None:
        return plain if not word.endswith("0") else word
    if plain.isupper() and len(plain) > 2:
        return marked.upper()
    return marked[0].upper() + marked[1:] if plain[0].isupper() else marked


def _scanned_year(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).translate(_AS_DIGITS)


def _scanned_date(match: re.Match[str]) -> str:
    day, month = (match.group(n).translate(_AS_DIGITS) for n in (1, 3))
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return match.group()
    return f"{day}{match.group(2)}{month}{match.group(4)}"


def clean_paragraph(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _SCANNED_DATE.sub(_scanned_date, text)
    if "/2" in text:
        text = _SCANNED_YEAR.sub(_scanned_year, text)
    if "ý" in text or "Ý" in text:  # "quý"
        text = _SCANNED_QUARTER.sub(lambda m: m.group(1) + m.group(2).replace("l", "I"), text)
    if _LETTER_ZERO.search(text):
        text = _SCANNED_O.sub(_scanned_o, text)
    text = _SYMBOL_BULLET.sub("- ", text)
    text = _DATE_WORD_GLUED.sub(r"\1 ", text)
    text = _GLUED_MARKER.sub(r"\1 ", text)
    text = _SPACES.sub(" ", text.replace("\u00ad", "")).strip()
    text = _GLUED_TOKEN.sub(_unglue, text)
    text = _MARKED_RUN.sub(_split_syllables, text)
    return "" if _SEPARATOR.match(text) else text


def finish_document(raw: Iterable[str], footnotes: dict[str, str]) -> Document:
    """Turn raw paragraphs into a Document: footnotes aside, page breaks mended, marks removed."""
    notes = dict(footnotes)
    body: list[str] = []
    candidates = [clean_paragraph(text) for text in raw]
    bracket_marks = {m.group(1) for text in candidates for m in _BRACKET_MARK.finditer(text)}
    for text in candidates:
        if not text or _PAGE_NUMBER.match(text):
            continue
        note = _SUPER_FOOTNOTE.match(text) or (
            _BRACKET_FOOTNOTE.match(text)
            if text.startswith("[") and text[1 : text.find("]")] in bracket_marks
            else None
        )
        if note:
            notes[note.group(1).translate(_SUPER_TO_DIGIT)] = note.group(2).strip()
            continue
        if body and _broken_by_page(body[-1], text):
            # A sentence cut by a page break (footnotes and page numbers sit in between).
            body[-1] = f"{body[-1]} {text}"
            continue
        body.append(text)
    cleaned: list[str] = []
    for text in body:
        text = _SUPER_MARK.sub("", text)
        text = _BRACKET_MARK.sub("", text)
        # "của UBND tỉnh(1);": the mark of a note under the rule, after a word.
        text = _PAREN_MARK.sub(lambda m: "" if m.group(1) in notes else m.group(), text)
        text = _EMPHASIS.sub(r"\2", text)
        text = _SPACES.sub(" ", text).strip()
        if text:
            cleaned.extend(_addressee_apart(text, cleaned[-1] if cleaned else ""))
    return Document(paragraphs=cleaned, footnotes=notes)


# A web page that ran "Kính gửi" into the letter's first paragraph: "Kính gửi: Ông (Bà) Hiệu
# trưởng các đơn vị. Thực hiện Kế hoạch số ..., Phòng ... yêu cầu ...".
_BODY_AFTER_ADDRESSEE = re.compile(
    r"(?<=[.;])\s+(?=(?:Thực hiện|Căn cứ|Theo|Để|Nhằm|Ngày \d|Trong|Tiếp theo|Tiếp tục|Qua"
    r"|Hiện nay|Vừa qua|Triển khai|Thời gian qua|Sau khi|Nhận được)\b)"
)


# The addressee's line run into the body without a stop, under a bare "Kính gửi:": "Hiệu trưởng
# các trường trên toàn thị xã Do tình trạng ngập lụt ...".
_BODY_AFTER_ADDRESSEE_LINE = re.compile(
    r"\s+(?=(?:Do|Thực hiện|Căn cứ|Để|Nhằm|Ngày \d|Tiếp theo|Sau khi|Nhận được|Trước tình hình"
    r"|Trong thời gian qua|Thời gian qua|Vừa qua|Hiện nay)[\s,])"
)
# The place and date line with "Kính gửi" run on: "Hà Nội, ngày 27 tháng 01 năm 2014 Kính gửi:".
_DATE_LINE_THEN_ADDRESSEE = re.compile(
    r"^[^.;]{0,60}?\bngày\s+\d{1,2}(?:\s+tháng\s+|\s*/\s*)\d{1,2}(?:\s+năm\s+|\s*/\s*)\d{4}"
    r"\s+(?=Kính gửi\b)"
)


def _addressee_apart(text: str, after: str = "") -> list[str]:
    """A web page's "Kính gửi" run into the letter's first paragraph, set apart."""
    if after.startswith("Kính gửi") and after.rstrip().endswith(":"):
        cut = _BODY_AFTER_ADDRESSEE_LINE.search(text, 0, 200)
        return [text] if cut is None else [text[: cut.start()], text[cut.end() :]]
    if date_line := _DATE_LINE_THEN_ADDRESSEE.match(text):
        return [date_line.group().rstrip(), *_addressee_apart(text[date_line.end() :])]
    if not text.startswith("Kính gửi"):
        return [text]
    cut = _BODY_AFTER_ADDRESSEE.search(text)
    if cut is None and (bare := re.match(r"Kính gửi\s*:?\s*", text)):
        # No stop after the addressee: the body's first words tell where it starts.
        cut = _BODY_AFTER_ADDRESSEE_LINE.search(text, bare.end(), bare.end() + 200)
    return [text] if cut is None else [text[: cut.start()], text[cut.end() :]]


# Words that a number follows: "theo quy định tại Khoản" / "3 - Điều 61 Luật Lâm nghiệp".
# "2. Sở Y tế ...": the next item, though the line before ends with "năm" ("... hằng năm").
_NUMBERED_ITEM = re.compile(r"\d{1,2}(?:\.\d{1,2})*[.)]\s+(?=[A-ZĐÀ-Ỹ])")
_BEFORE_NUMBER = re.compile(r"(?i)\b(?:khoản|điều|điểm|mục|số|ngày|tháng|năm|quý|tại)$")


def _broken_by_page(previous: str, text: str) -> bool:
    if " | " in previous or " | " in text:
        # A table's rows stand apart: "... | định kỳ hằng quý" / "2 | Kiểm tra ..." is the next.
        return False
    if text[0].isdigit() and _BEFORE_NUMBER.search(previous):
        # "... ngày" / "15/3/2024", but "... trước ngày 25/11 hàng năm" / "2. Sở Y tế ..." is
        # the next item.
        return not _NUMBERED_ITEM.match(text)
    return (
        text[0].islower()
        and not MARKER.match(text)  # "a) Bộ Tài chính:" under a heading with no colon
        and not _TERMINAL.search(previous)
        and not is_caps(previous)
    )


# --------------------------------------------------------------------------------------------
# .docx
# --------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _from_zip(data: bytes, name: str, max_bytes: int) -> Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise refusal("corrupt") from error
    if "word/document.xml" not in names:
        if "EncryptedPackage" in names:
            raise refusal("encrypted")
        raise refusal("corrupt" if name.endswith(".docx") else "unsupported_type")
    # A zip bomb: refuse what would unpack far beyond the size we accept.
    if unpacked > max(10 * max_bytes, 50_000_000):
        raise refusal("unpacks_too_large")
    _check_xml_size(archive, xml_limit(max_bytes))
    import docx

    document = docx.Document(io.BytesIO(data))
    legacy_fonts = _LegacyFonts(document)
    legacy_fonts.to_unicode(document.element.body)
    numbering = ListNumbering.of_docx(document)
    raw: list[str] = []
    for element in _body_blocks(document.element.body):
        if element.tag == f"{_W}p":
            text = _paragraph_text(element)
            marker = numbering.marker(element, document) if text else ""
            raw.append(f"{marker} {text}" if marker else text)
        elif element.tag == f"{_W}tbl":
            raw.extend(_layout_cells(element) or _table_rows(element))
    if _printed_lines(raw):
        raw = _rejoined(raw)
    return finish_document(raw, _docx_footnotes(document, legacy_fonts))


def _printed_lines(raw: list[str]) -> bool:
    """A Word file made from a PDF: a paragraph for each printed line, most of them full lines
    that stop mid-sentence."""
    lines = [text.strip() for text in raw if len(text.strip()) >= 20 and " | " not in text]
    if len(lines) < 12:
        return False
    lengths = sorted(len(line) for line in lines)
    unfinished = sum(not _TERMINAL.search(line) for line in lines)
    return lengths[len(lengths) * 3 // 4] <= 110 and unfinished >= len(lines) / 2


def _rejoined(raw: list[str]) -> list[str]:
    """The printed lines joined into paragraphs as a plain text's are (an empty one ends a
    block); a table's rows apart."""
    joined: list[str] = []
    block: list[str] = []
    for text in [*raw, ""]:
        if " | " in text or not text.strip():
            joined.extend(_join_lines([line.strip() for line in block]))
            block = []
            if text.strip():
                joined.append(text)
        else:
            block.append(text)
    return joined


# A real directive's XML is a few MB (its words, styles and numbering) even at 300 pages, and
# python-docx builds a tree of up to 25 bytes of memory per byte of it: a 150 KB zip of 150 MB
# of empty paragraphs would take gigabytes. So the XML is measured before anything is parsed.
_XML_FLOOR = 10 * _MEGABYTE  # whatever max_bytes: a 1 MB .docx of text unpacks to ~10 MB
_XML_PARTS = (".xml", ".rels")
_CHUNK = 64 * 1024  # what unpacking holds at once


def xml_limit(max_bytes: int) -> int:
    """The most a .docx's XML parts may unpack to together: half of max_bytes, 10 MB at least."""
    return max(max_bytes // 2, _XML_FLOOR)


def _check_xml_size(archive: zipfile.ZipFile, limit: int) -> None:
    """Refuse a .docx whose XML unpacks to more than `limit`: by the sizes the zip declares,
    then by unpacking it a chunk at a time, since the zip may lie (zipfile cuts a part at its
    declared size, but only once it has unpacked all it reads at once: a whole part, for
    python-docx) and a part cut short fails its checksum."""
    too_large = refusal("unpacks_too_large")
    parts = [info for info in archive.infolist() if info.filename.lower().endswith(_XML_PARTS)]
    if sum(info.file_size for info in parts) > limit:
        raise too_large
    left = limit
    for info in parts:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Word only deflates; bzip2 and LZMA unpack a whole block at once, unbounded.
            raise refusal("corrupt")
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                left -= len(chunk)
                if left < 0:
                    raise too_large


# What a table holds when it only lays out the letterhead or the signature side by side.
_LAYOUT_SIGN = re.compile(
    r"(?i)cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa|^\s*số\s*:|, ngày \d|^\s*nơi\s+nhận\b"
)


def _layout_cells(table: Any) -> list[str] | None:
    """The paragraphs of a letterhead or signature table, cell after cell ("ỦY BAN NHÂN DÂN /
    Số: 12/UBND" beside "CỘNG HÒA ... / Lai Châu, ngày ..."); None for a table of content."""
    rows = table.findall(f"{_W}tr")
    if not layout_shaped([len(row.findall(f"{_W}tc")) for row in rows]):
        return None
    return layout_lines(
        [
            _paragraph_text(paragraph, line_break="\n")
            for row in rows
            for cell in row.iterchildren(f"{_W}tc")
            for paragraph in cell.iter(f"{_W}p")
        ]
    )


def layout_shaped(cells_per_row: list[int]) -> bool:
    """Whether a table is small enough to lay out a letterhead or a signature: 3 × 3 at most."""
    return 0 < len(cells_per_row) <= 3 and max(cells_per_row) <= 3


def layout_lines(paragraphs: list[str]) -> list[str] | None:
    """The lines of a small table's paragraphs, cell after cell, if they are a letterhead's or
    a signature's; None for a table of content."""
    # A letterhead's lines are often one paragraph cut by line breaks.
    lines = [clean_paragraph(line) for paragraph in paragraphs for line in paragraph.split("\n")]
    lines = [line for line in lines if line]
    return lines if any(_LAYOUT_SIGN.search(text) for text in lines) else None


def _body_blocks(container: Any) -> Iterator[Any]:
    for child in container.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)


def _paragraph_text(paragraph: Any, line_break: str = " ") -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}noBreakHyphen"):
        if _read_elsewhere(node, paragraph):
            continue
        if node.tag == f"{_W}t":
            run = node.getparent()
            if _is_typed_footnote_mark(run, node.text or ""):
                continue
            parts.append(node.text or "")
        elif node.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif node.tag == f"{_W}br":
            parts.append(line_break)
        else:
            parts.append(" ")
    return clean_paragraph("".join(parts))


# Text in a paragraph's XML that is not the paragraph's: a text box anchored here is a block of
# its own; with Track Changes on, a moved paragraph is read where it went ("moveTo"), not where
# it was ("moveFrom"), as Word shows the changes accepted. A deletion's words are w:delText,
# never read, but its tabs and breaks are w:tab and w:br as anywhere else.
_READ_ELSEWHERE = frozenset({f"{_W}txbxContent", f"{_W}moveFrom", f"{_W}del"})


def _read_elsewhere(node: Any, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _READ_ELSEWHERE:
            return True
        parent = parent.getparent()
    return False


def _is_typed_footnote_mark(run: Any, text: str) -> bool:
    # Some offices type footnote numbers as superscript digits instead of real references.
    if run is None or not re.fullmatch(r"[\d*,\s]+", text):
        return False
    align = run.find(f"{_W}rPr/{_W}vertAlign")
    return align is not None and align.get(f"{_W}val") == "superscript"


def _table_rows(table: Any) -> list[str]:
    """Each row as one paragraph, cells joined by " | "; merged cells read once, in the grid."""
    rows: list[str] = []
    above: dict[int, str] = {}
    for row in table.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        column = 0
        for cell in row.iterchildren(f"{_W}tc"):
            properties = cell.find(f"{_W}tcPr")
            span = 1
            merge = None
            if properties is not None:
                grid_span = properties.find(f"{_W}gridSpan")
                if grid_span is not None:
                    span = int(grid_span.get(f"{_W}val", "1") or 1)
                merge = properties.find(f"{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val") != "restart":
                text = above.get(column, "")  # the continuation of a vertically merged cell
            else:
                texts = [_paragraph_text(p) for p in cell.iter(f"{_W}p")]
                text = " ".join(t for t in texts if t)
            above[column] = text
            # A cell spread over columns is read once; the columns it covers stay, empty, so
            # that every row keeps the grid ("Cơ quan thực hiện" over "Chủ trì | Phối hợp").
            cells.extend([text, *[""] * (span - 1)])
            column += span
        rows.append(row_text(cells, len(row.findall(f"{_W}tc"))))
    return rows


def row_text(cells: list[str], cell_count: int) -> str:
    """A table row as one paragraph, its cells joined by " | " ("" for a row with no text)."""
    if cell_count == 1:
        return cells[0]  # one cell across the row: a line ("II. Nhóm nhiệm vụ khác")
    return " | ".join(cells) if any(cells) else ""


def _docx_footnotes(document: Any, legacy_fonts: _LegacyFonts) -> dict[str, str]:
    from docx.oxml import parse_xml

    notes: dict[str, str] = {}
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/footnotes.xml":
            continue
        root = parse_xml(part.blob)
        legacy_fonts.to_unicode(root)
        for note in root.iterchildren(f"{_W}footnote"):
            if note.get(f"{_W}type") in (
                "separator",
                "continuationSeparator",
                "continuationNotice",
            ):
                continue
            text = " ".join(_paragraph_text(p) for p in note.iter(f"{_W}p")).strip()
            if text:
                notes[str(note.get(f"{_W}id"))] = text
    return notes


class _LegacyFonts:
    """The runs typed in a legacy font (".VnTime", "VNI-Times"), by their own font or their
    styles', as Word finds it: the run's, its character style's, its paragraph style's, the
    document's default."""

    def __init__(self, document: Any) -> None:
        root = self.styles_element = document.styles.element
        self.styles = {str(style.get(f"{_W}styleId")): style for style in root.iter(f"{_W}style")}
        self.default_paragraph_style = next(
            (
                style_id
                for style_id, style in self.styles.items()
                if style.get(f"{_W}type") == "paragraph"
                and style.get(f"{_W}default") in ("1", "true")
            ),
            None,
        )
        self.document_font = self._font_of(root.find(f"{_W}docDefaults/{_W}rPrDefault"))
        self.style_fonts: dict[str, str | None] = {}

    def to_unicode(self, root: Any) -> None:
        """Rewrite in Unicode the text of every run under `root` typed in a legacy font."""
        named = itertools.chain(self.styles_element.iter(f"{_W}rFonts"), root.iter(f"{_W}rFonts"))
        fonts = {
            name for node in named for name in (node.get(f"{_W}hAnsi"), node.get(f"{_W}ascii"))
        }
        if not any(font and legacy_encodings.encoding_of_font(font) for font in fonts):
            return  # a Unicode document, as nearly all are since 2002
        for run in root.iter(f"{_W}r"):
            font = self._run_font(run)
            encoding = legacy_encodings.encoding_of_font(font) if font else None
            if font and encoding:
                capitals = legacy_encodings.is_capitals_font(font)
                for node in run.iterchildren(f"{_W}t"):
                    node.text = legacy_encodings.to_unicode(
                        node.text or "", encoding, capitals=capitals
                    )

    def _run_font(self, run: Any) -> str | None:
        own = self._font_of(run)
        if own:
            return own
        character_style = run.find(f"{_W}rPr/{_W}rStyle")
        if character_style is not None:
            font = self._style_font(str(character_style.get(f"{_W}val")))
            if font:
                return font
        paragraph = run.getparent()
        while paragraph is not None and paragraph.tag != f"{_W}p":
            paragraph = paragraph.getparent()
        style = paragraph.find(f"{_W}pPr/{_W}pStyle") if paragraph is not None else None
        style_id = str(style.get(f"{_W}val")) if style is not None else self.default_paragraph_style
        return (self._style_font(style_id) if style_id else None) or self.document_font

    def _style_font(self, style_id: str) -> str | None:
        if style_id not in self.style_fonts:
            self.style_fonts[style_id] = None  # a style based on itself ends here
            style = self.styles.get(style_id)
            font = self._font_of(style)
            if not font and style is not None:
                based_on = style.find(f"{_W}basedOn")
                if based_on is not None:
                    font = self._style_font(str(based_on.get(f"{_W}val")))
            self.style_fonts[style_id] = font
        return self.style_fonts[style_id]

    @staticmethod
    def _font_of(element: Any) -> str | None:
        # Vietnamese letters are past ASCII: Word draws them in the "hAnsi" font.
        fonts = element.find(f"{_W}rPr/{_W}rFonts") if element is not None else None
        if fonts is None:
            return None
        return fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")


class ListNumbering:
    """Word's automatic list numbers, which are not in the text: "1.", "a)", "-" ...

    `levels` holds each list's levels by their number: the format ("decimal", "bullet" ...),
    the text ("%1.%2."), the number the level starts at."""

    def __init__(self, levels: dict[str, dict[int, tuple[str, str, int]]]) -> None:
        self.levels = levels
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def of_docx(cls, document: Any) -> ListNumbering:
        """The lists of a .docx (word/numbering.xml)."""
        numbering = cls({})
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            return numbering
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for level in node.iterchildren(f"{_W}lvl"):
                fmt = level.find(f"{_W}numFmt")
                text = level.find(f"{_W}lvlText")
                start = level.find(f"{_W}start")
                levels[int(level.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[str(node.get(f"{_W}abstractNumId"))] = levels
        for node in root.iterchildren(f"{_W}num"):
            ref = node.find(f"{_W}abstractNumId")
            if ref is not None:
                numbering.levels[str(node.get(f"{_W}numId"))] = abstract.get(
                    str(ref.get(f"{_W}val")), {}
                )
        return numbering

    def marker(self, paragraph: Any, document: Any) -> str:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            num_pr = self._style_numbering(paragraph, document)
        if num_pr is None:
            return ""
        num = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        num_id = num.get(f"{_W}val") if num is not None else None
        level = int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
        if not num_id or num_id == "0":
            return ""
        return self.number(num_id, level)

    def number(self, num_id: str, level: int) -> str:
        """The next marker of a list's level: its counter moves on, those below start over."""
        levels = self.levels.get(num_id, {})
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels.get(level, ("bullet", "-", 1))
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def render(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            level_fmt, _text, level_start = levels.get(index, ("decimal", "", 1))
            return _format_number(counters.get(index, level_start), level_fmt)

        return re.sub(r"%(\d)", render, text or f"%{level + 1}.").strip()

    @staticmethod
    def _style_numbering(paragraph: Any, document: Any) -> Any:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is None:
            return None
        try:
            style_id = style.get(f"{_W}val")
            element = next(s.element for s in document.styles if s.style_id == style_id)
        except (StopIteration, AttributeError):
            return None
        return element.find(f"{_W}pPr/{_W}numPr")


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        number = value
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    result = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            result += letters
            value -= number
    return result


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


def _from_pdf(data: bytes) -> Document:
    texts = _pdf_page_texts(data)
    # A PDF printed from a ".VnTime" or "VNI-Times" document keeps the codes as Latin-1 letters.
    legacy = legacy_encodings.encoding_of_text("".join(texts))
    if legacy:
        texts = [legacy_encodings.to_unicode(text, legacy, from_pdf=True) for text in texts]
    pages = [
        _without_signature_stamps(
            [line for line in (clean_paragraph(raw) for raw in text.split("\n")) if line]
        )
        for text in texts
    ]
    if not pages:
        raise refusal("corrupt")
    if sum(len(line) for lines in pages for line in lines) < 20:
        raise refusal("scanned_pdf")
    if any(_names_columns(line) for lines in pages for line in _with_short_runs(lines)):
        layouts = _pdf_page_layouts(data)
        if legacy:
            layouts = [legacy_encodings.to_unicode(page, legacy, from_pdf=True) for page in layouts]
    else:
        layouts = []  # no line names two columns: no table, and no second, slower reading
    if any(map(has_spaced_row, layouts)):
        # Perhaps a table: read where the text stands, over all the pages at once (a row may
        # run on to the next page), once the pages' heads and numbers are gone.
        placed = _drop_running_lines(
            [[ln for ln in lay.split("\n") if ln.strip()] for lay in layouts]
        )
        rows = _with_tables([line for page in placed for line in page])
        if rows is not None:
            return finish_document(
                _join_lines([line for line in map(clean_paragraph, rows) if line]), {}
            )
    pages = _drop_running_lines(pages)
    notes: dict[str, str] = {}
    for index, lines in enumerate(pages):
        pages[index] = _page_footnotes(lines, notes, above=pages[index - 1] if index else [])
    lines = unflatten_tables([line for page in pages for line in page])
    return finish_document(_join_lines(lines), notes)


# The stamp a digital signature (Ban Cơ yếu Chính phủ's) sets on a page: "Ký bởi: ...",
# "Email: ...", "Cơ quan: ...", "Thời gian ký: ...". It is the signature's text, not the
# directive's, and the only text of a signed scan.
_STAMP_OPENS = re.compile(r"(?i)^(?:ký bởi|người ký)\s*:")
_STAMP_CLOSES = re.compile(r"(?i)^(?:thời gian ký|ngày ký)\s*:")
_STAMP_LINES = 8  # the most lines a stamp runs over, its names wrapped


def _without_signature_stamps(lines: list[str]) -> list[str]:
    """A page's lines without the stamps of digital signatures on it."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if _STAMP_OPENS.match(lines[index]):
            window = range(index + 1, min(len(lines), index + _STAMP_LINES))
            close = next((i for i in window if _STAMP_CLOSES.match(lines[i])), None)
            if close is not None:
                index = close + 1
                continue
        kept.append(lines[index])
        index += 1
    return kept


# PDFium (Chrome's PDF reader) allows one call at a time in a process, whatever the document.
_PDFIUM = threading.Lock()


def _pdf_page_texts(data: bytes) -> list[str]:
    """Each page's text, its lines as they are set (PDFium reads seven times faster than pypdf)."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)  # an owner password alone still lets anyone read
        except pdfium.PdfiumError as error:
            code = "encrypted" if error.err_code == pdfium.raw.FPDF_ERR_PASSWORD else "corrupt"
            raise refusal(code) from error
        try:
            texts = []
            for page in pdf:
                text_page = page.get_textpage()
                texts.append(text_page.get_text_bounded())
                text_page.close()
                page.close()
        finally:
            pdf.close()
    # A superscript ends PDFium's line ("huyện⁶" / "; (ii) cấp xã"): the rest of it goes back.
    return [re.sub(r"\r?\n(?=[;,.:)])", "", text.replace("\r\n", "\n")) for text in texts]


def _pdf_page_layouts(data: bytes) -> list[str]:
    """Each page's text where it stands on the page, with spaces: pypdf's layout mode."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")  # PDFium opened it without a password: the owner's alone is set
    return [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]


# A PDF keeps no table, only text at positions; pypdf's layout mode puts the positions back as
# spaces. Lines of three or more runs of text set apart by two spaces or more are a table's rows.
_CELL = re.compile(r"\S+(?: \S+)*")
# The headings of a task table's columns: what tells a table from text spread wide on its line.
_HEADING_WORDS = re.compile(
    r"(?i)\b(?:s?tt|số\s+tt|nội\s+dung|nhiệm\s+vụ|công\s+việc|tên|chủ\s+trì|phối\s+hợp"
    r"|thời\s+gian|thời\s+hạn|tiến\s+độ|đơn\s+vị|cơ\s+quan|sản\s+phẩm|kết\s+quả|ghi\s+chú"
    r"|hình\s+thức(?:\s+văn\s+bản)?|cấp\s+trình|dự\s+kiến\s+kết\s+quả)\b"
)


_COMMON_WORDS = {"cơ quan", "đơn vị", "kết quả", "tên"}  # heading words that prose uses too


def _names_columns(line: str) -> bool:
    """A short line of plain text that names three columns: "TT Nội dung Cơ quan chủ trì Phối
    hợp Thời gian" (only then is a PDF read a second time, for the positions of its text)."""
    words = {" ".join(m.group().lower().split()) for m in _HEADING_WORDS.finditer(line)}
    return len(line) <= 150 and len(words - _COMMON_WORDS) >= 3


def _with_short_runs(lines: list[str]) -> Iterator[str]:
    """The lines, and the runs of short lines joined: a heading row whose cells wrap ("Cơ quan
    chủ" / "trì") comes out of a PDF one short piece a line."""
    yield from lines
    for start in range(len(lines)):
        run = list(itertools.takewhile(lambda line: len(line) <= 30, lines[start : start + 10]))
        if len(run) >= 3:
            yield " ".join(run)


# A gap between two columns of a layout reading: two spaces or more, text on both sides.
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def has_spaced_row(text: str) -> bool:
    """Whether a line of `text` has three runs of text set apart by two gaps of two spaces or
    more, the middle run two characters at least: a table row as a layout reading writes it.

    Each line's gaps are found in one pass, then its first and last compared: a regex spanning
    both gaps backtracked over a long line with none, for a time growing as the square of its
    length (a minute for a 100 KB paragraph)."""
    for line in text.split("\n"):
        gaps = [gap.span() for gap in _GAP.finditer(line)]
        if len(gaps) >= 2 and gaps[-1][0] - gaps[0][1] >= 2:
            return True
    return False


_GROUP_MARK = re.compile(r"[IVXLC]{1,6}|[A-ZĐ]|\d{1,2}")


def _with_tables(lines: list[str]) -> list[str] | None:
    """The lines, each table row as one line with its cells joined by " | " (None: no table).

    A row starts where its first column has text; a line whose first column is empty carries on
    the cells of the row above (a cell's text wrapped over several lines, or over a page)."""
    found = [[(m.start(), m.group()) for m in _CELL.finditer(line)] for line in lines]
    out: list[str] = []
    columns: list[int] | None = None
    rows: list[list[str]] = []
    tables = False
    for index, cells in enumerate(found):
        if columns is None:
            following = [c for c in found[index + 1 : index + 3] if c]
            headings = sum(bool(_HEADING_WORDS.match(text)) for _start, text in cells)
            if 3 <= len(cells) <= 10 and headings >= 2 and any(len(c) >= 3 for c in following):
                columns = [start + len(text) // 2 for start, text in cells]  # header centres
                rows.append([text for _start, text in cells])
                tables = True
            else:
                out.append(" ".join(text for _start, text in cells))
            continue
        if len(cells) == 1 and cells[0][0] <= min(columns[0], columns[1] // 2):
            out.extend(" | ".join(row) for row in rows)  # the text after the table
            rows.clear()
            columns = None
            out.append(cells[0][1])
            continue
        placed = [""] * len(columns)
        if len(cells) == 2 and placed and _GROUP_MARK.fullmatch(cells[0][1]):
            # A group's heading spans the row after its number: "II   Đánh giá, phân hạng".
            cells = [cells[0], (columns[1], cells[1][1])]
            placed[0], placed[1] = cells[0][1], cells[1][1]
            rows.append(placed)
            continue
        if len(cells) == len(columns):
            # As many runs as columns: one each, in order, however far the runs stand from their
            # headings (a row typed with two spaces between its cells).
            placed = [text for _start, text in cells]
        else:
            for start, text in cells:
                # The column whose heading is centred nearest to the text (cells may be centred).
                centre = start + len(text) // 2
                column = min(range(len(columns)), key=lambda i: abs(columns[i] - centre))
                placed[column] = f"{placed[column]} {text}".strip()
        if placed[0] or not rows:
            rows.append(placed)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], placed, strict=True)]
    out.extend(" | ".join(row) for row in rows)
    return out if tables else None


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page headers, footers and page numbers: lines repeated at the edges of pages."""
    if len(pages) < 2:
        return [
            [
                line
                for index, line in enumerate(page)
                if index < len(page) - 2 or not _PAGE_NUMBER.match(line)
            ]
            for page in pages
        ]
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_edge_key(line) for line in page[:2] + page[-2:]})
    threshold = max(2, (len(pages) + 1) // 2)
    running = {key for key, count in seen.items() if count >= threshold}
    cleaned = []
    for page in pages:
        kept = []
        for index, line in enumerate(page):
            at_edge = index < 2 or index >= len(page) - 2
            # A lone number inside the page is a table's cell ("2023"), not the page's number.
            if at_edge and (_PAGE_NUMBER.match(line) or _edge_key(line) in running):
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned


# "1 Giấy mời ...", or "1Giấy mời ..." where a word processor set the number as a superscript.
_PLAIN_NOTE = re.compile(r"^(\d{1,2})(?:\s+|(?=[^\W\d_]|[(“\"]))(\S.*)$")
# What a footnote's mark follows in the body: a word ("tỉnh2;"), or a year ("năm 20221.").
_BEFORE_MARK = r"(?:[^\W\d_)\]”\"]|(?<!\d)(?:19|20)\d\d)"
_FOOTNOTE_LINES = 8  # the most lines one footnote runs over


def _page_footnotes(lines: list[str], notes: dict[str, str], above: list[str]) -> list[str]:
    """Move the footnotes at the bottom of a page into notes (superscript or plain numbers).

    A note's mark may end the page above (a word processor keeps the note with the line that
    carries on): its last lines, ``above``, are searched too, and lose the mark in place."""
    body = list(lines)
    above_end = above[-3:]
    found: list[tuple[str, str]] = []
    index = len(body) - 1
    tail: list[str] = []
    while index > 0:
        line = body[index]
        match = _SUPER_FOOTNOTE.match(line) or _PLAIN_NOTE.match(line)
        if match is None:
            if len(tail) >= _FOOTNOTE_LINES:
                break
            tail.insert(0, line)  # a footnote that wraps onto a second line
            index -= 1
            continue
        number = match.group(1).translate(_SUPER_TO_DIGIT)
        page_text = " ".join([*above_end, *body[:index]])
        superscript = line[0] in _SUPERSCRIPTS
        glued = re.search(rf"{_BEFORE_MARK}[.,;:]?{number}(?!\d)", page_text)
        if not superscript and (glued is None or (found and int(found[0][0]) != int(number) + 1)):
            break
        found.insert(0, (number, " ".join([match.group(2), *tail])))
        tail = []
        index -= 1
        body = body[: index + 1]
    if not found:
        return lines
    for number, text in found:
        notes[number] = text
    numbers = "|".join(re.escape(number) for number, _ in found)
    glued_mark = re.compile(
        rf"(?:(?<=[^\W\d_)\]”\"])|(?<=(?<!\d)(?:19|20)\d\d))({numbers})(?=[\s.,;:]|$)"
    )
    above[-3:] = [glued_mark.sub("", line) for line in above_end]
    return [glued_mark.sub("", line) for line in body]
