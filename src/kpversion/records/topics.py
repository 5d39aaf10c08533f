"""The topics a notice groups its changes under, and how a change's topic is decided.

One table a reader can check against docs/legal.md: the rule that decided a change (its first
rule) names the topic when the table has it; otherwise its OPP-115 category does; otherwise the
change is one of the "other changes". The direction sentences say what a change's direction
means for that topic, in the reader's terms.
"""

from __future__ import annotations

from enum import StrEnum

from kpversion.change import Change, Direction


class Topic(StrEnum):
    """In the order a notice lists them."""

    COLLECTION = "collection"
    USE = "use"
    SHARING = "sharing"
    CHOICES = "choices"
    CONTACT = "contact"
    OTHER = "other"

    @property
    def heading(self) -> str:
        return HEADINGS[self]


HEADINGS = {
    Topic.COLLECTION: "What we collect",
    Topic.USE: "How we use it",
    Topic.SHARING: "Who we share it with",
    Topic.CHOICES: "Your choices and rights",
    Topic.CONTACT: "How to reach us",
    Topic.OTHER: "Other changes",
}

RULE_TOPICS = {
    "A6": Topic.COLLECTION,  # a new category of personal information
    "A7": Topic.COLLECTION,  # a category removed, collection narrowed
    "A8": Topic.USE,  # a new purpose of use
    "A9": Topic.SHARING,  # a new recipient
    "A10": Topic.SHARING,  # selling or sharing for advertising
    "A20": Topic.SHARING,  # tracking technologies: third-party tracking is sharing
    "A23": Topic.SHARING,  # exceptions to non-disclosure
    "A14": Topic.CHOICES,  # a right added
    "A15": Topic.CHOICES,  # a right removed or narrowed
    "A24": Topic.CHOICES,  # an opt-out or choice mechanism
    "A5": Topic.CONTACT,  # contact information
}
"""The deciding rule's topic (rule ids of docs/legal.md's Table A)."""

CATEGORY_TOPICS = {
    "first-party-collection": Topic.COLLECTION,
    "third-party-sharing": Topic.SHARING,
    "do-not-track": Topic.SHARING,
    "user-choice": Topic.CHOICES,
    "user-access": Topic.CHOICES,
}
"""The topic of an OPP-115 category, when the deciding rule has none."""

EFFECTS = {
    Topic.COLLECTION: (
        "We may collect more information about you than before.",
        "We collect less information about you than before.",
    ),
    Topic.USE: (
        "We may use your information in more ways than before.",
        "We use your information in fewer ways than before.",
    ),
    Topic.SHARING: (
        "We may share your information more widely than before.",
        "We share your information less than before.",
    ),
    Topic.CHOICES: (
        "This narrows your choices or rights.",
        "This adds to your choices or rights.",
    ),
    Topic.CONTACT: (
        "This changes how you reach us about your information.",
        "This changes how you reach us about your information.",
    ),
    Topic.OTHER: (
        "This allows more use or sharing of your information than before.",
        "This gives your information more protection than before.",
    ),
}
"""(more permissive, more protective) for each topic."""

NEUTRAL_EFFECT = "This neither widens nor narrows what is done with your information."
UNKNOWN_EFFECT = "Read the full text to see how it affects you."


def topic_of(change: Change) -> Topic:
    """The topic of change: its deciding rule's, else its category's, else other."""
    if change.rules and change.rules[0] in RULE_TOPICS:
        return RULE_TOPICS[change.rules[0]]
    return CATEGORY_TOPICS.get(change.category, Topic.OTHER)


def effect(topic: Topic, direction: Direction) -> str:
    """What direction means for the reader, for a change of topic."""
    if direction is Direction.MORE_PERMISSIVE:
        return EFFECTS[topic][0]
    if direction is Direction.MORE_PROTECTIVE:
        return EFFECTS[topic][1]
    return NEUTRAL_EFFECT if direction is Direction.NEUTRAL else UNKNOWN_EFFECT
