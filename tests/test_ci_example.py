"""docs/examples/kpversion-ci.yml cannot be hijacked: zizmor (pedantic, every action pinned by
hash) finds nothing; inputs reach the shell only through env:; the redline is posted before
`check` runs; every script parses."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO

WORKFLOW = REPO / "docs" / "examples" / "kpversion-ci.yml"
ZIZMOR_CONFIG = """\
rules:
  unpinned-uses:
    config:
      policies:
        "*": hash-pin
"""
PLACEHOLDER = "0" * 40


def zizmor(path: Path, tmp_path: Path) -> list[dict[str, Any]]:
    config = tmp_path / "zizmor.yml"
    config.write_text(ZIZMOR_CONFIG)
    exe = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    command = [exe, "--offline", "--persona=pedantic", "--config", str(config)]
    run = subprocess.run(
        [*command, "--format=json", str(path)], capture_output=True, text=True, check=False
    )
    assert run.stdout, run.stderr
    findings: list[dict[str, Any]] = json.loads(run.stdout)
    return findings


def workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def steps(job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return found


def test_zizmor_finds_nothing(tmp_path: Path) -> None:
    assert zizmor(WORKFLOW, tmp_path) == []


def test_zizmor_would_catch_what_the_old_example_did(tmp_path: Path) -> None:
    """The same lint flags an unpinned action and an input pasted into run:."""
    text = WORKFLOW.read_text(encoding="utf-8").replace(f"@{PLACEHOLDER}", "@v4", 1)
    text = text.replace('args=("$STATEMENT")', 'args=("${{ inputs.statement }}")')
    bad = tmp_path / "bad.yml"
    bad.write_text(text)
    found = {(f["ident"], f["determinations"]["severity"]) for f in zizmor(bad, tmp_path)}
    assert {("unpinned-uses", "High"), ("template-injection", "High")} <= found


def test_no_expression_inside_a_run_script() -> None:
    for job in workflow()["jobs"]:
        for step in steps(job):
            assert "${{" not in step.get("run", ""), step.get("name")


def test_actions_are_pinned_by_commit_with_the_version_named() -> None:
    uses = re.findall(r"uses: ([\w./-]+)@(\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), action
        assert re.search(r"# v\d", comment), f"{action}: name the version the pin stands for"
        # A pin kpversion could not look up is the placeholder, never a made-up SHA.
        assert ref == PLACEHOLDER, f"{action}: {ref} was not verified here"


def test_permissions_are_per_job_and_minimal() -> None:
    flow = workflow()
    assert flow["permissions"] == {}
    assert flow["jobs"]["review"]["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
    }
    assert flow["jobs"]["publish"]["permissions"] == {"contents": "write"}
    for job in flow["jobs"]:
        checkout = steps(job)[0]
        assert checkout["with"]["persist-credentials"] is False


def test_the_redline_is_posted_before_check_runs() -> None:
    names = [step.get("name", "") for step in steps("review")]
    posted = names.index("Post the redline on the pull request")
    checked = next(i for i, name in enumerate(names) if name.startswith("Check"))
    assert names.index("Redline of every changed draft") < posted < checked
    assert steps("review")[checked]["run"] == "kpversion check --format github"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_every_script_parses() -> None:
    for job in workflow()["jobs"]:
        for step in steps(job):
            if "run" in step:
                parsed = subprocess.run(
                    ["bash", "-n"], input=step["run"], capture_output=True, text=True
                )
                assert parsed.returncode == 0, (step.get("name"), parsed.stderr)


def test_the_publish_step_keeps_a_hostile_summary_as_text(tmp_path: Path) -> None:
    """The publish script, run with a fake kpversion, passes a quote-and-$(...) summary as one
    argument and runs nothing from it."""
    script = next(s["run"] for s in steps("publish") if s.get("name", "").startswith("Publish"))
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake = bin_folder / "kpversion"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$CALLS"\n')
    fake.chmod(0o755)
    summary = 'We\'re "changing" $(touch pwned) `touch pwned2`; ok'
    env = {
        "PATH": f"{bin_folder}:/usr/bin:/bin",
        "CALLS": str(tmp_path / "calls"),
        "STATEMENT": "privacy-statement",
        "EFFECTIVE": "",
        "SUMMARY": summary,
    }
    run = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, check=False)
    assert run.returncode == 0
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls == ["publish", "privacy-statement", "--summary", summary]
    assert not list(tmp_path.glob("pwned*"))
