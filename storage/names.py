"""Matching agency names as people write them: any case, spacing, with or without diacritics."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_AMPERSAND = re.compile(r"\s*&\s*")


def fold(text: str) -> str:
    """A key for comparing names: lower case, no diacritics, đ as d, '&' tight, spaces folded."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d")
    stripped = _AMPERSAND.sub("&", stripped)
    return _SPACES.sub(" ", stripped).strip(" .;,")


# The Vietnamese alphabet's order (ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u),
# and its tones' (none, huyền, hỏi, ngã, sắc, nặng), which order words alike but for them.
_ALPHABET = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_order(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key that orders names as a Vietnamese reader expects ("Sở Y tế" before "Ủy ban
    nhân dân", "Ủy ban" before "Văn phòng"): by letters in the alphabet's order, then by tones;
    spaces, digits and punctuation before letters, other scripts after."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text.casefold()):
        marks = unicodedata.normalize("NFD", char)
        tones.append(next((_TONES[mark] for mark in marks if mark in _TONES), 0))
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
        if base in _ALPHABET:
            letters.append(0x110000 + _ALPHABET[base])  # after every code point below "a"
        else:
            letters.append(ord(base[0]) + (0x120000 if ord(base[0]) > ord("z") else 0))
    return tuple(letters), tuple(tones)


# The words documents write one way or another for the same agency, as the reader of documents
# (ingest.agencies: its _SYNONYMS and "&" for "và") takes them. Written here again because
# storage may not import ingest; tests/test_catalogue.py holds the two to the same answers.
_WRITTEN_ALIKE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("uy", "ban", "nhan", "dan"), "ubnd"),
    (("hoi", "dong", "nhan", "dan"), "hdnd"),
    (("mat", "tran", "to", "quoc"), "mttq"),
    (("thanh", "pho"), "tp"),
    (("&",), "va"),
)
_WORDS = re.compile(r"[a-z0-9]+|&")


def name_key(text: str) -> str:
    """A key under which two names are equal when a document cannot tell them apart.

    fold's, and more: "UBND" and "Ủy ban nhân dân" (HĐND, MTTQ, "TP." likewise) are one word,
    "&" is "và", and whatever stands between the words (spaces, dashes, commas, dots, or
    nothing: the reader matches "Sở Y tế" in "Sở Yte") is left out. A name of no letters or
    digits, which no document can be read as, is compared as fold compares it.
    """
    words = _WORDS.findall(fold(text))
    kept: list[str] = []
    at = 0
    while at < len(words):
        for written, word in _WRITTEN_ALIKE:
            if tuple(words[at : at + len(written)]) == written:
                kept.append(word)
                at += len(written)
                break
        else:
            kept.append(words[at])
            at += 1
    return "".join(kept) or fold(text)
