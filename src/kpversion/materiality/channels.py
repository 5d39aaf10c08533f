"""Contact channels in a statement's Markdown, compared by what they reach.

A channel is an e-mail address, a phone number, a URL, a web form or a postal address. Each
has a canonical `value`: two channels with equal values reach the same place however they
are written, so a re-formatted phone number is the same channel and a `mailto:` that became
a web form is not. An address kpversion cannot read (Cloudflare's "[email protected]" with
no hex) has the value "", which equals no other channel.

Channels come from visible text (e-mail addresses, phone numbers, postal addresses with a
street number and a postcode, or a P.O. box), from Markdown links, autolinks and reference
links, from `mailto:` and `tel:` targets, and from HTML `<a href>` left in the Markdown.

Every pattern here is linear: bounded repetitions over disjoint character classes, and no
nested unbounded quantifier; `tests/test_channels.py` runs each on 100 KB adversarial text.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit, urlunsplit

EMAIL = "email"
PHONE = "phone"
URL = "url"
FORM = "form"
POSTAL = "postal"


@dataclass(frozen=True)
class Channel:
    """One way to reach the organisation, as written and as kpversion compares it."""

    kind: str
    """"email", "phone", "url", "form" or "postal"."""
    value: str
    """Canonical: an e-mail lowercased, a phone number in E.164, a URL normalised, a postal
    address's words normalised; "" when the channel cannot be read (never equal to another)."""
    raw: str
    """As written: the address, number or link target (for a hidden Cloudflare address, its
    placeholder "[email protected]")."""
    link_text: str
    """The visible text of the link it came from; "" for bare text."""


@dataclass(frozen=True)
class Link:
    """A Markdown or HTML link: its visible text, its target and where it sits."""

    text: str
    """Visible text, Markdown escapes undone; for an autolink or a bare URL, the URL."""
    target: str
    """The target as written (a reference link's definition resolved)."""
    start: int
    end: int
    style: str
    """"inline", "reference", "definition", "autolink", "html" or "bare"."""


@dataclass(frozen=True)
class ChannelSpan:
    """A channel and the span of the Markdown that names it (a whole link for a link)."""

    channel: Channel
    start: int
    end: int


# -- links -------------------------------------------------------------------------------------

_TEXT = r"(?:\\.|[^\[\]\\\n]|\n(?![ \t]*\n)){0,1000}"
"""Link text: escapes, ordinary characters or a single line break, bounded."""
_DESTINATION = r"(?:<[^<>\n]{0,2000}>|[^\s()<>]{0,2000}(?:\([^\s()]{0,500}\)[^\s()<>]{0,500}){0,3})"
_TITLE = r"(?:[ \t\n]{1,20}(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'|\([^()\n]{0,500}\)))?"
_INLINE = re.compile(
    rf"(?<!!)\[(?P<text>{_TEXT})\]\([ \t\n]{{0,20}}(?P<target>{_DESTINATION}){_TITLE}"
    r"[ \t\n]{0,20}\)"
)
_IMAGE = re.compile(rf"!\[{_TEXT}\]\([ \t\n]{{0,20}}{_DESTINATION}{_TITLE}[ \t\n]{{0,20}}\)")
_REFERENCE = re.compile(rf"(?<!!)\[(?P<text>{_TEXT})\](?:\[(?P<label>[^\[\]\n]{{0,200}})\])?")
_DEFINITION = re.compile(
    r"^ {0,3}\[(?P<label>[^\[\]\n]{1,200})\]:[ \t]{0,20}(?P<target><[^<>\n]{0,2000}>|\S{1,2000})",
    re.MULTILINE,
)
_AUTOLINK = re.compile(
    r"<(?P<target>(?:https?|ftp)://[^\s<>]{1,2000}|mailto:[^\s<>]{1,500}|tel:[^\s<>]{1,100}"
    r"|[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,10})>"
)
_ANCHOR_OPEN = re.compile(r"<a\b[^<>]{0,2000}>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref[ \t\n]{0,20}=[ \t\n]{0,20}(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ANCHOR_CLOSE = re.compile(r"</a[ \t\n]{0,20}>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]\"'`]{1,2000}")
_TRAILING_PUNCTUATION = ".,;:!?*_'\""
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@lru_cache(maxsize=16)
def links(markdown: str) -> tuple[Link, ...]:
    """Every link in the Markdown, in reading order: inline, reference, autolink, HTML, bare.

    Spans never overlap: a URL inside a link's target is that link, not a bare URL too.
    """
    found: list[Link] = []
    taken: list[tuple[int, int]] = []
    if "![" in markdown:
        for image in _IMAGE.finditer(markdown):  # an image's source is no link
            _take(taken, image.start(), image.end())
    definitions = _definitions(markdown)
    for link in (
        *_inline_links(markdown),
        *_html_links(markdown),
        *_autolinks(markdown),
        *definitions.values(),
        *_reference_links(markdown, definitions),
        *_bare_urls(markdown),
    ):
        if not _overlaps(taken, link.start, link.end):
            _take(taken, link.start, link.end)
            found.append(link)
    return tuple(sorted(found, key=lambda link: link.start))


