from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from .conftest import SEEDS, needs_shared

Invoke = Callable[..., Result]


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_status_lists_every_statement(cli_invoke: Invoke, bundled: Path) -> None:
    result = cli_invoke("status", "--today", "2026-11-23", cwd=bundled)
    assert result.exit_code == 0
    assert "privacy-statement" in result.output
    assert "2023-01-24" in result.output and "1399" in result.output
    assert "unchanged" in result.output


def test_status_shows_a_changed_draft(cli_invoke: Invoke, bundled: Path) -> None:
    draft = bundled / "statements/equity-inclusion/draft.md"
    draft.write_text(draft.read_text() + "\nA new paragraph.\n")
    result = cli_invoke("status", "--today", "2026-11-23", cwd=bundled)
    assert "changed" in result.output


def test_log_and_show(cli_invoke: Invoke, bundled: Path) -> None:
    log = cli_invoke("log", "privacy-statement", cwd=bundled)
    assert log.output.startswith("2023-01-24  published 2023-01-24  effective 2023-01-24")
    revision = bundled / "statements/privacy-statement/revisions/2023-01-24.md"
    for ref in ("", "@latest", "@2023-01-24", "@draft"):
        shown = cli_invoke("show", f"privacy-statement{ref}", cwd=bundled)
        assert shown.exit_code == 0
        assert shown.stdout_bytes == revision.read_bytes()


def test_verify_passes_then_fails_on_tampering(cli_invoke: Invoke, bundled: Path) -> None:
    ok = cli_invoke("verify", cwd=bundled)
    assert ok.exit_code == 0 and ok.output == "ok: 2 statements, 2 revisions verified\n"
    revision = bundled / "statements/privacy-statement/revisions/2023-01-24.md"
    revision.write_text(revision.read_text().replace("do not sell", "may sell"))
    bad = cli_invoke("verify", cwd=bundled)
    assert bad.exit_code == 3
    assert bad.stderr == (
        "statements/privacy-statement/revisions/2023-01-24.md: "
        "published revision changed (sha256 mismatch)\n"
    )


def test_verify_reports_a_garbled_ledger_and_a_folder_for_a_revision(
    cli_invoke: Invoke, bundled: Path
) -> None:
    folder = bundled / "statements/privacy-statement"
    revision = folder / "revisions/2023-01-24.md"
    revision.unlink()
    revision.mkdir()
    bad = cli_invoke("verify", cwd=bundled)
    assert (bad.exit_code, bad.stderr) == (
        3,
        "statements/privacy-statement/revisions/2023-01-24.md: is not a regular file\n",
    )
    ledger = folder / "ledger.jsonl"
    ledger.write_bytes(ledger.read_bytes() + b"\xff\n")
    garbled = cli_invoke("verify", cwd=bundled)
    assert garbled.exit_code == 3
    assert garbled.stderr.startswith(
        "statements/privacy-statement/ledger.jsonl: not UTF-8 text (invalid start byte"
    )


@needs_shared(SEEDS)
def test_import_builds_a_statement_and_reimport_changes_nothing(
    cli_invoke: Invoke, tmp_path: Path
) -> None:
    assert cli_invoke("init", cwd=tmp_path).exit_code == 0
    seed = SEEDS / "privacy-statement.txt"
    first = cli_invoke("import", str(seed), "--statement", "privacy", cwd=tmp_path)
    assert first.exit_code == 0, first.output
    folder = tmp_path / "statements/privacy"
    assert sorted(p.name for p in (folder / "revisions").iterdir()) == ["2023-01-24.md"]
    assert (folder / "draft.md").read_bytes() == (folder / "revisions/2023-01-24.md").read_bytes()
    before = snapshot(tmp_path)
    again = cli_invoke("import", str(folder / "revisions/2023-01-24.md"), "--statement", "privacy")
    assert again.exit_code == 4  # nothing to do (DESIGN: exit 4; 2 is a usage error)
    assert "identical to revision 2023-01-24" in again.stderr
    assert snapshot(tmp_path) == before


