"""The numbers a sentence claims: durations (in days), periods bound to what they are for, and
ages (in years).

An age threshold is the claim however it is worded ("under the age of 13", "younger than 13"):
the words stating it are no audience or data type of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kpversion.materiality.claim_facts import EXERCISE, Fact, Frame
from kpversion.materiality.frames import _owners
from kpversion.materiality.lexicon import Hit
from kpversion.materiality.numbers import number_at
from kpversion.materiality.reading import Sentence
from kpversion.materiality.wording import TokenKind

_UNITS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 365.25 / 12,  # so that 12 months are a year, as every reader counts them
    "year": 365.25,
}
UNIT_WORDS = {f"{unit}s": unit for unit in _UNITS} | {unit: unit for unit in _UNITS}
AGE_RANGE = (10.0, 21.0)
"""Ages a threshold names ("under 13", "over 16") even where no word says age."""
_AGE_CUES = frozenset(
    {"age", "ages", "aged", "old", "older", "younger", "under", "over", "between"}
)
_AGE_TOPICS = frozenset(
    {"age", "ages", "aged", "child", "children", "minor", "minors", "teen", "teens", "kids",
     "parent"}
)  # fmt: skip


STATISTICS = frozenset({"median", "average", "averaged", "mean"})
PERIOD_REACH = 5
"""Words before a period within which the thing it is for is named."""
AGE_WORDING = frozenset({("audience", "minors"), ("data", "age")})
"""What the words of a threshold are found as: "under the age of", "younger than", "age"."""
AGE_WORDING_REACH = 4
"""Words either side of an age in which "under the age of", "years of age" or "younger than"
are the age's wording, not an audience or a data type of their own."""


def _without_age_wording(sentence: Sentence, hits: list[Hit], listed: bool = False) -> list[Hit]:
    """The hits without the words that state an age threshold: the age itself is the claim
    ("under the age of 13" and "younger than 13" claim the same)."""
    ages = [index for index, _ in _ages(sentence, listed)]
    if not ages:
        return hits
    return [h for h in hits if not ((h.kind, h.id) in AGE_WORDING and _near_any(h, ages))]


def _near_any(hit: Hit, positions: Sequence[int]) -> bool:
    reach = AGE_WORDING_REACH
    return any(hit.start - reach <= position < hit.end + reach for position in positions)


def _ages(sentence: Sentence, listed: bool = False) -> Iterator[tuple[int, float]]:
    """The ages a sentence states: (word index, years). In a list of ages (listed) a figure
    in the range of ages is one without words saying so ("Spain: 14")."""
    words = sentence.words
    about_age = any(w in _AGE_TOPICS for w in words)
    for index in range(len(words)):
        value = number_at(sentence, index)
        if value is None:
            continue
        unit = _unit(words, index + 1)
        in_range = AGE_RANGE[0] <= value <= AGE_RANGE[1]
        # (A figure first in an item is its number: "11. Rewards".)
        bare = listed and in_range and unit in (None, "year") and index > 0
        if bare or ((about_age or in_range) and _age_phrase(words, index, unit)):
            yield index, value


ONE = frozenset({"a", "an"})
RATE_WORDS = frozenset({"once", "twice", "times", "per"})


def _one_unit(sentence: Sentence, index: int) -> float | None:
    """ "a month", "an hour": one of the unit ("within a month" → "within three months"
    lengthens). Only right before a unit in lower case: "a few days" names no figure, and
    "Give an Hour" is a name."""
    words = sentence.words
    if words[index] not in ONE or _unit(words, index + 1) is None:
        return None
    if not sentence.written[index + 1][:1].islower():
        return None
    before = words[index - 1] if index > 0 else ""
    if before in RATE_WORDS or before in UNIT_WORDS or before.isdigit():
        return None  # "once a year", "three times a month", "24 hours a day": how often
    return 1.0


INTERVAL_CUES = frozenset({"every", "each"})
"""Words before a period that make it an interval ("every 90 days"), not a length."""


