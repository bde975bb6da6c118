"""Read a Word 97-2003 file (.doc): its paragraphs, list numbers, table rows and footnotes, as
[MS-DOC] lays them out in the OLE container's "WordDocument" and "0Table"/"1Table" streams."""

from __future__ import annotations

import bisect
import io
import itertools
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass

import olefile

from ingest import legacy_encodings
from ingest.text import (
    Document,
    ListNumbering,
    UnreadableDocument,
    clean_paragraph,
    finish_document,
    layout_lines,
    layout_shaped,
    refusal,
    row_text,
)

__all__ = ["from_doc"]

_WORD97 = 0xA5EC  # the FIB's wIdent in a Word 97-2003 file
_WORD6 = 0xA5DC  # ... in a Word 6.0 or Word 95 file
_FIRST_WORD97_FIB = 106  # Word 6.0 writes nFib 101, Word 95 104; Word 97 193 and on
_ENCRYPTED = 0x0100  # fEncrypted, in the FIB's flags
_TABLE_1 = 0x0200  # fWhichTblStm: the table stream is "1Table", not "0Table"
_FIB_BASE = 32  # the FibBase's size: csw and the rest of the FIB follow

# The pairs of FibRgFcLcb: where each structure stands in the table stream, and its size.
_FOOTNOTE_TEXTS = 3  # PlcffndTxt
_PARAGRAPH_PROPERTIES = 13  # PlcBtePapx
_PIECES = 33  # Clx
_LISTS = 73  # PlfLst
_LIST_USES = 74  # PlfLfo

_PAGE = 512  # a PapxFkp's size
_COMPRESSED = 0x40000000  # a piece's text in 8 bits, at half its fc
# Windows-1252's letters in 0x80-0x9F, which 8-bit text means there; the bytes that code page
# leaves undefined keep their own code, as [MS-DOC] 2.4.1 says.
_CP1252 = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}

# Paragraph properties (sprms) that tell where a paragraph stands.
_ROW_END = 0x2417  # sprmPFTtp: this mark ends a table row
_INNER_ROW_END = 0x244C  # sprmPFInnerTtp: ... a row of a table nested in a cell
_IN_TABLE = 0x2416  # sprmPFInTable: the paragraph is in a cell
_ROW_SHAPE = 0xD608  # sprmTDefTable: the row's cell edges; its size in 2 bytes, one too many
_LIST = 0x460B  # sprmPIlfo: the list (LFO) the paragraph is numbered in, from 1
_LIST_LEVEL = 0x260A  # sprmPIlvl
_CHANGE_TABS = 0xC615  # sprmPChgTabs: its size in a byte, or 255 to count the tabs
# The size of a sprm's operand by its spra (bits 13-15); 6 is variable, sized by its first byte.
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_VERTICAL_MERGE, _VERTICAL_RESTART = 0x0020, 0x0040  # a TC80's flags: the cell above goes on

# A list level's number format (nfc), in the names of the .docx's numbering.
_FORMATS = {
    0: "decimal",
    1: "upperRoman",
    2: "lowerRoman",
    3: "upperLetter",
    4: "lowerLetter",
    22: "decimalZero",
    23: "bullet",
    255: "none",
}

# What ends a paragraph (its mark, a page or section break, a column break) or a cell, and
# what opens a field, parts its code from its result, and closes it.
_MARKS = re.compile("[\r\x0c\x0e\x07\x13\x14\x15]")
# A non-breaking hyphen; a line break, read as a space or, in a letterhead's cell, a new line;
# dropped: pictures and objects, footnote and comment marks, optional hyphens.
_CHARACTERS = {0x1E: "-", 0x0B: "\n", **dict.fromkeys(b"\x00\x01\x02\x05\x08\x1f")}


