from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.errors import InputError, KpversionError, StoreError
from kpversion.store.verify import verify_store
from kpversion.workflows.backfill import BackfillRequest, backfill
from kpversion.workflows.check import Severity, check_store

from .conftest import CORPUS, needs_shared
from .corpus_repo import build_repo

Invoke = Callable[..., Result]

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
GITHUB = CORPUS / "github-site-policy/privacy-statement"
NEWEST = "Policies/privacy-policies/github-general-privacy-statement.md"
# Merged after a 30-day notice-and-comment period ending on the effective date (corpus README).
NOTICE_PERIOD = ["2018-05-25", "2019-04-19", "2019-12-20", "2020-11-16", "2020-12-19",
                 "2022-05-31", "2022-09-01"]  # fmt: skip


@pytest.mark.corpus
@needs_shared(GITHUB)
def test_backfill_github_privacy_statement_keeps_every_text(
    tmp_path: Path, cli_invoke: Invoke
) -> None:
    manifest = build_repo(GITHUB, tmp_path / "site-policy")
    Store.init(tmp_path / "mine")
    steps: list[tuple[str, int, int]] = []
    request = BackfillRequest(tmp_path / "site-policy", NEWEST, "github-privacy")
    done = backfill(Store(tmp_path / "mine"), request, NOW, lambda *s: steps.append(s))
    days = sorted({str(e["committer_date"])[:10] for e in manifest})
    assert (done.commits, done.texts, len(days)) == (70, 70, 45)
    # One revision per day: the day's last text; the day's other texts are listed.
    assert len(done.revisions) == 45 and len(done.superseded) == 25
    assert steps[-1] == ("revisions", 45, 45) and ("history", 70, 70) in steps
    last_of_day = {str(e["committer_date"])[:10]: e for e in manifest}
    for revision in done.revisions:
        source = last_of_day[revision.entry.published_at]
        assert revision.entry.sha256 == source["sha256"]
        assert revision.entry.meta["source_subject"] == source["subject"]
        assert revision.entry.meta["source_path"] == source["path"]
        assert revision.entry.meta["reconstructed"] is True
    by_version = {str(r.version): r.entry for r in done.revisions}
    # A stated date counts only where the text introduced it; otherwise the commit date.
    assert by_version["2022-09-01"].meta["version_from"] == "text"
    assert by_version["2023-03-15"].meta["version_from"] == "commit date"
    february = by_version["2024-02-01"]
    assert (february.published_at, february.effective) == ("2024-04-17", "2024-04-17")
    assert february.meta["version_from"] == "text"
    assert str(done.revisions[-1].version) == "2026-03-23"
    # The DPO contact's removal and the cross-border rewrite are in the summary, not lost.
    subjects = [s.text.commit.subject for s in done.superseded]
    assert any("Remove the DPO Contact" in s for s in subjects)
    assert any("cross-border data transfers" in s for s in subjects)
    verdicts = {str(r.version): r.entry.verdict for r in done.revisions}
    assert verdicts["2017-01-26"] == "non-material"
    assert all(verdicts[v] != "non-material" for v in NOTICE_PERIOD), verdicts
    store = Store(tmp_path / "mine")
    assert verify_store(store).problems == ()
    findings = check_store(store, dt.date(2026, 4, 1)).findings
    assert [f for f in findings if f.severity is not Severity.WARNING] == []
    record = json.loads((store.folder / "github-privacy/records/2024-02-01.json").read_text())
    assert (record["from_version"], record["to_version"]) == ("2023-10-10", "2024-02-01")
    # Reconstructed: no decision, no notice channel, no notice file; the source commit named.
    assert record["reconstructed"]["source_commit"] == february.meta["source_commit"]
    human = record["human_determination"]
    assert (human["decided_by"], human["decided_on"], human["decision"]) == (None, None, None)
    assert "reconstructed from git history" in human["unknown"]["decided_by"]
    assert record["notice_evidence"]["channels"] is None
    assert record["notice_evidence"]["notice_file"] is None
    assert not (store.folder / "github-privacy/notices").exists()
    settings = (store.folder / "github-privacy/statement.toml").read_text()
    assert 'title = "GitHub General Privacy Statement"' in settings
    assert 'version_line = "Effective date: {effective}"' in settings
    assert cli_invoke("verify", cwd=tmp_path / "mine").exit_code == 0


BASECAMP = CORPUS / "basecamp-policies/privacy-policy"