def _inline_links(markdown: str) -> list[Link]:
    if "](" not in markdown:
        return []
    return [
        Link(_unescape(m["text"]), m["target"].strip("<>"), m.start(), m.end(), "inline")
        for m in _INLINE.finditer(markdown)
    ]


def _definitions(markdown: str) -> dict[str, Link]:
    if "]:" not in markdown:
        return {}
    found: dict[str, Link] = {}
    for m in _DEFINITION.finditer(markdown):
        label = _label(m["label"])
        found.setdefault(label, Link("", m["target"].strip("<>"), m.start(), m.end(), "definition"))
    return found


def _reference_links(markdown: str, definitions: dict[str, Link]) -> list[Link]:
    if not definitions:
        return []
    found = []
    for m in _REFERENCE.finditer(markdown):
        label = _label(m["label"] or m["text"])
        definition = definitions.get(label)
        if definition is not None:
            found.append(
                Link(_unescape(m["text"]), definition.target, m.start(), m.end(), "reference")
            )
    return found


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _autolinks(markdown: str) -> list[Link]:
    if "<" not in markdown:
        return []
    return [
        Link(m["target"], m["target"], m.start(), m.end(), "autolink")
        for m in _AUTOLINK.finditer(markdown)
    ]


def _html_links(markdown: str) -> list[Link]:
    if "<a" not in markdown and "<A" not in markdown:
        return []
    closes = [m.start() for m in _ANCHOR_CLOSE.finditer(markdown)]
    close_ends = {m.start(): m.end() for m in _ANCHOR_CLOSE.finditer(markdown)}
    found = []
    for tag in _ANCHOR_OPEN.finditer(markdown):
        href = _HREF.search(tag.group())
        index = bisect.bisect_left(closes, tag.end())
        if href is None or index == len(closes):
            continue
        target = html.unescape(next(group for group in href.groups() if group is not None))
        inner = _TAG.sub("", markdown[tag.end() : closes[index]])
        text = " ".join(html.unescape(inner).split())
        found.append(Link(text, target, tag.start(), close_ends[closes[index]], "html"))
    return found


def _bare_urls(markdown: str) -> list[Link]:
    if "http" not in markdown and "www." not in markdown:
        return []
    found = []
    for m in _BARE_URL.finditer(markdown):
        url = m.group().rstrip(_TRAILING_PUNCTUATION)
        found.append(Link(url, url, m.start(), m.start() + len(url), "bare"))
    return found


def _unescape(text: str) -> str:
    return " ".join(_ESCAPE.sub(r"\1", text).split())


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(taken, (start, end))
    before = taken[index - 1] if index else None
    after = taken[index] if index < len(taken) else None
    return (before is not None and before[1] > start) or (after is not None and after[0] < end)


def _take(taken: list[tuple[int, int]], start: int, end: int) -> None:
    bisect.insort(taken, (start, end))


# -- channels ----------------------------------------------------------------------------------


def channels(markdown: str, region: str = "US") -> tuple[Channel, ...]:
    """Every contact channel in the Markdown, in reading order.

    `region` is the country a phone number written without "+" belongs to (ISO 3166 code).
    """
    return tuple(span.channel for span in channel_spans(markdown, region))


@lru_cache(maxsize=16)
def channel_spans(markdown: str, region: str = "US") -> tuple[ChannelSpan, ...]:
    """Every channel with the span that names it; a link's channels share the link's span."""
    found: list[ChannelSpan] = []
    pieces: list[str] = []
    done = 0
    found_links = links(markdown)
    shown = {link.target for link in found_links if link.style == "reference"}
    for link in found_links:
        if link.style != "definition" or link.target not in shown:
            # A used definition's target is reached through its reference links.
            found.extend(_link_channels(link, region))
        pieces += [markdown[done : link.start], " " * (link.end - link.start)]
        done = link.end
    # Links blanked out, offsets kept: what remains is text a reader sees as text.
    pieces.append(markdown[done:])
    found.extend(_text_channels("".join(pieces), region))
    return tuple(sorted(found, key=lambda span: (span.start, span.end)))


