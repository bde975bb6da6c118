"""Task tables that lost their borders: an OCR or PDF text copy writes each row on a line of its
own, its cells set apart by one space, under a header line of the columns' names:

    TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành
    1 Kiểm tra, xử lý văn bản quy phạm pháp luật Sở Tư pháp Các cơ quan liên quan Thường xuyên

The header says which cells a row holds and in which order; the agencies' names and the time
phrases are where a row's cells can be told apart. Each such row becomes the " | "-joined row a
.docx table gives, for the task table reader."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.agencies import Catalogue, fold
from ingest.words import TASK_VERB

# The names a task table gives its columns, by what a cell of the column holds.
_COLUMNS = (
    ("number", r"stt|tt|so\s+tt"),
    ("lead", r"(?:co\s+quan|don\s+vi|bo\s+phan)(?:\s*[,/]\s*(?:don\s+vi|co\s+quan))?"
     r"\s+(?:chu\s+tri|thuc\s+hien|phu\s+trach)"
     r"(?:\s+thuc\s+hien)?|chu\s+tri|trach\s+nhiem\s+thuc\s+hien"),
    ("cooperating", r"(?:co\s+quan|don\s+vi)(?:\s*[,/]\s*(?:don\s+vi|co\s+quan))?\s+phoi\s+hop"
     r"(?:\s+thuc\s+hien)?|phoi\s+hop"),
    ("time", r"thoi\s+(?:gian|han)(?:\s+(?:hoan\s+thanh|thuc\s+hien|trinh|ban\s+hanh))?"
     r"|tien\s+do(?:\s+thuc\s+hien)?|lo\s+trinh(?:\s+thuc\s+hien)?"),
    ("content", r"noi\s+dung(?:\s+(?:nhiem\s+vu|cong\s+viec|hoat\s+dong|cong\s+tac))?"
     r"|nhiem\s+vu(?:\s+(?:cu\s+the|trong\s+tam))?|ten\s+(?:nhiem\s+vu|cong\s+viec)|cong\s+viec"),
    ("other", r"san\s+pham(?:\s+(?:dau\s+ra|du\s+kien))?|ket\s+qua(?:\s*/\s*san\s+pham)?"
     r"(?:\s+(?:dau\s+ra|du\s+kien))?|ghi\s+chu|kinh\s+phi|nguon\s+kinh\s+phi"),
)  # fmt: skip
_COLUMN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _COLUMNS))

# A row opens with its number ("1", "12", "2.3"); a section's row with a Roman numeral or a
# capital letter ("I Cải cách thể chế").
_ROW = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?=[A-ZĐÀ-Ỹ\"“(])")
_SECTION = re.compile(r"^\s*(?P<number>[IVX]{1,5}|[A-Z])[.)]?\s+(?=[A-ZĐÀ-Ỹ])")
_PAGE_NUMBER = re.compile(r"^\s*-?\s*\d{1,3}\s*-?\s*$")
# What follows a table: the plan's next part ("III. TỔ CHỨC THỰC HIỆN"), its recipients.
_AFTER_TABLE = re.compile(r"^\s*(?:(?:[IVX]{1,5}|\d{1,2})\.\s+[A-ZĐÀ-Ỹ\s,]+$|nơi\s+nhận)", re.I)

# A time cell, folded: "Thường xuyên", "Quý I/2024", "Tháng 6-10/2019", "30/6/2024", "Trước 20/4",
# "Năm 2024", "2024-2025", "6 tháng đầu năm 2024", "Hằng quý", "Trước Tết Nguyên đán".
_YEAR = r"(?:19|20)\d\d"
_TIME = re.compile(
    r"(?:(?:truoc|trong|cham\s+nhat|xong|hoan\s+thanh)\s+(?:ngay\s+)?)?"
    r"(?:\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?"
    rf"|(?:cuoi\s+)?thang\s+\d{{1,2}}(?:\s*(?:-|–|,|va)\s*\d{{1,2}})*(?:\s*/\s*{_YEAR}|\s+nam\s+{_YEAR})?"
    r"|quy\s+(?:[ivx]+|[1-4])(?:\s*(?:,|-|–|va)\s*(?:quy\s+)?(?:[ivx]+|[1-4]))*"
    rf"(?:\s*/\s*{_YEAR}|\s+nam\s+{_YEAR})?"
    rf"|(?:nam\s+)?{_YEAR}(?:\s*(?:-|–|,)\s*{_YEAR})*"
    rf"|(?:6|sau)\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+{_YEAR})?"
    r"|thuong\s+xuyen(?:\s*,\s*lien\s+tuc)?|(?:dinh\s+ky\s+)?hang\s+(?:nam|quy|thang|tuan)"
    r"|(?:ngay\s+)?\d{1,2}\s+(?:hang|moi)\s+thang"  # "Trước ngày 20 hằng tháng"
    r"|tet\s+nguyen\s+dan(?:\s+[a-z]+\s+[a-z]+)?"
    r"|theo\s+(?:ke\s+hoach|tien\s+do|yeu\s+cau|chi\s+dao)(?:\s+[a-z]+){0,3})"
    r"(?![\w/])"
)
# Between two agencies of one cell: "Sở Nội vụ, Sở Tài chính", "Công an tỉnh và các sở, ngành".
_SAME_CELL = re.compile(r"\s*(?:,|;|/|&|\+|\bvà\b|\bvới\b)\s*", re.I)
_GENERIC = Catalogue([])
_AGENCY = ("lead", "cooperating")
# Where another agency's name starts inside what reads as one: its head word, in capitals, not
# after a word that ties it to the name before ("Văn phòng UBND tỉnh", "HĐND và UBND", "Thanh
# tra Sở").
_NEXT_NAME = re.compile(
    r"(?i:(?<!\bvà\s)(?<!\bcủa\s)(?<!\bthuộc\s)(?<!\bphòng\s)(?<!\bvới\s)(?<!\bcho\s)(?<!\btra\s))"
    r"(?<=\w\s)(?:Sở|Trung tâm|Phòng|Chi cục|Bưu điện|Viễn thông|Viettel|Tỉnh đoàn|Bảo hiểm|Báo|Đài"
    r"|Công an|UBND|Ủy ban|Uỷ ban|Bệnh viện|Các|Văn phòng|Hội đồng|Kho bạc|Hội|Ban)(?!\w)"
)
# The verbs a content cell opens with, where an agency's cell before it ends.
_CELL_VERB = re.compile(
    rf"(?<![a-z])(?:{TASK_VERB}|thanh\s+tra|tap\s+huan|danh\s+gia|so\s+ket|tong\s+ket|van\s+hanh"
    r"|dien\s+tap|so\s+hoa|ket\s+noi|tich\s+hop|nang\s+cap|san\s+xuat|huong\s+ung|lam\s+sach"
    r"|pho\s+bien|phun|cap)(?![a-z])"
)


@dataclass
class _Span:
    start: int
    end: int


def unflatten_tables(lines: list[str]) -> list[str]:
    """The lines of a text, each flattened task table's header and rows as " | "-joined rows
    (a row run over two lines joined again, a repeated header and page numbers left out)."""
    out: list[str] = []
    columns: list[str] | None = None
    row: str | None = None
    expected = 1
    for line in lines:
        if header := _header(line):
            kinds = [kind for kind, _name in header]
            if kinds != columns:
                if row is not None and columns is not None:
                    out.append(_split(row, columns))
                    row = None
                columns, expected = kinds, 1
                out.append(" | ".join(name for _kind, name in header))
            continue  # (the header again, after a page break)
        if columns is None:
            out.append(line)
            continue
        if not line.strip() or _PAGE_NUMBER.match(line):
            continue
        number = _ROW.match(line)
        if number and int(number.group("number").split(".")[0]) in (expected, expected - 1):
            if row is not None:
                out.append(_split(row, columns))
            row = line.strip()
            if "." not in number.group("number"):
                expected = int(number.group("number")) + 1
        elif _SECTION.match(line) and not _AFTER_TABLE.match(line) and len(line) <= 150:
            if row is not None:
                out.append(_split(row, columns))
                row = None
            section = _SECTION.match(line)
            assert section is not None
            out.append(f"{section.group('number')}. {line[section.end() :].strip()}")
        elif row is not None and len(line) <= 200 and not _AFTER_TABLE.match(line):
            row = f"{row} {line.strip()}"  # the row goes on: a cell wrapped over two lines
        else:
            if row is not None:
                out.append(_split(row, columns))
            out.append(line)
            row, columns = None, None
    if row is not None and columns is not None:
        out.append(_split(row, columns))
    return out


def _header(line: str) -> list[tuple[str, str]] | None:
    """The kind and the name of each column of a flattened header, in order, if the line is only
    columns' names: a number, a content and at least one other column."""
    folded = fold(line)
    if "|" in line or "\t" in line or len(folded.strip()) > 200:
        return None
    columns: list[tuple[str, str]] = []
    position, end = len(folded) - len(folded.lstrip()), len(folded.rstrip())
    while position < end:
        column = _COLUMN.match(folded, position)
        if column is None or (column.end() < end and folded[column.end()] != " "):
            return None
        columns.append((column.lastgroup or "other", line[column.start() : column.end()]))
        position = column.end() + 1
    kinds = [kind for kind, _name in columns]
    if len(kinds) < 3 or kinds[0] != "number" or "content" not in kinds:
        return None
    return columns


