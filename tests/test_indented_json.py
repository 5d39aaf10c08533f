"""The JSON writer: byte for byte what `json.dumps(..., ensure_ascii=False, indent=2)` writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpversion.diff.indented_json import dumps

leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner),
    max_leaves=40,
)


@settings(max_examples=500, deadline=None)
@given(values)
def test_dumps_writes_what_json_dumps_writes(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_non_ascii_and_control_characters_are_written_as_json_does() -> None:
    value = {"old": '«déjà» \u2028 \x00 "quoted" \\ \t', "edits": [], "section": {}}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_keys_that_are_not_strings_are_refused() -> None:
    with pytest.raises(TypeError):
        dumps({1: "one"})
