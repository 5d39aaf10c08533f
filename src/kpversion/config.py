"""Settings for the tree (`statements/kpversion.toml`) and per statement (`statement.toml`).

Both are frozen dataclasses whose field docs are the documentation. Unknown keys are refused
with a "did you mean" so a misspelled setting never silently does nothing.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from kpversion.errors import ConfigError

DEFAULT_CHROME_PATTERNS = (
    r"^Skip to (main )?content$",
    r"^Back to top$",
    r"^Print( this page)?$",
    r"^Share( this page)?$",
    r"^Learn more$",
)


@dataclass(frozen=True)
class TreeSettings:
    """Settings of the whole statements/ tree, from `statements/kpversion.toml`."""

    site_title: str = "Policies"
    """Title of the generated site's index page."""
    base_url: str = ""
    """Public URL the site is served from (used in feeds and banner links); empty = relative."""
    chrome_patterns: tuple[str, ...] = DEFAULT_CHROME_PATTERNS
    """Regular expressions for whole lines of page chrome that `import` removes. They run on
    RE2, in time linear in the text whatever the pattern (no pattern can hang an import), so
    lookarounds and backreferences are refused, and `\\w`, `\\d` and `\\b` are ASCII."""
    notice_days: int = 30
    """Default days between a material revision's notice and its effective date."""
    banner_days: int = 30
    """Default days the banner stays up after a material revision takes effect."""
    review_months: int = 12
    """A statement with no revision for this many months is overdue (CCPA annual update)."""
    date_order: str = "month-first"
    """How numeric dates in a text are read ("03/04/2024"): `month-first` (March 4) or
    `day-first` (3 April); a statement's own setting wins."""
    templates: str = ""
    """Folder of user templates that override the packaged ones (relative to statements/)."""
    authority: str = ""
    """The tagging entity of feed ids (RFC 4151), e.g. `example.org,2024`; empty = from base_url."""
    language: str = "en"
    """Language of the site's own pages (BCP 47), and of statements that set none."""
    rules: dict[str, Any] = field(default_factory=dict)
    """Materiality rule overrides for every statement (same shape as the packaged rules file)."""


@dataclass(frozen=True)
class StatementSettings:
    """Settings of one statement, from `statements/<slug>/statement.toml`."""

    title: str
    """Human title of the statement."""
    kind: str = "privacy"
    """`privacy` (full materiality rules) or `general` (generic profile)."""
    version_line: str = "Last reviewed/updated: {date}"
    """The line in the text that states the version; on publish `{date}` becomes the version
    and `{effective}` the effective date (e.g. `Effective date: {effective}`)."""
    date_style: str = "long"
    """How `{date}` is written: `long` (January 24, 2023) or `iso` (2023-01-24)."""
    url: str = ""
    """Canonical public URL of the statement."""
    regimes: tuple[str, ...] = ("FTC", "CCPA", "CalOPPA")
    """Legal regimes considered in retroactivity records."""
    entities: tuple[str, ...] = ()
    """Entities covered by the statement (names guarded by the A1 rule)."""
    notice_days: int | None = None
    """Days of notice before a material revision takes effect; unset = the tree's default."""
    banner_days: int | None = None
    """Days the banner stays up after the effective date; unset = the tree's default."""
    language: str = ""
    """Language of the statement's text (BCP 47, e.g. `en`, `fr-CA`); unset = the tree's."""
    translations: tuple[str, ...] = ()
    """Slugs of the same statement in other languages (linked with hreflang)."""
    rules: dict[str, Any] = field(default_factory=dict)
    """Materiality rule overrides for this statement."""
    date_order: str | None = None
    """How numeric dates in this text are read (`month-first` or `day-first`); unset = the
    tree's `date_order`."""


KINDS = ("privacy", "general")
DATE_STYLES = ("long", "iso")
DATE_ORDERS = ("month-first", "day-first")
PLACEHOLDERS = ("{date}", "{effective}")
T = TypeVar("T")


MAX_COUNT = 36_500
"""Largest count a setting takes (a hundred years of days)."""
MAX_MONTHS = 1_200
"""Largest `review_months` (a hundred years)."""


def load_tree_settings(path: Path, text: str | None = None) -> TreeSettings:
    """The tree's settings from path (or from text, path's content as the store read it)."""
    if text is None and path.exists():
        text = _read(path)
    data = _parse_toml(text, path) if text is not None else {}
    settings = _build(TreeSettings, data, path)
    for pattern in settings.chrome_patterns:
        _check_regex(pattern, path)
    _check_url("base_url", settings.base_url, path)
    _check_inside("templates", settings.templates, path)
    _check_language("language", settings.language, path)
    if settings.authority and not AUTHORITY.fullmatch(settings.authority):
        raise ConfigError(
            "setting 'authority' must be a domain or e-mail address, a comma and a date "
            '(RFC 4151), e.g. "example.org,2024"',
            path,
        )
    if settings.date_order not in DATE_ORDERS:
        raise ConfigError(f"date_order must be one of {', '.join(DATE_ORDERS)}", path)
    if settings.review_months > MAX_MONTHS:
        raise ConfigError(f"setting 'review_months' must be at most {MAX_MONTHS}", path)
    return settings