def test_import_markdown_and_html(cli_invoke: Invoke, tmp_path: Path) -> None:
    cli_invoke("init", cwd=tmp_path)
    md = tmp_path / "p.md"
    md.write_text("# Terms\n\nEffective date: March 1, 2024\n\nBe nice.\n")
    assert cli_invoke("import", str(md), "--statement", "terms").exit_code == 0
    html = tmp_path / "p.html"
    html.write_text("<h1>Terms</h1><p>Effective date: April 1, 2024</p><p>Be kind.</p>")
    assert cli_invoke("import", str(html), "--statement", "terms").exit_code == 0
    latest = (tmp_path / "statements/terms/revisions/2024-04-01.md").read_text()
    assert latest == "# Terms\n\nEffective date: April 1, 2024\n\nBe kind.\n"
    assert 'title = "Terms"' in (tmp_path / "statements/terms/statement.toml").read_text()
    assert cli_invoke("verify").exit_code == 0


BAD_INPUTS = [
    (
        ["--version", "2023-02-30"],
        "seed",
        "privacy-statement.txt: version '2023-02-30' is not a real date",
    ),
    (
        ["--version", "2023-01-24"],
        "edited",
        "2023-01-24.md: version 2023-01-24 is not after the latest",
    ),
    (
        ["--version", "2020-01-01"],
        "edited",
        "2020-01-01.md: version 2020-01-01 is not after the latest",
    ),
    ([], "nodate", "nodate.txt: no version found"),
    ([], "binary", "binary.txt: binary file, not text"),
    ([], "latin1", "latin1.txt: not UTF-8 text"),
    ([], "empty", "empty.txt: file is empty"),
    ([], "missing", "missing.txt: no such file"),
]


@needs_shared(SEEDS)
@pytest.mark.parametrize(("extra", "kind", "message"), BAD_INPUTS)
def test_bad_input_is_one_line_exit_1_and_nothing_written(
    cli_invoke: Invoke, bundled: Path, extra: list[str], kind: str, message: str
) -> None:
    files = {
        "nodate": b"Just a policy without dates.\n",
        "binary": b"\x7fELF\x00\x01\x02",
        "latin1": "café".encode("latin-1"),
        "empty": b"",
        "edited": (SEEDS / "privacy-statement.txt").read_bytes().replace(b"do not sell", b"sell"),
    }
    source = SEEDS / "privacy-statement.txt" if kind == "seed" else bundled / f"{kind}.txt"
    if kind in files:
        source.write_bytes(files[kind])
    before = snapshot(bundled)
    result = cli_invoke(
        "import", str(source), "--statement", "privacy-statement", *extra, cwd=bundled
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(bundled) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "nope"], "statements/nope: unknown statement 'nope'\n"),
        (["show", "../x"], "statements/../x: invalid statement slug '../x'"),
        (["log", "../../etc"], "invalid statement slug"),
        (["show", "privacy-statement@2023-02-30"], "is not a real date"),
        (
            ["show", "privacy-statement@2020-01-01"],
            "statements/privacy-statement: no revision 2020-01-01",
        ),
    ],
)
def test_bad_refs(cli_invoke: Invoke, bundled: Path, args: list[str], message: str) -> None:
    before = snapshot(bundled)
    result = cli_invoke(*args, cwd=bundled)
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(bundled) == before


def test_no_statements_folder(cli_invoke: Invoke, tmp_path: Path) -> None:
    result = cli_invoke("status", cwd=tmp_path)
    assert result.exit_code == 1
    assert (
        result.stderr == f"{tmp_path.resolve()}/statements: no statements/ folder here or above "
        "(run `kpversion init`)\n"
    )


def test_show_of_a_revision_that_is_a_folder_is_one_line(cli_invoke: Invoke, bundled: Path) -> None:
    revision = bundled / "statements/privacy-statement/revisions/2023-01-24.md"
    revision.unlink()
    revision.mkdir()
    result = cli_invoke("show", "privacy-statement@2023-01-24", cwd=bundled)
    assert result.exit_code == 3
    assert "published revision unreadable" in result.stderr
    assert "Traceback" not in result.output
