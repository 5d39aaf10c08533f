from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.change import DiffResult, Verdict
from kpversion.errors import KpversionError, NothingToDo, StoreError
from kpversion.materiality import Rules
from kpversion.store.verify import verify_store
from kpversion.workflows.publish import PublishRefused, PublishRequest, publish

from .statement_repo import FLIP, NOW, bundled_repo, edit_draft, git, snapshot

Invoke = Callable[..., Result]

SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"
APPROVED = PublishRequest(
    SLUG, override="material", because="Counsel approved the new sale program", editor="Ed"
)


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    return bundled_repo(tmp_path, git_repo)


def test_material_publish_writes_revision_notice_record_ledger_commit_and_tag(repo: Path) -> None:
    edit_draft(repo, SLUG, *FLIP)
    done = publish(Store(repo), APPROVED, NOW)
    folder = repo / FOLDER
    text = (folder / "revisions/2027-03-02.md").read_text()
    assert "Last reviewed/updated: March 2, 2027" in text and FLIP[1] in text
    assert (folder / "draft.md").read_text() == text
    entry = json.loads((folder / "ledger.jsonl").read_text().splitlines()[-1])
    assert {k: entry[k] for k in ("version", "published_at", "effective", "verdict")} == {
        "version": "2027-03-02",
        "published_at": "2027-03-02",
        "effective": "2027-04-01",
        "verdict": "material",
    }
    assert entry["source"] == "publish" and entry["previous"] == "2023-01-24"
    assert entry["override"] == {"verdict": "material", "because": APPROVED.because}
    assert "commit" not in entry
    assert entry["notice"]["compare"] == "2023-01-24...2027-03-02"
    assert entry["notice"]["title"] == "Privacy Statement: changes effective April 1, 2027"
    assert entry["notice"]["summary"] == entry["summary"]
    assert "we changed “do not” to “may”" in entry["summary"]
    notice = (folder / "notices/2027-03-02.md").read_text()
    assert notice.startswith("# Privacy Statement: changes effective April 1, 2027\n")
    assert "Published March 2, 2027. Effective April 1, 2027." in notice
    record = json.loads((folder / "records/2027-03-02.json").read_text())
    assert record["consent_required"] is True and done.record.consent_required
    assert verify_store(Store(repo)).problems == ()
    assert done.commit == git(repo, "rev-parse", "HEAD")
    trailers = git(repo, "log", "-1", "--format=%(trailers:only,unfold)")
    assert trailers.splitlines() == [
        f"Kpversion-Statement: {SLUG}",
        "Kpversion-Version: 2027-03-02",
        "Kpversion-Verdict: material",
    ]
    assert git(repo, "cat-file", "-t", f"{SLUG}/2027-03-02") == "tag"
    assert git(repo, "rev-parse", f"{SLUG}/2027-03-02^{{commit}}") == done.commit
    assert git(repo, "status", "--porcelain") == ""


