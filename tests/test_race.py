"""Races between statements: publishes of different statements in one repository at once.

They share git's index; the repository's lock around the git step keeps each publish whole:
every one succeeds, and the index holds nothing afterwards. The long runs are in
bench/race_bench.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from kpversion import Store
from kpversion.store.verify import verify_store

from .race_tree import FIRST, index_is_clean, publish_at_once, race_repo
from .statement_repo import git

ROUNDS = 10
"""Rounds in the suite; bench/race_bench.py runs 50 of each."""


@pytest.mark.slow
@pytest.mark.parametrize("at_once", [2, 5])
def test_concurrent_publishes_across_statements_all_succeed_and_leave_a_clean_index(
    tmp_path: Path, git_repo: Callable[[Path], Path], at_once: int
) -> None:
    root = tmp_path / "repo"
    slugs = race_repo(root, git_repo, at_once)
    for round_number in range(1, ROUNDS + 1):
        day = FIRST + dt.timedelta(days=round_number)
        assert publish_at_once(root, slugs, day) == [], round_number
        assert index_is_clean(root), (round_number, git(root, "status", "--porcelain"))
    assert verify_store(Store(root)).problems == ()
    assert len(git(root, "tag", "-l").split()) == ROUNDS * at_once
    commits = git(root, "log", "--format=%s").splitlines()
    assert len(commits) == ROUNDS * at_once + 1