def from_doc(data: bytes, max_bytes: int) -> Document:
    """Read a Word 97-2003 file; refuse Word 6 and 95, a password and a broken structure."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                # Its directory broken, or another Office file named ".doc": not what it says.
                raise refusal("corrupt")
            text = _read(ole, max_bytes)
        legacy = legacy_encodings.encoding_of_text(text.chars)
        if legacy == "tcvn3":
            # TCVN3's "ư" is Latin-1's soft hyphen, which Word stores as its optional hyphen.
            text.chars = text.chars.replace("\x1f", "\xad")
        raw = [line for block in _blocks(text, 0, text.ccp_text, numbered=True) for line in block]
        notes = [
            [line for block in _blocks(text, *cps) for line in block] for cps in text.footnotes
        ]
    except UnreadableDocument:
        raise
    # What olefile raises for a broken container, and struct for a structure cut short.
    except (struct.error, IndexError, KeyError, ValueError, TypeError, OSError) as error:
        raise refusal("corrupt") from error
    if legacy:
        # Typed in ".VnTime" or "VNI-Times" fonts: Word keeps the codes, which only the fonts
        # showed as Vietnamese letters (whether it stored them in 8 bits or in UTF-16).
        raw = [legacy_encodings.to_unicode(line, legacy) for line in raw]
        notes = [[legacy_encodings.to_unicode(line, legacy) for line in note] for note in notes]
    # Footnotes are numbered in their order, as Word numbers them unless told otherwise.
    numbered = {
        str(n): " ".join(filter(None, map(clean_paragraph, note)))
        for n, note in enumerate(notes, 1)
    }
    return finish_document(raw, {mark: note for mark, note in numbered.items() if note})


@dataclass
class _Text:
    """The characters of the main text and the footnotes, and the paragraphs' properties."""

    chars: str
    ccp_text: int
    footnotes: list[tuple[int, int]]  # where each footnote's text starts and ends
    properties: dict[int, dict[int, bytes]]  # the sprms of the paragraph each mark ends
    numbering: ListNumbering


def _read(ole: olefile.OleFileIO, max_bytes: int) -> _Text:
    word = _stream(ole, "WordDocument", max_bytes)
    ident, version, _, _, _, flags = struct.unpack_from("<HHHHHH", word, 0)
    if ident == _WORD6 or (ident == _WORD97 and version < _FIRST_WORD97_FIB):
        raise refusal("legacy_doc")
    if ident != _WORD97:
        raise refusal("corrupt")
    if flags & _ENCRYPTED:
        raise refusal("encrypted")
    table_name = "1Table" if flags & _TABLE_1 else "0Table"
    if not ole.exists(table_name):
        raise refusal("legacy_doc")  # Word 6 and 95 kept everything in WordDocument
    table = _stream(ole, table_name, max_bytes)

    offset = _FIB_BASE
    (csw,) = struct.unpack_from("<H", word, offset)
    offset += 2 + 2 * csw
    (cslw,) = struct.unpack_from("<H", word, offset)
    longs = struct.unpack_from(f"<{cslw}i", word, offset + 2)
    offset += 2 + 4 * cslw
    (pairs,) = struct.unpack_from("<H", word, offset)
    fc_lcb = struct.unpack_from(f"<{2 * pairs}I", word, offset + 2)
    ccp_text, ccp_ftn = longs[3], longs[4]
    if ccp_text < 0 or ccp_ftn < 0 or ccp_text + ccp_ftn > max_bytes:
        raise refusal("corrupt")

    def place(pair: int) -> tuple[int, int]:
        start, size = (fc_lcb[2 * pair], fc_lcb[2 * pair + 1]) if pair < pairs else (0, 0)
        if start + size > len(table):
            raise refusal("corrupt")
        return start, size

    def structure(pair: int) -> bytes:
        start, size = place(pair)
        return table[start : start + size]

    chars, pieces = _characters(word, structure(_PIECES), ccp_text + ccp_ftn)
    footnotes: list[tuple[int, int]] = []
    if ccp_ftn:
        cps = _plc_cps(structure(_FOOTNOTE_TEXTS), 0)
        if cps != sorted(cps) or (cps and cps[-1] > ccp_ftn):
            raise refusal("corrupt")
        footnotes = [(ccp_text + a, ccp_text + b) for a, b in itertools.pairwise(cps)]
    properties = _paragraph_properties(word, structure(_PARAGRAPH_PROPERTIES), chars, pieces)
    lists_end = sum(place(_LISTS))
    numbering = _numbering(table, structure(_LISTS), lists_end, structure(_LIST_USES))
    return _Text(chars, ccp_text, footnotes, properties, numbering)


