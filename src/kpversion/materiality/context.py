"""What the classifier reads around a change: the documents it sits in, its section and list.

A list item says nothing without its lead-in ("We collect: - precise geolocation"), and a
sentence under "How we share your information" shares. The documents are parsed only when a
change needs them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from kpversion.change import Change, ChangeKind, Verdict
from kpversion.materiality.channels import Channel
from kpversion.materiality.claim_facts import Fact
from kpversion.materiality.claims import AGES_CONTEXT, DENIED_CONTEXT, RIGHTS_CONTEXT
from kpversion.materiality.conjuncts import list_facts
from kpversion.materiality.evidence import NEUTRAL, Evidence
from kpversion.materiality.liability import LIABLE, NOT_LIABLE, clause_context
from kpversion.materiality.listed_items import header_lead, unknown_item_facts
from kpversion.materiality.numbers import CURRENCY_SIGNS
from kpversion.materiality.parties import keep_changed_parties
from kpversion.materiality.reading import read
from kpversion.materiality.ruleset import Rules
from kpversion.materiality.titles import links_a_document
from kpversion.materiality.trivial_labels import label_made_heading, labelled
from kpversion.materiality.trivial_proof import Proof
from kpversion.materiality.wording import Wording, norm_words
from kpversion.text.document import Block, BlockKind, Document, parse_many, run_around
from kpversion.text.plain import row_cells
from kpversion.text.repeats import once_per_text

if TYPE_CHECKING:
    from kpversion.materiality.trivial_labels import label_made_heading, labelled

CONTACT_KINDS = frozenset({"channel-word", "right", "choice"})
LISTED = frozenset({BlockKind.ITEM, BlockKind.ROW})
"""Blocks that take their practice from the paragraph leading in to them: a list's items and
a table's rows ("We collect:" then a list, or the same as a table)."""
LINK_KINDS = frozenset({"channel-word"})
"""What makes a plain web link a channel: words of contact around it. (Choices and rights
around it are not enough: their sentences link to laws, help pages and other policies.)"""
CHOICE_KINDS = frozenset({"choice"})
CHOICE_REACH = 120
"""Characters before a link in which the choice it carries out is offered."""
POINTER_TEXTS = frozenset({"here", "click here", "this link", "this page", "visit", "link"})
CHANNEL_REACH = 200
"""Characters either side of a channel in which words about contact or rights count."""
UNREADABLE = "unreadable"
"""A protected address the capture kept no code for: no evidence that it changed."""
_SENTENCE_STOP = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^()\s<>]{1,2000})")
_LINK_TEXT = re.compile(r"\[([^\[\]]{0,500})\]\([^()]{0,2000}\)")
_PHONE_LABEL = re.compile(
    r"\b(?:phone|telephone|tel|fax|call us(?: at| on)?|mobile|hotline)\b"
    r"\.?[ \t]{0,3}:?[ \t]{0,3}\**[ \t]{0,3}$",
    re.IGNORECASE,
)
"""The label a number is written after ("Phone: ", "Tel. ", "Fax: "): a way to reach the writer."""
_AGE_HEADING = re.compile(r"\bages?\b", re.IGNORECASE)
_HIDDEN_CODE = re.compile(r"#([0-9a-fA-F]{4,})$")
_SCHEME = re.compile(r"^https?://(?:www\.)?")
_LOCALE = re.compile(r"/[a-z]{2}(?:[-_][a-z]{2})?/", re.IGNORECASE)
CLAIM_KINDS = frozenset(
    {"data", "recipient", "purpose", "right", "choice", "security", "channel-word", "practice"}
)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence a channel stands in (bounded: a run-on line gives its nearest words)."""
    begin = max(0, start - CHANNEL_REACH)
    stops = [m.end() for m in _SENTENCE_STOP.finditer(text, begin, start)]
    after = _SENTENCE_STOP.search(text, end, end + CHANNEL_REACH)
    return text[stops[-1] if stops else begin : after.end() if after else end + CHANNEL_REACH]


_NOT_SLUG = re.compile(r"[^\w\- ]+")


def _siblings(blocks: Sequence[Block], index: int) -> list[str]:
    """The texts of the other items (or rows) of the list (or table) at `index`."""
    first, last = run_around(blocks, index)
    return [blocks[i].text for i in range(first, last + 1) if i != index]


def _first_cell(row: str) -> str:
    """A table row's first cell ("| Report-URI Ltd. | CSP Report Collector |"), or the text."""
    return row_cells(row)[0] if row.lstrip().startswith("|") else row


