from __future__ import annotations

import datetime as dt

from kpversion import Store
from kpversion.change import (
    Change,
    ChangeKind,
    DiffResult,
    Direction,
    EditOp,
    Side,
    Verdict,
    WordEdit,
)
from kpversion.dates import DateVersion
from kpversion.records.notice import Notice, build_notice, load_notice, notices, snippet, summarize

FLIP = Change(
    ChangeKind.MODIFIED,
    ("Privacy Statement",),
    ("Privacy Statement",),
    "We do not sell or rent personal information.",
    "We may sell or rent personal information.",
    edits=(WordEdit(EditOp.REPLACE, "do not", "may"),),
    verdict=Verdict.MATERIAL,
    direction=Direction.MORE_PERMISSIVE,
    category="third-party-sharing",
)
ADDED = Change(
    ChangeKind.ADDED,
    (),
    ("Your Rights",),
    "",
    "You may ask us to delete your information.",
    verdict=Verdict.MATERIAL,
    direction=Direction.MORE_PROTECTIVE,
)
DATE = Change(
    ChangeKind.FORMAT,
    ("Contacts",),
    ("Contacts",),
    "Last reviewed/updated: January 24, 2023",
    "Last reviewed/updated: March 2, 2027",
    verdict=Verdict.NON_MATERIAL,
    direction=Direction.NEUTRAL,
)


def result(*changes: Change) -> DiffResult:
    return DiffResult(Side("old", "0"), Side("new", "1"), changes)


def test_summary_puts_the_editor_first_then_what_where_and_which_way() -> None:
    assert summarize(result(FLIP, ADDED, DATE), "We now sell data.") == (
        "We now sell data.\n\n"
        "- In “Privacy Statement”, we changed “do not” to “may”: “We may sell or rent personal "
        "information.” (third party sharing). This allows more use or sharing of your "
        "information than before.\n"
        "- In “Your Rights”, we added: “You may ask us to delete your information.” This gives "
        "your information more protection than before.\n"
        "- We also made 1 editorial change (wording, formatting or dates)."
    )


def test_summary_of_editorial_changes_only() -> None:
    assert summarize(result(DATE, DATE)) == (
        "- Editorial changes only (2): wording, formatting or dates; "
        "no change to how your information is handled."
    )


def test_notice_fields_and_page() -> None:
    dates = ("2023-01-24", "2027-03-02", dt.date(2027, 3, 2), dt.date(2027, 4, 1))
    notice = build_notice("privacy-statement", "Privacy Statement", result(ADDED), dates)
    assert notice.to_meta() == {
        "title": "Privacy Statement: changes effective April 1, 2027",
        "summary": summarize(result(ADDED)),
        "published": "2027-03-02",
        "effective": "2027-04-01",
        "compare": "2023-01-24...2027-03-02",
    }
    assert notice.to_markdown() == (
        "# Privacy Statement: changes effective April 1, 2027\n\n"
        "Published March 2, 2027. Effective April 1, 2027.\n\n"
        f"{notice.summary}\n\n"
        "Compare the previous version (2023-01-24) with this one (2027-03-02): "
        "2023-01-24...2027-03-02\n"
    )


def test_notices_are_read_from_the_ledger(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.init(tmp_path)
    store.create_statement("p", {"title": "P"})
    store.add_revision("p", DateVersion.parse("2024-01-01"), "a\n", {"published_at": "2024-01-01"})
    meta = {"title": "T", "summary": "S", "published": "2024-02-01", "effective": "2024-03-02",
            "compare": "2024-01-01...2024-02-01"}  # fmt: skip
    fields = {"published_at": "2024-02-01", "verdict": "material", "notice": meta}
    store.add_revision("p", DateVersion.parse("2024-02-01"), "b\n", fields)
    expected = Notice.from_meta("p", "2024-02-01", meta)
    assert notices(store, "p") == [expected]
    assert load_notice(store, "p", "2024-02-01") == expected
    assert load_notice(store, "p", "2024-01-01") is None


def test_snippet_cuts_at_a_word() -> None:
    assert snippet("one two  three\nfour", 12) == "one two …"
    assert snippet("short") == "short"


def test_a_heading_is_quoted_without_its_marks() -> None:
    assert snippet("## Data About Website Visitors") == "Data About Website Visitors"
    assert snippet("We use # signs.") == "We use # signs."


def test_a_summary_of_many_changes_is_linear_in_their_number() -> None:
    # Counting the changes a notice does not list compared each with every listed one: 10,000
    # material changes took minutes (publish of a 10 MB draft, over 15). Now it is one pass.
    import time
    from dataclasses import replace

    many = [replace(FLIP, new=f"We may sell or rent item {n}.") for n in range(10_000)]
    many += [
        replace(DATE, new=f"Last reviewed/updated: March {n % 28 + 1}, 2027") for n in range(10_000)
    ]
    start = time.perf_counter()
    text = summarize(result(*many))
    assert time.perf_counter() - start < 5.0  # a bound against the quadratic count
    assert text.endswith("- We also made 10000 editorial changes (wording, formatting or dates).")
