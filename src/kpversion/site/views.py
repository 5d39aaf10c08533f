"""What templates show: views of revisions, changes, notices and the banner, made from the
store's data, with untrusted text escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from kpversion.change import Change, DiffResult, Override
from kpversion.config import StatementSettings, TreeSettings, banner_days
from kpversion.dates import format_date
from kpversion.records.notice import Notice
from kpversion.store.tree import Revision
from kpversion.text.clip import clip
from kpversion.text.front_matter import FrontMatter, split_front_matter
from kpversion.text.plain import first_paragraph, plain_text

if TYPE_CHECKING:
    from kpversion.materiality import Rules


class Lazy:
    """A revision's text rendered as Markdown only when a template prints it; its front
    matter is metadata, never body text."""

    def __init__(self, revision: Revision) -> None:
        self.revision = revision

    @cached_property
    def parts(self) -> FrontMatter:
        return split_front_matter(self.revision.text())

    @property
    def title(self) -> str:
        return self.parts.title

    @property
    def description(self) -> str:
        return self.parts.description

    def __html__(self) -> str:
        from kpversion.site.templating import render_markdown

        return str(render_markdown(self.parts.body))


def notice_html(notice: Notice, link: str, shift: int = 0) -> Markup:
    """A notice's summary as HTML (headings shifted down by shift levels), then its closing
    line: the changes not listed and the link to every change."""
    from kpversion.site.templating import render_markdown

    return render_markdown(notice.summary, shift) + render_markdown(notice.closing(link))


def notice_text(notice: Notice, link: str) -> str:
    """A notice as plain text (the e-mail's text part, the JSON Feed's content_text)."""
    parts = [notice.title, notice.dates_line(), plain_text(notice.summary)]
    return "\n\n".join([*parts, notice.closing_text(link)]) + "\n"


def lead(markdown: str, limit: int = 200) -> str:
    """The first paragraph of a Markdown summary as plain text, for the banner and feed."""
    return clip(first_paragraph(markdown), limit, "…")


def revision_view(revision: Revision, settings: StatementSettings) -> dict[str, Any]:
    entry = revision.entry
    line = settings.version_line.replace(
        "{date}", format_date(revision.version.date, settings.date_style)
    ).replace(
        "{effective}",
        format_date(dt.date.fromisoformat(entry.effective[:10]), settings.date_style),
    )
    return {
        "version": entry.version,
        "published": entry.published_at[:10],
        "effective": entry.effective[:10],
        "verdict": entry.verdict,
        "version_line": line,
        "sha256": entry.sha256,
        "effective_long": format_date(dt.date.fromisoformat(entry.effective[:10])),
    }


def compare_result(rules: Rules, slug: str, old: Revision, new: Revision) -> DiffResult:
    """The compare page's changes: classified under the statement's rules, with the editor's
    override recorded in the ledger, if any."""
    from kpversion.compare import compare

    recorded = new.entry.meta.get("override")
    override, because = None, ""
    if isinstance(recorded, Mapping) and recorded.get("verdict") in tuple(Override):
        override, because = Override(recorded["verdict"]), str(recorded.get("because", ""))
    labels = (f"{slug}@{old.version}", f"{slug}@{new.version}")
    return compare(old.text(), new.text(), labels, rules=rules, override=override, because=because)


def change_view(change: Change, number: int) -> dict[str, Any]:
    """A change as a compare page shows it: a redline of the texts as a reader sees them."""
    from dataclasses import replace

    from kpversion.diff.redline import redline, section_title
    from kpversion.site.compare_view import reader_texts

    old, new = reader_texts(change)
    return {
        "change": change,
        "number": number,
        "section": section_title(change.new_section or change.old_section),
        "old_section": section_title(change.old_section),
        "redline": redline_html(redline(replace(change, old=old, new=new))),
    }


def redline_html(segments: Sequence[Any]) -> Markup:
    """Word segments as escaped text with <del> and <ins>; a screen reader hears which is which."""
    parts: list[str] = []
    for seg in segments:
        if seg.tag == "equal":
            parts.append(str(escape(seg.new)))
            continue
        old, new, tail = _shared_tail(seg.old, seg.new)
        if old:
            parts.append(f'<del><span class="sr-only">deleted: </span>{escape(old)}</del>')
        if new:
            parts.append(f'<ins><span class="sr-only">inserted: </span>{escape(new)}</ins>')
        parts.append(str(escape(tail)))
    return Markup("".join(parts))


def _shared_tail(old: str, new: str) -> tuple[str, str, str]:
    """Keep the space both sides end with outside the marks, so "do not " reads "do not"."""
    if not (old and new):
        return old, new, ""
    old_core, new_core = old.rstrip(), new.rstrip()
    tail = old[len(old_core) :]
    return (old_core, new_core, tail) if tail == new[len(new_core) :] else (old, new, "")


def counts(result: DiffResult) -> dict[str, int]:
    counts = {"material": 0, "review": 0, "non-material": 0}
    for change in result.changes:
        counts[change.verdict.value] += 1
    return counts


def banner_payload(
    slug: str,
    settings: StatementSettings,
    notice: Notice | None,
    tree: TreeSettings,
    absolute: Callable[[str], str],
) -> dict[str, Any]:
    """What banner.js reads: the latest material notice and the window it shows in; absolute
    makes a URL under base_url ("" without one)."""
    payload: dict[str, Any] = {"statement": slug, "title": settings.title, "notice": None}
    if notice is None:
        return payload
    days = banner_days(tree, settings)
    end = dt.date.fromisoformat(notice.effective) + dt.timedelta(days=days)
    link = f"compare/{notice.compare}/" if notice.compare else f"{notice.version}/"
    summary = lead(notice.summary)
    payload["notice"] = {
        "version": notice.version,
        "title": notice.title,
        "summary": summary,
        "text": banner_text(notice, summary),
        "published": notice.published,
        "effective": notice.effective,
        "start": notice.published,
        "end": end.isoformat(),
        "url": absolute(f"{slug}/{link}") or link,
    }
    return payload


def banner_text(notice: Notice, summary: str) -> str:
    """What the banner says after the notice's title: the summary's lead, and the effective
    date unless the title says it already (each thing once)."""
    effective = dt.date.fromisoformat(notice.effective)
    said = format_date(effective) in notice.title or notice.effective in notice.title
    parts = [summary] if summary else []
    if not said:
        parts.append(f"Effective {format_date(effective)}.")
    return " ".join(parts)


def banner_active(payload: Mapping[str, Any], today: dt.date) -> bool:
    notice = payload.get("notice")
    if not notice:
        return False
    return bool(notice["start"] <= today.isoformat() <= notice["end"])
