"""The one Jinja2 environment: user templates first, then the packaged ones.

Autoescape is on for every template and `StrictUndefined` turns a misspelled variable into an
error. Text a user wrote that may hold HTML (statements, notices) reaches a page only through
the `markdown` or `sanitize` filters, which pass the result through nh3.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import jinja2
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

HERE = Path(__file__).parent
PACKAGE = HERE.parent
"""The kpversion package: its code and data feed every page's key."""
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
"""Every page's policy (a meta tag) and `serve`'s header: only the site's own scripts, styles,
images and data; no inline script or style, no plugins, no other site."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def make_environment(user_folder: Path | None = None) -> jinja2.Environment:
    """The environment: user_folder's templates override the packaged ones of the same name."""
    loaders: list[jinja2.BaseLoader] = []
    if user_folder is not None and user_folder.is_dir():
        loaders.append(RegularFiles(user_folder))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters["sanitize"] = sanitize
    env.filters["long_date"] = long_date
    env.globals["content_security_policy"] = CONTENT_SECURITY_POLICY
    return env


class RegularFiles(jinja2.FileSystemLoader):
    """The user's templates, which live under statements/: regular files inside the folder,
    never a link (a linked template would publish the file it points to)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), followlinks=False)
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        from kpversion.store.files import check_path

        source, filename, uptodate = super().get_source(environment, template)
        check_path(Path(filename), self.folder, f"{self.folder.name}/{template}")
        return source, filename, uptodate


def long_date(day: str) -> str:
    """`2024-10-01` as "October 1, 2024" (the text as it is when it is no date)."""
    import datetime as dt

    from kpversion.dates import format_date

    try:
        return format_date(dt.date.fromisoformat(day[:10]))
    except ValueError:
        return day


def sanitize(html: str) -> Markup:
    """Untrusted HTML made safe: no scripts, no event handlers, only plain URL schemes, and
    images only from the site itself."""
    return Markup(
        nh3.clean(
            html,
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
            attribute_filter=_local_images,
        )
    )


def _local_images(tag: str, attribute: str, value: str) -> str | None:
    # An image from another site would tell it who reads the privacy statement, and when.
    if tag == "img" and attribute == "src" and not is_relative_url(value):
        return None
    return value


def is_relative_url(url: str) -> bool:
    """No scheme and no host, as a browser reads it: spaces and controls around it and tabs or
    newlines inside it ignored, and a backslash taken for a slash."""
    url = url.strip(_C0_OR_SPACE).translate({9: None, 10: None, 13: None}).replace("\\", "/")
    return not url.startswith("//") and not _SCHEME.match(url)


def xml_text(text: str) -> str:
    """text with every character XML 1.0 forbids (most C0 controls, surrogates, U+FFFE/U+FFFF)
    replaced by U+FFFD, so that the feed parses and no page holds a control character."""
    return _NOT_XML.sub("\ufffd", text)


def render_markdown(text: str, shift: int = 0) -> Markup:
    """CommonMark to HTML, raw HTML included, then sanitized; headings shifted down by shift
    levels (a notice's topics under the page's own heading), and each table in a box of its own
    that scrolls sideways on a narrow screen, never the page (keyboard users can focus it)."""
    md = _markdown()
    tokens = md.parse(text)
    if shift:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(6, int(token.tag[1:]) + shift)}"
    html = sanitize(md.renderer.render(tokens, md.options, {}))
    return Markup(_wrap_tables(str(html)))


TABLE_BOX = '<div class="table-wrap" role="group" aria-label="Table" tabindex="0">'
_TABLE_OPEN = re.compile(r"<table\b")
_TABLE_CLOSE = re.compile(r"</table>")


def _wrap_tables(html: str) -> str:
    # The sanitizer's output is well-formed and escapes "<" in text and attribute values, so
    # "<table" here is always a tag.
    html = _TABLE_OPEN.sub(lambda m: TABLE_BOX + m.group(), html)
    return _TABLE_CLOSE.sub("</table></div>", html)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def templates_digest(user_folder: Path | None, extra: Iterable[Path] = ()) -> str:
    """A hash of every template and static file that can shape a page, for incremental builds."""
    digest = hashlib.sha256()
    folders = [TEMPLATES, STATIC] + ([user_folder] if user_folder and user_folder.is_dir() else [])
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            _feed(digest, path, folder)
    for path in extra:
        _feed(digest, path, path.parent)
    return digest.hexdigest()


def _feed(digest: hashlib._Hash, path: Path, base: Path) -> None:
    digest.update(str(path.relative_to(base)).encode("utf-8") + b"\0")
    digest.update(path.read_bytes() + b"\0")
