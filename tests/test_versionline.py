from __future__ import annotations

import datetime as dt
import json

import pytest

from kpversion.dates import format_date
from kpversion.text.convert import to_markdown_file
from kpversion.text.version_line import find_version_line, infer_version, stamp

from .conftest import CORPUS, needs_shared


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Last reviewed/updated: January 24, 2023", "2023-01-24"),
        ("Effective date: July 22, 2020", "2020-07-22"),
        ("_Effective date: March 2, 2027_", "2027-03-02"),
        ("**Last updated:** 2024-03-01", "2024-03-01"),
        ("Last updated on 5 May 2021", "2021-05-05"),
        ("Last Updated: Sept. 3, 2019", "2019-09-03"),
        ("Last revised 12/31/2020", "2020-12-31"),
        ("#### **Last updated: 15 May 2024**", "2024-05-15"),
        ("Effective date: \\*\\*May 25, 2018\\*\\*", "2018-05-25"),
        ("**Last Updated**: 2026-04-07", "2026-04-07"),
        ("Last updated: 21st July 2022", "2022-07-21"),
        ("(Last Updated: March 25, 2024)", "2024-03-25"),
        ("**Effective Date:**\u00a0March 7, 2022", "2022-03-07"),
        ("Date last updated: 2022-01-05", "2022-01-05"),
        ('January 27, 2014\n{: datetime="2014-01-27" }', "2014-01-27"),
    ],
)
def test_version_is_inferred_from_dated_lines(line: str, expected: str) -> None:
    version = infer_version(f"# Policy\n\nSome text.\n\n{line}\n")
    assert version is not None and str(version) == expected


def test_no_dated_line_gives_none() -> None:
    assert infer_version("We updated our practices in 2020.") is None


def test_impossible_date_is_not_a_version() -> None:
    assert infer_version("Last updated: February 30, 2023") is None


def test_last_updated_beats_effective_date() -> None:
    text = "Effective date: May 1, 2020\n\nLast updated: June 2, 2021\n"
    assert str(infer_version(text)) == "2021-06-02"


def test_stamp_replaces_only_the_version_line() -> None:
    text = "Body.\n\nLast reviewed/updated: January 24, 2023\n"
    stamped = stamp(text, "Last reviewed/updated: {date}", dt.date(2027, 3, 2))
    assert stamped == "Body.\n\nLast reviewed/updated: March 2, 2027\n"
    found = find_version_line(stamped)
    assert found is not None and found.date == dt.date(2027, 3, 2)


def test_stamp_appends_when_there_is_no_line() -> None:
    assert stamp("Body.\n", "Updated: {date}", dt.date(2027, 3, 2), "iso") == (
        "Body.\n\nUpdated: 2027-03-02\n"
    )


def test_format_date() -> None:
    assert format_date(dt.date(2023, 1, 4)) == "January 4, 2023"
    assert format_date(dt.date(2023, 1, 4), "iso") == "2023-01-04"


READ_LINES = ("effective/updated line", "datetime attribute")


@needs_shared(CORPUS)
def test_inferred_versions_agree_with_the_corpus_manifests() -> None:
    """The corpus README's own date finder is a hint; we must agree where it read a dated line."""
    agree = total = 0
    for manifest in sorted(CORPUS.glob("*/*/manifest.json")):
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            if entry.get("date_in_text_source") not in (
                "effective/updated line",
                "datetime attribute",
            ):
                continue
            markdown = to_markdown_file(manifest.parent / entry["file"])
            total += 1
            agree += str(infer_version(markdown)) == entry["date_in_text"]
    assert total > 800
    assert agree / total >= 0.98, f"{agree}/{total} agree"


@pytest.mark.parametrize("filler", [" ", ":", "*", " :", "* "])
def test_long_runs_after_a_label_take_no_time(filler: str) -> None:
    import time

    for label in ("Last updated", "Effective", "This policy applies from", "version"):
        text = label + filler * (16_384 // len(filler)) + "x\n"
        start = time.process_time()  # CPU time: other work on the machine slows the clock
        assert find_version_line(text) is None
        assert time.process_time() - start < 0.5


def test_an_impossible_date_is_reported_and_stamped_over() -> None:
    text = "# P\n\nLast updated: February 30, 2024\n\nBody.\n"
    found = find_version_line(text)
    assert found is not None and found.date is None
    assert found.problem == "the version line states an impossible date ('February 30, 2024')"
    stamped = stamp(text, "Last updated: {date}", dt.date(2027, 3, 2))
    assert stamped == "# P\n\nLast updated: March 2, 2027\n\nBody.\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Last Updated: July 2021", "2021-07-01"),
        ("Dernière mise à jour : mai 2018", "2018-05-01"),
        ("_Dernière mise à jour\u00a0: \u00a0Avril 2018_", "2018-04-01"),
        ("Last updated: June 8. 2026", "2026-06-08"),
        ("Last Revised: December, 9 2022.", "2022-12-09"),
        ("**New\u00a0Version\u00a0(Effective\u00a0as of January 16,2021)**", "2021-01-16"),
        ("This Privacy Policy applies from May 21, 2025. The previous version", "2025-05-21"),
        ("Date last updated: 01-21-2022", "2022-01-21"),
    ],
)
def test_dates_read_by_dateparser(line: str, expected: str) -> None:
    assert str(infer_version(f"# Policy\n\n{line}\n")) == expected


def test_a_month_without_a_day_is_marked() -> None:
    found = find_version_line("Last updated: April 2025\n")
    assert found is not None and (found.date, found.precision) == (dt.date(2025, 4, 1), "month")


def test_day_month_order_is_a_setting() -> None:
    text = "Last updated: 03/04/2024\n"
    assert str(infer_version(text)) == "2024-03-04"
    assert str(infer_version(text, "day-first")) == "2024-04-03"
    assert str(infer_version("Last updated: 25/04/2024\n")) == "2024-04-25"  # only one way


def test_a_date_inside_a_sentence_is_stamped_in_place() -> None:
    text = "This Privacy Policy applies from May 21, 2025. The previous version is here.\n"
    assert stamp(text, "Last updated: {date}", dt.date(2027, 3, 2)) == (
        "This Privacy Policy applies from March 2, 2027. The previous version is here.\n"
    )


def test_version_line_templates_must_read_back() -> None:
    from kpversion.text.version_line import template_problem, version_line_template

    assert template_problem("{date}{date}") is not None
    assert template_problem("{date}") is not None  # no label: publish would add a line each time
    assert template_problem("Effective date: {effective}") is None
    assert version_line_template("# T\n\nEffective date: March 3, 2024\n") == {
        "version_line": "Effective date: {effective}",
        "date_style": "long",
    }
    assert version_line_template("# T\n\n_Last updated: 2024-03-03_\n") == {
        "version_line": "_Last updated: {date}_",
        "date_style": "iso",
    }