@pytest.mark.corpus
@needs_shared(BASECAMP)
def test_backfill_follows_basecamps_rename_and_rename_back(tmp_path: Path) -> None:
    manifest = build_repo(BASECAMP, tmp_path / "policies")
    Store.init(tmp_path / "mine")
    request = BackfillRequest(tmp_path / "policies", "privacy/index.md", "basecamp")
    done = backfill(Store(tmp_path / "mine"), request, NOW)
    assert done.commits == len(manifest) == 47
    paths = {r.entry.meta["source_path"] for r in done.revisions}
    assert paths == {"privacy/index.md", "privacy/privacy-policy.md"}
    kept = {r.entry.sha256 for r in done.revisions} | {
        hashlib.sha256(s.text.text.encode()).hexdigest() for s in done.superseded
    }
    # Every text of the history is a revision or listed as replaced the same day.
    assert kept == {str(e["sha256"]) for e in manifest}
    assert [str(r.version) for r in done.revisions][:4] == [
        "2018-05-14", "2018-05-24", "2018-10-21", "2018-10-22",
    ]  # fmt: skip
    assert verify_store(Store(tmp_path / "mine")).problems == ()


def commit(repo: Path, path: str, text: str, when: str, message: str) -> None:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text)
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_versions_collapse_and_fall_back_to_commit_dates(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "upstream")
    commit(repo, "terms.md", "# Terms\n\nBe nice.\n", "2024-01-05T10:00:00+00:00", "first")
    commit(repo, "terms.md", "# Terms\n\nBe kind.\n", "2024-01-05T18:00:00+00:00", "same day")
    dated = "# Terms\n\nLast updated: March 1, 2024\n\nBe kind.\n"
    commit(repo, "terms.md", dated, "2024-03-02T09:00:00+00:00", "dated")
    (repo / "legal").mkdir()
    (repo / "terms.md").rename(repo / "legal/terms.md")
    commit(repo, "legal/terms.md", dated + "\nBe fair.\n", "2024-04-01T09:00:00+00:00", "moved")
    stale = "# Terms\n\nLast updated: February 1, 2024\n\nBe fair.\n"
    commit(repo, "legal/terms.md", stale, "2024-05-01T09:00:00+00:00", "stale date")
    Store.init(tmp_path / "mine")
    request = BackfillRequest(repo, "legal/terms.md", "terms", kind="general")
    done = backfill(Store(tmp_path / "mine"), request, NOW)
    assert [(str(r.version), r.entry.meta["version_from"]) for r in done.revisions] == [
        ("2024-01-05", "commit date"),
        ("2024-03-01", "text"),
        ("2024-04-01", "commit date"),
        ("2024-05-01", "commit date"),
    ]
    assert [r.entry.published_at for r in done.revisions] == [
        "2024-01-05", "2024-03-02", "2024-04-01", "2024-05-01",
    ]  # fmt: skip
    assert done.revisions[0].path.read_text() == "# Terms\n\nBe kind.\n"  # the day's last
    assert [s.text.commit.subject for s in done.superseded] == ["first"]
    assert done.superseded[0].by == "2024-01-05"
    assert "Be fair." in done.revisions[2].path.read_text()
    assert done.revisions[2].entry.meta["source_path"] == "legal/terms.md"
    assert [r.entry.meta["source_subject"] for r in done.revisions] == [
        "same day",
        "dated",
        "moved",
        "stale date",
    ]
    assert Store(tmp_path / "mine").draft("terms") == stale
    with pytest.raises(StoreError, match="statement has revisions already"):
        backfill(Store(tmp_path / "mine"), request, NOW)


def test_cli_backfill(tmp_path: Path, git_repo: Callable[[Path], Path], cli_invoke: Invoke) -> None:
    repo = git_repo(tmp_path / "upstream")
    commit(repo, "p.md", "# P\n\nEffective date: May 1, 2024\n\nA.\n", "2024-05-02T09:00:00Z", "a")
    commit(repo, "p.md", "# P\n\nEffective date: June 1, 2024\n\nB.\n", "2024-06-01T09:00:00Z", "b")
    cli_invoke("init", cwd=tmp_path)
    args = ("backfill", "--repo", str(repo), "--path", "p.md", "--statement", "p")
    result = cli_invoke(*args, "--kind", "general")
    assert (result.exit_code, result.stdout) == (
        0,
        "backfilled p: 2 commits, 2 distinct texts, 2 revisions (2024-05-01 ... 2024-06-01)\n",
    )
    log = cli_invoke("log", "p").stdout.splitlines()
    assert [line.split()[0] for line in log] == ["2024-06-01", "2024-05-01"]
    assert cli_invoke(*args).exit_code == 1


COOKIES = "# Cookie policy\n\nWe use cookies to remember your preferences and measure traffic.\n"
ACCESS = "# Accessibility\n\nWe aim for WCAG 2.1 AA on every page; write to us if one is not.\n"


def test_an_unrelated_file_deleted_alongside_is_no_rename(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "upstream")
    commit(repo, "cookies.md", COOKIES, "2024-01-05T10:00:00+00:00", "cookies")
    (repo / "cookies.md").unlink()
    commit(repo, "accessibility.md", ACCESS, "2024-03-01T10:00:00+00:00", "swap")
    Store.init(tmp_path / "mine")
    request = BackfillRequest(repo, "accessibility.md", "access", kind="general")
    done = backfill(Store(tmp_path / "mine"), request, NOW)
    assert done.commits == 1
    assert [r.path.read_text() for r in done.revisions] == [ACCESS]