def _quantities(
    sentence: Sentence, frames: Sequence[Frame], listed_ages: bool = False
) -> list[Fact]:
    """Durations (in days) and ages (in years), each a fact of the sentence's practices
    (listed_ages: the sentence is an item or row of a list of ages)."""
    facts = []
    words = sentence.words
    if any(word in STATISTICS for word in words):
        # A figure reported ("the median number of days to respond was 9") is a statistic of
        # the past year, not a period promised.
        return []
    if _a_row_of_figures(sentence):
        return []
    ages = dict(_ages(sentence, listed_ages))
    periods: list[tuple[int, float]] = []
    for index in range(len(words)):
        value = number_at(sentence, index)
        if value is None:
            value = _one_unit(sentence, index)
        if value is None:
            continue
        unit = _unit(words, index + 1)
        if unit is not None and (_ago(words, index) or _measured(words[index])):
            continue
        if index in ages:
            facts += [
                Fact(f.practice, f.negated, "age", _number(value)) for f in _owners(frames, index)
            ]
        elif unit is not None:
            days = value * _UNITS[unit]
            owners = _owners(frames, index)
            # "rotated every 90 days": how often it is done, not how long.
            every = index > 0 and words[index - 1] in INTERVAL_CUES
            role = "interval" if every else "duration"
            facts += [Fact(_period_practice(f, words), f.negated, role, _number(days))
                      for f in owners]  # fmt: skip
            if _past_an_end(words, index + 2) and not _a_maximum(words, index):
                facts += [Fact(f.practice, f.negated, "extension", "past an end") for f in owners]
            periods.append((index, days))
    end = _end_kept_to(words)
    if end >= 0 and not any(f.role == "extension" for f in facts):
        facts += [Fact(f.practice, f.negated, "end", TO_AN_END) for f in _owners(frames, end)]
    needed = _kept_while_needed(words)
    if needed >= 0:
        facts += [Fact(f.practice, f.negated, "end", WHILE_NEEDED) for f in _owners(frames, needed)]
    at_once = _first_of(words, AT_ONCE)
    if at_once >= 0 and not any(f.role == "duration" for f in facts):
        # "immediately deleted": kept for no time, so that "deleted within 90 days" lengthens.
        owners = [f for f in _owners(frames, at_once) if f.practice in KEEPING]
        facts += [Fact(f.practice, f.negated, "duration", _number(0)) for f in owners]
    endless = _first_of(words, ENDLESS)
    if endless >= 0:
        facts += [
            Fact(f.practice, f.negated, "end", INDEFINITELY) for f in _owners(frames, endless)
        ]
    if len(periods) > 1:
        # Two periods in a sentence: which thing each is for is a claim of its own ("logs for
        # 30 days and backups for 90 days" is not "logs for 90 days and backups for 30").
        facts += [
            Fact(f.practice, f.negated, "period", f"{_kept(words, index)}={_number(days)}")
            for index, days in periods
            for f in _owners(frames, index)
        ]
    return facts


ENDS = frozenset(
    {"close", "closes", "closed", "closing", "closure", "delete", "deletes", "deleted",
     "deleting", "deletion", "cancel", "cancels", "cancelled", "canceled", "cancellation",
     "terminate", "terminates", "terminated", "termination", "end", "ends", "ended", "expire",
     "expires", "expired", "expiry", "expiration", "leave", "leaves", "deactivate",
     "deactivated", "deactivation"}
)  # fmt: skip
"""Events that end an account, a membership or a contract."""
AFTERWARDS = frozenset({"afterwards", "afterward", "thereafter"})
THEN_REMOVED = frozenset({"deleted", "erased", "destroyed", "anonymized", "anonymised", "removed"})
END_REACH = 6
"""Words after a period in which "after" and the end it follows stand."""


ROW_FIGURES = 4
"""Numbers in a sentence from which a decimal time among them is a report's figure."""


def _a_row_of_figures(sentence: Sentence) -> bool:
    """A row of a report ("Request to Correct | 512 | 428 | 84 | 23.4 days"): counts and a
    time with decimals, measured, not promised."""
    words = sentence.words
    numbers = [i for i, k in enumerate(sentence.kinds) if k is TokenKind.NUMBER]
    timed = any("." in words[i] and _unit(words, i + 1) is not None for i in numbers)
    return len(numbers) >= ROW_FIGURES and timed


