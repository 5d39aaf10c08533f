"""Every file under the chain: records, notices and the last ledger line, against the files,
the publish tags and a saved copy of the site."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.errors import IntegrityError
from kpversion.records.record import load_record
from kpversion.workflows.publish import PublishRequest, publish

from .statement_repo import FLIP, NOW, bundled_repo, edit_draft, git

Invoke = Callable[..., Result]
SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"
VERSION = "2027-03-02"
APPROVED = PublishRequest(SLUG, override="material", because="Counsel approved", editor="Ed")


@pytest.fixture
def published(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    """The bundled statements in git, with one material revision published (notice, record,
    commit and tag)."""
    repo = bundled_repo(tmp_path, git_repo)
    edit_draft(repo, SLUG, *FLIP)
    publish(Store(repo), APPROVED, NOW)
    return repo


def verify(cli_invoke: Invoke, repo: Path) -> tuple[int, list[str]]:
    result = cli_invoke("verify", cwd=repo)
    return result.exit_code, result.stderr.splitlines()


RECORD = f"{FOLDER}/records/{VERSION}.json"
NOTICE = f"{FOLDER}/notices/{VERSION}.md"


def one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[10] = data[10] ^ 1
    path.write_bytes(bytes(data))


def drop_a_line(path: Path) -> None:
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:2] + lines[3:]))


def flip_consent(path: Path) -> None:
    path.write_text(
        path.read_text().replace('"consent_required": true', '"consent_required": false')
    )


@pytest.mark.parametrize(
    ("edit", "name"),
    [(one_byte, RECORD), (drop_a_line, RECORD), (flip_consent, RECORD), (one_byte, NOTICE),
     (drop_a_line, NOTICE)],
)  # fmt: skip
def test_an_edited_record_or_notice_is_found(
    published: Path, cli_invoke: Invoke, edit: Callable[[Path], None], name: str
) -> None:
    assert verify(cli_invoke, published)[0] == 0
    before = (published / name).read_bytes()
    edit(published / name)
    assert (published / name).read_bytes() != before
    what = "retroactivity record" if name == RECORD else "notice"
    assert verify(cli_invoke, published) == (3, [f"{name}: {what} changed (sha256 mismatch)"])


@pytest.mark.parametrize("name", [RECORD, NOTICE])
def test_a_deleted_record_or_notice_is_found(
    published: Path, cli_invoke: Invoke, name: str
) -> None:
    (published / name).unlink()
    what = "retroactivity record" if name == RECORD else "notice"
    assert verify(cli_invoke, published) == (3, [f"{name}: {what} is missing"])


def test_extra_records_and_notices_are_found(published: Path, cli_invoke: Invoke) -> None:
    folder = published / FOLDER
    shutil.copy(folder / f"records/{VERSION}.json", folder / "records/2027-05-01.json")
    (folder / "notices/2023-01-24.md").write_text("# A notice nobody published\n")
    code, lines = verify(cli_invoke, published)
    assert code == 3
    assert lines == [
        f"{FOLDER}/notices/2023-01-24.md: extra file: the ledger records no notice",
        f"{FOLDER}/records/2027-05-01.json: not in the ledger",
    ]


def test_an_edit_of_the_last_ledger_line_is_caught_by_its_tag(
    published: Path, cli_invoke: Invoke
) -> None:
    ledger = published / FOLDER / "ledger.jsonl"
    ledger.write_text(
        ledger.read_text().replace('"effective":"2027-04-01"', '"effective":"2027-03-02"')
    )
    assert verify(cli_invoke, published) == (3, [
        f"{FOLDER}/ledger.jsonl: line 2 ({VERSION}): differs from what its publish tag "
        f"{SLUG}/{VERSION} anchors (the line was edited, or the tag re-pointed)"
    ])  # fmt: skip


def test_a_deleted_or_repointed_tag_is_reported(published: Path, cli_invoke: Invoke) -> None:
    tag = f"{SLUG}/{VERSION}"
    message = git(published, "tag", "-l", "--format=%(contents)", tag)
    git(published, "tag", "-d", tag)
    assert verify(cli_invoke, published) == (3, [
        f"{FOLDER}/ledger.jsonl: line 2 ({VERSION}): its publish tag {tag} is missing"
    ])  # fmt: skip
    git(published, "tag", "-a", tag, "-m", message, "HEAD~1")
    code, lines = verify(cli_invoke, published)
    assert code == 3
    assert lines == [
        f"{FOLDER}/revisions/{VERSION}.md: differs from the revision its publish tag {tag} "
        "holds (the file was changed, or the tag re-pointed)"
    ]
    git(published, "tag", "-d", tag)
    git(published, "tag", tag, "HEAD")  # lightweight: no entry hash
    assert verify(cli_invoke, published)[1] == [
        f"{FOLDER}/ledger.jsonl: line 2 ({VERSION}): tag {tag} carries no entry hash (not the "
        "annotated publish tag)"
    ]


def test_the_ledger_line_holds_the_hashes_and_the_tag_its_hash(published: Path) -> None:
    import hashlib

    folder = published / FOLDER
    line = (folder / "ledger.jsonl").read_text().splitlines()[-1]
    entry = json.loads(line)
    digest = hashlib.sha256((folder / f"records/{VERSION}.json").read_bytes()).hexdigest()
    assert entry["record_sha256"] == digest
    notice = hashlib.sha256((folder / f"notices/{VERSION}.md").read_bytes()).hexdigest()
    assert entry["notice_sha256"] == notice
    assert entry["tag"] == f"{SLUG}/{VERSION}"
    message = git(published, "tag", "-l", "--format=%(contents)", f"{SLUG}/{VERSION}")
    assert f"Kpversion-Entry: {hashlib.sha256(line.encode()).hexdigest()}" in message


@pytest.mark.parametrize(
    ("field", "value"), [("consent_required", "no"), ("verdict", 7), ("surprise", True)]
)
def test_a_mistyped_record_is_an_integrity_problem(
    published: Path, field: str, value: object
) -> None:
    path = published / RECORD
    data = json.loads(path.read_text())
    data[field] = value
    path.write_text(json.dumps(data))
    with pytest.raises(IntegrityError) as caught:
        load_record(Store(published), SLUG, VERSION)
    assert caught.value.exit_code == 3
    assert caught.value.message.startswith(f"{RECORD}: not a retroactivity record (")


def test_statement_settings_changed_since_the_last_publish_are_shown(
    published: Path, cli_invoke: Invoke
) -> None:
    settings = published / FOLDER / "statement.toml"
    text = settings.read_text().replace('kind = "privacy"', 'kind = "general"')
    settings.write_text(text)
    result = cli_invoke("check", "--today", "2027-03-02", cwd=published)
    assert (
        f"{FOLDER}/statement.toml: warning: changed since the last publish ({VERSION}): kind "
        "'privacy' -> 'general'; verdicts and obligations now follow the new settings"
    ) in result.stdout.splitlines()


def test_a_stray_backfill_folder_is_reported_not_fatal(published: Path, cli_invoke: Invoke) -> None:
    stray = published / "statements/.terms.backfill-999999999"
    stray.mkdir()
    (stray / "statement.toml").write_text('title = "T"\n')
    copy = published / "statements/Copy of privacy"
    shutil.copytree(published / FOLDER, copy)
    result = cli_invoke("verify", cwd=published)
    assert result.exit_code == 0, result.output
    assert not stray.exists()  # its process is gone: the next command removed it
    assert result.stderr == (
        # Recovery is never silent: the removal is said first, as the store opens.
        "statements/.terms.backfill-999999999: removed, built by a backfill that was killed\n"
        "warning: statements/Copy of privacy: holds a statement.toml but is not a statement "
        "folder (its name is no slug; an interrupted backfill?); skipped\n"
    )
    assert cli_invoke("log", SLUG, cwd=published).exit_code == 0


def test_a_folder_a_killed_backfill_replaced_is_put_back(tmp_path: Path) -> None:
    store = Store.init(tmp_path)
    store.create_statement("terms", {"title": "Terms"})
    old = store.folder / ".terms.backfill-old"
    (store.folder / "terms").rename(old)
    assert Store(tmp_path).slugs() == ["terms"]
    assert not old.exists()
