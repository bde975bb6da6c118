"""Text typed in the 8-bit Vietnamese encodings many offices kept their older documents in.

Before Unicode became mandatory in 2002, Vietnamese was typed in fonts whose Latin-1 positions
hold Vietnamese letters. TCVN3 (the ".VnTime" fonts) gives each letter a code of its own: Word
stores "Sở Kế hoạch" as "Së KÕ ho¹ch" and shows it right only because the run's font is
".VnTime"; a capitals font (".VnTimeH") shows the same codes as capital letters, so headings
were typed in small letters under it. VNI ("VNI-Times") writes a vowel, then its marks as
Latin-1 letters: "Sôû Keá hoaïch".
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = ["Encoding", "encoding_of_font", "encoding_of_text", "is_capitals_font", "to_unicode"]

Encoding = Literal["tcvn3", "vni"]

# Code points 0xA1-0xFF of TCVN 5712:1993 (glibc's TCVN5712-1). 0xB0-0xB4 are combining tone
# marks there, which the ".Vn" fonts do not use: they stay the degree and other signs.
_TCVN3_LETTERS = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ"
    "°±²³´àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖ"
    "ủũúụừửữứựỳỷỹýỵỐ"
)
_TCVN3 = {0xA1 + index: letter for index, letter in enumerate(_TCVN3_LETTERS)}
# PDF makers name the glyph of "ư" (0xAD, the soft hyphen) a minus sign.
_TCVN3_IN_PDF = {**_TCVN3, 0x2212: "ư"}


def _vni_table() -> dict[str, str]:
    """VNI's spelling of each letter: the vowel (or its stand-in) and the tone's Latin-1 letter."""
    # Tones in Unicode's order of VNI's marks: none, acute, grave, hook, tilde, dot below.
    tones = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
    small = {
        "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
        "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
        "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
        "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
        "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
        "o": ("o", "où", "oø", "oû", "oõ", "oï"),
        "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
        "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
        "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
        "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
        "i": ("i", "í", "ì", "æ", "ó", "ò"),
        "y": ("y", "yù", "yø", "yû", "yõ", "î"),
    }
    table = {"ñ": "đ", "Ñ": "Đ"}
    for vowel, spellings in small.items():
        for tone, spelling in zip(tones, spellings, strict=True):
            letter = unicodedata.normalize("NFC", vowel + tone)
            table[spelling] = letter
            table[spelling.upper()] = letter.upper()
    return {spelling: letter for spelling, letter in table.items() if spelling != letter}


_VNI = _vni_table()
_VNI_SPELLING = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

# What only these encodings write, Latin-1's signs and letters no Vietnamese word has: TCVN3's
# commonest letters ("¸" for "á", "µ" for "à", "®" for "đ", "­" for "ư"); VNI's grave, hook and
# dot below after a vowel, and its "đ" ("ø", "û", "ï", "ñ").
_ONLY_IN: tuple[tuple[Encoding, re.Pattern[str]], ...] = (
    ("tcvn3", re.compile("[\u00a1-\u00af\u00b5-\u00bf\u00d7\u00f7]")),
    ("vni", re.compile("(?i)[aeiouyô][øûï]|ñ")),
)
# Letters of Unicode Vietnamese outside Latin-1 ("ă", "đ", "ĩ", "ũ", "ơ", "ư", "ạ" ... "ỹ").
_UNICODE_VIETNAMESE = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
# A Vietnamese text has a letter of its own every few words: a handful of legacy codes among
# them is a pasted sign ("§ 3", "«...»"), while a legacy text has hardly any Unicode letter.
_AT_LEAST = 5
_TIMES_MORE = 10


def encoding_of_font(name: str) -> Encoding | None:
    """The encoding a font's name tells: ".VnTime", ".VnArial NarrowH" are TCVN3; "VNI-Times"
    is VNI; a Unicode font (most) None."""
    name = name.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni-"):
        return "vni"
    return None


def is_capitals_font(name: str) -> bool:
    """Whether a TCVN3 font shows its small letters as capitals (".VnTimeH")."""
    return encoding_of_font(name) == "tcvn3" and name.strip().endswith("H")


def encoding_of_text(text: str) -> Encoding | None:
    """The legacy encoding a text read without its fonts (a .txt, a PDF) was typed in, if any."""
    unicode_letters = len(_UNICODE_VIETNAMESE.findall(text))
    for encoding, only_in in _ONLY_IN:
        legacy = len(only_in.findall(text))
        if legacy >= _AT_LEAST and legacy >= _TIMES_MORE * unicode_letters:
            return encoding
    return None


def to_unicode(
    text: str, encoding: Encoding, *, capitals: bool = False, from_pdf: bool = False
) -> str:
    """Text typed in a legacy encoding, in Unicode; in capitals where its font shows them so."""
    if encoding == "vni":
        unicode = _VNI_SPELLING.sub(lambda spelling: _VNI[spelling.group()], text)
    else:
        unicode = text.translate(_TCVN3_IN_PDF if from_pdf else _TCVN3)
    return unicode.upper() if capitals else unicode
