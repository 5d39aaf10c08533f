"""The rules cache: what a process reads back is what it would have built; a file that is
corrupt, for another key, or writable by someone else is never used."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kpversion.materiality import rules_cache, ruleset
from kpversion.materiality.reading import read
from kpversion.materiality.ruleset import Rules, load_rules

SENTENCE = "We do not sell your precise geolocation to advertisers for targeted advertising."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(rules_cache.ENV, str(folder))
    ruleset._cached_rules.cache_clear()  # each load_rules below is a new process's
    yield folder
    ruleset._cached_rules.cache_clear()


def fresh() -> Rules:
    ruleset._cached_rules.cache_clear()
    return load_rules()


def hits(rules: Rules) -> list[object]:
    return [rules.lexicon.find(sentence.words) for sentence in read(SENTENCE)]


def only_file(folder: Path) -> Path:
    files = list(folder.glob("rules-*.json"))
    assert len(files) == 1
    return files[0]


def test_a_cached_rule_set_is_the_one_built(cache: Path) -> None:
    built = fresh()
    assert built.tables is None
    path = only_file(cache)
    assert path.stat().st_mode & 0o777 == 0o600
    cached = fresh()
    assert cached.tables is not None
    assert cached.data == built.data
    assert cached.lexicon.tables == built.lexicon.tables
    assert hits(cached) == hits(built) != [[]]


def test_a_corrupt_file_is_rebuilt(cache: Path) -> None:
    fresh()
    path = only_file(cache)
    path.write_bytes(path.read_bytes()[:1000])
    assert fresh().tables is None  # built again, and written again
    assert fresh().tables is not None


def test_a_file_for_another_key_is_not_read(cache: Path) -> None:
    fresh()
    assert rules_cache.read("another key") is None
    only_file(cache).rename(cache / "renamed")
    assert fresh().tables is None


def test_overrides_have_their_own_file(cache: Path) -> None:
    fresh()
    assert rules_cache._path('[{}, {}, [], "general"]') != only_file(cache)


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a file to another user")
def test_nothing_is_read_from_a_file_another_user_owns(cache: Path) -> None:
    fresh()
    os.chown(only_file(cache), 12345, -1)
    assert fresh().tables is None


def test_a_file_or_folder_others_can_write_is_not_trusted(cache: Path) -> None:
    fresh()
    path = only_file(cache)
    path.chmod(0o620)
    assert fresh().tables is None
    path.chmod(0o600)
    cache.chmod(0o777)
    try:
        assert fresh().tables is None
    finally:
        cache.chmod(0o700)
    assert fresh().tables is not None


def test_a_symlink_is_not_followed(cache: Path, tmp_path: Path) -> None:
    fresh()
    path = only_file(cache)
    target = tmp_path / "elsewhere.json"
    path.rename(target)
    path.symlink_to(target)
    assert fresh().tables is None


def test_an_empty_setting_turns_the_cache_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rules_cache.ENV, "")
    assert fresh().tables is None
    assert fresh().tables is None
    assert not cache.exists()


def test_a_folder_that_cannot_be_made_skips_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(rules_cache.ENV, str(blocker / "cache"))
    assert fresh().tables is None
    ruleset._cached_rules.cache_clear()
