"""Every word the bot says, in Vietnamese (default) and English; values are HTML-escaped here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, tzinfo
from html import escape

from bot.importing import DAY_TO_GIVE, ImportPlan, PlannedTask
from ingest.pipeline import DATE_SOURCES, WARNINGS, DraftWarning
from ingest.text import MESSAGES as UNREADABLE
from jobs.policy import Urgency
from jobs.sweep import Digest
from storage.agencies import Learned
from storage.models import Role, TaskStatus
from storage.names import vietnamese_order
from storage.tasks import WORKING_DAYS, Closed, TaskView

MAX_MESSAGE = 4096
TASK_TEXT_PREVIEW = 160
# A document's title can run to paragraphs of capitals; the preview shows its beginning.
IMPORT_TITLE_PREVIEW = 300
# The names a save learned that its answer names (the rest are counted): one short line.
LEARNED_SHOWN = 5

# key -> (Vietnamese, English). Placeholders are filled with escaped values.
CATALOGUE: dict[str, tuple[str, str]] = {
    "language_usage": (
        "Chọn ngôn ngữ cho cuộc trò chuyện này: <code>/lang vi</code> (tiếng Việt) hoặc "
        "<code>/lang en</code> (tiếng Anh).",
        "Choose this chat's language: <code>/lang vi</code> (Vietnamese) or "
        "<code>/lang en</code> (English).",
    ),
    "language_set": (
        "Từ nay cuộc trò chuyện này nhận tin nhắn và lời nhắc bằng tiếng Việt.",
        "From now on this chat gets its replies and reminders in English.",
    ),
    "welcome": (
        "Xin chào! Tôi là <b>Nhắc việc</b>: tôi nhắc các cơ quan, đơn vị hạn xử lý các nhiệm vụ "
        "được UBND tỉnh giao.\nĐể bắt đầu, hãy mở đường link mời do Văn phòng UBND tỉnh gửi, "
        "hoặc gõ <code>/register MÃ</code> trong nhóm của đơn vị. /help để xem các lệnh.",
        "Hello! I am <b>Nhắc việc</b>: I remind agencies of the deadlines of the tasks assigned "
        "to them.\nTo start, open the invite link from the coordinators' office, or type "
        "<code>/register CODE</code> in your agency's group. /help lists the commands.",
    ),
    "help_title": ("<b>Các lệnh</b>", "<b>Commands</b>"),
    "registered_agency": (
        "✅ Đã đăng ký: cuộc trò chuyện này nhận nhắc việc của <b>{agency}</b> (vai trò: {role}).",
        "✅ Registered: this chat now gets the reminders of <b>{agency}</b> (role: {role}).",
    ),
    "registered_coordinator": (
        "✅ Đã đăng ký với vai trò <b>{role}</b>: bạn xem được nhiệm vụ của mọi đơn vị.",
        "✅ Registered as <b>{role}</b>: you can see the tasks of every agency.",
    ),
    "invite_invalid": (
        "Mã mời không đúng. Hãy kiểm tra lại hoặc xin mã mới từ Văn phòng UBND tỉnh.",
        "That invite code is not valid. Check it, or ask the coordinators for a new one.",
    ),
    "invite_used": (
        "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng một lần: hãy xin mã mới.",
        "That invite code has been used already. Each code works once: ask for a new one.",
    ),
    "invite_expired": (
        "Mã mời này đã hết hạn. Hãy xin mã mới từ Văn phòng UBND tỉnh.",
        "That invite code has expired. Ask the coordinators for a new one.",
    ),
    "registered_elsewhere": (
        "Cuộc trò chuyện này đã được đăng ký cho <b>{agency}</b>; mã mời chưa được dùng. "
        "Hãy dùng mã trong nhóm của đơn vị mình, hoặc liên hệ Văn phòng UBND tỉnh.",
        "This chat is already registered to <b>{agency}</b>; the invite code was not used. "
        "Use it in your own agency's chat, or ask the coordinators.",
    ),
    "registered_elsewhere_code_void": (
        "Cuộc trò chuyện này đã được đăng ký cho <b>{agency}</b>. Mã mời đã hiện trong nhóm nên "
        "đã bị hủy, để không ai khác dùng được: hãy xin mã mới từ Văn phòng UBND tỉnh và dùng "
        "trong nhóm của đơn vị mình hoặc khi nhắn riêng với bot.",
        "This chat is already registered to <b>{agency}</b>. The invite code was shown to the "
        "whole group, so it has been cancelled and nobody else can use it: ask the coordinators "
        "for a new one, and use it in your own agency's chat or in a private chat with the bot.",
    ),
    "registered_already": (
        "Cuộc trò chuyện này đã được đăng ký cho <b>{agency}</b> bằng mã mời này; "
        "không cần làm gì thêm.",
        "This chat is already registered to <b>{agency}</b> with this invite code; "
        "there is nothing more to do.",
    ),
    "registration_lapsed": (
        "Nhóm này vẫn được đăng ký cho <b>{agency}</b>: trong nhóm, bạn dùng bot như mọi thành "
        "viên, không cần đăng ký lại. Mã mời này đã được dùng (mỗi mã chỉ dùng một lần), và "
        "đăng ký riêng của bạn đã kết thúc khi bạn rời nhóm hoặc được gỡ đăng ký: để dùng bot "
        "khi nhắn riêng, hãy xin mã mới từ Văn phòng UBND tỉnh.",
        "This group is still registered to <b>{agency}</b>: here you use the bot like every "
        "member, with no need to register again. This invite code has been used (each code "
        "works once), and your own registration ended when you left the group or were "
        "removed: to use the bot in a private chat, ask the coordinators for a new code.",
    ),
    "coordinator_by_configuration": (
        "Bạn đã là cán bộ theo dõi nhiệm vụ theo cấu hình của bot: không cần mã mời này, và "
        "mã chưa được dùng (có thể cấp cho người khác).",
        "You are a coordinator already, by the bot's configuration: this invite code is not "
        "needed and was not used (it can go to someone else).",
    ),
    "the_coordinators": (
        "cán bộ theo dõi nhiệm vụ của Văn phòng UBND tỉnh",
        "the coordinators",
    ),
    "register_usage": (
        "Cách dùng: <code>/register MÃ</code> (mã mời do Văn phòng UBND tỉnh cấp).",
        "Usage: <code>/register CODE</code> (the invite code from the coordinators).",
    ),
    "not_registered": (
        "Cuộc trò chuyện này chưa được đăng ký với đơn vị nào. Hãy dùng đường link mời "
        "hoặc <code>/register MÃ</code>.",
        "This chat is not registered with any agency. Use your invite link or "
        "<code>/register CODE</code>.",
    ),
    "coordinators_only": (
        "Lệnh này chỉ dành cho cán bộ theo dõi nhiệm vụ, khi nhắn riêng với bot "
        "hoặc trong nhóm theo dõi.",
        "This command is for the coordinators only, in a private chat with the bot "
        "or in their group.",
    ),
    "done_usage": (
        "Cách dùng: <code>/done SỐ [ghi chú]</code>, "
        "ví dụ <code>/done 12 đã trình UBND tỉnh</code>; nhiều nhiệm vụ: "
        "<code>/done 12,15</code>.",
        "Usage: <code>/done NUMBER [note]</code>, e.g. <code>/done 12 submitted</code>; "
        "several tasks: <code>/done 12,15</code>.",
    ),
    "done_too_many": (
        "Mỗi lệnh /done báo xong tối đa {count} nhiệm vụ; hãy chia thành nhiều lệnh.",
        "One /done closes at most {count} tasks; split them over several commands.",
    ),
    "undo_usage": ("Cách dùng: <code>/undo SỐ</code>.", "Usage: <code>/undo NUMBER</code>."),
    "task_usage": ("Cách dùng: <code>/task SỐ</code>.", "Usage: <code>/task NUMBER</code>."),
    "task_not_found": (
        "Không có nhiệm vụ số {task_id}.",
        "There is no task number {task_id}.",
    ),
    "not_allowed": (
        "Nhiệm vụ số {task_id} không thuộc đơn vị của bạn.",
        "Task {task_id} does not belong to your agency.",
    ),
    "not_allowed_in_group": (
        "Nhóm này là nhóm của <b>{agency}</b>; nhiệm vụ số {task_id} không thuộc đơn vị này. "
        "Nếu đó là nhiệm vụ của đơn vị bạn, hãy gõ lệnh trong nhóm của đơn vị mình "
        "hoặc nhắn riêng với bot.",
        "This group is <b>{agency}</b>'s, and task {task_id} is not one of its tasks. If it is "
        "your agency's, type the command in your agency's group or in a private chat with the bot.",
    ),
    "lead_only": (
        "Nhiệm vụ số {task_id} do đơn vị chủ trì báo hoàn thành hoặc xin gia hạn; "
        "đơn vị phối hợp chỉ theo dõi.",
        "Task {task_id} is closed or extended by its lead agency; cooperating agencies follow it.",
    ),
    "already_done": (
        "Nhiệm vụ số {task_id} đã được đánh dấu hoàn thành trước đó.",
        "Task {task_id} was already marked done.",
    ),
    "period_not_started": (
        "Kỳ này của nhiệm vụ số {task_id} đã được đánh dấu hoàn thành; kỳ sau (hạn {deadline}) "
        "bắt đầu từ {starts}.",
        "This period of task {task_id} is already marked done; the next one (due {deadline}) "
        "starts on {starts}.",
    ),
    "withdrawn_task": (
        "Nhiệm vụ số {task_id} đã được thu hồi (không còn hiệu lực): không báo hoàn thành, mở "
        "lại, gia hạn hay thu hồi lại được. Xem: <code>/task {task_id}</code>; cán bộ theo dõi "
        "nhiệm vụ khôi phục bằng <code>/restore {task_id}</code>.",
        "Task {task_id} was withdrawn (no longer in force): it cannot be closed, reopened, "
        "extended or withdrawn again. See <code>/task {task_id}</code>; coordinators restore it "
        "with <code>/restore {task_id}</code>.",
    ),
    "done_not_withdrawn": (
        "Nhiệm vụ số {task_id} đã hoàn thành nên không thu hồi được. Nếu đánh dấu hoàn thành "
        "nhầm, hãy mở lại bằng <code>/undo {task_id}</code> rồi thu hồi.",
        "Task {task_id} is done, so it cannot be withdrawn. If it was marked done by mistake, "
        "reopen it with <code>/undo {task_id}</code>, then withdraw it.",
    ),
    "withdraw_usage": (
        "Cách dùng: <code>/withdraw SỐ[,SỐ...] lý do</code>, ví dụ "
        "<code>/withdraw 12,15 văn bản sửa đổi đã bỏ</code>. Nhiệm vụ thu hồi không còn được "
        "nhắc, không có trong danh sách và không tính trong báo cáo tháng.",
        "Usage: <code>/withdraw NUMBER[,NUMBER...] reason</code>, e.g. "
        "<code>/withdraw 12,15 dropped by the revised directive</code>. A withdrawn task is no "
        "longer reminded, listed or counted in the monthly report.",
    ),
    "withdrawn": (
        "🚫 Đã thu hồi nhiệm vụ số {task_id}: không còn nhắc, không tính trong báo cáo.",
        "🚫 Task {task_id} withdrawn: no longer reminded or counted in the report.",
    ),
    "withdrawn_reason": ("Lý do: {reason}", "Reason: {reason}"),
    "restore_usage": (
        "Cách dùng: <code>/restore SỐ[,SỐ...]</code>, ví dụ <code>/restore 12,15</code>: "
        "khôi phục nhiệm vụ đã thu hồi, được nhắc trở lại.",
        "Usage: <code>/restore NUMBER[,NUMBER...]</code>, e.g. <code>/restore 12,15</code>: "
        "puts withdrawn tasks back in force, reminded again.",
    ),
    "restored": (
        "↩️ Đã khôi phục nhiệm vụ số {task_id}, {when}: được nhắc trở lại.",
        "↩️ Task {task_id} restored, {when}: reminded again.",
    ),
    "not_withdrawn": (
        "Nhiệm vụ số {task_id} chưa bị thu hồi, không có gì để khôi phục.",
        "Task {task_id} is not withdrawn: there is nothing to restore.",
    ),
    "not_done": (
        "Nhiệm vụ số {task_id} đang mở, không có gì để hoàn tác.",
        "Task {task_id} is open: there is nothing to undo.",
    ),
    "period_missed": (
        "Nhiệm vụ số {task_id} đang mở: kỳ hạn {missed} đã được ghi nhận là không hoàn thành, "
        "nên không có lần báo hoàn thành nào để hoàn tác.",
        "Task {task_id} is open: the period due {missed} was recorded as missed, so there is no "
        "closing to undo.",
    ),
    "stale_undo": (
        "Nút ↩️ này dành cho kỳ hạn {period} của nhiệm vụ số {task_id}, nhưng sau đó kỳ hạn "
        "{latest} đã được ghi nhận, nên không có gì được mở lại. "
        "Xem: <code>/task {task_id}</code>.",
        "This ↩️ button was for the period due {period} of task {task_id}, but the period due "
        "{latest} has been recorded since, so nothing was reopened. "
        "See <code>/task {task_id}</code>.",
    ),
    "undo_button_outdated": (
        "Nút ↩️ này có từ trước khi nút ghi rõ kỳ hạn, nên không biết nó hoàn tác kỳ nào của "
        "nhiệm vụ số {task_id}; không có gì được mở lại. Để mở lại kỳ báo hoàn thành gần nhất, "
        "gõ <code>/undo {task_id}</code>.",
        "This ↩️ button is older than buttons that name their period, so it cannot tell which "
        "period of task {task_id} it undoes; nothing was reopened. To reopen the period closed "
        "last, type <code>/undo {task_id}</code>.",
    ),
    "undo_button_outdated_task": (
        "Nút ↩️ này có từ trước khi nút ghi rõ lần báo hoàn thành mà nó hoàn tác, nên không biết "
        "nhiệm vụ số {task_id} có được báo hoàn thành lại sau đó không; không có gì được mở lại. "
        "Để mở lại nhiệm vụ, gõ <code>/undo {task_id}</code>.",
        "This ↩️ button is older than buttons that name the closing they undo, so it cannot tell "
        "whether task {task_id} was closed again since; nothing was reopened. To reopen the "
        "task, type <code>/undo {task_id}</code>.",
    ),
    "closed_again": (
        "Nút ↩️ này dành cho một lần báo hoàn thành nhiệm vụ số {task_id} đã được hoàn tác; sau "
        "đó nhiệm vụ đã được báo hoàn thành lại, nên không có gì được mở lại. Để mở lại lần báo "
        "hoàn thành mới nhất, gõ <code>/undo {task_id}</code>.",
        "This ↩️ button was for a closing of task {task_id} that was undone; the task has been "
        "closed again since, so nothing was reopened. To reopen the latest closing, type "
        "<code>/undo {task_id}</code>.",
    ),
    "period_closed": (
        "Kỳ hạn {period} của nhiệm vụ số {task_id} đã đóng trước đó, nên nút ✅ này không đánh "
        "dấu gì thêm. Kỳ đang mở có hạn {deadline}: khi hoàn thành kỳ này, "
        "gõ <code>/done {task_id}</code>.",
        "The period due {period} of task {task_id} was already closed, so this ✅ button marks "
        "nothing more. The open period is due {deadline}: when it is done, "
        "type <code>/done {task_id}</code>.",
    ),
    "period_not_open": (
        "Nút ✅ này dành cho kỳ hạn {period} của nhiệm vụ số {task_id}, nhưng kỳ đang mở bây giờ "
        "có hạn {deadline}, nên không có gì được đánh dấu. Khi hoàn thành kỳ hạn {deadline}, "
        "gõ <code>/done {task_id}</code>.",
        "This ✅ button was for the period due {period} of task {task_id}, but the open period is "
        "now the one due {deadline}, so nothing was marked. When the period due {deadline} is "
        "done, type <code>/done {task_id}</code>.",
    ),
    "done_button_outdated": (
        "Nút ✅ này có từ trước khi nút ghi rõ kỳ hạn, nên không biết nó dành cho kỳ nào của "
        "nhiệm vụ số {task_id}; không có gì được đánh dấu. Để báo hoàn thành kỳ đang mở, "
        "gõ <code>/done {task_id}</code>.",
        "This ✅ button is older than buttons that name their period, so it cannot tell which "
        "period of task {task_id} it was for; nothing was marked. To mark the open period done, "
        "type <code>/done {task_id}</code>.",
    ),
    "done": (
        "✅ Đã đánh dấu hoàn thành nhiệm vụ số {task_id}{timing}.",
        "✅ Task {task_id} marked done{timing}.",
    ),
    "period_done": (
        "✅ Đã hoàn thành kỳ hạn {period} của nhiệm vụ số {task_id}{timing}. "
        "Kỳ tiếp theo: hạn {next}.",
        "✅ Task {task_id}: the period due {period} is done{timing}. Next period: due {next}.",
    ),
    "done_on_time": (" (đúng hạn)", " (on time)"),
    "done_late": (" (quá hạn {days} ngày)", " ({days} days late)"),
    "done_note": ("\nGhi chú: {note}", "\nNote: {note}"),
    "undone": (
        "↩️ Đã mở lại nhiệm vụ số {task_id}.",
        "↩️ Task {task_id} is open again.",
    ),
    "undone_period": (
        "↩️ Đã mở lại kỳ hạn {period} của nhiệm vụ số {task_id}.",
        "↩️ Task {task_id}: the period due {period} is open again.",
    ),
    "bad_button": (
        "Nút này không hợp lệ hoặc đã cũ.",
        "This button is not valid or has expired.",
    ),
    "error": (
        "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút.",
        "Sorry, something went wrong. Please try again in a few minutes.",
    ),
    "reply_not_delivered": (
        "⚠️ Telegram đang trục trặc nên tin trả lời chưa đến đủ. "
        "Vui lòng gửi lại yêu cầu sau ít phút.",
        "⚠️ Telegram is having trouble, so the reply did not arrive in full. "
        "Please send your request again in a few minutes.",
    ),
    "preview_not_delivered": (
        "⚠️ Telegram đang trục trặc nên bản xem trước chưa đến đủ (thiếu các nút Lưu, Hủy). "
        "Để xem lại, sau ít phút hãy gửi <code>/fix xem</code>.",
        "⚠️ Telegram is having trouble, so the preview did not arrive in full (its Save and "
        "Cancel buttons are missing). To see it again, send <code>/fix view</code> in a few "
        "minutes.",
    ),
    "tasks_title": ("<b>Nhiệm vụ đang mở — {agency}</b>", "<b>Open tasks — {agency}</b>"),
    "tasks_title_all": (
        "<b>Nhiệm vụ đang mở — tất cả đơn vị</b>",
        "<b>Open tasks — all agencies</b>",
    ),
    "all_agencies": ("tất cả đơn vị", "all agencies"),
    "tasks_empty": ("Không có nhiệm vụ nào đang mở. 👍", "No open tasks. 👍"),
    "due_title": ("<b>Hạn trong tháng {month} — {agency}</b>", "<b>Due in {month} — {agency}</b>"),
    "due_empty": (
        "Không có nhiệm vụ nào đến hạn trong tháng {month}.",
        "Nothing is due in {month}.",
    ),
    "overdue_title": (
        "<b>Nhiệm vụ quá hạn đến ngày {today}</b>",
        "<b>Overdue tasks as of {today}</b>",
    ),
    "overdue_empty": ("Không có nhiệm vụ nào quá hạn. 👍", "No task is overdue. 👍"),
    "overdue_agency": ("\n<b>{agency}</b> ({count})", "\n<b>{agency}</b> ({count})"),
    # Marks a heading (an agency, "Quá hạn") repeated atop the next message its list goes on in.
    "continued": (" — tiếp theo", " — continued"),
    "no_lead": ("(chưa giao đơn vị)", "(no lead agency)"),
    "digest_title": ("🔔 <b>Nhắc việc ngày {today}</b>", "🔔 <b>Reminders for {today}</b>"),
    "digest_overdue": ("\n<b>Quá hạn</b>", "\n<b>Overdue</b>"),
    "digest_today": ("\n<b>Đến hạn hôm nay</b>", "\n<b>Due today</b>"),
    "digest_soon": ("\n<b>Sắp đến hạn</b>", "\n<b>Due soon</b>"),
    "escalation_title": (
        "⚠️ <b>Nhiệm vụ quá hạn cần đôn đốc — {today}</b>",
        "⚠️ <b>Overdue tasks to follow up — {today}</b>",
    ),
    "digest_footer": (
        "\nBấm ✅ khi đã xong, hoặc gõ <code>/done SỐ ghi chú</code>.",
        "\nTap ✅ when done, or type <code>/done NUMBER note</code>.",
    ),
    "digest_footer_follow": (
        "\nĐơn vị chủ trì báo hoàn thành các nhiệm vụ này; bấm ℹ️ để xem chi tiết.",
        "\nThe lead agency closes these tasks; tap ℹ️ for details.",
    ),
    "deadline": ("hạn {date}", "due {date}"),
    # A deadline with its hour ("trước 14 giờ ngày 15/3/2024"): "hạn 14:00 ngày 15/03/2024".
    "at_hour": ("{hour} ngày {date}", "{hour} on {date}"),
    # A deadline on a weekend or holiday closes on the next working day (Civil Code, art. 148.5).
    "deadline_closes": (
        "hạn {date} (ngày nghỉ, tính đến hết {closes})",
        "due {date} (a day off: until the end of {closes})",
    ),
    "no_deadline": ("không có thời hạn", "no deadline"),
    "days_left": ("còn {days} ngày", "{days} days left"),
    "due_today": ("hôm nay", "today"),
    "days_late": ("quá hạn {days} ngày", "{days} days late"),
    "directive": ("theo {number}", "per {number}"),
    "detail_title": ("<b>Nhiệm vụ số {task_id}</b>", "<b>Task {task_id}</b>"),
    "detail_lead": ("Chủ trì: {agency}", "Lead: {agency}"),
    "detail_cooperating": ("Phối hợp: {agencies}", "Cooperating: {agencies}"),
    # Followed by Texts.when, which names the deadline itself ("hạn 31/01/2023, còn 3 ngày").
    "detail_deadline": ("⏰ {deadline}", "⏰ {deadline}"),
    "detail_phrase": ("Theo văn bản: “{phrase}”", "As written: “{phrase}”"),
    "detail_every": ("Lặp lại: {every}", "Repeats: {every}"),
    "detail_directive": ("Văn bản: {directive}", "Directive: {directive}"),
    "detail_status_open": ("Trạng thái: đang thực hiện", "Status: open"),
    "detail_status_done": ("Trạng thái: đã hoàn thành ngày {date}", "Status: done on {date}"),
    "detail_status_withdrawn": (
        "Trạng thái: đã thu hồi ngày {date}, không còn hiệu lực",
        "Status: withdrawn on {date}, no longer in force",
    ),
    "button_done": ("✅ Xong #{task_id}", "✅ Done #{task_id}"),
    "button_extend": ("⏳ Gia hạn", "⏳ Extend"),
    "button_info": ("ℹ️ Chi tiết", "ℹ️ Details"),
    "button_approve": ("✅ Duyệt", "✅ Approve"),
    "button_reject": ("❌ Từ chối", "❌ Reject"),
    "button_undo": ("↩️ Hoàn tác", "↩️ Undo"),
    "extend_usage": (
        "Cách dùng: <code>/extend SỐ dd/mm/yyyy lý do</code>, "
        "ví dụ <code>/extend 12 30/04/2023 chờ ý kiến của Bộ</code>.",
        "Usage: <code>/extend NUMBER dd/mm/yyyy reason</code>, "
        "e.g. <code>/extend 12 30/04/2023 waiting for the ministry</code>.",
    ),
    "extend_how": (
        "Để xin gia hạn nhiệm vụ số {task_id} (hạn hiện tại {deadline}), gõ:\n"
        "<code>/extend {task_id} dd/mm/yyyy lý do</code>",
        "To ask for more time for task {task_id} (now due {deadline}), type:\n"
        "<code>/extend {task_id} dd/mm/yyyy reason</code>",
    ),
    "bad_date": (
        "“{text}” không phải là một ngày có thật. Viết theo dạng dd/mm/yyyy, năm từ 1945 đến "
        "2100, ví dụ 30/04/2023.",
        "“{text}” is not a real date. Write it as dd/mm/yyyy, a year from 1945 to 2100, "
        "e.g. 30/04/2023.",
    ),
    "nothing_to_extend": (
        "Nhiệm vụ số {task_id} không có thời hạn nên không cần gia hạn.",
        "Task {task_id} has no deadline to extend.",
    ),
    "bad_extension_date": (
        "Hạn mới phải sau hạn hiện tại của nhiệm vụ số {task_id} và không ở trong quá khứ.",
        "The new deadline of task {task_id} must be after the current one and not in the past.",
    ),
    "extension_beyond_period": (
        "Nhiệm vụ số {task_id} là nhiệm vụ định kỳ: chỉ gia hạn được kỳ này, "
        "đến trước hạn của kỳ sau.",
        "Task {task_id} is periodic: only this period can be extended, "
        "to a day before the next period's deadline.",
    ),
    "extension_expired": (
        "Đề nghị gia hạn này đã cũ: nhiệm vụ số {task_id} không còn hạn {old} "
        "(kỳ đó đã xong hoặc hạn đã đổi). Đề nghị được bỏ qua.",
        "This extension request is out of date: task {task_id} is no longer due {old} "
        "(that period closed or the deadline changed). It was set aside.",
    ),
    "extension_pending": (
        "Nhiệm vụ số {task_id} đã có một đề nghị gia hạn đang chờ duyệt.",
        "Task {task_id} already has an extension request waiting for a decision.",
    ),
    "request_not_found": ("Không tìm thấy đề nghị gia hạn này.", "No such extension request."),
    "already_decided": (
        "Đề nghị gia hạn này đã được xử lý.",
        "This extension request was already decided.",
    ),
    "extension_sent": (
        "⏳ Đã gửi đề nghị gia hạn nhiệm vụ số {task_id} từ {old} đến {new}. "
        "Văn phòng UBND tỉnh sẽ xem xét.",
        "⏳ Asked to extend task {task_id} from {old} to {new}. The coordinators will decide.",
    ),
    "extension_to_coordinators": (
        "⏳ <b>Đề nghị gia hạn</b> — {agency}\nNhiệm vụ số {task_id}: {text}\n"
        "Hạn hiện tại {old} → đề nghị {new}\nLý do: {reason}",
        "⏳ <b>Extension request</b> — {agency}\nTask {task_id}: {text}\n"
        "Now due {old} → asked {new}\nReason: {reason}",
    ),
    "extension_approved": (
        "✅ Đã duyệt gia hạn nhiệm vụ số {task_id}: hạn mới {new}.",
        "✅ Extension of task {task_id} approved: now due {new}.",
    ),
    "extension_rejected": (
        "❌ Đề nghị gia hạn nhiệm vụ số {task_id} không được chấp thuận; hạn vẫn là {old}.",
        "❌ Extension of task {task_id} rejected; still due {old}.",
    ),
    "extension_latest": (
        "Nhiệm vụ số {task_id} là nhiệm vụ định kỳ: kỳ này chỉ gia hạn được chậm nhất đến "
        "{latest}, để kỳ sau (hạn {next}) vẫn được nhắc đủ trước hạn, kể cả khi kỳ này vẫn chậm.",
        "Task {task_id} is periodic: this period can be extended to {latest} at the latest, so "
        "that the next period (due {next}) is still reminded in good time, even if this one "
        "runs late.",
    ),
    "extension_no_room": (
        "Nhiệm vụ số {task_id} là nhiệm vụ định kỳ: kỳ này không gia hạn được, vì gia hạn đến "
        "bất kỳ ngày nào cũng khiến kỳ sau (hạn {next}) không được nhắc đủ trước hạn.",
        "Task {task_id} is periodic: this period cannot be extended, as any later day would "
        "leave the next period (due {next}) without its reminders in good time.",
    ),
    "extension_lapsed_alert": (
        "Không duyệt được: ngày đề nghị {new} đã qua. Nhiệm vụ số {task_id} vẫn có hạn {old}; "
        "đề nghị được bỏ qua, đơn vị có thể đề nghị một ngày mới.",
        "Cannot approve: the day asked for, {new}, has passed. Task {task_id} stays due {old}; "
        "the request was set aside and the agency may ask for a new day.",
    ),
    "extension_lapsed": (
        "⌛ Đề nghị gia hạn nhiệm vụ số {task_id} đến {new} không còn hiệu lực: ngày đó đã qua "
        "trước khi được duyệt. Hạn vẫn là {old}; nếu cần thêm thời gian, hãy gửi đề nghị mới "
        "với một ngày sắp tới.",
        "⌛ The request to extend task {task_id} to {new} has lapsed: that day passed before it "
        "was approved. The task is still due {old}; if you need more time, ask again for a day "
        "ahead.",
    ),
    "no_reason": ("(không nêu)", "(none given)"),
    "import_title": (
        "📄 <b>{kind} {number}</b>{issued}\n{title}",
        "📄 <b>{kind} {number}</b>{issued}\n{title}",
    ),
    "import_issued": (", ngày {date}", ", dated {date}"),
    "import_no_number": ("(không số)", "(no number)"),
    "import_no_kind": ("Văn bản", "Document"),
    "import_duplicate": (
        "ℹ️ Văn bản này đã được nhập trước đây: lưu lần này chỉ thêm nhiệm vụ mới và cập nhật "
        "hạn đã thay đổi, không tạo trùng.",
        "ℹ️ This document was imported before: saving again only adds new tasks and changed "
        "deadlines, never duplicates.",
    ),
    "import_task": (
        "<b>{n}.</b> {lead} — {deadline}\n    {summary}",
        "<b>{n}.</b> {lead} — {deadline}\n    {summary}",
    ),
    "import_deadline_to_give": ("chưa rõ hạn", "deadline to be given"),
    "import_phrase": ("    (theo “{phrase}”)", "    (from “{phrase}”)"),
    "import_other_deadlines": (
        "    📅 còn hạn khác: {dates}; sửa: <code>/fix {n} han {date}</code>",
        "    📅 other deadlines: {dates}; fix: <code>/fix {n} deadline {date}</code>",
    ),
    "import_other_deadline": ("{date} (“{phrase}”)", "{date} (“{phrase}”)"),
    "import_every": (", {every}", ", {every}"),
    "import_before_issue": (
        "    ⚠️ hạn trước ngày ban hành văn bản, kiểm tra lại: <code>/fix {n} han dd/mm/yyyy</code>",
        "    ⚠️ due before the document's own date, check it: "
        "<code>/fix {n} deadline dd/mm/yyyy</code>",
    ),
    "import_no_lead": (
        "    ⚠️ chưa rõ cơ quan chủ trì: <code>/fix {n} chutri TÊN ĐƠN VỊ</code>",
        "    ⚠️ no lead agency: <code>/fix {n} lead AGENCY</code>",
    ),
    "import_unknown_agency": (
        "    ⚠️ “{written}” chưa có trong danh mục: <code>/fix {n} chutri TÊN ĐƠN VỊ</code>",
        "    ⚠️ “{written}” is not in the catalogue: <code>/fix {n} lead AGENCY</code>",
    ),
    "import_impossible_date": (
        "    ⚠️ “{written}” không phải ngày có thật: <code>/fix {n} han dd/mm/yyyy</code>",
        "    ⚠️ “{written}” is not a real date: <code>/fix {n} deadline dd/mm/yyyy</code>",
    ),
    "import_year_out_of_range": (
        "    ⚠️ “{written}”: năm nằm ngoài 1945–2100: <code>/fix {n} han dd/mm/yyyy</code>",
        "    ⚠️ “{written}”: the year is outside 1945–2100: "
        "<code>/fix {n} deadline dd/mm/yyyy</code>",
    ),
    "import_first_date": (
        "    ⚠️ “{written}” không nói ngày nào: <code>/fix {n} han dd/mm/yyyy</code> (hạn kỳ đầu)",
        "    ⚠️ “{written}” names no day: <code>/fix {n} deadline dd/mm/yyyy</code> (the first "
        "period's)",
    ),
    "import_empty_group": (
        "    ⚠️ “{written}” không ứng với đơn vị nào trong danh mục: "
        "<code>/fix {n} chutri TÊN ĐƠN VỊ</code>",
        "    ⚠️ “{written}” matches no catalogue agency: <code>/fix {n} lead AGENCY</code>",
    ),
    "import_unconfirmed_group": (
        "    👥 “{written}” gồm {count} đơn vị: bấm 👥 để giao cho từng đơn vị",
        "    👥 “{written}” stands for {count} agencies: tap 👥 to assign each of them",
    ),
    "import_footer": (
        "\n{ready} nhiệm vụ sẵn sàng lưu, {blocked} cần sửa. Sửa hạn: "
        "<code>/fix SỐ han dd/mm/yyyy</code>; bỏ: <code>/fix SỐ bo</code> "
        "(SỐ có thể là <code>3,5,7-9</code>).",
        "\n{ready} tasks ready to save, {blocked} to fix. Fix a deadline: "
        "<code>/fix NUMBER deadline dd/mm/yyyy</code>; leave out: "
        "<code>/fix NUMBER drop</code> (NUMBER may be <code>3,5,7-9</code>).",
    ),
    "fix_corrected": ("✏️ Đã sửa nhiệm vụ {numbers}:", "✏️ Corrected task {numbers}:"),
    "fix_dropped": (
        "🗑 Đã bỏ nhiệm vụ {numbers}, không lưu:",
        "🗑 Left out task {numbers}, not to be saved:",
    ),
    "fix_undrop": (
        "Lấy lại nếu bỏ nhầm: <code>/fix {numbers} lai</code>",
        "Left out by mistake? <code>/fix {numbers} restore</code>",
    ),
    "fix_agency_number": (
        "“{typed}” là một con số, không phải tên đơn vị; chưa sửa gì. Hãy gõ tên, tên viết "
        "tắt hoặc tên khác của đơn vị trong danh mục, ví dụ <code>Sở Y tế</code>.",
        "“{typed}” is a number, not an agency; nothing was changed. Type the agency's name, "
        "short name or another of its names in the catalogue, e.g. <code>Sở Y tế</code>.",
    ),
    "fix_left_out_before": (
        "Nhiệm vụ {numbers} do lần nhập trước bỏ ra nên vẫn để bỏ; muốn lấy lại, gõ riêng "
        "từng số: <code>/fix SỐ lai</code>.",
        "Task {numbers} was left out by an earlier import, so it stays out; to bring one "
        "back, name it alone: <code>/fix NUMBER restore</code>.",
    ),
    "fix_restored": (
        "↩️ Đã lấy lại nhiệm vụ {numbers}:",
        "↩️ Brought back task {numbers}:",
    ),
    "fix_mapped": (
        "✏️ Đã coi “{written}” là {agency} ở nhiệm vụ {numbers}:",
        "✏️ “{written}” taken as {agency} in task {numbers}:",
    ),
    "groups_expanded": (
        "👥 Đã giao nhiệm vụ của các nhóm cho từng đơn vị:",
        "👥 Group tasks assigned to each agency of the group:",
    ),
    "fix_task_dropped": (
        "<b>{n}.</b> <i>(đã bỏ)</i> {summary}",
        "<b>{n}.</b> <i>(left out)</i> {summary}",
    ),
    "fix_more": ("… và {count} nhiệm vụ khác.", "… and {count} more."),
    "fix_footer": (
        "\n{ready} nhiệm vụ sẵn sàng lưu, {blocked} cần sửa. Xem toàn bộ: <code>/fix xem</code>.",
        "\n{ready} tasks ready to save, {blocked} to fix. See them all: <code>/fix view</code>.",
    ),
    "button_view": ("📄 Xem toàn bộ", "📄 See all"),
    "import_stale_button": (
        "Bản xem trước đã thay đổi sau tin nhắn này, nên nút này không lưu được. "
        "Hãy bấm 💾 ở tin nhắn mới nhất, hoặc gửi /fix xem.",
        "The preview has changed since this message, so this button cannot save it. "
        "Tap 💾 under the latest message, or send /fix view.",
    ),
    "import_saved_meanwhile": (
        "Văn bản này vừa được lưu ở nơi khác, nên lần bấm này chưa lưu gì. "
        "Bản xem trước mới bên dưới cho biết lưu bây giờ sẽ thêm và đổi gì.",
        "This document was just saved elsewhere, so this tap saved nothing. "
        "The new preview below shows what saving now would add and change.",
    ),
    "button_save": ("💾 Lưu {count} nhiệm vụ", "💾 Save {count} tasks"),
    # Of a re-import: the preview above it says how many tasks are new and how many move.
    "button_save_changes": ("💾 Lưu thay đổi", "💾 Save the changes"),
    "button_expand": ("👥 Giao cho từng đơn vị", "👥 Assign to each agency"),
    "button_cancel": ("✖️ Hủy", "✖️ Cancel"),
    "import_saved": (
        "✅ Đã lưu: {added} nhiệm vụ mới, {changed} nhiệm vụ đổi hạn, {unchanged} đã có từ trước.",
        "✅ Saved: {added} new tasks, {changed} deadlines changed, {unchanged} already there.",
    ),
    # After import_saved: the tasks still to fix are not saved, and the preview is closed.
    "import_saved_unfixed": (
        "⚠️ {count} nhiệm vụ còn cần sửa chưa được lưu. Muốn lưu: gửi lại tệp, sửa bằng /fix "
        "rồi bấm 💾 (không tạo trùng).",
        "⚠️ Not saved, still to fix: {count} tasks. To save the rest, send the file again, "
        "correct it with /fix and tap 💾 (nothing is duplicated).",
    ),
    "import_learned": (
        "Từ nay {names} (bỏ: <code>/forget {name}</code>)",
        "From now on {names} (to undo: <code>/forget {name}</code>)",
    ),
    "import_learned_many": (
        "Từ nay {names} (bỏ một tên: <code>/forget TÊN</code>)",
        "From now on {names} (to undo one: <code>/forget NAME</code>)",
    ),
    "forget_usage": (
        "Cách dùng: <code>/forget TÊN</code>: bỏ một tên đơn vị danh mục đã học khi lưu văn bản.",
        "Usage: <code>/forget NAME</code>: forget an agency name learned when a document was "
        "saved.",
    ),
    "forgot": (
        "Đã bỏ “{name}”: văn bản ghi tên này không còn được hiểu là {agency} nữa.",
        "Forgotten “{name}”: documents that write it are no longer read as {agency}.",
    ),
    "forget_not_learned": (
        "“{name}” không phải tên đã học của đơn vị nào: không có gì để bỏ.",
        "“{name}” is no learned name of any agency: nothing to forget.",
    ),
    "forget_not_learned_but_named": (
        "“{name}” là tên của {agency} trong danh mục, không phải tên đã học: không bỏ được ở đây.",
        "“{name}” is a name of {agency} in the catalogue, not a learned one: it cannot be "
        "forgotten here.",
    ),
    "learned_name": ("“{name}” là {agency}", "“{name}” means {agency}"),
    "learned_name_moved": (
        "“{name}” là {agency} (không còn là {previous})",
        "“{name}” means {agency} (no longer {previous})",
    ),
    "learned_more": (" và {count} tên khác", " and {count} more names"),
    "import_sent_as_chat": (
        "Bạn đang gửi với tư cách nhóm (quản trị viên ẩn danh): bot không biết ai gửi, nên không "
        "nhập văn bản hay sửa bản xem trước theo tin nhắn này (mọi quản trị viên ẩn danh đều "
        "gửi dưới cùng một tên). Hãy tắt “Ẩn danh” (Remain anonymous) trong quyền quản trị viên "
        "của bạn rồi gửi lại, hoặc nhắn riêng với bot.",
        "You are writing as the group (an anonymous administrator): the bot cannot tell who you "
        "are, so it neither imports a document nor corrects a preview from this message (every "
        "anonymous administrator writes under the same name). Turn off “Remain anonymous” in "
        "your administrator rights and send it again, or write to the bot in private.",
    ),
    "import_not_yours": (
        "Đây là bản xem trước văn bản của người khác gửi: chỉ người gửi mới lưu, sửa hoặc hủy "
        "được.",
        "This is the preview of a document someone else sent: only they may save, correct or "
        "cancel it.",
    ),
    "import_date_too_late_saved": (
        "⚠️ Văn bản đã được lưu trước khi đọc lại xong theo ngày ban hành {date}, nên hạn các "
        "nhiệm vụ vẫn tính theo ngày cũ. Muốn sửa: gửi lại tệp, rồi "
        "<code>/fix ngay {date}</code> và bấm 💾 (không tạo trùng, chỉ đổi hạn).",
        "⚠️ The document was saved before it was read again from the date {date}, so its "
        "deadlines still count from the old date. To correct them: send the file again, then "
        "<code>/fix date {date}</code> and tap 💾 (nothing is duplicated, deadlines move).",
    ),
    "import_date_too_late_cancelled": (
        "Bản xem trước đã bị hủy (hoặc thay bằng văn bản gửi sau) trước khi đọc lại xong theo "
        "ngày {date}; không lưu gì. Hãy gửi lại tệp.",
        "The preview was cancelled (or replaced by a later document) before it was read again "
        "from the date {date}; nothing was saved. Send the file again.",
    ),
    "import_date_given_since": (
        "ℹ️ Bỏ qua lần đọc lại theo ngày ban hành {date}: sau đó bạn đã sửa thành ngày "
        "{given}, nên bản xem trước tính theo ngày {given}.",
        "ℹ️ Skipped the reading from the date {date}: you gave the date {given} after it, so "
        "the preview counts from {given}.",
    ),
    "import_already_saved": (
        "Văn bản này đã được lưu trước khi lệnh sửa đến nên không sửa được nữa. Muốn sửa, hãy "
        "gửi lại tệp: các nhiệm vụ đã lưu không bị tạo trùng.",
        "This document was saved before the correction came, so it can no longer be corrected. "
        "To correct it, send the file again: the tasks saved are not duplicated.",
    ),
    "import_already_cancelled": (
        "Bản xem trước này đã bị hủy (hoặc thay bằng văn bản gửi sau) trước khi lệnh sửa đến; "
        "chưa sửa gì. Hãy gửi lại tệp.",
        "This preview was cancelled (or replaced by a later document) before the correction "
        "came; nothing was changed. Send the file again.",
    ),
    "import_cancelled": ("Đã hủy, không lưu gì.", "Cancelled, nothing saved."),
    "import_pressed_saved": ("Văn bản này đã được lưu.", "This document is saved already."),
    "import_pressed_cancelled": (
        "Bản xem trước này đã bị hủy (hoặc thay bằng văn bản gửi sau), không lưu gì.",
        "This preview was cancelled (or replaced by a later document); nothing was saved.",
    ),
    "import_none_pending": (
        "Không có văn bản nào đang chờ lưu trong cuộc trò chuyện này. Hãy gửi tệp văn bản.",
        "No document is waiting in this chat. Send a document file first.",
    ),
    "import_still_reading": (
        "⏳ Bot đang đọc {name}: bản xem trước sẽ đến trong giây lát, hãy sửa sau khi nhận được.",
        "⏳ The bot is still reading {name}: its preview comes in a moment; correct it then.",
    ),
    "import_read_lost": (
        "Bot đã dừng khi đang đọc {name} nên chưa có bản xem trước. Hãy gửi lại tệp.",
        "The bot stopped while reading {name}, so it has no preview. Send the file again.",
    ),
    "import_read_lost_at_start": (
        "Bot đã dừng khi đang đọc tệp {name}: hãy gửi lại tệp.",
        "The bot stopped while reading the file {name}: send the file again.",
    ),
    "import_too_large": (
        "Tệp quá lớn ({size}); giới hạn là {limit}. Hãy gửi bản nhỏ hơn.",
        "The file is too large ({size}); the limit is {limit}. Send a smaller one.",
    ),
    "import_reading": ("⏳ Đang đọc văn bản…", "⏳ Reading the document…"),
    "import_catalogue_file": (
        "Tệp {name} là danh mục đơn vị (name, short_name, aliases), không phải văn bản giao "
        "nhiệm vụ: không đọc thành nhiệm vụ. Danh mục được nạp hoặc cập nhật trên máy chủ, "
        "bằng lệnh <code>nhacviec agencies import TỆP</code> (người quản trị máy chủ chạy).",
        "{name} is an agency catalogue (name, short_name, aliases), not a directive: it is not "
        "read for tasks. A catalogue is loaded or updated on the server, with "
        "<code>nhacviec agencies import FILE</code> (run by the server's administrator).",
    ),
    "import_too_large_for_telegram": (
        "Tệp quá lớn ({size}): Telegram chỉ cho bot tải tệp đến {limit}. Hãy gửi bản nhỏ "
        "hơn, hoặc nhập trên máy chủ bằng <code>nhacviec import</code>.",
        "The file is too large ({size}): Telegram lets a bot download {limit} at most. "
        "Send a smaller one, or import it on the server with <code>nhacviec import</code>.",
    ),
    "import_read_too_long": (
        "Đọc văn bản quá lâu (hơn {seconds} giây) nên đã dừng, không nhập gì. Hãy gửi bản gọn "
        "hơn, chỉ gồm phần giao nhiệm vụ.",
        "Reading the document took too long (over {seconds} s) and was stopped; nothing was "
        "imported. Send a shorter version, with only the tasks.",
    ),
    # A file that cannot be read, by the importer's reason (its Vietnamese words, and English).
    "unreadable_too_large": (
        UNREADABLE["too_large"],
        "The file is too large (over {limit}) to read. Send a smaller one.",
    ),
    "unreadable_unpacks_too_large": (
        UNREADABLE["unpacks_too_large"],
        "This .docx unpacks to far more data than a document holds: it cannot be read. Open "
        "it in Word, save it again and send it again.",
    ),
    "unreadable_empty": (UNREADABLE["empty"], "The file has no text to read."),
    "unreadable_scanned_pdf": (
        UNREADABLE["scanned_pdf"],
        "This PDF is a scan (it has no text layer): its content cannot be read. Send a .docx, "
        "or a PDF with text.",
    ),
    "unreadable_encrypted": (
        UNREADABLE["encrypted"],
        "The file is password-protected or encrypted and cannot be opened. Send it without a "
        "password.",
    ),
    "unreadable_corrupt": (
        UNREADABLE["corrupt"],
        "The file is damaged or not in the format its name says; its content cannot be read.",
    ),
    "unreadable_unsupported_type": (
        UNREADABLE["unsupported_type"],
        "This kind of file is not supported yet. Send a .txt, .docx, .doc or .pdf (with text).",
    ),
    # What the officer should check in a document, by the importer's code (its Vietnamese words,
    # and English), and where a date of issue it guessed was taken from.
    "import_warning_issue_date_guessed": (
        WARNINGS["issue_date_guessed"],
        "The document gives no date of issue; deadlines are counted from {date} ({source}) for "
        "now. Check it.",
    ),
    "import_warning_issue_date_not_needed": (
        WARNINGS["issue_date_not_needed"],
        "The document gives no date of issue; every deadline in it is a full date, so none is "
        "needed. Give the date of issue if you know it.",
    ),
    "import_warning_no_tasks": (WARNINGS["no_tasks"], "No task found in the document."),
    "import_warning_tasks_without_lead": (
        WARNINGS["tasks_without_lead"],
        "No lead agency found for {count} tasks.",
    ),
    "import_warning_unknown_agencies": (
        WARNINGS["unknown_agencies"],
        "Agencies not in the catalogue: {names}.",
    ),
    "import_warning_as_written": (WARNINGS["as_written"], "{written}"),
    "import_date_source_meeting": (
        DATE_SOURCES["meeting"],
        "the date of the meeting it reports",
    ),
    "import_date_source_month": (
        DATE_SOURCES["month"],
        "the document gives only the month, {month}",
    ),
    "import_date_source_web_page": (
        DATE_SOURCES["web_page"],
        "the date the web page was posted",
    ),
    "import_no_tasks": (
        "⚠️ Không tìm thấy nhiệm vụ nào trong {name}: không có gì để lưu. Bản xem trước đang "
        "mở (nếu có) vẫn giữ nguyên.",
        "⚠️ No task found in {name}: nothing to save. The preview you have open, if any, stays "
        "as it is.",
    ),
    "import_sent_twice": (
        "ℹ️ {name} giống hệt tệp của bản xem trước đang mở, nên bot không đọc lại: hãy sửa và lưu "
        "bản xem trước đó. Muốn bắt đầu lại từ đầu, bấm ✖️ Hủy rồi gửi lại tệp.",
        "ℹ️ {name} is the same file as the open preview's, so it is not read again: correct and "
        "save that preview. To start over, tap ✖️ Cancel and send the file again.",
    ),
    "import_photo": (
        "Bot chưa đọc được chữ trong ảnh chụp văn bản. Hãy gửi tệp .docx, hoặc PDF có chữ "
        "(không phải bản quét), của văn bản đó.",
        "The bot cannot read the words in a photo of a document. Send the document as a .docx "
        "file, or a PDF with text (not a scan).",
    ),
    "unreadable_legacy_doc": (
        UNREADABLE["legacy_doc"],
        "Files in the older Word format (Word 6.0/95) are not supported yet. Open it, save it as "
        ".docx and send it again.",
    ),
    "reminders_resumed": (
        "✅ Bạn đã mở lại bot: nhắc việc sẽ lại được gửi đến cuộc trò chuyện này.",
        "✅ You unblocked the bot: reminders will reach this chat again.",
    ),
    "reminders_resumed_group": (
        "✅ Bot đã có thể gửi tin trở lại: nhóm tiếp tục nhận nhắc việc như trước.",
        "✅ The bot may post here again: this group takes its reminders as before.",
    ),
    "import_read_crashed": (
        "Không đọc được văn bản: trình đọc dừng giữa chừng (tệp có thể quá lớn hoặc quá phức "
        "tạp), không nhập gì. Hãy thử lại, hoặc gửi bản gọn hơn.",
        "The document could not be read: the reader stopped halfway (the file may be too large "
        "or too complex); nothing was imported. Try again, or send a shorter version.",
    ),
    "import_replaced": (
        "ℹ️ Văn bản bạn gửi trước ({name}) chưa lưu và đã được thay bằng văn bản này.",
        "ℹ️ The document you sent before ({name}) was not saved; this one replaces it.",
    ),
    "import_sent_after": (
        "ℹ️ Bỏ qua {name}: bạn đã gửi văn bản khác sau nó, nên bản xem trước là của văn bản đó. "
        "Muốn dùng {name}, hãy gửi lại tệp.",
        "ℹ️ Skipped {name}: you sent another document after it, so the preview is of that one. "
        "To use {name}, send it again.",
    ),
    "import_reimport_changes": (
        "Lưu lần này: {added} nhiệm vụ mới, {changed} nhiệm vụ đổi hạn, "
        "{unchanged} đã có từ trước.",
        "Saving now: {added} new tasks, {changed} deadlines changed, {unchanged} already there.",
    ),
    "import_kept_fixes": (
        "Giữ các sửa đổi của lần nhập trước: {what}.",
        "Keeping the corrections of the earlier import: {what}.",
    ),
    "kept_dropped": ("bỏ {count} mục", "{count} left out"),
    "kept_leads": ("{count} cơ quan chủ trì", "{count} lead agencies"),
    "kept_deadlines": ("{count} hạn", "{count} deadlines"),
    "kept_mappings": ("{count} tên đơn vị", "{count} agency names"),
    "import_nothing_to_save": (
        "Chưa có nhiệm vụ nào sẵn sàng để lưu: hãy sửa bằng /fix, hoặc bấm ✖️ Hủy.",
        "No task is ready to save yet: correct them with /fix, or tap ✖️ Cancel.",
    ),
    "fix_no_such_task": (
        "Không có nhiệm vụ số {numbers} trong văn bản này (văn bản có {count} nhiệm vụ); "
        "chưa sửa gì.",
        "There is no task {numbers} in this document (it has {count}); nothing was changed.",
    ),
    "fix_not_dropped": (
        "Nhiệm vụ {numbers} không bị bỏ nên không cần lấy lại; chưa sửa gì. "
        "Các nhiệm vụ đang bỏ: {dropped}.",
        "Task {numbers} is not left out, so there is nothing to bring back; nothing was "
        "changed. Left out: {dropped}.",
    ),
    "fix_none_dropped": (
        "Chưa bỏ nhiệm vụ nào nên không có gì để lấy lại; chưa sửa gì.",
        "No task is left out, so there is nothing to bring back; nothing was changed.",
    ),
    "fix_not_written": (
        "Không có nhiệm vụ nào ghi đơn vị là “{written}”; chưa sửa gì.",
        "No task names an agency written “{written}”; nothing was changed.",
    ),
    "fix_not_written_among": (
        "Không có nhiệm vụ nào ghi đơn vị là “{written}”; chưa sửa gì. "
        "Các tên chưa có trong danh mục: {names}.",
        "No task names an agency written “{written}”; nothing was changed. "
        "Names not in the catalogue: {names}.",
    ),
    "fix_usage": (
        "Cách dùng: <code>/fix SỐ han dd/mm/yyyy</code> (hoặc <code>han khong</code>: không "
        "có hạn), <code>/fix SỐ chutri TÊN ĐƠN VỊ</code>, "
        "<code>/fix SỐ bo</code> (bỏ nhiệm vụ đó), "
        "<code>/fix SỐ lai</code> (lấy lại nhiệm vụ đã bỏ); "
        "SỐ là một số hoặc nhiều số, như <code>3,5,7-9</code>. "
        "<code>/fix ten TÊN TRONG VĂN BẢN = TÊN ĐƠN VỊ</code>: mọi nhiệm vụ ghi tên đó giao cho "
        "đơn vị trong danh mục; "
        "<code>/fix ngay dd/mm/yyyy</code>: ngày ban hành văn bản; "
        "<code>/fix xem</code>: xem lại toàn bộ bản xem trước.",
        "Usage: <code>/fix NUMBER deadline dd/mm/yyyy</code> (or <code>deadline none</code>), "
        "<code>/fix NUMBER lead AGENCY</code>, <code>/fix NUMBER drop</code>, "
        "<code>/fix NUMBER restore</code> (bring back a task left out); "
        "NUMBER is one number or several, such as <code>3,5,7-9</code>. "
        "<code>/fix map WRITTEN = AGENCY</code>: every task whose agency is written so goes "
        "to that catalogue agency; "
        "<code>/fix date dd/mm/yyyy</code>: the document's date; "
        "<code>/fix view</code>: the whole preview again.",
    ),
    "import_no_issue_date": (
        "Văn bản không ghi ngày ban hành nên chưa tính được hạn của các nhiệm vụ. "
        "Hãy gửi <code>/fix ngay dd/mm/yyyy</code> với ngày ban hành.",
        "The document gives no date of issue, so its deadlines cannot be counted yet. "
        "Send <code>/fix date dd/mm/yyyy</code> with its date.",
    ),
    "unknown_agency": (
        "Không có đơn vị nào tên “{name}” trong danh mục.",
        "No agency called “{name}” in the catalogue.",
    ),
    "ambiguous_agency": (
        "“{name}” có thể là: {candidates}. Hãy ghi rõ hơn.",
        "“{name}” could be: {candidates}. Be more precise.",
    ),
    "report_title": ("Kết quả thực hiện nhiệm vụ tháng {month}", "Tasks due in {month}"),
    "report_sheet_summary": ("Tổng hợp", "Summary"),
    "report_sheet_tasks": ("Nhiệm vụ", "Tasks"),
    "report_agency": ("Cơ quan chủ trì", "Lead agency"),
    "report_due": ("Đến hạn trong tháng", "Due in the month"),
    "report_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "report_late": ("Hoàn thành quá hạn", "Done late"),
    "report_overdue": ("Quá hạn chưa hoàn thành", "Overdue, not done"),
    "report_pending": ("Chưa đến hạn", "Not yet due"),
    "report_total": ("Tổng cộng", "Total"),
    "report_number": ("Số", "No."),
    "report_task": ("Nội dung", "Task"),
    "report_deadline": ("Thời hạn", "Deadline"),
    "report_outcome": ("Kết quả", "Outcome"),
    "report_done_on": ("Ngày hoàn thành", "Done on"),
    "report_note": ("Ghi chú", "Note"),
    "report_extended_from": ("Hạn trước khi gia hạn", "Deadline before extension"),
    # The chart's last bar when there are more agencies than a photo shows (count >= 2).
    "report_others": ("{count} cơ quan khác", "{count} other agencies"),
    "report_caption": (
        "📊 Tháng {month}: {due} nhiệm vụ đến hạn — {on_time} đúng hạn, {late} quá hạn đã xong, "
        "{overdue} quá hạn chưa xong, {pending} chưa đến hạn.",
        "📊 {month}: {due} tasks due — {on_time} on time, {late} done late, {overdue} overdue, "
        "{pending} not yet due.",
    ),
    "report_empty": (
        "Không có nhiệm vụ nào đến hạn trong tháng {month}.",
        "No task was due in {month}.",
    ),
    "report_usage": (
        "Cách dùng: <code>/report</code> (tháng này) hoặc <code>/report mm/yyyy</code>, năm từ "
        "1945 đến 2100.",
        "Usage: <code>/report</code> (this month) or <code>/report mm/yyyy</code>, a year from "
        "1945 to 2100.",
    ),
    # Followed by one of chat_lost_kicked, _muted, _topic_closed, _blocked, _not_started, _gone,
    # _other (Texts.chat_lost).
    "chat_lost": (
        "⚠️ Bot không còn gửi được nhắc việc của {agency} tới “{chat}” nên đã tạm ngừng gửi tới đó.",
        "⚠️ Reminders for {agency} can no longer reach “{chat}”, so the bot has stopped sending "
        "them there.",
    ),
    "chat_lost_coordinators": ("cán bộ theo dõi nhiệm vụ", "the coordinators"),
    # A chat with no title: a coordinator's private chat, known by the id the configuration
    # names him by (Texts.chat_lost).
    "chat_lost_person": (
        "⚠️ Bot không còn nhắn riêng được cho cán bộ theo dõi nhiệm vụ có mã Telegram "
        "{telegram_id} nên đã tạm ngừng gửi nhắc việc cho người này.",
        "⚠️ The bot can no longer write in private to the coordinator with Telegram id "
        "{telegram_id}, so it has stopped sending them reminders.",
    ),
    "chat_lost_kicked": (
        "Lý do: bot đã bị xóa khỏi nhóm. Hãy thêm bot lại vào nhóm: nhắc việc sẽ tự gửi lại.",
        "Reason: the bot was removed from the group. Add it back: reminders resume by themselves.",
    ),
    "chat_lost_muted": (
        "Lý do: bot không có quyền gửi tin nhắn trong nhóm. Hãy cho bot quyền gửi tin nhắn: "
        "nhắc việc sẽ tự gửi lại.",
        "Reason: the bot may not send messages in the group. Give it that right: reminders "
        "resume by themselves.",
    ),
    "chat_lost_topic_closed": (
        "Lý do: nhóm đã đóng chủ đề chung (General) nên bot không gửi được tin nhắn. Hãy mở lại "
        "chủ đề chung: nhắc việc sẽ tự gửi lại.",
        "Reason: the group closed its General topic, so the bot cannot post there. Reopen the "
        "General topic: reminders resume by themselves.",
    ),
    "chat_lost_blocked": (
        "Lý do: người dùng đã chặn bot. Nhắc việc sẽ được gửi lại khi họ bỏ chặn và nhắn cho bot.",
        "Reason: the person blocked the bot. Reminders resume once they unblock it and write "
        "to it.",
    ),
    "chat_lost_not_started": (
        "Lý do: người này chưa từng mở bot nên Telegram không cho bot nhắn trước. Hãy nhờ họ mở "
        "bot và bấm Bắt đầu (/start): nhắc việc sẽ tự gửi lại.",
        "Reason: this person never opened the bot, and Telegram lets a bot write only to those "
        "who did. Ask them to open it and press Start (/start): reminders resume by themselves.",
    ),
    "chat_lost_gone": (
        "Lý do: Telegram báo cuộc trò chuyện không còn tồn tại ({reason}). Hãy đăng ký nhóm mới "
        "của cơ quan bằng mã mời.",
        "Reason: Telegram says the chat no longer exists ({reason}). Register the agency's new "
        "group with an invite code.",
    ),
    "chat_lost_other": (
        "Lý do Telegram đưa ra: {reason}.",
        "Telegram's reason: {reason}.",
    ),
    "extension_recorded": (
        "⏳ Đã ghi nhận đề nghị gia hạn nhiệm vụ số {task_id} từ {old} đến {new}, nhưng chưa gửi "
        "được tới Văn phòng UBND tỉnh. Đề nghị không bị mất: bot sẽ gửi lại, và cán bộ theo dõi "
        "xem được bằng lệnh /extensions.",
        "⏳ Recorded the request to extend task {task_id} from {old} to {new}, but it could not "
        "reach the coordinators yet. It is not lost: the bot will send it again, and the "
        "coordinators see it with /extensions.",
    ),
    "extensions_title": (
        "⏳ <b>Đề nghị gia hạn chờ duyệt</b> ({count})",
        "⏳ <b>Extension requests awaiting a decision</b> ({count})",
    ),
    "extensions_line": (
        "<b>#{task_id}</b> {agency}: {text}\n    {old} → {new} (đề nghị ngày {asked})\n"
        "    Lý do: {reason}",
        "<b>#{task_id}</b> {agency}: {text}\n    {old} → {new} (asked on {asked})\n"
        "    Reason: {reason}",
    ),
    "extensions_empty": (
        "Không có đề nghị gia hạn nào đang chờ duyệt.",
        "No extension request is awaiting a decision.",
    ),
    "button_approve_task": ("✅ Duyệt #{task_id}", "✅ Approve #{task_id}"),
    "button_reject_task": ("❌ Từ chối #{task_id}", "❌ Reject #{task_id}"),
    # Re-importing a revised directive (bot.documents, bot.cli).
    "kept_issued": ("ngày ban hành", "the date of issue"),
    "import_same_title": (
        "ℹ️ Văn bản không số này có vẻ là văn bản #{id} đã nhập trước đây, đã sửa (cùng loại, "
        "trích yếu, ngày ban hành và người ký): lưu lần này cập nhật văn bản đó, không tạo trùng.",
        "ℹ️ This unnumbered document looks like document #{id}, imported before and edited "
        "since (the same kind, title, date and signer): saving updates it, never duplicates.",
    ),
    "import_reworded": (
        "{count} nhiệm vụ đã lưu được cập nhật lời văn theo văn bản này.",
        "Saved tasks given this document's new wording: {count}.",
    ),
    "import_joined": (
        "{count} nhiệm vụ đã lưu được thêm cơ quan phối hợp văn bản này nêu.",
        "Saved tasks given the cooperating agencies this document names: {count}.",
    ),
    "import_left_open": (
        "⚠️ {count} nhiệm vụ đã lưu từ lần nhập trước không có trong lần lưu này (văn bản không "
        "còn, bị bỏ, hoặc còn cần sửa): vẫn mở và vẫn được nhắc như cũ. Nhiệm vụ nào văn bản "
        "đã bỏ hẳn, hãy thu hồi bằng <code>/withdraw SỐ lý do</code>:",
        "⚠️ Saved by the earlier import but not in this save (no longer in the document, left "
        "out, or still to fix): {count} tasks, still open and reminded as before. "
        "Withdraw those the document dropped with <code>/withdraw NUMBER reason</code>:",
    ),
    "import_still_withdrawn": (
        "🚫 {count} nhiệm vụ văn bản này vẫn ghi đã được thu hồi trước đây: lưu lần này không "
        "khôi phục. Nếu thu hồi nhầm, hãy khôi phục bằng <code>/restore SỐ</code>:",
        "🚫 Written in this document but withdrawn before: {count} tasks, which saving does not "
        "restore. If one was withdrawn by mistake, restore it with <code>/restore NUMBER</code>:",
    ),
    "import_left_open_task": ("#{id} {lead} — {text}", "#{id} {lead} — {text}"),
    "import_left_open_more": ("… và {count} nhiệm vụ khác", "… and {count} more tasks"),
}

ROLE_NAMES: dict[Role, tuple[str, str]] = {
    Role.ADMIN: ("quản trị", "administrator"),
    Role.COORDINATOR: ("theo dõi nhiệm vụ", "coordinator"),
    Role.HEAD: ("lãnh đạo đơn vị", "head"),
    Role.STAFF: ("chuyên viên", "staff"),
}


@dataclass(frozen=True)
class Command:
    """A bot command: its name, its Vietnamese alias, and what /help and the menu say of it."""

    name: str
    alias: str
    vi: str
    en: str


COMMANDS: tuple[Command, ...] = (
    Command("tasks", "nhiemvu", "Nhiệm vụ đang mở của đơn vị", "Open tasks of my agency"),
    Command("due", "trongthang", "Nhiệm vụ đến hạn trong tháng này", "Tasks due this month"),
    Command("done", "xong", "Báo hoàn thành: /done SỐ ghi chú", "Mark done: /done NUMBER note"),
    Command(
        "undo", "hoantac", "Mở lại nhiệm vụ vừa báo xong: /undo SỐ", "Reopen a task: /undo NUMBER"
    ),
    Command(
        "extend",
        "giahan",
        "Xin gia hạn: /extend SỐ dd/mm/yyyy lý do",
        "Ask for more time: /extend NUMBER dd/mm/yyyy reason",
    ),
    Command(
        "task", "chitiet", "Xem chi tiết một nhiệm vụ: /task SỐ", "Show one task: /task NUMBER"
    ),
    Command(
        "fix",
        "sua",
        "Sửa bản xem trước khi nhập văn bản (điều phối)",
        "Correct a document's preview (coordinators)",
    ),
    Command(
        "overdue",
        "quahan",
        "Nhiệm vụ quá hạn của mọi đơn vị (điều phối)",
        "Overdue tasks of every agency (coordinators)",
    ),
    Command(
        "extensions",
        "choduyet",
        "Đề nghị gia hạn chờ duyệt (điều phối)",
        "Extension requests awaiting a decision (coordinators)",
    ),
    Command(
        "report",
        "baocao",
        "Báo cáo tháng: biểu đồ và tệp Excel (điều phối)",
        "Monthly report: chart and Excel file (coordinators)",
    ),
    Command(
        "forget",
        "quen",
        "Bỏ một tên đơn vị đã học: /forget TÊN (điều phối)",
        "Forget a learned agency name: /forget NAME (coordinators)",
    ),
    Command(
        "withdraw",
        "thuhoi",
        "Thu hồi nhiệm vụ không còn hiệu lực: /withdraw SỐ lý do (điều phối)",
        "Withdraw a task no longer in force: /withdraw NUMBER reason (coordinators)",
    ),
    Command(
        "restore",
        "khoiphuc",
        "Khôi phục nhiệm vụ đã thu hồi: /restore SỐ (điều phối)",
        "Restore a withdrawn task: /restore NUMBER (coordinators)",
    ),
    Command(
        "register",
        "dangky",
        "Đăng ký nhóm với đơn vị: /register MÃ",
        "Register a chat: /register CODE",
    ),
    Command(
        "lang",
        "ngonngu",
        "Ngôn ngữ trả lời: /lang vi hoặc /lang en",
        "This chat's language: /lang vi or /lang en",
    ),
    Command("help", "huongdan", "Hướng dẫn sử dụng", "How to use the bot"),
)
LANGUAGES = ("vi", "en")

# How a periodic duty is named (the values of vncalendar.recurrence.Recurrence).
RECURRENCE_NAMES: dict[str, tuple[str, str]] = {
    "weekly": ("định kỳ hằng tuần", "every week"),
    "monthly": ("định kỳ hằng tháng", "every month"),
    "quarterly": ("định kỳ hằng quý", "every quarter"),
    "semiannual": ("định kỳ 6 tháng", "every six months"),
    "yearly": ("định kỳ hằng năm", "every year"),
}

# The command line's words: plain text for a terminal, in Vietnamese (the office's officers run
# it). Command and flag names stay as typed; what the bot already says is taken from CATALOGUE
# with Texts.plain. Error lines start in lower case: they follow "nhacviec: ".
CLI: dict[str, str] = {
    "no_such_date": "không có ngày {text}",
    "not_a_date": (
        "“{text}” không phải là ngày: viết dd/mm/yyyy hoặc YYYY-MM-DD, năm từ 1945 đến 2100"
    ),
    "not_a_month": (
        "“{text}” không phải là tháng: viết mm/yyyy, năm từ 1945 đến 2100, ví dụ 01/2023"
    ),
    "is_a_folder": "{file} là một thư mục: hãy ghi tên một tệp .txt, .docx, .doc hoặc .pdf",
    "import_catalogue_file": (
        "{file} là danh mục đơn vị, không phải văn bản: nạp bằng nhacviec agencies import {file}"
    ),
    "no_such_file": "không tìm thấy tệp {file}",
    "too_large": (
        "{file}: tệp quá lớn ({size}), giới hạn là {limit} ([importer] max_megabytes); không đọc"
    ),
    "bad_map": "--map viết theo dạng TÊN TRONG VĂN BẢN=TÊN ĐƠN VỊ, không phải “{text}”",
    "import_no_such_tasks": (
        "văn bản có {count} nhiệm vụ, không có nhiệm vụ số {numbers}: chưa lưu gì, hãy sửa "
        "--drop hoặc --deadline"
    ),
    "import_map_matches_nothing": (
        "không nhiệm vụ nào ghi cơ quan là “{written}”: chưa lưu gì, hãy sửa --map"
    ),
    "bad_invite_days": "--days là số ngày mã mời còn hiệu lực, từ 1 đến 90, không phải “{text}”",
    "bad_deadline_fix": "--deadline viết theo dạng SỐ=dd/mm/yyyy, không phải “{text}”",
    "bad_task_numbers": "cần số thứ tự nhiệm vụ, ví dụ 3,5; không phải “{text}”",
    "bad_task_id": "cần số nhiệm vụ (xem nhacviec tasks list), không phải “{text}”",
    "not_a_terminal": "không hỏi được vì không chạy trong cửa sổ lệnh: thêm --yes để lưu luôn",
    "import_json_not_saved": (
        "Chưa lưu gì: không chạy trong cửa sổ lệnh nên không hỏi được; thêm --yes để lưu luôn."
    ),
    "dry_run_no_database": (
        "Chưa có cơ sở dữ liệu: xem thử với danh mục đơn vị trống, không tạo cơ sở dữ liệu."
    ),
    "dry_run_needs_upgrade": (
        "cơ sở dữ liệu còn ở phiên bản cũ (bản {revision}, phiên bản này cần {head}) mà "
        "--dry-run không nâng cấp: hãy chạy nhacviec db upgrade trước"
    ),
    "read_only_needs_upgrade": (
        "cơ sở dữ liệu còn ở phiên bản cũ (bản {revision}, phiên bản này cần {head}) mà lệnh "
        "chỉ xem không nâng cấp: hãy chạy nhacviec db upgrade trước"
    ),
    "too_large_stream": (
        "{file}: dữ liệu quá giới hạn {limit} ([importer] max_megabytes); không đọc"
    ),
    "jsonl_not_json": 'dòng này không phải JSON dạng {{"text": "...", "ref": "YYYY-MM-DD"}}',
    "jsonl_no_text": 'thiếu "text": cụm từ hoặc câu cần đọc hạn',
    "jsonl_bad_ref": '"ref" không dùng được: {reason}',
    "jsonl_not_utf8": "dòng này không phải chữ UTF-8: hãy lưu tệp với bảng mã UTF-8",
    "jsonl_not_unicode": (
        'dòng này có ký tự không hợp lệ (nửa cặp ký tự thay thế, như "\\ud800"): hãy sửa dòng'
    ),
    "blank_date": "{option} để trống: hãy ghi ngày dd/mm/yyyy hoặc YYYY-MM-DD, hoặc bỏ {option}",
    "argv_not_utf8": (
        "tham số “{text}” không phải chữ UTF-8: hãy đặt cửa sổ lệnh dùng UTF-8 "
        "(LANG=C.UTF-8) rồi chạy lại"
    ),
    "arg_invalid_choice": (
        "{arg} không nhận “{value}”: hãy chọn một trong {choices} (xem {prog} -h)"
    ),
    "arg_required": "còn thiếu {args} (xem {prog} -h)",
    "arg_unrecognized": "không hiểu {args} (xem {prog} -h)",
    "arg_needs_value": "{arg} cần một giá trị (xem {prog} -h)",
    "arg_ambiguous": "không rõ {arg} là {choices}: hãy ghi đủ tên (xem {prog} -h)",
    "arg_takes_no_value": "{arg} không đi kèm giá trị (“{value}”) (xem {prog} -h)",
    "arg_refused": "{reason}",
    "no_phrase": "hãy ghi một cụm từ hoặc một câu, hoặc dùng --jsonl để đọc các dòng JSON",
    "no_task_text": "nhiệm vụ cần có nội dung",
    "every_needs_deadline": "--every cần có --deadline: hạn của kỳ đầu tiên",
    "invite_coordinator_of_all": (
        "mã mời vai trò {role} dùng cho cả tỉnh, không gắn với đơn vị nào: bỏ tên đơn vị đi"
    ),
    "invite_needs_agency": (
        "hãy ghi tên đơn vị, hoặc dùng --role coordinator để tạo mã mời cho cán bộ theo dõi "
        "nhiệm vụ"
    ),
    "catalogue_is_a_folder": (
        "{file} là một thư mục: hãy ghi tên tệp danh mục đơn vị (.csv, các cột "
        "name,short_name,aliases)"
    ),
    "catalogue_no_header": "{where}: dòng đầu phải là tên các cột: name,short_name,aliases",
    "catalogue_empty_name": "{where}: thiếu tên đơn vị",
    "catalogue_not_utf8": "{where}: tệp không phải văn bản UTF-8",
    "catalogue_unknown_column": (
        "{where}: không có cột “{column}”: các cột là name, short_name, aliases"
    ),
    "catalogue_extra_fields": (
        "{where}: dòng có {fields} ô mà tiêu đề chỉ có {columns} cột: tên có dấu phẩy phải đặt "
        'trong ngoặc kép, ví dụ "Sở Văn hóa, Thể thao và Du lịch"'
    ),
    "catalogue_duplicate_name": "{where}: “{name}” đã có ở dòng {line}: mỗi đơn vị chỉ một dòng",
    "catalogue_name_taken": (
        "{where}: “{name}” đã là {claimed_as} của {agency} (dòng {line}): "
        "mỗi tên chỉ dùng cho một đơn vị"
    ),
    "catalogue_name_in_catalogue": (
        "{where}: “{name}” đã là {claimed_as} của {agency} trong danh mục: "
        "mỗi tên chỉ dùng cho một đơn vị"
    ),
    "catalogue_name_taken_as_name": (
        "{where}: “{name}” là tên của một đơn vị khác (dòng {line}): mỗi tên chỉ dùng cho một "
        "đơn vị"
    ),
    "catalogue_name_in_catalogue_as_name": (
        "{where}: “{name}” là tên của một đơn vị khác trong danh mục: mỗi tên chỉ dùng cho một "
        "đơn vị"
    ),
    "catalogue_merged_away_as_name": (
        "{where}: “{name}” đã được gộp vào {agency} (nhacviec agencies merge): bỏ dòng này khỏi tệp"
    ),
    "catalogue_merged_away": (
        "{where}: “{name}” đã được gộp vào {agency} nên không thể là {claimed_as} của đơn vị "
        "khác: bỏ tên này khỏi dòng"
    ),
    "catalogue_as_short_name": "tên viết tắt",
    "catalogue_as_alias": "tên gọi khác",
    "catalogue_nothing_saved": "{problem}; không lưu đơn vị nào",
    "catalogue_bad_quotes": (
        "{where}: dấu ngoặc kép mở ở dòng này không được đóng đúng chỗ: ô nào có dấu ngoặc kép "
        'thì đặt cả ô trong ngoặc kép, ví dụ "Sở Văn hóa, Thể thao và Du lịch"'
    ),
    # A document reads these two names as one: UBND and Ủy ban nhân dân, & and và, a dash and a
    # comma (storage.names.name_key).
    "catalogue_duplicate_written_alike": (
        "{where}: “{name}” là “{other}” ở dòng {line} (văn bản hiểu UBND hay Ủy ban nhân dân, & "
        "hay “và”, gạch ngang hay dấu phẩy là như nhau): mỗi đơn vị chỉ một dòng"
    ),
    "catalogue_written_alike": (
        "{where}: “{name}” là “{other}” của {agency} (văn bản hiểu UBND hay Ủy ban nhân dân, & "
        "hay “và”, gạch ngang hay dấu phẩy là như nhau): mỗi tên chỉ dùng cho một đơn vị"
    ),
    "catalogue_not_merged_as_name": (
        "{where}: “{name}” là tên của một đơn vị trong danh mục mà tệp không còn ghi: nếu đơn vị "
        'này đã sáp nhập vào {into}, hãy gộp trước bằng nhacviec agencies merge "{agency}" '
        '"{into}" rồi nhập lại tệp; nếu không, bỏ tên này khỏi dòng'
    ),
    "catalogue_not_merged": (
        "{where}: “{name}” là {claimed_as} của {agency}, đơn vị tệp không còn ghi: nếu {agency} "
        'đã sáp nhập vào {into}, hãy gộp trước bằng nhacviec agencies merge "{agency}" "{into}" '
        "rồi nhập lại tệp; nếu không, bỏ tên này khỏi dòng"
    ),
    "another_poller": (
        "một tiến trình khác đang nhận tin Telegram bằng token này; tiến trình này dừng lại"
    ),
    "no_database": "không kết nối được cơ sở dữ liệu: {reason}",
    "db_revision_unchanged": (
        "storage/models.py không khác gì cơ sở dữ liệu đã nâng cấp: không có migration nào để viết"
    ),
    "sqlite_not_writable": (
        "không ghi được vào cơ sở dữ liệu SQLite {path} ({reason}): người dùng chạy nhacviec "
        "cần quyền ghi tệp này và thư mục chứa nó (SQLite ghi thêm các tệp -wal, -shm bên cạnh)"
    ),
    "db_missing": (
        "máy chủ PostgreSQL không có cơ sở dữ liệu {database}: hãy tạo nó, với người dùng {user} "
        "làm chủ (ví dụ createdb -O {user} {database}), hoặc sửa [database] url"
    ),
    "db_not_allowed": (
        "người dùng {user} của PostgreSQL không có quyền trên cơ sở dữ liệu {database} "
        "({reason}): hãy cho người dùng này làm chủ cơ sở dữ liệu, ví dụ ALTER DATABASE "
        "{database} OWNER TO {user}"
    ),
    "not_a_database": (
        "tệp hoặc địa chỉ trong database_url không phải cơ sở dữ liệu dùng được: {reason}"
    ),
    "token_refused": (
        "Telegram từ chối token của bot: kiểm tra NHACVIEC_TELEGRAM_TOKEN "
        "(hoặc [telegram] token) với @BotFather"
    ),
    "no_telegram": "không kết nối được Telegram: {reason}",
    "db_too_new": (
        "cơ sở dữ liệu đã được một phiên bản nhacviec mới hơn nâng cấp (bản {revision}, phiên "
        "bản này chỉ biết đến {head}): hãy dùng lại phiên bản nhacviec mới đó"
    ),
    "db_not_ours": (
        "cơ sở dữ liệu đã có bảng {tables} không do nhacviec tạo (không có bảng alembic_version): "
        "hãy dành cho nhacviec một cơ sở dữ liệu trống ([database] url hoặc NHACVIEC_DATABASE_URL)"
    ),
    "no_such_folder": "không ghi được {file}: không có thư mục {folder}",
    "cannot_write": "không ghi được {file}: {reason}",
    "cannot_read": "không đọc được tệp {file}: {reason}",
    "cannot_read_denied": "không đọc được tệp {file}: không có quyền đọc",
    "cannot_write_folder": "không ghi được {file}: đó là một thư mục",
    "cannot_write_denied": "không ghi được {file}: không có quyền ghi",
    "config_no_file": "thiết lập",
    "config_not_found": "không tìm thấy tệp cấu hình {path}",
    "config_not_found_relative": (
        "không tìm thấy tệp cấu hình {path} (tức {absolute}: đường dẫn tương đối tính từ thư mục "
        "chạy lệnh)"
    ),
    "config_is_a_folder": (
        "{path} là một thư mục, không phải tệp cấu hình: --config (hoặc NHACVIEC_CONFIG) phải "
        "chỉ tới một tệp .toml"
    ),
    "config_not_allowed": "không có quyền đọc tệp cấu hình {path}",
    "config_unreadable": "không đọc được tệp cấu hình {path}: {reason}",
    "config_not_utf8": (
        "{path}: tệp cấu hình phải là văn bản UTF-8 (byte thứ {offset} không đọc được): hãy lưu "
        "lại tệp với bảng mã UTF-8"
    ),
    "config_not_toml_at": "{path}: dòng {line}, cột {column}: sai cú pháp TOML ({detail})",
    "config_not_toml": "{path}: sai cú pháp TOML ({detail})",
    "config_unknown_section": "{path}: không có mục [{section}]; các mục là {sections}",
    "config_outside_section": (
        "{path}: “{setting}” nằm ngoài mọi mục: hãy ghi nó dưới dòng [{section}]"
    ),
    "config_outside_any_section": (
        "{path}: “{setting}” nằm ngoài mọi mục, và không mục nào có thiết lập này; các mục là "
        "{sections}"
    ),
    "config_not_a_table": (
        "{path}: [{section}] phải là một mục (dòng [{section}], các thiết lập ở dưới), "
        "không phải một giá trị"
    ),
    "config_unknown_setting": (
        "{path}: mục [{section}] không có thiết lập “{setting}”; các thiết lập là {settings}"
    ),
    "config_unknown_variable": (
        "biến môi trường {name} không ứng với thiết lập nào: tên biến là NHACVIEC_MỤC_THIẾTLẬP, "
        "ví dụ NHACVIEC_TELEGRAM_TOKEN hay NHACVIEC_REMINDERS_TIME"
    ),
    "config_not_a_json_list": (
        "biến môi trường {name}: không phải danh sách JSON; cũng có thể ghi các giá trị cách "
        "nhau bằng dấu phẩy"
    ),
    "config_bad_setting": "{path}: [{section}] {setting}: {problem}",
    "config_bad_variable": "biến môi trường {name}: {problem}",
    "config_problem_time": "“{value}” không phải giờ: viết HH:MM, ví dụ 08:00",
    "config_problem_int": "cần một số nguyên, không phải “{value}”",
    "config_problem_number": "cần một số, không phải “{value}”",
    "config_problem_bool": "cần true hoặc false, không phải “{value}”",
    "config_problem_int_quoted": (
        "cần một số nguyên, viết không có ngoặc kép, không phải chuỗi “{value}”"
    ),
    "config_problem_number_quoted": (
        "cần một số, viết không có ngoặc kép, không phải chuỗi “{value}”"
    ),
    "config_problem_bool_quoted": (
        "cần true hoặc false, viết không có ngoặc kép, không phải chuỗi “{value}”"
    ),
    "config_problem_list": "cần một danh sách, ví dụ [7, 3, 1, 0], không phải “{value}”",
    "config_problem_string": 'cần một chuỗi trong ngoặc kép, ví dụ "..."',
    "config_problem_choice": "phải là một trong {choices}, không phải “{value}”",
    "config_problem_gt": "phải lớn hơn {limit}, không phải {value}",
    "config_problem_ge": "phải từ {limit} trở lên, không phải {value}",
    "config_problem_lt": "phải nhỏ hơn {limit}, không phải {value}",
    "config_problem_le": "phải từ {limit} trở xuống, không phải {value}",
    "config_problem_table": "phải là một mục, không phải một giá trị",
    "config_not_a_user_id": (
        "“{value}” không phải mã người dùng Telegram (một số dương; mã nhóm, số âm, không dùng "
        "ở đây)"
    ),
    "config_problem_other": "giá trị “{value}” không dùng được ({detail})",
    "config_unknown_zone": "không có múi giờ “{value}”; ví dụ Asia/Ho_Chi_Minh",
    "config_time_with_offset": (
        "“{value}”: ghi giờ không kèm múi giờ, ví dụ 08:00; giờ được tính theo [reminders] timezone"
    ),
    "config_negative_days": "số ngày trước hạn phải từ 0 trở lên",
    "config_not_a_database_url": (
        "không phải địa chỉ cơ sở dữ liệu: viết sqlite:////đường/dẫn/nhacviec.db hoặc "
        "postgresql://người_dùng:mật_khẩu@máy/tên_cơ_sở_dữ_liệu"
    ),
    "config_sqlite_in_memory": (
        "SQLite trong bộ nhớ không giữ lại gì, kể cả các bảng vừa tạo: ghi đường dẫn đầy đủ tới "
        "một tệp, ví dụ sqlite:////var/lib/nhacviec/nhacviec.db"
    ),
    "config_sqlite_folder": (
        "“{path}” là một thư mục: ghi cả tên tệp cơ sở dữ liệu, ví dụ "
        "sqlite:////var/lib/nhacviec/nhacviec.db"
    ),
    "config_sqlite_relative": (
        "“{path}” là đường dẫn tương đối: mỗi thư mục chạy lệnh sẽ có một cơ sở dữ liệu trống "
        "khác nhau. Ghi đường dẫn đầy đủ (sau sqlite: là bốn dấu /), ví dụ "
        "sqlite:////var/lib/nhacviec/nhacviec.db"
    ),
    "no_database_folder": "không tạo được thư mục {folder} cho cơ sở dữ liệu: {reason}",
    "telegram_refused_webhook": (
        "Telegram từ chối webhook: {reason}. Kiểm tra [telegram] webhook_url (hoặc "
        "NHACVIEC_TELEGRAM_WEBHOOK_URL): Telegram chỉ gửi tới địa chỉ https:// có chứng chỉ "
        "hợp lệ, cổng 443, 80, 88 hoặc 8443"
    ),
    "telegram_refused": "Telegram từ chối yêu cầu: {reason}",
    "config_unsupported_database": (
        "nhacviec không dùng được cơ sở dữ liệu “{backend}”: chỉ SQLite (sqlite:///...) hoặc "
        "PostgreSQL (postgresql://...)"
    ),
    "config_no_token": (
        "chưa có token của bot Telegram: tạo bot với @BotFather trong Telegram, rồi ghi token "
        "vào biến môi trường NHACVIEC_TELEGRAM_TOKEN (hoặc config.toml, [telegram] token = "
        '"..."). Muốn thử bot mà không cần token: nhacviec demo'
    ),
    "config_placeholder_token": (
        "token của bot Telegram có vẻ là giá trị mẫu: tạo bot với @BotFather trong Telegram, rồi "
        "ghi token thật vào biến môi trường NHACVIEC_TELEGRAM_TOKEN (hoặc config.toml, [telegram] "
        'token = "..."). Muốn thử bot mà không cần token: nhacviec demo'
    ),
    "config_malformed_token": (
        "token của bot Telegram không đúng dạng: @BotFather đưa token dạng 123456789:AAH… (chữ "
        "số, dấu hai chấm, rồi chữ cái, chữ số, _ hoặc -); chép đúng như vậy vào "
        "NHACVIEC_TELEGRAM_TOKEN (hoặc config.toml, [telegram] token), không kèm “bot” ở đầu, "
        "dấu ngoặc hay dấu cách"
    ),
    "config_base_url_without_bot": (
        "[telegram] base_url phải kết thúc bằng /bot, ví dụ http://127.0.0.1:8081/bot (token được "
        "ghi ngay sau nó)"
    ),
    "config_blank_listen": (
        "[telegram] webhook_listen cần một địa chỉ để lắng nghe, ví dụ 0.0.0.0 (mọi địa chỉ của "
        "máy) hoặc 127.0.0.1 (sau một reverse proxy)"
    ),
    "config_webhook_path": (
        "[telegram] webhook_url phải có đường dẫn kết thúc bằng /telegram, ví dụ "
        "https://nhacviec.example.gov.vn/telegram (bot nhận cập nhật ở đường dẫn đó)"
    ),
    "config_bad_bot_username": (
        "[bot] username “{name}” không phải tên bot Telegram: ghi tên như @BotFather cho, "
        "ví dụ tinh_nhacviec_bot"
    ),
    "config_no_webhook_url": (
        '[telegram] mode = "webhook" cần webhook_url (địa chỉ HTTPS công khai) trong config.toml '
        "hoặc NHACVIEC_TELEGRAM_WEBHOOK_URL"
    ),
    "config_no_webhook_secret": (
        '[telegram] mode = "webhook" cần webhook_secret: 1 đến 256 chữ cái, chữ số, _ hoặc - mà '
        "Telegram gửi lại trong mọi yêu cầu, để không ai khác gửi được cập nhật. Ghi vào biến "
        "môi trường NHACVIEC_TELEGRAM_WEBHOOK_SECRET (hoặc config.toml, [telegram] "
        'webhook_secret = "..."); ví dụ: openssl rand -hex 32'
    ),
    "config_bad_webhook_secret": (
        '[telegram] mode = "webhook" có webhook_secret không dùng được: cần 1 đến 256 chữ cái, '
        "chữ số, _ hoặc - mà Telegram gửi lại trong mọi yêu cầu, để không ai khác gửi được cập "
        "nhật. Ghi vào biến môi trường NHACVIEC_TELEGRAM_WEBHOOK_SECRET (hoặc config.toml, "
        '[telegram] webhook_secret = "..."); ví dụ: openssl rand -hex 32'
    ),
    "import_title": "{kind} {number}{issued}{signer}",
    "import_signer": ", người ký: {signer}",
    "import_duplicate": (
        "đã nhập trước đây (văn bản #{id}): lưu lần này chỉ thêm nhiệm vụ mới và cập nhật hạn "
        "đã thay đổi"
    ),
    "import_task": "{n:>3}. {lead} — {deadline}",
    "import_phrase": "(theo “{phrase}”)",
    "import_other_deadlines": "còn hạn khác: {dates}",
    "import_other_deadline": "{date} (“{phrase}”)",
    "import_before_issue": "! hạn trước ngày ban hành văn bản: kiểm tra lại",
    "import_cooperating": "phối hợp: {agencies}",
    "import_not_saved": "KHÔNG LƯU: {reason}",
    "import_no_lead": "chưa rõ cơ quan chủ trì: dùng --map, hoặc thêm bằng lệnh task add",
    "import_unknown_agency": (
        "“{written}” chưa có trong danh mục: thêm vào danh mục, hoặc --map '{written}=TÊN ĐƠN VỊ'"
    ),
    "import_empty_group": "“{written}” không ứng với đơn vị nào trong danh mục: dùng --map",
    "import_impossible_date": "“{written}” không phải ngày có thật: dùng --deadline SỐ=dd/mm/yyyy",
    "import_year_out_of_range": (
        "“{written}”: năm nằm ngoài 1945–2100: dùng --deadline SỐ=dd/mm/yyyy"
    ),
    "import_first_date": (
        "“{written}” không nói ngày nào: dùng --deadline SỐ=dd/mm/yyyy (hạn kỳ đầu)"
    ),
    "import_unconfirmed_group": (
        "“{written}” gồm {count} đơn vị: thêm --expand-groups để giao cho từng đơn vị"
    ),
    "import_footer": "{ready} nhiệm vụ sẵn sàng lưu, {blocked} cần sửa.",
    "import_confirm": "Lưu {count} nhiệm vụ? [c/K] ",
    "import_nothing_to_save": "Không có gì để lưu.",
    "import_learned": 'Từ nay {names} (bỏ: nhacviec agencies forget "{name}")',
    "import_learned_many": 'Từ nay {names} (bỏ một tên: nhacviec agencies forget "TÊN")',
    "learned_name": "“{name}” là {agency}",
    "learned_name_moved": "“{name}” là {agency} (không còn là {previous})",
    "learned_more": " và {count} tên khác",
    "import_replanned": (
        "danh mục đơn vị đã thay đổi trong lúc chờ xác nhận, nên không lưu gì: chạy lại lệnh để "
        "xem bản xem trước mới"
    ),
    "import_saved_meanwhile": (
        "văn bản đã được lưu ở nơi khác trong lúc chờ xác nhận, nên không lưu gì: "
        "chạy lại lệnh để xem những gì còn phải lưu"
    ),
    "import_saved": (
        "Đã lưu (văn bản #{id}): {added} nhiệm vụ mới, {changed} nhiệm vụ đổi hạn, "
        "{unchanged} đã có từ trước."
    ),
    "deadline_read": "{deadline} ({how})",
    "sweep_day_off": "{day} không phải ngày làm việc: không gửi nhắc việc.",
    "remind_future": (
        "{day} chưa đến: chỉ xem trước được những gì sẽ gửi hôm đó, với --dry-run; không gửi gì."
    ),
    "sweep_private_chat": "chat riêng {chat}",
    "sweep_would_send": "sẽ gửi tới {chat}: nhiệm vụ {tasks}",
    "sweep_sent": "đã gửi tới {chat}: nhiệm vụ {tasks} (tin nhắn {message})",
    "sweep_failed": "LỖI, chưa gửi được tới {chat}: nhiệm vụ {tasks}: {error}",
    "sweep_summary_dry": (
        "{day}: sẽ gửi {count} tin nhắc việc, {failed} lỗi; {before} lời nhắc đã gửi từ trước."
    ),
    "sweep_summary": (
        "{day}: đã gửi {count} tin nhắc việc, {failed} lỗi; {before} lời nhắc đã gửi từ trước."
    ),
    "db_upgraded": "Đã nâng cấp cơ sở dữ liệu: {revisions}.",
    "db_up_to_date": "Cơ sở dữ liệu đã ở phiên bản mới nhất.",
    "report_written": "Đã ghi tệp: {files}.",
    "report_cannot_write": (
        "báo cáo không ghi được tệp {file}: --out ghi bảng Excel {workbook}, --chart ghi biểu đồ "
        "{chart}"
    ),
    "report_same_file": (
        "--out và --chart cùng là {file}: biểu đồ sẽ ghi đè bảng tính, hãy đặt hai tên khác nhau"
    ),
    "agencies_imported": "Đã thêm {created} đơn vị, cập nhật {updated}; tệp có {rows} đơn vị.",
    "invite_title": "Mã mời{agency} (vai trò: {role}), dùng một lần, có hiệu lực {days} ngày.",
    "invite_agency": " của {agency}",
    "invite_code": "Mã: {code}",
    "invite_link": "Đường link: https://t.me/{username}?start={code}",
    "invite_no_link": "Đường link: ghi [bot] username trong tệp cấu hình để có link t.me",
    "invite_in_group": "Trong nhóm, gõ: /register {code}",
    "task_added": "Đã thêm nhiệm vụ #{id}, {deadline}.",
    "task_row": "#{id:<4} {when:<30}  {lead}: {text}",
    "task_withdrawn": "Đã thu hồi nhiệm vụ #{id}: không còn nhắc, không tính trong báo cáo.",
    "no_such_task": "không có nhiệm vụ #{id}",
    "withdraw_done": (
        "nhiệm vụ #{id} đã hoàn thành nên không thu hồi (nếu đánh dấu nhầm, mở lại trong bot "
        "bằng /undo {id} rồi thu hồi)"
    ),
    "withdraw_withdrawn": "nhiệm vụ #{id} đã được thu hồi trước đó",
    "task_restored": "Đã khôi phục nhiệm vụ #{id}, {when}: được nhắc trở lại.",
    "restore_not_withdrawn": "nhiệm vụ #{id} chưa bị thu hồi, không có gì để khôi phục",
    "agencies_merged": (
        "Đã gộp {old} vào {into}: {tasks} nhiệm vụ{extensions}, {groups} nhóm, {members} thành "
        "viên; tên cũ thành tên gọi khác."
    ),
    "agencies_merged_extensions": " ({count} đề nghị gia hạn đang chờ)",
    "agency_merged_names": "đã gộp: {names}",
    "agency_learned_names": "đã học: {names}",
    "agencies_given_up": (
        "{where}: “{name}” nay thuộc về {to}, không còn là tên đã học của {agency}"
    ),
    "agencies_forgot": "Đã bỏ “{name}”: văn bản ghi tên này không còn được hiểu là {agency} nữa.",
    "forget_not_learned": (
        "“{name}” không phải tên đã học của đơn vị nào (xem nhacviec agencies list): "
        "không có gì để bỏ"
    ),
    "forget_is_name": "“{name}” là tên của {agency} trong danh mục, không phải tên đã học",
    "forget_is_short_name": (
        "“{name}” là tên viết tắt của {agency} trong tệp danh mục, không phải tên đã học: "
        "muốn bỏ, sửa tệp rồi nhacviec agencies import"
    ),
    "forget_is_alias": (
        "“{name}” là tên gọi khác của {agency} trong tệp danh mục, không phải tên đã học: "
        "muốn bỏ, sửa tệp rồi nhacviec agencies import"
    ),
    "forget_is_merged": (
        "“{name}” là tên của đơn vị đã gộp vào {agency} (nhacviec agencies merge), không phải "
        "tên đã học: tên này ở lại với {agency}"
    ),
    "same_agency": "hai tên đều là {name}: không có gì để gộp",
    "agencies_left_out": (
        "Tệp không có {count} đơn vị của danh mục, vẫn giữ như cũ cùng các nhiệm vụ: {names}. "
        'Đơn vị nào đã sáp nhập vào đơn vị khác, hãy gộp: nhacviec agencies merge "TÊN CŨ" '
        '"TÊN MỚI".'
    ),
    "agencies_merged_copies": (
        "{count} nhiệm vụ {into} được giao hai lần (cùng văn bản, nội dung và hạn) đã gộp làm "
        "một: {pairs}."
    ),
    "agencies_merged_copy": "#{copy} thu hồi, giữ #{kept}",
    "agencies_merged_copy_reason": "bản trùng của nhiệm vụ #{id}, thu hồi khi gộp đơn vị",
    "blank_agency": "tên đơn vị để trống: hãy ghi tên hoặc mã số đơn vị (nhacviec agencies list)",
    "bad_user_id": "cần mã người dùng Telegram (một số), không phải “{text}”",
    "no_member": (
        "không có người dùng {id} trong danh sách thành viên: xem mã người dùng bằng "
        "nhacviec member list"
    ),
    "member_nothing": "người dùng {id} không còn đăng ký với đơn vị nào: không có gì để xóa",
    "member_user": "người dùng {id}",
    "member_role": "vai trò {role}",
    "member_agency_role": "{agency}, vai trò {role}",
    "member_private_chat": "; cuộc trò chuyện riêng với bot không còn nhận nhắc việc",
    "member_removed": "Đã xóa đăng ký của {who}: {registration}{private}.",
    "member_still_configured": (
        "Người dùng {id} vẫn là cán bộ theo dõi nhiệm vụ vì có trong [access] coordinators: "
        "bỏ mã đó khỏi tệp cấu hình."
    ),
    "member_row": "{id:>12}  {agency}  ({role}){name}",
    "member_all_agencies": "mọi đơn vị",
    "no_members": "Chưa có ai đăng ký.",
    "extension_row": (
        "#{task_id:<4} {agency}: hạn {old} → đề nghị {new} (ngày {asked}); lý do: {reason}"
    ),
    # Re-importing a revised directive (nhacviec import).
    "import_same_title": (
        "văn bản không số này có vẻ là văn bản #{id} đã nhập trước đây, đã sửa (cùng loại, trích "
        "yếu, ngày ban hành và người ký): lưu lần này cập nhật văn bản đó, không tạo trùng"
    ),
    "import_left_open": (
        "{count} nhiệm vụ đã lưu từ lần nhập trước không có trong lần lưu này (văn bản không "
        "còn, bị bỏ, hoặc còn cần sửa): vẫn mở và vẫn được nhắc như cũ; nhiệm vụ nào văn bản đã "
        'bỏ hẳn, hãy thu hồi bằng nhacviec task withdraw SỐ --reason "LÝ DO":'
    ),
    "import_still_withdrawn": (
        "{count} nhiệm vụ văn bản này vẫn ghi đã được thu hồi trước đây: lưu lần này không khôi "
        "phục; nếu thu hồi nhầm, hãy khôi phục bằng nhacviec task restore SỐ:"
    ),
    "import_left_open_task": "#{id} {lead} — {text}",
}

# How `nhacviec parse-deadline` says what it read (the kinds of ingest.deadlines.KINDS).
DEADLINE_KINDS: dict[str, str] = {
    "date": "ngày ghi trong câu",
    "month": "hết tháng",
    "early_month": "đầu tháng: đến ngày 10",
    "mid_month": "giữa tháng: đến ngày 15",
    "quarter": "hết quý",
    "half_year": "hết các tháng đầu năm",
    "year": "hết năm",
    "relative_days": "tính theo ngày",
    "working_days": "tính theo ngày làm việc",
    "weeks": "tính theo tuần",
    "months_relative": "tính theo tháng",
    "hours": "tính theo giờ",
    "tet": "theo Tết Nguyên đán",
    "lunar": "theo âm lịch",
    "recurring": "định kỳ",
    "ongoing": "thường xuyên",
    "immediate": "làm ngay",
    "none": "không tìm thấy ngày",
    "impossible": "ngày không có thật",
    "out_of_range": "năm nằm ngoài 1945–2100",
}


def cli_text(key: str, **values: object) -> str:
    """One line of the command line's output, values as they are (a terminal, not HTML)."""
    return CLI[key].format(**values)


