"""A comparison as a compare page shows it: its changes under the sections of the new text,
each section with its counts by verdict, and the unchanged sections folded.

Changes arrive in reading order of the new text; a change to a block of the new text belongs to
that block's section, and a removed block to the section of the old text it left (shown where
it was, after the section of the change before it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from kpversion.change import Change, ChangeKind, DiffResult, Verdict
from kpversion.text.document import Block, BlockKind, Document, parse
from kpversion.text.plain import plain_line, plain_text


@dataclass
class SectionView:
    """One section of a compare page."""

    anchor: str
    path: tuple[str, ...]
    changes: list[dict[str, Any]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    removed: bool = False
    """A section only the old text has."""

    @property
    def title(self) -> str:
        return plain_line(self.path[-1]) if self.path else "Before the first heading"

    @property
    def parents(self) -> str:
        return " › ".join(plain_line(p) for p in self.path[:-1])

    @property
    def level(self) -> int:
        return max(1, len(self.path))

    @property
    def counts(self) -> dict[str, int]:
        found = {v.value: 0 for v in Verdict}
        for item in self.changes:
            found[item["change"].verdict.value] += 1
        return found

    @property
    def strongest(self) -> str:
        verdicts = [item["change"].verdict for item in self.changes]
        return Verdict.strongest(verdicts).value if verdicts else ""

    @property
    def verdicts(self) -> str:
        """The verdicts of its changes, for the page's filter."""
        return " ".join(v for v, n in self.counts.items() if n)

    def text(self) -> Markup:
        """The section as the new text has it (headings and front matter left out)."""
        skip = (BlockKind.HEADING, BlockKind.FRONT_MATTER)
        return _rendered("\n\n".join(b.text for b in self.blocks if b.kind not in skip))


@lru_cache(maxsize=1 << 12)
def _rendered(markdown: str) -> Markup:
    """A section's HTML. Cached: the compare pages of a statement share most sections."""
    from kpversion.site.templating import render_markdown

    return render_markdown(markdown) if markdown else Markup("")


def compare_sections(result: DiffResult, views: Sequence[dict[str, Any]]) -> list[SectionView]:
    """The sections of result's new text in order, with the change views (one per change of
    result, in the same order) under the section each belongs to."""
    document = parse(result.new.text)
    sections, of_block = _sections(document)
    placed: list[SectionView] = list(sections)
    removed: dict[tuple[str, ...], SectionView] = {}
    last: SectionView | None = None
    for change, view in zip(result.changes, views, strict=True):
        section = _home(change, sections, of_block)
        if section is None:
            section = removed.get(change.old_section)
            if section is None:
                section = SectionView(f"gone-{len(removed) + 1}", change.old_section, removed=True)
                removed[change.old_section] = section
                at = placed.index(last) + 1 if last is not None else 0
                placed.insert(at, section)
        section.changes.append(view)
        last = section
    return placed


def _sections(document: Document) -> tuple[list[SectionView], list[int]]:
    views: list[SectionView] = []
    of_block: list[int] = []
    for number, section in enumerate(document.sections):
        views.append(SectionView(f"s-{number + 1}", section.path, blocks=list(section.blocks)))
        of_block.extend([number] * len(section.blocks))
    return views, of_block


def _home(change: Change, sections: list[SectionView], of_block: list[int]) -> SectionView | None:
    if 0 <= change.new_index < len(of_block):
        return sections[of_block[change.new_index]]
    if change.kind is ChangeKind.REMOVED or change.new_index < 0:
        return next((s for s in sections if s.path == change.old_section), None)
    return None


def reader_texts(change: Change) -> tuple[str, str]:
    """The old and new texts as a reader sees them (no Markdown marks or link targets), or the
    source texts when only marks or links changed."""
    old, new = _reader(change.old), _reader(change.new)
    if old == new and change.old != change.new:
        return change.old, change.new
    return old, new


@lru_cache(maxsize=1 << 14)
def _reader(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("|") and "\n" not in stripped:
        return plain_line(text)
    return plain_text(text, bullets="") if text else ""
