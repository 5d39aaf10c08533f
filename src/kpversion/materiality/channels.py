"""Contact channels in a statement's Markdown, compared by what they reach.

A channel is an e-mail address, a phone number, a URL, a web form or a postal address. Each
has a canonical `value`: two channels with equal values reach the same place however they
are written, so a re-formatted phone number is the same channel and a `mailto:` that became
a web form is not. An address kpversion cannot read (Cloudflare's "[email protected]" with
no hex) has the value "", which equals no other channel.

Channels come from visible text (e-mail addresses, phone numbers, postal addresses with a
street number and a postcode, or a P.O. box), from Markdown links, autolinks and reference
links, from `mailto:` and `tel:` targets, and from HTML `<a href>` left in the Markdown (the
links as links.py finds them; URLs and web forms as urls.py reads them).

Every pattern here is linear: bounded repetitions over disjoint character classes, and no
nested unbounded quantifier; `tests/test_channels.py` runs each on 100 KB adversarial text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from kpversion.materiality.links import Link, _overlaps, _take, _unescape, links
from kpversion.materiality.numbers import YEAR
from kpversion.materiality.urls import is_form, normalize_url

EMAIL = "email"
PHONE = "phone"
URL = "url"
FORM = "form"
POSTAL = "postal"
PERSON = "person"


@dataclass(frozen=True)
class Channel:
    """One way to reach the organisation, as written and as kpversion compares it."""

    kind: str
    """"email", "phone", "url", "form", "postal" or "person" (a named point of contact)."""
    value: str
    """Canonical: an e-mail lowercased, a phone number in E.164, a URL normalised, a postal
    address's words normalised; "" when the channel cannot be read (never equal to another)."""
    raw: str
    """As written: the address, number or link target (for a hidden Cloudflare address, its
    placeholder "[email protected]")."""
    link_text: str
    """The visible text of the link it came from; "" for bare text."""


@dataclass(frozen=True)
class ChannelSpan:
    """A channel and the span of the Markdown that names it (a whole link for a link)."""

    channel: Channel
    start: int
    end: int


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
        # A scheme written twice ("mailto:mailto:a@b.org") reaches the same address.
        addresses = _MAILTO.sub("", unquote(target[7:])).split("?", 1)[0].split(",")
        return [Channel(EMAIL, _email_value(a), target, text) for a in addresses if a.strip()]
    if lowered.startswith("tel:"):
        return [Channel(PHONE, _phone_value(unquote(target[4:]), region, False), target, text)]
    if _is_cloudflare(target):
        return [_cloudflare(target, text)]
    if _EMAIL_WHOLE.fullmatch(target):
        return [Channel(EMAIL, _email_value(target), target, text)]
    if not target or lowered.startswith(("javascript:", "data:", "#")):
        # An in-page anchor (a heading's permalink, "back to top") reaches nobody: the
        # channel it points at is read where it is written.
        return []
    value = normalize_url(target)
    return [Channel(FORM if is_form(target, text) else URL, value, target, text)]


_MAILTO = re.compile(r"^(?:mailto:)+", re.IGNORECASE)


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
_SPELLED_AT = re.compile(r"[ \t]{0,2}[\[({<](?i:at)[\])}>][ \t]{0,2}")
_SPELLED_DOT = re.compile(r"[ \t]{0,2}[\[({<](?i:dot)[\])}>][ \t]{0,2}")
_EMAIL_SPELLED = re.compile(
    rf"(?<![\w.%+\-])[\w.%+\-]{{1,64}}{_SPELLED_AT.pattern}[A-Za-z0-9\-]{{1,63}}"
    rf"(?:(?:\.|{_SPELLED_DOT.pattern})[A-Za-z0-9\-]{{1,63}}){{1,10}}"
)
"""An address spelled against harvesters: "privacy [at] example.de",
"privacy(at)example(dot)de"."""
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
    if any(mark in text for mark in _SPELLED_MARKS):
        found.extend(_spelled_emails(text))
    if "protected" in text or "cfemail" in text:
        found.extend(_placeholders(text))
    found.extend(_phones(text, region, found))
    found.extend(_postal_addresses(text))
    found.extend(_contact_people(text))
    return found