def _split(row: str, columns: list[str]) -> str:
    """A flattened row's cells, by the header's columns. The time cell is the row's last time
    phrase; agencies' cells read from the end of the text on either side of it (those before the
    content from its start), an agency cell right after the time taking what is left there; what
    remains of the text is the content (a product's cell beside the content stays in it)."""
    number = _ROW.match(row)
    if number is None:
        return row
    text = row[number.end() :].rstrip(" ;,")
    times = [
        _Span(m.start(), m.end())
        for m in _TIME.finditer(fold(text))
        if (text[m.start()].isupper() or text[m.start()].isdigit())
        and (m.start() == 0 or text[m.start() - 1] == " ")
    ]
    runs = _agency_runs(text, times)
    content_at = columns.index("content")
    time_at = columns.index("time") if "time" in columns else None
    cells: dict[int, str] = {0: number.group("number")}
    left, right = 0, len(text)
    for index in range(1, content_at):  # an agency before the content: "TT Đơn vị chủ trì Nhiệm vụ"
        run = next((r for r in runs if r.start == left), None)
        if columns[index] in _AGENCY and run is not None:
            cells[index], left = text[run.start : run.end], run.end
    if time_at is not None and time_at > content_at and times and times[-1].start >= left:
        time = times[-1]
        cells[time_at] = text[time.start : time.end]
        tail = range(time_at + 1, len(columns))
        _from_right(text, time.end, len(text), list(tail), columns, runs, cells, rest=True)
        right = time.start
        middle = list(range(content_at + 1, time_at))
    else:
        middle = list(range(content_at + 1, len(columns)))
    right = _from_right(text, left, right, middle, columns, runs, cells, rest=False)
    lead = columns.index("lead") if "lead" in columns else None
    helping = columns.index("cooperating") if "cooperating" in columns else None
    if lead is not None and helping is not None and not cells.get(lead) and cells.get(helping):
        # The helpers' cell left empty: the one agency named leads.
        cells[lead], cells[helping] = cells[helping], ""
    cells[content_at] = text[left:right].strip(" ,;")
    return " | ".join(cells.get(index, "") for index in range(len(columns)))


