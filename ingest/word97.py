"""Read a Word 97-2003 file (.doc): its paragraphs, list numbers, table rows and footnotes, and
the text typed in legacy Vietnamese fonts in Unicode, as [MS-DOC] lays them out in the OLE
container's "WordDocument" and "0Table"/"1Table" streams."""

from __future__ import annotations

import bisect
import io
import itertools
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

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
_STYLESHEET = 1  # STSH
_FOOTNOTE_TEXTS = 3  # PlcffndTxt
_CHARACTER_PROPERTIES = 12  # PlcBteChpx
_PARAGRAPH_PROPERTIES = 13  # PlcBtePapx
_FONTS = 15  # SttbfFfn
_PIECES = 33  # Clx
_LISTS = 73  # PlfLst
_LIST_USES = 74  # PlfLfo

_PAGE = 512  # a PapxFkp's or ChpxFkp's size
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
_LIST_SPRMS = (_LIST, _LIST_LEVEL)
_CHANGE_TABS = 0xC615  # sprmPChgTabs: its size in a byte, or 255 to count the tabs
# Character properties that name the font: sprmCRgFtc2 for letters past ASCII (Vietnamese ones
# are), as a .docx's "hAnsi", then sprmCRgFtc0 for ASCII; sprmCIstd names a character style.
_FONT_SPRMS = (0x4A51, 0x4A4F)
_RUN_STYLE = 0x4A30
_PARAGRAPH_KIND, _CHARACTER_KIND = 1, 2  # an STD's stk: what its properties (UPXs) are for
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
        raw = [line for block in _blocks(text, 0, text.ccp_text, numbered=True) for line in block]
        notes = [
            [line for block in _blocks(text, *cps) for line in block] for cps in text.footnotes
        ]
    except UnreadableDocument:
        raise
    # What olefile raises for a broken container, and struct for a structure cut short.
    except (struct.error, IndexError, KeyError, ValueError, TypeError, OSError) as error:
        raise refusal("corrupt") from error
    # Footnotes are numbered in their order, as Word numbers them unless told otherwise.
    numbered = {
        str(n): " ".join(filter(None, map(clean_paragraph, note)))
        for n, note in enumerate(notes, 1)
    }
    return finish_document(raw, {mark: note for mark, note in numbered.items() if note})


@dataclass
class _Legacy:
    """Characters typed in a legacy Vietnamese font: Word keeps the codes, which only the font
    showed as Vietnamese letters (whether Word stored them in 8 bits or in UTF-16)."""

    start: int
    end: int
    encoding: legacy_encodings.Encoding
    capitals: bool  # a capitals font (".VnTimeH"): its small letters show as capitals


