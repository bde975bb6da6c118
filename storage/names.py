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