def fmt_date(day: date) -> str:
    """Dates as people write them here: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


def fmt_local_date(moment: datetime, tz: tzinfo) -> str:
    """The day a stored (UTC) moment fell on where the users are, as dd/mm/yyyy."""
    return fmt_date(moment.astimezone(tz).date())


_SINGULAR = {
    "days": "day",
    "tasks": "task",
    "agencies": "agency",
    "deadlines": "deadline",
    "names": "name",
}
# A word that describes the noun may come between: "1 new tasks", "1 more names".
_ONE_OF_MANY = re.compile(
    r"(?<![\w.,])1 ((?:new|more|saved|lead|agency|other) )?(" + "|".join(_SINGULAR) + r")\b"
)


class Texts:
    """The messages of one language."""

    def __init__(self, language: str = "vi") -> None:
        self.index = 1 if language == "en" else 0

    def __call__(self, key: str, **values: object) -> str:
        template = CATALOGUE[key][self.index]
        return self._grammar(
            template.format(
                **{name: escape(str(value), quote=False) for name, value in values.items()}
            )
        )

    def plain(self, key: str, **values: object) -> str:
        """A message without markup, values as they are: for the terminal, not Telegram."""
        return self._grammar(CATALOGUE[key][self.index].format(**values))

    def _grammar(self, message: str) -> str:
        # Vietnamese nouns do not change with the number; English ones do ("1 day left").
        if self.index == 0:
            return message
        return _ONE_OF_MANY.sub(
            lambda m: "1 " + (m.group(1) or "") + _SINGULAR[m.group(2)], message
        )

    def chat_lost(
        self,
        *,
        chat: str | None,
        telegram_id: int,
        agency: str | None,
        kind: str | None,
        reason: str,
    ) -> str:
        """Tell the coordinators an agency's chat was lost (kind: bot.delivery.why_unavailable
        of Telegram's reason), and what brings it back. chat: its title; a chat of no agency
        without one is the private chat of a coordinator named in the configuration (one who
        registers gives his chat his name), told of as a person."""
        if chat is None and agency is None:
            what = self("chat_lost_person", telegram_id=telegram_id)
        else:
            whose = agency or self("chat_lost_coordinators")
            what = self("chat_lost", chat=chat or str(telegram_id), agency=whose)
        why = self(f"chat_lost_{kind or 'other'}", reason=reason)
        return f"{what} {why}"

    def role(self, role: Role | str) -> str:
        return ROLE_NAMES[Role(role)][self.index]

    def every(self, recurrence: str) -> str:
        """'định kỳ hằng tháng': how a periodic duty is named."""
        names = RECURRENCE_NAMES.get(recurrence)
        return names[self.index] if names else recurrence

    def help(self) -> str:
        lines = [self("help_title")]
        lines += [
            f"/{c.name} (/{c.alias}) — {escape(c.en if self.index else c.vi)}" for c in COMMANDS
        ]
        return "\n".join(lines)

    def command_descriptions(self) -> list[tuple[str, str]]:
        return [(c.name, c.en if self.index else c.vi) for c in COMMANDS]

    def warning(self, warning: DraftWarning) -> str:
        """What the officer should check in a document, as the importer found it."""
        values = warning.values()
        if warning.source:
            source = CATALOGUE[f"import_date_source_{warning.source}"][self.index]
            values["source"] = source.format(**values)
        return self(f"import_warning_{warning.code}", **values)

    def day(self, deadline: date, hour: time | None) -> str:
        """A deadline's day, with its hour when it has one: "14:00 ngày 15/03/2024"."""
        if hour is None:
            return fmt_date(deadline)
        return self("at_hour", hour=f"{hour:%H:%M}", date=fmt_date(deadline))

    def when(self, deadline: date | None, today: date | None, hour: time | None = None) -> str:
        """'hạn 31/01/2023, còn 3 ngày' — the deadline (with its hour, when it has one) and how
        far off the day it closes is (today None: the deadline alone, for a task no longer
        open)."""
        if deadline is None:
            return self("no_deadline")
        closes = WORKING_DAYS.closing_day(deadline)
        day = self.day(deadline, hour)
        if closes == deadline:
            shown = self("deadline", date=day)
        else:
            shown = self("deadline_closes", date=day, closes=fmt_date(closes))
        if today is None:
            return shown
        days = (closes - today).days
        if days > 0:
            left = self("days_left", days=days)
        elif days == 0:
            left = self("due_today")
        else:
            left = self("days_late", days=-days)
        return f"{shown}, {left}"

    def task_line(self, view: TaskView, today: date) -> str:
        """One task in a list: number, what (its summary when it has one), deadline, directive."""
        text = view.task.summary or view.task.text
        if len(text) > TASK_TEXT_PREVIEW:
            text = text[: TASK_TEXT_PREVIEW - 1].rstrip() + "…"
        when = self.when(view.task.deadline, today, view.task.deadline_time)
        line = f"<b>#{view.id}</b> {escape(text, quote=False)}\n    ⏰ {when}"
        if view.directive is not None and (view.directive.number or view.directive.kind):
            line += " · " + self("directive", number=view.directive.number or view.directive.kind)
        return line

    def task_list(
        self, title: str, views: Sequence[TaskView], today: date, *, by_agency: bool = False
    ) -> list[str]:
        """Tasks under a title; by_agency: under the name of their lead agency, for a list of
        every agency's (a line does not say whose its task is)."""
        if by_agency:
            return split_message(title, self._by_agency(_by_lead(views), today))
        return split_message(title, [self.task_line(v, today) for v in views])

    def overdue(self, grouped: dict[str, list[TaskView]], today: date) -> list[str]:
        if not grouped:
            return [self("overdue_empty")]
        return split_message(
            self("overdue_title", today=fmt_date(today)), self._by_agency(grouped, today)
        )

    def _by_agency(self, grouped: dict[str, list[TaskView]], today: date) -> list[Section]:
        """A section per lead agency, in the Vietnamese alphabet's order: its name and count,
        then its tasks."""
        return [
            self._section(
                self("overdue_agency", agency=agency or self("no_lead"), count=len(views)),
                [self.task_line(v, today) for v in views],
            )
            for agency, views in sorted(grouped.items(), key=lambda item: vietnamese_order(item[0]))
        ]

    def _section(self, heading: str, blocks: Sequence[str]) -> Section:
        return Section(heading, blocks, continued=heading + self("continued"))

    def digest(self, digest: Digest) -> list[str]:
        """The morning digest of one chat, most urgent first, split to fit Telegram."""
        if digest.escalation:
            return self._escalation(digest)
        sections: list[Section] = []
        for urgency, heading in (
            (Urgency.OVERDUE, "digest_overdue"),
            (Urgency.TODAY, "digest_today"),
            (Urgency.SOON, "digest_soon"),
        ):
            group = [i.view for i in digest.items if i.urgency is urgency]
            if group:
                lines = [self.task_line(view, digest.today) for view in group]
                sections.append(self._section(self(heading), lines))
        chunks = split_message(self("digest_title", today=fmt_date(digest.today)), sections)
        # A cooperating agency's chat has no ✅ to tap: only the lead closes its tasks.
        closes = any(i.may_close for i in digest.items)
        footer = "\n" + self("digest_footer" if closes else "digest_footer_follow")
        if len(chunks[-1]) + len(footer) <= MAX_MESSAGE:
            chunks[-1] += footer
        else:
            chunks.append(footer.lstrip("\n"))  # a full last part: Telegram would refuse it all
        return chunks

    def _escalation(self, digest: Digest) -> list[str]:
        title = self("escalation_title", today=fmt_date(digest.today))
        grouped = _by_lead([item.view for item in digest.items])
        return split_message(title, self._by_agency(grouped, digest.today))

    def detail(self, view: TaskView, today: date, tz: tzinfo) -> str:
        task = view.task
        lines = [self("detail_title", task_id=view.id), escape(task.text, quote=False), ""]
        lines.append(self("detail_lead", agency=view.lead.name if view.lead else self("no_lead")))
        if view.cooperating:
            lines.append(
                self("detail_cooperating", agencies=", ".join(a.name for a in view.cooperating))
            )
        still_open = task.status == TaskStatus.OPEN
        lines.append(
            self("detail_deadline", deadline="")
            + self.when(task.deadline, today if still_open else None, task.deadline_time)
        )
        if task.deadline_text:
            lines.append(self("detail_phrase", phrase=task.deadline_text))
        if task.recurrence:
            lines.append(self("detail_every", every=self.every(task.recurrence)))
        if view.directive is not None:
            # As the preview names it: "Thông báo 12/TB-VP, ngày 05/01/2023".
            directive = view.directive
            named = " ".join(p for p in (directive.kind, directive.number) if p)
            named = named or self.plain("import_no_number")
            if directive.issued_on:
                named += self.plain("import_issued", date=fmt_date(directive.issued_on))
            lines.append(self("detail_directive", directive=named))
        if task.status == TaskStatus.WITHDRAWN and task.done_at is not None:
            # done_at and done_note keep a withdrawal's time and reason (storage.models.Task).
            when = fmt_local_date(task.done_at, tz)
            lines.append(self("detail_status_withdrawn", date=when))
            if task.done_note:
                lines.append(self("withdrawn_reason", reason=task.done_note))
        elif task.done_at is not None:
            lines.append(self("detail_status_done", date=fmt_local_date(task.done_at, tz)))
        else:
            lines.append(self("detail_status_open"))
        return "\n".join(lines)

    def done(self, closed: Closed, done_on: date, note: str | None) -> str:
        """The answer to /done: on time or late, and for a periodic task the next deadline."""
        assert closed.task.id is not None
        timing = ""
        if closed.deadline is not None:
            late = (done_on - WORKING_DAYS.closing_day(closed.deadline)).days
            timing = self("done_late", days=late) if late > 0 else self("done_on_time")
        if closed.next_deadline is not None and closed.deadline is not None:
            text = self(
                "period_done",
                task_id=closed.task.id,
                period=fmt_date(closed.deadline),
                timing=timing,
                next=fmt_date(closed.next_deadline),
            )
        else:
            text = self("done", task_id=closed.task.id, timing=timing)
        if note:
            text += self("done_note", note=note)
        return text


