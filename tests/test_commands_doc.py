"""docs/commands.md is every command's real --help: regenerate it when the CLI changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_commands_page_matches_the_cli() -> None:
    spec = importlib.util.spec_from_file_location("commands_doc", REPO / "scripts/commands_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (REPO / "docs/commands.md").read_text(encoding="utf-8")
    assert page == module.render(), "regenerate it: python scripts/commands_doc.py"


def test_every_command_is_documented() -> None:
    from kpversion.cli import COMMANDS

    page = (REPO / "docs/commands.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"## `kpversion {name}`" in page
