from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.store.ledger import sha256_bytes
from kpversion.workflows.check import Severity, check_store
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import FLIP, NOW, bundled_repo, edit_draft, git

Invoke = Callable[..., Result]

SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"
OVERDUE = (
    f"{FOLDER}: overdue for its annual review: the latest revision 2023-01-24 is 1399 days old "
    "(review was due 2024-01-24) (CCPA: a privacy policy is updated at least once every 12 "
    "months, Cal. Civ. Code §1798.130(a)(5); 11 CCR §7011(e)(4))"
)


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    return bundled_repo(tmp_path, git_repo)


def problems(root: Path, today: str = "2023-06-01", *, staged: bool = False) -> list[str]:
    report = check_store(Store(root), dt.date.fromisoformat(today), staged=staged)
    return [str(f) for f in report.findings if f.severity is not Severity.WARNING]


def test_bundled_statements_today_report_the_overdue_annual_review(
    cli_invoke: Invoke, bundled: Path
) -> None:
    result = cli_invoke("check", "--today", "2026-11-23", cwd=bundled)
    assert result.exit_code == 3
    assert result.stdout == OVERDUE + "\n"
    assert result.stderr == "check: 1 problem(s) in 2 statements\n"


def test_a_fresh_publish_checks_clean(cli_invoke: Invoke, repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    publish(Store(repo), PublishRequest(SLUG), NOW)
    result = cli_invoke("check", "--today", "2027-03-02", cwd=repo)
    assert (result.exit_code, result.stdout) == (0, "ok: 2 statements checked\n")


def test_a_revision_changed_in_git_history_is_found(repo: Path) -> None:
    # Rewrite a revision and its ledger hash together: verify passes, history does not.
    revision = repo / FOLDER / "revisions/2023-01-24.md"
    ledger = repo / FOLDER / "ledger.jsonl"
    old_hash = sha256_bytes(revision.read_bytes())
    revision.write_text(revision.read_text().replace(*FLIP))
    ledger.write_text(ledger.read_text().replace(old_hash, sha256_bytes(revision.read_bytes())))
    git(repo, "commit", "-q", "-am", "Quietly change the past")
    commit = git(repo, "rev-parse", "--short=12", "HEAD")
    assert problems(repo) == [
        f"{FOLDER}/revisions/2023-01-24.md: published revision changed in commit {commit}",
        f"{FOLDER}/ledger.jsonl: ledger lines rewritten in commit {commit}",
    ]


def test_working_tree_edits_are_found(cli_invoke: Invoke, repo: Path) -> None:
    revision = repo / FOLDER / "revisions/2023-01-24.md"
    revision.write_text(revision.read_text().replace(*FLIP))
    edit_draft(repo, SLUG, *FLIP)
    result = cli_invoke("check", "--today", "2023-06-01", cwd=repo)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{FOLDER}/revisions/2023-01-24.md: published revision changed (sha256 mismatch)",
        f"{FOLDER}/revisions/2023-01-24.md: published revision edited in the working tree",
    ]


def test_material_revision_without_notice_and_effective_before_published(tmp_path: Path) -> None:
    store = Store.init(tmp_path)
    store.create_statement("terms", {"title": "Terms", "kind": "general"})
    fields = {"published_at": "2024-02-01", "effective": "2024-01-15", "verdict": "material"}
    store.add_revision("terms", DateVersion.parse("2024-02-01"), "Be nice.\n", fields)
    report = check_store(store, dt.date(2024, 3, 1))
    assert [(f.severity, f.problem) for f in report.findings] == [
        (Severity.OBLIGATION, "material revision has no notice in the ledger"),
        (Severity.OBLIGATION, "effective 2024-01-15 is before published 2024-02-01"),
    ]
    assert report.failed()


