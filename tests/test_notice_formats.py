"""`kpversion notice`: a notice as text, HTML with inlined styles, a multipart e-mail, or JSON."""

from __future__ import annotations

import datetime as dt
import email
import json
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import Result

from kpversion import Store
from kpversion.site.notice_formats import NoticeRequest, notice_output
from tests.conftest import REPO
from tests.site_tree import make_tree

TODAY = dt.date(2024, 3, 10)
NOW = dt.datetime(2024, 3, 10, 9, 30, tzinfo=dt.UTC)
BASE = "https://example.org/policies/"
COMPARISON = f"{BASE}policy/compare/2024-01-01...2024-03-01/"
Invoke = Callable[..., Result]


@pytest.fixture
def tree(tmp_path: Path) -> Store:
    store = make_tree(tmp_path / "repo", TODAY)
    settings = store.folder / "kpversion.toml"
    settings.write_text(settings.read_text() + f'base_url = "{BASE}"\n')
    return Store(store.root)


class Styles(HTMLParser):
    """Every tag, whether it is styled inline, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.styled: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if found.get("style"):
            self.styled.add(tag)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))


def test_an_email_is_multipart_with_a_subject_text_and_inlined_html(tree: Store) -> None:
    request = NoticeRequest("policy", "eml", sender="privacy@example.org", recipient="a@b.org")
    data = notice_output(tree, request, NOW)
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "Changes effective 2024-03-31"
    assert (message["From"], message["To"]) == ("privacy@example.org", "a@b.org")
    assert message["Date"] == "Sun, 10 Mar 2024 09:30:00 +0000"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    plain = text.get_content()
    assert plain.startswith("Changes effective 2024-03-31\n\nPublished March 1, 2024.")
    assert f"See every change since the version of January 1, 2024: {COMPARISON}" in plain
    assert f"The statement as it now reads: {BASE}policy/" in plain
    page = Styles()
    page.feed(html.get_content())
    assert "style" not in page.tags  # the stylesheet is inlined into the elements
    assert {"body", "h1", "a", "p"} <= page.styled
    assert COMPARISON in page.links and f"{BASE}policy/" in page.links
    assert notice_output(tree, request, NOW) == data  # the same notice, the same file


def test_text_html_and_json(tree: Store, cli_invoke: Invoke, tmp_path: Path) -> None:
    text = cli_invoke("notice", "policy", cwd=tree.root)
    assert text.exit_code == 0 and text.stdout.startswith("Changes effective 2024-03-31\n")
    html = cli_invoke("notice", "policy@2024-03-01", "--format", "html", cwd=tree.root)
    assert html.stdout.startswith("<!DOCTYPE html>") and 'style="' in html.stdout
    out = tmp_path / "notice.json"
    written = cli_invoke(
        "notice", "policy@latest", "--format", "json", "-o", str(out), cwd=tree.root
    )
    assert written.exit_code == 0 and written.stdout == ""
    data = json.loads(out.read_text())
    schema = json.loads((REPO / "docs/schemas/notice.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema"] == "kpversion.notice/1"
    assert data["links"] == {"statement": f"{BASE}policy/", "comparison": COMPARISON}
    assert (data["version"], data["previous"], data["more"]) == ("2024-03-01", "2024-01-01", 0)
    assert data["text"] == text.stdout
    relative = cli_invoke("notice", "policy", "--base-url", "https://other.example/", cwd=tree.root)
    assert "https://other.example/policy/compare/2024-01-01...2024-03-01/" in relative.stdout


def test_no_notice_is_nothing_to_do_and_a_bad_request_an_error(
    tree: Store, cli_invoke: Invoke, tmp_path: Path
) -> None:
    """No notice is nothing to do (exit 4, as an unchanged draft to publish); a revision that
    does not exist or an e-mail without absolute links is an error (exit 1)."""
    old = cli_invoke("notice", "policy@2024-01-01", cwd=tree.root)
    assert old.exit_code == 4
    assert old.stderr == (
        "statements/policy: revision 2024-01-01 has no notice: it was not material\n"
    )
    assert old.stdout == ""
    none = cli_invoke("notice", "empty", cwd=tree.root)
    assert none.exit_code == 4 and "no notice yet" in none.stderr
    latest = cli_invoke("notice", "empty@latest", cwd=tree.root)
    assert latest.exit_code == 4 and "no revision yet" in latest.stderr
    missing = cli_invoke("notice", "policy@2020-01-01", cwd=tree.root)
    assert missing.exit_code == 1 and "no revision 2020-01-01" in missing.stderr
    bare = make_tree(tmp_path / "bare", TODAY)
    mail = cli_invoke("notice", "policy", "--format", "eml", cwd=bare.root)
    assert mail.exit_code == 1
    assert mail.stderr.startswith("statements/kpversion.toml: base_url is not set, and an e-mail")
    assert mail.stdout == ""