def load_statement_settings(path: Path, text: str | None = None) -> StatementSettings:
    """A statement's settings from path (or from text, path's content as the store read it)."""
    if text is None:
        if not path.exists():
            raise ConfigError("statement settings file is missing", path)
        text = _read(path)
    settings = _build(StatementSettings, _parse_toml(text, path), path)
    if settings.kind not in KINDS:
        raise ConfigError(f"kind must be one of {', '.join(KINDS)}, not {settings.kind!r}", path)
    if settings.date_style not in DATE_STYLES:
        raise ConfigError(f"date_style must be one of {', '.join(DATE_STYLES)}", path)
    counts = [settings.version_line.count(name) for name in PLACEHOLDERS]
    if max(counts) > 1 or sum(counts) == 0:
        raise ConfigError(
            "version_line must contain {date} (the version) or {effective} (the effective "
            "date), each at most once",
            path,
        )
    if settings.date_order is not None and settings.date_order not in DATE_ORDERS:
        raise ConfigError(f"date_order must be one of {', '.join(DATE_ORDERS)}", path)
    _check_url("url", settings.url, path)
    _check_language("language", settings.language, path)
    return settings


LANGUAGE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")
"""A BCP 47 language tag, as pages write it in `lang` (the common shapes: `en`, `pt-BR`)."""
AUTHORITY = re.compile(
    r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
    r"|[^@\s,]+@[^@\s,]+),\d{4}(?:-\d{2}(?:-\d{2})?)?"
)
"""RFC 4151's taggingEntity: a DNS name or an e-mail address, a comma, a date."""
RIGHT_TO_LEFT = frozenset(
    ["ar", "arc", "ckb", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]
)
"""Languages written right to left (their primary subtag)."""


def _check_language(name: str, value: str, path: Path) -> None:
    if value and not LANGUAGE.fullmatch(value):
        raise ConfigError(f'setting {name!r} must be a language tag such as "en" or "pt-BR"', path)


def text_direction(language: str) -> str:
    """`rtl` for a language written right to left, else `ltr`."""
    return "rtl" if language.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def statement_language(tree: TreeSettings, statement: StatementSettings) -> str:
    """The statement's language: its own setting, else the tree's."""
    return statement.language or tree.language


def _check_url(name: str, value: str, path: Path) -> None:
    """An empty value, or an absolute http(s) URL: the site writes it into links."""
    from urllib.parse import urlsplit

    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"setting {name!r} must be an http:// or https:// URL", path)


def _check_inside(name: str, value: str, path: Path) -> None:
    """A folder named relative to statements/, which it must not leave."""
    folder = Path(value)
    if value and (folder.is_absolute() or ".." in folder.parts):
        raise ConfigError(f"setting {name!r} must be a folder inside statements/", path)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", path) from None


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # here: a diff of two files outside a tree reads no settings

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", path) from None


def _build(cls: type[T], data: dict[str, Any], path: Path) -> T:
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    for key in data:
        if key not in known:
            import difflib  # only for the message of a misspelled key

            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"unknown setting {key!r}{hint}", path)
    values: dict[str, Any] = {}
    for name, spec in known.items():
        if name in data:
            values[name] = _coerce(name, data[name], spec.type, path)
        elif spec.default is MISSING and spec.default_factory is MISSING:
            raise ConfigError(f"missing required setting {name!r}", path)
    return cls(**values)


def _coerce(name: str, value: Any, annotation: Any, path: Path) -> Any:
    text = str(annotation)
    if text.startswith("tuple"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"setting {name!r} must be a list of strings", path)
        return tuple(value)
    if text.startswith("dict"):
        if not isinstance(value, dict):
            raise ConfigError(f"setting {name!r} must be a table", path)
        return value
    if text.startswith("int"):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
            raise ConfigError(
                f"setting {name!r} must be a whole number from 0 to {MAX_COUNT}", path
            )
        return value
    if not isinstance(value, str):
        raise ConfigError(f"setting {name!r} must be a string", path)
    return value


def _check_regex(pattern: str, path: Path) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ConfigError(
            f"chrome pattern {pattern!r} is not a valid regex ({exc})", path
        ) from None
    if pattern not in DEFAULT_CHROME_PATTERNS:
        try:
            compile_chrome_pattern(pattern)
        except ValueError as exc:
            raise ConfigError(
                f"chrome pattern {pattern!r} cannot run in linear time ({exc}); chrome "
                "patterns use RE2 syntax: no lookarounds or backreferences",
                path,
            ) from None


def compile_chrome_pattern(pattern: str) -> Any:
    """pattern compiled by RE2, case-insensitive: its search runs in time linear in the text
    (a backtracking engine takes exponential time on `^(a+)+$`). ValueError if RE2 refuses it."""
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise ValueError(text) from None


def dump_toml(values: dict[str, Any]) -> str:
    """Write a flat settings table as TOML (strings, integers and lists of strings)."""
    lines = []
    for key, value in values.items():
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    # TOML basic strings may hold no control character but a tab: write the rest escaped.
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text) + '"'


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def date_order(tree: TreeSettings, statement: StatementSettings | None = None) -> str:
    """How numeric dates are read: the statement's order, else the tree's."""
    if statement is not None and statement.date_order is not None:
        return statement.date_order
    return tree.date_order


def notice_days(tree: TreeSettings, statement: StatementSettings) -> int:
    """Days of notice before a material revision takes effect: the statement's, else the tree's."""
    return tree.notice_days if statement.notice_days is None else statement.notice_days


def banner_days(tree: TreeSettings, statement: StatementSettings) -> int:
    """Days the banner stays up after the effective date: the statement's, else the tree's."""
    return tree.banner_days if statement.banner_days is None else statement.banner_days
