"""Dependencies point one way: bot -> jobs -> storage, bot -> ingest, everyone -> vncalendar."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {
    "vncalendar": set(),
    "storage": {"vncalendar"},
    "ingest": {"vncalendar"},
    "jobs": {"storage", "vncalendar"},
    "bot": {"jobs", "storage", "ingest", "vncalendar"},
}
TELEGRAM_FREE = ("vncalendar", "storage", "ingest", "jobs")


def _imports(package: str) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package: str) -> None:
    ours = _imports(package) & set(ALLOWED)

    assert ours - {package} <= ALLOWED[package]


@pytest.mark.parametrize("package", TELEGRAM_FREE)
def test_only_the_bot_knows_telegram(package: str) -> None:
    assert "telegram" not in _imports(package)