def test_an_unpublished_material_change_is_a_warning(cli_invoke: Invoke, repo: Path) -> None:
    edit_draft(repo, SLUG, *FLIP)
    result = cli_invoke("check", "--today", "2023-06-01", cwd=repo)
    assert result.exit_code == 0
    first, last = result.stdout.splitlines()
    assert first.startswith(
        f"{FOLDER}/draft.md: warning: draft holds an unpublished material change (A1"
    )
    assert last == "ok: 2 statements checked"


def test_orphan_notice_and_record_are_found(repo: Path) -> None:
    (repo / FOLDER / "records").mkdir()
    (repo / FOLDER / "records/2025-01-01.json").write_text("{}")
    assert problems(repo) == [f"{FOLDER}/records/2025-01-01.json: not in the ledger"]


def test_staged_edits_to_revisions_and_ledger_lines_are_refused(
    cli_invoke: Invoke, repo: Path
) -> None:
    revision = repo / FOLDER / "revisions/2023-01-24.md"
    revision.write_text(revision.read_text().replace(*FLIP))
    ledger = repo / FOLDER / "ledger.jsonl"
    ledger.write_text(ledger.read_text().replace('"verdict":"non-material"', '"verdict":"review"'))
    git(repo, "add", "statements")
    result = cli_invoke("check", "--staged", cwd=repo)
    assert result.exit_code == 3
    assert result.stdout.splitlines()[:2] == [
        f"{FOLDER}/ledger.jsonl: staged edit to ledger lines (only appending is allowed)",
        f"{FOLDER}/revisions/2023-01-24.md: staged edit to a published revision (refused)",
    ]


def test_staged_mode_lets_obligations_warn_without_failing(cli_invoke: Invoke, repo: Path) -> None:
    edit_draft(repo, SLUG, "Kaiser Permanente is committed", "Kaiser Permanente is dedicated")
    git(repo, "add", "statements")
    result = cli_invoke("check", "--staged", "--today", "2026-11-23", cwd=repo)
    assert result.exit_code == 0, result.output
    assert OVERDUE in result.stdout.splitlines()


def test_record_of_the_published_revision_reads_back(repo: Path) -> None:
    from kpversion.records.record import load_record

    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    done = publish(Store(repo), PublishRequest(SLUG), NOW)
    record = load_record(Store(repo), SLUG, "2027-03-02")
    assert record == done.record
    raw = json.loads((repo / FOLDER / "records/2027-03-02.json").read_text())
    assert raw == record.to_dict()


def test_a_planted_lock_and_journal_hide_nothing(cli_invoke: Invoke, repo: Path) -> None:
    revision = repo / FOLDER / "revisions/2023-01-24.md"
    ledger = repo / FOLDER / "ledger.jsonl"
    old_hash = sha256_bytes(revision.read_bytes())
    revision.write_text(revision.read_text().replace(*FLIP))
    ledger.write_text(ledger.read_text().replace(old_hash, sha256_bytes(revision.read_bytes())))
    (repo / FOLDER / ".publish.lock").write_text("1 elsewhere\n")
    journal = {"steps": [{"final": "ledger.jsonl", "sha256": "0" * 64, "existed": True}]}
    (repo / FOLDER / ".publish-journal.json").write_text(json.dumps(journal))
    git(repo, "add", "-f", "-A")
    git(repo, "commit", "-q", "-m", "Quietly change the past")
    found = problems(repo)
    assert f"{FOLDER}/.publish.lock: a publish lock or journal is committed to git" in found
    assert any("published revision changed in commit" in line for line in found)


def test_a_journal_naming_files_outside_its_folder_is_refused(
    cli_invoke: Invoke, repo: Path
) -> None:
    victim = repo.parent / "victim.txt"
    victim.write_text("keep me\n")
    step = {"final": "../../../victim.txt", "sha256": sha256_bytes(b"keep me\n"), "existed": False}
    (repo / FOLDER / ".publish-journal.json").write_text(json.dumps({"steps": [step]}))
    result = cli_invoke("verify", cwd=repo)
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        f"{FOLDER}/.publish-journal.json: names a file outside its statement folder"
    )
    assert victim.read_text() == "keep me\n"


