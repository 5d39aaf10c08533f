"""A saved copy of the site anchors the history outside the repository."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from kpversion import Store
from kpversion.site.build import build_site
from kpversion.store.ledger import line_hash, sha256_bytes
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import NOW, bundled_repo, edit_draft, git

Invoke = Callable[..., Result]
SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"


def test_a_consistent_rewrite_with_repointed_tags_is_caught_by_a_saved_site(
    tmp_path: Path, git_repo: Callable[[Path], Path], cli_invoke: Invoke
) -> None:
    repo = bundled_repo(tmp_path, git_repo)
    edit_draft(repo, SLUG, "January 24, 2023", "February 1, 2027")
    done = publish(Store(repo), PublishRequest(SLUG), NOW)
    build_site(Store(repo), tmp_path / "saved", dt.date(2027, 3, 2))
    saved = json.loads((tmp_path / "saved/integrity.json").read_text())
    line = (repo / FOLDER / "ledger.jsonl").read_text().splitlines()[-1]
    assert saved["statements"][SLUG]["ledger_head"] == line_hash(line)
    page = (tmp_path / "saved" / SLUG / f"{done.revision.version}/index.html").read_text()
    assert f'<meta name="kpversion:sha256" content="{done.revision.entry.sha256}">' in page
    assert f'<meta name="kpversion:entry" content="{line_hash(line)}">' in page
    current = (tmp_path / "saved" / SLUG / "index.html").read_text()
    assert f'<meta name="kpversion:ledger-head" content="{line_hash(line)}">' in current
    ok = cli_invoke("verify", "--against", str(tmp_path / "saved"), cwd=repo)
    assert ok.exit_code == 0, ok.output
    # Rewrite the last revision, its ledger line and its tag consistently.
    version = str(done.revision.version)
    revision = repo / FOLDER / f"revisions/{version}.md"
    ledger = repo / FOLDER / "ledger.jsonl"
    old_hash = sha256_bytes(revision.read_bytes())
    revision.write_text(revision.read_text() + "\nWe may sell your data.\n")
    new_line = line.replace(old_hash, sha256_bytes(revision.read_bytes()))
    ledger.write_text(ledger.read_text().replace(line, new_line))
    git(repo, "commit", "-q", "--amend", "-a", "--no-edit")
    tag = f"{SLUG}/{version}"
    git(repo, "tag", "-f", "-a", tag, "-m", f"x\n\nKpversion-Entry: {line_hash(new_line)}\n")
    assert cli_invoke("verify", cwd=repo).exit_code == 0  # nothing inside the repository shows
    caught = cli_invoke("verify", "--against", str(tmp_path / "saved"), cwd=repo)
    assert caught.exit_code == 3
    assert caught.stderr.splitlines() == [
        f"{FOLDER}/ledger.jsonl: revision {version}: its text's sha256 was {old_hash[:12]} in "
        f"the saved site ({tmp_path / 'saved'}), is {sha256_bytes(revision.read_bytes())[:12]} "
        "now: history was rewritten",
        f"{FOLDER}/ledger.jsonl: the ledger head the saved site ({tmp_path / 'saved'}) "
        "published, line 2, is no longer in the chain: history was rewritten",
    ]


def test_a_missing_or_garbled_saved_site_is_a_one_line_error(
    tmp_path: Path, cli_invoke: Invoke, bundled: Path
) -> None:
    missing = cli_invoke("verify", "--against", str(tmp_path / "nowhere"), cwd=bundled)
    assert missing.exit_code == 1 and len(missing.stderr.splitlines()) == 1
    (tmp_path / "site").mkdir()
    (tmp_path / "site/integrity.json").write_text('{"statements": 5}')
    garbled = cli_invoke("verify", "--against", str(tmp_path / "site"), cwd=bundled)
    assert garbled.exit_code == 1
    assert garbled.stderr.startswith(f"{tmp_path / 'site/integrity.json'}: not a kpversion")
    shutil.rmtree(tmp_path / "site")