def _stream(ole: olefile.OleFileIO, name: str, max_bytes: int) -> bytes:
    if ole.get_size(name) > max_bytes:
        raise refusal("corrupt")  # more than the whole file holds
    with ole.openstream(name) as stream:
        data: bytes = stream.read()
    return data


def _plc_cps(plc: bytes, data_size: int) -> list[int]:
    """The CPs of a PLC: n + 1 of them, before n data of `data_size` bytes."""
    count = (len(plc) - 4) // (4 + data_size) + 1 if len(plc) >= 4 else 0
    return list(struct.unpack_from(f"<{count}I", plc, 0))


@dataclass
class _Pieces:
    """Where the pieces of the text start, as CPs and as offsets in the stream, and the bytes
    each of their characters takes there."""

    cps: list[int]
    fcs: list[int]
    widths: list[int]

    def fc(self, cp: int) -> int:
        """Where the character at `cp` stands in the stream."""
        index = bisect.bisect_right(self.cps, cp) - 1
        return self.fcs[index] + self.widths[index] * (cp - self.cps[index])


def _characters(word: bytes, clx: bytes, wanted: int) -> tuple[str, _Pieces]:
    """The first `wanted` characters of the document, and the pieces they come from (where a
    character stands in the stream tells its paragraph's properties)."""
    offset = 0
    while offset < len(clx) and clx[offset] == 1:  # a Prc: formatting changes, not text
        (size,) = struct.unpack_from("<h", clx, offset + 1)
        offset += 3 + max(size, 0)
    if offset >= len(clx) or clx[offset] != 2:
        raise refusal("corrupt")
    (size,) = struct.unpack_from("<I", clx, offset + 1)
    plc = clx[offset + 5 : offset + 5 + size]
    cps = _plc_cps(plc, 8)
    parts: list[str] = []
    pieces = _Pieces([], [], [])
    read = 0
    for index in range(len(cps) - 1):
        start, end = cps[index], min(cps[index + 1], wanted)
        if end <= start:
            continue
        (fc,) = struct.unpack_from("<I", plc, 4 * len(cps) + 8 * index + 2)
        if fc & _COMPRESSED:
            fc, width = (fc & ~_COMPRESSED) // 2, 1
            text = word[fc : fc + end - start].decode("latin-1").translate(_CP1252)
        else:
            width = 2
            text = word[fc : fc + 2 * (end - start)].decode("utf-16-le", errors="replace")
        if len(text) != end - start or start != read:
            raise refusal("corrupt")  # a piece past the stream's end, or pieces out of order
        parts.append(text)
        pieces.cps.append(start)
        pieces.fcs.append(fc)
        pieces.widths.append(width)
        read = end
    if read < wanted:
        raise refusal("corrupt")
    return "".join(parts), pieces


def _paragraph_properties(
    word: bytes, plc: bytes, chars: str, pieces: _Pieces
) -> dict[int, dict[int, bytes]]:
    """The sprms of each paragraph with some, by the CP of the mark that ends it."""
    runs = sorted(_paragraph_runs(word, plc))
    starts = [start for start, _end, _grpprl in runs]
    parsed: dict[int, dict[int, bytes]] = {}
    properties: dict[int, dict[int, bytes]] = {}
    for mark in re.finditer("[\r\x07]", chars):
        fc = pieces.fc(mark.start())
        index = bisect.bisect_right(starts, fc) - 1
        if index < 0 or fc >= runs[index][1] or not runs[index][2]:
            continue
        if index not in parsed:
            parsed[index] = dict(_sprms(runs[index][2]))
        properties[mark.start()] = parsed[index]
    return properties


