"""`--format json` of status, log, check, verify and diff, each checked against its JSON Schema
in docs/schemas/; `check --format github` as workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import Result

from kpversion.cli.annotations import annotation, escape_property

from .conftest import REPO
from .statement_repo import FLIP, edit_draft

Invoke = Callable[..., Result]
SCHEMAS = REPO / "docs" / "schemas"
SLUG = "privacy-statement"
LEDGER = f"statements/{SLUG}/ledger.jsonl"


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return loaded


def validated(name: str, output: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(output)
    jsonschema.validate(document, schema(name), cls=jsonschema.Draft202012Validator)
    assert document["schema"] == f"kpversion.{name}/1"
    return document


@pytest.mark.parametrize("name", ["status", "log", "check", "verify", "diff"])
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(name))


def test_status_json(cli_invoke: Invoke, bundled: Path) -> None:
    edit_draft(bundled, SLUG, *FLIP)
    result = cli_invoke("status", "--format", "json", "--today", "2024-01-24", cwd=bundled)
    assert result.exit_code == 0, result.output
    document = validated("status", result.output)
    assert document["today"] == "2024-01-24"
    rows = {row["slug"]: row for row in document["statements"]}
    assert rows[SLUG] == {
        "slug": SLUG,
        "title": "Privacy Statement",
        "latest": "2023-01-24",
        "days_since": 365,
        "draft_changed": True,
        "pending_verdict": "material",
    }
    assert (rows["equity-inclusion"]["latest"], rows["equity-inclusion"]["draft_changed"]) == (
        "2026-11-22",
        False,
    )


def test_log_json_is_the_ledger_as_recorded(cli_invoke: Invoke, bundled: Path) -> None:
    result = cli_invoke("log", SLUG, "--format", "json", cwd=bundled)
    assert result.exit_code == 0, result.output
    document = validated("log", result.output)
    recorded = [json.loads(line) for line in (bundled / LEDGER).read_text().splitlines()]
    shown = [{k: v for k, v in r.items() if k != "path"} for r in document["revisions"]]
    assert shown == list(reversed(recorded))
    assert document["revisions"][0]["path"] == f"statements/{SLUG}/revisions/2023-01-24.md"


def test_verify_json_ok_and_broken(cli_invoke: Invoke, bundled: Path) -> None:
    ok = cli_invoke("verify", "--format", "json", cwd=bundled)
    assert ok.exit_code == 0
    assert validated("verify", ok.output)["ok"] is True
    revision = bundled / f"statements/{SLUG}/revisions/2023-01-24.md"
    revision.write_text(revision.read_text().replace(*FLIP))
    broken = cli_invoke("verify", "--format", "json", cwd=bundled)
    assert broken.exit_code == 3
    document = validated("verify", broken.output)
    assert document["ok"] is False
    assert document["problems"] == [
        {
            "path": f"statements/{SLUG}/revisions/2023-01-24.md",
            "problem": "published revision changed (sha256 mismatch)",
        }
    ]


def test_check_json_marks_what_fails(cli_invoke: Invoke, bundled: Path) -> None:
    edit_draft(bundled, SLUG, *FLIP)
    result = cli_invoke("check", "--format", "json", "--today", "2024-06-01", cwd=bundled)
    assert result.exit_code == 3
    document = validated("check", result.output)
    assert (document["failed"], document["staged"], document["statements"]) == (True, False, 2)
    found = {(f["severity"], f["blocking"], f["path"]) for f in document["findings"]}
    assert found == {
        ("obligation", True, f"statements/{SLUG}"),
        ("warning", False, f"statements/{SLUG}/draft.md"),
    }
    assert result.stderr == ""


def test_check_json_passes_when_nothing_is_found(cli_invoke: Invoke, bundled: Path) -> None:
    result = cli_invoke("check", "--format", "json", "--today", "2023-06-01", cwd=bundled)
    assert result.exit_code == 0
    assert validated("check", result.output) == {
        "schema": "kpversion.check/1",
        "statements": 2,
        "staged": False,
        "failed": False,
        "findings": [],
    }


def test_diff_json_carries_its_schema(cli_invoke: Invoke, bundled: Path) -> None:
    edit_draft(bundled, SLUG, *FLIP)
    result = cli_invoke("diff", SLUG, "--format", "json", cwd=bundled)
    assert result.exit_code == 0
    document = validated("diff", result.output)
    assert next(iter(document)) == "schema"
    assert document["changes"][0]["rules"]


def test_check_github_annotations(cli_invoke: Invoke, bundled: Path) -> None:
    edit_draft(bundled, SLUG, *FLIP)
    result = cli_invoke("check", "--format", "github", "--today", "2024-06-01", cwd=bundled)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error title=kpversion check%3A obligation::statements/privacy-statement: overdue "
    )
    assert lines[1].startswith(
        f"::warning file=statements/{SLUG}/draft.md,title=kpversion check%3A warning::"
        f"statements/{SLUG}/draft.md: draft holds an unpublished material change ("
    )
    assert len(lines) == 2
    assert result.stderr == "check: 1 problem(s) in 2 statements\n"


def test_check_github_in_the_hook_only_tampering_is_an_error(
    cli_invoke: Invoke, bundled: Path
) -> None:
    result = cli_invoke(
        "check", "--format", "github", "--staged", "--today", "2024-06-01", cwd=bundled
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("::warning title=kpversion check%3A obligation")


def test_an_orphan_with_a_forged_name_stays_one_annotation(
    cli_invoke: Invoke, bundled: Path
) -> None:
    notices = bundled / f"statements/{SLUG}/notices"
    notices.mkdir()
    (notices / "x\n::error::forged,a:b%.md").write_text("x")
    result = cli_invoke("check", "--format", "github", "--today", "2023-06-01", cwd=bundled)
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0] == (
        f"::error file=statements/{SLUG}/notices/x%0A%3A%3Aerror%3A%3Aforged%2Ca%3Ab%25.md,"
        "title=kpversion check%3A integrity::"
        f"statements/{SLUG}/notices/x%0A::error::forged,a:b%25.md: not in the ledger"
    )
    text = cli_invoke("check", "--today", "2023-06-01", cwd=bundled)
    assert text.stdout.splitlines()[0] == (
        f"statements/{SLUG}/notices/x\\n::error::forged,a:b%.md: not in the ledger"
    )


def test_annotation_escaping() -> None:
    assert annotation("warning", "100%\r\ndone") == "::warning::100%25%0D%0Adone"
    assert escape_property("a:b,c\n") == "a%3Ab%2Cc%0A"
    assert annotation("error", "m", title="t", file="f.md") == "::error file=f.md,title=t::m"
