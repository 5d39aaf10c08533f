"""Operands of `kpversion diff`: files, SLUG@REF, a lone SLUG and git:REF:PATH."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kpversion.errors import KpversionError
from kpversion.text.convert import to_markdown_file
from kpversion.workflows.operands import compare_operands, resolve_pair


def test_files_are_converted_as_import_converts(tmp_path: Path) -> None:
    txt = tmp_path / "old.txt"
    txt.write_text("Privacy Statement\n\nWe do not sell data.\n", encoding="utf-8")
    html = tmp_path / "new.html"
    html.write_text("<h2>Privacy Statement</h2><p>We may sell data.</p>", encoding="utf-8")
    old, new = resolve_pair([str(txt), str(html)], tmp_path)
    assert (old.label, new.label) == (str(txt), str(html))
    assert old.text == to_markdown_file(txt, display=str(txt))
    assert new.text == to_markdown_file(html, display=str(html))
    assert "We may sell data." in new.text


def test_store_operands(bundled: Path) -> None:
    draft = bundled / "statements/privacy-statement/draft.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    revision = bundled / "statements/privacy-statement/revisions/2023-01-24.md"
    old, new = resolve_pair(["privacy-statement@2023-01-24", "privacy-statement@draft"], bundled)
    assert old.text == revision.read_text(encoding="utf-8")
    assert new.text == draft.read_text(encoding="utf-8")
    assert (old.label, new.label, old.slug) == (
        "privacy-statement@2023-01-24",
        "privacy-statement@draft",
        "privacy-statement",
    )


def test_a_lone_slug_compares_latest_with_draft(bundled: Path) -> None:
    old, new = resolve_pair(["privacy-statement"], bundled)
    assert (old.label, new.label) == ("privacy-statement@latest", "privacy-statement@draft")


def test_compare_classifies_every_change(bundled: Path) -> None:
    draft = bundled / "statements/privacy-statement/draft.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("do not sell", "may sell"))
    result = compare_operands(["privacy-statement"], bundled)
    assert len(result.changes) == 1
    assert result.changes[0].verdict.value in ("material", "review")


def test_git_operand_reads_the_file_at_a_ref(
    tmp_path: Path, git_repo: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo(tmp_path / "repo")
    policy = repo / "docs" / "policy.md"
    policy.parent.mkdir()
    policy.write_text("## Policy\n\nWe do not sell data.\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "first"], cwd=repo, check=True)
    policy.write_text("## Policy\n\nWe may sell data.\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    old, new = resolve_pair(["git:HEAD:docs/policy.md", "docs/policy.md"], repo)
    assert old.label == "git:HEAD:docs/policy.md"
    assert "We do not sell data." in old.text
    assert "We may sell data." in new.text
    elsewhere = git_repo(tmp_path / "elsewhere")
    monkeypatch.chdir(elsewhere)
    from_root, _ = resolve_pair(["git:HEAD:docs/policy.md", str(policy)], repo)
    assert "We do not sell data." in from_root.text  # the repository of --root, not of the cwd


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["missing.md", "other.md"], "missing.md: no such file"),
        (["git:HEAD", "x.md"], "write a git operand as git:REF:PATH"),
        (["a", "b", "c"], "diff takes A B"),
        (["Bad Slug@draft", "x@draft"], "invalid statement slug"),
    ],
)
def test_bad_operands_are_one_line_errors(tmp_path: Path, specs: list[str], message: str) -> None:
    with pytest.raises(KpversionError, match=message.split(": ")[-1]) as caught:
        resolve_pair(specs, tmp_path)
    assert message.split(": ")[0] in caught.value.message


def test_unknown_git_ref_and_path(
    tmp_path: Path, git_repo: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo(tmp_path / "repo")
    (repo / "a.md").write_text("text\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "first"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    with pytest.raises(KpversionError, match="unknown git ref 'nope'"):
        resolve_pair(["git:nope:a.md", "a.md"], repo)
    with pytest.raises(KpversionError, match="no such file at HEAD"):
        resolve_pair(["git:HEAD:b.md", "a.md"], repo)


def test_a_windows_1252_page_in_git_is_decoded_as_import_decodes_it(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "repo")
    page = repo / "privacy.html"
    page.write_bytes("<h2>Privacy</h2><p>We don\u2019t sell data.</p>".encode("cp1252"))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "first"], cwd=repo, check=True)
    old, new = resolve_pair(["git:HEAD:privacy.html", str(page)], repo)
    assert old.text == new.text == "## Privacy\n\nWe don\u2019t sell data.\n"