def _paragraph_runs(word: bytes, plc: bytes) -> Iterator[tuple[int, int, bytes]]:
    """Each run of the stream whose paragraph marks share their properties (a grpprl), from
    the PapxFkp pages PlcBtePapx points to."""
    count = (len(plc) - 4) // 8
    for index in range(count):
        (pn,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 4 * index)
        page = word[(pn & 0x3FFFFF) * _PAGE :][:_PAGE]
        if len(page) < _PAGE:
            raise refusal("corrupt")
        crun = page[-1]
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for run in range(crun):
            at = 2 * page[4 * (crun + 1) + 13 * run]  # BxPap's bOffset; 0: no properties
            grpprl = b""
            if at:
                size, at = (2 * page[at] - 1, at + 1) if page[at] else (2 * page[at + 1], at + 2)
                grpprl = page[at + 2 : at + size]  # after the paragraph's style (istd)
            yield rgfc[run], rgfc[run + 1], grpprl


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    offset = 0
    while offset + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, offset)
        offset += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND_SIZES[spra]
        elif sprm == _ROW_SHAPE:
            size = struct.unpack_from("<H", grpprl, offset)[0] + 1
        elif sprm == _CHANGE_TABS and grpprl[offset] == 255:
            deleted = grpprl[offset + 1]
            added = grpprl[offset + 2 + 4 * deleted]
            size = 3 + 4 * deleted + 3 * added
        else:
            size = 1 + grpprl[offset]
        yield sprm, grpprl[offset : offset + size]
        offset += size