@dataclass
class _Text:
    """The characters of the main text and the footnotes, the paragraphs' properties, and
    where the characters typed in legacy fonts are."""

    chars: str
    ccp_text: int
    footnotes: list[tuple[int, int]]  # where each footnote's text starts and ends
    properties: dict[int, dict[int, bytes]]  # the sprms of the paragraph each mark ends
    numbering: ListNumbering
    legacy: list[_Legacy]  # in their order, apart
    legacy_ends: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.legacy_ends = [span.end for span in self.legacy]

    def read(self, start: int, end: int) -> str:
        """The characters from `start` to `end` as they show: Word's special characters as
        text or dropped, those typed in a legacy font in Unicode."""
        parts: list[str] = []
        at = start
        index = bisect.bisect_right(self.legacy_ends, start)
        while index < len(self.legacy) and self.legacy[index].start < end:
            span = self.legacy[index]
            index += 1
            parts.append(self.chars[at : span.start].translate(_CHARACTERS))
            at = min(span.end, end)
            codes = self.chars[max(span.start, start) : at]
            if span.encoding == "tcvn3":
                # TCVN3's "ư" is Latin-1's soft hyphen, which Word stores as its optional hyphen.
                codes = codes.replace("\x1f", "\xad")
            parts.append(
                legacy_encodings.to_unicode(
                    codes.translate(_CHARACTERS), span.encoding, capitals=span.capitals
                )
            )
        parts.append(self.chars[at:end].translate(_CHARACTERS))
        return "".join(parts)


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
    styles = _stylesheet(structure(_STYLESHEET))
    properties, paragraph_styles = _paragraph_properties(
        word, structure(_PARAGRAPH_PROPERTIES), chars, pieces, styles
    )
    lists_end = sum(place(_LISTS))
    numbering = _numbering(table, structure(_LISTS), lists_end, structure(_LIST_USES))
    fonts = _font_names(structure(_FONTS))
    legacy: list[_Legacy] = []
    if any(map(legacy_encodings.encoding_of_font, fonts)):
        runs = _character_runs(word, structure(_CHARACTER_PROPERTIES), len(chars), pieces)
        legacy = _legacy_spans(runs, paragraph_styles, styles, fonts)
    if not legacy:
        # No run in a legacy font, yet the text may be in one: its fonts renamed by a converter.
        encoding = legacy_encodings.encoding_of_text(chars)
        legacy = [_Legacy(0, len(chars), encoding, False)] if encoding else []
    return _Text(chars, ccp_text, footnotes, properties, numbering, legacy)


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
    word: bytes, plc: bytes, chars: str, pieces: _Pieces, styles: _Stylesheet
) -> tuple[dict[int, dict[int, bytes]], list[tuple[int, int]]]:
    """The sprms of each paragraph with some, by the CP of the mark that ends it, its list
    taken from its style unless it names its own; and each mark's CP with its paragraph's
    style (istd), in their order."""
    runs = sorted(_paragraph_runs(word, plc))
    starts = [start for start, _end, _istd, _grpprl in runs]
    parsed: dict[int, dict[int, bytes]] = {}
    properties: dict[int, dict[int, bytes]] = {}
    paragraph_styles: list[tuple[int, int]] = []
    for mark in re.finditer("[\r\x07]", chars):
        fc = pieces.fc(mark.start())
        index = bisect.bisect_right(starts, fc) - 1
        if index < 0 or fc >= runs[index][1]:
            paragraph_styles.append((mark.start(), 0))  # no properties: the Normal style's
            continue
        _start, _end, istd, grpprl = runs[index]
        paragraph_styles.append((mark.start(), istd))
        if index not in parsed:
            parsed[index] = {**styles.lists.get(istd, {}), **dict(_sprms(grpprl))}
        if parsed[index]:
            properties[mark.start()] = parsed[index]
    return properties, paragraph_styles


def _paragraph_runs(word: bytes, plc: bytes) -> Iterator[tuple[int, int, int, bytes]]:
    """Each run of the stream whose paragraph marks share their properties (a style and a
    grpprl), from the PapxFkp pages PlcBtePapx points to."""
    for start, end, page, at in _fkp_runs(word, plc, 13):  # a BxPap: bOffset, 12 bytes unused
        istd, grpprl = 0, b""
        if at:
            size, at = (2 * page[at] - 1, at + 1) if page[at] else (2 * page[at + 1], at + 2)
            (istd,) = struct.unpack_from("<H", page, at)
            grpprl = page[at + 2 : at + size]
        yield start, end, istd, grpprl


def _fkp_runs(word: bytes, plc: bytes, entry_size: int) -> Iterator[tuple[int, int, bytes, int]]:
    """Each run of the stream an FKP page of a PlcBte describes: where it starts and ends,
    the page, and where its properties stand on the page (0: none)."""
    count = max((len(plc) - 4) // 8, 0)
    pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))
    # Each page describes its own part of the stream: one named again is read once, or a
    # small file could name a page a million times.
    for pn in dict.fromkeys(pn & 0x3FFFFF for pn in pages):
        page = word[pn * _PAGE : (pn + 1) * _PAGE]
        if len(page) < _PAGE:
            raise refusal("corrupt")
        crun = page[-1]
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for run in range(crun):
            at = 2 * page[4 * (crun + 1) + entry_size * run]  # a word offset
            yield rgfc[run], rgfc[run + 1], page, at


