"""Work done once per distinct text of a list in which texts repeat.

A long document repeats its blocks and headings (a history of revisions run together, a
footer on every page): in the 1 MB benchmark statement fewer than one block in eight, and one
heading in thirteen, is distinct.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def once_per_text(function: Callable[[str], str], texts: Iterable[str]) -> list[str]:
    """`function` of each text, in order, computed once per distinct text."""
    done: dict[str, str] = {}
    found = []
    for text in texts:
        value = done.get(text)
        if value is None:
            value = done[text] = function(text)
        found.append(value)
    return found
