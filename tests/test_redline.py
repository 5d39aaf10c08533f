"""Every diff format carries the whole classification: verdict, rules, direction, category."""

from __future__ import annotations

import json

import pytest

from kpversion.cli.terminal import to_text
from kpversion.diff import diff_texts
from kpversion.diff.redline import render
from kpversion.materiality import classify, load_rules

OLD = "## Sharing\n\nWe do not sell personal information.\n"
NEW = "## Sharing\n\nWe may sell personal information.\n"


@pytest.mark.parametrize("fmt", ["text", "unified", "markdown", "html"])
def test_each_format_shows_verdict_rules_direction_and_reason(fmt: str) -> None:
    result = classify(diff_texts(OLD, NEW, "a", "b"), load_rules())
    change = result.to_dict()["changes"][0]
    output = to_text(result) if fmt == "text" else render(result, fmt)
    assert change["verdict"] == "material" and change["direction"] == "more_permissive"
    for rule in change["rules"]:
        assert rule in output
    assert "more permissive" in output
    assert change["category"] in output
    assert "blocks publish" in output


def test_json_has_every_field() -> None:
    result = classify(diff_texts(OLD, NEW, "a", "b"), load_rules())
    change = json.loads(render(result, "json"))["changes"][0]
    assert {"verdict", "direction", "category", "rules", "reason", "edits"} <= change.keys()
