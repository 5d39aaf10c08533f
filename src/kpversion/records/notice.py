"""Notices: what a material revision tells readers, in plain language, before it takes effect.

A notice lives in two places: the ledger entry's `notice` meta (hash-chained, what the site and
feed read) and `notices/<version>.md` (the same notice as a page). Its summary is the editor's
own words first, then the changes that matter grouped by topic (`topics`): what changed, where,
and what it means for the reader. A large revision is summarised: at most `MAX_BULLETS`
bullets, then "and N more changes" with a link to the full comparison.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kpversion.change import Change, ChangeKind, DiffResult, Direction, EditOp, Verdict
from kpversion.dates import format_date
from kpversion.records.topics import Topic, effect, topic_of
from kpversion.store.tree import Store
from kpversion.text.clip import clip
from kpversion.text.plain import plain_line

MAX_BULLETS = 12
"""Most bullets a notice lists; the rest is counted and linked."""
SNIPPET = 120
"""Longest quotation of a changed text in a bullet, in characters."""
MAX_EDITS = 3
"""A modified text with more word edits than this is summarised as rewritten."""
MAX_EDIT_CHARS = 60
"""A word edit longer than this is not quoted as an edit."""


@dataclass(frozen=True)
class Notice:
    """The notice of one material revision."""

    slug: str
    version: str
    title: str
    summary: str
    """Markdown: the editor's summary as a paragraph, then bullets under topic headings."""
    published: str
    effective: str
    compare: str
    """`<old>...<new>`: the site's compare page for this revision ("" for a first one)."""
    more: int = 0
    """Changes the summary does not list (a large revision); the link shows them all."""

    def to_meta(self) -> dict[str, Any]:
        """The `notice` object of the ledger entry."""
        return {
            "title": self.title,
            "summary": self.summary,
            "published": self.published,
            "effective": self.effective,
            "compare": self.compare,
            "more": self.more,
        }

    @classmethod
    def from_meta(cls, slug: str, version: str, meta: Mapping[str, Any]) -> Notice:
        more = meta.get("more", 0)
        return cls(
            slug=slug,
            version=version,
            title=str(meta.get("title", "")),
            summary=str(meta.get("summary", "")),
            published=str(meta.get("published", "")),
            effective=str(meta.get("effective", "")),
            compare=str(meta.get("compare", "")),
            more=more if isinstance(more, int) and not isinstance(more, bool) and more > 0 else 0,
        )

    @property
    def previous(self) -> str:
        """The version this revision follows ("" for a first one)."""
        return self.compare.partition("...")[0] if self.compare else ""

    def comparison_path(self) -> str:
        """The page showing every change, relative to the site's root."""
        if self.compare:
            return f"{self.slug}/compare/{self.compare}/"
        return f"{self.slug}/{self.version}/"

    def comparison_url(self, base_url: str = "") -> str:
        """The full comparison: absolute under base_url, else relative to the site's root."""
        return absolute(base_url, self.comparison_path())

    def statement_url(self, base_url: str = "") -> str:
        return absolute(base_url, f"{self.slug}/")

    def dates_line(self) -> str:
        published = format_date(dt.date.fromisoformat(self.published))
        effective = format_date(dt.date.fromisoformat(self.effective))
        return f"Published {published}. Effective {effective}."

    def closing(self, link: str) -> str:
        """The last paragraph (Markdown): the changes not listed, and the link to all of them."""
        more, words = self._closing_words()
        return f"{more}[{words}]({link})."

    def closing_text(self, link: str) -> str:
        """The last paragraph as plain text, the link written out."""
        more, words = self._closing_words()
        return f"{more}{words}: {link}"

    def _closing_words(self) -> tuple[str, str]:
        if self.previous:
            since = format_date(dt.date.fromisoformat(self.previous))
            words = f"see every change since the version of {since}"
        else:
            words = "read this version in full"
        if not self.more:
            return "", words[0].upper() + words[1:]
        noun = "change" if self.more == 1 else "changes"
        return f"And {self.more} more {noun}: ", words

    def to_markdown(self, base_url: str = "") -> str:
        """`notices/<version>.md`: title, dates, summary and the link to the full comparison."""
        lines = [f"# {self.title}", "", self.dates_line(), ""]
        if self.summary:
            lines += [self.summary, ""]
        lines += [self.closing(self.comparison_url(base_url)), ""]
        return "\n".join(lines)


def absolute(base_url: str, path: str) -> str:
    """path under base_url, or path itself (relative to the site's root) without one."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


@dataclass(frozen=True)
class Summary:
    """A revision's summary: the Markdown, and how many changes it does not list."""

    markdown: str
    more: int = 0

    def full(self) -> str:
        """The Markdown with the count of unlisted changes, for the ledger's `summary`."""
        if not self.more:
            return self.markdown
        noun = "change" if self.more == 1 else "changes"
        return f"{self.markdown}\n\nAnd {self.more} more {noun}."