def _link_channels(link: Link, region: str) -> list[ChannelSpan]:
    """The channel a link's target reaches, and any address or number its text shows."""
    target = link.target.strip()
    text = "" if link.style in ("autolink", "bare", "definition") else link.text
    reached = _target(target, text, region)
    spans = [ChannelSpan(channel, link.start, link.end) for channel in reached]
    values = {(span.channel.kind, span.channel.value) for span in spans}
    for shown in _text_channels(text, region):
        if (shown.channel.kind, shown.channel.value) not in values or not shown.channel.value:
            if _is_cloudflare(target) and shown.channel.kind == EMAIL:
                continue
            channel = Channel(shown.channel.kind, shown.channel.value, shown.channel.raw, text)
            spans.append(ChannelSpan(channel, link.start, link.end))
    return spans


def _target(target: str, text: str, region: str) -> list[Channel]:
    lowered = target.lower()
    if lowered.startswith("mailto:"):
        addresses = unquote(target[7:]).split("?", 1)[0].split(",")
        return [Channel(EMAIL, _email_value(a), target, text) for a in addresses if a.strip()]
    if lowered.startswith("tel:"):
        return [Channel(PHONE, _phone_value(unquote(target[4:]), region, False), target, text)]
    if _is_cloudflare(target):
        return [_cloudflare(target, text)]
    if _EMAIL_WHOLE.fullmatch(target):
        return [Channel(EMAIL, _email_value(target), target, text)]
    if not target or lowered.startswith(("javascript:", "data:")):
        return []
    value = normalize_url(target)
    return [Channel(FORM if is_form(target, text) else URL, value, target, text)]


def _is_cloudflare(target: str) -> bool:
    return "/cdn-cgi/l/email-protection" in target


def _cloudflare(target: str, text: str) -> Channel:
    """A Cloudflare-protected address: the fragment's first byte is the XOR key of the rest."""
    hidden = _unescape(text) if _PLACEHOLDER.search(text) else "[email protected]"
    fragment = target.partition("#")[2]
    address = decode_cloudflare(fragment)
    if address is None:
        return Channel(EMAIL, "", hidden, text)
    return Channel(EMAIL, _email_value(address), target, text)


def decode_cloudflare(hex_text: str) -> str | None:
    """The address Cloudflare's e-mail protection hid in `hex_text`, or None if it holds none."""
    if not _HEX.fullmatch(hex_text) or len(hex_text) < 4:
        return None
    data = bytes.fromhex(hex_text)
    try:
        address = bytes(byte ^ data[0] for byte in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return address if _EMAIL_WHOLE.fullmatch(address) else None


_DIGIT = re.compile(r"\d")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2}){2,200}")


# -- channels in visible text ------------------------------------------------------------------

_EMAIL_TEXT = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,10}"
)
_EMAIL_WHOLE = re.compile(r"[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,10}")
_PLACEHOLDER = re.compile(r"\[?email(?:[ \t]|&#160;|&nbsp;|\u00a0)protected\\?\]?", re.IGNORECASE)
_CFEMAIL = re.compile(r"""data-cfemail=["']?([0-9a-fA-F]{4,400})""")
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+.\-/])(?:\+[ \t]?)?\(?\d[\d\-. \t()/]{5,22}\d(?![\w\-]|\.\d)"
)
_DATE_LIKE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


def _text_channels(text: str, region: str) -> list[ChannelSpan]:
    found: list[ChannelSpan] = []
    if "@" in text:
        found.extend(_emails(text))
    if "protected" in text or "cfemail" in text:
        found.extend(_placeholders(text))
    found.extend(_phones(text, region, found))
    found.extend(_postal_addresses(text))
    return found


def _emails(text: str) -> list[ChannelSpan]:
    spans = []
    for m in _EMAIL_TEXT.finditer(text):
        address = m.group().rstrip(".-")
        channel = Channel(EMAIL, _email_value(address), address, "")
        spans.append(ChannelSpan(channel, m.start(), m.start() + len(address)))
    return spans


