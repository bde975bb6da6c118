"""Telegram's HTML formatting, parsed the way the Bot API parses `parse_mode="HTML"`.

The algorithm follows TDLib's `parse_html` (which the Bot API server runs), including its error
messages and byte offsets, so a bot that formats messages correctly against this parser formats
them correctly for Telegram. Entity offsets and lengths are counted in UTF-16 code units, as the
Bot API does.

One deliberate difference: Telegram keeps an `&` that does not start a supported entity
(`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#NN;`, `&#xNN;`) as a literal character. With
`strict_ampersand=True` (the default) it is an error instead, because an unescaped `&` in a
bot's HTML almost always means a value was interpolated without `html.escape()`, and the next
value may contain a `<`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

__all__ = ["FormattedText", "HtmlParseError", "parse_html", "utf16_len"]

_SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "tg-emoji", "code", "pre", "blockquote",
    }
)  # fmt: skip
_SIMPLE_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",  # a <span> is only accepted with class="tg-spoiler"
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# Order of entities that share offset and length, as TDLib sorts them.
_TYPE_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 1,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_LINK_SCHEMES = frozenset({"http", "https", "tg", "ton", "tonsite"})


class HtmlParseError(ValueError):
    """The markup is not valid Telegram HTML; the message is what Telegram puts after
    "can't parse entities: "."""


@dataclass(frozen=True)
class FormattedText:
    """Plain text plus Bot API `MessageEntity` dicts (offsets in UTF-16 code units)."""

    text: str
    entities: list[dict[str, Any]]


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    text_index: int  # index into the output buffer where the tag's content starts


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit of Bot API entity offsets."""
    return sum(2 if ord(char) > 0xFFFF else 1 for char in text)


def parse_html(markup: str, *, strict_ampersand: bool = True) -> FormattedText:
    """Parse Telegram's HTML subset into plain text and entities.

    Raises HtmlParseError with Telegram's reason, e.g. 'Unsupported start tag "p" at byte
    offset 0'.
    """
    return _HtmlParser(markup, strict_ampersand).parse()


def check_link(url: str) -> str | None:
    """Normalise a link target like Telegram does ("telegram.org" -> "http://telegram.org/"),
    or return None if Telegram would not make a link of it."""
    if not url or any(char.isspace() for char in url):
        return None
    if "://" not in url and not url.lower().startswith("tg:"):
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _LINK_SCHEMES:
        return None
    if scheme == "tg":
        return url
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost"):
        return None
    return urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, parts.fragment))