def test_a_rename_rewritten_past_gits_similarity_test_is_followed(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "upstream")
    old = "".join(f"We keep record {n} for thirty days.\n" for n in range(12))
    commit(repo, "privacy.md", old, "2024-01-05T10:00:00+00:00", "first")
    (repo / "privacy.md").unlink()
    new = old.replace("thirty", "ninety")  # every line changes: git sees no rename
    commit(repo, "notice.md", new, "2024-03-01T10:00:00+00:00", "renamed and rewritten")
    Store.init(tmp_path / "mine")
    request = BackfillRequest(repo, "notice.md", "notice", kind="general")
    done = backfill(Store(tmp_path / "mine"), request, NOW)
    assert [r.entry.meta["source_path"] for r in done.revisions] == ["privacy.md", "notice.md"]


@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd", "a/../../x.md"])
def test_cli_backfill_refuses_a_path_outside_the_repository(
    tmp_path: Path, git_repo: Callable[[Path], Path], cli_invoke: Invoke, path: str
) -> None:
    repo = git_repo(tmp_path / "upstream")
    commit(repo, "p.md", "# P\n\nA.\n", "2024-05-02T09:00:00Z", "a")
    cli_invoke("init", cwd=tmp_path)
    before = sorted((tmp_path / "statements").rglob("*"))
    result = cli_invoke("backfill", "--repo", str(repo), "--path", path, "--statement", "x")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()  # after the progress bar's own line
    assert len(lines) == 1 and lines[0].startswith(f"{path}: ")
    assert sorted((tmp_path / "statements").rglob("*")) == before


def test_backfill_refuses_a_folder_and_an_empty_repository(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "upstream")
    Store.init(tmp_path / "mine")
    request = BackfillRequest(repo, "legal", "terms", kind="general")
    with pytest.raises(InputError, match="no commit in this repository touches legal"):
        backfill(Store(tmp_path / "mine"), request, NOW)
    commit(repo, "legal/terms.md", "# Terms\n\nBe nice.\n", "2024-01-05T10:00:00+00:00", "first")
    with pytest.raises(KpversionError, match="is a folder in the repository, not a file"):
        backfill(Store(tmp_path / "mine"), request, NOW)


def test_an_old_name_is_refused_rather_than_followed_halfway(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    repo = git_repo(tmp_path / "upstream")
    commit(repo, "privacy.md", COOKIES, "2024-01-05T10:00:00+00:00", "first")
    (repo / "policies").mkdir()
    (repo / "privacy.md").rename(repo / "policies/privacy.md")
    commit(repo, "policies/privacy.md", COOKIES + "\nMore.\n", "2024-03-01T10:00:00+00:00", "move")
    Store.init(tmp_path / "mine")
    request = BackfillRequest(repo, "privacy.md", "privacy", kind="general")
    with pytest.raises(KpversionError, match="not in the repository at HEAD; give its newest path"):
        backfill(Store(tmp_path / "mine"), request, NOW)
    assert not (tmp_path / "mine/statements/privacy").exists()


def test_backfill_can_commit_and_tag_the_result(
    tmp_path: Path, git_repo: Callable[[Path], Path], cli_invoke: Invoke
) -> None:
    repo = git_repo(tmp_path / "upstream")
    commit(repo, "p.md", "# P\n\nEffective date: May 1, 2024\n\nA.\n", "2024-05-02T09:00:00Z", "a")
    commit(repo, "p.md", "# P\n\nEffective date: May 1, 2024\n\nB.\n", "2024-05-02T18:00:00Z", "b")
    commit(repo, "p.md", "# P\n\nEffective date: June 1, 2024\n\nC.\n", "2024-06-01T09:00:00Z", "c")
    mine = git_repo(tmp_path / "mine")
    cli_invoke("init", cwd=mine)
    args = ("backfill", "--repo", str(repo), "--path", "p.md", "--statement", "p", "--commit")
    result = cli_invoke(*args, "--kind", "general")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "backfilled p: 3 commits, 3 distinct texts, 2 revisions (2024-05-01 ... 2024-06-01)"
    )
    assert lines[1].startswith("  2024-05-02: text of commit ")
    assert lines[1].endswith("(a) was replaced the same day; revision 2024-05-01 holds the day's "
                             "last text")  # fmt: skip
    assert lines[2].startswith("git: commit ") and lines[2].endswith(", 2 tags")
    tags = subprocess.run(["git", "tag", "-l"], cwd=mine, capture_output=True, text=True).stdout
    assert tags.split() == ["p/2024-05-01", "p/2024-06-01"]
    assert cli_invoke("verify", cwd=mine).exit_code == 0
    ledger = mine / "statements/p/ledger.jsonl"
    ledger.write_text(ledger.read_text().replace('"verdict":"review"', '"verdict":"non-material"'))
    edited = cli_invoke("verify", cwd=mine)
    assert edited.exit_code == 3 and "p/2024-06-01 anchors" in edited.stderr