def _slug(heading: str) -> str:
    """A heading's anchor as Markdown renderers make it: lower case, punctuation dropped,
    spaces as hyphens."""
    text = heading.lstrip("#").strip().lower()
    text = _NOT_SLUG.sub("", _LINK_TEXT.sub(r"\1", text))
    return "-".join(text.split())


ITEM_LEAD_REACH = 64
"""Items back within which a nested list's leading item is looked for (a long list's every
item would otherwise walk back over all the items before it)."""
DENYING_WORDS = frozenset({"we", "will", "not", "never", "do", "does", "shall", "can", "would",
                           "any", "of", "the", "following", "ever", "also"})  # fmt: skip
"""The words of a lead-in that only denies what its items state ("We will not:", "We will never
do any of the following:")."""


def _only_denies(lead: str) -> bool:
    """Whether a list's lead-in is a negation of what its items state, and says nothing else."""
    if not lead.rstrip().endswith(":"):
        return False
    sentences = read(lead)
    if not sentences:
        return False
    words = sentences[-1].words
    negated = "not" in words or "never" in words
    return negated and "we" in words and all(w in DENYING_WORDS for w in words)


def _channel_value(channel: Channel, source: str) -> str:
    """A channel as compared. An address or number is itself, shown or linked with `mailto:`
    or `tel:` (making an address clickable changes no channel), unless a link misdirects it.
    An address hidden by a page's e-mail protection is its hidden code (the same both sides
    is the same channel, whatever text a capture left beside it), or "unreadable". A form or
    a web page is its site and path (a contact link to another page is another way to reach
    the writer), a folder's default page the folder."""
    kind, value, raw = channel.kind, channel.value, channel.raw
    if kind == "email" and (not value or "email-protection" in raw):
        if value:
            return f"hidden:{value}"
        target = _LINK_TARGET.search(source)
        code = _HIDDEN_CODE.search(target.group(1)) if target else None
        return f"hidden:{code.group(1) if code else UNREADABLE}"
    if kind in ("url", "form"):
        address = _SCHEME.sub("", _LOCALE.sub("/", value)).split("?")[0].split("#")[0]
        host, _, path = address.partition("/")
        if kind == "url" and not host:
            return "(this site)"
        return f"{_site(host)}/{_DEFAULT_PAGE.sub('', path.rstrip('/'))}".rstrip("/")
    return f"{value} (misdirected link)" if _misdirected(raw, source) else value


_DEFAULT_PAGE = re.compile(r"(?:^|/)(?:home|index|default)(?:\.[a-z]{2,5})?$", re.IGNORECASE)
"""A folder's default page ("privacy/home", "privacy/index.html") is the folder itself."""
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def _site(host: str) -> str:
    """The site a host belongs to ("snap.com" for "values.snap.com", "bbc.co.uk" for
    "www.bbc.co.uk"): a form at the same path on another host of one site is the same form."""
    labels = host.split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _misdirected(raw: str, source: str) -> bool:
    """An address linked to a target that does not reach it (`[a@b.org](a@b.org)`, a
    relative link): fixing such a link, or breaking one, changes how people reach it."""
    if raw.lower().startswith(("mailto:", "tel:")):
        return False
    return f"]({raw}" in source


def _readable(old: Counter[Fact], new: Counter[Fact]) -> tuple[Counter[Fact], Counter[Fact]]:
    """The channels of two texts without the protected addresses one side could not read
    (each against one the other side hid): what cannot be read is no evidence of a change."""
    gone, came = old - new, new - old
    for unread, other in ((gone, came), (came, gone)):
        for fact in [f for f in unread if f.value.endswith(f":hidden:{UNREADABLE}")]:
            twin = next((f for f in other if ":hidden:" in f.value and other[f] > 0), None)
            if twin is not None:
                unread[fact] -= 1
                other[twin] -= 1
    same = old & new
    return same + gone, same + came


