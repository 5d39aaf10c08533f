"""The change model shared by diff, materiality, publish and the site.

A `Change` is one unit of difference between two texts. The structural diff fills in its
kind, sections, texts and word edits; materiality fills in verdict, direction, category,
rules and reason. Both stages return new frozen objects (`dataclasses.replace`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    MOVED = "moved"
    FORMAT = "format"


class Verdict(StrEnum):
    MATERIAL = "material"
    REVIEW = "review"
    NON_MATERIAL = "non-material"

    @property
    def rank(self) -> int:
        return _RANKS[self.value]

    @classmethod
    def strongest(cls, verdicts: Iterable[Verdict]) -> Verdict:
        """material > review > non-material; no verdicts at all is non-material."""
        return max(verdicts, key=lambda v: v.rank, default=cls.NON_MATERIAL)


_RANKS = {"non-material": 0, "review": 1, "material": 2}
"""A verdict's strength, built once (a corpus run ranks millions of verdicts)."""


class Override(StrEnum):
    """An editor's verdict in place of the computed one (`--override`, with `--because`)."""

    MATERIAL = "material"
    NON_MATERIAL = "non-material"

    @property
    def verdict(self) -> Verdict:
        return Verdict(self.value)

    @classmethod
    def parse(cls, value: str | None) -> Override | None:
        """The override a setting or option names; "" or None is no override."""
        return cls(value) if value else None


class Direction(StrEnum):
    MORE_PERMISSIVE = "more_permissive"
    MORE_PROTECTIVE = "more_protective"
    NEUTRAL = "neutral"
    UNKNOWN = "unknown"


class EditOp(StrEnum):
    REPLACE = "replace"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True)
class WordEdit:
    """One word-level edit inside a modified (or moved and edited) text."""

    op: EditOp
    old: str
    new: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op.value, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Change:
    """One unit of difference, with its classification once materiality has run."""

    kind: ChangeKind
    old_section: tuple[str, ...]
    new_section: tuple[str, ...]
    old: str
    new: str
    edits: tuple[WordEdit, ...] = ()
    unit: str = "block"
    """What the texts are: "section", "block" (paragraph, list item, table row) or "sentence"."""
    old_context: str = ""
    """The whole block the old text sits in, for classifiers that need the sentence around it."""
    new_context: str = ""
    verdict: Verdict = Verdict.REVIEW
    direction: Direction = Direction.UNKNOWN
    category: str = ""
    rules: tuple[str, ...] = ()
    reason: str = ""
    block: bool = False
    """True when a rule marked `block` fired: publish refuses it without an override."""
    old_index: int = -1
    """Position of the old text's block in the old document's block list; -1 when none.

    With `new_index`, lets `kpversion.diff.apply` rebuild the new text; not part of the JSON."""
    new_index: int = -1
    """Position of the new text's block in the new document's block list; -1 when none."""
    old_start: int = -1
    """Where `old` starts in its old block, for a sentence change; -1 otherwise."""
    leaves_block: bool = False
    """A moved sentence whose old block is gone from the new text (merged into another)."""
    forms_block: bool = False
    """A moved sentence whose new block is new (a paragraph split off); like the indices, for
    `apply`, not part of the JSON."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "unit": self.unit,
            "section": {"old": list(self.old_section), "new": list(self.new_section)},
            "old": self.old,
            "new": self.new,
        }
        if self.edits or self.kind in (ChangeKind.MODIFIED, ChangeKind.MOVED):
            data["edits"] = [edit.to_dict() for edit in self.edits]
        data.update(
            verdict=self.verdict.value,
            direction=self.direction.value,
            category=self.category,
            rules=list(self.rules),
            reason=self.reason,
            block=self.block,
        )
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Change:
        section = data.get("section", {})
        return cls(
            kind=ChangeKind(data["kind"]),
            unit=data.get("unit", "block"),
            old_section=tuple(section.get("old", ())),
            new_section=tuple(section.get("new", ())),
            old=data.get("old", ""),
            new=data.get("new", ""),
            edits=tuple(
                WordEdit(EditOp(e["op"]), e["old"], e["new"]) for e in data.get("edits", ())
            ),
            verdict=Verdict(data.get("verdict", "review")),
            direction=Direction(data.get("direction", "unknown")),
            category=data.get("category", ""),
            rules=tuple(data.get("rules", ())),
            reason=data.get("reason", ""),
            block=bool(data.get("block", False)),
        )


@dataclass(frozen=True)
class Side:
    """One operand of a diff: a label such as `privacy-statement@draft`, and its text."""

    label: str
    text: str = field(repr=False)

    @cached_property
    def sha256(self) -> str:
        """The hash of the text's UTF-8 bytes, as the ledger records a revision's.

        Computed when first asked for (the JSON report): hashing two large texts costs more
        than many diffs, and most callers never read it.
        """
        import hashlib  # here, not at the top: the text formats of a diff never load OpenSSL

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DiffResult:
    """All changes between two texts, in reading order of the new text."""

    old: Side
    new: Side
    changes: tuple[Change, ...] = field(default_factory=tuple)
    override: Override | None = None
    """An editor's verdict in place of the computed one, when one was given."""
    because: str = ""

    @property
    def verdict(self) -> Verdict:
        if self.override is not None:
            return self.override.verdict
        return Verdict.strongest(change.verdict for change in self.changes)

    @property
    def blocking(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.block)

    def with_changes(self, changes: Iterable[Change]) -> DiffResult:
        return replace(self, changes=tuple(changes))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "old": {"label": self.old.label, "sha256": self.old.sha256},
            "new": {"label": self.new.label, "sha256": self.new.sha256},
            "verdict": self.verdict.value,
        }
        if self.override is not None:
            data["override"] = {"verdict": self.override.value, "because": self.because}
        data["changes"] = [change.to_dict() for change in self.changes]
        return data