def test_a_garbled_journal_is_a_one_line_error(cli_invoke: Invoke, repo: Path) -> None:
    (repo / FOLDER / ".publish-journal.json").write_bytes(b"\xff{not json")
    result = cli_invoke("verify", cwd=repo)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{FOLDER}/.publish-journal.json: not a publish journal")
    assert "Traceback" not in result.output


def test_history_rewritten_whole_is_caught_by_the_publish_tag(repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    published = publish(Store(repo), PublishRequest(SLUG), NOW)
    version = str(published.revision.version)
    revision = repo / FOLDER / f"revisions/{version}.md"
    ledger = repo / FOLDER / "ledger.jsonl"
    old_hash = sha256_bytes(revision.read_bytes())
    revision.write_text(revision.read_text() + "\nWe may sell your data.\n")
    ledger.write_text(ledger.read_text().replace(old_hash, sha256_bytes(revision.read_bytes())))
    git(repo, "commit", "-q", "--amend", "-a", "--no-edit")
    tag = f"{SLUG}/{version}"
    # verify itself now sees it: the tag's message carries the ledger line's hash.
    assert problems(repo, "2027-03-02") == [
        f"{FOLDER}/ledger.jsonl: line 2 ({version}): differs from what its publish tag {tag} "
        "anchors (the line was edited, or the tag re-pointed)",
        f"{FOLDER}/revisions/{version}.md: differs from the revision its publish tag {tag} "
        "holds (the file was changed, or the tag re-pointed)",
        f"{FOLDER}/revisions/{version}.md: differs from what tag {tag} holds",
        f"{FOLDER}/ledger.jsonl: line for {version} differs from tag {tag}",
    ]
    ledger.write_text("".join(ledger.read_text().splitlines(keepends=True)[:-1]))
    revision.unlink()
    git(repo, "commit", "-q", "--amend", "-a", "--no-edit")
    found = problems(repo, "2027-03-02")
    assert f"{FOLDER}/ledger.jsonl: has no line for {version}, tagged {tag}" in found


def test_a_ledger_line_with_a_path_for_a_version_is_an_integrity_problem(
    cli_invoke: Invoke, repo: Path
) -> None:
    ledger = repo / FOLDER / "ledger.jsonl"
    entry = json.loads(ledger.read_text().splitlines()[-1])
    ledger.write_text(ledger.read_text() + json.dumps({**entry, "version": "../.."}) + "\n")
    result = cli_invoke("check", "--today", "2023-06-01", cwd=repo)
    assert result.exit_code == 3
    assert f"{FOLDER}/ledger.jsonl: line 2: invalid version '../..'" in result.stdout


@pytest.mark.parametrize("final", ["evil/victim.txt", 5])
def test_a_journal_cannot_reach_out_through_a_link_or_a_wrong_type(
    cli_invoke: Invoke, repo: Path, final: object
) -> None:
    outside = repo.parent / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("keep me\n")
    (repo / FOLDER / "evil").symlink_to(outside)
    step = {"final": final, "sha256": sha256_bytes(b"keep me\n"), "existed": False}
    (repo / FOLDER / ".publish-journal.json").write_text(json.dumps({"steps": [step]}))
    result = cli_invoke("verify", cwd=repo)
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert (outside / "victim.txt").read_text() == "keep me\n"


def test_a_linked_revisions_folder_is_an_integrity_problem(cli_invoke: Invoke, repo: Path) -> None:
    revisions = repo / FOLDER / "revisions"
    copy = repo.parent / "copy"
    revisions.rename(copy)
    revisions.symlink_to(copy)
    result = cli_invoke("check", "--today", "2023-06-01", cwd=repo)
    assert result.exit_code == 3
    assert f"{FOLDER}/revisions: is a symbolic link, not the published files" in result.stdout
