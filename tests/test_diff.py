"""The structural diff: changes, moves, formats, word edits, apply, and the real corpus."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpversion.change import ChangeKind, EditOp, WordEdit
from kpversion.diff import LARGE_CHARS, apply, diff_texts, segments, word_edits
from kpversion.text.document import parse
from tests.conftest import CORPUS, needs_shared

DATA = Path(__file__).parent / "data" / "diff"
GITHUB = CORPUS / "github-site-policy" / "privacy-statement"

BASE = """\
## Privacy Statement

We do not sell or rent personal information about visitors. We protect it.

## Cookies

We may place cookies on your computer. Cookies help us.

### 1. Web Logs

We keep standard web logs about all visitors who use this site.

## Contact

Write to us at the address below.

Last reviewed/updated: January 24, 2023
"""


def kinds(old: str, new: str) -> list[tuple[str, str]]:
    return [(c.kind.value, c.unit) for c in diff_texts(old, new).changes]


def test_identical_texts_have_no_changes() -> None:
    result = diff_texts(BASE, BASE, "a", "b")
    assert result.changes == ()
    assert result.to_dict()["verdict"] == "non-material"
    assert result.old.sha256 == result.new.sha256


def test_one_changed_word_is_one_edit() -> None:
    result = diff_texts(BASE, BASE.replace("cookies on", "trackers on"))
    (change,) = result.changes
    assert change.kind is ChangeKind.MODIFIED
    assert change.unit == "sentence"
    assert change.edits == (WordEdit(EditOp.REPLACE, "cookies", "trackers"),)
    assert change.old == "We may place cookies on your computer."
    assert change.old_context == "We may place cookies on your computer. Cookies help us."
    assert change.old_section == change.new_section == ("Cookies",)


def test_design_example_negation() -> None:
    (change,) = diff_texts(BASE, BASE.replace("We do not sell", "We may sell")).changes
    assert change.to_dict()["edits"] == [{"op": "replace", "old": "do not", "new": "may"}]


def test_added_sentence_is_a_sentence_change_with_its_block() -> None:
    new = BASE.replace("Cookies help us.", "Cookies help us. We share them with partners.")
    (change,) = diff_texts(BASE, new).changes
    assert (change.kind, change.unit) == (ChangeKind.ADDED, "sentence")
    assert change.new == "We share them with partners."
    assert change.new_context.endswith("We share them with partners.")


def test_removed_paragraph() -> None:
    new = BASE.replace("Write to us at the address below.\n\n", "")
    (change,) = diff_texts(BASE, new).changes
    assert (change.kind, change.unit) == (ChangeKind.REMOVED, "block")
    assert change.old_section == ("Contact",)


def test_moved_paragraph_is_one_move_with_both_sections() -> None:
    paragraph = "We keep standard web logs about all visitors who use this site.\n\n"
    new = BASE.replace(paragraph, "").replace("Write to us", paragraph + "Write to us")
    (change,) = diff_texts(BASE, new).changes
    assert change.kind is ChangeKind.MOVED
    assert change.old_section == ("Cookies", "1. Web Logs")
    assert change.new_section == ("Contact",)
    assert change.to_dict()["edits"] == []


def test_moved_and_edited_paragraph_carries_its_edits() -> None:
    paragraph = "We keep standard web logs about all visitors who use this site.\n\n"
    edited = paragraph.replace("standard", "detailed")
    new = BASE.replace(paragraph, "").replace("Write to us", edited + "Write to us")
    (change,) = diff_texts(BASE, new).changes
    assert change.kind is ChangeKind.MOVED
    assert change.edits == (WordEdit(EditOp.REPLACE, "standard", "detailed"),)


def test_moved_section_is_never_a_deletion() -> None:
    section = "## Contact\n\nWrite to us at the address below.\n\n"
    new = section + BASE.replace(section, "")
    changes = diff_texts(BASE, new).changes
    assert changes and all(c.kind is ChangeKind.MOVED for c in changes)


def test_sentence_moved_to_another_paragraph() -> None:
    new = BASE.replace(" We protect it.", "").replace(
        "Cookies help us.", "Cookies help us. We protect it."
    )
    result = diff_texts(BASE, new)
    assert [(c.kind.value, c.unit) for c in result.changes] == [("moved", "sentence")]
    assert result.changes[0].old_section == ("Privacy Statement",)
    assert result.changes[0].new_section == ("Cookies",)


def test_paragraphs_merged_into_one_are_moved_sentences() -> None:
    new = BASE.replace("Cookies help us.\n\n### 1. Web Logs\n\n", "Cookies help us. ")
    assert kinds(BASE, new) == [
        ("removed", "heading"),
        ("moved", "sentence"),
        ("moved", "sentence"),
    ]


def test_a_paragraph_split_in_two_is_a_moved_sentence() -> None:
    new = BASE.replace("computer. Cookies help us.", "computer.\n\nCookies help us.")
    assert kinds(BASE, new) == [("moved", "sentence")]


def test_a_removed_paragraph_keeps_its_sentence_that_moved() -> None:
    old = "We log visits. We keep logs for a year.\n\nWe delete old accounts.\n"
    new = "We delete old accounts. We keep logs for a year.\n"
    changes = diff_texts(old, new).changes
    assert [(c.kind.value, c.unit, c.old or c.new) for c in changes] == [
        ("moved", "sentence", "We delete old accounts."),
        ("removed", "sentence", "We log visits."),
    ]


def test_renamed_heading_still_matches() -> None:
    new = BASE.replace("## Cookies", "## Use of Tracking Technologies")
    (change,) = diff_texts(BASE, new).changes
    assert (change.kind, change.unit) == (ChangeKind.MODIFIED, "heading")
    assert change.new_section == ("Use of Tracking Technologies",)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We may place cookies on your computer.", "We may place cookies\non your computer."),
        ("We may place cookies on your computer.", "We may place **cookies** on your computer."),
        ("Last reviewed/updated: January 24, 2023", "Last reviewed/updated: March 1, 2024"),
        ("visitors. We protect", "visitors.  We protect"),
    ],
)
def test_differences_that_normalize_away_are_format_changes(old: str, new: str) -> None:
    assert kinds(BASE, BASE.replace(old, new)) == [("format", "block")]


def test_curly_quotes_and_bullets_are_format() -> None:
    old = '- The "opt out" list\n- Name\n'
    new = "* The “opt out” list\n* Name\n"
    assert {k for k, _ in kinds(old, new)} == {"format"}


def test_word_edits_are_minimal() -> None:
    assert word_edits("We do not sell data.", "We do not sell data.") == ()
    assert word_edits("We sell data to brokers.", "We sell data to partners.") == (
        WordEdit(EditOp.REPLACE, "brokers", "partners"),
    )
    assert word_edits("We sell data.", "We never sell data.") == (
        WordEdit(EditOp.INSERT, "", "never"),
    )


def test_inserted_sentence_slides_to_a_sentence_boundary() -> None:
    old = "We share data. We sell nothing."
    new = "We share data. We keep logs. We sell nothing."
    tags = [(s.tag, s.new) for s in segments(old, new) if s.tag != "equal"]
    assert tags == [("insert", "We keep logs. ")]


def test_modified_changes_always_carry_edits_in_json() -> None:
    new = (DATA / "privacy-new.md").read_text(encoding="utf-8")
    result = diff_texts((DATA / "privacy-old.md").read_text(encoding="utf-8"), new)
    for change in json.loads(json.dumps(result.to_dict()))["changes"]:
        if change["kind"] in ("modified", "moved"):
            assert "edits" in change


# --- properties --------------------------------------------------------------------------

WORDS = ["we", "share", "data", "may", "not", "sell", "cookies", "users", "law", "site"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
heading = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(
    lambda ws: "## " + " ".join(ws).title()
)
block = st.one_of(paragraph, paragraph, heading)
document = st.lists(block, max_size=10).map(lambda bs: "\n\n".join(bs) + "\n")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rebuilt_keys(old: str, new: str) -> tuple[list[str], list[str]]:
    from kpversion.text.normalize import normalize

    rebuilt = [normalize(text) for text in apply(old, diff_texts(old, new))]
    return rebuilt, [b.key for b in parse(new).blocks]


@FAST
@given(document)
def test_diff_of_a_text_with_itself_is_empty(text: str) -> None:
    assert diff_texts(text, text).changes == ()


@FAST
@given(document, document)
def test_applying_the_changes_rebuilds_the_new_text(old: str, new: str) -> None:
    rebuilt, expected = rebuilt_keys(old, new)
    assert rebuilt == expected


@FAST
@given(document, st.data())
def test_applying_changes_rebuilds_an_edited_copy(old: str, data: st.DataObject) -> None:
    blocks = old.strip("\n").split("\n\n") if old.strip() else []
    for _ in range(data.draw(st.integers(0, 4))):
        action = data.draw(st.sampled_from(["insert", "delete", "move", "edit", "merge", "split"]))
        _mutate(blocks, action, data)
    new = "\n\n".join(blocks) + "\n"
    rebuilt, expected = rebuilt_keys(old, new)
    assert rebuilt == expected


def _mutate(blocks: list[str], action: str, data: st.DataObject) -> None:
    if action == "insert" or not blocks:
        blocks.insert(data.draw(st.integers(0, len(blocks))), data.draw(block))
        return
    index = data.draw(st.integers(0, len(blocks) - 1))
    if action == "delete":
        del blocks[index]
    elif action == "move":
        blocks.insert(data.draw(st.integers(0, len(blocks) - 1)), blocks.pop(index))
    elif action == "merge" and index + 1 < len(blocks):
        blocks[index : index + 2] = [blocks[index] + " " + blocks[index + 1]]
    elif action == "split" and ". " in blocks[index]:
        head, _, tail = blocks[index].partition(". ")
        blocks[index : index + 1] = [head + ".", tail]
    else:
        words = blocks[index].split(" ")
        words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(WORDS))
        blocks[index] = " ".join(words)


unique_paragraphs = st.lists(
    st.lists(sentence, min_size=3, max_size=4).map(" ".join), min_size=2, max_size=8, unique=True
)


@FAST
@given(unique_paragraphs, st.data())
def test_moving_one_paragraph_is_exactly_one_move(
    paragraphs: list[str], data: st.DataObject
) -> None:
    source = data.draw(st.integers(0, len(paragraphs) - 1))
    target = data.draw(st.integers(0, len(paragraphs) - 1).filter(lambda t: t != source))
    moved = list(paragraphs)
    moved.insert(target, moved.pop(source))
    result = diff_texts("\n\n".join(paragraphs) + "\n", "\n\n".join(moved) + "\n")
    assert [c.kind for c in result.changes] == [ChangeKind.MOVED]


# --- the real corpus ---------------------------------------------------------------------


def _corpus_pairs() -> list[tuple[str, str]]:
    manifest = GITHUB / "manifest.json"
    if not manifest.exists():
        return []
    files = [entry["file"] for entry in json.loads(manifest.read_text(encoding="utf-8"))]
    return list(itertools.pairwise(files))


@pytest.mark.corpus
@needs_shared(GITHUB)
@pytest.mark.parametrize(("old_name", "new_name"), _corpus_pairs() or [("-", "-")])
def test_every_consecutive_corpus_pair_diffs(old_name: str, new_name: str) -> None:
    old = (GITHUB / old_name).read_text(encoding="utf-8")
    new = (GITHUB / new_name).read_text(encoding="utf-8")
    result = diff_texts(old, new, old_name, new_name)
    json.dumps(result.to_dict())
    rebuilt, expected = rebuilt_keys(old, new)
    assert rebuilt == expected


def _corpus_documents() -> list[str]:
    return sorted(str(m.parent.relative_to(CORPUS)) for m in CORPUS.glob("*/*/manifest.json"))


@pytest.mark.corpus
@needs_shared(CORPUS)
@pytest.mark.parametrize("document", _corpus_documents() or ["-"])
def test_every_markdown_corpus_history_rebuilds_by_apply(document: str) -> None:
    folder = CORPUS / document
    entries = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    names = [entry["file"] for entry in entries if entry["file"].endswith(".md")]
    for old_name, new_name in itertools.pairwise(names):
        old = (folder / old_name).read_text(encoding="utf-8")
        new = (folder / new_name).read_text(encoding="utf-8")
        rebuilt, expected = rebuilt_keys(old, new)
        assert rebuilt == expected, f"{document}: {old_name} -> {new_name}"


# --- large texts: cut at blank lines, common chunk shapes parsed without markdown-it -------


def test_a_change_deep_in_a_large_text_keeps_its_section_path() -> None:
    sections = [
        f"## Part {n}\n\n### Detail {n}\n\nWe keep logs number {n}. They help us.\n"
        for n in range(3000)
    ]
    old = "\n".join(sections)
    new = old.replace("We keep logs number 2718.", "We keep records number 2718.")
    [change] = diff_texts(old, new).changes
    assert change.new_section == change.old_section == ("Part 2718", "Detail 2718")
    assert change.edits == (WordEdit(EditOp.REPLACE, "logs", "records"),)


def _large_text() -> str:
    text = "\n".join(
        f"## Part {n}\n\n### Detail {n}\n\nWe keep logs number {n}. They help us.\n"
        for n in range(3000)
    )
    assert len(text) > LARGE_CHARS  # the anchored alignment, not the plain one
    return text


def test_a_paragraph_moved_across_a_large_text_is_one_move() -> None:
    old = _large_text()
    paragraph = "We keep logs number 100. They help us.\n"
    new = old.replace(paragraph, "", 1).replace(
        "We keep logs number 2900.", paragraph + "\nWe keep logs number 2900."
    )
    [change] = diff_texts(old, new).changes
    assert change.kind is ChangeKind.MOVED
    assert change.old_section == ("Part 100", "Detail 100")
    assert change.new_section == ("Part 2900", "Detail 2900")


def test_a_removed_and_a_moved_section_in_a_large_text() -> None:
    old = _large_text()
    moved = "## Part 7\n\n### Detail 7\n\nWe keep logs number 7. They help us.\n\n"
    removed = "## Part 1500\n\n### Detail 1500\n\nWe keep logs number 1500. They help us.\n\n"
    new = old.replace(moved, "").replace(removed, "") + "\n\n" + moved
    kinds = {(c.kind, c.old_section) for c in diff_texts(old, new).changes}
    assert (ChangeKind.MOVED, ("Part 7", "Detail 7")) in kinds
    assert (ChangeKind.REMOVED, ("Part 1500", "Detail 1500")) in kinds
    assert all(kind is not ChangeKind.ADDED for kind, _ in kinds)


@pytest.mark.parametrize(
    "table",
    [
        "| a | b |\n|---|:-:|\n| 1 | 2 |\n|3|",
        "| a \\| x | b |\n| --- | --- |  \n| 1 |\n| 2 | 3 | 4 |",
        "| a |\n|---|---|\n| 1 |",
        "| a | b |\n|-- -|---|\n| 1 |",
        "| a |\n| - |",
        "|a|\n|-|\n|b|\n> quote",
        "| a |\n|:::|\n| 1 |",
    ],
)
def test_pipe_tables_parse_like_markdown_it(table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kpversion.text import document

    fast = parse(table + "\n\nAfter.\n")
    monkeypatch.setattr(document, "_quick_spans", lambda _: None)
    assert fast == parse(table + "\n\nAfter.\n")


@pytest.mark.parametrize(
    "text",
    [
        "# Title\nPlain line\n- item one\n- item two\n\nNext *para*\n",
        "```\ncode\n\nstill code\n```\n\nAfter.\n",
        "<!-- a\n\nb -->\n\nAfter.\n",
        "Line one\r\n\r\nLine two\r\n",
        "---\ntitle: x\n---\n# Heading #\n\n\n\nText\n  indented\n\n1. one\n2. two\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n\nSetext\n===\n",
    ],
)
def test_fast_chunking_parses_like_markdown_it(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kpversion.text import document

    fast = parse(text + "\n\n" + text)
    monkeypatch.setattr(document, "_odd", lambda _: True)
    monkeypatch.setattr(document, "_quick_spans", lambda _: None)
    assert fast == parse(text + "\n\n" + text)


def test_a_chunk_past_markdown_its_nesting_limit_hides_nothing_after_it() -> None:
    nested = "\n".join("   " + "  " * depth + f"- level {depth}" for depth in range(12))
    deep = f"1. Top\n{nested}"
    old = f"Intro.\n\n{deep}\n"
    new = f"Intro.\n\n{deep}\n\n1. We sell your data.\n2. We keep it forever.\n"
    assert kinds(old, new) == [("added", "block"), ("added", "block")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Write to us. Partners see it. Write to us.\n",
            "Write to us. Partners see it.\n\nWrite to us.\n",
        ),
        (
            "Ask what We keep logs. Partners see it. We keep logs.\n",
            "Ask what We keep logs. Partners see it.\n\nWe keep logs.\n",
        ),
    ],
)
def test_apply_cuts_a_repeated_sentence_where_it_was(old: str, new: str) -> None:
    rebuilt, expected = rebuilt_keys(old, new)
    assert rebuilt == expected
