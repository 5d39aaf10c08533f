"""Word alignment at any length: difflib's result for short passages, words for long ones."""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpversion.diff import segments, word_edits
from kpversion.text import alignment
from kpversion.text.alignment import WORD_CELLS, Opcode, opcodes
from kpversion.text.normalize import words

VOCABULARY = ["we", "share", "data", "with", "partners", "the", "of", "and", ",", "."]


def rebuilt(a: list[str], b: list[str], ops: list[Opcode]) -> list[str]:
    """b rebuilt from a and the opcodes; checks that they cover both sides in order."""
    out: list[str] = []
    i0 = j0 = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i0, j0)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        out.extend(a[i1:i2] if tag == "equal" else b[j1:j2])
        i0, j0 = i2, j2
    assert (i0, j0) == (len(a), len(b))
    return out


def long_passage(seed: int, size: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(size)]


def substituted(tokens: list[str], seed: int, count: int) -> tuple[list[str], set[int]]:
    rng = random.Random(seed)
    spots = set(rng.sample(range(len(tokens)), count))
    return [f"new{n}" if n in spots else t for n, t in enumerate(tokens)], spots


small = st.lists(st.sampled_from(VOCABULARY), max_size=30)


@settings(deadline=None)
@given(small, small)
def test_short_passages_align_as_difflib(a: list[str], b: list[str]) -> None:
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert opcodes(a, b) == expected


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 40), st.data())
def test_long_passages_align_every_word(seed: int, count: int, data: st.DataObject) -> None:
    a = long_passage(seed, 2_500)
    b, _ = substituted(a, seed, count)
    cut = data.draw(st.integers(0, len(b)))
    b = [*b[:cut], "inserted", "words", *b[cut:]]
    assert len(a) * len(b) > WORD_CELLS
    ops = opcodes(a, b)
    assert rebuilt(a, b, ops) == b
    changed = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag != "equal")
    assert changed <= count  # every substituted word found, nothing else


def test_long_passages_too_unlike_are_replaced_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    a = long_passage(1, 2_500)
    b = long_passage(2, 2_500)
    monkeypatch.setattr(alignment, "BAND_CELLS", 10_000)
    assert opcodes(a, b) == [("replace", 0, len(a), 0, len(b))]


def test_a_word_changed_in_a_long_passage_is_one_edit() -> None:
    clause = "we share data with partners of the site, "
    old = clause * 600 + "and with nobody else."
    new = old.replace("nobody", "everybody")
    assert len(words(old)) ** 2 > WORD_CELLS
    pieces = segments(old, new)
    assert "".join(p.old for p in pieces) == old
    assert "".join(p.new for p in pieces) == new
    assert [p for p in pieces if p.tag != "equal"] == [
        type(pieces[0])("replace", "nobody ", "everybody ")
    ]
    assert len(word_edits(old, new)) == 1
