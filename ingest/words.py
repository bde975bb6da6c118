"""Words of the genre that more than one reader looks for, folded (see agencies.fold)."""

from __future__ import annotations

import re

# The kinds of document one cites by name: "Công văn số 7454/BKHĐT-PTDN", "ban hành Chỉ thị",
# "Công điện gửi ...".
DOCUMENT_NOUN = (
    r"(?:van\s+ban(?:\s+hop\s+nhat)?|cong\s+van|cong\s+dien|quyet\s+dinh|chi\s+thi|nghi\s+quyet"
    r"|nghi\s+dinh|thong\s+tu(?:\s+lien\s+tich)?|thong\s+bao|ke\s+hoach|to\s+trinh|ket\s+luan"
    r"|giay\s+moi|huong\s+dan|luat)"
)

# What is held on a day rather than done by it: "Ngày 25/3, Sở Nội vụ tổ chức Hội nghị ...".
EVENT = re.compile(
    r"(?<![a-z])(?:hop|hoi\s+nghi|hoi\s+thao|toa\s+dam|le|khai\s+mac|be\s+mac|dien\s+ra"
    r"|xuat\s+phat|tiep\s+(?:doan|don)|lam\s+viec\s+voi)(?![a-z])"
)
# How far ahead a schedule's step written without its year may be: further, it is a day of last
# year told ("Ngày 29/12, Đoàn kiểm tra ..." in a January letter).
SCHEDULE_NEAR_DAYS = 183
