from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.site.serve import Preview, fingerprint
from tests.site_tree import TEXT_V3, make_tree

TODAY = dt.date(2024, 3, 10)
V3 = DateVersion.parse("2024-06-01")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def eventually(check: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("condition not met in time")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Preview, Store]]:
    store = make_tree(tmp_path / "repo", TODAY)
    server = Preview(store, tmp_path / "site", 0, 0.05, today=lambda: TODAY)
    server.start()
    yield server, store
    server.stop()


def test_preview_serves_on_localhost_and_rebuilds_a_new_revision(
    preview: tuple[Preview, Store],
) -> None:
    server, store = preview
    assert server.url.startswith("http://127.0.0.1:")
    # On TODAY the material 2024-03-01 revision is pending: the page shows the text in force.
    assert "We do not sell or rent" in fetch(server.url + "policy/index.html")
    store.add_revision("policy", V3, TEXT_V3, {})
    # The archive is written before the revision's own page: wait for that page.
    eventually(lambda: (server.out / "policy/2024-06-01/index.html").is_file())
    page = fetch(server.url + "policy/2024-06-01/index.html")
    assert "session and persistent cookies" in page


def test_a_broken_setting_is_reported_and_the_server_keeps_going(
    preview: tuple[Preview, Store], tmp_path: Path
) -> None:
    server, store = preview
    lines: list[str] = []
    server.log = lines.append
    settings = store.folder / "kpversion.toml"
    good = settings.read_text()
    settings.write_text(good + "colour = 1\n")
    eventually(lambda: bool(lines))
    assert lines[0].startswith("build failed: ") and "unknown setting 'colour'" in lines[0]
    settings.write_text(good + 'base_url = "https://example.org/"\n')
    eventually(lambda: "https://example.org/" in fetch(server.url + "policy/banner.json"))
    assert "Example policies" in fetch(server.url)


def test_fingerprint_sees_a_changed_draft(tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo", TODAY)
    before = fingerprint(store.folder)
    store.write_draft("policy", "changed draft, longer than before\n" * 3)
    assert fingerprint(store.folder) != before


def test_serve_command_previews_and_rebuilds(tmp_path: Path) -> None:
    store = make_tree(tmp_path / "repo", TODAY)
    port = free_port()
    command = [sys.executable, "-c", "from kpversion.cli import main; main()"]
    command += ["serve", "--port", str(port)]
    command += ["--interval", "0.1", "--out", str(tmp_path / "site")]
    env = {**os.environ, "KPVERSION_ROOT": str(store.root)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/policy/index.html"
    try:
        eventually(lambda: _answers(url))
        assert "Privacy Statement" in fetch(url)
        store.add_revision("policy", V3, TEXT_V3, {})
        eventually(lambda: "session and persistent cookies" in fetch(url))
    finally:
        process.terminate()
        process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        fetch(url)
    except (urllib.error.URLError, ConnectionError):
        return False
    return True


def test_every_response_carries_the_policy_and_nosniff(preview: tuple[Preview, Store]) -> None:
    from kpversion.site.templating import CONTENT_SECURITY_POLICY

    server, _ = preview
    types = {
        "policy/index.html": "text/html",
        "policy/notices.atom": "application/atom+xml",
        "policy/notices.json": "application/json",
        "policy/banner.js": "text/javascript",
        "static/site.css": "text/css",
    }
    for path, kind in types.items():
        with urllib.request.urlopen(server.url + path, timeout=5) as response:
            assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Content-Type"].startswith(kind), path
    page = fetch(server.url + "policy/index.html")
    assert f'content="{CONTENT_SECURITY_POLICY}"'.replace("'", "&#39;") in page
