"""Words of the genre that more than one reader looks for, folded (see agencies.fold)."""

from __future__ import annotations

# The kinds of document one cites by name: "Công văn số 7454/BKHĐT-PTDN", "ban hành Chỉ thị",
# "Công điện gửi ...".
DOCUMENT_NOUN = (
    r"(?:van\s+ban(?:\s+hop\s+nhat)?|cong\s+van|cong\s+dien|quyet\s+dinh|chi\s+thi|nghi\s+quyet"
    r"|nghi\s+dinh|thong\s+tu(?:\s+lien\s+tich)?|thong\s+bao|ke\s+hoach|to\s+trinh|ket\s+luan"
    r"|giay\s+moi|huong\s+dan|luat)"
)
