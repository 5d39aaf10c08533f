"""The `text` format: a rich terminal redline, word level, under section headers.

Deletions read `[-like this-]` and insertions `{+like this+}` (as in `git diff --word-diff`),
struck through and underlined where the terminal can, so colour is never the only signal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kpversion.change import Change, DiffResult
from kpversion.diff.redline import (
    change_label,
    grouped,
    redline,
    section_title,
    summary,
    verdict_note,
)

INDENT = "    "

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def print_result(result: DiffResult, console: Console) -> None:
    console.print(f"kpversion diff {result.old.label} → {result.new.label}", style="bold")
    console.print(summary(result))
    for section, change in grouped(result):
        if section is not None:
            console.print()
            console.print(f"§ {section_title(section)}", style="bold cyan")
        console.print(f"  {change_label(change)} · {verdict_note(change)}", style="dim")
        console.print(_redline_text(change))


def _redline_text(change: Change) -> Text:
    from rich.text import Text

    text = Text(INDENT)
    for seg in redline(change):
        if seg.tag == "equal":
            text.append(_indent(seg.new))
            continue
        old, new = _indent(seg.old.rstrip()), _indent(seg.new.rstrip())
        if old:
            text.append(f"[-{old}-]", style="red strike")
        if new:
            text.append(f"{{+{new}+}}", style="green underline")
        text.append(seg.new[len(new) :] if new else seg.old[len(old) :])
    return text


def _indent(text: str) -> str:
    return text.replace("\n", "\n" + INDENT)


def to_text(result: DiffResult, width: int = 100) -> str:
    """The text format without colour, e.g. for golden files and pipes."""
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, soft_wrap=True)
    print_result(result, console)
    return buffer.getvalue()