def build_notice(
    slug: str,
    statement_title: str,
    result: DiffResult,
    dates: tuple[str | None, str, dt.date, dt.date],
    editor_summary: str = "",
) -> Notice:
    """The notice of revision `version`; dates are (previous, version, published, effective)."""
    previous, version, published, effective = dates
    summary = summary_of(result, editor_summary)
    return Notice(
        slug=slug,
        version=version,
        title=f"{statement_title}: changes effective {format_date(effective)}",
        summary=summary.markdown,
        published=published.isoformat(),
        effective=effective.isoformat(),
        compare=f"{previous}...{version}" if previous else "",
        more=summary.more,
    )


def summarize(result: DiffResult, editor_summary: str = "") -> str:
    """The summary as one Markdown text (the ledger's `summary` of any revision)."""
    return summary_of(result, editor_summary).full()


def summary_of(result: DiffResult, editor_summary: str = "") -> Summary:
    """Plain language: the editor's words first, then what changed by topic, where, and what
    it means; at most MAX_BULLETS bullets."""
    parts = [editor_summary.strip()] if editor_summary.strip() else []
    items = _items(_listed(result))
    chosen = _choose(items, MAX_BULLETS)
    shown = sum(item.covers for item in chosen)
    truncated = shown < sum(item.covers for item in items)
    others = len(result.changes) - shown
    if not items:
        noun = "change" if others == 1 else "changes"
        parts.append(
            f"Editorial {noun} only ({others}): wording, formatting or dates; "
            "no change to how your information is handled."
        )
        return Summary("\n\n".join(parts))
    parts += _by_topic(chosen)
    if others and not truncated:
        noun = "change" if others == 1 else "changes"
        parts.append(f"We also made {others} editorial {noun} (wording, formatting or dates).")
    return Summary("\n\n".join(parts), others if truncated else 0)


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
    """The changes a notice names: material and review ones; else every wording change."""
    changes = [c for c in result.changes if c.kind is not ChangeKind.FORMAT]
    strong = [c for c in changes if c.verdict is not Verdict.NON_MATERIAL]
    if strong or result.verdict is not Verdict.MATERIAL:
        return strong
    return changes


@dataclass(frozen=True)
class _Item:
    """One bullet: the changes it stands for, its topic, and how early a notice names it."""

    changes: tuple[Change, ...]
    topic: Topic
    tier: int
    order: int

    @property
    def covers(self) -> int:
        return len(self.changes)


def _items(changes: Sequence[Change]) -> list[_Item]:
    """The bullets: one per change, but one for each run of table rows added or removed
    together in one section."""
    items: list[_Item] = []
    for order, group in enumerate(_row_runs(changes)):
        topics = {topic_of(change) for change in group}
        topic = topics.pop() if len(topics) == 1 else Topic.OTHER
        items.append(_Item(tuple(group), topic, _tier(group), order))
    return items


def _row_runs(changes: Sequence[Change]) -> Iterable[list[Change]]:
    run: list[Change] = []
    for change in changes:
        if run and _same_run(run[-1], change):
            run.append(change)
            continue
        if run:
            yield run
        run = [change]
    if run:
        yield run


def _same_run(last: Change, change: Change) -> bool:
    return (
        _is_row(last)
        and _is_row(change)
        and change.kind is last.kind
        and change.kind in (ChangeKind.ADDED, ChangeKind.REMOVED)
        and _section(change) == _section(last)
        and (change.verdict is Verdict.MATERIAL) == (last.verdict is Verdict.MATERIAL)
    )


def _tier(group: Sequence[Change]) -> int:
    """Material before review; within each, substance before headings."""
    material = any(c.verdict is Verdict.MATERIAL for c in group)
    heading = all(_is_heading(c) for c in group)
    return (0 if material else 2) + (1 if heading else 0)


def _choose(items: Sequence[_Item], limit: int) -> list[_Item]:
    """The first limit items, tier by tier, taking one topic after another so that a large
    revision's summary touches every topic it changes."""
    chosen: list[_Item] = []
    for tier in sorted({item.tier for item in items}):
        queues = {t: deque(i for i in items if i.tier == tier and i.topic is t) for t in Topic}
        while len(chosen) < limit and any(queues.values()):
            for queue in queues.values():
                if queue and len(chosen) < limit:
                    chosen.append(queue.popleft())
    return chosen


