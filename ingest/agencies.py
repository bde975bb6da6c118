"""Recognise agencies in directive text: catalogue names and aliases, unknown agencies, groups."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

__all__ = [
    "GROUPS",
    "AgencyMention",
    "Catalogue",
    "CatalogueEntry",
    "fold",
]


@dataclass(frozen=True)
class CatalogueEntry:
    """An agency the office follows up: its name today, a short name, and former names."""

    name: str
    short_name: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the catalogue lets this agency be written."""
        return (self.name, *((self.short_name,) if self.short_name else ()), *self.aliases)


@dataclass(frozen=True)
class AgencyMention:
    """An agency named in a text, as written, with its catalogue entry or group when known."""

    written: str
    start: int
    end: int
    entry: CatalogueEntry | None = None
    group: str | None = None

    @property
    def display(self) -> str:
        """The catalogue name when recognised, else the words as written."""
        return self.entry.name if self.entry is not None else self.written

    @property
    def is_unknown(self) -> bool:
        """An agency-like name that is neither in the catalogue nor a group."""
        return self.entry is None and self.group is None


# Group keys the officer can expand to the catalogue's members; a mention naming several
# groups at once ("các sở, ngành và UBND các huyện") gets the keys joined with "+".
GROUPS = {
    "all_departments": "các sở, ban, ngành",
    "all_districts": "UBND các huyện, thị xã, thành phố",
    "all_communes": "UBND các xã, phường, thị trấn",
    "all_special_zones": "UBND các đặc khu",
    "all_localities": "các địa phương",
    "all_investors": "các chủ đầu tư",
    "all_ministries": "các bộ, cơ quan ngang bộ",
    "all_provinces": "UBND các tỉnh, thành phố trực thuộc Trung ương",
    "all_related": "các cơ quan, đơn vị liên quan",
    "all_project_boards": "các ban quản lý dự án",
}


# The local units below a province, by the group that stands for their people's committees
# (a town written short too: "UBND TP. Biên Hòa").
_LOCAL_UNITS = {
    "all_districts": ("huyen", "quan", "thi xa", "thanh pho", "tp"),
    "all_communes": ("xa", "phuong", "thi tran", "dac khu"),
    "all_special_zones": ("dac khu",),
}
_LOCAL_UNITS["all_localities"] = _LOCAL_UNITS["all_districts"] + _LOCAL_UNITS["all_communes"]
# The day the district level was abolished (and the townships with it): the level below the
# province is the communes, wards and special zones. The catalogue keeps the districts for their
# earlier tasks; a document issued since gives them no work.
TWO_LEVELS_SINCE = date(2025, 7, 1)
_ABOLISHED_UNITS = (*_LOCAL_UNITS["all_districts"], "thi tran")


def _committees(units: Iterable[str]) -> tuple[str, ...]:
    # A catalogue writes a committee as documents and seals do: "UBND xã ..." or "Ủy ban nhân
    # dân xã ...".
    return tuple(
        f"{committee} {unit}" for committee in ("ubnd", "uy ban nhan dan") for unit in units
    )


# Which catalogue names each group stands for, by the words they start with (folded, words
# joined by one space).
_GROUP_HEADS = {
    "all_departments": ("so", "ban"),
    "all_project_boards": ("ban quan ly du an",),
    **{key: _committees(units) for key, units in _LOCAL_UNITS.items()},
}
_ABOLISHED_HEADS = frozenset(_committees(_ABOLISHED_UNITS))


def group_members(
    group: str, entries: Iterable[CatalogueEntry], *, issued_on: date | None = None
) -> list[CatalogueEntry]:
    """The catalogue agencies a group mention ("all_departments+all_districts") of a document
    issued on issued_on stands for (None: whatever the day)."""
    abolished = _ABOLISHED_HEADS if issued_on and issued_on >= TWO_LEVELS_SINCE else frozenset()
    heads = tuple(
        f"{head} "
        for key in group.split("+")
        for head in _GROUP_HEADS.get(key, ())
        if head not in abolished
    )
    return [entry for entry in entries if heads and f"{_words(entry.name)} ".startswith(heads)]


def _words(name: str) -> str:
    """A name's words, folded, one space between them: "Ủy  ban nhân dân TP. Huế" is "uy ban
    nhan dan tp hue"."""
    # Composed first: a name typed in combining Unicode (Unikey's "tổ hợp", macOS) would keep
    # its marks, which fold leaves in place (one character for one character).
    return " ".join(re.findall(r"[a-z0-9]+", fold(unicodedata.normalize("NFC", name))))


# --------------------------------------------------------------------------------------------
# Folding: lowercase, no diacritics, one character for one character, so spans map back.
# --------------------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")


def _fold_char(char: str) -> str:
    low = char.lower()
    if low in "đð":
        return "d"
    if low in "\u00a0\u2007\u202f\t\n\r":
        return " "
    base = [c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c)]
    folded = (base[0] if base else low).translate(_DASHES)
    return folded if len(folded) == 1 else char


class _FoldTable(dict[int, str]):
    """str.translate's table, each character folded the first time it is met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, strip diacritics and unify dashes, keeping one character per character."""
    return text.translate(_FOLDED)


# --------------------------------------------------------------------------------------------
# Catalogue names as patterns over folded text.
# --------------------------------------------------------------------------------------------

_SYNONYMS = (
    (("uy", "ban", "nhan", "dan"), r"(?:uy\s*ban\s*nhan\s*dan|ubnd)"),
    (("ubnd",), r"(?:uy\s*ban\s*nhan\s*dan|ubnd)"),
    (("hoi", "dong", "nhan", "dan"), r"(?:hoi\s*dong\s*nhan\s*dan|hdnd)"),
    (("hdnd",), r"(?:hoi\s*dong\s*nhan\s*dan|hdnd)"),
    (("mat", "tran", "to", "quoc"), r"(?:mat\s*tran\s*to\s*quoc|mttq)"),
    (("thanh", "pho"), r"(?:thanh\s*pho|tp\.?)"),
)
_SEP = r"[\s\-,.]*"


def _name_pattern(name: str) -> str | None:
    tokens = re.findall(r"[a-z0-9]+|&", fold(name))
    if not tokens:
        return None
    parts: list[str] = []
    index = 0
    while index < len(tokens):
        for words, pattern in _SYNONYMS:
            if tuple(tokens[index : index + len(words)]) == words:
                parts.append(pattern)
                index += len(words)
                break
        else:
            token = tokens[index]
            # "và" and "&" are the same word in agency names: "Sở KH&ĐT", "Sở KH và ĐT".
            parts.append(r"(?:&|va)" if token in ("&", "va") else re.escape(token))
            index += 1
    return r"(?<![a-z0-9])" + _SEP.join(parts) + r"(?![a-z0-9])"


_SYNONYM_WORDS = frozenset(word for words, _pattern in _SYNONYMS for word in words) | {"va"}