def _named_before(words: str) -> bool:
    """Whether the words before a possible cut hold a name, not only its head ("Sở Giáo dục":
    "Giáo" is no verb "giao" there)."""
    return len(words.split()) >= 2 and _HEAD_ONLY.fullmatch(fold(words).strip()) is None


_HEAD_ONLY = re.compile(
    r"so|phong|ban|cuc|chi\s+cuc|trung\s+tam|van\s+phong|uy\s+ban|ubnd|hoi(?:\s+dong)?"
    r"|benh\s+vien|cong\s+ty|dai|bao|vien|truong|hat|tram|doi|thanh\s+tra"
)


def _from_right(
    text: str,
    start: int,
    end: int,
    indexes: list[int],
    columns: list[str],
    runs: list[_Span],
    cells: dict[int, str],
    *,
    rest: bool,
) -> int:
    """Fill the cells of the columns at ``indexes`` from the text between start and end, from
    the right: each agency's cell is the last name that ends where the text does; with ``rest``,
    the first column takes whatever is left (a cell the recogniser does not know: "Thành viên Hội
    đồng", "Các đơn vị y tế trực thuộc"). Returns where the cells begin."""
    for position, index in enumerate(reversed(indexes)):
        first = position == len(indexes) - 1
        stop = len(text[:end].rstrip(" ,;"))
        if rest and first:
            cells[index] = text[start:stop].strip(" ,;")
            return start
        if columns[index] not in _AGENCY:
            if rest:
                continue
            break  # a product beside the content: it stays with the content
        # (A cell starts with a capital: "... cho các đơn vị sự nghiệp công lập" is content.)
        run = next(
            (
                r
                for r in reversed(runs)
                if r.end == stop and r.start >= start and text[r.start].isupper()
            ),
            None,
        )
        if run is None:
            continue
        cells[index], end = text[run.start : run.end], run.start
    return end


