"""Text typed in TCVN3 (the ".VnTime" fonts), as many offices still keep their older documents.

Before Unicode became mandatory in 2002, Vietnamese was typed in 8-bit fonts whose Latin-1
positions hold Vietnamese letters: Word stores "Sở Kế hoạch" as "Së KÕ ho¹ch" and shows it
right only because the run's font is ".VnTime". A capitals font (".VnTimeH") shows the same
codes as capital letters, so headings were typed in small letters under it.
"""

from __future__ import annotations

import re

__all__ = ["from_tcvn3", "is_capitals_font", "is_tcvn3_font", "looks_like_tcvn3"]

# Code points 0xA1-0xFF of TCVN 5712:1993 (glibc's TCVN5712-1). 0xB0-0xB4 are combining tone
# marks there, which the ".Vn" fonts do not use: they stay the degree and other signs.
_LETTERS = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ"
    "°±²³´àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖ"
    "ủũúụừửữứựỳỷỹýỵỐ"
)
_TABLE = {0xA1 + index: letter for index, letter in enumerate(_LETTERS)}
# PDF makers name the glyph of "ư" (0xAD, the soft hyphen) a minus sign.
_TABLE_IN_PDF = {**_TABLE, 0x2212: "ư"}

# What only TCVN3 writes: codes that are Latin-1's signs and TCVN3's commonest letters ("¸" for
# "á", "µ" for "à", "®" for "đ", "­" for "ư", "©" for "â"); Latin-1's accented letters are
# other languages' too ("ü", "ç", "ë").
_TCVN3_ONLY = re.compile("[\u00a1-\u00af\u00b5-\u00bf\u00d7\u00f7]")
# Letters of Unicode Vietnamese outside Latin-1 ("ă", "đ", "ĩ", "ũ", "ơ", "ư", "ạ" ... "ỹ").
_UNICODE_VIETNAMESE = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
# A Vietnamese text has a letter of its own every few words: a handful of TCVN3 codes among
# them is a pasted symbol ("§ 3", "«...»"), while a TCVN3 text has hardly any Unicode letter.
_AT_LEAST = 5
_TIMES_MORE = 10


def is_tcvn3_font(name: str) -> bool:
    """Whether a font is one of the TCVN3 fonts: ".VnTime", ".VnArial NarrowH" ..."""
    return name.strip().lower().startswith(".vn")


def is_capitals_font(name: str) -> bool:
    """Whether a TCVN3 font shows its small letters as capitals (".VnTimeH")."""
    return is_tcvn3_font(name) and name.strip().endswith("H")


def from_tcvn3(text: str, *, capitals: bool = False, from_pdf: bool = False) -> str:
    """Text typed in a TCVN3 font, in Unicode; in capitals where its font shows them so."""
    unicode = text.translate(_TABLE_IN_PDF if from_pdf else _TABLE)
    return unicode.upper() if capitals else unicode


def looks_like_tcvn3(text: str) -> bool:
    """Whether a text read without its fonts (a .txt, a PDF) was typed in TCVN3."""
    legacy = len(_TCVN3_ONLY.findall(text))
    if legacy < _AT_LEAST:
        return False
    return legacy >= _TIMES_MORE * len(_UNICODE_VIETNAMESE.findall(text))