def test_non_material_publish_has_no_notice_and_takes_effect_at_once(repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    done = publish(Store(repo), PublishRequest(SLUG), NOW)
    assert done.verdict is Verdict.NON_MATERIAL and done.notice is None
    folder = repo / FOLDER
    assert not (folder / "notices").exists()
    entry = done.revision.entry
    assert (entry.published_at, entry.effective) == ("2027-03-02", "2027-03-02")
    assert "notice" not in entry.meta and entry.meta["summary"].startswith(
        "Editorial change only (1)"
    )
    record = json.loads((folder / "records/2027-03-02.json").read_text())
    assert record["consent_required"] is False and record["notice_start"] is None


def test_no_git_writes_files_only(repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    head = git(repo, "rev-parse", "HEAD")
    done = publish(Store(repo), PublishRequest(SLUG, git=False), NOW)
    assert done.commit is None and git(repo, "rev-parse", "HEAD") == head
    assert (repo / FOLDER / "revisions/2027-03-02.md").exists()


def refused(repo: Path, request: PublishRequest, match: str) -> None:
    before = snapshot(repo)
    with pytest.raises(KpversionError, match=match) as caught:
        publish(Store(repo), request, NOW)
    assert caught.value.exit_code == 1 and "\n" not in caught.value.message
    assert snapshot(repo) == before


def test_refuses_an_unchanged_draft(repo: Path) -> None:
    before = snapshot(repo)
    with pytest.raises(
        NothingToDo, match=r"draft.md: draft is unchanged since 2023-01-24 \(an annual review"
    ):
        publish(Store(repo), PublishRequest(SLUG), NOW)
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("request_", "match"),
    [
        pytest.param(
            PublishRequest(SLUG, version="2023-01-24"),
            "version 2023-01-24 is not after the latest revision 2023-01-24",
            id="version-not-after-the-latest",
        ),
        pytest.param(
            PublishRequest(SLUG, version="2099-12-31"),
            r"version 2099-12-31 is after today \(2027-03-02\)",
            id="version-after-today",
        ),
        pytest.param(
            PublishRequest(SLUG, effective="2027-02-30"),
            r"effective date '2027-02-30' is not a real date",
            id="impossible-effective-date",
        ),
        pytest.param(
            PublishRequest(SLUG, effective="2027-03-01"),
            "effective date 2027-03-01 is before the published date 2027-03-02",
            id="effective-before-published",
        ),
    ],
)
def test_refuses_bad_dates(repo: Path, request_: PublishRequest, match: str) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    refused(repo, request_, match)


def test_refuses_a_draft_with_nul_bytes(repo: Path) -> None:
    draft = repo / FOLDER / "draft.md"
    draft.write_bytes(draft.read_bytes() + b"\x00\x01binary")
    refused(repo, PublishRequest(SLUG), "draft.md: draft holds NUL bytes")


def test_refuses_after_a_published_revision_was_edited(repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    revision = repo / FOLDER / "revisions/2023-01-24.md"
    revision.write_text(revision.read_text().replace(*FLIP))
    refused(
        repo,
        PublishRequest(SLUG),
        r"revisions/2023-01-24.md: published revision changed \(sha256 mismatch\); "
        "nothing published",
    )


def test_refuses_after_the_last_ledger_line_was_edited(repo: Path) -> None:
    # The chain cannot see an edit to its last line; git can.
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    ledger = repo / FOLDER / "ledger.jsonl"
    ledger.write_text(
        ledger.read_text().replace('"effective":"2023-01-24"', '"effective":"2023-02-01"')
    )
    refused(repo, PublishRequest(SLUG), "ledger lines edited in the working tree")


def test_refuses_short_notice_for_a_material_change_unless_justified(repo: Path) -> None:
    edit_draft(repo, SLUG, *FLIP)
    short = replace(APPROVED, because="", effective="2027-03-12")
    with pytest.raises(PublishRefused, match="--override needs --because"):
        publish(Store(repo), short, NOW)
    refused(
        repo,
        replace(APPROVED, override="", because="", effective="2027-03-12"),
        "blocks publish",
    )
    done = publish(Store(repo), replace(APPROVED, effective="2027-03-12"), NOW)
    assert done.revision.entry.effective == "2027-03-12"
    assert done.record.notice_evidence is not None
    assert done.record.notice_evidence.lead_time_days == 10


def test_notice_period_refusal_names_the_dates(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_draft(repo, SLUG, *FLIP)
    force_verdicts(monkeypatch, Verdict.MATERIAL, block=False)
    refused(
        repo,
        PublishRequest(SLUG, effective="2027-03-12"),
        r"material change effective 2027-03-12 gives 10 days of notice, fewer than the notice "
        r"period of 30 days \(notice_days\); give --effective 2027-04-01 or later",
    )
    done = publish(
        Store(repo), PublishRequest(SLUG, effective="2027-03-12", because="Court order"), NOW
    )
    assert done.revision.entry.meta["because"] == "Court order"


def test_refuses_a_blocking_change_without_an_override(repo: Path) -> None:
    edit_draft(repo, SLUG, *FLIP)
    refused(
        repo,
        PublishRequest(SLUG),
        "a change in “Privacy Statement” blocks publish .*A11.*; publish with --override",
    )


def test_refuses_changes_that_need_review_without_an_override(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_draft(repo, SLUG, "Kaiser Permanente is committed", "Kaiser Permanente is dedicated")
    force_verdicts(monkeypatch, Verdict.REVIEW, block=False)
    refused(repo, PublishRequest(SLUG), r"1 change\(s\) need a person's review")
    done = publish(Store(repo), replace(APPROVED, override="non-material"), NOW)
    assert done.verdict is Verdict.NON_MATERIAL


def force_verdicts(monkeypatch: pytest.MonkeyPatch, verdict: Verdict, *, block: bool) -> None:
    """Make every wording change `verdict`, whatever the packaged rules say."""
    import kpversion.materiality as materiality

    real = materiality.classify

    def classify(result: DiffResult, rules: Rules | None = None) -> DiffResult:
        classified = real(result, rules)
        return classified.with_changes(
            c if c.kind.value == "format" else replace(c, verdict=verdict, block=block)
            for c in classified.changes
        )

    monkeypatch.setattr(materiality, "classify", classify)


def test_a_failing_git_commit_puts_everything_back(repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'policy says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = snapshot(repo)
    with pytest.raises(KpversionError, match="git commit failed: policy says no"):
        publish(Store(repo), PublishRequest(SLUG), NOW)
    assert snapshot(repo) == before


def test_a_failing_git_tag_undoes_the_commit(repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    # A ref named like the tag's folder makes `git tag privacy-statement/...` fail.
    git(repo, "update-ref", f"refs/tags/{SLUG}", "HEAD")
    before = snapshot(repo)
    with pytest.raises(KpversionError, match="git tag failed"):
        publish(Store(repo), PublishRequest(SLUG), NOW)
    assert snapshot(repo) == before


def test_a_lock_file_naming_a_live_pid_that_no_process_holds_is_taken(repo: Path) -> None:
    # After a power cut the lock's PID often names another live process (here: this one);
    # the lock is the kernel's, so a file naming a live PID holds nothing.
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    lock = repo / FOLDER / ".publish.lock"
    lock.write_text(f"{os.getpid()} {socket.gethostname()}\n")
    (repo / FOLDER / ".publish.lock.owner").write_text(f"{os.getpid()} {socket.gethostname()}\n")
    publish(Store(repo), PublishRequest(SLUG, git=False), NOW)
    assert not lock.exists() and not (repo / FOLDER / ".publish.lock.owner").exists()


def test_a_stale_lock_is_taken_over(repo: Path) -> None:
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    lock = repo / FOLDER / ".publish.lock"
    lock.write_text(f"{gone.stdout.strip()} {socket.gethostname()}\n")
    publish(Store(repo), PublishRequest(SLUG, git=False), NOW)
    assert not lock.exists()


def test_cli_publish_and_refusal(cli_invoke: Invoke, repo: Path) -> None:
    today = dt.date.today().isoformat()
    unchanged = cli_invoke("publish", SLUG, cwd=repo)
    assert unchanged.exit_code == 4  # nothing to do, as for import (2 is a usage error)
    assert unchanged.stderr == (
        f"{FOLDER}/draft.md: draft is unchanged since 2023-01-24 (an annual review that "
        "changes no wording is publish --review)\n"
    )
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2024")
    done = cli_invoke("publish", SLUG, "--summary", "Annual review.", cwd=repo)
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == (
        f"published {FOLDER}/revisions/{today}.md (non-material, "
        f"published {today}, effective {today})"
    )
    assert lines[1].startswith("git: commit ") and lines[1].endswith(f"tag {SLUG}/{today}")
    assert git(repo, "log", "-1", "--format=%s") == f"Publish {SLUG} {today} (non-material)"


def test_a_failing_write_is_a_one_line_error_and_nothing_changes(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kpversion.store import atomic

    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    before = snapshot(repo)
    stage = atomic.write_durably

    def refuse_records(path: Path, data: bytes) -> None:
        if path.parent.name == "records":
            raise PermissionError(13, "Permission denied", str(path))
        stage(path, data)

    monkeypatch.setattr(atomic, "write_durably", refuse_records)
    with pytest.raises(StoreError, match=r"records/\..*: Permission denied; nothing published"):
        publish(Store(repo), APPROVED, NOW)
    assert snapshot(repo) == before


def test_publish_outside_git_says_there_is_no_commit(cli_invoke: Invoke, bundled: Path) -> None:
    edit_draft(bundled, SLUG, "January 24, 2023", "February 1, 2024")
    done = cli_invoke("publish", SLUG, "--summary", "Annual review.", cwd=bundled)
    assert done.exit_code == 0, done.output
    assert done.stderr == "git: not a git work tree here, so no commit and no tag\n"


def test_an_empty_draft_cannot_be_published(repo: Path) -> None:
    (repo / FOLDER / "draft.md").write_text("\n  \n")
    refused(repo, PublishRequest(SLUG), "draft.md: draft is empty")


def test_an_annual_review_dates_the_unchanged_text(repo: Path) -> None:
    done = publish(Store(repo), PublishRequest(SLUG, review=True, editor="Ed"), NOW)
    assert done.verdict is Verdict.NON_MATERIAL
    old = Store(repo).text(SLUG, "2023-01-24")
    new = done.revision.path.read_text()
    assert new == old.replace("January 24, 2023", "March 2, 2027")
    assert done.revision.entry.meta["review"] is True and done.record.review
    assert done.record.audit[0].what == "annual review"
    edit_draft(repo, SLUG, "Kaiser Permanente is committed", "Kaiser Permanente is dedicated")
    with pytest.raises(PublishRefused, match="--review publishes the latest revision's wording"):
        publish(Store(repo), PublishRequest(SLUG, review=True, version="2027-03-02"), NOW)


def test_human_facts_are_recorded_when_given_and_null_with_a_reason_otherwise(
    repo: Path,
) -> None:

    edit_draft(repo, SLUG, *FLIP)
    bare = publish(Store(repo), replace(APPROVED, git=False), NOW).record
    human = bare.human_determination
    assert (human.decided_by, human.decided_on, human.counsel_consulted) == (None, None, None)
    assert human.decision == "material"  # the override is a person's decision
    assert "--decided-by" in human.unknown["decided_by"]
    evidence = bare.notice_evidence
    assert evidence is not None and evidence.channels is None
    assert "--channel" in evidence.unknown["channels"]
    assert evidence.notice_file == "notices/2027-03-02.md"


def test_cli_records_the_human_facts_given(cli_invoke: Invoke, repo: Path) -> None:
    edit_draft(repo, SLUG, *FLIP)
    result = cli_invoke(
        "publish", SLUG, "--override", "material", "--because", "Counsel approved",
        "--decided-by", "Dana Privacy Officer", "--decided-on", "2027-02-28",
        "--counsel-consulted", "--advice", "Outside counsel memo", "--channel", "site banner",
        "--channel", "e-mail to account holders", cwd=repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    version = result.stdout.split("revisions/")[1][:10]
    record = json.loads((repo / FOLDER / f"records/{version}.json").read_text())
    human = record["human_determination"]
    assert human == {
        "decided_by": "Dana Privacy Officer", "decided_on": "2027-02-28", "decision": "material",
        "override": "material", "because": "Counsel approved", "counsel_consulted": True,
        "advice": "Outside counsel memo", "unknown": {},
    }  # fmt: skip
    assert record["notice_evidence"]["channels"] == ["site banner", "e-mail to account holders"]
    assert record["audit"][0]["by"] == "Test Editor"


def test_an_effective_date_line_states_the_effective_date(repo: Path) -> None:
    settings = repo / FOLDER / "statement.toml"
    settings.write_text(
        settings.read_text().replace(
            'version_line = "Last reviewed/updated: {date}"',
            'version_line = "Last reviewed/updated: {effective}"',
        )
    )
    edit_draft(repo, SLUG, *FLIP)
    done = publish(Store(repo), replace(APPROVED, git=False), NOW)
    assert done.revision.entry.effective == "2027-04-01"
    assert "Last reviewed/updated: April 1, 2027" in done.revision.path.read_text()


def test_a_version_line_that_cannot_read_back_is_refused(repo: Path) -> None:
    settings = repo / FOLDER / "statement.toml"
    text = settings.read_text().replace('"Last reviewed/updated: {date}"', '"Reviewed {date}"')
    settings.write_text(text)
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    refused(repo, PublishRequest(SLUG), "does not read back as a version line")
