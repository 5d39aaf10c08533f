from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpversion import Store
from kpversion.dates import DateVersion
from kpversion.errors import KpversionError, StoreError
from kpversion.store.tree import parse_ref
from kpversion.store.verify import verify_store

NOW = {"published_at": "2024-01-01"}


def make_store(tmp_path: Path) -> Store:
    store = Store.init(tmp_path)
    store.create_statement("policy", {"title": "Policy"})
    return store


def test_api_reads_statements_revisions_and_draft(bundled: Path) -> None:
    store = Store(bundled)
    assert [s.slug for s in store.statements()] == ["equity-inclusion", "privacy-statement"]
    revisions = store.revisions("privacy-statement")
    assert [str(r.version) for r in revisions] == ["2023-01-24"]
    assert store.draft("privacy-statement") == revisions[0].text()
    assert store.statement("equity-inclusion").settings.kind == "general"


def test_revisions_chain_and_verify(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    first = store.add_revision("policy", DateVersion.parse("2024-01-01"), "one\n", NOW)
    second = store.add_revision("policy", DateVersion.parse("2024-02-01"), "two\n", NOW)
    assert first.entry.prev is None
    assert second.entry.prev is not None and len(second.entry.prev) == 64
    assert store.text("policy", "2024-01-01") == "one\n"
    assert store.text("policy", "latest") == "two\n"
    assert store.text("policy", "draft") == "two\n"
    assert verify_store(store).problems == ()


def test_version_must_be_after_the_latest(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.add_revision("policy", DateVersion.parse("2024-02-01"), "one\n", NOW)
    with pytest.raises(StoreError, match="not after the latest revision 2024-02-01"):
        store.add_revision("policy", DateVersion.parse("2024-02-01"), "two\n", NOW)
    assert [str(r.version) for r in store.revisions("policy")] == ["2024-02-01"]


def test_tampered_revision_and_ledger_are_found(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.add_revision("policy", DateVersion.parse("2024-01-01"), "one\n", NOW)
    store.add_revision("policy", DateVersion.parse("2024-02-01"), "two\n", NOW)
    folder = store.folder / "policy"
    (folder / "revisions/2024-01-01.md").write_text("ONE\n")
    problems = [str(p) for p in verify_store(store).problems]
    assert problems == [
        "statements/policy/revisions/2024-01-01.md: published revision changed (sha256 mismatch)"
    ]
    ledger = folder / "ledger.jsonl"
    ledger.write_text(ledger.read_text().replace('"non-material"', '"material"', 1))
    problems = [str(p) for p in verify_store(store).problems]
    assert "statements/policy/ledger.jsonl: line 2 (2024-02-01): hash chain broken" in problems


def test_stray_revision_file_is_reported(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.add_revision("policy", DateVersion.parse("2024-01-01"), "one\n", NOW)
    (store.folder / "policy/revisions/2025-01-01.md").write_text("x\n")
    assert [str(p) for p in verify_store(store).problems] == [
        "statements/policy/revisions/2025-01-01.md: not in the ledger"
    ]


@pytest.mark.parametrize("slug", ["../x", "Policy", "-x", "a/b", "", "x" * 65])
def test_bad_slugs_are_refused(tmp_path: Path, slug: str) -> None:
    store = make_store(tmp_path)
    with pytest.raises(KpversionError, match="invalid statement slug"):
        store.statement(slug)


def test_unknown_slug(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown statement 'nope'"):
        make_store(tmp_path).statement("nope")


def test_no_statements_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no statements/ folder"):
        Store.discover(tmp_path)


def test_discover_searches_upward(bundled: Path) -> None:
    deep = bundled / "a" / "b"
    deep.mkdir(parents=True)
    assert Store.discover(deep).folder == (bundled / "statements").resolve()


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("p", ("p", "latest")), ("p@draft", ("p", "draft")), ("p@2023-01-24", ("p", "2023-01-24"))],
)
def test_parse_ref(spec: str, expected: tuple[str, str]) -> None:
    assert parse_ref(spec) == expected


def test_parse_ref_refuses_impossible_dates() -> None:
    with pytest.raises(KpversionError, match="not a real date"):
        parse_ref("p@2023-02-30")


def test_date_version_orders_and_validates() -> None:
    assert DateVersion.parse("2023-01-24") < DateVersion.parse("2023-02-01")
    assert DateVersion(dt.date(2023, 1, 24)).__str__() == "2023-01-24"
    for bad in ("2023-02-30", "2023-1-2", "20230124", "x"):
        assert not DateVersion.is_valid(bad)