def _agency_runs(text: str, times: list[_Span]) -> list[_Span]:
    """The agencies a row names, those of one cell together ("Sở Nội vụ, Sở Tài chính"); a cell
    ends where the next agency's name follows after a space alone. A name read on into the next
    cell's capital ("Phòng Quản lý đất đai Thẩm định hồ sơ", "Đài Truyền thanh huyện Thường
    xuyên") ends where that cell starts: a verb of the work, or a time."""
    folded = fold(text)
    cells_open = {span.start for span in times} | {
        m.start() for m in _CELL_VERB.finditer(folded) if text[m.start()].isupper()
    }
    names_open = {m.start() for m in _NEXT_NAME.finditer(text)}
    runs: list[_Span] = []
    for mention in _GENERIC.find_mentions(text):
        named = [at for at in sorted(cells_open | names_open) if mention.start < at < mention.end]
        named = [at for at in named if _named_before(text[mention.start : at])]
        end = min((at for at in named if at in cells_open), default=mention.end)
        end = len(text[:end].rstrip(" ,;"))
        # "Trung tâm Y tế dự phòng tỉnh Trung tâm Y tế các huyện": two cells' agencies.
        cuts = [at for at in named if at in names_open and at < end]
        for start, stop in zip([mention.start, *cuts], [*cuts, end], strict=True):
            span = _Span(start, len(text[:stop].rstrip(" ,;")))
            gap = text[runs[-1].end : span.start] if runs else None
            if gap is not None and _SAME_CELL.fullmatch(gap) and gap.strip():
                runs[-1].end = span.end
            else:
                runs.append(span)
    return runs


# A stacked table (each cell on a line of its own, as a web page or a PDF copied as plain text
# gives it): its number column's name, a row's number, a group's or a section's.
SERIAL_HEADING = re.compile(r"(?i)^\s*(?:s?tt|số\s+tt)\s*$")
ROW_NUMBER = re.compile(r"^\s*(\d{1,3})\.?\s*$")
SUB_ROW_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s*$")  # "1.2": a row under a group
SECTION_NUMBER = re.compile(r"^\s*(?:[IVX]{1,5}|[A-Z])\.?\s*$")
# The first line of a column's name over two lines: "Cơ quan" then "chủ trì".
_HEAD_OF_NAME = re.compile(
    r"co\s+quan|don\s+vi|thoi\s+gian|thoi\s+han|noi\s+dung|san\s+pham|ket\s+qua"
)
_PROSE = re.compile(r"(?i)^(?:nơi\s+nhận|(?:[IVX]{1,5}|\d{1,2})\.\s+\S.{3,})")


def stacked_rows(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The rows of a stacked table whose number column's name is the line at ``start``, read
    where its rows' lines do not fill their cells one a line (a header's name over two lines, a
    cell run over two lines, one left out, a section's name over two lines, a group's row with no
    cells over its sub-rows): each row's lines read as a flattened row. And where it ends."""
    if not SERIAL_HEADING.match(lines[start]):
        return None
    names = [lines[start].strip()]
    index = start + 1
    while index < len(lines):
        line = lines[index].strip()
        if line and (ROW_NUMBER.match(line) or SECTION_NUMBER.match(line)):
            break
        if len(line) > 60 or len(names) > 8:
            return None
        if line and line[0].islower() and len(names) > 1:
            names[-1] = f"{names[-1]} {line}"  # "Thời gian" then "hoàn thành"
        elif line and not (_COLUMN.match(fold(line)) or _HEAD_OF_NAME.fullmatch(fold(line))):
            return None
        elif line:
            names.append(line)
        index += 1
    kinds = ["number", *(_kind(name) for name in names[1:])]
    if len(kinds) < 3 or "content" not in kinds:
        return None
    blocks, end = _stacked_blocks(lines, index, len(kinds))
    if sum(kind != "section" for kind, _number, _lines in blocks) < 2:
        return None
    rows = [" | ".join(names)]
    for position, (kind, number, cells) in enumerate(blocks):
        if not cells:
            continue  # a row's number with nothing under it: an empty row
        following = blocks[position + 1][0] if position + 1 < len(blocks) else None
        if kind == "section":
            rows.append(f"{number}. {' '.join(cells)}")  # "II. Cải cách thủ tục hành chính"
            continue
        if following == "sub" and kind == "row" and len(cells) == 1:
            # A group's row over its sub-rows: its name, its other cells empty.
            rows.append(" | ".join([number, cells[0], *[""] * (len(kinds) - 2)]))
            continue
        cells = _unwrapped(cells)
        if len(cells) != len(kinds) - 1:
            cells = _aligned(cells, kinds[1:])
        rows.append(" | ".join([number, *cells]))
    return rows, end


