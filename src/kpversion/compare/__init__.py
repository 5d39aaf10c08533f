"""The compare stage: two texts become a diff whose every change carries its verdict."""

from kpversion.compare.comparison import compare, rules_for

__all__ = ["compare", "rules_for"]
