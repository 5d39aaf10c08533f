"""A comparison: diff two texts, load the rules that apply, classify every change.

Every command that shows or records verdicts (diff, status, check, publish, backfill, the
site's compare pages) compares through here, so they cannot disagree about a change.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kpversion.change import DiffResult, Override

if TYPE_CHECKING:
    from kpversion.config import StatementSettings, TreeSettings
    from kpversion.materiality import Rules


def rules_for(
    tree: TreeSettings | None = None, statement: StatementSettings | None = None
) -> Rules:
    """The packaged rules, extended by the tree's and then the statement's `[rules]`."""
    from kpversion import materiality

    return materiality.load_rules(tree, statement)


def compare(
    old: str,
    new: str,
    labels: tuple[str, str] = ("old", "new"),
    *,
    rules: Rules | None = None,
    override: Override | None = None,
    because: str = "",
) -> DiffResult:
    """The changes from old to new (Markdown), each with its verdict under rules (default: the
    packaged rules); an editor's override, when given, becomes the result's verdict."""
    from kpversion import materiality
    from kpversion.diff import diff_texts

    result = diff_texts(old, new, *labels)
    if override is not None:
        result = replace(result, override=override, because=because)
    return materiality.classify(result, rules or rules_for())