def _numbering(table: bytes, lists: bytes, lists_end: int, uses: bytes) -> ListNumbering:
    """The document's lists, by the number (ilfo) a paragraph names its list with: each
    level's format, text ("%1.%2.") and first number, from PlfLst, its LVLs and PlfLfo."""
    if len(lists) < 2 or len(uses) < 4:
        return ListNumbering({})
    (count,) = struct.unpack_from("<h", lists, 0)
    levels_by_id: dict[int, dict[int, tuple[str, str, int]]] = {}
    at = lists_end  # the LVLs follow PlfLst, each list's in turn
    for index in range(count):
        list_id, _, _, simple = struct.unpack_from("<iI18sB", lists, 2 + 28 * index)
        levels: dict[int, tuple[str, str, int]] = {}
        for level in range(1 if simple & 1 else 9):
            start, nfc = struct.unpack_from("<iB", table, at)
            chpx_size, papx_size = table[at + 24], table[at + 25]
            at += 28 + papx_size + chpx_size
            (length,) = struct.unpack_from("<H", table, at)
            xst = table[at + 2 : at + 2 + 2 * length].decode("utf-16-le", errors="replace")
            at += 2 + 2 * length
            # The level text holds each level's number as a character 0-8 in its place.
            text = re.sub("[\x00-\x08]", lambda m: f"%{ord(m.group()) + 1}", xst)
            levels[level] = (_FORMATS.get(nfc, "decimal"), text, start)
        levels_by_id[list_id] = levels
    (used,) = struct.unpack_from("<i", uses, 0)
    return ListNumbering(
        {
            str(ilfo): levels_by_id.get(struct.unpack_from("<i", uses, 4 + 16 * (ilfo - 1))[0], {})
            for ilfo in range(1, min(used, (len(uses) - 4) // 16) + 1)
        }
    )


@dataclass
class _Row:
    """A table row: each cell's paragraphs, and the cells' edges and vertical merges."""

    cells: list[list[str]]
    shape: list[tuple[int, int, bool]]  # (left, right, whether the cell above goes on)


def _row_shape(sprms: dict[int, bytes]) -> list[tuple[int, int, bool]]:
    operand = sprms.get(_ROW_SHAPE)
    if not operand:
        return []
    count = operand[2]
    edges = struct.unpack_from(f"<{count + 1}h", operand, 3)
    flags_at = 3 + 2 * (count + 1)
    shape = []
    for cell in range(count):
        at = flags_at + 20 * cell
        flags = struct.unpack_from("<H", operand, at)[0] if at + 2 <= len(operand) else 0
        goes_on = bool(flags & _VERTICAL_MERGE) and not flags & _VERTICAL_RESTART
        shape.append((edges[cell], edges[cell + 1], goes_on))
    return shape


def _table_lines(rows: list[_Row]) -> list[str]:
    """A table's paragraphs: a letterhead's lines, or each row's cells joined by " | ", as the
    .docx reader gives them: a cell spread over columns is read once and leaves the others
    empty, the cells below a vertically merged one repeat its text."""
    if layout_shaped([len(row.cells) for row in rows]):
        layout = layout_lines([p for row in rows for cell in row.cells for p in cell])
        if layout is not None:
            return layout
    grid = sorted({edge for row in rows for left, right, _ in row.shape for edge in (left, right)})
    lines: list[str] = []
    above: dict[int, str] = {}
    for row in rows:
        cells: list[str] = []
        shape = row.shape if len(row.shape) == len(row.cells) else [(0, 0, False)] * len(row.cells)
        column = 0
        for paragraphs, (left, right, goes_on) in zip(row.cells, shape, strict=True):
            if left < right:
                column = bisect.bisect_left(grid, left)
            span = max(1, bisect.bisect_left(grid, right) - column)
            text = above.get(column, "") if goes_on else " ".join(filter(None, paragraphs))
            above[column] = text
            cells.extend([text.replace("\n", " "), *[""] * (span - 1)])
            column += span
        lines.append(row_text(cells, len(row.cells)))
    return lines


def _blocks(text: _Text, start: int, end: int, *, numbered: bool = False) -> Iterator[list[str]]:
    """The paragraphs from `start` to `end`, a paragraph or a table at a time: a field's code
    is skipped, its result kept; a cell ends at a cell mark, a row at a mark with sprmPFTtp."""
    paragraph: list[str] = []
    cell: list[str] = []  # the paragraphs of the cell being read
    row: list[list[str]] = []
    table: list[_Row] = []
    fields: list[bool] = []  # for each open field, whether its code is being read
    codes = 0
    at = start
    for mark in _MARKS.finditer(text.chars, start, end):
        if not codes:
            paragraph.append(text.chars[at : mark.start()].translate(_CHARACTERS))
        at = mark.end()
        char = mark.group()
        if char == "\x13":
            fields.append(True)
            codes += 1
        elif char == "\x14":
            if fields and fields[-1]:
                fields[-1] = False
                codes -= 1
        elif char == "\x15":
            if fields and fields.pop():
                codes -= 1
        else:
            line = "".join(paragraph)
            paragraph.clear()
            sprms = text.properties.get(mark.start(), {})
            if sprms.get(_ROW_END, b"\0")[0]:
                table.append(_Row(row, _row_shape(sprms)))
                row = []
            elif sprms.get(_INNER_ROW_END, b"\0")[0]:
                pass  # a nested table's row ends: its cells are read as the outer cell's text
            elif char == "\x07":
                row.append([*cell, line])
                cell = []
            elif sprms.get(_IN_TABLE, b"\0")[0]:
                cell.append(line)
            else:
                if table:
                    yield _table_lines(table)
                    table = []
                line = line.replace("\n", " ")
                yield [_numbered(text.numbering, sprms, line) if numbered else line]
    if not codes:
        paragraph.append(text.chars[at:end].translate(_CHARACTERS))
    if table:
        yield _table_lines(table)
    yield ["".join(paragraph).replace("\n", " ")]


def _numbered(numbering: ListNumbering, sprms: dict[int, bytes], line: str) -> str:
    """A paragraph with its list number or bullet, which Word keeps out of the text."""
    ilfo = struct.unpack("<h", sprms[_LIST])[0] if _LIST in sprms else 0
    if ilfo <= 0 or not line.strip():
        return line
    marker = numbering.number(str(ilfo), sprms.get(_LIST_LEVEL, b"\0")[0])
    return f"{marker} {line}" if marker else line
