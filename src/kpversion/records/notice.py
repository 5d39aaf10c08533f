"""Notices: what a material revision tells readers, in plain language, before it takes effect.

A notice lives in two places: the ledger entry's `notice` meta (hash-chained, what the site and
feed read) and `notices/<version>.md` (the same notice as a page). The summary is generated
from the classified changes (what changed, in which section, in which direction), after the
editor's own summary when one was given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kpversion.change import Change, ChangeKind, DiffResult, Direction, EditOp, Verdict
from kpversion.dates import format_date
from kpversion.store.tree import Store
from kpversion.text.clip import clip

SNIPPET = 160
_HEADING_MARK = re.compile(r"^#{1,6} ")
"""Longest quotation of a changed text in a summary, in characters."""
MAX_EDITS = 3
"""A modified text with more word edits than this is summarized as rewritten."""

EFFECT = {
    Direction.MORE_PERMISSIVE: "This allows more use or sharing of your information than before.",
    Direction.MORE_PROTECTIVE: "This gives your information more protection than before.",
    Direction.NEUTRAL: "This does not change how your information is handled.",
    Direction.UNKNOWN: "Read the change to see how it affects your information.",
}


@dataclass(frozen=True)
class Notice:
    """The notice of one material revision."""

    slug: str
    version: str
    title: str
    summary: str
    """Markdown: the editor's summary as a paragraph, then one bullet per change."""
    published: str
    effective: str
    compare: str
    """`<old>...<new>`: the site's compare page for this revision."""

    def to_meta(self) -> dict[str, str]:
        """The `notice` object of the ledger entry."""
        return {
            "title": self.title,
            "summary": self.summary,
            "published": self.published,
            "effective": self.effective,
            "compare": self.compare,
        }

    @classmethod
    def from_meta(cls, slug: str, version: str, meta: Mapping[str, Any]) -> Notice:
        return cls(
            slug=slug,
            version=version,
            title=str(meta.get("title", "")),
            summary=str(meta.get("summary", "")),
            published=str(meta.get("published", "")),
            effective=str(meta.get("effective", "")),
            compare=str(meta.get("compare", "")),
        )

    def to_markdown(self) -> str:
        """`notices/<version>.md`."""
        published = format_date(dt.date.fromisoformat(self.published))
        effective = format_date(dt.date.fromisoformat(self.effective))
        lines = [f"# {self.title}", "", f"Published {published}. Effective {effective}.", ""]
        lines += [self.summary, ""]
        if self.compare:
            old, _, new = self.compare.partition("...")
            lines += [f"Compare the previous version ({old}) with this one ({new}): {self.compare}"]
            lines += [""]
        return "\n".join(lines)


def build_notice(
    slug: str,
    statement_title: str,
    result: DiffResult,
    dates: tuple[str | None, str, dt.date, dt.date],
    editor_summary: str = "",
) -> Notice:
    """The notice of revision `version`; dates are (previous, version, published, effective)."""
    previous, version, published, effective = dates
    return Notice(
        slug=slug,
        version=version,
        title=f"{statement_title}: changes effective {format_date(effective)}",
        summary=summarize(result, editor_summary),
        published=published.isoformat(),
        effective=effective.isoformat(),
        compare=f"{previous}...{version}" if previous else "",
    )


def summarize(result: DiffResult, editor_summary: str = "") -> str:
    """Plain language: the editor's words first, then what changed where, and in which direction."""
    listed = _listed(result)
    parts = [editor_summary.strip()] if editor_summary.strip() else []
    bullets = [f"- {describe(change)}" for change in listed]
    # By identity, once: `c not in listed` compared every change with every listed one.
    named = {id(change) for change in listed}
    others = sum(1 for c in result.changes if id(c) not in named)
    if not listed:
        bullets.append(
            f"- Editorial changes only ({others}): wording, formatting or dates; "
            "no change to how your information is handled."
        )
    elif others:
        noun = "change" if others == 1 else "changes"
        bullets.append(f"- We also made {others} editorial {noun} (wording, formatting or dates).")
    parts.append("\n".join(bullets))
    return "\n\n".join(parts)


def describe(change: Change) -> str:
    """One change in one or two plain sentences."""
    where = _where(change)
    what = _what(change)
    topic = f" ({change.category.replace('-', ' ')})" if change.category else ""
    sentence = f"{where}, {what}{topic}"
    if not sentence.endswith((".", ".”", "!”", "?”")):
        sentence += "."
    return f"{sentence} {EFFECT[change.direction]}"


def notices(store: Store, slug: str) -> list[Notice]:
    """Every notice of a statement, oldest first, as the ledger records them."""
    found = []
    for revision in store.revisions(slug):
        meta = revision.entry.meta.get("notice")
        if isinstance(meta, Mapping):
            found.append(Notice.from_meta(slug, revision.entry.version, meta))
    return found


def load_notice(store: Store, slug: str, version: str) -> Notice | None:
    """The notice of one revision, or None when it had none (it was not material)."""
    return next((n for n in notices(store, slug) if n.version == version), None)


def _listed(result: DiffResult) -> list[Change]:
    """The changes a notice names: material ones, then review ones; else every wording change."""
    changes = [c for c in result.changes if c.kind is not ChangeKind.FORMAT]
    strong = [c for c in changes if c.verdict is Verdict.MATERIAL]
    strong += [c for c in changes if c.verdict is Verdict.REVIEW]
    if strong or result.verdict is not Verdict.MATERIAL:
        return strong
    return changes


def _where(change: Change) -> str:
    section = change.new_section or change.old_section
    return f"In “{section[-1]}”" if section else "At the start"


def _what(change: Change) -> str:
    if change.kind is ChangeKind.ADDED:
        return f"we added: “{snippet(change.new)}”"
    if change.kind is ChangeKind.REMOVED:
        return f"we removed: “{snippet(change.old)}”"
    if change.kind is ChangeKind.MOVED:
        old = change.old_section[-1] if change.old_section else "the start"
        return f"we moved “{snippet(change.new)}” here from “{old}”"
    if change.edits and len(change.edits) <= MAX_EDITS:
        edits = "; ".join(_edit(edit.op, edit.old, edit.new) for edit in change.edits)
        return f"{edits}: “{snippet(change.new)}”"
    return f"we rewrote: “{snippet(change.new)}”"


def _edit(op: EditOp, old: str, new: str) -> str:
    if op is EditOp.INSERT:
        return f"we added “{new}”"
    if op is EditOp.DELETE:
        return f"we removed “{old}”"
    return f"we changed “{old}” to “{new}”"


def snippet(text: str, limit: int = SNIPPET) -> str:
    """text on one line without a heading's `#` marks, cut at a word boundary with an ellipsis
    when longer than limit."""
    flat = _HEADING_MARK.sub("", " ".join(text.split()))
    return clip(flat, limit, " …", at_word=True)
