"""Materiality: every change gets a verdict, direction, category, rules and a reason.

Interim: non-format changes are `review`, format changes `non-material` (issue 4 fills this in).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from kpversion.change import Change, ChangeKind, DiffResult, Direction, Verdict
from kpversion.config import StatementSettings, TreeSettings


@dataclass(frozen=True)
class Rules:
    """The rule profile used to classify one statement's changes."""

    kind: str = "privacy"
    data: dict[str, Any] = field(default_factory=dict)


def load_rules(tree: TreeSettings | None = None, statement: StatementSettings | None = None) -> Rules:
    return Rules(kind=statement.kind if statement else "privacy")


def classify(result: DiffResult, rules: Rules | None = None) -> DiffResult:
    return result.with_changes(_classify_change(change) for change in result.changes)


def _classify_change(change: Change) -> Change:
    if change.kind is ChangeKind.FORMAT:
        return replace(change, verdict=Verdict.NON_MATERIAL, direction=Direction.NEUTRAL)
    return replace(change, verdict=Verdict.REVIEW, direction=Direction.UNKNOWN)