_CONTACT_ROLES = (
    r"(?:main |primary )?point of contact|contact person|(?:chief )?privacy officer"
    r"|data protection officer|dpo|(?:data )?controller"
    r"|(?:[a-z]{2,5} )?representative(?: in the [a-z]{2,5})?"
)
_CONTACT_PERSON = re.compile(
    r"(?m)(?:^[ \t*_>-]{0,8}|\b(?i:our|the)[ \t]{1,3})"
    rf"(?i:{_CONTACT_ROLES})(?:[ \t*_]{{0,4}}[:\-–]|[ \t]{{1,3}}is:?)[ \t*_]{{0,4}}"
    r"(?P<name>[A-Z][\w'’.-]{0,40}(?:[ \t]{1,2}[A-Z][\w'’.-]{0,40}){0,4})"
)
"""A named point of contact: a line of a contact block ("Main point of contact: Jane Doe",
"Data Protection Officer: Jane Doe", as an address's lines are), or a sentence naming who
holds the role ("Our EU representative is Acme GmbH", "The controller is Acme Ltd"). The
role is matched in any case, the name only with its capitals ("Our representative is
responsible for ..." names no one). ("Attn: Privacy" labels an address, and names no
person.)"""


def _contact_people(text: str) -> list[ChannelSpan]:
    spans = []
    for m in _CONTACT_PERSON.finditer(text):
        name = m["name"]
        value = " ".join(_ADDRESS_WORD.findall(name.lower()))
        spans.append(ChannelSpan(Channel(PERSON, value, name, ""), m.start("name"), m.end()))
    return spans


def _emails(text: str) -> list[ChannelSpan]:
    spans = []
    for m in _EMAIL_TEXT.finditer(text):
        address = m.group().rstrip(".-")
        channel = Channel(EMAIL, _email_value(address), address, "")
        spans.append(ChannelSpan(channel, m.start(), m.start() + len(address)))
    return spans


_SPELLED_MARKS = ("[at]", "(at)", "{at}", "<at>", "[AT]", "(AT)", "[At]", "(At)")
"""What an address spelled against harvesters holds; the pattern runs only where one stands."""


SPELLED_REACH = 72
"""Characters before an "[at]" within which its address starts (a local part is at most 64)."""


def _spelled_emails(text: str) -> list[ChannelSpan]:
    """Addresses spelled with "[at]" and "[dot]": the same channel as the address written out.
    The address is looked for only around each "[at]": the whole pattern tried at every
    position of a long paragraph was a tenth of classifying it."""
    spans: list[ChannelSpan] = []
    for at in _SPELLED_AT.finditer(text):
        if spans and at.start() < spans[-1].end:
            continue  # the "[at]" of an address already read
        start = max(0, at.start() - SPELLED_REACH)
        for m in _EMAIL_SPELLED.finditer(text, start, len(text)):
            if m.start() > at.start():
                break
            if m.end() > at.start():
                address = _SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", m.group()))
                channel = Channel(EMAIL, _email_value(address), m.group(), "")
                spans.append(ChannelSpan(channel, m.start(), m.end()))
                break
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
    rf"(?:(?:[A-Z][\w.'’\-]{{0,30}}|\d{{1,4}}(?:st|nd|rd|th))[ \t]{{1,3}}){{0,5}}"
    rf"(?:{_STREET_TYPES})\b\.?",
    re.IGNORECASE,
)
"""A number, then up to five words of a street's name ("Executive", or an ordinal: "S 124th"),
then its type."""
# Continental addresses put the number after the street: "Buitenveldertselaan 1-5",
# "Gustav Mahlerplein 2", "Friedrichstraße 123", "Via Roma 10".
_STREET_FIRST = re.compile(
    r"(?<![\w\-.])(?:(?:[A-Z][\w'’\-]{1,30}[ \t]{1,3}){0,3}[A-Z][\w'’\-]{0,30}"
    r"(?i:laan|straat|gracht|plein|kade|singel|strasse|straße|str\.|weg|gasse|platz|allee|ring"
    r"|vej|gade|gatan|vägen|väg)|(?i:via|viale|calle|avenida|rua|rue|avenue)[ \t]{1,3}"
    r"(?:[A-Z][\w'’\-]{1,30}[ \t]{1,3}){1,4})[ \t]{0,3}\d{1,5}[a-z]?(?:[ \t]?[-–][ \t]?\d{1,5})?\b"
)
_POSTCODE = re.compile(
    r"\b(?:(?P<zip>\d{5}(?:-\d{4})?)|\d{4}[ \t]?[A-Z]{2}(?![A-Za-z])"
    r"|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"
    r"|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]\d{2}[ \t]?[A-Z\d]{4}|(?P<code>\d{4,6}))\b"
)
_PLACE_AFTER = re.compile(r"\)?[ \t]{1,3}[A-Z][A-Za-z]")
_PLACE_BEFORE = re.compile(r"[A-Z][A-Za-z]{1,30},?[ \t]{1,3}\(?$")
"""A place name beside a bare code, in any case and with the code in brackets or not
("Singapore 069534", "SINGAPORE (069534)", "10115 Berlin")."""
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
    starts += [(m.start(), m.end()) for m in _STREET_FIRST.finditer(text)]
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
    if YEAR.fullmatch(match.group()):
        return False
    before = reach[max(0, match.start() - 34) : match.start()]
    return bool(_PLACE_AFTER.match(reach, match.end()) or _PLACE_BEFORE.search(before))


