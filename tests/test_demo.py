"""The first thing a newcomer runs: the offline demo."""

from __future__ import annotations

import re

import pytest

from bot.demo import run_demo

TOKEN = "6660001234:AAH-process-test-token-xxxxxxxxxxxx"


def test_the_demo_shows_a_reminder_a_done_and_an_overdue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_demo() == 0

    out = capsys.readouterr().out
    assert "2. Sở Tài chính — 31/01/2023" in out  # the sample read: "Sở KH&ĐT" is Sở Tài chính now
    assert "✅ Đã lưu: 5 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước." in out
    assert "🔔 Nhắc việc ngày 19/01/2023" in out  # the reminder before Tết
    assert re.search(r"✅ Đã đánh dấu hoàn thành nhiệm vụ số \d+ \(đúng hạn\)\.", out)
    assert re.search(r"Nhiệm vụ số \d+ không thuộc đơn vị của bạn\.", out)
    assert "Nhiệm vụ quá hạn đến ngày 01/02/2023" in out
    assert "không gửi gì thêm" in out  # the second sweep of a morning sends nothing
