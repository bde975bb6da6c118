"""Access control as an attacker or a confused user meets it: codes shown where they do not
belong, registrations that outlive what gave them, old buttons, groups that change their id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime

import pytest

from storage.models import Role
from tests.harness import COORDINATORS_ONLY, Harness, finance_with_digest, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)
NOT_REGISTERED = "Cuộc trò chuyện này chưa được đăng ký với đơn vị nào."


@pytest.fixture
async def bot(database_url: str) -> AsyncIterator[Harness]:
    async with running_bot(database_url, start=START) as harness:
        yield harness


async def test_a_code_typed_in_a_group_registered_elsewhere_is_void_for_whoever_saw_it(
    bot: Harness,
) -> None:
    """Bằng types the coordinators' code meant for him in Sở Tài chính's group by mistake. The
    group stays Sở Tài chính's, and everyone in it has read the code: left valid, Lan could open
    it in her private chat and see every agency's tasks. The code is void, and the group is told
    so (not that it "was not used"); Bằng asks for a new one. So with an agency's code typed in
    another agency's group."""
    bang, lan, minh = (bot.server.add_user(name) for name in ("Bằng", "Lan", "Minh"))
    finance = bot.server.add_group("Sở Tài chính", [bang, lan, minh])
    lan_chat, minh_chat = bot.server.add_private_chat(lan), bot.server.add_private_chat(minh)
    await bot.register(lan, finance, "STC")
    await bot.add_task("Báo cáo tuyển quân", "CA tỉnh", date(2023, 2, 20))
    coordinators_code = await bot.invite(None, Role.COORDINATOR)
    police_code = await bot.invite("CA tỉnh")

    (shown,) = await bot.say(bang, finance, f"/register {coordinators_code}")
    (also_shown,) = await bot.say(minh, finance, f"/register {police_code}")
    (taken,) = await bot.say(lan, lan_chat, f"/start {coordinators_code}")
    (overdue,) = await bot.say(lan, lan_chat, "/overdue")
    (joined,) = await bot.say(minh, minh_chat, f"/start {police_code}")

    assert shown["text"] == (
        "Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính. Mã mời đã hiện trong nhóm nên "
        "đã bị hủy, để không ai khác dùng được: hãy xin mã mới từ Văn phòng UBND tỉnh và dùng "
        "trong nhóm của đơn vị mình hoặc khi nhắn riêng với bot."
    )
    assert also_shown["text"] == shown["text"]
    for refused in (taken, joined):
        assert refused["text"] == "Mã mời này đã hết hạn. Hãy xin mã mới từ Văn phòng UBND tỉnh."
    assert overdue["text"] == COORDINATORS_ONLY


async def test_a_coordinator_who_leaves_the_coordinators_group_keeps_no_agency_in_private(
    bot: Harness,
) -> None:
    """Bằng became a coordinator in the coordinators' group, then opened Sở Tài chính's link in
    his private chat (he follows that agency closely). Leaving the coordinators' group ends his
    registration: he is nobody's any more, and his private chat must not go on showing Sở Tài
    chính's tasks (and taking its reminders), when no group of that agency ever had him."""
    bang = bot.server.add_user("Bằng")
    office, bang_chat = (
        bot.server.add_group("Văn phòng UBND tỉnh", [bang]),
        bot.server.add_private_chat(bang),
    )
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.register(bang, bang_chat, "STC", Role.HEAD)
    plan = await bot.add_task("Kế hoạch chung", "STC", DEADLINE)
    (before,) = await bot.say(bang, bang_chat, "/tasks")
    assert f"#{plan} Kế hoạch chung" in before["text"]

    bot.server.user_leaves(office, bang)
    (listing,) = await bot.say(bang, bang_chat, "/tasks")
    (closing,) = await bot.say(bang, bang_chat, f"/done {plan}")
    bot.at(date(2023, 3, 8))  # seven days before the deadline
    await bot.sweep()

    assert listing["text"].startswith(NOT_REGISTERED)
    assert closing["text"].startswith(NOT_REGISTERED)
    assert bot.reminders_in(bang_chat) == []


async def test_the_extend_button_of_a_task_withdrawn_or_done_since_says_so(bot: Harness) -> None:
    """⏳ under a morning's digest, pressed after the task was withdrawn (or closed) since: the
    answer says the task was withdrawn (done), not how to ask for more time, which /extend would
    then refuse."""
    lan, finance, digest, task = await finance_with_digest(bot)
    other = await bot.add_task("Báo cáo quý I", "STC", DEADLINE)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.say(bang, office, f"/withdraw {task} văn bản sửa đổi đã bỏ")
    await bot.say(lan, finance, f"/done {other}")

    (withdrawn,) = await bot.press(lan, finance, digest, f"ext:{task}")
    (done,) = await bot.press(lan, finance, digest, f"ext:{other}")

    assert withdrawn["text"].startswith(f"Nhiệm vụ số {task} đã được thu hồi (không còn hiệu lực)")
    assert done["text"] == f"Nhiệm vụ số {other} đã được đánh dấu hoàn thành trước đó."


async def test_a_member_of_a_group_upgraded_to_a_supergroup_typing_her_code_hears_it_serves(
    bot: Harness,
) -> None:
    """Lan registered Sở Tài chính's group with her code; the group became a supergroup (a new
    chat id). Typing her code again there, she hears that the group is registered with it and
    nothing more is needed, as before the upgrade, not that the code is used and she must ask
    for a new one."""
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    code = await bot.invite("STC")
    (registered,) = await bot.say(lan, finance, f"/register {code}")
    assert registered["text"].startswith("✅")

    supergroup = bot.server.migrate_to_supergroup(finance["id"])
    (again,) = await bot.say(lan, supergroup, f"/register {code}")

    assert again["text"] == (
        "Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính bằng mã mời này; "
        "không cần làm gì thêm."
    )


async def test_a_code_typed_in_a_paused_group_does_not_move_it_to_another_agency(
    bot: Harness,
) -> None:
    """Sở Tài chính's group muted the bot (the chat is paused, still registered), and Minh typed
    Sở Y tế's code there meanwhile: the group must not become Sở Y tế's, as a registered group
    that takes reminders would not. Given back the right to post, it takes Sở Tài chính's tasks
    again, as registered."""
    lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
    finance = bot.server.add_group("Sở Tài chính", [lan, minh])
    await bot.register(lan, finance, "STC")
    plan = await bot.add_task("Kế hoạch chung", "STC", DEADLINE)
    await bot.add_task("Kiểm tra an toàn thực phẩm", "SYT", DEADLINE)
    health_code = await bot.invite("SYT")

    # Queued together, handled in turn: muted (paused), the code, the right given back, /tasks.
    bot.server.restrict_bot(finance, restricted_by=lan)
    bot.server.user_sends(finance, minh, f"/register {health_code}")
    bot.server.add_bot_back(finance, added_by=lan)
    bot.server.user_sends(finance, lan, "/tasks")
    _, refused, resumed = (await bot.server.wait_for_messages(3, chat_id=finance["id"]))[:3]
    assert refused["text"].startswith("Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính.")
    assert resumed["text"].startswith("✅ Bot đã có thể gửi tin trở lại")
    *_, listing = await bot.server.wait_for_messages(4, chat_id=finance["id"])

    assert listing["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    assert f"#{plan} Kế hoạch chung" in listing["text"]
    assert "an toàn thực phẩm" not in listing["text"]
