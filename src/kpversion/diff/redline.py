"""Rendering a diff result: `json`, `unified`, `markdown` and `html` (no click, no rich).

The `text` format, a rich terminal redline, lives in `kpversion.terminal`. Every format shows a
change in words as well as in markup, so nothing relies on colour alone.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator

from kpversion.change import Change, ChangeKind, DiffResult, Direction
from kpversion.diff import indented_json
from kpversion.diff.words import Segment, segments

FORMATS = ("text", "unified", "markdown", "json", "html")
SEPARATOR = " › "


def render(result: DiffResult, fmt: str) -> str:
    """The result in one of the non-terminal formats."""
    renderers = {
        "json": to_json,
        "unified": to_unified,
        "markdown": to_markdown,
        "html": to_html,
    }
    return renderers[fmt](result)


JSON_SCHEMA = "kpversion.diff/1"
"""The `schema` key of `--format json` (docs/schemas/diff.schema.json)."""


def to_json(result: DiffResult) -> str:
    """The stable JSON contract (docs/diff.md), under its `schema` key."""
    document = {"schema": JSON_SCHEMA, **result.to_dict()}
    return indented_json.dumps(document) + "\n"


def redline(change: Change) -> list[Segment]:
    """The change as word-level segments: equal, replace, insert and delete stretches."""
    if change.kind is ChangeKind.ADDED:
        return [Segment("insert", "", change.new)]
    if change.kind is ChangeKind.REMOVED:
        return [Segment("delete", change.old, "")]
    return segments(change.old, change.new)


def marked(
    change: Change,
    escape: Callable[[str], str],
    deleted: Callable[[str], str],
    inserted: Callable[[str], str],
) -> str:
    """The redline as one string, each deleted and inserted stretch wrapped by the callables.

    The whitespace after a stretch stays outside the markup, once, as `git --word-diff` does.
    """
    parts: list[str] = []
    for seg in redline(change):
        if seg.tag == "equal":
            parts.append(escape(seg.new))
            continue
        old, new = seg.old.rstrip(), seg.new.rstrip()
        if old:
            parts.append(deleted(escape(old)))
        if new:
            parts.append(inserted(escape(new)))
        parts.append(seg.new[len(new) :] if new else seg.old[len(old) :])
    return "".join(parts)


def section_title(path: tuple[str, ...]) -> str:
    return SEPARATOR.join(path) if path else "(before the first heading)"


def change_label(change: Change) -> str:
    """A one-line label, e.g. "moved block from Collecting › 1. Web Logs"."""
    label = f"{change.kind.value} {change.unit}"
    if change.kind is ChangeKind.MOVED and change.old_section != change.new_section:
        label += f" from {section_title(change.old_section)}"
    if change.kind is ChangeKind.FORMAT:
        label += " (wording unchanged)"
    return label


def display_section(change: Change) -> tuple[str, ...]:
    return change.new_section or change.old_section


def grouped(result: DiffResult) -> Iterator[tuple[tuple[str, ...] | None, Change]]:
    """Changes with their section path, the path given only when it differs from the last."""
    last: tuple[str, ...] | None = None
    for change in result.changes:
        section = display_section(change)
        yield (section if section != last else None), change
        last = section


def summary(result: DiffResult) -> str:
    count = len(result.changes)
    noun = "change" if count == 1 else "changes"
    line = f"verdict: {result.verdict.value} ({count} {noun})"
    if result.override:
        line += f"; overridden by the editor because: {result.because}"
    return line


def verdict_note(change: Change) -> str:
    """Verdict, rules, direction, category and reason: everything the JSON says, in words."""
    note = change.verdict.value
    if change.rules:
        note += f" [{', '.join(change.rules)}]"
    if change.direction is not Direction.UNKNOWN:
        note += f", {change.direction.value.replace('_', ' ')}"
    if change.category:
        note += f", {change.category}"
    if change.block:
        note += ", blocks publish"
    if change.reason:
        note += f": {change.reason}"
    return note


# --- unified -----------------------------------------------------------------------------


def to_unified(result: DiffResult) -> str:
    """A patch `git apply` accepts, each hunk headed by its section and changes; the verdict
    of every change first (see `kpversion.diff.patch`)."""
    from kpversion.diff.patch import ChangeNote, unified_patch

    notes = []
    for change in result.changes:
        section, label = section_title(display_section(change)), change_label(change)
        full = f"§ {section}: {label} · {' '.join(verdict_note(change).split())}"
        notes.append(ChangeNote(full, f"{label} · {change.verdict.value}", section))
    return unified_patch(result, summary(result), notes)


# --- markdown ----------------------------------------------------------------------------


def to_markdown(result: DiffResult) -> str:
    """For pull-request comments: a summary table, then each change as a redline."""
    lines = [
        f"### kpversion diff: `{result.old.label}` → `{result.new.label}`",
        "",
        f"**{summary(result)}**",
        "",
    ]
    if not result.changes:
        return "\n".join([*lines, "No changes."]) + "\n"
    lines += ["| # | change | section | verdict |", "|---|---|---|---|"]
    for number, change in enumerate(result.changes, 1):
        cells = (change_label(change), section_title(display_section(change)), verdict_note(change))
        lines.append(f"| {number} | " + " | ".join(_md_cell(c) for c in cells) + " |")
    for section, change in grouped(result):
        if section is not None:
            lines += ["", f"#### {_md_inline(section_title(section))}", ""]
        note = _md_inline(verdict_note(change))
        lines.append(f"- **{change_label(change)}** ({note}): {_md_redline(change)}")
    return "\n".join(lines) + "\n"


def _md_inline(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def _md_cell(text: str) -> str:
    return _md_inline(text).replace("|", "\\|")


def _md_redline(change: Change) -> str:
    text = marked(change, _h, "<del>{}</del>".format, "<ins>{}</ins>".format)
    return " ".join(text.split())


# --- html --------------------------------------------------------------------------------

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
del { text-decoration: line-through; background: #ffe0e0; }
ins { text-decoration: underline; background: #dcf5dc; }
.change { border-left: 4px solid #888; margin: 1rem 0; padding: 0.25rem 1rem; }
.label { font-weight: bold; }
.verdict { font-style: italic; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
"""


def to_html(result: DiffResult) -> str:
    """A standalone redline page: <del> struck through, <ins> underlined, each labelled."""
    title = f"{result.old.label} → {result.new.label}"
    body = [
        f"<h1>Changes: {_h(title)}</h1>",
        f"<p><strong>{_h(summary(result))}</strong></p>",
        "<p>Deleted words are <del>struck through</del>; inserted words are "
        "<ins>underlined</ins>.</p>",
    ]
    if not result.changes:
        body.append("<p>No changes.</p>")
    for section, change in grouped(result):
        if section is not None:
            body.append(f"<h2>{_h(section_title(section))}</h2>")
        body.append(_html_change(change))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_h(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html_change(change: Change) -> str:
    return (
        f'<div class="change {change.kind.value}">\n'
        f'<p><span class="label">{_h(change_label(change))}</span> · '
        f'<span class="verdict">{_h(verdict_note(change))}</span></p>\n'
        f"<p>{_html_redline(change)}</p>\n</div>"
    )


def _html_redline(change: Change) -> str:
    return marked(
        change,
        _h,
        '<del><span class="visually-hidden">deleted: </span>{}</del>'.format,
        '<ins><span class="visually-hidden">inserted: </span>{}</ins>'.format,
    )


def _h(text: str) -> str:
    return html.escape(text)