class _HtmlParser:
    def __init__(self, markup: str, strict_ampersand: bool) -> None:
        self.markup = markup
        self.strict_ampersand = strict_ampersand
        self.pos = 0
        self.out: list[str] = []
        self.utf16_offset = 0
        self.open_tags: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    # -- character access; "" plays the role of TDLib's terminating NUL ------------------------

    def char(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.markup[index] if index < len(self.markup) else ""

    @staticmethod
    def is_space(char: str) -> bool:
        return char in ("", " ", "\t", "\r", "\n", "\v", "\0")

    def skip_spaces(self) -> None:
        while self.char() != "" and self.is_space(self.char()):
            self.pos += 1

    def byte_offset(self, index: int) -> int:
        return len(self.markup[:index].encode("utf-8", "surrogatepass"))

    def fail(self, reason: str) -> HtmlParseError:
        return HtmlParseError(reason)

    # -- main loop ------------------------------------------------------------------------------

    def parse(self) -> FormattedText:
        while self.pos < len(self.markup):
            char = self.char()
            if char == "&":
                self.emit(self.read_entity())
            elif char == "<":
                if self.char(1) == "/":
                    self.read_end_tag()
                else:
                    self.read_start_tag()
            else:
                self.emit(char)
                self.pos += 1
        if self.open_tags:
            name = self.open_tags[-1].name
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{name}"')
        text = "".join(self.out)
        if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
            raise self.fail(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        self.entities.sort(
            key=lambda e: (e["offset"], -e["length"], _TYPE_PRIORITY.get(e["type"], 50))
        )
        return FormattedText(text, self.entities)

    def emit(self, char: str) -> None:
        self.out.append(char)
        self.utf16_offset += utf16_len(char)

    def read_entity(self) -> str:
        """Decode the character reference at `pos` (which is at an '&') and move past it."""
        start = self.pos
        decoded = _decode_entity(self.markup, start)
        if decoded is None:
            if self.strict_ampersand:
                raise self.fail(f'Unescaped "&" at byte offset {self.byte_offset(start)}')
            self.pos += 1
            return "&"
        char, self.pos = decoded
        return char

    def read_start_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        while not self.is_space(self.char()) and self.char() != ">":
            self.pos += 1
        if self.char() == "":
            raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = self.markup[begin + 1 : self.pos].lower()
        if name not in _SUPPORTED_TAGS:
            raise self.fail(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        argument = self.read_attributes(name, begin)
        if name == "span" and argument != "spoiler":
            raise self.fail(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        self.pos += 1  # the '>'
        self.open_tags.append(_OpenTag(name, argument, self.utf16_offset, len(self.out)))

    def read_attributes(self, tag: str, begin: int) -> str:
        """Read attributes up to the closing '>' and return the one that matters for `tag`."""
        argument = ""
        while self.char() != ">":
            self.skip_spaces()
            if self.char() == ">":
                break
            if self.char() == "":
                raise self.fail(
                    f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}'
                )
            name_begin = self.pos
            while not self.is_space(self.char()) and self.char() not in ("=", ">"):
                self.pos += 1
            attribute = self.markup[name_begin : self.pos]
            if not attribute:
                raise self.fail(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{self.byte_offset(begin)}"
                )
            self.skip_spaces()
            if self.char() != "=":
                if tag == "blockquote" and attribute == "expandable":
                    argument = "1"
                continue
            self.pos += 1
            self.skip_spaces()
            if self.char() == "":
                raise self.fail(
                    f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}'
                )
            value = self.read_attribute_value()
            if self.char() == "":
                raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
            argument = _tag_argument(tag, attribute, value, argument)
        return argument

    def read_attribute_value(self) -> str:
        quote = self.char()
        if quote not in ("'", '"'):
            # A name token: letters, digits, periods and hyphens, case-insensitive.
            token_begin = self.pos
            while self.char() != "" and (
                (self.char().isascii() and self.char().isalnum()) or self.char() in ".-"
            ):
                self.pos += 1
            if not self.is_space(self.char()) and self.char() != ">":
                raise self.fail(
                    f"Unexpected end of name token at byte offset {self.byte_offset(token_begin)}"
                )
            return self.markup[token_begin : self.pos].lower()
        self.pos += 1
        value: list[str] = []
        while self.char() not in (quote, ""):
            if self.char() == "&":
                value.append(self.read_entity())
            else:
                value.append(self.char())
                self.pos += 1
        if self.char() == quote:
            self.pos += 1
        return "".join(value)

    def read_end_tag(self) -> None:
        begin = self.pos
        if not self.open_tags:
            raise self.fail(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 2
        while not self.is_space(self.char()) and self.char() != ">":
            self.pos += 1
        end_name = self.markup[begin + 2 : self.pos].lower()
        self.skip_spaces()
        if self.char() != ">":
            raise self.fail(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        tag = self.open_tags.pop()
        if end_name and end_name != tag.name:
            raise self.fail(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{end_name}>"'
            )
        if self.utf16_offset > tag.utf16_offset:
            self.close_entity(tag)

    def close_entity(self, tag: _OpenTag) -> None:
        span = {"offset": tag.utf16_offset, "length": self.utf16_offset - tag.utf16_offset}
        last = self.entities[-1] if self.entities else None
        same_span = (
            last is not None
            and last["offset"] == span["offset"]
            and last["length"] == span["length"]
        )
        if tag.name in _SIMPLE_ENTITY_TYPES:
            self.entities.append({"type": _SIMPLE_ENTITY_TYPES[tag.name], **span})
        elif tag.name == "blockquote":
            kind = "expandable_blockquote" if tag.argument else "blockquote"
            self.entities.append({"type": kind, **span})
        elif tag.name == "tg-emoji":
            if not tag.argument.isdigit() or int(tag.argument) == 0:
                raise self.fail("Invalid custom emoji identifier specified")
            self.entities.append({"type": "custom_emoji", **span, "custom_emoji_id": tag.argument})
        elif tag.name == "a":
            url = check_link(tag.argument or "".join(self.out[tag.text_index :]))
            if url is not None:
                self.entities.append({"type": "text_link", **span, "url": url})
        elif tag.name == "pre":
            # <code class="language-x"><pre>...</pre></code> also makes a pre with a language
            if last is not None and same_span and last["type"] == "code" and "language" in last:
                last["type"] = "pre"
            else:
                self.entities.append({"type": "pre", **span})
        elif tag.name == "code":
            # <pre><code class="language-x">...</code></pre>: the language belongs to the pre
            if last is not None and same_span and last["type"] == "pre" and tag.argument:
                last["language"] = tag.argument
            else:
                code: dict[str, Any] = {"type": "code", **span}
                if tag.argument:
                    code["language"] = tag.argument  # dropped at the end unless a pre claims it
                self.entities.append(code)


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    if tag == "blockquote" and attribute == "expandable":
        return "1"
    return current


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the character reference starting at text[pos] == '&'.

    Returns the character and the position after the reference (a trailing ';' is optional,
    as in TDLib), or None if there is no supported reference here.
    """
    end = pos + 1
    if text[end : end + 1] == "#":
        end += 1
        hexadecimal = text[end : end + 1] == "x"
        if hexadecimal:
            end += 1
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while end < len(text) and text[end] in digits:
            end += 1
        number = text[pos + (3 if hexadecimal else 2) : end]
        if not number or end - pos >= 10:
            return None
        code_point = int(number, 16 if hexadecimal else 10)
        if code_point == 0 or code_point >= 0x10FFFF:
            return None
        char = chr(code_point)
    else:
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if text[end : end + 1] == ";":
        end += 1
    return char, end