def learned_name(item: Learned) -> tuple[str, dict[str, str]]:
    """The text key and values that say what a name now means (and, moved, what it meant)."""
    if item.instead_of is not None:
        return "learned_name_moved", {
            "name": item.name,
            "agency": item.agency,
            "previous": item.instead_of,
        }
    return "learned_name", {"name": item.name, "agency": item.agency}


def learned_names(texts: Texts, learned: Sequence[Learned]) -> str:
    """What saving an import taught the catalogue, in one line: "Từ nay “X” là Y (bỏ: ...)";
    "" when it taught nothing."""
    if not learned:
        return ""
    shown = learned[:LEARNED_SHOWN]
    names = ", ".join(texts(key, **values) for key, values in map(learned_name, shown))
    if len(learned) > len(shown):
        names += texts("learned_more", count=len(learned) - len(shown))
    key = "import_learned" if len(learned) == 1 else "import_learned_many"
    return CATALOGUE[key][texts.index].format(
        names=names, name=escape(learned[0].name, quote=False)
    )


def import_preview(texts: Texts, plan: ImportPlan) -> list[str]:
    """The officer's preview of a document: what will be saved, and what needs a correction."""
    meta = plan.draft.meta
    issued = texts("import_issued", date=fmt_date(meta.issued_on)) if meta.issued_on else ""
    title = texts(
        "import_title",
        kind=meta.kind or texts("import_no_kind"),
        number=meta.number or texts("import_no_number"),
        issued=issued,
        title=_shorten(meta.title or "", IMPORT_TITLE_PREVIEW),
    )
    blocks = [f"⚠️ {texts.warning(warning)}" for warning in plan.draft.warnings]
    if plan.duplicate_of is not None:
        blocks.append(texts("import_duplicate"))
    blocks += [_preview_task(texts, plan, task) for task in plan.tasks]
    blocks.append(texts("import_footer", **_counts(plan)))
    return split_message(title, blocks)


