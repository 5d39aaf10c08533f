"""A commitment's wording changed where the claims did not show it: a negation, a modal, a
quantifier, a limit, a hedge or a discretion phrase added or removed.

The claims read a negation or a modal on a practice ("we do not share"); a commitment can also
sit on a verb no practice names ("we do not have to agree to your request", "the cookie does not
contain personal information", "all mailings will contain an opt-out"). There the change of the
commitment word is the change of the claim: material where the sentence names anything of the
ontology, review where it names nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kpversion.change import Direction
from kpversion.materiality.claim_facts import AIMING
from kpversion.materiality.lexicon import Lexicon, outermost
from kpversion.materiality.wording import Token, TokenKind, Wording

PERMISSIVE = Direction.MORE_PERMISSIVE
PROTECTIVE = Direction.MORE_PROTECTIVE
UNKNOWN = Direction.UNKNOWN
STRENGTH = {"obligation": 2, "advice": 1, "permission": 0}
"""How strongly a modal binds: "will" > "should" > "may"."""
STATED = 1
"""The strength of a text with no modal: a statement of fact."""
MODAL_KINDS = frozenset(STRENGTH)
QUANTIFIER_KINDS = frozenset({"quantifier"})
OBLIGATION_AFTER = frozenset(
    {"have", "has", "need", "needs", "required", "obliged", "obligated", "obligation", "duty"}
)
"""A negation before these negates a duty ("we do not have to agree", "we have no obligation
to refund"): it frees the writer."""
ABILITY_AFTER = frozenset({"able", "allowed", "entitled", "opt"})
"""A negation before these, or before a right or a choice, takes something from the reader
("you will not be able to delete", "will not opt you out": "opt" split from its "out"):
removing it gives it back."""
NEGATION_REACH = 3
"""Words after a negation in which the duty, ability, right or choice it negates stands."""
COMMITMENT_WORDS = (
    "negation", "obligation", "advice", "permission", "universal", "partial", "limit", "hedge",
    "discretion",
)  # fmt: skip
AIM = "aim"
"""The count of hedges that aim at the verb after them, kept beside the hedges' own."""
QUERY = "query"
"""The count of quantifiers before the reader's questions, kept apart from the others."""
CLAIM_KINDS = frozenset(
    {"data", "recipient", "purpose", "right", "choice", "security", "channel-word", "practice",
     "policy", "audience", "qualifier", "legal-basis"}
)  # fmt: skip


@dataclass(frozen=True)
class CommitmentChange:
    """What changed in a commitment's wording, and which way it moves the statement."""

    rule: str
    direction: Direction
    what: str
    names_a_claim: bool
    moved: tuple[tuple[str, int], ...] = ()
    """How many of each commitment word the new text has more (or fewer): a change whose
    count another change undoes moved the word between sentences ("X, and we never will" ->
    "X. We never will.")."""


def commitment_change(wording: Wording, lexicon: Lexicon) -> CommitmentChange | None:
    """The commitment words that changed between a change's texts, if any did."""
    old, new = _kinds(wording.old, lexicon), _kinds(wording.new, lexicon)
    if not wording.old or not wording.new:
        # A sentence added or removed whole: an aim hedges the verb after it, which the claims
        # compare already. Alone ("Our goal is to give you simple choices"), it is an
        # aspiration stated or dropped.
        old["hedge"] -= old[AIM]
        new["hedge"] -= new[AIM]
    if all(old[k] == new[k] for k in COMMITMENT_WORDS):
        if old[QUERY] != new[QUERY]:
            # "Any feedback and ratings": a quantifier before what the reader sends reaches
            # no claim the lexicon knows, but may reach one it does not: a reader decides.
            return CommitmentChange("G1", UNKNOWN, "a quantifier before questions changed", False)
        return None
    moved = tuple((k, new[k] - old[k]) for k in COMMITMENT_WORDS if new[k] != old[k])
    found = _commitment_change(old, new, wording, lexicon)
    return None if found is None else replace(found, moved=moved)


def _commitment_change(
    old: Counter[str], new: Counter[str], wording: Wording, lexicon: Lexicon
) -> CommitmentChange | None:
    claims = _names_a_claim(wording, lexicon)
    if not claims and all(_is_label(tokens) for tokens in (wording.old, wording.new) if tokens):
        # A label or promotion in Title Case that names nothing of the ontology ("Limited
        # Time Only!"): its "only" limits no practice.
        return None
    for reading in (_negation, _modal, _quantifier, _limit):
        found = reading(old, new, wording, lexicon)
        if found is not None:
            rule, direction, what = found
            return CommitmentChange(rule, direction, what, claims)
    # The words moved (a modal in another place, one limit for another): a person reads it.
    return CommitmentChange("G1", UNKNOWN, "a commitment word changed", False)


_Found = tuple[str, Direction, str] | None


def _negation(old: Counter[str], new: Counter[str], wording: Wording, lexicon: Lexicon) -> _Found:
    if old["negation"] == new["negation"]:
        return None
    removed = new["negation"] < old["negation"]
    duty = _negates_duty(wording.old if removed else wording.new, lexicon)
    # Removing a negation widens what the writer may do, unless it negated a duty.
    direction = (PROTECTIVE if duty else PERMISSIVE) if removed else (
        PERMISSIVE if duty else PROTECTIVE)  # fmt: skip
    return "A11", direction, f"negation {'removed' if removed else 'added'}"


def _modal(old: Counter[str], new: Counter[str], wording: Wording, lexicon: Lexicon) -> _Found:
    # A plain statement ("We take measures") binds as "should" does: below "will", above
    # "may" ("We may take measures" weakens it), as the claims rank modalities.
    # Only the writer's own modal is measured against a plain statement: "you may" grants the
    # person something, and a heading's "How you can" promises nothing.
    before = max((STRENGTH[k] for k in STRENGTH if old[k]), default=None)
    after = max((STRENGTH[k] for k in STRENGTH if new[k]), default=None)
    if before is None and wording.old and _writers_modal(wording.new, lexicon):
        before = STATED
    if after is None and wording.new and _writers_modal(wording.old, lexicon):
        after = STATED
    if before is None or after is None or before == after:
        return None
    weaker = after < before
    return (
        "A12",
        PERMISSIVE if weaker else PROTECTIVE,
        f"a promise {'weakened' if weaker else 'strengthened'} ({_modals(wording, lexicon)})",
    )


WRITER_WORDS = frozenset({"we", "us", "our"})
WRITER_REACH = 2
"""Words before a modal within which "we" makes it the writer's ("we may also take")."""


def _writers_modal(tokens: Sequence[Token], lexicon: Lexicon) -> bool:
    words = [t.norm for t in tokens]
    return any(
        not WRITER_WORDS.isdisjoint(words[max(0, h.start - WRITER_REACH) : h.start])
        for h in outermost(lexicon.find(words), MODAL_KINDS)
    )


def _quantifier(old: Counter[str], new: Counter[str], wording: Wording, lexicon: Lexicon) -> _Found:
    if (old["universal"], old["partial"]) == (new["universal"], new["partial"]):
        return None
    narrower = new["universal"] < old["universal"] or new["partial"] > old["partial"]
    protects = any(old[k] or new[k] for k in ("right", "choice", "security", "limit", "negation"))
    if not protects:
        return "A12", UNKNOWN, "a quantifier changed"
    return "A12", PERMISSIVE if narrower else PROTECTIVE, (
        f"a protection now reaches {'fewer' if narrower else 'more'}")  # fmt: skip


def _limit(old: Counter[str], new: Counter[str], wording: Wording, lexicon: Lexicon) -> _Found:
    for kind, widens_when_added in (("limit", False), ("hedge", True), ("discretion", True)):
        if old[kind] != new[kind]:
            added = new[kind] > old[kind]
            widens = added == widens_when_added
            return (
                "A12",
                PERMISSIVE if widens else PROTECTIVE,
                f"{kind} {'added' if added else 'removed'}",
            )
    return None


def _kinds(tokens: Sequence[Token], lexicon: Lexicon) -> Counter[str]:
    found: Counter[str] = Counter()
    words = [t.norm for t in tokens]
    hits = lexicon.find(words)
    pointers = [h for h in hits if h.kind == "pointer"]
    modals = outermost(hits, MODAL_KINDS)
    quantifiers = outermost(hits, QUANTIFIER_KINDS)
    for hit in hits:
        if hit.kind in STRENGTH and (hit.inside(pointers) or hit not in modals):
            continue  # "You can read about ...": the pointer's "can" grants nothing
        if hit.kind == "quantifier" and hit not in quantifiers:
            continue  # "all" inside "any and all": one quantifier
        if hit.kind == "quantifier":
            if _asks(words, hit.end):
                # "If you have (any) questions": the reader's own questions, no claim at all.
                if words[hit.start - 1 : hit.start] != ["have"]:
                    found[QUERY] += 1
            elif not _counts(words, hit.end):
                found[hit.id] += 1
        elif hit.kind == "negation" and _alternative(words, hit.start):
            continue
        elif hit.kind in ("negation", "obligation", "permission", "advice", "limit", "hedge",
                          "discretion", "right", "choice", "security"):  # fmt: skip
            found[hit.kind] += 1
            if hit.kind == "hedge" and words[hit.start] in AIMING:
                found[AIM] += 1  # "we aim to", "our goal is to": a hedge on the verb after it
    return found


WHETHER_REACH = 12
"""Words back from "or not" in which a "whether" makes it the other side of a choice."""


def _alternative(words: Sequence[str], start: int) -> bool:
    """The "not" of "whether or not" and "whether you agree or not": the other side of a
    choice, which negates nothing ("whether or not you want" is "whether you want")."""
    if start == 0 or words[start - 1] != "or" or words[start] != "not":
        return False
    return "whether" in words[max(0, start - 1 - WHETHER_REACH) : start - 1]


COUNT_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
QUERY_WORDS = frozenset(
    {"question", "questions", "concern", "concerns", "comment", "comments", "inquiries",
     "enquiries", "inquiry", "enquiry", "feedback", "suggestions"}
)  # fmt: skip
"""What a reader may bring ("if you have any questions"): a quantifier before them reaches no
practice, right or data, though the guard of A1 still has a person read it."""


def _counts(words: Sequence[str], end: int) -> bool:
    """Whether a quantifier counts the parties just named ("all three companies", "all 4"):
    a number follows it, not a reach over data ("all of your data" is one)."""
    following = words[end] if end < len(words) else ""
    return following in COUNT_WORDS or following.isdigit()


def _asks(words: Sequence[str], end: int) -> bool:
    """Whether a quantifier reaches the reader's questions ("any questions", "any further
    questions")."""
    if end < len(words) and words[end] in QUERY_ADJECTIVES:
        end += 1
    return end < len(words) and words[end] in QUERY_WORDS


QUERY_ADJECTIVES = frozenset({"additional", "further", "other", "more", "specific"})


def _negates_duty(tokens: Sequence[Token], lexicon: Lexicon) -> bool:
    """Whether a negation binds the reader rather than the writer: it negates the writer's duty,
    or the reader's ability, right or choice. Removing such a negation protects."""
    words = [t.norm for t in tokens]
    hits = lexicon.find(words)
    granted = {h.start for h in hits if h.kind in ("right", "choice")}
    for negation in (h for h in hits if h.kind == "negation"):
        near = range(negation.end, negation.end + NEGATION_REACH)
        if set(words[negation.end : negation.end + 2]) & OBLIGATION_AFTER:
            return True
        if set(words[near.start : near.stop]) & ABILITY_AFTER or granted.intersection(near):
            return True
    return False


LABEL_LOWER = 1
"""Long words a Title Case label may leave in lower case."""


def _is_label(tokens: Sequence[Token]) -> bool:
    words = [t.text for t in tokens if t.kind is TokenKind.WORD and len(t.text) > 3]
    lower = sum(w[:1].islower() for w in words)
    return bool(words) and lower <= LABEL_LOWER and lower * 5 < len(words)


def _names_a_claim(wording: Wording, lexicon: Lexicon) -> bool:
    for tokens in (wording.old, wording.new):
        if any(h.kind in CLAIM_KINDS for h in lexicon.find([t.norm for t in tokens])):
            return True
    return False


def _modals(wording: Wording, lexicon: Lexicon) -> str:
    """The modals the edit removed and added ("will → may", "stated → may")."""
    removed = [m for hunk in wording.hunks for m in _modal_words(hunk.removed, lexicon)]
    added = [m for hunk in wording.hunks for m in _modal_words(hunk.added, lexicon)]
    return f"{' '.join(removed) or 'stated'} → {' '.join(added) or 'stated'}"


def _modal_words(tokens: Sequence[Token], lexicon: Lexicon) -> list[str]:
    words = [t.norm for t in tokens]
    return [" ".join(words[h.start : h.end]) for h in outermost(lexicon.find(words), MODAL_KINDS)]


__all__ = ["CommitmentChange", "commitment_change"]
