from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

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
from kpversion.compare import compare
from kpversion.dates import DateVersion
from kpversion.records.notice import (
    MAX_BULLETS,
    Notice,
    build_notice,
    describe,
    load_notice,
    notices,
    snippet,
    summarize,
    summary_of,
)
from kpversion.records.topics import RULE_TOPICS, Topic, topic_of

from .conftest import CORPUS, REPO, needs_shared

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
    rules=("A11", "A10"),
)
ADDED = Change(
    ChangeKind.ADDED,
    (),
    ("Your Rights",),
    "",
    "- You may ask us to **delete** your information ([how](https://example.org/how)).",
    verdict=Verdict.MATERIAL,
    direction=Direction.MORE_PROTECTIVE,
    category="user-access",
    rules=("A14",),
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
DATES = ("2023-01-24", "2027-03-02", dt.date(2027, 3, 2), dt.date(2027, 4, 1))
BASE = "https://example.org/policies/"
RULE_ID = re.compile(r"\b[AG]\d{1,2}\b")
CATEGORY_IDS = re.compile(
    r"first.party.collection|third.party.sharing|user.choice|user.access|data.retention|"
    r"data.security|do.not.track|specific.audiences|policy.change|\(other\)"
)
"""The OPP-115 categories the rules name, hyphenated or spelled out."""


def result(*changes: Change) -> DiffResult:
    return DiffResult(Side("old", "0"), Side("new", "1"), changes)


def test_summary_puts_the_editor_first_then_each_topic() -> None:
    assert summarize(result(FLIP, ADDED, DATE), "We now sell data.") == (
        "We now sell data.\n\n"
        "## Who we share it with\n\n"
        "- In “Privacy Statement”, we changed “do not” to “may”: “We may sell or rent personal "
        "information.” We may share your information more widely than before.\n\n"
        "## Your choices and rights\n\n"
        "- In “Your Rights”, we added: “You may ask us to delete your information (how).” This "
        "adds to your choices or rights.\n\n"
        "We also made 1 editorial change (wording, formatting or dates)."
    )


def test_summary_of_editorial_changes_only() -> None:
    assert summarize(result(DATE, DATE)) == (
        "Editorial changes only (2): wording, formatting or dates; "
        "no change to how your information is handled."
    )


def test_the_topic_comes_from_the_deciding_rule_then_the_category() -> None:
    assert topic_of(FLIP) is Topic.SHARING
    assert topic_of(ADDED) is Topic.CHOICES
    security = Change(ChangeKind.ADDED, (), (), "", "x", rules=("A17",), category="data-security")
    assert topic_of(security) is Topic.OTHER
    by_category = Change(ChangeKind.ADDED, (), (), "", "x", category="first-party-collection")
    assert topic_of(by_category) is Topic.COLLECTION
    assert {RULE_TOPICS[r] for r in ("A6", "A7")} == {Topic.COLLECTION}
    assert {RULE_TOPICS[r] for r in ("A9", "A10", "A20", "A23")} == {Topic.SHARING}
    assert {RULE_TOPICS[r] for r in ("A14", "A15", "A24")} == {Topic.CHOICES}
    assert (RULE_TOPICS["A8"], RULE_TOPICS["A5"]) == (Topic.USE, Topic.CONTACT)


@pytest.mark.parametrize(
    ("rules", "direction", "sentence"),
    [
        (("A6",), Direction.MORE_PERMISSIVE, "We may collect more information about you"),
        (("A7",), Direction.MORE_PROTECTIVE, "We collect less information about you"),
        (("A8",), Direction.MORE_PERMISSIVE, "We may use your information in more ways"),
        (("A9",), Direction.MORE_PROTECTIVE, "We share your information less than before."),
        (("A15",), Direction.MORE_PERMISSIVE, "This narrows your choices or rights."),
        (
            ("A17",),
            Direction.NEUTRAL,
            "This neither widens nor narrows what is done with your information.",
        ),
        (("A17",), Direction.UNKNOWN, "Read the full text to see how it affects you."),
    ],
)
def test_the_direction_is_said_in_the_terms_of_the_topic(
    rules: tuple[str, ...], direction: Direction, sentence: str
) -> None:
    change = Change(ChangeKind.ADDED, (), ("S",), "", "Text.", rules=rules, direction=direction)
    assert sentence in describe(change)


def test_a_heading_a_table_and_link_targets_read_as_a_reader_sees_them() -> None:
    heading = Change(ChangeKind.ADDED, (), ("Top", "New part"), "", "## New part")
    assert describe(heading).startswith("In “Top”, we added the section “New part”.")
    rows = [
        Change(ChangeKind.REMOVED, ("Summary",), (), f"| [Row {n}](#r{n}) | **Cell** |", "")
        for n in range(5)
    ]
    text = summarize(result(*rows))
    assert "In “Summary”, we removed 5 rows of a table, starting with “Row 0 · Cell”." in text
    link = Change(
        ChangeKind.MODIFIED,
        ("S",),
        ("S",),
        "See [FAQ](/a).",
        "See [FAQ](/b).",
        verdict=Verdict.REVIEW,
    )
    assert "we changed formatting or links: “See FAQ.”" in describe(link)


def test_notice_fields_page_and_link() -> None:
    notice = build_notice("privacy-statement", "Privacy Statement", result(ADDED), DATES)
    assert notice.to_meta() == {
        "title": "Privacy Statement: changes effective April 1, 2027",
        "summary": summary_of(result(ADDED)).markdown,
        "published": "2027-03-02",
        "effective": "2027-04-01",
        "compare": "2023-01-24...2027-03-02",
        "more": 0,
    }
    link = "privacy-statement/compare/2023-01-24...2027-03-02/"
    assert notice.to_markdown() == (
        "# Privacy Statement: changes effective April 1, 2027\n\n"
        "Published March 2, 2027. Effective April 1, 2027.\n\n"
        f"{notice.summary}\n\n"
        f"[See every change since the version of January 24, 2023]({link}).\n"
    )
    assert f"]({BASE}{link})." in notice.to_markdown(BASE)


def test_a_large_revision_lists_twelve_bullets_across_topics_then_links_the_rest() -> None:
    many = [
        Change(
            ChangeKind.ADDED,
            (),
            (f"Part {n}",),
            "",
            f"Paragraph number {n}.",
            verdict=Verdict.MATERIAL if n % 3 else Verdict.REVIEW,
            direction=Direction.MORE_PERMISSIVE,
            rules=(("A6", "A8", "A9", "A14")[n % 4],),
        )
        for n in range(40)
    ]
    summary = summary_of(result(*many, DATE))
    assert summary.markdown.count("\n- ") == MAX_BULLETS
    assert summary.more == 41 - MAX_BULLETS
    headings = re.findall(r"^## (.+)$", summary.markdown, re.MULTILINE)
    assert headings == [
        "What we collect",
        "How we use it",
        "Who we share it with",
        "Your choices and rights",
    ]
    assert "Paragraph number 0." not in summary.markdown  # review comes after material
    notice = build_notice("p", "P", result(*many, DATE), DATES)
    assert notice.more == summary.more
    assert notice.to_markdown(BASE).endswith(
        f"And 29 more changes: [see every change since the version of January 24, 2023]"
        f"({BASE}p/compare/2023-01-24...2027-03-02/).\n"
    )
    assert summarize(result(*many)).endswith("\n\nAnd 28 more changes.")


def test_notices_are_read_from_the_ledger(tmp_path: Path) -> None:
    store = Store.init(tmp_path)
    store.create_statement("p", {"title": "P"})
    store.add_revision("p", DateVersion.parse("2024-01-01"), "a\n", {"published_at": "2024-01-01"})
    meta = {"title": "T", "summary": "S", "published": "2024-02-01", "effective": "2024-03-02",
            "compare": "2024-01-01...2024-02-01"}  # fmt: skip
    fields = {"published_at": "2024-02-01", "verdict": "material", "notice": meta}
    store.add_revision("p", DateVersion.parse("2024-02-01"), "b\n", fields)
    expected = Notice.from_meta("p", "2024-02-01", meta)
    assert expected.more == 0  # a notice written before `more` existed
    assert notices(store, "p") == [expected]
    assert load_notice(store, "p", "2024-02-01") == expected
    assert load_notice(store, "p", "2024-01-01") is None


def test_snippet_is_plain_text_cut_at_a_word() -> None:
    assert snippet("one two  three\nfour", 12) == "one two …"
    assert snippet("short") == "short"
    assert snippet("## Data About Website Visitors") == "Data About Website Visitors"
    assert snippet("We use # signs.") == "We use # signs."
    assert snippet("- Precise **geolocation** ([more](https://x.example))") == (
        "Precise geolocation (more)"
    )


# --- golden notices: the bundled statement and three real corpus revisions -----------------

GITHUB = CORPUS / "github-site-policy/privacy-statement"
CORPUS_PAIRS = {
    # name: (old file, old version, new file, new version): GitHub's privacy statement
    "github-small": ("015.md", "2020-04-02", "017.md", "2020-05-19"),
    "github-medium": ("007.md", "2019-04-19", "008.md", "2019-05-23"),
    "github-rewrite": ("057.md", "2023-10-10", "070.md", "2024-02-01"),
}


def notice_of(old: str, new: str, versions: tuple[str, str], slug: str, title: str) -> Notice:
    dates = (versions[0], versions[1], dt.date.fromisoformat(versions[1]),
             dt.date.fromisoformat(versions[1]) + dt.timedelta(days=30))  # fmt: skip
    return build_notice(slug, title, compare(old, new), dates, "")


def assert_postable(notice: Notice, page: str) -> None:
    """What issue 14 asks of every notice: plain words, a real link, at most 12 bullets."""
    bullets = [line for line in page.splitlines() if line.startswith("- ")]
    assert 1 <= len(bullets) <= MAX_BULLETS
    assert not RULE_ID.search(page), RULE_ID.search(page)
    assert not CATEGORY_IDS.search(page), CATEGORY_IDS.search(page)
    assert "“- " not in page and "“* " not in page and "**" not in page
    assert f"]({BASE}{notice.slug}/compare/{notice.compare}/)." in page
    if notice.more:
        assert f"And {notice.more} more changes: [see every change" in page


def test_golden_notice_of_the_bundled_statement(golden: Callable[[str, str], None]) -> None:
    old = (REPO / "statements/privacy-statement/revisions/2023-01-24.md").read_text()
    new = old.replace("We do not sell or rent", "We may sell or rent").replace(
        "session cookies to help", "session and analytics cookies to help"
    )
    assert new != old
    result = compare(old, new)
    notice = build_notice(
        "privacy-statement",
        "Privacy Statement",
        result,
        ("2023-01-24", "2027-03-02", dt.date(2027, 3, 2), dt.date(2027, 4, 1)),
        "We may now sell or rent personal information, and we use analytics cookies.",
    )
    page = notice.to_markdown(BASE)
    assert page.index("We may now sell") < page.index("## ")  # the editor's summary first
    assert_postable(notice, page)
    golden("notice/privacy-statement.md", page)


@needs_shared(GITHUB)
@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_PAIRS))
def test_golden_notices_of_real_revisions(name: str, golden: Callable[[str, str], None]) -> None:
    old_file, old_version, new_file, new_version = CORPUS_PAIRS[name]
    old, new = ((GITHUB / f).read_text(encoding="utf-8") for f in (old_file, new_file))
    notice = notice_of(old, new, (old_version, new_version), "github-privacy", "GitHub Privacy")
    page = notice.to_markdown(BASE)
    assert_postable(notice, page)
    if name == "github-rewrite":
        assert notice.more > 300  # 313 bullets before issue 14
        assert len(page.encode("utf-8")) < 4096
    if name == "github-small":
        assert notice.more == 0
    golden(f"notice/{name}.md", page)
    golden(f"notice/{name}.json", json.dumps(notice.to_meta(), indent=2, ensure_ascii=False) + "\n")


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
    assert text.endswith(f"And {20_000 - MAX_BULLETS} more changes.")