# A correction's answer shows the tasks it changed up to this many (and one message at most):
# the officer reads it on a phone, and the whole preview is one /fix xem away.
CHANGE_SHOWN = 5


def import_change(
    texts: Texts,
    plan: ImportPlan,
    heading: str,
    numbers: Sequence[int],
    *,
    note: str | None = None,
) -> str:
    """The answer to a correction of a preview, in one message: what was done, the tasks it
    changed as the preview shows them (the first few), a note (how to undo it), and what is
    ready to save."""
    footer = [texts("fix_footer", **_counts(plan))]
    if note:
        footer.insert(0, note)
    if plan.changes is not None:
        footer.append(texts("import_reimport_changes", **asdict(plan.changes)))
    by_number = {task.number: task for task in plan.tasks}
    # Room for the tasks, under Telegram's limit, past the heading, the footer and "… và N".
    room = MAX_MESSAGE - len(heading) - sum(len(line) + 1 for line in footer) - 100
    shown: list[str] = []
    for number in numbers[:CHANGE_SHOWN]:
        task = by_number.get(number)
        if task is not None:
            block = _preview_task(texts, plan, task)
        else:  # left out
            summary = plan.draft.tasks[number - 1].summary
            block = texts("fix_task_dropped", n=number, summary=summary)
        if len(block) + 1 > room:
            break
        shown.append(block)
        room -= len(block) + 1
    if len(shown) < len(numbers):
        shown.append(texts("fix_more", count=len(numbers) - len(shown)))
    return "\n".join([heading, *shown, *footer])


