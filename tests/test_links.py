"""Symbolic links and other non-regular files under statements/ never leak or redirect.

Git stores links, so a pull request can make `draft.md` point at the checkout's `.git/config`
(the CI token) or `/proc/self/environ`, or make `records/` point out of the tree. Every file
kpversion reads or writes under statements/ is a regular file inside it; the rest is refused in
one line, `verify` and `check` report every link, and `serve` follows none out of its folder.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kpversion import Store
from kpversion.errors import StoreError
from kpversion.site.serve import Preview
from kpversion.store import transaction

from .site_tree import make_tree
from .statement_repo import bundled_repo, edit_draft, git, snapshot

Invoke = Callable[..., Result]
SLUG = "privacy-statement"
FOLDER = f"statements/{SLUG}"
TOKEN = "AUTHORIZATION: basic c2VjcmV0LXRva2Vu"
LINKED = "is a symbolic link; kpversion reads and writes only regular files inside statements/"


@pytest.fixture
def repo(tmp_path: Path, git_repo: Callable[[Path], Path]) -> Path:
    root = bundled_repo(tmp_path, git_repo)
    git(root, "config", "http.https://example.org/.extraheader", TOKEN)
    return root


def link_draft(repo: Path, target: str) -> None:
    draft = repo / FOLDER / "draft.md"
    draft.unlink()
    draft.symlink_to(target)


@pytest.mark.parametrize("target", ["../../.git/config", "/proc/self/environ"])
@pytest.mark.parametrize(
    "command",
    [
        ("diff", SLUG, "--format", "markdown"),
        ("diff", f"{SLUG}@latest", f"{SLUG}@draft"),
        ("show", f"{SLUG}@draft"),
        ("publish", SLUG, "--override", "material", "--because", "x"),
        ("status",),
    ],
)
def test_a_linked_draft_is_refused_in_one_line_and_leaks_nothing(
    repo: Path, cli_invoke: Invoke, target: str, command: tuple[str, ...]
) -> None:
    link_draft(repo, target)
    before = snapshot(repo)
    result = cli_invoke(*command, cwd=repo)
    assert result.exit_code == 1
    assert result.stdout == ""
    refused = "; nothing published" if command[0] == "publish" else ""
    assert result.stderr == f"{FOLDER}/draft.md: {LINKED}{refused}\n"
    assert snapshot(repo) == before


def test_check_and_verify_report_a_linked_draft(repo: Path, cli_invoke: Invoke) -> None:
    link_draft(repo, "../../.git/config")
    for command in ("check", "verify"):
        result = cli_invoke(command, cwd=repo)
        assert result.exit_code == 3, result.output
        assert f"{FOLDER}/draft.md: {LINKED}" in result.output
        assert "extraheader" not in result.output and "c2VjcmV0" not in result.output


def test_links_anywhere_in_a_statement_folder_or_in_statements_are_reported(
    repo: Path, cli_invoke: Invoke, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / FOLDER / "extra").mkdir()
    (repo / FOLDER / "extra" / "secret").symlink_to("/etc/passwd")
    (repo / "statements" / "elsewhere").symlink_to(outside)
    result = cli_invoke("verify", cwd=repo)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"statements/elsewhere: {LINKED}",
        f"{FOLDER}/extra/secret: {LINKED}",
    ]


@pytest.mark.parametrize("folder", ["records", "notices"])
def test_publish_refuses_a_linked_folder_and_writes_nothing_outside(
    repo: Path, cli_invoke: Invoke, tmp_path: Path, folder: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    inside = repo / FOLDER / folder
    assert not inside.exists()  # the bundled statement has no notice or record yet
    inside.symlink_to(outside)
    edit_draft(repo, SLUG, "We do not sell or rent", "We may sell or rent")
    before = sorted(p.name for p in outside.iterdir())
    result = cli_invoke("publish", SLUG, "--override", "material", "--because", "x", cwd=repo)
    assert result.exit_code == 1
    # verify, which publish runs first, names the published files' folder as such
    linked = "is a symbolic link, not the published files"
    assert result.stderr == f"{FOLDER}/{folder}: {linked}; nothing published\n"
    assert sorted(p.name for p in outside.iterdir()) == before
    assert git(repo, "tag", "-l") == ""
    # The write path refuses too, whatever checked (or did not check) before it.
    with pytest.raises(StoreError, match=f"{folder}: {LINKED}"):
        transaction.run(repo / FOLDER, [(f"{folder}/2027-01-01.json", b"{}")], None)
    assert sorted(p.name for p in outside.iterdir()) == before


def test_a_draft_that_is_a_fifo_does_not_hang_a_command(repo: Path, cli_invoke: Invoke) -> None:
    draft = repo / FOLDER / "draft.md"
    draft.unlink()
    os.mkfifo(draft)
    result = cli_invoke("diff", SLUG, cwd=repo)
    assert result.exit_code == 1
    assert result.stderr == f"{FOLDER}/draft.md: is not a regular file\n"


def test_a_linked_user_template_is_refused(tmp_path: Path, cli_invoke: Invoke) -> None:
    make_tree(tmp_path / "repo")
    templates = tmp_path / "repo" / "statements" / "templates"
    templates.mkdir()
    (templates / "statement.html").symlink_to("/etc/passwd")
    settings = tmp_path / "repo" / "statements" / "kpversion.toml"
    settings.write_text(settings.read_text() + 'templates = "templates"\n')
    result = cli_invoke("build", "--out", str(tmp_path / "site"), cwd=tmp_path / "repo")
    assert result.exit_code == 1
    assert result.stderr == f"templates/statement.html: {LINKED}\n"
    assert "root:" not in result.output


def test_serve_follows_no_link_out_of_its_folder(tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me\n")
    out = tmp_path / "site"
    server = Preview(store, out, 0, 60, today=lambda: dt.date(2024, 3, 10))
    (out / "leak.txt").symlink_to(secret)
    (out / "policy" / "up").symlink_to(tmp_path)
    server.start()
    try:
        for path in ("leak.txt", "policy/up/secret.txt"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(server.url + path, timeout=5)
            assert refused.value.code == 404
        with urllib.request.urlopen(server.url + "policy/index.html", timeout=5) as page:
            assert page.status == 200
    finally:
        server.stop()


def test_a_busy_port_is_one_line_before_any_build(tmp_path: Path, cli_invoke: Invoke) -> None:
    import socket

    make_tree(tmp_path / "repo")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli_invoke("serve", "--port", str(port), cwd=tmp_path / "repo")
    assert result.exit_code == 1
    assert result.output == (
        f"127.0.0.1:{port}: port already in use; give another --port, or --port 0 for a free one\n"
    )
    assert not (tmp_path / "repo" / "site").exists()


def test_store_reads_stay_inside_when_the_statement_folder_itself_is_linked(
    tmp_path: Path,
) -> None:
    store = make_tree(tmp_path / "repo")
    real = tmp_path / "real-policy"
    (store.folder / "policy").rename(real)
    (store.folder / "policy").symlink_to(real)
    assert "policy" not in Store(tmp_path / "repo").slugs()
