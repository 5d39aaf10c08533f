"""The stored lemmas: the same lemmas as simplemma's dictionary, kept in a private file that a
new process reads without importing simplemma; a file that is empty or not a database is
built again, and no cache means the dictionary as shipped."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kpversion.materiality import lemmas, rules_cache

WORDS = ("collected", "shares", "Sharing", "processes", "children", "data", "WooPayments")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(rules_cache.ENV, str(folder))
    lemmas._forms.cache_clear()  # each lemma below is asked as a new process would
    yield folder
    lemmas._forms.cache_clear()


def fresh(word: str) -> str:
    lemmas._forms.cache_clear()
    return lemmas.lemma(word)


def only_file(folder: Path) -> Path:
    files = list(folder.glob("lemmas-*.sqlite"))
    assert len(files) == 1
    return files[0]


def test_the_stored_lemmas_are_the_dictionarys(cache: Path) -> None:
    shipped = lemmas._shipped()
    stored = [fresh(word) for word in WORDS]
    assert only_file(cache).stat().st_mode & 0o777 == 0o600
    assert stored == ["collect", "share", "share", "process", "child", "data", "woopayments"]
    for word, found in zip(WORDS, stored, strict=True):
        expected = shipped.get(word) or shipped.get(word.lower()) or word
        assert found == expected.lower()


def test_a_stored_file_is_read_back(cache: Path) -> None:
    fresh("collected")
    path = only_file(cache)
    built = path.stat().st_mtime_ns
    assert fresh("shares") == "share"
    assert path.stat().st_mtime_ns == built  # read, not written again


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\0" * 8])
def test_a_file_that_is_no_database_is_built_again(cache: Path, content: bytes) -> None:
    fresh("collected")
    path = only_file(cache)
    path.write_bytes(content)
    assert fresh("processes") == "process"
    assert path.stat().st_size > 1_000_000


def test_a_file_others_can_write_is_not_read(cache: Path) -> None:
    fresh("collected")
    path = only_file(cache)
    os.chmod(path, 0o622)
    assert lemmas._read(path) is None
    assert fresh("shares") == "share"  # built again, and written privately
    assert only_file(cache).stat().st_mode & 0o777 == 0o600


def test_other_dictionaries_files_are_kept_a_few(cache: Path) -> None:
    fresh("collected")
    first = only_file(cache)
    others = [lemmas._path(f"dictionary {n}") for n in range(lemmas.KEEP + 1)]
    for other in others:
        assert other is not None
        lemmas._build(other)
    kept = set(cache.glob("lemmas-*.sqlite"))
    assert len(kept) == lemmas.KEEP and others[-1] in kept and first not in kept


def test_a_damaged_file_is_built_again(cache: Path) -> None:
    fresh("collected")
    path = only_file(cache)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte of a page, the header intact
    path.write_bytes(bytes(data))
    assert lemmas._read(path) is None
    assert fresh("processes") == "process"
    assert lemmas._read(only_file(cache)) is not None


def test_a_folder_that_cannot_be_kept_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    os.chmod(shared, 0o777)  # writable by others: no cache is read or written there
    monkeypatch.setenv(rules_cache.ENV, str(shared))
    lemmas._forms.cache_clear()
    try:
        assert lemmas.lemma("collected") == "collect"
        assert not isinstance(lemmas._forms(), lemmas.StoredForms)
        assert not list(shared.glob("lemmas-*"))
    finally:
        lemmas._forms.cache_clear()


def test_no_cache_reads_the_dictionary_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rules_cache.ENV, "")
    lemmas._forms.cache_clear()
    try:
        assert lemmas.lemma("collected") == "collect"
        assert not isinstance(lemmas._forms(), lemmas.StoredForms)
    finally:
        lemmas._forms.cache_clear()


def test_a_process_with_the_file_does_not_import_simplemma(cache: Path) -> None:
    fresh("collected")
    script = (
        "import sys; from kpversion.materiality import lemmas;"
        " print(lemmas.lemma('shares'), 'simplemma' in sys.modules)"
    )
    env = {**os.environ, rules_cache.ENV: str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["share", "False"]
