"""Trivial edits, proven: a change is non-material here only when its kind can be shown.

`prove_trivial(old, new, context)` returns a `Proof` (the kind, and a reason a lawyer can check)
or None; None says nothing about the change, which then goes through the claims. The kinds:

- spelling: each changed word is a misspelling fixed (the old word is no English word, the new
  one is, in SymSpell's SCOWL-based list, a small edit apart), a British and American form of
  one word, or a compound written with or without its hyphen or space ("e-mail", "email");
- inflection: each changed word keeps its lemma (simplemma), keeps its tense (an "-ed" form is
  never a present one) and its degree ("stronger" is not "strong");
- duplicated-word, symbol ("&"/"and"), numbering (list markers only), heading-case;
- table-of-contents and duplicate-paragraph, for an added or removed block; duplicate-sentence,
  for a sentence said twice in one paragraph and once now (or the reverse);
- same-channel: every e-mail, phone, URL or postal address reaches what it reached;
- link-target: only link targets changed, and none is a contact, rights or opt-out channel.

Never a proof when a changed word is a negation, a modal, a quantifier, a number (list numbering
aside) or a proper name. Every pattern of the proofs is linear, and the word diff runs only on
the stretch between the texts' common beginning and end, bounded in length.

Each kind is proven in the module of what it looks at: trivial_layout.py (numbering, heading
case), trivial_sections.py (blocks against the whole document), trivial_links.py (channels and
link targets), trivial_words.py with spelling.py (word edits); trivial_proof.py says what a
proof is and which words none may change.
"""

from __future__ import annotations

from kpversion.materiality.trivial_layout import _heading_case, _numbering
from kpversion.materiality.trivial_links import _link_target, _same_channel
from kpversion.materiality.trivial_proof import Context, Proof
from kpversion.materiality.trivial_sections import (
    _duplicate_paragraph,
    _duplicate_sentence,
    _paragraph_held_whole,
    _table_of_contents,
)
from kpversion.materiality.trivial_words import _word_edits


def prove_trivial(old: str, new: str, context: Context = Context()) -> Proof | None:
    """The proof that changing `old` into `new` is trivial, or None when none can be shown.

    `old` and `new` are the Markdown of one change: a block, a sentence, or "" for an added or
    removed block.
    """
    if old == new:
        return None
    if not old.strip() or not new.strip():
        added = not old.strip()
        block = new if added else old
        return (
            _duplicate_paragraph(block, added, context)
            or _paragraph_held_whole(block, added, context)
            or _duplicate_sentence(block, added, context)
            or _table_of_contents(block, added, context)
        )
    for prover in (_numbering, _heading_case, _same_channel, _link_target, _word_edits):
        proof = prover(old, new, context)
        if proof is not None:
            return proof
    return None