def number_ranges(spans: Iterable[int | tuple[int, int]]) -> str:
    """Task numbers as people write them: "3, 5, 7–9" (runs of three or more as a range)."""
    runs: list[list[int]] = []
    for first, last in sorted(s if isinstance(s, tuple) else (s, s) for s in spans):
        if runs and first <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return ", ".join(_run(first, last) for first, last in runs)


def _run(first: int, last: int) -> str:
    if first == last:
        return str(first)
    return f"{first}, {last}" if last == first + 1 else f"{first}–{last}"


def _counts(plan: ImportPlan) -> dict[str, int]:
    """What a preview's footer counts: tasks ready to save (one per lead agency), and to fix."""
    return {
        "ready": sum(len(task.leads) for task in plan.ready),
        "blocked": len(plan.tasks) - len(plan.ready),
    }


def _preview_task(texts: Texts, plan: ImportPlan, task: PlannedTask) -> str:
    """One task as the preview shows it: number, lead, deadline, summary, and what to check."""
    lead = ", ".join(a.name for a in task.leads) or task.lead_as_written or "?"
    if task.deadline is not None:
        deadline = texts.day(task.deadline, task.deadline_time)
    elif task.problem is not None and task.problem.kind in DAY_TO_GIVE:
        deadline = texts("import_deadline_to_give")
    else:
        deadline = texts("no_deadline")
    if task.recurrence:
        deadline += texts("import_every", every=texts.every(task.recurrence))
    lines = [
        texts("import_task", n=task.number, lead=lead, deadline=deadline, summary=task.summary)
    ]
    if task.deadline_text:
        lines.append(texts("import_phrase", phrase=task.deadline_text))
    if task.other_deadlines:
        lines.append(_other_deadlines(texts, task))
    if plan.due_before_issue(task):
        lines.append(texts("import_before_issue", n=task.number))
    if task.problem is not None:
        problem = task.problem
        lines.append(
            texts(
                f"import_{problem.kind}",
                n=task.number,
                written=problem.written,
                count=problem.count,
            )
        )
    return "\n".join(lines)