def _measured(number: str) -> bool:
    """A figure with two or more decimals ("8.83 days", "15.47 days"): a time measured, as a
    report of requests answered gives it, not a period promised."""
    _, dot, fraction = number.rpartition(".")
    return bool(dot) and len(fraction) >= 2 and fraction.isdigit()


def _past_an_end(words: Sequence[str], start: int) -> bool:
    """Whether the period just before `start` runs past an end ("for 3 years after you close
    your account", "until 5 years after your membership is cancelled") or before a deletion
    ("kept for up to 3 years and then deleted"): it keeps data longer than the end did,
    where a period on its own caps how long data is kept."""
    after = words[start : start + END_REACH]
    if len(after) > 0 and after[0] == "after":
        return True  # "for two years after we fill the position": after whatever ends
    if "after" in after:
        return any(w in ENDS for w in after[after.index("after") + 1 :])
    if not AFTERWARDS.isdisjoint(after[:2]):
        return True  # "and for five years afterwards": past the end the sentence named
    return tuple(after[:2]) == ("and", "then") and any(w in THEN_REMOVED for w in after[2:4])


MAXIMUM_WORDS = frozenset({"than", "most", "maximum", "within"})
"""Words just before a period that make it a maximum ("never for more than 24 months after you
close it", "no longer than", "at most", "deleted within 30 days after you close it"): a cap,
even past an end."""


def _a_maximum(words: Sequence[str], index: int) -> bool:
    return any(w in MAXIMUM_WORDS for w in words[max(0, index - 3) : index])


HELD_WHILE = (("as", "long", "as"), ("while",), ("until",), ("for", "the", "duration", "of"))
"""Words that keep data to an end ("as long as you have an account", "until your membership is
cancelled")."""
HELD_THINGS = frozenset({"account", "accounts", "membership", "subscription", "contract"})
_END_WORDS = ENDS | {lead[0] for lead in HELD_WHILE}


TO_AN_END = "to an end"
WHILE_NEEDED = "while needed"
INDEFINITELY = "indefinitely"
NEEDED = frozenset({"necessary", "needed", "required"})
NEED_REACH = 4
"""Words after "as long as" within which "necessary" or "needed" stands ("as long as is
reasonably necessary")."""


def _kept_while_needed(words: Sequence[str]) -> int:
    """Where a sentence keeps data as long as the writer needs it ("for as long as necessary
    to provide the service"), an end the writer judges; -1 where it does not."""
    for index in range(len(words) - 2):
        after = words[index + 3 : index + 3 + NEED_REACH]
        if tuple(words[index : index + 3]) == ("as", "long", "as") and not NEEDED.isdisjoint(after):
            return index
    return -1


RESPOND = "respond"
"""The writer answering a person's request: its period is a deadline the writer keeps."""
RESPONSE_WORDS = frozenset(
    {"respond", "responds", "response", "reply", "replies", "answer", "fulfil", "fulfill",
     "acknowledge", "acknowledged", "complete", "completed", "resolve", "resolved"}
)  # fmt: skip
"""Words of the writer answering a request: a period beside them is the writer's deadline."""
REQUEST_WORDS = frozenset({"request", "requests", "inquiry", "inquiries", "enquiry", "enquiries"})


def _period_practice(frame: Frame, words: Sequence[str]) -> str:
    """The practice a period is of. A right's period is the person's time to use it ("you
    have the right to withdraw within 14 days"), unless the writer answers in it ("we will
    respond to your request within 30 days"): a deadline, read as other periods are."""
    answering = not RESPONSE_WORDS.isdisjoint(words)
    asked = frame.practice == EXERCISE or not REQUEST_WORDS.isdisjoint(words)
    if frame.practice in (EXERCISE, "") and answering and asked:
        return RESPOND
    if frame.practice == EXERCISE and not KEEPING_WORDS.isdisjoint(words):
        # "We keep logs for 90 days after you close your account": the choice's sentence
        # keeps data for the period; it is how long, not the person's time to choose.
        return ""
    if not frame.practice and _a_notice_shown(words):
        # "A notice will be posted on our homepage for 30 days": how long notice is shown.
        return NOTIFY
    return frame.practice