def _placeholders(text: str) -> list[ChannelSpan]:
    spans = []
    for m in _CFEMAIL.finditer(text):
        address = decode_cloudflare(m[1])
        channel = Channel(EMAIL, _email_value(address) if address else "", m.group(), "")
        spans.append(ChannelSpan(channel, m.start(), m.end()))
    if spans:
        return spans
    for m in _PLACEHOLDER.finditer(text):
        spans.append(ChannelSpan(Channel(EMAIL, "", "[email protected]", ""), m.start(), m.end()))
    return spans


def _email_value(address: str) -> str:
    return address.strip().strip("<>").lower()


def _phones(text: str, region: str, taken: list[ChannelSpan]) -> list[ChannelSpan]:
    if not _DIGIT.search(text):
        return []
    spans = []
    for m in _PHONE_CANDIDATE.finditer(text):
        raw = m.group()
        if any(span.start <= m.start() < span.end for span in taken):
            continue
        value = _phone_value(raw, region, strict=True)
        if value:
            spans.append(ChannelSpan(Channel(PHONE, value, raw, ""), m.start(), m.end()))
    return spans


def _phone_value(raw: str, region: str, strict: bool) -> str:
    """The number in E.164, or "" when it is none; strict for numbers found in prose."""
    digits = sum(char.isdigit() for char in raw)
    if not 7 <= digits <= 15:
        return ""
    if strict and (_DATE_LIKE.fullmatch(raw.strip()) or not _has_phone_shape(raw)):
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _has_phone_shape(raw: str) -> bool:
    """A leading "+", or digits in groups: a bare run of digits is more often an id."""
    stripped = raw.strip()
    return stripped.startswith("+") or any(sep in stripped for sep in "-. ()/")


# -- URLs and forms ----------------------------------------------------------------------------

_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
_FORM_WORDS = frozenset(
    {
        "form",
        "forms",
        "webform",
        "webforms",
        "request",
        "requests",
        "submit",
        "submission",
        "contact",
        "contactus",
        "dsar",
        "dsr",
        "privacyrequest",
        "privacyrequests",
        "privacyportal",
        "portal",
        "optout",
        "opt",
        "unsubscribe",
        "donotsell",
        "preferences",
        "preference",
        "choices",
        "appeal",
    }
)
"""Words in a URL's host, path or query, or in its link text, that make it a web form."""
_FORM_PHRASES = re.compile(
    r"\b(?:privacy request|web ?form|request form|contact form|contact us|submit a request"
    r"|this form|our form|online form|do not sell|do not share|opt[ -]?out|unsubscribe"
    r"|privacy (?:portal|center|centre|choices|dashboard|settings)|your (?:privacy )?choices"
    r"|manage (?:your )?(?:preferences|settings|cookies|consent))\b",
    re.IGNORECASE,
)
_URL_WORD = re.compile(r"[a-z]{2,40}")


def normalize_url(url: str) -> str:
    """A URL compared by what it reaches: scheme and host lowercased, default port and trailing
    slash dropped, the fragment kept only for a same-page anchor ("#rights")."""
    url = html.unescape(url.strip())
    if url.startswith("#"):
        return url
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


def is_form(url: str, link_text: str = "") -> bool:
    """True for a web form: its host, path or query, or its link text, says form, request,
    submit, contact, webform, privacy request, opt-out, ..."""
    lowered = url.lower()
    if lowered.startswith("#"):
        return False
    if _FORM_PHRASES.search(link_text):
        return True
    try:
        parts = urlsplit(lowered)
    except ValueError:
        return False
    words = set(_URL_WORD.findall(f"{parts.hostname or ''} {parts.path} {parts.query}"))
    joined = re.sub(r"[^a-z]", "", parts.path)
    return bool(words & _FORM_WORDS) or any(word in joined for word in _JOINED_FORM_WORDS)


_JOINED_FORM_WORDS = ("webform", "privacyrequest", "donotsell", "optout", "contactus")


# -- postal addresses --------------------------------------------------------------------------