def _character_runs(
    word: bytes, plc: bytes, length: int, pieces: _Pieces
) -> list[tuple[int, int, dict[int, bytes]]]:
    """The runs of characters that share their properties, as CPs and their sprms, from the
    ChpxFkp pages PlcBteChpx points to; where no run lies, the characters have none."""
    by_fc: list[tuple[int, int, dict[int, bytes]]] = []
    for start, end, page, at in sorted(_fkp_runs(word, plc, 1), key=lambda run: run[:2]):
        if start >= end or (by_fc and start < by_fc[-1][1]):
            continue  # runs overlap only in a broken file: each part of the stream has one
        by_fc.append((start, end, dict(_sprms(page[at + 1 : at + 1 + page[at]])) if at else {}))
    starts = [start for start, _end, _sprms in by_fc]
    runs: list[tuple[int, int, dict[int, bytes]]] = []
    ends = [*pieces.cps[1:], length]
    for cp, fc, width, cp_end in zip(pieces.cps, pieces.fcs, pieces.widths, ends, strict=True):
        fc_end = fc + width * (cp_end - cp)
        index = max(bisect.bisect_right(starts, fc) - 1, 0)
        at = cp
        for start, end, sprms in by_fc[index:]:
            if start >= fc_end:
                break
            first, last = max(start, fc), min(end, fc_end)
            if last <= first:
                continue
            # A run's edges are the stream's bytes; a character of a UTF-16 piece is two.
            run_start, run_end = cp + (first - fc) // width, cp + -(-(last - fc) // width)
            run_start = max(run_start, at)
            if run_start > at:
                runs.append((at, run_start, {}))
            if run_end > run_start:
                runs.append((run_start, run_end, sprms))
                at = run_end
        if at < cp_end:
            runs.append((at, cp_end, {}))
    return runs


@dataclass
class _Style:
    """A style: the style it is based on, its paragraph properties and its character ones."""

    base: int
    paragraph: dict[int, bytes]
    character: dict[int, bytes]


@dataclass
class _Stylesheet:
    """The document's styles by their index (istd), and its default font (ftc)."""

    styles: dict[int, _Style]
    default_font: int
    lists: dict[int, dict[int, bytes]] = field(init=False)  # the list and level each numbers
    fonts: dict[int, int | None] = field(init=False)  # the font each sets, if it sets one

    def __post_init__(self) -> None:
        # What a style sets, itself or by the styles it is based on, worked out once for all:
        # a chain of styles may be as long as there are styles.
        self.lists, self.fonts = {}, {}
        for istd in self.styles:
            chain: list[int] = []
            seen: set[int] = set()
            while istd in self.styles and istd not in self.lists and istd not in seen:
                chain.append(istd)
                seen.add(istd)  # a style based on itself, or on one based on it, ends here
                istd = self.styles[istd].base
            lists, font = self.lists.get(istd, {}), self.fonts.get(istd)
            for link in reversed(chain):
                style = self.styles[link]
                lists = {
                    **lists,
                    **{s: style.paragraph[s] for s in _LIST_SPRMS if s in style.paragraph},
                }
                own = _own_font(style.character)
                font = font if own is None else own
                self.lists[link], self.fonts[link] = lists, font

    def font(self, sprms: dict[int, bytes], paragraph_style: int) -> int:
        """A run's font, as Word finds it: its own, its character style's, its paragraph
        style's, the document's default."""
        font = _own_font(sprms)
        if font is None and _RUN_STYLE in sprms:
            font = self.fonts.get(struct.unpack("<H", sprms[_RUN_STYLE])[0])
        if font is None:
            font = self.fonts.get(paragraph_style)
        return self.default_font if font is None else font


def _own_font(sprms: dict[int, bytes]) -> int | None:
    """The font (ftc) these properties set, if they set one."""
    return next(
        (int(struct.unpack("<H", sprms[sprm])[0]) for sprm in _FONT_SPRMS if sprm in sprms), None
    )


