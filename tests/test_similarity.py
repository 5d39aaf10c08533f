"""Scoring keys: the same results as plain rapidfuzz calls, and pairing as the dense DP did."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from kpversion.diff import similarity
from kpversion.diff.align import pair_in_order
from kpversion.diff.similarity import LONG_KEY, best_match, ratio, score_rows

SENTENCES = [
    "We collect the information you give us when you register.",
    "We may share personal data with our service providers.",
    "You can opt out of marketing e-mails at any time.",
    "Cookies help us remember your preferences.",
    "We keep web logs for ninety days.",
]


def long_key(seed: int, size: int = 3 * LONG_KEY) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < size:
        parts.append(rng.choice(SENTENCES))
    return " ".join(parts)


def edited(text: str, seed: int, edits: int) -> str:
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(edits):
        spot = rng.randrange(len(chars))
        chars[spot : spot + rng.randrange(1, 8)] = rng.choice(["", "x", "data ", "not "])
    return "".join(chars)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 400), st.sampled_from([50.0, 90.0]))
def test_ratio_of_long_keys_is_rapidfuzz_ratio(seed: int, edits: int, cutoff: float) -> None:
    a = long_key(seed)
    b = edited(a, seed + 1, edits)
    assert ratio(a, b, cutoff) == fuzz.ratio(a, b, score_cutoff=cutoff)


@settings(deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.sampled_from([0.0, 50.0, 90.0]))
def test_ratio_of_short_keys_is_rapidfuzz_ratio(a: str, b: str, cutoff: float) -> None:
    assert ratio(a, b, cutoff) == fuzz.ratio(a, b, score_cutoff=cutoff)


def test_keys_past_the_band_are_scored_by_their_words(monkeypatch: pytest.MonkeyPatch) -> None:
    a = long_key(1)
    b = " ".join(reversed(a.split()))
    monkeypatch.setattr(similarity, "BAND_CELLS", 1_000)
    assert ratio(a, b, 50.0) == fuzz.ratio(a.split(), b.split(), score_cutoff=50.0)


keys = st.lists(st.sampled_from(SENTENCES + [s.upper() for s in SENTENCES]), max_size=8)


@settings(deadline=None)
@given(st.sampled_from(SENTENCES), keys)
def test_best_match_is_extract_one(key: str, choices: list[str]) -> None:
    found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=90)
    assert best_match(key, choices, 90) == (None if found is None else (found[2], found[1]))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(0, 60), min_size=1, max_size=5))
def test_best_match_of_a_long_key_is_extract_one(seed: int, edits: list[int]) -> None:
    key = long_key(seed)
    choices = [edited(key, seed + n, count) for n, count in enumerate(edits)]
    found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=90)
    assert best_match(key, choices, 90) == (None if found is None else (found[2], found[1]))


def dense_pairs(old: list[str], new: list[str], families: tuple[list[int], list[int]]) -> object:
    """The pairing as it was written first: every cell scored and filled in Python."""
    n, m = len(old), len(new)
    scores = [
        [
            fuzz.ratio(old[i], new[j], score_cutoff=50) if families[0][i] == families[1][j] else 0
            for j in range(m)
        ]
        for i in range(n)
    ]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            gain = best[i][j] + scores[i][j] if scores[i][j] else 0.0
            best[i + 1][j + 1] = max(best[i][j + 1], best[i + 1][j], gain)
    pairs = []
    i, j = n, m
    while i and j:
        if scores[i - 1][j - 1] and best[i][j] == best[i - 1][j - 1] + scores[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


texts = st.lists(
    st.tuples(
        st.sampled_from(SENTENCES), st.sampled_from(["", " Also", " Not"]), st.integers(0, 1)
    ),
    max_size=12,
)


@settings(deadline=None)
@given(texts, texts)
def test_pair_in_order_pairs_as_the_dense_dp(
    old: list[tuple[str, str, int]], new: list[tuple[str, str, int]]
) -> None:
    old_keys, new_keys = [a + b for a, b, _ in old], [a + b for a, b, _ in new]
    families = ([f for *_, f in old], [f for *_, f in new])
    found = pair_in_order(old_keys, new_keys, families=families)
    assert found == dense_pairs(old_keys, new_keys, families)


def test_score_rows_keep_only_pairs_at_the_cutoff() -> None:
    long_a, long_b = long_key(3), edited(long_key(3), 4, 20)
    rows = score_rows([SENTENCES[0], long_a], [SENTENCES[0] + "!", long_b, SENTENCES[3]], 50.0)
    assert set(rows[0]) == {0} and rows[0][0] == fuzz.ratio(SENTENCES[0], SENTENCES[0] + "!")
    assert set(rows[1]) == {1} and rows[1][1] == fuzz.ratio(long_a, long_b)