NOTIFY = "notify"
NOTICE_NOUNS = frozenset({"notice", "notices", "notification", "banner"})
SHOWING = frozenset({"posted", "displayed", "shown", "published", "placed"})


def _a_notice_shown(words: Sequence[str]) -> bool:
    """A notice said to be posted or displayed, with no practice word for it."""
    return not NOTICE_NOUNS.isdisjoint(words) and not SHOWING.isdisjoint(words)


KEEPING_WORDS = frozenset(
    {"keep", "keeps", "kept", "retain", "retains", "retained", "store", "stores", "stored",
     "hold", "holds", "held", "delete", "deletes", "deleted", "erase", "erased", "remove",
     "removed"}
)  # fmt: skip


AT_ONCE = frozenset({"immediately", "instantly"})
KEEPING = frozenset({"retain", "delete"})
ENDLESS = frozenset({"indefinitely", "forever", "permanently", "perpetually", "perpetuity"})
"""Words that keep data with no end at all ("we retain your data indefinitely")."""


def _first_of(words: Sequence[str], wanted: frozenset[str]) -> int:
    """Where the first of `wanted` stands in words, or -1 (most sentences hold none: the set
    test runs in C before any loop in Python)."""
    if wanted.isdisjoint(words):
        return -1
    return next(i for i, word in enumerate(words) if word in wanted)


def _end_kept_to(words: Sequence[str]) -> int:
    """Where a sentence keeps data up to an end, with no period past it: "as long as you have
    an account", "until your membership is cancelled", "when you delete your account, ... is
    deleted"; -1 where it does not. Against such a text a period past the end keeps data
    longer; against any other it caps how long data is kept."""
    if _END_WORDS.isdisjoint(words):
        return -1  # most sentences: no end and no "as long as", "while" or "until"
    for index, word in enumerate(words):
        for lead in HELD_WHILE:
            if tuple(words[index : index + len(lead)]) == lead:
                reach = words[index + len(lead) : index + len(lead) + END_REACH]
                # "until" names an end whatever follows ("until we fill the position").
                if lead == ("until",) or any(w in HELD_THINGS or w in ENDS for w in reach):
                    return index
        if word in ENDS and "after" not in words[max(0, index - END_REACH) : index]:
            return index
    return -1


_NOT_KEPT = frozenset(
    {"for", "up", "to", "within", "after", "of", "a", "an", "the", "period", "maximum",
     "minimum", "least", "at", "most", "than", "more", "less", "and"}
)  # fmt: skip


def _kept(words: Sequence[str], index: int) -> str:
    """The thing a period is for: the nearest word before it that is not part of the phrase
    stating the period ("logs" in "logs for up to 30 days")."""
    for word in reversed(words[max(0, index - PERIOD_REACH) : index]):
        if word not in _NOT_KEPT and not word.isdigit():
            return word
    return ""


def _ago(words: Sequence[str], index: int) -> bool:
    """Whether the quantity at `index` dates something ("updated 2 weeks ago"): a point in
    the past, as a page's chrome shows it, not a period anything is kept or given for."""
    return "ago" in words[index + 2 : index + 4]


def _unit(words: Sequence[str], index: int) -> str | None:
    if index < len(words) and words[index] in UNIT_WORDS:
        return UNIT_WORDS[words[index]]
    if index + 1 < len(words) and words[index] in ("calendar", "business"):
        return UNIT_WORDS.get(words[index + 1])
    return None


def _age_phrase(words: Sequence[str], index: int, unit: str | None) -> bool:
    """ "under 13", "under the age of 16", "13 years of age", "aged 13 or older"."""
    if unit not in (None, "year"):
        return False
    before = set(words[max(0, index - 4) : index])
    after = words[index + 1 : index + 4]
    return bool(before & _AGE_CUES) or "old" in after or "age" in after or "older" in after


def _number(value: float) -> str:
    return f"{value:.6g}"
