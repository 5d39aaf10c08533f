"""The conventions every command keeps: exit codes, -h, --version, one validation of the
settings, and shell completion of slugs and versions."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete
from click.testing import Result

from kpversion.cli import COMMANDS, cli

Invoke = Callable[..., Result]
SLUG = "privacy-statement"


def test_exit_codes(cli_invoke: Invoke, bundled: Path) -> None:
    assert cli_invoke("status", cwd=bundled).exit_code == 0
    assert cli_invoke("log", "no-such", cwd=bundled).exit_code == 1
    assert cli_invoke("log", cwd=bundled).exit_code == 2
    assert cli_invoke("status", "--frobnicate", cwd=bundled).exit_code == 2
    assert cli_invoke("check", "--today", "2026-01-01", cwd=bundled).exit_code == 3
    unchanged = cli_invoke("publish", SLUG, "--no-git", cwd=bundled)
    assert unchanged.exit_code == 4
    assert unchanged.stderr.startswith(
        f"statements/{SLUG}/draft.md: draft is unchanged since 2023-01-24"
    )


@pytest.mark.parametrize("args", [[], ["diff"], ["hooks"], ["hooks", "install"]])
def test_dash_h_is_help(cli_invoke: Invoke, args: list[str]) -> None:
    long = cli_invoke(*args, "--help")
    short = cli_invoke(*args, "-h")
    assert (short.exit_code, short.output) == (0, long.output)
    assert "-h, --help" in long.output


def test_every_command_takes_dash_h(cli_invoke: Invoke) -> None:
    for name in COMMANDS:
        assert cli_invoke(name, "-h").output.startswith(f"Usage: cli {name} "), name


def test_version(cli_invoke: Invoke) -> None:
    result = cli_invoke("--version")
    assert (result.exit_code, result.output) == (0, f"cli {version('kpversion')}\n")


STORE_COMMANDS = [
    ["status"],
    ["log", SLUG],
    ["show", SLUG],
    ["verify"],
    ["check"],
    ["diff", SLUG],
    ["publish", SLUG, "--no-git"],
    ["build", "--quiet"],
]


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_a_misspelled_tree_setting_stops_every_command(
    cli_invoke: Invoke, bundled: Path, args: list[str]
) -> None:
    settings = bundled / "statements/kpversion.toml"
    settings.write_text(settings.read_text() + "notice_dyas = 30\n")
    result = cli_invoke(*args, cwd=bundled)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{settings.resolve()}: unknown setting 'notice_dyas'; did you mean 'notice_days'?\n"
    )


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_a_misspelled_statement_setting_stops_every_command(
    cli_invoke: Invoke, bundled: Path, args: list[str]
) -> None:
    settings = bundled / "statements/equity-inclusion/statement.toml"
    settings.write_text(settings.read_text() + 'titel = "x"\n')
    result = cli_invoke(*args, cwd=bundled)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "statements/equity-inclusion/statement.toml: unknown setting 'titel'; "
        "did you mean 'title'?\n"
    )


def test_a_diff_of_two_files_in_a_broken_tree_is_refused_too(
    cli_invoke: Invoke, bundled: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "a.md").write_text("One.\n")
    (elsewhere / "b.md").write_text("Two.\n")
    settings = bundled / "statements/kpversion.toml"
    settings.write_text(settings.read_text() + "chrome_patern = []\n")
    result = cli_invoke("diff", str(elsewhere / "a.md"), str(elsewhere / "b.md"), cwd=bundled)
    assert result.exit_code == 1
    assert "unknown setting 'chrome_patern'; did you mean 'chrome_patterns'?" in result.stderr
    outside = cli_invoke("diff", "a.md", "b.md", cwd=elsewhere)
    assert outside.exit_code == 0, outside.output


def completions(args: list[str], incomplete: str) -> list[tuple[str, str]]:
    complete = ShellComplete(cli, {}, "kpversion", "_KPVERSION_COMPLETE")
    return [(item.value, item.type) for item in complete.get_completions(args, incomplete)]


def test_completion_of_slugs_and_versions(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bundled / "statements/privacy-statement")
    both = [("equity-inclusion", "plain"), ("privacy-statement", "plain")]
    assert completions(["log"], "") == both
    assert completions(["publish"], "eq") == [("equity-inclusion", "plain")]
    assert completions(["import", "x.md", "--statement"], "pri") == [both[1]]
    refs = [(f"{SLUG}@{ref}", "plain") for ref in ("draft", "latest", "2023-01-24")]
    assert completions(["show"], f"{SLUG}@") == refs
    assert completions(["show"], "pri") == [both[1], *refs]
    assert completions(["show"], f"{SLUG}@20") == [refs[2]]
    assert completions(["notice"], f"{SLUG}@") == refs[1:]  # a draft has no notice
    assert completions(["diff"], "eq")[0] == ("eq", "file")
    assert ("equity-inclusion@2026-11-22", "plain") in completions(["diff"], "eq")


def test_completion_follows_root_and_never_fails(
    bundled: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert completions(["--root", str(bundled), "log"], "p") == [("privacy-statement", "plain")]
    empty = tmp_path_factory.mktemp("empty")
    assert completions(["--root", str(empty), "log"], "") == []
    ledger = bundled / f"statements/{SLUG}/ledger.jsonl"
    ledger.write_text("not json\n")
    assert completions(["--root", str(bundled), "show"], f"{SLUG}@") == []


def test_completion_does_not_open_the_store(bundled: Path) -> None:
    """Opening the store finishes an interrupted publish; a Tab key must not write."""
    journal = bundled / f"statements/{SLUG}/.publish-journal.json"
    journal.write_text("{}")
    completions(["--root", str(bundled), "log"], "")
    assert journal.read_text() == "{}"


def test_completion_scripts_are_click_s(cli_invoke: Invoke) -> None:
    from click.testing import CliRunner

    for shell in ("bash", "zsh", "fish"):
        result = CliRunner().invoke(
            cli, [], prog_name="kpversion", env={"_KPVERSION_COMPLETE": f"{shell}_source"}
        )
        assert result.exit_code == 0 and "_KPVERSION_COMPLETE" in result.output, shell
