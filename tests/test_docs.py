"""The README cannot drift: its tables list exactly the commands the bot and the CLI have."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.cli import build_parser
from bot.texts import COMMANDS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _first_cells(heading: str) -> list[str]:
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _cli_commands() -> set[str]:
    """Every leaf command: 'run', 'db upgrade', 'agencies import', ..."""
    leaves = set()
    for name, sub in _subcommands(build_parser()).items():
        children = _subcommands(sub)
        leaves |= {f"{name} {child}" for child in children} if children else {name}
    return leaves


def _documented_cli_command(cell: str) -> str:
    """'nhacviec agencies import FILE' -> 'agencies import'; 'nhacviec invite A' -> 'invite'."""
    words = cell.split()[1:]
    children = _subcommands(_subcommands(build_parser())[words[0]])
    return (
        f"{words[0]} {words[1]}"
        if children and len(words) > 1 and words[1] in children
        else words[0]
    )


def test_the_telegram_table_lists_every_bot_command_in_order() -> None:
    assert _first_cells("In Telegram") == [f"/{c.name}" for c in COMMANDS]


def test_the_command_line_table_lists_every_cli_command() -> None:
    documented = [_documented_cli_command(cell) for cell in _first_cells("Command line")]

    assert sorted(documented) == sorted(_cli_commands())