def _aligned(lines: list[str], kinds: list[str]) -> list[str]:
    """A row's lines put in its columns, in order, when they are not one a column: a cell may
    run over several lines, or be left out; a line that names agencies fits an agency's column,
    a time a time's, any other the content or a product's."""
    fits = [[_fit(line, kind) for kind in kinds] for line in lines]
    # best[i][j]: the best score of lines[:i + 1] with line i in column j.
    best = [[-1e9] * len(kinds) for _ in lines]
    came = [[0] * len(kinds) for _ in lines]
    for j in range(len(kinds)):
        best[0][j] = fits[0][j] - _SKIPPED * j - (_LEFT_OUT if j > kinds.index("content") else 0)
    for i in range(1, len(lines)):
        for j in range(len(kinds)):
            for k in range(j + 1):
                score = best[i - 1][k] + fits[i][j]
                if k < j:
                    score -= _SKIPPED * (j - k - 1)
                    if k < kinds.index("content") < j:
                        score -= _LEFT_OUT
                if score > best[i][j]:
                    best[i][j], came[i][j] = score, k
    last = max(range(len(kinds)), key=lambda j: best[-1][j] - _SKIPPED * (len(kinds) - 1 - j))
    columns = [last]
    for i in range(len(lines) - 1, 0, -1):
        columns.append(came[i][columns[-1]])
    columns.reverse()
    cells = [""] * len(kinds)
    for line, column in zip(lines, columns, strict=True):
        cells[column] = f"{cells[column]} {line}".strip()
    return cells


_SKIPPED = 0.5  # a column left empty
_LEFT_OUT = 10.0  # the content left empty


def _fit(line: str, kind: str) -> float:
    folded = fold(line).strip(" .;,")
    timed = _TIME.fullmatch(folded) is not None
    mentions = _GENERIC.find_mentions(line)
    named = bool(mentions) and mentions[0].start <= 4 and len(line) <= 120 and not timed
    if kind == "time":
        return 3.0 if timed else -3.0
    if kind in _AGENCY:
        return 3.0 if named else -3.0
    if kind == "content":
        return -3.0 if timed else 0.0 if named else 1.0
    return -3.0 if timed else -1.0 if named else 0.5


def _kind(name: str) -> str:
    column = _COLUMN.fullmatch(fold(name))
    return (column.lastgroup or "other") if column else "other"


def _stacked_blocks(
    lines: list[str], index: int, width: int
) -> tuple[list[tuple[str, str, list[str]]], int]:
    """A stacked table's rows, each its kind ("row", "sub", "section"), number and lines."""
    blocks: list[tuple[str, str, list[str]]] = []
    expected = 1
    while index < len(lines):
        line = lines[index].strip()
        row = ROW_NUMBER.match(line)
        if not line:
            pass
        elif row and int(row.group(1)) == expected:
            blocks.append(("row", row.group(1), []))
            expected += 1
        elif (sub := SUB_ROW_NUMBER.match(line)) and blocks:
            blocks.append(("sub", sub.group(1), []))
        elif SECTION_NUMBER.match(line):
            blocks.append(("section", line.rstrip("."), []))
        elif row and _next_filled(lines, index) == str(expected):
            pass  # a page's number between two rows
        elif not blocks or _PROSE.match(line) or len(line) > 200:
            break
        elif len(blocks[-1][2]) >= 2 * width:
            break  # more lines than a row holds: the text after the table
        else:
            blocks[-1][2].append(line)
        index += 1
    while blocks and not blocks[-1][2]:
        blocks.pop()
    return blocks, index


def _next_filled(lines: list[str], index: int) -> str | None:
    return next((line.strip() for line in lines[index + 1 :] if line.strip()), None)


def _unwrapped(cells: list[str]) -> list[str]:
    """A row's lines, a line that starts in lower case joined to the one above (a cell run over
    two lines)."""
    joined: list[str] = []
    for cell in cells:
        if joined and cell[:1].islower():
            joined[-1] = f"{joined[-1]} {cell}"
        else:
            joined.append(cell)
    return joined
