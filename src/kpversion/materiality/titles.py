"""A block that is only the linked title of another document ("[Supplier Code of Conduct](...)",
"[Cookie List](...)"): a page's list of its other legal documents. It points to that document,
as a cross-reference does (A2), and makes no claim of this text, whatever words its title
holds; the document's own changes are that document's.
"""

from __future__ import annotations

import re

from kpversion.materiality.links import links
from kpversion.materiality.trivial_layout import _split_marker

DOCUMENT_NOUNS = frozenset(
    {"policy", "policies", "notice", "notices", "statement", "terms", "agreement", "agreements",
     "addendum", "schedule", "list", "conduct", "guidelines", "principles", "standards",
     "conditions", "charter", "report", "faq", "faqs", "rules", "overview", "whitepaper"}
)  # fmt: skip
"""Last words that make a title a document's ("Vendor Information Security Schedule")."""
TITLE_WORDS = 8
"""A title is short: a longer link text is a sentence of its own."""
_WORD = re.compile(r"[^\W\d_]+")


def links_a_document(markdown: str) -> bool:
    """Whether the block is one link, alone, whose text is a document's title in Title Case."""
    body = _split_marker(markdown.strip())[1].strip()
    found = links(body)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(body):
        return False
    words = _WORD.findall(found[0].text)
    if not words or len(words) > TITLE_WORDS or words[-1].lower() not in DOCUMENT_NOUNS:
        return False
    return all(w[0].isupper() for w in words if len(w) > 3)