_STREET_TYPES = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|square|sq"
    r"|court|ct|plaza|parkway|pkwy|highway|hwy|terrace|circle|row|quay|close|crescent|alley"
    r"|strasse|straße|str|rue|via|calle|weg|laan|straat|gracht|plein"
)
_PO_BOX = re.compile(
    r"\b(?:p\.?[ \t]?o\.?|post[ \t]office)[ \t]?box[ \t]{1,5}\d{1,8}", re.IGNORECASE
)
_STREET = re.compile(
    rf"(?<![\w#\-.])\d{{1,6}}[A-Za-z]?(?:[ \t]?[-–][ \t]?\d{{1,6}})?[ \t,]{{1,3}}"
    rf"(?:[A-Z][\w.'’\-]{{0,30}}[ \t]{{1,3}}){{0,5}}(?:{_STREET_TYPES})\b\.?",
    re.IGNORECASE,
)
_POSTCODE = re.compile(
    r"\b(?:(?P<zip>\d{5}(?:-\d{4})?)|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"
    r"|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]\d{2}[ \t]?[A-Z\d]{4}|(?P<code>\d{4,6}))\b"
)
_PLACE_AFTER = re.compile(r"[ \t]{1,3}[A-Z][a-z]")
_PLACE_BEFORE = re.compile(r"[A-Z][a-z]{1,30},?[ \t]{1,3}$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ADDRESS_REACH = 160
"""How far past the street (or P.O. box) a postcode may be: a few lines of one address."""
_NOT_POSTCODE = re.compile(r"(?:suite|ste|floor|fl|unit|room|apt|#|no)\.?[ \t]*$", re.IGNORECASE)
_ABBREVIATIONS = {
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "rd": "road",
    "blvd": "boulevard",
    "dr": "drive",
    "ln": "lane",
    "pl": "place",
    "sq": "square",
    "ct": "court",
    "pkwy": "parkway",
    "hwy": "highway",
    "ste": "suite",
    "fl": "floor",
    "apt": "apartment",
    "str": "strasse",
    "straße": "strasse",
}
_ADDRESS_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _postal_addresses(text: str) -> list[ChannelSpan]:
    if not _DIGIT.search(text):
        return []
    spans: list[ChannelSpan] = []
    taken: list[tuple[int, int]] = []
    starts = [(m.start(), m.end()) for m in _PO_BOX.finditer(text)]
    starts += [(m.start(), m.end()) for m in _STREET.finditer(text)]
    for start, street_end in sorted(starts):
        end = _postcode_end(text, start, street_end)
        if end is None or _overlaps(taken, start, end):
            continue
        _take(taken, start, end)
        raw = text[start:end]
        spans.append(ChannelSpan(Channel(POSTAL, postal_value(raw), raw, ""), start, end))
    return spans


def _postcode_end(text: str, start: int, street_end: int) -> int | None:
    """Where the postcode after a street or P.O. box ends, within one paragraph; for a P.O.
    box with no postcode, the box itself."""
    reach = text[street_end : street_end + _ADDRESS_REACH]
    paragraph_end = reach.find("\n\n")
    if paragraph_end >= 0:
        reach = reach[:paragraph_end]
    for m in _POSTCODE.finditer(reach):
        if _NOT_POSTCODE.search(reach[max(0, m.start() - 12) : m.start()]):
            continue
        if m["code"] and not _is_place_code(reach, m):
            continue
        return street_end + m.end()
    is_box = _PO_BOX.match(text, start) is not None
    return street_end if is_box else None


def _is_place_code(reach: str, match: re.Match[str]) -> bool:
    """A bare 4-6 digit code is a postcode only beside a place name ("Singapore 079903",
    "10115 Berlin"), and a year never is."""
    if _YEAR.fullmatch(match.group()):
        return False
    before = reach[max(0, match.start() - 34) : match.start()]
    return bool(_PLACE_AFTER.match(reach, match.end()) or _PLACE_BEFORE.search(before))


def postal_value(raw: str) -> str:
    """An address's words, lowercased, with Markdown and punctuation dropped and common
    abbreviations ("St.", "Ave", "Ste") written out; "P.O. Box" is "po box"."""
    plain = _PO_BOX_WORDS.sub("po box", html.unescape(raw))
    words = [word.lower() for word in _ADDRESS_WORD.findall(plain)]
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


_PO_BOX_WORDS = re.compile(r"\b(?:p\.?[ \t]?o\.?|post[ \t]office)[ \t]?box\b", re.IGNORECASE)


__all__ = [
    "EMAIL",
    "FORM",
    "PHONE",
    "POSTAL",
    "URL",
    "Channel",
    "ChannelSpan",
    "Link",
    "channel_spans",
    "channels",
    "decode_cloudflare",
    "is_form",
    "links",
    "normalize_url",
    "postal_value",
]