def _by_topic(items: Sequence[_Item]) -> list[str]:
    """Markdown: a level-two heading per topic, in topic order, and its bullets in reading
    order."""
    blocks = []
    for topic in Topic:
        bullets = sorted((i for i in items if i.topic is topic), key=lambda i: i.order)
        if bullets:
            lines = "\n".join(f"- {_describe(item)}" for item in bullets)
            blocks.append(f"## {topic.heading}\n\n{lines}")
    return blocks


def describe(change: Change) -> str:
    """One change in one or two plain sentences: where, what, and what it means."""
    return _describe(_Item((change,), topic_of(change), 0, 0))


def _describe(item: _Item) -> str:
    """The bullet of item: where, what, and what its direction means."""
    first = item.changes[0]
    if len(item.changes) > 1:
        where = _section(first)
        what = _rows(first.kind, len(item.changes), first)
    elif _is_heading(first):
        where = _section(first)[:-1]
        what = _heading(first)
    else:
        where = _section(first)
        what = _what(first)
    sentence = _sentence(f"{_where(where)} {what}")
    directions = {change.direction for change in item.changes}
    direction = directions.pop() if len(directions) == 1 else Direction.UNKNOWN
    return f"{sentence} {effect(item.topic, direction)}"


def _sentence(text: str) -> str:
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", ".”", "!”", "?”")) else text + "."


def _section(change: Change) -> tuple[str, ...]:
    return change.new_section or change.old_section


def _where(section: tuple[str, ...]) -> str:
    return f"in “{plain_line(section[-1])}”, we" if section else "we"


def _what(change: Change) -> str:
    if change.kind is ChangeKind.ADDED:
        return f"added: “{snippet(change.new)}”"
    if change.kind is ChangeKind.REMOVED:
        return f"removed: “{snippet(change.old)}”"
    if change.kind is ChangeKind.MOVED:
        old = plain_line(change.old_section[-1]) if change.old_section else "the start"
        return f"moved “{snippet(change.new)}” here from “{old}”"
    edits = _edits(change)
    if edits:
        return f"{edits}: “{snippet(change.new)}”"
    return f"rewrote: “{snippet(change.new)}”"


def _edits(change: Change) -> str:
    """The word edits of the texts as a reader sees them ("changed “do not” to “may”"), or ""
    when they are too many or too long. Edits of Markdown marks or link targets only are not
    words a reader sees: they read as "changed formatting or links"."""
    from kpversion.diff import word_edits

    old_text, new_text = plain_line(change.old), plain_line(change.new)
    if old_text == new_text:
        return "changed formatting or links"
    edits = word_edits(old_text, new_text)
    if not edits or len(edits) > MAX_EDITS:
        return ""
    described = []
    for edit in edits:
        old, new = edit.old.strip(), edit.new.strip()
        if len(old) > MAX_EDIT_CHARS or len(new) > MAX_EDIT_CHARS:
            return ""
        if edit.op is EditOp.INSERT and new:
            described.append(f"added “{new}”")
        elif edit.op is EditOp.DELETE and old:
            described.append(f"removed “{old}”")
        elif old and new:
            described.append(f"changed “{old}” to “{new}”")
        else:
            return ""
    return "; ".join(described)


def _heading(change: Change) -> str:
    old, new = snippet(change.old), snippet(change.new)
    if change.kind is ChangeKind.ADDED:
        return f"added the section “{new}”"
    if change.kind is ChangeKind.REMOVED:
        return f"removed the section “{old}”"
    if change.kind is ChangeKind.MOVED and old == new:
        return f"moved the section “{new}”"
    return f"renamed the section “{old}” to “{new}”"


def _rows(kind: ChangeKind, count: int, first: Change) -> str:
    verb = "added" if kind is ChangeKind.ADDED else "removed"
    quote = snippet(first.new if kind is ChangeKind.ADDED else first.old)
    return f"{verb} {count} rows of a table, starting with “{quote}”"


def _is_heading(change: Change) -> bool:
    text = (change.new or change.old).lstrip()
    return text.startswith("#") and "\n" not in text.strip()


def _is_row(change: Change) -> bool:
    text = (change.new or change.old).strip()
    return text.startswith("|") and text.endswith("|") and "\n" not in text


MARKDOWN_READ = 8
"""Characters of Markdown a snippet reads for each character it shows: the words it shows are
the first ones, and a long change (100 KB of one paragraph) took markdown-it seconds whole."""


def snippet(text: str, limit: int = SNIPPET) -> str:
    """text as plain words on one line (no Markdown marks, list markers or URLs), cut at a
    word boundary with an ellipsis when longer than limit."""
    read = limit * MARKDOWN_READ
    shown = clip(plain_line(text[:read]), limit, " …", at_word=True)
    if len(text) > read and not shown.endswith("…"):
        shown += " …"
    return shown
