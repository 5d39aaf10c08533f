"""Trivial edits to where a text sends its reader: the same contact channel written another way,
or a link target changed where nothing says contact, request, rights or opt-out.

A link is a channel by its target (mailto:, tel:, a web form) or its text; the words that make
the sentence or section around it about privacy requests are `DEFAULT_CHANNEL_WORDS` and the
tree's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kpversion.materiality.channels import Channel, ChannelSpan, channel_spans, channels
from kpversion.materiality.links import Link, links
from kpversion.materiality.trivial_layout import _fold
from kpversion.materiality.trivial_proof import Context, Proof, _words
from kpversion.materiality.trivial_sections import _link_masked, index_of
from kpversion.materiality.urls import is_form
from kpversion.text.normalize import normalize

DEFAULT_CHANNEL_WORDS = _words(
    "request right question inquiry enquiry concern complaint complain contact email e-mail"
    " mail phone telephone call write address submit form webform portal dashboard opt optout"
    " opt-out unsubscribe withdraw consent object objection access delete deletion erase erasure"
    " correct correction rectify rectification portability restrict restriction appeal exercise"
    " choice preference setting manage control sell sale selling dpo officer representative"
    " authority verify verification agent reach"
)
"""Words that make a sentence about privacy questions, requests, rights or opt-outs."""


def _same_channel(old: str, new: str, context: Context) -> Proof | None:
    before, after = channel_spans(old, context.region), channel_spans(new, context.region)
    if not before or len(before) != len(after):
        return None
    if _masked(old, before) != _masked(new, after):
        return None
    changed = []
    for x, y in zip(before, after, strict=True):
        a, b = x.channel, y.channel
        if a.kind != b.kind or not a.value or a.value != b.value:
            return None
        if not _shows_same(a, b, context.region):
            return None
        if old[x.start : x.end] != new[y.start : y.end]:
            changed.append(f"'{_shown(a)}' → '{_shown(b)}' ({a.value})")
    if not changed:
        return None
    kinds = {span.channel.kind for span in before}
    noun = _CHANNEL_NOUNS.get(kinds.pop(), "contact channel") if len(kinds) == 1 else "channel"
    return Proof("same-channel", f"the same {noun} re-formatted: " + "; ".join(changed))


_CHANNEL_NOUNS = {
    "email": "e-mail address",
    "phone": "phone number",
    "url": "URL",
    "form": "web form",
    "postal": "postal address",
    "person": "point of contact",
}


def _masked(text: str, spans: Iterable[ChannelSpan | Link]) -> str:
    """The text with each span replaced by one placeholder, whitespace folded."""
    pieces, done = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < done:
            continue
        pieces += [text[done : span.start], "\x00"]
        done = span.end
    pieces.append(text[done:])
    return normalize("".join(pieces))


def _shown(channel: Channel) -> str:
    return channel.link_text or channel.raw


def _shows_same(a: Channel, b: Channel, region: str) -> bool:
    """The reader sees the same thing: the same words, or the channel itself written out."""
    if _fold(_shown(a)) == _fold(_shown(b)):
        return True
    shown = [
        channels(_shown(c).removeprefix("mailto:").removeprefix("tel:"), region) for c in (a, b)
    ]
    return all(found and all(c.value == a.value for c in found) for found in shown)


def _link_target(old: str, new: str, context: Context) -> Proof | None:
    before, after = links(old), links(new)
    if not before or len(before) != len(after) or len(before) > _MOST_LINKS:
        return None
    pairs = list(zip(before, after, strict=True))
    if any(x.style != y.style or _fold(x.text) != _fold(y.text) for x, y in pairs):
        return None
    if _link_masked(old, before) != _link_masked(new, after):
        return None
    changed = [(x, y) for x, y in zip(before, after, strict=True) if x.target != y.target]
    if not changed:
        return None
    words = DEFAULT_CHANNEL_WORDS | context.channel_words
    for x, y in changed:
        for link, text in ((x, old), (y, new)):
            if _is_channel_link(link) or _says_channel(link.text, words):
                return None
            if _says_channel(_sentence_around(text, link), words):
                return None
    if any(_says_channel(" ".join(path), words) for path in _sections(old, new, context)):
        return None
    targets = "; ".join(f"'{x.target}' → '{y.target}'" for x, y in changed)
    return Proof(
        "link-target",
        f"link target only: {targets}; no changed link is a contact, rights or opt-out channel",
    )


_MOST_LINKS = 100
"""Past this many links in one change, no link-target proof is tried (each costs a sentence)."""


def _is_channel_link(link: Link) -> bool:
    target = link.target.strip().lower()
    if target.startswith(("mailto:", "tel:", "sms:")) or "/cdn-cgi/l/email-protection" in target:
        return True
    if "@" in target and "/" not in target:
        return True
    return is_form(link.target, link.text) or bool(channels(link.text))


_CHANNEL_TOKEN = re.compile(r"[a-z][a-z\-]{0,40}")


def _says_channel(text: str, words: frozenset[str]) -> bool:
    lowered = normalize(text).lower()
    for token in _CHANNEL_TOKEN.findall(lowered):
        stems = {token, token.removesuffix("s"), token.removesuffix("es")}
        stems |= {token.removesuffix("ing"), token.removesuffix("ed"), token.removesuffix("d")}
        if stems & words:
            return True
    return any(" " in phrase and phrase.lower() in lowered for phrase in words)


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")
_SENTENCE_REACH = 600


def _sentence_around(text: str, link: Link) -> str:
    """The sentence holding the link; the whole text when it is a paragraph's length."""
    if len(text) <= 1500:
        return text
    start = max(0, link.start - _SENTENCE_REACH)
    ends = list(_SENTENCE_END.finditer(text, start, link.start))
    start = ends[-1].end() if ends else start
    after = _SENTENCE_END.search(text, link.end, link.end + _SENTENCE_REACH)
    return text[start : after.end() if after else link.end + _SENTENCE_REACH]


def _sections(old: str, new: str, context: Context) -> list[tuple[str, ...]]:
    """The heading paths of the documents' blocks that hold the changed text."""
    paths = []
    for fragment, side in ((old, True), (new, False)):
        if context.old_document if side else context.new_document:
            paths += index_of(context, old=side).sections_holding(fragment.strip())
    return paths
