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

# The verbs that open a task: "Tiếp tục ...", "Rà soát ...", "Tham mưu ...".
TASK_VERB = (
    r"(?:tiep\s+tuc|tang\s+cuong|day\s+manh|tap\s+trung|khan\s+truong|chu\s+dong|thuc\s+hien"
    r"|trien\s+khai|to\s+chuc|xay\s+dung|hoan\s+thien|hoan\s+thanh|ra\s+soat|kiem\s+tra"
    r"|bao\s+cao|nghien\s+cuu|de\s+xuat|tham\s+muu|chi\s+dao|quan\s+tam|nang\s+cao|bao\s+dam"
    r"|thong\s+bao\s+(?:den|cho|kip\s+thoi|rong\s+rai)"
    r"|dam\s+bao|phoi\s+hop|theo\s+doi|don\s+doc|xu\s+ly|giai\s+quyet|huong\s+dan|tuyen\s+truyen"
    r"|cung\s+co|kien\s+toan|ban\s+hanh|trinh|gui|tong\s+hop|lap|phan\s+cong|giao|de\s+nghi"
    r"|yeu\s+cau|ngay\s+sau|khac\s+phuc|rut\s+kinh\s+nghiem|tiep\s+thu|xem\s+xet|bo\s+tri"
    r"|can\s+cu|tiep\s+nhan|cap\s+nhat|nghiem\s+tuc|kip\s+thoi|quyet\s+liet|sap\s+xep"
    r"|chuan\s+bi|cung\s+cap|chu\s+tri|can\s+doi|kiem\s+soat|van\s+dong|huy\s+dong|duy\s+tri"
    r"|tham\s+dinh|giam\s+sat|bo\s+sung|thu\s+hoi)"
)