def _other_deadlines(texts: Texts, task: PlannedTask) -> str:
    """The line under a task whose text gives other dates than its deadline: which, and the
    /fix that takes the first of them."""
    dates = ", ".join(
        texts.plain("import_other_deadline", date=fmt_date(day), phrase=phrase)
        for day, phrase in task.other_deadlines
    )
    first, _ = task.other_deadlines[0]
    return texts("import_other_deadlines", n=task.number, dates=dates, date=fmt_date(first))


def _shorten(text: str, limit: int) -> str:
    """The text, or its first limit - 1 characters and "…" when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _by_lead(views: Iterable[TaskView]) -> dict[str, list[TaskView]]:
    """Tasks by the name of their lead agency ("" for none), in the order given, as
    storage.tasks.overdue_by_agency gives /overdue's."""
    grouped: dict[str, list[TaskView]] = {}
    for view in views:
        grouped.setdefault(view.lead.name if view.lead else "", []).append(view)
    return grouped


@dataclass(frozen=True)
class Section:
    """Blocks under a heading, for split_message: the heading never ends a message without its
    first block, and comes again (as continued) at the top of each message the section goes on
    in, so that no task reaches a phone without saying whose or how urgent it is."""

    heading: str
    blocks: Sequence[str]
    continued: str  # the heading where the section goes on in another message


