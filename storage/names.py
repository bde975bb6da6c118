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
