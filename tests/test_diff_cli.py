"""`kpversion diff`: golden outputs in every format, the JSON contract and exit codes."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion.cli.terminal import to_text
from kpversion.diff import diff_texts
from kpversion.diff.redline import FORMATS, render

DATA = Path(__file__).parent / "data" / "diff"
PAIRS = ("privacy", "equity")
SUFFIX = {"text": "txt", "unified": "diff", "markdown": "md", "json": "json", "html": "html"}
Invoke = Callable[..., Result]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("pair", PAIRS)
def test_golden_output(pair: str, fmt: str, golden: Callable[[str, str], None]) -> None:
    """Unclassified results, so the goldens do not move when materiality rules change."""
    old = (DATA / f"{pair}-old.md").read_text(encoding="utf-8")
    new = (DATA / f"{pair}-new.md").read_text(encoding="utf-8")
    result = diff_texts(old, new, f"{pair}-old.md", f"{pair}-new.md")
    output = to_text(result) if fmt == "text" else render(result, fmt)
    golden(f"diff/{pair}.{SUFFIX[fmt]}", output)


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    for name in ("privacy-old.md", "privacy-new.md"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def test_json_follows_the_contract(cli_invoke: Invoke, pair: Path) -> None:
    result = cli_invoke("diff", "privacy-old.md", "privacy-new.md", "--format", "json", cwd=pair)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["schema", "old", "new", "verdict", "changes"]  # schema: issue 15
    assert data["old"]["label"] == "privacy-old.md"
    old_bytes = (pair / "privacy-old.md").read_bytes()
    assert data["old"]["sha256"] == hashlib.sha256(old_bytes).hexdigest()
    kinds = {change["kind"] for change in data["changes"]}
    assert kinds == {"added", "removed", "modified", "moved", "format"}
    for change in data["changes"]:
        assert {"kind", "section", "old", "new", "verdict", "direction", "rules", "reason"} <= set(
            change
        )
        if change["kind"] == "modified":
            assert change["edits"], change
    negation = next(c for c in data["changes"] if "sell or rent" in c["old"])
    assert negation["edits"] == [{"op": "replace", "old": "do not", "new": "may"}]
    assert negation["section"] == {"old": ["Privacy Statement"], "new": ["Privacy Statement"]}


def test_identical_texts_are_non_material(cli_invoke: Invoke, pair: Path) -> None:
    result = cli_invoke(
        "diff", "privacy-old.md", "privacy-old.md", "--format", "json", "--exit-code", cwd=pair
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["verdict"], data["changes"]) == ("non-material", [])


def test_text_is_the_default_format(cli_invoke: Invoke, pair: Path) -> None:
    result = cli_invoke("diff", "privacy-old.md", "privacy-new.md", cwd=pair)
    assert "§ Privacy Statement" in result.output
    assert "We [-do not-]{+may+} sell or rent" in result.output


def test_html_marks_changes_without_colour_alone(cli_invoke: Invoke, pair: Path) -> None:
    page = cli_invoke("diff", "privacy-old.md", "privacy-new.md", "--format", "html", cwd=pair)
    assert page.output.startswith("<!DOCTYPE html>")
    assert '<del><span class="visually-hidden">deleted: </span>do not</del>' in page.output
    assert "text-decoration: line-through" in page.output


def test_exit_code_and_fail_on(cli_invoke: Invoke, pair: Path) -> None:
    def code(*args: str) -> int:
        return cli_invoke("diff", *args, "--format", "json", cwd=pair).exit_code

    assert code("privacy-old.md", "privacy-new.md") == 0
    assert code("privacy-old.md", "privacy-new.md", "--exit-code") == 1
    assert code("privacy-old.md", "privacy-new.md", "--fail-on", "review") == 3
    assert code("privacy-old.md", "privacy-old.md", "--fail-on", "review", "--exit-code") == 0


def test_a_format_only_change_does_not_fail_on_review(cli_invoke: Invoke, pair: Path) -> None:
    text = (pair / "privacy-old.md").read_text(encoding="utf-8")
    (pair / "restamped.md").write_text(text.replace("January 24, 2023", "March 1, 2024"))
    result = cli_invoke("diff", "privacy-old.md", "restamped.md", "--fail-on", "review", cwd=pair)
    assert result.exit_code == 0
    assert "format block" in result.output


def test_override_needs_because(cli_invoke: Invoke, pair: Path) -> None:
    bare = cli_invoke(
        "diff", "privacy-old.md", "privacy-new.md", "--override", "material", cwd=pair
    )
    assert bare.exit_code == 2
    assert "--override needs --because" in bare.output
    alone = cli_invoke("diff", "privacy-old.md", "privacy-new.md", "--because", "x", cwd=pair)
    assert alone.exit_code == 2
    assert "--because explains an --override" in alone.output


def test_override_sets_the_verdict(cli_invoke: Invoke, pair: Path) -> None:
    args = ("diff", "privacy-old.md", "privacy-new.md", "--format", "json", "--fail-on", "review")
    why = ("--override", "non-material", "--because", "typo fixes only")
    result = cli_invoke(*args, *why, cwd=pair)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["verdict"] == "non-material"
    assert data["override"] == {"verdict": "non-material", "because": "typo fixes only"}


def test_diff_slug_compares_latest_with_draft(cli_invoke: Invoke, bundled: Path) -> None:
    draft = bundled / "statements/privacy-statement/draft.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("13", "16"), encoding="utf-8")
    result = cli_invoke("diff", "privacy-statement", "--format", "unified", cwd=bundled)
    assert result.exit_code == 0
    # The unified format is a patch of the draft (issue 15): both names are the draft's path.
    assert result.output.startswith(
        "kpversion diff privacy-statement@latest → privacy-statement@draft\n"
    )
    name = "statements/privacy-statement/draft.md"
    assert f"\n--- a/{name}\n+++ b/{name}\n" in result.output
    assert "+We do not knowingly allow any person under the age of 16" in result.output


def test_errors_are_one_line(cli_invoke: Invoke, tmp_path: Path) -> None:
    result = cli_invoke("diff", "nope.md", "other.md", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output.strip() == "nope.md: no such file (and not SLUG@VERSION or git:REF:PATH)"


def test_diff_without_operands_is_a_usage_error(cli_invoke: Invoke, pair: Path) -> None:
    for args in ((), ("a", "b", "c")):
        result = cli_invoke("diff", *args, cwd=pair)
        assert result.exit_code == 2
        assert "give A B, or one statement SLUG" in result.output