class DocumentContext:
    """The two documents of a diff, read lazily for the changes that need them."""

    def __init__(self, old_text: str, new_text: str, rules: Rules) -> None:
        self.texts = (old_text, new_text)
        self.rules = rules
        self._channel_memo: dict[tuple[str, tuple[str, ...], str], Counter[Fact]] = {}
        self._restated_memo: dict[str, frozenset[tuple[str, bool]]] = {}
        self._liability_memo: dict[str, tuple[str, ...]] = {}
        self._block_proofs: dict[tuple[str, str], Proof | None] = {}
        """A paragraph's proof, read once for all its sentence changes (a long paragraph
        with many edits would otherwise be read once per edit)."""

    @cached_property
    def _documents(self) -> list[Document]:
        # Both at once: the chunks the two texts share are parsed once.
        return parse_many(list(self.texts))

    @property
    def old_document(self) -> Document:
        return self._documents[0]

    @property
    def new_document(self) -> Document:
        return self._documents[1]

    def facts(self, change: Change) -> tuple[Counter[Fact], Counter[Fact]]:
        reader = self.rules.reader
        old = (
            reader.facts(change.old, self._context(change, old_side=True))
            if change.old and not links_a_document(change.old)
            else Counter()
        )
        new = (
            reader.facts(change.new, self._context(change, old_side=False))
            if change.new and not links_a_document(change.new)
            else Counter()
        )
        keep_changed_parties(old, new, (change.old, change.new))
        old += self._channels(change.old, change.old_section, self._lead(change, old_side=True))
        new += self._channels(change.new, change.new_section, self._lead(change, old_side=False))
        return old, new

    def restated(self, change: Change) -> frozenset[tuple[str, bool]]:
        """The practices a sentence added to a paragraph (or dropped from one) shares with
        the rest of it: "... you consent to the transfer of information to the U.S." then
        "Where we transfer personal data from the EEA to the U.S., we rely on the Standard
        Contractual Clauses": the transfer is the paragraph's already."""
        if change.unit != "sentence" or bool(change.old) == bool(change.new):
            return frozenset()
        rest = change.old_context if change.new else change.new_context
        if not rest:
            return frozenset()
        if rest not in self._restated_memo:
            facts = self.rules.reader.facts(rest)
            self._restated_memo[rest] = frozenset(
                (f.practice, f.negated) for f in facts if f.role == "practice"
            )
        return self._restated_memo[rest]

    def list_facts(self, change: Change) -> tuple[Counter[Fact], Counter[Fact]]:
        """Items a change added to or dropped from a list of known items (conjuncts.py), or
        an item of no known term added to or dropped from a list (listed_items.py)."""
        if not change.old or not change.new:
            old_side = bool(change.old)
            found = self._unknown_item(change, old_side)
            return (found, Counter()) if old_side else (Counter(), found)
        contexts = (self._context(change, old_side=True), self._context(change, old_side=False))
        return list_facts(change.old, change.new, self.rules.reader, contexts)

    def _unknown_item(self, change: Change, old_side: bool) -> Counter[Fact]:
        index = change.old_index if old_side else change.new_index
        blocks = (self.old_document if old_side else self.new_document).blocks
        if index < 0 or index >= len(blocks) or blocks[index].kind not in LISTED:
            return Counter()
        if change.unit != "block":
            return Counter()  # a sentence of an item: the rest of the item still says it
        siblings = [_first_cell(text) for text in _siblings(blocks, index)]
        item = change.old if old_side else change.new
        lead = self._lead(change, old_side)
        if blocks[index].kind is BlockKind.ROW:
            # A table's row is named by its first cell, and its header says what the rows
            # are when the lead-in does not ("| Provider | Purpose |").
            first, _ = run_around(blocks, index)
            if first == index:
                return Counter()  # the header itself
            item, lead = _first_cell(item), header_lead(lead, _first_cell(blocks[first].text))
        return unknown_item_facts(item, lead, siblings, self.rules.reader)

    def _context(self, change: Change, old_side: bool) -> tuple[str, ...]:
        """Practices a sentence without one inherits: its list's lead-in, then its section;
        and whether it is an item or row of a list of ages."""
        inherited = self._inherited(change, old_side)
        if change.unit != "heading" and not any(c in inherited for c in (LIABLE, NOT_LIABLE)):
            block = change.old_context if old_side else change.new_context
            inherited += self._liability_block(block or (change.old if old_side else change.new))
        return (*inherited, AGES_CONTEXT) if self._lists_ages(change, old_side) else inherited

    def _liability_block(self, block: str) -> tuple[str, ...]:
        """The context of a sentence with an amount in a paragraph that is a liability clause
        ("... BE LIABLE TO YOU ... FOR: (A) ... OR (B) ANY DIRECT DAMAGES IN EXCESS OF ...
        $100.00."): the clause may be stated in a sentence before it."""
        if block not in self._liability_memo:
            self._liability_memo[block] = self._read_liability_block(block)
        return self._liability_memo[block]

    def _read_liability_block(self, block: str) -> tuple[str, ...]:
        if not any(sign in block for sign in CURRENCY_SIGNS):
            return ()
        for sentence in read(block):
            clause = clause_context(sentence.words, self.rules.reader.hits(sentence))
            if clause:
                return (clause,)
        return ()

    def _lists_ages(self, change: Change, old_side: bool) -> bool:
        """An item or row under a heading, lead-in or table header that speaks of ages ("Age
        of consent", "| Country | Minimum age |"): its bare figures are ages ("Spain: 14")."""
        index = change.old_index if old_side else change.new_index
        blocks = (self.old_document if old_side else self.new_document).blocks
        if index < 0 or index >= len(blocks) or blocks[index].kind not in LISTED:
            return False
        section = change.old_section if old_side else change.new_section
        lead = self._lead(change, old_side)
        # A lead-in, not any paragraph before a list: it introduces the list ("... by country:").
        around = [lead if lead.rstrip().endswith(":") else "", *section[-1:]]
        if blocks[index].kind is BlockKind.ROW:
            around.append(blocks[run_around(blocks, index)[0]].text)
        return any(_AGE_HEADING.search(text) for text in around)

    def _inherited(self, change: Change, old_side: bool) -> tuple[str, ...]:
        reader = self.rules.reader
        lead = self._lead(change, old_side)
        if lead and reader.grants(lead):
            return (RIGHTS_CONTEXT,)
        practices = reader.practices_of(lead) if lead else ()
        if practices:
            return practices
        if lead and _only_denies(lead):
            return (DENIED_CONTEXT,)
        clause = self._liability_lead(self._item_lead(change, old_side) or lead)
        if clause:
            return (clause,)
        section = change.old_section if old_side else change.new_section
        for heading in reversed(section):
            practices = reader.practices_of(heading)
            if practices:
                return practices
            if reader.grants(heading):
                return (RIGHTS_CONTEXT,)
        return ()

    def _item_lead(self, change: Change, old_side: bool) -> str:
        """The item a nested list's item stands under, where it leads in to the list ("- In
        particular, we will not be liable for:"); "" for none."""
        index = change.old_index if old_side else change.new_index
        blocks = (self.old_document if old_side else self.new_document).blocks
        if not 0 < index < len(blocks) or blocks[index].kind not in LISTED:
            return ""
        for block in reversed(blocks[max(0, index - ITEM_LEAD_REACH) : index]):
            if block.kind not in LISTED:
                return ""
            if block.text.rstrip().endswith(":"):
                return block.text
        return ""

    def _liability_lead(self, lead: str) -> str:
        """The context a liability clause's lead-in ("we will not be liable for:") gives."""
        sentences = read(lead) if lead.rstrip().endswith(":") else ()
        if not sentences:
            return ""
        last = sentences[-1]
        return clause_context(last.words, self.rules.reader.hits(last))

    def _lead_in(self, index: int, old_side: bool) -> str:
        text = self.texts[0 if old_side else 1]
        if not text:
            return ""
        blocks = (self.old_document if old_side else self.new_document).blocks
        if index >= len(blocks) or blocks[index].kind not in LISTED:
            return ""
        for block in reversed(blocks[:index]):
            if block.kind in LISTED:
                continue
            return block.text if block.kind is BlockKind.PARAGRAPH else ""
        return ""

    def _channels(self, text: str, section: tuple[str, ...] = (), lead: str = "") -> Counter[Fact]:
        """The channels a text gives for privacy questions, requests, rights or opt-outs: each
        counts when the words around it, its link's text, its list's lead-in ("contact us
        at:", "submit a request using the following methods:") or its section say so."""
        if not text:
            return Counter()
        key = (text, section, lead)
        if key not in self._channel_memo:
            self._channel_memo[key] = self._read_channels(text, section, lead)
        return Counter(self._channel_memo[key])

    def _lead(self, change: Change, old_side: bool) -> str:
        """The lead-in of the list a change's item stands in ("" for no list item)."""
        index = change.old_index if old_side else change.new_index
        return self._lead_in(index, old_side) if index >= 0 else ""

    @cached_property
    def _own_sections(self) -> frozenset[str]:
        """The anchors of the two documents' headings ("contact-us" for "## Contact Us"): a
        link to one of them, written in full or as "#contact-us", leads to this page's own
        section, where the channel is read."""
        headings = (
            block.text
            for document in self._documents
            for block in document.blocks
            if block.kind is BlockKind.HEADING
        )
        return frozenset(once_per_text(_slug, headings))

    def _read_channels(self, text: str, section: tuple[str, ...], lead: str) -> Counter[Fact]:
        from kpversion.materiality.channels import channel_spans

        found: Counter[Fact] = Counter()
        heading = self._about_contact(" ".join(section)) if section else False
        # A list of ways to reach the writer ("contact us at:"): each number or form in it is
        # one, whatever the item's own words ("- Phone: ..."). (A plain link in such a list
        # still needs its own words: lists of contacts carry help and product links too.)
        listed = bool(lead) and self._about_contact(lead)
        for span in channel_spans(text):
            channel = span.channel
            if channel.kind in ("url", "form") and self._to_own_section(channel.raw):
                continue
            around = _sentence_around(text, span.start, span.end)
            before = text[max(0, span.start - CHOICE_REACH) : span.start]
            if (
                (listed and channel.kind != "url")
                or (channel.kind == "phone" and _PHONE_LABEL.search(before[-40:]) is not None)
                or self._is_channel(channel.kind, channel.link_text, around, heading)
                or self._is_choice_link(channel.kind, channel.link_text, before)
            ):
                value = _channel_value(channel, text[span.start : span.end])
                found[Fact("", False, "channel", f"{channel.kind}:{value}")] += 1
        return found

    def _is_choice_link(self, kind: str, link_text: str, before: str) -> bool:
        """A link that is the way to make a choice the words just before it offer ("You can
        adjust how we personalize ads ... [here](/settings/privacy)", "[opt out](...)"): an
        opt-out channel, though no contact word stands by it."""
        if kind not in ("url", "form") or not link_text:
            return False
        if self._about_contact(link_text, CHOICE_KINDS):
            return True
        pointer = link_text.strip().lower() in POINTER_TEXTS
        return pointer and self._about_contact(before, CHOICE_KINDS)

    def _to_own_section(self, target: str) -> bool:
        fragment = target.partition("#")[2]
        return bool(fragment) and fragment.lower() in self._own_sections

    def _is_channel(self, kind: str, link_text: str, around: str, heading: bool) -> bool:
        """An e-mail or postal address, or a named point of contact, counts wherever it
        stands; a number or form where the words around it (or its section) speak of contact,
        requests or rights; a plain web link only where its own text does, or the words around
        it ask to contact or to make a request."""
        if kind in ("email", "postal", "person"):
            # An address a privacy statement gives is a way to reach the writer, under whatever
            # label ("Email GDPRrequest@..." under a representative's name, a postal address on
            # the lines after "post your views to our office at:"); so is a person it names as
            # the point of contact, whose label says so.
            return True
        if kind != "url":
            return heading or self._about_contact(f"{around} {link_text}")
        if link_text and self._about_contact(link_text):
            return True
        return self._about_contact(around, LINK_KINDS)

    def _about_contact(self, text: str, kinds: frozenset[str] = frozenset()) -> bool:
        """Whether a text speaks of privacy questions, requests, rights or opt-outs."""
        kinds = kinds or CONTACT_KINDS
        for sentence in read(text):
            hits = self.rules.lexicon.find(sentence.words)
            if any(h.kind in kinds for h in hits):
                return True
        return False

    def channel_change(self, change: Change) -> Evidence | None:
        """A5: a contact, rights or opt-out channel changed where the words did not (a link
        target, an autolink, `mailto:` or `tel:`)."""
        if change.kind is ChangeKind.MOVED or not (change.old and change.new):
            return None
        wording = Wording.compare(change.old, change.new)
        if not wording.same_words:
            return None
        old, new = _readable(
            self._channels(change.old, change.old_section, self._lead(change, old_side=True)),
            self._channels(change.new, change.new_section, self._lead(change, old_side=False)),
        )
        if old == new:
            return None
        gone = ", ".join(sorted(f.value for f in old - new)) or "none"
        came = ", ".join(sorted(f.value for f in new - old)) or "none"
        reason = f"contact channel changed: {gone} → {came}"
        return Evidence("A5", Verdict.MATERIAL, NEUTRAL, "user-access", reason)

    def sections_only_marked(self, change: Change) -> bool:
        """Whether a block's sections differ only by a line made a heading, or a heading made a
        line, with the same words ("Legal Basis for Processing" -> "### Legal Basis for
        Processing"): the block reads where it read, under the same words."""
        gained = {norm_words(h) for h in change.new_section if h not in change.old_section}
        lost = {norm_words(h) for h in change.old_section if h not in change.new_section}
        if not self.texts[0] or not (gained or lost):
            return False
        (old_lines, old_headings), (new_lines, new_headings) = self._short_blocks
        # At least one heading of its path was a line, or is one now; the others are headings
        # on both sides, which the new heading (or the line) only stands between.
        marked = bool(gained & old_lines) or bool(lost & new_lines)
        return marked and gained <= old_lines | old_headings and lost <= new_lines | new_headings

    @cached_property
    def _short_blocks(self) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """Each document's short paragraphs and its headings, by their words (read once)."""
        return tuple(
            (_lines(document), _lines(document, BlockKind.HEADING))
            for document in (self.old_document, self.new_document)
        )

    def names_a_claim(self, change: Change) -> bool:
        """Whether the change's text names anything of the ontology (no chrome rule may demote
        such a change)."""
        for text in (change.old, change.new):
            for sentence in read(text):
                if any(h.kind in CLAIM_KINDS for h in self.rules.lexicon.find(sentence.words)):
                    return True
        return False

    def _heading_from_label(self, change: Change) -> Proof | None:
        """A heading added whose words were a paragraph's bold label in the old text, or a
        heading removed whose words are one in the new (the other half of
        _label_made_heading)."""
        if change.unit != "heading" or bool(change.old) == bool(change.new):
            return None
        heading = norm_words(change.new or change.old)
        other = self.old_document if change.new else self.new_document
        if not heading or not any(labelled(block.text, heading) for block in other.blocks):
            return None
        verb = "made from" if change.new else "made into"
        return Proof("label-heading", f"a heading {verb} a paragraph's label, with the same words")

    def proof(self, change: Change) -> Evidence | None:
        """A trivial edit proven (trivial.py): non-material, with the proof as its reason."""
        from kpversion.materiality.trivial import prove_trivial
        from kpversion.materiality.trivial_proof import Context

        parsed = (self.old_document, self.new_document)
        context = Context(self.texts[0], self.texts[1], heading=change.unit == "heading",
                          parsed=parsed)  # fmt: skip
        proof = (
            prove_trivial(change.old, change.new, context)
            or label_made_heading(change)
            or self._heading_from_label(change)
        )
        if proof is None and change.unit == "sentence" and change.old_context \
                and change.new_context:  # fmt: skip
            # A sentence's change is part of its block's: where the whole block's edit is
            # proven (two sentences joined, one split), so is each sentence change in it.
            key = (change.old_context, change.new_context)
            if key not in self._block_proofs:
                self._block_proofs[key] = prove_trivial(*key, context)
            proof = self._block_proofs[key]
        if proof is None:
            return None
        rule = "A2" if proof.kind in ("numbering", "table-of-contents", "link-target",
                                      "label-heading") else "A1"  # fmt: skip
        return Evidence(rule, Verdict.NON_MATERIAL, NEUTRAL, "other", proof.reason)


def _lines(document: Document, kind: BlockKind = BlockKind.PARAGRAPH) -> frozenset[str]:
    """The words of a document's paragraphs short enough to be a heading (or its headings)."""
    return frozenset(
        norm_words(block.text)
        for block in document.blocks
        if block.kind is kind and len(block.text) <= HEADING_LINE_MAX
    )


HEADING_LINE_MAX = 200
"""Characters within which a paragraph of its own can be a heading's words."""
