"""URLs compared by what they reach, and the ones that are web forms.

A URL's canonical form drops what changes no destination (case of scheme and host, default
port, trailing slash, a fragment other than a same-page anchor). A web form is told by the
words of its host, path or query, or of its link text; a form and a plain page are different
channels even at one address.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit, urlunsplit

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