_COUNTRY_PREFIX = re.compile(r"\b[A-Z]{1,3}-(?=\d{4,5}\b)")
"""A country's letters before a postcode, as older European addresses write it ("D-50825",
"CH-8001"): the same address as "50825"."""


def postal_value(raw: str) -> str:
    """An address's words, lowercased, with Markdown and punctuation dropped, common
    abbreviations ("St.", "Ave", "Ste") written out and a US state or Canadian province
    written as its postal code ("Illinois" is "il"); "P.O. Box" is "po box"."""
    plain = _PO_BOX_WORDS.sub("po box", _TAG.sub(" ", html.unescape(raw)))
    plain = _COUNTRY_PREFIX.sub("", plain)
    words = [word.lower() for word in _ADDRESS_WORD.findall(plain)]
    return " ".join(_ABBREVIATIONS.get(word, word) for word in _regions_as_codes(words))


def _regions_as_codes(words: list[str]) -> list[str]:
    """The state or province before the postcode, as its code; a street named after one
    ("Pennsylvania Avenue") keeps its name."""
    end = len(words)
    while end > 0 and len(words) - end < 2 and any(c.isdigit() for c in words[end - 1]):
        end -= 1  # the postcode: "62701", or "m5v 3l9"
    for size in (3, 2, 1):
        name = " ".join(words[end - size : end]) if end >= size else ""
        if name in REGION_CODES:
            return [*words[: end - size], REGION_CODES[name], *words[end:]]
    return words


REGION_CODES = {
    "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca",
    "colorado": "co", "connecticut": "ct", "delaware": "de", "florida": "fl", "georgia": "ga",
    "hawaii": "hi", "idaho": "id", "illinois": "il", "indiana": "in", "iowa": "ia",
    "kansas": "ks", "kentucky": "ky", "louisiana": "la", "maine": "me", "maryland": "md",
    "massachusetts": "ma", "michigan": "mi", "minnesota": "mn", "mississippi": "ms",
    "missouri": "mo", "montana": "mt", "nebraska": "ne", "nevada": "nv",
    "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny",
    "north carolina": "nc", "north dakota": "nd", "ohio": "oh", "oklahoma": "ok",
    "oregon": "or", "pennsylvania": "pa", "rhode island": "ri", "south carolina": "sc",
    "south dakota": "sd", "tennessee": "tn", "texas": "tx", "utah": "ut", "vermont": "vt",
    "virginia": "va", "washington": "wa", "west virginia": "wv", "wisconsin": "wi",
    "wyoming": "wy", "district of columbia": "dc", "alberta": "ab", "british columbia": "bc",
    "manitoba": "mb", "new brunswick": "nb", "newfoundland": "nl", "nova scotia": "ns",
    "ontario": "on", "quebec": "qc", "québec": "qc", "saskatchewan": "sk",
}  # fmt: skip
"""US states and Canadian provinces by their postal codes, so that "Springfield, IL 62701" and
"Springfield, Illinois 62701" are one address."""


_TAG = re.compile(r"<[^<>\n]{0,40}>")
"""An HTML tag inside an address ("46b<br/> 22303 Hamburg"): a line break, no word of it."""
_PO_BOX_WORDS = re.compile(r"\b(?:p\.?[ \t]?o\.?|post[ \t]office)[ \t]?box\b", re.IGNORECASE)


__all__ = [
    "EMAIL",
    "FORM",
    "PHONE",
    "POSTAL",
    "URL",
    "Channel",
    "ChannelSpan",
    "channel_spans",
    "channels",
    "decode_cloudflare",
    "postal_value",
]
