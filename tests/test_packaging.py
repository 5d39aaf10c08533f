"""A package people can install: metadata, an sdist that carries (and runs) its own tests, the
README's install line, and the pre-commit hook through `pre-commit try-repo`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import venv
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import REPO, SEEDS
from .statement_repo import bundled_repo

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
REGISTRY_HOSTS = ("pypi.org", "pythonhosted.org", "npmjs", "test.pypi")


def test_metadata_license_and_classifiers() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    classifiers = PROJECT["classifiers"]
    assert "Typing :: Typed" in classifiers
    assert not [c for c in classifiers if c.startswith("License ::")], "SPDX replaces these"
    urls = " ".join(PROJECT.get("urls", {}).values())
    assert not any(host in urls for host in REGISTRY_HOSTS)


def git_files(*folders: str) -> set[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--", *folders], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(listed.stdout.split())


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and wheel `python -m build` makes of this checkout."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "-o", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return out


def test_the_sdist_carries_the_tests_their_data_and_what_they_read(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        names = {name.removeprefix(f"{top}/") for name in archive.getnames()}
    needed = git_files("src", "tests", "docs", "scripts", "statements", "bench")
    assert needed - names == set()
    assert {"LICENSE", "pyproject.toml", "Makefile", ".pre-commit-hooks.yaml"} <= names
    assert any(n.startswith("tests/golden/") for n in names)
    assert any(n.startswith("tests/data/") for n in names)
    assert not [n for n in names if "__pycache__" in n or n.startswith(".venv")]


def test_the_unpacked_sdist_runs_its_own_tests(dist: Path, tmp_path: Path) -> None:
    """A fast part of the suite, run from the unpacked sdist against its own src/ (the whole
    suite runs there too: see the commit that added this test)."""
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked / "src"), "KPVERSION_SHARED": str(SEEDS.parent)}
    tests = ["tests/test_layers.py", "tests/test_commands_doc.py", "tests/test_diff_cli.py"]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    probe = [sys.executable, "-c", "import kpversion; print(kpversion.__file__)"]
    where = subprocess.run(probe, cwd=unpacked, env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(unpacked / "src")), where.stdout


def test_the_readme_install_line_gives_a_working_command(tmp_path: Path) -> None:
    """`pip install .` as the README says, into a fresh environment (its dependencies taken
    from this one, so the test needs no network)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install .  " in readme and "pip install kpversion" not in readme
    target = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(target)
    site = next(target.glob("lib/python3*/site-packages"))
    here = next(p for p in sys.path if p.endswith("site-packages"))
    (site / "deps.pth").write_text(here + "\n")
    python = str(target / "bin" / "python")
    pip = [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, "--ignore-installed", "."], cwd=REPO, check=True, capture_output=True)
    command = target / "bin" / "kpversion"
    shown = subprocess.run(
        [str(command), "--version"], capture_output=True, text=True, env={"PATH": os.defpath}
    )
    assert (shown.returncode, shown.stdout) == (0, "kpversion 0.1.0.dev0\n"), shown.stderr
    located = subprocess.run(
        [python, "-c", "import kpversion; print(kpversion.__file__)"],
        capture_output=True,
        text=True,
    )
    assert located.stdout.startswith(str(target)), located.stdout


def snapshot(target: Path) -> Path:
    """This checkout's files (tracked, and new ones not ignored) committed in a fresh
    repository, as try-repo's own shadow copy would be, but one that outlives a run, so a
    second run reuses the hook environment the first installed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    identity = ["-c", "user.name=Test", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=target, check=True)
    return target


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo_runs_the_hook(
    tmp_path: Path, git_repo: Callable[[Path], Path]
) -> None:
    """The real pre-commit framework installs this repository's hook and runs it (it installs
    kpversion and its dependencies from the package index into its own environment)."""
    source = snapshot(tmp_path / "kpversion")
    repo = bundled_repo(tmp_path, git_repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(source), "kpversion-check"]
    run = subprocess.run(
        [*command, "--all-files"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "kpversion check (published revisions and ledgers are append-only)" in run.stdout
    assert "Passed" in run.stdout
    revision = repo / "statements/privacy-statement/revisions/2023-01-24.md"
    revision.write_text(revision.read_text().replace("We do not sell", "We may sell"))
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    failed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert failed.returncode == 1, failed.stdout
    assert "staged edit to a published revision (refused)" in failed.stdout
