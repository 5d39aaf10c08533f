"""Materiality: every change gets a verdict, direction, category, rules and a reason.

The public API; `classifier` runs the checks, `ruleset` loads the rules they read.
"""

from __future__ import annotations

from kpversion.materiality.classifier import classify, classify_change, gather_evidence
from kpversion.materiality.evidence import Evidence
from kpversion.materiality.ruleset import Rules, load_rules

__all__ = ["Evidence", "Rules", "classify", "classify_change", "gather_evidence", "load_rules"]
