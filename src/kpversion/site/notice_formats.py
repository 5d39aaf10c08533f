"""A notice people can send: as text, as HTML with its styles inlined for mail clients, as a
multipart e-mail (`.eml`), or as JSON for integrators (`kpversion notice`).

kpversion sends nothing: the e-mail is a file to hand to the organisation's mail system. Its
links (the statement and the full comparison) are absolute, so an e-mail needs the site's
public URL (`base_url`, or the command's `--base-url`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from kpversion.config import statement_language, text_direction
from kpversion.errors import KpversionError, NothingToDo
from kpversion.records.notice import Notice, absolute, load_notice, notices
from kpversion.site.templating import make_environment
from kpversion.site.views import notice_html, notice_text
from kpversion.store.tree import Store

FORMATS = ("text", "html", "eml", "json")
JSON_SCHEMA = "kpversion.notice/1"
"""The `schema` key of `--format json` (docs/schemas/notice.schema.json), as every command's
`--format json` document carries one (docs/commands.md)."""


class NoNotice(NothingToDo):
    """The revision asked for has no notice (it was not material): nothing to do, exit 4."""


@dataclass(frozen=True)
class NoticeRequest:
    """What `kpversion notice` was asked for."""

    ref: str
    """`SLUG` (its latest notice), `SLUG@VERSION` or `SLUG@latest`."""
    fmt: str = "text"
    base_url: str = ""
    """The site's public URL; default: the tree's `base_url`."""
    sender: str = ""
    recipient: str = ""


@dataclass(frozen=True)
class SendableNotice:
    """A notice with everything its forms show."""

    notice: Notice
    statement_title: str
    site_title: str
    language: str
    base_url: str

    @property
    def comparison(self) -> str:
        return self.notice.comparison_url(self.base_url)

    @property
    def statement(self) -> str:
        return self.notice.statement_url(self.base_url)

    @property
    def archive(self) -> str:
        return absolute(self.base_url, f"{self.notice.slug}/archive/")

    def text(self) -> str:
        return notice_text(self.notice, self.comparison) + (
            f"\nThe statement as it now reads: {self.statement}\n"
        )

    def html(self) -> str:
        """A whole HTML document, its stylesheet inlined into each element (css-inline), as
        mail clients that drop <style> need."""
        import css_inline

        template = make_environment().get_template("notice_email.html")
        page = template.render(
            notice=self.notice,
            summary=notice_html(self.notice, self.comparison, shift=1),
            site_title=self.site_title,
            statement_url=self.statement,
            archive_url=self.archive,
            language=self.language,
            dir=text_direction(self.language),
        )
        return str(css_inline.inline(page))

    def email(self, sender: str, recipient: str, now: dt.datetime) -> bytes:
        message = EmailMessage()
        message["Subject"] = self.notice.title
        if sender:
            message["From"] = sender
        if recipient:
            message["To"] = recipient
        message["Date"] = format_datetime(now)
        text, html = self.text(), self.html()
        message.set_content(text)
        message.add_alternative(html, subtype="html")
        # The same notice gives the same file: the boundary comes from the content.
        digest = hashlib.sha256(f"{text}\0{html}".encode()).hexdigest()
        message.set_boundary(f"kpversion-{digest[:32]}")
        message["Content-Language"] = self.language  # after set_content, which clears it
        return message.as_bytes()

    def data(self) -> dict[str, Any]:
        notice = self.notice
        return {
            "schema": JSON_SCHEMA,
            "statement": notice.slug,
            "version": notice.version,
            "title": notice.title,
            "published": notice.published,
            "effective": notice.effective,
            "previous": notice.previous or None,
            "compare": notice.compare or None,
            "more": notice.more,
            "language": self.language,
            "summary": notice.summary,
            "text": self.text(),
            "links": {"statement": self.statement, "comparison": self.comparison},
        }


def notice_output(store: Store, request: NoticeRequest, now: dt.datetime) -> bytes:
    """The notice request.ref names, in request.fmt."""
    if request.fmt not in FORMATS:
        raise KpversionError(f"format must be one of {', '.join(FORMATS)}, not {request.fmt!r}")
    sendable = find_notice(store, request)
    if request.fmt == "eml" and not sendable.base_url:
        raise KpversionError(
            "base_url is not set, and an e-mail needs absolute links: set base_url or pass "
            "--base-url",
            store.display(store.folder / "kpversion.toml"),
        )
    if request.fmt == "eml":
        return sendable.email(request.sender, request.recipient, now)
    if request.fmt == "json":
        text = json.dumps(sendable.data(), ensure_ascii=False, indent=2) + "\n"
        return text.encode("utf-8")
    return (sendable.html() if request.fmt == "html" else sendable.text()).encode("utf-8")


def find_notice(store: Store, request: NoticeRequest) -> SendableNotice:
    slug, _, version = request.ref.partition("@")
    statement = store.statement(slug)
    shown = store.display(statement.folder)
    if not version:
        found = notices(store, slug)
        if not found:
            raise NoNotice("no notice yet: no revision was material", shown)
        notice = found[-1]
    else:
        if version == "latest":
            latest = store.latest(slug)
            if latest is None:
                raise NoNotice("no revision yet", shown)
            version = str(latest.version)
        store.revision(slug, version)  # a one-line error when there is none
        maybe = load_notice(store, slug, version)
        if maybe is None:
            raise NoNotice(f"revision {version} has no notice: it was not material", shown)
        notice = maybe
    return SendableNotice(
        notice,
        statement.settings.title,
        store.settings.site_title,
        statement_language(store.settings, statement.settings),
        request.base_url or store.settings.base_url,
    )