def _needle(name: str) -> str:
    """A word every match of the name's pattern holds as it is: its longest plain word ("" for
    a name made only of words written other ways, "UBND", "TP.")."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in _SYNONYM_WORDS]
    return max(words, key=len, default="")


# "(sau đây gọi là Bộ, cơ quan trung ương)", "(Sau đây viết tắt là BHXH các tỉnh)".
NAMED_HEREAFTER = re.compile(
    r"\(\s*(?:[Ss]au|[Dd]ưới)\s+đây\s+(?:gọi|viết)\s+(?:tắt\s+|chung\s+)?(?:là|:)\s*"
    r"(?P<name>[^()]{2,60})\)"
)
_CALLED_HEREAFTER = re.compile(r"[^().;:]{0,60}?" + NAMED_HEREAFTER.pattern)


# --------------------------------------------------------------------------------------------
# Groups ("các sở, ban, ngành", "UBND các huyện, thành phố" ...), over folded text.
# --------------------------------------------------------------------------------------------

_UB = r"(?:ubnd|uy\s+ban\s+nhan\s+dan|chinh\s+quyen)"
_RELATED = r"(?:\s+(?:co\s+)?lien\s+quan)?"
# The local units of 2025 on: "xã, phường, đặc khu", in any order.
_COMMUNES = r"(?:xa|phuong|thi\s+tran|dac\s+khu)"
# Right after the verb that gives work: "Huyện đã yêu cầu các xã tổng hợp số liệu".
_ASKED = r"(?:(?<=giao\s)|(?<=yeu\scau\s)|(?<=de\snghi\s)|(?<=chi\sdao\s))"
_GROUP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(r"(?<![a-z0-9])(?:" + pattern + r")(?![a-z0-9])"))
    for key, pattern in (
        (
            "all_departments",
            # "các sở, ban, ngành", "các sở/ngành", "các sở-ngành".
            r"cac\s+(?:so|co\s+quan\s+chuyen\s+mon)(?:\s*[,/-]?\s*ban)?(?:\s*[,/-]?\s*nganh)"
            r"(?:\s*,\s*(?:doan\s+the|don\s+vi))*(?:\s+(?:cap\s+)?(?:tinh|thanh\s+pho))?"
            + _RELATED
            + r"|cac\s+(?:so|ban)\s*[,/-]?\s*nganh(?:\s+(?:cap\s+)?(?:tinh|thanh\s+pho))?"
            + _RELATED
            + r"|cac\s+co\s+quan\s+chuyen\s+mon(?:\s+thuoc\s+"
            + _UB
            + r"\s+tinh)?"
            r"|cac\s+so(?=\s*(?:,|;|\.|va|$))"
            r"|so\s*,\s*(?:ban\s*,\s*)?nganh\s+lien\s+quan"
            # "Các sở quản lý nhà nước chuyên ngành về hạ tầng".
            r"|cac\s+so\s+(?:quan\s+ly\s+(?:nha\s+nuoc\s+)?)?chuyen\s+nganh"
            # "các ngành, đơn vị" of a district: its departments.
            r"|cac\s+nganh(?:\s+chuc\s+nang)?(?:\s*,\s*(?:don\s+vi|doan\s+the|co\s+quan))*",
        ),
        (
            "all_districts",
            _UB + r"\s+(?:cac\s+)?(?:huyen|quan)(?:(?:\s*(?:,|/|-|va)\s*|\s+(?=thanh\s+pho))"
            r"(?:thi\s+xa|thanh\s+pho|quan|huyen))+"
            r"|" + _UB + r"\s+cac\s+(?:huyen|quan(?!\s+uy))|" + _UB + r"\s+cap\s+huyen"
            # "Ủy ban nhân dân thành phố và các huyện": a province with one city.
            r"|" + _UB + r"\s+thanh\s+pho\s+va\s+cac\s+huyen(?:\s*,\s*thi\s+xa)?"
            r"|cac\s+huyen(?:\s*(?:,|/)\s*(?:thi\s+xa|thanh\s+pho))+"
            # "yêu cầu các huyện ...": bare, where it is given work.
            # (Not "các huyện ủy": the Party's committees of the districts.)
            r"|" + _ASKED + r"cac\s+(?:huyen|quan)(?!\s+uy(?![a-z]))",
        ),
        (
            "all_communes",
            _UB + r"\s+(?:cac\s+)?" + _COMMUNES + r"(?:\s*(?:,|/|va)\s*" + _COMMUNES + r")+"
            r"|" + _UB + r"\s+cac\s+(?:xa|phuong|thi\s+tran)|" + _UB + r"\s+cap\s+xa"
            r"|cac\s+" + _COMMUNES + r"(?:\s*(?:,|/|va)\s*" + _COMMUNES + r")+"
            r"|" + _ASKED + r"cac\s+(?:xa|phuong)",
        ),
        # Named alone, the special zones are not the communes: "UBND các đặc khu".
        ("all_special_zones", _UB + r"\s+cac\s+dac\s+khu|" + _ASKED + r"cac\s+dac\s+khu"),
        ("all_localities", r"(?:" + _UB + r"\s+)?cac\s+dia\s+phuong"),
        ("all_investors", r"cac\s+chu\s+dau\s+tu"),
        (
            "all_ministries",
            r"cac\s+bo\s*(?:,|/)?\s*(?:nganh|co\s+quan(?:\s+ngang\s+bo|\s+trung\s+uong)?)"
            r"(?:\s*,\s*co\s+quan\s+(?:thuoc\s+chinh\s+phu|ngang\s+bo))*"
            r"(?:\s+(?:trung\s+uong|lien\s+quan))?"
            # "các Bộ quản lý chuyên ngành", "các Bộ quản lý ngành, lĩnh vực".
            r"|cac\s+bo\s+quan\s+ly\s+(?:chuyen\s+nganh|nganh(?:\s*,\s*linh\s+vuc)?)"
            # "Các Bộ là chủ Chương trình ...", "các Bộ và địa phương": the ministries.
            r"|cac\s+bo(?=\s*(?:,|;|\.|va|la|$))",
        ),
        (
            "all_provinces",
            r"(?:" + _UB + r"\s+)?cac\s+tinh\s*[,/]\s*(?:thanh\s+pho|tp)"
            r"(?:\s+truc\s+thuoc\s+(?:trung\s+uong|tw))?"
            r"|" + _UB + r"\s+cac\s+tinh|" + _UB + r"\s+cap\s+tinh"
            # A ministry's letter to each province: "Ủy ban nhân dân tỉnh, thành phố trực thuộc
            # Trung ương" (not "UBND tỉnh, thành phố Hà Nội").
            r"|" + _UB + r"\s+tinh\s*[,/]\s*(?:thanh\s+pho|tp)"
            r"\s+truc\s+thuoc\s+(?:trung\s+uong|tw|t\.\s*u)",
        ),
        (
            "all_related",
            r"cac\s+(?:co\s+quan|don\s+vi)(?:\s*,\s*(?:don\s+vi|to\s+chuc|dia\s+phuong|co\s+quan))*"
            r"(?:\s+co)?\s+lien\s+quan",
        ),
        (
            "all_project_boards",
            r"cac\s+ban\s+(?:quan\s+ly\s+du\s+an|qlda)(?:\s+chuyen\s+nganh)?(?:\s+tinh)?",
        ),
    )
)
# Words that only name a group right after another group: "các sở, ban, ngành và địa phương",
# "UBND cấp huyện, cấp xã".
_GROUP_TAILS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(r"\s*(?:,|;|/|va|&)\s*(?:" + pattern + r")(?![a-z0-9])"))
    for key, pattern in (
        ("all_localities", r"(?:cac\s+)?dia\s+phuong"),
        (
            "all_communes",
            r"(?:cap\s+xa|(?:cac\s+)?" + _COMMUNES + r"(?:\s*,\s*" + _COMMUNES + r")+)",
        ),
        ("all_districts", r"cap\s+huyen"),
        ("all_departments", r"(?:cac\s+)?(?:so\s*,?\s*)?(?:ban\s*,?\s*)?nganh"),
    )
)

# --------------------------------------------------------------------------------------------
# Collectives that no catalogue lists ("các trường MN, TH, THCS", "các đơn vị trực thuộc",
# "Phòng Giáo dục và Đào tạo các huyện"), and the office-holders who stand for a group
# ("Hiệu trưởng các trường", "Chủ tịch UBND các xã, phường"): agencies as written.
# --------------------------------------------------------------------------------------------

HOLDER = (
    r"(?:pho\s+)?(?:chu\s+tich(?:\s+hoi\s+dong\s+thanh\s+vien)?|giam\s+doc|thu\s+truong|hieu\s+truong|truong\s+phong|truong\s+ban"
    r"|truong\s+tram|tram\s+truong|nguoi\s+dung\s+dau|lanh\s+dao|bo\s+truong|cuc\s+truong"
    r"|chanh\s+van\s+phong|tong\s+giam\s+doc|chu\s+nhiem|ban\s+giam\s+hieu"
    # "Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo ...", "Chánh Thanh tra tỉnh", "Chánh Văn
    # phòng UBND tỉnh" (the office named whole).
    r"|thong\s+doc|tong\s+cuc\s+truong|vien\s+truong|chanh(?:\s+an)?"
    # "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "Tư lệnh Bộ Tư lệnh Thủ đô Hà Nội".
    r"|chi\s+huy\s+truong|tu\s+lenh"
    # A hamlet's head stands for it: "Trưởng thôn các thôn", "Tổ trưởng các tổ dân phố".
    r"|truong\s+(?:thon|ap|ban|khom|xom|khu\s+pho)|to\s+truong(?:\s+to\s+dan\s+pho)?"
    # "Trưởng các phòng, đơn vị thuộc Sở": the head of each.
    r"|(?<!nha\s)truong(?=\s+(?:cac\s|$))"
    # The members of a board or council act for it: "các thành viên Hội đồng nghĩa vụ quân sự".
    r"|(?:cac\s+)?thanh\s+vien"
    # The office that runs a council's business: "Cơ quan Thường trực Hội đồng Thi đua - Khen
    # thưởng (Văn phòng Bộ) rà soát ...", "Văn phòng Thường trực Ban Chỉ đạo 389 quốc gia".
    r"|(?:co\s+quan|van\s+phong)\s+thuong\s+truc"
    # The staff who stand for their office: "cán bộ, công chức Ban Tiếp công dân tỉnh".
    r"|can\s+bo\s*,?\s*cong\s+chuc(?:\s*,?\s*vien\s+chuc)?(?:\s*(?:,|va)\s*nguoi\s+lao\s+dong)?)"
)
# Groups written one after another are one mention, office-holders between them included:
# "thủ trưởng các sở, ngành liên quan, Chủ tịch UBND các huyện".
_GROUP_JOIN = re.compile(rf"\s*(?:,|;|/|va|&)\s*(?:{HOLDER}(?:\s*(?:,|va|/)\s*{HOLDER})*\s+)?")
_HOLDER_AHEAD = re.compile(rf"{HOLDER}\s")
_HOLDERS_BEFORE = re.compile(rf"(?<![a-z0-9]){HOLDER}(?:\s*(?:,|va|/)\s*{HOLDER})*\s+$")
# School levels and kinds after "các trường": "MN - MG (CL - NCL)", "mầm non, tiểu học, THCS".
_LEVEL = (
    r"(?:mam\s+non|mau\s+giao|nha\s+tre|tieu\s+hoc|trung\s+hoc(?:\s+(?:co\s+so|pho\s+thong))?"
    r"|pho\s+thong(?:\s+dan\s+toc\s+(?:noi|ban)\s+tru)?|thcs|thpt|th|mn|mg|gdtx|gdnn|ptdtnt"
    r"|ptdtbt|lien\s+cap|chuyen\s+biet|(?:ngoai\s+)?cong\s+lap|cl|ncl|tu\s+thuc|dan\s+lap"
    r"|truc\s+thuoc(?:\s+(?:so|phong))?|dai\s+hoc|cao\s+dang|trung\s+cap)"
)
_LEVELS = rf"(?:\s*(?:,|-|/|&|va|\()?\s*{_LEVEL}\)?(?![a-z0-9]))*"
# ("Trường Tiểu học và THCS Lũng Cú", "Trường TH&THCS ...": a school of two levels.)
_SCHOOL_KIND = re.compile(
    rf"\s+{_LEVEL}(?:\s*(?:va|&|-)\s*{_LEVEL}(?![a-z0-9]))*(?:\s+chuyen)?(?![a-z0-9])"
)
_COLLECTIVE = re.compile(
    r"(?<![a-z0-9])cac\s+(?:truong(?!\s+hop)(?:\s+hoc)?|nha\s+truong|co\s+so\s+giao\s+duc(?:\s+nghe\s+nghiep)?"
    r"|don\s+vi\s+(?:truong\s+hoc|giao\s+duc|truc\s+thuoc(?:\s+(?:so|phong))?))"
    + _LEVELS
    + r"(?![a-z0-9])"
)
# "các đại học, học viện, trường đại học": the higher schools, as a set.
_HIGHER_SCHOOL = r"(?:dai\s+hoc|hoc\s+vien|truong\s+(?:dai\s+hoc|cao\s+dang)|cao\s+dang)"
_HIGHER_SCHOOLS = re.compile(
    rf"(?<![a-z0-9])cac\s+(?:dai\s+hoc|hoc\s+vien)(?:\s*(?:,|va)\s*{_HIGHER_SCHOOL})*(?![a-z0-9])"
)
# "Các bệnh viện trên địa bàn tỉnh", "các bệnh viện tuyến huyện": the hospitals, as a set.
_HOSPITALS = re.compile(
    r"(?<![a-z0-9])cac\s+benh\s+vien"
    r"(?:\s+(?:tuyen\s+(?:tinh|huyen|trung\s+uong)|cong\s+lap|truc\s+thuoc(?:\s+so)?"
    r"|tren\s+dia\s+ban(?:\s+(?:tinh|huyen|thanh\s+pho))?))*(?![a-z0-9])"
)
# A district's departments: "các phòng, ban chuyên môn thuộc UBND huyện", "các phòng, ban, ngành",
# "các phòng ngành".
_DISTRICT_DEPARTMENTS = re.compile(
    # "các phòng, ban, ngành", and "các phòng ngành" as a district's news writes it.
    r"(?<![a-z0-9])cac\s+phong(?:(?:\s*,\s*|\s+)ban(?:\s*,\s*nganh)?|\s*,?\s*nganh(?![a-z0-9])"
    # "Trưởng các phòng, đơn vị thuộc Sở": a department's offices and units.
    r"|(?=\s*,\s*don\s+vi\s+(?:truc\s+)?thuoc\s+(?:so|cuc|chi\s+cuc)(?![a-z0-9])))"
    r"(?:\s*,\s*(?:don\s+vi|doan\s+the|co\s+quan))*(?:\s+chuyen\s+mon)?"
    r"(?:\s+(?:thuoc|truc\s+thuoc)\s+(?:" + _UB + r"\s+(?:huyen|quan|thi\s+xa|thanh\s+pho)"
    r"|(?:so|cuc|chi\s+cuc)(?![a-z0-9])))?"
    r"|(?<![a-z0-9])cac\s+phong\s+chuyen\s+mon(?:\s+(?:thuoc|truc\s+thuoc)\s+(?:"
    + _UB
    + r"\s+(?:huyen|quan|thi\s+xa|thanh\s+pho)|so|cuc|chi\s+cuc))?(?![a-z0-9])"
)
# Those a plan gives its tasks: "các cơ quan được phân công chủ trì thực hiện nhiệm vụ".
_TASKED = re.compile(
    r"(?<![a-z0-9])cac\s+(?:co\s+quan|don\s+vi)(?:\s*,\s*(?:co\s+quan|don\s+vi|dia\s+phuong))*"
    r"\s+duoc\s+(?:giao|phan\s+cong)\s+(?:chu\s+tri(?:\s+thuc\s+hien)?|thuc\s+hien)"
    r"(?:\s+(?:cac\s+)?nhiem\s+vu)?(?![a-z0-9])"
)
# State groups and corporations: "các tập đoàn, tổng công ty nhà nước".
_STATE_FIRMS = re.compile(
    r"(?<![a-z0-9])cac\s+(?:tap\s+doan(?:\s+kinh\s+te)?(?:\s*,\s*tong\s+cong\s+ty)?"
    r"|tong\s+cong\s+ty|doanh\s+nghiep)\s+nha\s+nuoc(?![a-z0-9])"
)
# Plural nouns that name the addressees only after an office-holder: "Thủ trưởng các đơn vị".
_HELD_COLLECTIVE = re.compile(
    r"cac\s+(?:co\s+quan(?:\s*,\s*don\s+vi)?|don\s+vi|phong\s*,\s*ban(?:\s+chuyen\s+mon)?"
    r"|phong\s+ban|truong(?!\s+hop))(?![a-z0-9])"
)
# "Giám đốc các sở" (no list after it): the departments.
# ("Các Sở: Y tế, Tư pháp" lists them; "Giám đốc các sở: Chỉ đạo ..." gives them work.)
_HELD_DEPARTMENTS = re.compile(
    r"(?<![a-z0-9])cac\s+so(?:\s+(?:cap\s+)?tinh)?(?![a-z0-9])"
    r"(?!\s*:(?!\s*(?:chi\s+dao|to\s+chuc|thuc\s+hien|trien\s+khai|bao\s+cao|kiem\s+tra"
    r"|chu\s+dong|tiep\s+tuc|khan\s+truong|ra\s+soat)\b))"
)
# A unit of every district or commune: "Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố".
_DISTRICT_UNITS = re.compile(
    r"(?<![a-z0-9])(?<!truong\s)(?:cac\s+)?(?P<unit>phong|van\s+phong|trung\s+tam|tram|cong\s+an|chi\s+cuc|doi(?!\s+voi)|dang\s+uy|ban\s+chi\s+huy"
    r"\s+quan\s+su|hoi|(?<!cuc\s)thue|bao\s+hiem\s+xa\s+hoi|bhxh|kho\s+bac(?:\s+nha\s+nuoc)?)"
    r"(?:\s+(?P<name>[^,;.:()]{1,60}?))?\s+cac\s+(?:tinh|huyen|quan|xa|phuong)"
    r"(?:\s*(?:,|/|va)\s*(?:thi\s+xa|thanh\s+pho|quan|huyen|xa|phuong|thi\s+tran|dac\s+khu|tp))*"
    # "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương": the department of every province.
    r"(?:\s+truc\s+thuoc\s+(?:trung\s+uong|tw))?"
    r"(?![a-z0-9])"
)


# A list of kinds of bodies that a notice addresses by name: "Các cơ quan, đơn vị, xí nghiệp,
# trường học, bệnh viện, các đơn vị lực lượng vũ trang và hộ dân" (two kinds or more).
_BODY = (
    r"(?:co\s+quan(?:\s+hanh\s+chinh)?|don\s+vi(?:\s+(?:luc\s+luong\s+vu\s+trang|su\s+nghiep"
    r"|truc\s+thuoc))?|dia\s+phuong|xi\s+nghiep|doanh\s+nghiep|truong\s+hoc|benh\s+vien|to\s+chuc"
    r"|doan\s+the|ho\s+dan|ho\s+gia\s+dinh|nha\s+dan|luc\s+luong\s+vu\s+trang|cong\s+ty|co\s+so"
    r"|nha\s+truong|ca\s+nhan|ban\s*,?\s*nganh|nganh|bo\s+phan)"
)
_BODY_LIST = re.compile(
    rf"(?<![a-z0-9])(?:tat\s+ca\s+(?:cac\s+)?|cac\s+)(?:co\s+quan|don\s+vi|bo\s+phan)"
    rf"(?:\s*(?:,|va)\s*(?:cac\s+)?{_BODY})+(?![a-z0-9])"
)


# Each of the addressees: "Mỗi trường chọn 01 bài gửi về Phòng GD&ĐT", "Mỗi cơ quan, đơn vị bố
# trí 01 thùng thu gom pin thải".
_EACH = re.compile(
    r"(?<![a-z0-9])(?:moi|tung)\s+(?:truong(?!\s+hop)(?:\s+hoc)?|co\s+quan(?:\s*,\s*don\s+vi)?"
    r"|don\s+vi|dia\s+phuong|xa|huyen|so|nganh)(?![a-z0-9])"
)
# What stands between agencies just named and "mỗi/từng ..." that refers back to them.
_APPOSITION = re.compile(r"\s*[,\u2013-]\s*")


def _each_of_those(folded: str, previous: _Found, found: _Found) -> bool:
    """Whether "mỗi/từng + noun" is each of the agencies named right before it ("Giao Sở Y tế và
    Sở Tài chính, mỗi đơn vị xây dựng 01 kế hoạch"), not agencies of its own, as where it opens
    the clause that assigns the work ("Mỗi trường chọn 01 bài gửi về Phòng GD&ĐT")."""
    return (
        _EACH.match(folded, found.start) is not None
        and _APPOSITION.fullmatch(folded, previous.end, found.start) is not None
    )


# The forces a dispatch sets to work: "Các lực lượng cứu nạn, cứu hộ", "lực lượng chức năng", and
# the services that act in every province.
_FORCES = re.compile(
    r"(?<![a-z0-9])(?:cac\s+)?luc\s+luong\s+(?:chuc\s+nang|vu\s+trang|cuu\s+nan\s*,?\s*cuu\s+ho"
    r"|cuu\s+ho\s*,?\s*cuu\s+nan|dan\s+quan(?:\s+tu\s+ve)?|xung\s+kich|thanh\s+nien\s+xung\s+phong"
    r"|cong\s+an|quan\s+doi|bien\s+phong|kiem\s+lam|phong\s+chay\s*,?\s*chua\s+chay"
    # "lực lượng Cảnh sát giao thông".
    r"|canh\s+sat(?:\s+(?:giao\s+thong|co\s+dong|phong\s+chay(?:\s*,?\s*chua\s+chay)?|kinh\s+te))?)"
    r"(?:\s+(?:tinh|huyen|thanh\s+pho|dia\s+phuong|cac\s+cap))?(?![a-z0-9])"
    r"|(?<![a-z0-9])cac\s+co\s+quan\s+chuc\s+nang(?![a-z0-9])"
    # The offices of a service at every level: "Cơ quan thuế các cấp", "cơ quan hải quan".
    r"|(?<![a-z0-9])(?:cac\s+)?co\s+quan\s+(?:quan\s+ly\s+)?(?:thue|hai\s+quan|bao\s+hiem\s+xa\s+hoi"
    r"|bhxh|kho\s+bac)"
    r"(?:\s+cac\s+cap)?(?![a-z0-9])"
)
# The residential units of a commune or ward: "các tổ dân phố", "các thôn, bản", "các khu phố,
# ấp", whom a ward's notice addresses.
_HAMLET = (
    r"(?:to\s+dan\s+pho|khu\s+pho|khu\s+dan\s+cu|to\s+dan\s+cu|thon|khom|xom"
    # "các ấp" and "các buôn", not "các áp lực", "các buôn bán".
    r"|ap(?!\s+(?:luc|dung|dat|thap|suat|tai))|buon(?!\s+(?:ban|lau)))"
)
_RESIDENTIAL = re.compile(
    rf"(?<![a-z0-9])cac\s+{_HAMLET}(?:\s*(?:,|va|/)\s*(?:{_HAMLET}|ban))*(?![a-z0-9])"
)
# The heads of hamlets and of their Party cells, as a commune's letters ask them: "Bí thư chi
# bộ, Trưởng thôn", "các đồng chí Trưởng thôn", "Ban điều hành các khu phố" (not "Trưởng thôn
# các thôn": a holder of a group).
_HAMLET_HEAD = (
    r"(?:bi\s+thu\s+chi\s+bo|truong\s+(?:thon|ap|khom|xom|khu\s+pho|to\s+dan\s+pho)"
    r"|to\s+truong\s+to\s+dan\s+pho|ban\s+dieu\s+hanh(?:\s+cac)?\s+(?:khu\s+pho|thon|ap|to\s+dan\s+pho))"
)
_HAMLET_HEADS = re.compile(
    rf"(?<![a-z0-9])(?:cac\s+)?(?:dong\s+chi\s+)?{_HAMLET_HEAD}(?:\s*(?:,|va|/)\s*{_HAMLET_HEAD})*"
    r"(?![a-z0-9])(?!\s+cac\s)"
)
# The public a notice asks: "các hộ gia đình, cá nhân có đất ...", "các tổ chức, cá nhân được cấp
# giấy phép ...", "Tất cả các hộ gia đình".
_PUBLIC = re.compile(
    r"(?<![a-z0-9])(?:tat\s+ca\s+)?cac\s+(?:ho\s+(?:gia\s+dinh|dan)(?:\s*,\s*ca\s+nhan)?"
    r"|to\s+chuc\s*,\s*ca\s+nhan|ca\s+nhan\s*,\s*to\s+chuc)(?![a-z0-9])"
    # Firms, where they are given work: "yêu cầu các doanh nghiệp viễn thông ...".
    r"|" + _ASKED + r"cac\s+(?:doanh\s+nghiep|nha\s+mang|cong\s+ty|benh\s+vien|hop\s+tac\s+xa"
    r"|thuong\s+nhan(?:\s+dau\s+moi)?"
    r"|chu\s+rung|ho\s+chan\s+nuoi|co\s+so(?:\s+(?:y\s+te|kham(?:\s*,)?\s*chua\s+benh"
    r"|san\s+xuat|kinh\s+doanh|che\s+bien|chan\s+nuoi|luu\s+tru))?)(?![a-z0-9])"
    # Those who own what a dispatch protects, as the subject of its sentence: "Các chủ rừng
    # hoàn thành ...", "Các chủ hồ chứa thủy điện, thủy lợi vận hành ...".
    r"|(?:^|(?<=^[-+•*]\s)|(?<=\.\s)|(?<=:\s))cac\s+(?:chu\s+rung|chu\s+ho\s+chua(?:\s+thuy\s+(?:dien|loi)"
    r"(?:\s*,\s*thuy\s+(?:dien|loi))?)?|nha\s+thau(?:\s+thi\s+cong)?"
    # "Các doanh nghiệp kinh doanh vận tải hành khách niêm yết giá cước ...".
    r"|doanh\s+nghiep\s+kinh\s+doanh\s+van\s+tai(?:\s+hanh\s+khach|\s+hang\s+hoa)?"
    # The units of a sector, in lower case: "Các cơ sở khám bệnh, chữa bệnh thực hiện ...", "Các
    # phòng GD&ĐT tổ chức ...", "Các trung tâm y tế khu vực rà soát ...".
    r"|co\s+so\s+(?:kham(?:\s+benh)?\s*,?\s*chua\s+benh|y\s+te|giao\s+duc)"
    r"|phong\s+(?:gd\s*&\s*dt|gd\s*-\s*dt|gddt|giao\s+duc(?:\s+va\s+dao\s+tao)?)"
    r"|trung\s+tam\s+y\s+te(?:\s+khu\s+vuc|\s+(?:cac\s+)?(?:huyen|quan))?)(?![a-z0-9])"
    # Or heading their own item: "4. Các cơ sở nuôi trồng thủy sản: Theo dõi, giám sát ...".
    r"|(?<![a-z0-9])cac\s+(?:doanh\s+nghiep|co\s+so|ho|hop\s+tac\s+xa|cong\s+ty|chu\s+rung"
    r"|nha\s+thau)(?:\s+(?!(?:co|can|phai|duoc|chiu|thuc\s+hien)\s)[^\s:.;()]+){0,8}(?=\s*:)"
)
# Words that make "sở" and "bộ" part of another word: "cơ sở y tế" (a health facility) holds
# "sở y tế" (the department), "cán bộ y tế" (health workers) "bộ y tế" (the ministry).
_COMPOUND_BEFORE = {
    "so": re.compile(r"(?<![a-z0-9])(?:co|tru)\s+$"),
    "bo": re.compile(r"(?<![a-z0-9])(?:can|toan|noi|so|dong|tien)\s+$"),
}
_HEAD_WRITTEN = {"so": "sở", "bo": "bộ"}


def _in_a_compound(text: str, folded: str, start: int) -> bool:
    """Whether a catalogue name found at start is the tail of another word: "cơ sở y tế", "cán
    bộ y tế", or, in a text with its marks, another word spelt alike ("hồ sơ y tế")."""
    head = folded[start : start + 3].rstrip()
    if head not in _COMPOUND_BEFORE:
        return False
    if _COMPOUND_BEFORE[head].search(folded, max(0, start - 12), start):  # the word before
        return True
    written = text[start : start + len(head)].lower()
    return _has_marks(text) and written != _HEAD_WRITTEN[head]


# Units counted out: "Ủy ban nhân dân 16 phường", "UBND 10 xã, thị trấn".
_COUNTED_UNITS = re.compile(
    r"(?<![a-z0-9])(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+\d{1,3}\s+(?:phuong|xa|huyen|quan|thi\s+tran"
    r"|thi\s+xa)(?:\s*,\s*(?:phuong|xa|thi\s+tran|thi\s+xa|thanh\s+pho))*(?![a-z0-9])"
)
# A level of government that opens an item: "– Cấp xã hoàn thành và báo cáo trước ngày ...".
_LEVEL_OF_GOVERNMENT = re.compile(r"(?<![a-z0-9]\s)(?<![a-z0-9])cap\s+(?:xa|huyen|tinh)\b")


_VERB_IN_UNIT = re.compile(
    r"(?<![a-z])(?:phoi\s+hop|tham\s+muu|chu\s+tri|bo\s+tri|to\s+chuc|thuc\s+hien|trien\s+khai"
    r"|xu\s+ly|bao\s+cao|voi|cho|huong\s+dan)(?![a-z])"
)


def _verb_after_name(words: str) -> bool:
    """ "Nội vụ đôn đốc các xã": a name, then a verb in lowercase ("Phòng Nội vụ đôn đốc ...")."""
    split = words.split()
    return any(
        first.islower() and f"{first} {second}" in _STOP_PHRASES
        for first, second in itertools.pairwise(split)
    )


_UNITS_OF_A_LEVEL = re.compile(
    r"(?:" + _UB + r"\s+)?cac\s+(?:huyen|quan|xa|phuong|thanh\s+pho|thi\s+xa)\s+"
)


def _named_units(text: str, folded: str) -> list[_Found]:
    """ "UBND các huyện Hướng Hóa, Đakrông", "Ủy ban nhân dân các quận Ô Môn, Bình Thủy", "UBND
    các thành phố Thủ Dầu Một, Tân Uyên": the
    committees of the places named, not of every district."""
    found = []
    for match in _UNITS_OF_A_LEVEL.finditer(folded):
        if folded.startswith("cac", match.start()) and text[match.start()] != "C":
            continue  # "tại các huyện Thới Lai, ...": where; "Các xã Gio Mỹ, ... tập trung": who
        position, end = match.end(), None
        while (place := _PLACE.match(text, position)) and not _HEADS.match(folded, position):
            end = place.end()  # the last place named, without the joint after it
            joint = _PLACE_JOINT.match(text, end)
            if joint is None or not text[joint.end() : joint.end() + 1].isupper():
                break
            position = joint.end()
        if end is not None:
            found.append(_Found(match.start(), end, collective=True))
    return found


_FIRMS_HEADING = re.compile(
    r"\s*(?:\d{1,2}[.)]\s*|[a-z][.)]\s*)?(?P<kind>cac\s+(?:doanh\s+nghiep|thuong\s+nhan|co\s+so"
    r"|hop\s+tac\s+xa|cong\s+ty|chu\s+rung|nha\s+thau)(?:\s+[a-z0-9]+){0,8})\s*"
)
# A commune's official, named by the post, in lowercase: "công chức Văn hóa - Xã hội".
_COMMUNE_OFFICIAL = re.compile(r"(?<![a-z])(?<!can\sbo,\s)(?<!can\sbo\s)cong\s+chuc\s+(?=[a-z])")


def _collectives(text: str, folded: str) -> list[_Found]:
    found: list[_Found] = []
    for match in _LEVEL_OF_GOVERNMENT.finditer(folded):
        if text[match.start()] == "C":  # capitalised: the subject, not "UBND cấp xã"
            found.append(_Found(match.start(), match.end(), collective=True))
    for match in _BODY_LIST.finditer(folded):
        found.append(_Found(match.start(), match.end(), collective=True))
    heading = _FIRMS_HEADING.fullmatch(folded)
    if heading and not _verb_after_name(text[heading.start("kind") : heading.end()]):
        # "2. Các thương nhân đầu mối kinh doanh xăng dầu", a heading over their work.
        found.append(_Found(heading.start("kind"), heading.end(), collective=True))
    for match in _COMMUNE_OFFICIAL.finditer(folded):
        if text[match.end() : match.end() + 1].isupper():
            # "Giao đ/c Nguyễn Văn Nam - công chức Địa chính - Xây dựng: ...": the post given work.
            found.append(_Found(match.start(), _name_end(text, folded, match.end(), max_lower=3)))
    for match in _EACH.finditer(folded):
        if text[match.start() : match.start() + 3].lower() in ("mỗi", "từng"):  # not "mới"
            found.append(_Found(match.start(), match.end(), collective=True))
    for pattern in (
        _COLLECTIVE,
        _HOSPITALS,
        _HIGHER_SCHOOLS,
        _STATE_FIRMS,
        _DISTRICT_DEPARTMENTS,
        _TASKED,
        _FORCES,
        _COUNTED_UNITS,
        _RESIDENTIAL,
        _PUBLIC,
        _HAMLET_HEADS,
    ):
        for match in pattern.finditer(folded):
            found.append(_Found(match.start(), match.end(), collective=True))
    for match in _DISTRICT_UNITS.finditer(folded):
        unit, name = match.start("unit"), match.start("name")
        if (match.start() == unit and not text[unit].isupper()) or (
            name >= 0 and not text[name].isupper()
        ):
            continue  # "phòng chống ... các huyện" is no unit; a unit's name is capitalised
        if name >= 0 and (
            _STOP_PAIR.search(folded, name, match.end())
            or _VERB_IN_UNIT.search(folded, name, match.end())
            or _verb_after_name(text[name : match.end("name")])
        ):
            # "Chi cục Thú y đề nghị Trung tâm ... các huyện", "Phòng Tài chính - Kế hoạch huyện
            # tham mưu bố trí vốn cho các xã": an agency, a verb, and whom it is for.
            continue
        found.append(_Found(match.start(), match.end(), collective=True))
    for match in _HELD_COLLECTIVE.finditer(folded):
        if _HOLDERS_BEFORE.search(folded[max(0, match.start() - 60) : match.start()]):
            found.append(_Found(match.start(), match.end(), collective=True))
    for match in _HELD_DEPARTMENTS.finditer(folded):
        if _HOLDERS_BEFORE.search(folded[max(0, match.start() - 60) : match.start()]):
            found.append(_Found(match.start(), match.end(), group="all_departments"))
    return found


# --------------------------------------------------------------------------------------------
# Agencies that are not in the catalogue, by their head word: "Sở ...", "Cục ...", "Tổ 770".
# --------------------------------------------------------------------------------------------

# Sector names of departments and ministries (both before and after the 2025 mergers), so
# that a name is cut where it ends: "Sở Giao thông vận tải" and not "Sở Giao thông vận".
SECTORS = (
    "Kế hoạch và Đầu tư",
    "Kế hoạch - Đầu tư",
    "Tài chính",
    "Nội vụ",
    "Tư pháp",
    "Công Thương",
    "Xây dựng",
    "Giao thông vận tải",
    "Giao thông - Vận tải",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp - Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường",
    "Tài nguyên - Môi trường",
    "Lao động - Thương binh và Xã hội",
    "Lao động, Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa - Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Văn hóa - Thể thao",
    "Du lịch",
    "Thông tin và Truyền thông",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Y tế dự phòng",  # "Cục Y tế dự phòng", the Ministry of Health's epidemic department
    "Y tế",
    "Ngoại vụ",
    "Ngoại giao",
    "Công an",
    "Quốc phòng",
    "Dân tộc và Tôn giáo",
    "Quy hoạch - Kiến trúc",
    "Thanh tra",
    # A district's or a department's inspectors: "Đội Thanh tra xây dựng", "Thanh tra giao thông".
    "Thanh tra xây dựng",
    "Thanh tra giao thông",
    # District offices: "Phòng Tài chính - Kế hoạch", "Phòng Kinh tế - Hạ tầng".
    "Tài chính - Kế hoạch",
    "Kinh tế - Hạ tầng",
    "Kinh tế và Hạ tầng",
    "Văn hóa - Thông tin",
    "Văn hóa và Thông tin",
    "Văn hóa, Khoa học và Thông tin",
    # A ward's offices since 2025: "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội".
    "Kinh tế, Hạ tầng và Đô thị",
    "Văn hóa - Xã hội",
)
# A sector as "ngành" names it, shorter than its department: "ngành nông nghiệp tỉnh", "Ngành
# giáo dục".
_SECTOR_WORD = re.compile(
    r"(?:nong\s+nghiep|giao\s+duc|y\s+te|van\s+hoa|giao\s+thong|tai\s+nguyen|cong\s+thuong"
    r"|xay\s+dung|tai\s+chinh|thue|hai\s+quan|dien\s+luc|dien|lao\s+dong|thong\s+tin|du\s+lich"
    r"|ngan\s+hang|kiem\s+lam|thuy\s+san|lam\s+nghiep|noi\s+vu|tu\s+phap|thanh\s+tra|thong\s+ke)"
    r"(?![a-z0-9])(?:\s+(?:tinh|huyen|thanh\s+pho|thi\s+xa|quan)(?![a-z0-9]))?"
)
_SECTOR_PATTERN = re.compile(
    "|".join(
        p for p in sorted((_name_pattern(s) or "" for s in SECTORS), key=len, reverse=True) if p
    )
)

_HEADS = re.compile(
    r"(?<![a-z0-9])(?P<head>"
    # The Party's groups in a body: "Ban cán sự đảng UBND tỉnh", "Đảng đoàn HĐND tỉnh".
    r"ban\s+can\s+su\s+dang|dang\s+doan|"
    r"bo\s+doi\s+bien\s+phong|bo\s+chi\s+huy|btl|ban\s+chi\s+huy|ban\s+quan\s+ly|ban\s+chi\s+dao|chi\s+cuc|tong\s+cuc|cuc|so|bo\s+phan|bo|ban"
    # A ministry's department: "Vụ Kế hoạch - Tài chính", "Vụ Vật liệu xây dựng".
    r"|vu"
    r"|kho\s+bac\s+nha\s+nuoc|ngan\s+hang\s+nha\s+nuoc|nhnn|bao\s+hiem\s+xa\s+hoi"
    r"|ngan\s+hang\s+chinh\s+sach\s+xa\s+hoi|vien\s+thong|don\s+bien\s+phong"
    r"|lien\s+minh\s+hop\s+tac\s+xa|dai\s+phat\s+thanh\s+va\s+truyen\s+hinh|trung\s+tam"
    # A province's newspaper and broadcaster merged in 2025: "Báo và Phát thanh, Truyền hình
    # tỉnh Lào Cai".
    r"|bao\s+va\s+phat\s+thanh\s*[,-]?\s*truyen\s+hinh"
    r"|thanh\s+tra|thong\s+ke|van\s+phong\s+ban\s+chi\s+(?:dao|huy)|van\s+phong\s+dieu\s+phoi"
    r"|van\s+phong\s+dang\s+ky\s+dat\s+dai|van\s+phong"
    r"|cong\s+an|to\s+cong\s+tac|to"
    # The tax offices since 2025: "Thuế tỉnh Lâm Đồng", "Thuế thành phố Hà Nội".
    r"|thue"
    # The Party's committees, given work by its letters: "các Đảng ủy trực thuộc", "Đảng ủy xã",
    # "Tỉnh ủy", "Huyện ủy Tân Hiệp".
    r"|dang\s+uy|tinh\s+uy|thanh\s+uy|huyen\s+uy|quan\s+uy|thi\s+uy"
    r"|(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+(?:tinh|huyen|quan|thi\s+xa|thanh\s+pho|tp\.?|xa|phuong"
    # A paper's short forms: "UBND H.Long Thành", "UBND Q.8", "UBND TX.Điện Bàn".
    r"|thi\s+tran|dac\s+khu|(?:h|q|tx)(?=\.\s*[a-z\d]))"
    # Named like a department: "Phòng Tài chính - Kế hoạch", "Ủy ban Dân tộc", "Hội Nông dân tỉnh",
    # "Trường THCS Hoàng Lương", "Đài Phát thanh - Truyền hình Hậu Giang", "Viện Kiểm sát ...".
    r"|doan\s+dai\s+bieu\s+quoc\s+hoi|doan\s+dbqh|hoi\s+dong\s+nhan\s+dan|hdnd"
    r"|thuong\s+truc\s+(?:hdnd|hoi\s+dong\s+nhan\s+dan)"
    # "Hội đồng nghĩa vụ quân sự huyện", "Hội đồng NVQS", "Hội đồng Thi đua - Khen thưởng".
    r"|hoi\s+dong"
    # "Học viện Chính trị quốc gia Hồ Chí Minh", "Đại học Quốc gia Hà Nội", "Vườn quốc gia Cúc
    # Phương", a branch: "Chi nhánh Viettel Lâm Đồng".
    r"|hoc\s+vien|dai\s+hoc|vuon\s+quoc\s+gia|chi\s+nhanh"
    r"|phong|uy\s+ban|hiep\s+hoi|hoi|truong|dai|vien|benh\s+vien|lien\s+doan|tap\s+doan"
    r"|tong\s+cong\s+ty|buu\s+dien"
    # The national roads' regional offices: "Khu Quản lý đường bộ IV".
    r"|khu\s+quan\s+ly\s+duong\s+(?:bo|thuy(?:\s+noi\s+dia)?)"
    # The Youth Union by its level: "Tỉnh đoàn", "Thành đoàn Hà Nội", "Huyện đoàn Đức Trọng".
    r"|tinh\s+doan|thanh\s+doan|huyen\s+doan|quan\s+doan|thi\s+doan"
    # Offices by the initials they go by: "BHXH tỉnh", "KBNN tỉnh", "LĐLĐ tỉnh", "CDC tỉnh".
    r"|bhxh|kbnn|tand|vksnd|bchqs|bch\s+quan\s+su|bdbp|ldld|nhcsxh|cdc|ubmttq|mttq"
    r"|thi\s+hanh\s+an\s+dan\s+su|doan\s+tncs\s+ho\s+chi\s+minh"
    # The firms that carry the province's lines and power: "Viettel Lâm Đồng", "Điện lực Đức
    # Trọng".
    r"|viettel|vnpt|mobifone|agribank|evn|dien\s+luc"
    # Border customs, port authorities, libraries, trade unions: "Hải quan cửa khẩu quốc tế Móng
    # Cái", "Cảng vụ Hàng hải Quảng Ninh", "Thư viện tỉnh", "Công đoàn Viên chức tỉnh".
    r"|hai\s+quan|cang\s+vu|thu\s+vien|cong\s+doan"
    # A commune's or a school's own: "Bộ phận Một cửa", "Công chức Địa chính - Xây dựng", "Chi hội
    # Phụ nữ", "Đoàn Thanh niên xã".
    r"|cong\s+chuc|chi\s+hoi|doan\s+thanh\s+nien"
    # A team set up for the work: "Đoàn kiểm tra", "Đoàn công tác số 2".
    r"|doan\s+(?:kiem\s+tra|cong\s+tac|thanh\s+tra|giam\s+sat)"
    r"|cong\s+ty|hop\s+tac\s+xa|htx"
    # Field units: "Hạt Kiểm lâm", "Đội Quản lý thị trường số 1", "Trạm Y tế xã".
    r"|hat\s+kiem\s+lam|doi|tram"
    # A sector named as an actor: "Ngành giao thông vận tải theo dõi ...".
    r"|nganh"
    r")(?![a-z0-9])"
)
_FIRMS = frozenset(("viettel", "vnpt", "mobifone", "agribank", "evn", "dien luc", "vien thong"))
# A company's legal form, in lowercase before its name: "Công ty cổ phần Nước sạch".
_COMPANY_FORM = re.compile(
    r"\s+(?:co\s+phan|trach\s+nhiem\s+huu\s+han(?:\s+(?:mot|hai)\s+thanh\s+vien)?)(?![a-z])"
)
# A section of an office, named by what it does: "Bộ phận chuyên môn", "Bộ phận một cửa".
_SECTION_KIND = re.compile(
    r"\s+(?:chuyen\s+mon|mot\s+cua|van\s+thu|ke\s+toan|tiep\s+nhan\s+va\s+tra\s+ket\s+qua)(?![a-z])"
)
# What a head's next words may say of the body before its name.
_KIND_AFTER_HEAD = {"cong ty": _COMPANY_FORM, "bo phan": _SECTION_KIND}
_PARTY_COMMITTEES = ("tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy")
# Heads that name a body alone or with a fixed tail: "Tỉnh đoàn", "BHXH tỉnh", "Bưu điện tỉnh".
_NAMED_BY_HEAD = frozenset(
    (
        "lien minh hop tac xa",
        "dai phat thanh va truyen hinh",
        "bo doi bien phong",
        "hat kiem lam",
        "buu dien",
        "tinh doan",
        "thanh doan",
        "huyen doan",
        "quan doan",
        "thi doan",
        "bhxh",
        "kbnn",
        "tand",
        "vksnd",
        "bchqs",
        "bch quan su",
        "bdbp",
        "ldld",
        "nhcsxh",
        "cdc",
        "ubmttq",
        "mttq",
        "thi hanh an dan su",
        "doan tncs ho chi minh",
        "van phong dang ky dat dai",
        "viettel",
        "vnpt",
        "mobifone",
        "agribank",
        "evn",
        "thu vien",
        "doan thanh nien",
        "doan kiem tra",
        "doan cong tac",
        "doan thanh tra",
        "doan giam sat",
        *_PARTY_COMMITTEES,
    )
)
# The Party's Politburo and Secretariat: names that end in a lowercase word.
_PARTY_ORGAN = re.compile(r"(?:bo\s+chinh\s+tri|ban\s+bi\s+thu)(?![a-z0-9])")
# "Vụ" that is no ministry's department: a crop season ("Vụ Đông Xuân 2024"), the end of
# another word in a title's capitals ("Nhiệm Vụ Trọng Tâm", "Dịch Vụ Công"), a case ("Vụ Án").
_CROP_SEASON = re.compile(r"(?:dong|xuan|he|thu|mua|chiem|lua)(?![a-z0-9])")
_VU_IN_A_WORD = re.compile(
    r"(?<![a-z0-9])(?:nhiem|dich|phuc|nghia|noi|cong|chuc|nghiep|thoi|su|tap)\s+$"
)
_LEGAL_CASE = re.compile(r"(?:án|việc)(?!\w)")
# Words spelt like a head once their marks are gone: "bản" (village), "bán", "số", "bố", "tỏ".
_OTHER_WORDS = frozenset((
    "bản", "bán", "bàn", "bạn", "số", "bố", "bổ", "tỏ", "tố", "tờ", "cúc",
    "đổi", "đôi", "đợi", "dõi", "đói", "dội", "đồi", "đối", "trăm", "tràm", "trầm",
    "vũ", "vú", "vù", "vừ",  # "Vũ Văn Ninh": a family name
))  # fmt: skip
# Heads that are whole names with a fixed tail: "Công an tỉnh", "Thanh tra tỉnh".
_FIXED_TAIL = re.compile(
    # ("quan" is "quận", not "quan tâm", "quán triệt", "quản lý" after "Tỉnh ủy".)
    r"\s+(?:tinh|thanh\s+pho|tp\.?|huyen|quan(?!\s+(?:tam|triet|ly|sat|trong|he|diem))|thi\s+xa"
    r"|xa|phuong|dac\s+khu|khu\s+vuc\s+(?:[ivx]+|\d+)|chinh\s+phu|nha\s+nuoc|viet\s+nam"
    r"|trung\s+uong)(?![a-z0-9])"
)
_BOUND = re.compile(r"\s+co\s+trach\s+nhiem\b")
_OFFICE_OF = re.compile(
    # "Văn phòng HĐND và UBND huyện": a district's one office for its council and committee.
    r"\s+(?:(?:hdnd|hoi\s+dong\s+nhan\s+dan)\s*(?:va|-|,|&)\s*(?:" + _UB + r")"
    r"|" + _UB + r"|hdnd|hoi\s+dong\s+nhan\s+dan|chinh\s+phu|tinh\s+uy|thanh\s+uy"
    r"|doan\s+dbqh(?:\s+va\s+hdnd)?|doan\s+dai\s+bieu\s+quoc\s+hoi(?:\s+va\s+hdnd)?"
    r"|huyen\s+uy|quan\s+uy|dang\s+uy|quoc\s+hoi|chu\s+tich\s+nuoc|trung\s+uong\s+dang)"
    r"(?:\s+(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa|xa|phuong))?(?![a-z0-9])"
)
_LEVEL_END = re.compile(r"(?:tinh|thanh\s+pho|huyen|quan|thi\s+xa|xa|phuong)$")
_DISTRICT_NUMBER = re.compile(r"\s+\d{1,2}(?!\d)")
_TEAM_CODE = re.compile(r"\s+\d+\b")  # "Tổ công tác 1645"
_TEAM_NUMBER = re.compile(r"[^.;:\n]{0,70}?(?:\(\s*to\s+\d+\s*\)|(?<![a-z])to\s+\d+)")
# Lowercase words that end a name: the linking words and verbs that follow an agency, written
# with their marks: "về" ends "Sở Y tế về ...", "vệ" goes on "Chi cục An toàn vệ sinh thực phẩm".
_STOP_WORDS = frozenset((
    "có", "theo", "đã", "đang", "sẽ", "phải", "cùng", "tại", "về", "của", "trên", "trong", "với",
    "cho", "thì", "là", "được", "gửi", "làm", "các", "những", "mỗi", "mới", "này", "đó", "khi",
    "nếu", "sau", "trước", "trình", "qua", "chịu", "đưa", "cần", "sớm", "để", "ra", "lập",
    "vừa", "cũng", "vẫn", "luôn", "đều", "chưa", "còn", "gặp", "mở", "nộp", "dành",
))  # fmt: skip
# Verbs and adverbs of two words whose second word may go on a name: "rà soát" ends a name,
# "Trung tâm Kiểm soát bệnh tật" goes on; "nghiên cứu" ends one, "Viện Nghiên cứu" goes on.
_STOP_PHRASES = frozenset((
    "chủ trì", "phối hợp", "trách nhiệm", "tham mưu", "khẩn trương", "nghiên cứu", "báo cáo",
    "xem xét", "thực hiện", "triển khai", "hướng dẫn", "kiểm tra", "tổ chức", "tập trung",
    "chỉ đạo", "chỉ thị", "theo dõi", "tổng hợp", "đề xuất", "rà soát", "căn cứ", "tiếp tục",
    "tăng cường", "xây dựng", "hoàn thành", "hoàn thiện", "ban hành", "phê duyệt", "điều hành",
    "đẩy mạnh", "nâng cao", "khắc phục", "xử lý", "giải quyết", "bố trí", "tích cực",
    "tuyên truyền", "nghiêm túc", "chủ động", "kịp thời", "thường xuyên", "đôn đốc", "quán triệt",
    "giám sát", "đánh giá", "cung cấp", "bảo đảm", "đảm bảo", "tiếp nhận", "cập nhật", "phổ biến",
    "tiến hành", "đa dạng", "định kỳ", "lập tức", "khẩn cấp", "đẩy nhanh", "quan tâm",
    "nhanh chóng", "trực tiếp", "tiếp thu", "lưu ý", "thống nhất", "chuẩn bị", "sắp xếp",
    "vận động", "hỗ trợ", "bổ sung", "điều chỉnh", "phân công", "chấn chỉnh", "khảo sát",
    "tham gia", "tham dự", "rút kinh", "cử cán", "giao cho", "giao các", "vận hành", "xét duyệt",
    "lấy mẫu", "trực thuộc", "thực thi", "tiếp tục", "lựa chọn", "duy trì", "thành lập",
    "kiểm soát", "thu hồi", "hoàn trả", "lãnh đạo", "tuần tra", "chi trả", "thẩm định", "phân bổ",
    "huy động", "kiện toàn", "quyết liệt", "công khai", "quan tâm", "quán triệt", "tăng thời",
    "đưa tin", "áp dụng",
))  # fmt: skip
# Without marks "lam" may be "Kiểm lâm", "tai" "Tài chính", "van" "Văn hóa", "cung" "Cung ứng":
# those do not end a name then.
_STOP_WORDS_FOLDED = frozenset(fold(word) for word in _STOP_WORDS) - {"lam", "tai", "van", "cung"}
_STOP_PHRASES_FOLDED = frozenset(fold(phrase) for phrase in _STOP_PHRASES)
_STOP_PAIR = re.compile(
    r"(?:thong\s+bao|yeu\s+cau|de\s+nghi|de\s+xuat|pho\s+bien|nhac\s+nho|luu\s+y|dong\s+y"
    r"|cho\s+biet|ghi\s+nhan|quyet\s+dinh|chi\s+dao|kien\s+nghi)(?![a-z])"
)
_PLACE_TAIL = re.compile(
    r"\s+(?:[Tt]ỉnh|[Tt]hành phố|TP\.?|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|[Đđ]ặc khu"
    r"|[Kk]hu vực)"
    r"(?:\s+(?:\d{1,2}\b|[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]\w*))+"
)
_CAPITAL = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# A province's newspaper: "Báo Lâm Đồng" (not "Bão Yagi", "Bảo Lộc", "Báo cáo").
_NEWSPAPER = re.compile(rf"(?<!\w)(?:Báo|BÁO)\s+(?=[{_CAPITAL}])")
# The commune or ward a unit serves, unnamed: "Phòng Văn hóa - Xã hội phường" (not "xã hội").
_BARE_COMMUNE = re.compile(
    rf"\s+(?:xã|phường|huyện|quận|thị xã)(?![\w-])(?!\s+(?:hội\b|[{_CAPITAL}\d]))"
)
# The provinces (before the 2025 merger, which kept 23 of their names): a name after "tỉnh".
_PROVINCE = re.compile(
    r"(?:an\s+giang|ba\s+ria|bac\s+giang|bac\s+kan|bac\s+lieu|bac\s+ninh|ben\s+tre|binh\s+dinh"
    r"|binh\s+duong|binh\s+phuoc|binh\s+thuan|ca\s+mau|cao\s+bang|dak\s+lak|dak\s+nong"
    r"|dien\s+bien|dong\s+nai|dong\s+thap|gia\s+lai|ha\s+giang|ha\s+nam|ha\s+tinh|hai\s+duong"
    r"|hau\s+giang|hoa\s+binh|hung\s+yen|khanh\s+hoa|kien\s+giang|kon\s+tum|lai\s+chau"
    r"|lam\s+dong|lang\s+son|lao\s+cai|long\s+an|nam\s+dinh|nghe\s+an|ninh\s+binh|ninh\s+thuan"
    r"|phu\s+tho|phu\s+yen|quang\s+binh|quang\s+nam|quang\s+ngai|quang\s+ninh|quang\s+tri"
    r"|soc\s+trang|son\s+la|tay\s+ninh|thai\s+binh|thai\s+nguyen|thanh\s+hoa|thua\s+thien"
    r"|tien\s+giang|tra\s+vinh|tuyen\s+quang|vinh\s+long|vinh\s+phuc|yen\s+bai)(?![a-z])"
)
# A place's name, and what joins two: "Hướng Hóa, Đakrông", "Ô Môn và Bình Thủy".
_PLACE = re.compile(rf"[{_CAPITAL}][\w'’-]*(?:\s+[{_CAPITAL}\d][\w'’-]*)*")
_PLACE_JOINT = re.compile(r"\s*(?:,|và)\s*")
# Verbs a careless text writes with a capital after a name ("Sở Y tế Triển khai ..."): no place.
_VERBS_WRITTEN = (
    r"Đánh\s+giá|Chỉ\s+đạo|Yêu\s+cầu|Đề\s+nghị|Tổ\s+chức|Thực\s+hiện|Triển\s+khai|Báo\s+cáo"
    r"|Kiểm\s+tra|Tiếp\s+tục|Khẩn\s+trương|Chủ\s+trì|Phối\s+hợp"
)
# A place named right after a sector, without "huyện" or "tỉnh": "... Đào tạo Mộc Châu" (not the
# next agency's head word, nor a run-on sentence's first word, which ends the line).
_PLACE_NAME = re.compile(
    rf"(?:\s+(?!(?:Sở|Phòng|Ủy|Uỷ|UBND|Ban|Cục|Bộ|Trung|Công|Chi|Văn|Hội|Đài|Trường|Các|Tổ|Kho|"
    rf"Bảo|Ngân|Thanh|Viện|Liên|Đoàn|{_VERBS_WRITTEN})\b)[{_CAPITAL}][^\W\d_]+){{1,3}}"
    rf"(?=\s+[^\W\d_{_CAPITAL}]|[,;:.]|$)"
)
_LEVEL_ENDS = re.compile(r"(?<![a-z])(?:huyen|quan|thi\s+xa|thanh\s+pho|xa|phuong|thi\s+tran)$")
_NOT_A_PLACE = re.compile(rf"(?:{_VERBS_WRITTEN})\b")


_QUALIFIED = re.compile(
    r"\s+(?:duoc|bi)\s+(?:kiem\s+tra|thanh\s+tra|giam\s+sat|khao\s+sat|(?:lua\s+)?chon"
    r"|giao\s+nhiem\s+vu|phan\s+cong)(?![a-z0-9])"
)


def _places_named(text: str, folded: str, end: int) -> int:
    """ "UBND các huyện, thành phố Đà Lạt, Bảo Lộc": the places a group's last level names
    belong to it (the end of the group so written)."""
    if not _LEVEL_ENDS.search(folded, max(0, end - 12), end):
        return end
    position = end
    while (
        text[position : position + 1] == " "
        and (place := _PLACE.match(text, position + 1))
        and not _HEADS.match(folded, position + 1)
        and not _NOT_A_PLACE.match(text, position + 1)
    ):
        end = place.end()
        joint = _PLACE_JOINT.match(text, end)
        if joint is None or not text[joint.end() : joint.end() + 1].isupper():
            break
        position = joint.end() - 1
    return end


_MANAGED_AREAS = re.compile(
    r"\s+cac\s+(?:khu\s+(?:cong\s+nghiep|kinh\s+te|che\s+xuat)|cum\s+cong\s+nghiep|du\s+an)(?![a-z])"
    # "Ban Quản lý dự án đầu tư xây dựng (công trình dân dụng và công nghiệp) tỉnh".
    r"|\s+du\s+an\s+dau\s+tu\s+xay\s+dung(?:\s+(?:cong\s+trinh|cac\s+cong\s+trinh)"
    r"(?:\s+(?:dan\s+dung|giao\s+thong|nong\s+nghiep)(?:\s+va\s+cong\s+nghiep)?)?)?"
    r"(?:\s+(?:tinh|huyen|thanh\s+pho|thi\s+xa|quan))?(?![a-z])"
)
# Heads that are already a name, so lowercase words may follow: "Ban Quản lý dự án".
_NAME_HEADS = frozenset(
    (
        "bo chi huy",
        "ban chi huy",
        "ban quan ly",
        "ban chi dao",
        "van phong ban chi dao",
        "van phong ban chi huy",
        "van phong dieu phoi",
        "chi cuc",
        "tong cuc",
        "trung tam",
        "hoi dong",
        "dang uy",
        "hai quan",
    )
)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    entry: CatalogueEntry | None = None
    group: str | None = None
    written: str | None = None
    collective: bool = False


# Paragraphs whose agencies a catalogue keeps: those of a few long documents.
_MENTIONS_KEPT = 4096


class Catalogue:
    """The agencies an office follows up, and the recogniser of agencies in a text."""

    def __init__(self, entries: Iterable[CatalogueEntry]) -> None:
        self.entries = list(entries)
        patterns: list[tuple[re.Pattern[str], CatalogueEntry, str]] = []
        for entry in self.entries:
            for name in entry.names:
                pattern = _name_pattern(name)
                if pattern:
                    patterns.append((re.compile(pattern), entry, _needle(name)))
        self._patterns = patterns
        self._mentions: dict[str, tuple[AgencyMention, ...]] = {}

    def lookup(self, name: str) -> CatalogueEntry | None:
        """The entry a whole name stands for (tolerant of case, spacing, diacritics, "&")."""
        folded = fold(unicodedata.normalize("NFC", name)).strip(" .,;:")
        for pattern, entry, needle in self._patterns:
            if needle not in folded:
                continue
            match = pattern.match(folded)
            if match and match.end() == len(folded):
                return entry
        return None

    def find_mentions(self, text: str) -> list[AgencyMention]:
        """Every agency named in an (NFC) text, in order, without overlaps."""
        # Reading a document asks again for the agencies of a paragraph already read (for its
        # roles, its deadline's cues, its task's lead): read once.
        mentions = self._mentions.get(text)
        if mentions is None:
            if len(self._mentions) >= _MENTIONS_KEPT:
                self._mentions.clear()
            mentions = self._mentions[text] = tuple(self._read_mentions(text))
        return list(mentions)

    def _read_mentions(self, text: str) -> list[AgencyMention]:
        text = unicodedata.normalize("NFC", text)
        folded = fold(text)
        catalogued = _Taken()
        for found in sorted(
            self._catalogue(text, folded), key=lambda f: (f.start - f.end, f.start)
        ):
            catalogued.take(found)
        taken = _Taken()
        # A group the office put in its catalogue ("UBND các huyện") is that entry; a unit of
        # every district ("Phòng Y tế các huyện") is more than the group of districts it names.
        plural = [
            *_collectives(text, folded),
            *self._groups(text, folded),
            *_named_units(text, folded),
        ]
        for found in sorted(plural, key=lambda f: (f.start - f.end, f.start)):
            if not catalogued.contains(found.start, found.end):
                taken.take(found)
        for found in self._lists(text, folded, taken):
            taken.take(found)
        for found in catalogued:  # they overlap none of each other: the order does not matter
            taken.take(found)
        for found in _unknown(text, folded):
            entry = self.lookup(text[found.start : found.end])
            taken.take(_Found(found.start, found.end, entry=entry))
        mentions = []
        previous: _Found | None = None
        for found in sorted(map(_with_holder(text, folded, taken), taken), key=lambda f: f.start):
            if _COUNCIL.match(folded, found.start) and _elected(folded, found):
                continue  # "ngày bầu cử Quốc hội khóa XV, HĐND các cấp": whom the people elect
            if previous is not None and _each_of_those(folded, previous, found):
                continue  # "Giao Sở Y tế và Sở Tài chính, mỗi đơn vị xây dựng ...": those two
            previous = found
            written = found.written or text[found.start : found.end].strip(" ,;:")
            end = found.end
            alias = _CALLED_HEREAFTER.match(text, found.end)
            if alias and " " in alias.group("name").strip():
                # "các Bộ, cơ quan ngang bộ, cơ quan khác ở trung ương (sau đây gọi là Bộ, cơ quan
                # trung ương)": the name the text goes on to use (an acronym says less).
                written, end = alias.group("name").strip(), alias.end()
            mentions.append(
                AgencyMention(written, found.start, end, entry=found.entry, group=found.group)
            )
        return mentions

    def _catalogue(self, text: str, folded: str) -> list[_Found]:
        found: list[_Found] = []
        for pattern, entry, needle in self._patterns:
            if needle in folded:  # most names of a catalogue are not in a given paragraph
                found.extend(
                    _Found(m.start(), m.end(), entry=entry)
                    for m in pattern.finditer(folded)
                    if not _in_a_compound(text, folded, m.start())
                )
        return found

    @staticmethod
    def _groups(text: str, folded: str) -> list[_Found]:
        matches: list[tuple[int, int, str]] = []
        for key, pattern in _GROUP_PATTERNS:
            matches.extend((m.start(), m.end(), key) for m in pattern.finditer(folded))
        # Longest first, then merge groups written one after another into one mention.
        chosen = _Taken()
        for start, end, key in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            chosen.take(_Found(start, end, group=key))
        merged: list[tuple[int, int, list[str]]] = []
        for start, end, key in ((f.start, f.end, f.group or "") for f in chosen):
            if merged:
                last_start, last_end, keys = merged[-1]
                joint = _GROUP_JOIN.fullmatch(folded, last_end, start)
                if joint is not None:
                    merged[-1] = (last_start, end, [*keys, key])
                    continue
            merged.append((start, end, [key]))
        result = []
        for start, end, keys in merged:
            # Tails: "... và địa phương", "..., cấp xã".
            while True:
                for key, tail in _GROUP_TAILS:
                    match = tail.match(folded, end)
                    if match:
                        end = match.end()
                        keys.append(key)
                        break
                else:
                    break
            unique = list(dict.fromkeys(keys))
            if "," in folded[start:end]:
                # (One level with places, "UBND các huyện Hướng Hóa, Đakrông", is those places'
                # committees, not every district: _named_units.)
                end = _places_named(text, folded, end)
            if qualified := _QUALIFIED.match(folded, end):
                end = qualified.end()  # "UBND các xã, thị trấn được kiểm tra": those of them
            result.append(_Found(start, end, group="+".join(unique)))
        return result

    def _lists(self, text: str, folded: str, taken: _Taken) -> list[_Found]:
        """ "các Bộ: Tài chính, Tư pháp, Xây dựng" names three ministries."""
        found: list[_Found] = []
        for match in re.finditer(
            r"(?<![a-z0-9])cac\s+(?P<head>so|bo|ban|cuc|phong)\s*:?\s*(?=\S)", folded
        ):
            head_start = match.start("head")
            if taken.overlaps(match.start(), match.end()):
                continue
            head = text[head_start : match.end("head")]
            items = _list_items(text, folded, match.end())
            if len(items) < 2 and not (items and text[match.end() - 1 : match.end()] == ":"):
                continue
            for start, end in items:
                name = text[start:end]
                if not fold(name).startswith(f"{fold(head)} "):
                    name = f"{head} {name}"  # (not "các Phòng Nông nghiệp, Phòng Kinh tế")
                found.append(_Found(start, end, entry=self.lookup(name), written=name))
        return found


# "Trưởng các thôn", "Trưởng các khu phố": the head of each.
_HAMLETS_HEAD = re.compile(r"(?<![a-z0-9])truong\s+$")


# The head of an office in each of a group: "Trưởng phòng GD&ĐT các huyện", "Giám đốc Trung tâm
# Y tế các huyện" (the office's name in capitals, or in words joined by "và").
_HEAD_OF_OFFICE = re.compile(r"(?<![a-z0-9])(?:truong\s+phong|giam\s+doc|thu\s+truong)\s+$")
_OFFICE_NAME = re.compile(r"(?:(?:[A-ZĐ][\w&-]*|và)\s+){1,6}$")


def _with_holder(text: str, folded: str, taken: _Taken) -> Callable[[_Found], _Found]:
    """A group or collective named by its office-holder starts at the title: "Chủ tịch UBND ...",
    "Trưởng phòng GD&ĐT các huyện"."""

    def extend(found: _Found) -> _Found:
        if found.group is None and not found.collective:
            return found
        holder = _HOLDERS_BEFORE.search(folded[max(0, found.start - 60) : found.start])
        if holder is None and _RESIDENTIAL.match(folded, found.start):
            holder = _HAMLETS_HEAD.search(folded[max(0, found.start - 10) : found.start])
        if holder is None:
            start = max(0, found.start - 60)
            office = _OFFICE_NAME.search(text[start : found.start])
            head = office and _HEAD_OF_OFFICE.search(folded, start, start + office.start())
            if head and not taken.overlaps(head.start(), found.start):
                return replace(found, start=head.start())
            return found
        return replace(found, start=found.start - len(holder.group()))

    return extend


class _Taken:
    """Spans of the text that overlap none of each other, in order: whether another overlaps
    one of them is a look at one neighbour (a long paragraph names thousands)."""

    def __init__(self) -> None:
        self._found: list[_Found] = []
        self._starts: list[int] = []

    def __iter__(self) -> Iterator[_Found]:
        return iter(self._found)

    def overlaps(self, start: int, end: int) -> bool:
        # Of the spans starting before `end`, the last one ends last.
        before_end = bisect_left(self._starts, end)
        return before_end > 0 and self._found[before_end - 1].end > start

    def contains(self, start: int, end: int) -> bool:
        at = bisect_right(self._starts, start)
        return at > 0 and self._found[at - 1].end >= end

    def take(self, found: _Found) -> None:
        """Keep a span unless it overlaps one kept before."""
        if not self.overlaps(found.start, found.end):
            at = bisect_left(self._starts, found.start)
            self._found.insert(at, found)
            self._starts.insert(at, found.start)


_NATIONAL = re.compile(
    r"\s+(?:quoc\s+gia|tinh|thanh\s+pho"
    # The customs' departments: "Cục Giám sát quản lý về hải quan", "Cục Kiểm tra sau thông quan".
    r"|(?<=quan\sly\s)ve\s+hai\s+quan|(?<=kiem\stra\s)sau\s+thong\s+quan)(?![a-z0-9])"
)
# The disaster boards, named in lowercase words and commas: "Ban Chỉ huy phòng, chống thiên tai
# và tìm kiếm cứu nạn tỉnh", "Ban Chỉ huy PCTT-TKCN và PTDS tỉnh".
_DISASTER_BOARD = re.compile(
    r"\s+(?:phong\s*,?\s*chong\s+thien\s+tai|pctt|phong\s+thu\s+dan\s+su|ptds"
    # "Ban chỉ huy phòng cháy, chữa cháy rừng của tỉnh"
    r"|phong\s+chay\s*,?\s*chua\s+chay(?:\s+rung)?(?:\s+cua\s+tinh|\s+cap\s+(?:tinh|huyen))?)"
    r"(?:\s*(?:,|va|-|&)\s*(?:tim\s+kiem\s*,?\s*cuu\s+nan|tkcn|phong\s+thu\s+dan\s+su|ptds"
    r"|phong\s*,?\s*chong\s+thien\s+tai))*"
    r"(?:\s+(?:tinh|thanh\s+pho|huyen|xa|phuong|dac\s+khu|cac\s+cap|quoc\s+gia))?(?![a-z0-9])"
)


_ROLE_IN_BRACKET = re.compile(
    r"\s*(?:chu\s+dau\s+tu|(?:co\s+quan|don\s+vi)\s+(?:thuong\s+truc|chu\s+tri|dau\s+moi)"
    r"|chu\s+tri)(?![a-z])"
)


def _name_end(
    text: str,
    folded: str,
    start: int,
    *,
    max_lower: int = 5,
    lower_start: bool = False,
    of_place: bool = False,
) -> int:
    """Where a proper name that starts at ``start`` ends (a sector name, or capitalised words);
    of_place: the name of a place, which a verb written with a capital ends."""
    sector = _SECTOR_PATTERN.match(folded, start)
    if (
        sector
        and lower_start
        and text[start].islower()
        and " ".join(text[start:].split()[:2]) in _STOP_PHRASES
    ):
        sector = None  # "Giao Trung tâm xây dựng kế hoạch": the verb, not "Trung tâm Xây dựng"
    if sector:
        end = sector.end()
        # "Sở Giao thông vận tải - Xây dựng": two sectors merged into one department.
        while (dash := _DASH_BETWEEN.match(text, end)) and (
            more := _SECTOR_PATTERN.match(folded, dash.end())
        ):
            end = more.end()
        last = _LAST_SERVED.match(text, end) if folded.endswith("trung tam ", 0, start) else None
        if last and not _next_agency(folded, last.start("word")):
            # "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện": the last of what it serves.
            end = last.end()
        # "Phòng Giáo dục và Đào tạo Quận 11", "Sở Y tế tỉnh Kiên Giang", "Phòng Giáo dục và Đào
        # tạo Mộc Châu": the place it serves.
        place = (
            _COUNCILS.match(text, end)  # "Ban Văn hóa - Xã hội HĐND tỉnh": the council's board
            or _PLACE_TAIL.match(text, end)
            or _PLACE_NAME.match(text, end)
            or _BARE_COMMUNE.match(text, end)  # "Phòng Văn hóa - Xã hội phường"
        )
        return place.end() if place else end
    end = start
    lower_run = 0
    position = start
    for word in re.finditer(r"\S+", text[start:]):
        raw = word.group()
        word_start = start + word.start()
        if word_start != position and text[position:word_start].strip():
            break
        clean = raw.rstrip(',;:.)”"')
        bare = re.sub(r"^[(“\"]", "", clean)
        if not bare or not (bare[0].isalnum() or bare in ("-", "–")):
            break
        if raw.startswith("(") and (
            bare[0].islower() or _ROLE_IN_BRACKET.match(folded, word_start + 1)
        ):
            # "Ban Quản lý các khu công nghiệp (đối với ...)": what it is named for; "Ban Quản lý
            # dự án ... thành phố (Chủ đầu tư)": the part it plays.
            break
        flat = fold(bare)
        if flat == "-" and (
            not text[start + word.end() :].lstrip()[:1].isupper()
            or _TIME_FIELD.match(folded, start + word.end())
        ):
            # "Đài Phát thanh - Truyền hình", but not "Sở Y tế - cơ quan thường trực", nor a
            # plan item's time field: "... - Sở Y tế - Quý III/2025".
            break
        if of_place and bare[0].isupper() and _VERB_CAPITALISED.match(folded, word_start):
            # "UBND huyện Đánh giá kết quả tháng 10": a verb written with a capital; a unit's
            # own name may hold such a word ("Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra").
            break
        if bare[0].isdigit() and len(bare) > 4:
            break  # "Công ty TNHH Minh Phát nộp số tiền 52.000.000 đồng": a sum, no name
        if bare[0].isupper() or bare[0].isdigit():
            lower_run = 0
        elif flat in ("va", "&", "-") or bare == "-":
            following = start + word.end() + 1
            if _next_agency(folded, following):
                break
            lower_run = 0
            position = start + word.end()
            continue
        elif (
            _ends_a_name(bare, text, start + word.end())
            or _STOP_PAIR.match(folded, word_start)
            or (lower_run >= max_lower and not _AFTER_LEVEL.match(bare.lower()))
            or (end == start and not lower_start)
            or (_AFTER_LEVEL.search(text, start, end) and not _LEVEL_GOES_ON.match(bare.lower()))
        ):
            # "Cục Thuế tỉnh thu hồi nợ đọng": a lowercase word after the level that closes a
            # name is the verb (not "thành phố", "xã hội", "Tỉnh ủy").
            break
        else:
            lower_run += 1
        end = word_start + len(clean)
        position = start + word.end()
        if raw == clean + "," and _PAIRED_AFTER_COMMA.match(folded, position - 1):
            lower_run = 0
            continue  # "Ban Chỉ đạo phòng, chống dịch COVID-19": one name, comma and all
        if (
            raw == clean + ","
            and _ENUMERATED_IN_NAME.match(text, position)
            and not _HEADS.match(folded, position + 1)
        ):
            continue  # "Trung tâm Văn hóa, Thông tin và Thể thao": the sectors it serves
        if clean != raw:  # punctuation after the word closes the name
            break
    # A dangling "và"/"-" is not part of the name; "quốc gia" ends one: "Ban Chỉ đạo ... quốc gia".
    tail = _NATIONAL.match(folded, end)
    return tail.end() if tail and end > start else end


_COUNCILS = re.compile(
    r"\s+(?:HĐND|Hội đồng nhân dân)(?:\s+(?:tỉnh|huyện|thành phố|quận|thị xã|xã|phường))?(?!\w)"
)
_LAST_SERVED = re.compile(
    rf"\s+và\s+(?P<word>[{_CAPITAL}][^\W\d_]*)(?:\s+[^\W\d_A-ZĐ]+)?"
    r"(?=\s+(?:huyện|tỉnh|thị xã|thành phố|quận|xã)\b)"
)


def _next_agency(folded: str, at: int) -> bool:
    """Whether another agency, or its head, starts at ``at`` after "và" or "-": "Ban Quản lý dự
    án và UBND ...", "UBND huyện Mộ Đức và Chủ tịch UBND thị xã ..." (not more of this name)."""
    return bool(
        _HEADS.match(folded, at)
        or re.match(r"(?:ubnd|uy\s+ban|cac)\b", folded[at:])
        or _HOLDER_AHEAD.match(folded, at)
    )


_DASH_BETWEEN = re.compile(r"\s+[-–]\s+(?=[^\W\d_])")
_TIME_FIELD = re.compile(r"\s*(?:quy|thang|nam|truoc|hoan\s+thanh|thuong\s+xuyen|\d)(?![a-z])")


# The level that closes a name, written with its marks: "Cục Thuế tỉnh", "Công an huyện"
# (without marks, "quan" may be "Quản lý", "Quân sự").
_AFTER_LEVEL = re.compile(r"(?<!\w)(?:tỉnh|huyện|quận|xã|phường|thành phố|thị xã|thị trấn)$")
_LEVEL_GOES_ON = re.compile(r"(?:phố|xã|trấn|hội|ủy|uỷ|đoàn)$")
# Sectors named after a comma, the last after "và": "Xúc tiến Đầu tư, Thương mại và Du lịch".
_ENUMERATED_IN_NAME = re.compile(
    rf"\s+[{_CAPITAL}][^\W\d_]*(?:\s+[^\W\d_]+){{0,2}}?\s+(?:và|-)\s+[{_CAPITAL}]"
)


# Pairs written with a comma inside a name: "phòng, chống", "phòng cháy, chữa cháy".
_PAIRED_AFTER_COMMA = re.compile(
    r"(?<=phong),\s*chong\s|(?<=chay),\s*chua\s+chay\b|(?<=kham),\s*chua\s+benh\b"
)


# Verbs a careless text writes with a capital after a name; no place is called so.
_VERB_CAPITALISED = re.compile(
    r"(?:danh\s+gia|chi\s+dao|yeu\s+cau|de\s+nghi|to\s+chuc|thuc\s+hien|trien\s+khai"
    r"|bao\s+cao|kiem\s+tra|tiep\s+tuc|khan\s+truong|chu\s+tri|phoi\s+hop)\s"
)


@functools.lru_cache(maxsize=256)
def _has_marks(text: str) -> bool:
    """Whether a text is written with its diacritics (not typed without them)."""
    return fold(text) != text.lower()


# Stop words that are a word of the name with the word before or after them.
# Words a name holds that stop others: "Dịch vụ việc làm", "Cục Người có công", "Vụ Đổi mới",
# "Tổng cục Hậu cần".
_WORD_OF_A_NAME = re.compile(
    r"(?<![a-z])(?:viec\s+lam|(?:cong|chuong)\s+trinh|nong\s+thon\s+moi|nguoi\s+co|doi\s+moi"
    r"|hau\s+can)$"
)


def _ends_a_name(word: str, text: str, after: int) -> bool:
    """Whether a lowercase word (and the one after it) is a link or a verb after a name. Words
    written without marks (a text typed without them) are compared without marks."""
    low = word.lower()
    unmarked = not _has_marks(text)  # "thi" (an exam) is no "thì" where the text has marks
    following = re.match(r"\s+(\w+)", text[after:])
    if _WORD_OF_A_NAME.search(fold(text[max(0, after - len(word) - 12) : after])) or (
        low == "trong" and following and fold(following.group(1)) == "nuoc"
    ):
        return False  # "Dịch vụ việc làm", "dự án công trình", "nông thôn mới", "trong nước"
    if low in _STOP_WORDS or (unmarked and low in _STOP_WORDS_FOLDED):
        return True
    if following is None:
        return False
    pair = f"{low} {following.group(1).lower()}"
    if fold(pair) == "thuong xuyen" and fold(text[max(0, after - 40) : after]).endswith(
        "giao duc thuong"
    ):
        return False  # "Trung tâm Giáo dục thường xuyên tỉnh": the name of a kind of school
    return pair in _STOP_PHRASES or (unmarked and pair in _STOP_PHRASES_FOLDED)


def _list_items(text: str, folded: str, start: int) -> list[tuple[int, int]]:
    items: list[tuple[int, int]] = []
    position = start
    while position < len(text) and text[position].isupper():
        end = _name_end(text, folded, position, max_lower=2)
        if end <= position:
            break
        comma = text.find(",", position, end)
        if comma > 0 and _SECTOR_PATTERN.fullmatch(folded, position, comma):
            end = comma  # "Các Bộ: Tài chính, Kế hoạch và Đầu tư": no "Tài chính - Kế hoạch"
        if _SECTOR_PATTERN.match(folded, position) is None and len(text[position:end].split()) < 2:
            break  # "Ban, ngành" is a group, not a list of names
        items.append((position, end))
        joint = re.compile(r"\s*(?:,|;|\s+va|\s+&)\s*").match(folded, end)
        if joint is None:
            break
        position = joint.end()
    return items


# What the people elect, in an election's name: "bầu cử đại biểu Quốc hội và đại biểu HĐND các
# cấp" names no agency that has work to do.
_ELECTED = re.compile(
    r"(?<![a-z])(?<!doan\s)(?:bau\s+cu(?:\s+dai\s+bieu)?|dai\s+bieu)\s+(?:quoc\s+hoi(?:\s+khoa\s+[ivxlc\d]+)?"
    r"\s*(?:,|va)\s*(?:dai\s+bieu\s+)?)?$"
)
_COUNCIL = re.compile(r"(?:hdnd|hoi\s+dong\s+nhan\s+dan|quoc\s+hoi)(?![a-z0-9])")
# What makes a council named after a comma one elected, not one that acts: "HĐND các cấp
# nhiệm kỳ 2021-2026" ("bầu cử đại biểu Quốc hội, HĐND tỉnh tổ chức kỳ họp ...": it acts).
_ELECTED_TAIL = re.compile(
    r"[^.;:]{0,20}?(?<![a-z])(?:cac\s+cap|nhiem\s+ky|khoa\s+[ivxlc\d]+)(?![a-z])"
)


def _elected(folded: str, found: _Found) -> bool:
    """Whether a council is named as what the people elect: "bầu cử đại biểu Quốc hội và đại
    biểu HĐND các cấp", "ngày bầu cử Quốc hội khóa XV, HĐND các cấp"."""
    before = _ELECTED.search(folded, 0, found.start)
    if before is None:
        return False
    return "," not in before.group() or bool(_ELECTED_TAIL.match(folded, found.start))


# Bodies whose names go on in lowercase words, verbs and commas included: "Hội đồng phối hợp phổ
# biến, giáo dục pháp luật tỉnh" is a council of every province and district, "Ủy ban bầu cử" a
# body of every election.
_WHOLE_NAMES = re.compile(
    r"(?<![a-z0-9])(?:uy\s+ban\s+quan\s+ly\s+von\s+nha\s+nuoc\s+tai\s+doanh\s+nghiep"
    r"|hoi\s+dong\s+phoi\s+hop\s+(?:cong\s+tac\s+)?pho\s+bien\s*,?\s*giao\s+duc\s+phap\s+luat"
    r"(?:\s+(?:tinh|huyen|quan|thi\s+xa|thanh\s+pho|xa|phuong))?"
    # A commune's or a district's own: "Đài truyền thanh xã", "Văn phòng - Thống kê xã".
    r"|dai\s+truyen\s+thanh\s+(?:xa|phuong|thi\s+tran)(?![a-z])"
    r"|van\s+phong\s*[-–]\s*thong\s+ke(?:\s+(?:xa|phuong|thi\s+tran)(?![a-z]))?"
    # The board that receives citizens, in every province and district: "Ban tiếp công dân tỉnh".
    r"|ban\s+tiep\s+cong\s+dan(?:\s+(?:tinh|huyen|quan|thi\s+xa|thanh\s+pho|trung\s+uong)(?![a-z]))?"
    # The election's bodies: "Ủy ban bầu cử tỉnh", "Ban bầu cử", "Hội đồng bầu cử quốc gia".
    r"|(?:uy\s+ban|ban|to)\s+bau\s+cu(?:\s+(?:tinh|huyen|quan|thi\s+xa|thanh\s+pho|xa|phuong"
    r"|thi\s+tran|dac\s+khu)(?![a-z]))?|hoi\s+dong\s+bau\s+cu\s+quoc\s+gia"
    r"|kiem\s+toan\s+nha\s+nuoc(?:\s+khu\s+vuc\s+[ivx\d]+)?|thong\s+tan\s+xa\s+viet\s+nam"
    r"|tong\s+lien\s+doan\s+lao\s+dong\s+viet\s+nam"
    # The Party's committees at every level: "Các cấp ủy, chính quyền địa phương ...", "Các
    # huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", "Các đảng ủy phường".
    r"|cac\s+cap\s+uy(?:\s+dang)?"
    # The Party's grassroots: "Các chi, đảng bộ cơ sở", "các chi bộ, đảng bộ trực thuộc".
    r"|cac\s+(?:chi\s+bo|chi|dang\s+bo)(?:\s*,\s*(?:dang\s+bo|chi\s+bo))?"
    r"\s+(?:co\s+so|truc\s+thuoc)(?:\s+(?:huyen|tinh|thanh|thi|quan)\s+uy)?"
    r"|cac\s+to\s+chuc\s+co\s+so\s+dang"
    r"|cac\s+(?:tinh|huyen|thi|thanh|quan|dang)\s+uy"
    r"(?:\s*(?:,|va)\s*(?:tinh|huyen|thi|thanh|quan|dang)\s+uy)*"
    # (The Party's letters to the provinces: "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung
    # ương".)
    r"(?:\s+(?:truc\s+thuoc(?:\s+(?:tinh|thanh|huyen|quan|thi)\s+uy|\s+trung\s+uong)?|xa|phuong|thi\s+tran"
    r"|cac\s+xa(?:\s*,\s*(?:phuong|thi\s+tran))*))?"
    # The courts and the procuracy, written in lowercase as often as not: "Tòa án nhân dân tỉnh",
    # "Viện kiểm sát nhân dân cấp huyện", "Tòa án nhân dân tối cao".
    r"|(?:toa\s+an|vien\s+kiem\s+sat)\s+nhan\s+dan(?:\s+(?:toi\s+cao|cap\s+(?:tinh|huyen)"
    r"|tinh|huyen|quan|thi\s+xa|thanh\s+pho|khu\s+vuc(?:\s+\d+)?))?"
    # The press, asked to inform: "Các cơ quan truyền thông, báo chí tiếp tục bám sát địa bàn".
    r"|cac\s+co\s+quan\s+(?:thong\s+tin\s*,?\s*)?(?:truyen\s+thong\s*,?\s*(?:va\s+)?bao\s+chi"
    r"|bao\s+chi(?:\s*,?\s*(?:va\s+)?truyen\s+thong)?)"
    # Other bodies named as a kind: "các đơn vị sự nghiệp trực thuộc", "các hội, đoàn thể".
    r"|cac\s+don\s+vi\s+su\s+nghiep(?:\s+cong\s+lap)?(?:\s+truc\s+thuoc(?:\s+so)?)?"
    r"|cac\s+hoi\s*,\s*doan\s+the"
    # "Cơ quan Cảnh sát điều tra Công an tỉnh": the police's investigators, not the police.
    r"|co\s+quan\s+canh\s+sat\s+dieu\s+tra(?:\s+cong\s+an\s+(?:tinh|huyen|quan|thanh\s+pho"
    r"|thi\s+xa))?"
    r")(?![a-z0-9])"
)
# A Deputy Prime Minister given work by name ("Giao Phó Thủ tướng Chính phủ Trần Hồng Hà chỉ đạo
# ...", "Phân công các đồng chí Phó Thủ tướng Chính phủ theo dõi ..."): the office follows it up.
# (Only so: "Phó Thủ tướng ... chủ trì cuộc họp" tells who chaired.)
_DEPUTY_PRIME_MINISTER = re.compile(
    r"(?<![a-z0-9])(?:(?P<all>cac\s+dong\s+chi\s+)|(?:dong\s+chi\s+)?)pho\s+thu\s+tuong"
    r"(?:\s+chinh\s+phu)?(?:\s+thuong\s+truc)?(?![a-z0-9])"
)
# Work given to a Deputy Prime Minister: "Giao", "Phân công", "Đề nghị" (not "Thực hiện (ý kiến)
# chỉ đạo Phó Thủ tướng ...", whose direction is carried out).
_DEPUTY_GIVEN = re.compile(
    r"(?<![a-z])(?<!theo\s)(?<!kien\s)(?:giao|de\s+nghi|yeu\s+cau|phan\s+cong)(?:\s+cho)?\s+$"
)
# A project's investor, given work by the notices on it: "Chủ đầu tư phối hợp ...", written
# with a capital (lowercase, it is most often whose: "hồ sơ của chủ đầu tư").
_ASKED_BEFORE = re.compile(r"(?:giao|de\s+nghi|yeu\s+cau)\s+(?:cho\s+)?(?:cac\s+)?$")
_INVESTOR = re.compile(r"(?<![a-z0-9])chu\s+dau\s+tu(?![a-z0-9])")


# "UBND tỉnh giao ngành nông nghiệp tỉnh chỉ đạo ...": a sector given work, in lowercase.
_ASSIGNED_TO = re.compile(
    # ("1. Đối với UBND tỉnh", a council's recommendations heading what it asks of the committee.)
    r"(?<![a-z])(?:giao|de\s+nghi|yeu\s+cau|chi\s+dao|phan\s+cong|(?:^|\W)doi\s+voi)(?:\s+cho)?\s+"
    # "Đề nghị đồng chí Chủ tịch UBND huyện trực tiếp chỉ đạo ...": the committee's head.
    rf"(?:(?:dong\s+chi|d/c)\s+)?(?:{HOLDER}\s+)?$"
)


# "Sở NN&PTNT đề nghị thị xã Kinh Môn huy động ...": a place asked to act is its government.
_ASKED_PLACE = re.compile(
    r"(?<![a-z])(?:giao(?:\s+cho)?|de\s+nghi|yeu\s+cau|chi\s+dao(?:\s+cho)?)\s+"
    # "yêu cầu hai tỉnh Sơn La, Thanh Hóa ...": those named, counted.
    r"(?:(?P<count>hai|ba|bon|nam|sau|bay|tam|chin|muoi|\d{1,2})\s+)?"
    r"(?P<place>tinh|huyen|quan|thi\s+xa|thanh\s+pho|xa|phuong|thi\s+tran)\s+(?=\S)"
)
# The next of the places counted: ", Thanh Hóa", " và Thanh Hóa".
_NEXT_PLACE = re.compile(r"\s*(?:,|va)\s*(?=[A-ZĐÀ-Ỹ])")


# "Huyện Phong Điền khẩn trương ...", "TP Long Xuyên rà soát ...": a place that opens a sentence
# and acts is its government.
_PLACE_SUBJECT = re.compile(
    r"(?:^|(?<=[.;:!?]\s)|(?<=[-–+•]\s))(?:rieng\s+)?"
    r"(?P<place>tinh|huyen|quan|thi\s+xa|thanh\s+pho|tp\.?|xa|phuong|thi\s+tran)\s*(?=\S)"
)
_AND_PLACE = re.compile(r"\s+va\s+(?:tinh|huyen|quan|thi\s+xa|thanh\s+pho|xa|phuong|thi\s+tran)\s+")
_PLACE_ACTS = re.compile(
    r"\s+(?:phai|can|khan\s+truong|tap\s+trung|chu\s+dong|tiep\s+tuc|co\s+trach\s+nhiem"
    r"|kiem\s+tra|ra\s+soat|trien\s+khai|to\s+chuc|hoan\s+thanh|chi\s+dao|xay\s+dung)\b"
)


def _unknown(text: str, folded: str) -> list[_Found]:
    """Agency-like names by their head word, kept as written when not in the catalogue."""
    found = []
    for match in _WHOLE_NAMES.finditer(folded):
        # "Tòa án nhân dân huyện Đức Trọng": the place its level names.
        place = _PLACE_NAME.match(text, match.end()) if _LEVEL_END.search(match.group()) else None
        found.append(_Found(match.start(), place.end() if place else match.end()))
    found += [
        _Found(m.start(), m.end())
        for m in _INVESTOR.finditer(folded)
        # "Chủ đầu tư ...", or asked in lowercase: "giao chủ đầu tư khẩn trương ...".
        if text[m.start()] == "C" or _ASKED_BEFORE.search(folded, max(0, m.start() - 20), m.start())
    ]
    for match in _DEPUTY_PRIME_MINISTER.finditer(folded):
        if not _DEPUTY_GIVEN.search(folded, max(0, match.start() - 30), match.start()):
            continue  # "Phó Thủ tướng Vũ Văn Ninh có ý kiến": who spoke, no work given
        name = re.match(r"(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){2,4}", text[match.end() :])
        if match.group("all") or name:
            found.append(_Found(match.start(), match.end() + (name.end() if name else 0)))
    for match in _ASKED_PLACE.finditer(folded):
        if text[match.end()].isupper():
            end = _name_end(text, folded, match.end(), max_lower=0, of_place=True)
            while match.group("count") and (more := _NEXT_PLACE.match(text, end)):
                further = _name_end(text, folded, more.end(), max_lower=0, of_place=True)
                if further <= more.end():
                    break
                end = further
            if end > match.end():
                found.append(_Found(match.start("count" if match.group("count") else "place"), end))
    for match in _PLACE_SUBJECT.finditer(folded):
        if text[match.start()].isupper() and text[match.end() : match.end() + 1].isupper():
            end = _name_end(text, folded, match.end(), max_lower=0, of_place=True)
            if end > match.end() and (other := _AND_PLACE.match(folded, end)):
                # "Riêng thị xã Kỳ Anh và huyện Cẩm Xuyên phải ...": both places.
                further = _name_end(text, folded, other.end(), max_lower=0, of_place=True)
                end = further if further > other.end() else end
            if end > match.end() and _PLACE_ACTS.match(folded, end):
                found.append(_Found(match.start("place"), end))
    for match in _NEWSPAPER.finditer(text):
        if not re.match(r"c[áa]o(?!\w)", text[match.end() :].lower()):  # not "BÁO CÁO"
            end = _name_end(text, folded, match.end())
            # ("Báo Sức khỏe - UBND tỉnh đề nghị ...": the paper that tells the news.)
            if end > match.end() and not re.match(r"\s*[-–]\s", text[end:]):
                found.append(_Found(match.start(), end))
    for match in _HEADS.finditer(folded):
        start = match.start()
        if folded[max(0, start - 1) : start] == "(" and match.group("head") in _FIRMS:
            continue  # "Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT)": the name said short
        # The departments of every province as papers write them: "các sở GD-ĐT".
        every = (
            match.group("head") == "so"
            and text[start] == "s"
            and folded[max(0, start - 4) : start] == "cac "
            and text[match.end() + 1 : match.end() + 2].isupper()
        )
        if (
            not text[start].isupper()
            and not every
            and not (
                # The words that assign end where the head starts: the search looks back no further.
                match.group("head") == "nganh"
                and _ASSIGNED_TO.search(folded, max(0, start - 30), start)
            )
        ):
            continue  # "các sở", "bộ phận": a capital letter starts a proper name
        word = text[start : start + len(match.group("head").split()[0])].lower()
        if word in _OTHER_WORDS or (word == "phong" and _has_marks(text)):
            # "bản Giang" (a village), "Số 12", "Phong Điền" (a district): a word that loses its
            # marks to a head.
            continue
        head = " ".join(match.group("head").split())
        end = match.end()
        after = end + 1
        if head in ("doan dai bieu quoc hoi", "doan dbqh", "hoi dong nhan dan", "hdnd") or (
            head.startswith("thuong truc")
        ):
            tail = _FIXED_TAIL.match(folded, end)  # "Hội đồng nhân dân (tỉnh)"
            end = tail.end() if tail else end
        elif head in ("cong an", "thanh tra", "thong ke", "thue"):
            if head == "thue" and (branch := re.match(r"\s+co\s+so\s+\d+", folded[end:])):
                end += branch.end()  # "Thuế cơ sở 3 tỉnh Lâm Đồng"
            tail = _FIXED_TAIL.match(folded, end)
            department = re.match(r"\s+(?:so|bo)\s+", folded[end:]) if head == "thanh tra" else None
            if tail is None and department and text[end + department.end()].isupper():
                # "Thanh tra Sở Xây dựng": the department's inspectorate.
                found.append(_Found(start, _name_end(text, folded, end + department.end())))
                continue
            own = (
                re.match(r"\s+(?:so|bo)(?![a-z0-9])", folded[end:]) if head == "thanh tra" else None
            )
            if tail is None and own and text[end + own.end() - 2].isupper():
                # "Thanh tra Sở", "Thanh tra Bộ": in its own department's or ministry's text.
                found.append(_Found(start, end + own.end()))
                continue
            if tail is None and head == "thue" and branch:
                found.append(_Found(start, end))  # "Thuế cơ sở 1": a branch by its number
                continue
            if tail is None:
                continue
            end = tail.end()
            if folded[end : end + 1] == " " and text[end + 1 : end + 2].isupper():
                end = _name_end(text, folded, end + 1, max_lower=0)  # "Công an tỉnh Nghệ An"
        elif head == "van phong":
            office = _OFFICE_OF.match(folded, end)
            if office is None:
                # "Giao Văn phòng Bộ tổng hợp ...": a ministry's own office, in its letter ("Văn
                # phòng Bộ Y tế" names the ministry, read as such).
                ministry = re.match(r"\s+(?:bo|so)(?![a-z0-9])", folded[end:])
                if (
                    ministry is None
                    or text[end + ministry.end() + 1 : end + ministry.end() + 2].isupper()
                ):
                    continue
                office = ministry
                end += office.end()
            else:
                end = office.end()
                if _LEVEL_END.search(office.group()):
                    # "Văn phòng HĐND và UBND huyện Núi Thành", "Văn phòng UBND quận 3".
                    place = _PLACE_NAME.match(text, end) or _DISTRICT_NUMBER.match(text, end)
                    end = place.end() if place else end
        elif head in ("to cong tac", "to"):
            team = _TEAM_NUMBER.match(folded, end) or (
                _TEAM_CODE.match(folded, end) if head == "to cong tac" else None
            )
            if team is not None:
                end = team.end()
            elif (
                head == "to"
                and text[after : after + 1].isupper()
                and not re.match(r"chuc\b", folded[after:])  # "TỔ CHỨC THỰC HIỆN": to organise
            ):
                end = _name_end(text, folded, after)  # "Tổ Công nghệ Thông tin Quận 8"
                if end <= after:
                    continue
            else:
                continue
        elif head in (
            "kho bac nha nuoc",
            "ngan hang nha nuoc",
            "nhnn",
            "bao hiem xa hoi",
            "ngan hang chinh sach xa hoi",
        ):
            tail = re.compile(
                r"(?:\s+(?:viet\s+nam|chi\s+nhanh(?:\s+tinh)?|khu\s+vuc\s+[ivx\d]+|tinh|thanh\s+pho))*"
            ).match(folded, end)
            end = tail.end() if tail else end
        elif head == "nganh":
            sector = _SECTOR_PATTERN.match(folded, after) or _SECTOR_WORD.match(folded, after)
            if sector is None:
                continue  # "Ngành, lĩnh vực ...": no sector named
            # "Ngành Giáo dục Quảng Trị yêu cầu ...": the province it serves.
            place = _PLACE_NAME.match(text, sector.end())
            end = place.end() if place else sector.end()
        elif head.startswith(("ubnd", "uy ban nhan dan")):
            if folded[end : end + 1] == "." and not folded[end + 1 : end + 2].isspace():
                after = end + 1  # "UBND H.Long Thành": the name right after the point
            if after >= len(text) or not (text[after].isupper() or text[after].isdigit()):
                # "UBND tỉnh" alone writes the document or is reported to, unless given work:
                # "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này." ("UBND tỉnh,
                # thành phố Hà Nội": a province's, named after.)
                # ("Ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo ...": a council's resolution.)
                given = _ASSIGNED_TO.search(folded, max(0, start - 50), start) or _BOUND.match(
                    folded, end
                )
                if given and not re.match(r"\s*[,/]", folded[end:]):
                    found.append(_Found(start, end))
                continue  # "UBND huyện" alone, or "UBND các huyện" (a group)
            held = head.endswith("tinh") and _HOLDERS_BEFORE.search(
                folded[max(0, start - 40) : start]
            )
            province = _PROVINCE.match(folded, after) if held else None
            if province and not re.match(rf"\s*[–-]?\s*[{_CAPITAL}]", text[province.end() :]):
                # "Chủ tịch UBND tỉnh Hải Dương khẩn trương ...": the province's.
                found.append(_Found(start, province.end()))
                continue
            if held:
                # "Chủ tịch UBND tỉnh Lâm Minh Thành", "Chủ tịch UBND tỉnh Thanh Hóa Nguyễn Đình
                # Xứng": a person, who writes, not the committee.
                continue
            end = _name_end(text, folded, after, max_lower=0, of_place=True)
        elif head in ("ban chi huy", "ban chi dao") and _DISASTER_BOARD.match(folded, end):
            board = _DISASTER_BOARD.match(folded, end)
            assert board is not None
            end = board.end()
        elif head in _NAME_HEADS:
            if head == "ban quan ly" and (managed := _MANAGED_AREAS.match(folded, end)):
                end = managed.end()  # "Ban Quản lý các khu công nghiệp": one board for them all
                after = end + 1
            if folded[end : end + 1] == " ":  # not "Ban Quản lý dự án ... tỉnh: Chỉ đạo ..."
                end = max(end, _name_end(text, folded, after, lower_start=True))
        else:
            kind = _KIND_AFTER_HEAD.get(head)
            form = kind.match(folded, end) if kind else None
            if form is not None:
                # "Công ty cổ phần Khai thác ...", "Bộ phận chuyên môn Phòng GD&ĐT".
                end, after = form.end(), form.end() + 1
                if head == "bo phan" and not text[after : after + 1].isupper():
                    # "Bộ phận một cửa", "Bộ phận Một cửa xã": alone, or with its level.
                    tail = _FIXED_TAIL.match(folded, end)
                    found.append(_Found(start, tail.end() if tail else end))
                    continue
            level = _SCHOOL_KIND.match(folded, end) if head == "truong" else None
            if level is not None:
                # "Trường phổ thông Dân tộc nội trú tỉnh", "Trường mầm non Hoa Sen": the kind of
                # school in lowercase, then its name or the place it serves.
                tail = _FIXED_TAIL.match(folded, level.end())
                if tail is not None:
                    found.append(_Found(start, tail.end()))
                    continue
                end = level.end()
                after = end + 1
            if after >= len(text) or folded[end : end + 1] != " " or not text[after].isupper():
                if head.startswith("bao va phat thanh") or head in _NAMED_BY_HEAD:
                    tail = _FIXED_TAIL.match(folded, end)
                    end = tail.end() if tail else end
                    if tail and folded[end : end + 1] == " " and text[end + 1 : end + 2].isupper():
                        # "Bưu điện tỉnh Lâm Đồng": the place, capitals only.
                        end = _name_end(text, folded, end + 1, max_lower=0)
                    found.append(_Found(start, end))
                continue
            if (
                word == "trưởng"
                and (office := _HEADS.match(folded, after))
                and office.group("head") in ("cong an", "thanh tra", "thong ke")
            ):
                # "Trưởng Công an xã": the head of the office, named as its office is.
                tail = _FIXED_TAIL.match(folded, office.end())
                if tail is not None:
                    found.append(_Found(start, tail.end()))
                continue
            if head in ("bo", "so") and text[after : after + 5].lower() == "chỉ h":
                continue
            if head == "vu" and (
                _CROP_SEASON.match(folded, after)
                or _VU_IN_A_WORD.search(folded, max(0, start - 10), start)
                or _LEGAL_CASE.match(text[after : after + 5].lower())
            ):
                continue
            if party := _PARTY_ORGAN.match(folded, start):
                found.append(_Found(start, party.end()))  # "Bộ Chính trị" is no "Bộ Chính"
                continue
            # A firm's branch is named by its place alone: "Điện lực Đức Trọng cấp điện ...".
            place_only = head in _FIRMS or head.startswith("bao va phat thanh")
            end = _name_end(text, folded, after, max_lower=0 if place_only else 5)
            if end <= after:
                continue
        found.append(_Found(start - 4 if every else start, _balanced(text, start, end)))
    return found


def _balanced(text: str, start: int, end: int) -> int:
    """A name's end with its parenthesis closed: "Hội đồng Thi đua - Khen thưởng (Văn phòng Bộ)"
    when it closes soon after, else before it opens ("Tập đoàn VNPT (Tập đoàn ...", cut)."""
    opened = text.rfind("(", start, end)
    if opened < 0 or ")" in text[opened:end]:
        return end
    closing = text.find(")", end, end + 40)
    return closing + 1 if closing >= 0 else len(text[:opened].rstrip())
