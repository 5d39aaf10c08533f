"""The materiality stage: every change gets a verdict, direction, category, rules and reason."""

from kpversion.materiality.classifier import classify, classify_change, load_rules
from kpversion.materiality.ruleset import Rules

__all__ = ["Rules", "classify", "classify_change", "load_rules"]
