"""Shared fixtures: a CLI runner, temporary stores, the shared corpus and golden files."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KPVERSION_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(autouse=True, scope="session")
def rules_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The suite's own rules cache (for its subprocesses too): a run never writes into the
    user's ~/.cache, and starts cold."""
    folder = tmp_path_factory.mktemp("rules-cache")
    before = os.environ.get("KPVERSION_CACHE_DIR")
    os.environ["KPVERSION_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["KPVERSION_CACHE_DIR"]
    else:
        os.environ["KPVERSION_CACHE_DIR"] = before


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked slow first (the sort keeps the order otherwise): in two workers, what
    starts last is then short, and both end at about the same time."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def needs_shared(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not path.exists(), reason=f"{path} is absent (the shared/ folder beside the repository)"
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/<name>, or rewrite it under --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            if not update and os.environ.get("CI"):
                pytest.fail(f"golden file {path} is missing")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"

    return check


@pytest.fixture
def cli_invoke(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `kpversion ARGS` in-process inside a given folder."""
    from kpversion.cli import cli

    def invoke(*args: str, cwd: Path | None = None, input: str | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the repository's bundled statements/ in a temporary folder."""
    shutil.copytree(REPO / "statements", tmp_path / "statements")
    return tmp_path


@pytest.fixture
def git_repo(tmp_path: Path) -> Callable[[Path], Path]:
    """Turn a folder into a git repository with a local identity and no signing."""

    def make(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)

        def run(*args: str) -> None:
            subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)

        run("init", "-q", "-b", "main")
        run("config", "user.name", "Test Editor")
        run("config", "user.email", "editor@example.org")
        run("config", "commit.gpgsign", "false")
        run("config", "tag.gpgsign", "false")
        return folder

    return make