def split_message(
    title: str, blocks: Iterable[str | Section], limit: int = MAX_MESSAGE
) -> list[str]:
    """Join blocks under a title into messages of at most limit characters, never cutting a block.

    A single block longer than the room under the title is cut (see _fit) as a last resort; a
    title longer than half a message is no title but the first block, cut like the others. A
    Section's heading goes with its first block, and again (continued) atop each next message
    the section goes on in. Telegram counts the text after HTML parsing; counting the markup too
    keeps us safely under.
    """
    if len(title) > limit // 2:
        blocks, title = [title, *blocks], ""
    room = limit - len(title) - 1 if title else limit
    chunks: list[str] = []
    current = title
    for piece, heading in _pieces(blocks, room):
        if current and len(current) + 1 + len(piece) > limit:
            chunks.append(current)
            current = f"{title}\n{heading}" if title and heading else title or heading
        current = f"{current}\n{piece}" if current else piece
    chunks.append(current)
    return chunks


def _pieces(blocks: Iterable[str | Section], room: int) -> Iterator[tuple[str, str]]:
    """The pieces of the blocks, each with the heading to put above it if it starts a message
    ("" when it is no section's or carries its section's heading itself)."""
    for block in blocks:
        if isinstance(block, str):
            yield from ((piece, "") for piece in _fit(block, room))
            continue
        # What a heading, first or repeated, leaves of the room for the pieces under it.
        under = room - max(len(block.heading), len(block.continued)) - 1
        if under < room // 2 or not block.blocks:  # a heading that would crowd out its blocks
            yield from _pieces([block.heading, *block.blocks], room)
            continue
        first, *rest = [piece for b in block.blocks for piece in _fit(b, under)]
        yield f"{block.heading}\n{first}", ""
        yield from ((piece, block.continued) for piece in rest)