def _stylesheet(stsh: bytes) -> _Stylesheet:
    """The styles of the STSH: its Stshi (the count of STDs, their base's size, the default
    fonts), then each STD in its size: its kind and base, its name, its properties (UPXs)."""
    if not stsh:
        return _Stylesheet({}, 0)
    (size,) = struct.unpack_from("<H", stsh, 0)
    count, base_size = struct.unpack_from("<HH", stsh, 2)
    # rgftcStandardChpStsh: the fonts of ASCII, East Asian and other text; Vietnamese is other.
    default_font = struct.unpack_from("<H", stsh, 2 + 16)[0] if size >= 18 else 0
    styles: dict[int, _Style] = {}
    at = 2 + size
    for istd in range(count):
        (std_size,) = struct.unpack_from("<H", stsh, at)
        std = stsh[at + 2 : at + 2 + std_size]
        at += 2 + std_size
        if not std_size:
            continue  # no style at this index
        _, kind_and_base, upx_count = struct.unpack_from("<HHH", std, 0)
        (name_length,) = struct.unpack_from("<H", std, base_size)
        offset = base_size + 2 + 2 * name_length + 2  # after the name and its ending zero
        upxs: list[bytes] = []
        for _ in range(upx_count & 0x0F):
            (upx_size,) = struct.unpack_from("<H", std, offset)
            upxs.append(std[offset + 2 : offset + 2 + upx_size])
            offset += 2 + upx_size + upx_size % 2  # each UPX padded to an even size
        kind, base = kind_and_base & 0x0F, kind_and_base >> 4
        if kind == _PARAGRAPH_KIND and len(upxs) >= 2:  # its PAPX (its istd, sprms), its CHPX
            styles[istd] = _Style(base, dict(_sprms(upxs[0][2:])), dict(_sprms(upxs[1])))
        elif kind == _CHARACTER_KIND and upxs:
            styles[istd] = _Style(base, {}, dict(_sprms(upxs[0])))
    return _Stylesheet(styles, default_font)


def _font_names(sttbf: bytes) -> list[str]:
    """The document's fonts by their index (ftc), from SttbfFfn: its count of FFNs, then each
    FFN in turn: its size less one in a byte, 39 bytes of metrics, its name ended by a zero."""
    if not sttbf:
        return []
    (count,) = struct.unpack_from("<H", sttbf, 0)
    names: list[str] = []
    at = 4
    for _ in range(count):
        size = sttbf[at] + 1
        name = sttbf[at + 40 : at + size].decode("utf-16-le", errors="replace")
        names.append(name.split("\0")[0])
        at += size
    return names


def _legacy_spans(
    runs: list[tuple[int, int, dict[int, bytes]]],
    paragraph_styles: list[tuple[int, int]],
    styles: _Stylesheet,
    fonts: list[str],
) -> list[_Legacy]:
    """The characters whose font is a legacy one (".VnTime", "VNI-Times"): each run's, cut
    where its paragraphs end since a run without a font of its own takes its paragraph's."""
    marks = [mark for mark, _istd in paragraph_styles]
    spans: list[_Legacy] = []
    for start, end, sprms in runs:
        at = start
        while at < end:
            index = bisect.bisect_left(marks, at)  # the mark that ends this paragraph
            stop, istd = (
                (min(end, marks[index] + 1), paragraph_styles[index][1])
                if index < len(marks)
                else (end, 0)
            )
            ftc = styles.font(sprms, istd)
            name = fonts[ftc] if ftc < len(fonts) else ""
            encoding = legacy_encodings.encoding_of_font(name)
            if encoding:
                capitals = legacy_encodings.is_capitals_font(name)
                last = spans[-1] if spans else None
                if last and (last.end, last.encoding, last.capitals) == (at, encoding, capitals):
                    last.end = stop
                else:
                    spans.append(_Legacy(at, stop, encoding, capitals))
            at = stop
    return spans


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
            paragraph.append(text.read(at, mark.start()))
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
        paragraph.append(text.read(at, end))
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
