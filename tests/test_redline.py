"""Every diff format carries the whole classification: verdict, rules, direction, category."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpversion.cli.terminal import to_text
from kpversion.diff import diff_texts
from kpversion.diff.redline import render
from kpversion.materiality import classify, load_rules

DATA = Path(__file__).parent / "data" / "diff"
OLD = "## Sharing\n\nWe do not sell personal information.\n"
NEW = "## Sharing\n\nWe may sell personal information.\n"


@pytest.mark.parametrize("fmt", ["text", "unified", "markdown", "html"])
def test_each_format_shows_verdict_rules_direction_and_reason(fmt: str) -> None:
    result = classify(diff_texts(OLD, NEW, "a", "b"), load_rules())
    change = result.to_dict()["changes"][0]
    output = to_text(result) if fmt == "text" else render(result, fmt)
    assert change["verdict"] == "material" and change["direction"] == "more_permissive"
    for rule in change["rules"]:
        assert rule in output
    assert "more permissive" in output
    assert change["category"] in output
    assert "blocks publish" in output


def test_json_has_every_field() -> None:
    result = classify(diff_texts(OLD, NEW, "a", "b"), load_rules())
    change = json.loads(render(result, "json"))["changes"][0]
    assert {"verdict", "direction", "category", "rules", "reason", "edits"} <= change.keys()


def apply_with_git(tmp_path: Path, name: str, old: str, patch: str) -> str:
    """Write old as name in a fresh repository, `git apply --check` then apply the patch."""
    folder = tmp_path / "apply"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(old.encode("utf-8"))
    (folder / "change.patch").write_bytes(patch.encode("utf-8"))
    for check in (["--check"], []):
        done = subprocess.run(
            ["git", "apply", *check, "change.patch"], cwd=folder, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr + patch[:2000]
    return target.read_bytes().decode("utf-8")


@pytest.mark.parametrize("pair", ["privacy", "equity"])
def test_unified_is_a_patch_git_applies(pair: str, tmp_path: Path) -> None:
    old = (DATA / f"{pair}-old.md").read_text(encoding="utf-8")
    new = (DATA / f"{pair}-new.md").read_text(encoding="utf-8")
    result = classify(diff_texts(old, new, f"{pair}-old.md", f"{pair}-new.md"), load_rules())
    patch = render(result, "unified")
    assert f"--- a/{pair}-old.md\n+++ b/{pair}-old.md\n" in patch
    assert apply_with_git(tmp_path, f"{pair}-old.md", old, patch) == new
    for number, change in enumerate(result.changes, 1):
        assert f"#{number} " in patch.split("\n--- a/")[1], f"change {number} is in no hunk"
        assert change.verdict.value in patch


def test_unified_of_a_store_operand_applies_to_the_draft(tmp_path: Path) -> None:
    result = diff_texts(OLD, NEW, "privacy-statement@2023-01-24", "privacy-statement@draft")
    patch = render(result, "unified")
    name = "statements/privacy-statement/draft.md"
    assert f"--- a/{name}\n+++ b/{name}\n" in patch
    assert apply_with_git(tmp_path, name, OLD, patch) == NEW


def test_unified_names_a_git_operand_by_its_path_and_quotes_odd_names(tmp_path: Path) -> None:
    result = diff_texts(OLD, NEW, "git:HEAD~1:policies/privacy.md", "git:HEAD:policies/x.md")
    assert "--- a/policies/privacy.md\n" in render(result, "unified")
    odd = 'my "policy" v2.md'
    patch = render(diff_texts(OLD, NEW, odd, "b.md"), "unified")
    assert '--- "a/my \\"policy\\" v2.md"\n' in patch
    assert apply_with_git(tmp_path, odd, OLD, patch) == NEW


def test_unified_of_identical_texts_is_the_summary_alone() -> None:
    patch = render(diff_texts(OLD, OLD, "a.md", "b.md"), "unified")
    assert patch == "kpversion diff a.md → b.md\nverdict: non-material (0 changes)\n"


def test_unified_marks_a_missing_final_newline(tmp_path: Path) -> None:
    old, new = "## A\n\nOne.\n\nTwo.", "## A\n\nOne.\n\nTwo and three."
    patch = render(diff_texts(old, new, "a.md", "b.md"), "unified")
    assert patch.endswith("-Two.\n\\ No newline at end of file\n+Two and three.\n"
                          "\\ No newline at end of file\n")  # fmt: skip
    assert apply_with_git(tmp_path, "a.md", old, patch) == new


def test_unified_splits_lines_at_lf_only(tmp_path: Path) -> None:
    old = "## A\n\nOne\u2028still one.\n\nTwo.\n"
    new = "## A\n\nOne\u2028still one.\n\nTwo, changed.\n"
    patch = render(diff_texts(old, new, "a.md", "b.md"), "unified")
    assert apply_with_git(tmp_path, "a.md", old, patch) == new


PARAGRAPHS = st.lists(
    st.sampled_from(["## Heading", "We collect data.", "We do not sell it.", "- item", ""]),
    max_size=12,
).map("\n".join)


@settings(max_examples=25, deadline=None)
@given(old=PARAGRAPHS, new=PARAGRAPHS)
def test_unified_patch_rebuilds_the_new_text(old: str, new: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        patch = render(diff_texts(old, new, "a.md", "b.md"), "unified")
        if old == new:
            assert "\n--- a/" not in patch
            return
        assert apply_with_git(Path(folder), "a.md", old, patch) == new