# A tag or an entity of the HTML we send: a cut never falls inside one.
_MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")
_TAG_NAME = re.compile(r"</?([\w-]+)")


def _fit(block: str, room: int) -> list[str]:
    """Cut an HTML block into pieces of at most room characters: at a line break when one is
    in reach, else anywhere outside a tag or an entity. Tags open at a cut are closed at the end
    of the piece and opened again at the start of the next, so that each piece parses alone.
    A room too small for even one character and its tags gives pieces over it, never no end."""
    if len(block) <= room:
        return [block]
    pieces, rest = [], block
    while rest and len(rest) > room:
        piece, rest = _cut(rest, room)
        pieces.append(piece)
    return [*pieces, rest] if rest else pieces


def _cut(text: str, room: int) -> tuple[str, str]:
    """The first piece of text that fits in room with its closing tags, and the rest.

    The piece always holds a character (or an entity) past the tags it starts with, so that
    the rest is shorter in what it says.
    """
    spans = [(m.start(), m.end()) for m in _MARKUP.finditer(text)]
    ends = dict(spans)
    first = 0  # where what the text says starts, after its opening tags
    while first in ends and text[first] == "<":
        first = ends[first]
    if first >= len(text):
        return text, ""
    reach = room
    while reach > first:
        # At the last line break in reach, unless it would leave the piece less than half full
        # ("Nhiệm vụ số 1" alone, then the task's long text): then at the last space.
        half = first + (reach - first) // 2
        cut = text.rfind("\n", first + 1, reach)
        if cut <= half:
            space = text.rfind(" ", first + 1, reach)
            cut = space if space > half else reach
        cut = next((start for start, end in spans if start < cut < end), cut)
        if cut <= first:
            break
        closing = len(_closing(_open_tags(text, spans, cut)))
        if cut + closing <= room:
            return _split_at(text, spans, cut)
        reach = min(cut - 1, room - closing)
    # Not even one character fits with its tags: take the first anyway.
    return _split_at(text, spans, ends.get(first, first + 1))


def _split_at(text: str, spans: list[tuple[int, int]], cut: int) -> tuple[str, str]:
    """Cut text at cut: the tags open there are closed before it and opened again after."""
    opened = _open_tags(text, spans, cut)
    reopening = "".join(tag for _, tag in opened)
    return text[:cut] + _closing(opened), reopening + text[cut:].lstrip("\n")


def _open_tags(text: str, spans: list[tuple[int, int]], cut: int) -> list[tuple[str, str]]:
    """The tags opened before cut and not yet closed, outermost first: (name, opening tag)."""
    opened: list[tuple[str, str]] = []
    for start, end in spans:
        if end > cut:
            break
        tag = text[start:end]
        name = _TAG_NAME.match(tag)
        if name is None:  # an entity
            continue
        if tag.startswith("</"):
            names = [n for n, _ in opened]
            if name[1] in names:
                del opened[len(names) - 1 - names[::-1].index(name[1])]
        elif not tag.endswith("/>"):
            opened.append((name[1], tag))
    return opened


def _closing(opened: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(opened))
